//! Real payloads through the whole-schema types: entities decoded through `AnyEntity` (1,145
//! descendants), a security alert whose evidence is a polymorphic collection in another namespace,
//! and names that exist in two namespaces.
#![cfg(full_graph)]

use full_graph::{security, AnyEntity};
use graph_models::Field;
use serde_json::{json, Value};

fn shared(rel: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn round_trip<T: graph_models::serde::Serialize + graph_models::serde::de::DeserializeOwned>(
    input: &Value,
) -> T {
    let value: T = graph_models::from_str(&input.to_string()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(&graph_models::to_value(&value).unwrap(), input);
    value
}

#[test]
fn a_conversation_member_decodes_through_any_entity() {
    let raw = shared("corpus/graph-docs/chat-get-members__2__response.json");
    let entity: AnyEntity = round_trip(&raw);
    let AnyEntity::AadUserConversationMember(member) = &entity else {
        panic!("decoded to {}", entity.odata_type());
    };
    assert_eq!(member.display_name.as_deref(), Some("Niklas Lang"));
    assert_eq!(member.roles.as_deref(), Some(&["owner".to_string()][..]));
    assert_eq!(
        entity.odata_type(),
        "#microsoft.graph.aadUserConversationMember"
    );
    assert!(entity
        .id()
        .as_deref()
        .is_some_and(|id| id.starts_with("MCMj")));
}

#[test]
fn a_chat_list_decodes_with_polymorphic_members() {
    let raw = shared("corpus/graph-docs/chat-list__2__response.json");
    let page: graph_models::Collection<full_graph::Chat> = round_trip(&raw);
    assert!(!page.items().is_empty());
}

/// After the Graph docs' "Get alert" response, with evidence of two known kinds and one this code
/// does not know.
fn alert_json() -> Value {
    json!({
        "@odata.type": "#microsoft.graph.security.alert",
        "id": "da637551227677560813_-961444813",
        "title": "Suspicious execution of hidden file",
        "severity": "medium",
        "status": "new",
        "serviceSource": "microsoftDefenderForEndpoint",
        "additionalData": {"source": "docs"},
        "evidence": [
            {
                "@odata.type": "#microsoft.graph.security.userEvidence",
                "createdDateTime": "2021-04-27T12:19:27.7211305Z",
                "verdict": "unknown",
                "remediationStatus": "none",
                "userAccount": {"accountName": "user1", "domainName": "contoso"}
            },
            {
                "@odata.type": "#microsoft.graph.security.deviceEvidence",
                "deviceDnsName": "tempDns",
                "osPlatform": "Windows10",
                "roles": ["unknownFutureValue"]
            },
            {
                "@odata.type": "#microsoft.graph.security.quantumEvidence",
                "qubits": 3
            }
        ],
        "classification": "someFutureClassification"
    })
}

#[test]
fn a_security_alert_keeps_its_evidence_kinds() {
    let raw = alert_json();
    let entity: AnyEntity = round_trip(&raw);
    let AnyEntity::SecurityAlert(alert) = &entity else {
        panic!("decoded to {}", entity.odata_type());
    };
    assert_eq!(
        alert.severity,
        Field::Value(security::AlertSeverity::Medium)
    );
    // The property named `additionalData` is a field of its own, not the catch-all.
    assert!(alert.additional_data_.is_value());
    assert!(alert.additional_data.is_empty());
    let evidence = alert.evidence.as_deref().unwrap();
    assert!(matches!(
        evidence[0],
        security::AnyAlertEvidence::UserEvidence(_)
    ));
    assert!(matches!(
        evidence[1],
        security::AnyAlertEvidence::DeviceEvidence(_)
    ));
    assert!(matches!(evidence[2], security::AnyAlertEvidence::Other(_)));
    assert_eq!(
        evidence[2].odata_type(),
        "#microsoft.graph.security.quantumEvidence"
    );
    assert!(matches!(
        alert.classification.get(),
        Some(security::AlertClassification::Unknown(s)) if s == "someFutureClassification"
    ));
}

#[test]
fn names_shared_by_two_namespaces_are_distinct_types() {
    // `microsoft.graph.identity` is a complex type; `externalConnectors.identity` an entity type.
    let graph = full_graph::Identity {
        display_name: "x".into(),
        ..Default::default()
    };
    let connectors = full_graph::external_connectors::Identity {
        r#type: Field::Value(full_graph::external_connectors::IdentityType::User),
        ..Default::default()
    };
    assert_eq!(
        graph_models::to_value(&graph).unwrap(),
        json!({"displayName": "x"})
    );
    assert_eq!(
        graph_models::to_value(&connectors).unwrap(),
        json!({"type": "user"})
    );
    // Through the base slot, the entity writes its full tag.
    let any: AnyEntity = connectors.into();
    assert_eq!(
        graph_models::to_value(&any).unwrap(),
        json!({"@odata.type": "#microsoft.graph.externalConnectors.identity", "type": "user"})
    );
}

#[test]
fn the_schemas_awkward_names_and_shapes() {
    // Enum members that are Rust keywords.
    assert_eq!(
        full_graph::DriveItemSourceApplication::Loop.as_str(),
        "loop"
    );
    assert_eq!(
        full_graph::ManagedAppDataStorageLocation::Box.as_str(),
        "box"
    );
    assert_eq!(
        full_graph::ChatMessagePolicyViolationUserActionTypes::Override.as_str(),
        "override"
    );
    // Properties that are Rust keywords keep their JSON names.
    let route = full_graph::CallRoute {
        r#final: Field::Null,
        ..Default::default()
    };
    assert_eq!(
        graph_models::to_value(&route).unwrap(),
        json!({"final": null})
    );
    let stat: full_graph::ItemActivityStat =
        graph_models::from_str(r#"{"move":{"actionCount":2}}"#).unwrap();
    assert_eq!(
        stat.r#move.get().and_then(|m| m.action_count.get()),
        Some(&2)
    );
    let copy: full_graph::CopyNotebookModel = graph_models::from_str(r#"{"self":"s"}"#).unwrap();
    assert_eq!(copy.self_.as_deref(), Some("s"));

    // A flags enum keeps CSDL values; a member after `unknownFutureValue` is an ordinary member.
    let actions: graph_models::rt::Flags<full_graph::ChatMessageActions> =
        graph_models::from_str(r#""reactionAdded,reactionRemoved""#).unwrap();
    assert_eq!(actions.bits(), 3);
    assert_eq!(
        full_graph::AccessPackageAssignmentFilterByCurrentUserOptions::TargetManager.as_str(),
        "targetManager"
    );

    // The empty complex type `Json` keeps whatever it is sent.
    let drifted: full_graph::DriftedProperty =
        graph_models::from_str(r#"{"currentValue":{"a":[1,2]},"desiredValue":{}}"#).unwrap();
    let current = drifted.current_value.get().unwrap();
    assert_eq!(current.additional_data.get("a"), Some(&json!([1, 2])));
    assert_eq!(
        graph_models::to_value(&drifted).unwrap(),
        json!({"currentValue":{"a":[1,2]},"desiredValue":{}})
    );
}
