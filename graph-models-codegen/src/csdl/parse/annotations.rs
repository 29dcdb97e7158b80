//! `<Annotation>` elements -> [`Annotation`] values.
//!
//! Annotation terms are never errors: Graph uses Core and Capabilities terms without referencing
//! those vocabularies, so a term is kept as written, with its alias replaced where the document
//! declares it. Expressions the reader does not evaluate are kept as source text.

use super::Ctx;
use crate::diagnostics::DiagnosticKind as K;
use crate::model::{Annotation, AnnotationValue as V};
use roxmltree::Node;

/// Deeper `Record`/`Collection` nesting is kept raw, so hostile input cannot exhaust the stack.
const MAX_DEPTH: usize = 32;

const PATHS: &[&str] = &[
    "Path",
    "PropertyPath",
    "NavigationPropertyPath",
    "AnnotationPath",
    "ModelElementPath",
    "AnyPropertyPath",
];
const CONSTANTS: &[&str] = &[
    "Date",
    "DateTimeOffset",
    "Duration",
    "Guid",
    "TimeOfDay",
    "Binary",
];

/// A constant given as attribute (`String="..."`) or as element (`<String>...</String>`).
fn constant(kind: &str, text: &str) -> Option<V> {
    Some(match kind {
        "String" => V::String(text.to_string()),
        "Bool" => match text.trim() {
            "true" => V::Bool(true),
            "false" => V::Bool(false),
            _ => V::Raw(text.to_string()),
        },
        "Int" => match text.trim().parse() {
            Ok(i) => V::Int(i),
            Err(_) => V::Raw(text.to_string()),
        },
        "Float" | "Decimal" => V::Number(text.trim().to_string()),
        "EnumMember" => V::EnumMember(text.trim().to_string()),
        k if PATHS.contains(&k) => V::Path(text.trim().to_string()),
        k if CONSTANTS.contains(&k) => V::Constant(text.trim().to_string()),
        _ => return None,
    })
}

impl<'a> Ctx<'a, '_> {
    /// `Term` with a known alias prefix, rewritten to its namespace.
    pub(crate) fn qualify(&self, name: &str) -> String {
        if let Some((prefix, simple)) = name.rsplit_once('.') {
            if let Some((_, ns)) = self.aliases.iter().find(|(a, _)| *a == prefix) {
                return format!("{ns}.{simple}");
            }
        }
        name.to_string()
    }

    /// `qualifier` is the enclosing `Annotations` block's, used when the element has none.
    pub(crate) fn annotation(
        &mut self,
        n: Node<'a, '_>,
        qualifier: Option<&str>,
    ) -> Option<Annotation> {
        let Some(term) = n.attribute("Term") else {
            self.warn(K::InvalidDocument, n, "<Annotation> without Term ignored");
            return None;
        };
        let value = n
            .attributes()
            .filter(|a| a.namespace().is_none())
            .find_map(|a| constant(a.name(), a.value()))
            .or_else(|| self.expression_child(n, 0))
            .unwrap_or(V::Empty);
        Some(Annotation {
            term: self.qualify(term),
            qualifier: n.attribute("Qualifier").or(qualifier).map(str::to_string),
            value,
            location: self.loc(n),
        })
    }

    /// The first child expression, skipping annotations of the annotation itself.
    fn expression_child(&self, n: Node<'a, '_>, depth: usize) -> Option<V> {
        n.children()
            .filter(|c| c.is_element() && c.tag_name().name() != "Annotation")
            .map(|c| self.expression(c, depth))
            .next()
    }

    fn expression(&self, n: Node<'a, '_>, depth: usize) -> V {
        let kind = n.tag_name().name();
        if depth < MAX_DEPTH {
            if let Some(v) = constant(kind, n.text().unwrap_or("")) {
                return v;
            }
            match kind {
                "Record" => {
                    let fields = n
                        .children()
                        .filter(|c| c.is_element() && c.tag_name().name() == "PropertyValue")
                        .map(|pv| {
                            let name = pv.attribute("Property").unwrap_or("").to_string();
                            let value = pv
                                .attributes()
                                .filter(|a| a.namespace().is_none())
                                .find_map(|a| constant(a.name(), a.value()))
                                .or_else(|| self.expression_child(pv, depth + 1))
                                .unwrap_or(V::Empty);
                            (name, value)
                        })
                        .collect();
                    return V::Record(fields);
                }
                "Collection" => {
                    let items = n
                        .children()
                        .filter(|c| c.is_element())
                        .map(|c| self.expression(c, depth + 1))
                        .collect();
                    return V::Collection(items);
                }
                _ => {}
            }
        }
        V::Raw(self.text.get(n.range()).unwrap_or("").to_string())
    }
}
