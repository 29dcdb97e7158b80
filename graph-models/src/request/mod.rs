//! The request side: typed paths from the entity container (`chats().key(id).members()`), query
//! options checked against the path's type ([`Query`], [`Filter`]), and [`Request`] values that
//! say what to send (method, path and query relative to the service root, body) and what the
//! answer decodes to. No HTTP client: a request is data, sent with whichever client the program
//! uses.
//!
//! Generated with `paths: true`, for each selected entity type `X`:
//! - `XPath`, the path of one `X`, which derefs to [`Item<X>`] (get, update, delete, cast, call)
//!   and has one method per navigation property (`members()` giving an [`EntitySet`], a
//!   single-valued one giving its target's path); a type without navigation properties has
//!   [`Item<X>`] itself as its path;
//! - `impl Entity for X` (its name, key and the type a read decodes to) and `impl DerivedFrom<B>`
//!   for every base type `B`, which gives [`SubtypeOf<B>`] (`X` is `SubtypeOf<X>` too);
//! - a [`Property`] constant for each property of every selected entity and complex type
//!   (`Chat::TOPIC`) and a [`Navigation`] constant for each navigation property
//!   (`Chat::MEMBERS`), so `$select`, `$expand`, `$orderby` and `$filter` name only what the
//!   type has (a misspelt name is a compile error, with rustc's suggestion of the closest one);
//! - a function per entity set and singleton at the root of the generated module (`chats()`,
//!   `me()`).

mod filter;
mod path;
mod query;

pub use filter::{Each, Filter, LiteralOf};
pub use path::{EntitySet, Item, Resource};
pub use query::{Holds, Many, Navigation, One, Property, Query, Selectable};

use crate::rt::Structured;
use crate::url;
use serde::de::DeserializeOwned;
use std::marker::PhantomData;

/// An OData structured type's qualified name, for type-cast segments and casts in query options.
pub trait Type {
    /// `namespace.name` as the schema declares it (`microsoft.graph.aadUserConversationMember`).
    const NAME: &'static str;
}

/// A generated entity type: what its key is and how it is written in a path, what a read of one
/// decodes to, and the path type of one of it.
pub trait Entity: Type + Sized + 'static {
    /// What a `GET` of one decodes to: the type's `Any*` enum if it has derived types (the
    /// answer may be any of them), else the type.
    type Read: DeserializeOwned;
    /// The key's Rust type: `str` for an `Edm.String` key, a tuple in the schema's order for a
    /// composite key; `Infallible` for a type without a key, whose collections cannot be keyed.
    type Key: KeyValue + ?Sized;
    /// The path of one entity of this type: `XPath` when the type has navigation properties
    /// (its methods lead to them), else the [`Item`] itself.
    type Path: Resource<Entity = Self>;
    /// The names of a composite key's properties, in the order of [`Entity::Key`]'s tuple
    /// (`["OrderID", "ItemNo"]`); a single key's segment carries no name.
    const KEY_NAMES: &'static [&'static str] = &[];
}

/// A key value as a key segment: one literal (`('19%3Aabc%40thread.v2')`, `(42)`) or a tuple of
/// them named by the key's properties (`(OrderID=1,ItemNo=2)`). The one impl per key shape lives
/// here, so a generated entity type states its key's type and names and writes no code.
pub trait KeyValue {
    /// Appends the key segment, `names` being [`Entity::KEY_NAMES`].
    fn write_key(&self, names: &[&str], out: &mut String);
}

impl<T: url::Literal + ?Sized> KeyValue for T {
    fn write_key(&self, _names: &[&str], out: &mut String) {
        out.push_str(&url::key(&self));
    }
}

impl KeyValue for std::convert::Infallible {
    fn write_key(&self, _names: &[&str], _out: &mut String) {
        match *self {}
    }
}

