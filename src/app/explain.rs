//! `cyberdip explain`: every effective parameter of a scenario with its value, default,
//! range, unit, source (seed row or "assumption") and where it was set.

use crate::cli::{ExplainArgs, ExplainFormat};
use crate::core::params::Group;
use crate::core::params::{Spec, suggest};
use crate::error::print_out;
use crate::error::{Error, InputError, Result};
use crate::model::{Params, StateParams};
use crate::output::num;
use crate::scenario::{self, Overrides, Scenario};

/// One line of the explanation.
pub struct Line {
    /// Full path (as for --set).
    pub path: String,
    /// Effective value.
    pub value: f64,
    /// Default (doctrine default for state keys).
    pub default: f64,
    /// The spec.
    pub spec: &'static Spec,
    /// Where it was set: "file:line", "doctrine <name>" or "default".
    pub set_in: String,
}

/// Every effective parameter of `sc`, global first, then per state.
pub fn lines(sc: &Scenario, only: Option<&str>) -> Vec<Line> {
    let mut out = Vec::new();
    let at = |path: &str| {
        sc.set_at.get(path).map(|l| {
            let (line, _) = sc.sources.line_col(l.file, l.start);
            format!("{}:{line}", sc.sources.name(l.file))
        })
    };
    if only.is_none() {
        for spec in Params::specs() {
            let path = format!("parameters.{}", spec.path);
            out.push(Line {
                value: sc.params.get(spec.path).unwrap_or(spec.default),
                default: spec.default,
                spec,
                set_in: at(&path).unwrap_or_else(|| "default".into()),
                path,
            });
        }
    }
    for s in sc.states.iter().filter(|s| only.is_none_or(|o| o == s.id)) {
        let doctrine = s.doctrine.defaults();
        for spec in StateParams::specs() {
            let path = format!("state.{}.{}", s.id, spec.path);
            let default = doctrine.get(spec.path).unwrap_or(spec.default);
            let set_in = at(&path).unwrap_or_else(|| {
                if default != spec.default { format!("doctrine {}", s.doctrine.name()) } else { "default".into() }
            });
            out.push(Line { value: s.params.get(spec.path).unwrap_or(default), default, spec, set_in, path });
        }
    }
    out
}

/// Run the command.
pub fn explain(a: &ExplainArgs) -> Result<()> {
    let ov = Overrides { sets: a.set.clone(), ..Overrides::default() };
    let sc = scenario::load(&a.scenario, &ov)?;
    if let Some(id) = &a.state {
        if sc.state_index(id).is_none() {
            let mut e = InputError::file(
                a.scenario.display().to_string(),
                format!("state '{id}' does not exist in this scenario"),
            );
            if let Some(s) = suggest(id, sc.ids()) {
                e = e.help(format!("did you mean '{s}'?"));
            }
            return Err(Error::input(e));
        }
    }
    if a.metrics {
        print_out(&metrics_table(&sc))?;
        return Ok(());
    }
    if a.mechanisms {
        print_out(&mechanisms_table())?;
        return Ok(());
    }
    let ls = lines(&sc, a.state.as_deref());
    let mut out = String::new();
    match a.format {
        ExplainFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let _ = w.write_record(["path", "value", "default", "min", "max", "unit", "source", "set_in", "meaning"]);
            for l in &ls {
                let _ = w.write_record([
                    l.path.as_str(),
                    &num(l.value),
                    &num(l.default),
                    &num(l.spec.min),
                    &num(l.spec.max),
                    l.spec.unit,
                    l.spec.source,
                    &l.set_in,
                    l.spec.doc,
                ]);
            }
            let bytes = w.into_inner().map_err(|e| Error::run("cannot format CSV", e.into_error()))?;
            out.push_str(&String::from_utf8_lossy(&bytes));
        }
        ExplainFormat::Text => {
            out.push_str(&format!("scenario {} ({} states; hash {})\n", sc.name, sc.states.len(), sc.hash));
            if !sc.description.is_empty() {
                out.push_str(&format!("{}\n", sc.description.trim()));
            }
            let assumptions = ls.iter().filter(|l| l.spec.is_assumption()).count();
            out.push_str(&format!(
                "{} parameters, {} of them assumptions (numbers the seeds do not give; their source says \"assumption\")\n\
                 * marks a value that differs from its default (set by the scenario, a file it extends, or --set)\n\n",
                ls.len(),
                assumptions
            ));
            for l in &ls {
                let changed = if l.value != l.default { "*" } else { " " };
                out.push_str(&format!(
                    "{changed}{:<52} {:>9} (default {}, range {}..{} {}) set in {}\n    {} — source: {}\n",
                    l.path,
                    num(l.value),
                    num(l.default),
                    num(l.spec.min),
                    num(l.spec.max),
                    l.spec.unit,
                    l.set_in,
                    l.spec.doc,
                    l.spec.source
                ));
            }
        }
    }
    print_out(&out)?;
    Ok(())
}

