//! `cargo xtask bench-compile`: how long `cargo check` takes on (a) the whole Graph v1.0 schema
//! through `odata_models!`, (b) the naive serde-derive baseline and (c) the floor (types and derives
//! only), each in a fresh crate with a fresh target directory, plus the macro's own expansion time.
//!
//! Each crate is first checked in its fresh target directory with an empty `lib.rs`, which builds
//! its dependencies (the proc macro, serde, ...); that time is printed but not compared. Then the
//! real `lib.rs` is checked `--runs N` times (1 by default), the cases taking turns; the compared
//! figures are the medians of these (the crate's own compile, macro expansion included). Peak memory
//! is the largest `ru_maxrss` among the processes cargo waited for in any of the full graph's own
//! checks, i.e. rustc's, measured in a child of this command so nothing else counts.

use graph_models_codegen::{csdl, emit};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

const USAGE: &str =
    "usage: cargo xtask bench-compile [--metadata FILE] [--shared DIR] [--skip-naive] [--runs N]";

struct Args {
    metadata: PathBuf,
    shared: PathBuf,
    skip_naive: bool,
    /// How many times each crate's own check runs, the cases taking turns (full, floor, naive,
    /// full, ...) so that a machine speeding up or slowing down shifts every case alike; the figures
    /// are the medians.
    runs: usize,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let root = workspace_root();
    let mut shared = root.join("../shared");
    let mut metadata = None;
    let mut skip_naive = false;
    let mut runs = 1;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--metadata" => metadata = Some(PathBuf::from(it.next().ok_or(USAGE)?)),
            "--shared" => shared = PathBuf::from(it.next().ok_or(USAGE)?),
            "--skip-naive" => skip_naive = true,
            "--runs" => {
                runs = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or(USAGE)?
            }
            _ => return Err(USAGE.to_string()),
        }
    }
    let metadata = metadata.unwrap_or_else(|| shared.join("metadata/graph-v1.0.csdl"));
    let metadata =
        std::fs::canonicalize(&metadata).map_err(|e| format!("{}: {e}", metadata.display()))?;
    Ok(Args {
        metadata,
        shared,
        skip_naive,
        runs,
    })
}

pub(crate) fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

pub fn run(args: &[String]) -> ExitCode {
    if args.first().map(String::as_str) == Some("--measure") {
        return measure_child(&args[1..]);
    }
    let args = match parse_args(args) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    match bench(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench-compile: {e}");
            ExitCode::FAILURE
        }
    }
}

/// One measured `cargo check`.
#[derive(Clone, Copy)]
struct Check {
    wall: Duration,
    /// CPU time (user + system) of everything cargo ran.
    cpu: Duration,
    peak_rss_kb: u64,
}

fn bench(args: &Args) -> Result<(), String> {
    let root = workspace_root();
    let bench = root.join("target/bench-compile");
    let runtime = std::fs::canonicalize(root.join("graph-models")).map_err(|e| e.to_string())?;
    let metadata_text = args.metadata.display().to_string();

    let expansion = expansion_time(&args.metadata)?;
    println!(
        "macro expansion (read + resolve + select + generate, this build's profile): {:.3} s",
        expansion.as_secs_f64()
    );

    // The profile README recommends to crates using the macro (it only changes how the macro's
    // own code is compiled, not the generated code).
    let macro_profile = [
        "graph-models-codegen",
        "roxmltree",
        "proc-macro2",
        "quote",
        "heck",
        "unicode-ident",
        "unicode-normalization",
    ]
    .iter()
    .map(|p| format!("[profile.dev.package.{p}]\nopt-level = 3\n"))
    .collect::<String>();
    let script = args.shared.join("tools/naive_serde_baseline.py");
    let mut cases = vec![Case::new(
        "full-graph",
        &bench.join("full-graph"),
        &format!("graph-models = {{ path = {runtime:?} }}\n\n{macro_profile}"),
        format!(
            "graph_models::odata_models! {{\n    metadata: {metadata_text:?},\n    types: *,\n}}\n"
        ),
    )?];
    cases.push(Case::new(
        "floor",
        &bench.join("floor"),
        "",
        python(&script, &args.metadata, true)?,
    )?);
    if !args.skip_naive {
        let deps = "serde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\n";
        cases.push(Case::new(
            "naive",
            &bench.join("naive"),
            deps,
            python(&script, &args.metadata, false)?,
        )?);
    }
    run_cases(&mut cases, args.runs)?;

    let a = cases[0].median_wall();
    let c = cases[1].median_wall();
    let rss_mb = cases[0].peak_rss_kb() / 1024;
    match cases.get(2) {
        Some(naive) => {
            let b = naive.median_wall();
            println!(
                "full-graph check {a:.1} s, floor {c:.1} s, naive {b:.1} s, A/C={:.2}, B/A={:.2}, peak RSS {rss_mb} MB",
                a / c,
                b / a
            );
        }
        None => println!(
            "full-graph check {a:.1} s, floor {c:.1} s, naive skipped, A/C={:.2}, peak RSS {rss_mb} MB",
            a / c
        ),
    }
    Ok(())
}

