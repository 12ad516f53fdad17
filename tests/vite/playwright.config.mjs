// The app of tests/vite/app under Vite, from the packed npm package, in
// Debian's Chromium: one project (and one server) per mode of serve.mjs.
// VITE_PORTS gives four free ports (cargo xtask test picks them);
// WA_SANDBOX_URL is the sandbox the page and the worker call.
import { defineConfig } from '@playwright/test';

const ports = (process.env.VITE_PORTS || '4191,4192,4193,4194').split(',').map(Number);
const modes = [
  { name: 'vite 8 build + preview', mode: 'build', port: ports[0] },
  { name: 'vite 8 dev', mode: 'dev', port: ports[1] },
  { name: 'vite 7 dev', mode: 'dev7', port: ports[2] },
  { name: 'vite 6 dev', mode: 'dev6', port: ports[3] },
];

export default defineConfig({
  testDir: '.',
  outputDir: '../../target/vite-test-results',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  use: {
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: modes.map(({ name, port }) => ({ name, use: { baseURL: `http://127.0.0.1:${port}` } })),
  webServer: modes.map(({ mode, port }) => ({
    command: `node serve.mjs ${mode} ${port}`,
    url: `http://127.0.0.1:${port}/`,
    // Packing, installing and (for preview) building come first.
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
  })),
});
