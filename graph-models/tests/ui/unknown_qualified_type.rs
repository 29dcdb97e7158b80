// An unknown alias-qualified name: the error covers the whole dotted name.
graph_models::odata_models! {
    metadata: "../metadata/graph-v1.0-chat.csdl",
    types: [conversationMember, graph.chatt],
}

fn main() {}
