//! One benchmark operation alone, for a profiler (the benchmark interleaves all of them):
//!
//!     cargo build --release -p bench-json --example profile
//!     valgrind --tool=callgrind target/release/examples/profile members decode-generated 3
//!
//! PAYLOAD: `chats` or `members`; OP: `decode-generated`, `decode-path`, `decode-plain`,
//! `decode-value`, `encode-generated`, `encode-plain`, `encode-value`.

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
    fn decode<T: DeserializeOwned>(text: &str, times: usize) {
        for _ in 0..times {
            black_box(serde_json::from_str::<T>(black_box(text)).unwrap());
        }
    }
    fn encode<T: Serialize + DeserializeOwned>(text: &str, times: usize) {
        let value: T = serde_json::from_str(text).unwrap();
        let mut out = Vec::new();
        for _ in 0..times {
            out.clear();
            serde_json::to_writer(&mut out, black_box(&value)).unwrap();
        }
        black_box(out);
    }
    match op {
        "decode-generated" => decode::<G>(text, times),
        "decode-path" => {
            for _ in 0..times {
                black_box(graph_models::from_str::<G>(black_box(text)).unwrap());
            }
        }
        "decode-plain" => decode::<P>(text, times),
        "decode-value" => decode::<serde_json::Value>(text, times),
        "encode-generated" => encode::<G>(text, times),
        "encode-plain" => encode::<P>(text, times),
        "encode-value" => encode::<serde_json::Value>(text, times),
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
