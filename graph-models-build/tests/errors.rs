//! What a build script is told when the metadata or the names are wrong, and how it writes.

use graph_models_build::Builder;
use std::path::Path;

fn chat() -> Builder {
    Builder::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("../metadata/graph-v1.0-chat.csdl"))
}

#[test]
fn unknown_names_are_errors_with_suggestions() {
    let e = chat()
        .types(["chat", "conversationMembr"])
        .source()
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "types[1]: the metadata has no type named `conversationMembr`; did you mean `conversationMember`?"
    );
    let e = chat().untyped(["chat"]).source().unwrap_err();
    assert_eq!(
        e.to_string(),
        "untyped[0]: `chat` is an entity type; only a complex type can be carried as untyped JSON"
    );
}

#[test]
fn unreadable_and_invalid_metadata_are_errors_that_say_where() {
    let e = Builder::new("no/such.csdl").source().unwrap_err();
    assert!(
        e.to_string()
            .starts_with("no/such.csdl: cannot read metadata file"),
        "{e}"
    );
    let dir = std::env::temp_dir().join(format!("graph-models-build-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.csdl");
    std::fs::write(&bad, "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">\n<edmx:DataServices>\n</edmx:Edmx>").unwrap();
    let e = Builder::new(&bad).source().unwrap_err();
    assert!(e.to_string().contains("bad.csdl:3:"), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn generate_writes_into_the_given_directory_once() {
    let dir = std::env::temp_dir().join(format!("graph-models-build-out-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = chat()
        .types(["chat"])
        .out_dir(&dir)
        .file_name("chat.rs")
        .generate()
        .unwrap();
    assert_eq!(path, dir.join("chat.rs"));
    let first = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    chat()
        .types(["chat"])
        .out_dir(&dir)
        .file_name("chat.rs")
        .generate()
        .unwrap();
    // Unchanged output is not written again (no rebuild of the including crate).
    assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), first);
    std::fs::remove_dir_all(&dir).unwrap();
}
