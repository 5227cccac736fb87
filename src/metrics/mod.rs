//! Outcome metrics, declared once: name, unit, meaning and how to compute it from a
//! finished run (Mesa-style reporters). runs.csv, states.csv, timeseries.csv and
//! docs/OUTPUTS.md all read these tables, so a metric has one name everywhere.

pub mod summary;

use crate::engine::context::Context;
use crate::engine::record::{Recorder, Tally};
use crate::engine::world::{Sid, World, pledge};
use crate::engine::{Model, RunResult};
use crate::model::attacks::AttackType;
use crate::model::responses::Response;
use crate::model::sanctions;

/// What a metric reads.
pub struct Facts<'a> {
    /// Final world.
    pub w: &'a World,
    /// Final context.
    pub ctx: &'a Context,
    /// Run tallies.
    pub t: &'a Tally,
    /// The model.
    pub m: &'a Model,
    /// Bloc of each state (None if in no alliance).
    pub bloc: Vec<Option<usize>>,
}

/// A world-level metric of a run.
pub struct Metric {
    /// Column name.
    pub name: &'static str,
    /// Unit.
    pub unit: &'static str,
    /// Meaning.
    pub doc: &'static str,
    /// How to compute it.
    pub f: fn(&Facts) -> f64,
}

/// A per-state metric of a run.
pub struct StateMetric {
    /// Metric name.
    pub name: &'static str,
    /// Unit.
    pub unit: &'static str,
    /// Meaning.
    pub doc: &'static str,
    /// How to compute it for one state.
    pub f: fn(&Facts, Sid) -> f64,
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 0.0 }
}

fn total_attacks(t: &Tally) -> f64 {
    f64::from(t.attacks.iter().sum::<u32>())
}

fn share_pledged(x: &Facts, bit: u8) -> f64 {
    ratio(x.w.states.iter().filter(|s| s.pledges & bit != 0).count() as f64, x.w.len() as f64)
}

fn active_alliances(w: &World) -> impl Iterator<Item = &crate::engine::world::Alliance> {
    w.alliances.iter().filter(|a| a.active)
}

/// Share of operations carried by the busiest fifth of the dyads that saw any (at least one dyad).
fn top_dyad_share(t: &Tally) -> f64 {
    let mut counts: Vec<u32> = t.dyads.values().copied().collect();
    counts.sort_unstable_by(|a, b| b.cmp(a));
    let k = counts.len().div_ceil(5);
    ratio(f64::from(counts.iter().take(k).sum::<u32>()), f64::from(counts.iter().sum::<u32>()))
}

fn bloc_trust(x: &Facts, within: bool) -> f64 {
    let (mut sum, mut n) = (0.0, 0u64);
    for i in 0..x.w.len() {
        let Some(bi) = x.bloc[i] else { continue };
        for r in x.w.rel.of(i as Sid) {
            let Some(bj) = x.bloc[r.other as usize] else {
                continue;
            };
            if (bi == bj) == within {
                sum += r.trust;
                n += 1;
            }
        }
    }
    ratio(sum, n as f64)
}

fn mean_of(x: &Facts, f: impl Fn(&crate::model::state_vars::StateVars) -> f64) -> f64 {
    ratio(x.w.states.iter().map(|s| f(&s.p.vars)).sum(), x.w.len() as f64)
}

fn vendor_leader_share(w: &World) -> f64 {
    let mut counts = vec![0u32; w.len()];
    for s in &w.states {
        if let Some(v) = s.supplier {
            counts[v as usize] += 1;
        }
    }
    ratio(f64::from(counts.into_iter().max().unwrap_or(0)), w.len() as f64)
}

