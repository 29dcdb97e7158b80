//! Parameters structs of the actions and functions bound to the selected types (or to collections
//! of them), with `Options::operations`: one struct per operation and binding, in the binding
//! type's module, named after both (`ChatHideForUser`, `ConversationMemberCollectionAdd`). Each is
//! a generated struct like any other (`Field` per parameter, additional data, the same runtime
//! impls), so its value is the action's JSON request body; `graph_models::Operation` gives the
//! operation's name, kind, binding and the type its response decodes to.
//!
//! An operation is left out when a parameter or its return type is a type the selection does not
//! hold: its struct could not name it.

use super::layout::Layout;
use super::names::{self, RustName, Scope};
use super::paths::module_scope;
use super::structs::{self, FieldInfo};
use super::Options;
use crate::model::{Operation, TypeId, TypeKind, TypeRef, TypeTarget};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::HashMap;

/// The items of every operation bound to a selected type, by module.
pub(crate) fn emit_operations(
    layout: &Layout,
    options: &Options,
    paths: &HashMap<TypeId, RustName>,
) -> Vec<(Vec<RustName>, Vec<TokenStream>)> {
    let mut scopes: HashMap<Vec<String>, Scope> = HashMap::new();
    let mut out = Vec::new();
    for op in &layout.model.operations {
        let Some(binding) = bound_to(layout, op) else {
            continue;
        };
        if !available(layout, op) {
            continue;
        }
        let module = layout.module_of(binding.0).to_vec();
        let key: Vec<String> = module.iter().map(|m| m.text.clone()).collect();
        let scope = scopes
            .entry(key)
            .or_insert_with(|| module_scope(layout, binding.0, paths));
        let mut op_name = op.name.clone();
        if let Some(first) = op_name.get(..1) {
            op_name.replace_range(..1, &first.to_uppercase());
        }
        let collection = if binding.1 { "Collection" } else { "" };
        let base = &layout.type_name(binding.0).text;
        let name = scope.unique(names::type_name(&format!("{base}{collection}{op_name}")));
        out.push((
            module,
            vec![emit_operation(layout, options, op, binding, &name)],
        ));
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
    op.parameters.iter().skip(1).all(|p| named(&p.ty)) && op.return_type.iter().all(named)
}

fn emit_operation(
    layout: &Layout,
    options: &Options,
    op: &Operation,
    (binding, collection): (TypeId, bool),
    name: &RustName,
) -> TokenStream {
    let rt = &options.runtime;
    let from = layout.module_of(binding);
    let qualified = format!("{}.{}", op.namespace, op.name);
    let binding_label = structs::type_label(
        layout,
        &TypeRef {
            collection,
            target: TypeTarget::Type(binding),
        },
    );
    let mut scope = Scope::default();
    scope.reserve("additional_data");
    let mut deprecated = layout.is_deprecated(binding);
    let fields: Vec<FieldInfo> = op
        .parameters
        .iter()
        .skip(1)
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
                ty: layout.rust_type(options, from, binding, &p.ty),
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
    let doc = format!(
        " Parameters of the OData {kind} `{qualified}` bound to `{binding_label}`: `{method} <{binding_label}>/{qualified}` with {place}."
    );
    let docs = layout.docs(&op.annotations, doc);
    let field_defs = fields.iter().map(|f| {
        let FieldInfo {
            ident, ty, docs, ..
        } = f;
        quote!(#docs pub #ident: #rt::Field<#ty>,)
    });
    let response = response_type(layout, options, from, binding, op.return_type.as_ref());
    let kind = if op.is_function {
        quote!(#rt::OperationKind::Function)
    } else {
        quote!(#rt::OperationKind::Action)
    };
    let url_types = if op.is_function {
        let entries = op.parameters.iter().skip(1).map(|p| {
            let json = &p.name;
            let ty = url_type(layout, &p.ty);
            quote!((#json, #ty))
        });
        quote!(const URL_TYPES: &'static [(&'static str, &'static str)] = &[#(#entries),*];)
    } else {
        TokenStream::new()
    };
    let binding_type = {
        let ty = layout.type_path(from, binding);
        if collection {
            quote!([#ty])
        } else {
            ty
        }
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
            const BINDING: ::core::option::Option<&'static str> = ::core::option::Option::Some(#binding_label);
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
    owner: TypeId,
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
        None => layout.rust_type(options, from, owner, &single),
    };
    if tr.collection {
        quote!(#rt::Collection<#element>)
    } else if structured.is_some() {
        element
    } else {
        quote!(#rt::ValueResponse<#element>)
    }
}
