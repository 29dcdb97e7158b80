//! Edm primitive value types: lossless round trips, canonical encodings, accepted forms, errors.

use graph_models::edm::{DateTimeOffset, Guid, Int64};

#[test]
fn smoke_round_trips() {
    for json in ["\"2020-12-04T23:10:28.51Z\"", "\"2000-12-12T12:00Z\""] {
        let v: DateTimeOffset = serde_json::from_str(json).unwrap();
        assert_eq!(serde_json::to_string(&v).unwrap(), json);
    }
    let g: Guid = serde_json::from_str("\"21EC2020-3AEA-1069-A2DD-08002B30309D\"").unwrap();
    assert_eq!(
        serde_json::to_string(&g).unwrap(),
        "\"21EC2020-3AEA-1069-A2DD-08002B30309D\""
    );
    for json in ["42", "\"42\"", "-0"] {
        let v: Int64 = serde_json::from_str(json).unwrap();
        assert_eq!(serde_json::to_string(&v).unwrap(), json);
    }
}
