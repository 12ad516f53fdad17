//! JSON text out: what crosses to JavaScript (one `JSON.parse` builds the plain
//! objects) and what the sandbox and the demo serve. Written by hand, so the
//! wasm carries one small writer instead of a serializer per type.

use super::push_u64;
use crate::error::ErrorInfo;
use crate::paging::{ListAll, Progress};
use crate::{
    Assignment, Health, HealthError, MessagingLimit, Page, PhoneNumber, Plan, Readiness, Reason,
};

/// A value that writes itself as JSON (the camelCase shapes of DESIGN.md).
pub trait ToJson {
    /// Appends this value's JSON to `w`.
    fn write_json(&self, w: &mut Writer);

    /// This value as JSON text.
    fn to_json(&self) -> String {
        let mut w = Writer::default();
        self.write_json(&mut w);
        w.finish()
    }
}

/// Appends JSON text. Objects are written with [`Writer::object`], whose
/// field methods leave out absent optional values, as the seeds show them.
#[derive(Default)]
pub struct Writer {
    out: String,
}

impl Writer {
    /// A writer with room for `bytes`.
    pub fn with_capacity(bytes: usize) -> Self {
        Writer {
            out: String::with_capacity(bytes),
        }
    }

    /// The text written.
    pub fn finish(self) -> String {
        self.out
    }

    /// Writes a string, escaped.
    pub fn string(&mut self, value: &str) {
        self.out.push('"');
        let bytes = value.as_bytes();
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let escape: &str = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0..=0x1f => "",
                _ => continue,
            };
            self.out.push_str(super::sub(value, start, i));
            if escape.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.out.push_str("\\u00");
                self.out.push(HEX[usize::from(b >> 4)] as char);
                self.out.push(HEX[usize::from(b & 15)] as char);
            } else {
                self.out.push_str(escape);
            }
            start = i + 1;
        }
        self.out.push_str(super::sub(value, start, value.len()));
        self.out.push('"');
    }

    /// Writes a string whose content is already JSON-escaped (a [`RawStr`]'s).
    ///
    /// [`RawStr`]: super::RawStr
    pub fn raw_string(&mut self, json_content: &str) {
        self.out.push('"');
        self.out.push_str(json_content);
        self.out.push('"');
    }

    /// Writes a whole number.
    pub fn unsigned(&mut self, value: u64) {
        push_u64(&mut self.out, value);
    }

    /// Writes a non-negative decimal with up to six fraction digits (send
    /// times), without float formatting code.
    pub fn decimal(&mut self, value: f64) {
        if !value.is_finite() || value <= 0.0 {
            self.out.push('0');
            return;
        }
        if value >= 1e12 {
            push_u64(&mut self.out, value as u64);
            return;
        }
        let micros = (value * 1e6 + 0.5) as u64;
        push_u64(&mut self.out, micros / 1_000_000);
        let mut fraction = micros % 1_000_000;
        if fraction > 0 {
            self.out.push('.');
            let mut scale = 100_000;
            while fraction > 0 {
                self.out.push((b'0' + (fraction / scale) as u8) as char);
                fraction %= scale;
                scale /= 10;
            }
        }
    }

    /// Writes `true` or `false`.
    pub fn boolean(&mut self, value: bool) {
        self.out.push_str(if value { "true" } else { "false" });
    }

    /// Writes `null`.
    pub fn null(&mut self) {
        self.out.push_str("null");
    }

    /// Writes an object whose fields `fields` adds.
    pub fn object(&mut self, fields: impl FnOnce(&mut Fields<'_>)) {
        self.out.push('{');
        let mut f = Fields {
            w: self,
            first: true,
        };
        fields(&mut f);
        self.out.push('}');
    }

    /// Starts an array written item by item ([`separator`](Self::separator)
    /// before each, [`end_array`](Self::end_array) after the last).
    pub fn begin_array(&mut self) {
        self.out.push('[');
    }

    /// The comma before every item but the first (`index` 0).
    pub fn separator(&mut self, index: usize) {
        if index > 0 {
            self.out.push(',');
        }
    }

    /// Ends an array begun with [`begin_array`](Self::begin_array).
    pub fn end_array(&mut self) {
        self.out.push(']');
    }

    /// Appends text that is already JSON.
    pub fn raw(&mut self, json: &str) {
        self.out.push_str(json);
    }

    /// Writes an array of `items`.
    pub fn array<T: ToJson>(&mut self, items: impl IntoIterator<Item = T>) {
        self.out.push('[');
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            item.write_json(self);
        }
        self.out.push(']');
    }
}

/// The fields of one object being written.
pub struct Fields<'w> {
    w: &'w mut Writer,
    first: bool,
}

impl Fields<'_> {
    /// Starts a field; `key` is a plain identifier (never escaped).
    pub fn key(&mut self, key: &str) -> &mut Writer {
        if !self.first {
            self.w.out.push(',');
        }
        self.first = false;
        self.w.out.push('"');
        self.w.out.push_str(key);
        self.w.out.push_str("\":");
        self.w
    }

    /// A string field.
    pub fn string(&mut self, key: &str, value: &str) {
        self.key(key).string(value);
    }

    /// A string field, left out when absent.
    pub fn opt_string(&mut self, key: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.string(key, value);
        }
    }

    /// A whole-number field.
    pub fn unsigned(&mut self, key: &str, value: u64) {
        self.key(key).unsigned(value);
    }

    /// A whole-number field, left out when absent.
    pub fn opt_unsigned(&mut self, key: &str, value: Option<u64>) {
        if let Some(value) = value {
            self.unsigned(key, value);
        }
    }

    /// A whole-number field written as `null` when absent.
    pub fn unsigned_or_null(&mut self, key: &str, value: Option<u64>) {
        match value {
            Some(value) => self.unsigned(key, value),
            None => self.key(key).null(),
        }
    }

    /// A boolean field.
    pub fn boolean(&mut self, key: &str, value: bool) {
        self.key(key).boolean(value);
    }

    /// A field holding any [`ToJson`] value.
    pub fn value(&mut self, key: &str, value: &impl ToJson) {
        value.write_json(self.key(key));
    }
}

