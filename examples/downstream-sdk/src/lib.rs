//! A third-party SDK for a small library service, built the way a downstream crate would: it depends
//! on `graph-models` only and runs the macro on its own metadata.

graph_models::odata_models! {
    metadata: "metadata/library.csdl",
    types: [branch, item],
}
