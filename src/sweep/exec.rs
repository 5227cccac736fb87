//! Running a sweep's units: points from the design, units into atomic chunk files under
//! `DIR/.cyberdip-sweep/`, resuming from chunks already there, in parallel batches whose
//! rows are written in unit order.

use super::finish::{self, Meta};
use super::math::design::{self, Factor};
use super::math::testfns;
use super::spec::{SweepSpec, Target};
use crate::core::params::Kind;
use crate::core::rng::RunKey;
use crate::error::{Error, InputError, Result};
use crate::metrics::{self, Keep};
use crate::model::Model;
use crate::output::digest::Digest;
use crate::output::folder::{self, OutputDir};
use crate::output::{atomic, csv_out, interrupt};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Units per chunk file (part of the work layout; changing it invalidates saved chunks).
pub const CHUNK: u64 = 64;

/// Name of the folder holding chunks while a sweep runs.
pub const WORK_DIR: &str = ".cyberdip-sweep";

/// Which part of the units this process computes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    /// Index, from 0.
    pub index: u64,
    /// Number of shards.
    pub count: u64,
}

impl Shard {
    /// The whole sweep.
    pub const ALL: Shard = Shard { index: 0, count: 1 };

    /// The units of this shard out of `units`.
    pub fn range(&self, units: u64) -> std::ops::Range<u64> {
        let lo = (u128::from(units) * u128::from(self.index) / u128::from(self.count)) as u64;
        let hi = (u128::from(units) * u128::from(self.index + 1) / u128::from(self.count)) as u64;
        lo..hi
    }

    /// Folder name of a shard's output inside `--out`.
    pub fn dir_name(&self) -> String {
        format!("shard-{:04}-of-{:04}", self.index, self.count)
    }
}

/// The points of the design, in design order. Values of whole-number parameters are
/// rounded, so each point is a value `--set` accepts.
pub fn points(spec: &SweepSpec) -> Result<Vec<Vec<f64>>> {
    let factors: Vec<Factor> = spec.swept.iter().map(|s| s.factor.clone()).collect();
    let baseline: Vec<f64> = match &spec.target {
        Target::Scenario { base, .. } => {
            spec.swept.iter().zip(&factors).map(|(s, f)| base.number(&s.path).unwrap_or_else(|| mid(f))).collect()
        }
        _ => factors.iter().map(mid).collect(),
    };
    let mut pts = design::generate(&spec.design, &factors, &baseline, spec.seed)
        .map_err(|e| Error::input(InputError::file(spec.name.clone(), e.to_string())))?;
    if let Target::Scenario { base, .. } = &spec.target {
        for (k, s) in spec.swept.iter().enumerate() {
            if base.range_of(&s.path).is_ok_and(|r| r.kind == Kind::Int) {
                pts.iter_mut().for_each(|x| x[k] = x[k].round());
            }
        }
    }
    Ok(pts)
}

/// The model of point `p`: the sweep's document with the point's values set, built.
pub fn point_model(spec: &SweepSpec, doc: &crate::scenario::Document, p: u64, x: &[f64]) -> Result<Model> {
    let mut d = doc.clone();
    let origin = format!("point {p}");
    for (sw, v) in spec.swept.iter().zip(x) {
        d.set_number(&origin, &sw.path, *v).map_err(Error::input)?;
    }
    Ok(d.build()?.model())
}

fn mid(f: &Factor) -> f64 {
    match f {
        Factor::Range { low, high } => (low + high) / 2.0,
        Factor::Values(v) => v[v.len() / 2],
    }
}

/// What happens to progress while running.
pub trait Progress: Sync {
    /// `n` more units are done.
    fn advance(&self, n: u64);
}

/// Path of chunk `k` in `work`.
pub fn chunk_path(work: &Path, k: u64) -> PathBuf {
    work.join(format!("chunk-{k:010}.csv"))
}

