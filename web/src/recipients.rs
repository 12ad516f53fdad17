//! The campaign's recipients as a person types them, in any of the
//! dashboard's languages; what does not read as a whole number is refused
//! with the reason, never reinterpreted.

/// Why typed recipients do not read as a number (each said in words by the
/// catalogue).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecipientsProblem {
    /// Nothing typed.
    Missing,
    /// Not a whole number (a fraction, a sign, letters, mixed separators).
    NotWhole,
    /// More than any account can send to.
    TooMany,
}

impl RecipientsProblem {
    /// The problem in `t`'s language.
    pub fn text(self, t: &'static crate::i18n::Texts) -> &'static str {
        match self {
            RecipientsProblem::Missing => t.recipients_missing,
            RecipientsProblem::NotWhole => t.recipients_not_whole,
            RecipientsProblem::TooMany => t.recipients_too_many,
        }
    }
}

/// Reads the recipients a person typed, in any of the locales the dashboard
/// speaks: `50000`, `50,000`, `50.000`, `50 000`, `50'000`, full-width
/// digits (`５０００`, as a Chinese keyboard types them) and ten thousands
/// (`5万`). Anything else (a fraction such as `12.5`, a sign, letters, mixed
/// separators) is refused with what to type instead: the input is never
/// silently reinterpreted.
pub fn parse_recipients(text: &str) -> Result<u64, RecipientsProblem> {
    const HINT: RecipientsProblem = RecipientsProblem::NotWhole;
    let text: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '\u{ff10}'..='\u{ff19}' => char::from_digit(c as u32 - 0xff10, 10).unwrap_or(c),
            '\u{ff0c}' => ',',
            '\u{ff0e}' => '.',
            '\u{3000}' => ' ',
            c => c,
        })
        .collect();
    let text = text.trim();
    if text.is_empty() {
        return Err(RecipientsProblem::Missing);
    }
    let (text, scale) = match text.strip_suffix('万') {
        Some(count) if !count.trim_end().is_empty() => (count.trim_end(), 10_000),
        Some(_) => return Err(HINT),
        None => (text, 1),
    };
    let separator = text.chars().find(|c| !c.is_ascii_digit());
    let digits: String = match separator {
        None => text.to_owned(),
        Some(sep) if matches!(sep, ',' | '.' | ' ' | '\'' | '\u{a0}' | '\u{202f}') => {
            // Thousands grouping only: 1-3 digits, then groups of exactly 3.
            let groups: Vec<&str> = text.split(sep).collect();
            let well_grouped = groups.len() > 1
                && (1..=3).contains(&groups[0].len())
                && groups[1..].iter().all(|g| g.len() == 3)
                && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()));
            if !well_grouped {
                return Err(HINT);
            }
            groups.concat()
        }
        Some(_) => return Err(HINT),
    };
    match digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(scale))
    {
        Some(n) if n <= 100_000_000_000 => Ok(n),
        _ => Err(RecipientsProblem::TooMany),
    }
}
