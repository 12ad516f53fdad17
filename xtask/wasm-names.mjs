// Shortens the names a wasm module and its wasm-bindgen glue share: every
// import ("./wa_numbers_bg.js", "__wbg_get_31af05bd4842a84f") and export
// ("client_listAllPhoneNumbers") of the module becomes one or two letters,
// by binaryen's `--minify-imports-and-exports-and-modules`, and the glue is
// rewritten to match from the mapping binaryen prints. The names are the
// glue's business alone: the JS API a user calls keeps its own names.
// Measured: npm package 68,425 -> 66,710 B gzip of wasm, dashboard 246,825 ->
// 244,997 B, and its glue 7,167 -> 4,674 B.
//
// Used by `cargo xtask pkg` (node xtask/wasm-names.mjs WASM GLUE... -- PASSES...,
// its optimization passes run in the same wasm-opt run) and by the dashboard's
// Trunk post-build step (web/post-build.mjs). Fails, leaving the
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

/**
 * Shortens `wasm`'s import and export names in place (after wasm-opt's `passes`,
 * if any, in the same run) and rewrites each of `glues` to match.
 */
export function shortenWasmNames(wasm, glues, passes = []) {
  const local = join(root, 'node_modules', '.bin', 'wasm-opt');
  const wasmOpt = existsSync(local) ? local : 'wasm-opt';
  const before = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasm)));
  const printed = execFileSync(wasmOpt, [...FEATURES, ...passes, '--minify-imports-and-exports-and-modules', wasm, '-o', wasm], { encoding: 'utf8' });
  // One mapping per time the pass ran (`--converge` runs the passes again while
  // the module shrinks): each renames the names the one before gave.
  const runs = printed.split(/^\}$/m).map((doc) => doc.trim()).filter(Boolean).map((doc) => JSON.parse(`${doc}}`));
  if (runs.length === 0) throw new Error('wasm-opt printed no mapping of the names');
  const compose = (pairs, rename) => {
    // Looked up in the names as they were before this run (a run may swap two).
    const originOf = new Map(pairs.map(([old, short]) => [short, old]));
    if (originOf.size !== pairs.length) throw new Error('wasm-opt gave two names the same short name');
    const current = new Map(pairs);
    for (const [from, to] of rename) {
      if (!originOf.has(from)) throw new Error(`wasm-opt renamed ${from}, a name it had not given`);
      current.set(originOf.get(from), to);
    }
    return [...current];
  };
  const chain = (first, later) => later.reduce(compose, first);
  const imports = chain(runs[0].imports.map(([, old, short]) => [old, short]),
    runs.slice(1).map((run) => run.imports.map(([, from, to]) => [from, to])));
  const exports = chain(runs[0].exports, runs.slice(1).map((run) => run.exports));
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
    };
    for (const [old, short] of imports) {
      replaceExactly(new RegExp(`(^|[\\s{,])${escape(old)}: function\\(`, 'gm'), (_, lead) => `${lead}${JSON.stringify(short)}: function(`, 1, `import ${old}`);
    }
    for (const [old, short] of modules) {
      replaceExactly(new RegExp(`${escape(JSON.stringify(old))}: import`, 'g'), `${JSON.stringify(short)}: import`, 1, `module ${old}`);
    }
    for (const [old, short] of exports) {
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
  const args = process.argv.slice(2);
  const cut = args.indexOf('--');
  const [wasm, ...glues] = cut < 0 ? args : args.slice(0, cut);
  if (!wasm || glues.length === 0) throw new Error('usage: node xtask/wasm-names.mjs MODULE.wasm GLUE.js... [-- WASM-OPT-PASS...]');
  shortenWasmNames(wasm, glues, cut < 0 ? [] : args.slice(cut + 1));
}
