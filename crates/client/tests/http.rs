//! The client against the sandbox over real HTTP. `cargo xtask test` starts the
//! sandbox on a free loopback port and passes its URL in `WA_SANDBOX_URL` at
//! build time; this module then runs under Node, in headless Chromium, and in a
//! dedicated Web Worker. Each test uses its own sandbox scope (`/s/{name}`).
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Promise;
use serde_json::{json, Value};
use wa_numbers::core::{ErrorKind, ListQuery, PhoneNumber, Progress, Provider, Status};
use wa_numbers::{Client, ClientConfig, Pages};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

const KEY: &str = "sk-test-SECRET-123";

fn sandbox() -> &'static str {
    match option_env!("WA_SANDBOX_URL") {
        Some(url) => url,
        None => panic!("WA_SANDBOX_URL is set by `cargo xtask test`, which starts the sandbox"),
    }
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch)]
    fn fetch_with_str_and_init(url: &str, init: &web_sys::RequestInit) -> Promise;
}

async fn http(method: &str, url: &str, body: Option<Value>) -> Value {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    if let Some(body) = body {
        init.set_body(&JsValue::from_str(&body.to_string()));
    }
    let response: web_sys::Response = JsFuture::from(fetch_with_str_and_init(url, &init))
        .await
        .unwrap()
        .unchecked_into();
    let text = JsFuture::from(response.text().unwrap())
        .await
        .unwrap()
        .as_string()
        .unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Configures a fresh scope and returns its base URL.
async fn scope(name: &str, config: Value) -> String {
    http(
        "PUT",
        &format!("{}/__sandbox/scopes/{name}", sandbox()),
        Some(config),
    )
    .await;
    format!("{}/s/{name}", sandbox())
}

async fn logged_urls(name: &str) -> Vec<(String, u64)> {
    let log = http(
        "GET",
        &format!("{}/__sandbox/scopes/{name}/requests", sandbox()),
        None,
    )
    .await;
    log.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["url"].as_str().unwrap().to_owned(),
                r["status"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn config_of(provider: Provider, base_url: &str, retries: u32, timeout_ms: u32) -> ClientConfig {
    ClientConfig {
        provider,
        base_url: base_url.to_owned(),
        api_key: Some(KEY.to_owned()),
        waba_id: None,
        timeout_ms: Some(timeout_ms),
        retries: Some(retries),
        concurrency: Some(8),
        requests_per_minute: None,
        requests_per_second: None,
    }
}

fn client(provider: Provider, base_url: &str, retries: u32, timeout_ms: u32) -> Client {
    Client::new(config_of(provider, base_url, retries, timeout_ms)).unwrap()
}

/// Past AntGst's cap the list is read by WABA, and its own pages only to find
/// WABAs; one of those pages failing does not fail the load when the WABAs
/// read account for every number (it said "stopped" with every number loaded).
#[wasm_bindgen_test]
async fn a_page_no_longer_needed_failing_does_not_fail_the_load() {
    // Page 6 of the whole list, which is always asked for: in this account
    // (seeded) one WABA first shows on page 7, and the list's own pages are
    // read in order until every WABA is found. No WABA has a page 6 (429
    // numbers at most), so the fault hits the whole list's page alone. (Page
    // 10 was asked for only when the window had room, which depended on the
    // machine's speed.)
    let base = scope(
        "split-late-fault",
        json!({"numbers": 25_000, "faults": [{"kind": "status", "status": 500, "path": "pageNo=6&"}]}),
    )
    .await;
    // The dashboard's window: four pages at a time.
    let c = Client::new(ClientConfig {
        concurrency: Some(4),
        ..config_of(Provider::Antgst, &base, 1, 30_000)
    })
    .unwrap();
    let all = c
        .list_all(&ListQuery::default(), &|_, _| {}, None)
        .await
        .unwrap();
    assert_eq!((all.numbers.len(), all.truncated), (25_004, false));
    let log = logged_urls("split-late-fault").await;
    assert!(
        log.iter()
            .any(|(url, status)| url.contains("pageNo=6&") && *status == 500),
        "the fault fired"
    );
}

/// A load that fails keeps what it read: the pages answered after the one
/// that failed reach the caller (they waited for it for ever: 200 rows of
/// 1,104 read were handed over).
#[wasm_bindgen_test]
async fn rows_read_after_a_failed_page_reach_the_caller() {
    let base = scope(
        "failed-page-keeps-rows",
        json!({"numbers": 1_200, "faults": [{"kind": "status", "status": 500, "path": "pageNo=3&"}]}),
    )
    .await;
    let c = Client::new(ClientConfig {
        concurrency: Some(4),
        ..config_of(Provider::Antgst, &base, 1, 30_000)
    })
    .unwrap();
    let handed = std::cell::Cell::new(0usize);
    let err = c
        .list_all(
            &ListQuery::default(),
            &|rows, _| handed.set(handed.get() + rows.len()),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    // 1,204 numbers on 13 pages; page 3 failed.
    assert_eq!(handed.get(), 1_104);
}

/// A provider failing page after page is down: the load stops after three
/// failed pages instead of asking for every one of them.
#[wasm_bindgen_test]
async fn a_provider_failing_page_after_page_is_not_asked_for_every_page() {
    let base = scope(
        "many-failed-pages",
        json!({"numbers": 3_000, "faults": [{"kind": "status", "status": 500, "path": "pageNo=2"}]}),
    )
    .await;
    let c = Client::new(ClientConfig {
        concurrency: Some(2),
        ..config_of(Provider::Antgst, &base, 0, 30_000)
    })
    .unwrap();
    let err = c
        .list_all(&ListQuery::default(), &|_, _| {}, None)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    // Pages 2 and 20 to 29 fail: eleven, of which three are enough to stop.
    let failed = logged_urls("many-failed-pages")
        .await
        .iter()
        .filter(|(_, status)| *status == 500)
        .count();
    assert!((3..=4).contains(&failed), "{failed} failed pages asked for");
}

#[wasm_bindgen_test]
async fn lists_one_page_and_every_page_past_the_cap() {
    let base = scope("list-all", json!({"numbers": 25_000})).await;
    let c = client(Provider::Antgst, &base, 2, 30_000);
    let page = c
        .list_phone_numbers(
            &ListQuery {
                page_no: Some(2),
                page_size: Some(100),
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(
        (page.numbers.len(), page.total, page.page),
        (100, 25_004, Some(2))
    );

    let last = Rc::new(RefCell::new(None));
    let seen = last.clone();
    let all = c
        .list_all(
            &ListQuery::default(),
            &move |_, p| *seen.borrow_mut() = Some(p),
            None,
        )
        .await
        .unwrap();
    assert_eq!(all.total, 25_004);
    assert_eq!(
        all.numbers.len(),
        25_004,
        "every number, split by WABA past 10,000"
    );
    assert!(!all.truncated && !all.total_changed);
    let ids: std::collections::HashSet<_> = all.numbers.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids.len(), 25_004, "merged by id");
    assert_eq!(all.numbers[0].id, "waba-num-001", "provider order");
    let last = last.borrow().unwrap();
    assert_eq!((last.loaded, last.total), (25_004, 25_004));
    assert!(
        all.requests > 100 && all.requests < 600,
        "{} requests",
        all.requests
    );
    let log = logged_urls("list-all").await;
    assert_eq!(log.len() as u32, all.requests + 1);
    assert!(log
        .iter()
        .all(|(url, status)| *status == 200 && !url.contains(KEY) && !url.contains("SECRET")));
}

#[wasm_bindgen_test]
async fn rows_given_away_are_the_rows_lent_and_not_kept_twice() {
    let base = scope("list-given", json!({"numbers": 12_000})).await;
    let c = client(Provider::Antgst, &base, 2, 30_000);
    let lent = c
        .list_all(&ListQuery::default(), &|_, _| {}, None)
        .await
        .unwrap();
    let given = Rc::new(RefCell::new(Vec::new()));
    let into = given.clone();
    let on_page =
        move |mut rows: Vec<PhoneNumber>, _: Progress| into.borrow_mut().append(&mut rows);
    let all = c
        .list_all_to(&ListQuery::default(), Pages::Given(&on_page), None)
        .await
        .unwrap();
    assert!(all.numbers.is_empty(), "the client keeps no copy");
    assert_eq!((all.total, all.truncated), (12_004, false));
    let given = given.borrow();
    assert_eq!(given.len(), 12_004);
    let ids = |ns: &[PhoneNumber]| -> std::collections::BTreeSet<String> {
        ns.iter().map(|n| n.id.clone()).collect()
    };
    assert_eq!(
        ids(&given),
        ids(&lent.numbers),
        "the same numbers, each once"
    );
    assert_eq!(given.first().map(|n| n.id.as_str()), Some("waba-num-001"));
}

#[wasm_bindgen_test]
async fn lora_lists_all_in_one_request_and_reads_details() {
    let base = scope("lora", json!({"numbers": 2_000})).await;
    let c = client(Provider::Lora, &base, 0, 10_000);
    let all = c
        .list_all(&ListQuery::default(), &|_, _| {}, None)
        .await
        .unwrap();
    assert_eq!(
        (all.numbers.len(), all.requests, all.truncated),
        (2_004, 1, false)
    );
    let one = c.get_phone_number("waba-num-001", None).await.unwrap();
    assert_eq!(one.waba_id.as_deref(), Some("waba-acct-shopitalia-001"));
    let missing = c.get_phone_number("waba-num-999", None).await.unwrap_err();
    assert_eq!(
        (missing.kind(), missing.field(), missing.status()),
        (ErrorKind::NotFound, Some("phoneNumberId"), Some(404))
    );
    // An id that tries to escape its path segment stays one segment.
    let odd = c
        .get_phone_number("../phone-numbers?x=1", None)
        .await
        .unwrap_err();
    assert_eq!(odd.kind(), ErrorKind::NotFound);
    let log = logged_urls("lora").await;
    assert!(
        log.last()
            .unwrap()
            .0
            .ends_with("/phone-numbers/..%2Fphone-numbers%3Fx%3D1"),
        "{log:?}"
    );
}

#[wasm_bindgen_test]
async fn antgst_detail_is_found_through_the_list() {
    let base = scope("antgst-detail", json!({"numbers": 150})).await;
    let c = client(Provider::Antgst, &base, 0, 10_000);
    assert_eq!(
        c.get_phone_number("gen-1-000120", None).await.unwrap().id,
        "gen-1-000120"
    );
    assert_eq!(
        c.get_phone_number("nope", None).await.unwrap_err().kind(),
        ErrorKind::NotFound
    );
}

/// Looking again at a number found through AntGst's list (a watched
/// onboarding polls) reads only its WABA's pages, not the whole account.
/// A page of the list failing elsewhere does not lose a number already read
/// (AntGst has no detail endpoint: its list is read).
#[wasm_bindgen_test]
async fn antgst_detail_survives_a_failing_page_elsewhere() {
    let base = scope(
        "antgst-detail-flaky",
        json!({"numbers": 1_200, "faults": [{"kind": "status", "status": 500, "path": "pageNo=13&"}]}),
    )
    .await;
    let c = client(Provider::Antgst, &base, 0, 15_000);
    let n = c.get_phone_number("waba-num-001", None).await.unwrap();
    assert_eq!(n.id, "waba-num-001");
    // The failing page was asked for: the number came from another.
    assert!(logged_urls("antgst-detail-flaky")
        .await
        .iter()
        .any(|(url, status)| url.contains("pageNo=13&") && *status == 500));
}

#[wasm_bindgen_test]
async fn antgst_looks_again_in_the_wabas_pages_only() {
    let base = scope("antgst-again", json!({"numbers": 3000})).await;
    let c = client(Provider::Antgst, &base, 0, 20_000);
    let first = c.get_phone_number("gen-1-002900", None).await.unwrap();
    let waba = first.waba_id.clone().expect("AntGst rows carry their WABA");
    let whole = logged_urls("antgst-again").await.len();
    assert!(
        whole >= 31,
        "the first look reads the list: {whole} requests"
    );
    let again = c
        .clone()
        .get_phone_number("gen-1-002900", None)
        .await
        .unwrap();
    assert_eq!(again, first);
    let log = logged_urls("antgst-again").await;
    let second: Vec<_> = log.get(whole..).unwrap_or_default().iter().collect();
    assert!(
        !second.is_empty() && second.len() <= 5,
        "{} requests the second time",
        second.len()
    );
    let filter = ["wabaId=", &waba].concat();
    assert!(
        second.iter().all(|(url, _)| url.contains(&filter)),
        "{second:?}"
    );
}

#[wasm_bindgen_test]
async fn watches_onboarding_until_active() {
    let base = scope("onboarding", json!({"onboardingDelayMs": 700})).await;
    let c = client(Provider::Lora, &base, 0, 10_000);
    let updates = Rc::new(RefCell::new(Vec::new()));
    let sink = updates.clone();
    let done = c
        .wait_for_onboarding(
            "waba-num-002",
            150,
            10_000,
            &move |n| sink.borrow_mut().push((n.status, n.raw_status.clone())),
            None,
        )
        .await
        .unwrap();
    assert_eq!(done.status, Status::Connected);
    assert!(done.last_onboarded_at.is_some());
    assert_eq!(
        *updates.borrow(),
        [
            (Status::Onboarding, Some("PENDING".to_owned())),
            (Status::Connected, Some("ACTIVE".to_owned()))
        ]
    );
    let polls = logged_urls("onboarding").await.len();
    assert!(
        (3..=10).contains(&polls),
        "{polls} polls for 700 ms at 150 ms"
    );
}

/// A provider asking a watch to wait longer than one request may take (its
/// minute's limit) is waited out within the watch's own deadline.
#[wasm_bindgen_test]
async fn a_watch_waits_out_a_long_429() {
    let base = scope(
        "onboarding-429",
        json!({"onboardingDelayMs": 300, "faults": [{"kind": "rate_limit", "retryAfter": 2, "count": 1}]}),
    )
    .await;
    // A request may take 1 s: the 2 s asked for is the watch's to wait.
    let c = client(Provider::Lora, &base, 0, 1_000);
    let started = js_sys::Date::now();
    let done = c
        .wait_for_onboarding("waba-num-002", 150, 20_000, &|_| {}, None)
        .await
        .unwrap();
    assert_eq!(done.status, Status::Connected);
    assert!(js_sys::Date::now() - started >= 2_000.0, "waited as asked");
    // The same, with less left of the watch than the wait: that answer ends it.
    let base = scope(
        "onboarding-429-late",
        json!({"faults": [{"kind": "rate_limit", "retryAfter": 30, "count": 1}]}),
    )
    .await;
    let c = client(Provider::Lora, &base, 0, 1_000);
    let err = c
        .wait_for_onboarding("waba-num-002", 150, 5_000, &|_| {}, None)
        .await
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.retry_after_ms()),
        (ErrorKind::RateLimited, Some(30_000))
    );
}

#[wasm_bindgen_test]
async fn onboarding_watch_times_out() {
    let base = scope("onboarding-slow", json!({"onboardingDelayMs": 60_000})).await;
    let c = client(Provider::Lora, &base, 0, 10_000);
    let err = c
        .wait_for_onboarding("waba-num-002", 100, 400, &|_| {}, None)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
}

/// Runs one LORA list call on a fresh scope with `faults`; (result kind or "ok", requests seen).
async fn with_fault(
    name: &str,
    faults: Value,
    retries: u32,
) -> (Result<usize, wa_numbers::core::Error>, usize) {
    let base = scope(name, json!({ "faults": faults })).await;
    let c = client(Provider::Lora, &base, retries, 15_000);
    let result = c
        .list_phone_numbers(&ListQuery::default(), None)
        .await
        .map(|p| p.numbers.len());
    (result, logged_urls(name).await.len())
}

#[wasm_bindgen_test]
async fn transient_faults_are_retried() {
    for (name, fault) in [
        (
            "f-503",
            json!({"kind": "status", "status": 503, "count": 2}),
        ),
        (
            "f-500",
            json!({"kind": "status", "status": 500, "count": 2}),
        ),
        ("f-drop", json!({"kind": "drop", "count": 2})),
        ("f-truncate", json!({"kind": "truncate", "count": 2})),
    ] {
        let (result, requests) = with_fault(name, json!([fault]), 3).await;
        assert_eq!(result.unwrap(), 4, "{name}");
        // Two failures, then success (Chromium may absorb a drop by re-sending itself).
        assert!((3..=4).contains(&requests), "{name}: {requests} requests");
    }
}

#[wasm_bindgen_test]
async fn rate_limits_honour_retry_after() {
    let started = js_sys::Date::now();
    let (result, requests) = with_fault(
        "f-429",
        json!([{"kind": "rate_limit", "retryAfter": 1, "count": 1}]),
        2,
    )
    .await;
    assert_eq!((result.unwrap(), requests), (4, 2));
    assert!(js_sys::Date::now() - started >= 1_000.0, "waited as asked");
    // A wait past the call's deadline (15 s) is not waited: the error says how long.
    let (result, requests) = with_fault(
        "f-429-always",
        json!([{"kind": "rate_limit", "retryAfter": 30}]),
        0,
    )
    .await;
    let err = result.unwrap_err();
    assert_eq!(
        (err.kind(), err.retry_after_ms(), err.status(), requests),
        (ErrorKind::RateLimited, Some(30_000), Some(429), 1)
    );
}

/// `Retry-After: 0` (or an HTTP-date already past) is not "ask again at
/// once": the backoff still grows. It was 1,674 requests in 3 s.
#[wasm_bindgen_test]
async fn a_retry_after_of_zero_still_backs_off() {
    for (name, fault) in [
        ("f-429-zero", json!({"kind": "rate_limit", "retryAfter": 0})),
        (
            "f-429-past",
            json!({"kind": "rate_limit", "retryAfter": 0, "httpDate": true}),
        ),
    ] {
        let base = scope(name, json!({ "faults": [fault] })).await;
        let c = client(Provider::Antgst, &base, 0, 3_000);
        let err = c
            .list_phone_numbers(&ListQuery::default(), None)
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::RateLimited, "{name}");
        let requests = logged_urls(name).await.len();
        // Full jitter over 250 ms, 500 ms, 1 s, 2 s...: a handful in 3 s.
        assert!((2..=20).contains(&requests), "{name}: {requests} requests");
    }
}

#[wasm_bindgen_test]
async fn throttling_slows_a_load_down_and_never_fails_it() {
    // 30% of answers are 429 (Retry-After 1 s): more than `retries` in a row
    // happens on some page, and must not end the load.
    let base = scope(
        "throttled-load",
        json!({"numbers": 3_000, "faults": [{"kind": "rate_limit", "retryAfter": 1, "rate": 0.3}]}),
    )
    .await;
    let c = client(Provider::Antgst, &base, 0, 30_000);
    let pages = Rc::new(RefCell::new((0usize, 0u32)));
    let seen = pages.clone();
    let all = c
        .list_all(
            &ListQuery::default(),
            &move |rows, p| {
                let mut s = seen.borrow_mut();
                s.0 += rows.len();
                s.1 = p.throttled;
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!((all.numbers.len(), all.truncated), (3_004, false));
    assert!(all.throttled > 0, "the sandbox throttled some pages");
    let (rows, throttled) = *pages.borrow();
    assert_eq!(rows, 3_004, "each page's new rows handed over once");
    assert_eq!(throttled, all.throttled);
}

#[wasm_bindgen_test]
async fn retry_after_as_an_http_date_is_honoured() {
    // AntGst's 429 body has no wait: the header is all there is.
    let base = scope(
        "f-429-date",
        json!({"faults": [{"kind": "rate_limit", "retryAfter": 3, "httpDate": true}]}),
    )
    .await;
    let c = client(Provider::Antgst, &base, 0, 10_000);
    let err = c
        .list_phone_numbers(&ListQuery::default(), None)
        .await
        .unwrap_err();
    let wait = err.retry_after_ms().expect("the date was read");
    assert!((1_000..=3_000).contains(&wait), "{wait} ms");
    let base = scope(
        "f-429-date-once",
        json!({"faults": [{"kind": "rate_limit", "retryAfter": 2, "httpDate": true, "count": 1}]}),
    )
    .await;
    let c = client(Provider::Antgst, &base, 1, 10_000);
    let started = js_sys::Date::now();
    assert!(c
        .list_phone_numbers(&ListQuery::default(), None)
        .await
        .is_ok());
    assert!(
        js_sys::Date::now() - started >= 900.0,
        "waited for the date"
    );
}

#[wasm_bindgen_test]
async fn persistent_faults_map_to_their_kind() {
    for (name, fault, retries, kind, requests) in [
        (
            "p-500",
            json!({"kind": "status", "status": 500}),
            1,
            ErrorKind::Server,
            2,
        ),
        ("p-drop", json!({"kind": "drop"}), 1, ErrorKind::Network, 2),
        (
            "p-truncate",
            json!({"kind": "truncate"}),
            0,
            ErrorKind::Network,
            1,
        ),
        (
            "p-malformed",
            json!({"kind": "malformed"}),
            3,
            ErrorKind::InvalidResponse,
            1,
        ),
        (
            "p-html",
            json!({"kind": "wrong_content_type"}),
            3,
            ErrorKind::InvalidResponse,
            1,
        ),
        (
            "p-400",
            json!({"kind": "status", "status": 400}),
            3,
            ErrorKind::InvalidInput,
            1,
        ),
    ] {
        let (result, seen) = with_fault(name, json!([fault]), retries).await;
        let err = result.unwrap_err();
        assert_eq!(err.kind(), kind, "{name}: {err}");
        if matches!(name, "p-drop" | "p-truncate") {
            // Chromium itself re-sends a GET when a reused connection drops
            // mid-answer: alone, once per attempt; with the other tests' requests
            // in flight, measured up to 4 per attempt (8 for 2 attempts). The
            // client's own attempts are what `requests` counts.
            assert!(
                (requests..=requests * 4).contains(&seen),
                "{name}: {seen} requests"
            );
        } else {
            assert_eq!(seen, requests, "{name}: {err}");
        }
        assert!(!err.to_string().contains(KEY));
    }
    let (result, _) = with_fault("p-html2", json!([{"kind": "wrong_content_type"}]), 0).await;
    assert!(
        result.unwrap_err().to_string().contains("text/html"),
        "says what came instead of JSON"
    );
}

#[wasm_bindgen_test]
async fn credentials_are_checked_and_never_retried() {
    let base = scope("auth", json!({})).await;
    for (key, kind) in [
        ("invalid", ErrorKind::Unauthorized),
        ("forbidden", ErrorKind::Forbidden),
    ] {
        for provider in [Provider::Lora, Provider::Antgst, Provider::Meta] {
            // Graph paths carry the API version.
            let base_url = match provider {
                Provider::Meta => [base.as_str(), "/v24.0"].concat(),
                _ => base.clone(),
            };
            let c = Client::new(ClientConfig {
                provider,
                base_url,
                api_key: Some(key.into()),
                waba_id: (provider == Provider::Meta).then(|| vec!["waba-1-000".to_owned()]),
                timeout_ms: None,
                retries: Some(3),
                concurrency: None,
                requests_per_minute: None,
                requests_per_second: None,
            })
            .unwrap();
            let err = c
                .list_phone_numbers(&ListQuery::default(), None)
                .await
                .unwrap_err();
            assert_eq!(err.kind(), kind, "{provider:?} {key}");
        }
    }
    // Meta's 190 and 200 come with HTTP 400: classified by code, not retried.
    assert_eq!(logged_urls("auth").await.len(), 6, "4xx are not retried");
}

#[wasm_bindgen_test]
async fn invalid_input_sends_nothing() {
    let base = scope("input", json!({})).await;
    let c = client(Provider::Antgst, &base, 0, 5_000);
    let err = c
        .list_phone_numbers(
            &ListQuery {
                page_size: Some(500),
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.field()),
        (ErrorKind::InvalidInput, Some("query.pageSize"))
    );
    let err = c.get_phone_number("", None).await.unwrap_err();
    assert_eq!(err.field(), Some("phoneNumberId"));
    assert!(logged_urls("input").await.is_empty());
}

#[wasm_bindgen_test]
async fn cancellation_and_timeout() {
    let base = scope("slow", json!({"latencyMs": 3_000})).await;
    let c = client(Provider::Lora, &base, 3, 20_000);
    let controller = web_sys::AbortController::new().unwrap();
    let signal = controller.signal();
    let abort = Closure::once_into_js(move || controller.abort());
    let global = js_sys::global();
    let set_timeout: js_sys::Function = js_sys::Reflect::get(&global, &"setTimeout".into())
        .unwrap()
        .unchecked_into();
    set_timeout
        .call2(&global, &abort, &JsValue::from(100))
        .unwrap();
    let started = js_sys::Date::now();
    let err = c
        .list_phone_numbers(&ListQuery::default(), Some(&signal))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Aborted);
    assert!(js_sys::Date::now() - started < 2_000.0);

    let c = client(Provider::Lora, &base, 3, 300);
    let err = c
        .list_phone_numbers(&ListQuery::default(), None)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
}

#[wasm_bindgen_test]
async fn a_shifting_total_is_flagged_not_fatal() {
    let base = scope(
        "shifting",
        json!({"numbers": 700, "faults": [{"kind": "shifting_total"}]}),
    )
    .await;
    let c = client(Provider::Antgst, &base, 0, 10_000);
    let all = c
        .list_all(&ListQuery::default(), &|_, _| {}, None)
        .await
        .unwrap();
    assert!(all.total_changed);
    assert_eq!(all.numbers.len(), 704);
}

/// A Meta client on the sandbox's Graph paths (`/v24.0`), listing `wabas`.
fn meta_client(base: &str, wabas: &[&str], retries: u32) -> Client {
    Client::new(ClientConfig {
        provider: Provider::Meta,
        base_url: [base, "/v24.0"].concat(),
        api_key: Some(KEY.to_owned()),
        waba_id: Some(wabas.iter().map(|w| (*w).to_owned()).collect()),
        timeout_ms: Some(20_000),
        retries: Some(retries),
        concurrency: Some(4),
        requests_per_minute: None,
        requests_per_second: None,
    })
    .unwrap()
}

/// The ids of the sandbox's account (`numbers`, `seed`) in `waba`, in order.
fn ids_of_waba(numbers: usize, seed: u64, waba: &str) -> Vec<String> {
    wa_numbers::core::demo::account(numbers, seed)
        .into_iter()
        .filter(|n| n.waba_id.as_deref() == Some(waba))
        .map(|n| n.id)
        .collect()
}

/// One WABA id of several mistyped: the others are read and reach the
/// caller, and the load still fails, naming what the provider said.
#[wasm_bindgen_test]
async fn meta_reads_the_other_wabas_when_one_is_unknown() {
    let base = scope("meta-one-unknown", json!({"numbers": 1_200, "seed": 5})).await;
    let wabas = ["waba-5-000", "waba-5-999", "waba-5-003"];
    let c = meta_client(&base, &wabas, 0);
    let shown = Rc::new(RefCell::new(0usize));
    let count = shown.clone();
    let err = c
        .list_all(
            &ListQuery::default(),
            &move |rows, _| *count.borrow_mut() += rows.len(),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err:?}");
    assert_eq!(
        err.waba_id(),
        Some("waba-5-999"),
        "the WABA Meta does not know"
    );
    let good =
        ids_of_waba(1_200, 5, "waba-5-000").len() + ids_of_waba(1_200, 5, "waba-5-003").len();
    assert!(good > 100);
    assert_eq!(
        *shown.borrow(),
        good,
        "every number of the two WABAs it knows"
    );
}

#[wasm_bindgen_test]
async fn meta_lists_several_wabas_by_cursor() {
    let base = scope("meta-all", json!({"numbers": 1_200, "seed": 5})).await;
    let wabas = ["waba-5-000", "waba-5-003", "waba-acct-shopitalia-001"];
    let c = meta_client(&base, &wabas, 0);
    let progress = Rc::new(RefCell::new(Vec::new()));
    let seen = progress.clone();
    let all = c
        .list_all(
            &ListQuery::default(),
            &move |_, p| seen.borrow_mut().push(p.loaded),
            None,
        )
        .await
        .unwrap();
    let mut expected: Vec<String> = wabas
        .iter()
        .flat_map(|w| ids_of_waba(1_200, 5, w))
        .collect();
    assert!(expected.len() > 300, "{} numbers", expected.len());
    let mut got: Vec<String> = all.numbers.iter().map(|n| n.id.clone()).collect();
    expected.sort();
    got.sort();
    assert_eq!(got, expected, "every number of the three WABAs, once");
    assert!(!all.truncated);
    assert_eq!(all.total, expected.len() as u64);
    for n in &all.numbers {
        let waba = n.waba_id.as_deref().unwrap();
        assert!(wabas.contains(&waba), "{} carries its WABA", n.id);
    }
    // 100 a page: one request per started hundred, per WABA.
    let pages: u32 = wabas
        .iter()
        .map(|w| (ids_of_waba(1_200, 5, w).len() as u32).div_ceil(100).max(1))
        .sum();
    assert_eq!(all.requests, pages);
    assert_eq!(
        progress.borrow().last().copied(),
        Some(expected.len() as u64)
    );
    let log = logged_urls("meta-all").await;
    assert_eq!(log.len() as u32, pages);
    assert!(log.iter().all(|(url, status)| *status == 200
        && url.contains("/v24.0/")
        && url.contains("fields=")
        && !url.contains("SECRET")
        && !url.contains("access_token")));
}

#[wasm_bindgen_test]
async fn meta_pages_by_cursor_and_needs_a_waba() {
    let base = scope("meta-page", json!({"numbers": 30, "seed": 2})).await;
    let waba = "waba-2-000";
    let c = meta_client(&base, &[waba], 0);
    let of_waba = ids_of_waba(30, 2, waba);
    let mut after = None;
    let mut read = Vec::new();
    for _ in 0..10 {
        let page = c
            .list_phone_numbers(
                &ListQuery {
                    page_size: Some(4),
                    after: after.clone(),
                    ..Default::default()
                },
                None,
            )
            .await
            .unwrap();
        read.extend(page.numbers.into_iter().map(|n| n.id));
        after = page.next_cursor;
        if after.is_none() {
            break;
        }
    }
    assert_eq!(read, of_waba, "the WABA's numbers in order, then no cursor");

    // No WABA anywhere: refused before any request.
    let sent = logged_urls("meta-page").await.len();
    let none = meta_client(&base, &[], 0);
    let err = none
        .list_phone_numbers(&ListQuery::default(), None)
        .await
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.field()),
        (ErrorKind::InvalidInput, Some("query.wabaId"))
    );
    let err = none
        .list_all(&ListQuery::default(), &|_, _| {}, None)
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("query.wabaId"));
    // Several WABAs: one page must name which.
    let two = meta_client(&base, &[waba, "waba-2-001"], 0);
    let err = two
        .list_phone_numbers(&ListQuery::default(), None)
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("query.wabaId"));
    assert_eq!(logged_urls("meta-page").await.len(), sent);

    // Detail, and watching a number that is not onboarding returns at once.
    let one = c.get_phone_number(&of_waba[0], None).await.unwrap();
    assert_eq!(one.id, of_waba[0]);
    let watched = c
        .wait_for_onboarding(&of_waba[0], 100, 5_000, &|_| {}, None)
        .await
        .unwrap();
    assert_eq!(watched.id, of_waba[0]);
    let missing = c.get_phone_number("404404", None).await.unwrap_err();
    assert_eq!(missing.kind(), ErrorKind::NotFound);
}

