//! Moving whole values across the JS boundary, once per call, as JSON text.
//!
//! Out: serde_json writes the value and `JSON.parse` builds plain objects in one
//! native call. In: `JSON.stringify` then serde_json, with the path of any
//! mismatch, so `{recipients: -1}` fails as `invalid_input` naming
//! `campaign.recipients`. One JSON machinery for provider bodies and arguments
//! keeps the wasm small and the boundary cheap.

use serde::de::DeserializeOwned;
use serde::Serialize;
use tsify::Ts;
use wasm_bindgen::JsValue;

use crate::error::Error;
use wa_numbers_core::wire::parse_with_path;

/// Reads an argument of a declared type, naming the offending field on failure.
pub fn from_js<T>(value: &Ts<T>, argument: &str) -> Result<T, Error>
where
    T: tsify::Tsify + DeserializeOwned,
{
    from_js_value(&value.js_value(), argument)
}

/// Reads any JS value as `T` (see [`from_js`]).
pub fn from_js_value<T: DeserializeOwned>(js: &JsValue, argument: &str) -> Result<T, Error> {
    if js.is_undefined() || js.is_null() {
        return Err(Error::invalid_input(argument, "is required"));
    }
    let text: String = js_sys::JSON::stringify(js)
        .map_err(|_| {
            Error::invalid_input(argument, "cannot be read as JSON (a BigInt, or a cycle?)")
        })?
        .into();
    parse_with_path(&text).map_err(|e| {
        let field = if e.path == "$" {
            argument.to_owned()
        } else {
            format!("{argument}.{}", e.path)
        };
        Error::invalid_input(field, e.message)
    })
}

/// Writes a result as a plain JS object of the declared TypeScript type.
pub fn to_js<T>(value: &T) -> Result<Ts<T>, Error>
where
    T: tsify::Tsify + Serialize,
{
    to_js_value(value).map(Ts::new_unchecked)
}

/// Writes any value as a plain JS object (see [`to_js`]).
pub fn to_js_value<T: Serialize>(value: &T) -> Result<JsValue, Error> {
    let text = serde_json::to_string(value).map_err(|e| {
        Error::invalid_response(
            "$",
            format!("cannot convert the result for JavaScript: {e}"),
        )
    })?;
    js_sys::JSON::parse(&text)
        .map_err(|_| Error::invalid_response("$", "cannot convert the result for JavaScript"))
}
