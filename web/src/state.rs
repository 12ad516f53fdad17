//! The table's rows: filter, sort and summarize, on plain data (no DOM).

use std::cmp::Ordering;
use std::collections::HashMap;
use wa_numbers_core::text::fold_case;

use crate::route::{SortKey, ViewState};
use wa_numbers_core::{PhoneNumber, QualityRating, Status};

/// Whether `n` passes the view's filters. The text filter matches, ignoring
/// case, the number, names, id and WABA: `searchable` is their case-folded
/// text from [`SearchIndex`].
pub fn matches(n: &PhoneNumber, view: &ViewState, searchable: &str, needle_lower: &str) -> bool {
    view.status.is_none_or(|s| n.status == s)
        && view.quality.is_none_or(|q| n.quality_rating == q)
        && view
            .waba
            .as_ref()
            .is_none_or(|w| n.waba_id.as_ref() == Some(w))
        && (needle_lower.is_empty() || contains(searchable.as_bytes(), needle_lower.as_bytes()))
}

/// Substring test that checks one byte before comparing a whole window: a
/// keystroke runs it once per number.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    match needle.first() {
        None => true,
        Some(&first) => haystack
            .windows(needle.len())
            .any(|w| w.first() == Some(&first) && w == needle),
    }
}

/// Per number, the text the search box looks in (number, names, id, WABA),
/// case-folded once per number instead of once per number and keystroke
/// (100,000 numbers: a keystroke then scans one string per number). Fields are
/// joined by a control character, so a match never spans two of them.
#[derive(Debug, Default, Clone)]
pub struct SearchIndex {
    /// One text per number, in the list's order.
    pub texts: Vec<String>,
    /// The id of the last number indexed: the list grew by appending if the
    /// number at that place still has it.
    last_id: Option<String>,
}

impl SearchIndex {
    /// The index of `numbers`, reusing `previous` when the list only grew at
    /// its end (pages arriving), so a long load does not re-fold every name
    /// on every page.
    pub fn update(previous: Option<SearchIndex>, numbers: &[PhoneNumber]) -> SearchIndex {
        let mut index = match previous {
            Some(p)
                if p.texts.len() <= numbers.len()
                    && p.texts
                        .len()
                        .checked_sub(1)
                        .and_then(|last| numbers.get(last))
                        .map(|n| &n.id)
                        == p.last_id.as_ref() =>
            {
                p
            }
            _ => SearchIndex::default(),
        };
        for n in numbers.get(index.texts.len()..).unwrap_or_default() {
            index.texts.push(searchable(n));
        }
        index.last_id = numbers.last().map(|n| n.id.clone());
        index
    }
}

fn searchable(n: &PhoneNumber) -> String {
    let fields = [
        Some(&n.phone_number),
        n.display_name.as_ref(),
        n.verified_name.as_ref(),
        Some(&n.id),
        n.waba_id.as_ref(),
    ];
    let mut text = String::new();
    for field in fields.into_iter().flatten() {
        text.push_str(&fold_case(field));
        text.push('\u{1}');
    }
    text
}

/// Capacity for sorting: unlimited above every number, unknown below.
fn capacity(n: &PhoneNumber) -> u64 {
    if n.messaging_limit.unlimited {
        u64::MAX
    } else {
        n.messaging_limit.daily_limit.unwrap_or(0)
    }
}

fn compare(a: &PhoneNumber, b: &PhoneNumber, key: SortKey) -> Ordering {
    let name = |n: &PhoneNumber| {
        n.display_name
            .clone()
            .or_else(|| n.verified_name.clone())
            .unwrap_or_default()
    };
    match key {
        SortKey::Number => a.phone_number.cmp(&b.phone_number),
        SortKey::Name => fold_case(&name(a)).cmp(&fold_case(&name(b))),
        SortKey::Waba => a.waba_id.cmp(&b.waba_id),
        SortKey::Status => a.status.cmp(&b.status),
        SortKey::Quality => b.quality_rating.rank().cmp(&a.quality_rating.rank()),
        SortKey::Limit => capacity(a).cmp(&capacity(b)),
        SortKey::Throughput => a.throughput.cmp(&b.throughput),
        SortKey::Updated => a.updated_at.cmp(&b.updated_at),
    }
    .then_with(|| a.id.cmp(&b.id))
}

/// Every index of `numbers`, sorted by `key`. Computed once per sort, not per
/// keystroke: filtering keeps this order.
pub fn sorted_order(numbers: &[PhoneNumber], key: SortKey, descending: bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..numbers.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        let o = compare(&numbers[a], &numbers[b], key);
        if descending {
            o.reverse()
        } else {
            o
        }
    });
    order
}

