//! `cyberdip run`: replicates of one scenario, streamed to CSV in run order (the writer is
//! `experiment::folder`, shared with the exercises and the browser page), with a progress bar
//! and the headline table.

use crate::app::progress;
use crate::calibrate::posterior::Posterior;
use crate::cli::RunArgs;
use crate::error::print_out;
use crate::error::{Error, InputError, Result};
use crate::experiment::folder::{self, Done, Drawn, Params, Plan, Watch};
use crate::metrics::Keep;
use crate::scenario::{Document, Overrides, Scenario};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

pub use crate::experiment::folder::Written;

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
    /// The parameter values of each run (fixed, or drawn from a posterior).
    pub params: Params,
}

/// Run the command.
pub fn run(a: RunArgs, argv: Vec<String>) -> Result<()> {
    let ov = Overrides { sets: a.set.clone(), runs: a.runs, seed: a.seed, ticks: a.ticks };
    let mut doc = Document::open(&a.scenario)?;
    doc.apply(&ov)?;
    let sc = doc.build()?;
    let params = match &a.posterior {
        None => Params::Fixed,
        Some(file) => drawn(&sc, &doc, file, a.only_run, &a.set)?,
    };
    let settings = Settings {
        scenario: a.scenario.clone(),
        out: a.out.clone(),
        point: a.point,
        only_run: a.only_run,
        keep: Keep { events: a.events, series: a.timeseries },
        quiet: a.quiet,
        extra: Vec::new(),
        params,
    };
    let written = run_loaded(&sc, &settings, argv)?;
    if !a.quiet {
        let mut table = headline(&sc, &written);
        if let Params::Drawn(d) = &settings.params {
            table.push_str(&format!("runs drawn from {}: the spread includes parameter uncertainty\n", d.source));
        }
        print_out(&table)?;
    }
    Ok(())
}

/// `--posterior FILE`: run `r` takes the draw the stream (seed, "posterior.draw", r) picks
/// from the weighted draws of FILE, set on the scenario's document as `--set` would.
fn drawn(sc: &Scenario, doc: &Document, file: &Path, only_run: Option<u64>, sets: &[String]) -> Result<Params> {
    let post = Posterior::read(file)?;
    post.check(sc)?;
    // a value the posterior draws cannot also be fixed by --set: one path for a value
    for s in sets {
        let key = s.split('=').next().unwrap_or("").trim();
        if let Some(p) = post.paths.iter().find(|p| p.as_str() == key || p.strip_prefix("parameters.") == Some(key)) {
            return Err(Error::input(
                InputError::file(
                    "--set",
                    format!("{p} is drawn from the posterior {}; it cannot also be set", post.file),
                )
                .help("drop this --set, or drop the column from the posterior file"),
            ));
        }
    }
    let (first, count) = folder::runs(sc, only_run)?;
    let seed = sc.sim.seed;
    let intervals = format!(
        "posterior: each run draws its {} parameters ({}) from the {} weighted draws of {}, so the spread includes parameter uncertainty as well as Monte Carlo noise",
        post.paths.len(),
        post.paths.join(", "),
        post.draws.len(),
        post.file
    );
    let d = Drawn::new(first, count, |r| post.pick(seed, r), |i| post.model(doc, i), post.file.clone(), intervals)?;
    Ok(Params::Drawn(Arc::new(d)))
}

/// Run a validated scenario into `s.out`: CSV files, manifest; returns the summaries. The
/// folder is locked while it runs and its files are replaced as one set at the end
/// (`output::folder::OutputDir`).
pub fn run_loaded(sc: &Scenario, s: &Settings, argv: Vec<String>) -> Result<Written> {
    let clock = Instant::now();
    let count = if s.only_run.is_some() { 1 } else { sc.sim.runs };
    let plan = Plan {
        scenario: s.scenario.clone(),
        out: s.out.clone(),
        point: s.point,
        only_run: s.only_run,
        keep: s.keep,
        extra: s.extra.clone(),
        params: s.params.clone(),
    };
    let pb = progress::bar(count, "runs", s.quiet);
    let never = AtomicBool::new(false);
    let mut tick = |_: Done<'_>| pb.inc(1);
    let written = folder::write(sc, &plan, argv, Watch { each: &mut tick, stop: &never })?
        .ok_or_else(|| Error::failed("the run stopped before the end"))?;
    pb.finish_and_clear();
    if !s.quiet {
        let secs = clock.elapsed().as_secs_f64();
        eprintln!(
            "{count} runs x {} ticks of '{}' in {secs:.2} s ({:.0} runs/s) -> {}",
            sc.sim.ticks,
            sc.name,
            count as f64 / secs.max(1e-9),
            s.out.display()
        );
    }
    Ok(written)
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
    let mut out = format!("{:<28} {:>10}  {:>23}\n", "metric", "mean", "95% CI");
    let focus: Vec<String> = sc.focus.iter().map(|&i| format!("{}_security", sc.states[i as usize].id)).collect();
    for name in HEADLINE.iter().map(|s| s.to_string()).chain(focus) {
        if let Some(k) = w.columns.iter().position(|c| *c == name) {
            let s = &w.stats[k];
            out.push_str(&format!("{name:<28} {:>10.4}  [{:>10.4}, {:>10.4}]\n", s.mean, s.ci95_low, s.ci95_high));
        }
    }
    out
}
