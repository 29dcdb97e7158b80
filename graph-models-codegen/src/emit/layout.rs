//! Where each generated item lives and what it is called: modules per namespace, unique Rust names,
//! the Rust type of every property, and which fields need a `Box` to break recursion.

use super::names::{self, RustName, Scope};
use super::Options;
use crate::model::{
    Annotations, Model, NavigationProperty, Primitive, Property, TypeId, TypeKind, TypeRef,
    TypeTarget,
};
use crate::select::Selection;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::{BTreeMap, HashMap, HashSet};

pub struct Layout<'m> {
    pub model: &'m Model,
    pub selection: &'m Selection,
    modules: HashMap<String, Vec<RustName>>,
    type_names: HashMap<TypeId, RustName>,
    any_names: HashMap<TypeId, RustName>,
    /// Selected descendants of each selected type that has any.
    descendants: HashMap<TypeId, Vec<TypeId>>,
    /// Strongly connected component of each selected structured type (single-valued edges only).
    component: HashMap<TypeId, usize>,
}

impl<'m> Layout<'m> {
    pub fn new(model: &'m Model, selection: &'m Selection) -> Self {
        let modules = module_paths(model, selection);
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

    pub fn type_name(&self, id: TypeId) -> &RustName {
        &self.type_names[&id]
    }

    /// The variant naming `id` in a polymorphic enum living in module `from`: its type name, and
    /// for a type of another module its module path first (`security.alert` in `AnyEntity` is
    /// `SecurityAlert`), so `alert` and `security.alert` can both be variants of `AnyEntity`.
    pub fn variant_name(&self, from: &[RustName], id: TypeId) -> RustName {
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

    pub fn any_name(&self, id: TypeId) -> Option<&RustName> {
        self.any_names.get(&id)
    }

    pub fn descendants(&self, id: TypeId) -> &[TypeId] {
        self.descendants.get(&id).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Structural properties of `id` with the type declaring each, inherited first.
    pub fn properties(&self, id: TypeId) -> Vec<(TypeId, &'m Property)> {
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
    pub fn navigation_properties(&self, id: TypeId) -> Vec<(TypeId, &'m NavigationProperty)> {
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

    /// `#[doc]` lines: `Core.Description` and `LongDescription`, then `summary` (what the item is
    /// in the schema: its JSON name and declared type, or its kind and qualified name) as the last
    /// paragraph; `summary` alone when the schema describes nothing.
    pub fn docs(&self, annotations: &Annotations, summary: String) -> TokenStream {
        let mut lines = Vec::new();
        if let Some(d) = annotations.description() {
            lines.push(d.to_string());
        }
        if let Some(long) = annotations.long_description() {
            if !lines.is_empty() {
                lines.push(String::new());
            }
            lines.push(long.to_string());
        }
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(summary);
        let lines = lines.iter().map(|l| format!(" {}", l.trim()));
        quote!(#(#[doc = #lines])*)
    }

    /// The name of the known-types function of this selection: `__odata_is_known_type_` and a hash
    /// of the selected structured types' names, so that two `odata_models!` calls with different
    /// types can share a module (each `Any*` enum refers to its own call's function).
    pub fn known_types_fn(&self) -> RustName {
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

    /// Whether `Core.Revisions` deprecates type `id` itself.
    pub fn is_deprecated(&self, id: TypeId) -> bool {
        self.model.ty(id).annotations.deprecation().is_some()
    }

    /// Whether the items of type `id` name something deprecated: the type, one of its enum members,
    /// or one of its fields or a field's own type (a struct or enum named directly; an `Any*` enum is
    /// never deprecated itself).
    pub fn names_deprecated(&self, id: TypeId) -> bool {
        let ty = self.model.ty(id);
        if ty.annotations.deprecation().is_some() {
            return true;
        }
        let names = |tr: &TypeRef| match tr.target {
            TypeTarget::Type(t) => {
                self.selection.contains(t) && self.any_name(t).is_none() && self.is_deprecated(t)
            }
            TypeTarget::Primitive(_) => false,
        };
        match &ty.kind {
            TypeKind::Enum(e) => e
                .members
                .iter()
                .any(|m| m.annotations.deprecation().is_some()),
            TypeKind::Entity(_) | TypeKind::Complex(_) => {
                let mut props = self.properties(id).into_iter();
                let navs = self.navigation_properties(id).into_iter();
                props.any(|(_, p)| p.annotations.deprecation().is_some() || names(&p.ty))
                    || navs
                        .filter(|(_, n)| matches!(n.ty.target, TypeTarget::Type(t) if self.selection.contains(t)))
                        .any(|(_, n)| n.annotations.deprecation().is_some() || names(&n.ty))
            }
            TypeKind::Definition(_) => false,
        }
    }

    /// `#[allow(deprecated)]` where an item names something deprecated, and nothing where it does
    /// not: the attribute is compiled in users' crates, and one that allows nothing hides nothing.
    pub fn allow_deprecated(&self, names_deprecated: bool) -> TokenStream {
        if names_deprecated {
            quote!(#[allow(deprecated)])
        } else {
            quote!()
        }
    }

    /// `#[deprecated]` from `Core.Revisions`.
    pub fn deprecation(&self, annotations: &Annotations) -> TokenStream {
        let Some(rev) = annotations.deprecation() else {
            return quote!();
        };
        let mut note = rev.description.unwrap_or_else(|| "deprecated".to_string());
        if let Some(date) = rev.date {
            note.push_str(&format!(" (deprecated {date}"));
            if let Some(removal) = rev.removal_date {
                note.push_str(&format!(", removal {removal}"));
            }
            note.push(')');
        }
        // `since` must be semver for rustc's lint; OData revision versions are not ("2024-06/beta").
        if let Some(version) = rev.version {
            note.push_str(&format!(" [version {version}]"));
        }
        quote!(#[deprecated(note = #note)])
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

    /// The Rust type a slot of `tr` has, inside `Field<..>`, seen from module `from`; `owner` is the
    /// struct holding it (to box recursive fields).
    pub fn rust_type(
        &self,
        options: &Options,
        from: &[RustName],
        owner: TypeId,
        tr: &TypeRef,
    ) -> TokenStream {
        let rt = &options.runtime;
        let single = match tr.target {
            TypeTarget::Primitive(p) => primitive(rt, p),
            TypeTarget::Type(id) => match &self.model.ty(id).kind {
                TypeKind::Definition(d) => primitive(rt, d.underlying),
                TypeKind::Enum(e) => {
                    let path = self.type_path(from, id);
                    if e.is_flags {
                        quote!(#rt::Flags<#path>)
                    } else {
                        path
                    }
                }
                TypeKind::Entity(_) | TypeKind::Complex(_) => {
                    let path = match self.any_name(id) {
                        Some(any) => self.path_to(from, self.module_of(id), any),
                        None => self.type_path(from, id),
                    };
                    if !tr.collection && self.recursive(owner, id) {
                        quote!(::std::boxed::Box<#path>)
                    } else {
                        path
                    }
                }
            },
        };
        if tr.collection {
            quote!(::std::vec::Vec<#single>)
        } else {
            single
        }
    }

    /// Whether a single-valued `target` slot declared on `owner` closes a cycle of inline values in
    /// `owner` or in any selected type deriving from it: an inherited field has one Rust type in
    /// every struct that holds it, so it is boxed in all of them when any one needs it.
    fn recursive(&self, owner: TypeId, target: TypeId) -> bool {
        let targets = self.slot_types(target);
        self.slot_types(owner).iter().any(|o| {
            self.component
                .get(o)
                .is_some_and(|c| targets.iter().any(|t| self.component.get(t) == Some(c)))
        })
    }

    /// The structs a value in a slot of `id` can be: `id` and its selected descendants.
    fn slot_types(&self, id: TypeId) -> Vec<TypeId> {
        let mut v = vec![id];
        v.extend_from_slice(self.descendants(id));
        v
    }

    /// Single-valued structured edges between selected types.
    fn edges(&self, id: TypeId) -> Vec<TypeId> {
        let mut out = Vec::new();
        for prop in self.model.all_properties(id) {
            if let (false, TypeTarget::Type(t)) = (prop.ty.collection, prop.ty.target) {
                if self.model.ty(t).structured().is_some() {
                    out.extend(self.slot_types(t));
                }
            }
        }
        for nav in self.model.all_navigation_properties(id) {
            if let (false, TypeTarget::Type(t)) = (nav.ty.collection, nav.ty.target) {
                if self.selection.contains(t) {
                    out.extend(self.slot_types(t));
                }
            }
        }
        out
    }

    /// Kosaraju's algorithm with explicit stacks (deep graphs must not overflow the stack).
    fn components(&self) -> HashMap<TypeId, usize> {
        let nodes: Vec<TypeId> = self
            .selection
            .types
            .iter()
            .copied()
            .filter(|&id| self.model.ty(id).structured().is_some())
            .collect();
        let edges: HashMap<TypeId, Vec<TypeId>> =
            nodes.iter().map(|&n| (n, self.edges(n))).collect();
        let mut reverse: HashMap<TypeId, Vec<TypeId>> = HashMap::new();
        for (&from, tos) in &edges {
            for &to in tos {
                reverse.entry(to).or_default().push(from);
            }
        }
        // First pass: finish order.
        let mut visited = HashSet::new();
        let mut order = Vec::new();
        for &start in &nodes {
            if !visited.insert(start) {
                continue;
            }
            let mut stack = vec![(start, 0usize)];
            while let Some((node, i)) = stack.pop() {
                let next = edges.get(&node).and_then(|e| e.get(i)).copied();
                match next {
                    Some(n) => {
                        stack.push((node, i + 1));
                        if visited.insert(n) {
                            stack.push((n, 0));
                        }
                    }
                    None => order.push(node),
                }
            }
        }
        // Second pass on the reversed graph, in reverse finish order.
        let mut component = HashMap::new();
        let mut count = 0;
        for &start in order.iter().rev() {
            if component.contains_key(&start) {
                continue;
            }
            let mut stack = vec![start];
            component.insert(start, count);
            while let Some(node) = stack.pop() {
                for &n in reverse.get(&node).map(Vec::as_slice).unwrap_or(&[]) {
                    if let std::collections::hash_map::Entry::Vacant(e) = component.entry(n) {
                        e.insert(count);
                        stack.push(n);
                    }
                }
            }
            count += 1;
        }
        // A component of one node is recursive only with a self edge.
        let mut sizes: HashMap<usize, usize> = HashMap::new();
        for c in component.values() {
            *sizes.entry(*c).or_default() += 1;
        }
        component
            .retain(|node, c| sizes[c] > 1 || edges.get(node).is_some_and(|e| e.contains(node)));
        component
    }
}

fn primitive(rt: &TokenStream, p: Primitive) -> TokenStream {
    let edm = |name: &str| {
        let ident = format_ident!("{}", name);
        quote!(#rt::edm::#ident)
    };
    match p {
        Primitive::String => quote!(::std::string::String),
        Primitive::Boolean => quote!(bool),
        Primitive::Byte => quote!(u8),
        Primitive::SByte => quote!(i8),
        Primitive::Int16 => quote!(i16),
        Primitive::Int32 => quote!(i32),
        Primitive::Int64 => edm("Int64"),
        Primitive::Decimal => edm("Decimal"),
        Primitive::Double => edm("Double"),
        Primitive::Single => edm("Single"),
        Primitive::Guid => edm("Guid"),
        Primitive::DateTimeOffset => edm("DateTimeOffset"),
        Primitive::Date => edm("Date"),
        Primitive::TimeOfDay => edm("TimeOfDay"),
        Primitive::Duration => edm("Duration"),
        Primitive::Binary => edm("Binary"),
        Primitive::Stream => edm("Stream"),
        Primitive::Untyped | Primitive::Geo => quote!(#rt::__serde_json::Value),
    }
}

/// How deep namespace modules nest at most.
const MAX_MODULE_DEPTH: usize = 8;

/// Module path of each namespace: the namespace with the most selected types (and no selected
/// namespace it extends) is the root; others
/// become modules named by what follows the root's name (`microsoft.graph.security` -> `security`),
/// or by all their segments when they do not extend it.
fn module_paths(model: &Model, selection: &Selection) -> HashMap<String, Vec<RustName>> {
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
pub struct ModuleTree {
    items: Vec<TokenStream>,
    children: BTreeMap<String, ModuleTree>,
    idents: BTreeMap<String, RustName>,
}

impl ModuleTree {
    pub fn push(&mut self, path: &[RustName], items: Vec<TokenStream>) {
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

    pub fn into_tokens(self) -> TokenStream {
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
