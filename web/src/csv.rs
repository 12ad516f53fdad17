//! CSV exports (RFC 4180), safe to open in a spreadsheet, and their download.

use wasm_bindgen::JsCast;

/// One field: quoted when needed; a leading `=`, `@`, tab or CR (or `+`/`-`
/// not followed by a phone number) is defused with `'` so a spreadsheet never
/// runs it as a formula. The one formula let through is [`phone`]'s, whose
/// text is digits only.
pub fn field(value: &str, separator: char) -> String {
    let risky = !is_phone_formula(value)
        && match value.chars().next() {
            Some('=' | '@' | '\t' | '\r') => true,
            Some('+' | '-') => !value[1..].chars().all(|c| c.is_ascii_digit() || c == ' '),
            _ => false,
        };
    let value = if risky {
        ["'", value].concat()
    } else {
        value.to_owned()
    };
    if value.contains(['"', '\n', '\r', separator]) {
        ["\"", &value.replace('"', "\"\""), "\""].concat()
    } else {
        value
    }
}

/// A phone number that a spreadsheet keeps as text: `="+393331234567"`.
/// Written plainly, Excel and Sheets read `+39…` as a number and show
/// 3.93E+11. Anything but digits, spaces and one leading `+` stays as it is.
pub fn phone(number: &str) -> String {
    let digits = number.strip_prefix('+').unwrap_or(number);
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == ' ') {
        ["=\"", number, "\""].concat()
    } else {
        number.to_owned()
    }
}

fn is_phone_formula(value: &str) -> bool {
    value
        .strip_prefix("=\"")
        .and_then(|v| v.strip_suffix('"'))
        .is_some_and(|inner| !inner.is_empty() && phone(inner) == value)
}

/// A whole CSV text from a header and rows (CRLF line ends), fields split by
/// `separator` (`,`, or `;` for a locale whose decimal separator is the comma).
pub fn table(
    separator: char,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> String {
    let sep = separator.to_string();
    let line = |fields: &mut dyn Iterator<Item = String>| {
        let mut l = fields.collect::<Vec<_>>().join(&sep);
        l.push_str("\r\n");
        l
    };
    let mut out = line(&mut header.iter().map(|h| field(h, separator)));
    for row in rows {
        out.push_str(&line(&mut row.iter().map(|f| field(f, separator))));
    }
    out
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    // A byte order mark first: spreadsheets then read the file as UTF-8 and
    // accents and CJK names arrive intact.
    let text = ["\u{feff}", text].concat();
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(link) = document.create_element("a") {
        let link: web_sys::HtmlAnchorElement = link.unchecked_into();
        link.set_href(&url);
        link.set_download(name);
        link.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
