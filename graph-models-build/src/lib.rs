//! Generates graph-models types from a CSDL document in a build script, as `prost-build` and
//! `typify` do: the same generator as `odata_models!` (`graph-models-codegen`), with the output
//! written as a formatted file into `OUT_DIR`, where you can read it and rustdoc can document it.
//!
//! ```no_run
//! // in build.rs's `fn main`:
//! graph_models_build::Builder::new("metadata/my-service.csdl")
//!     .types(["order", "customer"])
//!     .generate()
//!     .unwrap_or_else(|e| panic!("{e}"));
//! ```
//! ```ignore
//! // src/lib.rs
//! include!(concat!(env!("OUT_DIR"), "/models.rs"));
//! ```
//! The crate then depends on `graph-models` (the runtime the generated code calls). Cargo reruns
//! the build script when the metadata file changes.
//!
//! This crate is the thin shell that does the I/O; everything else is `graph-models-codegen`.

use graph_models_codegen::emit::{self, Options};
use graph_models_codegen::select;
use graph_models_codegen::untyped;
use std::fmt;
use std::path::{Path, PathBuf};

/// What to generate, and where.
#[derive(Debug, Clone)]
pub struct Builder {
    metadata: PathBuf,
    types: Option<Vec<String>>,
    untyped: Option<Vec<String>>,
    runtime: Option<String>,
    out_dir: Option<PathBuf>,
    file_name: String,
}

/// Why nothing was written: what and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl Builder {
    /// Generates from the CSDL document at `metadata` (relative paths are relative to the build
    /// script's working directory, the package root). Every type by default.
    pub fn new(metadata: impl Into<PathBuf>) -> Self {
        Builder {
            metadata: metadata.into(),
            types: None,
            untyped: None,
            runtime: None,
            out_dir: None,
            file_name: "models.rs".into(),
        }
    }

    /// The types to generate, named as in `odata_models!`'s `types: [...]` (`order`,
    /// `Contoso.Sales.order`, `Contoso.Sales.*`), with what they need.
    pub fn types<I: IntoIterator<Item = S>, S: Into<String>>(mut self, names: I) -> Self {
        self.types = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// Complex types carried as any JSON value, as `untyped: [...]` (default: Graph's
    /// `microsoft.graph.Json`; an empty list for none).
    pub fn untyped<I: IntoIterator<Item = S>, S: Into<String>>(mut self, names: I) -> Self {
        self.untyped = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// The path generated code uses for the runtime crate (`::graph_models` by default).
    pub fn runtime(mut self, path: impl Into<String>) -> Self {
        self.runtime = Some(path.into());
        self
    }

    /// The directory to write into (`OUT_DIR` by default).
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// The file name (`models.rs` by default).
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = name.into();
        self
    }

    /// The formatted source of the models, with its "generated, do not edit" header.
    pub fn source(&self) -> Result<String, Error> {
        let origin = self.metadata.display().to_string();
        let text = std::fs::read_to_string(&self.metadata)
            .map_err(|e| Error(format!("{origin}: cannot read metadata file: {e}")))?;
        let mut model = graph_models_codegen::csdl::read(&text, &origin).map_err(|d| {
            Error(
                d.errors()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n"),
            )
        })?;
        match &self.untyped {
            None => {
                untyped::untype_default(&mut model);
            }
            Some(names) => {
                untyped::untype(&mut model, names).map_err(|errors| {
                    Error(list(
                        "untyped",
                        errors.iter().map(|e| (e.index(), e.to_string())),
                    ))
                })?;
            }
        }
        let selection = match &self.types {
            None => select::select_all(&model),
            Some(names) => {
                let roots = select::resolve_names(&model, names).map_err(|unknown| {
                    Error(list(
                        "types",
                        unknown.iter().map(|u| (u.index, u.to_string())),
                    ))
                })?;
                select::select(&model, &roots)
            }
        };
        let options = match &self.runtime {
            None => Options::default(),
            Some(path) => Options {
                runtime: path
                    .parse()
                    .map_err(|e| Error(format!("runtime path `{path}`: {e}")))?,
            },
        };
        let code = emit::generate_file(&model, &selection, &options)
            .map_err(|e| Error(format!("{origin}: {e}")))?;
        Ok(format!(
            "// generated by graph-models-build from {origin}; do not edit.\n\n{code}"
        ))
    }

    /// Writes the models into the output directory, tells cargo to rerun when the metadata
    /// changes, and returns the file's path.
    pub fn generate(&self) -> Result<PathBuf, Error> {
        let code = self.source()?;
        let dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| Error("OUT_DIR is not set (not in a build script?)".into()))?,
        };
        let path = dir.join(&self.file_name);
        write_if_changed(&path, &code)?;
        println!("cargo::rerun-if-changed={}", self.metadata.display());
        Ok(path)
    }
}

/// `types[2]: the metadata has no type named ...`, one line each.
fn list(what: &str, errors: impl Iterator<Item = (usize, String)>) -> String {
    errors
        .map(|(i, e)| format!("{what}[{i}]: {e}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Leaves an unchanged file alone, so that its modification time does not trigger rebuilds.
fn write_if_changed(path: &Path, code: &str) -> Result<(), Error> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == code) {
        return Ok(());
    }
    std::fs::write(path, code).map_err(|e| Error(format!("{}: {e}", path.display())))
}
