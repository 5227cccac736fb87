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
//! trust in the promoter (WIC attendance needs enough trust). Agreements are proposed by
//! states with the agreements strategy to the most trusted partner without one, and are
//! concluded if the partner trusts the proposer enough: they raise trust (see `trust`) and
//! can bring the proposer's vendors (see `vendors`).

use crate::engine::context::Context;
use crate::engine::record::{Event, EventKind, Recorder};
use crate::engine::rng::Draw;
use crate::engine::world::{Sid, World};
use crate::model::doctrine::{Lever, N_LEVERS};
use crate::model::{Params, vendors};
use crate::param_group;
use rand::Rng;

param_group! {
    /// Norm promotion and agreements (000).
    pub struct NormParams in "norms." {
        #[doc = "Monthly share of the gap to a promoter's norms closed per unit of its power and of trust in it."]
        pull: Real = 0.1, [0.0, 10.0], "per month", "000 normative power (assumption on magnitude)";
        #[doc = "Monthly share of the gap to its domestic stance (1 - culture) a state's norms close."]
        anchor: Real = 0.02, [0.0, 1.0], "per month", "001 Table 4 #8 culture anchors norms (assumption on magnitude)";
        #[doc = "Weight of World Internet Conference effort in norm power."]
        wic_weight: Real = 1.0, [0.0, 10.0], "weight", "000 strategy: World Internet Conference (assumption on magnitude)";
        #[doc = "Weight of UN-role effort in norm power (times institutional presence)."]
        un_weight: Real = 1.0, [0.0, 10.0], "weight", "000 strategy: stronger UN role (assumption on magnitude)";
        #[doc = "Weight of global legal-framework effort in norm power."]
        frameworks_weight: Real = 0.5, [0.0, 10.0], "weight", "001 Table 5 #6 global; Tables 2-3 US builds frameworks (assumption on magnitude)";
        #[doc = "Weight of standards share in norm power (agenda setting)."]
        agenda_weight: Real = 0.05, [0.0, 10.0], "weight", "002 who sets standards sets the agenda; 000 standardization (assumption on magnitude)";
        #[doc = "Trust in the host a state needs to attend the World Internet Conference."]
        wic_trust: Real = 0.4, [0.0, 1.0], "index", "000 World Internet Conference (assumption on magnitude)";
        #[doc = "Number of promoters considered each tick."]
        max_promoters: Int = 8, [1, 1000], "states", "assumption";
        #[doc = "Monthly chance of proposing an agreement for a state with average weight on agreements."]
        agreement_rate: Real = 0.1, [0.0, 1.0], "per month", "000 strategy: intergovernmental agreements (assumption on magnitude)";
        #[doc = "Trust in the proposer a partner needs to conclude an agreement."]
        agreement_trust: Real = 0.35, [0.0, 1.0], "index", "assumption";
    }
}

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

/// Context: the strongest promoters this tick (at most `max_promoters`), strongest first.
/// Norm power comes from intent (budget x weights on WIC, UN role, global governance) and
/// the standards share (agenda setting).
pub fn promoters(
    p: &NormParams,
    w: &World,
    budget: &[f64],
    shares: &[[f64; N_LEVERS]],
    standards_share: &[f64],
    out: &mut Vec<Promoter>,
) {
    out.clear();
    for (i, s) in w.states.iter().enumerate() {
        let sh = &shares[i];
        let wic = budget[i] * p.wic_weight * sh[Lever::Wic as usize];
        let other = budget[i]
            * (p.un_weight * sh[Lever::UnRole as usize] * (0.5 + s.p.vars.institutional_presence)
                + p.frameworks_weight * sh[Lever::GlobGovernance as usize])
            + p.agenda_weight * standards_share[i];
        if wic + other > 0.0 {
            out.push(Promoter { id: i as Sid, wic, other });
        }
    }
    out.sort_by(|a, b| (b.wic + b.other).total_cmp(&(a.wic + a.other)).then(a.id.cmp(&b.id)));
    out.truncate(p.max_promoters as usize);
}

/// Norm position of state `j` after one month of promotion: every promoter pulls it toward
/// its own position through the UN, frameworks and standards; a WIC host also pulls the
/// states that trust it enough to attend.
pub fn update(p: &NormParams, w: &World, j: Sid, promoters: &[Promoter]) -> f64 {
    let me = w.states[j as usize].p.vars.norms;
    let mut delta = 0.0;
    for q in promoters.iter().filter(|q| q.id != j) {
        let trust = w.rel.trust(j, q.id);
        let attends = trust >= p.wic_trust;
        let pw = q.other + if attends { q.wic } else { 0.0 };
        delta += p.pull * pw * trust * (w.states[q.id as usize].p.vars.norms - me);
    }
    let home = 1.0 - w.states[j as usize].p.vars.culture;
    delta += p.anchor * (home - me);
    (me + delta.clamp(-0.1, 0.1)).clamp(0.0, 1.0)
}

/// States attending a World Internet Conference this tick (trust in a hosting promoter).
pub fn wic_participants(p: &NormParams, w: &World, promoters: &[Promoter]) -> usize {
    let hosts: Vec<Sid> = promoters.iter().filter(|q| q.wic > 0.0).map(|q| q.id).collect();
    (0..w.len() as Sid).filter(|&j| hosts.iter().any(|&q| q != j && w.rel.trust(j, q) >= p.wic_trust)).count()
}

/// Decide phase: the partner `i` proposes an agreement to, if any.
pub fn choose_agreement(i: Sid, w: &World, ctx: &Context, p: &NormParams, rng: &mut impl Rng) -> Option<Sid> {
    let s = ctx.share(i, Lever::Agreements);
    if s <= 0.0 || !rng.chance(p.agreement_rate * s * N_LEVERS as f64 / 2.0) {
        return None;
    }
    w.rel
        .of(i)
        .iter()
        .filter(|r| !r.agreement && r.trust >= p.agreement_trust)
        .max_by(|a, b| a.trust.total_cmp(&b.trust).then(b.other.cmp(&a.other)))
        .map(|r| r.other)
}

/// Resolve phase: conclude the proposal if the partner trusts the proposer enough.
pub fn conclude(i: Sid, j: Sid, w: &mut World, p: &Params, rec: &mut Recorder) {
    if w.rel.trust(j, i) < p.norms.agreement_trust {
        return;
    }
    for (x, y) in [(i, j), (j, i)] {
        if let Some(r) = w.rel.get_mut(x, y) {
            r.agreement = true;
        }
    }
    rec.tally.agreements += 1;
    let tick = w.tick;
    rec.event(|| Event::new(tick, EventKind::Agreement, i, Some(j)));
    vendors::on_agreement(&p.vendor, i, j, w, rec);
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
