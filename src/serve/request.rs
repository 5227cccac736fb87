//! A page's state — the query of its URL — turned into a validated scenario through the one
//! path for values: the scenario's [`Document`] changed by `--runs`, `--seed`, `--ticks`
//! and `--set` exactly as on the command line, so a bad value gets the command line's
//! located message (as HTTP 400). The same query gives the exported TOML file (the
//! scenario `extends`-ed with the changed values) and the equivalent command line.
//!
//! Query keys: `set=PATH=VALUE` (repeated), `runs`, `ticks`, `seed`, `exercise=STEM`,
//! `choice=NAME`; the page's own keys (`state`, `play`, `run`) are ignored here.

use super::Limits;
use super::catalog::{Base, Catalog};
use crate::core::params::Group;
use crate::core::params::suggest;
use crate::error::{Error, InputError};
use crate::model::Params;
use crate::scenario::document::number_text;
use crate::scenario::{Document, Scenario, Simulation};
use std::collections::BTreeMap;

/// Keys only the page reads: the state whose sliders are shown, the exercise choices
/// played, whether to run when the page opens.
const PAGE_KEYS: &[&str] = &["state", "play", "run"];
/// Longest `set` value accepted.
const MAX_SET_LEN: usize = 300;

/// Why a request is refused: an HTTP status and messages for the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    /// HTTP status.
    pub status: u16,
    /// What is wrong, one message each (input errors as the command line prints them).
    pub errors: Vec<String>,
}

impl Rejection {
    /// A 400 with one message.
    pub fn bad(msg: impl Into<String>) -> Rejection {
        Rejection { status: 400, errors: vec![msg.into()] }
    }

    /// A 400 from the library's error, printed as the command line prints it.
    pub fn from_error(e: Error) -> Rejection {
        match e {
            Error::Input(es) => {
                let mut errors: Vec<String> = es.shown().iter().map(|e| e.to_string()).collect();
                if es.more() > 0 {
                    errors.push(format!("and {} more", es.more()));
                }
                Rejection { status: 400, errors }
            }
            other => Rejection { status: 500, errors: vec![other.to_string()] },
        }
    }
}

/// The page's state, as its URL query gives it (values as typed).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// Exercise file stem (exercise view), or None (what-if view on the main scenario).
    pub exercise: Option<String>,
    /// The exercise's policy choice.
    pub choice: Option<String>,
    /// `PATH=VALUE` changes, in order (a later one wins).
    pub sets: Vec<String>,
    /// Replicate runs.
    pub runs: Option<String>,
    /// Months per run.
    pub ticks: Option<String>,
    /// Seed.
    pub seed: Option<String>,
}

impl Query {
    /// Parse `a=b&c=d` (URL-encoded); unknown keys are refused with the list of known ones.
    pub fn parse(q: &str, limits: &Limits) -> Result<Query, Rejection> {
        let mut out = Query::default();
        for (k, v) in form_urlencoded::parse(q.as_bytes()) {
            let v = v.trim().to_string();
            match k.as_ref() {
                "set" if v.is_empty() => {}
                "set" => {
                    if v.len() > MAX_SET_LEN {
                        return Err(Rejection::bad(format!("a set value is longer than {MAX_SET_LEN} characters")));
                    }
                    out.sets.push(v);
                }
                "runs" => out.runs = Some(v),
                "ticks" => out.ticks = Some(v),
                "seed" => out.seed = Some(v),
                "exercise" => out.exercise = Some(v).filter(|s| !s.is_empty()),
                "choice" => out.choice = Some(v).filter(|s| !s.is_empty()),
                k if PAGE_KEYS.contains(&k) => {}
                other => {
                    return Err(Rejection::bad(format!(
                        "unknown query key '{other}' (known: set, runs, ticks, seed, exercise, choice, {})",
                        PAGE_KEYS.join(", ")
                    )));
                }
            }
        }
        if out.sets.len() > limits.max_sets {
            return Err(Rejection::bad(format!(
                "{} set values: this server accepts at most {} in one request",
                out.sets.len(),
                limits.max_sets
            )));
        }
        Ok(out)
    }
}

/// The identity of an unchanged scenario's results: runs of the same file with the same
/// runs, months and seed are the same.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RefKey {
    /// "scenario/STEM" or "exercise/STEM".
    pub base: String,
    /// Runs.
    pub runs: u64,
    /// Months.
    pub ticks: u32,
    /// Seed.
    pub seed: u64,
}