#[wasm_bindgen_test]
async fn meta_throttling_is_waited_out_and_read_from_the_usage_header() {
    // Throttled once (code 80008, HTTP 400, no Retry-After): retried.
    let base = scope(
        "meta-throttle-once",
        json!({"numbers": 0, "faults": [{"kind": "rate_limit", "retryAfter": 1, "count": 1}]}),
    )
    .await;
    let c = meta_client(&base, &["waba-acct-shopitalia-001"], 2);
    let page = c
        .list_phone_numbers(&ListQuery::default(), None)
        .await
        .unwrap();
    assert!(!page.numbers.is_empty());
    let log = logged_urls("meta-throttle-once").await;
    assert_eq!(
        log.iter().map(|(_, s)| *s).collect::<Vec<_>>(),
        vec![400, 200]
    );

    // Always throttled for 2 minutes: the wait comes from the usage header.
    let base = scope(
        "meta-throttle-long",
        json!({"faults": [{"kind": "rate_limit", "retryAfter": 120}]}),
    )
    .await;
    let c = meta_client(&base, &["waba-acct-shopitalia-001"], 0);
    let err = c
        .list_phone_numbers(&ListQuery::default(), None)
        .await
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.retry_after_ms(), err.status()),
        (ErrorKind::RateLimited, Some(120_000), Some(400))
    );
}

