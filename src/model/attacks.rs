//! Cyber operations: 001 Table 4 #3 (mutual threats from other states — hacking,
//! espionage — against weak security infrastructure and too few skilled people), 001's
//! cybersecurity component (hacking, digital espionage, cyber sabotage; Estonia 2007,
//! Stuxnet 2010), 002's interference through disinformation and cyber weapons, and 003's
//! backdoors in vendors' products (supply-chain compromise).
//!
//! Mechanism: each state plans operations against the states it is hostile to (structural
//! rivalry plus grievance) and, as a vendor's home state, against its dependent clients,
//! deterred by the target's deterrence (001 Table 5 #5). An operation succeeds with a
//! logistic probability of attacker offence against the target's defence pooled with
//! allies; it may be detected and then attributed (defence, digital law, workforce,
//! allies' intelligence, coordination). Attribution creates grievance and costs trust
//! here, and every mechanism's `on_attributed` reaction (sanctions, alliances, pledges,
//! vendors, responses) runs in registry order. Pledges (003) forbid types when honoured.
//!
//! Draws: whether to launch against each related state is one word of the actor's
//! per-tick slots (`attacks.launch`, one per relation); the type, severity and pledge
//! checks of a launched operation come from a stream keyed by the operation's identity
//! (`attacks.choice`); its success, detection and attribution from another
//! (`attacks.outcome`), three draws always taken.

use crate::core::Sid;
use crate::core::rng::{Draw, Purpose, Slots, mix};
use crate::model::record::{Event, EventKind};
use crate::model::world::{World, pledge};
use crate::model::{
    Act, Facts, Look, Mechanism, Metric, Phase, StateMetric, StateParams, data_security, deterrence, filtering,
    public_diplomacy,
};
use crate::param_group;
use std::collections::HashMap;

