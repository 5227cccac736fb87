//! Errors of `cyberdip report`: each names the file (or chart) and the problem.

use std::fmt;
use std::path::{Path, PathBuf};

/// Why a report could not be built.
#[derive(Debug)]
pub enum ReportError {
    /// No input folder was given.
    NoInputs,
    /// An input folder has no `runs.csv` (the one file every report needs).
    MissingRuns {
        /// The input folder.
        dir: PathBuf,
    },
    /// A file could not be read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// A CSV file is malformed.
    Csv {
        /// The file.
        path: PathBuf,
        /// 1-based line number (0 when unknown).
        line: u64,
        /// What is wrong with it.
        message: String,
    },
    /// A CSV file lacks a required column.
    MissingColumn {
        /// The file.
        path: PathBuf,
        /// The column.
        column: String,
    },
    /// A JSON file is malformed.
    Json {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// `runs.csv` has a header but no rows.
    NoRuns {
        /// The file.
        path: PathBuf,
    },
    /// A folder's files do not match its manifest.json (a replacement cut short, or a file
    /// changed after the run).
    Inconsistent {
        /// What does not match.
        message: String,
    },
    /// A chart could not be drawn.
    Draw {
        /// File name of the chart.
        chart: String,
        /// The drawing library's message.
        message: String,
    },
}

impl ReportError {
    pub(super) fn io(path: &Path, e: impl fmt::Display) -> ReportError {
        ReportError::Io { path: path.to_path_buf(), message: e.to_string() }
    }

    pub(super) fn csv(path: &Path, line: u64, message: impl Into<String>) -> ReportError {
        ReportError::Csv { path: path.to_path_buf(), line, message: message.into() }
    }

    /// From the csv crate's error: I/O problems stay I/O, the rest carry their line.
    pub(super) fn from_csv(path: &Path, e: &csv::Error) -> ReportError {
        if let csv::ErrorKind::Io(io) = e.kind() {
            return ReportError::io(path, io);
        }
        let line = e.position().map_or(0, csv::Position::line);
        let message = match e.kind() {
            csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
                format!("{len} fields where the header has {expected_len}")
            }
            csv::ErrorKind::Utf8 { .. } => "text is not valid UTF-8".to_string(),
            _ => e.to_string(),
        };
        ReportError::csv(path, line, message)
    }

    pub(super) fn draw(chart: &str, e: impl fmt::Debug) -> ReportError {
        ReportError::Draw { chart: chart.to_string(), message: format!("{e:?}") }
    }
}

impl fmt::Display for ReportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReportError::NoInputs => {
                write!(f, "no input folder given (expected one or more output folders of `cyberdip run`)")
            }
            ReportError::MissingRuns { dir } => write!(
                f,
                "{}: missing runs.csv (is this an output folder of `cyberdip run` or `cyberdip sweep`?)",
                dir.display()
            ),
            ReportError::Io { path, message } => write!(f, "{}: {message}", path.display()),
            ReportError::Csv { path, line, message } if *line > 0 => {
                write!(f, "{}: bad CSV line {line}: {message}", path.display())
            }
            ReportError::Csv { path, message, .. } => write!(f, "{}: bad CSV: {message}", path.display()),
            ReportError::MissingColumn { path, column } => {
                write!(f, "{}: missing column `{column}` in the header", path.display())
            }
            ReportError::Json { path, message } => write!(f, "{}: invalid JSON: {message}", path.display()),
            ReportError::NoRuns { path } => {
                write!(f, "{}: no runs (the file has a header but no rows)", path.display())
            }
            ReportError::Inconsistent { message } => write!(f, "{message}"),
            ReportError::Draw { chart, message } => write!(f, "cannot draw chart {chart}: {message}"),
        }
    }
}

impl std::error::Error for ReportError {}
