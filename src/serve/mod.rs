//! `cyberdip serve`: the interactive what-if page — a local web app on the same engine and
//! with the same guarantees as the command line.
//!
//! - [`catalog`]: what the page can run (the scenario given on the command line and the
//!   exercises), loaded once at start; the parameter registry as the page's sliders.
//! - [`request`]: a page's state (its URL query) → a validated scenario, through the one
//!   path for values (`scenario::Document` with the command line's `--set`, `--runs`,
//!   `--ticks`, `--seed`), so bad values get the command line's located messages; the
//!   exported TOML file that `cyberdip run` turns into the same CSV files.
//! - [`jobs`]: runs in the background on all cores, one job at a time, a bounded queue,
//!   progress, cancel; results gathered in memory for the charts while the CSV files are
//!   written by the same writer as `cyberdip run` (`experiment::folder`).
//! - [`routes`]: the HTTP interface (axum on tokio): the page and its assets (all inside the
//!   binary), the JSON API, progress as server-sent events, downloads.
//!
//! Safety for a classroom: loopback unless `--host` says otherwise; limits on runs per
//! request, queued jobs and body size; nothing from a request names a file (jobs are
//! numbers, exercises are looked up in the catalog); files are written only in
//! job folders inside the output folder, and old ones are removed.

pub mod catalog;
pub mod jobs;
pub mod request;
pub mod routes;

use crate::error::{Error, Result};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

/// Limits that keep one page (or thirty) from taking the machine.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Most replicate runs in one request.
    pub max_runs: u64,
    /// Most months per run in one request.
    pub max_ticks: u64,
    /// Most jobs queued or running at once; more are refused with 429.
    pub max_jobs: usize,
    /// Largest request body, in bytes (413 beyond).
    pub max_body: usize,
    /// Most `set` values in one request.
    pub max_sets: usize,
    /// Finished jobs whose output folders are kept (older folders are removed).
    pub keep_folders: usize,
    /// Finished jobs whose results are kept in memory for the page.
    pub keep_jobs: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_runs: 1000,
            max_ticks: 600,
            max_jobs: 4,
            max_body: 64 * 1024,
            max_sets: 400,
            keep_folders: 8,
            keep_jobs: 64,
        }
    }
}

/// How to start the server.
#[derive(Clone, Debug)]
pub struct Options {
    /// The scenario of the what-if view.
    pub scenario: PathBuf,
    /// Exercise files (scenarios with an `[exercise]` section) listed on the start page.
    pub exercises: Vec<PathBuf>,
    /// Address to listen on.
    pub host: IpAddr,
    /// Port (0: any free port).
    pub port: u16,
    /// Open this exercise's view at the start address.
    pub exercise: Option<String>,
    /// Output folder: each job writes its files in a numbered folder inside it.
    pub out: PathBuf,
    /// Limits.
    pub limits: Limits,
}

/// The server is listening.
#[derive(Clone, Debug)]
pub struct Started {
    /// The address it listens on.
    pub addr: SocketAddr,
    /// The address to open in a browser (the exercise's view with `--exercise`).
    pub url: String,
}

/// Everything a request handler shares.
pub struct App {
    /// What can be run.
    pub catalog: catalog::Catalog,
    /// Running and finished jobs.
    pub jobs: Arc<jobs::Jobs>,
    /// Limits.
    pub limits: Limits,
    /// Listening on a loopback address (then only localhost host names are served).
    pub loopback: bool,
    /// The start page's view (`/exercise/STEM` with `--exercise`).
    pub start: Option<String>,
    /// Downloads being packed at once.
    pub zips: tokio::sync::Semaphore,
}

/// Load the catalog, listen, call `ready`, then serve until Ctrl-C. Bad scenario or
/// exercise files are input errors (exit 2) before anything listens.
pub fn run(opts: Options, ready: impl FnOnce(&Started)) -> Result<()> {
    let catalog = catalog::Catalog::load(&opts.scenario, &opts.exercises)?;
    let start_path = match &opts.exercise {
        Some(name) => format!("/exercise/{}", catalog.exercise_or_error(name)?.stem),
        None => "/".to_string(),
    };
    std::fs::create_dir_all(&opts.out)
        .map_err(|e| Error::run(format!("cannot create output folder {}", opts.out.display()), e))?;
    let jobs = jobs::Jobs::start(opts.out.clone(), opts.limits.clone())?;
    let app = Arc::new(App {
        catalog,
        jobs: jobs.clone(),
        limits: opts.limits.clone(),
        loopback: opts.host.is_loopback(),
        start: opts.exercise.is_some().then(|| start_path.clone()),
        zips: tokio::sync::Semaphore::new(2),
    });
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("cyberdip-http")
        .enable_all()
        .build()
        .map_err(|e| Error::run("cannot start the HTTP runtime", e))?;
    let stopping = jobs.clone();
    rt.block_on(async move {
        let addr = SocketAddr::new(opts.host, opts.port);
        let listener =
            tokio::net::TcpListener::bind(addr).await.map_err(|e| Error::run(format!("cannot listen on {addr}"), e))?;
        let addr = listener.local_addr().map_err(|e| Error::run("cannot read the listening address", e))?;
        let host = match addr.ip() {
            IpAddr::V6(ip) => format!("[{ip}]"),
            IpAddr::V4(ip) => ip.to_string(),
        };
        ready(&Started { addr, url: format!("http://{host}:{}{start_path}", addr.port()) });
        let router = routes::router(app);
        let stop = async move {
            let _ = tokio::signal::ctrl_c().await;
            stopping.shutdown(); // running jobs stop, so their progress streams end
        };
        axum::serve(listener, router)
            .with_graceful_shutdown(stop)
            .await
            .map_err(|e| Error::run("the HTTP server stopped", e))
    })?;
    jobs.shutdown();
    jobs.join();
    Ok(())
}
