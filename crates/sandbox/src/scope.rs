//! Sandbox state: datasets and scopes (faults, clock, request log).

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::faults::FaultRule;
use wa_numbers_core::{demo, PhoneNumber};

/// Settings of one scope; every field can be changed through `/__sandbox/`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ScopeConfig {
    /// Generated numbers on top of the seeds'.
    pub numbers: usize,
    /// Seed of the generated mix.
    pub seed: u64,
    /// The only credential accepted; any non-empty one when absent.
    pub api_key: Option<String>,
    /// Delay added to every provider request.
    pub latency_ms: u64,
    /// After this long, the seed's PENDING number (`waba-num-002`) is ACTIVE.
    pub onboarding_delay_ms: u64,
    /// Adds a number whose names are markup (`<img src=x onerror=…>`), to prove
    /// that clients show names as text.
    pub hostile_names: bool,
    /// Faults to inject.
    #[serde(skip_serializing)]
    pub faults: Vec<FaultRule>,
    /// LORA's documented limit per key (1,000 a minute); Meta's scope is
    /// throttled the same way.
    pub requests_per_minute: u32,
    /// LORA's documented burst per key (50 a second).
    pub burst_per_second: u32,
}

impl Default for ScopeConfig {
    fn default() -> Self {
        ScopeConfig {
            numbers: 0,
            seed: 1,
            api_key: None,
            latency_ms: 0,
            onboarding_delay_ms: 15_000,
            hostile_names: false,
            faults: Vec::new(),
            requests_per_minute: 1_000,
            burst_per_second: 50,
        }
    }
}

/// Start-up options: the default scope's configuration.
pub type SandboxOptions = ScopeConfig;

/// One request as the sandbox saw it (no header values are kept).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoggedRequest {
    pub method: String,
    /// Path and query exactly as received.
    pub url: String,
    /// Whether a credential header was present.
    pub credential_header: bool,
    /// The HTTP version it came over ("1.1", or "2" on the `--tls-port`
    /// listener when the client offered it): what a benchmark checks before
    /// it counts a run as HTTP/2.
    pub http: &'static str,
    /// The status answered.
    pub status: u16,
    /// When it arrived, in ms since the scope was (re)configured: the time
    /// the per-key limits count by, so a test can check a client's spacing
    /// as the provider sees it.
    pub at_ms: u64,
}

/// A scope's live state.
pub struct Scope {
    pub config: ScopeConfig,
    pub started: Instant,
    pub calls: u64,
    pub log: Vec<LoggedRequest>,
    /// Each credential's recent requests, for the per-key limits.
    pub windows: HashMap<String, KeyWindow>,
}

/// One credential's requests: the minute window and the last second's times.
#[derive(Default)]
pub struct KeyWindow {
    /// (minute index, requests in it).
    pub minute: (u64, u32),
    /// When the requests of the last second arrived.
    pub recent: std::collections::VecDeque<Instant>,
}

/// What the per-key limits decided for one request.
pub struct Admission {
    /// Requests left in this minute.
    pub left: u32,
    /// Over the minute's limit or the burst.
    pub limited: bool,
    /// Seconds to wait before asking again.
    pub retry_after: u64,
}

impl KeyWindow {
    /// Counts one request at `elapsed` (since the scope started) and `now`.
    pub fn admit(
        &mut self,
        elapsed: std::time::Duration,
        now: Instant,
        config: &ScopeConfig,
    ) -> Admission {
        let minute = elapsed.as_secs() / 60;
        if self.minute.0 != minute {
            self.minute = (minute, 0);
        }
        self.minute.1 += 1;
        while self
            .recent
            .front()
            .is_some_and(|t| now.duration_since(*t).as_millis() >= 1_000)
        {
            self.recent.pop_front();
        }
        self.recent.push_back(now);
        let over_minute = self.minute.1 > config.requests_per_minute;
        let over_burst = self.recent.len() as u32 > config.burst_per_second;
        Admission {
            left: config.requests_per_minute.saturating_sub(self.minute.1),
            limited: over_minute || over_burst,
            retry_after: if over_minute {
                60 - elapsed.as_secs() % 60
            } else {
                1
            },
        }
    }
}

