//! Helpers shared by the integration tests: run the real binary as a user would.
#![allow(dead_code)]

pub mod fixtures;
pub mod server;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Path of the repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Path of a file under the repository root.
pub fn path(rel: &str) -> PathBuf {
    root().join(rel)
}

/// Run `cyberdip` with `args` (and optional RAYON_NUM_THREADS), in the repo root.
pub fn cyberdip(args: &[&str], threads: Option<usize>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cyberdip"));
    c.args(args).current_dir(root());
    match threads {
        Some(t) => c.env("RAYON_NUM_THREADS", t.to_string()),
        None => c.env_remove("RAYON_NUM_THREADS"),
    };
    c.output().expect("the cyberdip binary runs")
}

/// Run and require success; return stdout.
pub fn ok(args: &[&str], threads: Option<usize>) -> String {
    let out = cyberdip(args, threads);
    assert!(
        out.status.success(),
        "cyberdip {args:?} failed ({:?}):\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Read a file to a string.
pub fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

/// Parse a CSV file into header and rows.
pub fn csv(p: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
    let header = r.headers().expect("header").iter().map(String::from).collect();
    let rows = r.records().map(|x| x.expect("row").iter().map(String::from).collect()).collect();
    (header, rows)
}