/// Compute every chunk of `shard` not already saved in `work`; returns the range of chunk
/// numbers, in unit order (a range, not a list: memory must not grow with the work).
pub fn run_chunks(
    spec: &SweepSpec,
    points: &[Vec<f64>],
    shard: Shard,
    work: &Path,
    resume: bool,
    progress: &dyn Progress,
) -> Result<std::ops::Range<u64>> {
    let meta = Meta::new(spec, shard);
    prepare(work, &meta, resume)?;
    let units = units(spec, points.len())?;
    let range = shard.range(units);
    let first_chunk = range.start / CHUNK;
    let last_chunk = range.end.div_ceil(CHUNK);
    for k in first_chunk..last_chunk {
        let lo = (k * CHUNK).max(range.start);
        let hi = ((k + 1) * CHUNK).min(range.end);
        if lo >= hi {
            continue;
        }
        let file = chunk_path(work, k);
        if !(resume && chunk_is_complete(&file, spec, lo..hi)) {
            let mut bytes = compute(spec, points, lo..hi)?;
            let trailer = chunk_trailer(&bytes, hi - lo);
            bytes.extend_from_slice(trailer.as_bytes());
            atomic::write_fast(&file, &bytes)?;
        }
        progress.advance(hi - lo);
    }
    Ok(first_chunk..last_chunk)
}

/// Number of units (point, run) of a sweep: points × runs per point, checked.
pub fn units(spec: &SweepSpec, points: usize) -> Result<u64> {
    (points as u64).checked_mul(spec.runs).ok_or_else(|| {
        Error::input(InputError::file(
            spec.name.clone(),
            format!("{points} points x {} runs per point is more runs than can be counted", spec.runs),
        ))
    })
}

/// The last line of a chunk file: its row count and the digest of its rows, so a chunk cut
/// short or changed after it was written is computed again by `--resume`.
fn chunk_trailer(rows: &[u8], count: u64) -> String {
    format!("# rows {count} fnv1a64 {}\n", Digest::of(rows).hex())
}

/// A saved chunk counts only if its trailer matches its rows, and the rows are exactly
/// those of its units (a chunk cut short by a power failure, or edited, is computed again).
fn chunk_is_complete(file: &Path, spec: &SweepSpec, units: std::ops::Range<u64>) -> bool {
    let Ok(bytes) = std::fs::read(file) else { return false };
    let body_end = bytes[..bytes.len().saturating_sub(1)].iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    let (rows, trailer) = bytes.split_at(body_end);
    if trailer != chunk_trailer(rows, units.end - units.start).as_bytes() {
        return false;
    }
    let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(rows);
    let width = 4 + spec.columns.len();
    let mut expected = units.start;
    for rec in r.records() {
        let Ok(rec) = rec else { return false };
        let unit = |i: usize| rec.get(i).and_then(|x| x.parse::<u64>().ok());
        let at = unit(1).zip(unit(2)).and_then(|(p, r)| p.checked_mul(spec.runs).and_then(|u| u.checked_add(r)));
        if rec.len() != width || at != Some(expected) {
            return false;
        }
        expected += 1;
    }
    expected == units.end
}

