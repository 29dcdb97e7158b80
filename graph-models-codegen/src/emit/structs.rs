//! One struct per entity and complex type: its own and inherited properties, navigation properties
//! whose target is selected, additional data, and typed `@odata.bind` for every navigation property.

use super::layout::Layout;
use super::names::{self, Scope};
use super::Options;
use crate::model::{TypeId, TypeKind, TypeTarget};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// One generated field.
pub(crate) struct FieldInfo {
    pub ident: proc_macro2::Ident,
    pub json: String,
    /// The declared type as CSDL writes it: `Edm.String`, `Collection(microsoft.graph.chatType)`.
    pub edm: String,
    pub ty: TokenStream,
    pub docs: TokenStream,
    pub deprecated: TokenStream,
}

/// The fields of `id`'s struct as seen from module `from`, in schema order (inherited first,
/// structural before navigation).
pub(crate) fn fields(
    layout: &Layout,
    options: &Options,
    from: &[names::RustName],
    id: TypeId,
) -> Vec<FieldInfo> {
    let mut scope = Scope::default();
    scope.reserve("additional_data");
    let mut out = Vec::new();
    for (owner, prop) in layout.properties(id) {
        let name = scope.unique(names::field_name(&prop.name));
        let ty = layout.rust_type(options, from, owner, &prop.ty);
        let edm = type_label(layout, &prop.ty);
        let nullable = if prop.nullable { "" } else { ", not nullable" };
        let docs = layout.docs(
            &prop.annotations,
            format!("`{}` ({edm}{nullable}).", prop.name),
        );
        out.push(FieldInfo {
            ident: name.ident(),
            json: prop.name.clone(),
            edm,
            ty,
            docs,
            deprecated: layout.deprecation(&prop.annotations),
        });
    }
    for (owner, nav) in layout.navigation_properties(id) {
        let TypeTarget::Type(target) = nav.ty.target else {
            continue;
        };
        if !layout.selection.contains(target) {
            continue;
        }
        let name = scope.unique(names::field_name(&nav.name));
        let ty = layout.rust_type(options, from, owner, &nav.ty);
        let edm = type_label(layout, &nav.ty);
        let docs = layout.docs(
            &nav.annotations,
            format!("Navigation property `{}` ({edm}).", nav.name),
        );
        out.push(FieldInfo {
            ident: name.ident(),
            json: nav.name.clone(),
            edm,
            ty,
            docs,
            deprecated: layout.deprecation(&nav.annotations),
        });
    }
    out
}

pub(crate) fn type_label(layout: &Layout, tr: &crate::model::TypeRef) -> String {
    let single = match tr.target {
        TypeTarget::Primitive(p) => format!("Edm.{}", p.edm_name()),
        TypeTarget::Type(t) => layout.model.ty(t).qualified_name(),
    };
    if tr.collection {
        format!("Collection({single})")
    } else {
        single
    }
}

pub(crate) fn emit_struct(layout: &Layout, options: &Options, id: TypeId) -> Vec<TokenStream> {
    let model = layout.model;
    let ty = model.ty(id);
    let rt = &options.runtime;
    let from = layout.module_of(id);
    let name = layout.type_name(id).ident();
    let name_text = layout.type_name(id).text.clone();
    let qualified = ty.qualified_name();
    let Some(structured) = ty.structured() else {
        return Vec::new();
    };
    let kind = if matches!(ty.kind, TypeKind::Entity(_)) {
        "entity"
    } else {
        "complex"
    };
    let mut summary = format!("OData {kind} type `{qualified}`");
    if let Some(base) = structured.base {
        summary.push_str(&format!(
            ", derived from `{}`",
            model.ty(base).qualified_name()
        ));
    }
    if structured.is_abstract {
        summary.push_str(" (abstract)");
    }
    summary.push('.');
    let docs = layout.docs(&ty.annotations, summary.clone());
    let deprecated = layout.deprecation(&ty.annotations);
    let allow = layout.allow_deprecated(layout.names_deprecated(id));
    let fields = fields(layout, options, from, id);

    let field_defs = fields.iter().map(|f| {
        let FieldInfo {
            ident,
            ty,
            docs,
            deprecated,
            ..
        } = f;
        quote!(#docs #deprecated pub #ident: #rt::Field<#ty>,)
    });
    let binds = bind_methods(layout, options, id);
    let impls = struct_impls(rt, &name, &name_text, &qualified, &allow, &fields);

    vec![quote! {
        #docs
        #deprecated
        #allow
        #[derive(Default)]
        pub struct #name {
            #(#field_defs)*
            /// Properties and annotations the schema does not declare, kept in order and written back.
            pub additional_data: #rt::AdditionalData,
        }

        #impls

        #binds
    }]
}

