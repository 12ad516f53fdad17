// The dashboard end to end, in headless Chromium: on its demo data and against
// the sandbox that `cargo xtask test` starts (WA_SANDBOX_URL).
import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { axe, connect, KEY, sandbox, sandboxTls, scope, shot, watchConsole } from './helpers.mjs';

test('demo: list, sort, filter, URL round trip, detail, campaign plan and CSV', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('/app/?demo=1');
  await expect(page.locator('.loaded')).toContainText('5,004 numbers loaded');
  await expect(page.locator('tbody tr.row').first()).toBeVisible();
  expect(await page.locator('tbody tr.row').count()).toBeLessThan(80);
  // The demo has no connection to end: its button leaves it.
  await expect(page.locator('.top-actions button')).toHaveText('Leave the demo');
  // The page runs under its own strict Content-Security-Policy (a violation
  // would also show as a console error, which fails this test).
  const csp = await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
  expect(csp).toContain("default-src 'none'");
  expect(csp).not.toContain('unsafe-inline');
  await expect(page.locator('meta[name=referrer]')).toHaveAttribute('content', 'no-referrer');
  // Subresource Integrity on the scripts (the app's and wire.js) and the wasm
  // (Trunk's preloads; security.spec.mjs checks the digests).
  for (const sel of ['link[rel=modulepreload]', 'link[rel=preload][as=fetch]']) {
    const integrity = await page.locator(sel).evaluateAll((links) => links.map((l) => l.getAttribute('integrity')));
    expect(integrity.length, sel).toBeGreaterThan(0);
    for (const value of integrity) expect(value, sel).toMatch(/^sha384-/);
  }
  await shot(page, 'demo-list');
  await axe(page, 'list');
  // At 1280 px the key columns, the verdict among them, fit without scrolling sideways.
  const scroller = await page.locator('.scroller').boundingBox();
  const verdictColumn = await page.locator('.numbers th:has-text("Alone, for the campaign")').boundingBox();
  expect(verdictColumn.x + verdictColumn.width).toBeLessThanOrEqual(scroller.x + scroller.width + 1);

  await page.click('th button:has-text("Daily limit")');
  await expect(page.locator('th[aria-sort=ascending]')).toContainText('Daily limit');
  await page.click('th button:has-text("Daily limit")');
  await expect(page.locator('th[aria-sort=descending]')).toContainText('Daily limit');
  await expect(page.locator('tbody tr.row').first().locator('td.limit')).toHaveText('unlimited');

  await page.selectOption('#filter-status', 'ONBOARDING');
  await page.selectOption('#filter-quality', 'UNKNOWN');
  await page.fill('#filter-text', 'SportZone by');
  await expect(page.locator('tbody tr.row')).toHaveCount(1);
  // The address bar follows the view once typing pauses (150 ms).
  await expect(page).toHaveURL(/q=SportZone%20by/);
  const url = page.url();
  expect(url).toContain('status=ONBOARDING');
  expect(url).toContain('quality=UNKNOWN');
  expect(url).toContain('q=SportZone%20by');
  expect(url).toContain('sort=limit');

  await page.locator('tbody tr.row').first().click();
  await expect(page.locator('.detail h2')).toHaveText('SportZone by ShopItalia');
  await expect(page.locator('.detail .verdict')).toContainText('Wait for onboarding');
  await expect(page).toHaveURL(/id=waba-num-002/);
  await shot(page, 'demo-detail');
  await axe(page, 'detail');

  // The shared link opens the same view.
  const shared = page.url();
  const other = await page.context().newPage();
  await other.goto(shared);
  await expect(other.locator('tbody tr.row')).toHaveCount(1);
  await expect(other.locator('#filter-text')).toHaveValue('SportZone by');
  await expect(other.locator('.detail h2')).toHaveText('SportZone by ShopItalia');
  await other.close();

  // Campaign over every CONNECTED number: a plan, then its CSV.
  await page.fill('#filter-text', '');
  await page.selectOption('#filter-quality', '');
  await page.selectOption('#filter-status', 'CONNECTED');
  // What cannot be read is refused in words, and no stale answer stays.
  await page.fill('#recipients', '12.5');
  await expect(page.locator('#recipients-problem')).toContainText('whole number');
  await expect(page.locator('#recipients')).toHaveValue('12.5');
  await expect(page.locator('.answer')).toContainText('No answer until');
  await page.fill('#recipients', '250.000');
  await expect(page.locator('#recipients-problem')).toBeEmpty();
  await expect(page.locator('.answer.yes')).toContainText('250,000 recipients');
  await page.fill('#recipients', '250000');
  await expect(page.locator('.plan-summary')).toContainText('recipients');
  await expect(page.locator('.plan-summary .send-time')).toContainText('estimated send time');
  await expect(page.locator('.unassigned')).toHaveAttribute('data-unassigned', '0');
  await expect(page.locator('.answer.yes')).toContainText('Yes: 250,000 recipients over');
  await expect(page).toHaveURL(/recipients=250000/);
  await shot(page, 'demo-campaign');
  // A number of the plan opens with the keyboard, and focus follows it to the detail.
  await page.locator('.assignments li button.link').first().focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#detail-title')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.locator('.detail')).toHaveCount(0);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Export plan (CSV)')]);
  expect(download.suggestedFilename()).toBe('campaign-plan.csv');
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const lines = csv.slice(1).trim().split('\r\n');
  expect(lines[0]).toBe('phoneNumberId,phoneNumber,name,wabaId,qualityRating,dailyLimit,recipients');
  const total = lines.slice(1).reduce((sum, line) => sum + Number(line.split(',').at(-1)), 0);
  expect(total).toBe(250000);
  const [tableDownload] = await Promise.all([page.waitForEvent('download'), page.click('text=Export table (CSV)')]);
  const table = (await readFile(await tableDownload.path(), 'utf8')).slice(1).trim().split('\r\n');
  expect(table[0]).toContain('id,phoneNumber,name,wabaId,status');
  expect(table.slice(1).every((row) => row.includes(',CONNECTED,'))).toBe(true);
  // Limits as plain digits (any locale's spreadsheet reads them), verdicts in words.
  expect(table.slice(1).every((row) => /,(\d+|unlimited|unknown),/.test(row) && !/,\d{1,3},\d{3},/.test(row))).toBe(true);
  expect(table.slice(1).some((row) => /,(Send|Choose another number),?/.test(row))).toBe(true);
  expect(table.length - 1).toBe(Number((await page.locator('.filters .count').textContent()).replace(/[^0-9]/g, '')));
  expect(problems).toEqual([]);
});

