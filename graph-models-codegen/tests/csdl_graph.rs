//! The full Microsoft Graph v1.0 `$metadata` reads, with the counts the issue names.

mod common;

use graph_models_codegen::csdl;
use graph_models_codegen::model::{AnnotationValue, Model, TypeKind, CORE};
use graph_models_codegen::DiagnosticKind;

fn graph() -> Option<Model> {
    let shared = common::shared_dir()?;
    let text = common::read(&shared, "metadata/graph-v1.0.csdl");
    Some(csdl::read(&text, "graph-v1.0.csdl").unwrap_or_else(|d| panic!("{d}")))
}

#[test]
fn graph_v1_summary_and_hierarchy() {
    let Some(m) = graph() else { return };
    assert_eq!(m.schemas.len(), 11);
    let count = |f: fn(&TypeKind) -> bool| m.types.iter().filter(|t| f(&t.kind)).count();
    assert_eq!(count(|k| matches!(k, TypeKind::Entity(_))), 1182);
    assert_eq!(count(|k| matches!(k, TypeKind::Complex(_))), 1779);
    assert_eq!(count(|k| matches!(k, TypeKind::Enum(_))), 861);
    assert_eq!(count(|k| matches!(k, TypeKind::Enum(e) if e.is_flags)), 64);
    assert_eq!(m.by_name.len(), m.types.len());
    assert_eq!(m.derived.len(), m.types.len());
    assert_eq!(
        m.aliases.get("graph").map(String::as_str),
        Some("microsoft.graph")
    );
    assert_eq!(
        m.aliases.get("self").map(String::as_str),
        Some("microsoft.graph.security")
    );
    // Alias forms resolved: `graph.entity` and `self.alert` land on the namespace forms.
    let entity = m.by_name["microsoft.graph.entity"];
    assert_eq!(m.lookup("graph.entity"), Some(entity));
    assert_eq!(
        m.lookup("self.alert"),
        Some(m.by_name["microsoft.graph.security.alert"])
    );

    let member = m.by_name["microsoft.graph.conversationMember"];
    let st = m.ty(member).structured().unwrap();
    assert!(st.is_abstract);
    assert_eq!(m.derived[member.index()].len(), 7);
    assert_eq!(m.all_derived(member).len(), 7);
    for d in &m.derived[member.index()] {
        assert!(m.derives_from(*d, member));
    }

    let chat = m.by_name["microsoft.graph.chat"];
    assert_eq!(m.ty(chat).structured().unwrap().base, Some(entity));
    assert_eq!(m.key(chat), ["id".to_string()]);
    // Inherited properties first: `id` from `entity`, then chat's own.
    let props: Vec<&str> = m
        .all_properties(chat)
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(props.first(), Some(&"id"));
    assert!(props.contains(&"topic"));
    assert!(m
        .all_navigation_properties(chat)
        .iter()
        .any(|n| n.name == "members"));
}

#[test]
fn graph_v1_annotations_attached() {
    let Some(m) = graph() else { return };
    // Every `Core.Description` in the file lands on a type, member, operation or other target.
    let desc = format!("{CORE}.Description");
    let on = |a: &graph_models_codegen::model::Annotations| {
        a.0.iter().filter(|x| x.term == desc).count()
    };
    let mut total = 0;
    for t in &m.types {
        total += on(&t.annotations);
        match &t.kind {
            TypeKind::Entity(s) | TypeKind::Complex(s) => {
                total += s
                    .properties
                    .iter()
                    .map(|p| on(&p.annotations))
                    .sum::<usize>();
                total += s
                    .navigation_properties
                    .iter()
                    .map(|p| on(&p.annotations))
                    .sum::<usize>();
            }
            TypeKind::Enum(e) => {
                total += e.members.iter().map(|p| on(&p.annotations)).sum::<usize>()
            }
            TypeKind::Definition(_) => {}
        }
    }
    total += m
        .operations
        .iter()
        .map(|o| on(&o.annotations))
        .sum::<usize>();
    total += m.other_annotations.values().map(on).sum::<usize>();
    assert_eq!(total, 4474);
    // No target in Graph is unknown to the reader.
    let unknown: Vec<_> = m
        .warnings
        .iter()
        .filter(|w| w.kind == DiagnosticKind::UnknownAnnotationTarget)
        .collect();
    assert!(unknown.is_empty(), "{unknown:?}");

    // Out-of-line, on an enum member: `<Annotations Target="microsoft.graph.actionState/active">`.
    let TypeKind::Enum(e) = &m.ty(m.by_name["microsoft.graph.actionState"]).kind else {
        panic!("actionState is an enum");
    };
    let active = e.members.iter().find(|x| x.name == "active").unwrap();
    assert_eq!(active.annotations.description(), Some("Action is active."));
    // Out-of-line, on a type, a Capabilities record kept as a record.
    let au = m.ty(m.by_name["microsoft.graph.administrativeUnit"]);
    let tracking = au
        .annotations
        .get("Org.OData.Capabilities.V1.ChangeTracking")
        .unwrap();
    assert!(
        matches!(tracking, AnnotationValue::Record(f) if f.iter().any(|(n, v)| n == "Supported" && *v == AnnotationValue::Bool(true)))
    );
    // Out-of-line, on a navigation property.
    let user = m.by_name["microsoft.graph.user"];
    let calendar = m
        .ty(user)
        .structured()
        .unwrap()
        .navigation_properties
        .iter()
        .find(|n| n.name == "calendar")
        .unwrap();
    assert!(!calendar.annotations.0.is_empty());
    // On entity sets: kept under the container path.
    assert!(m
        .other_annotations
        .contains_key("microsoft.graph.GraphService/users"));
    // Deprecations come through `Core.Revisions`.
    let deprecated = m
        .types
        .iter()
        .filter(|t| t.annotations.deprecation().is_some())
        .count();
    assert!(deprecated > 0);
    // Permissions are enum-member values.
    assert!(m.types.iter().any(|t| match &t.kind {
        TypeKind::Entity(s) | TypeKind::Complex(s) => s.properties.iter().any(|p| matches!(
            p.annotations.get(&format!("{CORE}.Permissions")),
            Some(AnnotationValue::EnumMember(_))
        )),
        _ => false,
    }));
}
