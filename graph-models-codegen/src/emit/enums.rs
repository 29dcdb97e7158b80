//! One Rust enum per CSDL enum type: a variant per member plus `Unknown(String)`, so a member added
//! to the service later is kept and written back, never a decode error.

use super::layout::Layout;
use super::names::{self, RustName, Scope};
use super::Options;
use crate::model::{TypeId, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;

pub(crate) fn emit_enum(layout: &Layout, options: &Options, id: TypeId) -> Vec<TokenStream> {
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
    let allow = layout.allow_deprecated(layout.names_deprecated(id));

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
    let members = e.members.iter().zip(&variants).map(|(m, v)| {
        let (n, value, ident) = (&m.name, m.value, v.ident());
        let rust = ident.to_string().trim_start_matches("r#").to_string();
        quote!((#n, #value, Self::#ident, #rust))
    });
    let index = variants.iter().enumerate().map(|(i, v)| {
        let ident = v.ident();
        quote!(Self::#ident => ::core::result::Result::Ok(#i),)
    });

    vec![quote! {
        #docs
        #deprecated
        #allow
        #[derive(Clone)]
        pub enum #name {
            #(#variant_defs)*
            /// A member this code does not know (added to the service later), kept as sent.
            Unknown(::std::string::String),
        }

        // `Debug`, `PartialEq` and `Hash` through `member()` and the table, not derived (a match
        // arm per member each); `Eq` needs no body of its own.
        #allow
        impl ::core::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #rt::rt::debug_enum(self, f)
            }
        }

        #allow
        impl ::core::cmp::PartialEq for #name {
            fn eq(&self, other: &Self) -> bool {
                #rt::rt::enum_eq(self, other)
            }
        }

        #allow
        impl ::core::cmp::Eq for #name {}

        #allow
        impl ::core::hash::Hash for #name {
            fn hash<H: ::core::hash::Hasher>(&self, state: &mut H) {
                #rt::rt::enum_hash(self, state)
            }
        }

        #allow
        impl #rt::rt::EnumMembers for #name {
            /// `namespace.name`, and the `(JSON name, CSDL value, variant, Rust name)` of each member.
            const INFO: #rt::rt::EnumInfo<Self> = #rt::rt::EnumInfo {
                name: #qualified,
                members: &[#(#members),*],
                unknown: Self::Unknown,
            };

            fn member(&self) -> ::core::result::Result<usize, &str> {
                match self {
                    #(#index)*
                    Self::Unknown(name) => ::core::result::Result::Err(name),
                }
            }
        }

        #allow
        impl #name {
            /// The member's JSON name.
            pub fn as_str(&self) -> &str {
                #rt::rt::enum_name(self)
            }

            /// The member's CSDL value; `None` for `Unknown`.
            pub fn value(&self) -> ::core::option::Option<i64> {
                #rt::rt::enum_value(self)
            }
        }

        #allow
        impl ::core::fmt::Display for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(#rt::rt::enum_name(self))
            }
        }

        #allow
        impl #rt::__serde::Serialize for #name {
            fn serialize<S: #rt::__serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                #rt::rt::serialize_enum(self, serializer)
            }
        }

        #allow
        impl<'de> #rt::__serde::Deserialize<'de> for #name {
            fn deserialize<D: #rt::__serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                #rt::rt::deserialize_enum(deserializer)
            }
        }

        #allow
        impl #rt::rt::Value for #name {
            fn decode(input: &mut dyn #rt::rt::Input<'_>) -> ::core::result::Result<Self, #rt::rt::Failed> {
                #rt::rt::decode_enum(input)
            }

            fn encode(&self, out: &mut dyn #rt::rt::Output) -> ::core::result::Result<(), #rt::rt::Failed> {
                #rt::rt::encode_enum(self, out)
            }
        }
    }]
}
