// The package's entries as a user meets them: Node with no init (ESM import and
// CommonJS require), the browser entry's guard before init, wrong argument types,
// a freed Client, and what `npm pack` ships.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('../../pkg/', import.meta.url));
const fixture = readFileSync(fileURLToPath(new URL('../fixtures/lora/list.json', import.meta.url)), 'utf8');

test('Node ESM: the node entry needs no init', async () => {
  const wa = await import(`${pkg}node.js`);
  const page = wa.parsePhoneNumbers('lora', fixture);
  assert.ok(page.numbers.length > 0);
  assert.equal(wa.evaluateReadiness(page.numbers[0], { recipients: 10 }).ready, page.numbers[0].status === 'CONNECTED');
  assert.equal(wa.isWaNumbersError(new Error('x')), false);
  try {
    wa.parsePhoneNumbers('lora', JSON.parse(fixture));
    assert.fail('an object where the body text belongs must throw');
  } catch (e) {
    assert.ok(wa.isWaNumbersError(e));
    assert.equal(e.kind, 'invalid_input');
    assert.equal(e.field, 'bodyText');
  }
});

test('Node CommonJS: require works with no init', () => {
  const out = execFileSync(process.execPath, ['-e', `
    const wa = require(${JSON.stringify(`${pkg}node.cjs`)});
    const page = wa.parsePhoneNumbers('lora', ${JSON.stringify(fixture)});
    process.stdout.write(String(page.numbers.length));
  `], { encoding: 'utf8' });
  assert.ok(Number(out) > 0, out);
});

