//! Query options over a path's entity type `E`: [`Query<E>`] takes only `E`'s own [`Property`] and
//! [`Navigation`] constants, so what it names is what the schema declares.

use super::{Filter, SubtypeOf, Type};
use crate::url::percent_encode;
use std::borrow::Cow;
use std::marker::PhantomData;

/// A structural property of `E` whose value is a `V` (`Chat::TOPIC: Property<Chat, String>`), or
/// a path through complex properties to one (`Chat::VIEWPOINT.then(ChatViewpoint::IS_HIDDEN)`).
pub struct Property<E, V> {
    path: Cow<'static, str>,
    types: PhantomData<fn() -> (E, V)>,
}

impl<E, V> Clone for Property<E, V> {
    fn clone(&self) -> Self {
        Property {
            path: self.path.clone(),
            types: PhantomData,
        }
    }
}

impl<E, V> std::fmt::Debug for Property<E, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Property").field(&self.path).finish()
    }
}

impl<E, V> Property<E, V> {
    #[doc(hidden)]
    pub const fn new(name: &'static str) -> Self {
        Property {
            path: Cow::Borrowed(name),
            types: PhantomData,
        }
    }

    pub(crate) fn at(path: String) -> Self {
        Property {
            path: Cow::Owned(path),
            types: PhantomData,
        }
    }

    /// The property's path as a query option writes it (`viewpoint/isHidden`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// A property of the complex value this property holds: `viewpoint/isHidden`.
    pub fn then<C, W>(self, inner: Property<C, W>) -> Property<E, W>
    where
        V: Holds<C>,
    {
        Property::at(format!("{}/{}", self.path, inner.path))
    }

    /// This property of derived type `E`, in a query over its base `B`:
    /// `microsoft.graph.aadUserConversationMember/displayName`.
    pub fn of_base<B>(self) -> Property<B, V>
    where
        E: Type + SubtypeOf<B>,
    {
        Property::at(format!("{}/{}", E::NAME, self.path))
    }
}

/// `Self` holds a `C` inline: a complex property's slot type (`C` or `Box<C>`).
pub trait Holds<C> {}

impl<C> Holds<C> for C {}
impl<C> Holds<C> for Box<C> {}

/// A single-valued navigation property ([`Navigation`]'s third parameter).
pub enum One {}
/// A collection-valued navigation property.
pub enum Many {}

/// What a [`Navigation`] is about: its source, target and count.
type NavigationTypes<E, T, C> = PhantomData<fn() -> (E, T, C)>;

/// A navigation property of `E` to `T`s, one ([`One`]) or many ([`Many`]): `Chat::MEMBERS`.
pub struct Navigation<E, T, C> {
    name: &'static str,
    types: NavigationTypes<E, T, C>,
}

impl<E, T, C> Clone for Navigation<E, T, C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<E, T, C> Copy for Navigation<E, T, C> {}

impl<E, T, C> std::fmt::Debug for Navigation<E, T, C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Navigation").field(&self.name).finish()
    }
}

impl<E, T, C> Navigation<E, T, C> {
    #[doc(hidden)]
    pub const fn new(name: &'static str) -> Self {
        Navigation {
            name,
            types: PhantomData,
        }
    }

    /// The property's name.
    pub fn name(&self) -> &'static str {
        self.name
    }
}

/// What `$select` takes: a structural or a navigation property of `E`.
pub trait Selectable<E> {
    #[doc(hidden)]
    fn selected(&self) -> Cow<'static, str>;
}

impl<E, V> Selectable<E> for Property<E, V> {
    fn selected(&self) -> Cow<'static, str> {
        self.path.clone()
    }
}

impl<E, T, C> Selectable<E> for Navigation<E, T, C> {
    fn selected(&self) -> Cow<'static, str> {
        Cow::Borrowed(self.name)
    }
}

/// Query options over entity type `E`: `$select`, `$expand` (with nested options), `$filter`,
/// `$orderby`, `$search`, `$top`, `$skip` and `$count`, written (percent-encoded) in that order.
pub struct Query<E> {
    select: Vec<Cow<'static, str>>,
    expand: Vec<String>,
    filter: Option<String>,
    order_by: Vec<String>,
    search: Option<String>,
    top: Option<u64>,
    skip: Option<u64>,
    count: Option<bool>,
    entity: PhantomData<fn() -> E>,
}

