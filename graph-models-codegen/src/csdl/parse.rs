//! XML -> [`RawDoc`]: the elements of one document with their locations, no names resolved.
//!
//! Structural problems that need no other document (missing attributes, bad attribute values, enum
//! ranges, duplicate members, aliases) are reported here; everything about names is left to
//! `resolve`.

use super::fxhash::FxSet;
use super::location::LineIndex;
use super::names;
use super::raw::*;
use crate::diagnostics::{Diagnostic, DiagnosticKind as K};
use crate::model::{
    Annotations, EnumMember, EnumType, Location, NavigationProperty, Operation, Parameter,
    Primitive, Property, TypeDefinition, TypeRef, TypeTarget,
};
use roxmltree::{Document, Node};

/// Filled in by `resolve`.
pub(crate) const PLACEHOLDER: TypeRef = TypeRef {
    collection: false,
    target: TypeTarget::Primitive(Primitive::Untyped),
};

/// CSDL elements carry an edm or edmx namespace (OASIS `.../odata/ns/edm`, or Microsoft's older
/// `.../ado/2007/06/edmx` that some v4 documents still use); documents that forgot `xmlns` are
/// still read. Elements of any other namespace are custom annotations, skipped without a word.
fn is_csdl(n: &Node) -> bool {
    match n.tag_name().namespace() {
        None => true,
        Some(ns) => ns.ends_with("/edm") || ns.ends_with("/edmx"),
    }
}

fn elements<'a, 'i>(n: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children().filter(|c| c.is_element() && is_csdl(c))
}

pub(crate) struct Ctx<'a, 'c> {
    pub origin: &'c str,
    pub lines: &'c LineIndex<'a>,
    pub diags: &'c mut Vec<Diagnostic>,
    pub aliases: Vec<(&'a str, &'a str)>,
    pub text: &'a str,
}

pub(crate) fn read_document<'a>(
    doc_index: usize,
    doc: &'a Document<'a>,
    lines: &LineIndex<'a>,
    origin: &str,
    diags: &mut Vec<Diagnostic>,
) -> RawDoc<'a> {
    let mut cx = Ctx {
        origin,
        lines,
        diags,
        aliases: Vec::new(),
        text: doc.input_text(),
    };
    let root = doc.root_element();
    let mut references = Vec::new();
    let mut schema_nodes = Vec::new();
    match root.tag_name().name() {
        "Edmx" => {
            let mut data_services = 0;
            for c in elements(root) {
                match c.tag_name().name() {
                    "Reference" => references.extend(cx.reference(c)),
                    "DataServices" => {
                        data_services += 1;
                        if data_services > 1 {
                            cx.error(K::DuplicateElement, c, "a second edmx:DataServices");
                        }
                        for s in elements(c) {
                            if s.tag_name().name() == "Schema" {
                                schema_nodes.push(s);
                            } else {
                                cx.unknown(s);
                            }
                        }
                    }
                    _ => cx.unknown(c),
                }
            }
            if data_services == 0 {
                cx.error(
                    K::InvalidDocument,
                    root,
                    "edmx:Edmx without edmx:DataServices",
                );
            }
        }
        // Bare `<Schema>` documents (no edmx wrapper) are what odata.net's tests and some
        // services hand around; read them as a one-schema document.
        "Schema" => schema_nodes.push(root),
        other => cx.error(
            K::InvalidDocument,
            root,
            format!("root element is <{other}>, expected edmx:Edmx or Schema"),
        ),
    }
    // Aliases first: a schema may use an alias declared by a later schema or include.
    for r in &references {
        for (ns, alias) in &r.includes {
            if let Some(alias) = alias {
                cx.add_alias(alias, ns, r.location);
            }
        }
    }
    for s in &schema_nodes {
        if let (Some(alias), Some(ns)) = (s.attribute("Alias"), s.attribute("Namespace")) {
            let loc = cx.loc(*s);
            cx.add_alias(alias, ns, loc);
        }
    }
    let schemas = schema_nodes
        .into_iter()
        .filter_map(|s| cx.schema(s))
        .collect();
    RawDoc {
        doc: doc_index,
        references,
        schemas,
        aliases: cx.aliases,
    }
}

