//! `cargo xtask bench-request [--metadata FILE] [--runs N]`: what the request side costs on the
//! whole schema. Four crates, each one `odata_models!` call with `types: *` over the same
//! document, fresh target directories, debug profile, `CARGO_INCREMENTAL=0`: models only, with
//! `operations: true`, with `paths: true`, and with both. Each run checks then builds every crate
//! in turn (so a machine speeding up or slowing down shifts all alike); the figures are the
//! medians, and the ratios are against the models-only crate of the same run (issue 17 allows at
//! most 1.20).

use crate::bench_compile::{macro_profile, run_cases, workspace_root, Case};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask bench-request [--metadata FILE] [--runs N]";

pub fn run(args: &[String]) -> ExitCode {
    let root = workspace_root();
    let mut metadata = root.join("../shared/metadata/graph-v1.0.csdl");
    let mut runs = 1;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match (a.as_str(), it.next()) {
            ("--metadata", Some(m)) => metadata = PathBuf::from(m),
            ("--runs", Some(n)) => match n.parse::<usize>() {
                Ok(n) if n > 0 => runs = n,
                _ => return usage(),
            },
            _ => return usage(),
        }
    }
    match bench(metadata, runs) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench-request: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> ExitCode {
    eprintln!("{USAGE}");
    ExitCode::from(2)
}

fn bench(metadata: PathBuf, runs: usize) -> Result<(), String> {
    let root = workspace_root();
    let metadata =
        std::fs::canonicalize(&metadata).map_err(|e| format!("{}: {e}", metadata.display()))?;
    let runtime = std::fs::canonicalize(root.join("graph-models")).map_err(|e| e.to_string())?;
    let bench = root.join("target/bench-request");
    let deps = format!(
        "graph-models = {{ path = {runtime:?} }}\n\n{}",
        macro_profile()
    );
    let variants: [(&'static str, &str); 4] = [
        ("models", ""),
        ("operations", "    operations: true,\n"),
        ("paths", "    paths: true,\n"),
        (
            "operations+paths",
            "    operations: true,\n    paths: true,\n",
        ),
    ];
    let mut cases = Vec::new();
    for (name, options) in variants {
        let lib = format!(
            "graph_models::odata_models! {{\n    metadata: {:?},\n    types: *,\n{options}}}\n",
            metadata.display().to_string()
        );
        let dir = bench.join(name.replace('+', "-"));
        cases.push(Case::new(name, &dir, &deps, lib, true)?);
    }
    run_cases(&mut cases, runs)?;
    let base = &cases[0];
    let (base_peak, base_rlib) = base.build_peak_and_rlib();
    println!(
        "{:<18} {:>9} {:>9} {:>9} {:>9} {:>11} {:>7} {:>11} {:>7}",
        "", "check", "ratio", "build", "ratio", "rlib MB", "ratio", "build peak", "ratio"
    );
    for case in &cases {
        let (peak, rlib) = case.build_peak_and_rlib();
        println!(
            "{:<18} {:>8.1}s {:>9.2} {:>8.1}s {:>9.2} {:>11.1} {:>7.2} {:>8} MB {:>7.2}",
            case.name,
            case.median_wall(),
            case.median_wall() / base.median_wall(),
            case.build_median_wall(),
            case.build_median_wall() / base.build_median_wall(),
            rlib as f64 / 1e6,
            rlib as f64 / base_rlib as f64,
            peak / 1024,
            peak as f64 / base_peak as f64,
        );
    }
    Ok(())
}