macro_rules! composite_keys {
    ($(($($part:ident $index:tt),+))*) => {$(
        impl<$($part: url::Literal),+> KeyValue for ($($part,)+) {
            fn write_key(&self, names: &[&str], out: &mut String) {
                let parts: &[&dyn url::Literal] = &[$(&self.$index),+];
                let named: Vec<(&str, &dyn url::Literal)> = names
                    .iter()
                    .copied()
                    .zip(parts.iter().copied())
                    .collect();
                out.push_str(&url::composite_key(&named));
            }
        }
    )*};
}

composite_keys! {
    (A 0, B 1)
    (A 0, B 1, C 2)
    (A 0, B 1, C 2, D 3)
    (A 0, B 1, C 2, D 3, E 4)
    (A 0, B 1, C 2, D 3, E 4, F 5)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7)
}

/// `Self` is `B` or derives from it: a `Self` can be sent where a `B` is expected, and a path to
/// a `B` can be cast to a `Self`. Entity structs have it from [`DerivedFrom`]; an `Any*` enum
/// has its own impls.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not `{B}` nor derived from it",
    label = "this needs `{B}` or a type derived from it (a path or a value of one)"
)]
pub trait SubtypeOf<B: ?Sized> {
    /// A derived struct (not `B` itself, not an `Any*` enum, which tags itself) as the runtime
    /// sees it, so a request body writes its `@odata.type`: Graph reads a body posted to a
    /// collection of `B` as a `B` unless it says otherwise.
    #[doc(hidden)]
    fn tagged(&self) -> Option<&dyn Structured> {
        None
    }
}

/// Generated for an entity struct and each of its selected base types (and by the blanket impl
/// below for the type itself): a marker without code, so the one [`SubtypeOf`] impl for structs
/// is compiled here, where it is used, not once per pair in the generated crate.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not `{B}` nor derived from it",
    label = "this needs `{B}` or a type derived from it (a path or a value of one)"
)]
pub trait DerivedFrom<B: ?Sized> {}

impl<T: Entity> DerivedFrom<T> for T {}

impl<T, B> SubtypeOf<B> for T
where
    T: Entity + Structured + DerivedFrom<B>,
    B: ?Sized + 'static,
{
    fn tagged(&self) -> Option<&dyn Structured> {
        (std::any::TypeId::of::<T>() != std::any::TypeId::of::<B>()).then_some(self)
    }
}

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Patch,
    Put,
    Delete,
}

impl Method {
    /// `GET`, `POST`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// A request to an OData service: method, path and query relative to the service root (or an
/// absolute `@odata.nextLink`), the JSON body, and `R`, what a successful response's body decodes
/// to ([`Request::decode`]).
pub struct Request<R> {
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    body: Option<Vec<u8>>,
    response: PhantomData<fn() -> R>,
}

impl<R> Request<R> {
    pub(crate) fn new(method: Method, path: String) -> Self {
        Request {
            method,
            path,
            query: Vec::new(),
            body: None,
            response: PhantomData,
        }
    }

    pub(crate) fn with_body(mut self, body: Vec<u8>) -> Self {
        self.body = Some(body);
        self
    }

    pub(crate) fn with_query(mut self, query: Vec<(String, String)>) -> Self {
        self.query.extend(query);
        self
    }

    /// A `GET` of a page's `@odata.nextLink` (an absolute URL, with the query the service chose),
    /// decoding to what this request decodes to.
    pub fn next_page(&self, next_link: &str) -> Request<R> {
        Request::new(Method::Get, next_link.to_string())
    }

    pub fn method(&self) -> Method {
        self.method
    }

    /// The path relative to the service root (`/chats('19%3Aabc%40thread.v2')/members`), its
    /// key literals percent-encoded; for a [`Request::next_page`], the absolute link.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The query options as name and percent-encoded value (`("$select", "topic,id")`), in the
    /// order `$select`, `$expand`, `$filter`, `$orderby`, `$search`, `$top`, `$skip`, `$count`,
    /// then a function's parameter aliases.
    pub fn query(&self) -> &[(String, String)] {
        &self.query
    }

