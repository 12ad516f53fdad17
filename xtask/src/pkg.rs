//! Builds the npm package `wa-numbers` into `pkg/` and packs it into
//! `target/npm/wa-numbers-<version>.tgz`: release wasm, wasm-bindgen twice over
//! the same wasm (`--target web`, an ES module for browsers, workers and
//! bundlers; `--target nodejs`, CommonJS that loads the wasm when required),
//! binaryen's wasm-opt (relooped, -Oz twice), the hand-written entries of
//! crates/client/js, the declarations, README, licences and package.json.

use std::path::{Path, PathBuf};

use crate::run::{cmd, root, status, wasm_release};

/// Sizes of the built package, for BENCHMARKS.md and budgets.
pub struct PkgSizes {
    pub wasm_raw: u64,
    pub wasm_gzip: u64,
    /// The `npm pack` tarball, as downloaded.
    pub tarball_packed: u64,
    /// What the tarball unpacks to in node_modules.
    pub tarball_unpacked: u64,
}

/// Where `npm pack` puts the tarball (tests install it from there).
pub fn tarball_dir() -> PathBuf {
    root().join("target/npm")
}

/// The tarball of this version (`cargo xtask pkg` writes it).
pub fn tarball() -> PathBuf {
    tarball_dir().join(format!("wa-numbers-{}.tgz", env!("CARGO_PKG_VERSION")))
}

pub fn build() -> Result<PkgSizes, String> {
    let root = root();
    println!(
        "xtask: building the npm package into pkg/ (the wasm profile, wasm-bindgen, wasm-opt)"
    );
    status(&mut wasm_release(cmd(
        "cargo",
        &[
            "build",
            "--locked",
            "--profile",
            "wasm",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "wa-numbers",
        ],
    )))?;
    let wasm_in = root.join("target/wasm32-unknown-unknown/wasm/wa_numbers.wasm");
    let out = root.join("pkg");
    let _ = std::fs::remove_dir_all(&out);
    let bindgen = |target: &str, dir: &Path| {
        status(&mut cmd(
            "wasm-bindgen",
            &[
                "--target",
                target,
                "--out-dir",
                &dir.to_string_lossy(),
                "--out-name",
                "wa_numbers",
                &wasm_in.to_string_lossy(),
            ],
        ))
    };
    bindgen("web", &out)?;
    // Node's CommonJS glue, kept apart: only its JS ships, as wa_numbers.cjs.
    let node_out = root.join("target/wasm-bindgen-nodejs");
    let _ = std::fs::remove_dir_all(&node_out);
    bindgen("nodejs", &node_out)?;
    let wasm = out.join("wa_numbers_bg.wasm");
    // Both glues load one wasm file, which holds only if both targets emitted
    // the same module (they import from the same module name today).
    if std::fs::read(&wasm).ok() != std::fs::read(node_out.join("wa_numbers_bg.wasm")).ok() {
        return Err(
            "wasm-bindgen's web and nodejs targets emitted different wasm: the package \
             would need one wasm file per target (xtask/src/pkg.rs)"
                .into(),
        );
    }
    copy_file(&node_out.join("wa_numbers.js"), &out.join("wa_numbers.cjs"))?;
    flatten_snippets(&out)?;
    let wasm_text = wasm.to_string_lossy().into_owned();
    // The control flow flattened and rebuilt by binaryen's relooper before
    // two -Oz rounds: 702 B gzip less than one -Oz round on the same wasm
    // (179849 -> 178217 B raw, 77279 -> 76577 B gzip), no slower in Node
    // (parse, evaluateReadinessAll, evaluateReadiness, interleaved runs).
    // First, functions that differ only in constants merged into one with
    // the constants as parameters (not part of -Oz); and the whole list of
    // passes run again while the module still shrinks (`--converge`): 419 B
    // gzip less together (169227 -> 167548 B raw, 74071 -> 73652 B gzip).
    let opt_args = vec![
        // A function called from one place is inlined there only when it is
        // at most 20 bytes: the default (any size) shrinks the raw wasm but
        // leaves less that gzip finds repeated (1,483 B gzip less for 3.8 KB
        // more raw).
        "--one-caller-inline-max-function-size",
        "20",
        "--merge-similar-functions",
        "--flatten",
        "--rereloop",
        // Constants added to a pointer folded into the load's or store's
        // offset: the same address unless the addition wraps past 4 GiB,
        // which only an address in the first KiB could come from, and no
        // valid Rust pointer arithmetic wraps (355 B gzip less).
        "--low-memory-unused",
        "-Oz",
        "-Oz",
        "--converge",
        // Functions laid out in the order of their names (crate, module,
        // type), so that related code sits together for gzip's window: 646 B
        // gzip less, for 163 B more raw (73652 -> 73006 B gzip). Before the
        // names are stripped; the order does not change what runs.
        "--reorder-functions-by-name",
        "--strip-debug",
        "--strip-producers",
        // The target-features section says which wasm features the code
        // uses; no engine reads it (118 B gzip).
        "--strip-target-features",
    ];
    // Run with binaryen's shortening of the names the wasm and its two glues
    // share, in the same wasm-opt run, which the script rewrites the glues
    // after (xtask/wasm-names.mjs; 223 B gzip less than a second run).
    let script = root
        .join("xtask/wasm-names.mjs")
        .to_string_lossy()
        .into_owned();
    let glues = [out.join("wa_numbers.js"), out.join("wa_numbers.cjs")]
        .map(|g| g.to_string_lossy().into_owned());
    let mut args = vec![script.as_str(), wasm_text.as_str()];
    args.extend(glues.iter().map(String::as_str));
    args.push("--");
    args.extend_from_slice(&opt_args);
    status(&mut cmd("node", &args))?;
    finish_package(&out)?;
    write_manifest(&out)?;
    let (tarball_packed, tarball_unpacked) = pack(&out)?;
    let sizes = PkgSizes {
        wasm_raw: file_size(&wasm)?,
        wasm_gzip: gzip_size(&wasm)?,
        tarball_packed,
        tarball_unpacked,
    };
    println!(
        "xtask: pkg/wa_numbers_bg.wasm is {} B raw, {} B gzip -9",
        sizes.wasm_raw, sizes.wasm_gzip
    );
    println!(
        "xtask: {} is {} B packed, {} B unpacked",
        tarball()
            .strip_prefix(&root)
            .unwrap_or(&tarball())
            .display(),
        sizes.tarball_packed,
        sizes.tarball_unpacked
    );
    Ok(sizes)
}