test('connects to the sandbox without leaking the credential', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('/app/');
  await shot(page, 'connect');
  await axe(page, 'connect');
  const baseUrl = await scope('e2e-connect', { numbers: 3000, latencyMs: 40 });
  await connect(page, { provider: 'antgst', baseUrl });
  // 31 pages at 40 ms each: the progress bar shows while they load.
  await expect(page.locator('progress#load-progress')).toBeVisible();
  await expect(page.locator('.loading label')).toContainText('of 3,004');
  await expect(page.locator('.loaded')).toContainText('3,004 numbers loaded');
  expect(page.url()).not.toContain('SECRET');
  expect(await page.content()).not.toContain(KEY);
  const storage = await page.evaluate(() => [JSON.stringify(localStorage), JSON.stringify(sessionStorage)]);
  expect(storage).toEqual(['{}', '{}']);
  const log = await (await fetch(`${sandbox}/__sandbox/scopes/e2e-connect/requests`)).json();
  expect(log.length).toBe(31);
  expect(log.every((r) => r.credentialHeader && !r.url.includes('SECRET'))).toBe(true);
  expect(problems).toEqual([]);
});

test('connects to Meta\'s Graph API: several WABAs by cursor, health and what to do', async ({ page }) => {
  const problems = watchConsole(page);
  const base = await scope('e2e-meta', { numbers: 1500, seed: 9 });
  const wabas = ['waba-9-000', 'waba-9-002'];
  // How many numbers each WABA holds, asked of the same scope in AntGst's dialect.
  let expected = 0;
  for (const w of wabas) {
    const r = await fetch(`${base}/v1/whatsapp/businessPhoneNumber?wabaId=${w}&pageSize=1`, { headers: { Authorization: `Bearer ${KEY}` } });
    expected += (await r.json()).total;
  }
  expect(expected).toBeGreaterThan(100);
  await page.goto('/app/');
  await page.selectOption('#provider', 'meta');
  // The Graph base URL is the default; the sandbox stands in for it here.
  await expect(page.locator('#base-url')).toHaveValue('https://graph.facebook.com/v24.0');
  await page.fill('#base-url', `${base}/v24.0`);
  await page.fill('#api-key', KEY);
  // Without a WABA the form says what is missing, and sends nothing.
  await page.fill('#waba-ids', ' , ');
  await page.click('button[type=submit]');
  await expect(page.locator('.problem')).toContainText('WABA');
  await page.fill('#waba-ids', wabas.join(', '));
  await shot(page, 'connect-meta');
  await page.click('button[type=submit]');
  await expect(page.locator('.loaded')).toContainText(`${expected.toLocaleString('en-US')} numbers loaded`);
  const log = (await (await fetch(`${sandbox}/__sandbox/scopes/e2e-meta/requests`)).json())
    .filter((r) => r.url.includes('/v24.0/'));
  expect(log.length).toBeGreaterThan(2);
  expect(log.every((r) => r.credentialHeader && r.status === 200 && r.url.includes('fields=')
    && !r.url.includes('SECRET') && !r.url.includes('access_token'))).toBe(true);
  expect(await page.content()).not.toContain(KEY);
  // A blocked number: Meta's own words on what is wrong and what to do.
  await page.selectOption('#filter-status', 'UNAVAILABLE');
  await page.locator('tbody tr.row').first().click();
  await expect(page.locator('.detail .health')).toContainText('BLOCKED');
  await expect(page.locator('.detail .health-errors')).toContainText('What to do:');
  await shot(page, 'meta-health');
  expect(problems).toEqual([]);
});

