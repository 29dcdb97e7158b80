//! Edm primitive value types: lossless round trips, canonical encodings, accepted forms, errors.

use std::fmt::Debug;
use std::str::FromStr;

use chrono::{Datelike, FixedOffset, NaiveDate, NaiveTime, TimeDelta, TimeZone, Timelike, Utc};
use graph_models::edm::{
    Base64Form, Binary, Date, DateTimeOffset, Decimal, Double, Duration, Guid, Int64, ParseError,
    Single, Stream, TimeOfDay,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

// -------------------------------------------------------------------------------------------------
// Helpers

/// Decodes `json` through every deserializer path (str, bytes, io::Read, owned Value, borrowed
/// Value), checks each re-encodes to exactly `json` (as text and as a Value), and that all paths
/// agree. Returns the decoded value.
#[track_caller]
fn round_trip<T>(json: &str) -> T
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let from_str: T = serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"));
    let from_slice: T = serde_json::from_slice(json.as_bytes()).unwrap();
    let from_reader: T = serde_json::from_reader(json.as_bytes()).unwrap();
    assert_eq!(from_str, from_slice, "{json}");
    assert_eq!(from_str, from_reader, "{json}");
    assert_eq!(serde_json::to_string(&from_str).unwrap(), json);

    let value: Value = serde_json::from_str(json).unwrap();
    assert_eq!(
        serde_json::to_value(&from_str).unwrap(),
        value,
        "{json} as a Value"
    );
    let from_value_ref =
        T::deserialize(&value).unwrap_or_else(|e| panic!("{json} from &Value: {e}"));
    let from_value: T = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(from_value, from_str, "{json} from Value");
    assert_eq!(from_value_ref, from_str, "{json} from &Value");
    assert_eq!(serde_json::to_value(&from_value).unwrap(), value);
    from_str
}

/// The error message of decoding `json` as `T`, checked to be the same from text and from a Value.
#[track_caller]
fn decode_error<T: DeserializeOwned + Debug>(json: &str) -> String {
    let err = serde_json::from_str::<T>(json).expect_err(json).to_string();
    let value: Value = serde_json::from_str(json).unwrap();
    let from_value = serde_json::from_value::<T>(value)
        .expect_err(json)
        .to_string(); // serde_json appends " at line 1 column N" to errors from text.
    let message = err.split(" at line ").next().unwrap().to_owned();
    if message.starts_with("invalid type") {
        // serde_json words the unexpected part differently from text ("integer `5`") and from a
        // Value ("number"); what we expected is the same.
        let expected = |m: &str| m.split(", expected ").nth(1).map(str::to_owned);
        assert_eq!(expected(&message), expected(&from_value), "{json}");
    } else {
        assert_eq!(
            message, from_value,
            "text and Value paths disagree for {json}"
        );
    }
    message
}

fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap()
}

// Real values (Graph docs corpus, OData samples, the kiota-python seed bodies).
const GRAPH_DATES: [&str; 8] = [
    "2020-12-04T23:10:28.51Z",
    "2021-04-26T21:35:49.048Z",
    "2019-04-18T23:51:42.099Z",
    "2020-12-08T23:53:05.801Z",
    "2022-05-02T12:49:36.881Z",
    "2012-12-03T07:16:23Z",
    "0001-01-01T00:00:00Z",
    "2021-11-25T01:56:31.313Z",
];