/// Checks every case `runs` times, the cases taking turns, printing each run, then each case's
/// median.
pub(crate) fn run_cases(cases: &mut [Case], runs: usize) -> Result<(), String> {
    for run in 0..runs {
        for case in cases.iter_mut() {
            let own = case.check()?;
            println!(
                "{} run {}: own check {:.1} s wall, {:.1} s CPU, peak RSS {} MB",
                case.name,
                run + 1,
                own.wall.as_secs_f64(),
                own.cpu.as_secs_f64(),
                own.peak_rss_kb / 1024
            );
        }
    }
    for case in cases.iter() {
        report(case);
    }
    Ok(())
}

fn report(case: &Case) {
    let walls: Vec<String> = case
        .runs
        .iter()
        .map(|r| format!("{:.1}", r.wall.as_secs_f64()))
        .collect();
    println!(
        "{}: dependencies {:.1} s; own check median {:.1} s wall ({} s), peak RSS {} MB",
        case.name,
        case.deps.wall.as_secs_f64(),
        case.median_wall(),
        walls.join(" / "),
        case.peak_rss_kb() / 1024
    );
}

/// What the macro does before handing tokens to rustc, timed in this process.
fn expansion_time(metadata: &Path) -> Result<Duration, String> {
    let start = Instant::now();
    let text = std::fs::read_to_string(metadata).map_err(|e| e.to_string())?;
    let mut model =
        csdl::read(&text, &metadata.display().to_string()).map_err(|d| d.to_string())?;
    emit::untype_default(&mut model);
    let selection = emit::select_all(&model);
    let tokens =
        emit::generate(&model, &selection, &emit::Options::default()).map_err(|e| e.to_string())?;
    let elapsed = start.elapsed();
    // Keep the result alive until timed, so nothing is optimized away.
    std::hint::black_box(tokens);
    Ok(elapsed)
}

