//! `cyberdip report DIR... [--out DIR]`: an HTML page with SVG charts built from one or more
//! output folders of `cyberdip run` / `cyberdip sweep`, or from the folder of
//! `cyberdip calibrate` (`calibration`: posterior marginals, fit per target, convergence).
//!
//! - `input`: each folder's files streamed once and aggregated (runs.csv is required,
//!   everything else optional).
//! - `charts`: time series, distributions, scenario comparison, sensitivity, event
//!   timeline — SVG strings drawn with plotters.
//! - `html`: the page, with every chart inline and the tables.
//! - [`live`]: the same aggregates gathered in memory while runs are computed, and the
//!   key numbers, time series and comparison as an HTML fragment (for `cyberdip serve`).
//!
//! Output is deterministic: the same inputs give byte-identical files (no clock, no hash
//! order, fixed-seed sampling). Every file is written to a temporary name and renamed.

mod calibration;
mod charts;
mod error;
mod html;
mod input;
pub mod live;
mod metrics;
mod stats;

#[cfg(test)]
mod tests;

pub use error::ReportError;

use std::path::{Path, PathBuf};

/// Options of `cyberdip report`.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// Page title (default: the exercise title, or the scenario names).
    pub title: Option<String>,
}

/// What [`build`] wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportSummary {
    /// File names of the SVG charts written next to index.html, in page order.
    pub charts: Vec<String>,
    /// Charts skipped and why (also listed on the page).
    pub notes: Vec<String>,
}

/// Rows of the events table.
const EVENT_ROWS: usize = 30;

/// Build `out/index.html` and one SVG per chart from the output folders `inputs` (the
/// first is the reference of comparisons). `out` must exist.
pub fn build(inputs: &[PathBuf], out: &Path, opts: &ReportOptions) -> Result<ReportSummary, ReportError> {
    if inputs.is_empty() {
        return Err(ReportError::NoInputs);
    }
    if !out.is_dir() {
        return Err(ReportError::io(out, "output folder does not exist"));
    }
    if let [dir] = inputs {
        if calibration::is_calibration(dir) {
            return calibration::build(dir, out, opts.title.clone());
        }
    }
    let mut folders = inputs.iter().map(|d| input::read_folder(d)).collect::<Result<Vec<_>, _>>()?;
    label_folders(&mut folders);
    let ticks: Vec<u64> = folders.iter().map(ticks_of).collect();
    let sections = sections(&folders, &ticks)?;
    let title = opts.title.clone().unwrap_or_else(|| default_title(&folders));
    let mut summary = ReportSummary::default();
    for s in &sections {
        for c in &s.charts {
            let name = format!("{}.svg", c.stem);
            write_atomic(&out.join(&name), c.svg.as_bytes())?;
            summary.charts.push(name);
        }
        summary.notes.extend(s.notes.iter().cloned());
    }
    let key_metrics = charts::dist::metrics_to_chart(&folders);
    let page = html::Page { title, folders: &folders, ticks: &ticks, key_metrics: &key_metrics, sections };
    write_atomic(&out.join("index.html"), html::render(&page).as_bytes())?;
    Ok(summary)
}

/// Legend names, short and distinct: the scenario's (or sweep's) name; where several
/// folders share it, the exercise choice or the folder's own name instead
/// ("baseline" and "reform", not "baseline (baseline)" and "baseline (reform)"); a number
/// only if those are the same too.
fn label_folders(folders: &mut [input::Folder]) {
    let base: Vec<String> = folders
        .iter()
        .map(|f| f.manifest.as_ref().and_then(|m| m.sweep.clone()).unwrap_or_else(|| f.scenario.clone()))
        .collect();
    for (i, f) in folders.iter_mut().enumerate() {
        f.label = if base.iter().filter(|n| **n == base[i]).count() > 1 {
            f.exercise
                .as_ref()
                .and_then(|e| e.choice_name.clone())
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| input::folder_name(&f.dir))
        } else {
            base[i].clone()
        };
    }
    let labels: Vec<String> = folders.iter().map(|f| f.label.clone()).collect();
    for (i, f) in folders.iter_mut().enumerate() {
        if labels.iter().filter(|l| **l == labels[i]).count() > 1 {
            f.label = format!("{} #{}", labels[i], i + 1);
        }
    }
}

/// The page title when none is given: the exercise's, a sweep's name and size, or the
/// names of the folders compared.
fn default_title(folders: &[input::Folder]) -> String {
    if let Some(t) = folders.iter().find_map(|f| f.exercise.as_ref().map(|e| e.title.clone())).filter(|t| !t.is_empty())
    {
        return t;
    }
    if let [f] = folders {
        if let Some(sweep) = f.manifest.as_ref().and_then(|m| m.sweep.clone()) {
            return format!(
                "Sweep report: {sweep} (scenario {}, {} points, {} runs)",
                f.scenario,
                f.runs.points.len(),
                f.runs.rows
            );
        }
    }
    let names: Vec<&str> = folders.iter().map(|f| f.label.as_str()).collect();
    let mut scenarios: Vec<&str> = folders.iter().map(|f| f.scenario.as_str()).collect();
    scenarios.dedup();
    match scenarios.as_slice() {
        [one] if folders.len() > 1 && names.iter().all(|n| n != one) => {
            format!("Simulation report: {} (scenario {one})", names.join(" vs "))
        }
        _ => format!("Simulation report: {}", names.join(" vs ")),
    }
}

