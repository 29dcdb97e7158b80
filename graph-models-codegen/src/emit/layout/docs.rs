//! Docs and deprecation: `#[doc]` from `Core.Description`/`LongDescription`, `#[deprecated]` from
//! `Core.Revisions`, and `#[allow(deprecated)]` exactly where an item names something deprecated.

use super::Layout;
use crate::model::{Annotations, TypeId, TypeKind, TypeRef, TypeTarget};
use proc_macro2::TokenStream;
use quote::quote;

impl Layout<'_> {
    /// `#[doc]` lines: `Core.Description` and `LongDescription`, then `summary` (what the item is
    /// in the schema: its JSON name and declared type, or its kind and qualified name) as the last
    /// paragraph; `summary` alone when the schema describes nothing.
    pub(crate) fn docs(&self, annotations: &Annotations, summary: String) -> TokenStream {
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

    /// Whether `Core.Revisions` deprecates type `id` itself.
    pub(crate) fn is_deprecated(&self, id: TypeId) -> bool {
        self.model.ty(id).annotations.deprecation().is_some()
    }

    /// Whether the items of type `id` name something deprecated: the type, one of its enum members,
    /// or one of its fields or a field's own type (a struct or enum named directly; an `Any*` enum is
    /// never deprecated itself).
    pub(crate) fn names_deprecated(&self, id: TypeId) -> bool {
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
    pub(crate) fn allow_deprecated(&self, names_deprecated: bool) -> TokenStream {
        if names_deprecated {
            quote!(#[allow(deprecated)])
        } else {
            quote!()
        }
    }

    /// `#[deprecated]` from `Core.Revisions`.
    pub(crate) fn deprecation(&self, annotations: &Annotations) -> TokenStream {
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
}
