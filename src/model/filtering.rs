//! 001 Table 4 #4 (cyberspace governance: domestic limits such as filtering) and #5
//! (filtering and domestic restrictions: blocks international interaction, less
//! participation in global governance), with 002's cross-border satellite internet, which
//! weakens filtering.
//!
//! Mechanism: effective filtering = filtering x (1 - bypass x satellite reach). It cuts the
//! growth of soft power and institutional participation and access to global platforms,
//! and blunts the damage of disinformation operations against the state. The snapshot
//! holds each state's effective filtering; the factors below are read by the mechanisms
//! they act on.

use crate::core::params::Nothing;
use crate::model::world::World;
use crate::model::{Context, Mechanism, Model, Phase};
use crate::param_group;

param_group! {
    /// Filtering and its effects (001 Table 4 #4, #5; 002 satellite internet).
    pub struct FilteringParams in "filtering." {
        #[doc = "Share of filtering defeated by full satellite-internet reach."]
        satellite_bypass: Real = 0.8, [0.0, 1.0], "share", "002 cross-border and satellite internet providers (assumption on magnitude)";
        #[doc = "Share of soft-power growth lost under full effective filtering."]
        soft_power_penalty: Real = 0.7, [0.0, 1.0], "share", "001 Table 4 #5 filtering blocks international interaction (assumption on magnitude)";
        #[doc = "Share of institutional participation lost under full effective filtering."]
        participation_penalty: Real = 0.5, [0.0, 1.0], "share", "001 Table 4 #5 less participation in global governance initiatives (assumption on magnitude)";
        #[doc = "Share of access to global platforms lost under full effective filtering."]
        platform_penalty: Real = 0.3, [0.0, 1.0], "share", "001 Table 4 #1 limited access to global platforms (sanctions or filtering) (assumption on magnitude)";
        #[doc = "Share of disinformation damage blocked under full effective filtering."]
        disinfo_shield: Real = 0.6, [0.0, 1.0], "share", "001 Table 1 threats: fake news; brief: filtering blunts disinformation (assumption on magnitude)";
    }
}

/// Effective filtering in [0, 1].
pub fn effective(p: &FilteringParams, filtering: f64, satellite: f64) -> f64 {
    (filtering * (1.0 - p.satellite_bypass * satellite)).clamp(0.0, 1.0)
}

/// Multiplier on soft-power growth.
pub fn soft_power_factor(p: &FilteringParams, filter: f64) -> f64 {
    1.0 - p.soft_power_penalty * filter
}

/// Multiplier on institutional participation.
pub fn participation_factor(p: &FilteringParams, filter: f64) -> f64 {
    1.0 - p.participation_penalty * filter
}

/// Multiplier on disinformation damage suffered.
pub fn disinfo_factor(p: &FilteringParams, filter: f64) -> f64 {
    1.0 - p.disinfo_shield * filter
}

/// This tick's effective filtering of every state.
#[derive(Clone, Debug, Default)]
pub struct Effective {
    /// Effective filtering in [0, 1], by state.
    pub of: Vec<f64>,
}

/// The mechanism.
pub struct Filtering;

impl Mechanism for Filtering {
    const SOURCE: &'static str = "001 Table 4 #4 governance (filtering), #5 filtering and domestic restrictions; 002 satellite internet";
    const PHASES: &'static [Phase] = &[Phase::Snapshot];
    type Params = FilteringParams;
    type Keys = Nothing;
    type Snapshot = Effective;
    type Decision = ();
    type Tally = ();

    fn tally(_n: usize) {}

    fn snapshot(m: &Model, w: &World, ctx: &mut Context) {
        let p = &m.params.filtering;
        ctx.filtering.of.clear();
        ctx.filtering.of.extend(w.states.iter().map(|s| effective(p, s.p.vars.filtering, s.p.vars.satellite)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn satellite_weakens_filtering_and_filtering_shields_and_isolates() {
        let p = FilteringParams::default();
        assert!(effective(&p, 0.8, 0.5) < effective(&p, 0.8, 0.0));
        assert_eq!(effective(&p, 0.0, 1.0), 0.0);
        assert!(soft_power_factor(&p, 0.9) < soft_power_factor(&p, 0.1));
        assert!(participation_factor(&p, 0.9) < participation_factor(&p, 0.1));
        assert!(disinfo_factor(&p, 0.9) < disinfo_factor(&p, 0.1));
    }
}
