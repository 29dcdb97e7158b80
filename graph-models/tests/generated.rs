//! One test (or more) per bullet of "The generated code", on real Graph payloads where the corpus
//! has them and on `tests/data/edge.csdl` for what Graph's chat types do not exercise.

use graph_models::chat::{
    AadUserConversationMember, AnyConversationMember, Chat, ChatType, ConversationMember,
    TeamworkUserIdentityType,
};
use graph_models::{Collection, Field};
use serde_json::{json, Value};

mod edge {
    graph_models::odata_models! {
        metadata: "tests/data/edge.csdl",
        types: *,
    }
}

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(input: &str) -> (T, Value) {
    let value: T = graph_models::from_str(input).unwrap_or_else(|e| panic!("{e}"));
    (
        value,
        graph_models::to_value(&graph_models::from_str::<T>(input).unwrap()).unwrap(),
    )
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

// --- Names: snake_case Rust, exact JSON, keywords and collisions -------------------------------

#[test]
fn names_keywords_and_collisions() {
    #[allow(deprecated)]
    let names = edge::Names {
        id: "a".into(),
        id_: "b".into(),
        r#type: "t".into(),
        self_: "s".into(),
        self__: "S".into(),
        additional_data_: "property, not the catch-all".into(),
        r#loop: edge::Keyword::Loop_.into(),
        ..Default::default()
    };
    let v = graph_models::to_value(&names).unwrap();
    assert_eq!(
        v,
        json!({"ID": "a", "Id": "b", "type": "t", "self": "s", "Self": "S",
               "additionalData": "property, not the catch-all", "loop": "Loop"})
    );
    let back: edge::Names = graph_models::from_str(&v.to_string()).unwrap();
    assert_eq!(back, names);
    assert!(back.additional_data.is_empty());
    // Enum members that are keywords or differ only by case.
    let all = [
        edge::Keyword::Loop,
        edge::Keyword::Loop_,
        edge::Keyword::Box,
        edge::Keyword::Enum,
        edge::Keyword::Override,
        edge::Keyword::Unknown_,
        edge::Keyword::Self_,
    ];
    let names: Vec<&str> = all.iter().map(|k| k.as_str()).collect();
    assert_eq!(
        names,
        ["loop", "Loop", "box", "enum", "override", "unknown", "self"]
    );
}

// --- Null vs absent -----------------------------------------------------------------------------

#[test]
fn null_and_absent_stay_apart() {
    // chat-list__2__response.json has "topic": null for the one-on-one chat.
    let input = r#"{"id":"19:x","topic":null,"chatType":"oneOnOne"}"#;
    let (chat, back): (Chat, Value) = round_trip(input);
    assert!(chat.topic.is_null());
    assert!(chat.web_url.is_absent());
    assert_eq!(chat.topic.as_deref(), None);
    assert_eq!(
        back,
        json!({"id": "19:x", "topic": null, "chatType": "oneOnOne"})
    );

    // PATCH that clears the topic and sends nothing else.
    let mut patch = Chat::default();
    patch.topic.clear();
    assert_eq!(
        graph_models::to_string(&patch).unwrap(),
        r#"{"topic":null}"#
    );
    patch.topic.set("New title");
    assert_eq!(patch.topic.as_deref(), Some("New title"));
    patch.topic.unset();
    assert_eq!(graph_models::to_string(&patch).unwrap(), "{}");
}

// --- Edm primitives -----------------------------------------------------------------------------

#[test]
fn every_primitive_re_encodes_to_the_value_it_came_from() {
    let input = json!({
        "string": "x\u{e9}\"\\\n",
        "boolean": true,
        "byte": 255,
        "sbyte": -128,
        "int16": -32768,
        "int32": 2147483647,
        "int64": "9223372036854775807",
        "decimal": 12345678901234567890.1234567890_f64,
        "double": "INF",
        "single": 1.5,
        "guid": "8B081EF6-4792-4DEF-B2C9-C363A1BF41D5",
        "dateTimeOffset": "2020-12-04T23:10:28.51Z",
        "date": "2024-02-29",
        "timeOfDay": "23:59:59.1234567",
        "duration": "-P1DT2H3M4.5S",
        "binary": "_-8",
        "stream": {"@odata.mediaReadLink": "https://x/y"},
        "untyped": [1, "two", {"three": null}],
        "sku": "ABC-123",
        "keyword": "enum",
        "permissions": "read,write",
        "doubles": [1, 1.0, "NaN", "-INF", 2.5e10]
    });
    // Decimal digits must survive: take the text as written, not through f64.
    let text = input.to_string().replace(
        &input["decimal"].to_string(),
        "12345678901234567890.1234567890",
    );
    let (values, back): (edge::AllPrimitives, Value) = round_trip(&text);
    let expected: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(back, expected);
    assert_eq!(values.int32, Field::Value(i32::MAX));
    assert_eq!(values.int64.get().map(|v| v.get()), Some(i64::MAX));
    assert_eq!(
        values.decimal.get().map(|d| d.as_str()),
        Some("12345678901234567890.1234567890")
    );
    assert!(values.double.get().is_some_and(|d| d.get().is_infinite()));
    assert_eq!(values.sku.as_deref(), Some("ABC-123"));
    assert_eq!(values.keyword, Field::Value(edge::Keyword::Enum));
    let permissions = values.permissions.get().unwrap();
    assert_eq!(permissions.bits(), 3);
}

#[test]
fn primitive_errors_name_the_json_path() {
    let err =
        graph_models::from_str::<edge::Names>(r#"{"values":{"guid":"not-a-guid"}}"#).unwrap_err();
    assert_eq!(err.path(), "values.guid");
    assert!(err.to_string().contains("not-a-guid"), "{err}");
    let err =
        graph_models::from_str::<edge::Names>(r#"{"values":{"int32":2147483648}}"#).unwrap_err();
    assert_eq!(err.path(), "values.int32");
    let err =
        graph_models::from_str::<edge::Names>(r#"{"values":{"doubles":[1,"x"]}}"#).unwrap_err();
    assert_eq!(err.path(), "values.doubles[1]");
}

// --- Enums --------------------------------------------------------------------------------------

#[test]
fn unknown_enum_members_are_kept() {
    let (chat, back): (Chat, Value) = round_trip(r#"{"chatType":"community"}"#);
    assert_eq!(
        chat.chat_type,
        Field::Value(ChatType::Unknown("community".into()))
    );
    assert_eq!(back, json!({"chatType": "community"}));
    // chat-list__4__response.json has "chatType": "meeting", a member the metadata declares.
    let (chat, _): (Chat, Value) = round_trip(r#"{"chatType":"meeting"}"#);
    assert_eq!(chat.chat_type, Field::Value(ChatType::Meeting));
    assert_eq!(ChatType::Meeting.value(), Some(2));
    assert_eq!(TeamworkUserIdentityType::AadUser.as_str(), "aadUser");
}

#[test]
fn flags_enums_keep_csdl_values_and_unknown_members() {
    let (values, back): (edge::AllPrimitives, Value) =
        round_trip(r#"{"permissions":"admin,read,someday"}"#);
    assert_eq!(back, json!({"permissions": "admin,read,someday"}));
    let p = values.permissions.get().unwrap();
    assert_eq!(p.bits(), 4294967297);
    assert!(p.contains(&edge::Permission::Unknown("someday".into())));
}

// --- Polymorphism -------------------------------------------------------------------------------

fn member(json: &str) -> AnyConversationMember {
    graph_models::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"))
}

#[test]
fn every_tag_form_selects_the_derived_type() {
    for tag in [
        r##""@odata.type":"#microsoft.graph.aadUserConversationMember""##,
        r##""@odata.type":"#graph.aadUserConversationMember""##,
        r##""@odata.type":"microsoft.graph.aadUserConversationMember""##,
        r##""@odata.type":"https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.aadUserConversationMember""##,
        r##""@type":"#microsoft.graph.aadUserConversationMember""##,
        r##""@odata.type":"#Microsoft.Graph.aadUserConversationMember""##,
    ] {
        // First, in the middle and last in the object.
        for json in [
            format!(r#"{{{tag},"id":"1","tenantId":"t"}}"#),
            format!(r#"{{"id":"1",{tag},"tenantId":"t"}}"#),
            format!(r#"{{"id":"1","tenantId":"t",{tag}}}"#),
        ] {
            match member(&json) {
                AnyConversationMember::AadUserConversationMember(m) => {
                    assert_eq!(m.tenant_id.as_deref(), Some("t"), "{json}");
                    assert_eq!(m.id.as_deref(), Some("1"), "{json}");
                }
                other => panic!("{json}: decoded as {other:?}"),
            }
            // The tag is written back exactly as it came, first.
            let back = graph_models::to_value(&member(&json)).unwrap();
            assert_eq!(back, serde_json::from_str::<Value>(&json).unwrap());
            assert!(keys(&back)[0].ends_with("type"));
        }
    }
}

#[test]
fn untagged_values_take_the_declared_type() {
    // conversationmember-get__2__response.json carries no @odata.type.
    match member(r#"{"id":"id-value","displayName":"x","roles":[]}"#) {
        AnyConversationMember::ConversationMember(m) => {
            assert_eq!(m.display_name.as_deref(), Some("x"))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_types_fall_back_without_loss() {
    let json = r##"{"@odata.type":"#microsoft.graph.someFutureMember","id":"1","displayName":"d","futureProp":{"a":[1,2]}}"##;
    let m = member(json);
    match &m {
        AnyConversationMember::Other(base) => {
            assert_eq!(base.display_name.as_deref(), Some("d"));
            assert_eq!(
                base.additional_data.get("futureProp"),
                Some(&json!({"a": [1, 2]}))
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(m.odata_type(), "#microsoft.graph.someFutureMember");
    assert_eq!(
        graph_models::to_value(&m).unwrap(),
        serde_json::from_str::<Value>(json).unwrap()
    );
}

#[test]
fn a_known_unrelated_tag_is_an_error_with_its_path() {
    let err = graph_models::from_str::<Chat>(
        r##"{"members":[{"@odata.type":"#microsoft.graph.aadUserConversationMember"},{"@odata.type":"#microsoft.graph.chat"}]}"##,
    )
    .unwrap_err();
    assert_eq!(err.path(), "members[1]");
    assert!(
        err.message().contains("names type microsoft.graph.chat, which does not derive from microsoft.graph.conversationMember"),
        "{err}"
    );
    let err = graph_models::from_str::<AnyConversationMember>(r#"{"@odata.type":5}"#).unwrap_err();
    assert!(
        err.message().contains("@odata.type must be a string"),
        "{err}"
    );
}

#[test]
fn derived_values_encode_their_tag_first_without_being_asked() {
    let member: AnyConversationMember = AadUserConversationMember {
        roles: vec!["owner".to_string()].into(),
        ..Default::default()
    }
    .into();
    let v = graph_models::to_value(&member).unwrap();
    assert_eq!(keys(&v), ["@odata.type", "roles"]);
    assert_eq!(
        v["@odata.type"],
        "#microsoft.graph.aadUserConversationMember"
    );
    // The declared type itself needs no tag.
    let base: AnyConversationMember = ConversationMember::default().into();
    assert_eq!(graph_models::to_string(&base).unwrap(), "{}");
    assert_eq!(member.roles().as_deref(), Some(&["owner".to_string()][..]));
}

// --- Additional data ----------------------------------------------------------------------------

#[test]
fn additional_data_is_kept_in_order_and_written_back() {
    // The shape of chat-get-members / chat-list responses: context, count, next link, per-item
    // annotations and properties a newer service adds.
    let input = r##"{
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#chats",
        "@odata.count": 2,
        "value": [{
            "id": "19:a",
            "members@odata.context": "https://graph.microsoft.com/v1.0/$metadata#chats('19%3Aa')/members",
            "members": [{"@odata.type": "#microsoft.graph.aadUserConversationMember", "user@odata.bind": "u", "zeta": 1, "alpha": 2}],
            "futureB": true,
            "futureA": null
        }],
        "@odata.nextLink": "https://graph.microsoft.com/v1.0/chats?$skiptoken=x"
    }"##;
    let (page, back): (Collection<Chat>, Value) = round_trip(input);
    assert_eq!(back, serde_json::from_str::<Value>(input).unwrap());
    assert_eq!(
        page.next_link(),
        Some("https://graph.microsoft.com/v1.0/chats?$skiptoken=x")
    );
    let chat = &page.items()[0];
    assert_eq!(
        keys(&back["value"][0]),
        [
            "id",
            "members@odata.context",
            "members",
            "futureB",
            "futureA"
        ]
    );
    let extra: Vec<&str> = chat.additional_data.iter().map(|(k, _)| k).collect();
    assert_eq!(extra, ["members@odata.context", "futureB", "futureA"]);
    assert_eq!(
        keys(&back["value"][0]["members"][0]),
        ["@odata.type", "user@odata.bind", "zeta", "alpha"]
    );
}

#[test]
fn duplicate_keys_last_wins() {
    let (chat, back): (Chat, Value) = round_trip(r#"{"topic":"a","x":1,"topic":"b","x":2}"#);
    assert_eq!(chat.topic.as_deref(), Some("b"));
    assert_eq!(back, json!({"topic": "b", "x": 2}));
}

// --- Typed @odata.bind --------------------------------------------------------------------------

#[test]
fn navigation_binds_need_no_string_keys() {
    let m = AadUserConversationMember::default()
        .with_user_bind("https://graph.microsoft.com/v1.0/users('x')");
    assert_eq!(
        m.user_bind(),
        Some("https://graph.microsoft.com/v1.0/users('x')")
    );
    assert_eq!(
        graph_models::to_value(&m).unwrap(),
        json!({"user@odata.bind": "https://graph.microsoft.com/v1.0/users('x')"})
    );
    // A collection bind (on a navigation property that is not contained): tests/two_calls.rs.
    // A decoded bind reads back through the same accessor.
    let decoded: AadUserConversationMember = graph_models::from_str(
        r#"{"user@odata.bind":"https://graph.microsoft.com/v1.0/users('y')"}"#,
    )
    .unwrap();
    assert_eq!(
        decoded.user_bind(),
        Some("https://graph.microsoft.com/v1.0/users('y')")
    );
}

// --- Recursive types, Debug/Clone/PartialEq/Default ---------------------------------------------

#[test]
fn recursive_types_are_boxed_and_round_trip() {
    let input =
        r#"{"label":"leaf","parent":{"label":"root","parent":null},"children":[{"label":"c"}]}"#;
    let (node, back): (edge::TreeNode, Value) = round_trip(input);
    let parent: &edge::TreeNode = node.parent.get().unwrap();
    assert_eq!(parent.label.as_deref(), Some("root"));
    assert_eq!(back, serde_json::from_str::<Value>(input).unwrap());
    let copy = node.clone();
    assert_eq!(copy, node);
    assert!(format!("{node:?}").contains("root"));
}