param_group! {
    /// Cyber operations (001 Table 4 #3; 002; 003).
    pub struct AttackParams in "attacks." {
        #[doc = "Monthly chance of an operation against a fully hostile target, per unit of aggression and offence."]
        base_rate: Real = 0.25, [0.0, 1.0], "per month", "assumption: calibrated so that a few rival dyads carry most operations (MODEL-BRIEF calibration)";
        #[doc = "Hostility below which a state does not target another."]
        min_hostility: Real = 0.2, [0.0, 1.0], "index", "assumption";
        #[doc = "Exponent of hostility in the launch chance (higher: operations concentrate in the most hostile dyads)."]
        hostility_exponent: Real = 2.5, [0.0, 10.0], "exponent", "assumption: calibration 'a few rival dyads account for most operations' (MODEL-BRIEF)";
        #[doc = "Intelligence interest of a vendor's home state in a fully dependent client, added to hostility (x the client's foreign dependency)."]
        client_interest: Real = 0.3, [0.0, 1.0], "index", "003 backdoors and spyware to obtain users' data (assumption on magnitude)";
        #[doc = "Most operations a state launches in one tick."]
        max_ops: Int = 4, [0, 64], "operations", "assumption";
        #[doc = "Steepness of success in offence minus defence."]
        success_slope: Real = 3.0, [0.0, 50.0], "per unit", "assumption";
        #[doc = "Success log-odds bias of espionage (easiest)."]
        bias_espionage: Real = 0.0, [-10.0, 10.0], "log-odds", "assumption";
        #[doc = "Success log-odds bias of disruption."]
        bias_disruption: Real = -0.5, [-10.0, 10.0], "log-odds", "assumption";
        #[doc = "Success log-odds bias of degradation (hardest)."]
        bias_degradation: Real = -2.0, [-10.0, 10.0], "log-odds", "assumption";
        #[doc = "Success log-odds bias of disinformation."]
        bias_disinformation: Real = 0.3, [-10.0, 10.0], "log-odds", "assumption";
        #[doc = "Success log-odds bias of supply-chain compromise (trusted access)."]
        bias_supply_chain: Real = 0.5, [-10.0, 10.0], "log-odds", "003 backdoors give trusted access (assumption on magnitude)";
        #[doc = "Chance per step that an operation is one severity level higher, per unit of offence."]
        severity_step: Real = 0.25, [0.0, 1.0], "probability", "assumption: calibration 'most operations are of low severity'";
        #[doc = "Security lost per severity level of a successful operation."]
        damage_per_severity: Real = 0.02, [0.0, 1.0], "index", "assumption";
        #[doc = "Damage multiplier of espionage."]
        damage_espionage: Real = 0.5, [0.0, 10.0], "multiplier", "assumption";
        #[doc = "Damage multiplier of disruption."]
        damage_disruption: Real = 1.0, [0.0, 10.0], "multiplier", "assumption";
        #[doc = "Damage multiplier of degradation."]
        damage_degradation: Real = 2.0, [0.0, 10.0], "multiplier", "assumption";
        #[doc = "Damage multiplier of disinformation."]
        damage_disinformation: Real = 0.8, [0.0, 10.0], "multiplier", "assumption";
        #[doc = "Damage multiplier of supply-chain compromise, per unit of the target's foreign dependency."]
        damage_supply_chain: Real = 2.0, [0.0, 10.0], "multiplier", "001 Table 4 #6 dependence on foreign suppliers (assumption on magnitude)";
        #[doc = "Share of supply-chain weight kept when the attacker is the target's vendor home state, per unit of dependency."]
        supply_chain_access: Real = 1.0, [0.0, 10.0], "multiplier", "003 vendor present in 170+ countries (assumption on magnitude)";
        #[doc = "Soft power lost per unit of disinformation damage."]
        disinfo_soft_power: Real = 1.0, [0.0, 10.0], "multiplier", "002 interference through disinformation (assumption on magnitude)";
        #[doc = "Defence lost per unit of degradation damage."]
        degradation_defense: Real = 0.5, [0.0, 10.0], "multiplier", "001 sabotage; Stuxnet (assumption on magnitude)";
        #[doc = "Indigenous capability gained by the attacker per unit of espionage damage (data theft)."]
        espionage_gain: Real = 0.3, [0.0, 10.0], "multiplier", "001 digital espionage; 003 data theft (assumption on magnitude)";
        #[doc = "Chance of detection with no defence."]
        detect_base: Real = 0.3, [0.0, 1.0], "probability", "assumption";
        #[doc = "Detection chance added per unit of effective defence."]
        detect_defense: Real = 0.5, [0.0, 1.0], "probability", "assumption";
        #[doc = "Chance a detected operation is attributed, with no law or workforce."]
        attribute_base: Real = 0.2, [0.0, 1.0], "probability", "assumption";
        #[doc = "Attribution chance added per unit of digital-law maturity."]
        attribute_law: Real = 0.3, [0.0, 1.0], "probability", "001 Table 4 #4 need to update digital law (assumption on magnitude)";
        #[doc = "Attribution chance added per unit of workforce."]
        attribute_workforce: Real = 0.2, [0.0, 1.0], "probability", "001 Table 4 #3 too few skilled people (assumption on magnitude)";
        #[doc = "Attribution chance added per severity level above 1."]
        attribute_severity: Real = 0.05, [0.0, 1.0], "probability", "assumption";
        #[doc = "Grievance added per severity level of an attributed operation."]
        grievance_per_severity: Real = 0.06, [0.0, 1.0], "index", "assumption";
        #[doc = "Monthly share of lost security recovered at full effective defence."]
        recovery: Real = 0.1, [0.0, 1.0], "per month", "001 Table 1 security: more efficient response to threats and crises (assumption on magnitude)";
        #[doc = "Share of the recovery rate a state with no effective defence still gets."]
        recovery_floor: Real = 0.5, [0.0, 1.0], "share", "assumption";
        #[doc = "Trust lost per severity level of an attributed operation."]
        trust_loss: Real = 0.04, [0.0, 1.0], "index", "001 Table 4 #2 (assumption on magnitude)";
    }
}

