//! Issue 13 regression tests: output folders that cannot mix (one writer, one set, no stale
//! file, no leftovers, Ctrl-C), inputs that cannot hang or exhaust the program (run
//! indices, devices and pipes, error floods), and the smaller defects of item 9. Each test
//! is headed by the defect it guards. Long-running children are always killed after a
//! deadline, so a regression fails instead of filling the disk.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A child process that is killed when dropped, so a failing assertion never leaves a
/// million-run command writing in the background.
struct Running(Option<Child>);

impl std::ops::Deref for Running {
    type Target = Child;
    fn deref(&self) -> &Child {
        self.0.as_ref().unwrap()
    }
}

impl std::ops::DerefMut for Running {
    fn deref_mut(&mut self) -> &mut Child {
        self.0.as_mut().unwrap()
    }
}

impl Running {
    /// Wait for the end and collect the output.
    fn output(mut self) -> Output {
        self.0.take().unwrap().wait_with_output().unwrap()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(mut c) = self.0.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// Start `cyberdip args` in the repository root, output captured.
fn spawn(args: &[&str]) -> Running {
    let child = Command::new(env!("CARGO_BIN_EXE_cyberdip"))
        .args(args)
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    Running(Some(child))
}

/// Run `cyberdip args`, killing it after `secs` (then the test fails).
fn run_within(args: &[&str], secs: u64) -> Output {
    let mut child = spawn(args);
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(secs) {
            child.kill().unwrap();
            let out = child.output();
            panic!("cyberdip {args:?} still running after {secs} s: {}", String::from_utf8_lossy(&out.stderr));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.output()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Wait until `cond` holds (polling), failing after `secs`.
fn wait_for(what: &str, secs: u64, mut cond: impl FnMut() -> bool) {
    let start = Instant::now();
    while !cond() {
        assert!(start.elapsed() < Duration::from_secs(secs), "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|r| r.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

fn staging_of(dir: &Path) -> Option<PathBuf> {
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with(".cyberdip-staging-"))
        .map(|e| e.path())
}

fn signal(child: &Running, sig: &str) {
    let ok = Command::new("kill").args([sig, &child.id().to_string()]).status().unwrap().success();
    assert!(ok, "kill {sig} failed");
}

/// Every file of `dir` (not hidden), with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    names(dir)
        .into_iter()
        .filter(|n| !n.starts_with('.'))
        .filter(|n| dir.join(n).is_file())
        .map(|n| {
            let b = std::fs::read(dir.join(&n)).unwrap();
            (n, b)
        })
        .collect()
}

/// A copy of a sweep file with another seed, its scenario path made absolute.
fn sweep_with_seed(src: &str, seed: u64, dir: &Path) -> PathBuf {
    let text = read(&path(src)).replace("seed = 11", &format!("seed = {seed}")).replace(
        "scenario = \"../../../scenarios/baseline.toml\"",
        &format!("scenario = \"{}\"", path("scenarios/baseline.toml").display()),
    );
    let p = dir.join(format!("seed-{seed}.toml"));
    std::fs::write(&p, text).unwrap();
    p
}

// Defect 1: two sweeps into the same --out mixed their data (runs.csv held both seeds)
// and the second deleted the first one's work folder. Now the second is refused, exit 2,
// naming the first; the first finishes with its own rows only.
#[test]
fn defect_1_a_second_sweep_into_a_busy_folder_is_refused_and_the_first_is_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("x");
    let other = sweep_with_seed("tests/data/sweeps/resume-lhs.toml", 99, tmp.path());
    let mut first = spawn(&["sweep", "tests/data/sweeps/resume-lhs.toml", "--out", out.to_str().unwrap(), "--quiet"]);
    wait_for("the first sweep's work folder", 60, || out.join(".cyberdip-sweep").join("meta.json").exists());
    let second = run_within(&["sweep", other.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet"], 60);
    let err = stderr(&second);
    assert_eq!(second.status.code(), Some(2), "{err}");
    assert!(
        err.contains("being written by another cyberdip command") && err.contains(&format!("pid {}", first.id())),
        "{err}"
    );
    let status = first.wait().unwrap();
    assert!(status.success(), "the first sweep failed: {}", {
        let mut s = String::new();
        use std::io::Read;
        first.stderr.take().unwrap().read_to_string(&mut s).unwrap();
        s
    });
    let (_, rows) = csv(&out.join("runs.csv"));
    assert_eq!(rows.len(), 1600);
    assert!(rows.iter().all(|r| r[3] == "11"), "only the first sweep's seed");
    assert!(!out.join(".cyberdip-sweep").exists() && !out.join(".cyberdip.lock").exists());
}

// Defect 2: two `run`s into the same --out both exited 0, the last one winning silently.
#[test]
fn defect_2_a_second_run_into_a_busy_folder_is_refused_naming_the_first() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("d");
    let o = out.to_str().unwrap();
    let mut first = spawn(&["run", "scenarios/baseline.toml", "--runs", "1000000", "--out", o, "--quiet"]);
    wait_for("the first run's lock", 60, || out.join(".cyberdip.lock").exists());
    let second = run_within(&["run", "scenarios/baseline.toml", "--runs", "2", "--out", o, "--quiet"], 60);
    let err = stderr(&second);
    assert_eq!(second.status.code(), Some(2), "{err}");
    assert!(err.contains(&format!("pid {}", first.id())) && err.contains("--runs 1000000"), "{err}");
    signal(&first, "-TERM");
    assert_eq!(first.wait().unwrap().code(), Some(130));
    assert!(names(&out).is_empty(), "nothing written: {:?}", names(&out));
}

// Defect 3: files were renamed into place one by one, so a run killed after runs.csv was
// replaced left it beside the old states, summary, events and manifest. Now the new set is
// staged aside: a run killed before its end leaves the old set byte for byte; a
// replacement cut short (no manifest, staging folder present) and a file that does not
// match the manifest are refused by `report` (exit 2) instead of being mixed.
#[test]
fn defect_3_a_killed_run_leaves_the_old_set_and_a_broken_set_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("d");
    let o = d.to_str().unwrap();
    ok(&["run", "scenarios/baseline.toml", "--runs", "10", "--events", "--timeseries", "--out", o, "--quiet"], None);
    let before = snapshot(&d);
    let mut second =
        spawn(&["run", "scenarios/sanctions-lifted.toml", "--runs", "1000000", "--out", o, "--quiet", "--events"]);
    wait_for("rows written by the second run", 60, || {
        staging_of(&d)
            .and_then(|s| std::fs::read_dir(s).ok())
            .is_some_and(|r| r.flatten().any(|e| e.metadata().is_ok_and(|m| m.len() > 100_000)))
    });
    assert_eq!(snapshot(&d), before, "the old set is untouched while the new one is written");
    second.kill().unwrap(); // SIGKILL
    second.wait().unwrap();
    assert_eq!(snapshot(&d), before, "a killed run leaves the old set");
    let rep = tmp.path().join("rep");
    ok(&["report", o, "--out", rep.to_str().unwrap()], None);
    // a replacement cut short: manifest removed, a new runs.csv moved in, staging left
    std::fs::create_dir_all(d.join(".cyberdip-staging-4242")).unwrap();
    std::fs::remove_file(d.join("manifest.json")).unwrap();
    let r = run_within(&["report", o, "--out", rep.to_str().unwrap()], 120);
    assert_eq!(r.status.code(), Some(2), "{}", stderr(&r));
    assert!(stderr(&r).contains("incomplete"), "{}", stderr(&r));
    // a file changed after the run no longer matches its recorded size
    ok(&["run", "scenarios/baseline.toml", "--runs", "10", "--out", o, "--quiet"], None);
    let mut runs = std::fs::read(d.join("runs.csv")).unwrap();
    runs.extend_from_slice(b"baseline,0,10,42\n");
    std::fs::write(d.join("runs.csv"), runs).unwrap();
    let r = run_within(&["report", o, "--out", rep.to_str().unwrap()], 120);
    assert_eq!(r.status.code(), Some(2), "{}", stderr(&r));
    assert!(stderr(&r).contains("changed after the run"), "{}", stderr(&r));
}

// Defect 4: optional files of an older run survived a new run (events.csv, timeseries.csv;
// states.csv under a sweep) and `report` charted them under the new scenario's name.
#[test]
fn defect_4_no_optional_file_of_an_older_run_survives_and_report_reads_only_the_manifest() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("d");
    let o = d.to_str().unwrap();
    ok(&["run", "scenarios/baseline.toml", "--runs", "8", "--events", "--timeseries", "--out", o, "--quiet"], None);
    assert!(d.join("events.csv").exists() && d.join("timeseries.csv").exists());
    ok(&["run", "scenarios/sanctions-lifted.toml", "--runs", "8", "--out", o, "--quiet"], None);
    assert_eq!(names(&d), ["manifest.json", "runs.csv", "states.csv", "summary.csv"]);
    // a file the manifest does not list (copied in by hand) is not read
    let other = tmp.path().join("other");
    ok(
        &["run", "scenarios/baseline.toml", "--runs", "8", "--events", "--out", other.to_str().unwrap(), "--quiet"],
        None,
    );
    std::fs::copy(other.join("events.csv"), d.join("events.csv")).unwrap();
    let rep = tmp.path().join("rep");
    ok(&["report", o, "--out", rep.to_str().unwrap()], None);
    let html = read(&rep.join("index.html"));
    assert!(html.contains("Event timeline skipped"), "the unlisted events.csv was read");
    assert!(!names(&rep).iter().any(|n| n.starts_with("timeline_")));
    // a sweep into a run's folder leaves no states.csv behind
    let s = tmp.path().join("s");
    ok(&["run", "scenarios/baseline.toml", "--runs", "4", "--out", s.to_str().unwrap(), "--quiet"], None);
    ok(&["sweep", "tests/data/sweeps/small-sobol.toml", "--out", s.to_str().unwrap(), "--quiet"], None);
    assert_eq!(names(&s), ["manifest.json", "points.csv", "runs.csv", "sensitivity.csv", "summary.csv"]);
}

// Defect 5: SIGINT or SIGKILL left hidden `.NAME.tmp-PID` files (up to gigabytes) that no
// later run removed, and Ctrl-C said nothing. Now Ctrl-C (SIGINT) stops at once, removes
// the temporary files, says what was kept and exits 130; the next run into a folder removes
// the leftovers of a killed one.
#[test]
fn defect_5_ctrl_c_cleans_up_and_says_what_was_kept_and_leftovers_of_a_kill_are_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("d");
    let o = d.to_str().unwrap();
    ok(&["run", "scenarios/baseline.toml", "--runs", "4", "--out", o, "--quiet"], None);
    let before = snapshot(&d);
    let big = ["run", "scenarios/baseline.toml", "--runs", "1000000", "--events", "--out", o, "--quiet"];
    let child = spawn(&big);
    wait_for("a temporary file", 60, || staging_of(&d).is_some_and(|s| !names(&s).is_empty()));
    signal(&child, "-INT");
    let sent = Instant::now();
    let out = child.output();
    let stopped = sent.elapsed();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(130), "{err}");
    assert!(stopped < Duration::from_secs(5), "took {stopped:?} to stop");
    assert!(err.contains("interrupted") && err.contains("previous results are kept"), "{err}");
    assert_eq!(names(&d), ["manifest.json", "runs.csv", "states.csv", "summary.csv"], "no temporary file left");
    assert_eq!(snapshot(&d), before);
    // SIGKILL cannot be caught: its leftovers go with the next run into the folder
    let mut child = spawn(&big);
    wait_for("a temporary file", 60, || staging_of(&d).is_some_and(|s| !names(&s).is_empty()));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(staging_of(&d).is_some(), "SIGKILL leaves the staging folder");
    ok(&["run", "scenarios/baseline.toml", "--runs", "4", "--out", o, "--quiet"], None);
    assert_eq!(names(&d), ["manifest.json", "runs.csv", "states.csv", "summary.csv"]);
}

// Defect 6: `--run 18446744073709551614` looped for ever writing rows (6.5 GB in ten
// minutes); `--run 18446744073709551615` exited 0 with no rows and "1 runs".
#[test]
fn defect_6_run_indices_near_the_top_of_u64_are_refused_at_once() {
    for r in ["18446744073709551614", "18446744073709551615", "10000000"] {
        let d = tempfile::tempdir().unwrap();
        let out = run_within(&["run", "scenarios/baseline.toml", "--run", r, "--out", d.path().to_str().unwrap()], 60);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "--run {r}: {err}");
        assert!(err.contains("numbered from 0 to 9999999"), "{err}");
        assert!(names(d.path()).is_empty(), "--run {r} wrote {:?}", names(d.path()));
    }
    let d = tempfile::tempdir().unwrap();
    ok(
        &[
            "run",
            "scenarios/baseline.toml",
            "--run",
            "9999999",
            "--ticks",
            "3",
            "--out",
            d.path().to_str().unwrap(),
            "--quiet",
        ],
        None,
    );
    let (_, rows) = csv(&d.path().join("runs.csv"));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][2], "9999999");
}

