// Vite 7's and 6's dev servers pre-bundle dependencies into node_modules/.vite/deps,
// where wasm-bindgen's `new URL('wa_numbers_bg.wasm', import.meta.url)` no
// longer finds the wasm (the HTML fallback comes back: "expected magic word
// 00 61 73 6d"). Excluded, the package is served from its own folder.
export default {
  optimizeDeps: { exclude: ['wa-numbers'] },
};
