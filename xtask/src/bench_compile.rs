//! `cargo xtask bench-compile`: what (a) the whole Graph v1.0 schema through `odata_models!`, (b)
//! the naive serde-derive baseline and (c) the floor (types and derives only) cost to compile, each
//! a fresh crate with a fresh target directory, debug profile, plus the macro's own expansion time:
//!
//! 1. `cargo check` of each crate's lib;
//! 2. `cargo build` of each crate's lib: wall time, peak RSS and the size of the rlib it produced;
//! 3. for (a) and (b), a one-type program (a binary crate depending on the models crate by path,
//!    decoding and encoding one `Chat` from a literal): built once as users build (incremental on),
//!    then rebuilt after each edit of a string literal in its `main.rs` (the relink); its debug
//!    binary's size and `.text` size, and unless `--skip-release` its release binary's size.
//!
//! Each models crate is first checked and built in its fresh target directory with an empty
//! `lib.rs`, which builds its dependencies (the proc macro, serde, ...); those times are printed but
//! not compared. Then the real `lib.rs` is checked and built `--runs N` times (1 by default), with
//! `CARGO_INCREMENTAL=0`, the cases taking turns; the compared figures are the medians of these (the
//! crate's own compile, macro expansion included). Peak memory is the largest `ru_maxrss` among the
//! processes cargo waited for (rustc, the linker), measured in a child of this command so nothing
//! else counts.

mod elf;

use graph_models_codegen::{csdl, emit, select, untyped};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

const USAGE: &str = "usage: cargo xtask bench-compile [--metadata FILE] [--shared DIR] [--skip-naive] [--skip-release] [--runs N]";

struct Args {
    metadata: PathBuf,
    shared: PathBuf,
    skip_naive: bool,
    /// Leaves out the one-type programs' release builds (which build the models crates again,
    /// optimized).
    skip_release: bool,
    /// How many times each crate's own check and build (and each program's relink) runs, the cases
    /// taking turns (full, floor, naive, full, ...) so that a machine speeding up or slowing down
    /// shifts every case alike; the figures are the medians.
    runs: usize,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let root = workspace_root();
    let mut shared = root.join("../shared");
    let mut metadata = None;
    let mut skip_naive = false;
    let mut skip_release = false;
    let mut runs = 1;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--metadata" => metadata = Some(PathBuf::from(it.next().ok_or(USAGE)?)),
            "--shared" => shared = PathBuf::from(it.next().ok_or(USAGE)?),
            "--skip-naive" => skip_naive = true,
            "--skip-release" => skip_release = true,
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
        skip_release,
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

/// One measured cargo command (`cargo check`, `cargo build`, ...).
#[derive(Clone, Copy)]
struct Measured {
    wall: Duration,
    /// CPU time (user + system) of everything cargo ran.
    cpu: Duration,
    peak_rss_kb: u64,
}

impl Measured {
    /// `12.3 s wall, 20.1 s CPU, peak RSS 1787 MB`
    fn describe(&self) -> String {
        format!(
            "{} s wall, {} s CPU, peak RSS {} MB",
            secs(self.wall.as_secs_f64()),
            secs(self.cpu.as_secs_f64()),
            self.peak_rss_kb / 1024
        )
    }
}

/// How a measured cargo command treats incremental compilation.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Incremental {
    /// `CARGO_INCREMENTAL=0`: the models crates, compiled from scratch each time.
    Off,
    /// Cargo's default for the profile (on for the dev profile's path crates): the one-type
    /// programs, built as users build them. `CARGO_INCREMENTAL` is removed from the environment.
    Default,
}

