//! The `Client` class of the npm package: every method returns a Promise that
//! resolves with a plain object or rejects with a `WaNumbersError`.

use js_sys::{Function, Object, Promise, Reflect};
use tsify::Ts;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::future_to_promise;
use web_sys::AbortSignal;

use crate::config::ClientConfig;
use crate::convert::{from_js, from_js_value, to_js, to_js_value};
use crate::error::{to_js_error, Error, JsFailure};
use crate::Client;
use wa_numbers_core::{ListQuery, PhoneNumber, Progress};

#[wasm_bindgen(typescript_custom_section)]
const TS_OPTIONS: &'static str = r#"
/** Options of one call. */
export interface CallOptions {
    /** Cancels the call; it then rejects with kind "aborted". */
    signal?: AbortSignal;
}
/** The query of `listAllPhoneNumbers`: for Meta, `wabaId` may list several WABAs, merged. */
export type ListAllQuery = Omit<ListQuery, "wabaId"> & { wabaId?: string | string[] };
/** Options of `listAllPhoneNumbers`. */
export interface ListAllOptions extends CallOptions {
    /** Called after each page. */
    onProgress?: (progress: Progress) => void;
    /** Called after each page with the numbers it added (not seen before), so
     *  they can be shown at once and kept if a later page fails. */
    onPage?: (numbers: PhoneNumber[], progress: Progress) => void;
}
/** Options of `waitForOnboarding`. */
export interface WaitOptions extends CallOptions {
    /** Time between two polls (default 5000 ms). */
    intervalMs?: number;
    /** Rejects with kind "timeout" after this long (default 600000 ms, at most 2147483647). */
    timeoutMs?: number;
    /** Called with the number whenever its status changes (and on the first poll). */
    onUpdate?: (phoneNumber: PhoneNumber) => void;
}
"#;

/// A provider API client: `new Client({ provider, baseUrl, apiKey?, … })`.
#[wasm_bindgen(js_name = Client)]
pub struct JsClient {
    client: Client,
}

/// The options argument: left out, `null`, or an object. wasm-bindgen passes
/// any value as `Object` unchecked, and a string or a callback put where the
/// options belong would otherwise be read as "no options" without a word.
fn options_arg(options: Option<Object>) -> Result<Option<Object>, Error> {
    match options {
        Some(o) if !o.is_object() => Err(Error::invalid_input(
            "options",
            "must be an object such as { signal }, or left out",
        )),
        options => Ok(options),
    }
}

/// Said of an argument's field whose getter (or a Proxy's `get`) threw.
const GETTER_THREW: &str = "could not be read: reading it threw an exception";

/// Reads option `key`: `None` when it is left out (`undefined` or `null`),
/// the value when `fits` accepts it, else `invalid_input` naming
/// `options.<key>` and saying `wanted`. A getter that throws is that error
/// too: taken for "left out", a `signal` whose getter threw was no signal,
/// and the call it was meant to stop could not be stopped. (One function
/// builds every option's error: one copy of it in the wasm.)
fn option(
    options: &Option<Object>,
    key: &str,
    fits: fn(&JsValue) -> bool,
    wanted: &'static str,
) -> Result<Option<JsValue>, Error> {
    let Some(options) = options else {
        return Ok(None);
    };
    let problem = match Reflect::get(options, &JsValue::from_str(key)) {
        Ok(value) if value.is_undefined() || value.is_null() => return Ok(None),
        Ok(value) if fits(&value) => return Ok(Some(value)),
        Ok(_) => wanted,
        Err(_) => GETTER_THREW,
    };
    // Joined, not `format!`ed: these were the wasm's only use of
    // `alloc::fmt::format`.
    Err(Error::invalid_input(["options.", key].concat(), problem))
}

fn signal_of(options: &Option<Object>) -> Result<Option<AbortSignal>, Error> {
    let fits = |v: &JsValue| v.is_instance_of::<AbortSignal>();
    let signal = option(options, "signal", fits, "must be an AbortSignal")?;
    Ok(signal.map(JsCast::unchecked_into))
}

fn callback_of(options: &Option<Object>, key: &str) -> Result<Option<Function>, Error> {
    let callback = option(options, key, JsValue::is_function, "must be a function")?;
    Ok(callback.map(JsCast::unchecked_into))
}

