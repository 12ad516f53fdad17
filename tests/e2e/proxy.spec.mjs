// The dashboard through deploy/'s nginx and Caddy configurations, against the
// sandbox (WA_SANDBOX_URL) as each provider, with the key field left empty: the
// proxy alone holds the key. Between the proxy and the sandbox a tap records
// what the proxy sent upstream (the sandbox logs no header values).
import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dist, startCaddy, startNginx, startTap, startUntrustedUpstream } from './proxies.mjs';

const sandbox = process.env.WA_SANDBOX_URL;
const KEY = 'sk-proxy-SECRET-4242';
const servers = { nginx: startNginx, caddy: startCaddy };
const LIST = {
  lora: '/api/message-server/whatsapp/phone-numbers',
  antgst: '/v1/whatsapp/businessPhoneNumber',
  meta: '/waba-7-000/phone_numbers',
};
const credentialHeaders = {
  lora: { 'x-api-key': KEY },
  antgst: { authorization: `Bearer ${KEY}` },
  meta: { authorization: `Bearer ${KEY}` },
};

test.beforeAll(() => {
  if (!sandbox) throw new Error('WA_SANDBOX_URL is not set: `cargo xtask test` starts the sandbox for this phase');
});

/** dist/index.html's policy with what the proxies change: data from their own origin only, no framing. */
async function expectedPolicy() {
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
  return `${meta.replace(/connect-src [^;]+/, "connect-src 'self'")}; frame-ancestors 'none'`;
}

/** How many numbers the sandbox scope holds, asked of it directly with the key. */
async function sandboxCount(provider, base) {
  const ask = async (path) => (await (await fetch(`${base}${path}`, {
    headers: { authorization: `Bearer ${KEY}`, 'x-api-key': KEY },
  })).json()).total;
  if (provider === 'lora') return ask(LIST.lora);
  if (provider === 'antgst') return ask(`${LIST.antgst}?pageSize=1`);
  // Meta: the two WABAs the form names, counted in AntGst's dialect of the same scope.
  return (await ask(`${LIST.antgst}?wabaId=waba-7-000&pageSize=1`))
    + (await ask(`${LIST.antgst}?wabaId=waba-7-001&pageSize=1`));
}

