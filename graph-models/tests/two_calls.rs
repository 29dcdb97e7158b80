//! Two `odata_models!` calls in one module, for two services whose type names differ: each call's
//! `Any*` enums use their own known-type table, so the calls do not collide.

#![deny(warnings)]

graph_models::odata_models! {
    metadata: "../metadata/graph-v1.0-chat.csdl",
    types: [chat, conversationMember],
}

graph_models::odata_models! {
    metadata: "tests/data/contoso-sales.csdl",
    types: [Contoso.Sales.*],
}

use graph_models::Field;

#[test]
fn both_calls_generate_and_decode() {
    let chat: Chat = graph_models::from_str(
        r##"{"chatType":"group","members":[{"@odata.type":"#microsoft.graph.aadUserConversationMember","roles":["owner"]}]}"##,
    )
    .unwrap();
    assert_eq!(chat.chat_type, Field::Value(ChatType::Group));
    assert!(matches!(
        chat.members.as_deref(),
        Some([AnyConversationMember::AadUserConversationMember(_)])
    ));

    let order: Order = graph_models::from_str(
        r##"{"number":"SO-1","status":"shipped","shipTo":{"city":"Oslo"},"documents":[{"@odata.type":"#Contoso.Sales.invoice","number":"INV-7","total":12.5}]}"##,
    )
    .unwrap();
    assert_eq!(order.status, Field::Value(OrderStatus::Shipped));
    assert!(matches!(
        order.documents.as_deref(),
        Some([AnyDocument::Invoice(i)]) if i.number.as_deref() == Some("INV-7")
    ));
    // Each call knows only its own types: a chat tag in a sales slot is an unknown type (kept in
    // `Other`), not a type that does not derive from `document`.
    let other: AnyDocument =
        graph_models::from_str(r##"{"@odata.type":"#microsoft.graph.chat","number":"X"}"##)
            .unwrap();
    assert!(matches!(other, AnyDocument::Other(_)));
    let error = graph_models::from_str::<AnyConversationMember>(
        r##"{"@odata.type":"#microsoft.graph.chat"}"##,
    )
    .unwrap_err();
    assert!(error.message().contains("does not derive from"), "{error}");

    // `documents` is not contained: it binds to existing documents by URL.
    let order = Order::default()
        .with_documents_bind(["https://s/documents('1')", "https://s/documents('2')"]);
    assert_eq!(
        order.documents_bind(),
        ["https://s/documents('1')", "https://s/documents('2')"]
    );
    assert_eq!(
        graph_models::to_string(&order).unwrap(),
        r#"{"documents@odata.bind":["https://s/documents('1')","https://s/documents('2')"]}"#
    );
}
