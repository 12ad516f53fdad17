//! Where inputs come from: the fixtures and the writers' bodies as seeds, and
//! structure-aware mutations of them.

use std::borrow::Cow;
use wa_numbers_core::demo;
use wa_numbers_core::provider::{antgst, lora, meta};

/// xorshift64*: fast, deterministic for a given `--seed`.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A value in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn word(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }
}

/// Strings a provider (or an attacker behind one) might put in a field.
pub const HOSTILE: &[&str] = &[
    "",
    " ",
    "\\u0000",
    "\\ud800",
    "\\udfff\\ud800",
    "\\\"",
    "<script>alert(1)</script>",
    "=HYPERLINK(\\\"http://x\\\")",
    "+39 02 1234",
    "\u{202e}evil",
    "零一二三四五六七八九",
    "🦀🦀🦀",
    "TIER_99999999999999999999M",
    "TIER_",
    "TIER_-1K",
    "tier_10k",
    "UNLIMITED",
    "NA",
    "green",
    "PENDING",
    "BLOCKED",
];

/// JSON fragments spliced in to break or bend structure.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ",",
    ":",
    "null",
    "true",
    "false",
    "-0",
    "1e999",
    "-1",
    "99999999999999999999",
    "0.5",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "[]",
    "{}",
    "\\",
    "\"data\":",
    "\"phoneNumbers\":",
    "\"paging\":",
    "\"error\":",
    "\"total\":",
    "\"id\":",
    "\"phoneNumberId\":",
    "\"status\":",
    "\"health_status\":",
];

/// Inputs that once failed an invariant: replayed first on every run, then
/// mutated like the rest. (`\b` in a name: the JSON fast path keeps the
/// provider's escape, the model path writes `\u0008`; the same value.)
pub const REGRESSIONS: &[&str] = &[
    include_str!("../regressions/escaped-control-antgst.json"),
    include_str!("../regressions/escaped-control-lora.json"),
];

/// The seed inputs: every fixture, and what the sandbox's writers produce.
pub fn corpus() -> Vec<String> {
    let mut corpus: Vec<String> = [
        include_str!("../../../tests/fixtures/antgst/list.json"),
        include_str!("../../../tests/fixtures/lora/list.json"),
        include_str!("../../../tests/fixtures/lora/detail.json"),
        include_str!("../../../tests/fixtures/lora/error_401.json"),
        include_str!("../../../tests/fixtures/lora/error_403.json"),
        include_str!("../../../tests/fixtures/lora/error_404.json"),
        include_str!("../../../tests/fixtures/meta/list.json"),
    ]
    .iter()
    .chain(REGRESSIONS)
    .map(|s| (*s).to_owned())
    .collect();
    let numbers = demo::account(40, 11);
    let rows = || numbers.iter().map(Cow::Borrowed);
    corpus.push(antgst::write_list(rows(), 44, 1, 100));
    corpus.push(lora::write_list(rows(), 0));
    corpus.push(lora::write_detail(&numbers[0]));
    corpus.push(meta::write_list(
        rows(),
        None,
        "o0",
        Some("o40"),
        Some("https://x/next"),
    ));
    let mut w = wa_numbers_core::json::Writer::default();
    meta::write_number(&numbers[1], None, &mut w);
    corpus.push(w.finish());
    corpus.push(antgst::error_body(429, "Too many requests"));
    corpus.push(lora::rate_limited_body(30));
    corpus.push(meta::error_body(
        80008,
        None,
        "(#80008) too many calls",
        false,
    ));
    corpus.push(meta::error_body(100, Some(33), "no such object", false));
    // Headers and arguments.
    for s in [
        "120",
        "Wed, 21 Oct 2015 07:28:00 GMT",
        r#"{"1":[{"type":"whatsapp_business_management","call_count":100,"estimated_time_to_regain_access":3}]}"#,
        r#"{"pageNo":2,"pageSize":100,"wabaId":"w","qualityRating":"GREEN","after":"o5"}"#,
        r#"{"recipients":5000,"minQuality":"YELLOW","limitScope":"waba"}"#,
    ] {
        corpus.push(s.to_owned());
    }
    corpus
}

/// One input: a seed, mutated a few times.
pub fn next(rng: &mut Rng, corpus: &[String]) -> String {
    let mut text = rng.pick(corpus).clone();
    for _ in 0..1 + rng.below(4) {
        text = mutate(rng, &text, corpus);
    }
    text
}

/// A char boundary at or before `at`.
fn boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn mutate(rng: &mut Rng, text: &str, corpus: &[String]) -> String {
    let len = text.len();
    let at = boundary(text, rng.below(len + 1));
    let end = boundary(text, at + rng.below(32.min(len - at) + 1));
    match rng.below(9) {
        // A token where one was.
        0 => [&text[..at], rng.word(TOKENS), &text[end..]].concat(),
        // A token inserted.
        1 => [&text[..at], rng.word(TOKENS), &text[at..]].concat(),
        // A span deleted.
        2 => [&text[..at], &text[end..]].concat(),
        // Truncated (a dropped connection).
        3 => text[..at].to_owned(),
        // The next string's contents replaced by a hostile one.
        4 => match text[at..].find('"').map(|q| at + q + 1) {
            Some(open) => match text[open..].find('"').map(|q| open + q) {
                Some(close) => [&text[..open], rng.word(HOSTILE), &text[close..]].concat(),
                None => text.to_owned(),
            },
            None => text.to_owned(),
        },
        // Spliced with another input.
        5 => {
            let other = rng.pick(corpus);
            let from = boundary(other, rng.below(other.len() + 1));
            [&text[..at], &other[from..]].concat()
        }
        // A span repeated (duplicate keys, rows, long arrays).
        6 => [&text[..end], &text[at..end], &text[at..]].concat(),
        // Deep nesting.
        7 => {
            let depth = 1 + rng.below(300);
            [
                &text[..at],
                &"[".repeat(depth),
                &"]".repeat(depth),
                &text[at..],
            ]
            .concat()
        }
        // A number where a string was, or the reverse.
        _ => match text[at..].find(':').map(|c| at + c + 1) {
            Some(colon) => [
                &text[..colon],
                rng.word(&["0", "\"1\"", "[1]", "{}", "null", "1.5"]),
                {
                    let rest = &text[colon..];
                    let cut = rest.find([',', '}']).unwrap_or(rest.len());
                    &rest[cut..]
                },
            ]
            .concat(),
            None => text.to_owned(),
        },
    }
}
