//! The one JSON machinery of wa-numbers, hand-written so the wasm carries no
//! per-type serde code: a strict pull [`Reader`] for provider bodies and JS
//! arguments, and a [`Writer`] for what goes back to JavaScript.
//!
//! The reader is strict where JSON is (syntax, types of envelopes, nesting) and
//! knows where it is: every [`JsonError`] names its place (`data[3].status`),
//! built only on the error path, so a good body pays nothing for it.

pub mod columns;
mod read;
mod write;

pub(crate) use read::{health_error, named};
pub use read::{
    missing, optional_string, optional_unsigned, unknown_field, unknown_key, FromJson, RulesNumber,
    MAX_RECIPIENTS, RULE_FIELDS,
};
pub use write::{op, render, Fields, Mark, Tape, ToJson, Writer};

use std::borrow::Cow;

/// Nesting deeper than this is refused (as serde_json does), so a hostile
/// `[[[[…` cannot exhaust the stack.
const MAX_DEPTH: u32 = 128;

/// Where and why a JSON text was not what was expected. Boxed, so that
/// every `Result` of the reader stays two words wide on the hot path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError(Box<JsonErrorDetail>);

/// The contents of a [`JsonError`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonErrorDetail {
    /// Empty for the top level, else `data[3].phoneNumberId`.
    pub path: String,
    /// What was wrong there.
    pub message: Cow<'static, str>,
}

impl std::ops::Deref for JsonError {
    type Target = JsonErrorDetail;
    fn deref(&self) -> &JsonErrorDetail {
        &self.0
    }
}

impl std::ops::DerefMut for JsonError {
    fn deref_mut(&mut self) -> &mut JsonErrorDetail {
        &mut self.0
    }
}

impl JsonError {
    /// An error at the value being read (its path is added by the callers).
    #[cold]
    pub fn new(message: impl Into<Cow<'static, str>>) -> Self {
        JsonError(Box::new(JsonErrorDetail {
            path: String::new(),
            message: message.into(),
        }))
    }

    /// The path (`$` at the top) and the message, owned.
    pub fn into_parts(self) -> (String, Cow<'static, str>) {
        let place = self.place().to_owned();
        (place, self.0.message)
    }

    /// The same error, one object key further out.
    pub fn in_key(mut self, key: &str) -> Self {
        self.path = [key, self.joint(), &self.path].concat();
        self
    }

    /// The same error, one array index further out.
    pub fn in_index(mut self, index: usize) -> Self {
        self.path = ["[", &u64_text(index as u64), "]", self.joint(), &self.path].concat();
        self
    }

    /// What goes between an outer step and the path so far: a `.` before a key.
    fn joint(&self) -> &'static str {
        if !self.path.is_empty() && !self.path.starts_with('[') {
            "."
        } else {
            ""
        }
    }

    /// The path for people: `$` when the top level itself is wrong.
    pub fn place(&self) -> &str {
        if self.path.is_empty() {
            "$"
        } else {
            &self.path
        }
    }
}

/// The index [`Reader::fields`] gives a key that is not in its list.
pub const OTHER_KEY: usize = usize::MAX;

/// Where `key` is in `keys`, names separated by commas ([`OTHER_KEY`] if
/// nowhere). No list (a plain [`Reader::object`], as every row is read)
/// costs one test.
fn key_index(keys: &str, key: &str) -> usize {
    if keys.is_empty() {
        return OTHER_KEY;
    }
    let (keys, key) = (keys.as_bytes(), key.as_bytes());
    let (mut start, mut index) = (0, 0);
    loop {
        let rest = keys.get(start..).unwrap_or_default();
        let len = rest.iter().position(|&b| b == b',').unwrap_or(rest.len());
        if rest.get(..len) == Some(key) {
            return index;
        }
        if len == rest.len() {
            return OTHER_KEY;
        }
        start += len + 1;
        index += 1;
    }
}

/// What kind of value starts at the reader's position (for messages).
fn kind_of(byte: Option<u8>) -> &'static str {
    match byte {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        Some(b'-' | b'0'..=b'9') => "a number",
        None => "the end of the text",
        Some(_) => "something that is not JSON",
    }
}

