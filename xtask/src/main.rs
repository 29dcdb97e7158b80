//! Maintainer commands: `cargo xtask <command> [args]`. One module per command.

mod args;
mod bench_compile;
mod bench_json;
mod bench_request;
mod bench_shape;
mod check_metadata;
mod fetch_metadata;
mod generate;
mod model_diff;
mod regen;
mod scan;
mod trim;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>\n\ncommands:\n  check-metadata FILE   read a CSDL document, print a summary or every diagnostic
  regen [--check]       write (or check) the checked-in expansion of every odata_models! call
  generate --metadata FILE (--types a,b,c | --all) --out FILE.rs
                        generate models from any CSDL file, without the macro
  trim --metadata FILE --types a,b,c --out FILE.csdl [--strip-descriptions]
                        a smaller CSDL document with exactly those types' selection
  fetch-metadata [--url URL] --out FILE
                        download $metadata (Graph v1.0 by default), replace FILE if it reads
  bench-json [--quick]  JSON decode/encode benchmark: generated models vs plain serde structs vs Value
  bench-compile [--metadata FILE] [--shared DIR] [--skip-naive] [--skip-release] [--runs N]
                        time `cargo check` and `cargo build` of the whole Graph schema against the
                        naive baseline and the floor (rlib sizes, peak RSS), and the relink and
                        binary sizes of a program using one type of it
  bench-request [--metadata FILE] [--runs N]
                        time `cargo check` and `cargo build` of the whole schema with and
                        without `operations: true` and `paths: true` (rlib sizes, peak RSS)
  bench-shape [--runs N]
                        time `cargo check` of rewritten copies of the whole schema (no docs, empty
                        bodies, ...) against the floor: what the generated shape itself costs";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("bench-json") => bench_json::run(&args[1..]),
        Some("check-metadata") => check_metadata::run(&args[1..]),
        Some("regen") => regen::run(&args[1..]),
        Some("generate") => generate::run(&args[1..]),
        Some("trim") => trim::run(&args[1..]),
        Some("fetch-metadata") => fetch_metadata::run(&args[1..]),
        Some("bench-compile") => bench_compile::run(&args[1..]),
        Some("bench-shape") => bench_shape::run(&args[1..]),
        Some("bench-request") => bench_request::run(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("unknown command `{other}`\n\n{USAGE}");
            ExitCode::from(2)
        }
        None => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
