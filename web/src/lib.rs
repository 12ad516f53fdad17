//! The wa-numbers dashboard (Leptos, client-side rendered): connect to a provider
//! (or open the built-in demo account), list and filter every number, inspect one,
//! watch onboarding, and plan a campaign.
//!
//! Components live here (not in `main.rs`) so that tests can mount them.

pub mod connection;
pub mod csv;
pub mod demo;
pub mod errors;
pub mod facts;
pub mod i18n;
pub mod order;
pub mod recent;
pub mod recipients;
pub mod route;
pub mod search;
pub mod state;
pub mod view;

use leptos::prelude::*;
use wa_numbers_core::json::{optional_string, unknown_key, FromJson, JsonError, Reader};
use wasm_bindgen::prelude::*;

pub use connection::Connection;
pub use view::app::App;

/// Mounts the app into `<body>` when this is the dashboard's own page.
pub fn start_on_own_page() {
    let own_page = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("meta[name='wa-numbers'][content='app']")
                .ok()
                .flatten()
        })
        .is_some();
    if own_page {
        leptos::mount::mount_to_body(|| view! { <App embedded=None /> });
        // The page's life: never stopped.
        if let Some(body) = web_sys::window().and_then(|w| w.document()?.body()) {
            std::mem::forget(view::width::follow(&body));
        }
    }
}

/// Options of `mount` (from JavaScript).
#[derive(Default)]
struct MountOptions {
    provider: Option<wa_numbers_core::Provider>,
    base_url: Option<String>,
    api_key: Option<String>,
    waba_ids: Vec<String>,
    demo: bool,
    lang: Option<String>,
    support_contact: Option<String>,
}

impl FromJson for MountOptions {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        let mut options = MountOptions::default();
        r.object(|r, key| {
            match key {
                "provider" if !r.null()? => {
                    options.provider = Some(wa_numbers_core::Provider::read_json(r)?)
                }
                "baseUrl" => options.base_url = optional_string(r)?,
                "apiKey" => options.api_key = optional_string(r)?,
                "wabaId" if r.peek() == Some(b'[') => options.waba_ids = Vec::read_json(r)?,
                "wabaId" => options.waba_ids = optional_string(r)?.into_iter().collect(),
                "demo" => options.demo = r.boolean()?,
                "lang" => options.lang = optional_string(r)?,
                "supportContact" => options.support_contact = optional_string(r)?,
                "provider" => {}
                _ => return Err(unknown_key(key)),
            }
            Ok(())
        })?;
        Ok(options)
    }
}

/// A mounted dashboard: its host element, its mount number and its Leptos
/// handle (kept as `Any`: only its drop matters).
type MountEntry = (web_sys::HtmlElement, u32, Box<dyn std::any::Any>);

thread_local! {
    /// The dashboards mounted in this page, by host element: their Leptos
    /// handles, whose drop removes the view and runs its cleanups (which
    /// abort its requests and stop a watched onboarding).
    static MOUNTED: std::cell::RefCell<Vec<MountEntry>> =
        const { std::cell::RefCell::new(Vec::new()) };
    /// The number of the last [`mount`]: an old `Mounted` never unmounts a
    /// newer dashboard of the same element.
    static MOUNTS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Unmounts the dashboard mounted into `element` (only mount number `which`
/// when given), if there is one.
fn unmount_from(element: &web_sys::HtmlElement, which: Option<u32>) {
    let handle = MOUNTED
        .try_with(|m| {
            let mut m = m.borrow_mut();
            let at = m
                .iter()
                .position(|(e, n, _)| e == element && which.is_none_or(|w| w == *n))?;
            Some(m.swap_remove(at).2)
        })
        .ok()
        .flatten();
    // Dropped outside the borrow: the view's cleanups may run JS.
    drop(handle);
}

/// A dashboard [`mount`] put into a host element.
#[wasm_bindgen]
pub struct Mounted {
    element: web_sys::HtmlElement,
    number: u32,
}

#[wasm_bindgen]
impl Mounted {
    /// Removes the dashboard from its element and stops everything it was
    /// doing (loading, watching an onboarding); the element is left empty.
    /// Calling it again does nothing.
    pub fn unmount(&self) {
        unmount_from(&self.element, Some(self.number));
    }
}

/// Mounts the dashboard into `element` of a host page, connected as `options`
/// says (`{ provider, baseUrl, apiKey?, wabaId? }` or `{ demo: true }`;
/// `wabaId`, one id or an array, is Meta's), plus `lang` (`"en"`, `"it"`,
/// `"zh-CN"`; the browser's language otherwise) and `supportContact` (who to
/// contact about a number that cannot send). The number the
/// user selects is announced as a `wa-numbers:select` event on `element`, whose
/// `detail` is the PhoneNumber. A dashboard already mounted into `element` is
/// unmounted first. Returns a [`Mounted`]: its `unmount()` removes the
/// dashboard and stops its requests (call it before the portal drops the
/// element). Throws an Error with `kind: "invalid_input"`.
#[wasm_bindgen]
pub fn mount(element: web_sys::HtmlElement, options: JsValue) -> Result<Mounted, JsValue> {
    let fail = |field: &str, message: String| {
        wa_numbers::error::to_js_error(&wa_numbers_core::Error::invalid_input(field, message))
    };
    let options: MountOptions = wa_numbers::convert::from_js_value(&options, "options")
        .map_err(|e| wa_numbers::error::to_js_error(&e))?;
    let connection = if options.demo {
        Connection::demo()
    } else {
        Connection {
            provider: options
                .provider
                .ok_or_else(|| fail("options.provider", "is required".into()))?,
            base_url: options
                .base_url
                .ok_or_else(|| fail("options.baseUrl", "is required".into()))?,
            api_key: options.api_key,
            waba_ids: options.waba_ids,
            remember: false,
        }
    };
    connection
        .client()
        .map_err(|e| wa_numbers::error::to_js_error(&e))?;
    let lang =
        match options.lang.as_deref() {
            None => None,
            Some(tag) => Some(i18n::Lang::parse(tag).ok_or_else(|| {
                fail("options.lang", "must be \"en\", \"it\" or \"zh-CN\"".into())
            })?),
        };
    let settings = view::app::Settings {
        lang,
        support: options.support_contact.filter(|s| !s.trim().is_empty()),
    };
    unmount_from(&element, None);
    let number = MOUNTS.with(|n| {
        n.set(n.get().wrapping_add(1));
        n.get()
    });
    let host = element.clone();
    let handle = leptos::mount::mount_to(element.clone(), move || {
        view! { <App embedded=Some((connection, host)) settings=settings /> }
    });
    // Stopped with the view, when the entry is dropped.
    let width = view::width::follow(&element);
    let kept = element.clone();
    let _ = MOUNTED.try_with(move |m| {
        m.borrow_mut()
            .push((kept, number, Box::new((handle, width))))
    });
    Ok(Mounted { element, number })
}
