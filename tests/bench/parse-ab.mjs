// parsePhoneNumbers of one 10,000-row AntGst page, for comparing builds of
// the package side by side: each variant is a copy of `pkg/` (`cp -r pkg
// /tmp/pkgA`), all loaded at once (one wasm instance each, in Node and in
// one headless Chromium page each), and their rounds interleaved, so a
// neighbour's load on this shared machine falls on every variant alike.
// Needs a sandbox for the rows (the same 9,996 + 4 as readiness-call.mjs):
//   WA_SANDBOX_URL=http://127.0.0.1:18381 node tests/bench/parse-ab.mjs 15 /tmp/pkgA /tmp/pkgB
// Optional: WA_PARTS=parse,js,all,each,fresh (default parse,js), WA_ONLY=node|chromium.
// Each figure is the median over the rounds, in CPU time of the thread that
// parses (Chromium's main-thread ThreadTime, Node's process CPU time). Every
// variant's result must be the same as the first's (JSON text compared).
import { chromium } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const sandbox = process.env.WA_SANDBOX_URL;
if (!sandbox) throw new Error('set WA_SANDBOX_URL (cargo run -p wa-numbers-sandbox -- --port N)');
const rounds = Number(process.argv[2] || 15);
const dirs = process.argv.slice(3).map((d) => resolve(d));
if (dirs.length === 0) dirs.push(join(root, 'pkg'));
const parts = (process.env.WA_PARTS || 'parse,js').split(',');
const only = process.env.WA_ONLY;

const scope = `${sandbox}/__sandbox/scopes/bench-ab`;
if ((await fetch(scope, { method: 'PUT', body: JSON.stringify({ numbers: 9996 }) })).status !== 200) throw new Error('scope');
const rows = [];
for (let p = 1; p <= 100; p++) {
  const r = await fetch(`${sandbox}/s/bench-ab/v1/whatsapp/businessPhoneNumber?pageNo=${p}&pageSize=100`, { headers: { Authorization: 'Bearer bench' } });
  rows.push(...(await r.json()).data);
}
const body = JSON.stringify({ data: rows, total: rows.length, size: rows.length, current: 1, pages: 1 });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const digest = (s) => createHash('sha256').update(s).digest('hex').slice(0, 12);

// Runs in Node and in the pages.
function part(wa, name, text, state) {
  const t = performance.now();
  if (name === 'parse') wa.parsePhoneNumbers('antgst', text);
  else if (name === 'js') globalThis.parseAntgstInJs(text);
  else if (name === 'all') wa.evaluateReadinessAll(state.numbers, state.campaign);
  else if (name === 'each') for (const n of state.numbers) wa.evaluateReadiness(n, state.campaign);
  else if (name === 'fresh') {
    // Every call a campaign never read before: no verdict is remembered.
    const fresh = { recipients: 0, minQuality: 'GREEN' };
    for (const n of state.numbers) { fresh.recipients = ++state.reading; wa.evaluateReadiness(n, fresh); }
  }
  return performance.now() - t;
}
function prepare(wa, text) {
  const page = wa.parsePhoneNumbers('antgst', text);
  const campaign = { recipients: 5000, minQuality: 'GREEN' };
  return { numbers: page.numbers, campaign, reading: 5000, out: JSON.stringify(page), verdicts: JSON.stringify(wa.evaluateReadinessAll(page.numbers, campaign)) };
}

/** Interleaved rounds: rotate which variant goes first. times[v][part] = [cpu…]. */
async function interleave(run, cpuMs) {
  const times = dirs.map(() => Object.fromEntries(parts.map((p) => [p, []])));
  for (let r = 0; r < rounds + 2; r++) {
    for (let k = 0; k < dirs.length; k++) {
      const v = (r + k) % dirs.length;
      for (const name of parts) {
        const c = await cpuMs(v);
        await run(v, name);
        const cpu = (await cpuMs(v)) - c;
        if (r >= 2) times[v][name].push(cpu);
      }
    }
  }
  return times;
}

function report(where, times, checks) {
  for (let v = 0; v < dirs.length; v++) {
    const t = times[v];
    const fig = parts.map((p) => `${p} ${round(median(t[p]), 2)} ms (min ${round(Math.min(...t[p]), 2)})`).join(', ');
    const ratio = t.parse && t.js ? `; parse/js ${round(median(t.parse) / median(t.js), 2)}×` : '';
    console.log(`${where} ${dirs[v]}: ${fig}${ratio}; out ${checks[v].out} verdicts ${checks[v].verdicts}`);
  }
  if (checks.some((c) => c.out !== checks[0].out || c.verdicts !== checks[0].verdicts)) throw new Error(`${where}: the variants' results differ`);
}

globalThis.window = globalThis;
await import(`${root}tests/bench/baseline.js`);

if (only !== 'chromium') {
  const was = dirs.map((d) => createRequire(join(d, 'x.cjs'))(join(d, 'node.cjs')));
  const states = was.map((wa) => prepare(wa, body));
  const checks = states.map((s) => ({ out: digest(s.out), verdicts: digest(s.verdicts) }));
  const processMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  report(`Node ${process.version}`, await interleave(async (v, name) => part(was[v], name, body, states[v]), processMs), checks);
}

if (only !== 'node') {
  const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const m = /^\/v(\d+)\/(.*)$/.exec(url.pathname);
    let file;
    if (m && dirs[Number(m[1])]) file = join(dirs[Number(m[1])], normalize(m[2]).replace(/^(\.\.[/\\])+/, ''));
    else if (url.pathname === '/baseline.js') file = join(root, 'tests/bench/baseline.js');
    if (file && url.pathname.endsWith('/bench.html')) {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script src="/baseline.js"></script><script type="module">
        import init, * as wa from './wa_numbers.js'; await init({ module_or_path: './wa_numbers_bg.wasm' }); window.wa = wa; window.benchReady = true;</script>`);
      return;
    }
    try {
      if (!file || !statSync(file).isFile()) throw new Error();
      res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream' });
      res.end(readFileSync(file));
    } catch {
      res.writeHead(404); res.end();
    }
  });
  const port = await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server.address().port)));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const pages = [];
    const cdps = [];
    const checks = [];
    for (let v = 0; v < dirs.length; v++) {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${port}/v${v}/bench.html`);
      await page.waitForFunction(() => window.benchReady === true);
      await page.evaluate(({ part, prepare }) => { window.benchPart = (0, eval)(`(${part})`); window.benchPrepare = (0, eval)(`(${prepare})`); },
        { part: part.toString(), prepare: prepare.toString() });
      const r = await page.evaluate((text) => { window.benchText = text; window.benchState = window.benchPrepare(window.wa, text); return { out: window.benchState.out, verdicts: window.benchState.verdicts }; }, body);
      checks.push({ out: digest(r.out), verdicts: digest(r.verdicts) });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      pages.push(page);
      cdps.push(cdp);
    }
    const threadMs = async (v) => (await cdps[v].send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime').value * 1000;
    const run = (v, name) => pages[v].evaluate((n) => window.benchPart(window.wa, n, window.benchText, window.benchState), name);
    report(`Chromium ${browser.version()}`, await interleave(run, threadMs), checks);
  } finally {
    await browser.close();
    server.close();
  }
}
