//! Which types a macro call generates.
//!
//! The named types and their derived types; for every selected type its base types (as bases only:
//! their other derived types are not pulled in) and the types of its structural properties, and those
//! property types' derived types (a property slot can hold a derived value); to a fixpoint.

use crate::model::{Model, TypeId, TypeTarget};
use crate::suggest::{self, Tolerance};
use std::collections::BTreeSet;

/// The selected types, in `Model::types` order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selection {
    pub types: BTreeSet<TypeId>,
}

impl Selection {
    pub fn contains(&self, id: TypeId) -> bool {
        self.types.contains(&id)
    }

    pub fn len(&self) -> usize {
        self.types.len()
    }

    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }
}

/// A name given by the user that the model lacks, with the closest known names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    /// Position in the caller's list.
    pub index: usize,
    pub name: String,
    pub(crate) suggestions: Vec<String>,
    /// The name is a simple name that several namespaces declare: `suggestions` are their
    /// qualified names.
    pub(crate) ambiguous: bool,
}

impl std::fmt::Display for UnknownName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.ambiguous {
            return write!(
                f,
                "`{}` names types in several namespaces; qualify it: {}",
                self.name,
                self.suggestions.join(", ")
            );
        }
        match self.name.strip_suffix(".*") {
            Some(ns) => write!(f, "the metadata has no namespace or alias `{ns}`")?,
            None => write!(f, "the metadata has no type named `{}`", self.name)?,
        }
        match self.suggestions.as_slice() {
            [] => Ok(()),
            [one] => write!(f, "; did you mean `{one}`?"),
            many => write!(f, "; did you mean one of: {}?", many.join(", ")),
        }
    }
}

/// The types of namespace (or alias) `ns`, or `None` when no schema has that name.
fn namespace_types(model: &Model, ns: &str) -> Option<Vec<TypeId>> {
    let ns = model.aliases.get(ns).map(String::as_str).unwrap_or(ns);
    if !model.schemas.iter().any(|s| s.namespace == ns) {
        return None;
    }
    let ids = model.types.iter().enumerate();
    let ids = ids.filter(|(_, t)| t.namespace == ns);
    Some(ids.map(|(i, _)| TypeId(i as u32)).collect())
}

/// Resolves the user's names (simple, alias- or namespace-qualified, or `namespace.*`) to types.
pub fn resolve_names(model: &Model, names: &[String]) -> Result<Vec<TypeId>, Vec<UnknownName>> {
    let mut ids = Vec::new();
    let mut unknown = Vec::new();
    for (index, name) in names.iter().enumerate() {
        if let Some(ns) = name.strip_suffix(".*") {
            match namespace_types(model, ns) {
                Some(types) => ids.extend(types),
                None => {
                    let namespaces = model.schemas.iter().map(|s| s.namespace.as_str());
                    let suggestions = suggest::closest(ns, namespaces, 3, Tolerance::Typed);
                    unknown.push(UnknownName {
                        index,
                        name: name.clone(),
                        suggestions: suggestions.into_iter().map(|s| format!("{s}.*")).collect(),
                        ambiguous: false,
                    });
                }
            }
            continue;
        }
        match model.lookup(name) {
            Some(id) => ids.push(id),
            None if !name.contains('.')
                && model
                    .types
                    .iter()
                    .filter(|t| t.name == *name)
                    .nth(1)
                    .is_some() =>
            {
                let mut qualified: Vec<String> = model
                    .types
                    .iter()
                    .filter(|t| t.name == *name)
                    .map(|t| t.qualified_name())
                    .collect();
                qualified.sort();
                unknown.push(UnknownName {
                    index,
                    name: name.clone(),
                    suggestions: qualified,
                    ambiguous: true,
                });
            }
            None => {
                // Suggest in the form the user wrote: `graph.chatt` -> `graph.chat`.
                let (qualifier, simple) = match name.rsplit_once('.') {
                    Some((q, s)) => (format!("{q}."), s),
                    None => (String::new(), name.as_str()),
                };
                let suggestions = suggest::closest(
                    simple,
                    model.types.iter().map(|t| t.name.as_str()),
                    3,
                    Tolerance::Typed,
                )
                .into_iter()
                .map(|s| format!("{qualifier}{s}"))
                .collect();
                unknown.push(UnknownName {
                    index,
                    name: name.clone(),
                    suggestions,
                    ambiguous: false,
                });
            }
        }
    }
    if unknown.is_empty() {
        Ok(ids)
    } else {
        Err(unknown)
    }
}

/// Every type of the model (but those carried as untyped JSON).
pub fn select_all(model: &Model) -> Selection {
    Selection {
        types: (0..model.types.len() as u32)
            .map(TypeId)
            .filter(|id| !model.untyped.contains(id))
            .collect(),
    }
}

/// `types: [...]` as a caller gave it: the named types with what they need (`Some`), or every type
/// (`None`, `types: *`).
pub fn select_as_given(
    model: &Model,
    names: Option<&[String]>,
) -> Result<Selection, Vec<UnknownName>> {
    match names {
        None => Ok(select_all(model)),
        Some(names) => Ok(select(model, &resolve_names(model, names)?)),
    }
}

/// Applies the selection rule to `roots`.
pub fn select(model: &Model, roots: &[TypeId]) -> Selection {
    let mut selected = BTreeSet::new();
    let mut work = Vec::new();
    let add = |id: TypeId, selected: &mut BTreeSet<TypeId>, work: &mut Vec<TypeId>| {
        if selected.insert(id) {
            work.push(id);
        }
    };
    for &root in roots {
        add(root, &mut selected, &mut work);
        for d in model.all_derived(root) {
            add(d, &mut selected, &mut work);
        }
    }
    // Every base of a selected type is selected and processed in turn, so each type adds only its
    // direct base and its own properties: linear, where whole chains are quadratic on deep ones.
    while let Some(id) = work.pop() {
        let Some(own) = model.ty(id).structured() else {
            continue;
        };
        if let Some(base) = own.base {
            add(base, &mut selected, &mut work);
        }
        for prop in &own.properties {
            if let TypeTarget::Type(target) = prop.ty.target {
                add(target, &mut selected, &mut work);
                for d in model.all_derived(target) {
                    add(d, &mut selected, &mut work);
                }
            }
        }
    }
    Selection { types: selected }
}
