//! Values out: what crosses to JavaScript and what the sandbox and the demo
//! serve. Written by hand, so the wasm carries one small writer instead of a
//! serializer per type.
//!
//! A [`Writer`] records a [`Tape`]: one `u32` word per value (its kind and
//! its key), the strings' text in one buffer, each object key once. The npm
//! package hands the tape to a few lines of JS that build the plain objects
//! (faster than `JSON.parse` of the same value as text: no second scan, no
//! re-decoding of the strings); [`Writer::finish`] renders it as JSON text
//! for everything that speaks JSON over HTTP.

use super::push_u64;
use crate::error::ErrorInfo;
use crate::paging::{ListAll, Progress};
use crate::{
    Assignment, Health, HealthError, MessagingLimit, Page, PhoneNumber, Plan, Readiness, Reason,
};

/// A value that writes itself (the camelCase shapes of DESIGN.md).
pub trait ToJson {
    /// Writes this value to `w`.
    fn write_json(&self, w: &mut Writer);

    /// This value as JSON text.
    fn to_json(&self) -> String {
        self.to_tape_writer().finish()
    }

    /// This value as a [`Tape`], for JavaScript.
    fn to_tape(&self) -> Tape {
        self.to_tape_writer().into_tape()
    }

    #[doc(hidden)]
    fn to_tape_writer(&self) -> Writer {
        let mut w = Writer::default();
        self.write_json(&mut w);
        w
    }
}

/// The kinds of tape word (the low four bits; the rest is the key's number,
/// 0 for an array item). `crates/client/js/wire.js` (`decodeTape`) reads the same numbers.
pub mod op {
    /// Closes the innermost object or array.
    pub const END: u32 = 0;
    /// Opens an object: keyed values follow, then [`END`].
    pub const OBJECT: u32 = 1;
    /// Opens an array: values follow, then [`END`].
    pub const ARRAY: u32 = 2;
    /// A string: the next word is its length in UTF-16 units, its text the
    /// next that many units of [`Tape::text`](super::Tape::text).
    pub const STRING: u32 = 3;
    /// A whole number below 2³²: the next word.
    pub const SMALL: u32 = 4;
    /// A whole number from 2³²: the next two words, high then low.
    pub const LARGE: u32 = 5;
    /// A fraction: the next two words are an `f64`'s bits, low then high.
    pub const FRACTION: u32 = 6;
    /// `true`.
    pub const TRUE: u32 = 7;
    /// `false`.
    pub const FALSE: u32 = 8;
    /// `null`.
    pub const NULL: u32 = 9;
    /// One of a fixed set of strings (an enum's name): the next word is its
    /// number among [`Tape::keys`](super::Tape::keys), shared with the keys.
    pub const NAME: u32 = 10;
    /// A string cut from the source text the tape was read from (see
    /// [`Writer::over_source`](super::Writer::over_source)): the next two
    /// words are its start and length there, in UTF-16 units.
    pub const SLICE: u32 = 11;
    /// A string written before, again: the next two words are its start
    /// and length in [`Tape::text`](super::Tape::text), in UTF-16 units
    /// (see [`Writer::repeat`](super::Writer::repeat)).
    pub const AGAIN: u32 = 12;
}

/// A written value: the words, the object keys and enum names (`keys`,
/// comma-separated and starting with a comma, so number `k` is item `k` of a
/// split), and the strings' text, one after another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tape {
    /// The value's words (see [`op`]).
    pub words: Vec<u32>,
    /// `,key1,key2,…`: the object keys by number.
    pub keys: String,
    /// Every string's text, in the order the words name them.
    pub text: String,
}

/// Room for the distinct object keys of one value (a power of two); past
/// it, keys are found by a slower search.
const KEY_SLOTS: usize = 256;

/// Records one value as a [`Tape`]. Objects are written with
/// [`Writer::object`], whose field methods leave out absent optional values,
/// as the seeds show them.
pub struct Writer {
    words: Vec<u32>,
    text: String,
    /// Whether `text` is all ASCII (then UTF-16 and byte lengths agree).
    ascii: bool,
    /// Object keys by number - 1. Keys are `'static`: a literal has one
    /// address, so the address finds its number.
    keys: Vec<&'static str>,
    /// (address, number) of the keys seen, by a hash of the address.
    slots: [(usize, u32, u32); KEY_SLOTS],
    /// The key of the next value (0: none).
    key: u32,
    /// The ASCII source text strings may be cut from: its address and length.
    source: Option<(usize, usize)>,
}

