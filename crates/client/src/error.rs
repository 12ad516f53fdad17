//! Errors at the JS boundary. Every core [`Error`] becomes a JS `Error` object
//! (so it has a stack and works with `instanceof Error`) carrying the fields of
//! [`ErrorInfo`]: `kind`, `message`, and where known `status`, `field`,
//! `retryAfterMs`. Nothing in this crate panics across the boundary: every
//! fallible step returns one of these instead.

use js_sys::Reflect;
pub use wa_numbers_core::error::{Error, ErrorInfo, ErrorKind};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_ERROR: &'static str = r#"
/** What every wa-numbers function throws (or rejects with). */
export interface WaNumbersError extends Error {
    kind: ErrorKind;
    message: string;
    status?: number;
    field?: string;
    retryAfterMs?: number;
}
"#;

/// Builds the JS error object for `error`.
pub fn to_js_error(error: &Error) -> JsValue {
    let info = error.info();
    let js = js_sys::Error::new(&info.message);
    js.set_name("WaNumbersError");
    let set = |key: &str, value: JsValue| {
        // Reflect.set on a fresh, extensible Error object cannot fail.
        let _ = Reflect::set(&js, &JsValue::from_str(key), &value);
    };
    set("kind", JsValue::from_str(info.kind.as_str()));
    if let Some(status) = info.status {
        set("status", JsValue::from(status));
    }
    if let Some(field) = &info.field {
        set("field", JsValue::from_str(field));
    }
    if let Some(ms) = info.retry_after_ms {
        set("retryAfterMs", JsValue::from_f64(ms as f64));
    }
    js.into()
}

/// A core error, ready to be thrown by a `#[wasm_bindgen]` function.
#[derive(Debug)]
pub struct JsFailure(pub Error);

impl From<Error> for JsFailure {
    fn from(error: Error) -> Self {
        JsFailure(error)
    }
}

impl From<JsFailure> for JsValue {
    fn from(failure: JsFailure) -> Self {
        to_js_error(&failure.0)
    }
}
