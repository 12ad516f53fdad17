// The npm package's Client in Node 20+ (global fetch) against the sandbox that
// `cargo xtask test` starts; its URL comes in WA_SANDBOX_URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initSync, Client } from '../../pkg/wa_numbers.js';

initSync({ module: readFileSync(fileURLToPath(new URL('../../pkg/wa_numbers_bg.wasm', import.meta.url))) });
const sandbox = process.env.WA_SANDBOX_URL;
assert.ok(sandbox, 'WA_SANDBOX_URL is set by `cargo xtask test`, which starts the sandbox');
const KEY = 'sk-node-SECRET-42';

async function scope(name, config) {
  const r = await fetch(`${sandbox}/__sandbox/scopes/${name}`, { method: 'PUT', body: JSON.stringify(config) });
  assert.equal(r.status, 200);
  return `${sandbox}/s/${name}`;
}

test('lists every number of an AntGst account with progress', async () => {
  const baseUrl = await scope('node-antgst', { numbers: 1200 });
  const client = new Client({ provider: 'antgst', baseUrl, apiKey: KEY, concurrency: 4 });
  const progress = [];
  const all = await client.listAllPhoneNumbers({}, { onProgress: (p) => progress.push(p) });
  assert.equal(all.total, 1204);
  assert.equal(all.numbers.length, 1204);
  assert.equal(all.truncated, false);
  assert.equal(all.requests, 13);
  assert.deepEqual(progress.at(-1), { loaded: 1204, total: 1204, requests: 13, throttled: 0 });
  assert.equal(Object.getPrototypeOf(all.numbers[0]), Object.prototype);
  const page = await client.listPhoneNumbers({ pageNo: 2, pageSize: 5, qualityRating: 'GREEN' });
  assert.equal(page.numbers.length, 5);
  assert.ok(page.numbers.every((n) => n.qualityRating === 'GREEN'));
});

test('reads a LORA number and watches its onboarding', async () => {
  const baseUrl = await scope('node-lora', { onboardingDelayMs: 500 });
  const client = new Client({ provider: 'lora', baseUrl, apiKey: KEY });
  const detail = await client.getPhoneNumber('waba-num-001');
  assert.equal(detail.wabaId, 'waba-acct-shopitalia-001');
  const updates = [];
  const done = await client.waitForOnboarding('waba-num-002', {
    intervalMs: 150,
    timeoutMs: 5000,
    onUpdate: (n) => updates.push(n.rawStatus),
  });
  assert.equal(done.status, 'CONNECTED');
  assert.deepEqual(updates, ['PENDING', 'ACTIVE']);
});

test('a callback that throws on every page is reported once, and the load keeps every row', async () => {
  const baseUrl = await scope('node-throwing-callback', { numbers: 1200 });
  const client = new Client({ provider: 'antgst', baseUrl, apiKey: KEY, concurrency: 4 });
  const logged = [];
  const original = console.error;
  console.error = (...args) => logged.push(args);
  let calls = 0;
  try {
    const all = await client.listAllPhoneNumbers({}, {
      onPage: () => { calls += 1; throw new Error('portal bug'); },
      onProgress: () => { throw new Error('also broken'); },
    });
    assert.equal(all.numbers.length, 1204);
  } finally {
    console.error = original;
  }
  assert.equal(calls, 13, 'onPage is still called for every page');
  assert.equal(logged.length, 1, 'one report a load');
  assert.match(logged[0][0], /callback threw; the load goes on/);
  assert.equal(logged[0][1].message, 'also broken');
});

