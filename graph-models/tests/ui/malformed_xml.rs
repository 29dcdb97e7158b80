// Truncated XML: the reader's error names file:line:col.
graph_models::odata_models! {
    metadata: "tests/ui/metadata/truncated.csdl",
    types: [widget],
}

fn main() {}
