//! The crate's JSON encoder (`to_string`, `to_vec`, `encode_into`, `to_writer`) writes exactly the
//! bytes serde_json writes: on every JSON file of the Graph docs corpus, on the models decoded from
//! them, on generated random values, and on every serde data model shape.

mod common;

use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

#[track_caller]
fn same<T: Serialize + ?Sized>(value: &T) -> String {
    let expected = serde_json::to_string(value).expect("serde_json encodes");
    let ours = graph_models::to_string(value).expect("graph_models encodes");
    assert_eq!(ours, expected);
    assert_eq!(graph_models::to_vec(value).unwrap(), expected.as_bytes());
    let mut appended = b"prefix".to_vec();
    graph_models::encode_into(&mut appended, value).unwrap();
    assert_eq!(&appended[6..], expected.as_bytes());
    let mut written = Vec::new();
    graph_models::to_writer(&mut written, value).unwrap();
    assert_eq!(written, expected.as_bytes());
    ours
}

#[track_caller]
fn both_fail<T: Serialize + ?Sized>(value: &T) -> String {
    let theirs = serde_json::to_string(value).expect_err("serde_json refuses");
    let ours = graph_models::to_string(value).expect_err("graph_models refuses");
    assert_eq!(ours.to_string(), theirs.to_string());
    ours.to_string()
}

#[test]
fn every_graph_docs_json_file_encodes_identically() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let mut files = 0;
    for dir in ["corpus/graph-docs", "corpus/graph-docs-2021"] {
        let mut entries: Vec<_> = std::fs::read_dir(shared.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        entries.sort();
        for path in entries {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            // A few docs files are not JSON (placeholders, comments): serde_json decides.
            let Ok(value) = serde_json::from_str::<Value>(&text) else {
                continue;
            };
            same(&value);
            files += 1;
        }
    }
    assert!(files >= 50, "only {files} JSON files");
}

#[test]
fn strings_numbers_and_escapes() {
    let mut all_bytes = String::new();
    for c in (0u32..0x300).filter_map(char::from_u32) {
        all_bytes.push(c);
    }
    same(&all_bytes);
    same(&json!({
        "": "", "\u{0}\"\\\n": "\u{1f}\u{7f}\u{2028}😀",
        "numbers": [0, -1, 1.5, -0.0, 1e300, 5e-324, 18446744073709551615u64, -9223372036854775808i64],
        "exact": serde_json::from_str::<Value>("123456789012345678901234567890.000000000000001").unwrap(),
        "nested": [[], {}, [{}], {"a": [null, true, false]}],
    }));
    same(&f64::NAN);
    same(&[f32::INFINITY, 1.25f32, f32::MIN_POSITIVE]);
    same(&(i128::MIN, u128::MAX, 'x', '"', ()));
    same(&Some(Some(3u8)));
    same(&Option::<String>::None);
    same(&Bytes(&[0, 1, 255]));
    same(&Bytes(&[]));
}

/// `serialize_bytes` (serde_json writes an array of numbers).
struct Bytes<'a>(&'a [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0)
    }
}

#[derive(Serialize)]
enum Shapes {
    Unit,
    Newtype(u8),
    Tuple(u8, String),
    Struct { a: Vec<u8>, b: Option<bool> },
    EmptyTuple(),
    EmptyStruct {},
}

#[derive(Serialize)]
struct Record {
    unit: (),
    unit_struct: UnitStruct,
    newtype: Newtype,
    tuple_struct: TupleStruct,
    shapes: Vec<Shapes>,
    #[serde(flatten)]
    flattened: BTreeMap<String, Value>,
}

#[derive(Serialize)]
struct UnitStruct;

#[derive(Serialize)]
struct Newtype(String);

#[derive(Serialize)]
struct TupleStruct(i8, f64);

#[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
enum KeyKind {
    Variant,
}

#[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
struct KeyNewtype(u16);

#[test]
fn every_serde_shape() {
    same(&Record {
        unit: (),
        unit_struct: UnitStruct,
        newtype: Newtype("a\"b".into()),
        tuple_struct: TupleStruct(-3, 0.1),
        shapes: vec![
            Shapes::Unit,
            Shapes::Newtype(1),
            Shapes::Tuple(2, "x".into()),
            Shapes::Struct { a: vec![], b: None },
            Shapes::EmptyTuple(),
            Shapes::EmptyStruct {},
        ],
        flattened: [
            ("z".to_string(), json!([1])),
            ("@odata.type".into(), json!("#x")),
        ]
        .into_iter()
        .collect(),
    });
}

