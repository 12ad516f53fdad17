//! Reading whole lists and watching onboarding.
//!
//! AntGst pages by number and stops at page 100: 100 × 100 = 10,000 rows per
//! query; `split.rs` plans the parts past that (by WABA, then by quality) and
//! which page goes next. Pages of every part go out through one window of
//! at most `concurrency` requests (an [`AdaptiveWindow`], for every provider);
//! a short or empty page ends a part, and a budget bounds the requests, so a
//! provider that lies about `total` cannot keep us looping.

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use web_sys::AbortSignal;

use crate::client::Client;
use crate::error::Error;
use crate::split::{Plan, Task};
use crate::transport::sleep;
use wa_numbers_core::hash::FastSet;
use wa_numbers_core::provider::Paging;
use wa_numbers_core::ErrorKind;
use wa_numbers_core::{ListAll, ListQuery, Page, PhoneNumber, Progress, Status};

/// Failed pages (after their retries) a load goes on past before it stops:
/// one may not be needed, several in a row mean the provider is down.
const MAX_FAILED_PAGES: u32 = 3;

/// The page size used to read everything: the largest allowed.
const FULL_PAGE: u32 = 100;
/// The most requests one `list_all` may send.
pub const REQUEST_BUDGET: u32 = 2_000;

/// What the pieces of one `list_all` share.
struct Collector<'a> {
    seen: FastSet<String>,
    /// The rows kept for the result (none when they are given away).
    numbers: Vec<PhoneNumber>,
    loaded: usize,
    requests: u32,
    first_total: Option<u64>,
    total_changed: bool,
    out_of_budget: bool,
    /// `throttled()` of the client when the load began.
    throttled_before: u32,
    /// How many pages may be in flight: every provider's pages, one rule
    /// ("a 429 means wait, not fail: loads slow down and keep what they
    /// have"). Meta's WABAs read at full `concurrency` through its
    /// throttling before this was shared.
    window: AdaptiveWindow,
    /// `throttled()` of the client at the last answer: a change since says
    /// the provider asked to wait.
    throttled_seen: u32,
    pages: Pages<'a>,
}

/// Where `list_all` hands each page's new rows, as they arrive.
#[derive(Clone, Copy)]
pub enum Pages<'a> {
    /// Lent: the client keeps every row and returns them in `ListAll::numbers`.
    Lent(&'a dyn Fn(&[PhoneNumber], Progress)),
    /// Given: the caller keeps the rows, the client only their ids, and
    /// `ListAll::numbers` is empty. For a caller that stores the list itself:
    /// one copy of 100,000 numbers in memory while they load, not two.
    Given(&'a dyn Fn(Vec<PhoneNumber>, Progress)),
}

impl<'a> Collector<'a> {
    /// Adds the rows not seen before and hands them to the caller with the
    /// progress.
    fn merge(&mut self, client: &Client, rows: Vec<PhoneNumber>) {
        let mut fresh = rows;
        fresh.retain(|n| self.seen.insert(n.id.clone()));
        self.loaded += fresh.len();
        let loaded = self.loaded as u64;
        let progress = Progress {
            loaded,
            // Meta announces no total: the count so far is the best known.
            total: self.first_total.unwrap_or(loaded),
            requests: self.requests,
            throttled: client.throttled().wrapping_sub(self.throttled_before),
        };
        match self.pages {
            Pages::Lent(on_page) => {
                let start = self.numbers.len();
                self.numbers.append(&mut fresh);
                on_page(self.numbers.get(start..).unwrap_or_default(), progress);
            }
            Pages::Given(on_page) => on_page(fresh, progress),
        }
    }

    /// Counts one more request: `false` (and the read marked out of budget)
    /// when the budget is spent, and the request must not be sent.
    fn spend_request(&mut self) -> bool {
        if self.requests >= REQUEST_BUDGET {
            self.out_of_budget = true;
            return false;
        }
        self.requests += 1;
        true
    }

    /// One page answered (or failed for good): the window halves if the
    /// provider asked to wait since the last answer, else grows back slowly.
    fn answered(&mut self, client: &Client) {
        let now = client.throttled();
        self.window.on_page(now != self.throttled_seen);
        self.throttled_seen = now;
    }

    fn new(client: &Client, pages: Pages<'a>) -> Self {
        Collector {
            seen: FastSet::default(),
            numbers: Vec::new(),
            loaded: 0,
            requests: 0,
            first_total: None,
            total_changed: false,
            out_of_budget: false,
            throttled_before: client.throttled(),
            window: AdaptiveWindow::new(client.concurrency() as usize),
            throttled_seen: client.throttled(),
            pages,
        }
    }

    fn finish(self, client: &Client, complete: bool) -> ListAll {
        ListAll {
            total: self.first_total.unwrap_or(self.loaded as u64),
            truncated: !complete || self.out_of_budget,
            total_changed: self.total_changed,
            requests: self.requests,
            throttled: client.throttled().wrapping_sub(self.throttled_before),
            numbers: self.numbers,
        }
    }
}

/// How many pages may be in flight: halved when the provider asks to wait,
/// grown back by one after twice its size of pages without a wait. One cut per
/// round, as TCP does: the pages already in flight when it was cut were sent
/// at the old pace, so their waits say nothing new (without this, a provider
/// that throttles a share of requests at random pinned the window at one:
/// 25,000 numbers at 400 ms with 30% throttled took 233 s). AntGst documents
/// no rate, and Meta's throttling counts the business's calls over all its
/// WABAs: the window finds what the provider tolerates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AdaptiveWindow {
    /// Requests in flight now.
    pub size: usize,
    max: usize,
    calm: usize,
    /// Pages sent before the last cut and not answered yet.
    stale: usize,
}

