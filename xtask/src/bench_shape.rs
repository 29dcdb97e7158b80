//! `cargo xtask bench-shape`: what the *shape* of the generated code costs to check, separate from
//! what its bodies do. bench-compile says how far the whole schema is from the floor; this command
//! says how much of that gap any runtime could close, by checking rewritten copies of the same
//! generated file next to the floor, in one run:
//!
//! - `generated`: the file as the macro writes it (through `cargo xtask generate`'s path);
//! - `no-docs`: without doc attributes;
//! - `no-binds`: without the `@odata.bind` helpers;
//! - `empty-bodies`: every function body replaced by `loop {}` (tables and consts kept), i.e. the
//!   same items and signatures doing nothing;
//! - `skeleton`: all three at once, the least this shape of items can cost;
//! - `wrapper`: a different shape, measured, not offered. Each struct `X` becomes `XFields` plus
//!   `pub type X = Object<XFields>`, and `Debug`, `Clone`, `PartialEq`, `Serialize` and
//!   `Deserialize` come from one generic impl each on `Object` (checked once) instead of one impl
//!   per struct (`XFields` keeps its derived `Default`, which `Structured` needs). It would cost
//!   users struct-literal syntax (`X { .. }`).
//! - `wrapper-lean`: `wrapper` without docs and bind helpers, the most an API change of this kind
//!   could save with the bodies as they are;
//! - `wrapper-skeleton`: `wrapper-lean` with empty bodies, the least that shape can cost.
//!
//! Every variant is a crate depending on `graph-models` by path; all share one target directory (the
//! dependencies are built once). Each crate's own check runs `--runs N` times, the variants taking
//! turns; the figures are medians and ratios to the floor's.

use crate::args::Args;
use crate::bench_compile::{python, run_cases, workspace_root, Case};
use graph_models_codegen::{csdl, emit, select, untyped};
use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use syn::visit_mut::VisitMut;

const USAGE: &str = "usage: cargo xtask bench-shape [--metadata FILE] [--shared DIR] [--runs N]";

/// One rewrite of the generated file; a variant applies some, in order.
#[derive(Clone, Copy)]
enum Rewrite {
    NoDocs,
    NoBinds,
    EmptyBodies,
    /// Last when combined: `Object`'s generic impls keep their bodies (they are checked once, as
    /// a runtime's would be).
    Wrap,
}

use Rewrite::*;

const VARIANTS: [(&str, &[Rewrite]); 8] = [
    ("generated", &[]),
    ("no-docs", &[NoDocs]),
    ("no-binds", &[NoBinds]),
    ("empty-bodies", &[EmptyBodies]),
    ("skeleton", &[NoDocs, NoBinds, EmptyBodies]),
    ("wrapper", &[Wrap]),
    ("wrapper-lean", &[NoDocs, NoBinds, Wrap]),
    ("wrapper-skeleton", &[NoDocs, NoBinds, EmptyBodies, Wrap]),
];

pub fn run(args: &[String]) -> ExitCode {
    let args = match Args::parse(args, &["--metadata", "--shared", "--runs"], &[]) {
        Ok(a) => a,
        Err(e) => return usage(&e),
    };
    let runs = match args.value("--runs").map(str::parse::<usize>) {
        None => 1,
        Some(Ok(n)) if n > 0 => n,
        Some(_) => return usage("--runs takes a positive number"),
    };
    let shared = args
        .value("--shared")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared"));
    let metadata = args
        .value("--metadata")
        .map(PathBuf::from)
        .unwrap_or_else(|| shared.join("metadata/graph-v1.0.csdl"));
    match bench(&metadata, &shared, runs) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench-shape: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("{problem}\n{USAGE}");
    ExitCode::from(2)
}

