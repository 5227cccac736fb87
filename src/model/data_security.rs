//! 003 — China's Global Data Security Initiative: pledges that technology is not used to
//! damage other states' critical infrastructure or to steal data, and that service
//! providers install no backdoors or spyware; compliance, and the detection of violations.
//!
//! Mechanism: a state holding a pledge honours it, for each operation that would break it,
//! with probability `compliance` (lower toward states that have not pledged: reciprocity).
//! States adopt the pledges under promotion by states they trust (`dsi_promotion`, China in
//! the baseline). An attributed operation that breaks a pledge is a detected violation:
//! every related pledged state loses trust in the violator. Mutual pledges raise trust
//! (see `trust`), and vendors whose home state pledged no backdoors gain clients' trust
//! (see `vendors`).

use crate::engine::record::{Event, EventKind, Recorder};
use crate::engine::rng::Draw;
use crate::engine::world::{Sid, State, World, pledge};
use crate::model::Params;
use crate::model::attacks::{AttackType, Op};
use crate::param_group;
use rand::Rng;

param_group! {
    /// Data Security Initiative pledges (003).
    pub struct DsiParams in "dsi." {
        #[doc = "Monthly chance of adopting the pledges per unit of trusted promotion."]
        adoption_rate: Real = 0.03, [0.0, 1.0], "per month", "003 call for common global data-security standards (assumption on magnitude)";
        #[doc = "Compliance multiplier toward targets that have not taken the same pledge."]
        reciprocity: Real = 0.5, [0.0, 1.0], "share", "003 mutual trust and joint work (assumption on magnitude)";
        #[doc = "Trust every related pledged state loses in a detected violator."]
        violation_trust: Real = 0.05, [0.0, 1.0], "index", "003 compliance and its detection (assumption on magnitude)";
    }
}

/// The pledge an operation type would break (0 if none).
pub fn pledge_of(kind: AttackType) -> u8 {
    match kind {
        AttackType::SupplyChain => pledge::NO_BACKDOORS,
        AttackType::Degradation | AttackType::Disruption => pledge::NO_CII_ATTACKS,
        AttackType::Espionage => pledge::NO_DATA_THEFT,
        AttackType::Disinformation => 0,
    }
}

/// Decide phase: the pledges `me` honours for one operation against `target` (bits).
/// Draws once per pledge held, so states without pledges draw nothing.
pub fn honoured(p: &DsiParams, me: &State, target: &State, rng: &mut impl Rng) -> u8 {
    let mut bits = 0;
    for (_, b) in pledge::NAMES {
        if me.pledges & b != 0 {
            let reciprocal = if target.pledges & b != 0 { 1.0 } else { p.reciprocity };
            if rng.chance(me.p.vars.compliance * reciprocal) {
                bits |= b;
            }
        }
    }
    bits
}

/// Decide phase: whether state `i` adopts the pledges it lacks this tick.
pub fn choose_adopt(i: Sid, w: &World, p: &Params, rng: &mut impl Rng) -> bool {
    let me = &w.states[i as usize];
    if me.pledges == pledge::ALL {
        return false;
    }
    let pull: f64 = w.rel.of(i).iter().map(|r| w.states[r.other as usize].p.vars.dsi_promotion * r.trust).sum();
    pull > 0.0 && rng.chance(p.dsi.adoption_rate * pull.min(1.0) * (0.5 + 0.5 * me.p.vars.norms))
}

/// Resolve phase: `i` takes all three pledges.
pub fn adopt(i: Sid, w: &mut World, rec: &mut Recorder) {
    let tick = w.tick;
    w.states[i as usize].pledges = pledge::ALL;
    rec.event(|| Event {
        detail: "no_backdoors;no_cii_attacks;no_data_theft".into(),
        ..Event::new(tick, EventKind::PledgeTaken, i, None)
    });
}

/// Resolve phase: an attributed operation that breaks the actor's pledge is a detected
/// violation; related pledged states lose trust in the actor.
pub fn check_violation(op: Op, w: &mut World, p: &Params, rec: &mut Recorder) {
    let bit = pledge_of(op.kind);
    if bit == 0 || w.states[op.actor as usize].pledges & bit == 0 {
        return;
    }
    rec.tally.violations += 1;
    let tick = w.tick;
    rec.event(|| Event {
        attack: Some(op.kind),
        detail: pledge_name(bit).into(),
        ..Event::new(tick, EventKind::PledgeViolation, op.actor, Some(op.target))
    });
    let others: Vec<Sid> = w.rel.of(op.actor).iter().map(|r| r.other).collect();
    for j in others {
        if w.states[j as usize].pledges != 0 {
            if let Some(r) = w.rel.get_mut(j, op.actor) {
                r.trust = (r.trust - p.dsi.violation_trust).max(0.0);
            }
        }
    }
}

/// Scenario name of a single pledge bit.
pub fn pledge_name(bit: u8) -> &'static str {
    pledge::NAMES.iter().find(|(_, b)| *b == bit).map_or("", |(n, _)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_pledge_forbids_its_operation_types() {
        assert_eq!(pledge_of(AttackType::SupplyChain), pledge::NO_BACKDOORS);
        assert_eq!(pledge_of(AttackType::Degradation), pledge::NO_CII_ATTACKS);
        assert_eq!(pledge_of(AttackType::Disruption), pledge::NO_CII_ATTACKS);
        assert_eq!(pledge_of(AttackType::Espionage), pledge::NO_DATA_THEFT);
        assert_eq!(pledge_of(AttackType::Disinformation), 0);
        assert_eq!(pledge_name(pledge::NO_BACKDOORS), "no_backdoors");
    }
}
