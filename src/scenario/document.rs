//! The scenario document: the merged, located tree of a scenario file and every file it
//! extends, and the one function through which every change to a value passes —
//! `--set` on the command line, a sweep point, an exercise choice (and the browser page and
//! the Python package). A document is validated and built once, by [`Document::build`];
//! nothing edits a built scenario. So a value set any of these ways is checked the same
//! way and gives the same scenario.

use super::Scenario;
use super::build::{build, read_chain, set_tree};
use super::files::Files;
use super::source::{self, Table};
use crate::error::{Error, InputError, InputErrors, Sources};
use std::path::Path;

/// Command-line changes layered over the files, in order: `--runs`, `--seed`, `--ticks`,
/// then each `--set`.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    /// `--set path=value` arguments.
    pub sets: Vec<String>,
    /// `--runs`.
    pub runs: Option<u64>,
    /// `--seed`.
    pub seed: Option<u64>,
    /// `--ticks`.
    pub ticks: Option<u64>,
}

/// A scenario file and everything it extends, with the changes applied so far.
///
/// The document also keeps its *reference*: the root of the `extends` chain as written,
/// without what-if layers or changes. The model measures policy against it (a stock's
/// steady state is the reference's; see `levers::Stock`), so a what-if or `--set` that
/// changes a lever moves the stocks it drives.
#[derive(Clone, Debug)]
pub struct Document {
    tree: Table,
    root: Table,
    changed: bool,
    sources: Sources,
    default_name: String,
}

impl Document {
    /// Read a scenario file, following `extends`.
    pub fn open(path: &Path) -> Result<Document, Error> {
        Document::read(Files::Disk, path, None)
    }

    /// Read a scenario from `files` (`preread`: its bytes, when already read), following
    /// `extends`.
    pub fn read(files: Files, path: &Path, preread: Option<Vec<u8>>) -> Result<Document, Error> {
        let mut sources = Sources::default();
        let mut root = None;
        let tree =
            read_chain(files, path, preread, &mut sources, &mut Vec::new(), None, &mut root).map_err(Error::input)?;
        let default_name =
            path.file_stem().map_or_else(|| "scenario".to_string(), |s| s.to_string_lossy().into_owned());
        let changed = sources.iter().count() > 1; // a what-if extends its reference
        Ok(Document { root: root.unwrap_or_else(|| tree.clone()), tree, changed, sources, default_name })
    }

    /// Change one value: `text` is `path=value` (as for `--set`), `origin` says where it
    /// came from in error messages (`--set`, `point 12`, `choice restraint`).
    #[allow(clippy::result_large_err)]
    pub fn set(&mut self, origin: &str, text: &str) -> Result<(), InputError> {
        let file = self.sources.add_override(format!("{origin} {text}"), text.to_string());
        let t = set_tree(&self.tree, file, text, &self.sources)?;
        source::overlay(&mut self.tree, t);
        self.changed = true;
        Ok(())
    }

    /// Set a numeric path to `v` (a sweep point's value), through [`Document::set`].
    #[allow(clippy::result_large_err)]
    pub fn set_number(&mut self, origin: &str, path: &str, v: f64) -> Result<(), InputError> {
        self.set(origin, &format!("{path}={}", number_text(v)))
    }

    /// Apply command-line overrides, collecting every error.
    pub fn apply(&mut self, ov: &Overrides) -> Result<(), Error> {
        let mut sets: Vec<(String, String)> = Vec::new();
        for (flag, v) in [("--runs", ov.runs), ("--seed", ov.seed), ("--ticks", ov.ticks)] {
            if let Some(v) = v {
                sets.push((flag.to_string(), format!("simulation.{}={v}", flag.trim_start_matches('-'))));
            }
        }
        sets.extend(ov.sets.iter().map(|s| ("--set".to_string(), s.clone())));
        let mut errs = InputErrors::default();
        for (flag, text) in &sets {
            if let Err(e) = self.set(flag, text) {
                errs.push(e);
            }
        }
        if errs.is_empty() { Ok(()) } else { Err(Error::Input(errs)) }
    }

    /// Validate and build the scenario (with its reference, when the document differs
    /// from the root of its chain).
    pub fn build(&self) -> Result<Scenario, Error> {
        let mut sc = build(&self.tree, self.sources.clone(), &self.default_name)?;
        if self.changed {
            // the root is valid on its own whenever the document is (errors would have been
            // reported above); a reference that does not build is simply not used
            sc.reference = build(&self.root, self.sources.clone(), &self.default_name).ok().map(Box::new);
        }
        Ok(sc)
    }
}

/// A number as TOML text that parses back to the same `f64` (Rust's shortest round-trip
/// formatting; whole numbers without a fraction so integer keys accept them).
pub fn number_text(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 { format!("{}", v as i64) } else { format!("{v:?}") }
}

/// Read a scenario file (following `extends`), apply overrides, validate.
pub fn load(path: &Path, ov: &Overrides) -> Result<Scenario, Error> {
    let mut doc = Document::open(path)?;
    doc.apply(ov)?;
    doc.build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_text_round_trips() {
        for v in [0.0, 1.0, -3.0, 0.1, 0.30000000000000004, 1e-9, 123456.789, 5.0e20, 64.0] {
            let t = number_text(v);
            let back: f64 = t.parse().unwrap();
            assert_eq!(back.to_bits(), v.to_bits(), "{v} -> {t}");
        }
        assert_eq!(number_text(3.0), "3");
        assert_eq!(number_text(0.25), "0.25");
    }
}
