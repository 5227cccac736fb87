//! Issue 14: `cyberdip serve` through its HTTP API (the browser tests are in
//! tests/serve_browser.rs).
//!
//! - One path for values: bad values get the command line's located messages, as 400; the
//!   exported TOML run by `cyberdip run` gives the page's CSV files byte for byte, and so do
//!   the page's downloads.
//! - The page's charts come from the same aggregates as `cyberdip report` of the folder.
//! - Safe in a classroom: limits (body size, runs, queue), no request path reaches the file
//!   system, host and origin checks, cancel leaves no file, and a bounded load test.
//! - The sliders come from the parameter registry.

mod common;
use common::server::{Server, bytes, cli_ok, request, unzip};
use common::*;
use cyberdip::core::params::Group;
use cyberdip::experiment::folder::{self, Done, Plan, Watch};
use cyberdip::metrics::Keep;
use cyberdip::model::{Params, StateParams};
use cyberdip::report::live::{Collector, Results, fragment};
use cyberdip::scenario::{Overrides, load};
use std::collections::BTreeSet;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

/// A small what-if: a few runs of two years, so each test takes seconds.
const SMALL: &str = "runs=6&ticks=24&seed=7";

fn submit(s: &Server, body: &str) -> u64 {
    let r = s.post("/api/runs", body);
    assert_eq!(r.status, 202, "POST /api/runs {body}: {}", r.text());
    r.json()["id"].as_u64().unwrap()
}

#[test]
fn bad_values_get_the_command_lines_messages_as_400() {
    let s = Server::start(&[]);
    for (query, args) in [
        ("set=state.IRN.coordinaton%3D0.9", vec!["--set", "state.IRN.coordinaton=0.9"]),
        ("set=state.IRN.coordination%3D2&runs=0", vec!["--set", "state.IRN.coordination=2", "--runs", "0"]),
        ("set=parameters.attacks.base_rat%3D0.1", vec!["--set", "parameters.attacks.base_rat=0.1"]),
        ("set=state.XYZ.coordination%3D0.5", vec!["--set", "state.XYZ.coordination=0.5"]),
    ] {
        let r = s.post("/api/runs", query);
        assert_eq!(r.status, 400, "{query}: {}", r.text());
        let page: Vec<String> =
            r.json()["errors"].as_array().unwrap().iter().map(|e| e.as_str().unwrap().to_string()).collect();
        let mut cli_args = vec!["run", "scenarios/baseline.toml", "--quiet", "--out"];
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().display().to_string();
        cli_args.push(&out);
        cli_args.extend(args.iter().copied());
        let cli = cyberdip(&cli_args, None);
        assert_eq!(cli.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&cli.stderr).into_owned();
        assert!(!page.is_empty());
        for e in &page {
            assert!(e.contains("-->"), "a located message: {e}");
            assert!(stderr.contains(e.as_str()), "the page's message\n{e}\nis not the command line's:\n{stderr}");
        }
        if page.len() == 1 {
            assert_eq!(page[0], stderr, "one error: the same text");
        }
        // the export is validated the same way
        let r = s.get(&format!("/api/export?{query}"));
        assert_eq!(r.status, 400, "export {query}");
    }
}

