//! Cyber operations: 001 Table 4 #3 (mutual threats from other states — hacking,
//! espionage — against weak security infrastructure and too few skilled people), 001's
//! cybersecurity component (hacking, digital espionage, cyber sabotage; Estonia 2007,
//! Stuxnet 2010; WannaCry 2017), 002's interference through disinformation and cyber
//! weapons, and 003's backdoors in vendors' products (supply-chain compromise).
//!
//! **Who targets whom.** A state's intent toward a related state has four motives, summed
//! and capped at 1: *political* — hostility (structural rivalry plus grievance) to a
//! power, above a threshold (001 Tables 2-3: each doctrine's rivals); *economic* — commercial
//! espionage against technologically advanced states that are not allies, in proportion to
//! the attacker's `intent.economic` (000: China's economic influence; 003's data theft);
//! *revenue* — theft against rich states, in proportion to `intent.revenue` (North Korea's
//! financial theft: WannaCry, bank and crypto heists); *client* — a vendor's home state's
//! interest in its dependent clients (003 backdoors). The monthly launch chance is
//! base rate x intent x aggression x offence, cut by the target's deterrence (001 Table 5
//! #5), by the collective deterrence of its alliances (`alliances`) and by how likely the
//! attacker expects to fail (attackers pick soft targets).
//!
//! **Outcome.** Success is a logistic contest of the attacker's offence against the
//! target's defence pooled with allies. A sophisticated attacker is less often detected and
//! attributed (stealth); the victim attributes with its law, workforce, allies'
//! intelligence and coordination; an attributed operation becomes *observed* — publicly
//! attributed, as public trackers see it — more often when the victim is an open society
//! (001 Table 4 #8 culture: transparency) and when the operation is severe. Attribution
//! creates grievance and costs trust here, and every mechanism's `on_attributed` reaction
//! (sanctions, alliances, pledges, vendors, responses) runs in registry order. An honoured
//! pledge (003) forgoes the operation it forbids, or (a share `data_security.substitution`)
//! turns it into another kind.
//!
//! Draws: whether to launch against each related state is one word of the actor's
//! per-tick slots (`attacks.launch`); the motive, type, severity and pledge checks of a
//! launched operation come from a stream keyed by the operation's identity
//! (`attacks.choice`); its success, detection, attribution and disclosure from another
//! (`attacks.outcome`), four draws always taken.

use crate::core::{Sid, pow};
use crate::core::rng::{Draw, Purpose, Slots, mix};
use crate::model::record::{Event, EventKind};
use crate::model::world::{Relation, State, World, pledge};
use crate::model::{
    Act, Facts, Look, Mechanism, Metric, Phase, StateMetric, StateVars, data_security, deterrence, filtering,
    public_diplomacy,
};
use crate::{param_group, param_set};
use std::collections::HashMap;

