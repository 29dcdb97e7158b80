//! Decode and encode the benchmark payloads with (1) the generated models, (2) plain derived structs
//! and (3) `serde_json::Value`, interleaved in one process, and print medians, allocations per decoded
//! member and the ratios. Run it through `cargo xtask bench-json [--quick]` (a release build).

use bench_json::{payload, plain};
use graph_models::chat::{AnyConversationMember, Chat};
use graph_models::Collection;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::{Duration, Instant};

/// Counts every allocation (and reallocation, which is one more allocation for the program).
struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);
static ALLOCATED_BYTES: AtomicU64 = AtomicU64::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        ALLOCATED_BYTES.fetch_add(layout.size() as u64, Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        ALLOCATED_BYTES.fetch_add(new_size.saturating_sub(layout.size()) as u64, Relaxed);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations and bytes allocated while `f` runs (the value it returns is dropped afterwards).
fn count_allocations<T>(f: impl FnOnce() -> T) -> (u64, u64) {
    let (a, b) = (ALLOCATIONS.load(Relaxed), ALLOCATED_BYTES.load(Relaxed));
    let value = f();
    let counts = (
        ALLOCATIONS.load(Relaxed) - a,
        ALLOCATED_BYTES.load(Relaxed) - b,
    );
    drop(black_box(value));
    counts
}

/// Wall time and this thread's CPU time of one run. On a machine shared with other work the CPU
/// time leaves out the time the thread was not running, so it is the steadier of the two.
#[derive(Clone, Copy)]
struct Sample {
    wall: Duration,
    cpu: Duration,
}

struct Timer {
    wall: Instant,
    cpu: Duration,
}

impl Timer {
    fn start() -> Timer {
        Timer {
            cpu: thread_cpu_time(),
            wall: Instant::now(),
        }
    }

    fn stop(self) -> Sample {
        let wall = self.wall.elapsed();
        let cpu = thread_cpu_time().saturating_sub(self.cpu);
        Sample { wall, cpu }
    }
}

#[cfg(unix)]
fn thread_cpu_time() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid, writable timespec; the call only writes it.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0;
    if ok {
        Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
    } else {
        Duration::ZERO
    }
}

/// Without a thread clock, CPU time reads as zero and only wall time is meaningful.
#[cfg(not(unix))]
fn thread_cpu_time() -> Duration {
    Duration::ZERO
}

type Measure<'a> = Box<dyn FnMut() -> Sample + 'a>;

fn decode_with<'a, T: DeserializeOwned + 'a>(text: &'a str, decode: fn(&str) -> T) -> Measure<'a> {
    Box::new(move || {
        let timer = Timer::start();
        let value = decode(black_box(text));
        let sample = timer.stop();
        // Dropping is not decoding: outside the timed part, for every contender alike.
        drop(black_box(value));
        sample
    })
}

/// Encodes a value decoded just before, untimed, in every round. Encoding one value decoded once
/// measures the heap layout that value happened to get more than the encoder: on the same
/// contenders, the ratio moved with what ran before. Decoding afresh each round puts both
/// contenders in the same steady state, as a program that decodes and re-encodes.
fn encode_with<'a, T: Serialize + DeserializeOwned + 'a>(
    text: &'a str,
    decode: fn(&str) -> T,
    encode: fn(&mut Vec<u8>, &T),
) -> Measure<'a> {
    // One output buffer per contender, kept across rounds: growth is measured once, not every time.
    let mut buffer = Vec::new();
    Box::new(move || {
        let value = decode(text);
        buffer.clear();
        let timer = Timer::start();
        encode(&mut buffer, black_box(&value));
        let sample = timer.stop();
        black_box(&buffer);
        drop(value);
        sample
    })
}

fn encoded_len<T: Serialize>(value: &T) -> usize {
    serde_json::to_vec(value).expect("encodes").len()
}

fn serde_json_decode<T: DeserializeOwned>(text: &str) -> T {
    serde_json::from_str(text).expect("the benchmark payload decodes")
}

fn graph_models_decode<T: DeserializeOwned>(text: &str) -> T {
    graph_models::from_str(text).expect("the benchmark payload decodes")
}

fn serde_json_encode<T: Serialize>(out: &mut Vec<u8>, value: &T) {
    serde_json::to_writer(out, value).expect("encodes");
}

/// The crate's own encoder (the bytes serde_json writes, escaped eight bytes at a time).
fn graph_models_encode<T: Serialize>(out: &mut Vec<u8>, value: &T) {
    graph_models::encode_into(out, value).expect("encodes");
}

const GENERATED: &str = "generated (serde_json::from_str)";
const GENERATED_PATH: &str = "generated (graph_models::from_str)";
const PLAIN: &str = "plain derive";
/// Encode rows: the generated models through the crate's encoder (`graph_models::to_vec`, ...) are
/// the headline; the same models through serde_json, and the plain structs through the crate's
/// encoder, show how much of the difference is the encoder and how much the models.
const GENERATED_ENCODER: &str = "generated (graph_models encoder)";
const GENERATED_SERDE_JSON: &str = "generated (serde_json::to_writer)";
const PLAIN_ENCODER: &str = "plain derive (graph_models encoder)";
const VALUE: &str = "serde_json::Value";

