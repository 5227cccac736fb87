//! 001 Table 5 #6 — cyberspace governance rules. Regional: common regional rules.
//! Global: negotiations on legal frameworks. With 001 Table 4 #4 (the need to update
//! digital law).
//!
//! Mechanism: digital-law maturity is a stock (see `levers::Stock`) driven by effort on
//! either level (law raises attribution, see `attacks`); regional effort above its initial
//! level raises neighbours' trust (common rules, see `trust`); global effort adds to the
//! state's norm-promotion power (see `norms`).

use crate::core::Sid;
use crate::core::params::Nothing;
use crate::model::levers::{Effort, Lever, relax};
use crate::model::{Look, Mechanism, Phase, StateVars};
use crate::param_group;

param_group! {
    /// Governance rules and digital law (001 Table 5 #6; Table 4 #4).
    pub struct GovernanceParams in "governance." {
        #[doc = "Elasticity of the odds of law maturity to governance effort (relative to the initial effort)."]
        elasticity: Real = 0.8, [0.0, 5.0], "elasticity", "001 Table 4 #4 need to update digital law (assumption on magnitude)";
        #[doc = "Monthly share of the gap to the target closed."]
        adjust: Real = 0.03, [0.0, 1.0], "per month", "assumption: law takes years to write";
        #[doc = "Trust target gained among neighbours when regional-rules effort rises by the state's whole reference effort."]
        regional_trust: Real = 0.3, [0.0, 10.0], "per reference effort", "001 Table 5 #6 regional: common regional rules (assumption on magnitude)";
    }
}

/// The effort that matures digital law: both levels.
pub fn effort(e: &Effort) -> f64 {
    e[Lever::RegGovernance as usize] + e[Lever::GlobGovernance as usize]
}

/// Trust-target bonus among neighbours from common regional rules.
pub fn regional_rules(p: &GovernanceParams, effort: &Effort, same_region: bool) -> f64 {
    if same_region { p.regional_trust * effort[Lever::RegGovernance as usize] } else { 0.0 }
}

/// The mechanism.
pub struct Governance;

impl Mechanism for Governance {
    const SOURCE: &'static str = "001 Table 5 #6 cyberspace governance (common regional rules; global legal frameworks); Table 4 #4 need to update digital law";
    const PHASES: &'static [Phase] = &[Phase::UpdateState];
    const OWNS: &'static [&'static str] = &["law_maturity"];
    type Params = GovernanceParams;
    type Keys = Nothing;
    type Snapshot = ();
    type Decision = ();
    type Tally = ();

    fn tally(_n: usize) {}

    fn update_state(i: Sid, x: &Look, next: &mut StateVars) {
        let (p, k, m) = (&x.p().governance, i as usize, x.m);
        let stock = m.stock(i, m.initial.states[k].p.vars.law_maturity, effort(&x.decisions[k].levers), effort(&m.reference_effort[k]));
        next.law_maturity = relax(x.w.states[k].p.vars.law_maturity, stock.target(p.elasticity), p.adjust);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::levers::N_LEVERS;

    #[test]
    fn governance_effort_matures_law_and_builds_regional_trust() {
        let p = GovernanceParams::default();
        let mut e = [0.0; N_LEVERS];
        e[Lever::GlobGovernance as usize] = 0.05;
        assert!(effort(&e) > effort(&[0.0; N_LEVERS]));
        e[Lever::RegGovernance as usize] = 0.05;
        assert!(regional_rules(&p, &e, true) > 0.0);
        assert_eq!(regional_rules(&p, &e, false), 0.0);
    }
}
