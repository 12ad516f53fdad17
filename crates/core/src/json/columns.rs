//! Numbers for the rules from columns a JS packer filled (the npm package's
//! `packRuleNumbers` in `crates/client/js/wire.js`), instead of from
//! `JSON.stringify` text: reading ten fields of 10,000 objects in JS and
//! handing over one array costs a fraction of writing and re-reading them as
//! JSON.
//!
//! Accepts exactly what the strict reader accepts the same way, or nothing:
//! on `None` the caller takes the strict path, which names what is wrong. The
//! packer sends only plain objects whose fields have the JSON types the
//! reader wants; this side checks the values (enum names, indexes).

use super::read::{named, MAX_RECIPIENTS};
use crate::{Campaign, LimitScope, MessagingLimit, PhoneNumber, QualityRating, RuleView, Status};

/// Slots per number: id, wabaId, status, rawStatus, qualityRating, tier,
/// dailyLimit, unlimited, throughput. A text slot holds the number of a
/// string (see [`rule_numbers`]) or [`ABSENT`]; `dailyLimit` a whole number
/// or [`ABSENT`] for `null`; `unlimited` 0 or 1.
pub const SLOTS: usize = 9;

/// An absent text (`null`, not there) or a `null` daily limit.
pub const ABSENT: f64 = -1.0;

/// One packed number: what the rules read, and the id and WABA plans name.
#[derive(Debug, Clone, Copy)]
pub struct Packed<'a> {
    /// The id (empty when the packer left ids out).
    pub id: &'a str,
    /// The WABA id, if any (and if packed).
    pub waba_id: Option<&'a str>,
    /// What the readiness rules read.
    pub rules: RuleView<'a>,
}

impl Packed<'_> {
    /// The number as a [`PhoneNumber`] with only these fields (as the
    /// strict reader's `RulesNumber` has them).
    pub fn to_number(&self) -> PhoneNumber {
        let r = &self.rules;
        let mut n = PhoneNumber::bare(
            self.id.to_owned(),
            r.status,
            r.quality_rating,
            MessagingLimit {
                tier: r.tier.to_owned(),
                daily_limit: r.daily_limit,
                unlimited: r.unlimited,
            },
        );
        n.waba_id = self.waba_id.map(str::to_owned);
        n.raw_status = r.raw_status.map(str::to_owned);
        n.throughput = r.throughput.map(str::to_owned);
        n
    }
}

/// The numbers packed in `columns`: `columns[0]` is the count of strings,
/// then [`SLOTS`] per number, then each string's length in UTF-16 units;
/// the strings themselves are `joined`, one after another. Borrowed from
/// `joined`: nothing is allocated per number.
pub fn packed_numbers<'a>(
    columns: &[f64],
    count: usize,
    joined: &'a str,
) -> Option<Vec<Packed<'a>>> {
    numbers_of(columns, count, &strings_of(columns, count, joined)?)
}

/// Slots of a packed campaign: recipients, minQuality, limitScope. A text
/// slot holds the number of a string of the numbers' table, or [`ABSENT`]
/// when the field is left out (its default then).
pub const CAMPAIGN_SLOTS: usize = 3;

/// The numbers packed in `columns` (as [`packed_numbers`]) and the campaign
/// packed in `campaign` ([`CAMPAIGN_SLOTS`]), whose names are strings of
/// the same table: what one `evaluateReadiness` call reads, from one
/// crossing. `None` when the strict reader must read either.
pub fn packed_with_campaign<'a>(
    columns: &[f64],
    count: usize,
    campaign: &[f64],
    joined: &'a str,
) -> Option<(Vec<Packed<'a>>, Campaign)> {
    let strings = strings_of(columns, count, joined)?;
    let &[recipients, min_quality, limit_scope] = campaign else {
        return None;
    };
    let recipients = whole(recipients).filter(|r| *r <= MAX_RECIPIENTS)?;
    let mut read = Campaign::new(recipients);
    if min_quality != ABSENT {
        let name = strings.get(index(min_quality)?)?;
        read.min_quality = named(&QualityRating::ALL, &QualityRating::NAMES, true, name)?;
    }
    if limit_scope != ABSENT {
        let name = strings.get(index(limit_scope)?)?;
        read.limit_scope = named(&LimitScope::ALL, &LimitScope::NAMES, true, name)?;
    }
    Some((numbers_of(columns, count, &strings)?, read))
}

