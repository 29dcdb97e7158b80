//! The parameters structs of the actions bound to a chat (`operations: true` in `src/chat.rs`):
//! request bodies as Graph's docs give them, the operation's name for the request path, and what
//! the response decodes to.

use graph_models::chat::{
    ChatCompleteMigration, ChatHideForUser, ChatMarkChatReadForUser, ChatMarkChatUnreadForUser,
    ChatRemoveAllAccessForUser, ChatStartMigration, ChatUnhideForUser, TeamworkUserIdentity,
};
use graph_models::{url, Field, Operation, OperationKind};

fn user() -> TeamworkUserIdentity {
    let mut user = TeamworkUserIdentity {
        id: "d864e79f-a516-4d0f-9fee-0eeb4d61fdc2".into(),
        ..Default::default()
    };
    // Graph's docs send `tenantId`, which `teamworkUserIdentity` does not declare.
    user.additional_data
        .insert("tenantId", "2a690434-97d9-43ed-83a6-f5391a4ab7da");
    user
}

const USER_BODY: &str = r#"{"user":{"id":"d864e79f-a516-4d0f-9fee-0eeb4d61fdc2","tenantId":"2a690434-97d9-43ed-83a6-f5391a4ab7da"}}"#;

#[test]
fn bodies_encode_as_graph_expects_and_decode_back() {
    let hide = ChatHideForUser {
        user: user().into(),
        ..Default::default()
    };
    assert_eq!(graph_models::to_string(&hide).unwrap(), USER_BODY);
    let decoded: ChatHideForUser = graph_models::from_str(USER_BODY).unwrap();
    assert_eq!(decoded, hide);

    let unread = ChatMarkChatUnreadForUser {
        user: user().into(),
        last_message_read_date_time: "2021-12-01T08:30:00Z"
            .parse::<graph_models::edm::DateTimeOffset>()
            .unwrap()
            .into(),
        ..Default::default()
    };
    let text = graph_models::to_string(&unread).unwrap();
    assert_eq!(
        text,
        r#"{"user":{"id":"d864e79f-a516-4d0f-9fee-0eeb4d61fdc2","tenantId":"2a690434-97d9-43ed-83a6-f5391a4ab7da"},"lastMessageReadDateTime":"2021-12-01T08:30:00Z"}"#
    );
    let back: ChatMarkChatUnreadForUser = graph_models::from_str(&text).unwrap();
    assert_eq!(back, unread);

    // Null and absent stay apart, as in every generated struct.
    let start = ChatStartMigration {
        conversation_creation_date_time: Field::Null,
        ..Default::default()
    };
    assert_eq!(
        graph_models::to_string(&start).unwrap(),
        r#"{"conversationCreationDateTime":null}"#
    );
    assert_eq!(
        graph_models::to_string(&ChatCompleteMigration::default()).unwrap(),
        "{}"
    );
    // A parameter of the wrong type is a decode error naming it.
    let error = graph_models::from_str::<ChatHideForUser>(r#"{"user":"ann"}"#).unwrap_err();
    assert_eq!(error.path(), "user");
    assert_eq!(
        error.declared_type(),
        Some("microsoft.graph.teamworkUserIdentity")
    );
}

fn no_response<T: Operation<Response = ()>>() {
    assert_eq!(T::KIND, OperationKind::Action);
    assert_eq!(T::BINDING, Some("microsoft.graph.chat"));
}

#[test]
fn each_action_names_itself_for_the_request_path() {
    no_response::<ChatCompleteMigration>();
    no_response::<ChatHideForUser>();
    no_response::<ChatMarkChatReadForUser>();
    no_response::<ChatMarkChatUnreadForUser>();
    no_response::<ChatRemoveAllAccessForUser>();
    no_response::<ChatStartMigration>();
    no_response::<ChatUnhideForUser>();
    let names = [
        ChatCompleteMigration::NAME,
        ChatHideForUser::NAME,
        ChatMarkChatReadForUser::NAME,
        ChatMarkChatUnreadForUser::NAME,
        ChatRemoveAllAccessForUser::NAME,
        ChatStartMigration::NAME,
        ChatUnhideForUser::NAME,
    ];
    assert_eq!(
        names,
        [
            "microsoft.graph.completeMigration",
            "microsoft.graph.hideForUser",
            "microsoft.graph.markChatReadForUser",
            "microsoft.graph.markChatUnreadForUser",
            "microsoft.graph.removeAllAccessForUser",
            "microsoft.graph.startMigration",
            "microsoft.graph.unhideForUser",
        ]
    );
    let path = format!(
        "/chats{}/{}",
        url::key(&"19:abc@thread.v2"),
        ChatHideForUser::NAME
    );
    assert_eq!(
        path,
        "/chats('19%3Aabc%40thread.v2')/microsoft.graph.hideForUser"
    );
}
