//! The reader's internal maps, keyed by names taken from the documents.
//!
//! std's `RandomState` (SipHash-1-3 with per-process random keys): a document can be written to
//! make many names collide under a fixed, unkeyed hash, and then every lookup probes every
//! colliding name. A faster fixed hash bought no measurable reading speed on the whole Graph
//! schema (docs/BENCHMARKS.md, "CSDL reader"), so there is nothing to trade for that risk.
//! Nothing iterates these maps, so the random keys never change the output.

use std::collections::{HashMap, HashSet};

pub(crate) type NameMap<K, V> = HashMap<K, V>;
pub(crate) type NameSet<K> = HashSet<K>;
