//! Hostile JSON against the generated models: every case ends in the exact error (kind, JSON path,
//! message) or in the exact data kept; nothing panics or overflows the stack.

use graph_models::chat::{AnyConversationMember, Chat, ConversationMember};
use graph_models::{Collection, DecodeError, Field};
use serde_json::{json, Value};

mod edge {
    graph_models::odata_models! {
        metadata: "tests/data/edge.csdl",
        types: *,
    }
}

use serde_json::error::Category;

/// The error of a decode that must fail: its kind, JSON path and message.
fn fail<T: serde::de::DeserializeOwned + std::fmt::Debug>(
    text: &str,
) -> (Category, String, String) {
    let err: DecodeError = match graph_models::from_str::<T>(text) {
        Ok(v) => panic!("decoded: {v:?}"),
        Err(e) => e,
    };
    let inner = std::error::Error::source(&err)
        .and_then(|s| s.downcast_ref::<serde_json::Error>())
        .expect("a serde_json error underneath");
    // The three entry points agree.
    let slice = graph_models::from_slice::<T>(text.as_bytes()).unwrap_err();
    assert_eq!((slice.path(), slice.message()), (err.path(), err.message()));
    let reader = graph_models::from_reader::<_, T>(text.as_bytes()).unwrap_err();
    assert_eq!(
        (reader.path(), reader.message()),
        (err.path(), err.message())
    );
    (
        inner.classify(),
        err.path().to_string(),
        err.message().to_string(),
    )
}

fn decode<T: serde::de::DeserializeOwned>(text: &str) -> T {
    graph_models::from_str(text).unwrap_or_else(|e| panic!("{e}"))
}

/// `{"k":[[[...]]]}` nested `depth` arrays deep.
fn deep_arrays(key: &str, depth: usize) -> String {
    format!("{{\"{key}\":{}{}}}", "[".repeat(depth), "]".repeat(depth))
}

// --- Nesting ------------------------------------------------------------------------------------

/// serde_json's limit: a 128th nested array or object (the root counts) is refused. The error
/// names the path down to that container.
const LIMIT: usize = 128;

#[test]
fn nesting_ten_thousand_deep_is_an_error_not_a_stack_overflow() {
    let depth = 10_000;
    let limit = (Category::Syntax, "recursion limit exceeded".to_string());
    let check = |(kind, path, message): (Category, String, String), want: String| {
        assert_eq!((kind, message), limit.clone(), "{path}");
        assert_eq!(path, want);
    };
    // Undeclared: additional data holds a serde_json::Value.
    check(
        fail::<Chat>(&deep_arrays("x", depth)),
        format!("x{}", "[0]".repeat(LIMIT - 2)),
    );
    let objects = format!(
        "{{\"x\":{}1{}}}",
        "{\"a\":".repeat(depth),
        "}".repeat(depth)
    );
    check(
        fail::<Chat>(&objects),
        format!("x{}", ".a".repeat(LIMIT - 2)),
    );
    // A declared recursive type: each level a generated struct (boxed).
    let tree = format!("{}{}", "{\"parent\":".repeat(depth), "}".repeat(depth));
    check(
        fail::<edge::TreeNode>(&tree),
        vec!["parent"; LIMIT - 1].join("."),
    );
    // Edm.Untyped, one object down.
    let untyped = format!("{{\"values\":{}}}", deep_arrays("untyped", depth));
    check(
        fail::<edge::Names>(&untyped),
        format!("values.untyped{}", "[0]".repeat(LIMIT - 3)),
    );
    // A polymorphic object buffered until its tag, which comes after the deep value.
    let buffered = format!(
        "{{\"x\":{}{},\"@odata.type\":\"#microsoft.graph.aadUserConversationMember\"}}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    check(
        fail::<AnyConversationMember>(&buffered),
        format!("x{}", "[0]".repeat(LIMIT - 2)),
    );
    // Inside a page of chats, inside a member.
    let page = format!(
        "{{\"value\":[{{\"members\":[{}]}}]}}",
        deep_arrays("x", depth)
    );
    check(
        fail::<Collection<Chat>>(&page),
        format!("value[0].members[0].x{}", "[0]".repeat(LIMIT - 6)),
    );
    // Just under the limit is data, kept and written back exactly.
    let fits = deep_arrays("x", LIMIT - 2);
    let chat: Chat = decode(&fits);
    assert_eq!(graph_models::to_string(&chat).unwrap(), fits);
}

