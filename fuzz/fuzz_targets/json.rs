//! JSON decoding of generated models on arbitrary bytes: a decode either fails with an error or
//! gives a value whose encoding decodes to an equal value and encodes to the same text; and the
//! crate's encoder writes what serde_json writes, for the models and for any JSON value.
#![no_main]

use graph_models::chat::{AnyConversationMember, Chat};
use graph_models::Collection;
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt::Debug;

// Every Edm primitive, a flags enum, keyword names and a recursive type: what the chat types lack.
mod edge {
    graph_models::odata_models! {
        metadata: "../graph-models/tests/data/edge.csdl",
        types: *,
    }
}

/// Any JSON value (numbers kept exactly) encodes to the same text through both encoders.
fn same_encoding(data: &[u8]) {
    if let Ok(value) = graph_models::serde_json::from_slice::<graph_models::serde_json::Value>(data) {
        let ours = graph_models::to_string(&value).expect("a Value encodes");
        let theirs = graph_models::serde_json::to_string(&value).expect("a Value encodes");
        assert_eq!(ours, theirs, "graph_models' encoder and serde_json differ");
    }
}

fn round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(data: &[u8]) {
    let Ok(first) = graph_models::from_slice::<T>(data) else {
        return;
    };
    let text = graph_models::to_string(&first).expect("a decoded value encodes");
    let theirs = graph_models::serde_json::to_string(&first).expect("a decoded value encodes");
    assert_eq!(text, theirs, "graph_models' encoder and serde_json differ");
    let second: T = match graph_models::from_str(&text) {
        Ok(v) => v,
        Err(e) => panic!("re-decoding {text} failed: {e}"),
    };
    assert_eq!(first, second, "decoded values differ; encoding: {text}");
    let again = graph_models::to_string(&second).expect("a decoded value encodes");
    assert_eq!(text, again, "encodings differ");
}

fuzz_target!(|data: &[u8]| {
    same_encoding(data);
    round_trip::<Chat>(data);
    round_trip::<AnyConversationMember>(data);
    round_trip::<Collection<Chat>>(data);
    round_trip::<Collection<AnyConversationMember>>(data);
    round_trip::<edge::Names>(data);
});