/// Each request's arrival (ms since the scope began) and status, as the sandbox saw them.
async fn logged_times(name: &str) -> Vec<(u64, u64)> {
    let log = http(
        "GET",
        &format!("{}/__sandbox/scopes/{name}/requests", sandbox()),
        None,
    )
    .await;
    log.as_array()
        .unwrap()
        .iter()
        .map(|r| (r["atMs"].as_u64().unwrap(), r["status"].as_u64().unwrap()))
        .collect()
}

/// How many requests the sandbox was answering when each one arrived, by
/// arrival: each takes its `latency_ms` there, so one that arrived less than
/// that before is still in flight. 50 ms short of it: a request sent just
/// after another's answer, in the same millisecond of the log, is not
/// counted with it.
fn in_flight_at_arrivals(log: &[(u64, u64)], latency_ms: u64) -> Vec<(u64, usize)> {
    log.iter()
        .map(|&(at, _)| {
            let busy = log
                .iter()
                .filter(|&&(other, _)| other <= at && at < other + latency_ms - 50)
                .count();
            (at, busy)
        })
        .collect()
}

/// Meta throttling a load over several WABAs slows it down, as AntGst's
/// does: fewer requests in flight after a throttled answer. Every WABA's
/// next page went out at full concurrency through Meta's throttling.
#[wasm_bindgen_test]
async fn meta_throttling_narrows_the_window_over_wabas() {
    const LATENCY: u64 = 250;
    let base = scope(
        "meta-window",
        json!({"numbers": 1_200, "seed": 5, "latencyMs": LATENCY,
               "requestsPerMinute": 100_000, "burstPerSecond": 10_000,
               // The third page of the first WABA to ask for one, once.
               "faults": [{"kind": "rate_limit", "retryAfter": 1, "count": 1,
                           "path": "after=o20"}]}),
    )
    .await;
    let wabas: Vec<String> = (0..6).map(|i| format!("waba-5-00{i}")).collect();
    let config = ClientConfig {
        provider: Provider::Meta,
        base_url: format!("{base}/v24.0"),
        api_key: Some(KEY.to_owned()),
        waba_id: Some(wabas.clone()),
        timeout_ms: Some(30_000),
        retries: Some(0),
        // Six: a browser opens at most six connections to one host.
        concurrency: Some(6),
        requests_per_minute: None,
        requests_per_second: None,
    };
    let c = Client::new(config).unwrap();
    let query = ListQuery {
        page_size: Some(10),
        ..ListQuery::default()
    };
    let all = c.list_all(&query, &|_, _| {}, None).await.unwrap();
    let expected: usize = wabas.iter().map(|w| ids_of_waba(1_200, 5, w).len()).sum();
    assert!(
        wabas.iter().all(|w| ids_of_waba(1_200, 5, w).len() > 140),
        "every WABA still has pages to read well after the throttle"
    );
    assert_eq!(
        (all.numbers.len(), all.truncated, all.throttled),
        (expected, false, 1)
    );
    let log = logged_times("meta-window").await;
    let throttled_at = log
        .iter()
        .find(|(_, status)| *status == 400)
        .map(|(at, _)| *at)
        .unwrap();
    let flight = in_flight_at_arrivals(&log, LATENCY);
    let most = |from: u64, to: u64| {
        flight
            .iter()
            .filter(|(at, _)| (from..to).contains(at))
            .map(|(_, busy)| *busy)
            .max()
            .unwrap_or(0)
    };
    assert_eq!(
        most(0, throttled_at),
        6,
        "full concurrency first: {flight:?}"
    );
    // The load goes on once the throttled answer is back and the key has
    // waited as a whole (the jittered backoff, a second or more). A page
    // answered with the throttled one may still have sent its next page
    // before the wait was seen (CI saw one at 777 ms, then the wait until
    // 2,781 ms): the load resumes after the first pause of 500 ms or more
    // past the throttled answer. Its first round may still hold pages sent
    // at the old pace; the two rounds after it: half the window, grown by
    // one at most.
    let mut arrivals: Vec<u64> = log
        .iter()
        .map(|(at, _)| *at)
        .filter(|at| *at >= throttled_at + LATENCY)
        .collect();
    arrivals.sort_unstable();
    let resumed = arrivals
        .windows(2)
        .find(|pair| pair[1] - pair[0] >= 500)
        .map_or(arrivals[0], |pair| pair[1]);
    let after = most(resumed + LATENCY - 50, resumed + 3 * LATENCY - 50);
    assert!(
        (1..=4).contains(&after),
        "{after} in flight after the throttle (at {throttled_at} ms, resumed at {resumed} ms): {flight:?}"
    );
}

