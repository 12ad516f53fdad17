//! The campaign check: recipients, minimum quality and limit scope give every
//! number's verdict (table column) and a plan across the numbers shown.

use leptos::prelude::*;

use super::loading::PartialNote;
use super::Ui;
use crate::csv;
use crate::state::{duration_text, limit_text, thousands};
use wa_numbers_core::{
    evaluate_readiness, messages_per_second, plan_campaign, LimitScope, PhoneNumber, QualityRating,
};

/// The campaign form, the plan and the exports.
#[component]
pub fn CampaignPanel() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let view = ui.view;
    let campaign = ui.campaign();
    let shown = move || -> Vec<PhoneNumber> {
        ui.rows.with(|r| {
            ui.numbers
                .with(|ns| r.iter().filter_map(|&i| ns.get(i).cloned()).collect())
        })
    };
    let plan = Memo::new(move |_| {
        let c = campaign.get();
        ui.settled_rows.with(|r| {
            ui.numbers
                .with(|ns| plan_campaign(r.iter().filter_map(|&i| ns.get(i)), &c))
        })
    });
    let send_seconds = Memo::new(move |_| {
        let plan = plan.get();
        ui.numbers.with(|ns| {
            plan.assignments
                .iter()
                .filter_map(|a| {
                    ns.iter().find(|n| n.id == a.phone_number_id).map(|n| {
                        a.recipients as f64
                            / f64::from(messages_per_second(n.throughput.as_deref()))
                    })
                })
                .fold(0.0, f64::max)
        })
    });
    let export_plan = move |_| {
        let plan = plan.get_untracked();
        let text = ui.numbers.with_untracked(|ns| {
            csv::table(
                &["phoneNumberId", "phoneNumber", "wabaId", "recipients"],
                plan.assignments.iter().map(|a| {
                    let n = ns.iter().find(|n| n.id == a.phone_number_id);
                    vec![
                        a.phone_number_id.clone(),
                        n.map(|n| n.phone_number.clone()).unwrap_or_default(),
                        n.and_then(|n| n.waba_id.clone()).unwrap_or_default(),
                        a.recipients.to_string(),
                    ]
                }),
            )
        });
        csv::download("campaign-plan.csv", &text);
    };
    let export_table = move |_| {
        let c = campaign.get_untracked();
        let text = csv::table(
            &[
                "id",
                "phoneNumber",
                "name",
                "wabaId",
                "status",
                "rawStatus",
                "qualityRating",
                "tier",
                "dailyLimit",
                "throughput",
                "updatedAt",
                "action",
            ],
            shown().iter().map(|n| {
                vec![
                    n.id.clone(),
                    n.phone_number.clone(),
                    n.display_name
                        .clone()
                        .or_else(|| n.verified_name.clone())
                        .unwrap_or_default(),
                    n.waba_id.clone().unwrap_or_default(),
                    n.status.as_str().to_owned(),
                    n.raw_status.clone().unwrap_or_default(),
                    n.quality_rating.as_str().to_owned(),
                    n.messaging_limit.tier.clone(),
                    limit_text(n),
                    n.throughput.clone().unwrap_or_default(),
                    n.updated_at.clone().unwrap_or_default(),
                    format!("{:?}", evaluate_readiness(n, &c).action),
                ]
            }),
        );
        csv::download("phone-numbers.csv", &text);
    };
    view! {
        <section class="campaign" aria-labelledby="campaign-title">
            <h2 id="campaign-title">"Campaign check"</h2>
            <form on:submit=|ev| ev.prevent_default()>
                <label for="recipients">"Recipients"</label>
                <input id="recipients" type="number" min="0" step="1" inputmode="numeric"
                    prop:value=move || view.with(|v| v.recipients.to_string())
                    on:input=move |ev| {
                        if let Ok(n) = event_target_value(&ev).trim().parse::<u64>() {
                            view.update(|v| v.recipients = n);
                        }
                    } />
                <label for="min-quality">"Minimum quality"</label>
                <select id="min-quality" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    view.update(|v| v.min_quality = QualityRating::parse(&value).unwrap_or(QualityRating::Green));
                }>
                    {QualityRating::ALL.into_iter().map(|q| view! {
                        <option value=q.as_str() selected=move || view.with(|v| v.min_quality == q)>{q.as_str()}</option>
                    }).collect_view()}
                </select>
                <label for="limit-scope">"Messaging limit counted per"</label>
                <select id="limit-scope" on:change=move |ev| {
                    let scope = if event_target_value(&ev) == "waba" { LimitScope::Waba } else { LimitScope::Number };
                    view.update(|v| v.limit_scope = scope);
                }>
                    <option value="number" selected=move || view.with(|v| v.limit_scope == LimitScope::Number)>"number"</option>
                    <option value="waba" selected=move || view.with(|v| v.limit_scope == LimitScope::Waba)>"WABA (business portfolio)"</option>
                </select>
            </form>
            <div class="plan" aria-live="polite">
                <PartialNote />
                {move || {
                    let p = plan.get();
                    let assigned: u64 = p.assignments.iter().map(|a| a.recipients).sum();
                    view! {
                        <p class="plan-summary">
                            {format!("{} {} take {} recipients; ", p.assignments.len(), if p.assignments.len() == 1 { "number" } else { "numbers" }, thousands(assigned))}
                            <span class="unassigned" data-unassigned=p.unassigned.to_string()>{format!("{} unassigned", thousands(p.unassigned))}</span>
                            {format!("; estimated send time {}.", duration_text(send_seconds.get()))}
                        </p>
                        <ol class="assignments">
                            {p.assignments.iter().take(10).map(|a| view! {
                                <li data-id=a.phone_number_id.clone()>{format!("{} — {}", a.phone_number_id, thousands(a.recipients))}</li>
                            }).collect_view()}
                        </ol>
                        {(p.assignments.len() > 10).then(|| format!("… and {} more (see the CSV).", p.assignments.len() - 10))}
                    }
                }}
            </div>
            <div class="actions">
                <button type="button" on:click=export_plan>"Export plan (CSV)"</button>
                <button type="button" class="secondary" on:click=export_table>"Export table (CSV)"</button>
            </div>
            <p class="hint">{move || format!("Verdicts use this campaign; the plan spreads it over the {} numbers shown.", thousands(ui.rows.with(|r| r.len()) as u64))}</p>
        </section>
    }
}
