//! `cyberdip run`: replicates of one scenario, streamed to CSV in run order.

use crate::app::progress;
use crate::calibrate::posterior::Posterior;
use crate::cli::RunArgs;
use crate::core::rng::RunKey;
use crate::error::print_out;
use crate::error::{Error, InputError, Result};
use crate::metrics::{self, Keep, summary::Summary};
use crate::model::Model;
use crate::model::record::Event;
use crate::output::csv_out::{self, CsvFile};
use crate::output::folder::{Kind, OutputDir};
use crate::output::manifest::{Manifest, now_utc};
use crate::output::num;
use crate::scenario::{Document, Overrides, Scenario, caps};
use rayon::prelude::*;
use std::time::Instant;

/// Rows produced by one run, ready to write.
struct Rows {
    run: u64,
    metrics: Vec<f64>,
    states: Vec<f64>,
    events: Vec<Event>,
    series: Vec<Vec<f64>>,
}

/// How to run a loaded scenario.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Scenario file (for the manifest's rerun hint).
    pub scenario: std::path::PathBuf,
    /// Output folder.
    pub out: std::path::PathBuf,
    /// Stream point.
    pub point: u64,
    /// Only this replicate.
    pub only_run: Option<u64>,
    /// Events and time series.
    pub keep: Keep,
    /// No progress bar, no summary.
    pub quiet: bool,
    /// More files of the set: (name, contents), e.g. an exercise's exercise.json.
    pub extra: Vec<(String, Vec<u8>)>,
    /// Draw each run's parameters from this posterior (with the document to apply it to).
    pub posterior: Option<(Posterior, Document)>,
}

/// The model of each run: one for all, or one per posterior draw used.
enum Models {
    One(Model),
    Drawn { post: Posterior, seed: u64, models: Vec<Option<Model>>, base: Model },
}

impl Models {
    /// Build the models runs `first..first + count` need.
    fn new(sc: &Scenario, posterior: Option<&(Posterior, Document)>, first: u64, count: u64) -> Result<Models> {
        let Some((post, doc)) = posterior else { return Ok(Models::One(sc.model())) };
        let seed = sc.sim.seed;
        let mut picks: Vec<usize> = (first..first + count).map(|r| post.pick(seed, r)).collect();
        picks.sort_unstable();
        picks.dedup();
        let mut models: Vec<Option<Model>> = vec![None; post.draws.len()];
        for i in picks {
            models[i] = Some(post.model(doc, i)?);
        }
        Ok(Models::Drawn { post: post.clone(), seed, models, base: sc.model() })
    }

    fn get(&self, run: u64) -> &Model {
        match self {
            Models::One(m) => m,
            // every run's draw was built in `new`; the base model is never used
            Models::Drawn { post, seed, models, base } => models[post.pick(*seed, run)].as_ref().unwrap_or(base),
        }
    }

    /// What the intervals of summary.csv hold.
    fn intervals(&self) -> String {
        match self {
            Models::One(_) => "monte-carlo: replicate runs at fixed parameter values".into(),
            Models::Drawn { post, .. } => format!(
                "posterior: each run draws {} parameters from {} ({} draws), so spreads include parameter uncertainty",
                post.paths.len(),
                post.file,
                post.draws.len()
            ),
        }
    }
}

/// Run the command.
pub fn run(a: RunArgs, argv: Vec<String>) -> Result<()> {
    let ov = Overrides { sets: a.set.clone(), runs: a.runs, seed: a.seed, ticks: a.ticks };
    let mut doc = Document::open(&a.scenario)?;
    doc.apply(&ov)?;
    let sc = doc.build()?;
    let posterior = match &a.posterior {
        None => None,
        Some(p) => {
            let post = Posterior::read(p)?;
            post.check(&sc)?;
            Some((post, doc))
        }
    };
    let settings = Settings {
        scenario: a.scenario.clone(),
        out: a.out.clone(),
        point: a.point,
        only_run: a.only_run,
        keep: Keep { events: a.events, series: a.timeseries },
        quiet: a.quiet,
        extra: Vec::new(),
        posterior,
    };
    let written = run_loaded(&sc, &settings, argv)?;
    if !a.quiet {
        print_out(&headline(&sc, &written))?;
    }
    Ok(())
}

