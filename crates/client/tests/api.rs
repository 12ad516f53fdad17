//! The JS API, exercised from wasm. One module, run twice by `cargo xtask test`:
//! under Node (the runner's default) and in headless Chromium
//! (`WASM_BINDGEN_USE_BROWSER=1`).
#![cfg(target_arch = "wasm32")]

use js_sys::Reflect;
use serde_json::json;
use tsify::Ts;
use wa_numbers::api::{
    evaluate_readiness, evaluate_readiness_all, parse_phone_number, parse_phone_numbers,
    plan_campaign,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const ANTGST_LIST: &str = include_str!("../../../tests/fixtures/antgst/list.json");
const LORA_LIST: &str = include_str!("../../../tests/fixtures/lora/list.json");
const LORA_DETAIL: &str = include_str!("../../../tests/fixtures/lora/detail.json");

/// A JS value as JSON, to compare whole shapes.
fn json_of(value: &JsValue) -> serde_json::Value {
    let text: String = js_sys::JSON::stringify(value).unwrap().into();
    serde_json::from_str(&text).unwrap()
}

fn js<T: tsify::Tsify>(value: serde_json::Value) -> Ts<T> {
    Ts::new_unchecked(js_sys::JSON::parse(&value.to_string()).unwrap())
}

/// The thrown JS error's `kind` and `field`.
fn kind_and_field(error: JsValue) -> (String, Option<String>) {
    assert!(
        error.is_instance_of::<js_sys::Error>(),
        "errors are JS Error objects"
    );
    let get = |k: &str| {
        Reflect::get(&error, &JsValue::from_str(k))
            .unwrap()
            .as_string()
    };
    (get("kind").unwrap(), get("field"))
}

#[wasm_bindgen_test]
fn parses_the_antgst_seed_into_a_plain_object() {
    let page: JsValue = parse_phone_numbers("antgst".into(), ANTGST_LIST.into())
        .map_err(JsValue::from)
        .unwrap()
        .into();
    assert!(
        !page.is_instance_of::<js_sys::Map>(),
        "plain objects, not Maps"
    );
    let value = json_of(&page);
    assert_eq!(value["total"], 1);
    assert_eq!(value["pageSize"], 20);
    assert_eq!(
        value["numbers"][0]["messagingLimit"],
        json!({"tier": "TIER_2K", "dailyLimit": 2000, "unlimited": false})
    );
    assert_eq!(
        value["numbers"][0]["createdAt"],
        "2025-12-16T15:46:51.000+08:00"
    );
}

#[wasm_bindgen_test]
fn parses_the_lora_seeds() {
    let page: JsValue = parse_phone_numbers("lora".into(), LORA_LIST.into())
        .map_err(JsValue::from)
        .unwrap()
        .into();
    let value = json_of(&page);
    assert_eq!(value["numbers"].as_array().unwrap().len(), 3);
    assert_eq!(value["numbers"][1]["status"], "ONBOARDING");
    assert_eq!(value["numbers"][1]["rawStatus"], "PENDING");
    let one: JsValue = parse_phone_number("lora".into(), LORA_DETAIL.into())
        .map_err(JsValue::from)
        .unwrap()
        .into();
    assert_eq!(json_of(&one)["wabaId"], "waba-acct-shopitalia-001");
}

#[wasm_bindgen_test]
fn unlimited_tier_has_a_null_daily_limit() {
    let body = r#"{"phoneNumbers": [{"phoneNumberId": "u", "messagingLimit": "UNLIMITED"}]}"#;
    let page: JsValue = parse_phone_numbers("lora".into(), body.into())
        .map_err(JsValue::from)
        .unwrap()
        .into();
    let numbers = Reflect::get(&page, &"numbers".into()).unwrap();
    let first = Reflect::get(&numbers, &0.into()).unwrap();
    let limit = Reflect::get(&first, &"messagingLimit".into()).unwrap();
    assert!(Reflect::get(&limit, &"dailyLimit".into())
        .unwrap()
        .is_null());
}

#[wasm_bindgen_test]
fn bad_bodies_throw_typed_errors() {
    let err = parse_phone_numbers("antgst".into(), "<html>oops</html>".into())
        .map_err(JsValue::from)
        .unwrap_err();
    assert_eq!(
        kind_and_field(err),
        ("invalid_response".into(), Some("$".into()))
    );
    let err = parse_phone_numbers(
        "lora".into(),
        r#"{"phoneNumbers":[{"status":"ACTIVE"}]}"#.into(),
    )
    .map_err(JsValue::from)
    .unwrap_err();
    assert_eq!(
        kind_and_field(err),
        (
            "invalid_response".into(),
            Some("phoneNumbers[0].phoneNumberId".into())
        )
    );
    let err = parse_phone_numbers("meta".into(), "{}".into())
        .map_err(JsValue::from)
        .unwrap_err();
    assert_eq!(
        kind_and_field(err),
        ("invalid_response".into(), Some("data".into()))
    );
    let err = parse_phone_numbers("whatsapp".into(), "{}".into())
        .map_err(JsValue::from)
        .unwrap_err();
    assert_eq!(
        kind_and_field(err),
        ("invalid_input".into(), Some("provider".into()))
    );
}

#[wasm_bindgen_test]
fn arguments_of_the_wrong_type_are_typed_errors() {
    let object = js_sys::JSON::parse(LORA_LIST).unwrap();
    let cases: [(JsValue, JsValue, &str); 5] = [
        ("lora".into(), object, "bodyText"),
        ("lora".into(), JsValue::NULL, "bodyText"),
        ("lora".into(), JsValue::from(42), "bodyText"),
        (JsValue::UNDEFINED, LORA_LIST.into(), "provider"),
        (js_sys::Array::new().into(), LORA_LIST.into(), "provider"),
    ];
    for (provider, body, field) in cases {
        let err = parse_phone_numbers(provider, body)
            .map_err(JsValue::from)
            .unwrap_err();
        assert_eq!(
            kind_and_field(err),
            ("invalid_input".into(), Some(field.into()))
        );
    }
}

#[wasm_bindgen_test]
fn readiness_round_trips_a_parsed_number() {
    let page: JsValue = parse_phone_numbers("lora".into(), LORA_LIST.into())
        .map_err(JsValue::from)
        .unwrap()
        .into();
    let numbers = Reflect::get(&page, &"numbers".into()).unwrap();
    let first = Reflect::get(&numbers, &0.into()).unwrap();
    let verdict = evaluate_readiness(Ts::new_unchecked(first), js(json!({"recipients": 5000})))
        .map_err(JsValue::from)
        .unwrap();
    let verdict = json_of(&verdict.into());
    assert_eq!(
        verdict,
        json!({"ready": true, "action": "send", "reasons": [], "dailyLimit": 10000, "estimatedSendSeconds": 62.5})
    );

    let plan = plan_campaign(
        Ts::new_unchecked(numbers),
        js(json!({"recipients": 120000, "minQuality": "GREEN"})),
    )
    .map_err(JsValue::from)
    .unwrap();
    assert_eq!(
        json_of(&plan.into()),
        json!({"assignments": [
            {"phoneNumberId": "waba-num-003", "recipients": 100000},
            {"phoneNumberId": "waba-num-001", "recipients": 10000}
        ], "unassigned": 10000})
    );
}

#[wasm_bindgen_test]
fn bad_campaigns_name_the_field() {
    let page: JsValue = parse_phone_numbers("lora".into(), LORA_LIST.into())
        .map_err(JsValue::from)
        .unwrap()
        .into();
    let first = Reflect::get(&Reflect::get(&page, &"numbers".into()).unwrap(), &0.into()).unwrap();
    for (campaign, field) in [
        (json!({"recipients": -1}), "campaign.recipients"),
        (json!({"recipients": 1.5}), "campaign.recipients"),
        (json!({"recipients": "10"}), "campaign.recipients"),
        (json!({}), "campaign.recipients"),
        (json!([5000]), "campaign"),
        (json!("5000"), "campaign"),
        (json!({"recipients": 1, "minQuality": "green"}), ""),
        (
            json!({"recipients": 1, "recipient": 2}),
            "campaign.recipient",
        ),
        (
            json!({"recipients": 1, "minQuality": "PURPLE"}),
            "campaign.minQuality",
        ),
        (
            json!({"recipients": 1, "limitScope": "galaxy"}),
            "campaign.limitScope",
        ),
    ] {
        let result = evaluate_readiness(Ts::new_unchecked(first.clone()), js(campaign.clone()))
            .map_err(JsValue::from);
        if field.is_empty() {
            // Any case of a rating is read, in campaigns as in queries.
            assert!(result.is_ok(), "{campaign}");
            continue;
        }
        let err = result.unwrap_err();
        assert_eq!(
            kind_and_field(err),
            ("invalid_input".into(), Some(field.into())),
            "{campaign}"
        );
    }
    let err = evaluate_readiness(
        Ts::new_unchecked(JsValue::UNDEFINED),
        js(json!({"recipients": 1})),
    )
    .map_err(JsValue::from)
    .unwrap_err();
    assert_eq!(
        kind_and_field(err),
        ("invalid_input".into(), Some("phoneNumber".into()))
    );
    // An array where the number (an object) belongs: refused, not read in sequence form.
    let as_array = js(json!(["waba-num-001", "+39", "CONNECTED"]));
    let err = evaluate_readiness(as_array, js(json!({"recipients": 1})))
        .map_err(JsValue::from)
        .unwrap_err();
    assert_eq!(
        kind_and_field(err),
        ("invalid_input".into(), Some("phoneNumber".into()))
    );
    let err = plan_campaign(
        js(json!({"0": json_of(&first)})),
        js(json!({"recipients": 1})),
    )
    .map_err(JsValue::from)
    .unwrap_err();
    assert_eq!(
        kind_and_field(err),
        ("invalid_input".into(), Some("phoneNumbers".into()))
    );
    let err = plan_campaign(js(json!([{"id": 3}])), js(json!({"recipients": 1})))
        .map_err(JsValue::from)
        .unwrap_err();
    assert_eq!(kind_and_field(err).0, "invalid_input");
}

/// Bodies whose strings take every path of the tape: cut from an ASCII
/// body, escaped (decoded into the tape's own text), non-ASCII (the whole
/// body copied), numeric ids, blank fields, counts past 2³².
const TAPE_BODIES: [(&str, &str); 5] = [
    (
        "antgst",
        r#"{"data":[{"phoneNumberId":"a1","displayPhoneNumber":"+39 02","verifiedName":"Caff\u00e8 \"Roma\"\n","status":" active ","qualityRating":"green","messagingLimitTier":"TIER_10K"},{"phoneNumberId":42,"verifiedName":"  ","status":"BLOCKED","messagingLimitTier":"TIER_UNLIMITED","wabaId":"w\\1"}],"total":8589934592,"size":2,"current":1,"pages":4294967295}"#,
    ),
    (
        "antgst",
        r#"{"data":[{"phoneNumberId":"é1","verifiedName":"Pizzeria 😀 Città","status":"PENDING","wabaId":"w"},{"phoneNumberId":"b\ud83d\ude00","verifiedName":"\u4e2d\u6587","createTime":"2025"}],"total":2}"#,
    ),
    ("lora", LORA_LIST),
    ("antgst", ANTGST_LIST),
    (
        "meta",
        r#"{"data":[{"id":"1","display_phone_number":"+1 555","verified_name":"Zoë","status":"CONNECTED","quality_rating":"NA","whatsapp_business_manager_messaging_limit":"TIER_250","health_status":{"can_send_message":"BLOCKED","entities":[{"entity_type":"PHONE_NUMBER","id":"1","can_send_message":"BLOCKED","errors":[{"error_code":141010,"error_description":"x\ty","possible_solution":"<b>fix</b>"}]}]}}],"paging":{"cursors":{"after":"QVFIUk"},"next":"https://graph.facebook.com/next"}}"#,
    ),
];

#[wasm_bindgen_test]
fn the_tape_builds_what_the_json_text_says() {
    for (provider, body) in TAPE_BODIES {
        let page: JsValue = parse_phone_numbers(provider.into(), body.into())
            .map_err(JsValue::from)
            .unwrap()
            .into();
        let text = wa_numbers::core::Provider::parse(provider)
            .unwrap()
            .parse_list_json(body)
            .unwrap();
        let expected: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json_of(&page), expected, "{provider}: {body}");
        // And the same again from JS's own parse of that text: key order too.
        assert_eq!(
            String::from(js_sys::JSON::stringify(&page).unwrap()),
            String::from(js_sys::JSON::stringify(&js_sys::JSON::parse(&text).unwrap()).unwrap()),
            "{provider}: key order"
        );
    }
}

