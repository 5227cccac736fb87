//! Reading one output folder: every file streamed once, aggregated as it goes, keeping only
//! what the charts need.

use super::error::ReportError;
use super::metrics::{self, FOCUS_COMPARE, HEADLINE, KEY_SERIES, STATE_SERIES};
use super::stats::{self, Reservoir, Spread, Welford};
use crate::output::folder::{Set, read_set};
use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::path::{Path, PathBuf};

/// Values kept per (metric, month) for percentiles; beyond this a fixed-seed uniform sample.
pub(super) const SAMPLE_CAP: usize = 4000;

/// Everything the report uses from one input folder (or from runs gathered in memory).
#[derive(Clone)]
pub(super) struct Folder {
    pub dir: PathBuf,
    /// Name in legends and tables (unique among the inputs).
    pub label: String,
    pub scenario: String,
    pub manifest: Option<Manifest>,
    pub exercise: Option<Exercise>,
    pub runs: Runs,
    pub summary: Option<Summary>,
    pub series: Option<Series>,
    pub timeline: Option<Timeline>,
    pub sensitivity: Option<Sensitivity>,
}

/// The parts of manifest.json shown in the header.
#[derive(Debug, Clone, Default)]
pub(super) struct Manifest {
    pub scenario: Option<String>,
    /// The sweep's name, for a sweep's folder.
    pub sweep: Option<String>,
    pub seed: Option<String>,
    pub runs: Option<u64>,
    pub ticks: Option<u64>,
}

/// exercise.json: a class exercise built on the scenario.
#[derive(Debug, Clone, Default)]
pub(super) struct Exercise {
    pub title: String,
    pub briefing: String,
    pub goals: Vec<String>,
    pub questions: Vec<String>,
    pub teacher_notes: String,
    pub choice: Option<String>,
    /// The choice's short name alone ("restraint").
    pub choice_name: Option<String>,
}

/// runs.csv, aggregated.
#[derive(Clone)]
pub(super) struct Runs {
    /// Metric columns in file order.
    pub metrics: Vec<String>,
    /// Mean and variance per metric (same order), finite values only.
    pub stats: Vec<Welford>,
    /// All finite values of the charted metrics, sorted.
    pub kept: BTreeMap<String, Vec<f64>>,
    /// (point, run, attacks) of every row, to find a typical run.
    pub attacks: Vec<(u64, u64, f64)>,
    pub rows: u64,
    pub points: BTreeSet<u64>,
    pub scenario: Option<String>,
    pub seed: Option<String>,
}

impl Runs {
    pub fn stat(&self, metric: &str) -> Option<&Welford> {
        self.metrics.iter().position(|m| m == metric).map(|i| &self.stats[i])
    }
}

/// One row of summary.csv.
#[derive(Debug, Clone, Copy)]
pub(super) struct SummaryRow {
    pub mean: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    pub p05: f64,
    pub p50: f64,
    pub p95: f64,
}

/// summary.csv: rows by metric, kept only when the folder has a single sweep point.
#[derive(Clone)]
pub(super) struct Summary {
    pub points: usize,
    pub rows: BTreeMap<String, SummaryRow>,
}

/// Median and 5–95% band of one metric in one month, across runs.
#[derive(Debug, Clone, Copy)]
pub(super) struct TickStat {
    pub tick: u64,
    pub p05: f64,
    pub p50: f64,
    pub p95: f64,
}

/// timeseries.csv, reduced to percentiles per month.
#[derive(Clone)]
pub(super) struct Series {
    pub metrics: BTreeMap<String, Vec<TickStat>>,
    /// Focus states in order of first appearance.
    pub states: Vec<String>,
    pub max_tick: u64,
    /// Percentiles come from a sample of the runs (more than [`SAMPLE_CAP`] values per month).
    pub sampled: bool,
}

/// One event of events.csv.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Event {
    pub tick: u64,
    pub kind: String,
    pub actor: String,
    pub target: String,
    pub op_type: String,
    pub severity: Option<u32>,
    pub success: Option<bool>,
    pub attributed: Option<bool>,
    pub response: String,
    pub value: Option<f64>,
    pub injected: bool,
    pub detail: String,
}

/// The events of the typical run.
#[derive(Clone)]
pub(super) struct Timeline {
    pub point: u64,
    pub run: u64,
    /// Why this run: "attacks = 183, median 180".
    pub why: String,
    pub events: Vec<Event>,
}

