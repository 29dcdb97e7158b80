//! Reading the full Graph v1.0 `$metadata` against `roxmltree::Document::parse` of the same text,
//! in the same run. Target: `csdl::read` at most 2.0x the parse alone.
//!
//! `cargo bench -p graph-models-codegen --bench read` (add `-- --measurement-time 3` to shorten).
//! After criterion's report, prints the ratio of the medians of an interleaved run of both.

use criterion::{black_box, criterion_group, Criterion};
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn graph_text() -> Option<String> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/metadata/graph-v1.0.csdl");
    match std::fs::read_to_string(&p) {
        Ok(t) => Some(t),
        Err(e) => {
            eprintln!("note: {}: {e}; nothing to benchmark", p.display());
            None
        }
    }
}

fn bench(c: &mut Criterion) {
    let Some(text) = graph_text() else { return };
    let mut g = c.benchmark_group("graph-v1.0");
    g.sample_size(20);
    g.bench_function("roxmltree::Document::parse", |b| {
        b.iter_with_large_drop(|| roxmltree::Document::parse(black_box(&text)))
    });
    g.bench_function("csdl::read", |b| {
        b.iter_with_large_drop(|| {
            graph_models_codegen::csdl::read(black_box(&text), "graph-v1.0.csdl")
        })
    });
    g.finish();
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

/// CPU time of this thread (Linux `/proc/thread-self/schedstat`, nanoseconds on CPU): unlike wall
/// time it does not grow when other processes take the shared cores.
fn cpu_now() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Times `f` as (wall, cpu); dropping its result is not timed (like `iter_with_large_drop`).
fn time<T>(f: impl FnOnce() -> T) -> (Duration, Option<Duration>, T) {
    let (c, t) = (cpu_now(), Instant::now());
    let out = black_box(f());
    let wall = t.elapsed();
    let cpu = cpu_now().zip(c).map(|(b, a)| b.saturating_sub(a));
    (wall, cpu, out)
}

/// Interleaved runs, so both see the same machine load (the machine is shared).
fn ratio() {
    let Some(text) = graph_text() else { return };
    let (mut pw, mut pc, mut rw, mut rc) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..21 {
        let (w, c, doc) = time(|| roxmltree::Document::parse(&text));
        drop(doc);
        pw.push(w);
        pc.extend(c);
        let (w, c, model) = time(|| graph_models_codegen::csdl::read(&text, "graph-v1.0.csdl"));
        drop(model);
        rw.push(w);
        rc.extend(c);
    }
    let (p, r) = (median(pw), median(rw));
    println!(
        "graph-v1.0 ({} bytes), medians of 21 interleaved runs:\n  wall: roxmltree parse {p:.2?}, csdl::read {r:.2?}, ratio {:.2}x",
        text.len(),
        r.as_secs_f64() / p.as_secs_f64()
    );
    if !pc.is_empty() && pc.len() == rc.len() {
        let (p, r) = (median(pc), median(rc));
        println!(
            "  cpu:  roxmltree parse {p:.2?}, csdl::read {r:.2?}, ratio {:.2}x (target <= 2.0x)",
            r.as_secs_f64() / p.as_secs_f64()
        );
    }
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    ratio();
}
