//! `cyberdip calibrate`: fit free parameters to the calibration targets by ABC-SMC, then
//! check the posterior (and the scenario as it was) against every target, calibration and
//! held-out validation; or, with `--check`, only the check of a given posterior. Writes
//! posterior.csv, fit.csv, generations.csv, validation.md and manifest.json as one set.

use crate::app::progress;
use crate::calibrate::abc::{self, Generation, Observer, Stop};
use crate::calibrate::checkpoint;
use crate::calibrate::fit::{self, Influence, Interval, Page};
use crate::calibrate::posterior::Posterior;
use crate::calibrate::spec::{self, CalibrationSpec};
use crate::calibrate::{self as cal, CHECK_POINT};
use crate::cli::CalibrateArgs;
use crate::error::{Error, InputError, Result, print_out};
use crate::output::folder::{Kind, OutputDir};
use crate::output::manifest::now_utc;
use crate::output::{atomic, interrupt, num};
use indicatif::ProgressBar;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// The progress bar, and the saving of each completed generation for `--resume`.
struct Bar {
    pb: ProgressBar,
    work: PathBuf,
    free: Vec<String>,
    saved: Arc<AtomicUsize>,
    failed: Mutex<Option<Error>>,
}

impl Observer for Bar {
    fn simulated(&self, g: usize, epsilon: f64, n: u64) {
        self.pb.set_message(if epsilon.is_finite() {
            format!("generation {g}, tolerance {epsilon:.3}")
        } else {
            format!("generation {g} (prior draws)")
        });
        self.pb.inc(n);
    }
    fn generation(&self, g: &Generation) {
        match checkpoint::save(&self.work, &self.free, g) {
            Ok(()) => {
                self.saved.store(g.number + 1, Ordering::Relaxed);
            }
            Err(e) => {
                let mut f = self.failed.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                f.get_or_insert(e);
            }
        }
    }
    fn stop(&self) -> bool {
        interrupt::requested() || self.failed.lock().map_or(true, |f| f.is_some())
    }
}

