//! The client: requests built by the core's provider dialects, sent through a
//! [`Transport`], retried with capped exponential backoff and jitter, bounded by
//! one deadline per call and the caller's AbortSignal.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;

use web_sys::AbortSignal;

use crate::config::{ClientConfig, Settings};
use crate::error::Error;
use crate::limiter::{fingerprint, Window};
use crate::transport::{call_signal, sleep, FetchTransport, HttpAnswer, HttpCall, Transport};
use wa_numbers_core::{ErrorKind, HttpRequest, ListQuery, Page, PhoneNumber, Provider};

/// First retry waits about this long; each next one twice as long.
const BACKOFF_BASE_MS: f64 = 250.0;
/// No single wait is longer than this, unless the provider asks for it.
const BACKOFF_CAP_MS: f64 = 8_000.0;

/// A `Retry-After` given as an HTTP-date (`Wed, 21 Oct 2015 07:28:00 GMT`) is
/// read with the JS Date parser (the core reads only seconds, having no clock).
fn with_http_date_wait(mut error: Error, header: Option<&str>) -> Error {
    // Patched in place: the error is not rebuilt (moved field by field).
    if let (
        Error::RateLimited {
            retry_after_ms: wait @ None,
            ..
        },
        Some(date),
    ) = (&mut error, header)
    {
        let at = js_sys::Date::parse(date);
        *wait = at
            .is_finite()
            .then(|| (at - js_sys::Date::now()).clamp(0.0, 86_400_000.0) as u64);
    }
    error
}

/// A request the rate window counts as in flight, until its answer comes back
/// or the call is dropped (cancelled) on the way.
struct InFlight<'a>(&'a RefCell<Window>);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.borrow_mut().answered(js_sys::Date::now());
    }
}

/// A 2xx answer's body and content type.
pub(crate) struct Answer {
    pub body: String,
    pub content_type: Option<String>,
}

/// A provider API client. Cheap to clone; every call is independent.
#[derive(Clone)]
pub struct Client {
    settings: Rc<Settings>,
    transport: Rc<dyn Transport>,
    /// Waits the provider asked for so far (shared by clones: one account).
    throttled: Rc<Cell<u32>>,
    /// The WABA each number looked up through the list (AntGst) was found
    /// in, shared by clones: the next look at it reads that WABA's pages
    /// only. A watched onboarding looks every few seconds; each look read
    /// the whole account (250 requests at 25,000 numbers).
    found_in: Rc<RefCell<Vec<(String, String)>>>,
}