struct Row {
    what: &'static str,
    contender: &'static str,
    wall_median: Duration,
    wall_min: Duration,
    cpu_median: Duration,
}

fn median(mut v: Vec<Duration>) -> (Duration, Duration) {
    v.sort();
    (v[v.len() / 2], v[0])
}

/// Runs every measurement once per round, rotating who goes first, so that drift on a shared
/// machine hits all contenders alike; returns the medians and minimum of each.
fn run(rounds: usize, mut measures: Vec<(&'static str, &'static str, Measure<'_>)>) -> Vec<Row> {
    let n = measures.len();
    let mut samples: Vec<Vec<Sample>> = vec![Vec::with_capacity(rounds); n];
    // One untimed warm-up round (page faults, caches, branch predictors).
    for (_, _, m) in measures.iter_mut() {
        m();
    }
    for round in 0..rounds {
        for k in 0..n {
            let i = (round + k) % n;
            samples[i].push((measures[i].2)());
        }
    }
    measures
        .iter()
        .zip(samples)
        .map(|((what, contender, _), s)| {
            let (wall_median, wall_min) = median(s.iter().map(|x| x.wall).collect());
            let (cpu_median, _) = median(s.iter().map(|x| x.cpu).collect());
            Row {
                what,
                contender,
                wall_median,
                wall_min,
                cpu_median,
            }
        })
        .collect()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

struct Ratios {
    decode: f64,
    decode_path: f64,
    encode: f64,
    /// Both through serde_json::to_writer.
    encode_serde_json: f64,
    /// Both through graph_models' encoder.
    encode_same_encoder: f64,
    value_over_generated: f64,
}

impl Ratios {
    /// The worse of two payloads' ratios.
    fn worst(&self, other: &Ratios) -> Ratios {
        Ratios {
            decode: self.decode.max(other.decode),
            decode_path: self.decode_path.max(other.decode_path),
            encode: self.encode.max(other.encode),
            encode_serde_json: self.encode_serde_json.max(other.encode_serde_json),
            encode_same_encoder: self.encode_same_encoder.max(other.encode_same_encoder),
            value_over_generated: self.value_over_generated.min(other.value_over_generated),
        }
    }
}

fn report<G, P>(
    name: &str,
    text: &str,
    members: usize,
    rounds: usize,
    generated: G,
    plain: P,
) -> (Ratios, Ratios)
where
    G: Serialize + DeserializeOwned,
    P: Serialize + DeserializeOwned,
{
    let value: Value = serde_json::from_str(text).expect("the benchmark payload is JSON");
    // Not a benchmark if the generated models lose anything: check before timing.
    let back = graph_models::to_value(&generated).expect("encodes");
    assert!(back == value, "{name}: generated models do not round-trip");
    // Nor if the two encoders disagree on a byte.
    for (who, ours, theirs) in [
        (
            "generated",
            graph_models::to_vec(&generated),
            serde_json::to_vec(&generated),
        ),
        (
            "plain",
            graph_models::to_vec(&plain),
            serde_json::to_vec(&plain),
        ),
    ] {
        assert!(
            ours.expect("encodes") == theirs.expect("encodes"),
            "{name}: graph_models' encoder and serde_json write different text for {who}"
        );
    }

    println!(
        "\n{name}: {:.2} MB, {members} conversation members",
        text.len() as f64 / 1e6
    );
    let sizes = (
        encoded_len(&generated),
        encoded_len(&plain),
        encoded_len(&value),
    );
    // Only what each round decodes stays on the heap while measuring.
    drop((generated, plain, value, back));
    let rows = run(
        rounds,
        vec![
            (
                "decode",
                GENERATED,
                decode_with::<G>(text, serde_json_decode),
            ),
            (
                "decode",
                GENERATED_PATH,
                decode_with::<G>(text, graph_models_decode),
            ),
            ("decode", PLAIN, decode_with::<P>(text, serde_json_decode)),
            (
                "decode",
                VALUE,
                decode_with::<Value>(text, serde_json_decode),
            ),
            (
                "encode",
                GENERATED_ENCODER,
                encode_with::<G>(text, serde_json_decode, graph_models_encode),
            ),
            (
                "encode",
                GENERATED_SERDE_JSON,
                encode_with::<G>(text, serde_json_decode, serde_json_encode),
            ),
            (
                "encode",
                PLAIN,
                encode_with::<P>(text, serde_json_decode, serde_json_encode),
            ),
            (
                "encode",
                PLAIN_ENCODER,
                encode_with::<P>(text, serde_json_decode, graph_models_encode),
            ),
            (
                "encode",
                VALUE,
                encode_with::<Value>(text, serde_json_decode, serde_json_encode),
            ),
        ],
    );
    println!(
        "  encoded sizes: generated {:.2} MB, plain {:.2} MB (drops nulls, annotations and unknown properties), value {:.2} MB",
        sizes.0 as f64 / 1e6,
        sizes.1 as f64 / 1e6,
        sizes.2 as f64 / 1e6,
    );
    let get = |what: &str, contender: &str| {
        rows.iter()
            .find(|r| r.what == what && r.contender == contender)
            .expect("measured")
    };
    for r in &rows {
        let contender = r.contender;
        println!(
            "  {} {contender:<36} CPU median {:>7.3} ms {:>6.0} MB/s   wall median {:>7.3} ms  min {:>7.3} ms",
            r.what,
            ms(r.cpu_median),
            text.len() as f64 / 1e6 / r.cpu_median.as_secs_f64(),
            ms(r.wall_median),
            ms(r.wall_min),
        );
    }
    let per_member = |(count, bytes): (u64, u64)| {
        format!(
            "{:.2} ({:.0} bytes)",
            count as f64 / members as f64,
            bytes as f64 / members as f64
        )
    };
    println!(
        "  allocations per decoded member (all of the decode's, divided by the members): generated {}, plain {}, value {}",
        per_member(count_allocations(|| serde_json_decode::<G>(text))),
        per_member(count_allocations(|| serde_json_decode::<P>(text))),
        per_member(count_allocations(|| serde_json_decode::<Value>(text))),
    );
    println!(
        "  allocations per decoded member through graph_models::from_str: {}",
        per_member(count_allocations(|| graph_models_decode::<G>(text))),
    );
    let ratios = |time: fn(&Row) -> Duration| {
        let t = |what, contender| time(get(what, contender)).as_secs_f64();
        Ratios {
            decode: t("decode", GENERATED) / t("decode", PLAIN),
            decode_path: t("decode", GENERATED_PATH) / t("decode", PLAIN),
            encode: t("encode", GENERATED_ENCODER) / t("encode", PLAIN),
            encode_serde_json: t("encode", GENERATED_SERDE_JSON) / t("encode", PLAIN),
            encode_same_encoder: t("encode", GENERATED_ENCODER) / t("encode", PLAIN_ENCODER),
            value_over_generated: t("decode", VALUE) / t("decode", GENERATED),
        }
    };
    let (cpu, wall) = (ratios(|r| r.cpu_median), ratios(|r| r.wall_median));
    for (clock, r) in [("CPU", &cpu), ("wall", &wall)] {
        println!(
            "  {clock:>4} medians: decode generated/plain {:.2} (through graph_models::from_str {:.2}), encode generated/plain {:.2} (both through serde_json {:.2}, both through the graph_models encoder {:.2}), value/generated decode {:.2}",
            r.decode, r.decode_path, r.encode, r.encode_serde_json, r.encode_same_encoder, r.value_over_generated
        );
    }
    (cpu, wall)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|a| a == "--quick");
    if let Some(other) = args.iter().find(|a| *a != "--quick") {
        eprintln!("unknown argument `{other}`\nusage: bench-json [--quick]");
        std::process::exit(2);
    }
    let rounds = if quick { 15 } else { 61 };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "bench-json: {rounds} interleaved rounds per measurement; medians of CPU and wall time; {cores} cores; debug assertions {}",
        if cfg!(debug_assertions) { "ON (not a release build: figures meaningless)" } else { "off" }
    );

    let page_text = payload::chats_page(payload::CHATS, payload::SEED);
    let generated_page: Collection<Chat> = serde_json_decode(&page_text);
    let page_members: usize = generated_page
        .items()
        .iter()
        .map(|c| c.members.as_deref().map_or(0, <[_]>::len))
        .sum();
    let plain_page: plain::Page<plain::Chat> = serde_json_decode(&page_text);
    let page = report(
        "GET /chats?$expand=members page",
        &page_text,
        page_members,
        rounds,
        generated_page,
        plain_page,
    );

    let members_text = payload::members_array(payload::MEMBERS, payload::SEED);
    let generated_members: Vec<AnyConversationMember> = serde_json_decode(&members_text);
    let plain_members: Vec<plain::Member> = serde_json_decode(&members_text);
    let members = report(
        "flat array of conversation members",
        &members_text,
        payload::MEMBERS,
        rounds,
        generated_members,
        plain_members,
    );

    let cpu = page.0.worst(&members.0);
    let wall = page.1.worst(&members.1);
    println!(
        "\nworst of the two payloads, wall-clock medians: decode {:.2}, encode {:.2}, value/generated decode {:.2}",
        wall.decode, wall.encode, wall.value_over_generated
    );
    println!(
        "worst of the two payloads, CPU-time medians (the thread's own time: steadier on a shared machine); decode through graph_models::from_str {:.2}; encode with both through serde_json {:.2}, both through the graph_models encoder {:.2}; the encode ratio below is the generated models through graph_models' encoder over plain structs through serde_json::to_writer:",
        cpu.decode_path, cpu.encode_serde_json, cpu.encode_same_encoder
    );
    println!(
        "decode ratio generated/plain: {:.2}, encode ratio generated/plain: {:.2}, value/generated decode: {:.2}",
        cpu.decode, cpu.encode, cpu.value_over_generated,
    );
}
