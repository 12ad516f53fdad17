//! Provider dialects. Each provider has its own module that knows its paths,
//! auth header, wire JSON and error bodies; this module is the one place that
//! dispatches on [`Provider`], so no other code needs `if provider == ...`.

pub mod antgst;
pub mod lora;
pub mod meta;

use std::borrow::Cow;

use crate::json::{u64_text, Fields, FromJson, JsonError, RawStr, Reader, Writer};
use crate::{
    query::validate_id, Error, Health, ListQuery, MessagingLimit, Page, PhoneNumber, Provider,
    QualityRating, Status,
};

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
            Auth::Bearer => ("Authorization", ["Bearer ", credential].concat()),
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
        let mut url = [base_url.trim_end_matches('/'), &self.path].concat();
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
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(HEX[usize::from(byte >> 4)] as char);
            out.push(HEX[usize::from(byte & 15)] as char);
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
            Provider::Meta => Auth::Bearer,
        }
    }

    /// The list request for `query`, validated first.
    pub fn list_request(self, query: &ListQuery) -> Result<HttpRequest, Error> {
        query.validate()?;
        match self {
            Provider::Antgst => antgst::list_request(query),
            Provider::Lora => lora::list_request(query),
            Provider::Meta => meta::list_request(query),
        }
    }

    /// The detail request for one id; `None` where the provider has no detail
    /// endpoint (AntGst: the number is found through the list).
    pub fn detail_request(self, id: &str) -> Result<Option<HttpRequest>, Error> {
        // Also refuses "." and "..", which a URL reads as path steps.
        validate_id("phoneNumberId", id)?;
        Ok(match self {
            Provider::Antgst => None,
            Provider::Lora => Some(lora::detail_request(id)),
            Provider::Meta => Some(meta::detail_request(id)),
        })
    }

    /// How the provider's list is paged.
    pub fn paging(self) -> Paging {
        match self {
            Provider::Antgst => Paging::Numbered {
                max_page_no: crate::query::MAX_PAGE_NO,
            },
            Provider::Lora => Paging::OneAnswer,
            Provider::Meta => Paging::Cursor,
        }
    }

    /// Whether the list is read page by page (`pageNo`), and up to which page.
    pub fn max_page_no(self) -> Option<u32> {
        match self.paging() {
            Paging::Numbered { max_page_no } => Some(max_page_no),
            Paging::OneAnswer | Paging::Cursor => None,
        }
    }

    /// The request rate the provider documents per key, as (per minute, per
    /// second): LORA's 1,000 a minute in bursts of at most 50 a second. The
    /// client stays inside it; the sandbox enforces it.
    pub fn documented_rate(self) -> Option<(u32, u32)> {
        match self {
            Provider::Lora => Some((1_000, 50)),
            // AntGst documents none; Meta's budget is per business and told
            // in X-Business-Use-Case-Usage.
            Provider::Antgst | Provider::Meta => None,
        }
    }

    /// How much of its request budget the provider says is used (percent),
    /// from the value of its [`wait_header`](Self::wait_header) on any answer.
    pub fn usage_percent(self, wait_header: &str) -> Option<u64> {
        match self {
            Provider::Meta => meta::usage_percent(wait_header),
            Provider::Antgst | Provider::Lora => None,
        }
    }

    /// The response header (besides `Retry-After`) that says how long to
    /// wait when throttled, if the provider sends one.
    pub fn wait_header(self) -> Option<&'static str> {
        match self {
            Provider::Meta => Some("X-Business-Use-Case-Usage"),
            Provider::Antgst | Provider::Lora => None,
        }
    }

    /// Parses a list body (the JS `parsePhoneNumbers`).
    pub fn parse_list(self, body: &str) -> Result<Page, Error> {
        match self {
            Provider::Antgst => antgst::parse_list(body),
            Provider::Lora => lora::parse_list(body),
            Provider::Meta => meta::parse_list(body),
        }
    }

    /// Parses a list body straight into the normalized [`Page`], written to
    /// `w` as `parse_list` then [`ToJson`](crate::json::ToJson) would write
    /// it, without building the Rust values (the JS `parsePhoneNumbers`).
    pub fn parse_list_into(self, body: &str, w: &mut Writer) -> Result<(), Error> {
        match self {
            Provider::Antgst => antgst::parse_list_into(body, w),
            Provider::Lora => lora::parse_list_into(body, w),
            Provider::Meta => meta::parse_list_into(body, w),
        }
    }

    /// [`parse_list_into`](Self::parse_list_into) as JSON text.
    pub fn parse_list_json(self, body: &str) -> Result<String, Error> {
        let mut w = Writer::over_source(body);
        self.parse_list_into(body, &mut w)?;
        Ok(w.finish_over(body))
    }

    /// Parses a list body and applies what the provider cannot filter itself.
    pub fn parse_list_for(self, query: &ListQuery, body: &str) -> Result<Page, Error> {
        let page = self.parse_list(body)?;
        match self {
            Provider::Antgst => Ok(page),
            Provider::Lora => lora::filter_locally(page, query),
            Provider::Meta => meta::complete(page, query),
        }
    }

    /// The error of a failed list request for `query`, with what the dialect
    /// knows of it added (Meta: the WABA it does not know).
    pub fn list_error_for(self, query: &ListQuery, error: Error) -> Error {
        match self {
            Provider::Antgst | Provider::Lora => error,
            Provider::Meta => meta::name_unknown_waba(error, query),
        }
    }

    /// Parses one number (the JS `parsePhoneNumber`): LORA's detail body, or one
    /// AntGst row.
    pub fn parse_detail(self, body: &str) -> Result<PhoneNumber, Error> {
        match self {
            Provider::Antgst => antgst::parse_row(body),
            Provider::Lora => lora::parse_detail(body),
            Provider::Meta => meta::parse_detail(body),
        }
    }

    /// Turns a non-2xx answer into the typed error, reading the provider's error
    /// body where it has one. `retry_after` is the `Retry-After` header.
    pub fn parse_error(self, status: u16, retry_after: Option<&str>, body: &str) -> Error {
        self.parse_error_waiting(status, retry_after, None, body)
    }

    /// [`parse_error`](Self::parse_error), also given the value of the
    /// provider's [`wait_header`](Self::wait_header) when it sent one.
    pub fn parse_error_waiting(
        self,
        status: u16,
        retry_after: Option<&str>,
        wait_header: Option<&str>,
        body: &str,
    ) -> Error {
        let details = match self {
            Provider::Antgst => antgst::error_details(body),
            Provider::Lora => lora::error_details(body),
            Provider::Meta => meta::error_details(body),
        };
        let header_wait = match self {
            Provider::Meta => wait_header.and_then(meta::regain_access_ms),
            Provider::Antgst | Provider::Lora => None,
        };
        let retry_after_ms = retry_after
            .and_then(parse_retry_after)
            .or(header_wait)
            .or(details.retry_after_ms);
        error_for_status(status, details, retry_after_ms)
    }
}

