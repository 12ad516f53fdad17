// End-to-end tests of the dashboard in Debian's Chromium (no browser download).
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT || 4173);
export default defineConfig({
  testDir: '.',
  // proxy.spec.mjs starts nginx and Caddy itself: proxy.config.mjs, a phase of its own.
  testIgnore: 'proxy.spec.mjs',
  outputDir: './test-results',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    acceptDownloads: true,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: 'node server.mjs',
    url: `http://127.0.0.1:${port}/app/index.html`,
    reuseExistingServer: false,
    env: { E2E_PORT: String(port) },
  },
});