fn bench(metadata: &Path, shared: &Path, runs: usize) -> Result<(), String> {
    let root = workspace_root();
    let out = root.join("target/bench-shape");
    let target = out.join("target");
    let runtime = std::fs::canonicalize(root.join("graph-models")).map_err(|e| e.to_string())?;
    let metadata =
        std::fs::canonicalize(metadata).map_err(|e| format!("{}: {e}", metadata.display()))?;
    let text = std::fs::read_to_string(&metadata).map_err(|e| e.to_string())?;
    let mut model =
        csdl::read(&text, &metadata.display().to_string()).map_err(|d| d.to_string())?;
    untyped::untype_default(&mut model);
    let code = emit::generate_file(
        &model,
        &select::select_all(&model),
        &emit::Options::default(),
    )?;
    let file = syn::parse_file(&code).map_err(|e| format!("generated code: {e}"))?;

    let deps = format!("graph-models = {{ path = {runtime:?} }}\n");
    let mut cases = Vec::new();
    for (name, rewrites) in VARIANTS {
        let lib = prettyplease::unparse(&variant(rewrites, &file)?);
        cases.push(Case::with_target(
            name,
            &out.join(name),
            &target,
            &deps,
            lib,
        )?);
    }
    let floor = python(
        &shared.join("tools/naive_serde_baseline.py"),
        &metadata,
        true,
    )?;
    cases.push(Case::with_target(
        "floor",
        &out.join("floor"),
        &target,
        "",
        floor,
    )?);

    run_cases(&mut cases, runs)?;
    let floor = cases.last().map(Case::median_wall).unwrap_or(0.0);
    let line: Vec<String> = cases
        .iter()
        .filter(|c| c.name != "floor")
        .map(|c| format!("{} {:.2}", c.name, c.median_wall() / floor))
        .collect();
    println!("floor {floor:.1} s; x floor: {}", line.join(", "));
    Ok(())
}

fn variant(rewrites: &[Rewrite], file: &syn::File) -> Result<syn::File, String> {
    let mut file = file.clone();
    for rewrite in rewrites {
        match rewrite {
            NoDocs => file = without_docs(&file)?,
            NoBinds => without_binds(&mut file.items),
            EmptyBodies => BodyEmptier.visit_file_mut(&mut file),
            Wrap => {
                wrap_structs(&mut file.items);
                file.items.splice(0..0, object_items());
            }
        }
    }
    Ok(file)
}

/// Drops every `#[doc = ..]` / `#![doc = ..]` (what `///` comments are), at any depth.
fn without_docs(file: &syn::File) -> Result<syn::File, String> {
    fn strip(tokens: TokenStream) -> TokenStream {
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        let mut out = Vec::with_capacity(tokens.len());
        let mut i = 0;
        while i < tokens.len() {
            if let TokenTree::Punct(p) = &tokens[i] {
                if p.as_char() == '#' {
                    let bang = matches!(&tokens.get(i + 1), Some(TokenTree::Punct(b)) if b.as_char() == '!');
                    let at = if bang { i + 2 } else { i + 1 };
                    if let Some(TokenTree::Group(g)) = tokens.get(at) {
                        let first = g.stream().into_iter().next();
                        if g.delimiter() == Delimiter::Bracket
                            && matches!(first, Some(TokenTree::Ident(ref id)) if id == "doc")
                        {
                            i = at + 1;
                            continue;
                        }
                    }
                }
            }
            out.push(match &tokens[i] {
                TokenTree::Group(g) => {
                    let mut new = Group::new(g.delimiter(), strip(g.stream()));
                    new.set_span(g.span());
                    TokenTree::Group(new)
                }
                t => t.clone(),
            });
            i += 1;
        }
        out.into_iter().collect()
    }
    let tokens = strip(quote::ToTokens::into_token_stream(file.clone()));
    syn::parse2(tokens).map_err(|e| format!("without docs: {e}"))
}

/// Drops the inherent `*_bind` helpers, and inherent impls left empty.
fn without_binds(items: &mut Vec<syn::Item>) {
    for item in items.iter_mut() {
        match item {
            syn::Item::Mod(m) => {
                if let Some((_, content)) = &mut m.content {
                    without_binds(content)
                }
            }
            syn::Item::Impl(imp) if imp.trait_.is_none() => imp.items.retain(
                |i| !matches!(i, syn::ImplItem::Fn(f) if f.sig.ident.to_string().ends_with("_bind")),
            ),
            _ => {}
        }
    }
    items.retain(
        |i| !matches!(i, syn::Item::Impl(imp) if imp.trait_.is_none() && imp.items.is_empty()),
    );
}

struct BodyEmptier;

impl VisitMut for BodyEmptier {
    fn visit_impl_item_fn_mut(&mut self, f: &mut syn::ImplItemFn) {
        f.block = syn::parse_quote!({ loop {} });
    }
    fn visit_item_fn_mut(&mut self, f: &mut syn::ItemFn) {
        f.block = syn::parse_quote!({ loop {} });
    }
}

