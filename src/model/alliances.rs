//! 001 Table 5 #1 — cyber alliances. Regional: alliances with neighbours (Iraq, Pakistan,
//! Turkey for Iran). Global: cooperation with great powers (China and Russia) for a
//! multipolar order. With 001's international-cooperation component: information sharing,
//! joint training and coordinated action in crises.
//!
//! Mechanism: states seek partners with a propensity set by their alliance levers, raised
//! by sanction pressure (sanctions push states into alliances). Candidates are trusted
//! states, scored by trust, shared threats and the lever's focus (neighbours for the
//! regional lever, large economies for the global one). An alliance forms or grows only by
//! consent: a proposal is taken up if the partner proposed too, or trusts the proposer and
//! accepts (with a chance set by its own alliance levers); a newcomer joins an existing alliance only if
//! every member trusts it enough (accession by unanimity) and, for a regional alliance,
//! it comes from a region already represented (NATO does not admit Japan; Japan and the US
//! found a pact of their own). Allies pool defence, share intelligence and deter together
//! (an attack on one risks the response of all: the launch chance against a member falls
//! with the alliance's cohesion and the members' deterrence) in proportion to cohesion.
//! Cohesion grows with joint-defence effort (001 Table 5 #5 regional) and when members are
//! attacked from outside, falls when a member attacks another, and decays; an alliance of
//! the scenario starts at the steady state of its members' initial joint effort. Members
//! leave with a chance that grows as cohesion and trust fall; weak alliances dissolve.

use crate::core::Sid;
use crate::core::params::Nothing;
use crate::core::rng::{Draw, Purpose, Slots};
use crate::model::attacks::Op;
use crate::model::levers::{Effort, Lever, N_LEVERS, grow};
use crate::model::record::{Event, EventKind, Recorder};
use crate::model::world::{Alliance, State, World};
use crate::model::{Act, Context, Facts, Look, Mechanism, Metric, Model, Phase, StateMetric, institutions};
use crate::param_group;

