//! `Debug`, `Clone` and `PartialEq` of the generated types, which the runtime implements once
//! (through `Structured::field` / `field_mut` for structs, `Polymorphic::held` for the `Any*`
//! enums) instead of deriving them per type: they must behave as the derives would.

use graph_models::chat::{
    AadUserConversationMember, AnyConversationMember, AnyEntity, Chat, ConversationMember,
};
mod common;

use graph_models::rt::erased::{MapInput, SeqInput, ValueBody};
use graph_models::rt::{Failed, Input, LeafMut, Structured};
use graph_models::Field;

/// One value of each variant of `AnyConversationMember`, the fallback included, every one holding
/// a property and an unknown one.
fn members() -> Vec<AnyConversationMember> {
    let tags = std::iter::once("conversationMember")
        .chain(common::DERIVED_MEMBERS)
        .chain(["somethingNew"]);
    tags.map(|t| {
        let text = format!(
            r##"{{"@odata.type":"#microsoft.graph.{t}","id":"{t}","roles":["owner"],"future":1}}"##
        );
        graph_models::from_str(&text).unwrap()
    })
    .collect()
}

/// The Rust name of `m`'s variant: its type's JSON name with the first letter upper-cased.
fn variant_name(m: &AnyConversationMember) -> String {
    let json = common::member_variant(m);
    json[..1].to_uppercase() + &json[1..]
}

/// What `#[derive(Debug)]` writes: the variant as a tuple around the boxed struct's own `Debug`.
fn derived_debug(m: &AnyConversationMember, pretty: bool) -> String {
    let inner: &dyn core::fmt::Debug = match m {
        AnyConversationMember::ConversationMember(v) | AnyConversationMember::Other(v) => v,
        AnyConversationMember::AadUserConversationMember(v) => v,
        AnyConversationMember::AnonymousGuestConversationMember(v) => v,
        AnyConversationMember::AzureCommunicationServicesUserConversationMember(v) => v,
        AnyConversationMember::MicrosoftAccountUserConversationMember(v) => v,
        AnyConversationMember::PhoneUserConversationMember(v) => v,
        AnyConversationMember::SkypeForBusinessUserConversationMember(v) => v,
        AnyConversationMember::SkypeUserConversationMember(v) => v,
    };
    let name = variant_name(m);
    if pretty {
        let inner = format!("{inner:#?}").replace('\n', "\n    ");
        format!("{name}(\n    {inner},\n)")
    } else {
        format!("{name}({inner:?})")
    }
}

