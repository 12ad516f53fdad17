//! Paging plans for reading a whole list: which pages remain after the first,
//! and whether a numbered-page cap cuts the list.

/// The pages still to read after page 1, and whether the provider's page cap
/// leaves rows unreachable by this query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PagePlan {
    /// Page numbers to request, in order (page 1 is already read).
    pub remaining: Vec<u32>,
    /// `true` when `total` is more than `max_page_no × page_size` rows.
    pub capped: bool,
}

/// Plans the pages after page 1 for a query of `total` rows. The page count is
/// derived from `total` only (a provider's `pages` may lie) and never exceeds
/// `max_page_no`, so a lying `total` cannot make a reader loop forever.
pub fn plan_pages(total: u64, page_size: u32, max_page_no: u32) -> PagePlan {
    let page_size = u64::from(page_size.max(1));
    let needed = total.div_ceil(page_size);
    let last = needed.min(u64::from(max_page_no)) as u32;
    PagePlan {
        remaining: (2..=last).collect(),
        capped: needed > u64::from(max_page_no),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_pages_after_the_first() {
        assert_eq!(
            plan_pages(0, 100, 100),
            PagePlan {
                remaining: vec![],
                capped: false
            }
        );
        assert_eq!(
            plan_pages(100, 100, 100),
            PagePlan {
                remaining: vec![],
                capped: false
            }
        );
        assert_eq!(
            plan_pages(101, 100, 100),
            PagePlan {
                remaining: vec![2],
                capped: false
            }
        );
        let full = plan_pages(10_000, 100, 100);
        assert_eq!((full.remaining.len(), full.capped), (99, false));
        let over = plan_pages(25_000, 100, 100);
        assert_eq!((over.remaining.len(), over.capped), (99, true));
        let huge = plan_pages(u64::MAX, 1, 100);
        assert_eq!((huge.remaining.len(), huge.capped), (99, true));
    }
}

/// Every number of a query, read page by page (`listAllPhoneNumbers`).
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListAll {
    /// Every number read, once each (merged by id), in provider order.
    pub numbers: Vec<crate::PhoneNumber>,
    /// What the provider said the query matches, from the first page.
    pub total: u64,
    /// `true` when some numbers could not be reached (AntGst's 100-page cap with
    /// no way left to split the query, or the request budget ran out).
    pub truncated: bool,
    /// `true` when the provider's `total` changed while the pages were read.
    pub total_changed: bool,
    /// HTTP requests this took (retries not counted).
    pub requests: u32,
    /// Times the provider asked to wait and the load waited (see [`Progress`]).
    pub throttled: u32,
}

/// Progress of a `listAll`, reported after each page.
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// Distinct numbers read so far.
    pub loaded: u64,
    /// The total the provider announced (Meta announces none: the count so far).
    pub total: u64,
    /// Requests sent so far.
    pub requests: u32,
    /// Times the provider asked to wait (HTTP 429, Meta's throttling codes) and
    /// the client waited while this load ran: it slows down, it does not fail.
    /// Other calls of the same client running meanwhile count too (they
    /// spend the same budget at the provider).
    pub throttled: u32,
}
