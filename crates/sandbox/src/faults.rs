//! Fault injection: what can go wrong, when it fires, and the answer it gives.

use serde::Deserialize;

/// One kind of failure.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum FaultKind {
    /// 429 with `Retry-After` (seconds, or with `httpDate` as an HTTP-date) and
    /// the dialect's 429 body.
    RateLimit {
        #[serde(default = "one", rename = "retryAfter")]
        retry_after: u64,
        #[serde(default, rename = "httpDate")]
        http_date: bool,
    },
    /// Any status (500, 503, 400, ...) with the dialect's error body.
    Status { status: u16 },
    /// Headers then nothing: the connection drops before the body.
    Drop,
    /// Half the body, then the connection drops.
    Truncate,
    /// 200 with a body that is not JSON.
    Malformed,
    /// 200 with an HTML page (a captive portal or a misconfigured proxy).
    WrongContentType,
    /// The list's `total` grows by 7 on every call.
    ShiftingTotal,
    /// Meta: the list ignores `after` and answers its first page again, whose
    /// cursor the client has seen (a provider bug that must not loop a client).
    RepeatCursor,
}

fn one() -> u64 {
    1
}

/// A fault and when it fires: for the next `count` matching requests, or with
/// probability `rate`, or (neither given) always.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FaultRule {
    #[serde(flatten)]
    pub kind: FaultKind,
    #[serde(default)]
    pub count: Option<u32>,
    #[serde(default)]
    pub rate: Option<f64>,
    /// Only requests whose path and query contain this text.
    #[serde(default)]
    pub path: Option<String>,
}

impl FaultRule {
    /// Reads a command-line spec: `KIND[:RATE]`, KIND one of `429`, `500`, `503`
    /// (any status), `drop`, `truncate`, `malformed`, `wrong_content_type`,
    /// `shifting_total`, `repeat_cursor`.
    pub fn parse_flag(spec: &str) -> Result<FaultRule, String> {
        let (kind, rate) = match spec.split_once(':') {
            Some((k, r)) => (
                k,
                Some(
                    r.parse::<f64>()
                        .map_err(|_| format!("bad rate in {spec:?}"))?,
                ),
            ),
            None => (spec, None),
        };
        let kind = match kind {
            "429" | "rate_limit" => FaultKind::RateLimit {
                retry_after: 1,
                http_date: false,
            },
            "drop" => FaultKind::Drop,
            "truncate" => FaultKind::Truncate,
            "malformed" => FaultKind::Malformed,
            "wrong_content_type" => FaultKind::WrongContentType,
            "shifting_total" => FaultKind::ShiftingTotal,
            "repeat_cursor" => FaultKind::RepeatCursor,
            other => FaultKind::Status {
                status: other
                    .parse()
                    .map_err(|_| format!("unknown fault {other:?}"))?,
            },
        };
        Ok(FaultRule {
            kind,
            count: None,
            rate,
            path: None,
        })
    }

    /// Whether this rule fires for `path`, given a uniform `roll` in [0, 1);
    /// consumes one of `count`.
    pub fn fires(&mut self, path: &str, roll: f64) -> bool {
        if self.path.as_deref().is_some_and(|p| !path.contains(p)) {
            return false;
        }
        if let Some(count) = &mut self.count {
            if *count == 0 {
                return false;
            }
            *count -= 1;
            return true;
        }
        self.rate.is_none_or(|rate| roll < rate)
    }
}
