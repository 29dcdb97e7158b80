//! The request side of the selected types, with `Options::paths` (the runtime half is
//! `graph_models::request`):
//! - per entity type `X`: `XPath`, the path of one `X`, with a method per navigation property to a
//!   selected entity type (only where there is one: else the path is `Item<X>`); `impl Type`,
//!   `impl Entity` (key type, what a read decodes to, the path type), `impl DerivedFrom<B>` for
//!   every selected base `B` and `impl SubtypeOf<B>` for `AnyX`;
//! - per entity and complex type: a `Property` constant per structural property and a
//!   `Navigation` constant per navigation property to a selected type (`Chat::TOPIC`,
//!   `Chat::MEMBERS`), which is what query options take, so a name the type lacks does not
//!   compile;
//! - per enum type: `impl url::Literal` (`microsoft.graph.chatType'group'`), for keys and filters;
//! - per entity set and singleton of the entity container whose type is selected: a function at
//!   the root of the generated module (`chats()`, `me()`).

use super::layout::Layout;
use super::names::{self, RustName, Scope};
use super::Options;
use crate::model::{
    ContainerElementKind, NavigationProperty, Primitive, TypeId, TypeKind, TypeRef, TypeTarget,
};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::HashMap;

/// The name of the path struct (`ChatPath`) of each selected entity type with a navigation
/// property to a selected entity type, unique in its module: type and `Any*` names are taken
/// first. A type without one has `Item<X>` as its path: a struct would add nothing to it, and
/// there are as many of those types as of the others in Graph.
pub(crate) fn path_names(layout: &Layout) -> HashMap<TypeId, RustName> {
    let mut scopes: HashMap<&[RustName], Scope> = HashMap::new();
    let mut out = HashMap::new();
    for &id in &layout.selection.types {
        if !has_path(layout, id) || navigations(layout, id).is_empty() {
            continue;
        }
        let module = layout.module_of(id);
        let scope = scopes
            .entry(module)
            .or_insert_with(|| module_scope(layout, module, &HashMap::new()));
        let base = &layout.type_name(id).text;
        out.insert(id, scope.unique(names::type_name(&format!("{base}Path"))));
    }
    out
}

/// Whether `id` is a selected entity type, which has a path (`XPath` or `Item<X>`).
fn has_path(layout: &Layout, id: TypeId) -> bool {
    layout.selection.contains(id) && layout.model.ty(id).is_entity()
}

/// The navigation properties of `id` (inherited ones first) whose target has a path, with the
/// target.
fn navigations<'m>(layout: &Layout<'m>, id: TypeId) -> Vec<(&'m NavigationProperty, TypeId)> {
    layout
        .navigation_properties(id)
        .into_iter()
        .filter_map(|(_, nav)| match nav.ty.target {
            TypeTarget::Type(target) if has_path(layout, target) => Some((nav, target)),
            _ => None,
        })
        .collect()
}

