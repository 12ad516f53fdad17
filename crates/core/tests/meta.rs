//! Meta's Graph API dialect: fields, limits, health, cursors, errors.

use wa_numbers_core::provider::meta;
use wa_numbers_core::{ErrorKind, ListQuery, Provider, QualityRating, Status};

const LIST: &str = include_str!("../../../tests/fixtures/meta/list.json");

#[test]
fn every_field_is_normalized() {
    let page = Provider::Meta.parse_list(LIST).unwrap();
    let n = &page.numbers[0];
    assert_eq!(n.provider, Provider::Meta);
    assert_eq!(n.id, "106540352242922");
    assert_eq!(n.phone_number, "+39 02 1234 5678");
    assert_eq!(n.verified_name.as_deref(), Some("ShopItalia S.r.l."));
    assert_eq!(
        (n.status, n.raw_status.as_deref()),
        (Status::Connected, Some("CONNECTED"))
    );
    assert_eq!(n.quality_rating, QualityRating::Green);
    assert_eq!(n.throughput.as_deref(), Some("STANDARD"));
    assert_eq!(n.platform.as_deref(), Some("CLOUD_API"));
    assert_eq!(n.code_verification_status.as_deref(), Some("VERIFIED"));
    assert_eq!(n.name_status.as_deref(), Some("APPROVED"));
    assert_eq!(n.account_mode.as_deref(), Some("LIVE"));
    assert_eq!(
        n.last_onboarded_at.as_deref(),
        Some("2025-11-15T10:00:00+0000")
    );
    // The portfolio limit wins over the deprecated per-number tier.
    assert_eq!(n.messaging_limit.tier, "TIER_10K");
    assert_eq!(n.messaging_limit.daily_limit, Some(10_000));
    let health = n.health.as_ref().unwrap();
    assert_eq!(
        (health.can_send_message.as_str(), health.errors.len()),
        ("AVAILABLE", 0)
    );
}

#[test]
fn the_deprecated_tier_is_the_fallback_and_na_is_unknown() {
    let n = &Provider::Meta.parse_list(LIST).unwrap().numbers[1];
    assert_eq!(n.messaging_limit.tier, "TIER_250");
    assert_eq!(n.quality_rating, QualityRating::Unknown);
    assert_eq!(n.throughput.as_deref(), Some("HIGH"));
}

#[test]
fn health_refines_a_usable_status_and_keeps_what_to_do() {
    let n = &Provider::Meta.parse_list(LIST).unwrap().numbers[1];
    // CONNECTED, but health says BLOCKED: it cannot send.
    assert_eq!(
        (n.status, n.raw_status.as_deref()),
        (Status::Unavailable, Some("CONNECTED"))
    );
    let error = &n.health.as_ref().unwrap().errors[0];
    assert_eq!(error.entity_type.as_deref(), Some("PHONE_NUMBER"));
    assert_eq!(error.error_code, Some(141006));
    assert!(error
        .possible_solution
        .as_deref()
        .unwrap()
        .contains("payment method"));
    let detail = |status: &str, health: &str| {
        let body = format!(
            r#"{{"id": "1", "status": "{status}", "health_status": {{"can_send_message": "{health}"}}}}"#
        );
        Provider::Meta.parse_detail(&body).unwrap().status
    };
    assert_eq!(detail("CONNECTED", "LIMITED"), Status::Degraded);
    assert_eq!(detail("CONNECTED", "AVAILABLE"), Status::Connected);
    assert_eq!(detail("FLAGGED", "BLOCKED"), Status::Unavailable);
    // A status that already says why it cannot send stands.
    assert_eq!(detail("PENDING", "BLOCKED"), Status::Onboarding);
    assert_eq!(detail("RESTRICTED", "LIMITED"), Status::LimitReached);
    assert_eq!(detail("BANNED", "LIMITED"), Status::Unavailable);
}

#[test]
fn cursors_end_where_next_is_missing() {
    let page = Provider::Meta.parse_list(LIST).unwrap();
    assert_eq!(page.next_cursor.as_deref(), Some("QVFIUkZAGbXhS"));
    let last = r#"{"data": [{"id": "9"}], "paging": {"cursors": {"before": "a", "after": "b"}}}"#;
    assert_eq!(Provider::Meta.parse_list(last).unwrap().next_cursor, None);
    let bare = r#"{"data": []}"#;
    assert_eq!(Provider::Meta.parse_list(bare).unwrap().next_cursor, None);
    // The fast path for JavaScript says the same.
    let json: serde_json::Value =
        serde_json::from_str(&Provider::Meta.parse_list_json(LIST).unwrap()).unwrap();
    assert_eq!(json["nextCursor"], "QVFIUkZAGbXhS");
    assert_eq!(json["numbers"][1]["status"], "UNAVAILABLE");
    assert_eq!(
        json["numbers"][1]["health"]["errors"][0]["errorCode"],
        141006
    );
}

