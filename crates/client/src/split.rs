//! Which page to ask for next when reading a whole numbered list (AntGst),
//! and what each answer changes. No I/O: `listing.rs` sends the requests.
//!
//! AntGst stops at page 100 (10,000 rows a query). Past that a query is split
//! by WABA (the WABAs found in its own rows), then by quality rating, and the
//! parts merged by id. Every part's pages share one window of `concurrency`
//! requests, so a WABA's pages go out while other WABAs are still being read:
//! 100,000 numbers cost about their pages / concurrency round trips. (Read one
//! WABA after another, each cost a first page alone and then the rest: 37 s
//! at 50 ms a request against an ideal of 14 s.) A capped query's own pages
//! are read only to find WABAs, and no longer once the WABAs found, with its
//! rows that have none, account for its whole total.

use wa_numbers_core::hash::FastSet;
use wa_numbers_core::paging::plan_pages;
use wa_numbers_core::{ListQuery, Page, PhoneNumber, QualityRating};

/// Where one part of the read stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Its pages are read (the first one tells how many there are).
    Reading,
    /// Past the cap: its pages are read only to find WABAs, each WABA then
    /// read as a part of its own.
    ByWaba,
    /// Past the cap: read as one part per quality rating.
    ByQuality,
    /// Finished: `true` when every row it announced was read.
    Done(bool),
}

/// One query of the read: the caller's, or a WABA's or quality's part of it.
struct Part {
    query: ListQuery,
    parent: Option<usize>,
    stage: Stage,
    /// From its first page.
    total: Option<u64>,
    /// The next page to ask for, and the last one there is.
    next: u32,
    last: u32,
    /// Pages asked for and not answered yet.
    pending: u32,
    /// Whether more than the page cap allows, by its first page's total.
    capped: bool,
    /// A short page came: the provider ran out of rows, whatever `total` said.
    short: bool,
    /// Ids read by it and by its parts.
    ids: FastSet<String>,
    /// Its own rows without a WABA (they cannot be split off).
    loose: u64,
    children: Vec<usize>,
    /// The WABAs split off already.
    wabas: FastSet<String>,
    /// Answers held until the pages before them are in, so that each part's
    /// rows reach the caller in page order; and how many pages are in.
    held: Vec<(u32, Vec<PhoneNumber>)>,
    merged: u32,
}

/// One request to send: page `page_no` of part `part`.
pub struct Task {
    pub part: usize,
    pub page_no: u32,
    pub query: ListQuery,
}

/// Every part of one whole-list read.
pub struct Plan {
    parts: Vec<Part>,
    page_size: u32,
    max_page: u32,
    /// A page's `total` differed from its part's first page.
    pub total_changed: bool,
}

impl Plan {
    /// A read of `query` in pages of `page_size`, at most `max_page` a query.
    pub fn new(query: ListQuery, page_size: u32, max_page: u32) -> Plan {
        let mut plan = Plan {
            parts: Vec::new(),
            page_size,
            max_page: max_page.max(1),
            total_changed: false,
        };
        plan.add(query, None);
        plan
    }

    fn add(&mut self, query: ListQuery, parent: Option<usize>) {
        let index = self.parts.len();
        self.parts.push(Part {
            query: ListQuery {
                page_no: None,
                ..query
            },
            parent,
            stage: Stage::Reading,
            total: None,
            next: 1,
            last: 1,
            pending: 0,
            capped: false,
            short: false,
            ids: FastSet::default(),
            loose: 0,
            children: Vec::new(),
            wabas: FastSet::default(),
            held: Vec::new(),
            merged: 0,
        });
        if let Some(parent) = parent {
            self.parts[parent].children.push(index);
        }
    }

    /// Whether the WABAs split off and the rows without one account for all
    /// of `i`'s total: then its own pages have nothing more to tell.
    fn explained(&self, i: usize) -> bool {
        let p = &self.parts[i];
        let split: u64 = p.children.iter().filter_map(|&c| self.parts[c].total).sum();
        p.total.is_some_and(|t| split + p.loose >= t)
    }

