//! JSON text in, for the values callers hand us (JS arguments, stored state):
//! the normalized shapes of DESIGN.md, read strictly. An array where an object
//! belongs, a wrong type, an unknown enum value: each a [`JsonError`] naming
//! the field. (Provider bodies are read by their dialects, tolerantly.)

use std::borrow::Cow;

use super::{JsonError, Reader};
use crate::{
    Campaign, Health, HealthError, LimitScope, ListQuery, MessagingLimit, PhoneNumber, Provider,
    QualityRating, Status,
};

/// A value read from JSON.
pub trait FromJson: Sized {
    /// Reads one value at the reader's position.
    fn read_json(r: &mut Reader<'_>) -> Result<Self, JsonError>;

    /// Reads a whole JSON text as this value.
    fn from_json(text: &str) -> Result<Self, JsonError> {
        Reader::read_all(text, Self::read_json)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        let mut items = Vec::new();
        r.array(|r, _| {
            items.push(T::read_json(r)?);
            Ok(())
        })?;
        Ok(items)
    }
}

impl FromJson for String {
    // Apart, not inlined: a string read and owned at a dozen fields was a
    // dozen copies of the `Cow`'s match and drop.
    #[inline(never)]
    fn read_json(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        r.string().map(|s| s.into_owned())
    }
}

/// A string field that may be `null` or absent.
pub fn optional_string(r: &mut Reader<'_>) -> Result<Option<String>, JsonError> {
    if r.null()? {
        return Ok(None);
    }
    String::read_json(r).map(Some)
}

/// A whole number up to `max` that may be `null`. Apart, not inlined: one
/// copy serves every such field (limits, counts, the client's options).
#[inline(never)]
pub fn optional_unsigned(r: &mut Reader<'_>, max: u64) -> Result<Option<u64>, JsonError> {
    if r.null()? {
        return Ok(None);
    }
    r.unsigned(max).map(Some)
}

/// A required field's error when it never came.
pub fn missing(key: &str) -> JsonError {
    JsonError::new("is required").in_key(key)
}

/// The one of `values` that `text` names (by `names`, the values' tags in
/// the same order; any case and surrounding white space, when `any_case`),
/// as the strict reader accepts it.
pub fn named<T: Copy, const N: usize>(
    values: &[T; N],
    names: &[&str; N],
    any_case: bool,
    text: &str,
) -> Option<T> {
    name_index(names, any_case, text).and_then(|i| values.get(i).copied())
}

/// Where in `names` the one `text` names is (see [`named`]). Not generic,
/// as [`not_one_of`] is not: one copy of the search (and of the message)
/// serves every enum, where each had its own.
#[inline(never)]
fn name_index(names: &[&str], any_case: bool, text: &str) -> Option<usize> {
    let trimmed = super::trimmed(text);
    names.iter().position(|name| {
        if any_case {
            name.eq_ignore_ascii_case(trimmed)
        } else {
            *name == text
        }
    })
}

/// The error of a string that names none of `names`: it lists them.
#[inline(never)]
fn not_one_of(names: &[&str]) -> JsonError {
    let mut message = String::from("must be one of ");
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            message.push_str(", ");
        }
        message.push('"');
        message.push_str(name);
        message.push('"');
    }
    JsonError::new(message)
}

/// Reads a string naming one of `values` (by `names`, as [`named`]), with an
/// error that lists them.
fn one_of<T: Copy, const N: usize>(
    r: &mut Reader<'_>,
    values: &[T; N],
    names: &[&str; N],
    any_case: bool,
) -> Result<T, JsonError> {
    let text = r.string()?;
    named(values, names, any_case, &text).ok_or_else(|| not_one_of(names))
}

impl FromJson for Provider {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        one_of(r, &Provider::ALL, &Provider::NAMES, true)
    }
}

impl FromJson for Status {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        one_of(r, &Status::ALL, &Status::NAMES, true)
    }
}

impl FromJson for QualityRating {
    /// Any case, in queries and campaigns alike.
    fn read_json(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        one_of(r, &QualityRating::ALL, &QualityRating::NAMES, true)
    }
}

