//! Providers' values in the user's words: statuses, quality ratings, the
//! verdict column's actions and the codes of throughput and verification.
//! The provider's own value stays beside them where a person may need it
//! (tooltips, the detail, the CSV export).

use crate::i18n::t;
use wa_numbers_core::{Action, PhoneNumber};

/// A provider's code for a number's throughput or code verification in
/// words (Meta's and AntGst's STANDARD, HIGH, NOT_APPLICABLE; VERIFIED,
/// NOT_VERIFIED, EXPIRED), or the code itself when it is another one.
pub fn code_text(code: &str) -> std::borrow::Cow<'_, str> {
    let t = t();
    let words = match code {
        "STANDARD" => t.code_standard,
        "HIGH" => t.code_high,
        "NOT_APPLICABLE" => t.code_not_applicable,
        "VERIFIED" => t.code_verified,
        "NOT_VERIFIED" => t.code_not_verified,
        "EXPIRED" => t.code_expired,
        other => return std::borrow::Cow::Borrowed(other),
    };
    std::borrow::Cow::Borrowed(words)
}

/// A status in words (the provider's own value stays in the tooltip and the detail).
pub fn status_text(status: wa_numbers_core::Status) -> &'static str {
    use wa_numbers_core::Status;
    let t = t();
    match status {
        Status::Connected => t.connected,
        Status::Degraded => t.flagged,
        Status::Onboarding => t.onboarding,
        Status::LimitReached => t.limit_reached,
        Status::Unavailable => t.cannot_send,
    }
}

/// A quality rating in words (the provider's GREEN, YELLOW, RED stay in the
/// address, the CSV export and the detail).
pub fn quality_text(quality: wa_numbers_core::QualityRating) -> &'static str {
    use wa_numbers_core::QualityRating;
    let t = t();
    match quality {
        QualityRating::Green => t.quality_high,
        QualityRating::Yellow => t.quality_medium,
        QualityRating::Red => t.quality_low,
        QualityRating::Unknown => t.quality_unknown,
    }
}

/// Short words for the verdict column.
pub fn action_text(action: Action) -> &'static str {
    let t = t();
    match action {
        Action::Send => t.action_send,
        Action::WaitForOnboarding => t.action_wait_onboarding,
        Action::WaitForLimitReset => t.action_wait_reset,
        Action::ContactSupport => t.action_contact_support,
        Action::ChooseAnotherNumber => t.action_choose_another,
    }
}

/// The name people know a number by.
pub fn name_of(n: &PhoneNumber) -> String {
    n.display_name
        .clone()
        .or_else(|| n.verified_name.clone())
        .unwrap_or_default()
}
