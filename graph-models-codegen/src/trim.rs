//! A smaller CSDL document holding exactly a selection ([`crate::select::select()`]'s rules), for
//! checking in the part of a large `$metadata` (Graph's is 3 MB) that a crate builds from.
//!
//! Faithful by construction: every kept element is the original XML text (roxmltree's byte ranges),
//! with its inline annotations; out-of-line `<Annotations>` whose target is a selected type or one of
//! its members are kept too. Entity types that navigation properties of the selection point to, and
//! their bases, become stubs (name, base type, `Abstract`, `OpenType`, `HasStream`) so that every
//! name resolves. A schema stays if something of it is kept or it declares an alias (kept text of
//! another schema may use it). The result is read back before it is returned.

use crate::diagnostics::Diagnostics;
use crate::model::{Model, TypeId, CORE};
use crate::select::{self, UnknownName};
use roxmltree::{Document, Node};
use std::collections::BTreeSet;
use std::ops::Range;

#[derive(Debug, Clone, Default)]
pub struct TrimOptions {
    /// Leave out `Core.Description` and `Core.LongDescription` annotations.
    pub strip_descriptions: bool,
}

#[derive(Debug)]
pub struct Trimmed {
    pub document: String,
    /// Qualified names of the selected types, in document order.
    pub selected: Vec<String>,
    /// Qualified names of the stubs.
    pub stubs: Vec<String>,
}

#[derive(Debug)]
pub enum TrimError {
    /// The input does not read.
    Read(Diagnostics),
    UnknownNames(Vec<UnknownName>),
    /// The trimmed document does not read (a bug in this module; reported, never written).
    Output(Diagnostics),
}

/// Trims `text` (named `origin` in diagnostics) to the selection of `names`.
pub fn trim(
    text: &str,
    origin: &str,
    names: &[String],
    options: &TrimOptions,
) -> Result<Trimmed, TrimError> {
    let model = crate::csdl::read(text, origin).map_err(TrimError::Read)?;
    let roots = select::resolve_names(&model, names).map_err(TrimError::UnknownNames)?;
    let selection = select::select(&model, &roots);
    let stubs = stubs(&model, &selection.types);
    // The reader accepted the text, so it parses.
    let doc = Document::parse(text).map_err(|_| TrimError::Read(Diagnostics::default()))?;
    let writer = Writer {
        text,
        model: &model,
        selected: &selection.types,
        stubs: &stubs,
        options,
    };
    // `--` may not appear inside an XML comment.
    let header = format!(
        "<!-- Trimmed by `cargo xtask trim` from {} to the types {} and what they need ({} selected \
         types, {} navigation-target stubs). -->\n",
        origin.replace("--", "- -"),
        names.join(", ").replace("--", "- -"),
        selection.len(),
        stubs.len()
    );
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{header}{}\n",
        writer.element(doc.root_element()).0
    );
    crate::csdl::read(&document, origin).map_err(TrimError::Output)?;
    let qualified = |ids: &BTreeSet<TypeId>| {
        ids.iter()
            .map(|&id| model.ty(id).qualified_name())
            .collect()
    };
    Ok(Trimmed {
        document,
        selected: qualified(&selection.types),
        stubs: qualified(&stubs),
    })
}

/// Navigation targets of the selection that are not selected, and their unselected bases.
fn stubs(model: &Model, selected: &BTreeSet<TypeId>) -> BTreeSet<TypeId> {
    let mut stubs = BTreeSet::new();
    for &id in selected {
        for nav in model.all_navigation_properties(id) {
            if let crate::model::TypeTarget::Type(target) = nav.ty.target {
                for t in std::iter::once(target).chain(model.base_chain(target)) {
                    if !selected.contains(&t) {
                        stubs.insert(t);
                    }
                }
            }
        }
    }
    stubs
}

struct Writer<'a> {
    text: &'a str,
    model: &'a Model,
    selected: &'a BTreeSet<TypeId>,
    stubs: &'a BTreeSet<TypeId>,
    options: &'a TrimOptions,
}

fn is_csdl(n: &Node) -> bool {
    n.is_element()
        && match n.tag_name().namespace() {
            None => true,
            Some(ns) => ns.ends_with("/edm") || ns.ends_with("/edmx"),
        }
}

