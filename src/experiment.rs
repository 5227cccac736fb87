//! Replicates in memory, for tests, what-if comparisons and analyses that do not need
//! files: run a validated scenario `runs` times (in parallel, collected in run order) and
//! get every runs.csv metric plus every per-state metric of chosen states as columns
//! ([`replicate`]); or run replicates at many points of one scenario document, each point's
//! values set through [`Document::set`] like `--set` ([`at_points`], for SALib and the EMA
//! Workbench). [`folder`] writes replicates to an output folder instead (the files of
//! `cyberdip run`).

pub mod folder;

use crate::core::Sid;
use crate::core::params::{Kind, suggest};
use crate::core::rng::RunKey;
use crate::error::{Error, InputError, Result};
use crate::metrics::summary::{Stats, Summary};
use crate::metrics::{self, Keep};
use crate::scenario::document::number_text;
use crate::scenario::{Document, Scenario};
use rayon::prelude::*;

/// Metric values of replicate runs.
#[derive(Clone, Debug)]
pub struct Outcomes {
    /// Column names: runs.csv metrics, then `<ID>_<state metric>` for the chosen states.
    pub columns: Vec<String>,
    /// One row per run, in run order.
    pub rows: Vec<Vec<f64>>,
}

impl Outcomes {
    /// Values of one column, in run order.
    pub fn column(&self, name: &str) -> Option<Vec<f64>> {
        let k = self.columns.iter().position(|c| c == name)?;
        Some(self.rows.iter().map(|r| r[k]).collect())
    }

    /// Summary statistics of one column.
    pub fn stats(&self, name: &str) -> Option<Stats> {
        let mut s = Summary::default();
        for v in self.column(name)? {
            s.push(v);
        }
        Some(s.stats())
    }
}

/// Run `sc` for replicates `0..runs` of its seed; add every state metric of `states`.
pub fn replicate(sc: &Scenario, runs: u64, states: &[&str]) -> Outcomes {
    let model = sc.model();
    let chosen: Vec<Sid> = states.iter().filter_map(|id| sc.state_index(id)).collect();
    let focus_ids: Vec<&str> = sc.focus.iter().map(|&i| sc.states[i as usize].id.as_str()).collect();
    let state_cols = metrics::state_columns();
    let mut columns = metrics::run_columns(&focus_ids);
    for &s in &chosen {
        columns.extend(state_cols.iter().map(|m| format!("{}_{}", sc.states[s as usize].id, m.name())));
    }
    let rows = (0..runs)
        .into_par_iter()
        .map(|run| {
            let key = RunKey { seed: sc.sim.seed, point: 0, run };
            let r = metrics::run(&model, key, Keep::default(), &sc.focus).result;
            let mut row = metrics::run_values(&r, &model, &sc.focus);
            let per_state = metrics::state_values(&r, &model, &state_cols);
            for &s in &chosen {
                let k = s as usize * state_cols.len();
                row.extend_from_slice(&per_state[k..k + state_cols.len()]);
            }
            row
        })
        .collect();
    Outcomes { columns, rows }
}

/// `--set` texts that give lever `lever` (a `strategy.*` key, e.g.
/// `strategy.global.soft_power`) of state `id` the share `share` of the state's lever
/// weights, scaling every other lever weight so that their sum is unchanged: a
/// budget-neutral lever experiment (effort moves to the lever from the others in
/// proportion). None if the state or the lever does not exist or the share is not in [0, 1).
pub fn lever_shift(sc: &Scenario, id: &str, lever: &str, share: f64) -> Option<Vec<String>> {
    use crate::core::params::Group;
    let i = sc.state_index(id)? as usize;
    let p = &sc.states[i].params;
    let keys: Vec<&str> =
        crate::model::StateParams::specs().iter().map(|s| s.path).filter(|k| k.starts_with("strategy.")).collect();
    if !keys.contains(&lever) || !(0.0..1.0).contains(&share) {
        return None;
    }
    let total: f64 = keys.iter().filter_map(|k| p.get(k)).sum();
    let own = p.get(lever)?;
    let new_own = share * total;
    let scale = if total - own > 0.0 { (total - new_own) / (total - own) } else { 0.0 };
    let fmt = crate::scenario::document::number_text;
    Some(
        keys.iter()
            .filter_map(|k| {
                let v = if *k == lever { new_own } else { p.get(k)? * scale };
                Some(format!("state.{id}.{k}={}", fmt(v.clamp(0.0, 1.0))))
            })
            .collect(),
    )
}