#[wasm_bindgen_test]
async fn meta_stops_on_a_repeated_cursor() {
    let base = scope(
        "meta-repeat",
        json!({"numbers": 2_000, "seed": 3,
               "faults": [{"kind": "repeat_cursor", "path": "after="}]}),
    )
    .await;
    let waba = "waba-3-000";
    let c = meta_client(&base, &[waba], 0);
    let all = c
        .list_all(&ListQuery::default(), &|_, _| {}, None)
        .await
        .unwrap();
    assert!(ids_of_waba(2_000, 3, waba).len() > 100);
    assert!(all.truncated, "the provider's paging cut the list");
    assert_eq!(all.numbers.len(), 100, "the first page, not duplicated");
    assert_eq!(all.requests, 2, "stopped at the cursor it had seen");
}

#[wasm_bindgen_test]
async fn stays_inside_the_documented_rate_without_a_429() {
    // A LORA key allowed 5 requests a second (the real one: 50).
    let config = json!({"requestsPerMinute": 600, "burstPerSecond": 5});
    let limited = |base: &str, per_second: u32| {
        Client::new(ClientConfig {
            provider: Provider::Lora,
            base_url: base.to_owned(),
            api_key: Some(KEY.to_owned()),
            waba_id: None,
            timeout_ms: Some(20_000),
            retries: Some(0),
            concurrency: None,
            requests_per_minute: Some(600),
            requests_per_second: Some(per_second),
        })
        .unwrap()
    };
    let ids = ["waba-num-001", "waba-num-002", "waba-num-003"];
    let calls = |c: Client| {
        futures_util::future::join_all((0..20).map(move |i| {
            let c = c.clone();
            async move { c.get_phone_number(ids[i % 3], None).await.map(|n| n.id) }
        }))
    };
    // Inside the rate: every call answered, no 429 ever sent, and it took
    // the time the rate asks (20 at 5 a second: at least 3 s).
    let base = scope("rate-inside", config.clone()).await;
    let started = js_sys::Date::now();
    let results = calls(limited(&base, 5)).await;
    let took = js_sys::Date::now() - started;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    let log = logged_urls("rate-inside").await;
    assert!(log.iter().all(|(_, status)| *status == 200), "{log:?}");
    assert_eq!(log.len(), 20);
    assert!(took >= 2_900.0, "{took} ms");
    // Without the client's limiter, the same calls cross the burst and the
    // provider says 429: the limiter is what kept the first run clean.
    let base = scope("rate-outside", config).await;
    let _ = calls(limited(&base, 0)).await;
    let log = logged_urls("rate-outside").await;
    assert!(log.iter().any(|(_, status)| *status == 429), "{log:?}");
}

