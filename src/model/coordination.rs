//! 001 Table 4 #7 — weak internal coordination between the foreign ministry, the
//! communications ministry, security bodies and the private sector ("one of the most
//! critical" challenges in 001's abstract).
//!
//! Mechanism: coordination scales the effect of every diplomatic and defensive action of
//! the state — lever spending, effective defence, detection and attribution, and the
//! execution of any active response. A state with coordination 0 still gets `floor` of
//! each effect. The snapshot holds each state's effectiveness multiplier.

use crate::core::params::Nothing;
use crate::model::world::World;
use crate::model::{Context, Mechanism, Model, Phase};
use crate::param_group;

param_group! {
    /// Internal coordination (001 Table 4 #7).
    pub struct CoordinationParams in "coordination." {
        #[doc = "Share of an action's effect an entirely uncoordinated state still achieves."]
        floor: Real = 0.3, [0.0, 1.0], "share", "assumption: 001 Table 4 #7 gives no magnitude";
    }
}

/// Effectiveness multiplier in [floor, 1] for a state with `coordination` in [0, 1].
pub fn effectiveness(p: &CoordinationParams, coordination: f64) -> f64 {
    p.floor + (1.0 - p.floor) * coordination.clamp(0.0, 1.0)
}

/// This tick's coordination effectiveness of every state.
#[derive(Clone, Debug, Default)]
pub struct Effect {
    /// Multiplier in [floor, 1], by state.
    pub effect: Vec<f64>,
}

/// The mechanism.
pub struct Coordination;

impl Mechanism for Coordination {
    const SOURCE: &'static str = "001 Table 4 #7 weak internal coordination";
    const PHASES: &'static [Phase] = &[Phase::Snapshot];
    type Params = CoordinationParams;
    type Keys = Nothing;
    type Snapshot = Effect;
    type Decision = ();
    type Tally = ();

    fn tally(_n: usize) {}

    fn snapshot(m: &Model, w: &World, ctx: &mut Context) {
        let p = &m.params.coordination;
        ctx.coordination.effect.clear();
        ctx.coordination.effect.extend(w.states.iter().map(|s| effectiveness(p, s.p.vars.coordination)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn effectiveness_rises_with_coordination_between_floor_and_one() {
        let p = CoordinationParams::default();
        assert_eq!(effectiveness(&p, 0.0), p.floor);
        assert_eq!(effectiveness(&p, 1.0), 1.0);
        assert!(effectiveness(&p, 0.3) < effectiveness(&p, 0.7));
    }
}
