//! Sweep files: which scenario (or built-in test model), which parameters to vary by the
//! same dotted paths as `--set`, over which ranges or value lists, with which design, how
//! many replicate runs per point, the seed, and which metrics to analyse. Checked like
//! scenario files: every error names file, line, column and key.

use super::math::design::{self, Design, DesignError, Factor};
use crate::core::params::suggest;
use crate::error::{Error, InputError, Loc};
use crate::metrics;
use crate::scenario::build::{B, digest, read_tree};
use crate::scenario::source::{Entry, Table, Val};
use crate::scenario::{Document, Overrides, Scenario};
use std::path::Path;

/// What a sweep runs at each point.
#[derive(Clone, Debug)]
pub enum Target {
    /// A scenario: its document (files, the sweep's `set` and `ticks`), to which each
    /// point's values are applied through [`Document::set`], and the scenario it builds
    /// with no point applied (for paths, ranges and baseline values).
    Scenario {
        /// The document every point starts from.
        doc: Box<Document>,
        /// The scenario of the document as it is.
        base: Box<Scenario>,
    },
    /// Ishigami's function y = sin x1 + a sin^2 x2 + b x3^4 sin x1 (one run per point).
    Ishigami {
        /// a (7 in the classic test).
        a: f64,
        /// b (0.1 in the classic test).
        b: f64,
    },
    /// Sobol's G function of k inputs in [0, 1] with importance coefficients `a`.
    SobolG {
        /// Coefficients; large values make inputs unimportant.
        a: Vec<f64>,
    },
}

/// A swept parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Swept {
    /// Dotted path (as for `--set`), or an input name of a test model.
    pub path: String,
    /// Range or value list.
    pub factor: Factor,
}

/// A validated sweep.
#[derive(Clone, Debug)]
pub struct SweepSpec {
    /// Name.
    pub name: String,
    /// What the sweep asks.
    pub description: String,
    /// What runs at each point.
    pub target: Target,
    /// Swept parameters, in file order.
    pub swept: Vec<Swept>,
    /// Design.
    pub design: Design,
    /// Replicate runs per point.
    pub runs: u64,
    /// Seed of every stream and of the design.
    pub seed: u64,
    /// Metrics analysed in sensitivity.csv.
    pub metrics: Vec<String>,
    /// Common random numbers: run r of every point uses the same streams (point key 0),
    /// so differences between points come from the parameters, not from chance.
    pub common_random_numbers: bool,
    /// Bootstrap replicates for intervals.
    pub bootstrap: usize,
    /// Confidence level of intervals.
    pub confidence: f64,
    /// Digest of every input text.
    pub hash: String,
    /// Metric columns of runs.csv.
    pub columns: Vec<String>,
    /// Input names (sweep file, scenario files, overrides).
    pub inputs: Vec<String>,
}

const TOP: &[&str] = &["name", "description", "scenario", "model", "sweep", "parameter", "extends"];
const SWEEP_KEYS: &[&str] = &[
    "design",
    "samples",
    "levels",
    "second_order",
    "runs",
    "seed",
    "ticks",
    "bootstrap",
    "confidence",
    "metrics",
    "set",
    "common_random_numbers",
];
const DESIGNS: &[&str] = &["grid", "oat", "lhs", "sobol", "morris"];

impl SweepSpec {
    /// Names of the metric columns, for `Target`s.
    fn columns_of(target: &Target) -> Vec<String> {
        match target {
            Target::Scenario { base: sc, .. } => {
                let ids: Vec<&str> = sc.focus.iter().map(|&i| sc.states[i as usize].id.as_str()).collect();
                metrics::run_columns(&ids)
            }
            Target::Ishigami { .. } | Target::SobolG { .. } => vec!["y".to_string()],
        }
    }

    /// The scenario name written in the `scenario` column.
    pub fn scenario_name(&self) -> String {
        match &self.target {
            Target::Scenario { base, .. } => base.name.clone(),
            Target::Ishigami { .. } => "ishigami".into(),
            Target::SobolG { .. } => "sobol-g".into(),
        }
    }

    /// The `point` word of the stream key of a unit at `point`.
    pub fn stream_point(&self, point: u64) -> u64 {
        if self.common_random_numbers { 0 } else { point }
    }

    /// Number of points of the design.
    pub fn points(&self) -> u64 {
        let f: Vec<Factor> = self.swept.iter().map(|s| s.factor.clone()).collect();
        design::point_count(&self.design, &f).unwrap_or(0)
    }
}

/// Read and check a sweep file.
pub fn load(path: &Path) -> Result<SweepSpec, Error> {
    load_read(path, None)
}