/// Sends with fetch and counts the requests sent while no other was in flight.
#[derive(Default)]
struct Alone {
    in_flight: std::cell::Cell<u32>,
    alone: std::cell::Cell<u32>,
}

impl wa_numbers::Transport for Alone {
    fn send<'a>(
        &'a self,
        call: wa_numbers::HttpCall<'a>,
    ) -> futures_util::future::LocalBoxFuture<
        'a,
        Result<wa_numbers::HttpAnswer, wa_numbers::error::Error>,
    > {
        Box::pin(async move {
            if self.in_flight.get() == 0 {
                self.alone.set(self.alone.get() + 1);
            }
            self.in_flight.set(self.in_flight.get() + 1);
            let answer = wa_numbers::FetchTransport.send(call).await;
            self.in_flight.set(self.in_flight.get() - 1);
            answer
        })
    }
}

#[wasm_bindgen_test]
async fn every_waba_shares_the_window() {
    // Past the cap, each WABA's first page used to go out alone (and the
    // rest after it): 66 WABAs, 66 round trips with one request in flight.
    // Now every part's pages share the window: alone only the very first
    // page and, at most, a WABA found last.
    let base = scope("list-window", json!({"numbers": 25_000})).await;
    let transport = Rc::new(Alone::default());
    let config = ClientConfig {
        provider: Provider::Antgst,
        base_url: base,
        api_key: Some(KEY.to_owned()),
        waba_id: None,
        timeout_ms: Some(30_000),
        retries: Some(0),
        concurrency: Some(8),
        requests_per_minute: None,
        requests_per_second: None,
    };
    let c = Client::with_transport(config, transport.clone()).unwrap();
    let all = c
        .list_all(&ListQuery::default(), &|_, _| {}, None)
        .await
        .unwrap();
    assert_eq!((all.numbers.len(), all.truncated), (25_004, false));
    assert!(
        transport.alone.get() <= 4,
        "{} alone",
        transport.alone.get()
    );
    // Its own pages are read only until the WABAs found explain its total.
    assert!(all.requests < 300, "{} requests", all.requests);
}

