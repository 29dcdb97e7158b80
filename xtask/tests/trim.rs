//! `cargo xtask trim` as a command (the model comparison is graph-models-codegen/tests/trim.rs).

mod common;

use common::*;

#[test]
fn writes_a_document_that_reads_and_holds_the_selection() {
    let dir = scratch("trim-cli");
    write(&dir.join("library.csdl"), &library_csdl());
    let args = [
        "trim",
        "--metadata",
        "library.csdl",
        "--types",
        "branch",
        "--out",
        "out/branch.csdl",
    ];
    let out = xtask_in(&dir, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let written = std::fs::read_to_string(dir.join("out/branch.csdl")).unwrap();
    assert_eq!(
        stdout(&out),
        format!(
            "wrote out/branch.csdl: 2 selected types, 2 stubs ({} of {} bytes)\n",
            written.len(),
            library_csdl().len()
        )
    );
    // branch and its property type address in full; its navigation targets as stubs.
    assert!(written.contains(r#"<ComplexType Name="address">"#));
    assert!(
        written.contains(r#"<EntityType Name="item" Abstract="true"/>"#),
        "{written}"
    );
    assert!(written.contains(r#"<EntityType Name="member"/>"#));
    assert!(!written.contains("book") && !written.contains("EntityContainer"));
    let check = xtask_in(&dir, &["check-metadata", "out/branch.csdl"]);
    assert!(check.status.success(), "{}", stdout(&check));
    assert!(stdout(&check).contains("entity types: 3\ncomplex types: 1\nenum types: 0"));

    // --strip-descriptions: book's Core.Description goes, the Revisions annotation stays.
    let args = [
        "trim",
        "--metadata",
        "library.csdl",
        "--types",
        "lib.book",
        "--out",
        "book.csdl",
    ];
    assert!(xtask_in(&dir, &args).status.success());
    let kept = std::fs::read_to_string(dir.join("book.csdl")).unwrap();
    assert!(kept.contains("A printed or electronic book."));
    let mut args = args.to_vec();
    args.push("--strip-descriptions");
    assert!(xtask_in(&dir, &args).status.success());
    let stripped = std::fs::read_to_string(dir.join("book.csdl")).unwrap();
    assert!(!stripped.contains("Core.V1.Description") && !stripped.contains("A printed"));
    assert!(stripped.contains("Org.OData.Core.V1.Revisions"));
}

#[test]
fn bad_input_leaves_the_output_alone() {
    let dir = scratch("trim-bad");
    write(&dir.join("out.csdl"), "old");
    write(&dir.join("library.csdl"), &library_csdl());
    let args = [
        "trim",
        "--metadata",
        "library.csdl",
        "--types",
        "brnch",
        "--out",
        "out.csdl",
    ];
    let out = xtask_in(&dir, &args);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "--types:1: unknown-type-name: the metadata has no type named `brnch`; did you mean `branch`?\n"
    );
    write(
        &dir.join("library.csdl"),
        &library_csdl().replace("lib.genre", "lib.genres"),
    );
    let args = [
        "trim",
        "--metadata",
        "library.csdl",
        "--types",
        "branch",
        "--out",
        "out.csdl",
    ];
    let out = xtask_in(&dir, &args);
    assert_eq!(out.status.code(), Some(1));
    let line = library_csdl()
        .lines()
        .position(|l| l.contains("lib.genre"))
        .unwrap()
        + 1;
    assert!(
        stderr(&out).starts_with(&format!("library.csdl:{line}:")),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("out.csdl")).unwrap(),
        "old"
    );
    let out = xtask_in(
        &dir,
        &["trim", "--metadata", "library.csdl", "--out", "x.csdl"],
    );
    assert_eq!(out.status.code(), Some(2), "--types is required");
}
