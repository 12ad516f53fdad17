//! A pure stand-in for the providers' list and detail endpoints over an
//! in-memory account: the sandbox serves it over HTTP, the dashboard's demo data
//! answers its client with it. Same paths, paging bounds, filters and bodies as
//! the seed documents describe.

use std::borrow::Cow;

use crate::provider::{antgst, lora, meta};
use crate::{PhoneNumber, Provider, QualityRating};

/// An endpoint of a provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    /// AntGst `GET /v1/whatsapp/businessPhoneNumber`.
    AntgstList,
    /// LORA `GET /api/message-server/whatsapp/phone-numbers`.
    LoraList,
    /// LORA `GET /api/message-server/whatsapp/phone-numbers/{id}` (id decoded).
    LoraDetail(String),
    /// Meta `GET /v{N}/{waba-id}/phone_numbers` (id decoded).
    MetaList(String),
    /// Meta `GET /v{N}/{phone-number-id}` (id decoded).
    MetaDetail(String),
}

impl Endpoint {
    /// The endpoint at `path`, if any.
    pub fn route(path: &str) -> Option<Endpoint> {
        if path == antgst::LIST_PATH {
            return Some(Endpoint::AntgstList);
        }
        if let Some(endpoint) = Self::route_graph(path) {
            return Some(endpoint);
        }
        let rest = path.strip_prefix(lora::LIST_PATH)?;
        match rest {
            "" | "/" => Some(Endpoint::LoraList),
            _ => rest
                .strip_prefix('/')
                .filter(|id| !id.contains('/'))
                .map(|id| Endpoint::LoraDetail(percent_decode(id))),
        }
    }

    /// Graph paths: `/v{major}.{minor}/{id}` and `/v…/{waba}/phone_numbers`.
    fn route_graph(path: &str) -> Option<Endpoint> {
        let rest = path.strip_prefix("/v")?;
        let (version, rest) = rest.split_once('/')?;
        let version_ok = !version.is_empty()
            && version.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && version.as_bytes().first().is_some_and(u8::is_ascii_digit);
        if !version_ok {
            return None;
        }
        match rest.split('/').collect::<Vec<_>>().as_slice() {
            [waba, "phone_numbers"] if !waba.is_empty() => {
                Some(Endpoint::MetaList(percent_decode(waba)))
            }
            [id] if !id.is_empty() => Some(Endpoint::MetaDetail(percent_decode(id))),
            _ => None,
        }
    }

    /// The provider whose dialect this endpoint speaks.
    pub fn provider(&self) -> Provider {
        match self {
            Endpoint::AntgstList => Provider::Antgst,
            Endpoint::LoraList | Endpoint::LoraDetail(_) => Provider::Lora,
            Endpoint::MetaList(_) | Endpoint::MetaDetail(_) => Provider::Meta,
        }
    }
}

/// An answer: HTTP status and JSON body text.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub status: u16,
    pub body: String,
}

/// Answers `endpoint` with `query` over `numbers`. `current` may replace a
/// number as it is now (the sandbox's onboarding clock); `total_shift` is added
/// to `total` (a provider whose count moves between calls).
pub fn answer(
    endpoint: &Endpoint,
    query: &str,
    numbers: &[PhoneNumber],
    current: &dyn Fn(&PhoneNumber) -> Option<PhoneNumber>,
    total_shift: u64,
) -> Answer {
    let now = |n| as_now(current, n);
    match endpoint {
        Endpoint::LoraList => Answer {
            status: 200,
            body: lora::write_list(numbers.iter().map(now), total_shift),
        },
        Endpoint::LoraDetail(id) => match numbers.iter().find(|n| &n.id == id) {
            Some(n) => Answer {
                status: 200,
                body: lora::write_detail(&now(n)),
            },
            None => Answer {
                status: 404,
                body: lora::fail_body("phoneNumberId", &["Phone number not found: ", id].concat()),
            },
        },
        Endpoint::MetaList(waba) => meta_list(waba, query, numbers, &now),
        Endpoint::MetaDetail(id) => match numbers.iter().find(|n| &n.id == id) {
            Some(n) => {
                let fields = graph_fields(query);
                let mut w = crate::json::Writer::default();
                meta::write_number(&now(n), Some(&fields), &mut w);
                Answer {
                    status: 200,
                    body: w.finish(),
                }
            }
            None => Answer {
                status: 400,
                body: meta::error_body(
                    100,
                    Some(33),
                    &[
                        "Unsupported get request. Object with ID '",
                        id,
                        "' does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
                    ]
                    .concat(),
                    false,
                ),
            },
        },
        Endpoint::AntgstList => answer_antgst_list(query, numbers, current, total_shift),
    }
}

