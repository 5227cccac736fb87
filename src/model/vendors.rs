//! 003 — vendor trust and supplier links (Huawei operates in more than 170 countries and
//! states it installs no backdoors), and the opposing unilateral pressure campaign: the US
//! persuading states not to deal with leading Chinese tech firms. With 002's foreign
//! vendors selling into a country through cyberspace.
//!
//! Mechanism: each state may depend on one foreign vendor home state (its supplier). The
//! client's trust in the supplier is its vendor trust: a supplier that pledged no
//! backdoors earns a trust bonus (see `trust`); an attributed supply-chain operation costs
//! it dearly. A state running a pressure campaign erodes the vendor trust of its rivals'
//! clients, in proportion to how much those clients trust the campaigner; a client whose
//! vendor trust falls low switches supplier to the campaigner, losing some technology
//! access in the switch. Agreements (000) bring the proposer's vendors to clients without
//! one.

use crate::core::Sid;
use crate::core::params::Nothing;
use crate::core::rng::{Draw, Purpose};
use crate::model::attacks::{AttackType, Op};
use crate::model::record::{Event, EventKind, Recorder};
use crate::model::world::{World, pledge};
use crate::model::{Act, Mechanism, Metric, Phase, StateMetric};
use crate::param_group;

param_group! {
    /// Vendors and supplier links (003; 002 foreign vendors).
    pub struct VendorParams in "vendors." {
        #[doc = "Monthly vendor-trust loss of a client per unit of campaign intensity and of its trust in the campaigner."]
        pressure_rate: Real = 0.03, [0.0, 1.0], "per month", "003 US pressure on Chinese tech firms (assumption on magnitude)";
        #[doc = "Hostility between campaigner and vendor home state needed for a campaign to target it."]
        rivalry_min: Real = 0.3, [0.0, 1.0], "index", "assumption";
        #[doc = "Vendor trust below which a client may switch supplier."]
        switch_trust: Real = 0.3, [0.0, 1.0], "index", "assumption";
        #[doc = "Monthly chance a client below the switch threshold switches."]
        switch_rate: Real = 0.1, [0.0, 1.0], "per month", "assumption";
        #[doc = "Technology access lost when switching supplier."]
        switch_cost: Real = 0.1, [0.0, 1.0], "index", "003 unilateral policies harm innovation (assumption on magnitude)";
        #[doc = "Extra trust a client loses in its supplier after an attributed supply-chain operation."]
        backdoor_penalty: Real = 0.1, [0.0, 1.0], "index", "003 backdoors and spyware (assumption on magnitude)";
        #[doc = "Trust-target bonus of a client toward a supplier that pledged no backdoors."]
        pledge_trust: Real = 0.1, [0.0, 1.0], "index", "003 Huawei states it installs no backdoors (assumption on magnitude)";
        #[doc = "Indigenous capability a proposer needs for its vendors to follow an agreement."]
        vendor_capability: Real = 0.5, [0.0, 1.0], "index", "000 economic influence through cyber diplomacy (assumption on magnitude)";
    }
}

/// Resolve: whether a client whose vendor trust has fallen switches supplier (a stream
/// per client and tick).
pub const SWITCH: Purpose = Purpose::stream("vendors.switch");

/// A client changed or dropped its vendor.
pub const SWITCHED: EventKind = EventKind {
    name: "vendor_switch",
    doc: "A client changed its foreign vendor (target: new vendor's home state; detail: from=old, agreement, or ban)",
};

/// Trust-target bonus of a client toward its supplier, given the supplier's pledges.
pub fn pledge_trust(p: &VendorParams, supplier_pledges: u8) -> f64 {
    if supplier_pledges & pledge::NO_BACKDOORS != 0 { p.pledge_trust } else { 0.0 }
}

/// Pressure campaigns erode vendor trust; low trust leads to switching.
fn pressure(x: &mut Act) {
    let p = &x.m.params.vendors;
    let (w, key) = (&mut *x.w, x.key);
    let tick = w.tick;
    // when nobody presses, no client's trust erodes and nothing is drawn: skip the scan
    // of every client's relations (synthetic worlds)
    if w.states.iter().all(|s| s.p.vars.vendor_pressure <= 0.0) {
        return;
    }
    // who presses, read once into a compact array rather than from a state's record for
    // every relation
    let pressing: Vec<f64> = w.states.iter().map(|s| s.p.vars.vendor_pressure).collect();
    for c in 0..w.len() as Sid {
        let Some(v) = w.states[c as usize].supplier else {
            continue;
        };
        let mut erosion = 0.0;
        let mut best: Option<(f64, Sid)> = None;
        for r in w.rel.of(c) {
            let q = r.other;
            let intensity = pressing[q as usize];
            if q == v || intensity <= 0.0 {
                continue;
            }
            let hostile = w.rel.get(q, v).is_some_and(|x| x.hostility() >= p.rivalry_min);
            if hostile {
                erosion += p.pressure_rate * intensity * r.trust;
                if best.is_none_or(|(t, _)| r.trust > t) {
                    best = Some((r.trust, q));
                }
            }
        }
        if erosion <= 0.0 {
            continue;
        }
        let Some(rel) = w.rel.get_mut(c, v) else {
            continue;
        };
        rel.trust = (rel.trust - erosion).max(0.0);
        if rel.trust >= p.switch_trust {
            continue;
        }
        let mut rng = key.lazy(u64::from(c), u64::from(tick), &SWITCH, 0);
        if let Some((_, q)) = best.filter(|_| rng.chance(p.switch_rate)) {
            switch(c, q, p, w, x.rec, false);
        }
    }
}

