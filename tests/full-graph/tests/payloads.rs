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
    let actions: graph_models::Flags<full_graph::ChatMessageActions> =
        graph_models::from_str(r#""reactionAdded,reactionRemoved""#).unwrap();
    assert_eq!(actions.bits(), 3);
    assert_eq!(
        full_graph::AccessPackageAssignmentFilterByCurrentUserOptions::TargetManager.as_str(),
        "targetManager"
    );

    // Graph's `Json` (an empty complex type) is any JSON value.
    let drifted: full_graph::DriftedProperty =
        graph_models::from_str(r#"{"currentValue":{"a":[1,2]},"desiredValue":[3,"x"]}"#).unwrap();
    assert_eq!(drifted.current_value.get(), Some(&json!({"a": [1, 2]})));
    assert_eq!(drifted.desired_value.get(), Some(&json!([3, "x"])));
    assert_eq!(
        graph_models::to_value(&drifted).unwrap(),
        json!({"currentValue":{"a":[1,2]},"desiredValue":[3,"x"]})
    );
}

// The generated `docs_types!` macro: `$check!("microsoft.graph.user", ::full_graph::AnyUser)` for
// each type the docs corpus names that the schema still has (build.rs).
include!(concat!(env!("OUT_DIR"), "/docs_types.rs"));

/// One row of `corpus/graph-docs-2021-all/responses.jsonl`.
struct Row {
    src: String,
    ty: String,
    collection: bool,
    body: Value,
}

fn docs_rows() -> Vec<Row> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/graph-docs-2021-all/responses.jsonl");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .enumerate()
        .map(|(n, line)| {
            let row: Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), n + 1));
            Row {
                src: row["src"].as_str().unwrap_or_default().to_string(),
                ty: row["type"].as_str().unwrap_or_default().to_string(),
                collection: row["collection"].as_bool().unwrap_or(false),
                body: row["body"].clone(),
            }
        })
        .collect()
}

/// Whether a value strict decoding refused is one of the docs' placeholders rather than what a
/// service sends: `"datetime-value"`, `"String (timestamp)"`, the declared type's own name
/// (`"Binary"` for an `Edm.Binary`), or `{}` where an enum member is due. A rule on the value, not
/// a list of rows.
fn is_placeholder(found: &Value, declared: Option<&str>) -> bool {
    let single = declared.map(|d| d.trim_start_matches("Collection(").trim_end_matches(')'));
    match found {
        Value::String(s) => {
            let s = s.trim();
            let typed_word = s.find(" (").is_some_and(|i| {
                s.ends_with(')')
                    && s[..i]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '.')
            });
            let type_name = single.is_some_and(|d| d.rsplit('.').next() == Some(s));
            s.to_ascii_lowercase().ends_with("-value") || typed_word || type_name
        }
        // Not an `Edm.*` slot: an enum type's (a complex type takes `{}`).
        Value::Object(o) if o.is_empty() => single.is_some_and(|d| !d.starts_with("Edm.")),
        _ => false,
    }
}

/// Whether a value strict decoding refused breaks its declared type by that type's own rules,
/// checked here independently of the decoder: base64 of the wrong length or alphabet for
/// `Edm.Binary`, a timestamp without a time or an offset for `Edm.DateTimeOffset`, an
/// `@odata.type` naming a type that does not derive from the slot's. The docs have such values; a
/// strict decoder must refuse them (lenient decoding keeps them).
fn breaks_declared_type(found: &Value, declared: Option<&str>, message: &str) -> bool {
    let single = declared.map(|d| d.trim_start_matches("Collection(").trim_end_matches(')'));
    match (single, found) {
        (Some("Edm.Binary"), Value::String(s)) => {
            let body = s.trim_end_matches('=');
            let alphabet = body
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_'));
            !(alphabet && s.len() % 4 == 0 && s.len() - body.len() <= 2)
        }
        (Some("Edm.DateTimeOffset"), Value::String(s)) => {
            let Some((_, time)) = s.split_once('T') else {
                return true;
            };
            let offset = time.ends_with(['Z', 'z'])
                || time.rfind(['+', '-']).is_some_and(|i| {
                    let o = &time[i + 1..];
                    o.len() == 5 && o.as_bytes()[2] == b':'
                });
            !offset
        }
        (Some(slot), Value::Object(o)) => {
            let tag = o.get("@odata.type").and_then(Value::as_str);
            tag.is_some_and(|t| t.trim_start_matches('#') != slot)
                && message.contains("which does not derive from")
        }
        _ => false,
    }
}

