// `cargo xtask proof` (issue #11): 100,000 AntGst numbers through
// listAllPhoneNumbers and 2,000 LORA detail calls through getPhoneNumber, in
// Node through the npm package (pkg/), against the sandbox (WA_SANDBOX_URL)
// enforcing LORA's documented limits. The budget: no 429 of the client's own
// making (no faults are injected, so every 429 the sandbox answers is one),
// and each workload within 1.2× its limit-bound ideal. The figures go between
// markers in BENCHMARKS.md; the run exits 1 when a budget is missed.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Client } from '../../pkg/node.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const sandbox = process.env.WA_SANDBOX_URL;
if (!sandbox) throw new Error('WA_SANDBOX_URL is set by `cargo xtask proof`');

// Added by the sandbox to every request: a provider-like round trip, long
// enough that the ideal is about the provider, not loopback and parsing.
const LATENCY_MS = 100;
const BUDGET = 1.2;
// AntGst: 99,996 generated numbers and the 4 of the seeds; the client's
// default concurrency. AntGst documents no rate (seed 000), the sandbox
// enforces none for it.
const ANTGST = { generated: 99_996, concurrency: 4, pageSize: 100 };
// LORA's documented limit per key (seed 003, DESIGN.md): 1,000 a minute, in
// bursts of at most 50 a second. One detail call per number of the account.
const LORA = { generated: 1_996, perMinute: 1_000, perSecond: 50 };

const log = (...a) => console.log('proof:', ...a);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const digits = (n) => n.toLocaleString('en-US');

async function scope(name, config) {
  const r = await fetch(`${sandbox}/__sandbox/scopes/${name}`, { method: 'PUT', body: JSON.stringify(config) });
  if (r.status !== 200) throw new Error(`scope ${name}: ${r.status} ${await r.text()}`);
  return `${sandbox}/s/${name}`;
}

/** What the sandbox saw in a scope: requests, 429s, other failures, and the
 *  most that arrived in any 1 s and in each minute since the scope began. */
async function seen(name) {
  const requests = await (await fetch(`${sandbox}/__sandbox/scopes/${name}/requests`)).json();
  const at = requests.map((r) => r.atMs).sort((a, b) => a - b);
  let maxSecond = 0;
  for (let i = 0, j = 0; i < at.length; i++) {
    while (at[i] - at[j] >= 1000) j++;
    maxSecond = Math.max(maxSecond, i - j + 1);
  }
  const minutes = [];
  for (const t of at) minutes[Math.floor(t / 60_000)] = (minutes[Math.floor(t / 60_000)] || 0) + 1;
  return {
    requests: requests.length,
    tooMany: requests.filter((r) => r.status === 429).length,
    failed: requests.filter((r) => r.status !== 200 && r.status !== 429).length,
    maxSecond,
    minutes: [...minutes].map((n) => n || 0),
  };
}

// ── 100,000 AntGst numbers. Past the 100-page cap (10,000 rows a query) a
// reader must split by WABA and read each WABA whole: P = Σ ⌈n_w / 100⌉ pages,
// after the one first page that shows the list is past the cap. With c pages
// in flight, each taking L: ideal = (1 + ⌈P / c⌉) × L.
async function antgst() {
  const baseUrl = await scope('proof-antgst', { numbers: ANTGST.generated, latencyMs: LATENCY_MS });
  const client = new Client({ provider: 'antgst', baseUrl, apiKey: 'proof-antgst', concurrency: ANTGST.concurrency, timeoutMs: 600_000 });
  let progress;
  const started = performance.now();
  const all = await client.listAllPhoneNumbers({}, { onProgress: (p) => { progress = p; } });
  const ms = performance.now() - started;
  const perWaba = new Map();
  for (const n of all.numbers) if (n.wabaId) perWaba.set(n.wabaId, (perWaba.get(n.wabaId) || 0) + 1);
  const pages = [...perWaba.values()].reduce((sum, n) => sum + Math.ceil(n / ANTGST.pageSize), 0);
  const ideal = (1 + Math.ceil(pages / ANTGST.concurrency)) * LATENCY_MS;
  const unique = new Set(all.numbers.map((n) => n.id)).size;
  const result = {
    ms, ideal, pages, wabas: perWaba.size, rows: all.numbers.length, unique, total: all.total,
    complete: !all.truncated && unique === all.total && all.total === ANTGST.generated + 4,
    requests: all.requests, waits: all.throttled, progressWaits: progress?.throttled, sandbox: await seen('proof-antgst'),
  };
  log('antgst', JSON.stringify(result));
  return result;
}

