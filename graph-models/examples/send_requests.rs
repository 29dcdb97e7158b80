//! Typed requests sent through a real HTTP client (ureq): the seed's "Create chat"
//! (`POST /chats`), then every page of the new chat's members with `$select`
//! (`GET /chats('..')/members?$select=displayName,roles`, following `@odata.nextLink`), each
//! answer decoded to the type its request names.
//!
//!     cargo run -p graph-models --example send_requests -- SERVICE_ROOT [TOKEN]
//!
//! `SERVICE_ROOT` is `http://...` (ureq is built here without TLS; enable its `rustls` feature
//! to reach `https://graph.microsoft.com/v1.0`), `TOKEN` a bearer token if the service wants one.
//! `tests/send_requests.rs` runs it against a server on 127.0.0.1 that answers as Graph does.

use graph_models::chat::ConversationMember;
use graph_models::chat::{self, AadUserConversationMember, AnyConversationMember, Chat, ChatType};
use graph_models::request::{Method, Query, Request};
use serde::de::DeserializeOwned;
use std::error::Error;

/// What the example got back: the created chat and every member, across pages.
pub struct Outcome {
    pub created: Chat,
    pub members: Vec<AnyConversationMember>,
    pub pages: usize,
}

/// Sends `request` to the service at `root` and decodes a successful answer; any other status
/// is an error with the body the service sent.
pub fn send<R: DeserializeOwned>(
    agent: &ureq::Agent,
    root: &str,
    token: Option<&str>,
    request: &Request<R>,
) -> Result<R, Box<dyn Error>> {
    let url = request.url(root);
    fn with<B>(builder: ureq::RequestBuilder<B>, token: Option<&str>) -> ureq::RequestBuilder<B> {
        match token {
            Some(token) => builder.header("Authorization", format!("Bearer {token}")),
            None => builder,
        }
    }
    let json = "application/json";
    let response = match (request.method(), request.body()) {
        (Method::Get, _) => with(agent.get(&url), token).call(),
        (Method::Delete, _) => with(agent.delete(&url), token).call(),
        (Method::Post, Some(body)) => with(agent.post(&url), token).content_type(json).send(body),
        (Method::Post, None) => with(agent.post(&url), token).send_empty(),
        (Method::Patch, body) => with(agent.patch(&url), token)
            .content_type(json)
            .send(body.unwrap_or_default()),
        (Method::Put, body) => with(agent.put(&url), token)
            .content_type(json)
            .send(body.unwrap_or_default()),
    };
    let mut response = response?;
    let status = response.status();
    let bytes = response.body_mut().read_to_vec()?;
    if !status.is_success() {
        let text = String::from_utf8_lossy(&bytes);
        return Err(format!("{} {url}: {status}: {text}", request.method().as_str()).into());
    }
    Ok(request.decode(&bytes)?)
}

fn member(user: &str) -> AnyConversationMember {
    AadUserConversationMember {
        roles: vec!["owner".to_string()].into(),
        ..Default::default()
    }
    .with_user_bind(format!("https://graph.microsoft.com/v1.0/users('{user}')"))
    .into()
}

/// Creates the seed's one-on-one chat, then reads its members page by page.
pub fn run(root: &str, token: Option<&str>) -> Result<Outcome, Box<dyn Error>> {
    // Statuses are checked in `send`, which reads the body of an error too.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let body = Chat {
        chat_type: ChatType::OneOnOne.into(),
        members: vec![
            member("8b081ef6-4792-4def-b2c9-c363a1bf41d5"),
            member("82af01c5-f7cc-4a2e-a728-3a5df21afd9d"),
        ]
        .into(),
        ..Default::default()
    };
    let created = send(&agent, root, token, &chat::chats().create(&body))?;
    let id = created.id.as_deref().ok_or("the created chat has no id")?;

    let first = chat::chats().key(id).members().list_with(
        Query::new()
            .select(ConversationMember::DISPLAY_NAME)
            .select(ConversationMember::ROLES),
    );
    let mut page = send(&agent, root, token, &first)?;
    let mut members = Vec::new();
    let mut pages = 1;
    loop {
        members.extend(page.items().iter().cloned());
        let Some(next) = page.next_link() else {
            break;
        };
        page = send(&agent, root, token, &first.next_page(next))?;
        pages += 1;
    }
    Ok(Outcome {
        created,
        members,
        pages,
    })
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let root = args
        .next()
        .ok_or("usage: send_requests SERVICE_ROOT [TOKEN]")?;
    let token = args.next();
    let outcome = run(&root, token.as_deref())?;
    println!(
        "created chat {} ({:?})",
        outcome.created.id.as_deref().unwrap_or("?"),
        outcome.created.chat_type.get()
    );
    println!(
        "{} members in {} pages:",
        outcome.members.len(),
        outcome.pages
    );
    for m in &outcome.members {
        let name = m.display_name().as_deref().unwrap_or("?");
        println!("  {name} ({})", m.odata_type());
    }
    Ok(())
}
