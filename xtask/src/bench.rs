//! `cargo xtask bench`: sizes measured here, everything else by
//! `tests/bench/run.mjs` in headless Chromium against the sandbox; the script
//! writes BENCHMARKS.md and fails when a budget is missed. Not part of
//! `cargo xtask test`: times are measured here, never asserted in tests.

use crate::pkg::{file_size, gzip_size};
use crate::run::{cmd, root, status, trunk};
use crate::sandbox::Sandbox;
use crate::{pkg, tools};

pub fn run() -> Result<(), String> {
    tools::ensure_build_tools()?;
    let pkg_sizes = pkg::build()?;
    let js = root().join("pkg/wa_numbers.js");
    println!("xtask: building the dashboard (trunk build --release)");
    status(&mut trunk(&["build", "--release"]))?;
    let mut dist = Vec::new();
    let dist_dir = root().join("dist");
    for path in files_under(&dist_dir)? {
        // `snippets/…/wire.js` as well as the top-level files: all transferred.
        let name = path
            .strip_prefix(&dist_dir)
            .unwrap_or(&path)
            .to_string_lossy()
            .into_owned();
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
    // HTTPS with HTTP/2 as well, as the providers serve: the network figures
    // are measured over both.
    let sandbox = Sandbox::start(&["--tls-port", "0"], true)?;
    let https = sandbox.https.clone().unwrap_or_default();
    println!("xtask: measuring in headless Chromium (tests/bench/run.mjs, about 7 minutes)");
    status(
        cmd("node", &["tests/bench/run.mjs"])
            .env("WA_SANDBOX_URL", &sandbox.url)
            .env("WA_SANDBOX_TLS_URL", https)
            .env("BENCH_SIZES", sizes),
    )
}

/// Every file under `dir`, at any depth, sorted.
fn files_under(dir: &std::path::Path) -> Result<Vec<std::path::PathBuf>, String> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}