/// sensitivity.csv.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SensKind {
    Sobol,
    Morris,
}

/// One row of sensitivity.csv. Sobol: first = S1, second = ST. Morris: first = μ*,
/// second = σ (no interval).
#[derive(Debug, Clone)]
pub(super) struct SensRow {
    pub metric: String,
    pub parameter: String,
    pub first: f64,
    pub first_ci: (f64, f64),
    pub second: f64,
    pub second_ci: Option<(f64, f64)>,
}

#[derive(Clone)]
pub(super) struct Sensitivity {
    pub kind: SensKind,
    pub rows: Vec<SensRow>,
}

/// Metrics of runs.csv whose values are kept (distributions, key numbers).
fn keep_runs_metric(name: &str) -> bool {
    HEADLINE.contains(&name) || metrics::split_focus(name).is_some_and(|(_, s)| FOCUS_COMPARE.contains(&s))
}

/// Metrics of timeseries.csv that are charted.
pub(super) fn keep_series_metric(name: &str) -> bool {
    KEY_SERIES.contains(&name) || metrics::split_focus(name).is_some_and(|(_, s)| STATE_SERIES.contains(&s))
}

struct Csv {
    path: PathBuf,
    reader: csv::Reader<File>,
    headers: Vec<String>,
}

impl Csv {
    fn open(path: &Path) -> Result<Csv, ReportError> {
        let file = File::open(path).map_err(|e| ReportError::io(path, e))?;
        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(file);
        let headers = reader
            .headers()
            .map_err(|e| ReportError::from_csv(path, &e))?
            .iter()
            .map(|h| h.trim().to_string())
            .collect();
        Ok(Csv { path: path.to_path_buf(), reader, headers })
    }

    fn col(&self, name: &str) -> Result<usize, ReportError> {
        self.opt_col(name)
            .ok_or_else(|| ReportError::MissingColumn { path: self.path.clone(), column: name.to_string() })
    }

    fn opt_col(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    /// Calls `f` with each record and its line number.
    fn each(&mut self, mut f: impl FnMut(&csv::ByteRecord, u64) -> Result<(), ReportError>) -> Result<(), ReportError> {
        let mut rec = csv::ByteRecord::new();
        loop {
            match self.reader.read_byte_record(&mut rec) {
                Ok(false) => return Ok(()),
                Ok(true) => {
                    let line = rec.position().map_or(0, csv::Position::line);
                    f(&rec, line)?;
                }
                Err(e) => return Err(ReportError::from_csv(&self.path, &e)),
            }
        }
    }
}

fn text<'a>(path: &Path, rec: &'a csv::ByteRecord, i: usize, line: u64) -> Result<&'a str, ReportError> {
    let b = rec.get(i).unwrap_or_default();
    std::str::from_utf8(b).map(str::trim).map_err(|_| ReportError::csv(path, line, "text is not valid UTF-8"))
}

fn opt_text(rec: &csv::ByteRecord, i: Option<usize>) -> String {
    i.and_then(|i| rec.get(i)).map(|b| String::from_utf8_lossy(b).trim().to_string()).unwrap_or_default()
}

/// A number, or None when the field is empty.
fn number(
    path: &Path,
    headers: &[String],
    rec: &csv::ByteRecord,
    i: usize,
    line: u64,
) -> Result<Option<f64>, ReportError> {
    let s = text(path, rec, i, line)?;
    if s.is_empty() {
        return Ok(None);
    }
    s.parse::<f64>().map(Some).map_err(|_| {
        ReportError::csv(path, line, format!("column `{}`: `{s}` is not a number", headers.get(i).map_or("?", |h| h)))
    })
}

fn whole(path: &Path, headers: &[String], rec: &csv::ByteRecord, i: usize, line: u64) -> Result<u64, ReportError> {
    let s = text(path, rec, i, line)?;
    s.parse::<u64>().map_err(|_| {
        ReportError::csv(
            path,
            line,
            format!("column `{}`: `{s}` is not a whole number", headers.get(i).map_or("?", |h| h)),
        )
    })
}

fn finite(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite())
}