    /// The next page to ask for, if any is needed now: first pages first (they
    /// say how much there is), then the pages of parts being read, then pages
    /// read only to find WABAs; older parts before newer ones.
    pub fn next_task(&mut self) -> Option<Task> {
        let wants = |plan: &Plan, i: usize, class: u8| {
            let p = &plan.parts[i];
            let more = !p.short && p.next <= p.last;
            match (class, p.stage) {
                (0, Stage::Reading) => p.next == 1,
                (1, Stage::Reading) => p.total.is_some() && more,
                (2, Stage::ByWaba) => more && !plan.explained(i),
                _ => false,
            }
        };
        let i =
            (0..3u8).find_map(|class| (0..self.parts.len()).find(|&i| wants(self, i, class)))?;
        let p = &mut self.parts[i];
        let page_no = p.next;
        p.next += 1;
        p.pending += 1;
        Some(Task {
            part: i,
            page_no,
            query: ListQuery {
                page_no: Some(page_no),
                page_size: Some(self.page_size),
                ..p.query.clone()
            },
        })
    }

    /// Page `page_no` of part `i` came back: the rows to hand over now (this
    /// page's and any held ones that follow it), in page order.
    pub fn answer(&mut self, i: usize, page_no: u32, page: Page) -> Vec<PhoneNumber> {
        // Every other index here comes from the parts themselves; this one
        // from the caller, so a part that is not there is refused, not a panic.
        if i >= self.parts.len() {
            return Vec::new();
        }
        let (page_size, max_page) = (self.page_size, self.max_page);
        let p = &mut self.parts[i];
        p.pending = p.pending.saturating_sub(1);
        p.short |= (page.numbers.len() as u32) < page_size;
        match p.total {
            None => {
                let plan = plan_pages(page.total, page_size, max_page);
                p.total = Some(page.total);
                p.last = 1 + plan.remaining.len() as u32;
                p.capped = plan.capped;
                if p.capped && p.query.waba_id.is_none() {
                    p.stage = Stage::ByWaba;
                } else if p.capped && p.query.quality_rating.is_none() {
                    // A WABA past the cap: its own pages would find nothing.
                    self.split_by_quality(i);
                }
            }
            Some(total) => self.total_changed |= total != page.total,
        }
        let rows = self.merge(i, page_no, page.numbers);
        self.settle(i);
        rows
    }

    /// Takes in what `rows` tell (their ids, the WABAs they show) as they
    /// come, and holds them until the pages before them are in; the rows now
    /// in order. Taken in on arrival, not on release: a page that failed is
    /// never released, and the WABAs on the pages after it must still be
    /// found (one WABA of 25,000 numbers shows first on page 7).
    fn merge(&mut self, i: usize, page_no: u32, rows: Vec<PhoneNumber>) -> Vec<PhoneNumber> {
        let mut found = Vec::new();
        for n in &rows {
            let p = &mut self.parts[i];
            let new = p.ids.insert(n.id.clone());
            match &n.waba_id {
                None if new => p.loose += 1,
                Some(w) if p.stage == Stage::ByWaba && p.wabas.insert(w.clone()) => {
                    found.push(w.clone())
                }
                _ => {}
            }
            let mut up = p.parent;
            while let Some(a) = up {
                self.parts[a].ids.insert(n.id.clone());
                up = self.parts[a].parent;
            }
        }
        for waba in found {
            let query = ListQuery {
                waba_id: Some(waba),
                ..self.parts[i].query.clone()
            };
            self.add(query, Some(i));
        }
        self.parts[i].held.push((page_no, rows));
        self.release(i)
    }

    /// The held rows of part `i` whose pages before them are all in.
    fn release(&mut self, i: usize) -> Vec<PhoneNumber> {
        let p = &mut self.parts[i];
        let mut out = Vec::new();
        while let Some(at) = p.held.iter().position(|(n, _)| *n == p.merged + 1) {
            out.extend(p.held.swap_remove(at).1);
            p.merged += 1;
        }
        out
    }

    /// Page `page_no` of part `i` failed for good: the rows held behind it
    /// (the pages after it that came back) are handed over all the same. A
    /// load that fails keeps what it read; they waited for that page for
    /// ever (1,104 rows read, 200 handed over). The part stays unfinished:
    /// what the failure means for the load is `listing.rs`'s to say.
    pub fn failed(&mut self, i: usize, page_no: u32) -> Vec<PhoneNumber> {
        if i >= self.parts.len() {
            return Vec::new();
        }
        self.parts[i].held.push((page_no, Vec::new()));
        self.release(i)
    }

    /// Reads `i` as one part per quality rating; its own pages not sent yet
    /// are not needed any more.
    fn split_by_quality(&mut self, i: usize) {
        let p = &mut self.parts[i];
        p.stage = Stage::ByQuality;
        p.last = p.next - 1;
        for quality in QualityRating::ALL {
            let query = ListQuery {
                quality_rating: Some(quality.as_str().to_owned()),
                ..self.parts[i].query.clone()
            };
            self.add(query, Some(i));
        }
    }

