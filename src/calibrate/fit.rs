//! How well a scenario (or a posterior over its parameters) reproduces the targets: runs,
//! each target's mean and 95% interval over them, within tolerance or not (fit.csv), and
//! the page docs/VALIDATION.md is generated from ([`markdown`]).
//!
//! A target passes when |model mean - observed| <= 2 x uncertainty. The interval is the
//! 2.5-97.5% range of the per-run values: Monte Carlo spread only for a scenario as it is,
//! parameter uncertainty and Monte Carlo spread for runs drawn from a posterior.

use super::posterior::Posterior;
use super::stats::{FAMILIES, Measure};
use super::targets::{Resolved, Role};
use crate::core::rng::RunKey;
use crate::error::Result;
use crate::model::Model;
use crate::output::num;
use crate::scenario::Document;
use rayon::prelude::*;

/// A target's model value over runs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    /// Mean over runs where the statistic is defined.
    pub mean: f64,
    /// 2.5% quantile.
    pub low: f64,
    /// 97.5% quantile.
    pub high: f64,
    /// Runs where it is defined.
    pub n: usize,
}

impl Interval {
    fn of(mut v: Vec<f64>) -> Interval {
        v.retain(|x| x.is_finite());
        if v.is_empty() {
            return Interval { mean: f64::NAN, low: f64::NAN, high: f64::NAN, n: 0 };
        }
        let mean = v.iter().sum::<f64>() / v.len() as f64;
        let n = v.len();
        let low = super::abc::quantile(&mut v, 0.025);
        let high = super::abc::quantile(&mut v, 0.975);
        Interval { mean, low, high, n }
    }
}

/// Pass, fail, or no model value.
pub fn verdict(t: &Resolved, i: &Interval) -> &'static str {
    if t.expr.is_none() {
        "no statistic"
    } else if i.n == 0 {
        "undefined"
    } else if (i.mean - t.target.observed).abs() <= 2.0 * t.target.uncertainty {
        "pass"
    } else {
        "fail"
    }
}

/// Run `runs` replicates (key: seed, `point`, run) and measure every target. With a
/// posterior, run r uses draw [`Posterior::pick`]`(seed, r)`.
pub fn evaluate(
    doc: &Document,
    targets: &[Resolved],
    posterior: Option<&Posterior>,
    runs: u64,
    seed: u64,
    point: u64,
    progress: &(dyn Fn() + Sync),
) -> Result<Vec<Interval>> {
    let base: Model = doc.build()?.model();
    let models: Vec<Option<Model>> = match posterior {
        None => Vec::new(),
        Some(p) => {
            // one model per distinct draw used
            let mut picks: Vec<usize> = (0..runs).map(|r| p.pick(seed, r)).collect();
            picks.sort_unstable();
            picks.dedup();
            let mut v: Vec<Option<Model>> = vec![None; p.draws.len()];
            for i in picks {
                v[i] = Some(p.model(doc, i)?);
            }
            v
        }
    };
    let rows: Vec<Vec<f64>> = (0..runs)
        .into_par_iter()
        .map(|r| {
            let m = match posterior {
                Some(p) => models[p.pick(seed, r)].as_ref().unwrap_or(&base),
                None => &base,
            };
            let x = Measure::run(m, RunKey { seed, point, run: r });
            progress();
            targets.iter().map(|t| t.value(&|s| x.get(s))).collect()
        })
        .collect();
    Ok((0..targets.len()).map(|k| Interval::of(rows.iter().map(|r| r[k]).collect())).collect())
}

/// fit.csv text.
pub fn csv(targets: &[Resolved], before: &[Interval], after: &[Interval]) -> String {
    let mut s = String::from(
        "target,role,observed,uncertainty,before_mean,before_low,before_high,before_verdict,\
         model_mean,model_low,model_high,runs,within_tolerance,verdict\n",
    );
    for ((t, b), a) in targets.iter().zip(before).zip(after) {
        let v = verdict(t, a);
        s.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
            t.target.name,
            t.target.role.name(),
            num(t.target.observed),
            num(t.target.uncertainty),
            num(b.mean),
            num(b.low),
            num(b.high),
            verdict(t, b),
            num(a.mean),
            num(a.low),
            num(a.high),
            a.n,
            u8::from(v == "pass"),
            v
        ));
    }
    s
}

