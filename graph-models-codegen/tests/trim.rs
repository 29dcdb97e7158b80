//! `trim`: the trimmed document reads back to the same model for the selected types (properties,
//! types, facets, bases, keys, enum members, annotations inline and out-of-line), holds exactly the
//! selection plus navigation-target stubs, and selects the same types again.

mod common;

use graph_models_codegen::csdl;
use graph_models_codegen::model::{
    Annotations, Model, TypeId, TypeKind, TypeRef, TypeTarget, CORE,
};
use graph_models_codegen::select;
use graph_models_codegen::trim::{trim, TrimError, TrimOptions};
use std::collections::BTreeSet;
use std::path::Path;

fn type_ref(model: &Model, tr: &TypeRef) -> String {
    let single = match tr.target {
        TypeTarget::Primitive(p) => format!("Edm.{}", p.edm_name()),
        TypeTarget::Type(id) => model.ty(id).qualified_name(),
    };
    format!("{}{single}", if tr.collection { "Collection " } else { "" })
}

fn is_description(term: &str) -> bool {
    term == format!("{CORE}.Description") || term == format!("{CORE}.LongDescription")
}

fn annotations(a: &Annotations, strip: bool) -> String {
    let kept: Vec<_> =
        a.0.iter()
            .filter(|a| !(strip && is_description(&a.term)))
            .map(|a| (&a.term, &a.qualifier, &a.value))
            .collect();
    format!("{kept:?}")
}

/// Everything the model says about a type, names resolved, locations left out.
fn describe(model: &Model, id: TypeId, strip: bool) -> Vec<String> {
    let ty = model.ty(id);
    let mut out = vec![format!(
        "{} {}",
        ty.qualified_name(),
        annotations(&ty.annotations, strip)
    )];
    match &ty.kind {
        TypeKind::Entity(s) | TypeKind::Complex(s) => {
            out.push(format!(
                "entity={} base={:?} abstract={} open={} stream={} key={:?}",
                ty.is_entity(),
                s.base.map(|b| model.ty(b).qualified_name()),
                s.is_abstract,
                s.open,
                s.has_stream,
                s.key
            ));
            for p in &s.properties {
                out.push(format!(
                    "property {} {} nullable={} facets={:?} {}",
                    p.name,
                    type_ref(model, &p.ty),
                    p.nullable,
                    (
                        &p.max_length,
                        p.precision,
                        &p.scale,
                        &p.srid,
                        &p.default_value
                    ),
                    annotations(&p.annotations, strip)
                ));
            }
            for n in &s.navigation_properties {
                out.push(format!(
                    "navigation {} {} nullable={} contains={} partner={:?} {}",
                    n.name,
                    type_ref(model, &n.ty),
                    n.nullable,
                    n.contains_target,
                    n.partner,
                    annotations(&n.annotations, strip)
                ));
            }
        }
        TypeKind::Enum(e) => {
            out.push(format!("enum {:?} flags={}", e.underlying, e.is_flags));
            for m in &e.members {
                out.push(format!(
                    "member {}={} {}",
                    m.name,
                    m.value,
                    annotations(&m.annotations, strip)
                ));
            }
        }
        TypeKind::Definition(d) => out.push(format!("{d:?}")),
    }
    // Out-of-line annotations on deeper paths (`ns.type/complexProperty/member`).
    let prefix = format!("{}/", ty.qualified_name());
    let mut deeper: Vec<_> = model
        .other_annotations
        .iter()
        .filter(|(target, _)| target.starts_with(&prefix))
        .map(|(target, a)| format!("{target} {}", annotations(a, strip)))
        .collect();
    deeper.sort();
    out.extend(deeper);
    out
}

fn names(model: &Model, ids: impl IntoIterator<Item = TypeId>) -> BTreeSet<String> {
    ids.into_iter()
        .map(|id| model.ty(id).qualified_name())
        .collect()
}

