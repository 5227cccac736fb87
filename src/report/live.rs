//! Results gathered in memory while the runs are computed, for pages that show them at
//! once (`cyberdip serve`): the same aggregates `cyberdip report` reads from an output folder
//! (built by the same accumulators, fed the same values in the same order), so the charts,
//! tables and wording are the report's own.

use super::error::ReportError;
use super::input::{self, Folder, Manifest, RunsAcc, SeriesAcc, Summary, SummaryRow};
use super::{charts, comparison_section, html, number_sections, timeseries_section};
use crate::metrics::summary::Stats;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Aggregates of one scenario's runs, fed run by run in run order (as the writer of
/// runs.csv and timeseries.csv sees them).
pub struct Collector {
    scenario: String,
    seed: u64,
    ticks: u64,
    point: u64,
    runs: RunsAcc,
    series: SeriesAcc,
    /// Slot in `series` of each time-series column, when charted.
    slots: Vec<Option<usize>>,
}

impl Collector {
    /// `metrics`: the runs.csv metric columns; `series`: the timeseries.csv metric names
    /// (`crate::metrics::series_columns`), in the order of each run's series rows.
    pub fn new(scenario: &str, seed: u64, ticks: u64, metrics: &[String], series: &[String]) -> Collector {
        let mut acc = SeriesAcc::default();
        let slots = series.iter().map(|m| acc.slot(m)).collect();
        let mut runs = RunsAcc::new(metrics.to_vec());
        runs.scenario = Some(scenario.to_string());
        runs.seed = Some(seed.to_string());
        Collector { scenario: scenario.to_string(), seed, ticks, point: 0, runs, series: acc, slots }
    }

    /// One run: its runs.csv values and its time series (one row per month, from month 1).
    pub fn run(&mut self, run: u64, metrics: &[f64], series: &[Vec<f64>]) {
        self.runs.row(self.point, run);
        for (k, v) in metrics.iter().enumerate() {
            self.runs.value(k, Some(*v));
        }
        for (t, row) in series.iter().enumerate() {
            let tick = t as u64 + 1;
            for (slot, v) in self.slots.iter().zip(row) {
                self.series.tick(tick);
                if let Some(s) = slot {
                    self.series.push(*s, tick as usize, Some(*v));
                }
            }
        }
    }

    /// The results, named `label` on the page, with the summaries of summary.csv (one per
    /// metric, in the metric order given to [`Collector::new`]). None when no run was fed.
    pub fn finish(self, label: &str, stats: &[Stats]) -> Option<Results> {
        let runs = self.runs.finish()?;
        let rows: BTreeMap<String, SummaryRow> = runs
            .metrics
            .iter()
            .zip(stats)
            .map(|(m, s)| {
                let row = SummaryRow {
                    mean: s.mean,
                    ci_low: s.ci95_low,
                    ci_high: s.ci95_high,
                    p05: s.p05,
                    p50: s.p50,
                    p95: s.p95,
                };
                (m.clone(), row)
            })
            .collect();
        let series = self.series.finish();
        let folder = Folder {
            dir: PathBuf::from(label),
            label: label.to_string(),
            scenario: self.scenario.clone(),
            manifest: Some(Manifest {
                scenario: Some(self.scenario),
                seed: Some(self.seed.to_string()),
                runs: Some(runs.rows),
                ticks: Some(self.ticks),
                sweep: None,
            }),
            exercise: None,
            summary: Some(Summary { points: 1, rows }),
            series: (series.max_tick > 0).then_some(series),
            runs,
            timeline: None,
            sensitivity: None,
        };
        Some(Results { folder })
    }
}

/// One scenario's results, ready to chart.
#[derive(Clone)]
pub struct Results {
    folder: Folder,
}

impl Results {
    /// Read an output folder of `cyberdip run` (as `cyberdip report` does), named `label`.
    pub fn read(dir: &std::path::Path, label: &str) -> Result<Results, ReportError> {
        let mut folder = input::read_folder(dir)?;
        folder.label = label.to_string();
        Ok(Results { folder })
    }

    /// The name shown in legends and tables.
    pub fn label(&self) -> &str {
        &self.folder.label
    }

    /// The same results under another name.
    pub fn with_label(&self, label: &str) -> Results {
        let mut r = self.clone();
        r.folder.label = label.to_string();
        r
    }

    /// Runs aggregated.
    pub fn runs(&self) -> u64 {
        self.folder.runs.rows
    }

    /// Mean of a runs.csv metric (from the summaries when given, else from the runs).
    pub fn mean(&self, metric: &str) -> Option<f64> {
        match self.folder.summary.as_ref().and_then(|s| s.rows.get(metric)) {
            Some(r) => Some(r.mean),
            None => self.folder.runs.stat(metric).map(|w| w.mean()),
        }
    }
}

/// What [`fragment`] drew.
pub struct Fragment {
    /// HTML: the key numbers (headline outcomes with 95% intervals); with two or more
    /// results, "Scenarios side by side" (the forest plot of differences from the first and
    /// the table of every outcome); then "Month by month" (time series with 5–95% bands).
    pub html: String,
    /// Element ids of the charts, in page order.
    pub charts: Vec<String>,
}

/// The report's key numbers, time series and comparison of `results` (the first is the
/// reference) as an HTML fragment, with the report's charts and wording. Labels must be
/// unique (they name the legends).
pub fn fragment(results: &[Results]) -> Result<Fragment, ReportError> {
    if results.is_empty() {
        return Err(ReportError::NoInputs);
    }
    let folders: Vec<Folder> = results.iter().map(|r| r.folder.clone()).collect();
    // the difference from the reference first: it is what a what-if asks
    let mut sections = Vec::new();
    if folders.len() > 1 {
        sections.push(comparison_section(&folders)?);
    }
    sections.push(timeseries_section(&folders)?);
    number_sections(&mut sections);
    let key_metrics = charts::dist::metrics_to_chart(&folders);
    let charts = sections.iter().flat_map(|s| s.charts.iter().map(|c| format!("fig-{}", c.stem))).collect();
    Ok(Fragment { html: html::render_fragment(&folders, &key_metrics, &sections), charts })
}

/// The report's style sheet, for a page that embeds fragments.
pub fn style() -> &'static str {
    html::style()
}