/// A place in a [`Writer`]'s tape (see [`Writer::mark`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    words: usize,
    text: usize,
}

/// The slot of `key` in [`Writer`]'s table: a hash of its address.
#[inline]
fn key_slot(key: &'static str) -> usize {
    ((key.as_ptr() as usize).wrapping_mul(0x9E37_79B9) >> 7) & (KEY_SLOTS - 1)
}

impl Default for Writer {
    /// Room for a small value (a verdict, a number) without growing: a
    /// writer that starts empty reallocates its words and text five times
    /// over for a verdict, which showed in the profile of one call.
    fn default() -> Self {
        Writer::with_capacity(512)
    }
}

impl Writer {
    /// A writer with room for about `bytes` of JSON.
    pub fn with_capacity(bytes: usize) -> Self {
        Writer {
            words: Vec::with_capacity(bytes / 8),
            text: String::with_capacity(bytes / 3),
            ascii: true,
            keys: Vec::new(),
            slots: [(0, 0, 0); KEY_SLOTS],
            key: 0,
            source: None,
        }
    }

    /// A writer for a value read from `source` that the reader of the tape
    /// also holds (JS has the body text it passed in): strings found there
    /// as they stand are recorded as cuts of it, not copied. Only for ASCII
    /// text, where byte offsets are UTF-16 offsets.
    pub fn over_source(source: &str) -> Self {
        let mut w = Writer::with_capacity(source.len());
        if source.is_ascii() && u32::try_from(source.len()).is_ok() {
            w.source = Some((source.as_ptr() as usize, source.len()));
        }
        w
    }

    /// The value written, as JSON text.
    pub fn finish(self) -> String {
        render(&self.into_tape(), "")
    }

    /// The value written, as JSON text, for a writer made
    /// [`over`](Self::over_source) `source`.
    pub fn finish_over(self, source: &str) -> String {
        render(&self.into_tape(), source)
    }

    /// The value written, as a tape.
    pub fn into_tape(self) -> Tape {
        let mut keys = String::with_capacity(self.keys.len() * 12);
        self.keys_text(&mut keys);
        Tape {
            words: self.words,
            keys,
            text: self.text,
        }
    }

    /// The tape's words so far (see [`Tape::words`]).
    pub fn words(&self) -> &[u32] {
        &self.words
    }

    /// The tape's text so far (see [`Tape::text`]).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// How many keys (and enum names) have numbers: the key list
    /// ([`keys_text`](Self::keys_text)) is the same while this is.
    pub fn key_count(&self) -> usize {
        self.keys.len()
    }

    /// Appends the tape's key list (see [`Tape::keys`]) to `out`.
    pub fn keys_text(&self, out: &mut String) {
        for key in &self.keys {
            out.push(',');
            out.push_str(key);
        }
    }

    /// Where the writer is now: the start or the end of a value for
    /// [`repeat`](Self::repeat).
    pub fn mark(&self) -> Mark {
        Mark {
            words: self.words.len(),
            text: self.text.len(),
        }
    }

    /// Writes again the one value written between `from` and `to` (two
    /// [`mark`](Self::mark)s of this writer, the value's start and end), as
    /// the next value, with the key of the place it goes to: its words
    /// copied, its strings as [`op::AGAIN`] of the first time's text.
    /// `false`, writing nothing, when the text is not all ASCII (whose byte
    /// offsets are UTF-16's) or the marks do not frame a value written since
    /// the last [`clear`](Self::clear): then write the value anew.
    pub fn repeat(&mut self, from: Mark, to: Mark) -> bool {
        if !self.ascii || from.words >= to.words || to.words > self.words.len() {
            return false;
        }
        self.words.reserve(to.words - from.words);
        let (mut i, mut at) = (from.words, from.text as u32);
        let mut key = self.key;
        while let Some(&word) = self.words.get(i).filter(|_| i < to.words) {
            let kind = word & 15;
            let word = if i == from.words {
                kind | (key << 4)
            } else {
                word
            };
            key = 0;
            let operands = match kind {
                op::STRING => {
                    let units = self.words.get(i + 1).copied().unwrap_or(0);
                    self.words.extend([op::AGAIN | (word & !15), at, units]);
                    at += units;
                    i += 2;
                    continue;
                }
                op::SMALL | op::NAME => 1,
                op::LARGE | op::FRACTION | op::SLICE | op::AGAIN => 2,
                _ => 0,
            };
            self.words.push(word);
            for _ in 0..operands {
                i += 1;
                let operand = self.words.get(i).copied().unwrap_or(0);
                self.words.push(operand);
            }
            i += 1;
        }
        self.key = 0;
        true
    }

