//! 001 Table 4 #1 — international sanctions and technology restrictions (limited access to
//! new technologies and global platforms), ranked first among Iran's challenges; with
//! 002's cryptocurrencies as an evasion channel (see `crypto`).
//!
//! Mechanism: a sanction is imposed by a sender as a response to an attributed operation
//! (see `responses`) or as policy (`sanction_propensity`, high in the US doctrine of 001
//! Tables 2-3). States that trust the sender and are hostile to the target join the
//! coalition. Pressure of an episode is intensity x the coalition's economic weight;
//! episodes on one target combine as 1 - prod(1 - p); the total is cut by (1 - evasion),
//! where evasion runs through trusted partners outside the coalition and crypto. Pressure
//! cuts technology access (`indigenous`) and the economy (`economy`), raises the cost of
//! every lever (`levers`), pushes the target into alliances (`alliances`) and, over time,
//! toward indigenous capability. A sender needs economic leverage over its target (small
//! states do not sanction great powers). Coalition members tire and leave, less as an
//! episode ages (sanctions become entrenched); the target may concede after a quiet spell
//! (success), less the more defiant it is. Calibration targets: about a third of ended
//! episodes succeed (TIES; Hufbauer et al. 2007), most episodes are short while a few
//! last decades.

use crate::core::Sid;
use crate::core::params::Nothing;
use crate::core::rng::{Draw, Purpose, Slots};
use crate::model::attacks::Op;
use crate::model::record::{Event, EventKind, Recorder};
use crate::model::world::{Sanction, SanctionCause, World};
use crate::model::{Act, Context, Facts, Look, Mechanism, Metric, Model, Phase, StateMetric, crypto};
use crate::param_group;

param_group! {
    /// Sanctions (001 Table 4 #1).
    pub struct SanctionParams in "sanctions." {
        #[doc = "Share of technology access cut by full pressure."]
        tech_cut: Real = 0.7, [0.0, 1.0], "share", "001 Table 4 #1 limited access to new technologies (assumption on magnitude)";
        #[doc = "Extra cost of every lever per unit of pressure (1 + lever_cost x pressure)."]
        lever_cost: Real = 0.5, [0.0, 10.0], "share", "001 Table 4 #1; MODEL-BRIEF: sanctions raise the cost of every lever (assumption on magnitude)";
        #[doc = "Indigenous effort added by full sanction pressure, as a share of the state's initial total effort (pressure breeds localization)."]
        localization: Real = 0.3, [0.0, 10.0], "share", "000 localization; 002 strengthening indigenous capacity (assumption on magnitude)";
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
        #[doc = "Largest share of pressure that partners and crypto together can evade."]
        evasion_cap: Real = 0.95, [0.0, 1.0], "share", "assumption: some pressure always gets through";
        #[doc = "Mean evasion share at which an episode counts as evaded."]
        evaded_threshold: Real = 0.3, [0.0, 1.0], "share", "assumption";
        #[doc = "Monthly chance the target concedes after a quiet spell, per unit of pressure and of (1 - defiance)."]
        concession_rate: Real = 0.015, [0.0, 1.0], "per month", "assumption: calibration 'sanctions succeed in a minority of cases' (Hufbauer et al. 2007)";
        #[doc = "Ticks without attributed operations against senders before concession can count."]
        quiet_ticks: Int = 12, [0, 1000], "ticks", "assumption";
        #[doc = "Monthly chance a coalition member of a new episode leaves, per unit of (1 - its hostility to the target)."]
        fatigue: Real = 0.04, [0.0, 1.0], "per month", "assumption: to be calibrated on sanction durations (TIES)";
        #[doc = "Months over which fatigue fades by a factor e as an episode ages (sanctions become law and habit)."]
        entrenchment: Real = 36.0, [1.0, 1200.0], "months", "assumption: long-standing sanctions (Cuba since 1962, North Korea, Iran) persist";
        #[doc = "Age, in months, credited to the scenario's initial episodes (they are long-standing)."]
        initial_age: Real = 120.0, [0.0, 1200.0], "months", "assumption";
        #[doc = "Exponent of the sender's economic size relative to the target's (capped at 1) in the chance of sanctioning it: small states do not sanction great powers."]
        leverage_exponent: Real = 1.5, [0.0, 10.0], "exponent", "assumption: sanctions need economic leverage (Hufbauer et al. 2007: senders are usually much larger than targets)";
        #[doc = "Extra alliance propensity per unit of pressure (sanctions push states into alliances)."]
        alliance_push: Real = 2.0, [0.0, 20.0], "multiplier", "001 Table 5 conclusion: alliances reduce dependence (assumption on magnitude)";
    }
}

