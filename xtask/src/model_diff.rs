//! What changed between two versions of a service's metadata, type by type: what a maintainer reads
//! before regenerating (`fetch-metadata` prints it).

use graph_models_codegen::model::{Model, SchemaType, TypeKind, TypeRef, TypeTarget};
use std::collections::BTreeMap;

fn type_ref(model: &Model, tr: &TypeRef, nullable: bool) -> String {
    let single = match tr.target {
        TypeTarget::Primitive(p) => format!("Edm.{}", p.edm_name()),
        TypeTarget::Type(id) => model.ty(id).qualified_name(),
    };
    let ty = if tr.collection {
        format!("Collection({single})")
    } else {
        single
    };
    if nullable {
        ty
    } else {
        format!("{ty} not null")
    }
}

fn kind(ty: &SchemaType) -> &'static str {
    match &ty.kind {
        TypeKind::Entity(_) => "entity type",
        TypeKind::Complex(_) => "complex type",
        TypeKind::Enum(_) => "enum type",
        TypeKind::Definition(_) => "type definition",
    }
}

/// Member name -> what it is, for one type: properties, navigation properties, enum members, base.
fn members(model: &Model, ty: &SchemaType) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    match &ty.kind {
        TypeKind::Entity(s) | TypeKind::Complex(s) => {
            if let Some(base) = s.base {
                out.insert("base type".into(), model.ty(base).qualified_name());
            }
            for p in &s.properties {
                out.insert(
                    format!("property {}", p.name),
                    type_ref(model, &p.ty, p.nullable),
                );
            }
            for n in &s.navigation_properties {
                out.insert(
                    format!("navigation property {}", n.name),
                    type_ref(model, &n.ty, n.nullable),
                );
            }
        }
        TypeKind::Enum(e) => {
            for m in &e.members {
                out.insert(format!("member {}", m.name), m.value.to_string());
            }
        }
        TypeKind::Definition(d) => {
            out.insert(
                "underlying type".into(),
                format!("Edm.{}", d.underlying.edm_name()),
            );
        }
    }
    out
}

/// Lines describing the changes from `old` to `new`; empty when no type changed.
pub fn diff(old: &Model, new: &Model) -> Vec<String> {
    let index = |m: &Model| -> BTreeMap<String, usize> {
        m.types
            .iter()
            .enumerate()
            .map(|(i, t)| (t.qualified_name(), i))
            .collect()
    };
    let (before, after) = (index(old), index(new));
    let added: Vec<_> = after.keys().filter(|n| !before.contains_key(*n)).collect();
    let removed: Vec<_> = before.keys().filter(|n| !after.contains_key(*n)).collect();
    let mut out = Vec::new();
    if !added.is_empty() {
        out.push(format!("types added ({}):", added.len()));
        for name in &added {
            out.push(format!("  + {name} ({})", kind(&new.types[after[*name]])));
        }
    }
    if !removed.is_empty() {
        out.push(format!("types removed ({}):", removed.len()));
        out.extend(removed.iter().map(|name| format!("  - {name}")));
    }
    let mut changed = Vec::new();
    let mut count = 0;
    for (name, &i) in &before {
        let Some(&j) = after.get(name) else { continue };
        let (a, b) = (&old.types[i], &new.types[j]);
        let mut lines = Vec::new();
        if kind(a) != kind(b) {
            lines.push(format!("    ~ {} -> {}", kind(a), kind(b)));
        }
        let (ma, mb) = (members(old, a), members(new, b));
        for (member, what) in &mb {
            match ma.get(member) {
                None => lines.push(format!("    + {member}: {what}")),
                Some(was) if was != what => lines.push(format!("    ~ {member}: {was} -> {what}")),
                Some(_) => {}
            }
        }
        for (member, was) in &ma {
            if !mb.contains_key(member) {
                lines.push(format!("    - {member}: {was}"));
            }
        }
        if !lines.is_empty() {
            count += 1;
            changed.push(format!("  ~ {name}"));
            changed.extend(lines);
        }
    }
    if !changed.is_empty() {
        out.push(format!("types changed ({count}):"));
        out.extend(changed);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::diff;

    fn read(schema: &str) -> graph_models_codegen::Model {
        let text = format!(
            r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
            <Schema Namespace="s" xmlns="http://docs.oasis-open.org/odata/ns/edm">{schema}</Schema>
            </edmx:DataServices></edmx:Edmx>"#
        );
        graph_models_codegen::csdl::read(&text, "t.csdl").unwrap_or_else(|d| panic!("{d}"))
    }

    #[test]
    fn bases_kinds_navigation_and_enum_members() {
        let old = read(
            r#"<EntityType Name="a"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
            <EntityType Name="b" BaseType="s.a"><NavigationProperty Name="to" Type="s.a"/></EntityType>
            <ComplexType Name="c"/>
            <EnumType Name="e"><Member Name="x" Value="0"/><Member Name="y" Value="1"/></EnumType>"#,
        );
        let new = read(
            r#"<EntityType Name="a"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
            <EntityType Name="b"><NavigationProperty Name="to" Type="Collection(s.a)"/></EntityType>
            <EntityType Name="c"/>
            <EnumType Name="e"><Member Name="x" Value="0"/><Member Name="y" Value="2"/><Member Name="z" Value="3"/></EnumType>"#,
        );
        assert_eq!(
            diff(&old, &new),
            [
                "types changed (3):",
                "  ~ s.b",
                "    ~ navigation property to: s.a -> Collection(s.a)",
                "    - base type: s.a",
                "  ~ s.c",
                "    ~ complex type -> entity type",
                "  ~ s.e",
                "    ~ member y: 1 -> 2",
                "    + member z: 3",
            ]
        );
        assert!(diff(&new, &new).is_empty());
    }
}
