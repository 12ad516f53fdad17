//! One drawn row of the numbers table. A row is a slot of the rendered window
//! (the window's first row, its second, …) that keeps its elements while the
//! filter or the scroll position changes what it shows: only the cells whose
//! text changes are written, and its listeners are attached once. Rebuilding
//! every row on every keystroke cost more than filtering 100,000 numbers.

use leptos::prelude::*;

use super::focus::{focus_selector, nav_target, reveal_selector};
use super::words::{action_text, name_of, quality_text, status_text};
use super::Ui;
use crate::state::limit_text;
use wa_numbers_core::{evaluate_readiness, Campaign, PhoneNumber};

/// What every row reads from its table.
#[derive(Clone, Copy)]
pub struct RowContext {
    /// The rendered window of the view's rows: first, end, and how many rows.
    pub window: Memo<(usize, usize, usize)>,
    /// The position of the row that holds the table's Tab stop.
    pub focus_at: Memo<usize>,
    /// The position the table's focus is on.
    pub focused: RwSignal<usize>,
    /// Whether the focus is in the table (so it follows redraws).
    pub table_focused: StoredValue<bool>,
    /// The selected number's id.
    pub selected: Memo<Option<String>>,
    /// The campaign the verdict column answers.
    pub campaign: Memo<Campaign>,
    /// Moves the table's focus to a position (scrolling it into the window).
    pub focus_row: Callback<usize>,
}

/// What one row shows, worked out when the number it shows (or the language,
/// or the campaign) changes, not on every keystroke.
#[derive(Debug, Clone, Default, PartialEq)]
struct RowText {
    id: String,
    number: String,
    name: String,
    verified_name: String,
    waba: String,
    status_class: String,
    status: &'static str,
    raw_status: String,
    quality_class: String,
    quality: &'static str,
    limit: String,
    tier: String,
    throughput: String,
    updated: String,
    /// The action's tag, as the npm package names it (`wait_for_onboarding`).
    action: &'static str,
    action_text: &'static str,
}

impl RowText {
    fn of(n: &PhoneNumber, campaign: &Campaign) -> RowText {
        let verdict = evaluate_readiness(n, campaign);
        RowText {
            id: n.id.clone(),
            number: n.phone_number.clone(),
            name: name_of(n),
            verified_name: n.verified_name.clone().unwrap_or_default(),
            waba: n.waba_id.clone().unwrap_or_default(),
            status_class: format!("badge status-{}", n.status.as_str().to_ascii_lowercase()),
            status: status_text(n.status),
            raw_status: n.raw_status.clone().unwrap_or_default(),
            quality_class: format!(
                "quality q-{}",
                n.quality_rating.as_str().to_ascii_lowercase()
            ),
            quality: quality_text(n.quality_rating),
            limit: limit_text(n),
            tier: n.messaging_limit.tier.clone(),
            throughput: n
                .throughput
                .as_deref()
                .map(|c| super::words::code_text(c).into_owned())
                .unwrap_or_default(),
            updated: n
                .updated_at
                .as_deref()
                .map(|d| crate::i18n::date(d, false))
                .unwrap_or_default(),
            action: verdict.action.as_str(),
            action_text: action_text(verdict.action),
        }
    }
}

/// The `slot`-th row of the rendered window.
pub fn table_row(slot: usize, cx: RowContext) -> impl IntoView {
    let ui = expect_context::<Ui>();
    let pos = Memo::new(move |_| cx.window.with(|(first, _, _)| first + slot));
    let number = Memo::new(move |_| {
        let pos = pos.get();
        ui.rows
            .with(|r| r.get(pos).copied())
            .and_then(|i| ui.numbers.with(|ns| ns.get(i).cloned()))
    });
    let text = Memo::new(move |_| {
        let campaign = cx.campaign.get();
        number.with(|n| {
            n.as_ref()
                .map(|n| RowText::of(n, &campaign))
                .unwrap_or_default()
        })
    });
    let is_selected = Memo::new(move |_| {
        cx.selected
            .with(|s| text.with(|r| s.as_deref() == Some(r.id.as_str())))
    });
    let cell = move |field: fn(&RowText) -> &str| move || text.with(|r| field(r).to_owned());
    let select = move || {
        if let Some(n) = number.get_untracked() {
            ui.select(&n);
        }
    };
    view! {
        <tr class="row" class:selected=move || is_selected.get() data-id=cell(|r| &r.id) data-pos=move || pos.get()
            tabindex=move || if pos.get() == cx.focus_at.get() { "0" } else { "-1" }
            aria-selected=move || is_selected.get().to_string()
            on:click=move |_| {
                cx.focused.set(pos.get_untracked());
                select();
                request_animation_frame(|| reveal_selector(".detail"));
            }
            on:focus=move |_| {
                cx.table_focused.set_value(true);
                let pos = pos.get_untracked();
                if cx.focused.get_untracked() != pos { cx.focused.set(pos) }
            }
            on:keydown=move |ev| {
                let pos = pos.get_untracked();
                let target = match ev.key().as_str() {
                    "Enter" | " " => {
                        ev.prevent_default();
                        cx.focused.set(pos);
                        select();
                        // Focus follows the choice to the detail panel.
                        cx.table_focused.set_value(false);
                        request_animation_frame(|| focus_selector("#detail-title"));
                        None
                    }
                    // From the position the table moved to, not this row's: a
                    // key pressed again before focus reached the new row
                    // (focus follows one frame later) must move on from there.
                    key => nav_target(key, cx.focused.get_untracked()),
                };
                if let Some(target) = target {
                    ev.prevent_default();
                    // Handled here: the page-level listener must not move it again.
                    ev.stop_propagation();
                    cx.focus_row.run(target);
                }
            }>
            <td class="number" translate="no">{cell(|r| &r.number)}</td>
            <td class="name" translate="no" title=cell(|r| &r.verified_name)>{cell(|r| &r.name)}</td>
            <td class="waba" translate="no">{cell(|r| &r.waba)}</td>
            <td><span class=cell(|r| &r.status_class) title=cell(|r| &r.raw_status)>{move || text.with(|r| r.status)}</span></td>
            <td><span class=cell(|r| &r.quality_class)>{move || text.with(|r| r.quality)}</span></td>
            <td class="limit" title=cell(|r| &r.tier)>{cell(|r| &r.limit)}</td>
            <td>{cell(|r| &r.throughput)}</td>
            <td class="updated">{cell(|r| &r.updated)}</td>
            // Cut short in a narrow column: the whole words on hover.
            <td class="verdict" data-action=cell(|r| r.action)><span title=move || text.with(|r| r.action_text)>{move || text.with(|r| r.action_text)}</span></td>
        </tr>
    }
}
