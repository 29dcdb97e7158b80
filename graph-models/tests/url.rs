//! OData URL literals (`graph_models::url`) against the examples of the OData v4.01 URL
//! Conventions and the request lines of the Graph docs (`../shared/corpus/graph-docs*/`).

mod common;

use graph_models::chat::ChatType;
use graph_models::edm;
use graph_models::url::percent_decode;
use graph_models::url::{self, composite_key, function_call, key, Argument, Enum, Literal};

#[test]
fn strings_are_quoted_with_quotes_doubled_and_percent_encoded() {
    // URL Conventions 5.1.1.1: `People('O''Neil')`.
    assert_eq!(key(&"O'Neil"), "('O''Neil')");
    assert_eq!("it''s".to_literal(), "'it''''s'");
    assert_eq!("".to_literal(), "''");
    // The example: a Graph chat id.
    assert_eq!(key(&"19:abc@thread.v2"), "('19%3Aabc%40thread.v2')");
    // Spaces, reserved characters and non-ASCII text, as UTF-8 bytes.
    assert_eq!(
        "a b/c?d#e&f=g+h".to_literal(),
        "'a%20b%2Fc%3Fd%23e%26f%3Dg%2Bh'"
    );
    assert_eq!("Café ☕".to_literal(), "'Caf%C3%A9%20%E2%98%95'");
    // Unreserved characters stay as they are.
    assert_eq!("A-z_0.9~".to_literal(), "'A-z_0.9~'");
}

#[test]
fn numbers_booleans_and_null_are_bare() {
    assert_eq!(key(&1i32), "(1)");
    assert_eq!((-42i64).to_literal(), "-42");
    assert_eq!(true.to_literal(), "true");
    assert_eq!(None::<i32>.to_literal(), "null");
    let big: edm::Int64 = "9007199254740993".parse().unwrap();
    assert_eq!(big.to_literal(), "9007199254740993");
    let decimal: edm::Decimal = "-12.50".parse().unwrap();
    assert_eq!(decimal.to_literal(), "-12.50");
    let inf: edm::Double = serde_json::from_str("\"INF\"").unwrap();
    assert_eq!(inf.to_literal(), "INF");
}

#[test]
fn guid_dates_and_times_are_bare_and_encoded() {
    let guid: edm::Guid = "01234567-89ab-cdef-0123-456789abcdef".parse().unwrap();
    // URL Conventions: `Products(01234567-89ab-cdef-0123-456789abcdef)`.
    assert_eq!(key(&guid), "(01234567-89ab-cdef-0123-456789abcdef)");
    let date: edm::Date = "2012-12-03".parse().unwrap();
    assert_eq!(date.to_literal(), "2012-12-03");
    let when: edm::DateTimeOffset = "2012-12-03T07:16:23+01:00".parse().unwrap();
    // The `+` of the offset must not reach the server as a space.
    assert_eq!(when.to_literal(), "2012-12-03T07%3A16%3A23%2B01%3A00");
    let time: edm::TimeOfDay = "07:59:59.999".parse().unwrap();
    assert_eq!(time.to_literal(), "07%3A59%3A59.999");
}

#[test]
fn duration_and_binary_carry_their_prefix() {
    // URL Conventions: `duration'P12DT23H59M59.999999999999S'`, `binary'T0RhdGE'`.
    let duration: edm::Duration = "P12DT23H59M59.999999999999S".parse().unwrap();
    assert_eq!(
        duration.to_literal(),
        "duration'P12DT23H59M59.999999999999S'"
    );
    let binary = edm::Binary::new(b"OData".to_vec());
    assert_eq!(binary.to_literal(), "binary'T0RhdGE'");
}

#[test]
fn enum_members_are_qualified() {
    assert_eq!(
        Enum(&ChatType::Group).to_literal(),
        "microsoft.graph.chatType'group'"
    );
    // A member this code does not know is written as it was received.
    let unknown: ChatType = serde_json::from_str("\"someFutureValue\"").unwrap();
    assert_eq!(
        Enum(&unknown).to_literal(),
        "microsoft.graph.chatType'someFutureValue'"
    );
}