/// Decide: whether a state imposes a policy sanction this tick (one slot).
pub const POLICY: Purpose = Purpose::slot("sanctions.policy", 1);
/// Resolve: an episode's fatigue and concession draws (one stream per episode and tick).
pub const LIFECYCLE: Purpose = Purpose::stream("sanctions.lifecycle");

/// A sanction episode opened (value: intensity; detail: label;coalition=N).
pub const IMPOSED: EventKind =
    EventKind { name: "sanction_imposed", doc: "A sanction episode opened (value: intensity; detail: label;coalition size)" };
/// An existing episode tightened.
pub const INTENSIFIED: EventKind =
    EventKind { name: "sanction_intensified", doc: "A sender tightened its episode (value: new intensity)" };
/// A state joined a new episode's coalition.
pub const JOINED: EventKind = EventKind { name: "sanction_joined", doc: "A state joined the coalition (detail: label)" };
/// A coalition member left.
pub const LEFT: EventKind = EventKind { name: "sanction_left", doc: "A coalition member left, tired (detail: label)" };
/// An episode ended.
pub const LIFTED: EventKind = EventKind {
    name: "sanction_lifted",
    doc: "An episode ended (value: intensity; detail: label;succeeded|failed|lifted[;evaded])",
};

/// Context: sanction pressure and evasion share for every state.
pub fn pressure(
    p: &SanctionParams,
    cp: &crypto::CryptoParams,
    w: &World,
    sanctioners: &[(Sid, Sid)],
    pressure: &mut Vec<f64>,
    evasion: &mut Vec<f64>,
) {
    // Several episodes on one target combine like independent blows: 1 - prod(1 - p_s),
    // so more sanctions add pressure with diminishing returns and full pressure needs an
    // episode at full intensity and weight. `pressure` holds prod(1 - p_s) until the end.
    pressure.clear();
    pressure.resize(w.len(), 1.0);
    evasion.clear();
    evasion.resize(w.len(), 0.0);
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
        let mut senders = senders_of(sanctioners, t as Sid).peekable();
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
        evasion[t] = (p.evasion_partners * partners + crypto::evasion(cp, crypto_use)).min(p.evasion_cap);
        pressure[t] *= 1.0 - evasion[t];
    }
}

/// The states sanctioning `target`, sorted (from the sorted (target, sender) pairs).
pub fn senders_of(sanctioners: &[(Sid, Sid)], target: Sid) -> impl Iterator<Item = Sid> + Clone + '_ {
    let lo = sanctioners.partition_point(|&(t, _)| t < target);
    let hi = sanctioners.partition_point(|&(t, _)| t <= target);
    sanctioners[lo..hi].iter().map(|&(_, s)| s)
}

/// Economic leverage of `sender` over `target`: their size ratio, capped at 1, to the power
/// `leverage_exponent`.
pub fn leverage(p: &SanctionParams, w: &World, sender: Sid, target: Sid) -> f64 {
    let ratio = w.states[sender as usize].p.vars.economy / w.states[target as usize].p.vars.economy.max(1e-9);
    ratio.min(1.0).powf(p.leverage_exponent)
}

/// Decide phase: a policy sanction target for state `i`, if it chooses one: its most hostile
/// related state not yet sanctioned, chosen with a chance that grows with its propensity
/// and its economic leverage over that state.
pub fn choose_policy(i: Sid, x: &Look, slots: &mut Slots) -> Option<Sid> {
    let p = &x.p().sanctions;
    let v = &x.w.states[i as usize].p.vars;
    if v.sanction_propensity <= 0.0 {
        return None;
    }
    let target = x
        .w
        .rel
        .of(i)
        .iter()
        .filter(|r| r.hostility() >= p.policy_hostility && !x.ctx.sanctions.sanctions(i, r.other))
        .max_by(|a, b| a.hostility().total_cmp(&b.hostility()).then(b.other.cmp(&a.other)))
        .map(|r| r.other)?;
    let chance = p.policy_rate * v.sanction_propensity * leverage(p, x.w, i, target);
    slots.chance(&POLICY, 0, chance).then_some(target)
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
        rec.event(|| Event { value, ..Event::new(tick, INTENSIFIED, sender, Some(target)) });
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
    let t = &mut rec.tally.sanctions;
    t.imposed += 1;
    rec.event(|| Event {
        value: sp.intensity_step,
        detail: format!("{label};coalition={}", senders.len()),
        ..Event::new(tick, IMPOSED, sender, Some(target))
    });
    for &k in senders.iter().filter(|&&k| k != sender) {
        rec.event(|| Event { detail: label.clone(), ..Event::new(tick, JOINED, k, Some(target)) });
    }
    w.sanctions.push(Sanction {
        label,
        lead: sender,
        target,
        senders,
        intensity: sp.intensity_step,
        start: tick,
        quiet: 0,
        key: Sanction::key_of(sender, tick),
        evasion_sum: 0.0,
        ticks: 0,
        cause,
        active: true,
    });
}

