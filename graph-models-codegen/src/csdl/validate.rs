//! Checks over the linked model: member names, keys, navigation property bindings.

use super::names;
use super::resolve::names_index::{Element, TypeClass};
use super::resolve::{Binding, Builder, TypeExtra};
use super::{NameMap, NameSet};
use crate::diagnostics::{Diagnostic, DiagnosticKind as K};
use crate::model::{
    ContainerElementKind, Location, Model, NavigationProperty, Property, TypeId, TypeTarget,
};

/// Base types of `id`, nearest first. `hierarchy::link` has cut every cycle, so this is a plain
/// walk (no `contains` per step as in `Model::base_chain`: a 5,000-deep chain stays linear); the
/// step bound is only a guard.
fn ancestors(model: &Model, id: TypeId) -> impl Iterator<Item = TypeId> + '_ {
    let mut cur = model
        .types
        .get(id.index())
        .and_then(|t| t.structured())
        .and_then(|s| s.base);
    let mut left = model.types.len();
    std::iter::from_fn(move || {
        let b = cur.filter(|_| left > 0)?;
        left -= 1;
        cur = model
            .types
            .get(b.index())
            .and_then(|t| t.structured())
            .and_then(|s| s.base);
        Some(b)
    })
}

/// Properties of `id` and its bases (any order: callers look names up).
pub(super) fn properties(model: &Model, id: TypeId) -> impl Iterator<Item = &Property> + '_ {
    std::iter::once(id)
        .chain(ancestors(model, id))
        .filter_map(|t| model.ty(t).structured())
        .flat_map(|s| s.properties.iter())
}

pub(super) fn navigation_properties(
    model: &Model,
    id: TypeId,
) -> impl Iterator<Item = &NavigationProperty> + '_ {
    std::iter::once(id)
        .chain(ancestors(model, id))
        .filter_map(|t| model.ty(t).structured())
        .flat_map(|s| s.navigation_properties.iter())
}

fn origin<'a>(b: &Builder<'a, '_>, extras: &[TypeExtra], i: usize) -> &'a str {
    b.origin(extras.get(i).map_or(0, |e| e.doc))
}

/// Property and navigation property names share one scope per type, inherited ones included.
///
/// A depth-first walk down the derived forest keeps the names of the current chain in one map:
/// each type adds its names on the way down and removes them on the way up, so the cost is linear
/// in the members, however deep the inheritance.
pub(crate) fn members(model: &Model, extras: &[TypeExtra], b: &mut Builder<'_, '_>) {
    let mut scope: NameMap<&str, (TypeId, Location)> = NameMap::default();
    let mut visited = vec![false; model.types.len()];
    let mut own_names: NameMap<&str, Location> = NameMap::default();
    let roots = model
        .types
        .iter()
        .enumerate()
        .filter(|(_, t)| t.structured().is_some_and(|s| s.base.is_none()))
        .map(|(i, _)| TypeId(i as u32));
    let mut stack = Vec::new();
    let mut frames: Vec<Vec<&str>> = Vec::new();
    for root in roots {
        stack.push((root, true));
        while let Some((id, entering)) = stack.pop() {
            if !entering {
                for name in frames.pop().unwrap_or_default() {
                    scope.remove(name);
                }
                continue;
            }
            let (Some(t), Some(false)) = (
                model.types.get(id.index()),
                visited.get(id.index()).copied(),
            ) else {
                continue;
            };
            visited[id.index()] = true;
            let Some(s) = t.structured() else { continue };
            let own = s
                .properties
                .iter()
                .map(|p| (p.name.as_str(), p.location))
                .chain(
                    s.navigation_properties
                        .iter()
                        .map(|n| (n.name.as_str(), n.location)),
                );
            let has_derived = model.derived.get(id.index()).is_some_and(|d| !d.is_empty());
            own_names.clear();
            let mut mine = Vec::new();
            for (k, (name, loc)) in own.clone().enumerate() {
                let message = if let Some((declarer, _)) = scope.get(name) {
                    format!(
                        "`{}` redeclares `{name}`, inherited from `{}`",
                        t.qualified_name(),
                        model.ty(*declarer).qualified_name()
                    )
                } else if let Some(first) = earlier(&mut own_names, own.clone(), k, name, loc) {
                    format!(
                        "`{}` declares `{name}` twice (first at {}:{})",
                        t.qualified_name(),
                        first.line,
                        first.col
                    )
                } else {
                    // Only types with derived types need their names in scope (leaves are most).
                    if has_derived {
                        scope.insert(name, (id, loc));
                        mine.push(name);
                    }
                    continue;
                };
                let origin = origin(b, extras, id.index());
                b.diags.push(Diagnostic::error(
                    K::DuplicateProperty,
                    origin,
                    loc,
                    message,
                ));
            }
            frames.push(mine);
            stack.push((id, false));
            if let Some(d) = model.derived.get(id.index()) {
                stack.extend(d.iter().rev().map(|d| (*d, true)));
            }
        }
    }
}

/// Where the `k`-th member `name` of a type was declared before, if it was: a scan of the
/// earlier members for the usual type (tens of members), a set beyond that.
fn earlier<'m>(
    set: &mut NameMap<&'m str, Location>,
    mut own: impl Iterator<Item = (&'m str, Location)>,
    k: usize,
    name: &'m str,
    loc: Location,
) -> Option<Location> {
    const SCAN: usize = 32;
    if k < SCAN {
        return own
            .by_ref()
            .take(k)
            .find(|(n, _)| *n == name)
            .map(|(_, l)| l);
    }
    if set.is_empty() {
        let prefix: Vec<(&str, Location)> = own.by_ref().take(k).collect();
        set.extend(prefix.into_iter().rev());
    }
    match set.get(name) {
        Some(first) => Some(*first),
        None => {
            set.insert(name, loc);
            None
        }
    }
}

/// Looks a key or binding segment up among the properties of `id` and its bases.
fn find_property(model: &Model, id: TypeId, name: &str) -> Option<(bool, TypeTarget)> {
    properties(model, id)
        .find(|p| p.name == name)
        .map(|p| (p.nullable, p.ty.target))
}

pub(crate) fn keys(model: &Model, extras: &[TypeExtra], b: &mut Builder<'_, '_>) {
    // Graph's singleton-only types (`admin`, `reportRoot`, ...) have no key: only entity sets need one.
    let in_sets: NameSet<TypeId> = model
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
        // Only types with neither key nor base-with-key in an entity set need the chain walked.
        let needs_key = s.key.is_empty() && !s.is_abstract && in_sets.contains(&id);
        let inherited = needs_key
            && ancestors(model, id)
                .any(|a| model.ty(a).structured().is_some_and(|s| !s.key.is_empty()));
        // A base that did not resolve was reported already; its key is unknown, not missing.
        let broken = needs_key
            && std::iter::once(id).chain(ancestors(model, id)).any(|t| {
                model.ty(t).structured().is_some_and(|s| s.base.is_none())
                    && extras.get(t.index()).is_some_and(|e| e.base_written)
            });
        if needs_key && !inherited && !broken {
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
                    let hint =
                        names::suggest_one(name, properties(model, id).map(|p| p.name.as_str()))
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
        let mut unchecked = false;
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
            if let Some(n) = navigation_properties(model, cur).find(|n| n.name == seg) {
                let TypeTarget::Type(t) = n.ty.target else {
                    // Its type did not resolve (reported there): nothing more to check.
                    unchecked = true;
                    break;
                };
                cur = t;
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
        if unchecked {
            continue;
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