/// How a provider's list is paged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    /// `pageNo` from 1 up to `max_page_no`, with a `total` (AntGst).
    Numbered { max_page_no: u32 },
    /// Every number in one answer (LORA).
    OneAnswer,
    /// `after` cursors, no total (Meta).
    Cursor,
}

/// What a provider's error body said.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ErrorDetails {
    /// What the body says the error is, whatever the HTTP status (Meta's
    /// codes); `None` leaves it to the status.
    pub kind: Option<crate::ErrorKind>,
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
    let status_text = u64_text(u64::from(status));
    let mut message = details
        .message
        .unwrap_or_else(|| ["HTTP ", &status_text].concat());
    if let Some((cut, _)) = message.char_indices().nth(MAX_MESSAGE_CHARS) {
        message.truncate(cut);
        message.push('…');
    }
    use crate::ErrorKind as K;
    // The body's word first (Meta answers 400 whatever the cause), else the status.
    let kind = details.kind.unwrap_or(match status {
        401 => K::Unauthorized,
        403 => K::Forbidden,
        404 | 410 => K::NotFound,
        429 => K::RateLimited,
        500..=599 => K::Server,
        400..=499 => K::InvalidInput,
        _ => K::InvalidResponse,
    });
    match kind {
        K::Unauthorized => Error::Unauthorized { status, message },
        K::Forbidden => Error::Forbidden { status, message },
        K::NotFound => Error::NotFound {
            status,
            message,
            field: details.field,
            waba_id: None,
        },
        K::RateLimited => Error::RateLimited {
            status,
            message,
            retry_after_ms,
        },
        K::Server | K::Network | K::Timeout | K::Aborted => Error::Server { status, message },
        K::InvalidInput => Error::InvalidInput {
            field: details.field.unwrap_or_else(|| "request".to_owned()),
            message,
            status: Some(status),
        },
        K::InvalidResponse => Error::InvalidResponse {
            at: "$".to_owned(),
            message: ["unexpected HTTP status ", &status_text, ": ", &message].concat(),
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
    let seconds = crate::json::whole_number(whole, u64::MAX).unwrap_or(u64::MAX);
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
pub(crate) fn retry_after_value(r: &mut Reader<'_>) -> Result<Option<u64>, JsonError> {
    Ok(match r.peek() {
        Some(b'"') => parse_retry_after(&r.string()?),
        Some(b'0'..=b'9') => parse_retry_after(r.number_text()?),
        _ => r.skip().map(|_| None)?,
    })
}

/// The fields of one provider row, as raw JSON text, before normalization:
/// each dialect maps its own keys onto these, and one normalization serves
/// them all, into the Rust model ([`RawRow::normalize`]) or straight into
/// the normalized JSON for JavaScript ([`RawRow::write_json`]).
#[derive(Default)]
pub(crate) struct RawRow<'a> {
    pub id: Option<RawStr<'a>>,
    pub phone_number: Option<RawStr<'a>>,
    pub display_name: Option<RawStr<'a>>,
    pub verified_name: Option<RawStr<'a>>,
    pub waba_id: Option<RawStr<'a>>,
    pub status: Option<RawStr<'a>>,
    pub quality: Option<RawStr<'a>>,
    pub tier: Option<RawStr<'a>>,
    pub throughput: Option<RawStr<'a>>,
    pub code_verification_status: Option<RawStr<'a>>,
    pub platform: Option<RawStr<'a>>,
    pub name_status: Option<RawStr<'a>>,
    pub account_mode: Option<RawStr<'a>>,
    pub created_at: Option<RawStr<'a>>,
    pub updated_at: Option<RawStr<'a>>,
    pub last_onboarded_at: Option<RawStr<'a>>,
    /// A limit to use when `tier` is absent (Meta's deprecated per-number tier).
    pub tier_fallback: Option<RawStr<'a>>,
    /// Meta's health status, read by its dialect.
    pub health: Option<Health>,
}

impl<'a> RawRow<'a> {
    /// Reads one row object: `slot` names the text field a key goes to, keys
    /// it does not know are skipped (rows are tolerant). A function pointer,
    /// not a generic: one copy of the row loop serves every dialect.
    pub fn read(
        r: &mut Reader<'a>,
        slot: for<'r> fn(&'r mut RawRow<'a>, &str) -> Option<TextSlot<'a, 'r>>,
    ) -> Result<RawRow<'a>, JsonError> {
        let mut row = RawRow::default();
        row.read_into(r, slot)?;
        Ok(row)
    }

    /// [`read`](Self::read) into a row the caller holds (a fresh one): a
    /// list's rows are read and handed on in place, where a returned row
    /// was copied twice on its way (two `memory.copy` of 230 bytes a row).
    pub fn read_into(
        &mut self,
        r: &mut Reader<'a>,
        slot: for<'r> fn(&'r mut RawRow<'a>, &str) -> Option<TextSlot<'a, 'r>>,
    ) -> Result<(), JsonError> {
        r.object(|r, key| match slot(self, key) {
            Some(TextSlot(field)) => {
                *field = r.text()?;
                Ok(())
            }
            None => r.skip(),
        })
    }

    /// The id every row must have; a row without one fails at `id_key`.
    fn id(&self, id_key: &str) -> Result<RawStr<'a>, JsonError> {
        self.id
            .ok_or_else(|| JsonError::new("row has no phone number id").in_key(id_key))
    }

    /// What the three normalized fields are read from (decoded only when
    /// the provider escaped them, which it never needs to).
    fn enums(&self) -> (Status, QualityRating, MessagingLimitView<'a>) {
        let (mut status_room, mut quality_room) = (String::new(), String::new());
        let status = Status::from_raw(field_text(self.status, &mut status_room));
        (
            self.health
                .as_ref()
                .map_or(status, |health| health.refine(status)),
            QualityRating::from_raw(field_text(self.quality, &mut quality_room)),
            MessagingLimitView::of(self.tier.or(self.tier_fallback).map(RawStr::decode)),
        )
    }

    /// The normalized number.
    pub fn normalize(self, provider: Provider, id_key: &str) -> Result<PhoneNumber, JsonError> {
        let own = |s: Option<RawStr<'a>>| s.map(RawStr::into_owned);
        let id = self.id(id_key)?.into_owned();
        let (status, quality_rating, limit) = self.enums();
        Ok(PhoneNumber {
            provider,
            id,
            phone_number: own(self.phone_number).unwrap_or_default(),
            display_name: own(self.display_name),
            verified_name: own(self.verified_name),
            waba_id: own(self.waba_id),
            status,
            raw_status: own(self.status),
            quality_rating,
            messaging_limit: MessagingLimit {
                tier: limit.tier.into_owned(),
                daily_limit: limit.daily_limit,
                unlimited: limit.unlimited,
            },
            throughput: own(self.throughput),
            code_verification_status: own(self.code_verification_status),
            platform: own(self.platform),
            name_status: own(self.name_status),
            account_mode: own(self.account_mode),
            created_at: own(self.created_at),
            updated_at: own(self.updated_at),
            last_onboarded_at: own(self.last_onboarded_at),
            health: self.health,
        })
    }

    /// Writes the normalized number as JSON, exactly as [`ToJson`] writes
    /// the [`PhoneNumber`] that [`normalize`](Self::normalize) would give,
    /// but copying the provider's strings as they stand (no decoding, no
    /// allocation): `parsePhoneNumbers`' fast path.
    pub fn write_json(
        &self,
        provider: Provider,
        id_key: &str,
        w: &mut Writer,
    ) -> Result<(), JsonError> {
        let id = self.id(id_key)?;
        let (status, quality, limit) = self.enums();
        let text = |f: &mut Fields<'_>, key: &'static str, value: Option<RawStr<'_>>| {
            if let Some(value) = value {
                f.key(key).raw_str(value);
            }
        };
        w.object(|f| {
            f.name("provider", provider.as_str());
            text(f, "id", Some(id));
            match self.phone_number {
                Some(number) => text(f, "phoneNumber", Some(number)),
                None => f.string("phoneNumber", ""),
            }
            text(f, "displayName", self.display_name);
            text(f, "verifiedName", self.verified_name);
            text(f, "wabaId", self.waba_id);
            f.name("status", status.as_str());
            text(f, "rawStatus", self.status);
            f.name("qualityRating", quality.as_str());
            f.key("messagingLimit").object(|m| {
                m.key("tier").source_str(&limit.tier);
                m.unsigned_or_null("dailyLimit", limit.daily_limit);
                m.boolean("unlimited", limit.unlimited);
            });
            text(f, "throughput", self.throughput);
            text(f, "codeVerificationStatus", self.code_verification_status);
            text(f, "platform", self.platform);
            text(f, "nameStatus", self.name_status);
            text(f, "accountMode", self.account_mode);
            text(f, "createdAt", self.created_at);
            text(f, "updatedAt", self.updated_at);
            text(f, "lastOnboardedAt", self.last_onboarded_at);
            if let Some(health) = &self.health {
                f.value("health", health);
            }
        });
        Ok(())
    }
}

