//! 001 Table 5 #2 — cyber soft power. Regional: social networks carrying cultural and
//! political messages in the region. Global: content and programmes that improve the
//! country's image globally. Filtering (001 Table 4 #5) cuts what the effort achieves.
//!
//! Mechanism: soft power is a stock (see `levers::Stock`) driven by the effort on both
//! levels — regional effort counts `regional_weight` worldwide — times the filtering
//! factor: its target's odds scale with that effort relative to the state's initial
//! effort, with elasticity `elasticity`, and it closes `adjust` of the gap to the target
//! each month. Others' trust rises with it (see `trust`); disinformation erodes it (see
//! `attacks`).

use crate::core::Sid;
use crate::core::params::Nothing;
use crate::model::levers::{Effort, Lever, relax};
use crate::model::{Look, Mechanism, Phase, StateVars, filtering};
use crate::param_group;

param_group! {
    /// Soft power (001 Table 5 #2).
    pub struct SoftPowerParams in "soft_power." {
        #[doc = "Weight of regional effort relative to global effort."]
        regional_weight: Real = 0.6, [0.0, 1.0], "share", "001 Table 5 #2 regional vs global (assumption on magnitude)";
        #[doc = "Elasticity of the odds of soft power to effort (relative to the initial effort)."]
        elasticity: Real = 1.0, [0.0, 5.0], "elasticity", "assumption: doubling the effort doubles the odds of soft power";
        #[doc = "Monthly share of the gap to the target closed."]
        adjust: Real = 0.03, [0.0, 1.0], "per month", "assumption: images change over years (half-life about two years)";
    }
}

/// The effort that builds soft power: both levels, regional weighted, times filtering.
pub fn effort(p: &SoftPowerParams, e: &Effort, filtering_factor: f64) -> f64 {
    (p.regional_weight * e[Lever::RegSoftPower as usize] + e[Lever::GlobSoftPower as usize]) * filtering_factor
}

/// The mechanism.
pub struct SoftPower;

impl Mechanism for SoftPower {
    const SOURCE: &'static str = "001 Table 5 #2 cyber soft power (regional: social networks; global: content and programmes); Table 4 #5 filtering";
    const PHASES: &'static [Phase] = &[Phase::UpdateState];
    const OWNS: &'static [&'static str] = &["soft_power"];
    type Params = SoftPowerParams;
    type Keys = Nothing;
    type Snapshot = ();
    type Decision = ();
    type Tally = ();

    fn tally(_n: usize) {}

    fn update_state(i: Sid, x: &Look, next: &mut StateVars) {
        let (p, k, m) = (x.p(), i as usize, x.m);
        let sp = &p.soft_power;
        let now = effort(sp, &x.decisions[k].levers, filtering::soft_power_factor(&p.filtering, x.ctx.filtering.of[k]));
        let then = effort(
            sp,
            &m.reference_effort[k],
            filtering::soft_power_factor(&p.filtering, m.reference_ctx.filtering.of[k]),
        );
        let target = m.stock(i, m.initial.states[k].p.vars.soft_power, now, then).target(sp.elasticity);
        next.soft_power = relax(x.w.states[k].p.vars.soft_power, target, sp.adjust);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::levers::{N_LEVERS, Stock};

    #[test]
    fn effort_raises_and_filtering_cuts_the_target() {
        let p = SoftPowerParams::default();
        let mut e = [0.0; N_LEVERS];
        e[Lever::GlobSoftPower as usize] = 0.01;
        let base = effort(&p, &e, 1.0);
        let stock = |now| Stock { initial: 0.3, effort: now, initial_effort: base, floor: 0.002 }.target(p.elasticity);
        let mut more = e;
        more[Lever::GlobSoftPower as usize] = 0.03;
        assert!(stock(effort(&p, &more, 1.0)) > 0.3);
        assert!(stock(effort(&p, &e, 0.3)) < 0.3);
        assert!((stock(base) - 0.3).abs() < 1e-12);
    }
}
