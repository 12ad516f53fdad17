//! The search box's index: every number's searchable text, case-folded once,
//! laid end to end in one buffer, so that a keystroke over 100,000 numbers is
//! one pass over contiguous bytes instead of 100,000 separate strings.

use wa_numbers_core::text::fold_case;
use wa_numbers_core::PhoneNumber;

/// Ends each number's text in [`SearchIndex`]. It never occurs in UTF-8, so no
/// needle contains it and no match spans two numbers.
const END: u8 = 0xFF;

/// Separates the fields of one number's text, so that a match never spans two
/// fields (a control character nobody types into a search box).
const FIELD_END: char = '\u{1}';

/// Per number, the text the search box looks in (number, names, id, WABA),
/// case-folded once per number instead of once per number and keystroke.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    /// Every number's text in the list's order, each followed by [`END`].
    text: Vec<u8>,
    /// Where each number's text starts in `text`, one entry per number.
    starts: Vec<usize>,
    /// How often each byte occurs in `text`: a search looks for its needle's
    /// rarest byte, so it stops to compare as seldom as possible.
    frequency: [u32; 256],
    /// The id of the last number indexed: the list grew by appending if the
    /// number at that place still has it.
    last_id: Option<String>,
}

impl Default for SearchIndex {
    fn default() -> Self {
        SearchIndex {
            text: Vec::new(),
            starts: Vec::new(),
            frequency: [0; 256],
            last_id: None,
        }
    }
}

impl SearchIndex {
    /// The index of `numbers`, reusing `previous` when the list only grew at
    /// its end (pages arriving), so a long load does not re-fold every name
    /// on every page.
    pub fn update(previous: Option<SearchIndex>, numbers: &[PhoneNumber]) -> SearchIndex {
        let mut index = match previous {
            // As long as before: a number replaced in place; indexed again.
            Some(p)
                if p.starts.len() < numbers.len()
                    && p.starts
                        .len()
                        .checked_sub(1)
                        .and_then(|last| numbers.get(last))
                        .map(|n| &n.id)
                        == p.last_id.as_ref() =>
            {
                p
            }
            _ => SearchIndex::default(),
        };
        for n in numbers.get(index.starts.len()..).unwrap_or_default() {
            index.push(n);
        }
        index.last_id = numbers.last().map(|n| n.id.clone());
        index
    }

    /// How many numbers are indexed.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether no number is indexed.
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    fn push(&mut self, n: &PhoneNumber) {
        let start = self.text.len();
        self.starts.push(start);
        // The number also as digits, when written with separators: one
        // provider writes "+39 02 0000 0022", another "+390200000022".
        let digits = phone_digits(&n.phone_number).filter(|d| *d != n.phone_number);
        let fields = [
            Some(&n.phone_number),
            digits.as_ref(),
            n.display_name.as_ref(),
            n.verified_name.as_ref(),
            Some(&n.id),
            n.waba_id.as_ref(),
        ];
        let mut buffer = [0u8; 4];
        for field in fields.into_iter().flatten() {
            self.text.extend_from_slice(fold_case(field).as_bytes());
            self.text
                .extend_from_slice(FIELD_END.encode_utf8(&mut buffer).as_bytes());
        }
        self.text.push(END);
        for &byte in self.text.get(start..).unwrap_or_default() {
            let count = &mut self.frequency[usize::from(byte)];
            *count = count.saturating_add(1);
        }
    }

    /// For each number, whether its text contains `needle` (already
    /// case-folded). An empty needle is in every text.
    pub fn contains(&self, needle: &str) -> Vec<bool> {
        let needle = needle.as_bytes();
        // The anchor: the needle's rarest byte, and where it sits in the needle.
        let anchor = needle
            .iter()
            .copied()
            .enumerate()
            .min_by_key(|&(_, byte)| self.frequency[usize::from(byte)]);
        let Some((at, anchor)) = anchor else {
            return vec![true; self.starts.len()];
        };
        let mut found = vec![false; self.starts.len()];
        // The number whose text holds the candidate match: candidates only
        // move forward, so this only moves forward too.
        let mut number = 0usize;
        let mut from = at;
        while let Some(hit) = find_byte(&self.text, from, anchor) {
            let start = hit - at;
            while self
                .starts
                .get(number + 1)
                .is_some_and(|&next| next <= start)
            {
                number += 1;
            }
            if self.text.get(start..start + needle.len()) == Some(needle) {
                if let Some(f) = found.get_mut(number) {
                    *f = true;
                }
                // One match is enough: go on from the next number's text.
                match self.starts.get(number + 1) {
                    Some(&next) => from = next + at,
                    None => break,
                }
            } else {
                from = hit + 1;
            }
        }
        found
    }

