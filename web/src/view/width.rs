//! How wide the dashboard itself is, as a `data-width` on its root, for
//! the stylesheet's layouts.
//!
//! Media queries answer for the browser's window, and an embedded
//! dashboard gets only part of it: in a portal's 1,100 px column of a
//! 1,280 px window it took the laptop layout, and cut the phone numbers.
//! Container queries would answer, but they need size containment, which
//! collapses the dashboard to nothing in a portal element sized by its
//! content (a flex item with `flex: 0 1 auto`, a float). A ResizeObserver
//! on the host element measures what the dashboard was given and contains
//! nothing. Plain DOM, outside the view: no signal, no effect (this way
//! it costs the wasm a few hundred bytes, not the 2 KB of a reactive one).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The layout for a root `px` wide (border box, CSS pixels at 16 px a rem):
/// `phone` under 40rem; `narrow` (one column) under 75rem, where the table
/// beside the 24rem panel would cut the phone numbers; `laptop` under 96rem
/// (the root's own max-width: `wide` is the root at its widest).
pub fn layout(px: f64) -> &'static str {
    match px / 16.0 {
        w if w < 40.0 => "phone",
        w if w < 75.0 => "narrow",
        w if w < 96.0 => "laptop",
        _ => "wide",
    }
}

/// Keeps the `data-width` of the dashboard inside `host` while it lives;
/// dropping it stops.
pub struct Follow {
    observer: web_sys::ResizeObserver,
    _on_resize: Closure<dyn FnMut()>,
}

impl Drop for Follow {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Follows the width of the dashboard mounted into `host` (its first
/// `.wa-numbers` child): measured before the first paint, then on every
/// change of the host's size.
pub fn follow(host: &web_sys::Element) -> Option<Follow> {
    let measured = host.clone();
    let on_resize = Closure::<dyn FnMut()>::new(move || {
        let Ok(Some(root)) = measured.query_selector(":scope > .wa-numbers") else {
            return;
        };
        let px = root.get_bounding_client_rect().width();
        // Zero while not laid out (hidden, detached): keep the last one.
        if px > 0.0 {
            let _ = root.set_attribute("data-width", layout(px));
        }
    });
    let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
    observer.observe(host);
    Some(Follow {
        observer,
        _on_resize: on_resize,
    })
}

#[cfg(test)]
mod tests {
    use super::layout;

    #[test]
    fn layouts_by_width() {
        assert_eq!(layout(390.0), "phone");
        assert_eq!(layout(639.0), "phone");
        assert_eq!(layout(640.0), "narrow");
        assert_eq!(layout(1100.0), "narrow");
        assert_eq!(layout(1200.0), "laptop");
        assert_eq!(layout(1248.0), "laptop");
        assert_eq!(layout(1536.0), "wide");
    }
}
