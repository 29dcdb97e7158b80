//! `cargo xtask fetch-metadata` against an HTTP server the test starts on 127.0.0.1 (one thread,
//! one connection, a bounded wait: it stops by itself). No other host is contacted.

mod common;

use common::*;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Serves `response` (raw HTTP bytes) to one connection, then closes it; returns the request head.
fn serve(response: Vec<u8>) -> (String, JoinHandle<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/v1.0/$metadata", listener.local_addr().unwrap());
    listener.set_nonblocking(true).unwrap();
    let handle = std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut stream = loop {
            match listener.accept() {
                Ok((s, _)) => break s,
                Err(_) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10))
                }
                Err(e) => panic!("no request within 60 s: {e}"),
            }
        };
        stream.set_nonblocking(false).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
            head.push(byte[0]);
        }
        let _ = stream.write_all(&response);
        let _ = stream.flush();
        String::from_utf8_lossy(&head).into_owned()
    });
    (url, handle)
}

fn ok(body: &str, content_length: usize) -> Vec<u8> {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: {content_length}\r\nConnection: close\r\n\r\n{body}"
    )
    .into_bytes()
}

fn fetch(dir: &Path, url: &str) -> std::process::Output {
    xtask_in(
        dir,
        &["fetch-metadata", "--url", url, "--out", "service.csdl"],
    )
}

/// The directory holds `service.csdl` only (no temporary file left behind).
fn assert_only_output(dir: &Path) {
    let names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["service.csdl"]);
}

#[test]
fn a_good_download_replaces_the_file_and_reports_what_changed() {
    let dir = scratch("fetch-good");
    let old = library_csdl();
    write(&dir.join("service.csdl"), &old);
    let new = old
        // member: a property added; address: one removed, one's type changed; magazine removed;
        // a new enum type.
        .replace(
            r#"<Property Name="name" Type="Edm.String" />"#,
            r#"<Property Name="name" Type="Edm.String" /><Property Name="email" Type="Edm.String" />"#,
        )
        .replace(r#"<Property Name="street" Type="Edm.String" />"#, "")
        .replace(
            r#"<Property Name="city" Type="Edm.String" Nullable="false" />"#,
            r#"<Property Name="city" Type="Collection(Edm.String)" Nullable="false" />"#,
        )
        .replace(
            "<EntityType Name=\"magazine\" BaseType=\"lib.item\">\n        <Property Name=\"issue\" Type=\"Edm.Int64\" />\n      </EntityType>",
            r#"<EnumType Name="format"><Member Name="print" Value="0" /></EnumType>"#,
        );
    assert!(!new.contains("magazine") && new.contains("email"));
    let (url, server) = serve(ok(&new, new.len()));
    let out = fetch(&dir, &url);
    let request = server.join().unwrap();
    assert!(
        request.starts_with("GET /v1.0/$metadata HTTP/1.1\r\n"),
        "{request}"
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.join("service.csdl")).unwrap(),
        new
    );
    assert_only_output(&dir);
    let printed = stdout(&out);
    let expected = [
        "types added (1):",
        "  + Contoso.Library.format (enum type)",
        "types removed (1):",
        "  - Contoso.Library.magazine",
        "types changed (2):",
        "  ~ Contoso.Library.address",
        "    ~ property city: Edm.String not null -> Collection(Edm.String) not null",
        "    - property street: Edm.String",
        "  ~ Contoso.Library.member",
        "    + property email: Edm.String",
    ];
    let lines: Vec<&str> = printed.lines().skip(1).collect();
    assert_eq!(lines, expected, "{printed}");
    assert!(printed.starts_with(&format!("wrote service.csdl: {} bytes, ", new.len())));

    // The same document again: nothing changed.
    let (url, server) = serve(ok(&new, new.len()));
    let out = fetch(&dir, &url);
    server.join().unwrap();
    assert!(
        stdout(&out).ends_with("\nno type changed\n"),
        "{}",
        stdout(&out)
    );
}

fn assert_refused(dir: &Path, out: &std::process::Output, old: &str, message: &str) {
    assert_eq!(out.status.code(), Some(1), "{}", stdout(out));
    assert!(stderr(out).contains(message), "{}", stderr(out));
    assert!(
        stderr(out).ends_with("service.csdl left as it was\n"),
        "{}",
        stderr(out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("service.csdl")).unwrap(),
        old
    );
    assert_only_output(dir);
}

#[test]
fn a_truncated_download_leaves_the_file_alone() {
    let dir = scratch("fetch-truncated");
    let old = library_csdl();
    write(&dir.join("service.csdl"), &old);
    let body = old.replace("Contoso.Library", "Contoso.Changed");
    // Content-Length promises more than is sent before the connection closes.
    let sent = body.len() / 2;
    let (url, server) = serve(ok(&body[..sent], body.len()));
    let out = fetch(&dir, &url);
    server.join().unwrap();
    // ureq notices the early close ("download failed after N bytes"), or the length check does.
    assert_refused(&dir, &out, &old, &format!(" {sent} "));
}

#[test]
fn an_http_error_leaves_the_file_alone() {
    let dir = scratch("fetch-500");
    let old = library_csdl();
    write(&dir.join("service.csdl"), &old);
    let response = b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 5\r\nConnection: close\r\n\r\noops!";
    let (url, server) = serve(response.to_vec());
    let out = fetch(&dir, &url);
    server.join().unwrap();
    assert_refused(&dir, &out, &old, "HTTP 500");
}

#[test]
fn a_document_that_does_not_read_leaves_the_file_alone() {
    let dir = scratch("fetch-unreadable");
    let old = library_csdl();
    write(&dir.join("service.csdl"), &old);
    let body = old.replace(r#"Type="lib.address""#, r#"Type="lib.nowhere""#);
    let line = body
        .lines()
        .position(|l| l.contains("lib.nowhere"))
        .unwrap()
        + 1;
    let (url, server) = serve(ok(&body, body.len()));
    let out = fetch(&dir, &url);
    server.join().unwrap();
    assert_refused(&dir, &out, &old, &format!("{url}:{line}:"));
    assert!(
        stderr(&out).contains(": unresolved-type: "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_first_download_creates_the_file_and_an_unreadable_old_file_is_replaced() {
    let dir = scratch("fetch-first");
    let body = library_csdl();
    let (url, server) = serve(ok(&body, body.len()));
    let out = fetch(&dir, &url);
    server.join().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).ends_with("\nservice.csdl did not exist before\n"));
    assert_eq!(
        std::fs::read_to_string(dir.join("service.csdl")).unwrap(),
        body
    );

    write(&dir.join("service.csdl"), "<not csdl");
    let (url, server) = serve(ok(&body, body.len()));
    let out = fetch(&dir, &url);
    server.join().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).ends_with(" errors): no comparison\n"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("\nthe old service.csdl did not read ("));
    assert_eq!(
        std::fs::read_to_string(dir.join("service.csdl")).unwrap(),
        body
    );
    assert_only_output(&dir);
}
