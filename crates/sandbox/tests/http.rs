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
    assert_eq!(get("/v2/elsewhere", BEARER).0, 404);
    let bad =
        ureq::put(&format!("{}/__sandbox/scopes/x", base())).send_string("{\"numbers\": \"many\"}");
    assert!(matches!(bad, Err(ureq::Error::Status(400, _))));
    let huge = ureq::put(&format!("{}/__sandbox/scopes/x", base()))
        .send_json(json!({"numbers": 10_000_000}));
    assert!(matches!(huge, Err(ureq::Error::Status(400, _))));
}