#[test]
fn exported_scenario_and_downloads_give_the_pages_csv_files_byte_for_byte() {
    let s = Server::start(&[]);
    let query = format!("set=state.IRN.coordination%3D0.9&set=parameters.attacks.base_rate%3D0.06&{SMALL}");
    let id = submit(&s, &query);
    let st = s.wait(id);
    assert_eq!(st["state"], "done", "{st}");
    assert_eq!(st["changed"], true);
    assert!(st["files"].as_bool().unwrap(), "{st}");
    // the exported scenario, run by the command line
    let export = s.get(&format!("/api/export?{query}"));
    assert_eq!(export.status, 200, "{}", export.text());
    assert!(export.header("content-disposition").unwrap().contains("baseline-whatif.toml"));
    let toml = export.text();
    assert!(toml.contains("extends = \""), "{toml}");
    assert!(toml.contains("[[state]]\nid = \"IRN\"\ncoordination = 0.9\n"), "{toml}");
    assert!(toml.contains("[parameters]\nattacks.base_rate = 0.06\n"), "{toml}");
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("whatif.toml");
    std::fs::write(&file, &toml).unwrap();
    let cli_out = tmp.path().join("cli");
    cli_ok(&["run", file.to_str().unwrap(), "--timeseries", "--quiet", "--out", cli_out.to_str().unwrap()]);
    // the page's "Download results"
    let zip = s.get(&format!("/api/runs/{id}/download"));
    assert_eq!(zip.status, 200, "{}", zip.text());
    assert_eq!(zip.header("content-type"), Some("application/zip"));
    let files = unzip(&zip.body);
    for f in ["runs.csv", "summary.csv", "states.csv", "timeseries.csv"] {
        let page = files.get(f).unwrap_or_else(|| panic!("{f} in the zip: {:?}", files.keys()));
        assert!(page == &bytes(&cli_out.join(f)), "{f}: the download differs from `cyberdip run` of the export");
        assert!(page == &bytes(&s.job_dir(id).join("results").join(f)), "{f}: the download is the job's file");
    }
    assert!(files.contains_key("baseline-whatif.toml"), "the scenario file is in the zip");
    // and the unchanged reference the page computed is `cyberdip run` of the scenario itself
    let ref_out = tmp.path().join("ref");
    cli_ok(&[
        "run",
        "scenarios/baseline.toml",
        "--runs",
        "6",
        "--ticks",
        "24",
        "--seed",
        "7",
        "--timeseries",
        "--quiet",
        "--out",
        ref_out.to_str().unwrap(),
    ]);
    for f in ["runs.csv", "summary.csv"] {
        assert!(bytes(&ref_out.join(f)) == bytes(&s.job_dir(id).join("reference").join(f)), "reference {f}");
    }
    // a second what-if with the same runs, months and seed reuses the cached reference
    let id2 = submit(&s, &format!("set=state.IRN.coordination%3D0.1&{SMALL}"));
    let st2 = s.wait(id2);
    assert_eq!(st2["total"], 6, "only the what-if is computed: {st2}");
    assert!(!s.job_dir(id2).join("reference").exists());
    let html = s.get(&format!("/api/results?jobs={id2}"));
    assert_eq!(html.status, 200);
    assert!(html.text().contains("baseline (unchanged)") && html.text().contains("compare_forest"));
    // everything the server wrote is in numbered job folders inside its output folder
    for e in std::fs::read_dir(&s.out).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        assert!(name.starts_with("job-") && e.path().is_dir(), "unexpected {name} in the output folder");
        for f in std::fs::read_dir(e.path()).unwrap().flatten() {
            let f = f.file_name().to_string_lossy().into_owned();
            assert!(["results", "reference", "results.zip"].contains(&f.as_str()), "unexpected {name}/{f}");
        }
    }
}

#[test]
fn in_memory_results_draw_the_same_page_as_the_report_of_the_folder() {
    // guards the claim that the page shows `cyberdip report`'s charts: the live collector fed
    // by the writer and the report's reader of the written folder give the same HTML
    let small = Overrides { sets: vec![], runs: Some(5), seed: Some(3), ticks: Some(18) };
    let whatif = Overrides { sets: vec!["state.IRN.coordination=0.8".into()], ..small.clone() };
    let tmp = tempfile::tempdir().unwrap();
    let mut both = Vec::new();
    for (name, ov) in [("whatif", whatif), ("reference", small)] {
        let sc = load(&path("scenarios/baseline.toml"), &ov).unwrap();
        let cols = folder::columns(&sc);
        let mut c = Collector::new(&sc.name, sc.sim.seed, u64::from(sc.sim.ticks), &cols.runs, &cols.series);
        let plan = Plan {
            scenario: path("scenarios/baseline.toml"),
            out: tmp.path().join(name),
            point: 0,
            only_run: None,
            keep: Keep { events: false, series: true },
            extra: Vec::new(),
            params: Default::default(),
        };
        let stop = AtomicBool::new(false);
        let mut each = |d: Done<'_>| c.run(d.run, d.metrics, d.series);
        let w = folder::write(&sc, &plan, vec![], Watch { each: &mut each, stop: &stop }).unwrap().unwrap();
        let live = c.finish(name, &w.stats).unwrap();
        let read = Results::read(&tmp.path().join(name), name).unwrap();
        assert_eq!(live.runs(), 5);
        assert_eq!(live.mean("attacks"), read.mean("attacks"));
        both.push((live, read));
    }
    let live = fragment(&[both[1].0.clone(), both[0].0.clone()]).unwrap();
    let read = fragment(&[both[1].1.clone(), both[0].1.clone()]).unwrap();
    assert!(live.charts.len() > 5, "{:?}", live.charts);
    assert!(live.charts.contains(&"fig-compare_forest".to_string()));
    assert_eq!(live.charts, read.charts);
    assert!(live.html == read.html, "the page's HTML differs from the report of the folder");
}

