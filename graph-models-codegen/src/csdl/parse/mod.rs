//! XML -> [`RawDoc`]: the elements of one document with their locations, no names resolved.
//!
//! Structural problems that need no other document (missing attributes, bad attribute values, enum
//! ranges, duplicate members, aliases) are reported here; everything about names is left to
//! `resolve`.

mod annotations;
mod service;
mod types;

use super::location::LineIndex;
use super::names;
use super::raw::*;
use crate::diagnostics::{Diagnostic, DiagnosticKind as K};
use crate::model::{Annotations, Location, Primitive, TypeRef, TypeTarget};
use roxmltree::{Document, Node};

/// Filled in by `resolve`.
pub(crate) const PLACEHOLDER: TypeRef = TypeRef {
    collection: false,
    target: TypeTarget::Primitive(Primitive::Untyped),
};

/// CSDL elements carry an edm or edmx namespace (OASIS `.../odata/ns/edm`, or Microsoft's older
/// `.../ado/2007/06/edmx` that some v4 documents still use); documents that forgot `xmlns` are
/// still read. Elements of any other namespace are custom annotations, skipped without a word.
fn is_csdl(n: &Node) -> bool {
    match n.tag_name().namespace() {
        None => true,
        Some(ns) => ns.ends_with("/edm") || ns.ends_with("/edmx"),
    }
}

pub(super) fn elements<'a, 'i>(n: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children().filter(|c| c.is_element() && is_csdl(c))
}

pub(crate) struct Ctx<'a, 'c> {
    pub origin: &'c str,
    pub lines: &'c LineIndex<'a>,
    pub diags: &'c mut Vec<Diagnostic>,
    pub aliases: Vec<(&'a str, &'a str)>,
    pub text: &'a str,
}

pub(crate) fn read_document<'a>(
    doc_index: usize,
    doc: &'a Document<'a>,
    lines: &LineIndex<'a>,
    origin: &str,
    diags: &mut Vec<Diagnostic>,
) -> RawDoc<'a> {
    let mut cx = Ctx {
        origin,
        lines,
        diags,
        aliases: Vec::new(),
        text: doc.input_text(),
    };
    let root = doc.root_element();
    let mut references = Vec::new();
    let mut schema_nodes = Vec::new();
    match root.tag_name().name() {
        "Edmx" => {
            let mut data_services = 0;
            for c in elements(root) {
                match c.tag_name().name() {
                    "Reference" => references.extend(cx.reference(c)),
                    "DataServices" => {
                        data_services += 1;
                        if data_services > 1 {
                            cx.error(K::DuplicateElement, c, "a second edmx:DataServices");
                        }
                        for s in elements(c) {
                            if s.tag_name().name() == "Schema" {
                                schema_nodes.push(s);
                            } else {
                                cx.unknown(s);
                            }
                        }
                    }
                    _ => cx.unknown(c),
                }
            }
            if data_services == 0 {
                cx.error(
                    K::InvalidDocument,
                    root,
                    "edmx:Edmx without edmx:DataServices",
                );
            }
        }
        // Bare `<Schema>` documents (no edmx wrapper) are what odata.net's tests and some
        // services hand around; read them as a one-schema document.
        "Schema" => schema_nodes.push(root),
        other => cx.error(
            K::InvalidDocument,
            root,
            format!("root element is <{other}>, expected edmx:Edmx or Schema"),
        ),
    }
    // Aliases first: a schema may use an alias declared by a later schema or include.
    for r in &references {
        for (ns, alias) in &r.includes {
            if let Some(alias) = alias {
                cx.add_alias(alias, ns, r.location);
            }
        }
    }
    for s in &schema_nodes {
        if let (Some(alias), Some(ns)) = (s.attribute("Alias"), s.attribute("Namespace")) {
            let loc = cx.loc(*s);
            cx.add_alias(alias, ns, loc);
        }
    }
    let schemas = schema_nodes
        .into_iter()
        .filter_map(|s| cx.schema(s))
        .collect();
    RawDoc {
        doc: doc_index,
        references,
        schemas,
        aliases: cx.aliases,
    }
}

