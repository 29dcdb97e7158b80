//! The reader's rules on small documents written here, one concern per test.

use graph_models_codegen::csdl;
use graph_models_codegen::model::{AnnotationValue as V, Primitive, TypeKind, TypeTarget};
use graph_models_codegen::{DiagnosticKind as K, Diagnostics, Severity};

fn edmx(schema_body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml">
    <edmx:Include Namespace="Org.OData.Core.V1" Alias="Core"/>
  </edmx:Reference>
  <edmx:DataServices>
    <Schema Namespace="ns" Alias="a" xmlns="http://docs.oasis-open.org/odata/ns/edm">
{schema_body}
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#
    )
}

/// Schema body lines start at line 8 of [`edmx`].
const FIRST: u32 = 8;

fn errors(d: &Diagnostics) -> Vec<(K, u32)> {
    d.errors().map(|e| (e.kind, e.location.line)).collect()
}

#[test]
fn every_error_of_a_document_is_reported_with_its_line() {
    let body = r#"      <EntityType Name="chat"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
      <EntityType Name="message"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String"/></EntityType>
      <EntityType Name="m2" BaseType="a.chatt"><Property Name="x" Type="a.chatMesage"/></EntityType>
      <ComplexType Name="c" BaseType="a.chat"/>
      <EntityType Name="d" BaseType="a.chat"><Property Name="id" Type="Edm.String"/><Property Name="y" Type="Edm.Strin"/><Property Name="y" Type="Edm.Int32"/></EntityType>
      <EnumType Name="e" UnderlyingType="Edm.Byte"><Member Name="a" Value="1"/><Member Name="a" Value="300"/></EnumType>
      <EnumType Name="f" UnderlyingType="Edm.Double"/>
      <EntityType Name="k"><Key><PropertyRef Name="nope"/></Key><Property Name="yes" Type="Edm.Int32" Nullable="maybe"/></EntityType>
      <EntityType Name="chat"/>
      <ComplexType Name="chatMessage"/>"#;
    let text = edmx(body);
    let err = csdl::read(&text, "t.xml").unwrap_err();
    let l = |i: u32| FIRST + i;
    assert_eq!(
        errors(&err),
        vec![
            (K::KeyPropertyNullable, l(1)),
            (K::UnresolvedBaseType, l(2)),
            (K::UnresolvedType, l(2)),
            (K::BaseTypeKindMismatch, l(3)),
            (K::DuplicateProperty, l(4)),
            (K::UnresolvedType, l(4)),
            (K::DuplicateProperty, l(4)),
            (K::DuplicateEnumMember, l(5)),
            (K::EnumValueOutOfRange, l(5)),
            (K::EnumUnderlyingType, l(6)),
            (K::KeyPropertyMissing, l(7)),
            (K::InvalidAttributeValue, l(7)),
            (K::DuplicateSchemaElement, l(8)),
        ],
        "{err}"
    );
    let text_of = |k: K, line: u32| {
        err.errors()
            .filter(|d| d.kind == k && d.location.line == line)
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    };
    // file:line:col: kind: message, with the names involved and a suggestion where one is close.
    let base = text_of(K::UnresolvedBaseType, l(2));
    assert!(
        base.starts_with(&format!("t.xml:{}:7: unresolved-base-type: ", l(2))),
        "{base}"
    );
    assert!(
        base.contains("`ns.m2`") && base.contains("did you mean `ns.chat`?"),
        "{base}"
    );
    let ty = text_of(K::UnresolvedType, l(2));
    assert!(ty.contains("did you mean `ns.chatMessage`?"), "{ty}");
    let prim = text_of(K::UnresolvedType, l(4));
    assert!(prim.contains("did you mean `Edm.String`?"), "{prim}");
    let dup = text_of(K::DuplicateProperty, l(4));
    assert!(
        dup.contains("redeclares `id`, inherited from `ns.chat`"),
        "{dup}"
    );
    assert!(dup.contains("declares `y` twice"), "{dup}");
    let mismatch = text_of(K::BaseTypeKindMismatch, l(3));
    assert!(
        mismatch.contains("`ns.c` is a complex type but its base type `a.chat` is an entity type"),
        "{mismatch}"
    );
    let key = text_of(K::KeyPropertyMissing, l(7));
    assert!(key.contains("`nope`") && key.contains("`ns.k`"), "{key}");
}

