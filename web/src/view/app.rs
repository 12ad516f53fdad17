//! The app: a connect screen, or the dashboard of a connection.

use leptos::prelude::*;

use super::connect::Connect;
use super::dashboard::Dashboard;
use super::page::{lang_in_url, location_search, support_in_page, write_query, ADDRESS_BAR_DELAY};
use crate::i18n::{t, tr, Lang, Locale};
use crate::route::ViewState;
use crate::Connection;

/// Who answers for numbers that cannot send, when the host configured it
/// (otherwise the provider's own support is named).
#[derive(Debug, Clone, Default)]
pub struct SupportContact(pub Option<String>);

/// How a host page sets the app up besides its connection.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The language; the browser's preference when `None`.
    pub lang: Option<Lang>,
    /// Who to contact about numbers that cannot send.
    pub support: Option<String>,
}

/// The whole app. `embedded` is set when a host page mounts it with a fixed
/// connection: then it leaves the host's address bar alone.
#[component]
pub fn App(
    embedded: Option<(Connection, web_sys::HtmlElement)>,
    #[prop(default = Settings::default())] settings: Settings,
) -> impl IntoView {
    let use_url = embedded.is_none();
    let search = if use_url {
        location_search()
    } else {
        String::new()
    };
    let initial = ViewState::from_query(&search);
    // Read once: the address bar keeps `?lang=` only when it differs from this.
    let browser_lang = Lang::from_browser();
    let lang = RwSignal::new(
        settings
            .lang
            .or_else(|| lang_in_url(&search))
            .unwrap_or(browser_lang),
    );
    provide_context(Locale(lang));
    provide_context(SupportContact(settings.support.or_else(support_in_page)));
    if use_url {
        // Screen readers and the browser's own translation read the page's language.
        Effect::new(move |_| {
            let tag = lang.get().tag();
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("lang", tag);
            }
            if let Some(d) = web_sys::window().and_then(|w| w.document()) {
                d.set_title(&[t().app_title, " — wa-numbers"].concat());
            }
        });
    }
    let (fixed, host) = match embedded {
        Some((c, h)) => (Some(c), Some(h)),
        None => (None, None),
    };
    let is_embedded = fixed.is_some();
    if !is_embedded {
        provide_context(crate::errors::KeyChangedHere);
    }
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
        // Written once typing pauses, not on every keystroke: a replaceState
        // cost 3.5 ms of a keystroke at 100,000 rows, before the table was
        // drawn, and Chromium ignores it past about 200 calls in 10 s.
        let pending = StoredValue::new_local(None::<TimeoutHandle>);
        // The number the current history entry shows.
        let entry_selected = StoredValue::new(view.with_untracked(|v| v.selected.clone()));
        Effect::new(move |_| {
            let mut v = view.get();
            v.demo = connection.with(|c| c.as_ref().is_some_and(Connection::is_demo));
            v.lang = Some(lang.get()).filter(|l| *l != browser_lang);
            // A link to this view also says where the numbers come from.
            let source = connection.with(|c| {
                c.as_ref()
                    .filter(|c| !c.is_demo())
                    .map(Connection::link_params)
                    .unwrap_or_default()
            });
            let query = v.to_query_after(source);
            if let Some(earlier) = pending.get_value() {
                earlier.clear();
            }
            let selected = v.selected;
            let write = move || {
                // Opening, switching and closing a number are each an entry:
                // Back undoes the last of them. Closing in place of the entry
                // left Back on a view identical to the one shown.
                let moved = entry_selected.with_value(|s| *s != selected);
                write_query(&query, moved);
                entry_selected.set_value(selected);
            };
            pending.set_value(set_timeout_with_handle(write, ADDRESS_BAR_DELAY).ok());
        });
        // Back and Forward: the view of the entry they reach (its filters, its
        // number or none); the connection and the language stay.
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            let reached = ViewState::from_query(&location_search());
            entry_selected.set_value(reached.selected.clone());
            view.set(reached);
        });
        on_cleanup(move || handle.remove());
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
        <div class="wa-numbers" lang=move || lang.get().tag()>
            <header class="top">
                <h1>{tr(|t| t.app_title)}</h1>
                <div class="top-actions">
                    <label class="lang">
                        <span class="visually-hidden">{tr(|t| t.language)}</span>
                        <select id="lang" on:change=move |ev| {
                            if let Some(l) = Lang::parse(&event_target_value(&ev)) {
                                lang.set(l);
                            }
                        }>
                            {Lang::ALL.into_iter().map(|l| view! {
                                <option value=l.tag() lang=l.tag() translate="no" selected=move || lang.get() == l>{l.own_name()}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <Show when=move || !is_embedded && connection.with(Option::is_some)>
                        <button type="button" class="secondary" on:click=disconnect>{move || {
                            // The demo has no connection to end: it is left.
                            let demo = connection.with(|c| c.as_ref().is_some_and(Connection::is_demo));
                            if demo { t().leave_demo } else { t().disconnect }
                        }}</button>
                    </Show>
                </div>
            </header>
            {move || match connection.get() {
                None => view! { <Connect previous=previous.get_value() on_connect=move |c: Connection| connection.set(Some(c)) /> }.into_any(),
                Some(c) => view! { <Dashboard connection=c view=view host=host /> }.into_any(),
            }}
        </div>
    }
}