#[test]
fn composite_keys_name_each_part() {
    // URL Conventions 4.3.1: `OrderItems(OrderID=1,ItemNo=2)`.
    assert_eq!(
        composite_key(&[("OrderID", &1i32), ("ItemNo", &2i32)]),
        "(OrderID=1,ItemNo=2)"
    );
    assert_eq!(
        composite_key(&[("Name", &"a'b"), ("Id", &7i32)]),
        "(Name='a''b',Id=7)"
    );
}

#[test]
fn function_calls_put_complex_values_in_aliases() {
    // URL Conventions 5.1.1.13.1: `Sales.EmployeesByManager(ManagerID=@p1)?@p1=3`, and a
    // primitive written in the call.
    let (segment, aliases) = function_call(
        "Sales.EmployeesByManager",
        &[("ManagerID", Argument::Json(serde_json::json!(3)))],
    );
    assert_eq!(segment, "Sales.EmployeesByManager(ManagerID=@p1)");
    assert_eq!(aliases, [("@p1".to_string(), "3".to_string())]);

    let (segment, aliases) = function_call(
        "microsoft.graph.getAllMessages",
        &[
            ("model", Argument::Literal(&"A")),
            ("ids", Argument::Json(serde_json::json!(["a", "b"]))),
            ("top", Argument::Literal(&5i32)),
            ("filter", Argument::Json(serde_json::json!({"x": 1}))),
        ],
    );
    assert_eq!(
        segment,
        "microsoft.graph.getAllMessages(model='A',ids=@p1,top=5,filter=@p2)"
    );
    assert_eq!(
        aliases,
        [
            ("@p1".to_string(), "%5B%22a%22%2C%22b%22%5D".to_string()),
            ("@p2".to_string(), "%7B%22x%22%3A1%7D".to_string()),
        ]
    );
    let (segment, aliases) = function_call("f", &[]);
    assert_eq!((segment.as_str(), aliases.len()), ("f()", 0));
}

/// Every path segment of the docs' request lines that the docs percent-encode (the channel ids
/// `19%3A...%40thread.skype`) is what `url::percent_encode` writes for its decoded text; and each
/// quoted value of their `$filter`s, written as a string literal, is what the server reads there
/// once it percent-decodes the query (the docs leave `@` and the like unencoded).
#[test]
fn docs_request_lines_encode_as_the_docs_write_them() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let mut encoded_segments = 0;
    let mut quoted_values = 0;
    for corpus in ["corpus/graph-docs", "corpus/graph-docs-2021"] {
        let dir = shared.join(corpus);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with("__request.txt"))
            .collect();
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let line = text.lines().next().unwrap_or_default();
            let Some(target) = line.split_once(' ').map(|(_, t)| t) else {
                continue;
            };
            let (path, query) = target.split_once('?').unwrap_or((target, ""));
            for segment in path.split('/').filter(|s| s.contains('%')) {
                let mut again = String::new();
                url::percent_encode(&percent_decode(segment), &mut again);
                assert_eq!(again, segment, "{}", file.display());
                encoded_segments += 1;
            }
            // `userId eq '73761f06-...'`: the quoted values of a filter.
            for (i, part) in query.split('\'').enumerate() {
                if i % 2 == 1 && !part.contains(' ') {
                    let literal = part.to_literal();
                    assert_eq!(
                        percent_decode(&literal),
                        format!("'{part}'"),
                        "{}",
                        file.display()
                    );
                    quoted_values += 1;
                }
            }
        }
    }
    eprintln!("{encoded_segments} encoded path segments, {quoted_values} quoted filter values");
    assert!(encoded_segments >= 5, "{encoded_segments} encoded segments");
    assert!(quoted_values >= 1, "{quoted_values} quoted values");
}

#[test]
fn percent_decode_inverts_percent_encode_and_keeps_what_it_cannot_read() {
    for text in ["19:abc@thread.v2", "O'Neil / 1", "größe 日本", "100%", ""] {
        let mut encoded = String::new();
        url::percent_encode(text, &mut encoded);
        assert_eq!(percent_decode(&encoded), text);
    }
    assert_eq!(percent_decode("a%2"), "a%2");
    assert_eq!(percent_decode("%zz%41"), "%zzA");
    assert_eq!(percent_decode("%FF"), "\u{fffd}");
}