impl<E> Default for Query<E> {
    fn default() -> Self {
        Query::new()
    }
}

impl<E> Clone for Query<E> {
    fn clone(&self) -> Self {
        Query {
            select: self.select.clone(),
            expand: self.expand.clone(),
            filter: self.filter.clone(),
            order_by: self.order_by.clone(),
            search: self.search.clone(),
            top: self.top,
            skip: self.skip,
            count: self.count,
            entity: PhantomData,
        }
    }
}

impl<E> std::fmt::Debug for Query<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.pairs()).finish()
    }
}

impl<E> Query<E> {
    /// No options.
    pub fn new() -> Self {
        Query {
            select: Vec::new(),
            expand: Vec::new(),
            filter: None,
            order_by: Vec::new(),
            search: None,
            top: None,
            skip: None,
            count: None,
            entity: PhantomData,
        }
    }

    /// Adds a property to `$select`.
    pub fn select(mut self, property: impl Selectable<E>) -> Self {
        self.select.push(property.selected());
        self
    }

    /// Adds a navigation property to `$expand`.
    pub fn expand<T, C>(self, navigation: Navigation<E, T, C>) -> Self {
        self.expand_with(navigation, |q| q)
    }

    /// Adds a navigation property to `$expand` with options over its target:
    /// `members($select=displayName)`.
    pub fn expand_with<T, C>(
        mut self,
        navigation: Navigation<E, T, C>,
        options: impl FnOnce(Query<T>) -> Query<T>,
    ) -> Self {
        let nested = options(Query::new());
        let inner: Vec<String> = nested
            .pairs()
            .into_iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect();
        let mut item = navigation.name.to_string();
        if !inner.is_empty() {
            item.push('(');
            item.push_str(&inner.join(";"));
            item.push(')');
        }
        self.expand.push(item);
        self
    }

    /// Sets `$filter` (a second call combines both with `and`).
    pub fn filter(mut self, filter: Filter<E>) -> Self {
        let text = filter.to_query_text();
        self.filter = Some(match self.filter.take() {
            Some(previous) => format!("({previous})%20and%20({text})"),
            None => text,
        });
        self
    }

    /// Adds a property to `$orderby`, ascending.
    pub fn order_by<V>(mut self, property: Property<E, V>) -> Self {
        self.order_by.push(property.path.into_owned());
        self
    }

    /// Adds a property to `$orderby`, descending.
    pub fn order_by_desc<V>(mut self, property: Property<E, V>) -> Self {
        self.order_by.push(format!("{}%20desc", property.path));
        self
    }

    /// Sets `$search` to `expression` as the service reads it (Graph: `"displayName:team"`, the
    /// quotes included), percent-encoded.
    pub fn search(mut self, expression: &str) -> Self {
        let mut value = String::new();
        percent_encode(expression, &mut value);
        self.search = Some(value);
        self
    }

    /// Sets `$top`: at most this many items (per page, as Graph reads it).
    pub fn top(mut self, n: u64) -> Self {
        self.top = Some(n);
        self
    }

    /// Sets `$skip`.
    pub fn skip(mut self, n: u64) -> Self {
        self.skip = Some(n);
        self
    }

    /// Sets `$count`: whether the response carries `@odata.count`.
    pub fn count(mut self, count: bool) -> Self {
        self.count = Some(count);
        self
    }

    /// Name and percent-encoded value of each option set.
    pub(crate) fn pairs(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut push = |name: &str, value: String| out.push((name.to_string(), value));
        if !self.select.is_empty() {
            push("$select", self.select.join(","));
        }
        if !self.expand.is_empty() {
            push("$expand", self.expand.join(","));
        }
        if let Some(filter) = &self.filter {
            push("$filter", filter.clone());
        }
        if !self.order_by.is_empty() {
            push("$orderby", self.order_by.join(","));
        }
        if let Some(search) = &self.search {
            push("$search", search.clone());
        }
        if let Some(top) = self.top {
            push("$top", top.to_string());
        }
        if let Some(skip) = self.skip {
            push("$skip", skip.to_string());
        }
        if let Some(count) = self.count {
            push("$count", count.to_string());
        }
        out
    }
}
