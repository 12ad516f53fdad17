//! The one request handler: CORS, scopes, control endpoints, auth, faults, dialects.

use std::borrow::Cow;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri, Version};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::faults::FaultKind;
use crate::scope::{LoggedRequest, Sandbox, ScopeConfig, MAX_NUMBERS};
use wa_numbers_core::demo::after_onboarding;
use wa_numbers_core::fake::{self, percent_decode, Endpoint};
use wa_numbers_core::provider::{antgst, lora, meta};
use wa_numbers_core::{PhoneNumber, Provider};

pub async fn handle(
    State(sandbox): State<Arc<Sandbox>>,
    method: Method,
    version: Version,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut response = if method == Method::OPTIONS {
        StatusCode::NO_CONTENT.into_response()
    } else if let Some(control) = uri.path().strip_prefix("/__sandbox") {
        control_endpoint(&sandbox, &method, control, &body)
    } else {
        provider_endpoint(&sandbox, &method, version, &uri, &headers).await
    };
    cors(response.headers_mut());
    response
}

/// Any origin may call: the dashboard and the browser tests run on other ports.
fn cors(headers: &mut HeaderMap) {
    let set = |h: &mut HeaderMap, k: &'static str, v: &'static str| {
        h.insert(k, HeaderValue::from_static(v));
    };
    set(headers, "access-control-allow-origin", "*");
    set(
        headers,
        "access-control-allow-methods",
        "GET, PUT, DELETE, OPTIONS",
    );
    set(
        headers,
        "access-control-allow-headers",
        "Authorization, X-Api-Key, Content-Type, Accept",
    );
    set(
        headers,
        "access-control-expose-headers",
        "Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-Business-Use-Case-Usage",
    );
    set(headers, "access-control-max-age", "600");
    // The page may read each request's timings (Resource Timing): the bench
    // shows where a request's time goes beyond the latency it was given.
    set(headers, "timing-allow-origin", "*");
}

fn json_response(status: u16, value: &Value) -> Response {
    json_text_response(status, value.to_string())
}

/// A JSON body already written as text (the dialects' writers).
fn json_text_response(status: u16, body: String) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// `/s/{scope}/rest` -> (scope, rest); anything else is the default scope.
fn split_scope(path: &str) -> (String, &str) {
    if let Some(rest) = path.strip_prefix("/s/") {
        let scope = rest.split('/').next().unwrap_or(rest);
        let tail = &rest[scope.len()..];
        return (percent_decode(scope), tail);
    }
    ("default".to_owned(), path)
}

