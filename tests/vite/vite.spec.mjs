// The page and its module Web Worker each load wa-numbers through Vite and
// call it against the sandbox (tests/vite/app/checks.js); both must show the
// same, exact results, with nothing logged as an error on the way.
import { test, expect } from '@playwright/test';

const sandbox = process.env.WA_SANDBOX_URL;

// The sandbox's seed numbers, plus the scope's 250 generated ones.
const EXPECTED = {
  beforeInit: 'invalid_input true',
  parsed: ['254 of 254', 'waba-num-001 CONNECTED', 'waba-num-002 ONBOARDING', 'waba-num-003 CONNECTED'],
  readiness: 'send 10000 62.5',
  plan: ['waba-num-003 100000', 'waba-num-001 5000', 'unassigned 0'],
  detail: 'waba-acct-shopitalia-001',
  listAll: '254 of 254 in 3 requests',
  error: 'true invalid_input config.baseUrl',
};

test('the page and a module worker use wa-numbers with no console error', async ({ page }, info) => {
  expect(sandbox, 'WA_SANDBOX_URL (cargo xtask test starts the sandbox)').toBeTruthy();
  const scope = `vite-${info.project.name.replace(/\W+/g, '-')}`;
  const created = await fetch(`${sandbox}/__sandbox/scopes/${scope}`, {
    method: 'PUT', body: JSON.stringify({ numbers: 250 }),
  });
  expect(created.status).toBe(200);

  const errors = [];
  const watch = (where) => (message) => {
    if (message.type() === 'error') errors.push(`${where}: ${message.text()}`);
  };
  page.on('console', watch('page'));
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('worker', (worker) => worker.on('console', watch('worker')));

  await page.goto(`/?sandbox=${encodeURIComponent(`${sandbox}/s/${scope}`)}`);
  for (const id of ['page', 'worker']) {
    const element = page.locator(`#${id}`);
    await expect(element).not.toHaveAttribute('data-state', 'running', { timeout: 30_000 });
    const result = JSON.parse(await element.textContent());
    expect(result, `${id} results`).toEqual(EXPECTED);
    await expect(element).toHaveAttribute('data-state', 'done');
  }
  expect(errors).toEqual([]);
});
