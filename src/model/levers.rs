//! 001 Table 5 — where a state spends its budget each tick: the sixteen levers (eight
//! strategies at regional and global level) plus China's three 000 strategies.
//!
//! Mechanism: effort on lever l = budget x share of l x coordination effectiveness /
//! sanction cost. Budget comes from the economy and the cyber budget (001 Table 4 #6);
//! shares are the state's weights (doctrine defaults, 001 Tables 2-3), shifted toward
//! deterrence when the state is hurt and toward indigenous capability when sanctioned.
//! What each lever does lives in its strategy's own file.

use crate::engine::context::Context;
use crate::engine::world::{Sid, World};
use crate::model::Params;
use crate::model::doctrine::{Lever, N_LEVERS};
use crate::param_group;

param_group! {
    /// Budget allocation over levers (001 Table 5).
    pub struct LeverParams in "levers." {
        #[doc = "Extra weight on both deterrence levers per unit of lost security."]
        threat_shift: Real = 2.0, [0.0, 20.0], "multiplier", "assumption: 001 Table 5 conclusion (combine defence with cooperation)";
        #[doc = "Extra weight on both indigenous levers per unit of sanction pressure."]
        sanction_shift: Real = 1.0, [0.0, 20.0], "multiplier", "assumption: 000 localization; 002 reducing dependencies";
    }
}

/// Effort per lever for state `i` this tick, in [`Lever`] order.
pub fn allocate(i: Sid, w: &World, ctx: &Context, p: &Params) -> [f64; N_LEVERS] {
    let s = &w.states[i as usize];
    let mut wts = s.p.lever_weights();
    let hurt = 1.0 - s.p.vars.security;
    let pressure = ctx.pressure[i as usize];
    for l in [Lever::RegDeterrence, Lever::GlobDeterrence] {
        wts[l as usize] *= 1.0 + p.levers.threat_shift * hurt;
    }
    for l in [Lever::RegIndigenous, Lever::GlobIndigenous] {
        wts[l as usize] *= 1.0 + p.levers.sanction_shift * pressure;
    }
    let total: f64 = wts.iter().sum();
    if total <= 0.0 {
        return [0.0; N_LEVERS];
    }
    let scale = ctx.budget[i as usize] * ctx.coord[i as usize] / ctx.lever_cost[i as usize] / total;
    wts.map(|x| x * scale)
}

/// The state's lever weights as shares of their sum (its intent, before budget).
pub fn shares(p: &crate::model::doctrine::StateParams) -> [f64; N_LEVERS] {
    let wts = p.lever_weights();
    let total: f64 = wts.iter().sum();
    if total > 0.0 { wts.map(|x| x / total) } else { [0.0; N_LEVERS] }
}

/// Saturating growth: `x` moves toward 1 by `rate * input * (1 - x)`, decays by `decay * x`.
pub fn grow(x: f64, rate: f64, input: f64, decay: f64) -> f64 {
    (x + rate * input * (1.0 - x) - decay * x).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grow_saturates_and_decays() {
        assert!(grow(0.5, 1.0, 0.1, 0.0) > 0.5);
        assert!(grow(0.5, 0.0, 0.1, 0.1) < 0.5);
        assert_eq!(grow(1.0, 10.0, 10.0, 0.0), 1.0);
        assert_eq!(grow(0.0, 0.0, 0.0, 0.5), 0.0);
    }
}
