// Trunk post-build step: the names the dashboard's wasm and its glue share,
// shortened (xtask/wasm-names.mjs: 1.8 KB gzip of wasm, and the glue's share).
// Runs before minify.mjs, which minifies the rewritten glue and hashes it
// again; the wasm's Subresource Integrity hash is written again here.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shortenWasmNames } from '../xtask/wasm-names.mjs';
import { rewriteIntegrity } from './integrity.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('run by Trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');
const wasm = 'wa-numbers-web_bg.wasm';
shortenWasmNames(join(dir, wasm), [join(dir, 'wa-numbers-web.js')]);
const page = join(dir, 'index.html');
const { html, count } = rewriteIntegrity(readFileSync(page, 'utf8'), `./${wasm}`, readFileSync(join(dir, wasm)));
if (count !== 1) throw new Error(`index.html: ${count} tags carry the wasm's integrity hash, expected 1`);
writeFileSync(page, html);
console.log(`short-names: the wasm's and the glue's shared names shortened; the wasm's hash written again`);