impl AdaptiveWindow {
    /// A window of `max` (the client's `concurrency`).
    pub fn new(max: usize) -> Self {
        AdaptiveWindow {
            size: max.max(1),
            max: max.max(1),
            calm: 0,
            stale: 0,
        }
    }

    /// One page answered; `throttled` when the provider asked to wait since
    /// the last one.
    pub fn on_page(&mut self, throttled: bool) {
        if self.stale > 0 {
            self.stale -= 1;
            if throttled {
                return;
            }
        }
        if throttled {
            self.stale = self.size - 1;
            self.size = (self.size / 2).max(1);
            self.calm = 0;
        } else {
            self.calm += 1;
            if self.calm >= 2 * self.size && self.size < self.max {
                self.size += 1;
                self.calm = 0;
            }
        }
    }
}

/// Pages in flight, each handed over as soon as it is answered. At most
/// `concurrency` (16) at once, so every one is polled on each wake-up: the
/// oldest ready one first. `FuturesUnordered`, which wakes only the ones
/// woken, cost about 3 KB of wasm (its tasks, wakers and ready queue) for
/// lists this short. Each future is kept with its tags (the part and page
/// it reads), so that the pages' futures need no state machine around them
/// to carry the tags.
struct Racing<F> {
    futures: Vec<(usize, u32, Pin<Box<F>>)>,
}

impl<F> Default for Racing<F> {
    fn default() -> Self {
        Racing {
            futures: Vec::new(),
        }
    }
}

impl<F: Future> Racing<F> {
    fn len(&self) -> usize {
        self.futures.len()
    }

    fn push(&mut self, part: usize, page_no: u32, future: F) {
        self.futures.push((part, page_no, Box::pin(future)));
    }

    /// The tags and output of the next future to finish; `None` when none
    /// is left. A `poll_fn`, not an `async fn`: no state machine around it.
    fn next(&mut self) -> impl Future<Output = Option<(usize, u32, F::Output)>> + '_ {
        std::future::poll_fn(move |cx| {
            if self.futures.is_empty() {
                return Poll::Ready(None);
            }
            let mut output = None;
            // The first ready one is taken out (a finished future is never
            // polled again); the ones after it wait for the next call.
            self.futures.retain_mut(|(part, page_no, future)| {
                if output.is_some() {
                    return true;
                }
                match future.as_mut().poll(cx) {
                    Poll::Ready(ready) => {
                        output = Some((*part, *page_no, ready));
                        false
                    }
                    Poll::Pending => true,
                }
            });
            match output {
                Some(output) => Poll::Ready(Some(output)),
                None => Poll::Pending,
            }
        })
    }
}