#[test]
fn limits_paths_hosts_and_origins_are_enforced() {
    let s = Server::start(&["--max-runs", "50"]);
    // body size
    let big = format!("set=state.IRN.coordination%3D0.5&pad={}", "x".repeat(100 * 1024));
    assert_eq!(s.post("/api/runs", &big).status, 413);
    // runs per request
    let r = s.post("/api/runs", "runs=51&ticks=12");
    assert_eq!(r.status, 400);
    assert!(r.text().contains("--max-runs"), "{}", r.text());
    // unknown keys, strings, non-numeric paths
    assert_eq!(s.post("/api/runs", "file=/etc/passwd").status, 400);
    let r = s.post("/api/runs", "set=name%3D%22x%22&runs=2&ticks=2");
    assert_eq!(r.status, 400, "{}", r.text());
    assert!(r.text().contains("numbers only"), "{}", r.text());
    // no request names a file: exercises are looked up, jobs are numbers
    let r = s.post("/api/runs", "exercise=..%2F..%2Fscenarios%2Fbaseline&runs=2&ticks=2");
    assert_eq!(r.status, 400, "{}", r.text());
    assert!(r.text().contains("no exercise"), "{}", r.text());
    for p in [
        "/api/runs/..%2F..%2Fetc%2Fpasswd",
        "/api/runs/1/download",
        "/api/runs/-1",
        "/exercise/..%2F..%2Fetc%2Fpasswd",
        "/assets/..%2Fmod.rs",
        "/scenarios/baseline.toml",
        "/api/results?jobs=..%2F1",
    ] {
        let r = s.get(p);
        assert!(r.status == 404 || r.status == 400, "{p}: {} {}", r.status, r.text());
        assert!(!r.text().contains("[[state]]") && !r.text().contains("root:"), "{p} leaked a file");
    }
    // DNS rebinding and cross-site posts
    let r = request(&s.addr, "GET", "/api/catalog", b"", &[("Host", "evil.example")]).unwrap();
    assert_eq!(r.status, 403, "a foreign Host header is refused (DNS rebinding)");
    let r = request(&s.addr, "POST", "/api/runs", b"runs=2&ticks=2", &[("Origin", "http://evil.example")]).unwrap();
    assert_eq!(r.status, 403);
    // security headers on every answer
    let r = s.get("/");
    assert_eq!(r.status, 200);
    assert!(r.header("content-security-policy").unwrap().contains("default-src 'self'"));
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    // the page loads nothing from the network
    for asset in ["/", "/assets/app.js", "/assets/app.css", "/assets/report.css"] {
        let t = s.get(asset).text();
        assert!(!t.contains("http://") && !t.contains("https://") && !t.contains("//cdn"), "{asset} names a URL");
    }
}

#[test]
fn cancel_stops_a_run_and_leaves_no_files() {
    let s = Server::start(&[]);
    let id = submit(&s, "runs=1000&ticks=120&set=state.IRN.coordination%3D0.7");
    let start = Instant::now();
    loop {
        let st = s.get(&format!("/api/runs/{id}")).json();
        if st["done"].as_u64().unwrap() > 0 {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "no progress: {st}");
        std::thread::sleep(Duration::from_millis(20));
    }
    let r = s.post(&format!("/api/runs/{id}/cancel"), "");
    assert_eq!(r.status, 200);
    let st = s.wait(id);
    assert_eq!(st["state"], "cancelled", "{st}");
    assert!(st["done"].as_u64().unwrap() < 2000, "stopped early: {st}");
    assert!(!s.job_dir(id).exists(), "a cancelled run leaves no folder");
    assert_eq!(s.get(&format!("/api/runs/{id}/download")).status, 409);
    assert_eq!(s.get(&format!("/api/results?jobs={id}")).status, 409);
}

