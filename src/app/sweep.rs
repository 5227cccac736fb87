//! `cyberdip sweep` and `cyberdip merge`: the command-line side of `crate::sweep` —
//! shard selection (explicit or from Slurm / Kubernetes environment), progress, summary.

use crate::app::progress;
use crate::cli::{MergeArgs, SweepArgs};
use crate::error::{Error, InputError, Result, print_out};
use crate::sweep::exec::{self, Progress, Shard};
use crate::sweep::{finish, spec};
use std::time::Instant;

struct Bar(indicatif::ProgressBar);

impl Progress for Bar {
    fn advance(&self, n: u64) {
        self.0.inc(n);
    }
}

/// Parse `--shard`: `I/N`, `auto` or `auto/N`, with `env` giving the environment.
pub fn parse_shard(text: &str, env: impl Fn(&str) -> Option<String>) -> std::result::Result<Shard, String> {
    let num = |s: &str, what: &str| s.trim().parse::<u64>().map_err(|_| format!("{what} '{s}' is not a whole number"));
    let (index, count) = match text.split_once('/') {
        Some(("auto", n)) => (auto_index(&env)?, num(n, "shard count")?),
        Some((i, n)) => (num(i, "shard index")?, num(n, "shard count")?),
        None if text == "auto" => {
            let i = auto_index(&env)?;
            let n = env("SLURM_ARRAY_TASK_COUNT").or_else(|| env("CYBERDIP_SHARD_COUNT")).ok_or(
                "--shard auto: set SLURM_ARRAY_TASK_COUNT (Slurm) or CYBERDIP_SHARD_COUNT, or use --shard auto/N",
            )?;
            (i, num(&n, "shard count")?)
        }
        None => return Err(format!("expected I/N, auto or auto/N, found '{text}'")),
    };
    if count == 0 || index >= count {
        return Err(format!("shard {index}/{count}: the index counts from 0 and must be below the count"));
    }
    Ok(Shard { index, count })
}

fn auto_index(env: &impl Fn(&str) -> Option<String>) -> std::result::Result<u64, String> {
    let (name, v) = env("SLURM_ARRAY_TASK_ID")
        .map(|v| ("SLURM_ARRAY_TASK_ID", v))
        .or_else(|| env("JOB_COMPLETION_INDEX").map(|v| ("JOB_COMPLETION_INDEX", v)))
        .ok_or("--shard auto: neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set")?;
    let min = env("SLURM_ARRAY_TASK_MIN").and_then(|m| m.parse::<u64>().ok()).unwrap_or(0);
    let i = v.trim().parse::<u64>().map_err(|_| format!("{name}='{v}' is not a whole number"))?;
    Ok(i.saturating_sub(if name == "SLURM_ARRAY_TASK_ID" { min } else { 0 }))
}

/// Run the command.
pub fn sweep(a: &SweepArgs, argv: Vec<String>) -> Result<()> {
    let clock = Instant::now();
    let spec = spec::load(&a.sweep)?;
    let shard = match &a.shard {
        None => Shard::ALL,
        Some(s) => parse_shard(s, |k| std::env::var(k).ok()).map_err(|m| {
            Error::input(InputError::file("--shard", m).help("e.g. --shard 3/8, or --shard auto in a Slurm job array"))
        })?,
    };
    let points = spec.points();
    let units = shard.range(points.saturating_mul(spec.runs));
    let pb = progress::bar(units.end - units.start, "runs", a.quiet);
    let (done, ranked) = exec::run(&spec, shard, &a.out, a.resume, &Bar(pb.clone()), argv)?;
    pb.finish_and_clear();
    if !a.quiet {
        let secs = clock.elapsed().as_secs_f64();
        let part = if shard.count > 1 { format!(" (shard {}/{})", shard.index, shard.count) } else { String::new() };
        eprintln!(
            "sweep '{}': {} design, {points} points x {} runs = {done} runs{part} in {secs:.2} s ({:.0} runs/s) -> {}",
            spec.name,
            finish::Meta::new(&spec, shard).design,
            spec.runs,
            done as f64 / secs.max(1e-9),
            a.out.display()
        );
        if shard.count > 1 {
            eprintln!("when every shard is done: cyberdip merge {} --out MERGED", a.out.display());
        }
        print_out(&sensitivity_summary(&ranked, &a.out.join("sensitivity.csv")))?;
    }
    Ok(())
}

