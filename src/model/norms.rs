//! 000 — China's cyber diplomacy: the goal of becoming a normative power (shaping
//! international norms of cyber sovereignty since 2014) through its matrix of strategies —
//! the World Internet Conference, a stronger role for the United Nations, and
//! intergovernmental agreements — and the agenda power of standards (000, 002). Also the
//! normative side of 001 Table 5 #6 global (negotiating legal frameworks) and of the US
//! approach in 001 Tables 2-3 (building international frameworks).
//!
//! Mechanism: each tick the strongest norm promoters are found from their budgets and
//! weights on WIC, UN and global governance, plus their standards share. Every state's
//! norm position moves toward each promoter's in proportion to the promoter's power and its
//! trust in the promoter (WIC attendance needs enough trust), and toward a domestic anchor
//! — the position at which the initial world's pulls balance (the baseline is a steady
//! state), so norms move only when promotion or trust changes. Agreements are proposed by
//! states with the agreements strategy to the most trusted partner without one, and are
//! concluded if the partner trusts the proposer enough: they raise trust (see `trust`) and
//! can bring the proposer's vendors (see `vendors`).

use crate::core::Sid;
use crate::core::params::Nothing;
use crate::core::rng::{Purpose, Slots};
use crate::model::levers::{Lever, N_LEVERS};
use crate::model::record::{Event, EventKind};
use crate::model::world::World;
use crate::model::{Act, Context, Look, Mechanism, Metric, Model, Phase, StateVars, vendors};
use crate::param_group;

param_group! {
    /// Norm promotion and agreements (000).
    pub struct NormParams in "norms." {
        #[doc = "Monthly share of the gap to a promoter's norms closed per unit of its power and of trust in it."]
        pull: Real = 1.0, [0.0, 10.0], "per month", "000 normative power (assumption on magnitude)";
        #[doc = "Monthly share of the gap to its domestic anchor a state's norms close."]
        anchor: Real = 0.1, [0.0, 1.0], "per month", "001 Table 4 #8 culture anchors norms (assumption on magnitude)";
        #[doc = "Largest change of a state's norm position in one month."]
        max_step: Real = 0.1, [0.0, 1.0], "per month", "assumption: norms change slowly";
        #[doc = "Weight of World Internet Conference effort in norm power."]
        wic_weight: Real = 1.0, [0.0, 10.0], "weight", "000 strategy: World Internet Conference (assumption on magnitude)";
        #[doc = "Weight of UN-role effort in norm power (times presence_base + institutional presence)."]
        un_weight: Real = 1.0, [0.0, 10.0], "weight", "000 strategy: stronger UN role (assumption on magnitude)";
        #[doc = "UN-role norm power of a state with no institutional presence, relative to one unit of presence."]
        presence_base: Real = 0.5, [0.0, 10.0], "multiplier", "001 Table 5 #4 presence in institutions (assumption on magnitude)";
        #[doc = "Weight of global legal-framework effort in norm power."]
        frameworks_weight: Real = 0.5, [0.0, 10.0], "weight", "001 Table 5 #6 global; Tables 2-3 US builds frameworks (assumption on magnitude)";
        #[doc = "Weight of standards share in norm power (agenda setting)."]
        agenda_weight: Real = 0.05, [0.0, 10.0], "weight", "002 who sets standards sets the agenda; 000 standardization (assumption on magnitude)";
        #[doc = "Trust in the host at which a state is as likely as not to attend the World Internet Conference."]
        wic_trust: Real = 0.3, [0.0, 1.0], "index", "000 World Internet Conference (assumption on magnitude)";
        #[doc = "Spread of attendance around wic_trust (attendance = logistic((trust - wic_trust) / spread))."]
        wic_spread: Real = 0.05, [0.001, 1.0], "index", "assumption: attendance varies smoothly with trust";
        #[doc = "Number of promoters considered each tick."]
        max_promoters: Int = 8, [1, 1000], "states", "assumption";
        #[doc = "Monthly chance of proposing an agreement for a state with average weight on agreements."]
        agreement_rate: Real = 0.1, [0.0, 1.0], "per month", "000 strategy: intergovernmental agreements (assumption on magnitude)";
        #[doc = "Trust in the proposer a partner needs to conclude an agreement."]
        agreement_trust: Real = 0.35, [0.0, 1.0], "index", "assumption";
    }
}

