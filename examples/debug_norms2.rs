use cyberdip::core::rng::RunKey;
use cyberdip::engine::tick;
use cyberdip::model::record::Recorder;
use cyberdip::model::norms;
use cyberdip::scenario::{Overrides, load};
use std::path::Path;
fn main() {
    let sc = load(Path::new("scenarios/baseline.toml"), &Overrides::default()).unwrap();
    let m = sc.model();
    let ids: Vec<&str> = sc.states.iter().map(|s| s.id.as_str()).collect();
    let p = &m.params.norms;
    let mut tot = vec![0.0; 4];
    for run in 0..20 {
        let key = RunKey { seed: 1, point: 0, run };
        let mut w = m.initial.clone();
        let mut s = tick::Scratch::default();
        let mut rec = Recorder::new(w.len(), false);
        for t in 0..=180 {
            if t == 60 || t == 180 {
                let k = if t == 60 { 0 } else { 2 };
                let i = ids.iter().position(|x| *x == "BRA").unwrap() as u32;
                tot[k] += norms::pull(p, &w, i, &s.ctx.norms.list);
                tot[k+1] += w.states[i as usize].p.vars.norms;
            }
            tick::step(&m, &mut w, &key, &mut s, &mut rec);
        }
    }
    let i = ids.iter().position(|x| *x == "BRA").unwrap() as u32;
    let home = norms::home(p, &m.initial, &m.reference, &m.reference_ctx.norms.list, i);
    println!("BRA home {home:.3} pull_ref {:.4} | t60 pull {:.4} n {:.3} | t180 pull {:.4} n {:.3}", norms::pull(p, &m.reference, i, &m.reference_ctx.norms.list), tot[0]/20.0, tot[1]/20.0, tot[2]/20.0, tot[3]/20.0);
    for q in &m.reference_ctx.norms.list { println!("  ref promoter {} wic {:.3} other {:.3} trust BRA->{:.3} norms {:.3}", ids[q.id as usize], q.wic, q.other, m.reference.rel.trust(i, q.id), m.reference.states[q.id as usize].p.vars.norms); }
}