fn ticks_of(f: &input::Folder) -> u64 {
    f.manifest
        .as_ref()
        .and_then(|m| m.ticks)
        .or_else(|| f.series.as_ref().map(|s| s.max_tick))
        .or_else(|| f.timeline.as_ref().and_then(|t| t.events.iter().map(|e| e.tick).max()))
        .unwrap_or(0)
}

fn sections(folders: &[input::Folder], ticks: &[u64]) -> Result<Vec<html::Section>, ReportError> {
    let mut out = vec![
        timeseries_section(folders)?,
        distributions_section(folders)?,
        comparison_section(folders)?,
        sensitivity_section(folders)?,
        timeline_section(folders, ticks)?,
    ];
    number_sections(&mut out);
    Ok(out)
}

/// "1. Month by month", "2. …": headings numbered in page order.
fn number_sections(sections: &mut [html::Section]) {
    for (i, s) in sections.iter_mut().enumerate() {
        s.heading = format!("{}. {}", i + 1, s.heading);
    }
}

fn timeseries_section(folders: &[input::Folder]) -> Result<html::Section, ReportError> {
    let mut notes = Vec::new();
    let charts = charts::timeseries::charts(folders, &mut notes)?;
    Ok(html::Section {
        id: "timeseries",
        heading: "Month by month".into(),
        intro: "How the world and the focus states change over the simulated months: the line is the typical \
                (median) run, the shaded band the range where most runs fall."
            .into(),
        charts,
        extra: String::new(),
        notes,
    })
}

fn distributions_section(folders: &[input::Folder]) -> Result<html::Section, ReportError> {
    let mut notes = Vec::new();
    let charts = charts::dist::charts(folders, &mut notes)?;
    Ok(html::Section {
        id: "distributions",
        heading: "How much the runs differ".into(),
        intro: if folders.len() > 1 {
            "Outcomes at the end of each run, scenario by scenario: where most runs end up and how far apart they are."
        } else {
            "Outcomes at the end of each run: how often each result occurred across the runs."
        }
        .into(),
        charts,
        extra: String::new(),
        notes,
    })
}

fn comparison_section(folders: &[input::Folder]) -> Result<html::Section, ReportError> {
    let mut notes = Vec::new();
    let (charts, extra) = if folders.len() < 2 {
        notes.push(
            "Scenario comparison skipped: only one folder given (give two or more folders to compare them with the first)."
                .to_string(),
        );
        (Vec::new(), String::new())
    } else {
        let comps = charts::compare::compare(folders);
        if comps.iter().all(|c| c.rows.is_empty()) {
            notes.push(
                "Scenario comparison skipped: the folders have no numeric runs.csv column in common.".to_string(),
            );
            (Vec::new(), String::new())
        } else {
            (charts::compare::forest(folders, &comps, &mut notes)?, html::comparison_tables(folders, &comps))
        }
    };
    Ok(html::Section {
        id: "comparison",
        heading: "Scenarios side by side".into(),
        intro: format!(
            "Each scenario compared with the reference <strong>{}</strong>: is the average outcome higher or lower, \
             and is the difference larger than chance alone would produce?",
            html::escape(&folders[0].label)
        ),
        charts,
        extra,
        notes,
    })
}

fn sensitivity_section(folders: &[input::Folder]) -> Result<html::Section, ReportError> {
    let mut notes = Vec::new();
    let charts = charts::sens::charts(folders, &mut notes)?;
    Ok(html::Section {
        id: "sensitivity",
        heading: "Which parameters matter most".into(),
        intro: "From a parameter sweep: how strongly each outcome reacts to each model parameter. \
                Parameters at the top of a chart matter most for that outcome."
            .into(),
        charts,
        extra: String::new(),
        notes,
    })
}

fn timeline_section(folders: &[input::Folder], ticks: &[u64]) -> Result<html::Section, ReportError> {
    let mut notes = Vec::new();
    let charts = charts::timeline::charts(folders, ticks, &mut notes)?;
    Ok(html::Section {
        id: "timeline",
        heading: "A typical run, event by event".into(),
        intro:
            "One run told as a story: the run whose number of cyber operations is closest to the median of all runs, \
                with its notable events month by month."
                .into(),
        charts,
        extra: html::event_tables(folders, EVENT_ROWS),
        notes,
    })
}

/// Write `bytes` to `target` atomically (temporary file, then rename).
fn write_atomic(target: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    crate::output::atomic::write(target, bytes).map(|_| ()).map_err(|e| ReportError::io(target, e.to_string()))
}
