// The package's entry for Node's `require` (and, through node.js, its `import`):
// wasm-bindgen's `--target nodejs` glue (wa_numbers.cjs) reads and compiles the
// package's own wasm when first required, so nothing needs an init call, and
// it is plain CommonJS, so `require` works on every Node 20 (not only on the
// 20.19+ that can require ES modules).
'use strict';
const glue = require('./wa_numbers.cjs');
const { wrap } = require('./guard.cjs');

// TypeScript's and bundlers' interop read `exports.default` as the default
// export (the declarations share one file with the ES entries).
Object.defineProperty(exports, '__esModule', { value: true });

/** Nothing to load in Node: resolves at once, so code shared with browsers may call it. */
exports.default = async function init() {};
/** Nothing to load in Node (see `init`). */
exports.initSync = function initSync() {};

Object.assign(exports, wrap(glue, () => {}));
