// Trunk post-build hook: minifies the dashboard's JS (wasm-bindgen's glue and
// the client's wire.js snippet) and CSS in the staging dir with esbuild (pinned
// in package.json). Names a portal imports (`mount`, `default`) are exports,
// which minifying keeps. Measured on the glue and wire.js: 14,409 -> 8,933 B gzip.
// Trunk's own `minify` could not parse the glue and rewrote index.html's meta tags.
// Trunk has already written each file's Subresource Integrity hash into
// index.html: every file changed here gets its hash written again, or the
// browser would refuse it.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { transformSync } from 'esbuild';
import { rewriteIntegrity } from './integrity.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('run by Trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');
const loaders = { js: 'js', css: 'css' };
const page = join(dir, 'index.html');
let html = readFileSync(page, 'utf8');
let before = 0;
let after = 0;
let rehashed = 0;
for (const name of readdirSync(dir, { recursive: true })) {
  const loader = loaders[String(name).split('.').pop()];
  if (!loader) continue;
  const file = join(dir, String(name));
  const source = readFileSync(file, 'utf8');
  const { code } = transformSync(source, { loader, minify: true, format: loader === 'js' ? 'esm' : undefined, target: 'es2020', legalComments: 'none' });
  writeFileSync(file, code);
  before += source.length;
  after += code.length;
  // The tags that name this file (`./path`) and carry its hash.
  const written = rewriteIntegrity(html, `./${String(name).split(sep).join('/')}`, code);
  html = written.html;
  rehashed += written.count;
}
writeFileSync(page, html);
console.log(`minify: JS and CSS ${before} -> ${after} B; ${rehashed} integrity hash(es) rewritten`);
