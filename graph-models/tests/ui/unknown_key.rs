// A key the macro does not know: the error is on the key and lists the known ones.
graph_models::odata_models! {
    metadata: "../metadata/graph-v1.0-chat.csdl",
    types: [chat],
    runtim: graph_models,
}

fn main() {}
