// A misspelt type name: the error is on that name and suggests the closest type.
graph_models::odata_models! {
    metadata: "../metadata/graph-v1.0-chat.csdl",
    types: [chat, conversationMembr],
}

fn main() {}