/// World-level metrics, in runs.csv column order.
pub static RUN: &[Metric] = &[
    Metric {
        name: "attacks",
        unit: "operations",
        doc: "Cyber operations launched, all types (incl. retaliation and injected)",
        f: |x| total_attacks(x.t),
    },
    Metric {
        name: "attacks_espionage",
        unit: "operations",
        doc: "Espionage operations",
        f: |x| f64::from(x.t.attacks[AttackType::Espionage as usize]),
    },
    Metric {
        name: "attacks_disruption",
        unit: "operations",
        doc: "Disruption operations",
        f: |x| f64::from(x.t.attacks[AttackType::Disruption as usize]),
    },
    Metric {
        name: "attacks_degradation",
        unit: "operations",
        doc: "Degradation (sabotage) operations",
        f: |x| f64::from(x.t.attacks[AttackType::Degradation as usize]),
    },
    Metric {
        name: "attacks_disinformation",
        unit: "operations",
        doc: "Disinformation and influence operations",
        f: |x| f64::from(x.t.attacks[AttackType::Disinformation as usize]),
    },
    Metric {
        name: "attacks_supply_chain",
        unit: "operations",
        doc: "Supply-chain compromises (backdoors)",
        f: |x| f64::from(x.t.attacks[AttackType::SupplyChain as usize]),
    },
    Metric {
        name: "espionage_share",
        unit: "share",
        doc: "Share of operations that are espionage",
        f: |x| ratio(f64::from(x.t.attacks[0]), total_attacks(x.t)),
    },
    Metric {
        name: "success_rate",
        unit: "share",
        doc: "Share of operations that succeeded",
        f: |x| ratio(f64::from(x.t.successes), total_attacks(x.t)),
    },
    Metric {
        name: "detection_rate",
        unit: "share",
        doc: "Share of operations detected",
        f: |x| ratio(f64::from(x.t.detected), total_attacks(x.t)),
    },
    Metric {
        name: "attribution_rate",
        unit: "share",
        doc: "Share of operations attributed to their actor",
        f: |x| ratio(f64::from(x.t.attributed), total_attacks(x.t)),
    },
    Metric {
        name: "low_severity_share",
        unit: "share",
        doc: "Share of operations of severity 1 or 2 (of 5)",
        f: |x| ratio(f64::from(x.t.severity[0] + x.t.severity[1]), total_attacks(x.t)),
    },
    Metric {
        name: "top_dyad_share",
        unit: "share",
        doc: "Share of operations carried by the busiest 20% of the attacker-target dyads that saw any",
        f: |x| top_dyad_share(x.t),
    },
    Metric {
        name: "responses_none",
        unit: "responses",
        doc: "Attributed operations left without public response",
        f: |x| f64::from(x.t.responses[Response::None as usize]),
    },
    Metric {
        name: "protests",
        unit: "responses",
        doc: "Diplomatic protests",
        f: |x| f64::from(x.t.responses[Response::Protest as usize]),
    },
    Metric {
        name: "sanction_responses",
        unit: "responses",
        doc: "Responses by sanction",
        f: |x| f64::from(x.t.responses[Response::Sanction as usize]),
    },
    Metric {
        name: "retaliations",
        unit: "responses",
        doc: "Retaliations in kind",
        f: |x| f64::from(x.t.responses[Response::Retaliation as usize]),
    },
    Metric {
        name: "escalations",
        unit: "responses",
        doc: "Escalations (counter-operation one rung higher)",
        f: |x| f64::from(x.t.responses[Response::Escalation as usize]),
    },
    Metric {
        name: "escalation_episodes",
        unit: "episodes",
        doc: "Dyads that started climbing the escalation ladder from calm",
        f: |x| f64::from(x.t.escalation_episodes),
    },
    Metric {
        name: "escalation_peak",
        unit: "level 0-5",
        doc: "Highest escalation level reached by any dyad",
        f: |x| f64::from(x.t.escalation_peak),
    },
    Metric {
        name: "damage_total",
        unit: "security units",
        doc: "Total damage of successful operations",
        f: |x| x.t.damage,
    },
    Metric {
        name: "sanctions_imposed",
        unit: "episodes",
        doc: "Sanction episodes imposed during the run",
        f: |x| f64::from(x.t.sanctions_imposed),
    },
    Metric {
        name: "sanctions_active",
        unit: "episodes",
        doc: "Sanction episodes in force at the end",
        f: |x| x.w.sanctions.iter().filter(|s| s.active).count() as f64,
    },
    Metric {
        name: "sanctions_lifted",
        unit: "episodes",
        doc: "Sanction episodes lifted (any reason)",
        f: |x| f64::from(x.t.sanctions_lifted),
    },
    Metric {
        name: "sanctions_succeeded",
        unit: "episodes",
        doc: "Sanction episodes lifted because the target conceded",
        f: |x| f64::from(x.t.sanctions_succeeded),
    },
    Metric {
        name: "sanctions_evaded",
        unit: "episodes",
        doc: "Sanction episodes whose mean evasion share reached sanctions.evaded_threshold",
        f: |x| f64::from(x.t.sanctions_evaded + sanctions::evaded_still_active(x.w, &x.m.params.sanctions)),
    },
    Metric {
        name: "sanction_success_rate",
        unit: "share",
        doc: "Succeeded episodes over all episodes (initial and imposed); 0 if none",
        f: |x| ratio(f64::from(x.t.sanctions_succeeded), x.w.sanctions.len() as f64),
    },
    Metric {
        name: "alliances",
        unit: "alliances",
        doc: "Alliances in force at the end",
        f: |x| active_alliances(x.w).count() as f64,
    },
    Metric {
        name: "alliance_mean_size",
        unit: "states",
        doc: "Mean size of alliances in force at the end (0 if none)",
        f: |x| {
            let (n, s) = active_alliances(x.w).fold((0.0, 0.0), |(n, s), a| (n + 1.0, s + a.members.len() as f64));
            ratio(s, n)
        },
    },
    Metric {
        name: "alliance_max_size",
        unit: "states",
        doc: "Size of the largest alliance at the end",
        f: |x| active_alliances(x.w).map(|a| a.members.len()).max().unwrap_or(0) as f64,
    },
    Metric {
        name: "alliances_formed",
        unit: "alliances",
        doc: "Alliances formed during the run",
        f: |x| f64::from(x.t.alliances_formed),
    },
    Metric {
        name: "alliances_dissolved",
        unit: "alliances",
        doc: "Alliances dissolved during the run",
        f: |x| f64::from(x.t.alliances_dissolved),
    },
    Metric {
        name: "blocs",
        unit: "blocs",
        doc: "Blocs at the end: groups of states linked by alliance membership (polarity)",
        f: |x| x.bloc.iter().flatten().max().map_or(0.0, |b| (*b + 1) as f64),
    },
    Metric {
        name: "trust_within_blocs",
        unit: "index 0-1",
        doc: "Mean trust between states of the same bloc (0 if none)",
        f: |x| bloc_trust(x, true),
    },
    Metric {
        name: "trust_across_blocs",
        unit: "index 0-1",
        doc: "Mean trust between states of different blocs (0 if none)",
        f: |x| bloc_trust(x, false),
    },
    Metric {
        name: "mean_trust",
        unit: "index 0-1",
        doc: "Mean trust over all related pairs",
        f: |x| ratio(x.w.rel.of_all().map(|r| r.trust).sum(), x.w.rel.len() as f64),
    },
    Metric {
        name: "pledge_no_backdoors",
        unit: "share",
        doc: "Share of states holding the 003 no-backdoors pledge at the end",
        f: |x| share_pledged(x, pledge::NO_BACKDOORS),
    },
    Metric {
        name: "pledge_no_cii_attacks",
        unit: "share",
        doc: "Share of states holding the 003 no-attacks-on-critical-infrastructure pledge",
        f: |x| share_pledged(x, pledge::NO_CII_ATTACKS),
    },
    Metric {
        name: "pledge_no_data_theft",
        unit: "share",
        doc: "Share of states holding the 003 no-data-theft pledge",
        f: |x| share_pledged(x, pledge::NO_DATA_THEFT),
    },
    Metric {
        name: "pledge_violations",
        unit: "violations",
        doc: "Detected (attributed) operations that broke the actor's pledge",
        f: |x| f64::from(x.t.violations),
    },
    Metric {
        name: "supply_chain_between_pledged",
        unit: "operations",
        doc: "Supply-chain operations where both sides hold the no-backdoors pledge",
        f: |x| f64::from(x.t.supply_chain_between_pledged),
    },
    Metric {
        name: "agreements",
        unit: "agreements",
        doc: "Intergovernmental agreements concluded (000)",
        f: |x| f64::from(x.t.agreements),
    },
    Metric {
        name: "vendor_switches",
        unit: "switches",
        doc: "Clients that changed (or dropped) their foreign vendor",
        f: |x| f64::from(x.t.vendor_switches),
    },
    Metric {
        name: "vendor_leader_share",
        unit: "share",
        doc: "Share of states supplied by the most widespread vendor home state",
        f: |x| vendor_leader_share(x.w),
    },
    Metric {
        name: "standards_share_leader",
        unit: "share",
        doc: "Standards share of the leading standard-setter (000 standardization)",
        f: |x| x.ctx.standards_share.iter().copied().fold(0.0, f64::max),
    },
    Metric {
        name: "norm_adoption",
        unit: "index 0-1",
        doc: "Mean adoption of cyber-sovereignty norms (000 normative power)",
        f: |x| mean_of(x, |v| v.norms),
    },
    Metric {
        name: "wic_participants",
        unit: "states",
        doc: "States attending a World Internet Conference at the end (000)",
        f: |x| crate::model::norms::wic_participants(&x.m.params.norms, x.w, &x.ctx.promoters) as f64,
    },
    Metric {
        name: "mean_security",
        unit: "index 0-1",
        doc: "Mean security of all states at the end",
        f: |x| mean_of(x, |v| v.security),
    },
    Metric {
        name: "mean_economy",
        unit: "share of largest",
        doc: "Mean economy index at the end",
        f: |x| mean_of(x, |v| v.economy),
    },
    Metric {
        name: "mean_tech_access",
        unit: "index 0-1",
        doc: "Mean technology access at the end",
        f: |x| mean_of(x, |v| v.tech_access),
    },
];

