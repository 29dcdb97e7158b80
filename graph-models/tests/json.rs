//! Decoding entry points: `from_str`, `from_slice` and `from_reader` agree, and every error names
//! its JSON path, whether the object it is in streamed (tag first) or was buffered (tag later).

use graph_models::chat::{AnyConversationMember, Chat};
use graph_models::{Collection, DecodeError};
use serde_json::Value;
use std::io::Read;

/// A reader that hands out one byte per call, as a slow socket does.
struct Trickle<'a>(&'a [u8]);

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match (self.0.split_first(), buf.first_mut()) {
            (Some((b, rest)), Some(slot)) => {
                *slot = *b;
                self.0 = rest;
                Ok(1)
            }
            _ => Ok(0),
        }
    }
}

/// Decodes `text` as `T` through all three entry points; they must agree, on success and on error.
fn decode_all<T>(text: &str) -> Result<T, DecodeError>
where
    T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let a = graph_models::from_str::<T>(text);
    let b = graph_models::from_slice::<T>(text.as_bytes());
    let c = graph_models::from_reader::<_, T>(Trickle(text.as_bytes()));
    match (a, b, c) {
        (Ok(a), Ok(b), Ok(c)) => {
            assert_eq!(a, b);
            assert_eq!(a, c);
            Ok(a)
        }
        (Err(a), Err(b), Err(c)) => {
            for other in [&b, &c] {
                assert_eq!(a.path(), other.path(), "{text}");
                assert_eq!(a.message(), other.message(), "{text}");
                assert_eq!((a.line(), a.column()), (other.line(), other.column()));
            }
            Err(a)
        }
        (a, b, c) => panic!("entry points disagree on {text}: {a:?} / {b:?} / {c:?}"),
    }
}

const MEMBER: &str =
    r##"{"@odata.type":"#microsoft.graph.aadUserConversationMember","id":"m","roles":["owner"]}"##;

