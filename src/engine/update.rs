//! The update phase: every state's variables move for one month, in parallel, from the
//! snapshot context, this tick's efforts and the damage it suffered; then every relation's
//! trust, grievance and escalation; then alliance cohesion. Each formula lives in the
//! mechanism that owns the variable.

use crate::engine::Model;
use crate::engine::context::Context;
use crate::engine::decide::Decision;
use crate::engine::par;
use crate::engine::record::Recorder;
use crate::engine::world::{Sid, World};
use crate::model::doctrine::Lever;
use crate::model::state_vars::StateVars;
use crate::model::{
    ai, alliances, attacks, crypto, deterrence, economy, filtering, governance, indigenous, institutions, norms,
    satellite, soft_power, standards, training, trust,
};

/// Apply one month of change to `w`.
pub fn apply(
    m: &Model,
    w: &mut World,
    ctx: &Context,
    decisions: &[Decision],
    damage: &[f64],
    next: &mut Vec<StateVars>,
    rec: &mut Recorder,
) {
    let p = &m.params;
    let n = w.len();
    par::map_into(n, 64, |i| state_month(m, w, ctx, decisions, damage, i as Sid), next);
    for (s, v) in w.states.iter_mut().zip(next.drain(..)) {
        s.p.vars = v;
    }
    let tick = w.tick;
    let World { states, rel, .. } = w;
    let mut peers: Vec<trust::Peer> = Vec::with_capacity(n);
    par::map_into(n, 64, |i| trust::peer(p, &states[i], ctx.filter[i], &decisions[i].effort), &mut peers);
    par::for_each_row(rel, n, |i, row| {
        let me = &states[i];
        // rows are sorted by `other`, and so are my sanctioners: walk both together
        let mut sanctioners = ctx.sanctioners_of(i as Sid).peekable();
        for r in row.iter_mut() {
            let j = r.other as usize;
            while sanctioners.next_if(|&s| s < r.other).is_some() {}
            let pair = trust::Pair {
                me: &peers[i],
                them: &peers[j],
                allied: trust::allied(me, &states[j]),
                sanctions_me: sanctioners.peek() == Some(&r.other),
            };
            trust::update(p, r, &pair, tick);
        }
    });
    alliances::update(w, decisions, p, rec);
    for (t, s) in rec.tally.states.iter_mut().zip(&ctx.pressure) {
        t.pressure_sum += s;
    }
}

fn state_month(m: &Model, w: &World, ctx: &Context, decisions: &[Decision], damage: &[f64], i: Sid) -> StateVars {
    let p = &m.params;
    let idx = i as usize;
    let me = &w.states[idx];
    let e = &decisions[idx].effort;
    let pressure = ctx.pressure[idx];
    let filter = ctx.filter[idx];
    let mut v = me.p.vars.clone();
    let tie = indigenous::tie_strength(&p.indigenous, w, i, pressure);
    v.soft_power =
        soft_power::update(&p.soft_power, v.soft_power, e, filtering::soft_power_factor(&p.filtering, filter));
    v.indigenous = indigenous::update(&p.indigenous, &v, e, tie, p.sanctions.localization * pressure);
    v.tech_access = indigenous::update_access(
        &p.indigenous,
        &v,
        p.sanctions.tech_cut * pressure,
        p.filtering.platform_penalty * filter,
        e,
        tie,
    );
    let regional_member = me.institutions & m.regional_mask != 0;
    v.institutional_presence = institutions::update(
        &p.institutions,
        v.institutional_presence,
        e,
        regional_member,
        filtering::participation_factor(&p.filtering, filter),
    );
    v.standards = standards::update(&p.standards, &v, e);
    deterrence::update(&p.deterrence, &mut v, e);
    v.law_maturity = governance::update(&p.governance, v.law_maturity, e);
    let from_neighbours: f64 = w
        .rel
        .of(i)
        .iter()
        .filter(|r| w.states[r.other as usize].region == me.region)
        .map(|r| decisions[r.other as usize].effort[Lever::RegTraining as usize] * r.trust)
        .sum();
    v.workforce = training::update(&p.training, v.workforce, e, from_neighbours);
    v.ai = ai::update(&p.ai, &v, e[Lever::GlobTraining as usize]);
    v.norms = norms::update(&p.norms, w, i, &ctx.promoters);
    v.economy = economy::update(&p.economy, &v, pressure, damage[idx]);
    v.foreign_dependency = economy::dependency(&p.economy, &v, m.init_dependency[idx]);
    v.crypto = crypto::update(&p.crypto, v.crypto, pressure);
    v.satellite = satellite::update(&p.satellite, v.satellite, v.filtering);
    v.security = attacks::recover(&p.attack, v.security, ctx.defense[idx]);
    v
}
