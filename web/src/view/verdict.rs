//! The campaign's answer, first and in words: can it go out, and if not, why
//! and what would change that.

use leptos::prelude::*;

use crate::state::{duration_text, thousands};
use wa_numbers_core::{evaluate_readiness, Campaign, PhoneNumber, Plan, QualityRating};

/// The answer to "can this campaign go out?".
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// Every recipient has a number.
    pub yes: bool,
    /// One sentence: yes or no, with the figures.
    pub headline: String,
    /// Why not (numbers that cannot carry it, by cause).
    pub why: Vec<String>,
    /// What would let more of it go out.
    pub fixes: Vec<String>,
}

fn plural(n: u64, one: &'static str, many: &'static str) -> String {
    [thousands(n).as_str(), " ", if n == 1 { one } else { many }].concat()
}

/// The verdict on `plan`, made for `campaign` over `considered` (the numbers
/// the plan was allowed to use); `narrowed` when the filters chose them.
pub fn verdict(
    campaign: &Campaign,
    plan: &Plan,
    considered: &[&PhoneNumber],
    send_seconds: f64,
    narrowed: bool,
) -> Verdict {
    let recipients = campaign.recipients;
    let assigned: u64 = plan.assignments.iter().map(|a| a.recipients).sum();
    let numbers = plan.assignments.len() as u64;
    if recipients == 0 {
        return Verdict {
            yes: false,
            headline: "Enter the campaign's recipients to get an answer.".to_owned(),
            why: Vec::new(),
            fixes: Vec::new(),
        };
    }
    if plan.unassigned == 0 {
        return Verdict {
            yes: true,
            headline: format!(
                "Yes: {} recipients over {}, about {}.",
                thousands(recipients),
                plural(numbers, "number", "numbers"),
                duration_text(send_seconds)
            ),
            why: Vec::new(),
            fixes: Vec::new(),
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
    let mut why = Vec::new();
    if numbers > 0 {
        why.push(format!(
            "The {} that can send have {} left today in all.",
            plural(numbers, "number", "numbers"),
            thousands(assigned)
        ));
    } else {
        why.push("No number can send any of it today.".to_owned());
    }
    let causes = [
        (
            unavailable,
            "cannot send at all (banned, disconnected or blocked)",
        ),
        (limit, "reached their 24-hour limit"),
        (onboarding, "are still onboarding"),
        (quality, "are below the minimum quality"),
    ];
    for (count, what) in causes {
        if count > 0 {
            why.push(format!("{} {what}.", plural(count, "number", "numbers")));
        }
    }
    let mut fixes = Vec::new();
    if assigned > 0 {
        fixes.push(format!(
            "Send {} today and the other {} after the 24-hour window frees up.",
            thousands(assigned),
            thousands(plan.unassigned)
        ));
    }
    if narrowed {
        fixes.push("Plan over every number, not only those the filters show.".to_owned());
    }
    if quality > 0 && campaign.min_quality != QualityRating::Red {
        fixes.push(format!(
            "Accept a lower minimum quality: {} more could send (at a risk to their rating).",
            plural(quality, "number", "numbers")
        ));
    }
    if onboarding > 0 {
        fixes.push("Watch the onboarding numbers: each adds capacity once connected.".to_owned());
    }
    if unavailable > 0 {
        fixes.push("Ask your provider's support about the numbers that cannot send.".to_owned());
    }
    Verdict {
        yes: false,
        headline: if assigned == 0 {
            format!(
                "No: none of the {} recipients can go out today.",
                thousands(recipients)
            )
        } else {
            format!(
                "No: {} of {} recipients can go out today.",
                thousands(assigned),
                thousands(recipients)
            )
        },
        why,
        fixes,
    }
}

/// The verdict, styled as the answer it is.
#[component]
pub fn VerdictView(verdict: Verdict) -> impl IntoView {
    let Verdict {
        yes,
        headline,
        why,
        fixes,
    } = verdict;
    view! {
        <div class=if yes { "answer yes" } else { "answer no" } role="status">
            <p class="headline"><strong>{headline}</strong></p>
            {(!why.is_empty()).then(|| view! {
                <ul class="why">{why.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
            })}
            {(!fixes.is_empty()).then(|| view! {
                <p class="fix-title">"What would help:"</p>
                <ul class="fixes">{fixes.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}</ul>
            })}
        </div>
    }
}