/// Sends with fetch, the first `slow` requests only after `delay_ms`: a first
/// burst that opens its connections reaches the provider late.
struct SlowStart {
    slow: std::cell::Cell<u32>,
    delay_ms: u32,
}

impl wa_numbers::Transport for SlowStart {
    fn send<'a>(
        &'a self,
        call: wa_numbers::HttpCall<'a>,
    ) -> futures_util::future::LocalBoxFuture<
        'a,
        Result<wa_numbers::HttpAnswer, wa_numbers::error::Error>,
    > {
        Box::pin(async move {
            if self.slow.get() > 0 {
                self.slow.set(self.slow.get() - 1);
                let _ = wa_numbers::transport::sleep(self.delay_ms, call.signal).await;
            }
            wa_numbers::FetchTransport.send(call).await
        })
    }
}

#[wasm_bindgen_test]
async fn a_late_first_burst_does_not_push_the_next_one_over() {
    // 5 a second; the first 5 calls reach the sandbox 400 ms after they
    // leave. The next 5 may go only a second after those were answered
    // (the provider counted them on arrival), not a second after they left.
    let base = scope(
        "rate-slow-start",
        json!({"requestsPerMinute": 600, "burstPerSecond": 5}),
    )
    .await;
    let config = ClientConfig {
        provider: Provider::Lora,
        base_url: base,
        api_key: Some("sk-slow-start".to_owned()),
        waba_id: None,
        timeout_ms: Some(20_000),
        retries: Some(0),
        concurrency: None,
        requests_per_minute: Some(600),
        requests_per_second: Some(5),
    };
    let transport = Rc::new(SlowStart {
        slow: std::cell::Cell::new(5),
        delay_ms: 400,
    });
    let c = Client::with_transport(config, transport).unwrap();
    let results = futures_util::future::join_all((0..10).map(|_| {
        let c = c.clone();
        async move { c.get_phone_number("waba-num-001", None).await.map(|_| ()) }
    }))
    .await;
    let log = logged_urls("rate-slow-start").await;
    assert!(log.iter().all(|(_, status)| *status == 200), "{log:?}");
    assert_eq!((log.len(), c.throttled()), (10, 0));
    assert!(results.iter().all(Result::is_ok), "{results:?}");
}

#[wasm_bindgen_test]
async fn meta_slows_down_as_its_usage_header_nears_the_budget() {
    // A business allowed 8 calls a minute: the usage header climbs 12%, 25%,
    // … 100%; past 75% the client spaces its calls out and never reaches a
    // throttled answer within the budget.
    let base = scope("meta-usage", json!({"requestsPerMinute": 8})).await;
    let c = meta_client(&base, &["waba-acct-shopitalia-001"], 0);
    let started = js_sys::Date::now();
    for _ in 0..8 {
        c.list_phone_numbers(&ListQuery::default(), None)
            .await
            .unwrap();
    }
    let took = js_sys::Date::now() - started;
    let log = logged_urls("meta-usage").await;
    assert!(log.iter().all(|(_, s)| *s == 200), "{log:?}");
    // The 8th call waited after the 7th answer said 87% (about 0.96 s).
    assert!(took >= 900.0, "{took} ms");
    assert_eq!(c.throttled(), 0);
}
