//! Calibration and validation against public data: target files with sources and roles
//! ([`targets`]), per-run statistics targets are written in ([`stats`], [`expr`]),
//! ABC-SMC over free parameters ([`abc`]), the weighted posterior it yields
//! ([`posterior`]), and how well a scenario or posterior fits every target, calibration
//! and held-out validation alike ([`fit`], which also writes docs/VALIDATION.md), and the
//! saved generations `--resume` continues from ([`checkpoint`]).
//! `cyberdip calibrate` (src/app/calibrate.rs) runs it; docs/VALIDATION.md explains it.

pub mod abc;
pub mod checkpoint;
pub mod expr;
pub mod fit;
pub mod posterior;
pub mod spec;
pub mod stats;
pub mod targets;

use crate::core::rng::RunKey;
use spec::CalibrationSpec;
use stats::Measure;

/// z-score given to a target whose statistic is undefined in every replicate of a
/// particle (e.g. a share of no operations): far, but finite so that particles still rank.
pub const UNDEFINED_Z: f64 = 10.0;

/// Stream point of the runs that check a fit (never met by a particle's simulations,
/// whose points are `generation << 40 | attempt`).
pub const CHECK_POINT: u64 = 1 << 62;

/// Distance between simulated target values and the observed ones: root mean square of
/// (value - observed) / uncertainty over the calibration targets.
pub fn distance(spec: &CalibrationSpec, values: &[f64]) -> f64 {
    let z2: Vec<f64> = spec
        .calibration_targets()
        .zip(values)
        .map(|(t, v)| {
            let z = if v.is_finite() { (v - t.target.observed) / t.target.uncertainty } else { UNDEFINED_Z };
            z * z
        })
        .collect();
    (z2.iter().sum::<f64>() / z2.len().max(1) as f64).sqrt()
}

/// Calibration target values of one particle: the mean over `spec.runs` replicates (key:
/// seed, `id`, replicate) of each target, skipping replicates where it is undefined.
pub fn simulate(spec: &CalibrationSpec, id: u64, theta: &[f64]) -> Vec<f64> {
    let mut doc = spec.doc.clone();
    let origin = format!("particle {id}");
    for (f, v) in spec.free.iter().zip(theta) {
        if doc.set_number(&origin, &f.path, *v).is_err() {
            return vec![f64::NAN; spec.calibration_targets().count()];
        }
    }
    let Ok(sc) = doc.build() else { return vec![f64::NAN; spec.calibration_targets().count()] };
    let model = sc.model();
    let targets: Vec<_> = spec.calibration_targets().collect();
    let mut sums = vec![(0.0, 0u32); targets.len()];
    for r in 0..spec.runs {
        let m = Measure::run(&model, RunKey { seed: spec.abc.seed, point: id, run: r });
        for (t, s) in targets.iter().zip(sums.iter_mut()) {
            let v = t.value(&|x| m.get(x));
            if v.is_finite() {
                s.0 += v;
                s.1 += 1;
            }
        }
    }
    sums.into_iter().map(|(s, n)| if n > 0 { s / f64::from(n) } else { f64::NAN }).collect()
}

/// Run ABC-SMC for `spec`, continuing after the generations `done` (empty to start afresh).
pub fn run(
    spec: &CalibrationSpec,
    obs: &dyn abc::Observer,
    done: Vec<abc::Generation>,
) -> (Vec<abc::Generation>, abc::Stop) {
    let ranges: Vec<(f64, f64)> = spec.free.iter().map(|f| (f.min, f.max)).collect();
    abc::run(&ranges, &spec.abc, &|id, theta| distance(spec, &simulate(spec, id, theta)), obs, done)
}
