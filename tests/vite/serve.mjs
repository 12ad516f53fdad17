// `node tests/vite/serve.mjs <mode> <port>`: the app of tests/vite/app in a
// scratch project under target/vite-scratch/<mode>, with wa-numbers installed
// by npm from the tarball `npm pack` makes of pkg/ (what a user downloads),
// then served by Vite. Modes: `build` (Vite 8: vite build, then vite preview),
// `dev` (Vite 8's dev server), `dev6` (Vite 6's dev server). Playwright starts
// one per mode (tests/vite/playwright.config.mjs); each has its own scratch
// project, so the servers never share Vite's dependency cache.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const [mode, port] = process.argv.slice(2);
const vites = { build: 'vite', dev: 'vite', dev7: 'vite7', dev6: 'vite6' };
if (!vites[mode] || !port) {
  console.error('usage: node tests/vite/serve.mjs build|dev|dev6 <port>');
  process.exit(2);
}
const scratch = join(root, 'target/vite-scratch', mode);

function run(command, args, cwd) {
  const done = spawnSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (done.status !== 0) {
    console.error(`${command} ${args.join(' ')} failed (${done.status}):\n${done.stdout}`);
    process.exit(1);
  }
  return done.stdout;
}

rmSync(scratch, { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });
const [packed] = JSON.parse(run('npm', ['pack', '--json', '--loglevel=error', '--pack-destination', scratch], join(root, 'pkg')));
writeFileSync(join(scratch, 'package.json'),
  JSON.stringify({ name: `wa-numbers-vite-${mode}`, private: true, type: 'module' }, null, 2));
// The package has no dependencies, so npm needs nothing from the registry.
run('npm', ['install', '--offline', '--loglevel=error', '--no-audit', '--no-fund', `./${packed.filename}`], scratch);
cpSync(join(root, 'tests/vite/app'), scratch, { recursive: true });
if (mode === 'dev6' || mode === 'dev7') {
  // The configuration crates/client/README.md gives for Vite 6's and 7's dev
  // servers (without it, 7.3.8 fails as 6 does: "expected magic word 00 61 73 6d").
  cpSync(join(root, 'tests/vite/vite6.config.mjs'), join(scratch, 'vite.config.mjs'));
}

const vite = join(root, 'node_modules', vites[mode], 'bin/vite.js');
const listen = ['--host', '127.0.0.1', '--port', port, '--strictPort'];
if (mode === 'build') run(process.execPath, [vite, 'build'], scratch);
const server = spawn(process.execPath, [vite, mode === 'build' ? 'preview' : 'serve', ...listen],
  { cwd: scratch, stdio: 'inherit' });
server.on('exit', (code) => process.exit(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
