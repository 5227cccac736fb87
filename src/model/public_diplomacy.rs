//! 001 Table 5 #8 — public diplomacy. Regional: regional media for political and
//! cultural messages. Global: public diplomacy tools to reach global publics and improve
//! the image. With 001 Table 1 (public diplomacy via social media; information crises).
//!
//! Mechanism: effort raises the trust other states' publics place in the state (its
//! image): regional effort among neighbours, global effort everywhere. A state with a
//! strong image (soft power) is more resilient to disinformation. It has no phase of its
//! own: `trust` reads [`image`] and `attacks` reads [`resilience`].

use crate::core::params::Nothing;
use crate::model::levers::{Effort, Lever};
use crate::model::{Mechanism, Phase};
use crate::param_group;

param_group! {
    /// Public diplomacy (001 Table 5 #8).
    pub struct PublicDiplomacyParams in "public_diplomacy." {
        #[doc = "Trust target gained among neighbours when regional public-diplomacy effort rises by the state's whole reference effort (trust counts the change from the reference, as a share of the reference total)."]
        regional_trust: Real = 0.5, [0.0, 10.0], "per reference effort", "001 Table 5 #8 regional: regional media (assumption on magnitude)";
        #[doc = "Trust target gained among all states when global public-diplomacy effort rises by the state's whole reference effort."]
        global_trust: Real = 0.3, [0.0, 10.0], "per reference effort", "001 Table 5 #8 global: public diplomacy tools (assumption on magnitude)";
        #[doc = "Share of disinformation damage avoided at full soft power."]
        resilience: Real = 0.3, [0.0, 1.0], "share", "001 Table 1 public diplomacy: better global image (assumption on magnitude)";
    }
}

/// Trust-target bonus that `effort` buys with another state's public.
pub fn image(p: &PublicDiplomacyParams, effort: &Effort, same_region: bool) -> f64 {
    let regional = if same_region { p.regional_trust * effort[Lever::RegPublicDiplomacy as usize] } else { 0.0 };
    regional + p.global_trust * effort[Lever::GlobPublicDiplomacy as usize]
}

/// Multiplier on disinformation damage for a state with `soft_power`.
pub fn resilience(p: &PublicDiplomacyParams, soft_power: f64) -> f64 {
    1.0 - p.resilience * soft_power
}

/// The mechanism.
pub struct PublicDiplomacy;

impl Mechanism for PublicDiplomacy {
    const SOURCE: &'static str = "001 Table 5 #8 public diplomacy (regional media; global public diplomacy tools); 001 Table 1 public diplomacy";
    const PHASES: &'static [Phase] = &[];
    type Params = PublicDiplomacyParams;
    type Keys = Nothing;
    type Snapshot = ();
    type Decision = ();
    type Tally = ();

    fn tally(_n: usize) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::levers::N_LEVERS;

    #[test]
    fn regional_effort_works_only_among_neighbours() {
        let p = PublicDiplomacyParams::default();
        let mut e = [0.0; N_LEVERS];
        e[Lever::RegPublicDiplomacy as usize] = 0.05;
        assert!(image(&p, &e, true) > 0.0);
        assert_eq!(image(&p, &e, false), 0.0);
        e[Lever::GlobPublicDiplomacy as usize] = 0.05;
        assert!(image(&p, &e, false) > 0.0);
        assert!(resilience(&p, 0.9) < resilience(&p, 0.1));
    }
}
