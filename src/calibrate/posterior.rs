//! A posterior sample: weighted parameter draws (posterior.csv of `cyberdip calibrate`),
//! read back for `calibrate --check`, and drawn from reproducibly:
//! run `r` takes the draw picked by the stream keyed by (seed, "posterior.draw", r).

use super::abc::Particle;
use crate::core::rng::{Draw, fnv1a, stream};
use crate::error::{Error, InputError};
use crate::model::Model;
use crate::output::num;
use crate::scenario::{Document, Scenario};
use std::path::Path;

/// Weighted parameter draws.
#[derive(Clone, Debug, PartialEq)]
pub struct Posterior {
    /// Parameter paths (as for `--set`).
    pub paths: Vec<String>,
    /// (weight, values in `paths` order), weights summing to 1.
    pub draws: Vec<(f64, Vec<f64>)>,
    /// Where it was read from.
    pub file: String,
}

/// Leading columns of posterior.csv before the parameters.
pub const LEAD: [&str; 3] = ["particle", "weight", "distance"];

impl Posterior {
    /// From a final ABC population.
    pub fn from_particles(paths: Vec<String>, ps: &[Particle]) -> Posterior {
        Posterior { paths, draws: ps.iter().map(|p| (p.weight, p.theta.clone())).collect(), file: String::new() }
    }

    /// posterior.csv text: `particle, weight, distance, <path>...`.
    pub fn csv(paths: &[String], ps: &[Particle]) -> String {
        let mut s = LEAD.join(",");
        for p in paths {
            s.push(',');
            s.push_str(p);
        }
        s.push('\n');
        for (i, p) in ps.iter().enumerate() {
            s.push_str(&format!("{i},{},{}", num(p.weight), num(p.distance)));
            for v in &p.theta {
                s.push(',');
                s.push_str(&num(*v));
            }
            s.push('\n');
        }
        s
    }

    /// Read posterior.csv; every problem is an input error naming file and line.
    pub fn read(path: &Path) -> Result<Posterior, Error> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::input(
                InputError::file(&shown, format!("cannot read posterior file: {e}"))
                    .help("give the posterior.csv written by `cyberdip calibrate`"),
            )
        })?;
        Posterior::parse(&text, &shown)
    }

    /// Parse the text of a posterior.csv read from `shown`.
    pub fn parse(text: &str, shown: &str) -> Result<Posterior, Error> {
        let shown = shown.to_string();
        let bad = |line: usize, msg: String| {
            Error::input(
                InputError::file(&shown, format!("line {line}: {msg}"))
                    .help("posterior.csv has columns particle, weight, distance, then one per parameter path"),
            )
        };
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap_or("").split(',').collect();
        if header.len() <= LEAD.len() || header[..LEAD.len()] != LEAD {
            return Err(bad(
                1,
                format!("the header must start with {} and name at least one parameter", LEAD.join(",")),
            ));
        }
        let paths: Vec<String> = header[LEAD.len()..].iter().map(|s| s.to_string()).collect();
        let mut draws = Vec::new();
        for (i, line) in lines.enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let cells: Vec<&str> = line.split(',').collect();
            if cells.len() != header.len() {
                return Err(bad(i + 2, format!("{} fields, expected {}", cells.len(), header.len())));
            }
            let mut vals = Vec::with_capacity(cells.len());
            for (c, h) in cells.iter().zip(&header) {
                match c.trim().parse::<f64>() {
                    Ok(v) if v.is_finite() => vals.push(v),
                    _ => return Err(bad(i + 2, format!("column {h}: '{c}' is not a finite number"))),
                }
            }
            if vals[1] < 0.0 {
                return Err(bad(i + 2, format!("negative weight {}", vals[1])));
            }
            draws.push((vals[1], vals[LEAD.len()..].to_vec()));
        }
        let total: f64 = draws.iter().map(|d| d.0).sum();
        if draws.is_empty() || total <= 0.0 {
            return Err(bad(1, "no draw with a positive weight".into()));
        }
        for d in &mut draws {
            d.0 /= total;
        }
        Ok(Posterior { paths, draws, file: shown })
    }

    /// Check every path exists in `sc` and every value is in its range.
    pub fn check(&self, sc: &Scenario) -> Result<(), Error> {
        for p in &self.paths {
            match sc.range_of(p) {
                Err(e) => {
                    let mut err = InputError::file(&self.file, format!("column '{p}': {}", e.message));
                    if let Some(s) = e.suggestion {
                        err = err.help(format!("did you mean \"{s}\"?"));
                    }
                    return Err(Error::input(err));
                }
                Ok(r) => {
                    let k = self.paths.iter().position(|x| x == p).unwrap_or(0);
                    if let Some((_, d)) = self.draws.iter().find(|(_, d)| d[k] < r.min || d[k] > r.max) {
                        return Err(Error::input(InputError::file(
                            &self.file,
                            format!("column '{p}': value {} is outside its range {}..{}", d[k], r.min, r.max),
                        )));
                    }
                }
            }
        }
        Ok(())
    }

    /// Index of the draw of run `run` under `seed`.
    pub fn pick(&self, seed: u64, run: u64) -> usize {
        let u = stream(&[seed, fnv1a("posterior.draw"), run]).unit();
        let mut acc = 0.0;
        for (i, (w, _)) in self.draws.iter().enumerate() {
            acc += w;
            if u < acc {
                return i;
            }
        }
        self.draws.len() - 1
    }

    /// The document with draw `i` set.
    pub fn apply(&self, doc: &Document, i: usize) -> Result<Document, Error> {
        let mut d = doc.clone();
        let origin = format!("posterior draw {i}");
        for (p, v) in self.paths.iter().zip(&self.draws[i].1) {
            d.set_number(&origin, p, *v).map_err(Error::input)?;
        }
        Ok(d)
    }

    /// The model of draw `i`.
    pub fn model(&self, doc: &Document, i: usize) -> Result<Model, Error> {
        Ok(self.apply(doc, i)?.build()?.model())
    }

    /// Weighted quantile of parameter `k`.
    pub fn quantile(&self, k: usize, q: f64) -> f64 {
        let mut pairs: Vec<(f64, f64)> = self.draws.iter().map(|(w, d)| (d[k], *w)).collect();
        super::abc::weighted_quantile(&mut pairs, q)
    }
}
