//! 001 Table 4 #2 — difficulty gaining international trust (political and ideological
//! gaps with some Western states; stagnation of joint cooperation mechanisms) and
//! Table 4 #8 — cultural and social gaps (different norms on privacy, free speech and
//! human rights). With 002's regional pacts (SCO, BRICS) and bilateral ties, which build
//! trust through shared institutions and agreements.
//!
//! Mechanism: trust of i in j reverts each month toward a target level: a base, minus the
//! culture gap |culture_i - culture_j|, minus j's trust deficit and i's hostility to j,
//! plus j's soft power as seen through i's filter, j's image work (public diplomacy,
//! common rules, training of neighbours, courting allies), alliance co-membership, an agreement in force,
//! mutual Data Security Initiative pledges, shared institutions, a pledged vendor; minus a
//! penalty while j sanctions i. Shocks (attributed operations, protests, violations) move
//! trust directly elsewhere; grievance fades here. Before tick 1, trust the scenario does
//! not give starts at its target level; trust it gives keeps its difference to the target
//! as the pair's history, part of the target ever after, so the initial world is a steady
//! state. Image work counts by its change from the reference effort, as a share of the
//! state's reference total effort (see [`appeal`]).

use crate::core::par;
use crate::core::params::Nothing;
use crate::core::Sid;
use crate::model::levers::{Effort, N_LEVERS};
use crate::model::world::{Relation, State, World, pledge};
use crate::model::{Act, Facts, Mechanism, Metric, Model, Params, Phase, StateMetric, alliances, governance, institutions, public_diplomacy, sanctions, training, vendors};
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
        #[doc = "Trust target gained at trust.full_institutions or more shared institutions (UN, ITU, ECO, SCO, BRICS, EU...)."]
        institution_bonus: Real = 0.1, [0.0, 1.0], "index", "002 regional pacts SCO, BRICS; 001 Table 5 #4 (assumption on magnitude)";
        #[doc = "Shared institutions that give the full institution bonus (fewer give a proportional part)."]
        full_institutions: Int = 4, [1, 9], "institutions", "assumption";
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
    /// Extra terms for states of its own region: regional media, common rules, training,
    /// courting neighbours as allies.
    pub regional: f64,
    /// Extra terms for states outside its region: courting great powers as allies.
    pub outside: f64,
}

/// The appeal of `s` given its lever efforts this tick and in the reference world. Image
/// work (public diplomacy, common rules, training of neighbours, courting allies) counts by
/// its change from the reference effort, as a share of the state's reference total effort:
/// the reference world is a steady state, and moving a tenth of one's budget to regional
/// media buys the same trust in a small state as in a large one (what neighbours notice is
/// the shift of attention, 001 Table 5 #8; assumption).
pub fn appeal(p: &Params, s: &State, effort: &Effort, reference: &Effort) -> Appeal {
    let tp = &p.trust;
    let pd = &p.public_diplomacy;
    let scale = 1.0 / reference.iter().sum::<f64>().max(1e-9);
    let delta = |f: &dyn Fn(&Effort) -> f64| (f(effort) - f(reference)) * scale;
    Appeal {
        soft: tp.soft_power_weight * s.p.vars.soft_power,
        global: delta(&|e| public_diplomacy::image(pd, e, false)) - tp.deficit_weight * s.p.vars.trust_deficit,
        regional: delta(&|e| public_diplomacy::image(pd, e, true) - public_diplomacy::image(pd, e, false))
            + delta(&|e| governance::regional_rules(&p.governance, e, true))
            + delta(&|e| training::goodwill(&p.training, e, true))
            + delta(&|e| alliances::courtship(&p.alliances, e, true)),
        outside: delta(&|e| alliances::courtship(&p.alliances, e, false)),
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
    pub region: u32,
    /// Pledges (bits).
    pub pledges: u8,
    /// Home state of its vendor.
    pub supplier: Option<Sid>,
    /// Its alliance bits ([`State::alliance_bits`]).
    pub alliance_bits: u64,
}

/// The peer view of `s`, with its effective filtering and its lever efforts now and at the
/// start.
pub fn peer(p: &Params, s: &State, filter: f64, effort: &Effort, initial: &Effort) -> Peer {
    Peer {
        culture: s.p.vars.culture,
        filter,
        appeal: appeal(p, s, effort, initial),
        institutions: s.institutions,
        region: s.region,
        pledges: s.pledges,
        supplier: s.supplier,
        alliance_bits: s.alliance_bits(),
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

/// Set bits of each byte value: the default x86-64 target has no popcount instruction,
/// and this count runs on every relation every month.
const BITS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = (i as u8).count_ones() as u8;
        i += 1;
    }
    t
};

/// Number of institutions in `shared` (`u16::count_ones` by table).
#[inline(always)]
fn shared_count(shared: u16) -> u8 {
    BITS[usize::from(shared & 0xff)] + BITS[usize::from(shared >> 8)]
}

/// The level trust of `me` in `them` reverts to.
#[inline(always)]
pub fn target(p: &Params, rel: &Relation, x: &Pair) -> f64 {
    let tp = &p.trust;
    let (me, them) = (x.me, x.them);
    let full = tp.full_institutions.max(1.0);
    let shared = f64::from(shared_count(me.institutions & them.institutions)).min(full) / full;
    let mut t = tp.base - tp.culture_gap * (me.culture - them.culture).abs() - tp.hostility_weight * rel.hostility()
        + them.appeal.soft * (1.0 - me.filter)
        + them.appeal.global
        + tp.institution_bonus * shared;
    let near = me.region == them.region || me.institutions & them.institutions & institutions::NEIGHBOURHOOD_MASK != 0;
    t += if near { them.appeal.regional } else { them.appeal.outside };
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
        t += vendors::pledge_trust(&p.vendors, them.pledges);
    }
    (t + rel.history).clamp(0.0, 1.0)
}

