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

use crate::engine::record::{Event, EventKind, Recorder};
use crate::engine::rng::{Draw, Purpose, RunKey};
use crate::engine::world::{Sid, World, pledge};
use crate::param_group;

param_group! {
    /// Vendors and supplier links (003; 002 foreign vendors).
    pub struct VendorParams in "vendor." {
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
        backdoor_penalty: Real = 0.3, [0.0, 1.0], "index", "003 backdoors and spyware (assumption on magnitude)";
        #[doc = "Trust-target bonus of a client toward a supplier that pledged no backdoors."]
        pledge_trust: Real = 0.1, [0.0, 1.0], "index", "003 Huawei states it installs no backdoors (assumption on magnitude)";
        #[doc = "Indigenous capability a proposer needs for its vendors to follow an agreement."]
        vendor_capability: Real = 0.5, [0.0, 1.0], "index", "000 economic influence through cyber diplomacy (assumption on magnitude)";
    }
}

/// Trust-target bonus of a client toward its supplier, given the supplier's pledges.
pub fn pledge_trust(p: &VendorParams, supplier_pledges: u8) -> f64 {
    if supplier_pledges & pledge::NO_BACKDOORS != 0 { p.pledge_trust } else { 0.0 }
}

/// An attributed supply-chain operation by the supplier costs it the client's trust.
pub fn on_backdoor(p: &VendorParams, client: Sid, supplier: Sid, w: &mut World) {
    if w.states[client as usize].supplier == Some(supplier) {
        if let Some(r) = w.rel.get_mut(client, supplier) {
            r.trust = (r.trust - p.backdoor_penalty).max(0.0);
        }
    }
}

/// Resolve phase: pressure campaigns erode vendor trust; low trust leads to switching.
pub fn pressure(p: &VendorParams, w: &mut World, key: &RunKey, rec: &mut Recorder) {
    let tick = w.tick;
    for c in 0..w.len() as Sid {
        let Some(v) = w.states[c as usize].supplier else {
            continue;
        };
        let mut erosion = 0.0;
        let mut best: Option<(f64, Sid)> = None;
        for r in w.rel.of(c) {
            let q = r.other;
            let intensity = w.states[q as usize].p.vars.vendor_pressure;
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
        let mut rng = key.stream(c as u64, tick as u64, Purpose::Diplomacy, 1);
        if let Some((_, q)) = best.filter(|_| rng.chance(p.switch_rate)) {
            switch(c, q, p, w, rec, false);
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
    rec.tally.vendor_switches += 1;
    rec.event(|| Event {
        injected,
        detail: from.map_or_else(String::new, |f| format!("from={f}")),
        ..Event::new(tick, EventKind::VendorSwitch, c, Some(to))
    });
}

/// After an agreement between `proposer` and `partner`: a partner without a vendor takes
/// the proposer's, if the proposer has the technology.
pub fn on_agreement(p: &VendorParams, proposer: Sid, partner: Sid, w: &mut World, rec: &mut Recorder) {
    let capable = w.states[proposer as usize].p.vars.indigenous >= p.vendor_capability;
    if capable && w.states[partner as usize].supplier.is_none() {
        w.states[partner as usize].supplier = Some(proposer);
        let tick = w.tick;
        rec.tally.vendor_switches += 1;
        rec.event(|| Event {
            detail: "agreement".into(),
            ..Event::new(tick, EventKind::VendorSwitch, partner, Some(proposer))
        });
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
