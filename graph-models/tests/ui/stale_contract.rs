// Code generated for an older runtime contract (0), built against this graph-models: the check
// every generated file ends with, as the generator writes it (graph-models-codegen's
// tests/emit_chat.rs checks that this text is what it writes, but for the number).
const _: () = ::core::assert!(
    ::graph_models::rt::CONTRACT == 0u32,
    "this code was generated for graph-models runtime contract 0, and the graph-models it is built with has another: regenerate it with the graph-models-codegen of that version (`cargo xtask regen`, `cargo xtask generate`, or the build script that wrote it)"
);

fn main() {}
