//! Issue 14: the page of `cyberdip serve` in a real browser — Debian's Chromium driven
//! through WebDriver (chromedriver, with the fantoccini crate), as a user would use it:
//!
//! - what-if: press Run on the unchanged baseline (200 runs of 120 months) and time "from
//!   click to first chart"; move Iran's coordination slider, run, wait for the chart, check a
//!   headline number differs from the unchanged scenario; export the TOML and check that
//!   `cyberdip run` of it gives the summary the page showed (and the page's downloaded CSV
//!   files byte for byte); reopen the page's address and get the same numbers again.
//! - exercise: open `--exercise stuxnet-response`, read the briefing, play two choices, each
//!   joining the comparison.
//!
//! Chromium and chromedriver are looked up as $CHROMIUM / $CHROMEDRIVER, then on PATH; without
//! them the tests fail with the command that installs them (bash .ci/run does). Screenshots
//! and the measured time are kept in $CYBERDIP_BROWSER_OUT, default target/tmp/serve-browser/.

mod common;
use common::server::{Server, bytes, cli_ok, unzip};
use fantoccini::{Client, ClientBuilder, Locator, elements::Element, key::Key};
use serde_json::json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Longest wait for anything the page does (runs on a busy 2-core machine included).
const PATIENCE: Duration = Duration::from_secs(150);

fn on_path(env: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(env).map(PathBuf::from).filter(|p| p.is_file()) {
        return Some(p);
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    names.iter().flat_map(|n| std::env::split_paths(&path).map(move |d| d.join(n))).find(|p| p.is_file())
}

/// Where screenshots and timings are kept.
fn artifacts() -> PathBuf {
    let dir = std::env::var_os("CYBERDIP_BROWSER_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("serve-browser"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// chromedriver on a free loopback port; killed (by its pid) when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_driver(test: &str) -> Driver {
    let install = "install them with `apt-get install -y chromium chromium-driver` (bash .ci/run does)";
    let bin = on_path("CHROMEDRIVER", &["chromedriver"])
        .unwrap_or_else(|| panic!("{test}: chromedriver not found ($CHROMEDRIVER, PATH): {install}"));
    on_path("CHROMIUM", &["chromium", "chromium-browser", "google-chrome"])
        .unwrap_or_else(|| panic!("{test}: Chromium not found ($CHROMIUM, PATH): {install}"));
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new(bin)
        .arg(format!("--port={port}"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{test}: cannot start chromedriver: {e}"));
    let d = Driver { child, port };
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed() < Duration::from_secs(30), "{test}: chromedriver did not listen within 30 s");
        std::thread::sleep(Duration::from_millis(50));
    }
    d
}

/// chromedriver and a Chromium session on it. Both browser tests start their own driver
/// and server on ports the kernel picks, so a driver can lose its port to another process
/// between the pick and its bind, or die while Chromium starts: then a fresh driver is
/// tried, three times at most, and every failed attempt is printed.
async fn session(test: &str, profile: &Path, downloads: &Path) -> (Driver, Client) {
    let mut last = String::new();
    for attempt in 1..=3 {
        let mut d = start_driver(test);
        if let Ok(Some(status)) = d.child.try_wait() {
            last = format!("chromedriver exited ({status}) before the session");
        } else {
            match connect(&d, profile, downloads).await {
                Ok(c) => return (d, c),
                Err(e) => last = format!("{e}"),
            }
        }
        eprintln!("{test}: WebDriver session, attempt {attempt} of 3: {last}");
    }
    panic!("{test}: no WebDriver session in Chromium after 3 attempts: {last}")
}

async fn connect(d: &Driver, profile: &Path, downloads: &Path) -> Result<Client, fantoccini::error::NewSessionError> {
    let chromium = on_path("CHROMIUM", &["chromium", "chromium-browser", "google-chrome"]).unwrap();
    let caps = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1400,1000", "--force-device-scale-factor=1",
                format!("--user-data-dir={}", profile.display()),
            ],
            "prefs": {
                "download.default_directory": downloads,
                "download.prompt_for_download": false,
            },
        },
    });
    let serde_json::Value::Object(caps) = caps else { unreachable!() };
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", d.port))
        .await
}

