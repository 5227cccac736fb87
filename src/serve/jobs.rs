//! Jobs: the page's runs, computed in the background on all cores.
//!
//! One worker thread takes jobs in order and runs each on the rayon pool (every core), so
//! a job gets the whole machine and the queue is first come, first served. At most
//! `max_jobs` jobs are queued or running; more are refused (the page shows 429). Each job
//! writes its CSV files with `experiment::folder` (the writer of `cyberdip run`) into its
//! own numbered folder inside the output folder, while a `report::live::Collector` gathers
//! the charts' aggregates in memory. The unchanged scenario's results are cached by (file,
//! runs, months, seed), so a what-if computes only what changed.
//!
//! Memory and disk stay bounded: finished jobs beyond `keep_jobs` are forgotten, and the
//! folders of finished jobs beyond `keep_folders` are removed (only folders this server
//! made, by their number).

use super::Limits;
use super::request::{Prepared, RefKey, command};
use crate::error::{Error, Result};
use crate::experiment::folder::{self, Done, Params, Plan, Watch};
use crate::metrics::Keep;
use crate::report::live::{Collector, Results};
use crate::scenario::Scenario;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

/// Unchanged scenarios whose results are kept.
const KEEP_REFERENCES: usize = 8;
/// Name of a job's folder of results (the what-if, or the unchanged scenario).
pub const RESULTS: &str = "results";
/// Name of a job's folder for the unchanged scenario, when it computed it.
pub const REFERENCE: &str = "reference";

/// Where a job is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Waiting for the worker.
    Queued,
    /// Being computed.
    Running,
    /// Finished; results available.
    Done,
    /// Stopped by Cancel (or the server stopping); no files kept.
    Cancelled,
    /// Failed; see the error.
    Failed,
}

impl Phase {
    /// Lower-case name used by the API.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Queued => "queued",
            Phase::Running => "running",
            Phase::Done => "done",
            Phase::Cancelled => "cancelled",
            Phase::Failed => "failed",
        }
    }

    /// Whether the job will not change any more.
    pub fn finished(self) -> bool {
        matches!(self, Phase::Done | Phase::Cancelled | Phase::Failed)
    }
}

/// A finished job's results.
pub struct Outcome {
    /// The requested scenario's results.
    pub main: Results,
    /// The unchanged scenario's results (the same as `main` when nothing changed).
    pub reference: Results,
}

struct State {
    phase: Phase,
    outcome: Option<Arc<Outcome>>,
    error: Option<String>,
    started: Option<Instant>,
    seconds: Option<f64>,
}

/// One request to run.
pub struct Job {
    /// Its number (also its folder's).
    pub id: u64,
    /// What to run.
    pub req: Prepared,
    /// Its folder inside the output folder.
    pub dir: PathBuf,
    /// Runs computed so far.
    pub done: AtomicU64,
    /// Runs to compute.
    pub total: AtomicU64,
    stop: AtomicBool,
    files: AtomicBool,
    state: Mutex<State>,
}

impl Job {
    fn lock(&self) -> MutexGuard<'_, State> {
        // a panic while holding this lock cannot leave the state half-changed (plain writes)
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Where it is.
    pub fn phase(&self) -> Phase {
        self.lock().phase
    }

    /// Its results, once done.
    pub fn outcome(&self) -> Option<Arc<Outcome>> {
        self.lock().outcome.clone()
    }

    /// Whether its CSV files are still on disk.
    pub fn has_files(&self) -> bool {
        self.files.load(Ordering::Relaxed)
    }

    /// Ask it to stop: a queued job is cancelled at once, a running one before its next
    /// batch of runs.
    pub fn cancel(&self) {
        self.stop.store(true, Ordering::Relaxed);
        let mut s = self.lock();
        if s.phase == Phase::Queued {
            s.phase = Phase::Cancelled;
        }
    }

    /// The API's view of it.
    pub fn status(&self) -> Value {
        let s = self.lock();
        let seconds = s.seconds.or_else(|| s.started.map(|t| t.elapsed().as_secs_f64()));
        json!({
            "id": self.id,
            "state": s.phase.name(),
            "done": self.done.load(Ordering::Relaxed),
            "total": self.total.load(Ordering::Relaxed),
            "seconds": seconds,
            "error": s.error,
            "label": self.req.label,
            "reference": self.req.ref_label,
            "changed": self.req.changed(),
            "changes": self.req.changes,
            "runs": self.req.scenario.sim.runs,
            "ticks": self.req.scenario.sim.ticks,
            "seed": self.req.scenario.sim.seed,
            "files": self.has_files() && s.phase == Phase::Done,
            "command": self.req.command(&format!("out/{}", self.req.file_name().trim_end_matches(".toml"))),
        })
    }

