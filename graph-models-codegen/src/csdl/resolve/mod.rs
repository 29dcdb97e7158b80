//! Raw documents -> [`Model`]: every name resolved once, through hash maps.
//!
//! Order matters: all documents are indexed before anything is resolved, because a type may use a
//! type declared later or in another document.

pub(super) mod names_index;
mod service;
mod types;

use super::hierarchy;
use super::names::split_collection;
use super::raw::*;
use super::NameMap;
use super::{targets, validate};
use crate::diagnostics::{Diagnostic, DiagnosticKind as K, Severity};
use crate::model::*;
use names_index::{Element, Names, TypeClass};
use service::{build_container, build_operation};
use types::build_type;

/// What validation needs beyond the model: locations and as-written flags.
pub(crate) struct TypeExtra {
    pub doc: usize,
    pub open: Option<bool>,
    pub key_locations: Vec<Location>,
    /// `BaseType` was written: with `base` unset, it did not resolve (already reported).
    pub base_written: bool,
}

pub(crate) struct Binding<'a> {
    pub doc: usize,
    pub entity_type: TypeId,
    pub set: &'a str,
    pub path: &'a str,
    pub location: Location,
}

pub(crate) struct Builder<'a, 'd> {
    pub names: Names<'a>,
    pub diags: &'d mut Vec<Diagnostic>,
}

impl<'a> Builder<'a, '_> {
    pub(crate) fn origin(&self, doc: usize) -> &'a str {
        self.names.origins.get(doc).map_or("", String::as_str)
    }

    /// `Type="..."` of a property, parameter, term, ...; on failure reports and returns `None`.
    pub(super) fn type_ref(
        &mut self,
        doc: usize,
        written: &'a str,
        kind: K,
        location: Location,
        context: impl FnOnce() -> String,
    ) -> Option<TypeRef> {
        let (collection, name) = split_collection(written);
        let mut warn = None;
        let r = self.names.type_target(doc, name, &mut warn);
        let origin = self.origin(doc);
        if let Some(w) = warn {
            self.diags.push(Diagnostic::warning(
                K::InvalidQualifiedName,
                origin,
                location,
                w,
            ));
        }
        match r {
            Ok(target) => Some(TypeRef { collection, target }),
            Err(miss) => {
                let d = self
                    .names
                    .unresolved(kind, origin, location, &context(), written, &miss);
                self.diags.push(d);
                None
            }
        }
    }

    fn duplicate(&mut self, doc: usize, location: Location, what: &str, first: (usize, Location)) {
        let msg = format!(
            "{what} is already declared at {}:{}:{}",
            self.origin(first.0),
            first.1.line,
            first.1.col
        );
        let origin = self.origin(doc);
        self.diags.push(Diagnostic::error(
            K::DuplicateSchemaElement,
            origin,
            location,
            msg,
        ));
    }

    /// Registers one schema element; `false` (with an error) when the name is taken.
    fn register(
        &mut self,
        doc: usize,
        ns: &'a str,
        name: &'a str,
        element: Element,
        location: Location,
    ) -> bool {
        use std::collections::hash_map::Entry;
        match self.names.elements.entry((ns, name)) {
            Entry::Vacant(v) => {
                v.insert((element, doc, location));
                true
            }
            Entry::Occupied(mut o) => {
                let (existing, first_doc, first_loc) = *o.get();
                match (existing, element) {
                    // Overloads; Graph also overloads bound actions and functions under one name.
                    (Element::Operation { all_bound: a }, Element::Operation { all_bound: b }) => {
                        o.get_mut().0 = Element::Operation { all_bound: a && b };
                        true
                    }
                    // Bound operations are found through their binding type, so Graph's bound
                    // function `image` next to its complex type `image` is unambiguous; the
                    // other element keeps the name.
                    (_, Element::Operation { all_bound: true }) => true,
                    (Element::Operation { all_bound: true }, _) => {
                        o.insert((element, doc, location));
                        true
                    }
                    _ => {
                        let what = format!("`{ns}.{name}`");
                        self.duplicate(doc, location, &what, (first_doc, first_loc));
                        false
                    }
                }
            }
        }
    }
}