/// The indexes of `order` whose numbers pass the view's filters (`index`:
/// [`SearchIndex::texts`] of the same numbers).
pub fn filter_rows(
    numbers: &[PhoneNumber],
    index: &[String],
    order: &[usize],
    view: &ViewState,
) -> Vec<usize> {
    let needle = fold_case(view.text.trim()).into_owned();
    order
        .iter()
        .copied()
        .filter(|&i| match (numbers.get(i), index.get(i)) {
            (Some(n), Some(text)) => matches(n, view, text, &needle),
            _ => false,
        })
        .collect()
}

/// Counts for the summary and its charts.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Summary {
    pub by_status: Vec<(Status, usize)>,
    pub by_quality: Vec<(QualityRating, usize)>,
    /// Daily capacity per WABA of the numbers that can send now (known limits
    /// summed; unlimited counted apart), greatest known capacity first.
    pub capacity_by_waba: Vec<(String, u64, usize)>,
}

/// Summarizes `rows` of `numbers`.
pub fn summarize(numbers: &[PhoneNumber], rows: &[usize]) -> Summary {
    let mut status = [0usize; 5];
    let mut quality = [0usize; 4];
    let mut wabas: HashMap<&str, (u64, usize)> = HashMap::new();
    for &i in rows {
        let Some(n) = numbers.get(i) else { continue };
        status[Status::ALL.iter().position(|s| *s == n.status).unwrap_or(4)] += 1;
        quality[QualityRating::ALL
            .iter()
            .position(|q| *q == n.quality_rating)
            .unwrap_or(3)] += 1;
        // Banned, onboarding and limit-reached numbers add no capacity today.
        if !n.status.can_send() {
            continue;
        }
        let entry = wabas.entry(n.waba_id.as_deref().unwrap_or("")).or_default();
        if n.messaging_limit.unlimited {
            entry.1 += 1;
        } else {
            entry.0 = entry
                .0
                .saturating_add(n.messaging_limit.daily_limit.unwrap_or(0));
        }
    }
    let mut capacity_by_waba: Vec<(String, u64, usize)> = wabas
        .into_iter()
        .map(|(w, (c, u))| (w.to_owned(), c, u))
        .collect();
    capacity_by_waba.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
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

/// Why typed recipients do not read as a number (each said in words by the
/// catalogue).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecipientsProblem {
    /// Nothing typed.
    Missing,
    /// Not a whole number (a fraction, a sign, letters, mixed separators).
    NotWhole,
    /// More than any account can send to.
    TooMany,
}

impl RecipientsProblem {
    /// The problem in `t`'s language.
    pub fn text(self, t: &'static crate::i18n::Texts) -> &'static str {
        match self {
            RecipientsProblem::Missing => t.recipients_missing,
            RecipientsProblem::NotWhole => t.recipients_not_whole,
            RecipientsProblem::TooMany => t.recipients_too_many,
        }
    }
}

/// Reads the recipients a person typed, in any of the locales the dashboard
/// speaks: `50000`, `50,000`, `50.000`, `50 000`, `50'000`. Anything else
/// (a fraction such as `12.5`, a sign, letters, mixed separators) is refused
/// with what to type instead: the input is never silently reinterpreted.
pub fn parse_recipients(text: &str) -> Result<u64, RecipientsProblem> {
    const HINT: RecipientsProblem = RecipientsProblem::NotWhole;
    let text = text.trim();
    if text.is_empty() {
        return Err(RecipientsProblem::Missing);
    }
    let separator = text.chars().find(|c| !c.is_ascii_digit());
    let digits: String = match separator {
        None => text.to_owned(),
        Some(sep) if matches!(sep, ',' | '.' | ' ' | '\'' | '\u{a0}' | '\u{202f}') => {
            // Thousands grouping only: 1-3 digits, then groups of exactly 3.
            let groups: Vec<&str> = text.split(sep).collect();
            let well_grouped = groups.len() > 1
                && (1..=3).contains(&groups[0].len())
                && groups[1..].iter().all(|g| g.len() == 3)
                && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()));
            if !well_grouped {
                return Err(HINT);
            }
            groups.concat()
        }
        Some(_) => return Err(HINT),
    };
    match digits.parse::<u64>() {
        Ok(n) if n <= 100_000_000_000 => Ok(n),
        _ => Err(RecipientsProblem::TooMany),
    }
}
