//! Errors at the JS boundary. Every core [`Error`] becomes a JS `Error` object
//! (so it has a stack and works with `instanceof Error`) carrying the fields of
//! [`ErrorInfo`]: `kind`, `message`, and where known `status`, `field`,
//! `retryAfterMs`, `wabaId`. Nothing in this crate panics across the boundary: every
//! fallible step returns one of these instead.

use js_sys::Reflect;
pub use wa_numbers_core::error::{Error, ErrorInfo, ErrorKind};
use wasm_bindgen::prelude::*;

// Declared as a union on `kind` so that `if (e.kind === 'rate_limited')`
// narrows: `status` is there for every HTTP kind, `retryAfterMs` only on
// `rate_limited`, as [`to_js_error`] and the core's `Error` set them.
#[wasm_bindgen(typescript_custom_section)]
const TS_ERROR: &'static str = r#"
/** What every wa-numbers error has; see `WaNumbersError`. */
export interface WaNumbersErrorBase extends Error {
    name: "WaNumbersError";
    kind: ErrorKind;
    /** A sentence for people (credentials never appear in it). */
    message: string;
    /** The argument, field or body path concerned, when known (`campaign.recipients`, `data[3].id`). */
    field?: string;
}
/**
 * The provider said no: 401, 403, 404 (or 410), or 5xx; or, whatever the status, a Meta
 * error code that means one of these (Meta answers a bad token or an unknown id with 400).
 */
export interface WaNumbersHttpError extends WaNumbersErrorBase {
    kind: "unauthorized" | "forbidden" | "not_found" | "server";
    status: number;
    retryAfterMs?: never;
    /**
     * `not_found` from a Meta list: the WhatsApp Business Account Meta does not
     * know (or the token may not read), of the ones the call named.
     */
    wabaId?: string;
}
/** Too many requests (HTTP 429, Meta's throttling codes) for longer than the call could wait. */
export interface WaNumbersRateLimitedError extends WaNumbersErrorBase {
    kind: "rate_limited";
    status: number;
    /** How long the provider asked to wait, when it said. */
    retryAfterMs?: number;
}
/** A wrong argument, or an answer that is not the provider's shape (`status` when there was one). */
export interface WaNumbersInputError extends WaNumbersErrorBase {
    kind: "invalid_input" | "invalid_response";
    status?: number;
    retryAfterMs?: never;
}
/**
 * No answer: the network failed (`network`), the client's own `timeoutMs` ran out
 * (`timeout`), or the caller's `signal` ended the call (`aborted`), whatever ended
 * that signal: an `AbortSignal.timeout(ms)` of the caller's is `aborted` too, and
 * `signal.reason.name === "TimeoutError"` tells it apart.
 */
export interface WaNumbersNoAnswerError extends WaNumbersErrorBase {
    kind: "network" | "timeout" | "aborted";
    status?: never;
    retryAfterMs?: never;
}
/** What every wa-numbers function throws (or rejects with): narrow it on `kind`. */
export type WaNumbersError =
    | WaNumbersHttpError
    | WaNumbersRateLimitedError
    | WaNumbersInputError
    | WaNumbersNoAnswerError;
"#;

/// Builds the JS error object for `error`.
pub fn to_js_error(error: &Error) -> JsValue {
    // The fields of `error.info()`, read straight from the error (no
    // `ErrorInfo` and its copy of the field built in between).
    let js = js_sys::Error::new(&error.describe());
    js.set_name("WaNumbersError");
    let set = |key: &str, value: JsValue| {
        // Reflect.set on a fresh, extensible Error object cannot fail.
        let _ = Reflect::set(&js, &JsValue::from_str(key), &value);
    };
    set("kind", JsValue::from_str(error.kind().as_str()));
    if let Some(status) = error.status() {
        set("status", JsValue::from(status));
    }
    if let Some(field) = error.field() {
        set("field", JsValue::from_str(field));
    }
    if let Some(ms) = error.retry_after_ms() {
        set("retryAfterMs", JsValue::from_f64(ms as f64));
    }
    // Which of a load's WABAs Meta did not know: its message is Meta's
    // own words, and a load over several WABAs fails on one of them.
    if let Some(waba) = error.waba_id() {
        set("wabaId", JsValue::from_str(waba));
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
