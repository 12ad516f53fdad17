//! Staying inside the request rates a provider documents, so that it never has
//! to answer 429 because of us: LORA allows 1,000 requests a minute per key,
//! in bursts of at most 50 a second. Every client of the same provider, base
//! URL and credential in this thread shares one window, as the provider counts.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

/// A documented request rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests in any 60 seconds.
    pub per_minute: u32,
    /// Requests in any second.
    pub per_second: u32,
}

/// The provider counts when a request arrives, we when it leaves: requests
/// sent a second apart can arrive closer. The windows are this much longer
/// than the provider's, so what we admit it admits.
const MARGIN: f64 = 1.1;

/// The requests sent in the last minute, oldest first (ms timestamps).
#[derive(Debug, Default)]
pub struct Window {
    sent: VecDeque<f64>,
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
    /// 0 means it fits, and it is counted.
    pub fn admit(&mut self, now: f64, limit: Option<RateLimit>) -> f64 {
        if now < self.not_before {
            return self.not_before - now;
        }
        let Some(limit) = limit else {
            return 0.0;
        };
        let (minute, second) = (60_000.0 * MARGIN, 1_000.0 * MARGIN);
        while self.sent.front().is_some_and(|t| now - t >= minute) {
            self.sent.pop_front();
        }
        let len = self.sent.len();
        let mut wait: f64 = 0.0;
        let (per_minute, per_second) = (limit.per_minute as usize, limit.per_second as usize);
        if per_minute > 0 && len >= per_minute {
            // The request that leaves the minute first makes room.
            wait = wait.max(self.sent[len - per_minute] + minute - now);
        }
        if per_second > 0 && len >= per_second {
            wait = wait.max(self.sent[len - per_second] + second - now);
        }
        if wait <= 0.0 {
            self.sent.push_back(now);
            0.0
        } else {
            wait
        }
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
    secret.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
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

    #[test]
    fn bursts_and_minutes_are_bounded() {
        let limit = RateLimit {
            per_minute: 10,
            per_second: 3,
        };
        let limit = Some(limit);
        let mut w = Window::default();
        let admitted: Vec<f64> = (0..3).map(|_| w.admit(0.0, limit)).collect();
        assert_eq!(admitted, vec![0.0; 3]);
        // The fourth waits for the first to leave the second (and the margin).
        assert_eq!(w.admit(200.0, limit), 900.0);
        assert_eq!(w.admit(1_100.0, limit), 0.0);
        for t in [1_100.0, 1_100.0, 2_200.0, 2_200.0, 2_200.0] {
            assert_eq!(w.admit(t, limit), 0.0);
        }
        assert_eq!(w.admit(3_300.0, limit), 0.0);
        // Ten in the minute: the next waits until the first is a minute old.
        assert_eq!(w.admit(3_500.0, limit), 62_500.0);
        assert_eq!(w.admit(66_000.0, limit), 0.0);
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
