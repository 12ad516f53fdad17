//! `cargo xtask reliability`: the fault matrix (every sandbox fault × client
//! operation × provider) through the npm package in headless Chromium, by
//! `tests/reliability/run.mjs`, written into RELIABILITY.md. Not part of
//! `cargo xtask test` (about three minutes); it fails on a failed cell.

use crate::run::{cmd, status};
use crate::sandbox::Sandbox;
use crate::{pkg, tools};

pub fn run() -> Result<(), String> {
    tools::ensure_build_tools()?;
    pkg::build()?;
    let sandbox = Sandbox::start(&[], false)?;
    println!("xtask: running the fault matrix in headless Chromium (tests/reliability/run.mjs, a few minutes)");
    status(cmd("node", &["tests/reliability/run.mjs"]).env("WA_SANDBOX_URL", &sandbox.url))
}
