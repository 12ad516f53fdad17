//! Choosing where the numbers come from.

use leptos::prelude::*;

use super::dashboard::provider_name;
use super::problem::Problem;
use crate::connection::{base_url_problem, split_waba_ids, BaseUrlProblem};
use crate::i18n::{t, tr};
use crate::Connection;
use wa_numbers_core::provider::meta::DEFAULT_BASE_URL as META_BASE_URL;
use wa_numbers_core::Provider;

/// The connect form: provider, base URL, credential, "remember in this tab";
/// or the demo account.
#[component]
pub fn Connect(
    on_connect: impl Fn(Connection) + Clone + Send + Sync + 'static,
    /// The connection just left (without its key), to fill the form in again.
    #[prop(default = None)]
    previous: Option<Connection>,
) -> impl IntoView {
    // `?provider=antgst&base=…` fills the form in (`cargo xtask serve --sandbox`),
    // and `&wabas=…` Meta's WABA ids: not `waba`, which is the view's WABA
    // filter (one WABA) and would hide every number of a list of them.
    // A credential is never read from the URL.
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let param = |name: &str| {
        web_sys::UrlSearchParams::new_with_str(&search)
            .ok()
            .and_then(|p| p.get(name))
    };
    let provider = RwSignal::new(
        previous
            .as_ref()
            .map(|c| c.provider)
            .or_else(|| param("provider").and_then(|p| Provider::parse(&p).ok()))
            .unwrap_or(Provider::Lora),
    );
    let base_url = RwSignal::new(
        previous
            .as_ref()
            .map(|c| c.base_url.clone())
            .or_else(|| param("base"))
            .unwrap_or_else(|| {
                if provider.get_untracked() == Provider::Meta {
                    META_BASE_URL.to_owned()
                } else {
                    String::new()
                }
            }),
    );
    let wabas = RwSignal::new(
        previous
            .as_ref()
            .filter(|c| !c.waba_ids.is_empty())
            .map(|c| c.waba_ids.join(", "))
            .or_else(|| param("wabas"))
            .unwrap_or_default(),
    );
    let api_key = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    let problem = RwSignal::new(None::<wa_numbers_core::Error>);
    let url_problem = RwSignal::new(None::<BaseUrlProblem>);
    let connect = on_connect.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // Said at the field, in the page's language, before any request.
        if let Some(p) = base_url_problem(&base_url.get_untracked()) {
            url_problem.set(Some(p));
            problem.set(None);
            // By selector, as the table focuses its rows: a NodeRef of an
            // input was 0.8 KB of wasm of its own.
            super::focus::focus_selector("#base-url");
            return;
        }
        let key = api_key.get_untracked();
        let c = Connection {
            provider: provider.get_untracked(),
            base_url: base_url.get_untracked().trim().to_owned(),
            api_key: (!key.trim().is_empty()).then_some(key),
            waba_ids: if provider.get_untracked() == Provider::Meta {
                split_waba_ids(&wabas.get_untracked())
            } else {
                Vec::new()
            },
            remember: remember.get_untracked(),
        };
        let checked = if c.provider == Provider::Meta && c.waba_ids.is_empty() {
            Err(wa_numbers_core::Error::invalid_input(
                "wabaId",
                t().waba_ids_missing,
            ))
        } else {
            c.client().map(|_| ())
        };
        match checked {
            Ok(()) => {
                problem.set(None);
                c.store();
                connect(c);
            }
            Err(e) => problem.set(Some(e)),
        }
    };
    let demo = move |_| on_connect(Connection::demo());
    view! {
        <section class="connect" aria-labelledby="connect-title">
            <h2 id="connect-title">{tr(|t| t.connect_title)}</h2>
            <form on:submit=submit>
                <label for="provider">{tr(|t| t.provider)}</label>
                <select id="provider" on:change=move |ev| {
                    let chosen = Provider::parse(&event_target_value(&ev)).unwrap_or(Provider::Lora);
                    // The Graph URL is the one default worth filling in; it
                    // goes away again when another provider is chosen.
                    let url = base_url.get_untracked();
                    if chosen == Provider::Meta && url.trim().is_empty() {
                        base_url.set(META_BASE_URL.to_owned());
                    } else if chosen != Provider::Meta && url == META_BASE_URL {
                        base_url.set(String::new());
                    }
                    provider.set(chosen);
                }>
                    // Providers' names are names: the same in every language.
                    {[Provider::Lora, Provider::Antgst, Provider::Meta].into_iter().map(|p| view! {
                        <option value=p.as_str() translate="no" selected=move || provider.get() == p>{provider_name(p)}</option>
                    }).collect_view()}
                </select>
                <label for="base-url">{tr(|t| t.base_url)}</label>
                // Text, not type=url: the browser's own check would speak the
                // browser's language, not the page's, and know nothing of the CSP.
                <input id="base-url" type="text" inputmode="url" spellcheck="false" autocomplete="url" translate="no"
                    placeholder="https://lora-api.agiletelecom.com"
                    aria-describedby="base-url-problem"
                    aria-invalid=move || url_problem.get().is_some().to_string()
                    prop:value=base_url on:input=move |ev| {
                        url_problem.set(None);
                        base_url.set(event_target_value(&ev));
                    } />
                <p id="base-url-problem" class="field-problem" role="alert">{move || url_problem.get().map(|p| {
                    let t = t();
                    match p {
                        BaseUrlProblem::Empty => t.base_url_empty,
                        BaseUrlProblem::NoScheme => t.base_url_scheme,
                        BaseUrlProblem::PlainHttp => t.base_url_http,
                    }
                })}</p>
                <Show when=move || provider.get() == Provider::Meta>
                    <label for="waba-ids">{tr(|t| t.waba_ids)}</label>
                    <input id="waba-ids" type="text" required=true spellcheck="false" autocomplete="off"
                        placeholder="102290129340398"
                        prop:value=wabas on:input=move |ev| wabas.set(event_target_value(&ev)) />
                </Show>
                <label for="api-key">{tr(|t| t.api_key)}</label>
                <input id="api-key" type="password" autocomplete="off" spellcheck="false"
                    prop:value=api_key on:input=move |ev| api_key.set(event_target_value(&ev)) />
                <label class="check">
                    <input id="remember" type="checkbox" prop:checked=remember
                        on:change=move |ev| remember.set(event_target_checked(&ev)) />
                    {tr(|t| t.remember)}
                </label>
                <div class="actions">
                    <button type="submit">{tr(|t| t.connect)}</button>
                    <button type="button" class="secondary" on:click=demo>{tr(|t| t.use_demo)}</button>
                </div>
            </form>
            {move || problem.get().map(|e| view! { <Problem error=e /> })}
        </section>
    }
}