impl Scope {
    fn new(config: ScopeConfig) -> Scope {
        Scope {
            config,
            started: Instant::now(),
            calls: 0,
            log: Vec::new(),
            windows: HashMap::new(),
        }
    }
}

/// Generated accounts by (count, seed, hostile), built once and shared.
type Datasets = HashMap<(usize, u64, bool), Arc<Vec<PhoneNumber>>>;

/// Each account's numbers by WABA, in account order, built on first use.
/// A WABA's page is then cut from its own rows instead of filtered out of the
/// whole account on every request: at 100,000 numbers that scan was most of
/// the sandbox's time and, on a busy machine, added ~20 ms to every request
/// of `cargo xtask proof`, which measures the client, not the sandbox.
type ByWaba = HashMap<(usize, u64, bool), Arc<HashMap<String, Arc<Vec<PhoneNumber>>>>>;

/// Everything the server holds.
pub struct Sandbox {
    defaults: ScopeConfig,
    pub scopes: Mutex<HashMap<String, Scope>>,
    datasets: Mutex<Datasets>,
    by_waba: Mutex<ByWaba>,
}

/// The largest account a scope may ask for.
pub const MAX_NUMBERS: usize = 200_000;

impl Sandbox {
    pub fn new(defaults: ScopeConfig) -> Sandbox {
        Sandbox {
            defaults,
            scopes: Mutex::new(HashMap::new()),
            datasets: Mutex::new(HashMap::new()),
            by_waba: Mutex::new(HashMap::new()),
        }
    }

    /// Runs `f` on the scope, creating it with the defaults on first use.
    pub fn with_scope<R>(&self, name: &str, f: impl FnOnce(&mut Scope) -> R) -> R {
        let mut scopes = self.scopes.lock().unwrap_or_else(|e| e.into_inner());
        let scope = scopes
            .entry(name.to_owned())
            .or_insert_with(|| Scope::new(self.defaults.clone()));
        f(scope)
    }

    /// Replaces a scope's configuration and restarts its clock and log.
    pub fn reset_scope(&self, name: &str, config: ScopeConfig) {
        let mut scopes = self.scopes.lock().unwrap_or_else(|e| e.into_inner());
        scopes.insert(name.to_owned(), Scope::new(config));
    }

    /// The account a scope configures: the seeds, `numbers` generated ones, and
    /// the hostile one if asked (built once, shared).
    pub fn dataset(&self, config: &ScopeConfig) -> Arc<Vec<PhoneNumber>> {
        let key = (config.numbers, config.seed, config.hostile_names);
        let mut sets = self.datasets.lock().unwrap_or_else(|e| e.into_inner());
        sets.entry(key)
            .or_insert_with(|| {
                let mut numbers = demo::account(config.numbers, config.seed);
                if config.hostile_names {
                    numbers.push(hostile_number());
                }
                Arc::new(numbers)
            })
            .clone()
    }
}

impl Sandbox {
    /// The numbers of one WABA of the account `config` configures (none for
    /// a WABA it does not have).
    pub fn waba_numbers(&self, config: &ScopeConfig, waba: &str) -> Arc<Vec<PhoneNumber>> {
        let key = (config.numbers, config.seed, config.hostile_names);
        let all = self.dataset(config);
        let index = self
            .by_waba
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(key)
            .or_insert_with(|| {
                let mut groups: HashMap<String, Vec<PhoneNumber>> = HashMap::new();
                for n in all.iter() {
                    if let Some(w) = &n.waba_id {
                        groups.entry(w.clone()).or_default().push(n.clone());
                    }
                }
                Arc::new(groups.into_iter().map(|(w, v)| (w, Arc::new(v))).collect())
            })
            .clone();
        index.get(waba).cloned().unwrap_or_default()
    }
}

/// A number whose names try to inject markup and script.
fn hostile_number() -> PhoneNumber {
    let mut n = demo::generated_numbers(1, 666).remove(0);
    n.id = "hostile-1".to_owned();
    n.display_name = Some("<img src=x onerror=\"window.__pwned=1\">".to_owned());
    n.verified_name = Some("<script>window.__pwned=2</script>\"'&".to_owned());
    n.waba_id = Some("waba-<b>bold</b>".to_owned());
    n
}
