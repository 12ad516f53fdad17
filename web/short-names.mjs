// Trunk post-build step: the names the dashboard's wasm and its glue share,
// shortened (xtask/wasm-names.mjs: 1.8 KB gzip of wasm, and the glue's share).
// Runs before minify.mjs, which minifies the rewritten glue and hashes it
// again; the wasm's Subresource Integrity hash is written again here.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shortenWasmNames } from '../xtask/wasm-names.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('run by Trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');
const wasm = 'wa-numbers-web_bg.wasm';
shortenWasmNames(join(dir, wasm), [join(dir, 'wa-numbers-web.js')]);
const page = join(dir, 'index.html');
const integrity = `sha384-${createHash('sha384').update(readFileSync(join(dir, wasm))).digest('base64')}`;
let rehashed = 0;
const html = readFileSync(page, 'utf8').replace(/<link\b[^>]*>/g, (tag) => {
  if (!tag.includes(`"./${wasm}"`) || !/integrity="/.test(tag)) return tag;
  rehashed += 1;
  return tag.replace(/integrity="[^"]*"/, `integrity="${integrity}"`);
});
if (rehashed !== 1) throw new Error(`index.html: ${rehashed} tags carry the wasm's integrity hash, expected 1`);
writeFileSync(page, html);
console.log(`short-names: the wasm's and the glue's shared names shortened; the wasm's hash written again`);