/// Lift every active sanction on `target` (scripted inject).
pub fn lift_all(target: Sid, w: &mut World, rec: &mut Recorder, injected: bool) {
    let tick = w.tick;
    for s in w.sanctions.iter_mut().filter(|s| s.active && s.target == target) {
        s.active = false;
        rec.tally.sanctions.lifted += 1;
        let actor = s.lead;
        rec.event(|| Event {
            injected,
            detail: format!("{};lifted", s.label),
            ..Event::new(tick, LIFTED, actor, Some(target))
        });
    }
}

/// Coalition fatigue, concession and lifting of every active sanction this tick.
fn lifecycle(x: &mut Act) {
    let (w, p, ctx, key) = (&mut *x.w, &x.m.params.sanctions, x.ctx, x.key);
    let rec = &mut *x.rec;
    let tick = w.tick;
    for idx in 0..w.sanctions.len() {
        if !w.sanctions[idx].active {
            continue;
        }
        let target = w.sanctions[idx].target;
        let mut rng = key.lazy(u64::from(target), u64::from(tick), &LIFECYCLE, w.sanctions[idx].key);
        let t = target as usize;
        let defiance = w.states[t].p.vars.defiance;
        let hostility: Vec<f64> =
            w.sanctions[idx].senders.iter().map(|&k| w.rel.get(k, target).map_or(0.0, |r| r.hostility())).collect();
        let s = &mut w.sanctions[idx];
        s.ticks += 1;
        s.quiet += 1;
        s.evasion_sum += ctx.sanctions.evasion[t];
        let age = f64::from(tick - s.start) + if s.cause == SanctionCause::Initial { p.initial_age } else { 0.0 };
        let fatigue = p.fatigue * (-age / p.entrenchment).exp();
        let mut left = Vec::new();
        for (&k, h) in s.senders.iter().zip(hostility) {
            if rng.chance(fatigue * (1.0 - h)) {
                left.push(k);
            }
        }
        s.senders.retain(|k| !left.contains(k));
        for k in left {
            rec.event(|| Event { detail: s.label.clone(), ..Event::new(tick, LEFT, k, Some(target)) });
        }
        let conceded = f64::from(s.quiet) >= p.quiet_ticks
            && rng.chance(p.concession_rate * ctx.sanctions.pressure[t] * (1.0 - defiance));
        if conceded || s.senders.is_empty() {
            s.active = false;
            let tally = &mut rec.tally.sanctions;
            tally.lifted += 1;
            tally.succeeded += u32::from(conceded);
            let evaded = s.evasion_sum / f64::from(s.ticks.max(1)) >= p.evaded_threshold;
            tally.evaded += u32::from(evaded);
            let outcome = if conceded { "succeeded" } else { "failed" };
            let actor = s.lead;
            let detail = format!("{};{outcome}{}", s.label, if evaded { ";evaded" } else { "" });
            rec.event(|| Event { value: s.intensity, detail, ..Event::new(tick, LIFTED, actor, Some(target)) });
        }
    }
}

/// This tick's sanction pressure.
#[derive(Clone, Debug, Default)]
pub struct Pressure {
    /// (target, sender) pairs of active sanctions, sorted.
    pub sanctioners: Vec<(Sid, Sid)>,
    /// Sanction pressure after evasion, by state.
    pub pressure: Vec<f64>,
    /// Share of pressure evaded (partners, crypto), by state.
    pub evasion: Vec<f64>,
    /// Lever cost multiplier (>= 1), by state.
    pub lever_cost: Vec<f64>,
}

impl Pressure {
    /// True if `sender` is in an active sanction on `target`.
    pub fn sanctions(&self, sender: Sid, target: Sid) -> bool {
        self.sanctioners.binary_search(&(target, sender)).is_ok()
    }
}

/// Counters over a run.
#[derive(Clone, Debug, Default)]
pub struct SanctionTally {
    /// Episodes imposed during the run.
    pub imposed: u32,
    /// Episodes lifted (any reason).
    pub lifted: u32,
    /// Episodes that ended with the target conceding.
    pub succeeded: u32,
    /// Episodes whose mean evasion share reached the threshold (counted when lifted).
    pub evaded: u32,
    /// Sum of sanction pressure over ticks, by state.
    pub pressure_sum: Vec<f64>,
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 0.0 }
}

/// Episodes counted as evaded at the end of a run: lifted ones, plus active ones whose
/// mean evasion reached the threshold.
fn evaded(x: &Facts) -> f64 {
    let p = &x.m.params.sanctions;
    let active = x
        .w
        .sanctions
        .iter()
        .filter(|s| s.active && s.ticks > 0 && s.evasion_sum / f64::from(s.ticks) >= p.evaded_threshold)
        .count();
    f64::from(x.t.sanctions.evaded) + active as f64
}

