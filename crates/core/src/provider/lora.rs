//! Agile Telecom LORA (UC-025): `GET /api/message-server/whatsapp/phone-numbers[/{id}]`
//! with `X-Api-Key`; the list answers `{phoneNumbers, total}` in one response, errors
//! are JSend `{"status":"fail","data":{field: message}}`, 429 adds `retryAfter`.

use std::borrow::Cow;

use super::{
    page_into, page_of, percent_encode, read_body, read_error_body, string_or_skip, ErrorDetails,
    HttpRequest, ListMeta, RawRow, RowSink, TextSlot,
};
use crate::json::{missing, JsonError, Reader, Writer};
use crate::{Error, ListQuery, Page, PhoneNumber, Provider, Status};

/// The list endpoint's path; the detail endpoint appends `/{id}`.
pub const LIST_PATH: &str = "/api/message-server/whatsapp/phone-numbers";

pub(super) fn list_request(query: &ListQuery) -> Result<HttpRequest, Error> {
    // LORA's list has no paging and no WABA filter: say so rather than
    // silently answer a different question.
    if query.page_no.is_some() {
        return Err(Error::invalid_input(
            "query.pageNo",
            "LORA returns every number in one response; it has no pages",
        ));
    }
    if query.page_size.is_some() {
        return Err(Error::invalid_input(
            "query.pageSize",
            "LORA returns every number in one response; it has no pages",
        ));
    }
    if query.after.is_some() {
        return Err(Error::invalid_input(
            "query.after",
            "LORA returns every number in one response; it has no pages",
        ));
    }
    if query.waba_id.is_some() {
        return Err(Error::invalid_input(
            "query.wabaId",
            "LORA's list cannot be filtered by WABA",
        ));
    }
    Ok(HttpRequest {
        path: LIST_PATH.to_owned(),
        query: Vec::new(),
    })
}

pub(super) fn detail_request(id: &str) -> HttpRequest {
    HttpRequest {
        path: [LIST_PATH, "/", &percent_encode(id)].concat(),
        query: Vec::new(),
    }
}

/// Where each key of a LORA number (list row or detail) goes.
fn slot<'a, 'r>(row: &'r mut RawRow<'a>, key: &str) -> Option<TextSlot<'a, 'r>> {
    Some(TextSlot(match key {
        "phoneNumberId" => &mut row.id,
        "phoneNumber" => &mut row.phone_number,
        "displayName" => &mut row.display_name,
        "qualityRating" => &mut row.quality,
        "status" => &mut row.status,
        "messagingLimit" => &mut row.tier,
        "verifiedName" => &mut row.verified_name,
        "platform" => &mut row.platform,
        "nameStatus" => &mut row.name_status,
        "accountMode" => &mut row.account_mode,
        "lastOnboardedAt" => &mut row.last_onboarded_at,
        "wabaId" => &mut row.waba_id,
        "throughput" => &mut row.throughput,
        "codeVerificationStatus" => &mut row.code_verification_status,
        "createdAt" => &mut row.created_at,
        "updatedAt" => &mut row.updated_at,
        _ => return None,
    }))
}

fn read_row(r: &mut Reader<'_>) -> Result<PhoneNumber, JsonError> {
    RawRow::read(r, slot)?.normalize(Provider::Lora, ID_KEY)
}

/// The key of a number's id, where a missing one is reported.
const ID_KEY: &str = "phoneNumberId";

/// The list envelope `{phoneNumbers, total}`: strict, its rows tolerant and
/// handed to `sink`.
fn read_list<'a>(r: &mut Reader<'a>, sink: &mut RowSink<'_, 'a>) -> Result<ListMeta, JsonError> {
    let mut meta = ListMeta::default();
    let mut saw_rows = false;
    r.fields("phoneNumbers,total", |r, key| {
        match key {
            0 => {
                saw_rows = true;
                r.array(|r, _| {
                    meta.rows += 1;
                    let mut row = RawRow::default();
                    row.read_into(r, slot)?;
                    sink.take(&mut row)
                })?;
            }
            // `null` read inside the arm, not in a guard (see `health_error`).
            1 => {
                if !r.null()? {
                    meta.total = Some(r.unsigned(u64::MAX)?);
                }
            }
            _ => r.skip()?,
        }
        Ok(())
    })?;
    if !saw_rows {
        return Err(missing("phoneNumbers"));
    }
    Ok(meta)
}

