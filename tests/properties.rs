//! Issue 4 check 5: property tests over random valid scenarios. Whatever the states,
//! relations, alliances, sanctions, injects and parameters (within their declared ranges):
//! no output value is NaN or infinite, every bounded variable stays in its range after every
//! tick, and alliances and sanctions stay consistent (no state allied with or sanctioning
//! itself, memberships mirrored on both sides).

use cyberdip::core::params::{Group, Kind};
use cyberdip::core::rng::RunKey;
use cyberdip::engine::tick;
use cyberdip::metrics::{self, Keep};
use cyberdip::model::doctrine::Doctrine;
use cyberdip::model::record::Recorder;
use cyberdip::model::{Params, StateParams};
use cyberdip::scenario::{Overrides, load};
use proptest::prelude::*;
use std::fmt::Write;

#[derive(Debug, Clone)]
struct StateGen {
    vars: Vec<(usize, f64)>,
    doctrine: usize,
    region: usize,
    institutions: u8,
    supplier: Option<usize>,
    pledges: u8,
}

#[derive(Debug, Clone)]
struct ScenarioGen {
    states: Vec<StateGen>,
    relations: Vec<(usize, usize, f64, Option<f64>)>,
    alliances: Vec<Vec<usize>>,
    sanctions: Vec<(Vec<usize>, usize, f64)>,
    params: Vec<(usize, f64)>,
    injects: Vec<(u32, usize, usize, usize, f64)>,
    ticks: u32,
    seed: u64,
}

fn state_gen() -> impl Strategy<Value = StateGen> {
    let n_specs = StateParams::specs().len();
    (
        prop::collection::vec((0..n_specs, 0.0..=1.0f64), 0..12),
        0..Doctrine::ALL.len(),
        0..3usize,
        any::<u8>(),
        prop::option::of(0..8usize),
        0..8u8,
    )
        .prop_map(|(vars, doctrine, region, institutions, supplier, pledges)| StateGen {
            vars,
            doctrine,
            region,
            institutions,
            supplier,
            pledges,
        })
}

fn scenario_gen() -> impl Strategy<Value = ScenarioGen> {
    let n_params = Params::specs().len();
    (
        prop::collection::vec(state_gen(), 2..8),
        prop::collection::vec((0..8usize, 0..8usize, 0.0..=1.0f64, prop::option::of(0.0..=1.0f64)), 0..12),
        prop::collection::vec(prop::collection::vec(0..8usize, 2..5), 0..3),
        prop::collection::vec((prop::collection::vec(0..8usize, 1..4), 0..8usize, 0.0..=1.0f64), 0..3),
        prop::collection::vec((0..n_params, 0.0..=1.0f64), 0..16),
        prop::collection::vec((1..30u32, 0..8usize, 0..8usize, 0..8usize, 0.0..=1.0f64), 0..4),
        1..30u32,
        any::<u64>(),
    )
        .prop_map(|(states, relations, alliances, sanctions, params, injects, ticks, seed)| ScenarioGen {
            states,
            relations,
            alliances,
            sanctions,
            params,
            injects,
            ticks,
            seed,
        })
}

fn value(spec: &cyberdip::core::params::Spec, u: f64) -> String {
    let v = spec.min + u * (spec.max - spec.min);
    match spec.kind {
        Kind::Int => format!("{}", v.round()),
        Kind::Real => format!("{v:?}"),
    }
}

