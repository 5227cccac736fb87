//! Cyber operations: 001 Table 4 #3 (mutual threats from other states — hacking,
//! espionage — against weak security infrastructure and too few skilled people), 001's
//! cybersecurity component (hacking, digital espionage, cyber sabotage; Estonia 2007,
//! Stuxnet 2010), 002's interference through disinformation and cyber weapons, and 003's
//! backdoors in vendors' products (supply-chain compromise).
//!
//! Mechanism: each state plans operations against the states it is hostile to (structural
//! rivalry plus grievance), deterred by the target's deterrence (001 Table 5 #5). An
//! operation succeeds with a logistic probability of attacker offence against the target's
//! defence pooled with allies; it may be detected and then attributed (defence, digital law,
//! workforce, allies' intelligence, coordination); attribution creates grievance and a
//! response (see `responses`). Pledges (003) forbid types when honoured.

use crate::engine::context::Context;
use crate::engine::record::{Event, EventKind, Recorder};
use crate::engine::rng::{Draw, Purpose, RunKey};
use crate::engine::world::{Sid, World, pledge};
use crate::model::{
    Params, alliances, data_security, deterrence, filtering, public_diplomacy, responses, sanctions, vendors,
};
use crate::param_group;
use rand::Rng;

param_group! {
    /// Cyber operations (001 Table 4 #3; 002; 003).
    pub struct AttackParams in "attack." {
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
        #[doc = "Monthly share of lost security recovered at full effective defence (half at none)."]
        recovery: Real = 0.1, [0.0, 1.0], "per month", "001 Table 1 security: more efficient response to threats and crises (assumption on magnitude)";
        #[doc = "Trust lost per severity level of an attributed operation."]
        trust_loss: Real = 0.04, [0.0, 1.0], "index", "001 Table 4 #2 (assumption on magnitude)";
    }
}

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
}

/// Decide phase: the operations state `i` launches this tick.
pub fn plan(i: Sid, w: &World, ctx: &Context, p: &Params, rng: &mut impl Rng) -> Vec<Op> {
    let me = &w.states[i as usize];
    let v = &me.p.vars;
    let mut ops = Vec::new();
    if v.aggression <= 0.0 || p.attack.max_ops < 1.0 {
        return ops;
    }
    let mix = me.p.ops_weights();
    for rel in w.rel.of(i) {
        let t = rel.other;
        let target = &w.states[t as usize];
        let client = target.supplier == Some(i);
        let hostile = rel.hostility() >= p.attack.min_hostility;
        if !hostile && !client {
            continue;
        }
        let interest = if client { p.attack.client_interest * target.p.vars.foreign_dependency } else { 0.0 };
        let h = (rel.hostility() + interest).min(1.0);
        let deterred = deterrence::launch_factor(&p.deterrence, target.p.vars.deterrence);
        let chance = p.attack.base_rate
            * power(h, p.attack.hostility_exponent)
            * v.aggression
            * ctx.offense[i as usize]
            * deterred;
        if !rng.chance(chance) {
            continue;
        }
        let mut wts = if hostile { mix } else { [0.0, 0.0, 0.0, 0.0, 1.0] };
        let access = if client { target.p.vars.foreign_dependency } else { 0.0 };
        wts[AttackType::SupplyChain as usize] *= p.attack.supply_chain_access * access;
        wts[AttackType::Degradation as usize] *= ctx.offense[i as usize].min(1.0);
        let forbidden = data_security::honoured(&p.dsi, me, target, rng);
        for k in AttackType::ALL {
            if forbidden & data_security::pledge_of(k) != 0 {
                wts[k as usize] = 0.0;
            }
        }
        let Some(k) = rng.pick(&wts) else { continue };
        let kind = AttackType::ALL[k];
        let mut severity = kind.base_severity();
        while severity < 5 && rng.chance(p.attack.severity_step * ctx.offense[i as usize]) {
            severity += 1;
        }
        ops.push(Op { actor: i, target: t, kind, severity, origin: Origin::Planned });
        if ops.len() >= p.attack.max_ops as usize {
            break;
        }
    }
    ops
}

