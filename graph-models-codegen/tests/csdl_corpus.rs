//! Every document of `shared/corpus/csdl/`: valid ones read (with their references supplied from
//! the corpus), known-invalid ones and the INVALID fragments give the expected kind at the expected
//! line. Documents the corpus calls valid but that break a CSDL rule the reader enforces are listed
//! in `EXPECTED_ERRORS`, each with the reason.

mod common;
#[path = "common/corpus_refs.rs"]
mod corpus_refs;

use graph_models_codegen::csdl;
use graph_models_codegen::{DiagnosticKind as K, Diagnostics, Model, Severity};
use std::collections::BTreeMap;
use std::path::Path;

/// `(kind, origin, line)` of every error, sorted.
fn errors(d: &Diagnostics) -> Vec<(K, String, u32)> {
    let mut v: Vec<_> =
        d.0.iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| (d.kind, d.origin.clone(), d.location.line))
            .collect();
    v.sort_by_key(|(k, o, l)| (o.clone(), *l, k.name()));
    v
}

fn read_file(dir: &Path, file: &str) -> Result<Model, Diagnostics> {
    let text = common::read(dir, file);
    csdl::read_with_references(&text, file, &corpus_refs::resolver(dir))
}

/// Valid-corpus documents that break a rule, with the errors (kind, line in that file) they give.
/// Everything else in the folder must read without error.
/// `(reason, file, [(kind, line)])`.
type Expectation = (&'static str, &'static str, &'static [(K, u32)]);
/// `(fragments read together, [(kind, index of the fragment, line)])`.
type FragmentCase = (&'static [&'static str], &'static [(K, usize, u32)]);

const EXPECTED_ERRORS: &[Expectation] = &[
    (
        "OASIS's own example binds `Orders`/`Products`, navigation properties its Customer and Supplier do not declare",
        "oasis-csdl-miscellaneous.xml",
        &[(K::UnresolvedNavigationPath, 328), (K::UnresolvedNavigationPath, 332), (K::UnresolvedNavigationPath, 349)],
    ),
    (
        "FunctionImport names `Model.CreatedEntities`, but no schema or alias `Model` exists; bindings `MoreWaldos`/`EvenMoreWaldos` name no property of Fred",
        "oasis-csdl-miscellaneous2.xml",
        &[(K::UnresolvedOperation, 22), (K::UnresolvedNavigationPath, 27), (K::UnresolvedNavigationPath, 28)],
    ),
    (
        "PropertyRef `id`, but the only property is `id_Pc_...`",
        "oasis-csdl-special-characters.xml",
        &[(K::KeyPropertyMissing, 12)],
    ),
    (
        "`Authorization.SchemeName`: the Authorization vocabulary is referenced but not in the corpus",
        "oasis-vocab-capabilities-v1.xml",
        &[(K::UnresolvedReference, 697)],
    ),
    (
        "key `DupWithTypeName` has no Nullable=\"false\"; binding `Set1` names no navigation property",
        "odatanet-codegen-dupnames.xml",
        &[(K::KeyPropertyNullable, 27), (K::UnresolvedNavigationPath, 38)],
    ),
    (
        "types written `Test.X` in schema `Multiplicity`, no alias `Test`",
        "odatanet-codegen-multiplicity.xml",
        &[(K::UnresolvedType, 12), (K::UnresolvedType, 21), (K::UnresolvedType, 24)],
    ),
    (
        "uses types of its referencing document without an edmx:Reference to it (reads as part of -refmodel.xml, see multi_document_cases)",
        "odatanet-codegen-namespace-in-keywords-refmodel-referenced.xml",
        &[(K::UnresolvedType, 13), (K::UnresolvedType, 16)],
    ),
    (
        "binding `NavP` names no navigation property of ET",
        "odatanet-codegen-override-operations.xml",
        &[(K::UnresolvedNavigationPath, 59)],
    ),
    (
        "key properties without Nullable=\"false\" (nullable by default)",
        "odatanet-defaultservice.xml",
        &[(K::KeyPropertyNullable, 6), (K::KeyPropertyNullable, 56), (K::KeyPropertyNullable, 94), (K::KeyPropertyNullable, 95)],
    ),
    (
        "references GPS.csdl, Location.csdl, ... of namespaces `...ODataModelRef.*` that are not in the corpus (the multiref-* files are `...ModelRefDemo.*`)",
        "odatanet-modelref-service.xml",
        &[
            (K::UnresolvedReference, 21),
            (K::UnresolvedReference, 45),
            (K::UnresolvedReference, 46),
            (K::UnresolvedReference, 47),
            (K::UnresolvedReference, 54),
            (K::UnresolvedReference, 58),
            (K::UnresolvedReference, 79),
        ],
    ),
    (
        "nullable key `ID`; bindings naming no navigation property; its Capabilities reference brings the Authorization gap along",
        "olingo-client-metadata-large.xml",
        &[(K::KeyPropertyNullable, 100), (K::UnresolvedNavigationPath, 169), (K::UnresolvedNavigationPath, 191)],
    ),
    (
        "`Self.X` without a schema alias `Self`; a NavigationProperty whose Type attribute fell outside the tag; binding `Products` on Supplier, which has none",
        "olingo-fromdoc1.xml",
        &[
            (K::UnresolvedType, 39),
            (K::UnresolvedType, 40),
            (K::InvalidDocument, 80),
            (K::UnresolvedNavigationPath, 123),
            (K::UnresolvedType, 131),
        ],
    ),
    (
        "eight bindings through navigation properties ETKeyNavCont and CTNavCont do not declare",
        "olingo-metadata-sample.xml",
        &[
            (K::UnresolvedNavigationPath, 107),
            (K::UnresolvedNavigationPath, 109),
            (K::UnresolvedNavigationPath, 111),
            (K::UnresolvedNavigationPath, 113),
            (K::UnresolvedNavigationPath, 115),
            (K::UnresolvedNavigationPath, 118),
            (K::UnresolvedNavigationPath, 121),
            (K::UnresolvedNavigationPath, 124),
        ],
    ),
    (
        "binding `Rows` on entity set Row; `Rows` belongs to RowIndex",
        "olingo-opentype.xml",
        &[(K::UnresolvedNavigationPath, 64)],
    ),
    (
        "vCard/Common types of /coco/vocabularies/*.xml, which are not in the corpus",
        "olingo-ui-vocab-usage.xml",
        &[(K::UnresolvedReference, 139), (K::UnresolvedReference, 215), (K::UnresolvedReference, 440)],
    ),
    (
        "DraftRootType redeclares `PreparationAction`, inherited from DraftNodeType",
        "sap-vocab-common.xml",
        &[(K::DuplicateProperty, 1091)],
    ),
];

/// Errors a document brings in through a referenced corpus document (listed above for that one).
const VIA_REFERENCES: &[(&str, &str)] = &[
    (
        "olingo-client-metadata-large.xml",
        "oasis-vocab-capabilities-v1.xml",
    ),
    (
        "sap-cap-catalogservice.xml",
        "oasis-vocab-capabilities-v1.xml",
    ),
    ("sap-example-common-composition.xml", "sap-vocab-common.xml"),
];

fn expected(file: &str) -> Vec<(K, String, u32)> {
    let own = std::iter::once(file).chain(
        VIA_REFERENCES
            .iter()
            .filter(|(f, _)| *f == file)
            .map(|(_, r)| *r),
    );
    let mut want: Vec<(K, String, u32)> = own
        .flat_map(|f| {
            EXPECTED_ERRORS
                .iter()
                .filter(move |(_, file, _)| *file == f)
                .flat_map(move |(_, _, e)| e.iter().map(move |(k, l)| (*k, f.to_string(), *l)))
        })
        .collect();
    want.sort_by_key(|(k, o, l)| (o.clone(), *l, k.name()));
    want
}

#[test]
fn every_valid_document_reads() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let dir = shared.join("corpus/csdl");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|f| f.ends_with(".xml"))
        .collect();
    files.sort();
    // 70 documents in SOURCES.md: 67 here, 3 in invalid/.
    assert_eq!(files.len(), 67);
    let mut report = BTreeMap::new();
    for f in &files {
        let got = match read_file(&dir, f) {
            Ok(_) => Vec::new(),
            Err(d) => errors(&d),
        };
        report.insert(f.clone(), got);
    }
    let mut failures = Vec::new();
    for (f, got) in &report {
        let want = expected(f);
        if *got != want {
            failures.push(format!("{f}:\n  got  {got:?}\n  want {want:?}"));
        }
    }
    let clean = report.values().filter(|e| e.is_empty()).count();
    eprintln!(
        "{clean} of {} corpus documents read without error",
        report.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn multi_document_cases() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let dir = shared.join("corpus/csdl");

    // The container's types live in the referenced NorthwindExt document (URI is a build
    // placeholder): unsupplied, every entity set is an UnresolvedReference naming it; supplied,
    // the container reads and its sets point at NorthwindModel types.
    let file = "northwind-v4-container-with-reference.xml";
    let text = common::read(&dir, file);
    let err = csdl::read(&text, file).unwrap_err();
    let errs = errors(&err);
    assert!(!errs.is_empty());
    assert!(
        errs.iter().all(|(k, _, _)| *k == K::UnresolvedReference),
        "{errs:?}"
    );
    let sets = text.matches("<EntitySet ").count();
    assert_eq!(errs.len(), sets);
    assert!(
        err.0[0].message.contains("NorthWindExt.svc"),
        "{}",
        err.0[0]
    );
    let m = read_file(&dir, file).unwrap();
    assert!(m.references.iter().all(|r| r.supplied));
    assert!(m.by_name.contains_key("NorthwindModel.Customer"));
    assert_eq!(m.containers.len(), 1);
    assert_eq!(m.containers[0].elements.len(), sets);

    // a.xml and b.xml reference each other: the loader follows each URI once. Their terms are
    // typed `Collection(Message.Message)`, a namespace nobody declares: a warning, since term
    // definitions generate nothing.
    for (file, line) in [
        ("olingo-ref-a.xml", 26),
        ("olingo-ref-b.xml", 24),
        ("olingo-ref-test.xml", 0),
    ] {
        let m = read_file(&dir, file).unwrap_or_else(|d| panic!("{file}: {d}"));
        assert!(m
            .schemas
            .iter()
            .any(|s| s.namespace == "org.apache.olingo.a"));
        assert!(m
            .schemas
            .iter()
            .any(|s| s.namespace == "org.apache.olingo.b"));
        if line > 0 {
            assert!(m.warnings.iter().any(|w| w.kind == K::UnresolvedType
                && w.origin == file
                && w.location.line == line
                && w.message.contains("Message.Message")));
        }
    }

    // Code-gen multi-reference model: TruckDemo references GPS, Location, Map, DeviceModelTerms,
    // CoreTerms; GPS references TruckDemo back. With the corpus documents supplied it reads and
    // the cross-document base types resolve.
    let m = read_file(&dir, "odatanet-codegen-multiref.xml").unwrap_or_else(|d| panic!("{d}"));
    assert!(m.references.iter().all(|r| r.supplied));
    let gps = m
        .lookup("Microsoft.OData.SampleService.Models.ModelRefDemo.GPS.VehicleGPSType")
        .expect("GPS type from the referenced document");
    assert!(
        !m.derived[gps.index()].is_empty(),
        "TruckDemo derives from GPS's VehicleGPSType"
    );
    // Unsupplied, the types it takes from GPS are errors naming that reference.
    let text = common::read(&dir, "odatanet-codegen-multiref.xml");
    let err = csdl::read(&text, "multiref").unwrap_err();
    assert!(err.errors().all(|d| d.kind == K::UnresolvedReference));
    assert!(err.errors().any(|d| d.message.contains("GPS.csdl")));

    // The keyword-namespace pair reads through the reference, and as `read_many` as well.
    let refmodel = "odatanet-codegen-namespace-in-keywords-refmodel.xml";
    let referenced = "odatanet-codegen-namespace-in-keywords-refmodel-referenced.xml";
    read_file(&dir, refmodel).unwrap_or_else(|d| panic!("{d}"));
    let (a, b) = (common::read(&dir, refmodel), common::read(&dir, referenced));
    let m = csdl::read_many(&[(refmodel, &a), (referenced, &b)]).unwrap_or_else(|d| panic!("{d}"));
    assert!(m.by_name.contains_key("simple.double.testType2"));
    assert!(m.by_name.contains_key("event.string.int.testType1"));

    // Olingo's TripPin names its extension vocabulary by a relative URI.
    let m = read_file(&dir, "olingo-trippin-ext.xml").unwrap_or_else(|d| panic!("{d}"));
    assert!(m
        .references
        .iter()
        .any(|r| r.supplied && r.uri == "org.apache.olingo.v1.xml"));
    assert_eq!(
        m.aliases.get("olingo-extensions").map(String::as_str),
        Some("org.apache.olingo.v1")
    );
}

