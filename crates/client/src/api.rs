//! The pure functions of the npm package (no network): DESIGN.md, "The JS API".

use std::cell::RefCell;

use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::convert::{
    from_js, from_js_keys, js_of_tape_over, js_of_verdict, js_of_written, js_string, to_js,
    with_packed_call, with_packed_numbers, PackedCall,
};
use crate::error::{Error, JsFailure};
use wa_numbers_core::json::{RulesNumber, ToJson, Writer, RULE_FIELDS};
use wa_numbers_core::plan::{plan_views, PlanView};
use wa_numbers_core::readiness::write_verdicts;
use wa_numbers_core::{judge, Campaign, Page, PhoneNumber, Plan, Provider, Readiness};

/// A list of numbers, as `planCampaign` takes it.
#[derive(Tsify, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PhoneNumbers(pub Vec<PhoneNumber>);

/// What `work` makes of the numbers of a `phoneNumbers` argument (JS) and
/// the campaign: the numbers packed by JS when they are plain data (nothing
/// allocated per number), else read strictly as JSON (which names what is
/// wrong). A bad number is reported before a bad campaign. One copy for
/// `evaluateReadinessAll` and `planCampaign` (`work` is not generic): the
/// packing and the strict read were in the wasm once for each.
fn over_numbers(
    numbers: &JsValue,
    with_ids: bool,
    campaign: &Result<Campaign, Error>,
    work: &dyn Fn(&mut dyn Iterator<Item = PlanView<'_>>, &Campaign) -> JsValue,
) -> Result<JsValue, Error> {
    let packed = with_packed_numbers(numbers, with_ids, |packed| {
        let campaign = campaign.as_ref().map_err(Clone::clone)?;
        Ok(work(
            &mut packed.iter().map(|p| PlanView {
                id: p.id,
                waba_id: p.waba_id,
                rules: p.rules,
            }),
            campaign,
        ))
    });
    if let Some(result) = packed {
        return result;
    }
    let numbers: Vec<RulesNumber> = from_js_keys(numbers, "phoneNumbers", &RULE_FIELDS)?;
    let campaign = campaign.as_ref().map_err(Clone::clone)?;
    Ok(work(
        &mut numbers.iter().map(|RulesNumber(n)| PlanView::from(n)),
        campaign,
    ))
}

/// The verdicts of `evaluateReadinessAll`, one per number, in order.
#[derive(Tsify, Serialize)]
#[serde(transparent)]
pub struct Verdicts(pub Vec<Readiness>);

/// Reads a text argument: a JS string, nothing else (an object parsed with
/// `res.json()` where the body text belongs is the usual mistake).
fn text_argument(value: &JsValue, argument: &str) -> Result<String, Error> {
    js_string(value).ok_or_else(|| {
        let found = if value.is_null() || value.is_undefined() {
            "nothing"
        } else if value.is_object() {
            "an object (pass the body text, `await response.text()`, not `response.json()`)"
        } else {
            "another type"
        };
        Error::invalid_input(argument, ["must be a string, got ", found].concat())
    })
}

/// Reads the provider argument (`"antgst"`, `"lora"` or `"meta"`).
fn provider_argument(value: &JsValue) -> Result<Provider, Error> {
    Provider::parse(&text_argument(value, "provider")?)
}

/// Parses one list body of `provider` (`"antgst"`, `"lora"` or `"meta"`) into a `Page`.
/// Throws `invalid_response` naming where the body is not the provider's shape.
#[wasm_bindgen(js_name = parsePhoneNumbers)]
pub fn parse_phone_numbers(
    #[wasm_bindgen(unchecked_param_type = "Provider")] provider: JsValue,
    #[wasm_bindgen(js_name = bodyText, unchecked_param_type = "string")] body_text: JsValue,
) -> Result<Ts<Page>, JsFailure> {
    let provider = provider_argument(&provider)?;
    // Straight from the provider's text to the normalized value's tape (no
    // Rust values in between), whose strings JS cuts from the text it has.
    let body = text_argument(&body_text, "bodyText")?;
    let mut tape = Writer::over_source(&body);
    provider.parse_list_into(&body, &mut tape)?;
    Ok(Ts::new_unchecked(js_of_tape_over(
        &tape.into_tape(),
        &body_text,
    )))
}

/// Parses one number: LORA's or Meta's detail body, or one AntGst row.
#[wasm_bindgen(js_name = parsePhoneNumber)]
pub fn parse_phone_number(
    #[wasm_bindgen(unchecked_param_type = "Provider")] provider: JsValue,
    #[wasm_bindgen(js_name = bodyText, unchecked_param_type = "string")] body_text: JsValue,
) -> Result<Ts<PhoneNumber>, JsFailure> {
    let provider = provider_argument(&provider)?;
    let number = provider.parse_detail(&text_argument(&body_text, "bodyText")?)?;
    Ok(to_js(&number)?)
}

/// Judges one number for one campaign (`{ recipients, minQuality?, limitScope? }`).
#[wasm_bindgen(js_name = evaluateReadiness)]
pub fn evaluate_readiness(
    #[wasm_bindgen(js_name = phoneNumber)] phone_number: Ts<PhoneNumber>,
    campaign: Ts<Campaign>,
) -> Result<Ts<Readiness>, JsFailure> {
    // Packed in one crossing when both are plain data that read; else the
    // strict path below, once, which names what is wrong (the number first).
    match with_packed_call(&phone_number.js_value(), &campaign.js_value(), |n, c| {
        judge(n.rules, c)
    }) {
        Some(PackedCall::Remembered(verdict)) => return Ok(Ts::new_unchecked(verdict)),
        Some(PackedCall::Read(verdict)) => return Ok(Ts::new_unchecked(js_of_verdict(&verdict))),
        None => {}
    }
    let campaign = from_js(&campaign, "campaign");
    let RulesNumber(number) = from_js_keys(&phone_number.js_value(), "phoneNumber", &RULE_FIELDS)?;
    Ok(to_js(&wa_numbers_core::evaluate_readiness(
        &number, &campaign?,
    ))?)
}

/// Judges many numbers for one campaign in one call: the verdicts, in order.
/// One boundary crossing for the whole list, so it costs little more than the rules.
#[wasm_bindgen(js_name = evaluateReadinessAll)]
pub fn evaluate_readiness_all(
    #[wasm_bindgen(js_name = phoneNumbers)] phone_numbers: Ts<PhoneNumbers>,
    campaign: Ts<Campaign>,
) -> Result<Ts<Verdicts>, JsFailure> {
    let campaign = from_js(&campaign, "campaign");
    // The verdicts as one JS array (ids are not packed: the rules do not
    // read them).
    let verdicts = over_numbers(
        &phone_numbers.js_value(),
        false,
        &campaign,
        &|numbers, c| {
            let numbers = RefCell::new(numbers);
            js_of_written(&|w: &mut Writer| {
                write_verdicts(&mut numbers.borrow_mut().map(|n| n.rules), c, w)
            })
        },
    )?;
    Ok(Ts::new_unchecked(verdicts))
}

/// Spreads one campaign over the numbers that can carry it.
#[wasm_bindgen(js_name = planCampaign)]
pub fn plan_campaign(
    #[wasm_bindgen(js_name = phoneNumbers)] phone_numbers: Ts<PhoneNumbers>,
    campaign: Ts<Campaign>,
) -> Result<Ts<Plan>, JsFailure> {
    let campaign = from_js(&campaign, "campaign");
    let plan = over_numbers(&phone_numbers.js_value(), true, &campaign, &|numbers, c| {
        let plan = plan_views(numbers, c);
        js_of_written(&|w: &mut Writer| plan.write_json(w))
    })?;
    Ok(Ts::new_unchecked(plan))
}
