//! The numbers table. Only the rows on screen are in the DOM (plus a margin),
//! so 25,000 numbers scroll and filter as smoothly as 25.

use leptos::prelude::*;

use super::Ui;
use crate::route::SortKey;
use crate::state::limit_text;
use wa_numbers_core::{evaluate_readiness, Action, PhoneNumber};

/// Every row is exactly this tall (CSS keeps it so); the scroll maths rely on it.
pub const ROW_HEIGHT: f64 = 36.0;
/// Rows rendered above and below the visible ones.
const OVERSCAN: usize = 10;

/// Short words for the verdict column.
pub fn action_text(action: Action) -> &'static str {
    match action {
        Action::Send => "Send",
        Action::WaitForOnboarding => "Wait for onboarding",
        Action::WaitForLimitReset => "Wait for limit reset",
        Action::ContactSupport => "Contact support",
        Action::ChooseAnotherNumber => "Choose another number",
    }
}

impl Ui {
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
    let window = Memo::new(move |_| {
        let (top, height) = viewport.get();
        let len = ui.rows.with(|r| r.len());
        let first = ((top / ROW_HEIGHT) as usize)
            .saturating_sub(OVERSCAN)
            .min(len);
        let last = (first + (height / ROW_HEIGHT).ceil() as usize + 2 * OVERSCAN).min(len);
        (first, last, len)
    });
    let header = move |key: SortKey| {
        let sorted = move || view.with(|v| v.sort == key);
        let aria = move || match (sorted(), view.with(|v| v.descending)) {
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
                <button type="button" class="sort" on:click=click>{key.label()}</button>
            </th>
        }
    };
    let body = move || {
        let (first, last, len) = window.get();
        let campaign = campaign.get();
        let selected = view.with(|v| v.selected.clone());
        let rows: Vec<PhoneNumber> = ui.rows.with(|r| {
            ui.numbers.with(|ns| {
                r.get(first..last)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|&i| ns.get(i).cloned())
                    .collect()
            })
        });
        let top = format!("{}px", first as u64 * ROW_HEIGHT as u64);
        let bottom = format!("{}px", (len - last) as u64 * ROW_HEIGHT as u64);
        view! {
            <tr class="spacer" style:height=top aria-hidden="true"></tr>
            {rows.into_iter().map(|n| {
                let verdict = evaluate_readiness(&n, &campaign);
                let is_selected = selected.as_deref() == Some(n.id.as_str());
                let name = n.display_name.clone().or_else(|| n.verified_name.clone()).unwrap_or_default();
                let pick = n.clone();
                let pick_key = n.clone();
                view! {
                    <tr class="row" class:selected=is_selected data-id=n.id.clone() tabindex="0" aria-selected=is_selected.to_string()
                        on:click=move |_| ui.select(&pick)
                        on:keydown=move |ev| if ev.key() == "Enter" || ev.key() == " " { ev.prevent_default(); ui.select(&pick_key) }>
                        <td class="number">{n.phone_number.clone()}</td>
                        <td class="name" title=n.verified_name.clone().unwrap_or_default()>{name}</td>
                        <td class="waba">{n.waba_id.clone().unwrap_or_default()}</td>
                        <td><span class=format!("badge status-{}", n.status.as_str().to_ascii_lowercase()) title=n.raw_status.clone().unwrap_or_default()>{n.status.as_str()}</span></td>
                        <td><span class=format!("quality q-{}", n.quality_rating.as_str().to_ascii_lowercase())>{n.quality_rating.as_str()}</span></td>
                        <td class="limit" title=n.messaging_limit.tier.clone()>{limit_text(&n)}</td>
                        <td>{n.throughput.clone().unwrap_or_default()}</td>
                        <td class="updated">{n.updated_at.clone().unwrap_or_default().get(..10).map(str::to_owned).unwrap_or_default()}</td>
                        <td class="verdict" data-action=format!("{:?}", verdict.action)>{action_text(verdict.action)}</td>
                    </tr>
                }
            }).collect_view()}
            <tr class="spacer" style:height=bottom aria-hidden="true"></tr>
        }
    };
    view! {
        <div class="scroller" node_ref=scroller on:scroll=on_scroll tabindex="-1">
            <table class="numbers">
                <caption class="visually-hidden">"Phone numbers; select a row for its details"</caption>
                <thead>
                    <tr>
                        {SortKey::ALL.into_iter().map(header).collect_view()}
                        <th scope="col">"Verdict"</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
            <Show when=move || ui.rows.with(|r| r.is_empty())>
                <p class="empty">
                    {move || if ui.numbers.with(|ns| ns.is_empty()) {
                        "No numbers (yet): the list is empty or still loading."
                    } else {
                        "No number matches these filters."
                    }}
                </p>
            </Show>
        </div>
    }
}