impl Writer<'_> {
    /// The root, `DataServices` and each `Schema`: their own tags verbatim, the content filtered;
    /// with the number of children kept.
    fn element(&self, node: Node) -> (String, usize) {
        let range = node.range();
        let (Some(first), Some(last)) = (node.first_child(), node.last_child()) else {
            return (self.text[range].to_string(), 0);
        };
        let mut count = 0;
        let mut out = self.text[range.start..first.range().start]
            .trim_end()
            .to_string();
        for child in node.children().filter(is_csdl) {
            let kept = match child.tag_name().name() {
                "DataServices" => Some(self.element(child).0),
                // A schema of which nothing is kept stays only for its alias.
                "Schema" => Some(self.element(child))
                    .filter(|(_, n)| *n > 0 || child.has_attribute("Alias"))
                    .map(|(s, _)| s),
                "Reference" => Some(self.text[child.range()].to_string()),
                "Annotations" => self.annotations(child),
                "EntityType" | "ComplexType" | "EnumType" | "TypeDefinition" => {
                    self.schema_type(node, child)
                }
                _ => None,
            };
            if let Some(kept) = kept {
                count += 1;
                out.push('\n');
                out.push_str(self.indent(child));
                out.push_str(&kept);
            }
        }
        out.push('\n');
        out.push_str(self.indent(node));
        out.push_str(self.text[last.range().end..range.end].trim_start());
        (out, count)
    }

    /// Whitespace before `node` on its line, so copied elements keep their original layout.
    fn indent(&self, node: Node) -> &str {
        let start = node.range().start;
        let line = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let indent = &self.text[line..start];
        if indent.trim().is_empty() {
            indent
        } else {
            ""
        }
    }

    fn schema_type(&self, schema: Node, node: Node) -> Option<String> {
        let namespace = schema.attribute("Namespace")?;
        let id = self
            .model
            .by_name
            .get(&format!("{namespace}.{}", node.attribute("Name")?))?;
        if self.selected.contains(id) {
            Some(self.copy(node))
        } else if self.stubs.contains(id) {
            Some(self.stub(node))
        } else {
            None
        }
    }

    fn stub(&self, node: Node) -> String {
        let start = &self.text[node.range().start + 1..];
        let tag = &start[..start
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .unwrap_or(start.len())];
        let mut out = format!("<{tag}");
        for name in ["Name", "BaseType", "Abstract", "OpenType", "HasStream"] {
            if let Some(value) = node.attribute(name) {
                out.push_str(&format!(" {name}=\"{}\"", escape(value)));
            }
        }
        out.push_str("/>");
        out
    }

    /// An `<Annotations Target=...>` block, if it targets a selected type or one of its members.
    fn annotations(&self, node: Node) -> Option<String> {
        let target = node.attribute("Target")?.trim();
        // `ns.Type`, `ns.Type/member...`; operations (`ns.op(...)`) and containers are not kept.
        let head = target.split('/').next()?;
        if head.contains('(') || !head.contains('.') {
            return None;
        }
        let id = self.model.lookup(head)?;
        if !self.selected.contains(&id) {
            return None;
        }
        let kept = node
            .children()
            .filter(|c| is_csdl(c) && c.tag_name().name() == "Annotation")
            .any(|c| !self.stripped(c));
        kept.then(|| self.copy(node))
    }

    fn stripped(&self, annotation: Node) -> bool {
        if !self.options.strip_descriptions {
            return false;
        }
        let Some((qualifier, name)) = annotation
            .attribute("Term")
            .and_then(|t| t.trim().rsplit_once('.'))
        else {
            return false;
        };
        let namespace = self
            .model
            .aliases
            .get(qualifier)
            .map_or(qualifier, String::as_str);
        namespace == CORE && matches!(name, "Description" | "LongDescription")
    }

    /// `node`'s text without the annotations `stripped` removes (each with the whitespace before it).
    fn copy(&self, node: Node) -> String {
        let range = node.range();
        let mut cut: Vec<Range<usize>> = node
            .descendants()
            .filter(|d| is_csdl(d) && d.tag_name().name() == "Annotation" && self.stripped(*d))
            .map(|d| {
                let r = d.range();
                let before = &self.text[range.start..r.start];
                let ws = before.len() - before.trim_end().len();
                r.start - ws..r.end
            })
            .collect();
        cut.sort_by_key(|r| r.start);
        let mut out = String::new();
        let mut at = range.start;
        for r in cut {
            // Nested stripped annotations lie inside an outer cut already.
            if r.start >= at {
                out.push_str(&self.text[at..r.start]);
                at = r.end;
            }
        }
        out.push_str(&self.text[at..range.end]);
        out
    }
}

fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}
