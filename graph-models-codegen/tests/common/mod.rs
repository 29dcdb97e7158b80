//! Test support shared by the `csdl_*` tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// `../shared` beside the workspace (the project's test material, never copied into the repo).
///
/// `None` (with a note) when it is missing on a developer machine; under CI (`CI` set) a missing
/// folder fails the test instead of silently passing it.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!("{} is missing; CI must provide ../shared", dir.display());
    }
    eprintln!("note: {} is missing; skipping", dir.display());
    None
}

/// A file under `shared/`, as text.
pub fn read(shared: &std::path::Path, rel: &str) -> String {
    let p = shared.join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A type reference as CSDL writes it: `Edm.String`, `microsoft.graph.chat`,
/// `Collection(microsoft.graph.chatType)`.
pub fn type_ref(
    model: &graph_models_codegen::model::Model,
    tr: &graph_models_codegen::model::TypeRef,
) -> String {
    use graph_models_codegen::model::TypeTarget;
    let single = match tr.target {
        TypeTarget::Primitive(p) => format!("Edm.{}", p.edm_name()),
        TypeTarget::Type(id) => model.ty(id).qualified_name(),
    };
    if tr.collection {
        format!("Collection({single})")
    } else {
        single
    }
}
