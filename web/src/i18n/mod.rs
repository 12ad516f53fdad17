//! The dashboard's words in English, Italian and Simplified Chinese.
//!
//! Every sentence a user reads is a field of [`Texts`]; each language is one
//! `static` of it, so a sentence missing in one language does not compile.
//! Sentences with figures are templates (`{0}`, `{1}`) filled by [`fill`]:
//! word order differs between the languages, so pieces are never glued.
//!
//! The chosen language lives in a signal in the context ([`Locale`]); [`t`]
//! reads it, so a view that calls it inside a closure redraws when the user
//! switches language, and nothing loaded is lost.

mod en;
mod it;
mod texts;
mod zh;

pub use texts::Texts;

use leptos::prelude::*;

/// A language the dashboard speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// Italian.
    It,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Every language, in the order the switcher lists them.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::It, Lang::Zh];

    /// The BCP 47 tag (`lang` attribute, `?lang=`, `Intl`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::It => "it",
            Lang::Zh => "zh-CN",
        }
    }

    /// The language's name in itself, as a switcher lists it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::It => "Italiano",
            Lang::Zh => "简体中文",
        }
    }

    /// Reads a tag such as `it`, `it-CH`, `zh-Hans-CN` or `en-GB`; a Chinese
    /// tag for the traditional script is not this catalogue's language.
    pub fn parse(tag: &str) -> Option<Lang> {
        let tag = tag.trim().to_ascii_lowercase();
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        match primary {
            "en" => Some(Lang::En),
            "it" => Some(Lang::It),
            "zh" if !(tag.contains("hant") || tag.contains("-tw") || tag.contains("-hk")) => {
                Some(Lang::Zh)
            }
            _ => None,
        }
    }

    /// The first of the browser's preferred languages that the dashboard speaks.
    pub fn from_browser() -> Lang {
        let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
            return Lang::En;
        };
        navigator
            .languages()
            .iter()
            .filter_map(|l| l.as_string())
            .chain(navigator.language())
            .find_map(|l: String| Lang::parse(&l))
            .unwrap_or_default()
    }

    /// This language's words.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::En => &en::TEXTS,
            Lang::It => &it::TEXTS,
            Lang::Zh => &zh::TEXTS,
        }
    }

    /// The thousands separator people of this language write.
    fn grouping(self) -> char {
        match self {
            Lang::It => '.',
            Lang::En | Lang::Zh => ',',
        }
    }

    /// The decimal separator.
    pub fn decimal(self) -> char {
        match self {
            Lang::It => ',',
            Lang::En | Lang::Zh => '.',
        }
    }

    /// The CSV field separator a spreadsheet of this locale expects: where the
    /// comma is the decimal separator, Excel splits on `;`.
    pub fn csv_separator(self) -> char {
        match self {
            Lang::It => ';',
            Lang::En | Lang::Zh => ',',
        }
    }
}

/// The chosen language, shared through the context.
#[derive(Debug, Clone, Copy)]
pub struct Locale(pub RwSignal<Lang>);

/// The current language (tracked); English where no [`Locale`] is provided
/// (a component mounted alone in a test).
pub fn lang() -> Lang {
    use_context::<Locale>().map_or(Lang::En, |l| l.0.get())
}

/// The current language's words (tracked).
pub fn t() -> &'static Texts {
    lang().texts()
}

/// One sentence of the catalogue as a view or an attribute value that follows
/// the language: `{tr(|t| t.reload)}`. Every call gives the same closure type,
/// so Leptos' render and effect code exists once for all of them; a closure
/// written per sentence (`move || t().reload`) was a copy of it each.
pub fn tr(pick: fn(&'static Texts) -> &'static str) -> impl Fn() -> &'static str + Copy {
    move || pick(t())
}

