//! Hostile CSDL: whatever the document, the reader, the selection and the generator give a result or
//! located errors, in bounded time and memory, without panicking or overflowing the stack.
//!
//! Timings are never asserted here (shared CI machines); `scaling` (ignored) measures them.

use graph_models_codegen::csdl;
use graph_models_codegen::diagnostics::DiagnosticKind as K;
use graph_models_codegen::emit::{self, Options};
use graph_models_codegen::model::{TypeId, TypeKind, TypeTarget};
use graph_models_codegen::select::{self, Selection};
use std::alloc::{GlobalAlloc, Layout, System};
use std::fmt::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

/// Counts heap bytes in use and their peak, for `scaling` (the only test that reads them).
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = IN_USE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        IN_USE.fetch_sub(layout.size(), Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const HEAD: &str = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices><Schema Namespace="Hostile.Test" Alias="h" xmlns="http://docs.oasis-open.org/odata/ns/edm">"#;
const TAIL: &str = "</Schema></edmx:DataServices></edmx:Edmx>";

fn doc(body: &str) -> String {
    format!("{HEAD}\n{body}\n{TAIL}\n")
}

/// Kinds of the errors of a read that must fail.
fn error_kinds(text: &str) -> Vec<K> {
    match csdl::read(text, "hostile.csdl") {
        Ok(_) => panic!("the document read without errors"),
        Err(d) => d.errors().map(|e| e.kind).collect(),
    }
}

/// The generated file (without operations and paths), after checking that generating it with
/// them also succeeds (`generate_file` parses what it generates).
fn generate(model: &graph_models_codegen::Model, selection: &Selection) -> String {
    let with_operations = Options {
        operations: true,
        paths: true,
        ..Options::default()
    };
    emit::generate_file(model, selection, &with_operations).unwrap_or_else(|e| panic!("{e}"));
    emit::generate_file(model, selection, &Options::default()).unwrap_or_else(|e| panic!("{e}"))
}

// --- XML: entity expansion, external entities, nesting ------------------------------------------

/// A DTD is refused before any of it is read, so nothing is expanded and nothing is fetched: the
/// reader does no I/O at all and roxmltree stops at `<!DOCTYPE`.
fn assert_dtd_refused(text: &str) {
    let errors = match csdl::read(text, "bomb.csdl") {
        Ok(_) => panic!("a document with a DTD was read"),
        Err(d) => d.0,
    };
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = &errors[0];
    assert_eq!(e.kind, K::MalformedXml);
    let doctype = text.find("<!DOCTYPE").unwrap();
    let line = text[..doctype].matches('\n').count() as u32 + 1;
    assert_eq!(e.location.line, line, "{e}");
    assert_eq!(
        e.message,
        "DTDs are not supported: entity declarations are neither expanded nor fetched"
    );
}

#[test]
fn billion_laughs_is_refused_unexpanded() {
    // Ten levels of ten references: 10^9 copies of "lol" (3 GB) if it were expanded.
    let mut dtd =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 \"lol\">\n");
    for i in 1..=9 {
        let refs = format!("&lol{};", i - 1).repeat(10);
        writeln!(dtd, "<!ENTITY lol{i} \"{refs}\">").unwrap();
    }
    dtd.push_str("]>\n");
    let body = r#"<ComplexType Name="c"><Property Name="p" Type="Edm.String" DefaultValue="&lol9;"/></ComplexType>"#;
    assert_dtd_refused(&format!("{dtd}{}", doc(body)));
}

#[test]
fn external_entities_are_refused_unfetched() {
    let body = r#"<ComplexType Name="c"><Property Name="p" Type="Edm.String" DefaultValue="&xxe;"/></ComplexType>"#;
    for dtd in [
        "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
        "<!DOCTYPE x [<!ENTITY xxe PUBLIC \"-//X//Y\" \"http://127.0.0.1:9/x\">]>",
        "<!DOCTYPE x SYSTEM \"http://127.0.0.1:9/x.dtd\">",
        "<!DOCTYPE x [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/p\"> %p;]>",
    ] {
        assert_dtd_refused(&format!("<?xml version=\"1.0\"?>\n{dtd}\n{}", doc(body)));
    }
    // Without a DTD an entity reference names nothing: an error at the reference.
    let errors = match csdl::read(&doc(body), "xxe.csdl") {
        Ok(_) => panic!("an undeclared entity was read"),
        Err(d) => d.0,
    };
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].kind, K::MalformedXml);
    assert_eq!(errors[0].location.line, 2);
    assert!(
        errors[0].message.contains("unknown entity reference 'xxe'"),
        "{}",
        errors[0]
    );
}

