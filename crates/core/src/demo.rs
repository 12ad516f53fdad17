//! Demo accounts: the seed documents' numbers plus a generated mix of
//! any size, deterministic for a given seed (the sandbox and the dashboard's demo).

use crate::{Health, HealthError, MessagingLimit, PhoneNumber, Provider, QualityRating, Status};

const ANTGST_LIST: &str = include_str!("../../../tests/fixtures/antgst/list.json");
const LORA_LIST: &str = include_str!("../../../tests/fixtures/lora/list.json");
const LORA_DETAIL: &str = include_str!("../../../tests/fixtures/lora/detail.json");

/// The id of the seed's PENDING number, the one that finishes onboarding.
pub const ONBOARDING_ID: &str = "waba-num-002";

/// The seeds' numbers: LORA's three (number 001 with its detail fields) and AntGst's one.
///
/// AntGst's document fills its example's id, number, name and WABA with the
/// placeholder "String": listed as it is, a demo showed a connected number
/// called "String" in a WABA "String" (a reviewer took it for faked data).
/// Those four get a demo identity of their own here; its status, quality,
/// tier and times stay the document's.
pub fn seed_numbers() -> Vec<PhoneNumber> {
    let mut numbers = Provider::Lora
        .parse_list(LORA_LIST)
        .map(|p| p.numbers)
        .unwrap_or_default();
    if let (Ok(detail), Some(first)) = (
        Provider::Lora.parse_detail(LORA_DETAIL),
        numbers.first_mut(),
    ) {
        *first = detail;
    }
    numbers.extend(
        Provider::Antgst
            .parse_list(ANTGST_LIST)
            .map(|p| p.numbers)
            .unwrap_or_default()
            .into_iter()
            .map(without_placeholders),
    );
    numbers
}

/// The AntGst example's placeholders replaced (see [`seed_numbers`]).
fn without_placeholders(mut n: PhoneNumber) -> PhoneNumber {
    let placeholder = |value: &str| value == "String";
    if placeholder(&n.id) {
        n.id = "antgst-num-001".to_owned();
    }
    if placeholder(&n.phone_number) {
        n.phone_number = "+390233445566".to_owned();
    }
    if n.verified_name.as_deref().is_some_and(placeholder) {
        n.verified_name = Some("ShopItalia Outlet S.r.l.".to_owned());
    }
    if n.waba_id.as_deref().is_some_and(placeholder) {
        n.waba_id = Some("waba-acct-shopitalia-002".to_owned());
    }
    n
}

/// The demo's PENDING number as it is once onboarding is done (`done` says
/// whether it is), with the time it finished when known; every other number
/// is unchanged (`None`). The sandbox and the dashboard's demo share this.
pub fn after_onboarding(
    n: &PhoneNumber,
    done: bool,
    finished_at: impl FnOnce() -> Option<String>,
) -> Option<PhoneNumber> {
    (done && n.id == ONBOARDING_ID).then(|| {
        let mut n = n.clone();
        n.status = Status::Connected;
        n.raw_status = Some("ACTIVE".to_owned());
        n.last_onboarded_at = finished_at();
        n
    })
}

/// SplitMix64: small, fast, deterministic; good enough to mix fixtures.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Picks from `(weight, value)` pairs.
    fn pick<'a>(&mut self, table: &[(u64, &'a str)]) -> &'a str {
        let total: u64 = table.iter().map(|(w, _)| w).sum();
        let mut roll = self.next() % total;
        for (weight, value) in table {
            if roll < *weight {
                return value;
            }
            roll -= weight;
        }
        table[0].1
    }
}

const STATUSES: &[(u64, &str)] = &[
    (70, "CONNECTED"),
    (4, "FLAGGED"),
    (3, "WARNED"),
    (2, "RATE_LIMITED"),
    (5, "PENDING"),
    (2, "UNVERIFIED"),
    (1, "MANUAL_REVIEW"),
    (3, "RESTRICTED"),
    (2, "BLOCKED"),
    (3, "DISCONNECTED"),
    (2, "BANNED"),
    (1, "MIGRATED"),
    (1, "UNKNOWN"),
    (1, "DELETED"),
];
const QUALITIES: &[(u64, &str)] = &[
    (70, "GREEN"),
    (15, "YELLOW"),
    (5, "RED"),
    (9, "UNKNOWN"),
    (1, "NA"),
];
const TIERS: &[(u64, &str)] = &[
    (5, "TIER_50"),
    (10, "TIER_250"),
    (30, "TIER_1K"),
    (15, "TIER_2K"),
    (20, "TIER_10K"),
    (10, "TIER_100K"),
    (5, "TIER_UNLIMITED"),
    (5, "TIER_NOT_SET"),
];
const NAMES: &[&str] = &[
    "ShopItalia",
    "SportZone",
    "AgenziaViaggi",
    "MultiStore",
    "Bottega",
    "Farmacia",
    "Trattoria",
];

