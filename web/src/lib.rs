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
pub mod recent;
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

/// Mounts the dashboard into `element` of a host page, connected as `options`
/// says (`{ provider, baseUrl, apiKey?, wabaId? }` or `{ demo: true }`;
/// `wabaId`, one id or an array, is Meta's), plus `lang` (`"en"`, `"it"`,
/// `"zh-CN"`; the browser's language otherwise) and `supportContact` (who to
/// contact about a number that cannot send). The number the
/// user selects is announced as a `wa-numbers:select` event on `element`, whose
/// `detail` is the PhoneNumber. Throws an Error with `kind: "invalid_input"`.
#[wasm_bindgen]
pub fn mount(element: web_sys::HtmlElement, options: JsValue) -> Result<(), JsValue> {
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
    let host = element.clone();
    let handle = leptos::mount::mount_to(element, move || {
        view! { <App embedded=Some((connection, host)) settings=settings /> }
    });
    // The dashboard lives as long as the host page.
    handle.forget();
    Ok(())
}