#[test]
fn deep_xml_nesting_is_read_without_recursion() {
    // Elements the reader does not know, nested 100,000 deep, inside a type.
    let depth = 100_000;
    let body = format!(
        r#"<ComplexType Name="c">{}{}<Property Name="p" Type="Edm.String"/></ComplexType>"#,
        "<x:a xmlns:x=\"urn:x\">".repeat(depth),
        "</x:a>".repeat(depth)
    );
    let model = csdl::read(&doc(&body), "deep.csdl").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(model.types.len(), 1);
    // Annotation expressions nested as deep: kept raw below the evaluation depth.
    let body = format!(
        r#"<ComplexType Name="c"><Annotation Term="Org.OData.Core.V1.Example">{}{}</Annotation></ComplexType>"#,
        "<Collection>".repeat(depth),
        "</Collection>".repeat(depth)
    );
    let model = csdl::read(&doc(&body), "deep.csdl").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(model.types[0].annotations.0.len(), 1);
}

// --- Inheritance --------------------------------------------------------------------------------

/// `c0 <- c1 <- ... <- c{n-1}`, each declaring one property; entity types keyed at the root.
fn chain(n: usize, entity: bool) -> String {
    let kind = if entity { "EntityType" } else { "ComplexType" };
    let mut body = String::new();
    for i in 0..n {
        let base = if i == 0 {
            String::new()
        } else {
            format!(r#" BaseType="h.c{}""#, i - 1)
        };
        let key = if entity && i == 0 {
            r#"<Key><PropertyRef Name="p0"/></Key>"#
        } else {
            ""
        };
        let nullable = if entity && i == 0 {
            r#" Nullable="false""#
        } else {
            ""
        };
        writeln!(
            body,
            r#"<{kind} Name="c{i}"{base}>{key}<Property Name="p{i}" Type="Edm.Int32"{nullable}/></{kind}>"#
        )
        .unwrap();
    }
    if entity {
        writeln!(
            body,
            r#"<EntityContainer Name="box"><EntitySet Name="leaves" EntityType="h.c{}"/></EntityContainer>"#,
            n - 1
        )
        .unwrap();
    }
    doc(&body)
}

#[test]
fn ten_thousand_level_inheritance_chain() {
    let n = 10_000;
    for entity in [false, true] {
        let model = csdl::read(&chain(n, entity), "chain.csdl").unwrap_or_else(|e| panic!("{e}"));
        let leaf = TypeId(n as u32 - 1);
        assert_eq!(model.base_chain(leaf).len(), n - 1);
        assert_eq!(model.all_properties(leaf).len(), n);
        assert_eq!(model.all_derived(TypeId(0)).len(), n - 1);
        if entity {
            assert_eq!(model.key(leaf), ["p0"]);
        }
        // The macro's selection of the leaf is the whole chain (as bases).
        assert_eq!(select::select(&model, &[leaf]).len(), n);
        // The leaf's struct flattens the whole chain: one field per level.
        let only_leaf = Selection {
            types: [leaf].into_iter().collect(),
        };
        let code = generate(&model, &only_leaf);
        assert_eq!(code.matches("pub p").count(), n, "one field per level");
        assert!(code.contains(&format!("pub p{}: ::graph_models::Field<i32>", n - 1)));
    }
}

#[test]
fn inheritance_cycle_of_ten_thousand_types() {
    let n = 10_000;
    let mut body = String::new();
    for i in 0..n {
        writeln!(
            body,
            r#"<ComplexType Name="c{i}" BaseType="h.c{}"/>"#,
            (i + 1) % n
        )
        .unwrap();
    }
    let errors = match csdl::read(&doc(&body), "ring.csdl") {
        Ok(_) => panic!("a cycle was read"),
        Err(d) => d.0,
    };
    assert_eq!(errors.len(), n);
    assert!(errors.iter().all(|e| e.kind == K::InheritanceCycle));
    // Each message names the type and its base; it does not list the whole ring (that would make
    // the diagnostics quadratic in the ring's length).
    assert!(
        errors.iter().all(|e| e.message.len() < 300),
        "{}",
        errors[0]
    );
    assert_eq!(
        errors[0].message,
        "`Hostile.Test.c0` derives from itself: Hostile.Test.c0 -> Hostile.Test.c1 -> Hostile.Test.c2 -> ... (10000 types) -> Hostile.Test.c0"
    );
}

// --- Names --------------------------------------------------------------------------------------

const NAMES: &str = include_str!("../../graph-models/tests/data/hostile-names.csdl");

#[test]
fn hostile_names_get_distinct_rust_names() {
    let model = csdl::read(NAMES, "hostile-names.csdl").unwrap_or_else(|e| panic!("{e}"));
    let code = generate(&model, &select::select_all(&model));
    // Case-only differences, keywords and reserved names: each gets its own identifier.
    for item in [
        "pub struct Item {",
        "pub struct Item_ {",
        "pub struct Value {",
        "pub struct Value_ {",
        "pub struct Self_ {",
        "pub struct Crate {",
        "pub struct T_ {",
        "pub struct Type {",
        "pub struct Größe {",
        "pub struct 名前 {",
        "pub struct AnyItem {",
        "pub enum AnyItem_ {",
        "pub enum Loop {",
        "pub enum Loop_ {",
        "pub struct Other {",
        "pub struct Other_ {",
        "pub item: ::graph_models::Field<::std::string::String>,",
        "pub item_: ::graph_models::Field<::std::string::String>,",
        "pub value: ::graph_models::Field<i32>,",
        "pub value_: ::graph_models::Field<::graph_models::edm::Int64>,",
        "pub value__: ::graph_models::Field<::std::string::String>,",
        "pub additional_data_: ::graph_models::Field<::std::string::String>,",
        "pub additional_data__: ::graph_models::Field<::std::string::String>,",
        "pub additional_data___: ::graph_models::Field<::std::string::String>,",
        "pub additional_data: ::graph_models::AdditionalData,",
        "pub self_: ::graph_models::Field<::std::string::String>,",
        "pub crate_: ::graph_models::Field<::std::string::String>,",
        "pub super_: ::graph_models::Field<::std::string::String>,",
        "pub r#type: ::graph_models::Field<::std::string::String>,",
        "pub r#async: ::graph_models::Field<::std::string::String>,",
        "pub r#gen: ::graph_models::Field<::std::string::String>,",
        "pub r#loop: ::graph_models::Field<Loop>,",
        "pub naïve: ::graph_models::Field<::std::string::String>,",
        "pub 日本語: ::graph_models::Field<::std::string::String>,",
        "Loop,",
        "Loop_,",
        "Unknown_,",
        "Unknown(::std::string::String),",
        "pub self_: ::graph_models::Field<::std::boxed::Box<Self_>>,",
        "pub selves: ::graph_models::Field<::std::vec::Vec<Self_>>,",
        "pub value: ::graph_models::Field<::std::boxed::Box<Value>>,",
    ] {
        assert!(code.contains(item), "missing `{item}` in:\n{code}");
    }
    // JSON names stay exactly as the metadata spells them.
    for json in [
        "\"additionalData\"",
        "\"additional_data\"",
        "\"r#type\"",
        "\"Größe\"",
        "\"_\"",
    ] {
        assert!(code.contains(json), "missing {json}");
    }
}

#[test]
fn identifier_characters_beyond_ascii() {
    // Alphanumeric is not XID: `²` (a fuzzer find) and `Ⅻ` must not reach `Ident::new` raw.
    let body = r#"<ComplexType Name="a²"><Property Name="addr²" Type="Edm.String"/><Property Name="²" Type="Edm.String"/><Property Name="x‿y" Type="Edm.String"/></ComplexType><EnumType Name="e"><Member Name="²"/><Member Name="Ⅻ"/></EnumType>"#;
    let model = csdl::read(&doc(body), "xid.csdl").unwrap_or_else(|e| panic!("{e}"));
    let code = generate(&model, &select::select_all(&model));
    for item in [
        "pub struct A_ {",
        "pub addr_:",
        "pub p__:",
        "pub x_y:",
        "T_,",
        "Ⅻ,",
    ] {
        assert!(code.contains(item), "missing `{item}` in:\n{code}");
    }
}

// --- Degenerate documents -----------------------------------------------------------------------

#[test]
fn empty_schemas_and_documents() {
    for text in [
        doc(""),
        r#"<Schema Namespace="Empty" xmlns="http://docs.oasis-open.org/odata/ns/edm"/>"#.to_string(),
        r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices/></edmx:Edmx>"#.to_string(),
    ] {
        let model = csdl::read(&text, "empty.csdl").unwrap_or_else(|e| panic!("{e}"));
        assert!(model.types.is_empty());
        let code = generate(&model, &select::select_all(&model));
        assert!(code.contains("pub fn __odata_is_known_type_"), "{code}");
        assert!(!code.contains("struct"));
    }
    assert_eq!(error_kinds(""), [K::MalformedXml]);
    assert_eq!(error_kinds("<Schema/>"), [K::InvalidDocument]);
    assert_eq!(
        error_kinds(r#"<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"/>"#),
        [K::InvalidDocument]
    );
}

#[test]
fn types_that_contain_themselves() {
    let body = r#"
        <ComplexType Name="node"><Property Name="next" Type="h.node"/><Property Name="all" Type="Collection(h.node)"/></ComplexType>
        <ComplexType Name="a"><Property Name="b" Type="h.b"/></ComplexType>
        <ComplexType Name="b"><Property Name="a" Type="h.a"/></ComplexType>
        <ComplexType Name="base"><Property Name="any" Type="h.base"/></ComplexType>
        <ComplexType Name="derived" BaseType="h.base"><Property Name="more" Type="h.derived"/></ComplexType>
        <EntityType Name="e"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/><NavigationProperty Name="me" Type="h.e"/></EntityType>"#;
    let model = csdl::read(&doc(body), "self.csdl").unwrap_or_else(|e| panic!("{e}"));
    let node = model.lookup("h.node").unwrap();
    assert_eq!(select::select(&model, &[node]).len(), 1);
    let code = generate(&model, &select::select_all(&model));
    for item in [
        "pub next: ::graph_models::Field<::std::boxed::Box<Node>>,",
        "pub all: ::graph_models::Field<::std::vec::Vec<Node>>,",
        "pub b: ::graph_models::Field<::std::boxed::Box<B>>,",
        "pub a: ::graph_models::Field<::std::boxed::Box<A>>,",
        "pub any: ::graph_models::Field<::std::boxed::Box<AnyBase>>,",
        "pub more: ::graph_models::Field<::std::boxed::Box<Derived>>,",
        "pub me: ::graph_models::Field<::std::boxed::Box<E>>,",
    ] {
        assert!(code.contains(item), "missing `{item}` in:\n{code}");
    }
}

#[test]
fn many_unresolved_names_are_reported_without_quadratic_suggestions() {
    // Every property names a type nobody declared, each a different one: every one is reported.
    let n = 20_000;
    let mut body = String::new();
    for i in 0..n {
        writeln!(
            body,
            r#"<ComplexType Name="t{i}"><Property Name="p" Type="h.missing{i}"/></ComplexType>"#
        )
        .unwrap();
    }
    let kinds = error_kinds(&doc(&body));
    assert_eq!(kinds.len(), n);
    assert!(kinds.iter().all(|k| *k == K::UnresolvedType));
}

#[test]
fn very_long_namespaces() {
    // 10,000 segments: a module nested that deep would overflow syn's and rustc's stacks.
    let long = vec!["n"; 10_000].join(".");
    let text = format!(
        r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices><Schema Namespace="A" xmlns="http://docs.oasis-open.org/odata/ns/edm"><ComplexType Name="a"/><ComplexType Name="b"/></Schema><Schema Namespace="{long}" xmlns="http://docs.oasis-open.org/odata/ns/edm"><ComplexType Name="c"><Property Name="a" Type="A.a"/></ComplexType></Schema></edmx:DataServices></edmx:Edmx>"#
    );
    let errors = match csdl::read(&text, "long.csdl") {
        Ok(_) => panic!("a 10,000-segment namespace was read"),
        Err(d) => d.0,
    };
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].kind, K::InvalidQualifiedName);
    assert_eq!(
        errors[0].message,
        format!(
            "namespace `{}...` has 19999 characters; at most 511 are allowed",
            &long[..40]
        )
    );
    // The longest namespace allowed, 256 one-letter segments: modules nest 8 deep, the last one
    // named by the remaining segments.
    let longest = vec!["n"; 256].join(".");
    let text = text.replace(&long, &longest);
    let model = csdl::read(&text, "long.csdl").unwrap_or_else(|e| panic!("{e}"));
    let code = generate(&model, &select::select_all(&model));
    assert_eq!(code.matches("pub mod n {").count(), 7);
    let last = vec!["n"; 249].join("_");
    assert!(code.contains(&format!("pub mod {last} {{")), "{code}");
    assert!(
        code.contains(&format!("{}A,", "super::".repeat(8))),
        "{code}"
    );
}

