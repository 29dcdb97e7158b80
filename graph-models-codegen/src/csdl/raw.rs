//! What one document says, before names are resolved.
//!
//! Strings borrow from the parsed `roxmltree::Document`s, so the only copies made are the ones that
//! end up in the [`Model`](crate::model::Model). Parts that need no resolution (enum types, type
//! definitions, annotations) are already in their final model form.

use crate::model::{
    Annotation, Annotations, EnumType, Location, NavigationProperty, Operation, Property,
    TypeDefinition,
};

pub(crate) struct RawDoc<'a> {
    /// Index into the list of origins.
    pub doc: usize,
    pub references: Vec<RawReference<'a>>,
    pub schemas: Vec<RawSchema<'a>>,
    /// alias -> namespace declared in this document (schemas and includes); aliases are
    /// document-scoped in CSDL, so resolution asks this list first.
    pub aliases: Vec<(&'a str, &'a str)>,
}

pub(crate) struct RawReference<'a> {
    pub uri: &'a str,
    pub includes: Vec<(&'a str, Option<&'a str>)>,
    /// Set by the loader once it knows whether the caller supplied the document.
    pub supplied: bool,
    pub location: Location,
}

pub(crate) struct RawSchema<'a> {
    pub namespace: &'a str,
    pub alias: Option<&'a str>,
    pub location: Location,
    pub types: Vec<RawType<'a>>,
    pub operations: Vec<RawOperation<'a>>,
    pub containers: Vec<RawContainer<'a>>,
    pub terms: Vec<RawTerm<'a>>,
    pub annotation_blocks: Vec<RawAnnotations<'a>>,
    /// `Annotation`s directly inside `Schema`.
    pub annotations: Annotations,
}

pub(crate) struct RawType<'a> {
    pub name: &'a str,
    pub location: Location,
    pub annotations: Annotations,
    pub kind: RawKind<'a>,
}

pub(crate) enum RawKind<'a> {
    Entity(RawStructured<'a>),
    Complex(RawStructured<'a>),
    Enum(EnumType),
    Definition(TypeDefinition),
}

pub(crate) struct RawStructured<'a> {
    pub base: Option<&'a str>,
    pub is_abstract: bool,
    /// As written: `OpenType="false"` under an open base is an error, an absent one is not.
    pub open: Option<bool>,
    pub has_stream: bool,
    pub key: Vec<(&'a str, Location)>,
    /// Final form except `ty`, a placeholder until resolution fills it from the parallel
    /// `*_types` (the vectors then move into the model as they are).
    pub properties: Vec<Property>,
    pub property_types: Vec<&'a str>,
    pub navigation_properties: Vec<NavigationProperty>,
    pub navigation_types: Vec<&'a str>,
}

/// `op`'s parameter and return types are placeholders until resolution.
pub(crate) struct RawOperation<'a> {
    pub name: &'a str,
    pub op: Operation,
    pub parameter_types: Vec<&'a str>,
    pub return_type: Option<&'a str>,
}

pub(crate) struct RawContainer<'a> {
    pub name: &'a str,
    pub location: Location,
    pub elements: Vec<RawContainerElement<'a>>,
    pub annotations: Annotations,
}

pub(crate) enum RawElementKind<'a> {
    EntitySet(&'a str),
    Singleton(&'a str),
    ActionImport(&'a str),
    FunctionImport(&'a str),
}

pub(crate) struct RawContainerElement<'a> {
    pub name: &'a str,
    pub location: Location,
    pub kind: RawElementKind<'a>,
    /// `NavigationPropertyBinding Path`, with its location.
    pub bindings: Vec<(&'a str, Location)>,
    pub annotations: Annotations,
}

pub(crate) struct RawTerm<'a> {
    pub name: &'a str,
    pub ty: &'a str,
    pub location: Location,
    pub annotations: Annotations,
}

/// `<Annotations Target="...">`; the block's `Qualifier` is already applied to its annotations.
pub(crate) struct RawAnnotations<'a> {
    pub target: &'a str,
    pub location: Location,
    pub annotations: Vec<Annotation>,
}
