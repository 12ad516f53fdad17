//! `cargo xtask proof` (issue #11): 100,000 AntGst numbers through listAll and
//! 2,000 LORA detail calls against the sandbox enforcing LORA's documented
//! limits, through the npm package in Node (`tests/proof/run.mjs`): no 429 of
//! the client's making and each workload within 1.2× its limit-bound ideal,
//! written into BENCHMARKS.md. Not part of `cargo xtask test`: LORA's limits
//! make it take about two minutes, by design.

use crate::run::{cmd, status};
use crate::sandbox::Sandbox;
use crate::{pkg, tools};

pub fn run() -> Result<(), String> {
    tools::ensure_for_pkg()?;
    pkg::build()?;
    // Release, so that the sandbox's own time stays small next to the latency.
    let sandbox = Sandbox::start(&[], true)?;
    println!("xtask: the proof in Node (tests/proof/run.mjs, about two minutes)");
    status(cmd("node", &["tests/proof/run.mjs"]).env("WA_SANDBOX_URL", &sandbox.url))
}
