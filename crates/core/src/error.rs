//! The one error type of wa-numbers, shared by the core, the client and the
//! sandbox. Each variant is one `kind` of the JS API (see DESIGN.md).

use serde::{Deserialize, Serialize};

use crate::json::u64_text;

/// What went wrong, as a stable machine-readable tag (the JS `kind` field).
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// 401: the credential is missing or wrong.
    Unauthorized,
    /// 403: the credential lacks permission (LORA: or the IP is not allow-listed).
    Forbidden,
    /// 404: no such number.
    NotFound,
    /// 429: too many requests; see `retry_after_ms`.
    RateLimited,
    /// 5xx from the provider.
    Server,
    /// The request never got an HTTP answer (DNS, TCP, CORS, dropped connection).
    Network,
    /// No answer within the configured time.
    Timeout,
    /// The caller cancelled the call through its AbortSignal.
    Aborted,
    /// The provider answered with a body that is not its documented shape.
    InvalidResponse,
    /// The caller's input was rejected before (or, for a 400, by) the provider.
    InvalidInput,
}

impl ErrorKind {
    /// The tag as it appears in JS (`"rate_limited"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Unauthorized => "unauthorized",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::NotFound => "not_found",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::Server => "server",
            ErrorKind::Network => "network",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Aborted => "aborted",
            ErrorKind::InvalidResponse => "invalid_response",
            ErrorKind::InvalidInput => "invalid_input",
        }
    }
}

/// Every failure of wa-numbers. Messages never contain a credential: the core
/// never sees one, and the client redacts provider messages before they land here.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// Input rejected before sending, or a 400-class answer naming a field.
    InvalidInput {
        /// The offending field (`pageSize`, `recipients`, `phoneNumberId`, ...).
        field: String,
        /// What is wrong with it.
        message: String,
        /// The HTTP status when the provider rejected it.
        status: Option<u16>,
    },
    /// A body that is not the provider's documented shape.
    InvalidResponse {
        /// Where in the body: `$`, `data`, `data[3].phoneNumberId`, ...
        at: String,
        /// What was found there.
        message: String,
        /// The HTTP status of the answer, when there was one.
        status: Option<u16>,
    },
    /// HTTP 401.
    Unauthorized { status: u16, message: String },
    /// HTTP 403.
    Forbidden { status: u16, message: String },
    /// HTTP 404 (or 410).
    NotFound {
        status: u16,
        message: String,
        /// The field the provider named (LORA: `phoneNumberId`).
        field: Option<String>,
        /// The WABA whose list Meta says does not exist (or the token may
        /// not read), set by the client: Meta's words name it, and a title
        /// for people must too when several WABAs were read.
        waba_id: Option<String>,
    },
    /// HTTP 429.
    RateLimited {
        status: u16,
        message: String,
        /// How long the provider asked us to wait, from `Retry-After` or the body.
        retry_after_ms: Option<u64>,
    },
    /// HTTP 5xx.
    Server { status: u16, message: String },
    /// No HTTP answer at all.
    Network { message: String },
    /// The call took longer than its timeout.
    Timeout { ms: u64 },
    /// The caller aborted the call.
    Aborted { message: String },
}

