//! Code generated for hostile names (`tests/data/hostile-names.csdl`: names differing only by case,
//! non-ASCII names, keywords and reserved names, the generator's own names, self-containing types)
//! compiles without a single warning: once through `odata_models!`, and once as plain source text
//! (`generate_file`'s output, `include!`d), where every rustc lint sees it as hand-written code.

use std::path::PathBuf;

#[test]
fn hostile_names_compile_without_warnings() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(dir.join("tests/data/hostile-names.csdl")).unwrap();
    let model = graph_models_codegen::csdl::read(&text, "hostile-names.csdl")
        .unwrap_or_else(|e| panic!("{e}"));
    let selection = graph_models_codegen::emit::select_all(&model);
    let options = graph_models_codegen::emit::Options {
        operations: true,
        paths: true,
        ..Default::default()
    };
    let code = graph_models_codegen::emit::generate_file(&model, &selection, &options)
        .unwrap_or_else(|e| panic!("{e}"));
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("hostile_names_generated.rs");
    std::fs::write(&out, code).unwrap();
    // trybuild compiles the case in a crate of its own; these reach the macro and `include!`.
    std::env::set_var("GRAPH_MODELS_MANIFEST_DIR", &dir);
    std::env::set_var("GRAPH_MODELS_HOSTILE_NAMES_RS", &out);
    trybuild::TestCases::new().pass("tests/hostile/names.rs");
}
