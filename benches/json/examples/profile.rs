//! One benchmark operation alone, for a profiler (the benchmark interleaves all of them):
//!
//!     cargo build --release -p bench-json --example profile
//!     valgrind --tool=callgrind --toggle-collect='*measured_*' \
//!         target/release/examples/profile members decode-generated 1
//!
//! PAYLOAD: `chats` or `members`; OP: `decode-generated`, `decode-path`, `decode-plain`,
//! `decode-value`, `encode-generated` (graph_models' encoder), `encode-generated-serde-json`,
//! `encode-plain` (serde_json), `encode-plain-ours` (graph_models' encoder), `encode-value`.

use bench_json::{payload, plain};
use graph_models::chat::{AnyConversationMember, Chat};
use graph_models::Collection;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::hint::black_box;

fn repeat<G, P>(text: &str, op: &str, times: usize)
where
    G: Serialize + DeserializeOwned,
    P: Serialize + DeserializeOwned,
{
    // Not inlined, so that `valgrind --toggle-collect='*measured_*'` counts only the operation.
    #[inline(never)]
    fn measured_decode<T: DeserializeOwned>(text: &str, times: usize) {
        for _ in 0..times {
            black_box(serde_json::from_str::<T>(black_box(text)).unwrap());
        }
    }
    #[inline(never)]
    fn measured_encode<T: Serialize>(value: &T, out: &mut Vec<u8>, times: usize, ours: bool) {
        for _ in 0..times {
            out.clear();
            if ours {
                graph_models::encode_into(out, black_box(value)).unwrap();
            } else {
                serde_json::to_writer(&mut *out, black_box(value)).unwrap();
            }
        }
    }
    fn encode<T: Serialize + DeserializeOwned>(text: &str, times: usize, ours: bool) {
        let value: T = serde_json::from_str(text).unwrap();
        let mut out = Vec::with_capacity(text.len() * 2);
        measured_encode(&value, &mut out, times, ours);
        black_box(out);
    }
    #[inline(never)]
    fn measured_path_decode<T: DeserializeOwned>(text: &str, times: usize) {
        for _ in 0..times {
            black_box(graph_models::from_str::<T>(black_box(text)).unwrap());
        }
    }
    match op {
        "decode-generated" => measured_decode::<G>(text, times),
        "decode-path" => measured_path_decode::<G>(text, times),
        "decode-plain" => measured_decode::<P>(text, times),
        "decode-value" => measured_decode::<serde_json::Value>(text, times),
        "encode-generated" => encode::<G>(text, times, true),
        "encode-generated-serde-json" => encode::<G>(text, times, false),
        "encode-plain" => encode::<P>(text, times, false),
        "encode-plain-ours" => encode::<P>(text, times, true),
        "encode-value" => encode::<serde_json::Value>(text, times, false),
        other => panic!("unknown operation {other}"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [payload_name, op, times] = args.as_slice() else {
        eprintln!("usage: profile chats|members OP TIMES");
        std::process::exit(2);
    };
    let times: usize = times.parse().expect("TIMES is a number");
    match payload_name.as_str() {
        "chats" => repeat::<Collection<Chat>, plain::Page<plain::Chat>>(
            &payload::chats_page(payload::CHATS, payload::SEED),
            op,
            times,
        ),
        "members" => repeat::<Vec<AnyConversationMember>, Vec<plain::Member>>(
            &payload::members_array(payload::MEMBERS, payload::SEED),
            op,
            times,
        ),
        other => panic!("unknown payload {other}"),
    }
}
