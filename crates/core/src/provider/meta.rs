//! Meta's Graph API (WhatsApp Cloud API): `GET {base}/{waba-id}/phone_numbers`
//! and `GET {base}/{phone-number-id}`, with `Authorization: Bearer`, the Graph
//! version in the base URL, cursor paging (`limit`, `after`), the fields asked
//! for explicitly, and errors as `{"error": {message, type, code, …}}`.

use super::{
    page_into, page_of, percent_encode, read_body, read_error_body, string_or_skip, ErrorDetails,
    HttpRequest, ListMeta, RawRow, RowSink, TextSlot,
};
use crate::json::{health_error, missing, optional_string, JsonError, RawStr, Reader, Writer};
use crate::{Error, ErrorKind, Health, HealthError, ListQuery, Page, PhoneNumber, Provider};

/// The Graph API base URL the dashboard offers by default (the version is part of it).
pub const DEFAULT_BASE_URL: &str = "https://graph.facebook.com/v24.0";

/// The fields asked for: Meta's default set has neither `status` nor a limit.
pub const FIELDS: &str = "id,display_phone_number,verified_name,status,quality_rating,\
code_verification_status,name_status,platform_type,throughput,account_mode,\
last_onboarded_time,messaging_limit_tier,whatsapp_business_manager_messaging_limit,\
health_status,is_official_business_account";

/// The list request: the WABA is required (Meta lists numbers per WABA).
pub(super) fn list_request(query: &ListQuery) -> Result<HttpRequest, Error> {
    let waba = query.waba_id.as_deref().ok_or_else(|| {
        Error::invalid_input(
            "query.wabaId",
            "Meta lists numbers per WhatsApp Business Account: give its id",
        )
    })?;
    if query.page_no.is_some() {
        return Err(Error::invalid_input(
            "query.pageNo",
            "Meta pages by cursor: pass a page's nextCursor as `after`",
        ));
    }
    let mut params = vec![("fields", FIELDS.to_owned())];
    if let Some(limit) = query.page_size {
        params.push(("limit", crate::json::u64_text(u64::from(limit))));
    }
    if let Some(after) = &query.after {
        params.push(("after", after.clone()));
    }
    Ok(HttpRequest {
        path: ["/", &percent_encode(waba), "/phone_numbers"].concat(),
        query: params,
    })
}

/// The detail request for one phone number id.
pub(super) fn detail_request(id: &str) -> HttpRequest {
    HttpRequest {
        path: ["/", &percent_encode(id)].concat(),
        query: vec![("fields", FIELDS.to_owned())],
    }
}

/// Where each text key of a Graph phone number goes.
fn slot<'a, 'r>(row: &'r mut RawRow<'a>, key: &str) -> Option<TextSlot<'a, 'r>> {
    Some(TextSlot(match key {
        "id" => &mut row.id,
        "display_phone_number" => &mut row.phone_number,
        "verified_name" => &mut row.verified_name,
        "status" => &mut row.status,
        "quality_rating" => &mut row.quality,
        "code_verification_status" => &mut row.code_verification_status,
        "name_status" => &mut row.name_status,
        "platform_type" => &mut row.platform,
        "account_mode" => &mut row.account_mode,
        "last_onboarded_time" => &mut row.last_onboarded_at,
        // The portfolio limit (since October 2025) wins over the deprecated
        // per-number tier, whatever order they come in.
        "whatsapp_business_manager_messaging_limit" => &mut row.tier,
        "messaging_limit_tier" => &mut row.tier_fallback,
        _ => return None,
    }))
}

/// The key of a number's id, where a missing one is reported.
const ID_KEY: &str = "id";

/// Reads one Graph phone number: the text fields through [`slot`], the
/// nested `throughput` and `health_status` here; anything else is skipped.
fn read_raw<'a>(r: &mut Reader<'a>) -> Result<RawRow<'a>, JsonError> {
    let mut row = RawRow::default();
    r.object(|r, key| {
        match key {
            "throughput" => row.throughput = read_throughput(r)?,
            "health_status" => row.health = read_health(r)?,
            _ => match slot(&mut row, key) {
                Some(TextSlot(field)) => *field = r.text()?,
                None => r.skip()?,
            },
        }
        Ok(())
    })?;
    Ok(row)
}