test('a slow, throttled load shows rows as they arrive, says so, and completes', async ({ page }) => {
  const problems = watchConsole(page);
  const baseUrl = await scope('e2e-throttled', {
    numbers: 3000, latencyMs: 150, faults: [{ kind: 'rate_limit', retryAfter: 1, rate: 0.3 }],
  });
  await connect(page, { provider: 'antgst', baseUrl });
  // The first page's rows show while the rest are still loading.
  await expect(page.locator('tbody tr.row').first()).toBeVisible({ timeout: 5_000 });
  await expect(page.locator('.loading')).toBeVisible();
  await expect(page.locator('.partial').first()).toContainText('Partial:');
  await expect(page.locator('.throttled')).toContainText('loading slows down and continues', { timeout: 20_000 });
  await shot(page, 'loading-throttled');
  await expect(page.locator('.loaded')).toContainText('3,004 numbers loaded', { timeout: 90_000 });
  await expect(page.locator('.partial')).toHaveCount(0);
  await expect(page.locator('.problem')).toHaveCount(0);
  // Chromium logs each 429 answer itself; anything else would be ours.
  expect(problems.filter((p) => !p.includes('status of 429'))).toEqual([]);
});

test('a failed load keeps its rows and continues from there', async ({ page }) => {
  const config = { numbers: 3000 };
  const baseUrl = await scope('e2e-resume', { ...config, faults: [{ kind: 'status', status: 500, path: 'pageNo=20&' }] });
  await connect(page, { provider: 'antgst', baseUrl });
  await expect(page.locator('.partial-load')).toContainText('they stay shown', { timeout: 30_000 });
  await expect(page.locator('.problem')).toBeVisible();
  const kept = Number((await page.locator('.partial-load').textContent()).match(/after ([\d,]+)/)[1].replace(/,/g, ''));
  expect(kept).toBeGreaterThan(100);
  await expect(page.locator('tbody tr.row').first()).toBeVisible();
  await shot(page, 'load-failed-partial');
  // The provider recovers; loading continues without losing what was shown.
  await scope('e2e-resume', config);
  await page.click('text=Continue loading');
  await expect(page.locator('.loaded')).toContainText('3,004 numbers loaded', { timeout: 30_000 });
});

test('a broken page midway is said to be the provider\'s, not a wrong base URL, and the load continues', async ({ page }) => {
  const config = { numbers: 3000 };
  const baseUrl = await scope('e2e-malformed', { ...config, faults: [{ kind: 'malformed', path: 'pageNo=20&' }] });
  await connect(page, { provider: 'antgst', baseUrl });
  const problem = page.locator('.problem');
  await expect(problem).toHaveAttribute('data-kind', 'invalid_response', { timeout: 30_000 });
  await expect(problem.locator('.title')).toContainText("A page of the list was not in this provider's format");
  await expect(problem.locator('.action')).not.toContainText('base URL');
  await expect(page.locator('tbody tr.row').first()).toBeVisible();
  await scope('e2e-malformed', config);
  await page.click('text=Continue loading');
  await expect(page.locator('.loaded')).toContainText('3,004 numbers loaded', { timeout: 30_000 });
});

test('every chart value is drawn inside its chart, however long (LORA: one line for all its numbers)', async ({ page }) => {
  const baseUrl = await scope('e2e-chart-width', { numbers: 3000 });
  await connect(page, { provider: 'lora', baseUrl });
  await expect(page.locator('.loaded')).toContainText('3,004 numbers loaded', { timeout: 30_000 });
  const overflows = await page.evaluate(() => [...document.querySelectorAll('.chart svg')].flatMap((svg) => {
    const width = svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll('text.value')].map((t) => ({ text: t.textContent, end: t.getBBox().x + t.getBBox().width, width }))
      .filter((v) => v.end > v.width);
  }));
  expect(overflows).toEqual([]);
  await expect(page.locator('.chart text.value', { hasText: '∞' }).first()).toBeVisible();
});

test('the WABA chart counts as the campaign does: one shared limit per WABA when the limit is per WABA', async ({ page }) => {
  // One WABA's Low numbers, planned over what the filters show at Low:
  // the chart and the plan count the same numbers.
  await page.goto('/app/?demo=1&waba=waba-7-001&quality=RED&minq=RED&only=1');
  await expect(page.locator('.loaded')).toContainText('5,004 numbers loaded', { timeout: 30_000 });
  const chart = page.locator('figure.chart').nth(2);
  // A plain figure such as 157,600 (no "∞": these numbers all have limits).
  const value = async () => {
    const text = await chart.locator('text.value').first().textContent();
    expect(text).toMatch(/^[0-9,]+$/);
    return Number(text.replace(/,/g, ''));
  };
  await expect(chart.locator('figcaption')).toHaveText(/numbers that can send/);
  const summed = await value();
  await page.selectOption('#limit-scope', 'waba');
  await expect(chart.locator('figcaption')).toHaveText(/one limit its numbers share/);
  await expect.poll(value).toBeLessThan(summed);
  // The shared limit is the one the plan draws on: a campaign of exactly
  // that size goes out today on this WABA's numbers.
  const shared = await value();
  await page.fill('#recipients', String(shared));
  await expect(page.locator('.answer')).toContainText('Yes');
  await page.fill('#recipients', String(shared + 1));
  await expect(page.locator('.answer.no')).toContainText('No');
});

