//! The five tables of `cyberdip run` (runs, summary, states, events, time series) produced
//! in memory: replicates of one scenario computed in parallel batches and handed on in run
//! order, so the values are those the CSV files hold whatever the thread count. The Python
//! package reads [`collect`]'s [`Tables`]; a writer can consume [`produce`]'s batches.
//!
//! Row producer and summaries only: formatting and files belong to the caller.

use crate::core::rng::RunKey;
use crate::error::{Error, Result};
use crate::metrics::summary::{Stats, Summary};
use crate::metrics::{self, Keep, StateColumn};
use crate::model::Model;
use crate::model::record::Event;
use crate::scenario::Scenario;
use rayon::prelude::*;
use std::ops::Range;

/// What one run produced, ready for a table.
#[derive(Clone, Debug)]
pub struct RunRows {
    /// Replicate number.
    pub run: u64,
    /// runs.csv metric values, in [`Layout::columns`] order.
    pub metrics: Vec<f64>,
    /// states.csv values, state-major, in [`Layout::state_columns`] order.
    pub states: Vec<f64>,
    /// Every event, in the order they happened (empty unless kept).
    pub events: Vec<Event>,
    /// One row per tick, in [`Layout::series_columns`] order (empty unless kept).
    pub series: Vec<Vec<f64>>,
}

/// Names and keys shared by every row of one scenario's tables.
#[derive(Clone)]
pub struct Layout {
    /// Scenario name (the `scenario` column).
    pub scenario: String,
    /// Stream point (the `point` column).
    pub point: u64,
    /// Seed (the `seed` column of runs.csv).
    pub seed: u64,
    /// Months per run.
    pub ticks: u32,
    /// State ids, by state index.
    pub ids: Vec<String>,
    /// runs.csv metric columns.
    pub columns: Vec<String>,
    /// states.csv metrics (the `metric` column), per state.
    pub state_columns: Vec<StateColumn>,
    /// timeseries.csv metrics (the `metric` column), per tick.
    pub series_columns: Vec<String>,
}

impl Layout {
    /// The layout of `sc`'s tables at stream point `point`.
    pub fn of(sc: &Scenario, point: u64) -> Layout {
        let ids: Vec<String> = sc.states.iter().map(|s| s.id.clone()).collect();
        let focus_ids: Vec<&str> = sc.focus.iter().map(|&i| ids[i as usize].as_str()).collect();
        Layout {
            scenario: sc.name.clone(),
            point,
            seed: sc.sim.seed,
            ticks: sc.sim.ticks,
            columns: metrics::run_columns(&focus_ids),
            series_columns: metrics::series_columns(&focus_ids),
            state_columns: metrics::state_columns(),
            ids,
        }
    }
}

/// Runs per parallel batch: enough to keep every thread busy, few enough that a caller
/// hears back (progress, Ctrl-C) every few runs.
pub fn batch_size() -> u64 {
    (rayon::current_num_threads() as u64 * 4).max(8)
}

/// Run replicates `runs` of `sc` (whose model is `model`) at stream point `point`, in
/// parallel batches of [`batch_size`]; hand each batch to `sink` in run order. A sink that
/// returns an error stops the work after the batch it was given.
pub fn produce(
    sc: &Scenario,
    model: &Model,
    layout: &Layout,
    runs: Range<u64>,
    keep: Keep,
    sink: &mut dyn FnMut(Vec<RunRows>) -> Result<()>,
) -> Result<()> {
    let batch = batch_size();
    let mut start = runs.start;
    while start < runs.end {
        let end = (start + batch).min(runs.end);
        let rows: Vec<RunRows> = (start..end)
            .into_par_iter()
            .map(|run| {
                let key = RunKey { seed: sc.sim.seed, point: layout.point, run };
                let o = metrics::run(model, key, keep, &sc.focus);
                RunRows {
                    run,
                    metrics: metrics::run_values(&o.result, model, &sc.focus),
                    states: metrics::state_values(&o.result, model, &layout.state_columns),
                    events: o.result.rec.events,
                    series: o.series,
                }
            })
            .collect();
        sink(rows)?;
        start = end;
    }
    Ok(())
}

/// The five tables of replicates of one scenario, in memory.
pub struct Tables {
    /// Names and keys.
    pub layout: Layout,
    /// What was kept besides runs, summary and states.
    pub keep: Keep,
    /// One entry per run, in run order.
    pub rows: Vec<RunRows>,
    /// summary.csv: statistics of each runs.csv metric column, in column order.
    pub summary: Vec<Stats>,
}

/// Run replicates `runs` of `sc` at stream point `point` and keep every row. `between` is
/// called after each batch with the number of runs done so far; an error it returns stops
/// the work (a Ctrl-C, say) and is returned.
pub fn collect(
    sc: &Scenario,
    point: u64,
    runs: Range<u64>,
    keep: Keep,
    between: &mut dyn FnMut(u64) -> Result<()>,
) -> Result<Tables> {
    let model = sc.model();
    let layout = Layout::of(sc, point);
    let mut sums = vec![Summary::default(); layout.columns.len()];
    let mut rows: Vec<RunRows> = Vec::new();
    produce(sc, &model, &layout, runs, keep, &mut |batch| {
        for r in &batch {
            if r.metrics.len() != sums.len() {
                return Err(Error::failed("a run returned a different number of metrics than its columns"));
            }
            for (s, v) in sums.iter_mut().zip(&r.metrics) {
                s.push(*v);
            }
        }
        rows.extend(batch);
        between(rows.len() as u64)
    })?;
    let summary = sums.iter_mut().map(Summary::stats).collect();
    Ok(Tables { layout, keep, rows, summary })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Overrides, load};

    fn small() -> Scenario {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.toml");
        load(&path, &Overrides { ticks: Some(12), runs: Some(5), ..Overrides::default() }).unwrap()
    }

    #[test]
    fn rows_come_in_run_order_and_match_replicate() {
        let sc = small();
        let t = collect(&sc, 0, 0..5, Keep { events: true, series: true }, &mut |_| Ok(())).unwrap();
        let runs: Vec<u64> = t.rows.iter().map(|r| r.run).collect();
        assert_eq!(runs, vec![0, 1, 2, 3, 4]);
        let model = sc.model();
        for r in &t.rows {
            let one =
                metrics::run(&model, RunKey { seed: sc.sim.seed, point: 0, run: r.run }, Keep::default(), &sc.focus);
            let want = metrics::run_values(&one.result, &model, &sc.focus);
            let same =
                r.metrics.len() == want.len() && r.metrics.iter().zip(&want).all(|(a, b)| a.to_bits() == b.to_bits());
            assert!(same, "run {} differs from a run on its own", r.run);
            assert_eq!(r.series.len(), 12);
            assert_eq!(r.states.len(), sc.states.len() * t.layout.state_columns.len());
        }
        assert!(t.rows.iter().any(|r| !r.events.is_empty()), "events were asked for");
        assert_eq!(t.summary.len(), t.layout.columns.len());
        assert_eq!(t.summary[0].n, 5);
    }

    #[test]
    fn an_error_between_batches_stops_the_work() {
        let sc = small();
        let mut calls = 0;
        let r = collect(&sc, 0, 0..100, Keep::default(), &mut |done| {
            calls += 1;
            if done >= 8 { Err(Error::failed("stop")) } else { Ok(()) }
        });
        assert!(r.is_err());
        assert_eq!(calls, 1, "the first batch already had at least 8 runs");
    }
}
