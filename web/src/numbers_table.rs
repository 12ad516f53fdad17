//! The numbers table with each number's readiness for one campaign.

use leptos::prelude::*;
use wa_numbers_core::{evaluate_readiness, Campaign, PhoneNumber};

/// One row per number: id, number, name, status badge, quality, tier, verdict.
#[component]
pub fn NumbersTable(numbers: Vec<PhoneNumber>, recipients: u64) -> impl IntoView {
    let campaign = Campaign::new(recipients);
    let rows = numbers
        .into_iter()
        .map(|n| {
            let verdict = evaluate_readiness(&n, &campaign);
            let action = format!("{:?}", verdict.action);
            let name = n.display_name.clone().or(n.verified_name.clone()).unwrap_or_default();
            view! {
                <tr data-id=n.id.clone()>
                    <td>{n.id.clone()}</td>
                    <td>{n.phone_number.clone()}</td>
                    <td class="name">{name}</td>
                    <td><span class="badge" title=n.raw_status.clone().unwrap_or_default()>{n.status.as_str()}</span></td>
                    <td>{n.quality_rating.as_str()}</td>
                    <td>{n.messaging_limit.tier.clone()}</td>
                    <td class="verdict">{action}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="numbers">
            <caption>{format!("Readiness for a campaign of {recipients} recipients")}</caption>
            <thead>
                <tr>
                    <th scope="col">"Id"</th>
                    <th scope="col">"Number"</th>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Quality"</th>
                    <th scope="col">"Tier"</th>
                    <th scope="col">"Action"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
