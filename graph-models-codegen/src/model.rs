//! The resolved model: what a CSDL document means once every name is resolved.
//!
//! Names follow the OData CSDL spec (EntityType, ComplexType, NavigationProperty, Schema, Alias).
//! Every type reference is a [`TypeId`] into [`Model::types`] or a [`Primitive`]; alias forms are
//! gone by the time a `Model` exists, so later stages never look at strings to find a type.

use std::collections::HashMap;

/// A place in a source document (1-based line and column, as editors show them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Location {
    pub line: u32,
    pub col: u32,
}

/// Index into [`Model::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub u32);

impl TypeId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The Edm primitive types (OData CSDL 4.01, section 4.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Primitive {
    Binary,
    Boolean,
    Byte,
    Date,
    DateTimeOffset,
    Decimal,
    Double,
    Duration,
    Guid,
    Int16,
    Int32,
    Int64,
    SByte,
    Single,
    Stream,
    String,
    TimeOfDay,
    /// `Edm.Untyped`, `Edm.PrimitiveType`, `Edm.ComplexType`, `Edm.EntityType`, `Edm.AnnotationPath`, ...:
    /// abstract or path types that carry any JSON value.
    Untyped,
    /// `Edm.Geography*` / `Edm.Geometry*`: GeoJSON objects.
    Geo,
}

impl Primitive {
    /// Parses the name after `Edm.` (e.g. `"Int32"`).
    pub(crate) fn from_edm_name(name: &str) -> Option<Primitive> {
        use Primitive::*;
        Some(match name {
            "Binary" => Binary,
            "Boolean" => Boolean,
            "Byte" => Byte,
            "Date" => Date,
            "DateTimeOffset" => DateTimeOffset,
            "Decimal" => Decimal,
            "Double" => Double,
            "Duration" => Duration,
            "Guid" => Guid,
            "Int16" => Int16,
            "Int32" => Int32,
            "Int64" => Int64,
            "SByte" => SByte,
            "Single" => Single,
            "Stream" => Stream,
            "String" => String,
            "TimeOfDay" => TimeOfDay,
            "Untyped"
            | "PrimitiveType"
            | "ComplexType"
            | "EntityType"
            | "AnnotationPath"
            | "PropertyPath"
            | "NavigationPropertyPath"
            | "AnyPropertyPath"
            | "ModelElementPath" => Untyped,
            n if n.starts_with("Geography") || n.starts_with("Geometry") => Geo,
            _ => return None,
        })
    }

    pub fn edm_name(self) -> &'static str {
        use Primitive::*;
        match self {
            Binary => "Binary",
            Boolean => "Boolean",
            Byte => "Byte",
            Date => "Date",
            DateTimeOffset => "DateTimeOffset",
            Decimal => "Decimal",
            Double => "Double",
            Duration => "Duration",
            Guid => "Guid",
            Int16 => "Int16",
            Int32 => "Int32",
            Int64 => "Int64",
            SByte => "SByte",
            Single => "Single",
            Stream => "Stream",
            String => "String",
            TimeOfDay => "TimeOfDay",
            Untyped => "Untyped",
            Geo => "Geography",
        }
    }
}

/// What a property, parameter or return type refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TypeTarget {
    Primitive(Primitive),
    Type(TypeId),
}

/// A resolved type reference: `Collection(...)` or single.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TypeRef {
    pub collection: bool,
    pub target: TypeTarget,
}

/// An annotation value, as far as the reader understands it. Terms and forms it does not know are kept
/// raw, never an error.
#[derive(Debug, Clone, PartialEq)]
pub enum AnnotationValue {
    /// `String="..."` or `<String>`.
    String(String),
    Bool(bool),
    Int(i64),
    /// `Float` / `Decimal`, as written.
    Number(String),
    /// `EnumMember="Org.OData.Core.V1.Permission/Read"`, as written (may hold several, space separated).
    EnumMember(String),
    /// `Path`, `PropertyPath`, `NavigationPropertyPath`, `AnnotationPath`, ... as written.
    Path(String),
    /// `Date`, `DateTimeOffset`, `Guid`, `Duration`, ... constants, as written.
    Constant(String),
    Record(Vec<(String, AnnotationValue)>),
    Collection(Vec<AnnotationValue>),
    /// An annotation without a value (Core terms default to `true`).
    Empty,
    /// An expression the reader does not evaluate, kept as its source text.
    Raw(String),
}

