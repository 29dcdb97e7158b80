//! Parameters structs of the actions and functions bound to the selected types (or to collections
//! of them), with `Options::operations`: one struct per operation and binding, in the binding
//! type's module, named after both (`ChatHideForUser`, `ConversationMemberCollectionAdd`). Each is
//! a generated struct like any other (`Field` per parameter, additional data, the same runtime
//! impls), so its value is the action's JSON request body; `graph_models::Operation` gives the
//! operation's name, kind, binding and the type its response decodes to. An unbound operation
//! behind an action or function import gets a struct named after the import in its namespace's
//! module and a function at the root (`get_product_count(&params)`) giving the request.
//!
//! An operation is left out when a parameter or its return type is a type the selection does not
//! hold: its struct could not name it.

use super::layout::Layout;
use super::names::{self, RustName, Scope};
use super::paths::module_scope;
use super::structs::{self, FieldInfo};
use super::Options;
use crate::model::{ContainerElementKind, Operation, TypeId, TypeKind, TypeRef, TypeTarget};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::HashMap;

/// The items of every operation bound to a selected type, and of every unbound one behind an
/// action or function import (with a root function per import), by module.
pub(crate) fn emit_operations(
    layout: &Layout,
    options: &Options,
    paths: &HashMap<TypeId, RustName>,
) -> Vec<(Vec<RustName>, Vec<TokenStream>)> {
    let mut scopes: HashMap<&[RustName], Scope> = HashMap::new();
    let mut out = Vec::new();
    for op in &layout.model.operations {
        let Some(binding) = bound_to(layout, op) else {
            continue;
        };
        if !available(layout, op) {
            continue;
        }
        let module = layout.module_of(binding.0);
        let scope = scopes
            .entry(module)
            .or_insert_with(|| module_scope(layout, module, paths));
        let collection = if binding.1 { "Collection" } else { "" };
        let base = &layout.type_name(binding.0).text;
        let name = scope.unique(names::type_name(&format!(
            "{base}{collection}{}",
            upper_first(&op.name)
        )));
        out.push((
            module.to_vec(),
            vec![emit_operation(layout, options, op, Some(binding), &name)],
        ));
    }
    // Imports: the struct in the operation's namespace module, named after the import; the
    // function at the root, beside the entity sets' and singletons'.
    let mut roots = Scope::default();
    roots.reserve(&layout.known_types_fn().text);
    if options.paths {
        for (_, _, _, name) in super::paths::root_functions(layout) {
            roots.reserve(&name.text);
        }
    }
    let mut root_items = Vec::new();
    for (import, op) in imports(layout) {
        if !available(layout, op) {
            continue;
        }
        let module = layout.module_of_namespace(&op.namespace);
        let scope = scopes
            .entry(module)
            .or_insert_with(|| module_scope(layout, module, paths));
        let name = scope.unique(names::type_name(&upper_first(import)));
        out.push((
            module.to_vec(),
            vec![emit_operation(layout, options, op, None, &name)],
        ));
        let function = roots.unique(names::field_name(import)).ident();
        let ty = layout.path_to(&[], module, &name);
        let rt = &options.runtime;
        let (method, kind) = if op.is_function {
            ("GET", "function")
        } else {
            ("POST", "action")
        };
        let doc = format!(
            " `{method} /{import}`: the {kind} import of `{}.{}`.",
            op.namespace, op.name
        );
        root_items.push(quote! {
            #[doc = #doc]
            pub fn #function(parameters: &#ty) -> #rt::request::Request<<#ty as #rt::Operation>::Response> {
                #rt::request::import(#import, parameters)
            }
        });
    }
    out.push((Vec::new(), root_items));
    out
}

fn upper_first(name: &str) -> String {
    let mut out = name.to_string();
    if let Some(first) = out.get(..1) {
        let upper = first.to_uppercase();
        out.replace_range(..1, &upper);
    }
    out
}