/// What every generated struct implements (a type's, or an operation's parameters): the field
/// table and an accessor per field (`rt::Structured`), `rt::Value`, and `Debug`, `Clone`,
/// `PartialEq`, `Serialize` and `Deserialize` as one-line calls into the runtime, which does the
/// work over `dyn`, compiled once for every type.
pub(crate) fn struct_impls(
    rt: &TokenStream,
    name: &proc_macro2::Ident,
    name_text: &str,
    qualified: &str,
    allow: &TokenStream,
    fields: &[FieldInfo],
) -> TokenStream {
    let declared = fields.iter().map(|f| &f.json);
    let declared_types = fields.iter().map(|f| &f.edm);
    let field_arms = fields.iter().enumerate().map(|(i, f)| {
        let ident = &f.ident;
        quote!(#i => ::core::option::Option::Some(&self.#ident),)
    });
    let field_mut_arms = fields.iter().enumerate().map(|(i, f)| {
        let ident = &f.ident;
        quote!(#i => ::core::option::Option::Some(&mut self.#ident),)
    });
    // A struct without fields has no field to hand over.
    let (index, field_body, field_mut_body) = if fields.is_empty() {
        (
            quote!(_),
            quote!(::core::option::Option::None),
            quote!(::core::option::Option::None),
        )
    } else {
        (
            quote!(index),
            quote!(match index { #(#field_arms)* _ => ::core::option::Option::None }),
            quote!(match index { #(#field_mut_arms)* _ => ::core::option::Option::None }),
        )
    };
    quote! {
        #allow
        impl #rt::rt::Structured for #name {
            fn type_info(&self) -> &'static #rt::rt::TypeInfo {
                &#rt::rt::TypeInfo {
                    name: #qualified,
                    rust_name: #name_text,
                    fields: &[#(#declared),*],
                    types: &[#(#declared_types),*],
                }
            }

            fn field(&self, #index: usize) -> ::core::option::Option<&dyn #rt::rt::Slot> {
                #field_body
            }

            fn field_mut(&mut self, #index: usize) -> ::core::option::Option<&mut dyn #rt::rt::Slot> {
                #field_mut_body
            }

            fn additional_data(&self) -> &#rt::AdditionalData {
                &self.additional_data
            }

            fn additional_data_mut(&mut self) -> &mut #rt::AdditionalData {
                &mut self.additional_data
            }
        }

        #allow
        impl #rt::rt::Value for #name {
            fn decode(input: &mut dyn #rt::rt::Input<'_>) -> ::core::result::Result<Self, #rt::rt::Failed> {
                #rt::rt::decode_structured(input)
            }

            fn encode(&self, out: &mut dyn #rt::rt::Output) -> ::core::result::Result<(), #rt::rt::Failed> {
                #rt::rt::encode_structured(self, out)
            }
        }

        #allow
        impl ::core::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #rt::rt::debug_structured(self, f)
            }
        }

        #allow
        impl ::core::clone::Clone for #name {
            fn clone(&self) -> Self {
                #rt::rt::clone_structured(self)
            }
        }

        #allow
        impl ::core::cmp::PartialEq for #name {
            fn eq(&self, other: &Self) -> bool {
                #rt::rt::eq_structured(self, other)
            }
        }

        #allow
        impl #rt::__serde::Serialize for #name {
            fn serialize<S: #rt::__serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                #rt::rt::serialize_structured(self, ::core::option::Option::None, serializer)
            }
        }

        #allow
        impl<'de> #rt::__serde::Deserialize<'de> for #name {
            fn deserialize<D: #rt::__serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                #rt::rt::deserialize_structured(deserializer)
            }
        }
    }
}

