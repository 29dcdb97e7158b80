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
//!
//! (The `wrapper` variants, which measured the `Object<XFields>` shape the project decided against,
//! are in git history: they rewrote the runtime's previous, generic interface.)
//!
//! Every variant is a crate depending on `graph-models` by path; all share one target directory (the
//! dependencies are built once). Each crate's own check runs `--runs N` times, the variants taking
//! turns; the figures are medians and ratios to the floor's.

use crate::args::Args;
use crate::bench_compile::{python, run_cases, workspace_root, Case};
use graph_models_codegen::{csdl, emit, select, untyped};
use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
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
}

use Rewrite::*;

const VARIANTS: [(&str, &[Rewrite]); 5] = [
    ("generated", &[]),
    ("no-docs", &[NoDocs]),
    ("no-binds", &[NoBinds]),
    ("empty-bodies", &[EmptyBodies]),
    ("skeleton", &[NoDocs, NoBinds, EmptyBodies]),
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
        // The impls stay.
        assert!(after.contains("impl ::graph_models::rt::Structured for Chat"));
    }
}