/// Which pages one whole-list read asks for, by the provider's paging, and
/// what each answer changes. No I/O: [`Client::list_all_to`] sends them.
enum Reader {
    /// One answer holds every number (LORA).
    OneAnswer {
        query: ListQuery,
        sent: bool,
        complete: bool,
    },
    /// Meta: every WABA's numbers, cursor after cursor, one request at a
    /// time per WABA and as many WABAs at once as the window allows. A
    /// cursor seen before or the request budget ends a WABA early (the
    /// result says `truncated`).
    Cursor {
        /// The query of every WABA's part, but its WABA (left out).
        query: ListQuery,
        waiting: std::vec::IntoIter<String>,
        /// Per WABA started (the part of its pages): its query, whose
        /// `after` moves on with each page, and the cursors it gave (a
        /// cursor that comes back would loop for ever).
        parts: Vec<(ListQuery, FastSet<String>)>,
        /// The parts whose next page their answers asked for, not sent yet:
        /// several wait when the window shrank under them (one slot lost
        /// all but the last, and their WABAs' rest).
        next: Vec<usize>,
        complete: bool,
    },
    /// AntGst: every page of the query, split past the cap as `split.rs`
    /// plans.
    Numbered { plan: Plan },
}

impl Reader {
    fn new(client: &Client, query: &ListQuery) -> Result<Reader, Error> {
        // One copy of the query, moved into the reader (each `clone` of a
        // query is five strings' worth of code in this state machine).
        let mut query = query.clone();
        Ok(match client.provider().paging() {
            Paging::OneAnswer => Reader::OneAnswer {
                query,
                sent: false,
                complete: false,
            },
            Paging::Cursor => {
                let wabas = match query.waba_id.take() {
                    Some(one) => vec![one],
                    None => client.waba_ids().to_vec(),
                };
                if wabas.is_empty() {
                    return Err(Error::invalid_input(
                        "query.wabaId",
                        "Meta lists numbers per WhatsApp Business Account: give its id (the client's wabaId option or query.wabaId)",
                    ));
                }
                query.page_size = Some(query.page_size.unwrap_or(FULL_PAGE));
                Reader::Cursor {
                    query,
                    waiting: wabas.into_iter(),
                    parts: Vec::new(),
                    next: Vec::new(),
                    complete: true,
                }
            }
            Paging::Numbered { .. } => {
                let page_size = query.page_size.unwrap_or(FULL_PAGE);
                Reader::Numbered {
                    plan: Plan::new(
                        query,
                        page_size,
                        client.provider().max_page_no().unwrap_or(1),
                    ),
                }
            }
        })
    }

    /// The next page to send, its request counted; `None` when none is to
    /// be sent now.
    fn next_task(&mut self, c: &mut Collector<'_>) -> Option<Task> {
        match self {
            Reader::OneAnswer { query, sent, .. } => {
                if *sent || !c.spend_request() {
                    return None;
                }
                *sent = true;
                // Sent once: the reader has no more use for it.
                Some(Task {
                    part: 0,
                    page_no: 0,
                    query: std::mem::take(query),
                })
            }
            Reader::Cursor {
                query,
                waiting,
                parts,
                next,
                complete,
            } => {
                if let Some(i) = next.pop() {
                    let part = parts.get(i)?;
                    return Some(Task {
                        part: i,
                        page_no: 0,
                        query: part.0.clone(),
                    });
                }
                // A WABA over budget is not asked for: the next one is
                // tried (and finds the budget spent too).
                for waba in waiting.by_ref() {
                    let part = ListQuery {
                        waba_id: Some(waba),
                        ..query.clone()
                    };
                    let i = parts.len();
                    parts.push((part.clone(), FastSet::default()));
                    if c.spend_request() {
                        return Some(Task {
                            part: i,
                            page_no: 0,
                            query: part,
                        });
                    }
                    *complete = false;
                }
                None
            }
            Reader::Numbered { plan, .. } => {
                if c.out_of_budget {
                    return None;
                }
                let task = plan.next_task()?;
                c.spend_request().then_some(task)
            }
        }
    }