param_group! {
    /// Cyber alliances (001 Table 5 #1).
    pub struct AllianceParams in "alliances." {
        #[doc = "Monthly chance of seeking partners, among neighbours and again beyond them, for a state with average alliance levers (x its share on the regional, resp. global, alliance lever x the number of levers)."]
        propose_rate: Real = 0.002, [0.0, 1.0], "per month", "assumption: to be calibrated on alliance formation and durability (ATOP)";
        #[doc = "Trust a state needs in a candidate partner."]
        min_trust: Real = 0.5, [0.0, 1.0], "index", "001 Table 4 #2 low trust blocks alliance formation (assumption on magnitude)";
        #[doc = "Chance a state that trusts a proposer accepts its proposal, for a state with average alliance levers (x its intent on the matching lever, at most 1)."]
        accept: Real = 0.8, [0.0, 1.0], "probability", "assumption: alliances need both sides' consent (001 Table 5 #1)";
        #[doc = "Hostility at which a third state counts as a rival whose threat partners may share."]
        rival_hostility: Real = 0.3, [0.0, 1.0], "index", "assumption";
        #[doc = "Number of partners a state lists when it seeks an alliance."]
        candidates: Int = 2, [1, 50], "states", "assumption";
        #[doc = "Trust every member must place in a newcomer for it to join (accession by unanimity)."]
        join_trust: Real = 0.7, [0.0, 1.0], "index", "assumption: NATO and EU accession need every member's consent";
        #[doc = "1: a regional alliance admits only neighbours of a member (same region or a body of neighbouring states); 0: any state its members trust."]
        regional_membership: Int = 1, [0, 1], "switch", "001 Table 5 #1 regional: alliances with neighbours (assumption on the rule)";
        #[doc = "Largest alliance size."]
        max_size: Int = 16, [2, 100000], "states", "assumption";
        #[doc = "Most alliances one state belongs to."]
        max_memberships: Int = 4, [1, 100], "alliances", "assumption";
        #[doc = "Share of allies' defence (x cohesion) pooled into a member's shield."]
        pooling: Real = 0.5, [0.0, 1.0], "share", "001 Table 5 #5 regional: joint defence frameworks (assumption on magnitude)";
        #[doc = "Detection and attribution bonus per unit of allies' defence x cohesion."]
        intel_sharing: Real = 0.2, [0.0, 1.0], "probability", "001 component 5: bilateral and multilateral information sharing (assumption on magnitude)";
        #[doc = "Share of would-be operations against a member deterred by an alliance of full cohesion whose other members have full deterrence."]
        collective_deterrence: Real = 0.5, [0.0, 1.0], "share", "001 Table 5 #5 regional: joint defence frameworks; NATO's 2014 Wales declaration that a cyber attack can invoke collective defence (assumption on magnitude)";
        #[doc = "Monthly decay of cohesion of an alliance formed during the run (those of the scenario decay at the rate that keeps their initial cohesion steady)."]
        decay: Real = 0.02, [0.0, 1.0], "per month", "assumption";
        #[doc = "Cohesion gain when a member suffers an attributed operation from outside."]
        threat_bonding: Real = 0.05, [0.0, 1.0], "index", "assumption";
        #[doc = "Cohesion lost when a member suffers an attributed operation by a fellow member."]
        betrayal: Real = 0.1, [0.0, 1.0], "index", "assumption";
        #[doc = "Monthly chance a member leaves at zero cohesion and zero trust in its fellow members (x (1 - cohesion) x (1 - mean trust))."]
        leave_rate: Real = 0.003, [0.0, 1.0], "per month", "assumption: to be calibrated on alliance durability (ATOP: about 0.2% of members leave a year)";
        #[doc = "Cohesion below which an alliance dissolves."]
        dissolve_cohesion: Real = 0.1, [0.0, 1.0], "index", "assumption";
        #[doc = "Cohesion of a newly formed alliance."]
        initial_cohesion: Real = 0.5, [0.0, 1.0], "index", "assumption";
        #[doc = "Weight of shared threats (a common rival) in choosing partners."]
        threat_weight: Real = 0.5, [0.0, 10.0], "weight", "001 Table 5 conclusion (assumption on magnitude)";
        #[doc = "Trust target gained among neighbours when regional-alliance effort rises by the state's whole reference effort (courting partners: visits, offers, joint exercises)."]
        courtship_regional: Real = 0.3, [0.0, 10.0], "per reference effort", "001 Table 5 #1 regional: alliances with neighbours (assumption on magnitude)";
        #[doc = "Trust target gained among states outside the region when global-alliance effort rises by the state's whole reference effort."]
        courtship_global: Real = 0.3, [0.0, 10.0], "per reference effort", "001 Table 5 #1 global: China and Russia (assumption on magnitude)";
        #[doc = "Weight of the lever's focus (neighbours or great powers) in choosing partners."]
        lever_focus: Real = 3.0, [0.0, 100.0], "weight", "001 Table 5 #1 regional vs global partners (assumption on magnitude)";
    }
}

/// Decide: whether a state seeks partners among its neighbours this tick (one slot).
pub const SEEK: Purpose = Purpose::slot("alliances.seek", 0);
/// Decide: whether a state seeks partners beyond its neighbours this tick (one slot).
pub const SEEK_GLOBAL: Purpose = Purpose::slot("alliances.seek_global", 10);
/// Resolve: whether a state accepts a proposal (a stream per proposer).
pub const ACCEPT: Purpose = Purpose::stream("alliances.accept");
/// Decide: whether a distrustful member leaves an alliance (a stream per alliance).
pub const LEAVE: Purpose = Purpose::stream("alliances.leave");

/// An alliance formed.
pub const FORMED: EventKind =
    EventKind { name: "alliance_formed", doc: "An alliance formed (actor and target: two founders; value: size; detail: name)" };
/// A state joined an alliance.
pub const JOINED: EventKind =
    EventKind { name: "alliance_joined", doc: "A state joined an alliance (target: a member; detail: name)" };
/// A state left an alliance.
pub const LEFT: EventKind = EventKind { name: "alliance_left", doc: "A state left an alliance (detail: name)" };
/// An alliance dissolved.
pub const DISSOLVED: EventKind =
    EventKind { name: "alliance_dissolved", doc: "An alliance dissolved: cohesion too low or fewer than two members (detail: name)" };

