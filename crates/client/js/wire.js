// The two hot crossings between the wasm and JS, done natively where
// wasm-bindgen's glue would loop in JS.
//
// decodeTape builds the plain JS value that the core's Writer recorded as a tape
// (crates/core/src/json/write.rs, module `op`): one word per value, its kind
// in the low four bits and its object key's number above them; strings are
// cut from one text in order. Faster than `JSON.parse` of the same value as
// text: nothing is scanned twice and no string is decoded twice.
// encodeText copies a JS string into wasm memory as UTF-8 with one native
// `encodeInto` (the glue's own copy walks the string a character at a time).
// callBack calls a user's callback so that nothing it does ends the call.
// `cargo xtask pkg` also ships this file as CommonJS by rewriting each
// `export function`, so it must have no other exports and no imports.

const fraction = new Float64Array(1);
const fractionWords = new Uint32Array(fraction.buffer);

// The last key lists split, by their text: a value of one type has the same
// keys every time, and property names that are already known strings are
// set faster.
const keyLists = new Map();

/**
 * The value of a tape: `words` (a Uint32Array), `keys` (",key1,key2,…": the
 * object keys and enum names by number), `text` (the strings, in order) and
 * `source` (the text the value was read from, which strings may be cut
 * from, or undefined).
 */
export function decodeTape(words, keys, text, source) {
  let names = keyLists.get(keys);
  if (names === undefined) {
    if (keyLists.size >= 32) keyLists.clear();
    names = keys.split(',');
    keyLists.set(keys, names);
  }
  let i = 0;
  let at = 0;
  // Containers also end at the end of the words (`undefined`): a writer bug
  // must not hang the page.
  const value = (word) => {
    switch (word & 15) {
      case 1: { // object: keyed values up to END (0)
        const object = {};
        for (let w = words[i++]; w !== 0 && w !== undefined; w = words[i++]) {
          const kind = w & 15;
          if (kind === 11) { // a cut of the source, the usual field, read here
            const start = words[i++];
            object[names[w >>> 4]] = source.slice(start, start + words[i++]);
          } else if (kind === 3) { // a string of the text, read here too
            const end = at + words[i++];
            object[names[w >>> 4]] = text.slice(at, end);
            at = end;
          } else if (kind === 10) { // an enum's name, as often
            object[names[w >>> 4]] = names[words[i++]];
          } else if (kind === 4) {
            object[names[w >>> 4]] = words[i++];
          } else {
            object[names[w >>> 4]] = value(w);
          }
        }
        return object;
      }
      case 2: { // array: values up to END (0)
        const array = [];
        for (let w = words[i++]; w !== 0 && w !== undefined; w = words[i++]) array.push(value(w));
        return array;
      }
      case 3: { // string: its length in UTF-16 units
        const end = at + words[i++];
        const s = text.slice(at, end);
        at = end;
        return s;
      }
      case 4: return words[i++];
      case 5: { const high = words[i++]; return high * 4294967296 + words[i++]; }
      case 6: fractionWords[0] = words[i++]; fractionWords[1] = words[i++]; return fraction[0];
      case 7: return true;
      case 8: return false;
      case 10: return names[words[i++]];
      case 11: { const start = words[i++]; return source.slice(start, start + words[i++]); }
      case 12: { const start = words[i++]; return text.slice(start, start + words[i++]); }
      default: return null;
    }
  };
  return value(words[i++]);
}

/**
 * Where `value` holds a number JSON cannot (NaN, Infinity), which
 * `JSON.stringify` would turn into null unseen: its path as the strict
 * reader names paths (`a.b[2].c`; empty for `value` itself), or undefined.
 * Only the keys of `keys` (an array) are followed when it is given, as
 * `JSON.stringify` with that key list does.
 */
