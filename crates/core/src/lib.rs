//! # wa-numbers-core
//!
//! The pure heart of wa-numbers: no I/O, no wasm types. It knows each provider's
//! wire format (one module per provider under [`provider`]), turns it into the one
//! normalized [`PhoneNumber`] model, validates requests before they are sent, and
//! decides campaign readiness ([`evaluate_readiness`], [`plan_campaign`]).
//!
//! Everything here is tested natively with `cargo test`; the wasm client and the
//! sandbox server build on it.

pub mod demo;
pub mod error;
pub mod fake;
pub mod hash;
pub mod json;
pub mod model;
pub mod paging;
pub mod plan;
pub mod provider;
pub mod query;
pub mod readiness;
pub mod text;

pub use error::{Error, ErrorKind};
pub use model::messages_per_second;
pub use model::{
    Health, HealthError, MessagingLimit, Page, PhoneNumber, Provider, QualityRating, Status,
};
pub use paging::{ListAll, Progress};
pub use plan::{plan_campaign, Assignment, Plan};
pub use provider::{Auth, HttpRequest};
pub use query::ListQuery;
pub use readiness::{
    evaluate_readiness, judge, Action, Campaign, LimitScope, Readiness, Reason, RuleView, Severity,
};
