//! The reader and writer on their own; the dialects' tests cover them in use.

use super::*;

fn read_u(text: &str) -> Result<u64, JsonError> {
    Reader::read_all(text, |r| r.unsigned(u64::MAX))
}

#[test]
fn paths_name_the_place_of_a_failure() {
    let read = |text: &str| {
        Reader::read_all(text, |r| {
            r.object(|r, key| match key {
                "rows" => r.array(|r, _| {
                    r.object(|r, key| match key {
                        "count" => r.unsigned(10).map(drop),
                        _ => r.skip(),
                    })
                }),
                _ => r.skip(),
            })
        })
        .unwrap_err()
    };
    assert_eq!(
        read(r#"{"rows": [{}, {"count": "x"}]}"#).path,
        "rows[1].count"
    );
    assert_eq!(read(r#"{"rows": {}}"#).path, "rows");
    assert_eq!(read(r#"[1, 2]"#).place(), "$");
    assert_eq!(read(r#"{"rows": [{"count": 11}]}"#).path, "rows[0].count");
    assert_eq!(read(r#"{"rows": [[]]}"#).path, "rows[0]");
    let err = read(r#"{"rows": [1]}"#);
    assert_eq!(err.message, "expected an object, found a number");
}

#[test]
fn strict_json_syntax() {
    for bad in [
        "",
        " ",
        "{",
        "[1,]",
        "{\"a\":1,}",
        "{'a':1}",
        "01",
        "1.",
        "-",
        "+1",
        "1e",
        "nul",
        "tru",
        "\"a",
        "\"\\x\"",
        "\"\\ud800\\u12\"",
        "\"a\u{1}\"",
        "{} x",
        "[1 2]",
        "{\"a\" 1}",
        "NaN",
        "Infinity",
    ] {
        let result = Reader::read_all(bad, |r| r.skip());
        assert!(result.is_err(), "{bad:?} was accepted");
    }
    for good in [
        "0",
        "-0",
        "1.5e-3",
        "1E+2",
        "\"\\ud83d\\ude00\"",
        "\"\\ud800\"",
        "[]",
        "{}",
        " [ {\"a\" : [null, true, false]} ] ",
    ] {
        assert_eq!(Reader::read_all(good, |r| r.skip()), Ok(()), "{good:?}");
    }
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    let err = Reader::read_all(&deep, |r| r.skip()).unwrap_err();
    assert!(err.message.contains("nested too deeply"), "{err:?}");
}

#[test]
fn strings_unescape_and_borrow_when_they_can() {
    let s = Reader::read_all(r#""plain""#, |r| r.string()).unwrap();
    assert!(matches!(s, Cow::Borrowed("plain")));
    let s = Reader::read_all(r#""a\"b\\c\/d\n\u00e9\ud83d\ude00""#, |r| r.string()).unwrap();
    assert_eq!(s, "a\"b\\c/d\né😀");
    // Half a character (an emoji cut in two) is U+FFFD, the rest as it is.
    for (text, read) in [
        (r#""Caf\ud83d""#, "Caf\u{fffd}"),
        (r#""\ude00x""#, "\u{fffd}x"),
        (r#""\ud83dA\ud83d\ude00""#, "\u{fffd}A😀"),
        (r#""\ud83d\u0041""#, "\u{fffd}A"),
        (r#""\ud83d\ud83d\ude00""#, "\u{fffd}😀"),
    ] {
        assert_eq!(
            Reader::read_all(text, |r| r.string()).unwrap(),
            read,
            "{text}"
        );
    }
}

#[test]
fn whole_numbers_are_bounded() {
    assert_eq!(read_u("0"), Ok(0));
    assert_eq!(read_u("18446744073709551615"), Ok(u64::MAX));
    assert!(read_u("18446744073709551616").is_err());
    assert!(read_u("-1").is_err());
    assert!(read_u("1.0").is_err());
    assert!(read_u("1e3").is_err());
    assert_eq!(
        read_u("\"5\"").unwrap_err().message,
        "expected a whole number, found a string"
    );
}

#[test]
fn text_fields_are_tolerant() {
    let text = |t: &str| Reader::read_all(t, |r| r.text().map(|o| o.map(RawStr::into_owned)));
    assert_eq!(text("\"a\"").unwrap().as_deref(), Some("a"));
    assert_eq!(text("12345").unwrap().as_deref(), Some("12345"));
    assert_eq!(text("null").unwrap(), None);
    assert_eq!(text("\"  \"").unwrap(), None);
    assert!(text("1.5").is_err());
    assert!(text("{}").is_err());
    assert!(text("[\"a\"]").is_err());
    assert!(text("true").is_err());
}

#[test]
fn written_strings_read_back() {
    for s in [
        "plain",
        "q\"uote",
        "back\\slash",
        "ctl\u{0}\u{1f}\n\t\r",
        "é😀",
        "</script>",
    ] {
        let mut w = Writer::default();
        w.string(s);
        let text = w.finish();
        assert_eq!(Reader::read_all(&text, |r| r.string()).unwrap(), s);
        let via_serde: String = serde_json::from_str(&text).unwrap();
        assert_eq!(via_serde, s);
    }
}

#[test]
fn decimals_without_float_formatting() {
    for (value, text) in [
        (62.5, "62.5"),
        (0.0125, "0.0125"),
        (0.0, "0"),
        (10.0, "10"),
        (1.0 / 3.0, "0.333333"),
        (2e15, "2000000000000000"),
    ] {
        let mut w = Writer::default();
        w.decimal(value);
        assert_eq!(w.finish(), text);
    }
}

#[test]
fn a_repeated_value_takes_its_new_place_and_points_at_the_first_text() {
    let mut w = Writer::default();
    w.begin_array();
    let from = w.mark();
    w.object(|f| {
        f.string("code", "a \"quoted\" code");
        f.unsigned("big", 1 << 40);
        f.name("kind", "blocker");
        f.key("list").array(["x".to_owned(), "y".to_owned()]);
    });
    let to = w.mark();
    assert!(w.repeat(from, to));
    // Under a key, where the first was an array item.
    w.object(|f| {
        let w = f.key("again");
        assert!(w.repeat(from, to));
    });
    w.end_array();
    let tape = w.into_tape();
    // The strings were not copied: the text holds each once.
    assert_eq!(tape.text, "a \"quoted\" codexy");
    assert!(tape.words.iter().any(|w| w & 15 == op::AGAIN));
    let first =
        r#"{"code":"a \"quoted\" code","big":1099511627776,"kind":"blocker","list":["x","y"]}"#;
    assert_eq!(
        render(&tape, ""),
        format!(r#"[{first},{first},{{"again":{first}}}]"#)
    );
}

#[test]
fn a_repeat_refuses_what_it_cannot_copy_exactly() {
    let mut w = Writer::default();
    w.begin_array();
    let from = w.mark();
    w.string("plain");
    let to = w.mark();
    // Marks out of order, or past the end.
    assert!(!w.repeat(to, from));
    assert!(!w.repeat(from, from));
    let mut other = Writer::default();
    other.begin_array();
    assert!(!other.repeat(from, to));
    // Non-ASCII text: UTF-16 offsets are not byte offsets, so no pointers.
    w.string("città");
    let before = w.words().len();
    assert!(!w.repeat(from, to));
    assert_eq!(w.words().len(), before);
    w.end_array();
    assert_eq!(w.finish(), r#"["plain","città"]"#);
}

#[test]
fn a_cleared_writer_keeps_its_key_numbers() {
    let mut w = Writer::default();
    w.object(|f| {
        f.string("a", "1");
        f.name("b", "x");
    });
    assert_eq!(w.key_count(), 3);
    w.clear();
    assert!(w.words().is_empty() && w.text().is_empty());
    w.object(|f| {
        f.name("b", "x");
        f.string("c", "2");
    });
    // "b" and "x" kept their numbers; only "c" is new.
    assert_eq!(w.key_count(), 4);
    let mut keys = String::new();
    w.keys_text(&mut keys);
    assert_eq!(keys, ",a,b,x,c");
    assert_eq!(w.finish(), r#"{"b":"x","c":"2"}"#);
}

#[test]
fn fields_are_matched_whole_by_their_place_in_the_list() {
    let read = |text: &str| {
        let mut seen = Vec::new();
        Reader::read_all(text, |r| {
            r.fields("a,bc,d", |r, key| {
                seen.push(key);
                r.skip()
            })
        })
        .map(|_| seen)
    };
    // A prefix, a longer key, an empty key and a key with the separator
    // are none of the names.
    assert_eq!(
        read(r#"{"d": 1, "bc": 2, "a": 3, "b": 4, "bcd": 5, "": 6, "a,bc": 7}"#),
        Ok(vec![2, 1, 0, OTHER_KEY, OTHER_KEY, OTHER_KEY, OTHER_KEY])
    );
    // The path of an error is the key's, as with `object`.
    assert_eq!(read(r#"{"bc": tru}"#).unwrap_err().path, "bc");
}

#[test]
fn health_errors_read_alike_in_both_shapes() {
    use crate::HealthError;
    let normalized = HealthError::from_json(
        r#"{"entityType": "WABA", "errorCode": 141006, "errorDescription": "d", "possibleSolution": "s", "other": [1]}"#,
    );
    let meta = Reader::read_all(
        r#"{"error_code": 141006, "error_description": "d", "possible_solution": "s", "entity_type": "x"}"#,
        |r| health_error(r, "error_code,error_description,possible_solution"),
    );
    let expected = HealthError {
        entity_type: None,
        error_code: Some(141006),
        error_description: Some("d".into()),
        possible_solution: Some("s".into()),
    };
    // Meta names the entity on the entity, not on its errors.
    assert_eq!(meta, Ok(expected.clone()));
    assert_eq!(
        normalized,
        Ok(HealthError {
            entity_type: Some("WABA".into()),
            ..expected
        })
    );
    assert_eq!(
        HealthError::from_json(r#"{"errorCode": "x"}"#)
            .unwrap_err()
            .path,
        "errorCode"
    );
}

/// A `null` where a reader takes it for "none" is none, wherever the key
/// stands; it once failed the body when another key followed it (the null
/// was read by a match guard, then skipped again by the catch-all arm).
#[test]
fn a_null_read_as_none_is_not_skipped_twice() {
    use crate::{HealthError, Provider};
    let e = HealthError::from_json(r#"{"errorCode": null, "errorDescription": "d"}"#).unwrap();
    assert_eq!(
        (e.error_code, e.error_description.as_deref()),
        (None, Some("d"))
    );
    let lora = Provider::Lora
        .parse_list(r#"{"total": null, "phoneNumbers": []}"#)
        .unwrap();
    assert_eq!(lora.numbers.len(), 0);
    for paging in [
        r#"null"#,
        r#"{"cursors": null, "next": "https://x"}"#,
        r#"{"cursors": {"after": "A"}, "next": null}"#,
    ] {
        let body = [r#"{"paging": "#, paging, r#", "data": []}"#].concat();
        let page = Provider::Meta.parse_list(&body);
        assert!(page.is_ok(), "{body}: {page:?}");
        assert_eq!(page.unwrap().next_cursor, None, "{body}");
    }
}
