//! What the summary counts and the filter bar compares, per number, in a few
//! small arrays. A keystroke at 100,000 rows counts and filters every row
//! shown; read through the numbers themselves, in table order, that was a
//! jump to a scattered 200-byte struct and a hash of its WABA id per row.

use wa_numbers_core::hash::FastMap;

use wa_numbers_core::{PhoneNumber, QualityRating, Status};

/// `capacity` of a number that cannot send now (banned, onboarding, limit
/// reached): it adds nothing to its WABA's capacity.
pub const NOT_SENDING: u64 = u64::MAX;
/// `capacity` of a number with no daily limit.
pub const UNLIMITED: u64 = u64::MAX - 1;

/// Compact facts of every number of a list, in the list's order.
#[derive(Debug, Clone, Default)]
pub struct RowFacts {
    /// Per number: its status's place in [`Status::ALL`].
    pub status: Vec<u8>,
    /// Per number: its quality's place in [`QualityRating::ALL`].
    pub quality: Vec<u8>,
    /// Per number: its WABA's place in `wabas`.
    pub waba: Vec<u32>,
    /// Per number: its known daily limit if it can send now, or
    /// [`UNLIMITED`], or [`NOT_SENDING`].
    pub capacity: Vec<u64>,
    /// Every WABA id met, in order of first appearance ("" for none).
    pub wabas: Vec<String>,
    ordinals: FastMap<String, u32>,
    /// The id of the last number read: the list grew by appending if the
    /// number at that place still has it.
    last_id: Option<String>,
}

/// A status's place in [`Status::ALL`].
pub fn status_code(status: Status) -> u8 {
    Status::ALL.iter().position(|s| *s == status).unwrap_or(4) as u8
}

/// A quality's place in [`QualityRating::ALL`].
pub fn quality_code(quality: QualityRating) -> u8 {
    QualityRating::ALL
        .iter()
        .position(|q| *q == quality)
        .unwrap_or(3) as u8
}

impl RowFacts {
    /// The facts of `numbers`, reusing `previous` when the list only grew at
    /// its end (pages arriving). A list as long as before changed in place (a
    /// number replaced, as when its onboarding ends): read again whole, or
    /// the summary would go on counting the number's old status.
    pub fn update(previous: Option<RowFacts>, numbers: &[PhoneNumber]) -> RowFacts {
        let mut facts = match previous {
            Some(p) if p.status.len() < numbers.len() && p.last_id_matches(numbers) => p,
            _ => RowFacts::default(),
        };
        for n in numbers.get(facts.status.len()..).unwrap_or_default() {
            facts.push(n);
        }
        facts.last_id = numbers.last().map(|n| n.id.clone());
        facts
    }

    fn last_id_matches(&self, numbers: &[PhoneNumber]) -> bool {
        let last = self
            .status
            .len()
            .checked_sub(1)
            .and_then(|i| numbers.get(i));
        last.map(|n| &n.id) == self.last_id.as_ref()
    }

    fn push(&mut self, n: &PhoneNumber) {
        self.status.push(status_code(n.status));
        self.quality.push(quality_code(n.quality_rating));
        let id = n.waba_id.as_deref().unwrap_or("");
        let waba = match self.ordinals.get(id) {
            Some(&w) => w,
            None => {
                let w = self.wabas.len() as u32;
                self.wabas.push(id.to_owned());
                self.ordinals.insert(id.to_owned(), w);
                w
            }
        };
        self.waba.push(waba);
        self.capacity.push(if !n.status.can_send() {
            NOT_SENDING
        } else if n.messaging_limit.unlimited {
            UNLIMITED
        } else {
            n.messaging_limit
                .daily_limit
                .unwrap_or(0)
                .min(UNLIMITED - 1)
        });
    }

    /// How many numbers the facts are of.
    pub fn len(&self) -> usize {
        self.status.len()
    }

    /// Whether there are no numbers.
    pub fn is_empty(&self) -> bool {
        self.status.is_empty()
    }

    /// The place of WABA `id` in `wabas`, if any number has it.
    pub fn waba_ordinal(&self, id: &str) -> Option<u32> {
        self.ordinals.get(id).copied()
    }
}
