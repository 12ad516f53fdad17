//! What the page says about the load: how far it is, that a provider asked
//! it to wait, that it stopped (and a button to continue), and over the
//! summary and the plan that their figures are partial.

use leptos::prelude::*;

use super::loading::Load;
use super::Ui;
use crate::i18n::{count, fill, num, t};

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
