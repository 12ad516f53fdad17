//! Keyboard focus across redraws: the table's rows are slots whose
//! elements are replaced as the view changes, so focus is moved by selector,
//! one frame later, and only while the user has not taken it elsewhere.

/// The page's focused element, if any.
pub fn active_element() -> Option<web_sys::Element> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
}

/// Whether focus went, since `before` had it, to an element of its own
/// choosing: not the page itself (where a redrawn row leaves it) and not a
/// row of the table.
pub fn focus_moved_away(before: Option<&web_sys::Element>) -> bool {
    let now = active_element();
    match now {
        Some(now) if Some(&now) != before => {
            !now.tag_name().eq_ignore_ascii_case("body")
                && now.closest(".numbers tbody").ok().flatten().is_none()
        }
        _ => false,
    }
}

/// Where a navigation key moves the table's focus from row `from`.
pub fn nav_target(key: &str, from: usize) -> Option<usize> {
    const PAGE: usize = 10;
    match key {
        "ArrowDown" => Some(from + 1),
        "ArrowUp" => Some(from.saturating_sub(1)),
        "PageDown" => Some(from + PAGE),
        "PageUp" => Some(from.saturating_sub(PAGE)),
        "Home" => Some(0),
        "End" => Some(usize::MAX),
        _ => None,
    }
}

/// Focuses the first element matching `selector`, if any.
pub fn focus_selector(selector: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// Scrolls the element `selector` names into view when its top is outside
/// the window: a phone shows the detail above the table, so a tap on a row
/// far down would otherwise open it out of sight.
pub fn reveal_selector(selector: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let element = window
        .document()
        .and_then(|d| d.query_selector(selector).ok().flatten());
    if let Some(element) = element {
        let top = element.get_bounding_client_rect().top();
        let height = window
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        if top < 0.0 || top > height {
            element.scroll_into_view();
        }
    }
}
