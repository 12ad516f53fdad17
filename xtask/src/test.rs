//! `cargo xtask test`: installs what is missing, then runs every phase and ends
//! with one summary line. A failing phase does not stop the others, so one run
//! shows everything that is wrong; the exit code is non-zero if any failed.

use std::process::Command;
use std::time::Instant;

use crate::run::{cmd, tee, trunk};
use crate::{pkg, tools};

struct Outcome {
    name: &'static str,
    ok: bool,
    passed: u64,
    failed: u64,
    seconds: f64,
}

/// Counts tests from cargo's `test result:` lines and node's `# pass` / `# fail`.
fn count(output: &str) -> (u64, u64) {
    let (mut passed, mut failed) = (0, 0);
    for line in output.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("test result: ") {
            for part in rest.split(';') {
                let mut words = part.split_whitespace().rev();
                let (label, number) = (words.next(), words.next());
                let n: u64 = number.and_then(|n| n.parse().ok()).unwrap_or(0);
                match label {
                    Some("passed") => passed += n,
                    Some("failed") => failed += n,
                    _ => {}
                }
            }
        } else if let Some((n, rest)) = line
            .split_once(' ')
            .filter(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        {
            // Playwright's closing lines: "8 passed (15.4s)", "1 failed".
            let n: u64 = n.parse().unwrap_or(0);
            if rest.starts_with("passed") {
                passed += n;
            } else if rest.starts_with("failed") {
                failed += n;
            }
        } else if let Some(n) = line
            .strip_prefix("# pass ")
            .or_else(|| line.strip_prefix("ℹ pass "))
        {
            passed += n.trim().parse().unwrap_or(0);
        } else if let Some(n) = line
            .strip_prefix("# fail ")
            .or_else(|| line.strip_prefix("ℹ fail "))
        {
            failed += n.trim().parse().unwrap_or(0);
        }
    }
    (passed, failed)
}

fn phase(outcomes: &mut Vec<Outcome>, name: &'static str, command: &mut Command) {
    println!("\nxtask: ── phase {}: {name}", outcomes.len() + 1);
    let started = Instant::now();
    let (ok, output) = tee(command);
    let (passed, failed) = count(&output);
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "xtask: phase {name}: {} ({passed} passed, {failed} failed, {seconds:.0} s)",
        if ok { "ok" } else { "FAILED" }
    );
    outcomes.push(Outcome {
        name,
        ok,
        passed,
        failed,
        seconds,
    });
}

/// A phase whose tool is installed first: a failed install fails the phase,
/// with the reason, rather than skipping it or stopping the other phases.
fn phase_after(
    outcomes: &mut Vec<Outcome>,
    name: &'static str,
    install: Result<(), String>,
    command: &mut Command,
) {
    match install {
        Ok(()) => phase(outcomes, name, command),
        Err(e) => {
            println!("\nxtask: ── phase {}: {name}", outcomes.len() + 1);
            eprintln!("xtask: phase {name}: FAILED, its tools are missing: {e}");
            outcomes.push(Outcome {
                name,
                ok: false,
                passed: 0,
                failed: 0,
                seconds: 0.0,
            });
        }
    }
}

/// A loopback port nothing listens on right now.
fn free_port() -> Result<u16, String> {
    Ok(free_ports(1)?[0])
}

/// `n` different loopback ports nothing listens on right now (all held open
/// until each is known, so the system cannot hand out one twice).
fn free_ports(n: usize) -> Result<Vec<u16>, String> {
    let listeners = (0..n)
        .map(|_| std::net::TcpListener::bind("127.0.0.1:0"))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("no free port: {e}"))?;
    listeners
        .iter()
        .map(|l| l.local_addr().map(|a| a.port()).map_err(|e| e.to_string()))
        .collect()
}

