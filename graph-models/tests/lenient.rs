//! Lenient decoding (`from_str_lenient`): a value that does not fit its declared type is kept as it
//! came, under its key in the additional data of the object holding it, and reported; the payload
//! re-encodes to the same JSON. Strict decoding of the same payload fails at the first such value,
//! naming its path and declared type.

use graph_models::chat::{AnyConversationMember, Chat, ChatType};
use graph_models::{Collection, Field, Mismatch};
use serde_json::{json, Value};

/// A chat as Graph sends it, with four values that do not fit: a timestamp without an offset, an
/// enum member sent as an object, a member whose tag names a type that is not a conversation
/// member, and a `roles` array holding a number.
fn misfit_chat() -> Value {
    json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#chats/$entity",
        "id": "19:meeting_MjdhNjM4YzUtYzExZi00OTFkLTkzZTAtNTVlNmZmMDhkNGU2@thread.v2",
        "topic": "Planning",
        "createdDateTime": "2021-04-06T19:49:52.431",
        "chatType": {},
        "viewpoint": {"isHidden": false, "lastMessageReadDateTime": "2021-04-06T19:50:00Z"},
        "members": [
            {
                "@odata.type": "#microsoft.graph.aadUserConversationMember",
                "id": "m1",
                "displayName": "Adele Vance",
                "roles": ["owner", 7],
                "userId": "73761f06-2ac9-469c-9f10-279a8cc267f9"
            },
            {
                "@odata.type": "#microsoft.graph.chat",
                "id": "m2",
                "displayName": "Not a member"
            },
            {
                "displayName": "Grady Archie",
                "@odata.type": "#microsoft.graph.aadUserConversationMember",
                "visibleHistoryStartDateTime": "0001-01-01T00:00:00Z",
                "roles": []
            }
        ],
        "webUrl": "https://teams.microsoft.com/l/chat/19%3Ameeting/0"
    })
}

fn lenient<T: serde::de::DeserializeOwned>(input: &Value) -> graph_models::Lenient<T> {
    graph_models::from_str_lenient(&input.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

fn paths(mismatches: &[Mismatch]) -> Vec<&str> {
    mismatches.iter().map(|m| m.path.as_str()).collect()
}

#[test]
fn misfit_values_are_kept_and_reported() {
    let input = misfit_chat();
    let decoded = lenient::<Chat>(&input);
    let chat = &decoded.value;
    assert_eq!(
        paths(&decoded.mismatches),
        [
            "createdDateTime",
            "chatType",
            "members[0].roles[1]",
            "members[1]"
        ]
    );
    let [created, chat_type, roles, tag] = &decoded.mismatches[..] else {
        unreachable!()
    };
    assert_eq!(created.declared.as_deref(), Some("Edm.DateTimeOffset"));
    assert_eq!(created.found, json!("2021-04-06T19:49:52.431"));
    assert!(created.message.contains("time-zone offset"), "{created}");
    assert_eq!(
        chat_type.declared.as_deref(),
        Some("microsoft.graph.chatType")
    );
    assert_eq!(chat_type.found, json!({}));
    // The element that does not fit, and the declared type of the property holding it; the
    // whole array is kept (its elements have one declared type).
    assert_eq!(roles.declared.as_deref(), Some("Collection(Edm.String)"));
    assert_eq!(roles.found, json!(7));
    assert_eq!(
        tag.declared.as_deref(),
        Some("Collection(microsoft.graph.conversationMember)")
    );
    assert_eq!(tag.found, input["members"][1]);
    assert!(tag.message.contains("does not derive from"), "{tag}");

    // The typed fields are absent; the values sit under their own keys.
    assert!(chat.created_date_time.is_absent());
    assert_eq!(
        chat.additional_data.get("createdDateTime"),
        Some(&json!("2021-04-06T19:49:52.431"))
    );
    assert!(chat.chat_type.is_absent());
    assert_eq!(chat.additional_data.get("chatType"), Some(&json!({})));
    // Everything else is typed as usual.
    assert_eq!(chat.topic.as_deref(), Some("Planning"));
    assert!(chat
        .viewpoint
        .get()
        .is_some_and(|v| v.is_hidden == Field::Value(false)));
    let members = chat.members.as_deref().unwrap();
    assert_eq!(members.len(), 3);
    let AnyConversationMember::AadUserConversationMember(adele) = &members[0] else {
        panic!("{:?}", members[0]);
    };
    assert!(adele.roles.is_absent());
    assert_eq!(
        adele.additional_data.get("roles"),
        Some(&json!(["owner", 7]))
    );
    assert_eq!(adele.display_name.as_deref(), Some("Adele Vance"));
    // A tag that does not fit: the member decodes as the declared type, its tag kept.
    let AnyConversationMember::ConversationMember(other) = &members[1] else {
        panic!("{:?}", members[1]);
    };
    assert_eq!(other.display_name.as_deref(), Some("Not a member"));
    assert_eq!(members[1].odata_type(), "#microsoft.graph.chat");
    assert!(matches!(
        &members[2],
        AnyConversationMember::AadUserConversationMember(m) if m.display_name.as_deref() == Some("Grady Archie")
    ));

    // Re-encoding writes the same JSON back.
    assert_eq!(graph_models::to_value(&decoded.value).unwrap(), input);
}

#[test]
fn strict_decoding_fails_at_the_first_misfit_with_its_declared_type() {
    let input = misfit_chat();
    let error = graph_models::from_str::<Chat>(&input.to_string()).unwrap_err();
    assert_eq!(error.path(), "createdDateTime");
    assert_eq!(error.declared_type(), Some("Edm.DateTimeOffset"));
    assert_eq!(
        error.property(),
        Some(("microsoft.graph.chat", "createdDateTime"))
    );
    // Inside a member, the innermost declared property is named.
    let error = graph_models::from_str::<AnyConversationMember>(&input["members"][0].to_string())
        .unwrap_err();
    assert_eq!(error.path(), "roles[1]");
    assert_eq!(error.declared_type(), Some("Collection(Edm.String)"));
    // Named by the struct that holds it (an inherited property is a field of each derived struct).
    assert_eq!(
        error.property(),
        Some(("microsoft.graph.aadUserConversationMember", "roles"))
    );
    // An error that is not in a declared property names none.
    let error = graph_models::from_str::<Chat>("[1]").unwrap_err();
    assert_eq!((error.path(), error.declared_type()), (".", None));
}

#[test]
fn a_payload_that_fits_decodes_as_strictly() {
    let mut input = misfit_chat();
    input["createdDateTime"] = json!("2021-04-06T19:49:52.431Z");
    input["chatType"] = json!("meeting");
    input["members"][0]["roles"] = json!(["owner"]);
    input["members"].as_array_mut().unwrap().remove(1);
    let decoded = lenient::<Chat>(&input);
    assert!(decoded.mismatches.is_empty(), "{:?}", decoded.mismatches);
    let strict: Chat = graph_models::from_str(&input.to_string()).unwrap();
    assert_eq!(decoded.value, strict);
    assert_eq!(strict.chat_type, Field::Value(ChatType::Meeting));
}

#[test]
fn one_misfit_item_does_not_fail_the_page() {
    let mut second = misfit_chat();
    second["id"] = json!("19:second@thread.v2");
    let page = json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#chats",
        "@odata.count": 3,
        "value": [
            {"id": "19:first@thread.v2", "chatType": "group"},
            second,
            {"id": "19:third@thread.v2", "chatType": "oneOnOne", "createdDateTime": "yesterday"}
        ]
    });
    let decoded = lenient::<Collection<Chat>>(&page);
    assert_eq!(decoded.value.items().len(), 3);
    assert_eq!(decoded.value.count(), Some(3));
    assert_eq!(
        paths(&decoded.mismatches),
        [
            "value[1].createdDateTime",
            "value[1].chatType",
            "value[1].members[0].roles[1]",
            "value[1].members[1]",
            "value[2].createdDateTime"
        ]
    );
    assert_eq!(
        decoded.value.items()[2].chat_type,
        Field::Value(ChatType::OneOnOne)
    );
    assert_eq!(graph_models::to_value(&decoded.value).unwrap(), page);
}

