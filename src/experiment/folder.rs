//! Replicates of one scenario written to an output folder: runs.csv, summary.csv,
//! states.csv, optionally events.csv and timeseries.csv, and manifest.json — the files of
//! `cyberdip run`. This is the one writer of those files: `cyberdip run`, `cyberdip
//! exercise run` and the browser page (`cyberdip serve`) all call [`write`], so a page run
//! and a command-line run of the same scenario give byte-identical CSV files.
//!
//! Runs are computed on the rayon pool, each worker taking the next run as soon as it is
//! free, while a thread of its own writes them in run order (`core::par::ordered`). The
//! caller watches each run as it is written (progress bars, the page's live aggregates)
//! and can stop it at any run. The folder is locked while it is written and its files
//! replace the previous set as one at the end
//! ([`OutputDir`]); a stopped write leaves the previous results as they were.

use crate::core::par;
use crate::core::rng::RunKey;
use crate::error::{Error, InputError, Result};
use crate::metrics::{self, Keep, summary::Stats, summary::Summary};
use crate::model::Model;
use crate::model::record::Event;
use crate::output::csv_out::{self, CsvFile};
use crate::output::folder::{Kind, OutputDir};
use crate::output::manifest::{Manifest, now_utc};
use crate::output::num;
use crate::scenario::{Scenario, caps};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// What to write and where.
#[derive(Clone, Debug)]
pub struct Plan {
    /// Scenario file (for the manifest's rerun hint).
    pub scenario: PathBuf,
    /// Output folder (created if missing).
    pub out: PathBuf,
    /// Stream point.
    pub point: u64,
    /// Only this replicate.
    pub only_run: Option<u64>,
    /// Events and time series.
    pub keep: Keep,
    /// More files of the set: (name, contents), e.g. an exercise's exercise.json.
    pub extra: Vec<(String, Vec<u8>)>,
    /// The parameter values of each run.
    pub params: Params,
}

/// The parameter values of each run, and so what the intervals of summary.csv hold.
#[derive(Clone, Debug, Default)]
pub enum Params {
    /// Every run uses the scenario's values: the intervals hold Monte Carlo noise only.
    #[default]
    Fixed,
    /// Each run uses the model of its own parameter draw (`run --posterior`): the intervals
    /// include what we do not know about the parameters.
    Drawn(Arc<Drawn>),
}

/// One model per parameter draw, and the draw of each run.
#[derive(Debug)]
pub struct Drawn {
    /// The model of each draw some run takes.
    models: Vec<Model>,
    /// First run, and the index into `models` of runs `first..`.
    first: u64,
    of_run: Vec<u32>,
    /// Where the draws came from (for the manifest), e.g. the posterior file.
    pub source: String,
    /// What the intervals hold, in words (manifest.json `intervals`).
    pub intervals: String,
}

impl Drawn {
    /// Runs `first..first + count`: `pick(run)` names a run's draw, `build(draw)` makes a
    /// draw's model (called once per distinct draw taken).
    pub fn new(
        first: u64,
        count: u64,
        pick: impl Fn(u64) -> usize,
        mut build: impl FnMut(usize) -> Result<Model>,
        source: String,
        intervals: String,
    ) -> Result<Drawn> {
        let mut slot = std::collections::BTreeMap::new();
        let mut models = Vec::new();
        let mut of_run = Vec::with_capacity(count as usize);
        for run in first..first + count {
            let d = pick(run);
            let k = match slot.get(&d) {
                Some(&k) => k,
                None => {
                    models.push(build(d)?);
                    slot.insert(d, models.len() as u32 - 1);
                    models.len() as u32 - 1
                }
            };
            of_run.push(k);
        }
        Ok(Drawn { models, first, of_run, source, intervals })
    }
}

impl Params {
    /// The model of run `run`: `fixed` unless the run has its own draw.
    fn model<'a>(&'a self, fixed: &'a Model, run: u64) -> &'a Model {
        match self {
            Params::Fixed => fixed,
            Params::Drawn(d) => &d.models[d.of_run[(run - d.first) as usize] as usize],
        }
    }

    /// What the intervals of summary.csv hold (manifest.json `intervals`).
    pub fn intervals(&self) -> &str {
        match self {
            Params::Fixed => "monte-carlo: replicate runs at fixed parameter values",
            Params::Drawn(d) => &d.intervals,
        }
    }
}

/// One finished run, as the writer sees it (in run order).
pub struct Done<'a> {
    /// Replicate number.
    pub run: u64,
    /// Its runs.csv metric values, in the order of [`Written::columns`].
    pub metrics: &'a [f64],
    /// Its time series (one row per tick, columns of `metrics::series_columns`); empty
    /// unless the plan keeps series.
    pub series: &'a [Vec<f64>],
}

