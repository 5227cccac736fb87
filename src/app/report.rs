//! `cyberdip report`: build the HTML page with SVG charts from output folders.

use crate::cli::ReportArgs;
use crate::error::print_out;
use crate::error::{Error, InputError, Result};
use crate::output::folder::{Kind, OutputDir};
use crate::report::{self, ReportError, ReportOptions};
use std::path::{Path, PathBuf};

/// Build a report of `dirs` into `out` (locked while it is written; its page and charts
/// replaced as one set, so no chart of an older report survives); bad or missing inputs
/// are input errors (exit 2).
pub fn build(dirs: &[PathBuf], out: &Path, title: Option<String>) -> Result<report::ReportSummary> {
    let argv: Vec<String> = std::env::args().collect();
    let dir = OutputDir::begin(out, Kind::Report, &argv)?;
    let s = report::build(dirs, dir.staging(), &ReportOptions { title }).map_err(|e| match e {
        ReportError::Draw { .. } | ReportError::Io { .. } => Error::failed(e),
        other => Error::input(InputError::file(
            dirs.first().map_or(String::new(), |d| d.display().to_string()),
            other.to_string(),
        )),
    })?;
    dir.commit("index.html")?;
    Ok(s)
}

/// Run the command.
pub fn report(a: &ReportArgs) -> Result<()> {
    let out = a
        .out
        .clone()
        .unwrap_or_else(|| if a.dirs.len() == 1 { a.dirs[0].join("report") } else { PathBuf::from("out/report") });
    let s = build(&a.dirs, &out, a.title.clone())?;
    for n in &s.notes {
        eprintln!("note: {n}");
    }
    print_out(&format!("{} charts -> {}\n", s.charts.len(), out.join("index.html").display()))?;
    Ok(())
}