test('an async callback that rejects is reported like one that throws, never an unhandled rejection', async () => {
  const baseUrl = await scope('node-async-callback', { numbers: 300, onboardingDelayMs: 300 });
  const client = new Client({ provider: 'antgst', baseUrl, apiKey: KEY, concurrency: 4 });
  const logged = [];
  const unhandled = [];
  const onUnhandled = (reason) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  const original = console.error;
  console.error = (...args) => logged.push(args);
  let calls = 0;
  try {
    const all = await client.listAllPhoneNumbers({}, {
      onPage: async () => { calls += 1; throw new Error('async portal bug'); },
      // A thenable whose `then` itself throws is user code too.
      onProgress: () => ({ then() { throw new Error('bad thenable'); } }),
    });
    assert.equal(all.numbers.length, 304);
    const lora = new Client({ provider: 'lora', baseUrl, apiKey: KEY });
    const onboarded = await lora.waitForOnboarding('waba-num-002', {
      intervalMs: 100,
      timeoutMs: 5000,
      onUpdate: async (n) => { throw new Error(`async update bug ${n.rawStatus}`); },
    });
    assert.equal(onboarded.status, 'CONNECTED');
    // Rejections are reported after the microtasks of their promise.
    await new Promise((ok) => setTimeout(ok, 50));
  } finally {
    console.error = original;
    process.off('unhandledRejection', onUnhandled);
  }
  assert.deepEqual(unhandled, []);
  assert.equal(calls, 4, 'onPage is still called for every page');
  const load = logged.filter((l) => /onPage or onProgress callback threw; the load goes on/.test(l[0]));
  assert.equal(load.length, 1, 'one report a load');
  assert.match(load[0][1].message, /bad thenable|async portal bug/);
  const updates = logged.filter((l) => /onUpdate callback threw; the wait goes on/.test(l[0]));
  assert.deepEqual(updates.map((l) => l[1].message), ['async update bug PENDING', 'async update bug ACTIVE']);
  assert.equal(logged.length, 3);
});

test('rejects with typed errors and never leaks the key', async () => {
  const baseUrl = await scope('node-errors', { faults: [{ kind: 'status', status: 503 }] });
  const failing = new Client({ provider: 'lora', baseUrl, apiKey: KEY, retries: 1 });
  await assert.rejects(failing.listPhoneNumbers(), (e) => e instanceof Error && e.kind === 'server' && e.status === 503);
  const badKey = new Client({ provider: 'lora', baseUrl: `${sandbox}/s/node-auth`, apiKey: 'invalid' });
  await assert.rejects(badKey.getPhoneNumber('waba-num-001'), (e) => e.kind === 'unauthorized' && e.status === 401);
  const missing = new Client({ provider: 'lora', baseUrl: `${sandbox}/s/node-auth`, apiKey: KEY });
  await assert.rejects(missing.getPhoneNumber('waba-num-999'), (e) => e.kind === 'not_found' && e.field === 'phoneNumberId');
  await assert.rejects(missing.listPhoneNumbers({ pageSize: 10 }), (e) => e.kind === 'invalid_input' && e.field === 'query.pageSize');
  // One name per field: a wrong value and a wrong type of the same query setting.
  await assert.rejects(missing.listPhoneNumbers({ pageSize: 'ten' }), (e) => e.kind === 'invalid_input' && e.field === 'query.pageSize');
  assert.throws(() => new Client({ provider: 'lora', baseUrl: 'ftp://x' }), (e) => e.kind === 'invalid_input' && e.field === 'config.baseUrl');
  // Past the longest a timer waits, a watch's deadline fired at once (timeout after 5 ms).
  await assert.rejects(missing.waitForOnboarding('waba-num-002', { timeoutMs: 2 ** 31 }), (e) => e.kind === 'invalid_input' && e.field === 'options.timeoutMs');
  // One name per field: a wrong value and a wrong type of the same setting.
  assert.throws(() => new Client({ provider: 'lora', baseUrl: 5 }), (e) => e.kind === 'invalid_input' && e.field === 'config.baseUrl');
  assert.throws(() => new Client({ provider: 'lora', baseUrl: 'https://x', timeoutMs: 5 }), (e) => e.kind === 'invalid_input' && e.field === 'config.timeoutMs');
  assert.throws(() => new Client({ provider: 'whatsapp', baseUrl: 'https://x' }), (e) => e.kind === 'invalid_input' && e.field === 'config.provider');
  assert.throws(() => new Client({ provider: 'lora', baseUrl: 'https://x', wabaId: '1' }), (e) => e.kind === 'invalid_input' && e.field === 'config.wabaId');
  const controller = new AbortController();
  const slow = new Client({ provider: 'lora', baseUrl: await scope('node-slow', { latencyMs: 2000 }), apiKey: KEY });
  setTimeout(() => controller.abort(), 50);
  await assert.rejects(slow.listPhoneNumbers({}, { signal: controller.signal }), (e) => e.kind === 'aborted' && /cancelled/.test(e.message));
  // The caller's own deadline (AbortSignal.timeout) ends the call as the caller's: aborted,
  // and the caller tells it from its signal's reason, as the README says.
  const deadline = AbortSignal.timeout(50);
  await assert.rejects(slow.listPhoneNumbers({}, { signal: deadline }), (e) => e.kind === 'aborted');
  assert.equal(deadline.reason.name, 'TimeoutError');
  const log = await (await fetch(`${sandbox}/__sandbox/scopes/node-errors/requests`)).json();
  assert.equal(log.length, 2, 'one retry of the 503');
  assert.ok(log.every((r) => !r.url.includes('SECRET') && r.credentialHeader));
});

