//! `cargo xtask fuzz [--seconds N]`: every reader of outside data in the core
//! fed generated and mutated inputs for N seconds, seeded from
//! `tests/fixtures` and from the sandbox's own writers.
//!
//! Why not cargo-fuzz: it needs a nightly toolchain (`-Z sanitizer`), which
//! these machines cannot fetch. This is mutation fuzzing without coverage
//! feedback: structure-aware mutations (JSON tokens, hostile strings, splices
//! of valid bodies) on a fast loop, checked against invariants:
//! - nothing panics (the wasm build aborts on panic: the page would die);
//! - each input is read within a time bound;
//! - every failure is a typed error whose kind fits the reader;
//! - for every body the writers produce, read(write(numbers)) == numbers on
//!   what the dialect carries.
//!
//! A failing input is written to `target/fuzz-crashes/` and the run fails.

mod inputs;
mod targets;

use std::time::{Duration, Instant};

fn main() {
    let mut seconds = 30u64;
    let mut seed = 0x5eed_u64;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seconds" => seconds = args.next().and_then(|s| s.parse().ok()).unwrap_or(seconds),
            "--seed" => seed = args.next().and_then(|s| s.parse().ok()).unwrap_or(seed),
            other => {
                eprintln!("fuzz: unknown argument {other:?} (use --seconds N, --seed S)");
                std::process::exit(2);
            }
        }
    }
    // A panic is a finding: report it with the input, not a backtrace.
    std::panic::set_hook(Box::new(|_| {}));
    let corpus = inputs::corpus();
    println!(
        "fuzz: {} seed inputs, {seconds} s, seed {seed}",
        corpus.len()
    );
    let mut rng = inputs::Rng(seed | 1);
    let started = Instant::now();
    let deadline = Duration::from_secs(seconds);
    let mut stats = targets::Stats::default();
    let mut findings = Vec::new();
    for input in inputs::REGRESSIONS {
        if let Err(finding) = targets::run_all(input, &mut stats) {
            findings.push((["regression: ", &finding].concat(), (*input).to_owned()));
        }
    }
    while started.elapsed() < deadline {
        for _ in 0..256 {
            let input = inputs::next(&mut rng, &corpus);
            if let Err(finding) = targets::run_all(&input, &mut stats) {
                // A slow call may be the machine (another process, a page
                // fault): it counts only if it is slow again.
                let again = if finding.contains(" took ") {
                    targets::run_all(&input, &mut stats)
                } else {
                    Err(finding)
                };
                if let Err(finding) = again {
                    findings.push((finding, input));
                }
            }
        }
        // Round trips of generated numbers through every writer and reader.
        if let Err(finding) = targets::round_trip(&mut rng, &mut stats) {
            findings.push((finding, String::new()));
        }
        if findings.len() >= 20 {
            break;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "fuzz: {} inputs ({} reader calls, {} round trips) in {elapsed:.1} s: {:.0} inputs/s; slowest call {:.2} ms",
        stats.inputs,
        stats.calls,
        stats.round_trips,
        stats.inputs as f64 / elapsed.max(0.001),
        stats.slowest.as_secs_f64() * 1000.0
    );
    if findings.is_empty() {
        println!("fuzz: no findings");
        return;
    }
    let dir = std::path::Path::new("target/fuzz-crashes");
    let _ = std::fs::remove_dir_all(dir);
    let _ = std::fs::create_dir_all(dir);
    for (i, (finding, input)) in findings.iter().enumerate() {
        let path = dir.join(format!("finding-{i}.txt"));
        let _ = std::fs::write(&path, input);
        eprintln!("fuzz: FINDING {i}: {finding} (input in {})", path.display());
    }
    std::process::exit(1);
}