/// A whole number of milliseconds that fits a `u32`.
fn whole_ms(value: &JsValue) -> bool {
    value.as_f64().is_some_and(|ms| {
        ms.is_finite() && ms >= 0.0 && ms <= f64::from(u32::MAX) && ms.fract() == 0.0
    })
}

fn millis_of(options: &Option<Object>, key: &str, default: u32) -> Result<u32, Error> {
    let wanted = "must be a whole number of milliseconds";
    let ms = option(options, key, whole_ms, wanted)?.and_then(|v| v.as_f64());
    Ok(ms.map_or(default, |ms| ms as u32))
}

fn query_of(query: Option<Ts<ListQuery>>) -> Result<ListQuery, Error> {
    match query {
        None => Ok(ListQuery::default()),
        Some(q) if q.js_value().is_undefined() || q.js_value().is_null() => {
            Ok(ListQuery::default())
        }
        Some(q) => from_js(&q, "query"),
    }
}

/// listAll's query: its `wabaId` may be an array of WABAs (Meta), read apart
/// from the rest of the query. A `wabaId` getter that throws names
/// `query.wabaId`, as a throwing option names its field.
fn list_all_query_of(
    query: Option<Ts<ListQuery>>,
) -> Result<(ListQuery, Option<Vec<String>>), Error> {
    let wabas = match query
        .as_ref()
        .map(|q| q.js_value())
        .filter(JsValue::is_object)
    {
        Some(q) => Some((
            Reflect::get(&q, &JsValue::from_str("wabaId"))
                .map_err(|_| Error::invalid_input("query.wabaId", GETTER_THREW))?,
            q,
        )),
        None => None,
    }
    .filter(|(wabas, _)| js_sys::Array::is_array(wabas));
    match wabas {
        None => Ok((query_of(query)?, None)),
        Some((wabas, q)) => {
            let ids = from_js_value::<Vec<String>>(&wabas, "query.wabaId")?;
            let rest = Object::assign(&Object::new(), q.unchecked_ref());
            let _ = Reflect::delete_property(&rest, &JsValue::from_str("wabaId"));
            Ok((from_js_value(&rest, "query")?, Some(ids)))
        }
    }
}

/// Runs `work`, turning its error into a rejected Promise with a JS error.
fn promise(work: impl std::future::Future<Output = Result<JsValue, Error>> + 'static) -> Promise {
    // Boxed: one copy of the promise machinery (it was 9.4 KB of wasm for
    // four copies, one per method, before `run` served them all; unboxed,
    // `run`'s one future still measured 135 B gzip more).
    let work: std::pin::Pin<Box<dyn std::future::Future<Output = Result<JsValue, Error>>>> =
        Box::pin(work);
    to_promise(work)
}

fn to_promise(
    work: std::pin::Pin<Box<dyn std::future::Future<Output = Result<JsValue, Error>>>>,
) -> Promise {
    future_to_promise(async move { work.await.map_err(|e| to_js_error(&e)) })
}

#[wasm_bindgen(module = "/js/wire.js")]
extern "C" {
    /// `js/wire.js`: calls a user's callback; what it throws, or its promise
    /// rejects with, is logged (once per `load` object for a load's
    /// callbacks, every time while `waiting`), never passed on. (A `bool`:
    /// an import of JsValues alone would bypass the glue, see xtask/src/pkg.rs.)
    #[wasm_bindgen(js_name = callBack)]
    fn call_back(f: &Function, a: &JsValue, b: &JsValue, load: &JsValue, waiting: bool);
}

/// One call of a `Client` method, with its JS arguments.
enum Call {
    /// `listPhoneNumbers(query?)`.
    List(Option<Ts<ListQuery>>),
    /// `listAllPhoneNumbers(query?)`.
    ListAll(Option<Ts<ListQuery>>),
    /// `getPhoneNumber(id)`.
    Get(String),
    /// `waitForOnboarding(id)`.
    Wait(String),
}