async fn wait_for(c: &Client, css: &str) -> Element {
    c.wait().at_most(PATIENCE).for_element(Locator::Css(css)).await.unwrap_or_else(|e| panic!("waiting for {css}: {e}"))
}

async fn shot(c: &Client, name: &str) {
    let png = c.screenshot().await.unwrap();
    std::fs::write(artifacts().join(name), png).unwrap();
}

/// The key-number table: metric -> data-mean of each scenario's row (reference first).
async fn key_numbers(c: &Client) -> BTreeMap<String, Vec<String>> {
    let v = c
        .execute(
            "const out = {};
             for (const tr of document.querySelectorAll('table.key-numbers tr[data-metric]')) {
               (out[tr.dataset.metric] ||= []).push(...[...tr.querySelectorAll('td[data-mean]')].map(td => td.dataset.mean));
             }
             return out;",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(v).unwrap()
}

/// Wait until the results show a chart drawn after the click (the page sets data-first-chart-ms).
async fn wait_first_chart(c: &Client) -> f64 {
    let start = Instant::now();
    loop {
        let v = c.execute("return document.body.dataset.firstChartMs || null;", vec![]).await.unwrap();
        if let Some(ms) = v.as_str().and_then(|s| s.parse::<f64>().ok()) {
            return ms;
        }
        let errors = c
            .execute(
                "const e = document.getElementById('errors'); return e && !e.hidden ? e.textContent : null;",
                vec![],
            )
            .await
            .unwrap();
        assert!(errors.is_null(), "the page shows errors: {errors}");
        assert!(start.elapsed() < PATIENCE, "no chart within {PATIENCE:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn clear_first_chart(c: &Client) {
    c.execute("delete document.body.dataset.firstChartMs;", vec![]).await.unwrap();
}

/// A file the browser downloaded into `dir` (waits until it is complete).
async fn downloaded(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    let start = Instant::now();
    loop {
        let partial =
            std::fs::read_dir(dir).unwrap().flatten().any(|e| e.file_name().to_string_lossy().ends_with(".crdownload"));
        if p.is_file() && !partial {
            return p;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "no download {name} in {}", dir.display());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// CPU seconds (user + system) from /proc/PID/stat: of the process itself, or of its
/// children it has waited for (clock ticks of 1/100 s, Linux's USER_HZ).
fn cpu_seconds(pid: &str, children: bool) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit_once(") ").map_or("", |(_, r)| r);
    let f: Vec<f64> = after.split_whitespace().map(|x| x.parse().unwrap_or(0.0)).collect();
    let (u, s) = if children { (13, 14) } else { (11, 12) };
    (f.get(u).unwrap_or(&0.0) + f.get(s).unwrap_or(&0.0)) / 100.0
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

#[test]
fn whatif_slider_run_chart_export_reproduces() {
    let server = Server::start(&[]);
    let tmp = tempfile::tempdir().unwrap();
    let downloads = tmp.path().join("downloads");
    std::fs::create_dir_all(&downloads).unwrap();
    runtime().block_on(async {
        let (_driver, c) =
            session("whatif_slider_run_chart_export_reproduces", &tmp.path().join("profile"), &downloads).await;

        // 1. the unchanged baseline: 200 runs of 120 months, from click to first chart; the
        // same work by `cyberdip run` just before, for a ratio on this shared machine
        let (cli_clock, cli_cpu0) = (Instant::now(), cpu_seconds("self", true));
        let cli_base = tmp.path().join("cli-baseline");
        cli_ok(&["run", "scenarios/baseline.toml", "--timeseries", "--quiet", "--out", cli_base.to_str().unwrap()]);
        let cli_ms = cli_clock.elapsed().as_secs_f64() * 1000.0;
        let cli_cpu = cpu_seconds("self", true) - cli_cpu0;
        let server_cpu0 = cpu_seconds(&server.pid().to_string(), false);
        c.goto(&server.at("/whatif")).await.unwrap();
        wait_for(&c, "input[type=range][data-path='state.IRN.coordination']").await;
        let runs = c.find(Locator::Css("#runs")).await.unwrap().prop("value").await.unwrap();
        let ticks = c.find(Locator::Css("#ticks")).await.unwrap().prop("value").await.unwrap();
        assert_eq!((runs.as_deref(), ticks.as_deref()), (Some("200"), Some("120")), "the baseline's own settings");
        c.find(Locator::Css("#run")).await.unwrap().click().await.unwrap();
        let baseline_ms = wait_first_chart(&c).await;
        let server_cpu = cpu_seconds(&server.pid().to_string(), false) - server_cpu0;
        let baseline_line = c.find(Locator::Css("#progress-text")).await.unwrap().text().await.unwrap();
        let unchanged = key_numbers(&c).await;
        assert_eq!(unchanged["attacks"].len(), 1, "no comparison without a change: {unchanged:?}");
        shot(&c, "whatif-baseline.png").await;

        // 2. move Iran's coordination slider (keyboard: End = its maximum), run
        let slider = c.find(Locator::Css("input[type=range][data-path='state.IRN.coordination']")).await.unwrap();
        let before = slider.prop("value").await.unwrap().unwrap();
        slider.click().await.unwrap();
        slider.send_keys(&Key::End.to_string()).await.unwrap();
        let after = slider.prop("value").await.unwrap().unwrap();
        assert_ne!(before, after, "the slider moved");
        let changes = c.find(Locator::Css("#changes")).await.unwrap().text().await.unwrap();
        assert!(changes.contains(&format!("state.IRN.coordination = {after}")), "{changes}");
        clear_first_chart(&c).await;
        c.find(Locator::Css("#run")).await.unwrap().click().await.unwrap();
        let whatif_ms = wait_first_chart(&c).await;
        wait_for(&c, "#fig-compare_forest svg.chart").await;
        let numbers = key_numbers(&c).await;
        let differs: Vec<&String> =
            numbers.iter().filter(|(_, v)| v.len() == 2 && v[0] != v[1]).map(|(m, _)| m).collect();
        assert!(!differs.is_empty(), "some headline number differs from the unchanged scenario: {numbers:?}");
        for (m, v) in &numbers {
            assert_eq!(
                Some(&v[0]),
                unchanged.get(m).and_then(|u| u.first()),
                "{m}: the reference is the unchanged run"
            );
        }
        shot(&c, "whatif-coordination.png").await;
        let page_url = c.current_url().await.unwrap().to_string();
        assert!(page_url.contains("set=state.IRN.coordination%3D") && page_url.contains("run=1"), "{page_url}");

        // 3. export the scenario; `cyberdip run` of it gives the summary the page showed
        c.find(Locator::Css("#export")).await.unwrap().click().await.unwrap();
        let toml = downloaded(&downloads, "baseline-whatif.toml").await;
        let cli_out = tmp.path().join("cli");
        cli_ok(&["run", toml.to_str().unwrap(), "--timeseries", "--quiet", "--out", cli_out.to_str().unwrap()]);
        let (header, rows) = common::csv(&cli_out.join("summary.csv"));
        let (im, imean) =
            (header.iter().position(|h| h == "metric").unwrap(), header.iter().position(|h| h == "mean").unwrap());
        let summary: BTreeMap<&str, &str> = rows.iter().map(|r| (r[im].as_str(), r[imean].as_str())).collect();
        for (m, v) in &numbers {
            assert_eq!(Some(&v[1].as_str()), summary.get(m.as_str()), "{m}: the page's mean is summary.csv's");
        }
        // and the page's "Download results" are the command line's files, byte for byte
        c.find(Locator::Css("#download:not(.disabled)")).await.unwrap().click().await.unwrap();
        let zip = downloaded(&downloads, "baseline-whatif-results.zip").await;
        let files = unzip(&bytes(&zip));
        for f in ["runs.csv", "summary.csv", "states.csv", "timeseries.csv"] {
            assert!(files[f] == bytes(&cli_out.join(f)), "{f}: the download differs from `cyberdip run` of the export");
        }

        // 4. the page's address reproduces the view: same values, run on opening
        c.goto("about:blank").await.unwrap();
        c.goto(&page_url).await.unwrap();
        wait_first_chart(&c).await;
        wait_for(&c, "#fig-compare_forest svg.chart").await;
        assert_eq!(key_numbers(&c).await, numbers, "the link reproduces the numbers");

        let note = format!(
            "from click to first chart, 200 baseline runs of 120 months: {baseline_ms:.0} ms ({baseline_line})\n\
             the same work by `cyberdip run scenarios/baseline.toml --timeseries` just before: {cli_ms:.0} ms \
             (page / command line = {:.2})\n\
             CPU time (user + system): the server from click to chart {server_cpu:.2} s, the command line {cli_cpu:.2} s\n\
             from click to first chart, what-if of 200 runs (reference cached): {whatif_ms:.0} ms\n\
             cores: {}; load average: {}\n",
            baseline_ms / cli_ms,
            std::thread::available_parallelism().map_or(0, |n| n.get()),
            std::fs::read_to_string("/proc/loadavg").unwrap_or_default().trim()
        );
        eprint!("{note}");
        std::fs::write(artifacts().join("timing.txt"), note).unwrap();
        c.close().await.unwrap();
    });
}

#[test]
fn exercise_choices_join_the_comparison() {
    let server = Server::start(&["--exercise", "stuxnet-response"]);
    let tmp = tempfile::tempdir().unwrap();
    runtime().block_on(async {
        let (_driver, c) =
            session("exercise_choices_join_the_comparison", &tmp.path().join("profile"), tmp.path()).await;
        c.goto(&server.url).await.unwrap();
        let ex = wait_for(&c, "#exercise").await;
        let text = ex.text().await.unwrap();
        assert!(text.contains("Sabotage at the enrichment plant"), "the title: {text}");
        assert!(text.contains("centrifuges"), "the briefing");
        let questions = c.find_all(Locator::Css("#questions li")).await.unwrap();
        assert_eq!(questions.len(), 4);
        let notes = c.find(Locator::Css("#teacher-notes")).await.unwrap();
        assert_eq!(notes.attr("open").await.unwrap(), None, "teacher notes are folded");
        assert!(!notes.text().await.unwrap().contains("Expect retaliation"), "folded notes show only their summary");

        // fewer runs per choice, as a teacher might for a quick look
        let runs = c.find(Locator::Css("#runs")).await.unwrap();
        runs.clear().await.unwrap();
        runs.send_keys(&format!("30{}", Key::Tab)).await.unwrap();
        for (k, choice) in ["restraint", "retaliate"].iter().enumerate() {
            clear_first_chart(&c).await;
            c.find(Locator::Css(&format!("button#choice-{choice}"))).await.unwrap().click().await.unwrap();
            wait_first_chart(&c).await;
            wait_for(&c, "#fig-compare_forest svg.chart").await;
            let table = c.find(Locator::Css("table.key-numbers")).await.unwrap().text().await.unwrap();
            assert!(table.contains("stuxnet-response as written"), "the reference: {table}");
            for played in &["restraint", "retaliate"][..=k] {
                assert!(table.contains(played), "{played} joined the comparison: {table}");
            }
            shot(&c, &format!("exercise-{}-{choice}.png", k + 1)).await;
        }
        let url = c.current_url().await.unwrap().to_string();
        assert!(url.contains("play=restraint&play=retaliate") && url.contains("runs=30"), "{url}");
        c.find(Locator::Css("#teacher-notes summary")).await.unwrap().click().await.unwrap();
        assert!(
            c.find(Locator::Css("#teacher-notes")).await.unwrap().text().await.unwrap().contains("Expect retaliation")
        );
        shot(&c, "exercise-notes.png").await;
        c.close().await.unwrap();
    });
}
