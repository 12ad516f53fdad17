//! Property tests: parsing never panics, plans never exceed a limit, verdicts
//! written in bulk equal verdicts judged one by one.

mod common;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::HashMap;
use wa_numbers_core::json::{ToJson, Writer};
use wa_numbers_core::readiness::write_verdicts;
use wa_numbers_core::{
    evaluate_readiness, plan_campaign, Campaign, LimitScope, PhoneNumber, Provider, QualityRating,
    RuleView, Status,
};

/// Arbitrary JSON values, a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
        prop::sample::select(vec![
            "ACTIVE",
            "PENDING",
            "TIER_1K",
            "GREEN",
            "NA",
            "TIER_99999999999999999999M"
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::hash_map(
                prop::sample::select(vec![
                    "data",
                    "phoneNumbers",
                    "total",
                    "phoneNumberId",
                    "status",
                    "qualityRating",
                    "messagingLimit",
                    "messagingLimitTier",
                    "wabaId",
                    "size",
                    "pages",
                    "current",
                    "x"
                ])
                .prop_map(str::to_owned),
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parsing_arbitrary_json_never_panics(value in any_json()) {
        let body = value.to_string();
        for provider in Provider::ALL {
            let _ = provider.parse_list(&body);
            let _ = provider.parse_detail(&body);
            let _ = provider.parse_error(429, None, &body);
        }
        // Wrapped in each envelope too, so the row parser is exercised.
        let antgst = json!({"data": [value.clone()], "total": 1}).to_string();
        let lora = json!({"phoneNumbers": [value]}).to_string();
        let _ = Provider::Antgst.parse_list(&antgst);
        let _ = Provider::Lora.parse_list(&lora);
    }

    #[test]
    fn parsing_arbitrary_text_never_panics(body in ".{0,200}") {
        for provider in Provider::ALL {
            let _ = provider.parse_list(&body);
            let _ = provider.parse_detail(&body);
            let _ = provider.parse_error(500, Some(&body), &body);
        }
    }
}

fn any_number() -> impl Strategy<Value = PhoneNumber> {
    (
        "[a-f]{1,3}",
        prop::sample::select(vec!["ACTIVE", "FLAGGED", "PENDING", "BLOCKED", "BANNED"]),
        prop::sample::select(vec!["GREEN", "YELLOW", "RED", "UNKNOWN"]),
        prop::sample::select(vec![
            "TIER_50",
            "TIER_250",
            "TIER_1K",
            "TIER_2K",
            "TIER_NOT_SET",
            "TIER_UNLIMITED",
        ]),
        prop::option::of(prop::sample::select(vec!["w1", "w2", "w3"])),
    )
        .prop_map(|(id, status, quality, tier, waba)| {
            let mut n = common::number(&id, status, quality, tier);
            n.waba_id = waba.map(str::to_owned);
            n
        })
}

/// Ids are unique within an account; suffix the index so generated ones are too.
fn unique_ids(mut numbers: Vec<PhoneNumber>) -> Vec<PhoneNumber> {
    for (i, n) in numbers.iter_mut().enumerate() {
        n.id = format!("{}-{i}", n.id);
    }
    numbers
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_plan_never_exceeds_a_limit_nor_the_recipients(
        numbers in prop::collection::vec(any_number(), 0..12).prop_map(unique_ids),
        recipients in 0u64..20_000,
        waba_scope in any::<bool>(),
        min_quality in prop::sample::select(QualityRating::ALL.to_vec()),
    ) {
        let campaign = Campaign {
            recipients,
            min_quality,
            limit_scope: if waba_scope { LimitScope::Waba } else { LimitScope::Number },
        };
        let plan = plan_campaign(&numbers, &campaign);
        let assigned: u64 = plan.assignments.iter().map(|a| a.recipients).sum();
        prop_assert_eq!(assigned + plan.unassigned, recipients);

        // The limit each pool may carry: a number's own, or its WABA's greatest.
        let mut pool_limit: HashMap<String, Option<u64>> = HashMap::new();
        let mut pool_used: HashMap<String, u64> = HashMap::new();
        let pool = |n: &PhoneNumber| match (waba_scope, &n.waba_id) {
            (true, Some(w)) => format!("w:{w}"),
            _ => format!("n:{}", n.id),
        };
        for n in &numbers {
            let own = if n.messaging_limit.unlimited { None } else { n.messaging_limit.daily_limit };
            let entry = pool_limit.entry(pool(n)).or_insert(Some(0));
            *entry = match (*entry, own) {
                (None, _) | (_, None) => None,
                (Some(a), Some(b)) => Some(a.max(b)),
            };
        }
        for a in &plan.assignments {
            prop_assert!(a.recipients > 0);
            let n = numbers.iter().find(|n| n.id == a.phone_number_id
                && n.status.can_send()
                && n.quality_rating.meets(min_quality)
                && n.messaging_limit.is_known());
            prop_assert!(n.is_some(), "assigned to an ineligible number {}", a.phone_number_id);
            *pool_used.entry(pool(n.unwrap())).or_default() += a.recipients;
        }
        for (pool, used) in pool_used {
            if let Some(Some(limit)) = pool_limit.get(&pool) {
                prop_assert!(used <= *limit, "{} used {} of {}", pool, used, limit);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The JS fast path (rows copied as they stand) writes exactly what
    /// reading into the model and writing it does, escapes and all.
    #[test]
    fn the_json_fast_path_equals_the_model_path(
        ids in prop::collection::vec("[a-z0-9 \"\\\\é\u{1}\u{2028}-]{0,12}", 0..6),
        status in prop::sample::select(vec!["ACTIVE", " pending ", "Flagged", "DELETED", "", "BL\\u004fCKED"]),
        tier in prop::sample::select(vec!["TIER_1K", " tier_10k ", "TIER_UNLIMITED", "", "TIER_\\u0032K", "GOLD"]),
    ) {
        let rows: Vec<String> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let row = json!({"phoneNumberId": format!("{id}{i}"), "verifiedName": id,
                    "phoneNumber": id, "displayPhoneNumber": i, "qualityRating": "green"});
                // Splice raw (possibly escaped) status and tier text into the row.
                let text = row.to_string();
                format!(r#"{{"status": "{status}", "messagingLimitTier": "{tier}", "messagingLimit": "{tier}", {}"#, &text[1..])
            })
            .collect();
        for (provider, body) in [
            (Provider::Antgst, format!(r#"{{"data": [{}], "total": 7, "pages": 1}}"#, rows.join(","))),
            (Provider::Lora, format!(r#"{{"phoneNumbers": [{}]}}"#, rows.join(","))),
        ] {
            let via_model: serde_json::Value =
                serde_json::from_str(&provider.parse_list(&body).unwrap().to_json()).unwrap();
            let fast: serde_json::Value =
                serde_json::from_str(&provider.parse_list_json(&body).unwrap()).unwrap();
            prop_assert_eq!(fast, via_model);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// `write_verdicts` (each way of reading a number judged once, the
    /// others copied) writes exactly the verdicts judged one by one: with
    /// repeats, non-ASCII status words (no copying past them), and more
    /// distinct ways than its cache has slots (collisions judged again).
    #[test]
    fn verdicts_written_once_per_way_equal_one_by_one(
        numbers in prop::collection::vec(
            (
                any_number(),
                prop::sample::select(vec!["ACTIVE", "PENDING", "Città attiva", "已连接", "BANNED"]),
                prop::option::of(0u64..2_000),
                prop::option::of(prop::sample::select(vec!["STANDARD", "HIGH", "ÜBER"])),
            ),
            0..1_200,
        ),
        recipients in 1u64..300_000,
        min_quality in prop::sample::select(vec![QualityRating::Green, QualityRating::Yellow, QualityRating::Red]),
        limit_scope in prop::sample::select(LimitScope::ALL.to_vec()),
    ) {
        let numbers: Vec<PhoneNumber> = numbers
            .into_iter()
            .map(|(mut n, raw_status, daily_limit, throughput)| {
                n.status = Status::from_raw(Some(raw_status));
                n.raw_status = Some(raw_status.to_owned());
                if daily_limit.is_some() && !n.messaging_limit.unlimited {
                    n.messaging_limit.daily_limit = daily_limit;
                }
                n.throughput = throughput.map(str::to_owned);
                n
            })
            .collect();
        let mut campaign = Campaign::new(recipients);
        campaign.min_quality = min_quality;
        campaign.limit_scope = limit_scope;
        let one_by_one: Vec<_> = numbers.iter().map(|n| evaluate_readiness(n, &campaign)).collect();
        let mut w = Writer::default();
        write_verdicts(&mut numbers.iter().map(RuleView::from), &campaign, &mut w);
        let written: serde_json::Value = serde_json::from_str(&w.finish()).unwrap();
        let expected: serde_json::Value = serde_json::from_str(&one_by_one.to_json()).unwrap();
        prop_assert_eq!(written, expected);
    }
}
