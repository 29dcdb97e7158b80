//! The request side of the chat models (`paths: true` in `src/chat.rs`): paths, query options and
//! request bodies, compared with the request lines and bodies Graph's docs give for the same calls
//! (`../shared/corpus/graph-docs*/*__request.txt` and `.json`) and with the examples of the OData
//! URL conventions.

mod common;

use graph_models::chat::{
    self, AadUserConversationMember, AnyConversationMember, Chat, ChatHideForUser, ChatType,
    ChatViewpoint, ConversationMember, TeamworkUserIdentity,
};
use graph_models::request::{Filter, Method, Query};
use graph_models::url::percent_decode;
use graph_models::Field;
use std::path::Path;

/// The docs' request line of `file` (under `corpus/`): method and URL.
fn docs_request(file: &str) -> Option<(String, String)> {
    let path = common::shared_dir()?.join("corpus").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    let line = text.lines().next().unwrap();
    let (method, url) = line.split_once(' ').unwrap();
    Some((method.to_string(), url.trim().to_string()))
}

fn docs_body(file: &str) -> Option<serde_json::Value> {
    let dir = common::shared_dir()?.join("corpus/graph-docs");
    Some(common::read_json(&dir.join(file)))
}

/// A URL as its segments, each key written as the value it names: the docs write keys as
/// segments (`/chats/19:abc@thread.v2`), which Graph accepts besides the parenthesised form
/// generated here (`/chats('19%3Aabc%40thread.v2')`); both name the same resource. Everything
/// is percent-decoded, and the path lower-cased up to the version (the docs also write `V1.0`).
fn normalized(url: &str) -> (Vec<String>, String) {
    let url = url
        .strip_prefix("https://graph.microsoft.com/")
        .map(|rest| rest.split_once('/').map_or("", |(_, path)| path))
        .map(|path| format!("/{path}"))
        .unwrap_or_else(|| url.to_string());
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let mut segments = Vec::new();
    for segment in path.split('/').skip(1) {
        let segment = percent_decode(segment);
        match segment.split_once("('") {
            Some((name, key)) if key.ends_with("')") => {
                segments.push(name.to_string());
                segments.push(key[..key.len() - 2].replace("''", "'"));
            }
            _ => segments.push(segment),
        }
    }
    (segments, percent_decode(query))
}

/// Asserts that `request` is the docs' request of `file`, keys compared by value.
fn assert_docs_request<R>(request: &graph_models::request::Request<R>, file: &str) {
    let Some((method, url)) = docs_request(file) else {
        return;
    };
    assert_eq!(request.method().as_str(), method, "{file}");
    assert_eq!(
        normalized(&request.path_and_query()),
        normalized(&url),
        "{file}: {} vs the docs' {url}",
        request.path_and_query()
    );
}

const CHAT_ID: &str = "19:b8577894a63548969c5c92bb9c80c5e1@thread.v2";

#[test]
fn the_issue_example_encodes_the_key_as_the_url_conventions_say() {
    let members = chat::chats().key("19:abc@thread.v2").members();
    assert_eq!(members.path(), "/chats('19%3Aabc%40thread.v2')/members");
    // A quote in a key is doubled, then everything but unreserved characters percent-encoded.
    assert_eq!(
        chat::chats().key("O'Neil / 1").path(),
        "/chats('O''Neil%20%2F%201')"
    );
    assert_eq!(
        chat::chats()
            .key("19:abc@thread.v2")
            .get()
            .url("https://graph.microsoft.com/v1.0/"),
        "https://graph.microsoft.com/v1.0/chats('19%3Aabc%40thread.v2')"
    );
}