/// This tick's pooled defence.
#[derive(Clone, Debug, Default)]
pub struct Pooled {
    /// Defence including pooled allied defence (001 Table 5 #1, #5), by state.
    pub shield: Vec<f64>,
    /// Intelligence-sharing bonus to detection and attribution, by state.
    pub intel: Vec<f64>,
    /// Mean effective defence of each alliance's members (index = alliance).
    pub alliance_defense: Vec<f64>,
    /// Collective cover of each state: the largest cohesion x chance that a fellow member answers
    /// fellow members over its alliances (0 outside any), by state.
    pub cover: Vec<f64>,
    /// Each state's [`State::alliance_bits`] (a filter before `World::allied`).
    pub bits: Vec<u64>,
}

/// What a state decides about alliances in one tick.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Choice {
    /// Partners it would ally with (sorted; empty if not seeking).
    pub partners: Vec<Sid>,
    /// Alliances it leaves.
    pub leave: Vec<u32>,
}

/// Counters over a run.
#[derive(Clone, Debug, Default)]
pub struct AllianceTally {
    /// Alliances formed during the run.
    pub formed: u32,
    /// Alliances dissolved during the run.
    pub dissolved: u32,
    /// Members that left an alliance during the run.
    pub left: u32,
    /// Sum over ticks of each state's distinct allies.
    pub allies_sum: Vec<f64>,
    /// Sum over ticks of each state's distinct allies among its neighbours.
    pub regional_sum: Vec<f64>,
}

/// A member's shield (own defence plus pooled allied defence) and intelligence bonus.
pub fn pooled(p: &AllianceParams, w: &World, i: Sid, own: f64, alliance_defense: &[f64]) -> (f64, f64) {
    let best = w.states[i as usize]
        .alliances
        .iter()
        .map(|&a| w.alliances[a as usize].cohesion * alliance_defense[a as usize])
        .fold(0.0, f64::max);
    let shield = own + (1.0 - own.min(1.0)) * p.pooling * best;
    (shield, p.intel_sharing * best)
}

/// The collective cover of state `i`: over its alliances, the largest cohesion x the chance
/// that at least one fellow member answers, 1 - prod(1 - deterrence_m) (each member's
/// deterrence read as its independent chance of answering an attack on an ally: an attacker
/// weighs the response of any of them, so three modest allies deter more than one).
pub fn cover(w: &World, i: Sid) -> f64 {
    w.states[i as usize]
        .alliances
        .iter()
        .map(|&a| {
            let al = &w.alliances[a as usize];
            let quiet = al
                .members
                .iter()
                .filter(|&&m| m != i)
                .map(|&m| 1.0 - w.states[m as usize].p.vars.deterrence.clamp(0.0, 1.0))
                .product::<f64>();
            al.cohesion * (1.0 - quiet)
        })
        .fold(0.0, f64::max)
}

/// Trust-target bonus that courting partners buys with another state: regional-alliance
/// effort among neighbours, global-alliance effort among states outside the region. Like
/// every image term it is read as a change from the reference effort (see `trust::appeal`).
pub fn courtship(p: &AllianceParams, effort: &Effort, same_region: bool) -> f64 {
    if same_region {
        p.courtship_regional * effort[Lever::RegAlliances as usize]
    } else {
        p.courtship_global * effort[Lever::GlobAlliances as usize]
    }
}

