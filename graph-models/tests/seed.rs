//! The seed's "Create chat" bodies, built in Rust, equal what the official Python SDK sends.

mod common;

#[allow(dead_code)]
#[path = "../examples/create_chat.rs"]
mod create_chat;

#[test]
fn seed_bodies_equal_the_official_sdk() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let bodies = create_chat::bodies();
    assert_eq!(bodies.len(), 5);
    for (name, chat) in bodies {
        let path = shared.join(format!("conformance/kiota-python/create-chat-{name}.json"));
        let expected = common::read_json(&path);
        let actual = graph_models::to_value(&chat).unwrap();
        assert_eq!(
            actual,
            expected,
            "body {name} differs from {}",
            path.display()
        );
        // Graph reads the tag first: every member must start with it.
        let members = actual["members"].as_array().expect("members");
        assert!(!members.is_empty());
        for member in members {
            let first = member
                .as_object()
                .and_then(|m| m.keys().next())
                .map(String::as_str);
            assert_eq!(first, Some("@odata.type"), "{name}: {member}");
        }
    }
}
