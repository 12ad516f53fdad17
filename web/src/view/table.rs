//! The numbers table. Only the rows on screen are in the DOM (plus a margin),
//! so 25,000 numbers scroll and filter as smoothly as 25.

use leptos::prelude::*;

use super::focus::{active_element, focus_moved_away, focus_selector, nav_target};
use super::row::{table_row, RowContext};
use super::Ui;
use crate::i18n::{t, tr};
use crate::route::SortKey;

/// Every row is exactly this tall (CSS keeps it so); the scroll maths rely on it.
pub const ROW_HEIGHT: f64 = 36.0;
/// Rows rendered above and below the visible ones: enough for a wheel step,
/// few enough that a keystroke redraws and lays out little more than the view.
const OVERSCAN: usize = 6;

/// The table of the view's rows, sortable by every column.
#[component]
pub fn NumbersTable() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let view = ui.view;
    let campaign = ui.campaign();
    let scroller = NodeRef::<leptos::html::Div>::new();
    let viewport = RwSignal::new((0.0f64, 600.0f64));
    let on_scroll = move |_| {
        if let Some(el) = scroller.get() {
            viewport.set((f64::from(el.scroll_top()), f64::from(el.client_height())));
        }
    };
    // One Tab stop for the whole table (roving tabindex): arrows move it.
    let focused = RwSignal::new(0usize);
    let focus_row = move |pos: usize| {
        let len = ui.rows.with(|r| r.len());
        if len == 0 {
            return;
        }
        let pos = pos.min(len - 1);
        focused.set(pos);
        // Bring the row into the rendered window, then focus it once drawn.
        if let Some(el) = scroller.get() {
            let top = pos as f64 * ROW_HEIGHT;
            let (scroll, height) = (f64::from(el.scroll_top()), f64::from(el.client_height()));
            // The sticky header covers the first row's height.
            if top < scroll {
                el.set_scroll_top(top as i32);
            } else if top + 2.0 * ROW_HEIGHT > scroll + height {
                el.set_scroll_top((top + 2.0 * ROW_HEIGHT - height) as i32);
            }
            viewport.set((f64::from(el.scroll_top()), f64::from(el.client_height())));
        }
        // Only while it is still the row to focus: a key pressed again
        // before this frame moved on, and focusing this row now would set
        // the table's position back to it (the row's focus handler does),
        // so the next key would start from here and one press was lost.
        // Nor once focus has moved on to something else (a Tab pressed
        // before this frame): the row would take it back.
        let before = active_element();
        request_animation_frame(move || {
            if focused.get_untracked() == pos && !focus_moved_away(before.as_ref()) {
                focus_selector(&format!(".numbers tr[data-pos='{pos}']"));
            }
        });
    };
    // Rows are redrawn as the window moves; a redrawn row is a new element,
    // so focus is put back on the focused row whenever the table had it.
    let table_focused = StoredValue::new(false);
    Effect::new(move |_| {
        ui.rows.track();
        viewport.track();
        focused.track();
        if table_focused.get_value() {
            request_animation_frame(move || {
                // Focus left the table between this redraw and this frame.
                if !table_focused.get_value() {
                    return;
                }
                let pos = focused.get_untracked();
                let selector = format!(".numbers tr[data-pos='{pos}']");
                let active_is_row =
                    active_element().is_some_and(|e| e.matches(&selector).unwrap_or(false));
                if !active_is_row {
                    focus_selector(&selector);
                }
            });
        }
    });
    // A key pressed in the instant between a redraw (which replaces the focused
    // row) and the refocus lands on the page itself: it still moves the table.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let on_page = active_element().is_none_or(|e| e.tag_name().eq_ignore_ascii_case("body"));
        if table_focused.get_value() && on_page {
            if let Some(target) = nav_target(&ev.key(), focused.get_untracked()) {
                ev.prevent_default();
                focus_row(target);
            }
        }
    });
    on_cleanup(move || keys.remove());
    let window = Memo::new(move |_| {
        let (top, height) = viewport.get();
        let len = ui.rows.with(|r| r.len());
        let first = ((top / ROW_HEIGHT) as usize)
            .saturating_sub(OVERSCAN)
            .min(len);
        let last = (first + (height / ROW_HEIGHT).ceil() as usize + 2 * OVERSCAN).min(len);
        (first, last, len)
    });
    // The headings follow the sort alone, not every keystroke in the view.
    let sort = Memo::new(move |_| view.with(|v| (v.sort, v.descending)));
    let selected = Memo::new(move |_| view.with(|v| v.selected.clone()));
    let header = move |key: SortKey| {
        let sorted = move || sort.with(|(k, _)| *k == key);
        let aria = move || match (sorted(), sort.with(|(_, descending)| *descending)) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        };
        let click = move |_| {
            view.update(|v| {
                if v.sort == key {
                    v.descending = !v.descending;
                } else {
                    v.sort = key;
                    v.descending = false;
                }
            })
        };
        view! {
            <th scope="col" aria-sort=aria>
                <button type="button" class="sort" on:click=click>{move || key.label(t())}</button>
            </th>
        }
    };
    let slots = Memo::new(move |_| window.with(|(first, last, _)| last - first));
    let focus_at = Memo::new(move |_| {
        let (first, last, len) = window.get();
        // The row that holds the Tab stop: the focused one if drawn, else the first drawn.
        let f = focused.get().min(len.saturating_sub(1));
        if (first..last).contains(&f) {
            f
        } else {
            first
        }
    });
    let row_context = RowContext {
        window,
        focus_at,
        focused,
        table_focused,
        selected,
        campaign,
        focus_row: Callback::new(focus_row),
    };
    let top =
        move || window.with(|(first, _, _)| format!("{}px", *first as u64 * ROW_HEIGHT as u64));
    let bottom = move || {
        window.with(|(_, last, len)| format!("{}px", (len - last) as u64 * ROW_HEIGHT as u64))
    };
    view! {
        <div class="scroller" node_ref=scroller on:scroll=on_scroll tabindex="-1">
            <table class="numbers">
                <caption class="visually-hidden">{tr(|t| t.table_caption)}</caption>
                <thead>
                    <tr>
                        {SortKey::ALL.into_iter().map(header).collect_view()}
                        <th scope="col">{tr(|t| t.col_verdict)}</th>
                    </tr>
                </thead>
                <tbody on:focusout=move |ev: web_sys::FocusEvent| {
                    // Leaving for something outside the rows (a removed row has none).
                    let inside = ev.related_target()
                        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                        .is_some_and(|t| t.closest(".numbers tbody").ok().flatten().is_some());
                    if ev.related_target().is_some() && !inside {
                        table_focused.set_value(false);
                    }
                }>
                    <tr class="spacer" style:height=top aria-hidden="true"></tr>
                    <For each=move || 0..slots.get() key=|slot| *slot let(slot)>
                        {table_row(slot, row_context)}
                    </For>
                    <tr class="spacer" style:height=bottom aria-hidden="true"></tr>
                </tbody>
            </table>
            <Show when=move || ui.rows.with(|r| r.is_empty())>
                <p class="empty">
                    {move || if ui.numbers.with(|ns| ns.is_empty()) {
                        t().empty_list
                    } else {
                        t().no_match
                    }}
                </p>
            </Show>
        </div>
    }
}
