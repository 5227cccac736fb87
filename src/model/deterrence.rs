//! 001 Table 5 #5 — cyber deterrence. Regional: joint defence frameworks with regional
//! states (raises defence and the cohesion of one's alliances, hence pooled defence).
//! Global: deterrent capabilities and rapid-response policies (raises deterrence and
//! offence; deterrence lowers the chance others target the state and raises its
//! retaliation in `responses`).

use crate::model::doctrine::{Lever, N_LEVERS};
use crate::model::levers::grow;
use crate::model::state_vars::StateVars;
use crate::param_group;

param_group! {
    /// Deterrence and defence building (001 Table 5 #5).
    pub struct DeterrenceParams in "deterrence." {
        #[doc = "Share of would-be operations deterred by full deterrence."]
        effect: Real = 0.5, [0.0, 1.0], "share", "001 Table 5 #5 global: deterrent capabilities (assumption on magnitude)";
        #[doc = "Monthly deterrence growth per unit of global deterrence effort."]
        rate: Real = 1.0, [0.0, 100.0], "per effort", "assumption";
        #[doc = "Monthly decay of deterrence."]
        decay: Real = 0.01, [0.0, 1.0], "per month", "assumption";
        #[doc = "Monthly defence growth per unit of deterrence effort (both levels)."]
        defense_rate: Real = 1.0, [0.0, 100.0], "per effort", "001 Table 4 #3 weak security infrastructure (assumption on magnitude)";
        #[doc = "Monthly obsolescence of defence."]
        defense_decay: Real = 0.004, [0.0, 1.0], "per month", "assumption";
        #[doc = "Monthly offence growth per unit of global deterrence effort."]
        offense_rate: Real = 0.5, [0.0, 100.0], "per effort", "assumption";
        #[doc = "Monthly obsolescence of offence."]
        offense_decay: Real = 0.003, [0.0, 1.0], "per month", "assumption";
        #[doc = "Monthly alliance cohesion gain per unit of members' mean regional deterrence effort."]
        joint_defence: Real = 2.0, [0.0, 100.0], "per effort", "001 Table 5 #5 regional: joint defence frameworks (assumption on magnitude)";
    }
}

/// Multiplier on the chance others launch operations against a state with `deterrence`.
pub fn launch_factor(p: &DeterrenceParams, deterrence: f64) -> f64 {
    1.0 - p.effect * deterrence
}

/// Update phase: deterrence, defence and offence after one month of `effort`.
pub fn update(p: &DeterrenceParams, v: &mut StateVars, effort: &[f64; N_LEVERS]) {
    let reg = effort[Lever::RegDeterrence as usize];
    let glob = effort[Lever::GlobDeterrence as usize];
    v.deterrence = grow(v.deterrence, p.rate, glob * (0.5 + 0.5 * v.offense), p.decay);
    v.defense = grow(v.defense, p.defense_rate, reg + glob, p.defense_decay);
    v.offense = grow(v.offense, p.offense_rate, glob, p.offense_decay);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterrence_deters_and_grows_with_effort() {
        let p = DeterrenceParams::default();
        assert!(launch_factor(&p, 0.9) < launch_factor(&p, 0.1));
        let mut a = StateVars::default();
        let mut b = a.clone();
        let mut e = [0.0; N_LEVERS];
        update(&p, &mut a, &e);
        e[Lever::GlobDeterrence as usize] = 0.1;
        update(&p, &mut b, &e);
        assert!(b.deterrence > a.deterrence && b.defense > a.defense && b.offense > a.offense);
    }
}
