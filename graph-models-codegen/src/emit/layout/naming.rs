//! Module paths and Rust names: one module per namespace, names unique within each module.

use super::Layout;
use crate::emit::names::{self, RustName, Scope};
use crate::model::{Model, TypeId, TypeKind};
use crate::select::Selection;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, HashMap};

impl Layout<'_> {
    /// The variant naming `id` in a polymorphic enum living in module `from`: its type name, and
    /// for a type of another module its module path first (`security.alert` in `AnyEntity` is
    /// `SecurityAlert`), so `alert` and `security.alert` can both be variants of `AnyEntity`.
    pub(crate) fn variant_name(&self, from: &[RustName], id: TypeId) -> RustName {
        let name = self.type_name(id);
        let module = self.module_of(id);
        if module == from {
            return name.clone();
        }
        let mut text: String = module
            .iter()
            .map(|m| names::type_name(&m.text).text)
            .collect();
        text.push_str(&name.text);
        RustName { text, raw: false }
    }

    /// The name of the known-types function of this selection: `__odata_is_known_type_` and a hash
    /// of the selected structured types' names, so that two `odata_models!` calls with different
    /// types can share a module (each `Any*` enum refers to its own call's function).
    pub(crate) fn known_types_fn(&self) -> RustName {
        let mut names: Vec<String> = self
            .selection
            .types
            .iter()
            .filter(|&&id| self.model.ty(id).structured().is_some())
            .map(|&id| self.model.ty(id).qualified_name())
            .collect();
        names.sort_unstable();
        // FNV-1a: deterministic across builds and platforms (std's hasher is not specified to be).
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in names.iter().flat_map(|n| n.bytes().chain([0])) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        RustName {
            text: format!("__odata_is_known_type_{hash:016x}"),
            raw: false,
        }
    }

    /// Path to the item named `name` in `target`'s module, as seen from module `from`.
    pub fn path_to(&self, from: &[RustName], target: &[RustName], name: &RustName) -> TokenStream {
        let ident = name.ident();
        if from == target {
            return quote!(#ident);
        }
        let ups = from.iter().map(|_| quote!(super));
        let downs = target.iter().map(RustName::ident);
        quote!(#(#ups::)* #(#downs::)* #ident)
    }

    /// Path to the struct (or enum type) of `id` from module `from`.
    pub fn type_path(&self, from: &[RustName], id: TypeId) -> TokenStream {
        self.path_to(from, self.module_of(id), self.type_name(id))
    }
}

/// The struct (or enum) name of every selected type but type definitions, then the `Any*` name of
/// every type with selected descendants, each unique in its module: struct names are taken first,
/// so a schema's own `AnyFoo` type keeps its name and the enum of `Foo` gets a suffix.
pub(super) fn type_names(
    model: &Model,
    selection: &Selection,
    modules: &HashMap<String, Vec<RustName>>,
    descendants: &HashMap<TypeId, Vec<TypeId>>,
) -> (HashMap<TypeId, RustName>, HashMap<TypeId, RustName>) {
    let mut scopes: HashMap<&[RustName], Scope> = HashMap::new();
    let mut type_names = HashMap::new();
    for &id in &selection.types {
        let ty = model.ty(id);
        if matches!(ty.kind, TypeKind::Definition(_)) {
            continue;
        }
        let module = modules.get(&ty.namespace).map(Vec::as_slice).unwrap_or(&[]);
        let scope = scopes.entry(module).or_default();
        type_names.insert(id, scope.unique(names::type_name(&ty.name)));
    }
    let mut any_names = HashMap::new();
    for &id in &selection.types {
        if descendants.contains_key(&id) {
            let ty = model.ty(id);
            let module = modules.get(&ty.namespace).map(Vec::as_slice).unwrap_or(&[]);
            let scope = scopes.entry(module).or_default();
            let base = &type_names[&id];
            any_names.insert(
                id,
                scope.unique(RustName {
                    text: format!("Any{}", base.text),
                    raw: false,
                }),
            );
        }
    }
    (type_names, any_names)
}

/// How deep namespace modules nest at most.
const MAX_MODULE_DEPTH: usize = 8;

/// Module path of each namespace: the namespace with the most selected types (and no selected
/// namespace it extends) is the root; others
/// become modules named by what follows the root's name (`microsoft.graph.security` -> `security`),
/// or by all their segments when they do not extend it.
pub(super) fn module_paths(model: &Model, selection: &Selection) -> HashMap<String, Vec<RustName>> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for &id in &selection.types {
        *counts.entry(model.ty(id).namespace.as_str()).or_default() += 1;
    }
    // A namespace that extends another selected one is never the root, so selecting only
    // `microsoft.graph.security.*` (which pulls in `microsoft.graph.entity`) still lays its types
    // out in `security`.
    let extends = |ns: &str| {
        ns.match_indices('.')
            .any(|(i, _)| counts.contains_key(&ns[..i]))
    };
    let root = counts
        .iter()
        .filter(|(ns, _)| !extends(ns))
        .max_by_key(|(ns, n)| (**n, std::cmp::Reverse(**ns)))
        .map(|(ns, _)| ns.to_string())
        .unwrap_or_default();
    let mut out = HashMap::new();
    for ns in counts.keys() {
        if *ns == root {
            out.insert(ns.to_string(), Vec::new());
            continue;
        }
        let rest = ns
            .strip_prefix(root.as_str())
            .and_then(|r| r.strip_prefix('.'))
            .unwrap_or(ns);
        // Deeper segments share one module (`g_h_i`): nesting as deep as a namespace can go (256
        // segments) overflows the stacks of syn, prettyplease and the generator's own recursion.
        let mut segments: Vec<String> = rest.split('.').map(str::to_string).collect();
        if segments.len() > MAX_MODULE_DEPTH {
            let tail = segments.split_off(MAX_MODULE_DEPTH - 1).join("_");
            segments.push(tail);
        }
        out.insert(
            ns.to_string(),
            segments.iter().map(|s| names::module_name(s)).collect(),
        );
    }
    out
}

/// Items grouped by module, emitted as nested `pub mod`s.
#[derive(Default)]
pub(crate) struct ModuleTree {
    items: Vec<TokenStream>,
    children: BTreeMap<String, ModuleTree>,
    idents: BTreeMap<String, RustName>,
}

impl ModuleTree {
    pub(crate) fn push(&mut self, path: &[RustName], items: Vec<TokenStream>) {
        match path.split_first() {
            None => self.items.extend(items),
            Some((head, rest)) => {
                self.idents.insert(head.text.clone(), head.clone());
                self.children
                    .entry(head.text.clone())
                    .or_default()
                    .push(rest, items);
            }
        }
    }

    pub(crate) fn into_tokens(self) -> TokenStream {
        let items = self.items;
        let children = self.children.into_iter().map(|(name, child)| {
            let ident = self.idents[&name].ident();
            let doc = format!(" Types of the `{name}` namespace.");
            let inner = child.into_tokens();
            quote!(#[doc = #doc] pub mod #ident { #inner })
        });
        quote!(#(#items)* #(#children)*)
    }
}
