//! Where each generated item lives and what it is called, and how it is typed. `Layout` is computed
//! once per selection and read by every item emitter; its concerns each have a file:
//! - `naming`: module paths per namespace, unique type, `Any*` and variant names, paths between
//!   modules, the nested `pub mod`s;
//! - `boxing`: which single-valued fields close a cycle of inline values and need a `Box`;
//! - `docs`: `#[doc]` lines and deprecation (`#[deprecated]`, `#[allow(deprecated)]`);
//! - `rust_type`: the Rust type of every property slot.

mod boxing;
mod docs;
mod naming;
mod rust_type;

use super::names::RustName;
use crate::model::{Model, NavigationProperty, Property, TypeId};
use crate::select::Selection;
use std::collections::HashMap;

pub(crate) use naming::ModuleTree;

/// Names, module paths, Rust types and boxing for one selection of one model, computed before any
/// item is emitted so that every item (and every reference to it) agrees.
pub struct Layout<'m> {
    pub(crate) model: &'m Model,
    pub(crate) selection: &'m Selection,
    modules: HashMap<String, Vec<RustName>>,
    type_names: HashMap<TypeId, RustName>,
    any_names: HashMap<TypeId, RustName>,
    /// Selected descendants of each selected type that has any.
    descendants: HashMap<TypeId, Vec<TypeId>>,
    /// Strongly connected component of each selected structured type that is in a cycle
    /// (single-valued edges only; `boxing`).
    component: HashMap<TypeId, usize>,
}

impl<'m> Layout<'m> {
    pub fn new(model: &'m Model, selection: &'m Selection) -> Self {
        let modules = naming::module_paths(model, selection);
        let mut descendants = HashMap::new();
        for &id in &selection.types {
            if model.ty(id).structured().is_none() {
                continue;
            }
            let d: Vec<TypeId> = model
                .all_derived(id)
                .into_iter()
                .filter(|d| selection.contains(*d))
                .collect();
            if !d.is_empty() {
                descendants.insert(id, d);
            }
        }
        let (type_names, any_names) = naming::type_names(model, selection, &modules, &descendants);
        let mut layout = Layout {
            model,
            selection,
            modules,
            type_names,
            any_names,
            descendants,
            component: HashMap::new(),
        };
        layout.component = layout.components();
        layout
    }

    pub fn module_of(&self, id: TypeId) -> &[RustName] {
        self.modules
            .get(&self.model.ty(id).namespace)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The module of namespace `namespace`: the root when none of its types is selected.
    pub(crate) fn module_of_namespace(&self, namespace: &str) -> &[RustName] {
        self.modules
            .get(namespace)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    pub(crate) fn type_name(&self, id: TypeId) -> &RustName {
        &self.type_names[&id]
    }

    pub fn any_name(&self, id: TypeId) -> Option<&RustName> {
        self.any_names.get(&id)
    }

    pub(crate) fn descendants(&self, id: TypeId) -> &[TypeId] {
        self.descendants.get(&id).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Structural properties of `id` with the type declaring each, inherited first.
    pub(crate) fn properties(&self, id: TypeId) -> Vec<(TypeId, &'m Property)> {
        self.lineage(id)
            .into_iter()
            .flat_map(|t| {
                let declared = self
                    .model
                    .ty(t)
                    .structured()
                    .map(|s| s.properties.as_slice());
                declared.unwrap_or(&[]).iter().map(move |p| (t, p))
            })
            .collect()
    }

    /// Navigation properties of `id` with the type declaring each, inherited first.
    pub(crate) fn navigation_properties(
        &self,
        id: TypeId,
    ) -> Vec<(TypeId, &'m NavigationProperty)> {
        self.lineage(id)
            .into_iter()
            .flat_map(|t| {
                let declared = self.model.ty(t).structured();
                let navs = declared.map(|s| s.navigation_properties.as_slice());
                navs.unwrap_or(&[]).iter().map(move |p| (t, p))
            })
            .collect()
    }

    /// `id` and its base types, root first.
    fn lineage(&self, id: TypeId) -> Vec<TypeId> {
        let mut chain = self.model.base_chain(id);
        chain.reverse();
        chain.push(id);
        chain
    }
}
