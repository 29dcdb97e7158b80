//! The input of an `odata_models!` call, parsed once for the proc macro and for `cargo xtask regen`,
//! so that the checked-in expansion and the macro's can only differ if the metadata does.
//!
//! ```text
//! metadata: "metadata/graph-v1.0-chat.csdl",   // relative to CARGO_MANIFEST_DIR
//! types: [chat, conversationMember, graph.aadUserConversationMember],   // or `types: *`
//! runtime: ::graph_models,                      // optional
//! untyped: [microsoft.graph.Json],              // optional: complex types carried as any JSON
//! operations: true,                             // optional: bound actions' and functions' parameters
//! paths: true,                                  // optional: typed paths and query options
//! ```
//!
//! `untyped` names the complex types mapped to `serde_json::Value` (see `crate::untyped`); without
//! it, Graph's `microsoft.graph.Json` is (`untyped::DEFAULT_UNTYPED`), and `untyped: []` maps none.

use crate::emit::Options;
use crate::model::Model;
use crate::select::{self, Selection, UnknownName};
use crate::untyped::{self, UntypedError};
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitStr, Token};

/// One name in `types: [...]`: `chat`, `graph.chat`, `microsoft.graph.chat` or `"microsoft.graph.chat"`,
/// or a namespace (or alias) with `.*`: `microsoft.graph.security.*`.
pub struct TypeName {
    pub text: String,
    /// As written, for error spans.
    pub tokens: TokenStream,
}

pub enum Types {
    All,
    Names(Vec<TypeName>),
}

pub struct Invocation {
    pub metadata: LitStr,
    pub types: Types,
    pub runtime: Option<syn::Path>,
    /// `untyped: [...]`, when given.
    pub untyped: Option<Vec<TypeName>>,
    /// `operations: true`: generate the parameters structs of bound actions and functions.
    pub operations: bool,
    /// `paths: true`: generate typed paths, query option constants and the container's roots.
    pub paths: bool,
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
            if input.peek(Token![*]) {
                // `microsoft.graph.security.*`: every type of that namespace.
                let star: Token![*] = input.parse()?;
                text.push_str(".*");
                tokens.extend(quote!(#dot #star));
                break;
            }
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

impl Parse for Invocation {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut metadata = None;
        let mut types = None;
        let mut runtime = None;
        let mut untyped = None;
        let mut operations = false;
        let mut paths = false;
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
                "untyped" => {
                    let content;
                    syn::bracketed!(content in input);
                    let names = content.parse_terminated(TypeName::parse, Token![,])?;
                    untyped = Some(names.into_iter().collect());
                }
                "operations" => operations = input.parse::<syn::LitBool>()?.value,
                "paths" => paths = input.parse::<syn::LitBool>()?.value,
                other => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!(
                            "unknown key `{other}`; expected `metadata`, `types`, `runtime`, `untyped`, `operations` or `paths`"
                        ),
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
        Ok(Invocation {
            metadata,
            types,
            runtime,
            untyped,
            operations,
            paths,
        })
    }
}

impl Invocation {
    /// Applies `untyped: [...]` (or `untyped::DEFAULT_UNTYPED`) to the model read from the call's
    /// metadata; call it before [`Invocation::selection`]. Errors give the name's index in
    /// `untyped`.
    pub fn untype(&self, model: &mut Model) -> Result<(), Vec<UntypedError>> {
        let texts: Option<Vec<String>> = self
            .untyped
            .as_ref()
            .map(|names| names.iter().map(|n| n.text.clone()).collect());
        untyped::untype_as_given(model, texts.as_deref())
    }

    /// The tokens of the `index`th name of `untyped: [...]`, where an error about it points.
    pub fn untyped_tokens(&self, index: usize) -> TokenStream {
        self.untyped
            .as_ref()
            .and_then(|names| names.get(index))
            .map(|n| n.tokens.clone())
            .unwrap_or_default()
    }

    /// The types this call generates, or the names the model lacks (with their index in `types`).
    pub fn selection(&self, model: &Model) -> Result<Selection, Vec<UnknownName>> {
        let texts: Option<Vec<String>> = match &self.types {
            Types::All => None,
            Types::Names(names) => Some(names.iter().map(|n| n.text.clone()).collect()),
        };
        select::select_as_given(model, texts.as_deref())
    }

    /// The tokens of `types: [...]` as written, where an error about the whole selection points.
    pub fn types_tokens(&self) -> TokenStream {
        match &self.types {
            Types::All => TokenStream::new(),
            Types::Names(names) => names.iter().map(|n| n.tokens.clone()).collect(),
        }
    }

    pub fn options(&self) -> Options {
        match &self.runtime {
            Some(path) => Options {
                runtime: quote!(#path),
                operations: self.operations,
                paths: self.paths,
            },
            None => Options {
                operations: self.operations,
                paths: self.paths,
                ..Options::default()
            },
        }
    }
}
