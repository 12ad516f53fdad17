// The package as a user installs it: the tarball `cargo xtask pkg` packed
// (target/npm/wa-numbers-<version>.tgz, or WA_NUMBERS_TARBALL) installed with
// npm into a scratch project under target/, then used from there by package
// name: Node ESM and CommonJS with no init, every function and the Client
// against the sandbox (WA_SANDBOX_URL); TypeScript strict without
// skipLibCheck, with the DOM lib and for Node only; publint and
// @arethetypeswrong/cli on the tarball. Run by `cargo xtask test`.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tools = join(root, 'node_modules');
const scratch = join(root, 'target/npm-consumer');
const sandbox = process.env.WA_SANDBOX_URL;

function tarball() {
  if (process.env.WA_NUMBERS_TARBALL) return process.env.WA_NUMBERS_TARBALL;
  const dir = join(root, 'target/npm');
  const found = readdirSync(dir).filter((f) => /^wa-numbers-.*\.tgz$/.test(f));
  assert.equal(found.length, 1, `one tarball in ${dir} (run cargo xtask pkg): ${found}`);
  return join(dir, found[0]);
}

/** Runs node in the scratch project; its stdout parsed as JSON. */
function nodeIn(args, env = {}) {
  const run = spawnSync(process.execPath, args, {
    cwd: scratch, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000,
  });
  assert.equal(run.status, 0, `node ${args.join(' ')} failed:\n${run.stderr}\n${run.stdout}`);
  return JSON.parse(run.stdout);
}

function tsc(project) {
  const run = spawnSync(process.execPath, [join(tools, 'typescript/bin/tsc'), '-p', project], {
    cwd: scratch, encoding: 'utf8',
  });
  assert.equal(run.status, 0, `tsc -p ${project}:\n${run.stdout}${run.stderr}`);
}

// Every function and the Client, as user code would call them: no init.
// CommonJS, so the ESM and the CommonJS program share it, each passing the
// module it got by `import` or `require`.
const CALLS = `
const { readFileSync } = require('node:fs');
module.exports = async function calls(wa, sandbox) {
  const text = (f) => readFileSync(f, 'utf8');
  const out = {};
  const page = wa.parsePhoneNumbers('lora', text('lora-list.json'));
  out.lora = page.numbers.map((n) => n.id);
  out.antgst = wa.parsePhoneNumbers('antgst', text('antgst-list.json')).total;
  const one = wa.parsePhoneNumber('lora', text('lora-detail.json'));
  out.detail = one.wabaId;
  out.ready = wa.evaluateReadiness(one, { recipients: 10, minQuality: 'green' }).action;
  out.verdicts = wa.evaluateReadinessAll(page.numbers, { recipients: 10 }).map((v) => v.ready);
  out.plan = wa.planCampaign(page.numbers, { recipients: 15000 }).unassigned;
  out.errors = [];
  for (const call of [() => wa.parsePhoneNumbers('lora', JSON.parse(text('lora-list.json'))),
    () => wa.parsePhoneNumbers('lora', null), () => wa.evaluateReadiness(one, { recipients: 1, minQuality: 'GREN' })]) {
    try { call(); out.errors.push('no error'); } catch (e) { out.errors.push([wa.isWaNumbersError(e), e.kind, e.field].join(' ')); }
  }
  await fetch(sandbox + '/__sandbox/scopes/npm-tarball', { method: 'PUT', body: '{}' });
  const client = new wa.Client({ provider: 'lora', baseUrl: sandbox + '/s/npm-tarball', apiKey: 'sk-npm' });
  const green = (await client.listPhoneNumbers({ qualityRating: 'green' })).numbers;
  out.listed = green.length > 0 && green.every((n) => n.qualityRating === 'GREEN');
  out.got = (await client.getPhoneNumber('waba-num-001')).id;
  client.free();
  out.freed = await client.getPhoneNumber('waba-num-001').then(() => 'no error', (e) => e.kind + ' ' + e.field);
  out.initInNode = (await wa.default()) === undefined;
  return out;
};
`;
const RUN = `const calls = (await import('./calls.cjs')).default;
process.stdout.write(JSON.stringify(await calls(wa, process.env.WA_SANDBOX_URL)));`;