param_group! {
    /// Mix of operation types a state chooses from (weights, normalised).
    pub struct OpsMix in "ops." {
        #[doc = "Espionage and data theft."]
        espionage: Real = 0.6, [0.0, 1.0], "weight", "001 component 1 digital espionage; calibration: espionage most common (MODEL-BRIEF)";
        #[doc = "Disruption of services (Estonia 2007-like)."]
        disruption: Real = 0.12, [0.0, 1.0], "weight", "001 history: attack on Estonia (2007); assumption on weight";
        #[doc = "Degradation and sabotage of infrastructure (Stuxnet-like)."]
        degradation: Real = 0.03, [0.0, 1.0], "weight", "001 component 1 cyber sabotage; Stuxnet (2010); assumption on weight";
        #[doc = "Disinformation and influence operations."]
        disinformation: Real = 0.2, [0.0, 1.0], "weight", "002 interference through disinformation and fake news; 001 Table 1 threats";
        #[doc = "Supply-chain compromise through backdoors in a vendor's products."]
        supply_chain: Real = 0.05, [0.0, 1.0], "weight", "003 backdoors and spyware in products; assumption on weight";
    }
}

impl OpsMix {
    /// Operation type weights in [`AttackType`] order.
    pub fn weights(&self) -> [f64; 5] {
        [self.espionage, self.disruption, self.degradation, self.disinformation, self.supply_chain]
    }
}

/// Decide: whether to launch an operation against each related state (one word per relation).
pub const LAUNCH: Purpose = Purpose::per_relation("attacks.launch", 0);
/// Decide: a launched operation's type, severity and pledge checks.
pub const CHOICE: Purpose = Purpose::stream("attacks.choice");
/// Resolve: an operation's success, detection and attribution.
pub const OUTCOME: Purpose = Purpose::stream("attacks.outcome");

/// A cyber operation resolved.
pub const ATTACK: EventKind = EventKind {
    name: "attack",
    doc: "A cyber operation (attack: type; severity; success; detected; attributed; value: damage; detail: planned|retaliation|escalation|injected)",
};

/// Operation types (MODEL-BRIEF §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum AttackType {
    /// Espionage and data theft.
    Espionage,
    /// Disruption of services.
    Disruption,
    /// Degradation, sabotage.
    Degradation,
    /// Disinformation and influence operations.
    Disinformation,
    /// Supply-chain compromise via a vendor's backdoor.
    SupplyChain,
}

impl AttackType {
    /// All types, in index order.
    pub const ALL: [AttackType; 5] = [
        AttackType::Espionage,
        AttackType::Disruption,
        AttackType::Degradation,
        AttackType::Disinformation,
        AttackType::SupplyChain,
    ];

    /// Name in files.
    pub fn name(self) -> &'static str {
        match self {
            AttackType::Espionage => "espionage",
            AttackType::Disruption => "disruption",
            AttackType::Degradation => "degradation",
            AttackType::Disinformation => "disinformation",
            AttackType::SupplyChain => "supply_chain",
        }
    }

    /// The type with this name.
    pub fn from_name(name: &str) -> Option<AttackType> {
        Self::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Lowest severity of this type.
    pub fn base_severity(self) -> u8 {
        match self {
            AttackType::Espionage | AttackType::Disinformation => 1,
            AttackType::Disruption | AttackType::SupplyChain => 2,
            AttackType::Degradation => 3,
        }
    }

    /// The next rung of the escalation ladder.
    pub fn escalated(self) -> AttackType {
        match self {
            AttackType::Espionage | AttackType::Disinformation => AttackType::Disruption,
            _ => AttackType::Degradation,
        }
    }

    fn bias(self, p: &AttackParams) -> f64 {
        [p.bias_espionage, p.bias_disruption, p.bias_degradation, p.bias_disinformation, p.bias_supply_chain]
            [self as usize]
    }

    fn damage(self, p: &AttackParams) -> f64 {
        [p.damage_espionage, p.damage_disruption, p.damage_degradation, p.damage_disinformation, p.damage_supply_chain]
            [self as usize]
    }
}

