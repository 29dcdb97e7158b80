//! Every valid request and response payload of `../shared/corpus/graph-docs*/` decodes as the type it
//! carries, re-encodes to an equal JSON value, and re-encodes its keys in the order the crate
//! promises (see `common/order.rs` and the crate docs' "Order on the wire").
//!
//! Resource pages (`kind == resource`) are the docs' "JSON representation" blocks, with placeholders
//! where values go: `corpus.rs` asserts they fail to decode, naming the placeholder.

mod common;
#[path = "common/order.rs"]
mod order;

use graph_models::chat::{AnyConversationMember, Chat, Entity};
use graph_models::rt::{self, Slot, Structured, TypeInfo};
use graph_models::{AdditionalData, Collection, Field};
use order::Schema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The body of the `add` action on `members` (`POST .../members/add`): its one parameter,
/// `values`, a collection of conversation members. Written against the runtime as a hand-made
/// model would be (actions are not generated).
#[derive(Debug, Clone, Default, PartialEq)]
struct AddMembers {
    values: Field<Vec<AnyConversationMember>>,
    additional_data: AdditionalData,
}

impl Structured for AddMembers {
    fn type_info(&self) -> &'static TypeInfo {
        &TypeInfo {
            name: "microsoft.graph.add(values)",
            rust_name: "AddMembers",
            fields: &["values"],
            types: &["Collection(microsoft.graph.conversationMember)"],
        }
    }
    fn field(&self, index: usize) -> Option<&dyn Slot> {
        (index == 0).then_some(&self.values as &dyn Slot)
    }
    fn field_mut(&mut self, index: usize) -> Option<&mut dyn Slot> {
        (index == 0).then_some(&mut self.values as &mut dyn Slot)
    }
    fn additional_data(&self) -> &AdditionalData {
        &self.additional_data
    }
    fn additional_data_mut(&mut self) -> &mut AdditionalData {
        &mut self.additional_data
    }
}

impl Serialize for AddMembers {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        rt::serialize_structured(self, None, serializer)
    }
}

impl<'de> Deserialize<'de> for AddMembers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        rt::deserialize_structured(deserializer)
    }
}

/// An object of a type the chat models do not generate (`actionResultPart` results): every
/// property in additional data.
#[derive(Debug, Clone, Default, PartialEq)]
struct Open {
    additional_data: AdditionalData,
}

impl Structured for Open {
    fn type_info(&self) -> &'static TypeInfo {
        &TypeInfo {
            name: "open object",
            rust_name: "Open",
            fields: &[],
            types: &[],
        }
    }
    fn field(&self, _: usize) -> Option<&dyn Slot> {
        None
    }
    fn field_mut(&mut self, _: usize) -> Option<&mut dyn Slot> {
        None
    }
    fn additional_data(&self) -> &AdditionalData {
        &self.additional_data
    }
    fn additional_data_mut(&mut self) -> &mut AdditionalData {
        &mut self.additional_data
    }
}

impl rt::Value for Open {
    fn decode(input: &mut dyn rt::Input<'_>) -> Result<Self, rt::Failed> {
        rt::decode_structured(input)
    }
    fn encode(&self, out: &mut dyn rt::Output) -> Result<(), rt::Failed> {
        rt::encode_structured(self, out)
    }
}

impl Serialize for Open {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        rt::serialize_structured(self, None, serializer)
    }
}

impl<'de> Deserialize<'de> for Open {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        rt::deserialize_structured(deserializer)
    }
}

/// The `@odata.type` of a block's doc annotation (`<!-- { ..., "@odata.type": ... } -->`).
fn annotated_type(sidecar: &Path) -> String {
    let text = std::fs::read_to_string(sidecar).unwrap();
    let Some(start) = text.find("<!--") else {
        return String::new();
    };
    let body = &text[start + 4..];
    let body = &body[..body.rfind("-->").unwrap_or(body.len())];
    let (Some(open), Some(close)) = (body.find('{'), body.rfind('}')) else {
        return String::new();
    };
    let note: Value = serde_json::from_str(&body[open..=close]).unwrap();
    note["@odata.type"]
        .as_str()
        .unwrap_or("")
        .to_ascii_lowercase()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Chat,
    Member,
    /// `team` and `channel`: entities the chat models do not generate, decoded as their base type.
    Entity,
    AddMembers,
    ActionResults,
}

