//! The table's rows: filter, sort and summarize, on plain data (no DOM).

use std::cmp::Ordering;
use std::sync::Arc;
use wa_numbers_core::text::fold_case;

use crate::order::{compare, sort_prefixes};

pub use crate::facts::RowFacts;
use crate::facts::{quality_code, status_code, NOT_SENDING, UNLIMITED};
use crate::route::{SortKey, ViewState};
pub use crate::search::SearchIndex;
use wa_numbers_core::{LimitScope, PhoneNumber, QualityRating, Status};

/// What the filter bar asks of a number: the part of the view that decides
/// which rows show. A memo of its own, so a change elsewhere in the view (a
/// selection, the campaign, a trailing space) filters nothing again.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RowFilter {
    pub status: Option<Status>,
    pub quality: Option<QualityRating>,
    pub waba: Option<String>,
    /// The search text, trimmed and case-folded.
    pub needle: String,
    /// The search text as a phone number's digits, when it is one written
    /// with separators ("+39 02 0000"): a number matches either.
    pub phone: Option<String>,
}

impl RowFilter {
    /// The filter `view` describes.
    pub fn of(view: &ViewState) -> RowFilter {
        RowFilter {
            status: view.status,
            quality: view.quality,
            waba: view.waba.clone(),
            needle: fold_case(view.text.trim()).into_owned(),
            phone: crate::search::phone_digits(&view.text).filter(|p| *p != view.text.trim()),
        }
    }

    /// Whether number `i` of `index` holds the search text (as typed, or as
    /// a phone number's digits).
    pub fn finds(&self, index: &SearchIndex, i: usize) -> bool {
        index.contains_at(i, &self.needle)
            || self.phone.as_ref().is_some_and(|p| index.contains_at(i, p))
    }

    /// Which rows pass the status, quality and WABA filters, read from
    /// `facts` (the text is [`SearchIndex`]'s part): `None` when every row does.
    fn admitted<'a>(&self, facts: &'a RowFacts) -> Option<impl Fn(usize) -> bool + 'a> {
        if self.status.is_none() && self.quality.is_none() && self.waba.is_none() {
            return None;
        }
        let status = self.status.map(status_code);
        let quality = self.quality.map(quality_code);
        // A WABA no number has admits nothing.
        let waba = self.waba.as_ref().map(|w| facts.waba_ordinal(w));
        let facts_status = facts.status.as_slice();
        let facts_quality = facts.quality.as_slice();
        let facts_waba = facts.waba.as_slice();
        Some(move |i: usize| {
            status.is_none_or(|s| facts_status.get(i) == Some(&s))
                && quality.is_none_or(|q| facts_quality.get(i) == Some(&q))
                && waba.is_none_or(|w| w.is_some() && facts_waba.get(i) == w.as_ref())
        })
    }
}

/// Every index of `numbers`, sorted by `key`. Computed once per sort, not per
/// keystroke: filtering keeps this order.
pub fn sorted_order(numbers: &[PhoneNumber], key: SortKey, descending: bool) -> Vec<usize> {
    extend_order(&[], numbers, key, descending)
}

/// The table's order and the sort it was made for.
#[derive(Debug, Clone, PartialEq)]
pub struct SortedOrder {
    pub key: SortKey,
    pub descending: bool,
    /// Indexes of the numbers, in table order.
    pub rows: Arc<Vec<usize>>,
}

/// Sorts `indexes` by `cmp`. Every sort of the dashboard goes through this
/// one, its comparison behind a reference: each `sort_by` with a closure of
/// its own is another copy of the sort in the wasm (3–4 KB each).
pub fn sort_indexes(indexes: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    indexes.sort_unstable_by(|a, b| cmp(*a, *b));
}

/// `items` in the order `cmp` gives them (unstable), through [`sort_indexes`].
pub fn sorted<T>(items: Vec<T>, cmp: &dyn Fn(&T, &T) -> Ordering) -> Vec<T> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_indexes(&mut order, &|a, b| match (items.get(a), items.get(b)) {
        (Some(x), Some(y)) => cmp(x, y),
        _ => a.cmp(&b),
    });
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect()
}

