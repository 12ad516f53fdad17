// Two builds of the dashboard compared on the figures `cargo xtask bench`
// measures at 100,000 numbers (time until every row is shown, keystroke to
// table, memory) and the demo's first row, in interleaved rounds: on a shared
// machine one build measured alone swings up to 2x, so each round runs A then
// B (then B then A) against the same sandbox. For choosing between builds
// (a profile setting, a code change); BENCHMARKS.md's figures come from
// `cargo xtask bench`. Each build is a copy of dist/ (Trunk's output):
//   cp -r dist /tmp/distA   # ... change, rebuild ...   cp -r dist /tmp/distB
//   WA_SANDBOX_URL=http://127.0.0.1:18181 [WA_SANDBOX_TLS_URL=https://127.0.0.1:18182] \
//     node tests/bench/dashboard-ab.mjs /tmp/distA /tmp/distB [rounds]
import { chromium } from '@playwright/test';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const sandbox = process.env.WA_SANDBOX_URL;
if (!sandbox) throw new Error('set WA_SANDBOX_URL (cargo run -p wa-numbers-sandbox -- --port N)');
const [dirA, dirB, roundsArg] = process.argv.slice(2);
if (!dirA || !dirB) throw new Error('usage: dashboard-ab.mjs DIST_A DIST_B [rounds]');
const rounds = Number(roundsArg || 3);
const builds = { A: dirA, B: dirB };

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
const server = createServer(async (req, res) => {
  // /A/... from the first build, /B/... from the second.
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const dir = builds[path.slice(1, 2)];
  const rest = normalize(path.slice(3) || 'index.html').replace(/^(\.\.[/\\])+/, '');
  try {
    const file = join(dir, rest.endsWith('/') || rest === '' ? `${rest}index.html` : rest);
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;

const put = await fetch(`${sandbox}/__sandbox/scopes/ab-100k`, { method: 'PUT', body: JSON.stringify({ numbers: 99996 }) });
if (put.status !== 200) throw new Error(`sandbox scope: HTTP ${put.status}`);
// The dashboard reads over HTTPS with HTTP/2 when WA_SANDBOX_TLS_URL is given
// (the sandbox's --tls-port), as `cargo xtask bench` measures it.
const big = `${process.env.WA_SANDBOX_TLS_URL || sandbox}/s/ab-100k`;

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const median = (xs) => percentile(xs, 50);

/** One build, once: the demo's first row, then 100,000 rows, typing, memory. */
async function measure(browser, name) {
  const first = await browser.newPage();
  await first.addInitScript(() => {
    new MutationObserver((_, o) => {
      if (document.querySelector('tbody tr.row')) { window.firstRowAt = performance.now(); o.disconnect(); }
    }).observe(document, { childList: true, subtree: true });
  });
  await first.goto(`${base}/${name}/?demo=1`);
  await first.waitForFunction(() => window.firstRowAt !== undefined);
  const firstRow = await first.evaluate(() => window.firstRowAt);
  await first.close();

  const p = await browser.newPage();
  await p.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => { window.wasmMemory = Object.values(e.detail.wasm).find((v) => v instanceof WebAssembly.Memory); });
  });
  await p.goto(`${base}/${name}/`);
  await p.selectOption('#provider', 'antgst');
  await p.fill('#base-url', big);
  await p.fill('#api-key', 'ab');
  const at = Date.now();
  await p.click('button[type=submit]');
  await p.waitForSelector('.loaded', { timeout: 300_000 });
  const load = Date.now() - at;
  await p.evaluate(() => {
    window.keyTimes = [];
    let t0 = 0;
    document.addEventListener('keydown', () => { t0 = performance.now(); }, true);
    new MutationObserver(() => { if (t0) { window.keyTimes.push(performance.now() - t0); t0 = 0; } })
      .observe(document.querySelector('tbody'), { childList: true, subtree: true, characterData: true });
  });
  await p.focus('#filter-text');
  for (const word of ['ShopItalia', 'Bottega 4', 'sport', 'gen-1-0001']) {
    await p.keyboard.type(word, { delay: 60 });
    for (let i = 0; i < word.length; i++) await p.keyboard.press('Backspace', { delay: 60 });
  }
  const keys = await p.evaluate(() => window.keyTimes);
  const memory = await p.evaluate(() => (performance.memory.usedJSHeapSize + (window.wasmMemory ? window.wasmMemory.buffer.byteLength : 0)) / 1e6);
  await p.close();
  return { firstRow, load, p50: percentile(keys, 50), p95: percentile(keys, 95), memory };
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--enable-precise-memory-info', '--js-flags=--expose-gc', '--ignore-certificate-errors'] });
const seen = { A: [], B: [] };
try {
  for (let r = 0; r < rounds; r++) {
    for (const name of r % 2 ? ['B', 'A'] : ['A', 'B']) {
      const m = await measure(browser, name);
      seen[name].push(m);
      console.log(`round ${r + 1} ${name}: first row ${m.firstRow.toFixed(0)} ms, 100,000 shown ${m.load} ms, keystroke p50 ${m.p50.toFixed(1)} / p95 ${m.p95.toFixed(1)} ms, memory ${m.memory.toFixed(1)} MB`);
    }
  }
} finally {
  await browser.close();
  server.close();
}
for (const name of ['A', 'B']) {
  const of = (k) => median(seen[name].map((m) => m[k]));
  console.log(`${name} (${builds[name]}), medians of ${rounds}: first row ${of('firstRow').toFixed(0)} ms, 100,000 shown ${of('load')} ms, keystroke p50 ${of('p50').toFixed(1)} / p95 ${of('p95').toFixed(1)} ms, memory ${of('memory').toFixed(1)} MB`);
}