#[derive(Default, Debug)]
struct DocsCounts {
    rows: usize,
    typed: usize,
    lenient_only: usize,
    placeholders: usize,
    invalid: usize,
    invalid_rows: Vec<String>,
    gone: usize,
    failures: Vec<String>,
}

fn check_docs_row<T>(row: &Row, counts: &mut DocsCounts)
where
    T: graph_models::serde::Serialize + graph_models::serde::de::DeserializeOwned,
{
    let text = row.body.to_string();
    let fail = |counts: &mut DocsCounts, what: String| {
        counts
            .failures
            .push(format!("{} ({}): {what}", row.src, row.ty));
    };
    let lenient = match graph_models::from_str_lenient::<T>(&text) {
        Ok(l) => l,
        Err(e) => return fail(counts, format!("lenient decode failed: {e}")),
    };
    match graph_models::to_value(&lenient.value) {
        Ok(v) if v == row.body => {}
        Ok(v) => return fail(counts, format!("lenient round trip differs: {v}")),
        Err(e) => return fail(counts, format!("lenient re-encode failed: {e}")),
    }
    match graph_models::from_str::<T>(&text) {
        Ok(value) => {
            if !lenient.mismatches.is_empty() {
                return fail(
                    counts,
                    format!("strict decodes, lenient found {:?}", lenient.mismatches),
                );
            }
            match graph_models::to_value(&value) {
                Ok(v) if v == row.body => counts.typed += 1,
                other => fail(counts, format!("strict round trip differs: {other:?}")),
            }
        }
        Err(e) => {
            let Some(first) = lenient.mismatches.first() else {
                return fail(counts, format!("strict fails ({e}), lenient found nothing"));
            };
            if first.path != e.path() {
                return fail(
                    counts,
                    format!(
                        "strict fails at {}, lenient first at {}",
                        e.path(),
                        first.path
                    ),
                );
            }
            let placeholder =
                |m: &&graph_models::Mismatch| is_placeholder(&m.found, m.declared.as_deref());
            let invalid = |m: &&graph_models::Mismatch| {
                breaks_declared_type(&m.found, m.declared.as_deref(), &m.message)
            };
            let real: Vec<String> = lenient
                .mismatches
                .iter()
                .filter(|m| !placeholder(m) && !invalid(m))
                .map(ToString::to_string)
                .collect();
            if !real.is_empty() {
                counts.lenient_only += 1;
                return fail(
                    counts,
                    format!("strict fails on real values: {}", real.join("; ")),
                );
            }
            let broken: Vec<String> = lenient
                .mismatches
                .iter()
                .filter(|m| !placeholder(m))
                .map(ToString::to_string)
                .collect();
            if broken.is_empty() {
                counts.placeholders += 1;
            } else {
                counts.invalid += 1;
                counts
                    .invalid_rows
                    .push(format!("{}: {}", row.src, broken.join("; ")));
            }
        }
    }
}

/// Every response of the Graph v1.0 docs (2021) whose type the schema still has: leniently, it
/// decodes and re-encodes to the same JSON; strictly, it does too, unless the values that fail
/// are the docs' placeholders.
#[test]
// Some of the types are deprecated in today's schema; their payloads still decode.
#[allow(deprecated)]
fn every_docs_response_decodes() {
    let rows = docs_rows();
    let mut counts = DocsCounts::default();
    for row in &rows {
        counts.rows += 1;
        macro_rules! check {
            ($name:literal, $ty:ty) => {
                if row.ty == $name {
                    if row.collection {
                        check_docs_row::<graph_models::Collection<$ty>>(row, &mut counts);
                    } else {
                        check_docs_row::<$ty>(row, &mut counts);
                    }
                    continue;
                }
            };
        }
        docs_types!(check);
        counts.gone += 1;
    }
    eprintln!(
        "docs corpus: {} rows: {} typed and lossless; lossless only leniently: {} with doc placeholders, {} with values that break their declared type, {} with other values; {} of a type no longer in the schema",
        counts.rows, counts.typed, counts.placeholders, counts.invalid, counts.lenient_only, counts.gone
    );
    for row in &counts.invalid_rows {
        eprintln!("  breaks its declared type: {row}");
    }
    assert!(
        counts.failures.is_empty(),
        "{} rows fail:\n{}",
        counts.failures.len(),
        counts.failures.join("\n")
    );
    assert!(counts.typed > 400, "{counts:?}");
}

