//! `odata_models!`: reads a CSDL file at build time and expands to typed models.
//! A thin front-end: reading the file and mapping errors to spans; the invocation's syntax and
//! everything else is `graph-models-codegen` (which `cargo xtask regen` calls the same way).
//!
//! ```ignore
//! graph_models::odata_models! {
//!     metadata: "metadata/graph-v1.0-chat.csdl",   // relative to CARGO_MANIFEST_DIR
//!     types: [chat, conversationMember, graph.aadUserConversationMember],
//! }
//! ```
//! `types: *` generates every type of the document; `types: [microsoft.graph.security.*]` every type
//! of one namespace (plus what they need).

use graph_models_codegen::emit::{self, Options};
use graph_models_codegen::invocation::{Invocation, Types};
use graph_models_codegen::select;
use graph_models_codegen::Model;
use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::{quote, quote_spanned};

/// Generates typed models from a CSDL document; see the crate docs of `graph-models`.
#[proc_macro]
pub fn odata_models(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as Invocation);
    expand(input).unwrap_or_else(|e| e).into()
}

fn expand(input: Invocation) -> Result<TokenStream2, TokenStream2> {
    let rel = input.metadata.value();
    // `GRAPH_MODELS_MANIFEST_DIR` is a test hook: trybuild compiles each case in a generated crate of
    // its own, so its `CARGO_MANIFEST_DIR` is not the one the case's metadata paths are relative to
    // (graph-models/tests/compile_fail.rs sets it). See dtolnay/trybuild#202.
    let base = std::env::var("GRAPH_MODELS_MANIFEST_DIR")
        .or_else(|_| std::env::var("CARGO_MANIFEST_DIR"))
        .unwrap_or_else(|_| ".".into());
    let path = std::path::Path::new(&base).join(&rel);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        // The path as written: relative to the crate, like the user sees it.
        syn::Error::new(
            input.metadata.span(),
            format!("cannot read metadata file `{rel}`: {e}"),
        )
        .to_compile_error()
    })?;
    let mut model = graph_models_codegen::csdl::read(&text, &rel).map_err(|diagnostics| {
        let errors = diagnostics.errors().map(|d| {
            let message = d.to_string();
            quote_spanned!(input.metadata.span()=> ::core::compile_error!(#message);)
        });
        quote!(#(#errors)*)
    })?;
    input.untype(&mut model).map_err(|errors| {
        let errors = errors.iter().map(|e| {
            syn::Error::new_spanned(input.untyped_tokens(e.index()), e.to_string())
                .to_compile_error()
        });
        quote!(#(#errors)*)
    })?;
    let selection = input.selection(&model).map_err(|unknown| {
        let errors = unknown.iter().map(|u| {
            let tokens = match &input.types {
                Types::Names(names) => names.get(u.index).map(|n| n.tokens.clone()),
                Types::All => None,
            };
            syn::Error::new_spanned(tokens.unwrap_or_default(), u.to_string()).to_compile_error()
        });
        quote!(#(#errors)*)
    })?;
    let runtime = input.runtime.as_ref().map(|path| quote!(#path).to_string());
    let code = generate_text(
        &model,
        &selection,
        runtime.as_deref(),
        input.operations,
        input.paths,
    )
    .map_err(|too_large| {
        syn::Error::new_spanned(input.types_tokens(), too_large.to_string()).to_compile_error()
    })?;
    let path_text = path.display().to_string();
    // Makes cargo rebuild when the metadata file changes.
    let code = format!("const _: &[u8] = ::core::include_bytes!({path_text:?}); {code}");
    code.parse::<TokenStream2>().map_err(|e| {
        let message = format!("graph-models generated code that does not lex: {e}");
        quote!(::core::compile_error!(#message);)
    })
}

/// The generated items as source text, the same as `cargo xtask regen` writes (both call
/// `emit::generate` on the same selection).
///
/// Built with proc-macro2's own token types rather than the compiler's: inside a proc macro every
/// compiler token is a call across the proc-macro bridge, and the whole Graph schema is millions
/// of tokens. The text is lexed by the compiler once, in one call. (Macro expansion is
/// single-threaded in rustc, so switching proc-macro2's mode for this call affects nothing else.)
fn generate_text(
    model: &Model,
    selection: &select::Selection,
    runtime: Option<&str>,
    operations: bool,
    paths: bool,
) -> Result<String, emit::TooLarge> {
    proc_macro2::fallback::force();
    let mut options = match runtime.and_then(|r| r.parse::<TokenStream2>().ok()) {
        Some(runtime) => Options {
            runtime,
            ..Options::default()
        },
        None => Options::default(),
    };
    options.operations = operations;
    options.paths = paths;
    let code = emit::generate(model, selection, &options).map(|tokens| tokens.to_string());
    proc_macro2::fallback::unforce();
    code
}
