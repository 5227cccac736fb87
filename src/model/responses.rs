//! Responses to an attributed operation (MODEL-BRIEF §2): none, protest, sanction,
//! retaliation in kind, escalation — chosen by the victim's doctrine (001 Tables 2-3),
//! the severity of the operation, its power relative to the attacker, its deterrent and
//! rapid-response capability (001 Table 5 #5 global), its allies, the escalation already
//! under way, and its internal coordination (001 Table 4 #7: an uncoordinated state often
//! fails to act at all). The escalation ladder itself is in `escalation`.

use crate::core::rng::{Draw, Purpose};
use crate::model::attacks::{Op, Origin};
use crate::model::record::{Event, EventKind};
use crate::model::world::SanctionCause;
use crate::model::{Act, Mechanism, Metric, Phase, escalation, sanctions};
use crate::param_group;

param_group! {
    /// Choice and effect of responses.
    pub struct ResponseParams in "responses." {
        #[doc = "Relative rise of sanction, retaliation and escalation weights per severity level above 1."]
        severity_gain: Real = 0.6, [0.0, 10.0], "per level", "assumption";
        #[doc = "Relative rise of the retaliation weight per unit of the victim's deterrence."]
        deterrence_gain: Real = 1.0, [0.0, 10.0], "per unit", "001 Table 5 #5 global: rapid-response policies (assumption on magnitude)";
        #[doc = "Relative rise of the sanction weight when the victim has allies."]
        alliance_gain: Real = 0.5, [0.0, 10.0], "share", "assumption";
        #[doc = "Extra weight on no response at zero coordination (the weight is multiplied by 1 + inaction x (1 - coordination effectiveness))."]
        inaction: Real = 1.0, [0.0, 10.0], "multiplier", "001 Table 4 #7 an uncoordinated state often fails to act (assumption on magnitude)";
        #[doc = "Trust the attacker loses in the eyes of the victim's allies after a protest."]
        protest_trust: Real = 0.02, [0.0, 1.0], "index", "001 component 5 coordinated action in crises (assumption on magnitude)";
    }
}

param_group! {
    /// How a victim answers an attributed operation (weights, normalised, then modulated).
    pub struct ResponseMix in "response." {
        #[doc = "No public response."]
        none: Real = 0.45, [0.0, 1.0], "weight", "MODEL-BRIEF §2 responses; assumption on weight";
        #[doc = "Diplomatic protest."]
        protest: Real = 0.35, [0.0, 1.0], "weight", "001 cyber diplomacy component 1 crisis management; assumption on weight";
        #[doc = "Sanctions on the attacker (with a coalition)."]
        sanction: Real = 0.08, [0.0, 1.0], "weight", "001 Table 4 #1 sanctions; assumption on weight";
        #[doc = "Retaliation in kind."]
        retaliation: Real = 0.10, [0.0, 1.0], "weight", "001 Table 5 #5 deterrence and rapid response; assumption on weight";
        #[doc = "Escalation: a counter-operation of a higher severity."]
        escalation: Real = 0.02, [0.0, 1.0], "weight", "MODEL-BRIEF calibration: escalation is rare; assumption on weight";
    }
}

impl ResponseMix {
    /// Response weights in [`Response`] order.
    pub fn weights(&self) -> [f64; 5] {
        [self.none, self.protest, self.sanction, self.retaliation, self.escalation]
    }
}

/// On attribution: the victim's choice of response (a stream per operation).
pub const CHOOSE: Purpose = Purpose::stream("responses.choose");