/// The text of a field: borrowed when the provider did not escape it (every
/// row, in practice: no `Cow` built, dereferenced and dropped per field),
/// else decoded into `room`.
fn field_text<'s>(value: Option<RawStr<'s>>, room: &'s mut String) -> Option<&'s str> {
    let value = value?;
    if !value.is_escaped() {
        return Some(value.json_content());
    }
    *room = value.into_owned();
    Some(room)
}

/// Where a row key's text goes.
pub(crate) struct TextSlot<'a, 'r>(pub &'r mut Option<RawStr<'a>>);

/// What a list envelope said besides its rows.
#[derive(Default)]
pub(crate) struct ListMeta {
    pub rows: u64,
    pub total: Option<u64>,
    pub page: Option<u32>,
    pub page_size: Option<u32>,
    pub pages: Option<u32>,
    pub next_cursor: Option<String>,
}

/// Where the rows of a list body go as they are read.
pub(crate) type RowSink<'s, 'a> = dyn TakesRows<'a> + 's;

/// A dialect's reader of a whole list body: its rows to the sink, the rest
/// returned. A function pointer, not a generic: one copy of [`page_of`] and
/// of [`page_into`] serves the three dialects.
pub(crate) type ListReader<'a> =
    for<'r, 's> fn(&'r mut Reader<'a>, &'s mut RowSink<'_, 'a>) -> Result<ListMeta, JsonError>;

/// A closure that takes each row, behind a trait of one method: a `dyn
/// FnMut`'s vtable would also hold a `call_once` shim that nothing calls.
/// The row is lent, not moved: a move is a copy of its 230 bytes.
pub(crate) trait TakesRows<'a> {
    fn take(&mut self, row: &mut RawRow<'a>) -> Result<(), JsonError>;
}

impl<'a, F: FnMut(&mut RawRow<'a>) -> Result<(), JsonError>> TakesRows<'a> for F {
    fn take(&mut self, row: &mut RawRow<'a>) -> Result<(), JsonError> {
        self(row)
    }
}

