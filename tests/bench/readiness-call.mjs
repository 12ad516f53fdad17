// One evaluateReadiness call from JS, measured on its own: BENCHMARKS.md's
// figure (10,000 calls in headless Chromium through the web glue, as run.mjs
// measures it) plus the same in Node (the package's own entry), with
// evaluateReadinessAll and the parse of 10,000 AntGst rows against the
// hand-written JS (tests/bench/baseline.js), and the package's wasm size. For comparing ways of moving arguments and results
// across the boundary (README, "Design notes") without the whole
// `cargo xtask bench`. Needs `cargo xtask pkg` and a sandbox (WA_SANDBOX_URL):
//   WA_SANDBOX_URL=http://127.0.0.1:18590 node tests/bench/readiness-call.mjs [rounds]
//
// Each figure is the median of `rounds` rounds, in CPU time of the thread
// that runs the calls (Chromium's main-thread ThreadTime, Node's process CPU
// time), with wall time beside it: on a shared machine wall time swings with
// the neighbours' load (up to 2× here). CPU time swings less but still does
// when they share the core, so compare variants in interleaved runs and
// trust a run whose evaluateReadinessAll (the control, if a variant leaves it
// alone) is at its usual value.
import { chromium } from '@playwright/test';
import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const sandbox = process.env.WA_SANDBOX_URL;
if (!sandbox) throw new Error('set WA_SANDBOX_URL (cargo run -p wa-numbers-sandbox -- --port N)');
const rounds = Number(process.argv[2] || 15);

// The numbers of run.mjs: 9,996 generated + 4 seeds, as AntGst serves them.
const scope = `${sandbox}/__sandbox/scopes/bench-call`;
if ((await fetch(scope, { method: 'PUT', body: JSON.stringify({ numbers: 9996 }) })).status !== 200) throw new Error('scope');
const rows = [];
for (let p = 1; p <= 100; p++) {
  const r = await fetch(`${sandbox}/s/bench-call/v1/whatsapp/businessPhoneNumber?pageNo=${p}&pageSize=100`, { headers: { Authorization: 'Bearer bench' } });
  rows.push(...(await r.json()).data);
}
const body = JSON.stringify({ data: rows, total: rows.length, size: rows.length, current: 1, pages: 1 });

// Both run in Node and in the page (the page gets them as source).
function setup({ wa, text }) {
  const numbers = wa.parsePhoneNumbers('antgst', text).numbers;
  const campaign = { recipients: 5000, minQuality: 'GREEN' };
  globalThis.benchCall = { wa, numbers, campaign, text, reading: 5000 };
  // Every verdict, both ways, so variants can be proved equal by a digest.
  const verdicts = JSON.stringify(numbers.map((n) => wa.evaluateReadiness(n, campaign)));
  if (verdicts !== JSON.stringify(wa.evaluateReadinessAll(numbers, campaign))) throw new Error('evaluateReadinessAll disagrees');
  return verdicts;
}
function part(name) {
  const { wa, numbers, campaign, text } = globalThis.benchCall;
  const t = performance.now();
  if (name === 'each') for (const n of numbers) wa.evaluateReadiness(n, campaign);
  else if (name === 'fresh') {
    // Every call a campaign never read before: no verdict is remembered.
    const fresh = { recipients: 0, minQuality: 'GREEN' };
    for (const n of numbers) { fresh.recipients = ++globalThis.benchCall.reading; wa.evaluateReadiness(n, fresh); }
  }
  else if (name === 'all') wa.evaluateReadinessAll(numbers, campaign);
  else if (name === 'parse') wa.parsePhoneNumbers('antgst', text);
  else window.parseAntgstInJs(text);
  return performance.now() - t;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

const parts = ['each', 'fresh', 'all', 'parse', 'js'];

/** Two warm-up rounds, then `rounds` of each part: { each: {cpu, wall}, all: …, parse: …, js: … } medians in ms. */
async function measure(run, cpuMs) {
  const times = Object.fromEntries(parts.map((name) => [name, { cpu: [], wall: [] }]));
  for (let r = 0; r < rounds + 2; r++) {
    for (const name of parts) {
      const c = await cpuMs();
      const wall = await run(name);
      const cpu = (await cpuMs()) - c;
      if (r >= 2) { times[name].cpu.push(cpu); times[name].wall.push(wall); }
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, t]) => [k, { cpu: median(t.cpu), wall: median(t.wall) }]));
}

function report(where, verdicts, m) {
  const digest = createHash('sha256').update(verdicts).digest('hex').slice(0, 12);
  const us = (ms) => round((ms / 10000) * 1000);
  console.log(`${where}: one call ${us(m.each.cpu)} µs CPU (wall ${us(m.each.wall)} µs), one that judges ${us(m.fresh.cpu)} µs CPU (wall ${us(m.fresh.wall)} µs); `
    + `evaluateReadinessAll of 10,000 ${round(m.all.cpu, 1)} ms CPU (wall ${round(m.all.wall, 1)} ms); verdicts ${digest}`);
  console.log(`${where}: parsePhoneNumbers of 10,000 ${round(m.parse.cpu, 1)} ms CPU (wall ${round(m.parse.wall, 1)} ms), `
    + `hand-written JS ${round(m.js.cpu, 1)} ms CPU (wall ${round(m.js.wall, 1)} ms): ${round(m.parse.cpu / m.js.cpu, 2)}× in CPU time`);
}

const wasm = readFileSync(`${root}pkg/wa_numbers_bg.wasm`);
const gzip = execFileSync('gzip', ['-9', '-c', `${root}pkg/wa_numbers_bg.wasm`]).length;
const brotli = brotliCompressSync(wasm, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length;
console.log(`pkg/wa_numbers_bg.wasm: ${wasm.length} B raw, ${gzip} B gzip -9, ${brotli} B brotli 11; ${rounds} rounds`);

const node = await import(`${root}pkg/node.js`);
globalThis.window = globalThis; // baseline.js defines its parser on `window`
await import(`${root}tests/bench/baseline.js`);
const nodeVerdicts = setup({ wa: node, text: body });
const processMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
report(`Node ${process.version}`, nodeVerdicts, await measure(async (name) => part(name), processMs));

const port = await new Promise((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});
const server = spawn('node', [`${root}tests/e2e/server.mjs`], { env: { ...process.env, E2E_PORT: String(port) }, stdio: 'ignore' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
try {
  await new Promise((r) => setTimeout(r, 500));
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/bench.html`);
  await page.waitForFunction(() => window.benchReady === true);
  await page.addScriptTag({ path: `${root}tests/bench/baseline.js` });
  await page.evaluate(({ setup, part }) => { window.benchSetup = (0, eval)(`(${setup})`); window.benchPart = (0, eval)(`(${part})`); },
    { setup: setup.toString(), part: part.toString() });
  const verdicts = await page.evaluate((text) => window.benchSetup({ wa: window.wa, text }), body);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const threadMs = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime').value * 1000;
  report(`Chromium ${browser.version()}`, verdicts, await measure((name) => page.evaluate((n) => window.benchPart(n), name), threadMs));
} finally {
  await browser.close();
  server.kill();
}
