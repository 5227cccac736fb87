//! 002 — the rapid spread of artificial intelligence, which raises both offence and
//! defence; also where the workforce (001 Table 4 #3 too few skilled people) and internal
//! coordination (001 Table 4 #7) turn raw capability into effective capability.
//!
//! Mechanism: effective offence = offense x (workforce term) x (1 + offense_boost x ai);
//! effective defence = defense x (workforce term) x (1 + defense_boost x ai) x
//! coordination effectiveness. AI capability is a stock (see `levers::Stock`) driven by the
//! global training lever (scientific exchange), more productive with indigenous
//! technology; on top of it, AI diffuses to every state through access to technology (002:
//! "the rapid spread of AI") — the one documented trend of the baseline: AI rises in every
//! state.

use crate::core::Sid;
use crate::core::params::Nothing;
use crate::model::levers::{Lever, relax};
use crate::model::state::StateVars;
use crate::model::world::World;
use crate::model::{Context, Look, Mechanism, Model, Phase};
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
        #[doc = "Elasticity of the odds of AI capability to productive global-training effort (relative to the initial effort)."]
        elasticity: Real = 0.8, [0.0, 5.0], "elasticity", "002 rapid spread of AI (assumption on magnitude)";
        #[doc = "Monthly share of the gap to the target closed."]
        adjust: Real = 0.03, [0.0, 1.0], "per month", "assumption";
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

/// Productive training effort: the global training lever, more productive with indigenous
/// technology.
pub fn effort(p: &AiParams, v: &StateVars, training: f64) -> f64 {
    training * (p.indigenous_floor + (1.0 - p.indigenous_floor) * v.indigenous)
}

/// AI after one month: toward the stock's target, plus diffusion through technology access.
pub fn update(p: &AiParams, ai: f64, target: f64, tech_access: f64) -> f64 {
    let x = relax(ai, target, p.adjust);
    (x + p.diffusion * tech_access * (1.0 - x)).clamp(0.0, 1.0)
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

    fn update_state(i: Sid, x: &Look, next: &mut StateVars) {
        let (p, k, m) = (&x.p().ai, i as usize, x.m);
        let (v, v0, r0) = (&x.w.states[k].p.vars, &m.initial.states[k].p.vars, &m.reference.states[k].p.vars);
        let g = Lever::GlobTraining as usize;
        let stock = m.stock(i, v0.ai, effort(p, v, x.decisions[k].levers[g]), effort(p, r0, m.reference_effort[k][g]));
        next.ai = update(p, v.ai, stock.target(p.elasticity), v.tech_access);
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
        assert!(effort(&p, &lo, 0.1) > effort(&p, &lo, 0.0));
        assert!(update(&p, 0.2, 0.2, 0.8) > 0.2, "diffusion raises AI at its target");
        let weak = StateVars { workforce: 0.1, ..StateVars::default() };
        let strong = StateVars { workforce: 0.9, ..StateVars::default() };
        assert!(defense(&p, &strong) > defense(&p, &weak));
    }
}
