//! One error, explained.

use leptos::prelude::*;

use crate::errors::advise;

/// An error with what it means and what to do; `midway` when it ended a
/// load after numbers had arrived.
#[component]
pub fn Problem(error: wa_numbers_core::Error, #[prop(optional)] midway: bool) -> impl IntoView {
    let kind = error.kind().as_str();
    // Redrawn in the language the user switches to.
    move || {
        let advice = advise(&error, midway);
        view! {
            <div class="problem" role="alert" data-kind=kind>
                <p class="title">{advice.title}</p>
                <p class="action">{advice.action}</p>
                // The client's own words (and the provider's), for whoever fixes it.
                <p class="detail">{crate::i18n::t().technical}<span translate="no">{advice.detail}</span></p>
            </div>
        }
    }
}
