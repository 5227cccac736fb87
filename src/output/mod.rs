//! Output files: turning run records into bytes (CSV, JSON) and putting them on disk
//! atomically. Exporters only format; [`atomic`] owns the files, [`folder`] the output
//! folders (one writer at a time, [`lock`]; all files replaced as one set), [`interrupt`]
//! what Ctrl-C removes and keeps.

pub mod atomic;
pub mod csv_out;
pub mod digest;
pub mod folder;
pub mod interrupt;
pub mod lock;
pub mod manifest;

/// Format a number for CSV: the shortest decimal that reads back to the same f64.
pub fn num(x: f64) -> String {
    if x == 0.0 { "0".to_string() } else { format!("{x}") }
}