    /// Finishes part `i` if nothing of it is left, then its parent, and so on.
    fn settle(&mut self, mut i: usize) {
        loop {
            let p = &self.parts[i];
            let Some(total) = p.total else { return };
            let own_done =
                p.short || p.next > p.last || (p.stage == Stage::ByWaba && self.explained(i));
            let children_done = p
                .children
                .iter()
                .all(|&c| matches!(self.parts[c].stage, Stage::Done(_)));
            if matches!(p.stage, Stage::Done(_)) || p.pending > 0 || !own_done || !children_done {
                return;
            }
            let enough = p.short || p.ids.len() as u64 >= total;
            if !enough && p.stage == Stage::ByWaba && p.query.quality_rating.is_none() {
                // Rows no WABA part reached (no WABA on them): by quality.
                self.split_by_quality(i);
                return;
            }
            self.parts[i].stage = Stage::Done(enough);
            match self.parts[i].parent {
                Some(parent) => i = parent,
                None => return,
            }
        }
    }

    /// Whether the read got every row the query announced; `None` while it
    /// is not finished (or was stopped).
    pub fn complete(&self) -> Option<bool> {
        match self.parts[0].stage {
            Stage::Done(complete) => Some(complete),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, HashMap, HashSet};
    use wa_numbers_core::demo;

    /// Reads `numbers` through an in-memory AntGst with `concurrency`
    /// requests at a time, each taking one tick: (rows read, requests, ticks,
    /// complete).
    fn read(numbers: &[PhoneNumber], concurrency: usize) -> (usize, usize, u64, Option<bool>) {
        read_failing(numbers, concurrency, None)
    }

    /// As [`read`], with page `failing` of the whole list failing: the plan
    /// never hears back from it, as in `listing.rs`.
    fn read_failing(
        numbers: &[PhoneNumber],
        concurrency: usize,
        failing: Option<u32>,
    ) -> (usize, usize, u64, Option<bool>) {
        let mut plan = Plan::new(ListQuery::default(), 100, 100);
        let (mut seen, mut requests, mut now) = (HashSet::new(), 0, 0u64);
        // Requests in flight by the tick they are answered, oldest first.
        let mut in_flight: BTreeMap<(u64, usize), Task> = BTreeMap::new();
        loop {
            while in_flight.len() < concurrency {
                let Some(task) = plan.next_task() else { break };
                requests += 1;
                in_flight.insert((now + 1, requests), task);
            }
            let Some(((at, _), task)) = in_flight.pop_first() else {
                break;
            };
            now = at;
            if task.part == 0 && Some(task.page_no) == failing {
                for n in plan.failed(task.part, task.page_no) {
                    seen.insert(n.id);
                }
                continue;
            }
            let page = answer(numbers, &task.query);
            for n in plan.answer(task.part, task.page_no, page) {
                seen.insert(n.id);
            }
        }
        (seen.len(), requests, now, plan.complete())
    }

    /// What AntGst answers `query` over `numbers` (as `fake.rs` does, without
    /// the JSON in between: this runs thousands of pages in a debug build).
    fn answer(numbers: &[PhoneNumber], query: &ListQuery) -> Page {
        let quality = query.quality_rating.as_deref();
        let matching = || {
            numbers.iter().filter(move |n| {
                query
                    .waba_id
                    .as_ref()
                    .is_none_or(|w| n.waba_id.as_ref() == Some(w))
                    && quality.is_none_or(|q| n.quality_rating.as_str() == q)
            })
        };
        let size = query.page_size.unwrap_or(100) as usize;
        let page_no = query.page_no.unwrap_or(1);
        Page {
            numbers: matching()
                .skip((page_no as usize - 1) * size)
                .take(size)
                .cloned()
                .collect(),
            total: matching().count() as u64,
            page: Some(page_no),
            page_size: Some(size as u32),
            pages: None,
            next_cursor: None,
        }
    }

    /// The pages a reader needs past the cap: each WABA's, read whole.
    fn pages_by_waba(numbers: &[PhoneNumber]) -> u64 {
        let mut sizes: HashMap<Option<&str>, u64> = HashMap::new();
        for n in numbers {
            *sizes.entry(n.waba_id.as_deref()).or_default() += 1;
        }
        sizes.values().map(|n| n.div_ceil(100)).sum()
    }

    #[test]
    fn every_part_shares_the_window() {
        // 15,004 numbers over 42 WABAs (and two seeds without one), 4 at once.
        let numbers = demo::account(15_000, 1);
        let (rows, requests, ticks, complete) = read(&numbers, 4);
        assert_eq!((rows, complete), (15_004, Some(true)));
        let pages = pages_by_waba(&numbers);
        // The first page, each WABA's pages, and a few read to find WABAs.
        assert!(
            requests as u64 <= pages + 15,
            "{requests} requests for {pages} pages"
        );
        // About the ideal: the first page, then `pages / 4` round trips.
        // Read one WABA after another (the whole account's 100 pages, then
        // a first page and the rest for each WABA) it was about 108.
        let ideal = 1 + pages.div_ceil(4);
        assert!(ticks * 10 <= ideal * 11, "{ticks} ticks, ideal {ideal}");
    }

    #[test]
    fn a_failed_page_does_not_hide_the_wabas_after_it() {
        // 25,004 numbers over 65 WABAs, found on the whole list's pages 1 to
        // `last`; a page before `last` fails.
        let numbers = demo::account(25_000, 1);
        let mut first_seen: HashMap<&str, usize> = HashMap::new();
        for (row, n) in numbers.iter().enumerate() {
            if let Some(w) = n.waba_id.as_deref() {
                first_seen.entry(w).or_insert(row / 100 + 1);
            }
        }
        let last = first_seen.values().copied().max().unwrap_or(0) as u32;
        assert!(last >= 3, "every WABA shows on page {last} or before");
        let (rows, _, _, _) = read_failing(&numbers, 4, Some(last - 1));
        // Every row is read through its WABA; the rows without a WABA are
        // on the first page.
        assert_eq!(rows, numbers.len());
    }

    #[test]
    fn rows_behind_a_failed_page_are_handed_over() {
        // 13 pages, under the cap; page 3 fails: the other 12 reach the caller.
        let numbers = demo::account(1_200, 5);
        let (rows, _, _, complete) = read_failing(&numbers, 4, Some(3));
        assert_eq!((rows, complete), (numbers.len() - 100, None));
    }

    #[test]
    fn a_waba_past_the_cap_is_split_by_quality() {
        let mut numbers = demo::generated_numbers(12_000, 2);
        for n in &mut numbers {
            n.waba_id = Some("waba-big".to_owned());
        }
        let (rows, requests, _, complete) = read(&numbers, 8);
        assert_eq!((rows, complete), (12_000, Some(true)));
        // The account's first page (and the few sent with the WABA's first
        // page, to find more WABAs), the WABA's first page, then each
        // quality's pages (about 121): not the WABA's own 100 pages.
        assert!(requests <= 140, "{requests} requests");
    }

    #[test]
    fn an_answer_for_a_part_that_is_not_there_changes_nothing() {
        let numbers = demo::account(250, 4);
        let mut plan = Plan::new(ListQuery::default(), 100, 100);
        let task = plan.next_task().unwrap();
        let page = answer(&numbers, &task.query);
        assert!(plan.answer(7, task.page_no, page.clone()).is_empty());
        assert_eq!(plan.complete(), None);
        assert_eq!(plan.answer(task.part, task.page_no, page).len(), 100);
    }

    #[test]
    fn rows_out_of_reach_leave_the_read_incomplete() {
        let mut numbers = demo::generated_numbers(10_050, 3);
        for n in &mut numbers {
            n.waba_id = None;
            n.quality_rating = QualityRating::Green;
        }
        let (rows, _, _, complete) = read(&numbers, 4);
        assert_eq!((rows, complete), (10_000, Some(false)));
    }

    #[test]
    fn rows_reach_the_caller_in_page_order() {
        let numbers = demo::account(950, 4);
        let mut plan = Plan::new(ListQuery::default(), 100, 100);
        let first = plan.next_task().unwrap();
        let page = |task: &Task| {
            let q = ListQuery {
                page_no: task.query.page_no,
                ..Default::default()
            };
            let from = (q.page_no.unwrap() as usize - 1) * 100;
            Page {
                numbers: numbers[from..(from + 100).min(numbers.len())].to_vec(),
                total: numbers.len() as u64,
                page: q.page_no,
                page_size: Some(100),
                pages: None,
                next_cursor: None,
            }
        };
        assert_eq!(plan.answer(0, 1, page(&first)).len(), 100);
        let (two, three) = (plan.next_task().unwrap(), plan.next_task().unwrap());
        assert!(
            plan.answer(0, 3, page(&three)).is_empty(),
            "held for page 2"
        );
        let rows = plan.answer(0, 2, page(&two));
        assert_eq!(rows.len(), 200);
        assert_eq!(rows[0].id, numbers[100].id);
        assert_eq!(rows[199].id, numbers[299].id);
    }
}