/// Markdown tables of every output metric of `sc` (runs.csv incl. focus columns,
/// states.csv, timeseries.csv).
pub fn metrics_table(sc: &Scenario) -> String {
    use crate::metrics::{FOCUS, SERIES, SERIES_FOCUS, state_column, state_columns};
    let mut s = String::from("### runs.csv metric columns\n\n| column | unit | meaning |\n|---|---|---|\n");
    for m in crate::model::metrics() {
        s.push_str(&format!("| `{}` | {} | {} |\n", m.name, m.unit, m.doc));
    }
    for &f in &sc.focus {
        let id = &sc.states[f as usize].id;
        for m in FOCUS.iter().filter_map(|n| state_column(n)) {
            s.push_str(&format!("| `{id}_{}` | {} | {} ({id}, focus state) |\n", m.name(), m.unit(), m.doc()));
        }
    }
    s.push_str("\n### states.csv metrics (column `metric`)\n\n| metric | unit | meaning |\n|---|---|---|\n");
    for m in state_columns() {
        s.push_str(&format!("| `{}` | {} | {} |\n", m.name(), m.unit(), m.doc()));
    }
    s.push_str("\n### timeseries.csv metrics (column `metric`)\n\n| metric | meaning |\n|---|---|\n");
    for x in SERIES {
        s.push_str(&format!("| `{}` | {} |\n", x.name, x.doc));
    }
    for n in SERIES_FOCUS {
        s.push_str(&format!("| `<ID>_{n}` | {n} of each focus state |\n"));
    }
    s
}

/// Markdown table of the registered mechanisms, in run order.
pub fn mechanisms_table() -> String {
    let mut s = String::from(
        "| # | mechanism (src/model/) | seed row | phases | owns (update) | random purposes | events | metrics | parameters |\n|---|---|---|---|---|---|---|---|---|\n",
    );
    let code = |v: Vec<&str>| {
        if v.is_empty() { "—".to_string() } else { v.iter().map(|x| format!("`{x}`")).collect::<Vec<_>>().join(", ") }
    };
    for (k, m) in crate::model::REGISTRY.iter().enumerate() {
        let phases: Vec<&str> = m.phases.iter().map(|p| p.name()).collect();
        let metrics: Vec<&str> =
            m.metrics.iter().map(|x| x.name).chain(m.state_metrics.iter().map(|x| x.name)).collect();
        let params = (m.params)();
        let prefix =
            params.first().and_then(|p| p.path.rsplit_once('.')).map_or(String::new(), |(g, _)| format!(" (`{g}.*`)"));
        s.push_str(&format!(
            "| {} | `{}.rs` | {} | {} | {} | {} | {} | {} | {}{} |\n",
            k + 1,
            m.name,
            m.source,
            if phases.is_empty() { "— (read by others)".to_string() } else { phases.join(", ") },
            code(m.owns.to_vec()),
            code(m.purposes.iter().map(|p| p.name).collect()),
            code(m.events.iter().map(|e| e.name).collect()),
            code(metrics),
            params.len(),
            prefix,
        ));
    }
    s
}
