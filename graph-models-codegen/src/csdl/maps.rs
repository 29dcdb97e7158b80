//! The reader's internal maps, keyed by names taken from the documents.
//!
//! std's `RandomState` (SipHash-1-3 with per-process random keys): a document can be written to
//! make many names collide under a fixed multiplicative hash (the reader used one, FxHash, until
//! it was measured against SipHash: on the whole Graph v1.0 schema the read took 1.82-1.86x
//! roxmltree's parse with FxHash and 1.85-1.91x with SipHash, the same within noise), and then
//! every lookup probes every colliding name. Nothing iterates these maps, so the random keys never
//! change the output.

use std::collections::{HashMap, HashSet};

pub(crate) type NameMap<K, V> = HashMap<K, V>;
pub(crate) type NameSet<K> = HashSet<K>;
