// `cargo xtask reliability`: every sandbox fault × every client operation ×
// every provider, run through the npm package in headless Chromium. Each
// cell's outcome (recovered, or which typed error), the requests the sandbox
// saw and the time are written to RELIABILITY.md; the run fails on a cell that
// ends in an unhandled rejection or page error, a non-typed error, a duplicated
// or missing row, a timer or fetch still running after the call ended, or the
// credential anywhere in a URL.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const sandbox = process.env.WA_SANDBOX_URL;
if (!sandbox) throw new Error('WA_SANDBOX_URL is set by `cargo xtask reliability`');
const KEY = 'sk-rel-SECRET-31';

const FAULTS = {
  none: [],
  'latency 300 ms': 'latency',
  '429 ×2 (Retry-After 1 s)': [{ kind: 'rate_limit', retryAfter: 1, count: 2 }],
  '429 always (Retry-After 30 s)': [{ kind: 'rate_limit', retryAfter: 30 }],
  '500 ×2': [{ kind: 'status', status: 500, count: 2 }],
  '503 always': [{ kind: 'status', status: 503 }],
  'drop ×1': [{ kind: 'drop', count: 1 }],
  'truncate ×1': [{ kind: 'truncate', count: 1 }],
  'malformed always': [{ kind: 'malformed' }],
  'HTML instead of JSON': [{ kind: 'wrong_content_type' }],
  'shifting total': [{ kind: 'shifting_total' }],
  'repeated cursor (Meta)': [{ kind: 'repeat_cursor', path: 'after=' }],
};
const PROVIDERS = {
  antgst: { path: '', config: {} },
  lora: { path: '', config: {} },
  meta: { path: '/v24.0', config: { wabaId: 'waba-1-000' } },
};
const OPS = ['list', 'listAll', 'detail', 'waitForOnboarding'];

async function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}
async function scope(name, config) {
  const r = await fetch(`${sandbox}/__sandbox/scopes/${name}`, { method: 'PUT', body: JSON.stringify(config) });
  if (r.status !== 200) throw new Error(`scope ${name}: ${r.status}`);
  return `${sandbox}/s/${name}`;
}