/// Check a sweep file whose bytes are already read (`preread`), or read it.
pub fn load_read(path: &Path, preread: Option<Vec<u8>>) -> Result<SweepSpec, Error> {
    let (tree, sources) = read_tree(path, preread)?;
    let src = sources.clone();
    let mut b = B::new(&src);
    b.top_keys(&tree, TOP, "the top level of a sweep file");
    let name = b.name_or_stem(&tree, path, "sweep");
    let description = tree.get("description").and_then(|e| b.string(&e.node, "description")).unwrap_or_default();

    // [sweep]
    let mut design_name: Option<(String, Loc)> = None;
    let (mut samples, mut levels, mut second_order) = (None::<(usize, Loc)>, None::<(usize, Loc)>, false);
    let (mut runs, mut seed, mut ticks, mut bootstrap, mut confidence) = (1u64, 42u64, None::<u64>, 1000usize, 0.95);
    let mut wanted: Vec<(String, Loc)> = Vec::new();
    let mut sets: Vec<String> = Vec::new();
    let mut crn = true;
    let mut sweep_loc = tree.loc;
    match tree.get("sweep") {
        None => b.errs.push(
            InputError::file(src.name(0), "missing [sweep] table")
                .help("add [sweep] with design = \"lhs\", samples = 64, runs = 10, seed = 42"),
        ),
        Some(e) => {
            sweep_loc = e.key_loc;
            if let Some(t) = b.table(e, "sweep") {
                for x in &t.entries {
                    let key = format!("sweep.{}", x.key);
                    match x.key.as_str() {
                        "design" => design_name = b.string(&x.node, &key).map(|s| (s, x.node.loc)),
                        "samples" => {
                            samples = b.int(&x.node, &key, 1, 10_000_000, "").map(|v| (v as usize, x.node.loc))
                        }
                        "levels" => levels = b.int(&x.node, &key, 1, 1000, "").map(|v| (v as usize, x.node.loc)),
                        "second_order" => second_order = b.boolean(&x.node, &key).unwrap_or(false),
                        "runs" => {
                            runs = b
                                .int(&x.node, &key, 1, 1_000_000, "runs per point are capped at 1,000,000")
                                .unwrap_or(1) as u64
                        }
                        "seed" => seed = b.seed(&x.node, &key).unwrap_or(0),
                        "ticks" => ticks = b.int(&x.node, &key, 1, crate::scenario::caps::TICKS, "").map(|v| v as u64),
                        "bootstrap" => bootstrap = b.int(&x.node, &key, 2, 1_000_000, "").unwrap_or(2) as usize,
                        "confidence" => {
                            if let Some(c) = b.number(&x.node, &key, "a number between 0 and 1") {
                                if c > 0.0 && c < 1.0 {
                                    confidence = c
                                } else {
                                    b.err(
                                        x.node.loc,
                                        &key,
                                        format!(
                                            "value {c} is out of range: expected a number between 0 and 1 (e.g. 0.95)"
                                        ),
                                    )
                                }
                            }
                        }
                        "metrics" => wanted = b.strings(&x.node, &key),
                        "set" => sets = b.strings(&x.node, &key).into_iter().map(|s| s.0).collect(),
                        "common_random_numbers" => crn = b.boolean(&x.node, &key).unwrap_or(true),
                        _ => b.unknown(x, &key, SWEEP_KEYS.iter().copied(), "[sweep]"),
                    }
                }
            }
        }
    }

    // scenario or model
    let target = match (tree.get("scenario"), tree.get("model")) {
        (Some(_), Some(m)) => {
            b.err(m.key_loc, "model", "give either `scenario` or `model`, not both");
            None
        }
        (None, None) => {
            b.errs.push(
                InputError::file(src.name(0), "a sweep needs `scenario = \"path.toml\"` or a [model] table")
                    .help("e.g. scenario = \"../baseline.toml\", or [model] name = \"ishigami\""),
            );
            None
        }
        (Some(e), None) => b.string(&e.node, "scenario").map(|rel| (rel, e.node.loc)).and_then(|(rel, loc)| {
            let file = path.parent().unwrap_or(Path::new(".")).join(&rel);
            if !file.exists() {
                b.err(loc, "scenario", format!("cannot read scenario file '{}' (resolved to {})", rel, file.display()));
                return None;
            }
            let ov = Overrides { sets: sets.clone(), ticks, ..Overrides::default() };
            let built = Document::open(&file).and_then(|mut doc| {
                doc.apply(&ov)?;
                let base = doc.build()?;
                Ok(Target::Scenario { doc: Box::new(doc), base: Box::new(base) })
            });
            match built {
                Ok(t) => Some(t),
                Err(Error::Input(es)) => {
                    b.errs.append(es);
                    None
                }
                Err(e) => {
                    b.err(loc, "scenario", e.to_string());
                    None
                }
            }
        }),
        (None, Some(e)) => model_table(&mut b, e),
    };

    // [[parameter]]
    let mut swept: Vec<(Swept, Loc)> = Vec::new();
    match tree.get("parameter") {
        None => b
            .errs
            .push(InputError::file(src.name(0), "a sweep needs at least one [[parameter]] (path, min, max or values)")),
        Some(e) => {
            for t in b.tables(e, "parameter") {
                if let Some(s) = parameter(&mut b, t, target.as_ref()) {
                    if swept.iter().any(|(o, _)| o.path == s.0.path) {
                        b.err(t.loc, "parameter.path", format!("'{}' is swept twice", s.0.path));
                    } else {
                        swept.push(s);
                    }
                }
            }
        }
    }

    // design
    let design = design_name.as_ref().and_then(|(d, loc)| {
        let n = |v: Option<(usize, Loc)>, default: usize| v.map_or(default, |x| x.0);
        match d.as_str() {
            "grid" => Some(Design::Grid { levels: n(levels, 3) }),
            "oat" => Some(Design::Oat { levels: n(levels, 3) }),
            "lhs" => Some(Design::Lhs { samples: n(samples, 64) }),
            "sobol" => Some(Design::Sobol { n: n(samples, 256), second_order }),
            "morris" => Some(Design::Morris { trajectories: n(samples, 20), levels: n(levels, 4) }),
            _ => {
                let help = suggest(d, DESIGNS.iter().copied()).map_or_else(
                    || format!("designs are: {}", DESIGNS.join(", ")),
                    |s| format!("did you mean \"{s}\"?"),
                );
                b.err_help(*loc, "sweep.design", format!("unknown design '{d}'"), help);
                None
            }
        }
    });
    if design_name.is_none() && tree.get("sweep").is_some() {
        b.err_help(
            sweep_loc,
            "sweep.design",
            "[sweep] needs a `design`",
            format!("designs are: {}", DESIGNS.join(", ")),
        );
    }
    if let (Some(d), false) = (&design, swept.is_empty()) {
        let factors: Vec<Factor> = swept.iter().map(|s| s.0.factor.clone()).collect();
        if let Err(e) = design::point_count(d, &factors) {
            let (loc, key) = match &e {
                DesignError::TooFewLevels { .. } | DesignError::OddMorrisLevels { .. } => {
                    (levels.map(|x| x.1), "sweep.levels")
                }
                DesignError::InvertedRange { factor, .. }
                | DesignError::EmptyValues { factor }
                | DesignError::NonFinite { factor, .. } => (swept.get(*factor).map(|s| s.1), "parameter"),
                _ => (samples.map(|x| x.1), "sweep.samples"),
            };
            let loc = loc.or(design_name.as_ref().map(|x| x.1)).unwrap_or(sweep_loc);
            b.err(loc, key, e.to_string());
        }
    }
    let (Some(target), Some(design)) = (target, design) else {
        return Err(Error::Input(b.errs));
    };
    let columns = SweepSpec::columns_of(&target);
    let mut metrics_chosen = Vec::new();
    for (m, loc) in wanted {
        if columns.contains(&m) {
            metrics_chosen.push(m);
        } else {
            let help = suggest(&m, columns.iter().map(String::as_str)).map_or_else(
                || "see `cyberdip explain SCENARIO --metrics`".to_string(),
                |s| format!("did you mean \"{s}\"?"),
            );
            b.err_help(loc, "sweep.metrics", format!("unknown metric '{m}'"), help);
        }
    }
    if metrics_chosen.is_empty() {
        metrics_chosen = columns.clone();
    }
    if !b.errs.is_empty() {
        return Err(Error::Input(b.errs));
    }
    let mut inputs = sources.input_names();
    let mut all_sources = sources;
    if let Target::Scenario { base: sc, .. } = &target {
        for (n, t) in sc.sources.iter() {
            all_sources.add(n, t);
        }
        inputs.extend(sc.sources.input_names());
    }
    Ok(SweepSpec {
        name,
        description,
        columns,
        hash: digest(&all_sources),
        inputs,
        target,
        swept: swept.into_iter().map(|s| s.0).collect(),
        design,
        runs,
        seed,
        metrics: metrics_chosen,
        common_random_numbers: crn,
        bootstrap,
        confidence,
    })
}

