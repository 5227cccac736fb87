//! 001 Table 4 #7 — weak internal coordination between the foreign ministry, the
//! communications ministry, security bodies and the private sector ("one of the most
//! critical" challenges in 001's abstract).
//!
//! Mechanism: coordination scales the effect of every diplomatic and defensive action of
//! the state — lever spending, effective defence, detection and attribution, and the
//! execution of any active response. A state with coordination 0 still gets `floor` of
//! each effect.

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
