//! 000 — standardization (setting technical standards others adopt), and 002 — new
//! international telecom standards: states that set ICT standards set the agenda for
//! others and gradually dominate them. Reached through 001 Table 5 #4 global (a stronger
//! role in the ITU and in writing global standards).
//!
//! Mechanism: a standards stock grows in proportion to global-institutions effort, more for
//! states with indigenous technology and institutional presence, and decays; unlike
//! capabilities it does not saturate, so its equilibrium is proportional to effort and a
//! race between standard-setters stays a race. A state's standards
//! share is its stock over the world's; the share feeds norm-setting power (see `norms`).

use crate::engine::world::World;
use crate::model::doctrine::{Lever, N_LEVERS};
use crate::model::state_vars::StateVars;
use crate::param_group;

param_group! {
    /// Standards race (000 standardization; 002 telecom standards).
    pub struct StandardsParams in "standards." {
        #[doc = "Monthly growth per unit of global-institutions (ITU) effort."]
        rate: Real = 0.05, [0.0, 100.0], "per effort", "001 Table 5 #4 global: ITU and global standards (assumption on magnitude)";
        #[doc = "Monthly decay of the standards stock."]
        decay: Real = 0.005, [0.0, 1.0], "per month", "assumption";
    }
}

/// Standards stock after one month.
pub fn update(p: &StandardsParams, v: &StateVars, effort: &[f64; N_LEVERS]) -> f64 {
    let input = effort[Lever::GlobInstitutions as usize] * (0.5 + v.indigenous) * (0.5 + v.institutional_presence);
    (v.standards + p.rate * input - p.decay * v.standards).clamp(0.0, 1.0)
}

/// Each state's share of the world's standards stock.
pub fn shares(w: &World, out: &mut [f64]) {
    let total: f64 = w.states.iter().map(|s| s.p.vars.standards).sum();
    for (o, s) in out.iter_mut().zip(&w.states) {
        *o = if total > 0.0 { s.p.vars.standards / total } else { 0.0 };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn itu_effort_and_indigenous_tech_raise_standards() {
        let p = StandardsParams::default();
        let v = StateVars::default();
        let mut e = [0.0; N_LEVERS];
        let none = update(&p, &v, &e);
        e[Lever::GlobInstitutions as usize] = 0.05;
        assert!(update(&p, &v, &e) > none);
        let tech = StateVars { indigenous: 0.9, ..v.clone() };
        assert!(update(&p, &tech, &e) > update(&p, &v, &e));
    }
}
