// What each panel of the dashboard costs in its wasm, and what is left with
// none of them: the floor under the dashboard's 150 KB budget that no work on
// the panels can go below. Builds HEAD in a temporary worktree (Trunk, the
// same flags as `cargo xtask serve/test/bench`), once as it is, once per panel
// with that component's body emptied (the code only it uses goes with it),
// and once with all of them emptied. Sizes are gzip -9, as the bench counts.
//   node tests/bench/view-costs.mjs        (about 5 minutes with warm caches)
// Its own target directory (target/view-costs) keeps the main build's intact.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(new URL('../..', import.meta.url).pathname);
/** The panels: file under web/src/view, component. */
const panels = [
  ['table.rs', 'NumbersTable'],
  ['campaign.rs', 'CampaignPanel'],
  ['detail.rs', 'Detail'],
  ['summary.rs', 'SummaryPanel'],
  ['filters.rs', 'Filters'],
  ['load_status.rs', 'LoadStatus'],
];

const cargoHome = process.env.CARGO_HOME || join(process.env.HOME, '.cargo');
const registry = join(cargoHome, 'registry/src');
// As xtask's run::wasm_release: crates.io paths written relative to the registry.
const remap = existsSync(registry)
  ? readdirSync(registry).map((d) => `--remap-path-prefix=${join(registry, d)}/=`).join(' ')
  : '';
const env = {
  ...process.env,
  CARGO_TARGET_DIR: join(root, 'target/view-costs'),
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS: [process.env.CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS, remap].filter(Boolean).join(' '),
  PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH}`,
  TRUNK_SKIP_VERSION_CHECK: 'true',
};

// GNU gzip, as xtask measures what the bench reports (zlib's level 9 differs by ~0.7%).
const gzip = (file) => execFileSync('gzip', ['-9', '-c', file], { maxBuffer: 1 << 30 }).length;
const work = mkdtempSync(join(tmpdir(), 'view-costs-'));
const tree = join(work, 'tree');
const dist = join(work, 'dist');

/** Builds the tree; the sizes of its wasm and of everything served. */
function build(label) {
  process.stderr.write(`view-costs: building ${label}\n`);
  execFileSync('trunk', ['build', '--release', '--dist', dist], { cwd: tree, env, stdio: ['ignore', 'ignore', 'inherit'] });
  let wasm = 0;
  let all = 0;
  for (const f of readdirSync(dist, { recursive: true, withFileTypes: true })) {
    if (!f.isFile()) continue;
    const size = gzip(join(f.parentPath ?? f.path, f.name));
    all += size;
    if (f.name.endsWith('.wasm')) wasm += size;
  }
  return { wasm, all };
}

/** Empties the body of `component` in `file`, keeping its signature. */
function empty(file, component) {
  const path = join(tree, 'web/src/view', file);
  const text = readFileSync(path, 'utf8');
  const start = text.indexOf(`pub fn ${component}(`);
  const open = '-> impl IntoView {';
  const bodyAt = text.indexOf(open, start);
  if (start < 0 || bodyAt < 0) throw new Error(`${component} not found in ${file}`);
  const end = bodyAt + open.length;
  // The old body stays as an unused function, so the file still compiles.
  const gone = `}\n#[allow(dead_code, non_snake_case, unused)]\nfn ${component}Gone(`;
  writeFileSync(path, text.slice(0, end) + gone + text.slice(start + `pub fn ${component}(`.length));
}

const restore = () => execFileSync('git', ['checkout', '-q', '--', 'web'], { cwd: tree });
try {
  execFileSync('git', ['worktree', 'add', '-q', '--detach', tree, 'HEAD'], { cwd: root });
  symlinkSync(join(root, 'node_modules'), join(tree, 'node_modules'));
  const base = build('HEAD');
  const rows = [];
  for (const [file, component] of panels) {
    empty(file, component);
    const size = build(`without ${component}`);
    rows.push(`| \`${component}\` | ${base.wasm - size.wasm} B |`);
    restore();
  }
  for (const [file, component] of panels) empty(file, component);
  const none = build('without every panel');
  restore();
  console.log(['| panel emptied | wasm saved (gzip -9) |', '|---|---|', ...rows].join('\n'));
  console.log(`\nHEAD: wasm ${base.wasm} B, everything served ${base.all} B gzip.`);
  console.log(`Without every panel above: wasm ${none.wasm} B, everything served ${none.all} B gzip (the budget: 150,000 B).`);
} finally {
  if (existsSync(tree)) execFileSync('git', ['worktree', 'remove', '--force', tree], { cwd: root });
  rmSync(work, { recursive: true, force: true });
}
