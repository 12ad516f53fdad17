//! Agile Telecom LORA (UC-025): `GET /api/message-server/whatsapp/phone-numbers[/{id}]`
//! with `X-Api-Key`; the list answers `{phoneNumbers, total}` in one response, errors
//! are JSend `{"status":"fail","data":{field: message}}`, 429 adds `retryAfter`.

use serde::Deserialize;

use super::{percent_encode, ErrorDetails, HttpRequest};
use crate::wire::{parse_body, required_id, Text};
use crate::{Error, ListQuery, MessagingLimit, Page, PhoneNumber, Provider, QualityRating, Status};

/// The list endpoint's path; the detail endpoint appends `/{id}`.
pub const LIST_PATH: &str = "/api/message-server/whatsapp/phone-numbers";

pub(super) fn list_request(query: &ListQuery) -> Result<HttpRequest, Error> {
    // LORA's list has no paging and no WABA filter: say so rather than
    // silently answer a different question.
    if query.page_no.is_some() {
        return Err(Error::invalid_input(
            "pageNo",
            "LORA returns every number in one response; it has no pages",
        ));
    }
    if query.page_size.is_some() {
        return Err(Error::invalid_input(
            "pageSize",
            "LORA returns every number in one response; it has no pages",
        ));
    }
    if query.waba_id.is_some() {
        return Err(Error::invalid_input(
            "wabaId",
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
        path: format!("{LIST_PATH}/{}", percent_encode(id)),
        query: Vec::new(),
    }
}

/// One number, as the list and detail endpoints send it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Row {
    #[serde(default)]
    phone_number_id: Text,
    #[serde(default)]
    phone_number: Text,
    #[serde(default)]
    display_name: Text,
    #[serde(default)]
    quality_rating: Text,
    #[serde(default)]
    status: Text,
    #[serde(default)]
    messaging_limit: Text,
    #[serde(default)]
    verified_name: Text,
    #[serde(default)]
    platform: Text,
    #[serde(default)]
    name_status: Text,
    #[serde(default)]
    account_mode: Text,
    #[serde(default)]
    last_onboarded_at: Text,
    #[serde(default)]
    waba_id: Text,
    #[serde(default)]
    throughput: Text,
    #[serde(default)]
    code_verification_status: Text,
    #[serde(default)]
    created_at: Text,
    #[serde(default)]
    updated_at: Text,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Envelope {
    phone_numbers: Vec<Row>,
    #[serde(default)]
    total: Option<u64>,
}

impl Row {
    fn normalize(self, at: impl FnOnce() -> String) -> Result<PhoneNumber, Error> {
        let raw_status = self.status.into_option();
        Ok(PhoneNumber {
            provider: Provider::Lora,
            id: required_id(self.phone_number_id, at)?,
            phone_number: self.phone_number.into_option().unwrap_or_default(),
            display_name: self.display_name.into_option(),
            verified_name: self.verified_name.into_option(),
            waba_id: self.waba_id.into_option(),
            status: Status::from_raw(raw_status.as_deref()),
            raw_status,
            quality_rating: QualityRating::from_raw(self.quality_rating.0.as_deref()),
            messaging_limit: MessagingLimit::from_tier(self.messaging_limit.0.as_deref()),
            throughput: self.throughput.into_option(),
            code_verification_status: self.code_verification_status.into_option(),
            platform: self.platform.into_option(),
            name_status: self.name_status.into_option(),
            account_mode: self.account_mode.into_option(),
            created_at: self.created_at.into_option(),
            updated_at: self.updated_at.into_option(),
            last_onboarded_at: self.last_onboarded_at.into_option(),
        })
    }
}

pub(super) fn parse_list(body: &str) -> Result<Page, Error> {
    let envelope: Envelope = parse_body(body)?;
    let rows = envelope.phone_numbers.len() as u64;
    let numbers = envelope
        .phone_numbers
        .into_iter()
        .enumerate()
        .map(|(i, row)| row.normalize(|| format!("phoneNumbers[{i}].phoneNumberId")))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page {
        numbers,
        total: envelope.total.unwrap_or(rows),
        page: None,
        page_size: None,
        pages: None,
        next_cursor: None,
    })
}

pub(super) fn parse_detail(body: &str) -> Result<PhoneNumber, Error> {
    parse_body::<Row>(body)?.normalize(|| "phoneNumberId".to_owned())
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
    let Ok(value) = serde_json::from_str::<serde_json::Value>(body) else {
        return ErrorDetails::default();
    };
    let first_data_entry = value.get("data").and_then(|d| d.as_object()).and_then(|d| {
        d.iter()
            .find_map(|(k, v)| v.as_str().map(|m| (k.clone(), m.to_owned())))
    });
    let message = value
        .get("message")
        .and_then(|m| m.as_str())
        .map(str::to_owned);
    let error = value
        .get("error")
        .and_then(|m| m.as_str())
        .map(str::to_owned);
    let retry_after_ms = value.get("retryAfter").and_then(super::retry_after_value);
    match first_data_entry {
        Some((field, message)) => ErrorDetails {
            message: Some(message),
            field: Some(field),
            retry_after_ms,
        },
        None => ErrorDetails {
            message: message.or(error),
            field: None,
            retry_after_ms,
        },
    }
}

/// Writes one number as LORA sends it: the list's fields, plus the detail's when
/// `detail` (the inverse of the reader, for the sandbox and the demo data).
pub fn to_wire(n: &PhoneNumber, detail: bool) -> serde_json::Value {
    let status = match n.raw_status.as_deref() {
        Some("CONNECTED") | None if n.status == Status::Connected => "ACTIVE".to_owned(),
        Some(raw) => raw.to_owned(),
        None => n.status.as_str().to_owned(),
    };
    let mut row = serde_json::json!({
        "phoneNumberId": n.id,
        "phoneNumber": n.phone_number,
        "displayName": n.display_name,
        "qualityRating": n.quality_rating.as_str(),
        "status": status,
        "messagingLimit": n.messaging_limit.tier,
        "verifiedName": n.verified_name,
        "platform": n.platform,
    });
    if detail {
        let extra = serde_json::json!({
            "nameStatus": n.name_status,
            "accountMode": n.account_mode,
            "lastOnboardedAt": n.last_onboarded_at,
            "wabaId": n.waba_id,
        });
        if let (serde_json::Value::Object(row), serde_json::Value::Object(extra)) =
            (&mut row, extra)
        {
            row.extend(extra);
        }
    }
    super::compact(row)
}

/// LORA's JSend failure body naming a field, as in the seed.
pub fn fail_body(field: &str, message: &str) -> serde_json::Value {
    serde_json::json!({ "status": "fail", "data": { field: message } })
}

/// LORA's 429 body.
pub fn rate_limited_body(retry_after_s: u64) -> serde_json::Value {
    serde_json::json!({
        "status": 429,
        "error": "Too Many Requests",
        "message": "Rate limit exceeded: 1000 requests per minute per API key",
        "retryAfter": retry_after_s
    })
}