/// Graph's `microsoft.graph.Json` holds any JSON value: the shapes the Excel API sends in a range
/// (arrays of arrays of numbers, strings, booleans and nulls), in a named item (a string, a number)
/// and in table rows, decode strictly and re-encode as sent.
#[test]
fn excel_json_values_decode_as_any_json() {
    let range = json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#workbookRange",
        "@odata.type": "#microsoft.graph.workbookRange",
        "@odata.id": "/users('u1')/drive/items('01ABC')/workbook/worksheets(%27%7B00000000-0001-0000-0000-000000000000%7D%27)/range(address=%27A1:B2%27)",
        "address": "Sheet1!A1:B2",
        "addressLocal": "Sheet1!A1:B2",
        "cellCount": 4,
        "columnCount": 2,
        "columnHidden": false,
        "columnIndex": 0,
        "formulas": [["=SUM(B1:B2)", 3.5], ["Total", null]],
        "formulasLocal": [["=SUMME(B1:B2)", 3.5], ["Total", null]],
        "formulasR1C1": [["=SUM(R[0]C[1]:R[1]C[1])", 3.5], ["Total", null]],
        "hidden": false,
        "numberFormat": [["General", "0.00"], ["@", "General"]],
        "rowCount": 2,
        "rowHidden": false,
        "rowIndex": 0,
        "text": [["3.5", "3.50"], ["Total", ""]],
        "values": [[3.5, 3.5], ["Total", ""]],
        "valueTypes": [["Double", "Double"], ["String", "Empty"]]
    });
    let decoded: full_graph::WorkbookRange = round_trip(&range);
    assert_eq!(
        decoded.values.get(),
        Some(&json!([[3.5, 3.5], ["Total", ""]]))
    );
    assert_eq!(
        decoded.value_types.get().and_then(|v| v[1][1].as_str()),
        Some("Empty")
    );
    assert_eq!(
        decoded.formulas.get().map(|f| f[1][1].is_null()),
        Some(true)
    );

    let named = json!({
        "value": [
            {"name": "TaxRate", "type": "Double", "value": 0.08, "visible": true, "scope": "Workbook", "comment": null},
            {"name": "Region", "type": "String", "value": "West", "visible": false, "scope": "Sheet1"},
            {"name": "Prices", "type": "Range", "value": "=Sheet1!$A$1:$A$9", "visible": true, "scope": "Workbook"}
        ]
    });
    let items: graph_models::Collection<full_graph::WorkbookNamedItem> = round_trip(&named);
    assert_eq!(items.items()[0].value.get(), Some(&json!(0.08)));
    assert_eq!(items.items()[1].value.get(), Some(&json!("West")));

    let rows = json!({"value": [{"index": 0, "values": [[1, "a", true]]}, {"index": 1, "values": [[2, "b", false]]}]});
    let rows: graph_models::Collection<full_graph::WorkbookTableRow> = round_trip(&rows);
    assert_eq!(
        rows.items()[1].values.get(),
        Some(&json!([[2, "b", false]]))
    );
}

/// A page's `@odata.count`, `@odata.nextLink` and `@odata.deltaLink`.
#[test]
fn collection_pages_give_their_links_and_count() {
    let page = json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
        "@odata.count": 2,
        "@odata.nextLink": "https://graph.microsoft.com/v1.0/users?$count=true&$skiptoken=X",
        "value": [{"id": "1", "displayName": "A"}, {"id": "2", "displayName": "B"}]
    });
    let users: graph_models::Collection<full_graph::AnyUser> = round_trip(&page);
    assert_eq!(users.count(), Some(2));
    assert_eq!(
        users.next_link(),
        Some("https://graph.microsoft.com/v1.0/users?$count=true&$skiptoken=X")
    );
    assert_eq!(users.delta_link(), None);
    let last = json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
        "@odata.deltaLink": "https://graph.microsoft.com/v1.0/users/delta?$deltatoken=Y",
        "value": []
    });
    let last: graph_models::Collection<full_graph::AnyUser> = round_trip(&last);
    assert_eq!(
        last.delta_link(),
        Some("https://graph.microsoft.com/v1.0/users/delta?$deltatoken=Y")
    );
    assert_eq!((last.next_link(), last.count()), (None, None));
}