test('the browser entry refuses calls before init, in words, and works after it', () => {
  // A fresh process: the browser entry is not initialised there.
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', `
    const wa = await import(${JSON.stringify(`${pkg}browser.js`)});
    const seen = [];
    for (const call of [() => wa.parsePhoneNumbers('lora', '{}'), () => new wa.Client({ provider: 'lora', baseUrl: 'https://x' })]) {
      try { call(); seen.push('no error'); } catch (e) { seen.push([e.name, e.kind, e.field, e.message.includes('await init()')].join(' ')); }
    }
    // Arguments that are no way of loading it: said, before any fetch.
    for (const call of [() => wa.default(42), () => wa.default([]), () => wa.initSync(null)]) {
      try { await call(); seen.push('no error'); } catch (e) { seen.push([e.name, e.kind, e.field, e.message.includes('pass nothing or {')].join(' ')); }
    }
    const { readFileSync } = await import('node:fs');
    await wa.default({ module_or_path: readFileSync(new URL('wa_numbers_bg.wasm', ${JSON.stringify(`file://${pkg}`)})) });
    seen.push(wa.parsePhoneNumbers('lora', ${JSON.stringify(fixture)}).total);
    process.stdout.write(JSON.stringify(seen));
  `], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(run.stdout), [...Array(5).fill('WaNumbersError invalid_input init true'), 3], run.stderr);
});

test('a freed Client and a non-string id reject as invalid_input', async () => {
  const wa = await import(`${pkg}node.js`);
  const client = new wa.Client({ provider: 'lora', baseUrl: 'https://lora.invalid' });
  await assert.rejects(client.getPhoneNumber(5), (e) => e.kind === 'invalid_input' && e.field === 'phoneNumberId');
  await assert.rejects(client.getPhoneNumber(null), (e) => e.kind === 'invalid_input' && e.field === 'phoneNumberId');
  client.free();
  await assert.rejects(client.listPhoneNumbers(), (e) => e.kind === 'invalid_input' && e.field === 'client');
});

test('npm pack ships the entries, both declarations, the README and both licences', () => {
  const [report] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: pkg, encoding: 'utf8' }));
  const files = report.files.map((f) => f.path).sort();
  assert.deepEqual(files, ['LICENSE-APACHE', 'LICENSE-MIT', 'README.md', 'browser.js', 'guard.cjs', 'guard.js',
    'node.cjs', 'node.js', 'package.json', 'wa_numbers.cjs', 'wa_numbers.d.cts', 'wa_numbers.d.ts', 'wa_numbers.js',
    'wa_numbers_bg.wasm', 'wire.cjs', 'wire.js']);
  const manifest = JSON.parse(readFileSync(`${pkg}package.json`, 'utf8'));
  assert.deepEqual(manifest.exports['.'].node, {
    import: { types: './wa_numbers.d.ts', default: './node.js' },
    require: { types: './wa_numbers.d.cts', default: './node.cjs' },
  });
  assert.equal(manifest.engines.node, '>=20');
  assert.ok(manifest.repository.url && manifest.homepage && manifest.keywords.length > 0);
});

test('CommonJS needs no require(esm): node.cjs loads on a Node that cannot require ES modules', (t) => {
  // Node 20.19+ can require ES modules; this flag turns that off, as on 20.0-20.18.
  if (!process.allowedNodeEnvironmentFlags.has('--no-experimental-require-module')) {
    t.skip('this Node has no --no-experimental-require-module');
    return;
  }
  const out = execFileSync(process.execPath, ['--no-experimental-require-module', '-e', `
    const wa = require(${JSON.stringify(`${pkg}node.cjs`)});
    process.stdout.write(String(wa.parsePhoneNumbers('lora', ${JSON.stringify(fixture)}).total));
  `], { encoding: 'utf8' });
  assert.equal(out, '3');
});

test('import and require share one wasm instance and one Client class', async () => {
  const { createRequire } = await import('node:module');
  const esm = await import(`${pkg}node.js`);
  const cjs = createRequire(import.meta.url)(`${pkg}node.cjs`);
  assert.equal(esm.Client, cjs.Client);
  assert.equal(esm.default, cjs.default);
  assert.equal(await esm.default(), undefined, 'init resolves at once in Node');
});

test('Client misuse is invalid_input naming the argument: options, detached methods, double free', async () => {
  const wa = await import(`${pkg}node.js`);
  const client = new wa.Client({ provider: 'lora', baseUrl: 'https://lora.invalid' });
  for (const call of [() => client.getPhoneNumber('a', 'fast'), () => client.listPhoneNumbers({}, 5),
    () => client.listAllPhoneNumbers({}, () => {}), () => client.waitForOnboarding('a', true)]) {
    await assert.rejects(call(), (e) => wa.isWaNumbersError(e) && e.kind === 'invalid_input' && e.field === 'options');
  }
  // A key the call does not know is named, not ignored: a mistyped callback would never be called.
  for (const [call, key, known] of [
    [(o) => client.listAllPhoneNumbers({}, o), 'onprogress', 'signal, onProgress, onPage'],
    [(o) => client.listPhoneNumbers({}, o), 'onPage', 'signal'],
    [(o) => client.getPhoneNumber('a', o), 'timeoutMs', 'signal'],
    [(o) => client.waitForOnboarding('a', o), 'onupdate', 'signal, intervalMs, timeoutMs, onUpdate'],
  ]) {
    await assert.rejects(call({ [key]: () => {} }), (e) => wa.isWaNumbersError(e) && e.kind === 'invalid_input'
      && e.field === `options.${key}` && e.message.includes(`(${known})`), key);
    // Symbols are not options (a tagged object passes).
    await assert.rejects(call({ [Symbol('tag')]: 1 }), (e) => e.kind !== 'invalid_input' || e.field !== 'options', key);
  }
  const hostile = new Proxy({}, { ownKeys() { throw new Error('no keys'); } });
  await assert.rejects(client.listPhoneNumbers({}, hostile), (e) => wa.isWaNumbersError(e) && e.field === 'options');
  // Every known key, left undefined, is accepted.
  await assert.rejects(client.getPhoneNumber('a', { signal: undefined }), (e) => e.kind === 'network');
  const detached = client.getPhoneNumber;
  await assert.rejects(detached('a'), (e) => e.kind === 'invalid_input' && e.field === 'client' && /detached/.test(e.message));
  await assert.rejects(wa.Client.prototype.listPhoneNumbers.call({}), (e) => e.kind === 'invalid_input' && e.field === 'client');
  assert.equal(client.throttled, 0);
  client.free();
  assert.throws(() => client.throttled, (e) => wa.isWaNumbersError(e) && e.kind === 'invalid_input' && e.field === 'client' && /freed/.test(e.message));
  client.free(); // the glue alone throws "null pointer passed to rust" here
  if (typeof Symbol.dispose === 'symbol') client[Symbol.dispose]();
  await assert.rejects(client.getPhoneNumber('a'), (e) => e.kind === 'invalid_input' && e.field === 'client' && /freed/.test(e.message));
  // An id that is a path step never reaches a URL (nor sends the key there).
  const lora = new wa.Client({ provider: 'lora', baseUrl: 'https://lora.invalid', apiKey: 'k' });
  for (const id of ['.', '..']) {
    await assert.rejects(lora.getPhoneNumber(id), (e) => wa.isWaNumbersError(e) && e.kind === 'invalid_input' && e.field === 'phoneNumberId');
    // Nor a Meta WABA id, which goes into the list's path: the client's or a query's.
    assert.throws(() => new wa.Client({ provider: 'meta', baseUrl: 'https://graph.invalid/v24.0', apiKey: 'k', wabaId: ` ${id} ` }),
      (e) => wa.isWaNumbersError(e) && e.kind === 'invalid_input' && e.field === 'config.wabaId');
    const meta = new wa.Client({ provider: 'meta', baseUrl: 'https://graph.invalid/v24.0', apiKey: 'k' });
    for (const wabaId of [id, [id], ['1', id]]) {
      await assert.rejects(meta.listAllPhoneNumbers({ wabaId }), (e) => wa.isWaNumbersError(e) && e.kind === 'invalid_input' && e.field === 'query.wabaId');
    }
    await assert.rejects(meta.listPhoneNumbers({ wabaId: id }), (e) => wa.isWaNumbersError(e) && e.kind === 'invalid_input' && e.field === 'query.wabaId');
    meta.free();
  }
  lora.free();
});

test('isWaNumbersError tells its errors from look-alikes', async () => {
  const wa = await import(`${pkg}node.js`);
  const lookalike = Object.assign(new Error('x'), { kind: 'network' });
  assert.equal(wa.isWaNumbersError(lookalike), false);
  assert.equal(wa.isWaNumbersError({ name: 'WaNumbersError', kind: 'network', message: '' }), false);
  assert.throws(() => wa.parsePhoneNumbers('lora', null), (e) => wa.isWaNumbersError(e) && e.name === 'WaNumbersError');
});