/// Run the command.
pub fn calibrate(a: &CalibrateArgs, argv: Vec<String>) -> Result<()> {
    let spec = spec::load(&a.file)?;
    let check_runs = a.check_runs.unwrap_or(spec.check_runs).max(2);
    let morris: Option<(Vec<Influence>, String, usize)> = match &a.morris {
        None => None,
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| {
                Error::input(InputError::file(
                    p.display().to_string(),
                    format!("cannot read Morris sensitivity file: {e}"),
                ))
            })?;
            let rank = fit::rank_morris(&text);
            if rank.is_empty() {
                return Err(Error::input(
                    InputError::file(
                        p.display().to_string(),
                        "no Morris indices found (expected metric,parameter,mu,mu_star,...)",
                    )
                    .help("give the sensitivity.csv of a `design = \"morris\"` sweep"),
                ));
            }
            let outcomes = text
                .lines()
                .skip(1)
                .filter_map(|l| l.split(',').next())
                .collect::<std::collections::BTreeSet<_>>()
                .len();
            Some((rank, p.display().to_string(), outcomes))
        }
    };
    let given = match &a.check {
        Some(p) => {
            // one read: the folder keeps a copy of the very posterior it checked
            let shown = p.display().to_string();
            let text = std::fs::read_to_string(p)
                .map_err(|e| Error::input(InputError::file(&shown, format!("cannot read posterior file: {e}"))))?;
            let post = Posterior::parse(&text, &shown)?;
            post.check(&spec.base)?;
            Some((post, text.into_bytes()))
        }
        None => None,
    };
    let started = now_utc();
    let clock = Instant::now();
    let mut out = OutputDir::begin(&a.out, Kind::Results, &argv)?;
    let (gens, stop, posterior) = match given {
        Some((p, bytes)) => {
            out.write("posterior.csv", &bytes)?;
            (Vec::new(), None, p)
        }
        None => {
            let work = checkpoint::work_dir(&a.out);
            let free: Vec<String> = spec.free.iter().map(|f| f.path.clone()).collect();
            let done = checkpoint::prepare(&work, &spec.hash, &free, a.resume)?;
            let bar = Bar {
                pb: progress::bar(spec.abc.budget, "simulations", a.quiet),
                work: work.clone(),
                free,
                saved: Arc::new(AtomicUsize::new(done.len())),
                failed: Mutex::new(None),
            };
            bar.pb.inc(done.iter().map(|g| g.simulations).sum());
            if !a.quiet && !done.is_empty() {
                eprintln!("resuming after generation {} (saved in {})", done.len() - 1, work.display());
            }
            let shown = work.display().to_string();
            let (saved, where_) = (bar.saved.clone(), shown.clone());
            let note = interrupt::note(move || {
                format!(
                    "{where_}: {} generation(s) saved; run the same command with --resume to continue from there",
                    saved.load(Ordering::Relaxed)
                )
            });
            let (gens, stop) = cal::run(&spec, &bar, done);
            drop(note);
            bar.pb.finish_and_clear();
            if let Some(e) = bar.failed.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner) {
                return Err(e);
            }
            if stop == Stop::Interrupted {
                return Err(Error::failed(format!(
                    "interrupted: {} generation(s) saved in {shown}; run the same command with --resume to continue",
                    bar.saved.load(Ordering::Relaxed)
                )));
            }
            let Some(last) = gens.last() else {
                return Err(Error::input(InputError::file(
                    a.file.display().to_string(),
                    "the budget ran out before the prior draws were simulated",
                )));
            };
            let paths = spec.free.iter().map(|f| f.path.clone()).collect();
            let mut post = Posterior::from_particles(paths, &last.particles);
            post.file = a.out.join("posterior.csv").display().to_string();
            out.write("posterior.csv", Posterior::csv(&post.paths, &last.particles).as_bytes())?;
            out.write("generations.csv", generations_csv(&gens).as_bytes())?;
            (gens, Some(stop), post)
        }
    };
    // the check: the scenario as it is, then the posterior, on the same streams
    let pb = progress::bar(2 * check_runs, "check runs", a.quiet);
    let tick = || pb.inc(1);
    let seed = spec.abc.seed;
    let before = fit::evaluate(&spec.doc, &spec.targets, None, check_runs, seed, CHECK_POINT, &tick)?;
    let after = fit::evaluate(&spec.doc, &spec.targets, Some(&posterior), check_runs, seed, CHECK_POINT, &tick)?;
    pb.finish_and_clear();
    out.write("fit.csv", fit::csv(&spec.targets, &before, &after).as_bytes())?;
    let page = fit::markdown(&Page {
        command: page_command(a),
        targets: &spec.targets,
        before: &before,
        after: &after,
        runs: check_runs,
        posterior: Some(&posterior),
        morris: morris.as_ref().map(|(r, f, n)| (r.as_slice(), f.clone(), *n)),
        method: method(&spec, a),
    });
    out.write("validation.md", page.as_bytes())?;
    let simulations: u64 = gens.iter().map(|g| g.simulations).sum();
    let secs = clock.elapsed().as_secs_f64();
    let manifest = manifest(&spec, &argv, &gens, stop, simulations, check_runs, secs, &out, &started);
    let json = serde_json::to_vec_pretty(&manifest).map_err(|e| Error::run("cannot encode manifest", e))?;
    out.write("manifest.json", &json)?;
    out.commit("manifest.json")?;
    let work = checkpoint::work_dir(&a.out);
    if work.exists() {
        checkpoint::remove(&work)?;
    }
    if let Some(md) = &a.markdown {
        atomic::write(md, page.as_bytes())?;
    }
    if !a.quiet {
        print_out(&table(&spec, &before, &after))?;
        let how = match stop {
            None => "checked".to_string(),
            Some(s) => format!("{simulations} simulations, stopped: {}", stop_name(s)),
        };
        eprintln!("calibration '{}' ({how}) in {secs:.1} s -> {}", spec.name, a.out.display());
    }
    Ok(())
}

/// The command that regenerates the page (outputs left out, so it does not depend on them).
fn page_command(a: &CalibrateArgs) -> String {
    let mut s = format!("cyberdip calibrate {}", a.file.display());
    if let Some(p) = &a.check {
        s.push_str(&format!(" --check {}", p.display()));
    }
    if let Some(p) = &a.morris {
        s.push_str(&format!(" --morris {}", p.display()));
    }
    if let Some(n) = a.check_runs {
        s.push_str(&format!(" --check-runs {n}"));
    }
    s.push_str(" --markdown FILE");
    s
}