/// Read one folder. `runs.csv` is required; every other file is optional.
pub(super) fn read_folder(dir: &Path) -> Result<Folder, ReportError> {
    if !dir.is_dir() {
        return Err(ReportError::io(dir, "not a folder (or it does not exist)"));
    }
    // Trust only the files manifest.json lists (with their recorded sizes): an optional file
    // left by an older run, or a set whose replacement was cut short, is never read.
    let listed: Option<Vec<String>> = match read_set(dir, "manifest.json") {
        Ok(Set::Listed(files)) => Some(files.into_iter().map(|f| f.0).collect()),
        Ok(Set::Unlisted) => None,
        Err(message) => return Err(ReportError::Inconsistent { message }),
    };
    let trusted = |name: &str| listed.as_ref().is_none_or(|l| l.iter().any(|n| n == name));
    let runs_path = dir.join("runs.csv");
    if !runs_path.is_file() || !trusted("runs.csv") {
        return Err(ReportError::MissingRuns { dir: dir.to_path_buf() });
    }
    let optional = |name: &str| trusted(name).then(|| dir.join(name)).filter(|p| p.is_file());
    let manifest = optional("manifest.json").map(|p| read_manifest(&p)).transpose()?;
    let exercise = optional("exercise.json").map(|p| read_exercise(&p)).transpose()?;
    let runs = read_runs(&runs_path)?;
    let summary = optional("summary.csv").map(|p| read_summary(&p)).transpose()?;
    let series = optional("timeseries.csv").map(|p| read_series(&p)).transpose()?;
    let timeline = optional("events.csv").map(|p| read_timeline(&p, &runs)).transpose()?;
    let sensitivity = optional("sensitivity.csv").map(|p| read_sensitivity(&p)).transpose()?;
    let scenario = manifest
        .as_ref()
        .and_then(|m| m.scenario.clone())
        .or_else(|| runs.scenario.clone())
        .unwrap_or_else(|| folder_name(dir));
    Ok(Folder {
        dir: dir.to_path_buf(),
        label: scenario.clone(),
        scenario,
        manifest,
        exercise,
        runs,
        summary,
        series,
        timeline,
        sensitivity,
    })
}

pub(super) fn folder_name(dir: &Path) -> String {
    dir.file_name().map_or_else(|| dir.display().to_string(), |n| n.to_string_lossy().into_owned())
}

fn read_json(path: &Path) -> Result<serde_json::Value, ReportError> {
    let bytes = std::fs::read(path).map_err(|e| ReportError::io(path, e))?;
    serde_json::from_slice(&bytes).map_err(|e| ReportError::Json { path: path.to_path_buf(), message: e.to_string() })
}

fn json_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

fn read_manifest(path: &Path) -> Result<Manifest, ReportError> {
    let v = read_json(path)?;
    Ok(Manifest {
        scenario: v.get("scenario").and_then(json_text),
        sweep: v.get("sweep").and_then(json_text),
        seed: v.get("seed").and_then(json_text),
        runs: v.get("runs").and_then(serde_json::Value::as_u64),
        ticks: v.get("ticks").and_then(serde_json::Value::as_u64),
    })
}

fn read_exercise(path: &Path) -> Result<Exercise, ReportError> {
    let v = read_json(path)?;
    if !v.is_object() {
        return Err(ReportError::Json { path: path.to_path_buf(), message: "expected an object".into() });
    }
    let s = |k: &str| v.get(k).and_then(json_text).unwrap_or_default();
    let list = |k: &str| match v.get(k) {
        Some(serde_json::Value::Array(a)) => a.iter().filter_map(json_text).collect(),
        Some(other) => json_text(other).into_iter().collect(),
        None => Vec::new(),
    };
    let (choice, choice_name) = match v.get("choice") {
        Some(serde_json::Value::Object(o)) => {
            let name = o.get("name").and_then(json_text);
            let full = match (name.clone(), o.get("description").and_then(json_text)) {
                (Some(n), Some(d)) => Some(format!("{n}: {d}")),
                (n, d) => n.or(d),
            };
            (full, name)
        }
        Some(other) => (json_text(other), json_text(other)),
        None => (None, None),
    };
    Ok(Exercise {
        title: s("title"),
        briefing: s("briefing"),
        goals: list("goals"),
        questions: list("questions"),
        teacher_notes: s("teacher_notes"),
        choice,
        choice_name,
    })
}

/// runs.csv aggregated row by row, from the file or from runs in memory.
pub(super) struct RunsAcc {
    metrics: Vec<String>,
    /// Slot in `kept_values` of each metric whose values are kept.
    keep: Vec<Option<usize>>,
    kept_values: Vec<Vec<f64>>,
    i_attacks: Option<usize>,
    stats: Vec<Welford>,
    attacks: Vec<(u64, u64, f64)>,
    rows: u64,
    points: BTreeSet<u64>,
    row: (u64, u64),
    pub scenario: Option<String>,
    pub seed: Option<String>,
}