// --- Size ---------------------------------------------------------------------------------------

#[test]
fn an_array_of_a_million_members() {
    let n = 1_000_000;
    // A million conversation members, every other one tagged.
    let mut text = String::from("{\"members\":[");
    for i in 0..n {
        if i > 0 {
            text.push(',');
        }
        if i % 2 == 0 {
            text.push_str(
                r##"{"@odata.type":"#microsoft.graph.skypeUserConversationMember","skypeId":"s"}"##,
            );
        } else {
            text.push_str("{}");
        }
    }
    text.push_str("]}");
    let chat: Chat = decode(&text);
    let members = chat.members.as_deref().unwrap();
    assert_eq!(members.len(), n);
    assert!(
        matches!(&members[0], AnyConversationMember::SkypeUserConversationMember(m) if m.skype_id.as_deref() == Some("s"))
    );
    assert_eq!(
        members[n - 1],
        AnyConversationMember::from(ConversationMember::default())
    );
    assert_eq!(graph_models::to_string(&chat).unwrap(), text);
    drop(chat);
    // A million strings in a declared collection, and a million numbers in additional data.
    let roles: Vec<String> = (0..n).map(|i| i.to_string()).collect();
    let text = json!({"roles": roles, "extra": (0..n).collect::<Vec<usize>>()}).to_string();
    let member: ConversationMember = decode(&text);
    assert_eq!(member.roles.as_deref().map(<[String]>::len), Some(n));
    assert_eq!(member.roles.as_deref().unwrap()[n - 1], (n - 1).to_string());
    let extra = member
        .additional_data
        .get("extra")
        .unwrap()
        .as_array()
        .unwrap();
    assert_eq!(extra.len(), n);
    assert_eq!(extra[n - 1], json!(n - 1));
    assert_eq!(graph_models::to_string(&member).unwrap(), text);
}

// --- Duplicate keys: the last value wins, in the place of the first ----------------------------

#[test]
fn duplicate_keys_keep_the_last_value() {
    // Declared, undeclared and annotation keys alike.
    let chat: Chat = decode(
        r#"{"topic":"a","x":1,"@odata.context":"c1","topic":"b","y":true,"x":2,"@odata.context":"c2","topic":null}"#,
    );
    assert_eq!(chat.topic, Field::Null);
    let kept: Vec<(&str, &Value)> = chat.additional_data.iter().collect();
    assert_eq!(
        kept,
        [
            ("x", &json!(2)),
            ("@odata.context", &json!("c2")),
            ("y", &json!(true))
        ]
    );
    assert_eq!(
        graph_models::to_string(&chat).unwrap(),
        r#"{"@odata.context":"c2","topic":null,"x":2,"y":true}"#
    );
    // Past sixteen undeclared keys (where repeats are merged when the object ends): the same rule.
    let mut text = String::from("{");
    for i in 0..40 {
        text.push_str(&format!("\"k{}\":{i},", i % 20));
    }
    text.push_str("\"topic\":\"t\"}");
    let chat: Chat = decode(&text);
    let kept: Vec<(&str, i64)> = chat
        .additional_data
        .iter()
        .map(|(k, v)| (k, v.as_i64().unwrap()))
        .collect();
    let want: Vec<(String, i64)> = (0..20).map(|i| (format!("k{i}"), i + 20)).collect();
    let want: Vec<(&str, i64)> = want.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(kept, want);
    // The same inside a member whose tag comes last (a buffered object).
    let member: AnyConversationMember = decode(
        r##"{"roles":["a"],"x":1,"roles":["b"],"x":2,"@odata.type":"#microsoft.graph.aadUserConversationMember"}"##,
    );
    assert_eq!(member.roles().as_deref(), Some(&["b".to_string()][..]));
    assert_eq!(member.additional_data().get("x"), Some(&json!(2)));
    assert_eq!(member.additional_data().len(), 1);
}

