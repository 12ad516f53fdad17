//! `cargo xtask bench`: sizes measured here, everything else by
//! `tests/bench/run.mjs` in headless Chromium against the sandbox; the script
//! writes BENCHMARKS.md and fails when a budget is missed. Not part of
//! `cargo xtask test`: times are measured here, never asserted in tests.

use crate::pkg::{file_size, gzip_size};
use crate::run::{cmd, root, status};
use crate::sandbox::Sandbox;
use crate::{pkg, tools};

pub fn run() -> Result<(), String> {
    tools::ensure_build_tools()?;
    let pkg_sizes = pkg::build()?;
    let js = root().join("pkg/wa_numbers.js");
    println!("xtask: building the dashboard (trunk build --release)");
    status(cmd("trunk", &["build", "--release"]).env("TRUNK_SKIP_VERSION_CHECK", "true"))?;
    let mut dist = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(root().join("dist"))
        .map_err(|e| format!("dist/: {e}"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        dist.push(format!(
            r#""{name}": {{"raw": {}, "gzip": {}}}"#,
            file_size(&path)?,
            gzip_size(&path)?
        ));
    }
    let sizes = format!(
        r#"{{"pkgWasmRaw": {}, "pkgWasmGzip": {}, "pkgJsRaw": {}, "pkgJsGzip": {}, "dist": {{{}}}}}"#,
        pkg_sizes.wasm_raw,
        pkg_sizes.wasm_gzip,
        file_size(&js)?,
        gzip_size(&js)?,
        dist.join(", ")
    );
    let sandbox = Sandbox::start(&[], true)?;
    println!("xtask: measuring in headless Chromium (tests/bench/run.mjs, about a minute)");
    status(
        cmd("node", &["tests/bench/run.mjs"])
            .env("WA_SANDBOX_URL", &sandbox.url)
            .env("BENCH_SIZES", sizes),
    )
}
