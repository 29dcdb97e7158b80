//! Base-type links: the derived index, inheritance cycles and inherited openness.

use super::resolve::{Builder, TypeExtra};
use crate::diagnostics::{Diagnostic, DiagnosticKind as K};
use crate::model::{Model, TypeId, TypeKind};

fn base(model: &Model, i: usize) -> Option<usize> {
    model
        .types
        .get(i)
        .and_then(|t| t.structured())
        .and_then(|s| s.base)
        .map(TypeId::index)
}

pub(crate) fn link(model: &mut Model, extras: &[TypeExtra], b: &mut Builder<'_, '_>) {
    let n = model.types.len();
    let in_cycle = cycles(model, extras, b);
    // Cut cycles so nothing downstream can loop; the read fails anyway.
    for (i, c) in in_cycle.iter().enumerate() {
        if *c {
            if let Some(TypeKind::Entity(s) | TypeKind::Complex(s)) =
                model.types.get_mut(i).map(|t| &mut t.kind)
            {
                s.base = None;
            }
        }
    }
    // After the cut: the derived index is a forest.
    model.derived = vec![Vec::new(); n];
    for i in 0..n {
        if let Some(bi) = base(model, i) {
            if let Some(d) = model.derived.get_mut(bi) {
                d.push(TypeId(i as u32));
            }
        }
    }
    openness(model, extras, b);
}

/// Every base chain is a path in a graph where each node has at most one successor, so one walk
/// per unvisited node finds every cycle in O(n). Each member of a cycle is reported (odata.net
/// does the same), types that merely derive from a cycle are not.
fn cycles(model: &Model, extras: &[TypeExtra], b: &mut Builder<'_, '_>) -> Vec<bool> {
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let n = model.types.len();
    let mut state = vec![NEW; n];
    let mut in_cycle = vec![false; n];
    let mut path = Vec::new();
    for start in 0..n {
        path.clear();
        let mut cur = Some(start);
        while let Some(c) = cur {
            match state.get(c).copied() {
                Some(NEW) => {
                    state[c] = ON_PATH;
                    path.push(c);
                    cur = base(model, c);
                }
                Some(ON_PATH) => {
                    let from = path.iter().position(|&p| p == c).unwrap_or(0);
                    let members = path.get(from..).unwrap_or(&[]);
                    let names: Vec<String> = members
                        .iter()
                        .map(|&m| model.types[m].qualified_name())
                        .collect();
                    for (k, &m) in members.iter().enumerate() {
                        in_cycle[m] = true;
                        let t = &model.types[m];
                        let ring = ring_text(&names, k);
                        let doc = extras.get(m).map_or(0, |e| e.doc);
                        let origin = b.origin(doc);
                        b.diags.push(Diagnostic::error(
                            K::InheritanceCycle,
                            origin,
                            t.location,
                            format!("`{}` derives from itself: {ring}", t.qualified_name()),
                        ));
                    }
                    break;
                }
                _ => break,
            }
        }
        for &p in &path {
            state[p] = DONE;
        }
    }
    in_cycle
}

/// The ring from member `k` back to it: `a -> b -> c -> a`. A long ring is cut after a few names,
/// since every member gets its own message and whole rings would make them quadratic in size.
fn ring_text(names: &[String], k: usize) -> String {
    const SHOWN: usize = 3;
    let n = names.len();
    let mut parts: Vec<&str> = (0..n.min(SHOWN))
        .map(|i| names[(k + i) % n].as_str())
        .collect();
    let count;
    if n > SHOWN + 1 {
        count = format!("... ({n} types)");
        parts.push(&count);
    } else if n == SHOWN + 1 {
        parts.push(names[(k + SHOWN) % n].as_str());
    }
    parts.push(names[k].as_str());
    parts.join(" -> ")
}

/// A type without `OpenType` is open when its base is (CSDL 4.01: derived types of open types
/// are open); `OpenType="false"` under an open base is an error.
fn openness(model: &mut Model, extras: &[TypeExtra], b: &mut Builder<'_, '_>) {
    let n = model.types.len();
    // Bases before derived types: walk each chain to the first known answer.
    let mut open: Vec<Option<bool>> = vec![None; n];
    let mut chain = Vec::new();
    for i in 0..n {
        chain.clear();
        let mut cur = Some(i);
        let mut inherited = false;
        while let Some(c) = cur {
            if let Some(o) = open[c] {
                inherited = o;
                break;
            }
            chain.push(c);
            cur = base(model, c);
            if chain.len() > n {
                break;
            }
        }
        for &c in chain.iter().rev() {
            let explicit = extras.get(c).and_then(|e| e.open);
            let base_open = inherited;
            let value = explicit.unwrap_or(base_open);
            if explicit == Some(false) && base_open && base(model, c).is_some() {
                let t = &model.types[c];
                let base_name = base(model, c)
                    .map(|bi| model.types[bi].qualified_name())
                    .unwrap_or_default();
                let origin = b.origin(extras.get(c).map_or(0, |e| e.doc));
                b.diags.push(Diagnostic::error(
                    K::OpenTypeMismatch,
                    origin,
                    t.location,
                    format!(
                        "`{}` has OpenType=\"false\" but its base type `{base_name}` is open",
                        t.qualified_name()
                    ),
                ));
            }
            open[c] = Some(value);
            inherited = value;
        }
    }
    for (t, o) in model.types.iter_mut().zip(open) {
        if let TypeKind::Entity(s) | TypeKind::Complex(s) = &mut t.kind {
            s.open = o.unwrap_or(false);
        }
    }
}
