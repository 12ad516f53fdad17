//! The normalized model: one shape for every provider (DESIGN.md, "The normalized model").

use serde::{Deserialize, Serialize};

/// Which provider's API a number (or a client) speaks.
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    /// AntGst, `GET /v1/whatsapp/businessPhoneNumber`.
    Antgst,
    /// Agile Telecom LORA, `GET /api/message-server/whatsapp/phone-numbers[/{id}]`.
    Lora,
    /// Meta's Graph API (Cloud API), `GET /{waba-id}/phone_numbers`, `GET /{id}`.
    Meta,
}

impl Provider {
    /// Every provider this build understands.
    pub const ALL: [Provider; 3] = [Provider::Antgst, Provider::Lora, Provider::Meta];

    /// The JSON tags of [`ALL`](Self::ALL), in the same order.
    pub const NAMES: [&'static str; 3] = [
        Provider::Antgst.as_str(),
        Provider::Lora.as_str(),
        Provider::Meta.as_str(),
    ];

    /// The provider's tag as used in JSON and URLs.
    pub const fn as_str(self) -> &'static str {
        match self {
            Provider::Antgst => "antgst",
            Provider::Lora => "lora",
            Provider::Meta => "meta",
        }
    }

    /// Reads a provider tag, with an error that lists the known ones.
    pub fn parse(tag: &str) -> Result<Provider, crate::Error> {
        crate::json::named(&Provider::ALL, &Provider::NAMES, true, tag).ok_or_else(|| {
            crate::Error::invalid_input(
                "provider",
                [
                    "unknown provider \"",
                    crate::text::first_chars(tag, 40),
                    "\"; expected \"antgst\", \"lora\" or \"meta\"",
                ]
                .concat(),
            )
        })
    }
}

/// The normalized status, the one the dashboard acts on. The provider's own value
/// is kept in [`PhoneNumber::raw_status`].
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    /// Working: use for sending.
    Connected,
    /// Usable with a warning (flagged, warned, rate limited).
    Degraded,
    /// Not yet usable: wait for onboarding.
    Onboarding,
    /// The 24-hour messaging limit is reached: wait for the reset.
    LimitReached,
    /// Not usable: contact support. Also every value we do not recognize.
    Unavailable,
}

impl Status {
    /// Every normalized status, in the dashboard's order.
    pub const ALL: [Status; 5] = [
        Status::Connected,
        Status::Degraded,
        Status::Onboarding,
        Status::LimitReached,
        Status::Unavailable,
    ];

    /// The JSON tags of [`ALL`](Self::ALL), in the same order.
    pub const NAMES: [&'static str; 5] = [
        Status::Connected.as_str(),
        Status::Degraded.as_str(),
        Status::Onboarding.as_str(),
        Status::LimitReached.as_str(),
        Status::Unavailable.as_str(),
    ];

    /// Normalizes any provider's status value (AntGst and LORA alike). Unknown or
    /// missing values are `Unavailable`: never assume a closed set.
    pub fn from_raw(raw: Option<&str>) -> Status {
        let Some(raw) = raw else {
            return Status::Unavailable;
        };
        // Compared in any case without an upper-cased copy: this runs per row.
        const TABLE: [(&str, Status); 10] = [
            ("CONNECTED", Status::Connected),
            ("ACTIVE", Status::Connected),
            ("FLAGGED", Status::Degraded),
            ("WARNED", Status::Degraded),
            ("RATE_LIMITED", Status::Degraded),
            ("PENDING", Status::Onboarding),
            ("UNVERIFIED", Status::Onboarding),
            ("MANUAL_REVIEW", Status::Onboarding),
            ("RESTRICTED", Status::LimitReached),
            ("BLOCKED", Status::LimitReached),
        ];
        let raw = crate::json::trimmed(raw);
        TABLE
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(raw))
            .map_or(Status::Unavailable, |(_, status)| *status)
    }

    /// The JSON tag (`"LIMIT_REACHED"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Connected => "CONNECTED",
            Status::Degraded => "DEGRADED",
            Status::Onboarding => "ONBOARDING",
            Status::LimitReached => "LIMIT_REACHED",
            Status::Unavailable => "UNAVAILABLE",
        }
    }

    /// Whether a campaign may use a number in this status at all.
    pub fn can_send(self) -> bool {
        matches!(self, Status::Connected | Status::Degraded)
    }
}