pub(crate) fn python(script: &Path, metadata: &Path, floor: bool) -> Result<String, String> {
    let mut cmd = Command::new("python3");
    cmd.arg(script);
    if floor {
        cmd.arg("--floor");
    }
    let out = cmd
        .arg(metadata)
        .output()
        .map_err(|e| format!("python3 {}: {e}", script.display()))?;
    if !out.status.success() {
        return Err(format!(
            "{} failed: {}",
            script.display(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| e.to_string())
}

/// One crate of the benchmark: its dependencies checked once, then its own check as often as asked.
pub(crate) struct Case {
    pub(crate) name: &'static str,
    dir: PathBuf,
    target: PathBuf,
    lib: String,
    deps: Check,
    runs: Vec<Check>,
}

impl Case {
    /// Creates `dir` afresh as a crate with `deps` and checks it empty (the dependencies).
    fn new(name: &'static str, dir: &Path, deps: &str, lib: String) -> Result<Case, String> {
        Case::with_target(name, dir, &dir.join("target"), deps, lib)
    }

    /// Like [`Case::new`], with the target directory `target` (which cases may share: their crate
    /// names differ, and only the dependencies are reused).
    pub(crate) fn with_target(
        name: &'static str,
        dir: &Path,
        target: &Path,
        deps: &str,
        lib: String,
    ) -> Result<Case, String> {
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
        let crate_name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("bench");
        // `[workspace]`: the crate lives under this workspace's target/ but is not one of its members.
        let manifest = format!(
            "[package]\nname = \"bench-{crate_name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n{deps}\n[workspace]\n"
        );
        std::fs::write(dir.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
        std::fs::write(dir.join("src/lib.rs"), "").map_err(|e| e.to_string())?;
        let deps = measured_check(dir, target)?;
        println!("{name}: dependencies {:.1} s", deps.wall.as_secs_f64());
        Ok(Case {
            name,
            dir: dir.to_path_buf(),
            target: target.to_path_buf(),
            lib,
            deps,
            runs: Vec::new(),
        })
    }

    /// Checks the crate with its real `lib.rs`, from scratch: the file is written anew (a new
    /// modification time) and incremental compilation is off, so nothing of an earlier run is reused.
    fn check(&mut self) -> Result<Check, String> {
        std::fs::write(self.dir.join("src/lib.rs"), &self.lib).map_err(|e| e.to_string())?;
        let own = measured_check(&self.dir, &self.target)?;
        self.runs.push(own);
        Ok(own)
    }

    pub(crate) fn median_wall(&self) -> f64 {
        let mut walls: Vec<f64> = self.runs.iter().map(|r| r.wall.as_secs_f64()).collect();
        walls.sort_by(f64::total_cmp);
        match walls.len() {
            0 => 0.0,
            n if n % 2 == 1 => walls[n / 2],
            n => (walls[n / 2 - 1] + walls[n / 2]) / 2.0,
        }
    }

    fn peak_rss_kb(&self) -> u64 {
        self.runs.iter().map(|r| r.peak_rss_kb).max().unwrap_or(0)
    }
}

/// Runs `cargo check` in `dir` through a child of this program (`--measure`), which reports the
/// resource usage of what it waited for.
fn measured_check(dir: &Path, target: &Path) -> Result<Check, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let start = Instant::now();
    let out = Command::new(exe)
        .args(["bench-compile", "--measure"])
        .arg(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0")
        .output()
        .map_err(|e| e.to_string())?;
    let wall = start.elapsed();
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(format!(
            "cargo check in {} failed:\n{}",
            dir.display(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let last = stdout.lines().last().unwrap_or("");
    let mut fields = last.split_whitespace().map(str::parse::<u64>);
    let (Some(Ok(cpu_us)), Some(Ok(rss))) = (fields.next(), fields.next()) else {
        return Err(format!("unexpected measurement output: {stdout:?}"));
    };
    Ok(Check {
        wall,
        cpu: Duration::from_micros(cpu_us),
        peak_rss_kb: rss,
    })
}

/// The `--measure DIR` child: runs `cargo check` in DIR and prints `CPU_MICROS MAX_RSS_KB` of its
/// waited-for descendants (cargo waits for every rustc it starts).
fn measure_child(args: &[String]) -> ExitCode {
    let Some(dir) = args.first() else {
        return ExitCode::from(2);
    };
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["check", "--quiet"])
        .current_dir(dir)
        .status();
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => {
            eprintln!("cargo check exited with {s}");
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("cannot run cargo: {e}");
            return ExitCode::FAILURE;
        }
    }
    // SAFETY: getrusage writes one `rusage` into the zeroed struct we own.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        if libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) != 0 {
            eprintln!("getrusage failed");
            return ExitCode::FAILURE;
        }
        usage
    };
    let micros = |t: libc::timeval| t.tv_sec as u64 * 1_000_000 + t.tv_usec as u64;
    let cpu = micros(usage.ru_utime) + micros(usage.ru_stime);
    // Linux reports ru_maxrss in kilobytes.
    println!("{cpu} {}", usage.ru_maxrss);
    ExitCode::SUCCESS
}