/// `with_x_bind` / `set_x_bind` / `x_bind` for every navigation property (`x@odata.bind`).
fn bind_methods(layout: &Layout, options: &Options, id: TypeId) -> TokenStream {
    let rt = &options.runtime;
    // A contained entity (`ContainsTarget`) is created inline in its container, never bound to an
    // existing one by URL: no helper for it.
    let navs: Vec<_> = layout
        .model
        .all_navigation_properties(id)
        .into_iter()
        .filter(|nav| !nav.contains_target)
        .collect();
    if navs.is_empty() {
        return quote!();
    }
    let allow = layout.allow_deprecated(layout.is_deprecated(id));
    let name = layout.type_name(id).ident();
    let mut scope = Scope::default();
    let mut stems = std::collections::HashSet::new();
    let methods = navs.iter().map(|nav| {
        let field = scope.unique(names::field_name(&nav.name)).text;
        // `self_` (a keyword made a name) would give `with_self__bind`, which is not snake case:
        // the trailing underscores that keep field names apart are dropped, a number does it here.
        let stem = field.trim_end_matches('_');
        let mut base = stem.to_string();
        let mut n = 2;
        while !stems.insert(base.clone()) {
            base = format!("{stem}_{n}");
            n += 1;
        }
        let key = format!("{}@odata.bind", nav.name);
        let with = format_ident!("with_{}_bind", base);
        let set = format_ident!("set_{}_bind", base);
        let get = format_ident!("{}_bind", base);
        if nav.ty.collection {
            let doc = format!(" Binds `{}` to existing entities by URL (`{key}`).", nav.name);
            quote! {
                #[doc = #doc]
                pub fn #with<I: ::core::iter::IntoIterator<Item = U>, U: ::core::convert::Into<::std::string::String>>(mut self, urls: I) -> Self {
                    #rt::rt::bind_many(&mut self.additional_data, #key, urls);
                    self
                }
                #[doc = #doc]
                pub fn #set<I: ::core::iter::IntoIterator<Item = U>, U: ::core::convert::Into<::std::string::String>>(&mut self, urls: I) {
                    #rt::rt::bind_many(&mut self.additional_data, #key, urls);
                }
                /// The URLs bound with `@odata.bind`, if any.
                pub fn #get(&self) -> ::std::vec::Vec<&str> {
                    #rt::rt::bound_many(&self.additional_data, #key)
                }
            }
        } else {
            let doc = format!(" Binds `{}` to an existing entity by URL (`{key}`).", nav.name);
            quote! {
                #[doc = #doc]
                pub fn #with(mut self, url: impl ::core::convert::Into<::std::string::String>) -> Self {
                    #rt::rt::bind_one(&mut self.additional_data, #key, url);
                    self
                }
                #[doc = #doc]
                pub fn #set(&mut self, url: impl ::core::convert::Into<::std::string::String>) {
                    #rt::rt::bind_one(&mut self.additional_data, #key, url);
                }
                /// The URL bound with `@odata.bind`, if any.
                pub fn #get(&self) -> ::core::option::Option<&str> {
                    #rt::rt::bound_one(&self.additional_data, #key)
                }
            }
        }
    });
    quote! {
        #allow
        impl #name {
            #(#methods)*
        }
    }
}
