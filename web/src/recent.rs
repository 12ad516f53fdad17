//! The last few filter results over one sorted list. Typing on narrows a
//! result found before (a text that contains "shop" contains "sho"), and
//! deleting finds the earlier result again instead of searching 100,000
//! numbers on every keystroke.

use std::collections::VecDeque;
use std::sync::Arc;

use crate::state::{filter_rows, RowFacts, RowFilter, SearchIndex};

/// How many results are kept: a word typed and deleted again.
const KEPT: usize = 24;

/// Recent results of [`filter_rows`] over one order of one list.
#[derive(Debug, Default)]
pub struct RecentFilters {
    /// The order the results are of; a new order (new rows, another sort)
    /// forgets them all.
    order: Option<Arc<Vec<usize>>>,
    /// Newest first.
    results: VecDeque<(RowFilter, Arc<Vec<usize>>)>,
}

impl RecentFilters {
    /// [`filter_rows`] of `order` by `filter`, from a recent result when one
    /// answers it.
    pub fn rows(
        &mut self,
        facts: &RowFacts,
        index: &SearchIndex,
        order: &Arc<Vec<usize>>,
        filter: &RowFilter,
    ) -> Arc<Vec<usize>> {
        if !self.order.as_ref().is_some_and(|o| Arc::ptr_eq(o, order)) {
            self.order = Some(order.clone());
            self.results.clear();
        }
        if let Some(at) = self.results.iter().position(|(f, _)| f == filter) {
            let found = self
                .results
                .remove(at)
                .map(|(_, rows)| rows)
                .unwrap_or_default();
            self.results.push_front((filter.clone(), found.clone()));
            return found;
        }
        // The smallest recent result the new one must lie within: same other
        // filters, a needle the new needle contains.
        let within = self
            .results
            .iter()
            .filter(|(f, _)| {
                f.status == filter.status
                    && f.quality == filter.quality
                    && f.waba == filter.waba
                    && filter.needle.contains(f.needle.as_str())
            })
            .map(|(_, rows)| rows)
            .min_by_key(|rows| rows.len());
        let found = match within {
            // Looking into each of a few rows beats one pass over every text.
            Some(rows) if rows.len() <= order.len() / 4 => Arc::new(
                rows.iter()
                    .copied()
                    .filter(|&i| filter.finds(index, i))
                    .collect(),
            ),
            _ => Arc::new(filter_rows(facts, index, order, filter)),
        };
        self.results.push_front((filter.clone(), found.clone()));
        self.results.truncate(KEPT);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::route::SortKey;
    use crate::state::sorted_order;
    use wa_numbers_core::demo::generated_numbers;
    use wa_numbers_core::Status;

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn typing_and_deleting_gives_what_filtering_afresh_gives() {
        let numbers = generated_numbers(4_000, 11);
        let facts = RowFacts::update(None, &numbers);
        let index = SearchIndex::update(None, &numbers);
        let order = Arc::new(sorted_order(&numbers, SortKey::Name, false));
        let mut recent = RecentFilters::default();
        let mut needles = Vec::new();
        for word in [
            "shopitalia",
            "bottega 4",
            "gen-11-0001",
            "waba-11-03",
            "zz",
            "a",
        ] {
            for end in 1..=word.len() {
                needles.push(word.get(..end).unwrap_or_default());
            }
            for end in (0..word.len()).rev() {
                needles.push(word.get(..end).unwrap_or_default());
            }
        }
        for (k, needle) in needles.into_iter().enumerate() {
            // Now and then a status filter, so results of other filters mix in.
            let status = (k % 7 == 3).then_some(Status::Connected);
            let filter = RowFilter {
                status,
                needle: needle.to_owned(),
                ..RowFilter::default()
            };
            let rows = recent.rows(&facts, &index, &order, &filter);
            assert_eq!(
                *rows,
                filter_rows(&facts, &index, &order, &filter),
                "{filter:?}"
            );
        }
        // Another order (a new sort) forgets the results of the old one.
        let by_number = Arc::new(sorted_order(&numbers, SortKey::Number, false));
        let filter = RowFilter {
            needle: "shop".to_owned(),
            ..RowFilter::default()
        };
        assert_eq!(
            *recent.rows(&facts, &index, &by_number, &filter),
            filter_rows(&facts, &index, &by_number, &filter)
        );
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn one_number_is_searched_as_the_whole_index_searches() {
        let numbers = generated_numbers(500, 4);
        let index = SearchIndex::update(None, &numbers);
        for needle in ["", "s", "shop", "gen-4-00010", "zzz", "\u{1}", "0 1"] {
            let all = index.contains(needle);
            for (i, found) in all.iter().enumerate() {
                assert_eq!(index.contains_at(i, needle), *found, "{needle:?} {i}");
            }
        }
        assert!(!index.contains_at(500, ""), "no such number");
    }
}
