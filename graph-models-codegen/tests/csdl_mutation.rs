//! No panic on any input: corpus documents truncated at many points, with attributes removed,
//! names swapped, lines duplicated and random characters inserted, each give a model or a
//! diagnostic, quickly. A deterministic PRNG keeps failures reproducible.

mod common;

use graph_models_codegen::csdl;
use graph_models_codegen::model::{Model, TypeId, TypeTarget};
use graph_models_codegen::Severity;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::{Duration, Instant};

/// xorshift64*: enough randomness for mutations, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Byte ranges of the values of `attr="..."` in `text`.
fn values(text: &str, attr: &str) -> Vec<(usize, usize)> {
    let pat = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(&pat) {
        let start = from + i + pat.len();
        let Some(len) = text[start..].find('"') else {
            break;
        };
        out.push((start, start + len));
        from = start + len;
    }
    out
}

const ATTRS: &[&str] = &[
    "Name",
    "Type",
    "BaseType",
    "Namespace",
    "Alias",
    "Term",
    "Target",
    "Value",
    "Nullable",
    "EntityType",
    "UnderlyingType",
    "Uri",
    "Path",
    "Abstract",
    "OpenType",
];

const NOISE: &[&str] = &[
    "<",
    ">",
    "\"",
    "'",
    "&",
    "&amp;",
    "&#0;",
    "/",
    "=",
    "<!--",
    "]]>",
    "<![CDATA[",
    "<x>",
    "</",
    "\u{0}",
    "\u{7}",
    "\u{feff}",
    "é",
    "\u{10ffff}",
    "Collection(",
    ")",
    ".",
    "..",
    "Edm.",
    "<Annotation Term=\"Core.Description\"/>",
    "<Key><PropertyRef Name=\"\"/></Key>",
    "<?xml version=\"1.0\"?>",
];

fn mutate(rng: &mut Rng, text: &str) -> (String, String) {
    match rng.below(6) {
        0 => {
            let at = boundary(text, rng.below(text.len() + 1));
            (format!("truncate at {at}"), text[..at].to_string())
        }
        1 => {
            let attr = ATTRS[rng.below(ATTRS.len())];
            let vs = values(text, attr);
            let Some(&(s, e)) = vs.get(rng.below(vs.len())) else {
                return ("no-op".into(), text.to_string());
            };
            // Remove ` attr="value"`.
            let from = s - attr.len() - 3;
            (
                format!("remove {attr} at {from}"),
                format!("{}{}", &text[..from], &text[e + 1..]),
            )
        }
        2 => {
            // Put one attribute's value where another's was (a Name into a Type, ...).
            let (a, b) = (ATTRS[rng.below(ATTRS.len())], ATTRS[rng.below(ATTRS.len())]);
            let (va, vb) = (values(text, a), values(text, b));
            let (Some(&(s, e)), Some(&(s2, e2))) =
                (va.get(rng.below(va.len())), vb.get(rng.below(vb.len())))
            else {
                return ("no-op".into(), text.to_string());
            };
            let with = text[s2..e2].to_string();
            (
                format!("{a}@{s} := {b}@{s2}"),
                format!("{}{}{}", &text[..s], with, &text[e..]),
            )
        }
        3 => {
            let at = boundary(text, rng.below(text.len() + 1));
            let mut noise = String::new();
            for _ in 0..1 + rng.below(3) {
                noise.push_str(NOISE[rng.below(NOISE.len())]);
            }
            (
                format!("insert {noise:?} at {at}"),
                format!("{}{}{}", &text[..at], noise, &text[at..]),
            )
        }
        4 => {
            // Duplicate a line (declarations twice, elements twice).
            let lines: Vec<&str> = text.lines().collect();
            let i = rng.below(lines.len());
            let mut out: Vec<&str> = lines.clone();
            if let Some(l) = lines.get(i) {
                out.insert(i, l);
            }
            (format!("duplicate line {}", i + 1), out.join("\n"))
        }
        _ => {
            // A type's base becomes itself or another type: cycles.
            let (names, bases) = (values(text, "Name"), values(text, "BaseType"));
            let (Some(&(s, e)), Some(&(ns, ne))) = (
                bases.get(rng.below(bases.len())),
                names.get(rng.below(names.len())),
            ) else {
                return ("no-op".into(), text.to_string());
            };
            let prefix = text[s..e]
                .rsplit_once('.')
                .map_or("", |(p, _)| p)
                .to_string();
            let with = format!("{prefix}.{}", &text[ns..ne]);
            (
                format!("base@{s} := {with}"),
                format!("{}{}{}", &text[..s], with, &text[e..]),
            )
        }
    }
}

