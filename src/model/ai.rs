//! 002 — the rapid spread of artificial intelligence, which raises both offence and
//! defence; also where the workforce (001 Table 4 #3 too few skilled people) and internal
//! coordination (001 Table 4 #7) turn raw capability into effective capability.
//!
//! Mechanism: effective offence = offense x (workforce term) x (1 + offense_boost x ai);
//! effective defence = defense x (workforce term) x (1 + defense_boost x ai) x
//! coordination effectiveness. AI grows with the global training lever (scientific
//! exchange) and access to technology, and diffuses slowly to all.

use crate::core::Sid;
use crate::core::params::Nothing;
use crate::model::levers::Lever;
use crate::model::state::StateVars;
use crate::model::world::World;
use crate::model::{Context, Look, Mechanism, Model, Phase, StateParams};
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
        #[doc = "Share of AI growth from training that a state without indigenous capability still gets (the rest scales with indigenous capability)."]
        indigenous_floor: Real = 0.5, [0.0, 1.0], "share", "002 strengthening indigenous capacity (assumption on magnitude)";
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
    let input = p.growth * training * (p.indigenous_floor + (1.0 - p.indigenous_floor) * v.indigenous)
        + p.diffusion * v.tech_access;
    (v.ai + input * (1.0 - v.ai)).clamp(0.0, 1.0)
}

/// This tick's effective capabilities.
#[derive(Clone, Debug, Default)]
pub struct Capability {
    /// Effective offence, by state.
    pub offense: Vec<f64>,
    /// Own effective defence (with workforce, AI and coordination), by state.
    pub defense: Vec<f64>,
}

/// The mechanism.
pub struct Ai;

impl Mechanism for Ai {
    const SOURCE: &'static str = "002 rapid spread of AI; 001 Table 4 #3 too few skilled people";
    const PHASES: &'static [Phase] = &[Phase::Snapshot, Phase::UpdateState];
    const OWNS: &'static [&'static str] = &["ai"];
    type Params = AiParams;
    type Keys = Nothing;
    type Snapshot = Capability;
    type Decision = ();
    type Tally = ();

    fn tally(_n: usize) {}

    fn snapshot(m: &Model, w: &World, ctx: &mut Context) {
        let p = &m.params.ai;
        let coord = &ctx.coordination.effect;
        let c = &mut ctx.ai;
        c.offense.clear();
        c.defense.clear();
        for (s, k) in w.states.iter().zip(coord) {
            c.offense.push(offense(p, &s.p.vars));
            c.defense.push(defense(p, &s.p.vars) * k);
        }
    }

    fn update_state(i: Sid, x: &Look, next: &mut StateParams) {
        let v = &x.w.states[i as usize].p.vars;
        next.vars.ai = update(&x.p().ai, v, x.decisions[i as usize].levers[Lever::GlobTraining as usize]);
    }
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
