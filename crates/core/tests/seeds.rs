//! Every example response of both seed documents parses into DESIGN.md's shapes.

mod common;
use common::fixture;
use serde_json::json;
use wa_numbers_core::{ErrorKind, Provider, QualityRating, Status};

#[test]
fn antgst_list_example_parses_into_the_documented_page() {
    let page = Provider::Antgst
        .parse_list(&fixture("antgst/list.json"))
        .unwrap();
    assert_eq!(
        serde_json::to_value(&page).unwrap(),
        json!({
            "numbers": [{
                "provider": "antgst",
                "id": "String",
                "phoneNumber": "String",
                "verifiedName": "String",
                "wabaId": "String",
                "status": "CONNECTED",
                "rawStatus": "CONNECTED",
                "qualityRating": "GREEN",
                "messagingLimit": { "tier": "TIER_2K", "dailyLimit": 2000, "unlimited": false },
                "throughput": "STANDARD",
                "codeVerificationStatus": "NOT_VERIFIED",
                "createdAt": "2025-12-16T15:46:51.000+08:00",
                "updatedAt": "2025-12-16T15:46:51.000+08:00"
            }],
            "total": 1,
            "page": 1,
            "pageSize": 20,
            "pages": 1
        })
    );
}

#[test]
fn lora_list_example_parses_into_the_documented_page() {
    let page = Provider::Lora
        .parse_list(&fixture("lora/list.json"))
        .unwrap();
    assert_eq!(page.total, 3);
    assert_eq!(page.page, None);
    let ids: Vec<_> = page.numbers.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["waba-num-001", "waba-num-002", "waba-num-003"]);
    let statuses: Vec<_> = page.numbers.iter().map(|n| n.status).collect();
    assert_eq!(
        statuses,
        [Status::Connected, Status::Onboarding, Status::Connected]
    );
    let limits: Vec<_> = page
        .numbers
        .iter()
        .map(|n| n.messaging_limit.daily_limit)
        .collect();
    assert_eq!(limits, [Some(10_000), Some(1_000), Some(100_000)]);
    assert_eq!(page.numbers[1].quality_rating, QualityRating::Unknown);
    assert_eq!(
        serde_json::to_value(&page.numbers[0]).unwrap(),
        json!({
            "provider": "lora",
            "id": "waba-num-001",
            "phoneNumber": "+390212345678",
            "displayName": "ShopItalia",
            "verifiedName": "ShopItalia S.r.l.",
            "status": "CONNECTED",
            "rawStatus": "ACTIVE",
            "qualityRating": "GREEN",
            "messagingLimit": { "tier": "TIER_10K", "dailyLimit": 10000, "unlimited": false },
            "platform": "CLOUD_API"
        })
    );
}

#[test]
fn lora_detail_example_keeps_every_field_and_the_offset() {
    let number = Provider::Lora
        .parse_detail(&fixture("lora/detail.json"))
        .unwrap();
    assert_eq!(
        serde_json::to_value(&number).unwrap(),
        json!({
            "provider": "lora",
            "id": "waba-num-001",
            "phoneNumber": "+390212345678",
            "displayName": "ShopItalia",
            "verifiedName": "ShopItalia S.r.l.",
            "wabaId": "waba-acct-shopitalia-001",
            "status": "CONNECTED",
            "rawStatus": "ACTIVE",
            "qualityRating": "GREEN",
            "messagingLimit": { "tier": "TIER_10K", "dailyLimit": 10000, "unlimited": false },
            "platform": "CLOUD_API",
            "nameStatus": "APPROVED",
            "accountMode": "LIVE",
            "lastOnboardedAt": "2025-11-15T10:00:00+01:00"
        })
    );
}

#[test]
fn lora_error_examples_become_typed_errors_naming_the_field() {
    let not_found = Provider::Lora.parse_error(404, None, &fixture("lora/error_404.json"));
    assert_eq!(not_found.kind(), ErrorKind::NotFound);
    assert_eq!(not_found.field(), Some("phoneNumberId"));
    assert!(not_found
        .to_string()
        .contains("Phone number not found: waba-num-999"));

    let unauthorized = Provider::Lora.parse_error(401, None, &fixture("lora/error_401.json"));
    assert_eq!(unauthorized.kind(), ErrorKind::Unauthorized);
    assert!(unauthorized
        .to_string()
        .contains("Invalid or missing API key"));

    let forbidden = Provider::Lora.parse_error(403, None, &fixture("lora/error_403.json"));
    assert_eq!(forbidden.kind(), ErrorKind::Forbidden);
    assert!(forbidden.to_string().contains("does not have permission"));
}

#[test]
fn lora_rate_limit_body_gives_the_wait() {
    let body = r#"{"status": 429, "error": "Too Many Requests", "message": "Rate limit exceeded", "retryAfter": 30}"#;
    let err = Provider::Lora.parse_error(429, None, body);
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    assert_eq!(err.retry_after_ms(), Some(30_000));
    assert!(err.to_string().contains("Rate limit exceeded"));
}

#[test]
fn an_array_or_any_non_object_is_no_number() {
    // serde's derive once read `[1,2,3]` as a struct in sequence form.
    for provider in Provider::ALL {
        for body in [
            "[1,2,3]",
            r#"["waba-num-001", "+39"]"#,
            "\"x\"",
            "42",
            "null",
            "true",
        ] {
            let err = provider.parse_detail(body).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidResponse, "{body}");
            assert_eq!(err.field(), Some("$"), "{body}");
            assert!(err.to_string().contains("expected an object"), "{err}");
        }
    }
}

