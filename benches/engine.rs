//! Criterion benches of the engine (run: `cargo bench --bench engine`).
//!
//! - `baseline/run`: one full run of scenarios/baseline.toml (28 states, 120 ticks).
//! - `tick/synthetic-N`: one tick of a synthetic world of N states with sparse relations
//!   (N = 25, 250, 2,500, 10,000, and the bundled synthetic-2000), on the default pool.
//! - `baseline/runs-200/threads-T`: 200 runs of the baseline on T rayon threads (engine
//!   only; the ratio of T = 1 to T = 2 is the speed-up; `cyberdip run --runs 1000` is
//!   timed from the command line, docs/PERFORMANCE.md).
//! - `sweep/threads-T`: tests/data/sweeps/resume-lhs.toml (400 points x 4 runs = 1,600
//!   runs of 24 months, written to disk as `cyberdip sweep` does) on T threads; runs per
//!   second = 1,600 / time.
//! - `sweep/sobol-10/threads-T`: benches/data/sobol-10.toml, a 10-parameter Sobol' sweep
//!   of the baseline (96 points x 4 runs of 120 months, to disk): the issue-16 sweep
//!   target (N = 1,024) is 128 times this work.
//!
//! Every run also goes through the scenario's spin-up (`simulation.spinup`, 60 months by
//! default) before its recorded months.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use cyberdip::core::rng::RunKey;
use cyberdip::engine::{run, tick};
use cyberdip::model::Model;
use cyberdip::model::record::Recorder;
use cyberdip::scenario::{Overrides, load};
use rayon::prelude::*;
use std::hint::black_box;
use std::path::Path;

fn model(path: &str, sets: &[String]) -> Model {
    let ov = Overrides { sets: sets.to_vec(), ..Overrides::default() };
    let sc = load(Path::new(path), &ov).expect("bundled scenario is valid");
    sc.model()
}

fn baseline(c: &mut Criterion) {
    let m = model("scenarios/baseline.toml", &[]);
    let mut g = c.benchmark_group("baseline");
    g.sample_size(30);
    let mut r = 0;
    g.bench_function("run", |b| {
        b.iter(|| {
            r += 1;
            black_box(run(&m, RunKey { seed: 42, point: 0, run: r }, false, |_, _, _| ()))
        })
    });
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("pool");
        g.sample_size(10);
        g.bench_function(format!("runs-200/threads-{threads}"), |b| {
            b.iter(|| {
                pool.install(|| {
                    (0..200u64)
                        .into_par_iter()
                        .map(|run_id| {
                            run(&m, RunKey { seed: 42, point: 0, run: run_id }, false, |_, _, _| ()).world.tick
                        })
                        .sum::<u32>()
                })
            })
        });
    }
    g.finish();
}

fn one_tick(c: &mut Criterion) {
    let mut g = c.benchmark_group("tick");
    g.sample_size(20);
    let mut cases: Vec<(String, Model)> = [25usize, 250, 2_500, 10_000]
        .iter()
        .map(|&n| {
            let sets = vec![format!("world.states={n}"), format!("world.regions={}", (n / 50).max(1))];
            (format!("synthetic-{n}"), model("scenarios/synthetic-2000.toml", &sets))
        })
        .collect();
    cases.push(("synthetic-2000-bundled".into(), model("scenarios/synthetic-2000.toml", &[])));
    for (name, m) in &cases {
        // warm the world up a few ticks so that alliances, sanctions and grievances exist
        let key = RunKey { seed: 42, point: 0, run: 0 };
        let mut w = m.initial.clone();
        let mut scratch = tick::Scratch::default();
        let mut rec = Recorder::new(w.len(), false);
        for _ in 0..5 {
            tick::step(m, &mut w, &key, &mut scratch, &mut rec);
        }
        g.bench_function(name, |b| {
            b.iter_batched(
                || (w.clone(), Recorder::new(w.len(), false)),
                |(mut w, mut rec)| {
                    tick::step(m, &mut w, &key, &mut scratch, &mut rec);
                    w
                },
                BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

fn sweep(c: &mut Criterion) {
    use cyberdip::sweep::exec::{self, Progress, Shard};
    struct Quiet;
    impl Progress for Quiet {
        fn advance(&self, _: u64) {}
    }
    let mut g = c.benchmark_group("sweep");
    g.sample_size(10);
    for (name, file) in [("", "tests/data/sweeps/resume-lhs.toml"), ("sobol-10/", "benches/data/sobol-10.toml")] {
        let spec = cyberdip::sweep::spec::load(Path::new(file)).expect("valid sweep");
        for threads in [1, 2] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("pool");
            g.bench_function(format!("{name}threads-{threads}"), |b| {
                b.iter(|| {
                    let dir = tempfile::tempdir().expect("temp dir");
                    pool.install(|| {
                        exec::run(&spec, Shard::ALL, dir.path(), false, &Quiet, vec![]).expect("sweep runs")
                    })
                })
            });
        }
    }
    g.finish();
}

criterion_group!(benches, baseline, one_tick, sweep);
criterion_main!(benches);
