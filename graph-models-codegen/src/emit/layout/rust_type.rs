//! Rust type mapping: the type of every property slot, from its CSDL type reference.

use super::Layout;
use crate::emit::names::RustName;
use crate::emit::Options;
use crate::model::{Primitive, TypeId, TypeKind, TypeRef, TypeTarget};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

impl Layout<'_> {
    /// The Rust type a slot of `tr` has, inside `Field<..>`, seen from module `from`; `owner` is the
    /// struct holding it (to box recursive fields).
    pub(crate) fn rust_type(
        &self,
        options: &Options,
        from: &[RustName],
        owner: TypeId,
        tr: &TypeRef,
    ) -> TokenStream {
        self.slot_type(options, from, Some(owner), tr)
    }

    /// [`Layout::rust_type`] of a slot no struct holds (`None`: a parameter of an unbound
    /// operation), which is never boxed.
    pub(crate) fn slot_type(
        &self,
        options: &Options,
        from: &[RustName],
        owner: Option<TypeId>,
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
                    if !tr.collection && owner.is_some_and(|owner| self.recursive(owner, id)) {
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
