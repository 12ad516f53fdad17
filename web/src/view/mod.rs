//! The dashboard's components, one screen part per file.

pub mod app;
pub mod campaign;
pub mod connect;
pub mod dashboard;
pub mod detail;
pub mod filters;
pub mod loading;
pub mod problem;
pub mod row;
pub mod summary;
pub mod table;
pub mod verdict;
pub mod width;

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
}