/// One `<Annotation Term=... Qualifier=...>`; `term` is namespace-qualified (alias resolved where the
/// alias is known, e.g. `Org.OData.Core.V1.Description`).
#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    pub term: String,
    pub qualifier: Option<String>,
    pub value: AnnotationValue,
    pub location: Location,
}

pub const CORE: &str = "Org.OData.Core.V1";

/// `Core.Revisions` entry.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Revision {
    /// `Added`, `Modified`, `Deprecated`.
    pub kind: String,
    pub version: Option<String>,
    pub description: Option<String>,
    pub date: Option<String>,
    pub removal_date: Option<String>,
}

/// The annotations attached to one model element, with accessors for the terms the generator uses.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Annotations(pub Vec<Annotation>);

impl Annotations {
    pub fn get(&self, term: &str) -> Option<&AnnotationValue> {
        self.0
            .iter()
            .find(|a| a.term == term && a.qualifier.is_none())
            .map(|a| &a.value)
    }

    fn core_string(&self, name: &str) -> Option<&str> {
        match self.get(&format!("{CORE}.{name}"))? {
            AnnotationValue::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn description(&self) -> Option<&str> {
        self.core_string("Description")
    }

    pub(crate) fn long_description(&self) -> Option<&str> {
        self.core_string("LongDescription")
    }

    pub fn computed(&self) -> bool {
        matches!(
            self.get(&format!("{CORE}.Computed")),
            Some(AnnotationValue::Bool(true) | AnnotationValue::Empty)
        )
    }

    /// `Core.Permissions`, e.g. `["Read"]`.
    pub fn permissions(&self) -> Vec<String> {
        match self.get(&format!("{CORE}.Permissions")) {
            Some(AnnotationValue::EnumMember(s)) => s
                .split_whitespace()
                .map(|m| m.rsplit('/').next().unwrap_or(m).to_string())
                .collect(),
            _ => Vec::new(),
        }
    }

    pub(crate) fn revisions(&self) -> Vec<Revision> {
        let Some(AnnotationValue::Collection(items)) = self.get(&format!("{CORE}.Revisions"))
        else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| {
                let AnnotationValue::Record(fields) = item else {
                    return None;
                };
                let mut rev = Revision::default();
                for (name, value) in fields {
                    let text = match value {
                        AnnotationValue::String(s)
                        | AnnotationValue::Constant(s)
                        | AnnotationValue::EnumMember(s) => s.clone(),
                        _ => continue,
                    };
                    match name.as_str() {
                        "Kind" => rev.kind = text.rsplit('/').next().unwrap_or(&text).to_string(),
                        "Version" => rev.version = Some(text),
                        "Description" => rev.description = Some(text),
                        "Date" => rev.date = Some(text),
                        "RemovalDate" => rev.removal_date = Some(text),
                        _ => {}
                    }
                }
                Some(rev)
            })
            .collect()
    }

    /// The first `Core.Revisions` entry of kind `Deprecated`.
    pub fn deprecation(&self) -> Option<Revision> {
        self.revisions()
            .into_iter()
            .find(|r| r.kind == "Deprecated")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    pub name: String,
    pub ty: TypeRef,
    /// `Nullable`, default true.
    pub nullable: bool,
    pub max_length: Option<String>,
    pub precision: Option<u32>,
    pub scale: Option<String>,
    pub srid: Option<String>,
    pub default_value: Option<String>,
    pub annotations: Annotations,
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NavigationProperty {
    pub name: String,
    /// Always an entity type.
    pub ty: TypeRef,
    pub nullable: bool,
    pub contains_target: bool,
    pub partner: Option<String>,
    pub annotations: Annotations,
    pub location: Location,
}

/// Shared shape of `EntityType` and `ComplexType`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StructuredType {
    pub base: Option<TypeId>,
    pub is_abstract: bool,
    pub open: bool,
    pub has_stream: bool,
    /// `Key/PropertyRef/@Name` (entity types only; may name an inherited property or a path).
    pub key: Vec<String>,
    /// Declared on this type only; see [`Model::all_properties`] for inherited ones.
    pub properties: Vec<Property>,
    pub navigation_properties: Vec<NavigationProperty>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumMember {
    pub name: String,
    pub value: i64,
    pub annotations: Annotations,
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumType {
    /// One of Byte, SByte, Int16, Int32 (default), Int64.
    pub underlying: Primitive,
    pub is_flags: bool,
    pub members: Vec<EnumMember>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TypeDefinition {
    pub underlying: Primitive,
    pub max_length: Option<String>,
    pub precision: Option<u32>,
    pub scale: Option<String>,
    pub srid: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Entity(StructuredType),
    Complex(StructuredType),
    Enum(EnumType),
    Definition(TypeDefinition),
}

/// A schema element that is a type.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaType {
    /// The schema's namespace (never the alias).
    pub namespace: String,
    pub name: String,
    pub kind: TypeKind,
    pub annotations: Annotations,
    /// Origin (file name as given to the reader) and position of the element.
    pub origin: String,
    pub location: Location,
}

impl SchemaType {
    /// `namespace.name`.
    pub fn qualified_name(&self) -> String {
        format!("{}.{}", self.namespace, self.name)
    }

    pub fn structured(&self) -> Option<&StructuredType> {
        match &self.kind {
            TypeKind::Entity(s) | TypeKind::Complex(s) => Some(s),
            _ => None,
        }
    }

    pub fn is_entity(&self) -> bool {
        matches!(self.kind, TypeKind::Entity(_))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    pub namespace: String,
    pub alias: Option<String>,
    pub origin: String,
    pub location: Location,
}

/// `edmx:Reference` with its `edmx:Include`s.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub uri: String,
    pub includes: Vec<Include>,
    /// Whether the caller supplied the referenced document.
    pub supplied: bool,
    pub origin: String,
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Include {
    pub namespace: String,
    pub alias: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    pub name: String,
    pub ty: TypeRef,
    pub nullable: bool,
}

/// `Action` or `Function` (kept in the model; nothing generates code from them yet).
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    pub namespace: String,
    pub name: String,
    pub is_function: bool,
    pub is_bound: bool,
    pub is_composable: bool,
    pub parameters: Vec<Parameter>,
    pub return_type: Option<TypeRef>,
    pub annotations: Annotations,
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ContainerElementKind {
    EntitySet { entity_type: TypeId },
    Singleton { ty: TypeId },
    ActionImport { action: String },
    FunctionImport { function: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct ContainerElement {
    pub name: String,
    pub kind: ContainerElementKind,
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EntityContainer {
    pub namespace: String,
    pub name: String,
    pub elements: Vec<ContainerElement>,
    pub location: Location,
}

/// A fully resolved set of CSDL documents.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Model {
    pub schemas: Vec<Schema>,
    pub references: Vec<Reference>,
    pub types: Vec<SchemaType>,
    pub operations: Vec<Operation>,
    pub containers: Vec<EntityContainer>,
    /// Direct derived types of each type, indexed like `types`, in document order.
    pub derived: Vec<Vec<TypeId>>,
    /// `namespace.name` -> type.
    pub by_name: HashMap<String, TypeId>,
    /// alias -> namespace, for schemas and `edmx:Include`s.
    pub aliases: HashMap<String, String>,
    /// What the reader tolerated (unknown elements, ...).
    pub warnings: Vec<crate::diagnostics::Diagnostic>,
    /// Annotations whose target is not a type, property, enum member or operation (entity sets,
    /// singletons, containers, parameters, terms, schemas, nested paths, unknown targets), keyed by
    /// the target with its alias replaced by the namespace, e.g. `microsoft.graph.GraphService/users`.
    pub other_annotations: HashMap<String, Annotations>,
    /// Complex types carried as untyped JSON (`crate::untyped`): no property refers to them any
    /// more, and they generate no item.
    pub untyped: Vec<TypeId>,
}

impl Model {
    pub fn ty(&self, id: TypeId) -> &SchemaType {
        &self.types[id.index()]
    }

    /// Looks a type up by `namespace.name`, `alias.name`, or a bare name when exactly one type has it.
    pub fn lookup(&self, name: &str) -> Option<TypeId> {
        if let Some(id) = self.by_name.get(name) {
            return Some(*id);
        }
        if let Some((prefix, simple)) = name.rsplit_once('.') {
            let ns = self.aliases.get(prefix)?;
            return self.by_name.get(&format!("{ns}.{simple}")).copied();
        }
        let mut found = self
            .types
            .iter()
            .enumerate()
            .filter(|(_, t)| t.name == name);
        let first = found.next()?;
        if found.next().is_some() {
            return None;
        }
        Some(TypeId(first.0 as u32))
    }

    /// The key of `id`: its own `Key`, else the nearest base type's (keys are inherited).
    pub fn key(&self, id: TypeId) -> &[String] {
        std::iter::once(id)
            .chain(self.base_chain(id))
            .filter_map(|t| self.ty(t).structured())
            .map(|s| s.key.as_slice())
            .find(|k| !k.is_empty())
            .unwrap_or(&[])
    }

    /// Base types of `id`, nearest first.
    pub fn base_chain(&self, id: TypeId) -> Vec<TypeId> {
        let mut chain = Vec::new();
        let mut cur = self.ty(id).structured().and_then(|s| s.base);
        while let Some(b) = cur {
            // The reader cuts cycles; a hand-built model may not, and a chain longer than the
            // number of types has one. (Not `contains`: that is quadratic on deep chains.)
            if b == id || chain.len() >= self.types.len() {
                break;
            }
            chain.push(b);
            cur = self.ty(b).structured().and_then(|s| s.base);
        }
        chain
    }

    /// Whether `id` is `ancestor` or derives from it.
    pub fn derives_from(&self, id: TypeId, ancestor: TypeId) -> bool {
        id == ancestor || self.base_chain(id).contains(&ancestor)
    }

    /// Every type deriving from `id`, directly or transitively, in breadth-first document order.
    pub fn all_derived(&self, id: TypeId) -> Vec<TypeId> {
        let mut out: Vec<TypeId> = Vec::new();
        // A set, not `out.contains`: that is quadratic when one type has thousands of descendants.
        let mut seen = std::collections::HashSet::from([id]);
        let mut i = 0;
        out.extend(self.derived[id.index()].iter().copied());
        seen.extend(out.iter().copied());
        while i < out.len() {
            let next = out[i];
            for d in &self.derived[next.index()] {
                if seen.insert(*d) {
                    out.push(*d);
                }
            }
            i += 1;
        }
        out
    }

    /// Structural properties, inherited first (root base first), then declared, each in document order.
    pub fn all_properties(&self, id: TypeId) -> Vec<&Property> {
        let mut chain = self.base_chain(id);
        chain.reverse();
        chain.push(id);
        chain
            .into_iter()
            .filter_map(|t| self.ty(t).structured())
            .flat_map(|s| s.properties.iter())
            .collect()
    }

    /// Navigation properties, inherited first.
    pub fn all_navigation_properties(&self, id: TypeId) -> Vec<&NavigationProperty> {
        let mut chain = self.base_chain(id);
        chain.reverse();
        chain.push(id);
        chain
            .into_iter()
            .filter_map(|t| self.ty(t).structured())
            .flat_map(|s| s.navigation_properties.iter())
            .collect()
    }
}