#[test]
fn a_repeated_tag_keeps_its_last_value_and_must_name_the_same_type() {
    // The same type in two spellings: the last spelling is kept (and written back first).
    for text in [
        r##"{"@odata.type":"#microsoft.graph.aadUserConversationMember","@odata.type":"#graph.aadUserConversationMember","id":"1"}"##,
        r##"{"id":"1","@odata.type":"#microsoft.graph.aadUserConversationMember","@odata.type":"#graph.aadUserConversationMember"}"##,
    ] {
        let member: AnyConversationMember = decode(text);
        assert!(
            matches!(member, AnyConversationMember::AadUserConversationMember(_)),
            "{text}"
        );
        assert_eq!(member.odata_type(), "#graph.aadUserConversationMember");
        assert_eq!(
            graph_models::to_string(&member).unwrap(),
            r##"{"@odata.type":"#graph.aadUserConversationMember","id":"1"}"##
        );
    }
    // Two different types: an error, whether the tag comes first (streamed) or later (buffered).
    for text in [
        r##"{"@odata.type":"#microsoft.graph.aadUserConversationMember","@odata.type":"#microsoft.graph.skypeUserConversationMember"}"##,
        r##"{"id":"1","@odata.type":"#microsoft.graph.aadUserConversationMember","@odata.type":"#microsoft.graph.futureMember"}"##,
    ] {
        assert_eq!(
            fail::<AnyConversationMember>(text),
            (
                Category::Data,
                "@odata.type".to_string(),
                "@odata.type is given twice in one object, naming different types".to_string()
            ),
            "{text}"
        );
    }
    // In a type without derived types a tag is data: last wins, no check.
    let chat: Chat = decode(r##"{"@odata.type":"#microsoft.graph.chat","@odata.type":"#x"}"##);
    assert_eq!(chat.additional_data.get("@odata.type"), Some(&json!("#x")));
}

// --- @odata.type that names no type -------------------------------------------------------------

#[test]
fn tags_that_are_not_type_names() {
    for (tag, found) in [
        ("1", "a number"),
        ("-1.5e+300", "a number"),
        ("null", "null"),
        ("true", "a boolean"),
        (
            "[\"#microsoft.graph.aadUserConversationMember\"]",
            "an array",
        ),
        ("{\"a\":1}", "an object"),
    ] {
        let message = format!("@odata.type must be a string naming a type, found {found}");
        // First (streamed) and later (buffered), at the root and inside a chat.
        for text in [
            format!("{{\"@odata.type\":{tag},\"id\":\"1\"}}"),
            format!("{{\"id\":\"1\",\"@odata.type\":{tag}}}"),
        ] {
            let (kind, p, m) = fail::<AnyConversationMember>(&text);
            assert_eq!(
                (kind, p.as_str(), m.as_str()),
                (Category::Data, "@odata.type", message.as_str()),
                "{text}"
            );
            let in_chat = format!("{{\"members\":[{{}},{text}]}}");
            let (kind, p, m) = fail::<Chat>(&in_chat);
            assert_eq!(
                (kind, p.as_str(), m.as_str()),
                (Category::Data, "members[1].@odata.type", message.as_str()),
                "{in_chat}"
            );
        }
        // Where no variant is chosen (a type without derived types) the tag is data, kept as it came.
        let text = format!("{{\"@odata.type\":{tag}}}");
        let chat: Chat = decode(&text);
        assert_eq!(
            chat.additional_data.get("@odata.type"),
            Some(&serde_json::from_str::<Value>(tag).unwrap())
        );
        assert_eq!(graph_models::to_string(&chat).unwrap(), text);
    }
}

#[test]
fn tags_naming_unrelated_types() {
    // A generated type that does not derive from the slot's type: an error naming both.
    let (kind, path, message) =
        fail::<Chat>(r##"{"members":[{"@odata.type":"#microsoft.graph.chat","id":"x"}]}"##);
    assert_eq!((kind, path.as_str()), (Category::Data, "members[0]"));
    assert_eq!(
        message,
        r##"@odata.type "#microsoft.graph.chat" names type microsoft.graph.chat, which does not derive from microsoft.graph.conversationMember"##
    );
    // A type this code does not generate (a navigation target, another namespace, nonsense): the
    // fallback, with the tag and every property kept and written back.
    for tag in [
        "#microsoft.graph.user",
        "#other.ns.member",
        "#",
        "",
        "###",
        "#microsoft.graph.",
    ] {
        let text = format!(r#"{{"@odata.type":"{tag}","roles":["r"],"extra":1}}"#);
        let member: AnyConversationMember = decode(&text);
        let AnyConversationMember::Other(inner) = &member else {
            panic!("{tag}: {member:?}")
        };
        assert_eq!(inner.roles.as_deref(), Some(&["r".to_string()][..]));
        assert_eq!(member.odata_type(), tag);
        assert_eq!(graph_models::to_string(&member).unwrap(), text);
    }
}

// --- Primitive values out of range or malformed -------------------------------------------------

/// A decode of `{"values":{property:value}}` into the edge model fails at `values.property`.
fn primitive_error(property: &str, value: &str) -> String {
    let text = format!("{{\"values\":{{\"{property}\":{value}}}}}");
    let (kind, path, message) = fail::<edge::Names>(&text);
    assert_eq!(kind, Category::Data, "{text}");
    assert_eq!(path, format!("values.{property}"), "{text}");
    message
}

#[test]
fn integers_out_of_range() {
    for (property, value, message) in [
        (
            "int32",
            "2147483648",
            "invalid value: integer `2147483648`, expected i32",
        ),
        (
            "int32",
            "-2147483649",
            "invalid value: integer `-2147483649`, expected i32",
        ),
        // serde_json reads an integer beyond 64 bits as a float.
        (
            "int32",
            "99999999999999999999999",
            "invalid type: floating point `1e+23`, expected i32",
        ),
        (
            "int32",
            "1.5",
            "invalid type: floating point `1.5`, expected i32",
        ),
        ("int32", "\"1\"", "invalid type: string \"1\", expected i32"),
        (
            "int16",
            "32768",
            "invalid value: integer `32768`, expected i16",
        ),
        ("byte", "256", "invalid value: integer `256`, expected u8"),
        ("byte", "-1", "invalid value: integer `-1`, expected u8"),
        (
            "sbyte",
            "-129",
            "invalid value: integer `-129`, expected i8",
        ),
        (
            "int64",
            "9223372036854775808",
            "invalid Edm.Int64 9223372036854775808: out of range for a 64-bit integer",
        ),
    ] {
        assert_eq!(
            primitive_error(property, value),
            message,
            "{property}: {value}"
        );
    }
    // The largest values fit.
    let names: edge::Names = decode(
        r#"{"values":{"int32":2147483647,"int16":-32768,"byte":255,"sbyte":-128,"int64":-9223372036854775808}}"#,
    );
    let values = names.values.get().unwrap();
    assert_eq!(
        (values.int32, values.int16, values.byte, values.sbyte),
        (
            Field::Value(i32::MAX),
            Field::Value(i16::MIN),
            Field::Value(u8::MAX),
            Field::Value(i8::MIN)
        )
    );
    assert_eq!(values.int64.get().map(|v| v.get()), Some(i64::MIN));
}

#[test]
fn malformed_binary_date_duration_and_guid() {
    for (property, value, message) in [
        ("binary", "\"@@@\"", "invalid Edm.Binary \"@@@\": Invalid symbol 64, offset 0."),
        ("binary", "\"AQ==AQ==\"", "invalid Edm.Binary \"AQ==AQ==\": Invalid symbol 61, offset 2."),
        ("binary", "\"A\"", "invalid Edm.Binary \"A\": Invalid input length: 1"),
        ("date", "\"2020-13-01\"", "invalid Edm.Date \"2020-13-01\": month out of range"),
        ("date", "\"2020-02-30\"", "invalid Edm.Date \"2020-02-30\": no such date (day out of range for the month, or year out of range)"),
        ("date", "\"20200101\"", "invalid Edm.Date \"20200101\": expected '-' after the year"),
        ("duration", "\"P1Y\"", "invalid Edm.Duration \"P1Y\": years, months and weeks are not allowed in an Edm.Duration"),
        ("duration", "\"PT\"", "invalid Edm.Duration \"PT\": expected hours, minutes or seconds after 'T'"),
        ("duration", "\"P99999999999999999999D\"", "invalid Edm.Duration \"P99999999999999999999D\": out of range"),
        ("guid", "\"not-a-guid\"", "invalid Edm.Guid \"not-a-guid\": expected 36 characters (8-4-4-4-12 hexadecimal digits), found 10"),
        ("guid", "\"01234567-89ab-cdef-0123-456789abcdeg\"", "invalid Edm.Guid \"01234567-89ab-cdef-0123-456789abcdeg\": expected a hexadecimal digit at position 36"),
        ("guid", "\"{01234567-89ab-cdef-0123-456789abcdef}\"", "invalid Edm.Guid \"{01234567-89ab-cdef-0123-456789abcdef}\": expected 36 characters (8-4-4-4-12 hexadecimal digits), found 38"),
        ("dateTimeOffset", "\"2020-12-04T23:10:28\"", "invalid Edm.DateTimeOffset \"2020-12-04T23:10:28\": expected a time-zone offset: 'Z', '+hh:mm' or '-hh:mm'"),
        ("timeOfDay", "\"24:00:00\"", "invalid Edm.TimeOfDay \"24:00:00\": hour out of range"),
    ] {
        assert_eq!(primitive_error(property, value), message, "{property}: {value}");
    }
    // In a collection, and in a member buffered until its tag: the path goes through both.
    let (_, path, _) = fail::<edge::Names>(r#"{"values":{"doubles":[1,2,"3"]}}"#);
    assert_eq!(path, "values.doubles[2]");
    let text = r##"{"members":[{},{"visibleHistoryStartDateTime":"yesterday","@odata.type":"#microsoft.graph.aadUserConversationMember"}]}"##;
    assert_eq!(
        fail::<Chat>(text),
        (
            Category::Data,
            "members[1].visibleHistoryStartDateTime".to_string(),
            "invalid Edm.DateTimeOffset \"yesterday\": expected a year of at least 4 digits"
                .to_string()
        )
    );
}

// --- Strings ------------------------------------------------------------------------------------

#[test]
fn every_json_escape() {
    let text = r#"{"topic":"\"\\\/\b\f\n\r\t\u0000\u001f\u007f\u00e9\u20ac\ud83d\ude00 raw: é€😀","k\"\\\/\b\f\n\r\t\u0000\ud83d\ude00":"\u0041","":""}"#;
    let chat: Chat = decode(text);
    let want = "\"\\/\u{8}\u{c}\n\r\t\u{0}\u{1f}\u{7f}\u{e9}\u{20ac}\u{1f600} raw: \u{e9}\u{20ac}\u{1f600}";
    assert_eq!(chat.topic.as_deref(), Some(want));
    let key = "k\"\\/\u{8}\u{c}\n\r\t\u{0}\u{1f600}";
    assert_eq!(chat.additional_data.get(key), Some(&json!("A")));
    assert_eq!(chat.additional_data.get(""), Some(&json!("")));
    // Written back with the escapes JSON requires (serde_json's short forms) and nothing else.
    assert_eq!(
        graph_models::to_string(&chat).unwrap(),
        "{\"topic\":\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\u{7f}\u{e9}\u{20ac}\u{1f600} raw: \u{e9}\u{20ac}\u{1f600}\",\"k\\\"\\\\/\\b\\f\\n\\r\\t\\u0000\u{1f600}\":\"A\",\"\":\"\"}"
    );
    // Escapes that are not JSON: a syntax error at the string.
    for (bad, message) in [
        (r#"{"topic":"\ud800"}"#, "unexpected end of hex escape"),
        (
            r#"{"topic":"\udc00\ud800"}"#,
            "lone leading surrogate in hex escape",
        ),
        (r#"{"topic":"\x41"}"#, "invalid escape"),
        (r#"{"topic":"\u12"}"#, "invalid escape"),
        (
            "{\"topic\":\"\u{1}\"}",
            "control character (\\u0000-\\u001F) found while parsing a string",
        ),
    ] {
        assert_eq!(
            fail::<Chat>(bad),
            (Category::Syntax, "topic".to_string(), message.to_string()),
            "{bad}"
        );
    }
}
