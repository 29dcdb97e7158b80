//! An `@odata.type` that is exactly what encoding the variant writes by itself is not stored (the
//! variant is the tag), wherever it comes in the object; every other tag is kept in additional data
//! and written back as it came.

mod common;

use graph_models::chat::AnyConversationMember;
use serde_json::Value;

fn decode(text: &str) -> AnyConversationMember {
    graph_models::from_str(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

#[test]
fn canonical_tags_of_derived_types_are_implied_by_the_variant() {
    for name in common::DERIVED_MEMBERS {
        let text = format!(r##"{{"@odata.type":"#microsoft.graph.{name}","id":"1","roles":[]}}"##);
        let member = decode(&text);
        assert!(
            member.additional_data().is_empty(),
            "{name}: {:?}",
            member.additional_data()
        );
        assert_eq!(member.odata_type(), format!("#microsoft.graph.{name}"));
        // Written back first and byte for byte.
        assert_eq!(graph_models::to_string(&member).unwrap(), text);
        assert!(!matches!(member, AnyConversationMember::Other(_)), "{name}");
        // Where the tag comes makes no difference: a later one (the object is buffered) is implied
        // too, so the value equals the one decoded from its own encoding.
        let later = format!(r##"{{"id":"1","roles":[],"@odata.type":"#microsoft.graph.{name}"}}"##);
        assert_eq!(decode(&later), member, "{name}");
    }
}

#[test]
fn other_tags_are_kept_as_they_came() {
    let kept = [
        // Other spellings of a derived type.
        r##"{"@odata.type":"#graph.aadUserConversationMember","id":"1"}"##,
        r##"{"@odata.type":"microsoft.graph.aadUserConversationMember","id":"1"}"##,
        r##"{"@odata.type":"#Microsoft.Graph.aadUserConversationMember","id":"1"}"##,
        r##"{"@odata.type":"https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.aadUserConversationMember","id":"1"}"##,
        r##"{"@type":"#microsoft.graph.aadUserConversationMember","id":"1"}"##,
        // The declared type is written without a tag of its own, so its tag must be kept.
        r##"{"@odata.type":"#microsoft.graph.conversationMember","id":"1"}"##,
        // A type this code does not know.
        r##"{"@odata.type":"#microsoft.graph.futureConversationMember","id":"1"}"##,
        // Not first (the object is buffered), in another spelling.
        r##"{"id":"1","@odata.type":"#graph.aadUserConversationMember"}"##,
    ];
    for text in kept {
        let member = decode(text);
        let raw: Value = serde_json::from_str(text).unwrap();
        let tag_key = if raw.get("@type").is_some() {
            "@type"
        } else {
            "@odata.type"
        };
        assert_eq!(
            member.additional_data().get(tag_key),
            raw.get(tag_key),
            "{text}"
        );
        let back = graph_models::to_value(&member).unwrap();
        assert_eq!(back, raw, "{text}");
        assert_eq!(back.as_object().unwrap().keys().next().unwrap(), tag_key);
    }
}

#[test]
fn a_derived_struct_alone_carries_its_tag_only_in_its_slot() {
    // As for a value built in Rust: the enum writes the tag; the struct taken out of it does not,
    // unless the tag is in its additional data.
    let member =
        decode(r##"{"@odata.type":"#microsoft.graph.aadUserConversationMember","id":"1"}"##);
    let AnyConversationMember::AadUserConversationMember(inner) = &member else {
        panic!("{member:?}")
    };
    assert_eq!(graph_models::to_string(inner).unwrap(), r#"{"id":"1"}"#);
    let mut tagged = inner.clone();
    tagged
        .additional_data
        .insert("@odata.type", "#microsoft.graph.aadUserConversationMember");
    assert_eq!(
        graph_models::to_string(&tagged).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.aadUserConversationMember","id":"1"}"##
    );
}

#[test]
fn a_second_tag_keeps_the_first_in_front() {
    // Tag first, then instance annotations, then declared properties (the crate's order).
    for (text, order) in [
        (
            r##"{"@odata.type":"#microsoft.graph.aadUserConversationMember","id":"1","@type":"#x"}"##,
            ["@odata.type", "@type", "id"].as_slice(),
        ),
        // A repeated key: the last value in the place of the first, as in `serde_json::Value`
        // (a repeat must name the same type; tests/hostile_json.rs has the error when it does not).
        (
            r##"{"@odata.type":"#microsoft.graph.aadUserConversationMember","@odata.type":"#graph.aadUserConversationMember","id":"1"}"##,
            ["@odata.type", "id"].as_slice(),
        ),
    ] {
        let member = decode(text);
        let raw: Value = serde_json::from_str(text).unwrap();
        let back = graph_models::to_value(&member).unwrap();
        assert_eq!(back, raw, "{text}");
        let keys: Vec<&str> = back
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, order, "{text}");
    }
}
