//! The pure functions of the npm package (no network): DESIGN.md, "The JS API".

use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::convert::{from_js, to_js};
use crate::error::JsFailure;
use wa_numbers_core::{Campaign, Page, PhoneNumber, Plan, Provider, Readiness};

/// A list of numbers, as `planCampaign` takes it.
#[derive(Tsify, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PhoneNumbers(pub Vec<PhoneNumber>);

/// The verdicts of `evaluateReadinessAll`, one per number, in order.
#[derive(Tsify, Serialize)]
#[serde(transparent)]
pub struct Verdicts(pub Vec<Readiness>);

/// Parses one list body of `provider` (`"antgst"` or `"lora"`) into a `Page`.
/// Throws `invalid_response` naming where the body is not the provider's shape.
#[wasm_bindgen(js_name = parsePhoneNumbers)]
pub fn parse_phone_numbers(
    #[wasm_bindgen(unchecked_param_type = "Provider")] provider: &str,
    #[wasm_bindgen(js_name = bodyText)] body_text: &str,
) -> Result<Ts<Page>, JsFailure> {
    let page = Provider::parse(provider)?.parse_list(body_text)?;
    Ok(to_js(&page)?)
}

/// Parses one number: LORA's detail body, or one AntGst row.
#[wasm_bindgen(js_name = parsePhoneNumber)]
pub fn parse_phone_number(
    #[wasm_bindgen(unchecked_param_type = "Provider")] provider: &str,
    #[wasm_bindgen(js_name = bodyText)] body_text: &str,
) -> Result<Ts<PhoneNumber>, JsFailure> {
    let number = Provider::parse(provider)?.parse_detail(body_text)?;
    Ok(to_js(&number)?)
}

/// Judges one number for one campaign (`{ recipients, minQuality?, limitScope? }`).
#[wasm_bindgen(js_name = evaluateReadiness)]
pub fn evaluate_readiness(
    #[wasm_bindgen(js_name = phoneNumber)] phone_number: Ts<PhoneNumber>,
    campaign: Ts<Campaign>,
) -> Result<Ts<Readiness>, JsFailure> {
    let number = from_js(&phone_number, "phoneNumber")?;
    let campaign = from_js(&campaign, "campaign")?;
    Ok(to_js(&wa_numbers_core::evaluate_readiness(
        &number, &campaign,
    ))?)
}

/// Judges many numbers for one campaign in one call: the verdicts, in order.
/// One boundary crossing for the whole list, so it costs little more than the rules.
#[wasm_bindgen(js_name = evaluateReadinessAll)]
pub fn evaluate_readiness_all(
    #[wasm_bindgen(js_name = phoneNumbers)] phone_numbers: Ts<PhoneNumbers>,
    campaign: Ts<Campaign>,
) -> Result<Ts<Verdicts>, JsFailure> {
    let PhoneNumbers(numbers) = from_js(&phone_numbers, "phoneNumbers")?;
    let campaign = from_js(&campaign, "campaign")?;
    let verdicts = numbers
        .iter()
        .map(|n| wa_numbers_core::evaluate_readiness(n, &campaign))
        .collect();
    Ok(to_js(&Verdicts(verdicts))?)
}

/// Spreads one campaign over the numbers that can carry it.
#[wasm_bindgen(js_name = planCampaign)]
pub fn plan_campaign(
    #[wasm_bindgen(js_name = phoneNumbers)] phone_numbers: Ts<PhoneNumbers>,
    campaign: Ts<Campaign>,
) -> Result<Ts<Plan>, JsFailure> {
    let PhoneNumbers(numbers) = from_js(&phone_numbers, "phoneNumbers")?;
    let campaign = from_js(&campaign, "campaign")?;
    Ok(to_js(&wa_numbers_core::plan_campaign(&numbers, &campaign))?)
}
