//! [`Operation`]: what a generated parameters struct says about its OData action or function.

/// Whether an operation is an action (`POST`, parameters in the JSON body) or a function (`GET`,
/// parameters in the URL).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperationKind {
    Action,
    Function,
}

/// A generated parameters struct of an OData action or function: its value is the request body of
/// an action (encoded as any generated struct is: declared parameters, then additional data), and
/// [`Operation::Response`] is what the response body decodes to.
pub trait Operation {
    /// `namespace.name` of the operation: the last path segment of a bound call
    /// (`/chats('..')/microsoft.graph.hideForUser`).
    const NAME: &'static str;
    const KIND: OperationKind;
    /// The binding parameter's type as CSDL writes it (`microsoft.graph.chat`,
    /// `Collection(microsoft.graph.conversationMember)`); `None` for an unbound operation.
    const BINDING: Option<&'static str>;
    /// The binding parameter's Rust type: the generated struct of the bound type (`Chat`), a
    /// slice of it for a collection binding (`[ConversationMember]`), `()` for an unbound
    /// operation. A path offers [`crate::request::Item::call`] only for operations bound to its
    /// type or a base of it.
    type Binding: ?Sized;
    /// What a successful response decodes to: `()` for an operation without a return type (Graph
    /// answers `204 No Content`), the returned type, a [`crate::Collection`] for a collection, or
    /// a [`crate::ValueResponse`] for a single primitive (`{"value": 42}`).
    type Response;
    /// For a function: each parameter's JSON name and how its value is written in the URL:
    /// `Edm.String`, `Edm.Int32`, ... (a type definition's underlying type), an enum type's
    /// qualified name (`microsoft.graph.chatType`: `microsoft.graph.chatType'group'`), or `""`
    /// for a complex, collection or untyped value, which goes through a parameter alias.
    #[doc(hidden)]
    const URL_TYPES: &'static [(&'static str, &'static str)] = &[];
}
