//! The app: a connect screen, or the dashboard of a connection.

use leptos::prelude::*;

use super::connect::Connect;
use super::dashboard::Dashboard;
use crate::route::ViewState;
use crate::Connection;

fn location_search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// Writes the view into the address bar without adding history entries.
fn replace_query(query: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let path = window.location().pathname().unwrap_or_default();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{query}")),
        );
    }
}

/// The whole app. `embedded` is set when a host page mounts it with a fixed
/// connection: then it leaves the host's address bar alone.
#[component]
pub fn App(embedded: Option<(Connection, web_sys::HtmlElement)>) -> impl IntoView {
    let use_url = embedded.is_none();
    let initial = if use_url {
        ViewState::from_query(&location_search())
    } else {
        ViewState::default()
    };
    let (fixed, host) = match embedded {
        Some((c, h)) => (Some(c), Some(h)),
        None => (None, None),
    };
    let is_embedded = fixed.is_some();
    let start = fixed.or_else(|| {
        if initial.demo {
            Some(Connection::demo())
        } else {
            Connection::remembered()
        }
    });
    let connection = RwSignal::new(start);
    let view = RwSignal::new(initial);
    if use_url {
        Effect::new(move |_| {
            let mut v = view.get();
            v.demo = connection.with(|c| c.as_ref().is_some_and(Connection::is_demo));
            replace_query(&v.to_query());
        });
    }
    let host = StoredValue::new_local(host);
    // What the form is filled with after Disconnect: everything but the key,
    // so a mistyped key is fixed without retyping the rest.
    let previous = StoredValue::new(None::<Connection>);
    let disconnect = move |_| {
        Connection::forget();
        previous.set_value(
            connection
                .get_untracked()
                .filter(|c| !c.is_demo())
                .map(|c| Connection {
                    api_key: None,
                    remember: false,
                    ..c
                }),
        );
        connection.set(None);
        view.set(ViewState::default());
    };
    view! {
        <div class="wa-numbers">
            <header class="top">
                <h1>"WhatsApp Business numbers"</h1>
                <Show when=move || !is_embedded && connection.with(Option::is_some)>
                    <button type="button" class="secondary" on:click=disconnect>"Disconnect"</button>
                </Show>
            </header>
            {move || match connection.get() {
                None => view! { <Connect previous=previous.get_value() on_connect=move |c: Connection| connection.set(Some(c)) /> }.into_any(),
                Some(c) => view! { <Dashboard connection=c view=view host=host /> }.into_any(),
            }}
        </div>
    }
}
