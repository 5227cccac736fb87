//! 002 — cross-border and satellite internet providers, which weaken filtering.
//!
//! Mechanism: satellite reach grows where filtering creates demand (`growth x filtering`);
//! its effect on filtering is in `filtering::effective`. A scripted shock can set it.

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