/// `throughput` is `{"level": "STANDARD"}`; a bare string is read too.
fn read_throughput<'a>(r: &mut Reader<'a>) -> Result<Option<RawStr<'a>>, JsonError> {
    if r.peek() != Some(b'{') {
        return r.text();
    }
    let mut level = None;
    r.fields("level", |r, key| {
        if key == 0 {
            level = r.text()?;
            Ok(())
        } else {
            r.skip()
        }
    })?;
    Ok(level)
}

/// `health_status`: the overall `can_send_message` and every entity's errors.
fn read_health(r: &mut Reader<'_>) -> Result<Option<Health>, JsonError> {
    if r.null()? {
        return Ok(None);
    }
    let (mut overall, mut errors) = (None, Vec::new());
    r.fields("can_send_message,entities", |r, key| {
        match key {
            0 => overall = optional_string(r)?,
            1 => r.array(|r, _| read_entity(r, &mut errors))?,
            _ => r.skip()?,
        }
        Ok(())
    })?;
    Ok(overall.map(|can_send_message| Health {
        can_send_message,
        errors,
    }))
}

/// One health entity: its type and its errors, appended to `errors`.
fn read_entity(r: &mut Reader<'_>, errors: &mut Vec<HealthError>) -> Result<(), JsonError> {
    let mut entity_type = None;
    let mut found = Vec::new();
    r.fields("entity_type,errors", |r, key| {
        match key {
            0 => entity_type = optional_string(r)?,
            1 => r.array(|r, _| {
                let keys = "error_code,error_description,possible_solution";
                found.push(health_error(r, keys)?);
                Ok(())
            })?,
            _ => r.skip()?,
        }
        Ok(())
    })?;
    errors.extend(found.into_iter().map(|mut e| {
        e.entity_type = entity_type.clone();
        e
    }));
    Ok(())
}

fn read_row(r: &mut Reader<'_>) -> Result<PhoneNumber, JsonError> {
    read_raw(r)?.normalize(Provider::Meta, ID_KEY)
}

/// The list envelope `{data, paging: {cursors: {after}, next}}`: `nextCursor`
/// is the `after` cursor only when `next` is there (no `next`: last page).
fn read_list<'a>(r: &mut Reader<'a>, sink: &mut RowSink<'_, 'a>) -> Result<ListMeta, JsonError> {
    let mut meta = ListMeta::default();
    let mut saw_data = false;
    let (mut after, mut has_next) = (None, false);
    r.fields("data,paging", |r, key| {
        match key {
            0 => {
                saw_data = true;
                r.array(|r, _| {
                    meta.rows += 1;
                    sink.take(&mut read_raw(r)?)
                })?;
            }
            // `null` read inside the arms, not in guards (see `health_error`).
            1 if r.null()? => {}
            1 => r.fields("next,cursors", |r, key| {
                match key {
                    0 => has_next = string_or_skip(r)?.is_some(),
                    1 if r.null()? => {}
                    1 => r.fields("after", |r, key| {
                        if key == 0 {
                            after = optional_string(r)?;
                            Ok(())
                        } else {
                            r.skip()
                        }
                    })?,
                    _ => r.skip()?,
                }
                Ok(())
            })?,
            _ => r.skip()?,
        }
        Ok(())
    })?;
    if !saw_data {
        return Err(missing("data"));
    }
    meta.next_cursor = after.filter(|a| has_next && !a.is_empty());
    Ok(meta)
}

pub(super) fn parse_list(body: &str) -> Result<Page, Error> {
    page_of(body, Provider::Meta, ID_KEY, read_list)
}

pub(super) fn parse_list_into(body: &str, w: &mut Writer) -> Result<(), Error> {
    page_into(body, Provider::Meta, ID_KEY, read_list, w)
}

pub(super) fn parse_detail(body: &str) -> Result<PhoneNumber, Error> {
    read_body(body, read_row)
}

/// Numbers read through a WABA carry it (the rows do not say it; planning
/// by WABA needs it); the quality filter Graph lacks is applied here.
pub(super) fn complete(mut page: Page, query: &ListQuery) -> Result<Page, Error> {
    if let Some(waba) = &query.waba_id {
        for n in &mut page.numbers {
            n.waba_id.get_or_insert_with(|| waba.clone());
        }
    }
    if let Some(quality) = query.quality_filter()? {
        page.numbers.retain(|n| n.quality_rating == quality);
        // Graph announces no total: the page's count stands for it, and
        // after the filter that is the rows kept (as LORA's local filter).
        page.total = page.numbers.len() as u64;
    }
    Ok(page)
}

