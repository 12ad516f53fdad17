//! Errors in words a user understands, with what to do about them.

use wa_numbers_core::{Error, ErrorKind};

/// A failure as the dashboard shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Advice {
    /// What happened.
    pub title: String,
    /// What to do.
    pub action: String,
    /// The technical detail (never contains the credential: the client redacts it).
    pub detail: String,
}

/// Explains `error` to a person.
pub fn advise(error: &Error) -> Advice {
    let (title, action) = match error.kind() {
        ErrorKind::Unauthorized => (
            "The provider did not accept the credential (HTTP 401).".to_owned(),
            "Check the API key or token: that it is complete, active, and for this provider.".to_owned(),
        ),
        ErrorKind::Forbidden => (
            "The credential is not allowed to read phone numbers (HTTP 403).".to_owned(),
            "Check the key's WhatsApp permission. LORA also answers 403 when this IP address is not on the key's allow-list.".to_owned(),
        ),
        ErrorKind::RateLimited => (
            "The provider is limiting requests (HTTP 429).".to_owned(),
            match error.retry_after_ms() {
                Some(ms) => format!("Retrying is possible in {} s; use Reload then.", ms.div_ceil(1000)),
                None => "Wait a minute, then use Reload.".to_owned(),
            },
        ),
        ErrorKind::Network => (
            "The provider could not be reached.".to_owned(),
            "Check the base URL and your internet connection. Many providers do not answer a web page directly: your IT team can put a small proxy in front of the provider that adds the key on the server, and you enter the proxy's address as the base URL.".to_owned(),
        ),
        ErrorKind::Timeout => ("The provider did not answer in time.".to_owned(), "Try again; if it persists, the provider may be down.".to_owned()),
        ErrorKind::Server => ("The provider had an internal error.".to_owned(), "Try again in a few minutes; if it persists, contact the provider's support.".to_owned()),
        // A missing number names its id; a 404 for the list itself means the
        // address is wrong, not that numbers were removed.
        ErrorKind::NotFound if error.field() == Some("phoneNumberId") => ("No such number at this provider.".to_owned(), "Reload the list: the number may have been removed or reconfigured.".to_owned()),
        ErrorKind::NotFound => (
            "The provider has nothing at this address (HTTP 404).".to_owned(),
            "Check the base URL (the provider's API address, or your proxy's), and for Meta the WABA ids.".to_owned(),
        ),
        ErrorKind::InvalidResponse => (
            "The answer was not what this provider sends.".to_owned(),
            "Check that the base URL points at the provider (or a proxy that passes its answers through unchanged).".to_owned(),
        ),
        ErrorKind::InvalidInput => ("Some input is not valid.".to_owned(), "Correct the field named below.".to_owned()),
        ErrorKind::Aborted => ("Stopped.".to_owned(), "Reload to start again.".to_owned()),
    };
    Advice {
        title,
        action,
        detail: error.to_string(),
    }
}