/// Decide: whether a state proposes an agreement this tick (one slot).
pub const PROPOSE: Purpose = Purpose::slot("norms.agreement", 3);

/// An intergovernmental agreement concluded.
pub const AGREEMENT: EventKind =
    EventKind { name: "agreement", doc: "An intergovernmental agreement concluded (actor: proposer; 000)" };

/// A norm promoter and its power through each channel.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Promoter {
    /// The promoting state.
    pub id: Sid,
    /// Power through the World Internet Conference it hosts (reaches attendees only).
    pub wic: f64,
    /// Power through the UN, legal frameworks and standards (reaches every state).
    pub other: f64,
}

/// This tick's norm promoters.
#[derive(Clone, Debug, Default)]
pub struct Promoters {
    /// The strongest promoters (at most `max_promoters`), strongest first.
    pub list: Vec<Promoter>,
}

/// Norm power comes from intent (budget x weights on WIC, UN role, global governance) and
/// the standards share (agenda setting).
fn promoters(p: &NormParams, w: &World, ctx: &Context, out: &mut Vec<Promoter>) {
    out.clear();
    for (i, s) in w.states.iter().enumerate() {
        let sh = &ctx.levers.of[i];
        let budget = ctx.economy.budget[i];
        let wic = budget * p.wic_weight * sh[Lever::Wic as usize];
        let other = budget
            * (p.un_weight * sh[Lever::UnRole as usize] * (p.presence_base + s.p.vars.institutional_presence)
                + p.frameworks_weight * sh[Lever::GlobGovernance as usize])
            + p.agenda_weight * ctx.standards.of[i];
        if wic + other > 0.0 {
            out.push(Promoter { id: i as Sid, wic, other });
        }
    }
    out.sort_by(|a, b| (b.wic + b.other).total_cmp(&(a.wic + a.other)).then(a.id.cmp(&b.id)));
    out.truncate(p.max_promoters as usize);
}

/// The monthly pull of the promoters on state `j`'s norm position: every promoter pulls it
/// toward its own position through the UN, frameworks and standards; a WIC host also pulls
/// the states that trust it enough to attend.
pub fn pull(p: &NormParams, w: &World, j: Sid, promoters: &[Promoter]) -> f64 {
    let me = w.states[j as usize].p.vars.norms;
    let mut delta = 0.0;
    for q in promoters.iter().filter(|q| q.id != j) {
        let trust = w.rel.trust(j, q.id);
        // (most promoters host no conference: skip the logistic, adding exactly 0)
        let pw = if q.wic == 0.0 {
            q.other
        } else {
            let attendance = 1.0 / (1.0 + ((p.wic_trust - trust) / p.wic_spread).exp());
            q.other + attendance * q.wic
        };
        delta += p.pull * pw * trust * (w.states[q.id as usize].p.vars.norms - me);
    }
    delta
}

/// Norm position of state `j` after one month: the promoters' pull, plus the anchor's pull
/// toward `home`, at most `max_step`.
pub fn update(p: &NormParams, w: &World, j: Sid, promoters: &[Promoter], home: f64) -> f64 {
    let me = w.states[j as usize].p.vars.norms;
    let delta = pull(p, w, j, promoters) + p.anchor * (home - me);
    (me + delta.clamp(-p.max_step, p.max_step)).clamp(0.0, 1.0)
}

/// The domestic anchor of state `j`: the position at which the anchor balances the
/// reference world's pulls (`reference`, `promoters0`), shifted by how the scenario's start
/// differs from the reference's, so the baseline does not drift and a what-if that
/// changes promotion moves norms.
pub fn home(p: &NormParams, initial: &World, reference: &World, promoters0: &[Promoter], j: Sid) -> f64 {
    initial.states[j as usize].p.vars.norms - pull(p, reference, j, promoters0) / p.anchor.max(1e-9)
}