test('"remember in this tab" uses sessionStorage only', async ({ page }) => {
  const baseUrl = await scope('e2e-remember', {});
  await connect(page, { baseUrl, remember: true });
  await expect(page.locator('.loaded')).toContainText('numbers loaded');
  const [local, session] = await page.evaluate(() => [localStorage.length, sessionStorage.getItem('wa-numbers.connection')]);
  expect(local).toBe(0);
  expect(JSON.parse(session).apiKey).toBe(KEY);
  await page.reload();
  await expect(page.locator('.loaded')).toContainText('numbers loaded');
  await page.click('text=Disconnect');
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
});

test('each error state is explained', async ({ page }) => {
  const cases = [
    ['e2e-401', {}, 'invalid', 'did not accept the credential'],
    ['e2e-403', {}, 'forbidden', 'allow-list'],
    ['e2e-429', { faults: [{ kind: 'rate_limit', retryAfter: 30 }] }, KEY, 'Retrying is possible in 30 s'],
    ['e2e-500', { faults: [{ kind: 'status', status: 500 }] }, KEY, 'internal error'],
  ];
  // A wrong base URL is diagnosed as an address problem, not as removed numbers.
  await connect(page, { baseUrl: `${sandbox}/s/e2e-404/wrong/path` });
  await expect(page.locator('.problem')).toContainText('nothing at this address', { timeout: 20_000 });
  await page.click('text=Disconnect');
  for (const [name, config, apiKey, text] of cases) {
    const baseUrl = await scope(name, config);
    await connect(page, { baseUrl, apiKey });
    await expect(page.locator('.problem')).toContainText(text, { timeout: 20_000 });
    if (apiKey !== KEY) await expect(page.locator('.problem')).toContainText('To enter another key, use Disconnect');
    await page.click('text=Disconnect');
    // Back at the form: provider and URL kept, the key never.
    await expect(page.locator('#base-url')).toHaveValue(baseUrl);
    await expect(page.locator('#api-key')).toHaveValue('');
  }
  // Nothing listens on port 9 of this machine: the network error names CORS and proxies.
  await connect(page, { baseUrl: 'http://127.0.0.1:9' });
  await expect(page.locator('.problem')).toContainText('could not be reached', { timeout: 30_000 });
  await expect(page.locator('.problem')).toContainText('proxy');
  await expect(page.locator('.scroller')).toHaveCount(0);
  await shot(page, 'error-network');
  await axe(page, 'error');
});