/// The share of state `id`'s lever weights on `lever`.
pub fn lever_share(sc: &Scenario, id: &str, lever: &str) -> Option<f64> {
    use crate::core::params::Group;
    let p = &sc.states[sc.state_index(id)? as usize].params;
    let total: f64 = crate::model::StateParams::specs()
        .iter()
        .filter(|s| s.path.starts_with("strategy."))
        .filter_map(|s| p.get(s.path))
        .sum();
    Some(p.get(lever)? / total)
}

/// A value for one path at one point: a number, or text (a doctrine name, say).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A number; rounded to a whole number when the path is an integer parameter.
    Number(f64),
    /// Text, given as it would be after `--set path=`.
    Text(String),
}

/// Points of one scenario document: which paths each point sets, and the replicates to run.
#[derive(Clone, Debug)]
pub struct Points<'a> {
    /// The document every point starts from (files, overrides, seed and ticks applied).
    pub doc: &'a Document,
    /// Paths each point sets, as for `--set`.
    pub paths: &'a [String],
    /// runs.csv metric columns to return.
    pub metrics: &'a [String],
    /// Replicates per point.
    pub runs: u64,
    /// Common random numbers: replicate r of every point uses the streams of point 0, as a
    /// sweep does by default; so point i's values equal `cyberdip run --runs R --set ...`.
    pub common_random_numbers: bool,
}