/// Run a validated scenario into `s.out`: CSV files, manifest; returns the summaries. The
/// folder is locked while it runs and its files are replaced as one set at the end
/// ([`OutputDir`]).
pub fn run_loaded(sc: &Scenario, s: &Settings, argv: Vec<String>) -> Result<Written> {
    let a = s;
    let (first, count) = match a.only_run {
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
    let started = now_utc();
    let clock = Instant::now();
    let mut out = OutputDir::begin(&a.out, Kind::Results, &argv)?;
    let models = Models::new(sc, a.posterior.as_ref(), first, count)?;
    let keep = a.keep;
    let mut written = write_runs(sc, &models, a.point, first, count, keep, &mut out, a.quiet)?;
    written.intervals = models.intervals();
    for (name, bytes) in &a.extra {
        out.write(name, bytes)?;
    }
    let mut outputs = vec!["runs.csv", "summary.csv", "states.csv", "manifest.json"];
    if keep.events {
        outputs.push("events.csv");
    }
    if keep.series {
        outputs.push("timeseries.csv");
    }
    outputs.extend(a.extra.iter().map(|(n, _)| n.as_str()));
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
            "cyberdip run {} --seed {} --run RUN [same --set/--ticks options] reproduces row RUN of runs.csv",
            a.scenario.display(),
            sc.sim.seed
        ),
    };
    let mut value = serde_json::to_value(&manifest).map_err(|e| Error::run("cannot encode manifest", e))?;
    if let Some(m) = value.as_object_mut() {
        m.insert("intervals".into(), serde_json::Value::String(written.intervals.clone()));
        if let Some((p, _)) = &a.posterior {
            m.insert("posterior".into(), serde_json::Value::String(p.file.clone()));
        }
    }
    let json = serde_json::to_vec_pretty(&value).map_err(|e| Error::run("cannot encode manifest", e))?;
    out.write("manifest.json", &json)?;
    out.commit("manifest.json")?;
    if !a.quiet {
        let secs = clock.elapsed().as_secs_f64();
        eprintln!(
            "{count} runs x {} ticks of '{}' in {secs:.2} s ({:.0} runs/s) -> {}",
            sc.sim.ticks,
            sc.name,
            count as f64 / secs.max(1e-9),
            a.out.display()
        );
    }
    Ok(written)
}

/// Column names and their summaries, for the headline table.
pub struct Written {
    /// Metric columns of runs.csv.
    pub columns: Vec<String>,
    /// Their summaries.
    pub stats: Vec<metrics::summary::Stats>,
    /// What the intervals hold (Monte Carlo only, or parameter uncertainty too).
    pub intervals: String,
}

#[allow(clippy::too_many_arguments)]
fn write_runs(
    sc: &Scenario,
    models: &Models,
    point: u64,
    first: u64,
    count: u64,
    keep: Keep,
    out: &mut OutputDir,
    quiet: bool,
) -> Result<Written> {
    let ids: Vec<String> = sc.states.iter().map(|s| s.id.clone()).collect();
    let focus_ids: Vec<&str> = sc.focus.iter().map(|&i| ids[i as usize].as_str()).collect();
    let columns = metrics::run_columns(&focus_ids);
    let series_cols = metrics::series_columns(&focus_ids);
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
    let pb = progress::bar(count, "runs", quiet);
    let batch = (rayon::current_num_threads() as u64 * 4).max(8);
    // Pipeline: the rayon pool computes batch k+1 while this scoped thread writes batch k,
    // in run order. The channel holds one batch, so memory stays bounded.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Rows>>(1);
    let written = std::thread::scope(|scope| {
        let (runs_csv, states_csv, events_csv, series_csv) =
            (&mut runs_csv, &mut states_csv, &mut events_csv, &mut series_csv);
        let (sums, pb, ids, series_cols, state_cols) = (&mut sums, &pb, &ids, &series_cols, &state_cols);
        let writer = scope.spawn(move || -> Result<()> {
            let point_s = point.to_string();
            for rows in rx {
                for r in rows {
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
                    pb.inc(1);
                }
            }
            Ok(())
        });
        // first + count was checked not to overflow
        let (mut start, stop) = (first, first + count);
        while start < stop {
            let end = start.saturating_add(batch).min(stop);
            let rows: Vec<Rows> = (start..end)
                .into_par_iter()
                .map(|run| {
                    let model = models.get(run);
                    let o = metrics::run(model, RunKey { seed, point, run }, keep, &sc.focus);
                    Rows {
                        run,
                        metrics: metrics::run_values(&o.result, model, &sc.focus),
                        states: metrics::state_values(&o.result, model, state_cols),
                        events: o.result.rec.events,
                        series: o.series,
                    }
                })
                .collect();
            if tx.send(rows).is_err() {
                break; // the writer stopped on an error, which it returns below
            }
            start = end;
        }
        drop(tx);
        writer.join().unwrap_or_else(|_| Err(Error::failed("the CSV writer thread panicked")))
    });
    written?;
    pb.finish_and_clear();
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
    Ok(Written { columns, stats, intervals: String::new() })
}

const HEADLINE: &[&str] = &[
    "attacks",
    "espionage_share",
    "success_rate",
    "attribution_rate",
    "low_severity_share",
    "escalation_episodes",
    "sanctions_imposed",
    "sanction_success_rate",
    "alliances",
    "blocs",
    "norm_adoption",
    "pledge_no_backdoors",
];

/// The headline table printed after a run.
pub fn headline(sc: &Scenario, w: &Written) -> String {
    let mut out = format!("{:<28} {:>10}  {:>23}\n", "metric", "mean", "95% CI of the mean");
    let focus: Vec<String> = sc.focus.iter().map(|&i| format!("{}_security", sc.states[i as usize].id)).collect();
    for name in HEADLINE.iter().map(|s| s.to_string()).chain(focus) {
        if let Some(k) = w.columns.iter().position(|c| *c == name) {
            let s = &w.stats[k];
            out.push_str(&format!("{name:<28} {:>10.4}  [{:>10.4}, {:>10.4}]\n", s.mean, s.ci95_low, s.ci95_high));
        }
    }
    out.push_str(&format!("intervals: {}\n", w.intervals));
    out
}