for (const [server, start] of Object.entries(servers)) {
  for (const provider of ['lora', 'antgst', 'meta']) {
    test(`${server} proxies ${provider}: numbers load with no key in the browser, nothing else passes`, async ({ page }) => {
      const name = `proxy-${server}-${provider}`;
      const put = await fetch(`${sandbox}/__sandbox/scopes/${name}`, {
        method: 'PUT', body: JSON.stringify({ numbers: 300, seed: 7, apiKey: KEY }),
      });
      expect(put.status).toBe(200);
      const scopeBase = `${sandbox}/s/${name}`;
      const expected = await sandboxCount(provider, scopeBase);
      expect(expected).toBeGreaterThan(20);
      const before = (await (await fetch(`${sandbox}/__sandbox/scopes/${name}/requests`)).json()).length;

      const tap = await startTap(sandbox);
      const proxy = await start({
        provider, upstream: tap.url, upstreamPath: `/s/${name}${provider === 'meta' ? '/v24.0' : ''}`, key: KEY,
      });
      try {
        const problems = [];
        page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
        page.on('pageerror', (e) => problems.push(e.message));
        await page.addInitScript(() => {
          window.__violations = [];
          document.addEventListener('securitypolicyviolation',
            (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`), true);
        });
        const requests = [];
        page.on('request', (r) => requests.push(r));

        await page.goto(`${proxy.origin}/`);
        await page.selectOption('#provider', provider);
        await page.fill('#base-url', `${proxy.origin}/provider`);
        if (provider === 'meta') await page.fill('#waba-ids', 'waba-7-000, waba-7-001');
        await expect(page.locator('#api-key')).toHaveValue('');
        await page.click('button[type=submit]');
        await expect(page.locator('.loaded')).toContainText(`${expected.toLocaleString('en-US')} numbers loaded`);

        // The browser talked to the proxy's origin only and never carried a key.
        expect(requests.length).toBeGreaterThan(3);
        for (const r of requests) {
          expect(new URL(r.url()).origin, r.url()).toBe(proxy.origin);
          const headers = await r.allHeaders();
          expect(headers.authorization, r.url()).toBeUndefined();
          expect(headers['x-api-key'], r.url()).toBeUndefined();
          expect(JSON.stringify([r.url(), headers])).not.toContain(KEY);
        }
        const providerCalls = requests.filter((r) => new URL(r.url()).pathname.startsWith('/provider/'));
        expect(providerCalls.length).toBeGreaterThan(0);

        // Upstream, every request carried exactly the provider's credential
        // header, and nothing of the browser's (cookies, its address).
        expect(tap.seen.length).toBe(providerCalls.length);
        for (const { method, url, headers } of tap.seen) {
          expect(method).toBe('GET');
          expect(url.startsWith(`/s/${name}/`)).toBe(true);
          const sent = Object.fromEntries(['authorization', 'x-api-key']
            .filter((h) => headers[h] !== undefined).map((h) => [h, headers[h]]));
          expect(sent, url).toEqual(credentialHeaders[provider]);
          for (const h of ['cookie', 'x-forwarded-for', 'referer']) expect(headers[h], `${h} ${url}`).toBeUndefined();
        }
        // The sandbox accepts that key alone (scope apiKey), and accepted each request.
        const log = (await (await fetch(`${sandbox}/__sandbox/scopes/${name}/requests`)).json()).slice(before);
        expect(log.length).toBe(tap.seen.length);
        expect(log.every((r) => r.credentialHeader && r.status === 200)).toBe(true);

        // Security headers: dist's policy (narrowed), no referrer, no sniffing.
        const policy = await expectedPolicy();
        const [index, wasm, answer] = await Promise.all(['/', '/wa-numbers-web_bg.wasm', `/provider${LIST[provider]}`]
          .map((path) => fetch(`${proxy.origin}${path}`)));
        for (const r of [index, wasm, answer]) {
          expect(r.status, r.url).toBe(200);
          expect(r.headers.get('content-security-policy'), r.url).toBe(policy);
          expect(r.headers.get('referrer-policy'), r.url).toBe('no-referrer');
          expect(r.headers.get('x-content-type-options'), r.url).toBe('nosniff');
        }
        expect(wasm.headers.get('content-type')).toBe('application/wasm');
        expect(answer.headers.get('cache-control')).toBe('no-store');
        // The sandbox allows any origin; the proxy must not, or any site could
        // read the numbers through it with the key it adds.
        expect([...answer.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
        // A page of another origin (the sandbox's own) tries to read through the proxy.
        const other = await page.context().newPage();
        await other.goto(`${sandbox}/__sandbox/health`);
        const crossOrigin = await other.evaluate((url) => fetch(url).then(() => 'read', (e) => e.name),
          `${proxy.origin}/provider${LIST[provider]}`);
        expect(crossOrigin).toBe('TypeError');
        await other.close();

        // Whatever the caller sends as a credential is replaced by the proxy's.
        const seenBefore = tap.seen.length;
        const spoofed = await fetch(`${proxy.origin}/provider${LIST[provider]}`, {
          headers: { authorization: 'Bearer stolen-SECRET', 'x-api-key': 'stolen-SECRET', cookie: 'session=1' },
        });
        expect(spoofed.status).toBe(200);
        const last = tap.seen.at(-1).headers;
        expect(tap.seen.length).toBe(seenBefore + 1);
        expect(Object.fromEntries(['authorization', 'x-api-key', 'cookie']
          .filter((h) => last[h] !== undefined).map((h) => [h, last[h]]))).toEqual(credentialHeaders[provider]);

        // Other methods: 405; other paths (the sandbox's control API, another
        // provider's, an escape): 404. None of them reaches the provider.
        const refusedFrom = tap.seen.length;
        for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
          const r = await fetch(`${proxy.origin}/provider${LIST[provider]}`, { method, body: method === 'OPTIONS' ? undefined : '{}' });
          expect(r.status, method).toBe(405);
        }
        expect((await fetch(`${proxy.origin}/index.html`, { method: 'POST', body: '{}' })).status).toBe(405);
        const otherPaths = [
          `/__sandbox/scopes/${name}/requests`,
          '/',
          provider === 'lora' ? LIST.antgst : LIST.lora,
          `${provider === 'meta' ? '/waba-7-000' : LIST[provider]}/..%2F..%2F__sandbox%2Fhealth`,
          `${provider === 'meta' ? '/waba-7-000/subscribed_apps' : `${LIST[provider]}/x/y`}`,
        ];
        for (const path of otherPaths) {
          expect((await fetch(`${proxy.origin}/provider${path}`)).status, path).toBe(404);
        }
        expect(tap.seen.length).toBe(refusedFrom);

        expect(await page.evaluate(() => window.__violations)).toEqual([]);
        expect(problems).toEqual([]);
      } finally {
        await proxy.stop();
        await tap.stop();
      }
    });
  }
}

for (const [server, start] of Object.entries(servers)) {
  test(`${server} does not hand the key to a provider whose certificate does not verify`, async () => {
    const upstream = await startUntrustedUpstream();
    const proxy = await start({ provider: 'lora', upstream: upstream.url, upstreamPath: '', key: KEY });
    try {
      const r = await fetch(`${proxy.origin}/provider${LIST.lora}`);
      expect(r.status).toBe(502);
      expect(upstream.seen).toEqual([]);
    } finally {
      await proxy.stop();
      await upstream.stop();
    }
  });
}
