//! 001 Table 5 #1 — cyber alliances. Regional: alliances with neighbours (Iraq, Pakistan,
//! Turkey for Iran). Global: cooperation with great powers (China and Russia) for a
//! multipolar order. With 001's international-cooperation component: information sharing,
//! joint training and coordinated action in crises.
//!
//! Mechanism: states seek partners with a propensity set by their alliance levers, raised
//! by sanction pressure (sanctions push states into alliances). Candidates are trusted
//! states, scored by trust, shared threats and the lever's focus (neighbours for the
//! regional lever, large economies for the global one). An alliance forms or grows only by
//! mutual choice: both must list each other, and the members must trust a newcomer.
//! Allies pool defence and share intelligence in proportion to cohesion; cohesion grows
//! when members are attacked from outside and with joint-defence effort (001 Table 5 #5
//! regional), and decays otherwise; distrustful members leave; weak alliances dissolve.

use crate::engine::context::Context;
use crate::engine::decide::Decision;
use crate::engine::record::{Event, EventKind, Recorder};
use crate::engine::rng::Draw;
use crate::engine::world::{Alliance, Sid, World};
use crate::model::Params;
use crate::model::doctrine::{Lever, N_LEVERS};
use crate::model::levers::grow;
use crate::param_group;
use rand::Rng;

param_group! {
    /// Cyber alliances (001 Table 5 #1).
    pub struct AllianceParams in "alliance." {
        #[doc = "Monthly chance of seeking partners for a state with average alliance levers."]
        propose_rate: Real = 0.08, [0.0, 1.0], "per month", "assumption";
        #[doc = "Trust a state needs in a candidate partner."]
        min_trust: Real = 0.6, [0.0, 1.0], "index", "001 Table 4 #2 low trust blocks alliance formation (assumption on magnitude)";
        #[doc = "Number of partners a state lists when it seeks an alliance."]
        candidates: Int = 3, [1, 50], "states", "assumption";
        #[doc = "Mean trust of an alliance's members a newcomer needs."]
        join_trust: Real = 0.6, [0.0, 1.0], "index", "assumption";
        #[doc = "Largest alliance size."]
        max_size: Int = 16, [2, 100000], "states", "assumption";
        #[doc = "Most alliances one state belongs to."]
        max_memberships: Int = 3, [1, 100], "alliances", "assumption";
        #[doc = "Share of allies' defence (x cohesion) pooled into a member's shield."]
        pooling: Real = 0.5, [0.0, 1.0], "share", "001 Table 5 #5 regional: joint defence frameworks (assumption on magnitude)";
        #[doc = "Detection and attribution bonus per unit of allies' defence x cohesion."]
        intel_sharing: Real = 0.2, [0.0, 1.0], "probability", "001 component 5: bilateral and multilateral information sharing (assumption on magnitude)";
        #[doc = "Monthly decay of cohesion."]
        decay: Real = 0.01, [0.0, 1.0], "per month", "assumption";
        #[doc = "Cohesion gain when a member suffers an attributed operation from outside."]
        threat_bonding: Real = 0.05, [0.0, 1.0], "index", "assumption";
        #[doc = "Mean trust in fellow members below which a member may leave."]
        leave_trust: Real = 0.3, [0.0, 1.0], "index", "assumption";
        #[doc = "Monthly chance a distrustful member leaves."]
        leave_rate: Real = 0.05, [0.0, 1.0], "per month", "assumption";
        #[doc = "Cohesion below which an alliance dissolves."]
        dissolve_cohesion: Real = 0.1, [0.0, 1.0], "index", "assumption";
        #[doc = "Cohesion of a newly formed alliance."]
        initial_cohesion: Real = 0.5, [0.0, 1.0], "index", "assumption";
        #[doc = "Weight of shared threats (a common rival) in choosing partners."]
        threat_weight: Real = 0.5, [0.0, 10.0], "weight", "001 Table 5 conclusion (assumption on magnitude)";
        #[doc = "Weight of the lever's focus (neighbours or great powers) in choosing partners."]
        lever_focus: Real = 3.0, [0.0, 100.0], "weight", "001 Table 5 #1 regional vs global partners (assumption on magnitude)";
    }
}