const EXPECTED = {
  lora: ['waba-num-001', 'waba-num-002', 'waba-num-003'],
  antgst: 1,
  detail: 'waba-acct-shopitalia-001',
  ready: 'send',
  verdicts: [true, false, true],
  plan: 0,
  errors: ['true invalid_input bodyText', 'true invalid_input bodyText', 'true invalid_input campaign.minQuality'],
  listed: true,
  got: 'waba-num-001',
  freed: 'invalid_input client',
  initInNode: true,
};

before(() => {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  // "type": "module": usage.ts is an ES module, usage.cts CommonJS, as users write them.
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', tarball()], {
    cwd: scratch, stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (const file of ['usage.ts', 'usage.cts']) copyFileSync(join(root, 'tests/npm', file), join(scratch, file));
  for (const file of ['antgst/list.json', 'lora/list.json', 'lora/detail.json']) {
    copyFileSync(join(root, 'tests/fixtures', file), join(scratch, file.replace('/', '-')));
  }
  writeFileSync(join(scratch, 'calls.cjs'), CALLS);
  writeFileSync(join(scratch, 'esm.mjs'), `import * as wa from 'wa-numbers';\n${RUN}`);
  writeFileSync(join(scratch, 'cjs.cjs'), `const wa = require('wa-numbers');\n(async () => {\n${RUN}\n})();`);
});

test('Node ESM: import from the installed tarball, no init, functions and Client', () => {
  assert.ok(sandbox, 'WA_SANDBOX_URL is set by `cargo xtask test`, which starts the sandbox');
  const out = nodeIn(['esm.mjs']);
  assert.deepEqual(out, EXPECTED);
});

test('Node CommonJS: require from the installed tarball, no init, without require(esm)', () => {
  assert.ok(sandbox, 'WA_SANDBOX_URL is set by `cargo xtask test`, which starts the sandbox');
  // Node 20.19+ can require ES modules; the flag turns that off, as on 20.0-20.18,
  // so this proves the require path is CommonJS all the way.
  const flags = process.allowedNodeEnvironmentFlags.has('--no-experimental-require-module')
    ? ['--no-experimental-require-module'] : [];
  assert.deepEqual(nodeIn([...flags, 'cjs.cjs']), EXPECTED);
});

test('TypeScript strict, no skipLibCheck, DOM lib, bundler resolution', () => {
  writeFileSync(join(scratch, 'tsconfig.dom.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, skipLibCheck: false, target: 'ES2022', lib: ['ES2022', 'DOM'],
      module: 'ESNext', moduleResolution: 'Bundler', types: [],
    },
    files: ['usage.ts'],
  }));
  tsc('tsconfig.dom.json');
});

test('TypeScript strict, no skipLibCheck, Node only (no DOM lib), NodeNext: ESM and CommonJS', () => {
  writeFileSync(join(scratch, 'tsconfig.node.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, skipLibCheck: false, target: 'ES2022', lib: ['ES2022'],
      module: 'NodeNext', moduleResolution: 'NodeNext', types: ['node'], typeRoots: [join(tools, '@types')],
    },
    files: ['usage.ts', 'usage.cts'],
  }));
  tsc('tsconfig.node.json');
});

test('publint finds nothing, suggestions included', async () => {
  const { publint } = await import(join(tools, 'publint/src/index-node.js'));
  const { formatMessage } = await import(join(tools, 'publint/src/utils.js'));
  const bytes = readFileSync(tarball());
  const { messages, pkg } = await publint({
    pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) },
    level: 'suggestion', strict: true,
  });
  assert.deepEqual(messages.map((m) => formatMessage(m, pkg) ?? m.code), []);
});

test('@arethetypeswrong/cli finds no problem', () => {
  // The wasm subpath is a binary asset (for workers that import it as a
  // WebAssembly.Module, or a bundler's URL import), not a module with types.
  const run = spawnSync(process.execPath, [join(tools, '@arethetypeswrong/cli/dist/index.js'), tarball(),
    '--exclude-entrypoints', './wa_numbers_bg.wasm', '--format', 'ascii'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /No problems found/);
});