fn model_table(b: &mut B, e: &Entry) -> Option<Target> {
    let t = b.table(e, "model")?;
    let name = match t.get("name") {
        Some(x) => b.string(&x.node, "model.name")?,
        None => {
            b.err(t.loc, "model.name", "[model] needs a `name` (\"ishigami\" or \"sobol-g\")");
            return None;
        }
    };
    let mut a_num = 7.0;
    let mut b_num = 0.1;
    let mut a_list: Vec<f64> = vec![0.0, 1.0, 4.5, 9.0, 99.0, 99.0, 99.0, 99.0];
    for x in &t.entries {
        let key = format!("model.{}", x.key);
        match (name.as_str(), x.key.as_str()) {
            (_, "name") => {}
            ("ishigami", "a") => a_num = b.number(&x.node, &key, "a number").unwrap_or(7.0),
            ("ishigami", "b") => b_num = b.number(&x.node, &key, "a number").unwrap_or(0.1),
            ("sobol-g", "a") => match &x.node.val {
                Val::Array(items) => {
                    a_list = items.iter().filter_map(|n| b.number(n, &key, "a number >= 0")).collect();
                    if a_list.iter().any(|v| *v < 0.0) || a_list.is_empty() {
                        b.err(x.node.loc, &key, "expected a non-empty list of numbers >= 0");
                    }
                }
                v => {
                    let found = v.type_name();
                    b.err(x.node.loc, &key, format!("expected an array of numbers, found {found}"));
                }
            },
            _ => b.unknown(x, &key, ["model.name", "model.a", "model.b"], "[model]"),
        }
    }
    match name.as_str() {
        "ishigami" => Some(Target::Ishigami { a: a_num, b: b_num }),
        "sobol-g" => Some(Target::SobolG { a: a_list }),
        other => {
            let loc = t.get("name").map_or(t.loc, |x| x.node.loc);
            let help = suggest(other, ["ishigami", "sobol-g"])
                .map_or_else(|| "models are: ishigami, sobol-g".into(), |s| format!("did you mean \"{s}\"?"));
            b.err_help(loc, "model.name", format!("unknown model '{other}'"), help);
            None
        }
    }
}