/// What [`Reader::object`] calls with each key: the caller's closure,
/// behind a trait of one method. A `dyn FnMut` would do the same, but its
/// vtable also holds `call_once`, a shim per closure that nothing calls (the
/// readers' 40-odd closures made 3 KB of them in the npm package's wasm).
/// It gets the key's place in the reader's key list ([`OTHER_KEY`] for a
/// key not in it) as well as the key itself.
trait OnKey<'a> {
    fn on_key(&mut self, r: &mut Reader<'a>, index: usize, key: &str) -> Result<(), JsonError>;
}

impl<'a, F: FnMut(&mut Reader<'a>, usize, &str) -> Result<(), JsonError>> OnKey<'a> for F {
    fn on_key(&mut self, r: &mut Reader<'a>, index: usize, key: &str) -> Result<(), JsonError> {
        self(r, index, key)
    }
}

/// What [`Reader::array`] calls with each index (see [`OnKey`]).
trait OnIndex<'a> {
    fn on_index(&mut self, r: &mut Reader<'a>, index: usize) -> Result<(), JsonError>;
}

impl<'a, F: FnMut(&mut Reader<'a>, usize) -> Result<(), JsonError>> OnIndex<'a> for F {
    fn on_index(&mut self, r: &mut Reader<'a>, index: usize) -> Result<(), JsonError> {
        self(r, index)
    }
}

