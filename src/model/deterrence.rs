//! 001 Table 5 #5 — cyber deterrence. Regional: joint defence frameworks with regional
//! states (raises defence and the cohesion of one's alliances, hence pooled defence; see
//! `alliances`). Global: deterrent capabilities and rapid-response policies (raises
//! deterrence and offence; deterrence lowers the chance others target the state, see
//! `attacks`, and raises its retaliation, see `responses`).

use crate::core::Sid;
use crate::core::params::Nothing;
use crate::model::levers::{Effort, Lever, grow};
use crate::model::state::StateVars;
use crate::model::{Look, Mechanism, Phase, StateParams};
use crate::param_group;

param_group! {
    /// Deterrence and defence building (001 Table 5 #5).
    pub struct DeterrenceParams in "deterrence." {
        #[doc = "Share of would-be operations deterred by full deterrence."]
        effect: Real = 0.5, [0.0, 1.0], "share", "001 Table 5 #5 global: deterrent capabilities (assumption on magnitude)";
        #[doc = "Monthly deterrence growth per unit of global deterrence effort."]
        rate: Real = 1.0, [0.0, 100.0], "per effort", "assumption";
        #[doc = "Share of deterrence growth a state without offence still gets (the rest scales with offence: a credible threat)."]
        offense_floor: Real = 0.5, [0.0, 1.0], "share", "001 Table 5 #5 global: deterrent capabilities (assumption on magnitude)";
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

/// Deterrence, defence and offence after one month of `effort`.
pub fn update(p: &DeterrenceParams, v: &StateVars, effort: &Effort, next: &mut StateVars) {
    let reg = effort[Lever::RegDeterrence as usize];
    let glob = effort[Lever::GlobDeterrence as usize];
    let credible = p.offense_floor + (1.0 - p.offense_floor) * v.offense;
    next.deterrence = grow(v.deterrence, p.rate, glob * credible, p.decay);
    next.defense = grow(v.defense, p.defense_rate, reg + glob, p.defense_decay);
    next.offense = grow(v.offense, p.offense_rate, glob, p.offense_decay);
}

/// The mechanism.
pub struct Deterrence;

impl Mechanism for Deterrence {
    const SOURCE: &'static str = "001 Table 5 #5 cyber deterrence (regional: joint defence; global: deterrent capabilities and rapid response)";
    const PHASES: &'static [Phase] = &[Phase::UpdateState];
    const OWNS: &'static [&'static str] = &["deterrence", "defense", "offense"];
    type Params = DeterrenceParams;
    type Keys = Nothing;
    type Snapshot = ();
    type Decision = ();
    type Tally = ();

    fn tally(_n: usize) {}

    fn update_state(i: Sid, x: &Look, next: &mut StateParams) {
        let v = &x.w.states[i as usize].p.vars;
        update(&x.p().deterrence, v, &x.decisions[i as usize].levers, &mut next.vars);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::levers::N_LEVERS;

    #[test]
    fn deterrence_deters_and_grows_with_effort() {
        let p = DeterrenceParams::default();
        assert!(launch_factor(&p, 0.9) < launch_factor(&p, 0.1));
        let v = StateVars::default();
        let (mut a, mut b) = (v.clone(), v.clone());
        let mut e = [0.0; N_LEVERS];
        update(&p, &v, &e, &mut a);
        e[Lever::GlobDeterrence as usize] = 0.1;
        update(&p, &v, &e, &mut b);
        assert!(b.deterrence > a.deterrence && b.defense > a.defense && b.offense > a.offense);
    }
}
