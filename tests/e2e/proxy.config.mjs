// The dashboard through deploy/'s nginx and Caddy configurations (proxy.spec.mjs).
// Its own configuration because the spec starts its own servers (the proxies
// serve dist/ themselves) and needs nginx and caddy installed; `cargo xtask
// test` runs it as a phase of its own.
import { defineConfig } from '@playwright/test';
import base from './playwright.config.mjs';

export default defineConfig({
  ...base,
  testMatch: 'proxy.spec.mjs',
  testIgnore: [],
  webServer: undefined,
  use: { ...base.use, baseURL: undefined },
});