/// Meta's quality rating. Missing, `NA` and any other value read as `Unknown`.
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "UPPERCASE")]
pub enum QualityRating {
    /// High quality.
    Green,
    /// Medium quality.
    Yellow,
    /// Low quality: risk of suspension.
    Red,
    /// Not rated (new numbers), `NA`, missing or unrecognized.
    #[default]
    Unknown,
}

impl QualityRating {
    /// Every rating, best first.
    pub const ALL: [QualityRating; 4] = [
        QualityRating::Green,
        QualityRating::Yellow,
        QualityRating::Red,
        QualityRating::Unknown,
    ];

    /// The JSON tags of [`ALL`](Self::ALL), in the same order.
    pub const NAMES: [&'static str; 4] = [
        QualityRating::Green.as_str(),
        QualityRating::Yellow.as_str(),
        QualityRating::Red.as_str(),
        QualityRating::Unknown.as_str(),
    ];

    /// Reads a provider's value; anything unrecognized is `Unknown`.
    pub fn from_raw(raw: Option<&str>) -> QualityRating {
        QualityRating::parse(raw.unwrap_or_default()).unwrap_or(QualityRating::Unknown)
    }

    /// Reads exactly one of `GREEN`, `YELLOW`, `RED`, `UNKNOWN` (any case).
    pub fn parse(value: &str) -> Option<QualityRating> {
        crate::json::named(&QualityRating::ALL, &QualityRating::NAMES, true, value)
    }

    /// The JSON tag.
    pub const fn as_str(self) -> &'static str {
        match self {
            QualityRating::Green => "GREEN",
            QualityRating::Yellow => "YELLOW",
            QualityRating::Red => "RED",
            QualityRating::Unknown => "UNKNOWN",
        }
    }

    /// Order for "at least": GREEN > YELLOW > RED > UNKNOWN. An unrated number
    /// is ranked below every rating, so it only meets a minimum of `UNKNOWN`.
    pub fn rank(self) -> u8 {
        match self {
            QualityRating::Green => 3,
            QualityRating::Yellow => 2,
            QualityRating::Red => 1,
            QualityRating::Unknown => 0,
        }
    }

    /// Whether this rating meets the minimum.
    pub fn meets(self, minimum: QualityRating) -> bool {
        self.rank() >= minimum.rank()
    }
}

/// The messaging-limit tier and the daily capacity read from its name.
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessagingLimit {
    /// The tier exactly as the provider sent it (`TIER_NOT_SET` when absent).
    pub tier: String,
    /// Business-initiated conversations per rolling 24 hours; `null` when
    /// unlimited or unknown.
    #[cfg_attr(feature = "ts", tsify(type = "number | null"))]
    pub daily_limit: Option<u64>,
    /// `true` for `TIER_UNLIMITED` / `UNLIMITED`.
    pub unlimited: bool,
}

impl MessagingLimit {
    /// The tier name used when a provider sends none.
    pub const NOT_SET: &'static str = "TIER_NOT_SET";

    /// Reads capacity from the tier's name: `TIER_<n>[K|M]` (any `n`), `TIER_UNLIMITED`
    /// or `UNLIMITED`; anything else (`TIER_NOT_SET`, unreadable) is unknown capacity.
    pub fn from_tier(tier: Option<&str>) -> MessagingLimit {
        let tier = tier
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .unwrap_or(Self::NOT_SET);
        let (daily_limit, unlimited) = Self::capacity(tier);
        MessagingLimit {
            tier: tier.to_owned(),
            daily_limit,
            unlimited,
        }
    }

    /// The daily capacity a (trimmed) tier name says, and whether it is
    /// unlimited; `(None, false)` is unknown capacity.
    pub fn capacity(tier: &str) -> (Option<u64>, bool) {
        if tier.eq_ignore_ascii_case("TIER_UNLIMITED") || tier.eq_ignore_ascii_case("UNLIMITED") {
            return (None, true);
        }
        (capacity_of(tier), false)
    }

    /// Whether the daily capacity is known (a number or unlimited).
    pub fn is_known(&self) -> bool {
        self.unlimited || self.daily_limit.is_some()
    }

    /// Whether this limit allows sending `recipients` in one day.
    pub fn allows(&self, recipients: u64) -> bool {
        self.unlimited || self.daily_limit.is_some_and(|limit| limit >= recipients)
    }
}

