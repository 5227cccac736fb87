//! 000 — standardization (setting technical standards others adopt), and 002 — new
//! international telecom standards: states that set ICT standards set the agenda for
//! others and gradually dominate them. Reached through 001 Table 5 #4 global (a stronger
//! role in the ITU and in writing global standards).
//!
//! Mechanism: a state's standards stock closes a share of the gap to a target that is its
//! initial stock scaled by its productive ITU effort (global-institutions effort, more
//! productive with indigenous technology and institutional presence) relative to the
//! initial one, to the power `elasticity`; unlike capabilities it does not saturate, so a
//! race between standard-setters stays a race. A state's standards share is its stock over
//! the world's; the share feeds norm-setting power (see `norms`).

use crate::core::Sid;
use crate::core::params::Nothing;
use crate::model::levers::{Effort, Lever, relax};
use crate::model::state::StateVars;
use crate::model::world::World;
use crate::model::{Context, Look, Mechanism, Metric, Model, Phase, StateMetric};
use crate::param_group;

param_group! {
    /// Standards race (000 standardization; 002 telecom standards).
    pub struct StandardsParams in "standards." {
        #[doc = "Elasticity of the standards stock to productive ITU effort (relative to the initial effort)."]
        elasticity: Real = 1.0, [0.0, 5.0], "elasticity", "001 Table 5 #4 global: ITU and global standards (assumption on magnitude)";
        #[doc = "Monthly share of the gap to the target closed."]
        adjust: Real = 0.02, [0.0, 1.0], "per month", "assumption: standards take years";
        #[doc = "Productivity of ITU effort at zero indigenous capability and presence (each adds up to one more unit)."]
        base_productivity: Real = 0.5, [0.0, 10.0], "multiplier", "000 standardization rests on indigenous technology and presence (assumption on magnitude)";
    }
}

/// Productive ITU effort: global-institutions effort times the productivity of indigenous
/// technology and institutional presence.
pub fn effort(p: &StandardsParams, v: &StateVars, e: &Effort) -> f64 {
    e[Lever::GlobInstitutions as usize] * (p.base_productivity + v.indigenous) * (p.base_productivity + v.institutional_presence)
}

/// The stock's target: the initial stock scaled by relative productive effort.
pub fn target(p: &StandardsParams, initial: f64, now: f64, then: f64, floor: f64) -> f64 {
    (initial * ((now + floor) / (then + floor)).powf(p.elasticity)).clamp(0.0, 1.0)
}

/// This tick's standards shares.
#[derive(Clone, Debug, Default)]
pub struct Share {
    /// Share of the world's standards stock, by state.
    pub of: Vec<f64>,
}

/// The mechanism.
pub struct Standards;

impl Mechanism for Standards {
    const SOURCE: &'static str = "000 standardization; 002 new international telecom standards; 001 Table 5 #4 global (ITU)";
    const PHASES: &'static [Phase] = &[Phase::Snapshot, Phase::UpdateState];
    const OWNS: &'static [&'static str] = &["standards"];
    const METRICS: &'static [Metric] = &[Metric {
        name: "standards_share_leader",
        unit: "share",
        doc: "Standards share of the leading standard-setter (000 standardization)",
        f: |x| x.ctx.standards.of.iter().copied().fold(0.0, f64::max),
    }];
    const STATE_METRICS: &'static [StateMetric] = &[StateMetric {
        name: "standards_share",
        unit: "share",
        doc: "Share of the world's standards stock (000)",
        f: |x, i| x.ctx.standards.of[i as usize],
    }];
    type Params = StandardsParams;
    type Keys = Nothing;
    type Snapshot = Share;
    type Decision = ();
    type Tally = ();

    fn tally(_n: usize) {}

    fn snapshot(_m: &Model, w: &World, ctx: &mut Context) {
        let total: f64 = w.states.iter().map(|s| s.p.vars.standards).sum();
        ctx.standards.of.clear();
        ctx.standards.of.extend(w.states.iter().map(|s| if total > 0.0 { s.p.vars.standards / total } else { 0.0 }));
    }

    fn update_state(i: Sid, x: &Look, next: &mut StateVars) {
        let (p, k, m) = (&x.p().standards, i as usize, x.m);
        let (v, v0) = (&x.w.states[k].p.vars, &m.initial.states[k].p.vars);
        let now = effort(p, v, &x.decisions[k].levers);
        let then = effort(p, &m.reference.states[k].p.vars, &m.reference_effort[k]);
        let goal = target(p, v0.standards, now, then, m.effort_floor[k].max(1e-12));
        next.standards = relax(v.standards, goal, p.adjust);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::levers::N_LEVERS;

    #[test]
    fn itu_effort_and_indigenous_tech_raise_standards() {
        let p = StandardsParams::default();
        let v = StateVars::default();
        let mut e = [0.0; N_LEVERS];
        let none = effort(&p, &v, &e);
        e[Lever::GlobInstitutions as usize] = 0.05;
        assert!(effort(&p, &v, &e) > none);
        let tech = StateVars { indigenous: 0.9, ..v.clone() };
        assert!(effort(&p, &tech, &e) > effort(&p, &v, &e));
        assert!((target(&p, 0.2, 0.01, 0.01, 0.001) - 0.2).abs() < 1e-12);
        assert!(target(&p, 0.2, 0.03, 0.01, 0.001) > 0.2);
    }
}