impl<'a> Ctx<'a, '_> {
    pub fn loc(&self, n: Node) -> Location {
        self.lines.at(n.range().start)
    }

    pub fn error(&mut self, kind: K, n: Node, msg: impl Into<String>) {
        let loc = self.loc(n);
        self.diags
            .push(Diagnostic::error(kind, self.origin, loc, msg));
    }

    pub fn warn(&mut self, kind: K, n: Node, msg: impl Into<String>) {
        let loc = self.loc(n);
        self.diags
            .push(Diagnostic::warning(kind, self.origin, loc, msg));
    }

    fn unknown(&mut self, n: Node) {
        let msg = format!("unknown element <{}> ignored", n.tag_name().name());
        self.warn(K::UnknownElement, n, msg);
    }

    /// Non-namespaced attributes the reader does not know are tolerated (e.g. `FixLength`);
    /// namespaced ones are vendor extensions and not worth a warning.
    fn check_attributes(&mut self, n: Node, known: &[&str]) {
        for a in n.attributes() {
            if a.namespace().is_none() && !known.contains(&a.name()) {
                let msg = format!(
                    "unknown attribute {} on <{}> ignored",
                    a.name(),
                    n.tag_name().name()
                );
                self.warn(K::UnknownElement, n, msg);
            }
        }
    }

    fn required(&mut self, n: Node<'a, '_>, attr: &str) -> Option<&'a str> {
        let v = n.attribute(attr);
        if v.is_none() {
            let msg = format!(
                "<{}> lacks the required attribute {attr}",
                n.tag_name().name()
            );
            self.error(K::InvalidDocument, n, msg);
        }
        v
    }

    /// A required `Name` that must be a simple identifier: an error for types (their names become
    /// code), a warning for terms, operations and containers (Olingo's vocabulary has a term
    /// `xml10-incompatible-char-replacement`).
    fn name(&mut self, n: Node<'a, '_>, is_type: bool) -> Option<&'a str> {
        let name = self.required(n, "Name")?;
        if !names::is_simple_identifier(name) {
            let msg = format!(
                "<{} Name=\"{name}\"> is not a simple identifier",
                n.tag_name().name()
            );
            if is_type {
                self.error(K::InvalidQualifiedName, n, msg);
            } else {
                self.warn(K::InvalidQualifiedName, n, msg);
            }
        }
        Some(name)
    }

    pub fn bool_attr(&mut self, n: Node, attr: &str, default: bool) -> bool {
        self.opt_bool(n, attr).unwrap_or(default)
    }

    pub fn opt_bool(&mut self, n: Node, attr: &str) -> Option<bool> {
        let v = n.attribute(attr)?;
        self.parse_bool(n, attr, v)
    }

    fn parse_bool(&mut self, n: Node, attr: &str, v: &str) -> Option<bool> {
        match v {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            // Seen in real documents (odata.net code-gen inputs); xs:boolean has no such form.
            _ if v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("false") => {
                let msg = format!("{attr}=\"{v}\" read as {}", v.to_ascii_lowercase());
                self.warn(K::InvalidAttributeValue, n, msg);
                Some(v.eq_ignore_ascii_case("true"))
            }
            _ => {
                let msg = format!("{attr}=\"{v}\" is not a boolean");
                self.error(K::InvalidAttributeValue, n, msg);
                None
            }
        }
    }

    fn u32_attr(&mut self, n: Node, attr: &str) -> Option<u32> {
        let v = n.attribute(attr)?;
        self.parse_u32(n, attr, v)
    }

    fn parse_u32(&mut self, n: Node, attr: &str, v: &str) -> Option<u32> {
        match v.trim().parse() {
            Ok(p) => Some(p),
            Err(_) => {
                let msg = format!("{attr}=\"{v}\" is not a non-negative integer");
                self.error(K::InvalidAttributeValue, n, msg);
                None
            }
        }
    }

    fn unknown_attribute(&mut self, n: Node, attr: &str) {
        let msg = format!(
            "unknown attribute {attr} on <{}> ignored",
            n.tag_name().name()
        );
        self.warn(K::UnknownElement, n, msg);
    }

    fn missing(&mut self, n: Node, attr: &str) {
        let msg = format!(
            "<{}> lacks the required attribute {attr}",
            n.tag_name().name()
        );
        self.error(K::InvalidDocument, n, msg);
    }

    fn add_alias(&mut self, alias: &'a str, ns: &'a str, loc: Location) {
        // `Alias` equal to a dotted namespace (SAP CAP writes that) is harmless.
        if alias.contains('.') && alias != ns {
            // A dotted alias makes `alias.Name` ambiguous with namespaces: not readable.
            let msg = format!("alias `{alias}` of `{ns}` contains a period");
            self.diags.push(Diagnostic::error(
                K::InvalidQualifiedName,
                self.origin,
                loc,
                msg,
            ));
        } else if !names::is_simple_identifier(alias) && alias != ns {
            // e.g. Olingo's `olingo-extensions`: unambiguous, so tolerated.
            let msg = format!("alias `{alias}` of `{ns}` is not a simple identifier (tolerated)");
            self.diags.push(Diagnostic::warning(
                K::InvalidQualifiedName,
                self.origin,
                loc,
                msg,
            ));
        }
        if let Some((_, other)) = self.aliases.iter().find(|(a, _)| *a == alias) {
            let msg = format!("alias `{alias}` declared twice (for `{other}` and `{ns}`)");
            self.diags
                .push(Diagnostic::error(K::DuplicateAlias, self.origin, loc, msg));
            return;
        }
        self.aliases.push((alias, ns));
    }

    fn reference(&mut self, n: Node<'a, '_>) -> Option<RawReference<'a>> {
        let uri = self.required(n, "Uri")?;
        let mut includes = Vec::new();
        for c in elements(n) {
            match c.tag_name().name() {
                "Include" => {
                    if let Some(ns) = self.required(c, "Namespace") {
                        includes.push((ns, c.attribute("Alias")));
                    }
                }
                "IncludeAnnotations" | "Annotation" => {}
                _ => self.unknown(c),
            }
        }
        Some(RawReference {
            uri,
            includes,
            supplied: false,
            location: self.loc(n),
        })
    }

    fn schema(&mut self, n: Node<'a, '_>) -> Option<RawSchema<'a>> {
        let namespace = self.required(n, "Namespace")?;
        if !names::is_namespace(namespace) {
            let msg = format!("namespace `{namespace}` is not a dotted identifier");
            self.error(K::InvalidQualifiedName, n, msg);
        }
        let mut s = RawSchema {
            namespace,
            alias: n.attribute("Alias"),
            location: self.loc(n),
            types: Vec::new(),
            operations: Vec::new(),
            containers: Vec::new(),
            terms: Vec::new(),
            annotation_blocks: Vec::new(),
            annotations: Annotations::default(),
        };
        for c in elements(n) {
            match c.tag_name().name() {
                "EntityType" => s.types.extend(self.structured(c, true)),
                "ComplexType" => s.types.extend(self.structured(c, false)),
                "EnumType" => s.types.extend(self.enum_type(c)),
                "TypeDefinition" => s.types.extend(self.type_definition(c)),
                "Action" => s.operations.extend(self.operation(c, namespace, false)),
                "Function" => s.operations.extend(self.operation(c, namespace, true)),
                "EntityContainer" => s.containers.extend(self.container(c)),
                "Term" => s.terms.extend(self.term(c)),
                "Annotations" => s.annotation_blocks.extend(self.annotation_block(c)),
                "Annotation" => s.annotations.0.extend(self.annotation(c, None)),
                _ => self.unknown(c),
            }
        }
        Some(s)
    }

    /// Inline `Annotation` children, other known children go to `on_child`.
    fn annotations_of(&mut self, n: Node<'a, '_>) -> Annotations {
        let mut out = Annotations::default();
        if !n.has_children() {
            return out;
        }
        for c in elements(n) {
            if c.tag_name().name() == "Annotation" {
                out.0.extend(self.annotation(c, None));
            } else {
                self.unknown(c);
            }
        }
        out
    }

    // Locations are taken before the children's: `LineIndex` is fastest in document order.
    fn structured(&mut self, n: Node<'a, '_>, entity: bool) -> Option<RawType<'a>> {
        let name = self.name(n, true)?;
        let location = self.loc(n);
        let children = n.children().filter(|c| c.is_element()).count();
        self.check_attributes(
            n,
            &["Name", "BaseType", "Abstract", "OpenType", "HasStream"],
        );
        let mut st = RawStructured {
            base: n.attribute("BaseType"),
            is_abstract: self.bool_attr(n, "Abstract", false),
            open: self.opt_bool(n, "OpenType"),
            has_stream: self.bool_attr(n, "HasStream", false),
            key: Vec::new(),
            // Sized once: Graph's types have up to ~150 members, grown one by one they realloc.
            properties: Vec::with_capacity(children),
            property_types: Vec::with_capacity(children),
            navigation_properties: Vec::new(),
            navigation_types: Vec::new(),
        };
        let mut annotations = Annotations::default();
        let mut keys = 0;
        for c in elements(n) {
            match c.tag_name().name() {
                "Property" => {
                    if let Some((p, ty)) = self.property(c) {
                        st.properties.push(p);
                        st.property_types.push(ty);
                    }
                }
                "NavigationProperty" => {
                    if let Some((nav, ty)) = self.navigation(c) {
                        st.navigation_properties.push(nav);
                        st.navigation_types.push(ty);
                    }
                }
                "Annotation" => annotations.0.extend(self.annotation(c, None)),
                "Key" if entity => {
                    keys += 1;
                    if keys > 1 {
                        self.error(
                            K::DuplicateElement,
                            c,
                            format!("entity type `{name}` has a second <Key>"),
                        );
                        continue;
                    }
                    for r in elements(c) {
                        if r.tag_name().name() != "PropertyRef" {
                            self.unknown(r);
                        } else if let Some(p) = self.required(r, "Name") {
                            let loc = self.loc(r);
                            st.key.push((p, loc));
                        }
                    }
                }
                _ => self.unknown(c),
            }
        }
        let kind = if entity {
            RawKind::Entity(st)
        } else {
            RawKind::Complex(st)
        };
        Some(RawType {
            name,
            location,
            annotations,
            kind,
        })
    }

    /// One pass over the attributes (the Graph document has ~10k properties; looking each
    /// attribute up by name rescans them all).
    fn property(&mut self, n: Node<'a, '_>) -> Option<(Property, &'a str)> {
        let (mut name, mut ty) = (None, None);
        let mut p = Property {
            name: String::new(),
            ty: PLACEHOLDER,
            nullable: true,
            max_length: None,
            precision: None,
            scale: None,
            srid: None,
            default_value: None,
            annotations: Annotations::default(),
            location: self.loc(n),
        };
        for a in n.attributes() {
            if a.namespace().is_some() {
                continue;
            }
            let v = a.value();
            match a.name() {
                "Name" => name = Some(v),
                "Type" => ty = Some(v),
                "Nullable" => p.nullable = self.parse_bool(n, "Nullable", v).unwrap_or(true),
                "MaxLength" => p.max_length = Some(v.to_string()),
                "Precision" => p.precision = self.parse_u32(n, "Precision", v),
                "Scale" => p.scale = Some(v.to_string()),
                "SRID" => p.srid = Some(v.to_string()),
                "DefaultValue" => p.default_value = Some(v.to_string()),
                "Unicode" => {}
                other => self.unknown_attribute(n, other),
            }
        }
        let (Some(name), Some(ty)) = (name, ty) else {
            self.missing(n, if name.is_none() { "Name" } else { "Type" });
            return None;
        };
        p.name = name.to_string();
        p.annotations = self.annotations_of(n);
        Some((p, ty))
    }

    fn navigation(&mut self, n: Node<'a, '_>) -> Option<(NavigationProperty, &'a str)> {
        let (mut name, mut ty) = (None, None);
        let mut nav = NavigationProperty {
            name: String::new(),
            ty: PLACEHOLDER,
            nullable: true,
            contains_target: false,
            partner: None,
            annotations: Annotations::default(),
            location: self.loc(n),
        };
        for a in n.attributes() {
            if a.namespace().is_some() {
                continue;
            }
            let v = a.value();
            match a.name() {
                "Name" => name = Some(v),
                "Type" => ty = Some(v),
                "Nullable" => nav.nullable = self.parse_bool(n, "Nullable", v).unwrap_or(true),
                "ContainsTarget" => {
                    nav.contains_target = self.parse_bool(n, "ContainsTarget", v).unwrap_or(false)
                }
                "Partner" => nav.partner = Some(v.to_string()),
                other => self.unknown_attribute(n, other),
            }
        }
        let (Some(name), Some(ty)) = (name, ty) else {
            self.missing(n, if name.is_none() { "Name" } else { "Type" });
            return None;
        };
        nav.name = name.to_string();
        for c in elements(n) {
            match c.tag_name().name() {
                "Annotation" => nav.annotations.0.extend(self.annotation(c, None)),
                "OnDelete" | "ReferentialConstraint" => {}
                _ => self.unknown(c),
            }
        }
        Some((nav, ty))
    }

    fn enum_type(&mut self, n: Node<'a, '_>) -> Option<RawType<'a>> {
        let name = self.name(n, true)?;
        let location = self.loc(n);
        self.check_attributes(n, &["Name", "UnderlyingType", "IsFlags"]);
        let underlying = match n.attribute("UnderlyingType") {
            None => Some(Primitive::Int32),
            Some(u) => match names::primitive(u) {
                Some((
                    p @ (Primitive::Byte
                    | Primitive::SByte
                    | Primitive::Int16
                    | Primitive::Int32
                    | Primitive::Int64),
                    _,
                )) => Some(p),
                _ => {
                    let msg = format!(
                        "enum type `{name}` has UnderlyingType `{u}`; it must be Edm.Byte, Edm.SByte, Edm.Int16, Edm.Int32 or Edm.Int64"
                    );
                    self.error(K::EnumUnderlyingType, n, msg);
                    None
                }
            },
        };
        let range = underlying.map(|p| match p {
            Primitive::Byte => (0, i64::from(u8::MAX)),
            Primitive::SByte => (i64::from(i8::MIN), i64::from(i8::MAX)),
            Primitive::Int16 => (i64::from(i16::MIN), i64::from(i16::MAX)),
            Primitive::Int64 => (i64::MIN, i64::MAX),
            _ => (i64::from(i32::MIN), i64::from(i32::MAX)),
        });
        let mut members: Vec<EnumMember> = Vec::new();
        let mut seen = FxSet::default();
        let mut member_names: Vec<&str> = Vec::new();
        let mut annotations = Annotations::default();
        let mut next: Option<i64> = Some(0);
        for c in elements(n) {
            match c.tag_name().name() {
                "Annotation" => annotations.0.extend(self.annotation(c, None)),
                "Member" => {
                    let Some(m) = self.required(c, "Name") else {
                        continue;
                    };
                    // Most enums are small: a scan beats hashing every member.
                    let dup = if member_names.len() < 16 {
                        member_names.contains(&m)
                    } else {
                        if seen.is_empty() {
                            seen.extend(member_names.iter().copied());
                        }
                        !seen.insert(m)
                    };
                    member_names.push(m);
                    if dup {
                        let msg = format!("enum type `{name}` declares member `{m}` twice");
                        self.error(K::DuplicateEnumMember, c, msg);
                    }
                    // Members without a value follow the previous one (odata.net does the same).
                    let value = match c.attribute("Value") {
                        Some(v) => {
                            match v.trim().parse::<i64>() {
                                Ok(v) => Some(v),
                                Err(_) if v.trim().parse::<i128>().is_ok() => None,
                                Err(_) => {
                                    let msg = format!("member `{m}` of `{name}` has Value=\"{v}\", not an integer");
                                    self.error(K::InvalidAttributeValue, c, msg);
                                    next
                                }
                            }
                        }
                        None => next,
                    };
                    match (value, range) {
                        (Some(v), Some((lo, hi))) if v >= lo && v <= hi => {}
                        (_, None) => {}
                        _ => {
                            let ty = underlying.map_or("", Primitive::edm_name);
                            let msg = format!("value of member `{m}` of enum type `{name}` is out of the range of Edm.{ty}");
                            self.error(K::EnumValueOutOfRange, c, msg);
                        }
                    }
                    let value = value.unwrap_or(0);
                    next = value.checked_add(1);
                    members.push(EnumMember {
                        name: m.to_string(),
                        value,
                        location: self.loc(c),
                        annotations: self.annotations_of(c),
                    });
                }
                _ => self.unknown(c),
            }
        }
        let e = EnumType {
            underlying: underlying.unwrap_or(Primitive::Int32),
            is_flags: self.bool_attr(n, "IsFlags", false),
            members,
        };
        Some(RawType {
            name,
            location,
            annotations,
            kind: RawKind::Enum(e),
        })
    }

    fn type_definition(&mut self, n: Node<'a, '_>) -> Option<RawType<'a>> {
        let name = self.name(n, true)?;
        let u = self.required(n, "UnderlyingType")?;
        let underlying = match names::primitive(u) {
            Some((p, _)) => p,
            None => {
                let msg = format!("type definition `{name}` has UnderlyingType `{u}`, which is not an Edm primitive type");
                self.error(K::UnresolvedType, n, msg);
                Primitive::Untyped
            }
        };
        let d = TypeDefinition {
            underlying,
            max_length: n.attribute("MaxLength").map(str::to_string),
            precision: self.u32_attr(n, "Precision"),
            scale: n.attribute("Scale").map(str::to_string),
            srid: n.attribute("SRID").map(str::to_string),
        };
        Some(RawType {
            name,
            location: self.loc(n),
            annotations: self.annotations_of(n),
            kind: RawKind::Definition(d),
        })
    }

    fn operation(
        &mut self,
        n: Node<'a, '_>,
        namespace: &str,
        is_function: bool,
    ) -> Option<RawOperation<'a>> {
        let name = self.name(n, false)?;
        let mut op = Operation {
            namespace: namespace.to_string(),
            name: name.to_string(),
            is_function,
            is_bound: self.bool_attr(n, "IsBound", false),
            is_composable: self.bool_attr(n, "IsComposable", false),
            parameters: Vec::new(),
            return_type: None,
            annotations: Annotations::default(),
            location: self.loc(n),
        };
        let mut parameter_types = Vec::new();
        let mut return_type = None;
        for c in elements(n) {
            match c.tag_name().name() {
                "Parameter" => {
                    let (Some(p), Some(ty)) = (self.required(c, "Name"), self.required(c, "Type"))
                    else {
                        continue;
                    };
                    parameter_types.push(ty);
                    op.parameters.push(Parameter {
                        name: p.to_string(),
                        ty: PLACEHOLDER,
                        nullable: self.bool_attr(c, "Nullable", true),
                    });
                }
                "ReturnType" => {
                    if return_type.is_some() {
                        self.error(
                            K::DuplicateElement,
                            c,
                            format!("operation `{name}` has a second <ReturnType>"),
                        );
                    } else {
                        return_type = self.required(c, "Type");
                    }
                }
                "Annotation" => op.annotations.0.extend(self.annotation(c, None)),
                _ => self.unknown(c),
            }
        }
        Some(RawOperation {
            name,
            op,
            parameter_types,
            return_type,
        })
    }

    fn container(&mut self, n: Node<'a, '_>) -> Option<RawContainer<'a>> {
        let name = self.name(n, false)?;
        let mut c = RawContainer {
            name,
            location: self.loc(n),
            elements: Vec::new(),
            annotations: Annotations::default(),
        };
        for e in elements(n) {
            let (attr, make): (&str, fn(&'a str) -> RawElementKind<'a>) = match e.tag_name().name()
            {
                "EntitySet" => ("EntityType", RawElementKind::EntitySet),
                "Singleton" => ("Type", RawElementKind::Singleton),
                "ActionImport" => ("Action", RawElementKind::ActionImport),
                "FunctionImport" => ("Function", RawElementKind::FunctionImport),
                "Annotation" => {
                    c.annotations.0.extend(self.annotation(e, None));
                    continue;
                }
                _ => {
                    self.unknown(e);
                    continue;
                }
            };
            let (Some(name), Some(target)) = (self.required(e, "Name"), self.required(e, attr))
            else {
                continue;
            };
            let mut el = RawContainerElement {
                name,
                location: self.loc(e),
                kind: make(target),
                bindings: Vec::new(),
                annotations: Annotations::default(),
            };
            for b in elements(e) {
                match b.tag_name().name() {
                    "NavigationPropertyBinding" => {
                        if let (Some(path), Some(_)) =
                            (self.required(b, "Path"), self.required(b, "Target"))
                        {
                            let loc = self.loc(b);
                            el.bindings.push((path, loc));
                        }
                    }
                    "Annotation" => el.annotations.0.extend(self.annotation(b, None)),
                    _ => self.unknown(b),
                }
            }
            c.elements.push(el);
        }
        Some(c)
    }

    fn term(&mut self, n: Node<'a, '_>) -> Option<RawTerm<'a>> {
        let name = self.name(n, false)?;
        let ty = self.required(n, "Type")?;
        Some(RawTerm {
            name,
            ty,
            location: self.loc(n),
            annotations: self.annotations_of(n),
        })
    }

    fn annotation_block(&mut self, n: Node<'a, '_>) -> Option<RawAnnotations<'a>> {
        let target = self.required(n, "Target")?;
        let location = self.loc(n);
        let qualifier = n.attribute("Qualifier");
        let mut annotations = Vec::new();
        for c in elements(n) {
            if c.tag_name().name() == "Annotation" {
                annotations.extend(self.annotation(c, qualifier));
            } else {
                self.unknown(c);
            }
        }
        Some(RawAnnotations {
            target,
            location,
            annotations,
        })
    }
}