fn mean_trust_in(x: &Facts, i: Sid) -> f64 {
    let (mut s, mut n) = (0.0, 0.0);
    for r in x.w.rel.of(i) {
        if let Some(back) = x.w.rel.get(r.other, i) {
            s += back.trust;
            n += 1.0;
        }
    }
    ratio(s, n)
}

fn regional_trust_in(x: &Facts, i: Sid) -> f64 {
    let region = x.w.states[i as usize].region;
    let (mut s, mut n) = (0.0, 0.0);
    for r in x.w.rel.of(i).iter().filter(|r| x.w.states[r.other as usize].region == region) {
        if let Some(back) = x.w.rel.get(r.other, i) {
            s += back.trust;
            n += 1.0;
        }
    }
    ratio(s, n)
}

fn allies(x: &Facts, i: Sid) -> f64 {
    let mut v: Vec<Sid> = x.w.states[i as usize]
        .alliances
        .iter()
        .flat_map(|&a| x.w.alliances[a as usize].members.iter().copied())
        .filter(|&m| m != i)
        .collect();
    v.sort_unstable();
    v.dedup();
    v.len() as f64
}

/// Per-state metrics (states.csv; focus states also get runs.csv columns `<ID>_<name>`).
pub static STATE: &[StateMetric] = &[
    StateMetric {
        name: "security",
        unit: "index 0-1",
        doc: "Security of the state's networks at the end",
        f: |x, i| x.w.states[i as usize].p.vars.security,
    },
    StateMetric {
        name: "economy",
        unit: "share of largest",
        doc: "Economy index at the end",
        f: |x, i| x.w.states[i as usize].p.vars.economy,
    },
    StateMetric {
        name: "tech_access",
        unit: "index 0-1",
        doc: "Access to foreign technology and platforms (001 T4 #1)",
        f: |x, i| x.w.states[i as usize].p.vars.tech_access,
    },
    StateMetric {
        name: "indigenous",
        unit: "index 0-1",
        doc: "Indigenous capability (001 T5 #3; 000 localization)",
        f: |x, i| x.w.states[i as usize].p.vars.indigenous,
    },
    StateMetric {
        name: "soft_power",
        unit: "index 0-1",
        doc: "Soft power (001 T5 #2)",
        f: |x, i| x.w.states[i as usize].p.vars.soft_power,
    },
    StateMetric {
        name: "defense",
        unit: "index 0-1",
        doc: "Defensive capability",
        f: |x, i| x.w.states[i as usize].p.vars.defense,
    },
    StateMetric {
        name: "offense",
        unit: "index 0-1",
        doc: "Offensive capability",
        f: |x, i| x.w.states[i as usize].p.vars.offense,
    },
    StateMetric {
        name: "workforce",
        unit: "index 0-1",
        doc: "Skilled workforce (001 T4 #3)",
        f: |x, i| x.w.states[i as usize].p.vars.workforce,
    },
    StateMetric {
        name: "ai",
        unit: "index 0-1",
        doc: "AI capability (002)",
        f: |x, i| x.w.states[i as usize].p.vars.ai,
    },
    StateMetric {
        name: "deterrence",
        unit: "index 0-1",
        doc: "Deterrence and rapid response (001 T5 #5)",
        f: |x, i| x.w.states[i as usize].p.vars.deterrence,
    },
    StateMetric {
        name: "law_maturity",
        unit: "index 0-1",
        doc: "Digital-law maturity (001 T4 #4)",
        f: |x, i| x.w.states[i as usize].p.vars.law_maturity,
    },
    StateMetric {
        name: "institutional_presence",
        unit: "index 0-1",
        doc: "Presence in institutions (001 T5 #4)",
        f: |x, i| x.w.states[i as usize].p.vars.institutional_presence,
    },
    StateMetric {
        name: "standards_share",
        unit: "share",
        doc: "Share of the world's standards stock (000)",
        f: |x, i| x.ctx.standards_share[i as usize],
    },
    StateMetric {
        name: "norms",
        unit: "index 0-1",
        doc: "Adoption of cyber-sovereignty norms (000)",
        f: |x, i| x.w.states[i as usize].p.vars.norms,
    },
    StateMetric {
        name: "foreign_dependency",
        unit: "index 0-1",
        doc: "Dependence on foreign suppliers (001 T4 #6)",
        f: |x, i| x.w.states[i as usize].p.vars.foreign_dependency,
    },
    StateMetric {
        name: "crypto",
        unit: "share",
        doc: "Crypto use (002)",
        f: |x, i| x.w.states[i as usize].p.vars.crypto,
    },
    StateMetric {
        name: "satellite",
        unit: "share",
        doc: "Satellite-internet reach (002)",
        f: |x, i| x.w.states[i as usize].p.vars.satellite,
    },
    StateMetric {
        name: "trust_received",
        unit: "index 0-1",
        doc: "Mean trust related states place in this state",
        f: mean_trust_in,
    },
    StateMetric {
        name: "regional_trust_received",
        unit: "index 0-1",
        doc: "Mean trust related states of its own region place in this state (0 if none)",
        f: regional_trust_in,
    },
    StateMetric {
        name: "vendor_clients",
        unit: "states",
        doc: "States whose dominant foreign vendor is based in this state (003)",
        f: |x, i| x.w.states.iter().filter(|s| s.supplier == Some(i)).count() as f64,
    },
    StateMetric { name: "allies", unit: "states", doc: "Distinct allies at the end", f: allies },
    StateMetric {
        name: "pledges",
        unit: "pledges",
        doc: "Data Security Initiative pledges held (0-3)",
        f: |x, i| f64::from(x.w.states[i as usize].pledges.count_ones()),
    },
    StateMetric {
        name: "attacks_launched",
        unit: "operations",
        doc: "Operations it launched",
        f: |x, i| f64::from(x.t.states[i as usize].launched),
    },
    StateMetric {
        name: "attacks_received",
        unit: "operations",
        doc: "Operations against it",
        f: |x, i| f64::from(x.t.states[i as usize].received),
    },
    StateMetric {
        name: "successful_attacks_received",
        unit: "operations",
        doc: "Successful operations against it",
        f: |x, i| f64::from(x.t.states[i as usize].hit),
    },
    StateMetric {
        name: "success_rate_received",
        unit: "share",
        doc: "Share of operations against it that succeeded (0 if none)",
        f: |x, i| ratio(f64::from(x.t.states[i as usize].hit), f64::from(x.t.states[i as usize].received)),
    },
    StateMetric {
        name: "attribution_rate_received",
        unit: "share",
        doc: "Share of operations against it that it attributed (0 if none)",
        f: |x, i| ratio(f64::from(x.t.states[i as usize].attributed), f64::from(x.t.states[i as usize].received)),
    },
    StateMetric {
        name: "damage_received",
        unit: "security units",
        doc: "Damage it suffered",
        f: |x, i| x.t.states[i as usize].damage,
    },
    StateMetric {
        name: "disinformation_damage",
        unit: "security units",
        doc: "Damage it suffered from disinformation",
        f: |x, i| x.t.states[i as usize].disinfo_damage,
    },
    StateMetric {
        name: "supply_chain_received",
        unit: "operations",
        doc: "Supply-chain operations against it",
        f: |x, i| f64::from(x.t.states[i as usize].supply_chain),
    },
    StateMetric {
        name: "sanction_pressure_mean",
        unit: "index 0-1",
        doc: "Mean sanction pressure on it over the run (after evasion)",
        f: |x, i| ratio(x.t.states[i as usize].pressure_sum, f64::from(x.w.tick)),
    },
    StateMetric {
        name: "sanctioned_end",
        unit: "episodes",
        doc: "Sanction episodes on it in force at the end",
        f: |x, i| x.w.sanctions.iter().filter(|s| s.active && s.target == i).count() as f64,
    },
];

