//! Output folders written as one set by one writer (docs/OUTPUTS.md, "How a folder is
//! replaced").
//!
//! A command locks the folder ([`Lock`]), writes every file into a hidden staging folder
//! inside it (`.cyberdip-staging-PID`), and only at the end replaces the folder's files:
//! it deletes the old record (manifest.json, shard.json or index.html), deletes the old
//! set's files that the new set does not have (an older run's events.csv, say), moves the
//! new files in and moves the new record in last. The record lists every file of the set
//! with its size and digest, so a reader that trusts only the record never mixes two sets:
//! a folder without its record is one whose replacement was cut short, and readers say so.
//! Nothing else in the folder (your notes, a report/ sub-folder, other outputs) is touched.
//!
//! The replacement is a handful of renames done while Ctrl-C waits ([`interrupt::critical`]);
//! an interruption before it removes the staging folder and leaves the old set as it was.
//! Leftovers of a killed process (staging folders, temporary files) are removed by the next
//! command that locks the folder.

use super::digest::Digest;
use super::interrupt::{self, Note, Tracked};
use super::lock::{LOCK_FILE, Lock};
use crate::error::{Error, InputError};
use std::path::{Path, PathBuf};

/// Prefix of a staging folder's name.
pub const STAGING: &str = ".cyberdip-staging-";

/// Every file name cyberdip writes into a results folder: what a new set replaces.
pub const RESULT_FILES: &[&str] = &[
    "runs.csv",
    "summary.csv",
    "states.csv",
    "events.csv",
    "timeseries.csv",
    "points.csv",
    "sensitivity.csv",
    "sensitivity_s2.csv",
    "exercise.json",
    "shard.json",
    "posterior.csv",
    "fit.csv",
    "generations.csv",
    "validation.md",
    "manifest.json",
];

/// What a folder holds, which decides the old files a new set replaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Results of run, sweep, merge or one shard: [`RESULT_FILES`].
    Results,
    /// A report: index.html and its SVG charts.
    Report,
}

impl Kind {
    fn owns(self, name: &str) -> bool {
        match self {
            Kind::Results => RESULT_FILES.contains(&name),
            Kind::Report => name == "index.html" || (name.ends_with(".svg") && !name.starts_with('.')),
        }
    }
}

/// An output folder being written: locked, with its staging folder.
pub struct OutputDir {
    target: PathBuf,
    staging: PathBuf,
    kind: Kind,
    files: Vec<(String, Digest)>,
    // dropped in this order: forget the note, stop tracking, then unlock
    _note: Note,
    _tracked: Tracked,
    _lock: Lock,
}

/// True for a leftover of a killed process: a staging folder or a temporary file.
fn is_leftover(name: &str) -> bool {
    name.starts_with(STAGING) || (name.starts_with('.') && name.contains(".tmp-"))
}

