//! Calibration files: which scenario, which target file, which free parameters with which
//! prior ranges (the same dotted paths as `--set`), and the ABC-SMC settings. Checked like
//! scenario and sweep files: every error names file, line, column and key.
//!
//! ```toml
//! name = "quick"
//! scenario = "../baseline.toml"
//! targets = "targets.toml"
//! [calibrate]
//! population = 48      # particles per generation
//! generations = 3      # after the prior draws
//! quantile = 0.5       # tolerance = this quantile of the last generation's distances
//! budget = 600         # simulated particles at most
//! runs = 1             # replicate runs per particle (statistics averaged)
//! check_runs = 24      # runs of the posterior (and of the scenario as it is) for fit.csv
//! seed = 42
//! ticks = 60
//! [[parameter]]
//! path = "parameters.attack.base_rate"
//! min = 0.05
//! max = 0.3
//! ```

use super::targets::{self, Resolved, Role, TargetSet};
use crate::error::{Error, InputError, Loc};
use crate::scenario::build::{B, digest, read_tree};
use crate::scenario::source::Table;
use crate::scenario::{Document, Overrides, Scenario};
use std::path::{Path, PathBuf};

/// A free parameter and its uniform prior.
#[derive(Clone, Debug, PartialEq)]
pub struct Free {
    /// Dotted path, as for `--set`.
    pub path: String,
    /// Lower end of the prior.
    pub min: f64,
    /// Upper end of the prior.
    pub max: f64,
}

/// A checked calibration file.
#[derive(Clone, Debug)]
pub struct CalibrationSpec {
    /// Name.
    pub name: String,
    /// What it fits.
    pub description: String,
    /// The scenario file.
    pub scenario_path: PathBuf,
    /// The target file.
    pub targets_path: PathBuf,
    /// The document every particle starts from (with `set` and `ticks` applied).
    pub doc: Document,
    /// The scenario as it is.
    pub base: Scenario,
    /// The targets, resolved against the scenario.
    pub targets: Vec<Resolved>,
    /// The target file's name.
    pub targets_name: String,
    /// Free parameters, in file order.
    pub free: Vec<Free>,
    /// ABC-SMC settings.
    pub abc: super::abc::Settings,
    /// Replicate runs per particle.
    pub runs: u64,
    /// Runs for fit.csv.
    pub check_runs: u64,
    /// Digest of every input text.
    pub hash: String,
    /// Input names.
    pub inputs: Vec<String>,
}

impl CalibrationSpec {
    /// The targets the fit sees.
    pub fn calibration_targets(&self) -> impl Iterator<Item = &Resolved> {
        self.targets.iter().filter(|t| t.target.role == Role::Calibration && t.expr.is_some())
    }
}

const TOP: &[&str] = &["name", "description", "scenario", "targets", "calibrate", "parameter"];
const KEYS: &[&str] = &[
    "population",
    "generations",
    "quantile",
    "budget",
    "min_acceptance",
    "runs",
    "check_runs",
    "seed",
    "ticks",
    "set",
];