/// A list whose WABA Graph says does not exist (code 100, subcode 33, with
/// HTTP 400): the error names that WABA, so that a load over several says
/// which one. (An HTTP 404 is an address nothing answers, as for the other
/// providers, not a WABA.)
pub(super) fn name_unknown_waba(mut error: Error, query: &ListQuery) -> Error {
    if let Error::NotFound {
        status: 400,
        waba_id: unknown @ None,
        ..
    } = &mut error
    {
        unknown.clone_from(&query.waba_id);
    }
    error
}

/// What a Graph error code means, whatever the HTTP status (usually 400).
pub fn kind_of_code(code: u64, subcode: Option<u64>) -> Option<ErrorKind> {
    Some(match code {
        190 | 2500 => ErrorKind::Unauthorized,
        10 | 200..=299 => ErrorKind::Forbidden,
        100 if subcode == Some(33) => ErrorKind::NotFound,
        4 | 17 | 32 | 613 | 80007 | 80008 | 130429 => ErrorKind::RateLimited,
        100 => ErrorKind::InvalidInput,
        _ => return None,
    })
}

/// Graph's `{"error": {message, type, code, error_subcode, is_transient,
/// fbtrace_id}}`, classified by code first; the trace id is kept in the
/// message (support asks for it).
pub(super) fn error_details(body: &str) -> ErrorDetails {
    let (mut message, mut code, mut subcode, mut transient, mut trace) =
        (None, None, None, false, None);
    let mut details = read_error_body(body, "error", |r, key, _| {
        if key != 0 || r.peek() != Some(b'{') {
            return r.skip();
        }
        let keys = "message,code,error_subcode,is_transient,fbtrace_id";
        r.fields(keys, |r, key| {
            match key {
                0 => message = string_or_skip(r)?,
                1 if r.peek().is_some_and(|b| b.is_ascii_digit()) => {
                    code = Some(r.unsigned(u64::MAX)?)
                }
                2 if r.peek().is_some_and(|b| b.is_ascii_digit()) => {
                    subcode = Some(r.unsigned(u64::MAX)?)
                }
                3 if matches!(r.peek(), Some(b't' | b'f')) => transient = r.boolean()?,
                4 => trace = string_or_skip(r)?,
                _ => r.skip()?,
            }
            Ok(())
        })
    });
    details.kind = code.and_then(|c| kind_of_code(c, subcode));
    if transient && details.kind != Some(ErrorKind::RateLimited) {
        details.kind = Some(ErrorKind::Server);
    }
    details.message = match (message, trace) {
        (Some(m), Some(t)) => Some([&m, " (fbtrace_id ", &t, ")"].concat()),
        (m, Some(t)) => Some(["Graph API error (fbtrace_id ", &t, ")"].concat()).or(m),
        (m, None) => m,
    };
    details
}

/// The wait `X-Business-Use-Case-Usage` asks for: the largest
/// `estimated_time_to_regain_access` (minutes) of any entry, in ms.
pub fn regain_access_ms(header: &str) -> Option<u64> {
    let mut longest: Option<u64> = None;
    let read = Reader::read_all(header, |r| {
        r.object(|r, _business| {
            r.array(|r, _| {
                r.fields("estimated_time_to_regain_access", |r, key| {
                    if key == 0 && r.peek().is_some_and(|b| b.is_ascii_digit()) {
                        let minutes = r.unsigned(u64::MAX)?;
                        let ms = minutes.saturating_mul(60_000);
                        longest = Some(longest.map_or(ms, |l| l.max(ms)));
                        Ok(())
                    } else {
                        r.skip()
                    }
                })
            })
        })
    });
    read.ok().and(longest).filter(|ms| *ms > 0)
}

/// How much of the business's budget `X-Business-Use-Case-Usage` says is
/// used: the largest `call_count`, `total_cputime` or `total_time` (percent)
/// of any entry.
pub fn usage_percent(header: &str) -> Option<u64> {
    let mut most: Option<u64> = None;
    let read = Reader::read_all(header, |r| {
        r.object(|r, _business| {
            r.array(|r, _| {
                let keys = "call_count,total_cputime,total_time";
                r.fields(keys, |r, key| {
                    if key <= 2 && r.peek().is_some_and(|b| b.is_ascii_digit()) {
                        let percent = r.unsigned(u64::MAX)?;
                        most = Some(most.map_or(percent, |m| m.max(percent)));
                        Ok(())
                    } else {
                        r.skip()
                    }
                })
            })
        })
    });
    read.ok().and(most)
}