impl<T: ToJson> ToJson for &T {
    fn write_json(&self, w: &mut Writer) {
        (*self).write_json(w);
    }
}

impl ToJson for String {
    fn write_json(&self, w: &mut Writer) {
        w.string(self);
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, w: &mut Writer) {
        w.array(self.iter());
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, w: &mut Writer) {
        w.array(self.iter());
    }
}

impl ToJson for MessagingLimit {
    fn write_json(&self, w: &mut Writer) {
        w.object(|f| {
            f.string("tier", &self.tier);
            f.unsigned_or_null("dailyLimit", self.daily_limit);
            f.boolean("unlimited", self.unlimited);
        });
    }
}

impl ToJson for PhoneNumber {
    fn write_json(&self, w: &mut Writer) {
        w.object(|f| {
            f.string("provider", self.provider.as_str());
            f.string("id", &self.id);
            f.string("phoneNumber", &self.phone_number);
            f.opt_string("displayName", self.display_name.as_deref());
            f.opt_string("verifiedName", self.verified_name.as_deref());
            f.opt_string("wabaId", self.waba_id.as_deref());
            f.string("status", self.status.as_str());
            f.opt_string("rawStatus", self.raw_status.as_deref());
            f.string("qualityRating", self.quality_rating.as_str());
            f.value("messagingLimit", &self.messaging_limit);
            f.opt_string("throughput", self.throughput.as_deref());
            f.opt_string(
                "codeVerificationStatus",
                self.code_verification_status.as_deref(),
            );
            f.opt_string("platform", self.platform.as_deref());
            f.opt_string("nameStatus", self.name_status.as_deref());
            f.opt_string("accountMode", self.account_mode.as_deref());
            f.opt_string("createdAt", self.created_at.as_deref());
            f.opt_string("updatedAt", self.updated_at.as_deref());
            f.opt_string("lastOnboardedAt", self.last_onboarded_at.as_deref());
            if let Some(health) = &self.health {
                f.value("health", health);
            }
        });
    }
}

impl ToJson for Health {
    fn write_json(&self, w: &mut Writer) {
        w.object(|f| {
            f.string("canSendMessage", &self.can_send_message);
            f.value("errors", &self.errors);
        });
    }
}

impl ToJson for HealthError {
    fn write_json(&self, w: &mut Writer) {
        w.object(|f| {
            f.opt_string("entityType", self.entity_type.as_deref());
            f.opt_unsigned("errorCode", self.error_code);
            f.opt_string("errorDescription", self.error_description.as_deref());
            f.opt_string("possibleSolution", self.possible_solution.as_deref());
        });
    }
}

impl ToJson for Page {
    fn write_json(&self, w: &mut Writer) {
        w.object(|f| {
            f.value("numbers", &self.numbers);
            f.unsigned("total", self.total);
            f.opt_unsigned("page", self.page.map(u64::from));
            f.opt_unsigned("pageSize", self.page_size.map(u64::from));
            f.opt_unsigned("pages", self.pages.map(u64::from));
            f.opt_string("nextCursor", self.next_cursor.as_deref());
        });
    }
}

impl ToJson for Reason {
    fn write_json(&self, w: &mut Writer) {
        w.object(|f| {
            f.string("code", &self.code);
            f.string("severity", self.severity.as_str());
            f.string("message", &self.message);
        });
    }
}

impl ToJson for Readiness {
    fn write_json(&self, w: &mut Writer) {
        w.object(|f| {
            f.boolean("ready", self.ready);
            f.string("action", self.action.as_str());
            f.value("reasons", &self.reasons);
            f.unsigned_or_null("dailyLimit", self.daily_limit);
            f.key("estimatedSendSeconds")
                .decimal(self.estimated_send_seconds);
        });
    }
}

impl ToJson for Assignment {
    fn write_json(&self, w: &mut Writer) {
        w.object(|f| {
            f.string("phoneNumberId", &self.phone_number_id);
            f.unsigned("recipients", self.recipients);
        });
    }
}

impl ToJson for Plan {
    fn write_json(&self, w: &mut Writer) {
        w.object(|f| {
            f.value("assignments", &self.assignments);
            f.unsigned("unassigned", self.unassigned);
        });
    }
}

impl ToJson for ListAll {
    fn write_json(&self, w: &mut Writer) {
        w.object(|f| {
            f.value("numbers", &self.numbers);
            f.unsigned("total", self.total);
            f.boolean("truncated", self.truncated);
            f.boolean("totalChanged", self.total_changed);
            f.unsigned("requests", u64::from(self.requests));
            f.unsigned("throttled", u64::from(self.throttled));
        });
    }
}

impl ToJson for Progress {
    fn write_json(&self, w: &mut Writer) {
        w.object(|f| {
            f.unsigned("loaded", self.loaded);
            f.unsigned("total", self.total);
            f.unsigned("requests", u64::from(self.requests));
            f.unsigned("throttled", u64::from(self.throttled));
        });
    }
}

impl ToJson for ErrorInfo {
    fn write_json(&self, w: &mut Writer) {
        w.object(|f| {
            f.string("kind", self.kind.as_str());
            f.string("message", &self.message);
            f.opt_unsigned("status", self.status.map(u64::from));
            f.opt_string("field", self.field.as_deref());
            f.opt_unsigned("retryAfterMs", self.retry_after_ms);
        });
    }
}