/// Reads a list body into a [`Page`] of normalized numbers.
pub(crate) fn page_of<'a>(
    body: &'a str,
    provider: Provider,
    id_key: &'static str,
    read: ListReader<'a>,
) -> Result<Page, Error> {
    let mut numbers = Vec::new();
    let meta = read_body(body, |r| {
        read(r, &mut |row: &mut RawRow<'a>| {
            numbers.push(std::mem::take(row).normalize(provider, id_key)?);
            Ok(())
        })
    })?;
    Ok(Page {
        total: meta.total.unwrap_or(meta.rows),
        numbers,
        page: meta.page,
        page_size: meta.page_size,
        pages: meta.pages,
        next_cursor: meta.next_cursor,
    })
}

/// Reads a list body straight into the normalized [`Page`], written to `w`
/// as [`ToJson`](crate::json::ToJson) writes it, without building the Rust
/// values. On an error, what `w` holds is to be dropped.
pub(crate) fn page_into<'a>(
    body: &'a str,
    provider: Provider,
    id_key: &'static str,
    read: ListReader<'a>,
    w: &mut Writer,
) -> Result<(), Error> {
    let mut result = Ok(());
    w.object(|f| {
        let numbers = f.key("numbers");
        numbers.begin_array();
        let meta = read_body(body, |r| {
            read(r, &mut |row: &mut RawRow<'a>| {
                row.write_json(provider, id_key, numbers)
            })
        });
        numbers.end_array();
        let meta = match meta {
            Ok(meta) => meta,
            Err(e) => {
                result = Err(e);
                return;
            }
        };
        f.unsigned("total", meta.total.unwrap_or(meta.rows));
        f.opt_unsigned("page", meta.page.map(u64::from));
        f.opt_unsigned("pageSize", meta.page_size.map(u64::from));
        f.opt_unsigned("pages", meta.pages.map(u64::from));
        f.opt_string("nextCursor", meta.next_cursor.as_deref());
    });
    result
}