async fn provider_endpoint(
    sandbox: &Sandbox,
    method: &Method,
    version: Version,
    uri: &Uri,
    headers: &HeaderMap,
) -> Response {
    let (scope_name, path) = split_scope(uri.path());
    let url = uri
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default();
    let Some(endpoint) = Endpoint::route(path) else {
        return json_response(404, &json!({"error": "no such endpoint", "path": path}));
    };
    let dialect = endpoint.provider();
    let credential = credential(dialect, headers);

    // Everything that depends on the scope is decided under its lock, at once.
    let (config, elapsed, calls, fault, admission) = sandbox.with_scope(&scope_name, |scope| {
        scope.calls += 1;
        let roll = (mix(scope.calls ^ scope.config.seed) % 1_000_000) as f64 / 1_000_000.0;
        let fault = scope
            .config
            .faults
            .iter_mut()
            .find_map(|rule| rule.fires(&url, roll).then(|| rule.kind.clone()));
        let elapsed = scope.started.elapsed();
        // Limits are per credential, as the providers count them.
        let config = scope.config.clone();
        let admission = scope
            .windows
            .entry(credential.clone().unwrap_or_default())
            .or_default()
            .admit(elapsed, Instant::now(), &config);
        (config, elapsed, scope.calls, fault, admission)
    });
    if config.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(config.latency_ms)).await;
    }

    let mut response = if method != Method::GET {
        error_response(dialect, 405, "method", "only GET is supported")
    } else if let Err((status, field, message)) =
        check_credential(dialect, credential.as_deref(), config.api_key.as_deref())
    {
        error_response(dialect, status, field, message)
    } else if matches!(dialect, Provider::Lora | Provider::Meta) && admission.limited {
        rate_limited(dialect, admission.retry_after)
    } else {
        match fault {
            Some(FaultKind::ShiftingTotal | FaultKind::RepeatCursor) | None => {
                let shift = if fault == Some(FaultKind::ShiftingTotal) {
                    calls * 7
                } else {
                    0
                };
                let query = uri.query().unwrap_or("");
                let query = if fault == Some(FaultKind::RepeatCursor) {
                    without_after(query)
                } else {
                    query.to_owned()
                };
                let numbers = match (&endpoint, query_param(&query, "wabaId")) {
                    (Endpoint::AntgstList, Some(waba)) => sandbox.waba_numbers(&config, &waba),
                    _ => sandbox.dataset(&config),
                };
                serve(&endpoint, &query, &numbers, &config, elapsed, shift)
            }
            Some(kind) => fault_response(dialect, &kind),
        }
    };
    if dialect == Provider::Meta && response.status().is_success() {
        // Graph reports how much of the business's budget is used on every
        // answer; here, the share of the minute's limit.
        let used = u64::from(config.requests_per_minute.saturating_sub(admission.left)) * 100
            / u64::from(config.requests_per_minute.max(1));
        let usage = [
            r#"{"sandbox-business":[{"type":"whatsapp_business_management","call_count":"#,
            &used.to_string(),
            r#","total_cputime":1,"total_time":1,"estimated_time_to_regain_access":0}]}"#,
        ]
        .concat();
        if let Ok(value) = HeaderValue::from_str(&usage) {
            response
                .headers_mut()
                .insert("x-business-use-case-usage", value);
        }
    }
    if dialect == Provider::Lora {
        let h = response.headers_mut();
        h.insert(
            "x-ratelimit-limit",
            HeaderValue::from(config.requests_per_minute),
        );
        h.insert("x-ratelimit-remaining", HeaderValue::from(admission.left));
    }
    let status = response.status().as_u16();
    sandbox.with_scope(&scope_name, |scope| {
        scope.log.push(LoggedRequest {
            method: method.to_string(),
            url,
            credential_header: credential.is_some(),
            http: match version {
                Version::HTTP_2 => "2",
                Version::HTTP_3 => "3",
                Version::HTTP_10 => "1.0",
                _ => "1.1",
            },
            status,
            at_ms: elapsed.as_millis() as u64,
        })
    });
    response
}

/// A query parameter's decoded value.
fn query_param(query: &str, name: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == name).then(|| percent_decode(value))
    })
}

/// The query without its `after` parameter (the first page again).
fn without_after(query: &str) -> String {
    query
        .split('&')
        .filter(|pair| !pair.starts_with("after="))
        .collect::<Vec<_>>()
        .join("&")
}

fn credential(dialect: Provider, headers: &HeaderMap) -> Option<String> {
    let value = match dialect {
        Provider::Antgst => headers
            .get(header::AUTHORIZATION)?
            .to_str()
            .ok()?
            .strip_prefix("Bearer ")?
            .trim()
            .to_owned(),
        Provider::Lora => headers.get("x-api-key")?.to_str().ok()?.trim().to_owned(),
        Provider::Meta => headers
            .get(header::AUTHORIZATION)?
            .to_str()
            .ok()?
            .strip_prefix("Bearer ")?
            .trim()
            .to_owned(),
    };
    (!value.is_empty()).then_some(value)
}

/// Any non-empty credential, except the reserved `invalid` (401) and `forbidden`
/// (403); with `--api-key K`, K alone.
fn check_credential(
    dialect: Provider,
    given: Option<&str>,
    required: Option<&str>,
) -> Result<(), (u16, &'static str, &'static str)> {
    let unauthorized = match dialect {
        Provider::Antgst => (401, "authentication", "Invalid or missing bearer token"),
        Provider::Lora => (401, "authentication", "Invalid or missing API key"),
        Provider::Meta => (401, "authentication", "Invalid OAuth access token."),
    };
    match (given, required) {
        (None, _) | (Some("invalid"), _) => Err(unauthorized),
        (Some("forbidden"), _) => Err((
            403,
            "authorization",
            "API key does not have permission to access WhatsApp phone numbers",
        )),
        (Some(given), Some(required)) if given != required => Err(unauthorized),
        _ => Ok(()),
    }
}

