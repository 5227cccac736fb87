//! Outcome metrics of finished runs, gathered from the mechanisms' declarations (Mesa's
//! DataCollector habit: outcomes are declared beside the model, computed here):
//!
//! - runs.csv: every mechanism's `METRICS`, in registry order, then [`FOCUS`] columns for
//!   the scenario's focus states (`<ID>_<metric>`);
//! - states.csv: every owned state variable's end value, then every mechanism's
//!   `STATE_METRICS` ([`state_columns`]);
//! - timeseries.csv: [`SERIES`] per tick, then [`SERIES_FOCUS`] per focus state.
//!
//! docs/OUTPUTS.md is generated from these tables, so a metric has one name everywhere.

pub mod summary;

use crate::core::Sid;
use crate::core::params::{Group, Spec};
use crate::core::rng::RunKey;
use crate::engine::{self, RunResult};
use crate::model::record::Recorder;
use crate::model::world::{World, pledge};
use crate::model::{self, Context, Facts, Model, StateMetric};

/// A per-state column of states.csv: a state variable's end value or a mechanism's metric.
#[derive(Clone, Copy)]
pub enum StateColumn {
    /// A state variable some mechanism owns (its end value).
    Var(&'static Spec, usize),
    /// A per-state metric declared by a mechanism.
    Metric(&'static StateMetric),
}

impl StateColumn {
    /// Metric name.
    pub fn name(&self) -> &'static str {
        match self {
            StateColumn::Var(s, _) => s.path,
            StateColumn::Metric(m) => m.name,
        }
    }

    /// Unit.
    pub fn unit(&self) -> &'static str {
        match self {
            StateColumn::Var(s, _) => s.unit,
            StateColumn::Metric(m) => m.unit,
        }
    }

    /// Meaning.
    pub fn doc(&self) -> String {
        match self {
            StateColumn::Var(s, _) => format!("{} (end value; {})", s.doc.trim_end_matches('.'), s.source),
            StateColumn::Metric(m) => m.doc.to_string(),
        }
    }

    fn value(&self, x: &Facts, i: Sid) -> f64 {
        match self {
            StateColumn::Var(_, k) => x.w.states[i as usize].p.vars.nth(*k).unwrap_or(f64::NAN),
            StateColumn::Metric(m) => (m.f)(x, i),
        }
    }
}

/// Every states.csv metric, in order: owned state variables (registry order), then the
/// mechanisms' per-state metrics.
pub fn state_columns() -> Vec<StateColumn> {
    let vars = model::StateVars::specs();
    let mut v: Vec<StateColumn> = model::REGISTRY
        .iter()
        .flat_map(|m| m.owns.iter())
        .filter_map(|name| vars.iter().position(|s| s.path == *name).map(|k| StateColumn::Var(vars[k], k)))
        .collect();
    v.extend(model::state_metrics().map(StateColumn::Metric));
    v
}

/// Per-state metrics that focus states get as runs.csv columns (`<ID>_<name>`).
pub const FOCUS: &[&str] = &[
    "security",
    "economy",
    "tech_access",
    "indigenous",
    "soft_power",
    "standards_share",
    "trust_received",
    "allies",
    "attacks_received",
    "successful_attacks_received",
    "success_rate_received",
    "damage_received",
    "disinformation_damage",
    "supply_chain_received",
    "sanction_pressure_mean",
    "vendor_clients",
];

/// The states.csv column of this name.
pub fn state_column(name: &str) -> Option<StateColumn> {
    state_columns().into_iter().find(|c| c.name() == name)
}

/// runs.csv metric column names for a scenario with these focus state ids.
pub fn run_columns(focus_ids: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = model::metrics().map(|m| m.name.to_string()).collect();
    for id in focus_ids {
        v.extend(FOCUS.iter().map(|n| format!("{id}_{n}")));
    }
    v
}

/// What to keep from a run besides tallies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Keep {
    /// Keep every event.
    pub events: bool,
    /// Keep a row of world statistics per tick.
    pub series: bool,
}

/// A finished run and, if kept, its time series.
pub struct Observed {
    /// The run.
    pub result: RunResult,
    /// One [`SERIES`] row per tick (empty unless kept).
    pub series: Vec<Vec<f64>>,
}

/// Run `m` once with `key`, keeping what `keep` asks for.
pub fn run(m: &Model, key: RunKey, keep: Keep, focus: &[Sid]) -> Observed {
    if keep.series {
        let mut rec = SeriesRecorder::new(m, focus);
        let result = engine::run(m, key, keep.events, |w, ctx, r| rec.observe(w, ctx, r));
        Observed { result, series: rec.rows }
    } else {
        Observed { result: engine::run(m, key, keep.events, |_, _, _| ()), series: Vec::new() }
    }
}

fn facts<'a>(r: &'a RunResult, m: &'a Model) -> Facts<'a> {
    Facts { m, w: &r.world, ctx: &r.ctx, t: &r.rec.tally }
}

/// Metric values of a finished run: every registry metric, then focus columns.
pub fn run_values(r: &RunResult, m: &Model, focus: &[Sid]) -> Vec<f64> {
    let x = facts(r, m);
    let mut v: Vec<f64> = model::metrics().map(|k| (k.f)(&x)).collect();
    if !focus.is_empty() {
        let cols: Vec<StateColumn> = FOCUS.iter().filter_map(|n| state_column(n)).collect();
        for &s in focus {
            v.extend(cols.iter().map(|c| c.value(&x, s)));
        }
    }
    v
}