/// Answers AntGst's list endpoint alone: what the dashboard's demo account
/// speaks. A caller that needs no other dialect calls this rather than
/// [`answer`], so the LORA and Meta writers stay out of its wasm.
pub fn answer_antgst_list(
    query: &str,
    numbers: &[PhoneNumber],
    current: &dyn Fn(&PhoneNumber) -> Option<PhoneNumber>,
    total_shift: u64,
) -> Answer {
    let now = |n| as_now(current, n);
    match AntgstQuery::parse(query) {
        Err(message) => Answer {
            status: 400,
            body: antgst::error_body(400, &message),
        },
        Ok(q) => {
            let matching = || {
                numbers
                    .iter()
                    .filter(|n| {
                        q.waba_id
                            .as_ref()
                            .is_none_or(|w| n.waba_id.as_ref() == Some(w))
                    })
                    .filter(|n| q.quality.is_none_or(|quality| n.quality_rating == quality))
            };
            let total = matching().count() as u64 + total_shift;
            let start = (q.page_no as usize - 1) * q.page_size as usize;
            let rows = matching().skip(start).take(q.page_size as usize).map(now);
            Answer {
                status: 200,
                body: antgst::write_list(rows, total, q.page_no, q.page_size),
            }
        }
    }
}

/// `n` as it is now, cloning only the (rare) number that changed.
fn as_now<'n>(
    current: &dyn Fn(&PhoneNumber) -> Option<PhoneNumber>,
    n: &'n PhoneNumber,
) -> Cow<'n, PhoneNumber> {
    match current(n) {
        Some(changed) => Cow::Owned(changed),
        None => Cow::Borrowed(n),
    }
}

/// Meta's default field set, when a request names none (no status, no limit).
const GRAPH_DEFAULT_FIELDS: [&str; 7] = [
    "id",
    "display_phone_number",
    "verified_name",
    "quality_rating",
    "code_verification_status",
    "platform_type",
    "throughput",
];

/// The `fields` a Graph request asks for (its default set when none).
fn graph_fields(query: &str) -> Vec<&'static str> {
    let asked = query_value(query, "fields");
    let Some(asked) = asked else {
        return GRAPH_DEFAULT_FIELDS.to_vec();
    };
    let mut fields: Vec<&'static str> = meta::FIELDS
        .split(',')
        .filter(|f| asked.split(',').any(|a| a.trim() == *f))
        .collect();
    if !fields.contains(&"id") {
        fields.push("id");
    }
    fields
}

/// A query parameter's decoded value.
fn query_value(query: &str, name: &str) -> Option<String> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| percent_decode(&value.replace('+', " ")))
}

/// One page of a WABA's numbers, by cursor: `after` is the offset written as
/// `o<offset>`, which Graph cursors are not, but they are opaque to clients.
fn meta_list<'n>(
    waba: &str,
    query: &str,
    numbers: &'n [PhoneNumber],
    now: &dyn Fn(&'n PhoneNumber) -> Cow<'n, PhoneNumber>,
) -> Answer {
    let bad = |message: &str| Answer {
        status: 400,
        body: meta::error_body(100, None, message, false),
    };
    let limit = match query_value(query, "limit") {
        None => 25,
        Some(l) => match l.parse::<usize>() {
            Ok(l) if (1..=100).contains(&l) => l,
            _ => return bad("(#100) Param limit must be an integer from 1 to 100"),
        },
    };
    let start = match query_value(query, "after") {
        None => 0,
        Some(cursor) => match cursor
            .strip_prefix('o')
            .and_then(|o| o.parse::<usize>().ok())
        {
            Some(offset) => offset,
            None => return bad("(#100) Invalid cursor in param after"),
        },
    };
    let of_waba: Vec<&PhoneNumber> = numbers
        .iter()
        .filter(|n| n.waba_id.as_deref() == Some(waba))
        .collect();
    if of_waba.is_empty() {
        return Answer {
            status: 400,
            body: meta::error_body(
                100,
                Some(33),
                &[
                    "Unsupported get request. Object with ID '",
                    waba,
                    "' does not exist.",
                ]
                .concat(),
                false,
            ),
        };
    }
    let end = (start + limit).min(of_waba.len());
    let fields = graph_fields(query);
    let before = ["o", &start.to_string()].concat();
    let after = (end < of_waba.len()).then(|| ["o", &end.to_string()].concat());
    let next = after.as_ref().map(|a| {
        [
            "https://graph.invalid/",
            waba,
            "/phone_numbers?limit=",
            &limit.to_string(),
            "&after=",
            a,
        ]
        .concat()
    });
    Answer {
        status: 200,
        body: meta::write_list(
            of_waba
                .get(start..end)
                .unwrap_or_default()
                .iter()
                .map(|n| now(n)),
            Some(&fields),
            &before,
            after.as_deref(),
            next.as_deref(),
        ),
    }
}

