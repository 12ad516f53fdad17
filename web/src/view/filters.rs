//! Filters: status, quality, WABA and free text.

use leptos::prelude::*;

use super::words::{quality_text, status_text};
use super::Ui;
use crate::i18n::{fill, num, t, tr};
use crate::state::sorted;
use wa_numbers_core::{QualityRating, Status};

/// The filter bar; every change goes to the URL through the view state.
#[component]
pub fn Filters() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let view = ui.view;
    // Each option follows its own part of the view, not the whole of it: a
    // keystroke in the search box then re-runs none of them (hundreds of
    // WABA options with 100,000 numbers).
    let status = Memo::new(move |_| view.with(|v| v.status));
    let quality = Memo::new(move |_| view.with(|v| v.quality));
    let waba = Memo::new(move |_| view.with(|v| v.waba.clone()));
    let wabas = Memo::new(move |_| {
        ui.numbers.with(|ns| {
            let w: Vec<String> = ns.iter().filter_map(|n| n.waba_id.clone()).collect();
            let mut w = sorted(w, &|a, b| a.cmp(b));
            w.dedup();
            w
        })
    });
    // The chosen WABA is an option even when no number has it (a link's
    // filter from another account, a WABA that left): the select then says
    // why nothing is shown instead of "All".
    let options = Memo::new(move |_| {
        let mut options = wabas.get();
        if let Some(chosen) = waba.get() {
            if let Err(at) = options.binary_search(&chosen) {
                options.insert(at, chosen);
            }
        }
        options
    });
    view! {
        <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
            <label for="filter-text">{tr(|t| t.search)}</label>
            <input id="filter-text" type="search" placeholder=tr(|t| t.search_placeholder)
                prop:value=move || view.with(|v| v.text.clone())
                on:input=move |ev| view.update(|v| v.text = event_target_value(&ev)) />
            <label for="filter-status">{tr(|t| t.status)}</label>
            <select id="filter-status" on:change=move |ev| {
                let value = event_target_value(&ev);
                view.update(|v| v.status = Status::ALL.into_iter().find(|s| s.as_str() == value));
            }>
                <option value="" selected=move || status.with(Option::is_none)>{tr(|t| t.all)}</option>
                {Status::ALL.into_iter().map(|s| view! {
                    <option value=s.as_str() selected=move || status.get() == Some(s)>{move || status_text(s)}</option>
                }).collect_view()}
            </select>
            <label for="filter-quality">{tr(|t| t.quality)}</label>
            <select id="filter-quality" on:change=move |ev| {
                let value = event_target_value(&ev);
                view.update(|v| v.quality = QualityRating::parse(&value));
            }>
                <option value="" selected=move || quality.with(Option::is_none)>{tr(|t| t.all_quality)}</option>
                {QualityRating::ALL.into_iter().map(|q| view! {
                    <option value=q.as_str() selected=move || quality.get() == Some(q)>{move || quality_text(q)}</option>
                }).collect_view()}
            </select>
            <label for="filter-waba">{tr(|t| t.waba)}</label>
            <select id="filter-waba" on:change=move |ev| {
                let value = event_target_value(&ev);
                view.update(|v| v.waba = (!value.is_empty()).then_some(value));
            }>
                <option value="" selected=move || waba.with(Option::is_none)>{tr(|t| t.all)}</option>
                {move || options.get().into_iter().map(|w| {
                    let selected = { let w = w.clone(); move || waba.with(|selected| selected.as_ref() == Some(&w)) };
                    view! { <option value=w.clone() translate="no" selected=selected>{w.clone()}</option> }
                }).collect_view()}
            </select>
            <output class="count" for="filter-text filter-status filter-quality filter-waba" aria-live="polite">
                {move || fill(t().shown, &[&num(ui.rows.with(|r| r.len()) as u64)])}
            </output>
        </form>
    }
}
