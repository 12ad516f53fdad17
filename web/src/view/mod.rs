//! The dashboard's components, one screen part per file.

pub mod advice;
pub mod app;
pub mod campaign;
pub mod connect;
pub mod dashboard;
pub mod detail;
pub mod exports;
pub mod filters;
pub mod focus;
pub mod load_status;
pub mod loading;
pub mod page;
pub mod plan;
pub mod problem;
pub mod row;
pub mod summary;
pub mod table;
pub mod verdict;
pub mod width;
pub mod words;

use leptos::prelude::*;
use std::sync::Arc;

use crate::facts::RowFacts;
use crate::route::ViewState;
use wa_numbers::Client;
use wa_numbers_core::{Campaign, PhoneNumber};

/// What the parts of a connected dashboard share.
#[derive(Clone, Copy)]
pub struct Ui {
    /// Every number read, in provider order.
    pub numbers: RwSignal<Arc<Vec<PhoneNumber>>>,
    /// What the summary counts and the filters compare, per number of `numbers`.
    pub facts: Memo<RowFacts>,
    /// Filters, sort, selection, campaign.
    pub view: RwSignal<ViewState>,
    /// Indexes into `numbers` that the view shows, in order.
    pub rows: Memo<Arc<Vec<usize>>>,
    /// `rows` one animation frame later: the summary and the plan follow it, so
    /// a keystroke updates the table first and the rest right after.
    pub settled_rows: RwSignal<Arc<Vec<usize>>>,
    /// The client of this connection.
    pub client: StoredValue<Client, LocalStorage>,
    /// The host element when embedded (it receives `wa-numbers:select`).
    pub host: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
    /// Where loading the list stands (partial until it is complete).
    pub load: RwSignal<loading::Load>,
}

impl Ui {
    /// The campaign the view describes.
    pub fn campaign(&self) -> Memo<Campaign> {
        let view = self.view;
        Memo::new(move |_| {
            view.with(|v| Campaign {
                recipients: v.recipients,
                min_quality: v.min_quality,
                limit_scope: v.limit_scope,
            })
        })
    }

    /// Selects a number and tells the host page (when embedded).
    pub fn select(&self, number: &PhoneNumber) {
        self.view.update(|v| v.selected = Some(number.id.clone()));
        if let Some(host) = self.host.get_value() {
            if let Ok(detail) = wa_numbers::convert::to_js_value(number) {
                let init = web_sys::CustomEventInit::new();
                init.set_detail(&detail);
                init.set_bubbles(true);
                if let Ok(event) =
                    web_sys::CustomEvent::new_with_event_init_dict("wa-numbers:select", &init)
                {
                    let _ = host.dispatch_event(&event);
                }
            }
        }
    }
}
