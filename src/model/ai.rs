//! 002 — the rapid spread of artificial intelligence, which raises both offence and
//! defence; also where the workforce (001 Table 4 #3 too few skilled people) multiplies
//! capability.
//!
//! Mechanism: effective offence = offense x (workforce term) x (1 + offense_boost x ai);
//! effective defence likewise with defense_boost. AI grows with the global training lever
//! (scientific exchange) and access to technology, and diffuses slowly to all.

use crate::model::state_vars::StateVars;
use crate::param_group;

param_group! {
    /// AI and workforce multipliers (002 AI; 001 Table 4 #3 workforce).
    pub struct AiParams in "ai." {
        #[doc = "Relative gain in effective offence at full AI capability."]
        offense_boost: Real = 0.3, [0.0, 5.0], "share", "002 AI raises offence (assumption on magnitude)";
        #[doc = "Relative gain in effective defence at full AI capability."]
        defense_boost: Real = 0.3, [0.0, 5.0], "share", "002 AI raises defence (assumption on magnitude)";
        #[doc = "Weight of the workforce in effective capability (0 = no effect)."]
        workforce_weight: Real = 0.5, [0.0, 1.0], "share", "001 Table 4 #3 too few skilled people (assumption on magnitude)";
        #[doc = "Monthly AI growth per unit of global-training effort."]
        growth: Real = 0.3, [0.0, 10.0], "per effort per month", "002 rapid spread of AI (assumption on magnitude)";
        #[doc = "Monthly diffusion of AI through access to foreign technology."]
        diffusion: Real = 0.002, [0.0, 1.0], "per month", "002 rapid spread of AI (assumption on magnitude)";
    }
}

fn workforce_term(p: &AiParams, workforce: f64) -> f64 {
    1.0 - p.workforce_weight + p.workforce_weight * workforce
}

/// Effective offence, in [0, 1 + offense_boost].
pub fn offense(p: &AiParams, v: &StateVars) -> f64 {
    v.offense * workforce_term(p, v.workforce) * (1.0 + p.offense_boost * v.ai)
}

/// Effective defence before coordination and alliances, in [0, 1 + defense_boost].
pub fn defense(p: &AiParams, v: &StateVars) -> f64 {
    v.defense * workforce_term(p, v.workforce) * (1.0 + p.defense_boost * v.ai)
}

/// AI capability after one month with `training` effort on the global training lever.
pub fn update(p: &AiParams, v: &StateVars, training: f64) -> f64 {
    let input = p.growth * training * (0.5 + 0.5 * v.indigenous) + p.diffusion * v.tech_access;
    (v.ai + input * (1.0 - v.ai)).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ai_raises_offence_and_defence_and_grows_with_training() {
        let p = AiParams::default();
        let lo = StateVars { ai: 0.0, ..StateVars::default() };
        let hi = StateVars { ai: 0.9, ..StateVars::default() };
        assert!(offense(&p, &hi) > offense(&p, &lo));
        assert!(defense(&p, &hi) > defense(&p, &lo));
        assert!(update(&p, &lo, 0.1) > update(&p, &lo, 0.0));
        let weak = StateVars { workforce: 0.1, ..StateVars::default() };
        let strong = StateVars { workforce: 0.9, ..StateVars::default() };
        assert!(defense(&p, &strong) > defense(&p, &weak));
    }
}