/// Decide phase: partners `i` would ally with (empty if not seeking) and alliances it leaves.
fn choose(i: Sid, x: &Look, slots: &mut Slots) -> Choice {
    let (w, ctx, p) = (x.w, x.ctx, x.p());
    let ap = &p.alliances;
    let me = &w.states[i as usize];
    let mut leave = Vec::new();
    for &a in &me.alliances {
        let al = &w.alliances[a as usize];
        let others = al.members.iter().filter(|&&m| m != i);
        let n = al.members.len().saturating_sub(1).max(1) as f64;
        let mean_trust = others.map(|&m| w.rel.trust(i, m)).sum::<f64>() / n;
        let chance = ap.leave_rate * (1.0 - al.cohesion) * (1.0 - mean_trust);
        if chance > 0.0 && x.key.lazy(u64::from(i), u64::from(w.tick), &LEAVE, al.key).chance(chance) {
            leave.push(a);
        }
    }
    let mut partners = Vec::new();
    if me.alliances.len() as f64 >= ap.max_memberships {
        return Choice { partners, leave };
    }
    let (reg, glob) = (ctx.levers.get(i, Lever::RegAlliances), ctx.levers.get(i, Lever::GlobAlliances));
    let pressure = ctx.sanctions.pressure[i as usize];
    let rate =
        ap.propose_rate * (1.0 + p.sanctions.alliance_push * pressure) * ctx.coordination.effect[i as usize];
    // each lever seeks in its own pool: neighbours (regional) or the rest of the world (global)
    let near = slots.chance(&SEEK, 0, rate * reg * N_LEVERS as f64);
    let far = slots.chance(&SEEK_GLOBAL, 0, rate * glob * N_LEVERS as f64);
    if !near && !far {
        return Choice { partners, leave };
    }
    let rivals = top_rivals(ap, w, i);
    let mut scored: Vec<(f64, Sid)> = Vec::new();
    for r in w.rel.of(i) {
        let j = r.other;
        if r.trust < ap.min_trust || w.allied(i, j) {
            continue;
        }
        let them = &w.states[j as usize];
        let neighbour = institutions::neighbours(them, me);
        if !(if neighbour { near } else { far }) {
            continue;
        }
        let shared =
            rivals.iter().map(|&(x, h)| h.min(w.rel.get(j, x).map_or(0.0, |q| q.hostility()))).fold(0.0, f64::max);
        let focus = if neighbour { reg } else { glob * them.p.vars.economy.sqrt() };
        scored.push((r.trust + ap.threat_weight * shared + ap.lever_focus * focus, j));
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    partners.extend(scored.iter().take(ap.candidates as usize).map(|&(_, j)| j));
    partners.sort_unstable();
    Choice { partners, leave }
}

/// Whether `j` accepts `i`'s proposal: it must trust `i` at least `min_trust`, and then
/// accepts with a chance `accept` x its own intent on the matching lever (regional for a
/// neighbour, global otherwise; 1 for a state with average weights), at most 1.
fn accepts(j: Sid, i: Sid, x: &Act) -> bool {
    let (w, ap) = (&*x.w, &x.m.params.alliances);
    if w.rel.trust(j, i) < ap.min_trust || w.allied(i, j) {
        return false;
    }
    let same = institutions::neighbours(&w.states[i as usize], &w.states[j as usize]);
    let lever = if same { Lever::RegAlliances } else { Lever::GlobAlliances };
    let chance = (ap.accept * x.ctx.levers.get(j, lever) * N_LEVERS as f64).min(1.0);
    x.key.lazy(u64::from(j), u64::from(w.tick), &ACCEPT, u64::from(i)).chance(chance)
}

/// The state's two most hostile relations (hostility >= `rival_hostility`).
fn top_rivals(p: &AllianceParams, w: &World, i: Sid) -> Vec<(Sid, f64)> {
    let mut v: Vec<(Sid, f64)> =
        w.rel.of(i).iter().map(|r| (r.other, r.hostility())).filter(|x| x.1 >= p.rival_hostility).collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    v.truncate(2);
    v
}

/// `i` and `j` agreed: the guest joins an alliance of the host of the same scope (regional
/// between neighbours, global otherwise) that admits it, or they found one of that scope.
fn pair(i: Sid, j: Sid, w: &mut World, p: &AllianceParams, rec: &mut Recorder) {
    if w.allied(i, j) {
        return;
    }
    let regional = institutions::neighbours(&w.states[i as usize], &w.states[j as usize]);
    let room = |w: &World, s: Sid| (w.states[s as usize].alliances.len() as f64) < p.max_memberships;
    for (host, guest) in [(i, j), (j, i)] {
        if !room(w, guest) {
            continue;
        }
        let g = &w.states[guest as usize];
        let open = w.states[host as usize].alliances.iter().copied().find(|&a| {
            let al = &w.alliances[a as usize];
            let near = !al.regional
                || p.regional_membership < 0.5
                || al.members.iter().any(|&m| institutions::neighbours(&w.states[m as usize], g));
            al.regional == regional
                && (al.members.len() as f64) < p.max_size
                && near
                && al.members.iter().all(|&m| w.rel.trust(m, guest) >= p.join_trust)
        });
        if let Some(a) = open {
            join(guest, a, w, rec, false);
            return;
        }
    }
    if room(w, i) && room(w, j) {
        found(vec![i, j], None, p.initial_cohesion, regional, w, rec, false);
    }
}

/// Create an alliance of `members` (sorted here); returns its index.
pub fn found(
    mut members: Vec<Sid>,
    name: Option<String>,
    cohesion: f64,
    regional: bool,
    w: &mut World,
    rec: &mut Recorder,
    injected: bool,
) -> u32 {
    members.sort_unstable();
    members.dedup();
    let idx = w.alliances.len() as u32;
    let tick = w.tick;
    let name = name.unwrap_or_else(|| format!("pact-{idx}"));
    for &m in &members {
        let list = &mut w.states[m as usize].alliances;
        if let Err(pos) = list.binary_search(&idx) {
            list.insert(pos, idx);
        }
    }
    if tick > 0 {
        rec.tally.alliances.formed += 1;
    }
    let actor = members.first().copied().unwrap_or(0);
    let target = members.get(1).copied();
    rec.event(|| Event {
        detail: name.clone(),
        injected,
        value: members.len() as f64,
        ..Event::new(tick, FORMED, actor, target)
    });
    let key = (u64::from(tick) << 32) | u64::from(actor);
    w.alliances.push(Alliance { name, members, cohesion, regional, formed: tick, key, active: true });
    idx
}

/// `s` joins alliance `a`.
pub fn join(s: Sid, a: u32, w: &mut World, rec: &mut Recorder, injected: bool) {
    let tick = w.tick;
    let al = &mut w.alliances[a as usize];
    if !al.active {
        return;
    }
    if let Err(pos) = al.members.binary_search(&s) {
        al.members.insert(pos, s);
        let list = &mut w.states[s as usize].alliances;
        if let Err(p) = list.binary_search(&a) {
            list.insert(p, a);
        }
        let detail = al.name.clone();
        let host = al.members.iter().copied().find(|&m| m != s);
        rec.event(|| Event { detail, injected, ..Event::new(tick, JOINED, s, host) });
    }
}

/// `s` leaves alliance `a`; an alliance left with fewer than two members dissolves.
pub fn leave(s: Sid, a: u32, w: &mut World, rec: &mut Recorder, injected: bool) {
    let tick = w.tick;
    let al = &mut w.alliances[a as usize];
    let Ok(pos) = al.members.binary_search(&s) else {
        return;
    };
    al.members.remove(pos);
    let detail = al.name.clone();
    rec.tally.alliances.left += 1;
    rec.event(|| Event { detail, injected, ..Event::new(tick, LEFT, s, None) });
    if let Ok(p) = w.states[s as usize].alliances.binary_search(&a) {
        w.states[s as usize].alliances.remove(p);
    }
    if w.alliances[a as usize].members.len() < 2 {
        dissolve(a, w, rec);
    }
}

fn dissolve(a: u32, w: &mut World, rec: &mut Recorder) {
    let tick = w.tick;
    let al = &mut w.alliances[a as usize];
    if !al.active {
        return;
    }
    al.active = false;
    let members = std::mem::take(&mut al.members);
    let detail = al.name.clone();
    rec.tally.alliances.dissolved += 1;
    let actor = members.first().copied().unwrap_or(0);
    rec.event(|| Event { detail, ..Event::new(tick, DISSOLVED, actor, None) });
    for m in members {
        if let Ok(p) = w.states[m as usize].alliances.binary_search(&a) {
            w.states[m as usize].alliances.remove(p);
        }
    }
}

/// Union-find blocs of states linked by active alliances, numbered in order of their
/// smallest member.
pub fn blocs(w: &World) -> Vec<Option<usize>> {
    let n = w.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let mut member = vec![false; n];
    for a in w.alliances.iter().filter(|a| a.active) {
        for pair in a.members.windows(2) {
            let (x, y) = (find(&mut parent, pair[0] as usize), find(&mut parent, pair[1] as usize));
            parent[x.max(y)] = x.min(y);
        }
        for &m in &a.members {
            member[m as usize] = true;
        }
    }
    let mut label = vec![usize::MAX; n];
    let mut next = 0;
    let mut out = vec![None; n];
    for i in 0..n {
        if !member[i] {
            continue;
        }
        let r = find(&mut parent, i);
        if label[r] == usize::MAX {
            label[r] = next;
            next += 1;
        }
        out[i] = Some(label[r]);
    }
    out
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 0.0 }
}