#[test]
fn malformed_xml_is_one_located_error() {
    let text = edmx(r#"      <EntityType Name="x"><Key></EntityType>"#);
    let err = csdl::read(&text, "bad.xml").unwrap_err();
    let e: Vec<_> = err.errors().collect();
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].kind, K::MalformedXml);
    assert_eq!(e[0].location.line, FIRST);
    assert!(e[0].location.col > 1);
    for bad in ["", "   ", "<", "not xml", "<a>", "<?xml version='1.0'?>"] {
        let err = csdl::read(bad, "b").unwrap_err();
        assert_eq!(errors(&err)[0].0, K::MalformedXml, "{bad:?}");
    }
    let err = csdl::read("<Root/>", "b").unwrap_err();
    assert_eq!(errors(&err), vec![(K::InvalidDocument, 1)]);
}

#[test]
fn bom_utf16_declaration_and_bare_schema_are_tolerated() {
    let text = "\u{feff}<?xml version=\"1.0\" encoding=\"utf-16\"?>\n<Schema Namespace=\"n\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n  <ComplexType Name=\"c\"><Property Name=\"p\" Type=\"Int32\"/></ComplexType>\n</Schema>";
    let m = csdl::read(text, "frag.xml").unwrap_or_else(|d| panic!("{d}"));
    let c = m.ty(m.by_name["n.c"]);
    assert_eq!(c.location.line, 3);
    let p = &c.structured().unwrap().properties[0];
    assert_eq!(p.ty.target, TypeTarget::Primitive(Primitive::Int32));
    // The unqualified `Int32` is read, and said so.
    assert!(m
        .warnings
        .iter()
        .any(|w| w.kind == K::InvalidQualifiedName && w.location.line == 3));
}

