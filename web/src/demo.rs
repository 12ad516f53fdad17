//! The built-in demo account: the seed documents' example responses, parsed by
//! the same core code that parses live answers.

use wa_numbers_core::{PhoneNumber, Provider};

const ANTGST_LIST: &str = include_str!("../../tests/fixtures/antgst/list.json");
const LORA_LIST: &str = include_str!("../../tests/fixtures/lora/list.json");

/// Every number of the demo account, LORA's first.
pub fn demo_numbers() -> Vec<PhoneNumber> {
    // The fixtures are the seeds verbatim and parse in the core's tests; an
    // error here would be a build defect, shown as an empty list, not a panic.
    let mut numbers = Provider::Lora
        .parse_list(LORA_LIST)
        .map(|p| p.numbers)
        .unwrap_or_default();
    numbers.extend(
        Provider::Antgst
            .parse_list(ANTGST_LIST)
            .map(|p| p.numbers)
            .unwrap_or_default(),
    );
    numbers
}