/// What must hold of any model the reader returns: every id in range, chains that end.
fn check_model(m: &Model) -> Result<(), String> {
    let n = m.types.len();
    let ok = |id: TypeId| id.index() < n;
    if m.derived.len() != n || m.by_name.len() != n {
        return Err("derived/by_name not one per type".into());
    }
    for (i, t) in m.types.iter().enumerate() {
        if let Some(s) = t.structured() {
            if s.base.is_some_and(|b| !ok(b)) {
                return Err(format!("type {i}: base out of range"));
            }
            let targets = s
                .properties
                .iter()
                .map(|p| p.ty.target)
                .chain(s.navigation_properties.iter().map(|p| p.ty.target));
            for target in targets {
                if let TypeTarget::Type(id) = target {
                    if !ok(id) {
                        return Err(format!("type {i}: property type out of range"));
                    }
                }
            }
            if m.base_chain(TypeId(i as u32)).len() > n {
                return Err(format!("type {i}: base chain longer than the model"));
            }
        }
        if m.derived[i].iter().any(|d| !ok(*d)) {
            return Err(format!("type {i}: derived out of range"));
        }
    }
    if m.warnings.iter().any(|w| w.severity != Severity::Warning) {
        return Err("an error among the warnings of an Ok model".into());
    }
    Ok(())
}

fn run(origin: &str, text: &str, what: &str, failures: &mut Vec<String>, slowest: &mut Duration) {
    let t = Instant::now();
    let r = catch_unwind(AssertUnwindSafe(|| csdl::read(text, origin)));
    let took = t.elapsed();
    *slowest = (*slowest).max(took);
    let problem = match r {
        Err(_) => Some("panicked".to_string()),
        Ok(Ok(m)) => check_model(&m).err(),
        Ok(Err(d)) => {
            if !d.has_errors() {
                Some("Err without an error diagnostic".into())
            } else {
                d.0.iter()
                    .find(|x| x.location.line == 0 || x.location.col == 0 || x.origin != origin)
                    .map(|bad| format!("unlocated diagnostic {bad}"))
            }
        }
    };
    if let Some(p) = problem {
        failures.push(format!("{origin}: {what}: {p}"));
    }
}

fn corpus_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = ["", "invalid", "fragments"]
        .iter()
        .flat_map(|sub| std::fs::read_dir(dir.join(sub)).into_iter().flatten())
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    files.sort();
    files
}

#[test]
fn mutated_corpus_documents_never_panic() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let started = Instant::now();
    let std_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {})); // failures are collected and reported below
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut failures, mut slowest, mut count) = (Vec::new(), Duration::ZERO, 0);
    for path in corpus_files(&shared.join("corpus/csdl")) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let origin = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?")
            .to_string();
        // Fewer mutations of the big documents keep the whole test to a few seconds in debug.
        let rounds = if text.len() > 40_000 { 12 } else { 40 };
        for _ in 0..rounds {
            let (what, mutated) = mutate(&mut rng, &text);
            run(&origin, &mutated, &what, &mut failures, &mut slowest);
            // Two mutations on top of each other.
            let (what2, twice) = mutate(&mut rng, &mutated);
            run(
                &origin,
                &twice,
                &format!("{what}, then {what2}"),
                &mut failures,
                &mut slowest,
            );
            count += 2;
        }
        // Truncation at every 97th byte of the small documents: all the half-open states.
        if text.len() < 4_000 {
            for at in (0..text.len()).step_by(97) {
                let at = boundary(&text, at);
                run(
                    &origin,
                    &text[..at],
                    &format!("truncate at {at}"),
                    &mut failures,
                    &mut slowest,
                );
                count += 1;
            }
        }
    }
    std::panic::set_hook(std_hook);
    let total = started.elapsed();
    eprintln!("{count} mutated documents in {total:.1?} (slowest read {slowest:.1?})");
    assert!(count > 3_000, "{count}");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        slowest < Duration::from_secs(2),
        "one read took {slowest:?}"
    );
}