#[wasm_bindgen_test]
fn fractions_and_large_counts_cross_as_json_would_carry_them() {
    use wa_numbers::core::json::ToJson;
    for (tier, recipients) in [("TIER_250", 1u64), ("TIER_1K", 7), ("TIER_100K", 999_999)] {
        let body = format!(
            r#"{{"data":[{{"phoneNumberId":"f","status":"CONNECTED","messagingLimitTier":"{tier}"}}]}}"#
        );
        let page = wa_numbers::core::Provider::Antgst
            .parse_list(&body)
            .unwrap();
        let verdict = wa_numbers::core::evaluate_readiness(
            &page.numbers[0],
            &wa_numbers::core::Campaign {
                recipients,
                min_quality: wa_numbers::core::QualityRating::Unknown,
                limit_scope: Default::default(),
            },
        );
        let via_tape = wa_numbers::convert::to_js_value(&verdict).unwrap();
        let via_text = js_sys::JSON::parse(&verdict.to_json()).unwrap();
        assert_eq!(
            String::from(js_sys::JSON::stringify(&via_tape).unwrap()),
            String::from(js_sys::JSON::stringify(&via_text).unwrap()),
            "{tier} {recipients}"
        );
    }
}

/// The same numbers as objects JS's packer leaves to the strict JSON path
/// (not plain: another prototype), which `JSON.stringify` reads the same.
fn not_plain(numbers: &JsValue) -> JsValue {
    let proto = js_sys::Object::new();
    let array = js_sys::Array::new();
    for n in js_sys::Array::from(numbers).iter() {
        let copy = js_sys::Object::create(&proto);
        let copy = js_sys::Object::assign(&copy, &n.unchecked_into());
        let limit = Reflect::get(&copy, &"messagingLimit".into()).unwrap();
        if limit.is_object() && !js_sys::Array::is_array(&limit) {
            let limit_copy = js_sys::Object::create(&proto);
            let limit_copy = js_sys::Object::assign(&limit_copy, &limit.unchecked_into());
            Reflect::set(&copy, &"messagingLimit".into(), &limit_copy).unwrap();
        }
        array.push(&copy);
    }
    array.into()
}

