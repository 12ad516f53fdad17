//! AntGst: `GET /v1/whatsapp/businessPhoneNumber?pageNo&pageSize&wabaId&qualityRating`
//! with `Authorization: Bearer`, answering `{data, total, size, current, pages}`.

use serde::Deserialize;

use super::{ErrorDetails, HttpRequest};
use crate::wire::{parse_body, required_id, Text};
use crate::{Error, ListQuery, MessagingLimit, Page, PhoneNumber, Provider, QualityRating, Status};

/// The list endpoint's path.
pub const LIST_PATH: &str = "/v1/whatsapp/businessPhoneNumber";

pub(super) fn list_request(query: &ListQuery) -> HttpRequest {
    let mut params = Vec::new();
    if let Some(page_no) = query.page_no {
        params.push(("pageNo", page_no.to_string()));
    }
    if let Some(page_size) = query.page_size {
        params.push(("pageSize", page_size.to_string()));
    }
    if let Some(waba_id) = &query.waba_id {
        params.push(("wabaId", waba_id.clone()));
    }
    // Validated before: the filter is one of the four documented values.
    if let Ok(Some(quality)) = query.quality_filter() {
        params.push(("qualityRating", quality.as_str().to_owned()));
    }
    HttpRequest {
        path: LIST_PATH.to_owned(),
        query: params,
    }
}

/// One row of `data`, as AntGst sends it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Row {
    #[serde(default)]
    waba_id: Text,
    #[serde(default)]
    phone_number_id: Text,
    #[serde(default)]
    display_phone_number: Text,
    #[serde(default)]
    verified_name: Text,
    #[serde(default)]
    status: Text,
    #[serde(default)]
    quality_rating: Text,
    #[serde(default)]
    code_verification_status: Text,
    #[serde(default)]
    throughput: Text,
    #[serde(default)]
    messaging_limit_tier: Text,
    #[serde(default)]
    create_time: Text,
    #[serde(default)]
    update_time: Text,
}

/// The list envelope: strict (a missing or non-array `data` fails).
#[derive(Deserialize)]
struct Envelope {
    data: Vec<Row>,
    #[serde(default)]
    total: Option<u64>,
    #[serde(default)]
    size: Option<u32>,
    #[serde(default)]
    current: Option<u32>,
    #[serde(default)]
    pages: Option<u32>,
}

impl Row {
    fn normalize(self, at: impl FnOnce() -> String) -> Result<PhoneNumber, Error> {
        let raw_status = self.status.into_option();
        Ok(PhoneNumber {
            provider: Provider::Antgst,
            id: required_id(self.phone_number_id, at)?,
            phone_number: self.display_phone_number.into_option().unwrap_or_default(),
            display_name: None,
            verified_name: self.verified_name.into_option(),
            waba_id: self.waba_id.into_option(),
            status: Status::from_raw(raw_status.as_deref()),
            raw_status,
            quality_rating: QualityRating::from_raw(self.quality_rating.0.as_deref()),
            messaging_limit: MessagingLimit::from_tier(self.messaging_limit_tier.0.as_deref()),
            throughput: self.throughput.into_option(),
            code_verification_status: self.code_verification_status.into_option(),
            platform: None,
            name_status: None,
            account_mode: None,
            created_at: self.create_time.into_option(),
            updated_at: self.update_time.into_option(),
            last_onboarded_at: None,
        })
    }
}

pub(super) fn parse_list(body: &str) -> Result<Page, Error> {
    let envelope: Envelope = parse_body(body)?;
    let rows = envelope.data.len() as u64;
    let numbers = envelope
        .data
        .into_iter()
        .enumerate()
        .map(|(i, row)| row.normalize(|| format!("data[{i}].phoneNumberId")))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page {
        numbers,
        total: envelope.total.unwrap_or(rows),
        page: envelope.current,
        page_size: envelope.size,
        pages: envelope.pages,
        next_cursor: None,
    })
}

pub(super) fn parse_row(body: &str) -> Result<PhoneNumber, Error> {
    parse_body::<Row>(body)?.normalize(|| "phoneNumberId".to_owned())
}

/// AntGst documents no error body; read the usual `message` / `msg` / `error`.
pub(super) fn error_details(body: &str) -> ErrorDetails {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(body) else {
        return ErrorDetails::default();
    };
    let text = |key: &str| value.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    let nested = value
        .get("error")
        .and_then(|e| e.get("message"))
        .and_then(|m| m.as_str());
    ErrorDetails {
        message: text("message")
            .or_else(|| text("msg"))
            .or_else(|| nested.map(str::to_owned))
            .or_else(|| text("error")),
        field: None,
        retry_after_ms: None,
    }
}

/// Writes one number as an AntGst `data` row: the inverse of the reader, used by
/// the sandbox and the dashboard's demo data so they serve what AntGst sends.
pub fn to_wire(n: &PhoneNumber) -> serde_json::Value {
    let status = match n.raw_status.as_deref() {
        Some("ACTIVE") | None if n.status == Status::Connected => "CONNECTED".to_owned(),
        Some(raw) => raw.to_owned(),
        None => n.status.as_str().to_owned(),
    };
    super::compact(serde_json::json!({
        "wabaId": n.waba_id,
        "phoneNumberId": n.id,
        "displayPhoneNumber": n.phone_number,
        "verifiedName": n.verified_name,
        "status": status,
        "qualityRating": n.quality_rating.as_str(),
        "codeVerificationStatus": n.code_verification_status,
        "throughput": n.throughput,
        "messagingLimitTier": n.messaging_limit.tier,
        "createTime": n.created_at,
        "updateTime": n.updated_at,
    }))
}

/// AntGst's error body (undocumented; the usual `{code, message}`).
pub fn error_body(status: u16, message: &str) -> serde_json::Value {
    serde_json::json!({ "code": status, "message": message })
}