/// Context: a member's shield (own defence plus pooled allied defence) and intelligence bonus.
pub fn pooled(p: &AllianceParams, w: &World, i: Sid, own: f64, alliance_defense: &[f64]) -> (f64, f64) {
    let best = w.states[i as usize]
        .alliances
        .iter()
        .map(|&a| w.alliances[a as usize].cohesion * alliance_defense[a as usize])
        .fold(0.0, f64::max);
    let shield = own + (1.0 - own.min(1.0)) * p.pooling * best;
    (shield, p.intel_sharing * best)
}

/// Decide phase: partners `i` would ally with (empty if not seeking) and alliances it leaves.
pub fn choose(i: Sid, w: &World, ctx: &Context, p: &Params, rng: &mut impl Rng) -> (Vec<Sid>, Vec<u32>) {
    let ap = &p.alliance;
    let me = &w.states[i as usize];
    let mut leave = Vec::new();
    for &a in &me.alliances {
        let members = &w.alliances[a as usize].members;
        let others = members.iter().filter(|&&m| m != i);
        let n = members.len().saturating_sub(1).max(1) as f64;
        let mean_trust = others.map(|&m| w.rel.trust(i, m)).sum::<f64>() / n;
        if mean_trust < ap.leave_trust && rng.chance(ap.leave_rate) {
            leave.push(a);
        }
    }
    let mut partners = Vec::new();
    if me.alliances.len() as f64 >= ap.max_memberships {
        return (partners, leave);
    }
    let (reg, glob) = (ctx.share(i, Lever::RegAlliances), ctx.share(i, Lever::GlobAlliances));
    let intent = (reg + glob) * N_LEVERS as f64 / 2.0;
    let pressure = ctx.pressure[i as usize];
    let chance = ap.propose_rate * intent * (1.0 + p.sanctions.alliance_push * pressure) * ctx.coord[i as usize];
    if !rng.chance(chance) {
        return (partners, leave);
    }
    let rivals = top_rivals(w, i);
    let mut scored: Vec<(f64, Sid)> = Vec::new();
    for r in w.rel.of(i) {
        let j = r.other;
        if r.trust < ap.min_trust || r.hostility() > 0.3 || w.allied(i, j) {
            continue;
        }
        let them = &w.states[j as usize];
        let shared =
            rivals.iter().map(|&(x, h)| h.min(w.rel.get(j, x).map_or(0.0, |q| q.hostility()))).fold(0.0, f64::max);
        let focus = if them.region == me.region { reg } else { glob * them.p.vars.economy.sqrt() };
        let solidarity =
            if pressure > 0.0 && !ctx.sanctions(j, i) { p.sanctions.alliance_push * pressure * 0.1 } else { 0.0 };
        scored.push((r.trust + ap.threat_weight * shared + ap.lever_focus * focus + solidarity, j));
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    partners.extend(scored.iter().take(ap.candidates as usize).map(|&(_, j)| j));
    partners.sort_unstable();
    (partners, leave)
}

/// The state's two most hostile relations (hostility >= 0.3).
fn top_rivals(w: &World, i: Sid) -> Vec<(Sid, f64)> {
    let mut v: Vec<(Sid, f64)> = w.rel.of(i).iter().map(|r| (r.other, r.hostility())).filter(|x| x.1 >= 0.3).collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    v.truncate(2);
    v
}

/// Resolve phase: leaving first, then formation by mutual choice, in state order.
pub fn resolve(w: &mut World, decisions: &[Decision], p: &Params, rec: &mut Recorder) {
    for (i, d) in decisions.iter().enumerate() {
        for &a in &d.leave {
            leave(i as Sid, a, w, rec, false);
        }
    }
    for (i, d) in decisions.iter().enumerate() {
        let i = i as Sid;
        for &j in d.partners.iter().filter(|&&j| j > i) {
            if decisions[j as usize].partners.binary_search(&i).is_ok() {
                pair(i, j, w, p, rec);
            }
        }
    }
}

/// `i` and `j` chose each other: join an existing alliance of one of them, or found one.
fn pair(i: Sid, j: Sid, w: &mut World, p: &Params, rec: &mut Recorder) {
    let ap = &p.alliance;
    if w.allied(i, j) {
        return;
    }
    let room = |w: &World, s: Sid| (w.states[s as usize].alliances.len() as f64) < ap.max_memberships;
    for (host, guest) in [(i, j), (j, i)] {
        if !room(w, guest) {
            continue;
        }
        let open = w.states[host as usize].alliances.iter().copied().find(|&a| {
            let al = &w.alliances[a as usize];
            (al.members.len() as f64) < ap.max_size && mean_trust_in(w, &al.members, guest) >= ap.join_trust
        });
        if let Some(a) = open {
            join(guest, a, w, rec, false);
            return;
        }
    }
    if room(w, i) && room(w, j) {
        found(vec![i, j], None, ap.initial_cohesion, w, rec, false);
    }
}

fn mean_trust_in(w: &World, members: &[Sid], guest: Sid) -> f64 {
    if members.is_empty() {
        return 0.0;
    }
    members.iter().map(|&m| w.rel.trust(m, guest)).sum::<f64>() / members.len() as f64
}

/// Create an alliance of `members` (sorted here); returns its index.
pub fn found(
    mut members: Vec<Sid>,
    name: Option<String>,
    cohesion: f64,
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
        rec.tally.alliances_formed += 1;
    }
    let actor = members[0];
    let target = members.get(1).copied();
    rec.event(|| Event {
        detail: name.clone(),
        injected,
        value: members.len() as f64,
        ..Event::new(tick, EventKind::AllianceFormed, actor, target)
    });
    w.alliances.push(Alliance { name, members, cohesion, formed: tick, active: true });
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
        rec.event(|| Event { detail, injected, ..Event::new(tick, EventKind::AllianceJoined, s, host) });
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
    rec.event(|| Event { detail, injected, ..Event::new(tick, EventKind::AllianceLeft, s, None) });
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
    rec.tally.alliances_dissolved += 1;
    let actor = members.first().copied().unwrap_or(0);
    rec.event(|| Event { detail, ..Event::new(tick, EventKind::AllianceDissolved, actor, None) });
    for m in members {
        if let Ok(p) = w.states[m as usize].alliances.binary_search(&a) {
            w.states[m as usize].alliances.remove(p);
        }
    }
}

