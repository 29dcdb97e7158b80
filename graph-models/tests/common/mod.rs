//! Access to `../shared` (test material beside the repository).

#![allow(dead_code)]

use std::path::PathBuf;

/// `../shared`, or `None` (with a note) when it is missing outside CI. Under CI a missing folder
/// fails the test: a skipped check must never pass for a green one.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!("../shared is missing at {} and CI is set", dir.display());
    }
    eprintln!(
        "note: ../shared is missing at {}; test not run",
        dir.display()
    );
    None
}

pub fn read_json(path: &std::path::Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The derived types of `conversationMember` the chat models generate, by JSON name.
pub const DERIVED_MEMBERS: [&str; 7] = [
    "aadUserConversationMember",
    "anonymousGuestConversationMember",
    "azureCommunicationServicesUserConversationMember",
    "microsoftAccountUserConversationMember",
    "phoneUserConversationMember",
    "skypeForBusinessUserConversationMember",
    "skypeUserConversationMember",
];

/// The JSON name of the type whose variant `member` is (`Other` for the fallback).
pub fn member_variant(member: &graph_models::chat::AnyConversationMember) -> &'static str {
    use graph_models::chat::AnyConversationMember;
    match member {
        AnyConversationMember::ConversationMember(_) => "conversationMember",
        AnyConversationMember::AadUserConversationMember(_) => "aadUserConversationMember",
        AnyConversationMember::AnonymousGuestConversationMember(_) => {
            "anonymousGuestConversationMember"
        }
        AnyConversationMember::AzureCommunicationServicesUserConversationMember(_) => {
            "azureCommunicationServicesUserConversationMember"
        }
        AnyConversationMember::MicrosoftAccountUserConversationMember(_) => {
            "microsoftAccountUserConversationMember"
        }
        AnyConversationMember::PhoneUserConversationMember(_) => "phoneUserConversationMember",
        AnyConversationMember::SkypeForBusinessUserConversationMember(_) => {
            "skypeForBusinessUserConversationMember"
        }
        AnyConversationMember::SkypeUserConversationMember(_) => "skypeUserConversationMember",
        AnyConversationMember::Other(_) => "Other",
    }
}
