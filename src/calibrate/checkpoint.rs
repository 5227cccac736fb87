//! Saved generations of a calibration, for `cyberdip calibrate --resume`. Each completed
//! ABC-SMC generation is written atomically to the work folder `DIR/.cyberdip-calibrate`
//! as `generation-GGGG.csv`, beside `meta.json` (the digest of every input of the
//! calibration). A later generation depends only on the one before it ([`super::abc`]), so
//! a calibration resumed from its saved generations gives the same posterior, byte for
//! byte, as one never interrupted. The folder is removed once the results are written.
//!
//! A generation file: a first line `# generation G tolerance E simulations S`, the header
//! `weight,distance,<free parameter paths>`, one row per particle (numbers in Rust's
//! shortest round-trip form, so they read back to the same bits), and a trailer
//! `# rows N fnv1a64 HEX` over everything before it: a file cut short or edited does not
//! count, and is computed again.

use super::abc::{Generation, Particle};
use crate::error::{Error, InputError, Result};
use crate::output::atomic;
use crate::output::digest::Digest;
use std::path::{Path, PathBuf};

/// Name of the work folder inside the output folder.
pub const WORK_DIR: &str = ".cyberdip-calibrate";

/// What a work folder belongs to.
#[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
struct Meta {
    /// Digest of every input text (calibration file, scenario, targets).
    hash: String,
    /// Free parameter paths, in order.
    free: Vec<String>,
    /// The program's version: another version may simulate differently (CHANGELOG).
    version: String,
}

/// The work folder of a calibration writing to `out`.
pub fn work_dir(out: &Path) -> PathBuf {
    out.join(WORK_DIR)
}

/// Prepare `work` for a calibration of inputs `hash` over `free`: with `resume`, return
/// the generations saved there (an error if they belong to other inputs); otherwise clear
/// it. Either way `work` exists afterwards, with its meta.json.
pub fn prepare(work: &Path, hash: &str, free: &[String], resume: bool) -> Result<Vec<Generation>> {
    let meta = Meta { hash: hash.to_string(), free: free.to_vec(), version: env!("CARGO_PKG_VERSION").to_string() };
    let meta_file = work.join("meta.json");
    let mut saved = Vec::new();
    if work.exists() {
        if resume {
            if let Ok(text) = std::fs::read_to_string(&meta_file) {
                let old: Option<Meta> = serde_json::from_str(&text).ok();
                if old.as_ref() != Some(&meta) {
                    return Err(Error::input(
                        InputError::file(
                            work.display().to_string(),
                            "--resume: this folder holds the saved generations of a different calibration \
                             (its calibration file, scenario or targets have changed, or another version of \
                             cyberdip saved them)",
                        )
                        .help("run without --resume to start afresh, or use another --out folder"),
                    ));
                }
                saved = load(work, free.len());
            }
        } else {
            std::fs::remove_dir_all(work).map_err(|e| Error::run(format!("cannot clear {}", work.display()), e))?;
        }
    }
    std::fs::create_dir_all(work).map_err(|e| Error::run(format!("cannot create {}", work.display()), e))?;
    let json = serde_json::to_vec_pretty(&meta).map_err(|e| Error::run("cannot encode meta", e))?;
    atomic::write(&meta_file, &json)?;
    Ok(saved)
}

fn file(work: &Path, g: usize) -> PathBuf {
    work.join(format!("generation-{g:04}.csv"))
}

/// Save generation `g` (atomically: a reader sees the whole file or none).
pub fn save(work: &Path, free: &[String], g: &Generation) -> Result<()> {
    let mut s = format!("# generation {} tolerance {} simulations {}\n", g.number, g.epsilon, g.simulations);
    s.push_str("weight,distance");
    for p in free {
        s.push(',');
        s.push_str(p);
    }
    s.push('\n');
    for p in &g.particles {
        s.push_str(&format!("{},{}", p.weight, p.distance));
        for x in &p.theta {
            s.push_str(&format!(",{x}"));
        }
        s.push('\n');
    }
    s.push_str(&trailer(s.as_bytes(), g.particles.len()));
    atomic::write(&file(work, g.number), s.as_bytes()).map(|_| ())
}

fn trailer(body: &[u8], rows: usize) -> String {
    format!("# rows {rows} fnv1a64 {}\n", Digest::of(body).hex())
}

/// The saved generations 0, 1, … up to the first missing or damaged one.
fn load(work: &Path, dims: usize) -> Vec<Generation> {
    let mut gens = Vec::new();
    while let Some(g) = read(&file(work, gens.len()), gens.len(), dims) {
        gens.push(g);
    }
    gens
}

fn read(path: &Path, number: usize, dims: usize) -> Option<Generation> {
    let text = std::fs::read_to_string(path).ok()?;
    // the trailer is the last line: split after the newline before it (bytes, so an edited
    // file ending in any character cannot split a character)
    let bytes = text.as_bytes();
    let body_end = bytes[..bytes.len().saturating_sub(1)].iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    let (body, tail) = text.split_at(body_end);
    let mut lines = body.lines();
    let head: Vec<&str> = lines.next()?.split_whitespace().collect();
    let [_, "generation", g, "tolerance", e, "simulations", n] = head.as_slice() else { return None };
    if g.parse::<usize>().ok()? != number {
        return None;
    }
    lines.next()?; // column names
    let mut particles = Vec::new();
    for line in lines {
        let v: Vec<f64> = line.split(',').map(str::parse).collect::<std::result::Result<_, _>>().ok()?;
        if v.len() != dims + 2 {
            return None;
        }
        particles.push(Particle { weight: v[0], distance: v[1], theta: v[2..].to_vec() });
    }
    if tail != trailer(body.as_bytes(), particles.len()) || particles.is_empty() {
        return None;
    }
    Some(Generation { number, epsilon: e.parse().ok()?, particles, simulations: n.parse().ok()? })
}

/// Remove the work folder (after the results are written).
pub fn remove(work: &Path) -> Result<()> {
    std::fs::remove_dir_all(work).map_err(|e| Error::run(format!("cannot remove {}", work.display()), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generations_read_back_to_the_same_bits_and_damage_is_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let work = dir.path().join(WORK_DIR);
        let free = vec!["a".to_string(), "b".to_string()];
        assert!(prepare(&work, "h", &free, true).unwrap().is_empty());
        let p = |x: f64| Particle { theta: vec![x, 1.0 / 3.0], weight: 0.1 + x, distance: 1e-17 * x };
        let g0 = Generation { number: 0, epsilon: f64::INFINITY, particles: vec![p(0.1), p(0.7)], simulations: 2 };
        let g1 = Generation { number: 1, epsilon: 0.123_456_789, particles: vec![p(0.2)], simulations: 9 };
        save(&work, &free, &g0).unwrap();
        save(&work, &free, &g1).unwrap();
        let back = prepare(&work, "h", &free, true).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(back[0].particles, g0.particles);
        assert_eq!((back[1].epsilon, back[1].simulations), (g1.epsilon, g1.simulations));
        assert!(back[0].epsilon.is_infinite());
        // a damaged generation 1 is dropped, generation 0 kept
        let f = file(&work, 1);
        let text = std::fs::read_to_string(&f).unwrap().replace(",0.2,", ",0.25,");
        std::fs::write(&f, text).unwrap();
        assert_eq!(prepare(&work, "h", &free, true).unwrap().len(), 1);
        // other inputs: an input error, not a silent mix
        assert!(prepare(&work, "other", &free, true).is_err());
        // without --resume the folder is cleared
        assert!(prepare(&work, "other", &free, false).unwrap().is_empty());
        assert!(!file(&work, 0).exists());
    }
}
