//! `<Annotations Target="...">` blocks attached to what they target.
//!
//! Types, their properties and enum members, and operations carry annotations in the model;
//! anything else (containers, entity sets, parameters, deeper paths) lands in
//! `Model::other_annotations`. A target that names nothing known is a warning: real services
//! annotate things they do not declare. A target that is not even a path is an error.

use super::names::{self, split_collection};
use super::raw::RawAnnotations;
use super::resolve::names_index::Element;
use super::resolve::Builder;
use super::validate;
use crate::diagnostics::{Diagnostic, DiagnosticKind as K};
use crate::model::{Annotation, Model, TypeId, TypeKind, TypeRef};

struct Target<'t> {
    /// `ns.Name` or `alias.Name`.
    head: &'t str,
    /// `(T1, T2)` of an operation overload, as written.
    params: Option<Vec<&'t str>>,
    /// The `/segment/...` after the head (and parameters), without the first `/`; may be empty.
    rest: &'t str,
}

fn is_type_name(s: &str) -> bool {
    let (_, inner) = split_collection(s);
    inner
        .rsplit_once('.')
        .is_some_and(|(ns, n)| names::is_namespace(ns) && names::is_simple_identifier(n))
}

/// Whitespace, checked bytewise for the usual ASCII target (targets are parsed ~5k times for
/// Graph; char-by-char Unicode checks showed in profiles).
fn has_whitespace(s: &str) -> bool {
    if s.is_ascii() {
        s.bytes().any(|b| b.is_ascii_whitespace())
    } else {
        s.contains(char::is_whitespace)
    }
}

fn parse(t: &str) -> Option<Target<'_>> {
    let t = t.trim();
    let (head, params, rest) = match t.bytes().position(|b| b == b'(' || b == b'/') {
        Some(i) if t[i..].starts_with('(') => {
            let close = matching_paren(t, i)?;
            let inner = &t[i + 1..close];
            let params: Vec<&str> = if inner.trim().is_empty() {
                Vec::new()
            } else {
                split_top_level(inner)
            };
            if !params
                .iter()
                .all(|p| is_type_name(p) || names::primitive(p).is_some())
            {
                return None;
            }
            (&t[..i], Some(params), &t[close + 1..])
        }
        Some(i) => (&t[..i], None, &t[i..]),
        None => (t, None, ""),
    };
    if head.is_empty() || has_whitespace(head) || split_collection(head).0 {
        return None;
    }
    let rest = match rest {
        "" => "",
        r => r.strip_prefix('/').filter(|x| !x.is_empty())?,
    };
    if !rest.is_empty() && (has_whitespace(rest) || rest.split('/').any(str::is_empty)) {
        return None;
    }
    Some(Target { head, params, rest })
}

