//! The chat metadata in the repository against the full Graph v1.0 schema, the selection rule, and
//! the code generated from it.

mod common;

use graph_models_codegen::csdl;
use graph_models_codegen::emit::{self, Options};
use graph_models_codegen::model::{Model, SchemaType, TypeKind};
use graph_models_codegen::select;
use std::path::PathBuf;

const ROOTS: [&str; 3] = ["chat", "conversationMember", "aadUserConversationMember"];

fn chat_metadata() -> Model {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../metadata/graph-v1.0-chat.csdl");
    let text = std::fs::read_to_string(&path).unwrap();
    csdl::read(&text, "metadata/graph-v1.0-chat.csdl").unwrap_or_else(|d| panic!("{d}"))
}

/// The whole Graph v1.0 schema from ../shared (`None` only when it is missing and `CI` is unset).
fn full_graph() -> Option<Model> {
    let shared = common::shared_dir()?;
    let text = common::read(&shared, "metadata/graph-v1.0.csdl");
    Some(csdl::read(&text, "graph-v1.0.csdl").unwrap_or_else(|d| panic!("{d}")))
}

/// Everything about a type that the generator reads, as text, with names resolved.
fn describe(model: &Model, ty: &SchemaType, with_members: bool) -> Vec<String> {
    let mut out = vec![format!("type {}", ty.qualified_name())];
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
            if with_members {
                for p in &s.properties {
                    out.push(format!(
                        "property {} {} nullable={} maxLength={:?} precision={:?} scale={:?} srid={:?} default={:?}",
                        p.name,
                        common::type_ref(model, &p.ty),
                        p.nullable,
                        p.max_length,
                        p.precision,
                        p.scale,
                        p.srid,
                        p.default_value
                    ));
                }
                for n in &s.navigation_properties {
                    out.push(format!(
                        "navigation {} {} nullable={} contains={} partner={:?}",
                        n.name,
                        common::type_ref(model, &n.ty),
                        n.nullable,
                        n.contains_target,
                        n.partner
                    ));
                }
            }
        }
        TypeKind::Enum(e) => {
            out.push(format!("enum {:?} flags={}", e.underlying, e.is_flags));
            for m in &e.members {
                out.push(format!("member {}={}", m.name, m.value));
            }
        }
        TypeKind::Definition(d) => out.push(format!("definition {d:?}")),
    }
    out
}

#[test]
fn chat_metadata_is_faithful_to_graph_v1() {
    let Some(full) = full_graph() else {
        return;
    };
    let chat = chat_metadata();
    let roots: Vec<_> = ROOTS.iter().map(|r| chat.lookup(r).unwrap()).collect();
    let selected = select::select(&chat, &roots);
    let mut compared = 0;
    for (i, ty) in chat.types.iter().enumerate() {
        let in_full = full
            .lookup(&ty.qualified_name())
            .unwrap_or_else(|| panic!("{} is not in the full schema", ty.qualified_name()));
        let is_selected = selected.contains(graph_models_codegen::model::TypeId(i as u32));
        // Selected types carry every member; navigation-target stubs only their shape.
        assert_eq!(
            describe(&chat, ty, is_selected),
            describe(&full, full.ty(in_full), is_selected),
            "{} differs from the full schema",
            ty.qualified_name()
        );
        compared += 1;
    }
    assert!(compared >= 17);
}