#[test]
fn annotations_inline_and_out_of_line() {
    let body = r#"      <EntityType Name="T" OpenType="true">
        <Annotation Term="Core.Description" String="a T"/>
        <Annotation Term="Org.OData.Capabilities.V1.TopSupported" Bool="false"/>
        <Annotation Term="Some.Unknown.Term" Qualifier="q"><If><Path>x</Path><Int>1</Int><Int>2</Int></If></Annotation>
        <Key><PropertyRef Name="id"/></Key>
        <Property Name="id" Type="Edm.Int32" Nullable="false"/>
        <Property Name="p" Type="a.E"/>
        <NavigationProperty Name="n" Type="Collection(ns.T)"/>
      </EntityType>
      <EntityType Name="U" BaseType="a.T"/>
      <EnumType Name="E" IsFlags="true"><Member Name="x" Value="1"/><Member Name="y" Value="2"/></EnumType>
      <Function Name="f" IsBound="true"><Parameter Name="b" Type="ns.T"/><ReturnType Type="Edm.String"/></Function>
      <Function Name="f" IsBound="true"><Parameter Name="b" Type="ns.U"/><ReturnType Type="Edm.String"/></Function>
      <EntityContainer Name="C"><EntitySet Name="Ts" EntityType="a.T"><NavigationPropertyBinding Path="n" Target="Ts"/></EntitySet></EntityContainer>
      <Annotations Target="a.T/p">
        <Annotation Term="Core.Computed"/>
        <Annotation Term="Core.Permissions"><EnumMember>Core.Permission/Read Core.Permission/Write</EnumMember></Annotation>
      </Annotations>
      <Annotations Target="ns.E/y"><Annotation Term="Core.Description" String="why"/></Annotations>
      <Annotations Target="a.T/n"><Annotation Term="Core.Revisions"><Collection><Record>
        <PropertyValue Property="Kind" EnumMember="Core.RevisionKind/Deprecated"/>
        <PropertyValue Property="Description"><String>gone</String></PropertyValue>
        <PropertyValue Property="Version" String="2024-01/x"/>
      </Record></Collection></Annotation></Annotations>
      <Annotations Target="ns.f(ns.U)"><Annotation Term="Core.Description" String="on U"/></Annotations>
      <Annotations Target="a.C/Ts" Qualifier="block"><Annotation Term="Core.Description" String="set"/></Annotations>
      <Annotations Target="ns.Missing/x"><Annotation Term="Core.Description" String="lost?"/></Annotations>
      <Annotations Target="ns.U/p"><Annotation Term="Core.Description" String="inherited p, seen from U"/></Annotations>
      <Annotations Target="ns.U/nope"><Annotation Term="Core.Description" String="no such member"/></Annotations>"#;
    let text = edmx(body);
    let m = csdl::read(&text, "t.xml").unwrap_or_else(|d| panic!("{d}"));
    let t = m.by_name["ns.T"];
    let ty = m.ty(t);
    assert_eq!(ty.annotations.description(), Some("a T"));
    assert_eq!(
        ty.annotations.get("Org.OData.Capabilities.V1.TopSupported"),
        Some(&V::Bool(false))
    );
    let raw = ty
        .annotations
        .0
        .iter()
        .find(|a| a.term == "Some.Unknown.Term")
        .unwrap();
    assert_eq!(raw.qualifier.as_deref(), Some("q"));
    assert!(matches!(&raw.value, V::Raw(s) if s.starts_with("<If>")));
    let s = ty.structured().unwrap();
    let p = &s.properties[1];
    assert!(p.annotations.computed());
    assert_eq!(p.annotations.permissions(), vec!["Read", "Write"]);
    assert_eq!(p.ty.target, TypeTarget::Type(m.by_name["ns.E"]));
    let dep = s.navigation_properties[0]
        .annotations
        .deprecation()
        .unwrap();
    assert_eq!(
        (dep.description.as_deref(), dep.version.as_deref()),
        (Some("gone"), Some("2024-01/x"))
    );
    let TypeKind::Enum(e) = &m.ty(m.by_name["ns.E"]).kind else {
        panic!()
    };
    assert_eq!(e.members[1].annotations.description(), Some("why"));
    // Only the overload bound to U got it.
    let fs: Vec<_> = m.operations.iter().filter(|o| o.name == "f").collect();
    assert_eq!(fs.len(), 2);
    assert!(fs[0].annotations.0.is_empty());
    assert_eq!(fs[1].annotations.description(), Some("on U"));
    // Entity sets: under the normalized target, with the block's qualifier.
    let set = &m.other_annotations["ns.C/Ts"].0[0];
    assert_eq!(set.qualifier.as_deref(), Some("block"));
    // Derived openness, derived index.
    let u = m.by_name["ns.U"];
    assert!(m.ty(u).structured().unwrap().open);
    assert_eq!(m.derived[t.index()], vec![u]);
    // An unknown target is a warning, and its annotations are kept.
    let w: Vec<_> = m
        .warnings
        .iter()
        .filter(|w| w.kind == K::UnknownAnnotationTarget)
        .collect();
    assert_eq!(w.len(), 2, "{w:?}");
    assert_eq!(w[0].severity, Severity::Warning);
    assert!(
        w[1].message.contains("`ns.U` has no member `nope`"),
        "{w:?}"
    );
    assert!(m.other_annotations.contains_key("ns.Missing/x"));
    // An inherited member annotated through a derived type: kept under its path, no warning.
    assert_eq!(
        m.other_annotations["ns.U/p"].description(),
        Some("inherited p, seen from U")
    );
}

