//! Assembling a sweep's outputs by streaming its rows in unit order — from chunk files
//! (a whole sweep) or from shards' runs.csv (`cyberdip merge`) — into points.csv, runs.csv,
//! summary.csv, sensitivity.csv (sobol, morris) and manifest.json. One code path for
//! both, so a merged sweep is byte-identical to an unsharded one.

use super::exec::{CHUNK, Shard, chunk_path};
use super::math::design::{Design, Factor};
use super::math::sensitivity;
use super::spec::SweepSpec;
use crate::core::rng::mix;
use crate::error::{Error, InputError, Result};
use crate::metrics::summary::Summary;
use crate::output::csv_out::{self, CsvFile};
use crate::output::digest::Digest;
use crate::output::folder::{Kind, OutputDir, Set, read_set};
use crate::output::manifest::now_utc;
use crate::output::num;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// A swept parameter as recorded in meta files.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParamMeta {
    /// Path.
    pub path: String,
    /// Range low end (ranges).
    pub min: Option<f64>,
    /// Range high end (ranges).
    pub max: Option<f64>,
    /// Value list (lists).
    pub values: Option<Vec<f64>>,
}

/// Everything needed to finish a sweep from its rows, recorded with chunks and shards.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// Tool and version.
    pub tool: String,
    /// Sweep name.
    pub sweep: String,
    /// Digest of every input.
    pub hash: String,
    /// Scenario name (runs.csv `scenario` column).
    pub scenario: String,
    /// Design name.
    pub design: String,
    /// Sobol N, LHS samples or Morris trajectories (0 if unused).
    pub samples: usize,
    /// Grid, OAT or Morris levels (0 if unused).
    pub levels: usize,
    /// Sobol second-order indices.
    pub second_order: bool,
    /// Swept parameters.
    pub parameters: Vec<ParamMeta>,
    /// Runs per point.
    pub runs: u64,
    /// Months per run (0 for the test functions, which have none).
    #[serde(default)]
    pub ticks: u32,
    /// Seed.
    pub seed: u64,
    /// Metric columns of runs.csv.
    pub columns: Vec<String>,
    /// Metrics analysed.
    pub metrics: Vec<String>,
    /// Common random numbers across points.
    pub common_random_numbers: bool,
    /// Bootstrap replicates.
    pub bootstrap: usize,
    /// Confidence level.
    pub confidence: f64,
    /// Units per chunk.
    pub chunk: u64,
    /// (index, count) of the shard.
    pub shard: (u64, u64),
    /// Input names.
    pub inputs: Vec<String>,
}

impl Meta {
    /// The meta of `spec` for `shard`.
    pub fn new(spec: &SweepSpec, shard: Shard) -> Meta {
        let (design, samples, levels, second_order) = match spec.design {
            Design::Grid { levels } => ("grid", 0, levels, false),
            Design::Oat { levels } => ("oat", 0, levels, false),
            Design::Lhs { samples } => ("lhs", samples, 0, false),
            Design::Sobol { n, second_order } => ("sobol", n, 0, second_order),
            Design::Morris { trajectories, levels } => ("morris", trajectories, levels, false),
        };
        Meta {
            tool: format!("cyberdip {}", env!("CARGO_PKG_VERSION")),
            sweep: spec.name.clone(),
            hash: spec.hash.clone(),
            scenario: spec.scenario_name(),
            design: design.into(),
            samples,
            levels,
            second_order,
            parameters: spec
                .swept
                .iter()
                .map(|s| match &s.factor {
                    Factor::Range { low, high } => {
                        ParamMeta { path: s.path.clone(), min: Some(*low), max: Some(*high), values: None }
                    }
                    Factor::Values(v) => {
                        ParamMeta { path: s.path.clone(), min: None, max: None, values: Some(v.clone()) }
                    }
                })
                .collect(),
            runs: spec.runs,
            ticks: match &spec.target {
                super::spec::Target::Scenario { base, .. } => base.sim.ticks,
                _ => 0,
            },
            seed: spec.seed,
            columns: spec.columns.clone(),
            metrics: spec.metrics.clone(),
            common_random_numbers: spec.common_random_numbers,
            bootstrap: spec.bootstrap,
            confidence: spec.confidence,
            chunk: CHUNK,
            shard: (shard.index, shard.count),
            inputs: spec.inputs.clone(),
        }
    }

