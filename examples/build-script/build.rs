//! Writes the chat models of Graph's metadata into `OUT_DIR/models.rs` (src/lib.rs includes it).

fn main() {
    graph_models_build::Builder::new("../../metadata/graph-v1.0-chat.csdl")
        .types(["chat", "conversationMember"])
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
}