export function nonFiniteAt(value, keys) {
  const follow = keys === undefined ? undefined : new Set(keys);
  // The keys from the number up, reversed at the end: no path is built
  // for the numbers that are fine.
  const find = (v, depth) => {
    if (typeof v === 'number') return Number.isFinite(v) ? undefined : [];
    if (typeof v !== 'object' || v === null || depth > 64 || typeof v.toJSON === 'function') return undefined;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const path = find(v[i], depth + 1);
        if (path !== undefined) return (path.push(i), path);
      }
      return undefined;
    }
    for (const key of Object.keys(v)) {
      if (follow !== undefined && !follow.has(key)) continue;
      const path = find(v[key], depth + 1);
      if (path !== undefined) return (path.push(key), path);
    }
    return undefined;
  };
  let path;
  try {
    path = find(value, 0);
  } catch {
    return undefined; // a getter that throws: the strict reader reports it
  }
  if (path === undefined) return undefined;
  let text = '';
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i];
    text += typeof key === 'number' ? `[${key}]` : (text === '' ? key : `.${key}`);
  }
  return text;
}

const encoder = new TextEncoder();

/**
 * Writes `text` into `bytes` as UTF-8: the bytes written, or -1 when they
 * do not all fit (the caller retries with room for three bytes a unit).
 */
export function encodeText(text, bytes) {
  const { read, written } = encoder.encodeInto(text, bytes);
  return read === text.length ? written : -1;
}

// String.prototype.isWellFormed (ES2024); without it every text is left to
// the JSON path, which is always right.
const wellFormed = String.prototype.isWellFormed
  ? (s) => s.isWellFormed()
  : () => false;

