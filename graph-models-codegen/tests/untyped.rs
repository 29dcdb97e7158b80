//! Complex types carried as untyped JSON: Graph's `microsoft.graph.Json` by default, other
//! services' equivalents named with `untyped: [...]`, and `untyped: []` for none.

use graph_models_codegen::csdl;
use graph_models_codegen::emit::{self, Options};
use graph_models_codegen::invocation::Invocation;
use graph_models_codegen::select;
use graph_models_codegen::untyped;
use graph_models_codegen::Model;

const TEXT: &str = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
<Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
  <ComplexType Name="Json" />
  <EntityType Name="entity"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" Nullable="false" /></EntityType>
  <EntityType Name="workbookRange" BaseType="graph.entity">
    <Property Name="address" Type="Edm.String" />
    <Property Name="values" Type="graph.Json" />
    <Property Name="history" Type="Collection(graph.Json)" />
    <Property Name="settings" Type="Example.Service.AnyValue" />
  </EntityType>
  <Action Name="insert" IsBound="true">
    <Parameter Name="bindingParameter" Type="graph.workbookRange" />
    <Parameter Name="values" Type="graph.Json" />
    <ReturnType Type="graph.Json" />
  </Action>
</Schema>
<Schema Namespace="Example.Service" Alias="ex" xmlns="http://docs.oasis-open.org/odata/ns/edm">
  <ComplexType Name="AnyValue" />
</Schema>
</edmx:DataServices></edmx:Edmx>"#;

fn read() -> Model {
    csdl::read(TEXT, "t.csdl").unwrap_or_else(|d| panic!("{d}"))
}

/// The file `odata_models! { metadata: "t.csdl", types: [workbookRange] <extra> }` expands to.
fn generate(extra: &str) -> Result<String, Vec<String>> {
    let invocation: Invocation = syn::parse_str(&format!(
        r#"metadata: "t.csdl", types: [workbookRange] {extra}"#
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    let mut model = read();
    invocation
        .untype(&mut model)
        .map_err(|e| e.iter().map(ToString::to_string).collect::<Vec<_>>())?;
    let selection = invocation.selection(&model).unwrap();
    Ok(emit::generate_file(&model, &selection, &invocation.options()).unwrap())
}

/// Whether `file` holds `code`, whatever the line breaks prettyplease put in.
fn has(file: &str, code: &str) -> bool {
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    squeeze(file).contains(&squeeze(code))
}

const VALUE: &str = "::graph_models::Field<::graph_models::__serde_json::Value>";

#[test]
fn graphs_json_is_any_json_value_by_default() {
    let file = generate("").unwrap();
    assert!(has(&file, &format!("pub values: {VALUE},")), "{file}");
    assert!(has(
        &file,
        "pub history: ::graph_models::Field<::std::vec::Vec<::graph_models::__serde_json::Value>"
    ));
    assert!(!has(&file, "pub struct Json"), "{file}");
    // Another service's empty complex type keeps its struct unless named.
    assert!(has(&file, "pub struct AnyValue"));
    assert!(has(
        &file,
        "pub settings: ::graph_models::Field<example::service::AnyValue>,"
    ));
}

#[test]
fn untyped_names_other_services_types_and_replaces_the_default() {
    let file = generate(", untyped: [ex.AnyValue]").unwrap();
    assert!(has(&file, &format!("pub settings: {VALUE},")), "{file}");
    assert!(!has(&file, "pub struct AnyValue"));
    // Only the named types: Graph's `Json` is a struct again.
    assert!(has(&file, "pub struct Json"));
    let file = generate(", untyped: []").unwrap();
    assert!(
        has(&file, "pub values: ::graph_models::Field<Json>,"),
        "{file}"
    );
}

#[test]
fn untyped_operations_parameters_and_results_too() {
    let mut model = read();
    untyped::untype_default(&mut model);
    let insert = model
        .operations
        .iter()
        .find(|o| o.name == "insert")
        .unwrap();
    let untyped = graph_models_codegen::model::TypeTarget::Primitive(
        graph_models_codegen::model::Primitive::Untyped,
    );
    assert_eq!(insert.parameters[1].ty.target, untyped);
    assert_eq!(insert.return_type.unwrap().target, untyped);
    // `types: *` leaves the untyped type out.
    let all =
        emit::generate_file(&model, &select::select_all(&model), &Options::default()).unwrap();
    assert!(!has(&all, "pub struct Json"), "{all}");
    assert!(has(&all, "pub struct WorkbookRange"));
}

#[test]
fn untyped_names_must_be_complex_types_of_the_model() {
    let errors = generate(", untyped: [graph.Jsn, graph.entity, ex.AnyValue]").unwrap_err();
    assert_eq!(
        errors,
        ["the metadata has no type named `graph.Jsn`; did you mean `graph.Json`?"]
    );
    let errors = generate(", untyped: [graph.entity]").unwrap_err();
    assert_eq!(
        errors,
        ["`graph.entity` is an entity type; only a complex type can be carried as untyped JSON"]
    );
}