/// AntGst's query with its documented defaults (page 1, size 10) and bounds.
struct AntgstQuery {
    page_no: u32,
    page_size: u32,
    waba_id: Option<String>,
    quality: Option<QualityRating>,
}

impl AntgstQuery {
    fn parse(query: &str) -> Result<AntgstQuery, String> {
        let mut q = AntgstQuery {
            page_no: 1,
            page_size: 10,
            waba_id: None,
            quality: None,
        };
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = percent_decode(&value.replace('+', " "));
            let bounded = |name: &str| -> Result<u32, String> {
                value
                    .parse::<u32>()
                    .ok()
                    .filter(|v| (1..=100).contains(v))
                    .ok_or_else(|| [name, " must be an integer from 1 to 100"].concat())
            };
            match key {
                "pageNo" => q.page_no = bounded("pageNo")?,
                "pageSize" => q.page_size = bounded("pageSize")?,
                "wabaId" => q.waba_id = Some(value),
                "qualityRating" => {
                    q.quality = Some(
                        QualityRating::ALL
                            .into_iter()
                            .find(|r| r.as_str() == value)
                            .ok_or_else(|| {
                                "qualityRating must be one of GREEN YELLOW RED UNKNOWN".to_owned()
                            })?,
                    )
                }
                _ => {}
            }
        }
        Ok(q)
    }
}

/// Decodes `%XX` escapes; invalid escapes are kept as they are.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() && text.is_char_boundary(i + 3) {
            if let Ok(byte) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;

    #[test]
    fn answers_round_trip_through_the_readers() {
        let numbers = demo::account(250, 3);
        let page = answer(
            &Endpoint::AntgstList,
            "pageNo=3&pageSize=100",
            &numbers,
            &|_| None,
            0,
        );
        let parsed = Provider::Antgst.parse_list(&page.body).unwrap();
        assert_eq!(
            (parsed.total, parsed.numbers.len(), parsed.pages),
            (254, 54, Some(3))
        );
        let (read, source) = (&parsed.numbers[0], &numbers[200]);
        assert_eq!(
            (
                &read.id,
                read.status,
                &read.raw_status,
                read.quality_rating,
                &read.messaging_limit,
                &read.waba_id
            ),
            (
                &source.id,
                source.status,
                &source.raw_status,
                source.quality_rating,
                &source.messaging_limit,
                &source.waba_id
            )
        );
        let detail = answer(
            &Endpoint::LoraDetail("waba-num-001".into()),
            "",
            &numbers,
            &|_| None,
            0,
        );
        let expected: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/fixtures/lora/detail.json")).unwrap();
        let written: serde_json::Value = serde_json::from_str(&detail.body).unwrap();
        assert_eq!(written, expected);
        let bad = answer(
            &Endpoint::AntgstList,
            "pageSize=101",
            &numbers,
            &|_| None,
            0,
        );
        assert_eq!(bad.status, 400);
    }

    #[test]
    fn routes_and_decoding() {
        assert_eq!(
            Endpoint::route("/api/message-server/whatsapp/phone-numbers/a%2Fb"),
            Some(Endpoint::LoraDetail("a/b".into()))
        );
        assert_eq!(
            Endpoint::route("/api/message-server/whatsapp/phone-numbers/a/b"),
            None
        );
        assert_eq!(
            Endpoint::route("/v1/whatsapp/businessPhoneNumber"),
            Some(Endpoint::AntgstList)
        );
        assert_eq!(percent_decode("a%2Fb%20c%zz%"), "a/b c%zz%");
    }
}
