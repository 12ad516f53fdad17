//! The built-in demo account, answered in memory by the core's provider
//! stand-in through the same client as a live provider: the static build works
//! on any host with no backend.

use futures_util::future::LocalBoxFuture;
use std::sync::Arc;

use wa_numbers::{HttpAnswer, HttpCall, Transport};
use wa_numbers_core::demo::{account, after_onboarding};
use wa_numbers_core::fake::answer_antgst_list;
use wa_numbers_core::provider::antgst::LIST_PATH;
use wa_numbers_core::{Error, PhoneNumber};

/// The base URL that means "the demo account".
pub const DEMO_BASE_URL: &str = "/__demo__";
/// Generated numbers on top of the seeds' four.
pub const DEMO_SIZE: usize = 5_000;
/// After this long, the seed's PENDING number finishes onboarding.
pub const DEMO_ONBOARDING_MS: f64 = 12_000.0;

/// Answers requests from the demo account in AntGst's dialect (its list carries
/// WABA, throughput and times; a number's detail is found through the list).
pub struct DemoTransport {
    numbers: Arc<Vec<PhoneNumber>>,
    started: f64,
}

impl DemoTransport {
    /// A demo account whose onboarding clock starts now.
    pub fn new() -> DemoTransport {
        DemoTransport {
            numbers: Arc::new(account(DEMO_SIZE, 7)),
            started: js_sys::Date::now(),
        }
    }
}

impl Default for DemoTransport {
    fn default() -> Self {
        Self::new()
    }
}

impl Transport for DemoTransport {
    fn send<'a>(&'a self, call: HttpCall<'a>) -> LocalBoxFuture<'a, Result<HttpAnswer, Error>> {
        Box::pin(async move {
            let path_and_query = call.url.strip_prefix(DEMO_BASE_URL).unwrap_or(&call.url);
            let (path, query) = path_and_query
                .split_once('?')
                .unwrap_or((path_and_query, ""));
            // The demo account speaks AntGst's list alone (a number's detail is
            // found through it): no other dialect's writer ships in the dashboard.
            if path != LIST_PATH {
                return Ok(HttpAnswer {
                    status: 404,
                    retry_after: None,
                    wait_header: None,
                    content_type: None,
                    body: String::new(),
                });
            }
            let onboarded = js_sys::Date::now() - self.started >= DEMO_ONBOARDING_MS;
            let current = |n: &PhoneNumber| after_onboarding(n, onboarded, || None);
            let reply = answer_antgst_list(query, &self.numbers, &current, 0);
            Ok(HttpAnswer {
                status: reply.status,
                retry_after: None,
                wait_header: None,
                content_type: Some("application/json".to_owned()),
                body: reply.body,
            })
        })
    }
}
