//! Complex types carried as any JSON value.
//!
//! Graph declares `microsoft.graph.Json` as a complex type with no properties and uses it for
//! hundreds of properties (Excel ranges' `values` and `formulas`, named items' `value`, ...) where
//! the service sends arrays, strings, numbers and objects alike. A struct cannot hold an array, so
//! such a type is mapped to an untyped value (`serde_json::Value`, as `Edm.Untyped` is), as Kiota
//! maps it to an untyped node. The rule is applied to the model, before selection: every property,
//! parameter and return type naming the type becomes `Edm.Untyped`, so nothing selects the type as
//! a dependency and the type itself is left out of `types: *`.

use crate::model::{Model, Primitive, TypeId, TypeKind, TypeRef, TypeTarget};
use crate::select::{resolve_names, UnknownName};
use std::fmt;

/// The types untyped when a caller names none: Graph's `Json`. (A model without it is unchanged.)
pub(crate) const DEFAULT_UNTYPED: &[&str] = &["microsoft.graph.Json"];

/// Why a name cannot be untyped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UntypedError {
    /// The model has no such type.
    Unknown(UnknownName),
    /// The type is not a complex type (entity and enum types keep their shape).
    NotComplex {
        index: usize,
        name: String,
        kind: &'static str,
    },
}

impl UntypedError {
    /// Position of the name in the caller's list.
    pub fn index(&self) -> usize {
        match self {
            UntypedError::Unknown(u) => u.index,
            UntypedError::NotComplex { index, .. } => *index,
        }
    }
}

impl fmt::Display for UntypedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UntypedError::Unknown(u) => u.fmt(f),
            UntypedError::NotComplex { name, kind, .. } => write!(
                f,
                "`{name}` is {kind}; only a complex type can be carried as untyped JSON"
            ),
        }
    }
}

/// Maps the named complex types to untyped JSON values (see the module docs). Each name is
/// resolved as in `types: [...]`, and must name a complex type.
pub fn untype(model: &mut Model, names: &[String]) -> Result<Vec<TypeId>, Vec<UntypedError>> {
    let ids = resolve_names(model, names).map_err(|unknown| {
        unknown
            .into_iter()
            .map(UntypedError::Unknown)
            .collect::<Vec<_>>()
    })?;
    let mut errors = Vec::new();
    for (index, (&id, name)) in ids.iter().zip(names).enumerate() {
        let kind = match model.ty(id).kind {
            TypeKind::Complex(_) => continue,
            TypeKind::Entity(_) => "an entity type",
            TypeKind::Enum(_) => "an enum type",
            TypeKind::Definition(_) => "a type definition",
        };
        errors.push(UntypedError::NotComplex {
            index,
            name: name.clone(),
            kind,
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    apply(model, &ids);
    Ok(ids)
}

/// `untyped: [...]` as a caller gave it: the named types (`Some`), or the default, Graph's
/// `microsoft.graph.Json` (`None`).
pub fn untype_as_given(
    model: &mut Model,
    names: Option<&[String]>,
) -> Result<(), Vec<UntypedError>> {
    match names {
        None => {
            untype_default(model);
            Ok(())
        }
        Some(names) => untype(model, names).map(|_| ()),
    }
}

/// [`untype`] with `DEFAULT_UNTYPED` (Graph's `microsoft.graph.Json`): the names the model has (and that are complex types).
pub fn untype_default(model: &mut Model) -> Vec<TypeId> {
    let ids: Vec<TypeId> = DEFAULT_UNTYPED
        .iter()
        .filter_map(|name| model.by_name.get(*name).copied())
        .filter(|&id| matches!(model.ty(id).kind, TypeKind::Complex(_)))
        .collect();
    apply(model, &ids);
    ids
}

fn apply(model: &mut Model, ids: &[TypeId]) {
    if ids.is_empty() {
        return;
    }
    let untyped = |tr: &mut TypeRef| {
        if matches!(tr.target, TypeTarget::Type(t) if ids.contains(&t)) {
            tr.target = TypeTarget::Primitive(Primitive::Untyped);
        }
    };
    for ty in &mut model.types {
        if let TypeKind::Entity(s) | TypeKind::Complex(s) = &mut ty.kind {
            s.properties.iter_mut().for_each(|p| untyped(&mut p.ty));
        }
    }
    for op in &mut model.operations {
        op.parameters.iter_mut().for_each(|p| untyped(&mut p.ty));
        if let Some(r) = &mut op.return_type {
            untyped(r);
        }
    }
    for &id in ids {
        if !model.untyped.contains(&id) {
            model.untyped.push(id);
        }
    }
}