/** Whether `value` is an object literal's kind of object, with no toJSON. */
function plainObject(value) {
  if (typeof value !== 'object' || value === null || value.toJSON !== undefined) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** `v`'s number by `intern` if it is a well-formed string; -1 for null or undefined; else -2. */
function textNumber(v, intern) {
  if (typeof v === 'string') return wellFormed(v) ? intern(v) : -2;
  return v === undefined || v === null ? -1 : -2;
}

/**
 * The strings of one packing, numbered in order of first use: `text(v)` is
 * the number of a well-formed string, -1 for null or undefined, -2 for
 * anything else (not a usable text: the JSON path decides).
 */
function stringTable() {
  const numberOf = new Map();
  const strings = [];
  const intern = (s) => {
    let n = numberOf.get(s);
    if (n === undefined) {
      n = strings.length;
      strings.push(s);
      numberOf.set(s, n);
    }
    return n;
  };
  return { strings, intern, text: (v) => textNumber(v, intern) };
}

/**
 * A `stringTable` that numbers every string anew (no lookup): for the few
 * strings of one number, a Map costs more than the repeats it saves.
 */
function listTable() {
  const strings = [];
  const intern = (s) => strings.push(s) - 1;
  return { strings, intern, text: (v) => textNumber(v, intern) };
}

/**
 * Packs number `n` at `columns[at…at+8]`; false when it is not plain data
 * of the JSON types the strict reader wants.
 */
function packNumber(n, withIds, columns, at, table) {
  if (!plainObject(n)) return false;
  const limit = n.messagingLimit;
  if (!plainObject(limit)) return false;
  const { id, status, qualityRating } = n;
  const { tier, dailyLimit, unlimited } = limit;
  if (typeof id !== 'string' || !wellFormed(id) || typeof status !== 'string' || typeof qualityRating !== 'string'
    || typeof tier !== 'string' || typeof unlimited !== 'boolean') return false;
  let daily = -1;
  if (dailyLimit !== null && dailyLimit !== undefined) {
    if (!Number.isSafeInteger(dailyLimit) || dailyLimit < 0) return false;
    daily = dailyLimit + 0; // -0 as 0, as JSON writes it
  }
  const { intern, text } = table;
  const wabaId = withIds ? text(n.wabaId) : (typeof n.wabaId === 'string' ? (wellFormed(n.wabaId) ? -1 : -2) : n.wabaId === undefined || n.wabaId === null ? -1 : -2);
  const rawStatus = text(n.rawStatus);
  const throughput = text(n.throughput);
  const tierNumber = text(tier);
  if (wabaId === -2 || rawStatus === -2 || throughput === -2 || tierNumber === -2) return false;
  // Verdicts read neither the id nor the WABA: checked, not carried.
  columns[at] = withIds ? intern(id) : intern('');
  columns[at + 1] = withIds ? wabaId : -1;
  columns[at + 2] = intern(status);
  columns[at + 3] = rawStatus;
  columns[at + 4] = intern(qualityRating);
  columns[at + 5] = tierNumber;
  columns[at + 6] = daily;
  columns[at + 7] = unlimited ? 1 : 0;
  columns[at + 8] = throughput;
  return true;
}

/** The strings' count first, their lengths after `count` numbers; the strings joined. */
function finish(table, count, columns) {
  const { strings } = table;
  columns[0] = strings.length;
  for (let i = 0, at = 1 + count * 9; i < strings.length; i++, at++) columns[at] = strings[i].length;
  return strings.join('');
}

/**
 * Packs the fields the readiness rules read from `numbers` into `columns`
 * (a Float64Array; layout in crates/core/src/json/columns.rs) and returns
 * the strings they name, joined. `undefined` when anything is not what
 * `JSON.stringify` would hand the strict reader as plain JSON types (not an
 * array, a non-plain object, a lone surrogate, a fractional limit…): the
 * caller then reads the argument as JSON, which says what is wrong. Ids and
 * WABAs are packed only `withIds` (plans use them; verdicts do not).
 */
export function packRuleNumbers(numbers, withIds, columns) {
  // A getter that throws is the strict path's to report (as invalid_input).
  try {
    return packNumbers(numbers, withIds, columns);
  } catch {
    return undefined;
  }
}

function packNumbers(numbers, withIds, columns) {
  if (!Array.isArray(numbers)) return undefined;
  const table = stringTable();
  const count = numbers.length;
  for (let k = 0, at = 1; k < count; k++, at += 9) {
    if (!packNumber(numbers[k], withIds, columns, at, table)) return undefined;
  }
  return finish(table, count, columns);
}

const CAMPAIGN_KEYS = new Set(['recipients', 'minQuality', 'limitScope']);

/**
 * One `evaluateReadiness` call's arguments: number `n` as `packRuleNumbers`
 * packs one, and `campaign` into `campaignColumns` (recipients, minQuality,
 * limitScope; -1 for a field left out), its names in the same strings:
 * the strings joined, or the verdict of a recent call that read the same
 * (a fresh copy; see `remembered`). `undefined` unless both are plain data
 * that `JSON.stringify` would hand the strict reader unchanged (then the
 * strict path says what is wrong).
 */
export function packReadinessCall(n, campaign, columns, campaignColumns) {
  pending = undefined;
  let joined;
  // A getter that throws is the strict path's to report (as invalid_input).
  try {
    joined = packCall(n, campaign, columns, campaignColumns);
  } catch {
    return undefined;
  }
  if (joined === undefined) return undefined;
  // What the wasm reads of this call: the strings' count, the number's
  // slots and the strings' lengths, then the campaign's slots.
  const used = 1 + NUMBER_SLOTS + columns[0];
  let hash = joined.length;
  for (let i = 0; i < used; i++) hash = addToHash(hash, columns[i]);
  for (let i = 0; i < CAMPAIGN_SLOTS; i++) hash = addToHash(hash, campaignColumns[i]);
  const slot = hash & (REMEMBERED - 1);
  const seen = remembered[slot];
  if (seen !== undefined && seen.joined === joined && sameReading(seen.reading, columns, used, campaignColumns)) {
    return copyJson(seen.verdict);
  }
  const reading = [];
  for (let i = 0; i < used; i++) reading.push(columns[i]);
  for (let i = 0; i < CAMPAIGN_SLOTS; i++) reading.push(campaignColumns[i]);
  pending = { slot, joined, reading };
  return joined;
}

/**
 * The verdict of the `evaluateReadiness` call whose `packReadinessCall`
 * returned its joined strings, decoded from its tape (as `decodeTape`) and
 * remembered under what that call read.
 */
export function decodeVerdict(words, keys, text) {
  const verdict = decodeTape(words, keys, text, undefined);
  if (pending !== undefined) {
    const { slot, joined, reading } = pending;
    remembered[slot] = { joined, reading, verdict: copyJson(verdict) };
    pending = undefined;
  }
  return verdict;
}

// One number's slots (crates/core/src/json/columns.rs, SLOTS) and the
// campaign's (CAMPAIGN_SLOTS).
const NUMBER_SLOTS = 9;
const CAMPAIGN_SLOTS = 3;

// The verdicts of recent `evaluateReadiness` calls, by exactly what the
// wasm read of each (its joined strings and its slots): a verdict depends
// on nothing else, and 10,000 numbers of an account read alike in about a
// hundred ways, so most calls need not be judged again. One verdict per
// slot of a hash of the reading (a later reading of the same slot takes
// its place: no search, no eviction); each hit answers a fresh copy (the
// caller may change it).
const REMEMBERED = 512;
const remembered = new Array(REMEMBERED);
// The reading of the call between its packing and its verdict's decoding.
let pending;

/** `hash` (FNV-1a) with the number `x` (a slot: an integer below 2^53) added. */
function addToHash(hash, x) {
  hash = Math.imul(hash ^ (x | 0), 16777619);
  return Math.imul(hash ^ ((x / 4294967296) | 0), 16777619) >>> 0;
}

/** Whether `reading` holds `columns[0…used)` then `campaignColumns`. */
function sameReading(reading, columns, used, campaignColumns) {
  if (reading.length !== used + CAMPAIGN_SLOTS) return false;
  for (let i = 0; i < used; i++) if (reading[i] !== columns[i]) return false;
  for (let i = 0; i < CAMPAIGN_SLOTS; i++) if (reading[used + i] !== campaignColumns[i]) return false;
  return true;
}

/** A deep copy of a plain JSON value (what `decodeTape` builds). */
function copyJson(value) {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const copy = new Array(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = copyJson(value[i]);
    return copy;
  }
  // A spread copies an object of a known shape at once; then its objects.
  const copy = { ...value };
  for (const key in copy) copy[key] = copyJson(copy[key]);
  return copy;
}

function packCall(n, campaign, columns, campaignColumns) {
  if (!plainObject(campaign)) return undefined;
  const table = listTable();
  if (!packNumber(n, false, columns, 1, table)) return undefined;
  let recipients = -1;
  let minQuality = -1;
  let limitScope = -1;
  for (const key of Object.keys(campaign)) {
    const value = campaign[key];
    // JSON.stringify leaves undefined out; so does the strict reader's input.
    if (value === undefined) continue;
    if (!CAMPAIGN_KEYS.has(key)) return undefined;
    if (key === 'recipients') {
      if (!Number.isSafeInteger(value) || value < 0) return undefined;
      recipients = value + 0;
    } else {
      if (typeof value !== 'string') return undefined;
      const name = table.text(value);
      if (name < 0) return undefined;
      if (key === 'minQuality') minQuality = name;
      else limitScope = name;
    }
  }
  if (recipients < 0) return undefined;
  campaignColumns[0] = recipients;
  campaignColumns[1] = minQuality;
  campaignColumns[2] = limitScope;
  return finish(table, 1, columns);
}

/**
 * Calls a user's callback `f(a, b)`. What it throws, and what the promise it
 * returns rejects with (an `async` callback: left alone, that rejection is
 * unhandled, and ends a Node process), is logged with console.error, never
 * passed on: the call goes on. A load's callbacks (`waiting` false) are
 * reported once per `load`, one object per load: a callback that throws on
 * every page would log a thousand times. An onUpdate's (`waiting` true),
 * called when the status changes, every time.
 */
export function callBack(f, a, b, load, waiting) {
  const report = (thrown) => {
    if (waiting) {
      console.error('wa-numbers: an onUpdate callback threw; the wait goes on:', thrown);
    } else if (!load.reported) {
      load.reported = true;
      console.error('wa-numbers: an onPage or onProgress callback threw; the load goes on and keeps every row (later exceptions of this load are not logged):', thrown);
    }
  };
  try {
    const result = f(a, b);
    // A thenable's own `then` is user code too: inside the try.
    if (result !== null && (typeof result === 'object' || typeof result === 'function') && typeof result.then === 'function') {
      result.then(undefined, report);
    }
  } catch (thrown) {
    report(thrown);
  }
}