/// Client `c` switches its supplier to `to`.
pub fn switch(c: Sid, to: Sid, p: &VendorParams, w: &mut World, rec: &mut Recorder, injected: bool) {
    let tick = w.tick;
    let s = &mut w.states[c as usize];
    let from = s.supplier;
    if from == Some(to) || c == to {
        return;
    }
    s.supplier = Some(to);
    s.p.vars.tech_access = (s.p.vars.tech_access - p.switch_cost).max(0.0);
    rec.tally.vendors += 1;
    rec.event(|| Event {
        injected,
        detail: from.map_or_else(String::new, |f| format!("from={f}")),
        ..Event::new(tick, SWITCHED, c, Some(to))
    });
}

/// Client `c` drops its vendor `vendor` without a replacement (a ban).
pub fn ban(c: Sid, vendor: Sid, p: &VendorParams, w: &mut World, rec: &mut Recorder) {
    let tick = w.tick;
    let s = &mut w.states[c as usize];
    if s.supplier != Some(vendor) {
        return;
    }
    s.supplier = None;
    s.p.vars.tech_access = (s.p.vars.tech_access - p.switch_cost).max(0.0);
    rec.tally.vendors += 1;
    rec.event(|| Event { injected: true, detail: "ban".into(), ..Event::new(tick, SWITCHED, c, Some(vendor)) });
}

/// After an agreement between `proposer` and `partner`: a partner without a vendor takes
/// the proposer's, if the proposer has the technology.
pub fn on_agreement(p: &VendorParams, proposer: Sid, partner: Sid, w: &mut World, rec: &mut Recorder) {
    let capable = w.states[proposer as usize].p.vars.indigenous >= p.vendor_capability;
    if capable && w.states[partner as usize].supplier.is_none() {
        w.states[partner as usize].supplier = Some(proposer);
        let tick = w.tick;
        rec.tally.vendors += 1;
        rec.event(|| Event { detail: "agreement".into(), ..Event::new(tick, SWITCHED, partner, Some(proposer)) });
    }
}

fn vendor_leader_share(w: &World) -> f64 {
    let mut counts = vec![0u32; w.len()];
    for s in &w.states {
        if let Some(v) = s.supplier {
            counts[v as usize] += 1;
        }
    }
    f64::from(counts.into_iter().max().unwrap_or(0)) / w.len().max(1) as f64
}

/// The mechanism.
pub struct Vendors;

impl Mechanism for Vendors {
    const SOURCE: &'static str = "003 vendor trust (Huawei in 170+ countries, no backdoors) and the US pressure campaign; 002 foreign vendors";
    const PHASES: &'static [Phase] = &[Phase::Resolve, Phase::OnAttributed];
    const PURPOSES: &'static [Purpose] = &[SWITCH];
    const EVENTS: &'static [EventKind] = &[SWITCHED];
    const METRICS: &'static [Metric] = &[
        Metric {
            name: "vendor_switches",
            unit: "switches",
            doc: "Clients that changed (or dropped) their foreign vendor",
            f: |x| f64::from(x.t.vendors),
        },
        Metric {
            name: "vendor_leader_share",
            unit: "share",
            doc: "Share of states supplied by the most widespread vendor home state",
            f: |x| vendor_leader_share(x.w),
        },
    ];
    const STATE_METRICS: &'static [StateMetric] = &[StateMetric {
        name: "vendor_clients",
        unit: "states",
        doc: "States whose dominant foreign vendor is based in this state (003)",
        f: |x, i| x.w.states.iter().filter(|s| s.supplier == Some(i)).count() as f64,
    }];
    type Params = VendorParams;
    type Keys = Nothing;
    type Snapshot = ();
    type Decision = ();
    /// Vendor switches.
    type Tally = u32;

    fn tally(_n: usize) -> u32 {
        0
    }

    fn resolve(x: &mut Act) {
        pressure(x);
    }

    /// An attributed supply-chain operation by the supplier costs it the client's trust.
    fn on_attributed(op: &Op, x: &mut Act) {
        if op.kind != AttackType::SupplyChain || x.w.states[op.target as usize].supplier != Some(op.actor) {
            return;
        }
        let penalty = x.m.params.vendors.backdoor_penalty;
        if let Some(r) = x.w.rel.get_mut(op.target, op.actor) {
            r.trust = (r.trust - penalty).max(0.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_no_backdoors_pledge_earns_vendor_trust() {
        let p = VendorParams::default();
        assert!(pledge_trust(&p, pledge::NO_BACKDOORS) > 0.0);
        assert_eq!(pledge_trust(&p, pledge::NO_DATA_THEFT), 0.0);
    }
}