impl FromJson for LimitScope {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        one_of(r, &LimitScope::ALL, &LimitScope::NAMES, true)
    }
}

impl FromJson for MessagingLimit {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        let (mut tier, mut daily_limit, mut unlimited) = (None, None, None);
        r.fields("tier,dailyLimit,unlimited", |r, key| {
            match key {
                0 => tier = Some(String::read_json(r)?),
                1 => daily_limit = optional_unsigned(r, u64::MAX)?,
                2 => unlimited = Some(r.boolean()?),
                _ => r.skip()?,
            }
            Ok(())
        })?;
        Ok(MessagingLimit {
            tier: tier.ok_or_else(|| missing("tier"))?,
            daily_limit,
            unlimited: unlimited.ok_or_else(|| missing("unlimited"))?,
        })
    }
}

impl FromJson for PhoneNumber {
    /// The normalized shape, as `parsePhoneNumbers` returns it. Unknown fields
    /// are ignored (a caller may have added its own).
    fn read_json(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        read_number(r, true)
    }
}

/// A number as the readiness rules and the planner see it: only the fields
/// they read ([`RULE_FIELDS`]) are required and checked, so a caller may
/// send just those (the npm package does: `JSON.stringify` with that list).
#[derive(Debug, Clone, PartialEq)]
pub struct RulesNumber(pub PhoneNumber);

/// The keys of a number the readiness rules and the planner read.
pub const RULE_FIELDS: [&str; 10] = [
    "id",
    "wabaId",
    "status",
    "rawStatus",
    "qualityRating",
    "messagingLimit",
    "tier",
    "dailyLimit",
    "unlimited",
    "throughput",
];

impl FromJson for RulesNumber {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        read_number(r, false).map(RulesNumber)
    }
}

/// The keys of a normalized number, as [`read_number`] matches them.
const NUMBER_KEYS: &str = "provider,status,qualityRating,messagingLimit,health,id,phoneNumber,displayName,verifiedName,wabaId,rawStatus,throughput,codeVerificationStatus,platform,nameStatus,accountMode,createdAt,updatedAt,lastOnboardedAt";

/// Reads a normalized number; `whole` also requires `provider` and
/// `phoneNumber`, which the rules never read.
fn read_number(r: &mut Reader<'_>, whole: bool) -> Result<PhoneNumber, JsonError> {
    {
        let mut provider = None;
        let mut status = None;
        let mut quality_rating = None;
        let mut messaging_limit = None;
        let mut n = PhoneNumber::bare(
            String::new(),
            Status::Unavailable,
            QualityRating::Unknown,
            MessagingLimit::from_tier(None),
        );
        let (mut id, mut phone_number) = (None, None);
        r.fields(NUMBER_KEYS, |r, key| {
            let slot = match key {
                0 => return Provider::read_json(r).map(|p| provider = Some(p)),
                1 => return Status::read_json(r).map(|s| status = Some(s)),
                2 => return QualityRating::read_json(r).map(|q| quality_rating = Some(q)),
                3 => return MessagingLimit::read_json(r).map(|m| messaging_limit = Some(m)),
                4 if whole => {
                    return if r.null()? {
                        Ok(())
                    } else {
                        Health::read_json(r).map(|h| n.health = Some(h))
                    }
                }
                5 => return String::read_json(r).map(|s| id = Some(s)),
                6 => return String::read_json(r).map(|s| phone_number = Some(s)),
                7 => &mut n.display_name,
                8 => &mut n.verified_name,
                9 => &mut n.waba_id,
                10 => &mut n.raw_status,
                11 => &mut n.throughput,
                12 => &mut n.code_verification_status,
                13 => &mut n.platform,
                14 => &mut n.name_status,
                15 => &mut n.account_mode,
                16 => &mut n.created_at,
                17 => &mut n.updated_at,
                18 => &mut n.last_onboarded_at,
                _ => return r.skip(),
            };
            *slot = optional_string(r)?;
            Ok(())
        })?;
        if whole {
            n.provider = provider.ok_or_else(|| missing("provider"))?;
            n.phone_number = phone_number.ok_or_else(|| missing("phoneNumber"))?;
        }
        n.id = id.ok_or_else(|| missing("id"))?;
        n.status = status.ok_or_else(|| missing("status"))?;
        n.quality_rating = quality_rating.ok_or_else(|| missing("qualityRating"))?;
        n.messaging_limit = messaging_limit.ok_or_else(|| missing("messagingLimit"))?;
        Ok(n)
    }
}

