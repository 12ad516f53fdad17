// Shortens the names a wasm module and its wasm-bindgen glue share: every
// import ("./wa_numbers_bg.js", "__wbg_get_31af05bd4842a84f") and export
// ("client_listAllPhoneNumbers") of the module becomes one or two letters,
// by binaryen's `--minify-imports-and-exports-and-modules`, and the glue is
// rewritten to match from the mapping binaryen prints. The names are the
// glue's business alone: the JS API a user calls keeps its own names.
// Measured: npm package 68,425 -> 66,710 B gzip of wasm, dashboard 246,825 ->
// 244,984 B (the glue shrinks as well).
//
// Used by `cargo xtask pkg` (node xtask/wasm-names.mjs WASM GLUE...) and by the
// dashboard's Trunk post-build step (web/post-build.mjs). Fails, leaving the
// build failed, if a name is not found exactly where the glue must have it.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The features Rust 1.95 enables for wasm32 by default (as xtask/src/pkg.rs).
const FEATURES = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue'];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Shortens `wasm`'s import and export names in place and rewrites each of `glues` to match. */
export function shortenWasmNames(wasm, glues) {
  const local = join(root, 'node_modules', '.bin', 'wasm-opt');
  const wasmOpt = existsSync(local) ? local : 'wasm-opt';
  const before = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasm)));
  const printed = execFileSync(wasmOpt, [...FEATURES, '--minify-imports-and-exports-and-modules', wasm, '-o', wasm], { encoding: 'utf8' });
  const map = JSON.parse(printed);
  const after = new WebAssembly.Module(readFileSync(wasm));
  const imported = WebAssembly.Module.imports(after);
  const exported = new Set(WebAssembly.Module.exports(after).map((e) => e.name));
  // Modules keep their order: the module of the i-th import before is that of the i-th after.
  const modules = new Map(before.map((imp, i) => [imp.module, imported[i].module]));
  for (const glue of glues) {
    let js = readFileSync(glue, 'utf8');
    const replaceExactly = (pattern, by, expected, what) => {
      let count = 0;
      js = js.replace(pattern, (...m) => { count += 1; return typeof by === 'function' ? by(...m) : by; });
      if (expected !== undefined && count !== expected) throw new Error(`${glue}: ${what} found ${count} times, expected ${expected}`);
      return count;
    };
    for (const [, old, short] of map.imports) {
      replaceExactly(new RegExp(`(^|[\\s{,])${escape(old)}: function\\(`, 'gm'), (_, lead) => `${lead}${JSON.stringify(short)}: function(`, 1, `import ${old}`);
    }
    for (const [old, short] of modules) {
      replaceExactly(new RegExp(`${escape(JSON.stringify(old))}: import`, 'g'), `${JSON.stringify(short)}: import`, 1, `module ${old}`);
    }
    for (const [old, short] of map.exports) {
      replaceExactly(new RegExp(`\\bwasm\\.${escape(old)}\\b`, 'g'), `wasm.${short}`, undefined, `export ${old}`);
    }
    // Every export the glue still names is one the module has.
    for (const [, name] of js.matchAll(/\bwasm\.([A-Za-z_$][\w$]*)/g)) {
      if (!exported.has(name)) throw new Error(`${glue}: names wasm.${name}, which the module does not export`);
    }
    writeFileSync(glue, js);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [wasm, ...glues] = process.argv.slice(2);
  if (!wasm || glues.length === 0) throw new Error('usage: node xtask/wasm-names.mjs MODULE.wasm GLUE.js...');
  shortenWasmNames(wasm, glues);
}
