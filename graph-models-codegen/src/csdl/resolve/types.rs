//! Entity, complex, enum and type-definition types: base type, property and navigation types.

use super::names_index::TypeClass;
use super::{Builder, Qualified, TypeExtra};
use crate::csdl::names::split_collection;
use crate::csdl::raw::*;
use crate::diagnostics::{Diagnostic, DiagnosticKind as K};
use crate::model::*;

pub(super) fn build_type<'a>(
    b: &mut Builder<'a, '_>,
    doc: usize,
    location: Location,
    qualified: Qualified<'_>,
    kind: RawKind<'a>,
) -> (TypeKind, TypeExtra) {
    let plain = TypeExtra {
        doc,
        open: None,
        key_locations: Vec::new(),
        base_written: false,
    };
    match kind {
        RawKind::Entity(s) => {
            let (st, extra) = build_structured(b, doc, location, qualified, s, TypeClass::Entity);
            (TypeKind::Entity(st), extra)
        }
        RawKind::Complex(s) => {
            let (st, extra) = build_structured(b, doc, location, qualified, s, TypeClass::Complex);
            (TypeKind::Complex(st), extra)
        }
        RawKind::Enum(e) => (TypeKind::Enum(e), plain),
        RawKind::Definition(d) => (TypeKind::Definition(d), plain),
    }
}

fn class_name(c: TypeClass) -> &'static str {
    match c {
        TypeClass::Entity => "an entity type",
        TypeClass::Complex => "a complex type",
        TypeClass::Enum => "an enum type",
        TypeClass::Definition => "a type definition",
    }
}

fn build_structured<'a>(
    b: &mut Builder<'a, '_>,
    doc: usize,
    location: Location,
    qualified: Qualified<'_>,
    s: RawStructured<'a>,
    class: TypeClass,
) -> (StructuredType, TypeExtra) {
    let origin = b.origin(doc);
    let base = s.base.and_then(|written| {
        let mut warn = None;
        let what = class_name(class);
        let err = match b.names.type_target(doc, written, &mut warn) {
            Ok(TypeTarget::Type(id)) => {
                let base_class = b.names.classes.get(id.index()).copied();
                match base_class {
                    Some(c) if c == class => return Some(id),
                    Some(c) => Diagnostic::error(
                        K::BaseTypeKindMismatch,
                        origin,
                        location,
                        format!(
                            "`{qualified}` is {what} but its base type `{written}` is {}",
                            class_name(c)
                        ),
                    ),
                    None => return None,
                }
            }
            Ok(TypeTarget::Primitive(_)) => Diagnostic::error(
                K::UnresolvedBaseType,
                origin,
                location,
                format!("`{qualified}`: base type `{written}` is a primitive type"),
            ),
            Err(miss) => b.names.unresolved(
                K::UnresolvedBaseType,
                origin,
                location,
                &format!("base type of `{qualified}`"),
                written,
                &miss,
            ),
        };
        b.diags.push(err);
        None
    });
    let mut properties = s.properties;
    for (p, ty) in properties.iter_mut().zip(s.property_types) {
        let t = b.type_ref(doc, ty, K::UnresolvedType, p.location, || {
            format!("property `{}` of `{qualified}`", p.name)
        });
        if let Some(t) = t {
            p.ty = t;
        }
    }
    let mut navigation_properties = s.navigation_properties;
    for (n, ty) in navigation_properties.iter_mut().zip(s.navigation_types) {
        let t = b.type_ref(doc, ty, K::UnresolvedType, n.location, || {
            format!("navigation property `{}` of `{qualified}`", n.name)
        });
        match t {
            Some(
                t @ TypeRef {
                    target: TypeTarget::Type(id),
                    ..
                },
            ) if b.names.classes.get(id.index()) == Some(&TypeClass::Entity) => n.ty = t,
            // `Edm.EntityType`: any entity (the Core vocabulary's `EntityExampleValue/Value`).
            Some(t) if split_collection(ty).1 == "Edm.EntityType" => n.ty = t,
            Some(_) => b.diags.push(Diagnostic::error(
                K::NavigationPropertyType,
                origin,
                n.location,
                format!(
                    "navigation property `{}` of `{qualified}` has type `{ty}`, which is not an entity type",
                    n.name
                ),
            )),
            None => {}
        }
    }
    let st = StructuredType {
        base,
        is_abstract: s.is_abstract,
        open: s.open.unwrap_or(false),
        has_stream: s.has_stream,
        key: s.key.iter().map(|(k, _)| k.to_string()).collect(),
        properties,
        navigation_properties,
    };
    let extra = TypeExtra {
        doc,
        open: s.open,
        key_locations: s.key.iter().map(|(_, l)| *l).collect(),
        base_written: s.base.is_some(),
    };
    (st, extra)
}