fn active(w: &World) -> impl Iterator<Item = &Alliance> {
    w.alliances.iter().filter(|a| a.active)
}

fn bloc_trust(x: &Facts, within: bool) -> f64 {
    let bloc = blocs(x.w);
    let (mut sum, mut n) = (0.0, 0u64);
    for i in 0..x.w.len() {
        let Some(bi) = bloc[i] else { continue };
        for r in x.w.rel.of(i as Sid) {
            let Some(bj) = bloc[r.other as usize] else {
                continue;
            };
            if (bi == bj) == within {
                sum += r.trust;
                n += 1;
            }
        }
    }
    ratio(sum, n as f64)
}

/// Distinct allies of `i`; only its neighbours (`institutions::neighbours`) if `near`.
fn allies_of(w: &World, i: Sid, near: bool) -> f64 {
    let me = &w.states[i as usize];
    if me.alliances.is_empty() {
        return 0.0;
    }
    // count each member once: at the first of my alliances it belongs to (no allocation)
    let mut n = 0;
    for (k, &a) in me.alliances.iter().enumerate() {
        for &m in &w.alliances[a as usize].members {
            if m == i || (near && !institutions::neighbours(&w.states[m as usize], me)) {
                continue;
            }
            let earlier = me.alliances[..k].iter().any(|&b| w.alliances[b as usize].members.binary_search(&m).is_ok());
            if !earlier {
                n += 1;
            }
        }
    }
    f64::from(n)
}

