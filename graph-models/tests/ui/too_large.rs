// A selection whose generated code would be too large (a 600-level inheritance chain, whose code
// grows with the square of its depth) is refused at the `types` list, before anything is generated.
graph_models::odata_models! {
    metadata: "tests/ui/metadata/deep-chain.csdl",
    types: [level599],
}

fn main() {}