/// `TIER_2K` -> 2000 (any case); `None` when the name is not
/// `TIER_<digits>[K|M]` or overflows.
fn capacity_of(tier: &str) -> Option<u64> {
    let prefix = tier.get(..5)?;
    if !prefix.eq_ignore_ascii_case("TIER_") {
        return None;
    }
    let rest = tier.get(5..)?;
    let (digits, multiplier) = match rest.as_bytes().last()? {
        b'K' | b'k' => (rest.get(..rest.len() - 1)?, 1_000),
        b'M' | b'm' => (rest.get(..rest.len() - 1)?, 1_000_000),
        _ => (rest, 1),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Not `checked_mul`: a call to a 128-bit multiply on wasm32, per row.
    crate::json::whole_number(digits, u64::MAX / multiplier).map(|n| n * multiplier)
}

/// Meta's `health_status`: whether the number can send, and what stands in
/// the way (the errors are what the user must do something about).
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Health {
    /// The overall `can_send_message`: `AVAILABLE`, `LIMITED` or `BLOCKED` (kept as sent).
    pub can_send_message: String,
    /// The errors of every entity (business, WABA, number, app), in order.
    pub errors: Vec<HealthError>,
}

impl Health {
    /// A usable status refined by the overall health: `BLOCKED` cannot send
    /// (UNAVAILABLE), `LIMITED` can with a warning (DEGRADED). A status that
    /// already says why it cannot send (PENDING, RESTRICTED, ...) stands.
    pub fn refine(&self, status: Status) -> Status {
        if !status.can_send() {
            return status;
        }
        let overall = self.can_send_message.trim();
        if overall.eq_ignore_ascii_case("BLOCKED") {
            Status::Unavailable
        } else if overall.eq_ignore_ascii_case("LIMITED") {
            Status::Degraded
        } else {
            status
        }
    }
}

/// One error of one health entity.
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthError {
    /// `PHONE_NUMBER`, `WABA`, `BUSINESS`, `APP`, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_type: Option<String>,
    /// Meta's error code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<u64>,
    /// What is wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_description: Option<String>,
    /// What to do about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub possible_solution: Option<String>,
}

/// One WhatsApp Business phone number, normalized from any provider.
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PhoneNumber {
    /// The provider it was read from.
    pub provider: Provider,
    /// The provider's phone number id (`phoneNumberId`).
    pub id: String,
    /// The number as given (LORA `phoneNumber`, AntGst `displayPhoneNumber`).
    pub phone_number: String,
    /// LORA's display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Meta-verified business name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_name: Option<String>,
    /// WhatsApp Business Account id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waba_id: Option<String>,
    /// The normalized status.
    pub status: Status,
    /// Exactly what the provider sent as status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_status: Option<String>,
    /// Quality rating (unrecognized values are `UNKNOWN`).
    pub quality_rating: QualityRating,
    /// Tier and daily capacity.
    pub messaging_limit: MessagingLimit,
    /// Throughput level (`STANDARD`, `HIGH`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throughput: Option<String>,
    /// OTP verification (`VERIFIED`, `NOT_VERIFIED`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_verification_status: Option<String>,
    /// `CLOUD_API` or `ON_PREMISE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// Display-name review status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_status: Option<String>,
    /// `LIVE` or `SANDBOX`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_mode: Option<String>,
    /// Registration time, RFC 3339 as given (offset kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Last update, RFC 3339 as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// Last completed onboarding, RFC 3339 as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_onboarded_at: Option<String>,
    /// Meta's health status, where the provider reports one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health: Option<Health>,
}

impl PhoneNumber {
    /// A number with only what every number has: `id` and the normalized
    /// fields, everything optional absent, no phone number text. The
    /// readers fill in the rest.
    pub(crate) fn bare(
        id: String,
        status: Status,
        quality_rating: QualityRating,
        messaging_limit: MessagingLimit,
    ) -> Self {
        PhoneNumber {
            provider: Provider::Antgst,
            id,
            phone_number: String::new(),
            display_name: None,
            verified_name: None,
            waba_id: None,
            status,
            raw_status: None,
            quality_rating,
            messaging_limit,
            throughput: None,
            code_verification_status: None,
            platform: None,
            name_status: None,
            account_mode: None,
            created_at: None,
            updated_at: None,
            last_onboarded_at: None,
            health: None,
        }
    }
}

/// One page of a list answer.
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Page {
    /// The numbers on this page, in provider order.
    pub numbers: Vec<PhoneNumber>,
    /// How many numbers the whole query matches.
    pub total: u64,
    /// This page's number (1-based), for numbered paging.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Rows per page, for numbered paging.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<u32>,
    /// How many pages the query has, for numbered paging.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<u32>,
    /// Cursor of the next page, for cursor paging (Meta).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// A throughput level's sending speed in messages per second: `HIGH` 1000,
/// anything else (`STANDARD`, missing, unknown) 80.
pub fn messages_per_second(throughput: Option<&str>) -> u32 {
    match throughput {
        Some(level) if level.trim().eq_ignore_ascii_case("HIGH") => 1000,
        _ => 80,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tier_capacity_is_read_from_the_name() {
        let cases = [
            ("TIER_50", Some(50)),
            ("TIER_250", Some(250)),
            ("TIER_1K", Some(1_000)),
            ("TIER_2K", Some(2_000)),
            ("TIER_10K", Some(10_000)),
            ("TIER_100K", Some(100_000)),
            ("TIER_5M", Some(5_000_000)),
            ("tier_1k", Some(1_000)),
            ("TIER_NOT_SET", None),
            ("TIER_", None),
            ("TIER_K", None),
            ("TIER_1.5K", None),
            ("TIER_99999999999999999999K", None),
            ("GOLD", None),
        ];
        for (tier, limit) in cases {
            let parsed = MessagingLimit::from_tier(Some(tier));
            assert_eq!(parsed.daily_limit, limit, "{tier}");
            assert!(!parsed.unlimited, "{tier}");
            assert_eq!(parsed.tier, tier);
        }
    }

    #[test]
    fn unlimited_and_missing_tiers() {
        for tier in ["TIER_UNLIMITED", "UNLIMITED", "unlimited"] {
            let parsed = MessagingLimit::from_tier(Some(tier));
            assert!(parsed.unlimited && parsed.daily_limit.is_none() && parsed.is_known());
        }
        let missing = MessagingLimit::from_tier(None);
        assert_eq!(missing.tier, "TIER_NOT_SET");
        assert!(!missing.is_known());
    }

    #[test]
    fn every_seed_status_normalizes_as_the_design_table_says() {
        let table = [
            ("CONNECTED", Status::Connected),
            ("ACTIVE", Status::Connected),
            ("FLAGGED", Status::Degraded),
            ("WARNED", Status::Degraded),
            ("RATE_LIMITED", Status::Degraded),
            ("PENDING", Status::Onboarding),
            ("UNVERIFIED", Status::Onboarding),
            ("MANUAL_REVIEW", Status::Onboarding),
            ("RESTRICTED", Status::LimitReached),
            ("BLOCKED", Status::LimitReached),
            ("DISCONNECTED", Status::Unavailable),
            ("BANNED", Status::Unavailable),
            ("MIGRATED", Status::Unavailable),
            ("UNKNOWN", Status::Unavailable),
            ("DELETED", Status::Unavailable),
            ("", Status::Unavailable),
        ];
        for (raw, status) in table {
            assert_eq!(Status::from_raw(Some(raw)), status, "{raw}");
        }
        assert_eq!(Status::from_raw(None), Status::Unavailable);
    }

    #[test]
    fn quality_order_and_unknown_values() {
        assert!(QualityRating::Green.meets(QualityRating::Yellow));
        assert!(!QualityRating::Yellow.meets(QualityRating::Green));
        assert!(!QualityRating::Unknown.meets(QualityRating::Green));
        assert!(!QualityRating::Unknown.meets(QualityRating::Red));
        assert!(QualityRating::Unknown.meets(QualityRating::Unknown));
        assert_eq!(QualityRating::from_raw(Some("NA")), QualityRating::Unknown);
        assert_eq!(QualityRating::from_raw(None), QualityRating::Unknown);
        assert_eq!(QualityRating::from_raw(Some("green")), QualityRating::Green);
    }

    #[test]
    fn throughput_levels() {
        assert_eq!(messages_per_second(Some("HIGH")), 1000);
        assert_eq!(messages_per_second(Some("STANDARD")), 80);
        assert_eq!(messages_per_second(Some("TURBO")), 80);
        assert_eq!(messages_per_second(None), 80);
    }
}
