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

test('Node CommonJS: require works with no init (Node 20.19+)', () => {
  const out = execFileSync(process.execPath, ['-e', `
    const wa = require(${JSON.stringify(`${pkg}node.js`)});
    const page = wa.parsePhoneNumbers('lora', ${JSON.stringify(fixture)});
    process.stdout.write(String(page.numbers.length));
  `], { encoding: 'utf8' });
  assert.ok(Number(out) > 0, out);
});

test('the browser entry refuses calls before init, in words', () => {
  // A fresh process: the browser entry is not initialised there.
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', `
    const wa = await import(${JSON.stringify(`${pkg}browser.js`)});
    const seen = [];
    for (const call of [() => wa.parsePhoneNumbers('lora', '{}'), () => new wa.Client({ provider: 'lora', baseUrl: 'https://x' })]) {
      try { call(); seen.push('no error'); } catch (e) { seen.push([e.name, e.kind, e.message.includes('await init()')].join(' ')); }
    }
    process.stdout.write(JSON.stringify(seen));
  `], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(run.stdout), ['WaNumbersError invalid_input true', 'WaNumbersError invalid_input true']);
});

test('a freed Client and a non-string id reject as invalid_input', async () => {
  const wa = await import(`${pkg}node.js`);
  const client = new wa.Client({ provider: 'lora', baseUrl: 'https://lora.invalid' });
  await assert.rejects(client.getPhoneNumber(5), (e) => e.kind === 'invalid_input' && e.field === 'id');
  await assert.rejects(client.getPhoneNumber(null), (e) => e.kind === 'invalid_input' && e.field === 'id');
  client.free();
  await assert.rejects(client.listPhoneNumbers(), (e) => e.kind === 'invalid_input' && e.field === 'client');
});

test('npm pack ships the entries, the types, the README and both licences', () => {
  const [report] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: pkg, encoding: 'utf8' }));
  const files = report.files.map((f) => f.path).sort();
  for (const file of ['LICENSE-APACHE', 'LICENSE-MIT', 'README.md', 'browser.js', 'node.js', 'package.json', 'wa_numbers.d.ts', 'wa_numbers.js', 'wa_numbers_bg.wasm']) {
    assert.ok(files.includes(file), `${file} in ${files}`);
  }
  const manifest = JSON.parse(readFileSync(`${pkg}package.json`, 'utf8'));
  assert.equal(manifest.exports['.'].node, './node.js');
  assert.ok(manifest.repository && manifest.engines.node && manifest.keywords.length > 0);
});