/// What a call answered: its value as JSON text, or its error's kind and field.
fn outcome(result: Result<JsValue, JsValue>) -> String {
    match result {
        Ok(value) => String::from(js_sys::JSON::stringify(&value).unwrap()),
        Err(error) => format!("{:?}", kind_and_field(error)),
    }
}

#[wasm_bindgen_test]
fn packed_numbers_are_judged_as_the_strict_reader_judges_them() {
    let base = json!({"id": "n", "wabaId": "w1", "status": "CONNECTED", "rawStatus": "ACTIVE",
        "qualityRating": "GREEN", "throughput": "STANDARD",
        "messagingLimit": {"tier": "TIER_10K", "dailyLimit": 10000, "unlimited": false}});
    // Each variant changes one field; some are refused, some read alike.
    let mut variants = vec![base.clone()];
    let mut vary = |path: &[&str], value: serde_json::Value| {
        let mut n = base.clone();
        let mut at = &mut n;
        for key in &path[..path.len() - 1] {
            at = &mut at[*key];
        }
        match value {
            serde_json::Value::Null if path == ["drop"] => {}
            v => at[path[path.len() - 1]] = v,
        }
        variants.push(n);
    };
    for status in [
        "connected",
        " Onboarding ",
        "LIMIT_REACHED",
        "unavailable",
        "SLEEPING",
        "",
    ] {
        vary(&["status"], json!(status));
    }
    for quality in ["yellow", "RED", "unknown", "PURPLE"] {
        vary(&["qualityRating"], json!(quality));
    }
    for limit in [
        json!(null),
        json!(0),
        json!(1.5),
        json!(-1),
        json!(9007199254740991u64),
        json!("10"),
    ] {
        vary(&["messagingLimit", "dailyLimit"], limit);
    }
    vary(&["messagingLimit", "unlimited"], json!(1));
    vary(&["messagingLimit", "unlimited"], json!(true));
    vary(&["messagingLimit", "tier"], json!(5));
    vary(&["messagingLimit"], json!(null));
    vary(&["messagingLimit"], json!([1, 2]));
    vary(&["rawStatus"], json!(null));
    vary(&["rawStatus"], json!(7));
    vary(&["rawStatus"], json!("Città 😀 \"quoted\""));
    vary(&["throughput"], json!("HIGH"));
    vary(&["wabaId"], json!({"a": 1}));
    vary(&["id"], json!(3));
    vary(&["status"], json!(null));
    let campaigns = [
        json!({"recipients": 5000}),
        json!({"recipients": 20000, "minQuality": "YELLOW", "limitScope": "waba"}),
    ];
    let mut compared = 0;
    for n in &variants {
        for campaign in &campaigns {
            let numbers = js_sys::JSON::parse(&json!([n, base]).to_string()).unwrap();
            let fast = outcome(
                evaluate_readiness_all(Ts::new_unchecked(numbers.clone()), js(campaign.clone()))
                    .map(JsValue::from)
                    .map_err(JsValue::from),
            );
            let strict = outcome(
                evaluate_readiness_all(
                    Ts::new_unchecked(not_plain(&numbers)),
                    js(campaign.clone()),
                )
                .map(JsValue::from)
                .map_err(JsValue::from),
            );
            assert_eq!(fast, strict, "evaluateReadinessAll of {n} for {campaign}");
            let one = Reflect::get(&numbers, &0.into()).unwrap();
            let single = outcome(
                evaluate_readiness(Ts::new_unchecked(one.clone()), js(campaign.clone()))
                    .map(JsValue::from)
                    .map_err(JsValue::from),
            );
            let single_strict = outcome(
                evaluate_readiness(
                    Ts::new_unchecked(Reflect::get(&not_plain(&numbers), &0.into()).unwrap()),
                    js(campaign.clone()),
                )
                .map(JsValue::from)
                .map_err(JsValue::from),
            );
            assert_eq!(
                single, single_strict,
                "evaluateReadiness of {n} for {campaign}"
            );
            let plan = outcome(
                plan_campaign(Ts::new_unchecked(numbers.clone()), js(campaign.clone()))
                    .map(JsValue::from)
                    .map_err(JsValue::from),
            );
            let plan_strict = outcome(
                plan_campaign(Ts::new_unchecked(not_plain(&numbers)), js(campaign.clone()))
                    .map(JsValue::from)
                    .map_err(JsValue::from),
            );
            assert_eq!(plan, plan_strict, "planCampaign of {n} for {campaign}");
            compared += 1;
        }
    }
    assert_eq!(compared, variants.len() * campaigns.len());
}

