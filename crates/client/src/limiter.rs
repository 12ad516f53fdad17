//! Staying inside the request rates a provider documents, so that it never has
//! to answer 429 because of us: LORA allows 1,000 requests a minute per key,
//! in bursts of at most 50 a second. Every client of the same provider, base
//! URL and credential in this thread shares one window, as the provider counts.

use std::cell::RefCell;
use std::rc::Rc;

/// A documented request rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests in any 60 seconds.
    pub per_minute: u32,
    /// Requests in any second.
    pub per_second: u32,
}

/// The provider counts a request when it arrives, which is some moment
/// between our sending it and its answer coming back: a request still in
/// flight may yet be counted, and an answered one was counted before its
/// answer. So each request holds its place in the windows from when it is sent
/// until a whole window after its answer. That is safe whatever the network
/// adds (a first burst that opens fifty connections arrives over a few hundred
/// ms; a fixed margin of 10% was not enough and cost 49 answers of 429 and a
/// whole extra minute on 2,000 LORA calls), and costs one latency per window.
/// `SLACK_MS` covers clocks that count in whole milliseconds.
const SLACK_MS: f64 = 5.0;
const MINUTE_MS: f64 = 60_000.0 + SLACK_MS;
const SECOND_MS: f64 = 1_000.0 + SLACK_MS;

/// The requests of the last minute as the provider may count them.
#[derive(Debug, Default)]
pub struct Window {
    /// When the answers of the last minute came back (ms), oldest first. A
    /// `Vec`, not a `VecDeque`: it holds at most a minute's requests (LORA:
    /// 1,000), so shifting it to drop the oldest costs little, and the
    /// deque's code was 1.3 KB of the npm package's wasm (0.5 KB gzip).
    answered: Vec<f64>,
    /// Requests sent whose answer has not come back.
    in_flight: usize,
    /// No request before this time (ms): the provider said its budget is
    /// nearly used.
    not_before: f64,
}

/// From this share of its budget used (Meta's usage header), requests are
/// spaced out; at 100% by `SLOWEST_MS`.
const SLOW_FROM_PERCENT: u64 = 75;
const SLOWEST_MS: f64 = 2_000.0;

impl Window {
    /// How long to wait (ms) before one more request fits `limit` at `now`;
    /// 0 means it fits and is counted as in flight until [`Window::answered`].
    pub fn admit(&mut self, now: f64, limit: Option<RateLimit>) -> f64 {
        self.answered.retain(|t| now - t < MINUTE_MS);
        if now < self.not_before {
            return self.not_before - now;
        }
        let mut wait: f64 = 0.0;
        if let Some(limit) = limit {
            let per_second = limit.per_second as usize;
            let per_minute = limit.per_minute as usize;
            wait = wait.max(self.wait_for(now, per_minute, MINUTE_MS, 0));
            let old = self.answered.partition_point(|t| now - t >= SECOND_MS);
            wait = wait.max(self.wait_for(now, per_second, SECOND_MS, old));
        }
        if wait <= 0.0 {
            self.in_flight += 1;
        }
        wait
    }

    /// The wait before fewer than `limit` requests hold a place in a window of
    /// `span` ms, the answers before `from` having left it already.
    fn wait_for(&self, now: f64, limit: usize, span: f64, from: usize) -> f64 {
        let held = self.in_flight + self.answered.len() - from;
        if limit == 0 || held < limit {
            return 0.0;
        }
        // The oldest answers leave first; a request still in flight leaves a
        // whole span after its answer, which is not before now.
        match self.answered.get(from + held - limit) {
            Some(t) => t + span - now,
            None => span,
        }
    }

    /// A request admitted earlier got its answer (or failed, or was
    /// cancelled) at `now`.
    pub fn answered(&mut self, now: f64) {
        self.in_flight = self.in_flight.saturating_sub(1);
        let at = self.answered.partition_point(|t| *t <= now);
        self.answered.insert(at, now);
    }
}

thread_local! {
    /// One window per (provider, base URL, credential fingerprint).
    static WINDOWS: RefCell<Vec<(String, Rc<RefCell<Window>>)>> = const { RefCell::new(Vec::new()) };
}