/// Per-state metrics that focus states get as runs.csv columns.
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

fn state_metric(name: &str) -> Option<&'static StateMetric> {
    STATE.iter().find(|m| m.name == name)
}

/// runs.csv metric column names for a scenario with these focus state ids.
pub fn run_columns(focus_ids: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = RUN.iter().map(|m| m.name.to_string()).collect();
    for id in focus_ids {
        v.extend(FOCUS.iter().map(|n| format!("{id}_{n}")));
    }
    v
}

/// Union-find blocs of states linked by active alliances, numbered in order of their
/// smallest member.
pub fn blocs(w: &World) -> Vec<Option<usize>> {
    let n = w.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let mut member = vec![false; n];
    for a in w.alliances.iter().filter(|a| a.active) {
        for pair in a.members.windows(2) {
            let (x, y) = (find(&mut parent, pair[0] as usize), find(&mut parent, pair[1] as usize));
            parent[x.max(y)] = x.min(y);
        }
        for &m in &a.members {
            member[m as usize] = true;
        }
    }
    let mut label = vec![usize::MAX; n];
    let mut next = 0;
    let mut out = vec![None; n];
    for i in 0..n {
        if !member[i] {
            continue;
        }
        let r = find(&mut parent, i);
        if label[r] == usize::MAX {
            label[r] = next;
            next += 1;
        }
        out[i] = Some(label[r]);
    }
    out
}

