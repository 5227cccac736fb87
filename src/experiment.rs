//! Replicates in memory, for tests, what-if comparisons and analyses that do not need
//! files: run a validated scenario `runs` times (in parallel, collected in run order) and
//! get every runs.csv metric plus every per-state metric of chosen states as columns.

use crate::engine::rng::RunKey;
use crate::engine::world::Sid;
use crate::engine::{self, Keep, Model};
use crate::metrics::summary::{Stats, Summary};
use crate::metrics::{self, STATE};
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
    let model = Model::new(sc);
    let chosen: Vec<Sid> = states.iter().filter_map(|id| sc.state_index(id)).collect();
    let focus_ids: Vec<&str> = sc.focus.iter().map(|&i| sc.states[i as usize].id.as_str()).collect();
    let mut columns = metrics::run_columns(&focus_ids);
    for &s in &chosen {
        columns.extend(STATE.iter().map(|m| format!("{}_{}", sc.states[s as usize].id, m.name)));
    }
    let rows = (0..runs)
        .into_par_iter()
        .map(|run| {
            let r = engine::run(&model, RunKey { seed: sc.sim.seed, point: 0, run }, Keep::default(), &sc.focus);
            let mut row = metrics::run_values(&r, &model, &sc.focus);
            let per_state = metrics::state_values(&r, &model);
            for &s in &chosen {
                let k = s as usize * STATE.len();
                row.extend_from_slice(&per_state[k..k + STATE.len()]);
            }
            row
        })
        .collect();
    Outcomes { columns, rows }
}
