//! One number: every field, its readiness for the campaign, and for a number
//! that is onboarding a live watch of its status.

use leptos::prelude::*;
use std::sync::Arc;

use super::advice::{advice, reason_text};
use super::focus::focus_selector;
use super::problem::Problem;
use super::words::action_text;
use super::Ui;
use crate::i18n::{date, duration, fill, t};
use crate::state::limit_text;
use wa_numbers_core::{evaluate_readiness, Health, PhoneNumber, Severity, Status};

/// The selected number's panel (nothing when none is selected).
#[component]
pub fn Detail() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let selected = Memo::new(move |_| ui.view.with(|v| v.selected.clone()));
    move || selected.get().map(|id| view! { <NumberDetail id=id /> })
}

fn field(label: &'static str, value: Option<String>) -> impl IntoView {
    value.map(|v| view! { <dt>{label}</dt><dd translate="no">{v}</dd> })
}

/// A provider's code in words where it has some; the code itself in its tooltip.
fn words(label: &'static str, code: Option<&str>) -> impl IntoView {
    code.map(|c| {
        let text = super::words::code_text(c).into_owned();
        view! { <dt>{label}</dt><dd title=c.to_owned()>{text}</dd> }
    })
}

/// Meta's health status: whether the number can send and, for each problem,
/// what the user must do (Meta's own words).
fn health_view(health: Health) -> impl IntoView {
    let t = t();
    let errors = health.errors;
    view! {
        <div class="health" data-can-send=health.can_send_message.clone()>
            <h3>{fill(t.meta_can_send, &[&health.can_send_message])}</h3>
            {(!errors.is_empty()).then(|| view! {
                <ul class="health-errors">
                    {errors.into_iter().map(|e| {
                        let what = e.error_description.unwrap_or_else(|| t.no_description.to_owned());
                        let whose = e.entity_type.map(|t| [t.as_str(), ": "].concat()).unwrap_or_default();
                        let code = e.error_code.map(|c| fill(t.error_code, &[&c.to_string()])).unwrap_or_default();
                        view! {
                            <li>
                                <strong>{[whose, what, code].concat()}</strong>
                                {e.possible_solution.map(|fix| view! { <span class="fix">{fill(t.what_to_do, &[&fix])}</span> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
        </div>
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
    // What the watch saw: when (ms since the epoch), the status and the
    // provider's word for it; written out in the language of the moment.
    let log = RwSignal::new(Vec::<(f64, Status, String)>::new());
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
                let raw = n.raw_status.clone().unwrap_or_default();
                log.update(|l| l.push((js_sys::Date::now(), n.status, raw)));
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
    let close_button = move || {
        let t = t();
        view! { <button type="button" class="secondary close" on:click=move |_| close() aria-label=t.close_label>{t.close}</button> }
    };
    move || {
        let Some(n) = number.get() else {
            let t = t();
            return view! {
                <section class="detail" on:keydown=move |ev| if ev.key() == "Escape" { close() }>
                    <div class="detail-head">
                        <p>{t.gone}</p>
                        {close_button()}
                    </div>
                </section>
            }
            .into_any();
        };
        let campaign = campaign.get();
        let verdict = evaluate_readiness(&n, &campaign);
        let t = t();
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
                    <h2 id="detail-title" tabindex="-1" translate="no">{title}</h2>
                    {close_button()}
                </div>
                <p class=format!("verdict ready-{}", verdict.ready)>
                    <strong>{action_text(verdict.action)}</strong>
                    // A number that cannot carry the campaign has no send time for it.
                    {verdict.ready.then(|| fill(t.send_time_detail, &[&duration(verdict.estimated_send_seconds)]))}
                </p>
                <p class="advice">{advice(&n, verdict.ready)}</p>
                <ul class="reasons">
                    {verdict.reasons.iter().map(|r| view! {
                        <li class=match r.severity { Severity::Blocker => "blocker", Severity::Warning => "warning" } data-code=r.code.clone()>
                            {reason_text(r, &n, &campaign)}
                        </li>
                    }).collect_view()}
                </ul>
                {n.health.clone().map(health_view)}
                <dl>
                    {field(t.f_id, Some(n.id.clone()))}
                    {field(t.col_number, Some(n.phone_number.clone()))}
                    {field(t.f_display_name, n.display_name.clone())}
                    {field(t.f_verified_name, n.verified_name.clone())}
                    {field(t.col_waba, n.waba_id.clone())}
                    {field(t.col_status, Some([super::words::status_text(n.status), " (", n.raw_status.as_deref().unwrap_or(n.status.as_str()), ")"].concat()))}
                    {field(t.col_quality, Some([super::words::quality_text(n.quality_rating), " (", n.quality_rating.as_str(), ")"].concat()))}
                    {field(t.f_tier, Some(n.messaging_limit.tier.clone()))}
                    {field(t.col_limit, Some(limit_text(&n)))}
                    {words(t.col_throughput, n.throughput.as_deref())}
                    {words(t.f_code_verification, n.code_verification_status.as_deref())}
                    {field(t.f_platform, n.platform.clone())}
                    {field(t.f_name_status, n.name_status.clone())}
                    {field(t.f_account_mode, n.account_mode.clone())}
                    {field(t.f_created, n.created_at.as_deref().map(|d| date(d, true)))}
                    {field(t.col_updated, n.updated_at.as_deref().map(|d| date(d, true)))}
                    {field(t.f_last_onboarded, n.last_onboarded_at.as_deref().map(|d| date(d, true)))}
                    {field(t.provider, Some(super::dashboard::provider_name(n.provider).to_owned()))}
                </dl>
                <Show when=move || onboarding || watching.get() || !log.with(Vec::is_empty)>
                    <div class="watch">
                        <Show when=move || !watching.get() fallback=move || view! {
                            <button type="button" class="secondary" on:click=move |_| stop()>{move || crate::i18n::t().stop_watching}</button>
                        }>
                            // Once the number has finished onboarding there is
                            // nothing to watch: the log stays, the button goes.
                            {onboarding.then(|| view! {
                                <button type="button" on:click=watch>{move || crate::i18n::t().watch}</button>
                            })}
                        </Show>
                        // The log grows on a change only: without this the
                        // screen looked frozen between two changes.
                        <Show when=move || watching.get()>
                            <p class="watch-note">{move || crate::i18n::t().watching_note}</p>
                        </Show>
                        <ol class="watch-log" aria-live="polite">
                            {move || log.get().into_iter().map(|(at, status, raw)| {
                                let time = js_sys::Date::new(&at.into()).to_locale_time_string(crate::i18n::lang().tag());
                                view! { <li>{[String::from(time), " — ".into(), super::words::status_text(status).into(), " (".into(), raw, ")".into()].concat()}</li> }
                            }).collect_view()}
                        </ol>
                    </div>
                </Show>
                {move || problem.get().map(|e| view! { <Problem error=e /> })}
            </section>
        }
        .into_any()
    }
}