/// A tier and its capacity, borrowed from the row (see [`MessagingLimit`]).
pub(crate) struct MessagingLimitView<'a> {
    pub tier: Cow<'a, str>,
    pub daily_limit: Option<u64>,
    pub unlimited: bool,
}

impl<'a> MessagingLimitView<'a> {
    fn of(tier: Option<Cow<'a, str>>) -> Self {
        let tier = match tier {
            Some(Cow::Borrowed(t)) => Cow::Borrowed(crate::json::trimmed(t)),
            Some(Cow::Owned(t)) => Cow::Owned(t.trim().to_owned()),
            None => Cow::Borrowed(MessagingLimit::NOT_SET),
        };
        let tier = if tier.is_empty() {
            Cow::Borrowed(MessagingLimit::NOT_SET)
        } else {
            tier
        };
        let (daily_limit, unlimited) = MessagingLimit::capacity(&tier);
        MessagingLimitView {
            tier,
            daily_limit,
            unlimited,
        }
    }
}

/// Reads a whole provider body with `read`; a failure is `invalid_response`
/// at its place.
pub(crate) fn read_body<'a, T>(
    body: &'a str,
    read: impl FnOnce(&mut Reader<'a>) -> Result<T, JsonError>,
) -> Result<T, Error> {
    Reader::read_all(body, read).map_err(body_error)
}