/// Byte index of the `)` closing the `(` at `open`.
fn matching_paren(t: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in t.char_indices().skip_while(|(i, _)| *i < open) {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// `A, Collection(B), C` -> `["A", "Collection(B)", "C"]`.
fn split_top_level(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                out.push(s[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(s[start..].trim());
    out
}

pub(crate) fn attach<'a>(
    model: &mut Model,
    blocks: Vec<(usize, RawAnnotations<'a>)>,
    b: &mut Builder<'a, '_>,
) {
    let mut hint = (usize::MAX, false, 0);
    let mut last: Option<(usize, &str, &str, Option<Element>)> = None;
    for (doc, block) in blocks {
        let origin = b.origin(doc);
        let Some(target) = parse(block.target) else {
            b.diags.push(Diagnostic::error(
                K::InvalidAttributeValue,
                origin,
                block.location,
                format!(
                    "Annotations Target=\"{}\" is not a valid target path",
                    block.target
                ),
            ));
            continue;
        };
        let (prefix, _) = target.head.rsplit_once('.').unwrap_or(("", ""));
        // Services list blocks sorted by target, so runs share a head (`graph.user/...`):
        // one lookup per run.
        let (namespace, found) = match last {
            Some((d, head, ns, e)) if d == doc && head == target.head => (ns, e),
            _ => {
                let ns = b.names.namespace_of(doc, prefix);
                let e = if target.head.contains('.') {
                    b.names.element(doc, target.head).ok()
                } else {
                    None
                };
                last = Some((doc, target.head, ns, e));
                (ns, e)
            }
        };
        let mut annotations = block.annotations;
        // `Type/member` is by far the most common form; deeper paths go to `other_annotations`.
        let single = (!target.rest.is_empty() && !target.rest.contains('/')).then_some(target.rest);
        // Unqualified heads (Olingo's `Target="Test"`) find nothing (`found` is `None`).
        let mut element = found;
        // A bound operation may share its name with a type: parameters say which is meant.
        if target.params.is_some() {
            element = Some(Element::Operation { all_bound: true });
        }
        let unknown = match (element, target.rest) {
            (Some(Element::Type(id)), "") if target.params.is_none() => {
                if let Some(t) = model.types.get_mut(id.index()) {
                    take_all(&mut t.annotations.0, &mut annotations);
                }
                None
            }
            (Some(Element::Type(id)), _) if target.params.is_none() && single.is_some() => {
                let member = single.unwrap_or_default();
                let attached = member_annotations(model, id.index(), member, &mut hint)
                    .map(|list| take_all(list, &mut annotations));
                match attached {
                    Some(()) => None,
                    // An inherited member annotated through the derived type: kept as a path.
                    None if inherits(model, id, member) => None,
                    None => Some(format!("`{}` has no member `{member}`", target.head)),
                }
            }
            (Some(Element::Operation { .. }), rest) => {
                let key = (
                    namespace,
                    target.head.rsplit_once('.').map_or("", |(_, n)| n),
                );
                let overloads = b.names.ops.get(&key).cloned().unwrap_or_default();
                let wanted: Option<Vec<Option<TypeRef>>> = target.params.as_ref().map(|ps| {
                    ps.iter()
                        .map(|p| {
                            let (collection, name) = split_collection(p);
                            let mut warn = None;
                            b.names
                                .type_target(doc, name, &mut warn)
                                .ok()
                                .map(|target| TypeRef { collection, target })
                        })
                        .collect()
                });
                let matching: Vec<usize> = overloads
                    .into_iter()
                    .filter(|&i| {
                        let Some(w) = &wanted else { return true };
                        model.operations.get(i).is_some_and(|op| {
                            w.len() <= op.parameters.len()
                                && w.iter().zip(&op.parameters).all(|(w, p)| *w == Some(p.ty))
                        })
                    })
                    .collect();
                if matching.is_empty() {
                    Some(format!("no overload of `{}` matches", target.head))
                } else {
                    if rest.is_empty() {
                        for i in matching {
                            if let Some(op) = model.operations.get_mut(i) {
                                op.annotations.0.extend(annotations.iter().cloned());
                            }
                        }
                        annotations.clear();
                    }
                    None
                }
            }
            (Some(Element::Container(c)), rest) => match rest.split('/').next() {
                Some(name)
                    if !name.is_empty()
                        && !model
                            .containers
                            .get(c)
                            .is_some_and(|c| c.elements.iter().any(|e| e.name == *name)) =>
                {
                    Some(format!("`{}` has no element `{name}`", target.head))
                }
                _ => None,
            },
            (Some(_), _) => None,
            (None, _) => Some(format!("`{}` is not declared", target.head)),
        };
        if let Some(why) = unknown {
            b.diags.push(Diagnostic::warning(
                K::UnknownAnnotationTarget,
                origin,
                block.location,
                format!("Annotations Target=\"{}\": {why}", block.target),
            ));
        }
        if !annotations.is_empty() {
            let normalized = format!("{namespace}{}", &block.target.trim()[prefix.len()..]);
            let list = &mut model.other_annotations.entry(normalized).or_default().0;
            take_all(list, &mut annotations);
        }
    }
}

fn inherits(model: &Model, id: TypeId, member: &str) -> bool {
    validate::properties(model, id).any(|p| p.name == member)
        || validate::navigation_properties(model, id).any(|n| n.name == member)
}

/// Moves `from` into `to`; when `to` is empty (most targets have no inline annotations) the
/// vector itself moves, without a copy or an allocation.
fn take_all(to: &mut Vec<Annotation>, from: &mut Vec<Annotation>) {
    if to.is_empty() {
        std::mem::swap(to, from);
    } else {
        to.append(from);
    }
}

/// Finds `name` in `items`, starting after the previous hit: services list `Annotations` blocks
/// in declaration order (Graph does), so the next member is usually the next item.
fn find_from<T>(items: &[T], start: usize, name: &str, key: impl Fn(&T) -> &str) -> Option<usize> {
    let n = items.len();
    (0..n)
        .map(|k| (start + k) % n)
        .find(|&i| items.get(i).is_some_and(|x| key(x) == name))
}

/// The annotation list of a declared property, navigation property or enum member. `hint` is
/// the previous hit `(type, is_navigation, index)`.
fn member_annotations<'m>(
    model: &'m mut Model,
    i: usize,
    member: &str,
    hint: &mut (usize, bool, usize),
) -> Option<&'m mut Vec<Annotation>> {
    let start = |nav: bool| {
        if hint.0 == i && hint.1 == nav {
            hint.2 + 1
        } else {
            0
        }
    };
    match &mut model.types.get_mut(i)?.kind {
        TypeKind::Entity(s) | TypeKind::Complex(s) => {
            if let Some(k) = find_from(&s.properties, start(false), member, |p| &p.name) {
                *hint = (i, false, k);
                return s.properties.get_mut(k).map(|p| &mut p.annotations.0);
            }
            let k = find_from(&s.navigation_properties, start(true), member, |p| &p.name)?;
            *hint = (i, true, k);
            s.navigation_properties
                .get_mut(k)
                .map(|p| &mut p.annotations.0)
        }
        TypeKind::Enum(e) => {
            let k = find_from(&e.members, start(false), member, |m| &m.name)?;
            *hint = (i, false, k);
            e.members.get_mut(k).map(|m| &mut m.annotations.0)
        }
        TypeKind::Definition(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn target_syntax() {
        assert!(parse("org.example.Function1(org.example.Type1,)").is_none());
        assert!(parse("a.B/").is_none());
        assert!(parse("B").is_some());
        assert!(parse("a b").is_none());
        let t = parse("ns.f(Collection(ns.T), Edm.String)/p").unwrap();
        assert!(parse("ns.f(Collection(ns.T),Collection(ns.U))").is_some());
        assert!(parse("ns.f(ns.T").is_none());
        assert_eq!(t.params.unwrap(), vec!["Collection(ns.T)", "Edm.String"]);
        assert_eq!(t.rest, "p");
        let t = parse("microsoft.graph.user/displayName").unwrap();
        assert_eq!((t.head, t.rest), ("microsoft.graph.user", "displayName"));
    }
}
