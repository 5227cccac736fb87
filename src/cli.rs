//! Command-line definitions (clap derive structs only). What each command does is in
//! `app`; this file only mirrors the flags and their help.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// cyberdip: scenario simulation of cyber diplomacy between states.
///
/// States decide in parallel each tick (a month): they spend budgets on the strategies of
/// Iran's and China's cyber diplomacy, launch cyber operations, respond, sanction and form
/// alliances. Same scenario + seed gives byte-identical output on any number of threads.
#[derive(Debug, Parser)]
#[command(name = "cyberdip", version, propagate_version = true, max_term_width = 100)]
#[command(after_help = "Examples:
  cyberdip run scenarios/baseline.toml --runs 200 --seed 42 --out out/baseline
  cyberdip run scenarios/iran-regional-alliance.toml --events --timeseries
  cyberdip run scenarios/baseline.toml --set state.IRN.coordination=0.8 --out out/reform
  cyberdip validate scenarios/*.toml
  cyberdip explain scenarios/baseline.toml --state IRN

Exit codes: 0 success, 2 bad input or usage (also: the output folder is busy with another
cyberdip command), 1 failure while running, 130 interrupted (Ctrl-C: temporary files removed,
earlier results kept).
Docs: README.md, docs/MODEL.md (the model), docs/OUTPUTS.md (every CSV column).")]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run replicates of one scenario and write runs.csv, summary.csv, states.csv, manifest.json.
    Run(RunArgs),
    /// Check scenario, sweep, calibration and target files: exit 0 if all are valid, 2 with every error otherwise.
    Validate(ValidateArgs),
    /// List every effective parameter of a scenario: value, default, range, source, who set it.
    Explain(ExplainArgs),
    /// Run a parameter sweep (grid, oat, lhs, sobol, morris) with sensitivity analysis.
    Sweep(SweepArgs),
    /// Combine the output folders of a sharded sweep into one.
    Merge(MergeArgs),
    /// Build an HTML page of SVG charts from one or more output folders.
    Report(ReportArgs),
    /// Calibrate free parameters to targets from public data (ABC-SMC); check fit and held-out targets.
    Calibrate(CalibrateArgs),
    /// Teaching exercises: list them, or run one and get its report.
    #[command(subcommand)]
    Exercise(ExerciseCommand),
    /// Start the interactive page in a browser: sliders, live charts, exercises.
    Serve(ServeArgs),
}

/// `cyberdip serve`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  cyberdip serve                                   # the baseline on http://127.0.0.1:8080/
  cyberdip serve scenarios/sanctions-tightened.toml --port 9000
  cyberdip serve --exercise stuxnet-response       # open straight on an exercise
  cyberdip serve --host 0.0.0.0                    # let a class connect (prints a warning)

The page: pick a state, move its challenges (001 Table 4) and levers (001 Table 5) or any global
parameter, press Run; charts compare the result with the unchanged scenario. Its address holds
every value, so a link reproduces the view; \"Export scenario\" gives a TOML file that
`cyberdip run FILE --timeseries` turns into the same CSV files. Stop with Ctrl-C. See docs/SERVE.md.")]
pub struct ServeArgs {
    /// Scenario of the what-if view.
    #[arg(default_value = "scenarios/baseline.toml")]
    pub scenario: PathBuf,
    /// Port to listen on (0: any free port; the address is printed).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Address to listen on. The default answers this computer only; another address lets
    /// others connect (anyone who can reach it can run simulations).
    #[arg(long, default_value = "127.0.0.1")]
    pub host: std::net::IpAddr,
    /// Open the page on this exercise (a file stem in the exercises folder).
    #[arg(long, value_name = "NAME")]
    pub exercise: Option<String>,
    /// Folder of the exercises listed on the start page (default: exercises/ beside the
    /// scenario, else scenarios/exercises).
    #[arg(long, value_name = "DIR")]
    pub exercises: Option<PathBuf>,
    /// Output folder: each run of the page writes its CSV files in OUT/job-N (older ones are removed).
    #[arg(long, short, value_name = "DIR", default_value = "out/serve")]
    pub out: PathBuf,
    /// Most replicate runs one request may ask for.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub max_runs: u64,
    /// Most runs queued or running at once; more are refused (HTTP 429) until one ends.
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub max_jobs: usize,
}

/// `cyberdip report`.
#[derive(Debug, Args)]
#[command(after_help = "With several folders the first is the reference: the page compares every other folder with it
(differences of means with 95% intervals). Open OUT/index.html in any browser; it needs no network.")]
pub struct ReportArgs {
    /// Output folders of `cyberdip run` or `cyberdip sweep` (run with --events and --timeseries for every chart).
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,
    /// Where to write index.html and the SVG charts (default: DIR/report for one folder, out/report for several).
    #[arg(long, short, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Page title.
    #[arg(long)]
    pub title: Option<String>,
}

/// `cyberdip exercise ...`.
#[derive(Debug, Subcommand)]
pub enum ExerciseCommand {
    /// List the exercises (built into the program; they work from any folder).
    List,
    /// Run an exercise: every policy choice (or those given), then a report comparing them.
    Run(ExerciseRunArgs),
}

/// `cyberdip exercise run`.
#[derive(Debug, Args)]
#[command(after_help = "Example: cyberdip exercise run stuxnet-response --choice restraint --choice retaliate
Prints the briefing and the questions, writes OUT/<choice>/ for each choice and OUT/report/index.html.")]
pub struct ExerciseRunArgs {
    /// Exercise name (one of `cyberdip exercise list`, built into the program) or the path of an exercise file.
    pub name: String,
    /// Policy choices to run (default: all of the exercise's choices).
    #[arg(long = "choice", value_name = "NAME")]
    pub choices: Vec<String>,
    /// Extra overrides on top of the choice (as for `run`).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
    /// Replicate runs per choice (default: the exercise's simulation.runs).
    #[arg(long, value_name = "N")]
    pub runs: Option<u64>,
    /// Output folder (default: out/exercises/NAME).
    #[arg(long, short, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// No progress bars.
    #[arg(long, short)]
    pub quiet: bool,
}

/// `cyberdip sweep`.
#[derive(Debug, Args)]
#[command(
    after_help = "Outputs in --out: points.csv, runs.csv, summary.csv, sensitivity.csv (sobol, morris), manifest.json.
Sharding: --shard I/N computes part I (numbered from 0) of N into DIR/shard-IIII-of-NNNN; `cyberdip merge DIR --out FINAL`
combines them. --shard auto reads SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT (Slurm job arrays, --array=0-(N-1)),
or JOB_COMPLETION_INDEX with CYBERDIP_SHARD_COUNT (Kubernetes Indexed Jobs); --shard auto/N takes N from the command.
Resume: work is saved in chunks; after a crash run the same command with --resume. See docs/CLUSTER.md."
)]
pub struct SweepArgs {
    /// Sweep file (TOML); see scenarios/sweeps/.
    pub sweep: PathBuf,
    /// Output folder.
    #[arg(long, short, value_name = "DIR", default_value = "out/sweep")]
    pub out: PathBuf,
    /// Compute only shard I of N (I from 0), or `auto` / `auto/N` from the job scheduler's environment.
    #[arg(long, value_name = "I/N|auto")]
    pub shard: Option<String>,
    /// Keep the chunks already computed in --out and do only the rest.
    #[arg(long)]
    pub resume: bool,
    /// No progress bar and no summary line.
    #[arg(long, short)]
    pub quiet: bool,
}

/// `cyberdip calibrate`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  cyberdip calibrate scenarios/calibration/quick.toml --out out/calibrate-quick
  cyberdip calibrate scenarios/calibration/full.toml --check scenarios/calibration/posterior.csv \\
      --morris scenarios/calibration/morris-sensitivity.csv --markdown docs/VALIDATION.md

The calibration file names a scenario, a target file (scenarios/calibration/targets.toml: every
figure with its source and role, calibration or held-out validation), the free parameters with
their prior ranges, and the ABC-SMC settings. Outputs in --out: posterior.csv (weighted draws),
fit.csv (every target: observed, model before and after, 95% interval, within tolerance),
generations.csv (tolerance, simulations and acceptance per generation), validation.md, and
manifest.json. Same file and seed give the same posterior on any number of threads.
Each completed generation is saved in DIR/.cyberdip-calibrate; after an interruption, the same
command with --resume continues from the last one and gives the same posterior.
See docs/VALIDATION.md.")]
pub struct CalibrateArgs {
    /// Calibration file (TOML); see scenarios/calibration/.
    pub file: PathBuf,
    /// Output folder.
    #[arg(long, short, value_name = "DIR", default_value = "out/calibrate")]
    pub out: PathBuf,
    /// Do not fit: check this posterior (posterior.csv of an earlier calibration) against every target.
    #[arg(long, value_name = "POSTERIOR")]
    pub check: Option<PathBuf>,
    /// A Morris sweep's sensitivity.csv: rank the assumptions in the validation page.
    #[arg(long, value_name = "CSV")]
    pub morris: Option<PathBuf>,
    /// Also write the validation page to this file (e.g. docs/VALIDATION.md).
    #[arg(long, value_name = "FILE")]
    pub markdown: Option<PathBuf>,
    /// Runs behind fit.csv (default: the file's check_runs).
    #[arg(long, value_name = "N")]
    pub check_runs: Option<u64>,
    /// Continue an interrupted calibration from the generations saved in DIR (same file, same inputs): the posterior is the same as an uninterrupted run's.
    #[arg(long, conflicts_with = "check")]
    pub resume: bool,
    /// No progress bar and no table.
    #[arg(long, short)]
    pub quiet: bool,
}

/// `cyberdip merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Shard folders, or folders containing them.
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,
    /// Output folder for the merged sweep.
    #[arg(long, short, value_name = "DIR", required = true)]
    pub out: PathBuf,
}

/// `cyberdip run`.
#[derive(Debug, Args)]
#[command(after_help = "Rerun one row of runs.csv alone (same values): cyberdip run SCENARIO --seed SEED --run RUN
(add the same --set/--ticks options; manifest.json records the command).")]
pub struct RunArgs {
    /// Scenario file (TOML).
    pub scenario: PathBuf,
    /// Number of replicate runs (default: the scenario's simulation.runs).
    #[arg(long, value_name = "N")]
    pub runs: Option<u64>,
    /// Seed of every random stream (default: the scenario's simulation.seed).
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Ticks (months) per run (default: the scenario's simulation.ticks).
    #[arg(long, value_name = "T")]
    pub ticks: Option<u64>,
    /// Run only replicate R (0-based, below 10,000,000), e.g. to rerun one row of runs.csv.
    #[arg(long = "run", value_name = "R", conflicts_with = "runs")]
    pub only_run: Option<u64>,
    /// Sweep point number of the streams (default 0), to rerun a row of a sweep's runs.csv.
    #[arg(long, value_name = "P", default_value_t = 0)]
    pub point: u64,
    /// Output folder (created if missing; locked while the run works; its results are replaced as one set at the end, other files left alone).
    #[arg(long, short, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,
    /// Override a scenario value: parameters.attack.base_rate=0.1, state.IRN.coordination=0.8, simulation.ticks=60.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
    /// Also write events.csv: every operation, response, sanction and alliance event.
    #[arg(long)]
    pub events: bool,
    /// Also write timeseries.csv: world and focus-state statistics every tick.
    #[arg(long)]
    pub timeseries: bool,
    /// Draw each run's parameters from this posterior (posterior.csv of `cyberdip calibrate`), so the intervals of summary.csv include parameter uncertainty; manifest.json says which kind they hold.
    #[arg(long, value_name = "FILE")]
    pub posterior: Option<PathBuf>,
    /// No progress bar and no summary table.
    #[arg(long, short)]
    pub quiet: bool,
}

/// `cyberdip validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Scenario files.
    #[arg(required = true)]
    pub scenarios: Vec<PathBuf>,
}

/// `cyberdip explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Scenario file.
    pub scenario: PathBuf,
    /// Only this state's keys (and no global parameters).
    #[arg(long, value_name = "ID")]
    pub state: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ExplainFormat,
    /// Override a scenario value before explaining.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
    /// List the output columns (runs.csv, states.csv, timeseries.csv) as a Markdown table instead.
    #[arg(long)]
    pub metrics: bool,
    /// List the model's mechanisms (seed row, phases, owned variables, streams, events,
    /// metrics, parameters) as a Markdown table instead, in the order they run.
    #[arg(long, conflicts_with = "metrics")]
    pub mechanisms: bool,
}

/// Formats of `explain`.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum ExplainFormat {
    /// Aligned text.
    Text,
    /// CSV with a header.
    Csv,
}
