//! Campaign readiness of one number (DESIGN.md, "Campaign readiness").

use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};

use crate::hash::FnvHasher;
use crate::json::{Mark, ToJson, Writer};
use crate::model::messages_per_second;
use crate::{PhoneNumber, QualityRating, Status};

/// Whether numbers of one WABA share one messaging limit (Meta, since October
/// 2025) or each number has its own (what the seeds describe).
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LimitScope {
    /// Each number has its own daily limit.
    #[default]
    Number,
    /// Numbers with the same `wabaId` draw on one limit, the greatest tier among them.
    Waba,
}

impl LimitScope {
    /// Every scope, for readers that look a name up.
    pub const ALL: [LimitScope; 2] = [LimitScope::Number, LimitScope::Waba];

    /// The JSON tags of [`ALL`](Self::ALL), in the same order.
    pub const NAMES: [&'static str; 2] = [LimitScope::Number.as_str(), LimitScope::Waba.as_str()];

    /// The JSON tag.
    pub const fn as_str(self) -> &'static str {
        match self {
            LimitScope::Number => "number",
            LimitScope::Waba => "waba",
        }
    }
}

/// The campaign a number is judged for.
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Campaign {
    /// How many recipients the campaign has.
    pub recipients: u64,
    /// The lowest acceptable quality rating (default GREEN).
    #[serde(default = "default_min_quality")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub min_quality: QualityRating,
    /// How the messaging limit is counted (default per number).
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub limit_scope: LimitScope,
}

fn default_min_quality() -> QualityRating {
    QualityRating::Green
}

impl Campaign {
    /// A campaign of `recipients` with the default minimum quality and scope.
    pub fn new(recipients: u64) -> Self {
        Campaign {
            recipients,
            min_quality: QualityRating::Green,
            limit_scope: LimitScope::Number,
        }
    }
}

/// What to do with a number for this campaign.
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Ready: send.
    Send,
    /// The number is still onboarding: poll until it connects.
    WaitForOnboarding,
    /// The 24-hour limit is reached: wait for the reset.
    WaitForLimitReset,
    /// The number is unavailable: contact the provider's support.
    ContactSupport,
    /// The number works but does not fit this campaign.
    ChooseAnotherNumber,
}

impl Action {
    /// The JSON tag (`"wait_for_limit_reset"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Send => "send",
            Action::WaitForOnboarding => "wait_for_onboarding",
            Action::WaitForLimitReset => "wait_for_limit_reset",
            Action::ContactSupport => "contact_support",
            Action::ChooseAnotherNumber => "choose_another_number",
        }
    }
}

/// How much a reason weighs.
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The number cannot carry the campaign.
    Blocker,
    /// It can, with a risk worth knowing.
    Warning,
}

impl Severity {
    /// The JSON tag.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Blocker => "blocker",
            Severity::Warning => "warning",
        }
    }
}

/// One reason behind a verdict.
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// Stable code (`insufficient_tier`, `status_degraded`, ...).
    pub code: String,
    /// Blocker or warning.
    pub severity: Severity,
    /// A sentence for people.
    pub message: String,
}

impl Reason {
    fn blocker(code: &str, message: String) -> Self {
        Reason {
            code: code.to_owned(),
            severity: Severity::Blocker,
            message,
        }
    }
    fn warning(code: &str, message: String) -> Self {
        Reason {
            code: code.to_owned(),
            severity: Severity::Warning,
            message,
        }
    }
}

/// The verdict for one number and one campaign.
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Readiness {
    /// `true` when there is no blocker.
    pub ready: bool,
    /// What to do.
    pub action: Action,
    /// Blockers and warnings, in the order they were found.
    pub reasons: Vec<Reason>,
    /// The number's daily limit; `null` when unlimited or unknown.
    #[cfg_attr(feature = "ts", tsify(type = "number | null"))]
    pub daily_limit: Option<u64>,
    /// recipients / messages per second of the throughput level.
    pub estimated_send_seconds: f64,
}

/// What the rules read of a number, borrowed: a [`PhoneNumber`]'s fields, or
/// the same fields packed by JS (`json::columns`) without building one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RuleView<'a> {
    /// The normalized status.
    pub status: Status,
    /// The provider's own status word, for the messages.
    pub raw_status: Option<&'a str>,
    /// The quality rating.
    pub quality_rating: QualityRating,
    /// The messaging limit's tier name.
    pub tier: &'a str,
    /// The daily limit, when known and limited.
    pub daily_limit: Option<u64>,
    /// Whether the limit is unlimited.
    pub unlimited: bool,
    /// The throughput level (`STANDARD`, `HIGH`).
    pub throughput: Option<&'a str>,
}

impl<'a> From<&'a PhoneNumber> for RuleView<'a> {
    fn from(n: &'a PhoneNumber) -> Self {
        RuleView {
            status: n.status,
            raw_status: n.raw_status.as_deref(),
            quality_rating: n.quality_rating,
            tier: &n.messaging_limit.tier,
            daily_limit: n.messaging_limit.daily_limit,
            unlimited: n.messaging_limit.unlimited,
            throughput: n.throughput.as_deref(),
        }
    }
}

/// Judges one number for one campaign, exactly as DESIGN.md's rules say.
pub fn evaluate_readiness(number: &PhoneNumber, campaign: &Campaign) -> Readiness {
    judge(RuleView::from(number), campaign)
}