#[test]
fn unknown_elements_and_attributes_are_warnings() {
    let body = r#"      <Documentation>old</Documentation>
      <ComplexType Name="c" FixLength="1"><Property Name="p" Type="Edm.String" FixLength="1"/><Foo/></ComplexType>
      <ComplexType Name="d" xmlns:x="urn:x" x:Vendor="1"><x:ext>ignored</x:ext></ComplexType>"#;
    let m = csdl::read(&edmx(body), "t.xml").unwrap_or_else(|d| panic!("{d}"));
    let w: Vec<(K, u32)> = m
        .warnings
        .iter()
        .map(|w| (w.kind, w.location.line))
        .collect();
    assert_eq!(
        w,
        vec![
            (K::UnknownElement, FIRST),
            (K::UnknownElement, FIRST + 1),
            (K::UnknownElement, FIRST + 1),
            (K::UnknownElement, FIRST + 1),
        ]
    );
}

#[test]
fn inherited_properties_come_first_and_cycles_terminate() {
    let body = r#"      <ComplexType Name="A"><Property Name="a" Type="Edm.Int32"/></ComplexType>
      <ComplexType Name="B" BaseType="a.A"><Property Name="b" Type="Edm.Int32"/></ComplexType>
      <ComplexType Name="C" BaseType="ns.B"><Property Name="c" Type="Edm.Int32"/></ComplexType>"#;
    let m = csdl::read(&edmx(body), "t.xml").unwrap();
    let c = m.by_name["ns.C"];
    let names: Vec<&str> = m
        .all_properties(c)
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["a", "b", "c"]);
    assert_eq!(m.all_derived(m.by_name["ns.A"]).len(), 2);
    let body = r#"      <ComplexType Name="A" BaseType="a.C"/>
      <ComplexType Name="B" BaseType="a.A"/>
      <ComplexType Name="C" BaseType="a.B"/>
      <ComplexType Name="D" BaseType="a.D"/>
      <ComplexType Name="E" BaseType="a.D"/>"#;
    let err = csdl::read(&edmx(body), "t.xml").unwrap_err();
    assert_eq!(
        errors(&err),
        vec![
            (K::InheritanceCycle, FIRST),
            (K::InheritanceCycle, FIRST + 1),
            (K::InheritanceCycle, FIRST + 2),
            (K::InheritanceCycle, FIRST + 3),
        ]
    );
    assert!(
        err.to_string().contains("ns.A -> ns.C -> ns.B -> ns.A"),
        "{err}"
    );
}

#[test]
fn references_supplied_by_the_resolver() {
    let vocab = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:Reference Uri="main.xml"><edmx:Include Namespace="ns"/></edmx:Reference>
  <edmx:DataServices><Schema Namespace="v" xmlns="http://docs.oasis-open.org/odata/ns/edm">
    <ComplexType Name="Tag"/>
  </Schema></edmx:DataServices></edmx:Edmx>"#;
    let main = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:Reference Uri="vocab.xml"><edmx:Include Namespace="v" Alias="V"/></edmx:Reference>
  <edmx:Reference Uri="unused.xml"><edmx:Include Namespace="u" Alias="U"/></edmx:Reference>
  <edmx:DataServices><Schema Namespace="ns" xmlns="http://docs.oasis-open.org/odata/ns/edm">
    <ComplexType Name="c"><Property Name="t" Type="V.Tag"/></ComplexType>
    <Annotation Term="U.Anything" Bool="true"/>
  </Schema></edmx:DataServices></edmx:Edmx>"#;
    let calls = std::cell::Cell::new(0);
    let resolve = |uri: &str| {
        calls.set(calls.get() + 1);
        match uri {
            "vocab.xml" => Some(("vocab.xml".to_string(), vocab.to_string())),
            // The vocabulary references the main document back: same origin, not loaded twice.
            "main.xml" => Some(("main.xml".to_string(), main.to_string())),
            _ => None,
        }
    };
    let m =
        csdl::read_with_references(main, "main.xml", &resolve).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(calls.get(), 3);
    assert_eq!(m.types.len(), 2);
    let supplied: Vec<(&str, bool)> = m
        .references
        .iter()
        .map(|r| (r.uri.as_str(), r.supplied))
        .collect();
    assert_eq!(
        supplied,
        [
            ("vocab.xml", true),
            ("unused.xml", false),
            ("main.xml", true)
        ]
    );
    assert_eq!(m.other_annotations["ns"].0[0].term, "u.Anything");
    // Not supplied: the one type used from `v` is an error naming the reference; `u`, used only
    // by an annotation term, is not.
    let err = csdl::read(main, "main.xml").unwrap_err();
    assert_eq!(errors(&err), vec![(K::UnresolvedReference, 5)]);
    assert!(err.to_string().contains("`vocab.xml`"), "{err}");
}

