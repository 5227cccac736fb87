//! 001 Table 4 #2 — difficulty gaining international trust (political and ideological
//! gaps with some Western states; stagnation of joint cooperation mechanisms) and
//! Table 4 #8 — cultural and social gaps (different norms on privacy, free speech and
//! human rights). With 002's regional pacts (SCO, BRICS) and bilateral ties, which build
//! trust through shared institutions and agreements.
//!
//! Mechanism: trust of i in j reverts each month toward a target level: a base, minus the
//! culture gap |culture_i - culture_j|, minus j's trust deficit and i's hostility to j,
//! plus j's soft power as seen through i's filter, j's image work (public diplomacy,
//! common rules, training of neighbours), alliance co-membership, an agreement in force,
//! mutual Data Security Initiative pledges, shared institutions, a pledged vendor; minus a
//! penalty while j sanctions i. Shocks (attributed operations, protests, violations) move
//! trust directly elsewhere; grievance fades here.

use crate::engine::world::{Relation, State, pledge};
use crate::model::doctrine::N_LEVERS;
use crate::model::{Params, governance, public_diplomacy, responses, training, vendors};
use crate::param_group;

param_group! {
    /// Trust formation (001 Table 4 #2, #8; 002 regional pacts and bilateral ties).
    pub struct TrustParams in "trust." {
        #[doc = "Trust target between two states with nothing for or against them."]
        base: Real = 0.45, [0.0, 1.0], "index", "assumption";
        #[doc = "Trust target lost per unit of culture gap (privacy, speech, human rights)."]
        culture_gap: Real = 0.35, [0.0, 1.0], "per unit gap", "001 Table 4 #8 cultural and social gaps (assumption on magnitude)";
        #[doc = "Trust target lost per unit of the other's trust deficit."]
        deficit_weight: Real = 0.4, [0.0, 1.0], "per unit", "001 Table 4 #2 political and ideological gaps (assumption on magnitude)";
        #[doc = "Trust target lost per unit of hostility."]
        hostility_weight: Real = 0.5, [0.0, 1.0], "per unit", "assumption";
        #[doc = "Trust target gained per unit of the other's soft power (seen through one's filter)."]
        soft_power_weight: Real = 0.25, [0.0, 1.0], "per unit", "001 Table 5 #2 soft power (assumption on magnitude)";
        #[doc = "Trust target gained by sharing an alliance."]
        alliance_bonus: Real = 0.15, [0.0, 1.0], "index", "001 Table 5 #1 (assumption on magnitude)";
        #[doc = "Trust target gained by an intergovernmental agreement in force."]
        agreement_bonus: Real = 0.1, [0.0, 1.0], "index", "000 intergovernmental agreements; 002 bilateral ties (assumption on magnitude)";
        #[doc = "Trust target gained when both hold all Data Security Initiative pledges."]
        pledge_bonus: Real = 0.08, [0.0, 1.0], "index", "003 mutual trust (assumption on magnitude)";
        #[doc = "Trust target gained at four or more shared institutions (UN, ITU, ECO, SCO, BRICS, EU...)."]
        institution_bonus: Real = 0.1, [0.0, 1.0], "index", "002 regional pacts SCO, BRICS; 001 Table 5 #4 (assumption on magnitude)";
        #[doc = "Trust target lost toward a state that sanctions one."]
        sanction_penalty: Real = 0.2, [0.0, 1.0], "index", "001 Table 4 #1-2 (assumption on magnitude)";
        #[doc = "Monthly share of the gap to the target that trust closes."]
        reversion: Real = 0.03, [0.0, 1.0], "per month", "assumption";
        #[doc = "Monthly share of grievance that fades."]
        grievance_decay: Real = 0.03, [0.0, 1.0], "per month", "assumption";
    }
}

/// What a state offers every other state's trust this tick, computed once per state.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Appeal {
    /// Soft-power term (seen through the truster's filter).
    pub soft: f64,
    /// Terms every state sees: trust deficit, global public diplomacy.
    pub global: f64,
    /// Extra terms for states of its own region: regional media, common rules, training.
    pub regional: f64,
}

