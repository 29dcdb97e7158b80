//! `cargo xtask check-metadata FILE [REFERENCED_FILE...] [--warnings]`: reads a CSDL document and
//! prints a short summary (exit 0), or every diagnostic as `FILE:LINE:COL: kind: message` (exit 1).
//!
//! Extra files are offered for the document's `edmx:Reference`s: a reference is supplied by the
//! extra file whose name is the last path segment of its URI. `--warnings` also lists what the
//! reader tolerated when the document reads.

use graph_models_codegen::model::{Model, TypeKind};
use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask check-metadata FILE [REFERENCED_FILE...] [--warnings]";

pub fn run(args: &[String]) -> ExitCode {
    let warnings = args.iter().any(|a| a == "--warnings");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let Some(file) = files.first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::from(2);
        }
    };
    let mut extra = Vec::new();
    for p in &files[1..] {
        match std::fs::read_to_string(p) {
            Ok(t) => extra.push((p.to_string(), t)),
            Err(e) => {
                eprintln!("{p}: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let (ok, out) = check(&text, file, &extra, warnings);
    print!("{out}");
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Reads `text` (named `file`) with `extra` documents offered for its references; returns
/// whether it read and what to print.
pub fn check(text: &str, file: &str, extra: &[(String, String)], warnings: bool) -> (bool, String) {
    let resolve = |uri: &str| {
        let wanted = uri.rsplit('/').next().unwrap_or(uri);
        extra
            .iter()
            .find(|(p, _)| Path::new(p).file_name().and_then(|n| n.to_str()) == Some(wanted))
            .cloned()
    };
    match graph_models_codegen::csdl::read_with_references(text, file, &resolve) {
        Ok(model) => {
            let mut out = summary(&model);
            if warnings {
                for w in &model.warnings {
                    out.push_str(&format!("{w}\n"));
                }
            }
            (true, out)
        }
        Err(diags) => (false, format!("{diags}\n")),
    }
}

/// The counts a maintainer checks against the service's documentation.
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
        "abstract types: {}\nopen types: {} (declared or inherited)\n",
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
        out.push_str(&format!(
            "warnings: {} (--warnings lists them)\n",
            model.warnings.len()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::check;

    const DOC: &str = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:Reference Uri="https://example.org/v/Vocab.xml"><edmx:Include Namespace="v" Alias="V"/></edmx:Reference>
  <edmx:DataServices><Schema Namespace="ns" Alias="a" xmlns="http://docs.oasis-open.org/odata/ns/edm">
    <EntityType Name="e" Abstract="true" OpenType="true"><Property Name="t" Type="V.Tag"/></EntityType>
    <EntityType Name="d" BaseType="a.e"/>
    <ComplexType Name="c"/>
    <EnumType Name="f" IsFlags="true"><Member Name="x" Value="1"/></EnumType>
    <EnumType Name="g"><Member Name="y"/></EnumType>
    <TypeDefinition Name="td" UnderlyingType="Edm.String"/>
    <Action Name="act"/><Function Name="fun"><ReturnType Type="Edm.String"/></Function>
  </Schema></edmx:DataServices></edmx:Edmx>"#;

    const VOCAB: &str = r#"<Schema Namespace="v" xmlns="http://docs.oasis-open.org/odata/ns/edm"><ComplexType Name="Tag" Foo="1"/></Schema>"#;

    #[test]
    fn summary_of_a_document_that_reads() {
        let extra = [("vocabs/Vocab.xml".to_string(), VOCAB.to_string())];
        let (ok, out) = check(DOC, "doc.xml", &extra, false);
        assert!(ok, "{out}");
        assert_eq!(
            out,
            "schemas: 2\n  ns (alias a)\n  v\nentity types: 2\ncomplex types: 2\nenum types: 2 (1 flags)\n\
             type definitions: 1\nabstract types: 1\nopen types: 2 (declared or inherited)\nactions: 1\n\
             functions: 1\nwarnings: 1 (--warnings lists them)\n"
        );
        let (_, out) = check(DOC, "doc.xml", &extra, true);
        assert!(out.ends_with("vocabs/Vocab.xml:1:71: unknown-element: unknown attribute Foo on <ComplexType> ignored\n"), "{out}");
    }

    #[test]
    fn every_diagnostic_as_file_line_col_kind_message() {
        let (ok, out) = check(DOC, "doc.xml", &[], false);
        assert!(!ok);
        assert_eq!(
            out.lines().collect::<Vec<_>>(),
            ["doc.xml:4:58: unresolved-reference: property `t` of `ns.e`: type `V.Tag` is in namespace `v` of edmx:Reference `https://example.org/v/Vocab.xml` (doc.xml:2:3), whose document was not supplied"]
        );
        let (ok, out) = check("<edmx:Edmx", "bad.xml", &[], false);
        assert!(!ok);
        assert!(out.starts_with("bad.xml:1:"), "{out}");
        assert!(out.contains(": malformed-xml: "), "{out}");
    }
}