param_group! {
    /// Cyber operations (001 Table 4 #3; 002; 003).
    pub struct AttackParams in "attacks." {
        #[doc = "Monthly chance of an operation against a fully hostile target, per unit of aggression and offence."]
        base_rate: Real = 2.0, [0.0, 20.0], "per month", "assumption: calibrated on the volume of publicly attributed operations (docs/VALIDATION.md); the launch chance is capped at 1 a month per related state";
        #[doc = "Hostility below which a state has no political motive against another."]
        min_hostility: Real = 0.2, [0.0, 1.0], "index", "assumption";
        #[doc = "Exponent of hostility in the launch chance (higher: operations concentrate in the most hostile dyads)."]
        hostility_exponent: Real = 2.5, [0.0, 10.0], "exponent", "assumption: calibration 'a few rival dyads account for most operations' (MODEL-BRIEF)";
        #[doc = "Intelligence interest of a vendor's home state in a fully dependent client, added to hostility (x the client's foreign dependency)."]
        client_interest: Real = 0.1, [0.0, 1.0], "index", "003 backdoors and spyware to obtain users' data (assumption on magnitude)";
        #[doc = "Exponent of a target's economy in its value to economic and revenue motives (diminishing returns on richer targets)."]
        wealth_exponent: Real = 1.0, [0.0, 3.0], "exponent", "assumption: the value of a target grows with its economy";
        #[doc = "Exponent of the attacker's expected success in its launch chance (0: attackers do not pick soft targets)."]
        target_selection: Real = 0.5, [0.0, 5.0], "exponent", "assumption: rational targeting of weakly defended states (001 Table 4 #3 weak security infrastructure attracts attacks)";
        #[doc = "Most operations a state launches in one tick."]
        max_ops: Int = 4, [0, 64], "operations", "assumption";
        #[doc = "Exponent of the contest between offence and weighted defence: success odds = (offence / (defense_weight x shield))^exponent x e^bias."]
        success_exponent: Real = 2.0, [0.0, 10.0], "exponent", "assumption: a Tullock contest (Hirshleifer 1989); sized so that defence matters (issue 11)";
        #[doc = "Weight of the target's shield against the attacker's offence in the success contest."]
        defense_weight: Real = 2.0, [0.0, 10.0], "multiplier", "assumption: defended networks resist most operations of an equal adversary";
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
        #[doc = "Success log-odds bias of financial theft."]
        bias_theft: Real = -0.3, [-10.0, 10.0], "log-odds", "assumption";
        #[doc = "Chance per step that an operation is one severity level higher, per unit of offence."]
        severity_step: Real = 0.25, [0.0, 1.0], "probability", "assumption: calibration 'most operations are of low severity'";
        #[doc = "Security lost per severity level of a successful operation."]
        damage_per_severity: Real = 0.003, [0.0, 1.0], "index", "assumption: scaled with base_rate so that a decade of operations costs a much-targeted state some tenths of its security";
        #[doc = "Damage multiplier of espionage."]
        damage_espionage: Real = 0.5, [0.0, 10.0], "multiplier", "assumption";
        #[doc = "Damage multiplier of disruption."]
        damage_disruption: Real = 1.0, [0.0, 10.0], "multiplier", "assumption";
        #[doc = "Damage multiplier of degradation."]
        damage_degradation: Real = 2.0, [0.0, 10.0], "multiplier", "assumption";
        #[doc = "Damage multiplier of disinformation."]
        damage_disinformation: Real = 0.8, [0.0, 10.0], "multiplier", "assumption";
        #[doc = "Damage multiplier of financial theft (to security)."]
        damage_theft: Real = 0.5, [0.0, 10.0], "multiplier", "assumption";
        #[doc = "Share of the victim's economy lost per unit of theft damage."]
        theft_loss: Real = 0.05, [0.0, 1.0], "share", "assumption on magnitude; pattern from the CFR Cyber Operations Tracker (North Korea's financial theft)";
        #[doc = "Economy the thief gains per unit of the victim's loss (relative to the thief's size: revenue matters most to a small economy)."]
        theft_gain: Real = 0.5, [0.0, 10.0], "share", "002 cryptocurrencies; sanctions evasion by theft (assumption on magnitude)";
        #[doc = "Damage multiplier of supply-chain compromise, per unit of the target's foreign dependency."]
        damage_supply_chain: Real = 2.0, [0.0, 10.0], "multiplier", "001 Table 4 #6 dependence on foreign suppliers (assumption on magnitude)";
        #[doc = "Share of supply-chain weight kept when the attacker is the target's vendor home state, per unit of dependency."]
        supply_chain_access: Real = 1.0, [0.0, 10.0], "multiplier", "003 vendor present in 170+ countries (assumption on magnitude)";
        #[doc = "Soft power lost per unit of disinformation damage."]
        disinfo_soft_power: Real = 3.0, [0.0, 10.0], "multiplier", "002 interference through disinformation (assumption on magnitude: at 1.0 a whole Russian campaign cost the USA 0.0006 of soft power, invisible across runs)";
        #[doc = "Defence lost per unit of degradation damage."]
        degradation_defense: Real = 0.5, [0.0, 10.0], "multiplier", "001 sabotage; Stuxnet (assumption on magnitude)";
        #[doc = "Indigenous capability gained by the attacker per unit of espionage damage (data theft)."]
        espionage_gain: Real = 0.3, [0.0, 10.0], "multiplier", "001 digital espionage; 003 data theft (assumption on magnitude)";
        #[doc = "Chance of detection with no defence."]
        detect_base: Real = 0.3, [0.0, 1.0], "probability", "assumption";
        #[doc = "Detection chance added per unit of effective defence."]
        detect_defense: Real = 0.5, [0.0, 1.0], "probability", "assumption";
        #[doc = "Detection chance removed at full effective offence (x offence^stealth_exponent: sophisticated attackers hide much better)."]
        stealth: Real = 0.4, [0.0, 1.0], "probability", "assumption: advanced persistent threats evade detection (the Equation Group went unnoticed for a decade)";
        #[doc = "Exponent of the attacker's effective offence in stealth (tradecraft grows steeply with capability)."]
        stealth_exponent: Real = 3.0, [0.0, 10.0], "exponent", "assumption";
        #[doc = "Attribution chance removed at full effective offence (x offence^stealth_exponent)."]
        attribution_stealth: Real = 0.2, [0.0, 1.0], "probability", "assumption";
        #[doc = "Chance a detected operation is attributed, with no law or workforce."]
        attribute_base: Real = 0.1, [0.0, 1.0], "probability", "assumption";
        #[doc = "Attribution chance added per unit of digital-law maturity."]
        attribute_law: Real = 0.5, [0.0, 1.0], "probability", "001 Table 4 #4 need to update digital law: a legal basis for forensic evidence and disclosure (assumption on magnitude)";
        #[doc = "Attribution chance added per unit of workforce."]
        attribute_workforce: Real = 0.2, [0.0, 1.0], "probability", "001 Table 4 #3 too few skilled people (assumption on magnitude)";
        #[doc = "Attribution chance added per severity level above 1."]
        attribute_severity: Real = 0.05, [0.0, 1.0], "probability", "assumption";
        #[doc = "Chance an attributed operation is made public when the victim is a closed society (culture 0)."]
        disclose_base: Real = 0.15, [0.0, 1.0], "probability", "assumption: security firms publish some operations whatever the victim does";
        #[doc = "Disclosure chance added per unit of the victim's openness (culture: 1 liberal)."]
        disclose_openness: Real = 0.6, [0.0, 1.0], "probability", "001 features: transparency and public engagement; 001 Table 4 #8 different norms on speech (assumption on magnitude)";
        #[doc = "Disclosure chance added per severity level above 1."]
        disclose_severity: Real = 0.08, [0.0, 1.0], "probability", "assumption: severe operations become public";
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
        #[doc = "Financial theft (cash, cryptocurrencies) for revenue."]
        theft: Real = 0.0, [0.0, 1.0], "weight", "CFR Cyber Operations Tracker category 'financial theft' (North Korea); 001 history: WannaCry (2017)";
    }
}

