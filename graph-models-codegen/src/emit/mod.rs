//! Rust tokens for a selection of a [`Model`]: structs for entity and complex types, enums for enum
//! types, `Any*` enums for polymorphic slots, and their (de)serialization through the runtime's
//! table-driven helpers (no `#[serde(flatten)]`, no internally tagged enums: both buffer objects).

pub mod budget;
mod enums;
mod layout;
pub(crate) mod names;
mod operations;
mod paths;
mod poly;
mod structs;

use crate::model::Model;
use proc_macro2::TokenStream;
use quote::quote;

pub use budget::{Size, TooLarge};
pub use layout::Layout;
// Kept for graph-models' tests and the fuzz target, which name the selection through `emit`;
// everything else uses `crate::select`.
pub use crate::select::{resolve_names, select, select_all, Selection};

/// The version of the runtime contract (what generated code calls in `graph_models::rt` and
/// expects of it) this generator writes code for. Generated code asserts at compile time that the
/// runtime it is built with has the same (`graph_models::rt::CONTRACT`), so code generated for
/// another runtime fails to build with a message that says to regenerate it, instead of with
/// errors inside the generated items. Raise it with every change of that contract.
pub const RUNTIME_CONTRACT: u32 = 3;

/// How generated code refers to the runtime crate.
#[derive(Debug, Clone)]
pub struct Options {
    /// Path of the runtime crate, `::graph_models` by default.
    pub runtime: TokenStream,
    /// Whether to generate the parameters structs of the actions and functions bound to the
    /// selected types (see docs/DESIGN.md, "Operations"); off by default.
    pub operations: bool,
    /// Whether to generate the request side (see docs/DESIGN.md, "Paths and query options"): a
    /// path type per entity type, property and navigation constants for query options, and a
    /// function per entity set and singleton; off by default.
    pub paths: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            runtime: quote!(::graph_models),
            operations: false,
            paths: false,
        }
    }
}

/// Generates the items for `selection`, laid out one module per CSDL namespace (the namespace with
/// the most selected types at the top), or says why not: the selection would generate more code
/// than [`budget::LIMIT`] allows (deep inheritance chains grow it cubically).
pub fn generate(
    model: &Model,
    selection: &Selection,
    options: &Options,
) -> Result<TokenStream, TooLarge> {
    budget::check(model, selection)?;
    let layout = Layout::new(model, selection);
    let mut modules = layout::ModuleTree::default();
    for &id in &selection.types {
        let ty = model.ty(id);
        let module = layout.module_of(id).to_vec();
        let items = match &ty.kind {
            crate::model::TypeKind::Entity(_) | crate::model::TypeKind::Complex(_) => {
                let mut items = structs::emit_struct(&layout, options, id);
                if layout.any_name(id).is_some() {
                    items.extend(poly::emit_any(&layout, options, id));
                }
                items
            }
            crate::model::TypeKind::Enum(_) => enums::emit_enum(&layout, options, id),
            // Type definitions become their underlying Rust type where used.
            crate::model::TypeKind::Definition(_) => continue,
        };
        modules.push(&module, items);
    }
    let path_names = if options.paths {
        paths::path_names(&layout)
    } else {
        Default::default()
    };
    if options.operations {
        for (module, items) in operations::emit_operations(&layout, options, &path_names) {
            modules.push(&module, items);
        }
    }
    if options.paths {
        for (module, items) in paths::emit_paths(&layout, options, &path_names) {
            modules.push(&module, items);
        }
    }
    modules.push(&[], poly::emit_known_types(&layout));
    modules.push(&[], vec![contract_check(options)]);
    Ok(modules.into_tokens())
}

/// The compile-time check that the runtime has [`RUNTIME_CONTRACT`].
fn contract_check(options: &Options) -> TokenStream {
    let rt = &options.runtime;
    let message = format!(
        "this code was generated for graph-models runtime contract {RUNTIME_CONTRACT}, and the graph-models it is built with has another: regenerate it with the graph-models-codegen of that version (`cargo xtask regen`, `cargo xtask generate`, or the build script that wrote it)"
    );
    quote! {
        const _: () = ::core::assert!(#rt::rt::CONTRACT == #RUNTIME_CONTRACT, #message);
    }
}

/// [`generate`], formatted as a Rust source file (prettyplease).
pub fn generate_file(
    model: &Model,
    selection: &Selection,
    options: &Options,
) -> Result<String, String> {
    let tokens = generate(model, selection, options).map_err(|e| e.to_string())?;
    let file: syn::File =
        syn::parse2(tokens).map_err(|e| format!("generated code does not parse: {e}"))?;
    Ok(prettyplease::unparse(&file))
}