/// Most metrics and parameters shown in the terminal summary.
const SHOW_METRICS: usize = 8;
const SHOW_PARAMS: usize = 3;

/// The most influential parameters of each analysed metric, for the terminal (empty for
/// designs without indices).
pub fn sensitivity_summary(ranked: &[finish::Ranked], file: &std::path::Path) -> String {
    let Some(first) = ranked.first() else { return String::new() };
    let what = if first.index == "ST" {
        "Sobol' total index ST: the share of the outcome's variance due to the parameter, alone or with others"
    } else {
        "Morris mu*: the mean absolute effect of moving the parameter one step"
    };
    let mut s = format!("\nMost influential parameters ({what}):\n");
    let width = ranked.iter().take(SHOW_METRICS).map(|r| r.metric.len()).max().unwrap_or(10);
    for r in ranked.iter().take(SHOW_METRICS) {
        let top: Vec<String> =
            r.params.iter().take(SHOW_PARAMS).map(|(p, v)| format!("{p} {}", crate::output::num(round4(*v)))).collect();
        s.push_str(&format!("  {:<width$}  {}\n", r.metric, top.join(", ")));
    }
    if ranked.len() > SHOW_METRICS {
        s.push_str(&format!("  ... and {} more metrics\n", ranked.len() - SHOW_METRICS));
    }
    s.push_str(&format!("Every index with its 95% interval: {}\n", file.display()));
    s
}

fn round4(v: f64) -> f64 {
    if v.is_finite() { (v * 1e4).round() / 1e4 } else { v }
}

/// Run `merge`.
pub fn merge(a: &MergeArgs, argv: Vec<String>) -> Result<()> {
    let (runs, ranked) = finish::merge(&a.dirs, &a.out, argv)?;
    eprintln!("merged {runs} runs -> {}", a.out.display());
    print_out(&sensitivity_summary(&ranked, &a.out.join("sensitivity.csv")))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    }

    #[test]
    fn shards_parse_from_the_command_line_slurm_and_kubernetes() {
        assert_eq!(parse_shard("2/7", env(&[])), Ok(Shard { index: 2, count: 7 }));
        assert!(parse_shard("7/7", env(&[])).is_err());
        assert!(parse_shard("x/7", env(&[])).is_err());
        let slurm = [("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_COUNT", "4")];
        assert_eq!(parse_shard("auto", env(&slurm)), Ok(Shard { index: 3, count: 4 }));
        let slurm_offset =
            [("SLURM_ARRAY_TASK_ID", "5"), ("SLURM_ARRAY_TASK_COUNT", "4"), ("SLURM_ARRAY_TASK_MIN", "2")];
        assert_eq!(parse_shard("auto", env(&slurm_offset)), Ok(Shard { index: 3, count: 4 }));
        let k8s = [("JOB_COMPLETION_INDEX", "1"), ("CYBERDIP_SHARD_COUNT", "3")];
        assert_eq!(parse_shard("auto", env(&k8s)), Ok(Shard { index: 1, count: 3 }));
        assert_eq!(parse_shard("auto/5", env(&[("JOB_COMPLETION_INDEX", "4")])), Ok(Shard { index: 4, count: 5 }));
        assert!(parse_shard("auto", env(&[])).is_err());
    }

    #[test]
    fn shard_ranges_partition_the_units() {
        for count in 1..9u64 {
            let mut next = 0;
            for index in 0..count {
                let r = Shard { index, count }.range(1000);
                assert_eq!(r.start, next);
                next = r.end;
            }
            assert_eq!(next, 1000);
        }
    }
}
