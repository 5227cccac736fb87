//! 001 Table 4 #1 — international sanctions and technology restrictions (limited access to
//! new technologies and global platforms), ranked first among Iran's challenges; with
//! 002's cryptocurrencies as an evasion channel.
//!
//! Mechanism: a sanction is imposed by a sender as a response to an attributed operation
//! or as policy (`sanction_propensity`, high in the US doctrine of 001 Tables 2-3). States
//! that trust the sender and are hostile to the target join the coalition. Pressure of an
//! episode is intensity x the coalition's economic weight; episodes on one target combine
//! as 1 - prod(1 - p); the total is cut by (1 - evasion), where evasion
//! runs through trusted partners outside the coalition and crypto. Pressure cuts
//! technology access and the economy, raises the cost of every lever, pushes the target
//! into alliances and, over time, toward indigenous capability. Coalition members tire and
//! leave; the target may concede after a quiet spell (success). Calibration target: a
//! minority of episodes succeed (Hufbauer et al. 2007 find about a third).

use crate::engine::context::Context;
use crate::engine::record::{Event, EventKind, Recorder};
use crate::engine::rng::{Draw, Purpose, RunKey};
use crate::engine::world::{Sanction, SanctionCause, Sid, World};
use crate::model::crypto::{self, CryptoParams};
use crate::param_group;
use rand::Rng;

param_group! {
    /// Sanctions (001 Table 4 #1).
    pub struct SanctionParams in "sanctions." {
        #[doc = "Share of technology access cut by full pressure."]
        tech_cut: Real = 0.7, [0.0, 1.0], "share", "001 Table 4 #1 limited access to new technologies (assumption on magnitude)";
        #[doc = "Extra cost of every lever per unit of pressure (1 + lever_cost x pressure)."]
        lever_cost: Real = 0.5, [0.0, 10.0], "share", "001 Table 4 #1; MODEL-BRIEF: sanctions raise the cost of every lever (assumption on magnitude)";
        #[doc = "Monthly indigenous-capability growth per unit of pressure (pressure breeds localization)."]
        localization: Real = 0.01, [0.0, 1.0], "per month", "000 localization; 002 strengthening indigenous capacity (assumption on magnitude)";
        #[doc = "Economic size of a coalition that gives it full weight."]
        full_weight: Real = 1.0, [0.01, 10.0], "economy units", "assumption: the largest economy alone gives full weight";
        #[doc = "Intensity of a new sanction, and the step when an existing one is tightened."]
        intensity_step: Real = 0.3, [0.0, 1.0], "index", "assumption";
        #[doc = "Trust in the sender a state needs to join its coalition."]
        join_trust: Real = 0.55, [0.0, 1.0], "index", "assumption";
        #[doc = "Hostility to the target a state needs to join (half for the sender's allies)."]
        join_hostility: Real = 0.2, [0.0, 1.0], "index", "assumption";
        #[doc = "Monthly chance, per unit of propensity, of a policy sanction on the most hostile target."]
        policy_rate: Real = 0.02, [0.0, 1.0], "per month", "001 Tables 2-3 US approach (assumption on magnitude)";
        #[doc = "Hostility a policy target must reach."]
        policy_hostility: Real = 0.5, [0.0, 1.0], "index", "assumption";
        #[doc = "Trust in a partner above which it helps the target evade."]
        evasion_trust: Real = 0.5, [0.0, 1.0], "index", "assumption";
        #[doc = "Share of pressure evaded when all of the target's partners are trusted outsiders."]
        evasion_partners: Real = 0.5, [0.0, 1.0], "share", "MODEL-BRIEF: sanctions can be evaded through allies (assumption on magnitude)";
        #[doc = "Mean evasion share at which an episode counts as evaded."]
        evaded_threshold: Real = 0.3, [0.0, 1.0], "share", "assumption";
        #[doc = "Monthly chance the target concedes after a quiet spell, per unit of pressure and of (1 - defiance)."]
        concession_rate: Real = 0.015, [0.0, 1.0], "per month", "assumption: calibration 'sanctions succeed in a minority of cases' (Hufbauer et al. 2007)";
        #[doc = "Ticks without attributed operations against senders before concession can count."]
        quiet_ticks: Int = 12, [0, 1000], "ticks", "assumption";
        #[doc = "Monthly chance a coalition member leaves, per unit of (1 - its hostility to the target)."]
        fatigue: Real = 0.01, [0.0, 1.0], "per month", "assumption";
        #[doc = "Trust target level lost toward a sender while it sanctions."]
        trust_penalty: Real = 0.2, [0.0, 1.0], "index", "001 Table 4 #2 stagnation of joint cooperation (assumption on magnitude)";
        #[doc = "Extra alliance propensity per unit of pressure (sanctions push states into alliances)."]
        alliance_push: Real = 2.0, [0.0, 20.0], "multiplier", "001 Table 5 conclusion: alliances reduce dependence (assumption on magnitude)";
    }
}

