//! Issue 5 acceptance checks 1, 2, 3 and 6: estimators through the command line,
//! byte-identical results however the work is split (threads, shards), exact resume after
//! SIGKILL with no half-written file ever visible, and clear errors for bad sweep files.

mod common;
use common::*;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const FILES: [&str; 4] = ["points.csv", "runs.csv", "summary.csv", "sensitivity.csv"];

fn sweep(file: &str, out: &Path, extra: &[&str], threads: Option<usize>) {
    let mut a = vec!["sweep", file, "--out", out.to_str().unwrap(), "--quiet"];
    a.extend_from_slice(extra);
    ok(&a, threads);
}

fn sensitivity(dir: &Path) -> Vec<Vec<String>> {
    csv(&dir.join("sensitivity.csv")).1
}

#[test]
fn check_1_ishigami_sobol_indices_match_the_analytic_values() {
    let d = tempfile::tempdir().unwrap();
    sweep("scenarios/sweeps/ishigami.toml", d.path(), &[], None);
    let (a, b) = (7.0f64, 0.1f64);
    // analytic (Ishigami & Homma 1990; Sobol' & Levitan 1999)
    let pi = std::f64::consts::PI;
    let v1 = 0.5 * (1.0 + b * pi.powi(4) / 5.0).powi(2);
    let v2 = a * a / 8.0;
    let v13 = b * b * pi.powi(8) * (1.0 / 18.0 - 1.0 / 50.0);
    let v = v1 + v2 + v13;
    let s1 = [v1 / v, v2 / v, 0.0];
    let st = [(v1 + v13) / v, v2 / v, v13 / v];
    assert!((s1[0] - 0.314).abs() < 0.001 && (st[2] - 0.244).abs() < 0.001, "analytic values as in the issue");
    let rows = sensitivity(d.path());
    assert_eq!(rows.len(), 3);
    for (i, r) in rows.iter().enumerate() {
        let f = |k: usize| r[k].parse::<f64>().unwrap();
        let (s, slo, shi, t, tlo, thi) = (f(2), f(3), f(4), f(5), f(6), f(7));
        assert!((s - s1[i]).abs() < 0.05, "S1 of x{}: {s} vs {}", i + 1, s1[i]);
        assert!((t - st[i]).abs() < 0.05, "ST of x{}: {t} vs {}", i + 1, st[i]);
        assert!(slo <= s1[i] && s1[i] <= shi, "S1 CI of x{} [{slo}, {shi}] misses {}", i + 1, s1[i]);
        assert!(tlo <= st[i] && st[i] <= thi, "ST CI of x{} [{tlo}, {thi}] misses {}", i + 1, st[i]);
    }
    let (h, runs) = csv(&d.path().join("runs.csv"));
    assert_eq!(h, ["scenario", "point", "run", "seed", "y"]);
    assert_eq!(runs.len(), 1024 * 5);
}

#[test]
fn check_1_morris_ranks_the_unimportant_inputs_last() {
    let d = tempfile::tempdir().unwrap();
    sweep("scenarios/sweeps/sobol-g-morris.toml", d.path(), &[], None);
    let mut rows: Vec<(String, f64)> =
        sensitivity(d.path()).into_iter().map(|r| (r[1].clone(), r[3].parse().unwrap())).collect();
    assert_eq!(rows.len(), 8);
    rows.sort_by(|a, b| b.1.total_cmp(&a.1));
    let last: Vec<&str> = rows[4..].iter().map(|r| r.0.as_str()).collect();
    for x in ["x5", "x6", "x7", "x8"] {
        assert!(last.contains(&x), "{x} not among the last four by mu*: {rows:?}");
    }
}

#[test]
fn check_2_unsharded_and_3_or_7_shards_merged_are_byte_identical_on_1_and_2_threads() {
    let file = "tests/data/sweeps/small-sobol.toml";
    let reference = tempfile::tempdir().unwrap();
    sweep(file, reference.path(), &[], Some(1));
    for f in FILES {
        assert!(reference.path().join(f).exists(), "{f}");
    }
    assert!(!reference.path().join(".cyberdip-sweep").exists(), "work folder removed");
    for threads in [1, 2] {
        let plain = tempfile::tempdir().unwrap();
        sweep(file, plain.path(), &[], Some(threads));
        compare(reference.path(), plain.path(), &format!("unsharded, {threads} threads"));
        for n in [3, 7] {
            let shards = tempfile::tempdir().unwrap();
            for i in 0..n {
                sweep(file, shards.path(), &["--shard", &format!("{i}/{n}")], Some(threads));
            }
            let merged = tempfile::tempdir().unwrap();
            ok(&["merge", shards.path().to_str().unwrap(), "--out", merged.path().to_str().unwrap()], Some(threads));
            compare(reference.path(), merged.path(), &format!("{n} shards, {threads} threads"));
        }
    }
}