/// `namespace.Name` for messages, formatted only when one is written.
#[derive(Clone, Copy)]
pub(super) struct Qualified<'n>(pub &'n str, pub &'n str);

impl std::fmt::Display for Qualified<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.0, self.1)
    }
}

pub(crate) fn build<'a>(
    docs: Vec<RawDoc<'a>>,
    origins: &'a [String],
    diags: &mut Vec<Diagnostic>,
) -> Model {
    let mut model = Model::default();
    let mut b = Builder {
        names: Names {
            elements: NameMap::default(),
            classes: Vec::new(),
            ops: NameMap::default(),
            doc_aliases: Vec::new(),
            aliases: NameMap::default(),
            namespaces: Default::default(),
            missing: NameMap::default(),
            origins,
            suggestions: Default::default(),
        },
        diags,
    };
    let kept = index(&mut b, &docs, &mut model);
    let mut kept = kept.into_iter();
    let mut extras: Vec<TypeExtra> = Vec::with_capacity(b.names.classes.len());
    let mut blocks = Vec::new();
    let mut bindings = Vec::new();
    let mut containers = Vec::new();
    model.types.reserve(b.names.classes.len());
    for d in docs {
        let doc = d.doc;
        let origin = b.origin(doc);
        for s in d.schemas {
            let ns = s.namespace;
            for t in s.types {
                if kept.next() != Some(true) {
                    continue;
                }
                let qualified = Qualified(ns, t.name);
                let (kind, extra) = build_type(&mut b, doc, t.location, qualified, t.kind);
                extras.push(extra);
                model.types.push(SchemaType {
                    namespace: ns.to_string(),
                    name: t.name.to_string(),
                    kind,
                    annotations: t.annotations,
                    origin: origin.to_string(),
                    location: t.location,
                });
            }
            for o in s.operations {
                let op = build_operation(&mut b, doc, o);
                model.operations.push(op);
            }
            for t in s.terms {
                // Term definitions generate nothing: a type they cannot resolve (vocabularies
                // typing terms with `Core.Tag` without the Core document) is only a warning.
                let before = b.diags.len();
                b.type_ref(doc, t.ty, K::UnresolvedType, t.location, || {
                    format!("term `{ns}.{}`", t.name)
                });
                for d in b.diags.iter_mut().skip(before) {
                    d.severity = Severity::Warning;
                }
                if !t.annotations.0.is_empty() {
                    model
                        .other_annotations
                        .insert(format!("{ns}.{}", t.name), t.annotations);
                }
            }
            // Imports name operations of any schema: containers wait for all of them.
            containers.extend(s.containers.into_iter().map(|c| (doc, ns, c)));
            if !s.annotations.0.is_empty() {
                model
                    .other_annotations
                    .entry(ns.to_string())
                    .or_default()
                    .0
                    .extend(s.annotations.0);
            }
            blocks.extend(s.annotation_blocks.into_iter().map(|a| (doc, a)));
        }
    }
    for (doc, ns, c) in containers {
        let container = build_container(&mut b, &mut model, doc, ns, c, &mut bindings);
        model.containers.push(container);
    }
    hierarchy::link(&mut model, &extras, &mut b);
    validate::members(&model, &extras, &mut b);
    validate::keys(&model, &extras, &mut b);
    validate::bindings(&model, &bindings, &mut b);
    targets::attach(&mut model, blocks, &mut b);
    if origins.len() > 1 {
        qualify_terms(&mut model, &b.names);
    }
    model.by_name = model
        .types
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut name = String::with_capacity(t.namespace.len() + 1 + t.name.len());
            name.push_str(&t.namespace);
            name.push('.');
            name.push_str(&t.name);
            (name, TypeId(i as u32))
        })
        .collect();
    model
}

