//! `Debug`, `Clone` and `PartialEq` of the `Any*` enums, which the runtime implements once through
//! `Polymorphic::visit` instead of deriving them per enum: they must behave as the derives would.

use graph_models::chat::{
    AadUserConversationMember, AnyConversationMember, AnyEntity, Chat, ConversationMember,
};
use graph_models::Field;

/// One value of each variant of `AnyConversationMember`, the fallback included, every one holding
/// a property and an unknown one.
fn members() -> Vec<AnyConversationMember> {
    let tags = [
        "conversationMember",
        "aadUserConversationMember",
        "anonymousGuestConversationMember",
        "azureCommunicationServicesUserConversationMember",
        "microsoftAccountUserConversationMember",
        "phoneUserConversationMember",
        "skypeForBusinessUserConversationMember",
        "skypeUserConversationMember",
        "somethingNew",
    ];
    tags.iter()
        .map(|t| {
            let text = format!(
                r##"{{"@odata.type":"#microsoft.graph.{t}","id":"{t}","roles":["owner"],"future":1}}"##
            );
            graph_models::from_str(&text).unwrap()
        })
        .collect()
}

fn variant_name(m: &AnyConversationMember) -> &'static str {
    match m {
        AnyConversationMember::ConversationMember(_) => "ConversationMember",
        AnyConversationMember::AadUserConversationMember(_) => "AadUserConversationMember",
        AnyConversationMember::AnonymousGuestConversationMember(_) => {
            "AnonymousGuestConversationMember"
        }
        AnyConversationMember::AzureCommunicationServicesUserConversationMember(_) => {
            "AzureCommunicationServicesUserConversationMember"
        }
        AnyConversationMember::MicrosoftAccountUserConversationMember(_) => {
            "MicrosoftAccountUserConversationMember"
        }
        AnyConversationMember::PhoneUserConversationMember(_) => "PhoneUserConversationMember",
        AnyConversationMember::SkypeForBusinessUserConversationMember(_) => {
            "SkypeForBusinessUserConversationMember"
        }
        AnyConversationMember::SkypeUserConversationMember(_) => "SkypeUserConversationMember",
        AnyConversationMember::Other(_) => "Other",
    }
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