impl OutputDir {
    /// Lock `target` (creating it), remove leftovers of killed processes, make the staging
    /// folder. `target` being a file, or locked by another command, is an input error.
    pub fn begin(target: &Path, kind: Kind, command: &[String]) -> Result<OutputDir, Error> {
        if target.exists() && !target.is_dir() {
            return Err(Error::input(
                InputError::file(target.display().to_string(), "the output folder is a file, not a folder")
                    .help("give a folder (it is created if missing), e.g. --out out/run1"),
            ));
        }
        std::fs::create_dir_all(target)
            .map_err(|e| Error::run(format!("cannot create output folder {}", target.display()), e))?;
        let lock = Lock::acquire(target, command)?;
        // we hold the lock: any staging folder or temporary file here is a dead process's
        if let Ok(entries) = std::fs::read_dir(target) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if is_leftover(&name) {
                    let p = e.path();
                    let _ = if p.is_dir() { std::fs::remove_dir_all(&p) } else { std::fs::remove_file(&p) };
                }
            }
        }
        let staging = target.join(format!("{STAGING}{}", std::process::id()));
        let tracked = interrupt::track(staging.clone());
        std::fs::create_dir(&staging).map_err(|e| Error::run(format!("cannot create {}", staging.display()), e))?;
        let shown = target.display().to_string();
        let had = kind_record(kind).iter().any(|r| target.join(r).is_file());
        let note = interrupt::note(move || {
            if had {
                format!("{shown}: its previous results are kept, unchanged")
            } else {
                format!("{shown}: no results were written there (it had none before)")
            }
        });
        Ok(OutputDir {
            target: target.to_path_buf(),
            staging,
            kind,
            files: Vec::new(),
            _note: note,
            _tracked: tracked,
            _lock: lock,
        })
    }

    /// The folder being replaced.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Where the new files are written.
    pub fn staging(&self) -> &Path {
        &self.staging
    }

    /// Path of the new file `name` (in the staging folder).
    pub fn path(&self, name: &str) -> PathBuf {
        self.staging.join(name)
    }

    /// Record a file written to [`OutputDir::path`] for the record's file list.
    pub fn add(&mut self, name: &str, digest: Digest) {
        self.files.push((name.to_string(), digest));
    }

    /// Write `bytes` as the new file `name` and record it.
    pub fn write(&mut self, name: &str, bytes: &[u8]) -> Result<(), Error> {
        let d = super::atomic::write(&self.path(name), bytes)?;
        self.add(name, d);
        Ok(())
    }

    /// `{"runs.csv": {"bytes": …, "fnv1a64": …}, …}` of the files recorded so far.
    pub fn files_json(&self) -> serde_json::Value {
        let mut m = serde_json::Map::new();
        for (n, d) in &self.files {
            m.insert(n.clone(), d.json());
        }
        serde_json::Value::Object(m)
    }

    /// Replace the folder's set with the staged files; `record` (already staged) goes in
    /// last. Other files of the folder are left alone.
    pub fn commit(self, record: &str) -> Result<(), Error> {
        let fail = |what: String, e: std::io::Error| Error::run(what, e);
        let mut staged: Vec<String> = std::fs::read_dir(&self.staging)
            .map_err(|e| fail(format!("cannot list {}", self.staging.display()), e))?
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.'))
            .collect();
        staged.sort();
        if !staged.iter().any(|n| n == record) {
            return Err(Error::failed(format!("internal: {record} was not written before the commit")));
        }
        let old: Vec<String> = std::fs::read_dir(&self.target)
            .map_err(|e| fail(format!("cannot list {}", self.target.display()), e))?
            .flatten()
            .filter(|e| e.path().is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| self.kind.owns(n) && n != LOCK_FILE)
            .collect();
        let (target, staging) = (&self.target, &self.staging);
        let done = interrupt::critical(|| -> Result<(), Error> {
            let old_record = target.join(record);
            if old_record.exists() {
                std::fs::remove_file(&old_record)
                    .map_err(|e| fail(format!("cannot remove {}", old_record.display()), e))?;
            }
            for n in old.iter().filter(|n| !staged.contains(n)) {
                let p = target.join(n);
                std::fs::remove_file(&p).map_err(|e| fail(format!("cannot remove {}", p.display()), e))?;
            }
            for n in staged.iter().filter(|n| *n != record).chain([&record.to_string()]) {
                let (from, to) = (staging.join(n), target.join(n));
                std::fs::rename(&from, &to)
                    .map_err(|e| fail(format!("cannot move {} to {}", from.display(), to.display()), e))?;
            }
            sync_dir(target);
            Ok(())
        });
        match done {
            Some(r) => r?,
            None => return Err(Error::failed("interrupted")),
        }
        let _ = std::fs::remove_dir_all(&self.staging);
        Ok(())
    }
}

/// The record file names a folder of `kind` may hold.
fn kind_record(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Results => &["manifest.json", "shard.json"],
        Kind::Report => &["index.html"],
    }
}

/// Make the renames durable (a no-op where folders cannot be synced).
fn sync_dir(dir: &Path) {
    if let Ok(f) = std::fs::File::open(dir) {
        let _ = f.sync_all();
    }
}

