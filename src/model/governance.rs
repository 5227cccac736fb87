//! 001 Table 5 #6 — cyberspace governance rules. Regional: common regional rules.
//! Global: negotiations on legal frameworks. With 001 Table 4 #4 (the need to update
//! digital law).
//!
//! Mechanism: effort on either level raises digital-law maturity (which raises
//! attribution, see `attacks`); regional effort raises neighbours' trust (common rules);
//! global effort adds to the state's norm-promotion power (see `norms`).

use crate::core::Sid;
use crate::core::params::Nothing;
use crate::model::levers::{Effort, Lever, grow};
use crate::model::{Look, Mechanism, Phase, StateParams};
use crate::param_group;

param_group! {
    /// Governance rules and digital law (001 Table 5 #6; Table 4 #4).
    pub struct GovernanceParams in "governance." {
        #[doc = "Monthly law-maturity growth per unit of governance effort."]
        law_rate: Real = 1.0, [0.0, 100.0], "per effort", "001 Table 4 #4 need to update digital law (assumption on magnitude)";
        #[doc = "Monthly obsolescence of digital law."]
        law_decay: Real = 0.004, [0.0, 1.0], "per month", "001 Table 4 #4 (assumption on magnitude)";
        #[doc = "Trust target gained among neighbours per unit of regional-rules effort."]
        regional_trust: Real = 2.0, [0.0, 100.0], "per effort", "001 Table 5 #6 regional: common regional rules (assumption on magnitude)";
    }
}

/// Law maturity after one month.
pub fn update(p: &GovernanceParams, law: f64, effort: &Effort) -> f64 {
    let input = effort[Lever::RegGovernance as usize] + effort[Lever::GlobGovernance as usize];
    grow(law, p.law_rate, input, p.law_decay)
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

    fn update_state(i: Sid, x: &Look, next: &mut StateParams) {
        let k = i as usize;
        next.vars.law_maturity = update(&x.p().governance, x.w.states[k].p.vars.law_maturity, &x.decisions[k].levers);
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
        assert!(update(&p, 0.4, &e) > update(&p, 0.4, &[0.0; N_LEVERS]));
        e[Lever::RegGovernance as usize] = 0.05;
        assert!(regional_rules(&p, &e, true) > 0.0);
        assert_eq!(regional_rules(&p, &e, false), 0.0);
    }
}