test('a base URL the page cannot reach is said at the field, before any request', async ({ page }) => {
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  for (const [baseUrl, text] of [
    ['http://example.com', 'connects to https:// addresses only'],
    ['127.0.0.1:18710', 'Start the address with https://'],
    ['ftp://wa.antgst.com', 'Start the address with https://'],
    ['', "Enter the provider's address"],
  ]) {
    await connect(page, { baseUrl });
    await expect(page.locator('#base-url-problem')).toContainText(text);
    await expect(page.locator('#base-url')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#base-url')).toBeFocused();
    await expect(page.locator('.problem')).toHaveCount(0);
    if (baseUrl === 'http://example.com') await shot(page, 'connect-base-url-problem');
    // Typing again clears it.
    await page.fill('#base-url', 'https://wa.antgst.com');
    await expect(page.locator('#base-url-problem')).toBeEmpty();
    await expect(page.locator('#base-url')).toHaveAttribute('aria-invalid', 'false');
  }
  expect(requests.filter((url) => /example\.com|:18710|antgst/.test(url))).toEqual([]);
});

test('watches onboarding from PENDING to ACTIVE', async ({ page }) => {
  const baseUrl = await scope('e2e-watch', { onboardingDelayMs: 4000 });
  await connect(page, { baseUrl });
  await page.fill('#filter-text', 'SportZone by');
  await page.locator('tbody tr.row').first().click();
  await page.click('text=Watch onboarding');
  await expect(page.locator('.watch-log li').first()).toContainText('Onboarding (PENDING)');
  // Between two changes the screen says it is still asking.
  await expect(page.locator('.watch-note')).toContainText('Asking the provider every second');
  await expect(page.locator('.watch-log li').nth(1)).toContainText('Connected (ACTIVE)', { timeout: 15_000 });
  await expect(page.locator('.watch-note')).toHaveCount(0);
  // Nothing left to watch: no button (not a disabled one), no stop button.
  await expect(page.locator('.detail .watch button')).toHaveCount(0);
  // Onboarded, but still unrated: now the quality rule decides.
  await expect(page.locator('.detail .verdict')).toContainText('Choose another number');
  await expect(page.locator('.detail .reasons li[data-code=quality_below_minimum]')).toBeVisible();
  await shot(page, 'onboarding-watch');
  // The log is written in the language of the moment: its words and its clock.
  await page.selectOption('#lang', 'it');
  await expect(page.locator('.watch-log li').first()).toContainText('In attivazione (PENDING)');
  await expect(page.locator('.watch-log li').first()).not.toContainText(/AM|PM/);
});

test('hostile names are shown as text', async ({ page }) => {
  const problems = watchConsole(page);
  const baseUrl = await scope('e2e-hostile', { hostileNames: true });
  await connect(page, { provider: 'antgst', baseUrl });
  await page.fill('#filter-text', 'script');
  await expect(page.locator('tbody tr.row')).toHaveCount(1);
  await page.locator('tbody tr.row').first().click();
  await expect(page.locator('.detail')).toContainText('<script>window.__pwned=2</script>');
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(await page.locator('.wa-numbers img, .wa-numbers script, .wa-numbers b').count()).toBe(0);
  expect(problems).toEqual([]);
});

test('mounts into a host page and reports the chosen number', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('/host.html');
  await expect(page.locator('#numbers .loaded')).toContainText('5,004 numbers loaded');
  expect(await page.evaluate(() => document.body.dataset.badOptions)).toBe('invalid_input');
  await page.locator('#numbers tbody tr.row').nth(2).click();
  const id = await page.locator('#numbers tbody tr.row').nth(2).getAttribute('data-id');
  await expect(page.locator('#chosen')).toHaveText(id);
  expect(new URL(page.url()).search).toBe('');
  // The dashboard's stylesheet is scoped to it: the portal's own heading, body
  // and boxes keep the browser's defaults.
  const portal = await page.evaluate(() => {
    const h1 = getComputedStyle(document.querySelector('main > h1'));
    const body = getComputedStyle(document.body);
    return { h1: h1.fontSize, margin: body.margin, sizing: getComputedStyle(document.querySelector('main')).boxSizing };
  });
  expect(portal).toEqual({ h1: '32px', margin: '8px', sizing: 'content-box' });
  await shot(page, 'embedded');
  expect(problems).toEqual([]);
});

test("a portal's own grid .row (Bootstrap's) leaves the table's rows whole", async ({ page }) => {
  await page.goto('/host.html');
  await expect(page.locator('#numbers .loaded')).toContainText('5,004 numbers loaded');
  await page.addStyleTag({ content: '.row { display: flex; flex-wrap: wrap; margin: 0 -12px; } .row > * { flex-shrink: 0; width: 100%; max-width: 100%; }' });
  const row = page.locator('#numbers tbody tr.row').first();
  expect(await row.evaluate((tr) => getComputedStyle(tr).display)).toBe('table-row');
  // Every cell of a row on one line, side by side.
  const tops = await row.locator('td').evaluateAll((tds) => tds.filter((td) => td.offsetParent).map((td) => td.getBoundingClientRect().top));
  expect(tops.length).toBeGreaterThan(3);
  expect(new Set(tops.map(Math.round)).size).toBe(1);
});

// A portal's own stylesheet, loaded after the dashboard's: typography and boxes
// on plain elements, and its own components under the class names the
// dashboard uses too (Bootstrap's .row, .close, .badge, .table and the like).
const PORTAL_CSS = `
  * { box-sizing: content-box; }
  div, section, aside, p, span, strong, h1, h2, h3, ul, ol, li, dl, dt, dd, label, table, th, td, tr,
  button, input, select, figure, figcaption, output, progress {
    text-transform: uppercase; letter-spacing: 3px; word-spacing: 9px; line-height: 3; font-family: serif;
    font-style: italic; text-shadow: 0 0 2px red; text-align: center; color: red; float: left;
    margin: 7px; padding: 11px; border: 3px dashed lime; box-shadow: 0 0 5px blue; opacity: .7;
    border-collapse: separate; border-spacing: 9px; list-style: square inside; cursor: crosshair;
  }
  .row, .detail, .summary, .close, .secondary, .problem, .numbers, .main, .side, .filters, .badge,
  .empty, .chart, .source, .hint, .actions, .watch, .title, .action, .count, .top, .lang, .verdict,
  .reasons, .advice, .loaded, .status-line, .dashboard, .campaign, .answer, .headline, .selected,
  .scroller, .spacer, .link, .check, .connect, .table, .btn, .card {
    display: block; position: relative; float: right; margin: 13px; padding: 17px;
    border: 5px solid lime; background: yellow; color: red; font-size: 31px; font-weight: 100;
    opacity: .4; box-shadow: 0 0 9px blue; visibility: visible; text-transform: lowercase;
  }
  /* The host element's own box is the portal's to decide (it sizes the
     dashboard, as any container would): kept as it was, so that sizes compare. */
  #numbers { float: none; margin: 0; padding: 0; border: 0; }`;

