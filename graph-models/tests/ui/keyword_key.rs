// A keyword as key (`type` for `types`): the error is on it and lists the keys, like any unknown key.
graph_models::odata_models! {
    metadata: "../metadata/graph-v1.0-chat.csdl",
    type: [chat],
}

fn main() {}