/// A strict JSON pull reader over one text. Strings without escapes are
/// borrowed from the text; nothing is allocated for values that are skipped.
pub struct Reader<'a> {
    text: &'a str,
    pos: usize,
    depth: u32,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        Reader {
            text,
            pos: 0,
            depth: 0,
        }
    }

    /// Reads the whole text as one value with `read`, then requires the end.
    pub fn read_all<T>(
        text: &'a str,
        read: impl FnOnce(&mut Reader<'a>) -> Result<T, JsonError>,
    ) -> Result<T, JsonError> {
        let mut reader = Reader::new(text);
        let value = read(&mut reader)?;
        reader.at_end()?;
        Ok(value)
    }

    /// Nothing but white space is left: [`read_all`](Self::read_all)'s
    /// check, apart (not generic), so its copies for every type read share it.
    #[inline(never)]
    fn at_end(&mut self) -> Result<(), JsonError> {
        self.skip_ws();
        if self.pos < self.text.len() {
            return Err(JsonError::new(
                "not valid JSON: unexpected characters after the value",
            ));
        }
        Ok(())
    }

    #[inline(always)]
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    #[inline(always)]
    fn skip_ws(&mut self) {
        let bytes = self.bytes();
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    /// The first byte of the next value, after white space.
    #[inline(always)]
    pub fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.bytes().get(self.pos).copied()
    }

    /// An error saying what was expected and what was found here.
    pub fn expected(&mut self, what: &'static str) -> JsonError {
        let found = self.peek();
        if !matches!(
            found,
            Some(b'{' | b'[' | b'"' | b't' | b'f' | b'n' | b'-' | b'0'..=b'9')
        ) {
            return JsonError::new(not_json(found));
        }
        JsonError::new(["expected ", what, ", found ", kind_of(found)].concat())
    }

    #[inline(always)]
    fn eat(&mut self, byte: u8) -> bool {
        if self.peek() == Some(byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn literal(&mut self, word: &'static str) -> Result<(), JsonError> {
        if self
            .bytes()
            .get(self.pos..)
            .is_some_and(|rest| rest.starts_with(word.as_bytes()))
        {
            self.pos += word.len();
            Ok(())
        } else {
            Err(JsonError::new(not_json(self.peek())))
        }
    }

    fn enter(&mut self) -> Result<(), JsonError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(JsonError::new("not valid JSON: nested too deeply"));
        }
        Ok(())
    }

    /// Reads an object, calling `field` with each key; `field` must read or
    /// [`skip`](Self::skip) the value. An error inside gets the key in its path.
    pub fn object(
        &mut self,
        mut field: impl FnMut(&mut Self, &str) -> Result<(), JsonError>,
    ) -> Result<(), JsonError> {
        // One loop for every object shape: the per-type code is only `field`.
        self.object_dyn("", &mut |r: &mut Self, _, key: &str| field(r, key))
    }

    /// Reads an object whose keys are looked up in `keys` (names separated
    /// by commas), calling `field` with each key's index there
    /// ([`OTHER_KEY`] for any other key); as [`object`](Self::object)
    /// otherwise. The per-type code is then a `match` on a number (a jump
    /// table), where a `match` on the key was a chain of string comparisons
    /// in every reader (29 copies in the npm package's wasm); the lookup is
    /// this one loop's. One string, not a `[&str]`: a slice's 8 bytes a key
    /// (pointer and length) cost more wasm than the comparisons saved.
    pub fn fields(
        &mut self,
        keys: &'static str,
        mut field: impl FnMut(&mut Self, usize) -> Result<(), JsonError>,
    ) -> Result<(), JsonError> {
        self.object_dyn(keys, &mut |r: &mut Self, index, _: &str| field(r, index))
    }

    fn object_dyn(&mut self, keys: &str, field: &mut dyn OnKey<'a>) -> Result<(), JsonError> {
        if !self.eat(b'{') {
            return Err(self.expected("an object"));
        }
        self.enter()?;
        if !self.eat(b'}') {
            loop {
                if self.peek() != Some(b'"') {
                    return Err(JsonError::new(not_json(self.peek())));
                }
                self.pos += 1;
                let raw = self.string_rest()?;
                // A key is borrowed from the text as it stands (keys are
                // never escaped in practice): no `Cow` to build, deref and
                // drop for each of a page's hundred thousand keys.
                let decoded;
                let key: &str = if raw.escaped {
                    decoded = raw.decode();
                    &decoded
                } else {
                    raw.raw
                };
                if !self.eat(b':') {
                    return Err(JsonError::new(not_json(self.peek())).in_key(key));
                }
                let index = key_index(keys, key);
                field.on_key(self, index, key).map_err(|e| e.in_key(key))?;
                if self.eat(b',') {
                    continue;
                }
                if self.eat(b'}') {
                    break;
                }
                return Err(JsonError::new(not_json(self.peek())));
            }
        }
        self.depth -= 1;
        Ok(())
    }

    /// Reads an array, calling `element` with each index; `element` must read
    /// or skip the value. An error inside gets the index in its path.
    pub fn array(
        &mut self,
        mut element: impl FnMut(&mut Self, usize) -> Result<(), JsonError>,
    ) -> Result<(), JsonError> {
        self.array_dyn(&mut element)
    }

    fn array_dyn(&mut self, element: &mut dyn OnIndex<'a>) -> Result<(), JsonError> {
        if !self.eat(b'[') {
            return Err(self.expected("an array"));
        }
        self.enter()?;
        if !self.eat(b']') {
            let mut index = 0;
            loop {
                element
                    .on_index(self, index)
                    .map_err(|e| e.in_index(index))?;
                index += 1;
                if self.eat(b',') {
                    continue;
                }
                if self.eat(b']') {
                    break;
                }
                return Err(JsonError::new(not_json(self.peek())));
            }
        }
        self.depth -= 1;
        Ok(())
    }

    /// Reads `null` if it is next (then `true`), else leaves the value.
    pub fn null(&mut self) -> Result<bool, JsonError> {
        if self.peek() == Some(b'n') {
            self.literal("null")?;
            return Ok(true);
        }
        Ok(false)
    }

    /// Reads a string, strictly, decoding its escapes.
    pub fn string(&mut self) -> Result<Cow<'a, str>, JsonError> {
        Ok(self.raw_string()?.decode())
    }

    /// Reads a string without decoding it: its content as it stands in the
    /// text, checked (escapes, control characters). Copying that content into
    /// JSON output needs no decoding and no escaping.
    pub fn raw_string(&mut self) -> Result<RawStr<'a>, JsonError> {
        if !self.eat(b'"') {
            return Err(self.expected("a string"));
        }
        self.string_rest()
    }

    /// The rest of a string whose opening quote is just behind the
    /// position (see [`raw_string`](Self::raw_string)): for callers that
    /// have already peeked the quote, so the white space is not skipped twice.
    // Compiled into each caller: for keys and row fields (most of a body's
    // strings) a call per string, its result passed through memory, cost
    // an eighth of the wasm's time (Chromium, best of 30: 7.4-8.0 ->
    // 6.4-6.9 ms) for +0.2 KB gzip.
    #[inline(always)]
    fn string_rest(&mut self) -> Result<RawStr<'a>, JsonError> {
        let bytes = self.bytes();
        let start = self.pos;
        let mut i = start;
        let mut escaped = false;
        loop {
            // Eight bytes at a time while none of them is a quote, a backslash
            // or a control character: strings are most of a provider's body.
            // The lowest flagged byte is the first special one, so a run ends
            // in one step, not byte by byte.
            while let Some(chunk) = bytes.get(i..i + 8) {
                let word = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0; 8]));
                let special = special_bytes(word);
                if special != 0 {
                    i += (special.trailing_zeros() / 8) as usize;
                    break;
                }
                i += 8;
            }
            match bytes.get(i) {
                None => return Err(JsonError::new("not valid JSON: unterminated string")),
                Some(b'"') => {
                    self.pos = i + 1;
                    return Ok(RawStr {
                        raw: sub(self.text, start, i),
                        escaped,
                    });
                }
                Some(b'\\') => {
                    escaped = true;
                    i += 1 + escape_length(bytes, i + 1)?;
                }
                Some(0..=0x1f) => {
                    return Err(JsonError::new(
                        "not valid JSON: control character in a string",
                    ))
                }
                Some(_) => i += 1,
            }
        }
    }

    /// The text of a number, validated against JSON's grammar.
    pub fn number_text(&mut self) -> Result<&'a str, JsonError> {
        let start = match self.peek() {
            Some(b'-' | b'0'..=b'9') => self.pos,
            _ => return Err(self.expected("a number")),
        };
        let bytes = self.bytes();
        let mut i = start;
        let digits = |i: &mut usize| {
            let from = *i;
            while bytes.get(*i).is_some_and(u8::is_ascii_digit) {
                *i += 1;
            }
            *i > from
        };
        if bytes.get(i) == Some(&b'-') {
            i += 1;
        }
        let int_start = i;
        if !digits(&mut i) || (bytes[int_start] == b'0' && i - int_start > 1) {
            return Err(JsonError::new("not valid JSON: malformed number"));
        }
        if bytes.get(i) == Some(&b'.') {
            i += 1;
            if !digits(&mut i) {
                return Err(JsonError::new("not valid JSON: malformed number"));
            }
        }
        if let Some(b'e' | b'E') = bytes.get(i) {
            i += 1;
            if let Some(b'+' | b'-') = bytes.get(i) {
                i += 1;
            }
            if !digits(&mut i) {
                return Err(JsonError::new("not valid JSON: malformed number"));
            }
        }
        self.pos = i;
        Ok(sub(self.text, start, i))
    }

    /// Reads a whole non-negative number that fits `max` (`1.0` and `1e3`
    /// are refused: counts are written as integers).
    pub fn unsigned(&mut self, max: u64) -> Result<u64, JsonError> {
        if !matches!(self.peek(), Some(b'-' | b'0'..=b'9')) {
            return Err(self.expected("a whole number"));
        }
        let text = self.number_text()?;
        whole_number(text, max).ok_or_else(|| {
            JsonError::new(
                [
                    "expected a whole number from 0 to ",
                    &u64_text(max),
                    ", found ",
                    text,
                ]
                .concat(),
            )
        })
    }

    /// Reads `true` or `false`.
    pub fn boolean(&mut self) -> Result<bool, JsonError> {
        match self.peek() {
            Some(b't') => self.literal("true").map(|_| true),
            Some(b'f') => self.literal("false").map(|_| false),
            _ => Err(self.expected("true or false")),
        }
    }

    /// A tolerant row field: a string, a whole number as its digits (ids are
    /// sometimes numeric), or `null` (absent). Blank strings are absent too.
    pub fn text(&mut self) -> Result<Option<RawStr<'a>>, JsonError> {
        match self.peek() {
            Some(b'"') => {
                self.pos += 1;
                Ok(Some(self.string_rest()?).filter(|s| !s.is_blank()))
            }
            Some(b'n') => self.literal("null").map(|_| None),
            Some(b'-' | b'0'..=b'9') => {
                let digits = self.number_text()?;
                if digits.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
                    Ok(Some(RawStr {
                        raw: digits,
                        escaped: false,
                    }))
                } else {
                    Err(JsonError::new(
                        "expected a string, found a fractional number",
                    ))
                }
            }
            _ => Err(self.expected("a string")),
        }
    }

    /// Skips one value of any kind, checking that it is valid JSON.
    pub fn skip(&mut self) -> Result<(), JsonError> {
        match self.peek() {
            Some(b'{') => self.object(|r, _| r.skip()),
            Some(b'[') => self.array(|r, _| r.skip()),
            Some(b'"') => self.raw_string().map(drop),
            Some(b't') => self.literal("true"),
            Some(b'f') => self.literal("false"),
            Some(b'n') => self.literal("null"),
            Some(b'-' | b'0'..=b'9') => self.number_text().map(drop),
            other => Err(JsonError::new(not_json(other))),
        }
    }

    /// The raw text of the next value (validated), for values kept as JSON.
    pub fn raw_value(&mut self) -> Result<&'a str, JsonError> {
        let start = {
            self.peek();
            self.pos
        };
        self.skip()?;
        Ok(sub(self.text, start, self.pos))
    }
}

