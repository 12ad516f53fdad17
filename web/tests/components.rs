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
    // The verdict cell names its action as the npm package does.
    let action = root
        .query_selector("tbody tr.row td.verdict")
        .unwrap()
        .and_then(|td| td.get_attribute("data-action"));
    assert_eq!(action.as_deref(), Some("wait_for_onboarding"));

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
    use wa_numbers_web::csv::{field, phone, table};
    assert_eq!(field("+39 02 1234", ','), "+39 02 1234");
    assert_eq!(
        field("=HYPERLINK(\"x\")", ','),
        "\"'=HYPERLINK(\"\"x\"\")\""
    );
    assert_eq!(field("-cmd", ','), "'-cmd");
    assert_eq!(field("a,b", ','), "\"a,b\"");
    assert_eq!(field("a,b", ';'), "a,b");
    assert_eq!(field("a;b", ';'), "\"a;b\"");
    // A phone number stays text in a spreadsheet; nothing else passes as a formula.
    assert_eq!(phone("+393331234567"), "=\"+393331234567\"");
    assert_eq!(
        field(&phone("+393331234567"), ';'),
        "\"=\"\"+393331234567\"\"\""
    );
    assert_eq!(phone("+39 abc"), "+39 abc");
    assert_eq!(field("=\"+39\"&CMD()", ','), "\"'=\"\"+39\"\"&CMD()\"");
    assert_eq!(
        table(';', &["a", "b"], [vec!["1,5".into(), "x".into()]]),
        "a;b\r\n1,5;x\r\n"
    );
}

#[wasm_bindgen_test]
fn the_view_round_trips_through_the_query_string() {
    use wa_numbers_web::route::{SortKey, ViewState};
    let view = ViewState::from_query("?demo=1&status=ONBOARDING&quality=GREEN&q=shop%20it&sort=limit&dir=desc&id=a%2Fb&recipients=12000&scope=waba&only=1");
    assert_eq!(view.sort, SortKey::Limit);
    assert!(
        view.only_shown,
        "the plan's numbers are part of the question a link asks"
    );
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
    use wa_numbers_web::recipients::parse_recipients;
    for (typed, n) in [
        ("50000", 50_000),
        ("50,000", 50_000),
        ("50.000", 50_000),
        ("50 000", 50_000),
        ("1'250'000", 1_250_000),
        (" 7 ", 7),
        ("0", 0),
        ("５０００", 5_000),
        ("５，０００", 5_000),
        ("5万", 50_000),
        ("１２ 万", 120_000),
        ("1,000万", 10_000_000),
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
        "1.5万",
        "万",
        "-5万",
        "５.５",
    ] {
        assert!(parse_recipients(typed).is_err(), "{typed} must be refused");
    }
}

