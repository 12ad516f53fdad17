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
                // Whole numbers (ids) read as their digits; a fraction is no text
                // value (and formatting it would pull float printing into the wasm).
                if v.fract() == 0.0 && v.abs() < 9.0e15 {
                    Ok(Text(Some((v as i64).to_string())))
                } else {
                    Err(E::custom("expected a string, found a fractional number"))
                }
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
///
/// The place is found from serde_json's error position by [`path_at`], one
/// small scanner for every type, instead of path tracking monomorphized into
/// every deserializer (which doubled the wasm's serde code).
pub fn parse_with_path<T: DeserializeOwned>(text: &str) -> Result<T, PathError> {
    serde_json::from_str(text).map_err(|err| match err.classify() {
        serde_json::error::Category::Data => PathError {
            path: path_at(text, err.line(), err.column()),
            message: err.to_string(),
        },
        _ => PathError {
            path: "$".to_owned(),
            message: format!("not valid JSON ({err})"),
        },
    })
}

/// One open object or array while scanning towards an error position.
enum Frame<'a> {
    /// `key` once read; `in_value` once its colon is passed.
    Object {
        key: Option<&'a str>,
        in_value: bool,
    },
    /// `started` once the element at `index` has begun.
    Array { index: usize, started: bool },
}

/// The path (`data[3].status`, `$` at the top) of the value being read at
/// `line`:`column` (1-based, as serde_json reports them) of `text`.
pub fn path_at(text: &str, line: usize, column: usize) -> String {
    let mut offset = 0;
    for (n, l) in text.split('\n').enumerate() {
        if n + 1 >= line {
            offset += column.min(l.len());
            break;
        }
        offset += l.len() + 1;
    }
    let bytes = text.as_bytes();
    let end = offset.min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let start_element = |stack: &mut Vec<Frame>| {
        if let Some(Frame::Array { started, .. }) = stack.last_mut() {
            *started = true;
        }
    };
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'"' => {
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                match stack.last_mut() {
                    Some(Frame::Object {
                        key,
                        in_value: false,
                    }) => *key = text.get(i + 1..j.min(bytes.len())),
                    _ => start_element(&mut stack),
                }
                i = j;
            }
            b'{' => {
                start_element(&mut stack);
                stack.push(Frame::Object {
                    key: None,
                    in_value: false,
                });
            }
            b'[' => {
                start_element(&mut stack);
                stack.push(Frame::Array {
                    index: 0,
                    started: false,
                });
            }
            b'}' | b']' => {
                stack.pop();
            }
            b':' => {
                if let Some(Frame::Object { in_value, .. }) = stack.last_mut() {
                    *in_value = true;
                }
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key, in_value }) => {
                    *key = None;
                    *in_value = false;
                }
                Some(Frame::Array { index, started }) => {
                    *index += 1;
                    *started = false;
                }
                None => {}
            },
            b' ' | b'\t' | b'\r' | b'\n' => {}
            _ => start_element(&mut stack),
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object {
                key: Some(key),
                in_value: true,
            } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Array {
                index,
                started: true,
            } => path.push_str(&format!("[{index}]")),
            _ => break,
        }
    }
    if path.is_empty() {
        "$".to_owned()
    } else {
        path
    }
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
    fn paths_are_found_from_the_error_position() {
        #[derive(Deserialize, Debug)]
        #[allow(dead_code)]
        struct Outer {
            rows: Vec<Inner>,
            total: u64,
        }
        #[derive(Deserialize, Debug)]
        #[allow(dead_code)]
        struct Inner {
            name: Text,
            count: Option<u32>,
        }
        for (body, path) in [
            (
                r#"{"rows": [{"name": "a"}, {"name": "b", "count": "x"}], "total": 1}"#,
                "rows[1].count",
            ),
            (
                "{\n \"rows\": [\n {\"name\": {\"deep\": [1, 2]}}\n ],\n \"total\": 1\n}",
                "rows[0].name",
            ),
            (r#"{"rows": [], "total": -1}"#, "total"),
            (r#"{"rows": {}, "total": 1}"#, "rows"),
            (r#"{"total": 1}"#, "$"),
            (r#"[1, 2]"#, "[0]"),
            (r#"[]"#, "$"),
            (
                r#"{"rows": [{"name": "a\"}, {\"x"}, {"name": true}], "total": 1}"#,
                "rows[1].name",
            ),
        ] {
            assert_eq!(
                parse_with_path::<Outer>(body).unwrap_err().path,
                path,
                "{body}"
            );
        }
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