// Defect 7: `validate /dev/zero` (and `run`, and an `extends` of /dev/zero or /dev/urandom)
// grew memory without limit; a named pipe hung `validate`, which read each file twice; and
// `validate <(cat f.toml)` said the file was empty.
#[test]
fn defect_7_devices_pipes_and_huge_files_get_clear_errors_and_process_substitution_works() {
    let out = run_within(&["validate", "/dev/zero"], 30);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("a device, not a regular file"), "{}", stderr(&out));
    let d = tempfile::tempdir().unwrap();
    let o = d.path().join("o");
    let out = run_within(&["run", "/dev/zero", "--out", o.to_str().unwrap()], 30);
    assert_eq!(out.status.code(), Some(2));
    let ext = d.path().join("ext.toml");
    std::fs::write(&ext, "extends = \"/dev/urandom\"\n").unwrap();
    let out = run_within(&["run", ext.to_str().unwrap(), "--out", o.to_str().unwrap()], 30);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("ext.toml:1:11") && stderr(&out).contains("a device"), "{}", stderr(&out));
    let fifo = d.path().join("pipe.toml");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let out = run_within(&["validate", fifo.to_str().unwrap()], 30);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("a named pipe"), "{}", stderr(&out));
    let big = d.path().join("big.toml");
    std::fs::File::create(&big).unwrap().set_len(17 << 20).unwrap();
    let out = run_within(&["validate", big.to_str().unwrap()], 30);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("limit of 16 MiB"), "{}", stderr(&out));
    // a shell's process substitution is read once; its `extends` is relative to the current folder
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!("cd scenarios && '{}' validate <(cat sanctions-lifted.toml)", env!("CARGO_BIN_EXE_cyberdip")))
        .current_dir(root())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("ok  /dev/fd/"), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(names(&o).is_empty());
}