/// A validated request: the scenario to run and the unchanged one to compare it with.
#[derive(Clone, Debug)]
pub struct Prepared {
    /// The file's stem.
    pub stem: String,
    /// The file as given on the command line (for the equivalent command).
    pub path: std::path::PathBuf,
    /// Its absolute path (for `extends`).
    pub abs: std::path::PathBuf,
    /// The exercise choice, if any.
    pub choice: Option<String>,
    /// Every change applied, choice first: `PATH=VALUE`, one per path, in order.
    pub changes: Vec<String>,
    /// The scenario with the changes.
    pub scenario: Scenario,
    /// The scenario without them (same runs, months, seed).
    pub reference: Scenario,
    /// Name of the results on the page.
    pub label: String,
    /// Name of the unchanged scenario's results on the page.
    pub ref_label: String,
    /// Identity of the unchanged scenario's results.
    pub key: RefKey,
    /// Whether this is an exercise.
    pub exercise: bool,
}

impl Prepared {
    /// Whether anything differs from the unchanged scenario.
    pub fn changed(&self) -> bool {
        !self.changes.is_empty()
    }

    /// The command line that writes the same CSV files into `out`.
    pub fn command(&self, out: &str) -> Vec<String> {
        command(&self.path, &self.changes, &self.scenario.sim, out)
    }

    /// The page's address for this request, without the host: opening it shows the same
    /// values and runs them (`run=1`, or `play=CHOICE` for an exercise).
    pub fn page_path(&self) -> String {
        let sim = &self.scenario.sim;
        let mut q = form_urlencoded::Serializer::new(String::new());
        if self.exercise {
            q.append_pair("runs", &sim.runs.to_string());
            if let Some(c) = &self.choice {
                q.append_pair("play", c);
            }
            return format!("/exercise/{}?{}", self.stem, q.finish());
        }
        for c in &self.changes {
            q.append_pair("set", c);
        }
        q.append_pair("runs", &sim.runs.to_string());
        q.append_pair("ticks", &sim.ticks.to_string());
        q.append_pair("seed", &sim.seed.to_string());
        q.append_pair("run", "1");
        format!("/whatif?{}", q.finish())
    }

    /// A suggested file name for the exported scenario.
    pub fn file_name(&self) -> String {
        let tail = match &self.choice {
            Some(c) => c.clone(),
            None if self.changed() => "whatif".into(),
            None => "unchanged".into(),
        };
        let clean = |s: &str| -> String {
            s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect()
        };
        format!("{}-{}.toml", clean(&self.stem), clean(&tail))
    }
}

/// `cyberdip run FILE --set … --runs … --ticks … --seed … --timeseries --out OUT`.
pub fn command(path: &std::path::Path, changes: &[String], sim: &Simulation, out: &str) -> Vec<String> {
    let mut v: Vec<String> = vec!["cyberdip".into(), "run".into(), path.display().to_string()];
    for s in changes {
        v.push("--set".into());
        v.push(s.clone());
    }
    for (flag, x) in [("--runs", sim.runs), ("--ticks", u64::from(sim.ticks)), ("--seed", sim.seed)] {
        v.push(flag.into());
        v.push(x.to_string());
    }
    v.extend(["--timeseries".into(), "--out".into(), out.to_string()]);
    v
}

