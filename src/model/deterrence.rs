//! 001 Table 5 #5 — cyber deterrence. Regional: joint defence frameworks with regional
//! states (raises defence and the cohesion of one's alliances, hence pooled defence; see
//! `alliances`). Global: deterrent capabilities and rapid-response policies (raises
//! deterrence and offence; deterrence lowers the chance others target the state, see
//! `attacks`, and raises its retaliation, see `responses`).
//!
//! Mechanism: defence, offence and deterrence are stocks (see `levers::Stock`): defence
//! driven by both deterrence levers, offence by the global one, deterrence by the global
//! one weighted by how credible the state's offence makes it. Degradation operations cut
//! defence directly (see `attacks`); it then recovers toward its target.

use crate::core::Sid;
use crate::core::params::Nothing;
use crate::model::levers::{Effort, Lever, relax};
use crate::model::{Look, Mechanism, Phase, StateVars};
use crate::param_group;

param_group! {
    /// Deterrence and defence building (001 Table 5 #5).
    pub struct DeterrenceParams in "deterrence." {
        #[doc = "Share of would-be operations deterred by full deterrence."]
        effect: Real = 0.5, [0.0, 1.0], "share", "001 Table 5 #5 global: deterrent capabilities (assumption on magnitude)";
        #[doc = "Elasticity of the odds of deterrence to credible global deterrence effort (relative to the initial effort)."]
        elasticity: Real = 1.0, [0.0, 5.0], "elasticity", "assumption";
        #[doc = "Share of deterrence growth a state without offence still gets (the rest scales with offence: a credible threat)."]
        offense_floor: Real = 0.5, [0.0, 1.0], "share", "001 Table 5 #5 global: deterrent capabilities (assumption on magnitude)";
        #[doc = "Elasticity of the odds of defence to deterrence effort on both levels (relative to the initial effort)."]
        defense_elasticity: Real = 0.8, [0.0, 5.0], "elasticity", "001 Table 4 #3 weak security infrastructure (assumption on magnitude)";
        #[doc = "Elasticity of the odds of offence to global deterrence effort (relative to the initial effort)."]
        offense_elasticity: Real = 0.5, [0.0, 5.0], "elasticity", "assumption";
        #[doc = "Monthly share of the gap to the target closed (deterrence, defence, offence)."]
        adjust: Real = 0.03, [0.0, 1.0], "per month", "assumption";
        #[doc = "Monthly alliance cohesion gain per unit of members' mean regional deterrence effort."]
        joint_defence: Real = 2.0, [0.0, 100.0], "per effort", "001 Table 5 #5 regional: joint defence frameworks (assumption on magnitude)";
    }
}

/// Multiplier on the chance others launch operations against a state with `deterrence`.
pub fn launch_factor(p: &DeterrenceParams, deterrence: f64) -> f64 {
    1.0 - p.effect * deterrence
}

/// The efforts that build (deterrence, defence, offence): credible global effort, both
/// levels, global effort.
pub fn efforts(p: &DeterrenceParams, e: &Effort, offense: f64) -> [f64; 3] {
    let reg = e[Lever::RegDeterrence as usize];
    let glob = e[Lever::GlobDeterrence as usize];
    let credible = p.offense_floor + (1.0 - p.offense_floor) * offense;
    [glob * credible, reg + glob, glob]
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

    fn update_state(i: Sid, x: &Look, next: &mut StateVars) {
        let (p, k, m) = (&x.p().deterrence, i as usize, x.m);
        let (v, v0) = (&x.w.states[k].p.vars, &m.initial.states[k].p.vars);
        let now = efforts(p, &x.decisions[k].levers, v.offense);
        let then = efforts(p, &m.reference_effort[k], m.reference.states[k].p.vars.offense);
        let target = |initial: f64, j: usize, elasticity: f64| m.stock(i, initial, now[j], then[j]).target(elasticity);
        next.deterrence = relax(v.deterrence, target(v0.deterrence, 0, p.elasticity), p.adjust);
        next.defense = relax(v.defense, target(v0.defense, 1, p.defense_elasticity), p.adjust);
        next.offense = relax(v.offense, target(v0.offense, 2, p.offense_elasticity), p.adjust);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::levers::N_LEVERS;

    #[test]
    fn deterrence_deters_and_effort_drives_all_three_stocks() {
        let p = DeterrenceParams::default();
        assert!(launch_factor(&p, 0.9) < launch_factor(&p, 0.1));
        let mut e = [0.0; N_LEVERS];
        let none = efforts(&p, &e, 0.5);
        e[Lever::GlobDeterrence as usize] = 0.1;
        let some = efforts(&p, &e, 0.5);
        assert!((0..3).all(|j| some[j] > none[j]));
        assert!(efforts(&p, &e, 0.9)[0] > some[0], "offence makes deterrence credible");
    }
}
