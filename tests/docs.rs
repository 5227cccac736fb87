//! Docs say what the code does: every output column and metric is documented in
//! docs/OUTPUTS.md, every parameter in docs/MODEL.md.

mod common;
use common::*;
use cyberdip::core::params::Group;

#[test]
fn outputs_md_documents_every_metric_and_column() {
    let doc = read(&path("docs/OUTPUTS.md"));
    for m in cyberdip::model::metrics() {
        assert!(doc.contains(&format!("`{}`", m.name)), "docs/OUTPUTS.md lacks runs.csv column `{}`", m.name);
    }
    for m in cyberdip::metrics::state_columns() {
        assert!(doc.contains(&format!("`{}`", m.name())), "docs/OUTPUTS.md lacks state metric `{}`", m.name());
    }
    for x in cyberdip::metrics::SERIES {
        assert!(doc.contains(&format!("`{}`", x.name)), "docs/OUTPUTS.md lacks timeseries metric `{}`", x.name);
    }
    for e in cyberdip::model::event_kinds() {
        assert!(doc.contains(&format!("`{}`", e.name)), "docs/OUTPUTS.md lacks event kind `{}`", e.name);
    }
    for h in cyberdip::output::csv_out::EVENTS_HEADER {
        assert!(doc.contains(h), "docs/OUTPUTS.md lacks events.csv column {h}");
    }
}

#[test]
fn model_md_lists_every_parameter_and_every_direction_test() {
    let doc = read(&path("docs/MODEL.md"));
    for s in cyberdip::model::Params::specs() {
        let p = s.path;
        assert!(doc.contains(&format!("`{p}`")), "docs/MODEL.md lacks parameter `{p}`");
    }
    for s in cyberdip::model::StateParams::specs() {
        let p = s.path;
        assert!(doc.contains(&format!("`{p}`")), "docs/MODEL.md lacks state key `{p}`");
    }
    let tests = read(&path("tests/directions.rs"));
    for line in tests.lines().filter(|l| l.starts_with("direction!(")) {
        let name = line["direction!(".len()..].split(',').next().unwrap();
        assert!(doc.contains(name), "docs/MODEL.md traceability lacks directions::{name}");
    }
}

/// Start `cyberdip ARGS` in `dir`, wait (at most 30 s) for it to print the page's address,
/// then stop it.
fn serves(args: &[String], dir: &std::path::Path) {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cyberdip"))
        .args(args)
        .current_dir(dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.contains("http://") {
                let _ = tx.send(line);
                return;
            }
        }
    });
    let line = rx.recv_timeout(std::time::Duration::from_secs(30));
    let _ = child.kill();
    let _ = child.wait();
    assert!(line.is_ok(), "README command `cyberdip {}` printed no address", args.join(" "));
}

/// Issue 13: the README's commands must work as written, in order, on a fresh checkout:
/// `report out/baseline out/reform` used a folder no command made, and the what-if wrote
/// into `out/` itself. Runs the set-up command and every "Everyday commands" line (about
/// 40 s: the Sobol' sweep is the README's own example) in a fresh folder.
#[test]
fn readme_commands_run_as_written_in_order() {
    let readme = read(&path("README.md"));
    let setup = readme.lines().find(|l| l.starts_with("cargo run --release -- run ")).expect("set-up command");
    let block = readme.split("## Everyday commands").nth(1).expect("Everyday commands section");
    let block = &block[block.find("```sh").unwrap() + 5..];
    let block = &block[..block.find("```").unwrap()];
    let mut commands: Vec<String> = vec![setup.replacen("cargo run --release -- ", "", 1)];
    commands.extend(
        block
            .lines()
            .map(|l| l.split("  #").next().unwrap().trim())
            .filter(|l| !l.is_empty())
            .map(|l| l.strip_prefix("cyberdip ").expect("a cyberdip command").to_string()),
    );
    assert!(commands.len() >= 12, "{commands:?}");
    let d = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(path("scenarios"), d.path().join("scenarios")).unwrap();
    for c in &commands {
        // the shell would expand a glob
        let mut args: Vec<String> = Vec::new();
        for a in c.split_whitespace() {
            if a == "scenarios/*.toml" {
                let mut files: Vec<String> = std::fs::read_dir(path("scenarios"))
                    .unwrap()
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.ends_with(".toml"))
                    .map(|n| format!("scenarios/{n}"))
                    .collect();
                files.sort();
                args.extend(files);
            } else {
                args.push(a.to_string());
            }
        }
        if args[0] == "serve" {
            // a server runs until stopped: it must come up and print its address
            serves(&args, d.path());
            continue;
        }
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_cyberdip"))
            .args(&args)
            .current_dir(d.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "README command `cyberdip {c}` failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(d.path().join("out/report/index.html").is_file(), "the README's report");
    assert!(d.path().join("out/s/merged/manifest.json").is_file(), "the README's merge");
}
