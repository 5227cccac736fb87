//! The escalation ladder (MODEL-BRIEF §2: the victim may escalate — a counter-operation of
//! a higher severity; calibration: escalation is rare), with 001 Table 5 #5's rapid
//! response.
//!
//! Mechanism: an escalation response (see `responses`) lifts the dyad one rung, both ways;
//! a dyad climbing from calm starts an escalation episode. Each dyad cools down on its own
//! clock: `cooldown` ticks after its level last changed it drops one rung, and so on until
//! it is calm. Higher rungs make further escalation likelier (`ladder_gain`, read in
//! `responses`).

use crate::core::params::Nothing;
use crate::model::attacks::Op;
use crate::model::record::Recorder;
use crate::model::world::World;
use crate::model::{Act, Mechanism, Metric, Phase};
use crate::param_group;

param_group! {
    /// The escalation ladder.
    pub struct EscalationParams in "escalation." {
        #[doc = "Relative rise of the escalation weight per rung already climbed in the dyad."]
        ladder_gain: Real = 0.5, [0.0, 10.0], "per level", "assumption: calibration 'escalation is rare'";
        #[doc = "Highest rung of the ladder."]
        max_level: Int = 5, [1, 20], "levels", "assumption";
        #[doc = "Ticks after a dyad's level last changed before it drops one rung."]
        cooldown: Int = 6, [1, 1000], "ticks", "assumption";
    }
}

/// Counters over a run.
#[derive(Clone, Debug, Default)]
pub struct EscalationTally {
    /// Escalation episodes (a calm dyad starting to climb).
    pub episodes: u32,
    /// Highest escalation level reached.
    pub peak: u8,
}

/// One rung up the ladder for the dyad of `op` (its victim escalates against its actor),
/// counting a new episode when it starts from calm.
pub fn climb(w: &mut World, op: &Op, p: &EscalationParams, rec: &mut Recorder) {
    let level = w.rel.get(op.target, op.actor).map_or(0, |r| r.escalation);
    let back = w.rel.get(op.actor, op.target).map_or(0, |r| r.escalation);
    let top = p.max_level.clamp(1.0, f64::from(u8::MAX)) as u8;
    let next = (level.max(back).saturating_add(1)).min(top);
    let t = &mut rec.tally.escalation;
    if level.max(back) == 0 {
        t.episodes += 1;
    }
    t.peak = t.peak.max(next);
    let tick = w.tick;
    for (x, y) in [(op.target, op.actor), (op.actor, op.target)] {
        if let Some(r) = w.rel.get_mut(x, y) {
            r.escalation = next;
            r.escalated_at = tick;
        }
    }
}

/// The mechanism.
pub struct Escalation;

impl Mechanism for Escalation {
    const SOURCE: &'static str = "MODEL-BRIEF §2 escalation; calibration: escalation is rare; 001 Table 5 #5 rapid response";
    const PHASES: &'static [Phase] = &[Phase::UpdateWorld];
    const METRICS: &'static [Metric] = &[
        Metric {
            name: "escalation_episodes",
            unit: "episodes",
            doc: "Dyads that started climbing the escalation ladder from calm",
            f: |x| f64::from(x.t.escalation.episodes),
        },
        Metric {
            name: "escalation_peak",
            unit: "level 0-5",
            doc: "Highest escalation level reached by any dyad",
            f: |x| f64::from(x.t.escalation.peak),
        },
    ];
    type Params = EscalationParams;
    type Keys = Nothing;
    type Snapshot = ();
    type Decision = ();
    type Tally = EscalationTally;

    fn tally(_n: usize) -> EscalationTally {
        EscalationTally::default()
    }

    fn update_world(x: &mut Act) {
        cool(x.w, x.m.params.escalation.cooldown.max(1.0) as u32);
    }
}

/// Every escalated dyad whose level has not changed for `cooldown` ticks steps down.
pub fn cool(w: &mut World, cooldown: u32) {
    let tick = w.tick;
    for r in w.rel.of_all_mut().filter(|r| r.escalation > 0) {
        if tick.saturating_sub(r.escalated_at) >= cooldown {
            r.escalation -= 1;
            r.escalated_at = tick;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::attacks::{AttackType, Origin};
    use crate::model::world::{Relation, Relations};

    fn rel(other: u32) -> Relation {
        Relation { other, trust: 0.5, rivalry: 0.0, grievance: 0.0, escalation: 0, escalated_at: 0, agreement: false, history: 0.0 }
    }

    #[test]
    fn each_dyad_cools_on_its_own_clock() {
        let mut w = World {
            tick: 0,
            states: Vec::new(),
            rel: Relations::from_rows(vec![vec![rel(1), rel(2)], vec![rel(0)], vec![rel(0)]]),
            alliances: Vec::new(),
            sanctions: Vec::new(),
            queued: Vec::new(),
        };
        let p = EscalationParams { cooldown: 3.0, ..EscalationParams::default() };
        let mut rec = Recorder::new(3, false);
        let op = |a, t| Op { actor: a, target: t, kind: AttackType::Espionage, severity: 1, origin: Origin::Planned, key: 0 };
        w.tick = 1;
        climb(&mut w, &op(1, 0), &p, &mut rec);
        w.tick = 2;
        climb(&mut w, &op(2, 0), &p, &mut rec);
        assert_eq!(rec.tally.escalation.episodes, 2);
        let level = |w: &World, a, b| w.rel.get(a, b).unwrap().escalation;
        // a global clock (tick % 3 == 0) would cool both dyads at tick 3
        w.tick = 3;
        cool(&mut w, 3);
        assert_eq!((level(&w, 0, 1), level(&w, 0, 2)), (1, 1));
        w.tick = 4;
        cool(&mut w, 3);
        assert_eq!((level(&w, 0, 1), level(&w, 0, 2)), (0, 1));
        w.tick = 5;
        cool(&mut w, 3);
        assert_eq!((level(&w, 0, 1), level(&w, 0, 2)), (0, 0));
    }
}
