//! The wa-numbers dashboard (Leptos, client-side rendered).
//!
//! For now it shows the built-in demo account (the seed documents' examples)
//! with each number's readiness for a default campaign; the full dashboard
//! (connect, list, filter, detail, campaign plan) builds on these components.

mod demo;
mod numbers_table;

pub use demo::demo_numbers;
pub use numbers_table::NumbersTable;

use leptos::prelude::*;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let numbers = demo_numbers();
    view! {
        <main class="app">
            <h1>"WhatsApp Business numbers"</h1>
            <p class="hint">"Demo data: the examples of the AntGst and LORA API documents."</p>
            <NumbersTable numbers recipients=5_000 />
        </main>
    }
}