    fn finish(&self, phase: Phase, outcome: Option<Outcome>, error: Option<String>) {
        let mut s = self.lock();
        s.phase = phase;
        s.outcome = outcome.map(Arc::new);
        s.error = error;
        s.seconds = s.started.map(|t| t.elapsed().as_secs_f64());
    }
}

/// Why a job was not accepted.
#[derive(Debug)]
pub enum Refused {
    /// Too many jobs queued or running: try again later (429).
    Busy {
        /// Jobs queued or running.
        active: usize,
    },
    /// The server is stopping (503).
    Closing,
}

struct Table {
    next: u64,
    jobs: BTreeMap<u64, Arc<Job>>,
}

/// Every job of this server.
pub struct Jobs {
    out: PathBuf,
    limits: Limits,
    table: Mutex<Table>,
    refs: Mutex<Vec<(RefKey, Results)>>,
    tx: Mutex<Option<Sender<Arc<Job>>>>,
    worker: Mutex<Option<std::thread::JoinHandle<()>>>,
    closing: AtomicBool,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // every critical section is a few plain inserts/removals: a panic cannot break an invariant
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Jobs {
    /// Start the worker. Job numbers continue after the highest `job-N` folder already in
    /// `out`, so a restarted server never writes into an old job's folder.
    pub fn start(out: PathBuf, limits: Limits) -> Result<Arc<Jobs>> {
        let next = std::fs::read_dir(&out)
            .map_err(|e| Error::run(format!("cannot read {}", out.display()), e))?
            .flatten()
            .filter_map(|e| e.file_name().to_str()?.strip_prefix("job-")?.parse::<u64>().ok())
            .max()
            .map_or(1, |m| m + 1);
        let (tx, rx) = channel();
        let jobs = Arc::new(Jobs {
            out,
            limits,
            table: Mutex::new(Table { next, jobs: BTreeMap::new() }),
            refs: Mutex::new(Vec::new()),
            tx: Mutex::new(Some(tx)),
            worker: Mutex::new(None),
            closing: AtomicBool::new(false),
        });
        let w = jobs.clone();
        let handle = std::thread::Builder::new()
            .name("cyberdip-jobs".into())
            .spawn(move || w.work(rx))
            .map_err(|e| Error::run("cannot start the job thread", e))?;
        *lock(&jobs.worker) = Some(handle);
        Ok(jobs)
    }

    /// Queue a job, or refuse it when `max_jobs` are queued or running.
    pub fn submit(&self, req: Prepared) -> std::result::Result<Arc<Job>, Refused> {
        if self.closing.load(Ordering::Relaxed) {
            return Err(Refused::Closing);
        }
        let mut t = lock(&self.table);
        let active = t.jobs.values().filter(|j| !j.phase().finished()).count();
        if active >= self.limits.max_jobs {
            return Err(Refused::Busy { active });
        }
        let id = t.next;
        t.next += 1;
        let total = req.scenario.sim.runs + if req.changed() { req.reference.sim.runs } else { 0 };
        let job = Arc::new(Job {
            id,
            dir: self.out.join(format!("job-{id:06}")),
            req,
            done: AtomicU64::new(0),
            total: AtomicU64::new(total),
            stop: AtomicBool::new(false),
            files: AtomicBool::new(false),
            state: Mutex::new(State { phase: Phase::Queued, outcome: None, error: None, started: None, seconds: None }),
        });
        let sent = lock(&self.tx).as_ref().is_some_and(|tx| tx.send(job.clone()).is_ok());
        if !sent {
            return Err(Refused::Closing);
        }
        t.jobs.insert(id, job.clone());
        Ok(job)
    }

    /// A job by number (forgotten jobs are gone).
    pub fn get(&self, id: u64) -> Option<Arc<Job>> {
        lock(&self.table).jobs.get(&id).cloned()
    }

    /// Jobs queued or running.
    pub fn active(&self) -> usize {
        lock(&self.table).jobs.values().filter(|j| !j.phase().finished()).count()
    }

    /// Jobs known (finished ones included, up to `keep_jobs`).
    pub fn known(&self) -> usize {
        lock(&self.table).jobs.len()
    }

    /// Stop every job and accept no more; the worker ends when the queue is empty.
    pub fn shutdown(&self) {
        self.closing.store(true, Ordering::Relaxed);
        lock(&self.tx).take();
        for j in lock(&self.table).jobs.values() {
            j.cancel();
        }
    }

    /// After [`Jobs::shutdown`]: wait for the running job to stop (within one batch of runs),
    /// so that it removes its unfinished files.
    pub fn join(&self) {
        let handle = lock(&self.worker).take();
        if let Some(h) = handle {
            let _ = h.join();
        }
    }

    fn work(self: Arc<Jobs>, rx: Receiver<Arc<Job>>) {
        for job in rx {
            self.tidy();
            {
                let mut s = job.lock();
                if s.phase != Phase::Queued {
                    continue; // cancelled while queued
                }
                s.phase = Phase::Running;
                s.started = Some(Instant::now());
            }
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.execute(&job)));
            match result {
                Ok(Ok(Some(outcome))) => {
                    job.files.store(true, Ordering::Relaxed);
                    job.finish(Phase::Done, Some(outcome), None);
                }
                Ok(Ok(None)) => {
                    remove_folder(&job.dir);
                    job.finish(Phase::Cancelled, None, None);
                }
                Ok(Err(e)) => {
                    remove_folder(&job.dir);
                    job.finish(Phase::Failed, None, Some(e.to_string()));
                }
                Err(_) => {
                    remove_folder(&job.dir);
                    job.finish(Phase::Failed, None, Some("the run panicked (a bug: please report it)".into()));
                }
            }
        }
    }

    fn execute(&self, job: &Job) -> Result<Option<Outcome>> {
        let req = &job.req;
        let cached = if req.changed() { self.reference(&req.key) } else { None };
        let computed_ref = req.changed() && cached.is_none();
        job.total
            .store(req.scenario.sim.runs + if computed_ref { req.reference.sim.runs } else { 0 }, Ordering::Relaxed);
        let reference = match cached {
            Some(r) => Some(r),
            None if computed_ref => {
                let dir = job.dir.join(REFERENCE);
                let Some(r) = compute(job, &req.reference, &[], &dir, &req.ref_label)? else { return Ok(None) };
                self.remember(req.key.clone(), r.clone());
                Some(r)
            }
            None => None,
        };
        let dir = job.dir.join(RESULTS);
        let Some(main) = compute(job, &req.scenario, &req.changes, &dir, &req.label)? else { return Ok(None) };
        if !req.changed() {
            self.remember(req.key.clone(), main.clone());
        }
        let reference = reference.unwrap_or_else(|| main.clone()).with_label(&req.ref_label);
        Ok(Some(Outcome { main, reference }))
    }

    fn reference(&self, key: &RefKey) -> Option<Results> {
        lock(&self.refs).iter().find(|(k, _)| k == key).map(|(_, r)| r.clone())
    }

    fn remember(&self, key: RefKey, r: Results) {
        let mut refs = lock(&self.refs);
        refs.retain(|(k, _)| *k != key);
        refs.push((key, r));
        let excess = refs.len().saturating_sub(KEEP_REFERENCES);
        refs.drain(..excess);
    }

    /// Forget the oldest finished jobs beyond `keep_jobs` and remove the folders of those
    /// beyond `keep_folders` (runs on the worker thread, between jobs).
    fn tidy(&self) {
        let mut drop_files = Vec::new();
        {
            let mut t = lock(&self.table);
            let finished: Vec<u64> = t.jobs.values().filter(|j| j.phase().finished()).map(|j| j.id).collect();
            let with_files: Vec<&Arc<Job>> =
                finished.iter().filter_map(|id| t.jobs.get(id)).filter(|j| j.has_files()).collect();
            let excess = with_files.len().saturating_sub(self.limits.keep_folders);
            for j in with_files.into_iter().take(excess) {
                j.files.store(false, Ordering::Relaxed);
                drop_files.push(j.dir.clone());
            }
            let excess = finished.len().saturating_sub(self.limits.keep_jobs);
            for id in finished.into_iter().take(excess) {
                if let Some(j) = t.jobs.remove(&id) {
                    if j.files.swap(false, Ordering::Relaxed) {
                        drop_files.push(j.dir.clone());
                    }
                }
            }
        }
        for d in drop_files {
            remove_folder(&d);
        }
    }
}

/// Remove a job's folder (a folder this server made: `OUT/job-N`).
fn remove_folder(dir: &Path) {
    if dir.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("job-")) {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// Run one scenario of a job into `dir`, gathering its results; None when stopped.
fn compute(job: &Job, sc: &Scenario, changes: &[String], dir: &Path, label: &str) -> Result<Option<Results>> {
    let cols = folder::columns(sc);
    let mut collector = Collector::new(&sc.name, sc.sim.seed, u64::from(sc.sim.ticks), &cols.runs, &cols.series);
    let plan = Plan {
        scenario: job.req.path.clone(),
        out: dir.to_path_buf(),
        point: 0,
        only_run: None,
        keep: Keep { events: false, series: true },
        extra: Vec::new(),
        params: Params::Fixed,
    };
    let argv = command(&job.req.path, changes, &sc.sim, &dir.display().to_string());
    let done = &job.done;
    let mut each = |d: Done<'_>| {
        collector.run(d.run, d.metrics, d.series);
        done.fetch_add(1, Ordering::Relaxed);
    };
    let written = folder::write(sc, &plan, argv, Watch { each: &mut each, stop: &job.stop })?;
    Ok(written.and_then(|w| collector.finish(label, &w.stats)))
}