/// [`sorted_order`] of `numbers`, given `previous`: the sorted order of the
/// list before rows were appended to it. While a long list loads, the table
/// takes the new rows about once a second; re-sorting 100,000 rows each time
/// cost about 50 ms, sorting only the new ones and merging them in a few.
/// `previous` is trusted only after checking it is still in order over the
/// current rows (a row edited in place may have moved): if not, everything is
/// sorted again.
pub fn extend_order(
    previous: &[usize],
    numbers: &[PhoneNumber],
    key: SortKey,
    descending: bool,
) -> Vec<usize> {
    let prefixes = sort_prefixes(numbers, key);
    let cmp = |&a: &usize, &b: &usize| {
        let ordering = match (prefixes.get(a), prefixes.get(b)) {
            (Some(pa), Some(pb)) if pa != pb => pa.cmp(pb),
            _ => match (numbers.get(a), numbers.get(b)) {
                (Some(x), Some(y)) => compare(x, y, key),
                _ => return a.cmp(&b),
            },
        };
        if descending {
            ordering.reverse()
        } else {
            ordering
        }
    };
    let reusable = previous.len() <= numbers.len()
        && previous.iter().all(|&i| i < previous.len())
        && previous
            .windows(2)
            .all(|w| cmp(&w[0], &w[1]) != Ordering::Greater);
    let from = if reusable { previous.len() } else { 0 };
    let mut added: Vec<usize> = (from..numbers.len()).collect();
    sort_indexes(&mut added, &|a, b| cmp(&a, &b));
    if from == 0 {
        return added;
    }
    let mut order = Vec::with_capacity(numbers.len());
    let (mut old, mut new) = (previous.iter().peekable(), added.iter().peekable());
    while let (Some(a), Some(b)) = (old.peek(), new.peek()) {
        if cmp(a, b) == Ordering::Greater {
            order.extend(new.next());
        } else {
            order.extend(old.next());
        }
    }
    order.extend(old);
    order.extend(new);
    order
}

/// The indexes of `order` whose numbers pass `filter` (`index` and `facts`:
/// the [`SearchIndex`] and [`RowFacts`] of the same numbers). The text is
/// searched once over the whole index, then `order` is walked once: the
/// result keeps its order.
pub fn filter_rows(
    facts: &RowFacts,
    index: &SearchIndex,
    order: &[usize],
    filter: &RowFilter,
) -> Vec<usize> {
    let mut found = index.contains(&filter.needle);
    if let Some(phone) = &filter.phone {
        for (f, also) in found.iter_mut().zip(index.contains(phone)) {
            *f |= also;
        }
    }
    let text = |i: usize| found.get(i).copied().unwrap_or(false);
    match filter.admitted(facts) {
        None => order.iter().copied().filter(|&i| text(i)).collect(),
        Some(admits) => order
            .iter()
            .copied()
            .filter(|&i| text(i) && admits(i))
            .collect(),
    }
}

/// Counts for the summary and its charts.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Summary {
    pub by_status: Vec<(Status, usize)>,
    pub by_quality: Vec<(QualityRating, usize)>,
    /// Daily capacity per WABA of the numbers that can send now, unlimited
    /// numbers counted apart, greatest known capacity first. Known limits
    /// are summed when each number has its own limit; when the campaign
    /// counts the limit per WABA, the WABA's numbers share one, the
    /// highest of theirs (as the plan draws on it).
    pub capacity_by_waba: Vec<(String, u64, usize)>,
}

/// A WABA's capacity in [`Summary::capacity_by_waba`] when its numbers
/// share one limit and one of them has none: the WABA has none (first in
/// the order).
pub const SHARED_UNLIMITED: u64 = u64::MAX;

/// Summarizes `rows` of the numbers `facts` describes, capacity counted
/// per `scope`.
pub fn summarize(facts: &RowFacts, rows: &[usize], scope: LimitScope) -> Summary {
    let mut status = [0usize; 5];
    let mut quality = [0usize; 4];
    // Per WABA: known limits summed, the highest known limit, unlimited
    // numbers, whether any number sends.
    let mut wabas = vec![(0u64, 0u64, 0usize, false); facts.wabas.len()];
    for &i in rows {
        let fact = |v: &[u8]| v.get(i).map(|&x| usize::from(x));
        if let Some(count) = fact(&facts.status).and_then(|s| status.get_mut(s)) {
            *count += 1;
        }
        if let Some(count) = fact(&facts.quality).and_then(|q| quality.get_mut(q)) {
            *count += 1;
        }
        // Banned, onboarding and limit-reached numbers add no capacity today.
        let capacity = facts.capacity.get(i).copied().unwrap_or(NOT_SENDING);
        let waba = facts.waba.get(i).and_then(|&w| wabas.get_mut(w as usize));
        if let (Some(entry), false) = (waba, capacity == NOT_SENDING) {
            entry.3 = true;
            if capacity == UNLIMITED {
                entry.2 += 1;
            } else {
                entry.0 = entry.0.saturating_add(capacity);
                entry.1 = entry.1.max(capacity);
            }
        }
    }
    let capacity_by_waba: Vec<(String, u64, usize)> = wabas
        .into_iter()
        .zip(&facts.wabas)
        .filter(|((_, _, _, sends), _)| *sends)
        .map(|((sum, highest, unlimited, _), w)| {
            // Numbers without a WABA are each a pool of their own under
            // either scope (as the plan counts them): theirs stay summed.
            let capacity = match (scope == LimitScope::Waba && !w.is_empty(), unlimited) {
                (true, 0) => highest,
                (true, _) => SHARED_UNLIMITED,
                (false, _) => sum,
            };
            (w.clone(), capacity, unlimited)
        })
        .collect();
    // WABA ids are distinct: the order is total, so an unstable sort gives it.
    let capacity_by_waba = sorted(capacity_by_waba, &|a, b| {
        b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0))
    });
    Summary {
        by_status: Status::ALL.into_iter().zip(status).collect(),
        by_quality: QualityRating::ALL.into_iter().zip(quality).collect(),
        capacity_by_waba,
    }
}