// Defect 8: error reporting was quadratic and unbounded: each error rescanned the file from
// its start; 20,000 unknown keys took 15 s and printed about 120,000 lines. Now at most 20
// errors are shown, then "and K more"; each is located through a line index (the time is
// in docs/PERFORMANCE.md, measured, not asserted).
#[test]
fn defect_8_an_error_flood_shows_twenty_errors_and_counts_the_rest() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("keys.toml");
    let mut text = format!("extends = \"{}\"\n[parameters]\n", path("scenarios/baseline.toml").display());
    for i in 0..20_000 {
        text.push_str(&format!("attacks.unknown_key_{i:05} = 0.5\n"));
    }
    std::fs::write(&f, text).unwrap();
    let out = run_within(&["validate", f.to_str().unwrap()], 60);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.lines().count() < 200, "{} lines of errors", err.lines().count());
    assert!(err.contains("and 19980 more") && err.contains("20000 errors"), "{err}");
    // the last error shown is the 20th key, on line 22 (its last segment starts at column 9)
    assert!(err.contains("keys.toml:22:9"), "{err}");
}

// Defect 9a: `--seed 9223372036854775808` was rejected with "found inf"; seeds now take
// every value of u64.
#[test]
fn defect_9a_seeds_up_to_u64_max_are_accepted() {
    for seed in ["9223372036854775808", "18446744073709551615"] {
        let d = tempfile::tempdir().unwrap();
        ok(
            &[
                "run",
                "scenarios/baseline.toml",
                "--seed",
                seed,
                "--runs",
                "2",
                "--ticks",
                "6",
                "--out",
                d.path().to_str().unwrap(),
                "--quiet",
            ],
            None,
        );
        let (_, rows) = csv(&d.path().join("runs.csv"));
        assert!(rows.iter().all(|r| r[3] == seed), "{rows:?}");
        let m: serde_json::Value = serde_json::from_str(&read(&d.path().join("manifest.json"))).unwrap();
        assert_eq!(m["seed"].to_string(), seed);
    }
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("s.toml");
    std::fs::write(
        &f,
        format!("extends = \"{}\"\n[simulation]\nseed = -1\n", path("scenarios/baseline.toml").display()),
    )
    .unwrap();
    let out = run_within(&["validate", f.to_str().unwrap()], 60);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("expected a whole number from 0 to 18446744073709551615, found -1"),
        "{}",
        stderr(&out)
    );
}

