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

#[cfg(test)]
mod tests {
    use super::*;

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