/// A response to an attributed operation.
pub const RESPONSE: EventKind = EventKind {
    name: "response",
    doc: "The victim's response to an attributed operation (actor: victim; target: attacker; response; attack and severity of a counter-operation)",
};

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
fn choose(op: &Op, x: &Act) -> Response {
    let (w, ctx, p) = (&*x.w, x.ctx, &x.m.params);
    let t = op.target as usize;
    let victim = &w.states[t];
    let mut wts = victim.p.responses.weights();
    let sev = 1.0 + p.responses.severity_gain * f64::from(op.severity - 1);
    let coord = ctx.coordination.effect[t];
    let level = w.rel.get(op.target, op.actor).map_or(0, |r| r.escalation);
    let power = sanctions::leverage(&p.sanctions, w, op.target, op.actor);
    let allies = if victim.alliances.is_empty() { 1.0 } else { 1.0 + p.responses.alliance_gain };
    // an uncoordinated state often fails to act at all
    wts[Response::None as usize] *= 1.0 + p.responses.inaction * (1.0 - coord);
    wts[Response::Sanction as usize] *= sev * power * allies * coord;
    wts[Response::Retaliation as usize] *=
        sev * ctx.ai.offense[t].min(1.0) * (1.0 + p.responses.deterrence_gain * victim.p.vars.deterrence) * coord;
    let room = f64::from(u8::from(f64::from(level) < p.escalation.max_level));
    wts[Response::Escalation as usize] *= sev * (1.0 + p.escalation.ladder_gain * f64::from(level)) * coord * room;
    let mut rng = x.key.lazy(u64::from(op.target), u64::from(w.tick), &CHOOSE, op.key ^ (u64::from(op.actor) << 40));
    rng.pick(&wts).map_or(Response::None, |k| Response::ALL[k])
}

/// Carry out a response: record it, and queue, impose or protest as chosen.
fn execute(r: Response, op: &Op, x: &mut Act) {
    let p = &x.m.params;
    let tick = x.w.tick;
    x.rec.tally.responses[r as usize] += 1;
    let counter = match r {
        Response::Retaliation => Some(op.counter(op.kind, op.severity, Origin::Retaliation)),
        Response::Escalation => {
            let kind = op.kind.escalated();
            Some(op.counter(kind, (op.severity + 1).min(5).max(kind.base_severity()), Origin::Escalation))
        }
        _ => None,
    };
    x.rec.event(|| Event {
        response: Some(r.name()),
        attack: counter.map(|c| c.kind.name()),
        severity: counter.map_or(0, |c| c.severity),
        ..Event::new(tick, RESPONSE, op.target, Some(op.actor))
    });
    let w = &mut *x.w;
    match r {
        Response::None => {}
        Response::Protest => {
            for &k in &w.states[op.target as usize].alliances {
                for &m in &w.alliances[k as usize].members {
                    if let Some(rel) = w.rel.get_mut(m, op.actor) {
                        rel.trust = (rel.trust - p.responses.protest_trust).max(0.0);
                    }
                }
            }
        }
        Response::Sanction => sanctions::impose(op.target, op.actor, SanctionCause::Response, w, &p.sanctions, x.rec),
        Response::Retaliation | Response::Escalation => {
            if r == Response::Escalation {
                escalation::climb(w, op, &p.escalation, x.rec);
            }
            w.queued.extend(counter);
        }
    }
}

/// The mechanism.
pub struct Responses;

impl Mechanism for Responses {
    const SOURCE: &'static str = "MODEL-BRIEF §2 responses (none, protest, sanction, retaliation, escalation); 001 Tables 2-3 doctrines; 001 Table 5 #5 rapid response; 001 Table 4 #7 coordination";
    const PHASES: &'static [Phase] = &[Phase::OnAttributed];
    const PURPOSES: &'static [Purpose] = &[CHOOSE];
    const EVENTS: &'static [EventKind] = &[RESPONSE];
    const METRICS: &'static [Metric] = &[
        Metric {
            name: "responses_none",
            unit: "responses",
            doc: "Attributed operations left without public response",
            f: |x| f64::from(x.t.responses[Response::None as usize]),
        },
        Metric { name: "protests", unit: "responses", doc: "Diplomatic protests", f: |x| f64::from(x.t.responses[Response::Protest as usize]) },
        Metric {
            name: "sanction_responses",
            unit: "responses",
            doc: "Responses by sanction",
            f: |x| f64::from(x.t.responses[Response::Sanction as usize]),
        },
        Metric {
            name: "retaliations",
            unit: "responses",
            doc: "Retaliations in kind",
            f: |x| f64::from(x.t.responses[Response::Retaliation as usize]),
        },
        Metric {
            name: "escalations",
            unit: "responses",
            doc: "Escalations (counter-operation one rung higher)",
            f: |x| f64::from(x.t.responses[Response::Escalation as usize]),
        },
    ];
    type Params = ResponseParams;
    type Keys = ResponseMix;
    type Snapshot = ();
    type Decision = ();
    /// Responses by kind.
    type Tally = [u32; 5];

    fn tally(_n: usize) -> [u32; 5] {
        [0; 5]
    }

    fn on_attributed(op: &Op, x: &mut Act) {
        let r = choose(op, x);
        execute(r, op, x);
    }
}
