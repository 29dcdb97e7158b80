//! The benchmark payloads are deterministic, hold what the issue asks for, and round-trip through
//! the generated models value-identically and in the promised key order.

#[path = "../../../graph-models/tests/common/order.rs"]
mod order;

use bench_json::{payload, plain};
use graph_models::chat::{AnyConversationMember, Chat, ChatType};
use graph_models::Collection;
use serde_json::Value;
use std::path::PathBuf;

fn schema() -> order::Schema {
    order::Schema::chat(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../metadata/graph-v1.0-chat.csdl"),
    )
}

#[test]
fn payloads_are_deterministic() {
    assert_eq!(
        payload::chats_page(50, payload::SEED),
        payload::chats_page(50, payload::SEED)
    );
    assert_eq!(
        payload::members_array(200, 7),
        payload::members_array(200, 7)
    );
    assert_ne!(
        payload::members_array(200, 7),
        payload::members_array(200, 8)
    );
}

#[test]
fn chats_page_round_trips_in_order() {
    let text = payload::chats_page(payload::CHATS, payload::SEED);
    let raw: Value = serde_json::from_str(&text).unwrap();
    let page: Collection<Chat> = graph_models::from_str(&text).unwrap();
    let back = graph_models::to_value(&page).unwrap();
    assert!(back == raw, "the chats page does not round-trip");

    let schema = schema();
    let chat = schema.type_id("microsoft.graph.chat");
    let raw_value = &raw["value"];
    let moved = schema.check(Some(chat), raw_value, &back["value"], "value");
    assert!(moved > 0);

    // What the page must contain, per the issue.
    let chats = page.items();
    assert_eq!(chats.len(), payload::CHATS);
    let members: Vec<&AnyConversationMember> = chats
        .iter()
        .flat_map(|c| c.members.as_deref().unwrap())
        .collect();
    assert!(chats
        .iter()
        .all(|c| (3..=8).contains(&c.members.as_deref().unwrap().len())));
    let count =
        |f: &dyn Fn(&AnyConversationMember) -> bool| members.iter().filter(|m| f(m)).count();
    assert!(
        count(&|m| matches!(m, AnyConversationMember::AadUserConversationMember(_)))
            > members.len() / 2
    );
    assert!(count(&|m| matches!(m, AnyConversationMember::PhoneUserConversationMember(_))) > 0);
    assert!(count(&|m| matches!(m, AnyConversationMember::SkypeUserConversationMember(_))) > 0);
    assert!(
        count(&|m| matches!(
            m,
            AnyConversationMember::AnonymousGuestConversationMember(_)
        )) > 0
    );
    // Unknown member types: kept whole in the fallback.
    assert!(
        count(
            &|m| matches!(m, AnyConversationMember::Other(o) if o.additional_data.get("botId").is_some())
        ) > 0
    );
    // Property annotations, nulls, unknown properties.
    assert!(count(&|m| m.additional_data().get("roles@odata.type").is_some()) > 0);
    assert!(count(&|m| m.display_name().is_null()) > 0);
    assert!(count(&|m| m.additional_data().get("presence").is_some()) > 0);
    assert!(chats
        .iter()
        .all(|c| c.additional_data.get("members@odata.context").is_some()));
    assert!(chats.iter().any(|c| c.topic.is_null()));
    assert!(chats
        .iter()
        .any(|c| c.additional_data.get("chatViewpointVersion").is_some()));
    // Unknown enum members: kept, not an error.
    assert!(chats.iter().any(
        |c| matches!(c.chat_type.get(), Some(ChatType::Unknown(name)) if name == "community")
    ));
    assert!(chats.iter().any(|c| c
        .online_meeting_info
        .get()
        .and_then(|i| i.organizer.get())
        .and_then(|o| o.user_identity_type.get())
        .is_some_and(|t| t.as_str() == "externalUser")));

    // The hand-written baseline reads the same page.
    let plain: plain::Page<plain::Chat> = serde_json::from_str(&text).unwrap();
    assert_eq!(plain.value.len(), payload::CHATS);
}

#[test]
fn members_array_round_trips_in_order() {
    let text = payload::members_array(payload::MEMBERS, payload::SEED);
    let raw: Value = serde_json::from_str(&text).unwrap();
    let members: Vec<AnyConversationMember> = graph_models::from_str(&text).unwrap();
    assert_eq!(members.len(), payload::MEMBERS);
    let back = graph_models::to_value(&members).unwrap();
    assert!(back == raw, "the members array does not round-trip");
    let schema = schema();
    let member = schema.type_id("microsoft.graph.conversationMember");
    schema.check(Some(member), &raw, &back, "");
    // Every member's tag is written first.
    for m in back.as_array().unwrap() {
        assert_eq!(
            m.as_object().unwrap().keys().next().map(String::as_str),
            Some("@odata.type")
        );
    }
    let plain: Vec<plain::Member> = serde_json::from_str(&text).unwrap();
    assert_eq!(plain.len(), payload::MEMBERS);
}
