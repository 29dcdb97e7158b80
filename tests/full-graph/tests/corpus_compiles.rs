//! Every valid document of `../shared/corpus/csdl/` (and every fragment that reads on its own)
//! generates with `types: *`, and all of them compile together in one crate under clippy's
//! `-D warnings`: the generator holds beyond Graph (TripPin, Northwind, vocabularies, odata.net and
//! Olingo test models).

use graph_models_codegen::csdl;
use graph_models_codegen::emit::{self, Options};
use std::path::{Path, PathBuf};
use std::process::Command;

/// `edmx:Reference Uri` suffix -> corpus file, for the references the corpus holds (as in
/// graph-models-codegen/tests/csdl_corpus.rs).
const REFERENCES: &[(&str, &str)] = &[
    ("NorthWindExt.svc/$metadata", "northwind-v4-ext.xml"),
    ("Org.OData.Core.V1.xml", "oasis-vocab-core-v1.xml"),
    ("vocabs.odata.org/core/v1", "oasis-vocab-core-v1.xml"),
    (
        "Org.OData.Validation.V1.xml",
        "oasis-vocab-validation-v1.xml",
    ),
    (
        "Org.OData.Capabilities.V1.xml",
        "oasis-vocab-capabilities-v1.xml",
    ),
    (
        "sap.github.io/odata-vocabularies/vocabularies/Common.xml",
        "sap-vocab-common.xml",
    ),
    (
        "ModelRefService/CoreTerms.csdl",
        "odatanet-codegen-multiref-coreterms.xml",
    ),
    (
        "ModelRefService/DeviceModelTerms.csdl",
        "odatanet-codegen-multiref-devicemodelterms.xml",
    ),
    (
        "ModelRefService/GPS.csdl",
        "odatanet-codegen-multiref-gps.xml",
    ),
    (
        "ModelRefService/Location.csdl",
        "odatanet-codegen-multiref-location.xml",
    ),
    (
        "ModelRefService/Map.csdl",
        "odatanet-codegen-multiref-map.xml",
    ),
    (
        "ModelRefService/TruckDemo.csdl",
        "odatanet-codegen-multiref.xml",
    ),
    (
        "EdmxWithNamespaceInKeywords_referencedEdm.xml",
        "odatanet-codegen-namespace-in-keywords-refmodel-referenced.xml",
    ),
    (
        "org.apache.olingo.v1.xml",
        "olingo-org.apache.olingo.v1.xml",
    ),
    ("http://localhost/a.xml", "olingo-ref-a.xml"),
    ("http://localhost/b.xml", "olingo-ref-b.xml"),
];

fn shared_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!("{} is missing and CI is set", dir.display());
    }
    eprintln!("note: {} is missing; test not run", dir.display());
    None
}

fn xml_files(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|f| f.ends_with(".xml"))
        .collect();
    files.sort();
    files
}

/// A Rust module name for a corpus file name.
fn module_name(file: &str) -> String {
    let stem = file.trim_end_matches(".xml");
    let mut name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    while name.contains("__") {
        name = name.replace("__", "_");
    }
    format!("doc_{}", name.trim_matches('_'))
}

#[test]
fn every_valid_corpus_document_generates_and_compiles() {
    let Some(shared) = shared_dir() else {
        return;
    };
    let csdl_dir = shared.join("corpus/csdl");
    let resolve = |uri: &str| {
        let (_, file) = REFERENCES.iter().find(|(u, _)| uri.ends_with(u))?;
        let text = std::fs::read_to_string(csdl_dir.join(file)).ok()?;
        Some((file.to_string(), text))
    };

    let mut sources: Vec<(String, String)> = Vec::new();
    let mut unreadable = Vec::new();
    let mut documents = 0;
    for (dir, with_refs) in [
        (csdl_dir.clone(), true),
        (csdl_dir.join("fragments"), false),
    ] {
        for file in xml_files(&dir) {
            let text = std::fs::read_to_string(dir.join(&file)).unwrap();
            let model = if with_refs {
                csdl::read_with_references(&text, &file, &resolve)
            } else {
                csdl::read(&text, &file)
            };
            // Documents with reader errors are the reader's tests' business (csdl_corpus.rs
            // lists each with its reason); the macro refuses them with located errors.
            let Ok(model) = model else {
                unreadable.push(file);
                continue;
            };
            documents += 1;
            let selection = emit::select_all(&model);
            let code = emit::generate_file(&model, &selection, &Options::default())
                .unwrap_or_else(|e| panic!("{file}: {e}"));
            sources.push((module_name(&file), code));
        }
    }
    eprintln!(
        "{documents} corpus documents generate ({} with types); {} do not read: {unreadable:?}",
        sources
            .iter()
            .filter(|(_, c)| c.contains("pub struct") || c.contains("pub enum"))
            .count(),
        unreadable.len()
    );
    // 67 documents + 25 fragments; csdl_corpus.rs pins which ones have reader errors.
    assert!(documents >= 50, "only {documents} documents read");

    let krate = Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus-crate");
    let _ = std::fs::remove_dir_all(krate.join("src"));
    std::fs::create_dir_all(krate.join("src")).unwrap();
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../graph-models");
    let runtime = std::fs::canonicalize(runtime).unwrap();
    std::fs::write(
        krate.join("Cargo.toml"),
        format!(
            "[package]\nname = \"corpus-crate\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\ngraph-models = {{ path = {:?} }}\n\n[workspace]\n",
            runtime.display().to_string()
        ),
    )
    .unwrap();
    let mut lib = String::from("//! Generated by corpus_compiles.rs.\n#![deny(warnings)]\n");
    for (module, code) in &sources {
        std::fs::write(krate.join("src").join(format!("{module}.rs")), code).unwrap();
        lib.push_str(&format!("pub mod {module};\n"));
    }
    std::fs::write(krate.join("src/lib.rs"), lib).unwrap();

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["clippy", "--quiet", "--", "-D", "warnings"])
        .current_dir(&krate)
        .env("CARGO_TARGET_DIR", krate.join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "the generated corpus crate does not compile cleanly:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!(
        "{} documents compile under clippy -D warnings",
        sources.len()
    );
}