/// Create the work folder (or check it holds chunks of the same sweep when resuming).
fn prepare(work: &Path, meta: &Meta, resume: bool) -> Result<()> {
    let meta_file = work.join("meta.json");
    if work.exists() {
        if resume {
            if let Ok(text) = std::fs::read_to_string(&meta_file) {
                let old: Meta = serde_json::from_str(&text)
                    .map_err(|e| Error::run(format!("cannot read {}", meta_file.display()), e))?;
                if old.hash != meta.hash || old.shard != meta.shard || old.chunk != meta.chunk {
                    return Err(Error::input(
                        InputError::file(
                            work.display().to_string(),
                            "--resume: this folder holds the work of a different sweep or shard",
                        )
                        .help("use another --out folder, or delete this one to start afresh"),
                    ));
                }
            }
        } else {
            std::fs::remove_dir_all(work).map_err(|e| Error::run(format!("cannot clear {}", work.display()), e))?;
        }
    }
    std::fs::create_dir_all(work).map_err(|e| Error::run(format!("cannot create {}", work.display()), e))?;
    // stale temporary files from a killed process are never part of the work
    if let Ok(entries) = std::fs::read_dir(work) {
        for e in entries.flatten() {
            if e.file_name().to_string_lossy().contains(".tmp-") {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    let json = serde_json::to_vec_pretty(meta).map_err(|e| Error::run("cannot encode meta", e))?;
    atomic::write(&meta_file, &json).map(|_| ())
}

/// runs.csv rows (no header) of units `range`, in unit order.
fn compute(spec: &SweepSpec, points: &[Vec<f64>], range: std::ops::Range<u64>) -> Result<Vec<u8>> {
    let runs = spec.runs;
    let name = spec.scenario_name();
    let (p_lo, p_hi) = (range.start / runs, (range.end - 1) / runs);
    // one model per point p_lo..=p_hi of this chunk (none for the test functions)
    let models: Vec<Model> = match &spec.target {
        Target::Scenario { doc, .. } => (p_lo..=p_hi)
            .into_par_iter()
            .map(|p| point_model(spec, doc, p, &points[p as usize]))
            .collect::<Result<Vec<_>>>()?,
        _ => Vec::new(),
    };
    let rows: Vec<Vec<f64>> = range
        .clone()
        .into_par_iter()
        .map(|u| {
            let (p, r) = (u / runs, u % runs);
            let x = &points[p as usize];
            match &spec.target {
                Target::Scenario { base, .. } => {
                    // p_lo <= p <= p_hi for every unit of the chunk, so the index is in range
                    let model = &models[(p - p_lo) as usize];
                    let key = RunKey { seed: spec.seed, point: spec.stream_point(p), run: r };
                    let res = metrics::run(model, key, Keep::default(), &base.focus).result;
                    metrics::run_values(&res, model, &base.focus)
                }
                Target::Ishigami { a, b } => vec![testfns::ishigami(x, *a, *b)],
                Target::SobolG { a } => vec![testfns::sobol_g(x, a)],
            }
        })
        .collect();
    let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
    for (u, values) in range.zip(rows) {
        w.write_record(csv_out::runs_row(&name, u / runs, u % runs, spec.seed, &values))
            .map_err(|e| Error::run("cannot format rows", e))?;
    }
    w.into_inner().map_err(|e| Error::run("cannot format rows", e.into_error()))
}

/// Run a whole sweep (or one shard) into `out`: the output folder (or the shard's folder
/// in it) is locked for the whole sweep and its files are replaced as one set at the end;
/// the chunks in its work folder survive an interruption, for `--resume`.
pub fn run(
    spec: &SweepSpec,
    shard: Shard,
    out: &Path,
    resume: bool,
    progress: &dyn Progress,
    command: Vec<String>,
) -> Result<(u64, Vec<finish::Ranked>)> {
    let points = points(spec)?;
    let all = units(spec, points.len())?;
    let dir = if shard.count > 1 { out.join(shard.dir_name()) } else { out.to_path_buf() };
    let mut od = OutputDir::begin(&dir, folder::Kind::Results, &command)?;
    let work = dir.join(WORK_DIR);
    let units = shard.range(all);
    let total = units.end - units.start;
    let counted = Counted { inner: progress, done: std::sync::Arc::new(AtomicU64::new(0)) };
    let done = counted.done.clone();
    let shown = work.display().to_string();
    let _note = interrupt::note(move || {
        let n = done.load(Ordering::Relaxed);
        format!("{shown}: {n} of {total} runs are saved; run the same command with --resume to continue from there")
    });
    let chunks = run_chunks(spec, &points, shard, &work, resume, &counted)?;
    let meta = Meta::new(spec, shard);
    let ranked = if shard.count > 1 {
        finish::write_shard(&meta, &points, &work, chunks, &mut od, command)?;
        od.commit("shard.json")?;
        Vec::new()
    } else {
        let r = finish::finish(&meta, &points, &[finish::Part::Chunks(work.clone(), chunks)], &mut od, command)?;
        od.commit("manifest.json")?;
        r
    };
    std::fs::remove_dir_all(&work).map_err(|e| Error::run(format!("cannot remove {}", work.display()), e))?;
    Ok((total, ranked))
}

/// Progress that also counts the units done (for the interruption note).
struct Counted<'a> {
    inner: &'a dyn Progress,
    done: std::sync::Arc<AtomicU64>,
}

impl Progress for Counted<'_> {
    fn advance(&self, n: u64) {
        self.done.fetch_add(n, Ordering::Relaxed);
        self.inner.advance(n);
    }
}