fn parameter(b: &mut B, t: &Table, target: Option<&Target>) -> Option<(Swept, Loc)> {
    let mut path: Option<(String, Loc)> = None;
    let (mut min, mut max, mut values) = (None::<(f64, Loc)>, None::<(f64, Loc)>, None::<(Vec<f64>, Loc)>);
    for x in &t.entries {
        let key = format!("parameter.{}", x.key);
        match x.key.as_str() {
            "path" => path = b.string(&x.node, &key).map(|s| (s, x.node.loc)),
            "min" => min = b.number(&x.node, &key, "a number").map(|v| (v, x.node.loc)),
            "max" => max = b.number(&x.node, &key, "a number").map(|v| (v, x.node.loc)),
            "values" => match &x.node.val {
                Val::Array(items) => {
                    values = Some((items.iter().filter_map(|n| b.number(n, &key, "a number")).collect(), x.node.loc))
                }
                v => {
                    let found = v.type_name();
                    b.err(x.node.loc, &key, format!("expected an array of numbers, found {found}"));
                }
            },
            _ => b.unknown(
                x,
                &key,
                ["parameter.path", "parameter.min", "parameter.max", "parameter.values"],
                "[[parameter]]",
            ),
        }
    }
    let Some((path, ploc)) = path else {
        b.err(t.loc, "parameter.path", "a [[parameter]] needs a `path` (e.g. \"state.IRN.coordination\")");
        return None;
    };
    let factor = match (min, max, values) {
        (_, _, Some((v, loc))) => {
            if v.is_empty() {
                b.err(loc, "parameter.values", format!("empty value list for '{path}'"));
                return None;
            }
            (Factor::Values(v), loc)
        }
        (Some((lo, lloc)), Some((hi, _)), None) => {
            if lo > hi {
                b.err(lloc, "parameter.min", format!("min {lo} is greater than max {hi} for '{path}'"));
                return None;
            }
            if lo == hi {
                b.err_help(
                    lloc,
                    "parameter.min",
                    format!("empty range: min = max = {lo} for '{path}'"),
                    "to hold a value fixed, put it in [sweep] set = [\"path=value\"]",
                );
                return None;
            }
            (Factor::Range { low: lo, high: hi }, lloc)
        }
        _ => {
            b.err(t.loc, "parameter", format!("'{path}' needs `min` and `max`, or `values`"));
            return None;
        }
    };
    if let Some(Target::Scenario { base: sc, .. }) = target {
        let r = b.range_of(sc, &path, ploc, "parameter.path")?;
        let (lo, hi) = match &factor.0 {
            Factor::Range { low, high } => (*low, *high),
            Factor::Values(v) => {
                (v.iter().copied().fold(f64::INFINITY, f64::min), v.iter().copied().fold(f64::NEG_INFINITY, f64::max))
            }
        };
        if lo < r.min || hi > r.max {
            b.err(
                factor.1,
                "parameter",
                format!("'{path}' is swept over {lo}..{hi}, outside its range {}..{}", r.min, r.max),
            );
            return None;
        }
    }
    Some((Swept { path, factor: factor.0 }, ploc))
}
