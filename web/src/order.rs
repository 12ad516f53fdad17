//! The table's sort order of two numbers, and the integer keys that let a
//! sort of 100,000 rows compare integers instead of the numbers' strings.

use std::borrow::Cow;
use std::cmp::Ordering;

use crate::route::SortKey;
use crate::state::sort_indexes;
use wa_numbers_core::text::fold_case;
use wa_numbers_core::PhoneNumber;

/// Capacity for sorting: unlimited above every number, unknown below.
pub fn capacity(n: &PhoneNumber) -> u64 {
    if n.messaging_limit.unlimited {
        u64::MAX
    } else {
        n.messaging_limit.daily_limit.unwrap_or(0)
    }
}

/// The name a number is sorted by.
fn sort_name(n: &PhoneNumber) -> &str {
    n.display_name
        .as_deref()
        .or(n.verified_name.as_deref())
        .unwrap_or_default()
}

/// The table's order of two numbers under `key` (ascending), the id last so
/// that no two numbers are equal.
pub fn compare(a: &PhoneNumber, b: &PhoneNumber, key: SortKey) -> Ordering {
    match key {
        SortKey::Number => a.phone_number.cmp(&b.phone_number),
        SortKey::Name => fold_case(sort_name(a)).cmp(&fold_case(sort_name(b))),
        SortKey::Waba => a.waba_id.cmp(&b.waba_id),
        SortKey::Status => a.status.cmp(&b.status),
        SortKey::Quality => b.quality_rating.rank().cmp(&a.quality_rating.rank()),
        SortKey::Limit => capacity(a).cmp(&capacity(b)),
        SortKey::Throughput => a.throughput.cmp(&b.throughput),
        SortKey::Updated => a.updated_at.cmp(&b.updated_at),
    }
    .then_with(|| a.id.cmp(&b.id))
}

/// The first 16 bytes of `text`, big-endian and padded with zeros: two
/// prefixes compare as their texts do wherever they differ.
fn text_prefix(text: &str) -> u128 {
    let mut bytes = [0u8; 16];
    for (slot, byte) in bytes.iter_mut().zip(text.as_bytes()) {
        *slot = *byte;
    }
    u128::from_be_bytes(bytes)
}

/// An optional text, borrowed.
fn borrowed(text: &Option<String>) -> Option<Cow<'_, str>> {
    text.as_deref().map(Cow::Borrowed)
}