fn chat_with(third_member: &str) -> String {
    format!(r#"{{"id":"19:x","chatType":"group","members":[{MEMBER},{MEMBER},{third_member}]}}"#)
}

#[test]
fn the_three_entry_points_decode_the_same_value() {
    let text = chat_with(MEMBER);
    let chat: Chat = decode_all(&text).unwrap();
    assert_eq!(chat.members.as_deref().map(<[_]>::len), Some(3));
    let back = graph_models::to_value(&chat).unwrap();
    assert_eq!(back, serde_json::from_str::<Value>(&text).unwrap());
}

#[test]
fn errors_name_the_path_in_a_streamed_object() {
    let bad = r##"{"@odata.type":"#microsoft.graph.aadUserConversationMember","roles":[7]}"##;
    let err = decode_all::<Chat>(&chat_with(bad)).unwrap_err();
    assert_eq!(err.path(), "members[2].roles[0]");
    assert!(err.message().starts_with("invalid type: "), "{err}");
    assert!(!err.message().contains(" at line "), "{err}");
    assert!(err.line() == 1 && err.column() > 0, "{err}");
}

#[test]
fn errors_name_the_path_in_a_buffered_object() {
    // The tag comes last: this object is buffered to find it, then decoded from the buffer.
    let bad = r##"{"id":"m","roles":["owner",false],"@odata.type":"#microsoft.graph.aadUserConversationMember"}"##;
    let err = decode_all::<Chat>(&chat_with(bad)).unwrap_err();
    assert_eq!(err.path(), "members[2].roles[1]");
    assert!(
        err.message().contains("invalid type: boolean `false`"),
        "{err}"
    );
}

#[test]
fn a_tag_that_is_not_a_string_is_named_as_such() {
    for (tag, found) in [
        ("5", "a number"),
        ("1.5e3", "a number"),
        ("null", "null"),
        ("true", "a boolean"),
        ("[]", "an array"),
        (r#"{"a":1}"#, "an object"),
    ] {
        for key in ["@odata.type", "@type"] {
            let member = format!(r#"{{"{key}":{tag},"id":"m"}}"#);
            let err = decode_all::<Chat>(&chat_with(&member)).unwrap_err();
            assert_eq!(err.path(), format!("members[2].{key}"), "{member}");
            assert_eq!(
                err.message(),
                format!("{key} must be a string naming a type, found {found}"),
                "{member}"
            );
        }
    }
}

#[test]
fn syntax_and_trailing_errors() {
    let err = decode_all::<Chat>(r#"{"id":"19:x","members":[{"id":"m",}]}"#).unwrap_err();
    assert!(err.is_syntax(), "{err}");
    assert_eq!(err.path(), "members[0]");

    let err = decode_all::<Chat>(r#"{"id":"19:x"} {"#).unwrap_err();
    assert!(err.is_syntax(), "{err}");
    assert_eq!(err.path(), ".");
    assert_eq!(err.message(), "trailing characters");

    let err = decode_all::<Chat>(r#"{"id":"19:x""#).unwrap_err();
    assert!(err.is_syntax(), "{err}");
}

#[test]
fn a_failing_reader_is_a_decode_error() {
    struct Broken;
    impl Read for Broken {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("connection reset"))
        }
    }
    let err = graph_models::from_reader::<_, Chat>(Broken).unwrap_err();
    assert_eq!(err.path(), ".");
    assert!(err.message().contains("connection reset"), "{err}");
    assert!(!err.is_syntax());
}

#[test]
fn slices_decode_borrowed_keys_and_escaped_ones() {
    // An escaped key cannot be borrowed from the input; it must still find its field.
    let text =
        r#"{"value":[{"id":"19:x","\u0074opic":"t\u00e9","chatType":"group"}],"@odata.count":1}"#;
    let page: Collection<Chat> = decode_all(text).unwrap();
    assert_eq!(page.items()[0].topic.as_deref(), Some("t\u{e9}"));
    assert!(page.items()[0].additional_data.is_empty());
    assert_eq!(
        page.additional_data.get("@odata.count"),
        Some(&Value::from(1))
    );
}

#[test]
fn members_decode_from_a_flat_array() {
    let text = format!("[{MEMBER},{MEMBER}]");
    let members: Vec<AnyConversationMember> = decode_all(&text).unwrap();
    assert!(matches!(
        members[1],
        AnyConversationMember::AadUserConversationMember(_)
    ));
    let err = decode_all::<Vec<AnyConversationMember>>(&format!(
        r##"[{MEMBER},{{"@odata.type":"#microsoft.graph.chat"}}]"##
    ))
    .unwrap_err();
    assert_eq!(err.path(), "[1]");
    assert!(err.message().contains("does not derive from"), "{err}");
}

#[test]
fn repeated_undeclared_keys_keep_the_last_value_in_the_first_place() {
    // Past the first few keys repeats are merged when the object ends: same result either way.
    for count in [3usize, 15, 16, 17, 40, 2000] {
        let mut text = String::from(r#"{"id":"19:x""#);
        for i in 0..count {
            text.push_str(&format!(r#","k{}":{i}"#, i % (count / 2 + 1)));
        }
        text.push_str(r#","topic":"t","k0":"last"}"#);
        let chat: Chat = graph_models::from_str(&text).unwrap();
        let expected: Value = serde_json::from_str(&text).unwrap();
        let back = graph_models::to_value(&chat).unwrap();
        assert_eq!(back, expected, "{count}");
        let keys: Vec<&str> = chat.additional_data.iter().map(|(k, _)| k).collect();
        let expected_keys: Vec<&str> = expected
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .filter(|k| k.starts_with('k'))
            .collect();
        assert_eq!(keys, expected_keys, "{count}");
        assert_eq!(chat.additional_data.get("k0"), Some(&Value::from("last")));
    }
}