/// `template` with `{0}`, `{1}`, … replaced by `args` (no `format!`: the
/// templates are data, and a missing argument leaves its marker visible
/// rather than panicking).
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let arg = after
            .find('}')
            .and_then(|close| Some((after[..close].parse::<usize>().ok()?, close)));
        match arg.and_then(|(i, close)| Some((args.get(i)?, close))) {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `one` or `many` by `n` (filled with `n` in the current language's digits).
pub fn count(n: u64, one: &str, many: &str) -> String {
    fill(if n == 1 { one } else { many }, &[&num(n)])
}

/// `n` grouped as the current language writes it: `12,500` / `12.500`.
pub fn num(n: u64) -> String {
    num_in(lang(), n)
}

/// `n` grouped as `lang` writes it.
pub fn num_in(lang: Lang, n: u64) -> String {
    let text = wa_numbers_core::text::thousands(n);
    match lang.grouping() {
        ',' => text,
        sep => text.replace(',', sep.encode_utf8(&mut [0; 4])),
    }
}

/// Seconds for people: `45 s`, `12 min`, `3.5 h` (`3,5 h` in Italian).
pub fn duration(seconds: f64) -> String {
    let (lang, t) = (lang(), t());
    if seconds < 90.0 {
        fill(t.seconds, &[&num_in(lang, seconds.ceil() as u64)])
    } else if seconds < 5_400.0 {
        fill(t.minutes, &[&num_in(lang, (seconds / 60.0).ceil() as u64)])
    } else {
        // Tenths by integer arithmetic: no float formatting code. Past two
        // days a send reads better in days ("7.2 days", not "173.6 h").
        let (unit, template) = if seconds < 172_800.0 {
            (360.0, t.hours)
        } else {
            (8_640.0, t.days)
        };
        let tenths = (seconds / unit).round() as u64;
        let mut figure = num_in(lang, tenths / 10);
        figure.push(lang.decimal());
        figure.push(char::from(b'0' + (tenths % 10) as u8));
        fill(template, &[&figure])
    }
}

thread_local! {
    /// One `Intl.DateTimeFormat` per language and style: building one costs far
    /// more than using it, and the table formats a date per drawn row.
    static DATE_FORMATS: std::cell::RefCell<Vec<(Lang, bool, js_sys::Intl::DateTimeFormat)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

fn date_format(lang: Lang, with_time: bool) -> js_sys::Intl::DateTimeFormat {
    DATE_FORMATS.with(|cache| {
        if let Some((_, _, f)) = cache
            .borrow()
            .iter()
            .find(|(l, t, _)| *l == lang && *t == with_time)
        {
            return f.clone();
        }
        let options = js_sys::Object::new();
        let set = |k: &str, v: &str| {
            let _ = js_sys::Reflect::set(&options, &k.into(), &v.into());
        };
        set("dateStyle", "medium");
        if with_time {
            set("timeStyle", "short");
        }
        let locale = wasm_bindgen::JsValue::from_str(lang.tag());
        let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::of1(&locale), &options);
        cache.borrow_mut().push((lang, with_time, format.clone()));
        format
    })
}

/// A date or time from the provider (ISO 8601) as the language writes it;
/// the text as received when it does not read as a date.
pub fn date(iso: &str, with_time: bool) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return iso.to_owned();
    }
    let format = date_format(lang(), with_time);
    format
        .format()
        .call1(&format, &date)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| iso.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn fills_templates_in_any_order() {
        assert_eq!(fill("{1} di {0}", &["10", "3"]), "3 di 10");
        assert_eq!(fill("{0} {2}", &["a"]), "a {2}");
        assert_eq!(fill("{x} {", &[]), "{x} {");
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn reads_browser_language_tags() {
        assert_eq!(Lang::parse("it-CH"), Some(Lang::It));
        assert_eq!(Lang::parse("zh-Hans-CN"), Some(Lang::Zh));
        assert_eq!(Lang::parse("zh-TW"), None);
        assert_eq!(Lang::parse("de"), None);
        assert_eq!(num_in(Lang::It, 1_250_000), "1.250.000");
    }

    /// Seconds, minutes, hours with a tenth, and past two days, days.
    #[wasm_bindgen_test::wasm_bindgen_test]
    fn durations_read_in_the_unit_that_fits() {
        assert_eq!(duration(50.0), "50 s");
        assert_eq!(duration(90_000.0), "25.0 h");
        assert_eq!(duration(172_799.0), "48.0 h");
        assert_eq!(duration(625_000.0), "7.2 days");
    }
}