/// The path type of entity type `id` as written in `from`: its `XPath`, or `Item<X>`.
fn path_type(
    layout: &Layout,
    options: &Options,
    paths: &HashMap<TypeId, RustName>,
    from: &[RustName],
    id: TypeId,
) -> TokenStream {
    match paths.get(&id) {
        Some(path) => layout.path_to(from, layout.module_of(id), path),
        None => {
            let rt = &options.runtime;
            let ty = layout.type_path(from, id);
            quote!(#rt::request::Item<#ty>)
        }
    }
}

/// Every type, `Any*` and path name of `module` (`paths` holds the path names, empty while they
/// are being chosen), so a generated item added to the module never takes one.
pub(crate) fn module_scope(
    layout: &Layout,
    module: &[RustName],
    paths: &HashMap<TypeId, RustName>,
) -> Scope {
    let mut scope = Scope::default();
    for &other in &layout.selection.types {
        if layout.module_of(other) != module {
            continue;
        }
        if matches!(layout.model.ty(other).kind, TypeKind::Definition(_)) {
            continue;
        }
        scope.reserve(&layout.type_name(other).text);
        if let Some(any) = layout.any_name(other) {
            scope.reserve(&any.text);
        }
        if let Some(path) = paths.get(&other) {
            scope.reserve(&path.text);
        }
    }
    scope
}

/// The request-side items of every selected type, by module, and the container's root functions.
pub(crate) fn emit_paths(
    layout: &Layout,
    options: &Options,
    paths: &HashMap<TypeId, RustName>,
) -> Vec<(Vec<RustName>, Vec<TokenStream>)> {
    let mut out = Vec::new();
    for &id in &layout.selection.types {
        let module = layout.module_of(id).to_vec();
        let items = match &layout.model.ty(id).kind {
            TypeKind::Entity(_) => {
                let mut items = vec![constants(layout, options, id)];
                items.extend(entity_path(layout, options, paths, id));
                items
            }
            TypeKind::Complex(_) => {
                let mut items = vec![constants(layout, options, id)];
                items.extend(holds(layout, options, id));
                items
            }
            TypeKind::Enum(e) if !e.is_flags => vec![enum_literal(layout, options, id)],
            _ => continue,
        };
        out.push((module, items));
    }
    out.push((Vec::new(), roots(layout, options, paths)));
    out
}

/// `impl X { pub const TOPIC: Property<X, String> = ...; pub const MEMBERS: Navigation<..>; }`.
fn constants(layout: &Layout, options: &Options, id: TypeId) -> TokenStream {
    let rt = &options.runtime;
    let from = layout.module_of(id);
    let this = layout.type_name(id).ident();
    // Field names first (as the struct has them, so `ID` is the const of field `id`), then
    // upper-cased, which can make two the same.
    let mut fields = Scope::default();
    fields.reserve("additional_data");
    let mut consts = Scope::default();
    let mut upper = |odata: &str| {
        let field = fields.unique(names::field_name(odata));
        let text = field.text.to_uppercase();
        consts.unique(RustName { text, raw: false }).ident()
    };
    let mut items = Vec::new();
    for (owner, prop) in layout.properties(id) {
        let name = upper(&prop.name);
        let ty = layout.rust_type(options, from, owner, &prop.ty);
        let json = &prop.name;
        let doc = format!(
            " `{json}` ({}), for `$select`, `$orderby` and `$filter`.",
            super::structs::type_label(layout, &prop.ty)
        );
        let deprecated = layout.deprecation(&prop.annotations);
        items.push(quote! {
            #[doc = #doc]
            #deprecated
            pub const #name: #rt::request::Property<#this, #ty> = #rt::request::Property::new(#json);
        });
    }
    for (_, nav) in layout.navigation_properties(id) {
        let TypeTarget::Type(target) = nav.ty.target else {
            continue;
        };
        if !layout.selection.contains(target) {
            continue;
        }
        let name = upper(&nav.name);
        let target = layout.type_path(from, target);
        let count = if nav.ty.collection {
            quote!(#rt::request::Many)
        } else {
            quote!(#rt::request::One)
        };
        let json = &nav.name;
        let doc = format!(" Navigation property `{json}`, for `$select`, `$expand` and `$filter`.");
        let deprecated = layout.deprecation(&nav.annotations);
        items.push(quote! {
            #[doc = #doc]
            #deprecated
            pub const #name: #rt::request::Navigation<#this, #target, #count> = #rt::request::Navigation::new(#json);
        });
    }
    if items.is_empty() {
        return TokenStream::new();
    }
    let allow = layout.allow_deprecated(layout.names_deprecated(id));
    quote! {
        #allow
        // An upper-cased name can still hold a lower-case letter without an upper-case form.
        #[allow(non_upper_case_globals)]
        impl #this {
            #(#items)*
        }
    }
}

/// What `Item` has (by deref) and what a path derives: a navigation method must not hide it.
const PATH_METHODS: &[&str] = &[
    "at",
    "path",
    "single",
    "many",
    "get",
    "get_with",
    "update",
    "delete",
    "cast",
    "call",
    "clone",
    "fmt",
    "deref",
    "from_item",
];

/// `XPath` and its impls, and `X`'s `Type`, `Entity` and `DerivedFrom` impls (`SubtypeOf` for `AnyX`).
fn entity_path(
    layout: &Layout,
    options: &Options,
    paths: &HashMap<TypeId, RustName>,
    id: TypeId,
) -> Vec<TokenStream> {
    let rt = &options.runtime;
    let req = quote!(#rt::request);
    let from = layout.module_of(id);
    let this = layout.type_name(id).ident();
    let qualified = layout.model.ty(id).qualified_name();
    let allow = layout.allow_deprecated(layout.names_deprecated(id));
    let read = match layout.any_name(id) {
        Some(any) => layout.path_to(from, from, any),
        None => quote!(#this),
    };
    let (key_type, key_names) = key(layout, options, id);

    let mut scope = Scope::default();
    for m in PATH_METHODS {
        scope.reserve(m);
    }
    let navigations = navigations(layout, id)
        .into_iter()
        .map(|(nav, target)| {
            let method = scope.unique(names::field_name(&nav.name)).ident();
            let target_path = path_type(layout, options, paths, from, target);
            let target = layout.type_path(from, target);
            let segment = percent_encoded(&nav.name);
            let deprecated = layout.deprecation(&nav.annotations);
            if nav.ty.collection {
                let doc = format!(" `/{segment}`: the collection-valued navigation property.");
                quote! {
                    #[doc = #doc]
                    #deprecated
                    pub fn #method(&self) -> #req::EntitySet<#target_path> {
                        self.item.many::<#target>(#segment)
                    }
                }
            } else {
                let doc = format!(" `/{segment}`: the single-valued navigation property.");
                quote! {
                    #[doc = #doc]
                    #deprecated
                    pub fn #method(&self) -> #target_path {
                        self.item.single::<#target>(#segment)
                    }
                }
            }
        })
        .collect::<Vec<_>>();

    let mut supertypes: Vec<TokenStream> = layout
        .model
        .base_chain(id)
        .into_iter()
        .filter(|b| layout.selection.contains(*b))
        .map(|b| {
            let base = layout.type_path(from, b);
            quote! {
                #allow
                impl #req::DerivedFrom<#base> for #this {}
            }
        })
        .collect();
    if let Some(any) = layout.any_name(id) {
        let any = any.ident();
        for b in std::iter::once(id).chain(layout.model.base_chain(id)) {
            if layout.selection.contains(b) {
                let base = layout.type_path(from, b);
                supertypes.push(quote!(#allow impl #req::SubtypeOf<#base> for #any {}));
            }
        }
    }

    let doc = format!(
        " The path of one `{qualified}`: its navigation properties, and by deref [`{}::request::Item`]'s requests (get, update, delete, cast, call).",
        rt.to_string().replace(' ', "")
    );
    let path_struct = paths.get(&id).map(|path| {
        let path = path.ident();
        quote! {
            #[doc = #doc]
            #allow
            #[derive(Clone, Debug)]
            pub struct #path {
                item: #req::Item<#this>,
            }

            #allow
            impl #path { #(#navigations)* }

            #allow
            impl ::core::ops::Deref for #path {
                type Target = #req::Item<#this>;
                fn deref(&self) -> &#req::Item<#this> {
                    &self.item
                }
            }

            #allow
            impl #req::Resource for #path {
                type Entity = #this;
                fn from_item(item: #req::Item<#this>) -> Self {
                    #path { item }
                }
            }
        }
    });
    let path = path_type(layout, options, paths, from, id);
    let mut items = vec![quote! {
        #path_struct

        #allow
        impl #req::Type for #this {
            const NAME: &'static str = #qualified;
        }

        #allow
        impl #req::Entity for #this {
            type Read = #read;
            type Key = #key_type;
            type Path = #path;
            #key_names
        }
    }];
    items.extend(supertypes);
    items
}