#[test]
fn read_many_shares_aliases_across_documents() {
    let a = r#"<Schema Namespace="A" Alias="AA" xmlns="http://docs.oasis-open.org/odata/ns/edm"><ComplexType Name="x" BaseType="BB.y"/></Schema>"#;
    let b = r#"<Schema Namespace="B" Alias="BB" xmlns="http://docs.oasis-open.org/odata/ns/edm"><ComplexType Name="y"/></Schema>"#;
    let m = csdl::read_many(&[("a", a), ("b", b)]).unwrap_or_else(|d| panic!("{d}"));
    let x = m.by_name["A.x"];
    assert_eq!(m.ty(x).structured().unwrap().base, Some(m.by_name["B.y"]));
    assert_eq!(m.ty(x).origin, "a");
    assert_eq!(m.ty(m.by_name["B.y"]).origin, "b");
}

#[test]
fn duplicates_in_large_types_and_enums() {
    // Past 16 enum members and 32 properties the reader switches from scans to sets.
    let members: String = (0..40)
        .map(|i| format!("<Member Name=\"m{i}\"/>"))
        .collect();
    let props: String = (0..60)
        .map(|i| format!("<Property Name=\"p{i}\" Type=\"Edm.Int32\"/>"))
        .collect();
    let body = format!(
        "      <EnumType Name=\"E\">{members}<Member Name=\"m3\"/><Member Name=\"m39\"/></EnumType>\n      <ComplexType Name=\"C\">{props}<Property Name=\"p5\" Type=\"Edm.Int32\"/><Property Name=\"p59\" Type=\"Edm.Int32\"/></ComplexType>"
    );
    let err = csdl::read(&edmx(&body), "t.xml").unwrap_err();
    assert_eq!(
        errors(&err),
        vec![
            (K::DuplicateEnumMember, FIRST),
            (K::DuplicateEnumMember, FIRST),
            (K::DuplicateProperty, FIRST + 1),
            (K::DuplicateProperty, FIRST + 1),
        ],
        "{err}"
    );
    assert!(err.to_string().contains("declares `p59` twice"), "{err}");
    assert!(err.to_string().contains("member `m39` twice"), "{err}");
}

#[test]
fn aliases_duplicate_dotted_and_shared_across_documents() {
    let two = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
<Schema Namespace="a" Alias="X" xmlns="http://docs.oasis-open.org/odata/ns/edm"/>
<Schema Namespace="b" Alias="X" xmlns="http://docs.oasis-open.org/odata/ns/edm"/>
<Schema Namespace="c" Alias="Y.Z" xmlns="http://docs.oasis-open.org/odata/ns/edm"/>
</edmx:DataServices></edmx:Edmx>"#;
    let err = csdl::read(two, "t.xml").unwrap_err();
    assert_eq!(
        errors(&err),
        vec![(K::DuplicateAlias, 3), (K::InvalidQualifiedName, 4)],
        "{err}"
    );
    // An annotation term using an alias another document of the same read declares.
    let a = r#"<Schema Namespace="A" xmlns="http://docs.oasis-open.org/odata/ns/edm"><ComplexType Name="x"><Annotation Term="V.Tag" Bool="true"/></ComplexType></Schema>"#;
    let v = r#"<Schema Namespace="Vocab.V1" Alias="V" xmlns="http://docs.oasis-open.org/odata/ns/edm"><Term Name="Tag" Type="Edm.Boolean"/></Schema>"#;
    let m = csdl::read_many(&[("a", a), ("v", v)]).unwrap_or_else(|d| panic!("{d}"));
    let x = m.ty(m.by_name["A.x"]);
    assert_eq!(x.annotations.get("Vocab.V1.Tag"), Some(&V::Bool(true)));
}
