//! Component tests: mount into a real DOM and compare what a user sees.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use wa_numbers_web::{demo_numbers, NumbersTable};
use wasm_bindgen_test::wasm_bindgen_test;

fn mount_point() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    wasm_bindgen::JsCast::unchecked_into(div)
}

#[wasm_bindgen_test]
fn table_shows_each_demo_number_with_its_verdict() {
    let root = mount_point();
    let _handle = leptos::mount::mount_to(
        root.clone(),
        || view! { <NumbersTable numbers=demo_numbers() recipients=5_000 /> },
    );
    let rows = root.query_selector_all("tbody tr").unwrap();
    assert_eq!(rows.length(), 4);
    let verdict = |id: &str| {
        root.query_selector(&format!("tr[data-id='{id}'] .verdict"))
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    assert_eq!(verdict("waba-num-001"), "Send");
    assert_eq!(verdict("waba-num-002"), "WaitForOnboarding");
    // AntGst's example: GREEN, TIER_2K: 2,000 < 5,000 recipients.
    assert_eq!(verdict("String"), "ChooseAnotherNumber");
}

#[wasm_bindgen_test]
fn hostile_names_are_text_not_markup() {
    let mut numbers = demo_numbers();
    numbers[0].display_name = Some("<img src=x onerror=alert(1)>".into());
    let root = mount_point();
    let _handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <NumbersTable numbers=numbers.clone() recipients=1 /> },
    );
    assert!(root.query_selector("img").unwrap().is_none());
    let name = root
        .query_selector("tbody tr .name")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert_eq!(name, "<img src=x onerror=alert(1)>");
}