/// Why an operation happens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Chosen in the decide phase.
    Planned,
    /// Retaliation in kind for an attributed operation.
    Retaliation,
    /// Escalation: a counter-operation one rung higher.
    Escalation,
    /// Forced by a scripted inject.
    Injected,
}

impl Origin {
    /// Name in events.csv.
    pub fn name(self) -> &'static str {
        match self {
            Origin::Planned => "planned",
            Origin::Retaliation => "retaliation",
            Origin::Escalation => "escalation",
            Origin::Injected => "injected",
        }
    }
}

/// One cyber operation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Op {
    /// Attacker.
    pub actor: Sid,
    /// Target.
    pub target: Sid,
    /// Type.
    pub kind: AttackType,
    /// Severity 1 (low) to 5 (high).
    pub severity: u8,
    /// Why it happens.
    pub origin: Origin,
    /// Identity among the actor's operations of its tick, for stream keys: the target for
    /// a planned operation, the triggering operation for a counter-operation, the inject's
    /// index for an injected one.
    pub key: u64,
}

impl Op {
    /// The counter-operation of `kind` and `severity` that `self`'s victim launches next tick.
    pub fn counter(&self, kind: AttackType, severity: u8, origin: Origin) -> Op {
        let trigger = mix(self.key ^ (u64::from(self.actor) << 32) ^ u64::from(self.target));
        Op { actor: self.target, target: self.actor, kind, severity, origin, key: (trigger >> 2) | ((origin as u64) << 62) }
    }
}

/// Decide phase: the operations state `i` launches this tick.
pub fn plan(i: Sid, x: &Look, slots: &mut Slots) -> Vec<Op> {
    let (w, ctx, p) = (x.w, x.ctx, x.p());
    let me = &w.states[i as usize];
    let v = &me.p.vars;
    let mut ops = Vec::new();
    if v.aggression <= 0.0 || p.attacks.max_ops < 1.0 {
        return ops;
    }
    let offense = ctx.ai.offense[i as usize];
    let mix = me.p.attacks.weights();
    for (k, rel) in w.rel.of(i).iter().enumerate() {
        let t = rel.other;
        let target = &w.states[t as usize];
        let client = target.supplier == Some(i);
        let hostile = rel.hostility() >= p.attacks.min_hostility;
        if !hostile && !client {
            continue;
        }
        let interest = if client { p.attacks.client_interest * target.p.vars.foreign_dependency } else { 0.0 };
        let h = (rel.hostility() + interest).min(1.0);
        let deterred = deterrence::launch_factor(&p.deterrence, target.p.vars.deterrence);
        let chance = p.attacks.base_rate * power(h, p.attacks.hostility_exponent) * v.aggression * offense * deterred;
        if !slots.chance(&LAUNCH, k, chance) {
            continue;
        }
        let key = u64::from(t);
        let mut rng = x.key.lazy(u64::from(i), u64::from(w.tick), &CHOICE, key);
        let mut wts = if hostile { mix } else { [0.0, 0.0, 0.0, 0.0, 1.0] };
        let access = if client { target.p.vars.foreign_dependency } else { 0.0 };
        wts[AttackType::SupplyChain as usize] *= p.attacks.supply_chain_access * access;
        wts[AttackType::Degradation as usize] *= offense.min(1.0);
        let forbidden = data_security::honoured(&p.data_security, me, target, &mut rng);
        for kind in AttackType::ALL {
            if forbidden & data_security::pledge_of(kind) != 0 {
                wts[kind as usize] = 0.0;
            }
        }
        let Some(pick) = rng.pick(&wts) else { continue };
        let kind = AttackType::ALL[pick];
        let mut severity = kind.base_severity();
        while severity < 5 && rng.chance(p.attacks.severity_step * offense) {
            severity += 1;
        }
        ops.push(Op { actor: i, target: t, kind, severity, origin: Origin::Planned, key });
        if ops.len() >= p.attacks.max_ops as usize {
            break;
        }
    }
    ops
}

