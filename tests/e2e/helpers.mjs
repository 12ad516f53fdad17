// What the end-to-end specs share: the sandbox's scopes, connecting, console
// watching, axe-core and screenshots.
import { expect } from '@playwright/test';
import { readFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const sandbox = process.env.WA_SANDBOX_URL;
/** The same sandbox over HTTPS with HTTP/2, as the providers serve. */
export const sandboxTls = process.env.WA_SANDBOX_TLS_URL;
export const KEY = 'sk-e2e-SECRET-777';
const artifacts = fileURLToPath(new URL('./artifacts/', import.meta.url));
const axePath = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));

/** Configures a sandbox scope; returns its base URL (on `origin`: `sandboxTls` for HTTPS). */
export async function scope(name, config, origin = sandbox) {
  const r = await fetch(`${sandbox}/__sandbox/scopes/${name}`, { method: 'PUT', body: JSON.stringify(config) });
  expect(r.status).toBe(200);
  return `${origin}/s/${name}`;
}

/** Collects console errors and uncaught exceptions (a test expects none). */
export function watchConsole(page) {
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

/** axe-core's WCAG 2.1 A/AA rules on the whole page: no violation. */
export async function axe(page, screen) {
  // Evaluated through the DevTools protocol: the page's CSP rightly refuses an
  // injected <script>.
  await page.evaluate(await readFile(axePath, 'utf8'));
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  const violations = result.violations.map((v) => `${screen}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(violations).toEqual([]);
}

/** A full-page screenshot into tests/e2e/artifacts/ (git-ignored). */
export async function shot(page, name) {
  await mkdir(artifacts, { recursive: true });
  await page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });
}

/** Fills the connect form in and submits it. */
export async function connect(page, { provider = 'lora', baseUrl, apiKey = KEY, remember = false, query = '' }) {
  await page.goto(`/app/${query}`);
  await page.selectOption('#provider', provider);
  await page.fill('#base-url', baseUrl);
  await page.fill('#api-key', apiKey);
  if (remember) await page.check('#remember');
  await page.click('button[type=submit]');
}
