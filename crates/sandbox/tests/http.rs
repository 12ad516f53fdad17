//! The sandbox over real HTTP: auth, paging, filters, detail, CORS and faults.

use serde_json::{json, Value};
use std::sync::OnceLock;
use wa_numbers_core::Provider;
use wa_numbers_sandbox::SandboxOptions;

/// One sandbox for the whole test binary, on a free port.
fn base() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async {
                let options = SandboxOptions {
                    numbers: 25_000,
                    ..Default::default()
                };
                let (addr, task) = wa_numbers_sandbox::bind(0, options).await.unwrap();
                tx.send(format!("http://{addr}")).unwrap();
                let _ = task.await;
            });
        });
        rx.recv().unwrap()
    })
}

/// GET with a header; returns (status, headers-of-interest, body text).
fn get(path: &str, header: (&str, &str)) -> (u16, ureq::Response) {
    match ureq::get(&format!("{}{path}", base()))
        .set(header.0, header.1)
        .call()
    {
        Ok(r) => (r.status(), r),
        Err(ureq::Error::Status(code, r)) => (code, r),
        Err(e) => panic!("{path}: {e}"),
    }
}

fn configure(scope: &str, config: Value) {
    ureq::put(&format!("{}/__sandbox/scopes/{scope}", base()))
        .send_json(config)
        .unwrap();
}

const BEARER: (&str, &str) = ("Authorization", "Bearer test-token");
const KEY: (&str, &str) = ("X-Api-Key", "test-key");

#[test]
fn antgst_pages_with_the_documented_envelope() {
    let (status, r) = get(
        "/v1/whatsapp/businessPhoneNumber?pageNo=2&pageSize=100",
        BEARER,
    );
    assert_eq!(status, 200);
    let page = Provider::Antgst
        .parse_list(&r.into_string().unwrap())
        .unwrap();
    assert_eq!(
        (page.total, page.page, page.page_size, page.pages),
        (25_004, Some(2), Some(100), Some(251))
    );
    assert_eq!(page.numbers.len(), 100);
    // Defaults: page 1 of 10.
    let (_, r) = get("/v1/whatsapp/businessPhoneNumber", BEARER);
    let page = Provider::Antgst
        .parse_list(&r.into_string().unwrap())
        .unwrap();
    assert_eq!(
        (
            page.numbers.len(),
            page.page_size,
            page.numbers[0].id.as_str()
        ),
        (10, Some(10), "waba-num-001")
    );
}

#[test]
fn antgst_rejects_out_of_range_paging() {
    for query in [
        "pageNo=0",
        "pageNo=101",
        "pageSize=0",
        "pageSize=500",
        "pageSize=abc",
        "qualityRating=PURPLE",
    ] {
        let (status, r) = get(&format!("/v1/whatsapp/businessPhoneNumber?{query}"), BEARER);
        assert_eq!(status, 400, "{query}");
        let err = Provider::Antgst.parse_error(status, None, &r.into_string().unwrap());
        assert_eq!(
            err.kind(),
            wa_numbers_core::ErrorKind::InvalidInput,
            "{query}"
        );
    }
}

#[test]
fn antgst_filters_by_waba_and_quality() {
    let (_, r) = get(
        "/v1/whatsapp/businessPhoneNumber?wabaId=waba-1-007&qualityRating=YELLOW&pageSize=100",
        BEARER,
    );
    let page = Provider::Antgst
        .parse_list(&r.into_string().unwrap())
        .unwrap();
    assert!(page.total > 0 && page.total < 200, "{}", page.total);
    assert!(page
        .numbers
        .iter()
        .all(|n| n.waba_id.as_deref() == Some("waba-1-007")
            && n.quality_rating == wa_numbers_core::QualityRating::Yellow));
}

#[test]
fn auth_of_each_dialect() {
    let lora_list = "/api/message-server/whatsapp/phone-numbers";
    let (status, r) = get(lora_list, ("X-Other", "x"));
    assert_eq!(status, 401);
    assert_eq!(
        r.into_json::<Value>().unwrap(),
        json!({"status": "fail", "data": {"authentication": "Invalid or missing API key"}})
    );
    assert_eq!(get(lora_list, ("X-Api-Key", "invalid")).0, 401);
    let (status, r) = get(lora_list, ("X-Api-Key", "forbidden"));
    assert_eq!(status, 403);
    assert_eq!(
        r.into_json::<Value>().unwrap()["data"]["authorization"],
        "API key does not have permission to access WhatsApp phone numbers"
    );
    assert_eq!(
        get("/v1/whatsapp/businessPhoneNumber", ("X-Api-Key", "k")).0,
        401,
        "AntGst wants a bearer token"
    );
    assert_eq!(
        get(
            "/v1/whatsapp/businessPhoneNumber",
            ("Authorization", "Bearer forbidden")
        )
        .0,
        403
    );
    configure("only-k", json!({"apiKey": "k"}));
    assert_eq!(
        get(
            "/s/only-k/api/message-server/whatsapp/phone-numbers",
            ("X-Api-Key", "other")
        )
        .0,
        401
    );
    assert_eq!(
        get(
            "/s/only-k/api/message-server/whatsapp/phone-numbers",
            ("X-Api-Key", "k")
        )
        .0,
        200
    );
}