/// Resolve phase: the outcome of one operation, its attribution and every mechanism's
/// reaction to an attributed one.
fn resolve_one(op: Op, x: &mut Act) {
    let m = x.m;
    let (p, a_p) = (&m.params, &m.params.attacks);
    let (ctx, tick) = (x.ctx, x.w.tick);
    let (a, t) = (op.actor as usize, op.target as usize);
    let mut rng = x.key.lazy(u64::from(op.actor), u64::from(tick), &OUTCOME, op.key);
    let chance = logistic(a_p.success_slope * (ctx.ai.offense[a] - ctx.alliances.shield[t]) + op.kind.bias(a_p));
    let (u_success, u_detect, u_attribute) = (rng.unit(), rng.unit(), rng.unit());
    let success = u_success < chance;
    let mut dmg = 0.0;
    if success {
        dmg = f64::from(op.severity) * a_p.damage_per_severity * op.kind.damage(a_p);
        let victim = &x.w.states[t].p.vars;
        match op.kind {
            AttackType::Disinformation => {
                dmg *= filtering::disinfo_factor(&p.filtering, ctx.filtering.of[t]);
                dmg *= public_diplomacy::resilience(&p.public_diplomacy, victim.soft_power);
            }
            AttackType::SupplyChain => dmg *= victim.foreign_dependency,
            _ => {}
        }
        apply_damage(op, dmg, x.w, a_p);
    }
    let v = &x.w.states[t].p.vars;
    let detect = a_p.detect_base + a_p.detect_defense * ctx.ai.defense[t].min(1.0) + ctx.alliances.intel[t];
    let detected = u_detect < detect;
    let attribute = (a_p.attribute_base
        + a_p.attribute_law * v.law_maturity
        + a_p.attribute_workforce * v.workforce
        + a_p.attribute_severity * f64::from(op.severity - 1)
        + ctx.alliances.intel[t])
        * ctx.coordination.effect[t];
    let attributed = detected && u_attribute < attribute;

    let both_pledged = x.w.states[a].pledges & x.w.states[t].pledges & pledge::NO_BACKDOORS != 0;
    let tally = &mut x.rec.tally.attacks;
    tally.by_type[op.kind as usize] += 1;
    tally.severity[usize::from(op.severity - 1)] += 1;
    tally.successes += u32::from(success);
    tally.detected += u32::from(detected);
    tally.attributed += u32::from(attributed);
    tally.damage += dmg;
    *tally.dyads.entry((op.actor, op.target)).or_insert(0) += 1;
    tally.states[a].launched += 1;
    let ts = &mut tally.states[t];
    ts.received += 1;
    ts.hit += u32::from(success);
    ts.attributed += u32::from(attributed);
    ts.damage += dmg;
    if op.kind == AttackType::Disinformation {
        ts.disinfo_damage += dmg;
    }
    if op.kind == AttackType::SupplyChain {
        ts.supply_chain += 1;
        tally.supply_chain_between_pledged += u32::from(both_pledged);
    }
    x.rec.event(|| Event {
        attack: Some(op.kind.name()),
        severity: op.severity,
        success: Some(success),
        detected: Some(detected),
        attributed: Some(attributed),
        value: dmg,
        injected: op.origin == Origin::Injected,
        detail: op.origin.name().to_string(),
        ..Event::new(tick, ATTACK, op.actor, Some(op.target))
    });
    if attributed {
        if let Some(r) = x.w.rel.get_mut(op.target, op.actor) {
            let sev = f64::from(op.severity);
            r.grievance = (r.grievance + a_p.grievance_per_severity * sev).min(1.0);
            r.trust = (r.trust - a_p.trust_loss * sev).max(0.0);
        }
        crate::model::on_attributed(&op, x);
    }
}

