//! Compile-time diagnostics of `odata_models!`: each `tests/ui/*.rs` must fail to compile with exactly
//! the messages in its `.stderr` file, and `tests/ui/pass/*.rs` must compile.
//!
//! Regenerate the `.stderr` files after a deliberate message change with
//! `TRYBUILD=overwrite cargo test -p graph-models --test compile_fail`, then read the diff.

#[test]
fn ui() {
    // trybuild builds the cases in a generated crate under the target directory, whose
    // CARGO_MANIFEST_DIR is not this one; the macro resolves `metadata:` against this instead, so the
    // cases can name `tests/ui/metadata/*.csdl` and `../metadata/*.csdl` as a crate's own code would.
    std::env::set_var("GRAPH_MODELS_MANIFEST_DIR", env!("CARGO_MANIFEST_DIR"));
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
