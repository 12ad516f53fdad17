//! Moving whole values across the JS boundary, once per call, as JSON text.
//!
//! Out: the core's hand-written [`ToJson`] writes the value as a [`Tape`] and
//! `js/wire.js` builds the plain objects from it in one pass. In: `JSON.stringify`, then the core's
//! strict [`FromJson`] reader, with the path of any mismatch, so
//! `{recipients: -1}` fails as `invalid_input` naming `campaign.recipients`
//! and an array where an object belongs is refused. No serde code per type.

use tsify::Ts;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsValue;

use crate::error::Error;
use wa_numbers_core::json::{columns, FromJson, JsonError, Tape, ToJson, Writer};
use wa_numbers_core::{Campaign, Readiness};

/// Reads an argument of a declared type, naming the offending field on failure.
pub fn from_js<T>(value: &Ts<T>, argument: &str) -> Result<T, Error>
where
    T: tsify::Tsify + FromJson,
{
    from_js_value(&value.js_value(), argument)
}

/// Reads any JS value as `T` (see [`from_js`]).
pub fn from_js_value<T: FromJson>(js: &JsValue, argument: &str) -> Result<T, Error> {
    // Only the read itself is per type; the rest is shared.
    T::from_json(&json_text_of(js, argument)?).map_err(|e| argument_error(argument, e))
}

/// Reads a JS value as `T` from only the object keys in `keys` (at every
/// depth): `JSON.stringify` with a key list leaves the rest out natively,
/// so a number's twenty fields cost what the rules' ten do.
pub fn from_js_keys<T: FromJson>(
    js: &JsValue,
    argument: &str,
    keys: &'static [&'static str],
) -> Result<T, Error> {
    let text = json_text_with(js, argument, Some(keys))?;
    T::from_json(&text).map_err(|e| argument_error(argument, e))
}

thread_local! {
    /// `JSON.stringify` key lists, built once per list.
    static KEY_LISTS: std::cell::RefCell<Vec<(usize, js_sys::Array)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

fn key_list(keys: &'static [&'static str]) -> js_sys::Array {
    let id = keys.as_ptr() as usize;
    KEY_LISTS.with(|lists| {
        let mut lists = lists.borrow_mut();
        if let Some((_, list)) = lists.iter().find(|(k, _)| *k == id) {
            return list.clone();
        }
        let list: js_sys::Array = keys.iter().map(|k| JsValue::from_str(k)).collect();
        lists.push((id, list.clone()));
        list
    })
}

/// `JSON.stringify` of an argument, refusing what has no JSON form.
fn json_text_of(js: &JsValue, argument: &str) -> Result<String, Error> {
    json_text_with(js, argument, None)
}

fn json_text_with(
    js: &JsValue,
    argument: &str,
    keys: Option<&'static [&'static str]>,
) -> Result<String, Error> {
    if js.is_undefined() || js.is_null() {
        return Err(Error::invalid_input(argument, "is required"));
    }
    // The key list (if any) both the check and JSON.stringify follow.
    let follow = keys.map(|keys| JsValue::from(key_list(keys)));
    if let Some(path) = non_finite_at(js, follow.as_ref().unwrap_or(&JsValue::UNDEFINED)) {
        return Err(Error::invalid_input(
            field_at(argument, &path),
            "must be a finite number, not NaN or Infinity",
        ));
    }
    match &follow {
        Some(keys) => js_sys::JSON::stringify_with_replacer(js, keys),
        None => js_sys::JSON::stringify(js),
    }
    .ok()
    .and_then(|text| js_string(&text))
    .ok_or_else(|| {
        Error::invalid_input(
            argument,
            "cannot be read as JSON (a function, a BigInt, a cycle, or a getter that threw?)",
        )
    })
}

/// A reader's error as `invalid_input` at `argument.path`.
fn argument_error(argument: &str, e: JsonError) -> Error {
    let field = field_at(argument, &e.path);
    Error::invalid_input(field, e.into_parts().1)
}

/// The field at `path` (`a.b[2]`, or empty) inside `argument`.
fn field_at(argument: &str, path: &str) -> String {
    if path.is_empty() {
        argument.to_owned()
    } else if path.starts_with('[') {
        [argument, path].concat()
    } else {
        [argument, ".", path].concat()
    }
}

/// Writes a result as a plain JS object of the declared TypeScript type.
pub fn to_js<T>(value: &T) -> Result<Ts<T>, Error>
where
    T: tsify::Tsify + ToJson,
{
    to_js_value(value).map(Ts::new_unchecked)
}

/// Writes any value as a plain JS object (see [`to_js`]).
pub fn to_js_value<T: ToJson + ?Sized>(value: &T) -> Result<JsValue, Error> {
    Ok(js_of_written(&|w| value.write_json(w)))
}