test('lists several Meta WABAs by cursor, merged, each number carrying its WABA', async () => {
  const baseUrl = `${await scope('node-meta', { numbers: 900, seed: 6 })}/v24.0`;
  const client = new Client({ provider: 'meta', baseUrl, apiKey: KEY, wabaId: 'waba-6-000' });
  const first = await client.listPhoneNumbers({ pageSize: 3 });
  assert.equal(first.numbers.length, 3);
  assert.equal(typeof first.nextCursor, 'string');
  const second = await client.listPhoneNumbers({ pageSize: 3, after: first.nextCursor });
  assert.notEqual(second.numbers[0].id, first.numbers[0].id);
  const wabas = ['waba-6-000', 'waba-6-001', 'waba-acct-shopitalia-001'];
  const progress = [];
  const all = await client.listAllPhoneNumbers({ wabaId: wabas }, { onProgress: (p) => progress.push(p.loaded) });
  assert.equal(all.truncated, false);
  assert.equal(new Set(all.numbers.map((n) => n.id)).size, all.numbers.length);
  assert.deepEqual([...new Set(all.numbers.map((n) => n.wabaId))].sort(), [...wabas].sort());
  assert.equal(progress.at(-1), all.numbers.length);
  const one = await client.listAllPhoneNumbers();
  assert.ok(one.numbers.every((n) => n.wabaId === 'waba-6-000'));
  assert.ok(one.numbers.length < all.numbers.length);
  await assert.rejects(client.listAllPhoneNumbers({ wabaId: ['ok', 5] }), (e) => e.kind === 'invalid_input' && e.field.startsWith('query.wabaId'));
  const detail = await client.getPhoneNumber(first.numbers[0].id);
  assert.equal(detail.id, first.numbers[0].id);
  const log = await (await fetch(`${sandbox}/__sandbox/scopes/node-meta/requests`)).json();
  assert.ok(log.every((r) => r.credentialHeader && !r.url.includes('SECRET') && !r.url.includes('access_token')));
});

test('a Meta load over several WABAs, one unknown, fails naming that WABA in wabaId', async () => {
  const baseUrl = `${await scope('node-meta-unknown', { numbers: 600, seed: 7 })}/v24.0`;
  const client = new Client({ provider: 'meta', baseUrl, apiKey: KEY });
  let shown = 0;
  await assert.rejects(
    client.listAllPhoneNumbers({ wabaId: ['waba-7-000', 'waba-7-999'] }, { onPage: (rows) => { shown += rows.length; } }),
    (e) => e.kind === 'not_found' && e.wabaId === 'waba-7-999' && e.status === 400,
  );
  assert.ok(shown > 0, 'the WABA Meta knows was read');
  // Other errors carry no wabaId.
  const other = new Client({ provider: 'meta', baseUrl, apiKey: 'invalid', wabaId: 'waba-7-000' });
  await assert.rejects(other.listAllPhoneNumbers(), (e) => e.kind === 'unauthorized' && !('wabaId' in e));
});

