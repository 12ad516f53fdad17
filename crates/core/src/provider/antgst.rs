//! AntGst: `GET /v1/whatsapp/businessPhoneNumber?pageNo&pageSize&wabaId&qualityRating`
//! with `Authorization: Bearer`, answering `{data, total, size, current, pages}`.

use std::borrow::Cow;

use super::{
    page_into, page_of, read_body, read_error_body, string_or_skip, ErrorDetails, HttpRequest,
    ListMeta, RawRow, RowSink, TextSlot,
};
use crate::json::{missing, optional_unsigned, u64_text, JsonError, Reader, Writer};
use crate::{Error, ListQuery, Page, PhoneNumber, Provider, Status};

/// The list endpoint's path.
pub const LIST_PATH: &str = "/v1/whatsapp/businessPhoneNumber";

pub(super) fn list_request(query: &ListQuery) -> Result<HttpRequest, Error> {
    if query.after.is_some() {
        return Err(Error::invalid_input(
            "query.after",
            "AntGst pages by number: use pageNo",
        ));
    }
    let mut params = Vec::new();
    if let Some(page_no) = query.page_no {
        params.push(("pageNo", u64_text(u64::from(page_no))));
    }
    if let Some(page_size) = query.page_size {
        params.push(("pageSize", u64_text(u64::from(page_size))));
    }
    if let Some(waba_id) = &query.waba_id {
        params.push(("wabaId", waba_id.clone()));
    }
    // Validated before: the filter is one of the four documented values.
    if let Ok(Some(quality)) = query.quality_filter() {
        params.push(("qualityRating", quality.as_str().to_owned()));
    }
    Ok(HttpRequest {
        path: LIST_PATH.to_owned(),
        query: params,
    })
}

/// Where each key of an AntGst row goes.
fn slot<'a, 'r>(row: &'r mut RawRow<'a>, key: &str) -> Option<TextSlot<'a, 'r>> {
    Some(TextSlot(match key {
        "wabaId" => &mut row.waba_id,
        "phoneNumberId" => &mut row.id,
        "displayPhoneNumber" => &mut row.phone_number,
        "verifiedName" => &mut row.verified_name,
        "status" => &mut row.status,
        "qualityRating" => &mut row.quality,
        "codeVerificationStatus" => &mut row.code_verification_status,
        "throughput" => &mut row.throughput,
        "messagingLimitTier" => &mut row.tier,
        "createTime" => &mut row.created_at,
        "updateTime" => &mut row.updated_at,
        _ => return None,
    }))
}

fn read_row(r: &mut Reader<'_>) -> Result<PhoneNumber, JsonError> {
    RawRow::read(r, slot)?.normalize(Provider::Antgst, ID_KEY)
}

/// The key of a row's id, where a missing one is reported.
const ID_KEY: &str = "phoneNumberId";

/// The list envelope `{data, total, size, current, pages}`: strict (a missing
/// or non-array `data` fails), its rows tolerant and handed to `sink`.
fn read_list<'a>(r: &mut Reader<'a>, sink: &mut RowSink<'_, 'a>) -> Result<ListMeta, JsonError> {
    let mut meta = ListMeta::default();
    let mut saw_data = false;
    let small = u64::from(u32::MAX);
    r.fields("data,total,size,current,pages", |r, key| {
        match key {
            0 => {
                saw_data = true;
                r.array(|r, _| {
                    meta.rows += 1;
                    let mut row = RawRow::default();
                    row.read_into(r, slot)?;
                    sink.take(&mut row)
                })?;
            }
            1 => meta.total = optional_unsigned(r, u64::MAX)?,
            2 => meta.page_size = optional_unsigned(r, small)?.map(|n| n as u32),
            3 => meta.page = optional_unsigned(r, small)?.map(|n| n as u32),
            4 => meta.pages = optional_unsigned(r, small)?.map(|n| n as u32),
            _ => r.skip()?,
        }
        Ok(())
    })?;
    if !saw_data {
        return Err(missing("data"));
    }
    Ok(meta)
}

pub(super) fn parse_list(body: &str) -> Result<Page, Error> {
    page_of(body, Provider::Antgst, ID_KEY, read_list)
}

pub(super) fn parse_list_into(body: &str, w: &mut Writer) -> Result<(), Error> {
    page_into(body, Provider::Antgst, ID_KEY, read_list, w)
}

pub(super) fn parse_row(body: &str) -> Result<PhoneNumber, Error> {
    read_body(body, read_row)
}

/// AntGst documents no error body; read the usual `message` / `msg` /
/// `error` (a string, or an object with a `message`).
pub(super) fn error_details(body: &str) -> ErrorDetails {
    let (mut message, mut msg, mut error) = (None, None, None);
    let mut details = read_error_body(body, "message,msg,error", |r, key, _| {
        match key {
            0 => message = string_or_skip(r)?,
            1 => msg = string_or_skip(r)?,
            2 if r.peek() == Some(b'{') => r.fields("message", |r, key| {
                if key == 0 {
                    error = string_or_skip(r)?;
                    Ok(())
                } else {
                    r.skip()
                }
            })?,
            2 => error = string_or_skip(r)?,
            _ => r.skip()?,
        }
        Ok(())
    });
    details.message = message.or(msg).or(error);
    details
}

/// Writes one number as an AntGst `data` row: the inverse of the reader, used by
/// the sandbox and the dashboard's demo data so they serve what AntGst sends.
pub fn write_row(n: &PhoneNumber, w: &mut Writer) {
    let status = match n.raw_status.as_deref() {
        Some("ACTIVE") | None if n.status == Status::Connected => "CONNECTED",
        Some(raw) => raw,
        None => n.status.as_str(),
    };
    w.object(|f| {
        f.opt_string("wabaId", n.waba_id.as_deref());
        f.string("phoneNumberId", &n.id);
        f.string("displayPhoneNumber", &n.phone_number);
        f.opt_string("verifiedName", n.verified_name.as_deref());
        f.string("status", status);
        f.string("qualityRating", n.quality_rating.as_str());
        f.opt_string(
            "codeVerificationStatus",
            n.code_verification_status.as_deref(),
        );
        f.opt_string("throughput", n.throughput.as_deref());
        f.string("messagingLimitTier", &n.messaging_limit.tier);
        f.opt_string("createTime", n.created_at.as_deref());
        f.opt_string("updateTime", n.updated_at.as_deref());
    });
}

/// Writes a list page `{data, total, size, current, pages}` of `rows`.
pub fn write_list<'n>(
    rows: impl Iterator<Item = Cow<'n, PhoneNumber>>,
    total: u64,
    page_no: u32,
    page_size: u32,
) -> String {
    let mut w = Writer::with_capacity(usize::try_from(page_size).unwrap_or(0) * 400 + 64);
    w.object(|f| {
        let data = f.key("data");
        data.begin_array();
        for (i, n) in rows.enumerate() {
            data.separator(i);
            write_row(&n, data);
        }
        data.end_array();
        f.unsigned("total", total);
        f.unsigned("size", u64::from(page_size));
        f.unsigned("current", u64::from(page_no));
        f.unsigned("pages", total.div_ceil(u64::from(page_size.max(1))));
    });
    w.finish()
}

/// AntGst's error body (undocumented; the usual `{code, message}`).
pub fn error_body(status: u16, message: &str) -> String {
    let mut w = Writer::default();
    w.object(|f| {
        f.unsigned("code", u64::from(status));
        f.string("message", message);
    });
    w.finish()
}