/// The shared window of `key` (never the credential itself: a fingerprint).
pub fn window(key: String) -> Rc<RefCell<Window>> {
    WINDOWS.with(|all| {
        let mut all = all.borrow_mut();
        if let Some((_, w)) = all.iter().find(|(k, _)| *k == key) {
            return w.clone();
        }
        let w = Rc::new(RefCell::new(Window::default()));
        all.push((key, w.clone()));
        w
    })
}

/// A non-reversible fingerprint of a credential (FNV-1a), to tell keys apart
/// without keeping a second copy of one.
pub fn fingerprint(secret: &str) -> u64 {
    wa_numbers_core::hash::fnv1a_of(secret.as_bytes())
}

impl Window {
    /// The provider says `percent` of its budget is used: past 75%, the next
    /// request waits, longer the nearer it is to 100% (Meta would throttle
    /// the whole business there, for minutes).
    pub fn used(&mut self, now: f64, percent: u64) {
        if percent >= SLOW_FROM_PERCENT {
            let share =
                (percent.min(100) - SLOW_FROM_PERCENT) as f64 / (100 - SLOW_FROM_PERCENT) as f64;
            self.not_before = self.not_before.max(now + share * SLOWEST_MS);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Admits at `now` and answers at `answer`: whether it was admitted.
    fn send(w: &mut Window, now: f64, answer: f64, limit: Option<RateLimit>) -> f64 {
        let wait = w.admit(now, limit);
        if wait <= 0.0 {
            w.answered(answer);
        }
        wait
    }

    #[test]
    fn bursts_and_minutes_are_bounded() {
        let limit = Some(RateLimit {
            per_minute: 10,
            per_second: 3,
        });
        let mut w = Window::default();
        for _ in 0..3 {
            assert_eq!(send(&mut w, 0.0, 50.0, limit), 0.0);
        }
        // The fourth waits until the first answer is a second old.
        assert_eq!(w.admit(200.0, limit), 855.0);
        for t in [1_055.0, 1_055.0, 1_055.0, 2_200.0, 2_200.0, 2_200.0] {
            assert_eq!(send(&mut w, t, t + 50.0, limit), 0.0);
        }
        assert_eq!(send(&mut w, 3_300.0, 3_350.0, limit), 0.0);
        // Ten in the minute: the next waits until the first answer is a minute old.
        assert_eq!(w.admit(3_500.0, limit), 56_555.0);
        assert_eq!(w.admit(60_055.0, limit), 0.0);
    }

    #[test]
    fn a_request_counts_until_a_window_after_its_answer() {
        // The provider counts on arrival, anywhere up to the answer: three
        // sent at 0 but answered at 300 (a slow first connection) may have
        // been counted at 299, so a fourth at 1,100 could be the fourth in
        // the provider's second. It waits until 1,305.
        let limit = Some(RateLimit {
            per_minute: 0,
            per_second: 3,
        });
        let mut w = Window::default();
        for _ in 0..3 {
            assert_eq!(send(&mut w, 0.0, 300.0, limit), 0.0);
        }
        assert_eq!(w.admit(1_100.0, limit), 205.0);
        assert_eq!(w.admit(1_305.0, limit), 0.0);
        // Requests still in flight hold their places: nothing can leave
        // before a second from now.
        assert_eq!(w.admit(1_305.0, limit), 0.0);
        assert_eq!(w.admit(1_305.0, limit), 0.0);
        assert_eq!(w.admit(1_400.0, limit), SECOND_MS);
        w.answered(1_500.0);
        assert_eq!(w.admit(1_600.0, limit), 905.0);
    }

    #[test]
    fn a_nearly_used_budget_spaces_requests_out() {
        let mut w = Window::default();
        w.used(0.0, 50);
        assert_eq!(w.admit(0.0, None), 0.0);
        w.used(0.0, 100);
        assert_eq!(w.admit(500.0, None), 1_500.0);
        assert_eq!(w.admit(2_000.0, None), 0.0);
    }
}
