//! A connected dashboard: loads every number (with progress), then shows the
//! summary, filters, table, detail and campaign plan.

use leptos::prelude::*;
use std::sync::Arc;

use super::campaign::CampaignPanel;
use super::detail::Detail;
use super::filters::Filters;
use super::problem::Problem;
use super::summary::SummaryPanel;
use super::table::NumbersTable;
use super::Ui;
use crate::route::ViewState;
use crate::state::{filter_rows, sorted_order, thousands};
use crate::Connection;
use wa_numbers_core::{Error, ListQuery, Progress};

/// Where loading stands.
#[derive(Debug, Clone, PartialEq)]
enum Load {
    Loading(Progress),
    Done {
        truncated: bool,
        total_changed: bool,
        total: u64,
    },
    Failed(Error),
}

/// The dashboard of one connection.
#[component]
pub fn Dashboard(
    connection: Connection,
    view: RwSignal<ViewState>,
    host: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
) -> impl IntoView {
    let client = match connection.client() {
        Ok(client) => client,
        Err(e) => return view! { <Problem error=e /> }.into_any(),
    };
    let numbers = RwSignal::new(Arc::new(Vec::new()));
    // Sorting runs when the sort or the list changes; a keystroke only filters.
    let sort = Memo::new(move |_| view.with(|v| (v.sort, v.descending)));
    let order = Memo::new(move |_| {
        let (key, descending) = sort.get();
        numbers.with(|ns| Arc::new(sorted_order(ns, key, descending)))
    });
    let rows = Memo::new(move |_| {
        order.with(|o| numbers.with(|ns| view.with(|v| Arc::new(filter_rows(ns, o, v)))))
    });
    let settled_rows = RwSignal::new(Arc::new(Vec::new()));
    Effect::new(move |_| {
        let latest = rows.get();
        request_animation_frame(move || settled_rows.set(latest));
    });
    let ui = Ui {
        numbers,
        view,
        rows,
        settled_rows,
        client: StoredValue::new_local(client),
        host,
    };
    let load = RwSignal::new(Load::Loading(Progress {
        loaded: 0,
        total: 0,
        requests: 0,
    }));
    let controller = StoredValue::new_local(None::<web_sys::AbortController>);

    let start = move || {
        if let Some(old) = controller.get_value() {
            old.abort();
        }
        let Ok(abort) = web_sys::AbortController::new() else {
            return;
        };
        let signal = abort.signal();
        controller.set_value(Some(abort));
        load.set(Load::Loading(Progress {
            loaded: 0,
            total: 0,
            requests: 0,
        }));
        let client = ui.client.get_value();
        leptos::task::spawn_local(async move {
            let report = move |p: Progress| load.set(Load::Loading(p));
            match client
                .list_all(&ListQuery::default(), &report, Some(&signal))
                .await
            {
                Ok(all) => {
                    let (truncated, total_changed, total) =
                        (all.truncated, all.total_changed, all.total);
                    numbers.set(Arc::new(all.numbers));
                    load.set(Load::Done {
                        truncated,
                        total_changed,
                        total,
                    });
                }
                Err(Error::Aborted { .. }) => {}
                Err(e) => load.set(Load::Failed(e)),
            }
        });
    };
    start();
    on_cleanup(move || {
        if let Some(c) = controller.get_value() {
            c.abort();
        }
    });
    provide_context(ui);

    let source = if connection.is_demo() {
        "Demo account: the seed documents' numbers and 5,000 generated ones, served in memory."
            .to_owned()
    } else {
        format!(
            "{} at {}",
            connection.provider.as_str(),
            connection.base_url
        )
    };
    let status_line = move || {
        match load.get() {
        Load::Loading(p) => view! {
            <div class="loading">
                <label for="load-progress">{format!("Loading numbers: {} of {}", thousands(p.loaded), thousands(p.total))}</label>
                <progress id="load-progress" max=p.total.max(1) value=p.loaded></progress>
            </div>
        }
        .into_any(),
        Load::Done { truncated, total_changed, total } => view! {
            <p class="loaded">
                {format!("{} numbers loaded.", thousands(total))}
                {truncated.then_some(" Some numbers could not be reached: the provider's paging cut the list.")}
                {total_changed.then_some(" The list changed while it was loading: reload for a consistent view.")}
            </p>
        }
        .into_any(),
        Load::Failed(_) => ().into_any(),
    }
    };
    let failure = move || match load.get() {
        Load::Failed(e) => Err(e),
        _ => Ok(()),
    };
    view! {
        <section class="dashboard">
            <p class="source">{source}</p>
            <div class="status-line">
                {status_line}
                <button type="button" class="secondary" on:click=move |_| start()>"Reload"</button>
            </div>
            <ErrorBoundary fallback=|errors| {
                view! {
                    {move || errors.get().into_iter().map(|(_, e)| match (*e).downcast_ref::<Error>() {
                        Some(error) => view! { <Problem error=error.clone() /> }.into_any(),
                        None => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                    }).collect_view()}
                }
            }>
                {failure}
            </ErrorBoundary>
            // After a failure there is nothing to show but the error and Reload.
            <Show when=move || !matches!(load.get(), Load::Failed(_))>
                <SummaryPanel />
                <Filters />
                <div class="main">
                    <NumbersTable />
                    <aside class="side">
                        <Detail />
                        <CampaignPanel />
                    </aside>
                </div>
            </Show>
        </section>
    }
    .into_any()
}
