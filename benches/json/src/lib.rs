//! `cargo xtask bench-json`: the payloads and the hand-written baseline structs, shared by the
//! benchmark binary (`src/main.rs`) and the round-trip tests (`tests/`).

pub mod payload;
pub mod plain;
