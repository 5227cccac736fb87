//! Per-run statistics that targets are written in: every runs.csv metric, every per-state
//! metric of every state as `<ID>_<metric>`, and statistics of what public trackers see
//! (observed operations by initiator, victim, type, directed pair), of sanction episodes
//! and of alliance spells, which runs.csv does not carry. A name is resolved once against
//! the scenario ([`Stat::resolve`]); each run is then measured once ([`Measure`]) and every
//! statistic read from the measure.

use crate::core::Sid;
use crate::core::params::suggest;
use crate::core::rng::RunKey;
use crate::engine::{self, RunResult};
use crate::metrics;
use crate::model::attacks::AttackType;
use crate::model::world::World;
use crate::model::{self, Model};
use crate::scenario::Scenario;

/// A statistic of one run.
#[derive(Clone, Debug, PartialEq)]
pub enum Stat {
    /// A runs.csv metric (index in registry order).
    Metric(usize),
    /// A per-state metric (`<ID>_<metric>`): state, index in [`metrics::state_columns`].
    State(Sid, usize),
    /// Observed operations of every kind.
    Observed,
    /// Observed operations launched by a state.
    ObservedBy(Sid),
    /// Observed operations against a state.
    ObservedOn(Sid),
    /// Observed operations of a type (index in [`AttackType::ALL`]).
    ObservedType(usize),
    /// Observed operations from the first state against the second.
    ObservedPair(Sid, Sid),
    /// 1 if the two states had an observed operation in either direction, else 0.
    ObservedAny(Sid, Sid),
    /// Observed operations in the `n` directed pairs with the most.
    ObservedTop(usize),
    /// Mean severity (1-5) of observed operations (undefined without any).
    ObservedSeverity,
    /// Sanction episodes imposed during the run that ended in it.
    SanctionsEnded,
    /// Median duration in years of those episodes (undefined without any).
    SanctionMedianYears,
    /// Alliance-years in force (sum over ticks of alliances in force / 12).
    AllianceYears,
    /// Member-years in alliances of three or more members.
    MultilateralMemberYears,
    /// Allied pair-years (pairs of states sharing at least one alliance).
    AlliedPairYears,
    /// Allied pairs that stopped being allied (counted per tick).
    AlliedPairEnds,
}

/// The families of names, for help texts and docs/VALIDATION.md.
pub const FAMILIES: &[(&str, &str)] = &[
    ("<runs.csv metric>", "any runs.csv metric, e.g. `attacks_observed`, `sanctions_lifted`"),
    ("<ID>_<state metric>", "any states.csv metric of any state, e.g. `USA_attacks_received`"),
    ("observed.total", "observed (publicly attributed) operations"),
    ("observed.by.<ID>", "observed operations launched by state ID"),
    ("observed.on.<ID>", "observed operations against state ID"),
    (
        "observed.type.<type>",
        "observed operations of a type (espionage, disruption, degradation, disinformation, supply_chain, theft)",
    ),
    ("observed.pair.<A>.<B>", "observed operations by A against B"),
    ("observed.any.<A>.<B>", "1 if A and B had an observed operation in either direction, else 0"),
    ("observed.top.<n>", "observed operations in the n directed pairs with the most"),
    ("observed.severity_mean", "mean severity (1-5) of observed operations"),
    ("sanctions.ended", "sanction episodes imposed during the run that were lifted in it"),
    ("sanctions.median_years", "median duration in years of those episodes"),
    ("alliances.years", "alliance-years in force"),
    ("alliances.multilateral_member_years", "member-years in alliances of three or more"),
    ("alliances.pair_years", "allied pair-years (pairs sharing an alliance)"),
    ("alliances.pair_ends", "allied pairs that stopped being allied"),
];

impl Stat {
    /// The statistic called `name` in scenario `sc`; the error says why not, with a
    /// suggestion when one is close, and the byte offset in `name` of the part at fault.
    pub fn resolve(name: &str, sc: &Scenario) -> Result<Stat, (String, usize)> {
        Stat::resolve_in(name, sc)
            .map_err(|(msg, part)| (msg, part.and_then(|p: &str| find_segment(name, p)).unwrap_or(0)))
    }

