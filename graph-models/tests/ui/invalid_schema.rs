// A schema that parses but does not validate: every error is reported, each with file:line:col and kind.
graph_models::odata_models! {
    metadata: "tests/ui/metadata/invalid-schema.csdl",
    types: [widget],
}

fn main() {}
