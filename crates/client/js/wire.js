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
  const value = (word) => {
    switch (word & 15) {
      case 1: { // object: keyed values up to END (0)
        const object = {};
        for (let w = words[i++]; w !== 0; w = words[i++]) {
          const kind = w & 15;
          if (kind === 11) { // a cut of the source, the usual field, read here
            const start = words[i++];
            object[names[w >>> 4]] = source.slice(start, start + words[i++]);
          } else if (kind === 3) { // a string of the text, read here too
            const end = at + words[i++];
            object[names[w >>> 4]] = text.slice(at, end);
            at = end;
          } else {
            object[names[w >>> 4]] = value(w);
          }
        }
        return object;
      }
      case 2: { // array: values up to END (0)
        const array = [];
        for (let w = words[i++]; w !== 0; w = words[i++]) array.push(value(w));
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
      default: return null;
    }
  };
  return value(words[i++]);
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
