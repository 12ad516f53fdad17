//! One error, explained.

use leptos::prelude::*;

use crate::errors::advise;

/// An error with what it means and what to do.
#[component]
pub fn Problem(error: wa_numbers_core::Error) -> impl IntoView {
    let advice = advise(&error);
    view! {
        <div class="problem" role="alert" data-kind=error.kind().as_str()>
            <p class="title">{advice.title}</p>
            <p class="action">{advice.action}</p>
            <p class="detail">{advice.detail}</p>
        </div>
    }
}
