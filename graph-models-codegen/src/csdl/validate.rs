//! Checks over the linked model: member names, keys, navigation property bindings.

use super::fxhash::{FxMap, FxSet};
use super::names;
use super::names_index::{Element, TypeClass};
use super::resolve::{Binding, Builder, TypeExtra};
use crate::diagnostics::{Diagnostic, DiagnosticKind as K};
use crate::model::{ContainerElementKind, Location, Model, TypeId, TypeTarget};

fn origin<'a>(b: &Builder<'a, '_>, extras: &[TypeExtra], i: usize) -> &'a str {
    b.origin(extras.get(i).map_or(0, |e| e.doc))
}

/// Property and navigation property names share one scope per type, inherited ones included.
pub(crate) fn members(model: &Model, extras: &[TypeExtra], b: &mut Builder<'_, '_>) {
    // One small set, refilled per type: the names of its bases (with the base that declares
    // each), then its own. Cheaper than one map over every member of every type.
    let mut seen: FxMap<&str, (Option<TypeId>, Location)> = FxMap::default();
    for (i, t) in model.types.iter().enumerate() {
        let Some(s) = t.structured() else { continue };
        seen.clear();
        if s.base.is_some() {
            for anc in model.base_chain(TypeId(i as u32)) {
                if let Some(a) = model.ty(anc).structured() {
                    let names = a.properties.iter().map(|p| (p.name.as_str(), p.location));
                    let navs = a
                        .navigation_properties
                        .iter()
                        .map(|n| (n.name.as_str(), n.location));
                    for (name, loc) in names.chain(navs) {
                        seen.entry(name).or_insert((Some(anc), loc));
                    }
                }
            }
        }
        let own = s
            .properties
            .iter()
            .map(|p| (p.name.as_str(), p.location))
            .chain(
                s.navigation_properties
                    .iter()
                    .map(|n| (n.name.as_str(), n.location)),
            );
        for (name, loc) in own {
            let message = match seen.get(name) {
                None => {
                    seen.insert(name, (None, loc));
                    continue;
                }
                Some((Some(anc), _)) => format!(
                    "`{}` redeclares `{name}`, inherited from `{}`",
                    t.qualified_name(),
                    model.ty(*anc).qualified_name()
                ),
                Some((None, first)) => format!(
                    "`{}` declares `{name}` twice (first at {}:{})",
                    t.qualified_name(),
                    first.line,
                    first.col
                ),
            };
            let origin = origin(b, extras, i);
            b.diags.push(Diagnostic::error(
                K::DuplicateProperty,
                origin,
                loc,
                message,
            ));
        }
    }
}

/// Looks a key or binding segment up among the properties of `id` and its bases.
fn find_property(model: &Model, id: TypeId, name: &str) -> Option<(bool, TypeTarget)> {
    model
        .all_properties(id)
        .into_iter()
        .find(|p| p.name == name)
        .map(|p| (p.nullable, p.ty.target))
}

