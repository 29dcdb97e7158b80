//! Reading the full Graph v1.0 `$metadata` against `roxmltree::Document::parse` of the same text,
//! in the same run. Target: `csdl::read` at most 2.0x the parse alone.
//!
//! `cargo bench -p graph-models-codegen --bench read` (add `-- --measurement-time 3` to shorten).
//! After criterion's report, 31 interleaved runs of both give the ratio of their minima and of
//! their medians, in wall time and in this thread's CPU time: on a shared machine the separate
//! criterion groups see different loads, interleaved runs see the same one. Neither side's
//! result is dropped inside the timing (`iter_with_large_drop`).

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

/// Interleaved runs, so both see the same machine load (the machine is shared). The minimum is
/// the run least disturbed by other processes; the median is printed too.
fn ratio() {
    const RUNS: usize = 31;
    let Some(text) = graph_text() else { return };
    let (mut pw, mut pc, mut rw, mut rc) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let (w, c, doc) = time(|| roxmltree::Document::parse(&text));
        drop(doc);
        pw.push(w);
        pc.extend(c);
        let (w, c, model) = time(|| graph_models_codegen::csdl::read(&text, "graph-v1.0.csdl"));
        drop(model);
        rw.push(w);
        rc.extend(c);
    }
    println!(
        "graph-v1.0 ({} bytes), {RUNS} interleaved runs of each:",
        text.len()
    );
    let line = |what: &str, p: Vec<Duration>, r: Vec<Duration>| {
        let (pmin, rmin) = (
            p.iter().min().copied().unwrap_or_default(),
            r.iter().min().copied().unwrap_or_default(),
        );
        let (pmed, rmed) = (median(p), median(r));
        println!(
            "  {what}: roxmltree parse min {pmin:.2?} median {pmed:.2?}; csdl::read min {rmin:.2?} median {rmed:.2?}; ratio of minima {:.2}x, of medians {:.2}x",
            rmin.as_secs_f64() / pmin.as_secs_f64(),
            rmed.as_secs_f64() / pmed.as_secs_f64()
        );
    };
    line("wall", pw, rw);
    if !pc.is_empty() && pc.len() == rc.len() {
        line("cpu ", pc, rc);
    }
    println!("  (target: csdl::read at most 2.0x roxmltree::Document::parse)");
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    ratio();
}
