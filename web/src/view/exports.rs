//! The two CSV files: the campaign's plan, and the numbers as the table
//! shows them. Codes and digits, not words, where a spreadsheet computes.

use super::plan::assigned_numbers;
use super::words::{action_text, name_of};
use crate::csv;
use crate::i18n::{lang, t};
use wa_numbers_core::{evaluate_readiness, Campaign, PhoneNumber, Plan};

/// The plan as a file: one row per assignment, and one for the recipients
/// no number takes, so every recipient is in it.
pub fn plan_file(plan: &Plan, ns: &[PhoneNumber]) -> String {
    let (lang, t) = (lang(), t());
    let mut rows: Vec<Vec<String>> = plan
        .assignments
        .iter()
        .zip(assigned_numbers(plan, ns))
        .map(|(a, n)| {
            vec![
                a.phone_number_id.clone(),
                n.map(|n| csv::phone(&n.phone_number)).unwrap_or_default(),
                n.map(name_of).unwrap_or_default(),
                n.and_then(|n| n.waba_id.clone()).unwrap_or_default(),
                n.map(|n| n.quality_rating.as_str().to_owned())
                    .unwrap_or_default(),
                n.map(csv_limit).unwrap_or_default(),
                a.recipients.to_string(),
            ]
        })
        .collect();
    // Every recipient is in the file: those no number takes on a row of their own.
    if plan.unassigned > 0 {
        let mut row = vec![String::new(); 6];
        row[0] = t.csv_unassigned.to_owned();
        row.push(plan.unassigned.to_string());
        rows.push(row);
    }
    csv::table(
        lang.csv_separator(),
        &[
            "phoneNumberId",
            "phoneNumber",
            "name",
            "wabaId",
            "qualityRating",
            "dailyLimit",
            "recipients",
        ],
        rows,
    )
}

/// The numbers `shown`, in the table's order, with each one's action for
/// `c`.
pub fn table_file(shown: &[PhoneNumber], c: &Campaign) -> String {
    let lang = lang();
    csv::table(
        lang.csv_separator(),
        &[
            "id",
            "phoneNumber",
            "name",
            "wabaId",
            "status",
            "rawStatus",
            "qualityRating",
            "tier",
            "dailyLimit",
            "throughput",
            "updatedAt",
            "action",
        ],
        shown.iter().map(|n| {
            vec![
                n.id.clone(),
                csv::phone(&n.phone_number),
                name_of(n),
                n.waba_id.clone().unwrap_or_default(),
                n.status.as_str().to_owned(),
                n.raw_status.clone().unwrap_or_default(),
                n.quality_rating.as_str().to_owned(),
                n.messaging_limit.tier.clone(),
                csv_limit(n),
                n.throughput.clone().unwrap_or_default(),
                n.updated_at.clone().unwrap_or_default(),
                action_text(evaluate_readiness(n, c).action).to_owned(),
            ]
        }),
    )
}

/// A daily limit for a spreadsheet: digits only (`10000`: "10,000" reads as 10
/// in a locale whose decimal separator is the comma), or a code that is the
/// same in every language, as the status and quality columns' codes are (a
/// translated word, "illimitato", read as text in a column of figures).
fn csv_limit(n: &PhoneNumber) -> String {
    match (n.messaging_limit.unlimited, n.messaging_limit.daily_limit) {
        (true, _) => "unlimited".to_owned(),
        (false, Some(limit)) => limit.to_string(),
        (false, None) => "unknown".to_owned(),
    }
}