fn error_response(dialect: Provider, status: u16, field: &'static str, message: &str) -> Response {
    match dialect {
        Provider::Antgst => json_text_response(status, antgst::error_body(status, message)),
        Provider::Lora => json_text_response(status, lora::fail_body(field, message)),
        Provider::Meta => graph_error(status, message),
    }
}

/// Graph answers most errors with HTTP 400 and says what they are in `code`;
/// server errors keep their 5xx and are marked transient.
fn graph_error(status: u16, message: &str) -> Response {
    let (http, code, subcode, transient) = match status {
        401 => (400, 190, None, false),
        403 => (400, 200, None, false),
        404 => (400, 100, Some(33), false),
        500..=599 => (status, 2, None, true),
        _ => (400, 100, None, false),
    };
    json_text_response(http, meta::error_body(code, subcode, message, transient))
}

fn rate_limited(dialect: Provider, retry_after: u64) -> Response {
    let body = match dialect {
        Provider::Antgst => antgst::error_body(429, "Too many requests"),
        Provider::Lora => lora::rate_limited_body(retry_after),
        Provider::Meta => {
            // Graph throttles with HTTP 400, code 80008, and says how long in
            // minutes in X-Business-Use-Case-Usage; no Retry-After.
            let mut response = json_text_response(
                400,
                meta::error_body(
                    80008,
                    None,
                    "(#80008) There have been too many calls to this WhatsApp Business account.",
                    false,
                ),
            );
            let usage = [
                r#"{"sandbox-business":[{"type":"whatsapp_business_management","call_count":100,"total_cputime":1,"total_time":1,"estimated_time_to_regain_access":"#,
                &(retry_after / 60).to_string(),
                "}]}",
            ]
            .concat();
            if let Ok(value) = HeaderValue::from_str(&usage) {
                response
                    .headers_mut()
                    .insert("x-business-use-case-usage", value);
            }
            return response;
        }
    };
    let mut response = json_text_response(429, body);
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
    response
}