/// A valid scenario file for `g` (indices are folded into range).
fn toml(g: &ScenarioGen) -> String {
    let n = g.states.len();
    let id = |i: usize| format!("S{}", i % n);
    let specs: Vec<_> = StateParams::specs();
    let pspecs: Vec<_> = Params::specs();
    let mut t = String::new();
    let ticks = g.ticks.max(1);
    writeln!(t, "[simulation]\nticks = {ticks}\nruns = 1\nseed = {}\n", g.seed >> 1).unwrap();
    writeln!(t, "[parameters]").unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for (k, u) in &g.params {
        if seen.insert(*k) {
            writeln!(t, "{} = {}", pspecs[*k].path, value(pspecs[*k], *u)).unwrap();
        }
    }
    let insts = ["UN", "ITU", "ECO", "SCO", "BRICS", "EU", "NATO", "GCC"];
    for (i, s) in g.states.iter().enumerate() {
        writeln!(
            t,
            "\n[[state]]\nid = \"{}\"\nregion = \"R{}\"\ndoctrine = \"{}\"",
            id(i),
            s.region,
            Doctrine::ALL[s.doctrine].0
        )
        .unwrap();
        let chosen: Vec<String> =
            (0..8).filter(|b| s.institutions & (1 << b) != 0).map(|b| format!("\"{}\"", insts[b])).collect();
        writeln!(t, "institutions = [{}]", chosen.join(", ")).unwrap();
        if let Some(sup) = s.supplier.map(|x| x % n).filter(|&x| x != i) {
            writeln!(t, "supplier = \"{}\"", id(sup)).unwrap();
        }
        let pledges: Vec<&str> = ["no_backdoors", "no_cii_attacks", "no_data_theft"]
            .iter()
            .enumerate()
            .filter(|(b, _)| s.pledges & (1 << b) != 0)
            .map(|(_, p)| *p)
            .collect();
        writeln!(t, "pledges = [{}]", pledges.iter().map(|p| format!("\"{p}\"")).collect::<Vec<_>>().join(", "))
            .unwrap();
        let mut vs = std::collections::BTreeSet::new();
        for (k, u) in &s.vars {
            if vs.insert(*k) {
                writeln!(t, "{} = {}", specs[*k].path, value(specs[*k], *u)).unwrap();
            }
        }
    }
    for (a, b, riv, tr) in &g.relations {
        let (a, b) = (a % n, b % n);
        if a != b {
            writeln!(t, "\n[[relation]]\nbetween = [\"{}\", \"{}\"]\nrivalry = {riv:?}", id(a), id(b)).unwrap();
            if let Some(tr) = tr {
                writeln!(t, "trust = {tr:?}").unwrap();
            }
        }
    }
    for (k, members) in g.alliances.iter().enumerate() {
        let mut m: Vec<usize> = members.iter().map(|x| x % n).collect();
        m.sort_unstable();
        m.dedup();
        if m.len() >= 2 {
            let list: Vec<String> = m.iter().map(|&x| format!("\"{}\"", id(x))).collect();
            writeln!(t, "\n[[alliance]]\nname = \"A{k}\"\nmembers = [{}]", list.join(", ")).unwrap();
        }
    }
    for (k, (senders, target, intensity)) in g.sanctions.iter().enumerate() {
        let target = target % n;
        let mut s: Vec<usize> = senders.iter().map(|x| x % n).filter(|&x| x != target).collect();
        s.sort_unstable();
        s.dedup();
        if !s.is_empty() {
            let list: Vec<String> = s.iter().map(|&x| format!("\"{}\"", id(x))).collect();
            writeln!(
                t,
                "\n[[sanction]]\nid = \"X{k}\"\nsenders = [{}]\ntarget = \"{}\"\nintensity = {intensity:?}",
                list.join(", "),
                id(target)
            )
            .unwrap();
        }
    }
    let kinds = ["attack", "sanction", "lift_sanctions", "join_alliance", "pledge", "shock"];
    for (tk, kind, a, b, u) in &g.injects {
        let (a, b) = (a % n, b % n);
        let tick = (*tk).min(ticks);
        let kind = kinds[*kind % kinds.len()];
        if a == b && kind != "pledge" && kind != "lift_sanctions" && kind != "shock" {
            continue;
        }
        write!(t, "\n[[inject]]\ntick = {tick}\nevent = \"{kind}\"\n").unwrap();
        match kind {
            "attack" => {
                writeln!(t, "actor = \"{}\"\ntarget = \"{}\"\ntype = \"degradation\"\nseverity = 4", id(a), id(b))
            }
            "sanction" => writeln!(t, "actor = \"{}\"\ntarget = \"{}\"", id(a), id(b)),
            "lift_sanctions" => writeln!(t, "target = \"{}\"", id(b)),
            "join_alliance" => writeln!(t, "actor = \"{}\"\ntarget = \"{}\"", id(a), id(b)),
            "pledge" => writeln!(t, "actor = \"{}\"", id(a)),
            _ => writeln!(t, "target = \"{}\"\nvariable = \"satellite\"\nvalue = {u:?}", id(b)),
        }
        .unwrap();
    }
    t
}