/// How the caller follows and stops a write.
pub struct Watch<'a> {
    /// Called on the writer thread after each run is written, in run order.
    pub each: &'a mut (dyn FnMut(Done<'_>) + Send),
    /// When set, the write takes no new run and writes no file.
    pub stop: &'a AtomicBool,
}

/// Column names and their summaries.
pub struct Written {
    /// Metric columns of runs.csv.
    pub columns: Vec<String>,
    /// Their summaries (as in summary.csv).
    pub stats: Vec<Stats>,
    /// Runs written.
    pub runs: u64,
}

/// The replicates to compute, (first, count): all of `sc`'s runs, or only run `only_run`
/// (an input error when it does not exist).
pub fn runs(sc: &Scenario, only_run: Option<u64>) -> Result<(u64, u64)> {
    let (first, count) = match only_run {
        Some(r) => (r, 1),
        None => (0, sc.sim.runs),
    };
    if first.checked_add(count).is_none_or(|end| end > caps::RUNS as u64) {
        return Err(Error::input(
            InputError::file(
                "--run",
                format!("replicate {first} does not exist: runs are numbered from 0 to {}", caps::RUNS - 1),
            )
            .help("give the `run` column of the row to rerun, e.g. --run 137"),
        ));
    }
    Ok((first, count))
}

/// The metric columns a scenario's runs produce.
pub struct Columns {
    /// runs.csv metric columns (world metrics, then focus-state metrics).
    pub runs: Vec<String>,
    /// timeseries.csv metric names, in the order of each series row.
    pub series: Vec<String>,
}

/// The columns of `sc`'s runs.csv and timeseries.csv.
pub fn columns(sc: &Scenario) -> Columns {
    let focus_ids: Vec<&str> = sc.focus.iter().map(|&i| sc.states[i as usize].id.as_str()).collect();
    Columns { runs: metrics::run_columns(&focus_ids), series: metrics::series_columns(&focus_ids) }
}

/// Rows produced by one run, ready to write.
struct Rows {
    run: u64,
    metrics: Vec<f64>,
    states: Vec<f64>,
    events: Vec<Event>,
    series: Vec<Vec<f64>>,
}

/// Run `sc` into `plan.out`: the CSV files, then manifest.json (recording `argv`). Returns
/// `Ok(None)` when `watch.stop` was set before the end: then no file was written.
pub fn write(sc: &Scenario, plan: &Plan, argv: Vec<String>, watch: Watch<'_>) -> Result<Option<Written>> {
    let (first, count) = runs(sc, plan.only_run)?;
    let started = now_utc();
    let mut out = OutputDir::begin(&plan.out, Kind::Results, &argv)?;
    let fixed = sc.model();
    if let Params::Drawn(d) = &plan.params {
        if d.first != first || d.of_run.len() as u64 != count {
            return Err(Error::failed("the parameter draws were made for other runs than these"));
        }
    }
    let keep = plan.keep;
    let Some(written) = write_runs(sc, (&fixed, &plan.params), plan.point, first, count, keep, &mut out, watch)? else {
        return Ok(None); // `out` is dropped uncommitted: the staged files go, the old set stays
    };
    for (name, bytes) in &plan.extra {
        out.write(name, bytes)?;
    }
    let mut outputs = vec!["runs.csv", "summary.csv", "states.csv", "manifest.json"];
    if keep.events {
        outputs.push("events.csv");
    }
    if keep.series {
        outputs.push("timeseries.csv");
    }
    outputs.extend(plan.extra.iter().map(|(n, _)| n.as_str()));
    let manifest = Manifest {
        tool: format!("cyberdip {}", env!("CARGO_PKG_VERSION")),
        command: argv,
        scenario: sc.name.clone(),
        inputs: sc.sources.input_names(),
        scenario_hash: sc.hash.clone(),
        seed: sc.sim.seed,
        ticks: sc.sim.ticks,
        runs: count,
        first_run: first,
        threads: rayon::current_num_threads(),
        outputs: outputs.iter().map(|s| s.to_string()).collect(),
        files: out.files_json(),
        started,
        finished: now_utc(),
        rerun: format!(
            "cyberdip run {} --seed {}{} --run RUN [same --set/--ticks options] reproduces row RUN of runs.csv",
            plan.scenario.display(),
            sc.sim.seed,
            match &plan.params {
                Params::Fixed => String::new(),
                Params::Drawn(d) => format!(" --posterior {}", d.source),
            }
        ),
        intervals: plan.params.intervals().to_string(),
        posterior: match &plan.params {
            Params::Fixed => None,
            Params::Drawn(d) => Some(d.source.clone()),
        },
    };
    let json = serde_json::to_vec_pretty(&manifest).map_err(|e| Error::run("cannot encode manifest", e))?;
    out.write("manifest.json", &json)?;
    out.commit("manifest.json")?;
    Ok(Some(written))
}