/// The traits `Object` implements once for every struct. Not `Default`: `Object`'s needs
/// `XFields: Default` (`Structured` asks for it), so a struct's `Default` moves to `XFields`.
const WRAPPED_TRAITS: [&str; 5] = ["Debug", "Clone", "PartialEq", "Serialize", "Deserialize"];

/// Per module: struct `X` becomes `XFields` with `pub type X = crate::Object<XFields>`; the struct's
/// impls of [`WRAPPED_TRAITS`] go, its other impls (`Structured`, the bind helpers) move to `XFields`.
fn wrap_structs(items: &mut Vec<syn::Item>) {
    let structs: HashSet<String> = items
        .iter()
        .filter_map(|i| match i {
            syn::Item::Struct(s) => Some(s.ident.to_string()),
            _ => None,
        })
        .collect();
    let fields_name =
        |name: &str| syn::Ident::new(&format!("{name}Fields"), proc_macro2::Span::call_site());
    let mut out = Vec::with_capacity(items.len() + structs.len());
    for item in items.drain(..) {
        match item {
            syn::Item::Mod(mut m) => {
                if let Some((_, content)) = &mut m.content {
                    wrap_structs(content)
                }
                out.push(syn::Item::Mod(m));
            }
            syn::Item::Struct(mut s) => {
                let alias = s.ident.clone();
                let fields = fields_name(&alias.to_string());
                s.ident = fields.clone();
                out.push(syn::Item::Struct(s));
                out.push(syn::parse_quote!(pub type #alias = crate::Object<#fields>;));
            }
            syn::Item::Impl(mut imp) => {
                let target = match &*imp.self_ty {
                    syn::Type::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => {
                        let name = p.path.segments[0].ident.to_string();
                        structs.contains(&name).then_some(name)
                    }
                    _ => None,
                };
                let Some(name) = target else {
                    out.push(syn::Item::Impl(imp));
                    continue;
                };
                let wrapped = imp.trait_.as_ref().is_some_and(|(_, path, _)| {
                    path.segments
                        .last()
                        .is_some_and(|s| WRAPPED_TRAITS.contains(&s.ident.to_string().as_str()))
                });
                if !wrapped {
                    let fields = fields_name(&name);
                    imp.self_ty = Box::new(syn::parse_quote!(#fields));
                    out.push(syn::Item::Impl(imp));
                }
            }
            other => out.push(other),
        }
    }
    *items = out;
}

/// `Object<F>` and its generic impls, written into the `wrapper` crate's root.
fn object_items() -> Vec<syn::Item> {
    let file: syn::File = syn::parse_quote! {
        pub struct Object<F>(pub F);
        impl<F> ::core::ops::Deref for Object<F> {
            type Target = F;
            fn deref(&self) -> &F {
                &self.0
            }
        }
        impl<F> ::core::ops::DerefMut for Object<F> {
            fn deref_mut(&mut self) -> &mut F {
                &mut self.0
            }
        }
        impl<F: ::graph_models::rt::Structured> ::core::default::Default for Object<F> {
            fn default() -> Self {
                Object(F::default())
            }
        }
        impl<F: ::graph_models::rt::Structured> ::core::fmt::Debug for Object<F> {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::graph_models::rt::debug_structured(&self.0, F::TYPE.name, f)
            }
        }
        impl<F: ::graph_models::rt::Structured> ::core::clone::Clone for Object<F> {
            fn clone(&self) -> Self {
                Object(::graph_models::rt::clone_structured(&self.0))
            }
        }
        impl<F: ::graph_models::rt::Structured> ::core::cmp::PartialEq for Object<F> {
            fn eq(&self, other: &Self) -> bool {
                ::graph_models::rt::eq_structured(&self.0, &other.0)
            }
        }
        impl<F: ::graph_models::rt::Structured> ::graph_models::__serde::Serialize for Object<F> {
            fn serialize<S: ::graph_models::__serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                ::graph_models::rt::serialize_structured(&self.0, ::core::option::Option::None, serializer)
            }
        }
        impl<'de, F: ::graph_models::rt::Structured> ::graph_models::__serde::Deserialize<'de> for Object<F> {
            fn deserialize<D: ::graph_models::__serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                ::graph_models::rt::deserialize_structured(deserializer).map(Object)
            }
        }
        impl<F: ::graph_models::rt::Structured> ::graph_models::rt::Structured for Object<F> {
            const TYPE: ::graph_models::rt::TypeInfo = F::TYPE;
            fn decode_field<D: ::graph_models::rt::Decode>(
                &mut self,
                index: usize,
                decode: D,
            ) -> ::core::result::Result<(), D::Error> {
                self.0.decode_field(index, decode)
            }
            fn encode_properties<'a, P: ::graph_models::rt::Properties<'a>>(
                &'a self,
                w: &mut P,
            ) -> &'a ::graph_models::AdditionalData {
                self.0.encode_properties(w)
            }
        }
    };
    file.items
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chat models' generated file, as the bench rewrites the whole schema's.
    fn chat_file() -> syn::File {
        let path = workspace_root().join("metadata/graph-v1.0-chat.csdl");
        let text = std::fs::read_to_string(&path).unwrap();
        let model = csdl::read(&text, "chat.csdl").unwrap();
        let names = ["chat", "conversationMember", "aadUserConversationMember"].map(String::from);
        let roots = select::resolve_names(&model, &names).unwrap();
        let code = emit::generate_file(
            &model,
            &select::select(&model, &roots),
            &emit::Options::default(),
        )
        .unwrap();
        syn::parse_file(&code).unwrap()
    }

    fn text(name: &str) -> String {
        let (_, rewrites) = VARIANTS.iter().find(|(n, _)| *n == name).unwrap();
        prettyplease::unparse(&variant(rewrites, &chat_file()).unwrap())
    }

    #[test]
    fn every_variant_rewrites_something() {
        let generated = text("generated");
        for (name, _) in VARIANTS.into_iter().skip(1) {
            assert_ne!(text(name), generated, "{name} left the file as it was");
        }
    }

    #[test]
    fn no_docs_drops_only_docs() {
        let before = text("generated");
        let after = text("no-docs");
        assert!(before.contains("///"));
        assert!(!after.contains("///") && !after.contains("#[doc"));
        assert_eq!(
            before.matches("impl ").count(),
            after.matches("impl ").count()
        );
    }

    #[test]
    fn no_binds_drops_the_bind_helpers() {
        let before = text("generated");
        let after = text("no-binds");
        assert!(before.contains("fn with_user_bind") && before.contains("fn user_bind"));
        assert!(!after.contains("_bind("), "{after}");
        assert!(after.contains("impl ::graph_models::rt::Structured for Chat"));
    }

    #[test]
    fn empty_bodies_keep_every_signature() {
        let before = text("generated");
        let after = text("empty-bodies");
        assert_eq!(before.matches("fn ").count(), after.matches("fn ").count());
        assert_eq!(
            after.matches("fn ").count(),
            after.matches("loop {}").count()
        );
        // The tables stay.
        assert!(after.contains("const TYPE: ::graph_models::rt::TypeInfo"));
    }

    #[test]
    fn wrapper_moves_struct_impls_onto_object() {
        let after = text("wrapper");
        assert!(after.contains("pub struct ChatFields {"));
        assert!(after.contains("pub type Chat = crate::Object<ChatFields>;"));
        assert!(after.contains("impl ::graph_models::rt::Structured for ChatFields"));
        assert!(after.contains("fn with_user_bind"));
        for gone in [
            "Debug for Chat ",
            "Clone for Chat ",
            "PartialEq for Chat ",
            "Serialize for Chat ",
        ] {
            assert!(!after.contains(gone), "{gone}");
        }
        // Enums and the `Any` enums keep their own impls.
        assert!(after.contains("::core::fmt::Debug for ChatType"));
        assert!(after.contains("::core::fmt::Debug for AnyConversationMember"));
        let lean = text("wrapper-lean");
        assert!(!lean.contains("_bind(") && !lean.contains("///"));
        assert!(lean.contains("pub type Chat = crate::Object<ChatFields>;"));
        let skeleton = text("wrapper-skeleton");
        assert!(skeleton.contains("pub type Chat = crate::Object<ChatFields>;"));
        assert!(skeleton.contains("fn decode_field<D: ::graph_models::rt::Decode>"));
        // Every generated body is empty; `Object`'s own impls are not.
        assert!(skeleton.contains("::graph_models::rt::clone_structured(&self.0)"));
        assert!(!skeleton.contains("decode.field("));
    }
}