#[test]
fn progress_streams_as_server_sent_events_until_the_end() {
    let s = Server::start(&[]);
    let id = submit(&s, SMALL);
    let r = s.get(&format!("/api/runs/{id}/events"));
    assert_eq!(r.header("content-type"), Some("text/event-stream"));
    let events: Vec<serde_json::Value> =
        r.text().lines().filter_map(|l| l.strip_prefix("data: ")).map(|d| serde_json::from_str(d).unwrap()).collect();
    assert!(!events.is_empty());
    let last = events.last().unwrap();
    assert_eq!(last["state"], "done", "the stream ends with the final state: {last}");
    assert_eq!(last["done"], last["total"]);
    let done: Vec<u64> = events.iter().map(|e| e["done"].as_u64().unwrap()).collect();
    assert!(done.windows(2).all(|w| w[0] <= w[1]), "progress never goes back: {done:?}");
}

#[test]
fn sliders_come_from_the_parameter_registry() {
    let s = Server::start(&[]);
    let f = s.get("/api/form?state=IRN").json();
    let groups = f["groups"].as_array().unwrap();
    let keys = |id: &str| -> Vec<String> {
        let g = groups.iter().find(|g| g["id"] == id).unwrap_or_else(|| panic!("group {id}"));
        g["params"].as_array().unwrap().iter().map(|p| p["path"].as_str().unwrap().to_string()).collect()
    };
    let challenges = keys("challenges");
    for c in [
        "coordination",
        "filtering",
        "trust_deficit",
        "cyber_budget",
        "foreign_dependency",
        "defense",
        "workforce",
        "law_maturity",
        "culture",
    ] {
        assert!(challenges.contains(&format!("state.IRN.{c}")), "challenge {c} missing: {challenges:?}");
    }
    let levers: Vec<String> = keys("levers-regional").into_iter().chain(keys("levers-global")).collect();
    assert_eq!(levers.len(), 16, "eight strategies at two levels: {levers:?}");
    assert!(levers.iter().all(|l| l.contains(".strategy.regional.") || l.contains(".strategy.global.")));
    // every state key once, every global parameter once
    let mut state_paths: Vec<String> = Vec::new();
    let mut global_paths: Vec<String> = Vec::new();
    for g in groups {
        for p in g["params"].as_array().unwrap() {
            let path = p["path"].as_str().unwrap().to_string();
            assert!(p["min"].as_f64().unwrap() <= p["value"].as_f64().unwrap(), "{p}");
            assert!(p["value"].as_f64().unwrap() <= p["max"].as_f64().unwrap(), "{p}");
            assert!(!p["source"].as_str().unwrap().is_empty() && !p["unit"].as_str().unwrap().is_empty(), "{p}");
            if g["global"] == true { global_paths.push(path) } else { state_paths.push(path) }
        }
    }
    let want_state: BTreeSet<String> = StateParams::specs().iter().map(|s| format!("state.IRN.{}", s.path)).collect();
    let want_global: BTreeSet<String> = Params::specs().iter().map(|s| format!("parameters.{}", s.path)).collect();
    assert_eq!(state_paths.len(), want_state.len(), "each state key once");
    assert_eq!(state_paths.into_iter().collect::<BTreeSet<_>>(), want_state);
    assert_eq!(global_paths.len(), want_global.len(), "each global parameter once");
    assert_eq!(global_paths.into_iter().collect::<BTreeSet<_>>(), want_global);
    // the scenario's values, not the defaults: Iran's coordination is 0.3 in the baseline
    let sc = load(&path("scenarios/baseline.toml"), &Overrides::default()).unwrap();
    let irn = groups[0]["params"].as_array().unwrap().iter().find(|p| p["key"] == "coordination").unwrap();
    assert_eq!(irn["value"].as_f64(), sc.number("state.IRN.coordination"));
    assert_eq!(s.get("/api/form?state=XYZ").status, 404);
}

