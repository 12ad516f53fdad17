//! The view in the query string, so a view can be shared: filters, sort, the
//! selected number and the campaign. Never the credential.

use wa_numbers_core::{LimitScope, QualityRating, Status};

/// Columns the table can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Number,
    Name,
    Waba,
    Status,
    Quality,
    Limit,
    Throughput,
    Updated,
}

impl SortKey {
    /// Every column, in table order.
    pub const ALL: [SortKey; 8] = [
        SortKey::Number,
        SortKey::Name,
        SortKey::Waba,
        SortKey::Status,
        SortKey::Quality,
        SortKey::Limit,
        SortKey::Throughput,
        SortKey::Updated,
    ];

    /// The URL word.
    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Number => "number",
            SortKey::Name => "name",
            SortKey::Waba => "waba",
            SortKey::Status => "status",
            SortKey::Quality => "quality",
            SortKey::Limit => "limit",
            SortKey::Throughput => "throughput",
            SortKey::Updated => "updated",
        }
    }

    /// The column heading in `t`'s language.
    pub fn label(self, t: &'static crate::i18n::Texts) -> &'static str {
        match self {
            SortKey::Number => t.col_number,
            SortKey::Name => t.col_name,
            SortKey::Waba => t.col_waba,
            SortKey::Status => t.col_status,
            SortKey::Quality => t.col_quality,
            SortKey::Limit => t.col_limit,
            SortKey::Throughput => t.col_throughput,
            SortKey::Updated => t.col_updated,
        }
    }

    fn parse(word: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.as_str() == word)
    }
}

/// Everything about the view that a shared link carries.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewState {
    pub demo: bool,
    pub status: Option<Status>,
    pub quality: Option<QualityRating>,
    pub waba: Option<String>,
    pub text: String,
    pub sort: SortKey,
    pub descending: bool,
    pub selected: Option<String>,
    pub recipients: u64,
    pub min_quality: QualityRating,
    pub limit_scope: LimitScope,
    /// The plan spreads over the numbers the filters show only (`?only=1`):
    /// part of the question, so a shared link asks the same one.
    pub only_shown: bool,
    /// The language, when it is not the browser's own.
    pub lang: Option<crate::i18n::Lang>,
}

impl Default for ViewState {
    fn default() -> Self {
        ViewState {
            demo: false,
            status: None,
            quality: None,
            waba: None,
            text: String::new(),
            sort: SortKey::Number,
            descending: false,
            selected: None,
            recipients: 5_000,
            min_quality: QualityRating::Green,
            limit_scope: LimitScope::Number,
            only_shown: false,
            lang: None,
        }
    }
}

fn status_word(s: &str) -> Option<Status> {
    Status::ALL.into_iter().find(|x| x.as_str() == s)
}

impl ViewState {
    /// Reads a query string (`?status=CONNECTED&q=shop`); unknown or bad values
    /// fall back to the defaults rather than failing the page.
    pub fn from_query(query: &str) -> ViewState {
        let mut v = ViewState::default();
        let query = query.trim_start_matches('?');
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
            let value = wa_numbers_core::fake::percent_decode(&raw.replace('+', " "));
            match key {
                "demo" => v.demo = value == "1",
                "status" => v.status = status_word(&value),
                "quality" => v.quality = QualityRating::parse(&value),
                "waba" if !value.is_empty() => v.waba = Some(value),
                "q" => v.text = value,
                "sort" => v.sort = SortKey::parse(&value).unwrap_or_default(),
                "dir" => v.descending = value == "desc",
                "id" if !value.is_empty() => v.selected = Some(value),
                "recipients" => v.recipients = value.parse().unwrap_or(v.recipients),
                "minq" => v.min_quality = QualityRating::parse(&value).unwrap_or(v.min_quality),
                "lang" => v.lang = crate::i18n::Lang::parse(&value),
                "only" => v.only_shown = value == "1",
                "scope" => {
                    v.limit_scope = if value == "waba" {
                        LimitScope::Waba
                    } else {
                        LimitScope::Number
                    }
                }
                _ => {}
            }
        }
        v
    }

    /// The query string for this view (defaults left out), starting with `?`
    /// or empty.
    pub fn to_query(&self) -> String {
        self.to_query_after(Vec::new())
    }

    /// As [`to_query`](Self::to_query), after `first` (where the numbers
    /// come from, which fills the connect form of whoever opens the link).
    pub fn to_query_after(&self, first: Vec<(&str, String)>) -> String {
        let d = ViewState::default();
        let mut parts = first;
        if self.demo {
            parts.push(("demo", "1".into()));
        }
        if let Some(s) = self.status {
            parts.push(("status", s.as_str().into()));
        }
        if let Some(q) = self.quality {
            parts.push(("quality", q.as_str().into()));
        }
        if let Some(w) = &self.waba {
            parts.push(("waba", w.clone()));
        }
        if !self.text.is_empty() {
            parts.push(("q", self.text.clone()));
        }
        if self.sort != d.sort {
            parts.push(("sort", self.sort.as_str().into()));
        }
        if self.descending {
            parts.push(("dir", "desc".into()));
        }
        if let Some(id) = &self.selected {
            parts.push(("id", id.clone()));
        }
        if self.recipients != d.recipients {
            parts.push(("recipients", self.recipients.to_string()));
        }
        if self.min_quality != d.min_quality {
            parts.push(("minq", self.min_quality.as_str().into()));
        }
        if self.limit_scope == LimitScope::Waba {
            parts.push(("scope", "waba".into()));
        }
        if self.only_shown {
            parts.push(("only", "1".into()));
        }
        if let Some(lang) = self.lang {
            parts.push(("lang", lang.tag().into()));
        }
        if parts.is_empty() {
            return String::new();
        }
        let encoded: Vec<String> = parts
            .into_iter()
            .map(|(k, v)| format!("{k}={}", wa_numbers_core::provider::percent_encode(&v)))
            .collect();
        format!("?{}", encoded.join("&"))
    }
}
