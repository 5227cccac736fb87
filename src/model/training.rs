//! 001 Table 5 #7 — training and capacity building. Regional: training specialists in
//! neighbouring states. Global: scientific exchange and international cyber conferences.
//! With 001 Table 4 #3 (too few skilled people) and 001's joint-training cooperation.
//!
//! Mechanism: the workforce is a stock (see `levers::Stock`) driven by global effort fully,
//! regional effort partly (part of it trains others), and neighbours' regional training in
//! proportion to trust in them; regional training above its initial level earns
//! neighbours' trust (see `trust`); global effort also feeds AI capability (see `ai`).

use crate::core::Sid;
use crate::core::params::Nothing;
use crate::model::levers::{Effort, Lever, relax};
use crate::model::world::World;
use crate::model::{Look, Mechanism, Model, Phase, StateVars, institutions};
use crate::param_group;

param_group! {
    /// Training and capacity building (001 Table 5 #7).
    pub struct TrainingParams in "training." {
        #[doc = "Elasticity of the odds of the workforce to training effort (relative to the initial effort)."]
        elasticity: Real = 0.8, [0.0, 5.0], "elasticity", "001 Table 4 #3 too few skilled people (assumption on magnitude)";
        #[doc = "Share of regional training effort that benefits one's own workforce."]
        regional_self: Real = 0.5, [0.0, 1.0], "share", "assumption";
        #[doc = "Workforce growth of a neighbour per unit of one's regional training effort, per unit of its trust."]
        spillover: Real = 0.5, [0.0, 100.0], "per effort", "001 Table 5 #7 regional: training specialists of neighbours (assumption on magnitude)";
        #[doc = "Trust target gained among neighbours when regional training effort rises by the state's whole reference effort."]
        goodwill: Real = 0.3, [0.0, 10.0], "per reference effort", "001 Table 5 #7 regional (assumption on magnitude)";
        #[doc = "Monthly share of the gap to the target closed."]
        adjust: Real = 0.02, [0.0, 1.0], "per month", "assumption: training a generation of specialists takes years";
    }
}

/// The effort that trains the workforce, given neighbours' regional training reaching it.
pub fn effort(p: &TrainingParams, e: &Effort, from_neighbours: f64) -> f64 {
    p.regional_self * e[Lever::RegTraining as usize] + e[Lever::GlobTraining as usize] + p.spillover * from_neighbours
}

/// Neighbours' regional training effort reaching state `i`, weighted by its trust in them.
fn from_neighbours(w: &World, efforts: &dyn Fn(usize) -> f64, i: Sid) -> f64 {
    let me = &w.states[i as usize];
    w.rel
        .of(i)
        .iter()
        .filter(|r| institutions::neighbours(&w.states[r.other as usize], me))
        .map(|r| efforts(r.other as usize) * r.trust)
        .sum()
}

/// The effort that trains state `i`'s workforce in the model's reference world (fixed for
/// the model: `Model::training_reference` keeps it).
pub fn reference(m: &Model, i: Sid) -> f64 {
    let reg = Lever::RegTraining as usize;
    let p = &m.params.training;
    effort(p, &m.reference_effort[i as usize], from_neighbours(&m.reference, &|j| m.reference_effort[j][reg], i))
}

/// Trust-target bonus among neighbours from training their specialists.
pub fn goodwill(p: &TrainingParams, effort: &Effort, same_region: bool) -> f64 {
    if same_region { p.goodwill * effort[Lever::RegTraining as usize] } else { 0.0 }
}

/// The mechanism.
pub struct Training;

impl Mechanism for Training {
    const SOURCE: &'static str = "001 Table 5 #7 training and capacity building (neighbours' specialists; scientific exchange); Table 4 #3 too few skilled people";
    const PHASES: &'static [Phase] = &[Phase::UpdateState];
    const OWNS: &'static [&'static str] = &["workforce"];
    type Params = TrainingParams;
    type Keys = Nothing;
    type Snapshot = ();
    type Decision = ();
    type Tally = ();

    fn tally(_n: usize) {}

    /// Own effort, plus neighbours' regional training in proportion to trust in them.
    fn update_state(i: Sid, x: &Look, next: &mut StateVars) {
        let (p, k, m) = (&x.p().training, i as usize, x.m);
        let reg = Lever::RegTraining as usize;
        let now = effort(p, &x.decisions[k].levers, from_neighbours(x.w, &|j| x.decisions[j].levers[reg], i));
        let stock = m.stock(i, m.initial.states[k].p.vars.workforce, now, m.training_reference[k]);
        next.workforce = relax(x.w.states[k].p.vars.workforce, stock.target(p.elasticity), p.adjust);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::levers::N_LEVERS;

    #[test]
    fn training_raises_workforce_and_neighbours_benefit() {
        let p = TrainingParams::default();
        let mut e = [0.0; N_LEVERS];
        let none = effort(&p, &e, 0.0);
        assert!(effort(&p, &e, 0.05) > none);
        e[Lever::GlobTraining as usize] = 0.05;
        assert!(effort(&p, &e, 0.0) > none);
        e[Lever::RegTraining as usize] = 0.05;
        assert!(goodwill(&p, &e, true) > 0.0 && goodwill(&p, &e, false) == 0.0);
    }
}