#[test]
fn every_bundled_exercise_choice_can_be_played_and_exported() {
    let s = Server::start(&[]);
    let cat = s.get("/api/catalog").json();
    let exercises = cat["exercises"].as_array().unwrap();
    let on_disk = std::fs::read_dir(path("scenarios/exercises")).unwrap().count();
    assert_eq!(exercises.len(), on_disk, "every exercise is listed on the start page");
    for e in exercises {
        let stem = e["stem"].as_str().unwrap();
        assert_eq!(s.get(&format!("/exercise/{stem}")).status, 200);
        for c in e["choices"].as_array().unwrap() {
            let choice = c["name"].as_str().unwrap();
            let r = s.get(&format!("/api/export?exercise={stem}&choice={choice}"));
            assert_eq!(r.status, 200, "{stem}/{choice}: {}", r.text());
            assert!(r.text().contains(&format!("exercises/{stem}.toml\"")), "extends the exercise");
        }
        let r = s.get(&format!("/api/export?exercise={stem}&choice=no-such-choice"));
        assert_eq!(r.status, 400);
    }
    // --exercise opens the page on the exercise; an unknown one is an input error (exit 2)
    let s2 = Server::start(&["--exercise", "stuxnet-response"]);
    assert!(s2.url.ends_with("/exercise/stuxnet-response"), "{}", s2.url);
    let bad = cyberdip(&["serve", "--exercise", "stuxnet-respons", "--port", "0"], None);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("did you mean 'stuxnet-response'"));
}

/// Twenty clients post runs at once to a server that queues at most four: every request is
/// answered (202 or 429), every accepted run finishes with results, memory stays bounded and
/// the server still answers afterwards. Loopback only; bounded in count and time.
#[test]
fn load_twenty_clients_at_once() {
    let s = Server::start(&["--max-jobs", "4"]);
    let (hwm_before, _) = s.memory_kb();
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(20));
    let clock = Instant::now();
    let answers: Vec<(u16, serde_json::Value)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..20)
            .map(|i| {
                let (addr, barrier) = (s.addr.clone(), barrier.clone());
                scope.spawn(move || {
                    let body = format!("set=state.IRN.coordination%3D0.{}&runs=100&ticks=120", i % 10);
                    barrier.wait();
                    let r = request(&addr, "POST", "/api/runs", body.as_bytes(), &[]).expect("an answer");
                    (r.status, r.json())
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let answered = clock.elapsed();
    assert_eq!(answers.len(), 20, "none lost");
    let accepted: Vec<u64> =
        answers.iter().filter(|(c, _)| *c == 202).map(|(_, j)| j["id"].as_u64().unwrap()).collect();
    let refused = answers.iter().filter(|(c, _)| *c == 429).count();
    assert_eq!(accepted.len() + refused, 20, "every answer is 202 or 429: {answers:?}");
    assert!((1..=4).contains(&accepted.len()), "at most 4 queued at once: {} accepted", accepted.len());
    assert!(refused >= 16);
    for id in &accepted {
        let st = s.wait(*id);
        assert_eq!(st["state"], "done", "{st}");
        assert_eq!(s.get(&format!("/api/results?jobs={id}")).status, 200);
    }
    let (hwm, rss) = s.memory_kb();
    eprintln!(
        "load: 20 posts answered in {:.2} s ({} accepted, {refused} refused with 429); accepted runs done after {:.1} s; \
         server memory peak {} MB (before {} MB), now {} MB",
        answered.as_secs_f64(),
        accepted.len(),
        clock.elapsed().as_secs_f64(),
        hwm / 1024,
        hwm_before / 1024,
        rss / 1024
    );
    assert!(hwm < 400 * 1024, "server memory peak {hwm} kB is not bounded");
    // still answering, and accepting work again
    assert_eq!(s.get("/api/health").json()["active"], 0);
    let id = submit(&s, SMALL);
    assert_eq!(s.wait(id)["state"], "done");
}