impl Drop for OutputDir {
    fn drop(&mut self) {
        // not committed (an error): the old set stays; the staging folder goes
        if self.staging.exists() {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// State of a results folder as a reader sees it.
#[derive(Debug)]
pub enum Set {
    /// A record lists the files of the set: (name, digest when recorded) for each.
    Listed(Vec<(String, Option<Digest>)>),
    /// No record, and no sign of an unfinished replacement: files are read as found (a
    /// folder from another tool or an older version).
    Unlisted,
}

/// What a reader may trust in results folder `dir` whose record is `record`
/// (manifest.json or shard.json): the files the record lists. A folder whose record is
/// missing while a staging folder is there had its replacement cut short: an error.
pub fn read_set(dir: &Path, record: &str) -> Result<Set, String> {
    let rec = dir.join(record);
    let text = match std::fs::read(&rec) {
        Ok(t) => t,
        Err(_) => {
            let unfinished = std::fs::read_dir(dir)
                .map(|r| r.flatten().any(|e| e.file_name().to_string_lossy().starts_with(STAGING)))
                .unwrap_or(false);
            if unfinished {
                return Err(format!(
                    "{} is incomplete: a command writing it was stopped before it finished (no {record}); \
                     run that command again",
                    dir.display()
                ));
            }
            return Ok(Set::Unlisted);
        }
    };
    let v: serde_json::Value =
        serde_json::from_slice(&text).map_err(|e| format!("{}: invalid JSON: {e}", rec.display()))?;
    let mut out = Vec::new();
    if let Some(files) = v.get("files").and_then(|f| f.as_object()) {
        for (name, d) in files {
            let bytes = d.get("bytes").and_then(serde_json::Value::as_u64);
            let hash = d.get("fnv1a64").and_then(serde_json::Value::as_str);
            out.push((name.clone(), bytes.zip(hash).and_then(|(b, h)| Digest::from_parts(b, h))));
        }
        out.push((record.to_string(), None));
    } else if let Some(list) = v.get("outputs").and_then(|f| f.as_array()) {
        // version 0.2.0 manifests: names only
        out.extend(list.iter().filter_map(|x| x.as_str()).map(|n| (n.to_string(), None)));
    } else {
        return Ok(Set::Unlisted);
    }
    for (name, d) in &out {
        if name.contains('/') || name.contains('\\') || name.starts_with('.') {
            return Err(format!("{} names a file outside its folder: {name}", rec.display()));
        }
        let p = dir.join(name);
        let len = std::fs::metadata(&p).map(|m| m.len());
        match (len, d) {
            (Err(_), _) => {
                return Err(format!(
                    "{} lists {name}, which is missing: the folder was changed after the run",
                    rec.display()
                ));
            }
            (Ok(n), Some(d)) if n != d.bytes() => {
                return Err(format!(
                    "{name} in {} has {n} bytes where {record} records {}: the file was changed after the run",
                    dir.display(),
                    d.bytes()
                ));
            }
            _ => {}
        }
    }
    Ok(Set::Listed(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> =
            std::fs::read_dir(dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    }

    fn set(dir: &Path, files: &[(&str, &str)]) {
        let mut o = OutputDir::begin(dir, Kind::Results, &["test".into()]).unwrap();
        for (n, t) in files {
            o.write(n, t.as_bytes()).unwrap();
        }
        let json = serde_json::json!({ "files": o.files_json() });
        o.write("manifest.json", json.to_string().as_bytes()).unwrap();
        o.commit("manifest.json").unwrap();
    }

    #[test]
    fn a_new_set_replaces_the_old_one_whole_and_leaves_other_files_alone() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("notes.txt"), "mine").unwrap();
        set(d.path(), &[("runs.csv", "a\n"), ("events.csv", "e\n")]);
        assert_eq!(names(d.path()), ["events.csv", "manifest.json", "notes.txt", "runs.csv"]);
        set(d.path(), &[("runs.csv", "b\n")]);
        assert_eq!(names(d.path()), ["manifest.json", "notes.txt", "runs.csv"]);
        let Set::Listed(files) = read_set(d.path(), "manifest.json").unwrap() else { panic!() };
        assert_eq!(files.len(), 2);
        std::fs::write(d.path().join("runs.csv"), "changed\n").unwrap();
        assert!(read_set(d.path(), "manifest.json").unwrap_err().contains("changed after the run"));
    }

    #[test]
    fn an_uncommitted_folder_keeps_the_old_set_and_leftovers_are_removed() {
        let d = tempfile::tempdir().unwrap();
        set(d.path(), &[("runs.csv", "a\n")]);
        {
            let mut o = OutputDir::begin(d.path(), Kind::Results, &["test".into()]).unwrap();
            o.write("runs.csv", b"half").unwrap();
        } // dropped without commit
        assert_eq!(names(d.path()), ["manifest.json", "runs.csv"]);
        assert_eq!(std::fs::read(d.path().join("runs.csv")).unwrap(), b"a\n");
        std::fs::create_dir(d.path().join(".cyberdip-staging-999999")).unwrap();
        std::fs::write(d.path().join(".runs.csv.tmp-999999"), "x").unwrap();
        std::fs::remove_file(d.path().join("manifest.json")).unwrap();
        assert!(read_set(d.path(), "manifest.json").unwrap_err().contains("incomplete"));
        set(d.path(), &[("runs.csv", "b\n")]);
        assert_eq!(names(d.path()), ["manifest.json", "runs.csv"]);
    }

    #[test]
    fn a_file_given_as_the_folder_is_an_input_error() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("file");
        std::fs::write(&f, "x").unwrap();
        let e = OutputDir::begin(&f, Kind::Results, &[]).err().unwrap();
        assert_eq!(e.exit_code(), 2);
    }
}