    fn factors(&self) -> Vec<Factor> {
        self.parameters
            .iter()
            .map(|p| match (&p.values, p.min, p.max) {
                (Some(v), _, _) => Factor::Values(v.clone()),
                (None, Some(lo), Some(hi)) => Factor::Range { low: lo, high: hi },
                _ => Factor::Values(vec![0.0]),
            })
            .collect()
    }
}

/// Where rows come from, in unit order.
pub enum Part {
    /// Chunk files without header: the work folder and the chunk numbers.
    Chunks(PathBuf, std::ops::Range<u64>),
    /// A shard's runs.csv (with header).
    RunsCsv(PathBuf),
}

fn reader(path: &Path, header: bool) -> Result<csv::Reader<std::fs::File>> {
    csv::ReaderBuilder::new()
        .has_headers(header)
        .comment(if header { None } else { Some(b'#') }) // a chunk's trailer line
        .from_path(path)
        .map_err(|e| Error::run(format!("cannot read {}", path.display()), e))
}

/// Write points.csv.
fn write_points(meta: &Meta, points: &[Vec<f64>], out: &mut OutputDir) -> Result<()> {
    let mut header = vec!["point".to_string()];
    header.extend(meta.parameters.iter().map(|p| p.path.clone()));
    let mut f = CsvFile::create(&out.path("points.csv"), &header)?;
    for (i, p) in points.iter().enumerate() {
        let mut row = vec![i.to_string()];
        row.extend(p.iter().map(|v| num(*v)));
        f.row(row)?;
    }
    out.add("points.csv", f.commit()?);
    Ok(())
}

/// Read points.csv written by [`write_points`] (an input of `merge`: problems are input
/// errors naming the file and line).
pub fn read_points(path: &Path) -> Result<Vec<Vec<f64>>> {
    let bad = |line: u64, m: String| {
        Error::input(
            InputError::file(path.display().to_string(), format!("line {line}: {m}"))
                .help("this shard's points.csv is damaged: run the shard again"),
        )
    };
    let mut r = reader(path, true)?;
    let mut out = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| bad(e.position().map_or(0, csv::Position::line), e.to_string()))?;
        let line = rec.position().map_or(0, csv::Position::line);
        let mut row = Vec::with_capacity(rec.len().saturating_sub(1));
        for x in rec.iter().skip(1) {
            row.push(x.parse::<f64>().map_err(|_| bad(line, format!("'{x}' is not a number")))?);
        }
        out.push(row);
    }
    Ok(out)
}

/// A shard's outputs: its runs, the points and its meta (shard.json, written last, with
/// the size and digest of each file).
pub fn write_shard(
    meta: &Meta,
    points: &[Vec<f64>],
    work: &Path,
    chunks: std::ops::Range<u64>,
    out: &mut OutputDir,
    command: Vec<String>,
) -> Result<()> {
    write_points(meta, points, out)?;
    let mut runs = CsvFile::create(&out.path("runs.csv"), &csv_out::runs_header(&meta.columns))?;
    for k in chunks {
        let c = chunk_path(work, k);
        for rec in reader(&c, false)?.records() {
            runs.row(&rec.map_err(|e| Error::run(format!("cannot read {}", c.display()), e))?)?;
        }
    }
    out.add("runs.csv", runs.commit()?);
    #[derive(Serialize)]
    struct ShardFile<'a> {
        meta: &'a Meta,
        command: Vec<String>,
        finished: String,
        files: serde_json::Value,
    }
    let json = serde_json::to_vec_pretty(&ShardFile { meta, command, finished: now_utc(), files: out.files_json() })
        .map_err(|e| Error::run("cannot encode shard.json", e))?;
    out.write("shard.json", &json)?;
    Ok(())
}

