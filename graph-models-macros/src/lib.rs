//! `odata_models!`: reads a CSDL file at build time and expands to typed models.
//! A thin front-end: parsing the invocation and mapping errors to spans; everything else is
//! `graph-models-codegen`.
//!
//! ```ignore
//! graph_models::odata_models! {
//!     metadata: "metadata/graph-v1.0-chat.csdl",   // relative to CARGO_MANIFEST_DIR
//!     types: [chat, conversationMember, graph.aadUserConversationMember],
//! }
//! ```
//! `types: *` generates every type of the document.

use graph_models_codegen::emit::{self, Options};
use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as TokenStream2};
use quote::{quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitStr, Token};

/// One name in `types: [...]`: `chat`, `graph.chat`, `microsoft.graph.chat` or `"microsoft.graph.chat"`.
struct TypeName {
    text: String,
    tokens: TokenStream2,
}

enum Types {
    All,
    Names(Vec<TypeName>),
}

struct Input {
    metadata: LitStr,
    types: Types,
    runtime: Option<syn::Path>,
}

impl Parse for TypeName {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(LitStr) {
            let lit: LitStr = input.parse()?;
            return Ok(TypeName {
                text: lit.value(),
                tokens: quote!(#lit),
            });
        }
        let first: Ident = input.call(syn::ext::IdentExt::parse_any)?;
        let mut text = first.to_string();
        let mut tokens = quote!(#first);
        while input.peek(Token![.]) {
            let dot: Token![.] = input.parse()?;
            let next: Ident = input.call(syn::ext::IdentExt::parse_any)?;
            text.push('.');
            text.push_str(&next.to_string());
            tokens.extend(quote!(#dot #next));
        }
        Ok(TypeName {
            text: text.trim_start_matches("r#").replace(".r#", "."),
            tokens,
        })
    }
}

impl Parse for Input {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut metadata = None;
        let mut types = None;
        let mut runtime = None;
        while !input.is_empty() {
            // `parse_any`: a keyword such as `type` gets the unknown-key message, not syn's generic one.
            let key: Ident = input.call(syn::ext::IdentExt::parse_any)?;
            input.parse::<Token![:]>()?;
            match key.to_string().as_str() {
                "metadata" => metadata = Some(input.parse::<LitStr>()?),
                "types" => {
                    if input.peek(Token![*]) {
                        input.parse::<Token![*]>()?;
                        types = Some(Types::All);
                    } else {
                        let content;
                        syn::bracketed!(content in input);
                        let names = content.parse_terminated(TypeName::parse, Token![,])?;
                        types = Some(Types::Names(names.into_iter().collect()));
                    }
                }
                "runtime" => runtime = Some(input.parse::<syn::Path>()?),
                other => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!("unknown key `{other}`; expected `metadata`, `types` or `runtime`"),
                    ))
                }
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        let metadata = metadata.ok_or_else(|| {
            syn::Error::new(
                Span::call_site(),
                "missing `metadata: \"path/to/file.csdl\"`",
            )
        })?;
        let types = types.ok_or_else(|| {
            syn::Error::new(
                Span::call_site(),
                "missing `types: [name, ...]` (or `types: *`)",
            )
        })?;
        Ok(Input {
            metadata,
            types,
            runtime,
        })
    }
}

/// Generates typed models from a CSDL document; see the crate docs of `graph-models`.
#[proc_macro]
pub fn odata_models(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as Input);
    expand(input).unwrap_or_else(|e| e).into()
}

fn expand(input: Input) -> Result<TokenStream2, TokenStream2> {
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
    let model = graph_models_codegen::csdl::read(&text, &rel).map_err(|diagnostics| {
        let errors = diagnostics.errors().map(|d| {
            let message = d.to_string();
            quote_spanned!(input.metadata.span()=> ::core::compile_error!(#message);)
        });
        quote!(#(#errors)*)
    })?;
    let selection = match &input.types {
        Types::All => emit::select_all(&model),
        Types::Names(names) => {
            let texts: Vec<String> = names.iter().map(|n| n.text.clone()).collect();
            let roots = emit::resolve_names(&model, &texts).map_err(|unknown| {
                let errors = unknown.iter().map(|u| {
                    let tokens = names
                        .get(u.index)
                        .map(|n| n.tokens.clone())
                        .unwrap_or_default();
                    syn::Error::new_spanned(tokens, u.to_string()).to_compile_error()
                });
                quote!(#(#errors)*)
            })?;
            emit::select(&model, &roots)
        }
    };
    let options = match &input.runtime {
        Some(path) => Options {
            runtime: quote!(#path),
        },
        None => Options::default(),
    };
    let items = emit::generate(&model, &selection, &options);
    let path_text = path.display().to_string();
    Ok(quote! {
        // Makes cargo rebuild when the metadata file changes.
        const _: &[u8] = ::core::include_bytes!(#path_text);
        #items
    })
}