/// The plain JS value of what `write` writes, through the kept [`SPARE`]
/// writer. Not generic: one copy of this body (and of the `SPARE.with` it
/// holds, about 320 B of wasm each) serves every type [`to_js_value`] writes.
pub fn js_of_written(write: &dyn Fn(&mut Writer)) -> JsValue {
    js_of_written_by(write, false)
}

/// The verdict of the call [`with_packed_call`] answered with
/// [`PackedCall::Read`], as a plain JS object that `js/wire.js` also
/// remembers under what the call read.
pub fn js_of_verdict(verdict: &Readiness) -> JsValue {
    js_of_written_by(&|w| verdict.write_json(w), true)
}

fn js_of_written_by(write: &dyn Fn(&mut Writer), verdict: bool) -> JsValue {
    SPARE.with(|spare| {
        let Ok(mut spare) = spare.try_borrow_mut() else {
            // Written while the spare writer is in use (a nested call):
            // a writer of its own.
            let mut writer = Writer::default();
            write(&mut writer);
            return js_of_tape(&writer.into_tape());
        };
        let spare = &mut *spare;
        spare.writer.clear();
        write(&mut spare.writer);
        let count = spare.writer.key_count();
        let keys = match &spare.keys {
            Some((keys, made_of)) if *made_of == count => keys,
            _ => {
                // Keys the kept list lacks: the list grows (a list with
                // more keys than a value uses decodes it all the same).
                let mut text = String::new();
                spare.writer.keys_text(&mut text);
                &spare.keys.insert((JsValue::from_str(&text), count)).0
            }
        };
        let (words, text) = (spare.writer.words(), spare.writer.text());
        let js = if verdict {
            decode_verdict(words, keys, text)
        } else {
            decode_tape(words, keys, text, &JsValue::UNDEFINED)
        };
        if spare.writer.words().len() > SPARE_WORDS {
            // A list of thousands: not worth keeping its memory.
            *spare = Spare::default();
        }
        js
    })
}

/// The most words of a tape whose memory [`SPARE`] keeps.
const SPARE_WORDS: usize = 4096;

/// One writer for every result, with its key list as a JS string: a result
/// of a few dozen words then allocates nothing to be written (that was a
/// fifth of one `evaluateReadiness` call), and its keys cross once, not
/// once per result.
#[derive(Default)]
struct Spare {
    writer: Writer,
    /// The writer's key list as a JS string, and how many keys it holds.
    keys: Option<(JsValue, usize)>,
}

thread_local! {
    static SPARE: std::cell::RefCell<Spare> = std::cell::RefCell::new(Spare::default());
}

#[wasm_bindgen(module = "/js/wire.js")]
extern "C" {
    /// `js/wire.js`: the plain JS value of a tape.
    #[wasm_bindgen(js_name = decodeTape)]
    fn decode_tape(words: &[u32], keys: &JsValue, text: &str, source: &JsValue) -> JsValue;

    /// `js/wire.js`: the verdict a tape records, remembered under what the
    /// last `packReadinessCall` read.
    #[wasm_bindgen(js_name = decodeVerdict)]
    fn decode_verdict(words: &[u32], keys: &JsValue, text: &str) -> JsValue;

    /// `js/wire.js`: the path of a NaN or Infinity in `value` (following
    /// only `keys` when it is an array). A `String`, not a `JsValue`: an
    /// import that needs no conversion is imported from the snippet's own
    /// path, which `cargo xtask pkg` renames; this one goes through the glue.
    #[wasm_bindgen(js_name = nonFiniteAt)]
    fn non_finite_at(value: &JsValue, keys: &JsValue) -> Option<String>;

    /// `js/wire.js`: `text` as UTF-8 into `bytes`; the bytes written, or -1
    /// when they do not fit.
    #[wasm_bindgen(js_name = encodeText)]
    fn encode_text(text: &JsValue, bytes: &mut [u8]) -> i32;

    /// `js/wire.js`: the rules' fields of `numbers` into `columns`; the
    /// strings joined, or `undefined` (then read the argument as JSON).
    #[wasm_bindgen(js_name = packRuleNumbers)]
    fn pack_rule_numbers(numbers: &JsValue, with_ids: bool, columns: &mut [f64]) -> JsValue;

    /// `js/wire.js`: one number and a campaign into `columns` and
    /// `campaign_columns`; the strings joined, the verdict of a call that
    /// read the same (an object), or `undefined`.
    #[wasm_bindgen(js_name = packReadinessCall)]
    fn pack_readiness_call(
        number: &JsValue,
        campaign: &JsValue,
        columns: &mut [f64],
        campaign_columns: &mut [f64],
    ) -> JsValue;
}