/// Every method's work, one future type for all four: one state machine,
/// vtable and drop glue in the wasm instead of one per method.
async fn run(client: Client, call: Call, options: Option<Object>) -> Result<JsValue, Error> {
    let options = options_arg(options)?;
    let signal = signal_of(&options)?;
    match call {
        Call::List(query) => {
            let query = query_of(query)?;
            let page = client.list_phone_numbers(&query, signal.as_ref()).await?;
            Ok(to_js(&page)?.into())
        }
        Call::ListAll(query) => {
            let (query, wabas) = list_all_query_of(query)?;
            let client = match wabas {
                Some(ids) => client.with_waba_ids(ids)?,
                None => client,
            };
            let on_progress = callback_of(&options, "onProgress")?;
            let on_page = callback_of(&options, "onPage")?;
            // A callback that throws on every page is reported once a load:
            // the rows still land in the result, and one message says so.
            let load = JsValue::from(Object::new());
            let report = |rows: &[PhoneNumber], p: Progress| {
                if let (Some(f), Ok(p)) = (&on_progress, to_js_value(&p)) {
                    call_back(f, &p, &JsValue::UNDEFINED, &load, false);
                }
                if let Some(f) = &on_page {
                    if let (Ok(rows), Ok(p)) = (to_js_value(rows), to_js_value(&p)) {
                        call_back(f, &rows, &p, &load, false);
                    }
                }
            };
            let all = client.list_all(&query, &report, signal.as_ref()).await?;
            Ok(to_js(&all)?.into())
        }
        Call::Get(id) => {
            let number = client.get_phone_number(&id, signal.as_ref()).await?;
            Ok(to_js(&number)?.into())
        }
        Call::Wait(id) => {
            let interval_ms = millis_of(&options, "intervalMs", 5_000)?;
            let timeout_ms = millis_of(&options, "timeoutMs", 600_000)?;
            let on_update = callback_of(&options, "onUpdate")?;
            let report = |n: &PhoneNumber| {
                if let (Some(f), Ok(n)) = (&on_update, to_js_value(n)) {
                    call_back(f, &n, &JsValue::UNDEFINED, &JsValue::UNDEFINED, true);
                }
            };
            let number = client
                .wait_for_onboarding(&id, interval_ms, timeout_ms, &report, signal.as_ref())
                .await?;
            Ok(to_js(&number)?.into())
        }
    }
}

#[wasm_bindgen(js_class = Client)]
impl JsClient {
    /// Checks the configuration; throws `invalid_input` naming the wrong field.
    #[wasm_bindgen(constructor)]
    pub fn new(config: Ts<ClientConfig>) -> Result<JsClient, JsFailure> {
        let config = from_js(&config, "config")?;
        Ok(JsClient {
            client: Client::new(config)?,
        })
    }

    /// How many times, since this client was made, a provider asked it to
    /// wait (429, Meta's throttling codes) and it did: every call's, where
    /// `ListAll.throttled` counts those while one load ran.
    #[wasm_bindgen(getter)]
    pub fn throttled(&self) -> u32 {
        self.client.throttled()
    }

    /// One page (AntGst) or the whole list (LORA).
    #[wasm_bindgen(js_name = listPhoneNumbers, unchecked_return_type = "Promise<Page>")]
    pub fn list_phone_numbers(
        &self,
        query: Option<Ts<ListQuery>>,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        promise(run(self.client.clone(), Call::List(query), options))
    }

    /// Every number of the query, pages read concurrently, merged by id; for
    /// Meta, every WABA of `query.wabaId` (one or an array) or of the client.
    #[wasm_bindgen(js_name = listAllPhoneNumbers, unchecked_return_type = "Promise<ListAll>")]
    pub fn list_all_phone_numbers(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListAllQuery")] query: Option<Ts<ListQuery>>,
        #[wasm_bindgen(unchecked_param_type = "ListAllOptions")] options: Option<Object>,
    ) -> Promise {
        promise(run(self.client.clone(), Call::ListAll(query), options))
    }

    /// One number by id.
    #[wasm_bindgen(js_name = getPhoneNumber, unchecked_return_type = "Promise<PhoneNumber>")]
    pub fn get_phone_number(
        &self,
        // Named as the provider's field, which an error about it names too.
        #[wasm_bindgen(js_name = "phoneNumberId")] id: String,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        promise(run(self.client.clone(), Call::Get(id), options))
    }

    /// Polls while the number is onboarding; resolves with its final state.
    #[wasm_bindgen(js_name = waitForOnboarding, unchecked_return_type = "Promise<PhoneNumber>")]
    pub fn wait_for_onboarding(
        &self,
        #[wasm_bindgen(js_name = "phoneNumberId")] id: String,
        #[wasm_bindgen(unchecked_param_type = "WaitOptions")] options: Option<Object>,
    ) -> Promise {
        promise(run(self.client.clone(), Call::Wait(id), options))
    }
}