#[allow(clippy::too_many_arguments)]
fn write_runs(
    sc: &Scenario,
    (fixed, params): (&Model, &Params),
    point: u64,
    first: u64,
    count: u64,
    keep: Keep,
    out: &mut OutputDir,
    watch: Watch<'_>,
) -> Result<Option<Written>> {
    let ids: Vec<String> = sc.states.iter().map(|s| s.id.clone()).collect();
    let Columns { runs: columns, series: series_cols } = columns(sc);
    let mut runs_csv = CsvFile::create(&out.path("runs.csv"), &csv_out::runs_header(&columns))?;
    let mut states_csv = CsvFile::create(&out.path("states.csv"), &csv_out::STATES_HEADER.map(String::from))?;
    let mut events_csv = if keep.events {
        Some(CsvFile::create(&out.path("events.csv"), &csv_out::EVENTS_HEADER.map(String::from))?)
    } else {
        None
    };
    let mut series_csv = if keep.series {
        Some(CsvFile::create(&out.path("timeseries.csv"), &csv_out::SERIES_HEADER.map(String::from))?)
    } else {
        None
    };
    let state_cols = metrics::state_columns();
    let mut sums = vec![Summary::default(); columns.len()];
    let name = sc.name.as_str();
    let seed = sc.sim.seed;
    let Watch { each, stop } = watch;
    // Pipeline: workers of the rayon pool each take the next run as soon as they are free
    // (no barrier between groups of runs), while one thread writes the results in run
    // order; at most WINDOW runs per thread are held at once, so memory stays bounded.
    const WINDOW: u64 = 8;
    let window = WINDOW * rayon::current_num_threads() as u64;
    let (ids, series_cols, state_cols) = (&ids, &series_cols, &state_cols);
    let point_s = point.to_string();
    let compute = |run: u64| {
        let model = params.model(fixed, run);
        let o = metrics::run(model, RunKey { seed, point, run }, keep, &sc.focus);
        Rows {
            run,
            metrics: metrics::run_values(&o.result, model, &sc.focus),
            states: metrics::state_values(&o.result, model, state_cols),
            events: o.result.rec.events,
            series: o.series,
        }
    };
    let write = |r: Rows| -> Result<()> {
        runs_csv.row(csv_out::runs_row(name, point, r.run, seed, &r.metrics))?;
        for (s, v) in sums.iter_mut().zip(&r.metrics) {
            s.push(*v);
        }
        let run_s = r.run.to_string();
        for (i, chunk) in r.states.chunks(state_cols.len()).enumerate() {
            for (m, v) in state_cols.iter().zip(chunk) {
                states_csv.row([name, &point_s, &run_s, &ids[i], m.name(), &num(*v)])?;
            }
        }
        if let Some(f) = events_csv.as_mut() {
            for e in &r.events {
                f.row(csv_out::event_row(name, point, r.run, e, ids))?;
            }
        }
        if let Some(f) = series_csv.as_mut() {
            for (t, row) in r.series.iter().enumerate() {
                let tick = (t + 1).to_string();
                for (c, v) in series_cols.iter().zip(row) {
                    f.row([name, &point_s, &run_s, &tick, c, &num(*v)])?;
                }
            }
        }
        each(Done { run: r.run, metrics: &r.metrics, series: &r.series });
        Ok(())
    };
    let complete = par::ordered(first..first + count, window, stop, compute, write)?;
    if !complete {
        return Ok(None); // the files are dropped uncommitted: their temporary files are removed
    }
    let mut summary_csv = CsvFile::create(&out.path("summary.csv"), &csv_out::SUMMARY_HEADER.map(String::from))?;
    let mut stats = Vec::with_capacity(columns.len());
    for (c, s) in columns.iter().zip(sums.iter_mut()) {
        let st = s.stats();
        summary_csv.row(csv_out::summary_row(name, point, c, &st))?;
        stats.push(st);
    }
    out.add("runs.csv", runs_csv.commit()?);
    out.add("states.csv", states_csv.commit()?);
    out.add("summary.csv", summary_csv.commit()?);
    if let Some(f) = events_csv {
        out.add("events.csv", f.commit()?);
    }
    if let Some(f) = series_csv {
        out.add("timeseries.csv", f.commit()?);
    }
    Ok(Some(Written { columns, stats, runs: count }))
}
