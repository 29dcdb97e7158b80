//! Bound functions put their parameters in the URL, each written as the OData URL conventions
//! say for its declared type (`tests/data/functions.csdl`): strings quoted with `'` doubled,
//! enum members `Namespace.type'member'`, a type definition as its underlying type, numbers,
//! dates and Guids bare, durations `duration'..'`, complex, collection and untyped values through
//! parameter aliases with their JSON; everything percent-encoded.

mod functions {
    graph_models::odata_models! {
        metadata: "tests/data/functions.csdl",
        types: *,
        operations: true,
        paths: true,
    }
}

use functions::{Color, Point, ProductAnything, ProductCollectionNearest, ProductPriceIn};
use graph_models::request::Method;

#[test]
fn primitive_enum_and_definition_parameters_are_literals() {
    let call = functions::products().key(&5).call(&ProductPriceIn {
        currency: "O'Neil €".to_string().into(),
        color: Color::Red.into(),
        sku: "A-1/2".to_string().into(),
        quantity: 3.into(),
        at: "2012-12-03T07:16:23+01:00"
            .parse::<graph_models::edm::DateTimeOffset>()
            .unwrap()
            .into(),
        within: "P1DT2H"
            .parse::<graph_models::edm::Duration>()
            .unwrap()
            .into(),
        id: "01234567-89ab-cdef-0123-456789abcdef"
            .parse::<graph_models::edm::Guid>()
            .unwrap()
            .into(),
        ..Default::default()
    });
    assert_eq!(call.method(), Method::Get);
    assert!(call.body().is_none());
    assert_eq!(
        call.path_and_query(),
        "/products(5)/Test.Functions.priceIn(currency='O''Neil%20%E2%82%AC',color=Test.Functions.color'red',sku='A-1%2F2',quantity=3,at=2012-12-03T07%3A16%3A23%2B01%3A00,within=duration'P1DT2H',id=01234567-89ab-cdef-0123-456789abcdef)"
    );
    // A primitive result comes as {"value": ...}.
    let price = call.decode(br#"{"value":12.50}"#).unwrap();
    assert_eq!(
        price.value.get().map(ToString::to_string).as_deref(),
        Some("12.50")
    );
    // Absent parameters are left out (OData reads an omitted nullable parameter as null); a
    // null one is written `null`.
    let call = functions::products().key(&5).call(&ProductPriceIn {
        currency: "EUR".to_string().into(),
        color: graph_models::Field::Null,
        ..Default::default()
    });
    assert_eq!(
        call.path(),
        "/products(5)/Test.Functions.priceIn(currency='EUR',color=null)"
    );
}

#[test]
fn complex_collection_and_untyped_parameters_go_through_aliases() {
    let call = functions::products().call(&ProductCollectionNearest {
        to: Point {
            x: 1.into(),
            y: 2.into(),
            ..Default::default()
        }
        .into(),
        colors: vec![Color::Red, Color::Blue].into(),
        ..Default::default()
    });
    assert_eq!(
        call.path_and_query(),
        "/products/Test.Functions.nearest(to=@p1,colors=@p2)?@p1=%7B%22x%22%3A1%2C%22y%22%3A2%7D&@p2=%5B%22red%22%2C%22blue%22%5D"
    );
    let page = call
        .decode(br#"{"value":[{"id":1,"name":"pen","color":"blue"}]}"#)
        .unwrap();
    assert_eq!(page.items()[0].name.as_deref(), Some("pen"));

    // An untyped value is JSON even when it is a string (never mistaken for an enum member).
    let call = functions::products().key(&1).call(&ProductAnything {
        value: serde_json::json!("A1").into(),
        ..Default::default()
    });
    assert_eq!(
        call.path_and_query(),
        "/products(1)/Test.Functions.anything(value=@p1)?@p1=%22A1%22"
    );
}

#[test]
fn an_integer_key_and_enum_filters() {
    use functions::Product;
    assert_eq!(functions::products().key(&-7).path(), "/products(-7)");
    let query =
        graph_models::request::Query::<Product>::new().filter(Product::COLOR.eq(Color::Blue));
    assert_eq!(
        functions::products().list_with(query).path_and_query(),
        "/products?$filter=color%20eq%20Test.Functions.color'blue'"
    );
}

#[test]
fn action_and_function_imports_are_root_functions() {
    use functions::{Cheapest, ProductCount, ProductCount_, ResetPrices};
    let reset = functions::reset_prices(&ResetPrices {
        factor: "0.9".parse::<graph_models::edm::Double>().unwrap().into(),
        colors: vec![Color::Blue].into(),
        ..Default::default()
    });
    assert_eq!(reset.method(), Method::Post);
    assert_eq!(reset.path(), "/ResetPrices");
    assert_eq!(
        reset.body().unwrap(),
        br#"{"factor":0.9,"colors":["blue"]}"#
    );
    // No return type: a 204's empty body decodes to ().
    reset.decode(b"").unwrap();
    // An action without parameters to send has no body.
    assert!(functions::reset_prices(&ResetPrices::default())
        .body()
        .is_none());

    // The overloads of a function import: each its own struct and function.
    let count = functions::product_count(&ProductCount {
        color: Color::Red.into(),
        ..Default::default()
    });
    assert_eq!(count.method(), Method::Get);
    assert_eq!(
        count.path(),
        "/ProductCount(color=Test.Functions.color'red')"
    );
    assert_eq!(
        count.decode(br#"{"value":3}"#).unwrap().value.get(),
        Some(&3)
    );
    assert_eq!(
        functions::product_count_(&ProductCount_::default()).path(),
        "/ProductCount()"
    );
    let cheapest = functions::cheapest(&Cheapest::default());
    assert_eq!(cheapest.path(), "/Cheapest()");
    let product = cheapest.decode(br#"{"id":2,"name":"clip"}"#).unwrap();
    assert_eq!(product.name.as_deref(), Some("clip"));
    // An import whose Rust name the entity set has takes another.
    assert_eq!(
        functions::products_(&functions::Products::default()).path(),
        "/Products()"
    );
    assert_eq!(functions::products().path(), "/products");
    // Unbound: no binding.
    assert_eq!(<ResetPrices as graph_models::Operation>::BINDING, None);
}