/// Validate a query against the catalog and the limits: the same messages as `cyberdip run`
/// with the same options, as 400.
pub fn prepare(catalog: &Catalog, limits: &Limits, q: &Query) -> Result<Prepared, Rejection> {
    let (base, exercise) = match &q.exercise {
        Some(stem) => match catalog.exercise(stem) {
            Some(b) => (b, true),
            None => return Err(Rejection { status: 400, errors: vec![catalog.no_exercise(stem).to_string()] }),
        },
        None => (&catalog.main, false),
    };
    let mut changes: Vec<String> = Vec::new();
    if let Some(name) = &q.choice {
        let Some(ex) = base.exercise().filter(|_| exercise) else {
            return Err(Rejection::bad("`choice` needs an `exercise`"));
        };
        match ex.choices.iter().find(|c| &c.name == name) {
            Some(c) => changes.extend(c.set.iter().cloned()),
            None => {
                let names: Vec<&str> = ex.choices.iter().map(|c| c.name.as_str()).collect();
                let mut e = InputError::file(base.path.display().to_string(), format!("no choice '{name}'"));
                e = match suggest(name, names.iter().copied()) {
                    Some(s) => e.help(format!("did you mean '{s}'?")),
                    None => e.help(format!("choices: {}", names.join(", "))),
                };
                return Err(Rejection { status: 400, errors: vec![e.to_string()] });
            }
        }
    }
    changes.extend(q.sets.iter().cloned());
    let changes: Vec<String> = last_per_path(&changes.iter().map(|c| canonical(c)).collect::<Vec<_>>());
    let scenario = build(base, q, &changes)?;
    let reference = build(base, q, &[])?;
    let sim = &scenario.sim;
    let mut errors = Vec::new();
    if sim.runs > limits.max_runs {
        errors.push(format!(
            "runs: {} is more than this server allows in one request ({}; start it with a larger --max-runs)",
            sim.runs, limits.max_runs
        ));
    }
    if u64::from(sim.ticks) > limits.max_ticks {
        errors.push(format!(
            "ticks: {} months is more than this server allows in one request ({})",
            sim.ticks, limits.max_ticks
        ));
    }
    for c in &changes {
        let (path, value) = c.split_once('=').map_or((c.as_str(), ""), |(p, v)| (p.trim(), v));
        // numeric in the unchanged scenario (a sanction set to 0 is no longer in force after)
        if let Err(e) = reference.range_of(path) {
            errors.push(format!(
                "`{path}`: the page changes numbers only ({}); use a scenario file for other values",
                e.message
            ));
        } else if value.parse::<f64>().is_err() {
            errors.push(format!("`{path}`: '{value}' is not a decimal number"));
        }
    }
    if !errors.is_empty() {
        return Err(Rejection { status: 400, errors });
    }
    let name = scenario.name.clone();
    let (label, ref_label) = match (&q.choice, exercise) {
        (Some(c), _) => (c.clone(), format!("{name} as written")),
        (None, true) => (format!("{name} as written"), format!("{name} as written")),
        (None, false) if changes.is_empty() => (format!("{name} (unchanged)"), format!("{name} (unchanged)")),
        (None, false) => (format!("{name} (what-if)"), format!("{name} (unchanged)")),
    };
    let kind = if exercise { "exercise" } else { "scenario" };
    let key = RefKey {
        base: format!("{kind}/{}", base.stem),
        runs: reference.sim.runs,
        ticks: reference.sim.ticks,
        seed: reference.sim.seed,
    };
    Ok(Prepared {
        stem: base.stem.clone(),
        path: base.path.clone(),
        abs: base.abs.clone(),
        choice: q.choice.clone(),
        changes,
        scenario,
        reference,
        label,
        ref_label,
        key,
        exercise,
    })
}

/// `--runs`, `--seed`, `--ticks`, then every `--set`, as `Document::apply` does for the
/// command line (every error collected), then validate.
fn build(base: &Base, q: &Query, sets: &[String]) -> Result<Scenario, Rejection> {
    let mut doc: Document = base.doc.clone();
    let mut errs = Vec::new();
    for (flag, key, v) in [("--runs", "runs", &q.runs), ("--seed", "seed", &q.seed), ("--ticks", "ticks", &q.ticks)] {
        if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
            if let Err(e) = doc.set(flag, &format!("simulation.{key}={v}")) {
                errs.push(e);
            }
        }
    }
    for s in sets {
        if let Err(e) = doc.set("--set", s) {
            errs.push(e);
        }
    }
    if !errs.is_empty() {
        return Err(Rejection::from_error(Error::Input(errs.into())));
    }
    doc.build().map_err(Rejection::from_error)
}

/// A change as the page sends it: a bare parameter path gets its `parameters.` prefix and
/// a finite decimal number is written back in its shortest exact form, so the page, the
/// exported file and the command line all read the same text. Anything else is left as
/// given, for the document to judge.
fn canonical(change: &str) -> String {
    let Some((path, value)) = change.split_once('=') else { return change.to_string() };
    let path = path.trim();
    let families = ["parameters.", "state.", "sanction.", "alliance.", "simulation.", "world.", "outputs."];
    let path = if !families.iter().any(|f| path.starts_with(f)) && Params::spec(path).is_some() {
        format!("parameters.{path}")
    } else {
        path.to_string()
    };
    match value.trim().replace('_', "").parse::<f64>() {
        Ok(v) if v.is_finite() => format!("{path}={}", number_text(v)),
        _ => format!("{path}={value}"),
    }
}

/// One change per path (the last given), in the order of those last changes.
fn last_per_path(sets: &[String]) -> Vec<String> {
    let path = |s: &str| s.split_once('=').map_or(s.trim().to_string(), |(p, _)| p.trim().to_string());
    sets.iter()
        .enumerate()
        .filter(|(i, s)| !sets[i + 1..].iter().any(|t| path(t) == path(s)))
        .map(|(_, s)| s.clone())
        .collect()
}

