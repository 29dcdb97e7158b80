//! CSDL XML reader: text in, resolved [`Model`] (or every located error) out.
//!
//! Layers, each its own module:
//! - `parse/` (`types`, `service`, `annotations`): XML -> raw elements (`raw`) with locations
//!   (`location`), per document;
//! - `resolve/` (`types`, `service`): all documents -> one model, every name resolved through
//!   hash maps (`resolve::names_index`, `NameMap`), then `hierarchy` (derived index, cycles,
//!   openness), `validate` (members, keys, bindings) and `targets` (out-of-line annotations).
//!
//! No I/O: referenced documents come from the caller's resolver.

mod hierarchy;
mod location;
mod names;
mod parse;
mod raw;
mod resolve;
mod targets;
mod validate;

use crate::diagnostics::{Diagnostic, DiagnosticKind, Diagnostics, Severity};
use crate::model::{Location, Model};
use location::LineIndex;
use std::collections::{HashMap, HashSet, VecDeque};

/// The reader's internal maps, keyed by names taken from the documents.
///
/// std's `RandomState` (SipHash-1-3 with per-process random keys): a document can be written to
/// make many names collide under a fixed, unkeyed hash, and then every lookup probes every
/// colliding name. A faster fixed hash bought no measurable reading speed on the whole Graph
/// schema (docs/BENCHMARKS.md, "CSDL reader"), so there is nothing to trade for that risk.
/// Nothing iterates these maps, so the random keys never change the output.
pub(crate) type NameMap<K, V> = HashMap<K, V>;
/// A set of names from the documents; hashed as `NameMap` is, for the same reason.
pub(crate) type NameSet<K> = HashSet<K>;

/// A resolver that never supplies anything.
fn none(_: &str) -> Option<(String, String)> {
    None
}

/// Bounds what a resolver can make the reader load (a resolver inventing URIs forever).
const MAX_REFERENCED_DOCUMENTS: usize = 256;

/// Reads one CSDL document. `origin` names it in diagnostics (usually its path).
pub fn read(text: &str, origin: &str) -> Result<Model, Diagnostics> {
    read_with_references(text, origin, &none)
}

/// Reads a document whose `edmx:Reference`s the caller can supply: `resolve(uri)` returns the
/// referenced document's `(origin, text)`, or `None` when it is not available.
pub fn read_with_references(
    text: &str,
    origin: &str,
    resolve: &dyn Fn(&str) -> Option<(String, String)>,
) -> Result<Model, Diagnostics> {
    read_many_with_references(&[(origin, text)], resolve)
}

/// Reads several documents as one model, `(origin, text)` each: they see each other's types and
/// aliases, as odata.net's `SchemaReader.TryParse` over several readers does.
pub fn read_many(docs: &[(&str, &str)]) -> Result<Model, Diagnostics> {
    read_many_with_references(docs, &none)
}

