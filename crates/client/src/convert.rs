//! Moving whole values across the JS boundary, once per call.
//!
//! Values go out as plain objects (maps as objects, `None` as `null` where the
//! field is not skipped) and come in through serde with the path of any
//! mismatch, so `{recipients: -1}` fails as `invalid_input` naming `recipients`.

use serde::de::DeserializeOwned;
use serde::Serialize;
use tsify::Ts;
use wasm_bindgen::JsValue;

use crate::error::Error;

/// Reads a typed argument, naming the offending field on failure. (`Ts::to_rust`
/// would do the conversion too, but its error does not say where.)
pub fn from_js<T>(value: &Ts<T>, argument: &str) -> Result<T, Error>
where
    T: tsify::Tsify + DeserializeOwned,
{
    let js: JsValue = value.js_value();
    if js.is_undefined() || js.is_null() {
        return Err(Error::invalid_input(argument, "is required"));
    }
    let deserializer = serde_wasm_bindgen::Deserializer::from(js);
    serde_path_to_error::deserialize(deserializer).map_err(|err| {
        let path = err.path().to_string();
        let field = if path == "." || path.is_empty() {
            argument.to_owned()
        } else {
            format!("{argument}.{path}")
        };
        Error::invalid_input(field, err.into_inner().to_string())
    })
}

/// Writes a result as a plain JS object of the declared TypeScript type.
pub fn to_js<T>(value: &T) -> Result<Ts<T>, Error>
where
    T: tsify::Tsify + Serialize,
{
    let serializer = serde_wasm_bindgen::Serializer::new()
        .serialize_maps_as_objects(true)
        .serialize_missing_as_null(true);
    value
        .serialize(&serializer)
        .map(Ts::new_unchecked)
        .map_err(|err| {
            Error::invalid_response(
                "$",
                format!("cannot convert the result for JavaScript: {err}"),
            )
        })
}
