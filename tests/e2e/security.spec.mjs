// The built dashboard's own defences, in Chromium: its Content-Security-Policy
// is never violated, it talks to no origin but its own and the provider's, its
// script and wasm carry Subresource Integrity, and it sends no Referer.
import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const sandbox = process.env.WA_SANDBOX_URL;
const KEY = 'sk-security-SECRET-31';
const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

/**
 * Watches a page from its first byte: CSP violations (an init script, which the
 * page's CSP does not govern), console errors, and every request's origin.
 */
async function guard(page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation',
      (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`), true);
  });
  const requests = [];
  const problems = [];
  page.on('request', (r) => requests.push(r));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  return {
    requests,
    /** Fails on any violation, console error, or request to an origin not in `origins`. */
    async check(origins) {
      expect(await page.evaluate(() => window.__violations)).toEqual([]);
      expect(problems).toEqual([]);
      expect(requests.map((r) => r.url()).filter((u) => !origins.includes(new URL(u).origin))).toEqual([]);
    },
  };
}

const sha384 = async (file) => `sha384-${createHash('sha384').update(await readFile(`${dist}${file}`)).digest('base64')}`;

test('demo: no CSP violation, only its own origin, SRI on the script and the wasm, no referrer', async ({ page, baseURL }) => {
  const app = new URL(baseURL).origin;
  const watch = await guard(page);
  await page.goto('/app/?demo=1');
  await expect(page.locator('.loaded')).toContainText('numbers loaded');
  await page.locator('tbody tr.row').first().click();
  await expect(page.locator('.detail h2')).toBeVisible();
  await watch.check([app]);

  // As served, before any script runs: the referrer policy is index.html's own.
  const html = await (await fetch(`${baseURL}/app/index.html`)).text();
  expect(html).toContain('<meta name="referrer" content="no-referrer" />');
  await expect(page.locator('meta[name=referrer]')).toHaveAttribute('content', 'no-referrer');
  // The integrity values are the files' own digests (CORS mode, as SRI needs).
  // Chromium enforces the module's (a changed wa-numbers-web.js is refused); it
  // ignores integrity on a fetch preload (crbug.com/981419, it says so in the
  // console), so the wasm's is checked by browsers that support it.
  for (const [selector, file] of [
    ['link[rel=modulepreload][href="./wa-numbers-web.js"]', 'wa-numbers-web.js'],
    ['link[rel=preload][as=fetch][href="./wa-numbers-web_bg.wasm"]', 'wa-numbers-web_bg.wasm'],
    ['link[rel=stylesheet][href="./style.css"]', 'style.css'],
  ]) {
    const link = page.locator(selector);
    await expect(link, selector).toHaveCount(1);
    expect(await link.getAttribute('integrity'), file).toBe(await sha384(file));
    if (file !== 'style.css') expect(await link.getAttribute('crossorigin'), file).toBe('anonymous');
  }
  // Every module the page preloads carries its digest: the app's and the
  // client's JS snippet (snippets/…/wire.js) that the app imports.
  const modules = await page.locator('link[rel=modulepreload]')
    .evaluateAll((links) => links.map((l) => [l.getAttribute('href'), l.getAttribute('integrity')]));
  expect(modules.map(([href]) => href).some((href) => href.endsWith('/js/wire.js')), 'wire.js is preloaded').toBe(true);
  for (const [href, integrity] of modules) expect(integrity, href).toBe(await sha384(href.replace(/^\.\//, '')));
});

test('a script that does not match its integrity is refused: the dashboard does not start', async ({ page }) => {
  const refused = [];
  page.on('console', (m) => m.type() === 'error' && refused.push(m.text()));
  await page.route('**/app/wa-numbers-web.js', async (route) => {
    const original = await route.fetch();
    await route.fulfill({ response: original, body: `${await original.text()}\nwindow.__tampered = 1;\n` });
  });
  await page.goto('/app/?demo=1');
  await expect.poll(() => refused.join('\n')).toContain("Failed to find a valid digest in the 'integrity' attribute");
  await expect(page.locator('.loaded')).toHaveCount(0);
  expect(await page.evaluate(() => window.__tampered)).toBeUndefined();
});

test('connected to the sandbox: only the app and the provider, no Referer, no violation', async ({ page, baseURL }) => {
  const app = new URL(baseURL).origin;
  const watch = await guard(page);
  const put = await fetch(`${sandbox}/__sandbox/scopes/e2e-security`, { method: 'PUT', body: JSON.stringify({ numbers: 400 }) });
  expect(put.status).toBe(200);
  // Filters in the query string: what a Referer would have leaked.
  await page.goto('/app/?q=ShopItalia&status=CONNECTED');
  await page.selectOption('#provider', 'antgst');
  await page.fill('#base-url', `${sandbox}/s/e2e-security`);
  await page.fill('#api-key', KEY);
  await page.click('button[type=submit]');
  await expect(page.locator('.loaded')).toContainText('404 numbers loaded');
  await watch.check([app, new URL(sandbox).origin]);
  const calls = watch.requests.filter((r) => r.url().startsWith(sandbox));
  expect(calls.length).toBeGreaterThan(1);
  for (const r of calls) {
    const headers = await r.allHeaders();
    expect(headers.referer, r.url()).toBeUndefined();
    expect(r.url()).not.toContain(KEY);
  }
});

test('the violation watch itself works: a blocked image is reported', async ({ page }) => {
  await guard(page);
  await page.goto('/app/?demo=1');
  await expect(page.locator('.loaded')).toContainText('numbers loaded');
  // img-src is 'self' data: only; 192.0.2.1 is a documentation address, never contacted.
  await page.evaluate(() => { const img = new Image(); img.src = 'http://192.0.2.1/pixel.png'; document.body.append(img); });
  await expect.poll(() => page.evaluate(() => window.__violations)).toEqual(['img-src http://192.0.2.1/pixel.png']);
});
