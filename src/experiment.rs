//! Replicates in memory, for tests, what-if comparisons and analyses that do not need
//! files: run a validated scenario `runs` times (in parallel, collected in run order) and
//! get every runs.csv metric plus every per-state metric of chosen states as columns.
//! [`folder`] writes replicates to an output folder instead (the files of `cyberdip run`).

pub mod folder;

use crate::core::Sid;
use crate::core::rng::RunKey;
use crate::metrics::summary::{Stats, Summary};
use crate::metrics::{self, Keep};
use crate::scenario::Scenario;
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
