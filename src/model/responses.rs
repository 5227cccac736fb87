//! Responses to an attributed operation (MODEL-BRIEF §2): none, protest, sanction,
//! retaliation in kind, escalation — chosen by the victim's doctrine (001 Tables 2-3),
//! the severity of the operation, its power relative to the attacker, its deterrent and
//! rapid-response capability (001 Table 5 #5 global), its allies, the escalation already
//! under way, and its internal coordination (001 Table 4 #7: an uncoordinated state often
//! fails to act at all).

use crate::engine::context::Context;
use crate::engine::record::{Event, EventKind, Recorder};
use crate::engine::world::{SanctionCause, World};
use crate::model::attacks::{Op, Origin};
use crate::model::{Params, sanctions};
use crate::param_group;
use rand::Rng;

use crate::engine::rng::Draw;

param_group! {
    /// Choice and effect of responses.
    pub struct ResponseParams in "response." {
        #[doc = "Relative rise of sanction, retaliation and escalation weights per severity level above 1."]
        severity_gain: Real = 0.6, [0.0, 10.0], "per level", "assumption";
        #[doc = "Relative rise of the retaliation weight per unit of the victim's deterrence."]
        deterrence_gain: Real = 1.0, [0.0, 10.0], "per unit", "001 Table 5 #5 global: rapid-response policies (assumption on magnitude)";
        #[doc = "Relative rise of the sanction weight when the victim has allies."]
        alliance_gain: Real = 0.5, [0.0, 10.0], "share", "assumption";
        #[doc = "Trust the attacker loses in the eyes of the victim's allies after a protest."]
        protest_trust: Real = 0.02, [0.0, 1.0], "index", "001 component 5 coordinated action in crises (assumption on magnitude)";
    }
}

param_group! {
    /// The escalation ladder.
    pub struct EscalationParams in "escalation." {
        #[doc = "Relative rise of the escalation weight per rung already climbed in the dyad."]
        ladder_gain: Real = 0.5, [0.0, 10.0], "per level", "assumption: calibration 'escalation is rare'";
        #[doc = "Highest rung of the ladder."]
        max_level: Int = 5, [1, 20], "levels", "assumption";
        #[doc = "Ticks after which a dyad's escalation level drops by one."]
        cooldown: Int = 6, [1, 1000], "ticks", "assumption";
    }
}

/// Responses, in weight order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Response {
    /// No public response.
    None,
    /// Diplomatic protest.
    Protest,
    /// Sanctions.
    Sanction,
    /// Retaliation in kind.
    Retaliation,
    /// Escalation.
    Escalation,
}

impl Response {
    /// All responses, in index order.
    pub const ALL: [Response; 5] =
        [Response::None, Response::Protest, Response::Sanction, Response::Retaliation, Response::Escalation];

    /// Name in files.
    pub fn name(self) -> &'static str {
        match self {
            Response::None => "none",
            Response::Protest => "protest",
            Response::Sanction => "sanction",
            Response::Retaliation => "retaliation",
            Response::Escalation => "escalation",
        }
    }
}

/// The victim's choice of response to `op`.
pub fn choose(op: Op, w: &World, ctx: &Context, p: &Params, rng: &mut impl Rng) -> Response {
    let (a, t) = (op.actor as usize, op.target as usize);
    let victim = &w.states[t];
    let mut wts = victim.p.response_weights();
    let sev = 1.0 + p.response.severity_gain * f64::from(op.severity - 1);
    let coord = ctx.coord[t];
    let level = w.rel.get(op.target, op.actor).map_or(0, |r| r.escalation);
    let power = (victim.p.vars.economy / w.states[a].p.vars.economy).min(1.0);
    let allies = if victim.alliances.is_empty() { 1.0 } else { 1.0 + p.response.alliance_gain };
    wts[Response::None as usize] *= 2.0 - coord;
    wts[Response::Sanction as usize] *= sev * power * allies * coord;
    wts[Response::Retaliation as usize] *=
        sev * ctx.offense[t].min(1.0) * (1.0 + p.response.deterrence_gain * victim.p.vars.deterrence) * coord;
    let room = f64::from(u8::from(f64::from(level) < p.escalation.max_level));
    wts[Response::Escalation as usize] *= sev * (1.0 + p.escalation.ladder_gain * f64::from(level)) * coord * room;
    rng.pick(&wts).map_or(Response::None, |k| Response::ALL[k])
}

/// Carry out a response: record it, and queue, impose or protest as chosen.
pub fn execute(r: Response, op: Op, w: &mut World, p: &Params, rec: &mut Recorder) {
    let tick = w.tick;
    rec.tally.responses[r as usize] += 1;
    let counter = match r {
        Response::Retaliation => Some(Op { actor: op.target, target: op.actor, origin: Origin::Retaliation, ..op }),
        Response::Escalation => Some(Op {
            actor: op.target,
            target: op.actor,
            kind: op.kind.escalated(),
            severity: (op.severity + 1).min(5).max(op.kind.escalated().base_severity()),
            origin: Origin::Escalation,
        }),
        _ => None,
    };
    rec.event(|| Event {
        response: Some(r),
        attack: counter.map(|c| c.kind),
        severity: counter.map_or(0, |c| c.severity),
        ..Event::new(tick, EventKind::Response, op.target, Some(op.actor))
    });
    match r {
        Response::None => {}
        Response::Protest => {
            let allies: Vec<u32> = w.states[op.target as usize].alliances.clone();
            for k in allies {
                for m in w.alliances[k as usize].members.clone() {
                    if let Some(rel) = w.rel.get_mut(m, op.actor) {
                        rel.trust = (rel.trust - p.response.protest_trust).max(0.0);
                    }
                }
            }
        }
        Response::Sanction => {
            sanctions::impose(op.target, op.actor, SanctionCause::Response, w, &p.sanctions, rec);
        }
        Response::Retaliation | Response::Escalation => {
            if r == Response::Escalation {
                climb(w, op, p, rec);
            }
            if let Some(c) = counter {
                w.queued.push(c);
            }
        }
    }
}

/// One rung up the ladder for the dyad, counting a new episode when it starts from calm.
fn climb(w: &mut World, op: Op, p: &Params, rec: &mut Recorder) {
    let level = w.rel.get(op.target, op.actor).map_or(0, |r| r.escalation);
    let back = w.rel.get(op.actor, op.target).map_or(0, |r| r.escalation);
    let next = (level.max(back) + 1).min(p.escalation.max_level as u8);
    if level.max(back) == 0 {
        rec.tally.escalation_episodes += 1;
    }
    rec.tally.escalation_peak = rec.tally.escalation_peak.max(next);
    for (x, y) in [(op.target, op.actor), (op.actor, op.target)] {
        if let Some(r) = w.rel.get_mut(x, y) {
            r.escalation = next;
        }
    }
}

/// Update phase: every `cooldown` ticks each escalated dyad steps down one rung.
pub fn cool_down(p: &EscalationParams, tick: u32, escalation: &mut u8) {
    if *escalation > 0 && tick % (p.cooldown as u32).max(1) == 0 {
        *escalation -= 1;
    }
}
