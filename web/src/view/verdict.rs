//! The campaign's answer, first and in words: can it go out, and if not, why
//! and what would change that.

use leptos::prelude::*;

use crate::i18n::{count, duration, fill, num, t};
use wa_numbers_core::{evaluate_readiness, Campaign, LimitScope, PhoneNumber, Plan, QualityRating};

/// Past this the send time of a "yes" is worth a word of its own.
const SECONDS_IN_A_DAY: f64 = 86_400.0;

/// The answer to "can this campaign go out?".
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// Every recipient has a number.
    pub yes: bool,
    /// Yes, but sending takes more than a day at the planned numbers' speed:
    /// shown as a warning, not as a plain yes.
    pub slow: bool,
    /// One sentence: yes or no, with the figures.
    pub headline: String,
    /// Why not (numbers that cannot carry it, by cause).
    pub why: Vec<String>,
    /// What would let more of it go out.
    pub fixes: Vec<String>,
}

/// The verdict on `plan`, made for `campaign` over `considered` (the numbers
/// the plan was allowed to use); `narrowed` when the filters chose them. In
/// the current language.
pub fn verdict(
    campaign: &Campaign,
    plan: &Plan,
    considered: &[&PhoneNumber],
    send_seconds: f64,
    narrowed: bool,
) -> Verdict {
    let t = t();
    let numbers_of = |n: u64| count(n, t.numbers_one, t.numbers_many);
    let recipients = campaign.recipients;
    let assigned: u64 = plan.assignments.iter().map(|a| a.recipients).sum();
    let numbers = plan.assignments.len() as u64;
    let alone = counted_alone(campaign, plan, considered)
        .map(|n| fill(t.no_waba_counted_alone, &[&numbers_of(n)]));
    if recipients == 0 {
        return Verdict {
            yes: false,
            slow: false,
            headline: t.enter_recipients.to_owned(),
            why: Vec::new(),
            fixes: Vec::new(),
        };
    }
    if plan.unassigned == 0 {
        // It can go out, but not within a day: said in the answer itself and
        // why under it, not a plain yes.
        let slow = send_seconds > SECONDS_IN_A_DAY;
        return Verdict {
            yes: true,
            slow,
            headline: fill(
                if slow { t.yes_slow } else { t.yes },
                &[
                    &num(recipients),
                    &numbers_of(numbers),
                    &duration(send_seconds),
                ],
            ),
            why: alone.into_iter().collect(),
            fixes: slow
                .then(|| fill(t.slow_send, &[&duration(send_seconds)]))
                .into_iter()
                .collect(),
        };
    }
    // Why: each number that cannot carry any of it, by its first blocker.
    let (mut unavailable, mut limit, mut onboarding, mut quality) = (0u64, 0u64, 0u64, 0u64);
    for n in considered {
        let r = evaluate_readiness(n, campaign);
        if r.ready {
            continue;
        }
        match r
            .reasons
            .iter()
            .find(|r| r.severity == wa_numbers_core::Severity::Blocker)
        {
            Some(b) if b.code == "status_unavailable" => unavailable += 1,
            Some(b) if b.code == "status_limit_reached" => limit += 1,
            Some(b) if b.code == "status_onboarding" => onboarding += 1,
            Some(b) if b.code.starts_with("quality_") => quality += 1,
            _ => {}
        }
    }
    let mut why: Vec<String> = alone.into_iter().collect();
    if numbers > 0 {
        why.push(fill(
            t.can_send_left,
            &[&numbers_of(numbers), &num(assigned)],
        ));
    } else {
        why.push(t.none_can_send.to_owned());
    }
    let causes = [
        (unavailable, t.why_unavailable),
        (limit, t.why_limit),
        (onboarding, t.why_onboarding),
        (quality, t.why_quality),
    ];
    for (n, what) in causes {
        if n > 0 {
            why.push(fill(what, &[&numbers_of(n)]));
        }
    }
    let mut fixes = Vec::new();
    if assigned > 0 {
        // What goes out today is the numbers' whole capacity for one 24-hour
        // window: the rest takes as many more windows, said in days (a rest
        // of 2,990,000 at 10,000 a day is 299 days, not "after the window").
        let days = plan.unassigned.div_ceil(assigned);
        fixes.push(if days == 1 {
            fill(t.fix_later_one, &[&num(assigned), &num(plan.unassigned)])
        } else {
            fill(
                t.fix_later_many,
                &[&num(assigned), &num(plan.unassigned), &num(days)],
            )
        });
    }
    if narrowed {
        fixes.push(t.fix_all_numbers.to_owned());
    }
    if quality > 0 && campaign.min_quality != QualityRating::Red {
        fixes.push(fill(t.fix_quality, &[&numbers_of(quality)]));
    }
    if onboarding > 0 {
        fixes.push(t.fix_onboarding.to_owned());
    }
    if limit > 0 {
        fixes.push(t.fix_limit.to_owned());
    }
    if unavailable > 0 {
        let who = super::advice::support_for(considered.first().map(|n| n.provider));
        fixes.push(fill(t.fix_support, &[&who]));
    }
    Verdict {
        yes: false,
        slow: false,
        headline: if assigned == 0 {
            fill(t.no_none, &[&num(recipients)])
        } else {
            fill(t.no_some, &[&num(assigned), &num(recipients)])
        },
        why,
        fixes,
    }
}

