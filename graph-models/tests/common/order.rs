//! The order of keys the encoder promises, checked against the schema itself (read with the
//! CSDL reader, independently of the generated code):
//!
//! 1. the object's tag (`@odata.type` or `@type`, the first one) first;
//! 2. the other instance annotations (`@...`), in the order they came;
//! 3. the declared properties in schema order (inherited first, structural before navigation), each
//!    right after its own annotations (`name@...`, in the order they came);
//! 4. everything else (undeclared properties and their annotations) in the order it came.
//!
//! Values the schema does not type (kept in additional data) keep their exact order, recursively.

#![allow(dead_code)]

use graph_models_codegen::emit::{resolve_names, select, Selection};
use graph_models_codegen::model::{Model, TypeId, TypeTarget};
use serde_json::{Map, Value};
use std::path::Path;

pub struct Schema {
    model: Model,
    selection: Selection,
}

impl Schema {
    /// `metadata` read and the chat models' selection made, as `graph_models::chat` does.
    pub fn chat(metadata: &Path) -> Schema {
        let text = std::fs::read_to_string(metadata)
            .unwrap_or_else(|e| panic!("{}: {e}", metadata.display()));
        let model = graph_models_codegen::csdl::read(&text, "graph-v1.0-chat.csdl")
            .unwrap_or_else(|d| panic!("{d:?}"));
        let names = ["chat", "conversationMember", "aadUserConversationMember"].map(String::from);
        let roots = resolve_names(&model, &names).unwrap_or_else(|e| panic!("{e:?}"));
        let selection = select(&model, &roots);
        Schema { model, selection }
    }

    pub fn type_id(&self, name: &str) -> TypeId {
        self.model
            .lookup(name)
            .unwrap_or_else(|| panic!("no type {name}"))
    }

    /// The JSON names of the fields of `id`'s generated struct, in schema order.
    pub fn declared(&self, id: TypeId) -> Vec<(String, Option<TypeId>)> {
        let structured_target = |target: TypeTarget| match target {
            TypeTarget::Type(t) if self.model.ty(t).structured().is_some() => Some(t),
            _ => None,
        };
        let mut out: Vec<(String, Option<TypeId>)> = self
            .model
            .all_properties(id)
            .iter()
            .map(|p| (p.name.clone(), structured_target(p.ty.target)))
            .collect();
        for nav in self.model.all_navigation_properties(id) {
            if let TypeTarget::Type(target) = nav.ty.target {
                if self.selection.contains(target) {
                    out.push((nav.name.clone(), Some(target)));
                }
            }
        }
        out
    }

    /// The type an object in a slot of type `declared` decodes to: the selected type its tag names
    /// (case-insensitively, as the decoder allows), else `declared` itself.
    fn concrete(&self, declared: TypeId, object: &Map<String, Value>) -> TypeId {
        let tag = object
            .iter()
            .find(|(k, _)| *k == "@odata.type" || *k == "@type")
            .and_then(|(_, v)| v.as_str());
        let Some(tag) = tag else { return declared };
        let name = tag.rsplit('#').next().unwrap_or(tag);
        self.selection
            .types
            .iter()
            .copied()
            .filter(|&t| self.model.derives_from(t, declared))
            .find(|&t| {
                // `namespace.name` or the metadata's alias form, `graph.name`.
                let ty = self.model.ty(t);
                ty.qualified_name().eq_ignore_ascii_case(name)
                    || format!("graph.{}", ty.name).eq_ignore_ascii_case(name)
            })
            .unwrap_or(declared)
    }

    /// Asserts that `out`, the re-encoding of `raw` decoded as `ty` (`None`: untyped), has its keys
    /// in the promised order, at every depth. Returns how many typed objects had their keys moved
    /// (so a caller can show the check was not vacuous).
    pub fn check(&self, ty: Option<TypeId>, raw: &Value, out: &Value, at: &str) -> usize {
        match (raw, out) {
            (Value::Array(r), Value::Array(o)) => {
                assert_eq!(r.len(), o.len(), "{at}: array length");
                r.iter()
                    .zip(o)
                    .enumerate()
                    .map(|(i, (r, o))| self.check(ty, r, o, &format!("{at}[{i}]")))
                    .sum()
            }
            (Value::Object(r), Value::Object(o)) => match ty {
                None => {
                    let (rk, ok): (Vec<_>, Vec<_>) = (r.keys().collect(), o.keys().collect());
                    assert_eq!(rk, ok, "{at}: untyped object must keep its order");
                    r.iter()
                        .map(|(k, v)| self.check(None, v, &o[k], &format!("{at}.{k}")))
                        .sum()
                }
                Some(declared) => self.check_typed(self.concrete(declared, r), r, o, at),
            },
            _ => 0,
        }
    }

    fn check_typed(
        &self,
        id: TypeId,
        raw: &Map<String, Value>,
        out: &Map<String, Value>,
        at: &str,
    ) -> usize {
        let declared = self.declared(id);
        let is_declared = |k: &str| declared.iter().any(|(d, _)| d == k);
        let annotates_declared = |k: &str| match k.find('@') {
            Some(i) if i > 0 => is_declared(&k[..i]),
            _ => false,
        };
        let mut expected: Vec<&str> = Vec::new();
        let tag = raw
            .keys()
            .find(|k| *k == "@odata.type" || *k == "@type")
            .map(String::as_str);
        expected.extend(tag);
        expected.extend(
            raw.keys()
                .map(String::as_str)
                .filter(|k| k.starts_with('@') && Some(*k) != tag),
        );
        for (name, _) in &declared {
            let prefix = format!("{name}@");
            expected.extend(
                raw.keys()
                    .map(String::as_str)
                    .filter(|k| k.starts_with(&prefix)),
            );
            if raw.contains_key(name) {
                expected.push(name);
            }
        }
        expected.extend(
            raw.keys()
                .map(String::as_str)
                .filter(|k| !k.starts_with('@') && !is_declared(k) && !annotates_declared(k)),
        );
        let actual: Vec<&str> = out.keys().map(String::as_str).collect();
        assert_eq!(
            actual,
            expected,
            "{at}: keys of a {} object",
            self.model.ty(id).name
        );
        let moved = usize::from(raw.keys().map(String::as_str).ne(actual.iter().copied()));
        let mut nested = 0;
        for (key, value) in raw {
            let typed = declared.iter().find(|(d, _)| d == key);
            let child = match typed {
                Some((_, target)) => *target,
                None => None,
            };
            // A declared primitive holds no object; an undeclared value is untyped.
            if typed.is_some() && child.is_none() {
                continue;
            }
            nested += self.check(child, value, &out[key], &format!("{at}.{key}"));
        }
        moved + nested
    }
}