    /// Empties the writer for the next value and keeps its memory and its
    /// keys' numbers: one writer kept for many small values (a verdict per
    /// call) allocates nothing per value, and its key list (see
    /// [`key_count`](Self::key_count)) changes only when a value brings a
    /// key not seen before.
    pub fn clear(&mut self) {
        self.words.clear();
        self.text.clear();
        self.ascii = true;
        self.key = 0;
        self.source = None;
    }

    #[inline]
    fn word(&mut self, kind: u32) {
        self.words.push(kind | (self.key << 4));
        self.key = 0;
    }

    /// The number of `key`, given it on first sight.
    #[inline]
    fn key_number(&mut self, key: &'static str) -> u32 {
        let address = key.as_ptr() as usize;
        let slot = key_slot(key);
        match self.slots.get(slot) {
            // Two literals can share an address only if one is a prefix of
            // the other (merged constants): the length tells them apart.
            // Kept in the slot, so a field's key is found without reading
            // the key list.
            Some(&(seen, len, n)) if seen == address && len as usize == key.len() => n,
            _ => self.new_key(key, slot),
        }
    }

    /// `key`'s number when its slot holds another key (or none yet).
    #[cold]
    fn new_key(&mut self, key: &'static str, slot: usize) -> u32 {
        let same = |k: &&'static str| k.as_ptr() == key.as_ptr() && k.len() == key.len();
        let n = match self.keys.iter().position(same) {
            Some(i) => i as u32 + 1,
            None => {
                debug_assert!(!key.contains(','), "object keys are identifiers");
                self.keys.push(key);
                self.keys.len() as u32
            }
        };
        if let Some(entry) = self.slots.get_mut(slot) {
            *entry = (key.as_ptr() as usize, key.len() as u32, n);
        }
        n
    }

    /// Writes a string.
    #[inline]
    pub fn string(&mut self, value: &str) {
        self.word(op::STRING);
        let units = if value.is_ascii() {
            value.len()
        } else {
            self.ascii = false;
            value.encode_utf16().count()
        };
        self.words.push(units as u32);
        self.text.push_str(value);
    }

    /// Writes one of a fixed set of strings (an enum's name, a plain
    /// identifier): stored once per value, not once per use.
    #[inline]
    pub fn name(&mut self, value: &'static str) {
        self.word(op::NAME);
        let n = self.key_number(value);
        self.words.push(n);
    }

    /// Writes a string as the reader found it (decoded only if escaped): a
    /// cut of the source when it stands there as it is.
    #[inline]
    pub fn raw_str(&mut self, value: super::RawStr<'_>) {
        if let (Some((base, len)), false) = (self.source, value.is_escaped()) {
            let start = (value.json_content().as_ptr() as usize).wrapping_sub(base);
            if start <= len && value.json_content().len() <= len - start {
                self.word(op::SLICE);
                self.words.push(start as u32);
                self.words.push(value.json_content().len() as u32);
                return;
            }
        }
        self.string(&value.decode());
    }

    /// Writes a string: a cut of the source (see
    /// [`over_source`](Self::over_source)) when it lies there (a row's
    /// tier, trimmed, is one), else copied into the text.
    pub fn source_str(&mut self, value: &str) {
        if let Some((base, len)) = self.source {
            let start = (value.as_ptr() as usize).wrapping_sub(base);
            if start <= len && value.len() <= len - start {
                self.word(op::SLICE);
                self.words.push(start as u32);
                self.words.push(value.len() as u32);
                return;
            }
        }
        self.string(value);
    }

    /// Writes a whole number.
    pub fn unsigned(&mut self, value: u64) {
        match u32::try_from(value) {
            Ok(small) => {
                self.word(op::SMALL);
                self.words.push(small);
            }
            Err(_) => {
                self.word(op::LARGE);
                self.words.push((value >> 32) as u32);
                self.words.push(value as u32);
            }
        }
    }

