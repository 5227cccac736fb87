//! Target files: observed figures from public data that the model should reproduce, each
//! with its source and a role, `calibration` (the fit sees it) or `validation` (held out:
//! only compared after fitting). See scenarios/calibration/targets.toml and
//! docs/VALIDATION.md. Checked like scenario files: every error names file, line, column
//! and key; expressions are checked against a scenario when one is known
//! ([`TargetSet::resolve`]).
//!
//! ```toml
//! [[target]]
//! name = "cfr_initiator_share_chn"
//! statistic = "Share of observed operations sponsored by CHN"
//! metric = "observed.by.CHN / observed.total"   # an expression over per-run statistics
//! observed = 0.357
//! uncertainty = 0.030                           # one standard error or tolerance
//! role = "calibration"                          # or "validation" (held out)
//! source = "CFR Cyber Operations Tracker ..."
//! years = "2005-2022"
//! notes = "how the figure was computed"
//! ```

use super::expr::Expr;
use super::stats::Stat;
use crate::core::params::suggest;
use crate::error::{Error, InputError, Loc, Sources};
use crate::scenario::Scenario;
use crate::scenario::build::{B, read_tree};
use crate::scenario::source::Table;
use std::path::Path;

/// Whether the fit sees a target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Used by calibration.
    Calibration,
    /// Held out: compared only after fitting.
    Validation,
}

impl Role {
    /// Name in files.
    pub fn name(self) -> &'static str {
        match self {
            Role::Calibration => "calibration",
            Role::Validation => "validation",
        }
    }
}

/// One target.
#[derive(Clone, Debug)]
pub struct Target {
    /// Unique name.
    pub name: String,
    /// What the figure measures, in words.
    pub statistic: String,
    /// The model's statistic as an expression (None: the model has no such statistic yet;
    /// listed as a gap).
    pub metric: Option<(String, Expr, Loc)>,
    /// The observed value.
    pub observed: f64,
    /// One standard error, or the tolerance, of the observed value (> 0).
    pub uncertainty: f64,
    /// Calibration or validation.
    pub role: Role,
    /// Where the figure comes from.
    pub source: String,
    /// Years the figure covers.
    pub years: String,
    /// How it was computed, caveats.
    pub notes: String,
}

/// A checked target file.
#[derive(Clone, Debug)]
pub struct TargetSet {
    /// Name (file stem unless given).
    pub name: String,
    /// The targets, in file order.
    pub targets: Vec<Target>,
    /// The file text, for located errors and digests.
    pub sources: Sources,
}

const TOP: &[&str] = &["name", "description", "target"];
const KEYS: &[&str] = &["name", "statistic", "metric", "observed", "uncertainty", "role", "source", "years", "notes"];

/// Read and check a target file.
pub fn load(path: &Path) -> Result<TargetSet, Error> {
    let (tree, sources) = read_tree(path, None)?;
    let src = sources.clone();
    let mut b = B::new(&src);
    b.top_keys(&tree, TOP, "the top level of a target file");
    let name = b.name_or_stem(&tree, path, "targets");
    let mut targets: Vec<Target> = Vec::new();
    match tree.get("target") {
        None => b.errs.push(
            InputError::file(src.name(0), "a target file needs at least one [[target]]")
                .help("add [[target]] with name, metric, observed, uncertainty, role and source"),
        ),
        Some(e) => {
            for t in b.tables(e, "target") {
                if let Some(x) = target(&mut b, t) {
                    if targets.iter().any(|o| o.name == x.name) {
                        let loc = t.get("name").map_or(t.loc, |e| e.node.loc);
                        b.err(loc, "target.name", format!("target '{}' is defined twice", x.name));
                    } else {
                        targets.push(x);
                    }
                }
            }
        }
    }
    if !b.errs.is_empty() {
        return Err(Error::Input(b.errs));
    }
    Ok(TargetSet { name, targets, sources })
}