fn kind_of(file: &str, annotated: &str, raw: &Value) -> Kind {
    let tag = raw
        .get("@odata.type")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_ascii_lowercase();
    if annotated.contains("actionresultpart") {
        Kind::ActionResults
    } else if annotated == "microsoft.graph.chat"
        || file.starts_with("chat-post__")
        || file.starts_with("chat-patch__")
    {
        Kind::Chat
    } else if annotated.contains("conversationmember") || tag.ends_with("conversationmember") {
        Kind::Member
    } else if annotated == "microsoft.graph.channel"
        || file.starts_with("channel-post__")
        || file.starts_with("team-post__")
    {
        Kind::Entity
    } else if file.starts_with("conversationmembers-add__") && raw.get("values").is_some() {
        Kind::AddMembers
    } else {
        panic!("{file}: no type for this payload ({annotated:?})")
    }
}

/// Decodes `raw` as `T`, asserts it re-encodes to an equal value, returns the re-encoding.
fn round_trip<T>(file: &str, raw: &Value) -> Value
where
    T: Serialize + serde::de::DeserializeOwned,
{
    let text = serde_json::to_string(raw).unwrap();
    let decoded: T = graph_models::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
    let back = graph_models::to_value(&decoded).unwrap();
    assert_eq!(&back, raw, "{file}: re-encoded value differs");
    back
}

#[derive(Debug, Default)]
struct Tally {
    payloads: usize,
    by_kind: Vec<(String, usize)>,
    reordered: usize,
}

fn run_dir(schema: &Schema, dir: &Path, tally: &mut Tally) {
    let index = std::fs::read_to_string(dir.join("INDEX.tsv")).unwrap();
    let (chat, member, entity) = (
        schema.type_id("microsoft.graph.chat"),
        schema.type_id("microsoft.graph.conversationMember"),
        schema.type_id("microsoft.graph.entity"),
    );
    for line in index.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        let (file, sidecar, kind, validity) = (cols[0], cols[1], cols[2], cols[3]);
        if validity != "valid" || file == "-" || kind == "resource" {
            continue;
        }
        let raw = common::read_json(&dir.join(file));
        let kind = kind_of(file, &annotated_type(&dir.join(sidecar)), &raw);
        let page = raw.get("value").is_some_and(Value::is_array);
        // The type of the objects in `value` for a page, else of the payload itself.
        let (back, item) = match (kind, page) {
            (Kind::Chat, true) => (round_trip::<Collection<Chat>>(file, &raw), Some(chat)),
            (Kind::Chat, false) => (round_trip::<Chat>(file, &raw), Some(chat)),
            (Kind::Member, true) => (
                round_trip::<Collection<AnyConversationMember>>(file, &raw),
                Some(member),
            ),
            (Kind::Member, false) => (
                round_trip::<AnyConversationMember>(file, &raw),
                Some(member),
            ),
            (Kind::Entity, _) => (round_trip::<Entity>(file, &raw), Some(entity)),
            (Kind::ActionResults, _) => (round_trip::<Collection<Open>>(file, &raw), None),
            (Kind::AddMembers, _) => (round_trip::<AddMembers>(file, &raw), None),
        };
        tally.reordered += if page || kind == Kind::ActionResults {
            // A page: `value` is its one declared property.
            check_page(schema, item, &raw, &back, file)
        } else if kind == Kind::AddMembers {
            check_add_members(schema, member, &raw, &back, file)
        } else {
            schema.check(item, &raw, &back, file)
        };
        tally.payloads += 1;
        let name = format!("{kind:?}{}", if page { " page" } else { "" });
        match tally.by_kind.iter_mut().find(|(k, _)| *k == name) {
            Some((_, n)) => *n += 1,
            None => tally.by_kind.push((name, 1)),
        }
    }
}