    /// Writes a non-negative decimal rounded to six fraction digits (send
    /// times); as text, without float formatting code.
    pub fn decimal(&mut self, value: f64) {
        if !value.is_finite() || value <= 0.0 {
            return self.unsigned(0);
        }
        if value >= 1e12 {
            return self.unsigned(value as u64);
        }
        let micros = (value * 1e6 + 0.5) as u64;
        if micros.is_multiple_of(1_000_000) {
            return self.unsigned(micros / 1_000_000);
        }
        // Division is correctly rounded: the same double as parsing the
        // six-digit decimal text.
        let bits = (micros as f64 / 1e6).to_bits();
        self.word(op::FRACTION);
        self.words.push(bits as u32);
        self.words.push((bits >> 32) as u32);
    }

    /// Writes `true` or `false`.
    pub fn boolean(&mut self, value: bool) {
        self.word(if value { op::TRUE } else { op::FALSE });
    }

    /// Writes `null`.
    pub fn null(&mut self) {
        self.word(op::NULL);
    }

    /// Writes an object whose fields `fields` adds.
    pub fn object(&mut self, fields: impl FnOnce(&mut Fields<'_>)) {
        self.word(op::OBJECT);
        fields(&mut Fields { w: self });
        self.words.push(op::END);
    }

    /// Starts an array written item by item ([`separator`](Self::separator)
    /// before each, [`end_array`](Self::end_array) after the last).
    pub fn begin_array(&mut self) {
        self.word(op::ARRAY);
    }

    /// Before every item of an array begun with
    /// [`begin_array`](Self::begin_array) (kept for the text form's commas,
    /// which the tape does not need).
    pub fn separator(&mut self, _index: usize) {}

    /// Ends an array begun with [`begin_array`](Self::begin_array).
    pub fn end_array(&mut self) {
        self.words.push(op::END);
    }

    /// Writes an array of `items`.
    pub fn array<T: ToJson>(&mut self, items: impl IntoIterator<Item = T>) {
        self.begin_array();
        for item in items {
            item.write_json(self);
        }
        self.end_array();
    }
}

/// The fields of one object being written.
pub struct Fields<'w> {
    w: &'w mut Writer,
}

impl Fields<'_> {
    /// Starts a field; `key` is a plain identifier.
    #[inline]
    pub fn key(&mut self, key: &'static str) -> &mut Writer {
        self.w.key = self.w.key_number(key);
        self.w
    }

    /// A string field.
    pub fn string(&mut self, key: &'static str, value: &str) {
        self.key(key).string(value);
    }

    /// A field holding an enum's name (see [`Writer::name`]).
    pub fn name(&mut self, key: &'static str, value: &'static str) {
        self.key(key).name(value);
    }

    /// A string field, left out when absent.
    pub fn opt_string(&mut self, key: &'static str, value: Option<&str>) {
        if let Some(value) = value {
            self.string(key, value);
        }
    }

    /// A whole-number field.
    pub fn unsigned(&mut self, key: &'static str, value: u64) {
        self.key(key).unsigned(value);
    }

    /// A whole-number field, left out when absent.
    pub fn opt_unsigned(&mut self, key: &'static str, value: Option<u64>) {
        if let Some(value) = value {
            self.unsigned(key, value);
        }
    }

    /// A whole-number field written as `null` when absent.
    pub fn unsigned_or_null(&mut self, key: &'static str, value: Option<u64>) {
        match value {
            Some(value) => self.unsigned(key, value),
            None => self.key(key).null(),
        }
    }

    /// A boolean field.
    pub fn boolean(&mut self, key: &'static str, value: bool) {
        self.key(key).boolean(value);
    }

    /// A field holding any [`ToJson`] value.
    pub fn value(&mut self, key: &'static str, value: &impl ToJson) {
        value.write_json(self.key(key));
    }
}