/// `(file, [(kind, line)])` for each document of `invalid/`: the failure positions SOURCES.md gives.
const INVALID: &[(&str, &[(K, u32)])] = &[
    // "two <Key> elements; expected failure line 9 col 14"
    (
        "oasis-counterexample-duplicate-key.xml",
        &[(K::DuplicateElement, 9)],
    ),
    // "NavigationProperty Type=\"Edm.String\"; expected failure line 11 col 82"
    (
        "oasis-counterexample-primitive-navigation.xml",
        &[(K::NavigationPropertyType, 11)],
    ),
    // "malformed Annotations Target ...; expected failure line 5 col 71"
    (
        "oasis-counterexample-annotation-target.xml",
        &[(K::InvalidAttributeValue, 5)],
    ),
];

#[test]
fn invalid_documents_give_located_errors() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let dir = shared.join("corpus/csdl/invalid");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    files.sort();
    assert_eq!(
        files.len(),
        INVALID.len(),
        "every invalid document has an expectation"
    );
    for (file, want) in INVALID {
        let text = common::read(&dir, file);
        let err = csdl::read(&text, file).expect_err(file);
        let got: Vec<(K, u32)> = errors(&err).into_iter().map(|(k, _, l)| (k, l)).collect();
        assert_eq!(got, *want, "{file}: {err}");
        for d in err.errors() {
            assert!(d
                .to_string()
                .starts_with(&format!("{file}:{}:", d.location.line)));
        }
    }
}

