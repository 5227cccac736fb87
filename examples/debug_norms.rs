use cyberdip::core::rng::RunKey;
use cyberdip::engine::tick;
use cyberdip::model::record::Recorder;
use cyberdip::scenario::{Overrides, load};
use std::path::Path;
fn main() {
    let sc = load(Path::new("scenarios/baseline.toml"), &Overrides::default()).unwrap();
    let m = sc.model();
    let key = RunKey { seed: 1, point: 0, run: 0 };
    let mut w = m.initial.clone();
    let mut s = tick::Scratch::default();
    let mut rec = Recorder::new(w.len(), false);
    let ids: Vec<&str> = sc.states.iter().map(|s| s.id.as_str()).collect();
    for t in 0..=240 {
        if t % 40 == 0 {
            let prom: Vec<String> = s.ctx.norms.list.iter().map(|q| format!("{}:{:.3}/{:.3}", ids[q.id as usize], q.wic, q.other)).collect();
            let norms: Vec<String> = ["USA","CHN","RUS","IRN","IND","BRA","SAU","PAK","KAZ"].iter().map(|id| { let i = ids.iter().position(|x| x==id).unwrap(); format!("{id}={:.3}", w.states[i].p.vars.norms)}).collect();
            let chn = ids.iter().position(|x| *x=="CHN").unwrap() as u32;
            let attend = (0..w.len() as u32).filter(|&j| j!=chn && w.rel.trust(j, chn) >= 0.4).count();
            println!("t={t} mean={:.3} attend_chn={attend} alliances={} sanctions={} trust={:.3} {}", w.states.iter().map(|s| s.p.vars.norms).sum::<f64>()/28.0, w.alliances.iter().filter(|a| a.active).count(), w.sanctions.iter().filter(|a| a.active).count(), w.rel.of_all().map(|r| r.trust).sum::<f64>()/w.rel.len() as f64, norms.join(" ")); let _ = prom;
        }
        tick::step(&m, &mut w, &key, &mut s, &mut rec);
    }
}