pub(crate) fn keys(model: &Model, extras: &[TypeExtra], b: &mut Builder<'_, '_>) {
    // Graph's singleton-only types (`admin`, `reportRoot`, ...) have no key: only entity sets need one.
    let in_sets: FxSet<TypeId> = model
        .containers
        .iter()
        .flat_map(|c| &c.elements)
        .filter_map(|e| match e.kind {
            ContainerElementKind::EntitySet { entity_type } => Some(entity_type),
            _ => None,
        })
        .collect();
    for (i, t) in model.types.iter().enumerate() {
        let Some(s) = t.structured().filter(|_| t.is_entity()) else {
            continue;
        };
        let id = TypeId(i as u32);
        let origin = origin(b, extras, i);
        let chain = model.base_chain(id);
        let inherited = chain
            .iter()
            .any(|a| model.ty(*a).structured().is_some_and(|s| !s.key.is_empty()));
        // A base that did not resolve was reported already; its key is unknown, not missing.
        let broken = std::iter::once(id).chain(chain).any(|t| {
            model.ty(t).structured().is_some_and(|s| s.base.is_none())
                && extras.get(t.index()).is_some_and(|e| e.base_written)
        });
        if s.key.is_empty() && !inherited && !broken && !s.is_abstract && in_sets.contains(&id) {
            b.diags.push(Diagnostic::error(
                K::KeyPropertyMissing,
                origin,
                t.location,
                format!(
                    "entity type `{}` is used by an entity set but neither declares nor inherits a key",
                    t.qualified_name()
                ),
            ));
        }
        let locations = extras
            .get(i)
            .map(|e| e.key_locations.as_slice())
            .unwrap_or(&[]);
        for (k, name) in s.key.iter().enumerate() {
            let loc = locations.get(k).copied().unwrap_or(t.location);
            // A key may be a path into complex properties: `Address/Zip`.
            let mut cur = Some(id);
            let mut found = None;
            for seg in name.split('/') {
                found = cur.and_then(|c| find_property(model, c, seg));
                cur = match found {
                    Some((_, TypeTarget::Type(t))) => Some(t),
                    _ => None,
                };
            }
            match found {
                None => {
                    let all = model.all_properties(id);
                    let hint = names::suggest(name, all.iter().map(|p| p.name.as_str()))
                        .map(|s| format!("; did you mean `{s}`?"))
                        .unwrap_or_default();
                    b.diags.push(Diagnostic::error(
                        K::KeyPropertyMissing,
                        origin,
                        loc,
                        format!(
                            "key property `{name}` of `{}` is not a property of it{hint}",
                            t.qualified_name()
                        ),
                    ));
                }
                Some((true, _)) => b.diags.push(Diagnostic::error(
                    K::KeyPropertyNullable,
                    origin,
                    loc,
                    format!(
                        "key property `{name}` of `{}` is nullable (add Nullable=\"false\")",
                        t.qualified_name()
                    ),
                )),
                Some((false, _)) => {}
            }
        }
    }
}

/// `NavigationPropertyBinding Path`: navigation and complex properties, with type casts
/// (`Pet/Hot.Dog/Master`), ending on a navigation property.
pub(crate) fn bindings(model: &Model, bindings: &[Binding<'_>], b: &mut Builder<'_, '_>) {
    for bd in bindings {
        let mut cur = bd.entity_type;
        let mut problem = None;
        let mut last_was_nav = false;
        for seg in bd.path.split('/') {
            last_was_nav = false;
            if seg.contains('.') {
                match b.names.element(bd.doc, seg) {
                    Ok(Element::Type(t))
                        if b.names.classes.get(t.index()).is_some_and(|c| {
                            matches!(c, TypeClass::Entity | TypeClass::Complex)
                        }) =>
                    {
                        cur = t;
                    }
                    _ => {
                        problem = Some(format!("`{seg}` is not a structured type"));
                        break;
                    }
                }
                continue;
            }
            if let Some(n) = model
                .all_navigation_properties(cur)
                .into_iter()
                .find(|n| n.name == seg)
            {
                if let TypeTarget::Type(t) = n.ty.target {
                    cur = t;
                }
                last_was_nav = true;
                continue;
            }
            match find_property(model, cur, seg) {
                Some((_, TypeTarget::Type(t))) => cur = t,
                _ => {
                    problem = Some(format!(
                        "`{seg}` is not a navigation or complex property of `{}`",
                        model.ty(cur).qualified_name()
                    ));
                    break;
                }
            }
        }
        if problem.is_none() && !last_was_nav {
            problem = Some("the path does not end on a navigation property".to_string());
        }
        if let Some(p) = problem {
            let origin = b.origin(bd.doc);
            b.diags.push(Diagnostic::error(
                K::UnresolvedNavigationPath,
                origin,
                bd.location,
                format!(
                    "NavigationPropertyBinding Path=\"{}\" of `{}`: {p}",
                    bd.path, bd.set
                ),
            ));
        }
    }
}
