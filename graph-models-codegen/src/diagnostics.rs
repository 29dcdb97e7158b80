//! Located diagnostics: every problem names what and where (`file:line:col`).

use crate::model::Location;
use std::fmt;

/// What went wrong; one variant per distinct kind so tests and tools can match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DiagnosticKind {
    MalformedXml,
    /// Not an `edmx:Edmx` document, or a required attribute missing.
    InvalidDocument,
    UnresolvedType,
    UnresolvedBaseType,
    /// A namespace named by an `edmx:Reference` whose document the caller did not supply.
    UnresolvedReference,
    InheritanceCycle,
    /// Entity type with a complex base type or the reverse.
    BaseTypeKindMismatch,
    DuplicateSchemaElement,
    DuplicateProperty,
    DuplicateEnumMember,
    DuplicateAlias,
    InvalidQualifiedName,
    EnumUnderlyingType,
    EnumValueOutOfRange,
    KeyPropertyMissing,
    KeyPropertyNullable,
    InvalidAttributeValue,
    /// Tolerated: an element or attribute the reader does not know.
    UnknownElement,
    /// Tolerated: an annotation term from a vocabulary nobody referenced.
    UnknownTerm,
    /// Code generation: a type name the metadata lacks.
    UnknownTypeName,
    /// An element that may appear once appears again (e.g. a second `Key`).
    DuplicateElement,
    /// A `NavigationProperty` whose type is not an entity type.
    NavigationPropertyType,
    /// A type with `OpenType="false"` deriving from an open type.
    OpenTypeMismatch,
    /// A `NavigationPropertyBinding` path that does not lead to a navigation property.
    UnresolvedNavigationPath,
    /// Two entity sets, singletons or imports with one name in one `EntityContainer`.
    DuplicateContainerElement,
    /// An `ActionImport` / `FunctionImport` naming an operation nobody declared.
    UnresolvedOperation,
    /// Tolerated: an `Annotations Target` naming nothing the reader knows.
    UnknownAnnotationTarget,
}

impl DiagnosticKind {
    /// Kebab-case name used in `FILE:LINE:COL: kind: message`.
    pub fn name(self) -> &'static str {
        use DiagnosticKind::*;
        match self {
            MalformedXml => "malformed-xml",
            InvalidDocument => "invalid-document",
            UnresolvedType => "unresolved-type",
            UnresolvedBaseType => "unresolved-base-type",
            UnresolvedReference => "unresolved-reference",
            InheritanceCycle => "inheritance-cycle",
            BaseTypeKindMismatch => "base-type-kind-mismatch",
            DuplicateSchemaElement => "duplicate-schema-element",
            DuplicateProperty => "duplicate-property",
            DuplicateEnumMember => "duplicate-enum-member",
            DuplicateAlias => "duplicate-alias",
            InvalidQualifiedName => "invalid-qualified-name",
            EnumUnderlyingType => "enum-underlying-type",
            EnumValueOutOfRange => "enum-value-out-of-range",
            KeyPropertyMissing => "key-property-missing",
            KeyPropertyNullable => "key-property-nullable",
            InvalidAttributeValue => "invalid-attribute-value",
            UnknownElement => "unknown-element",
            UnknownTerm => "unknown-term",
            UnknownTypeName => "unknown-type-name",
            DuplicateElement => "duplicate-element",
            NavigationPropertyType => "navigation-property-type",
            OpenTypeMismatch => "open-type-mismatch",
            UnresolvedNavigationPath => "unresolved-navigation-path",
            DuplicateContainerElement => "duplicate-container-element",
            UnresolvedOperation => "unresolved-operation",
            UnknownAnnotationTarget => "unknown-annotation-target",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub kind: DiagnosticKind,
    pub severity: Severity,
    /// The document's name as given by the caller.
    pub origin: String,
    pub location: Location,
    pub message: String,
}

impl Diagnostic {
    pub fn error(
        kind: DiagnosticKind,
        origin: &str,
        location: Location,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            kind,
            severity: Severity::Error,
            origin: origin.to_string(),
            location,
            message: message.into(),
        }
    }

    pub fn warning(
        kind: DiagnosticKind,
        origin: &str,
        location: Location,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            kind,
            severity: Severity::Warning,
            origin: origin.to_string(),
            location,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    /// `FILE:LINE:COL: kind: message`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.origin,
            self.location.line,
            self.location.col,
            self.kind.name(),
            self.message
        )
    }
}

/// All errors of a read (never only the first), plus the warnings seen on the way.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.severity == Severity::Error)
    }

    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}