param_group! {
    /// Motives beyond rivalry: who a state targets and why.
    pub struct Intent in "intent." {
        #[doc = "Commercial-espionage interest in technologically advanced states that are not allies (x their indigenous capability x economy^attacks.wealth_exponent)."]
        economic: Real = 0.0, [0.0, 1.0], "index", "000 China: economic influence through cyber diplomacy; 003 data theft (assumption on magnitude)";
        #[doc = "Revenue interest in rich states (x their economy^attacks.wealth_exponent): theft for money."]
        revenue: Real = 0.0, [0.0, 1.0], "index", "assumption on magnitude; pattern from the CFR Cyber Operations Tracker (North Korea's financial theft)";
    }
}

param_set! {
    /// A state's operation keys: the mix of types and the motives.
    pub struct AttackKeys {
        #[doc = "Operation type mix."]
        ops: OpsMix,
        #[doc = "Motives."]
        intent: Intent,
    }
}

/// Number of operation types.
pub const N_TYPES: usize = 6;

impl OpsMix {
    /// Operation type weights in [`AttackType`] order.
    pub fn weights(&self) -> [f64; N_TYPES] {
        [self.espionage, self.disruption, self.degradation, self.disinformation, self.supply_chain, self.theft]
    }
}

/// Decide: whether to launch an operation against each related state (one word per relation).
pub const LAUNCH: Purpose = Purpose::per_relation("attacks.launch", 0);
/// Decide: a launched operation's type, severity and pledge checks.
pub const CHOICE: Purpose = Purpose::stream("attacks.choice");
/// Resolve: an operation's success, detection, attribution and disclosure.
pub const OUTCOME: Purpose = Purpose::stream("attacks.outcome");

