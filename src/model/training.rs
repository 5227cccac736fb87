//! 001 Table 5 #7 — training and capacity building. Regional: training specialists in
//! neighbouring states. Global: scientific exchange and international cyber conferences.
//! With 001 Table 4 #3 (too few skilled people) and 001's joint-training cooperation.
//!
//! Mechanism: effort raises the workforce (global effort fully, regional effort partly, as
//! part of it trains others); regional training spills over to neighbours' workforce and
//! earns their trust; global effort also feeds AI capability (see `ai`).

use crate::core::Sid;
use crate::core::params::Nothing;
use crate::model::levers::{Effort, Lever, grow};
use crate::model::{Look, Mechanism, Phase, StateParams};
use crate::param_group;

param_group! {
    /// Training and capacity building (001 Table 5 #7).
    pub struct TrainingParams in "training." {
        #[doc = "Monthly workforce growth per unit of training effort."]
        rate: Real = 1.0, [0.0, 100.0], "per effort", "001 Table 4 #3 too few skilled people (assumption on magnitude)";
        #[doc = "Share of regional training effort that benefits one's own workforce."]
        regional_self: Real = 0.5, [0.0, 1.0], "share", "assumption";
        #[doc = "Workforce growth of a neighbour per unit of one's regional training effort, per unit of its trust."]
        spillover: Real = 0.5, [0.0, 100.0], "per effort", "001 Table 5 #7 regional: training specialists of neighbours (assumption on magnitude)";
        #[doc = "Trust target gained among neighbours per unit of regional training effort."]
        goodwill: Real = 1.0, [0.0, 100.0], "per effort", "001 Table 5 #7 regional (assumption on magnitude)";
        #[doc = "Monthly workforce loss (retirement, brain drain)."]
        decay: Real = 0.004, [0.0, 1.0], "per month", "assumption";
    }
}

/// Workforce after one month, given neighbours' regional training reaching the state.
pub fn update(p: &TrainingParams, workforce: f64, effort: &Effort, from_neighbours: f64) -> f64 {
    let input = p.regional_self * effort[Lever::RegTraining as usize]
        + effort[Lever::GlobTraining as usize]
        + p.spillover * from_neighbours;
    grow(workforce, p.rate, input, p.decay)
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
    fn update_state(i: Sid, x: &Look, next: &mut StateParams) {
        let (w, k) = (x.w, i as usize);
        let me = &w.states[k];
        let from_neighbours: f64 = w
            .rel
            .of(i)
            .iter()
            .filter(|r| w.states[r.other as usize].region == me.region)
            .map(|r| x.decisions[r.other as usize].levers[Lever::RegTraining as usize] * r.trust)
            .sum();
        next.vars.workforce = update(&x.p().training, me.p.vars.workforce, &x.decisions[k].levers, from_neighbours);
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
        let none = update(&p, 0.4, &e, 0.0);
        assert!(update(&p, 0.4, &e, 0.05) > none);
        e[Lever::GlobTraining as usize] = 0.05;
        assert!(update(&p, 0.4, &e, 0.0) > none);
        e[Lever::RegTraining as usize] = 0.05;
        assert!(goodwill(&p, &e, true) > 0.0 && goodwill(&p, &e, false) == 0.0);
    }
}
