//! Every input the `csdl` fuzz target (fuzz/fuzz_targets/csdl.rs) failed on, under the same checks,
//! in the normal test suite (no nightly, no cargo-fuzz). Add a crash as a file under
//! `fuzz/regressions/csdl/`, minimised (`cargo fuzz tmin`), with a name that says what it was.

use graph_models_codegen::{csdl, emit, model::TypeId, select};
use std::path::PathBuf;

/// The fuzz target's checks: a read gives a model or errors; a model generates code that parses,
/// for every type and for the selection of one root.
fn check(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let docs: Vec<(String, &str)> = text
        .split('\0')
        .enumerate()
        .map(|(i, t)| (format!("doc{i}.csdl"), t))
        .collect();
    let docs: Vec<(&str, &str)> = docs.iter().map(|(o, t)| (o.as_str(), *t)).collect();
    let Ok(model) = csdl::read_many(&docs) else {
        return;
    };
    let options = emit::Options::default();
    // A selection over the size budget is refused with an error (emit::budget), not generated;
    // any other error is a bug.
    let generate = |selection: &select::Selection| {
        if emit::budget::check(&model, selection).is_err() {
            return Ok(());
        }
        emit::generate_file(&model, selection, &options).map(drop)
    };
    if let Err(e) = generate(&select::select_all(&model)) {
        panic!("select_all: {e}");
    }
    // The macro's path: a named root, its derived types, bases and property types.
    if !model.types.is_empty() {
        let root = TypeId((data.len() % model.types.len()) as u32);
        if let Err(e) = generate(&select::select(&model, &[root])) {
            panic!("select({root:?}): {e}");
        }
    }
}

#[test]
fn csdl_fuzz_regressions() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fuzz/regressions/csdl");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no regressions in {}", dir.display());
    for file in files {
        let data = std::fs::read(&file).unwrap();
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(outcome.is_ok(), "{} fails again", file.display());
    }
}
