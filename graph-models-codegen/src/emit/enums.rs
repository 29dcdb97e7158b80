//! One Rust enum per CSDL enum type: a variant per member plus `Unknown(String)`, so a member added
//! to the service later is kept and written back, never a decode error.

use super::layout::Layout;
use super::names::{self, RustName, Scope};
use super::Options;
use crate::model::{TypeId, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;

pub fn emit_enum(layout: &Layout, options: &Options, id: TypeId) -> Vec<TokenStream> {
    let ty = layout.model.ty(id);
    let TypeKind::Enum(e) = &ty.kind else {
        return Vec::new();
    };
    let rt = &options.runtime;
    let name = layout.type_name(id).ident();
    let qualified = ty.qualified_name();
    let flags = if e.is_flags {
        ", a flags enum (values are `Flags` sets)"
    } else {
        ""
    };
    let docs = layout.docs(
        &ty.annotations,
        format!("OData enum type `{qualified}`{flags}."),
    );
    let deprecated = layout.deprecation(&ty.annotations);

    let mut scope = Scope::default();
    scope.reserve("Unknown");
    let variants: Vec<RustName> = e
        .members
        .iter()
        .map(|m| scope.unique(names::type_name(&m.name)))
        .collect();
    let variant_defs = e.members.iter().zip(&variants).map(|(m, v)| {
        let ident = v.ident();
        let docs = layout.docs(&m.annotations, format!("`{}` (value {}).", m.name, m.value));
        let deprecated = layout.deprecation(&m.annotations);
        quote!(#docs #deprecated #ident,)
    });
    let members = e.members.iter().map(|m| {
        let (n, v) = (&m.name, m.value);
        quote!((#n, #v))
    });
    let from_index = variants.iter().enumerate().map(|(i, v)| {
        let ident = v.ident();
        quote!(#i => Self::#ident,)
    });
    let index = variants.iter().enumerate().map(|(i, v)| {
        let ident = v.ident();
        quote!(Self::#ident => ::core::option::Option::Some(#i),)
    });
    let members_doc = format!(" `(JSON name, CSDL value)` of the members of `{qualified}`.");

    vec![quote! {
        #docs
        #deprecated
        #[allow(deprecated)]
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variant_defs)*
            /// A member this code does not know (added to the service later), kept as sent.
            Unknown(::std::string::String),
        }

        #[allow(deprecated)]
        impl #rt::rt::EnumMembers for #name {
            const QUALIFIED_NAME: &'static str = #qualified;
            #[doc = #members_doc]
            const MEMBERS: &'static [(&'static str, i64)] = &[#(#members),*];

            fn from_index(index: usize) -> Self {
                match index {
                    #(#from_index)*
                    _ => Self::Unknown(::std::string::String::new()),
                }
            }

            fn index(&self) -> ::core::option::Option<usize> {
                match self {
                    #(#index)*
                    Self::Unknown(_) => ::core::option::Option::None,
                }
            }

            fn from_unknown(name: ::std::string::String) -> Self {
                Self::Unknown(name)
            }

            fn unknown_name(&self) -> ::core::option::Option<&str> {
                match self {
                    Self::Unknown(name) => ::core::option::Option::Some(name),
                    _ => ::core::option::Option::None,
                }
            }
        }

        #[allow(deprecated)]
        impl #name {
            /// The member's JSON name.
            pub fn as_str(&self) -> &str {
                #rt::rt::enum_name(self)
            }

            /// The member's CSDL value; `None` for `Unknown`.
            pub fn value(&self) -> ::core::option::Option<i64> {
                let index = #rt::rt::EnumMembers::index(self)?;
                <Self as #rt::rt::EnumMembers>::MEMBERS.get(index).map(|m| m.1)
            }
        }

        #[allow(deprecated)]
        impl ::core::fmt::Display for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[allow(deprecated)]
        impl #rt::__serde::Serialize for #name {
            fn serialize<S: #rt::__serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                #rt::rt::serialize_enum(self, serializer)
            }
        }

        #[allow(deprecated)]
        impl<'de> #rt::__serde::Deserialize<'de> for #name {
            fn deserialize<D: #rt::__serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                #rt::rt::deserialize_enum(deserializer)
            }
        }
    }]
}
