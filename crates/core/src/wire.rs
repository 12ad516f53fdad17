//! Reading JSON: a lenient string for provider row fields
//! and a parser that names the exact place of a failure (`data[3].status`).

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;

use crate::Error;

/// A row field that should be a string. Rows are tolerant: numbers are read as
/// their decimal text (ids are sometimes numeric), `null` is absent; an object,
/// array or boolean is an error that names the field.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Text(pub Option<String>);

impl Text {
    /// The value, with blank strings treated as absent.
    pub fn into_option(self) -> Option<String> {
        self.0.filter(|s| !s.trim().is_empty())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(Some(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text(Some(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(Some(v.to_string())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(Some(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(Some(v.to_string())))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Text, E> {
                Ok(Text(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<Text, E> {
                Ok(Text(None))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Text, D::Error> {
                d.deserialize_any(TextVisitor)
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

/// Where and why a JSON text did not deserialize.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    /// `$` for the top level, else `data[3].phoneNumberId`.
    pub path: String,
    /// What serde found there.
    pub message: String,
}

/// Deserializes `text` into `T`, naming the exact place of a failure. The one
/// JSON entry point of wa-numbers: provider bodies and JS arguments alike.
pub fn parse_with_path<T: DeserializeOwned>(text: &str) -> Result<T, PathError> {
    // Fast path without path tracking; only a failure pays for finding where.
    if let Ok(value) = serde_json::from_str(text) {
        return Ok(value);
    }
    let mut json = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut json).map_err(|err| {
        let path = match err.path().to_string() {
            path if path == "." || path.is_empty() => "$".to_owned(),
            path => path,
        };
        let inner = err.into_inner();
        let message = if inner.is_syntax() || inner.is_eof() {
            format!("not valid JSON ({inner})")
        } else {
            inner.to_string()
        };
        PathError { path, message }
    })?;
    json.end().map_err(|err| PathError {
        path: "$".to_owned(),
        message: format!("trailing data after the JSON ({err})"),
    })?;
    Ok(value)
}

/// Parses a whole provider body into `T`; a failure is `invalid_response` at its place.
pub(crate) fn parse_body<T: DeserializeOwned>(body: &str) -> Result<T, Error> {
    parse_with_path(body).map_err(|e| {
        let message = if e.message.starts_with("not valid JSON") {
            format!("body is {}", e.message)
        } else {
            e.message
        };
        Error::invalid_response(e.path, message)
    })
}

/// The id every row must have: present and not blank.
pub(crate) fn required_id(id: Text, at: impl FnOnce() -> String) -> Result<String, Error> {
    id.into_option()
        .ok_or_else(|| Error::invalid_response(at(), "row has no phone number id"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug)]
    struct Row {
        #[serde(default)]
        name: Text,
    }

    #[test]
    fn text_accepts_strings_numbers_and_null() {
        let row: Row = parse_body(r#"{"name": 42}"#).unwrap();
        assert_eq!(row.name.0.as_deref(), Some("42"));
        let row: Row = parse_body(r#"{"name": null}"#).unwrap();
        assert_eq!(row.name.0, None);
        let row: Row = parse_body(r#"{}"#).unwrap();
        assert_eq!(row.name.0, None);
    }

    #[test]
    fn text_rejects_objects_naming_the_field() {
        let err = parse_body::<Row>(r#"{"name": {"x": 1}}"#).unwrap_err();
        assert_eq!(err.field(), Some("name"));
        assert!(err.to_string().contains("expected a string"), "{err}");
    }

    #[test]
    fn not_json_is_invalid_response_at_top() {
        let err = parse_body::<Row>("<html>").unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::InvalidResponse);
        assert_eq!(err.field(), Some("$"));
        let err = parse_body::<Row>(r#"{"name":"a"} trailing"#).unwrap_err();
        assert_eq!(err.field(), Some("$"));
    }
}
