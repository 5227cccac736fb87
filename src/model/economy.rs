//! 001 Table 4 #6 — economic barriers and limited resources: too little funding for cyber
//! diplomacy and infrastructure; dependence on foreign suppliers of key software and
//! services (with 002: reducing cyber dependencies).
//!
//! Mechanism: the lever budget is cyber_budget x economy^elasticity. The economy closes a
//! share of the gap to a target: its initial size, raised by technology access above its
//! initial level and cut by sanction pressure above its initial level; the damage of
//! successful operations cuts it directly, and it recovers toward the target. Foreign
//! dependency moves with indigenous capability relative to the start of the run (more
//! indigenous capability, less dependency) and exposes the state to supply-chain
//! operations by its vendor's home state (see `attacks`) and to vendor pressure (see
//! `vendors`).

use crate::core::Sid;
use crate::core::params::Nothing;
use crate::model::state::StateVars;
use crate::model::world::World;
use crate::model::{Context, Look, Mechanism, Model, Phase};
use crate::param_group;

param_group! {
    /// Economy, budget and dependency (001 Table 4 #6).
    pub struct EconomyParams in "economy." {
        #[doc = "Elasticity of the lever budget to economic size (0 = size does not matter)."]
        budget_elasticity: Real = 0.3, [0.0, 2.0], "exponent", "assumption: 001 Table 4 #6 gives no magnitude";
        #[doc = "Long-run relative change of the economy per unit of technology access gained since the start."]
        tech_gain: Real = 0.3, [0.0, 5.0], "share per unit", "001 Table 4 #1 limited access to new technologies (assumption on magnitude)";
        #[doc = "Long-run share of the economy lost per unit of sanction pressure above its initial level."]
        sanction_loss: Real = 0.3, [0.0, 1.0], "share per unit", "001 Table 4 #1 sanctions (assumption on magnitude; Iran's GDP fell by about a sixth under the 2018-2020 maximum pressure)";
        #[doc = "Monthly share of the gap to the target closed."]
        adjust: Real = 0.02, [0.0, 1.0], "per month", "assumption";
        #[doc = "Relative loss of economy per unit of damage suffered."]
        damage_cost: Real = 0.05, [0.0, 1.0], "share", "001 component 6 digital economy (assumption on magnitude)";
        #[doc = "Monthly share of the gap that foreign dependency closes to its target: initial dependency x (1 - indigenous) / (1 - initial indigenous)."]
        dependency_adjust: Real = 0.02, [0.0, 1.0], "per month", "001 Table 4 #6; 002 reducing dependencies (assumption on magnitude)";
    }
}

/// Lever budget in [0, 1].
pub fn budget(p: &EconomyParams, v: &StateVars) -> f64 {
    v.cyber_budget * v.economy.powf(p.budget_elasticity)
}

/// The economy's target: its initial size, changed by technology access and sanction
/// pressure relative to their initial levels.
pub fn target(p: &EconomyParams, initial: &StateVars, tech_access: f64, pressure: f64, pressure0: f64) -> f64 {
    let change = p.tech_gain * (tech_access - initial.tech_access) - p.sanction_loss * (pressure - pressure0);
    (initial.economy * (1.0 + change)).clamp(0.0001, 1.0)
}

/// Economy after one month: damage cuts it, then it closes part of the gap to `target`.
pub fn update(p: &EconomyParams, economy: f64, target: f64, damage: f64) -> f64 {
    let hit = economy * (1.0 - p.damage_cost * damage).max(0.0);
    (hit + p.adjust * (target - hit)).clamp(0.0001, 1.0)
}

/// Foreign dependency after one month: it closes `dependency_adjust` of the gap to its
/// initial level scaled by how much of the state's technology is still foreign,
/// (1 - indigenous) / (1 - initial indigenous).
pub fn dependency(p: &EconomyParams, v: &StateVars, initial: &StateVars) -> f64 {
    let foreign_now = 1.0 - v.indigenous;
    let foreign_then = (1.0 - initial.indigenous).max(1e-9);
    let target = (initial.foreign_dependency * foreign_now / foreign_then).clamp(0.0, 1.0);
    (v.foreign_dependency + p.dependency_adjust * (target - v.foreign_dependency)).clamp(0.0, 1.0)
}

/// This tick's lever budgets.
#[derive(Clone, Debug, Default)]
pub struct Budgets {
    /// Lever budget in [0, 1], by state.
    pub budget: Vec<f64>,
}

/// The mechanism.
pub struct Economy;

impl Mechanism for Economy {
    const SOURCE: &'static str = "001 Table 4 #6 economic barriers and limited resources (funding; dependence on foreign suppliers)";
    const PHASES: &'static [Phase] = &[Phase::Snapshot, Phase::UpdateState];
    const OWNS: &'static [&'static str] = &["economy", "foreign_dependency"];
    type Params = EconomyParams;
    type Keys = Nothing;
    type Snapshot = Budgets;
    type Decision = ();
    type Tally = ();

    fn tally(_n: usize) {}

    fn snapshot(m: &Model, w: &World, ctx: &mut Context) {
        let p = &m.params.economy;
        ctx.economy.budget.clear();
        ctx.economy.budget.extend(w.states.iter().map(|s| budget(p, &s.p.vars)));
    }

    fn update_state(i: Sid, x: &Look, next: &mut StateVars) {
        let (p, k) = (&x.p().economy, i as usize);
        let s = &x.w.states[k];
        let v0 = &x.m.initial.states[k].p.vars;
        let goal = target(p, v0, s.p.vars.tech_access, x.ctx.sanctions.pressure[k], x.m.reference_ctx.sanctions.pressure[k]);
        next.economy = update(p, s.p.vars.economy, goal, s.damage);
        next.foreign_dependency = dependency(p, &s.p.vars, &x.m.initial.states[k].p.vars);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_grows_with_funding_and_size() {
        let p = EconomyParams::default();
        let small = StateVars { economy: 0.05, cyber_budget: 0.5, ..StateVars::default() };
        let big = StateVars { economy: 0.9, ..small.clone() };
        let poor = StateVars { cyber_budget: 0.1, ..small.clone() };
        assert!(budget(&p, &big) > budget(&p, &small));
        assert!(budget(&p, &poor) < budget(&p, &small));
    }

    #[test]
    fn sanctions_and_damage_shrink_the_economy_and_indigenous_cuts_dependency() {
        let p = EconomyParams::default();
        let v = StateVars { economy: 0.5, tech_access: 0.6, ..StateVars::default() };
        assert!((target(&p, &v, 0.6, 0.2, 0.2) - 0.5).abs() < 1e-12, "no change, no drift");
        assert!(target(&p, &v, 0.6, 0.8, 0.2) < 0.5);
        assert!(target(&p, &v, 0.8, 0.2, 0.2) > 0.5);
        assert!(update(&p, 0.5, 0.5, 0.5) < 0.5);
        let start = StateVars { foreign_dependency: 0.8, indigenous: 0.3, ..StateVars::default() };
        // unchanged indigenous capability: dependency stays where it started
        assert!((dependency(&p, &start, &start) - 0.8).abs() < 1e-12);
        let grown = StateVars { indigenous: 0.9, ..start.clone() };
        assert!(dependency(&p, &grown, &start) < 0.8);
        let lost = StateVars { indigenous: 0.1, ..start.clone() };
        assert!(dependency(&p, &lost, &start) > 0.8);
    }
}
