//! `cargo xtask`: the project's automation, in Rust so it needs nothing but cargo.
//!
//! - `cargo xtask test`  installs what is missing, then runs every test phase.
//! - `cargo xtask serve` builds the dashboard with Trunk and serves it on demo data.
//! - `cargo xtask pkg`   builds the npm package into `pkg/`.
//! - `cargo xtask bench` measures everything in BENCHMARKS.md and rewrites it.
//! - `cargo xtask fuzz`  feeds every reader of outside data mutated inputs.
//! - `cargo xtask reliability` runs the fault matrix into RELIABILITY.md.
//! - `cargo xtask proof` holds the client to the documented rate limits at full speed.
//! - `cargo xtask setup` only installs the tools.

mod bench;
mod pkg;
mod proof;
mod reliability;
mod run;
mod sandbox;
mod serve;
mod test;
mod tools;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  test               install missing tools, then run every test (fmt, clippy, cargo deny,
                     native, wasm in Node and headless Chromium, npm package in Node and under
                     Vite, Trunk build, the dashboard in Chromium, also through deploy/'s nginx
                     and Caddy)
  serve [--port N]   build the dashboard and serve it on its demo data (default port 8080)
  pkg                build the npm package (wasm + JS + TypeScript) into pkg/
  bench              measure sizes, parse/readiness/listAll/first-row/filter times and memory
                     (headless Chromium, sandbox), write BENCHMARKS.md, fail on a missed budget
  fuzz [--seconds N]  mutation-fuzz every reader of outside data for N seconds (default 300;
                     findings in target/fuzz-crashes/); `test` runs it for 20 s
  reliability        every sandbox fault x client operation x provider in headless Chromium,
                     written into RELIABILITY.md (fails on a failed cell)
  proof              100,000 AntGst numbers and 2,000 LORA detail calls against the sandbox
                     enforcing the documented limits (about two minutes), into BENCHMARKS.md;
                     fails on a 429 of the client's making or a time over 1.2x the ideal
  setup              install the tools only (wasm32 target, wasm-bindgen-cli, trunk,
                     cargo-deny, chromium + chromedriver, nginx + caddy, node packages)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("test") => test::run(&args[1..]),
        Some("serve") => serve::run(&args[1..]),
        Some("pkg") => tools::ensure_for_pkg().and_then(|_| pkg::build().map(|_| ())),
        Some("setup") => tools::ensure_all(),
        Some("bench") => bench::run(),
        Some("reliability") => reliability::run(),
        Some("proof") => proof::run(),
        Some("fuzz") => run::status(&mut run::fuzz(
            args.iter()
                .skip_while(|a| *a != "--seconds")
                .nth(1)
                .map_or("300", String::as_str),
        )),
        Some("-h" | "--help" | "help") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command {other:?}\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}
