//! The readers under test and the invariants each must keep.

use std::borrow::Cow;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use crate::inputs::{Rng, HOSTILE};
use wa_numbers_core::json::{FromJson, RulesNumber, ToJson};
use wa_numbers_core::provider::{antgst, lora, meta, parse_retry_after};
use wa_numbers_core::{
    demo, evaluate_readiness, plan_campaign, Campaign, ErrorKind, LimitScope, ListQuery,
    PhoneNumber, Provider, QualityRating,
};

/// What a run did.
#[derive(Default)]
pub struct Stats {
    pub inputs: u64,
    pub calls: u64,
    pub round_trips: u64,
    pub slowest: Duration,
}

/// No single call may take longer (inputs are at most a few hundred KB).
const SLOW: Duration = Duration::from_millis(500);

/// Runs one reader: a panic or a slow call is a finding.
fn call<T>(stats: &mut Stats, name: &str, f: impl FnOnce() -> T) -> Result<T, String> {
    let started = Instant::now();
    let out = catch_unwind(AssertUnwindSafe(f)).map_err(|p| {
        let why = p
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        [name, " panicked: ", &why].concat()
    })?;
    let took = started.elapsed();
    stats.calls += 1;
    stats.slowest = stats.slowest.max(took);
    if took > SLOW {
        return Err(format!("{name} took {} ms", took.as_millis()));
    }
    Ok(out)
}

/// Every reader on one input.
pub fn run_all(input: &str, stats: &mut Stats) -> Result<(), String> {
    stats.inputs += 1;
    for p in Provider::ALL {
        let page = call(stats, "parse_list", || p.parse_list(input))?;
        let text = call(stats, "parse_list_json", || p.parse_list_json(input))?;
        match (&page, &text) {
            (Ok(page), Ok(text)) => {
                // The fast path copies string contents as the provider escaped
                // them; equal means the same JSON value.
                let same = page.to_json() == *text || {
                    let a: Result<serde_json::Value, _> = serde_json::from_str(&page.to_json());
                    let b: Result<serde_json::Value, _> = serde_json::from_str(text);
                    matches!((a, b), (Ok(a), Ok(b)) if a == b)
                };
                if !same {
                    return Err(format!(
                        "{p:?}: parse_list_json wrote other JSON than parse_list"
                    ));
                }
                check_numbers(&page.numbers, stats)?;
            }
            (Err(a), Err(b)) => {
                if a.kind() != ErrorKind::InvalidResponse || a != b {
                    return Err(format!(
                        "{p:?}: list errors differ or are mistyped: {a} / {b}"
                    ));
                }
            }
            _ => {
                return Err(format!(
                    "{p:?}: one list path accepted what the other refused"
                ))
            }
        }
        match call(stats, "parse_detail", || p.parse_detail(input))? {
            Ok(n) => check_numbers(&[n], stats)?,
            Err(e) if e.kind() != ErrorKind::InvalidResponse || e.to_string().is_empty() => {
                return Err(format!("{p:?}: detail error mistyped: {e}"))
            }
            Err(_) => {}
        }
        for status in [400, 401, 403, 404, 429, 500, 503] {
            let e = call(stats, "parse_error", || {
                p.parse_error_waiting(status, Some(input), Some(input), input)
            })?;
            if e.to_string().is_empty() {
                return Err(format!("{p:?}: an empty error message for HTTP {status}"));
            }
        }
    }
    call(stats, "parse_retry_after", || parse_retry_after(input))?;
    call(stats, "regain_access_ms", || meta::regain_access_ms(input))?;
    if let Ok(query) = call(stats, "ListQuery", || ListQuery::from_json(input))? {
        if call(stats, "ListQuery::validate", || query.validate())?.is_ok() {
            for p in Provider::ALL {
                let _ = call(stats, "list_request", || p.list_request(&query))?;
            }
        }
    }
    if let Ok(campaign) = call(stats, "Campaign", || Campaign::from_json(input))? {
        let numbers = demo::seed_numbers();
        call(stats, "rules", || {
            for n in &numbers {
                evaluate_readiness(n, &campaign);
            }
            plan_campaign(&numbers, &campaign)
        })?;
    }
    if let Ok(n) = call(stats, "PhoneNumber", || PhoneNumber::from_json(input))? {
        check_numbers(&[n], stats)?;
    }
    let _ = call(stats, "RulesNumber", || RulesNumber::from_json(input))?;
    let _ = call(stats, "Vec<PhoneNumber>", || {
        Vec::<PhoneNumber>::from_json(input)
    })?;
    Ok(())
}

