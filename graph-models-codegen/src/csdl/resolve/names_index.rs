//! Every schema element of every document, by `(namespace, name)`, and the alias tables that turn
//! `alias.Name` into that key. Lookups borrow from the documents: no string is built per lookup.

use crate::csdl::names;
use crate::csdl::{NameMap, NameSet};
use crate::diagnostics::{Diagnostic, DiagnosticKind as K};
use crate::model::{Location, TypeId, TypeTarget};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Element {
    Type(TypeId),
    Term,
    /// Overloads share one entry; `ops` has them all.
    Operation {
        all_bound: bool,
    },
    Container(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TypeClass {
    Entity,
    Complex,
    Enum,
    Definition,
}

pub(crate) struct Names<'a> {
    pub elements: NameMap<(&'a str, &'a str), (Element, usize, Location)>,
    /// Class of each type, by `TypeId`.
    pub classes: Vec<TypeClass>,
    pub ops: NameMap<(&'a str, &'a str), Vec<usize>>,
    /// Per document, its own alias -> namespace list (aliases are document-scoped).
    pub doc_aliases: Vec<Vec<(&'a str, &'a str)>>,
    /// Every alias of every document, first declaration wins: `read_many` documents use each
    /// other's aliases (odata.net reads them that way).
    pub aliases: NameMap<&'a str, &'a str>,
    pub namespaces: NameSet<&'a str>,
    /// Namespaces of `edmx:Include`s whose document was not supplied: (uri, doc, location).
    pub missing: NameMap<&'a str, (&'a str, usize, Location)>,
    pub origins: &'a [String],
    /// Suggestions computed so far: each scans every type name, so a document with thousands of
    /// unresolved names (a renamed namespace) gets hints for the first few only.
    pub suggestions: std::cell::Cell<u32>,
}

const MAX_SUGGESTIONS: u32 = 32;

/// Why a name did not resolve, to phrase the error.
pub(crate) struct Miss<'a> {
    pub namespace: &'a str,
    pub simple: &'a str,
    /// Found, but as something that is not a type (a term, an operation, ...).
    pub not_a_type: bool,
}