/// Resolve phase: the outcome of one operation, its attribution and the victim's response.
/// `seq` numbers the operations of the tick in resolution order.
#[allow(clippy::too_many_arguments)]
pub fn resolve(
    op: Op,
    seq: u64,
    w: &mut World,
    ctx: &Context,
    p: &Params,
    key: &RunKey,
    damage: &mut [f64],
    rec: &mut Recorder,
) {
    let tick = w.tick;
    let (a, t) = (op.actor as usize, op.target as usize);
    let mut rng = key.stream(op.actor as u64, tick as u64, Purpose::Attack, seq);
    let a_p = &p.attack;
    let chance = logistic(a_p.success_slope * (ctx.offense[a] - ctx.shield[t]) + op.kind.bias(a_p));
    let success = rng.chance(chance);
    let mut dmg = 0.0;
    if success {
        dmg = f64::from(op.severity) * a_p.damage_per_severity * op.kind.damage(a_p);
        let victim = &w.states[t].p.vars;
        match op.kind {
            AttackType::Disinformation => {
                dmg *= filtering::disinfo_factor(&p.filtering, ctx.filter[t]);
                dmg *= public_diplomacy::resilience(&p.public_diplomacy, victim.soft_power);
            }
            AttackType::SupplyChain => dmg *= victim.foreign_dependency,
            _ => {}
        }
        apply_damage(op, dmg, w, p);
        damage[t] += dmg;
    }
    let v = &w.states[t].p.vars;
    let detect = a_p.detect_base + a_p.detect_defense * ctx.defense[t].min(1.0) + ctx.intel[t];
    let detected = rng.chance(detect);
    let attribute = (a_p.attribute_base
        + a_p.attribute_law * v.law_maturity
        + a_p.attribute_workforce * v.workforce
        + a_p.attribute_severity * f64::from(op.severity - 1)
        + ctx.intel[t])
        * ctx.coord[t];
    let attributed = detected && rng.chance(attribute);

    let tally = &mut rec.tally;
    tally.attacks[op.kind as usize] += 1;
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
        let both = w.states[a].pledges & w.states[t].pledges & pledge::NO_BACKDOORS != 0;
        tally.supply_chain_between_pledged += u32::from(both);
    }
    rec.event(|| Event {
        attack: Some(op.kind),
        severity: op.severity,
        success: Some(success),
        attributed: Some(attributed),
        value: dmg,
        injected: op.origin == Origin::Injected,
        detail: origin_name(op.origin).to_string(),
        ..Event::new(tick, EventKind::Attack, op.actor, Some(op.target))
    });

    if attributed {
        if let Some(r) = w.rel.get_mut(op.target, op.actor) {
            let sev = f64::from(op.severity);
            r.grievance = (r.grievance + a_p.grievance_per_severity * sev).min(1.0);
            r.trust = (r.trust - a_p.trust_loss * sev).max(0.0);
        }
        sanctions::note_offence(w, op.actor, op.target);
        data_security::check_violation(op, w, p, rec);
        if op.kind == AttackType::SupplyChain {
            vendors::on_backdoor(&p.vendor, op.target, op.actor, w);
        }
        alliances::bond_under_threat(&p.alliance, w, op.target, op.actor);
        let response = responses::choose(op, w, ctx, p, &mut rng);
        responses::execute(response, op, w, p, rec);
    }
}

fn apply_damage(op: Op, dmg: f64, w: &mut World, p: &Params) {
    let a_p = &p.attack;
    let victim = &mut w.states[op.target as usize].p.vars;
    victim.security = (victim.security - dmg).max(0.0);
    match op.kind {
        AttackType::Disinformation => {
            victim.soft_power = (victim.soft_power - a_p.disinfo_soft_power * dmg).max(0.0);
        }
        AttackType::Degradation => {
            victim.defense = (victim.defense - a_p.degradation_defense * dmg).max(0.0);
        }
        AttackType::Espionage => {
            let thief = &mut w.states[op.actor as usize].p.vars;
            thief.indigenous = (thief.indigenous + a_p.espionage_gain * dmg * (1.0 - thief.indigenous)).min(1.0);
        }
        AttackType::Disruption | AttackType::SupplyChain => {}
    }
}

/// Security after one month of recovery, given effective defence.
pub fn recover(p: &AttackParams, security: f64, defense: f64) -> f64 {
    (security + p.recovery * (0.5 + 0.5 * defense.min(1.0)) * (1.0 - security)).clamp(0.0, 1.0)
}

/// Name of an origin in events.csv.
pub fn origin_name(o: Origin) -> &'static str {
    match o {
        Origin::Planned => "planned",
        Origin::Retaliation => "retaliation",
        Origin::Escalation => "escalation",
        Origin::Injected => "injected",
    }
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