/// The numbers' slots of `columns`, their texts cut from `strings`.
fn numbers_of<'a>(columns: &[f64], count: usize, strings: &[&'a str]) -> Option<Vec<Packed<'a>>> {
    let slots = columns.get(1..1 + count.checked_mul(SLOTS)?)?;
    // Each distinct string is judged once (statuses repeat on every number).
    let mut statuses: Vec<Option<Option<Status>>> = vec![None; strings.len()];
    let mut qualities: Vec<Option<Option<QualityRating>>> = vec![None; strings.len()];
    let text = |slot: f64| -> Option<Option<&'a str>> {
        if slot == ABSENT {
            return Some(None);
        }
        strings.get(index(slot)?).map(|s| Some(*s))
    };
    let mut numbers = Vec::with_capacity(count);
    for number in slots.chunks_exact(SLOTS) {
        let &[id, waba_id, status, raw_status, quality, tier, daily_limit, unlimited, throughput] =
            number
        else {
            return None;
        };
        let status = {
            let i = index(status)?;
            let cached = statuses.get_mut(i)?;
            (*cached.get_or_insert_with(|| {
                strings
                    .get(i)
                    .and_then(|s| named(&Status::ALL, &Status::NAMES, true, s))
            }))?
        };
        let quality_rating = {
            let i = index(quality)?;
            let cached = qualities.get_mut(i)?;
            (*cached.get_or_insert_with(|| {
                strings
                    .get(i)
                    .and_then(|s| named(&QualityRating::ALL, &QualityRating::NAMES, true, s))
            }))?
        };
        let daily_limit = if daily_limit == ABSENT {
            None
        } else {
            Some(whole(daily_limit)?)
        };
        let unlimited = match unlimited {
            0.0 => false,
            1.0 => true,
            _ => return None,
        };
        numbers.push(Packed {
            id: text(id)??,
            waba_id: text(waba_id)?,
            rules: RuleView {
                status,
                raw_status: text(raw_status)?,
                quality_rating,
                tier: text(tier)??,
                daily_limit,
                unlimited,
                throughput: text(throughput)?,
            },
        });
    }
    Some(numbers)
}

/// [`packed_numbers`] as [`PhoneNumber`]s.
pub fn rule_numbers(columns: &[f64], count: usize, joined: &str) -> Option<Vec<PhoneNumber>> {
    packed_numbers(columns, count, joined).map(|n| n.iter().map(Packed::to_number).collect())
}

/// The strings of `joined` cut by the lengths after the numbers' slots.
fn strings_of<'a>(columns: &[f64], count: usize, joined: &'a str) -> Option<Vec<&'a str>> {
    let strings = index(*columns.first()?)?;
    let start = 1 + count.checked_mul(SLOTS)?;
    let lengths = columns.get(start..start.checked_add(strings)?)?;
    let ascii = joined.is_ascii();
    let mut out = Vec::with_capacity(strings);
    let mut rest = joined;
    for &units in lengths {
        let units = index(units)?;
        let bytes = if ascii { units } else { utf8_len(rest, units)? };
        let (s, tail) = (rest.get(..bytes)?, rest.get(bytes..)?);
        out.push(s);
        rest = tail;
    }
    rest.is_empty().then_some(out)
}

/// The byte length of the first `units` UTF-16 units of `text`, if they end
/// on a character boundary.
fn utf8_len(text: &str, units: usize) -> Option<usize> {
    let mut seen = 0;
    for (i, c) in text.char_indices() {
        if seen == units {
            return Some(i);
        }
        seen += c.len_utf16();
    }
    (seen == units).then_some(text.len())
}

/// A slot as an index (a whole number from 0).
fn index(slot: f64) -> Option<usize> {
    let n = whole(slot)?;
    usize::try_from(n).ok()
}

