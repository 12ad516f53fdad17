//! The small arguments of `evaluateReadiness` read straight from the JS
//! objects, and its verdict built as a JS object: no JSON text either way.
//! A few property reads cost less than `JSON.stringify`, the reader and
//! `JSON.parse` (README, "Design notes: serde-wasm-bindgen and gloo-net").
//!
//! A fast path only: each reader returns `None` for anything that is not
//! plainly valid, and the caller then takes the JSON path of
//! [`crate::convert`], which accepts it or names the field exactly as before.
//! So this path must never accept what JSON would refuse: it reads own data
//! of plain objects only (JSON skips inherited properties), numbers only (a
//! BigInt has no JSON form), and a campaign with no key but its three.

use wasm_bindgen::prelude::*;

use wa_numbers_core::json::{Writer, MAX_RECIPIENTS};
use wa_numbers_core::{
    Action, Campaign, LimitScope, MessagingLimit, PhoneNumber, Provider, QualityRating, Readiness,
    Severity, Status,
};

#[wasm_bindgen]
extern "C" {
    // `catch`: a getter that throws sends the value down the JSON path, where
    // `JSON.stringify` fails the same way and says so.
    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    fn get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = Reflect, js_name = set)]
    fn set(target: &JsValue, key: &JsValue, value: &JsValue) -> bool;
    #[wasm_bindgen(js_namespace = Object, js_name = getPrototypeOf)]
    fn prototype_of(value: &JsValue) -> JsValue;
    #[wasm_bindgen(js_namespace = Object, js_name = keys)]
    fn own_keys(value: &JsValue) -> js_sys::Array;
    #[wasm_bindgen(thread_local_v2, js_namespace = Object, js_name = prototype)]
    static OBJECT_PROTOTYPE: JsValue;
}

/// Every property name and fixed text used here, made JS strings once.
const NAMES: [&str; 27] = [
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
    "recipients",
    "minQuality",
    "limitScope",
    "ready",
    "action",
    "reasons",
    "estimatedSendSeconds",
    "code",
    "severity",
    "message",
    "send",
    "wait_for_onboarding",
    "wait_for_limit_reset",
    "contact_support",
    "choose_another_number",
    "blocker",
    "warning",
];
const ID: usize = 0;
const WABA_ID: usize = 1;
const STATUS: usize = 2;
const RAW_STATUS: usize = 3;
const QUALITY: usize = 4;
const LIMIT: usize = 5;
const TIER: usize = 6;
const DAILY: usize = 7;
const UNLIMITED: usize = 8;
const THROUGHPUT: usize = 9;
const RECIPIENTS: usize = 10;
const MIN_QUALITY: usize = 11;
const LIMIT_SCOPE: usize = 12;
const READY: usize = 13;
const ACTION: usize = 14;
const REASONS: usize = 15;
const SECONDS: usize = 16;
const CODE: usize = 17;
const SEVERITY: usize = 18;
const MESSAGE: usize = 19;
const ACTIONS: usize = 20;
const SEVERITIES: usize = 25;

thread_local! {
    static KEYS: Vec<JsValue> = NAMES.iter().map(|n| JsValue::from_str(n)).collect();
}

/// Runs `f` with the cached names.
fn with_keys<T>(f: impl FnOnce(&[JsValue]) -> T) -> T {
    KEYS.with(|k| f(k))
}

/// An object made by `{…}` or `Object.create(null)`: JSON reads own
/// enumerable properties only, `Reflect.get` inherited ones too.
fn is_plain(js: &JsValue) -> bool {
    if !js.is_object() {
        return false;
    }
    let proto = prototype_of(js);
    proto.is_null() || OBJECT_PROTOTYPE.with(|p| *p == proto)
}

/// A string, or `None` (then `Some(None)`) for absent or `null`.
fn optional_string(value: JsValue) -> Option<Option<String>> {
    match value.as_string() {
        Some(s) => Some(Some(s)),
        None if value.is_undefined() || value.is_null() => Some(None),
        None => None,
    }
}

/// A whole JS number in `0..=max` (not a BigInt, not a fraction).
fn whole(value: &JsValue, max: u64) -> Option<u64> {
    let x = value.as_f64()?;
    (x >= 0.0 && x.fract() == 0.0 && x <= max as f64).then_some(x as u64)
}

fn one_of<T: Copy>(value: &JsValue, all: &[T], name: fn(T) -> &'static str) -> Option<T> {
    let text = value.as_string()?;
    let text = text.trim();
    all.iter()
        .copied()
        .find(|v| name(*v).eq_ignore_ascii_case(text))
}

