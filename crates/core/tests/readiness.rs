//! One test per rule of DESIGN.md's readiness table, and the plan's rules.

mod common;
use common::number;
use wa_numbers_core::{
    evaluate_readiness, plan_campaign, Action, Assignment, Campaign, LimitScope, QualityRating,
    Severity,
};

fn codes(r: &wa_numbers_core::Readiness) -> Vec<(&str, Severity)> {
    r.reasons
        .iter()
        .map(|x| (x.code.as_str(), x.severity))
        .collect()
}

#[test]
fn onboarding_waits_for_onboarding() {
    let r = evaluate_readiness(
        &number("a", "PENDING", "GREEN", "TIER_1K"),
        &Campaign::new(10),
    );
    assert!(!r.ready);
    assert_eq!(r.action, Action::WaitForOnboarding);
    assert_eq!(codes(&r), [("status_onboarding", Severity::Blocker)]);
}

#[test]
fn limit_reached_waits_for_reset() {
    let r = evaluate_readiness(
        &number("a", "RESTRICTED", "GREEN", "TIER_1K"),
        &Campaign::new(10),
    );
    assert_eq!((r.ready, r.action), (false, Action::WaitForLimitReset));
    assert_eq!(codes(&r), [("status_limit_reached", Severity::Blocker)]);
}

#[test]
fn unavailable_contacts_support() {
    for raw in ["BANNED", "DISCONNECTED", "SOMETHING_NEW"] {
        let r = evaluate_readiness(&number("a", raw, "GREEN", "TIER_1K"), &Campaign::new(10));
        assert_eq!(
            (r.ready, r.action),
            (false, Action::ContactSupport),
            "{raw}"
        );
        assert_eq!(codes(&r), [("status_unavailable", Severity::Blocker)]);
    }
}

#[test]
fn connected_green_with_enough_tier_sends() {
    let r = evaluate_readiness(
        &number("a", "ACTIVE", "GREEN", "TIER_10K"),
        &Campaign::new(5_000),
    );
    assert_eq!((r.ready, r.action), (true, Action::Send));
    assert!(r.reasons.is_empty());
    assert_eq!(r.daily_limit, Some(10_000));
    assert_eq!(r.estimated_send_seconds, 5_000.0 / 80.0);
}

#[test]
fn quality_below_minimum_blocks() {
    let r = evaluate_readiness(
        &number("a", "CONNECTED", "YELLOW", "TIER_10K"),
        &Campaign::new(10),
    );
    assert_eq!((r.ready, r.action), (false, Action::ChooseAnotherNumber));
    assert_eq!(codes(&r), [("quality_below_minimum", Severity::Blocker)]);
    // UNKNOWN counts as below GREEN.
    let r = evaluate_readiness(
        &number("a", "CONNECTED", "UNKNOWN", "TIER_10K"),
        &Campaign::new(10),
    );
    assert_eq!(codes(&r), [("quality_below_minimum", Severity::Blocker)]);
    // A lower minimum accepts YELLOW.
    let campaign = Campaign {
        min_quality: QualityRating::Yellow,
        ..Campaign::new(10)
    };
    let r = evaluate_readiness(&number("a", "CONNECTED", "YELLOW", "TIER_10K"), &campaign);
    assert!(r.ready);
}

#[test]
fn the_seed_tip_tier_1k_cannot_take_5000() {
    let r = evaluate_readiness(
        &number("a", "ACTIVE", "GREEN", "TIER_1K"),
        &Campaign::new(5_000),
    );
    assert_eq!((r.ready, r.action), (false, Action::ChooseAnotherNumber));
    assert_eq!(codes(&r), [("insufficient_tier", Severity::Blocker)]);
    assert_eq!(r.daily_limit, Some(1_000));
}

#[test]
fn unknown_tier_blocks() {
    for tier in ["TIER_NOT_SET", "PLATINUM"] {
        let r = evaluate_readiness(&number("a", "ACTIVE", "GREEN", tier), &Campaign::new(1));
        assert_eq!(codes(&r), [("unknown_tier", Severity::Blocker)], "{tier}");
        assert_eq!(r.action, Action::ChooseAnotherNumber);
        assert_eq!(r.daily_limit, None);
    }
}

#[test]
fn unlimited_tier_takes_any_campaign() {
    let r = evaluate_readiness(
        &number("a", "ACTIVE", "GREEN", "TIER_UNLIMITED"),
        &Campaign::new(10_000_000),
    );
    assert!(r.ready);
    assert_eq!(r.daily_limit, None);
}

#[test]
fn degraded_sends_with_a_warning() {
    let r = evaluate_readiness(
        &number("a", "FLAGGED", "GREEN", "TIER_1K"),
        &Campaign::new(10),
    );
    assert_eq!((r.ready, r.action), (true, Action::Send));
    assert_eq!(codes(&r), [("status_degraded", Severity::Warning)]);
}

#[test]
fn red_quality_when_allowed_warns() {
    let campaign = Campaign {
        min_quality: QualityRating::Red,
        ..Campaign::new(10)
    };
    let r = evaluate_readiness(&number("a", "ACTIVE", "RED", "TIER_1K"), &campaign);
    assert_eq!((r.ready, r.action), (true, Action::Send));
    assert_eq!(codes(&r), [("quality_red", Severity::Warning)]);
}