pub fn run(args: &[String]) -> Result<(), String> {
    if let Some(arg) = args.first() {
        return Err(format!(
            "`cargo xtask test` takes no arguments (got {arg:?})"
        ));
    }
    let started = Instant::now();
    tools::ensure_build_tools()?;
    let mut outcomes = Vec::new();
    let wasm = ["--target", "wasm32-unknown-unknown"];

    phase(
        &mut outcomes,
        "format (cargo fmt --check)",
        &mut cmd("cargo", &["fmt", "--all", "--", "--check"]),
    );
    phase(
        &mut outcomes,
        "lint native (clippy -D warnings)",
        &mut cmd(
            "cargo",
            &[
                "clippy",
                "--locked",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        ),
    );
    phase(
        &mut outcomes,
        "lint wasm (clippy -D warnings)",
        &mut cmd(
            "cargo",
            &[
                "clippy",
                "--locked",
                "-p",
                "wa-numbers",
                "-p",
                "wa-numbers-web",
                "--all-targets",
                wasm[0],
                wasm[1],
                "--",
                "-D",
                "warnings",
            ],
        ),
    );
    phase_after(
        &mut outcomes,
        "dependency policy (cargo deny: licenses, bans, sources; offline)",
        // `cargo deny` reads `cargo metadata` for every target, Windows
        // crates too, which a fresh machine has not downloaded: fetched
        // first (crates.io is reachable), then checked offline.
        tools::ensure_cargo_deny()
            .and_then(|_| crate::run::status(&mut cmd("cargo", &["fetch", "--locked"]))),
        &mut cmd(
            "cargo",
            &[
                "deny",
                "--offline",
                "--locked",
                "check",
                "licenses",
                "bans",
                "sources",
            ],
        ),
    );
    phase(
        &mut outcomes,
        "native tests (core, sandbox, xtask)",
        &mut cmd(
            "cargo",
            &[
                "test",
                "--locked",
                "--workspace",
                "--exclude",
                "wa-numbers-web",
            ],
        ),
    );
    phase(
        &mut outcomes,
        "fuzz the readers for 20 s (cargo xtask fuzz for longer)",
        &mut crate::run::fuzz("20"),
    );
    // One sandbox for every phase that speaks HTTP; each test uses its own scope.
    println!("\nxtask: starting the sandbox server for the HTTP tests");
    // Also over HTTPS with HTTP/2 (a self-signed certificate), as the
    // providers serve: the dashboard is tested over both.
    let sandbox = crate::sandbox::Sandbox::start(&["--tls-port", "0"], false)?;
    let https = sandbox.https.clone().unwrap_or_default();
    let with_sandbox = |mut c: Command| {
        c.env("WA_SANDBOX_URL", &sandbox.url);
        c.env("WA_SANDBOX_TLS_URL", &https);
        c
    };
    let wasm_test = |packages: &[&str]| {
        let mut args = vec!["test", "--locked"];
        for p in packages {
            args.extend(["-p", p]);
        }
        args.extend(wasm);
        let mut c = with_sandbox(cmd("cargo", &args));
        // The runner gives a browser 20 s for a whole test binary by default;
        // the client's HTTP tests wait out throttling on purpose.
        c.env("WASM_BINDGEN_TEST_TIMEOUT", "600");
        c
    };
    phase(
        &mut outcomes,
        "wasm tests in Node (client against the sandbox)",
        &mut wasm_test(&["wa-numbers"]),
    );
    phase(
        &mut outcomes,
        "wasm tests in headless Chromium (client, dashboard components)",
        wasm_test(&["wa-numbers", "wa-numbers-web"]).env("WASM_BINDGEN_USE_BROWSER", "1"),
    );
    phase(
        &mut outcomes,
        "wasm tests in a Web Worker (client against the sandbox)",
        wasm_test(&["wa-numbers"])
            .args(["--test", "http"])
            .env("WASM_BINDGEN_USE_DEDICATED_WORKER", "1"),
    );

    println!(
        "\nxtask: ── phase {}: npm package build",
        outcomes.len() + 1
    );
    let pkg_started = Instant::now();
    let pkg_ok = match pkg::build() {
        Ok(_) => true,
        Err(e) => {
            eprintln!("xtask: {e}");
            false
        }
    };
    outcomes.push(Outcome {
        name: "npm package build",
        ok: pkg_ok,
        passed: 0,
        failed: 0,
        seconds: pkg_started.elapsed().as_secs_f64(),
    });
    if pkg_ok {
        phase(
            &mut outcomes,
            "npm package in Node (node --test)",
            &mut with_sandbox(cmd("node", &["--test", "tests/node/"])),
        );
        // The tarball pkg::build packed, installed by npm into target/npm-consumer.
        phase(
            &mut outcomes,
            "npm tarball installed (Node ESM + CJS no init, tsc DOM + Node, publint, attw)",
            with_sandbox(cmd("node", &["--test", "tests/npm/"]))
                .env("WA_NUMBERS_TARBALL", pkg::tarball()),
        );
        for (name, project) in [
            (
                "TypeScript declarations, tsc --strict with the DOM lib",
                "tests/npm/ts-dom",
            ),
            (
                "TypeScript declarations, tsc --strict for Node only",
                "tests/npm/ts-node",
            ),
        ] {
            phase(
                &mut outcomes,
                name,
                &mut cmd("node", &["node_modules/typescript/bin/tsc", "-p", project]),
            );
        }
        // Three Vite servers (tests/vite/serve.mjs), each on the packed tarball
        // installed by npm into its own scratch project under target/vite-scratch.
        let ports = free_ports(4)?
            .iter()
            .map(u16::to_string)
            .collect::<Vec<_>>()
            .join(",");
        phase(
            &mut outcomes,
            "npm tarball under Vite (8 build+preview, 8 dev, 7 dev, 6 dev), page + worker",
            with_sandbox(cmd(
                "npx",
                &[
                    "playwright",
                    "test",
                    "--config",
                    "tests/vite/playwright.config.mjs",
                ],
            ))
            .env("VITE_PORTS", ports),
        );
    }
    phase(
        &mut outcomes,
        "dashboard release build (trunk, offline, local wasm-bindgen + wasm-opt)",
        &mut trunk(&["build", "--release"]),
    );
    if outcomes.last().is_some_and(|o| o.ok) {
        let port = free_port()?;
        phase(
            &mut outcomes,
            "dashboard end to end in Chromium (Playwright: demo, sandbox, errors, embedding, axe, CSP, SRI)",
            with_sandbox(cmd(
                "npx",
                &[
                    "playwright",
                    "test",
                    "--config",
                    "tests/e2e/playwright.config.mjs",
                ],
            ))
            .env("E2E_PORT", port.to_string()),
        );
        phase_after(
            &mut outcomes,
            "dashboard through deploy/'s nginx and Caddy proxies (Playwright, sandbox)",
            tools::ensure_proxies(),
            &mut with_sandbox(cmd(
                "npx",
                &[
                    "playwright",
                    "test",
                    "--config",
                    "tests/e2e/proxy.config.mjs",
                ],
            )),
        );
    }

    drop(sandbox);
    println!("\nxtask: ── summary");
    for o in &outcomes {
        println!(
            "  {:<6} {:<72} {:>4} passed {:>3} failed {:>5.0} s",
            if o.ok { "ok" } else { "FAILED" },
            o.name,
            o.passed,
            o.failed,
            o.seconds
        );
    }
    let failed_phases = outcomes.iter().filter(|o| !o.ok).count();
    let passed: u64 = outcomes.iter().map(|o| o.passed).sum();
    let failed: u64 = outcomes.iter().map(|o| o.failed).sum();
    println!(
        "xtask: {} of {} phases ok in {:.0} s",
        outcomes.len() - failed_phases,
        outcomes.len(),
        started.elapsed().as_secs_f64()
    );
    println!("tests: {passed} passed, {failed} failed");
    if failed_phases == 0 {
        Ok(())
    } else {
        Err(format!("{failed_phases} phase(s) failed"))
    }
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn counts_cargo_and_node_results() {
        let out = "test result: ok. 15 passed; 0 failed; 0 ignored\n\
                   test result: FAILED. 2 passed; 1 failed; 0 ignored\n# pass 7\n# fail 0\nℹ pass 3\n\
                   \x20 8 passed (15.4s)\n  1 failed\n";
        assert_eq!(count(out), (35, 2));
    }
}