/// A daily limit for people, in the current language: `10,000`, `unlimited`,
/// `unknown`.
pub fn limit_text(n: &PhoneNumber) -> String {
    let t = crate::i18n::t();
    match (n.messaging_limit.unlimited, n.messaging_limit.daily_limit) {
        (true, _) => t.unlimited.to_owned(),
        (false, Some(limit)) => crate::i18n::num(limit),
        (false, None) => t.unknown.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wa_numbers_core::demo::generated_numbers;

    /// A number is found whether the search groups its digits as the
    /// provider wrote them or not; a search that is not a number (an id
    /// with dashes) is searched as typed.
    #[wasm_bindgen_test::wasm_bindgen_test]
    fn a_number_is_found_however_its_digits_are_grouped() {
        let mut numbers = generated_numbers(60, 3);
        numbers[1].phone_number = "+39 02 0000 0022".to_owned();
        numbers[2].phone_number = "+390212345678".to_owned();
        numbers[3].waba_id = Some("waba-1-007".to_owned());
        let facts = RowFacts::update(None, &numbers);
        let index = SearchIndex::update(None, &numbers);
        let order: Vec<usize> = (0..numbers.len()).collect();
        let found = |text: &str| {
            let view = ViewState {
                text: text.to_owned(),
                ..ViewState::default()
            };
            let filter = RowFilter::of(&view);
            let rows = filter_rows(&facts, &index, &order, &filter);
            let one_by_one: Vec<usize> = order
                .iter()
                .copied()
                .filter(|&i| filter.finds(&index, i))
                .collect();
            assert_eq!(rows, one_by_one, "{text:?}");
            rows
        };
        for text in [
            "+390200000022",
            "390200000022",
            "+39 02 0000 0022",
            "02-0000-0022",
            "(02) 0000 0022",
        ] {
            assert!(found(text).contains(&1), "{text:?}");
        }
        for text in ["+39 02 1234 5678", "02 12345678", "+390212345678"] {
            assert!(found(text).contains(&2), "{text:?}");
        }
        // Typed as written, dashes and all, not as the digits 1007.
        assert!(found("1-007").contains(&3));
        // A plus inside is not a number's: searched as typed only.
        assert_eq!(
            RowFilter::of(&ViewState {
                text: "39+02".into(),
                ..ViewState::default()
            })
            .phone,
            None
        );
        assert!(found("+39 02 0000 0023").iter().all(|&i| i != 1));
    }

    /// The summary as it was before [`RowFacts`]: read from the numbers.
    /// Under [`LimitScope::Waba`] a WABA's numbers share the highest of
    /// their limits; numbers without a WABA stay summed.
    fn summarize_numbers(numbers: &[PhoneNumber], rows: &[usize], scope: LimitScope) -> Summary {
        let mut status = [0usize; 5];
        let mut quality = [0usize; 4];
        let mut wabas: std::collections::HashMap<&str, (u64, usize)> = Default::default();
        for &i in rows {
            let n = &numbers[i];
            status[Status::ALL.iter().position(|s| *s == n.status).unwrap_or(4)] += 1;
            quality[QualityRating::ALL
                .iter()
                .position(|q| *q == n.quality_rating)
                .unwrap_or(3)] += 1;
            if !n.status.can_send() {
                continue;
            }
            let waba = n.waba_id.as_deref().unwrap_or("");
            let entry = wabas.entry(waba).or_default();
            let limit = n.messaging_limit.daily_limit.unwrap_or(0);
            if n.messaging_limit.unlimited {
                entry.1 += 1;
            } else if scope == LimitScope::Waba && !waba.is_empty() {
                entry.0 = entry.0.max(limit);
            } else {
                entry.0 = entry.0.saturating_add(limit);
            }
        }
        let mut capacity_by_waba: Vec<(String, u64, usize)> = wabas
            .into_iter()
            .map(|(w, (c, u))| {
                let shared = scope == LimitScope::Waba && !w.is_empty();
                (w.to_owned(), if shared && u > 0 { u64::MAX } else { c }, u)
            })
            .collect();
        capacity_by_waba.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
        Summary {
            by_status: Status::ALL.into_iter().zip(status).collect(),
            by_quality: QualityRating::ALL.into_iter().zip(quality).collect(),
            capacity_by_waba,
        }
    }

    /// A number replaced in place (its onboarding ended) is counted and
    /// found with what it is now, not what it was when its page arrived.
    #[wasm_bindgen_test::wasm_bindgen_test]
    fn a_number_replaced_in_place_is_counted_as_it_is_now() {
        let mut numbers = generated_numbers(500, 5);
        let at = numbers
            .iter()
            .position(|n| n.status == Status::Onboarding)
            .expect("the generated mix has onboarding numbers");
        let facts = RowFacts::update(None, &numbers);
        let index = SearchIndex::update(None, &numbers);
        numbers[at].status = Status::Connected;
        numbers[at].verified_name = Some("Zanzibar Onboarded".into());
        let facts = RowFacts::update(Some(facts), &numbers);
        let index = SearchIndex::update(Some(index), &numbers);
        assert_eq!(facts.status[at], status_code(Status::Connected));
        assert_eq!(
            summarize(
                &facts,
                &(0..numbers.len()).collect::<Vec<_>>(),
                LimitScope::Number
            )
            .by_status,
            summarize_numbers(
                &numbers,
                &(0..numbers.len()).collect::<Vec<_>>(),
                LimitScope::Number
            )
            .by_status
        );
        assert!(index.contains_at(at, "zanzibar"));
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn facts_count_and_filter_as_the_numbers_themselves_do() {
        let mut numbers = generated_numbers(3_000, 3);
        if let Some(n) = numbers.get_mut(7) {
            n.waba_id = None;
        }
        // Grown in three steps, as pages arrive: the same as read at once.
        let mut facts = None;
        for len in [10, 1_500, 3_000] {
            facts = Some(RowFacts::update(
                facts,
                numbers.get(..len).unwrap_or_default(),
            ));
        }
        let facts = facts.unwrap_or_default();
        assert_eq!(facts.waba, RowFacts::update(None, &numbers).waba);
        let index = SearchIndex::update(None, &numbers);
        let order = sorted_order(&numbers, SortKey::Name, false);
        let some_waba = numbers[100].waba_id.clone();
        for status in [None, Some(Status::Connected), Some(Status::Onboarding)] {
            for quality in [
                None,
                Some(QualityRating::Green),
                Some(QualityRating::Unknown),
            ] {
                for waba in [None, some_waba.clone(), Some("no-such-waba".to_owned())] {
                    for needle in ["", "shop", "0001"] {
                        let filter = RowFilter {
                            status,
                            quality,
                            waba: waba.clone(),
                            needle: needle.to_owned(),
                            phone: None,
                        };
                        let rows = filter_rows(&facts, &index, &order, &filter);
                        let found = index.contains(needle);
                        let expected: Vec<usize> = order
                            .iter()
                            .copied()
                            .filter(|&i| {
                                let n = &numbers[i];
                                found[i]
                                    && status.is_none_or(|s| n.status == s)
                                    && quality.is_none_or(|q| n.quality_rating == q)
                                    && waba.as_ref().is_none_or(|w| n.waba_id.as_ref() == Some(w))
                            })
                            .collect();
                        assert_eq!(rows, expected, "{filter:?}");
                        assert_eq!(
                            summarize(&facts, &rows, LimitScope::Number),
                            summarize_numbers(&numbers, &rows, LimitScope::Number)
                        );
                    }
                }
            }
        }
        let all: Vec<usize> = (0..numbers.len()).collect();
        let summary = summarize(&facts, &all, LimitScope::Number);
        assert!(summary.capacity_by_waba.len() > 1, "several WABAs send");
        assert_eq!(
            summary,
            summarize_numbers(&numbers, &all, LimitScope::Number)
        );
        // Counted per WABA, a WABA's numbers share one limit: less than their
        // sum wherever two of them send, and the oracle's highest.
        let shared = summarize(&facts, &all, LimitScope::Waba);
        assert_eq!(shared, summarize_numbers(&numbers, &all, LimitScope::Waba));
        let capacity =
            |s: &Summary, w: &str| s.capacity_by_waba.iter().find(|e| e.0 == w).map(|e| e.1);
        assert_eq!(
            capacity(&shared, ""),
            capacity(&summary, ""),
            "numbers without a WABA stay summed"
        );
        // A WABA with an unlimited number has no limit, and comes first.
        for (w, _, unlimited) in &shared.capacity_by_waba {
            if !w.is_empty() && *unlimited > 0 {
                assert_eq!(capacity(&shared, w), Some(SHARED_UNLIMITED), "{w}");
            }
        }
        // One WABA's limited numbers: their highest limit, not their sum.
        let limited = |i: &usize| {
            let n = &numbers[*i];
            n.status.can_send()
                && !n.messaging_limit.unlimited
                && n.messaging_limit.daily_limit.unwrap_or(0) > 0
        };
        let waba = numbers[all
            .iter()
            .copied()
            .find(|i| limited(i) && numbers[*i].waba_id.is_some())
            .unwrap_or(0)]
        .waba_id
        .clone()
        .unwrap_or_default();
        let rows: Vec<usize> = all
            .iter()
            .copied()
            .filter(|i| limited(i) && numbers[*i].waba_id.as_deref() == Some(&waba))
            .collect();
        assert!(rows.len() > 1, "{waba} has several limited numbers");
        let limits = rows
            .iter()
            .filter_map(|&i| numbers[i].messaging_limit.daily_limit);
        let (highest, sum) = limits.fold((0, 0), |(h, s), l| (l.max(h), s + l));
        assert_eq!(
            capacity(&summarize(&facts, &rows, LimitScope::Waba), &waba),
            Some(highest)
        );
        assert_eq!(
            capacity(&summarize(&facts, &rows, LimitScope::Number), &waba),
            Some(sum)
        );
        assert!(highest < sum);
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn the_one_sort_puts_everything_in_order() {
        assert_eq!(
            sorted(vec!["b", "c", "a", "b"], &|x, y| x.cmp(y)),
            ["a", "b", "b", "c"]
        );
        let numbers = generated_numbers(2_000, 9);
        let all: Vec<usize> = (0..numbers.len()).collect();
        for key in SortKey::ALL {
            for descending in [false, true] {
                let order = sorted_order(&numbers, key, descending);
                let mut each_once = order.clone();
                each_once.sort_unstable();
                assert_eq!(each_once, all, "a permutation");
                let wrong = if descending {
                    Ordering::Less
                } else {
                    Ordering::Greater
                };
                assert!(
                    order
                        .windows(2)
                        .all(|w| compare(&numbers[w[0]], &numbers[w[1]], key) != wrong),
                    "{key:?} {descending}"
                );
            }
        }
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn an_order_extended_as_rows_arrive_is_the_order_sorted_whole() {
        let numbers = generated_numbers(3_000, 5);
        for key in SortKey::ALL {
            for descending in [false, true] {
                let mut order = Vec::new();
                for len in [0, 1, 100, 101, 700, 2_000, 3_000, 3_000] {
                    let rows = numbers.get(..len).unwrap_or_default();
                    order = extend_order(&order, rows, key, descending);
                    assert_eq!(
                        order,
                        sorted_order(rows, key, descending),
                        "{key:?} {descending} {len}"
                    );
                }
            }
        }
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn an_order_no_longer_sorted_or_of_another_list_is_sorted_again() {
        let mut numbers = generated_numbers(500, 9);
        let order = sorted_order(&numbers, SortKey::Number, false);
        // A row edited in place moves to the end of the order.
        assert_ne!(
            order.last(),
            Some(&0),
            "the edited row must not already be last"
        );
        if let Some(n) = numbers.first_mut() {
            n.phone_number = "+99 999".to_owned();
        }
        let edited = extend_order(&order, &numbers, SortKey::Number, false);
        assert_eq!(edited, sorted_order(&numbers, SortKey::Number, false));
        assert_eq!(edited.last(), Some(&0));
        // A shorter list (a reload) is not an extension of the longer one.
        let shorter = numbers.get(..50).unwrap_or_default();
        assert_eq!(
            extend_order(&order, shorter, SortKey::Number, false),
            sorted_order(shorter, SortKey::Number, false)
        );
    }
}