/// The verdicts of `numbers` for `campaign`, in order, written to `w` as
/// one array (what `evaluateReadinessAll` returns). A verdict depends only
/// on what the rules read, and thousands of numbers read alike in a few
/// dozen ways: a way judged before (and still in [`SEEN_WAYS`]) has its
/// verdict's tape copied instead of judged again (judging allocates its
/// messages; copying does not).
pub fn write_verdicts<'a>(
    numbers: &mut dyn Iterator<Item = RuleView<'a>>,
    campaign: &Campaign,
    w: &mut Writer,
) {
    let mut seen: Vec<Option<(RuleView<'a>, Mark, Mark)>> = vec![None; SEEN_WAYS];
    w.begin_array();
    for number in numbers {
        let mut hasher = FnvHasher::default();
        number.hash(&mut hasher);
        let slot = seen.get_mut(hasher.finish() as usize % SEEN_WAYS);
        if let Some(Some((way, from, to))) = slot.as_deref() {
            if *way == number && w.repeat(*from, *to) {
                continue;
            }
        }
        // Every number is written, whatever the cache holds.
        let from = w.mark();
        judge(number, campaign).write_json(w);
        if let Some(slot) = slot {
            *slot = Some((number, from, w.mark()));
        }
    }
    w.end_array();
}

/// Slots of [`write_verdicts`]'s cache, each holding the last way of
/// reading a number whose hash falls there: room for the few dozen ways a
/// real list has, with few collisions (a collision only costs a judgement).
const SEEN_WAYS: usize = 509;

/// [`evaluate_readiness`] of what the rules read of a number.
pub fn judge(number: RuleView<'_>, campaign: &Campaign) -> Readiness {
    let limit = MessagingLimitView {
        tier: number.tier,
        daily_limit: number.daily_limit,
        unlimited: number.unlimited,
    };
    let mps = messages_per_second(number.throughput);
    let mut reasons = Vec::new();
    let status_blocker = match number.status {
        Status::Onboarding => Some((
            Action::WaitForOnboarding,
            Reason::blocker(
                "status_onboarding",
                [
                    "The number is still onboarding (status ",
                    raw(&number),
                    ").",
                ]
                .concat(),
            ),
        )),
        Status::LimitReached => Some((
            Action::WaitForLimitReset,
            Reason::blocker(
                "status_limit_reached",
                [
                    "The number has reached its 24-hour messaging limit (status ",
                    raw(&number),
                    ").",
                ]
                .concat(),
            ),
        )),
        Status::Unavailable => Some((
            Action::ContactSupport,
            Reason::blocker(
                "status_unavailable",
                ["The number cannot send (status ", raw(&number), ")."].concat(),
            ),
        )),
        Status::Connected | Status::Degraded => None,
    };
    let action = if let Some((action, reason)) = status_blocker {
        reasons.push(reason);
        action
    } else {
        if !number.quality_rating.meets(campaign.min_quality) {
            reasons.push(Reason::blocker(
                "quality_below_minimum",
                [
                    "Quality ",
                    number.quality_rating.as_str(),
                    " is below the minimum ",
                    campaign.min_quality.as_str(),
                    ".",
                ]
                .concat(),
            ));
        }
        match (limit.is_known(), limit.daily_limit) {
            (false, _) => reasons.push(Reason::blocker(
                "unknown_tier",
                [
                    "The daily messaging limit of tier ",
                    limit.tier,
                    " is unknown.",
                ]
                .concat(),
            )),
            (true, Some(daily)) if daily < campaign.recipients => reasons.push(Reason::blocker(
                "insufficient_tier",
                [
                    "This number can reach ",
                    &crate::text::thousands(daily),
                    " people a day (",
                    limit.tier,
                    "); the campaign has ",
                    &crate::text::thousands(campaign.recipients),
                    " recipients.",
                ]
                .concat(),
            )),
            _ => {}
        }
        if number.status == Status::Degraded {
            reasons.push(Reason::warning(
                "status_degraded",
                [
                    "The number is usable but degraded (status ",
                    raw(&number),
                    ").",
                ]
                .concat(),
            ));
        }
        if number.quality_rating == QualityRating::Red
            && number.quality_rating.meets(campaign.min_quality)
        {
            reasons.push(Reason::warning(
                "quality_red",
                "Quality is RED: recipients are blocking or reporting its messages; sending more risks the number's limit or suspension.".to_owned(),
            ));
        }
        if reasons.iter().any(|r| r.severity == Severity::Blocker) {
            Action::ChooseAnotherNumber
        } else {
            Action::Send
        }
    };
    Readiness {
        ready: action == Action::Send,
        action,
        reasons,
        daily_limit: limit.daily_limit,
        estimated_send_seconds: campaign.recipients as f64 / f64::from(mps),
    }
}

fn raw<'a>(number: &RuleView<'a>) -> &'a str {
    number.raw_status.unwrap_or(number.status.as_str())
}

/// The limit's fields as the rules use them.
struct MessagingLimitView<'a> {
    tier: &'a str,
    daily_limit: Option<u64>,
    unlimited: bool,
}

impl MessagingLimitView<'_> {
    fn is_known(&self) -> bool {
        self.unlimited || self.daily_limit.is_some()
    }
}
