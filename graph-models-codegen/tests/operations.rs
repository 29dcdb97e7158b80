//! `Options::operations`: parameters structs of the operations bound to selected types.

mod common;

use graph_models_codegen::csdl;
use graph_models_codegen::emit::{self, Options};
use graph_models_codegen::model::{Model, Operation, TypeRef};
use graph_models_codegen::select;
use std::path::PathBuf;

fn chat_metadata() -> Model {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../metadata/graph-v1.0-chat.csdl");
    let text = std::fs::read_to_string(&path).unwrap();
    csdl::read(&text, "metadata/graph-v1.0-chat.csdl").unwrap_or_else(|d| panic!("{d}"))
}

fn generate(model: &Model, roots: &[&str], operations: bool) -> String {
    let names: Vec<String> = roots.iter().map(|s| s.to_string()).collect();
    let roots = select::resolve_names(model, &names).unwrap();
    let options = Options {
        operations,
        ..Options::default()
    };
    emit::generate_file(model, &select::select(model, &roots), &options).unwrap()
}

#[test]
fn bound_actions_become_parameters_structs_only_when_asked() {
    let model = chat_metadata();
    let with = generate(&model, &["chat"], true);
    for name in [
        "ChatCompleteMigration",
        "ChatHideForUser",
        "ChatMarkChatReadForUser",
        "ChatMarkChatUnreadForUser",
        "ChatRemoveAllAccessForUser",
        "ChatStartMigration",
        "ChatUnhideForUser",
    ] {
        assert!(
            with.contains(&format!("impl ::graph_models::Operation for {name} {{")),
            "{name}"
        );
    }
    assert!(with.contains("pub last_message_read_date_time: ::graph_models::Field<"));
    let without = generate(&model, &["chat"], false);
    assert!(!without.contains("Operation for"));
    // Bound to a type that is not selected: nothing.
    let members = generate(&model, &["conversationMember"], true);
    assert!(!members.contains("Operation for"));
}

const ODD: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="Contoso" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="order"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
      <EntityType Name="orderAdd"/>
      <ComplexType Name="note"><Property Name="text" Type="Edm.String"/></ComplexType>
      <EnumType Name="level"><Member Name="low" Value="0"/></EnumType>
      <Action Name="add" IsBound="true">
        <Parameter Name="bindingParameter" Type="Collection(Contoso.order)"/>
        <Parameter Name="count" Type="Edm.Int32" Nullable="false"/>
        <ReturnType Type="Collection(Contoso.order)"/>
      </Action>
      <Action Name="add" IsBound="true">
        <Parameter Name="bindingParameter" Type="Contoso.order"/>
        <Parameter Name="reason" Type="Edm.String"/>
      </Action>
      <Action Name="annotate" IsBound="true">
        <Parameter Name="bindingParameter" Type="Contoso.order"/>
        <Parameter Name="note" Type="Contoso.note"/>
      </Action>
      <Function Name="level" IsBound="true">
        <Parameter Name="bindingParameter" Type="Contoso.order"/>
        <ReturnType Type="Contoso.level"/>
      </Function>
      <Function Name="total" IsBound="true">
        <Parameter Name="bindingParameter" Type="Contoso.order"/>
        <ReturnType Type="Edm.Decimal"/>
      </Function>
      <Function Name="same" IsBound="true">
        <Parameter Name="bindingParameter" Type="Contoso.order"/>
        <ReturnType Type="Contoso.order"/>
      </Function>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#;

#[test]
fn names_never_collide_and_responses_follow_the_return_type() {
    let model = csdl::read(ODD, "odd.csdl").unwrap_or_else(|d| panic!("{d}"));
    let code = generate(&model, &["order", "orderAdd", "level"], true);
    // `OrderAdd` is the entity type `orderAdd`: the action bound to `order` takes another name.
    assert!(code.contains("pub struct OrderAdd {"));
    assert!(
        code.contains("impl ::graph_models::Operation for OrderAdd_ {"),
        "{code}"
    );
    assert!(code.contains("impl ::graph_models::Operation for OrderCollectionAdd {"));
    assert!(code.contains("type Response = ::graph_models::Collection<Order>;"));
    assert!(code.contains("type Response = ::graph_models::ValueResponse<Level>;"));
    assert!(code
        .contains("type Response = ::graph_models::ValueResponse<::graph_models::edm::Decimal>;"));
    assert!(code.contains("type Response = Order;"));
    assert!(code.contains(
        "const KIND: ::graph_models::OperationKind = ::graph_models::OperationKind::Function;"
    ));
    assert!(code.contains("\"Collection(Contoso.order)\""));
    // `note` is not selected (nothing references it), so the action taking it is left out.
    assert!(!code.contains("pub note:"), "{code}");
    assert!(!code.contains("OrderAnnotate"));
}

fn signature(model: &Model, op: &Operation) -> String {
    let label = |tr: &TypeRef| common::type_ref(model, tr);
    let params: Vec<String> = op
        .parameters
        .iter()
        .enumerate()
        // The binding parameter's name varies (`bindingParameter`, `bindparameter`).
        .map(|(i, p)| {
            let name = if i == 0 { "(binding)" } else { p.name.as_str() };
            format!("{name}: {}", label(&p.ty))
        })
        .collect();
    let ret = op.return_type.as_ref().map(label).unwrap_or_default();
    format!(
        "{}.{}({}) -> {ret}",
        op.namespace,
        op.name,
        params.join(", ")
    )
}

/// Every operation of `metadata/graph-v1.0-chat.csdl` is one of Graph's, with the same binding,
/// parameters and return type.
#[test]
fn chat_operations_are_graphs() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let text = common::read(&shared, "metadata/graph-v1.0.csdl");
    let graph = csdl::read(&text, "graph-v1.0.csdl").unwrap_or_else(|d| panic!("{d}"));
    let graph_ops: Vec<String> = graph
        .operations
        .iter()
        .map(|o| signature(&graph, o))
        .collect();
    let chat = chat_metadata();
    assert!(chat.operations.len() >= 7);
    for op in &chat.operations {
        let sig = signature(&chat, op);
        assert!(graph_ops.contains(&sig), "{sig} is not in Graph's schema");
    }
}
