//! Criterion benches of the interactive page's server-side work (run: `cargo bench --bench
//! serve`), as ratios against the command line's work in the same run:
//!
//! - `page/write-200`: 200 baseline runs of 120 months written with time series, as
//!   `cyberdip run scenarios/baseline.toml --timeseries` does (`experiment::folder::write`).
//! - `page/write+collect-200`: the same while a `report::live::Collector` gathers the
//!   charts' aggregates, as a job of `cyberdip serve` does.
//! - `page/fragment`: the key numbers, forest plot and time series of the unchanged
//!   baseline and a what-if (200 runs each) drawn as the page's HTML.

use criterion::{Criterion, criterion_group, criterion_main};
use cyberdip::experiment::folder::{self, Done, Plan, Watch};
use cyberdip::metrics::Keep;
use cyberdip::report::live::{Collector, Results, fragment};
use cyberdip::scenario::{Overrides, Scenario, load};
use std::hint::black_box;
use std::path::Path;
use std::sync::atomic::AtomicBool;

fn scenario(sets: &[&str]) -> Scenario {
    let ov = Overrides { sets: sets.iter().map(|s| s.to_string()).collect(), runs: Some(200), ..Overrides::default() };
    load(Path::new("scenarios/baseline.toml"), &ov).expect("bundled scenario is valid")
}

fn plan(out: &Path) -> Plan {
    Plan {
        scenario: "scenarios/baseline.toml".into(),
        out: out.to_path_buf(),
        point: 0,
        only_run: None,
        keep: Keep { events: false, series: true },
        extra: Vec::new(),
        params: Default::default(),
    }
}

/// Write `sc` into `out`, gathering its results when `collect`.
fn write(sc: &Scenario, out: &Path, collect: bool, label: &str) -> Option<Results> {
    let stop = AtomicBool::new(false);
    let cols = folder::columns(sc);
    let mut c = Collector::new(&sc.name, sc.sim.seed, u64::from(sc.sim.ticks), &cols.runs, &cols.series);
    let mut each = |d: Done<'_>| {
        if collect {
            c.run(d.run, d.metrics, d.series);
        }
    };
    let w = folder::write(sc, &plan(out), vec![], Watch { each: &mut each, stop: &stop }).expect("written")?;
    if collect { c.finish(label, &w.stats) } else { None }
}

fn page(c: &mut Criterion) {
    let tmp = std::env::temp_dir().join(format!("cyberdip-bench-serve-{}", std::process::id()));
    let base = scenario(&[]);
    let whatif = scenario(&["state.IRN.coordination=1"]);
    let mut g = c.benchmark_group("page");
    g.sample_size(10);
    g.bench_function("write-200", |b| b.iter(|| black_box(write(&base, &tmp.join("a"), false, "a"))));
    g.bench_function("write+collect-200", |b| b.iter(|| black_box(write(&base, &tmp.join("b"), true, "b"))));
    let reference = write(&base, &tmp.join("r"), true, "baseline (unchanged)").expect("results");
    let changed = write(&whatif, &tmp.join("w"), true, "baseline (what-if)").expect("results");
    g.bench_function("fragment", |b| {
        b.iter(|| black_box(fragment(&[reference.clone(), changed.clone()]).expect("drawn").html.len()))
    });
    g.finish();
    let _ = std::fs::remove_dir_all(&tmp);
}

criterion_group!(benches, page);
criterion_main!(benches);
