//! Builds the npm package `wa-numbers` into `pkg/`: release wasm, wasm-bindgen
//! (`--target web`: an ES module that runs in browsers, bundlers, workers and
//! Node via `initSync`), binaryen's wasm-opt -Oz, and a package.json.

use std::path::Path;

use crate::run::{cmd, root, status};

/// Sizes of the built package's wasm, for BENCHMARKS.md and budgets.
pub struct PkgSizes {
    pub wasm_raw: u64,
    pub wasm_gzip: u64,
}

/// The features Rust 1.95 enables for wasm32 by default; wasm-opt must accept them.
pub const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

pub fn build() -> Result<PkgSizes, String> {
    let root = root();
    println!(
        "xtask: building the npm package into pkg/ (release wasm, wasm-bindgen, wasm-opt -Oz)"
    );
    status(&mut cmd(
        "cargo",
        &[
            "build",
            "--locked",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "wa-numbers",
        ],
    ))?;
    let wasm_in = root.join("target/wasm32-unknown-unknown/release/wa_numbers.wasm");
    let out = root.join("pkg");
    let _ = std::fs::remove_dir_all(&out);
    status(&mut cmd(
        "wasm-bindgen",
        &[
            "--target",
            "web",
            "--out-dir",
            &out.to_string_lossy(),
            "--out-name",
            "wa_numbers",
            &wasm_in.to_string_lossy(),
        ],
    ))?;
    let wasm = out.join("wa_numbers_bg.wasm");
    let wasm_text = wasm.to_string_lossy().into_owned();
    let mut opt_args = vec!["-Oz", "--strip-debug", "--strip-producers"];
    opt_args.extend_from_slice(WASM_FEATURES);
    opt_args.extend_from_slice(&[&wasm_text, "-o", &wasm_text]);
    status(&mut cmd("wasm-opt", &opt_args))?;
    finish_package(&out)?;
    write_manifest(&out)?;
    let sizes = PkgSizes {
        wasm_raw: file_size(&wasm)?,
        wasm_gzip: gzip_size(&wasm)?,
    };
    println!(
        "xtask: pkg/wa_numbers_bg.wasm is {} B raw, {} B gzip -9",
        sizes.wasm_raw, sizes.wasm_gzip
    );
    Ok(sizes)
}

/// The hand-written entries (crates/client/js: `browser.js` guards the glue,
/// `node.js` loads the wasm at import), the npm README and both licences, and
/// the declarations mended where wasm-bindgen's differ from the API: options
/// are optional, and the guard's `isWaNumbersError` is declared.
fn finish_package(out: &Path) -> Result<(), String> {
    let root = root();
    let copy = |from: &Path, to: &str| {
        std::fs::copy(from, out.join(to))
            .map(|_| ())
            .map_err(|e| format!("{}: {e}", from.display()))
    };
    copy(&root.join("crates/client/js/browser.js"), "browser.js")?;
    copy(&root.join("crates/client/js/node.js"), "node.js")?;
    copy(&root.join("crates/client/README.md"), "README.md")?;
    copy(&root.join("LICENSE-MIT"), "LICENSE-MIT")?;
    copy(&root.join("LICENSE-APACHE"), "LICENSE-APACHE")?;
    let dts_path = out.join("wa_numbers.d.ts");
    let mut dts =
        std::fs::read_to_string(&dts_path).map_err(|e| format!("{}: {e}", dts_path.display()))?;
    for (from, to) in [
        (
            "(id: string, options: CallOptions)",
            "(id: string, options?: CallOptions)",
        ),
        (
            "(id: string, options: WaitOptions)",
            "(id: string, options?: WaitOptions)",
        ),
        (
            "(query: ListAllQuery, options: ListAllOptions)",
            "(query?: ListAllQuery | null, options?: ListAllOptions)",
        ),
        (
            "(query: ListQuery | null | undefined, options: CallOptions)",
            "(query?: ListQuery | null, options?: CallOptions)",
        ),
    ] {
        if !dts.contains(from) {
            return Err(format!(
                "wa_numbers.d.ts no longer declares {from:?}: update xtask/src/pkg.rs"
            ));
        }
        dts = dts.replace(from, to);
    }
    // The loader's types name DOM and ESNext globals; a Node project without
    // the DOM lib (or a DOM project on ES2022) would not compile them. They
    // are said structurally instead.
    for (from, to) in [
        ("    [Symbol.dispose](): void;\n", ""),
        (
            "RequestInfo | URL | Response | BufferSource | WebAssembly.Module",
            "string | URL | Response | ArrayBuffer | ArrayBufferView | WasmModule",
        ),
        (
            "SyncInitInput = BufferSource | WebAssembly.Module",
            "SyncInitInput = ArrayBuffer | ArrayBufferView | WasmModule",
        ),
        (
            "readonly memory: WebAssembly.Memory;",
            "readonly memory: { readonly buffer: ArrayBuffer };",
        ),
        (
            "readonly __wbindgen_externrefs: WebAssembly.Table;",
            "readonly __wbindgen_externrefs: object;",
        ),
    ] {
        if !dts.contains(from) {
            return Err(format!(
                "wa_numbers.d.ts no longer declares {from:?}: update xtask/src/pkg.rs"
            ));
        }
        dts = dts.replace(from, to);
    }
    dts.push_str(
        "\n/** A compiled `WebAssembly.Module` (typed without the DOM lib). */\n\
         export type WasmModule = object;\n\
         \n/** Whether `value` is an error thrown (or rejected with) by wa-numbers. */\n\
         export function isWaNumbersError(value: unknown): value is WaNumbersError;\n",
    );
    std::fs::write(&dts_path, dts).map_err(|e| format!("{}: {e}", dts_path.display()))
}

fn write_manifest(out: &std::path::Path) -> Result<(), String> {
    let version = env!("CARGO_PKG_VERSION");
    let repository = "https://example.invalid/wa-numbers";
    let manifest = format!(
        r#"{{
  "name": "wa-numbers",
  "version": "{version}",
  "description": "WhatsApp Business phone numbers from BSP APIs (AntGst, LORA, Meta's Graph API): typed models, readiness rules, fetch client. Rust/WebAssembly.",
  "license": "MIT OR Apache-2.0",
  "repository": {{ "type": "git", "url": "{repository}" }},
  "homepage": "{repository}",
  "keywords": ["whatsapp", "whatsapp-business", "phone-numbers", "bsp", "meta", "graph-api", "wasm", "campaign"],
  "engines": {{ "node": ">=20.19" }},
  "type": "module",
  "main": "node.js",
  "module": "browser.js",
  "types": "wa_numbers.d.ts",
  "exports": {{
    ".": {{ "types": "./wa_numbers.d.ts", "node": "./node.js", "default": "./browser.js" }},
    "./wa_numbers_bg.wasm": {{ "types": "./wa_numbers_bg.wasm.d.ts", "default": "./wa_numbers_bg.wasm" }},
    "./package.json": "./package.json"
  }},
  "files": ["browser.js", "node.js", "wa_numbers.js", "wa_numbers.d.ts", "wa_numbers_bg.wasm", "wa_numbers_bg.wasm.d.ts", "README.md", "LICENSE-MIT", "LICENSE-APACHE"],
  "sideEffects": ["./node.js"]
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
