//! Runs `examples/send_requests.rs` against a server on 127.0.0.1 that answers as Graph does:
//! `201 Created` with the chat for `POST /chats` (the docs' response), and the chat's members
//! (the docs' list) in two pages linked by `@odata.nextLink`. The server checks what it is sent:
//! the method, the path and query the docs give, a JSON body that decodes as a chat with tagged
//! members.

mod common;

#[allow(dead_code)]
#[path = "../examples/send_requests.rs"]
mod example;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// One request as the server read it.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    target: String,
    content_type: Option<String>,
    body: Vec<u8>,
}

fn read_request(stream: &mut TcpStream) -> Option<Seen> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    let mut length = 0;
    let mut content_type = None;
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        match name.to_ascii_lowercase().as_str() {
            "content-length" => length = value.trim().parse().ok()?,
            "content-type" => content_type = Some(value.trim().to_string()),
            _ => {}
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Seen {
        method,
        target,
        content_type,
        body,
    })
}

fn respond(stream: &mut TcpStream, status: &str, body: &str) {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body.as_bytes());
}

#[test]
fn create_a_chat_and_page_through_its_members() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let created =
        std::fs::read_to_string(shared.join("corpus/graph-docs/chat-post__2__response.json"))
            .unwrap();
    let chat_id = common::read_json(&shared.join("corpus/graph-docs/chat-post__2__response.json"))
        ["id"]
        .as_str()
        .unwrap()
        .to_string();
    let members = common::read_json(
        &shared.join("corpus/graph-docs-2021/chat-list-members__2__response.json"),
    );
    let all = members["value"].as_array().unwrap().clone();
    assert_eq!(all.len(), 3);

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let root = format!("http://{}/v1.0", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::<Seen>::new()));
    let members_path = format!(
        "/v1.0/chats('{}')/members",
        chat_id.replace(':', "%3A").replace('@', "%40")
    );
    let server = {
        let seen = Arc::clone(&seen);
        let root = root.clone();
        let members_path = members_path.clone();
        let chat_id = chat_id.clone();
        let all = all.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().take(3) {
                let mut stream = stream.unwrap();
                let Some(request) = read_request(&mut stream) else {
                    respond(
                        &mut stream,
                        "400 Bad Request",
                        r#"{"error":{"code":"BadRequest"}}"#,
                    );
                    continue;
                };
                seen.lock().unwrap().push(request.clone());
                let first = format!("{members_path}?$select=displayName,roles");
                match (request.method.as_str(), request.target.as_str()) {
                    ("POST", "/v1.0/chats") => respond(&mut stream, "201 Created", &created),
                    ("GET", target) if target == first => {
                        let page = serde_json::json!({
                            "@odata.context": members["@odata.context"],
                            "value": all[..2],
                            "@odata.nextLink": format!("{root}/chats('{}')/members?$select=displayName,roles&$skiptoken=2", chat_id.replace(':', "%3A").replace('@', "%40")),
                        });
                        respond(&mut stream, "200 OK", &page.to_string());
                    }
                    ("GET", target) if target == format!("{first}&$skiptoken=2") => {
                        let page = serde_json::json!({
                            "@odata.context": members["@odata.context"],
                            "value": all[2..],
                        });
                        respond(&mut stream, "200 OK", &page.to_string());
                    }
                    _ => respond(
                        &mut stream,
                        "404 Not Found",
                        r#"{"error":{"code":"NotFound"}}"#,
                    ),
                }
            }
        })
    };

    let outcome = example::run(&root, Some("token")).unwrap_or_else(|e| panic!("{e}"));
    server.join().unwrap();

    // What the example decoded: the docs' chat, and their three members across two pages.
    assert_eq!(outcome.created.id.as_deref(), Some(chat_id.as_str()));
    assert_eq!(outcome.pages, 2);
    assert_eq!(outcome.members.len(), 3);
    let names: Vec<&str> = outcome
        .members
        .iter()
        .map(|m| m.display_name().as_deref().unwrap_or(""))
        .collect();
    let expected: Vec<&str> = all
        .iter()
        .map(|m| m["displayName"].as_str().unwrap())
        .collect();
    assert_eq!(names, expected);
    for m in &outcome.members {
        assert_eq!(m.odata_type(), "#microsoft.graph.aadUserConversationMember");
    }

    // What the server was sent: the docs' POST /chats body, as JSON with its content type.
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 3, "{seen:?}");
    assert_eq!(seen[0].method, "POST");
    assert_eq!(seen[0].content_type.as_deref(), Some("application/json"));
    let sent: serde_json::Value = serde_json::from_slice(&seen[0].body).unwrap();
    let docs = common::read_json(&shared.join("corpus/graph-docs/chat-post__1__request.json"));
    assert_eq!(sent, docs);
    assert_eq!(seen[1].method, "GET");
    assert!(seen[1].body.is_empty());
    assert_eq!(
        seen[2].target,
        format!("{members_path}?$select=displayName,roles&$skiptoken=2")
    );
}

#[test]
fn an_error_status_is_an_error_with_the_service_message() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let root = format!("http://{}/v1.0", listener.local_addr().unwrap());
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let _ = read_request(&mut stream);
        respond(
            &mut stream,
            "403 Forbidden",
            r#"{"error":{"code":"Forbidden","message":"Missing scope Chat.Create"}}"#,
        );
    });
    let error = example::run(&root, None).err().expect("a 403 is an error");
    server.join().unwrap();
    let text = error.to_string();
    assert!(
        text.starts_with(&format!("POST {root}/chats: 403")),
        "{text}"
    );
    assert!(text.contains("Missing scope Chat.Create"), "{text}");
}
