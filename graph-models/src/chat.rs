//! Microsoft Graph v1.0 chat models: `chat`, `conversationMember` (abstract, with its seven derived
//! member types) and what they reference, generated from `metadata/graph-v1.0-chat.csdl`; and the
//! parameters of the actions bound to a chat (`ChatHideForUser`, `ChatStartMigration`, ...); and
//! the request side ([`crate::request`]): [`chats()`], a path type per entity type (`ChatPath`,
//! `ConversationMemberPath`, ...) and the query constants (`Chat::TOPIC`, `Chat::MEMBERS`).
//!
//! ```
//! use graph_models::chat::{AadUserConversationMember, Chat, ChatType};
//!
//! let owner = |id: &str| {
//!     AadUserConversationMember { roles: vec!["owner".into()].into(), ..Default::default() }
//!         .with_user_bind(format!("https://graph.microsoft.com/v1.0/users('{id}')"))
//! };
//! let chat = Chat {
//!     chat_type: ChatType::OneOnOne.into(),
//!     members: vec![owner("8b081ef6-4792-4def-b2c9-c363a1bf41d5").into()].into(),
//!     ..Default::default()
//! };
//! let json = graph_models::to_string(&chat).unwrap();
//! assert!(json.starts_with(r##"{"chatType":"oneOnOne","members":[{"@odata.type":"#microsoft.graph.aadUserConversationMember""##));
//! ```

#[cfg(feature = "from-metadata")]
crate::odata_models! {
    metadata: "../metadata/graph-v1.0-chat.csdl",
    types: [chat, conversationMember, aadUserConversationMember],
    operations: true,
    paths: true,
}

// The call above, expanded by `cargo xtask regen`: the default build, so that rust-analyzer and
// rustdoc show real source and a published crate does not need `metadata/`, which lies outside it.
// A test fails while the file is stale.
#[cfg(not(feature = "from-metadata"))]
include!("generated/chat.rs");
