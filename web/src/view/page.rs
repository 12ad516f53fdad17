//! What the app reads from its page and writes to it when it is the page
//! (not embedded): the address bar, and the host's `<meta>` settings.

use crate::i18n::Lang;

/// The page's query string (`?demo=1&lang=it`), or nothing.
pub fn location_search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// How long the view must stay unchanged before the address bar shows it.
pub const ADDRESS_BAR_DELAY: std::time::Duration = std::time::Duration::from_millis(150);

/// Writes the view into the address bar: a history entry of its own when
/// `new_entry` (a number opened or closed, so Back undoes it), else in place
/// of the current one (filters, sort, typing).
pub fn write_query(query: &str, new_entry: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let path = window.location().pathname().unwrap_or_default();
    if let Ok(history) = window.history() {
        let url = format!("{path}{query}");
        let null = wasm_bindgen::JsValue::NULL;
        let _ = if new_entry {
            history.push_state_with_url(&null, "", Some(&url))
        } else {
            history.replace_state_with_url(&null, "", Some(&url))
        };
    }
}

/// `?lang=it` in the address, when the dashboard is its own page.
pub fn lang_in_url(search: &str) -> Option<Lang> {
    web_sys::UrlSearchParams::new_with_str(search)
        .ok()
        .and_then(|p| p.get("lang"))
        .and_then(|l| Lang::parse(&l))
}

/// Who to contact about a number that cannot send, when the page says
/// (`<meta name="wa-numbers-support" content="…">`, set by whoever hosts it).
pub fn support_in_page() -> Option<String> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("meta[name='wa-numbers-support']")
                .ok()
                .flatten()
        })
        .and_then(|m| m.get_attribute("content"))
        .filter(|c| !c.trim().is_empty())
}