/// Assemble the final outputs of a sweep in `out` from `parts` (rows in unit order);
/// manifest.json is written last. Returns the sensitivity indices for the terminal.
pub fn finish(
    meta: &Meta,
    points: &[Vec<f64>],
    parts: &[Part],
    out: &mut OutputDir,
    command: Vec<String>,
) -> Result<Vec<Ranked>> {
    let n_points = points.len();
    let k = meta.columns.len();
    let analysed: Vec<usize> = meta.metrics.iter().filter_map(|m| meta.columns.iter().position(|c| c == m)).collect();
    let mut means = vec![vec![0.0; analysed.len()]; n_points];
    write_points(meta, points, out)?;
    let mut runs = CsvFile::create(&out.path("runs.csv"), &csv_out::runs_header(&meta.columns))?;
    let mut summary = CsvFile::create(&out.path("summary.csv"), &csv_out::SUMMARY_HEADER.map(String::from))?;
    let mut sums: Vec<Summary> = vec![Summary::default(); k];
    let mut current: Option<u64> = None;
    let mut expected_unit = 0u64;
    let flush = |point: u64, sums: &mut Vec<Summary>, summary: &mut CsvFile, means: &mut Vec<Vec<f64>>| -> Result<()> {
        for (c, s) in meta.columns.iter().zip(sums.iter_mut()) {
            summary.row(csv_out::summary_row(&meta.scenario, point, c, &s.stats()))?;
        }
        for (slot, &j) in means[point as usize].iter_mut().zip(&analysed) {
            *slot = sums[j].mean();
        }
        sums.iter_mut().for_each(|s| *s = Summary::default());
        Ok(())
    };
    for part in parts {
        let (files, header): (Box<dyn Iterator<Item = PathBuf>>, bool) = match part {
            Part::Chunks(work, ks) => (Box::new(ks.clone().map(|k| chunk_path(work, k))), false),
            Part::RunsCsv(f) => (Box::new(std::iter::once(f.clone())), true),
        };
        // A shard's runs.csv is an input of `merge`: its problems are input errors (exit 2).
        let shard_input = matches!(part, Part::RunsCsv(_));
        for file in files {
            let bad = |line: u64, m: String| {
                if shard_input {
                    Error::input(
                        InputError::file(file.display().to_string(), format!("line {line}: {m}"))
                            .help("this shard's runs.csv is damaged: run the shard again, then merge"),
                    )
                } else {
                    Error::run(format!("{} line {line}", file.display()), m)
                }
            };
            for rec in reader(&file, header)?.records() {
                let rec = rec.map_err(|e| bad(e.position().map_or(0, csv::Position::line), e.to_string()))?;
                let line = rec.position().map_or(0, csv::Position::line);
                let parse = |i: usize| -> Result<f64> {
                    rec.get(i)
                        .and_then(|x| x.parse::<f64>().ok())
                        .ok_or_else(|| bad(line, format!("field {} is not a number: {:?}", i + 1, rec.get(i))))
                };
                let whole = |i: usize| -> Result<u64> {
                    rec.get(i)
                        .and_then(|x| x.parse::<u64>().ok())
                        .ok_or_else(|| bad(line, format!("field {} is not a whole number: {:?}", i + 1, rec.get(i))))
                };
                let (point, run) = (whole(1)?, whole(2)?);
                let unit = point.checked_mul(meta.runs).and_then(|u| u.checked_add(run));
                if unit != Some(expected_unit) || rec.len() != 4 + k {
                    return Err(bad(
                        line,
                        format!(
                            "unexpected row for point {point} run {run} with {} fields (expected unit {expected_unit} with {})",
                            rec.len(),
                            4 + k
                        ),
                    ));
                }
                expected_unit += 1;
                if current.is_some_and(|c| c != point) {
                    flush(current.unwrap_or(0), &mut sums, &mut summary, &mut means)?;
                }
                current = Some(point);
                for (j, s) in sums.iter_mut().enumerate() {
                    s.push(parse(4 + j)?);
                }
                runs.row(&rec)?;
            }
        }
    }
    if let Some(c) = current {
        flush(c, &mut sums, &mut summary, &mut means)?;
    }
    let units = n_points as u64 * meta.runs;
    if expected_unit != units {
        return Err(Error::run("assembling the sweep", format!("found {expected_unit} of {units} runs")));
    }
    out.add("runs.csv", runs.commit()?);
    out.add("summary.csv", summary.commit()?);
    let ranked = sensitivity(meta, points, &means, &analysed, out)?;
    let manifest = serde_json::json!({
        "tool": meta.tool,
        "command": command,
        "sweep": meta.sweep,
        "scenario": meta.scenario,
        "inputs": meta.inputs,
        "sweep_hash": meta.hash,
        "design": meta.design,
        "points": n_points,
        "runs_per_point": meta.runs,
        "runs": units,
        "ticks": (meta.ticks > 0).then_some(meta.ticks),
        "seed": meta.seed,
        "finished": now_utc(),
        "common_random_numbers": meta.common_random_numbers,
        "rerun": format!(
            "a row (point P, run R) reruns alone as `cyberdip run SCENARIO --seed {} --run R{}` with --set PATH=VALUE for each column of points.csv row P (and the sweep's `set` and `ticks`){}",
            meta.seed,
            if meta.common_random_numbers { "" } else { " --point P" },
            if meta.common_random_numbers { "; with common random numbers every point's run R uses the streams of point 0, so the rerun's point column reads 0" } else { "" }
        ),
    });
    let mut manifest = manifest;
    manifest["files"] = out.files_json();
    let bytes = serde_json::to_vec_pretty(&manifest).map_err(|e| Error::run("cannot encode manifest", e))?;
    out.write("manifest.json", &bytes)?;
    Ok(ranked)
}

