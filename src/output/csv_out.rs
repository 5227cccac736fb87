//! CSV exporters with the columns of MODEL-BRIEF §5 (documented in docs/OUTPUTS.md).
//! Each writes rows in the order given; callers give run order, so files are identical
//! whatever the thread count.

use super::atomic::AtomicFile;
use super::digest::Digest;
use super::num;
use crate::error::Error;
use crate::metrics::summary::Stats;
use crate::model::record::Event;
use std::path::Path;

/// A CSV file being written atomically.
pub struct CsvFile {
    w: csv::Writer<AtomicFile>,
    path: String,
}

impl CsvFile {
    /// Create `path` and write its header.
    pub fn create(path: &Path, header: &[String]) -> Result<CsvFile, Error> {
        let f = AtomicFile::create(path)?;
        let mut w = csv::WriterBuilder::new().buffer_capacity(1 << 16).from_writer(f);
        let shown = path.display().to_string();
        w.write_record(header).map_err(|e| Error::run(format!("cannot write {shown}"), e))?;
        Ok(CsvFile { w, path: shown })
    }

    /// Write one row.
    pub fn row<I, T>(&mut self, fields: I) -> Result<(), Error>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        self.w.write_record(fields).map_err(|e| Error::run(format!("cannot write {}", self.path), e))
    }

    /// Flush and move into place; returns the digest of the file.
    pub fn commit(self) -> Result<Digest, Error> {
        let path = self.path.clone();
        let f = self.w.into_inner().map_err(|e| Error::run(format!("cannot write {path}"), e.into_error()))?;
        f.commit()
    }
}

/// Header of runs.csv.
pub fn runs_header(metrics: &[String]) -> Vec<String> {
    let mut h: Vec<String> = ["scenario", "point", "run", "seed"].map(String::from).to_vec();
    h.extend(metrics.iter().cloned());
    h
}

/// One runs.csv row.
pub fn runs_row(scenario: &str, point: u64, run: u64, seed: u64, values: &[f64]) -> Vec<String> {
    let mut r = vec![scenario.to_string(), point.to_string(), run.to_string(), seed.to_string()];
    r.extend(values.iter().map(|v| num(*v)));
    r
}

/// Header of summary.csv.
pub const SUMMARY_HEADER: [&str; 15] = [
    "scenario",
    "point",
    "metric",
    "n",
    "mean",
    "sd",
    "ci95_low",
    "ci95_high",
    "min",
    "p05",
    "p25",
    "p50",
    "p75",
    "p95",
    "max",
];

/// One summary.csv row.
pub fn summary_row(scenario: &str, point: u64, metric: &str, s: &Stats) -> Vec<String> {
    let mut r = vec![scenario.to_string(), point.to_string(), metric.to_string(), s.n.to_string()];
    r.extend([s.mean, s.sd, s.ci95_low, s.ci95_high, s.min, s.p05, s.p25, s.p50, s.p75, s.p95, s.max].map(num));
    r
}

/// Header of states.csv.
pub const STATES_HEADER: [&str; 6] = ["scenario", "point", "run", "state", "metric", "value"];

/// Header of events.csv.
pub const EVENTS_HEADER: [&str; 17] = [
    "scenario",
    "point",
    "run",
    "tick",
    "kind",
    "actor",
    "target",
    "type",
    "severity",
    "success",
    "detected",
    "attributed",
    "observed",
    "response",
    "value",
    "injected",
    "detail",
];

fn opt_bool(b: Option<bool>) -> &'static str {
    match b {
        Some(true) => "1",
        Some(false) => "0",
        None => "",
    }
}

/// One events.csv row; `ids` maps state indices to ids.
pub fn event_row(scenario: &str, point: u64, run: u64, e: &Event, ids: &[String]) -> [String; 17] {
    [
        scenario.to_string(),
        point.to_string(),
        run.to_string(),
        e.tick.to_string(),
        e.kind.name.to_string(),
        ids[e.actor as usize].clone(),
        e.target.map_or_else(String::new, |t| ids[t as usize].clone()),
        e.attack.unwrap_or("").to_string(),
        if e.severity > 0 { e.severity.to_string() } else { String::new() },
        opt_bool(e.success).to_string(),
        opt_bool(e.detected).to_string(),
        opt_bool(e.attributed).to_string(),
        opt_bool(e.observed).to_string(),
        e.response.unwrap_or("").to_string(),
        num(e.value),
        if e.injected { "1" } else { "0" }.to_string(),
        e.detail.clone(),
    ]
}

/// Header of timeseries.csv.
pub const SERIES_HEADER: [&str; 6] = ["scenario", "point", "run", "tick", "metric", "value"];
