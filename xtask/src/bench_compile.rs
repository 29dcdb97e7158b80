//! `cargo xtask bench-compile`: how long `cargo check` takes on (a) the whole Graph v1.0 schema
//! through `odata_models!`, (b) the naive serde-derive baseline and (c) the floor (types and derives
//! only), each in a fresh crate with a fresh target directory, plus the macro's own expansion time.
//!
//! Each crate is checked twice in its fresh target directory: first with an empty `lib.rs`, which
//! builds its dependencies (the proc macro, serde, ...), then with the real `lib.rs`. Only the second
//! check is the figure compared (it is the crate's own compile, macro expansion included); the first
//! is printed too. Peak memory is the largest `ru_maxrss` among the processes cargo waited for in the
//! second check, i.e. rustc's, measured in a child of this command so nothing else counts.

use graph_models_codegen::{csdl, emit};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

const USAGE: &str =
    "usage: cargo xtask bench-compile [--metadata FILE] [--shared DIR] [--skip-naive]";

struct Args {
    metadata: PathBuf,
    shared: PathBuf,
    skip_naive: bool,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let root = workspace_root();
    let mut shared = root.join("../shared");
    let mut metadata = None;
    let mut skip_naive = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--metadata" => metadata = Some(PathBuf::from(it.next().ok_or(USAGE)?)),
            "--shared" => shared = PathBuf::from(it.next().ok_or(USAGE)?),
            "--skip-naive" => skip_naive = true,
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
    })
}

fn workspace_root() -> PathBuf {
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
    let full = check_case(
        &bench.join("full-graph"),
        &format!("graph-models = {{ path = {runtime:?} }}\n\n{macro_profile}"),
        &format!(
            "graph_models::odata_models! {{\n    metadata: {metadata_text:?},\n    types: *,\n}}\n"
        ),
    )?;
    report("full-graph", &full);

    let script = args.shared.join("tools/naive_serde_baseline.py");
    let floor_src = python(&script, &args.metadata, true)?;
    let floor = check_case(&bench.join("floor"), "", &floor_src)?;
    report("floor", &floor);

    let naive = if args.skip_naive {
        None
    } else {
        let naive_src = python(&script, &args.metadata, false)?;
        let deps = "serde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\n";
        let naive = check_case(&bench.join("naive"), deps, &naive_src)?;
        report("naive", &naive);
        Some(naive)
    };

    let (a, c) = (full.1.wall.as_secs_f64(), floor.1.wall.as_secs_f64());
    let rss_mb = full.1.peak_rss_kb / 1024;
    match naive {
        Some(naive) => {
            let b = naive.1.wall.as_secs_f64();
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

fn report(name: &str, (deps, own): &(Check, Check)) {
    println!(
        "{name}: dependencies {:.1} s; own check {:.1} s wall, {:.1} s CPU, peak RSS {} MB",
        deps.wall.as_secs_f64(),
        own.wall.as_secs_f64(),
        own.cpu.as_secs_f64(),
        own.peak_rss_kb / 1024
    );
}

/// What the macro does before handing tokens to rustc, timed in this process.
fn expansion_time(metadata: &Path) -> Result<Duration, String> {
    let start = Instant::now();
    let text = std::fs::read_to_string(metadata).map_err(|e| e.to_string())?;
    let model = csdl::read(&text, &metadata.display().to_string()).map_err(|d| d.to_string())?;
    let selection = emit::select_all(&model);
    let tokens =
        emit::generate(&model, &selection, &emit::Options::default()).map_err(|e| e.to_string())?;
    let elapsed = start.elapsed();
    // Keep the result alive until timed, so nothing is optimized away.
    std::hint::black_box(tokens);
    Ok(elapsed)
}

fn python(script: &Path, metadata: &Path, floor: bool) -> Result<String, String> {
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

/// Creates `dir` afresh as a crate with `deps`, checks it empty (dependencies), then with `lib`.
fn check_case(dir: &Path, deps: &str, lib: &str) -> Result<(Check, Check), String> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
    let name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("bench")
        .to_string();
    // `[workspace]`: the crate lives under this workspace's target/ but is not one of its members.
    let manifest = format!(
        "[package]\nname = \"bench-{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n{deps}\n[workspace]\n"
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("src/lib.rs"), "").map_err(|e| e.to_string())?;
    let deps_check = measured_check(dir)?;
    std::fs::write(dir.join("src/lib.rs"), lib).map_err(|e| e.to_string())?;
    let own = measured_check(dir)?;
    Ok((deps_check, own))
}

/// Runs `cargo check` in `dir` through a child of this program (`--measure`), which reports the
/// resource usage of what it waited for.
fn measured_check(dir: &Path) -> Result<Check, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let start = Instant::now();
    let out = Command::new(exe)
        .args(["bench-compile", "--measure"])
        .arg(dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
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
