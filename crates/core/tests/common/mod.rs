//! Helpers shared by the core's integration tests.
#![allow(dead_code)]

use wa_numbers_core::{MessagingLimit, PhoneNumber, Provider, QualityRating, Status};

/// Reads a fixture from the workspace's `tests/fixtures/`.
pub fn fixture(name: &str) -> String {
    let path = format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

/// A number with the given status, quality and tier; everything else neutral.
pub fn number(id: &str, status: &str, quality: &str, tier: &str) -> PhoneNumber {
    PhoneNumber {
        provider: Provider::Lora,
        id: id.to_owned(),
        phone_number: format!("+39{id}"),
        display_name: None,
        verified_name: None,
        waba_id: None,
        status: Status::from_raw(Some(status)),
        raw_status: Some(status.to_owned()),
        quality_rating: QualityRating::from_raw(Some(quality)),
        messaging_limit: MessagingLimit::from_tier(Some(tier)),
        throughput: None,
        code_verification_status: None,
        platform: None,
        name_status: None,
        account_mode: None,
        created_at: None,
        updated_at: None,
        last_onboarded_at: None,
        health: None,
    }
}
