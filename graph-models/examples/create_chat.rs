//! The request bodies of Graph's "Create chat" examples (POST /chats), one line each:
//! `NAME<TAB>JSON`.
//!
//!     cargo run -p graph-models --example create_chat

use graph_models::chat::{AadUserConversationMember, Chat, ChatType};

const USERS: &str = "https://graph.microsoft.com/v1.0/users";

/// A member bound to an existing user by id or user principal name, in `role`.
fn member(user: &str, role: &str) -> AadUserConversationMember {
    AadUserConversationMember {
        roles: vec![role.to_string()].into(),
        ..Default::default()
    }
    .with_user_bind(format!("{USERS}('{user}')"))
}

/// The five bodies, named like the files of `../shared/conformance/kiota-python/create-chat-NAME.json`.
pub fn bodies() -> Vec<(&'static str, Chat)> {
    let one_on_one = Chat {
        chat_type: ChatType::OneOnOne.into(),
        members: vec![
            member("8b081ef6-4792-4def-b2c9-c363a1bf41d5", "owner").into(),
            member("82af01c5-f7cc-4a2e-a728-3a5df21afd9d", "owner").into(),
        ]
        .into(),
        ..Default::default()
    };
    let group = Chat {
        chat_type: ChatType::Group.into(),
        topic: "Group chat title".into(),
        members: vec![
            member("8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca", "owner").into(),
            member("82fe7758-5bb3-4f0d-a43f-e555fd399c6f", "owner").into(),
            member("3626a173-f2bc-4883-bcf7-01514c3bfb82", "owner").into(),
        ]
        .into(),
        ..Default::default()
    };
    let one_on_one_upn = Chat {
        chat_type: ChatType::OneOnOne.into(),
        members: vec![
            member("jacob@contoso.com", "owner").into(),
            member("alex@contoso.com", "owner").into(),
        ]
        .into(),
        ..Default::default()
    };
    let group_with_guest = Chat {
        chat_type: ChatType::Group.into(),
        topic: "Group chat title".into(),
        members: vec![
            member("8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca", "owner").into(),
            member("82fe7758-5bb3-4f0d-a43f-e555fd399c6f", "owner").into(),
            member("8ba98gf6-7fc2-4eb2-c7f2-aef9f21fd98g", "guest").into(),
        ]
        .into(),
        ..Default::default()
    };
    let cross_tenant = Chat {
        chat_type: ChatType::OneOnOne.into(),
        members: vec![
            member("8b081ef6-4792-4def-b2c9-c363a1bf41d5", "owner").into(),
            AadUserConversationMember {
                tenant_id: "4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1".into(),
                ..member("82af01c5-f7cc-4a2e-a728-3a5df21afd9d", "owner")
            }
            .into(),
        ]
        .into(),
        ..Default::default()
    };
    vec![
        ("one-on-one", one_on_one),
        ("group", group),
        ("one-on-one-upn", one_on_one_upn),
        ("group-with-guest", group_with_guest),
        ("one-on-one-cross-tenant", cross_tenant),
    ]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for (name, chat) in bodies() {
        println!("{name}\t{}", graph_models::to_string(&chat)?);
    }
    Ok(())
}