#[test]
fn map_keys_follow_serde_json() {
    same(&BTreeMap::from([(1i32, "a"), (-2, "b")]));
    same(&BTreeMap::from([(u128::MAX, 0)]));
    same(&BTreeMap::from([(true, 1), (false, 2)]));
    same(&BTreeMap::from([('k', 1), ('"', 2)]));
    same(&BTreeMap::from([(KeyKind::Variant, 1)]));
    same(&BTreeMap::from([(KeyNewtype(7), 1)]));
    same(&BTreeMap::from([(Some("k"), 1)]));
    same(
        &[(1.5f64, 1)]
            .into_iter()
            .map(|(k, v)| (Key(k), v))
            .collect::<Vec<_>>(),
    );
    let message = both_fail(&BTreeMap::from([(vec![1], 1)]));
    assert!(message.contains("key must be a string"), "{message}");
    both_fail(&BTreeMap::from([((), 1)]));
    both_fail(&BTreeMap::from([(Option::<u8>::None, 1)]));
}

/// A map with one float key (f64 is not `Ord`, so not a BTreeMap key).
struct Key(f64);

impl Serialize for Key {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(1))?;
        map.serialize_entry(&self.0, &1)?;
        map.end()
    }
}

#[test]
fn non_finite_float_keys_fail() {
    let theirs = serde_json::to_string(&Key(f64::NAN)).unwrap_err();
    let ours = graph_models::to_string(&Key(f64::NAN)).unwrap_err();
    assert_eq!(ours.to_string(), theirs.to_string());
}

/// A deterministic generator of JSON values with awkward strings and numbers at every depth.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn string(&mut self) -> String {
        const PIECES: &[&str] = &[
            "a",
            "19:meeting",
            "\"",
            "\\",
            "\n",
            "\u{0}",
            "\u{1f}",
            "\u{7f}",
            "é",
            "😀",
            "/",
            " ",
            "@odata.type",
            "#microsoft.graph.chat",
            "\t\r",
            "\u{2028}",
            "abcdefgh",
        ];
        let n = self.below(12);
        (0..n)
            .map(|_| PIECES[self.below(PIECES.len() as u64) as usize])
            .collect()
    }

    fn value(&mut self, depth: u32) -> Value {
        match self.below(if depth > 4 { 6 } else { 8 }) {
            0 => Value::Null,
            1 => Value::Bool(self.below(2) == 0),
            2 => json!(self.next() as i64),
            3 => json!(f64::from_bits(self.next()))
                .as_f64()
                .map_or(Value::Null, |f| json!(f)),
            4 => json!(self.next() >> self.below(64)),
            5 => Value::String(self.string()),
            6 => Value::Array((0..self.below(5)).map(|_| self.value(depth + 1)).collect()),
            _ => Value::Object(
                (0..self.below(5))
                    .map(|_| (self.string(), self.value(depth + 1)))
                    .collect(),
            ),
        }
    }
}

#[test]
fn random_values_encode_identically() {
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    for _ in 0..5_000 {
        same(&random.value(0));
    }
}

#[test]
fn generated_models_encode_identically() {
    use graph_models::chat::{AadUserConversationMember, AnyConversationMember, Chat, ChatType};
    let chat = Chat {
        chat_type: ChatType::Group.into(),
        topic: graph_models::Field::Null,
        members: vec![AnyConversationMember::from(
            AadUserConversationMember {
                roles: vec!["owner".to_string()].into(),
                ..Default::default()
            }
            .with_user_bind(
                "https://graph.microsoft.com/v1.0/users('8b081ef6-4792-4def-b2c9-c363a1bf41d5')",
            ),
        )]
        .into(),
        ..Default::default()
    };
    let text = same(&chat);
    assert!(
        text.contains(r##""@odata.type":"#microsoft.graph.aadUserConversationMember""##),
        "{text}"
    );
    let back: Chat = graph_models::from_str(&text).unwrap();
    same(&back);
}

/// `collect_str` as a value and as a map key (chrono, uuid and many `Display` types use it).
struct Displayed;

impl Serialize for Displayed {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_args!("a\"b\\c\n{}é", 1))
    }
}

#[test]
fn collect_str_is_escaped_like_serde_json() {
    same(&Displayed);
    same(&[Displayed, Displayed]);
    struct Keyed;
    impl Serialize for Keyed {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut map = s.serialize_map(None)?;
            map.serialize_entry(&Displayed, &Displayed)?;
            map.end()
        }
    }
    same(&Keyed);
}