/// Each action and function import with the unbound operation(s) it calls (a function import
/// calls every overload of its function).
fn imports<'m>(layout: &Layout<'m>) -> Vec<(&'m str, &'m Operation)> {
    let model = layout.model;
    let resolve = |qualified: &str| -> String {
        match qualified.rsplit_once('.') {
            Some((prefix, name)) => match model.aliases.get(prefix) {
                Some(namespace) => format!("{namespace}.{name}"),
                None => qualified.to_string(),
            },
            None => qualified.to_string(),
        }
    };
    let mut out = Vec::new();
    for container in &model.containers {
        for element in &container.elements {
            let (target, function) = match &element.kind {
                ContainerElementKind::ActionImport { action } => (resolve(action), false),
                ContainerElementKind::FunctionImport { function } => (resolve(function), true),
                _ => continue,
            };
            for op in &model.operations {
                if !op.is_bound
                    && op.is_function == function
                    && format!("{}.{}", op.namespace, op.name) == target
                {
                    out.push((element.name.as_str(), op));
                }
            }
        }
    }
    out
}

/// The binding parameter's type (a selected entity or complex type) and whether it is a
/// collection.
fn bound_to(layout: &Layout, op: &Operation) -> Option<(TypeId, bool)> {
    if !op.is_bound {
        return None;
    }
    let binding = op.parameters.first()?;
    match binding.ty.target {
        TypeTarget::Type(id) if layout.selection.contains(id) => match layout.model.ty(id).kind {
            TypeKind::Entity(_) | TypeKind::Complex(_) => Some((id, binding.ty.collection)),
            _ => None,
        },
        _ => None,
    }
}

/// Whether every parameter and the return type can be named by the generated code.
fn available(layout: &Layout, op: &Operation) -> bool {
    let named = |tr: &TypeRef| match tr.target {
        TypeTarget::Primitive(_) => true,
        TypeTarget::Type(id) => {
            layout.selection.contains(id)
                || matches!(layout.model.ty(id).kind, TypeKind::Definition(_))
        }
    };
    op.parameters
        .iter()
        .skip(usize::from(op.is_bound))
        .all(|p| named(&p.ty))
        && op.return_type.iter().all(named)
}