/// What [`with_packed_call`] found.
pub enum PackedCall<T> {
    /// The verdict `js/wire.js` remembered from a call that read the same
    /// (a fresh copy, as a plain JS object).
    Remembered(JsValue),
    /// What `read` made of the packed arguments.
    Read(T),
}

/// One number and a campaign as `evaluateReadiness` reads them, packed by
/// `js/wire.js` in one crossing (no JSON text, no array around the number),
/// handed to `read`, unless `js/wire.js` remembers the verdict of a call
/// that read the same; `None` when the strict JSON path must read them.
pub fn with_packed_call<T>(
    number: &JsValue,
    campaign: &JsValue,
    read: impl FnOnce(&columns::Packed<'_>, &Campaign) -> T,
) -> Option<PackedCall<T>> {
    // One number's slots, then room for the lengths of its strings and the
    // campaign's two names.
    let mut slots = [0f64; 1 + columns::SLOTS + 9];
    let mut campaign_slots = [0f64; columns::CAMPAIGN_SLOTS];
    let packed = pack_readiness_call(number, campaign, &mut slots, &mut campaign_slots);
    if packed.is_object() {
        return Some(PackedCall::Remembered(packed));
    }
    let joined = packed.as_string()?;
    let (numbers, campaign) = columns::packed_with_campaign(&slots, 1, &campaign_slots, &joined)?;
    Some(PackedCall::Read(read(numbers.first()?, &campaign)))
}

/// The numbers of a JS array (or one number) as the readiness rules and the
/// planner read them, packed by `js/wire.js` (one crossing for the whole
/// array, no JSON text), handed to `read` with the strings they borrow;
/// `None` when the strict JSON path must read them (it names what is
/// wrong). Ids and WABA ids are kept only `with_ids`.
pub fn with_packed_numbers<T>(
    numbers: &JsValue,
    with_ids: bool,
    read: impl FnOnce(&[columns::Packed<'_>]) -> T,
) -> Option<T> {
    let count = numbers.dyn_ref::<js_sys::Array>()?.length() as usize;
    // The slots, then room for the lengths of up to seven strings a number.
    let mut slots = vec![0f64; 1 + count.checked_mul(columns::SLOTS + 7)?];
    let joined = js_string(&pack_rule_numbers(numbers, with_ids, &mut slots))?;
    Some(read(&columns::packed_numbers(&slots, count, &joined)?))
}

/// A JS string's text, or `None` for any other value. One native
/// `encodeInto` into wasm memory: for a provider's body of megabytes, the
/// glue's `as_string` (a JS loop over the characters) costs more than
/// reading the body.
pub fn js_string(value: &JsValue) -> Option<String> {
    let units = value.dyn_ref::<js_sys::JsString>()?.length() as usize;
    if units < 1024 {
        // Short: the glue's copy costs less than a second crossing.
        return value.as_string();
    }
    // Most bodies are ASCII: room for a few multi-byte characters first,
    // then for the worst case (three bytes per UTF-16 unit).
    for room in [units + units / 16 + 16, units * 3] {
        let mut bytes = vec![0u8; room];
        if let Ok(written) = usize::try_from(encode_text(value, &mut bytes)) {
            bytes.truncate(written);
            return String::from_utf8(bytes).ok().or_else(|| value.as_string());
        }
    }
    value.as_string()
}

/// The plain JS value a [`Tape`] records, built in one JS pass (one copy of
/// the strings' text, the words read in place).
pub fn js_of_tape(tape: &Tape) -> JsValue {
    decode_tape(
        &tape.words,
        &keys_js(&tape.keys),
        &tape.text,
        &JsValue::UNDEFINED,
    )
}

thread_local! {
    /// The key lists of recent tapes as JS strings: a value of one type
    /// has one of a few key lists, and decoding the same text into a new JS
    /// string on every call costs as much as a small verdict's rules.
    static KEY_TEXTS: std::cell::RefCell<Vec<(String, JsValue)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// A tape's key list as a JS string, made once per distinct list (up to 32 kept).
fn keys_js(keys: &str) -> JsValue {
    KEY_TEXTS.with(|texts| {
        let Ok(mut texts) = texts.try_borrow_mut() else {
            return JsValue::from_str(keys);
        };
        if let Some((_, js)) = texts.iter().find(|(seen, _)| seen == keys) {
            return js.clone();
        }
        if texts.len() >= 32 {
            texts.clear();
        }
        let js = JsValue::from_str(keys);
        texts.push((keys.to_owned(), js.clone()));
        js
    })
}

/// The plain JS value of a tape written [`over`](wa_numbers_core::json::Writer::over_source) the
/// text of the JS string `source`: its strings are cut from `source`.
pub fn js_of_tape_over(tape: &Tape, source: &JsValue) -> JsValue {
    decode_tape(&tape.words, &keys_js(&tape.keys), &tape.text, source)
}