#[test]
fn several_blockers_are_all_reported() {
    let r = evaluate_readiness(
        &number("a", "WARNED", "YELLOW", "TIER_50"),
        &Campaign::new(100),
    );
    assert_eq!(
        codes(&r),
        [
            ("quality_below_minimum", Severity::Blocker),
            ("insufficient_tier", Severity::Blocker),
            ("status_degraded", Severity::Warning)
        ]
    );
    assert_eq!(r.action, Action::ChooseAnotherNumber);
}

#[test]
fn high_throughput_sends_faster() {
    let mut n = number("a", "ACTIVE", "GREEN", "TIER_10K");
    n.throughput = Some("HIGH".into());
    assert_eq!(
        evaluate_readiness(&n, &Campaign::new(5_000)).estimated_send_seconds,
        5.0
    );
}

fn assignment(id: &str, recipients: u64) -> Assignment {
    Assignment {
        phone_number_id: id.to_owned(),
        recipients,
    }
}

#[test]
fn plan_fills_greatest_limit_first_ties_by_id() {
    let numbers = [
        number("c", "ACTIVE", "GREEN", "TIER_1K"),
        number("b", "ACTIVE", "GREEN", "TIER_10K"),
        number("a", "ACTIVE", "GREEN", "TIER_1K"),
        number("p", "PENDING", "GREEN", "TIER_100K"),
        number("y", "ACTIVE", "YELLOW", "TIER_100K"),
        number("u", "ACTIVE", "GREEN", "TIER_NOT_SET"),
    ];
    let plan = plan_campaign(&numbers, &Campaign::new(11_500));
    assert_eq!(
        plan.assignments,
        [
            assignment("b", 10_000),
            assignment("a", 1_000),
            assignment("c", 500)
        ]
    );
    assert_eq!(plan.unassigned, 0);

    let plan = plan_campaign(&numbers, &Campaign::new(13_000));
    assert_eq!(plan.unassigned, 1_000);
}

#[test]
fn plan_puts_unlimited_first() {
    let numbers = [
        number("a", "ACTIVE", "GREEN", "TIER_100K"),
        number("z", "ACTIVE", "GREEN", "UNLIMITED"),
    ];
    let plan = plan_campaign(&numbers, &Campaign::new(500_000));
    assert_eq!(plan.assignments, [assignment("z", 500_000)]);
    assert_eq!(plan.unassigned, 0);
}

#[test]
fn plan_under_waba_scope_shares_one_limit() {
    let mut numbers = vec![
        number("a", "ACTIVE", "GREEN", "TIER_1K"),
        number("b", "ACTIVE", "GREEN", "TIER_10K"),
        number("c", "ACTIVE", "GREEN", "TIER_1K"),
    ];
    numbers[0].waba_id = Some("w1".into());
    numbers[1].waba_id = Some("w1".into());
    numbers[2].waba_id = Some("w2".into());
    let per_number = plan_campaign(&numbers, &Campaign::new(20_000));
    assert_eq!(per_number.unassigned, 8_000);
    let shared = Campaign {
        limit_scope: LimitScope::Waba,
        ..Campaign::new(20_000)
    };
    let plan = plan_campaign(&numbers, &shared);
    // w1 draws on one limit, its greatest tier (10K), and sends it from b,
    // whose own limit carries it (its detail says so), not from a, the first
    // id, whose own 1K does not: a is given nothing more.
    assert_eq!(
        plan.assignments,
        [assignment("b", 10_000), assignment("c", 1_000)]
    );
    assert_eq!(plan.unassigned, 9_000);
}

#[test]
fn plan_under_waba_scope_sends_from_the_number_that_can_carry_it() {
    let mut numbers = vec![
        number("a-flagged", "FLAGGED", "GREEN", "TIER_10K"),
        number("b-unlimited", "ACTIVE", "GREEN", "UNLIMITED"),
    ];
    for n in &mut numbers {
        n.waba_id = Some("w".into());
    }
    let campaign = Campaign {
        limit_scope: LimitScope::Waba,
        ..Campaign::new(50_000)
    };
    let plan = plan_campaign(&numbers, &campaign);
    assert_eq!(plan.assignments, [assignment("b-unlimited", 50_000)]);
    // The number the plan chose is ready for the campaign on its own.
    assert!(wa_numbers_core::evaluate_readiness(&numbers[1], &campaign).ready);
}

#[test]
fn empty_and_zero_plans() {
    assert_eq!(plan_campaign(&[], &Campaign::new(5)).unassigned, 5);
    let numbers = [number("a", "ACTIVE", "GREEN", "TIER_1K")];
    let plan = plan_campaign(&numbers, &Campaign::new(0));
    assert!(plan.assignments.is_empty());
    assert_eq!(plan.unassigned, 0);
}

#[test]
fn a_too_small_limit_is_said_in_figures_people_read() {
    use wa_numbers_core::{evaluate_readiness, Campaign, LimitScope, QualityRating};
    let mut n = wa_numbers_core::demo::seed_numbers().remove(0);
    n.messaging_limit.daily_limit = Some(2_000);
    n.messaging_limit.tier = "TIER_2K".to_owned();
    n.status = wa_numbers_core::Status::Connected;
    n.quality_rating = QualityRating::Green;
    let verdict = evaluate_readiness(
        &n,
        &Campaign {
            recipients: 1_250_000,
            min_quality: QualityRating::Green,
            limit_scope: LimitScope::Number,
        },
    );
    let reason = verdict
        .reasons
        .iter()
        .find(|r| r.code == "insufficient_tier")
        .unwrap();
    assert_eq!(
        reason.message,
        "This number can reach 2,000 people a day (TIER_2K); the campaign has 1,250,000 recipients."
    );
}
