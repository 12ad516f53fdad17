//! Provider dialects. Each provider has its own module that knows its paths,
//! auth header, wire JSON and error bodies; this module is the one place that
//! dispatches on [`Provider`], so no other code needs `if provider == ...`.

pub mod antgst;
pub mod lora;

use crate::{query::validate_id, Error, ListQuery, Page, PhoneNumber, Provider};

/// How a provider expects the credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// `Authorization: Bearer <token>` (AntGst).
    Bearer,
    /// `X-Api-Key: <key>` (LORA).
    ApiKeyHeader,
}

impl Auth {
    /// The header (name, value) that carries `credential`.
    pub fn header(self, credential: &str) -> (&'static str, String) {
        match self {
            Auth::Bearer => ("Authorization", format!("Bearer {credential}")),
            Auth::ApiKeyHeader => ("X-Api-Key", credential.to_owned()),
        }
    }
}

/// A provider request as plain data: the client performs it, the sandbox serves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// Path below the base URL, already percent-encoded.
    pub path: String,
    /// Query parameters, not yet encoded.
    pub query: Vec<(&'static str, String)>,
}

impl HttpRequest {
    /// The full URL under `base_url` (a trailing `/` on the base is ignored).
    pub fn url(&self, base_url: &str) -> String {
        let mut url = format!("{}{}", base_url.trim_end_matches('/'), self.path);
        for (i, (name, value)) in self.query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(name);
            url.push('=');
            url.push_str(&percent_encode(value));
        }
        url
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters, so an id can
/// never add a path segment or a query parameter.
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

impl Provider {
    /// How this provider takes the credential.
    pub fn auth(self) -> Auth {
        match self {
            Provider::Antgst => Auth::Bearer,
            Provider::Lora => Auth::ApiKeyHeader,
        }
    }

    /// The list request for `query`, validated first.
    pub fn list_request(self, query: &ListQuery) -> Result<HttpRequest, Error> {
        query.validate()?;
        match self {
            Provider::Antgst => Ok(antgst::list_request(query)),
            Provider::Lora => lora::list_request(query),
        }
    }

    /// The detail request for one id; `None` where the provider has no detail
    /// endpoint (AntGst: the number is found through the list).
    pub fn detail_request(self, id: &str) -> Result<Option<HttpRequest>, Error> {
        validate_id("phoneNumberId", id)?;
        Ok(match self {
            Provider::Antgst => None,
            Provider::Lora => Some(lora::detail_request(id)),
        })
    }

    /// Whether the list is read page by page (`pageNo`), and up to which page.
    pub fn max_page_no(self) -> Option<u32> {
        match self {
            Provider::Antgst => Some(crate::query::MAX_PAGE_NO),
            Provider::Lora => None,
        }
    }

    /// Parses a list body (the JS `parsePhoneNumbers`).
    pub fn parse_list(self, body: &str) -> Result<Page, Error> {
        match self {
            Provider::Antgst => antgst::parse_list(body),
            Provider::Lora => lora::parse_list(body),
        }
    }

    /// Parses a list body and applies what the provider cannot filter itself.
    pub fn parse_list_for(self, query: &ListQuery, body: &str) -> Result<Page, Error> {
        let page = self.parse_list(body)?;
        match self {
            Provider::Antgst => Ok(page),
            Provider::Lora => lora::filter_locally(page, query),
        }
    }

    /// Parses one number (the JS `parsePhoneNumber`): LORA's detail body, or one
    /// AntGst row.
    pub fn parse_detail(self, body: &str) -> Result<PhoneNumber, Error> {
        match self {
            Provider::Antgst => antgst::parse_row(body),
            Provider::Lora => lora::parse_detail(body),
        }
    }

    /// Turns a non-2xx answer into the typed error, reading the provider's error
    /// body where it has one. `retry_after` is the `Retry-After` header.
    pub fn parse_error(self, status: u16, retry_after: Option<&str>, body: &str) -> Error {
        let details = match self {
            Provider::Antgst => antgst::error_details(body),
            Provider::Lora => lora::error_details(body),
        };
        let retry_after_ms = retry_after
            .and_then(parse_retry_after)
            .or(details.retry_after_ms);
        error_for_status(status, details, retry_after_ms)
    }
}

/// Drops `null`s so optional fields are absent, as the seeds show them.
fn compact(mut value: serde_json::Value) -> serde_json::Value {
    if let serde_json::Value::Object(map) = &mut value {
        map.retain(|_, v| !v.is_null());
    }
    value
}

/// What a provider's error body said.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ErrorDetails {
    /// The provider's message, if any.
    pub message: Option<String>,
    /// The field it named, if any.
    pub field: Option<String>,
    /// A wait it asked for in the body, if any.
    pub retry_after_ms: Option<u64>,
}

