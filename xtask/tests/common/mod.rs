//! Runs the built `xtask` binary as a maintainer would, in scratch directories under the target dir.
#![allow(dead_code)] // each test file uses part of this

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A fresh, empty directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn xtask(args: &[&str]) -> Output {
    xtask_in(&repo(), args)
}

pub fn xtask_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(dir)
        // Tests talk to 127.0.0.1 only: no proxy from the environment may take the request elsewhere.
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("https_proxy")
        .env_remove("HTTPS_PROXY")
        .env_remove("all_proxy")
        .env_remove("ALL_PROXY")
        .output()
        .unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The downstream example's small service: inheritance, enums, a complex type, navigation.
pub fn library_csdl() -> String {
    std::fs::read_to_string(repo().join("examples/downstream-sdk/metadata/library.csdl")).unwrap()
}

/// `../shared/metadata/graph-v1.0.csdl` (the full Graph v1.0 schema); `None` with a note when
/// `../shared` is missing on a developer machine, a failure under CI.
pub fn full_graph() -> Option<PathBuf> {
    let dir = repo().join("../shared");
    if dir.is_dir() {
        return Some(dir.join("metadata/graph-v1.0.csdl"));
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is missing; CI must provide ../shared",
        dir.display()
    );
    eprintln!("note: {} is missing; skipping", dir.display());
    None
}