const port = await freePort();
const server = spawn('node', [`${root}tests/e2e/server.mjs`], { env: { ...process.env, E2E_PORT: String(port) }, stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const rows = [];
let failures = 0;
try {
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`http://127.0.0.1:${port}/bench.html`);
  await page.waitForFunction(() => window.benchReady === true);
  await page.evaluate(() => {
    window.unhandled = [];
    window.addEventListener('unhandledrejection', (e) => window.unhandled.push(String(e.reason && e.reason.message)));
    // What is still scheduled or in flight once a call has ended: a retry's
    // sleep or a fetch that outlives its call's abort or timeout is a leak.
    const { setTimeout: set, clearTimeout: clear, fetch: fetchFn } = window;
    window.liveTimers = new Set();
    window.liveFetches = 0;
    window.setTimeout = (fn, ms, ...args) => {
      const id = set(() => { window.liveTimers.delete(id); if (typeof fn === 'function') fn(...args); }, ms);
      window.liveTimers.add(id);
      return id;
    };
    window.clearTimeout = (id) => { window.liveTimers.delete(id); clear(id); };
    window.fetch = (...args) => {
      window.liveFetches += 1;
      return fetchFn(...args).finally(() => { window.liveFetches -= 1; });
    };
  });
  const complete = {};
  for (const [provider, { path, config }] of Object.entries(PROVIDERS)) {
    for (const op of OPS) {
      for (const [fault, rules] of Object.entries(FAULTS)) {
        if (fault.includes('(Meta)') && provider !== 'meta') continue;
        const name = `rel-${provider}-${op}-${Object.keys(FAULTS).indexOf(fault)}`;
        const base = await scope(name, {
          // Meta: enough numbers that a WABA takes two pages (a cursor to repeat).
          numbers: provider === 'meta' ? 1200 : 250, onboardingDelayMs: 1500,
          latencyMs: rules === 'latency' ? 300 : 0,
          faults: rules === 'latency' ? [] : rules,
        });
        const cell = await page.evaluate(async ({ provider, base, config, op, KEY }) => {
          const started = performance.now();
          const client = new window.wa.Client({ provider, baseUrl: base, apiKey: KEY, retries: 2, timeoutMs: 8000, ...config });
          try {
            let rows = 0, ids = [], truncated = false;
            if (op === 'list') rows = (await client.listPhoneNumbers(provider === 'antgst' ? { pageSize: 100 } : {})).numbers.length;
            if (op === 'listAll') { const all = await client.listAllPhoneNumbers(); ids = all.numbers.map((n) => n.id); rows = ids.length; truncated = all.truncated; }
            if (op === 'detail') rows = (await client.getPhoneNumber('waba-num-001')) ? 1 : 0;
            if (op === 'waitForOnboarding') {
              const id = provider === 'meta' ? 'waba-num-001' : 'waba-num-002';
              rows = (await client.waitForOnboarding(id, { intervalMs: 300, timeoutMs: 10000 })) ? 1 : 0;
            }
            return { ok: true, rows, truncated, duplicates: ids.length - new Set(ids).size, ms: performance.now() - started };
          } catch (e) {
            return { ok: false, kind: e && e.kind, name: e && e.name, message: String(e && e.message), ms: performance.now() - started };
          } finally {
            client.free();
          }
        }, { provider, base: `${base}${path}`, config, op, KEY });
        const log = await (await fetch(`${sandbox}/__sandbox/scopes/${name}/requests`)).json();
        const leaked = log.some((r) => r.url.includes(KEY) || r.url.includes('SECRET')) || (cell.message || '').includes(KEY);
        // A moment for aborted fetches to settle, then nothing may be left running.
        const left = await page.evaluate(async () => {
          await new Promise((r) => setTimeout(r, 100));
          return { timers: window.liveTimers.size, fetches: window.liveFetches };
        });
        const unhandled = await page.evaluate(() => window.unhandled.splice(0));
        const problems = [];
        if (!cell.ok && !cell.kind) problems.push(`untyped error: ${cell.name} ${cell.message}`);
        if (cell.duplicates) problems.push(`${cell.duplicates} duplicated rows`);
        // Every row, once the load says it is complete: the fault-free cell counts them.
        if (op === 'listAll' && cell.ok && !cell.truncated) {
          complete[provider] ??= cell.rows;
          if (cell.rows !== complete[provider]) problems.push(`${complete[provider] - cell.rows} rows missing`);
        }
        if (left.timers || left.fetches) problems.push(`still running after the call: ${left.timers} timers, ${left.fetches} fetches`);
        if (leaked) problems.push('credential in a URL or message');
        if (unhandled.length || pageErrors.length) problems.push(`unhandled: ${[...unhandled, ...pageErrors.splice(0)].join('; ')}`);
        failures += problems.length ? 1 : 0;
        const outcome = !cell.ok ? `\`${cell.kind}\``
          : cell.truncated ? `stopped, \`truncated\` (${cell.rows} rows)` : `recovered (${cell.rows} rows)`;
        rows.push(`| ${provider} | ${op} | ${fault} | ${outcome} | ${log.length} | ${Math.round(cell.ms)} ms | ${problems.join('; ') || 'ok'} |`);
        console.log(`reliability: ${provider} ${op} ${fault}: ${outcome}, ${log.length} requests, ${Math.round(cell.ms)} ms${problems.length ? ' PROBLEM ' + problems.join('; ') : ''}`);
      }
    }
  }
} finally {
  await browser.close();
  server.kill();
}

const table = [
  '<!-- fault matrix: written by `cargo xtask reliability` -->',
  `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC in headless Chromium through the npm package; client \`retries: 2\`, \`timeoutMs: 8000\`; a fresh sandbox scope per cell (250 generated numbers + the seeds; 1,200 for Meta, so that a WABA takes two pages). "Requests" is what the sandbox saw (Chromium may re-send a GET itself after a dropped connection). A cell fails on an unhandled rejection or page error, an error without \`kind\`, a duplicated row, a row missing from a load that says it is complete, a timer or fetch still running 100 ms after the call ended (abort, timeout or success), or the credential in a URL or message: **${failures} failed** of ${rows.length}.`,
  '',
  '| provider | operation | fault | outcome | requests | time | checks |',
  '|---|---|---|---|---|---|---|',
  ...rows,
  '<!-- end of fault matrix -->',
].join('\n');
const file = `${root}RELIABILITY.md`;
let doc = readFileSync(file, 'utf8');
const start = doc.indexOf('<!-- fault matrix');
const end = doc.indexOf('<!-- end of fault matrix -->');
doc = start >= 0 && end > start
  ? doc.slice(0, start) + table + doc.slice(end + '<!-- end of fault matrix -->'.length)
  : doc.replace('## Not done yet', `## Fault matrix: \`cargo xtask reliability\`\n\n${table}\n\n## Not done yet`);
writeFileSync(file, doc);
console.log(`reliability: ${rows.length} cells, ${failures} failed; RELIABILITY.md written`);
process.exit(failures ? 1 : 0);
