//! `cyberdip serve`: find the exercises, start the page's server (`crate::serve`), print its
//! address, and warn when it listens beyond this computer.

use crate::cli::ServeArgs;
use crate::error::{Error, InputError, Result};
use crate::serve::{self, Limits, Options};
use std::path::{Path, PathBuf};

/// Run the command (until Ctrl-C).
pub fn serve(a: &ServeArgs) -> Result<()> {
    if !a.scenario.is_file() {
        return Err(Error::input(InputError::file(a.scenario.display().to_string(), "no such scenario file").help(
            "give a scenario file, e.g. `cyberdip serve scenarios/baseline.toml` (run from the repository root)",
        )));
    }
    if a.max_runs == 0 || a.max_jobs == 0 {
        return Err(Error::input(InputError::file("--max-runs/--max-jobs", "must be at least 1")));
    }
    let folder = a.exercises.clone().unwrap_or_else(|| exercises_folder(&a.scenario));
    let exercises = toml_files(&folder);
    if a.exercise.is_some() && exercises.is_empty() {
        return Err(Error::input(
            InputError::file(folder.display().to_string(), "no exercises found here")
                .help("give the folder with --exercises DIR"),
        ));
    }
    let opts = Options {
        scenario: a.scenario.clone(),
        exercises,
        host: a.host,
        port: a.port,
        exercise: a.exercise.clone(),
        out: a.out.clone(),
        limits: Limits { max_runs: a.max_runs, max_jobs: a.max_jobs, ..Limits::default() },
    };
    serve::run(opts, |s| {
        if !s.addr.ip().is_loopback() {
            eprintln!(
                "warning: listening on {} — anyone who can reach this address can run simulations on this computer \
                 (limits: {} runs per request, {} jobs at once). Stop with Ctrl-C.",
                s.addr, a.max_runs, a.max_jobs
            );
        }
        // stdout is line-buffered: tests and scripts read this line as soon as it is printed
        println!("cyberdip serve: open {} (Ctrl-C stops; each run's files go to {}/job-N)", s.url, a.out.display());
    })
}

/// `exercises/` beside the scenario if it exists, else `scenarios/exercises`.
fn exercises_folder(scenario: &Path) -> PathBuf {
    let beside = scenario.parent().unwrap_or(Path::new(".")).join("exercises");
    if beside.is_dir() { beside } else { PathBuf::from("scenarios/exercises") }
}

fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| r.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "toml")).collect())
        .unwrap_or_default();
    v.sort();
    v
}
