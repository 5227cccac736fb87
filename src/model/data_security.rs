//! 003 — China's Global Data Security Initiative: pledges that technology is not used to
//! damage other states' critical infrastructure or to steal data, and that service
//! providers install no backdoors or spyware; compliance, and the detection of violations.
//!
//! Mechanism: a state holding a pledge honours it, for each operation that would break it,
//! with probability `compliance` (lower toward states that have not pledged: reciprocity);
//! see `attacks`. States adopt the pledges under promotion by states they trust
//! (`dsi_promotion`, China in the baseline), more readily the closer they are to
//! cyber-sovereignty norms, and renounce them as that pull fades (a non-binding pledge
//! lapses when its promoters lose the signatory's trust; a state that promotes the
//! initiative never renounces). An attributed operation that breaks a pledge is a detected
//! violation: every related pledged state loses trust in the violator. Mutual pledges raise
//! trust (see `trust`), and vendors whose home state pledged no backdoors gain clients'
//! trust (see `vendors`).

use crate::core::Sid;
use crate::core::params::Nothing;
use crate::core::rng::{Draw, Purpose, Slots};
use crate::model::attacks::{AttackType, Op};
use crate::model::record::{Event, EventKind};
use crate::model::world::{State, pledge};
use crate::model::{Act, Facts, Look, Mechanism, Metric, Phase, StateMetric};
use crate::param_group;
use rand::Rng;

param_group! {
    /// Data Security Initiative pledges (003).
    pub struct DsiParams in "data_security." {
        #[doc = "Monthly chance of adopting the pledges per unit of trusted promotion."]
        adoption_rate: Real = 0.03, [0.0, 1.0], "per month", "003 call for common global data-security standards (assumption on magnitude)";
        #[doc = "Monthly chance a pledged state renounces its pledges, x (1 - the trusted promotion it still feels, capped at 1)."]
        withdrawal_rate: Real = 0.01, [0.0, 1.0], "per month", "003 pledges are political commitments without enforcement (assumption on magnitude)";
        #[doc = "Share of the adoption chance that depends on the state's cyber-sovereignty norms (the rest every state gets)."]
        norm_affinity: Real = 0.5, [0.0, 1.0], "share", "000 normative power; 003 (assumption on magnitude)";
        #[doc = "Share of operations forgone because of an honoured pledge that are carried out as another, allowed kind instead."]
        substitution: Real = 0.0, [0.0, 1.0], "share", "003 pledges forbid the operation, not its purpose (assumption: an honoured pledge forgoes the operation)";
        #[doc = "Compliance multiplier toward targets that have not taken the same pledge."]
        reciprocity: Real = 0.5, [0.0, 1.0], "share", "003 mutual trust and joint work (assumption on magnitude)";
        #[doc = "Trust every related pledged state loses in a detected violator."]
        violation_trust: Real = 0.05, [0.0, 1.0], "index", "003 compliance and its detection (assumption on magnitude)";
    }
}

/// Decide: whether a state takes, or renounces, the pledges this tick (one slot).
pub const ADOPT: Purpose = Purpose::slot("data_security.adopt", 2);

/// A state took pledges.
pub const TAKEN: EventKind = EventKind { name: "pledge_taken", doc: "A state took 003 pledges (detail: which)" };
/// A state renounced its pledges.
pub const RENOUNCED: EventKind =
    EventKind { name: "pledge_renounced", doc: "A state renounced its 003 pledges (its promoters lost its trust)" };
/// A detected violation.
pub const VIOLATION: EventKind = EventKind {
    name: "pledge_violation",
    doc: "An attributed operation broke its actor's pledge (attack: type; detail: pledge)",
};

/// The pledge an operation type would break (0 if none).
pub fn pledge_of(kind: AttackType) -> u8 {
    match kind {
        AttackType::SupplyChain => pledge::NO_BACKDOORS,
        AttackType::Degradation | AttackType::Disruption => pledge::NO_CII_ATTACKS,
        AttackType::Espionage => pledge::NO_DATA_THEFT,
        AttackType::Disinformation | AttackType::Theft => 0,
    }
}

/// The pledges `me` honours for one operation against `target` (bits). Draws once per
/// pledge held, so states without pledges draw nothing.
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

/// Scenario name of a single pledge bit.
pub fn pledge_name(bit: u8) -> &'static str {
    pledge::NAMES.iter().find(|(_, b)| *b == bit).map_or("", |(n, _)| n)
}

fn share_pledged(x: &Facts, bit: u8) -> f64 {
    let n = x.w.states.iter().filter(|s| s.pledges & bit != 0).count() as f64;
    n / x.w.len().max(1) as f64
}

/// The mechanism.
pub struct DataSecurity;