/// A slot as a whole number from 0 up to 2⁵³ - 1 (exact in JS and here).
fn whole(slot: f64) -> Option<u64> {
    const MAX: f64 = 9_007_199_254_740_991.0;
    ((0.0..=MAX).contains(&slot) && slot.fract() == 0.0).then_some(slot as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns(numbers: &[[f64; SLOTS]], strings: &[&str]) -> (Vec<f64>, String) {
        let mut c = vec![strings.len() as f64];
        for n in numbers {
            c.extend_from_slice(n);
        }
        for s in strings {
            c.push(s.encode_utf16().count() as f64);
        }
        (c, strings.concat())
    }

    #[test]
    fn reads_what_the_strict_reader_would() {
        let strings = [
            "n1",
            "connected",
            " green ",
            "TIER_1K",
            "PENDING",
            "Città 😀",
            "HIGH",
            "Onboarding",
        ];
        let (c, joined) = columns(
            &[
                [0.0, ABSENT, 1.0, ABSENT, 2.0, 3.0, 1000.0, 0.0, ABSENT],
                [5.0, 5.0, 7.0, 4.0, 2.0, 3.0, ABSENT, 1.0, 6.0],
            ],
            &strings,
        );
        let numbers = rule_numbers(&c, 2, &joined).unwrap();
        assert_eq!(numbers[0].status, Status::Connected);
        assert_eq!(numbers[0].quality_rating, QualityRating::Green);
        assert_eq!(numbers[0].messaging_limit.daily_limit, Some(1000));
        assert_eq!(numbers[1].id, "Città 😀");
        assert_eq!(numbers[1].waba_id.as_deref(), Some("Città 😀"));
        assert_eq!(numbers[1].status, Status::Onboarding);
        assert_eq!(numbers[1].raw_status.as_deref(), Some("PENDING"));
        assert!(numbers[1].messaging_limit.unlimited);
        assert_eq!(numbers[1].throughput.as_deref(), Some("HIGH"));
    }

    #[test]
    fn leaves_everything_else_to_the_strict_reader() {
        let strings = ["n1", "CONNECTED", "GREEN", "TIER_1K", "SLEEPING"];
        let good = [0.0, ABSENT, 1.0, ABSENT, 2.0, 3.0, 1000.0, 0.0, ABSENT];
        let (c, joined) = columns(&[good], &strings);
        assert!(rule_numbers(&c, 1, &joined).is_some());
        for (slot, bad) in [
            (2, 4.0),    // status "SLEEPING"
            (4, 1.0),    // quality "CONNECTED"
            (2, ABSENT), // no status
            (0, ABSENT), // no id
            (5, ABSENT), // no tier
            (6, 1.5),    // a fractional limit
            (6, -2.0),   // a negative one
            (7, 2.0),    // unlimited neither 0 nor 1
            (1, 9.0),    // no such string
            (3, f64::NAN),
        ] {
            let mut n = good;
            n[slot] = bad;
            let (c, joined) = columns(&[n], &strings);
            assert!(
                rule_numbers(&c, 1, &joined).is_none(),
                "slot {slot} = {bad}"
            );
        }
        // Lengths that do not add up to the joined text.
        let (mut c, joined) = columns(&[good], &strings);
        *c.last_mut().unwrap() += 1.0;
        assert!(rule_numbers(&c, 1, &joined).is_none());
        assert!(rule_numbers(&c[..4], 1, &joined).is_none());
    }

    #[test]
    fn reads_a_campaign_as_the_strict_reader_would() {
        let strings = [
            "n1",
            "CONNECTED",
            "GREEN",
            "TIER_1K",
            " yellow ",
            "WABA",
            "blue",
        ];
        let number = [0.0, ABSENT, 1.0, ABSENT, 2.0, 3.0, 1000.0, 0.0, ABSENT];
        let (c, joined) = columns(&[number], &strings);
        let read = |campaign: [f64; CAMPAIGN_SLOTS]| {
            packed_with_campaign(&c, 1, &campaign, &joined).map(|(n, campaign)| {
                assert_eq!(n[0].rules.tier, "TIER_1K");
                campaign
            })
        };
        assert_eq!(read([5000.0, ABSENT, ABSENT]), Some(Campaign::new(5000)));
        let strict: Campaign = crate::json::FromJson::from_json(
            r#"{"recipients":7,"minQuality":" yellow ","limitScope":"WABA"}"#,
        )
        .unwrap();
        assert_eq!(read([7.0, 4.0, 5.0]), Some(strict));
        for bad in [
            [-1.0, ABSENT, ABSENT],                    // negative recipients
            [1.5, ABSENT, ABSENT],                     // fractional
            [9_007_199_254_740_992.0, ABSENT, ABSENT], // past 2^53 - 1
            [f64::NAN, ABSENT, ABSENT],
            [5.0, 6.0, ABSENT], // quality "blue"
            [5.0, ABSENT, 2.0], // scope "GREEN"
            [5.0, 9.0, ABSENT], // no such string
        ] {
            assert_eq!(read(bad), None, "{bad:?}");
        }
        assert!(packed_with_campaign(&c, 1, &[5.0, ABSENT], &joined).is_none());
    }
}