/// Every sentence a user reads comes from the catalogues (`src/i18n/`): a
/// text node, label or message written straight into a view would stay
/// English in Italian and Chinese. Scans the sources for the ways one slips in.
#[wasm_bindgen_test]
fn no_user_visible_text_outside_the_catalogues() {
    // Every source file of the views and of the state they show.
    let sources = [
        ("view/advice.rs", include_str!("../src/view/advice.rs")),
        ("view/app.rs", include_str!("../src/view/app.rs")),
        ("view/campaign.rs", include_str!("../src/view/campaign.rs")),
        ("view/connect.rs", include_str!("../src/view/connect.rs")),
        (
            "view/dashboard.rs",
            include_str!("../src/view/dashboard.rs"),
        ),
        ("view/detail.rs", include_str!("../src/view/detail.rs")),
        ("view/exports.rs", include_str!("../src/view/exports.rs")),
        ("view/filters.rs", include_str!("../src/view/filters.rs")),
        ("view/focus.rs", include_str!("../src/view/focus.rs")),
        (
            "view/load_status.rs",
            include_str!("../src/view/load_status.rs"),
        ),
        ("view/loading.rs", include_str!("../src/view/loading.rs")),
        ("view/mod.rs", include_str!("../src/view/mod.rs")),
        ("view/page.rs", include_str!("../src/view/page.rs")),
        ("view/plan.rs", include_str!("../src/view/plan.rs")),
        ("view/problem.rs", include_str!("../src/view/problem.rs")),
        ("view/row.rs", include_str!("../src/view/row.rs")),
        ("view/summary.rs", include_str!("../src/view/summary.rs")),
        ("view/table.rs", include_str!("../src/view/table.rs")),
        ("view/verdict.rs", include_str!("../src/view/verdict.rs")),
        ("view/width.rs", include_str!("../src/view/width.rs")),
        ("view/words.rs", include_str!("../src/view/words.rs")),
        ("connection.rs", include_str!("../src/connection.rs")),
        ("csv.rs", include_str!("../src/csv.rs")),
        ("demo.rs", include_str!("../src/demo.rs")),
        ("errors.rs", include_str!("../src/errors.rs")),
        ("facts.rs", include_str!("../src/facts.rs")),
        ("lib.rs", include_str!("../src/lib.rs")),
        ("order.rs", include_str!("../src/order.rs")),
        ("recent.rs", include_str!("../src/recent.rs")),
        ("recipients.rs", include_str!("../src/recipients.rs")),
        ("route.rs", include_str!("../src/route.rs")),
        ("search.rs", include_str!("../src/search.rs")),
        ("state.rs", include_str!("../src/state.rs")),
    ];
    // A literal that starts with a letter right after a tag, in a text-bearing
    // attribute, or as a sentence built with format!/then_some.
    let openers = [
        ">\"",
        "aria-label=\"",
        "placeholder=\"",
        "title=\"",
        "format!(\"",
        "then_some(\"",
        "to_owned(\"",
        ".push_str(\"",
    ];
    let mut found = Vec::new();
    for (file, text) in sources {
        for (line_no, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") || code.starts_with("///") {
                continue;
            }
            for opener in openers {
                for (at, _) in line.match_indices(opener) {
                    let literal: String = line[at + opener.len()..]
                        .chars()
                        .take_while(|c| *c != '"')
                        .collect();
                    // Two letters in a row make a word; `{}`, CSS selectors,
                    // ids and separators do not.
                    let wordy = literal
                        .as_bytes()
                        .windows(2)
                        .any(|w| w[0].is_ascii_alphabetic() && w[1].is_ascii_alphabetic());
                    let code_like = literal.starts_with(['.', '#', '{', '?', '='])
                        || literal.contains(['{', '[', '='])
                        || literal.contains("://")
                        || literal.chars().all(|c| c.is_ascii_lowercase() || c == '-');
                    if wordy && !code_like {
                        found.push(format!("{file}:{}: {}", line_no + 1, line.trim()));
                    }
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "text outside the catalogues:\n{}",
        found.join("\n")
    );
}

/// Switching language redraws every part in place: the rows loaded stay, and
/// the words, digits and CSV separator follow the language.
#[wasm_bindgen_test]
async fn the_language_switches_in_place_without_reloading() {
    use wa_numbers_web::i18n::Lang;
    let root = mount_point();
    let host = root.clone();
    let settings = wa_numbers_web::view::app::Settings {
        lang: Some(Lang::It),
        support: Some("Ufficio WhatsApp, interno 42".into()),
    };
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <App embedded=Some((Connection::demo(), host)) settings=settings /> }
    });
    settle(50).await;
    assert!(
        text(&root, ".loaded").contains("5.004 numeri caricati"),
        "{}",
        text(&root, ".status-line")
    );
    assert_eq!(text(&root, "#campaign-title"), "Verifica della campagna");
    let lang_attr = root
        .query_selector(".wa-numbers")
        .unwrap()
        .unwrap()
        .get_attribute("lang");
    assert_eq!(lang_attr.as_deref(), Some("it"));
    // Quality ratings are words of the language, their codes the values.
    assert_eq!(
        options(&root, "#filter-quality"),
        "Tutte|Alta|Media|Bassa|Sconosciuta"
    );
    assert_eq!(
        options(&root, "#min-quality"),
        "Alta|Media|Bassa|Sconosciuta"
    );
    assert!(
        text(&root, ".summary").contains("Alta"),
        "{}",
        text(&root, ".summary")
    );

    let select: web_sys::HtmlSelectElement = root
        .query_selector("#lang")
        .unwrap()
        .unwrap()
        .unchecked_into();
    select.set_value("zh-CN");
    select
        .dispatch_event(
            &web_sys::Event::new_with_event_init_dict("change", &{
                let init = web_sys::EventInit::new();
                init.set_bubbles(true);
                init
            })
            .unwrap(),
        )
        .unwrap();
    settle(50).await;
    assert!(
        text(&root, ".loaded").contains("已加载 5,004 个号码"),
        "{}",
        text(&root, ".status-line")
    );
    assert_eq!(text(&root, "#campaign-title"), "营销活动检查");
    assert_eq!(options(&root, "#min-quality"), "高|中|低|未知");
    let quality_cells: Vec<String> = (0..root
        .query_selector_all("tbody tr.row .quality")
        .unwrap()
        .length())
        .filter_map(|i| {
            root.query_selector_all("tbody tr.row .quality")
                .unwrap()
                .item(i)
        })
        .filter_map(|n| n.text_content())
        .collect();
    assert!(
        !quality_cells.is_empty()
            && quality_cells
                .iter()
                .all(|q| ["高", "中", "低", "未知"].contains(&q.as_str())),
        "{quality_cells:?}"
    );
    assert!(!text(&root, ".summary").is_empty());
    let rows = root.query_selector_all("tbody tr.row").unwrap().length();
    assert!(rows > 0, "the rows stay after switching");
}

