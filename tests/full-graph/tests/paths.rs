//! The request side on the whole schema (`operations: true, paths: true`): each request line of
//! the Graph docs' chat, team and channel member pages (`../shared/corpus/graph-docs*/`) built as a
//! typed request from the entity container down, with the docs' own ids, and compared with the
//! docs' line; bodies are the docs' bodies decoded into the typed value and sent back. Keys are
//! compared by value: the docs write them as segments (`/teams/ee0f.../members`), the generated
//! code in parentheses (`/teams('ee0f...')/members`), and Graph reads both. Bound actions are
//! compared without their namespace, which the docs leave out for Graph's own.
#![cfg(full_graph)]

use full_graph as graph;
use graph::{AadUserConversationMember, AnyConversationMember, Channel, ConversationMember};
use graph_models::request::{Query, Request};
use graph_models::url::percent_decode;
use std::path::PathBuf;

fn corpus(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus")
        .join(rel)
}

/// The docs' request of `file`: method, and path segments and query, percent-decoded.
fn docs(file: &str) -> (String, Vec<String>, String) {
    let text = std::fs::read_to_string(corpus(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    let (method, url) = text.lines().next().unwrap().split_once(' ').unwrap();
    let (segments, query) = normalized(url.trim());
    (method.to_string(), segments, query)
}

fn normalized(url: &str) -> (Vec<String>, String) {
    let path = match url.strip_prefix("https://graph.microsoft.com/") {
        Some(rest) => format!("/{}", rest.split_once('/').map_or("", |(_, p)| p)),
        None => url.to_string(),
    };
    let (path, query) = path.split_once('?').unwrap_or((&path, ""));
    let mut segments = Vec::new();
    for segment in path.split('/').skip(1).filter(|s| !s.is_empty()) {
        let segment = percent_decode(segment);
        match segment.split_once("('") {
            Some((name, key)) if key.ends_with("')") => {
                segments.push(name.to_string());
                segments.push(key[..key.len() - 2].replace("''", "'"));
            }
            _ => segments.push(
                segment
                    .strip_prefix("microsoft.graph.")
                    .unwrap_or(&segment)
                    .to_string(),
            ),
        }
    }
    (segments, percent_decode(query))
}

fn assert_docs<R>(file: &str, request: &Request<R>) {
    let (method, segments, query) = docs(file);
    assert_eq!(request.method().as_str(), method, "{file}");
    assert_eq!(
        normalized(&request.path_and_query()),
        (segments, query),
        "{file}: {}",
        request.path_and_query()
    );
}

fn body(file: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(corpus(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    serde_json::from_str(&text).unwrap()
}

fn sent<R>(request: &Request<R>) -> serde_json::Value {
    serde_json::from_slice(request.body().expect("a body")).unwrap()
}

#[test]
fn member_requests_of_teams_channels_and_chats_match_the_docs() {
    // The ids are the docs' own, read from their URLs: what is compared is the shape and the
    // encoding of the path.
    let seg = |file: &str, i: usize| docs(file).1[i].clone();

    let f = "graph-docs-2021/team-list-members__1__request.txt";
    assert_docs(f, &graph::teams().key(&seg(f, 1)).members().list());

    let f = "graph-docs-2021/team-get-members__1__request.txt";
    assert_docs(
        f,
        &graph::teams()
            .key(&seg(f, 1))
            .members()
            .key(&seg(f, 3))
            .get(),
    );

    let f = "graph-docs-2021/team-delete-members__1__request.txt";
    let delete = graph::teams()
        .key(&seg(f, 1))
        .members()
        .key(&seg(f, 3))
        .delete();
    assert_docs(f, &delete);

    let f = "graph-docs-2021/channel-list-members__1__request.txt";
    let channel = graph::teams().key(&seg(f, 1)).channels().key(&seg(f, 3));
    assert_docs(f, &channel.members().list());

    let f = "graph-docs-2021/channel-delete-members__1__request.txt";
    let channel = graph::teams().key(&seg(f, 1)).channels().key(&seg(f, 3));
    assert_docs(f, &channel.members().key(&seg(f, 5)).delete());

    let f = "graph-docs-2021/chat-list-members__1__request.txt";
    assert_docs(f, &graph::me().chats().key(&seg(f, 2)).members().list());

    let f = "graph-docs-2021/chat-get__3__request.txt";
    assert_docs(
        f,
        &graph::users().key(&seg(f, 1)).chats().key(&seg(f, 3)).get(),
    );
}

#[test]
fn member_filters_match_the_docs() {
    // The docs put the whole expression in parentheses, which changes nothing.
    let team = "ee0f5ae2-8bc6-4ae5-8466-7daeebbfa062";
    let by_user = AadUserConversationMember::USER_ID
        .of_base::<ConversationMember>()
        .eq("73761f06-2ac9-469c-9f10-279a8cc267f9");
    let request = graph::teams()
        .key(team)
        .members()
        .list_with(Query::new().filter(by_user));
    let (_, segments, query) = docs("graph-docs-2021/team-list-members__3__request.txt");
    let (sent_segments, sent_query) = normalized(&request.path_and_query());
    assert_eq!(sent_segments, segments);
    assert_eq!(
        format!("$filter=({})", &sent_query["$filter=".len()..]),
        query
    );

    let either = AadUserConversationMember::DISPLAY_NAME
        .of_base::<ConversationMember>()
        .eq("Harry Johnson")
        .or(AadUserConversationMember::EMAIL
            .of_base::<ConversationMember>()
            .eq("admin@M365x987948.OnMicrosoft.com"));
    let request = graph::teams()
        .key(team)
        .members()
        .list_with(Query::new().filter(either));
    let (_, _, query) = docs("graph-docs-2021/team-list-members__5__request.txt");
    let (_, sent_query) = normalized(&request.path_and_query());
    assert_eq!(
        format!("$filter=({})", &sent_query["$filter=".len()..]),
        query
    );
}

#[test]
fn bodies_sent_back_as_the_docs_give_them() {
    let seg = |file: &str, i: usize| docs(file).1[i].clone();

    // Add a member to a team: the docs' body, decoded and posted to the team's members.
    let f = "graph-docs-2021/team-post-members__1__request";
    let member: AnyConversationMember =
        graph_models::from_str(&body(&format!("{f}.json")).to_string()).unwrap();
    let create = graph::teams()
        .key(&seg(&format!("{f}.txt"), 1))
        .members()
        .create(&member);
    assert_docs(&format!("{f}.txt"), &create);
    assert_eq!(sent(&create), body(&format!("{f}.json")));

    // Update a member's roles (PATCH).
    let f = "graph-docs-2021/team-update-members__1__request";
    let member: AnyConversationMember =
        graph_models::from_str(&body(&format!("{f}.json")).to_string()).unwrap();
    let path = graph::teams()
        .key(&seg(&format!("{f}.txt"), 1))
        .members()
        .key(&seg(&format!("{f}.txt"), 3));
    let update = path.update(&member);
    assert_docs(&format!("{f}.txt"), &update);
    assert_eq!(sent(&update), body(&format!("{f}.json")));

    // Create a channel.
    let f = "graph-docs-2021/channel-post__1__request";
    let channel: Channel = graph_models::from_str(&body(&format!("{f}.json")).to_string()).unwrap();
    let create = graph::teams()
        .key(&seg(&format!("{f}.txt"), 1))
        .channels()
        .create(&channel);
    assert_docs(&format!("{f}.txt"), &create);
    assert_eq!(sent(&create), body(&format!("{f}.json")));

    // Add members in bulk: the `add` action bound to a collection of members.
    let f = "graph-docs/conversationmembers-add__1__request";
    let add: graph::ConversationMemberCollectionAdd =
        graph_models::from_str(&body(&format!("{f}.json")).to_string()).unwrap();
    let call = graph::teams()
        .key(&seg(&format!("{f}.txt"), 1))
        .members()
        .call(&add);
    assert_docs(&format!("{f}.txt"), &call);
    assert_eq!(sent(&call), body(&format!("{f}.json")));
}

#[test]
fn a_function_of_the_schema_with_string_parameters() {
    // `reminderView(StartDateTime, EndDateTime)`, bound to a user: strings quoted in the URL.
    let call = graph::me().call(&graph::UserReminderView {
        start_date_time: "2017-06-05T10:00:00.0000000".to_string().into(),
        end_date_time: "2017-06-11T11:00:00.0000000".to_string().into(),
        ..Default::default()
    });
    assert_eq!(
        call.path(),
        "/me/microsoft.graph.reminderView(StartDateTime='2017-06-05T10%3A00%3A00.0000000',EndDateTime='2017-06-11T11%3A00%3A00.0000000')"
    );
    // On the collection of chats: `getAllMessages`, an overload bound to channels too.
    let all = graph::chats().call(&graph::ChatCollectionGetAllMessages::default());
    assert_eq!(all.path(), "/chats/microsoft.graph.getAllMessages()");
}