#[test]
fn envelopes_are_strict_and_rows_need_an_id() {
    for (body, at) in [
        (r#"{"paging": {}}"#, "data"),
        (r#"{"data": {}}"#, "data"),
        (r#"{"data": [{"status": "CONNECTED"}]}"#, "data[0].id"),
        (r#"{"data": [["1"]]}"#, "data[0]"),
        (
            r#"{"data": [{"id": "1", "throughput": [1]}]}"#,
            "data[0].throughput",
        ),
    ] {
        let err = Provider::Meta.parse_list(body).unwrap_err();
        assert_eq!(
            (err.kind(), err.field()),
            (ErrorKind::InvalidResponse, Some(at)),
            "{body}"
        );
    }
}

#[test]
fn requests_need_a_waba_ask_for_fields_and_keep_the_token_out() {
    let none = Provider::Meta
        .list_request(&ListQuery::default())
        .unwrap_err();
    assert_eq!(
        (none.kind(), none.field()),
        (ErrorKind::InvalidInput, Some("query.wabaId"))
    );
    let query = ListQuery {
        waba_id: Some("102290129340398".into()),
        page_size: Some(50),
        after: Some("QVFI+/=".into()),
        ..Default::default()
    };
    let url = Provider::Meta
        .list_request(&query)
        .unwrap()
        .url("https://graph.facebook.com/v24.0/");
    assert!(url.starts_with("https://graph.facebook.com/v24.0/102290129340398/phone_numbers?fields=id%2Cdisplay_phone_number"), "{url}");
    assert!(
        url.contains("health_status") && url.contains("whatsapp_business_manager_messaging_limit")
    );
    assert!(url.ends_with("&limit=50&after=QVFI%2B%2F%3D"), "{url}");
    assert!(!url.contains("access_token"));
    let paged = ListQuery {
        page_no: Some(2),
        ..query
    };
    assert_eq!(
        Provider::Meta.list_request(&paged).unwrap_err().field(),
        Some("query.pageNo")
    );
    let detail = Provider::Meta.detail_request("1065").unwrap().unwrap();
    assert!(detail
        .url("https://g/v24.0")
        .starts_with("https://g/v24.0/1065?fields=id%2C"));
}

#[test]
fn errors_are_classified_by_code_first() {
    let body = |code: u64, subcode: Option<u64>, transient: bool| {
        meta::error_body(code, subcode, "Something happened", transient)
    };
    for (status, code, subcode, transient, kind) in [
        (400, 190, None, false, ErrorKind::Unauthorized),
        (400, 2500, None, false, ErrorKind::Unauthorized),
        (400, 10, None, false, ErrorKind::Forbidden),
        (400, 200, None, false, ErrorKind::Forbidden),
        (400, 299, None, false, ErrorKind::Forbidden),
        (400, 100, Some(33), false, ErrorKind::NotFound),
        (400, 100, None, false, ErrorKind::InvalidInput),
        (400, 4, None, false, ErrorKind::RateLimited),
        (400, 17, None, false, ErrorKind::RateLimited),
        (400, 32, None, false, ErrorKind::RateLimited),
        (400, 613, None, false, ErrorKind::RateLimited),
        (400, 80007, None, false, ErrorKind::RateLimited),
        (400, 80008, None, false, ErrorKind::RateLimited),
        (400, 130429, None, false, ErrorKind::RateLimited),
        (400, 2, None, true, ErrorKind::Server),
        (500, 1, None, false, ErrorKind::Server),
        (401, 999, None, false, ErrorKind::Unauthorized),
    ] {
        let err = Provider::Meta.parse_error(status, None, &body(code, subcode, transient));
        assert_eq!(err.kind(), kind, "code {code}");
        assert_eq!(
            err.is_retryable(),
            matches!(kind, ErrorKind::RateLimited | ErrorKind::Server),
            "code {code}"
        );
        assert!(
            err.to_string().contains("fbtrace_id AbCdEfSandbox01"),
            "{err}"
        );
    }
}

#[test]
fn the_usage_header_gives_the_wait() {
    let usage = r#"{"102290129340398": [{"type": "whatsapp_business_management", "call_count": 100,
        "total_cputime": 12, "total_time": 14, "estimated_time_to_regain_access": 3}]}"#;
    assert_eq!(meta::regain_access_ms(usage), Some(180_000));
    assert_eq!(
        meta::regain_access_ms(r#"{"1": [{"estimated_time_to_regain_access": 0}]}"#),
        None
    );
    assert_eq!(meta::regain_access_ms("garbage"), None);
    let err = Provider::Meta.parse_error_waiting(
        400,
        None,
        Some(usage),
        &meta::error_body(80008, None, "slow down", false),
    );
    assert_eq!(err.retry_after_ms(), Some(180_000));
}

#[test]
fn numbers_listed_through_a_waba_carry_it() {
    let query = ListQuery {
        waba_id: Some("102290129340398".into()),
        quality_rating: Some("GREEN".into()),
        ..Default::default()
    };
    let page = Provider::Meta.parse_list_for(&query, LIST).unwrap();
    assert_eq!(page.numbers.len(), 1, "quality filtered here: Graph cannot");
    assert_eq!(
        page.total, 1,
        "the total counts the rows kept, not the rows read"
    );
    assert_eq!(page.numbers[0].waba_id.as_deref(), Some("102290129340398"));
}

#[test]
fn usage_header_gives_the_share_of_the_budget_used() {
    use wa_numbers_core::provider::meta::usage_percent;
    let header = r#"{"1029":[{"type":"whatsapp_business_management","call_count":28,"total_cputime":91,"total_time":40,"estimated_time_to_regain_access":0}],"77":[{"call_count":5}]}"#;
    assert_eq!(usage_percent(header), Some(91));
    assert_eq!(
        wa_numbers_core::Provider::Meta.usage_percent(header),
        Some(91)
    );
    assert_eq!(wa_numbers_core::Provider::Lora.usage_percent(header), None);
    for bad in [
        "",
        "[]",
        "{\"1\":{}}",
        "{\"1\":[{\"call_count\":\"x\"}]}",
        "{",
    ] {
        assert_eq!(usage_percent(bad), None, "{bad}");
    }
}