fn emit_operation(
    layout: &Layout,
    options: &Options,
    op: &Operation,
    binding: Option<(TypeId, bool)>,
    name: &RustName,
) -> TokenStream {
    let rt = &options.runtime;
    let owner = binding.map(|(id, _)| id);
    let from = match binding {
        Some((id, _)) => layout.module_of(id),
        None => layout.module_of_namespace(&op.namespace),
    };
    let qualified = format!("{}.{}", op.namespace, op.name);
    let binding_label = binding.map(|(id, collection)| {
        structs::type_label(
            layout,
            &TypeRef {
                collection,
                target: TypeTarget::Type(id),
            },
        )
    });
    let mut scope = Scope::default();
    scope.reserve("additional_data");
    let mut deprecated = owner.is_some_and(|id| layout.is_deprecated(id));
    let skip = usize::from(binding.is_some());
    let fields: Vec<FieldInfo> = op
        .parameters
        .iter()
        .skip(skip)
        .map(|p| {
            if let TypeTarget::Type(t) = p.ty.target {
                deprecated |= layout.is_deprecated(t);
            }
            let edm = structs::type_label(layout, &p.ty);
            let nullable = if p.nullable { "" } else { ", not nullable" };
            let doc = format!(" Parameter `{}` ({edm}{nullable}).", p.name);
            FieldInfo {
                ident: scope.unique(names::field_name(&p.name)).ident(),
                json: p.name.clone(),
                edm,
                ty: layout.slot_type(options, from, owner, &p.ty),
                docs: quote!(#[doc = #doc]),
                deprecated: TokenStream::new(),
            }
        })
        .collect();
    if let Some(TypeRef {
        target: TypeTarget::Type(t),
        ..
    }) = op.return_type
    {
        deprecated |= layout.is_deprecated(t);
    }
    let allow = layout.allow_deprecated(deprecated);
    let (kind, method, place) = if op.is_function {
        ("function", "GET", "its parameters in the URL")
    } else {
        ("action", "POST", "this value as the JSON request body")
    };
    let doc = match &binding_label {
        Some(label) => format!(
            " Parameters of the OData {kind} `{qualified}` bound to `{label}`: `{method} <{label}>/{qualified}` with {place}."
        ),
        None => format!(
            " Parameters of the unbound OData {kind} `{qualified}`, called through its {kind} import (a function at the root of the generated module) with {place}."
        ),
    };
    let docs = layout.docs(&op.annotations, doc);
    let field_defs = fields.iter().map(|f| {
        let FieldInfo {
            ident, ty, docs, ..
        } = f;
        quote!(#docs pub #ident: #rt::Field<#ty>,)
    });
    let response = response_type(layout, options, from, owner, op.return_type.as_ref());
    let kind = if op.is_function {
        quote!(#rt::OperationKind::Function)
    } else {
        quote!(#rt::OperationKind::Action)
    };
    let url_types = if op.is_function {
        let entries = op.parameters.iter().skip(skip).map(|p| {
            let json = &p.name;
            let ty = url_type(layout, &p.ty);
            quote!((#json, #ty))
        });
        quote!(const URL_TYPES: &'static [(&'static str, &'static str)] = &[#(#entries),*];)
    } else {
        TokenStream::new()
    };
    let binding_type = match binding {
        Some((id, true)) => {
            let ty = layout.type_path(from, id);
            quote!([#ty])
        }
        Some((id, false)) => layout.type_path(from, id),
        None => quote!(()),
    };
    let binding_const = match &binding_label {
        Some(label) => quote!(::core::option::Option::Some(#label)),
        None => quote!(::core::option::Option::None),
    };
    let ident = name.ident();
    let impls = structs::struct_impls(rt, &ident, &name.text, &qualified, &allow, &fields);
    quote! {
        #docs
        #allow
        #[derive(Default)]
        pub struct #ident {
            #(#field_defs)*
            /// Parameters and annotations the schema does not declare, kept in order and written back.
            pub additional_data: #rt::AdditionalData,
        }

        #allow
        impl #rt::Operation for #ident {
            const NAME: &'static str = #qualified;
            const KIND: #rt::OperationKind = #kind;
            const BINDING: ::core::option::Option<&'static str> = #binding_const;
            type Binding = #binding_type;
            type Response = #response;
            #url_types
        }

        #impls
    }
}

/// How a function parameter of type `ty` is written in the URL (`Operation::URL_TYPES`): `Edm.*`
/// for a primitive or a type definition (its underlying type), the qualified name of an enum, and
/// `""` for what goes through a parameter alias (complex, collection, untyped).
fn url_type(layout: &Layout, ty: &TypeRef) -> String {
    use crate::model::Primitive;
    let primitive = |p: Primitive| match p {
        Primitive::Untyped | Primitive::Geo | Primitive::Stream => String::new(),
        p => format!("Edm.{}", p.edm_name()),
    };
    if ty.collection {
        return String::new();
    }
    match ty.target {
        TypeTarget::Primitive(p) => primitive(p),
        TypeTarget::Type(id) => match &layout.model.ty(id).kind {
            TypeKind::Definition(d) => primitive(d.underlying),
            TypeKind::Enum(_) => layout.model.ty(id).qualified_name(),
            _ => String::new(),
        },
    }
}

/// What the response decodes to: `()` without a return type, `Collection<T>` for a collection,
/// `ValueResponse<T>` for a primitive or enum, else the type (its `Any*` enum if it has derived
/// types).
fn response_type(
    layout: &Layout,
    options: &Options,
    from: &[RustName],
    owner: Option<TypeId>,
    ty: Option<&TypeRef>,
) -> TokenStream {
    let rt = &options.runtime;
    let Some(tr) = ty else {
        return quote!(());
    };
    let single = TypeRef {
        collection: false,
        target: tr.target,
    };
    let structured = match tr.target {
        TypeTarget::Type(id) => matches!(
            layout.model.ty(id).kind,
            TypeKind::Entity(_) | TypeKind::Complex(_)
        )
        .then_some(id),
        TypeTarget::Primitive(_) => None,
    };
    let element = match structured {
        // Not boxed, as a field of a recursive type would be.
        Some(id) => match layout.any_name(id) {
            Some(any) => layout.path_to(from, layout.module_of(id), any),
            None => layout.type_path(from, id),
        },
        // Primitives, enums and type definitions: their slot type.
        None => layout.slot_type(options, from, owner, &single),
    };
    if tr.collection {
        quote!(#rt::Collection<#element>)
    } else if structured.is_some() {
        element
    } else {
        quote!(#rt::ValueResponse<#element>)
    }
}