impl Mechanism for DataSecurity {
    const SOURCE: &'static str =
        "003 Global Data Security Initiative: no attacks on critical infrastructure, no data theft, no backdoors; compliance";
    const PHASES: &'static [Phase] = &[Phase::Decide, Phase::Resolve, Phase::OnAttributed];
    const PURPOSES: &'static [Purpose] = &[ADOPT];
    const EVENTS: &'static [EventKind] = &[TAKEN, RENOUNCED, VIOLATION];
    const METRICS: &'static [Metric] = &[
        Metric {
            name: "pledge_no_backdoors",
            unit: "share",
            doc: "Share of states holding the 003 no-backdoors pledge at the end",
            f: |x| share_pledged(x, pledge::NO_BACKDOORS),
        },
        Metric {
            name: "pledge_no_cii_attacks",
            unit: "share",
            doc: "Share of states holding the 003 no-attacks-on-critical-infrastructure pledge",
            f: |x| share_pledged(x, pledge::NO_CII_ATTACKS),
        },
        Metric {
            name: "pledge_no_data_theft",
            unit: "share",
            doc: "Share of states holding the 003 no-data-theft pledge",
            f: |x| share_pledged(x, pledge::NO_DATA_THEFT),
        },
        Metric {
            name: "pledge_violations",
            unit: "violations",
            doc: "Detected (attributed) operations that broke the actor's pledge",
            f: |x| f64::from(x.t.data_security),
        },
        Metric {
            name: "supply_chain_between_pledged",
            unit: "operations",
            doc: "Supply-chain operations where both sides hold the no-backdoors pledge",
            f: |x| f64::from(x.t.attacks.supply_chain_between_pledged),
        },
    ];
    const STATE_METRICS: &'static [StateMetric] = &[StateMetric {
        name: "pledges",
        unit: "pledges",
        doc: "Data Security Initiative pledges held at the end (0-3)",
        f: |x, i| f64::from(x.w.states[i as usize].pledges.count_ones()),
    }];
    type Params = DsiParams;
    type Keys = Nothing;
    type Snapshot = ();
    /// Takes the pledges it lacks (`Some(true)`) or renounces those it holds (`Some(false)`).
    type Decision = Option<bool>;
    /// Violations detected.
    type Tally = u32;

    fn tally(_n: usize) -> u32 {
        0
    }

    /// Whether state `i` adopts the pledges it lacks: trusted promotion pulls it.
    /// Whether state `i` adopts the pledges it lacks (trusted promotion pulls it) or, if it
    /// holds all three and does not promote them itself, renounces them.
    fn decide(i: Sid, x: &Look, slots: &mut Slots) -> Option<bool> {
        let p = &x.p().data_security;
        let me = &x.w.states[i as usize];
        let pull: f64 =
            x.w.rel.of(i).iter().map(|r| x.w.states[r.other as usize].p.vars.dsi_promotion * r.trust).sum();
        if me.pledges == pledge::ALL {
            let chance = p.withdrawal_rate * (1.0 - pull.min(1.0));
            return (me.p.vars.dsi_promotion <= 0.0 && slots.chance(&ADOPT, 0, chance)).then_some(false);
        }
        let affinity = 1.0 - p.norm_affinity + p.norm_affinity * me.p.vars.norms;
        (pull > 0.0 && slots.chance(&ADOPT, 0, p.adoption_rate * pull.min(1.0) * affinity)).then_some(true)
    }

    /// Adopting states take all three pledges, renouncing ones drop them, in state order.
    fn resolve(x: &mut Act) {
        let tick = x.w.tick;
        for (i, d) in x.decisions.iter().enumerate() {
            match d.data_security {
                Some(true) => {
                    x.w.states[i].pledges = pledge::ALL;
                    x.rec.event(|| Event {
                        detail: "no_backdoors;no_cii_attacks;no_data_theft".into(),
                        ..Event::new(tick, TAKEN, i as Sid, None)
                    });
                }
                Some(false) => {
                    x.w.states[i].pledges = 0;
                    x.rec.event(|| Event::new(tick, RENOUNCED, i as Sid, None));
                }
                None => {}
            }
        }
    }

    /// An attributed operation that breaks the actor's pledge is a detected violation;
    /// related pledged states lose trust in the actor.
    fn on_attributed(op: &Op, x: &mut Act) {
        let bit = pledge_of(op.kind);
        let w = &mut *x.w;
        if bit == 0 || w.states[op.actor as usize].pledges & bit == 0 {
            return;
        }
        x.rec.tally.data_security += 1;
        let tick = w.tick;
        x.rec.event(|| Event {
            attack: Some(op.kind.name()),
            detail: pledge_name(bit).into(),
            ..Event::new(tick, VIOLATION, op.actor, Some(op.target))
        });
        let loss = x.m.params.data_security.violation_trust;
        let others: Vec<Sid> = w.rel.of(op.actor).iter().map(|r| r.other).collect();
        for j in others {
            if w.states[j as usize].pledges != 0 {
                if let Some(r) = w.rel.get_mut(j, op.actor) {
                    r.trust = (r.trust - loss).max(0.0);
                }
            }
        }
    }
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