/// A cyber operation resolved.
pub const ATTACK: EventKind = EventKind {
    name: "attack",
    doc: "A cyber operation (attack: type; severity; success; detected; attributed; observed: publicly attributed; value: damage; detail: planned|retaliation|escalation|injected|forgone)",
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
    /// Financial theft for revenue.
    Theft,
}

impl AttackType {
    /// All types, in index order.
    pub const ALL: [AttackType; N_TYPES] = [
        AttackType::Espionage,
        AttackType::Disruption,
        AttackType::Degradation,
        AttackType::Disinformation,
        AttackType::SupplyChain,
        AttackType::Theft,
    ];

    /// Name in files.
    pub fn name(self) -> &'static str {
        match self {
            AttackType::Espionage => "espionage",
            AttackType::Disruption => "disruption",
            AttackType::Degradation => "degradation",
            AttackType::Disinformation => "disinformation",
            AttackType::SupplyChain => "supply_chain",
            AttackType::Theft => "theft",
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
            AttackType::Disruption | AttackType::SupplyChain | AttackType::Theft => 2,
            AttackType::Degradation => 3,
        }
    }

    /// The next rung of the escalation ladder.
    pub fn escalated(self) -> AttackType {
        match self {
            AttackType::Espionage | AttackType::Disinformation | AttackType::Theft => AttackType::Disruption,
            _ => AttackType::Degradation,
        }
    }

    fn bias(self, p: &AttackParams) -> f64 {
        [p.bias_espionage, p.bias_disruption, p.bias_degradation, p.bias_disinformation, p.bias_supply_chain, p.bias_theft]
            [self as usize]
    }

    fn damage(self, p: &AttackParams) -> f64 {
        [
            p.damage_espionage,
            p.damage_disruption,
            p.damage_degradation,
            p.damage_disinformation,
            p.damage_supply_chain,
            p.damage_theft,
        ][self as usize]
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

/// The motives of `i` toward the related state `rel.other`: political, economic, revenue,
/// client (see the module doc), each in [0, 1]. `bits` are the states' alliance bits
/// ([`State::alliance_bits`]).
#[inline]
pub fn motives(p: &AttackParams, w: &World, bits: &[u64], i: Sid, rel: &Relation) -> [f64; 4] {
    let me = &w.states[i as usize];
    let them = &w.states[rel.other as usize];
    let h = rel.hostility();
    let political = if h >= p.min_hostility { pow(h, p.hostility_exponent) } else { 0.0 };
    let intent = &me.p.attacks.intent;
    let ally = || bits[i as usize] & bits[rel.other as usize] != 0 && w.allied(i, rel.other);
    let value =
        if intent.economic + intent.revenue <= 0.0 || ally() { 0.0 } else { pow(them.p.vars.economy, p.wealth_exponent) };
    let economic = intent.economic * them.p.vars.indigenous * value;
    let revenue = intent.revenue * value;
    let client = if them.supplier == Some(i) { p.client_interest * them.p.vars.foreign_dependency } else { 0.0 };
    [political, economic, revenue, client]
}

/// Success chance of an operation of `kind` with effective offence `offense` against a
/// target with effective shield `shield`: a contest whose odds are
/// (offence / (defense_weight x shield))^success_exponent x e^bias.
pub fn success_chance(p: &AttackParams, kind: AttackType, offense: f64, shield: f64) -> f64 {
    contest(p, offense, shield, kind.bias(p).exp())
}

/// [`success_chance`] given e^bias.
fn contest(p: &AttackParams, offense: f64, shield: f64, exp_bias: f64) -> f64 {
    let odds = pow(offense.max(0.0) / (p.defense_weight * shield).max(1e-9), p.success_exponent) * exp_bias;
    odds / (1.0 + odds)
}

/// Decide phase: the operations state `i` launches this tick.
pub fn plan(i: Sid, x: &Look, slots: &mut Slots) -> Vec<Op> {
    let (w, ctx, p) = (x.w, x.ctx, x.p());
    let a_p = &p.attacks;
    let me = &w.states[i as usize];
    let v = &me.p.vars;
    let mut ops = Vec::new();
    if v.aggression <= 0.0 || a_p.max_ops < 1.0 {
        return ops;
    }
    let offense = ctx.ai.offense[i as usize];
    let espionage = AttackType::Espionage.bias(a_p).exp();
    for (k, rel) in w.rel.of(i).iter().enumerate() {
        let t = rel.other;
        let m = motives(a_p, w, &ctx.alliances.bits, i, rel);
        let intent = (m[0] + m[1] + m[2] + m[3]).min(1.0);
        if intent <= 0.0 {
            continue;
        }
        let target = &w.states[t as usize];
        let deterred = deterrence::launch_factor(&p.deterrence, target.p.vars.deterrence)
            * (1.0 - p.alliances.collective_deterrence * ctx.alliances.cover[t as usize]);
        let expected = contest(a_p, offense, ctx.alliances.shield[t as usize], espionage);
        let chance =
            a_p.base_rate * intent * v.aggression * offense * deterred * pow(expected, a_p.target_selection);
        if !slots.chance(&LAUNCH, k, chance) {
            continue;
        }
        let key = u64::from(t);
        let mut rng = x.key.lazy(u64::from(i), u64::from(w.tick), &CHOICE, key);
        let Some(kind) = choose_kind(a_p, i, me, target, &m, offense, &mut rng) else { continue };
        let forbidden = data_security::honoured(&p.data_security, me, target, &mut rng);
        let kind = if forbidden & data_security::pledge_of(kind) == 0 {
            kind
        } else if rng.chance(p.data_security.substitution) {
            // substitute a kind no honoured pledge forbids, from the political mix
            let mut wts = me.p.attacks.ops.weights();
            for k2 in AttackType::ALL {
                if forbidden & data_security::pledge_of(k2) != 0 {
                    wts[k2 as usize] = 0.0;
                }
            }
            match rng.pick(&wts) {
                Some(pick) => AttackType::ALL[pick],
                None => continue,
            }
        } else {
            continue; // the pledge is honoured: the operation is forgone
        };
        let mut severity = kind.base_severity();
        while severity < 5 && rng.chance(a_p.severity_step * offense) {
            severity += 1;
        }
        ops.push(Op { actor: i, target: t, kind, severity, origin: Origin::Planned, key });
        if ops.len() >= a_p.max_ops as usize {
            break;
        }
    }
    ops
}

/// The kind of a launched operation: a motive drawn in proportion to its strength, then a
/// type — the doctrine's mix for a political motive, espionage for an economic one, theft
/// for revenue, a backdoor for a client.
fn choose_kind(
    p: &AttackParams,
    i: Sid,
    me: &State,
    target: &State,
    motives: &[f64; 4],
    offense: f64,
    rng: &mut impl rand::Rng,
) -> Option<AttackType> {
    match rng.pick(motives)? {
        0 => {
            let mut wts = me.p.attacks.ops.weights();
            wts[AttackType::Degradation as usize] *= offense.min(1.0);
            // a backdoor needs the target to run the attacker's products
            let access = if target.supplier == Some(i) { target.p.vars.foreign_dependency } else { 0.0 };
            wts[AttackType::SupplyChain as usize] *= p.supply_chain_access * access;
            rng.pick(&wts).map(|k| AttackType::ALL[k])
        }
        1 => Some(AttackType::Espionage),
        2 => Some(AttackType::Theft),
        _ => Some(AttackType::SupplyChain),
    }
}

/// Resolve phase: the outcome of one operation, its attribution and disclosure, and every
/// mechanism's reaction to an attributed one.
fn resolve_one(op: Op, x: &mut Act) {
    let m = x.m;
    let (p, a_p) = (&m.params, &m.params.attacks);
    let (ctx, tick) = (x.ctx, x.w.tick);
    let (a, t) = (op.actor as usize, op.target as usize);
    let mut rng = x.key.lazy(u64::from(op.actor), u64::from(tick), &OUTCOME, op.key);
    let (u_success, u_detect, u_attribute, u_public) = (rng.unit(), rng.unit(), rng.unit(), rng.unit());
    let offense = ctx.ai.offense[a];
    let success = u_success < success_chance(a_p, op.kind, offense, ctx.alliances.shield[t]);
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
    let detect = a_p.detect_base + a_p.detect_defense * ctx.ai.defense[t].min(1.0) + ctx.alliances.intel[t]
        - a_p.stealth * pow(offense.min(1.0), a_p.stealth_exponent);
    let detected = u_detect < detect;
    let attribute = (a_p.attribute_base
        + a_p.attribute_law * v.law_maturity
        + a_p.attribute_workforce * v.workforce
        + a_p.attribute_severity * f64::from(op.severity - 1)
        + ctx.alliances.intel[t]
        - a_p.attribution_stealth * pow(offense.min(1.0), a_p.stealth_exponent))
        * ctx.coordination.effect[t];
    let attributed = detected && u_attribute < attribute;
    let disclose =
        a_p.disclose_base + a_p.disclose_openness * v.culture + a_p.disclose_severity * f64::from(op.severity - 1);
    let observed = attributed && u_public < disclose;

    let both_pledged = x.w.states[a].pledges & x.w.states[t].pledges & pledge::NO_BACKDOORS != 0;
    let tally = &mut x.rec.tally.attacks;
    tally.by_type[op.kind as usize] += 1;
    tally.severity[usize::from(op.severity - 1)] += 1;
    tally.successes += u32::from(success);
    tally.detected += u32::from(detected);
    tally.attributed += u32::from(attributed);
    tally.damage += dmg;
    *tally.dyads.entry((op.actor, op.target)).or_insert(0) += 1;
    if observed {
        tally.observed_by_type[op.kind as usize] += 1;
        tally.observed_severity[usize::from(op.severity - 1)] += 1;
        *tally.observed_dyads.entry((op.actor, op.target)).or_insert(0) += 1;
        tally.states[a].launched_observed += 1;
        tally.states[t].received_observed += 1;
    }
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
        observed: Some(observed),
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
        AttackType::Theft => {
            let loss = v.economy * a_p.theft_loss * dmg;
            v.economy = (v.economy - loss).max(1e-4);
            let thief = &mut w.states[op.actor as usize].p.vars;
            thief.economy = (thief.economy + a_p.theft_gain * loss).min(1.0);
        }
        AttackType::Disruption | AttackType::SupplyChain => {}
    }
}