    /// Path and query: `/chats?$expand=members`.
    pub fn path_and_query(&self) -> String {
        let mut out = self.path.clone();
        for (i, (name, value)) in self.query.iter().enumerate() {
            out.push(if i == 0 && !self.path.contains('?') {
                '?'
            } else {
                '&'
            });
            out.push_str(name);
            out.push('=');
            out.push_str(value);
        }
        out
    }

    /// The absolute URL under `service_root` (`https://graph.microsoft.com/v1.0`); a next link is
    /// already absolute and is returned as it is.
    pub fn url(&self, service_root: &str) -> String {
        if self.path.starts_with("http://") || self.path.starts_with("https://") {
            return self.path_and_query();
        }
        format!(
            "{}{}",
            service_root.trim_end_matches('/'),
            self.path_and_query()
        )
    }

    /// The JSON body (`Content-Type: application/json`), if the request has one.
    pub fn body(&self) -> Option<&[u8]> {
        self.body.as_deref()
    }

    /// Decodes a successful response's body. An empty body (`204 No Content`) is read as `null`,
    /// which is what `()` (an update, a delete, an action without a return type) decodes from.
    pub fn decode(&self, body: &[u8]) -> Result<R, serde_json::Error>
    where
        R: DeserializeOwned,
    {
        if body.iter().all(u8::is_ascii_whitespace) {
            serde_json::from_slice(b"null")
        } else {
            serde_json::from_slice(body)
        }
    }
}

impl<R> Clone for Request<R> {
    fn clone(&self) -> Self {
        Request {
            method: self.method,
            path: self.path.clone(),
            query: self.query.clone(),
            body: self.body.clone(),
            response: PhantomData,
        }
    }
}

impl<R> std::fmt::Debug for Request<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path_and_query", &self.path_and_query())
            .field("body", &self.body.as_deref().map(String::from_utf8_lossy))
            .field("response", &std::any::type_name::<R>())
            .finish()
    }
}

/// The JSON body of `value` sent as a `B`: tagged with its own type when it is a derived struct.
pub(crate) fn entity_body<B: ?Sized, T: serde::Serialize + SubtypeOf<B>>(value: &T) -> Vec<u8> {
    match value.tagged() {
        Some(structured) => crate::rt::tagged_json(structured),
        None => json_body(value),
    }
}

/// The JSON body of `value`.
pub(crate) fn json_body<T: serde::Serialize + ?Sized>(value: &T) -> Vec<u8> {
    // Generated types write to a `Vec` without failing: their encoders fail only on a
    // serializer's own errors, and serde_json's into memory has none for them.
    serde_json::to_vec(value).unwrap_or_default()
}

/// An operation call as the last segment of `path`: an action is `POST path/ns.name` with the
/// parameters as its body (none when it has no parameters to send); a function is
/// `GET path/ns.name(p=literal,...)`, each parameter written by its declared type, complex and
/// collection values through aliases.
pub(crate) fn call<O>(path: &str, op: &O) -> Request<O::Response>
where
    O: crate::Operation + serde::Serialize,
{
    invoke(format!("{path}/"), O::NAME, op)
}

/// Calls an action or function import of the entity container: `POST /ImportName` with the
/// parameters as the body, or `GET /ImportName(p=literal,...)`. Generated code calls it from a
/// function named after the import.
pub fn import<O>(name: &str, parameters: &O) -> Request<O::Response>
where
    O: crate::Operation<Binding = ()> + serde::Serialize,
{
    invoke(String::from("/"), name, parameters)
}

/// `target` followed by the call segment `name` of `op`.
fn invoke<O>(mut target: String, name: &str, op: &O) -> Request<O::Response>
where
    O: crate::Operation + serde::Serialize,
{
    match O::KIND {
        crate::OperationKind::Action => {
            url::percent_encode(name, &mut target);
            let body = json_body(op);
            let request = Request::new(Method::Post, target);
            if body == b"{}" {
                request
            } else {
                request.with_body(body)
            }
        }
        crate::OperationKind::Function => {
            let (segment, aliases) = function_segment(name, op);
            target.push_str(&segment);
            Request::new(Method::Get, target).with_query(aliases)
        }
    }
}

