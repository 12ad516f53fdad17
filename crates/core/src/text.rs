//! Small text helpers the wasm needs, written for size: `str::replace` and
//! `str::find` with a `&str` pattern bring in the two-way searcher (≈3 KB of
//! wasm) for needles that are a few bytes long here.

/// The byte offset of the first `needle` in `haystack`.
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window == needle.as_bytes())
}

/// The first `max` characters of `text` (all of it when shorter), to quote
/// an input in an error message without quoting all of it. A slice of
/// `text`: `chars().take(max).collect::<String>()` brought `String`'s
/// `Extend<char>` into the wasm (0.5 KB) for this alone.
pub fn first_chars(text: &str, max: usize) -> &str {
    let end = text
        .char_indices()
        .nth(max)
        .map_or(text.len(), |(at, _)| at);
    // `end` is a char boundary (or the length): `get` never fails here.
    text.get(..end).unwrap_or(text)
}

/// `haystack` with every `needle` replaced by `with` (`needle` not empty).
pub fn replace_all(haystack: &str, needle: &str, with: &str) -> String {
    let mut out = String::with_capacity(haystack.len());
    let mut rest = haystack;
    while let Some(at) = (!needle.is_empty()).then(|| find(rest, needle)).flatten() {
        // `at` and `at + needle.len()` are char boundaries: `needle` is a whole str.
        out.push_str(rest.get(..at).unwrap_or_default());
        out.push_str(with);
        rest = rest.get(at + needle.len()..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// `text` folded to lower case for searching and sorting: ASCII, Latin-1,
/// Latin Extended-A, Greek and Cyrillic capitals (the scripts of these
/// providers' customers; Chinese has no case). `str::to_lowercase` would
/// bring the whole Unicode case table into the dashboard's wasm (≈15 KB).
pub fn fold_case(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| fold_char(c) != c) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.chars().map(fold_char).collect())
}

fn fold_char(c: char) -> char {
    let code = u32::from(c);
    let folded = match code {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => code + 0x20,
        // Latin Extended-A: capitals at even (or, past 0x138, odd) codes.
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 if code % 2 == 0 => code + 1,
        0x139..=0x148 | 0x179..=0x17E if code % 2 == 1 => code + 1,
        0x178 => 0xFF,
        0x391..=0x3A1 | 0x3A3..=0x3AB => code + 0x20,
        0x400..=0x40F => code + 0x50,
        0x410..=0x42F => code + 0x20,
        _ => code,
    };
    char::from_u32(folded).unwrap_or(c)
}

/// `1234567` as `1,234,567`: figures people read (no formatting machinery).
/// Bytes, not chars: the digits are ASCII, and decoding and encoding them
/// as chars was half of this function's wasm.
pub fn thousands(n: u64) -> String {
    let digits = crate::json::u64_text(n).into_bytes();
    let mut out = Vec::with_capacity(digits.len() + digits.len() / 3);
    for (i, &digit) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(b',');
        }
        out.push(digit);
    }
    // ASCII digits and commas: always UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_chars_cuts_at_a_character_not_a_byte() {
        assert_eq!(first_chars("", 3), "");
        assert_eq!(first_chars("abc", 3), "abc");
        assert_eq!(first_chars("abcd", 3), "abc");
        assert_eq!(first_chars("zoë€x", 4), "zoë€");
        for text in ["", "a", "zoë€x", "日本語のテキスト"] {
            for max in 0..10 {
                let expected: String = text.chars().take(max).collect();
                assert_eq!(first_chars(text, max), expected);
            }
        }
    }

    #[test]
    fn case_folding_matches_unicode_for_the_scripts_it_covers() {
        for text in [
            "ShopItalia S.R.L.",
            "ÀÉÌÒÙ ÇÑ",
            "ŁÓDŹ ŻÓŁW",
            "ΑΘΗΝΑ",
            "МОСКВА Ёж",
            "深圳 AntGst",
            "Ÿ",
        ] {
            assert_eq!(fold_case(text), text.to_lowercase(), "{text}");
        }
        assert!(matches!(
            fold_case("already lower"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn thousands_are_grouped() {
        for (n, text) in [
            (0, "0"),
            (7, "7"),
            (999, "999"),
            (1_000, "1,000"),
            (123_456, "123,456"),
            (1_234_567, "1,234,567"),
            (u64::MAX, "18,446,744,073,709,551,615"),
        ] {
            assert_eq!(thousands(n), text);
        }
    }

    #[test]
    fn find_and_replace() {
        assert_eq!(find("application/json", "json"), Some(12));
        assert_eq!(find("text/html", "json"), None);
        assert_eq!(find("ab", "abc"), None);
        assert_eq!(replace_all("k1 and k1k1", "k1", "[x]"), "[x] and [x][x]");
        assert_eq!(replace_all("é-key-é", "key", "*"), "é-*-é");
        assert_eq!(replace_all("abc", "", "*"), "abc");
    }
}
