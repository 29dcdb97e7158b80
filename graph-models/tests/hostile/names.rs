//! Compiled and run by tests/hostile_names.rs. Every warning is an error here; `dead_code` is the
//! exception because a test binary uses only some of the generated items (unused items are not a
//! property of the generated code).
#![deny(warnings)]
#![allow(dead_code)]

mod via_macro {
    graph_models::odata_models! {
        metadata: "tests/data/hostile-names.csdl",
        types: *,
        operations: true,
        paths: true,
    }
}

mod as_source {
    include!(env!("GRAPH_MODELS_HOSTILE_NAMES_RS"));
}

const INPUT: &str = r#"{"item":"a","Item":"b","value":1,"Value":"2","VALUE":"c","additionalData":"d","additional_data":"e","AdditionalData":"f","Self":"S","self":"s","_":"u","__":"uu","type":"t","r#type":"rt","gen":"g","loop":"Loop","Loop":"a,A","naïve":"n","日本語":"j","größe":"g1","Größe":"g2","extra":true}"#;

fn main() {
    let item: via_macro::Item = graph_models::from_str(INPUT).unwrap();
    assert_eq!(item.item.as_deref(), Some("a"));
    assert_eq!(item.item_.as_deref(), Some("b"));
    assert_eq!(item.value.get(), Some(&1));
    assert_eq!(item.value__.as_deref(), Some("c"));
    assert_eq!(item.additional_data_.as_deref(), Some("d"));
    assert_eq!(item.additional_data__.as_deref(), Some("e"));
    assert_eq!(item.additional_data___.as_deref(), Some("f"));
    assert_eq!(item.r#type.as_deref(), Some("t"));
    assert_eq!(item.r_type.as_deref(), Some("rt"));
    assert_eq!(item.r#loop.get(), Some(&via_macro::Loop::Loop_));
    assert_eq!(item.日本語.as_deref(), Some("j"));
    assert_eq!(item.größe_.as_deref(), Some("g2"));
    assert_eq!(item.additional_data.get("extra"), Some(&serde_json::json!(true)));
    assert_eq!(graph_models::to_string(&item).unwrap(), INPUT);
    // One name in NFC and in NFD: two JSON names, two fields (rustc reads identifiers in NFC).
    let cafe = "{\"caf\u{e9}\":\"nfc\",\"cafe\u{301}\":\"nfd\"}";
    let item: via_macro::Item = graph_models::from_str(cafe).unwrap();
    assert_eq!(item.café.as_deref(), Some("nfc"));
    assert_eq!(item.café_.as_deref(), Some("nfd"));
    assert_eq!(graph_models::to_string(&item).unwrap(), cafe);
    // The source text decodes and encodes the same way.
    let same: as_source::Item = graph_models::from_str(INPUT).unwrap();
    assert_eq!(graph_models::to_string(&same).unwrap(), INPUT);
    // A self-containing type, boxed.
    let nested = r#"{"self":{"self":{"selves":[{}]}}}"#;
    let s: via_macro::Self_ = graph_models::from_str(nested).unwrap();
    assert_eq!(graph_models::to_string(&s).unwrap(), nested);
    paths();
}

/// Paths and query constants under hostile names.
fn paths() {
    use graph_models::request::Query;
    use via_macro::{Item, Loop, Node, NodePath, NodePathPath, NodePath_, Node_};
    let node: NodePath_ = via_macro::self_().key("a/b");
    assert_eq!(node.path(), "/self('a%2Fb')");
    assert_eq!(
        node.children().key("c").parent().self_().path(),
        "/self('a%2Fb')/children('c')/parent/self"
    );
    // `nodePath`'s struct keeps its name; the path structs get others.
    let composite: NodePathPath = via_macro::self__().key(&(1, Loop::Self_));
    assert_eq!(composite.path(), "/Self(Id=1,kind=Hostile.Names.loop'Self')");
    // Navigation properties named like the path's methods get other names.
    assert_eq!(
        composite.get_().path(),
        "/Self(Id=1,kind=Hostile.Names.loop'Self')/get"
    );
    assert_eq!(
        composite.path_().path(),
        "/Self(Id=1,kind=Hostile.Names.loop'Self')/path"
    );
    // A segment is percent-encoded like any other part of the URL.
    assert_eq!(
        composite.größe().path(),
        "/Self(Id=1,kind=Hostile.Names.loop'Self')/gr%C3%B6%C3%9Fe"
    );
    let _ = NodePath {
        id: 1.into(),
        ..Default::default()
    };
    assert_eq!(via_macro::r#fn().path(), "/fn");
    assert_eq!(via_macro::café().path(), "/caf%C3%A9");
    assert_eq!(via_macro::nodes().key("n").path(), "/nodes('n')");
    assert_eq!(node.cast::<Node_>().path(), "/self('a%2Fb')/Hostile.Names.Node");
    let query = Query::<Node_>::new()
        .select(Node_::ID)
        .select(Node_::ID_)
        .expand(Node_::SELF_)
        .filter(Node_::DATA.then(Item::ITEM_).eq("x"));
    assert_eq!(
        via_macro::nodes().list_with(query).path_and_query(),
        "/nodes?$select=id,Id&$expand=self&$filter=data/Item%20eq%20'x'"
    );
    assert_eq!(Node::DATA.then(Item::日本語).path(), "data/日本語");
    assert_eq!(Item::NAÏVE.path(), "naïve");
    let _ = as_source::self_().key("a").get();
    // Imports: their root functions and structs take names nothing else has.
    assert_eq!(via_macro::fn_(&via_macro::Fn::default()).path(), "/Fn()");
    let reset = via_macro::self___(&via_macro::Self__ {
        self_: "s".to_string().into(),
        ..Default::default()
    });
    assert_eq!(reset.path(), "/Self_");
    assert_eq!(reset.body().unwrap(), br#"{"self":"s"}"#);
}