/// The texts of a select's options, joined by `|`; their values stay the codes.
fn options(root: &web_sys::HtmlElement, selector: &str) -> String {
    let options = root
        .query_selector_all(&[selector, " option"].concat())
        .unwrap();
    let mut texts = Vec::new();
    for i in 0..options.length() {
        let option = options.item(i).unwrap();
        let element: &web_sys::Element = option.unchecked_ref();
        let value = element.get_attribute("value").unwrap_or_default();
        if !value.is_empty() {
            assert!(
                wa_numbers_core::QualityRating::parse(&value).is_some(),
                "{value}"
            );
        }
        texts.push(option.text_content().unwrap_or_default());
    }
    texts.join("|")
}

/// Types `value` into the input `selector` names, as a user would.
fn type_into(root: &web_sys::HtmlElement, selector: &str, value: &str) {
    let input: web_sys::HtmlInputElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_value(value);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

/// While the recipients do not read, nothing answers for the last campaign
/// that did: no plan, no plan to export. A number's detail answers for the
/// campaign typed: "ready" only when it can carry it, with a send time only then.
#[wasm_bindgen_test]
async fn the_plan_and_the_detail_answer_for_the_campaign_typed() {
    let root = mount_point();
    let host = root.clone();
    let _handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <App embedded=Some((Connection::demo(), host)) /> },
    );
    settle(50).await;
    let export_disabled = |root: &web_sys::HtmlElement| {
        root.query_selector(".campaign .actions button")
            .unwrap()
            .unwrap()
            .has_attribute("disabled")
    };
    assert!(text(&root, ".plan-summary").contains("5,000"));
    assert!(!export_disabled(&root));
    for typed in ["abc", "", "1.5"] {
        type_into(&root, "#recipients", typed);
        settle(10).await;
        assert!(
            root.query_selector(".plan-summary").unwrap().is_none(),
            "{typed:?}: {}",
            text(&root, ".plan")
        );
        assert!(export_disabled(&root), "{typed:?}");
    }
    // A yes that takes more than a day says so in the answer, as a warning.
    type_into(&root, "#recipients", "10000000000");
    settle(10).await;
    assert!(
        text(&root, ".answer.yes.slow .headline").starts_with("Yes, but not within a day"),
        "{}",
        text(&root, ".answer")
    );
    assert!(
        text(&root, ".answer .fixes").contains("start it early"),
        "{}",
        text(&root, ".answer")
    );
    type_into(&root, "#recipients", "50000");
    settle(10).await;
    assert!(text(&root, ".plan-summary").contains("50,000"));
    assert!(
        root.query_selector(".answer .fixes").unwrap().is_none(),
        "{}",
        text(&root, ".answer")
    );
    assert!(!export_disabled(&root));

    // LORA's first seed number: connected, GREEN, 10,000 a day.
    type_into(&root, "#filter-text", "waba-num-001");
    settle(10).await;
    let row: web_sys::HtmlElement = root
        .query_selector("tbody tr.row")
        .unwrap()
        .unwrap()
        .unchecked_into();
    row.click();
    settle(10).await;
    let (verdict, advice) = (
        text(&root, ".detail .verdict"),
        text(&root, ".detail .advice"),
    );
    assert!(verdict.starts_with("Choose another number"), "{verdict}");
    assert!(!verdict.contains("send time"), "{verdict}");
    assert!(
        advice.starts_with("Connected (10,000 per day), but not for this campaign"),
        "{advice}"
    );
    type_into(&root, "#recipients", "5000");
    settle(10).await;
    let (verdict, advice) = (
        text(&root, ".detail .verdict"),
        text(&root, ".detail .advice"),
    );
    assert!(
        verdict.starts_with("Send") && verdict.contains("estimated send time"),
        "{verdict}"
    );
    assert!(advice.starts_with("Ready to send"), "{advice}");
}

