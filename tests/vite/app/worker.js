// The same checks inside a module Web Worker: its own wasm instance and init.
import { checks } from './checks.js';

self.onmessage = async ({ data: base }) => {
  try {
    self.postMessage(await checks(base));
  } catch (e) {
    self.postMessage({ failed: `${e?.name}: ${e?.message ?? e}` });
  }
};