/// Read and check a calibration file.
pub fn load(path: &Path) -> Result<CalibrationSpec, Error> {
    let (tree, sources) = read_tree(path, None)?;
    let src = sources.clone();
    let mut b = B::new(&src);
    b.top_keys(&tree, TOP, "the top level of a calibration file");
    let name = b.name_or_stem(&tree, path, "calibration");
    let description = tree.get("description").and_then(|e| b.string(&e.node, "description")).unwrap_or_default();
    let mut abc = super::abc::Settings {
        population: 100,
        generations: 5,
        quantile: 0.5,
        budget: 5000,
        min_acceptance: 0.02,
        seed: 42,
    };
    let (mut runs, mut check_runs, mut ticks, mut sets) = (1u64, 40u64, None::<u64>, Vec::<String>::new());
    match tree.get("calibrate") {
        None => b.errs.push(
            InputError::file(src.name(0), "missing [calibrate] table")
                .help("add [calibrate] with population = 100, generations = 5, budget = 5000, seed = 42"),
        ),
        Some(e) => {
            if let Some(t) = b.table(e, "calibrate") {
                let known: Vec<String> = KEYS.iter().map(|k| format!("calibrate.{k}")).collect();
                for x in &t.entries {
                    let key = format!("calibrate.{}", x.key);
                    let n = &x.node;
                    match x.key.as_str() {
                        "population" => abc.population = b.int(n, &key, 4, 1_000_000, "").unwrap_or(4) as usize,
                        "generations" => abc.generations = b.int(n, &key, 0, 1000, "").unwrap_or(0) as usize,
                        "budget" => abc.budget = b.int(n, &key, 4, i64::MAX, "").unwrap_or(4) as u64,
                        "runs" => runs = b.int(n, &key, 1, 10_000, "").unwrap_or(1) as u64,
                        "check_runs" => check_runs = b.int(n, &key, 2, 1_000_000, "").unwrap_or(2) as u64,
                        "seed" => abc.seed = b.seed(n, &key).unwrap_or(0),
                        "ticks" => ticks = b.int(n, &key, 1, crate::scenario::caps::TICKS, "").map(|v| v as u64),
                        "set" => sets = b.strings(n, &key).into_iter().map(|s| s.0).collect(),
                        "quantile" | "min_acceptance" => {
                            if let Some(v) = b.number(n, &key, "a number between 0 and 1") {
                                if (0.0..1.0).contains(&v) && (v > 0.0 || x.key == "min_acceptance") {
                                    if x.key == "quantile" { abc.quantile = v } else { abc.min_acceptance = v }
                                } else {
                                    b.err(
                                        n.loc,
                                        &key,
                                        format!("value {v} is out of range: expected a number between 0 and 1"),
                                    );
                                }
                            }
                        }
                        _ => b.unknown(x, &key, known.iter().map(String::as_str), "[calibrate]"),
                    }
                }
            }
        }
    }
    if abc.budget < abc.population as u64 {
        let loc = tree.get("calibrate").map_or(tree.loc, |e| e.key_loc);
        b.err_help(
            loc,
            "calibrate.budget",
            format!("budget {} is smaller than one population ({})", abc.budget, abc.population),
            "the budget counts simulated particles: give at least population x (generations + 1) x 2",
        );
    }
    let folder = path.parent().unwrap_or(Path::new("."));
    let file_of = |b: &mut B, key: &str, example: &str| -> Option<(PathBuf, Loc)> {
        let Some(e) = tree.get(key) else {
            b.errs.push(InputError::file(src.name(0), format!("a calibration file needs `{key} = \"{example}\"`")));
            return None;
        };
        let rel = b.string(&e.node, key)?;
        let p = folder.join(&rel);
        if !p.is_file() {
            b.err_help(
                e.node.loc,
                key,
                format!("cannot read '{rel}' (resolved to {})", p.display()),
                "the path is relative to the calibration file",
            );
            return None;
        }
        Some((p, e.node.loc))
    };
    let scenario = file_of(&mut b, "scenario", "../baseline.toml");
    let targets_file = file_of(&mut b, "targets", "targets.toml");
    let built = scenario.as_ref().and_then(|(p, loc)| {
        let ov = Overrides { sets: sets.clone(), ticks, ..Overrides::default() };
        let r = Document::open(p).and_then(|mut doc| {
            doc.apply(&ov)?;
            let sc = doc.build()?;
            Ok((doc, sc))
        });
        match r {
            Ok(x) => Some(x),
            Err(Error::Input(es)) => {
                b.errs.append(es);
                None
            }
            Err(e) => {
                b.err(*loc, "scenario", e.to_string());
                None
            }
        }
    });
    let mut free: Vec<Free> = Vec::new();
    match tree.get("parameter") {
        None => b.errs.push(
            InputError::file(src.name(0), "a calibration needs at least one [[parameter]] (path, min, max)")
                .help("e.g. [[parameter]] path = \"parameters.attack.base_rate\", min = 0.05, max = 0.3"),
        ),
        Some(e) => {
            for t in b.tables(e, "parameter") {
                if let Some(f) = parameter(&mut b, t, built.as_ref().map(|x| &x.1)) {
                    if free.iter().any(|o| o.path == f.path) {
                        b.err(t.loc, "parameter.path", format!("'{}' is free twice", f.path));
                    } else {
                        free.push(f);
                    }
                }
            }
        }
    }
    let target_set: Option<TargetSet> = targets_file.as_ref().and_then(|(p, _)| match targets::load(p) {
        Ok(t) => Some(t),
        Err(Error::Input(es)) => {
            b.errs.append(es);
            None
        }
        Err(_) => None,
    });
    let resolved = match (&target_set, &built) {
        (Some(ts), Some((_, sc))) => match ts.resolve(sc) {
            Ok(r) => Some(r),
            Err(Error::Input(es)) => {
                b.errs.append(es);
                None
            }
            Err(_) => None,
        },
        _ => None,
    };
    if let Some(r) = &resolved
        && !r.iter().any(|t| t.target.role == Role::Calibration && t.expr.is_some())
    {
        b.errs.push(InputError::file(src.name(0), "the target file has no calibration target with a `metric`"));
    }
    let (Some((doc, base)), Some(targets), Some(ts), Some((sp, _)), Some((tp, _))) =
        (built, resolved, target_set, scenario, targets_file)
    else {
        return Err(Error::Input(b.errs));
    };
    if !b.errs.is_empty() {
        return Err(Error::Input(b.errs));
    }
    let mut all = sources.clone();
    for (n, t) in base.sources.iter().chain(ts.sources.iter()) {
        all.add(n, t);
    }
    let mut inputs = sources.input_names();
    inputs.extend(base.sources.input_names());
    inputs.extend(ts.sources.input_names());
    Ok(CalibrationSpec {
        name,
        description,
        scenario_path: sp,
        targets_path: tp,
        doc,
        base,
        targets,
        targets_name: ts.name,
        free,
        abc,
        runs,
        check_runs,
        hash: digest(&all),
        inputs,
    })
}