test("a portal's own stylesheet changes nothing inside the dashboard", async ({ page }) => {
  await page.goto('/host.html');
  await expect(page.locator('#numbers .loaded')).toContainText('5,004 numbers loaded');
  // A number open too: its detail (list of fields, reasons, Close) is styled as well.
  await page.locator('#numbers tbody tr.row').nth(1).click();
  await expect(page.locator('#numbers .detail h2')).toBeVisible();
  // No row under the pointer: hovering is not a difference; nor is the page's
  // scroll bar, which comes when the portal's own rules make its page taller.
  await page.mouse.move(0, 0);
  await page.addStyleTag({ content: 'html { overflow-y: scroll; }' });
  const look = () => page.evaluate(() => {
    const properties = ['display', 'position', 'float', 'color', 'background-color', 'font-family',
      'font-size', 'font-weight', 'font-style', 'text-transform', 'letter-spacing', 'word-spacing',
      'line-height', 'text-shadow', 'text-align', 'opacity', 'visibility', 'margin-top', 'margin-left',
      'padding-top', 'padding-left', 'border-top-width', 'border-top-style', 'box-shadow', 'box-sizing',
      'list-style-type', 'border-collapse', 'border-spacing', 'cursor'];
    return [...document.querySelectorAll('#numbers *')].map((element) => {
      const style = getComputedStyle(element);
      const name = `${element.tagName}.${element.getAttribute('class') ?? ''}`;
      return properties.map((p) => [name, p, style.getPropertyValue(p)]);
    });
  });
  const before = await look();
  expect(before.length).toBeGreaterThan(100);
  await page.addStyleTag({ content: PORTAL_CSS });
  const after = await look();
  expect(after.length).toBe(before.length);
  // Each difference as "element property: before -> after".
  const changed = after.flatMap((element, i) => element
    .filter(([, , value], j) => value !== before[i][j][2])
    .map(([name, p, value], j) => `${name} ${p}: ${before[i].find((b) => b[1] === p)[2]} -> ${value}`));
  expect(changed).toEqual([]);
  // The portal's own page does take its rules.
  expect(await page.evaluate(() => getComputedStyle(document.querySelector('main > h1')).textTransform)).toBe('uppercase');
});

test('embedded in a part of the window, the layout follows the space it was given', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/host.html');
  await expect(page.locator('#numbers .loaded')).toContainText('5,004 numbers loaded');
  const root = page.locator('#numbers .wa-numbers');
  // The whole window: the laptop layout, the detail panel beside the table.
  await expect(root).toHaveAttribute('data-width', 'laptop');
  // A portal column of 1,100 px in the same 1280 px window (Bootstrap's
  // container): one column, the table over the whole width (a media query
  // kept the laptop's two, and cut the phone numbers).
  await page.addStyleTag({ content: '#numbers { width: 1100px; }' });
  await expect(root).toHaveAttribute('data-width', 'narrow');
  const table = await page.locator('#numbers .scroller').boundingBox();
  const side = await page.locator('#numbers .side').boundingBox();
  expect(side.y).toBeGreaterThan(table.y + table.height - 1);
  // Every phone number shown whole.
  const cut = await page.locator('#numbers tbody tr.row td.number').evaluateAll((cells) => cells.filter((td) => td.scrollWidth > td.clientWidth).length);
  expect(cut).toBe(0);
  // 400 px: the phone layout (number, name, status, verdict).
  await page.addStyleTag({ content: '#numbers { width: 400px; }' });
  await expect(root).toHaveAttribute('data-width', 'phone');
  await expect(page.locator('#numbers .numbers th').nth(2)).toBeHidden();
  // The campaign check, then the numbers, then the charts (first, they put the list 1,500 px down).
  const [campaign, list, charts] = await Promise.all(['.campaign', '.scroller', '.summary'].map((s) => page.locator(`#numbers ${s}`).boundingBox()));
  expect(list.y).toBeGreaterThan(campaign.y);
  expect(charts.y).toBeGreaterThan(list.y + list.height - 1);
});

