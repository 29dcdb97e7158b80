// XML that is well-formed up to a wrong closing tag: the reader's error names file:line:col of it.
graph_models::odata_models! {
    metadata: "tests/ui/metadata/mismatched-tag.csdl",
    types: [widget],
}

fn main() {}