/// What was read can be written and read back as the same model, and the
/// rules take it.
fn check_numbers(numbers: &[PhoneNumber], stats: &mut Stats) -> Result<(), String> {
    for n in numbers {
        let text = n.to_json();
        match PhoneNumber::from_json(&text) {
            Ok(back) if back == *n => {}
            Ok(_) => return Err(format!("the model did not round-trip: {text}")),
            Err(e) => {
                return Err(format!(
                    "the model's own JSON was refused ({}): {text}",
                    e.place()
                ))
            }
        }
    }
    let campaign = Campaign {
        recipients: 1_000_000,
        min_quality: QualityRating::Yellow,
        limit_scope: LimitScope::Waba,
    };
    call(stats, "plan", || plan_campaign(numbers, &campaign))?;
    Ok(())
}

/// Generated numbers with hostile text, through each dialect's writer and back.
pub fn round_trip(rng: &mut Rng, stats: &mut Stats) -> Result<(), String> {
    stats.round_trips += 1;
    let mut numbers = demo::account(rng.below(120), rng.next() % 1000);
    for n in &mut numbers {
        if rng.below(3) == 0 {
            let hostile = decode(rng.word(HOSTILE));
            match rng.below(3) {
                0 => n.verified_name = Some(hostile),
                1 => n.display_name = Some(hostile),
                _ => n.phone_number = hostile,
            }
        }
    }
    let rows = || numbers.iter().map(Cow::Borrowed);
    let bodies = [
        (
            Provider::Antgst,
            antgst::write_list(rows(), numbers.len() as u64, 1, 100),
        ),
        (Provider::Lora, lora::write_list(rows(), 0)),
        (
            Provider::Meta,
            meta::write_list(rows(), None, "o0", None, None),
        ),
    ];
    for (p, body) in bodies {
        let page = call(stats, "round trip", || p.parse_list(&body))?
            .map_err(|e| format!("{p:?}: its own writer's body was refused: {e}"))?;
        if page.numbers.len() != numbers.len() {
            return Err(format!(
                "{p:?}: {} rows written, {} read",
                numbers.len(),
                page.numbers.len()
            ));
        }
        for (read, source) in page.numbers.iter().zip(&numbers) {
            if let Some(field) = differs(p, read, source) {
                return Err(format!(
                    "{p:?}: {field} of {} changed in a round trip: wrote {source:?}, read {read:?}",
                    source.id
                ));
            }
        }
    }
    Ok(())
}

/// The first field the dialect carries that came back different.
fn differs(p: Provider, read: &PhoneNumber, source: &PhoneNumber) -> Option<&'static str> {
    let checks: [(&'static str, bool); 6] = [
        ("id", read.id == source.id),
        (
            "phoneNumber",
            blank_as_none(&Some(read.phone_number.clone()))
                == blank_as_none(&Some(source.phone_number.clone())),
        ),
        ("status", read.status == source.status),
        (
            "qualityRating",
            read.quality_rating == source.quality_rating,
        ),
        (
            "messagingLimit",
            read.messaging_limit == source.messaging_limit,
        ),
        (
            "verifiedName",
            blank_as_none(&read.verified_name) == blank_as_none(&source.verified_name),
        ),
    ];
    if let Some((field, _)) = checks.iter().find(|(_, same)| !same) {
        return Some(field);
    }
    // Meta's rows do not say their WABA (the client adds it from the request),
    // nor do LORA's list rows (its detail does).
    if p == Provider::Antgst && read.waba_id != source.waba_id {
        return Some("wabaId");
    }
    None
}

/// Readers treat a blank text field as absent (DESIGN.md: tolerant rows).
fn blank_as_none(value: &Option<String>) -> Option<&str> {
    value.as_deref().filter(|v| !v.trim().is_empty())
}

/// A HOSTILE entry is JSON-escaped text; the model holds it decoded.
fn decode(escaped: &str) -> String {
    let quoted = ["\"", escaped, "\""].concat();
    String::from_json(&quoted).unwrap_or_else(|_| escaped.to_owned())
}
