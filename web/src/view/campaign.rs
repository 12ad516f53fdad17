//! The campaign check: recipients, minimum quality and limit scope give the
//! answer (can it go out?), every number's verdict (table column) and a plan
//! across every number, or only those the filters show when the user says so.

use leptos::prelude::*;

use super::loading::PartialNote;
use super::table::{action_text, quality_text};
use super::verdict::{verdict, VerdictView};
use super::Ui;
use crate::csv;
use crate::i18n::{duration, fill, lang, num, t, tr};
use crate::state::{parse_recipients, RecipientsProblem};
use wa_numbers_core::hash::FastMap;
use wa_numbers_core::{
    evaluate_readiness, messages_per_second, plan_campaign, LimitScope, PhoneNumber, Plan,
    QualityRating,
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
        let plan = plan.get_untracked();
        let (lang, t) = (lang(), t());
        let text = ui.numbers.with_untracked(|ns| {
            let mut rows: Vec<Vec<String>> = plan
                .assignments
                .iter()
                .zip(assigned_numbers(&plan, ns))
                .map(|(a, n)| {
                    vec![
                        a.phone_number_id.clone(),
                        n.map(|n| csv::phone(&n.phone_number)).unwrap_or_default(),
                        n.map(name_of).unwrap_or_default(),
                        n.and_then(|n| n.waba_id.clone()).unwrap_or_default(),
                        n.map(|n| n.quality_rating.as_str().to_owned())
                            .unwrap_or_default(),
                        n.map(csv_limit).unwrap_or_default(),
                        a.recipients.to_string(),
                    ]
                })
                .collect();
            // Every recipient is in the file: those no number takes on a row of their own.
            if plan.unassigned > 0 {
                let mut row = vec![String::new(); 6];
                row[0] = t.csv_unassigned.to_owned();
                row.push(plan.unassigned.to_string());
                rows.push(row);
            }
            csv::table(
                lang.csv_separator(),
                &[
                    "phoneNumberId",
                    "phoneNumber",
                    "name",
                    "wabaId",
                    "qualityRating",
                    "dailyLimit",
                    "recipients",
                ],
                rows,
            )
        });
        csv::download("campaign-plan.csv", &text);
    };
    let export_table = move |_| {
        let c = campaign.get_untracked();
        let lang = lang();
        let text = csv::table(
            lang.csv_separator(),
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
                    csv::phone(&n.phone_number),
                    name_of(n),
                    n.waba_id.clone().unwrap_or_default(),
                    n.status.as_str().to_owned(),
                    n.raw_status.clone().unwrap_or_default(),
                    n.quality_rating.as_str().to_owned(),
                    n.messaging_limit.tier.clone(),
                    csv_limit(n),
                    n.throughput.clone().unwrap_or_default(),
                    n.updated_at.clone().unwrap_or_default(),
                    action_text(evaluate_readiness(n, &c).action).to_owned(),
                ]
            }),
        );
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
                {move || typed_problem.get().is_none().then(|| {
                    let p = plan.get();
                    let assigned: u64 = p.assignments.iter().map(|a| a.recipients).sum();
                    view! {
                        <p class="plan-summary">
                            {fill(if p.assignments.len() == 1 { t().plan_one } else { t().plan_many }, &[&num(p.assignments.len() as u64), &num(assigned)])}
                            <span class="unassigned" data-unassigned=p.unassigned.to_string()>{fill(t().unassigned, &[&num(p.unassigned)])}</span>
                            // Nothing goes out: no time to send it in, only the sentence's end.
                            {if assigned > 0 {
                                leptos::either::Either::Left(view! { <span class="send-time">{fill(t().send_time, &[&duration(send_seconds.get())])}</span> })
                            } else {
                                leptos::either::Either::Right(t().full_stop)
                            }}
                        </p>
                        <ol class="assignments">
                            {ui.numbers.with(|ns| p.assignments.iter().zip(assigned_numbers(&p, ns)).take(10).map(|(a, n)| {
                                let n = n.cloned();
                                let label = n.as_ref().map(|n| [n.phone_number.as_str(), " ", &name_of(n)].concat()).unwrap_or_else(|| a.phone_number_id.clone());
                                view! {
                                    <li data-id=a.phone_number_id.clone()>
                                        <button type="button" class="link" translate="no" on:click=move |_| if let Some(n) = &n {
                                            ui.select(n);
                                            // Focus follows to the number opened (the panel opens above
                                            // this list and pushed the link off screen), as from a row.
                                            request_animation_frame(|| super::table::focus_selector("#detail-title"));
                                        }>{label}</button>
                                        {[" — ".to_owned(), num(a.recipients)].concat()}
                                    </li>
                                }
                            }).collect_view())}
                        </ol>
                        {(p.assignments.len() > 10).then(|| fill(t().more_in_csv, &[&num(p.assignments.len() as u64 - 10)]))}
                    }
                })}
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