#[test]
fn reads_match_the_docs_request_lines() {
    let chat = chat::chats().key(CHAT_ID);
    assert_docs_request(&chat.get(), "graph-docs/chat-get__1__request.txt");
    assert_docs_request(
        &chat.get_with(Query::new().expand(Chat::MEMBERS)),
        "graph-docs/chat-get__5__request.txt",
    );
    assert_eq!(
        chat.get_with(Query::new().expand(Chat::MEMBERS))
            .path_and_query(),
        "/chats('19%3Ab8577894a63548969c5c92bb9c80c5e1%40thread.v2')?$expand=members"
    );
    let member = "MCMjMjQzMmI1N2ItMGFiZC00M2RiLWFhN2ItMTZlYWRkMTE1ZDM0IyMxOTpiODU3Nzg5NGE2MzU0ODk2OWM1YzkyYmI5YzgwYzVlMUB0aHJlYWQudjIjIzJjOGQyYjVjLTE4NDktNDA2Ni1iNTdkLWU3YTBlOWU0NGVjOA==";
    assert_docs_request(
        &chat.members().key(member).get(),
        "graph-docs-2021/chat-get-members__1__request.txt",
    );
    let delete_id = "MCMjMjQzMmI1N2ItMGFiZC00M2RiLWFhN2ItMTZlYWRkMTE1ZDM0IyMxOTpiZDlkYTQ2MzIzYWY0MjUzOTZkMGZhNjcyMDAyODk4NEB0aHJlYWQudjIjIzQ4YmY5ZDUyLWRjYTctNGE1Zi04Mzk4LTM3Yjk1Y2M3YmQ4Mw==";
    let delete = chat::chats()
        .key("19:cf66807577b149cca1b7af0c32eec122@thread.v2")
        .members()
        .key(delete_id)
        .delete();
    assert_eq!(delete.method(), Method::Delete);
    assert!(delete.body().is_none());
    assert_docs_request(
        &delete,
        "graph-docs-2021/chat-delete-members__1__request.txt",
    );
}

#[test]
fn a_typed_read_decodes_the_docs_response() {
    let Some(dir) = common::shared_dir() else {
        return;
    };
    let body =
        std::fs::read(dir.join("corpus/graph-docs/chat-get-members__2__response.json")).unwrap();
    let request = chat::chats().key(CHAT_ID).members().key("x").get();
    // A member path reads the polymorphic enum: the answer is a derived member.
    let member: AnyConversationMember = request.decode(&body).unwrap();
    assert!(matches!(
        member,
        AnyConversationMember::AadUserConversationMember(_)
    ));
    let list = chat::chats().key(CHAT_ID).members().list();
    let body =
        std::fs::read(dir.join("corpus/graph-docs/chat-list-members__2__response.json")).unwrap();
    let page = list.decode(&body).unwrap();
    assert!(!page.value.as_deref().unwrap_or_default().is_empty());
}

