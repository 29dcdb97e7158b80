//! The downstream SDK's models: inheritance, enums, flags, navigation binds and deprecations from
//! its own metadata.

use downstream_sdk::{Access, Address, AnyItem, AudioBook, Book, Branch, Genre, Magazine};
use graph_models::serde_json::{json, Value};
use graph_models::Field;
use graph_models::Flags;

fn round_trip<T: graph_models::serde::Serialize + graph_models::serde::de::DeserializeOwned>(
    input: &Value,
) -> (T, Value) {
    let text = input.to_string();
    let value: T = graph_models::from_str(&text).expect("decodes");
    let back = graph_models::to_value(&value).expect("encodes");
    (value, back)
}

#[test]
fn derived_items_decode_to_their_variants_and_round_trip() {
    let input = json!({
        "id": "central",
        "address": {"city": "Springfield", "street": null},
        "items@odata.count": 4,
        "items": [
            {"@odata.type": "#Contoso.Library.book", "id": "b1", "genre": "science", "authors": ["Ada"]},
            {"@odata.type": "#lib.audioBook", "id": "a1", "duration": "PT1H30M"},
            {"id": "m1", "@odata.type": "Contoso.Library.magazine", "issue": "42"},
            {"@odata.type": "#Contoso.Library.comic", "id": "c1", "panels": 9}
        ]
    });
    let (branch, back): (Branch, Value) = round_trip(&input);
    assert_eq!(back, input);
    let items = branch.items.get().expect("items");
    assert!(matches!(&items[0], AnyItem::Book(b) if b.genre == Field::Value(Genre::Science)));
    assert!(matches!(&items[1], AnyItem::AudioBook(_)));
    assert!(
        matches!(&items[2], AnyItem::Magazine(m) if m.issue.get().map(|i| i.get()) == Some(42))
    );
    // An item type this SDK does not know keeps its tag and its properties.
    match &items[3] {
        AnyItem::Other(item) => {
            assert_eq!(item.id.as_deref(), Some("c1"));
            assert_eq!(item.additional_data.get("panels"), Some(&json!(9)));
        }
        other => panic!("expected Other, got {other:?}"),
    }
    assert_eq!(items[3].odata_type(), "#Contoso.Library.comic");
    assert_eq!(
        branch
            .address
            .get()
            .map(|a| (a.city.as_deref(), a.street.is_null())),
        Some((Some("Springfield"), true))
    );
}

#[test]
fn encoding_writes_the_tag_of_derived_values_first() {
    let branch = Branch {
        id: "north".to_string().into(),
        address: Address {
            city: "Shelbyville".into(),
            ..Default::default()
        }
        .into(),
        items: vec![
            AnyItem::from(Book {
                id: "b2".into(),
                genre: Genre::Unknown("poetry".into()).into(),
                ..Default::default()
            }),
            Magazine {
                id: "m2".into(),
                ..Default::default()
            }
            .into(),
            AudioBook {
                id: "a2".into(),
                access: Flags::from(vec![Access::Read, Access::Borrow]).into(),
                ..Default::default()
            }
            .into(),
        ]
        .into(),
        ..Default::default()
    }
    .with_manager_bind("https://library.example/members(1)");
    let text = graph_models::to_string(&branch).unwrap();
    assert_eq!(
        text,
        concat!(
            r#"{"id":"north","address":{"city":"Shelbyville"},"items":["#,
            r##"{"@odata.type":"#Contoso.Library.book","id":"b2","genre":"poetry"},"##,
            r##"{"@odata.type":"#Contoso.Library.magazine","id":"m2"},"##,
            r##"{"@odata.type":"#Contoso.Library.audioBook","id":"a2","access":"read,borrow"}],"##,
            r#""manager@odata.bind":"https://library.example/members(1)"}"#
        )
    );
    assert_eq!(
        branch.manager_bind(),
        Some("https://library.example/members(1)")
    );
}

#[test]
fn flags_keep_unknown_members_and_their_text() {
    let (book, back): (Book, Value) = round_trip(&json!({"id": "x", "access": "read, lend"}));
    assert_eq!(back, json!({"id": "x", "access": "read, lend"}));
    let access = book.access.get().unwrap();
    assert!(access.contains(&Access::Read));
    assert!(access.contains(&Access::Unknown("lend".into())));
    assert_eq!(access.bits(), 1);
}

#[test]
#[allow(deprecated)]
fn deprecated_property_still_round_trips() {
    let (book, back): (Book, Value) = round_trip(&json!({"id": "x", "shelfCode": "A-12"}));
    assert_eq!(book.shelf_code.as_deref(), Some("A-12"));
    assert_eq!(back, json!({"id": "x", "shelfCode": "A-12"}));
}

#[test]
fn a_tag_naming_an_unrelated_known_type_is_an_error() {
    let err = graph_models::from_str::<AnyItem>(
        r##"{"@odata.type":"#Contoso.Library.branch","id":"x"}"##,
    )
    .unwrap_err();
    assert!(
        err.to_string().contains(
            "names type Contoso.Library.branch, which does not derive from Contoso.Library.item"
        ),
        "{err}"
    );
}