fn copy_file(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("copying {} to {}: {e}", from.display(), to.display()))
}

/// `npm pack` of `pkg/` into [`tarball_dir`]: the file a registry would serve.
/// Returns its packed and unpacked sizes as npm reports them.
fn pack(out: &Path) -> Result<(u64, u64), String> {
    let dir = tarball_dir();
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let _ = std::fs::remove_file(tarball());
    let mut npm = cmd(
        "npm",
        &[
            "pack",
            "--json",
            "--pack-destination",
            &dir.to_string_lossy(),
        ],
    );
    npm.current_dir(out);
    println!("  $ npm pack --json --pack-destination target/npm (in pkg/)");
    let output = npm.output().map_err(|e| format!("npm pack: {e}"))?;
    if !output.status.success() || !tarball().exists() {
        return Err(format!(
            "npm pack failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    // npm's report is JSON; two numbers are read from it without a JSON crate.
    let report = String::from_utf8_lossy(&output.stdout);
    let number = |key: &str| {
        let at = report
            .find(&format!("\"{key}\":"))
            .ok_or_else(|| format!("npm pack --json: no {key:?} in {report}"))?;
        report[at + key.len() + 3..]
            .trim_start()
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|n| n.parse::<u64>().ok())
            .ok_or_else(|| format!("npm pack --json: {key:?} is not a number"))
    };
    Ok((number("size")?, number("unpackedSize")?))
}

/// The hand-written entries of crates/client/js (`browser.js` guards the web
/// glue, `node.cjs` the nodejs glue, `node.js` re-exports `node.cjs`, both
/// through `guard.js`), the npm README and both licences, and the declarations
/// (see [`declarations`]) for ES modules and CommonJS alike.
fn finish_package(out: &Path) -> Result<(), String> {
    let root = root();
    let js = root.join("crates/client/js");
    for file in ["browser.js", "node.js", "node.cjs", "guard.js"] {
        copy_file(&js.join(file), &out.join(file))?;
    }
    let guard = read(&js.join("guard.js"))?;
    write(
        &out.join("guard.cjs"),
        &as_commonjs(&guard, &["wrap"], "crates/client/js/guard.js")?,
    )?;
    copy_file(
        &root.join("crates/client/README.md"),
        &out.join("README.md"),
    )?;
    copy_file(&root.join("LICENSE-MIT"), &out.join("LICENSE-MIT"))?;
    copy_file(&root.join("LICENSE-APACHE"), &out.join("LICENSE-APACHE"))?;
    let dts_path = out.join("wa_numbers.d.ts");
    let dts = declarations(&read(&dts_path)?, &read(&js.join("entry.d.ts"))?)?;
    std::fs::write(&dts_path, &dts).map_err(|e| format!("{}: {e}", dts_path.display()))?;
    // The same declarations for `require`: node.cjs exports the same names
    // (its default export as `exports.default`, marked `__esModule`).
    std::fs::write(out.join("wa_numbers.d.cts"), &dts)
        .map_err(|e| format!("writing pkg/wa_numbers.d.cts: {e}"))?;
    // The raw wasm exports' declarations (mangled, build-dependent names)
    // are no API; the wasm file is exported as an asset only.
    let _ = std::fs::remove_file(out.join("wa_numbers_bg.wasm.d.ts"));
    Ok(())
}

/// The crate's one JS snippet (`js/wire.js`, imported by the wasm) moved from
/// wasm-bindgen's `snippets/<crate>-<hash>/` to the package root, where both
/// glues import it by a stable name: `wire.js` (ES module) from
/// `wa_numbers.js`, `wire.cjs` (CommonJS) from `wa_numbers.cjs`.
fn flatten_snippets(out: &Path) -> Result<(), String> {
    const SNIPPET: &str = "/js/wire.js";
    let web_glue_path = out.join("wa_numbers.js");
    let node_glue_path = out.join("wa_numbers.cjs");
    let web_glue = read(&web_glue_path)?;
    let node_glue = read(&node_glue_path)?;
    // `./snippets/wa-numbers-<hash>/js/tape.js`, as the web glue imports it.
    let snippet_path = web_glue
        .split(['\'', '"', '`'])
        .find(|s| s.starts_with("./snippets/") && s.ends_with(SNIPPET))
        .ok_or("wasm-bindgen's web glue imports no ./snippets/…/js/wire.js (xtask/src/pkg.rs)")?
        .to_owned();
    // The wasm itself must not name the snippet: wasm-bindgen imports a
    // function whose arguments and result need no conversion (JsValue only)
    // straight from the snippet's path, which is renamed below.
    let wasm = std::fs::read(out.join("wa_numbers_bg.wasm"))
        .map_err(|e| format!("reading pkg/wa_numbers_bg.wasm: {e}"))?;
    if wasm
        .windows(b"./snippets/".len())
        .any(|w| w == b"./snippets/")
    {
        return Err(
            "the wasm imports a js/wire.js function by the snippet's own path (one \
                    that takes and returns only JsValue); give it a String, number or bool \
                    so it goes through the glue (xtask/src/pkg.rs)"
                .to_owned(),
        );
    }
    if !node_glue.contains(&snippet_path) {
        return Err(format!(
            "wasm-bindgen's nodejs glue does not require {snippet_path} (xtask/src/pkg.rs)"
        ));
    }
    let wire = read(&root().join("crates/client/js/wire.js"))?;
    write(&out.join("wire.js"), &wire)?;
    write(
        &out.join("wire.cjs"),
        &as_commonjs(
            &wire,
            &[
                "decodeTape",
                "encodeText",
                "packRuleNumbers",
                "packReadinessCall",
                "decodeVerdict",
                "nonFiniteAt",
                "callBack",
            ],
            "crates/client/js/wire.js",
        )?,
    )?;
    write(
        &web_glue_path,
        &web_glue.replace(&snippet_path, "./wire.js"),
    )?;
    write(
        &node_glue_path,
        &node_glue.replace(&snippet_path, "./wire.cjs"),
    )?;
    let _ = std::fs::remove_dir_all(out.join("snippets"));
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("writing {}: {e}", path.display()))
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// A hand-written ES module as CommonJS: each of its `export function
/// <name>`s (exactly `names`, no other export, no import) becomes a plain
/// function assigned to `exports`, so the code is written once.
fn as_commonjs(source: &str, names: &[&str], file: &str) -> Result<String, String> {
    let expected: Vec<String> = names
        .iter()
        .map(|name| format!("export function {name}("))
        .collect();
    let exports: Vec<&str> = source
        .lines()
        .filter(|l| l.starts_with("export "))
        .collect();
    if exports.len() != names.len()
        || !expected
            .iter()
            .all(|e| exports.iter().any(|l| l.starts_with(e.as_str())))
        || source.lines().any(|l| l.starts_with("import "))
    {
        return Err(format!(
            "{file} must export exactly the functions {names:?} (`export function …(`) and \
             import nothing (it is shipped as CommonJS too)"
        ));
    }
    let mut out = String::from("'use strict';\n");
    out.push_str(&source.replace("export function ", "function "));
    for name in names {
        out.push_str(&format!("exports.{name} = {name};\n"));
    }
    Ok(out)
}

/// wasm-bindgen's declarations, mended where they differ from the API:
/// options are optional; the loader's part (raw wasm exports with mangled,
/// build-dependent names, `InitOutput`, DOM-only input types) is replaced by
/// crates/client/js/entry.d.ts; and nothing names ESNext-only `Symbol.dispose`,
/// so a project on ES2022, with or without the DOM lib, compiles it without
/// skipLibCheck.
fn declarations(generated: &str, entry: &str) -> Result<String, String> {
    let mut dts = generated.to_owned();
    for (from, to) in [
        (
            "(phoneNumberId: string, options: CallOptions)",
            "(phoneNumberId: string, options?: CallOptions)",
        ),
        (
            "(phoneNumberId: string, options: WaitOptions)",
            "(phoneNumberId: string, options?: WaitOptions)",
        ),
        (
            "(query: ListAllQuery, options: ListAllOptions)",
            "(query?: ListAllQuery | null, options?: ListAllOptions)",
        ),
        (
            "(query: ListQuery | null | undefined, options: CallOptions)",
            "(query?: ListQuery | null, options?: CallOptions)",
        ),
        ("    [Symbol.dispose](): void;\n", ""),
    ] {
        if !dts.contains(from) {
            return Err(format!(
                "wa_numbers.d.ts no longer declares {from:?}: update xtask/src/pkg.rs"
            ));
        }
        dts = dts.replace(from, to);
    }
    let loader = dts
        .find("export type InitInput")
        .ok_or("wa_numbers.d.ts has no `export type InitInput`: update xtask/src/pkg.rs")?;
    dts.truncate(loader);
    dts.push_str(entry.trim_start_matches('\n'));
    // Code lines only: the doc comments may name them.
    let code: Vec<&str> = dts
        .lines()
        .filter(|l| !l.trim_start().starts_with(['*', '/']))
        .collect();
    for global in [
        "WebAssembly.",
        "RequestInfo",
        "BufferSource",
        "Symbol.dispose",
    ] {
        if code.iter().any(|l| l.contains(global)) {
            return Err(format!(
                "wa_numbers.d.ts names {global}, which a Node project without the DOM lib \
                 (or an ES2022 one) cannot compile: say it structurally"
            ));
        }
    }
    Ok(dts)
}

fn write_manifest(out: &Path) -> Result<(), String> {
    let version = env!("CARGO_PKG_VERSION");
    let repository = "https://example.invalid/wa-numbers";
    // Conditions, first match wins: Node (import or require) gets the
    // CommonJS build that loads itself; everything else (browsers, workers,
    // bundlers, Deno) the ES module with `await init()`. Each path has its
    // own declarations file so TypeScript reads CommonJS as CommonJS.
    let manifest = format!(
        r#"{{
  "name": "wa-numbers",
  "version": "{version}",
  "description": "WhatsApp Business phone numbers from BSP APIs (AntGst, LORA, Meta's Graph API): typed models, readiness rules, fetch client. Rust/WebAssembly.",
  "license": "MIT OR Apache-2.0",
  "repository": {{ "type": "git", "url": "git+{repository}.git" }},
  "homepage": "{repository}#readme",
  "bugs": {{ "url": "{repository}/issues" }},
  "keywords": ["whatsapp", "whatsapp-business", "phone-numbers", "bsp", "meta", "graph-api", "wasm", "webassembly", "campaign"],
  "engines": {{ "node": ">=20" }},
  "type": "module",
  "main": "./node.cjs",
  "module": "./browser.js",
  "types": "./wa_numbers.d.cts",
  "exports": {{
    ".": {{
      "node": {{
        "import": {{ "types": "./wa_numbers.d.ts", "default": "./node.js" }},
        "require": {{ "types": "./wa_numbers.d.cts", "default": "./node.cjs" }}
      }},
      "default": {{ "types": "./wa_numbers.d.ts", "default": "./browser.js" }}
    }},
    "./wa_numbers_bg.wasm": "./wa_numbers_bg.wasm",
    "./package.json": "./package.json"
  }},
  "files": ["browser.js", "guard.js", "guard.cjs", "node.js", "node.cjs", "wire.js", "wire.cjs", "wa_numbers.js", "wa_numbers.cjs", "wa_numbers.d.ts", "wa_numbers.d.cts", "wa_numbers_bg.wasm", "README.md", "LICENSE-MIT", "LICENSE-APACHE"],
  "sideEffects": ["./node.js", "./node.cjs", "./wa_numbers.cjs"]
}}
"#
    );
    std::fs::write(out.join("package.json"), manifest)
        .map_err(|e| format!("writing pkg/package.json: {e}"))?;
    let _ = std::fs::remove_file(out.join(".gitignore"));
    Ok(())
}

pub fn file_size(path: &Path) -> Result<u64, String> {
    std::fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Size after `gzip -9`, as a static host would serve it.
pub fn gzip_size(path: &Path) -> Result<u64, String> {
    let out = cmd("gzip", &["-9", "-c", &path.to_string_lossy()])
        .output()
        .map_err(|e| format!("gzip: {e}"))?;
    Ok(out.stdout.len() as u64)
}