/// [`read_many`] with a resolver for `edmx:Reference`s (followed transitively, each URI once; a
/// resolver answer whose origin is already loaded is not loaded twice).
pub(crate) fn read_many_with_references(
    docs: &[(&str, &str)],
    resolve: &dyn Fn(&str) -> Option<(String, String)>,
) -> Result<Model, Diagnostics> {
    let mut diags = Vec::new();
    let mains: Vec<Option<roxmltree::Document>> = docs
        .iter()
        .map(|(origin, text)| parse_xml(origin, text, &mut diags))
        .collect();

    // Fetch referenced documents, breadth first.
    let mut queue: VecDeque<String> = mains.iter().flatten().flat_map(reference_uris).collect();
    let mut asked = HashSet::new();
    let mut supplied = HashSet::new();
    let mut fetched: Vec<(String, String)> = Vec::new();
    while let Some(uri) = queue.pop_front() {
        if asked.len() >= MAX_REFERENCED_DOCUMENTS || !asked.insert(uri.clone()) {
            continue;
        }
        let Some((origin, text)) = resolve(&uri) else {
            continue;
        };
        supplied.insert(uri);
        let known =
            docs.iter().any(|(o, _)| *o == origin) || fetched.iter().any(|(o, _)| *o == origin);
        if known {
            continue;
        }
        // Parsed once here to follow its references, and again below to read it: referenced
        // documents are vocabularies and small, the main document is parsed once.
        if let Ok(doc) = roxmltree::Document::parse(&text) {
            queue.extend(reference_uris(&doc));
        }
        fetched.push((origin, text));
    }
    let others: Vec<Option<roxmltree::Document>> = fetched
        .iter()
        .map(|(origin, text)| parse_xml(origin, text, &mut diags))
        .collect();

    let origins: Vec<String> = docs
        .iter()
        .map(|(o, _)| o.to_string())
        .chain(fetched.iter().map(|(o, _)| o.clone()))
        .collect();
    let parsed: Vec<&Option<roxmltree::Document>> = mains.iter().chain(others.iter()).collect();
    let lines: Vec<Option<LineIndex>> = parsed
        .iter()
        .map(|d| d.as_ref().map(|d| LineIndex::new(d.input_text())))
        .collect();
    let mut raws = Vec::with_capacity(parsed.len());
    for (i, (doc, lines)) in parsed.iter().zip(&lines).enumerate() {
        if let (Some(doc), Some(lines), Some(origin)) = (doc, lines, origins.get(i)) {
            let mut raw = parse::read_document(i, doc, lines, origin, &mut diags);
            for r in &mut raw.references {
                r.supplied = supplied.contains(r.uri);
            }
            raws.push(raw);
        }
    }
    let mut model = resolve::build(raws, &origins, &mut diags);
    finish(&mut diags, &origins);
    if diags.iter().any(|d| d.severity == Severity::Error) {
        return Err(Diagnostics(diags));
    }
    model.warnings = diags;
    Ok(model)
}

fn parse_xml<'t>(
    origin: &str,
    text: &'t str,
    diags: &mut Vec<Diagnostic>,
) -> Option<roxmltree::Document<'t>> {
    match roxmltree::Document::parse(text) {
        Ok(doc) => Some(doc),
        // roxmltree refuses a DTD before reading any of it (its default), so entity bombs and
        // external entities are never expanded or fetched; it reports 1:1, so point at the DTD.
        Err(roxmltree::Error::DtdDetected) => {
            let at = text.find("<!DOCTYPE").unwrap_or(0);
            diags.push(Diagnostic::error(
                DiagnosticKind::MalformedXml,
                origin,
                LineIndex::new(text).at(at),
                "DTDs are not supported: entity declarations are neither expanded nor fetched",
            ));
            None
        }
        Err(e) => {
            // roxmltree has no position for a document that simply stops: point at its end.
            let location = match e {
                roxmltree::Error::UnexpectedEndOfStream => LineIndex::new(text).at(text.len()),
                _ => Location {
                    line: e.pos().row,
                    col: e.pos().col,
                },
            };
            // Its message ends in " at L:C"; the diagnostic carries the position already.
            let message = e.to_string();
            let suffix = format!(" at {}:{}", e.pos().row, e.pos().col);
            let message = message
                .strip_suffix(&suffix)
                .unwrap_or(&message)
                .to_string();
            diags.push(Diagnostic::error(
                DiagnosticKind::MalformedXml,
                origin,
                location,
                message,
            ));
            None
        }
    }
}

fn reference_uris(doc: &roxmltree::Document) -> Vec<String> {
    doc.root_element()
        .children()
        .filter(|c| c.is_element() && c.tag_name().name() == "Reference")
        .filter_map(|c| c.attribute("Uri"))
        .map(str::to_string)
        .collect()
}

/// Document order, then position: what a person reading the output expects.
fn finish(diags: &mut [Diagnostic], origins: &[String]) {
    let rank: HashMap<&str, usize> = origins
        .iter()
        .enumerate()
        .rev()
        .map(|(i, o)| (o.as_str(), i))
        .collect();
    diags.sort_by_key(|d| (rank.get(d.origin.as_str()).copied(), d.location));
}