// ── 2,000 LORA detail calls, all asked for at once (the client spaces them).
// Counted on arrival: request k (from 0) can arrive no earlier than
// ⌊k / 1000⌋ × 60 s + ⌊(k mod 1000) / 50⌋ × 1 s, so the last answer comes at
// ideal = ⌊(N−1) / R⌋ × 60 s + ⌊((N−1) mod R) / B⌋ × 1 s + L.
async function lora() {
  // The ids come from another scope, so that the measured one sees only the details.
  const lister = new Client({ provider: 'lora', baseUrl: await scope('proof-lora-ids', { numbers: LORA.generated }), apiKey: 'proof-lora-ids' });
  const ids = (await lister.listAllPhoneNumbers()).numbers.map((n) => n.id);
  const baseUrl = await scope('proof-lora', {
    numbers: LORA.generated, latencyMs: LATENCY_MS, requestsPerMinute: LORA.perMinute, burstPerSecond: LORA.perSecond,
  });
  // 2,000 calls at once wait up to ~80 s for their turn: the call's deadline must allow it.
  const client = new Client({ provider: 'lora', baseUrl, apiKey: 'proof-lora', timeoutMs: 300_000 });
  const started = performance.now();
  const answers = await Promise.allSettled(ids.map((id) => client.getPhoneNumber(id)));
  const ms = performance.now() - started;
  const n = ids.length;
  const ideal = Math.floor((n - 1) / LORA.perMinute) * 60_000
    + Math.floor(((n - 1) % LORA.perMinute) / LORA.perSecond) * 1_000 + LATENCY_MS;
  const failures = answers.filter((a) => a.status === 'rejected').map((a) => `${a.reason.kind}: ${a.reason.message}`);
  const result = {
    ms, ideal, calls: n,
    complete: failures.length === 0 && answers.every((a, i) => a.value?.id === ids[i]),
    failures: failures.slice(0, 3), waits: client.throttled, sandbox: await seen('proof-lora'),
  };
  log('lora', JSON.stringify(result));
  return result;
}

const load = os.loadavg()[0];
log(`AntGst: ${digits(ANTGST.generated + 4)} numbers, ${LATENCY_MS} ms a request`);
const a = await antgst();
log(`LORA: ${digits(LORA.generated + 4)} detail calls at ${digits(LORA.perMinute)}/min, ${LORA.perSecond}/s (about ${seconds(80_000)})`);
const l = await lora();