/// A tape as JSON text: `{"key":value,…}`, strings escaped. `source` is the
/// text the writer was made [`over`](Writer::over_source) (or `""`).
pub fn render(tape: &Tape, source: &str) -> String {
    let keys: Vec<&str> = tape.keys.split(',').collect();
    let mut out = String::with_capacity(tape.text.len() + tape.words.len() * 4);
    let ascii = tape.text.is_ascii();
    let mut words = tape.words.iter().copied();
    let mut at = 0usize;
    // The open containers, innermost last: its closing bracket, and whether
    // it has had no item yet.
    let mut open: Vec<(char, bool)> = Vec::with_capacity(8);
    while let Some(word) = words.next() {
        let kind = word & 15;
        if kind == op::END {
            out.push(open.pop().map_or(']', |(close, _)| close));
            continue;
        }
        if let Some((_, first)) = open.last_mut() {
            if !*first {
                out.push(',');
            }
            *first = false;
        }
        let key = (word >> 4) as usize;
        if key > 0 {
            out.push('"');
            out.push_str(keys.get(key).copied().unwrap_or_default());
            out.push_str("\":");
        }
        let mut next = || words.next().unwrap_or(0);
        match kind {
            op::OBJECT | op::ARRAY => {
                let (start, close) = if kind == op::OBJECT {
                    ('{', '}')
                } else {
                    ('[', ']')
                };
                out.push(start);
                open.push((close, true));
            }
            op::STRING => {
                let units = next() as usize;
                let len = if ascii {
                    units
                } else {
                    utf8_len(tape.text.get(at..).unwrap_or_default(), units)
                };
                let s = tape.text.get(at..at + len).unwrap_or_default();
                at += len;
                escape_into(&mut out, s);
            }
            op::SMALL => push_u64(&mut out, u64::from(next())),
            op::LARGE => {
                let high = u64::from(next());
                push_u64(&mut out, high << 32 | u64::from(next()));
            }
            op::FRACTION => {
                let low = u64::from(next());
                push_decimal(&mut out, f64::from_bits(u64::from(next()) << 32 | low));
            }
            op::SLICE => {
                let (start, len) = (next() as usize, next() as usize);
                escape_into(&mut out, source.get(start..start + len).unwrap_or_default());
            }
            op::AGAIN => {
                // Written only while the text was ASCII: units are bytes.
                let (start, len) = (next() as usize, next() as usize);
                escape_into(
                    &mut out,
                    tape.text.get(start..start + len).unwrap_or_default(),
                );
            }
            op::NAME => escape_into(
                &mut out,
                keys.get(next() as usize).copied().unwrap_or_default(),
            ),
            op::TRUE => out.push_str("true"),
            op::FALSE => out.push_str("false"),
            _ => out.push_str("null"),
        }
    }
    out
}

/// The UTF-8 length of the first `units` UTF-16 units of `text`.
fn utf8_len(text: &str, units: usize) -> usize {
    let mut seen = 0;
    for (i, c) in text.char_indices() {
        if seen >= units {
            return i;
        }
        seen += c.len_utf16();
    }
    text.len()
}

/// Appends `value` as a JSON string, escaped.
fn escape_into(out: &mut String, value: &str) {
    out.push('"');
    let bytes = value.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(super::sub(value, start, i));
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(super::sub(value, start, value.len()));
    out.push('"');
}

/// Appends a non-negative decimal with up to six fraction digits.
fn push_decimal(out: &mut String, value: f64) {
    let micros = (value * 1e6 + 0.5) as u64;
    push_u64(out, micros / 1_000_000);
    let mut fraction = micros % 1_000_000;
    if fraction > 0 {
        out.push('.');
        let mut scale = 100_000;
        while fraction > 0 {
            out.push((b'0' + (fraction / scale) as u8) as char);
            fraction %= scale;
            scale /= 10;
        }
    }
}

impl<T: ToJson> ToJson for &T {
    fn write_json(&self, w: &mut Writer) {
        (*self).write_json(w);
    }
}

impl ToJson for String {
    fn write_json(&self, w: &mut Writer) {
        w.string(self);
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, w: &mut Writer) {
        w.array(self.iter());
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, w: &mut Writer) {
        w.array(self.iter());
    }
}

impl ToJson for MessagingLimit {
    fn write_json(&self, w: &mut Writer) {
        w.object(|f| {
            f.string("tier", &self.tier);
            f.unsigned_or_null("dailyLimit", self.daily_limit);
            f.boolean("unlimited", self.unlimited);
        });
    }
}

