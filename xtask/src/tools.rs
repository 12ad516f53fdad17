//! Installs the tools the tests and builds need, each pinned (Debian's packages:
//! the release's version), each skipped when the right version is already there. Nothing is downloaded from outside the
//! package registries (crates.io, npm, Debian): Trunk is told where its
//! wasm-bindgen and wasm-opt are, so it never fetches them itself.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::run::{cmd, output_line, root, status};

/// Must equal the `wasm-bindgen` crate pin in Cargo.toml.
pub const WASM_BINDGEN_VERSION: &str = "0.2.129";
/// The newest Trunk that builds with rustc 1.95.
pub const TRUNK_VERSION: &str = "0.21.14";

/// Where `cargo install` puts binaries.
pub fn cargo_bin() -> PathBuf {
    cargo_home().join("bin")
}

/// Cargo's home: `CARGO_HOME`, or `~/.cargo`.
pub fn cargo_home() -> PathBuf {
    std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(std::env::var("HOME").unwrap_or_else(|_| "/root".into())).join(".cargo")
        })
}

fn step(what: &str) {
    println!("xtask: {what}");
}

/// The wasm32 target (rust-toolchain.toml names it; this covers toolchains that ignore it).
pub fn ensure_wasm_target() -> Result<(), String> {
    let installed = output_line("rustup", &["target", "list", "--installed"]).is_some()
        && cmd("rustup", &["target", "list", "--installed"])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).contains("wasm32-unknown-unknown"))
            .unwrap_or(false);
    if installed {
        return Ok(());
    }
    step("installing the wasm32-unknown-unknown target (rustup, seconds)");
    status(&mut cmd(
        "rustup",
        &["target", "add", "wasm32-unknown-unknown"],
    ))
}

/// `cargo install --locked <krate> --version <version>` unless `binary --version`
/// already reports it. Release LTO is turned off for the install: the tool runs
/// the same and builds in about half the time on 2 cores.
fn ensure_cargo_tool(
    krate: &str,
    binary: &str,
    version: &str,
    estimate: &str,
) -> Result<(), String> {
    let have = output_line(binary, &["--version"]).unwrap_or_default();
    if have.split_whitespace().any(|word| word == version) {
        return Ok(());
    }
    step(&format!(
        "installing {krate} {version} from crates.io (found {:?}); this takes {estimate} the first time",
        if have.is_empty() { "none" } else { have.as_str() }
    ));
    let started = Instant::now();
    status(
        cmd(
            "cargo",
            &[
                "install",
                "--locked",
                krate,
                "--version",
                version,
                "--force",
            ],
        )
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16"),
    )?;
    step(&format!(
        "installed {krate} {version} in {:.0?}",
        started.elapsed()
    ));
    Ok(())
}

/// wasm-bindgen-cli at exactly the crate's version (also gives the test runner).
pub fn ensure_wasm_bindgen() -> Result<(), String> {
    ensure_cargo_tool(
        "wasm-bindgen-cli",
        "wasm-bindgen",
        WASM_BINDGEN_VERSION,
        "about 2-4 minutes",
    )
}

/// Trunk, for the dashboard.
pub fn ensure_trunk() -> Result<(), String> {
    ensure_cargo_tool("trunk", "trunk", TRUNK_VERSION, "about 5-11 minutes")
}

/// cargo-deny, for the dependency policy of deny.toml.
pub const CARGO_DENY_VERSION: &str = "0.20.2";

/// `apt-get update` and `apt-get install` of Debian `packages` (root, or sudo).
fn apt_install(packages: &[&str]) -> Result<(), String> {
    let is_root = output_line("id", &["-u"]).as_deref() == Some("0");
    let sudo: &[&str] = if is_root { &[] } else { &["sudo"] };
    let apt = |args: &[&str]| {
        let mut all: Vec<&str> = sudo.to_vec();
        all.push("apt-get");
        all.extend_from_slice(args);
        status(cmd(all[0], &all[1..]).env("DEBIAN_FRONTEND", "noninteractive"))
    };
    apt(&["update", "-qq"])?;
    let mut install = vec!["install", "-y", "-qq"];
    install.extend_from_slice(packages);
    apt(&install)
}