    fn resolve_in<'n>(name: &'n str, sc: &Scenario) -> Result<Stat, (String, Option<&'n str>)> {
        let ids = sc.ids();
        let state = |id: &'n str| -> Result<Sid, (String, Option<&'n str>)> {
            sc.state_index(id).ok_or_else(|| {
                let near =
                    suggest(id, ids.iter().copied()).map_or(String::new(), |s| format!(" (did you mean '{s}'?)"));
                (format!("state '{id}' does not exist in scenario '{}'{near}", sc.name), Some(id))
            })
        };
        if let Some(k) = model::metrics().position(|m| m.name == name) {
            return Ok(Stat::Metric(k));
        }
        let parts: Vec<&str> = name.split('.').collect();
        let stat = match parts.as_slice() {
            ["observed", "total"] => Stat::Observed,
            ["observed", "by", a] => Stat::ObservedBy(state(a)?),
            ["observed", "on", a] => Stat::ObservedOn(state(a)?),
            ["observed", "type", t] => match AttackType::ALL.iter().position(|x| x.name() == *t) {
                Some(k) => Stat::ObservedType(k),
                None => {
                    let names: Vec<&str> = AttackType::ALL.iter().map(|x| x.name()).collect();
                    return Err((format!("unknown operation type '{t}': types are {}", names.join(", ")), Some(*t)));
                }
            },
            ["observed", "pair", a, b] => Stat::ObservedPair(state(a)?, state(b)?),
            ["observed", "any", a, b] => Stat::ObservedAny(state(a)?, state(b)?),
            ["observed", "top", n] => match n.parse::<usize>() {
                Ok(n) if n >= 1 => Stat::ObservedTop(n),
                _ => return Err((format!("observed.top.<n> needs a whole number n >= 1, found '{n}'"), Some(*n))),
            },
            ["observed", "severity_mean"] => Stat::ObservedSeverity,
            ["sanctions", "ended"] => Stat::SanctionsEnded,
            ["sanctions", "median_years"] => Stat::SanctionMedianYears,
            ["alliances", "years"] => Stat::AllianceYears,
            ["alliances", "multilateral_member_years"] => Stat::MultilateralMemberYears,
            ["alliances", "pair_years"] => Stat::AlliedPairYears,
            ["alliances", "pair_ends"] => Stat::AlliedPairEnds,
            _ => {
                // <ID>_<state metric>
                if let Some((id, metric)) = name.split_once('_')
                    && let Some(s) = sc.state_index(id)
                    && let Some(k) = metrics::state_columns().iter().position(|c| c.name() == metric)
                {
                    return Ok(Stat::State(s, k));
                }
                let mut known: Vec<String> = model::metrics().map(|m| m.name.to_string()).collect();
                known.extend(
                    ["observed.total", "observed.severity_mean", "sanctions.ended", "sanctions.median_years"]
                        .map(String::from),
                );
                known.extend(
                    [
                        "alliances.years",
                        "alliances.multilateral_member_years",
                        "alliances.pair_years",
                        "alliances.pair_ends",
                    ]
                    .map(String::from),
                );
                let near = suggest(name, known.iter().map(String::as_str))
                    .map_or(String::new(), |s| format!(" (did you mean '{s}'?)"));
                return Err((
                    format!(
                        "unknown statistic '{name}'{near}: names are runs.csv metrics, <ID>_<state metric>, \
                         observed.by.<ID>, observed.on.<ID>, observed.type.<type>, observed.pair.<A>.<B>, \
                         observed.any.<A>.<B>, observed.top.<n>, observed.severity_mean, sanctions.*, \
                         alliances.* (docs/VALIDATION.md lists them)"
                    ),
                    None,
                ));
            }
        };
        Ok(stat)
    }
}

/// Byte offset in `name` of its first dot-separated segment equal to `seg`.
fn find_segment(name: &str, seg: &str) -> Option<usize> {
    let mut at = 0;
    for part in name.split('.') {
        if part == seg {
            return Some(at);
        }
        at += part.len() + 1;
    }
    None
}

/// Alliance spells accumulated tick by tick.
#[derive(Clone, Debug, Default)]
struct Spells {
    alliance_ticks: u64,
    multilateral_member_ticks: u64,
    pair_ticks: u64,
    pair_ends: u64,
    allied: Vec<bool>,
}

