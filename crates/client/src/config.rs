//! How a [`Client`](crate::Client) is set up, and the credential it carries.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::error::Error;
use crate::limiter::RateLimit;
use wa_numbers_core::json::{
    missing, optional_string, optional_unsigned, unknown_field, FromJson, JsonError, Reader,
};
use wa_numbers_core::provider::Paging;
use wa_numbers_core::query::validate_id;
use wa_numbers_core::text::find;
use wa_numbers_core::Provider;

/// `new Client({ provider, baseUrl, apiKey?, wabaId?, timeoutMs?, retries?, concurrency? })`.
#[derive(Tsify, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClientConfig {
    /// Which dialect the base URL speaks.
    pub provider: Provider,
    /// The provider's base URL, or your own proxy's (`https://…`, `http://…`, or a
    /// path such as `/api` on the page's own origin).
    pub base_url: String,
    /// The credential; leave it out when a proxy adds it server-side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub api_key: Option<String>,
    /// Meta only: the WhatsApp Business Account(s) whose numbers are listed
    /// when a query names none (`listAllPhoneNumbers` merges several).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "string | string[]")]
    pub waba_id: Option<Vec<String>>,
    /// The most one request may take, its retries and waits included: 100 to
    /// 600,000 ms (default 30,000). `listAllPhoneNumbers` (and AntGst's
    /// `getPhoneNumber`, which looks through the list) send many: bound those
    /// with `signal: AbortSignal.timeout(ms)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub timeout_ms: Option<u32>,
    /// Retries of a GET after a network error or 5xx (default 3, at most 10). A
    /// provider that asks to wait (429) is waited out until `timeoutMs` instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub retries: Option<u32>,
    /// Requests per minute this client (with every other one of the same key in
    /// this thread) stays under: default the provider's documented limit (LORA
    /// 1,000; a LORA trial key has 100); 0 for none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub requests_per_minute: Option<u32>,
    /// Requests per second it stays under: default the documented burst (LORA 50); 0 for none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub requests_per_second: Option<u32>,
    /// Pages read at once by `listAllPhoneNumbers` (default 4, 1..=16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub concurrency: Option<u32>,
}

impl FromJson for ClientConfig {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        let (mut provider, mut base_url) = (None, None);
        let mut config = ClientConfig {
            provider: Provider::Antgst,
            base_url: String::new(),
            api_key: None,
            waba_id: None,
            timeout_ms: None,
            retries: None,
            concurrency: None,
            requests_per_minute: None,
            requests_per_second: None,
        };
        let keys = "provider,baseUrl,apiKey,wabaId,timeoutMs,retries,concurrency,requestsPerMinute,requestsPerSecond";
        r.fields(keys, |r, key| {
            let number = match key {
                0 => return Provider::read_json(r).map(|p| provider = Some(p)),
                1 => return String::read_json(r).map(|s| base_url = Some(s)),
                2 => return optional_string(r).map(|k| config.api_key = k),
                3 => return read_waba_ids(r).map(|w| config.waba_id = w),
                4 => &mut config.timeout_ms,
                5 => &mut config.retries,
                6 => &mut config.concurrency,
                7 => &mut config.requests_per_minute,
                8 => &mut config.requests_per_second,
                _ => return Err(unknown_field()),
            };
            *number = optional_unsigned(r, u64::from(u32::MAX))?.map(|n| n as u32);
            Ok(())
        })?;
        config.provider = provider.ok_or_else(|| missing("provider"))?;
        config.base_url = base_url.ok_or_else(|| missing("baseUrl"))?;
        Ok(config)
    }
}

/// `wabaId`: one id, or an array of ids (`null` as absent).
fn read_waba_ids(r: &mut Reader<'_>) -> Result<Option<Vec<String>>, JsonError> {
    if r.peek() == Some(b'[') {
        let mut ids = Vec::new();
        r.array(|r, _| String::read_json(r).map(|id| ids.push(id)))?;
        return Ok(Some(ids));
    }
    Ok(optional_string(r)?.map(|id| vec![id]))
}

impl std::fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientConfig")
            .field("provider", &self.provider)
            .field("base_url", &self.base_url)
            .field("api_key", &self.api_key.as_ref().map(|_| "[redacted]"))
            .field("waba_id", &self.waba_id)
            .field("timeout_ms", &self.timeout_ms)
            .field("retries", &self.retries)
            .field("concurrency", &self.concurrency)
            .field("requests_per_minute", &self.requests_per_minute)
            .field("requests_per_second", &self.requests_per_second)
            .finish()
    }
}

/// A credential. Its `Debug` never shows it; it is only ever put in a header.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// The credential itself, for the auth header and for redaction.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

/// A validated configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    pub provider: Provider,
    pub base_url: String,
    pub credential: Option<Secret>,
    /// Meta: the WABAs listed when a query names none (checked, in order, no repeats).
    pub waba_ids: Vec<String>,
    pub timeout_ms: u32,
    pub retries: u32,
    pub concurrency: u32,
    /// The rate to stay under, if any.
    pub rate_limit: Option<RateLimit>,
}