/// Whether two states share an alliance (each belongs to a handful at most).
pub fn allied(a: &State, b: &State) -> bool {
    a.alliances.iter().any(|k| b.alliances.binary_search(k).is_ok())
}

/// Trust targets of every relation in `w`, given each state's peer view, applied by `f`.
fn each_pair(
    p: &Params,
    w: &mut World,
    peers: &[Peer],
    sanctioners: &[(Sid, Sid)],
    f: impl Fn(&Params, &mut Relation, &Pair) + Sync + Send,
) {
    let World { states, rel, .. } = w;
    let mut rows = rel.rows_mut();
    par::for_each_mut(&mut rows, 64, |i, row| {
        let me = &states[i];
        // rows are sorted by `other`, and so are my sanctioners: walk both together
        let mut senders = sanctions::senders_of(sanctioners, i as Sid).peekable();
        for r in row.iter_mut() {
            let j = r.other as usize;
            while senders.next_if(|&s| s < r.other).is_some() {}
            let pair = Pair {
                me: &peers[i],
                them: &peers[j],
                allied: peers[i].alliance_bits & peers[j].alliance_bits != 0 && allied(me, &states[j]),
                sanctions_me: senders.peek() == Some(&r.other),
            };
            f(p, r, &pair);
        }
    });
}

fn mean_trust_in(x: &Facts, i: Sid, near: bool) -> f64 {
    let me = &x.w.states[i as usize];
    let (mut s, mut n) = (0.0, 0.0);
    for r in x.w.rel.of(i) {
        if near && !institutions::neighbours(&x.w.states[r.other as usize], me) {
            continue;
        }
        if let Some(back) = x.w.rel.get(r.other, i) {
            s += back.trust;
            n += 1.0;
        }
    }
    if n > 0.0 { s / n } else { 0.0 }
}

/// The mechanism.
pub struct Trust;

impl Mechanism for Trust {
    const SOURCE: &'static str = "001 Table 4 #2 difficulty gaining international trust; #8 cultural and social gaps; 002 regional pacts and bilateral ties";
    const PHASES: &'static [Phase] = &[Phase::Init, Phase::UpdateWorld];
    const METRICS: &'static [Metric] = &[Metric {
        name: "mean_trust",
        unit: "index 0-1",
        doc: "Mean trust over all related pairs",
        f: |x| x.w.rel.of_all().map(|r| r.trust).sum::<f64>() / x.w.rel.len().max(1) as f64,
    }];
    const STATE_METRICS: &'static [StateMetric] = &[
        StateMetric {
            name: "trust_received",
            unit: "index 0-1",
            doc: "Mean trust related states place in this state",
            f: |x, i| mean_trust_in(x, i, false),
        },
        StateMetric {
            name: "regional_trust_received",
            unit: "index 0-1",
            doc: "Mean trust its related neighbours (same region or a body of neighbouring states: ECO, EU, GCC) place in this state (0 if none)",
            f: |x, i| mean_trust_in(x, i, true),
        },
    ];
    type Params = TrustParams;
    type Keys = Nothing;
    type Snapshot = ();
    type Decision = ();
    type Tally = ();

    fn tally(_n: usize) {}

    /// Trust the scenario does not give (negative) starts at its target level; trust it
    /// gives keeps the difference to the target as the relation's history.
    fn init(m: &Model, w: &mut World) {
        let p = &m.params;
        let zero = [0.0; N_LEVERS];
        let filter = |s: &State| crate::model::filtering::effective(&p.filtering, s.p.vars.filtering, s.p.vars.satellite);
        let peers: Vec<Peer> = w.states.iter().map(|s| peer(p, s, filter(s), &zero, &zero)).collect();
        let mut sanctioners: Vec<(Sid, Sid)> =
            w.sanctions.iter().filter(|s| s.active).flat_map(|s| s.senders.iter().map(move |&k| (s.target, k))).collect();
        sanctioners.sort_unstable();
        sanctioners.dedup();
        each_pair(p, w, &peers, &sanctioners, |p, r, pair| {
            r.history = 0.0;
            let goal = target(p, r, pair);
            if r.trust < 0.0 {
                r.trust = goal;
            } else {
                r.history = r.trust - goal;
            }
        });
    }

    /// Every relation's trust moves toward its target; grievance fades.
    fn update_world(x: &mut Act) {
        let p = &x.m.params;
        let mut peers: Vec<Peer> = Vec::with_capacity(x.w.len());
        let (w, ctx, decisions, m) = (&*x.w, x.ctx, x.decisions, x.m);
        par::map_into(
            w.len(),
            64,
            |i| peer(p, &w.states[i], ctx.filtering.of[i], &decisions[i].levers, &m.reference_effort[i]),
            &mut peers,
        );
        each_pair(p, x.w, &peers, &ctx.sanctions.sanctioners, |p, r, pair| {
            let goal = target(p, r, pair);
            r.trust = (r.trust + p.trust.reversion * (goal - r.trust)).clamp(0.0, 1.0);
            r.grievance *= 1.0 - p.trust.grievance_decay;
        });
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_table_counts_every_institution_set_as_count_ones() {
        for x in 0..=u16::MAX {
            assert_eq!(u32::from(super::shared_count(x)), x.count_ones(), "{x:#06x}");
        }
    }
}