fn seed_guids() -> Vec<String> {
    // `user@odata.bind` values of ../shared/conformance/kiota-python/*.json: users('<guid>')
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/conformance/kiota-python"
    );
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("shared/conformance/kiota-python") {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for part in text.split("users('").skip(1) {
            let id = part.split("')").next().unwrap();
            if id.len() == 36 {
                out.push(id.to_owned());
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

// -------------------------------------------------------------------------------------------------
// Int64

#[test]
fn int64_round_trips_number_and_string_forms() {
    let n: Int64 = round_trip("42");
    assert_eq!((n.get(), n.is_string()), (42, false));
    let s: Int64 = round_trip("\"42\"");
    assert_eq!((s.get(), s.is_string()), (42, true));
    assert_ne!(n, s, "number and string forms are different JSON values");

    assert_eq!(round_trip::<Int64>("-9223372036854775808").get(), i64::MIN);
    assert_eq!(
        round_trip::<Int64>("\"9223372036854775807\"").get(),
        i64::MAX
    );
    assert_eq!(round_trip::<Int64>("0").get(), 0);
    // Non-canonical texts are kept as written.    // From JSON text; a serde_json::Value hands "-0" over as the integer 0 (documented).
    let minus_zero: Int64 = serde_json::from_str("-0").unwrap();
    assert_eq!((minus_zero.get(), json(&minus_zero).as_str()), (0, "-0"));
    assert_eq!(round_trip::<Int64>("\"+042\"").get(), 42);
    assert_eq!(round_trip::<Int64>("\"-0\"").get(), 0);
    assert_eq!(round_trip::<Vec<Int64>>("[1,\"2\",-3]").len(), 3);
}

#[test]
fn int64_canonical_encoding() {
    assert_eq!(json(&Int64::from(5)), "5");
    assert_eq!(json(&Int64::new(-17)), "-17");
    assert_eq!(
        json(&Int64::new_string(9007199254740993)),
        "\"9007199254740993\""
    );
    assert_eq!(
        serde_json::to_value(Int64::new(i64::MAX)).unwrap(),
        serde_json::json!(i64::MAX)
    );
    assert_eq!(i64::from(Int64::new(7)), 7);
    assert_eq!(Int64::new(7), Int64::from_str("7").unwrap());
    assert_eq!(Int64::from_str("+7").unwrap(), Int64::new(7));
    assert_eq!(Int64::from_str("-0").unwrap().to_string(), "-0");
    assert_eq!(Int64::new_string(12).to_string(), "12");
    let decoded: Int64 = serde_json::from_str("\"+042\"").unwrap();
    assert_eq!(decoded.to_string(), "+042");
}

#[test]
fn int64_errors() {
    assert_eq!(
        decode_error::<Int64>("1.5"),
        "invalid Edm.Int64 1.5: not an integer"
    );
    // serde_json normalises exponents to `e+`/`e-` before we see the text.
    assert_eq!(
        decode_error::<Int64>("1e3"),
        "invalid Edm.Int64 1e+3: not an integer"
    );
    assert_eq!(
        decode_error::<Int64>("9223372036854775808"),
        "invalid Edm.Int64 9223372036854775808: out of range for a 64-bit integer"
    );
    assert_eq!(
        decode_error::<Int64>("\"9223372036854775808\""),
        "invalid Edm.Int64 \"9223372036854775808\": out of range for a 64-bit integer"
    );
    assert_eq!(
        decode_error::<Int64>("\"abc\""),
        "invalid Edm.Int64 \"abc\": expected an integer"
    );
    assert_eq!(
        decode_error::<Int64>("\"1.0\""),
        "invalid Edm.Int64 \"1.0\": expected an integer"
    );
    assert_eq!(
        decode_error::<Int64>("\"\""),
        "invalid Edm.Int64 \"\": expected an integer"
    );
    assert_eq!(
        decode_error::<Int64>("true"),
        "invalid type: boolean `true`, expected an Edm.Int64 (a JSON number, or a string holding an integer)"
    );
    assert_eq!(
        decode_error::<Int64>("{\"a\":1}"),
        "invalid type: map, expected an Edm.Int64 (a JSON number, or a string holding an integer)"
    );
    assert_eq!(
        Int64::from_str("12a").unwrap_err().to_string(),
        "invalid Edm.Int64 \"12a\": expected an integer"
    );
}

// -------------------------------------------------------------------------------------------------
// Decimal

#[test]
fn decimal_keeps_every_digit() {
    let big = "123456789012345678901234567890.123456789012345678901234567890";
    let d: Decimal = round_trip(big);
    assert_eq!(d.as_str(), big);
    assert!(!d.is_string());
    assert!((d.to_f64() - 1.2345678901234568e29).abs() < 1e15);

    for text in [
        "1.50",
        "1.0",
        "1",
        "-0.0",
        "1e-7",
        "1e+2",
        "-12.340e-5",
        "10000000000000000000001",
    ] {
        assert_eq!(round_trip::<Decimal>(text).as_str(), text);
    }
    // serde_json itself writes exponents as `e+N` / `e-N` (so its Value compares equal).
    assert_eq!(
        serde_json::from_str::<Decimal>("1E2").unwrap().as_str(),
        "1e+2"
    );
    // From JSON text, a number in a form serde_json would not choose is kept...
    assert_eq!(
        serde_json::from_str::<Decimal>("0.0000001")
            .unwrap()
            .as_str(),
        "0.0000001"
    );
    // ...but from a Value, serde_json hands it over as an f64 (documented limitation).
    let value: Value = serde_json::from_str("0.0000001").unwrap();
    assert_eq!(
        serde_json::from_value::<Decimal>(value).unwrap().as_str(),
        "1e-7"
    );
    let s: Decimal = round_trip("\"1.50\"");
    assert_eq!((s.as_str(), s.is_string()), ("1.50", true));
    // The string form allows what OData's decimal literal allows and JSON numbers do not.
    assert_eq!(round_trip::<Decimal>("\"+007.10\"").as_str(), "+007.10");
    assert_eq!(
        round_trip::<Decimal>("\"12345678901234567890.000000000000000001\"").to_f64(),
        12345678901234567000.0
    );
    // Lexical equality.
    assert_ne!(
        Decimal::from_str("1.0").unwrap(),
        Decimal::from_str("1.00").unwrap()
    );
    assert_ne!(
        round_trip::<Decimal>("1.5"),
        round_trip::<Decimal>("\"1.5\"")
    );
}

#[test]
fn decimal_canonical_encoding() {
    assert_eq!(json(&Decimal::from(42i64)), "42");
    assert_eq!(
        json(&Decimal::from(u128::MAX)),
        "340282366920938463463374607431768211455"
    );
    assert_eq!(
        json(&Decimal::from_str("3.14159265358979323846264338327950288").unwrap()),
        "3.14159265358979323846264338327950288"
    );
    assert_eq!(json(&Decimal::new_string("3.10").unwrap()), "\"3.10\"");
    assert_eq!(json(&Decimal::from_f64(0.1).unwrap()), "0.1");
    assert_eq!(Decimal::from_f64(f64::NAN), None);
    // FromStr makes a JSON number: drops what a JSON number cannot hold.
    assert_eq!(Decimal::from_str("+007.10").unwrap().as_str(), "7.10");
    assert_eq!(Decimal::from_str("-00").unwrap().as_str(), "-0");
    assert_eq!(Decimal::from_str("000.5").unwrap().as_str(), "0.5");
    assert_eq!(Decimal::from_str("2.50").unwrap().to_string(), "2.50");
    assert_eq!(
        serde_json::to_value(Decimal::from_str("2.50").unwrap()).unwrap(),
        serde_json::from_str::<Value>("2.50").unwrap()
    );
}

#[test]
fn decimal_errors() {
    assert_eq!(
        decode_error::<Decimal>("\"1.2.3\""),
        "invalid Edm.Decimal \"1.2.3\": expected a decimal number"
    );
    assert_eq!(
        decode_error::<Decimal>("\"NaN\""),
        "invalid Edm.Decimal \"NaN\": expected a decimal number"
    );
    assert_eq!(
        decode_error::<Decimal>("\".5\""),
        "invalid Edm.Decimal \".5\": expected a decimal number"
    );
    assert_eq!(
        decode_error::<Decimal>("\"1e\""),
        "invalid Edm.Decimal \"1e\": expected a decimal number"
    );
    assert_eq!(
        decode_error::<Decimal>("null"),
        "invalid type: null, expected an Edm.Decimal (a JSON number, or a string holding a decimal number)"
    );
    assert_eq!(
        Decimal::from_str("1,5").unwrap_err().to_string(),
        "invalid Edm.Decimal \"1,5\": expected a decimal number"
    );
    assert!(Decimal::new_string("").is_err());
}

// -------------------------------------------------------------------------------------------------
// Double and Single

#[test]
fn double_round_trips_texts_and_special_strings() {
    assert_eq!(round_trip::<Double>("1").get(), 1.0);
    assert_eq!(round_trip::<Double>("1.0").get(), 1.0);
    assert_ne!(round_trip::<Double>("1"), round_trip::<Double>("1.0"));
    assert_eq!(round_trip::<Double>("1.50").get(), 1.5);
    assert_eq!(round_trip::<Double>("0.1").get(), 0.1);
    assert_eq!(
        round_trip::<Double>("-0.0").get().to_bits(),
        (-0.0f64).to_bits()
    );
    assert_eq!(round_trip::<Double>("1e+300").get(), 1e300);
    assert_eq!(round_trip::<Double>("2.5e-3").get(), 0.0025);
    // serde_json normalises the exponent ("E5" -> "e+5") before we see it, in its Value too.
    let e5: Double = serde_json::from_str("1E5").unwrap();
    assert_eq!((e5.get(), json(&e5).as_str()), (1e5, "1e+5"));
    assert_eq!(
        round_trip::<Double>("12345678901234567890").get(),
        12345678901234567890.0
    );
    assert_eq!(round_trip::<Double>("0.1000000000000000000001").get(), 0.1);
    assert_eq!(round_trip::<Double>("-47.6062").get(), -47.6062);

    assert_eq!(round_trip::<Double>("\"INF\"").get(), f64::INFINITY);
    assert_eq!(round_trip::<Double>("\"-INF\"").get(), f64::NEG_INFINITY);
    let nan: Double = round_trip("\"NaN\"");
    assert!(nan.get().is_nan());
    assert_eq!(nan, Double::from(f64::NAN), "NaN equals NaN lexically");
    let set: std::collections::HashSet<Double> = ["1", "1.0", "1", "\"NaN\"", "\"NaN\""]
        .iter()
        .map(|t| serde_json::from_str(t).unwrap())
        .collect();
    assert_eq!(set.len(), 3, "Eq + Hash follow the lexical equality");
}

#[test]
fn double_canonical_encoding() {
    assert_eq!(json(&Double::from(1.0)), "1.0");
    assert_eq!(json(&Double::from(0.1)), "0.1");
    assert_eq!(json(&Double::from(-2.5e-10)), "-2.5e-10");
    assert_eq!(json(&Double::from(f64::INFINITY)), "\"INF\"");
    assert_eq!(json(&Double::from(f64::NEG_INFINITY)), "\"-INF\"");
    assert_eq!(json(&Double::from(-f64::NAN)), "\"NaN\"");
    assert_eq!(
        serde_json::to_value(Double::from(1.0)).unwrap(),
        serde_json::from_str::<Value>("1.0").unwrap()
    );
    assert_eq!(Double::from(2.25).to_string(), "2.25");
    assert_eq!(Double::from(f64::INFINITY).to_string(), "INF");
    assert_eq!(f64::from(Double::from(3.5)), 3.5);
    // FromStr keeps JSON-number texts, and reads the special strings.
    assert_eq!(json(&Double::from_str("1").unwrap()), "1");
    assert_eq!(json(&Double::from_str("+1.50").unwrap()), "1.50");
    assert_eq!(json(&Double::from_str("-INF").unwrap()), "\"-INF\"");
    assert_eq!(Double::from_str("1.0").unwrap(), Double::from(1.0));
}

#[test]
fn double_from_value_numbers() {
    // Through a serde_json::Value, numbers whose text is not the shortest form come as their text
    // and are kept; shortest-form floats come as f64 (exactly representable, re-encoded identically).
    for text in ["1", "1.0", "1.50", "123", "-7", "1e-7", "6.02214076e23"] {
        let value: Value = serde_json::from_str(text).unwrap();
        let d: Double = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(serde_json::to_value(&d).unwrap(), value, "{text}");
    }
    // Documented limitation: a non-exponent, non-shortest text that equals f64's Display form
    // reaches us as a plain f64 from a Value and is re-encoded in the shortest form.
    let value: Value = serde_json::from_str("0.0000001").unwrap();
    let d: Double = serde_json::from_value(value).unwrap();
    assert_eq!(json(&d), "1e-7");
    // From JSON text it is kept.
    assert_eq!(
        json(&serde_json::from_str::<Double>("0.0000001").unwrap()),
        "0.0000001"
    );
}

#[test]
fn double_errors() {
    assert_eq!(
        decode_error::<Double>("\"Infinity\""),
        "invalid Edm.Double \"Infinity\": the only strings allowed are \"INF\", \"-INF\" and \"NaN\""
    );
    assert_eq!(
        decode_error::<Double>("\"1.5\""),
        "invalid Edm.Double \"1.5\": the only strings allowed are \"INF\", \"-INF\" and \"NaN\""
    );
    assert_eq!(
        decode_error::<Double>("\"inf\""),
        decode_error::<Double>("\"inf\"")
    );
    assert!(decode_error::<Double>("\"nan\"").starts_with("invalid Edm.Double \"nan\""));
    assert_eq!(
        serde_json::from_str::<Double>("1e400")
            .unwrap_err()
            .to_string(),
        "invalid Edm.Double 1e+400: out of range at line 1 column 5"
    );
    assert_eq!(
        decode_error::<Double>("[1]"),
        "invalid type: sequence, expected an Edm.Double (a JSON number, or \"INF\", \"-INF\", \"NaN\")"
    );
    assert_eq!(
        Double::from_str("1..2").unwrap_err().to_string(),
        "invalid Edm.Double \"1..2\": expected a decimal number, \"INF\", \"-INF\" or \"NaN\""
    );
}

#[test]
fn single_round_trips_and_canonical_encoding() {
    assert_eq!(round_trip::<Single>("1.1").get(), 1.1f32);
    assert_eq!(round_trip::<Single>("3.4028235e+38").get(), f32::MAX);
    assert_eq!(round_trip::<Single>("1").get(), 1.0);
    // An f64-looking text of an f32 value is kept as written.
    let s: Single = round_trip("0.30000001192092896");
    assert_eq!(s.get(), 0.3f32);
    assert_eq!(s.to_string(), "0.30000001192092896");
    assert_eq!(round_trip::<Single>("\"INF\"").get(), f32::INFINITY);
    assert_eq!(round_trip::<Single>("\"-INF\"").get(), f32::NEG_INFINITY);
    assert!(round_trip::<Single>("\"NaN\"").get().is_nan());

    assert_eq!(json(&Single::from(0.3f32)), "0.3");
    assert_eq!(json(&Single::from(1.0f32)), "1.0");
    assert_eq!(json(&Single::from(f32::NEG_INFINITY)), "\"-INF\"");
    assert_eq!(f32::from(Single::from(2.5f32)), 2.5);
    assert_eq!(Single::from_str("0.3").unwrap(), Single::from(0.3f32));

    assert_eq!(
        decode_error::<Single>("3.5e+38"),
        "invalid Edm.Single 3.5e+38: out of range"
    );
    assert_eq!(
        decode_error::<Single>("\"-inf\""),
        "invalid Edm.Single \"-inf\": the only strings allowed are \"INF\", \"-INF\" and \"NaN\""
    );
}

// -------------------------------------------------------------------------------------------------
// Guid

#[test]
fn guid_round_trips_seed_guids_in_their_case() {
    let guids = seed_guids();
    // One seed id ("8ba98gf6-...") is not a GUID: see guid_errors.
    let valid: Vec<_> = guids
        .iter()
        .filter(|id| uuid::Uuid::parse_str(id).is_ok())
        .collect();
    assert!(
        valid.len() >= 5 && valid.len() < guids.len(),
        "found {guids:?}"
    );
    for id in valid {
        let g: Guid = round_trip(&format!("\"{id}\""));
        assert_eq!(g.get(), uuid::Uuid::parse_str(id).unwrap());
        assert_eq!(g.to_string(), *id);
    }
    let upper: Guid = round_trip("\"21EC2020-3AEA-1069-A2DD-08002B30309D\"");
    assert!(upper.is_upper());
    let lower: Guid = round_trip("\"21ec2020-3aea-1069-a2dd-08002b30309d\"");
    assert_eq!(upper.get(), lower.get());
    assert_ne!(upper, lower, "equality is lexical");
    let mixed: Guid = round_trip("\"21ec2020-3AEA-1069-a2dd-08002B30309D\"");
    assert_eq!(mixed.get(), lower.get());
    assert_eq!(mixed.to_string(), "21ec2020-3AEA-1069-a2dd-08002B30309D");
    // All digits: the same text in either case.
    assert_eq!(
        round_trip::<Guid>("\"00000000-0000-0000-0000-000000000000\"").get(),
        uuid::Uuid::nil()
    );
    let v: Vec<Guid> = round_trip(
        "[\"8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca\",\"82FE7758-5BB3-4F0D-A43F-E555FD399C6F\"]",
    );
    assert_eq!(v.len(), 2);
}

#[test]
fn guid_canonical_encoding() {
    let u = uuid::Uuid::parse_str("8C0A1A67-50CE-4114-BB6C-DA9C5DBCF6CA").unwrap();
    assert_eq!(
        json(&Guid::from(u)),
        "\"8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca\""
    );
    assert_eq!(
        json(&Guid::new_upper(u)),
        "\"8C0A1A67-50CE-4114-BB6C-DA9C5DBCF6CA\""
    );
    assert_eq!(uuid::Uuid::from(Guid::new(u)), u);
    assert_eq!(
        Guid::from_str("8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca").unwrap(),
        Guid::new(u)
    );
}

#[test]
fn guid_errors() {
    assert_eq!(
        decode_error::<Guid>("\"xyz\""),
        "invalid Edm.Guid \"xyz\": expected 36 characters (8-4-4-4-12 hexadecimal digits), found 3"
    );
    // From the seed: a made-up id with 'g' in it.
    assert_eq!(
        decode_error::<Guid>("\"8ba98gf6-7fc2-4eb2-c7f2-aef9f21fd98g\""),
        "invalid Edm.Guid \"8ba98gf6-7fc2-4eb2-c7f2-aef9f21fd98g\": expected a hexadecimal digit at position 6"
    );
    assert_eq!(
        decode_error::<Guid>("\"{8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca}\""),
        "invalid Edm.Guid \"{8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca}\": expected 36 characters (8-4-4-4-12 hexadecimal digits), found 38"
    );
    assert_eq!(
        decode_error::<Guid>("\"8c0a1a6750ce4114bb6cda9c5dbcf6ca\""),
        "invalid Edm.Guid \"8c0a1a6750ce4114bb6cda9c5dbcf6ca\": expected 36 characters (8-4-4-4-12 hexadecimal digits), found 32"
    );
    assert_eq!(
        decode_error::<Guid>("\"8c0a1a67_50ce-4114-bb6c-da9c5dbcf6ca\""),
        "invalid Edm.Guid \"8c0a1a67_50ce-4114-bb6c-da9c5dbcf6ca\": expected '-' at position 9"
    );
    assert_eq!(
        decode_error::<Guid>("\"8c0a1a67-50ce-4114-bb6c-da9c5dbcf6\u{e9}\""),
        "invalid Edm.Guid \"8c0a1a67-50ce-4114-bb6c-da9c5dbcf6\u{e9}\": expected a hexadecimal digit at position 35"
    );
    // 36 characters, 37 bytes.
    assert_eq!(
        decode_error::<Guid>("\"8c0a1a67-50ce-4114-bb6c-da9c5dbcf6c\u{e9}\""),
        "invalid Edm.Guid \"8c0a1a67-50ce-4114-bb6c-da9c5dbcf6c\u{e9}\": expected a hexadecimal digit at position 36"
    );
    assert_eq!(
        decode_error::<Guid>("5"),
        "invalid type: integer `5`, expected an Edm.Guid string"
    );
    assert_eq!(
        decode_error::<Guid>("{}"),
        "invalid type: map, expected an Edm.Guid string"
    );
}

// -------------------------------------------------------------------------------------------------
// DateTimeOffset

#[test]
fn date_time_offset_round_trips_graph_values() {
    for text in GRAPH_DATES {
        let v: DateTimeOffset = round_trip(&format!("\"{text}\""));
        assert_eq!(v.to_string(), text);
    }
    let v: DateTimeOffset = round_trip("\"2020-12-04T23:10:28.51Z\"");
    assert_eq!(
        v.to_utc(),
        Utc.with_ymd_and_hms(2020, 12, 4, 23, 10, 28).unwrap() + TimeDelta::milliseconds(510)
    );
    assert_eq!(json(&v), "\"2020-12-04T23:10:28.51Z\"", "not .510Z");
}

#[test]
fn date_time_offset_keeps_every_accepted_form() {
    let cases = [
        // (text, UTC instant in ms since the epoch, nanosecond of the second)
        ("2000-12-12T12:00Z", 976622400000, 0), // no seconds
        ("2000-01-01T16:00:00.000-09:00", 946774800000, 0), // zero fraction, negative offset
        ("2021-04-26T21:35:49.0480000Z", 1619472949048, 48_000_000), // .NET's 7 digits
        ("2021-04-26T21:35:49.048+00:00", 1619472949048, 48_000_000),
        ("2021-04-26T23:35:49.048+02:00", 1619472949048, 48_000_000),
        ("2021-04-26t21:35:49.048z", 1619472949048, 48_000_000),
        (
            "2021-04-26T21:35:49.123456789012Z",
            1619472949123,
            123_456_789,
        ), // 12 digits
        ("2021-04-26T21:35:49.000000001Z", 1619472949000, 1),
    ];
    for (text, millis, nano) in cases {
        let v: DateTimeOffset = round_trip(&format!("\"{text}\""));
        assert_eq!(v.to_utc().timestamp_millis(), millis, "{text}");
        assert_eq!(v.get().nanosecond(), nano, "{text}");
        assert_eq!(v.to_string(), text);
    }
    let offset: DateTimeOffset = round_trip("\"2000-01-01T16:00:00-09:00\"");
    assert_eq!(offset.get().offset().local_minus_utc(), -9 * 3600);
    // Years beyond 9999 and before year 1.
    assert_eq!(
        round_trip::<DateTimeOffset>("\"12345-01-01T00:00:00Z\"")
            .get()
            .year(),
        12345
    );
    assert_eq!(
        round_trip::<DateTimeOffset>("\"-0044-03-15T12:00:00Z\"").to_string(),
        "-0044-03-15T12:00:00Z"
    );
    // Lexical equality.
    let z: DateTimeOffset = "2021-04-26T21:35:49.048Z".parse().unwrap();
    let plus: DateTimeOffset = "2021-04-26T21:35:49.048+00:00".parse().unwrap();
    assert_ne!(z, plus);
    assert_eq!(z.to_utc(), plus.to_utc());
}

#[test]
fn date_time_offset_canonical_encoding() {
    let utc = Utc.with_ymd_and_hms(2020, 12, 4, 23, 10, 28).unwrap() + TimeDelta::milliseconds(510);
    assert_eq!(
        json(&DateTimeOffset::from(utc)),
        "\"2020-12-04T23:10:28.51Z\""
    );
    let whole = Utc.with_ymd_and_hms(2021, 4, 26, 21, 35, 49).unwrap();
    assert_eq!(
        DateTimeOffset::from(whole).to_string(),
        "2021-04-26T21:35:49Z"
    );
    let ist = FixedOffset::east_opt(5 * 3600 + 1800)
        .unwrap()
        .with_ymd_and_hms(2021, 1, 2, 3, 4, 5)
        .unwrap();
    assert_eq!(
        json(&DateTimeOffset::from(ist)),
        "\"2021-01-02T03:04:05+05:30\""
    );
    let west = FixedOffset::west_opt(9 * 3600)
        .unwrap()
        .with_ymd_and_hms(2000, 1, 1, 16, 0, 0)
        .unwrap();
    assert_eq!(
        DateTimeOffset::from(west).to_string(),
        "2000-01-01T16:00:00-09:00"
    );
    let nanos = whole + TimeDelta::nanoseconds(1_000);
    assert_eq!(
        DateTimeOffset::from(nanos).to_string(),
        "2021-04-26T21:35:49.000001Z"
    );
    assert_eq!(
        chrono::DateTime::<FixedOffset>::from(DateTimeOffset::from(ist)),
        ist
    );
    // A value parsed from its canonical text equals the one built in Rust.
    assert_eq!(
        DateTimeOffset::from(utc),
        "2020-12-04T23:10:28.51Z".parse().unwrap()
    );
}

/// The fixed-position writer against a plain reference, over years, times and every number of
/// fraction digits (with zeros inside and at the end), leap second included.
#[test]
fn date_time_offset_canonical_utc_forms() {
    let reference = |y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32, nano: u32| {
        let mut text = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}");
        if nano != 0 {
            let digits = format!("{nano:09}");
            text.push('.');
            text.push_str(digits.trim_end_matches('0'));
        }
        text.push('Z');
        text
    };
    let nanos = [
        0,
        1,
        10,
        100_000_000,
        120_000_000,
        123_456_789,
        100_000_001,
        999_999_999,
        500_000,
        510_000_000,
        48_000_000,
        7_000,
        90,
    ];
    for (y, mo, d) in [
        (0, 1, 1),
        (1, 1, 1),
        (999, 12, 31),
        (2024, 2, 29),
        (9999, 12, 31),
    ] {
        for (h, mi, s) in [(0, 0, 0), (9, 5, 7), (23, 59, 59), (12, 30, 45)] {
            for nano in nanos {
                let value = Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
                    + TimeDelta::nanoseconds(i64::from(nano));
                let expected = reference(y, mo, d, h, mi, s, nano);
                assert_eq!(DateTimeOffset::from(value).to_string(), expected);
                assert_eq!(
                    json(&DateTimeOffset::from(value)),
                    format!("\"{expected}\"")
                );
                assert_eq!(
                    round_trip::<DateTimeOffset>(&format!("\"{expected}\"")),
                    value.into()
                );
            }
        }
    }
    // chrono's leap second: nanoseconds past 1e9 on second 59, written as second 60.
    let leap = chrono::NaiveDate::from_ymd_opt(2016, 12, 31)
        .unwrap()
        .and_hms_nano_opt(23, 59, 59, 1_250_000_000)
        .unwrap()
        .and_utc();
    assert_eq!(
        DateTimeOffset::from(leap).to_string(),
        "2016-12-31T23:59:60.25Z"
    );
}

#[test]
fn date_time_offset_errors() {
    let cases = [
        ("2020-13-01T00:00:00Z", "month out of range"),
        (
            "2020-02-30T00:00:00Z",
            "no such date (day out of range for the month, or year out of range)",
        ),
        ("2020-12-04 23:10:28Z", "expected 'T' between date and time"),
        (
            "2020-12-04T23:10:28",
            "expected a time-zone offset: 'Z', '+hh:mm' or '-hh:mm'",
        ),
        ("2020-12-04T24:00:00Z", "hour out of range"),
        ("2020-12-04T23:60:00Z", "minutes out of range"),
        ("2020-12-04T23:10:60Z", "seconds out of range"),
        (
            "2020-12-04T23:10:28.1234567890123Z",
            "at most 12 fractional-second digits are allowed",
        ),
        ("2020-12-04T23:10:28.Z", "expected digits after '.'"),
        ("2020-12-04T23:10:28Z ", "unexpected characters at the end"),
        ("2020-12-04T23:10:28+0100", "expected ':' in the offset"),
        ("2020-12-04T23:10:28+24:00", "offset out of range"),
        ("20-12-04T23:10:28Z", "expected a year of at least 4 digits"),
        (
            "02020-12-04T23:10:28Z",
            "a year of more than 4 digits cannot start with 0",
        ),
        ("2020-12-4T23:10:28Z", "expected a 2-digit day"),
        ("2020-12-04T3:10:28Z", "expected a 2-digit hour"),
        ("", "expected a year of at least 4 digits"),
    ];
    for (text, reason) in cases {
        assert_eq!(
            decode_error::<DateTimeOffset>(&format!("\"{text}\"")),
            format!("invalid Edm.DateTimeOffset {text:?}: {reason}")
        );
        let e: ParseError = text.parse::<DateTimeOffset>().unwrap_err();
        assert_eq!(
            (e.type_name(), e.value(), e.reason()),
            ("Edm.DateTimeOffset", text, reason)
        );
    }
    assert_eq!(
        decode_error::<DateTimeOffset>("1606000000"),
        "invalid type: integer `1606000000`, expected an Edm.DateTimeOffset string"
    );
}

// -------------------------------------------------------------------------------------------------
// Date

#[test]
fn date_round_trips_and_canonical_encoding() {
    for text in [
        "2021-04-26",
        "0001-01-01",
        "9999-12-31",
        "2024-02-29",
        "-0044-03-15",
        "12345-06-07",
    ] {
        let d: Date = round_trip(&format!("\"{text}\""));
        assert_eq!(d.to_string(), text);
    }
    assert_eq!(
        round_trip::<Date>("\"2021-04-26\"").get(),
        NaiveDate::from_ymd_opt(2021, 4, 26).unwrap()
    );
    assert_eq!(
        round_trip::<Date>("\"-0044-03-15\"").get(),
        NaiveDate::from_ymd_opt(-44, 3, 15).unwrap()
    );
    // "-0000" is year 0, canonically "0000": kept as written.
    let minus_zero: Date = round_trip("\"-0000-01-01\"");
    assert_eq!(minus_zero.get(), NaiveDate::from_ymd_opt(0, 1, 1).unwrap());
    assert_ne!(minus_zero, "0000-01-01".parse::<Date>().unwrap());

    assert_eq!(
        json(&Date::from(NaiveDate::from_ymd_opt(7, 8, 9).unwrap())),
        "\"0007-08-09\""
    );
    assert_eq!(
        json(&Date::from(NaiveDate::from_ymd_opt(-1, 12, 31).unwrap())),
        "\"-0001-12-31\""
    );
    assert_eq!(
        NaiveDate::from(Date::from_str("2021-04-26").unwrap()),
        NaiveDate::from_ymd_opt(2021, 4, 26).unwrap()
    );
}

#[test]
fn date_errors() {
    let cases = [
        ("2021-4-26", "expected a 2-digit month"),
        (
            "2021-02-29",
            "no such date (day out of range for the month, or year out of range)",
        ),
        ("2021-04-32", "day out of range"),
        ("2021-00-01", "month out of range"),
        ("21-04-26", "expected a year of at least 4 digits"),
        ("2021/04/26", "expected '-' after the year"),
        ("2021-04-26T00:00:00Z", "unexpected characters at the end"),
        (
            "999999999-01-01",
            "no such date (day out of range for the month, or year out of range)",
        ),
        ("9999999999-01-01", "year out of range"),
    ];
    for (text, reason) in cases {
        assert_eq!(
            decode_error::<Date>(&format!("\"{text}\"")),
            format!("invalid Edm.Date {text:?}: {reason}")
        );
    }
    assert_eq!(
        decode_error::<Date>("20210426"),
        "invalid type: integer `20210426`, expected an Edm.Date string"
    );
}

// -------------------------------------------------------------------------------------------------
// TimeOfDay

#[test]
fn time_of_day_round_trips_and_canonical_encoding() {
    let cases = [
        ("12:34:56", (12, 34, 56, 0)),
        ("07:59:59.999", (7, 59, 59, 999_000_000)),
        ("21:45:00", (21, 45, 0, 0)),
        ("08:00:00.0000000", (8, 0, 0, 0)), // Graph's workingHours form
        ("08:00", (8, 0, 0, 0)),
        ("23:59:59.999999999999", (23, 59, 59, 999_999_999)),
    ];
    for (text, (h, m, s, n)) in cases {
        let t: TimeOfDay = round_trip(&format!("\"{text}\""));
        assert_eq!(
            t.get(),
            NaiveTime::from_hms_nano_opt(h, m, s, n).unwrap(),
            "{text}"
        );
        assert_eq!(t.to_string(), text);
    }
    assert_ne!(
        "08:00".parse::<TimeOfDay>().unwrap(),
        "08:00:00".parse::<TimeOfDay>().unwrap()
    );

    assert_eq!(
        json(&TimeOfDay::from(
            NaiveTime::from_hms_milli_opt(7, 59, 59, 999).unwrap()
        )),
        "\"07:59:59.999\""
    );
    assert_eq!(
        json(&TimeOfDay::from(NaiveTime::from_hms_opt(8, 0, 0).unwrap())),
        "\"08:00:00\""
    );
    assert_eq!(
        TimeOfDay::from(NaiveTime::from_hms_nano_opt(0, 0, 0, 500).unwrap()).to_string(),
        "00:00:00.0000005"
    );
    assert_eq!(
        NaiveTime::from(TimeOfDay::from_str("01:02:03").unwrap()),
        NaiveTime::from_hms_opt(1, 2, 3).unwrap()
    );
}

#[test]
fn time_of_day_errors() {
    let cases = [
        ("24:00:00", "hour out of range"),
        ("12:60", "minutes out of range"),
        ("7:00", "expected a 2-digit hour"),
        ("12", "expected ':' after the hour"),
        ("12:00:00.", "expected digits after '.'"),
        ("12:00:00Z", "unexpected characters at the end"),
        ("12:00:61", "seconds out of range"),
    ];
    for (text, reason) in cases {
        assert_eq!(
            decode_error::<TimeOfDay>(&format!("\"{text}\"")),
            format!("invalid Edm.TimeOfDay {text:?}: {reason}")
        );
    }
}

// -------------------------------------------------------------------------------------------------
// Duration

#[test]
fn duration_round_trips() {
    let cases = [
        // (text, negative, seconds, nanos)
        ("PT1H30M", false, 5400, 0),
        ("-P1DT0.5S", true, 86400, 500_000_000),
        (
            "P104DT7H50M13.133759S",
            false,
            104 * 86400 + 7 * 3600 + 50 * 60 + 13,
            133_759_000,
        ),
        (
            "P12DT23H59M59.999999999999S",
            false,
            12 * 86400 + 86399,
            999_999_999,
        ),
        ("P20D", false, 20 * 86400, 0),
        ("P7D", false, 7 * 86400, 0),
        ("PT0S", false, 0, 0),
        // Non-canonical forms, kept as written.
        ("PT36H", false, 36 * 3600, 0),
        ("P0D", false, 0, 0),
        ("-PT0S", false, 0, 0),
        ("+PT1H", false, 3600, 0),
        ("PT1H0M", false, 3600, 0),
        ("PT90S", false, 90, 0),
        ("PT0.50S", false, 0, 500_000_000),
        ("p1dt2h", false, 93600, 0),
    ];
    for (text, negative, secs, nanos) in cases {
        let d: Duration = round_trip(&format!("\"{text}\""));
        assert_eq!(d.is_negative(), negative, "{text}");
        assert_eq!(
            d.magnitude(),
            std::time::Duration::new(secs, nanos),
            "{text}"
        );
        assert_eq!(d.to_string(), text);
    }
    let d: Duration = "-P1DT0.5S".parse().unwrap();
    assert_eq!(
        d.to_time_delta(),
        Some(-TimeDelta::milliseconds(86_400_500))
    );
    assert_ne!(
        "PT36H".parse::<Duration>().unwrap(),
        "P1DT12H".parse::<Duration>().unwrap()
    );
}

#[test]
fn duration_canonical_encoding() {
    let cases = [
        (std::time::Duration::from_secs(5400), "PT1H30M"),
        (std::time::Duration::from_secs(0), "PT0S"),
        (std::time::Duration::from_secs(86400), "P1D"),
        (std::time::Duration::from_secs(93600), "P1DT2H"),
        (std::time::Duration::from_millis(86_400_500), "P1DT0.5S"),
        (std::time::Duration::from_nanos(1), "PT0.000000001S"),
        (std::time::Duration::from_secs(3661), "PT1H1M1S"),
    ];
    for (std, text) in cases {
        let d = Duration::from(std);
        assert_eq!(json(&d), format!("\"{text}\""));
        assert_eq!(
            d,
            text.parse().unwrap(),
            "canonical {text} parses to an equal value"
        );
    }
    assert_eq!(
        Duration::from(TimeDelta::seconds(-86400)).to_string(),
        "-P1D"
    );
    assert_eq!(
        Duration::from(TimeDelta::milliseconds(-1500)).to_string(),
        "-PT1.5S"
    );
    assert_eq!(
        Duration::new(true, std::time::Duration::ZERO).to_string(),
        "PT0S"
    );
    assert_eq!(
        Duration::new(true, std::time::Duration::from_secs(60)).to_string(),
        "-PT1M"
    );
    assert_eq!(
        Duration::from(TimeDelta::MIN).to_time_delta(),
        Some(TimeDelta::MIN)
    );
}

#[test]
fn duration_errors() {
    let cases = [
        (
            "P1Y",
            "years, months and weeks are not allowed in an Edm.Duration",
        ),
        (
            "P1M",
            "years, months and weeks are not allowed in an Edm.Duration",
        ),
        (
            "P",
            "expected at least one of days, hours, minutes or seconds",
        ),
        ("PT", "expected hours, minutes or seconds after 'T'"),
        ("1H", "expected 'P'"),
        (
            "PT1S1M",
            "hours, minutes and seconds must each appear at most once, in that order",
        ),
        (
            "PT1H1H",
            "hours, minutes and seconds must each appear at most once, in that order",
        ),
        ("PT1.5M", "only seconds can have a fraction"),
        ("PT1", "expected 'H', 'M' or 'S'"),
        ("PT1X", "expected 'H', 'M' or 'S'"),
        ("P1", "expected 'D' after the days"),
        ("P99999999999999999999D", "out of range"),
        ("P213503982334602D", "out of range"),
        ("PT1H ", "unexpected characters at the end"),
        ("PT1.S", "expected digits after '.'"),
    ];
    for (text, reason) in cases {
        assert_eq!(
            decode_error::<Duration>(&format!("\"{text}\"")),
            format!("invalid Edm.Duration {text:?}: {reason}")
        );
    }
    assert_eq!(
        decode_error::<Duration>("3600"),
        "invalid type: integer `3600`, expected an Edm.Duration string"
    );
}

// -------------------------------------------------------------------------------------------------
// Binary and Stream

#[test]
fn binary_round_trips_every_base64_form() {
    let cases = [
        ("SGVsbG8=", b"Hello".as_slice(), Base64Form::UrlSafe), // no +/-_: both alphabets agree
        ("SGVsbG8", b"Hello", Base64Form::UrlSafeNoPad),
        ("-_8=", &[0xfb, 0xff], Base64Form::UrlSafe),
        ("-_8", &[0xfb, 0xff], Base64Form::UrlSafeNoPad),
        ("+/8=", &[0xfb, 0xff], Base64Form::Standard),
        ("+/8", &[0xfb, 0xff], Base64Form::StandardNoPad),
        ("", &[], Base64Form::UrlSafe),
        ("AAEC", &[0, 1, 2], Base64Form::UrlSafe),
    ];
    for (text, bytes, form) in cases {
        let b: Binary = round_trip(&format!("\"{text}\""));
        assert_eq!((b.as_bytes(), b.form()), (bytes, form), "{text}");
        assert_eq!(b.to_string(), text);
        assert_eq!(b.to_base64(), text);
    }
    // Standard stays standard over a long value (Display encodes in chunks).
    let bytes: Vec<u8> = (0..5000u32).map(|i| (i * 7 % 256) as u8).collect();
    let standard = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &bytes);
    assert!(standard.contains('+') && standard.contains('/'));
    let b: Binary = round_trip(&format!("\"{standard}\""));
    assert_eq!(b.as_bytes(), bytes.as_slice());
    assert_eq!(b.to_string(), standard);
}

#[test]
fn binary_canonical_encoding() {
    assert_eq!(json(&Binary::from(vec![0xfb, 0xff])), "\"-_8=\"");
    assert_eq!(json(&Binary::from(b"Hello".as_slice())), "\"SGVsbG8=\"");
    assert_eq!(
        json(&Binary::with_form(vec![0xfb, 0xff], Base64Form::Standard)),
        "\"+/8=\""
    );
    assert_eq!(
        json(&Binary::with_form(
            vec![0xfb, 0xff],
            Base64Form::UrlSafeNoPad
        )),
        "\"-_8\""
    );
    assert_eq!(Vec::<u8>::from(Binary::new(vec![1, 2])), vec![1, 2]);
    assert_eq!(Binary::new(vec![3]).into_bytes(), vec![3]);
    assert_eq!(
        "-_8=".parse::<Binary>().unwrap(),
        Binary::new(vec![0xfb, 0xff])
    );
    assert_ne!(
        "+/8=".parse::<Binary>().unwrap(),
        Binary::new(vec![0xfb, 0xff]),
        "different JSON strings"
    );
}

#[test]
fn binary_errors() {
    assert_eq!(
        decode_error::<Binary>("\"+_8=\""),
        "invalid Edm.Binary \"+_8=\": mixes the standard ('+', '/') and base64url ('-', '_') alphabets"
    );
    assert_eq!(
        decode_error::<Binary>("\"SGVsbG9=\""),
        "invalid Edm.Binary \"SGVsbG9=\": Invalid last symbol 57, offset 6."
    );
    assert_eq!(
        decode_error::<Binary>("\"SGVsbG8==\""),
        "invalid Edm.Binary \"SGVsbG8==\": Invalid symbol 61, offset 7."
    );
    assert_eq!(
        decode_error::<Binary>("\"SGV$\""),
        "invalid Edm.Binary \"SGV$\": Invalid symbol 36, offset 3."
    );
    assert_eq!(
        decode_error::<Binary>("\"SGVsb G8=\""),
        "invalid Edm.Binary \"SGVsb G8=\": Invalid symbol 32, offset 5."
    );
    assert_eq!(
        decode_error::<Binary>("[1,2]"),
        "invalid type: sequence, expected an Edm.Binary base64 string"
    );
}

#[test]
fn stream_keeps_any_json_value() {
    for text in [
        "\"SGVsbG8=\"",
        "{\"b\":1,\"a\":[1.50,null]}",
        "null",
        "12.0",
        "[]",
    ] {
        let s: Stream = round_trip(text);
        assert_eq!(s.to_string(), text);
        assert_eq!(*s.as_value(), serde_json::from_str::<Value>(text).unwrap());
    }
    let v = serde_json::json!({"x": 1});
    assert_eq!(Stream::from(v.clone()).into_value(), v);
    assert_eq!(Value::from(Stream::new(v.clone())), v);
}

// -------------------------------------------------------------------------------------------------
// Inside structs, and never panicking

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Event {
    id: Guid,
    #[serde(rename = "createdDateTime")]
    created: DateTimeOffset,
    #[serde(rename = "sizeInBytes")]
    size: Int64,
    duration: Option<Duration>,
    #[serde(rename = "memberIds")]
    member_ids: Vec<Guid>,
    score: Double,
    price: Decimal,
    day: Date,
    start: TimeOfDay,
    thumbnail: Binary,
}

#[test]
fn fields_of_a_struct_round_trip() {
    let text = r#"{"id":"21EC2020-3AEA-1069-A2DD-08002B30309D","createdDateTime":"2020-12-04T23:10:28.51Z","sizeInBytes":"12345678901234","duration":null,"memberIds":["8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca"],"score":1,"price":19.990,"day":"2021-04-26","start":"08:00:00.0000000","thumbnail":"+/8="}"#;
    let e: Event = round_trip(text);
    assert_eq!(e.size.get(), 12345678901234);
    assert_eq!(e.price.as_str(), "19.990");
    assert_eq!(e.duration, None);
    assert_eq!(
        e.member_ids[0].get().to_string(),
        "8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca"
    );
}

#[test]
fn no_input_panics() {
    let samples = [
        "2020-12-04T23:10:28.51Z",
        "-12345-01-01T00:00:00.123456789012+23:59",
        "21EC2020-3AEA-1069-A2DD-08002B30309D",
        "-P104DT7H50M13.133759S",
        "07:59:59.999",
        "+/8=",
        "-123.456e+78",
        "9223372036854775807",
    ];
    let replacements = [
        "",
        "0",
        "9",
        "-",
        ":",
        ".",
        "T",
        "Z",
        "e",
        "+",
        "é",
        "\u{10348}",
        " ",
    ];
    let mut inputs = Vec::new();
    for s in samples {
        for (i, _) in s.char_indices().chain([(s.len(), ' ')]) {
            inputs.push(s[..i].to_owned());
            inputs.push(s[i..].to_owned());
            for r in replacements {
                let rest = s[i..].chars().skip(1).collect::<String>();
                inputs.push(format!("{}{r}{rest}", &s[..i]));
            }
        }
    }
    let mut accepted = 0;
    for input in &inputs {
        let json = serde_json::to_string(input).unwrap();
        accepted += usize::from(serde_json::from_str::<DateTimeOffset>(&json).is_ok());
        accepted += usize::from(serde_json::from_str::<Date>(&json).is_ok());
        accepted += usize::from(serde_json::from_str::<TimeOfDay>(&json).is_ok());
        accepted += usize::from(serde_json::from_str::<Duration>(&json).is_ok());
        accepted += usize::from(serde_json::from_str::<Guid>(&json).is_ok());
        accepted += usize::from(serde_json::from_str::<Binary>(&json).is_ok());
        accepted += usize::from(serde_json::from_str::<Int64>(&json).is_ok());
        accepted += usize::from(serde_json::from_str::<Decimal>(&json).is_ok());
        accepted += usize::from(serde_json::from_str::<Double>(&json).is_ok());
        accepted += usize::from(input.parse::<Int64>().is_ok());
        accepted += usize::from(input.parse::<Decimal>().is_ok());
        accepted += usize::from(input.parse::<Double>().is_ok());
        accepted += usize::from(input.parse::<Single>().is_ok());
        // Whatever is accepted re-encodes to what it came from.
        if let Ok(v) = serde_json::from_str::<Duration>(&json) {
            assert_eq!(serde_json::to_string(&v).unwrap(), json);
        }
        if let Ok(v) = serde_json::from_str::<DateTimeOffset>(&json) {
            assert_eq!(serde_json::to_string(&v).unwrap(), json);
        }
        if let Ok(number) = serde_json::from_str::<Value>(input) {
            if let Ok(v) = serde_json::from_str::<Double>(input) {
                assert_eq!(serde_json::to_value(&v).unwrap(), number, "{input}");
            }
            if let Ok(v) = serde_json::from_str::<Decimal>(input) {
                assert_eq!(serde_json::to_value(&v).unwrap(), number, "{input}");
            }
        }
    }
    assert!(
        accepted > 50,
        "the mutations include valid values ({accepted})"
    );
}

#[test]
fn number_token_objects_cannot_smuggle_invalid_json() {
    // serde_json presents numbers as one-entry maps keyed by its private token; a JSON object
    // spelling that key out must not make us write invalid number text back.
    let cases = [
        ("00", "invalid Edm.Int64 00: not a JSON number"),
        ("1.5", "invalid Edm.Int64 1.5: not an integer"),
    ];
    for (text, message) in cases {
        let json = format!("{{\"$serde_json::private::Number\":\"{text}\"}}");
        let err = serde_json::from_str::<Int64>(&json)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with(message), "{err}");
    }
    for text in [
        ".5", "+1", "--1", "-+1", "-", "", "NaN", "1.", "0x10", "01", "-01",
    ] {
        let json = format!("{{\"$serde_json::private::Number\":\"{text}\"}}");
        let double = serde_json::from_str::<Double>(&json)
            .unwrap_err()
            .to_string();
        assert!(
            double.starts_with(&format!("invalid Edm.Double {text}: not a JSON number")),
            "{double}"
        );
        let single = serde_json::from_str::<Single>(&json)
            .unwrap_err()
            .to_string();
        assert!(
            single.starts_with(&format!("invalid Edm.Single {text}: not a JSON number")),
            "{single}"
        );
        let decimal = serde_json::from_str::<Decimal>(&json)
            .unwrap_err()
            .to_string();
        assert!(
            decimal.starts_with(&format!("invalid Edm.Decimal {text}: not a JSON number")),
            "{decimal}"
        );
    }
    // Any other object is a type error.
    let err = serde_json::from_str::<Decimal>("{\"value\":\"1\"}")
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("invalid type: map, expected an Edm.Decimal"),
        "{err}"
    );
}