/// `name(a=1,b='x',c=@p1)` and its aliases, from the parameters' JSON and the literal type of
/// each ([`crate::Operation::URL_TYPES`]).
fn function_segment<O: crate::Operation + serde::Serialize>(
    name: &str,
    op: &O,
) -> (String, Vec<(String, String)>) {
    let members = match serde_json::to_value(op) {
        Ok(serde_json::Value::Object(members)) => members,
        _ => serde_json::Map::new(),
    };
    let literals: Vec<(String, FunctionArgument)> = members
        .into_iter()
        .map(|(parameter, value)| {
            let declared = O::URL_TYPES
                .iter()
                .find(|(p, _)| *p == parameter)
                .map(|(_, ty)| *ty);
            let argument = FunctionArgument::of(declared, value);
            (parameter, argument)
        })
        .collect();
    let arguments: Vec<(&str, url::Argument<'_>)> = literals
        .iter()
        .map(|(parameter, argument)| (parameter.as_str(), argument.as_argument()))
        .collect();
    url::function_call(name, &arguments)
}

/// A function parameter's value, as its declared type writes it in a URL.
enum FunctionArgument {
    Literal(RawLiteral),
    Json(serde_json::Value),
}

/// A literal already written (percent-encoded).
struct RawLiteral(String);

impl url::Literal for RawLiteral {
    fn write_literal(&self, out: &mut String) {
        out.push_str(&self.0);
    }
}

impl FunctionArgument {
    /// `declared` is the parameter's literal type: `Edm.*`, an enum's qualified name, or `""`
    /// for a value that goes through an alias; `None` for a parameter the schema does not
    /// declare (from additional data), written by its JSON kind.
    fn of(declared: Option<&str>, value: serde_json::Value) -> Self {
        use serde_json::Value as J;
        let declared = match (declared, &value) {
            (Some(declared), _) => declared,
            (None, J::String(_)) => "Edm.String",
            (None, _) => "Edm.Untyped",
        };
        if declared.is_empty() {
            return FunctionArgument::Json(value);
        }
        let mut out = String::new();
        match (&value, declared) {
            (J::Null, _) => out.push_str("null"),
            (J::String(s), "Edm.String") => url::Literal::write_literal(s.as_str(), &mut out),
            (J::String(s), "Edm.Duration") => {
                out.push_str("duration");
                url::Literal::write_literal(s.as_str(), &mut out);
            }
            (J::String(s), "Edm.Binary") => match s.parse::<crate::edm::Binary>() {
                Ok(binary) => url::Literal::write_literal(&binary, &mut out),
                Err(_) => return FunctionArgument::Json(value),
            },
            // Guid, Date, TimeOfDay, DateTimeOffset, Decimal and numbers written as strings:
            // bare.
            (J::String(s), edm) if edm.starts_with("Edm.") => url::percent_encode(s, &mut out),
            // A named literal type is an enum (flags too: `ns.type'a,b'`).
            (J::String(s), named) => {
                url::percent_encode(named, &mut out);
                url::Literal::write_literal(s.as_str(), &mut out);
            }
            (J::Bool(_) | J::Number(_), _) => url::percent_encode(&value.to_string(), &mut out),
            (J::Object(_) | J::Array(_), _) => return FunctionArgument::Json(value),
        }
        FunctionArgument::Literal(RawLiteral(out))
    }

    fn as_argument(&self) -> url::Argument<'_> {
        match self {
            FunctionArgument::Literal(literal) => url::Argument::Literal(literal),
            FunctionArgument::Json(json) => url::Argument::Json(json.clone()),
        }
    }
}
