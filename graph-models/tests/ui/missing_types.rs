// No `types`: the macro says what is missing.
graph_models::odata_models! {
    metadata: "../metadata/graph-v1.0-chat.csdl",
}

fn main() {}