test('a call that waits many times leaves no listener behind on its signal', async () => {
  // Five 429s with Retry-After: 0, then the answer: five waits on one call's
  // signal (each the jittered backoff, 250 ms doubling: about 4 s in all).
  // Each wait used to leave its abort listener there for the call's life
  // (2,000 calls waiting for LORA's rate made Node warn of a leak on every
  // one). Counted on AbortSignal itself: what is still attached when the
  // call is over. Node's fetch keeps one per request.
  const held = new Map();
  const { addEventListener: add, removeEventListener: remove } = AbortSignal.prototype;
  AbortSignal.prototype.addEventListener = function (type, f, o) {
    if (type === 'abort') held.set(this, (held.get(this) || 0) + 1);
    return add.call(this, type, f, o);
  };
  AbortSignal.prototype.removeEventListener = function (type, f, o) {
    if (type === 'abort') held.set(this, (held.get(this) || 0) - 1);
    return remove.call(this, type, f, o);
  };
  try {
    const baseUrl = await scope('node-waits', { faults: [{ kind: 'rate_limit', retryAfter: 0, count: 5 }] });
    const client = new Client({ provider: 'lora', baseUrl, apiKey: KEY, retries: 0 });
    assert.equal((await client.getPhoneNumber('waba-num-001')).id, 'waba-num-001');
    assert.equal(client.throttled, 5, 'every wait counted on the client');
  } finally {
    Object.assign(AbortSignal.prototype, { addEventListener: add, removeEventListener: remove });
  }
  const log = await (await fetch(`${sandbox}/__sandbox/scopes/node-waits/requests`)).json();
  assert.equal(log.length, 6);
  assert.ok(Math.max(...held.values()) <= log.length, `${Math.max(...held.values())} listeners left`);
});

test('an option whose getter throws is invalid_input naming it, never read as left out', async () => {
  // A signal whose getter threw was read as no signal: the call went out
  // and could not be stopped. Every option and listAll's wabaId alike.
  const baseUrl = await scope('node-getters', {});
  const client = new Client({ provider: 'lora', baseUrl, apiKey: KEY });
  const throwing = (key) => Object.defineProperty({}, key, {
    enumerable: true,
    get() { throw new Error(`no ${key} today`); },
  });
  const calls = [
    ['signal', (o) => client.listPhoneNumbers({}, o)],
    ['signal', (o) => client.getPhoneNumber('waba-num-001', o)],
    ['signal', (o) => client.listAllPhoneNumbers({}, o)],
    ['onProgress', (o) => client.listAllPhoneNumbers({}, o)],
    ['onPage', (o) => client.listAllPhoneNumbers({}, o)],
    ['signal', (o) => client.waitForOnboarding('waba-num-001', o)],
    ['intervalMs', (o) => client.waitForOnboarding('waba-num-001', o)],
    ['timeoutMs', (o) => client.waitForOnboarding('waba-num-001', o)],
    ['onUpdate', (o) => client.waitForOnboarding('waba-num-001', o)],
  ];
  for (const [key, call] of calls) {
    await assert.rejects(call(throwing(key)), (e) => e.name === 'WaNumbersError' && e.kind === 'invalid_input'
      && e.field === `options.${key}` && /threw/.test(e.message) && !e.message.includes(KEY), key);
  }
  // A Proxy whose `get` throws is read the same way.
  const trap = new Proxy({}, { get() { throw new Error('trap'); } });
  await assert.rejects(client.listPhoneNumbers({}, trap), (e) => e.kind === 'invalid_input' && e.field === 'options.signal');
  const meta = new Client({ provider: 'meta', baseUrl: `${baseUrl}/v24.0`, apiKey: KEY, wabaId: 'waba-6-000' });
  await assert.rejects(meta.listAllPhoneNumbers(throwing('wabaId')), (e) => e.kind === 'invalid_input' && e.field === 'query.wabaId');
  const log = await (await fetch(`${sandbox}/__sandbox/scopes/node-getters/requests`)).json();
  assert.equal(log.length, 0, 'nothing sent');
});
