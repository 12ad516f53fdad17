//! The plan under the campaign's answer: how many numbers carry it, who is
//! left without one, how long it takes to send, and its first assignments.

use leptos::prelude::*;

use super::words::name_of;
use super::Ui;
use crate::i18n::{duration, fill, num, t};
use wa_numbers_core::hash::FastMap;
use wa_numbers_core::{PhoneNumber, Plan};

/// The plan `p` in words, its first ten numbers as links to their detail.
pub fn plan_list(ui: Ui, p: &Plan, send_seconds: Memo<f64>) -> impl IntoView {
    let assigned: u64 = p.assignments.iter().map(|a| a.recipients).sum();
    view! {
        <p class="plan-summary">
            {fill(if p.assignments.len() == 1 { t().plan_one } else { t().plan_many }, &[&num(p.assignments.len() as u64), &num(assigned)])}
            <span class="unassigned" data-unassigned=p.unassigned.to_string()>{fill(t().unassigned, &[&num(p.unassigned)])}</span>
            // Nothing goes out: no time to send it in, only the sentence's end.
            {if assigned > 0 {
                leptos::either::Either::Left(view! { <span class="send-time">{fill(t().send_time, &[&duration(send_seconds.get())])}</span> })
            } else {
                leptos::either::Either::Right(t().full_stop)
            }}
        </p>
        <ol class="assignments">
            {ui.numbers.with(|ns| p.assignments.iter().zip(assigned_numbers(p, ns)).take(10).map(|(a, n)| {
                let n = n.cloned();
                let label = n.as_ref().map(|n| [n.phone_number.as_str(), " ", &name_of(n)].concat()).unwrap_or_else(|| a.phone_number_id.clone());
                view! {
                    <li data-id=a.phone_number_id.clone()>
                        <button type="button" class="link" translate="no" on:click=move |_| if let Some(n) = &n {
                            ui.select(n);
                            // Focus follows to the number opened (the panel opens above
                            // this list and pushed the link off screen), as from a row.
                            request_animation_frame(|| super::focus::focus_selector("#detail-title"));
                        }>{label}</button>
                        {[" — ".to_owned(), num(a.recipients)].concat()}
                    </li>
                }
            }).collect_view())}
        </ol>
        {(p.assignments.len() > 10).then(|| fill(t().more_in_csv, &[&num(p.assignments.len() as u64 - 10)]))}
    }
}

/// Each assignment's number, in the plan's order (`None` for an id no longer
/// listed), found in one pass over the list. A search of the list per
/// assignment was quadratic: a million recipients over 1K-tier numbers is a
/// thousand assignments, each a scan of 100,000 numbers, on every keystroke.
pub fn assigned_numbers<'a>(plan: &Plan, ns: &'a [PhoneNumber]) -> Vec<Option<&'a PhoneNumber>> {
    let mut by_id: FastMap<&str, Option<&'a PhoneNumber>> = plan
        .assignments
        .iter()
        .map(|a| (a.phone_number_id.as_str(), None))
        .collect();
    let mut left = by_id.len();
    for n in ns {
        if left == 0 {
            break;
        }
        // The first number of an id, as a search from the start finds.
        if let Some(slot @ None) = by_id.get_mut(n.id.as_str()) {
            *slot = Some(n);
            left -= 1;
        }
    }
    plan.assignments
        .iter()
        .map(|a| by_id.get(a.phone_number_id.as_str()).copied().flatten())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::assigned_numbers;
    use wa_numbers_core::demo::generated_numbers;
    use wa_numbers_core::{Assignment, Plan};

    /// The number of each assignment, in the plan's order, is the one a
    /// search of the list from its start finds: the first of its id, `None`
    /// for an id not listed, the same number for an id assigned twice.
    #[wasm_bindgen_test::wasm_bindgen_test]
    fn each_assignment_gets_the_number_a_search_finds() {
        let mut ns = generated_numbers(50, 3);
        // A second number with the id of the 10th: the first stays the one found.
        let mut twin = ns[40].clone();
        twin.id = ns[10].id.clone();
        ns.push(twin);
        let ids = [
            &ns[30].id, &ns[10].id, "gone", &ns[0].id, &ns[30].id, &ns[50].id,
        ];
        let plan = Plan {
            assignments: ids
                .iter()
                .map(|id| Assignment {
                    phone_number_id: id.to_string(),
                    recipients: 1,
                })
                .collect(),
            unassigned: 0,
        };
        let searched: Vec<_> = plan
            .assignments
            .iter()
            .map(|a| ns.iter().find(|n| n.id == a.phone_number_id))
            .collect();
        let found = assigned_numbers(&plan, &ns);
        assert_eq!(found, searched);
        assert!(std::ptr::eq(found[1].unwrap(), &ns[10]));
        assert_eq!(found[2], None);
        assert!(std::ptr::eq(found[4].unwrap(), &ns[30]));
        assert!(assigned_numbers(
            &Plan {
                assignments: Vec::new(),
                unassigned: 3
            },
            &ns
        )
        .is_empty());
    }
}