/// Per-state metric values of a finished run: state-major, [`state_columns`] order.
pub fn state_values(r: &RunResult, m: &Model, columns: &[StateColumn]) -> Vec<f64> {
    let x = facts(r, m);
    let mut v = Vec::with_capacity(r.world.len() * columns.len());
    for i in 0..r.world.len() as Sid {
        v.extend(columns.iter().map(|c| c.value(&x, i)));
    }
    v
}

/// A per-tick world statistic of timeseries.csv.
pub struct Series {
    /// Metric name.
    pub name: &'static str,
    /// Meaning.
    pub doc: &'static str,
    /// A running total whose per-tick difference is reported (operations this tick).
    pub per_tick: bool,
    /// How to read it after a tick.
    pub f: fn(&Facts) -> f64,
}

fn mean(w: &World, f: impl Fn(&model::StateVars) -> f64) -> f64 {
    w.states.iter().map(|s| f(&s.p.vars)).sum::<f64>() / w.len().max(1) as f64
}

/// Per-tick world statistics (timeseries.csv), then per focus state [`SERIES_FOCUS`].
pub const SERIES: &[Series] = &[
    Series { name: "attacks", doc: "Operations this tick", per_tick: true, f: |x| f64::from(x.t.attacks.total()) },
    Series {
        name: "successes",
        doc: "Successful operations this tick",
        per_tick: true,
        f: |x| f64::from(x.t.attacks.successes),
    },
    Series { name: "damage", doc: "Damage this tick", per_tick: true, f: |x| x.t.attacks.damage },
    Series {
        name: "sanctions_active",
        doc: "Sanction episodes in force",
        per_tick: false,
        f: |x| x.w.sanctions.iter().filter(|s| s.active).count() as f64,
    },
    Series {
        name: "alliances_active",
        doc: "Alliances in force",
        per_tick: false,
        f: |x| x.w.alliances.iter().filter(|a| a.active).count() as f64,
    },
    Series {
        name: "mean_trust",
        doc: "Mean trust over related pairs",
        per_tick: false,
        f: |x| x.w.rel.of_all().map(|r| r.trust).sum::<f64>() / x.w.rel.len().max(1) as f64,
    },
    Series {
        name: "norm_adoption",
        doc: "Mean adoption of cyber-sovereignty norms",
        per_tick: false,
        f: |x| mean(x.w, |v| v.norms),
    },
    Series { name: "mean_security", doc: "Mean security", per_tick: false, f: |x| mean(x.w, |v| v.security) },
    Series {
        name: "pledge_share",
        doc: "Share of states holding all three pledges",
        per_tick: false,
        f: |x| x.w.states.iter().filter(|s| s.pledges == pledge::ALL).count() as f64 / x.w.len().max(1) as f64,
    },
    Series {
        name: "standards_share_leader",
        doc: "Standards share of the leader",
        per_tick: false,
        f: |x| x.ctx.standards.of.iter().copied().fold(0.0, f64::max),
    },
];

/// Per-tick values for each focus state (`<ID>_<name>` in timeseries.csv).
pub const SERIES_FOCUS: &[&str] =
    &["security", "economy", "tech_access", "indigenous", "soft_power", "sanction_pressure"];

/// Records one timeseries row per tick (call [`SeriesRecorder::observe`] from
/// `engine::run`'s observer).
pub struct SeriesRecorder<'a> {
    m: &'a Model,
    focus: &'a [Sid],
    last: Vec<f64>,
    /// One row per tick: [`SERIES`] values, then [`SERIES_FOCUS`] per focus state.
    pub rows: Vec<Vec<f64>>,
}

impl<'a> SeriesRecorder<'a> {
    /// A recorder for `m` with these focus states.
    pub fn new(m: &'a Model, focus: &'a [Sid]) -> Self {
        SeriesRecorder { m, focus, last: vec![0.0; SERIES.len()], rows: Vec::new() }
    }

    /// Append the row of the tick just finished.
    pub fn observe(&mut self, w: &World, ctx: &Context, rec: &Recorder) {
        let x = Facts { m: self.m, w, ctx, t: &rec.tally };
        let mut row = Vec::with_capacity(SERIES.len() + self.focus.len() * SERIES_FOCUS.len());
        for (s, last) in SERIES.iter().zip(self.last.iter_mut()) {
            let v = (s.f)(&x);
            row.push(if s.per_tick { v - *last } else { v });
            *last = v;
        }
        for &i in self.focus {
            let v = &w.states[i as usize].p.vars;
            let k = i as usize;
            row.extend([v.security, v.economy, v.tech_access, v.indigenous, v.soft_power, ctx.sanctions.pressure[k]]);
        }
        self.rows.push(row);
    }
}

/// timeseries.csv metric names for these focus ids.
pub fn series_columns(focus_ids: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = SERIES.iter().map(|s| s.name.to_string()).collect();
    for id in focus_ids {
        v.extend(SERIES_FOCUS.iter().map(|n| format!("{id}_{n}")));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn focus_names_exist_and_columns_are_unique() {
        for f in FOCUS {
            assert!(state_column(f).is_some(), "{f}");
        }
        let mut names: Vec<&str> = state_columns().iter().map(|c| c.name()).collect();
        let n = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(n, names.len(), "a states.csv metric name appears twice");
        let mut cols = run_columns(&[]);
        let n = cols.len();
        cols.sort();
        cols.dedup();
        assert_eq!(n, cols.len(), "a runs.csv column appears twice");
    }
}
