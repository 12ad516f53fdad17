//! The campaign check: recipients, minimum quality and limit scope give the
//! answer (can it go out?), every number's verdict (table column) and a plan
//! across every number, or only those the filters show when the user says so.

use leptos::prelude::*;

use super::exports;
use super::load_status::PartialNote;
use super::plan::{assigned_numbers, plan_list};
use super::verdict::{verdict, VerdictView};
use super::words::quality_text;
use super::Ui;
use crate::csv;
use crate::i18n::{fill, num, t, tr};
use crate::recipients::{parse_recipients, RecipientsProblem};
use wa_numbers_core::{messages_per_second, plan_campaign, LimitScope, PhoneNumber, QualityRating};

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
    // What was typed stays as typed; the campaign changes only when it reads.
    let typed = RwSignal::new(view.with_untracked(|v| v.recipients.to_string()));
    let typed_problem = RwSignal::new(None::<RecipientsProblem>);
    let only_shown = Memo::new(move |_| view.with(|v| v.only_shown));
    let plan = Memo::new(move |_| {
        let c = campaign.get();
        if only_shown.get() {
            ui.settled_rows.with(|r| {
                ui.numbers
                    .with(|ns| plan_campaign(r.iter().filter_map(|&i| ns.get(i)), &c))
            })
        } else {
            ui.numbers.with(|ns| plan_campaign(ns.iter(), &c))
        }
    });
    let send_seconds = Memo::new(move |_| {
        let plan = plan.get();
        ui.numbers.with(|ns| {
            plan.assignments
                .iter()
                .zip(assigned_numbers(&plan, ns))
                .filter_map(|(a, n)| {
                    n.map(|n| {
                        a.recipients as f64
                            / f64::from(messages_per_second(n.throughput.as_deref()))
                    })
                })
                .fold(0.0, f64::max)
        })
    });
    let answer = Memo::new(move |_| {
        let (c, p, narrowed) = (campaign.get(), plan.get(), only_shown.get());
        ui.numbers.with(|ns| {
            let considered: Vec<&PhoneNumber> = if narrowed {
                ui.settled_rows
                    .with(|r| r.iter().filter_map(|&i| ns.get(i)).collect())
            } else {
                ns.iter().collect()
            };
            verdict(&c, &p, &considered, send_seconds.get(), narrowed)
        })
    });
    let export_plan = move |_| {
        // No file for a campaign that is not the one typed.
        if typed_problem.get_untracked().is_some() {
            return;
        }
        let text = ui
            .numbers
            .with_untracked(|ns| exports::plan_file(&plan.get_untracked(), ns));
        csv::download("campaign-plan.csv", &text);
    };
    let export_table = move |_| {
        let text = exports::table_file(&shown(), &campaign.get_untracked());
        csv::download("phone-numbers.csv", &text);
    };
    view! {
        <section class="campaign" aria-labelledby="campaign-title">
            <h2 id="campaign-title">{tr(|t| t.campaign_title)}</h2>
            <form on:submit=|ev| ev.prevent_default()>
                <label for="recipients">{tr(|t| t.recipients)}</label>
                <input id="recipients" type="text" inputmode="numeric" autocomplete="off"
                    aria-describedby="recipients-problem"
                    aria-invalid=move || typed_problem.get().is_some().to_string()
                    prop:value=typed
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        match parse_recipients(&text) {
                            Ok(n) => {
                                typed_problem.set(None);
                                view.update(|v| v.recipients = n);
                            }
                            Err(problem) => typed_problem.set(Some(problem)),
                        }
                        typed.set(text);
                    } />
                <p id="recipients-problem" class="field-problem" role="alert">{move || typed_problem.get().map(|p| p.text(t()))}</p>
                <label for="min-quality">{tr(|t| t.min_quality)}</label>
                <select id="min-quality" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    view.update(|v| v.min_quality = QualityRating::parse(&value).unwrap_or(QualityRating::Green));
                }>
                    {QualityRating::ALL.into_iter().map(|q| view! {
                        <option value=q.as_str() selected=move || campaign.with(|c| c.min_quality == q)>{move || quality_text(q)}</option>
                    }).collect_view()}
                </select>
                <label for="limit-scope">{tr(|t| t.limit_per)}</label>
                <select id="limit-scope" on:change=move |ev| {
                    let scope = if event_target_value(&ev) == "waba" { LimitScope::Waba } else { LimitScope::Number };
                    view.update(|v| v.limit_scope = scope);
                }>
                    <option value="number" selected=move || campaign.with(|c| c.limit_scope == LimitScope::Number)>{tr(|t| t.per_number)}</option>
                    <option value="waba" selected=move || campaign.with(|c| c.limit_scope == LimitScope::Waba)>{tr(|t| t.per_waba)}</option>
                </select>
                <label class="check">
                    <input id="only-shown" type="checkbox" prop:checked=only_shown
                        on:change=move |ev| view.update(|v| v.only_shown = event_target_checked(&ev)) />
                    {tr(|t| t.only_shown)}
                </label>
            </form>
            // While the recipients do not read, no answer is better than the last one.
            {move || match typed_problem.get() {
                Some(_) => view! {
                    <div class="answer" role="status">
                        <p class="headline"><strong>{t().no_answer}</strong></p>
                    </div>
                }
                .into_any(),
                None => view! { <VerdictView verdict=answer.get() /> }.into_any(),
            }}
            <div class="plan" aria-live="polite">
                <PartialNote />
                // Nor a plan for it: the last one was for other recipients.
                {move || typed_problem.get().is_none().then(|| plan_list(ui, &plan.get(), send_seconds))}
            </div>
            <div class="actions">
                <button type="button" on:click=export_plan
                    disabled=move || typed_problem.get().is_some()>{tr(|t| t.export_plan)}</button>
                <button type="button" class="secondary" on:click=export_table>{tr(|t| t.export_table)}</button>
            </div>
            <p class="hint">{move || if only_shown.get() {
                fill(t().hint_shown, &[&num(ui.settled_rows.with(|r| r.len()) as u64)])
            } else {
                fill(t().hint_all, &[&num(ui.numbers.with(|n| n.len()) as u64)])
            }}</p>
        </section>
    }
}