impl RunsAcc {
    /// Metric columns in file order.
    pub fn new(metrics: Vec<String>) -> RunsAcc {
        let mut n = 0;
        let keep: Vec<Option<usize>> = metrics
            .iter()
            .map(|m| {
                keep_runs_metric(m).then(|| {
                    n += 1;
                    n - 1
                })
            })
            .collect();
        RunsAcc {
            kept_values: vec![Vec::new(); n],
            keep,
            i_attacks: metrics.iter().position(|m| m == "attacks"),
            stats: vec![Welford::default(); metrics.len()],
            metrics,
            attacks: Vec::new(),
            rows: 0,
            points: BTreeSet::new(),
            row: (0, 0),
            scenario: None,
            seed: None,
        }
    }

    /// Number of rows so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Start a row; its values follow through [`RunsAcc::value`].
    pub fn row(&mut self, point: u64, run: u64) {
        self.rows += 1;
        self.points.insert(point);
        self.row = (point, run);
    }

    /// Metric `k` of the current row (None or not finite: no value).
    pub fn value(&mut self, k: usize, x: Option<f64>) {
        let Some(x) = finite(x) else { return };
        self.stats[k].push(x);
        if let Some(j) = self.keep[k] {
            self.kept_values[j].push(x);
        }
        if Some(k) == self.i_attacks {
            self.attacks.push((self.row.0, self.row.1, x));
        }
    }

    /// The aggregate, or None when no row was seen.
    pub fn finish(mut self) -> Option<Runs> {
        if self.rows == 0 {
            return None;
        }
        let mut kept = BTreeMap::new();
        for (k, m) in self.metrics.iter().enumerate() {
            if let Some(j) = self.keep[k] {
                let mut v = std::mem::take(&mut self.kept_values[j]);
                stats::sort(&mut v);
                kept.insert(m.clone(), v);
            }
        }
        Some(Runs {
            metrics: self.metrics,
            stats: self.stats,
            kept,
            attacks: self.attacks,
            rows: self.rows,
            points: self.points,
            scenario: self.scenario,
            seed: self.seed,
        })
    }
}

fn read_runs(path: &Path) -> Result<Runs, ReportError> {
    let mut csv = Csv::open(path)?;
    let (i_point, i_run) = (csv.col("point")?, csv.col("run")?);
    let (i_scen, i_seed) = (csv.opt_col("scenario"), csv.opt_col("seed"));
    let ids = ["scenario", "point", "run", "seed"];
    let cols: Vec<usize> = (0..csv.headers.len()).filter(|&i| !ids.contains(&csv.headers[i].as_str())).collect();
    let mut acc = RunsAcc::new(cols.iter().map(|&i| csv.headers[i].clone()).collect());
    let headers = csv.headers.clone();
    csv.each(|rec, line| {
        let point = whole(path, &headers, rec, i_point, line)?;
        let run = whole(path, &headers, rec, i_run, line)?;
        if acc.rows() == 0 {
            acc.scenario = i_scen.map(|i| opt_text(rec, Some(i))).filter(|s| !s.is_empty());
            acc.seed = i_seed.map(|i| opt_text(rec, Some(i))).filter(|s| !s.is_empty());
        }
        acc.row(point, run);
        for (k, &i) in cols.iter().enumerate() {
            acc.value(k, number(path, &headers, rec, i, line)?);
        }
        Ok(())
    })?;
    acc.finish().ok_or_else(|| ReportError::NoRuns { path: path.to_path_buf() })
}

fn read_summary(path: &Path) -> Result<Summary, ReportError> {
    let mut csv = Csv::open(path)?;
    let names = ["point", "metric", "mean", "ci95_low", "ci95_high", "p05", "p50", "p95"];
    let mut idx = [0usize; 8];
    for (k, n) in names.iter().enumerate() {
        idx[k] = csv.col(n)?;
    }
    let headers = csv.headers.clone();
    let mut points = BTreeSet::new();
    let mut rows = BTreeMap::new();
    csv.each(|rec, line| {
        let point = whole(path, &headers, rec, idx[0], line)?;
        points.insert(point);
        let metric = text(path, rec, idx[1], line)?.to_string();
        let num = |k: usize| number(path, &headers, rec, idx[k], line).map(|v| v.unwrap_or(f64::NAN));
        let row =
            SummaryRow { mean: num(2)?, ci_low: num(3)?, ci_high: num(4)?, p05: num(5)?, p50: num(6)?, p95: num(7)? };
        rows.entry(metric).or_insert(row);
        Ok(())
    })?;
    if points.len() > 1 {
        rows.clear();
    }
    Ok(Summary { points: points.len(), rows })
}