/// Context: sanction pressure and evasion share for every state.
pub fn pressure(
    p: &SanctionParams,
    cp: &CryptoParams,
    w: &World,
    sanctioners: &[(Sid, Sid)],
    pressure: &mut [f64],
    evasion: &mut [f64],
) {
    // Several episodes on one target combine like independent blows: 1 - prod(1 - p_s),
    // so more sanctions add pressure with diminishing returns and full pressure needs an
    // episode at full intensity and weight. `pressure` holds prod(1 - p_s) until the end.
    pressure.fill(1.0);
    evasion.fill(0.0);
    for s in w.sanctions.iter().filter(|s| s.active) {
        let weight: f64 = s.senders.iter().map(|&k| w.states[k as usize].p.vars.economy).sum();
        pressure[s.target as usize] *= 1.0 - s.intensity * (weight / p.full_weight).min(1.0);
    }
    for x in pressure.iter_mut() {
        *x = 1.0 - *x;
    }
    for t in 0..w.len() {
        if pressure[t] <= 0.0 {
            continue;
        }
        let (mut helped, mut total) = (0.0, 0.0);
        let lo = sanctioners.partition_point(|&(x, _)| x < t as Sid);
        let hi = sanctioners.partition_point(|&(x, _)| x <= t as Sid);
        let mut senders = sanctioners[lo..hi].iter().map(|&(_, k)| k).peekable();
        for r in w.rel.of(t as Sid) {
            let e = w.states[r.other as usize].p.vars.economy;
            total += e;
            while senders.next_if(|&k| k < r.other).is_some() {}
            let sender = senders.peek() == Some(&r.other);
            if !sender && r.trust >= p.evasion_trust {
                helped += e * r.trust;
            }
        }
        let partners = if total > 0.0 { helped / total } else { 0.0 };
        let crypto_use = w.states[t].p.vars.crypto;
        evasion[t] = (p.evasion_partners * partners + crypto::evasion(cp, crypto_use)).min(0.95);
        pressure[t] *= 1.0 - evasion[t];
    }
}

/// Decide phase: a policy sanction target for state `i`, if it chooses one.
pub fn choose_policy(i: Sid, w: &World, ctx: &Context, p: &SanctionParams, rng: &mut impl Rng) -> Option<Sid> {
    let v = &w.states[i as usize].p.vars;
    if v.sanction_propensity <= 0.0 || !rng.chance(p.policy_rate * v.sanction_propensity) {
        return None;
    }
    w.rel
        .of(i)
        .iter()
        .filter(|r| r.hostility() >= p.policy_hostility && !ctx.sanctions(i, r.other))
        .max_by(|a, b| a.hostility().total_cmp(&b.hostility()).then(b.other.cmp(&a.other)))
        .map(|r| r.other)
}

/// Resolve phase: `sender` sanctions `target`: tighten its existing sanction or open a new
/// episode with a coalition.
pub fn impose(sender: Sid, target: Sid, cause: SanctionCause, w: &mut World, sp: &SanctionParams, rec: &mut Recorder) {
    let tick = w.tick;
    if sender == target {
        return;
    }
    if let Some(s) =
        w.sanctions.iter_mut().find(|s| s.active && s.target == target && s.senders.binary_search(&sender).is_ok())
    {
        s.intensity = (s.intensity + sp.intensity_step).min(1.0);
        let value = s.intensity;
        rec.event(|| Event { value, ..Event::new(tick, EventKind::SanctionIntensified, sender, Some(target)) });
        return;
    }
    let mut senders = vec![sender];
    for r in w.rel.of(sender) {
        let k = r.other;
        if k == target || w.allied(k, target) {
            continue;
        }
        let Some(back) = w.rel.get(k, sender) else {
            continue;
        };
        let hostility = w.rel.get(k, target).map_or(0.0, |x| x.hostility());
        let needed = if w.allied(k, sender) { sp.join_hostility / 2.0 } else { sp.join_hostility };
        if back.trust >= sp.join_trust && hostility >= needed {
            senders.push(k);
        }
    }
    senders.sort_unstable();
    let label = format!("{}-{}", tick, w.sanctions.len());
    rec.tally.sanctions_imposed += 1;
    rec.event(|| Event {
        value: sp.intensity_step,
        detail: format!("{label};coalition={}", senders.len()),
        ..Event::new(tick, EventKind::SanctionImposed, sender, Some(target))
    });
    for &k in senders.iter().filter(|&&k| k != sender) {
        rec.event(|| Event { detail: label.clone(), ..Event::new(tick, EventKind::SanctionJoined, k, Some(target)) });
    }
    w.sanctions.push(Sanction {
        label,
        lead: sender,
        target,
        senders,
        intensity: sp.intensity_step,
        start: tick,
        quiet: 0,
        evasion_sum: 0.0,
        ticks: 0,
        cause,
        active: true,
    });
}

