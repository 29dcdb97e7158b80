//! A bound on how much code a selection may generate, checked before any of it is generated.
//!
//! Structs flatten their inherited properties, and an `Any<Type>` enum has a variant per selected
//! derived type, which each of its few matches, tables and `From` impls lists. On real schemas that
//! is small (the whole Graph v1.0 schema: see `graph_v1_selection_is_within_the_limit` in the
//! tests), but an inheritance chain `n` levels deep costs about n²/2 fields and 7n²/2 variant
//! entries. Without a bound, a deep hierarchy (hostile or accidental) exhausts the compiler's time
//! and memory inside the macro instead of giving an error (figures: docs/BENCHMARKS.md, "Generator
//! on hostile schemas"). Counting first costs time linear in the selection plus its inheritance
//! depths, and no memory beyond two numbers per type.

use crate::model::{Model, TypeId};
use crate::select::Selection;

/// Struct fields plus `Any*` variant entries a selection may generate: far above what real schemas
/// need (the whole Graph v1.0 schema, `types: *`, needs 38,596: 17,680 fields, 20,916 entries) and
/// below what makes generation itself a burden (an inheritance chain 300 levels deep needs
/// 363,286; one 500 levels deep, 1,005,486, is refused).
pub const LIMIT: u64 = 1_000_000;

/// Where an `Any*` enum lists each variant: the `visit`, `visit_mut`, `additional_data_mut` and
/// `new_variant` matches, the `tags` and `variants` tables, and a `From` impl.
const PER_VARIANT: u64 = 7;

/// What a selection generates, in the units [`LIMIT`] bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Size {
    /// Fields of all generated structs, inherited ones included (navigation properties counted
    /// whether or not their target is selected, so a bound).
    pub fields: u64,
    /// Match arms, table entries and `From` impls of the `Any*` enums: seven for each
    /// variant (the type, each selected derived type and `Other`).
    pub arms: u64,
}

impl Size {
    pub fn total(&self) -> u64 {
        self.fields.saturating_add(self.arms)
    }
}

/// The selection would generate more than [`LIMIT`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLarge {
    /// The size counted so far (counting stops once over the limit).
    pub size: Size,
    /// The type whose `Any*` enum costs the most: `namespace.name`, selected derived types,
    /// properties (inherited ones included).
    pub widest: Option<(String, u64, u64)>,
    /// The deepest inheritance chain of the selection: `namespace.name` and its depth.
    pub deepest: (String, u64),
}

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "this selection would generate more than {LIMIT} struct fields and `Any` variant entries (counted {} fields and {} entries before stopping)",
            self.size.fields, self.size.arms
        )?;
        if let Some((name, derived, _)) = &self.widest {
            write!(
                f,
                "; `{name}` alone has {derived} selected derived types, each a variant its `Any` enum lists in every match, table and `From` impl"
            )?;
        }
        let (name, depth) = &self.deepest;
        if *depth > 1 {
            write!(
                f,
                "; the deepest inheritance chain ends at `{name}`, {depth} levels deep"
            )?;
        }
        write!(
            f,
            ". Select fewer types, or types from shallower hierarchies."
        )
    }
}

impl std::error::Error for TooLarge {}

/// Counts what generating `selection` would emit, stopping as soon as it passes [`LIMIT`].
pub fn check(model: &Model, selection: &Selection) -> Result<Size, TooLarge> {
    let fields = flattened_fields(model);
    let depth = depths(model);
    let deepest = selection
        .types
        .iter()
        .max_by_key(|id| depth[id.index()])
        .map(|&id| (model.ty(id).qualified_name(), depth[id.index()]))
        .unwrap_or_default();
    let mut size = Size::default();
    let too_large = |size: Size, widest| TooLarge {
        size,
        widest,
        deepest: deepest.clone(),
    };
    // Selected descendants of each type, counted by walking up from every selected type: the
    // sum of the depths, which the limit bounds too (each level is at least one field).
    let mut derived = vec![0u64; model.types.len()];
    for &id in &selection.types {
        let ty = model.ty(id);
        if ty.structured().is_none() {
            continue;
        }
        size.fields = size.fields.saturating_add(fields[id.index()]);
        if size.total() > LIMIT {
            return Err(too_large(size, None));
        }
        let mut steps = 0u64;
        let mut cur = ty.structured().and_then(|s| s.base);
        while let Some(base) = cur {
            // A cycle (possible only in a hand-built model) ends the walk.
            if base == id || steps >= depth[id.index()] {
                break;
            }
            steps += 1;
            if selection.contains(base) {
                derived[base.index()] += 1;
            }
            cur = model.ty(base).structured().and_then(|s| s.base);
        }
    }
    let mut widest: Option<(TypeId, u64)> = None;
    for &id in &selection.types {
        let d = derived[id.index()];
        if d == 0 {
            continue;
        }
        // Variants: the type, its derived types and `Other`.
        let arms = (d + 2).saturating_mul(PER_VARIANT);
        size.arms = size.arms.saturating_add(arms);
        if widest.is_none_or(|(_, w)| arms > w) {
            widest = Some((id, arms));
        }
    }
    if size.total() > LIMIT {
        let widest = widest.map(|(id, _)| {
            (
                model.ty(id).qualified_name(),
                derived[id.index()],
                fields[id.index()],
            )
        });
        return Err(too_large(size, widest));
    }
    Ok(size)
}

/// Structural and navigation properties of every structured type, inherited ones included.
fn flattened_fields(model: &Model) -> Vec<u64> {
    let own = |id: TypeId| {
        model.ty(id).structured().map_or(0, |s| {
            (s.properties.len() + s.navigation_properties.len()) as u64
        })
    };
    lineage_sums(model, own)
}

/// Inheritance depth of every type: 1 for a type without a base.
fn depths(model: &Model) -> Vec<u64> {
    lineage_sums(model, |_| 1)
}

/// `value(t)` summed over `t` and its bases, for every type, memoized so each type is visited a
/// bounded number of times whatever the shape of the hierarchy.
fn lineage_sums(model: &Model, value: impl Fn(TypeId) -> u64) -> Vec<u64> {
    let n = model.types.len();
    let mut sums: Vec<Option<u64>> = vec![None; n];
    let mut stack = Vec::new();
    for start in 0..n {
        let mut cur = Some(TypeId(start as u32));
        // Walk up to the first type already summed, then fill in on the way back.
        while let Some(id) = cur {
            // More steps than types: a cycle (possible only in a hand-built model).
            if sums[id.index()].is_some() || stack.len() > n {
                break;
            }
            stack.push(id);
            cur = model.ty(id).structured().and_then(|s| s.base);
        }
        let mut acc = cur.and_then(|c| sums[c.index()]).unwrap_or(0);
        while let Some(id) = stack.pop() {
            acc = acc.saturating_add(value(id));
            sums[id.index()] = Some(acc);
        }
    }
    sums.into_iter().map(Option::unwrap_or_default).collect()
}
