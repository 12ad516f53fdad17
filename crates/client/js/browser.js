// The package's entry for browsers, workers and bundlers: wasm-bindgen's glue
// (wa_numbers.js) behind a thin guard, so that a call before `await init()`,
// an argument of the wrong type or a freed Client is a WaNumbersError of kind
// "invalid_input" saying what to do, never a TypeError or a trap from the glue.
import glueInit, * as glue from './wa_numbers.js';

let ready = false;

/** Loads the wasm (once; later calls return at once). Browsers: `await init()`. */
export default async function init(input) {
  const out = await glueInit(input);
  ready = true;
  return out;
}

/** Loads the wasm synchronously from its bytes or a WebAssembly.Module. */
export function initSync(input) {
  const out = glue.initSync(input);
  ready = true;
  return out;
}

function invalid(field, message) {
  const error = new Error(message);
  error.name = 'WaNumbersError';
  error.kind = 'invalid_input';
  error.field = field;
  return error;
}

function ensureReady(what) {
  if (!ready) {
    throw invalid(what, `wa-numbers is not loaded yet: call \`await init()\` once before ${what} (in Node, import 'wa-numbers' needs no init)`);
  }
}

/** Whether `value` is an error thrown (or rejected with) by wa-numbers. */
export function isWaNumbersError(value) {
  return value instanceof Error && typeof value.kind === 'string';
}

const guarded = (name, fn) => function (...args) {
  ensureReady(name);
  return fn(...args);
};

export const parsePhoneNumbers = guarded('parsePhoneNumbers', glue.parsePhoneNumbers);
export const parsePhoneNumber = guarded('parsePhoneNumber', glue.parsePhoneNumber);
export const evaluateReadiness = guarded('evaluateReadiness', glue.evaluateReadiness);
export const evaluateReadinessAll = guarded('evaluateReadinessAll', glue.evaluateReadinessAll);
export const planCampaign = guarded('planCampaign', glue.planCampaign);

/** The provider client; its async methods reject with WaNumbersError. */
export class Client extends glue.Client {
  constructor(config) {
    ensureReady('new Client()');
    super(config);
  }
}

// Each async method: a freed client or a non-string id rejects as invalid_input.
for (const method of ['listPhoneNumbers', 'listAllPhoneNumbers', 'getPhoneNumber', 'waitForOnboarding']) {
  const original = glue.Client.prototype[method];
  Client.prototype[method] = function (...args) {
    if (!this.__wbg_ptr) {
      return Promise.reject(invalid('client', `this Client was freed (client.free()); create a new one to call ${method}`));
    }
    if ((method === 'getPhoneNumber' || method === 'waitForOnboarding') && typeof args[0] !== 'string') {
      return Promise.reject(invalid('id', `${method} takes the number's id as a string`));
    }
    return original.apply(this, args);
  };
}