/// Each assignment's number, in the plan's order (`None` for an id no longer
/// listed), found in one pass over the list. A search of the list per
/// assignment was quadratic: a million recipients over 1K-tier numbers is a
/// thousand assignments, each a scan of 100,000 numbers, on every keystroke.
fn assigned_numbers<'a>(plan: &Plan, ns: &'a [PhoneNumber]) -> Vec<Option<&'a PhoneNumber>> {
    let mut by_id: FastMap<&str, Option<&'a PhoneNumber>> = plan
        .assignments
        .iter()
        .map(|a| (a.phone_number_id.as_str(), None))
        .collect();
    let mut left = by_id.len();
    for n in ns {
        if left == 0 {
            break;
        }
        // The first number of an id, as a search from the start finds.
        if let Some(slot @ None) = by_id.get_mut(n.id.as_str()) {
            *slot = Some(n);
            left -= 1;
        }
    }
    plan.assignments
        .iter()
        .map(|a| by_id.get(a.phone_number_id.as_str()).copied().flatten())
        .collect()
}

/// The name people know a number by.
fn name_of(n: &PhoneNumber) -> String {
    n.display_name
        .clone()
        .or_else(|| n.verified_name.clone())
        .unwrap_or_default()
}

/// A daily limit for a spreadsheet: digits only (`10000`: "10,000" reads as 10
/// in a locale whose decimal separator is the comma), or a code that is the
/// same in every language, as the status and quality columns' codes are (a
/// translated word, "illimitato", read as text in a column of figures).
fn csv_limit(n: &PhoneNumber) -> String {
    match (n.messaging_limit.unlimited, n.messaging_limit.daily_limit) {
        (true, _) => "unlimited".to_owned(),
        (false, Some(limit)) => limit.to_string(),
        (false, None) => "unknown".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::assigned_numbers;
    use wa_numbers_core::demo::generated_numbers;
    use wa_numbers_core::{Assignment, Plan};

    /// The number of each assignment, in the plan's order, is the one a
    /// search of the list from its start finds: the first of its id, `None`
    /// for an id not listed, the same number for an id assigned twice.
    #[wasm_bindgen_test::wasm_bindgen_test]
    fn each_assignment_gets_the_number_a_search_finds() {
        let mut ns = generated_numbers(50, 3);
        // A second number with the id of the 10th: the first stays the one found.
        let mut twin = ns[40].clone();
        twin.id = ns[10].id.clone();
        ns.push(twin);
        let ids = [
            &ns[30].id, &ns[10].id, "gone", &ns[0].id, &ns[30].id, &ns[50].id,
        ];
        let plan = Plan {
            assignments: ids
                .iter()
                .map(|id| Assignment {
                    phone_number_id: id.to_string(),
                    recipients: 1,
                })
                .collect(),
            unassigned: 0,
        };
        let searched: Vec<_> = plan
            .assignments
            .iter()
            .map(|a| ns.iter().find(|n| n.id == a.phone_number_id))
            .collect();
        let found = assigned_numbers(&plan, &ns);
        assert_eq!(found, searched);
        assert!(std::ptr::eq(found[1].unwrap(), &ns[10]));
        assert_eq!(found[2], None);
        assert!(std::ptr::eq(found[4].unwrap(), &ns[30]));
        assert!(assigned_numbers(
            &Plan {
                assignments: Vec::new(),
                unassigned: 3
            },
            &ns
        )
        .is_empty());
    }
}
