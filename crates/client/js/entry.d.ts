
/**
 * Loads the wasm, once; later calls return at once. Browsers, workers and
 * bundlers: `await init()` before any other call (a call before it throws a
 * `WaNumbersError` of kind `invalid_input` that says so). In Node the package
 * loads itself when imported or required and this resolves at once, so code
 * shared with browsers may call it.
 *
 * With no argument the wasm is fetched from next to the package's JS (bundlers
 * follow that reference); or pass `{ module_or_path }`: its URL, a `Response`,
 * its bytes or a compiled `WebAssembly.Module`.
 */
export default function init(input?: { module_or_path?: InitInput | Promise<InitInput> }): Promise<void>;

/** Loads the wasm synchronously from `{ module }`: its bytes or a compiled `WebAssembly.Module`. */
export function initSync(input: { module: SyncInitInput }): void;

/** Where `init` may load the wasm from (`URL` and `Response` are global in the DOM lib and in @types/node). */
export type InitInput = string | URL | Response | ArrayBuffer | ArrayBufferView | WasmModule;

/** What `initSync` may load the wasm from. */
export type SyncInitInput = ArrayBuffer | ArrayBufferView | WasmModule;

/** A compiled `WebAssembly.Module` (typed without the DOM lib). */
export type WasmModule = object;

/** Whether `value` is an error thrown (or rejected with) by wa-numbers; narrows on `kind`. */
export function isWaNumbersError(value: unknown): value is WaNumbersError;