/// A Morris ranking row: parameter, normalised mean mu* over the headline metrics.
#[derive(Clone, Debug, PartialEq)]
pub struct Influence {
    /// Parameter path.
    pub parameter: String,
    /// Mean over metrics of mu* / (largest mu* of that metric).
    pub score: f64,
    /// The metric where it matters most.
    pub top_metric: String,
}

/// Rank parameters from a Morris sensitivity.csv (`metric, parameter, mu, mu_star, ...`).
pub fn rank_morris(text: &str) -> Vec<Influence> {
    use std::collections::BTreeMap;
    let mut rows: Vec<(String, String, f64)> = Vec::new();
    for line in text.lines().skip(1) {
        let c: Vec<&str> = line.split(',').collect();
        if c.len() >= 4
            && let Ok(v) = c[3].parse::<f64>()
            && v.is_finite()
        {
            rows.push((c[0].to_string(), c[1].to_string(), v));
        }
    }
    let mut max: BTreeMap<&str, f64> = BTreeMap::new();
    for (m, _, v) in &rows {
        let e = max.entry(m.as_str()).or_insert(0.0);
        *e = e.max(*v);
    }
    let metrics = max.values().filter(|v| **v > 0.0).count().max(1) as f64;
    let mut by: BTreeMap<&str, (f64, f64, &str)> = BTreeMap::new();
    for (m, p, v) in &rows {
        let top = max.get(m.as_str()).copied().unwrap_or(0.0);
        if top <= 0.0 {
            continue;
        }
        let e = by.entry(p.as_str()).or_insert((0.0, -1.0, ""));
        e.0 += v / top / metrics;
        if v / top > e.1 {
            e.1 = v / top;
            e.2 = m.as_str();
        }
    }
    let mut out: Vec<Influence> = by
        .into_iter()
        .map(|(p, (s, _, m))| Influence { parameter: p.to_string(), score: s, top_metric: m.to_string() })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.parameter.cmp(&b.parameter)));
    out
}

/// What the validation page shows.
pub struct Page<'a> {
    /// The command that regenerates it.
    pub command: String,
    /// Targets.
    pub targets: &'a [Resolved],
    /// Scenario as it is.
    pub before: &'a [Interval],
    /// Calibrated (posterior) model.
    pub after: &'a [Interval],
    /// Runs behind each interval.
    pub runs: u64,
    /// The posterior, if any.
    pub posterior: Option<&'a Posterior>,
    /// Morris ranking, if given, and the sweep it came from.
    pub morris: Option<(&'a [Influence], String, usize)>,
    /// How the posterior was obtained (calibration file, free parameters, settings).
    pub method: String,
}