/// The mechanism.
pub struct Alliances;

impl Mechanism for Alliances {
    const SOURCE: &'static str = "001 Table 5 #1 cyber alliances (regional: neighbours; global: China and Russia, multipolar order); 001 component 5 international cooperation";
    const PHASES: &'static [Phase] =
        &[Phase::Snapshot, Phase::Decide, Phase::Resolve, Phase::OnAttributed, Phase::UpdateWorld];
    const PURPOSES: &'static [Purpose] = &[SEEK, SEEK_GLOBAL, LEAVE, ACCEPT];
    const EVENTS: &'static [EventKind] = &[FORMED, JOINED, LEFT, DISSOLVED];
    const METRICS: &'static [Metric] = &[
        Metric {
            name: "alliances",
            unit: "alliances",
            doc: "Alliances in force at the end",
            f: |x| active(x.w).count() as f64,
        },
        Metric {
            name: "alliance_mean_size",
            unit: "states",
            doc: "Mean size of alliances in force at the end (0 if none)",
            f: |x| {
                let (n, s) = active(x.w).fold((0.0, 0.0), |(n, s), a| (n + 1.0, s + a.members.len() as f64));
                ratio(s, n)
            },
        },
        Metric {
            name: "alliance_max_size",
            unit: "states",
            doc: "Size of the largest alliance at the end",
            f: |x| active(x.w).map(|a| a.members.len()).max().unwrap_or(0) as f64,
        },
        Metric {
            name: "alliances_formed",
            unit: "alliances",
            doc: "Alliances formed during the run",
            f: |x| f64::from(x.t.alliances.formed),
        },
        Metric {
            name: "alliances_dissolved",
            unit: "alliances",
            doc: "Alliances dissolved during the run",
            f: |x| f64::from(x.t.alliances.dissolved),
        },
        Metric {
            name: "alliance_exits",
            unit: "states",
            doc: "Members that left an alliance during the run",
            f: |x| f64::from(x.t.alliances.left),
        },
        Metric {
            name: "blocs",
            unit: "blocs",
            doc: "Blocs at the end: groups of states linked by alliance membership (polarity)",
            f: |x| blocs(x.w).iter().flatten().max().map_or(0.0, |b| (*b + 1) as f64),
        },
        Metric {
            name: "trust_within_blocs",
            unit: "index 0-1",
            doc: "Mean trust between states of the same bloc (0 if none)",
            f: |x| bloc_trust(x, true),
        },
        Metric {
            name: "trust_across_blocs",
            unit: "index 0-1",
            doc: "Mean trust between states of different blocs (0 if none)",
            f: |x| bloc_trust(x, false),
        },
    ];
    const STATE_METRICS: &'static [StateMetric] =
        &[
            StateMetric { name: "allies", unit: "states", doc: "Distinct allies at the end", f: |x, i| allies_of(x.w, i, false) },
            StateMetric {
                name: "allies_mean",
                unit: "states",
                doc: "Distinct allies, averaged over the recorded months (the alliance cover it enjoyed over the run)",
                f: |x, i| x.t.alliances.allies_sum[i as usize] / f64::from(x.m.ticks.max(1)),
            },
            StateMetric {
                name: "regional_allies_mean",
                unit: "states",
                doc: "Distinct allies that are its neighbours (same region, or a body of neighbouring states: ECO, EU, GCC), averaged over the recorded months",
                f: |x, i| x.t.alliances.regional_sum[i as usize] / f64::from(x.m.ticks.max(1)),
            },
        ];
    type Params = AllianceParams;
    type Keys = Nothing;
    type Snapshot = Pooled;
    type Decision = Choice;
    type Tally = AllianceTally;

    fn tally(n: usize) -> AllianceTally {
        AllianceTally { allies_sum: vec![0.0; n], regional_sum: vec![0.0; n], ..AllianceTally::default() }
    }

    fn snapshot(m: &Model, w: &World, ctx: &mut Context) {
        let p = &m.params.alliances;
        let defense = &ctx.ai.defense;
        let c = &mut ctx.alliances;
        c.alliance_defense.clear();
        c.alliance_defense.extend(w.alliances.iter().map(|a| {
            if !a.active || a.members.is_empty() {
                return 0.0;
            }
            a.members.iter().map(|&m| defense[m as usize]).sum::<f64>() / a.members.len() as f64
        }));
        c.shield.clear();
        c.intel.clear();
        c.cover.clear();
        c.bits.clear();
        c.bits.extend(w.states.iter().map(State::alliance_bits));
        for (i, &own) in defense.iter().enumerate() {
            let (shield, intel) = pooled(p, w, i as Sid, own, &c.alliance_defense);
            c.shield.push(shield);
            c.intel.push(intel);
            c.cover.push(cover(w, i as Sid));
        }
    }

    fn decide(i: Sid, x: &Look, slots: &mut Slots) -> Choice {
        choose(i, x, slots)
    }

    /// Leaving first, then proposals in state order: a proposal is taken up if the partner
    /// proposed too or accepts it.
    fn resolve(x: &mut Act) {
        for (i, d) in x.decisions.iter().enumerate() {
            for &a in &d.alliances.leave {
                leave(i as Sid, a, x.w, x.rec, false);
            }
        }
        for (i, d) in x.decisions.iter().enumerate() {
            let i = i as Sid;
            for &j in &d.alliances.partners {
                let mutual = x.decisions[j as usize].alliances.partners.binary_search(&i).is_ok();
                if (mutual && j > i) || (!mutual && accepts(j, i, x)) {
                    pair(i, j, x.w, &x.m.params.alliances, x.rec);
                }
            }
        }
    }

    /// The victim's alliances bond against an outside attacker and fray when the attacker
    /// is a fellow member.
    fn on_attributed(op: &Op, x: &mut Act) {
        let p = &x.m.params.alliances;
        let w = &mut *x.w;
        for &a in &w.states[op.target as usize].alliances {
            let al = &mut w.alliances[a as usize];
            if al.members.binary_search(&op.actor).is_ok() {
                al.cohesion = (al.cohesion - p.betrayal).max(0.0);
            } else {
                al.cohesion += p.threat_bonding * (1.0 - al.cohesion);
            }
        }
    }

    /// Cohesion grows with members' joint-defence effort and decays; weak alliances dissolve.
    fn update_world(x: &mut Act) {
        let p = &x.m.params;
        for a in 0..x.w.alliances.len() {
            let al = &x.w.alliances[a];
            if !al.active {
                continue;
            }
            let joint = al
                .members
                .iter()
                .map(|&m| x.decisions[m as usize].levers[Lever::RegDeterrence as usize])
                .sum::<f64>()
                / al.members.len().max(1) as f64;
            let c = grow(al.cohesion, p.deterrence.joint_defence, joint, p.alliances.decay);
            x.w.alliances[a].cohesion = c;
            if c < p.alliances.dissolve_cohesion {
                dissolve(a as u32, x.w, x.rec);
            }
        }
        let t = &mut x.rec.tally.alliances;
        for i in 0..x.w.len() {
            t.allies_sum[i] += allies_of(x.w, i as Sid, false);
            t.regional_sum[i] += allies_of(x.w, i as Sid, true);
        }
    }
}