/// Metric values of a finished run: [`RUN`] then focus columns.
pub fn run_values(r: &RunResult, m: &Model, focus: &[Sid]) -> Vec<f64> {
    let x = Facts { w: &r.world, ctx: &r.ctx, t: &r.rec.tally, m, bloc: blocs(&r.world) };
    let mut v: Vec<f64> = RUN.iter().map(|k| (k.f)(&x)).collect();
    for &s in focus {
        v.extend(FOCUS.iter().filter_map(|n| state_metric(n)).map(|k| (k.f)(&x, s)));
    }
    v
}

/// Per-state metric values of a finished run: state-major, [`STATE`] order.
pub fn state_values(r: &RunResult, m: &Model) -> Vec<f64> {
    let x = Facts { w: &r.world, ctx: &r.ctx, t: &r.rec.tally, m, bloc: Vec::new() };
    let mut v = Vec::with_capacity(r.world.len() * STATE.len());
    for i in 0..r.world.len() as Sid {
        v.extend(STATE.iter().map(|k| (k.f)(&x, i)));
    }
    v
}

/// Per-tick world statistics (timeseries.csv), then per focus state [`SERIES_FOCUS`].
pub const SERIES: &[(&str, &str)] = &[
    ("attacks", "Operations this tick"),
    ("successes", "Successful operations this tick"),
    ("damage", "Damage this tick"),
    ("sanctions_active", "Sanction episodes in force"),
    ("alliances_active", "Alliances in force"),
    ("mean_trust", "Mean trust over related pairs"),
    ("norm_adoption", "Mean adoption of cyber-sovereignty norms"),
    ("mean_security", "Mean security"),
    ("pledge_share", "Share of states holding all three pledges"),
    ("standards_share_leader", "Standards share of the leader"),
];