fn parameter(b: &mut B, t: &Table, sc: Option<&Scenario>) -> Option<Free> {
    let (mut path, mut min, mut max) = (None::<(String, Loc)>, None::<(f64, Loc)>, None::<f64>);
    for x in &t.entries {
        let key = format!("parameter.{}", x.key);
        match x.key.as_str() {
            "path" => path = b.string(&x.node, &key).map(|s| (s, x.node.loc)),
            "min" => min = b.number(&x.node, &key, "a number").map(|v| (v, x.node.loc)),
            "max" => max = b.number(&x.node, &key, "a number"),
            _ => b.unknown(x, &key, ["parameter.path", "parameter.min", "parameter.max"], "[[parameter]]"),
        }
    }
    let Some((path, ploc)) = path else {
        b.err(t.loc, "parameter.path", "a [[parameter]] needs a `path` (e.g. \"parameters.attack.base_rate\")");
        return None;
    };
    let (Some((lo, lloc)), Some(hi)) = (min, max) else {
        b.err(t.loc, "parameter", format!("'{path}' needs `min` and `max` (its uniform prior)"));
        return None;
    };
    if lo >= hi {
        b.err(lloc, "parameter.min", format!("min {lo} is not below max {hi} for '{path}'"));
        return None;
    }
    if let Some(sc) = sc {
        let r = b.range_of(sc, &path, ploc, "parameter.path")?;
        if lo < r.min || hi > r.max {
            b.err(lloc, "parameter", format!("prior {lo}..{hi} of '{path}' is outside its range {}..{}", r.min, r.max));
            return None;
        }
    }
    Some(Free { path, min: lo, max: hi })
}