/// The method paragraph of the validation page.
fn method(spec: &CalibrationSpec, a: &CalibrateArgs) -> String {
    let free: Vec<String> = spec.free.iter().map(|f| format!("`{}` ({}–{})", f.path, num(f.min), num(f.max))).collect();
    format!(
        "Approximate Bayesian computation by sequential Monte Carlo (ABC-SMC: Beaumont et al. 2009, \
         Biometrika 96(4); adaptive tolerance as in Del Moral et al. 2012): the stochastic model has \
         no tractable likelihood, so particles are accepted when their simulated calibration targets \
         are close to the observed ones (distance: root mean square of (model − observed) / \
         uncertainty). Calibration file `{}` on scenario `{}`: {} free parameters with uniform priors \
         — {}; population {}, up to {} generations, tolerance = {} quantile of the last generation's \
         distances, budget {} simulated particles of {} run(s) each, seed {}. Recompute with \
         `cyberdip calibrate {} --out DIR`{}.",
        a.file.display(),
        spec.base.name,
        spec.free.len(),
        free.join(", "),
        spec.abc.population,
        spec.abc.generations,
        spec.abc.quantile,
        spec.abc.budget,
        spec.runs,
        spec.abc.seed,
        a.file.display(),
        if a.check.is_some() { " (the posterior shown here is from such a run)" } else { "" }
    )
}

fn stop_name(s: Stop) -> &'static str {
    match s {
        Stop::Generations => "all generations done",
        Stop::Budget => "simulation budget reached",
        Stop::Acceptance => "acceptance rate below min_acceptance",
        Stop::Interrupted => "interrupted",
    }
}

fn generations_csv(gens: &[Generation]) -> String {
    let mut s = String::from("generation,tolerance,simulations,accepted,acceptance,median_distance\n");
    for g in gens {
        let mut d: Vec<f64> = g.particles.iter().map(|p| p.distance).collect();
        s.push_str(&format!(
            "{},{},{},{},{},{}\n",
            g.number,
            num(g.epsilon),
            g.simulations,
            g.particles.len(),
            num(g.acceptance()),
            num(abc::quantile(&mut d, 0.5))
        ));
    }
    s
}

#[allow(clippy::too_many_arguments)]
fn manifest(
    spec: &CalibrationSpec,
    argv: &[String],
    gens: &[Generation],
    stop: Option<Stop>,
    simulations: u64,
    check_runs: u64,
    secs: f64,
    out: &OutputDir,
    started: &str,
) -> serde_json::Value {
    let mut outputs = vec!["posterior.csv", "fit.csv", "validation.md", "manifest.json"];
    if stop.is_some() {
        outputs.insert(1, "generations.csv");
    }
    serde_json::json!({
        "tool": format!("cyberdip {}", env!("CARGO_PKG_VERSION")),
        "command": argv,
        "calibration": spec.name,
        "inputs": spec.inputs,
        "scenario_hash": spec.hash,
        "method": "ABC-SMC (population Monte Carlo, Beaumont et al. 2009; adaptive tolerance = quantile of the last generation's distances)",
        "distance": "root mean square over calibration targets of (model mean - observed) / uncertainty",
        "seed": spec.abc.seed,
        "ticks": spec.base.sim.ticks,
        "population": spec.abc.population,
        "generations_max": spec.abc.generations,
        "quantile": spec.abc.quantile,
        "budget": spec.abc.budget,
        "runs_per_particle": spec.runs,
        "check_runs": check_runs,
        "free": spec.free.iter().map(|f| serde_json::json!({"path": f.path, "min": f.min, "max": f.max})).collect::<Vec<_>>(),
        "targets": spec.targets_name,
        "calibration_targets": spec.calibration_targets().map(|t| t.target.name.clone()).collect::<Vec<_>>(),
        "generations": gens.iter().map(|g| serde_json::json!({
            "generation": g.number, "tolerance": if g.epsilon.is_finite() { serde_json::json!(g.epsilon) } else { serde_json::Value::Null },
            "simulations": g.simulations, "acceptance": g.acceptance()})).collect::<Vec<_>>(),
        "stopped": stop.map(stop_name),
        "simulations": simulations,
        "wall_seconds": (secs * 10.0).round() / 10.0,
        "threads": rayon::current_num_threads(),
        "outputs": outputs,
        "files": out.files_json(),
        "started": started,
        "finished": now_utc(),
    })
}

fn table(spec: &CalibrationSpec, before: &[Interval], after: &[Interval]) -> String {
    let mut s = format!("{:<46} {:<11} {:>9} {:>9} {:>9}  verdict\n", "target", "role", "observed", "before", "after");
    for ((t, b), x) in spec.targets.iter().zip(before).zip(after) {
        s.push_str(&format!(
            "{:<46} {:<11} {:>9.4} {:>9.4} {:>9.4}  {}\n",
            t.target.name,
            t.target.role.name(),
            t.target.observed,
            b.mean,
            x.mean,
            fit::verdict(t, x)
        ));
    }
    s
}
