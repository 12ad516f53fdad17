//! # wa-numbers (npm package)
//!
//! The JavaScript face of wa-numbers. Pure functions over provider bodies
//! ([`api`]), with every value crossing the boundary as a plain JS object shaped
//! as DESIGN.md says, TypeScript declarations generated from the Rust types
//! (tsify), and every failure thrown as a typed JS error ([`error`]).
//!
//! All provider knowledge lives in `wa-numbers-core`; this crate only converts.

pub mod api;
pub mod convert;
pub mod error;

pub use wa_numbers_core as core;
