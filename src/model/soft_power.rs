//! 001 Table 5 #2 — cyber soft power. Regional: social networks carrying cultural and
//! political messages in the region. Global: content and programmes that improve the
//! country's image globally. Filtering (001 Table 4 #5) cuts its growth.
//!
//! Mechanism: soft power grows with effort on both levels (regional effort counts for
//! less worldwide), times the filtering factor, and decays. Others' trust rises with it
//! (see `trust`); disinformation erodes it (see `attacks`).

use crate::core::Sid;
use crate::core::params::Nothing;
use crate::model::levers::{Effort, Lever, grow};
use crate::model::{Look, Mechanism, Phase, StateParams, filtering};
use crate::param_group;

param_group! {
    /// Soft power (001 Table 5 #2).
    pub struct SoftPowerParams in "soft_power." {
        #[doc = "Monthly growth per unit of soft-power effort."]
        rate: Real = 1.0, [0.0, 100.0], "per effort", "assumption";
        #[doc = "Weight of regional effort relative to global effort."]
        regional_weight: Real = 0.6, [0.0, 1.0], "share", "001 Table 5 #2 regional vs global (assumption on magnitude)";
        #[doc = "Monthly decay of soft power."]
        decay: Real = 0.01, [0.0, 1.0], "per month", "assumption";
    }
}

/// Soft power after one month.
pub fn update(p: &SoftPowerParams, soft_power: f64, effort: &Effort, filtering_factor: f64) -> f64 {
    let input = p.regional_weight * effort[Lever::RegSoftPower as usize] + effort[Lever::GlobSoftPower as usize];
    grow(soft_power, p.rate, input * filtering_factor, p.decay)
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

    fn update_state(i: Sid, x: &Look, next: &mut StateParams) {
        let (p, k) = (x.p(), i as usize);
        let factor = filtering::soft_power_factor(&p.filtering, x.ctx.filtering.of[k]);
        next.vars.soft_power =
            update(&p.soft_power, x.w.states[k].p.vars.soft_power, &x.decisions[k].levers, factor);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::levers::N_LEVERS;

    #[test]
    fn effort_raises_and_filtering_cuts_soft_power() {
        let p = SoftPowerParams::default();
        let mut e = [0.0; N_LEVERS];
        e[Lever::GlobSoftPower as usize] = 0.05;
        assert!(update(&p, 0.3, &e, 1.0) > update(&p, 0.3, &[0.0; N_LEVERS], 1.0));
        assert!(update(&p, 0.3, &e, 0.3) < update(&p, 0.3, &e, 1.0));
    }
}