/// Inputs built to make a careless reader slow or overflow its stack: deep expression nesting,
/// a deep inheritance chain, thousands of unresolved names (each would scan every type for a
/// suggestion), a renamed alias in the full Graph document.
#[test]
fn pathological_inputs_stay_fast() {
    const HEAD: &str = r#"<Schema Namespace="n" xmlns="http://docs.oasis-open.org/odata/ns/edm">"#;
    let time = |text: &str| {
        let t = Instant::now();
        let r = csdl::read(text, "p");
        let took = t.elapsed();
        eprintln!("{} bytes read in {took:.1?}", text.len());
        (took, r)
    };

    let n = 20_000;
    let deep = format!(
        "{HEAD}<Annotation Term=\"a.b\">{}{}</Annotation></Schema>",
        "<Collection>".repeat(n),
        "</Collection>".repeat(n)
    );
    let (took, r) = time(&deep);
    assert!(r.is_ok(), "{r:?}");
    assert!(took < Duration::from_secs(5), "deep nesting: {took:?}");

    let mut chain = format!(
        "{HEAD}<ComplexType Name=\"t0\"><Property Name=\"p\" Type=\"Edm.Int32\"/></ComplexType>"
    );
    for i in 1..4_000 {
        chain.push_str(&format!(
            "<ComplexType Name=\"t{i}\" BaseType=\"n.t{}\"><Property Name=\"p{i}\" Type=\"Edm.Int32\"/></ComplexType>",
            i - 1
        ));
    }
    chain.push_str("<ComplexType Name=\"last\" BaseType=\"n.t3999\"><Property Name=\"p\" Type=\"Edm.Int32\"/></ComplexType></Schema>");
    let (took, r) = time(&chain);
    let err = r.unwrap_err();
    // Only the redeclared `p` at the bottom of the chain.
    assert_eq!(err.errors().count(), 1, "{err}");
    assert!(took < Duration::from_secs(5), "deep chain: {took:?}");

    let mut typos = HEAD.to_string();
    for i in 0..4_000 {
        typos.push_str(&format!(
            "<ComplexType Name=\"type{i}\"><Property Name=\"p\" Type=\"n.typo{i}\"/></ComplexType>"
        ));
    }
    typos.push_str("</Schema>");
    let (took, r) = time(&typos);
    assert_eq!(r.unwrap_err().errors().count(), 4_000);
    assert!(took < Duration::from_secs(5), "unresolved names: {took:?}");

    // One type with 20,000 properties and one enum with 20,000 members, each with a duplicate.
    let mut wide = format!("{HEAD}<ComplexType Name=\"w\">");
    for i in 0..20_000 {
        wide.push_str(&format!("<Property Name=\"p{i}\" Type=\"Edm.Int32\"/>"));
    }
    wide.push_str("<Property Name=\"p7\" Type=\"Edm.Int32\"/></ComplexType><EnumType Name=\"e\">");
    for i in 0..20_000 {
        wide.push_str(&format!("<Member Name=\"m{i}\"/>"));
    }
    wide.push_str("<Member Name=\"m7\"/></EnumType></Schema>");
    let (took, r) = time(&wide);
    assert_eq!(r.unwrap_err().errors().count(), 2);
    assert!(took < Duration::from_secs(5), "wide types: {took:?}");

    let Some(shared) = common::shared_dir() else {
        return;
    };
    let graph = common::read(&shared, "metadata/graph-v1.0.csdl");
    let renamed = graph.replacen("Alias=\"graph\"", "Alias=\"grph\"", 1);
    let (took, r) = time(&renamed);
    let err = r.unwrap_err();
    assert!(err.errors().count() > 5_000, "{}", err.errors().count());
    // Every use of `graph.` fails on its own, nothing cascades.
    use graph_models_codegen::DiagnosticKind as K;
    assert!(err
        .errors()
        .all(|d| matches!(d.kind, K::UnresolvedType | K::UnresolvedBaseType)));
    // Hints for the first few only (each scans every type name).
    let hinted = err
        .errors()
        .filter(|d| d.message.contains("did you mean"))
        .count();
    assert!(hinted > 0 && hinted <= 32, "{hinted}");
    assert!(
        took < Duration::from_secs(10),
        "renamed alias in Graph: {took:?}"
    );
}
