//! manifest.json: what produced an output folder — version, command, scenario files and
//! hash, seeds, runs, ticks, start and end time — and how to rerun any row.

use serde::Serialize;

/// The contents of manifest.json.
#[derive(Debug, Serialize)]
pub struct Manifest {
    /// Tool and version.
    pub tool: String,
    /// Command line as given.
    pub command: Vec<String>,
    /// Scenario name.
    pub scenario: String,
    /// Files read, base first, and overrides.
    pub inputs: Vec<String>,
    /// FNV-1a digest of every input text.
    pub scenario_hash: String,
    /// Seed of every stream.
    pub seed: u64,
    /// Ticks per run.
    pub ticks: u32,
    /// Runs written (replicate numbers `first_run` ..).
    pub runs: u64,
    /// First replicate number.
    pub first_run: u64,
    /// Worker threads used (results do not depend on it).
    pub threads: usize,
    /// Files written.
    pub outputs: Vec<String>,
    /// Size and FNV-1a digest of every file of the set but this one; readers trust only
    /// these (docs/OUTPUTS.md).
    pub files: serde_json::Value,
    /// Start time, UTC, RFC 3339.
    pub started: String,
    /// End time, UTC, RFC 3339.
    pub finished: String,
    /// How to rerun one row alone.
    pub rerun: String,
    /// What the intervals of summary.csv hold: `monte-carlo: …` (runs at fixed parameter
    /// values) or `posterior: …` (each run draws its parameters: parameter uncertainty too).
    pub intervals: String,
    /// With `run --posterior`, the file the draws came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub posterior: Option<String>,
}

/// Current UTC time as RFC 3339 (seconds).
pub fn now_utc() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (h, m, s) = (rem / 3600, rem % 3600 / 60, rem % 60);
    // civil-from-days (Howard Hinnant)
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let mo = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(mo <= 2);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{m:02}:{s:02}Z")
}

#[cfg(test)]
mod tests {
    #[test]
    fn time_looks_like_rfc3339() {
        let t = super::now_utc();
        assert_eq!(t.len(), 20);
        assert!(t.starts_with("20") && t.ends_with('Z'));
    }
}