#[test]
fn debug_is_what_derive_writes() {
    let all = members();
    assert_eq!(all.len(), 9);
    for m in &all {
        assert_eq!(format!("{m:?}"), derived_debug(m, false));
        assert_eq!(format!("{m:#?}"), derived_debug(m, true));
    }
    assert!(format!("{:?}", all[8]).starts_with("Other(ConversationMember {"));
    assert!(format!("{:?}", all[1]).contains(r#"id: Value("aadUserConversationMember")"#));
}

#[test]
fn clone_keeps_the_variant_and_everything_in_it() {
    for m in members() {
        let copy = m.clone();
        assert_eq!(variant_name(&copy), variant_name(&m));
        assert_eq!(copy, m);
        assert_eq!(copy.odata_type(), m.odata_type());
        assert_eq!(copy.additional_data(), m.additional_data());
        assert_eq!(
            graph_models::to_string(&copy).unwrap(),
            graph_models::to_string(&m).unwrap()
        );
    }
}

#[test]
fn equal_means_same_variant_and_equal_struct() {
    let all = members();
    for (i, a) in all.iter().enumerate() {
        for (j, b) in all.iter().enumerate() {
            assert_eq!(a == b, i == j, "{} vs {}", variant_name(a), variant_name(b));
        }
    }
    // The declared type and the fallback hold the same struct type: equal structs in different
    // variants are still different values, as with a derived `PartialEq`.
    let base = ConversationMember::default();
    let declared = AnyConversationMember::ConversationMember(Box::new(base.clone()));
    let other = AnyConversationMember::Other(Box::new(base));
    assert_ne!(declared, other);
    assert_eq!(declared, declared.clone());
    assert_eq!(other, other.clone());
    // One field apart.
    let mut a = AadUserConversationMember::default();
    let b = a.clone();
    assert_eq!(AnyConversationMember::from(a.clone()), b.clone().into());
    a.email = Field::Null;
    assert_ne!(AnyConversationMember::from(a), b.into());
}

#[test]
fn nested_slots_clone_and_compare_deeply() {
    let text = r##"{"id":"c","members":[{"@odata.type":"#microsoft.graph.aadUserConversationMember","userId":"u"},{"@odata.type":"#microsoft.graph.somethingNew","x":[1]}]}"##;
    let chat: Chat = graph_models::from_str(text).unwrap();
    let copy = chat.clone();
    assert_eq!(copy, chat);
    assert_eq!(graph_models::to_string(&copy).unwrap(), text);
    let mut changed = chat.clone();
    if let Field::Value(members) = &mut changed.members {
        members.swap(0, 1);
    }
    assert_ne!(changed, chat);
    // `AnyEntity` (every entity type of the chat models) takes the same path.
    let entity: AnyEntity = graph_models::from_str(
        r##"{"@odata.type":"#microsoft.graph.aadUserConversationMember","id":"e"}"##,
    )
    .unwrap();
    assert_eq!(entity.clone(), entity);
    assert!(
        format!("{entity:?}").starts_with("AadUserConversationMember(AadUserConversationMember {")
    );
}

/// A JSON `null`, as the erased decoder reads it: what sets a field to null through its slot.
struct NullInput;

impl<'de> Input<'de> for NullInput {
    fn leaf(&mut self, _: LeafMut<'_>) -> Result<(), Failed> {
        Err(Failed)
    }
    fn str(&mut self, _: &dyn std::fmt::Display, _: &mut dyn FnMut(&str)) -> Result<(), Failed> {
        Err(Failed)
    }
    fn leaf_or_null(&mut self, _: LeafMut<'_>) -> Result<bool, Failed> {
        Ok(false)
    }
    fn option(&mut self, _: &mut ValueBody<'_, 'de>) -> Result<bool, Failed> {
        Ok(false)
    }
    fn seq(
        &mut self,
        _: &mut dyn FnMut(&mut dyn SeqInput<'de>) -> Result<(), Failed>,
    ) -> Result<(), Failed> {
        Err(Failed)
    }
    fn map(
        &mut self,
        _: &dyn std::fmt::Display,
        _: &mut dyn FnMut(&mut dyn MapInput<'de>) -> Result<(), Failed>,
    ) -> Result<(), Failed> {
        Err(Failed)
    }
}

/// Every field, by position, and the additional data take part in `==` and are copied by `clone`.
fn every_field_counts<T: Structured + Default + Clone + PartialEq + core::fmt::Debug>() {
    let base = T::default();
    assert_eq!(base.clone(), base);
    let info = base.type_info();
    let n = info.fields.len();
    for i in 0..=n {
        let mut changed = T::default();
        if i < n {
            let slot = changed
                .field_mut(i)
                .expect("every declared field has a slot");
            assert!(slot.is_absent());
            slot.decode(&mut NullInput).unwrap();
        } else {
            assert!(changed.field_mut(i).is_none());
            changed
                .additional_data_mut()
                .insert("x", serde_json::Value::Null);
        }
        assert_ne!(changed, base, "{} field {i}", info.name);
        assert_ne!(base, changed, "{} field {i}", info.name);
        let copy = changed.clone();
        assert_eq!(copy, changed, "{} field {i}", info.name);
        assert_eq!(format!("{copy:?}"), format!("{changed:?}"));
    }
}

#[test]
fn struct_eq_and_clone_cover_every_field() {
    every_field_counts::<Chat>();
    every_field_counts::<ConversationMember>();
    every_field_counts::<AadUserConversationMember>();
    every_field_counts::<graph_models::chat::TeamworkOnlineMeetingInfo>();
    every_field_counts::<graph_models::chat::ChatViewpoint>();
    every_field_counts::<graph_models::chat::Entity>();
}

#[test]
fn struct_eq_compares_values_not_just_presence() {
    let mut a = AadUserConversationMember {
        display_name: Field::Value("Ann".into()),
        roles: Field::Value(vec!["owner".into()]),
        ..Default::default()
    };
    let b = a.clone();
    assert_eq!(a, b);
    a.display_name = Field::Value("Bob".into());
    assert_ne!(a, b);
    a.display_name = Field::Value("Ann".into());
    a.roles = Field::Value(vec!["guest".into()]);
    assert_ne!(a, b);
    a.roles = Field::Value(vec!["owner".into()]);
    assert_eq!(a, b);
    a.additional_data
        .insert("user@odata.bind", serde_json::json!("u"));
    assert_ne!(a, b);
    assert_eq!(a.clone(), a);
    assert_eq!(a.clone().additional_data, a.additional_data);
}

#[test]
fn clone_of_every_docs_payload_encodes_the_same() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let dir = shared.join("corpus/graph-docs");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        // Whatever the payload is, as a chat, a member or a page of chat messages.
        if let Ok(v) = graph_models::from_str::<Chat>(&text) {
            assert_eq!(v.clone(), v, "{}", path.display());
            assert_eq!(
                graph_models::to_string(&v.clone()).unwrap(),
                graph_models::to_string(&v).unwrap()
            );
            checked += 1;
        }
        if let Ok(v) = graph_models::from_str::<graph_models::Collection<AnyEntity>>(&text) {
            assert_eq!(v.clone(), v, "{}", path.display());
            assert_eq!(
                graph_models::to_string(&v.clone()).unwrap(),
                graph_models::to_string(&v).unwrap()
            );
            checked += 1;
        }
    }
    assert!(checked > 10, "{checked} payloads");
}

#[test]
fn enum_debug_eq_and_hash_are_as_derived() {
    use graph_models::chat::ChatType;
    use std::collections::hash_map::DefaultHasher;
    use std::hash::{Hash, Hasher};
    fn hash(v: &ChatType) -> u64 {
        let mut h = DefaultHasher::new();
        v.hash(&mut h);
        h.finish()
    }
    let all = [
        (ChatType::OneOnOne, "OneOnOne"),
        (ChatType::Group, "Group"),
        (ChatType::Meeting, "Meeting"),
        (ChatType::UnknownFutureValue, "UnknownFutureValue"),
        (ChatType::Unknown("later".into()), r#"Unknown("later")"#),
        (ChatType::Unknown("other".into()), r#"Unknown("other")"#),
    ];
    for (i, (a, debug)) in all.iter().enumerate() {
        assert_eq!(format!("{a:?}"), *debug);
        assert_eq!(
            format!("{a:#?}").replace(['\n', ' ', ','], ""),
            debug.replace(' ', "")
        );
        assert_eq!(a.clone(), *a);
        assert_eq!(hash(&a.clone()), hash(a));
        for (j, (b, _)) in all.iter().enumerate() {
            assert_eq!(a == b, i == j, "{a:?} vs {b:?}");
        }
    }
    // An unknown name equal to a known member's JSON name is still a different value, as derived.
    assert_ne!(ChatType::Unknown("group".into()), ChatType::Group);
    // A set keeps each member once.
    let set: std::collections::HashSet<ChatType> = all.iter().map(|(v, _)| v.clone()).collect();
    assert_eq!(set.len(), all.len());
}

#[test]
fn declared_property_accessors_read_whichever_variant() {
    for m in members() {
        let id = match &m {
            AnyConversationMember::ConversationMember(v) | AnyConversationMember::Other(v) => &v.id,
            AnyConversationMember::AadUserConversationMember(v) => &v.id,
            AnyConversationMember::AnonymousGuestConversationMember(v) => &v.id,
            AnyConversationMember::AzureCommunicationServicesUserConversationMember(v) => &v.id,
            AnyConversationMember::MicrosoftAccountUserConversationMember(v) => &v.id,
            AnyConversationMember::PhoneUserConversationMember(v) => &v.id,
            AnyConversationMember::SkypeForBusinessUserConversationMember(v) => &v.id,
            AnyConversationMember::SkypeUserConversationMember(v) => &v.id,
        };
        assert!(std::ptr::eq(m.id(), id), "{}", variant_name(&m));
        assert!(matches!(m.id(), Field::Value(s) if s.len() > 5));
        assert_eq!(m.roles(), &Field::Value(vec!["owner".to_string()]));
        assert_eq!(m.display_name(), &Field::Absent);
    }
    let mut m = AnyConversationMember::from(AadUserConversationMember {
        display_name: Field::Null,
        ..Default::default()
    });
    assert_eq!(m.display_name(), &Field::Null);
    if let AnyConversationMember::AadUserConversationMember(v) = &mut m {
        v.display_name = Field::Value("Ann".into());
    }
    assert_eq!(m.display_name(), &Field::Value("Ann".to_string()));
}