pub(super) fn parse_list(body: &str) -> Result<Page, Error> {
    page_of(body, Provider::Lora, ID_KEY, read_list)
}

pub(super) fn parse_list_into(body: &str, w: &mut Writer) -> Result<(), Error> {
    page_into(body, Provider::Lora, ID_KEY, read_list, w)
}

pub(super) fn parse_detail(body: &str) -> Result<PhoneNumber, Error> {
    read_body(body, read_row)
}

/// The quality filter LORA cannot apply itself, applied to its one-page answer.
pub(super) fn filter_locally(mut page: Page, query: &ListQuery) -> Result<Page, Error> {
    if let Some(quality) = query.quality_filter()? {
        page.numbers.retain(|n| n.quality_rating == quality);
        page.total = page.numbers.len() as u64;
    }
    Ok(page)
}

/// JSend `fail` bodies name a field; the 429 body carries `message` and `retryAfter` (seconds).
pub(super) fn error_details(body: &str) -> ErrorDetails {
    let (mut message, mut error, mut entry) = (None, None, None);
    let keys = "data,message,error,retryAfter";
    let mut details = read_error_body(body, keys, |r, key, details| {
        match key {
            0 if r.peek() == Some(b'{') => r.object(|r, field| {
                let value = string_or_skip(r)?;
                if entry.is_none() {
                    entry = value.map(|m| (field.to_owned(), m));
                }
                Ok(())
            })?,
            1 => message = string_or_skip(r)?,
            2 => error = string_or_skip(r)?,
            3 => details.retry_after_ms = super::retry_after_value(r)?,
            _ => r.skip()?,
        }
        Ok(())
    });
    match entry {
        Some((field, message)) => {
            details.message = Some(message);
            details.field = Some(field);
        }
        None => details.message = message.or(error),
    }
    details
}

/// Writes one number as LORA sends it: the list's fields, plus the detail's when
/// `detail` (the inverse of the reader, for the sandbox and the demo data).
pub fn write_number(n: &PhoneNumber, detail: bool, w: &mut Writer) {
    let status = match n.raw_status.as_deref() {
        Some("CONNECTED") | None if n.status == Status::Connected => "ACTIVE",
        Some(raw) => raw,
        None => n.status.as_str(),
    };
    w.object(|f| {
        f.string("phoneNumberId", &n.id);
        f.string("phoneNumber", &n.phone_number);
        f.opt_string("displayName", n.display_name.as_deref());
        f.string("qualityRating", n.quality_rating.as_str());
        f.string("status", status);
        f.string("messagingLimit", &n.messaging_limit.tier);
        f.opt_string("verifiedName", n.verified_name.as_deref());
        f.opt_string("platform", n.platform.as_deref());
        if detail {
            f.opt_string("nameStatus", n.name_status.as_deref());
            f.opt_string("accountMode", n.account_mode.as_deref());
            f.opt_string("lastOnboardedAt", n.last_onboarded_at.as_deref());
            f.opt_string("wabaId", n.waba_id.as_deref());
        }
    });
}

/// Writes the list body `{phoneNumbers, total}`.
pub fn write_list<'n>(
    rows: impl Iterator<Item = Cow<'n, PhoneNumber>>,
    total_shift: u64,
) -> String {
    let mut w = Writer::default();
    let mut count = 0;
    w.object(|f| {
        let list = f.key("phoneNumbers");
        list.begin_array();
        for (i, n) in rows.enumerate() {
            list.separator(i);
            write_number(&n, false, list);
            count += 1;
        }
        list.end_array();
        f.unsigned("total", count + total_shift);
    });
    w.finish()
}

/// Writes one number's detail body.
pub fn write_detail(n: &PhoneNumber) -> String {
    let mut w = Writer::default();
    write_number(n, true, &mut w);
    w.finish()
}

/// LORA's JSend failure body naming a field, as in the seed.
pub fn fail_body(field: &'static str, message: &str) -> String {
    let mut w = Writer::default();
    w.object(|f| {
        f.string("status", "fail");
        f.key("data").object(|d| d.string(field, message));
    });
    w.finish()
}

/// LORA's 429 body.
pub fn rate_limited_body(retry_after_s: u64) -> String {
    let mut w = Writer::default();
    w.object(|f| {
        f.unsigned("status", 429);
        f.string("error", "Too Many Requests");
        f.string(
            "message",
            "Rate limit exceeded: 1000 requests per minute per API key",
        );
        f.unsigned("retryAfter", retry_after_s);
    });
    w.finish()
}