/// [`read_body`]'s error, apart (not generic): one copy for every body read.
#[inline(never)]
fn body_error(e: JsonError) -> Error {
    let (place, message) = e.into_parts();
    Error::invalid_response(place, message)
}

/// Reads a provider's error body as an object of top-level keys, giving each
/// key's index in `keys` to `field` (as [`Reader::fields`]); a body that is
/// not such an object yields the defaults.
pub(crate) fn read_error_body<'a>(
    body: &'a str,
    keys: &'static str,
    mut field: impl FnMut(&mut Reader<'a>, usize, &mut ErrorDetails) -> Result<(), JsonError>,
) -> ErrorDetails {
    let mut details = ErrorDetails::default();
    let read = Reader::read_all(body, |r| {
        r.fields(keys, |r, key| field(r, key, &mut details))
    });
    if read.is_err() {
        // A half-read body may have set some fields; none of them is trusted.
        return ErrorDetails::default();
    }
    details
}

/// A string value, or `None` for anything else (skipped).
pub(crate) fn string_or_skip(r: &mut Reader<'_>) -> Result<Option<String>, JsonError> {
    if r.peek() == Some(b'"') {
        return String::read_json(r).map(Some);
    }
    r.skip().map(|_| None)
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
    fn dot_ids_never_reach_a_url() {
        for provider in [Provider::Antgst, Provider::Lora, Provider::Meta] {
            for id in [".", ".."] {
                let e = provider.detail_request(id).unwrap_err();
                assert_eq!(
                    (e.kind(), e.field()),
                    (crate::ErrorKind::InvalidInput, Some("phoneNumberId")),
                    "{provider:?} {id:?}"
                );
            }
            // Dots inside an id are ordinary characters.
            assert!(provider.detail_request("a..b").is_ok());
        }
        // Nor a WABA id: Meta's goes into the list's path, the token with it.
        for waba in [".", "..", " .. "] {
            let query = ListQuery {
                waba_id: Some(waba.into()),
                ..Default::default()
            };
            let e = Provider::Meta.list_request(&query).unwrap_err();
            assert_eq!(
                (e.kind(), e.field()),
                (crate::ErrorKind::InvalidInput, Some("query.wabaId")),
                "{waba:?}"
            );
        }
        let query = ListQuery {
            waba_id: Some("...".into()),
            ..Default::default()
        };
        assert!(Provider::Meta.list_request(&query).is_ok());
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
