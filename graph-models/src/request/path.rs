//! Paths: [`EntitySet`] (a collection of entities, keyed into with [`EntitySet::key`]) and
//! [`Item`] (one entity), which every generated `XPath` derefs to.

use super::{call, entity_body, Entity, KeyValue, Method, Query, Request, SubtypeOf};
use crate::rt::Structured;
use crate::{url, Collection, Operation};
use serde::Serialize;
use std::marker::PhantomData;

/// The path of one entity: a generated `XPath` (made from an [`Item`], dereferencing to it, with
/// a method per navigation property) or, for a type without navigation properties, the
/// [`Item`] itself.
pub trait Resource {
    type Entity: Entity;

    #[doc(hidden)]
    fn from_item(item: Item<Self::Entity>) -> Self;
}

impl<E: Entity> Resource for Item<E> {
    type Entity = E;

    fn from_item(item: Item<E>) -> Self {
        item
    }
}

/// The path of one entity of type `E`: `/chats('19%3Aabc%40thread.v2')`, `/me`.
pub struct Item<E> {
    path: String,
    entity: PhantomData<fn() -> E>,
}

impl<E> Clone for Item<E> {
    fn clone(&self) -> Self {
        Item::at(self.path.clone())
    }
}

impl<E> std::fmt::Debug for Item<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Item").field(&self.path).finish()
    }
}

impl<E> Item<E> {
    #[doc(hidden)]
    pub fn at(path: String) -> Self {
        Item {
            path,
            entity: PhantomData,
        }
    }

    /// The path relative to the service root.
    pub fn path(&self) -> &str {
        &self.path
    }
}

impl<E: Entity> Item<E> {
    /// The path of a single-valued navigation property (`/me/manager`): generated `XPath`
    /// methods call it.
    #[doc(hidden)]
    pub fn single<T: Entity>(&self, segment: &str) -> T::Path {
        T::Path::from_item(Item::at(format!("{}/{segment}", self.path)))
    }

    /// The path of a collection-valued navigation property (`/chats('..')/members`).
    #[doc(hidden)]
    pub fn many<T: Entity>(&self, segment: &str) -> EntitySet<T::Path> {
        EntitySet::at(format!("{}/{segment}", self.path))
    }

    /// `GET` this entity.
    pub fn get(&self) -> Request<E::Read> {
        self.get_with(Query::new())
    }

    /// `GET` this entity with query options (`$select`, `$expand`).
    pub fn get_with(&self, query: Query<E>) -> Request<E::Read> {
        Request::new(Method::Get, self.path.clone()).with_query(query.pairs())
    }

    /// `PATCH` this entity with the properties `body` has (absent ones are left as they are; a
    /// null one is set to null). A derived struct is sent with its `@odata.type`.
    pub fn update<B: Serialize + SubtypeOf<E>>(&self, body: &B) -> Request<()> {
        Request::new(Method::Patch, self.path.clone()).with_body(entity_body::<E, B>(body))
    }

    /// `DELETE` this entity.
    pub fn delete(&self) -> Request<()> {
        Request::new(Method::Delete, self.path.clone())
    }

    /// This entity as derived type `T`: a type-cast segment (`/microsoft.graph.aadUserConversationMember`).
    pub fn cast<T: Entity + SubtypeOf<E>>(&self) -> T::Path {
        T::Path::from_item(Item::at(cast_path(&self.path, T::NAME)))
    }

    /// Calls an action or function bound to this entity's type (or a base of it), as the path's
    /// last segment: `POST /chats('..')/microsoft.graph.hideForUser` with the parameters as the
    /// body, or `GET .../ns.f(p=1)` for a function.
    pub fn call<O>(&self, parameters: &O) -> Request<O::Response>
    where
        O: Operation + Structured + Serialize,
        E: SubtypeOf<O::Binding>,
    {
        call(&self.path, parameters)
    }
}

fn cast_path(path: &str, name: &str) -> String {
    let mut out = format!("{path}/");
    url::percent_encode(name, &mut out);
    out
}

/// The path of a collection of entities whose one-entity path is `R` (`/chats`,
/// `/chats('..')/members`).
pub struct EntitySet<R> {
    path: String,
    resource: PhantomData<fn() -> R>,
}

impl<R> Clone for EntitySet<R> {
    fn clone(&self) -> Self {
        EntitySet::at(self.path.clone())
    }
}

impl<R> std::fmt::Debug for EntitySet<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("EntitySet").field(&self.path).finish()
    }
}

impl<R> EntitySet<R> {
    #[doc(hidden)]
    pub fn at(path: String) -> Self {
        EntitySet {
            path,
            resource: PhantomData,
        }
    }

    /// The path relative to the service root.
    pub fn path(&self) -> &str {
        &self.path
    }
}

type Read<R> = <<R as Resource>::Entity as Entity>::Read;

impl<R: Resource> EntitySet<R> {
    /// One entity by its key: `/chats('19%3Aabc%40thread.v2')`, the key written as the schema
    /// declares it (a composite key as `(a=1,b='x')`).
    pub fn key(&self, key: &<R::Entity as Entity>::Key) -> R {
        let mut path = self.path.clone();
        key.write_key(<R::Entity as Entity>::KEY_NAMES, &mut path);
        R::from_item(Item::at(path))
    }

    /// The entities of derived type `T` only: `/members/microsoft.graph.aadUserConversationMember`.
    pub fn cast<T: Entity + SubtypeOf<R::Entity>>(&self) -> EntitySet<T::Path> {
        EntitySet::at(cast_path(&self.path, T::NAME))
    }

    /// `GET` the first page of the collection.
    pub fn list(&self) -> Request<Collection<Read<R>>> {
        self.list_with(Query::new())
    }

    /// `GET` the first page with query options.
    pub fn list_with(&self, query: Query<R::Entity>) -> Request<Collection<Read<R>>> {
        Request::new(Method::Get, self.path.clone()).with_query(query.pairs())
    }

    /// `POST` a new entity (of the collection's type or a derived one) to the collection; the
    /// answer (`201 Created`) is the created entity. A derived struct is sent with its
    /// `@odata.type` (`#microsoft.graph.aadUserConversationMember`), which Graph needs to know
    /// what is created.
    pub fn create<B: Serialize + SubtypeOf<R::Entity>>(&self, body: &B) -> Request<Read<R>> {
        Request::new(Method::Post, self.path.clone()).with_body(entity_body::<R::Entity, B>(body))
    }

    /// Calls an action or function bound to the collection (`Collection(ns.type)` of this type
    /// or a base of it), as the path's last segment.
    pub fn call<O, B>(&self, parameters: &O) -> Request<O::Response>
    where
        O: Operation<Binding = [B]> + Structured + Serialize,
        R::Entity: SubtypeOf<B>,
    {
        call(&self.path, parameters)
    }
}