fn apply_damage(op: Op, dmg: f64, w: &mut World, a_p: &AttackParams) {
    let victim = &mut w.states[op.target as usize];
    victim.damage += dmg;
    let v = &mut victim.p.vars;
    v.security = (v.security - dmg).max(0.0);
    match op.kind {
        AttackType::Disinformation => v.soft_power = (v.soft_power - a_p.disinfo_soft_power * dmg).max(0.0),
        AttackType::Degradation => v.defense = (v.defense - a_p.degradation_defense * dmg).max(0.0),
        AttackType::Espionage => {
            let thief = &mut w.states[op.actor as usize].p.vars;
            thief.indigenous = (thief.indigenous + a_p.espionage_gain * dmg * (1.0 - thief.indigenous)).min(1.0);
        }
        AttackType::Disruption | AttackType::SupplyChain => {}
    }
}

/// Security after one month of recovery, given effective defence.
pub fn recover(p: &AttackParams, security: f64, defense: f64) -> f64 {
    let rate = p.recovery * (p.recovery_floor + (1.0 - p.recovery_floor) * defense.min(1.0));
    (security + rate * (1.0 - security)).clamp(0.0, 1.0)
}

/// `x^e` for x >= 0, without the general `powf` for the common half-integer exponents.
pub fn power(x: f64, e: f64) -> f64 {
    match e {
        1.0 => x,
        2.0 => x * x,
        2.5 => x * x * x.sqrt(),
        3.0 => x * x * x,
        _ => x.powf(e),
    }
}

/// The logistic function.
pub fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// Per-state counters over a run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StateTally {
    /// Operations launched.
    pub launched: u32,
    /// Operations received.
    pub received: u32,
    /// Successful operations received.
    pub hit: u32,
    /// Operations received that were attributed to their actor.
    pub attributed: u32,
    /// Total damage suffered.
    pub damage: f64,
    /// Damage from disinformation.
    pub disinfo_damage: f64,
    /// Supply-chain operations received.
    pub supply_chain: u32,
}

/// Counters over a run.
#[derive(Clone, Debug, Default)]
pub struct AttackTally {
    /// Operations by type.
    pub by_type: [u32; 5],
    /// Successful operations.
    pub successes: u32,
    /// Detected operations.
    pub detected: u32,
    /// Attributed operations.
    pub attributed: u32,
    /// Operations by severity 1..=5 (index 0 = severity 1).
    pub severity: [u32; 5],
    /// Total damage.
    pub damage: f64,
    /// Operations per ordered dyad (actor, target).
    pub dyads: HashMap<(Sid, Sid), u32>,
    /// Supply-chain operations between two states that both hold the no-backdoors pledge.
    pub supply_chain_between_pledged: u32,
    /// Per-state counters.
    pub states: Vec<StateTally>,
}

impl AttackTally {
    /// Operations of every type.
    pub fn total(&self) -> u32 {
        self.by_type.iter().sum()
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 0.0 }
}

fn total(x: &Facts) -> f64 {
    f64::from(x.t.attacks.total())
}

/// Share of operations carried by the busiest fifth of the dyads that saw any.
fn top_dyad_share(x: &Facts) -> f64 {
    let mut counts: Vec<u32> = x.t.attacks.dyads.values().copied().collect();
    counts.sort_unstable_by(|a, b| b.cmp(a));
    let k = counts.len().div_ceil(5);
    ratio(f64::from(counts.iter().take(k).sum::<u32>()), f64::from(counts.iter().sum::<u32>()))
}

fn of<'a>(x: &'a Facts, i: Sid) -> &'a StateTally {
    &x.t.attacks.states[i as usize]
}

/// The mechanism.
pub struct Attacks;