/// How many numbers' WABAs a client remembers (a page watches a few); past
/// it, it starts over. Few enough to search one by one.
const FOUND_IN_KEPT: usize = 64;

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client that sends with `fetch`.
    pub fn new(config: ClientConfig) -> Result<Client, Error> {
        Client::with_transport(config, Rc::new(FetchTransport))
    }

    /// A client over any transport (the dashboard's demo data uses this).
    pub fn with_transport(
        config: ClientConfig,
        transport: Rc<dyn Transport>,
    ) -> Result<Client, Error> {
        Ok(Client {
            settings: Rc::new(config.validate()?),
            transport,
            throttled: Rc::default(),
            found_in: Rc::default(),
        })
    }

    /// The provider this client speaks to.
    pub fn provider(&self) -> Provider {
        self.settings.provider
    }

    /// How many times, since this client was made, the provider asked it to
    /// wait (429, Meta's throttling codes) and it did.
    pub fn throttled(&self) -> u32 {
        self.throttled.get()
    }

    /// Pages read at once by `list_all`.
    pub fn concurrency(&self) -> u32 {
        self.settings.concurrency
    }

    /// The WABAs listed when a query names none (Meta's `wabaId` option).
    pub fn waba_ids(&self) -> &[String] {
        &self.settings.waba_ids
    }

    /// The same client listing other WABAs (`listAllPhoneNumbers({ wabaId: [...] })`).
    pub fn with_waba_ids(&self, ids: Vec<String>) -> Result<Client, Error> {
        let mut settings = (*self.settings).clone();
        settings.waba_ids = crate::config::waba_ids(settings.provider, ids)?;
        Ok(Client {
            settings: Rc::new(settings),
            transport: self.transport.clone(),
            throttled: self.throttled.clone(),
            found_in: self.found_in.clone(),
        })
    }

    /// One page (AntGst, Meta) or the whole list (LORA), validated before sending.
    ///
    /// (A plain fn handing back [`Client::list_page`]'s future, which owns
    /// its query: `list_all` keeps that future as it is, with no state
    /// machine of its own around it.)
    pub fn list_phone_numbers<'a>(
        &'a self,
        query: &ListQuery,
        signal: Option<&'a AbortSignal>,
    ) -> impl Future<Output = Result<Page, Error>> + 'a {
        self.list_page(query.clone(), signal)
    }

    /// [`Client::list_phone_numbers`] of a query it owns.
    pub(crate) async fn list_page(
        &self,
        query: ListQuery,
        signal: Option<&AbortSignal>,
    ) -> Result<Page, Error> {
        let query = self.with_client_waba(query)?;
        let request = self.settings.provider.list_request(&query)?;
        let answer = self
            .get(&request, signal)
            .await
            .map_err(|error| self.settings.provider.list_error_for(&query, error))?;
        self.parse(answer, |body| {
            self.settings.provider.parse_list_for(&query, body)
        })
    }

    /// A Meta query that names no WABA lists the client's one WABA; with
    /// several, the caller must say which (listAll reads them all).
    fn with_client_waba(&self, mut query: ListQuery) -> Result<ListQuery, Error> {
        if query.waba_id.is_none() {
            match self.settings.waba_ids.as_slice() {
                [one] => query.waba_id = Some(one.clone()),
                [] => {}
                _ => {
                    return Err(Error::invalid_input(
                        "query.wabaId",
                        "the client lists several WABAs: name one in the query",
                    ))
                }
            }
        }
        Ok(query)
    }

    /// One number: LORA's detail endpoint; AntGst has none, so its list is read.
    pub async fn get_phone_number(
        &self,
        id: &str,
        signal: Option<&AbortSignal>,
    ) -> Result<PhoneNumber, Error> {
        match self.settings.provider.detail_request(id)? {
            Some(request) => {
                let answer = self.get(&request, signal).await?;
                self.parse(answer, |body| self.settings.provider.parse_detail(body))
            }
            None => {
                // Where it was found before first: its WABA's pages only;
                // then, if it moved, the whole list (one await: one copy of
                // the listing's future in this one).
                let known = self
                    .found_in
                    .borrow()
                    .iter()
                    .find(|(number, _)| number == id)
                    .map(|(_, waba)| waba.clone());
                let mut query = ListQuery {
                    waba_id: known,
                    ..ListQuery::default()
                };
                loop {
                    let narrowed = query.waba_id.is_some();
                    // Looked for in each page as it comes: a page of the
                    // list failing elsewhere does not lose a number already
                    // read (a watch on AntGst died of any flaky page).
                    // The rows given, not lent: the one wanted is kept, not
                    // copied, and the others are not kept at all.
                    let seen = RefCell::new(None::<PhoneNumber>);
                    let look = |rows: Vec<PhoneNumber>, _| {
                        if let Some(n) = rows.into_iter().find(|n| n.id == id) {
                            seen.replace(Some(n));
                        }
                    };
                    let listed = self
                        .list_all_to(&query, crate::listing::Pages::Given(&look), signal)
                        .await;
                    let found = match (listed, seen.into_inner()) {
                        (Err(error), _) if error.kind() == ErrorKind::Aborted => return Err(error),
                        (_, Some(found)) => Some(found),
                        (Err(error), None) => return Err(error),
                        (Ok(_), None) => None,
                    };
                    if let Some(found) = found {
                        if let (false, Some(waba)) = (narrowed, &found.waba_id) {
                            let mut found_in = self.found_in.borrow_mut();
                            if found_in.len() >= FOUND_IN_KEPT {
                                found_in.clear();
                            }
                            found_in.push((id.to_owned(), waba.clone()));
                        }
                        return Ok(found);
                    }
                    if !narrowed {
                        return Err(Error::NotFound {
                            status: 404,
                            message: ["no number with id \"", id, "\" in the account's list"]
                                .concat(),
                            field: Some("phoneNumberId".to_owned()),
                            waba_id: None,
                        });
                    }
                    query = ListQuery::default();
                }
            }
        }
    }

    /// Parses a 2xx body; a failure says which content type came back when it
    /// was not JSON (an HTML login page from a proxy, say).
    fn parse<T>(
        &self,
        answer: Answer,
        parse: impl FnOnce(&str) -> Result<T, Error>,
    ) -> Result<T, Error> {
        parse(&answer.body).map_err(|error| self.parse_failed(error, answer.content_type))
    }

    /// [`Client::parse`]'s error, apart: not generic, so one copy in the wasm
    /// serves every type parsed.
    fn parse_failed(&self, mut error: Error, content_type: Option<String>) -> Error {
        // Patched in place, not rebuilt: the message says what came instead.
        if let (Error::InvalidResponse { message, .. }, Some(ct)) = (&mut error, &content_type) {
            if !ct
                .as_bytes()
                .windows(4)
                .any(|w| w.eq_ignore_ascii_case(b"json"))
            {
                *message = [message.as_str(), "; the answer was ", ct, ", not JSON"].concat();
            }
        }
        self.clean(error.with_status(200))
    }

    /// Removes the credential from anything that goes back to the caller.
    pub(crate) fn clean(&self, error: Error) -> Error {
        match &self.settings.credential {
            Some(secret) => error.redacted(secret.expose()),
            None => error,
        }
    }

    /// GETs `request` with retries; the body of the 2xx answer.
    ///
    /// Only the waits and the sending are in this future; what to do with
    /// each answer is decided by [`Tries`], outside it, in one place. (It
    /// was also meant to shrink the state machine; binaryen inlines the
    /// pieces back, and the package's wasm lost 55 B gzip only.)
    pub(crate) async fn get(
        &self,
        request: &HttpRequest,
        signal: Option<&AbortSignal>,
    ) -> Result<Answer, Error> {
        let (joined, deadline) = call_signal(signal, self.settings.timeout_ms);
        let mut tries = Tries {
            client: self,
            signal,
            deadline,
            started: js_sys::Date::now(),
            attempt: 0,
            waits: 0,
            last_throttle: None,
        };
        let (url, headers, window) = self.request_parts(request);
        loop {
            if let Some(stop) = tries.ended() {
                return Err(self.clean(stop));
            }
            // Inside the provider's documented rate (and its word on its
            // budget) before asking, not after a 429.
            loop {
                let wait = window
                    .borrow_mut()
                    .admit(js_sys::Date::now(), self.settings.rate_limit);
                if wait <= 0.0 {
                    break;
                }
                if sleep(wait.ceil() as u32, &joined).await.is_err() {
                    return Err(tries.cancelled("cancelled while waiting for the provider's rate"));
                }
            }
            let call = HttpCall {
                url: url.clone(),
                headers: headers.clone(),
                signal: &joined,
                wait_header: self.settings.provider.wait_header(),
            };
            let sent = InFlight(&window);
            let answer = self.transport.send(call).await;
            drop(sent);
            match tries.judge(answer, &window) {
                Next::Done(done) => return done,
                Next::Wait(ms) => {
                    if sleep(ms, &joined).await.is_err() {
                        return Err(tries.cancelled("cancelled while waiting to retry"));
                    }
                }
            }
        }
    }

    /// The URL, the headers and the rate window of a request.
    #[inline(never)]
    fn request_parts(&self, request: &HttpRequest) -> (String, Headers, Rc<RefCell<Window>>) {
        let settings = &self.settings;
        let mut headers = vec![("Accept", "application/json".to_owned())];
        if let Some(secret) = &settings.credential {
            headers.push(settings.provider.auth().header(secret.expose()));
        }
        // One window per provider, base URL and key: the documented rate, and
        // the provider's own word on how much of its budget is used.
        let window = crate::limiter::window(
            [
                settings.provider.as_str(),
                " ",
                &settings.base_url,
                " ",
                &wa_numbers_core::json::u64_text(
                    settings
                        .credential
                        .as_ref()
                        .map_or(0, |s| fingerprint(s.expose())),
                ),
            ]
            .concat(),
        );
        (request.url(&settings.base_url), headers, window)
    }
}

