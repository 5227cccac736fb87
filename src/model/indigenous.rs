//! 001 Table 5 #3 — indigenous capabilities. Regional: support for regional tech
//! start-ups producing local software and tools. Global: scientific and technological
//! ties with advanced states (China, the EU). With 000's localization goal and 002's
//! "strengthening indigenous capacity, reducing cyber dependencies"; and 001 Table 4 #1,
//! limited access to new technologies and global platforms.
//!
//! Mechanism: indigenous capability is a stock (see `levers::Stock`) driven by regional
//! effort, global effort times the strength of the best trusted tie to an advanced state
//! (sanctions block such ties), and sanction pressure itself (pressure breeds
//! localization: `sanctions.localization`, as effort). Technology access closes the gap to
//! a target: its initial value scaled by how much sanctions and platform filtering cut it
//! now against the start, with odds raised by global ties relative to their initial level.

use crate::core::Sid;
use crate::core::params::Nothing;
use crate::model::levers::{Effort, Lever, Stock, relax};
use crate::model::world::World;
use crate::model::{Look, Mechanism, Metric, Phase, StateVars};
use crate::param_group;

param_group! {
    /// Indigenous capability and technology access (001 Table 5 #3; Table 4 #1).
    pub struct IndigenousParams in "indigenous." {
        #[doc = "Elasticity of the odds of indigenous capability to effort (relative to the initial effort)."]
        elasticity: Real = 0.8, [0.0, 5.0], "elasticity", "assumption";
        #[doc = "Monthly share of the gap to its target that indigenous capability closes."]
        adjust: Real = 0.02, [0.0, 1.0], "per month", "assumption: building an industry takes years (half-life about three years)";
        #[doc = "Indigenous capability that makes a state an advanced partner for technological ties."]
        advanced: Real = 0.6, [0.0, 1.0], "index", "001 Table 5 #3 global: ties with advanced states (assumption on magnitude)";
        #[doc = "Elasticity of the odds of technology access to global-ties effort x tie strength (relative to the initial level)."]
        ties_elasticity: Real = 0.5, [0.0, 5.0], "elasticity", "001 Table 5 #3 global: ties with China and the EU (assumption on magnitude)";
        #[doc = "Monthly share of the gap to its target that technology access closes."]
        access_adjust: Real = 0.05, [0.0, 1.0], "per month", "assumption";
    }
}

/// Strength of the state's best technological tie: trust in an advanced related state,
/// blocked in proportion to sanction pressure.
pub fn tie_strength(p: &IndigenousParams, w: &World, i: Sid, pressure: f64) -> f64 {
    let best = w
        .rel
        .of(i)
        .iter()
        .filter(|r| w.states[r.other as usize].p.vars.indigenous >= p.advanced)
        .map(|r| r.trust)
        .fold(0.0, f64::max);
    best * (1.0 - pressure)
}

/// The effort that builds indigenous capability: start-ups, ties, and pressure-driven
/// localization (`localization` = sanctions.localization x pressure x the state's initial
/// total effort).
pub fn effort(e: &Effort, tie: f64, localization: f64) -> f64 {
    e[Lever::RegIndigenous as usize] + e[Lever::GlobIndigenous as usize] * tie + localization
}

/// Technology access's target: its initial value scaled by the sanction and platform cuts
/// now against the start, with odds scaled by global ties relative to their start.
pub fn access_target(p: &IndigenousParams, initial: f64, cut: (f64, f64), platform: (f64, f64), ties: Stock) -> f64 {
    let scaled = initial * (1.0 - cut.0) / (1.0 - cut.1).max(1e-9) * (1.0 - platform.0) / (1.0 - platform.1).max(1e-9);
    Stock { initial: scaled.clamp(0.0, 1.0), ..ties }.target(p.ties_elasticity)
}

/// The mechanism.
pub struct Indigenous;

impl Mechanism for Indigenous {
    const SOURCE: &'static str = "001 Table 5 #3 indigenous capabilities (regional start-ups; ties with advanced states); 000 localization; 001 Table 4 #1 technology access";
    const PHASES: &'static [Phase] = &[Phase::UpdateState];
    const OWNS: &'static [&'static str] = &["indigenous", "tech_access"];
    const METRICS: &'static [Metric] = &[Metric {
        name: "mean_tech_access",
        unit: "index 0-1",
        doc: "Mean technology access at the end",
        f: |x| x.w.states.iter().map(|s| s.p.vars.tech_access).sum::<f64>() / x.w.len().max(1) as f64,
    }];
    type Params = IndigenousParams;
    type Keys = Nothing;
    type Snapshot = ();
    type Decision = ();
    type Tally = ();

    fn tally(_n: usize) {}

    fn update_state(i: Sid, x: &Look, next: &mut StateVars) {
        let (p, k, m) = (x.p(), i as usize, x.m);
        let ip = &p.indigenous;
        let v = &x.w.states[k].p.vars;
        let v0 = &m.initial.states[k].p.vars;
        let (e, e0) = (&x.decisions[k].levers, &m.reference_effort[k]);
        let (pressure, pressure0) = (x.ctx.sanctions.pressure[k], m.reference_ctx.sanctions.pressure[k]);
        let (tie, tie0) = (tie_strength(ip, x.w, i, pressure), m.tie_reference[k]);
        let total0: f64 = e0.iter().sum();
        let local = |pr: f64| p.sanctions.localization * pr * total0;
        let stock = m.stock(i, v0.indigenous, effort(e, tie, local(pressure)), effort(e0, tie0, local(pressure0)));
        next.indigenous = relax(v.indigenous, stock.target(ip.elasticity), ip.adjust);
        let glob = Lever::GlobIndigenous as usize;
        let ties = m.stock(i, 0.0, e[glob] * tie, e0[glob] * tie0);
        let cut = (p.sanctions.tech_cut * pressure, p.sanctions.tech_cut * pressure0);
        let (f, f0) = (x.ctx.filtering.of[k], m.reference_ctx.filtering.of[k]);
        let platform = (p.filtering.platform_penalty * f, p.filtering.platform_penalty * f0);
        let target = access_target(ip, v0.tech_access, cut, platform, ties);
        next.tech_access = relax(v.tech_access, target, ip.access_adjust);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::levers::N_LEVERS;

    #[test]
    fn ties_raise_and_sanctions_cut_the_access_target_and_effort_counts() {
        let p = IndigenousParams::default();
        let ties = Stock { initial: 0.0, effort: 0.01, initial_effort: 0.01, floor: 0.002 };
        let same = access_target(&p, 0.6, (0.2, 0.2), (0.1, 0.1), ties);
        assert!((same - 0.6).abs() < 1e-9, "{same}");
        assert!(access_target(&p, 0.6, (0.5, 0.2), (0.1, 0.1), ties) < 0.6);
        assert!(access_target(&p, 0.6, (0.2, 0.2), (0.1, 0.1), Stock { effort: 0.03, ..ties }) > 0.6);
        let mut e = [0.0; N_LEVERS];
        e[Lever::GlobIndigenous as usize] = 0.01;
        assert!(effort(&e, 0.8, 0.0) > effort(&e, 0.2, 0.0));
        assert!(effort(&e, 0.2, 0.01) > effort(&e, 0.2, 0.0));
    }
}
