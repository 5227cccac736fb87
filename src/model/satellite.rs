//! 002 — cross-border and satellite internet providers, which weaken filtering.
//!
//! Mechanism: satellite reach grows where filtering creates demand (`growth x filtering`);
//! its effect on filtering is in `filtering::effective`. A scripted shock can set it.

use crate::core::Sid;
use crate::core::params::Nothing;
use crate::model::{Look, Mechanism, Phase, StateVars};
use crate::param_group;

param_group! {
    /// Satellite internet (002).
    pub struct SatelliteParams in "satellite." {
        #[doc = "Monthly growth of satellite reach per unit of filtering."]
        growth: Real = 0.002, [0.0, 1.0], "per month", "002 cross-border and satellite internet providers (assumption on magnitude)";
    }
}

/// Satellite reach after one month.
pub fn update(p: &SatelliteParams, satellite: f64, filtering: f64) -> f64 {
    (satellite + p.growth * filtering * (1.0 - satellite)).clamp(0.0, 1.0)
}

/// The mechanism.
pub struct Satellite;

impl Mechanism for Satellite {
    const SOURCE: &'static str = "002 cross-border and satellite internet providers";
    const PHASES: &'static [Phase] = &[Phase::UpdateState];
    const OWNS: &'static [&'static str] = &["satellite"];
    type Params = SatelliteParams;
    type Keys = Nothing;
    type Snapshot = ();
    type Decision = ();
    type Tally = ();

    fn tally(_n: usize) {}

    fn update_state(i: Sid, x: &Look, next: &mut StateVars) {
        let v = &x.w.states[i as usize].p.vars;
        next.satellite = update(&x.p().satellite, v.satellite, v.filtering);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn satellite_reach_grows_faster_under_filtering() {
        let p = SatelliteParams::default();
        assert!(update(&p, 0.1, 0.9) > update(&p, 0.1, 0.1));
        assert!(update(&p, 1.0, 1.0) <= 1.0);
    }
}
