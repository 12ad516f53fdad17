// The package's entry for Node (ESM `import`, and `require` on Node 20.19+):
// the wasm is read from the package itself and loaded at import, so nothing
// needs an init call.
import { readFileSync } from 'node:fs';
import { initSync } from './browser.js';

initSync({ module: readFileSync(new URL('./wa_numbers_bg.wasm', import.meta.url)) });

export * from './browser.js';
export { default } from './browser.js';