fn compare(a: &Path, b: &Path, what: &str) {
    for f in FILES {
        let (x, y) = (std::fs::read(a.join(f)).ok(), std::fs::read(b.join(f)).ok());
        assert_eq!(x.is_some(), y.is_some(), "{f} exists in only one of the two ({what})");
        assert!(x == y, "{f} differs ({what})");
    }
    assert!(a.join("runs.csv").exists(), "nothing compared ({what})");
}

#[test]
fn merge_names_missing_shards_and_exits_2() {
    let file = "tests/data/sweeps/small-sobol.toml";
    let shards = tempfile::tempdir().unwrap();
    for i in [0, 2] {
        sweep(file, shards.path(), &["--shard", &format!("{i}/4")], None);
    }
    let out = tempfile::tempdir().unwrap();
    let r = cyberdip(&["merge", shards.path().to_str().unwrap(), "--out", out.path().to_str().unwrap()], None);
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{err}");
    assert!(
        err.contains("2 of 4 shards missing")
            && err.contains("shard-0001-of-0004")
            && err.contains("shard-0003-of-0004"),
        "{err}"
    );
    assert!(!out.path().join("runs.csv").exists());
}

#[test]
fn shard_auto_reads_slurm_and_kubernetes_variables() {
    let file = "tests/data/sweeps/small-sobol.toml";
    let d = tempfile::tempdir().unwrap();
    let run = |vars: &[(&str, &str)]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_cyberdip"));
        c.args(["sweep", file, "--out", d.path().to_str().unwrap(), "--quiet", "--shard", "auto"]).current_dir(root());
        for (k, v) in vars {
            c.env(k, v);
        }
        c.env_remove("SLURM_ARRAY_TASK_ID");
        for (k, v) in vars {
            c.env(k, v);
        }
        c.output().unwrap()
    };
    assert!(run(&[("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_COUNT", "2")]).status.success());
    assert!(d.path().join("shard-0001-of-0002/runs.csv").exists());
    assert!(run(&[("JOB_COMPLETION_INDEX", "0"), ("CYBERDIP_SHARD_COUNT", "2")]).status.success());
    assert!(d.path().join("shard-0000-of-0002/runs.csv").exists());
    let out = tempfile::tempdir().unwrap();
    ok(&["merge", d.path().to_str().unwrap(), "--out", out.path().to_str().unwrap()], None);
    let reference = tempfile::tempdir().unwrap();
    sweep(file, reference.path(), &[], None);
    compare(reference.path(), out.path(), "auto shards");
}

/// Every file visible in `dir` (and its work folder) that is not a temporary file must be
/// complete CSV/JSON: parseable to the end, rows of equal width, ending in a newline.
fn assert_complete(dir: &Path) {
    let mut files = Vec::new();
    for d in [dir.to_path_buf(), dir.join(".cyberdip-sweep")] {
        if let Ok(entries) = std::fs::read_dir(&d) {
            files.extend(entries.flatten().map(|e| e.path()).filter(|p| p.is_file()));
        }
    }
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        if name.contains(".tmp-") || name == ".cyberdip.lock" {
            continue; // temporary files, and the lock (not an output: it names its holder)
        }
        let Ok(bytes) = std::fs::read(&f) else { continue }; // renamed away meanwhile
        assert!(bytes.ends_with(b"\n") || bytes.ends_with(b"}"), "{name} seen half-written ({} bytes)", bytes.len());
        if name.ends_with(".csv") {
            // a chunk's last line is its `# rows N fnv1a64 H` trailer
            let mut r = csv::ReaderBuilder::new().has_headers(false).comment(Some(b'#')).from_reader(&bytes[..]);
            let widths: Vec<usize> = r.records().map(|x| x.expect("complete csv").len()).collect();
            assert!(widths.windows(2).all(|w| w[0] == w[1]), "{name} has ragged rows");
        } else if name.ends_with(".json") {
            serde_json::from_slice::<serde_json::Value>(&bytes)
                .unwrap_or_else(|e| panic!("{name} is not complete JSON: {e}"));
        }
    }
}