/// One analysed metric's parameters, most influential first, for the terminal summary.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    /// runs.csv column.
    pub metric: String,
    /// The index used to rank: "ST" (Sobol' total) or "mu*" (Morris).
    pub index: &'static str,
    /// (parameter, index value), largest first.
    pub params: Vec<(String, f64)>,
}

fn ranked(metric: &str, index: &'static str, mut params: Vec<(String, f64)>) -> Ranked {
    params.sort_by(|a, b| b.1.total_cmp(&a.1));
    Ranked { metric: metric.to_string(), index, params }
}

/// sensitivity.csv (and sensitivity_s2.csv for second-order Sobol) from per-point means.
fn sensitivity(
    meta: &Meta,
    points: &[Vec<f64>],
    means: &[Vec<f64>],
    analysed: &[usize],
    out: &mut OutputDir,
) -> Result<Vec<Ranked>> {
    let mut ranks = Vec::new();
    let names: Vec<&str> = meta.parameters.iter().map(|p| p.path.as_str()).collect();
    let kf = names.len();
    let fail = |e: super::math::design::DesignError| Error::input(InputError::file(meta.sweep.clone(), e.to_string()));
    match meta.design.as_str() {
        "sobol" => {
            let mut f = CsvFile::create(
                &out.path("sensitivity.csv"),
                &["metric", "parameter", "S1", "S1_ci_low", "S1_ci_high", "ST", "ST_ci_low", "ST_ci_high"]
                    .map(String::from),
            )?;
            let mut f2 = if meta.second_order {
                Some(CsvFile::create(
                    &out.path("sensitivity_s2.csv"),
                    &["metric", "parameter_i", "parameter_j", "S2", "S2_ci_low", "S2_ci_high"].map(String::from),
                )?)
            } else {
                None
            };
            for (m, &j) in analysed.iter().enumerate() {
                let y: Vec<f64> = means.iter().map(|r| r[m]).collect();
                let (first, second) = sensitivity::sobol_analyze(
                    &y,
                    kf,
                    meta.second_order,
                    meta.bootstrap,
                    meta.confidence,
                    mix(meta.seed ^ j as u64),
                )
                .map_err(fail)?;
                let metric = &meta.columns[j];
                ranks.push(ranked(metric, "ST", first.iter().map(|s| (names[s.factor].to_string(), s.st)).collect()));
                for s in first {
                    f.row([
                        metric.clone(),
                        names[s.factor].to_string(),
                        num(s.s1),
                        num(s.s1_ci.0),
                        num(s.s1_ci.1),
                        num(s.st),
                        num(s.st_ci.0),
                        num(s.st_ci.1),
                    ])?;
                }
                if let Some(f2) = f2.as_mut() {
                    for s in second {
                        f2.row([
                            metric.clone(),
                            names[s.i].to_string(),
                            names[s.j].to_string(),
                            num(s.s2),
                            num(s.s2_ci.0),
                            num(s.s2_ci.1),
                        ])?;
                    }
                }
            }
            out.add("sensitivity.csv", f.commit()?);
            if let Some(f2) = f2 {
                out.add("sensitivity_s2.csv", f2.commit()?);
            }
        }
        "morris" => {
            let mut f = CsvFile::create(
                &out.path("sensitivity.csv"),
                &["metric", "parameter", "mu", "mu_star", "mu_star_ci_low", "mu_star_ci_high", "sigma"]
                    .map(String::from),
            )?;
            let factors = meta.factors();
            for (m, &j) in analysed.iter().enumerate() {
                let y: Vec<f64> = means.iter().map(|r| r[m]).collect();
                let idx = sensitivity::morris_analyze(
                    points,
                    &y,
                    &factors,
                    meta.samples,
                    meta.levels,
                    meta.bootstrap,
                    meta.confidence,
                    mix(meta.seed ^ j as u64),
                )
                .map_err(fail)?;
                let metric = &meta.columns[j];
                ranks.push(ranked(
                    metric,
                    "mu*",
                    idx.iter().map(|s| (names[s.factor].to_string(), s.mu_star)).collect(),
                ));
                for s in idx {
                    f.row([
                        metric.clone(),
                        names[s.factor].to_string(),
                        num(s.mu),
                        num(s.mu_star),
                        num(s.mu_star_ci.0),
                        num(s.mu_star_ci.1),
                        num(s.sigma),
                    ])?;
                }
            }
            out.add("sensitivity.csv", f.commit()?);
        }
        _ => {}
    }
    Ok(ranks)
}

