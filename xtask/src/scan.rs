//! Finds the `odata_models!` calls of a repository: every `.rs` file outside `target`, `tests`,
//! `benches`, `fuzz`, hidden and `generated` directories, parsed with syn (so a call in a comment or
//! a string is not one), each macro whose path ends in `odata_models`.
//!
//! Tests are left out on purpose: compile-fail cases hold calls that must not expand, and a test's
//! models are read by nobody's editor or docs.

use graph_models_codegen::invocation::Invocation;
use std::path::{Path, PathBuf};
use syn::visit::Visit;

const SKIPPED_DIRS: &[&str] = &["target", "tests", "benches", "fuzz", "generated"];

pub struct Call {
    /// The file holding the call.
    pub file: PathBuf,
    /// Position of the call among the file's calls (0 for the first).
    pub index: usize,
    pub line: usize,
    pub invocation: Invocation,
}

/// A problem at `FILE:LINE:COL`.
pub fn located(file: &Path, span: proc_macro2::Span, kind: &str, message: &str) -> String {
    let start = span.start();
    format!(
        "{}:{}:{}: {kind}: {message}",
        file.display(),
        start.line,
        start.column + 1
    )
}

/// Every call under `root`, in path order; problems (unreadable files, calls that do not parse) as
/// located messages.
pub fn find_calls(root: &Path) -> (Vec<Call>, Vec<String>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    walk(root, &mut files, &mut problems);
    files.sort();
    let mut calls = Vec::new();
    for file in files {
        let shown = Path::new(&crate::regen::relative(root, &file)).to_path_buf();
        let text = match std::fs::read_to_string(&file) {
            Ok(t) => t,
            Err(e) => {
                problems.push(format!("{}: {e}", shown.display()));
                continue;
            }
        };
        // Cheap filter: parsing every file of the repository with syn is most of the run otherwise.
        if !text.contains("odata_models") {
            continue;
        }
        let parsed = match syn::parse_file(&text) {
            Ok(f) => f,
            Err(e) => {
                problems.push(located(&shown, e.span(), "parse-error", &e.to_string()));
                continue;
            }
        };
        let mut finder = Finder::default();
        finder.visit_file(&parsed);
        for (index, mac) in finder.found.into_iter().enumerate() {
            match syn::parse2::<Invocation>(mac.tokens.clone()) {
                Ok(invocation) => calls.push(Call {
                    file: file.clone(),
                    index,
                    line: mac
                        .path
                        .segments
                        .first()
                        .map_or(0, |s| s.ident.span().start().line),
                    invocation,
                }),
                Err(e) => problems.push(located(&shown, e.span(), "invalid-call", &e.to_string())),
            }
        }
    }
    (calls, problems)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push(format!("{}: {e}", dir.display()));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        // `file_type` does not follow symlinks: a link cannot make the walk loop.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if !name.starts_with('.')
                && !SKIPPED_DIRS.contains(&name.as_ref())
                && !is_build_dir(&path)
            {
                walk(&path, files, problems);
            }
        } else if kind.is_file() && name.ends_with(".rs") {
            files.push(path);
        }
    }
}

/// Cargo marks every target directory, whatever its name (`CARGO_TARGET_DIR`), with this file; the
/// scratch repositories of regen's own tests live in one.
pub fn is_build_dir(dir: &Path) -> bool {
    dir.join("CACHEDIR.TAG").is_file()
}

#[derive(Default)]
struct Finder {
    found: Vec<syn::Macro>,
}

impl<'ast> Visit<'ast> for Finder {
    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        if mac
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "odata_models")
        {
            self.found.push(mac.clone());
        }
    }
}
