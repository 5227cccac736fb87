//! `cyberdip exercise list` and `cyberdip exercise run`: a teaching exercise is a scenario
//! file with an `[exercise]` section (briefing, goals, policy choices, questions, teacher
//! notes). Running it runs each choice (events and time series on), writes exercise.json
//! beside each run for the report, builds one report comparing the choices, and prints the
//! briefing and the questions.

use crate::app::run::{Settings, run_loaded};
use crate::cli::{ExerciseCommand, ExerciseRunArgs};
use crate::core::params::suggest;
use crate::error::print_out;
use crate::error::{Error, InputError, Result};
use crate::experiment::folder::Params;
use crate::metrics::Keep;
use crate::scenario::files::{BUNDLED, Files};
use crate::scenario::{Document, Exercise, Overrides, Scenario};
use std::path::{Path, PathBuf};

/// Folder of the exercises in the repository (they are also built into the binary).
pub const DIR: &str = "scenarios/exercises";

/// Run the command.
pub fn exercise(c: ExerciseCommand, argv: Vec<String>) -> Result<()> {
    match c {
        ExerciseCommand::List => list(),
        ExerciseCommand::Run(a) => run(&a, argv),
    }
}

/// The built-in exercises: (name, repository path), by name.
pub fn bundled() -> Vec<(String, &'static str)> {
    let prefix = format!("{DIR}/");
    BUNDLED
        .iter()
        .filter_map(|(p, _)| p.strip_prefix(&prefix).and_then(|f| f.strip_suffix(".toml")).map(|n| (n.to_string(), *p)))
        .collect()
}

fn list() -> Result<()> {
    for (name, path) in bundled() {
        let sc = load_from(Files::Bundled, Path::new(path), &Overrides::default())?;
        let ex = sc.exercise.unwrap_or_default();
        let choices: Vec<&str> = ex.choices.iter().map(|c| c.name.as_str()).collect();
        print_out(&format!("{name:<28} {}\n{:<28} choices: {}\n", ex.title, "", choices.join(", ")))?;
    }
    print_out(
        "\nRun one with `cyberdip exercise run NAME`; a path to your own exercise file also works \
         (see docs/TEACHING.md).\n",
    )?;
    Ok(())
}

fn load_from(files: Files, path: &Path, ov: &Overrides) -> Result<Scenario> {
    let mut doc = Document::read(files, path, None)?;
    doc.apply(ov)?;
    doc.build()
}

/// An exercise name (built in) or the path of an exercise file.
fn resolve(name: &str) -> Result<(Files, PathBuf)> {
    if let Some((_, p)) = bundled().into_iter().find(|(n, _)| n == name) {
        return Ok((Files::Bundled, PathBuf::from(p)));
    }
    let p = Path::new(name);
    if p.exists() {
        return Ok((Files::Disk, p.to_path_buf()));
    }
    let names: Vec<String> = bundled().into_iter().map(|(n, _)| n).collect();
    let mut e = InputError::file(name, format!("no exercise '{name}' (and no such file)"));
    e = match suggest(name, names.iter().map(String::as_str)) {
        Some(s) => e.help(format!("did you mean '{s}'? (`cyberdip exercise list` shows them all)")),
        None => e.help(format!("exercises: {}", names.join(", "))),
    };
    Err(Error::input(e))
}

fn run(a: &ExerciseRunArgs, argv: Vec<String>) -> Result<()> {
    let (files, file) = resolve(&a.name)?;
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "exercise".into());
    let base = load_from(files, &file, &Overrides { sets: a.set.clone(), runs: a.runs, ..Overrides::default() })?;
    let Some(ex) = base.exercise.clone() else {
        return Err(Error::input(InputError::file(
            file.display().to_string(),
            "this scenario has no [exercise] section",
        )));
    };
    let chosen: Vec<(String, Vec<String>)> = if a.choices.is_empty() {
        if ex.choices.is_empty() {
            vec![("as-is".into(), Vec::new())]
        } else {
            ex.choices.iter().map(|c| (c.name.clone(), c.set.clone())).collect()
        }
    } else {
        let mut v = Vec::new();
        for name in &a.choices {
            match ex.choices.iter().find(|c| &c.name == name) {
                Some(c) => v.push((c.name.clone(), c.set.clone())),
                None => {
                    let names: Vec<&str> = ex.choices.iter().map(|c| c.name.as_str()).collect();
                    let mut e = InputError::file(
                        file.display().to_string(),
                        format!("exercise '{stem}' has no choice '{name}'"),
                    );
                    e = match suggest(name, names.iter().copied()) {
                        Some(s) => e.help(format!("did you mean '{s}'?")),
                        None => e.help(format!("choices: {}", names.join(", "))),
                    };
                    return Err(Error::input(e));
                }
            }
        }
        v
    };
    // validate every choice before running any, so a typo costs nothing
    let mut loaded = Vec::new();
    for (name, sets) in &chosen {
        let mut all = sets.clone();
        all.extend(a.set.iter().cloned());
        let sc = load_from(files, &file, &Overrides { sets: all, runs: a.runs, ..Overrides::default() })?;
        loaded.push((name.clone(), sc));
    }
    let out = a.out.clone().unwrap_or_else(|| PathBuf::from("out/exercises").join(&stem));
    print_out(&briefing(&ex))?;
    let mut dirs = Vec::new();
    for (name, sc) in &loaded {
        let dir = out.join(name);
        let json = serde_json::json!({
            "title": ex.title,
            "briefing": ex.briefing,
            "goals": ex.goals,
            "questions": ex.questions,
            "teacher_notes": ex.teacher_notes,
            "choice": name,
        });
        let bytes = serde_json::to_vec_pretty(&json).map_err(|e| Error::run("cannot encode exercise.json", e))?;
        let settings = Settings {
            scenario: PathBuf::from(files.display(&file)),
            out: dir.clone(),
            point: 0,
            only_run: None,
            keep: Keep { events: true, series: true },
            quiet: a.quiet,
            extra: vec![("exercise.json".to_string(), bytes)],
            params: Params::Fixed,
        };
        run_loaded(sc, &settings, argv.clone())?;
        dirs.push(dir);
    }
    let report_dir = out.join("report");
    let s = crate::app::report::build(&dirs, &report_dir, Some(ex.title.clone()))?;
    print_out("\nQuestions (answer them from the report):\n")?;
    for (i, q) in ex.questions.iter().enumerate() {
        print_out(&format!("  {}. {q}\n", i + 1))?;
    }
    print_out(&format!(
        "\nReport: {} ({} charts; open it in a browser)\n",
        report_dir.join("index.html").display(),
        s.charts.len()
    ))?;
    Ok(())
}

/// The text printed before the runs: title, briefing, goals, choices.
pub fn briefing(ex: &Exercise) -> String {
    let mut s = format!("{}\n{}\n\n{}\n", ex.title, "=".repeat(ex.title.chars().count()), ex.briefing.trim());
    if !ex.goals.is_empty() {
        s.push_str("\nLearning goals:\n");
        for g in &ex.goals {
            s.push_str(&format!("  - {g}\n"));
        }
    }
    if !ex.choices.is_empty() {
        s.push_str("\nPolicy choices:\n");
        for c in &ex.choices {
            s.push_str(&format!("  {:<18} {}\n", c.name, c.description));
        }
    }
    s
}