/// Messages from providers are cut to this many characters: an HTML error page
/// must not become a 50 KB error message.
const MAX_MESSAGE_CHARS: usize = 300;

fn error_for_status(status: u16, details: ErrorDetails, retry_after_ms: Option<u64>) -> Error {
    let mut message = details.message.unwrap_or_else(|| format!("HTTP {status}"));
    if message.chars().count() > MAX_MESSAGE_CHARS {
        message = message.chars().take(MAX_MESSAGE_CHARS).collect::<String>() + "…";
    }
    match status {
        401 => Error::Unauthorized { status, message },
        403 => Error::Forbidden { status, message },
        404 | 410 => Error::NotFound {
            status,
            message,
            field: details.field,
        },
        429 => Error::RateLimited {
            status,
            message,
            retry_after_ms,
        },
        500..=599 => Error::Server { status, message },
        400..=499 => Error::InvalidInput {
            field: details.field.unwrap_or_else(|| "request".to_owned()),
            message,
            status: Some(status),
        },
        _ => Error::InvalidResponse {
            at: "$".to_owned(),
            message: format!("unexpected HTTP status {status}: {message}"),
            status: Some(status),
        },
    }
}

/// The longest wait honoured: a day.
const MAX_RETRY_AFTER_MS: u64 = 86_400_000;

/// `Retry-After` in seconds (digits, optionally with a decimal fraction), as
/// milliseconds, at most a day. HTTP-dates are not read: the client then falls
/// back to its own backoff. (Hand-written: `str::parse::<f64>` would pull the
/// float parser into the wasm.)
pub fn parse_retry_after(value: &str) -> Option<u64> {
    let value = value.trim();
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) {
        return None;
    }
    let seconds = whole.parse::<u64>().unwrap_or(u64::MAX);
    let millis = fraction
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(3)
        .fold(0, |ms, b| ms * 10 + u64::from(b - b'0'));
    Some(
        seconds
            .saturating_mul(1000)
            .saturating_add(millis)
            .min(MAX_RETRY_AFTER_MS),
    )
}

/// A wait given in a JSON body: seconds as a number or a string.
pub(crate) fn retry_after_value(value: &serde_json::Value) -> Option<u64> {
    match value {
        serde_json::Value::String(text) => parse_retry_after(text),
        number => number
            .as_f64()
            .filter(|s| s.is_finite() && *s >= 0.0)
            .map(|s| (s * 1000.0).min(MAX_RETRY_AFTER_MS as f64) as u64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_encoded_into_one_segment() {
        let req = Provider::Lora
            .detail_request("a/../b c?x=1")
            .unwrap()
            .unwrap();
        assert_eq!(
            req.url("https://h.example/"),
            "https://h.example/api/message-server/whatsapp/phone-numbers/a%2F..%2Fb%20c%3Fx%3D1"
        );
    }

    #[test]
    fn statuses_map_to_kinds() {
        use crate::ErrorKind::*;
        for (status, kind) in [
            (401, Unauthorized),
            (403, Forbidden),
            (404, NotFound),
            (429, RateLimited),
            (500, Server),
            (503, Server),
            (400, InvalidInput),
            (302, InvalidResponse),
        ] {
            assert_eq!(
                Provider::Antgst.parse_error(status, None, "").kind(),
                kind,
                "{status}"
            );
        }
    }

    #[test]
    fn retry_after_header_wins_and_is_bounded() {
        assert_eq!(parse_retry_after("2"), Some(2000));
        assert_eq!(parse_retry_after("0.5"), Some(500));
        assert_eq!(parse_retry_after("-1"), None);
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
        assert_eq!(
            parse_retry_after("99999999999999999999999"),
            Some(86_400_000)
        );
        assert_eq!(parse_retry_after("1e3"), None);
        assert_eq!(parse_retry_after("1.2345"), Some(1234));
        assert_eq!(parse_retry_after(" 7 "), Some(7000));
        assert_eq!(parse_retry_after(".5"), None);
        let err = Provider::Lora.parse_error(429, Some("3"), r#"{"retryAfter": 10}"#);
        assert_eq!(err.retry_after_ms(), Some(3000));
    }

    #[test]
    fn huge_error_bodies_are_cut() {
        let body = format!(r#"{{"message": "{}"}}"#, "x".repeat(10_000));
        let err = Provider::Antgst.parse_error(500, None, &body);
        assert!(err.to_string().chars().count() < 400);
    }
}
