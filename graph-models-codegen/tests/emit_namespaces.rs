//! Selecting whole namespaces (`microsoft.graph.security.*`) of the full Graph schema: what each
//! pulls in, where its types are laid out, and unknown namespaces reported like unknown types.

mod common;

use graph_models_codegen::csdl;
use graph_models_codegen::emit::{self, Layout, Options};
use graph_models_codegen::select;
use graph_models_codegen::Model;

fn graph() -> Option<Model> {
    let shared = common::shared_dir()?;
    let text = common::read(&shared, "metadata/graph-v1.0.csdl");
    Some(csdl::read(&text, "graph-v1.0.csdl").unwrap_or_else(|d| panic!("{d}")))
}

fn names(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn a_namespace_selects_its_types_and_what_they_need() {
    let Some(model) = graph() else {
        return;
    };
    let roots = select::resolve_names(&model, &names(&["microsoft.graph.security.*"])).unwrap();
    let own = model
        .types
        .iter()
        .filter(|t| t.namespace == "microsoft.graph.security")
        .count();
    assert_eq!(roots.len(), own);
    let selection = select::select(&model, &roots);
    let entity = model.lookup("microsoft.graph.entity").unwrap();
    let user = model.lookup("microsoft.graph.user").unwrap();
    // Bases come along as bases: `entity` without its 1,145 other descendants.
    assert!(selection.contains(entity));
    assert!(!selection.contains(user));
    assert!(selection.len() < model.types.len() / 2);

    // `microsoft.graph` stays the root even with fewer selected types than `security`.
    let layout = Layout::new(&model, &selection);
    assert!(layout.module_of(entity).is_empty());
    let alert = model.lookup("microsoft.graph.security.alert").unwrap();
    let module: Vec<&str> = layout
        .module_of(alert)
        .iter()
        .map(|m| m.text.as_str())
        .collect();
    assert_eq!(module, ["security"]);

    // The alias works as well as the namespace.
    let by_alias = select::resolve_names(&model, &names(&["self.*"])).unwrap();
    assert_eq!(by_alias, roots);
}

#[test]
fn an_unknown_namespace_is_reported_with_suggestions() {
    let Some(model) = graph() else {
        return;
    };
    let err = select::resolve_names(&model, &names(&["microsoft.graph.securty.*"])).unwrap_err();
    assert_eq!(err.len(), 1);
    let message = err[0].to_string();
    assert!(
        message.starts_with(
            "the metadata has no namespace or alias `microsoft.graph.securty`; did you mean"
        ) && message.contains("microsoft.graph.security.*"),
        "{message}"
    );
}

/// What each namespace costs when selected alone: types generated and size of the code (the
/// figures of the per-namespace table in docs/BENCHMARKS.md; `--nocapture` prints them).
#[test]
fn per_namespace_costs() {
    let Some(model) = graph() else {
        return;
    };
    let mut namespaces: Vec<&str> = model.schemas.iter().map(|s| s.namespace.as_str()).collect();
    namespaces.sort();
    for ns in namespaces {
        let roots = select::resolve_names(&model, &[format!("{ns}.*")]).unwrap();
        let selection = select::select(&model, &roots);
        let code = emit::generate(&model, &selection, &Options::default())
            .unwrap_or_else(|e| panic!("{e}"))
            .to_string();
        eprintln!(
            "{ns}: {} own types, {} generated, {} KB of tokens",
            roots.len(),
            selection.len(),
            code.len() / 1024
        );
        assert!(selection.len() >= roots.len());
    }
}