/// The mechanism.
pub struct Sanctions;

impl Mechanism for Sanctions {
    const SOURCE: &'static str = "001 Table 4 #1 international sanctions and technology restrictions; 002 cryptocurrencies (evasion)";
    const PHASES: &'static [Phase] =
        &[Phase::Snapshot, Phase::Decide, Phase::Resolve, Phase::OnAttributed, Phase::UpdateWorld];
    const PURPOSES: &'static [Purpose] = &[POLICY, LIFECYCLE];
    const EVENTS: &'static [EventKind] = &[IMPOSED, INTENSIFIED, JOINED, LEFT, LIFTED];
    const METRICS: &'static [Metric] = &[
        Metric {
            name: "sanctions_imposed",
            unit: "episodes",
            doc: "Sanction episodes imposed during the run",
            f: |x| f64::from(x.t.sanctions.imposed),
        },
        Metric {
            name: "sanctions_active",
            unit: "episodes",
            doc: "Sanction episodes in force at the end",
            f: |x| x.w.sanctions.iter().filter(|s| s.active).count() as f64,
        },
        Metric {
            name: "sanctions_lifted",
            unit: "episodes",
            doc: "Sanction episodes lifted (any reason)",
            f: |x| f64::from(x.t.sanctions.lifted),
        },
        Metric {
            name: "sanctions_succeeded",
            unit: "episodes",
            doc: "Sanction episodes lifted because the target conceded",
            f: |x| f64::from(x.t.sanctions.succeeded),
        },
        Metric {
            name: "sanctions_evaded",
            unit: "episodes",
            doc: "Sanction episodes whose mean evasion share reached sanctions.evaded_threshold",
            f: evaded,
        },
        Metric {
            name: "sanction_success_rate",
            unit: "share",
            doc: "Succeeded episodes over all episodes (initial and imposed); 0 if none",
            f: |x| ratio(f64::from(x.t.sanctions.succeeded), x.w.sanctions.len() as f64),
        },
    ];
    const STATE_METRICS: &'static [StateMetric] = &[
        StateMetric {
            name: "sanction_pressure_mean",
            unit: "index 0-1",
            doc: "Mean sanction pressure on it over the run (after evasion)",
            f: |x, i| ratio(x.t.sanctions.pressure_sum[i as usize], f64::from(x.m.ticks)),
        },
        StateMetric {
            name: "sanctioned_end",
            unit: "episodes",
            doc: "Sanction episodes on it in force at the end",
            f: |x, i| x.w.sanctions.iter().filter(|s| s.active && s.target == i).count() as f64,
        },
    ];
    type Params = SanctionParams;
    type Keys = Nothing;
    type Snapshot = Pressure;
    type Decision = Option<Sid>;
    type Tally = SanctionTally;

    fn tally(n: usize) -> SanctionTally {
        SanctionTally { pressure_sum: vec![0.0; n], ..SanctionTally::default() }
    }

    fn snapshot(m: &Model, w: &World, ctx: &mut Context) {
        let p = &m.params.sanctions;
        let c = &mut ctx.sanctions;
        c.sanctioners.clear();
        for s in w.sanctions.iter().filter(|s| s.active) {
            c.sanctioners.extend(s.senders.iter().map(|&k| (s.target, k)));
        }
        c.sanctioners.sort_unstable();
        c.sanctioners.dedup();
        pressure(p, &m.params.crypto, w, &c.sanctioners, &mut c.pressure, &mut c.evasion);
        c.lever_cost.clear();
        c.lever_cost.extend(c.pressure.iter().map(|x| 1.0 + p.lever_cost * x));
    }

    fn decide(i: Sid, x: &Look, slots: &mut Slots) -> Option<Sid> {
        choose_policy(i, x, slots)
    }

    fn resolve(x: &mut Act) {
        for (i, d) in x.decisions.iter().enumerate() {
            if let Some(t) = d.sanctions {
                impose(i as Sid, t, SanctionCause::Policy, x.w, &x.m.params.sanctions, x.rec);
            }
        }
        lifecycle(x);
    }

    /// An attributed operation by the actor restarts the quiet spell of every sanction on
    /// the actor that the victim belongs to.
    fn on_attributed(op: &Op, x: &mut Act) {
        for s in x.w.sanctions.iter_mut().filter(|s| s.active && s.target == op.actor) {
            if s.senders.binary_search(&op.target).is_ok() {
                s.quiet = 0;
            }
        }
    }

    fn update_world(x: &mut Act) {
        for (sum, p) in x.rec.tally.sanctions.pressure_sum.iter_mut().zip(&x.ctx.sanctions.pressure) {
            *sum += p;
        }
    }
}