/// INVALID fragments of SOURCES.md: the odata.net error code it names, mapped to this reader's
/// kind, at the line of the offending element. Fragments listed together are read together.
const INVALID_FRAGMENTS: &[FragmentCase] = &[
    // BadUnresolvedNavigationPropertyPath: `Pet/Master1/Master`.
    (
        &["Parse_ContainedEntityWithInvalidNavigationPath__1"],
        &[(K::UnresolvedNavigationPath, 0, 22)],
    ),
    // 2x BadCyclicEntity.
    (
        &["Parse_EntityTypeWithCycle__1"],
        &[(K::InheritanceCycle, 0, 3), (K::InheritanceCycle, 0, 10)],
    ),
    // 3x BadCyclicEntity.
    (
        &["Parse_EntityTypeWithThreeWayCycle__1"],
        &[
            (K::InheritanceCycle, 0, 3),
            (K::InheritanceCycle, 0, 10),
            (K::InheritanceCycle, 0, 13),
        ],
    ),
    // 1x BadCyclicEntity: Blob -> Blob; Clod and Smod merely derive from it.
    (
        &["Parse_EntityTypeWithUninvolvedNodes__1"],
        &[(K::InheritanceCycle, 0, 13)],
    ),
    // BadCyclicComplex.
    (
        &["Parse_ComplexTypeWithCycle__1"],
        &[(K::InheritanceCycle, 0, 3), (K::InheritanceCycle, 0, 6)],
    ),
    // InvalidAbstractComplexType ("the base type of open type ... is not open").
    (
        &["Parse_OpenComplexTypeInheritance__1"],
        &[(K::OpenTypeMismatch, 0, 6)],
    ),
    // BadCyclicComplex, three-way.
    (
        &["Parse_ComplexTypeWithThreeWayCycle__1"],
        &[
            (K::InheritanceCycle, 0, 3),
            (K::InheritanceCycle, 0, 6),
            (K::InheritanceCycle, 0, 9),
        ],
    ),
    // BadCyclicComplex across three schema documents read together (3 errors in odata.net too).
    (
        &[
            "Parse_CyclicBaseTypeAcrossSchemas__1",
            "Parse_CyclicBaseTypeAcrossSchemas__2",
            "Parse_CyclicBaseTypeAcrossSchemas__3",
        ],
        &[
            (K::InheritanceCycle, 0, 3),
            (K::InheritanceCycle, 1, 3),
            (K::InheritanceCycle, 2, 3),
        ],
    ),
    // EnumMemberValueOutOfRange: Green follows 2147483647.
    (
        &["Parse_EnumTypeWithValuesOutOfInt32Range__1"],
        &[(K::EnumValueOutOfRange, 0, 4)],
    ),
    // BadUnresolvedPrimitiveType + EnumMustHaveIntegerUnderlyingType: `foo.Person`, `Edm.String`.
    (
        &["Parse_EnumTypeWithNonPrimitiveUnderlyingType__1"],
        &[
            (K::EnumUnderlyingType, 0, 9),
            (K::EnumUnderlyingType, 0, 15),
        ],
    ),
    // InvalidQualifiedName: Alias="bee.bee.bee".
    (
        &["Parse_SchemaAliasWithMultiplePeriods__1"],
        &[(K::InvalidQualifiedName, 0, 2)],
    ),
    // AlreadyDefined: TypeDefinition `Length` twice.
    (
        &["Parse_DuplicateTypeDefinitions__1"],
        &[(K::DuplicateSchemaElement, 0, 4)],
    ),
    // AlreadyDefined + DuplicateEntityContainerMemberName.
    (
        &["Validate_ParsingDuplicateEntityTypes__1"],
        &[
            (K::DuplicateContainerElement, 0, 5),
            (K::DuplicateSchemaElement, 0, 13),
        ],
    ),
];

