//! Every input the `json` fuzz target (fuzz/fuzz_targets/json.rs) failed on, under the same checks,
//! in the normal test suite (no nightly, no cargo-fuzz). Add a crash as a file under
//! `fuzz/regressions/json/`, minimised (`cargo fuzz tmin`), with a name that says what it was.

use graph_models::chat::{AnyConversationMember, Chat};
use graph_models::Collection;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt::Debug;
use std::path::PathBuf;

mod edge {
    graph_models::odata_models! {
        metadata: "tests/data/edge.csdl",
        types: *,
    }
}

/// The fuzz target's check: a value that decodes encodes, decodes again to an equal value and
/// encodes to the same text.
/// Any JSON value (numbers kept exactly) encodes to the same text through both encoders.
fn same_encoding(data: &[u8]) {
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) {
        let ours = graph_models::to_string(&value).expect("a Value encodes");
        let theirs = serde_json::to_string(&value).expect("a Value encodes");
        assert_eq!(ours, theirs, "graph_models' encoder and serde_json differ");
    }
}

fn round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(data: &[u8]) {
    let Ok(first) = graph_models::from_slice::<T>(data) else {
        return;
    };
    let text = graph_models::to_string(&first).expect("a decoded value encodes");
    let theirs = serde_json::to_string(&first).expect("a decoded value encodes");
    assert_eq!(text, theirs, "graph_models' encoder and serde_json differ");
    let second: T = match graph_models::from_str(&text) {
        Ok(v) => v,
        Err(e) => panic!("re-decoding {text} failed: {e}"),
    };
    assert_eq!(first, second, "decoded values differ; encoding: {text}");
    let again = graph_models::to_string(&second).expect("a decoded value encodes");
    assert_eq!(text, again, "encodings differ");
}

fn check(data: &[u8]) {
    same_encoding(data);
    round_trip::<Chat>(data);
    round_trip::<AnyConversationMember>(data);
    round_trip::<Collection<Chat>>(data);
    round_trip::<Collection<AnyConversationMember>>(data);
    round_trip::<edge::Names>(data);
}

#[test]
fn json_fuzz_regressions() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fuzz/regressions/json");
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