/// An attributed operation by `actor` against `victim` restarts the quiet spell of every
/// sanction on `actor` that `victim` belongs to.
pub fn note_offence(w: &mut World, actor: Sid, victim: Sid) {
    for s in w.sanctions.iter_mut().filter(|s| s.active && s.target == actor) {
        if s.senders.binary_search(&victim).is_ok() {
            s.quiet = 0;
        }
    }
}

/// Resolve phase: coalition fatigue, concession and lifting of every active sanction.
pub fn lifecycle(w: &mut World, ctx: &Context, p: &SanctionParams, key: &RunKey, rec: &mut Recorder) {
    let tick = w.tick;
    for idx in 0..w.sanctions.len() {
        if !w.sanctions[idx].active {
            continue;
        }
        let target = w.sanctions[idx].target;
        let mut rng = key.lazy(target as u64, tick as u64, Purpose::Sanction, idx as u64);
        let t = target as usize;
        let defiance = w.states[t].p.vars.defiance;
        let hostility: Vec<f64> =
            w.sanctions[idx].senders.iter().map(|&k| w.rel.get(k, target).map_or(0.0, |r| r.hostility())).collect();
        let s = &mut w.sanctions[idx];
        s.ticks += 1;
        s.quiet += 1;
        s.evasion_sum += ctx.evasion[t];
        let mut left = Vec::new();
        for (&k, h) in s.senders.iter().zip(hostility) {
            if rng.chance(p.fatigue * (1.0 - h)) {
                left.push(k);
            }
        }
        s.senders.retain(|k| !left.contains(k));
        for k in left {
            rec.event(|| Event {
                detail: s.label.clone(),
                ..Event::new(tick, EventKind::SanctionLeft, k, Some(target))
            });
        }
        let conceded =
            f64::from(s.quiet) >= p.quiet_ticks && rng.chance(p.concession_rate * ctx.pressure[t] * (1.0 - defiance));
        if conceded || s.senders.is_empty() {
            s.active = false;
            rec.tally.sanctions_lifted += 1;
            rec.tally.sanctions_succeeded += u32::from(conceded);
            let evaded = s.evasion_sum / f64::from(s.ticks.max(1)) >= p.evaded_threshold;
            rec.tally.sanctions_evaded += u32::from(evaded);
            let outcome = if conceded { "succeeded" } else { "failed" };
            let actor = s.lead;
            let detail = format!("{};{outcome}{}", s.label, if evaded { ";evaded" } else { "" });
            rec.event(|| Event {
                value: s.intensity,
                detail,
                ..Event::new(tick, EventKind::SanctionLifted, actor, Some(target))
            });
        }
    }
}

/// Lift every active sanction on `target` (scripted inject).
pub fn lift_all(target: Sid, w: &mut World, rec: &mut Recorder, injected: bool) {
    let tick = w.tick;
    for s in w.sanctions.iter_mut().filter(|s| s.active && s.target == target) {
        s.active = false;
        rec.tally.sanctions_lifted += 1;
        let actor = s.lead;
        rec.event(|| Event {
            injected,
            detail: format!("{};lifted", s.label),
            ..Event::new(tick, EventKind::SanctionLifted, actor, Some(target))
        });
    }
}

/// Sanction episodes counted as evaded at the end of a run: active ones whose mean evasion
/// reached the threshold (lifted ones were counted when lifted).
pub fn evaded_still_active(w: &World, p: &SanctionParams) -> u32 {
    w.sanctions
        .iter()
        .filter(|s| s.active && s.ticks > 0 && s.evasion_sum / f64::from(s.ticks) >= p.evaded_threshold)
        .count() as u32
}