impl<'a> Names<'a> {
    pub(crate) fn namespace_of(&self, doc: usize, prefix: &'a str) -> &'a str {
        if let Some(ns) = self
            .doc_aliases
            .get(doc)
            .and_then(|al| al.iter().find(|(a, _)| *a == prefix))
        {
            return ns.1;
        }
        if self.namespaces.contains(prefix) {
            return prefix;
        }
        self.aliases.get(prefix).copied().unwrap_or(prefix)
    }

    /// `ns.Name` or `alias.Name` -> the element and its resolved namespace and simple name.
    pub(crate) fn element(&self, doc: usize, qualified: &'a str) -> Result<Element, Miss<'a>> {
        let (prefix, simple) = qualified.rsplit_once('.').unwrap_or(("", qualified));
        let namespace = self.namespace_of(doc, prefix);
        match self.elements.get(&(namespace, simple)) {
            Some((e, _, _)) => Ok(*e),
            None => Err(Miss {
                namespace,
                simple,
                not_a_type: false,
            }),
        }
    }

    /// A type name (no `Collection(...)`) -> primitive or schema type. `warn` collects tolerated
    /// forms (a bare `Int32`).
    pub(crate) fn type_target(
        &self,
        doc: usize,
        name: &'a str,
        warn: &mut Option<String>,
    ) -> Result<TypeTarget, Miss<'a>> {
        if let Some((p, qualified)) = names::primitive(name) {
            if !qualified {
                *warn = Some(format!("unqualified type `{name}` read as `Edm.{name}`"));
            }
            return Ok(TypeTarget::Primitive(p));
        }
        match self.element(doc, name)? {
            Element::Type(id) => Ok(TypeTarget::Type(id)),
            _ => {
                let (prefix, simple) = name.rsplit_once('.').unwrap_or(("", name));
                Err(Miss {
                    namespace: self.namespace_of(doc, prefix),
                    simple,
                    not_a_type: true,
                })
            }
        }
    }

    /// The error for an unresolved type name: `UnresolvedReference` when the namespace belongs to a
    /// reference nobody supplied, else `kind` with the closest known name.
    pub(crate) fn unresolved(
        &self,
        kind: K,
        origin: &str,
        location: Location,
        context: &str,
        written: &str,
        miss: &Miss<'a>,
    ) -> Diagnostic {
        if let Some((uri, doc, loc)) = self.missing.get(miss.namespace) {
            let at = self.origins.get(*doc).map_or("", String::as_str);
            return Diagnostic::error(
                K::UnresolvedReference,
                origin,
                location,
                format!(
                    "{context}: type `{written}` is in namespace `{}` of edmx:Reference `{uri}` ({at}:{}:{}), whose document was not supplied",
                    miss.namespace, loc.line, loc.col
                ),
            );
        }
        if miss.not_a_type {
            return Diagnostic::error(
                kind,
                origin,
                location,
                format!("{context}: `{written}` is not a type"),
            );
        }
        let budget = self.suggestions.get();
        self.suggestions.set(budget.saturating_add(1));
        let suggestion = if budget >= MAX_SUGGESTIONS {
            None
        } else if miss.namespace == "Edm" || !written.contains('.') {
            PRIMITIVES
                .iter()
                .copied()
                .find(|p| p.eq_ignore_ascii_case(miss.simple))
                .or_else(|| names::suggest_one(miss.simple, PRIMITIVES.iter().copied()))
                .map(|p| format!("Edm.{p}"))
        } else {
            None
        }
        .or_else(|| {
            (budget < MAX_SUGGESTIONS)
                .then(|| self.suggest_type(miss))
                .flatten()
        });
        let hint = suggestion
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        Diagnostic::error(
            kind,
            origin,
            location,
            format!("{context}: type `{written}` not found{hint}"),
        )
    }

    fn suggest_type(&self, miss: &Miss<'a>) -> Option<String> {
        // Sorted: the map's order is random per process (NameMap), suggestions must not be.
        let mut types: Vec<(&str, &str)> = self
            .elements
            .iter()
            .filter(|(_, (e, _, _))| matches!(e, Element::Type(_)))
            .map(|(&k, _)| k)
            .collect();
        types.sort_unstable();
        // Same simple name in another namespace first (a wrong alias), then typos.
        if let Some((ns, n)) = types.iter().find(|(_, n)| *n == miss.simple) {
            return Some(format!("{ns}.{n}"));
        }
        let same_ns = types
            .iter()
            .filter(|(ns, _)| *ns == miss.namespace)
            .map(|&(_, n)| n);
        if let Some(n) = names::suggest_one(miss.simple, same_ns) {
            return Some(format!("{}.{n}", miss.namespace));
        }
        let best = names::suggest_one(miss.simple, types.iter().map(|&(_, n)| n))?;
        types
            .iter()
            .find(|(_, n)| *n == best)
            .map(|(ns, n)| format!("{ns}.{n}"))
    }
}

const PRIMITIVES: &[&str] = &[
    "Binary",
    "Boolean",
    "Byte",
    "Date",
    "DateTimeOffset",
    "Decimal",
    "Double",
    "Duration",
    "Guid",
    "Int16",
    "Int32",
    "Int64",
    "SByte",
    "Single",
    "Stream",
    "String",
    "TimeOfDay",
    "Untyped",
    "GeographyPoint",
    "GeometryPoint",
];

/// Keeps the compiler honest that every primitive the model knows has a name here.
#[cfg(test)]
#[test]
fn primitive_names_parse() {
    for p in PRIMITIVES {
        assert!(crate::model::Primitive::from_edm_name(p).is_some(), "{p}");
    }
}
