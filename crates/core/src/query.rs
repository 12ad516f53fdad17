//! What a caller may ask of a list endpoint, validated before anything is sent.

use serde::{Deserialize, Serialize};

use crate::json::u64_text;
use crate::{Error, QualityRating};

/// The largest `pageNo` and `pageSize` AntGst accepts (its documented bounds).
pub const MAX_PAGE_NO: u32 = 100;
/// The largest page size any provider accepts.
pub const MAX_PAGE_SIZE: u32 = 100;
/// Ids and filters longer than this are refused before sending.
const MAX_ID_LEN: usize = 256; // the error message below says so

/// Filters and paging of a list call. Every field is optional.
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListQuery {
    /// Page to read, 1..=100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_no: Option<u32>,
    /// Rows per page, 1..=100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<u32>,
    /// Only numbers of this WhatsApp Business Account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waba_id: Option<String>,
    /// Only numbers of this rating: GREEN, YELLOW, RED or UNKNOWN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional, type = "QualityRating"))]
    pub quality_rating: Option<String>,
    /// Cursor paging (Meta): the page after this cursor (a page's `nextCursor`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

impl ListQuery {
    /// Checks every field against the documented bounds; the error names the field.
    pub fn validate(&self) -> Result<(), Error> {
        check_range("query.pageNo", self.page_no, MAX_PAGE_NO)?;
        check_range("query.pageSize", self.page_size, MAX_PAGE_SIZE)?;
        if let Some(waba_id) = &self.waba_id {
            validate_id("query.wabaId", waba_id)?;
        }
        if let Some(after) = &self.after {
            validate_id("query.after", after)?;
        }
        self.quality_filter()?;
        Ok(())
    }

    /// The quality filter, read as a rating (any case accepted).
    pub fn quality_filter(&self) -> Result<Option<QualityRating>, Error> {
        self.quality_rating
            .as_deref()
            .map(|value| {
                QualityRating::parse(value).ok_or_else(|| {
                    Error::invalid_input(
                        "query.qualityRating",
                        [
                            "\"",
                            crate::text::first_chars(value, 40),
                            "\" is not one of GREEN, YELLOW, RED, UNKNOWN",
                        ]
                        .concat(),
                    )
                })
            })
            .transpose()
    }
}

fn check_range(field: &str, value: Option<u32>, max: u32) -> Result<(), Error> {
    match value {
        Some(v) if !(1..=max).contains(&v) => Err(Error::invalid_input(
            field,
            [
                "must be between 1 and ",
                &u64_text(u64::from(max)),
                ", got ",
                &u64_text(u64::from(v)),
            ]
            .concat(),
        )),
        _ => Ok(()),
    }
}

/// An id (or WABA id) must be non-blank, at most 256 characters, free of
/// control characters and not a path step ("." or ".."); it is
/// percent-encoded when it goes into a path.
pub fn validate_id(field: &str, id: &str) -> Result<(), Error> {
    // One pass over the characters for the three checks (three passes, one
    // of them `trim`, were twice the wasm); the first failing check, in
    // this order, is the one reported.
    let (mut blank, mut count, mut control) = (true, 0usize, false);
    for c in id.chars() {
        blank &= c.is_whitespace();
        count += 1;
        control |= c.is_control();
        if count > MAX_ID_LEN && !blank {
            // Too long whatever follows: a huge id is not read to its end.
            break;
        }
    }
    if blank {
        return Err(Error::invalid_input(field, "must not be empty"));
    }
    if count > MAX_ID_LEN {
        return Err(Error::invalid_input(field, "longer than 256 characters"));
    }
    if control {
        return Err(Error::invalid_input(field, "contains control characters"));
    }
    // A phone number id or a Meta WABA id is one segment of a path; "." and
    // ".." (encoded or not: URL parsers read %2E as a dot too) would step to
    // another endpoint of the host, the credential with them. Trimmed, as
    // WABA ids are before they are used.
    if matches!(id.trim(), "." | "..") {
        return Err(Error::invalid_input(
            field,
            "cannot be \".\" or \"..\" (a URL reads them as path steps)",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_are_checked_and_named() {
        for (query, field) in [
            (
                ListQuery {
                    page_no: Some(0),
                    ..Default::default()
                },
                "query.pageNo",
            ),
            (
                ListQuery {
                    page_no: Some(101),
                    ..Default::default()
                },
                "query.pageNo",
            ),
            (
                ListQuery {
                    page_size: Some(0),
                    ..Default::default()
                },
                "query.pageSize",
            ),
            (
                ListQuery {
                    page_size: Some(101),
                    ..Default::default()
                },
                "query.pageSize",
            ),
            (
                ListQuery {
                    waba_id: Some(" ".into()),
                    ..Default::default()
                },
                "query.wabaId",
            ),
            (
                ListQuery {
                    quality_rating: Some("PURPLE".into()),
                    ..Default::default()
                },
                "query.qualityRating",
            ),
        ] {
            let err = query.validate().unwrap_err();
            assert_eq!(err.field(), Some(field), "{query:?}");
            assert_eq!(err.kind(), crate::ErrorKind::InvalidInput);
        }
        let ok = ListQuery {
            page_no: Some(100),
            page_size: Some(1),
            waba_id: Some("123".into()),
            quality_rating: Some("red".into()),
            after: None,
        };
        assert!(ok.validate().is_ok());
    }

    #[test]
    fn ids_reject_control_characters_and_huge_values() {
        assert!(validate_id("id", "abc\n").is_err());
        assert!(validate_id("id", &"x".repeat(257)).is_err());
        assert!(validate_id("id", "../a b/ü").is_ok());
        assert!(validate_id("id", &"é".repeat(256)).is_ok());
        // The first failing check is the one reported.
        let message = |id: &str| match validate_id("id", id) {
            Err(Error::InvalidInput { message, .. }) => message,
            other => panic!("{other:?}"),
        };
        assert_eq!(message(" \n\t"), "must not be empty");
        assert_eq!(message(""), "must not be empty");
        assert_eq!(message(&"\n".repeat(300)), "must not be empty");
        assert_eq!(
            message(&["\n", &"x".repeat(300)].concat()),
            "longer than 256 characters"
        );
        assert_eq!(message("a\u{7}b"), "contains control characters");
    }
}
