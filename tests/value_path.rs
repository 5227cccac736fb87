//! Issue 10 point 1: one path for a value. A value set by `run --set` and the same value as
//! a one-point sweep give byte-identical runs.csv and summary.csv, for every global
//! parameter and every state key at both ends of its range and at a drawn interior value,
//! and for initial sanction intensities and alliance cohesions (0 included: the case where
//! scenario building and the sweep once disagreed).

mod common;
use common::*;
use cyberdip::app::run::{Settings, run_loaded};
use cyberdip::core::params::{Group, Kind, Spec};
use cyberdip::core::rng::{Draw, stream};
use cyberdip::metrics::Keep;
use cyberdip::model::{Params, StateParams};
use cyberdip::scenario::document::number_text;
use cyberdip::scenario::{Overrides, load};
use cyberdip::sweep::exec::{self, Progress, Shard};
use std::path::Path;

struct Quiet;
impl Progress for Quiet {
    fn advance(&self, _: u64) {}
}

const RUNS: u64 = 2;
const TICKS: u64 = 8;
const SEED: u64 = 17;

fn values(spec: &Spec, u: f64) -> Vec<f64> {
    let mid = spec.min + u * (spec.max - spec.min);
    let mid = if spec.kind == Kind::Int { mid.round() } else { mid };
    vec![spec.min, spec.max, mid]
}

fn compare(dir: &Path, path: &str, v: f64) {
    let text = number_text(v);
    let base = common::path("scenarios/baseline.toml");
    // run --set
    let ov = Overrides { sets: vec![format!("{path}={text}")], runs: Some(RUNS), seed: Some(SEED), ticks: Some(TICKS) };
    let sc = load(&base, &ov).unwrap_or_else(|e| panic!("--set {path}={text}: {e}"));
    let run_dir = dir.join("run");
    let s = Settings {
        scenario: base.clone(),
        out: run_dir.clone(),
        point: 0,
        only_run: None,
        keep: Keep::default(),
        quiet: true,
        extra: Vec::new(),
        params: Default::default(),
    };
    run_loaded(&sc, &s, vec![]).unwrap();
    // a one-point sweep
    let sweep_file = dir.join("sweep.toml");
    std::fs::write(
        &sweep_file,
        format!(
            "name = \"one-point\"\nscenario = \"{}\"\n[sweep]\ndesign = \"grid\"\nruns = {RUNS}\nseed = {SEED}\nticks = {TICKS}\n[[parameter]]\npath = \"{path}\"\nvalues = [{text}]\n",
            base.display()
        ),
    )
    .unwrap();
    let spec = cyberdip::sweep::spec::load(&sweep_file).unwrap_or_else(|e| panic!("sweep of {path}={text}: {e}"));
    let sweep_dir = dir.join("sweep");
    exec::run(&spec, Shard::ALL, &sweep_dir, false, &Quiet, vec![]).unwrap();
    for f in ["runs.csv", "summary.csv"] {
        let a = std::fs::read(run_dir.join(f)).unwrap();
        let b = std::fs::read(sweep_dir.join(f)).unwrap();
        assert!(a == b, "{f} differs between `run --set {path}={text}` and a one-point sweep");
    }
}

#[test]
fn run_set_and_a_one_point_sweep_give_the_same_bytes_for_every_value_path() {
    let mut rng = stream(&[2026, 10]);
    let mut pairs: Vec<(String, f64)> = Vec::new();
    for s in Params::specs() {
        for v in values(s, rng.unit()) {
            pairs.push((format!("parameters.{}", s.path), v));
        }
    }
    for s in StateParams::specs() {
        let id = ["IRN", "USA", "CHN", "IRQ"][rng.below(4) as usize];
        for v in values(s, rng.unit()) {
            pairs.push((format!("state.{id}.{}", s.path), v));
        }
    }
    let sc = load(&path("scenarios/baseline.toml"), &Overrides::default()).unwrap();
    for s in &sc.sanctions {
        for v in [0.0, 1.0, rng.unit()] {
            pairs.push((format!("sanction.{}.intensity", s.id), v));
        }
    }
    for a in &sc.alliances {
        for v in [0.0, 1.0, rng.unit()] {
            pairs.push((format!("alliance.{}.cohesion", a.name), v));
        }
    }
    assert!(pairs.len() >= 200, "{} pairs", pairs.len());
    let dir = tempfile::tempdir().unwrap();
    for (k, (path, v)) in pairs.iter().enumerate() {
        let d = dir.path().join(k.to_string());
        compare(&d, path, *v);
        std::fs::remove_dir_all(&d).unwrap();
    }
    eprintln!("{} (path, value) pairs agree", pairs.len());
}
