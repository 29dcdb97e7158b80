// A metadata path that does not exist: the error is on the path literal and shows it as written.
graph_models::odata_models! {
    metadata: "tests/ui/metadata/does-not-exist.csdl",
    types: [chat],
}

fn main() {}