/// `Holds<X>` for `AnyX` and its box, so `Property::then` goes into a property holding the enum.
fn holds(layout: &Layout, options: &Options, id: TypeId) -> Option<TokenStream> {
    let rt = &options.runtime;
    let any = layout.any_name(id)?.ident();
    let this = layout.type_name(id).ident();
    let allow = layout.allow_deprecated(layout.is_deprecated(id));
    Some(quote! {
        #allow
        impl #rt::request::Holds<#this> for #any {}
        #allow
        impl #rt::request::Holds<#this> for ::std::boxed::Box<#any> {}
    })
}

/// The key's Rust type and, for a composite key, its `KEY_NAMES`: `str` for one string
/// property, the slot type for one other primitive or enum, a tuple of slot types for a composite
/// key; `Infallible` when the type has no key or one that is not a literal (a path into a complex
/// property, a collection, a stream, more parts than the runtime has tuples for), so that its
/// collections cannot be keyed into. The runtime's `KeyValue` writes each shape.
fn key(layout: &Layout, options: &Options, id: TypeId) -> (TokenStream, TokenStream) {
    let from = layout.module_of(id);
    let properties = layout.properties(id);
    let parts: Option<Vec<(String, TypeRef, TypeId)>> = layout
        .model
        .key(id)
        .iter()
        .map(|name| {
            let (owner, prop) = properties.iter().find(|(_, p)| &p.name == name)?;
            literal_type(layout, &prop.ty).then(|| (name.clone(), prop.ty, *owner))
        })
        .collect();
    let none = (quote!(::core::convert::Infallible), TokenStream::new());
    let Some(parts) = parts.filter(|p| (1..=MAX_KEY_PARTS).contains(&p.len())) else {
        return none;
    };
    if let [(_, ty, owner)] = parts.as_slice() {
        let rust = if ty.target == TypeTarget::Primitive(Primitive::String) {
            quote!(str)
        } else {
            layout.rust_type(options, from, *owner, ty)
        };
        return (rust, TokenStream::new());
    }
    let types = parts
        .iter()
        .map(|(_, ty, owner)| layout.rust_type(options, from, *owner, ty));
    let names = parts.iter().map(|(name, _, _)| name);
    (
        quote!((#(#types,)*)),
        quote!(const KEY_NAMES: &'static [&'static str] = &[#(#names),*];),
    )
}

/// The most parts a composite key can have: the runtime implements `KeyValue` for tuples up to
/// this length.
const MAX_KEY_PARTS: usize = 8;

/// Whether a key property of type `ty` can be written as a URL literal.
fn literal_type(layout: &Layout, ty: &TypeRef) -> bool {
    if ty.collection {
        return false;
    }
    let primitive =
        |p: Primitive| !matches!(p, Primitive::Stream | Primitive::Untyped | Primitive::Geo);
    match ty.target {
        TypeTarget::Primitive(p) => primitive(p),
        TypeTarget::Type(t) => match &layout.model.ty(t).kind {
            TypeKind::Definition(d) => primitive(d.underlying),
            TypeKind::Enum(e) => !e.is_flags && layout.selection.contains(t),
            _ => false,
        },
    }
}

/// `impl url::Literal for E`: `microsoft.graph.chatType'group'`.
fn enum_literal(layout: &Layout, options: &Options, id: TypeId) -> TokenStream {
    let rt = &options.runtime;
    let this = layout.type_name(id).ident();
    let allow = layout.allow_deprecated(layout.names_deprecated(id));
    quote! {
        #allow
        impl #rt::url::Literal for #this {
            fn write_literal(&self, out: &mut ::std::string::String) {
                #rt::url::enum_literal(self, out);
            }
        }
    }
}

/// The entity sets and singletons with a selected type, each with its root function's name
/// (unique among them and beside the known-types function).
pub(crate) fn root_functions<'m>(
    layout: &Layout<'m>,
) -> Vec<(&'m crate::model::ContainerElement, TypeId, bool, RustName)> {
    let mut scope = Scope::default();
    scope.reserve(&layout.known_types_fn().text);
    let mut out = Vec::new();
    for container in &layout.model.containers {
        for element in &container.elements {
            let (ty, set) = match element.kind {
                ContainerElementKind::EntitySet { entity_type } => (entity_type, true),
                ContainerElementKind::Singleton { ty } => (ty, false),
                _ => continue,
            };
            if !has_path(layout, ty) {
                continue;
            }
            let name = scope.unique(names::field_name(&element.name));
            out.push((element, ty, set, name));
        }
    }
    out
}

/// A function per entity set (`chats() -> EntitySet<ChatPath>`) and singleton (`me() -> UserPath`)
/// whose type is selected, at the root module.
fn roots(
    layout: &Layout,
    options: &Options,
    paths: &HashMap<TypeId, RustName>,
) -> Vec<TokenStream> {
    let rt = &options.runtime;
    let req = quote!(#rt::request);
    let mut out = Vec::new();
    for (element, ty, set, name) in root_functions(layout) {
        let name = name.ident();
        let path = path_type(layout, options, paths, &[], ty);
        let mut segment = String::from("/");
        segment.push_str(&percent_encoded(&element.name));
        let qualified = layout.model.ty(ty).qualified_name();
        // `Item<X>` names a deprecated `X` (an `XPath` does not).
        let allow = layout.allow_deprecated(!paths.contains_key(&ty) && layout.is_deprecated(ty));
        out.push(if set {
            let doc = format!(" `{segment}`: the entity set of `{qualified}`.");
            quote! {
                #[doc = #doc]
                #allow
                pub fn #name() -> #req::EntitySet<#path> {
                    #req::EntitySet::at(::std::string::String::from(#segment))
                }
            }
        } else {
            let doc = format!(" `{segment}`: the singleton `{qualified}`.");
            quote! {
                #[doc = #doc]
                #allow
                pub fn #name() -> #path {
                    <#path as #req::Resource>::from_item(#req::Item::at(::std::string::String::from(#segment)))
                }
            }
        });
    }
    out
}

/// `name` percent-encoded as a path segment (container names are identifiers, so this changes
/// nothing on a valid schema; on an invalid one it keeps the URL well-formed).
fn percent_encoded(name: &str) -> String {
    let mut out = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
