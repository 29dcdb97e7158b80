//! Boxing of recursive types: a struct that holds itself inline, directly or through other
//! structs, has no finite size, so the fields that close such a cycle are `Box`ed. Collections
//! (`Vec`) are already indirect and never need it.

use super::Layout;
use crate::model::{TypeId, TypeTarget};
use std::collections::{HashMap, HashSet};

impl Layout<'_> {
    /// Whether a single-valued `target` slot declared on `owner` closes a cycle of inline values in
    /// `owner` or in any selected type deriving from it: an inherited field has one Rust type in
    /// every struct that holds it, so it is boxed in all of them when any one needs it.
    pub(super) fn recursive(&self, owner: TypeId, target: TypeId) -> bool {
        let targets = self.slot_types(target);
        self.slot_types(owner).iter().any(|o| {
            self.component
                .get(o)
                .is_some_and(|c| targets.iter().any(|t| self.component.get(t) == Some(c)))
        })
    }

    /// The structs a value in a slot of `id` can be: `id` and its selected descendants.
    fn slot_types(&self, id: TypeId) -> Vec<TypeId> {
        let mut v = vec![id];
        v.extend_from_slice(self.descendants(id));
        v
    }

    /// Single-valued structured edges between selected types.
    fn edges(&self, id: TypeId) -> Vec<TypeId> {
        let mut out = Vec::new();
        for prop in self.model.all_properties(id) {
            if let (false, TypeTarget::Type(t)) = (prop.ty.collection, prop.ty.target) {
                if self.model.ty(t).structured().is_some() {
                    out.extend(self.slot_types(t));
                }
            }
        }
        for nav in self.model.all_navigation_properties(id) {
            if let (false, TypeTarget::Type(t)) = (nav.ty.collection, nav.ty.target) {
                if self.selection.contains(t) {
                    out.extend(self.slot_types(t));
                }
            }
        }
        out
    }

    /// Kosaraju's algorithm with explicit stacks (deep graphs must not overflow the stack).
    pub(super) fn components(&self) -> HashMap<TypeId, usize> {
        let nodes: Vec<TypeId> = self
            .selection
            .types
            .iter()
            .copied()
            .filter(|&id| self.model.ty(id).structured().is_some())
            .collect();
        let edges: HashMap<TypeId, Vec<TypeId>> =
            nodes.iter().map(|&n| (n, self.edges(n))).collect();
        let mut reverse: HashMap<TypeId, Vec<TypeId>> = HashMap::new();
        for (&from, tos) in &edges {
            for &to in tos {
                reverse.entry(to).or_default().push(from);
            }
        }
        // First pass: finish order.
        let mut visited = HashSet::new();
        let mut order = Vec::new();
        for &start in &nodes {
            if !visited.insert(start) {
                continue;
            }
            let mut stack = vec![(start, 0usize)];
            while let Some((node, i)) = stack.pop() {
                let next = edges.get(&node).and_then(|e| e.get(i)).copied();
                match next {
                    Some(n) => {
                        stack.push((node, i + 1));
                        if visited.insert(n) {
                            stack.push((n, 0));
                        }
                    }
                    None => order.push(node),
                }
            }
        }
        // Second pass on the reversed graph, in reverse finish order.
        let mut component = HashMap::new();
        let mut count = 0;
        for &start in order.iter().rev() {
            if component.contains_key(&start) {
                continue;
            }
            let mut stack = vec![start];
            component.insert(start, count);
            while let Some(node) = stack.pop() {
                for &n in reverse.get(&node).map(Vec::as_slice).unwrap_or(&[]) {
                    if let std::collections::hash_map::Entry::Vacant(e) = component.entry(n) {
                        e.insert(count);
                        stack.push(n);
                    }
                }
            }
            count += 1;
        }
        // A component of one node is recursive only with a self edge.
        let mut sizes: HashMap<usize, usize> = HashMap::new();
        for c in component.values() {
            *sizes.entry(*c).or_default() += 1;
        }
        component
            .retain(|node, c| sizes[c] > 1 || edges.get(node).is_some_and(|e| e.contains(node)));
        component
    }
}