/// States attending a World Internet Conference (trust in a hosting promoter).
pub fn wic_participants(p: &NormParams, w: &World, promoters: &[Promoter]) -> usize {
    let hosts: Vec<Sid> = promoters.iter().filter(|q| q.wic > 0.0).map(|q| q.id).collect();
    (0..w.len() as Sid).filter(|&j| hosts.iter().any(|&q| q != j && w.rel.trust(j, q) >= p.wic_trust)).count()
}

/// The mechanism.
pub struct Norms;

impl Mechanism for Norms {
    const SOURCE: &'static str = "000 normative power; strategies: World Internet Conference, stronger UN role, intergovernmental agreements";
    const PHASES: &'static [Phase] = &[Phase::Snapshot, Phase::Decide, Phase::Resolve, Phase::UpdateState];
    const OWNS: &'static [&'static str] = &["norms"];
    const PURPOSES: &'static [Purpose] = &[PROPOSE];
    const EVENTS: &'static [EventKind] = &[AGREEMENT];
    const METRICS: &'static [Metric] = &[
        Metric {
            name: "agreements",
            unit: "agreements",
            doc: "Intergovernmental agreements concluded (000)",
            f: |x| f64::from(x.t.norms),
        },
        Metric {
            name: "norm_adoption",
            unit: "index 0-1",
            doc: "Mean adoption of cyber-sovereignty norms (000 normative power)",
            f: |x| x.w.states.iter().map(|s| s.p.vars.norms).sum::<f64>() / x.w.len().max(1) as f64,
        },
        Metric {
            name: "wic_participants",
            unit: "states",
            doc: "States attending a World Internet Conference at the end (000)",
            f: |x| wic_participants(&x.m.params.norms, x.w, &x.ctx.norms.list) as f64,
        },
    ];
    type Params = NormParams;
    type Keys = Nothing;
    type Snapshot = Promoters;
    /// Proposes an intergovernmental agreement to.
    type Decision = Option<Sid>;
    /// Agreements concluded.
    type Tally = u32;

    fn tally(_n: usize) -> u32 {
        0
    }

    fn snapshot(m: &Model, w: &World, ctx: &mut Context) {
        let mut list = std::mem::take(&mut ctx.norms.list);
        promoters(&m.params.norms, w, ctx, &mut list);
        ctx.norms.list = list;
    }

    /// The partner `i` proposes an agreement to, if any: its most trusted partner without one.
    fn decide(i: Sid, x: &Look, slots: &mut Slots) -> Option<Sid> {
        let p = &x.p().norms;
        let s = x.ctx.levers.get(i, Lever::Agreements);
        if s <= 0.0 || !slots.chance(&PROPOSE, 0, p.agreement_rate * s * N_LEVERS as f64 / 2.0) {
            return None;
        }
        x.w.rel
            .of(i)
            .iter()
            .filter(|r| !r.agreement && r.trust >= p.agreement_trust)
            .max_by(|a, b| a.trust.total_cmp(&b.trust).then(b.other.cmp(&a.other)))
            .map(|r| r.other)
    }

    /// Conclude each proposal whose partner trusts the proposer enough, in state order.
    fn resolve(x: &mut Act) {
        let p = &x.m.params;
        for (i, d) in x.decisions.iter().enumerate() {
            let (i, Some(j)) = (i as Sid, d.norms) else { continue };
            let w = &mut *x.w;
            if w.rel.trust(j, i) < p.norms.agreement_trust {
                continue;
            }
            for (a, b) in [(i, j), (j, i)] {
                if let Some(r) = w.rel.get_mut(a, b) {
                    r.agreement = true;
                }
            }
            x.rec.tally.norms += 1;
            let tick = w.tick;
            x.rec.event(|| Event::new(tick, AGREEMENT, i, Some(j)));
            vendors::on_agreement(&p.vendors, i, j, w, x.rec);
        }
    }

    fn update_state(i: Sid, x: &Look, next: &mut StateVars) {
        let p = &x.p().norms;
        next.norms = update(p, x.w, i, &x.ctx.norms.list, x.m.norm_home[i as usize]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_weights_are_positive_by_default() {
        let p = NormParams::default();
        assert!(p.wic_weight > 0.0 && p.un_weight > 0.0 && p.agenda_weight > 0.0);
    }
}