test('a portal mounts again in place and unmounts, which stops every request', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('/host.html');
  await expect(page.locator('#numbers .loaded')).toContainText('5,004 numbers loaded');
  // Mounting into the same element replaces the dashboard: one, not two.
  const baseUrl = await scope('e2e-unmount', { numbers: 20000, latencyMs: 300 });
  await page.evaluate((baseUrl) => {
    window.first = window.mounted;
    window.second = window.waMount(document.getElementById('numbers'), { provider: 'antgst', baseUrl, apiKey: 'sk-unmount' });
  }, baseUrl);
  await expect(page.locator('#numbers .wa-numbers')).toHaveCount(1);
  await expect(page.locator('#numbers tbody tr.row').first()).toBeVisible({ timeout: 20_000 });
  // An old handle leaves the newer dashboard alone.
  await page.evaluate(() => window.first.unmount());
  await expect(page.locator('#numbers .wa-numbers')).toHaveCount(1);
  // Unmounted mid-load: the element is empty and no request follows.
  await page.evaluate(() => window.second.unmount());
  await expect(page.locator('#numbers')).toBeEmpty();
  const log = async () => (await (await fetch(`${sandbox}/__sandbox/scopes/e2e-unmount/requests`)).json()).length;
  await page.waitForTimeout(600); // requests already sent are answered (300 ms latency)
  const after = await log();
  await page.waitForTimeout(1500);
  expect(await log()).toBe(after);
  // The load was cut short: 20,000 numbers are 201 pages, about 15 s at this latency.
  expect(after).toBeLessThan(150);
  expect(problems).toEqual([]);
});

test('embedded in a light portal on a dark system, the dashboard is dark and readable', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/host.html');
  await expect(page.locator('#numbers .loaded')).toContainText('5,004 numbers loaded');
  const colours = await page.evaluate(() => {
    const root = getComputedStyle(document.querySelector('.wa-numbers'));
    const heading = getComputedStyle(document.querySelector('#campaign-title'));
    return { background: root.backgroundColor, heading: heading.color, portal: getComputedStyle(document.body).backgroundColor };
  });
  // The dashboard's own dark background and light text, the portal's page untouched.
  expect(colours).toEqual({ background: 'rgb(13, 17, 23)', heading: 'rgb(230, 237, 243)', portal: 'rgba(0, 0, 0, 0)' });
  await shot(page, 'embedded-dark');
});

test('Back closes the number opened and Forward opens it again, in the app', async ({ page }) => {
  await page.goto('/app/?demo=1&status=CONNECTED');
  await expect(page.locator('.loaded')).toContainText('numbers loaded');
  const row = page.locator('tbody tr.row').nth(1);
  const id = await row.getAttribute('data-id');
  await row.click();
  await expect(page.locator('.detail h2')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`id=${encodeURIComponent(id)}`));
  await page.goBack();
  await expect(page.locator('.detail')).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get('status')).toBe('CONNECTED');
  await expect(page.locator('#filter-status')).toHaveValue('CONNECTED');
  await page.goForward();
  await expect(page.locator(`tbody tr.row.selected[data-id="${id}"]`)).toHaveCount(1);
  await expect(page.locator('.detail h2')).toBeVisible();
  // Closing is a step of its own: Back after Escape opens the number again,
  // never an entry identical to the view shown.
  await page.locator('#detail-title').press('Escape');
  await expect(page.locator('.detail')).toHaveCount(0);
  await expect(page).not.toHaveURL(/[?&]id=/);
  await page.goBack();
  await expect(page.locator(`tbody tr.row.selected[data-id="${id}"]`)).toHaveCount(1);
  await expect(page.locator('.detail h2')).toBeVisible();
  await page.goBack();
  await expect(page.locator('.detail')).toHaveCount(0);
  await expect(page.locator('#filter-status')).toHaveValue('CONNECTED');
});

test('keyboard: one Tab stop for the table, arrows, Enter to the detail, Escape back', async ({ page }) => {
  await page.goto('/app/?demo=1');
  await expect(page.locator('.loaded')).toContainText('numbers loaded');
  // From the last sort button, one Tab reaches the rows and (below) the next leaves them.
  await page.locator('th button.sort:visible').last().focus();
  await page.keyboard.press('Tab');
  await expect(page.locator('tbody tr.row[data-pos="0"]')).toBeFocused();
  expect(await page.locator('tbody tr.row[tabindex="0"]').count()).toBe(1);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('tbody tr.row[data-pos="2"]')).toBeFocused();
  const id = await page.locator('tbody tr.row[data-pos="2"]').getAttribute('data-id');
  await page.keyboard.press('Enter');
  await expect(page.locator('#detail-title')).toBeFocused();
  await expect(page).toHaveURL(new RegExp(`id=${encodeURIComponent(id)}`));
  await page.keyboard.press('Escape');
  await expect(page.locator('.detail')).toHaveCount(0);
  await expect(page.locator('tbody tr.row[data-pos="2"]')).toBeFocused();
  // Far down the list, past the rows first drawn, focus is never lost.
  for (let i = 0; i < 6; i++) await page.keyboard.press('PageDown');
  await expect(page.locator('tbody tr.row[data-pos="62"]')).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.locator('tbody tr.row:focus')).toHaveAttribute('data-pos', String((await page.locator('.filters .count').textContent()).replace(/[^0-9]/g, '') - 1));
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement.matches('tr.row'))).toBe(false);
});