/// The bytes of `word` (little-endian) that are `"`, `\\` or below 0x20,
/// as their high bits (the classic SWAR zero-byte test, applied three
/// times). Bits above the lowest may be false alarms; the lowest is exact.
#[inline(always)]
fn special_bytes(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero_in = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    let quote = zero_in(word ^ (ONES * u64::from(b'"')));
    let backslash = zero_in(word ^ (ONES * u64::from(b'\\')));
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
    quote | backslash | control
}

/// The length of the escape whose letter is at `at` (after the backslash),
/// checked; `\\u` escapes must be whole (a lone surrogate is read as U+FFFD).
fn escape_length(bytes: &[u8], at: usize) -> Result<usize, JsonError> {
    match bytes.get(at) {
        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => Ok(1),
        Some(b'u') => unicode_escape(bytes, at + 1).map(|(_, used)| used + 1),
        _ => Err(JsonError::new("not valid JSON: bad escape in a string")),
    }
}

/// The character of a `\\u` escape whose 4 hex digits start at `at`, and
/// how many bytes it took (a surrogate pair takes 10). A surrogate without
/// its other half is U+FFFD, as a UTF-8 decoder gives for a broken
/// character: JSON's grammar allows it and `JSON.parse` reads it, and a
/// provider that cuts an emoji in half in one name must not fail the page.
fn unicode_escape(bytes: &[u8], at: usize) -> Result<(char, usize), JsonError> {
    let bad = || JsonError::new("not valid JSON: bad \\u escape in a string");
    let hex = |from: usize| -> Option<u32> {
        let digits = bytes.get(from..from + 4)?;
        digits
            .iter()
            .try_fold(0u32, |acc, &d| Some(acc * 16 + (d as char).to_digit(16)?))
    };
    let first = hex(at).ok_or_else(bad)?;
    if (0xD800..0xDC00).contains(&first) && bytes.get(at + 4..at + 6) == Some(b"\\u") {
        // The low half, if the next escape is one (else that escape is read
        // on its own, and checked then).
        if let Some(second) = hex(at + 6).filter(|s| (0xDC00..0xE000).contains(s)) {
            let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
            return char::from_u32(code).map(|c| (c, 10)).ok_or_else(bad);
        }
    }
    Ok((
        char::from_u32(first).unwrap_or(char::REPLACEMENT_CHARACTER),
        4,
    ))
}