/// `evaluateReadinessAll` copies the verdict of a number that reads like one
/// judged before (its strings pointing back at the first one's text): the
/// verdicts must be those of one call per number, from both readers, with
/// repeats before and after a non-ASCII status word.
#[wasm_bindgen_test]
fn verdicts_in_bulk_equal_verdicts_one_by_one() {
    let number = |status: &str, raw: &str, quality: &str, tier: &str, daily: Option<u64>| {
        json!({"id": "n", "status": status, "rawStatus": raw, "qualityRating": quality,
            "messagingLimit": {"tier": tier, "dailyLimit": daily, "unlimited": false}})
    };
    let ways = [
        number("CONNECTED", "ACTIVE", "GREEN", "TIER_10K", Some(10_000)),
        number("ONBOARDING", "PENDING", "GREEN", "TIER_1K", Some(1_000)),
        number("DEGRADED", "FLAGGED", "YELLOW", "TIER_1K", Some(1_000)),
        number("UNAVAILABLE", "BANNED \"x\"", "RED", "TIER_50", Some(50)),
        number("UNAVAILABLE", "Città 😀", "RED", "TIER_50", Some(50)),
        number("CONNECTED", "ACTIVE", "UNKNOWN", "TIER_NOT_SET", None),
    ];
    // The ASCII ways repeated, then the non-ASCII one, then all again.
    let ascii = [0, 1, 2, 3, 5];
    let list: Vec<serde_json::Value> = (0..40)
        .map(|i| ways[if i < 30 { ascii[i % 5] } else { (i + 4) % 6 }].clone())
        .collect();
    let numbers = js_sys::JSON::parse(&serde_json::Value::from(list.clone()).to_string()).unwrap();
    for campaign in [
        json!({"recipients": 5000}),
        json!({"recipients": 20, "minQuality": "RED"}),
    ] {
        let one_by_one: Vec<serde_json::Value> = list
            .iter()
            .map(|n| {
                json_of(
                    &evaluate_readiness(js(n.clone()), js(campaign.clone()))
                        .map_err(JsValue::from)
                        .unwrap()
                        .into(),
                )
            })
            .collect();
        for numbers in [numbers.clone(), not_plain(&numbers)] {
            let all = evaluate_readiness_all(Ts::new_unchecked(numbers), js(campaign.clone()))
                .map_err(JsValue::from)
                .unwrap();
            assert_eq!(
                json_of(&all.into()),
                serde_json::Value::from(one_by_one.clone())
            );
        }
    }
}

