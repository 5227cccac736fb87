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

use crate::engine::context::Context;
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

/// Inputs that trust targets read about the other state.
pub struct Seen<'a> {
    /// The state doing the trusting.
    pub me: &'a State,
    /// The state trusted.
    pub them: &'a State,
    /// Whether they share an alliance.
    pub allied: bool,
    /// Whether they sanction me.
    pub sanctions_me: bool,
    /// My effective filtering.
    pub my_filter: f64,
    /// Their lever efforts this tick.
    pub their_effort: &'a [f64; N_LEVERS],
}

/// The level trust of `me` in `them` reverts to.
pub fn target(p: &Params, rel: &Relation, s: &Seen) -> f64 {
    let tp = &p.trust;
    let (me, them) = (&s.me.p.vars, &s.them.p.vars);
    let same_region = s.me.region == s.them.region;
    let shared = f64::from((s.me.institutions & s.them.institutions).count_ones()).min(4.0) / 4.0;
    let mutual_pledges = s.me.pledges == pledge::ALL && s.them.pledges == pledge::ALL;
    let mut x = tp.base
        - tp.culture_gap * (me.culture - them.culture).abs()
        - tp.deficit_weight * them.trust_deficit
        - tp.hostility_weight * rel.hostility()
        + tp.soft_power_weight * them.soft_power * (1.0 - s.my_filter)
        + public_diplomacy::image(&p.public_diplomacy, s.their_effort, same_region)
        + governance::regional_rules(&p.governance, s.their_effort, same_region)
        + training::goodwill(&p.training, s.their_effort, same_region)
        + tp.institution_bonus * shared;
    if s.allied {
        x += tp.alliance_bonus;
    }
    if rel.agreement {
        x += tp.agreement_bonus;
    }
    if mutual_pledges {
        x += tp.pledge_bonus;
    }
    if s.sanctions_me {
        x -= tp.sanction_penalty;
    }
    if s.me.supplier == Some(rel.other) {
        x += vendors::pledge_trust(&p.vendor, s.them.pledges);
    }
    x.clamp(0.0, 1.0)
}

/// Update phase for one directed relation.
pub fn update(p: &Params, rel: &mut Relation, s: &Seen, tick: u32) {
    let goal = target(p, rel, s);
    rel.trust = (rel.trust + p.trust.reversion * (goal - rel.trust)).clamp(0.0, 1.0);
    rel.grievance *= 1.0 - p.trust.grievance_decay;
    responses::cool_down(&p.escalation, tick, &mut rel.escalation);
}

/// Seen-from-`i` inputs for relation `rel`.
pub fn seen<'a>(
    states: &'a [State],
    ctx: &Context,
    i: usize,
    rel: &Relation,
    their_effort: &'a [f64; N_LEVERS],
) -> Seen<'a> {
    let j = rel.other as usize;
    let (me, them) = (&states[i], &states[j]);
    Seen {
        me,
        them,
        allied: me.alliances.iter().any(|a| them.alliances.binary_search(a).is_ok()),
        sanctions_me: ctx.sanctions(rel.other, i as u32),
        my_filter: ctx.filter[i],
        their_effort,
    }
}
