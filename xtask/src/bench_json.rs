//! `cargo xtask bench-json [--quick]`: the JSON benchmark (generated models vs plain derived structs vs
//! `serde_json::Value`), built in release mode and run in one process so the ratios compare like with
//! like. The benchmark itself is the `bench-json` crate (`benches/json/`).

use std::path::Path;
use std::process::{Command, ExitCode};

pub fn run(args: &[String]) -> ExitCode {
    if let Some(other) = args.iter().find(|a| *a != "--quick") {
        eprintln!("unknown argument `{other}`\nusage: cargo xtask bench-json [--quick]");
        return ExitCode::from(2);
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace");
    let status = Command::new(cargo)
        .current_dir(root)
        .args(["run", "--quiet", "--release", "-p", "bench-json", "--"])
        .args(args)
        .status();
    match status {
        Ok(s) if s.success() => ExitCode::SUCCESS,
        Ok(s) => {
            eprintln!("bench-json failed: {s}");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("cannot run cargo: {e}");
            ExitCode::FAILURE
        }
    }
}
