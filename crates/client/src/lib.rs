//! # wa-numbers (npm package)
//!
//! The JavaScript face of wa-numbers, and the Rust client the dashboard uses.
//! - [`api`]: pure functions over provider bodies (no network).
//! - [`Client`]: list, list all, get one, watch onboarding, over `fetch`
//!   (pages, workers, Node 20+) or any [`Transport`]; exported to JS as `Client`.
//! - [`error`]: every failure as a typed JS error; nothing panics across the boundary.
//!
//! Values cross the boundary as plain JS objects shaped as DESIGN.md says, with
//! TypeScript declarations generated from the Rust types (tsify). All provider
//! knowledge lives in `wa-numbers-core`.

#[cfg(feature = "js-api")]
pub mod api;
mod client;
pub mod config;
pub mod convert;
pub mod error;
#[cfg(feature = "js-api")]
pub mod js_client;
pub mod limiter;
mod listing;
mod split;
pub mod transport;

/// The wasm allocator (feature `small-alloc`): Talc, about half the code of
/// dlmalloc and as fast on this workload (BENCHMARKS.md).
#[cfg(all(
    feature = "small-alloc",
    target_family = "wasm",
    not(target_feature = "atomics")
))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub use client::Client;
pub use config::ClientConfig;
pub use listing::{Pages, REQUEST_BUDGET};
pub use transport::{FetchTransport, HttpAnswer, HttpCall, Transport};
pub use wa_numbers_core as core;
