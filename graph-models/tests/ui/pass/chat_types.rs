// A valid invocation from outside the crate, with alias- and namespace-qualified names: the generated
// types exist and work with the runtime.
graph_models::odata_models! {
    metadata: "../metadata/graph-v1.0-chat.csdl",
    types: [graph.chat, microsoft.graph.conversationMember],
}

fn main() {
    let chat = Chat {
        chat_type: ChatType::Group.into(),
        topic: String::from("Launch").into(),
        ..Default::default()
    };
    assert_eq!(chat.clone(), chat);
    let json = graph_models::to_string(&chat).unwrap();
    assert_eq!(json, r#"{"chatType":"group","topic":"Launch"}"#);
}