    /// Takes in the answer to page `page_no` of part `part`: its new rows
    /// go to the caller.
    fn answer(
        &mut self,
        client: &Client,
        c: &mut Collector<'_>,
        part: usize,
        page_no: u32,
        page: Page,
    ) {
        match self {
            Reader::OneAnswer { complete, .. } => {
                c.first_total = Some(page.total);
                *complete = (page.numbers.len() as u64) >= page.total;
                c.merge(client, page.numbers);
            }
            Reader::Cursor {
                parts,
                next,
                complete,
                ..
            } => {
                c.merge(client, page.numbers);
                let Some((query, cursors)) = parts.get_mut(part) else {
                    return;
                };
                match page.next_cursor {
                    None => {}
                    Some(after) if !cursors.insert(after.clone()) => *complete = false,
                    Some(after) if c.spend_request() => {
                        query.after = Some(after);
                        next.push(part);
                    }
                    Some(_) => *complete = false,
                }
            }
            Reader::Numbered { plan } => {
                let total = page.total;
                let rows = plan.answer(part, page_no, page);
                c.first_total.get_or_insert(total);
                c.total_changed |= plan.total_changed;
                c.merge(client, rows);
            }
        }
    }

    /// Page `page_no` of part `part` failed for good: the rows held behind
    /// it go to the caller all the same (AntGst's parts hand rows over in
    /// page order; the other dialects hold nothing).
    fn failed(&mut self, client: &Client, c: &mut Collector<'_>, part: usize, page_no: u32) {
        if let Reader::Numbered { plan, .. } = self {
            let rows = plan.failed(part, page_no);
            c.merge(client, rows);
        }
    }

    /// Whether every row the query announced was read.
    fn complete(&self) -> bool {
        match self {
            Reader::OneAnswer { complete, .. } | Reader::Cursor { complete, .. } => *complete,
            Reader::Numbered { plan, .. } => plan.complete().unwrap_or(false),
        }
    }
}

