//! `examples/roundtrip.rs` as a user runs it: stdin in, JSON out, exit code 1 and the JSON path on
//! bad input. `cargo test` builds the examples before running tests.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn example() -> PathBuf {
    // target/<profile>/deps/roundtrip_cli-<hash> -> target/<profile>/examples/roundtrip
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().and_then(|p| p.parent()).unwrap();
    let path = profile_dir
        .join("examples")
        .join(format!("roundtrip{}", std::env::consts::EXE_SUFFIX));
    assert!(path.exists(), "{} not built", path.display());
    path
}

fn run(args: &[&str], input: &str) -> (i32, String, String) {
    let mut child = Command::new(example())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn decodes_and_re_encodes() {
    let input = r##"{"@odata.type":"#microsoft.graph.aadUserConversationMember","roles":["owner"],"extra":1}"##;
    for ty in [
        "conversationMember",
        "microsoft.graph.conversationMember",
        "graph.conversationMember",
    ] {
        let (code, out, _) = run(&[ty], input);
        assert_eq!(code, 0);
        assert_eq!(out.trim(), input);
    }
    let (code, out, err) = run(&["chat", "--debug"], r#"{"topic":null,"chatType":"group"}"#);
    assert_eq!(code, 0);
    assert_eq!(out.trim(), r#"{"chatType":"group","topic":null}"#);
    // Debug shows the fields that came, by JSON name, null ones as `Null`, absent ones not at all.
    assert!(
        err.contains("chatType: Value(") && err.contains("Group") && err.contains("topic: Null"),
        "{err}"
    );
    assert!(!err.contains("webUrl") && !err.contains("Absent"), "{err}");
}

#[test]
fn bad_input_names_the_json_path() {
    let (code, out, err) = run(
        &["chat"],
        r#"{"members":[{"roles":["owner"]},{"roles":["owner",7]}]}"#,
    );
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("members[1].roles[1]: invalid type: "),
        "{err}"
    );
    assert!(err.contains("expected a string"), "{err}");
}
