//! Sending one HTTP GET. [`FetchTransport`] uses the global `fetch`, so the same
//! code runs in a page, a Web Worker and Node 20+. Other transports (the
//! dashboard's offline demo) implement [`Transport`] and go through the same
//! client logic.

use futures_util::future::LocalBoxFuture;
use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Headers, Request, RequestInit, RequestMode, Response};

use crate::error::Error;

/// One GET to send.
pub struct HttpCall<'a> {
    /// The full URL (never contains the credential).
    pub url: String,
    /// Headers, the credential's among them.
    pub headers: Vec<(&'static str, String)>,
    /// Aborts the request (the caller's signal joined with the call's deadline).
    pub signal: &'a AbortSignal,
    /// A response header (besides `Retry-After`) that says how long to wait
    /// when throttled: Meta's `X-Business-Use-Case-Usage`.
    pub wait_header: Option<&'static str>,
}

/// What came back.
pub struct HttpAnswer {
    pub status: u16,
    pub retry_after: Option<String>,
    /// The value of the call's `wait_header`, when the answer had it.
    pub wait_header: Option<String>,
    pub content_type: Option<String>,
    pub body: String,
}

/// Something that can answer an [`HttpCall`]. Errors are `network` (the
/// client turns an aborted signal into `aborted` or `timeout` itself).
pub trait Transport {
    fn send<'a>(&'a self, call: HttpCall<'a>) -> LocalBoxFuture<'a, Result<HttpAnswer, Error>>;
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(request: &Request) -> Promise;
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue);
    #[wasm_bindgen(js_namespace = AbortSignal, js_name = any)]
    fn abort_signal_any(signals: &js_sys::Array) -> AbortSignal;
    #[wasm_bindgen(js_namespace = AbortSignal, js_name = timeout)]
    fn abort_signal_timeout(ms: f64) -> AbortSignal;
}

/// The browser's (or Node's, or a worker's) `fetch`.
#[derive(Debug, Default, Clone, Copy)]
pub struct FetchTransport;

fn js_message(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "request failed".to_owned())
}

impl Transport for FetchTransport {
    fn send<'a>(&'a self, call: HttpCall<'a>) -> LocalBoxFuture<'a, Result<HttpAnswer, Error>> {
        Box::pin(async move {
            let network = |e: JsValue| {
                Error::Network {
                message: [
                    &js_message(&e),
                    " (offline, DNS, refused connection, or a CORS refusal: see README, \"Browsers and CORS\")",
                ]
                .concat(),
            }
            };
            let headers = Headers::new().map_err(network)?;
            for (name, value) in &call.headers {
                headers.set(name, value).map_err(network)?;
            }
            let init = RequestInit::new();
            init.set_method("GET");
            init.set_headers(&headers);
            init.set_mode(RequestMode::Cors);
            init.set_signal(Some(call.signal));
            let request = Request::new_with_str_and_init(&call.url, &init)
                .map_err(|e| Error::invalid_input("baseUrl", js_message(&e)))?;
            let response: Response = JsFuture::from(global_fetch(&request))
                .await
                .map_err(network)?
                .unchecked_into();
            let header = |name: &str| response.headers().get(name).ok().flatten();
            let (retry_after, content_type) = (header("retry-after"), header("content-type"));
            let wait_header = call.wait_header.and_then(header);
            let text = response.text().map_err(network)?;
            // A page of a hundred numbers is tens of KB: one native copy.
            let body = crate::convert::js_string(&JsFuture::from(text).await.map_err(network)?)
                .unwrap_or_default();
            Ok(HttpAnswer {
                status: response.status(),
                retry_after,
                wait_header,
                content_type,
                body,
            })
        })
    }
}

/// The caller's signal joined with a deadline of `ms`: (joined, deadline).
pub fn call_signal(external: Option<&AbortSignal>, ms: u32) -> (AbortSignal, AbortSignal) {
    let deadline = abort_signal_timeout(f64::from(ms));
    let all = js_sys::Array::of1(&deadline);
    if let Some(external) = external {
        all.push(external);
    }
    (abort_signal_any(&all), deadline)
}

/// A pending `setTimeout` and the abort listener that ends it early; both are
/// undone when this is dropped: when the wait ends either way, or when the
/// waiting future is dropped. A listener left on the signal after the timer
/// fired stayed there for the signal's life (a call that waited for its rate
/// many times piled them up: Node warned of a leak past ten). The timer and
/// the listener are the promise's own `resolve` and `reject`: no Rust
/// closure is handed to JS (two closures' glue was 1 KB of wasm).
struct Timer<'a> {
    signal: &'a AbortSignal,
    handle: JsValue,
    on_abort: Function,
}

impl Drop for Timer<'_> {
    fn drop(&mut self) {
        clear_timeout(&self.handle);
        let _ = self
            .signal
            .remove_event_listener_with_callback("abort", &self.on_abort);
    }
}

/// Waits `ms`, or less when `signal` aborts (then `Err(())`).
pub async fn sleep(ms: u32, signal: &AbortSignal) -> Result<(), ()> {
    if signal.aborted() {
        return Err(());
    }
    let mut ends = None;
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        ends = Some((resolve, reject));
    });
    let (resolve, reject) = ends.ok_or(())?;
    // `setTimeout` calls `resolve()`; the abort event calls `reject(event)`.
    let handle = set_timeout(&resolve, f64::from(ms));
    let _ = signal.add_event_listener_with_callback("abort", &reject);
    let _timer = Timer {
        signal,
        handle,
        on_abort: reject,
    };
    JsFuture::from(promise).await.map(|_| ()).map_err(|_| ())
}