#[test]
fn check_3_resume_after_sigkill_gives_the_bytes_of_an_uninterrupted_run() {
    let file = "tests/data/sweeps/resume-lhs.toml";
    let reference = tempfile::tempdir().unwrap();
    sweep(file, reference.path(), &[], None);
    let d = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_cyberdip"))
        .args(["sweep", file, "--out", d.path().to_str().unwrap(), "--quiet"])
        .current_dir(root())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let work = d.path().join(".cyberdip-sweep");
    let start = Instant::now();
    let mut killed_with = 0;
    loop {
        assert_complete(d.path());
        let chunks = std::fs::read_dir(&work)
            .map(|e| e.flatten().filter(|x| x.file_name().to_string_lossy().starts_with("chunk-")).count())
            .unwrap_or(0);
        if chunks >= 3 {
            child.kill().unwrap(); // SIGKILL on Unix
            child.wait().unwrap();
            killed_with = chunks;
            break;
        }
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(300), "sweep too slow to interrupt");
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(killed_with >= 3, "the sweep finished before it could be killed; make it longer");
    assert!(!d.path().join("runs.csv").exists(), "killed part way: no final files yet");
    assert_complete(d.path());
    // a chunk cut short (as by a power failure after the rename) must be computed again
    let first = work.join("chunk-0000000000.csv");
    let text = std::fs::read_to_string(&first).unwrap();
    let cut: String = text.lines().take(10).map(|l| format!("{l}\n")).collect();
    std::fs::write(&first, cut).unwrap();
    // resume, watching for half-written files as it goes
    let mut child = Command::new(env!("CARGO_BIN_EXE_cyberdip"))
        .args(["sweep", file, "--out", d.path().to_str().unwrap(), "--quiet", "--resume"])
        .current_dir(root())
        .spawn()
        .unwrap();
    while child.try_wait().unwrap().is_none() {
        assert_complete(d.path());
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(child.wait().unwrap().success());
    compare(reference.path(), d.path(), "resumed after SIGKILL");
}

#[test]
fn check_6_bad_sweep_files_exit_2_naming_file_line_and_key() {
    let cases: &[(&str, &[&str])] = &[
        ("unknown_path.toml", &["unknown_path.toml:8:8", "parameter.path", "did you mean \"state.IRN.coordination\""]),
        ("empty_range.toml", &["empty_range.toml:9:10", "parameter.values", "empty"]),
        ("min_above_max.toml", &["min_above_max.toml:9:7", "parameter.min", "greater than max"]),
        ("n_too_small.toml", &["n_too_small.toml:5:11", "sweep.samples", "trajectories >= 2"]),
        ("n_not_power_of_two.toml", &["n_not_power_of_two.toml:5:11", "sweep.samples", "power of two", "try 128"]),
        ("unknown_design.toml", &["unknown_design.toml:4:10", "sweep.design", "did you mean \"sobol\""]),
    ];
    for (file, expect) in cases {
        let d = tempfile::tempdir().unwrap();
        let path = format!("tests/data/bad-sweeps/{file}");
        let out = cyberdip(&["sweep", &path, "--out", d.path().to_str().unwrap()], None);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{file}: {err}");
        assert!(!err.contains("panicked"), "{file}: {err}");
        for e in *expect {
            assert!(err.contains(e), "{file}: expected `{e}` in:\n{err}");
        }
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 0, "{file}: wrote something");
    }
}

#[test]
fn any_sweep_row_reruns_alone_with_cyberdip_run() {
    let d = tempfile::tempdir().unwrap();
    sweep("tests/data/sweeps/small-sobol.toml", d.path(), &[], None);
    let (ph, points) = csv(&d.path().join("points.csv"));
    let (_, runs) = csv(&d.path().join("runs.csv"));
    let row = &runs[101]; // point 33, run 2
    let (p, r) = (row[1].clone(), row[2].clone());
    let point = &points[p.parse::<usize>().unwrap()];
    // small-sobol uses common random numbers (the default): run R of every point has the streams of point 0
    assert!(read(&d.path().join("manifest.json")).contains("\"common_random_numbers\": true"));
    let mut args: Vec<String> =
        ["run", "scenarios/baseline.toml", "--ticks", "12", "--seed", "5", "--run", &r, "--quiet"]
            .map(String::from)
            .to_vec();
    for (k, v) in ph.iter().zip(point).skip(1) {
        args.push("--set".into());
        args.push(format!("{k}={v}"));
    }
    let out = tempfile::tempdir().unwrap();
    args.push("--out".into());
    args.push(out.path().to_string_lossy().into_owned());
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    ok(&refs, None);
    let (_, again) = csv(&out.path().join("runs.csv"));
    assert_eq!(again.len(), 1);
    assert_eq!(again[0][2..], row[2..], "the row reruns to the same run, seed and values");
}

/// Issue 13: `sweep` printed no sensitivity summary in the terminal; it now names the most
/// influential parameters of each analysed metric, largest index first.
#[test]
fn sweep_prints_the_most_influential_parameters() {
    let d = tempfile::tempdir().unwrap();
    let out = ok(&["sweep", "tests/data/sweeps/small-sobol.toml", "--out", d.path().to_str().unwrap()], None);
    assert!(out.contains("Most influential parameters (Sobol' total index ST"), "{out}");
    let line = out.lines().find(|l| l.trim_start().starts_with("attacks ")).unwrap_or_else(|| panic!("{out}"));
    // the parameters are listed by ST, largest first, as in sensitivity.csv
    let st: Vec<(String, f64)> = sensitivity(d.path())
        .iter()
        .filter(|r| r[0] == "attacks")
        .map(|r| (r[1].clone(), r[5].parse::<f64>().unwrap()))
        .collect();
    let top = st.iter().max_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
    let first = line.split_whitespace().nth(1).unwrap();
    assert_eq!(first, top.0, "{line}");
    assert!(out.contains("sensitivity.csv"), "{out}");
}