impl ToJson for PhoneNumber {
    fn write_json(&self, w: &mut Writer) {
        w.object(|f| {
            f.name("provider", self.provider.as_str());
            f.string("id", &self.id);
            f.string("phoneNumber", &self.phone_number);
            f.opt_string("displayName", self.display_name.as_deref());
            f.opt_string("verifiedName", self.verified_name.as_deref());
            f.opt_string("wabaId", self.waba_id.as_deref());
            f.name("status", self.status.as_str());
            f.opt_string("rawStatus", self.raw_status.as_deref());
            f.name("qualityRating", self.quality_rating.as_str());
            f.value("messagingLimit", &self.messaging_limit);
            f.opt_string("throughput", self.throughput.as_deref());
            f.opt_string(
                "codeVerificationStatus",
                self.code_verification_status.as_deref(),
            );
            f.opt_string("platform", self.platform.as_deref());
            f.opt_string("nameStatus", self.name_status.as_deref());
            f.opt_string("accountMode", self.account_mode.as_deref());
            f.opt_string("createdAt", self.created_at.as_deref());
            f.opt_string("updatedAt", self.updated_at.as_deref());
            f.opt_string("lastOnboardedAt", self.last_onboarded_at.as_deref());
            if let Some(health) = &self.health {
                f.value("health", health);
            }
        });
    }
}

impl ToJson for Health {
    fn write_json(&self, w: &mut Writer) {
        w.object(|f| {
            f.string("canSendMessage", &self.can_send_message);
            f.value("errors", &self.errors);
        });
    }
}

impl ToJson for HealthError {
    fn write_json(&self, w: &mut Writer) {
        w.object(|f| {
            f.opt_string("entityType", self.entity_type.as_deref());
            f.opt_unsigned("errorCode", self.error_code);
            f.opt_string("errorDescription", self.error_description.as_deref());
            f.opt_string("possibleSolution", self.possible_solution.as_deref());
        });
    }
}

impl ToJson for Page {
    fn write_json(&self, w: &mut Writer) {
        w.object(|f| {
            f.value("numbers", &self.numbers);
            f.unsigned("total", self.total);
            f.opt_unsigned("page", self.page.map(u64::from));
            f.opt_unsigned("pageSize", self.page_size.map(u64::from));
            f.opt_unsigned("pages", self.pages.map(u64::from));
            f.opt_string("nextCursor", self.next_cursor.as_deref());
        });
    }
}

impl ToJson for Reason {
    fn write_json(&self, w: &mut Writer) {
        w.object(|f| {
            f.string("code", &self.code);
            f.name("severity", self.severity.as_str());
            f.string("message", &self.message);
        });
    }
}

impl ToJson for Readiness {
    fn write_json(&self, w: &mut Writer) {
        w.object(|f| {
            f.boolean("ready", self.ready);
            f.name("action", self.action.as_str());
            f.value("reasons", &self.reasons);
            f.unsigned_or_null("dailyLimit", self.daily_limit);
            f.key("estimatedSendSeconds")
                .decimal(self.estimated_send_seconds);
        });
    }
}

impl ToJson for Assignment {
    fn write_json(&self, w: &mut Writer) {
        w.object(|f| {
            f.string("phoneNumberId", &self.phone_number_id);
            f.unsigned("recipients", self.recipients);
        });
    }
}

impl ToJson for Plan {
    fn write_json(&self, w: &mut Writer) {
        w.object(|f| {
            f.value("assignments", &self.assignments);
            f.unsigned("unassigned", self.unassigned);
        });
    }
}

impl ToJson for ListAll {
    fn write_json(&self, w: &mut Writer) {
        w.object(|f| {
            f.value("numbers", &self.numbers);
            f.unsigned("total", self.total);
            f.boolean("truncated", self.truncated);
            f.boolean("totalChanged", self.total_changed);
            f.unsigned("requests", u64::from(self.requests));
            f.unsigned("throttled", u64::from(self.throttled));
        });
    }
}

impl ToJson for Progress {
    fn write_json(&self, w: &mut Writer) {
        w.object(|f| {
            f.unsigned("loaded", self.loaded);
            f.unsigned("total", self.total);
            f.unsigned("requests", u64::from(self.requests));
            f.unsigned("throttled", u64::from(self.throttled));
        });
    }
}

impl ToJson for ErrorInfo {
    fn write_json(&self, w: &mut Writer) {
        w.object(|f| {
            f.name("kind", self.kind.as_str());
            f.string("message", &self.message);
            f.opt_unsigned("status", self.status.map(u64::from));
            f.opt_string("field", self.field.as_deref());
            f.opt_unsigned("retryAfterMs", self.retry_after_ms);
        });
    }
}
