//! How the sandbox writes each provider's wire format: the inverse of the core's
//! readers, so a body the sandbox serves is one the real provider would send.

use serde_json::{json, Value};
use wa_numbers_core::{PhoneNumber, Status};

/// Which provider API a request speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// AntGst.
    Antgst,
    /// LORA.
    Lora,
}

/// The raw status a provider would send: AntGst says CONNECTED where LORA says ACTIVE.
fn raw_status(number: &PhoneNumber, dialect: Dialect) -> String {
    let raw = number
        .raw_status
        .clone()
        .unwrap_or_else(|| number.status.as_str().to_owned());
    match (dialect, raw.as_str()) {
        (Dialect::Antgst, "ACTIVE") => "CONNECTED".to_owned(),
        (Dialect::Lora, "CONNECTED") => "ACTIVE".to_owned(),
        _ => raw,
    }
}

/// Drops `null`s so optional fields are absent, as the seeds show them.
fn compact(mut value: Value) -> Value {
    if let Value::Object(map) = &mut value {
        map.retain(|_, v| !v.is_null());
    }
    value
}

/// One AntGst `data` row.
pub fn antgst_row(n: &PhoneNumber) -> Value {
    compact(json!({
        "wabaId": n.waba_id,
        "phoneNumberId": n.id,
        "displayPhoneNumber": n.phone_number,
        "verifiedName": n.verified_name,
        "status": raw_status(n, Dialect::Antgst),
        "qualityRating": n.quality_rating.as_str(),
        "codeVerificationStatus": n.code_verification_status,
        "throughput": n.throughput,
        "messagingLimitTier": n.messaging_limit.tier,
        "createTime": n.created_at,
        "updateTime": n.updated_at,
    }))
}

/// One LORA number: the list's fields, plus the detail's when `detail`.
pub fn lora_row(n: &PhoneNumber, detail: bool) -> Value {
    let mut row = json!({
        "phoneNumberId": n.id,
        "phoneNumber": n.phone_number,
        "displayName": n.display_name,
        "qualityRating": n.quality_rating.as_str(),
        "status": raw_status(n, Dialect::Lora),
        "messagingLimit": n.messaging_limit.tier,
        "verifiedName": n.verified_name,
        "platform": n.platform,
    });
    if detail {
        let extra = json!({
            "nameStatus": n.name_status,
            "accountMode": n.account_mode,
            "lastOnboardedAt": n.last_onboarded_at,
            "wabaId": n.waba_id,
        });
        if let (Value::Object(row), Value::Object(extra)) = (&mut row, extra) {
            row.extend(extra);
        }
    }
    compact(row)
}

/// The number after onboarding: what a PENDING number becomes once Meta approves it.
pub fn onboarded(mut n: PhoneNumber, at: &str) -> PhoneNumber {
    n.status = Status::Connected;
    n.raw_status = Some("ACTIVE".to_owned());
    n.last_onboarded_at = Some(at.to_owned());
    n
}

/// AntGst's error body (undocumented; the usual `{code, message}`).
pub fn antgst_error(status: u16, message: &str) -> Value {
    json!({ "code": status, "message": message })
}

/// LORA's JSend failure body naming a field, as in the seed.
pub fn lora_fail(field: &str, message: &str) -> Value {
    json!({ "status": "fail", "data": { field: message } })
}

/// LORA's 429 body.
pub fn lora_rate_limited(retry_after_s: u64) -> Value {
    json!({
        "status": 429,
        "error": "Too Many Requests",
        "message": "Rate limit exceeded: 1000 requests per minute per API key",
        "retryAfter": retry_after_s
    })
}
