//! Loading every number. Rows appear page by page as they arrive; a provider
//! that asks to wait slows the load down (and the page says so) but never ends
//! it; a failure keeps what was loaded and offers to continue from there.

use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use wa_numbers_core::hash::FastSet;

use super::Ui;
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