// --- Scale --------------------------------------------------------------------------------------

/// `n` types: enums, complex types and entity types (every third derived), properties of every
/// kind of type, navigation properties and an entity set per root entity type.
fn synthetic(n: usize) -> String {
    let mut body = String::new();
    let mut sets = String::new();
    let (mut last_enum, mut last_complex, mut last_entity) = (None, None, None::<usize>);
    for i in 0..n {
        match i % 10 {
            0 => {
                writeln!(body, r#"<EnumType Name="t{i}"><Member Name="a"/><Member Name="b"/><Member Name="c"/></EnumType>"#).unwrap();
                last_enum = Some(i);
            }
            1 | 5 => {
                write!(body, r#"<ComplexType Name="t{i}"><Property Name="s{i}" Type="Edm.String"/><Property Name="n{i}" Type="Edm.Int32"/>"#).unwrap();
                if let Some(e) = last_enum {
                    write!(body, r#"<Property Name="e{i}" Type="h.t{e}"/>"#).unwrap();
                }
                body.push_str("</ComplexType>\n");
                last_complex = Some(i);
            }
            _ => {
                let base = last_entity.filter(|_| i % 3 == 0);
                match base {
                    Some(b) => {
                        write!(body, r#"<EntityType Name="t{i}" BaseType="h.t{b}">"#).unwrap()
                    }
                    None => {
                        write!(body, r#"<EntityType Name="t{i}"><Key><PropertyRef Name="id{i}"/></Key><Property Name="id{i}" Type="Edm.Guid" Nullable="false"/>"#).unwrap();
                        writeln!(sets, r#"<EntitySet Name="s{i}" EntityType="h.t{i}"/>"#).unwrap();
                    }
                }
                write!(body, r#"<Property Name="name{i}" Type="Edm.String"/><Property Name="tags{i}" Type="Collection(Edm.String)"/><Property Name="at{i}" Type="Edm.DateTimeOffset"/>"#).unwrap();
                if let Some(c) = last_complex {
                    write!(body, r#"<Property Name="c{i}" Type="h.t{c}"/>"#).unwrap();
                }
                if let Some(e) = last_entity {
                    write!(body, r#"<NavigationProperty Name="to{i}" Type="h.t{e}"/>"#).unwrap();
                }
                body.push_str("</EntityType>\n");
                last_entity = Some(i);
            }
        }
    }
    writeln!(
        body,
        r#"<EntityContainer Name="box">{sets}</EntityContainer>"#
    )
    .unwrap();
    doc(&body)
}

#[test]
fn synthetic_schemas_of_a_thousand_to_a_hundred_thousand_types() {
    for n in [1_000, 10_000, 100_000] {
        let model = csdl::read(&synthetic(n), "synthetic.csdl").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(model.types.len(), n);
        let enums = model
            .types
            .iter()
            .filter(|t| matches!(t.kind, TypeKind::Enum(_)))
            .count();
        assert_eq!(enums, n / 10);
        let last = TypeId(n as u32 - 1);
        let props = model.all_properties(last);
        assert!(props
            .iter()
            .any(|p| matches!(p.ty.target, TypeTarget::Type(_))));
        assert!(model.warnings.is_empty(), "{:?}", model.warnings.first());
    }
}

/// Reading time (best of 5) and peak heap of synthetic schemas; measures, asserts nothing. Run alone,
/// optimised: `cargo test --release -p graph-models-codegen --test hostile_metadata -- --ignored
/// --nocapture --test-threads=1 scaling`.
#[test]
#[ignore]
fn scaling() {
    // `SCALING_SIZES=1000,300000` measures other sizes.
    let sizes: Vec<usize> = std::env::var("SCALING_SIZES")
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|_| vec![1_000, 10_000, 100_000]);
    println!("| types | document | read time | per type | peak heap during read | per type |");
    println!("|---:|---:|---:|---:|---:|---:|");
    for n in sizes {
        let text = synthetic(n);
        let mut best = f64::MAX;
        let mut peak = 0;
        for _ in 0..5 {
            let before = IN_USE.load(Relaxed);
            PEAK.store(before, Relaxed);
            let start = Instant::now();
            let model = csdl::read(&text, "synthetic.csdl").unwrap_or_else(|e| panic!("{e}"));
            let elapsed = start.elapsed().as_secs_f64();
            peak = PEAK.load(Relaxed) - before;
            assert_eq!(model.types.len(), n);
            drop(model);
            best = best.min(elapsed);
        }
        println!(
            "| {n} | {:.1} MB | {:.1} ms | {:.2} µs | {:.1} MB | {:.0} bytes |",
            text.len() as f64 / 1e6,
            best * 1e3,
            best * 1e6 / n as f64,
            peak as f64 / 1e6,
            peak as f64 / n as f64
        );
    }
}

/// Code for a whole inheritance chain grows with the square of its depth: each struct flattens its
/// bases (n^2/2 fields) and each `Any` enum lists every derived type in a few matches, tables and
/// `From` impls (7n^2/2 entries). Generation counts that first and refuses a selection over
/// `emit::budget::LIMIT`, before building anything: depth 500 and depth 10,000 are refused with an
/// error naming the chain, while depth 60 is generated.
#[test]
fn whole_deep_chains_are_refused_before_generating() {
    for (n, entity) in [(500, false), (10_000, true)] {
        let model = csdl::read(&chain(n, entity), "chain.csdl").unwrap_or_else(|e| panic!("{e}"));
        let selection = select::select_all(&model);
        let err = match emit::generate(&model, &selection, &Options::default()) {
            Ok(_) => panic!("a {n}-level chain was generated"),
            Err(e) => e,
        };
        assert!(err.size.total() > emit::budget::LIMIT);
        assert_eq!(err.deepest, (format!("Hostile.Test.c{}", n - 1), n as u64));
        // The file-level API gives the same message, and so does the macro (trybuild case
        // graph-models/tests/ui/too_large.rs).
        let message = emit::generate_file(&model, &selection, &Options::default()).unwrap_err();
        assert_eq!(message, err.to_string());
        assert!(
            message.starts_with(
                "this selection would generate more than 1000000 struct fields and `Any` variant entries"
            ),
            "{message}"
        );
        assert!(
            message.contains(&format!(
                "the deepest inheritance chain ends at `Hostile.Test.c{}`, {n} levels deep",
                n - 1
            )),
            "{message}"
        );
        assert!(message.ends_with("Select fewer types, or types from shallower hierarchies."));
        if n == 500 {
            // The widest `Any` enum is the one whose arms (derived types x properties) peak.
            let (name, derived, properties) = err.widest.clone().expect("the arms were counted");
            assert_eq!(derived + properties, n as u64, "{name}");
        }
    }
    // Below the limit the same shape generates, and the count matches the code.
    let n = 60;
    let model = csdl::read(&chain(n, false), "chain.csdl").unwrap_or_else(|e| panic!("{e}"));
    let selection = select::select_all(&model);
    let size = emit::budget::check(&model, &selection).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(size.fields, (n * (n + 1) / 2) as u64, "flattened fields");
    let code = generate(&model, &selection);
    assert_eq!(
        code.matches(": ::graph_models::Field<i32>,").count() as u64,
        size.fields
    );
}

/// How the budget check and the generator scale with the depth of a whole chain. Measured, not
/// asserted: `cargo test --release -p graph-models-codegen --test hostile_metadata -- --ignored
/// --nocapture chain_generation`.
#[test]
#[ignore]
fn chain_generation() {
    println!("| depth | budget (fields + arms) | check | generate | output | peak heap |");
    println!("|---:|---:|---:|---:|---:|---:|");
    for n in [50, 100, 150, 200, 300, 500, 10_000] {
        let model = csdl::read(&chain(n, false), "chain.csdl").unwrap_or_else(|e| panic!("{e}"));
        let selection = select::select_all(&model);
        let before = IN_USE.load(Relaxed);
        PEAK.store(before, Relaxed);
        let start = Instant::now();
        let checked = emit::budget::check(&model, &selection);
        let check = start.elapsed().as_secs_f64();
        let start = Instant::now();
        let tokens = emit::generate(&model, &selection, &Options::default());
        let elapsed = start.elapsed().as_secs_f64();
        let peak = PEAK.load(Relaxed) - before;
        let (units, size) = match (&checked, &tokens) {
            (Ok(size), Ok(tokens)) => (
                size.total().to_string(),
                format!("{:.1} MB", tokens.to_string().len() as f64 / 1e6),
            ),
            (Err(e), Err(_)) => (format!("> {} (refused)", e.size.total()), "-".into()),
            _ => panic!("check and generate disagree at depth {n}"),
        };
        println!(
            "| {n} | {units} | {:.2} ms | {:.0} ms | {size} | {:.0} MB |",
            check * 1e3,
            elapsed * 1e3,
            peak as f64 / 1e6
        );
    }
}

// --- Operations ----------------------------------------------------------------------------------

/// Bound operations with no binding parameter, a binding of an enum or a primitive, names that are
/// keywords or not ASCII, overloads, and parameters named like the struct's own field or a keyword:
/// generating them never panics, the code parses (`generate_file` parses it), and every name is
/// unique.
#[test]
fn hostile_operations_generate_valid_code() {
    let doc = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="Hostile" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="thing"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
      <EntityType Name="thingSelf"/>
      <EnumType Name="mood"><Member Name="calm" Value="0"/></EnumType>
      <Action Name="noBinding" IsBound="true"/>
      <Action Name="onEnum" IsBound="true"><Parameter Name="b" Type="Hostile.mood"/></Action>
      <Action Name="onString" IsBound="true"><Parameter Name="b" Type="Edm.String"/></Action>
      <Action Name="self" IsBound="true">
        <Parameter Name="b" Type="Hostile.thing"/>
        <Parameter Name="additional_data" Type="Edm.String"/>
        <Parameter Name="type" Type="Edm.Int32"/>
        <Parameter Name="self" Type="Hostile.mood"/>
        <Parameter Name="Self" Type="Edm.Boolean"/>
      </Action>
      <Action Name="self" IsBound="true"><Parameter Name="b" Type="Hostile.thing"/></Action>
      <Function Name="été" IsBound="true"><Parameter Name="b" Type="Collection(Hostile.thing)"/><ReturnType Type="Collection(Edm.String)"/></Function>
      <Function Name="_" IsBound="true"><Parameter Name="b" Type="Hostile.thing"/><ReturnType Type="Hostile.mood"/></Function>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#;
    let model = csdl::read(doc, "hostile.csdl").unwrap_or_else(|d| panic!("{d}"));
    let options = Options {
        operations: true,
        ..Options::default()
    };
    let code = emit::generate_file(&model, &select::select_all(&model), &options)
        .unwrap_or_else(|e| panic!("{e}"));
    let structs: Vec<&str> = code
        .lines()
        .filter_map(|l| l.strip_prefix("pub struct "))
        .map(|l| l.trim_end_matches(" {"))
        .collect();
    let mut unique = structs.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), structs.len(), "{structs:?}");
    // Two types, and the four operations bound to an entity type (both overloads of `self`).
    assert_eq!(structs.len(), 2 + 4, "{structs:?}");
    assert!(!code.contains("NoBinding") && !code.contains("OnEnum") && !code.contains("OnString"));
}
