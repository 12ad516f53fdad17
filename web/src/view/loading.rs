//! Loading every number. Rows appear page by page as they arrive; a provider
//! that asks to wait slows the load down (and the page says so) but never ends
//! it; a failure keeps what was loaded and offers to continue from there.

use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use wa_numbers_core::hash::FastSet;

use super::Ui;
use crate::i18n::{count, fill, num, t};
use wa_numbers::Pages;
use wa_numbers_core::{Error, ListQuery, PhoneNumber, Progress};

/// Where loading stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    /// Pages are arriving.
    Loading(Progress),
    /// Every page was read.
    Done {
        truncated: bool,
        total_changed: bool,
        total: u64,
        throttled: u32,
    },
    /// A page failed after its retries; what came before stays shown.
    Failed { error: Error, progress: Progress },
}

impl Load {
    /// Loaded so far and the total announced, while the list is incomplete.
    pub fn partial(&self) -> Option<(u64, u64)> {
        match self {
            Load::Loading(p) | Load::Failed { progress: p, .. } => Some((p.loaded, p.total)),
            Load::Done { .. } => None,
        }
    }
}

/// How often the table takes the rows that arrived: each take re-sorts the
/// whole list, so a long load takes them less often.
fn flush_interval_ms(rows: usize) -> f64 {
    if rows < 2_000 {
        250.0
    } else {
        1_000.0
    }
}

/// How often the progress line is redrawn. Pages can arrive a hundred times a
/// second; each redraw is a paint of the page, and at 100,000 numbers
/// (1,134 pages) redrawing on every page kept the main thread busy long
/// enough to slow the load itself.
const PROGRESS_INTERVAL_MS: f64 = 200.0;

/// Starts (or restarts) the load. With `keep`, the rows already shown stay and
/// only new ones are added ("continue loading"); otherwise the list starts empty.
pub fn start(
    ui: Ui,
    controller: StoredValue<Option<web_sys::AbortController>, LocalStorage>,
    keep: bool,
) {
    if let Some(old) = controller.get_value() {
        old.abort();
    }
    let Ok(abort) = web_sys::AbortController::new() else {
        return;
    };
    let signal = abort.signal();
    controller.set_value(Some(abort));
    let known: FastSet<String> = if keep {
        ui.numbers
            .with_untracked(|ns| ns.iter().map(|n| n.id.clone()).collect())
    } else {
        ui.numbers.set(Arc::new(Vec::new()));
        FastSet::default()
    };
    let shown = known.len() as u64;
    ui.load.set(Load::Loading(Progress {
        loaded: shown,
        ..Progress::default()
    }));
    let client = ui.client.get_value();
    let pending = Rc::new(RefCell::new(Vec::<PhoneNumber>::new()));
    let last_flush = Rc::new(Cell::new(0.0));
    let latest = Rc::new(Cell::new(Progress::default()));
    let last_progress = Cell::new(0.0);
    let shown_throttled = Cell::new(0);
    let flush = {
        let pending = pending.clone();
        let last_flush = last_flush.clone();
        move || {
            let rows = std::mem::take(&mut *pending.borrow_mut());
            if !rows.is_empty() {
                ui.numbers.update(|ns| Arc::make_mut(ns).extend(rows));
            }
            last_flush.set(js_sys::Date::now());
        }
    };
    leptos::task::spawn_local(async move {
        let on_page = {
            let (pending, latest, flush, signal) = (
                pending.clone(),
                latest.clone(),
                flush.clone(),
                signal.clone(),
            );
            move |mut rows: Vec<PhoneNumber>, p: Progress| {
                // A page that lands after Reload belongs to the old load.
                if signal.aborted() {
                    return;
                }
                rows.retain(|n| !known.contains(&n.id));
                pending.borrow_mut().append(&mut rows);
                let loaded = ui.numbers.with_untracked(|ns| ns.len()) + pending.borrow().len();
                let progress = Progress {
                    loaded: loaded as u64,
                    total: p.total.max(loaded as u64),
                    ..p
                };
                latest.set(progress);
                let now = js_sys::Date::now();
                let flushed = now - last_flush.get() >= flush_interval_ms(loaded);
                if flushed {
                    flush();
                }
                // A provider asking to wait is said at once, not 200 ms late.
                let newly_throttled = progress.throttled != shown_throttled.get();
                if flushed || newly_throttled || now - last_progress.get() >= PROGRESS_INTERVAL_MS {
                    last_progress.set(now);
                    shown_throttled.set(progress.throttled);
                    // The rows the table has taken, not those still held for
                    // the next take: "800 of 3,004 loaded" over a table and
                    // charts of 700 read as numbers gone missing.
                    let shown = ui.numbers.with_untracked(|ns| ns.len()) as u64;
                    ui.load.set(Load::Loading(Progress {
                        loaded: shown,
                        ..progress
                    }));
                }
            }
        };
        match client
            .list_all_to(&ListQuery::default(), Pages::Given(&on_page), Some(&signal))
            .await
        {
            Ok(all) => {
                flush();
                let total = ui
                    .numbers
                    .with_untracked(|ns| ns.len() as u64)
                    .max(all.total);
                ui.load.set(Load::Done {
                    truncated: all.truncated,
                    total_changed: all.total_changed,
                    total,
                    throttled: all.throttled,
                });
            }
            Err(Error::Aborted { .. }) => {}
            Err(error) => {
                flush();
                let mut progress = latest.get();
                progress.loaded = ui.numbers.with_untracked(|ns| ns.len() as u64);
                ui.load.set(Load::Failed { error, progress });
            }
        }
    });
}

