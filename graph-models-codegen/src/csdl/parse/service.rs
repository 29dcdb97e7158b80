//! Everything in a schema that is not a type: `Action`/`Function`, `EntityContainer`, `Term`,
//! `Annotations` blocks.

use super::{elements, Ctx, PLACEHOLDER};
use crate::csdl::raw::*;
use crate::diagnostics::DiagnosticKind as K;
use crate::model::{Annotations, Operation, Parameter};
use roxmltree::Node;

impl<'a> Ctx<'a, '_> {
    pub(super) fn operation(
        &mut self,
        n: Node<'a, '_>,
        namespace: &str,
        is_function: bool,
    ) -> Option<RawOperation<'a>> {
        let name = self.name(n, false)?;
        let children = n.children().filter(|c| c.is_element()).count();
        let mut op = Operation {
            namespace: namespace.to_string(),
            name: name.to_string(),
            is_function,
            is_bound: self.bool_attr(n, "IsBound", false),
            is_composable: self.bool_attr(n, "IsComposable", false),
            parameters: Vec::with_capacity(children),
            return_type: None,
            annotations: Annotations::default(),
            location: self.loc(n),
        };
        let mut parameter_types = Vec::with_capacity(children);
        let mut return_type = None;
        for c in elements(n) {
            match c.tag_name().name() {
                "Parameter" => {
                    let (Some(p), Some(ty)) = (self.required(c, "Name"), self.required(c, "Type"))
                    else {
                        continue;
                    };
                    parameter_types.push(ty);
                    op.parameters.push(Parameter {
                        name: p.to_string(),
                        ty: PLACEHOLDER,
                        nullable: self.bool_attr(c, "Nullable", true),
                    });
                }
                "ReturnType" => {
                    if return_type.is_some() {
                        self.error(
                            K::DuplicateElement,
                            c,
                            format!("operation `{name}` has a second <ReturnType>"),
                        );
                    } else {
                        return_type = self.required(c, "Type");
                    }
                }
                "Annotation" => op.annotations.0.extend(self.annotation(c, None)),
                _ => self.unknown(c),
            }
        }
        Some(RawOperation {
            name,
            op,
            parameter_types,
            return_type,
        })
    }

    pub(super) fn container(&mut self, n: Node<'a, '_>) -> Option<RawContainer<'a>> {
        let name = self.name(n, false)?;
        let mut c = RawContainer {
            name,
            location: self.loc(n),
            elements: Vec::new(),
            annotations: Annotations::default(),
        };
        for e in elements(n) {
            let (attr, make): (&str, fn(&'a str) -> RawElementKind<'a>) = match e.tag_name().name()
            {
                "EntitySet" => ("EntityType", RawElementKind::EntitySet),
                "Singleton" => ("Type", RawElementKind::Singleton),
                "ActionImport" => ("Action", RawElementKind::ActionImport),
                "FunctionImport" => ("Function", RawElementKind::FunctionImport),
                "Annotation" => {
                    c.annotations.0.extend(self.annotation(e, None));
                    continue;
                }
                _ => {
                    self.unknown(e);
                    continue;
                }
            };
            let (Some(name), Some(target)) = (self.required(e, "Name"), self.required(e, attr))
            else {
                continue;
            };
            let mut el = RawContainerElement {
                name,
                location: self.loc(e),
                kind: make(target),
                bindings: Vec::new(),
                annotations: Annotations::default(),
            };
            for b in elements(e) {
                match b.tag_name().name() {
                    "NavigationPropertyBinding" => {
                        if let (Some(path), Some(_)) =
                            (self.required(b, "Path"), self.required(b, "Target"))
                        {
                            let loc = self.loc(b);
                            el.bindings.push((path, loc));
                        }
                    }
                    "Annotation" => el.annotations.0.extend(self.annotation(b, None)),
                    _ => self.unknown(b),
                }
            }
            c.elements.push(el);
        }
        Some(c)
    }

    pub(super) fn term(&mut self, n: Node<'a, '_>) -> Option<RawTerm<'a>> {
        let name = self.name(n, false)?;
        let ty = self.required(n, "Type")?;
        Some(RawTerm {
            name,
            ty,
            location: self.loc(n),
            annotations: self.annotations_of(n),
        })
    }

    pub(super) fn annotation_block(&mut self, n: Node<'a, '_>) -> Option<RawAnnotations<'a>> {
        let target = self.required(n, "Target")?;
        let location = self.loc(n);
        let qualifier = n.attribute("Qualifier");
        let mut annotations = Vec::new();
        for c in elements(n) {
            if c.tag_name().name() == "Annotation" {
                annotations.extend(self.annotation(c, qualifier));
            } else {
                self.unknown(c);
            }
        }
        Some(RawAnnotations {
            target,
            location,
            annotations,
        })
    }
}
