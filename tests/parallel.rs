//! Determinism where it can break: the parallel code inside a run. Alone in its test binary
//! so that no other test competes for the two cores.
//!
//! - Issue 3 check 7: synthetic-2000 runs 10 ticks, and its decide phase is spread over
//!   both cores (rayon workers of a 2-thread pool both decide states).
//! - Issue 10 point 5: all five CSVs are byte-identical on 1, 2 and 7 threads, for
//!   synthetic-2000 and for a world just above the size where per-state loops go parallel
//!   (`core::par::SMALL`), so the parallel paths of decide, update and trust run.

mod common;
use common::*;
use cyberdip::core::par::SMALL;
use cyberdip::core::rng::RunKey;
use cyberdip::engine::{run, tick};
use cyberdip::model::Context;
use cyberdip::scenario::{Overrides, load};
use std::collections::BTreeSet;
use std::sync::Mutex;

#[test]
fn check_7_synthetic_2000_runs_10_ticks_and_decides_on_both_threads() {
    let ov = Overrides { ticks: Some(10), runs: Some(1), ..Overrides::default() };
    let sc = load(&path("scenarios/synthetic-2000.toml"), &ov).expect("valid");
    assert_eq!(sc.states.len(), 2000);
    let model = sc.model();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    let key = RunKey { seed: 42, point: 0, run: 0 };
    let r = pool.install(|| run(&model, key, false, |_, _, _| ()));
    // the world's clock counts the spin-up months too (simulation.spinup)
    assert_eq!(r.world.tick, model.spinup + 10);
    assert!(r.rec.tally.attacks.total() > 0, "operations happened");

    let seen = Mutex::new(BTreeSet::new());
    let mut ctx = Context::default();
    cyberdip::model::snapshot(&model, &r.world, &mut ctx);
    let mut out = Vec::new();
    let mut per_call = Vec::new();
    // 10 ticks' worth of decide phases, then more (up to 500) only if a busy machine kept
    // the second core away from every one of them
    for attempt in 0..500 {
        if attempt >= 10 && per_call.contains(&2) {
            break;
        }
        let here = Mutex::new(BTreeSet::new());
        pool.install(|| {
            tick::decide_all(&model, &r.world, &ctx, &key, &mut out, |_| {
                here.lock().unwrap().insert(rayon::current_thread_index());
            })
        });
        let here = here.into_inner().unwrap();
        per_call.push(here.len());
        seen.lock().unwrap().extend(here);
    }
    eprintln!("workers per decide phase: {per_call:?}");
    assert_eq!(out.len(), 2000);
    let threads = seen.into_inner().unwrap();
    assert_eq!(threads.len(), 2, "decide tasks ran on workers {threads:?}");
    assert!(per_call.contains(&2), "no single decide phase used both workers: {per_call:?}");
}

const FILES: [&str; 5] = ["runs.csv", "summary.csv", "states.csv", "events.csv", "timeseries.csv"];

/// Run `args` (plus events, time series and an output folder) on each thread count and
/// require byte-identical CSVs; on a difference, name the file and the first line.
fn same_bytes_on(args: &[&str], threads: &[usize]) {
    let dirs: Vec<tempfile::TempDir> = threads.iter().map(|_| tempfile::tempdir().unwrap()).collect();
    for (t, d) in threads.iter().zip(&dirs) {
        let out = d.path().to_str().unwrap();
        let mut a = args.to_vec();
        a.extend(["--events", "--timeseries", "--quiet", "--out", out]);
        ok(&a, Some(*t));
    }
    for f in FILES {
        let first = std::fs::read(dirs[0].path().join(f)).unwrap();
        assert!(first.len() > 100, "{f} is nearly empty");
        for (t, d) in threads.iter().zip(&dirs).skip(1) {
            let other = std::fs::read(d.path().join(f)).unwrap();
            if other != first {
                let (a, b) = (String::from_utf8_lossy(&first), String::from_utf8_lossy(&other));
                let (k, (x, y)) =
                    a.lines().zip(b.lines()).enumerate().find(|(_, (x, y))| x != y).unwrap_or((0, ("", "")));
                panic!("{f} differs between {} and {t} threads, first at line {}:\n  {x}\n  {y}", threads[0], k + 1);
            }
        }
    }
}

#[test]
fn synthetic_2000_gives_the_same_bytes_on_1_2_and_7_threads() {
    same_bytes_on(&["run", "scenarios/synthetic-2000.toml", "--runs", "2", "--ticks", "12"], &[1, 2, 7]);
}

#[test]
fn a_world_just_above_the_parallel_threshold_gives_the_same_bytes_on_1_2_and_7_threads() {
    let n = SMALL + 2;
    let set = format!("world.states={n}");
    let regions = format!("world.regions={}", n / 20);
    same_bytes_on(
        &["run", "scenarios/synthetic-2000.toml", "--runs", "3", "--ticks", "36", "--set", &set, "--set", &regions],
        &[1, 2, 7],
    );
}