#[test]
fn bodies_match_the_docs_request_bodies() {
    let chat_id = "19:cf66807577b149cca1b7af0c32eec122@thread.v2";
    // A derived member posted to the members of a chat carries its type.
    let member = AadUserConversationMember {
        visible_history_start_date_time: "2019-04-18T23:51:43.255Z"
            .parse::<graph_models::edm::DateTimeOffset>()
            .unwrap()
            .into(),
        roles: vec!["owner".to_string()].into(),
        ..Default::default()
    }
    .with_user_bind("https://graph.microsoft.com/v1.0/users/8b081ef6-4792-4def-b2c9-c363a1bf41d5");
    let create = chat::chats().key(chat_id).members().create(&member);
    assert_eq!(create.method(), Method::Post);
    assert_docs_request(&create, "graph-docs/chat-post-members__1__request.txt");
    if let Some(expected) = docs_body("chat-post-members__1__request.json") {
        let sent: serde_json::Value = serde_json::from_slice(create.body().unwrap()).unwrap();
        assert_eq!(sent, expected);
    }
    // The tag is first, as OData asks.
    assert!(std::str::from_utf8(create.body().unwrap())
        .unwrap()
        .starts_with(r##"{"@odata.type":"#microsoft.graph.aadUserConversationMember","##));
    // The same body through the enum: the same bytes.
    let through_enum = chat::chats()
        .key(chat_id)
        .members()
        .create(&AnyConversationMember::from(member.clone()));
    assert_eq!(through_enum.body(), create.body());

    let patch = chat::chats()
        .key("19:1c5b01696d2e4a179c292bc9cf04e63b@thread.v2")
        .update(&Chat {
            topic: "Group chat title update".to_string().into(),
            ..Default::default()
        });
    assert_eq!(patch.method(), Method::Patch);
    assert_docs_request(&patch, "graph-docs/chat-patch__1__request.txt");
    if let Some(expected) = docs_body("chat-patch__1__request.json") {
        let sent: serde_json::Value = serde_json::from_slice(patch.body().unwrap()).unwrap();
        assert_eq!(sent, expected);
    }

    // The member update of the docs (there under a team's channel), on a chat's member.
    let update = chat::chats()
        .key(chat_id)
        .members()
        .key("1")
        .update(&AadUserConversationMember {
            roles: vec!["owner".to_string()].into(),
            ..Default::default()
        });
    if let Some(expected) = docs_body("conversationmember-update__1__request.json") {
        let sent: serde_json::Value = serde_json::from_slice(update.body().unwrap()).unwrap();
        assert_eq!(sent, expected);
    }
    // PATCH to a path of the derived type itself needs no tag.
    let cast = chat::chats()
        .key(chat_id)
        .members()
        .key("1")
        .cast::<AadUserConversationMember>();
    let untagged = cast.update(&AadUserConversationMember {
        roles: vec!["owner".to_string()].into(),
        ..Default::default()
    });
    assert_eq!(untagged.body().unwrap(), br#"{"roles":["owner"]}"#);
}

#[test]
fn the_seed_create_chat_is_a_post_to_chats() {
    let Some(expected) = docs_body("chat-post__1__request.json") else {
        return;
    };
    let member = |id: &str| {
        AnyConversationMember::from(
            AadUserConversationMember {
                roles: vec!["owner".to_string()].into(),
                ..Default::default()
            }
            .with_user_bind(format!("https://graph.microsoft.com/v1.0/users('{id}')")),
        )
    };
    let body = Chat {
        chat_type: ChatType::OneOnOne.into(),
        members: vec![
            member("8b081ef6-4792-4def-b2c9-c363a1bf41d5"),
            member("82af01c5-f7cc-4a2e-a728-3a5df21afd9d"),
        ]
        .into(),
        ..Default::default()
    };
    let request = chat::chats().create(&body);
    assert_docs_request(&request, "graph-docs/chat-post__1__request.txt");
    let sent: serde_json::Value = serde_json::from_slice(request.body().unwrap()).unwrap();
    assert_eq!(sent, expected);
    // 201 Created answers with the chat.
    let created: Chat = request
        .decode(br#"{"id":"19:abc@thread.v2","chatType":"oneOnOne"}"#)
        .unwrap();
    assert_eq!(created.id.as_deref(), Some("19:abc@thread.v2"));
}

#[test]
fn type_cast_segments() {
    let members = chat::chats().key("19:abc@thread.v2").members();
    assert_eq!(
        members.cast::<AadUserConversationMember>().path(),
        "/chats('19%3Aabc%40thread.v2')/members/microsoft.graph.aadUserConversationMember"
    );
    // A cast collection lists the derived struct, not the enum.
    let page: graph_models::Collection<AadUserConversationMember> = members
        .cast::<AadUserConversationMember>()
        .list()
        .decode(br#"{"value":[{"id":"1","userId":"u"}]}"#)
        .unwrap();
    assert_eq!(
        page.value.as_deref().unwrap()[0].user_id.as_deref(),
        Some("u")
    );
    assert_eq!(
        members.key("1").cast::<AadUserConversationMember>().path(),
        "/chats('19%3Aabc%40thread.v2')/members('1')/microsoft.graph.aadUserConversationMember"
    );
}

#[test]
fn filters_match_the_docs() {
    // Filters over the members of a team in the docs; the same members here, of a chat. The
    // docs put the whole expression in parentheses, which changes nothing.
    let strip = |text: String| {
        text.strip_prefix('(')
            .and_then(|t| t.strip_suffix(')'))
            .map(str::to_string)
            .unwrap_or(text)
    };
    let docs_filter = |file: &str| {
        docs_request(file).map(|(_, url)| {
            let query = normalized(&url).1;
            strip(query.strip_prefix("$filter=").unwrap().to_string())
        })
    };
    let by_user = AadUserConversationMember::USER_ID
        .of_base::<ConversationMember>()
        .eq("73761f06-2ac9-469c-9f10-279a8cc267f9");
    let query = Query::new().filter(by_user);
    let request = chat::chats().key("x").members().list_with(query);
    let (_, sent) = normalized(&request.path_and_query());
    if let Some(expected) = docs_filter("graph-docs-2021/team-list-members__3__request.txt") {
        assert_eq!(sent.strip_prefix("$filter=").unwrap(), expected);
    }

    let either = AadUserConversationMember::DISPLAY_NAME
        .of_base::<ConversationMember>()
        .eq("Harry Johnson")
        .or(AadUserConversationMember::EMAIL
            .of_base::<ConversationMember>()
            .eq("admin@M365x987948.OnMicrosoft.com"));
    let request = chat::chats()
        .key("x")
        .members()
        .list_with(Query::new().filter(either));
    assert_eq!(
        request.query()[0].1,
        "microsoft.graph.aadUserConversationMember/displayName%20eq%20'Harry%20Johnson'%20or%20microsoft.graph.aadUserConversationMember/email%20eq%20'admin%40M365x987948.OnMicrosoft.com'"
    );
    if let Some(expected) = docs_filter("graph-docs-2021/team-list-members__5__request.txt") {
        let (_, sent) = normalized(&request.path_and_query());
        assert_eq!(sent.strip_prefix("$filter=").unwrap(), expected);
    }
}

fn filter_text<E>(filter: Filter<E>) -> String {
    percent_decode(&filter.to_query_text())
}

#[test]
fn filter_operators_literals_and_precedence() {
    assert_eq!(filter_text(Chat::TOPIC.eq("O'Neil")), "topic eq 'O''Neil'");
    assert_eq!(filter_text(Chat::TOPIC.ne(None::<String>)), "topic ne null");
    assert_eq!(filter_text(Chat::TOPIC.is_null()), "topic eq null");
    assert_eq!(
        filter_text(Chat::CHAT_TYPE.eq(ChatType::Group)),
        "chatType eq microsoft.graph.chatType'group'"
    );
    let when: graph_models::edm::DateTimeOffset = "2021-12-01T08:30:00+01:00".parse().unwrap();
    assert_eq!(
        Chat::CREATED_DATE_TIME.ge(&when).to_query_text(),
        "createdDateTime%20ge%202021-12-01T08%3A30%3A00%2B01%3A00"
    );
    assert_eq!(
        filter_text(Chat::LAST_UPDATED_DATE_TIME.lt(&when)),
        "lastUpdatedDateTime lt 2021-12-01T08:30:00+01:00"
    );
    assert_eq!(
        filter_text(Chat::IS_HIDDEN_FOR_ALL_MEMBERS.eq(false)),
        "isHiddenForAllMembers eq false"
    );
    assert_eq!(
        filter_text(Chat::TOPIC.starts_with("Wee")),
        "startswith(topic,'Wee')"
    );
    assert_eq!(
        filter_text(Chat::TOPIC.contains("sync")),
        "contains(topic,'sync')"
    );
    assert_eq!(
        filter_text(Chat::TOPIC.ends_with("ly")),
        "endswith(topic,'ly')"
    );
    // `and` binds tighter than `or`, `not` tighter than both: parentheses where they matter.
    let a = || Chat::TOPIC.eq("a");
    let b = || Chat::TOPIC.eq("b");
    let c = || Chat::TOPIC.eq("c");
    assert_eq!(
        filter_text(a().or(b()).and(c())),
        "(topic eq 'a' or topic eq 'b') and topic eq 'c'"
    );
    assert_eq!(
        filter_text(a().and(b()).or(c())),
        "topic eq 'a' and topic eq 'b' or topic eq 'c'"
    );
    assert_eq!(
        filter_text(!a().or(b())),
        "not (topic eq 'a' or topic eq 'b')"
    );
    assert_eq!(filter_text(!a()), "not topic eq 'a'");
    // Through a complex property.
    assert_eq!(
        filter_text(Chat::VIEWPOINT.then(ChatViewpoint::IS_HIDDEN).eq(true)),
        "viewpoint/isHidden eq true"
    );
    // The raw escape hatch is kept whole (parenthesised when combined).
    assert_eq!(
        filter_text(Filter::<Chat>::raw("topic in ('a','b')").and(a())),
        "(topic in ('a','b')) and topic eq 'a'"
    );
}

#[test]
fn lambdas_over_collections() {
    assert_eq!(
        filter_text(Chat::MEMBERS.any(ConversationMember::DISPLAY_NAME.starts_with("A"))),
        "members/any(a:startswith(a/displayName,'A'))"
    );
    assert_eq!(
        filter_text(Chat::MEMBERS.all(ConversationMember::ROLES.any(|role| role.eq("owner")))),
        "members/all(a:a/roles/any(b:b eq 'owner'))"
    );
    assert_eq!(filter_text(Chat::MEMBERS.is_not_empty()), "members/any()");
    // A filter over the members themselves.
    assert_eq!(
        filter_text(ConversationMember::ROLES.any(|role| role.eq("guest"))),
        "roles/any(a:a eq 'guest')"
    );
}

#[test]
fn query_options_in_order_and_nested() {
    let query = Query::<Chat>::new()
        .select(Chat::TOPIC)
        .select(Chat::CHAT_TYPE)
        .expand_with(Chat::MEMBERS, |m| {
            m.select(ConversationMember::DISPLAY_NAME)
                .top(2)
                .order_by(ConversationMember::DISPLAY_NAME)
        })
        .filter(Chat::CHAT_TYPE.eq(ChatType::Group))
        .order_by_desc(Chat::LAST_UPDATED_DATE_TIME)
        .top(5)
        .skip(10)
        .count(true);
    let request = chat::chats().list_with(query);
    assert_eq!(
        request.path_and_query(),
        "/chats?$select=topic,chatType&$expand=members($select=displayName;$orderby=displayName;$top=2)&$filter=chatType%20eq%20microsoft.graph.chatType'group'&$orderby=lastUpdatedDateTime%20desc&$top=5&$skip=10&$count=true"
    );
    // $search, percent-encoded with its quotes.
    let search = chat::chats().list_with(Query::new().search("\"topic:sync\""));
    assert_eq!(search.path_and_query(), "/chats?$search=%22topic%3Async%22");
    // $select of a navigation property, and two filters and-combined.
    let query = Query::<Chat>::new()
        .select(Chat::MEMBERS)
        .filter(Chat::TOPIC.eq("a"))
        .filter(Chat::TOPIC.ne("b"));
    assert_eq!(
        percent_decode(&chat::chats().list_with(query).path_and_query()),
        "/chats?$select=members&$filter=(topic eq 'a') and (topic ne 'b')"
    );
}

#[test]
fn next_page_follows_the_link_as_given() {
    let list = chat::chats().key("19:abc@thread.v2").members().list();
    let link =
        "https://graph.microsoft.com/v1.0/chats('19%3Aabc%40thread.v2')/members?$skiptoken=X";
    let next = list.next_page(link);
    assert_eq!(next.method(), Method::Get);
    assert_eq!(next.url("https://graph.microsoft.com/v1.0"), link);
}

#[test]
fn bound_actions_are_the_last_segment() {
    let mut user = TeamworkUserIdentity {
        id: "d864e79f-a516-4d0f-9fee-0eeb4d61fdc2".into(),
        ..Default::default()
    };
    user.additional_data
        .insert("tenantId", "2a690434-97d9-43ed-83a6-f5391a4ab7da");
    let hide = chat::chats()
        .key("19:abc@thread.v2")
        .call(&ChatHideForUser {
            user: user.into(),
            ..Default::default()
        });
    assert_eq!(hide.method(), Method::Post);
    assert_eq!(
        hide.path(),
        "/chats('19%3Aabc%40thread.v2')/microsoft.graph.hideForUser"
    );
    assert_eq!(
        hide.body().unwrap(),
        br#"{"user":{"id":"d864e79f-a516-4d0f-9fee-0eeb4d61fdc2","tenantId":"2a690434-97d9-43ed-83a6-f5391a4ab7da"}}"#
    );
    // No return type: the 204's empty body decodes to ().
    hide.decode(b"").unwrap();
    // An action without parameters to send has no body.
    let complete = chat::chats()
        .key("19:abc@thread.v2")
        .call(&chat::ChatCompleteMigration::default());
    assert!(complete.body().is_none());
    // A null parameter is sent as null.
    let start = chat::chats().key("a").call(&chat::ChatStartMigration {
        conversation_creation_date_time: Field::Null,
        ..Default::default()
    });
    assert_eq!(
        start.body().unwrap(),
        br#"{"conversationCreationDateTime":null}"#
    );
}

#[test]
fn docs_files_exist_for_every_request_compared() {
    // The comparisons above return early only when ../shared is missing outside CI.
    let Some(dir) = common::shared_dir() else {
        return;
    };
    for file in [
        "graph-docs/chat-get__1__request.txt",
        "graph-docs/chat-get__5__request.txt",
        "graph-docs-2021/chat-get-members__1__request.txt",
        "graph-docs-2021/chat-delete-members__1__request.txt",
        "graph-docs/chat-post-members__1__request.json",
        "graph-docs/chat-patch__1__request.json",
        "graph-docs-2021/team-list-members__5__request.txt",
    ] {
        assert!(
            Path::new(&dir.join("corpus").join(file)).is_file(),
            "{file}"
        );
    }
}