/// The profile README recommends to crates using the macro (it only changes how the macro's own
/// code is compiled, not the generated code).
pub(crate) fn macro_profile() -> String {
    [
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
    .collect()
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

    let macro_profile = macro_profile();
    let script = args.shared.join("tools/naive_serde_baseline.py");
    let mut cases = vec![Case::new(
        "full-graph",
        &bench.join("full-graph"),
        &format!("graph-models = {{ path = {runtime:?} }}\n\n{macro_profile}"),
        format!(
            "graph_models::odata_models! {{\n    metadata: {metadata_text:?},\n    types: *,\n}}\n"
        ),
        true,
    )?];
    cases.push(Case::new(
        "floor",
        &bench.join("floor"),
        "",
        python(&script, &args.metadata, true)?,
        true,
    )?);
    let naive_deps = "serde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\n";
    if !args.skip_naive {
        cases.push(Case::new(
            "naive",
            &bench.join("naive"),
            naive_deps,
            python(&script, &args.metadata, false)?,
            true,
        )?);
    }
    run_cases(&mut cases, args.runs)?;

    // The one-type programs, in the target directory of the crate they depend on (its dependencies
    // are reused; the crate itself and the workspace's path crates are compiled again, incremental).
    let mut programs = vec![Program::new(
        "full-graph",
        &bench.join("full-graph-chat"),
        &cases[0],
        &format!("graph-models = {{ path = {runtime:?} }}\n\n[workspace]\n\n{macro_profile}"),
        ChatCalls::GENERATED,
    )?];
    if let Some(naive) = cases.get(2) {
        programs.push(Program::new(
            "naive",
            &bench.join("naive-chat"),
            naive,
            "serde_json = \"1\"\n\n[workspace]\n",
            ChatCalls::NAIVE,
        )?);
    }
    for run in 0..args.runs {
        for program in programs.iter_mut() {
            let relink = program.relink(run + 1)?;
            println!(
                "{} program run {}: relink {}",
                program.name,
                run + 1,
                relink.describe()
            );
        }
    }
    let mut figures = Vec::new();
    for program in programs.iter_mut() {
        // The last relink's binary prints the last edit: the edit reached the binary.
        program.run_binary(&program.debug_binary(), args.runs)?;
        figures.push(program.figures(args.skip_release)?);
    }

    let build = |case: &Case| case.build.as_ref().map(Builds::median_wall).unwrap_or(0.0);
    let rlib = |case: &Case| case.build.as_ref().map(|b| b.rlib_bytes).unwrap_or(0);
    let summary = Summary {
        full_check: cases[0].median_wall(),
        floor_check: cases[1].median_wall(),
        naive_check: cases.get(2).map(Case::median_wall),
        check_rss_kb: cases[0].peak_rss_kb(),
        full_build: build(&cases[0]),
        floor_build: build(&cases[1]),
        full_rlib: rlib(&cases[0]),
        floor_rlib: rlib(&cases[1]),
        full_program: figures[0],
        naive_program: figures.get(1).copied(),
        build_rss_kb: cases[0]
            .build
            .as_ref()
            .map(Builds::peak_rss_kb)
            .unwrap_or(0),
    };
    for line in summary.lines() {
        println!("{line}");
    }
    Ok(())
}

/// What the last two lines of the command say.
#[derive(Debug)]
struct Summary {
    full_check: f64,
    floor_check: f64,
    naive_check: Option<f64>,
    /// The full graph's own checks.
    check_rss_kb: u64,
    full_build: f64,
    floor_build: f64,
    full_rlib: u64,
    floor_rlib: u64,
    full_program: ProgramFigures,
    naive_program: Option<ProgramFigures>,
    /// The full graph's own builds.
    build_rss_kb: u64,
}

/// A one-type program's figures.
#[derive(Clone, Copy, Debug)]
struct ProgramFigures {
    /// Median wall time of the rebuild after an edit of `main.rs`, seconds.
    relink: f64,
    debug_bytes: u64,
    /// `None` with `--skip-release`.
    release_bytes: Option<u64>,
}

impl Summary {
    fn lines(&self) -> [String; 2] {
        let (a, c) = (self.full_check, self.floor_check);
        let check = match self.naive_check {
            Some(b) => format!(
                "full-graph check {} s, floor {} s, naive {} s, A/C={:.2}, B/A={:.2}, peak RSS {} MB",
                secs(a),
                secs(c),
                secs(b),
                a / c,
                b / a,
                self.check_rss_kb / 1024
            ),
            None => format!(
                "full-graph check {} s, floor {} s, naive skipped, A/C={:.2}, peak RSS {} MB",
                secs(a),
                secs(c),
                a / c,
                self.check_rss_kb / 1024
            ),
        };
        let full = &self.full_program;
        let naive = |f: fn(&ProgramFigures) -> Option<String>| match &self.naive_program {
            Some(n) => f(n).map_or("naive skipped".into(), |v| format!("naive {v}")),
            None => "naive skipped".to_string(),
        };
        let release = match full.release_bytes {
            Some(bytes) => format!(
                "release binary {} MB ({})",
                mb(bytes),
                naive(|n| n.release_bytes.map(|b| format!("{} MB", mb(b))))
            ),
            None => "release binary skipped".to_string(),
        };
        let build = format!(
            "full-graph build {} s, floor build {} s, X/F={:.2}, rlib {} MB (floor {} MB), relink {} s ({}), binary {} MB ({}), {release}, peak RSS {} MB",
            secs(self.full_build),
            secs(self.floor_build),
            self.full_build / self.floor_build,
            mb(self.full_rlib),
            mb(self.floor_rlib),
            secs(full.relink),
            naive(|n| Some(format!("{} s", secs(n.relink)))),
            mb(full.debug_bytes),
            naive(|n| Some(format!("{} MB", mb(n.debug_bytes)))),
            self.build_rss_kb / 1024
        );
        [check, build]
    }
}

/// Seconds: two decimals under 1 s (relinks, small schemas), one above.
fn secs(s: f64) -> String {
    if s < 1.0 {
        format!("{s:.2}")
    } else {
        format!("{s:.1}")
    }
}

/// Bytes in MiB (2^20 bytes, the unit of the RSS figures too): two decimals under 1, one above.
fn mb(bytes: u64) -> String {
    let m = bytes as f64 / (1024.0 * 1024.0);
    if m < 1.0 {
        format!("{m:.2}")
    } else {
        format!("{m:.1}")
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => 0.0,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

fn median_wall(runs: &[Measured]) -> f64 {
    median(runs.iter().map(|r| r.wall.as_secs_f64()).collect())
}

/// Checks (and for cases built too, builds) every case `runs` times, the cases taking turns,
/// printing each run, then each case's medians.
pub(crate) fn run_cases(cases: &mut [Case], runs: usize) -> Result<(), String> {
    for run in 0..runs {
        for case in cases.iter_mut() {
            let own = case.check()?;
            println!(
                "{} run {}: own check {}",
                case.name,
                run + 1,
                own.describe()
            );
            if case.build.is_some() {
                let (own, rlib) = case.build()?;
                println!(
                    "{} run {}: own build {}, rlib {} MB",
                    case.name,
                    run + 1,
                    own.describe(),
                    mb(rlib)
                );
            }
        }
    }
    for case in cases.iter() {
        report(case);
    }
    Ok(())
}

fn report(case: &Case) {
    let walls = |runs: &[Measured]| -> String {
        let walls: Vec<String> = runs.iter().map(|r| secs(r.wall.as_secs_f64())).collect();
        walls.join(" / ")
    };
    println!(
        "{}: dependencies {} s; own check median {} s wall ({} s), peak RSS {} MB",
        case.name,
        secs(case.deps.wall.as_secs_f64()),
        secs(case.median_wall()),
        walls(&case.runs),
        case.peak_rss_kb() / 1024
    );
    if let Some(build) = &case.build {
        println!(
            "{}: dependencies built {} s; own build median {} s wall ({} s), peak RSS {} MB, rlib {} MB",
            case.name,
            secs(build.deps.wall.as_secs_f64()),
            secs(build.median_wall()),
            walls(&build.runs),
            build.peak_rss_kb() / 1024,
            mb(build.rlib_bytes)
        );
    }
}

/// What the macro does before handing tokens to rustc, timed in this process.
fn expansion_time(metadata: &Path) -> Result<Duration, String> {
    let start = Instant::now();
    let text = std::fs::read_to_string(metadata).map_err(|e| e.to_string())?;
    let mut model =
        csdl::read(&text, &metadata.display().to_string()).map_err(|d| d.to_string())?;
    untyped::untype_default(&mut model);
    let selection = select::select_all(&model);
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

/// One crate of the benchmark: its dependencies checked (and built) once, then its own check (and
/// build) as often as asked.
pub(crate) struct Case {
    pub(crate) name: &'static str,
    dir: PathBuf,
    target: PathBuf,
    lib: String,
    deps: Measured,
    runs: Vec<Measured>,
    /// `cargo build` of the same crate, for bench-compile's cases (bench-shape only checks).
    build: Option<Builds>,
}

/// A case's `cargo build`s.
struct Builds {
    deps: Measured,
    runs: Vec<Measured>,
    /// The size of the rlib the last build produced.
    rlib_bytes: u64,
}

impl Builds {
    fn median_wall(&self) -> f64 {
        median_wall(&self.runs)
    }

    fn peak_rss_kb(&self) -> u64 {
        self.runs.iter().map(|r| r.peak_rss_kb).max().unwrap_or(0)
    }
}

impl Case {
    /// Creates `dir` afresh as a crate with `deps` and checks it empty (the dependencies); with
    /// `build`, builds it empty too, and each run builds it after checking it.
    pub(crate) fn new(
        name: &'static str,
        dir: &Path,
        deps: &str,
        lib: String,
        build: bool,
    ) -> Result<Case, String> {
        Case::create(name, dir, &dir.join("target"), deps, lib, build)
    }

    /// Like [`Case::new`] without builds, with the target directory `target` (which cases may
    /// share: their crate names differ, and only the dependencies are reused).
    pub(crate) fn with_target(
        name: &'static str,
        dir: &Path,
        target: &Path,
        deps: &str,
        lib: String,
    ) -> Result<Case, String> {
        Case::create(name, dir, target, deps, lib, false)
    }

    fn create(
        name: &'static str,
        dir: &Path,
        target: &Path,
        deps: &str,
        lib: String,
        build: bool,
    ) -> Result<Case, String> {
        let crate_name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("bench");
        // `[workspace]`: the crate lives under this workspace's target/ but is not one of its members.
        let manifest = format!(
            "[package]\nname = \"bench-{crate_name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n{deps}\n[workspace]\n"
        );
        fresh_crate(dir, &manifest, "src/lib.rs", "")?;
        let deps = measured(dir, target, &["check"], Incremental::Off)?;
        println!("{name}: dependencies {} s", secs(deps.wall.as_secs_f64()));
        let build = if build {
            let deps = measured(dir, target, &["build"], Incremental::Off)?;
            println!(
                "{name}: dependencies built {} s",
                secs(deps.wall.as_secs_f64())
            );
            Some(Builds {
                deps,
                runs: Vec::new(),
                rlib_bytes: 0,
            })
        } else {
            None
        };
        Ok(Case {
            name,
            dir: dir.to_path_buf(),
            target: target.to_path_buf(),
            lib,
            deps,
            runs: Vec::new(),
            build,
        })
    }

    /// Checks the crate with its real `lib.rs`, from scratch: the file is written anew (a new
    /// modification time) and incremental compilation is off, so nothing of an earlier run is reused.
    fn check(&mut self) -> Result<Measured, String> {
        std::fs::write(self.dir.join("src/lib.rs"), &self.lib).map_err(|e| e.to_string())?;
        let own = measured(&self.dir, &self.target, &["check"], Incremental::Off)?;
        self.runs.push(own);
        Ok(own)
    }

    /// Builds the crate's lib with its real `lib.rs`, from scratch like [`Case::check`], and returns
    /// the measurement and the size of the rlib produced.
    fn build(&mut self) -> Result<(Measured, u64), String> {
        std::fs::write(self.dir.join("src/lib.rs"), &self.lib).map_err(|e| e.to_string())?;
        let own = measured(&self.dir, &self.target, &["build"], Incremental::Off)?;
        let (_, rlib) = newest_rlib(&self.target.join("debug/deps"), &self.crate_name())?;
        let builds = self
            .build
            .as_mut()
            .ok_or_else(|| format!("{} is not built", self.name))?;
        builds.runs.push(own);
        builds.rlib_bytes = rlib;
        Ok((own, rlib))
    }

    /// The crate's name in Rust (`bench_full_graph`).
    fn crate_name(&self) -> String {
        let dir = self.dir.file_name().and_then(|n| n.to_str());
        format!("bench_{}", dir.unwrap_or("bench").replace('-', "_"))
    }

    pub(crate) fn median_wall(&self) -> f64 {
        median_wall(&self.runs)
    }

    pub(crate) fn peak_rss_kb(&self) -> u64 {
        self.runs.iter().map(|r| r.peak_rss_kb).max().unwrap_or(0)
    }

    /// The median wall time of the crate's own builds (0 without builds).
    pub(crate) fn build_median_wall(&self) -> f64 {
        self.build.as_ref().map(Builds::median_wall).unwrap_or(0.0)
    }

    /// The peak RSS of the crate's own builds, and the size of the last build's rlib.
    pub(crate) fn build_peak_and_rlib(&self) -> (u64, u64) {
        self.build
            .as_ref()
            .map(|b| (b.peak_rss_kb(), b.rlib_bytes))
            .unwrap_or((0, 0))
    }
}

/// Creates `dir` afresh with `Cargo.toml` and one source file.
fn fresh_crate(dir: &Path, manifest: &str, source: &str, text: &str) -> Result<(), String> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    std::fs::write(dir.join(source), text).map_err(|e| e.to_string())
}

/// The newest `lib{crate_name}-*.rlib` in `deps` (a target's `debug/deps`) and its size: each
/// build of a crate whose fingerprint changed may leave another hash beside the old file.
fn newest_rlib(deps: &Path, crate_name: &str) -> Result<(PathBuf, u64), String> {
    let prefix = format!("lib{crate_name}-");
    let mut newest: Option<(std::time::SystemTime, PathBuf, u64)> = None;
    for entry in std::fs::read_dir(deps).map_err(|e| format!("{}: {e}", deps.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(&prefix) && name.ends_with(".rlib")) {
            continue;
        }
        let meta = entry.metadata().map_err(|e| e.to_string())?;
        let modified = meta.modified().map_err(|e| e.to_string())?;
        if newest.as_ref().is_none_or(|(m, _, _)| modified > *m) {
            newest = Some((modified, entry.path(), meta.len()));
        }
    }
    newest
        .map(|(_, path, len)| (path, len))
        .ok_or_else(|| format!("no {prefix}*.rlib in {}", deps.display()))
}

/// How a one-type program names the chat type and decodes and encodes it.
#[derive(Clone, Copy)]
struct ChatCalls {
    /// The models crate's name in Rust; the program uses its `Chat`.
    models: &'static str,
    decode: &'static str,
    encode: &'static str,
}

impl ChatCalls {
    /// `microsoft.graph.chat` as `odata_models!` names it at the crate root.
    const GENERATED: ChatCalls = ChatCalls {
        models: "bench_full_graph",
        decode: "graph_models::from_str",
        encode: "graph_models::to_string",
    };
    /// The naive script names a type by its namespace past `microsoft.graph` and its name, upper
    /// camel case: `microsoft.graph.chat` is `Chat`.
    const NAIVE: ChatCalls = ChatCalls {
        models: "bench_naive",
        decode: "serde_json::from_str",
        encode: "serde_json::to_string",
    };

    /// The program's `main.rs` for edit number `edit`: the number is in the chat's topic, so each
    /// edit changes a string literal the program decodes and prints.
    fn main_rs(&self, edit: usize) -> String {
        let ChatCalls {
            models,
            decode,
            encode,
        } = self;
        format!(
            r##"//! One `Chat` decoded and encoded (bench-compile's one-type program, edit {edit}).

const INPUT: &str = r#"{input}"#;

fn main() {{
    let chat: {models}::Chat = {decode}(INPUT).expect("decode");
    let json = {encode}(&chat).expect("encode");
    println!("decoded {{chat:?}}");
    println!("encoded {{json}}");
}}
"##,
            input = chat_json(edit)
        )
    }
}

/// The chat the one-type programs decode, edit `edit`'s.
fn chat_json(edit: usize) -> String {
    format!(
        r#"{{"id":"19:bench@thread.v2","topic":"{}","chatType":"group","createdDateTime":"2020-12-04T23:10:28.51Z"}}"#,
        chat_topic(edit)
    )
}

fn chat_topic(edit: usize) -> String {
    format!("bench-compile edit {edit}")
}

/// A one-type program: a binary crate depending by path on a case's models crate, in that case's
/// target directory.
struct Program {
    name: &'static str,
    dir: PathBuf,
    target: PathBuf,
    bin: String,
    calls: ChatCalls,
    relinks: Vec<Measured>,
}

impl Program {
    /// Creates the crate (`deps` follow the models crate in `[dependencies]`, and may go on with
    /// more tables), builds it as users build, incremental on, and runs it once.
    fn new(
        name: &'static str,
        dir: &Path,
        models: &Case,
        deps: &str,
        calls: ChatCalls,
    ) -> Result<Program, String> {
        let crate_name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("chat");
        let bin = format!("bench-{crate_name}");
        let models_dir = models.dir.display().to_string();
        let models_package = models.crate_name().replace('_', "-");
        let manifest = format!(
            "[package]\nname = \"{bin}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n{models_package} = {{ path = {models_dir:?} }}\n{deps}"
        );
        fresh_crate(dir, &manifest, "src/main.rs", &calls.main_rs(0))?;
        // The models crate's lock file: the same dependency versions, so they are reused.
        let lock = models.dir.join("Cargo.lock");
        if lock.exists() {
            std::fs::copy(&lock, dir.join("Cargo.lock")).map_err(|e| e.to_string())?;
        }
        let program = Program {
            name,
            dir: dir.to_path_buf(),
            target: models.target.clone(),
            bin,
            calls,
            relinks: Vec::new(),
        };
        let first = measured(dir, &program.target, &["build"], Incremental::Default)?;
        println!(
            "{name} program: first build (the path crates again, incremental) {}",
            first.describe()
        );
        program.run_binary(&program.debug_binary(), 0)?;
        Ok(program)
    }

    fn debug_binary(&self) -> PathBuf {
        self.target.join("debug").join(&self.bin)
    }

    /// Edits `main.rs` (edit number `edit` in a string literal) and measures the rebuild.
    fn relink(&mut self, edit: usize) -> Result<Measured, String> {
        std::fs::write(self.dir.join("src/main.rs"), self.calls.main_rs(edit))
            .map_err(|e| e.to_string())?;
        let relink = measured(&self.dir, &self.target, &["build"], Incremental::Default)?;
        self.relinks.push(relink);
        Ok(relink)
    }

    /// Runs `binary` and checks that it printed edit `edit`'s chat, encoded; prints what it printed
    /// the first time (edit 0).
    fn run_binary(&self, binary: &Path, edit: usize) -> Result<(), String> {
        let out = Command::new(binary)
            .output()
            .map_err(|e| format!("{}: {e}", binary.display()))?;
        let stdout = String::from_utf8_lossy(&out.stdout);
        let expected = format!("\"topic\":\"{}\"", chat_topic(edit));
        let encoded = stdout.lines().find(|l| l.starts_with("encoded "));
        if !out.status.success() || !encoded.is_some_and(|l| l.contains(&expected)) {
            return Err(format!(
                "{} did not print {expected} encoded ({}):\n{stdout}{}",
                binary.display(),
                out.status,
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        if edit == 0 {
            println!("{} program ({}) prints:", self.name, binary.display());
            for line in stdout.lines() {
                println!("    {line}");
            }
        } else {
            println!(
                "{} program ({}) prints edit {edit}, decoded and encoded",
                self.name,
                binary.display()
            );
        }
        Ok(())
    }

    /// The relinks' median, the debug binary's size and, unless `skip_release`, the release
    /// binary's (built here, then run).
    fn figures(&self, skip_release: bool) -> Result<ProgramFigures, String> {
        let debug = self.debug_binary();
        let debug_bytes = file_len(&debug)?;
        let file = std::fs::read(&debug).map_err(|e| format!("{}: {e}", debug.display()))?;
        let text =
            elf::section_size(&file, ".text").map_err(|e| format!("{}: {e}", debug.display()))?;
        let relink = median_wall(&self.relinks);
        let walls: Vec<String> = self
            .relinks
            .iter()
            .map(|r| secs(r.wall.as_secs_f64()))
            .collect();
        println!(
            "{} program: relink median {} s wall ({} s); debug binary {} MB, .text {} MB",
            self.name,
            secs(relink),
            walls.join(" / "),
            mb(debug_bytes),
            mb(text)
        );
        let release_bytes = if skip_release {
            None
        } else {
            let build = measured(
                &self.dir,
                &self.target,
                &["build", "--release"],
                Incremental::Default,
            )?;
            let release = self.target.join("release").join(&self.bin);
            let bytes = file_len(&release)?;
            let text = elf::section_size(
                &std::fs::read(&release).map_err(|e| format!("{}: {e}", release.display()))?,
                ".text",
            )?;
            println!(
                "{} program: release build (with its dependencies) {}; release binary {} MB, .text {} MB",
                self.name,
                build.describe(),
                mb(bytes),
                mb(text)
            );
            self.run_binary(&release, self.relinks.len())?;
            Some(bytes)
        };
        Ok(ProgramFigures {
            relink,
            debug_bytes,
            release_bytes,
        })
    }
}

fn file_len(path: &Path) -> Result<u64, String> {
    std::fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Runs `cargo ARGS --quiet` in `dir` with target directory `target` through a child of this
/// program (`--measure`), which reports the resource usage of what it waited for.
fn measured(
    dir: &Path,
    target: &Path,
    cargo_args: &[&str],
    incremental: Incremental,
) -> Result<Measured, String> {
    // On Linux the running binary itself, even once a workspace build has replaced
    // target/debug/xtask (any build after an edit of graph-models-codegen relinks it): the path
    // current_exe gives is then gone, or a newer program.
    let exe = if cfg!(target_os = "linux") {
        PathBuf::from("/proc/self/exe")
    } else {
        std::env::current_exe().map_err(|e| e.to_string())?
    };
    let mut cmd = Command::new(exe);
    cmd.args(["bench-compile", "--measure"])
        .arg(dir)
        .args(cargo_args)
        .env("CARGO_TARGET_DIR", target);
    match incremental {
        Incremental::Off => cmd.env("CARGO_INCREMENTAL", "0"),
        Incremental::Default => cmd.env_remove("CARGO_INCREMENTAL"),
    };
    let start = Instant::now();
    let out = cmd.output().map_err(|e| e.to_string())?;
    let wall = start.elapsed();
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(format!(
            "cargo {} in {} failed:\n{}",
            cargo_args.join(" "),
            dir.display(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let (cpu_us, rss) = parse_measurement(&stdout)
        .ok_or_else(|| format!("unexpected measurement output: {stdout:?}"))?;
    Ok(Measured {
        wall,
        cpu: Duration::from_micros(cpu_us),
        peak_rss_kb: rss,
    })
}

/// The `--measure` child's last line: `CPU_MICROS MAX_RSS_KB`.
fn parse_measurement(stdout: &str) -> Option<(u64, u64)> {
    let mut fields = stdout.lines().last()?.split_whitespace().map(str::parse);
    match (fields.next(), fields.next(), fields.next()) {
        (Some(Ok(cpu)), Some(Ok(rss)), None) => Some((cpu, rss)),
        _ => None,
    }
}

/// The `--measure DIR ARGS...` child: runs `cargo ARGS... --quiet` in DIR and prints `CPU_MICROS
/// MAX_RSS_KB` of its waited-for descendants (cargo waits for every rustc it starts, rustc for the
/// linker).
fn measure_child(args: &[String]) -> ExitCode {
    let Some((dir, cargo_args)) = args.split_first() else {
        return ExitCode::from(2);
    };
    if cargo_args.is_empty() {
        return ExitCode::from(2);
    }
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(cargo_args)
        .arg("--quiet")
        .current_dir(dir)
        .status();
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => {
            eprintln!("cargo {} exited with {s}", cargo_args.join(" "));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn summary() -> Summary {
        Summary {
            full_check: 22.44,
            floor_check: 7.1,
            naive_check: Some(90.8),
            check_rss_kb: 1787 * 1024 + 500,
            full_build: 61.26,
            floor_build: 9.8,
            full_rlib: 312 * 1024 * 1024 + 400 * 1024,
            floor_rlib: 600 * 1024,
            full_program: ProgramFigures {
                relink: 0.456,
                debug_bytes: 25 * 1024 * 1024,
                release_bytes: Some(3 * 1024 * 1024),
            },
            naive_program: Some(ProgramFigures {
                relink: 1.26,
                debug_bytes: 40 * 1024 * 1024 + 100 * 1024,
                release_bytes: Some(2 * 1024 * 1024 + 512 * 1024),
            }),
            build_rss_kb: 3000 * 1024,
        }
    }

    #[test]
    fn final_lines() {
        assert_eq!(
            summary().lines(),
            [
                "full-graph check 22.4 s, floor 7.1 s, naive 90.8 s, A/C=3.16, B/A=4.05, peak RSS 1787 MB",
                "full-graph build 61.3 s, floor build 9.8 s, X/F=6.25, rlib 312.4 MB (floor 0.59 MB), relink 0.46 s (naive 1.3 s), binary 25.0 MB (naive 40.1 MB), release binary 3.0 MB (naive 2.5 MB), peak RSS 3000 MB",
            ]
        );
    }

    #[test]
    fn final_lines_without_naive_or_release() {
        let mut s = summary();
        s.naive_check = None;
        s.naive_program = None;
        assert_eq!(
            s.lines(),
            [
                "full-graph check 22.4 s, floor 7.1 s, naive skipped, A/C=3.16, peak RSS 1787 MB",
                "full-graph build 61.3 s, floor build 9.8 s, X/F=6.25, rlib 312.4 MB (floor 0.59 MB), relink 0.46 s (naive skipped), binary 25.0 MB (naive skipped), release binary 3.0 MB (naive skipped), peak RSS 3000 MB",
            ]
        );
        s.full_program.release_bytes = None;
        assert!(s.lines()[1].contains(
            ", binary 25.0 MB (naive skipped), release binary skipped, peak RSS 3000 MB"
        ));
        let mut s = summary();
        s.full_program.release_bytes = None;
        s.naive_program.as_mut().unwrap().release_bytes = None;
        assert!(s.lines()[1]
            .contains(", binary 25.0 MB (naive 40.1 MB), release binary skipped, peak RSS"));
    }

    #[test]
    fn medians() {
        assert_eq!(median(vec![]), 0.0);
        assert_eq!(median(vec![3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), 2.5);
    }

    #[test]
    fn measurement_line() {
        assert_eq!(parse_measurement("123 456\n"), Some((123, 456)));
        assert_eq!(parse_measurement("noise\n7 8"), Some((7, 8)));
        assert_eq!(parse_measurement(""), None);
        assert_eq!(parse_measurement("1 2 3"), None);
        assert_eq!(parse_measurement("1 x"), None);
    }

    #[test]
    fn program_source_changes_with_each_edit() {
        let one = ChatCalls::GENERATED.main_rs(1);
        let two = ChatCalls::GENERATED.main_rs(2);
        assert_ne!(one, two);
        assert!(one.contains(r#""topic":"bench-compile edit 1""#));
        assert!(one.contains("let chat: bench_full_graph::Chat = graph_models::from_str(INPUT)"));
        assert!(one.contains("graph_models::to_string(&chat)"));
        let naive = ChatCalls::NAIVE.main_rs(1);
        assert!(naive.contains("let chat: bench_naive::Chat = serde_json::from_str(INPUT)"));
        // The JSON is a raw string the program can hold as it is.
        assert!(!chat_json(1).contains("\"#"));
    }

    #[test]
    fn newest_rlib_of_the_crate() {
        let dir = std::env::temp_dir().join(format!("xtask-newest-rlib-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let file = |name: &str, len: usize, age_secs: u64| {
            let path = dir.join(name);
            std::fs::write(&path, vec![0u8; len]).unwrap();
            let when = std::time::SystemTime::now() - Duration::from_secs(age_secs);
            std::fs::File::options()
                .write(true)
                .open(&path)
                .unwrap()
                .set_modified(when)
                .unwrap();
        };
        file("libbench_floor-aaaa.rlib", 10, 100);
        file("libbench_floor-bbbb.rlib", 20, 10);
        file("libbench_floor-cccc.rmeta", 30, 0);
        file("libbench_floor_x-dddd.rlib", 40, 0);
        let (path, len) = newest_rlib(&dir, "bench_floor").unwrap();
        assert_eq!(
            path.file_name().unwrap().to_str(),
            Some("libbench_floor-bbbb.rlib")
        );
        assert_eq!(len, 20);
        assert!(newest_rlib(&dir, "bench_naive").is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn sizes_and_times() {
        assert_eq!(mb(1024 * 1024), "1.0");
        assert_eq!(mb(512 * 1024), "0.50");
        assert_eq!(secs(0.123), "0.12");
        assert_eq!(secs(12.34), "12.3");
    }
}