/// A request's headers, the credential's among them.
type Headers = Vec<(&'static str, String)>;

/// After an answer: the call's result, or how long to wait before asking again.
enum Next {
    Done(Result<Answer, Error>),
    Wait(u32),
}

/// One call's attempts: its deadline, its retries and waits so far.
struct Tries<'c> {
    client: &'c Client,
    signal: Option<&'c AbortSignal>,
    deadline: AbortSignal,
    started: f64,
    attempt: u32,
    waits: u32,
    /// The provider's last answer asking to wait, while it is the latest.
    last_throttle: Option<Error>,
}

impl Tries<'_> {
    /// Why the call must end now, if it must: the caller cancelled, or the
    /// deadline passed. A call that runs out of time while waiting out a
    /// provider that asked to wait ends with that answer (rate_limited, and
    /// how long), not a bare timeout that hides why.
    #[inline(never)]
    fn ended(&self) -> Option<Error> {
        if self.signal.is_some_and(AbortSignal::aborted) {
            Some(Error::Aborted {
                message: "the caller cancelled the request".to_owned(),
            })
        } else if self.deadline.aborted() {
            Some(self.last_throttle.clone().unwrap_or(Error::Timeout {
                ms: u64::from(self.client.settings.timeout_ms),
            }))
        } else {
            None
        }
    }

    /// A wait cut short: why, cleaned of the credential.
    #[inline(never)]
    fn cancelled(&self, message: &'static str) -> Error {
        self.client.clean(self.ended().unwrap_or(Error::Aborted {
            message: message.to_owned(),
        }))
    }

    /// Decides what an answer means for the call.
    #[inline(never)]
    fn judge(&mut self, answer: Result<HttpAnswer, Error>, window: &RefCell<Window>) -> Next {
        let settings = &self.client.settings;
        if let Some(percent) = answer
            .as_ref()
            .ok()
            .and_then(|a| a.wait_header.as_deref())
            .and_then(|h| settings.provider.usage_percent(h))
        {
            window.borrow_mut().used(js_sys::Date::now(), percent);
        }
        let error = match answer {
            Ok(answer) if (200..300).contains(&answer.status) => {
                return Next::Done(Ok(Answer {
                    body: answer.body,
                    content_type: answer.content_type,
                }))
            }
            Ok(answer) => with_http_date_wait(
                settings.provider.parse_error_waiting(
                    answer.status,
                    answer.retry_after.as_deref(),
                    answer.wait_header.as_deref(),
                    &answer.body,
                ),
                answer.retry_after.as_deref(),
            ),
            Err(error) => self.ended().unwrap_or(error),
        };
        // A provider that asks to wait is not failing: its answers are
        // waited out until the call's deadline, and do not use up `retries`,
        // which counts real failures (network, 5xx).
        let throttled = error.kind() == ErrorKind::RateLimited;
        if !error.is_retryable() || (!throttled && self.attempt >= settings.retries) {
            return Next::Done(Err(self.client.clean(error)));
        }
        let step = if throttled { self.waits } else { self.attempt };
        let backoff = (BACKOFF_BASE_MS * 2f64.powi(step.min(16) as i32)).min(BACKOFF_CAP_MS);
        // Full jitter, but never sooner than the provider asked; and never
        // sooner than the jitter either: a provider answering `Retry-After: 0`
        // (or an HTTP-date already past, a clock behind ours) was asked again
        // at once, 1,674 requests in 3 s.
        let jitter = js_sys::Math::random() * backoff;
        let wait = error
            .retry_after_ms()
            .map_or(jitter, |ms| (ms as f64).max(jitter));
        let left = f64::from(settings.timeout_ms) - (js_sys::Date::now() - self.started);
        if wait >= left {
            return Next::Done(Err(self.client.clean(error)));
        }
        // Counted now: a wait cut short ends the call, so nothing reads them.
        if throttled {
            self.client
                .throttled
                .set(self.client.throttled.get().saturating_add(1));
            self.last_throttle = Some(error);
            self.waits += 1;
        } else {
            self.last_throttle = None;
            self.attempt += 1;
        }
        Next::Wait(wait as u32)
    }
}