/// The exported scenario: a TOML file that `extends` the page's scenario (by absolute path)
/// and sets runs, months, seed and every changed value. `cyberdip run FILE --timeseries`
/// writes the same CSV files as the page's run. `page` is the page's address, for the header.
pub fn export_toml(p: &Prepared, page: &str) -> String {
    let sim = &p.scenario.sim;
    let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut h = String::new();
    let what = match &p.choice {
        Some(c) => format!("Exercise '{}', choice '{c}'", p.stem),
        None if p.changed() => format!("What-if on '{}'", p.scenario.name),
        None => format!("'{}' unchanged", p.scenario.name),
    };
    h.push_str(&format!("# {what}: exported by `cyberdip serve` (cyberdip {}).\n", env!("CARGO_PKG_VERSION")));
    h.push_str(&format!("# Page: {page}\n"));
    h.push_str("# `cyberdip run THIS_FILE --timeseries --out DIR` writes the same CSV files as the page's\n");
    h.push_str("# \"Download results\" (byte for byte). `extends` is the absolute path of the scenario on the\n");
    h.push_str("# machine that made this file; write a relative path when you move the file next to it.\n");
    h.push_str(&format!("extends = {}\n\n", quote(&p.abs.display().to_string())));
    h.push_str(&format!("[simulation]\nruns = {}\nticks = {}\nseed = {}\n", sim.runs, sim.ticks, sim.seed));
    let mut params: Vec<(String, String)> = Vec::new();
    // (family, id) -> [(key, value)], families in file order
    let mut items: BTreeMap<(u8, String), Vec<(String, String)>> = BTreeMap::new();
    for c in &p.changes {
        let Some((path, value)) = c.split_once('=') else { continue };
        let (path, value) = (path.trim(), value.trim().to_string());
        let segs: Vec<&str> = path.splitn(3, '.').collect();
        match segs.as_slice() {
            ["parameters", rest @ ..] => params.push((rest.join("."), value)),
            ["state", id, key] => items.entry((0, id.to_string())).or_default().push((key.to_string(), value)),
            ["sanction", id, key] => items.entry((1, id.to_string())).or_default().push((key.to_string(), value)),
            ["alliance", name, key] => items.entry((2, name.to_string())).or_default().push((key.to_string(), value)),
            // a bare parameter path (`attacks.base_rate=...`), as --set accepts
            _ => params.push((path.to_string(), value)),
        }
    }
    if !params.is_empty() {
        h.push_str("\n[parameters]\n");
        for (k, v) in &params {
            h.push_str(&format!("{k} = {v}\n"));
        }
    }
    for ((family, id), keys) in &items {
        let (table, idk) = match family {
            0 => ("state", "id"),
            1 => ("sanction", "id"),
            _ => ("alliance", "name"),
        };
        h.push_str(&format!("\n[[{table}]]\n{idk} = {}\n", quote(id)));
        for (k, v) in keys {
            h.push_str(&format!("{k} = {v}\n"));
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_change_of_a_path_wins_and_keeps_its_place() {
        let v: Vec<String> = ["a=1", "b=2", "a = 3", "c=4"].map(String::from).to_vec();
        assert_eq!(last_per_path(&v), vec!["b=2", "a = 3", "c=4"]);
    }

    #[test]
    fn changes_are_written_in_one_form() {
        assert_eq!(canonical("state.IRN.coordination = 0.80"), "state.IRN.coordination=0.8");
        assert_eq!(canonical("attacks.base_rate=1_000"), "parameters.attacks.base_rate=1000");
        assert_eq!(canonical("state.IRN.coordination=abc"), "state.IRN.coordination=abc");
        assert_eq!(canonical("state.IRN.coordination=nan"), "state.IRN.coordination=nan");
        assert_eq!(canonical("no equals sign"), "no equals sign");
    }

    #[test]
    fn query_keys() {
        let l = Limits::default();
        let q = Query::parse("set=state.IRN.coordination%3D0.8&runs=20&state=IRN&run=1&set=", &l).unwrap();
        assert_eq!(q.sets, vec!["state.IRN.coordination=0.8"]);
        assert_eq!(q.runs.as_deref(), Some("20"));
        let e = Query::parse("path=/etc/passwd", &l).unwrap_err();
        assert_eq!(e.status, 400);
        assert!(e.errors[0].contains("unknown query key 'path'"), "{e:?}");
        let many = vec!["set=a%3D1"; l.max_sets + 1].join("&");
        assert_eq!(Query::parse(&many, &l).unwrap_err().status, 400);
    }
}
