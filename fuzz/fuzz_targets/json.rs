//! JSON decoding of generated models on arbitrary bytes: a decode either fails with an error or
//! gives a value whose encoding decodes to an equal value and encodes to the same text.
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

fn round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(data: &[u8]) {
    let Ok(first) = graph_models::from_slice::<T>(data) else {
        return;
    };
    let text = graph_models::to_string(&first).expect("a decoded value encodes");
    let second: T = match graph_models::from_str(&text) {
        Ok(v) => v,
        Err(e) => panic!("re-decoding {text} failed: {e}"),
    };
    assert_eq!(first, second, "decoded values differ; encoding: {text}");
    let again = graph_models::to_string(&second).expect("a decoded value encodes");
    assert_eq!(text, again, "encodings differ");
}

fuzz_target!(|data: &[u8]| {
    round_trip::<Chat>(data);
    round_trip::<AnyConversationMember>(data);
    round_trip::<Collection<Chat>>(data);
    round_trip::<Collection<AnyConversationMember>>(data);
    round_trip::<edge::Names>(data);
});
