//! Component tests: mount into a real DOM, click, let the reactive system run,
//! and compare what a user sees.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use wa_numbers_web::{App, Connection};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

fn mount_point() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

/// Lets timers, promises and effects run.
async fn settle(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let global = js_sys::global();
        let set_timeout: js_sys::Function = js_sys::Reflect::get(&global, &"setTimeout".into())
            .unwrap()
            .unchecked_into();
        set_timeout.call2(&global, &resolve, &ms.into()).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    leptos::task::tick().await;
}

fn text(root: &web_sys::HtmlElement, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn demo_lists_filters_selects_and_plans() {
    let root = mount_point();
    let host = root.clone();
    let _handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <App embedded=Some((Connection::demo(), host)) /> },
    );
    settle(50).await;
    assert!(
        text(&root, ".loaded").contains("5,004 numbers loaded"),
        "{}",
        text(&root, ".status-line")
    );
    let rows = root.query_selector_all("tbody tr.row").unwrap().length();
    assert!(
        rows > 0 && rows < 100,
        "only rows on screen are rendered: {rows}"
    );

    // Free-text filter: the seed's SportZone number only.
    let search: web_sys::HtmlInputElement = root
        .query_selector("#filter-text")
        .unwrap()
        .unwrap()
        .unchecked_into();
    search.set_value("SportZone by");
    search
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    settle(10).await;
    assert_eq!(root.query_selector_all("tbody tr.row").unwrap().length(), 1);
    assert_eq!(text(&root, ".filters .count"), "1 shown");

    // Selecting the row shows its detail and tells the host.
    let seen = std::rc::Rc::new(std::cell::RefCell::new(String::new()));
    let sink = seen.clone();
    let listener = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::CustomEvent)>::new(
        move |e: web_sys::CustomEvent| {
            *sink.borrow_mut() = js_sys::Reflect::get(&e.detail(), &"id".into())
                .unwrap()
                .as_string()
                .unwrap();
        },
    );
    root.add_event_listener_with_callback("wa-numbers:select", listener.as_ref().unchecked_ref())
        .unwrap();
    listener.forget();
    let row: web_sys::HtmlElement = root
        .query_selector("tbody tr.row")
        .unwrap()
        .unwrap()
        .unchecked_into();
    row.click();
    settle(10).await;
    assert_eq!(*seen.borrow(), "waba-num-002");
    assert!(text(&root, ".detail .verdict").starts_with("Wait for onboarding"));
    assert!(root
        .query_selector(".detail .reasons li[data-code='status_onboarding']")
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
async fn hostile_names_are_text_not_markup() {
    // The connect form's problem text and every name go through text nodes.
    let root = mount_point();
    let host = root.clone();
    let _handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <App embedded=Some((Connection::demo(), host)) /> },
    );
    settle(50).await;
    let search: web_sys::HtmlInputElement = root
        .query_selector("#filter-text")
        .unwrap()
        .unwrap()
        .unchecked_into();
    search.set_value("<img src=x onerror=alert(1)>");
    search
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    settle(10).await;
    assert!(root.query_selector("img").unwrap().is_none());
    assert_eq!(text(&root, ".empty"), "No number matches these filters.");
}

#[wasm_bindgen_test]
fn csv_fields_are_quoted_and_defused() {
    use wa_numbers_web::csv::field;
    assert_eq!(field("+39 02 1234"), "+39 02 1234");
    assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    assert_eq!(field("-cmd"), "'-cmd");
    assert_eq!(field("a,b"), "\"a,b\"");
}

#[wasm_bindgen_test]
fn the_view_round_trips_through_the_query_string() {
    use wa_numbers_web::route::{SortKey, ViewState};
    let view = ViewState::from_query("?demo=1&status=ONBOARDING&quality=GREEN&q=shop%20it&sort=limit&dir=desc&id=a%2Fb&recipients=12000&scope=waba");
    assert_eq!(view.sort, SortKey::Limit);
    assert_eq!(view.text, "shop it");
    assert_eq!(view.selected.as_deref(), Some("a/b"));
    assert_eq!(ViewState::from_query(&view.to_query()), view);
    assert_eq!(ViewState::default().to_query(), "");
    // Garbage falls back to defaults instead of failing the page.
    assert_eq!(
        ViewState::from_query("?status=NOPE&recipients=-4&sort=%zz"),
        ViewState::default()
    );
}

#[wasm_bindgen_test]
fn recipients_are_read_as_typed_in_every_locale() {
    use wa_numbers_web::state::parse_recipients;
    for (typed, n) in [
        ("50000", 50_000),
        ("50,000", 50_000),
        ("50.000", 50_000),
        ("50 000", 50_000),
        ("1'250'000", 1_250_000),
        (" 7 ", 7),
        ("0", 0),
    ] {
        assert_eq!(parse_recipients(typed), Ok(n), "{typed}");
    }
    for typed in [
        "",
        "12.5",
        "-5",
        "5e3",
        "50,00",
        "1,000.000",
        "abc",
        "1.2.3",
        "99999999999999",
    ] {
        assert!(parse_recipients(typed).is_err(), "{typed} must be refused");
    }
}
