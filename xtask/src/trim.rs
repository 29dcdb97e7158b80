//! `cargo xtask trim --metadata FILE --types a,b,c --out FILE.csdl [--strip-descriptions]`: a smaller
//! valid CSDL document holding exactly the selection the macro would generate for those types (see
//! `graph_models_codegen::trim`). Bad input exits 1 with located diagnostics and leaves `--out` alone.

use crate::regen::write;
use graph_models_codegen::trim::{self, TrimError, TrimOptions};
use std::process::ExitCode;

const USAGE: &str =
    "usage: cargo xtask trim --metadata FILE --types a,b,c --out FILE.csdl [--strip-descriptions]";

pub fn run(args: &[String]) -> ExitCode {
    let args = match crate::args::Args::parse(
        args,
        &["--metadata", "--types", "--out"],
        &["--strip-descriptions"],
    ) {
        Ok(a) => a,
        Err(e) => return usage(&e),
    };
    let (Some(metadata), Some(types), Some(out)) = (
        args.value("--metadata"),
        args.value("--types"),
        args.value("--out"),
    ) else {
        return usage("--metadata, --types and --out are required");
    };
    let names = crate::args::list(types);
    if names.is_empty() {
        return usage("--types names no type");
    }
    let text = match std::fs::read_to_string(metadata) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{metadata}: cannot read: {e}");
            return ExitCode::from(1);
        }
    };
    let options = TrimOptions {
        strip_descriptions: args.flag("--strip-descriptions"),
    };
    let trimmed = match trim::trim(&text, metadata, &names, &options) {
        Ok(t) => t,
        Err(TrimError::Read(diagnostics)) => {
            diagnostics.errors().for_each(|d| eprintln!("{d}"));
            return ExitCode::from(1);
        }
        Err(TrimError::UnknownNames(unknown)) => {
            for u in unknown {
                eprintln!("--types:{}: unknown-type-name: {u}", u.index + 1);
            }
            return ExitCode::from(1);
        }
        Err(TrimError::Output(diagnostics)) => {
            eprintln!(
                "{metadata}: the trimmed document does not read (a bug in trim; nothing written):"
            );
            diagnostics.errors().for_each(|d| eprintln!("  {d}"));
            return ExitCode::from(1);
        }
    };
    if let Err(e) = write(std::path::Path::new(out), &trimmed.document) {
        eprintln!("{out}: {e}");
        return ExitCode::from(1);
    }
    println!(
        "wrote {out}: {} selected types, {} stubs ({} of {} bytes)",
        trimmed.selected.len(),
        trimmed.stubs.len(),
        trimmed.document.len(),
        text.len()
    );
    ExitCode::SUCCESS
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("{problem}\n{USAGE}");
    ExitCode::from(2)
}
