//! 001 Table 5 #4 — presence in institutions. Regional: regional bodies such as the
//! Economic Cooperation Organization (ECO). Global: a stronger role in the ITU and in
//! writing global standards. With 000's stronger UN role and World Internet Conference,
//! 002's work through the ITU, UN, SCO and BRICS, and 001 Table 4 #5 (filtering lowers
//! participation in global governance).
//!
//! Mechanism: institutional presence grows with effort on the regional lever (only for
//! members of a regional body), the global lever, and China's UN and WIC strategies, times
//! the filtering participation factor, and decays.

use crate::model::doctrine::{Lever, N_LEVERS};
use crate::model::levers::grow;
use crate::param_group;

param_group! {
    /// Presence in institutions (001 Table 5 #4).
    pub struct InstitutionParams in "institutions." {
        #[doc = "Monthly growth per unit of institutional effort."]
        rate: Real = 1.0, [0.0, 100.0], "per effort", "assumption";
        #[doc = "Monthly decay of presence."]
        decay: Real = 0.005, [0.0, 1.0], "per month", "assumption";
        #[doc = "Weight of effort on the UN-role strategy in presence."]
        un_weight: Real = 0.5, [0.0, 10.0], "weight", "000 strategy: stronger UN role (assumption on magnitude)";
        #[doc = "Weight of effort on the World Internet Conference in presence."]
        wic_weight: Real = 0.5, [0.0, 10.0], "weight", "000 strategy: World Internet Conference (assumption on magnitude)";
    }
}

/// Institutions a state can belong to (bit positions in `State::institutions`).
pub const INSTITUTIONS: [(&str, bool); 9] = [
    ("UN", false),
    ("ITU", false),
    ("ECO", true),
    ("SCO", true),
    ("BRICS", false),
    ("EU", true),
    ("NATO", true),
    ("GCC", true),
    ("WIC", false),
];

/// Bit mask of the regional bodies among [`INSTITUTIONS`].
pub fn regional_mask() -> u16 {
    INSTITUTIONS.iter().enumerate().filter(|(_, (_, regional))| *regional).fold(0, |m, (i, _)| m | (1 << i))
}

/// Bit of an institution by name.
pub fn bit(name: &str) -> Option<u16> {
    INSTITUTIONS.iter().position(|(n, _)| *n == name).map(|i| 1 << i)
}

/// Presence after one month.
pub fn update(
    p: &InstitutionParams,
    presence: f64,
    effort: &[f64; N_LEVERS],
    member_of_regional_body: bool,
    participation: f64,
) -> f64 {
    let regional = if member_of_regional_body { effort[Lever::RegInstitutions as usize] } else { 0.0 };
    let input = regional
        + effort[Lever::GlobInstitutions as usize]
        + p.un_weight * effort[Lever::UnRole as usize]
        + p.wic_weight * effort[Lever::Wic as usize];
    grow(presence, p.rate, input * participation, p.decay)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regional_effort_needs_membership_and_filtering_cuts_participation() {
        let p = InstitutionParams::default();
        let mut e = [0.0; N_LEVERS];
        e[Lever::RegInstitutions as usize] = 0.05;
        assert!(update(&p, 0.3, &e, true, 1.0) > update(&p, 0.3, &e, false, 1.0));
        assert!(update(&p, 0.3, &e, true, 0.5) < update(&p, 0.3, &e, true, 1.0));
        assert_eq!(bit("ECO"), Some(4));
        assert!(regional_mask() & bit("ECO").unwrap() != 0);
        assert!(regional_mask() & bit("ITU").unwrap() == 0);
    }
}