fn fault_response(dialect: Provider, kind: &FaultKind) -> Response {
    match kind {
        FaultKind::RateLimit {
            retry_after,
            http_date: false,
        } => rate_limited(dialect, *retry_after),
        FaultKind::RateLimit {
            retry_after,
            http_date: true,
        } => {
            let mut response = rate_limited(dialect, *retry_after);
            let at = SystemTime::now() + Duration::from_secs(*retry_after);
            if let Ok(value) = HeaderValue::from_str(&http_date(at)) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            response
        }
        FaultKind::Status { status } => {
            error_response(dialect, *status, "server", "Injected failure")
        }
        FaultKind::Drop => broken_body(b"", 2048),
        FaultKind::Truncate => {
            let seeds = wa_numbers_core::demo::seed_numbers();
            let total = seeds.len() as u64;
            let full = antgst::write_list(seeds.iter().map(Cow::Borrowed), total, 1, 100);
            broken_body(&full.as_bytes()[..full.len() / 2], full.len())
        }
        FaultKind::Malformed => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"data": [{"phoneNumberId": "x", "status": "#,
        )
            .into_response(),
        FaultKind::WrongContentType => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            "<!doctype html><html><body><h1>Proxy login required</h1></body></html>",
        )
            .into_response(),
        // Served by the handler (they change the data, not the answer).
        FaultKind::ShiftingTotal | FaultKind::RepeatCursor => {
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Sends `sent`, promises `length` bytes, then drops the connection.
fn broken_body(sent: &[u8], length: usize) -> Response {
    let chunks: Vec<Result<Bytes, std::io::Error>> = vec![
        Ok(Bytes::copy_from_slice(sent)),
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "sandbox: injected drop",
        )),
    ];
    let mut response = Response::new(Body::from_stream(futures_util::stream::iter(chunks)));
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    response
}

fn serve(
    endpoint: &Endpoint,
    query: &str,
    numbers: &[PhoneNumber],
    config: &ScopeConfig,
    elapsed: Duration,
    shift: u64,
) -> Response {
    let onboarding_done = elapsed.as_millis() >= u128::from(config.onboarding_delay_ms);
    let current = |n: &PhoneNumber| {
        after_onboarding(n, onboarding_done, || {
            let done_at =
                SystemTime::now() - elapsed + Duration::from_millis(config.onboarding_delay_ms);
            Some(rfc3339(done_at))
        })
    };

    let answer = fake::answer(endpoint, query, numbers, &current, shift);
    json_text_response(answer.status, answer.body)
}

fn control_endpoint(sandbox: &Sandbox, method: &Method, path: &str, body: &[u8]) -> Response {
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    match (method.clone(), parts.as_slice()) {
        (Method::GET, ["health"]) => json_response(200, &json!({"ok": true})),
        (Method::PUT, ["scopes", name]) => match serde_json::from_slice::<ScopeConfig>(body) {
            Ok(config) if config.numbers > MAX_NUMBERS => json_response(
                400,
                &json!({"error": format!("numbers is at most {MAX_NUMBERS}")}),
            ),
            Ok(config) => {
                sandbox.reset_scope(&percent_decode(name), config);
                json_response(200, &json!({"ok": true}))
            }
            Err(err) => json_response(400, &json!({"error": format!("bad scope config: {err}")})),
        },
        (Method::GET, ["scopes", name, "requests"]) => {
            let log = sandbox.with_scope(&percent_decode(name), |s| s.log.clone());
            json_response(200, &serde_json::to_value(log).unwrap_or_default())
        }
        (Method::DELETE, ["scopes", name]) => {
            sandbox
                .scopes
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(&percent_decode(name));
            json_response(200, &json!({"ok": true}))
        }
        _ => json_response(
            404,
            &json!({"error": "unknown control endpoint", "see": "GET /__sandbox/health, PUT|DELETE /__sandbox/scopes/{name}, GET /__sandbox/scopes/{name}/requests"}),
        ),
    }
}

fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A point in time as UTC calendar fields: (year, month, day, seconds of the
/// day, weekday with 0 = Sunday). Days-from-civil, no date library.
fn civil(at: SystemTime) -> (i64, i64, i64, i64, i64) {
    let secs = at
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    // 1970-01-01 was a Thursday.
    (year, month, day, rem, (days + 4).rem_euclid(7))
}

/// RFC 3339 in UTC.
fn rfc3339(at: SystemTime) -> String {
    let (year, month, day, rem, _) = civil(at);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// An HTTP-date (IMF-fixdate, RFC 9110), as `Retry-After` may carry it.
fn http_date(at: SystemTime) -> String {
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (year, month, day, rem, weekday) = civil(at);
    format!(
        "{}, {day:02} {} {year:04} {:02}:{:02}:{:02} GMT",
        DAYS[weekday as usize % 7],
        MONTHS[(month as usize + 11) % 12],
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::faults::FaultRule;

    #[test]
    fn dates_and_decoding() {
        assert_eq!(
            http_date(UNIX_EPOCH + Duration::from_secs(1_445_412_480)),
            "Wed, 21 Oct 2015 07:28:00 GMT"
        );
        assert_eq!(
            rfc3339(UNIX_EPOCH + Duration::from_secs(1_764_547_200)),
            "2025-12-01T00:00:00Z"
        );
        assert_eq!(split_scope("/s/t1/v1/x"), ("t1".to_owned(), "/v1/x"));
        assert_eq!(split_scope("/v1/x"), ("default".to_owned(), "/v1/x"));
    }

    #[test]
    fn fault_flags() {
        assert_eq!(FaultRule::parse_flag("503:0.5").unwrap().rate, Some(0.5));
        assert!(FaultRule::parse_flag("explode").is_err());
    }
}
