//! Decodes stdin as an OData type of the chat models and writes it back as JSON.
//!
//!     cargo run -q -p graph-models --example roundtrip -- TYPE [--debug] < in.json
//!
//! TYPE: `chat`, `conversationMember`, `aadUserConversationMember`, ... in any of the forms
//! `chat`, `graph.chat`, `microsoft.graph.chat`, or `Collection(chat)` for a collection response.
//! `--debug` also prints the decoded value (`{:#?}`) to stderr. Bad input: exit code 1 and one line
//! naming the JSON path and what was wrong.

use graph_models::chat::*;
use graph_models::Collection;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt::Debug;
use std::io::Read;
use std::process::ExitCode;

fn run<T: Serialize + DeserializeOwned + Debug>(
    input: &str,
    debug: bool,
) -> Result<String, String> {
    let value: T = graph_models::from_str(input).map_err(|e| e.to_string())?;
    if debug {
        eprintln!("{value:#?}");
    }
    graph_models::to_string(&value).map_err(|e| e.to_string())
}

fn dispatch<T: graph_models::rt::Value + serde::Serialize + serde::de::DeserializeOwned>(
    collection: bool,
    input: &str,
    debug: bool,
) -> Result<String, String> {
    if collection {
        run::<Collection<T>>(input, debug)
    } else {
        run::<T>(input, debug)
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let debug = args.iter().any(|a| a == "--debug");
    let Some(type_arg) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: roundtrip TYPE [--debug] < in.json");
        return ExitCode::from(2);
    };
    let (collection, name) = match type_arg
        .strip_prefix("Collection(")
        .and_then(|s| s.strip_suffix(')'))
    {
        Some(inner) => (true, inner),
        None => (false, type_arg.as_str()),
    };
    let simple = name
        .strip_prefix("microsoft.graph.")
        .or_else(|| name.strip_prefix("graph."))
        .unwrap_or(name);
    let mut input = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut input) {
        eprintln!("cannot read stdin: {e}");
        return ExitCode::from(1);
    }
    let result = match simple {
        "chat" => dispatch::<Chat>(collection, &input, debug),
        "conversationMember" => dispatch::<AnyConversationMember>(collection, &input, debug),
        "aadUserConversationMember" => {
            dispatch::<AadUserConversationMember>(collection, &input, debug)
        }
        "anonymousGuestConversationMember" => {
            dispatch::<AnonymousGuestConversationMember>(collection, &input, debug)
        }
        "azureCommunicationServicesUserConversationMember" => {
            dispatch::<AzureCommunicationServicesUserConversationMember>(collection, &input, debug)
        }
        "microsoftAccountUserConversationMember" => {
            dispatch::<MicrosoftAccountUserConversationMember>(collection, &input, debug)
        }
        "phoneUserConversationMember" => {
            dispatch::<PhoneUserConversationMember>(collection, &input, debug)
        }
        "skypeForBusinessUserConversationMember" => {
            dispatch::<SkypeForBusinessUserConversationMember>(collection, &input, debug)
        }
        "skypeUserConversationMember" => {
            dispatch::<SkypeUserConversationMember>(collection, &input, debug)
        }
        "entity" => dispatch::<AnyEntity>(collection, &input, debug),
        "chatViewpoint" => dispatch::<ChatViewpoint>(collection, &input, debug),
        "teamworkOnlineMeetingInfo" => {
            dispatch::<TeamworkOnlineMeetingInfo>(collection, &input, debug)
        }
        "teamworkUserIdentity" => dispatch::<TeamworkUserIdentity>(collection, &input, debug),
        "identity" => dispatch::<AnyIdentity>(collection, &input, debug),
        other => {
            eprintln!("unknown type `{other}`: expected a type of the chat models (chat, conversationMember, aadUserConversationMember, ...)");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}