/// Under the "waba" limit scope, how many of the plan's numbers have no WABA
/// in the list (LORA's list names none): the plan counts each one's limit on
/// its own, which a shared WABA limit may not allow. `None` when none.
fn counted_alone(campaign: &Campaign, plan: &Plan, considered: &[&PhoneNumber]) -> Option<u64> {
    if campaign.limit_scope != LimitScope::Waba {
        return None;
    }
    // The set type the loading view already uses: no hashing code of its own.
    let without: wa_numbers_core::hash::FastSet<String> = considered
        .iter()
        .filter(|n| n.waba_id.is_none())
        .map(|n| n.id.clone())
        .collect();
    let alone = plan
        .assignments
        .iter()
        .filter(|a| without.contains(a.phone_number_id.as_str()))
        .count() as u64;
    (alone > 0).then_some(alone)
}

/// The verdict, styled as the answer it is.
#[component]
pub fn VerdictView(verdict: Verdict) -> impl IntoView {
    let Verdict {
        yes,
        slow,
        headline,
        why,
        fixes,
    } = verdict;
    view! {
        <div class=match (yes, slow) { (true, true) => "answer yes slow", (true, false) => "answer yes", _ => "answer no" } role="status">
            <p class="headline"><strong>{headline}</strong></p>
            {(!why.is_empty()).then(|| view! {
                <ul class="why">{why.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
            })}
            {(!fixes.is_empty()).then(|| view! {
                <p class="fix-title">{t().what_helps}</p>
                <ul class="fixes">{fixes.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}</ul>
            })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::verdict;
    use wa_numbers_core::demo::generated_numbers;
    use wa_numbers_core::{plan_campaign, Campaign, LimitScope, QualityRating};

    /// Under the "waba" scope, numbers listed without a WABA (LORA's list)
    /// are counted alone, and the answer says so whether it is yes or no;
    /// per number, or with every WABA known, it says nothing of it.
    #[wasm_bindgen_test::wasm_bindgen_test]
    fn numbers_without_a_waba_counted_alone_are_said() {
        let listed = generated_numbers(40, 7);
        let mut numbers = listed.clone();
        for n in &mut numbers {
            n.waba_id = None;
        }
        let all: Vec<_> = numbers.iter().collect();
        let said = |recipients: u64, limit_scope: LimitScope, of: &[&_]| {
            let campaign = Campaign {
                recipients,
                min_quality: QualityRating::Unknown,
                limit_scope,
            };
            let plan = plan_campaign(of.iter().copied(), &campaign);
            let v = verdict(&campaign, &plan, of, 1.0, false);
            (
                v.yes,
                v.why
                    .iter()
                    .any(|w| w.starts_with("Of the numbers the plan uses, listed without a WABA")),
            )
        };
        assert_eq!(said(10, LimitScope::Waba, &all), (true, true));
        assert!(
            said(u64::MAX / 4, LimitScope::Waba, &all).1,
            "said under a no too"
        );
        assert_eq!(said(10, LimitScope::Number, &all), (true, false));
        let with_waba: Vec<_> = listed.iter().collect();
        assert_eq!(said(10, LimitScope::Waba, &with_waba), (true, false));
    }

    /// What is left after today is said in the days it takes at today's
    /// capacity: one more window, or as many days as it needs.
    #[wasm_bindgen_test::wasm_bindgen_test]
    fn the_rest_of_a_campaign_is_said_in_days() {
        // Numbers with a daily limit: an unlimited one takes any campaign today.
        let mut numbers = generated_numbers(40, 7);
        numbers.retain(|n| !n.messaging_limit.unlimited);
        let all: Vec<_> = numbers.iter().collect();
        let per_number = Campaign {
            recipients: 1,
            min_quality: QualityRating::Unknown,
            limit_scope: LimitScope::Number,
        };
        let today: u64 = plan_campaign(
            all.iter().copied(),
            &Campaign {
                recipients: u64::MAX / 4,
                ..per_number.clone()
            },
        )
        .assignments
        .iter()
        .map(|a| a.recipients)
        .sum();
        assert!(today > 0 && today < u64::MAX / 8, "{today}");
        let rest_of = |recipients: u64| {
            let campaign = Campaign {
                recipients,
                ..per_number.clone()
            };
            let plan = plan_campaign(all.iter().copied(), &campaign);
            let v = verdict(&campaign, &plan, &all, 1.0, false);
            assert!(!v.yes);
            v.fixes.into_iter().next().unwrap_or_default()
        };
        let one_more = rest_of(today + 1);
        assert!(
            one_more.ends_with("24 hours later, when the window frees up."),
            "{one_more}"
        );
        let many = rest_of(today * 300 + 1);
        assert!(many.contains("over the next 300 days"), "{many}");
    }
}