fn check_world(w: &cyberdip::model::world::World) -> Result<(), TestCaseError> {
    for (i, s) in w.states.iter().enumerate() {
        let mut bad = None;
        for spec in StateParams::specs() {
            let v = s.p.get(spec.path).unwrap_or(f64::NAN);
            if !v.is_finite() || v < spec.min || v > spec.max {
                bad = Some(format!("state {i}: {} = {v}", spec.path));
            }
        }
        prop_assert!(bad.is_none(), "{}", bad.unwrap_or_default());
        for &a in &s.alliances {
            let al = &w.alliances[a as usize];
            prop_assert!(
                al.active && al.members.binary_search(&(i as u32)).is_ok(),
                "membership of {i} in {a} not mirrored"
            );
        }
        prop_assert!(s.supplier != Some(i as u32), "state {i} is its own supplier");
        for r in w.rel.of(i as u32) {
            prop_assert!(r.other != i as u32, "state {i} related to itself");
            prop_assert!((0.0..=1.0).contains(&r.trust) && (0.0..=1.0).contains(&r.grievance), "relation out of range");
        }
    }
    for (k, a) in w.alliances.iter().enumerate().filter(|(_, a)| a.active) {
        prop_assert!(a.members.len() >= 2, "active alliance {k} with {} members", a.members.len());
        prop_assert!(a.members.windows(2).all(|p| p[0] < p[1]), "alliance {k} members not unique: {:?}", a.members);
        prop_assert!((0.0..=1.0).contains(&a.cohesion));
        for &m in &a.members {
            prop_assert!(w.states[m as usize].alliances.contains(&(k as u32)), "alliance {k} lists {m} but not back");
        }
    }
    for s in w.sanctions.iter().filter(|s| s.active) {
        prop_assert!(!s.senders.contains(&s.target), "a state sanctions itself");
        prop_assert!(s.senders.windows(2).all(|p| p[0] < p[1]), "senders not unique");
        prop_assert!((0.0..=1.0).contains(&s.intensity));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_valid_scenarios_keep_every_invariant(g in scenario_gen()) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("random.toml");
        let text = toml(&g);
        std::fs::write(&file, &text).unwrap();
        let sc = load(&file, &Overrides::default()).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        let model = sc.model();
        check_world(&model.initial)?;
        // step by hand to check after every tick
        let key = RunKey { seed: sc.sim.seed, point: 0, run: 0 };
        let mut w = model.initial.clone();
        let mut scratch = tick::Scratch::default();
        let mut rec = Recorder::new(w.len(), true);
        for _ in 0..model.ticks {
            tick::step(&model, &mut w, &key, &mut scratch, &mut rec);
            check_world(&w)?;
        }
        for e in &rec.events {
            prop_assert!(e.value.is_finite(), "event value {e:?}");
            prop_assert!(e.target != Some(e.actor) || e.kind.name.starts_with("alliance") || e.kind.name == "shock", "self-targeted {e:?}");
        }
        let focus: Vec<u32> = (0..sc.states.len() as u32).collect();
        let o = metrics::run(&model, key, Keep { events: true, series: true }, &focus);
        let cols = metrics::state_columns();
        for v in metrics::run_values(&o.result, &model, &focus).iter().chain(&metrics::state_values(&o.result, &model, &cols)).chain(o.series.iter().flatten()) {
            prop_assert!(v.is_finite(), "non-finite output {v}\n{text}");
        }
    }
}