impl Client {
    /// Every number of `query`, merged by id. Each page's new rows are handed
    /// to `on_page` with the progress as they arrive, so a caller shows them at
    /// once and keeps them if a later page fails.
    ///
    /// (A plain fn handing back [`Client::list_all_to`]'s future: an `async
    /// fn` here would wrap it in a state machine of its own.)
    pub fn list_all<'a>(
        &'a self,
        query: &'a ListQuery,
        on_page: &'a dyn Fn(&[PhoneNumber], Progress),
        signal: Option<&'a AbortSignal>,
    ) -> impl Future<Output = Result<ListAll, Error>> + 'a {
        self.list_all_to(query, Pages::Lent(on_page), signal)
    }

    /// [`Client::list_all`], each page's new rows handed over to `pages`.
    ///
    /// One loop and one await for every provider: the [`Reader`] says which
    /// page goes next and what an answer changes. (A loop per provider, each
    /// its own state machine in this future, was 1.1 KB more wasm, 277 B
    /// gzip.)
    pub async fn list_all_to(
        &self,
        query: &ListQuery,
        on_page: Pages<'_>,
        signal: Option<&AbortSignal>,
    ) -> Result<ListAll, Error> {
        query.validate()?;
        let mut reader = Reader::new(self, query)?;
        let mut c = Collector::new(self, on_page);
        let mut in_flight = Racing::default();
        let mut failed: Option<Error> = None;
        let mut failures = 0;
        loop {
            while in_flight.len() < c.window.size {
                let Some(task) = reader.next_task(&mut c) else {
                    break;
                };
                in_flight.push(task.part, task.page_no, self.list_page(task.query, signal));
            }
            let Some((part, page_no, page)) = in_flight.next().await else {
                break;
            };
            c.answered(self);
            let error = match page {
                Ok(page) => {
                    reader.answer(self, &mut c, part, page_no, page);
                    continue;
                }
                Err(error) => error,
            };
            // Whatever the failure means for the load, the rows already read
            // behind this page reach the caller.
            reader.failed(self, &mut c, part, page_no);
            match error {
                // A page the provider failed (5xx, no answer, after the
                // retries) may not be needed: past AntGst's cap the WABAs
                // read can account for every number without it. A WABA the
                // provider does not know (Meta, one id of several mistyped)
                // leaves the others to read. The other pages go on; the
                // failure stands only if the list is not complete without
                // it, and the rows read reach the caller. Any other error
                // (a refused key, a wrong body, the deadline) ends the load
                // at once: every page would meet it.
                error
                    if matches!(
                        error.kind(),
                        ErrorKind::Server | ErrorKind::Network | ErrorKind::NotFound
                    ) =>
                {
                    failures += 1;
                    // A provider failing page after page is down: stop
                    // asking it (each failed page already had its retries).
                    if failures >= MAX_FAILED_PAGES {
                        return Err(failed.unwrap_or(error));
                    }
                    failed.get_or_insert(error);
                }
                error => return Err(error),
            }
        }
        match failed {
            // Without the failed page's answer the reader cannot say the
            // list is complete; the rows can: every one announced was read.
            Some(error) => {
                let every_row =
                    !c.total_changed && c.first_total.is_some_and(|total| c.loaded as u64 >= total);
                if every_row {
                    Ok(c.finish(self, true))
                } else {
                    Err(error)
                }
            }
            None => {
                let complete = reader.complete();
                Ok(c.finish(self, complete))
            }
        }
    }

    /// Polls one number while it is onboarding, reporting every change; resolves
    /// with the number once its status is anything else.
    pub async fn wait_for_onboarding(
        &self,
        id: &str,
        interval_ms: u32,
        timeout_ms: u32,
        on_update: &dyn Fn(&PhoneNumber),
        signal: Option<&AbortSignal>,
    ) -> Result<PhoneNumber, Error> {
        if !(100..=3_600_000).contains(&interval_ms) {
            return Err(Error::invalid_input(
                "options.intervalMs",
                "must be between 100 and 3600000",
            ));
        }
        if timeout_ms < interval_ms {
            return Err(Error::invalid_input(
                "options.timeoutMs",
                "must be at least intervalMs",
            ));
        }
        // The longest a timer waits (setTimeout's signed 32 bits, 24.8 days):
        // a longer one fired at once, and the watch ended `timeout` after 5 ms.
        if timeout_ms > 2_147_483_647 {
            return Err(Error::invalid_input(
                "options.timeoutMs",
                "must be at most 2147483647 (24.8 days, the longest a timer waits)",
            ));
        }
        let (joined, deadline) = crate::transport::call_signal(signal, timeout_ms);
        let mut last: Option<(Status, Option<String>)> = None;
        let started = js_sys::Date::now();
        // The watch cut short: by the caller, or by its own deadline.
        let ended = || {
            if signal.is_some_and(AbortSignal::aborted) {
                Error::Aborted {
                    message: "the caller stopped watching".to_owned(),
                }
            } else {
                Error::Timeout {
                    ms: u64::from(timeout_ms),
                }
            }
        };
        loop {
            let polled = self.get_phone_number(id, Some(&joined)).await;
            // A provider asking for a longer wait than one request may take
            // is waited out here, within the watch's own deadline: a LORA key
            // at its minute's limit asked for 59 s, and the watch (10 minutes)
            // died after 1 s. A wait past the deadline ends it with that
            // answer, which says how long.
            if let Err(error) = &polled {
                if let (ErrorKind::RateLimited, Some(ms)) = (error.kind(), error.retry_after_ms()) {
                    let left = f64::from(timeout_ms) - (js_sys::Date::now() - started);
                    if ms as f64 >= left {
                        return polled;
                    }
                    if sleep(ms.max(1) as u32, &joined).await.is_err() {
                        return Err(ended());
                    }
                    continue;
                }
            }
            let number = polled.map_err(|e| match e {
                // A request cut by the watch's deadline: the watch timed out.
                Error::Aborted { .. } | Error::Timeout { .. }
                    if deadline.aborted() && !signal.is_some_and(AbortSignal::aborted) =>
                {
                    ended()
                }
                other => other,
            })?;
            let state = (number.status, number.raw_status.clone());
            if last.as_ref() != Some(&state) {
                on_update(&number);
                last = Some(state);
            }
            if number.status != Status::Onboarding {
                return Ok(number);
            }
            if sleep(interval_ms, &joined).await.is_err() {
                return Err(ended());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{AdaptiveWindow, Collector, Pages, Reader};
    use crate::{Client, ClientConfig, FetchTransport};
    use wa_numbers_core::{ListQuery, Page, PhoneNumber, Progress, Provider};

    /// A Meta client of three WABAs (no request is sent: the reader and
    /// its collector are driven by hand).
    fn meta_client() -> Client {
        let config = ClientConfig {
            provider: Provider::Meta,
            base_url: "https://graph.invalid/v24.0".to_owned(),
            api_key: Some("token".to_owned()),
            waba_id: Some(["w1", "w2", "w3"].map(str::to_owned).to_vec()),
            timeout_ms: None,
            retries: None,
            concurrency: Some(3),
            requests_per_minute: None,
            requests_per_second: None,
        };
        Client::with_transport(config, std::rc::Rc::new(FetchTransport)).unwrap()
    }

    /// An empty Meta page, with a next cursor or none.
    fn page(next_cursor: Option<String>) -> Page {
        Page {
            numbers: Vec::new(),
            total: 0,
            page: None,
            page_size: None,
            pages: None,
            next_cursor,
        }
    }

    /// With the window shrunk, several WABAs' answers ask for their next
    /// page before there is room to send one: each is sent later, none is
    /// forgotten (one slot kept the last only, and the list ended short
    /// yet said complete).
    #[test]
    fn a_waba_whose_next_page_waits_for_room_is_not_forgotten() {
        let client = meta_client();
        let on_page = |_: &[PhoneNumber], _: Progress| {};
        let mut c = Collector::new(&client, Pages::Lent(&on_page));
        let mut reader = Reader::new(&client, &ListQuery::default()).unwrap();
        let first: Vec<_> = std::iter::from_fn(|| reader.next_task(&mut c)).collect();
        assert_eq!(first.len(), 3, "one first page per WABA");
        for task in &first {
            let waba = task.query.waba_id.clone().unwrap();
            let page = page(Some(["after-", &waba].concat()));
            reader.answer(&client, &mut c, task.part, task.page_no, page);
        }
        let mut next: Vec<_> = std::iter::from_fn(|| reader.next_task(&mut c))
            .map(|t| (t.query.waba_id.unwrap(), t.query.after.unwrap()))
            .collect();
        next.sort();
        let want: Vec<_> = ["w1", "w2", "w3"]
            .iter()
            .map(|w| (w.to_string(), ["after-", w].concat()))
            .collect();
        assert_eq!(next, want, "every WABA's second page");
        for _ in &next {
            reader.answer(&client, &mut c, 0, 0, page(None));
        }
        assert!(reader.complete());
    }

    #[test]
    fn the_window_halves_on_a_wait_and_grows_back_slowly() {
        let mut w = AdaptiveWindow::new(8);
        w.on_page(true);
        assert_eq!(w.size, 4);
        // The seven pages sent before the cut: their waits do not cut again.
        for _ in 0..7 {
            w.on_page(true);
        }
        assert_eq!(w.size, 4, "one cut per round");
        w.on_page(true);
        assert_eq!(w.size, 2);
        for _ in 0..3 {
            w.on_page(false);
        }
        w.on_page(true);
        assert_eq!(w.size, 1, "a wait in the next round cuts again");
        w.on_page(true);
        assert_eq!(w.size, 1, "never below one");
        for _ in 0..2 {
            w.on_page(false);
        }
        assert_eq!(w.size, 2, "one more after two calm pages at size 1");
        for _ in 0..4 {
            w.on_page(false);
        }
        assert_eq!(w.size, 3);
        for _ in 0..100 {
            w.on_page(false);
        }
        assert_eq!(w.size, 8, "back to the configured concurrency, not past it");
    }
}