/// Registers every schema element; returns, per raw type in document order, whether it was kept
/// (a duplicate is reported and dropped, so `TypeId`s stay dense).
fn index<'a>(b: &mut Builder<'a, '_>, docs: &[RawDoc<'a>], model: &mut Model) -> Vec<bool> {
    let schemas = || docs.iter().flat_map(|d| &d.schemas);
    let elements: usize = schemas()
        .map(|s| s.types.len() + s.terms.len() + s.operations.len() + s.containers.len())
        .sum();
    b.names.elements.reserve(elements);
    b.names
        .ops
        .reserve(schemas().map(|s| s.operations.len()).sum());
    let mut kept = Vec::with_capacity(schemas().map(|s| s.types.len()).sum());
    let (mut op_count, mut container_count) = (0, 0);
    for d in docs {
        let origin = b.origin(d.doc);
        b.names.doc_aliases.push(d.aliases.clone());
        for (alias, ns) in &d.aliases {
            b.names.aliases.entry(alias).or_insert(ns);
            model
                .aliases
                .entry(alias.to_string())
                .or_insert_with(|| ns.to_string());
        }
        for r in &d.references {
            model.references.push(Reference {
                uri: r.uri.to_string(),
                includes: r
                    .includes
                    .iter()
                    .map(|(ns, alias)| Include {
                        namespace: ns.to_string(),
                        alias: alias.map(str::to_string),
                    })
                    .collect(),
                supplied: r.supplied,
                origin: origin.to_string(),
                location: r.location,
            });
            if !r.supplied {
                for (ns, _) in &r.includes {
                    b.names
                        .missing
                        .entry(ns)
                        .or_insert((r.uri, d.doc, r.location));
                }
            }
        }
        for s in &d.schemas {
            let ns = s.namespace;
            b.names.namespaces.insert(ns);
            model.schemas.push(Schema {
                namespace: ns.to_string(),
                alias: s.alias.map(str::to_string),
                origin: origin.to_string(),
                location: s.location,
            });
            for t in &s.types {
                let id = TypeId(b.names.classes.len() as u32);
                let ok = b.register(d.doc, ns, t.name, Element::Type(id), t.location);
                if ok {
                    b.names.classes.push(match t.kind {
                        RawKind::Entity(_) => TypeClass::Entity,
                        RawKind::Complex(_) => TypeClass::Complex,
                        RawKind::Enum(_) => TypeClass::Enum,
                        RawKind::Definition(_) => TypeClass::Definition,
                    });
                }
                kept.push(ok);
            }
            for t in &s.terms {
                b.register(d.doc, ns, t.name, Element::Term, t.location);
            }
            for o in &s.operations {
                let e = Element::Operation {
                    all_bound: o.op.is_bound,
                };
                b.register(d.doc, ns, o.name, e, o.op.location);
                // Every operation lands in `model.operations`, in this order.
                b.names.ops.entry((ns, o.name)).or_default().push(op_count);
                op_count += 1;
            }
            for c in &s.containers {
                b.register(
                    d.doc,
                    ns,
                    c.name,
                    Element::Container(container_count),
                    c.location,
                );
                container_count += 1;
            }
        }
    }
    // A namespace declared by a loaded document is not missing, whoever else references it.
    let declared = &b.names.namespaces;
    b.names.missing.retain(|ns, _| !declared.contains(ns));
    kept
}

/// Terms whose alias only another document declares (`read_many` documents share aliases, as
/// odata.net's reader does): each document already rewrote its own aliases while parsing.
fn qualify_terms(model: &mut Model, names: &Names<'_>) {
    let fix = |list: &mut Annotations| {
        for a in &mut list.0 {
            let Some((prefix, simple)) = a.term.rsplit_once('.') else {
                continue;
            };
            if names.namespaces.contains(prefix) {
                continue;
            }
            if let Some(ns) = names.aliases.get(prefix) {
                a.term = format!("{ns}.{simple}");
            }
        }
    };
    for t in &mut model.types {
        fix(&mut t.annotations);
        match &mut t.kind {
            TypeKind::Entity(s) | TypeKind::Complex(s) => {
                s.properties
                    .iter_mut()
                    .for_each(|p| fix(&mut p.annotations));
                s.navigation_properties
                    .iter_mut()
                    .for_each(|p| fix(&mut p.annotations));
            }
            TypeKind::Enum(e) => e.members.iter_mut().for_each(|m| fix(&mut m.annotations)),
            TypeKind::Definition(_) => {}
        }
    }
    model
        .operations
        .iter_mut()
        .for_each(|o| fix(&mut o.annotations));
    model.other_annotations.values_mut().for_each(fix);
}