    /// Whether the text of number `number` contains `needle` (already
    /// case-folded): [`SearchIndex::contains`] for one number, for narrowing
    /// a few rows found before.
    pub fn contains_at(&self, number: usize, needle: &str) -> bool {
        let needle = needle.as_bytes();
        let (Some(&start), end) = (self.starts.get(number), self.starts.get(number + 1)) else {
            return false;
        };
        let text = self
            .text
            .get(start..end.copied().unwrap_or(self.text.len()))
            .unwrap_or_default();
        let Some(&first) = needle.first() else {
            return true;
        };
        let mut from = 0;
        while let Some(hit) = find_byte(text, from, first) {
            if text.get(hit..hit + needle.len()) == Some(needle) {
                return true;
            }
            from = hit + 1;
        }
        false
    }
}

/// A phone number as its digits, with its leading `+`: "+39 02 0000 0022"
/// gives "+390200000022". `None` when `text` holds anything but digits and
/// the separators people write in numbers (spaces, `-`, `.`, `/`,
/// parentheses), or no digit at all.
pub fn phone_digits(text: &str) -> Option<String> {
    let text = text.trim();
    let mut digits = String::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if at == 0 => digits.push(c),
            ' ' | '-' | '.' | '/' | '(' | ')' => {}
            _ => return None,
        }
    }
    digits.bytes().any(|b| b.is_ascii_digit()).then_some(digits)
}

/// The position of the first `byte` in `haystack` at or after `from`, eight
/// bytes at a time (a word-wide test for a zero byte after XOR with the
/// byte repeated): a keystroke scans megabytes.
fn find_byte(haystack: &[u8], from: usize, byte: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let repeated = ONES * u64::from(byte);
    let rest = haystack.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    let mut offset = from;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or_default());
        let zeroed = word ^ repeated;
        // The lowest set bit marks the first zero byte (borrows only reach
        // bytes above it), that is the first `byte`.
        let zero_bytes = zeroed.wrapping_sub(ONES) & !zeroed & HIGHS;
        if zero_bytes != 0 {
            return Some(offset + (zero_bytes.trailing_zeros() / 8) as usize);
        }
        offset += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| b == byte)
        .map(|i| offset + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wa_numbers_core::demo::generated_numbers;

    /// The search as it was before this index: each number's case-folded
    /// fields, each followed by the separator, searched as one string.
    fn naive(n: &PhoneNumber, needle: &str) -> bool {
        let digits = phone_digits(&n.phone_number).filter(|d| *d != n.phone_number);
        let fields = [
            Some(&n.phone_number),
            digits.as_ref(),
            n.display_name.as_ref(),
            n.verified_name.as_ref(),
            Some(&n.id),
            n.waba_id.as_ref(),
        ];
        let text: String = fields
            .into_iter()
            .flatten()
            .map(|f| [fold_case(f).as_ref(), "\u{1}"].concat())
            .collect();
        text.contains(needle)
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn finds_what_a_plain_substring_search_finds() {
        let mut numbers = generated_numbers(2_000, 7);
        if let Some(n) = numbers.get_mut(3) {
            n.display_name = Some("ÀÉÎ Ünïcode Straße".to_owned());
        }
        let index = SearchIndex::update(None, &numbers);
        for needle in [
            "",
            "s",
            "shop",
            "+39 02 0000 1",
            "gen-7-00199",
            "waba-7-00",
            "s.r.l.",
            "zzz",
            "àéî",
            "straße",
            "0",
            "9 f",
            "1\u{1}",
            "\u{1}",
        ] {
            let found = index.contains(needle);
            assert_eq!(found.len(), numbers.len());
            let wrong = numbers
                .iter()
                .zip(&found)
                .position(|(n, &f)| f != naive(n, needle));
            assert_eq!(wrong, None, "needle {needle:?}");
        }
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn grows_with_the_list_and_restarts_when_it_changes() {
        let numbers = generated_numbers(300, 1);
        let first = SearchIndex::update(None, numbers.get(..100).unwrap_or_default());
        let grown = SearchIndex::update(Some(first), &numbers);
        let fresh = SearchIndex::update(None, &numbers);
        assert_eq!(grown.text, fresh.text);
        assert_eq!(grown.starts, fresh.starts);
        let other = generated_numbers(50, 2);
        let replaced = SearchIndex::update(Some(grown), &other);
        assert_eq!(replaced.len(), 50);
        assert_eq!(replaced.text, SearchIndex::update(None, &other).text);
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn finds_a_byte_anywhere_in_a_word() {
        let text: Vec<u8> = (0u8..40).collect();
        for from in 0..40 {
            for byte in 0u8..42 {
                let expected = (byte >= from && byte < 40).then_some(usize::from(byte));
                assert_eq!(find_byte(&text, usize::from(from), byte), expected);
            }
        }
        assert_eq!(find_byte(&text, 41, 0), None);
    }
}