/// Fragments SOURCES.md calls valid that break a rule of this reader, with the reason.
const FRAGMENTS_WITH_ERRORS: &[FragmentCase] = &[
    // odata.net's test only asserts there are no *parse* errors; it never validates. NS1's and
    // NS3's MyComplex2 redeclare the inherited `Id`, and NS3's is OpenType="false" under an open
    // base (the very rule `Parse_OpenComplexTypeInheritance__1` is INVALID for).
    (
        &[
            "Parse_ComplexTypesInheritanceModel__1",
            "Parse_ComplexTypesInheritanceModel__2",
            "Parse_ComplexTypesInheritanceModel__3",
        ],
        &[
            (K::DuplicateProperty, 0, 7),
            (K::OpenTypeMismatch, 2, 6),
            (K::DuplicateProperty, 2, 7),
        ],
    ),
    // `BaseType="Edm.TypeTerm"`: a pre-4.0 ODataLib notion, not a CSDL 4 entity type.
    (
        &["Parse_OutOfLineAnnotations__1"],
        &[(K::UnresolvedBaseType, 0, 11)],
    ),
];

fn fragment_file(name: &str) -> String {
    format!("odatanet-frag-{name}.xml")
}

fn read_fragments(dir: &Path, names: &[&str]) -> (Vec<String>, Result<Model, Diagnostics>) {
    let files: Vec<String> = names.iter().map(|n| fragment_file(n)).collect();
    let texts: Vec<String> = files.iter().map(|f| common::read(dir, f)).collect();
    let docs: Vec<(&str, &str)> = files
        .iter()
        .zip(&texts)
        .map(|(f, t)| (f.as_str(), t.as_str()))
        .collect();
    let r = csdl::read_many(&docs);
    (files, r)
}

