// The package's entry for browsers, workers and bundlers: wasm-bindgen's glue
// (wa_numbers.js, `--target web`) behind the checks of guard.js. The wasm is
// fetched by one `await init()`; a call before it is a WaNumbersError of kind
// "invalid_input" saying so, never a TypeError from the glue.
import glueInit, * as glue from './wa_numbers.js';
import { wrap } from './guard.js';

let ready = false;

function invalidInit(message) {
  const error = new Error(`invalid input: init: ${message}`);
  error.name = 'WaNumbersError';
  error.kind = 'invalid_input';
  error.field = 'init';
  return error;
}

function ensureReady(what) {
  if (!ready) {
    throw invalidInit(`wa-numbers is not loaded yet: call \`await init()\` once before ${what} (in Node, importing 'wa-numbers' loads it)`);
  }
}

// What init and initSync are given, checked before the glue, which would try to
// fetch the URL "42" or throw a bare TypeError. Its own (deprecated) forms, a
// URL or bytes passed directly, still go through to it.
function checkInitArgument(input, key, what) {
  const kind = input === null ? 'null' : Array.isArray(input) ? 'an array' : typeof input;
  if (input === undefined || kind === 'string' || (kind === 'object' && !Array.isArray(input))) return;
  throw invalidInit(`pass nothing or { ${key} }: ${what}; got ${kind}`);
}

/**
 * Loads the wasm, once (later calls return at once). With no argument it is
 * fetched from next to this file (`new URL('wa_numbers_bg.wasm', import.meta.url)`,
 * which bundlers follow); or pass `{ module_or_path }`: a URL, a Response, bytes
 * or a compiled WebAssembly.Module.
 */
export default async function init(input) {
  checkInitArgument(input, 'module_or_path', 'a URL, a Response, bytes or a WebAssembly.Module');
  await glueInit(input);
  ready = true;
}

/** Loads the wasm synchronously from `{ module }`: its bytes or a WebAssembly.Module. */
export function initSync(input) {
  checkInitArgument(input, 'module', 'the wasm\'s bytes or a WebAssembly.Module');
  glue.initSync(input);
  ready = true;
}

export const {
  parsePhoneNumbers, parsePhoneNumber, evaluateReadiness, evaluateReadinessAll, planCampaign,
  Client, isWaNumbersError,
} = wrap(glue, ensureReady);