/// Debian's Chromium and ChromeDriver, for every browser test.
pub fn ensure_chromium() -> Result<(), String> {
    // A CJK font: without one, the Chinese screenshots show empty boxes.
    let font = Path::new("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc");
    if Path::new("/usr/bin/chromium").exists()
        && Path::new("/usr/bin/chromedriver").exists()
        && font.exists()
    {
        return Ok(());
    }
    step("installing chromium, chromium-driver and a Chinese font from Debian (apt-get, about a minute)");
    apt_install(&["chromium", "chromium-driver", "fonts-wqy-zenhei"])
}

/// Debian's nginx and Caddy (and envsubst, which renders the nginx
/// configuration), for the proxy tests of deploy/. The tests run them as plain
/// processes; on a machine without Docker's policy-rc.d, installing also starts
/// their system services, which those tests do not use.
pub fn ensure_proxies() -> Result<(), String> {
    let have = |p: &str| Path::new(p).exists();
    if !(have("/usr/sbin/nginx") && have("/usr/bin/caddy") && have("/usr/bin/envsubst")) {
        step("installing nginx, caddy and gettext-base (envsubst) from Debian (apt-get, seconds)");
        apt_install(&["nginx", "caddy", "gettext-base"])
            .map_err(|e| format!("{e}: the proxy tests need nginx and caddy"))?;
    }
    // nginx prints its version on stderr.
    let nginx = cmd("/usr/sbin/nginx", &["-v"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stderr).trim().to_owned())
        .unwrap_or_default();
    let caddy = output_line("/usr/bin/caddy", &["version"]).unwrap_or_default();
    if nginx.is_empty() || caddy.is_empty() {
        return Err(format!(
            "nginx ({nginx:?}) or caddy ({caddy:?}) does not run: the proxy tests need both"
        ));
    }
    step(&format!(
        "proxies for the deploy/ tests: {nginx}, caddy {caddy}"
    ));
    Ok(())
}

/// cargo-deny, built from crates.io.
pub fn ensure_cargo_deny() -> Result<(), String> {
    ensure_cargo_tool(
        "cargo-deny",
        "cargo-deny",
        CARGO_DENY_VERSION,
        "about 5-6 minutes (5 min 30 s measured on 2 shared cores, one build job)",
    )
}

/// The node packages of package-lock.json (binaryen's wasm-opt, Playwright, axe-core, Vite).
pub fn ensure_node_packages() -> Result<(), String> {
    let root = root();
    let marker = root.join("node_modules/.package-lock.json");
    let fresh = match (
        std::fs::metadata(&marker),
        std::fs::metadata(root.join("package-lock.json")),
    ) {
        (Ok(installed), Ok(lock)) => installed.modified().ok() >= lock.modified().ok(),
        _ => false,
    };
    if fresh && root.join("node_modules/.bin/wasm-opt").exists() {
        return Ok(());
    }
    step("installing node packages from package-lock.json (npm ci, seconds)");
    status(&mut cmd("npm", &["ci", "--no-audit", "--no-fund"]))
}

/// What `cargo xtask pkg` needs.
pub fn ensure_for_pkg() -> Result<(), String> {
    ensure_wasm_target()?;
    ensure_wasm_bindgen()?;
    ensure_node_packages()
}

/// What builds and browser tests need, in the order that gets the quick ones done first.
pub fn ensure_build_tools() -> Result<(), String> {
    step("checking tools (each is installed only when missing)");
    ensure_wasm_target()?;
    ensure_node_packages()?;
    ensure_chromium()?;
    ensure_wasm_bindgen()?;
    ensure_trunk()?;
    step("build and browser tools present");
    Ok(())
}

/// Everything (`cargo xtask setup`). `cargo xtask test` installs the proxies and
/// cargo-deny in the phases that use them, so that a failed install fails
/// that phase, says why, and leaves the others running.
pub fn ensure_all() -> Result<(), String> {
    ensure_build_tools()?;
    ensure_proxies()?;
    ensure_cargo_deny()?;
    step("all tools present");
    Ok(())
}
