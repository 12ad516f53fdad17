// Loading under real provider conditions (issue 12): 25,000 numbers at 400 ms
// a request, with and without the provider throttling 30% of them.
import { test, expect } from '@playwright/test';
import { connect, scope, shot, watchConsole } from './helpers.mjs';

const NUMBERS = 25_000;
// The sandbox adds its four seed numbers to the generated ones.
const EXPECTED = (NUMBERS + 4).toLocaleString('en-US');

test('first rows arrive within one page\'s round trip at 400 ms latency', async ({ page }) => {
  const problems = watchConsole(page);
  const baseUrl = await scope('e2e-400ms', { numbers: NUMBERS, latencyMs: 400 });
  // When the first row is drawn, on the page's own clock.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('tbody tr.row')) {
        window.__firstRowAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await connect(page, { provider: 'antgst', baseUrl });
  await expect(page.locator('tbody tr.row').first()).toBeVisible({ timeout: 10_000 });
  const t = await page.evaluate(() => {
    const pages = performance.getEntriesByType('resource')
      .filter((e) => e.name.includes('businessPhoneNumber'))
      .sort((a, b) => a.responseEnd - b.responseEnd);
    const first = pages[0];
    return {
      firstRowAt: window.__firstRowAt,
      firstStart: first.startTime,
      firstEnd: first.responseEnd,
      answeredBefore: pages.filter((e) => e.responseEnd <= window.__firstRowAt).length,
    };
  });
  console.log(`first page ${Math.round(t.firstEnd - t.firstStart)} ms, first row ${Math.round(t.firstRowAt - t.firstEnd)} ms after it; pages answered before: ${t.answeredBefore}`);
  // The first page's rows are drawn as soon as it arrives: before any other
  // page's answer (400 ms later at the earliest), not after the whole list.
  expect(t.answeredBefore).toBe(1);
  expect(t.firstRowAt - t.firstEnd).toBeLessThan(400);
  await expect(page.locator('.partial').first()).toContainText('Partial:');
  expect(problems).toEqual([]);
});

test('a throttled load of 25,000 numbers completes with every number and no Reload', async ({ page }) => {
  test.setTimeout(480_000);
  const problems = watchConsole(page);
  const baseUrl = await scope('e2e-25k-throttled', {
    numbers: NUMBERS, latencyMs: 400, faults: [{ kind: 'rate_limit', retryAfter: 1, rate: 0.3 }],
  });
  const started = Date.now();
  await connect(page, { provider: 'antgst', baseUrl });
  await expect(page.locator('tbody tr.row').first()).toBeVisible({ timeout: 10_000 });
  await expect(page.locator('.throttled')).toContainText('loading slows down and continues', { timeout: 30_000 });
  await shot(page, 'load-25k-throttled');
  await expect(page.locator('.loaded')).toContainText(`${EXPECTED} numbers loaded`, { timeout: 450_000 });
  console.log(`25,004 numbers at 400 ms with 30% throttled: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await expect(page.locator('.problem')).toHaveCount(0);
  await expect(page.locator('.partial')).toHaveCount(0);
  // Every number once: the count the filters show is the whole list.
  await expect(page.locator('.filters .count')).toHaveText(`${EXPECTED} shown`);
  expect(problems.filter((p) => !p.includes('status of 429'))).toEqual([]);
});
