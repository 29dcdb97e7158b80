//! Rust names for OData names: UpperCamelCase types and variants, snake_case fields and modules,
//! keywords escaped, collisions made unique.

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};
use std::collections::HashSet;
use unicode_normalization::UnicodeNormalization;

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen", "union",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// Makes `s` a valid identifier body: characters Rust does not allow in identifiers (Unicode
/// XID_Continue; `is_alphanumeric` lets `²` through, and `Ident::new` panics on it) become `_`, a name
/// that cannot start an identifier gets a prefix, an empty name becomes `prefix`.
fn sanitize(s: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // rustc reads identifiers in NFC: `é` and `e\u{301}` are one name to it, and two fields
    // named so would collide unless they are told apart here, in the same form. (Case changes
    // can denormalise, so once more here.)
    let mut push = |c: char| {
        if c == '_' || unicode_ident::is_xid_continue(c) {
            out.push(c);
        } else if !out.ends_with('_') {
            // One `_` for a run: `a__b` inside a name is not snake case (a rustc warning).
            out.push('_');
        }
    };
    // ASCII text is already NFC; normalising it was a tenth of generating the whole Graph schema.
    if s.is_ascii() {
        s.chars().for_each(&mut push);
    } else {
        s.nfc().for_each(&mut push);
    }
    let starts = out
        .chars()
        .next()
        .is_some_and(|c| c == '_' || unicode_ident::is_xid_start(c));
    if out.chars().all(|c| c == '_') || !starts {
        out = format!("{prefix}{out}");
    }
    out
}

/// The identifier text and whether it must be written raw (`r#type`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RustName {
    pub text: String,
    pub raw: bool,
}

impl RustName {
    fn plain(text: String) -> Self {
        if NOT_RAW.contains(&text.as_str()) {
            return RustName {
                text: format!("{text}_"),
                raw: false,
            };
        }
        let raw = is_keyword(&text);
        RustName { text, raw }
    }

    pub fn ident(&self) -> Ident {
        if self.raw {
            Ident::new_raw(&self.text, Span::call_site())
        } else {
            Ident::new(&self.text, Span::call_site())
        }
    }

    /// The name as written in source (`r#type`), e.g. for builder method names.
    pub fn as_source(&self) -> String {
        if self.raw {
            format!("r#{}", self.text)
        } else {
            self.text.clone()
        }
    }
}

pub(crate) fn type_name(odata: &str) -> RustName {
    // NFC first: heck splits words at combining marks, so `cafe\u{301}` would lose its accent.
    let odata: &str = &odata.nfc().collect::<String>();
    let camel = odata.to_upper_camel_case();
    let camel = if camel.is_empty() {
        odata.to_string()
    } else {
        camel
    };
    RustName::plain(sanitize(&camel, "T"))
}

pub(crate) fn field_name(odata: &str) -> RustName {
    let odata: &str = &odata.nfc().collect::<String>();
    let snake = odata.to_snake_case();
    let snake = if snake.is_empty() {
        odata.to_string()
    } else {
        snake
    };
    RustName::plain(sanitize(&snake, "p_"))
}

pub(crate) fn module_name(segment: &str) -> RustName {
    field_name(segment)
}

/// Hands out unique names within one scope (a struct's fields, an enum's variants, a module).
#[derive(Debug, Default)]
pub(crate) struct Scope {
    used: HashSet<String>,
}

impl Scope {
    pub(crate) fn reserve(&mut self, name: &str) {
        self.used.insert(name.to_string());
    }

    /// `name`, or `name_`, `name__`, ... if taken (case-sensitive, as Rust is).
    pub(crate) fn unique(&mut self, mut name: RustName) -> RustName {
        while self.used.contains(&name.text) {
            name.text.push('_');
            // `type_` is no longer a keyword.
            name.raw = is_keyword(&name.text);
        }
        self.used.insert(name.text.clone());
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            type_name("aadUserConversationMember").text,
            "AadUserConversationMember"
        );
        assert_eq!(field_name("chatType").text, "chat_type");
        assert_eq!(
            field_name("type"),
            RustName {
                text: "type".into(),
                raw: true
            }
        );
        assert_eq!(field_name("self").text, "self_");
        assert_eq!(type_name("self").text, "Self_");
        assert_eq!(field_name("_").text, "p__");
        assert_eq!(field_name("3d").text, "p_3d");
        // Alphanumeric but not an identifier character (a fuzzer find: `Ident::new` panicked).
        assert_eq!(field_name("addr\u{b2}").text, "addr_");
        assert_eq!(field_name("a\u{b2}\u{b2}b").text, "a_b");
        let mut scope = Scope::default();
        assert_eq!(scope.unique(field_name("caf\u{e9}")).text, "caf\u{e9}");
        assert_eq!(scope.unique(field_name("cafe\u{301}")).text, "caf\u{e9}_");
        assert_eq!(type_name("\u{b2}").text, "T_");
        assert_eq!(field_name("gr\u{f6}\u{df}e").text, "gr\u{f6}\u{df}e");
        let mut scope = Scope::default();
        scope.reserve("additional_data");
        assert_eq!(
            scope.unique(field_name("additionalData")).text,
            "additional_data_"
        );
        assert_eq!(scope.unique(field_name("ID")).text, "id");
        assert_eq!(scope.unique(field_name("Id")).text, "id_");
    }
}