#[test]
fn the_envelope_is_strict_and_names_where() {
    let cases = [
        (Provider::Antgst, "not json", "$"),
        (Provider::Antgst, "[]", "$"),
        (Provider::Antgst, r#"{"total": 1}"#, "data"),
        (Provider::Lora, r#"{"total": 1}"#, "phoneNumbers"),
        (Provider::Lora, r#"[{"phoneNumbers": []}]"#, "$"),
        (Provider::Antgst, r#"{"data": [["a", "b"]]}"#, "data[0]"),
        (
            Provider::Lora,
            r#"{"phoneNumbers": [[1, 2, 3]]}"#,
            "phoneNumbers[0]",
        ),
        (Provider::Antgst, r#"{"data": [], "total": 1.5}"#, "total"),
        (Provider::Antgst, r#"{"data": [], "total": -1}"#, "total"),
        (Provider::Antgst, r#"{"data": {}}"#, "data"),
        (
            Provider::Antgst,
            r#"{"data": [], "total": "many"}"#,
            "total",
        ),
        (
            Provider::Antgst,
            r#"{"data": [{"phoneNumberId": "a"}, {"status": "CONNECTED"}]}"#,
            "data[1].phoneNumberId",
        ),
        (
            Provider::Antgst,
            r#"{"data": [{"phoneNumberId": "a", "status": ["x"]}]}"#,
            "data[0].status",
        ),
        (Provider::Lora, r#"{"phoneNumbers": null}"#, "phoneNumbers"),
        (
            Provider::Lora,
            r#"{"phoneNumbers": [{"phoneNumberId": "  "}]}"#,
            "phoneNumbers[0].phoneNumberId",
        ),
        (
            Provider::Lora,
            r#"{"phoneNumbers": [{"phoneNumberId": "a", "verifiedName": {"x": 1}}]}"#,
            "phoneNumbers[0].verifiedName",
        ),
    ];
    for (provider, body, at) in cases {
        let err = provider.parse_list(body).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidResponse, "{body}");
        assert_eq!(err.field(), Some(at), "{body}: {err}");
    }
}

#[test]
fn rows_are_tolerant_of_unknown_fields_values_and_numeric_ids() {
    let body = r#"{"data": [{"phoneNumberId": 123456, "status": "DELETED", "qualityRating": "NA",
        "messagingLimitTier": "TIER_7K", "brandNew": {"nested": true}, "verifiedName": null}], "total": 1}"#;
    let page = Provider::Antgst.parse_list(body).unwrap();
    let n = &page.numbers[0];
    assert_eq!(n.id, "123456");
    assert_eq!(
        (n.status, n.raw_status.as_deref()),
        (Status::Unavailable, Some("DELETED"))
    );
    assert_eq!(n.quality_rating, QualityRating::Unknown);
    assert_eq!(n.messaging_limit.daily_limit, Some(7_000));
    assert_eq!(n.verified_name, None);
}

#[test]
fn hostile_strings_are_kept_as_data() {
    let body = r#"{"phoneNumbers": [{"phoneNumberId": "x", "verifiedName": "<img src=x onerror=alert(1)>\u0000"}]}"#;
    let page = Provider::Lora.parse_list(body).unwrap();
    assert_eq!(
        page.numbers[0].verified_name.as_deref(),
        Some("<img src=x onerror=alert(1)>\u{0}")
    );
}

#[test]
fn lora_rejects_what_it_cannot_do_and_filters_quality_locally() {
    use wa_numbers_core::ListQuery;
    for (query, field) in [
        (
            ListQuery {
                page_no: Some(2),
                ..Default::default()
            },
            "query.pageNo",
        ),
        (
            ListQuery {
                page_size: Some(2),
                ..Default::default()
            },
            "query.pageSize",
        ),
        (
            ListQuery {
                waba_id: Some("w".into()),
                ..Default::default()
            },
            "query.wabaId",
        ),
    ] {
        assert_eq!(
            Provider::Lora.list_request(&query).unwrap_err().field(),
            Some(field)
        );
    }
    let query = ListQuery {
        quality_rating: Some("UNKNOWN".into()),
        ..Default::default()
    };
    let page = Provider::Lora
        .parse_list_for(&query, &fixture("lora/list.json"))
        .unwrap();
    assert_eq!(
        (page.total, page.numbers[0].id.as_str()),
        (1, "waba-num-002")
    );
}

#[test]
fn antgst_list_request_carries_the_query() {
    use wa_numbers_core::ListQuery;
    let query = ListQuery {
        page_no: Some(2),
        page_size: Some(50),
        waba_id: Some("w 1&x".into()),
        quality_rating: Some("yellow".into()),
        after: None,
    };
    let request = Provider::Antgst.list_request(&query).unwrap();
    assert_eq!(
        request.url("http://127.0.0.1:9"),
        "http://127.0.0.1:9/v1/whatsapp/businessPhoneNumber?pageNo=2&pageSize=50&wabaId=w%201%26x&qualityRating=YELLOW"
    );
    assert_eq!(Provider::Antgst.auth().header("t").0, "Authorization");
    assert_eq!(
        Provider::Lora.auth().header("k"),
        ("X-Api-Key", "k".to_owned())
    );
}