#[test]
fn selection_rule_gives_17_types_on_full_graph_and_chat_file() {
    let chat = chat_metadata();
    let roots: Vec<_> = ROOTS.iter().map(|r| chat.lookup(r).unwrap()).collect();
    let names = |m: &Model, s: &select::Selection| -> Vec<String> {
        s.types
            .iter()
            .map(|&id| m.ty(id).qualified_name())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    let in_chat = names(&chat, &select::select(&chat, &roots));
    assert_eq!(in_chat.len(), 17, "{in_chat:?}");
    let Some(full) = full_graph() else {
        return;
    };
    let roots: Vec<_> = ROOTS
        .iter()
        .map(|r| full.lookup(&format!("microsoft.graph.{r}")).unwrap())
        .collect();
    let in_full = names(&full, &select::select(&full, &roots));
    assert_eq!(in_full, in_chat);
    assert!(in_full.contains(&"microsoft.graph.identity".to_string()));
    assert!(!in_full.contains(&"microsoft.graph.chatMessage".to_string()));
}

#[test]
fn unknown_names_get_suggestions() {
    let chat = chat_metadata();
    let err = select::resolve_names(
        &chat,
        &[
            "chat".into(),
            "conversationMembr".into(),
            "graph.chatt".into(),
        ],
    )
    .unwrap_err();
    assert_eq!(err.len(), 2);
    assert_eq!(err[0].index, 1);
    assert_eq!(
        err[0].to_string(),
        "the metadata has no type named `conversationMembr`; did you mean `conversationMember`?"
    );
    assert!(err[1].to_string().contains("did you mean"), "{}", err[1]);
}

#[test]
fn generated_code_is_deterministic_documented_and_formatted() {
    let chat = chat_metadata();
    let roots: Vec<_> = ROOTS.iter().map(|r| chat.lookup(r).unwrap()).collect();
    let selection = select::select(&chat, &roots);
    let a = emit::generate_file(&chat, &selection, &Options::default()).unwrap();
    let b = emit::generate_file(&chat_metadata(), &selection, &Options::default()).unwrap();
    assert_eq!(a, b);
    // Core.Description becomes the doc comment; types without one get a generated line.
    assert!(a.contains("pub struct Chat {"));
    assert!(
        a.contains("/// OData entity type `microsoft.graph.entity`"),
        "generated doc line"
    );
    let description = chat
        .ty(chat.lookup("chat").unwrap())
        .annotations
        .description()
        .expect("the chat metadata describes chat")
        .to_string();
    assert!(a.contains(&format!("/// {description}")));
    // Fully qualified paths only: the code compiles in any crate, whatever it imports.
    assert!(a.contains("::core::result::Result<"));
    assert!(!a.contains(" Result<"), "unqualified Result");
    assert!(a.contains("pub enum AnyConversationMember {"));
    assert!(a.contains("Other(::std::boxed::Box<ConversationMember>)"));
}

#[test]
fn deprecations_become_attributes() {
    let text = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
<Schema Namespace="T" xmlns="http://docs.oasis-open.org/odata/ns/edm">
  <ComplexType Name="c">
    <Property Name="old" Type="Edm.String">
      <Annotation Term="Org.OData.Core.V1.Revisions"><Collection><Record>
        <PropertyValue Property="Kind" EnumMember="Org.OData.Core.V1.RevisionKind/Deprecated" />
        <PropertyValue Property="Date" Date="2024-01-01" />
        <PropertyValue Property="RemovalDate" Date="2025-01-01" />
        <PropertyValue Property="Version" String="2024-01/x" />
        <PropertyValue Property="Description" String="use new" />
      </Record></Collection></Annotation>
    </Property>
  </ComplexType>
</Schema></edmx:DataServices></edmx:Edmx>"#;
    let model = csdl::read(text, "t.csdl").unwrap_or_else(|d| panic!("{d}"));
    let file =
        emit::generate_file(&model, &select::select_all(&model), &Options::default()).unwrap();
    assert!(
        file.contains(
            r#"note = "use new (deprecated 2024-01-01, removal 2025-01-01) [version 2024-01/x]""#
        ),
        "{file}"
    );
    assert!(file.contains("#[allow(deprecated)]"));
}

#[test]
fn a_simple_name_in_several_namespaces_asks_to_be_qualified() {
    let text = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
<Schema Namespace="A.One" xmlns="http://docs.oasis-open.org/odata/ns/edm"><ComplexType Name="user" /></Schema>
<Schema Namespace="A.Two" xmlns="http://docs.oasis-open.org/odata/ns/edm"><ComplexType Name="user" /></Schema>
</edmx:DataServices></edmx:Edmx>"#;
    let model = csdl::read(text, "t.csdl").unwrap_or_else(|d| panic!("{d}"));
    let err = select::resolve_names(&model, &["user".into()]).unwrap_err();
    assert_eq!(
        err[0].to_string(),
        "`user` names types in several namespaces; qualify it: A.One.user, A.Two.user"
    );
    assert!(select::resolve_names(&model, &["A.Two.user".into()]).is_ok());
}

/// The size bound of `emit::budget` leaves the whole Graph v1.0 schema (`types: *`) far inside it:
/// the bound is for pathological inheritance, not for real schemas.
#[test]
fn graph_v1_selection_is_within_the_limit() {
    let Some(full) = full_graph() else {
        return;
    };
    let size =
        emit::budget::check(&full, &select::select_all(&full)).unwrap_or_else(|e| panic!("{e}"));
    println!("graph v1.0, types: *: {size:?}");
    assert!(size.total() * 4 < emit::budget::LIMIT, "{size:?}");
}

/// Generated code ends with a compile-time check of the runtime contract, exactly as
/// `graph-models/tests/ui/stale_contract.rs` shows it for contract 0 (that case proves the
/// message a stale file gets).
#[test]
fn generated_code_checks_the_runtime_contract() {
    let model = chat_metadata();
    let file =
        emit::generate_file(&model, &select::select_all(&model), &Options::default()).unwrap();
    let case = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../graph-models/tests/ui/stale_contract.rs"),
    )
    .unwrap();
    let start = case.find("const _: () = ::core::assert!(").unwrap();
    let end = case[start..].find(");").unwrap() + start + 2;
    let current = emit::RUNTIME_CONTRACT.to_string();
    let expected = case[start..end]
        .replace("CONTRACT == 0u32", &format!("CONTRACT == {current}u32"))
        .replace(
            "runtime contract 0,",
            &format!("runtime contract {current},"),
        );
    assert!(
        file.contains(&expected),
        "{expected}\n--- not in ---\n{file}"
    );
}

/// `@odata.bind` helpers exist for navigation properties that bind to existing entities, not for
/// contained ones (`ContainsTarget`: a chat's members and messages are created inline); and no
/// `#[allow(deprecated)]` where nothing is deprecated.
#[test]
fn bind_helpers_only_for_navigation_that_is_not_contained() {
    let model = chat_metadata();
    let file =
        emit::generate_file(&model, &select::select_all(&model), &Options::default()).unwrap();
    assert!(file.contains("pub fn with_user_bind("), "{file}");
    for contained in [
        "with_members_bind",
        "with_messages_bind",
        "with_installed_apps_bind",
    ] {
        assert!(!file.contains(contained), "{contained}");
    }
    assert!(!file.contains("allow(deprecated)"));
}
