//! What the detail says about a number in the user's words: what to do
//! next, why it cannot carry the campaign, and whom to contact.

use leptos::prelude::*;

use super::app::SupportContact;
use super::words::quality_text;
use crate::i18n::{fill, num, t};
use crate::state::limit_text;
use wa_numbers_core::{Campaign, PhoneNumber, QualityRating, Reason, Status};

/// Who to contact about a number that cannot send: the contact the host page
/// configured, else the provider's own support.
pub fn support_for(provider: Option<wa_numbers_core::Provider>) -> String {
    if let Some(contact) = use_context::<SupportContact>().and_then(|s| s.0) {
        return contact;
    }
    let t = t();
    match provider {
        Some(wa_numbers_core::Provider::Antgst) => t.support_antgst,
        Some(wa_numbers_core::Provider::Lora) => t.support_lora,
        Some(wa_numbers_core::Provider::Meta) => t.support_meta,
        None => t.action_contact_support,
    }
    .to_owned()
}

/// What to do next with this number, in a marketer's words; `ready` is the
/// campaign's verdict (a connected number is not "ready" for a campaign its
/// quality or limit rules out).
pub fn advice(n: &PhoneNumber, ready: bool) -> String {
    let t = t();
    let raw = n.raw_status.as_deref().unwrap_or(n.status.as_str());
    match (n.status, n.quality_rating) {
        (Status::Onboarding, _) => t.advice_onboarding.to_owned(),
        (Status::LimitReached, _) => fill(t.advice_limit, &[&per_day(n)]),
        (Status::Unavailable, _) => fill(
            t.advice_unavailable,
            &[raw, &support_for(Some(n.provider)), &n.id],
        ),
        (_, QualityRating::Red) => t.advice_red.to_owned(),
        (_, QualityRating::Yellow) => t.advice_yellow.to_owned(),
        (Status::Degraded, _) => fill(t.advice_flagged, &[raw, &support_for(Some(n.provider))]),
        (Status::Connected, _) if ready => fill(t.advice_ready, &[&per_day(n)]),
        (Status::Connected, _) => fill(t.advice_not_for_campaign, &[&per_day(n)]),
    }
}

/// A daily limit in words: `2,000 per day`, `no daily limit`.
fn per_day(n: &PhoneNumber) -> String {
    let t = t();
    match (n.messaging_limit.unlimited, n.messaging_limit.daily_limit) {
        (true, _) => t.no_daily_limit.to_owned(),
        (false, Some(_)) => fill(t.per_day, &[&limit_text(n)]),
        (false, None) => t.limit_unknown.to_owned(),
    }
}

/// One readiness reason in the current language, from its stable code and
/// the figures it is about (the core's English message when the code is new).
pub fn reason_text(r: &Reason, n: &PhoneNumber, campaign: &Campaign) -> String {
    let t = t();
    let raw = n.raw_status.as_deref().unwrap_or(n.status.as_str());
    let tier = n.messaging_limit.tier.as_str();
    match r.code.as_str() {
        "status_onboarding" => fill(t.reason_onboarding, &[raw]),
        "status_limit_reached" => fill(t.reason_limit, &[raw]),
        "status_unavailable" => fill(t.reason_unavailable, &[raw]),
        "quality_below_minimum" => fill(
            t.reason_quality,
            &[
                quality_text(n.quality_rating),
                quality_text(campaign.min_quality),
            ],
        ),
        "unknown_tier" => fill(t.reason_unknown_tier, &[tier]),
        "insufficient_tier" => fill(
            t.reason_tier,
            &[
                &num(n.messaging_limit.daily_limit.unwrap_or(0)),
                tier,
                &num(campaign.recipients),
            ],
        ),
        "status_degraded" => fill(t.reason_degraded, &[raw]),
        "quality_red" => t.reason_red.to_owned(),
        _ => r.message.clone(),
    }
}
