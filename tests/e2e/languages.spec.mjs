// The dashboard in English, Italian and Simplified Chinese: every screen at
// both widths, light and dark, accessible, and no English left in the others.
import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { axe, connect, scope, shot, watchConsole } from './helpers.mjs';

const LANGS = ['en', 'it', 'zh-CN'];
// Names, codes and one word Italian shares with English (quality ratings are words now:
// High, Alta, 高).
const SAME_IN_EVERY_LANGUAGE = new Set(['WABA', 'AntGst',
  'Agile Telecom LORA', 'Meta (WhatsApp Cloud API)', 'Provider', 'Standard']);

/** The screens, each opened in `lang`. */
const screens = {
  connect: async (page, lang) => {
    await page.goto(`/app/?lang=${lang}`);
    await expect(page.locator('#connect-title')).toBeVisible();
  },
  list: async (page, lang) => {
    await page.goto(`/app/?demo=1&lang=${lang}`);
    await expect(page.locator('.loaded')).toBeVisible();
  },
  detail: async (page, lang) => {
    await page.goto(`/app/?demo=1&lang=${lang}&id=waba-num-002`);
    await expect(page.locator('.loaded')).toBeVisible();
    await expect(page.locator('.detail .reasons li').first()).toBeVisible();
  },
  'campaign-no': async (page, lang) => {
    // Planned over the filtered numbers only: the onboarding ones cannot take it.
    await page.goto(`/app/?demo=1&lang=${lang}&recipients=50000&status=LIMIT_REACHED`);
    await expect(page.locator('.loaded')).toBeVisible();
    await page.check('#only-shown');
    await expect(page.locator('.answer.no .fixes li').first()).toBeVisible();
    // Nothing goes out: the plan gives no time to send it in.
    await expect(page.locator('.unassigned')).toHaveAttribute('data-unassigned', '50000');
    await expect(page.locator('.plan-summary .send-time')).toHaveCount(0);
  },
  error: async (page, lang) => {
    const baseUrl = await scope('e2e-lang-401', {});
    await connect(page, { baseUrl, apiKey: 'invalid', query: `?lang=${lang}` });
    await expect(page.locator('.problem')).toBeVisible({ timeout: 20_000 });
  },
};

/** Text a user reads (not inside translate="no" data) with a Latin word in it. */
function uiTexts(page) {
  return page.evaluate(() => {
    const out = new Set();
    const wordy = (t) => /[A-Za-z]{3,}/.test(t);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const text = node.textContent.trim();
      if (!node.parentElement || node.parentElement.closest('[translate=no], script, style')) continue;
      if (wordy(text)) out.add(text);
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder]')) {
      if (el.closest('[translate=no]')) continue;
      for (const name of ['aria-label', 'placeholder']) {
        const value = (el.getAttribute(name) || '').trim();
        if (wordy(value)) out.add(value);
      }
    }
    return [...out];
  });
}

test('every screen in three languages, at 1280 px light and 390 px dark: no English left, accessible', async ({ browser }) => {
  test.setTimeout(240_000);
  const english = {};
  for (const [width, height, scheme] of [[1280, 800, 'light'], [390, 844, 'dark']]) {
    const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme, locale: 'en-US' });
    const page = await context.newPage();
    const problems = watchConsole(page);
    for (const lang of LANGS) {
      for (const [name, open] of Object.entries(screens)) {
        await open(page, lang);
        await expect(page.locator('.wa-numbers')).toHaveAttribute('lang', lang);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
        await shot(page, `lang-${lang}-${name}-${width}-${scheme}`);
        await axe(page, `${lang} ${name} ${width}`);
        const texts = await uiTexts(page);
        if (lang === 'en') {
          english[name] = new Set(texts);
          expect(texts.length, `${name}: English texts found`).toBeGreaterThan(3);
        } else {
          const untranslated = texts.filter((t) => english[name].has(t) && !SAME_IN_EVERY_LANGUAGE.has(t));
          expect(untranslated, `${lang} ${name}: English left`).toEqual([]);
        }
        if (lang === 'zh-CN') {
          // Chinese sentences: any Latin-only text must be a name or a code.
          const latinOnly = texts.filter((t) => !/[\u3400-\u9fff]/.test(t) && !SAME_IN_EVERY_LANGUAGE.has(t));
          expect(latinOnly, `zh ${name}: text without Chinese`).toEqual([]);
        }
      }
    }
    // Only the 401 of the error screen may show in the console.
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
    await context.close();
  }
});

test('the browser\'s language is used, the switch keeps the rows, numbers follow the locale', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'it-IT' });
  const page = await context.newPage();
  await page.goto('/app/?demo=1');
  await expect(page.locator('.loaded')).toContainText('5.004 numeri caricati');
  await expect(page.locator('html')).toHaveAttribute('lang', 'it');
  // Italian digits are read and written with the dot.
  await page.fill('#recipients', '250.000');
  await expect(page.locator('.answer.yes')).toContainText('Sì: 250.000 destinatari');
  await page.selectOption('#filter-status', 'CONNECTED');
  const shown = await page.locator('.filters .count').textContent();

  // Italian Excel splits on ';' and reads ',' as the decimal point.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Esporta il piano (CSV)')]);
  const lines = (await readFile(await download.path(), 'utf8')).slice(1).trim().split('\r\n');
  expect(lines[0]).toBe('phoneNumberId;phoneNumber;name;wabaId;qualityRating;dailyLimit;recipients');
  const rows = lines.slice(1).map((l) => l.split(';'));
  expect(rows.every((r) => r.length === 7)).toBe(true);
  expect(rows.reduce((sum, r) => sum + Number(r[6]), 0)).toBe(250000);
  // Daily limits as digits or a code that is the same in every language, never a translated word.
  expect(rows.every((r) => /^(\d+|unlimited|unknown)$/.test(r[5]) || r[0] === '(non assegnati)')).toBe(true);
  expect(rows.some((r) => r[5] === 'unlimited')).toBe(true);
  // Phone numbers stay text in a spreadsheet: ="+39…", quoted for CSV.
  expect(rows.every((r) => /^"=""\+[\d ]+"""$/.test(r[1]))).toBe(true);

  await page.selectOption('#lang', 'zh-CN');
  await expect(page.locator('.loaded')).toContainText('已加载 5,004 个号码');
  const count = Number(shown.replace(/[^0-9]/g, ''));
  await expect(page.locator('.filters .count')).toHaveText(`显示 ${count.toLocaleString('en-US')} 个`);
  await expect(page.locator('#recipients')).toHaveValue('250.000');
  await expect(page).toHaveURL(/lang=zh-CN/);
  await page.reload();
  await expect(page.locator('#campaign-title')).toHaveText('营销活动检查');
  await context.close();
});

test('a host page sets the language and who to contact about a blocked number', async ({ page }) => {
  await page.goto('/app/?demo=1&lang=it&status=UNAVAILABLE');
  await page.locator('tbody tr.row').first().click();
  // Without a configured contact, the provider's support is named.
  await expect(page.locator('.detail .advice')).toContainText('Contatta l\'assistenza di AntGst');
  await page.goto('/host.html?lang=it&support=Ufficio%20WhatsApp%2C%20interno%2042');
  await expect(page.locator('#numbers .loaded')).toContainText('numeri caricati');
  expect(await page.evaluate(() => document.body.dataset.badLang)).toBe('invalid_input');
  await page.selectOption('#numbers #filter-status', 'UNAVAILABLE');
  await page.locator('#numbers tbody tr.row').first().click();
  await expect(page.locator('#numbers .detail .advice')).toContainText('Contatta Ufficio WhatsApp, interno 42');
});
