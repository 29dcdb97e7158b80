//! Operations (parameter and return types) and entity containers (entity sets, singletons,
//! imports, navigation property bindings).

use super::names_index::TypeClass;
use super::{Binding, Builder};
use crate::csdl::raw::*;
use crate::csdl::NameMap;
use crate::diagnostics::{Diagnostic, DiagnosticKind as K};
use crate::model::*;

pub(super) fn build_operation<'a>(
    b: &mut Builder<'a, '_>,
    doc: usize,
    o: RawOperation<'a>,
) -> Operation {
    let mut op = o.op;
    let qualified = format!("{}.{}", op.namespace, op.name);
    let location = op.location;
    for (p, ty) in op.parameters.iter_mut().zip(o.parameter_types) {
        let t = b.type_ref(doc, ty, K::UnresolvedType, location, || {
            format!("parameter `{}` of `{qualified}`", p.name)
        });
        if let Some(t) = t {
            p.ty = t;
        }
    }
    op.return_type = o.return_type.and_then(|ty| {
        b.type_ref(doc, ty, K::UnresolvedType, location, || {
            format!("return type of `{qualified}`")
        })
    });
    op
}

pub(super) fn build_container<'a>(
    b: &mut Builder<'a, '_>,
    model: &mut Model,
    doc: usize,
    ns: &'a str,
    c: RawContainer<'a>,
    bindings: &mut Vec<Binding<'a>>,
) -> EntityContainer {
    let origin = b.origin(doc);
    let qualified = format!("{ns}.{}", c.name);
    let mut seen: NameMap<&str, Location> = NameMap::default();
    let mut elements = Vec::with_capacity(c.elements.len());
    for e in c.elements {
        if let Some(first) = seen.insert(e.name, e.location) {
            b.diags.push(Diagnostic::error(
                K::DuplicateContainerElement,
                origin,
                e.location,
                format!(
                    "`{qualified}` declares `{}` twice (first at {}:{})",
                    e.name, first.line, first.col
                ),
            ));
            continue;
        }
        let context = || format!("`{}` of `{qualified}`", e.name);
        let kind = match e.kind {
            RawElementKind::EntitySet(t) | RawElementKind::Singleton(t) => {
                let r = b.type_ref(doc, t, K::UnresolvedType, e.location, context);
                let id = match r {
                    Some(TypeRef {
                        collection: false,
                        target: TypeTarget::Type(id),
                    }) if b.names.classes.get(id.index()) == Some(&TypeClass::Entity) => id,
                    Some(_) => {
                        b.diags.push(Diagnostic::error(
                            K::UnresolvedType,
                            origin,
                            e.location,
                            format!("`{}` of `{qualified}`: `{t}` is not an entity type", e.name),
                        ));
                        continue;
                    }
                    None => continue,
                };
                for (path, location) in &e.bindings {
                    bindings.push(Binding {
                        doc,
                        entity_type: id,
                        set: e.name,
                        path,
                        location: *location,
                    });
                }
                match e.kind {
                    RawElementKind::EntitySet(_) => {
                        ContainerElementKind::EntitySet { entity_type: id }
                    }
                    _ => ContainerElementKind::Singleton { ty: id },
                }
            }
            RawElementKind::ActionImport(op) | RawElementKind::FunctionImport(op) => {
                let want_function = matches!(e.kind, RawElementKind::FunctionImport(_));
                let (prefix, simple) = op.rsplit_once('.').unwrap_or(("", op));
                let full = format!("{}.{simple}", b.names.namespace_of(doc, prefix));
                let found = b.names.element(doc, op);
                let kind_ok = b
                    .names
                    .ops
                    .get(&(b.names.namespace_of(doc, prefix), simple))
                    .is_some_and(|ids| {
                        ids.iter().any(|&i| {
                            model
                                .operations
                                .get(i)
                                .is_some_and(|o| o.is_function == want_function)
                        })
                    });
                match found {
                    _ if kind_ok => {}
                    r => {
                        let what = if want_function { "function" } else { "action" };
                        let d = match r {
                            Err(miss) if b.names.missing.contains_key(miss.namespace) => {
                                b.names.unresolved(
                                    K::UnresolvedOperation,
                                    origin,
                                    e.location,
                                    &context(),
                                    op,
                                    &miss,
                                )
                            }
                            _ => Diagnostic::error(
                                K::UnresolvedOperation,
                                origin,
                                e.location,
                                format!("{}: {what} `{op}` not found", context()),
                            ),
                        };
                        b.diags.push(d);
                        continue;
                    }
                }
                if want_function {
                    ContainerElementKind::FunctionImport { function: full }
                } else {
                    ContainerElementKind::ActionImport { action: full }
                }
            }
        };
        if !e.annotations.0.is_empty() {
            model
                .other_annotations
                .insert(format!("{qualified}/{}", e.name), e.annotations);
        }
        elements.push(ContainerElement {
            name: e.name.to_string(),
            kind,
            location: e.location,
        });
    }
    if !c.annotations.0.is_empty() {
        model
            .other_annotations
            .insert(qualified.clone(), c.annotations);
    }
    EntityContainer {
        namespace: ns.to_string(),
        name: c.name.to_string(),
        elements,
        location: c.location,
    }
}