#[test]
fn lora_list_detail_and_not_found() {
    let (status, r) = get("/api/message-server/whatsapp/phone-numbers", KEY);
    assert_eq!(status, 200);
    assert_eq!(r.header("x-ratelimit-limit"), Some("1000"));
    assert!(r.header("x-ratelimit-remaining").is_some());
    let page = Provider::Lora
        .parse_list(&r.into_string().unwrap())
        .unwrap();
    assert_eq!(page.total, 25_004);
    let (status, r) = get(
        "/api/message-server/whatsapp/phone-numbers/waba-num-001",
        KEY,
    );
    assert_eq!(status, 200);
    let expected: Value =
        serde_json::from_str(include_str!("../../../tests/fixtures/lora/detail.json")).unwrap();
    assert_eq!(
        r.into_json::<Value>().unwrap(),
        expected,
        "the seed's detail example, field for field"
    );
    let (status, r) = get(
        "/api/message-server/whatsapp/phone-numbers/waba-num-999",
        KEY,
    );
    assert_eq!(status, 404);
    let expected: Value =
        serde_json::from_str(include_str!("../../../tests/fixtures/lora/error_404.json")).unwrap();
    assert_eq!(r.into_json::<Value>().unwrap(), expected);
}

#[test]
fn pending_number_turns_active_after_the_delay() {
    configure("onboard", json!({"onboardingDelayMs": 300}));
    let status_of = || {
        let (_, r) = get(
            "/s/onboard/api/message-server/whatsapp/phone-numbers/waba-num-002",
            KEY,
        );
        r.into_json::<Value>().unwrap()["status"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(status_of(), "PENDING");
    std::thread::sleep(std::time::Duration::from_millis(400));
    assert_eq!(status_of(), "ACTIVE");
}

#[test]
fn cors_preflight_and_headers() {
    let r = ureq::request(
        "OPTIONS",
        &format!("{}/v1/whatsapp/businessPhoneNumber", base()),
    )
    .set("Origin", "http://127.0.0.1:1")
    .set("Access-Control-Request-Headers", "authorization")
    .call()
    .unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    assert!(r
        .header("access-control-allow-headers")
        .unwrap()
        .contains("Authorization"));
    let (_, r) = get("/v1/whatsapp/businessPhoneNumber", BEARER);
    assert!(r
        .header("access-control-expose-headers")
        .unwrap()
        .contains("Retry-After"));
}

#[test]
fn faults_fire_as_configured_and_are_logged() {
    configure(
        "faulty",
        json!({"faults": [
            {"kind": "rate_limit", "retryAfter": 2, "count": 1},
            {"kind": "status", "status": 503, "count": 1},
            {"kind": "malformed", "count": 1},
            {"kind": "wrong_content_type", "count": 1},
            {"kind": "drop", "count": 1}
        ]}),
    );
    let lora = "/s/faulty/api/message-server/whatsapp/phone-numbers";
    let (status, r) = get(lora, KEY);
    assert_eq!((status, r.header("retry-after")), (429, Some("2")));
    let retry_after = r.header("retry-after").map(str::to_owned);
    let err = Provider::Lora.parse_error(429, retry_after.as_deref(), &r.into_string().unwrap());
    assert_eq!(err.retry_after_ms(), Some(2000));
    assert_eq!(get(lora, KEY).0, 503);
    let (status, r) = get(lora, KEY);
    assert_eq!(status, 200);
    assert!(
        Provider::Lora
            .parse_list(&r.into_string().unwrap())
            .is_err(),
        "malformed body"
    );
    let (_, r) = get(lora, KEY);
    assert!(r.content_type().starts_with("text/html"));
    let dropped = match ureq::get(&format!("{}{lora}", base()))
        .set(KEY.0, KEY.1)
        .call()
    {
        Ok(r) => r.into_string().is_err(),
        Err(_) => true,
    };
    assert!(dropped, "the body never completes");
    assert_eq!(get(lora, KEY).0, 200, "faults with a count run out");

    let log: Value = ureq::get(&format!("{}/__sandbox/scopes/faulty/requests", base()))
        .call()
        .unwrap()
        .into_json()
        .unwrap();
    let statuses: Vec<u64> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses, [429, 503, 200, 200, 200, 200]);
    assert!(
        log.as_array()
            .unwrap()
            .iter()
            .all(|r| r["credentialHeader"] == true
                && !r["url"].as_str().unwrap().contains("test-key"))
    );
}

#[test]
fn shifting_total_changes_between_calls() {
    configure("shifty", json!({"faults": [{"kind": "shifting_total"}]}));
    let total = || {
        let (_, r) = get(
            "/s/shifty/v1/whatsapp/businessPhoneNumber?pageSize=100",
            BEARER,
        );
        Provider::Antgst
            .parse_list(&r.into_string().unwrap())
            .unwrap()
            .total
    };
    let (a, b) = (total(), total());
    assert!(b > a, "{a} then {b}");
}

#[test]
fn unknown_paths_and_control_errors() {
    assert_eq!(get("/nowhere/at/all", BEARER).0, 404);
    let bad =
        ureq::put(&format!("{}/__sandbox/scopes/x", base())).send_string("{\"numbers\": \"many\"}");
    assert!(matches!(bad, Err(ureq::Error::Status(400, _))));
    let huge = ureq::put(&format!("{}/__sandbox/scopes/x", base()))
        .send_json(json!({"numbers": 10_000_000}));
    assert!(matches!(huge, Err(ureq::Error::Status(400, _))));
}

/// Every number of one WABA through Graph's cursors, only the fields asked for.
#[test]
fn meta_pages_a_waba_by_cursor_with_the_fields_asked() {
    configure("meta-pages", json!({"numbers": 30, "seed": 4}));
    let fields = wa_numbers_core::provider::meta::FIELDS;
    let mut after: Option<String> = None;
    let (mut ids, mut pages) = (Vec::new(), 0);
    loop {
        let cursor = after
            .as_ref()
            .map_or(String::new(), |a| format!("&after={a}"));
        let (status, r) = get(
            &format!(
                "/s/meta-pages/v24.0/waba-4-000/phone_numbers?fields={fields}&limit=4{cursor}"
            ),
            BEARER,
        );
        assert_eq!(status, 200);
        let body = r.into_string().unwrap();
        let page = Provider::Meta.parse_list(&body).unwrap();
        pages += 1;
        ids.extend(page.numbers.iter().map(|n| n.id.clone()));
        let raw: Value = serde_json::from_str(&body).unwrap();
        assert!(raw["data"][0]["status"].is_string(), "{body}");
        after = page.next_cursor;
        if after.is_none() {
            assert!(
                raw["paging"]["next"].is_null(),
                "no next on the last page: {body}"
            );
            break;
        }
        assert!(pages < 20);
    }
    // The same WABA through AntGst's filter: the same numbers, in the same order.
    let (_, r) = get(
        "/s/meta-pages/v1/whatsapp/businessPhoneNumber?wabaId=waba-4-000&pageSize=100",
        BEARER,
    );
    let expected: Vec<String> = Provider::Antgst
        .parse_list(&r.into_string().unwrap())
        .unwrap()
        .numbers
        .into_iter()
        .map(|n| n.id)
        .collect();
    assert!(expected.len() > 4, "more than one page: {expected:?}");
    assert_eq!(ids, expected);
    assert_eq!(pages, expected.len().div_ceil(4));

    // No fields: Meta's default set, which has neither status nor a limit.
    let (_, r) = get("/v24.0/waba-acct-shopitalia-001/phone_numbers", BEARER);
    let raw: Value = r.into_json().unwrap();
    let row = &raw["data"][0];
    assert!(row["status"].is_null() && row["whatsapp_business_manager_messaging_limit"].is_null());
    assert!(row["display_phone_number"].is_string() && row["id"].is_string());
}

#[test]
fn meta_detail_and_errors_speak_graph() {
    let fields = "id,status,health_status";
    let (status, r) = get(&format!("/v24.0/waba-num-002?fields={fields}"), BEARER);
    assert_eq!(status, 200);
    let number = Provider::Meta
        .parse_detail(&r.into_string().unwrap())
        .unwrap();
    assert_eq!(number.id, "waba-num-002");
    for (path, token, code) in [
        ("/v24.0/waba-num-999", "Bearer test-token", 100),
        ("/v24.0/waba-num-001", "Bearer invalid", 190),
        ("/v24.0/waba-num-001", "Bearer forbidden", 200),
        (
            "/v24.0/waba-acct-shopitalia-001/phone_numbers?after=zzz",
            "Bearer t",
            100,
        ),
    ] {
        let (status, r) = get(path, ("Authorization", token));
        assert_eq!(status, 400, "{path}");
        let body: Value = r.into_json().unwrap();
        assert_eq!(body["error"]["code"], code, "{path}: {body}");
        assert!(body["error"]["fbtrace_id"].is_string());
    }
    let err = Provider::Meta.parse_error(
        400,
        None,
        &get("/v24.0/waba-num-001", ("Authorization", "Bearer invalid"))
            .1
            .into_string()
            .unwrap(),
    );
    assert_eq!(err.kind(), wa_numbers_core::ErrorKind::Unauthorized);
}

#[test]
fn meta_throttling_says_how_long_in_the_usage_header() {
    configure(
        "meta-throttle",
        json!({"numbers": 10, "faults": [{"kind": "rate_limit", "retryAfter": 120, "count": 1}]}),
    );
    let (status, r) = get("/s/meta-throttle/v24.0/waba-num-001", BEARER);
    assert_eq!(status, 400);
    let usage = r.header("x-business-use-case-usage").unwrap().to_owned();
    let err =
        Provider::Meta.parse_error_waiting(400, None, Some(&usage), &r.into_string().unwrap());
    assert_eq!(
        (err.kind(), err.retry_after_ms()),
        (wa_numbers_core::ErrorKind::RateLimited, Some(120_000))
    );
    assert_eq!(get("/s/meta-throttle/v24.0/waba-num-001", BEARER).0, 200);
}