/// Per-tick values for each focus state (`<ID>_<name>` in timeseries.csv).
pub const SERIES_FOCUS: &[&str] =
    &["security", "economy", "tech_access", "indigenous", "soft_power", "sanction_pressure"];

/// Running totals at the previous tick, to turn tallies into per-tick counts.
#[derive(Clone, Debug, Default)]
pub struct SeriesMark {
    attacks: f64,
    successes: f64,
    damage: f64,
}

/// One timeseries row after a tick.
pub fn series_row(w: &World, ctx: &Context, rec: &Recorder, focus: &[Sid], last: &mut SeriesMark) -> Vec<f64> {
    let t = &rec.tally;
    let (a, s, d) = (total_attacks(t), f64::from(t.successes), t.damage);
    let n = w.len() as f64;
    let mut v = vec![
        a - last.attacks,
        s - last.successes,
        d - last.damage,
        w.sanctions.iter().filter(|x| x.active).count() as f64,
        active_alliances(w).count() as f64,
        ratio(w.rel.of_all().map(|r| r.trust).sum(), w.rel.len() as f64),
        ratio(w.states.iter().map(|x| x.p.vars.norms).sum(), n),
        ratio(w.states.iter().map(|x| x.p.vars.security).sum(), n),
        ratio(w.states.iter().filter(|x| x.pledges == pledge::ALL).count() as f64, n),
        ctx.standards_share.iter().copied().fold(0.0, f64::max),
    ];
    *last = SeriesMark { attacks: a, successes: s, damage: d };
    for &i in focus {
        let x = &w.states[i as usize].p.vars;
        v.extend([x.security, x.economy, x.tech_access, x.indigenous, x.soft_power, ctx.pressure[i as usize]]);
    }
    v
}

/// timeseries.csv metric names for these focus ids.
pub fn series_columns(focus_ids: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = SERIES.iter().map(|s| s.0.to_string()).collect();
    for id in focus_ids {
        v.extend(SERIES_FOCUS.iter().map(|n| format!("{id}_{n}")));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_names_are_unique_and_focus_names_exist() {
        let mut names: Vec<&str> = RUN.iter().map(|m| m.name).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len());
        for f in FOCUS {
            assert!(state_metric(f).is_some(), "{f}");
        }
    }
}