impl ClientConfig {
    /// Checks every field; the error names the one that is wrong.
    pub fn validate(self) -> Result<Settings, Error> {
        let base_url = self.base_url.trim().trim_end_matches('/').to_owned();
        let scheme_ok = base_url.starts_with("https://")
            || base_url.starts_with("http://")
            || base_url.starts_with('/');
        if !scheme_ok {
            return Err(Error::invalid_input(
                "config.baseUrl",
                "must start with https://, http:// or / (a path on this site)",
            ));
        }
        if base_url.contains(['?', '#'])
            || base_url
                .chars()
                .any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(Error::invalid_input(
                "config.baseUrl",
                "must be a plain base URL, without query, fragment or spaces",
            ));
        }
        // user:password@host would put a credential in the URL.
        let after_scheme = find(&base_url, "://")
            .and_then(|at| base_url.get(at + 3..))
            .unwrap_or("");
        let authority = after_scheme.split('/').next().unwrap_or("");
        if authority.contains('@') {
            return Err(Error::invalid_input(
                "config.baseUrl",
                "must not contain credentials; use apiKey",
            ));
        }
        let credential = match self.api_key {
            Some(key) if key.trim().is_empty() => {
                return Err(Error::invalid_input(
                    "config.apiKey",
                    "is empty; leave it out when a proxy adds it",
                ))
            }
            Some(key) if key.chars().any(|c| c.is_control()) => {
                return Err(Error::invalid_input(
                    "config.apiKey",
                    "contains control characters",
                ))
            }
            Some(key) => Some(Secret(key.trim().to_owned())),
            None => None,
        };
        let waba_ids = named_waba_ids(
            "config.wabaId",
            self.provider,
            self.waba_id.unwrap_or_default(),
        )?;
        let timeout_ms = self.timeout_ms.unwrap_or(30_000);
        if !(100..=600_000).contains(&timeout_ms) {
            return Err(Error::invalid_input(
                "config.timeoutMs",
                "must be between 100 and 600000",
            ));
        }
        let retries = self.retries.unwrap_or(3);
        if retries > 10 {
            return Err(Error::invalid_input("config.retries", "must be at most 10"));
        }
        let concurrency = self.concurrency.unwrap_or(4);
        if !(1..=16).contains(&concurrency) {
            return Err(Error::invalid_input(
                "config.concurrency",
                "must be between 1 and 16",
            ));
        }
        let documented = self.provider.documented_rate().unwrap_or((0, 0));
        let per_minute = self.requests_per_minute.unwrap_or(documented.0);
        let per_second = self.requests_per_second.unwrap_or(documented.1);
        let rate_limit = (per_minute > 0 || per_second > 0).then_some(RateLimit {
            per_minute,
            per_second,
        });
        Ok(Settings {
            rate_limit,
            provider: self.provider,
            base_url,
            credential,
            waba_ids,
            timeout_ms,
            retries,
            concurrency,
        })
    }
}

/// The most WABAs one client lists (each is read one page at a time).
pub const MAX_WABAS: usize = 100;

/// Checks the WABAs of `listAllPhoneNumbers({ wabaId: [...] })` (errors
/// name `query.wabaId`): Meta only, each id valid, no repeats.
pub fn waba_ids(provider: Provider, ids: Vec<String>) -> Result<Vec<String>, Error> {
    named_waba_ids("query.wabaId", provider, ids)
}

/// Checks WABA ids given as `field` (the client's option or a query's):
/// errors name the field as the JS caller wrote it.
fn named_waba_ids(
    field: &str,
    provider: Provider,
    mut ids: Vec<String>,
) -> Result<Vec<String>, Error> {
    if !ids.is_empty() && provider.paging() != Paging::Cursor {
        return Err(Error::invalid_input(
            field,
            "lists several WABAs, which only Meta's client does; an AntGst list is \
             filtered by one WABA with a string query.wabaId, and LORA's list cannot be \
             filtered by WABA",
        ));
    }
    if ids.len() > MAX_WABAS {
        return Err(Error::invalid_input(field, "at most 100 WABAs"));
    }
    for id in &mut ids {
        validate_id(field, id)?;
        *id = id.trim().to_owned();
    }
    let mut seen = wa_numbers_core::hash::FastSet::default();
    ids.retain(|id| seen.insert(id.clone()));
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(base_url: &str) -> ClientConfig {
        ClientConfig {
            provider: Provider::Lora,
            base_url: base_url.into(),
            api_key: Some("sk-secret".into()),
            waba_id: None,
            timeout_ms: None,
            retries: None,
            concurrency: None,
            requests_per_minute: None,
            requests_per_second: None,
        }
    }

    #[test]
    fn debug_never_shows_the_key() {
        let text = format!(
            "{:?} {:?}",
            config("https://x"),
            config("https://x").validate().unwrap()
        );
        assert!(!text.contains("sk-secret"), "{text}");
    }

    #[test]
    fn base_urls_are_checked() {
        assert!(config("https://lora.example/").validate().is_ok());
        assert!(config("/proxy").validate().is_ok());
        for bad in [
            "ftp://x",
            "lora.example",
            "https://u:p@x",
            "https://x?key=1",
            "https://x y",
        ] {
            assert_eq!(
                config(bad).validate().unwrap_err().field(),
                Some("config.baseUrl"),
                "{bad}"
            );
        }
    }
}