/// timeseries.csv aggregated value by value, from the file or from runs in memory: a
/// fixed-seed reservoir of values per charted metric and month.
#[derive(Default)]
pub(super) struct SeriesAcc {
    names: Vec<String>,
    data: Vec<Vec<Reservoir>>,
    max_tick: u64,
}

impl SeriesAcc {
    /// The slot of a metric if it is charted (register each name once, then push by slot).
    pub fn slot(&mut self, name: &str) -> Option<usize> {
        keep_series_metric(name).then(|| {
            self.names.push(name.to_string());
            self.data.push(Vec::new());
            self.names.len() - 1
        })
    }

    /// A row of month `tick` was seen (charted or not).
    pub fn tick(&mut self, tick: u64) {
        self.max_tick = self.max_tick.max(tick);
    }

    /// A value of the metric in `slot` in month `tick` (not finite: ignored).
    pub fn push(&mut self, slot: usize, tick: usize, v: Option<f64>) {
        let Some(v) = finite(v) else { return };
        let per_tick = &mut self.data[slot];
        if per_tick.len() <= tick {
            per_tick.resize_with(tick + 1, || Reservoir::new(SAMPLE_CAP));
        }
        per_tick[tick].push(v);
    }

    /// Percentiles per month.
    pub fn finish(self) -> Series {
        let mut metrics = BTreeMap::new();
        let mut states: Vec<String> = Vec::new();
        let mut sampled = false;
        for (name, per_tick) in self.names.into_iter().zip(self.data) {
            if let Some((id, _)) = metrics::split_focus(&name) {
                if !states.iter().any(|s| s == id) {
                    states.push(id.to_string());
                }
            }
            let mut out = Vec::new();
            for (t, mut r) in per_tick.into_iter().enumerate() {
                if r.values.is_empty() {
                    continue;
                }
                sampled |= r.sampled();
                stats::sort(&mut r.values);
                let s = Spread::of_sorted(&r.values);
                out.push(TickStat { tick: t as u64, p05: s.p05, p50: s.p50, p95: s.p95 });
            }
            metrics.insert(name, out);
        }
        Series { metrics, states, max_tick: self.max_tick, sampled }
    }
}

fn read_series(path: &Path) -> Result<Series, ReportError> {
    let mut csv = Csv::open(path)?;
    let (i_tick, i_metric, i_value) = (csv.col("tick")?, csv.col("metric")?, csv.col("value")?);
    let headers = csv.headers.clone();
    // Decision per metric name, cached: Some(slot) when charted.
    let mut slots: BTreeMap<Vec<u8>, Option<usize>> = BTreeMap::new();
    let mut acc = SeriesAcc::default();
    csv.each(|rec, line| {
        let m = rec.get(i_metric).unwrap_or_default();
        let slot = match slots.get(m) {
            Some(s) => *s,
            None => {
                let name = std::str::from_utf8(m)
                    .map_err(|_| ReportError::csv(path, line, "text is not valid UTF-8"))?
                    .trim()
                    .to_string();
                let s = acc.slot(&name);
                slots.insert(m.to_vec(), s);
                s
            }
        };
        let tick = whole(path, &headers, rec, i_tick, line)?;
        acc.tick(tick);
        let Some(s) = slot else { return Ok(()) };
        let v = number(path, &headers, rec, i_value, line)?;
        if finite(v).is_some() && tick > 100_000 {
            return Err(ReportError::csv(path, line, format!("tick {tick} is implausibly large")));
        }
        acc.push(s, tick as usize, v);
        Ok(())
    })?;
    Ok(acc.finish())
}