// Defect 9b: `merge` of a shard whose runs.csv was corrupt exited 1 (a failure of the
// program) instead of 2 (bad input); now the file is checked against the digest in
// shard.json, and a damaged row is located by file and line.
#[test]
fn defect_9b_merge_of_a_corrupt_shard_exits_2_naming_the_file() {
    let d = tempfile::tempdir().unwrap();
    let o = d.path().to_str().unwrap();
    for s in ["0/2", "1/2"] {
        ok(&["sweep", "tests/data/sweeps/small-sobol.toml", "--out", o, "--shard", s, "--quiet"], None);
    }
    let runs = d.path().join("shard-0001-of-0002").join("runs.csv");
    let text = read(&runs);
    let damaged = text.replacen(",12,", ",x1,", 1);
    assert_ne!(damaged, text);
    std::fs::write(&runs, &damaged).unwrap();
    let m = d.path().join("merged");
    let out = run_within(&["merge", o, "--out", m.to_str().unwrap()], 60);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("shard-0001-of-0002") && err.contains("does not match the digest"), "{err}");
    // a shard.json without digests (version 0.2.0): the bad field is found by line
    let sj = d.path().join("shard-0001-of-0002").join("shard.json");
    let mut v: serde_json::Value = serde_json::from_str(&read(&sj)).unwrap();
    v.as_object_mut().unwrap().remove("files");
    std::fs::write(&sj, serde_json::to_string(&v).unwrap()).unwrap();
    let out = run_within(&["merge", o, "--out", m.to_str().unwrap()], 60);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("runs.csv") && err.contains("line ") && err.contains("not a number"), "{err}");
    assert!(!m.join("runs.csv").exists());
}