fn check_fragments(dir: &Path, table: &[FragmentCase]) {
    for (names, want) in table {
        let (files, r) = read_fragments(dir, names);
        let err = r.expect_err(&files.join(" + "));
        let mut want: Vec<(K, String, u32)> = want
            .iter()
            .map(|(k, i, l)| (*k, files[*i].clone(), *l))
            .collect();
        want.sort_by_key(|(k, o, l)| (o.clone(), *l, k.name()));
        assert_eq!(errors(&err), want, "{err}");
    }
}

#[test]
fn fragments() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let dir = shared.join("corpus/csdl/fragments");
    let sources = common::read(&shared, "corpus/csdl/SOURCES.md");
    // Every fragment SOURCES.md marks INVALID has an expectation here, and only those.
    let mut marked: Vec<String> = sources
        .lines()
        .filter(|l| l.contains("`fragments/") && l.contains("| INVALID"))
        .filter_map(|l| l.split('`').nth(1))
        .map(|p| p.trim_start_matches("fragments/").to_string())
        .collect();
    marked.sort();
    let mut listed: Vec<String> = INVALID_FRAGMENTS
        .iter()
        .flat_map(|(n, _)| n.iter().map(|n| fragment_file(n)))
        .collect();
    listed.sort();
    assert_eq!(marked, listed);
    check_fragments(&dir, INVALID_FRAGMENTS);
    check_fragments(&dir, FRAGMENTS_WITH_ERRORS);

    // The rest reads (the encoding="utf-16" declarations on UTF-8 text included).
    let mut all: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    all.sort();
    assert_eq!(all.len(), 25);
    let handled: Vec<String> = INVALID_FRAGMENTS
        .iter()
        .chain(FRAGMENTS_WITH_ERRORS)
        .flat_map(|(n, _)| n.iter().map(|n| fragment_file(n)))
        .collect();
    let mut clean = 0;
    for f in all.iter().filter(|f| !handled.contains(f)) {
        let text = common::read(&dir, f);
        csdl::read(&text, f).unwrap_or_else(|d| panic!("{f}: {d}"));
        clean += 1;
    }
    assert_eq!(clean, 6);

    // odata.net's expected enum values: implicit members follow the previous one.
    let (_, m) = read_fragments(&dir, &["Parse_EnumTypeWithValidValues__1"]);
    let m = m.unwrap();
    let values = |name: &str| match &m.ty(m.by_name[name]).kind {
        graph_models_codegen::model::TypeKind::Enum(e) => (
            e.underlying,
            e.is_flags,
            e.members.iter().map(|x| x.value).collect::<Vec<_>>(),
        ),
        _ => panic!("{name} is an enum"),
    };
    use graph_models_codegen::model::Primitive;
    assert_eq!(
        values("foo.Color"),
        (Primitive::Int32, false, vec![10, 11, 5, 6])
    );
    assert_eq!(
        values("foo.Color2"),
        (Primitive::Int64, true, vec![5, 6, 10, 11])
    );
}
