//! `$filter` expressions over an entity type `E`, built from its [`Property`] and [`Navigation`]
//! constants and typed literals: `Chat::TOPIC.eq("Weekly sync")`, `.and(..)`, `!filter`,
//! `Chat::MEMBERS.any(ConversationMember::DISPLAY_NAME.starts_with("A"))`, plus
//! [`Filter::raw`] for what the builder does not cover.
//!
//! Operator precedence is OData's (`not` over `and` over `or`); the text is parenthesised where a
//! looser operator sits inside a tighter one, so what is built is what is sent.

use super::query::{Many, Navigation, Property};
use crate::url::{percent_encode, Literal};
use std::marker::PhantomData;

/// A `$filter` expression over `E`.
pub struct Filter<E> {
    node: Node,
    entity: PhantomData<fn() -> E>,
}

impl<E> Clone for Filter<E> {
    fn clone(&self) -> Self {
        Filter::of(self.node.clone())
    }
}

impl<E> std::fmt::Debug for Filter<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Filter")
            .field(&self.to_query_text())
            .finish()
    }
}

#[derive(Clone)]
enum Node {
    /// `path op literal`; the literal already percent-encoded.
    Compare {
        path: String,
        op: &'static str,
        literal: String,
    },
    /// `function(path,literal)`.
    Call {
        function: &'static str,
        path: String,
        literal: String,
    },
    And(Box<Node>, Box<Node>),
    Or(Box<Node>, Box<Node>),
    Not(Box<Node>),
    /// `path/any(x:inner)`, `path/all(x:inner)`; `any()` without `inner`.
    Lambda {
        path: String,
        function: &'static str,
        inner: Option<Box<Node>>,
    },
    /// Written as given, percent-encoded.
    Raw(String),
}

/// How tightly a node binds, for parentheses: OData's `or` < `and` < `not` < the rest.
fn precedence(node: &Node) -> u8 {
    match node {
        Node::Or(..) => 0,
        Node::And(..) => 1,
        Node::Not(..) => 2,
        Node::Raw(_) => 0,
        _ => 3,
    }
}

/// The lambda variable at nesting `depth`: `a`, `b`, ...
fn variable(depth: usize) -> String {
    match u8::try_from(depth) {
        Ok(d) if d < 26 => char::from(b'a' + d).to_string(),
        _ => format!("v{depth}"),
    }
}

impl Node {
    /// Writes the expression with property paths relative to lambda variable `scope`, if inside
    /// one (an empty path is the variable itself: the item of a primitive collection).
    fn write(&self, scope: Option<&str>, depth: usize, out: &mut String) {
        let path = |p: &str| match scope {
            Some(var) if p.is_empty() => var.to_string(),
            Some(var) => format!("{var}/{p}"),
            None => p.to_string(),
        };
        match self {
            Node::Compare {
                path: p,
                op,
                literal,
            } => {
                out.push_str(&path(p));
                out.push_str("%20");
                out.push_str(op);
                out.push_str("%20");
                out.push_str(literal);
            }
            Node::Call {
                function,
                path: p,
                literal,
            } => {
                out.push_str(function);
                out.push('(');
                out.push_str(&path(p));
                out.push(',');
                out.push_str(literal);
                out.push(')');
            }
            Node::And(a, b) | Node::Or(a, b) => {
                let (op, level) = match self {
                    Node::And(..) => ("and", 1),
                    _ => ("or", 0),
                };
                Self::operand(a, level, scope, depth, out);
                out.push_str("%20");
                out.push_str(op);
                out.push_str("%20");
                Self::operand(b, level, scope, depth, out);
            }
            Node::Not(inner) => {
                out.push_str("not%20");
                Self::operand(inner, 3, scope, depth, out);
            }
            Node::Lambda {
                path: p,
                function,
                inner,
            } => {
                out.push_str(&path(p));
                out.push('/');
                out.push_str(function);
                out.push('(');
                if let Some(inner) = inner {
                    let var = variable(depth);
                    out.push_str(&var);
                    out.push(':');
                    inner.write(Some(&var), depth + 1, out);
                }
                out.push(')');
            }
            Node::Raw(text) => percent_encode_query(text, out),
        }
    }

    /// `node` as an operand of an operator binding at `level`: parenthesised if looser.
    fn operand(node: &Node, level: u8, scope: Option<&str>, depth: usize, out: &mut String) {
        if precedence(node) < level || matches!(node, Node::Raw(_)) {
            out.push('(');
            node.write(scope, depth, out);
            out.push(')');
        } else {
            node.write(scope, depth, out);
        }
    }
}

/// Percent-encodes `text` for a query option value, leaving OData's delimiters readable: quotes,
/// parentheses, `,` `/` `:` `$` `@` `*` and `=`. A space is `%20`.
fn percent_encode_query(text: &str, out: &mut String) {
    for ch in text.chars() {
        if is_query_safe(ch) {
            out.push(ch);
        } else {
            let mut buf = [0; 4];
            percent_encode(ch.encode_utf8(&mut buf), out);
        }
    }
}

fn is_query_safe(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '-' | '.' | '_' | '~' | '\'' | '(' | ')' | ',' | '/' | ':' | '$' | '@' | '*' | '='
        )
}

impl<E> Filter<E> {
    fn of(node: Node) -> Self {
        Filter {
            node,
            entity: PhantomData,
        }
    }

    /// An expression written as given (percent-encoded, delimiters kept): the escape hatch for
    /// what the builder does not cover. Combined with others, it is parenthesised.
    pub fn raw(expression: impl Into<String>) -> Self {
        Filter::of(Node::Raw(expression.into()))
    }

