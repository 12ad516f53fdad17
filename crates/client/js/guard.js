// The checks every entry puts in front of wasm-bindgen's glue, written once:
// `cargo xtask pkg` ships this file as ES module (guard.js, for browser.js) and
// as CommonJS (guard.cjs, for node.cjs) by rewriting its one `export`, so it
// must keep exactly one `export function wrap` and no imports.
//
// What reaches the glue unchecked fails there as a TypeError or a wasm trap
// ("null pointer passed to rust"); here it is a WaNumbersError of kind
// "invalid_input" naming the argument, like every error the wasm throws.

const KINDS = new Set(['unauthorized', 'forbidden', 'not_found', 'rate_limited', 'server',
  'network', 'timeout', 'aborted', 'invalid_response', 'invalid_input']);

function invalid(field, message) {
  const error = new Error(`invalid input: ${field}: ${message}`);
  error.name = 'WaNumbersError';
  error.kind = 'invalid_input';
  error.field = field;
  return error;
}

/** Whether `value` is an error thrown (or rejected with) by wa-numbers. */
function isWaNumbersError(value) {
  return value instanceof Error && value.name === 'WaNumbersError' && KINDS.has(value.kind);
}

// Methods whose first argument is the number's id; the glue would pass a
// number or an object to Rust as garbage text or throw a TypeError.
const ID_METHODS = new Set(['getPhoneNumber', 'waitForOnboarding']);

// Each method's options (its second argument). A key a call does not know
// (`onprogress`) would be a callback never called, silently, where the query
// and the config refuse an unknown key.
const OPTIONS = {
  listPhoneNumbers: ['signal'],
  listAllPhoneNumbers: ['signal', 'onProgress', 'onPage'],
  getPhoneNumber: ['signal'],
  waitForOnboarding: ['signal', 'intervalMs', 'timeoutMs', 'onUpdate'],
};

/** The first key of `options` that `method` does not know, as an error; or undefined. */
function unknownOption(method, options) {
  // Not an object: the wasm says what options must be.
  if (options === null || typeof options !== 'object') return undefined;
  let keys;
  try {
    keys = Reflect.ownKeys(options);
  } catch {
    return invalid('options', 'could not be read: listing its keys threw an exception');
  }
  const known = OPTIONS[method];
  const key = keys.find((k) => typeof k === 'string' && !known.includes(k));
  return key === undefined ? undefined : invalid(`options.${key}`, `is not an option of ${method} (${known.join(', ')})`);
}

/**
 * The public API over `glue` (wasm-bindgen's exports). `ensureReady(name)`
 * throws when the wasm is not loaded yet (browser entry); Node's is a no-op.
 */
export function wrap(glue, ensureReady) {
  const guarded = (name) => function (...args) {
    ensureReady(name);
    return glue[name](...args);
  };

  /** The provider client; its async methods reject with WaNumbersError. */
  class Client extends glue.Client {
    constructor(config) {
      ensureReady('new Client()');
      super(config);
    }

    /** Releases the wasm memory now; calling it again does nothing. */
    free() {
      // The glue frees pointer 0 on a second call, which Rust refuses with a bare Error.
      if (this instanceof glue.Client && this.__wbg_ptr) super.free();
    }
  }
  // The glue's getter reads through the pointer a freed Client no longer has
  // ("null pointer passed to rust"): said as every other misuse is.
  const throttled = Object.getOwnPropertyDescriptor(glue.Client.prototype, 'throttled');
  if (throttled && throttled.get) {
    Object.defineProperty(Client.prototype, 'throttled', {
      configurable: true,
      enumerable: throttled.enumerable,
      get() {
        if (!(this instanceof glue.Client) || !this.__wbg_ptr) {
          throw invalid('client', 'this Client was freed (client.free()) or is not a Client; read throttled before free()');
        }
        return throttled.get.call(this);
      },
    });
  }
  // The glue binds Symbol.dispose to its own free; `using` must get the idempotent one.
  if (typeof Symbol.dispose === 'symbol') Client.prototype[Symbol.dispose] = Client.prototype.free;

  for (const method of ['listPhoneNumbers', 'listAllPhoneNumbers', 'getPhoneNumber', 'waitForOnboarding']) {
    const original = glue.Client.prototype[method];
    Client.prototype[method] = function (...args) {
      // Rejections, not throws: callers of an async method handle one path.
      if (!(this instanceof glue.Client)) {
        return Promise.reject(invalid('client', `call ${method} on a Client (client.${method}(…)); it was called on ${this === undefined ? 'nothing (a detached method?)' : 'another object'}`));
      }
      if (!this.__wbg_ptr) {
        return Promise.reject(invalid('client', `this Client was freed (client.free()); create a new one to call ${method}`));
      }
      if (ID_METHODS.has(method) && typeof args[0] !== 'string') {
        const found = args[0] === null || args[0] === undefined ? 'nothing' : typeof args[0];
        return Promise.reject(invalid('phoneNumberId', `must be the number's id as a string, got ${found}`));
      }
      const unknown = unknownOption(method, args[1]);
      if (unknown) return Promise.reject(unknown);
      return original.apply(this, args);
    };
  }

  return {
    parsePhoneNumbers: guarded('parsePhoneNumbers'),
    parsePhoneNumber: guarded('parsePhoneNumber'),
    evaluateReadiness: guarded('evaluateReadiness'),
    evaluateReadinessAll: guarded('evaluateReadinessAll'),
    planCampaign: guarded('planCampaign'),
    Client,
    isWaNumbersError,
  };
}