/// `value` as an object of another prototype (so JS's packer leaves it to
/// the strict JSON path), with the same own fields.
fn not_plain_object(value: &JsValue) -> JsValue {
    if !value.is_object() || js_sys::Array::is_array(value) {
        return value.clone();
    }
    // Copied by descriptors: getters stay getters (not called here).
    let copy: js_sys::Object = js_sys::Object::create(&js_sys::Object::new());
    let descriptors: js_sys::Object =
        js_sys::Object::get_own_property_descriptors(value.unchecked_ref::<js_sys::Object>())
            .unchecked_into();
    js_sys::Object::define_properties(&copy, &descriptors).into()
}

#[wasm_bindgen_test]
fn packed_campaigns_are_read_as_the_strict_reader_reads_them() {
    let number = js_sys::JSON::parse(
        &json!({"id": "n", "status": "CONNECTED", "qualityRating": "YELLOW",
            "messagingLimit": {"tier": "TIER_1K", "dailyLimit": 1000, "unlimited": false}})
        .to_string(),
    )
    .unwrap();
    let mut campaigns: Vec<JsValue> = [
        json!({"recipients": 500}),
        json!({"recipients": 0}),
        json!({"recipients": 5000}),
        json!({"recipients": 9007199254740991u64}),
        json!({"recipients": 9007199254740992u64}),
        json!({"recipients": 500, "minQuality": " yellow "}),
        json!({"recipients": 500, "minQuality": "RED", "limitScope": "WABA"}),
        json!({"recipients": 500, "limitScope": "number"}),
        json!({"recipients": 500, "minQuality": "PURPLE"}),
        json!({"recipients": 500, "minQuality": null}),
        json!({"recipients": 500, "minQuality": 3}),
        json!({"recipients": 500, "limitScope": "galaxy"}),
        json!({"recipients": 500, "recipient": 1}),
        json!({"recipients": 1.5}),
        json!({"recipients": -1}),
        json!({"recipients": "500"}),
        json!({"recipients": null}),
        json!({}),
        json!([500]),
        json!("500"),
    ]
    .iter()
    .map(|c| js_sys::JSON::parse(&c.to_string()).unwrap())
    .collect();
    // What JSON.stringify leaves out (undefined) is left out alike; a lone
    // surrogate is left to the strict path by the packer.
    let with = |key: &str, value: JsValue| {
        let c = js_sys::JSON::parse(r#"{"recipients": 500}"#).unwrap();
        Reflect::set(&c, &key.into(), &value).unwrap();
        c
    };
    campaigns.push(with("minQuality", JsValue::UNDEFINED));
    campaigns.push(with("other", JsValue::UNDEFINED));
    campaigns.push(with("minQuality", JsValue::from_str("GREEN\u{fffd}")));
    campaigns.push(with(
        "minQuality",
        js_sys::JSON::parse(r#""\ud800""#).unwrap(),
    ));
    campaigns.push(JsValue::NULL);
    // A getter that throws: refused as invalid_input by both ways, never
    // escaping as the getter's own error.
    let throwing = js_sys::JSON::parse(r#"{"recipients": 500}"#).unwrap();
    let descriptor = js_sys::Object::new();
    Reflect::set(
        &descriptor,
        &"get".into(),
        &js_sys::Function::new_no_args("throw new Error('boom')"),
    )
    .unwrap();
    Reflect::set(&descriptor, &"enumerable".into(), &JsValue::TRUE).unwrap();
    js_sys::Object::define_property(
        throwing.unchecked_ref::<js_sys::Object>(),
        &"minQuality".into(),
        descriptor.unchecked_ref(),
    );
    campaigns.push(throwing);
    let mut refused = 0;
    for campaign in &campaigns {
        let packed = outcome(
            evaluate_readiness(
                Ts::new_unchecked(number.clone()),
                Ts::new_unchecked(campaign.clone()),
            )
            .map(JsValue::from)
            .map_err(JsValue::from),
        );
        let strict = outcome(
            evaluate_readiness(
                Ts::new_unchecked(number.clone()),
                Ts::new_unchecked(not_plain_object(campaign)),
            )
            .map(JsValue::from)
            .map_err(JsValue::from),
        );
        let shown = js_sys::JSON::stringify(campaign)
            .ok()
            .and_then(|s| s.as_string());
        assert_eq!(packed, strict, "evaluateReadiness for {shown:?}");
        refused += usize::from(packed.contains("invalid_input"));
    }
    // The list holds both kinds: a test that refused everything proves nothing.
    assert!(refused >= 10 && refused < campaigns.len() - 5, "{refused}");
}