/// An attributed operation by `attacker` on `victim`: alliances of the victim bond against
/// outsiders and fray when the attacker is a fellow member.
pub fn bond_under_threat(p: &AllianceParams, w: &mut World, victim: Sid, attacker: Sid) {
    let list = w.states[victim as usize].alliances.clone();
    for a in list {
        let al = &mut w.alliances[a as usize];
        if al.members.binary_search(&attacker).is_ok() {
            al.cohesion = (al.cohesion - 2.0 * p.threat_bonding).max(0.0);
        } else {
            al.cohesion += p.threat_bonding * (1.0 - al.cohesion);
        }
    }
}

/// Update phase: cohesion grows with members' joint-defence effort, decays, and weak
/// alliances dissolve.
pub fn update(w: &mut World, decisions: &[Decision], p: &Params, rec: &mut Recorder) {
    for a in 0..w.alliances.len() {
        let al = &w.alliances[a];
        if !al.active {
            continue;
        }
        let joint =
            al.members.iter().map(|&m| decisions[m as usize].effort[Lever::RegDeterrence as usize]).sum::<f64>()
                / al.members.len().max(1) as f64;
        let c = grow(al.cohesion, p.deterrence.joint_defence, joint, p.alliance.decay);
        w.alliances[a].cohesion = c;
        if c < p.alliance.dissolve_cohesion {
            dissolve(a as u32, w, rec);
        }
    }
}
