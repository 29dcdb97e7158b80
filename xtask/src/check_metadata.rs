//! `cargo xtask check-metadata FILE [REFERENCED...]`: reads a CSDL document and prints a summary
//! (exit 0) or every diagnostic as `FILE:LINE:COL: kind: message` (exit 1).
//!
//! Extra files are offered for the document's `edmx:Reference`s: a reference is supplied by the
//! extra file whose name is the last path segment of its URI.

use graph_models_codegen::model::{Model, TypeKind};
use graph_models_codegen::Severity;
use std::path::Path;
use std::process::ExitCode;

pub fn run(args: &[String]) -> ExitCode {
    let Some(file) = args.first() else {
        eprintln!("usage: cargo xtask check-metadata FILE [REFERENCED_FILE...]");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::from(2);
        }
    };
    let extra: Vec<(String, String)> = args[1..]
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok().map(|t| (p.clone(), t)))
        .collect();
    let resolve = |uri: &str| {
        let wanted = uri.rsplit('/').next().unwrap_or(uri);
        extra
            .iter()
            .find(|(p, _)| Path::new(p).file_name().and_then(|n| n.to_str()) == Some(wanted))
            .cloned()
    };
    match graph_models_codegen::csdl::read_with_references(&text, file, &resolve) {
        Ok(model) => {
            print!("{}", summary(&model));
            ExitCode::SUCCESS
        }
        Err(diags) => {
            for d in diags.0.iter().filter(|d| d.severity == Severity::Error) {
                println!("{d}");
            }
            ExitCode::from(1)
        }
    }
}

/// Counts a maintainer checks against the service's documentation.
pub fn summary(model: &Model) -> String {
    let mut out = String::new();
    out.push_str(&format!("schemas: {}\n", model.schemas.len()));
    for s in &model.schemas {
        match &s.alias {
            Some(a) => out.push_str(&format!("  {} (alias {a})\n", s.namespace)),
            None => out.push_str(&format!("  {}\n", s.namespace)),
        }
    }
    let count = |f: &dyn Fn(&TypeKind) -> bool| model.types.iter().filter(|t| f(&t.kind)).count();
    let structured = model.types.iter().filter_map(|t| t.structured());
    out.push_str(&format!(
        "entity types: {}\ncomplex types: {}\nenum types: {} ({} flags)\ntype definitions: {}\n",
        count(&|k| matches!(k, TypeKind::Entity(_))),
        count(&|k| matches!(k, TypeKind::Complex(_))),
        count(&|k| matches!(k, TypeKind::Enum(_))),
        count(&|k| matches!(k, TypeKind::Enum(e) if e.is_flags)),
        count(&|k| matches!(k, TypeKind::Definition(_))),
    ));
    out.push_str(&format!(
        "abstract types: {}\nopen types: {}\n",
        structured.clone().filter(|s| s.is_abstract).count(),
        structured.filter(|s| s.open).count(),
    ));
    let functions = model.operations.iter().filter(|o| o.is_function).count();
    out.push_str(&format!(
        "actions: {}\nfunctions: {}\n",
        model.operations.len() - functions,
        functions
    ));
    if !model.warnings.is_empty() {
        out.push_str(&format!("warnings: {}\n", model.warnings.len()));
    }
    out
}
