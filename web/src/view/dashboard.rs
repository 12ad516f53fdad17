//! A connected dashboard: loads every number (with progress), then shows the
//! summary, filters, table, detail and campaign plan.

use leptos::prelude::*;
use std::sync::Arc;

use super::campaign::CampaignPanel;
use super::detail::Detail;
use super::filters::Filters;
use super::load_status::{LoadStatus, PartialNote};
use super::loading::{start, Load};
use super::problem::Problem;
use super::summary::SummaryPanel;
use super::table::NumbersTable;
use super::Ui;
use crate::i18n::{fill, t, tr};
use crate::recent::RecentFilters;
use crate::route::ViewState;
use crate::state::{extend_order, RowFacts, RowFilter, SearchIndex, SortedOrder};
use crate::Connection;
use wa_numbers_core::{Error, Progress};

/// A provider as its users call it.
pub fn provider_name(provider: wa_numbers_core::Provider) -> &'static str {
    match provider {
        wa_numbers_core::Provider::Antgst => "AntGst",
        wa_numbers_core::Provider::Lora => "Agile Telecom LORA",
        wa_numbers_core::Provider::Meta => "Meta (WhatsApp Cloud API)",
    }
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
    // While the list grows, the rows already sorted are merged with the new ones.
    let order = Memo::new_owning(move |previous: Option<SortedOrder>| {
        let (key, descending) = sort.get();
        let kept = previous.filter(|p| p.key == key && p.descending == descending);
        let rows = numbers.with(|ns| {
            let before = kept.as_ref().map(|p| p.rows.as_slice()).unwrap_or_default();
            extend_order(before, ns, key, descending)
        });
        (
            SortedOrder {
                key,
                descending,
                rows: Arc::new(rows),
            },
            true,
        )
    });
    let index = Memo::new_owning(move |previous: Option<SearchIndex>| {
        (numbers.with(|ns| SearchIndex::update(previous, ns)), true)
    });
    let facts = Memo::new_owning(move |previous: Option<RowFacts>| {
        (numbers.with(|ns| RowFacts::update(previous, ns)), true)
    });
    let filter = Memo::new(move |_| view.with(RowFilter::of));
    let recent = StoredValue::new(RecentFilters::default());
    let rows = Memo::new(move |_| {
        order.with(|o| {
            facts.with(|fs| {
                index.with(|ix| {
                    filter.with(|f| {
                        recent
                            .try_update_value(|r| r.rows(fs, ix, &o.rows, f))
                            .unwrap_or_default()
                    })
                })
            })
        })
    });
    let settled_rows = RwSignal::new(Arc::new(Vec::new()));
    Effect::new(move |_| {
        let latest = rows.get();
        request_animation_frame(move || settled_rows.set(latest));
    });
    let ui = Ui {
        numbers,
        facts,
        view,
        rows,
        settled_rows,
        client: StoredValue::new_local(client),
        host,
        load: RwSignal::new(Load::Loading(Progress::default())),
    };
    let controller = StoredValue::new_local(None::<web_sys::AbortController>);
    start(ui, controller, false);
    on_cleanup(move || {
        if let Some(c) = controller.get_value() {
            c.abort();
        }
    });
    provide_context(ui);

    let is_demo = connection.is_demo();
    let source = move || {
        if is_demo {
            t().demo_source.to_owned()
        } else {
            fill(
                t().source_at,
                &[provider_name(connection.provider), &connection.base_url],
            )
        }
    };
    let failure = move || match ui.load.get() {
        Load::Failed { error, .. } => Err(error),
        _ => Ok(()),
    };
    let reload = move |_| start(ui, controller, false);
    let resume = Callback::new(move |()| start(ui, controller, true));
    // After a failure with nothing loaded there is only the explanation and Reload.
    let anything = move || {
        !matches!(ui.load.get(), Load::Failed { .. }) || ui.numbers.with(|ns| !ns.is_empty())
    };
    view! {
        <section class="dashboard">
            <p class="source">{source}</p>
            <div class="status-line">
                <LoadStatus on_continue=resume />
                <button type="button" class="secondary" on:click=reload>{tr(|t| t.reload)}</button>
            </div>
            <ErrorBoundary fallback=move |errors| {
                view! {
                    {move || errors.get().into_iter().map(|(_, e)| match (*e).downcast_ref::<Error>() {
                        Some(error) => {
                            let midway = ui.numbers.with_untracked(|ns| !ns.is_empty());
                            view! { <Problem error=error.clone() midway /> }.into_any()
                        }
                        None => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                    }).collect_view()}
                }
            }>
                {failure}
            </ErrorBoundary>
            <Show when=anything>
                <PartialNote />
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