impl Spells {
    fn observe(&mut self, w: &World) {
        let n = w.len();
        let mut now = vec![false; n * n];
        for a in w.alliances.iter().filter(|a| a.active) {
            self.alliance_ticks += 1;
            if a.members.len() >= 3 {
                self.multilateral_member_ticks += a.members.len() as u64;
            }
            for (k, &i) in a.members.iter().enumerate() {
                for &j in &a.members[k + 1..] {
                    let (i, j) = (i.min(j) as usize, i.max(j) as usize);
                    now[i * n + j] = true;
                }
            }
        }
        self.pair_ticks += now.iter().filter(|x| **x).count() as u64;
        if self.allied.len() == now.len() {
            self.pair_ends += self.allied.iter().zip(&now).filter(|(was, is)| **was && !**is).count() as u64;
        }
        self.allied = now;
    }
}

/// What one run measured: everything a statistic reads.
pub struct Measure {
    run: RunResult,
    metrics: Vec<f64>,
    states: Vec<f64>,
    ncols: usize,
    spells: Spells,
}

impl Measure {
    /// Run `m` once with `key` and measure it.
    pub fn run(m: &Model, key: RunKey) -> Measure {
        let mut spells = Spells::default();
        let run = engine::run(m, key, false, |w, _, _| spells.observe(w));
        let metrics = metrics::run_values(&run, m, &[]);
        let cols = metrics::state_columns();
        let states = metrics::state_values(&run, m, &cols);
        Measure { run, metrics, states, ncols: cols.len(), spells }
    }

    /// The value of `s` in this run (NaN where undefined, e.g. a share of nothing).
    pub fn get(&self, s: &Stat) -> f64 {
        let t = &self.run.rec.tally.attacks;
        let w = &self.run.world;
        match s {
            Stat::Metric(k) => self.metrics.get(*k).copied().unwrap_or(f64::NAN),
            Stat::State(i, k) => self.states.get(*i as usize * self.ncols + k).copied().unwrap_or(f64::NAN),
            Stat::Observed => f64::from(t.observed()),
            Stat::ObservedBy(i) => t.states.get(*i as usize).map_or(f64::NAN, |x| f64::from(x.launched_observed)),
            Stat::ObservedOn(i) => t.states.get(*i as usize).map_or(f64::NAN, |x| f64::from(x.received_observed)),
            Stat::ObservedType(k) => t.observed_by_type.get(*k).map_or(f64::NAN, |x| f64::from(*x)),
            Stat::ObservedPair(a, b) => f64::from(t.observed_dyads.get(&(*a, *b)).copied().unwrap_or(0)),
            Stat::ObservedAny(a, b) => {
                let n = t.observed_dyads.get(&(*a, *b)).copied().unwrap_or(0)
                    + t.observed_dyads.get(&(*b, *a)).copied().unwrap_or(0);
                f64::from(u8::from(n > 0))
            }
            Stat::ObservedTop(n) => {
                let mut v: Vec<u32> = t.observed_dyads.values().copied().collect();
                v.sort_unstable_by(|a, b| b.cmp(a));
                v.iter().take(*n).map(|x| f64::from(*x)).sum()
            }
            Stat::ObservedSeverity => {
                let n: u32 = t.observed_severity.iter().sum();
                if n == 0 {
                    return f64::NAN;
                }
                let s: f64 =
                    t.observed_severity.iter().enumerate().map(|(k, c)| (k as f64 + 1.0) * f64::from(*c)).sum();
                s / f64::from(n)
            }
            Stat::SanctionsEnded => ended(w).count() as f64,
            Stat::SanctionMedianYears => {
                let mut d: Vec<f64> = ended(w).map(|s| f64::from(s.ticks) / 12.0).collect();
                median(&mut d)
            }
            Stat::AllianceYears => self.spells.alliance_ticks as f64 / 12.0,
            Stat::MultilateralMemberYears => self.spells.multilateral_member_ticks as f64 / 12.0,
            Stat::AlliedPairYears => self.spells.pair_ticks as f64 / 12.0,
            Stat::AlliedPairEnds => self.spells.pair_ends as f64,
        }
    }
}

/// Sanction episodes imposed during the run (not in force at its start) and lifted in it.
fn ended(w: &World) -> impl Iterator<Item = &crate::model::world::Sanction> {
    use crate::model::world::SanctionCause;
    w.sanctions.iter().filter(|s| !s.active && s.cause != SanctionCause::Initial)
}

/// Median (NaN for none).
pub fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 }
}
