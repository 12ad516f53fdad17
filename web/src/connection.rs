//! Where the numbers come from: a provider (or proxy) with an optional
//! credential, or the built-in demo account. The credential stays in memory,
//! or in this tab's sessionStorage when the user asks; never in localStorage,
//! never in the URL.

use std::rc::Rc;

use crate::demo::{DemoTransport, DEMO_BASE_URL};
use wa_numbers::{Client, ClientConfig};
use wa_numbers_core::json::{
    missing, optional_string, FromJson, JsonError, Reader, ToJson, Writer,
};
use wa_numbers_core::{Error, Provider};

/// The sessionStorage key of a remembered connection.
const STORAGE_KEY: &str = "wa-numbers.connection";

/// A connection the user chose.
#[derive(Clone, PartialEq)]
pub struct Connection {
    pub provider: Provider,
    pub base_url: String,
    pub api_key: Option<String>,
    /// Meta: the WhatsApp Business Accounts to list (empty for the others).
    pub waba_ids: Vec<String>,
    pub remember: bool,
}

/// Why a base URL typed in the form cannot work from this page, said at the
/// field before any request (the client's own check names `config.baseUrl`,
/// and a URL the page may not reach failed as "could not be reached").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseUrlProblem {
    /// Nothing typed.
    Empty,
    /// Neither `https://` nor `http://` in front (nor a `/path` of this site).
    NoScheme,
    /// `http://` to another computer: the page's Content-Security-Policy
    /// (web/csp.mjs) lets it reach https:// hosts, and http:// only on
    /// localhost and 127.0.0.1 (a local sandbox or proxy).
    PlainHttp,
}

/// The problem with `url` as a base URL typed in the form, if any.
pub fn base_url_problem(url: &str) -> Option<BaseUrlProblem> {
    let url = url.trim();
    if url.is_empty() {
        return Some(BaseUrlProblem::Empty);
    }
    if url.starts_with("https://") || url.starts_with('/') {
        return None;
    }
    let Some(rest) = url.strip_prefix("http://") else {
        return Some(BaseUrlProblem::NoScheme);
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let name = host
        .rsplit_once(':')
        .filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit()))
        .map_or(host, |(name, _)| name);
    if name.eq_ignore_ascii_case("localhost") || name == "127.0.0.1" {
        None
    } else {
        Some(BaseUrlProblem::PlainHttp)
    }
}

/// WABA ids as typed: separated by commas, spaces or new lines.
pub fn split_waba_ids(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .collect()
}

impl ToJson for Connection {
    fn write_json(&self, w: &mut Writer) {
        w.object(|f| {
            f.string("provider", self.provider.as_str());
            f.string("baseUrl", &self.base_url);
            f.opt_string("apiKey", self.api_key.as_deref());
            f.value("wabaIds", &self.waba_ids);
            f.boolean("remember", self.remember);
        });
    }
}

impl FromJson for Connection {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        let (mut provider, mut base_url, mut api_key, mut remember) = (None, None, None, false);
        let mut waba_ids = Vec::new();
        r.object(|r, key| {
            match key {
                "provider" => provider = Some(Provider::read_json(r)?),
                "baseUrl" => base_url = Some(r.string()?.into_owned()),
                "apiKey" => api_key = optional_string(r)?,
                "wabaIds" => waba_ids = Vec::<String>::read_json(r)?,
                "remember" => remember = r.boolean()?,
                _ => r.skip()?,
            }
            Ok(())
        })?;
        Ok(Connection {
            provider: provider.ok_or_else(|| missing("provider"))?,
            base_url: base_url.ok_or_else(|| missing("baseUrl"))?,
            api_key,
            waba_ids,
            remember,
        })
    }
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("provider", &self.provider)
            .field("base_url", &self.base_url)
            .field("api_key", &self.api_key.as_ref().map(|_| "[redacted]"))
            .field("waba_ids", &self.waba_ids)
            .finish()
    }
}

impl Connection {
    /// The built-in demo account (no network).
    pub fn demo() -> Connection {
        Connection {
            provider: Provider::Antgst,
            base_url: DEMO_BASE_URL.to_owned(),
            api_key: None,
            waba_ids: Vec::new(),
            remember: false,
        }
    }

    /// Whether this is the demo account.
    pub fn is_demo(&self) -> bool {
        self.base_url == DEMO_BASE_URL
    }

    /// What a shared link carries of this connection, as the connect form
    /// reads it back (`?provider=…&base=…&wabas=…`): never the key (and the
    /// base URL holds none: `Client` refuses one with `user:password@`).
    pub fn link_params(&self) -> Vec<(&'static str, String)> {
        let mut params = vec![
            ("provider", self.provider.as_str().to_owned()),
            ("base", self.base_url.clone()),
        ];
        if !self.waba_ids.is_empty() {
            params.push(("wabas", self.waba_ids.join(",")));
        }
        params
    }

    /// A client for this connection.
    pub fn client(&self) -> Result<Client, Error> {
        let config = ClientConfig {
            provider: self.provider,
            base_url: self.base_url.clone(),
            api_key: self.api_key.clone().filter(|k| !k.trim().is_empty()),
            waba_id: (!self.waba_ids.is_empty()).then(|| self.waba_ids.clone()),
            timeout_ms: None,
            retries: None,
            concurrency: None,
            requests_per_minute: None,
            requests_per_second: None,
        };
        if self.is_demo() {
            Client::with_transport(config, Rc::new(DemoTransport::new()))
        } else {
            Client::new(config)
        }
    }

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.session_storage().ok()?
    }

    /// Keeps the connection in this tab when asked to, and forgets it otherwise.
    pub fn store(&self) {
        if let Some(storage) = Self::storage() {
            let _ = if self.remember {
                storage.set_item(STORAGE_KEY, &self.to_json())
            } else {
                storage.remove_item(STORAGE_KEY)
            };
        }
    }

    /// The connection remembered in this tab, if any.
    pub fn remembered() -> Option<Connection> {
        let text = Self::storage()?.get_item(STORAGE_KEY).ok()??;
        Connection::from_json(&text).ok()
    }

    /// Forgets the remembered connection.
    pub fn forget() {
        if let Some(storage) = Self::storage() {
            let _ = storage.remove_item(STORAGE_KEY);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{base_url_problem, BaseUrlProblem::*};

    /// What the page's CSP lets it reach passes; anything else is said at
    /// the field: no scheme, another scheme, http:// to another computer.
    #[wasm_bindgen_test::wasm_bindgen_test]
    fn base_urls_the_page_cannot_reach_are_named() {
        for ok in [
            "https://wa.antgst.com",
            " https://graph.facebook.com/v24.0 ",
            "/provider",
            "http://127.0.0.1:18181/s/x",
            "http://localhost",
            "http://LOCALHOST:8080/",
            "http://user@127.0.0.1:9",
        ] {
            assert_eq!(base_url_problem(ok), None, "{ok}");
        }
        for (url, problem) in [
            ("", Empty),
            ("   ", Empty),
            ("127.0.0.1:18710", NoScheme),
            ("wa.antgst.com", NoScheme),
            ("ftp://wa.antgst.com", NoScheme),
            ("HTTPS//x", NoScheme),
            ("http://example.com", PlainHttp),
            ("http://127.0.0.1.example.com/", PlainHttp),
            ("http://localhost@example.com/", PlainHttp),
            ("http://example.com:80/", PlainHttp),
        ] {
            assert_eq!(base_url_problem(url), Some(problem), "{url}");
        }
    }
}
