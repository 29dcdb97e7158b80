//! `Any<Type>` enums for slots whose type has derived types: a variant per selected type (the
//! declared one first) plus `Other` for types this code does not know, which keeps the tag and every
//! property. Variants hold their struct boxed: inline, `AnyEntity` would be as large as the largest
//! of 1,145 entity types (with their inline complex values), too large for a debug build's stack.

use super::layout::Layout;
use super::names::{self, Scope};
use super::structs;
use super::Options;
use crate::model::TypeId;
use proc_macro2::TokenStream;
use quote::quote;

fn tag_names(layout: &Layout, id: TypeId) -> Vec<String> {
    let ty = layout.model.ty(id);
    let mut out = vec![ty.qualified_name()];
    for schema in &layout.model.schemas {
        if schema.namespace == ty.namespace {
            if let Some(alias) = &schema.alias {
                out.push(format!("{alias}.{}", ty.name));
            }
        }
    }
    out.dedup();
    out
}

pub(crate) fn emit_any(layout: &Layout, options: &Options, id: TypeId) -> Vec<TokenStream> {
    let rt = &options.runtime;
    let model = layout.model;
    let from = layout.module_of(id);
    let Some(any) = layout.any_name(id) else {
        return Vec::new();
    };
    let any = any.ident();
    let declared = model.ty(id).qualified_name();
    let base_path = layout.type_path(from, id);

    let mut members = vec![id];
    members.extend_from_slice(layout.descendants(id));
    let mut scope = Scope::default();
    scope.reserve("Other");
    let variants: Vec<_> = members
        .iter()
        .map(|&m| scope.unique(layout.variant_name(from, m)).ident())
        .collect();
    let paths: Vec<_> = members.iter().map(|&m| layout.type_path(from, m)).collect();
    let allow = layout.allow_deprecated(
        layout.names_deprecated(id) || members.iter().any(|&m| layout.is_deprecated(m)),
    );

    let variant_defs = members
        .iter()
        .zip(&variants)
        .zip(&paths)
        .map(|((&m, v), p)| {
            let doc = format!(" A `{}` value.", model.ty(m).qualified_name());
            quote!(#[doc = #doc] #v(::std::boxed::Box<#p>),)
        });
    let tags = members.iter().enumerate().flat_map(|(i, &m)| {
        let i = i as u16;
        tag_names(layout, m)
            .into_iter()
            .map(move |t| quote!((#t, #i)))
    });
    let new_variant = variants.iter().enumerate().skip(1).map(|(i, v)| {
        let i = i as u16;
        quote!(::core::option::Option::Some(#i) => Self::#v(::core::default::Default::default()),)
    });
    let first = &variants[0];
    let all: Vec<TokenStream> = variants
        .iter()
        .map(|v| quote!(Self::#v(v)))
        .chain([quote!(Self::Other(v))])
        .collect();
    let held_arms = all
        .iter()
        .enumerate()
        .map(|(i, pat)| quote!(#pat => (#i, &**v as &dyn #rt::rt::Structured),));
    let variant_info = members
        .iter()
        .zip(&variants)
        .map(|(&m, v)| {
            let name = v.to_string().trim_start_matches("r#").to_string();
            (name, format!("#{}", model.ty(m).qualified_name()))
        })
        .chain([("Other".to_string(), format!("#{declared}"))])
        .map(|(name, tag)| quote!((#name, #tag)));
    let from_impls = members
        .iter()
        .zip(&variants)
        .zip(&paths)
        .map(|((&m, v), p)| {
            let allow = layout.allow_deprecated(layout.is_deprecated(m));
            quote! {
                #allow
                impl ::core::convert::From<#p> for #any {
                    fn from(value: #p) -> Self {
                        Self::#v(::std::boxed::Box::new(value))
                    }
                }
            }
        });

    // Accessors for the declared type's properties, whichever variant holds the value.
    let mut accessor_scope = Scope::default();
    for reserved in ["odata_type", "additional_data", "additional_data_mut"] {
        accessor_scope.reserve(reserved);
    }
    let accessors = structs::fields(layout, options, from, id)
        .into_iter()
        .map(|f| {
            let name = accessor_scope.unique(names::field_name(&f.json));
            let method = name.ident();
            let (json, ty, deprecated) = (&f.json, &f.ty, &f.deprecated);
            let doc = format!(" `{json}` of whichever type this value is.");
            quote! {
                #[doc = #doc]
                #deprecated
                pub fn #method(&self) -> &#rt::Field<#ty> {
                    #rt::rt::poly_field(self, #json)
                }
            }
        });

    let doc = format!(
        " A `{declared}` slot: the declared type or any selected type derived from it, chosen by `@odata.type` when decoding."
    );
    let known = layout.path_to(from, &[], &layout.known_types_fn());

    vec![quote! {
        #[doc = #doc]
        ///
        /// Encoding writes `@odata.type` first for a derived value, without it being set by hand.
        #allow
        #[allow(clippy::large_enum_variant)]
        pub enum #any {
            #(#variant_defs)*
            /// A type this code does not know (or a tag it does not recognise): the declared type's
            /// properties, with the tag and every other property in additional data.
            Other(::std::boxed::Box<#base_path>),
        }

        #allow
        impl ::core::default::Default for #any {
            fn default() -> Self {
                Self::#first(::core::default::Default::default())
            }
        }

        #allow
        impl #any {
            /// The type this value has: the tag it was decoded with, else `#namespace.name` of its variant.
            pub fn odata_type(&self) -> &str {
                #rt::rt::odata_type(self)
            }

            /// Undeclared properties and annotations of whichever type this value is.
            pub fn additional_data(&self) -> &#rt::AdditionalData {
                #rt::rt::poly_additional_data(self)
            }

            /// Mutable access to the additional data of whichever type this value is.
            pub fn additional_data_mut(&mut self) -> &mut #rt::AdditionalData {
                #rt::rt::poly_additional_data_mut(self)
            }

            #(#accessors)*
        }

        #allow
        impl #rt::rt::Polymorphic for #any {
            const INFO: &'static #rt::rt::PolyInfo = &#rt::rt::PolyInfo {
                declared: #declared,
                tags: &[#(#tags),*],
                variants: &[#(#variant_info),*],
                is_known_type: #known,
            };

            fn new_variant(index: ::core::option::Option<u16>) -> Self {
                match index {
                    #(#new_variant)*
                    ::core::option::Option::None => Self::Other(::core::default::Default::default()),
                    _ => ::core::default::Default::default(),
                }
            }

            fn held(&self) -> (usize, &dyn #rt::rt::Structured) {
                match self { #(#held_arms)* }
            }

            fn held_mut(&mut self) -> &mut dyn #rt::rt::Structured {
                match self { #(#all => &mut **v,)* }
            }
        }

        #allow
        impl #rt::rt::Value for #any {
            fn decode(input: &mut dyn #rt::rt::Input<'_>) -> ::core::result::Result<Self, #rt::rt::Failed> {
                #rt::rt::decode_polymorphic(input)
            }

            fn encode(&self, out: &mut dyn #rt::rt::Output) -> ::core::result::Result<(), #rt::rt::Failed> {
                #rt::rt::encode_polymorphic(self, out)
            }
        }

        #allow
        impl ::core::fmt::Debug for #any {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #rt::rt::debug_polymorphic(self, f)
            }
        }

        #allow
        impl ::core::clone::Clone for #any {
            fn clone(&self) -> Self {
                #rt::rt::clone_polymorphic(self)
            }
        }

        #allow
        impl ::core::cmp::PartialEq for #any {
            fn eq(&self, other: &Self) -> bool {
                #rt::rt::eq_polymorphic(self, other)
            }
        }

        #allow
        impl #rt::__serde::Serialize for #any {
            fn serialize<S: #rt::__serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                #rt::rt::serialize_polymorphic(self, serializer)
            }
        }

        #allow
        impl<'de> #rt::__serde::Deserialize<'de> for #any {
            fn deserialize<D: #rt::__serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                #rt::rt::deserialize_polymorphic(deserializer)
            }
        }

        #(#from_impls)*
    }]
}

/// `__odata_is_known_type_<hash>` ([`Layout::known_types_fn`]): every selected structured type by
/// `namespace.name` and `alias.name`, as a sorted table searched by bisection. (A `matches!` over
/// the whole Graph schema's 7,600 names was one of the larger single bodies for the compiler to
/// check, and a slower search.)
pub(crate) fn emit_known_types(layout: &Layout) -> Vec<TokenStream> {
    let mut names: Vec<String> = layout
        .selection
        .types
        .iter()
        .filter(|&&id| layout.model.ty(id).structured().is_some())
        .flat_map(|&id| tag_names(layout, id))
        .collect();
    names.sort_unstable();
    names.dedup();
    let function = layout.known_types_fn().ident();
    vec![quote! {
        /// Whether `name` (`namespace.name` or `alias.name`) is a type generated here.
        #[doc(hidden)]
        pub fn #function(name: &str) -> bool {
            const KNOWN: &[&str] = &[#(#names),*];
            KNOWN.binary_search(&name).is_ok()
        }
    }]
}