/// A number as the readiness rules read it (`RULE_FIELDS`); `None`: take the JSON path.
pub fn rules_number(js: &JsValue) -> Option<PhoneNumber> {
    if !is_plain(js) {
        return None;
    }
    with_keys(|k| {
        let field = |i: usize| get(js, &k[i]).ok();
        // The rules never read `id` and `wabaId`; their types are still checked.
        if !field(ID)?.is_string() {
            return None;
        }
        optional_string(field(WABA_ID)?)?;
        let limit = field(LIMIT)?;
        if !is_plain(&limit) {
            return None;
        }
        let daily = get(&limit, &k[DAILY]).ok()?;
        let daily_limit = if daily.is_undefined() || daily.is_null() {
            None
        } else {
            // Past 2^53 the JSON digits differ from the number: JSON decides.
            Some(whole(&daily, MAX_RECIPIENTS)?)
        };
        Some(PhoneNumber {
            provider: Provider::Antgst,
            id: String::new(),
            phone_number: String::new(),
            display_name: None,
            verified_name: None,
            waba_id: None,
            status: one_of(&field(STATUS)?, &Status::ALL, Status::as_str)?,
            raw_status: optional_string(field(RAW_STATUS)?)?,
            quality_rating: one_of(&field(QUALITY)?, &QualityRating::ALL, QualityRating::as_str)?,
            messaging_limit: MessagingLimit {
                tier: get(&limit, &k[TIER]).ok()?.as_string()?,
                daily_limit,
                unlimited: get(&limit, &k[UNLIMITED]).ok()?.as_bool()?,
            },
            throughput: optional_string(field(THROUGHPUT)?)?,
            code_verification_status: None,
            platform: None,
            name_status: None,
            account_mode: None,
            created_at: None,
            updated_at: None,
            last_onboarded_at: None,
            health: None,
        })
    })
}

/// A campaign; `None`: take the JSON path.
pub fn campaign(js: &JsValue) -> Option<Campaign> {
    if !is_plain(js) {
        return None;
    }
    with_keys(|k| {
        let recipients = get(js, &k[RECIPIENTS]).ok()?;
        let mut campaign = Campaign::new(whole(&recipients, MAX_RECIPIENTS)?);
        // Own enumerable keys, as JSON sees them: exactly those given here.
        let mut given = 1;
        let min_quality = get(js, &k[MIN_QUALITY]).ok()?;
        if !min_quality.is_undefined() {
            campaign.min_quality =
                one_of(&min_quality, &QualityRating::ALL, QualityRating::as_str)?;
            given += 1;
        }
        let limit_scope = get(js, &k[LIMIT_SCOPE]).ok()?;
        if !limit_scope.is_undefined() {
            let scopes = [LimitScope::Number, LimitScope::Waba];
            campaign.limit_scope = one_of(&limit_scope, &scopes, LimitScope::as_str)?;
            given += 1;
        }
        (own_keys(js).length() == given).then_some(campaign)
    })
}

/// The verdict as the plain object the JSON path would give; `None`: take it.
pub fn verdict(r: &Readiness) -> Option<JsValue> {
    let seconds = Writer::decimal_as_read(r.estimated_send_seconds)?;
    with_keys(|k| {
        let object = js_sys::Object::new();
        set(&object, &k[READY], &JsValue::from_bool(r.ready));
        let action = match r.action {
            Action::Send => 0,
            Action::WaitForOnboarding => 1,
            Action::WaitForLimitReset => 2,
            Action::ContactSupport => 3,
            Action::ChooseAnotherNumber => 4,
        };
        set(&object, &k[ACTION], &k[ACTIONS + action]);
        let reasons = js_sys::Array::new();
        for reason in &r.reasons {
            let item = js_sys::Object::new();
            set(&item, &k[CODE], &JsValue::from_str(&reason.code));
            let severity = match reason.severity {
                Severity::Blocker => 0,
                Severity::Warning => 1,
            };
            set(&item, &k[SEVERITY], &k[SEVERITIES + severity]);
            set(&item, &k[MESSAGE], &JsValue::from_str(&reason.message));
            reasons.push(&item);
        }
        set(&object, &k[REASONS], &reasons);
        // `u64 as f64` rounds to nearest, as `JSON.parse` of the digits does.
        let daily = r
            .daily_limit
            .map_or(JsValue::NULL, |d| JsValue::from_f64(d as f64));
        set(&object, &k[DAILY], &daily);
        set(&object, &k[SECONDS], &JsValue::from_f64(seconds));
        Some(object.into())
    })
}