/// The appeal of `s` given its lever efforts this tick.
pub fn appeal(p: &Params, s: &State, effort: &[f64; N_LEVERS]) -> Appeal {
    let tp = &p.trust;
    Appeal {
        soft: tp.soft_power_weight * s.p.vars.soft_power,
        global: public_diplomacy::image(&p.public_diplomacy, effort, false)
            - tp.deficit_weight * s.p.vars.trust_deficit,
        regional: public_diplomacy::image(&p.public_diplomacy, effort, true)
            - public_diplomacy::image(&p.public_diplomacy, effort, false)
            + governance::regional_rules(&p.governance, effort, true)
            + training::goodwill(&p.training, effort, true),
    }
}

/// What a trust target reads about one state, gathered once per tick (compact, so the
/// loop over every relation stays in cache).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Peer {
    /// Position on privacy, speech, human rights.
    pub culture: f64,
    /// Effective filtering.
    pub filter: f64,
    /// Its appeal to others this tick.
    pub appeal: Appeal,
    /// Institutions (bits).
    pub institutions: u16,
    /// Region.
    pub region: u16,
    /// Pledges (bits).
    pub pledges: u8,
    /// Home state of its vendor.
    pub supplier: Option<u32>,
}

/// The peer view of `s`, with its effective filtering and this tick's lever efforts.
pub fn peer(p: &Params, s: &State, filter: f64, effort: &[f64; N_LEVERS]) -> Peer {
    Peer {
        culture: s.p.vars.culture,
        filter,
        appeal: appeal(p, s, effort),
        institutions: s.institutions,
        region: s.region,
        pledges: s.pledges,
        supplier: s.supplier,
    }
}

/// The pair-specific facts a trust target needs.
#[derive(Clone, Copy, Debug)]
pub struct Pair<'a> {
    /// The state doing the trusting.
    pub me: &'a Peer,
    /// The state trusted.
    pub them: &'a Peer,
    /// Whether they share an alliance.
    pub allied: bool,
    /// Whether they sanction me.
    pub sanctions_me: bool,
}

/// The level trust of `me` in `them` reverts to.
pub fn target(p: &Params, rel: &Relation, x: &Pair) -> f64 {
    let tp = &p.trust;
    let (me, them) = (x.me, x.them);
    let shared = f64::from((me.institutions & them.institutions).count_ones()).min(4.0) / 4.0;
    let mut t = tp.base - tp.culture_gap * (me.culture - them.culture).abs() - tp.hostility_weight * rel.hostility()
        + them.appeal.soft * (1.0 - me.filter)
        + them.appeal.global
        + tp.institution_bonus * shared;
    if me.region == them.region {
        t += them.appeal.regional;
    }
    if x.allied {
        t += tp.alliance_bonus;
    }
    if rel.agreement {
        t += tp.agreement_bonus;
    }
    if me.pledges == pledge::ALL && them.pledges == pledge::ALL {
        t += tp.pledge_bonus;
    }
    if x.sanctions_me {
        t -= tp.sanction_penalty;
    }
    if me.supplier == Some(rel.other) {
        t += vendors::pledge_trust(&p.vendor, them.pledges);
    }
    t.clamp(0.0, 1.0)
}

/// Update phase for one directed relation.
pub fn update(p: &Params, rel: &mut Relation, x: &Pair, tick: u32) {
    let goal = target(p, rel, x);
    rel.trust = (rel.trust + p.trust.reversion * (goal - rel.trust)).clamp(0.0, 1.0);
    rel.grievance *= 1.0 - p.trust.grievance_decay;
    responses::cool_down(&p.escalation, tick, &mut rel.escalation);
}

/// Whether two states share an alliance (each belongs to a handful at most).
pub fn allied(a: &State, b: &State) -> bool {
    a.alliances.iter().any(|k| b.alliances.binary_search(k).is_ok())
}