/// `Collection<T>`'s order: tag, instance annotations, `value@...`, `value`, the rest.
fn check_page(
    schema: &Schema,
    item: Option<graph_models_codegen::model::TypeId>,
    raw: &Value,
    back: &Value,
    file: &str,
) -> usize {
    check_wrapper(schema, "value", item, raw, back, file)
}

fn check_add_members(
    schema: &Schema,
    member: graph_models_codegen::model::TypeId,
    raw: &Value,
    back: &Value,
    file: &str,
) -> usize {
    check_wrapper(schema, "values", Some(member), raw, back, file)
}

/// An object whose only declared property is `property`, holding objects of type `item`.
fn check_wrapper(
    schema: &Schema,
    property: &str,
    item: Option<graph_models_codegen::model::TypeId>,
    raw: &Value,
    back: &Value,
    file: &str,
) -> usize {
    let (r, b) = (raw.as_object().unwrap(), back.as_object().unwrap());
    let prefix = format!("{property}@");
    let mut expected: Vec<&str> = r
        .keys()
        .map(String::as_str)
        .filter(|k| k.starts_with('@'))
        .collect();
    expected.extend(
        r.keys()
            .map(String::as_str)
            .filter(|k| k.starts_with(&prefix)),
    );
    expected.extend(r.keys().map(String::as_str).filter(|k| *k == property));
    expected.extend(
        r.keys()
            .map(String::as_str)
            .filter(|k| !k.starts_with('@') && *k != property && !k.starts_with(&prefix)),
    );
    let actual: Vec<&str> = b.keys().map(String::as_str).collect();
    assert_eq!(actual, expected, "{file}: keys of the page");
    let mut moved = usize::from(r.keys().map(String::as_str).ne(actual.iter().copied()));
    for (k, v) in r {
        let ty = if k == property { item } else { None };
        moved += schema.check(ty, v, &b[k], &format!("{file}.{k}"));
    }
    moved
}

fn metadata() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../metadata/graph-v1.0-chat.csdl")
}

#[test]
fn every_corpus_payload_round_trips_in_the_promised_order() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let schema = Schema::chat(&metadata());
    let mut tally = Tally::default();
    run_dir(&schema, &shared.join("corpus/graph-docs"), &mut tally);
    run_dir(&schema, &shared.join("corpus/graph-docs-2021"), &mut tally);
    eprintln!("{tally:?}");
    // 32 + 47 valid request and response bodies (kind_of panics on any it cannot type).
    assert_eq!(tally.payloads, 79, "{tally:?}");
    // Real payloads send declared properties out of schema order (`id`, `topic`, ...,
    // `chatType`): the check above saw them moved, and moved exactly as promised.
    assert!(tally.reordered >= 20, "{tally:?}");
}

#[test]
fn the_order_check_catches_a_wrong_order() {
    // The checker itself must fail on an order the encoder does not promise.
    let schema = Schema::chat(&metadata());
    let chat = schema.type_id("microsoft.graph.chat");
    let raw: Value = serde_json::from_str(
        r#"{"topic":"t","@odata.context":"c","id":"19:x","members@odata.count":0,"members":[]}"#,
    )
    .unwrap();
    let good: Value = serde_json::from_str(
        r#"{"@odata.context":"c","id":"19:x","topic":"t","members@odata.count":0,"members":[]}"#,
    )
    .unwrap();
    assert_eq!(schema.check(Some(chat), &raw, &good, "good"), 1);
    let bad: Value = serde_json::from_str(
        r#"{"@odata.context":"c","id":"19:x","topic":"t","members":[],"members@odata.count":0}"#,
    )
    .unwrap();
    let result = std::panic::catch_unwind(|| schema.check(Some(chat), &raw, &bad, "bad"));
    assert!(result.is_err());
    // And the encoder produces the promised order from that input.
    let decoded: Chat = graph_models::from_str(&raw.to_string()).unwrap();
    let encoded = graph_models::to_string(&decoded).unwrap();
    assert_eq!(encoded, good.to_string());
}