/// Security after one month of recovery, given effective defence.
pub fn recover(p: &AttackParams, security: f64, defense: f64) -> f64 {
    let rate = p.recovery * (p.recovery_floor + (1.0 - p.recovery_floor) * defense.min(1.0));
    (security + rate * (1.0 - security)).clamp(0.0, 1.0)
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
    /// Operations launched that became public (observed).
    pub launched_observed: u32,
    /// Operations received that became public (observed).
    pub received_observed: u32,
}

/// Counters over a run.
#[derive(Clone, Debug, Default)]
pub struct AttackTally {
    /// Operations by type.
    pub by_type: [u32; N_TYPES],
    /// Observed (publicly attributed) operations by type.
    pub observed_by_type: [u32; N_TYPES],
    /// Observed operations by severity 1..=5.
    pub observed_severity: [u32; 5],
    /// Observed operations per ordered dyad.
    pub observed_dyads: HashMap<(Sid, Sid), u32>,
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

    /// Observed (publicly attributed) operations of every type.
    pub fn observed(&self) -> u32 {
        self.observed_by_type.iter().sum()
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 0.0 }
}

fn total(x: &Facts) -> f64 {
    f64::from(x.t.attacks.total())
}

/// Share of the operations in `dyads` carried by the busiest fifth of the dyads that saw any.
fn top_dyad_share(dyads: &HashMap<(Sid, Sid), u32>) -> f64 {
    let mut counts: Vec<u32> = dyads.values().copied().collect();
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
            name: "attacks_theft",
            unit: "operations",
            doc: "Financial thefts (cash, cryptocurrencies)",
            f: |x| f64::from(x.t.attacks.by_type[AttackType::Theft as usize]),
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
            f: |x| top_dyad_share(&x.t.attacks.dyads),
        },
        Metric {
            name: "attacks_observed",
            unit: "operations",
            doc: "Operations detected, attributed and made public (what public trackers see)",
            f: |x| f64::from(x.t.attacks.observed()),
        },
        Metric {
            name: "observed_share",
            unit: "share",
            doc: "Share of operations that became public",
            f: |x| ratio(f64::from(x.t.attacks.observed()), total(x)),
        },
        Metric {
            name: "observed_espionage_share",
            unit: "share",
            doc: "Share of observed operations that are espionage",
            f: |x| ratio(f64::from(x.t.attacks.observed_by_type[0]), f64::from(x.t.attacks.observed())),
        },
        Metric {
            name: "observed_theft_share",
            unit: "share",
            doc: "Share of observed operations that are financial theft",
            f: |x| {
                let t = &x.t.attacks;
                ratio(f64::from(t.observed_by_type[AttackType::Theft as usize]), f64::from(t.observed()))
            },
        },
        Metric {
            name: "observed_low_severity_share",
            unit: "share",
            doc: "Share of observed operations of severity 1 or 2 (of 5)",
            f: |x| {
                let t = &x.t.attacks;
                ratio(f64::from(t.observed_severity[0] + t.observed_severity[1]), f64::from(t.observed()))
            },
        },
        Metric {
            name: "observed_top_dyad_share",
            unit: "share",
            doc: "Share of observed operations carried by the busiest 20% of the dyads with any observed operation",
            f: |x| top_dyad_share(&x.t.attacks.observed_dyads),
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
            name: "attacks_launched_observed",
            unit: "operations",
            doc: "Operations it launched that became public (observed)",
            f: |x, i| f64::from(of(x, i).launched_observed),
        },
        StateMetric {
            name: "attacks_received_observed",
            unit: "operations",
            doc: "Operations against it that became public (observed)",
            f: |x, i| f64::from(of(x, i).received_observed),
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
    type Keys = AttackKeys;
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

    fn update_state(i: Sid, x: &Look, next: &mut StateVars) {
        let k = i as usize;
        next.security = recover(&x.p().attacks, x.w.states[k].p.vars.security, x.ctx.ai.defense[k]);
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
    fn logistic_is_monotone_and_centred() {
        assert_eq!(logistic(0.0), 0.5);
        assert!(logistic(1.0) > logistic(0.0));
        assert!(logistic(-50.0) >= 0.0 && logistic(50.0) <= 1.0);
    }
}