fn f(x: f64) -> String {
    if x.is_nan() {
        "–".into()
    } else if x != 0.0 && x.abs() < 0.01 {
        format!("{x:.4}")
    } else {
        format!("{x:.3}")
    }
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// docs/VALIDATION.md.
pub fn markdown(p: &Page) -> String {
    let mut s = String::new();
    s.push_str("# Validation: the model against public data\n\n");
    s.push_str(&format!(
        "<!-- Generated by `{}`; do not edit by hand (tests/calibrate.rs checks it is in sync). -->\n\n",
        p.command
    ));
    s.push_str(
        "Every target is a figure from public data with its source (scenarios/calibration/targets.toml). \
         **Calibration** targets are those `cyberdip calibrate` fits the free parameters to; **validation** \
         targets are held out: the fit never sees them, so they test the model. A target passes when the \
         model's mean is within two uncertainties of the observed value. Held-out targets that fail are \
         listed as known gaps, not removed.\n\n",
    );
    let kind = if p.posterior.is_some() {
        "parameter uncertainty (each run draws its parameters from the posterior) and Monte Carlo spread"
    } else {
        "Monte Carlo spread only (no posterior given)"
    };
    s.push_str(&format!(
        "*Before*: the scenario as it is; *after*: the calibrated model. Values are means over {} runs; \
         the interval (2.5–97.5% of runs) holds {kind}.\n\n",
        p.runs
    ));
    s.push_str("## Method\n\n");
    s.push_str(&p.method);
    s.push_str("\n\n");
    if let Some(post) = p.posterior {
        s.push_str("## Posterior (calibrated parameters)\n\n");
        s.push_str(&format!("From `{}` ({} weighted draws).\n\n", post.file, post.draws.len()));
        s.push_str("| parameter | median | 90% interval |\n|---|---:|---|\n");
        for (k, path) in post.paths.iter().enumerate() {
            s.push_str(&format!(
                "| `{path}` | {} | {} – {} |\n",
                f(post.quantile(k, 0.5)),
                f(post.quantile(k, 0.05)),
                f(post.quantile(k, 0.95))
            ));
        }
        s.push('\n');
    }
    let mut gaps = Vec::new();
    for role in [Role::Calibration, Role::Validation] {
        let title = match role {
            Role::Calibration => "## Calibration targets (fitted)",
            Role::Validation => "## Held-out validation targets (never fitted)",
        };
        s.push_str(&format!("{title}\n\n"));
        s.push_str(
            "| target | observed ± unc. | before | after (95% interval) | verdict |\n\
             |---|---:|---:|---|---|\n",
        );
        let (mut pass, mut total) = (0, 0);
        let mut notes = String::new();
        for ((t, b), a) in p.targets.iter().zip(p.before).zip(p.after) {
            if t.target.role != role {
                continue;
            }
            let v = verdict(t, a);
            total += 1;
            if v == "pass" {
                pass += 1;
            } else if role == Role::Validation {
                gaps.push((t, v, a));
            }
            s.push_str(&format!(
                "| {} | {} ± {} | {} | {} ({} – {}) | **{v}** |\n",
                t.target.name,
                f(t.target.observed),
                f(t.target.uncertainty),
                f(b.mean),
                f(a.mean),
                f(a.low),
                f(a.high),
            ));
            let metric = t.target.metric.as_ref().map_or("(none yet)".to_string(), |m| format!("`{}`", m.0));
            notes.push_str(&format!(
                "- **{}**: {} Model statistic: {metric}. Source: {} ({}).\n",
                t.target.name,
                cell(&t.target.statistic),
                cell(&t.target.source),
                cell(&t.target.years)
            ));
        }
        s.push_str(&format!("\n{pass} of {total} pass.\n\n{notes}\n"));
    }
    s.push_str("## Known gaps (held-out targets that fail)\n\n");
    if gaps.is_empty() {
        s.push_str("None.\n\n");
    }
    for (t, v, a) in gaps {
        s.push_str(&format!(
            "- **{}** ({v}): observed {} ± {}, model {}. {}\n",
            t.target.name,
            f(t.target.observed),
            f(t.target.uncertainty),
            f(a.mean),
            cell(&t.target.statistic)
        ));
    }
    s.push('\n');
    s.push_str("## Which assumptions matter (Morris screening)\n\n");
    match &p.morris {
        None => s.push_str("No screening given (`--morris DIR`).\n\n"),
        Some((rank, from, outcomes)) => {
            s.push_str(&format!(
                "Elementary effects (Morris 1991) of {} assumption parameters on {} headline outcomes, from \
                 `{from}` (the sensitivity.csv of a `design = \"morris\"` sweep). Score: mean over outcomes of μ* divided by the largest μ* for that outcome (1 = \
                 the most influential parameter on every outcome). Conclusions rest most on the top rows.\n\n\
                 | rank | parameter | score | matters most for |\n|---:|---|---:|---|\n",
                rank.len(),
                outcomes
            ));
            for (k, r) in rank.iter().take(25).enumerate() {
                s.push_str(&format!("| {} | `{}` | {} | {} |\n", k + 1, r.parameter, f(r.score), r.top_metric));
            }
            s.push('\n');
        }
    }
    s.push_str("## Statistics targets can use\n\n| name | meaning |\n|---|---|\n");
    for (n, d) in FAMILIES {
        s.push_str(&format!("| `{n}` | {d} |\n"));
    }
    s
}