impl<'a> Ctx<'a, '_> {
    pub(crate) fn loc(&self, n: Node) -> Location {
        self.lines.at(n.range().start)
    }

    pub(crate) fn error(&mut self, kind: K, n: Node, msg: impl Into<String>) {
        let loc = self.loc(n);
        self.diags
            .push(Diagnostic::error(kind, self.origin, loc, msg));
    }

    pub(crate) fn warn(&mut self, kind: K, n: Node, msg: impl Into<String>) {
        let loc = self.loc(n);
        self.diags
            .push(Diagnostic::warning(kind, self.origin, loc, msg));
    }

    pub(super) fn unknown(&mut self, n: Node) {
        let msg = format!("unknown element <{}> ignored", n.tag_name().name());
        self.warn(K::UnknownElement, n, msg);
    }

    /// Non-namespaced attributes the reader does not know are tolerated (e.g. `FixLength`);
    /// namespaced ones are vendor extensions and not worth a warning.
    pub(super) fn check_attributes(&mut self, n: Node, known: &[&str]) {
        for a in n.attributes() {
            if a.namespace().is_none() && !known.contains(&a.name()) {
                self.unknown_attribute(n, a.name());
            }
        }
    }

    pub(super) fn required(&mut self, n: Node<'a, '_>, attr: &str) -> Option<&'a str> {
        let v = n.attribute(attr);
        if v.is_none() {
            self.missing(n, attr);
        }
        v
    }

    /// A required `Name` that must be a simple identifier: an error for types (their names become
    /// code), a warning for terms, operations and containers (Olingo's vocabulary has a term
    /// `xml10-incompatible-char-replacement`).
    pub(super) fn name(&mut self, n: Node<'a, '_>, is_type: bool) -> Option<&'a str> {
        let name = self.required(n, "Name")?;
        if !names::is_simple_identifier(name) {
            let msg = format!(
                "<{} Name=\"{name}\"> is not a simple identifier",
                n.tag_name().name()
            );
            if is_type {
                self.error(K::InvalidQualifiedName, n, msg);
            } else {
                self.warn(K::InvalidQualifiedName, n, msg);
            }
        }
        Some(name)
    }

    pub(crate) fn bool_attr(&mut self, n: Node, attr: &str, default: bool) -> bool {
        self.opt_bool(n, attr).unwrap_or(default)
    }

    pub(crate) fn opt_bool(&mut self, n: Node, attr: &str) -> Option<bool> {
        let v = n.attribute(attr)?;
        self.parse_bool(n, attr, v)
    }

    pub(super) fn parse_bool(&mut self, n: Node, attr: &str, v: &str) -> Option<bool> {
        match v {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            // Seen in real documents (odata.net code-gen inputs); xs:boolean has no such form.
            _ if v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("false") => {
                let msg = format!("{attr}=\"{v}\" read as {}", v.to_ascii_lowercase());
                self.warn(K::InvalidAttributeValue, n, msg);
                Some(v.eq_ignore_ascii_case("true"))
            }
            _ => {
                let msg = format!("{attr}=\"{v}\" is not a boolean");
                self.error(K::InvalidAttributeValue, n, msg);
                None
            }
        }
    }

    pub(super) fn u32_attr(&mut self, n: Node, attr: &str) -> Option<u32> {
        let v = n.attribute(attr)?;
        self.parse_u32(n, attr, v)
    }

    pub(super) fn parse_u32(&mut self, n: Node, attr: &str, v: &str) -> Option<u32> {
        match v.trim().parse() {
            Ok(p) => Some(p),
            Err(_) => {
                let msg = format!("{attr}=\"{v}\" is not a non-negative integer");
                self.error(K::InvalidAttributeValue, n, msg);
                None
            }
        }
    }

    pub(super) fn unknown_attribute(&mut self, n: Node, attr: &str) {
        let msg = format!(
            "unknown attribute {attr} on <{}> ignored",
            n.tag_name().name()
        );
        self.warn(K::UnknownElement, n, msg);
    }

    pub(super) fn missing(&mut self, n: Node, attr: &str) {
        let msg = format!(
            "<{}> lacks the required attribute {attr}",
            n.tag_name().name()
        );
        self.error(K::InvalidDocument, n, msg);
    }

    fn add_alias(&mut self, alias: &'a str, ns: &'a str, loc: Location) {
        // `Alias` equal to a dotted namespace (SAP CAP writes that) is harmless.
        if alias.contains('.') && alias != ns {
            // A dotted alias makes `alias.Name` ambiguous with namespaces: not readable.
            let msg = format!("alias `{alias}` of `{ns}` contains a period");
            self.diags.push(Diagnostic::error(
                K::InvalidQualifiedName,
                self.origin,
                loc,
                msg,
            ));
        } else if !names::is_simple_identifier(alias) && alias != ns {
            // e.g. Olingo's `olingo-extensions`: unambiguous, so tolerated.
            let msg = format!("alias `{alias}` of `{ns}` is not a simple identifier (tolerated)");
            self.diags.push(Diagnostic::warning(
                K::InvalidQualifiedName,
                self.origin,
                loc,
                msg,
            ));
        }
        if let Some((_, other)) = self.aliases.iter().find(|(a, _)| *a == alias) {
            let msg = format!("alias `{alias}` declared twice (for `{other}` and `{ns}`)");
            self.diags
                .push(Diagnostic::error(K::DuplicateAlias, self.origin, loc, msg));
            return;
        }
        self.aliases.push((alias, ns));
    }

    fn reference(&mut self, n: Node<'a, '_>) -> Option<RawReference<'a>> {
        let uri = self.required(n, "Uri")?;
        let mut includes = Vec::new();
        for c in elements(n) {
            match c.tag_name().name() {
                "Include" => {
                    if let Some(ns) = self.required(c, "Namespace") {
                        includes.push((ns, c.attribute("Alias")));
                    }
                }
                "IncludeAnnotations" | "Annotation" => {}
                _ => self.unknown(c),
            }
        }
        Some(RawReference {
            uri,
            includes,
            supplied: false,
            location: self.loc(n),
        })
    }

    fn schema(&mut self, n: Node<'a, '_>) -> Option<RawSchema<'a>> {
        let namespace = self.required(n, "Namespace")?;
        // CSDL caps namespaces at 511 characters; longer ones would nest generated modules deeper
        // than syn and rustc can recurse.
        let length = namespace.chars().count();
        if length > names::MAX_NAMESPACE {
            let start: String = namespace.chars().take(40).collect();
            let msg = format!(
                "namespace `{start}...` has {length} characters; at most {} are allowed",
                names::MAX_NAMESPACE
            );
            self.error(K::InvalidQualifiedName, n, msg);
        } else if !names::is_namespace(namespace) {
            let msg = format!("namespace `{namespace}` is not a dotted identifier");
            self.error(K::InvalidQualifiedName, n, msg);
        }
        let mut s = RawSchema {
            namespace,
            alias: n.attribute("Alias"),
            location: self.loc(n),
            types: Vec::new(),
            operations: Vec::new(),
            containers: Vec::new(),
            terms: Vec::new(),
            annotation_blocks: Vec::new(),
            annotations: Annotations::default(),
        };
        for c in elements(n) {
            match c.tag_name().name() {
                "EntityType" => s.types.extend(self.structured(c, true)),
                "ComplexType" => s.types.extend(self.structured(c, false)),
                "EnumType" => s.types.extend(self.enum_type(c)),
                "TypeDefinition" => s.types.extend(self.type_definition(c)),
                "Action" => s.operations.extend(self.operation(c, namespace, false)),
                "Function" => s.operations.extend(self.operation(c, namespace, true)),
                "EntityContainer" => s.containers.extend(self.container(c)),
                "Term" => s.terms.extend(self.term(c)),
                "Annotations" => s.annotation_blocks.extend(self.annotation_block(c)),
                "Annotation" => s.annotations.0.extend(self.annotation(c, None)),
                _ => self.unknown(c),
            }
        }
        Some(s)
    }

    /// Inline `Annotation` children; any other child is unknown.
    pub(super) fn annotations_of(&mut self, n: Node<'a, '_>) -> Annotations {
        let mut out = Annotations::default();
        if !n.has_children() {
            return out;
        }
        for c in elements(n) {
            if c.tag_name().name() == "Annotation" {
                out.0.extend(self.annotation(c, None));
            } else {
                self.unknown(c);
            }
        }
        out
    }
}