/// A JSON string's content as it stands in the text: escapes not decoded,
/// already checked by the reader. Written back into JSON as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawStr<'a> {
    raw: &'a str,
    escaped: bool,
}

impl<'a> RawStr<'a> {
    /// The content as JSON string content (escapes kept).
    pub fn json_content(self) -> &'a str {
        self.raw
    }

    /// Whether the content has escapes (then it is not the text itself).
    pub fn is_escaped(self) -> bool {
        self.escaped
    }

    /// The text itself: borrowed when it has no escape.
    pub fn decode(self) -> Cow<'a, str> {
        if !self.escaped {
            return Cow::Borrowed(self.raw);
        }
        let bytes = self.raw.as_bytes();
        let mut out = String::with_capacity(self.raw.len());
        let mut i = 0;
        while i < bytes.len() {
            let run_end = bytes
                .get(i..)
                .unwrap_or_default()
                .iter()
                .position(|&b| b == b'\\')
                .map_or(bytes.len(), |n| i + n);
            out.push_str(sub(self.raw, i, run_end));
            i = run_end;
            if i >= bytes.len() {
                break;
            }
            // Checked by the reader: every escape here is whole and valid.
            let (c, used) = match bytes.get(i + 1) {
                Some(b'b') => ('\u{8}', 1),
                Some(b'f') => ('\u{c}', 1),
                Some(b'n') => ('\n', 1),
                Some(b'r') => ('\r', 1),
                Some(b't') => ('\t', 1),
                Some(b'u') => unicode_escape(bytes, i + 2)
                    .map(|(c, used)| (c, used + 1))
                    .unwrap_or(('\u{fffd}', 5)),
                Some(&other) => (other as char, 1),
                None => break,
            };
            out.push(c);
            i += 1 + used;
        }
        Cow::Owned(out)
    }

    /// Whether it is empty or only white space.
    pub fn is_blank(self) -> bool {
        let bytes = self.raw.as_bytes();
        // The usual case at a glance: a first character that is visible.
        if let Some(&first) = bytes.first() {
            if first > b' ' && first != b'\\' && first < 0x80 {
                return false;
            }
        }
        if self.escaped {
            self.decode().trim().is_empty()
        } else {
            self.raw.trim().is_empty()
        }
    }

    /// The text, owned.
    pub fn into_owned(self) -> String {
        self.decode().into_owned()
    }
}

