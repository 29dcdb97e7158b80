//! CSDL reader and code generator on arbitrary bytes: reading gives a model or located errors, and a
//! model that reads generates Rust that parses. Nothing may panic, overflow the stack or hang.
#![no_main]

use graph_models_codegen::{csdl, emit, model::TypeId};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // A NUL splits the input into several documents read as one model (cross-document names and
    // aliases); XML cannot contain NUL, so a single document is unaffected.
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
    let generate = |selection: &emit::Selection| {
        if emit::budget::check(&model, selection).is_err() {
            return Ok(());
        }
        emit::generate_file(&model, selection, &options).map(drop)
    };
    if let Err(e) = generate(&emit::select_all(&model)) {
        panic!("select_all: {e}");
    }
    // The macro's path: a named root, its derived types, bases and property types.
    if !model.types.is_empty() {
        let root = TypeId((data.len() % model.types.len()) as u32);
        if let Err(e) = generate(&emit::select(&model, &[root])) {
            panic!("select({root:?}): {e}");
        }
    }
});