/// Every provider's endpoints answered in memory by the core's stand-in (the
/// dashboard's demo speaks AntGst's list alone, so it ships no other writer).
struct AnyDialect(Vec<wa_numbers_core::PhoneNumber>);

impl wa_numbers::Transport for AnyDialect {
    fn send<'a>(
        &'a self,
        call: wa_numbers::HttpCall<'a>,
    ) -> futures_util::future::LocalBoxFuture<
        'a,
        Result<wa_numbers::HttpAnswer, wa_numbers_core::Error>,
    > {
        use wa_numbers_core::fake::{answer, Endpoint};
        Box::pin(async move {
            let rest = call
                .url
                .split_once("://")
                .map_or(call.url.as_str(), |(_, r)| r);
            let path_and_query = &rest[rest.find('/').unwrap_or(rest.len())..];
            let (path, query) = path_and_query
                .split_once('?')
                .unwrap_or((path_and_query, ""));
            let reply = match Endpoint::route(path) {
                Some(endpoint) => answer(&endpoint, query, &self.0, &|_| None, 0),
                None => wa_numbers_core::fake::Answer {
                    status: 404,
                    body: String::new(),
                },
            };
            Ok(wa_numbers::HttpAnswer {
                status: reply.status,
                retry_after: None,
                wait_header: None,
                content_type: Some("application/json".to_owned()),
                body: reply.body,
            })
        })
    }
}

/// Meta's answer for a WABA it does not know, read with others: the
/// problem's title names that WABA in every language (only Meta's own
/// words in the detail line did). Read through the client, as the
/// dashboard reads it, from the core's in-memory stand-in of Graph.
#[wasm_bindgen_test]
async fn an_unknown_waba_is_named_in_the_title() {
    use wa_numbers_web::i18n::{Lang, Locale};
    use wa_numbers_web::view::problem::Problem;
    let config = wa_numbers::ClientConfig {
        provider: wa_numbers_core::Provider::Meta,
        base_url: "https://graph.invalid/v24.0".to_owned(),
        api_key: Some("demo-token".to_owned()),
        waba_id: Some(vec!["waba-7-000".to_owned(), "1234509876".to_owned()]),
        timeout_ms: None,
        retries: Some(0),
        concurrency: None,
        requests_per_minute: None,
        requests_per_second: None,
    };
    let transport = std::rc::Rc::new(AnyDialect(wa_numbers_core::demo::account(50, 7)));
    let client = wa_numbers::Client::with_transport(config, transport).unwrap();
    let error = client
        .list_all(&Default::default(), &|_, _| {}, None)
        .await
        .unwrap_err();
    assert_eq!(error.waba_id(), Some("1234509876"), "{error:?}");
    for lang in Lang::ALL {
        let root = mount_point();
        let shown = error.clone();
        let _handle = leptos::mount::mount_to(root.clone(), move || {
            provide_context(Locale(RwSignal::new(lang)));
            view! { <Problem error=shown /> }
        });
        settle(10).await;
        let title = text(&root, ".problem .title");
        assert!(title.contains("1234509876"), "{lang:?}: {title}");
        assert!(!title.contains("demo-token"), "{lang:?}: {title}");
    }
}