/// Each text's place among the distinct texts, from 1 (none is 0): equal
/// texts, equal ranks; the order of the ranks is the order of the texts.
fn text_ranks(texts: &[Option<Cow<'_, str>>]) -> Vec<u32> {
    // One sort of every row (no map: few distinct texts make a quick sort).
    let mut order: Vec<usize> = (0..texts.len()).collect();
    sort_indexes(&mut order, &|a, b| texts.get(a).cmp(&texts.get(b)));
    let mut ranks = vec![0; texts.len()];
    let (mut place, mut last) = (0, None);
    for i in order {
        let text = texts.get(i).and_then(|t| t.as_deref());
        if text.is_some() && text != last {
            place += 1;
            last = text;
        }
        if let Some(rank) = ranks.get_mut(i) {
            *rank = if text.is_some() { place } else { 0 };
        }
    }
    ranks
}

/// Each number's place under `key` as far as 128 bits tell, computed once
/// per sort: where two keys differ they order the numbers as [`compare`]
/// does, and only where they are equal does `compare` decide. A sort then
/// compares two integers side by side instead of two numbers' strings
/// somewhere in memory (by name, two case-folded copies made for every
/// comparison). By number, the number's first 16 bytes; by a column with few
/// distinct values (a name, a status), the value's rank in the top 32 bits
/// and the id's first 12 bytes below it, so that ties are rare too.
pub fn sort_prefixes(numbers: &[PhoneNumber], key: SortKey) -> Vec<u128> {
    // `head` must order as the column does, and equal heads mean equal values.
    let with_id =
        |head: u32, n: &PhoneNumber| (u128::from(head) << 96) | (text_prefix(&n.id) >> 32);
    let ranked = |text: &dyn Fn(&PhoneNumber) -> Option<Cow<'_, str>>| -> Vec<u128> {
        let texts: Vec<Option<Cow<'_, str>>> = numbers.iter().map(text).collect();
        text_ranks(&texts)
            .into_iter()
            .zip(numbers)
            .map(|(rank, n)| with_id(rank, n))
            .collect()
    };
    match key {
        SortKey::Number => numbers
            .iter()
            .map(|n| text_prefix(&n.phone_number))
            .collect(),
        SortKey::Name => ranked(&|n| Some(fold_case(sort_name(n)))),
        SortKey::Waba => ranked(&|n| borrowed(&n.waba_id)),
        SortKey::Throughput => ranked(&|n| borrowed(&n.throughput)),
        SortKey::Updated => ranked(&|n| borrowed(&n.updated_at)),
        SortKey::Status => numbers
            .iter()
            .map(|n| with_id(n.status as u32, n))
            .collect(),
        SortKey::Quality => numbers
            .iter()
            .map(|n| with_id(u32::from(u8::MAX - n.quality_rating.rank()), n))
            .collect(),
        SortKey::Limit => numbers
            .iter()
            .map(|n| match u32::try_from(capacity(n)) {
                Ok(limit) if limit < u32::MAX => with_id(limit, n),
                // Too large for the head: every such number ties, left to compare.
                _ => u128::from(u32::MAX) << 96,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::sorted_order;
    use wa_numbers_core::demo::generated_numbers;

    /// Texts that tie on their first 12 or 16 bytes, end in a zero byte,
    /// differ only by case or only past the prefix, or are not ASCII.
    const TEXTS: [&str; 14] = [
        "",
        "\0",
        "a",
        "a\0",
        "ab",
        "+39 333 000 0000",
        "+39 333 000 0000 1",
        "+39 333 000 0000 2",
        "+39 333 000 000\u{ff}",
        "ÉCOLE de Zürich",
        "école de zürich",
        "Store number seventeen",
        "Store number sixteen",
        "\u{10FFFF}<script>",
    ];

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn a_sort_key_never_orders_two_numbers_against_the_comparison() {
        let mut numbers = generated_numbers(70, 3);
        let limits = [
            0,
            1_000,
            u64::from(u32::MAX) - 1,
            u64::from(u32::MAX),
            5_000_000_000,
        ];
        for (i, n) in numbers.iter_mut().enumerate() {
            let text = TEXTS[i % TEXTS.len()].to_owned();
            let other = TEXTS[(i / 3) % TEXTS.len()].to_owned();
            // Half the ids alike in their first 12 bytes, all distinct.
            let alike = if i % 2 == 0 { "same twelve " } else { "" };
            n.id = [alike, &other, &i.to_string()].concat();
            n.phone_number = text.clone();
            n.display_name = (i % 3 != 0).then(|| text.clone());
            n.verified_name = Some(other.clone());
            n.waba_id = (i % 4 != 0).then(|| other.clone());
            n.throughput = (i % 5 != 0).then(|| text.clone());
            n.updated_at = (i % 2 != 0).then(|| other.clone());
            n.messaging_limit.unlimited = i % 7 == 0;
            n.messaging_limit.daily_limit = Some(limits[i % limits.len()]);
        }
        let mut decided = 0;
        for key in SortKey::ALL {
            let keys = sort_prefixes(&numbers, key);
            for (a, ka) in numbers.iter().zip(&keys) {
                for (b, kb) in numbers.iter().zip(&keys) {
                    if ka != kb {
                        decided += 1;
                        assert_eq!(ka.cmp(kb), compare(a, b, key), "{key:?} {a:?} {b:?}");
                    }
                }
            }
            let order = sorted_order(&numbers, key, false);
            assert!(order
                .windows(2)
                .all(|w| compare(&numbers[w[0]], &numbers[w[1]], key) == Ordering::Less));
        }
        // The keys decided most pairs.
        assert!(decided > 70 * 70 * 5, "{decided}");
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn ranks_order_the_texts_and_tie_only_equal_ones() {
        let texts: Vec<Option<Cow<'_, str>>> = ["b", "a", "b", "", "c"]
            .into_iter()
            .map(|t| Some(Cow::Borrowed(t)))
            .chain([None])
            .collect();
        assert_eq!(text_ranks(&texts), [3, 2, 3, 1, 4, 0]);
    }
}
