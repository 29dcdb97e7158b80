//! `cargo xtask fetch-metadata [--url URL] --out FILE`: downloads a `$metadata` document with a
//! progress bar, reads it with the CSDL reader, and only then replaces FILE (through a temporary
//! file and a rename); prints which types were added, removed or changed against the old FILE.
//!
//! A failed download (HTTP error status, connection error, a body shorter than its
//! Content-Length) or a document that does not read exits 1 and leaves FILE as it was.
//!
//! ureq: a small, well-kept blocking client; one GET needs no async runtime. Its rustls TLS is pure
//! Rust apart from ring, so nothing is needed from the system.

use crate::model_diff;
use graph_models_codegen::Model;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::Read;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

pub const DEFAULT_URL: &str = "https://graph.microsoft.com/v1.0/$metadata";
/// Graph's document is about 3 MB: anything far larger is not a `$metadata` document.
const MAX_BYTES: u64 = 512 << 20;
const USAGE: &str = "usage: cargo xtask fetch-metadata [--url URL] --out FILE";

pub fn run(args: &[String]) -> ExitCode {
    let args = match crate::args::Args::parse(args, &["--url", "--out"], &[]) {
        Ok(a) => a,
        Err(e) => return usage(&e),
    };
    let Some(out) = args.value("--out") else {
        return usage("--out is required");
    };
    let url = args.value("--url").unwrap_or(DEFAULT_URL);
    let bytes = match download(url) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{url}: {e}; {out} left as it was");
            return ExitCode::from(1);
        }
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        eprintln!("{url}: the document is not UTF-8; {out} left as it was");
        return ExitCode::from(1);
    };
    let new = match graph_models_codegen::csdl::read(text, url) {
        Ok(m) => m,
        Err(diagnostics) => {
            diagnostics.errors().for_each(|d| eprintln!("{d}"));
            eprintln!("{url}: the document does not read; {out} left as it was");
            return ExitCode::from(1);
        }
    };
    let old = match std::fs::read(out) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => Some(Err(e.to_string())),
        Ok(bytes) => Some(match String::from_utf8(bytes) {
            Ok(old) => graph_models_codegen::csdl::read(&old, out)
                .map_err(|d| format!("{} errors", d.errors().count())),
            Err(_) => Err("not UTF-8".to_string()),
        }),
    };
    if let Err(e) = crate::regen::write(Path::new(out), text) {
        eprintln!("{out}: {e}");
        return ExitCode::from(1);
    }
    println!(
        "wrote {out}: {} bytes, {} types, from {url}",
        bytes.len(),
        new.types.len()
    );
    report(out, old, &new);
    ExitCode::SUCCESS
}

fn report(out: &str, old: Option<Result<Model, String>>, new: &Model) {
    match old {
        None => println!("{out} did not exist before"),
        Some(Err(why)) => println!("the old {out} did not read ({why}): no comparison"),
        Some(Ok(old)) => {
            let lines = model_diff::diff(&old, new);
            if lines.is_empty() {
                println!("no type changed");
            }
            lines.iter().for_each(|l| println!("{l}"));
        }
    }
}

fn download(url: &str) -> Result<Vec<u8>, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_connect(Some(Duration::from_secs(30)))
        .timeout_global(Some(Duration::from_secs(600)))
        .build()
        .into();
    let response = agent.get(url).call().map_err(|e| e.to_string())?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!("HTTP {status}"));
    }
    let declared: Option<u64> = response
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok());
    // Hidden by indicatif itself when stderr is not a terminal (CI, tests).
    let bar = match declared {
        Some(len) => ProgressBar::new(len).with_style(
            ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {bytes_per_sec} {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::new_spinner(),
    };
    let mut reader = response
        .into_body()
        .into_with_config()
        .limit(MAX_BYTES)
        .reader();
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; 64 << 10];
    loop {
        match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => {
                bytes.extend_from_slice(&chunk[..n]);
                bar.inc(n as u64);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                bar.abandon();
                return Err(format!("download failed after {} bytes: {e}", bytes.len()));
            }
        }
    }
    bar.finish_and_clear();
    match declared {
        Some(len) if len != bytes.len() as u64 => Err(format!(
            "truncated download: {} of {len} bytes (Content-Length)",
            bytes.len()
        )),
        _ => Ok(bytes),
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("{problem}\n{USAGE}");
    ExitCode::from(2)
}
