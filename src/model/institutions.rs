//! 001 Table 5 #4 — presence in institutions. Regional: regional bodies such as the
//! Economic Cooperation Organization (ECO). Global: a stronger role in the ITU and in
//! writing global standards. With 000's stronger UN role and World Internet Conference,
//! 002's work through the ITU, UN, SCO and BRICS, and 001 Table 4 #5 (filtering lowers
//! participation in global governance).
//!
//! Mechanism: institutional presence is a stock (see `levers::Stock`) driven by effort on
//! the regional lever (only for members of a regional body), the global lever and China's
//! UN and WIC strategies, times the filtering participation factor.

use crate::core::Sid;
use crate::core::params::Nothing;
use crate::model::levers::{Effort, Lever, relax};
use crate::model::world::State;
use crate::model::{Look, Mechanism, Phase, StateVars, filtering};
use crate::param_group;

param_group! {
    /// Presence in institutions (001 Table 5 #4).
    pub struct InstitutionParams in "institutions." {
        #[doc = "Elasticity of the odds of presence to institutional effort (relative to the initial effort)."]
        elasticity: Real = 0.8, [0.0, 5.0], "elasticity", "assumption";
        #[doc = "Monthly share of the gap to the target closed."]
        adjust: Real = 0.03, [0.0, 1.0], "per month", "assumption";
        #[doc = "Weight of effort on the UN-role strategy in presence."]
        un_weight: Real = 0.5, [0.0, 10.0], "weight", "000 strategy: stronger UN role (assumption on magnitude)";
        #[doc = "Weight of effort on the World Internet Conference in presence."]
        wic_weight: Real = 0.5, [0.0, 10.0], "weight", "000 strategy: World Internet Conference (assumption on magnitude)";
    }
}

/// Institutions a state can belong to (bit positions in `State::institutions`), and
/// whether each is a regional body.
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
pub const REGIONAL_MASK: u16 = regional_mask();

const fn regional_mask() -> u16 {
    let mut m = 0;
    let mut i = 0;
    while i < INSTITUTIONS.len() {
        if INSTITUTIONS[i].1 {
            m |= 1 << i;
        }
        i += 1;
    }
    m
}

/// Bodies of neighbouring states: ECO (Iran, Pakistan, Turkey, Afghanistan, Central Asia),
/// the EU, the GCC. Not the SCO, which spans Russia to India, nor NATO, a defence alliance
/// across the Atlantic.
pub const NEIGHBOURHOOD_MASK: u16 = (1 << 2) | (1 << 5) | (1 << 7);

/// Whether two states are neighbours for the regional levers of 001 Table 5: the same
/// region, or members of one body of neighbouring states (for Iran: Iraq and Turkey by
/// region, Pakistan through ECO — the partners 001 Table 5 #1 names).
pub fn neighbours(a: &State, b: &State) -> bool {
    a.region == b.region || a.institutions & b.institutions & NEIGHBOURHOOD_MASK != 0
}

/// Bit of an institution by name.
pub fn bit(name: &str) -> Option<u16> {
    INSTITUTIONS.iter().position(|(n, _)| *n == name).map(|i| 1 << i)
}

/// The effort that builds presence, times the filtering participation factor.
pub fn effort(p: &InstitutionParams, e: &Effort, member_of_regional_body: bool, participation: f64) -> f64 {
    let regional = if member_of_regional_body { e[Lever::RegInstitutions as usize] } else { 0.0 };
    let input = regional
        + e[Lever::GlobInstitutions as usize]
        + p.un_weight * e[Lever::UnRole as usize]
        + p.wic_weight * e[Lever::Wic as usize];
    input * participation
}

/// The mechanism.
pub struct Institutions;

impl Mechanism for Institutions {
    const SOURCE: &'static str = "001 Table 5 #4 presence in institutions (ECO; ITU and global standards); 000 stronger UN role, WIC; 001 Table 4 #5";
    const PHASES: &'static [Phase] = &[Phase::UpdateState];
    const OWNS: &'static [&'static str] = &["institutional_presence"];
    type Params = InstitutionParams;
    type Keys = Nothing;
    type Snapshot = ();
    type Decision = ();
    type Tally = ();

    fn tally(_n: usize) {}

    fn update_state(i: Sid, x: &Look, next: &mut StateVars) {
        let (p, k, m) = (x.p(), i as usize, x.m);
        let ip = &p.institutions;
        let s = &x.w.states[k];
        let regional = s.institutions & REGIONAL_MASK != 0;
        let part = |f| filtering::participation_factor(&p.filtering, f);
        let now = effort(ip, &x.decisions[k].levers, regional, part(x.ctx.filtering.of[k]));
        let then = effort(ip, &m.reference_effort[k], regional, part(m.reference_ctx.filtering.of[k]));
        let target = m.stock(i, m.initial.states[k].p.vars.institutional_presence, now, then).target(ip.elasticity);
        next.institutional_presence = relax(s.p.vars.institutional_presence, target, ip.adjust);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::levers::N_LEVERS;

    #[test]
    fn regional_effort_needs_membership_and_filtering_cuts_participation() {
        let p = InstitutionParams::default();
        let mut e = [0.0; N_LEVERS];
        e[Lever::RegInstitutions as usize] = 0.05;
        assert!(effort(&p, &e, true, 1.0) > effort(&p, &e, false, 1.0));
        assert!(effort(&p, &e, true, 0.5) < effort(&p, &e, true, 1.0));
        assert_eq!(bit("ECO"), Some(4));
        assert!(REGIONAL_MASK & bit("ECO").unwrap() != 0);
        for (name, near) in [("ECO", true), ("EU", true), ("GCC", true), ("SCO", false), ("NATO", false), ("UN", false)] {
            assert_eq!(NEIGHBOURHOOD_MASK & bit(name).unwrap() != 0, near, "{name}");
        }
        assert!(REGIONAL_MASK & bit("ITU").unwrap() == 0);
    }
}