/// The run whose `attacks` is closest to the median (ties: lowest run, then point), and why.
pub(super) fn typical_run(runs: &Runs) -> (u64, u64, String) {
    if runs.attacks.is_empty() {
        return (runs.points.first().copied().unwrap_or(0), 0, "runs.csv has no `attacks` column: first run".into());
    }
    let mut v: Vec<f64> = runs.attacks.iter().map(|a| a.2).collect();
    stats::sort(&mut v);
    let med = stats::quantile(&v, 0.5);
    let best = runs
        .attacks
        .iter()
        .min_by(|a, b| (a.2 - med).abs().total_cmp(&(b.2 - med).abs()).then(a.1.cmp(&b.1)).then(a.0.cmp(&b.0)))
        .copied()
        .unwrap_or((0, 0, 0.0));
    let why = format!(
        "{} cyber operations, closest to the median of all runs ({})",
        super::html::fmt_num(best.2),
        super::html::fmt_num(med)
    );
    (best.0, best.1, why)
}

fn read_timeline(path: &Path, runs: &Runs) -> Result<Timeline, ReportError> {
    let (point, run, why) = typical_run(runs);
    let mut csv = Csv::open(path)?;
    let (i_point, i_run, i_tick, i_kind) = (csv.col("point")?, csv.col("run")?, csv.col("tick")?, csv.col("kind")?);
    let o = |n: &str| csv.opt_col(n);
    let (i_actor, i_target, i_type, i_sev) = (o("actor"), o("target"), o("type"), o("severity"));
    let (i_succ, i_attr, i_resp, i_val) = (o("success"), o("attributed"), o("response"), o("value"));
    let (i_inj, i_detail) = (o("injected"), o("detail"));
    let headers = csv.headers.clone();
    let mut events = Vec::new();
    csv.each(|rec, line| {
        if whole(path, &headers, rec, i_run, line)? != run || whole(path, &headers, rec, i_point, line)? != point {
            return Ok(());
        }
        let flag = |i: Option<usize>| match opt_text(rec, i).as_str() {
            "1" | "true" => Some(true),
            "0" | "false" => Some(false),
            _ => None,
        };
        let num = |i: Option<usize>| match i {
            Some(i) => number(path, &headers, rec, i, line),
            None => Ok(None),
        };
        events.push(Event {
            tick: whole(path, &headers, rec, i_tick, line)?,
            kind: text(path, rec, i_kind, line)?.to_string(),
            actor: opt_text(rec, i_actor),
            target: opt_text(rec, i_target),
            op_type: opt_text(rec, i_type),
            severity: num(i_sev)?.filter(|s| s.is_finite() && *s >= 0.0).map(|s| s.round() as u32),
            success: flag(i_succ),
            attributed: flag(i_attr),
            response: opt_text(rec, i_resp),
            value: finite(num(i_val)?),
            injected: flag(i_inj) == Some(true),
            detail: opt_text(rec, i_detail),
        });
        Ok(())
    })?;
    Ok(Timeline { point, run, why, events })
}

fn read_sensitivity(path: &Path) -> Result<Sensitivity, ReportError> {
    let mut csv = Csv::open(path)?;
    let (i_metric, i_param) = (csv.col("metric")?, csv.col("parameter")?);
    let kind = if csv.opt_col("S1").is_some() {
        SensKind::Sobol
    } else if csv.opt_col("mu_star").is_some() {
        SensKind::Morris
    } else {
        return Err(ReportError::csv(
            path,
            1,
            "unknown layout: expected Sobol columns (S1, ST, …) or Morris columns (mu_star, sigma, …)",
        ));
    };
    let cols: Vec<usize> = match kind {
        SensKind::Sobol => ["S1", "S1_ci_low", "S1_ci_high", "ST", "ST_ci_low", "ST_ci_high"]
            .iter()
            .map(|c| csv.col(c))
            .collect::<Result<_, _>>()?,
        SensKind::Morris => ["mu_star", "mu_star_ci_low", "mu_star_ci_high", "sigma"]
            .iter()
            .map(|c| csv.col(c))
            .collect::<Result<_, _>>()?,
    };
    let headers = csv.headers.clone();
    let mut rows = Vec::new();
    csv.each(|rec, line| {
        let mut v = [f64::NAN; 6];
        for (k, &i) in cols.iter().enumerate() {
            v[k] = number(path, &headers, rec, i, line)?.unwrap_or(f64::NAN);
        }
        rows.push(SensRow {
            metric: text(path, rec, i_metric, line)?.to_string(),
            parameter: text(path, rec, i_param, line)?.to_string(),
            first: v[0],
            first_ci: (v[1], v[2]),
            second: v[3],
            second_ci: (kind == SensKind::Sobol).then_some((v[4], v[5])),
        });
        Ok(())
    })?;
    Ok(Sensitivity { kind, rows })
}