impl FromJson for Health {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        let (mut can_send_message, mut errors) = (None, Vec::new());
        r.fields("canSendMessage,errors", |r, key| {
            match key {
                0 => can_send_message = Some(String::read_json(r)?),
                1 => errors = Vec::read_json(r)?,
                _ => r.skip()?,
            }
            Ok(())
        })?;
        Ok(Health {
            can_send_message: can_send_message.ok_or_else(|| missing("canSendMessage"))?,
            errors,
        })
    }
}

impl FromJson for HealthError {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        health_error(r, "errorCode,errorDescription,possibleSolution,entityType")
    }
}

/// A health error whose keys are named by `keys`: its code, description,
/// solution and (if named) entity type, in that order. One reader for the
/// normalized shape and Meta's (`error_code,…`, no entity type: Meta gives
/// it on the entity), where each had its own.
pub(crate) fn health_error(
    r: &mut Reader<'_>,
    keys: &'static str,
) -> Result<HealthError, JsonError> {
    let mut e = HealthError {
        entity_type: None,
        error_code: None,
        error_description: None,
        possible_solution: None,
    };
    r.fields(keys, |r, key| {
        match key {
            // `null` is read inside the arm: a guard that reads it would
            // leave the `_` arm to skip a value that is no longer there.
            0 => {
                if !r.null()? {
                    e.error_code = Some(r.unsigned(u64::MAX)?);
                }
            }
            1 => e.error_description = optional_string(r)?,
            2 => e.possible_solution = optional_string(r)?,
            3 => e.entity_type = optional_string(r)?,
            _ => r.skip()?,
        }
        Ok(())
    })?;
    Ok(e)
}

/// Refuses a key the type does not have (a typo must not pass silently);
/// returned from inside [`Reader::object`], which adds the key to the path.
pub fn unknown_key(_key: &str) -> JsonError {
    unknown_field()
}

/// [`unknown_key`] for a reader of [`Reader::fields`], which is given the
/// key's index, not the key (the reader adds the key to the path).
pub fn unknown_field() -> JsonError {
    JsonError::new(Cow::Borrowed("is not a known field"))
}

impl FromJson for Campaign {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        let mut recipients = None;
        let mut campaign = Campaign::new(0);
        r.fields("recipients,minQuality,limitScope", |r, key| {
            match key {
                0 => recipients = Some(r.unsigned(MAX_RECIPIENTS)?),
                1 => campaign.min_quality = QualityRating::read_json(r)?,
                2 => campaign.limit_scope = LimitScope::read_json(r)?,
                _ => return Err(unknown_field()),
            }
            Ok(())
        })?;
        campaign.recipients = recipients.ok_or_else(|| missing("recipients"))?;
        Ok(campaign)
    }
}

/// The most recipients a campaign may have: exact as a JS number.
pub const MAX_RECIPIENTS: u64 = (1 << 53) - 1;

impl FromJson for ListQuery {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        let mut query = ListQuery::default();
        let keys = "pageNo,pageSize,wabaId,qualityRating,after";
        r.fields(keys, |r, key| {
            let null = r.null()?;
            match key {
                0 if !null => query.page_no = Some(r.unsigned(u64::from(u32::MAX))? as u32),
                1 if !null => query.page_size = Some(r.unsigned(u64::from(u32::MAX))? as u32),
                2 if !null => query.waba_id = Some(String::read_json(r)?),
                3 if !null => {
                    query.quality_rating = Some(QualityRating::read_json(r)?.as_str().to_owned())
                }
                4 if !null => query.after = Some(String::read_json(r)?),
                0..=4 => {}
                _ => return Err(unknown_field()),
            }
            Ok(())
        })?;
        Ok(query)
    }
}