// ── budgets, then BENCHMARKS.md
const rows = [
  { name: `listAll, ${digits(a.total)} AntGst numbers, concurrency ${ANTGST.concurrency}`, r: a },
  { name: `${digits(l.calls)} LORA details (getPhoneNumber), ${digits(LORA.perMinute)}/min, ${LORA.perSecond}/s`, r: l },
].map(({ name, r }) => {
  const ratio = r.ms / r.ideal;
  const problems = [
    r.sandbox.tooMany || r.waits ? 'answers of 429' : '',
    r.sandbox.failed ? `${r.sandbox.failed} failed requests` : '',
    r.complete ? '' : 'incomplete',
    ratio <= BUDGET ? '' : `over ${BUDGET}× the ideal`,
  ].filter(Boolean);
  return { name, r, ratio, ok: problems.length === 0, problems };
});
const missed = rows.filter((x) => !x.ok);
const cpu = os.cpus()[0]?.model || 'unknown CPU';
const section = [
  '<!-- proof: written by `cargo xtask proof` -->',
  '## Proof: the documented limits, at full speed (`cargo xtask proof`)',
  '',
  `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC in Node ${process.version} through the npm package (\`pkg/\`), against the sandbox on loopback adding ${LATENCY_MS} ms to every request; ${os.cpus().length} cores (${cpu}), load average ${load.toFixed(1)} at the start (the machine is shared). No faults are injected: every 429 the sandbox answers is the client's own. Budget: none of them, and each workload within ${BUDGET}× its limit-bound ideal: **${missed.length ? `missed (${missed.map((x) => x.problems.join(', ')).join('; ')})` : 'met'}**.`,
  '',
  '| workload | requests | 429s (sandbox) | waits (client) | time | ideal | ratio | |',
  '|---|---|---|---|---|---|---|---|',
  ...rows.map(({ name, r, ratio, ok }) => `| ${name} | ${digits(r.sandbox.requests)} | ${r.sandbox.tooMany} | ${r.waits} | ${seconds(r.ms)} | ${seconds(r.ideal)} | ${ratio.toFixed(2)}× | ${ok ? 'met' : '**missed**'} |`),
  '',
  `- AntGst documents no rate and the sandbox enforces none for it, so the bound is the round trip with the client's concurrency: ideal = (1 + ⌈P / c⌉) × L. Past the 100-page cap a reader must split the list by WABA and read each WABA whole: P = Σ ⌈n_w / 100⌉ over the account's ${digits(a.wabas)} WABAs = ${digits(a.pages)} pages, after the one first page that shows the cap; c = ${ANTGST.concurrency}, L = ${LATENCY_MS} ms: (1 + ${Math.ceil(a.pages / ANTGST.concurrency)}) × ${LATENCY_MS} ms = ${seconds(a.ideal)}. The ideal counts nothing for the sandbox's own work, loopback or parsing. The client sent ${digits(a.requests)} requests: the ${digits(a.pages + 1)} of the ideal and ${digits(a.requests - a.pages - 1)} more of the whole list's pages, read to find its WABAs. ${digits(a.unique)} numbers, each once.`,
  `- LORA allows ${digits(LORA.perMinute)} requests a minute per key, at most ${LORA.perSecond} in any second; the sandbox counts them on arrival, per minute since the scope began and over the last second. Request k (from 0) can arrive no earlier than ⌊k / ${digits(LORA.perMinute)}⌋ × 60 s + ⌊(k mod ${digits(LORA.perMinute)}) / ${LORA.perSecond}⌋ × 1 s, so the last of N = ${digits(l.calls)} is answered at ideal = ⌊(N−1) / ${digits(LORA.perMinute)}⌋ × 60 s + ⌊((N−1) mod ${digits(LORA.perMinute)}) / ${LORA.perSecond}⌋ s + L = ${seconds(l.ideal)} (not 2 minutes: the first ${digits(LORA.perMinute)} may all go in the first 20 s). All ${digits(l.calls)} calls are asked for at once; the client's limiter spaces them. As the sandbox saw them: at most ${l.sandbox.maxSecond} in any second, ${l.sandbox.minutes.map(digits).join(' then ')} per minute.`,
  '- Reproduce: `cargo xtask proof` (about two minutes: LORA\'s limits make it so; not part of `cargo xtask test`).',
  '<!-- end of proof -->',
].join('\n');

const file = `${root}BENCHMARKS.md`;
let doc = readFileSync(file, 'utf8');
const start = doc.indexOf('<!-- proof:');
const endMark = '<!-- end of proof -->';
const end = doc.indexOf(endMark);
doc = start >= 0 && end > start
  ? doc.slice(0, start) + section + doc.slice(end + endMark.length)
  : doc.replace('## Reproduce', `${section}\n\n## Reproduce`);
writeFileSync(file, doc);
log(`${rows.length - missed.length} of ${rows.length} budgets met; BENCHMARKS.md written`);
process.exit(missed.length ? 1 : 0);
