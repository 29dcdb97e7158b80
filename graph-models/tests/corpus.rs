//! Every chat and conversation-member payload of the Graph docs corpus decodes, re-encodes to an
//! equal JSON value, and each member decodes to the variant its `@odata.type` names.

mod common;

use graph_models::chat::{AnyConversationMember, Chat};
use graph_models::Collection;
use serde_json::Value;
use std::path::Path;

/// The doc annotation of a block (`<!-- { "blockType": ..., "@odata.type": ... } -->`).
fn annotation(sidecar: &Path) -> Value {
    let text = std::fs::read_to_string(sidecar).unwrap();
    // Some blocks have no annotation: they name no type, so no test here claims them.
    let Some(start) = text.find("<!--") else {
        return Value::Null;
    };
    let body = &text[start + 4..];
    let body = &body[..body.rfind("-->").unwrap_or(body.len())];
    let (Some(open), Some(close)) = (body.find('{'), body.rfind('}')) else {
        return Value::Null;
    };
    serde_json::from_str(&body[open..=close])
        .unwrap_or_else(|e| panic!("{}: {e}", sidecar.display()))
}

/// What the raw JSON object's tag says the variant must be.
fn expected_variant(raw: &Value) -> String {
    let tag = raw
        .get("@odata.type")
        .or_else(|| raw.get("@type"))
        .and_then(Value::as_str);
    let Some(tag) = tag else {
        return "conversationMember".into();
    };
    let name = graph_models::rt::tag_type_name(tag);
    let simple = name.rsplit('.').next().unwrap_or(name);
    let known = std::iter::once("conversationMember").chain(common::DERIVED_MEMBERS);
    match known.into_iter().find(|k| k.eq_ignore_ascii_case(simple)) {
        Some(k) => k.to_string(),
        None => "Other".into(),
    }
}

#[derive(Default, Debug)]
struct Tally {
    chats: usize,
    member_payloads: usize,
    members: Vec<(String, String)>,
    placeholder_errors: usize,
}

fn check_members(file: &str, decoded: &[AnyConversationMember], raw: &Value, tally: &mut Tally) {
    let raw_items = raw.as_array().expect("array of members");
    assert_eq!(decoded.len(), raw_items.len(), "{file}");
    for (member, raw) in decoded.iter().zip(raw_items) {
        assert_eq!(
            common::member_variant(member),
            expected_variant(raw),
            "{file}: {raw}"
        );
        tally
            .members
            .push((file.to_string(), common::member_variant(member).to_string()));
    }
}

fn round_trip<T>(file: &str, raw: &Value) -> Result<T, graph_models::DecodeError>
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    let text = raw.to_string();
    let value: T = graph_models::from_str(&text)?;
    let back = graph_models::to_value(&value).unwrap();
    assert_eq!(&back, raw, "{file}: re-encoded value differs");
    Ok(value)
}

fn run_dir(dir: &Path, tally: &mut Tally) {
    let index = std::fs::read_to_string(dir.join("INDEX.tsv")).unwrap();
    for line in index.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        let (json_file, sidecar, kind, validity) = (cols[0], cols[1], cols[2], cols[3]);
        if validity != "valid" || json_file == "-" {
            continue;
        }
        let note = annotation(&dir.join(sidecar));
        let odata_type = note
            .get("@odata.type")
            .and_then(Value::as_str)
            .unwrap_or("");
        let is_chat = odata_type == "microsoft.graph.chat";
        let is_member = odata_type.ends_with("onversationMember");
        if !is_chat && !is_member {
            continue;
        }
        let raw = common::read_json(&dir.join(json_file));
        let is_collection = raw.get("value").is_some_and(Value::is_array);
        let result = match (is_chat, is_collection) {
            (true, true) => round_trip::<Collection<Chat>>(json_file, &raw).map(|page| {
                for (chat, raw_chat) in page.items().iter().zip(raw["value"].as_array().unwrap()) {
                    if let Some(members) = chat.members.get() {
                        check_members(json_file, members, &raw_chat["members"], tally);
                    }
                }
                tally.chats += page.items().len();
            }),
            (true, false) => round_trip::<Chat>(json_file, &raw).map(|chat| {
                if let Some(members) = chat.members.get() {
                    check_members(json_file, members, &raw["members"], tally);
                }
                tally.chats += 1;
            }),
            (false, true) => {
                round_trip::<Collection<AnyConversationMember>>(json_file, &raw).map(|page| {
                    check_members(json_file, page.items(), &raw["value"], tally);
                    tally.member_payloads += 1;
                })
            }
            (false, false) => round_trip::<AnyConversationMember>(json_file, &raw).map(|member| {
                check_members(
                    json_file,
                    std::slice::from_ref(&member),
                    &Value::Array(vec![raw.clone()]),
                    tally,
                );
                tally.member_payloads += 1;
            }),
        };
        match result {
            Ok(()) => {}
            // Resource pages hold placeholders ("dateTimeOffset") where values go: decoding must
            // fail, and name the property that holds one.
            Err(e) if kind == "resource" => {
                let property = e.path().rsplit('.').next().unwrap_or("").to_string();
                let holder = if is_collection {
                    &raw["value"][0]
                } else {
                    &raw
                };
                assert!(
                    holder.get(&property).is_some_and(Value::is_string),
                    "{json_file}: error path {} names no placeholder: {e}",
                    e.path()
                );
                tally.placeholder_errors += 1;
            }
            Err(e) => panic!("{json_file}: {e}"),
        }
    }
}

#[test]
fn graph_docs_payloads_round_trip() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let mut tally = Tally::default();
    run_dir(&shared.join("corpus/graph-docs"), &mut tally);
    run_dir(&shared.join("corpus/graph-docs-2021"), &mut tally);
    eprintln!("{tally:?}");
    assert!(tally.chats >= 10, "{tally:?}");
    assert!(tally.member_payloads >= 10, "{tally:?}");
    // Real payloads carry aadUserConversationMember tags in every form: all of them resolve.
    assert!(
        tally
            .members
            .iter()
            .filter(|(_, v)| v == "aadUserConversationMember")
            .count()
            >= 10
    );
    // conversationmember-get__2__response.json is an untagged stub: the declared type holds it.
    assert!(
        tally
            .members
            .iter()
            .any(|(f, v)| f == "conversationmember-get__2__response.json"
                && v == "conversationMember")
    );
}
