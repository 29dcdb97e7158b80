//! Type elements: `EntityType`, `ComplexType` (with their properties), `EnumType`,
//! `TypeDefinition`.

use super::{elements, Ctx, PLACEHOLDER};
use crate::csdl::names;
use crate::csdl::raw::*;
use crate::csdl::NameSet;
use crate::diagnostics::DiagnosticKind as K;
use crate::model::{
    Annotations, EnumMember, EnumType, NavigationProperty, Primitive, Property, TypeDefinition,
};
use roxmltree::Node;

impl<'a> Ctx<'a, '_> {
    // Locations are taken before the children's: `LineIndex` is fastest in document order.
    pub(super) fn structured(&mut self, n: Node<'a, '_>, entity: bool) -> Option<RawType<'a>> {
        let name = self.name(n, true)?;
        let location = self.loc(n);
        let (mut props, mut navs) = (0, 0);
        for c in n.children().filter(|c| c.is_element()) {
            match c.tag_name().name() {
                "Property" => props += 1,
                "NavigationProperty" => navs += 1,
                _ => {}
            }
        }
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
            properties: Vec::with_capacity(props),
            property_types: Vec::with_capacity(props),
            navigation_properties: Vec::with_capacity(navs),
            navigation_types: Vec::with_capacity(navs),
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

    pub(super) fn enum_type(&mut self, n: Node<'a, '_>) -> Option<RawType<'a>> {
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
        let mut members: Vec<EnumMember> =
            Vec::with_capacity(n.children().filter(|c| c.is_element()).count());
        let mut seen = NameSet::default();
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

    pub(super) fn type_definition(&mut self, n: Node<'a, '_>) -> Option<RawType<'a>> {
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
}
