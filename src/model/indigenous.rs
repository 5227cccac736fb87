//! 001 Table 5 #3 — indigenous capabilities. Regional: support for regional tech
//! start-ups producing local software and tools. Global: scientific and technological
//! ties with advanced states (China, the EU). With 000's localization goal and 002's
//! "strengthening indigenous capacity, reducing cyber dependencies".
//!
//! Mechanism: indigenous capability grows with regional effort, and with global effort in
//! proportion to the best trusted tie to an advanced state (sanctions block such ties).
//! Sanction pressure itself breeds localization (`sanctions.localization`). Global ties
//! also restore access to technology (see `update_access`), which sanctions and platform
//! filtering cut.

use crate::core::Sid;
use crate::core::params::Nothing;
use crate::model::levers::{Effort, Lever, grow};
use crate::model::state::StateVars;
use crate::model::world::World;
use crate::model::{Look, Mechanism, Metric, Phase, StateParams};
use crate::param_group;

param_group! {
    /// Indigenous capability and technology access (001 Table 5 #3; Table 4 #1).
    pub struct IndigenousParams in "indigenous." {
        #[doc = "Monthly growth per unit of indigenous effort."]
        rate: Real = 1.0, [0.0, 100.0], "per effort", "assumption";
        #[doc = "Monthly decay of indigenous capability."]
        decay: Real = 0.004, [0.0, 1.0], "per month", "assumption";
        #[doc = "Indigenous capability that makes a state an advanced partner for technological ties."]
        advanced: Real = 0.6, [0.0, 1.0], "index", "001 Table 5 #3 global: ties with advanced states (assumption on magnitude)";
        #[doc = "Highest technology access with no sanctions or filtering."]
        access_ceiling: Real = 0.95, [0.0, 1.0], "index", "assumption";
        #[doc = "Technology access gained per unit of global-ties effort x tie strength."]
        ties_access: Real = 2.0, [0.0, 100.0], "per effort", "001 Table 5 #3 global (assumption on magnitude)";
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

/// Indigenous capability after one month.
pub fn update(p: &IndigenousParams, v: &StateVars, effort: &Effort, tie: f64, localization: f64) -> f64 {
    let input = effort[Lever::RegIndigenous as usize] + effort[Lever::GlobIndigenous as usize] * tie;
    let x = grow(v.indigenous, p.rate, input, p.decay);
    (x + localization * (1.0 - x)).clamp(0.0, 1.0)
}

/// Technology access after one month (001 Table 4 #1): it closes the gap to a target set
/// by sanction cut, platform filtering and global ties.
pub fn update_access(p: &IndigenousParams, v: &StateVars, sanction_cut: f64, platform_cut: f64, effort: &Effort, tie: f64) -> f64 {
    let ties = p.ties_access * effort[Lever::GlobIndigenous as usize] * tie;
    let target = (p.access_ceiling * (1.0 - sanction_cut) * (1.0 - platform_cut) + ties).clamp(0.0, 1.0);
    (v.tech_access + p.access_adjust * (target - v.tech_access)).clamp(0.0, 1.0)
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

    fn update_state(i: Sid, x: &Look, next: &mut StateParams) {
        let (p, k) = (x.p(), i as usize);
        let v = &x.w.states[k].p.vars;
        let effort = &x.decisions[k].levers;
        let pressure = x.ctx.sanctions.pressure[k];
        let tie = tie_strength(&p.indigenous, x.w, i, pressure);
        next.vars.indigenous = update(&p.indigenous, v, effort, tie, p.sanctions.localization * pressure);
        let platform = p.filtering.platform_penalty * x.ctx.filtering.of[k];
        next.vars.tech_access = update_access(&p.indigenous, v, p.sanctions.tech_cut * pressure, platform, effort, tie);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::levers::N_LEVERS;

    #[test]
    fn effort_and_localization_raise_indigenous_and_sanctions_cut_access() {
        let p = IndigenousParams::default();
        let v = StateVars::default();
        let none = [0.0; N_LEVERS];
        let mut e = none;
        e[Lever::RegIndigenous as usize] = 0.05;
        assert!(update(&p, &v, &e, 0.0, 0.0) > update(&p, &v, &none, 0.0, 0.0));
        assert!(update(&p, &v, &none, 0.0, 0.01) > update(&p, &v, &none, 0.0, 0.0));
        assert!(update_access(&p, &v, 0.6, 0.0, &none, 0.0) < update_access(&p, &v, 0.0, 0.0, &none, 0.0));
    }
}