/// `cyberdip merge`: combine shard folders (or folders containing them) into `out`; returns
/// the number of runs and the sensitivity indices.
pub fn merge(dirs: &[PathBuf], out: &Path, command: Vec<String>) -> Result<(u64, Vec<Ranked>)> {
    let mut shards: Vec<(Meta, PathBuf)> = Vec::new();
    for d in dirs {
        let mut found = false;
        let mut candidates = vec![d.clone()];
        if let Ok(entries) = std::fs::read_dir(d) {
            let mut subs: Vec<PathBuf> = entries.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
            subs.sort();
            candidates.extend(subs);
        }
        for c in candidates {
            let f = c.join("shard.json");
            if let Ok(text) = std::fs::read_to_string(&f) {
                #[derive(Deserialize)]
                struct ShardFile {
                    meta: Meta,
                }
                let s: ShardFile = serde_json::from_str(&text).map_err(|e| {
                    Error::input(InputError::file(f.display().to_string(), format!("not a shard file: {e}")))
                })?;
                shards.push((s.meta, c));
                found = true;
            }
        }
        if !found {
            return Err(Error::input(
                InputError::file(
                    d.display().to_string(),
                    "no shard here: expected shard.json in this folder or its sub-folders",
                )
                .help("give the --out folders of `cyberdip sweep --shard I/N` runs"),
            ));
        }
    }
    let first = shards[0].0.clone();
    for (m, p) in &shards {
        if m.hash != first.hash || m.shard.1 != first.shard.1 {
            return Err(Error::input(InputError::file(
                p.display().to_string(),
                format!(
                    "this shard belongs to a different sweep (hash {} of {} shards; expected {} of {})",
                    m.hash, m.shard.1, first.hash, first.shard.1
                ),
            )));
        }
    }
    let count = first.shard.1;
    let mut by_index: Vec<Option<PathBuf>> = vec![None; count as usize];
    for (m, p) in shards {
        let slot = &mut by_index[m.shard.0 as usize];
        if let Some(other) = slot {
            return Err(Error::input(InputError::file(
                p.display().to_string(),
                format!("shard {} given twice (also {})", m.shard.0, other.display()),
            )));
        }
        *slot = Some(p);
    }
    let missing: Vec<String> = by_index
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_none())
        .map(|(i, _)| Shard { index: i as u64, count }.dir_name())
        .collect();
    if !missing.is_empty() {
        return Err(Error::input(
            InputError::file(
                out.display().to_string(),
                format!("{} of {count} shards missing: {}", missing.len(), missing.join(", ")),
            )
            .help("run the missing shards (same sweep file, --shard I/N), then merge again"),
        ));
    }
    let paths: Vec<PathBuf> = by_index.into_iter().flatten().collect();
    for p in &paths {
        verify_shard(p)?;
    }
    let points = read_points(&paths[0].join("points.csv"))?;
    let mut od = OutputDir::begin(out, Kind::Results, &command)?;
    let meta = Meta { shard: (0, 1), ..first };
    let parts: Vec<Part> = paths.iter().map(|p| Part::RunsCsv(p.join("runs.csv"))).collect();
    let ranked = finish(&meta, &points, &parts, &mut od, command)?;
    od.commit("manifest.json")?;
    Ok((points.len() as u64 * meta.runs, ranked))
}

/// A shard's files must be those its shard.json lists, with the recorded sizes and digests.
fn verify_shard(dir: &Path) -> Result<()> {
    let bad = |m: String| {
        Error::input(InputError::file(dir.display().to_string(), m).help("run this shard again, then merge"))
    };
    if let Set::Listed(files) = read_set(dir, "shard.json").map_err(bad)? {
        for (name, d) in files {
            let Some(d) = d else { continue };
            let p = dir.join(&name);
            let got = Digest::of_file(&p).map_err(|e| Error::run(format!("cannot read {}", p.display()), e))?;
            if got != d {
                return Err(bad(format!(
                    "{name} does not match the digest recorded in shard.json (fnv1a64 {} where {} was written): \
                     the file was damaged or changed after the shard ran",
                    got.hex(),
                    d.hex()
                )));
            }
        }
    }
    Ok(())
}