/// `count` generated numbers (plus none of the seeds), spread over `count / 400 + 3`
/// WABAs so that a large account needs splitting by WABA past AntGst's page cap.
pub fn generated_numbers(count: usize, seed: u64) -> Vec<PhoneNumber> {
    let mut mix = Mix(seed);
    let wabas = (count / 400 + 3) as u64;
    (0..count)
        .map(|i| {
            let raw_status = mix.pick(STATUSES).to_owned();
            let status = Status::from_raw(Some(&raw_status));
            let waba = mix.next() % wabas;
            let brand = NAMES[(mix.next() % NAMES.len() as u64) as usize];
            let day = 1 + mix.next() % 28;
            PhoneNumber {
                provider: Provider::Lora,
                id: format!("gen-{seed}-{i:06}"),
                phone_number: format!("+39 02 {:04} {:04}", (i / 10_000) % 10_000, i % 10_000),
                display_name: Some(format!("{brand} {}", i % 97)),
                verified_name: Some(format!("{brand} S.r.l.")),
                waba_id: Some(format!("waba-{seed}-{waba:03}")),
                status,
                raw_status: Some(raw_status),
                quality_rating: QualityRating::from_raw(Some(mix.pick(QUALITIES))),
                messaging_limit: MessagingLimit::from_tier(Some(mix.pick(TIERS))),
                throughput: Some(
                    if mix.next().is_multiple_of(10) {
                        "HIGH"
                    } else {
                        "STANDARD"
                    }
                    .to_owned(),
                ),
                code_verification_status: Some(
                    if mix.next().is_multiple_of(5) {
                        "NOT_VERIFIED"
                    } else {
                        "VERIFIED"
                    }
                    .to_owned(),
                ),
                platform: Some("CLOUD_API".to_owned()),
                name_status: Some("APPROVED".to_owned()),
                account_mode: Some("LIVE".to_owned()),
                created_at: Some(format!("2025-10-{day:02}T09:30:00+01:00")),
                updated_at: Some(format!("2025-11-{day:02}T16:45:00+01:00")),
                last_onboarded_at: None,
                health: health_for(status),
            }
        })
        .collect()
}

/// What Meta's health status says of a number that cannot send (and
/// nothing for one that can, so every dialect reads the same status back).
fn health_for(status: Status) -> Option<Health> {
    let (overall, entity, code, description, solution) = match status {
        Status::Unavailable => (
            "BLOCKED",
            "PHONE_NUMBER",
            141_010,
            "The phone number is not registered or has been banned.",
            "Ask your provider's support to review the number, or register another one.",
        ),
        Status::LimitReached => (
            "LIMITED",
            "WABA",
            131_048,
            "The messaging limit of this business portfolio is reached for now.",
            "Wait for the 24-hour window to free up, or improve quality to raise the limit.",
        ),
        _ => return None,
    };
    Some(Health {
        can_send_message: overall.to_owned(),
        errors: vec![HealthError {
            entity_type: Some(entity.to_owned()),
            error_code: Some(code),
            error_description: Some(description.to_owned()),
            possible_solution: Some(solution.to_owned()),
        }],
    })
}

/// The whole account: seeds first, then `count` generated numbers.
pub fn account(count: usize, seed: u64) -> Vec<PhoneNumber> {
    let mut numbers = seed_numbers();
    numbers.extend(generated_numbers(count, seed));
    numbers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_are_all_there_and_generation_is_deterministic() {
        let seeds = seed_numbers();
        assert_eq!(seeds.len(), 4);
        assert_eq!(
            seeds[0].waba_id.as_deref(),
            Some("waba-acct-shopitalia-001")
        );
        // AntGst's example row keeps the document's facts, not its placeholders.
        let antgst = &seeds[3];
        assert_eq!(antgst.provider, Provider::Antgst);
        let texts = [
            Some(antgst.id.as_str()),
            Some(antgst.phone_number.as_str()),
            antgst.verified_name.as_deref(),
            antgst.waba_id.as_deref(),
        ];
        assert!(!texts.contains(&Some("String")), "{texts:?}");
        assert!(texts.iter().all(Option::is_some));
        assert_eq!(antgst.raw_status.as_deref(), Some("CONNECTED"));
        assert_eq!(antgst.messaging_limit.tier, "TIER_2K");
        assert_eq!(generated_numbers(50, 7), generated_numbers(50, 7));
        assert_ne!(generated_numbers(50, 7), generated_numbers(50, 8));
        let big = generated_numbers(25_000, 1);
        let statuses: std::collections::HashSet<_> = big.iter().map(|n| n.status).collect();
        assert_eq!(statuses.len(), 5, "every normalized status appears");
    }
}
