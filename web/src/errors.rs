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

/// Present (as context) when the person can change the key here: the
/// dashboard's own page, with its Disconnect button (a portal that embeds it
/// holds the key itself).
#[derive(Debug, Clone, Copy)]
pub struct KeyChangedHere;

/// Explains `error` to a person, in the current language; `midway` when it
/// ended a load that had already read numbers from the same address (then
/// a broken answer is the provider's, not a wrong base URL).
pub fn advise(error: &Error, midway: bool) -> Advice {
    let t = crate::i18n::t();
    let pair = |p: [&'static str; 2]| (p[0].to_owned(), p[1].to_owned());
    // A refused key is fixed at the form, which Disconnect fills in again.
    let with_change = |p: [&'static str; 2]| match leptos::prelude::use_context::<KeyChangedHere>()
    {
        Some(_) => (p[0].to_owned(), [p[1], " ", t.change_key].concat()),
        None => pair(p),
    };
    let (title, action) = match error.kind() {
        ErrorKind::Unauthorized => with_change(t.e_unauthorized),
        ErrorKind::Forbidden => with_change(t.e_forbidden),
        ErrorKind::RateLimited => (
            t.e_rate_limited.to_owned(),
            match error.retry_after_ms() {
                Some(ms) => {
                    crate::i18n::fill(t.e_retry_in, &[&crate::i18n::num(ms.div_ceil(1000))])
                }
                None => t.e_retry_later.to_owned(),
            },
        ),
        ErrorKind::Network => pair(t.e_network),
        ErrorKind::Timeout => pair(t.e_timeout),
        ErrorKind::Server => pair(t.e_server),
        // A missing number names its id; a 404 for the list itself means the
        // address is wrong, not that numbers were removed.
        ErrorKind::NotFound if error.field() == Some("phoneNumberId") => pair(t.e_number_gone),
        // Meta's list of a WABA it does not know: the title says which
        // (of several read at once), not only Meta's words in the detail.
        ErrorKind::NotFound => match error.waba_id() {
            Some(waba) => (
                crate::i18n::fill(t.e_unknown_waba[0], &[waba]),
                t.e_unknown_waba[1].to_owned(),
            ),
            None => pair(t.e_not_found),
        },
        ErrorKind::InvalidResponse if midway => pair(t.e_invalid_page),
        ErrorKind::InvalidResponse => pair(t.e_invalid_response),
        ErrorKind::InvalidInput => pair(t.e_invalid_input),
        ErrorKind::Aborted => pair(t.e_aborted),
    };
    Advice {
        title,
        action,
        detail: error.to_string(),
    }
}