/// What the status line says about the load.
#[component]
pub fn LoadStatus(on_continue: Callback<()>) -> impl IntoView {
    let ui = expect_context::<Ui>();
    move || {
        match ui.load.get() {
        Load::Loading(p) => view! {
            <div class="loading">
                <label for="load-progress">{so_far_or_of(t().loading_so_far, t().loading, p.loaded, p.total)}</label>
                // With no total announced, a bar that does not pretend to know how far it is.
                {if p.total > p.loaded {
                    view! { <progress id="load-progress" max=p.total value=p.loaded></progress> }.into_any()
                } else {
                    view! { <progress id="load-progress"></progress> }.into_any()
                }}
                {(p.throttled > 0).then(|| view! {
                    <p class="throttled" role="status">
                        {fill(t().throttled, &[&times(p.throttled)])}
                    </p>
                })}
            </div>
        }
        .into_any(),
        Load::Done { truncated, total_changed, total, throttled } => view! {
            <p class="loaded">
                {fill(t().loaded, &[&num(total)])}
                {truncated.then(|| [" ", t().truncated].concat())}
                {total_changed.then(|| [" ", t().total_changed].concat())}
                {(throttled > 0).then(|| [" ".to_owned(), fill(t().slowed, &[&times(throttled)])].concat())}
            </p>
        }
        .into_any(),
        Load::Failed { progress, .. } if progress.loaded > 0 => view! {
            <p class="partial-load">
                {so_far_or_of(t().stopped_so_far, t().stopped, progress.loaded, progress.total)}
                " "
                <button type="button" on:click=move |_| on_continue.run(())>{t().continue_loading}</button>
            </p>
        }
        .into_any(),
        Load::Failed { .. } => ().into_any(),
    }
    }
}

/// "{loaded} of {total}" in `of`, or "{loaded} so far" in `so_far` when no
/// total beyond what is loaded was announced (Meta's lists announce none, and
/// "100 of 100" while more pages come would say the load is done).
fn so_far_or_of(so_far: &str, of: &str, loaded: u64, total: u64) -> String {
    if total > loaded {
        fill(of, &[&num(loaded), &num(total)])
    } else {
        fill(so_far, &[&num(loaded)])
    }
}

/// `1 time`, `3 times`.
fn times(n: u32) -> String {
    count(u64::from(n), t().times_one, t().times_many)
}

/// "Partial: N of M" over the summary and the plan until the list is complete.
#[component]
pub fn PartialNote() -> impl IntoView {
    let ui = expect_context::<Ui>();
    move || {
        ui.load.with(Load::partial).map(|(loaded, total)| {
            view! {
                <p class="partial">
                    {so_far_or_of(t().partial_so_far, t().partial, loaded, total)}
                </p>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::so_far_or_of;
    use crate::i18n::Lang;

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn a_load_with_no_total_counts_so_far_and_never_says_n_of_n() {
        let t = Lang::En.texts();
        assert_eq!(
            so_far_or_of(t.loading_so_far, t.loading, 100, 100),
            "Loading numbers: 100 so far"
        );
        assert_eq!(
            so_far_or_of(t.loading_so_far, t.loading, 100, 2500),
            "Loading numbers: 100 of 2,500"
        );
        assert_eq!(
            so_far_or_of(t.partial_so_far, t.partial, 0, 0),
            "Partial: 0 numbers loaded so far."
        );
    }
}