/// Run replicates at each point of `values` (one row of values per point, in `p.paths`
/// order): each point is `p.doc` with its values set through [`Document::set`] (origin
/// `point I`), built and run `p.runs` times, in parallel batches. Returns the chosen metrics
/// point-major, then run, then metric: `out[(i * runs + r) * metrics.len() + k]`.
/// `between` is called after each batch with the number of points done; an error it
/// returns stops the work and is returned.
pub fn at_points(p: &Points, values: &[Vec<Value>], between: &mut dyn FnMut(u64) -> Result<()>) -> Result<Vec<f64>> {
    let base = p.doc.build()?;
    let focus_ids: Vec<&str> = base.focus.iter().map(|&i| base.states[i as usize].id.as_str()).collect();
    let columns = metrics::run_columns(&focus_ids);
    let mut wanted = Vec::with_capacity(p.metrics.len());
    let mut errs = Vec::new();
    for m in p.metrics {
        match columns.iter().position(|c| c == m) {
            Some(k) => wanted.push(k),
            None => {
                let mut e = InputError::file("metrics", format!("'{m}' is not a runs.csv metric of '{}'", base.name));
                if let Some(s) = suggest(m, columns.iter().map(String::as_str)) {
                    e = e.help(format!("did you mean '{s}'?"));
                }
                errs.push(e);
            }
        }
    }
    let whole: Vec<bool> = p.paths.iter().map(|path| base.range_of(path).is_ok_and(|r| r.kind == Kind::Int)).collect();
    for (i, row) in values.iter().enumerate() {
        if row.len() != p.paths.len() {
            errs.push(InputError::file(
                format!("point {i}"),
                format!("{} values for {} paths", row.len(), p.paths.len()),
            ));
        }
    }
    if !(1..=crate::scenario::caps::RUNS as u64).contains(&p.runs) {
        errs.push(InputError::file(
            "runs",
            format!("runs must be from 1 to {}, not {}", crate::scenario::caps::RUNS, p.runs),
        ));
    }
    if !errs.is_empty() {
        return Err(Error::Input(errs.into()));
    }
    let units = (rayon::current_num_threads() as u64 * 8).max(16);
    let per_batch = (units / p.runs.max(1)).max(1) as usize;
    let mut out = Vec::new();
    for (b, chunk) in values.chunks(per_batch).enumerate() {
        let first = b * per_batch;
        let done: Vec<Vec<f64>> = chunk
            .par_iter()
            .enumerate()
            .map(|(j, row)| {
                let i = first + j;
                let mut d = p.doc.clone();
                let origin = format!("point {i}");
                for ((path, v), &int) in p.paths.iter().zip(row).zip(&whole) {
                    let text = match v {
                        Value::Number(x) => number_text(if int { x.round() } else { *x }),
                        Value::Text(t) => t.clone(),
                    };
                    d.set(&origin, &format!("{path}={text}")).map_err(Error::input)?;
                }
                let sc = d.build()?;
                if sc.focus != base.focus {
                    return Err(Error::input(InputError::file(origin, "a point may not change the focus states")));
                }
                let model = sc.model();
                let point = if p.common_random_numbers { 0 } else { i as u64 };
                let per_run: Vec<Vec<f64>> = (0..p.runs)
                    .into_par_iter()
                    .map(|run| {
                        let key = RunKey { seed: sc.sim.seed, point, run };
                        let r = metrics::run(&model, key, Keep::default(), &sc.focus).result;
                        let all = metrics::run_values(&r, &model, &sc.focus);
                        wanted.iter().map(|&k| all[k]).collect()
                    })
                    .collect();
                Ok(per_run.concat())
            })
            .collect::<Result<_>>()?;
        out.extend(done.into_iter().flatten());
        between((first + chunk.len()) as u64)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Overrides, load};
    use std::path::Path;

    fn baseline() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.toml")
    }

    #[test]
    fn a_point_equals_the_scenario_loaded_with_the_same_sets() {
        let mut doc = Document::open(&baseline()).unwrap();
        doc.apply(&Overrides { ticks: Some(12), ..Overrides::default() }).unwrap();
        let paths = ["state.IRN.coordination".to_string(), "parameters.attacks.max_ops".to_string()];
        let metrics = ["attacks".to_string(), "IRN_damage_received".to_string()];
        let p = Points { doc: &doc, paths: &paths, metrics: &metrics, runs: 3, common_random_numbers: true };
        let rows = vec![vec![Value::Number(0.25), Value::Number(4.6)], vec![Value::Number(0.75), Value::Number(2.0)]];
        let got = at_points(&p, &rows, &mut |_| Ok(())).unwrap();
        assert_eq!(got.len(), 2 * 3 * 2);
        // max_ops is a whole number: 4.6 is set as 5, as a sweep point is
        for (i, sets) in [
            ["state.IRN.coordination=0.25", "parameters.attacks.max_ops=5"],
            ["state.IRN.coordination=0.75", "parameters.attacks.max_ops=2"],
        ]
        .iter()
        .enumerate()
        {
            let ov = Overrides {
                ticks: Some(12),
                sets: sets.iter().map(|s| s.to_string()).collect(),
                ..Overrides::default()
            };
            let want = replicate(&load(&baseline(), &ov).unwrap(), 3, &[]);
            for r in 0..3 {
                for (k, m) in metrics.iter().enumerate() {
                    let w = want.column(m).unwrap()[r];
                    assert_eq!(got[(i * 3 + r) * 2 + k].to_bits(), w.to_bits(), "point {i} run {r} {m}");
                }
            }
        }
    }

    #[test]
    fn bad_values_and_metrics_are_input_errors_naming_the_point() {
        let doc = Document::open(&baseline()).unwrap();
        let paths = ["state.IRN.coordination".to_string()];
        let metrics = ["attacks".to_string()];
        let p = Points { doc: &doc, paths: &paths, metrics: &metrics, runs: 1, common_random_numbers: true };
        let rows = vec![vec![Value::Number(0.5)], vec![Value::Number(1.5)]];
        let Err(Error::Input(errs)) = at_points(&p, &rows, &mut |_| Ok(())) else { panic!("1.5 is out of range") };
        assert!(errs.shown()[0].file.starts_with("point 1 "), "{}", errs.shown()[0].file);
        let bad = ["atacks".to_string()];
        let p = Points { metrics: &bad, ..p };
        let Err(Error::Input(errs)) = at_points(&p, &rows, &mut |_| Ok(())) else { panic!("no such metric") };
        assert_eq!(errs.shown()[0].help.as_deref(), Some("did you mean 'attacks'?"));
        let text = vec![vec![Value::Text("russia".into())]];
        let doctrine = ["state.IRN.doctrine".to_string()];
        let p = Points { paths: &doctrine, metrics: &metrics, ..p };
        assert_eq!(at_points(&p, &text, &mut |_| Ok(())).unwrap().len(), 1);
    }

    #[test]
    fn an_error_between_batches_stops_the_points() {
        let mut doc = Document::open(&baseline()).unwrap();
        doc.apply(&Overrides { ticks: Some(2), ..Overrides::default() }).unwrap();
        let metrics = ["attacks".to_string()];
        let p = Points { doc: &doc, paths: &[], metrics: &metrics, runs: 1, common_random_numbers: true };
        let mut calls = 0;
        let r = at_points(&p, &vec![Vec::new(); 1000], &mut |_| {
            calls += 1;
            Err(Error::failed("stop"))
        });
        assert!(r.is_err());
        assert_eq!(calls, 1);
    }
}
