//! Times the AntGst reader, the tape writer and the JSON text on one body (a development aid:
//! `cargo run --release -p wa-numbers-core --example parse_speed -- body.json`).

use std::time::Instant;
use wa_numbers_core::json::{ToJson, Writer};
use wa_numbers_core::Provider;

fn main() {
    let path = std::env::args().nth(1).expect("a body file");
    let body = std::fs::read_to_string(path).expect("readable");
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    // For a profiler: only the path `parsePhoneNumbers` takes.
    if std::env::var_os("ONLY_TAPE").is_some() {
        for _ in 0..rounds {
            let mut w = Writer::with_capacity(body.len());
            Provider::Antgst
                .parse_list_into(&body, &mut w)
                .expect("parses");
            std::hint::black_box(w.into_tape());
        }
        return;
    }
    for _ in 0..rounds {
        let t = Instant::now();
        let page = Provider::Antgst.parse_list(&body).expect("parses");
        let parsed = t.elapsed();
        let t = Instant::now();
        let text = page.to_json();
        let written = t.elapsed();
        let t = Instant::now();
        let mut w = Writer::default();
        Provider::Antgst
            .parse_list_into(&body, &mut w)
            .expect("parses");
        let taped = t.elapsed();
        let tape = w.into_tape();
        let t = Instant::now();
        let fast = Provider::Antgst.parse_list_json(&body).expect("parses");
        let transcoded = t.elapsed();
        println!(
            "rows {} read {parsed:?} write {written:?} ({} bytes out); straight to a tape {taped:?} \
             ({} words, {} bytes of text); to JSON {transcoded:?}",
            page.numbers.len(),
            text.len(),
            tape.words.len(),
            tape.text.len(),
        );
        assert_eq!(fast.len(), text.len());
    }
}