fn check(text: &str, roots: &[&str], strip: bool) -> String {
    let original = csdl::read(text, "original").unwrap_or_else(|d| panic!("{d}"));
    let roots: Vec<String> = roots.iter().map(|r| r.to_string()).collect();
    let options = TrimOptions {
        strip_descriptions: strip,
    };
    let trimmed = trim(text, "original", &roots, &options).unwrap_or_else(|e| panic!("{e:?}"));
    let model = csdl::read(&trimmed.document, "trimmed").unwrap_or_else(|d| panic!("{d}"));

    let ids = select::resolve_names(&original, &roots).unwrap();
    let selection = select::select(&original, &ids).types;
    let selected = names(&original, selection.iter().copied());
    assert_eq!(
        trimmed.selected.iter().cloned().collect::<BTreeSet<_>>(),
        selected
    );
    for &id in &selection {
        let name = original.ty(id).qualified_name();
        let again = model.by_name[&name];
        assert_eq!(
            describe(&model, again, strip),
            describe(&original, id, strip)
        );
    }
    // Exactly the selection and the stubs; stubs declare nothing; the same roots select the same.
    let stubs: BTreeSet<String> = trimmed.stubs.iter().cloned().collect();
    let all = names(&model, (0..model.types.len() as u32).map(TypeId));
    assert_eq!(all, selected.union(&stubs).cloned().collect());
    for stub in &stubs {
        let s = model.ty(model.by_name[stub]).structured().unwrap();
        assert!(
            s.properties.is_empty() && s.navigation_properties.is_empty(),
            "{stub}"
        );
    }
    let again = select::resolve_names(&model, &roots).unwrap();
    assert_eq!(
        names(&model, select::select(&model, &again).types),
        selected
    );
    if strip {
        assert!(!trimmed.document.contains("Core.V1.Description"));
    }
    trimmed.document
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn graph_chat_types_trim_to_the_checked_in_subset() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let full = read(&shared.join("metadata/graph-v1.0.csdl"));
    let roots = ["chat", "conversationMember", "aadUserConversationMember"];
    let trimmed = check(&full, &roots, false);
    check(&full, &roots, true);
    // metadata/graph-v1.0-chat.csdl was made by hand by the same rules: same types, same stubs.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let by_hand = csdl::read(&read(&repo.join("metadata/graph-v1.0-chat.csdl")), "x").unwrap();
    let trimmed = csdl::read(&trimmed, "trimmed").unwrap();
    let all = |m: &Model| names(m, (0..m.types.len() as u32).map(TypeId));
    assert_eq!(all(&trimmed), all(&by_hand));
}

#[test]
fn graph_user_keeps_out_of_line_annotations() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let full = read(&shared.join("metadata/graph-v1.0.csdl"));
    let trimmed = check(
        &full,
        &["graph.user", "microsoft.graph.security.alert"],
        false,
    );
    assert!(
        trimmed.contains("<Annotations Target="),
        "no out-of-line annotations kept"
    );
    let stripped = check(
        &full,
        &["graph.user", "microsoft.graph.security.alert"],
        true,
    );
    assert!(stripped.len() < trimmed.len());
}

#[test]
fn every_type_of_small_documents() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for file in [
        "examples/downstream-sdk/metadata/library.csdl",
        "graph-models/tests/data/edge.csdl",
    ] {
        let text = read(&repo.join(file));
        let model = csdl::read(&text, file).unwrap();
        let all: Vec<String> = model.types.iter().map(|t| t.qualified_name()).collect();
        let roots: Vec<&str> = all.iter().map(String::as_str).collect();
        check(&text, &roots, false);
        check(&text, &roots, true);
        // One type at a time: each trims to a document of its own selection.
        for root in &roots {
            check(&text, &[root], false);
        }
    }
}

/// CSDL elements under a namespace prefix (`<e:EntityType>`): copied tags and stubs keep it.
#[test]
fn prefixed_elements() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut text = read(&repo.join("examples/downstream-sdk/metadata/library.csdl"))
        .replace(r#" xmlns="http://docs.oasis-open.org/odata/ns/edm""#, "")
        .replace(
            r#"xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">"#,
            r#"xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" xmlns:e="http://docs.oasis-open.org/odata/ns/edm">"#,
        );
    for tag in [
        "Schema",
        "EnumType",
        "Member",
        "ComplexType",
        "Property",
        "EntityType",
        "Key",
        "PropertyRef",
        "NavigationProperty",
        "Annotation",
        "Collection",
        "Record",
        "PropertyValue",
        "EntityContainer",
        "EntitySet",
    ] {
        for end in [" ", ">", "/"] {
            text = text
                .replace(&format!("<{tag}{end}"), &format!("<e:{tag}{end}"))
                .replace(&format!("</{tag}{end}"), &format!("</e:{tag}{end}"));
        }
    }
    assert!(!text.contains("<EntityType") && text.contains("<e:EntityType"));
    let trimmed = check(&text, &["branch", "book"], true);
    assert!(
        trimmed.contains(r#"<e:EntityType Name="member"/>"#),
        "{trimmed}"
    );
}

#[test]
fn bad_input_is_reported() {
    let options = TrimOptions::default();
    let text =
        "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">";
    assert!(matches!(
        trim(text, "bad.csdl", &["x".into()], &options),
        Err(TrimError::Read(d)) if d.errors().next().unwrap().to_string().starts_with("bad.csdl:1:")
    ));
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let text = read(&repo.join("examples/downstream-sdk/metadata/library.csdl"));
    match trim(
        &text,
        "library.csdl",
        &["branch".into(), "bok".into()],
        &options,
    ) {
        Err(TrimError::UnknownNames(u)) => assert_eq!((u[0].index, u[0].name.as_str()), (1, "bok")),
        other => panic!("{other:?}"),
    }
}
