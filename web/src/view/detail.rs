//! One number: every field, its readiness for the campaign, and for a number
//! that is onboarding a live watch of its status.

use leptos::prelude::*;
use std::sync::Arc;

use super::problem::Problem;
use super::table::{action_text, focus_selector};
use super::Ui;
use crate::state::{duration_text, limit_text};
use wa_numbers_core::{evaluate_readiness, Health, PhoneNumber, QualityRating, Severity, Status};

/// The selected number's panel (nothing when none is selected).
#[component]
pub fn Detail() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let selected = Memo::new(move |_| ui.view.with(|v| v.selected.clone()));
    move || selected.get().map(|id| view! { <NumberDetail id=id /> })
}

fn field(label: &'static str, value: Option<String>) -> impl IntoView {
    value.map(|v| view! { <dt>{label}</dt><dd>{v}</dd> })
}

/// Meta's health status: whether the number can send and, for each problem,
/// what the user must do (Meta's own words).
fn health_view(health: Health) -> impl IntoView {
    let errors = health.errors;
    view! {
        <div class="health" data-can-send=health.can_send_message.clone()>
            <h3>{format!("Meta says it can send: {}", health.can_send_message)}</h3>
            {(!errors.is_empty()).then(|| view! {
                <ul class="health-errors">
                    {errors.into_iter().map(|e| {
                        let what = e.error_description.unwrap_or_else(|| "A problem without description".to_owned());
                        let whose = e.entity_type.map(|t| format!("{t}: ")).unwrap_or_default();
                        let code = e.error_code.map(|c| format!(" (code {c})")).unwrap_or_default();
                        view! {
                            <li>
                                <strong>{format!("{whose}{what}{code}")}</strong>
                                {e.possible_solution.map(|fix| view! { <span class="fix">{format!(" What to do: {fix}")}</span> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
        </div>
    }
}

/// What to do next with this number, in a marketer's words.
fn advice(n: &PhoneNumber) -> String {
    let support = match n.provider {
        wa_numbers_core::Provider::Antgst => "AntGst's support",
        wa_numbers_core::Provider::Lora => "Agile Telecom's LORA support",
        wa_numbers_core::Provider::Meta => "Meta Business Support (business.facebook.com/help)",
    };
    let raw = n.raw_status.as_deref().unwrap_or(n.status.as_str());
    match (n.status, n.quality_rating) {
        (Status::Onboarding, _) => "This number is still being set up. Watch it below: it can send once it is connected.".to_owned(),
        (Status::LimitReached, _) => format!(
            "This number has used its limit ({}). The limit counts the last 24 hours, so room frees up as the oldest conversations age out; send from another number meanwhile.",
            per_day(n)
        ),
        (Status::Unavailable, _) => format!(
            "This number cannot send ({raw}). Contact {support} and give them the number id {}.",
            n.id
        ),
        (_, QualityRating::Red) => "Quality is RED: recipients are blocking or reporting its messages. Pause marketing from it, check the template and that everyone on the list opted in; its limit may be lowered.".to_owned(),
        (_, QualityRating::Yellow) => "Quality is YELLOW: fewer recipients are engaging. Send only to recipients who opted in and watch the rating before a large campaign.".to_owned(),
        (Status::Degraded, _) => format!(
            "The provider flags this number ({raw}): it can send, but check with {support} before a large campaign."
        ),
        (Status::Connected, _) => format!("Ready to send ({}).", per_day(n)),
    }
}

/// A daily limit in words: `2,000 per day`, `no daily limit`.
fn per_day(n: &PhoneNumber) -> String {
    match (n.messaging_limit.unlimited, n.messaging_limit.daily_limit) {
        (true, _) => "no daily limit".to_owned(),
        (false, Some(_)) => [limit_text(n).as_str(), " per day"].concat(),
        (false, None) => "daily limit unknown".to_owned(),
    }
}

/// Replaces one number in the list (after a watch saw it change).
fn replace(ui: Ui, number: &PhoneNumber) {
    ui.numbers.update(|ns| {
        if let Some(i) = ns.iter().position(|n| n.id == number.id) {
            Arc::make_mut(ns)[i] = number.clone();
        }
    });
}

#[component]
fn NumberDetail(id: String) -> impl IntoView {
    let ui = expect_context::<Ui>();
    let campaign = ui.campaign();
    let lookup = id.clone();
    let number = Memo::new(move |_| {
        ui.numbers
            .with(|ns| ns.iter().find(|n| n.id == lookup).cloned())
    });
    let watching = RwSignal::new(false);
    let log = RwSignal::new(Vec::<String>::new());
    let problem = RwSignal::new(None::<wa_numbers_core::Error>);
    let controller = StoredValue::new_local(None::<web_sys::AbortController>);
    let stop = move || {
        if let Some(c) = controller.get_value() {
            c.abort();
        }
        controller.set_value(None);
        watching.set(false);
    };
    on_cleanup(stop);
    let watch_id = StoredValue::new(id.clone());
    let watch = move |_| {
        let Ok(abort) = web_sys::AbortController::new() else {
            return;
        };
        let signal = abort.signal();
        controller.set_value(Some(abort));
        watching.set(true);
        problem.set(None);
        let client = ui.client.get_value();
        let id = watch_id.get_value();
        leptos::task::spawn_local(async move {
            let seen = move |n: &PhoneNumber| {
                let time = js_sys::Date::new_0().to_locale_time_string("en-GB");
                let raw = n.raw_status.clone().unwrap_or_default();
                log.update(|l| {
                    l.push(format!(
                        "{} — {} ({raw})",
                        String::from(time),
                        n.status.as_str()
                    ))
                });
                replace(ui, n);
            };
            let result = client
                .wait_for_onboarding(&id, 1_000, 1_800_000, &seen, Some(&signal))
                .await;
            match result {
                Ok(n) => replace(ui, &n),
                Err(wa_numbers_core::Error::Aborted { .. }) => {}
                Err(e) => problem.set(Some(e)),
            }
            watching.set(false);
        });
    };
    // Closing hands focus back to the table's row.
    let close = move || {
        ui.view.update(|v| v.selected = None);
        request_animation_frame(|| focus_selector(".numbers tr.row[tabindex='0']"));
    };
    move || {
        let Some(n) = number.get() else {
            return view! { <section class="detail"><p>"This number is not in the list any more."</p></section> }.into_any();
        };
        let verdict = evaluate_readiness(&n, &campaign.get());
        let onboarding = n.status == Status::Onboarding;
        let title = n
            .display_name
            .clone()
            .or_else(|| n.verified_name.clone())
            .unwrap_or_else(|| n.phone_number.clone());
        view! {
            <section class="detail" aria-labelledby="detail-title"
                on:keydown=move |ev| if ev.key() == "Escape" { close() }>
                <div class="detail-head">
                    <h2 id="detail-title" tabindex="-1">{title}</h2>
                    <button type="button" class="secondary close" on:click=move |_| close() aria-label="Close the details">"Close"</button>
                </div>
                <p class=format!("verdict ready-{}", verdict.ready)>
                    <strong>{action_text(verdict.action)}</strong>
                    // A number that cannot send has no send time.
                    {n.status.can_send().then(|| format!(" — estimated send time {}", duration_text(verdict.estimated_send_seconds)))}
                </p>
                <p class="advice">{advice(&n)}</p>
                <ul class="reasons">
                    {verdict.reasons.into_iter().map(|r| view! {
                        <li class=match r.severity { Severity::Blocker => "blocker", Severity::Warning => "warning" } data-code=r.code.clone()>
                            {r.message}
                        </li>
                    }).collect_view()}
                </ul>
                {n.health.clone().map(health_view)}
                <dl>
                    {field("Id", Some(n.id.clone()))}
                    {field("Number", Some(n.phone_number.clone()))}
                    {field("Display name", n.display_name.clone())}
                    {field("Verified name", n.verified_name.clone())}
                    {field("WABA", n.waba_id.clone())}
                    {field("Status", Some(format!("{} ({})", n.status.as_str(), n.raw_status.clone().unwrap_or_default())))}
                    {field("Quality", Some(n.quality_rating.as_str().to_owned()))}
                    {field("Tier", Some(n.messaging_limit.tier.clone()))}
                    {field("Daily limit", Some(limit_text(&n)))}
                    {field("Throughput", n.throughput.clone())}
                    {field("Code verification", n.code_verification_status.clone())}
                    {field("Platform", n.platform.clone())}
                    {field("Name status", n.name_status.clone())}
                    {field("Account mode", n.account_mode.clone())}
                    {field("Created", n.created_at.clone())}
                    {field("Updated", n.updated_at.clone())}
                    {field("Last onboarded", n.last_onboarded_at.clone())}
                    {field("Provider", Some(super::dashboard::provider_name(n.provider).to_owned()))}
                </dl>
                <Show when=move || onboarding || watching.get() || !log.with(Vec::is_empty)>
                    <div class="watch">
                        <Show when=move || !watching.get() fallback=move || view! {
                            <button type="button" class="secondary" on:click=move |_| stop()>"Stop watching"</button>
                        }>
                            <button type="button" on:click=watch disabled=move || !onboarding>"Watch onboarding"</button>
                        </Show>
                        <ol class="watch-log" aria-live="polite">
                            {move || log.get().into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                        </ol>
                    </div>
                </Show>
                {move || problem.get().map(|e| view! { <Problem error=e /> })}
            </section>
        }
        .into_any()
    }
}