#[test]
fn a_misfit_tag_in_a_buffered_object_is_set_aside_alone() {
    // The tag comes after other keys, so the object is buffered before its variant is chosen.
    let member = json!({"displayName": "Late tag", "roles": ["guest"], "@odata.type": "#microsoft.graph.chat"});
    let decoded = lenient::<AnyConversationMember>(&member);
    // The tag chooses for the whole object: the object is the value that does not fit.
    assert_eq!(paths(&decoded.mismatches), ["."]);
    assert_eq!(decoded.mismatches[0].found, member);
    assert_eq!(decoded.mismatches[0].declared, None);
    let AnyConversationMember::ConversationMember(m) = &decoded.value else {
        panic!("{:?}", decoded.value);
    };
    assert_eq!(m.roles.as_deref(), Some(&["guest".to_string()][..]));
    assert_eq!(graph_models::to_value(&decoded.value).unwrap(), member);
}

#[test]
fn malformed_json_and_a_misfit_top_level_value_stay_errors() {
    let error = graph_models::from_str_lenient::<Chat>(r#"{"id": "x",}"#).unwrap_err();
    assert!(error.is_syntax(), "{error}");
    assert_eq!((error.line(), error.column()), (1, 12));
    let error = graph_models::from_str_lenient::<Chat>(r#"["a chat?"]"#).unwrap_err();
    assert_eq!(error.path(), ".");
    let error = graph_models::from_slice_lenient::<Chat>(br#"{"id": "#).unwrap_err();
    assert!(error.is_syntax(), "{error}");
}

#[test]
fn keys_are_kept_exactly_in_strict_decoding() {
    // The key lenient decoding renames a value with ends in this; strict decoding never strips it.
    let key = "topic\u{0}graph-models:lenient\u{0}";
    let input = json!({ key: "kept", "topic": "t" });
    let chat: Chat = graph_models::from_str(&input.to_string()).unwrap();
    assert_eq!(chat.additional_data.get(key), Some(&json!("kept")));
    assert_eq!(chat.topic.as_deref(), Some("t"));
    assert_eq!(graph_models::to_value(&chat).unwrap(), input);
}

#[test]
fn a_payload_of_misfits_is_refused_past_the_bound() {
    let chat = |n: usize| json!({"id": format!("c{n}"), "createdDateTime": "not a time"});
    let page = |n: usize| json!({"value": (0..n).map(chat).collect::<Vec<_>>()}).to_string();
    let at_bound =
        graph_models::from_str_lenient::<Collection<Chat>>(&page(graph_models::MAX_MISMATCHES))
            .unwrap();
    assert_eq!(at_bound.mismatches.len(), graph_models::MAX_MISMATCHES);
    let error =
        graph_models::from_str_lenient::<Collection<Chat>>(&page(graph_models::MAX_MISMATCHES + 1))
            .unwrap_err();
    assert_eq!(error.path(), ".");
    assert!(
        error.message().starts_with("more than 1000 values"),
        "{error}"
    );
}