    /// `self and other`.
    pub fn and(self, other: Filter<E>) -> Self {
        Filter::of(Node::And(Box::new(self.node), Box::new(other.node)))
    }

    /// `self or other`.
    pub fn or(self, other: Filter<E>) -> Self {
        Filter::of(Node::Or(Box::new(self.node), Box::new(other.node)))
    }

    /// The `$filter` value, percent-encoded.
    pub fn to_query_text(&self) -> String {
        let mut out = String::new();
        self.node.write(None, 0, &mut out);
        out
    }
}

/// `not self`.
impl<E> std::ops::Not for Filter<E> {
    type Output = Filter<E>;

    fn not(self) -> Filter<E> {
        Filter::of(Node::Not(Box::new(self.node)))
    }
}

/// A value that can be compared with a property holding a `V`: a `V` itself, a reference to one,
/// `&str` for a string, `None` for null.
pub trait LiteralOf<V: ?Sized> {
    #[doc(hidden)]
    fn literal(&self) -> String;
}

impl<V: Literal> LiteralOf<V> for V {
    fn literal(&self) -> String {
        self.to_literal()
    }
}

impl<V: Literal> LiteralOf<V> for &V {
    fn literal(&self) -> String {
        self.to_literal()
    }
}

impl LiteralOf<String> for &str {
    fn literal(&self) -> String {
        self.to_literal()
    }
}

impl<V: Literal> LiteralOf<V> for Option<V> {
    fn literal(&self) -> String {
        self.to_literal()
    }
}

impl<E, V> Property<E, V> {
    fn compare(&self, op: &'static str, literal: String) -> Filter<E> {
        Filter::of(Node::Compare {
            path: self.path().to_string(),
            op,
            literal,
        })
    }

    /// `property eq value`.
    pub fn eq(&self, value: impl LiteralOf<V>) -> Filter<E> {
        self.compare("eq", value.literal())
    }

    /// `property ne value`.
    pub fn ne(&self, value: impl LiteralOf<V>) -> Filter<E> {
        self.compare("ne", value.literal())
    }

    /// `property gt value`.
    pub fn gt(&self, value: impl LiteralOf<V>) -> Filter<E> {
        self.compare("gt", value.literal())
    }

    /// `property ge value`.
    pub fn ge(&self, value: impl LiteralOf<V>) -> Filter<E> {
        self.compare("ge", value.literal())
    }

    /// `property lt value`.
    pub fn lt(&self, value: impl LiteralOf<V>) -> Filter<E> {
        self.compare("lt", value.literal())
    }

    /// `property le value`.
    pub fn le(&self, value: impl LiteralOf<V>) -> Filter<E> {
        self.compare("le", value.literal())
    }

    /// `property eq null`.
    pub fn is_null(&self) -> Filter<E> {
        self.compare("eq", "null".to_string())
    }
}

impl<E> Property<E, String> {
    fn call(&self, function: &'static str, text: &str) -> Filter<E> {
        Filter::of(Node::Call {
            function,
            path: self.path().to_string(),
            literal: text.to_literal(),
        })
    }

    /// `startswith(property,'text')`.
    pub fn starts_with(&self, text: &str) -> Filter<E> {
        self.call("startswith", text)
    }

    /// `endswith(property,'text')`.
    pub fn ends_with(&self, text: &str) -> Filter<E> {
        self.call("endswith", text)
    }

    /// `contains(property,'text')`.
    pub fn contains(&self, text: &str) -> Filter<E> {
        self.call("contains", text)
    }
}

/// `path/function(a:inner)` (`any()` without `inner`).
fn lambda<E>(path: &str, function: &'static str, inner: Option<Node>) -> Filter<E> {
    Filter::of(Node::Lambda {
        path: path.to_string(),
        function,
        inner: inner.map(Box::new),
    })
}

/// The item of a primitive collection inside `any`/`all` (the lambda variable itself).
pub enum Each<V> {
    #[doc(hidden)]
    Never(std::convert::Infallible, PhantomData<V>),
}

impl<E, V> Property<E, Vec<V>> {
    /// `property/any(a:...)` over a primitive or complex collection: the closure gets the item
    /// (`roles/any(a:a eq 'owner')` is `Member::ROLES.any(|role| role.eq("owner"))`).
    pub fn any(&self, test: impl FnOnce(Property<Each<V>, V>) -> Filter<Each<V>>) -> Filter<E> {
        lambda(self.path(), "any", Some(test(Property::new("")).node))
    }

    /// `property/all(a:...)`.
    pub fn all(&self, test: impl FnOnce(Property<Each<V>, V>) -> Filter<Each<V>>) -> Filter<E> {
        lambda(self.path(), "all", Some(test(Property::new("")).node))
    }
}

impl<E, T> Navigation<E, T, Many> {
    /// `navigation/any(a:...)`: some related entity passes `test`, a filter over `T`.
    pub fn any(&self, test: Filter<T>) -> Filter<E> {
        lambda(self.name(), "any", Some(test.node))
    }

    /// `navigation/all(a:...)`: every related entity passes `test`.
    pub fn all(&self, test: Filter<T>) -> Filter<E> {
        lambda(self.name(), "all", Some(test.node))
    }

    /// `navigation/any()`: there is at least one related entity.
    pub fn is_not_empty(&self) -> Filter<E> {
        lambda(self.name(), "any", None)
    }
}