/// The error as plain data, the shape thrown to JavaScript.
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorInfo {
    /// The machine-readable tag.
    pub kind: ErrorKind,
    /// A sentence for people.
    pub message: String,
    /// HTTP status, when there was an answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// The field (or body path) concerned, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// For `rate_limited`: how long to wait before trying again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_ms: Option<u64>,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

impl std::error::Error for Error {}

impl Error {
    /// The sentence for people (`unauthorized (HTTP 401): Invalid or missing
    /// API key`), built from pieces: no formatting machinery in the wasm.
    pub fn describe(&self) -> String {
        let http = |what: &str, status: u16, message: &str| {
            [
                what,
                " (HTTP ",
                &u64_text(u64::from(status)),
                "): ",
                message,
            ]
            .concat()
        };
        match self {
            Error::InvalidInput { field, message, .. } => {
                ["invalid input: ", field, ": ", message].concat()
            }
            Error::InvalidResponse { at, message, .. } => {
                ["invalid response at ", at, ": ", message].concat()
            }
            Error::Unauthorized { status, message } => http("unauthorized", *status, message),
            Error::Forbidden { status, message } => http("forbidden", *status, message),
            Error::NotFound {
                status, message, ..
            } => http("not found", *status, message),
            Error::RateLimited {
                status, message, ..
            } => http("rate limited", *status, message),
            Error::Server { status, message } => http("provider error", *status, message),
            Error::Network { message } => ["network error: ", message].concat(),
            Error::Timeout { ms } => ["timed out after ", &u64_text(*ms), " ms"].concat(),
            Error::Aborted { message } => ["aborted: ", message].concat(),
        }
    }

    /// Shorthand for an [`Error::InvalidInput`] raised before sending.
    pub fn invalid_input(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidInput {
            field: field.into(),
            message: message.into(),
            status: None,
        }
    }

    /// Shorthand for an [`Error::InvalidResponse`] found while parsing.
    pub fn invalid_response(at: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidResponse {
            at: at.into(),
            message: message.into(),
            status: None,
        }
    }

    /// The machine-readable tag of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::InvalidInput { .. } => ErrorKind::InvalidInput,
            Error::InvalidResponse { .. } => ErrorKind::InvalidResponse,
            Error::Unauthorized { .. } => ErrorKind::Unauthorized,
            Error::Forbidden { .. } => ErrorKind::Forbidden,
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::RateLimited { .. } => ErrorKind::RateLimited,
            Error::Server { .. } => ErrorKind::Server,
            Error::Network { .. } => ErrorKind::Network,
            Error::Timeout { .. } => ErrorKind::Timeout,
            Error::Aborted { .. } => ErrorKind::Aborted,
        }
    }

    /// The HTTP status, when the provider answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::InvalidInput { status, .. } | Error::InvalidResponse { status, .. } => *status,
            Error::Unauthorized { status, .. }
            | Error::Forbidden { status, .. }
            | Error::NotFound { status, .. }
            | Error::RateLimited { status, .. }
            | Error::Server { status, .. } => Some(*status),
            Error::Network { .. } | Error::Timeout { .. } | Error::Aborted { .. } => None,
        }
    }

    /// The field or body path concerned, when known.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::InvalidInput { field, .. } => Some(field),
            Error::InvalidResponse { at, .. } => Some(at),
            Error::NotFound { field, .. } => field.as_deref(),
            _ => None,
        }
    }

    /// For `not_found` of a Meta list: the WABA Meta does not know.
    pub fn waba_id(&self) -> Option<&str> {
        match self {
            Error::NotFound { waba_id, .. } => waba_id.as_deref(),
            _ => None,
        }
    }

    /// For `rate_limited`: how long the provider asked us to wait.
    pub fn retry_after_ms(&self) -> Option<u64> {
        match self {
            Error::RateLimited { retry_after_ms, .. } => *retry_after_ms,
            _ => None,
        }
    }

    /// Whether a GET that failed this way is worth sending again.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self.kind(),
            ErrorKind::Network | ErrorKind::RateLimited | ErrorKind::Server
        )
    }

    /// Attach the HTTP status of the answer that could not be parsed.
    pub fn with_status(mut self, http_status: u16) -> Self {
        if let Error::InvalidResponse { status, .. } | Error::InvalidInput { status, .. } =
            &mut self
        {
            *status = Some(http_status);
        }
        self
    }

    /// The same error with every occurrence of `secret` in its texts replaced,
    /// so a provider that echoes the credential cannot leak it through us.
    pub fn redacted(mut self, secret: &str) -> Self {
        if secret.is_empty() {
            return self;
        }
        let (first, second) = self.texts_mut();
        for text in [first, second].into_iter().flatten() {
            *text = crate::text::replace_all(text, secret, "[redacted]");
        }
        self
    }

    /// Every text of the error (at most two: a field or place, and the
    /// message). One place that knows them, where [`Error::redacted`] had
    /// an arm per variant.
    fn texts_mut(&mut self) -> (Option<&mut String>, Option<&mut String>) {
        match self {
            Error::InvalidInput { field, message, .. } => (Some(field), Some(message)),
            Error::InvalidResponse { at, message, .. } => (Some(at), Some(message)),
            Error::NotFound { message, field, .. } => (Some(message), field.as_mut()),
            Error::Unauthorized { message, .. }
            | Error::Forbidden { message, .. }
            | Error::RateLimited { message, .. }
            | Error::Server { message, .. }
            | Error::Network { message }
            | Error::Aborted { message } => (Some(message), None),
            Error::Timeout { .. } => (None, None),
        }
    }

    /// The error as plain data, for JavaScript and for logs.
    pub fn info(&self) -> ErrorInfo {
        ErrorInfo {
            kind: self.kind(),
            message: self.describe(),
            status: self.status(),
            field: self.field().map(str::to_owned),
            retry_after_ms: self.retry_after_ms(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_removes_the_secret_everywhere() {
        let err = Error::Unauthorized {
            status: 401,
            message: "key sk-123 is not valid".into(),
        };
        assert_eq!(
            err.redacted("sk-123").to_string(),
            "unauthorized (HTTP 401): key [redacted] is not valid"
        );
        let err = Error::NotFound {
            status: 404,
            message: "x".into(),
            field: Some("sk-123".into()),
            waba_id: None,
        };
        assert_eq!(err.redacted("sk-123").field(), Some("[redacted]"));
    }
}