// Defect 9c: `--resume` accepted a saved chunk whose values were altered as long as its row
// count was right; each chunk now ends with a digest of its rows, and a chunk that does not
// match is computed again.
#[test]
fn defect_9c_resume_recomputes_a_chunk_whose_values_were_altered() {
    let d = tempfile::tempdir().unwrap();
    let o = d.path().to_str().unwrap();
    // a finished sweep removes its chunks: keep some by killing a sweep part way
    let mut child = spawn(&["sweep", "tests/data/sweeps/resume-lhs.toml", "--out", o, "--quiet"]);
    let work = d.path().join(".cyberdip-sweep");
    wait_for("three chunks", 120, || names(&work).iter().filter(|n| n.starts_with("chunk-")).count() >= 3);
    child.kill().unwrap();
    child.wait().unwrap();
    let chunk = work.join("chunk-0000000000.csv");
    let text = read(&chunk);
    let first_line = text.lines().next().unwrap().to_string();
    // change the first metric value of the first row, keeping every row
    let fields: Vec<&str> = first_line.split(',').collect();
    let mut changed = fields.clone();
    let bumped = format!("{}", fields[4].parse::<f64>().unwrap() + 1.0);
    changed[4] = &bumped;
    std::fs::write(&chunk, text.replacen(&first_line, &changed.join(","), 1)).unwrap();
    ok(&["sweep", "tests/data/sweeps/resume-lhs.toml", "--out", o, "--quiet", "--resume"], None);
    let full = tempfile::tempdir().unwrap();
    ok(&["sweep", "tests/data/sweeps/resume-lhs.toml", "--out", full.path().to_str().unwrap(), "--quiet"], None);
    assert_eq!(read(&d.path().join("runs.csv")), read(&full.path().join("runs.csv")), "the altered chunk was used");
}

// Defect 9d: `name = ""` was accepted (an empty scenario column in every row).
#[test]
fn defect_9d_an_empty_name_is_rejected_with_its_place() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("noname.toml");
    std::fs::write(&f, format!("name = \"\"\nextends = \"{}\"\n", path("scenarios/baseline.toml").display())).unwrap();
    let out = run_within(&["run", f.to_str().unwrap(), "--out", d.path().join("o").to_str().unwrap()], 60);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("noname.toml:1:8") && stderr(&out).contains("the name is empty"), "{}", stderr(&out));
}

// Defect 9e: `--out` naming an existing file exited 1; the README promises 2 for bad input.
#[test]
fn defect_9e_an_output_folder_that_is_a_file_exits_2() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("results");
    std::fs::write(&f, "mine").unwrap();
    for args in [
        vec!["run", "scenarios/baseline.toml", "--runs", "2", "--out"],
        vec!["sweep", "tests/data/sweeps/small-sobol.toml", "--out"],
        vec!["report", "tests/data", "--out"],
    ] {
        let mut a = args.clone();
        a.push(f.to_str().unwrap());
        let out = run_within(&a, 60);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("is a file, not a folder"), "{}", stderr(&out));
        assert_eq!(read(&f), "mine");
    }
}