test('phone-sized and dark: readable, no horizontal page scroll, accessible', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto('/app/?demo=1&id=waba-num-001');
  await expect(page.locator('.detail h2')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // The campaign check comes before the table; the table keeps number, name, status, verdict.
  const campaignTop = (await page.locator('.campaign').boundingBox()).y;
  expect(campaignTop).toBeLessThan((await page.locator('.scroller').boundingBox()).y);
  const table = await page.locator('.scroller').boundingBox();
  for (const column of ['Number', 'Name', 'Status', 'Alone, for the campaign']) {
    const box = await page.locator(`.numbers th:has-text("${column}")`).boundingBox();
    expect(box, column).not.toBeNull();
    expect(box.x + box.width).toBeLessThanOrEqual(table.x + table.width + 1);
  }
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(13, 17, 23)');
  await shot(page, 'phone-dark');
  await axe(page, 'phone-dark');
  expect(problems).toEqual([]);
  await context.close();
});

test('a link fills the connect form in (never the key)', async ({ page }) => {
  const baseUrl = await scope('e2e-prefill', {});
  await page.goto(`/app/?provider=antgst&base=${encodeURIComponent(baseUrl)}`);
  await expect(page.locator('#base-url')).toHaveValue(baseUrl);
  await expect(page.locator('#provider')).toHaveValue('antgst');
  await expect(page.locator('#api-key')).toHaveValue('');
  await page.fill('#api-key', KEY);
  await page.click('button[type=submit]');
  await expect(page.locator('.loaded')).toContainText('4 numbers loaded');
  // Connected, the address still says where the numbers come from (never the
  // key), with the view: opened in a fresh tab it fills the form in again.
  await page.selectOption('#filter-status', 'CONNECTED');
  await expect(page).toHaveURL(/status=CONNECTED/);
  const link = page.url();
  const params = new URL(link).searchParams;
  expect([params.get('provider'), params.get('base')]).toEqual(['antgst', baseUrl]);
  expect(link).not.toContain(KEY);
  const fresh = await page.context().browser().newPage();
  await fresh.goto(link);
  await expect(fresh.locator('#base-url')).toHaveValue(baseUrl);
  await expect(fresh.locator('#provider')).toHaveValue('antgst');
  await expect(fresh.locator('#api-key')).toHaveValue('');
  await fresh.fill('#api-key', KEY);
  await fresh.click('button[type=submit]');
  await expect(fresh.locator('#filter-status')).toHaveValue('CONNECTED');
  await fresh.close();
});

test('a Meta link with several WABAs fills the form in and shows every number', async ({ page }) => {
  const base = await scope('e2e-meta-link', { numbers: 600, seed: 5 });
  const wabas = ['waba-5-000', 'waba-5-001'];
  let expected = 0;
  for (const w of wabas) {
    const r = await fetch(`${base}/v1/whatsapp/businessPhoneNumber?wabaId=${w}&pageSize=1`, { headers: { Authorization: `Bearer ${KEY}` } });
    expected += (await r.json()).total;
  }
  expect(expected).toBeGreaterThan(0);
  await page.goto(`/app/?provider=meta&base=${encodeURIComponent(`${base}/v24.0`)}&wabas=${wabas.join(',')}`);
  await expect(page.locator('#waba-ids')).toHaveValue(wabas.join(','));
  await page.fill('#api-key', KEY);
  await page.click('button[type=submit]');
  const count = expected.toLocaleString('en-US');
  await expect(page.locator('.loaded')).toContainText(`${count} numbers loaded`);
  // ?wabas= is the connection's list, not the one-WABA filter (?waba=).
  await expect(page.locator('#filter-waba')).toHaveValue('');
  await expect(page.locator('.filters .count')).toHaveText(`${count} shown`);
  expect(new URL(page.url()).searchParams.get('wabas')).toBe(wabas.join(','));
});

test.describe('over HTTPS', () => {
  // The sandbox's HTTPS listener (WA_SANDBOX_TLS_URL) has a self-signed
  // certificate, made when it starts: accepted here only.
  test.use({ ignoreHTTPSErrors: true });

  test('a provider over HTTPS with HTTP/2, as the providers serve: every number, past AntGst\'s cap', async ({ page }) => {
    expect(sandboxTls, 'cargo xtask test starts the sandbox with --tls-port').toMatch(/^https:/);
    const problems = watchConsole(page);
    const baseUrl = await scope('e2e-https', { numbers: 12_000 }, sandboxTls);
    await connect(page, { provider: 'antgst', baseUrl });
    await expect(page.locator('.loaded')).toContainText('12,004 numbers loaded', { timeout: 30_000 });
    const log = await (await fetch(`${sandbox}/__sandbox/scopes/e2e-https/requests`)).json();
    // Past the 10,000 cap the list is read by WABA: more than 100 pages, each
    // over HTTP/2 (the CSP lets the page reach an https provider).
    expect(log.length).toBeGreaterThan(120);
    expect(log.every((r) => r.http === '2' && r.status === 200 && r.credentialHeader && !r.url.includes('SECRET'))).toBe(true);
    expect(problems).toEqual([]);
  });
});