fn target(b: &mut B, t: &Table) -> Option<Target> {
    let mut x = Target {
        name: String::new(),
        statistic: String::new(),
        metric: None,
        observed: f64::NAN,
        uncertainty: f64::NAN,
        role: Role::Calibration,
        source: String::new(),
        years: String::new(),
        notes: String::new(),
    };
    let known: Vec<String> = KEYS.iter().map(|k| format!("target.{k}")).collect();
    let mut role_seen = false;
    let before = b.errs.len();
    for e in &t.entries {
        let key = format!("target.{}", e.key);
        let s = |b: &mut B| b.string(&e.node, &key).unwrap_or_default();
        match e.key.as_str() {
            "name" => x.name = b.name(&e.node, &key).unwrap_or_default(),
            "statistic" => x.statistic = s(b),
            "source" => x.source = s(b),
            "years" => x.years = s(b),
            "notes" => x.notes = s(b),
            "metric" => {
                if let Some(text) = b.string(&e.node, &key) {
                    match Expr::parse(&text) {
                        Ok(ex) => x.metric = Some((text, ex, e.node.loc)),
                        Err(err) => {
                            let loc = at(e.node.loc, err.at);
                            b.err_help(
                                loc,
                                &key,
                                format!("bad expression: {}", err.message),
                                "write e.g. \"observed.by.CHN / observed.total\": names, numbers, + - * / and ( )",
                            );
                        }
                    }
                }
            }
            "observed" => x.observed = b.number(&e.node, &key, "a number").unwrap_or(f64::NAN),
            "uncertainty" => {
                if let Some(u) = b.number(&e.node, &key, "a number > 0") {
                    if u > 0.0 {
                        x.uncertainty = u;
                    } else {
                        b.err_help(
                            e.node.loc,
                            &key,
                            format!("value {u} is out of range: expected a number > 0"),
                            "the uncertainty is one standard error (or the tolerance) of the observed value",
                        );
                    }
                }
            }
            "role" => {
                role_seen = true;
                if let Some(r) = b.string(&e.node, &key) {
                    match r.as_str() {
                        "calibration" => x.role = Role::Calibration,
                        "validation" => x.role = Role::Validation,
                        other => {
                            let help = suggest(other, ["calibration", "validation"]).map_or_else(
                                || "roles are \"calibration\" and \"validation\" (held out)".to_string(),
                                |s| format!("did you mean \"{s}\"?"),
                            );
                            b.err_help(e.node.loc, &key, format!("unknown role '{other}'"), help);
                        }
                    }
                }
            }
            _ => b.unknown(e, &key, known.iter().map(String::as_str), "[[target]]"),
        }
    }
    let missing: Vec<&str> = [
        ("name", x.name.is_empty()),
        ("observed", t.get("observed").is_none()),
        ("uncertainty", t.get("uncertainty").is_none()),
        ("role", !role_seen),
        ("source", t.get("source").is_none()),
    ]
    .into_iter()
    .filter(|(_, m)| *m)
    .map(|(k, _)| k)
    .collect();
    if !missing.is_empty() {
        let shown = if x.name.is_empty() { "a [[target]]".to_string() } else { format!("target '{}'", x.name) };
        b.err_help(
            t.loc,
            "target",
            format!("{shown} needs {}", missing.join(", ")),
            "every target names its source and whether it is for calibration or held-out validation",
        );
    }
    (b.errs.len() == before).then_some(x)
}

/// The location `offset` bytes into the text of the string whose node is at `loc` (after
/// its opening quote; exact for strings without escapes).
fn at(loc: Loc, offset: usize) -> Loc {
    let start = loc.start.saturating_add(1).saturating_add(offset as u32).min(loc.end.max(loc.start));
    Loc { file: loc.file, start, end: start.saturating_add(1).min(loc.end.max(start)) }
}

/// A target whose expression is resolved against a scenario.
#[derive(Clone, Debug)]
pub struct Resolved {
    /// The target.
    pub target: Target,
    /// Its expression and the statistics it reads (None: no model statistic).
    pub expr: Option<Expr>,
    /// Statistic for each distinct name of the expression, by name.
    pub stats: Vec<(String, Stat)>,
}

impl Resolved {
    /// The target's value in one run, reading statistics with `get`.
    pub fn value(&self, get: &impl Fn(&Stat) -> f64) -> f64 {
        match &self.expr {
            None => f64::NAN,
            Some(e) => e.eval(&|n| self.stats.iter().find(|(k, _)| k == n).map_or(f64::NAN, |(_, s)| get(s))),
        }
    }
}

impl TargetSet {
    /// Resolve every expression against `sc`: unknown names are input errors at the column
    /// of the name.
    pub fn resolve(&self, sc: &Scenario) -> Result<Vec<Resolved>, Error> {
        let mut b = B::new(&self.sources);
        let mut out = Vec::new();
        for t in &self.targets {
            let Some((text, expr, loc)) = &t.metric else {
                out.push(Resolved { target: t.clone(), expr: None, stats: Vec::new() });
                continue;
            };
            let mut stats: Vec<(String, Stat)> = Vec::new();
            for name in expr.names() {
                if stats.iter().any(|(k, _)| *k == name) {
                    continue;
                }
                match Stat::resolve(&name, sc) {
                    Ok(s) => stats.push((name, s)),
                    Err((msg, within)) => {
                        let off = text.find(&name).unwrap_or(0) + within;
                        b.err(at(*loc, off), "target.metric", format!("target '{}': {msg}", t.name));
                    }
                }
            }
            out.push(Resolved { target: t.clone(), expr: Some(expr.clone()), stats });
        }
        if b.errs.is_empty() { Ok(out) } else { Err(Error::Input(b.errs)) }
    }
}
