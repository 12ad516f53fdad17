//! Spreading one campaign over several numbers (DESIGN.md, `planCampaign`).

use serde::{Deserialize, Serialize};
use std::collections::BinaryHeap;

use crate::hash::FastMap;
use crate::{Campaign, LimitScope, PhoneNumber, RuleView};

/// Recipients given to one number.
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Assignment {
    /// The number's id.
    pub phone_number_id: String,
    /// How many recipients it sends to.
    pub recipients: u64,
}

/// A campaign spread over numbers.
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// Numbers that send, greatest capacity first; numbers given nothing are left out.
    pub assignments: Vec<Assignment>,
    /// Recipients no number could take.
    pub unassigned: u64,
}

/// What a number's recipients count against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Pool<'a> {
    /// A WABA's shared limit (limit scope "waba").
    Waba(&'a str),
    /// The number's own limit.
    Number(&'a str),
}

/// Daily capacity for ordering and filling: `None` is unlimited.
fn capacity(rules: &RuleView<'_>) -> Option<u64> {
    if rules.unlimited {
        None
    } else {
        rules.daily_limit
    }
}

/// What the planner reads of one number, borrowed: a [`PhoneNumber`]'s
/// fields, or the same fields packed by JS (`json::columns`) without
/// building one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanView<'a> {
    /// The number's id.
    pub id: &'a str,
    /// Its WABA, if known.
    pub waba_id: Option<&'a str>,
    /// What the readiness rules read (status, quality, limit).
    pub rules: RuleView<'a>,
}

impl<'a> From<&'a PhoneNumber> for PlanView<'a> {
    fn from(n: &'a PhoneNumber) -> Self {
        PlanView {
            id: &n.id,
            waba_id: n.waba_id.as_deref(),
            rules: RuleView::from(n),
        }
    }
}

/// Orders capacities greatest first, unlimited before any number.
fn greater_first(a: Option<u64>, b: Option<u64>) -> std::cmp::Ordering {
    match (a, b) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (Some(x), Some(y)) => y.cmp(&x),
    }
}

/// A number waiting for its share, with the capacity of its pool. Ordered
/// for a max-heap: the greatest is served first, that is the greatest pool
/// capacity (unlimited above any), then within a WABA the greatest limit of
/// its own, then the smallest id. Its own limit comes before the id so that a
/// WABA's campaign goes to the number its own detail says can carry it (an
/// unlimited number before a 10K one of the same WABA), not to the first id.
struct Turn<'a> {
    id: &'a str,
    pool: Pool<'a>,
    capacity: Option<u64>,
    own: Option<u64>,
}

impl Ord for Turn<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        greater_first(self.capacity, other.capacity)
            .then_with(|| greater_first(self.own, other.own))
            .then_with(|| self.id.cmp(other.id))
            .reverse()
    }
}

impl PartialOrd for Turn<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Turn<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Turn<'_> {}

/// Spreads `campaign.recipients` over the numbers that are ready apart from
/// their tier: status CONNECTED/DEGRADED, quality at least `min_quality`, known
/// tier. Greatest daily limit first (unlimited first of all), ties by id; each
/// number is filled to its limit before the next. Under [`LimitScope::Waba`],
/// numbers with the same `wabaId` share one limit, the greatest tier among
/// them, and the group is never given more than that.
pub fn plan_campaign<'a>(
    numbers: impl IntoIterator<Item = &'a PhoneNumber>,
    campaign: &Campaign,
) -> Plan {
    plan_views(&mut numbers.into_iter().map(PlanView::from), campaign)
}

/// [`plan_campaign`] over what the planner reads of each number. Not
/// generic: one copy of the planner in the wasm serves the numbers packed
/// by JS and the ones read as JSON, neither built into a [`PhoneNumber`].
/// `#[inline]`: compiled in the crate that calls it, the npm package's at
/// opt-level "z" (the core's "s" is for its parsers).
#[inline]
pub fn plan_views<'a>(
    numbers: &mut dyn Iterator<Item = PlanView<'a>>,
    campaign: &Campaign,
) -> Plan {
    let eligible: Vec<PlanView<'a>> = numbers
        .filter(|n| {
            n.rules.status.can_send()
                && n.rules.quality_rating.meets(campaign.min_quality)
                && (n.rules.unlimited || n.rules.daily_limit.is_some())
        })
        .collect();

    // The pool a number draws on: itself, or its WABA under the "waba" scope.
    // Numbers without a wabaId are a pool of their own. Keys borrow: planning
    // runs on every keystroke of the dashboard's filter.
    let pool_of = |n: &PlanView<'a>| -> Pool<'a> {
        match (campaign.limit_scope, n.waba_id) {
            (LimitScope::Waba, Some(waba)) => Pool::Waba(waba),
            _ => Pool::Number(n.id),
        }
    };
    let mut pool_capacity: FastMap<Pool<'a>, Option<u64>> =
        FastMap::with_capacity_and_hasher(eligible.len(), Default::default());
    for n in &eligible {
        let own = capacity(&n.rules);
        pool_capacity
            .entry(pool_of(n))
            .and_modify(|c| {
                if greater_first(own, *c).is_lt() {
                    *c = own;
                }
            })
            .or_insert(own);
    }

    // A heap, not a sorted list: built in linear time, and only the numbers
    // that take recipients are ever ordered (a campaign is often covered by
    // the first few). It is also 4 KB less wasm (1.7 KB gzip) than the
    // std sort_unstable it replaces.
    let mut order: BinaryHeap<Turn<'a>> = eligible
        .into_iter()
        .map(|n| {
            let pool = pool_of(&n);
            Turn {
                id: n.id,
                pool,
                // Every pool was registered above; Some(0) is never used.
                capacity: pool_capacity.get(&pool).copied().unwrap_or(Some(0)),
                own: capacity(&n.rules),
            }
        })
        .collect();

    let mut remaining = campaign.recipients;
    let mut assignments = Vec::new();
    while remaining > 0 {
        let Some(Turn { id, pool, .. }) = order.pop() else {
            break;
        };
        let Some(pool_left) = pool_capacity.get_mut(&pool) else {
            continue;
        };
        let take = match pool_left {
            None => remaining,
            Some(left) => remaining.min(*left),
        };
        if take == 0 {
            continue;
        }
        if let Some(left) = pool_left {
            *left -= take;
        }
        remaining -= take;
        assignments.push(Assignment {
            phone_number_id: id.to_owned(),
            recipients: take,
        });
    }
    Plan {
        assignments,
        unassigned: remaining,
    }
}
