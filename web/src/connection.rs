//! Where the numbers come from: a provider (or proxy) with an optional
//! credential, or the built-in demo account. The credential stays in memory,
//! or in this tab's sessionStorage when the user asks; never in localStorage,
//! never in the URL.

use serde::{Deserialize, Serialize};
use std::rc::Rc;

use crate::demo::{DemoTransport, DEMO_BASE_URL};
use wa_numbers::{Client, ClientConfig};
use wa_numbers_core::{Error, Provider};

/// The sessionStorage key of a remembered connection.
const STORAGE_KEY: &str = "wa-numbers.connection";

/// A connection the user chose.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Connection {
    pub provider: Provider,
    pub base_url: String,
    pub api_key: Option<String>,
    pub remember: bool,
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("provider", &self.provider)
            .field("base_url", &self.base_url)
            .field("api_key", &self.api_key.as_ref().map(|_| "[redacted]"))
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
            remember: false,
        }
    }

    /// Whether this is the demo account.
    pub fn is_demo(&self) -> bool {
        self.base_url == DEMO_BASE_URL
    }

    /// A client for this connection.
    pub fn client(&self) -> Result<Client, Error> {
        let config = ClientConfig {
            provider: self.provider,
            base_url: self.base_url.clone(),
            api_key: self.api_key.clone().filter(|k| !k.trim().is_empty()),
            timeout_ms: None,
            retries: None,
            concurrency: None,
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
            match (self.remember, serde_json::to_string(self)) {
                (true, Ok(text)) => {
                    let _ = storage.set_item(STORAGE_KEY, &text);
                }
                _ => {
                    let _ = storage.remove_item(STORAGE_KEY);
                }
            }
        }
    }

    /// The connection remembered in this tab, if any.
    pub fn remembered() -> Option<Connection> {
        let text = Self::storage()?.get_item(STORAGE_KEY).ok()??;
        serde_json::from_str(&text).ok()
    }

    /// Forgets the remembered connection.
    pub fn forget() {
        if let Some(storage) = Self::storage() {
            let _ = storage.remove_item(STORAGE_KEY);
        }
    }
}