/// Writes one number as Graph sends it, with only `fields` (all of
/// [`FIELDS`] when `None`): the inverse of the reader, for the sandbox.
pub fn write_number(n: &PhoneNumber, fields: Option<&[&str]>, w: &mut Writer) {
    let wanted = |f: &str| fields.is_none_or(|list| list.contains(&f));
    let status = match (n.raw_status.as_deref(), n.status) {
        (Some(raw), _) => raw,
        (None, crate::Status::Connected) => "CONNECTED",
        (None, other) => other.as_str(),
    };
    w.object(|f| {
        if wanted("verified_name") {
            f.opt_string("verified_name", n.verified_name.as_deref());
        }
        if wanted("display_phone_number") {
            f.string("display_phone_number", &n.phone_number);
        }
        if wanted("status") {
            f.string("status", status);
        }
        if wanted("quality_rating") {
            let q = n.quality_rating.as_str();
            f.string("quality_rating", if q == "UNKNOWN" { "NA" } else { q });
        }
        if wanted("code_verification_status") {
            f.opt_string(
                "code_verification_status",
                n.code_verification_status.as_deref(),
            );
        }
        if wanted("name_status") {
            f.opt_string("name_status", n.name_status.as_deref());
        }
        if wanted("platform_type") {
            f.opt_string("platform_type", n.platform.as_deref());
        }
        if wanted("throughput") {
            if let Some(level) = &n.throughput {
                f.key("throughput").object(|t| t.string("level", level));
            }
        }
        if wanted("account_mode") {
            f.opt_string("account_mode", n.account_mode.as_deref());
        }
        if wanted("last_onboarded_time") {
            f.opt_string("last_onboarded_time", n.last_onboarded_at.as_deref());
        }
        if wanted("whatsapp_business_manager_messaging_limit") {
            f.string(
                "whatsapp_business_manager_messaging_limit",
                &n.messaging_limit.tier,
            );
        }
        if wanted("health_status") {
            if let Some(health) = &n.health {
                f.key("health_status").object(|h| {
                    h.string("can_send_message", &health.can_send_message);
                    let entities = h.key("entities");
                    entities.begin_array();
                    for (i, e) in health.errors.iter().enumerate() {
                        entities.separator(i);
                        write_entity(e, entities);
                    }
                    entities.end_array();
                });
            }
        }
        if wanted("id") || fields.is_some() {
            f.string("id", &n.id);
        }
    });
}

/// One health entity with one error, as Graph nests them.
fn write_entity(e: &HealthError, w: &mut Writer) {
    w.object(|entity| {
        entity.opt_string("entity_type", e.entity_type.as_deref());
        entity.string("can_send_message", "BLOCKED");
        let errors = entity.key("errors");
        errors.begin_array();
        errors.object(|error| {
            error.opt_unsigned("error_code", e.error_code);
            error.opt_string("error_description", e.error_description.as_deref());
            error.opt_string("possible_solution", e.possible_solution.as_deref());
        });
        errors.end_array();
    });
}

/// A list page as Graph sends it: `data`, and `paging` with cursors, plus
/// `next` when another page follows (its URL never carries a token here).
pub fn write_list<'n>(
    rows: impl Iterator<Item = std::borrow::Cow<'n, PhoneNumber>>,
    fields: Option<&[&str]>,
    before: &str,
    after: Option<&str>,
    next_url: Option<&str>,
) -> String {
    let mut w = Writer::default();
    w.object(|f| {
        let data = f.key("data");
        data.begin_array();
        for (i, n) in rows.enumerate() {
            data.separator(i);
            write_number(&n, fields, data);
        }
        data.end_array();
        f.key("paging").object(|p| {
            p.key("cursors").object(|c| {
                c.string("before", before);
                c.string("after", after.unwrap_or(before));
            });
            p.opt_string("next", next_url.filter(|_| after.is_some()));
        });
    });
    w.finish()
}

/// Graph's error body.
pub fn error_body(code: u64, subcode: Option<u64>, message: &str, transient: bool) -> String {
    let mut w = Writer::default();
    w.object(|f| {
        f.key("error").object(|e| {
            e.string("message", message);
            e.string(
                "type",
                if code == 190 {
                    "OAuthException"
                } else {
                    "GraphMethodException"
                },
            );
            e.unsigned("code", code);
            e.opt_unsigned("error_subcode", subcode);
            e.boolean("is_transient", transient);
            e.string("fbtrace_id", "AbCdEfSandbox01");
        });
    });
    w.finish()
}
