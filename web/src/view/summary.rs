//! Summary counts and small SVG charts: numbers by status and by quality, daily
//! capacity by WABA.

use leptos::prelude::*;

use super::words::{quality_text, status_text};
use super::Ui;
use crate::i18n::{num, t};
use crate::state::{summarize, SHARED_UNLIMITED};
use wa_numbers_core::LimitScope;

/// One horizontal bar chart; values are scaled to the largest.
#[component]
fn Bars(
    title: &'static str,
    bars: Vec<(String, u64, String)>,
    /// The labels are data (codes, WABA ids), not words to translate.
    #[prop(optional)]
    data_labels: bool,
) -> impl IntoView {
    // Whole SVG units: integers print without the float formatter (≈15 KB of wasm).
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    // The longest bar leaves room for the longest value after it: 12 px
    // digits are about 7 units wide, and a WABA's "27,105,250 + 120 ∞" ran
    // past the 380 units of the chart at the full 150.
    let longest_text = bars.iter().map(|b| b.2.chars().count()).max().unwrap_or(0);
    let room = u64::try_from(380usize.saturating_sub(114 + longest_text * 7 + 4))
        .unwrap_or(0)
        .clamp(40, 150);
    let height = bars.len() * 22;
    let label = format!(
        "{title}: {}",
        bars.iter()
            .map(|b| format!("{} {}", b.0, b.2))
            .collect::<Vec<_>>()
            .join(", ")
    );
    view! {
        <figure class="chart">
            <figcaption>{title}</figcaption>
            // An empty viewBox would draw a blank 150 px box: say so instead.
            {bars.is_empty().then(|| view! { <p class="chart-empty">{crate::i18n::t().no_capacity}</p> })}
            <svg viewBox=format!("0 0 380 {height}") role="img" aria-label=label width="100%"
                style:display=if height == 0 { "none" } else { "block" }>
                {bars.into_iter().enumerate().map(|(i, (name, value, text))| {
                    let y = i as u64 * 22;
                    let scaled = u64::try_from(u128::from(value) * u128::from(room) / u128::from(max)).unwrap_or(room);
                    let w = scaled.max(if value > 0 { 2 } else { 0 });
                    view! {
                        <g class="bar">
                            <text x="0" y=y + 15 class="axis" translate=data_labels.then_some("no")>{name}</text>
                            <rect x="110" y=y + 3 width=w height="16" rx="2"></rect>
                            <text x=114 + w y=y + 15 class="value">{text}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
        </figure>
    }
}

/// Counts and charts over the rows the view shows.
#[component]
pub fn SummaryPanel() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let scope = Memo::new(move |_| ui.view.with(|v| v.limit_scope));
    let summary = Memo::new(move |_| {
        let scope = scope.get();
        ui.facts
            .with(|fs| ui.settled_rows.with(|rows| summarize(fs, rows, scope)))
    });
    move || {
        let s = summary.get();
        let status: Vec<_> = s
            .by_status
            .iter()
            .map(|(k, n)| (status_text(*k).to_owned(), *n as u64, num(*n as u64)))
            .collect();
        let quality: Vec<_> = s
            .by_quality
            .iter()
            .map(|(k, n)| (quality_text(*k).to_owned(), *n as u64, num(*n as u64)))
            .collect();
        // The bar of a WABA with no limit is as long as the longest finite one.
        let top = s
            .capacity_by_waba
            .iter()
            .map(|e| e.1)
            .filter(|&c| c != SHARED_UNLIMITED)
            .max()
            .unwrap_or(1)
            .max(1);
        let capacity: Vec<_> = s
            .capacity_by_waba
            .iter()
            .take(8)
            .map(|(w, c, unlimited)| {
                // Short enough for the chart's label column at any width.
                // A WABA whose numbers share one limit has no limit when one of
                // them has none (as the plan counts it): a full bar.
                let (bar, text) = if *c == SHARED_UNLIMITED {
                    (top, "∞".to_owned())
                } else if *unlimited > 0 {
                    (
                        *c,
                        [num(*c), " + ".into(), num(*unlimited as u64), " ∞".into()].concat(),
                    )
                } else {
                    (*c, num(*c))
                };
                let short = if w.is_empty() {
                    t().no_waba.to_owned()
                } else if w.chars().count() > 14 {
                    format!("{}…", w.chars().take(13).collect::<String>())
                } else {
                    w.clone()
                };
                (short, bar, text)
            })
            .collect();
        view! {
            <section class="summary" aria-label=t().summary>
                <Bars title=t().by_status bars=status />
                <Bars title=t().by_quality bars=quality />
                <Bars title=if scope.get() == LimitScope::Waba { t().by_waba_shared } else { t().by_waba } bars=capacity data_labels=true />
            </section>
        }
    }
}