impl Mechanism for Attacks {
    const SOURCE: &'static str = "001 Table 4 #3 cyber security and threats; 001 component 1 (hacking, espionage, sabotage); 002 disinformation, cyber weapons; 003 backdoors";
    const PHASES: &'static [Phase] = &[Phase::Decide, Phase::Resolve, Phase::UpdateState];
    const OWNS: &'static [&'static str] = &["security"];
    const PURPOSES: &'static [Purpose] = &[LAUNCH, CHOICE, OUTCOME];
    const EVENTS: &'static [EventKind] = &[ATTACK];
    const METRICS: &'static [Metric] = &[
        Metric {
            name: "attacks",
            unit: "operations",
            doc: "Cyber operations launched, all types (incl. retaliation and injected)",
            f: total,
        },
        Metric {
            name: "attacks_espionage",
            unit: "operations",
            doc: "Espionage operations",
            f: |x| f64::from(x.t.attacks.by_type[AttackType::Espionage as usize]),
        },
        Metric {
            name: "attacks_disruption",
            unit: "operations",
            doc: "Disruption operations",
            f: |x| f64::from(x.t.attacks.by_type[AttackType::Disruption as usize]),
        },
        Metric {
            name: "attacks_degradation",
            unit: "operations",
            doc: "Degradation (sabotage) operations",
            f: |x| f64::from(x.t.attacks.by_type[AttackType::Degradation as usize]),
        },
        Metric {
            name: "attacks_disinformation",
            unit: "operations",
            doc: "Disinformation and influence operations",
            f: |x| f64::from(x.t.attacks.by_type[AttackType::Disinformation as usize]),
        },
        Metric {
            name: "attacks_supply_chain",
            unit: "operations",
            doc: "Supply-chain compromises (backdoors)",
            f: |x| f64::from(x.t.attacks.by_type[AttackType::SupplyChain as usize]),
        },
        Metric {
            name: "espionage_share",
            unit: "share",
            doc: "Share of operations that are espionage",
            f: |x| ratio(f64::from(x.t.attacks.by_type[0]), total(x)),
        },
        Metric {
            name: "success_rate",
            unit: "share",
            doc: "Share of operations that succeeded",
            f: |x| ratio(f64::from(x.t.attacks.successes), total(x)),
        },
        Metric {
            name: "detection_rate",
            unit: "share",
            doc: "Share of operations detected",
            f: |x| ratio(f64::from(x.t.attacks.detected), total(x)),
        },
        Metric {
            name: "attribution_rate",
            unit: "share",
            doc: "Share of operations attributed to their actor",
            f: |x| ratio(f64::from(x.t.attacks.attributed), total(x)),
        },
        Metric {
            name: "low_severity_share",
            unit: "share",
            doc: "Share of operations of severity 1 or 2 (of 5)",
            f: |x| ratio(f64::from(x.t.attacks.severity[0] + x.t.attacks.severity[1]), total(x)),
        },
        Metric {
            name: "top_dyad_share",
            unit: "share",
            doc: "Share of operations carried by the busiest 20% of the attacker-target dyads that saw any",
            f: top_dyad_share,
        },
        Metric {
            name: "damage_total",
            unit: "security units",
            doc: "Total damage of successful operations",
            f: |x| x.t.attacks.damage,
        },
        Metric {
            name: "mean_security",
            unit: "index 0-1",
            doc: "Mean security of all states at the end",
            f: |x| x.w.states.iter().map(|s| s.p.vars.security).sum::<f64>() / x.w.len().max(1) as f64,
        },
    ];
    const STATE_METRICS: &'static [StateMetric] = &[
        StateMetric {
            name: "attacks_launched",
            unit: "operations",
            doc: "Operations it launched",
            f: |x, i| f64::from(of(x, i).launched),
        },
        StateMetric {
            name: "attacks_received",
            unit: "operations",
            doc: "Operations against it",
            f: |x, i| f64::from(of(x, i).received),
        },
        StateMetric {
            name: "successful_attacks_received",
            unit: "operations",
            doc: "Successful operations against it",
            f: |x, i| f64::from(of(x, i).hit),
        },
        StateMetric {
            name: "success_rate_received",
            unit: "share",
            doc: "Share of operations against it that succeeded (0 if none)",
            f: |x, i| ratio(f64::from(of(x, i).hit), f64::from(of(x, i).received)),
        },
        StateMetric {
            name: "attribution_rate_received",
            unit: "share",
            doc: "Share of operations against it that it attributed (0 if none)",
            f: |x, i| ratio(f64::from(of(x, i).attributed), f64::from(of(x, i).received)),
        },
        StateMetric {
            name: "damage_received",
            unit: "security units",
            doc: "Damage it suffered",
            f: |x, i| of(x, i).damage,
        },
        StateMetric {
            name: "disinformation_damage",
            unit: "security units",
            doc: "Damage it suffered from disinformation",
            f: |x, i| of(x, i).disinfo_damage,
        },
        StateMetric {
            name: "supply_chain_received",
            unit: "operations",
            doc: "Supply-chain operations against it",
            f: |x, i| f64::from(of(x, i).supply_chain),
        },
    ];
    type Params = AttackParams;
    type Keys = OpsMix;
    type Snapshot = ();
    /// Operations launched.
    type Decision = Vec<Op>;
    type Tally = AttackTally;

    fn tally(n: usize) -> AttackTally {
        AttackTally { states: vec![StateTally::default(); n], ..AttackTally::default() }
    }

    fn decide(i: Sid, x: &Look, slots: &mut Slots) -> Vec<Op> {
        plan(i, x, slots)
    }

    /// Operations queued last tick (counter-operations, injects) first, then this tick's
    /// in state order.
    fn resolve(x: &mut Act) {
        for s in &mut x.w.states {
            s.damage = 0.0;
        }
        let queued = std::mem::take(&mut x.w.queued);
        let planned = x.decisions.iter().flat_map(|d| d.attacks.iter().copied());
        let ops: Vec<Op> = queued.into_iter().chain(planned).collect();
        for op in ops {
            resolve_one(op, x);
        }
    }

    fn update_state(i: Sid, x: &Look, next: &mut StateParams) {
        let k = i as usize;
        next.vars.security = recover(&x.p().attacks, x.w.states[k].p.vars.security, x.ctx.ai.defense[k]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_ladder_climbs() {
        for t in AttackType::ALL {
            assert_eq!(AttackType::from_name(t.name()), Some(t));
            assert!(t.escalated().base_severity() >= t.base_severity());
        }
        assert_eq!(AttackType::Espionage.escalated(), AttackType::Disruption);
        assert_eq!(AttackType::Disruption.escalated(), AttackType::Degradation);
    }

    #[test]
    fn counter_operations_have_distinct_keys() {
        let op = Op { actor: 1, target: 2, kind: AttackType::Espionage, severity: 1, origin: Origin::Planned, key: 2 };
        let r = op.counter(AttackType::Espionage, 1, Origin::Retaliation);
        let e = op.counter(AttackType::Disruption, 2, Origin::Escalation);
        assert_eq!((r.actor, r.target), (2, 1));
        assert_ne!(r.key, e.key);
        let other = Op { actor: 3, ..op };
        assert_ne!(other.counter(AttackType::Espionage, 1, Origin::Retaliation).key, r.key);
    }

    #[test]
    fn power_matches_powf() {
        for e in [0.5, 1.0, 2.0, 2.5, 3.0, 4.2] {
            for x in [0.0, 0.1, 0.5, 0.99, 1.0] {
                assert!((power(x, e) - x.powf(e)).abs() < 1e-12, "{x}^{e}");
            }
        }
    }

    #[test]
    fn logistic_is_monotone_and_centred() {
        assert_eq!(logistic(0.0), 0.5);
        assert!(logistic(1.0) > logistic(0.0));
        assert!(logistic(-50.0) >= 0.0 && logistic(50.0) <= 1.0);
    }
}