fn not_json(found: Option<u8>) -> &'static str {
    match found {
        None => "not valid JSON: unexpected end of the text",
        Some(_) => "not valid JSON: unexpected character",
    }
}

/// `text.trim()`, with the usual case at a glance: a text that starts and
/// ends with a visible ASCII character has nothing to trim (every white
/// space `trim` removes is ASCII at or below a space, or starts with a byte
/// from 0x80), so the per-row enum fields skip `trim`'s character decoding.
#[inline]
pub(crate) fn trimmed(text: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b < 0x80);
    if visible(text.as_bytes().first()) && visible(text.as_bytes().last()) {
        text
    } else {
        text.trim()
    }
}

/// `text[from..to]` without a panic path: every cut here is at an ASCII
/// delimiter, so `get` always succeeds, and the wasm is spared the
/// formatting code of a failed string slice.
#[inline(always)]
pub(crate) fn sub(text: &str, from: usize, to: usize) -> &str {
    text.get(from..to).unwrap_or_default()
}

/// A JSON number's text as a whole number up to `max`, or `None`.
pub(crate) fn whole_number(text: &str, max: u64) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Overflow found by comparing with constants: `checked_mul` on a u64
    // is a call to a 128-bit multiply (`__multi3`) on wasm32, per digit.
    const MOST: u64 = u64::MAX / 10;
    text.bytes()
        .try_fold(0u64, |acc, d| {
            let d = u64::from(d - b'0');
            if acc > MOST || (acc == MOST && d > u64::MAX % 10) {
                return None;
            }
            Some(acc * 10 + d)
        })
        .filter(|n| *n <= max)
}

/// Appends the decimal digits of `n` (no `core::fmt` involved).
pub fn push_u64(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in digits.get(i..).unwrap_or_default() {
        out.push(d as char);
    }
}

/// The decimal text of `n`.
pub fn u64_text(n: u64) -> String {
    let mut out = String::with_capacity(20);
    push_u64(&mut out, n);
    out
}

#[cfg(test)]
mod tests;
