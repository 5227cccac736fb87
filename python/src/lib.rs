//! `cyberdip._cyberdip`: the native module behind the `cyberdip` Python package. A thin
//! layer: every value from Python reaches the engine through the scenario document
//! (`Document::set`, `Document::apply`, `Document::build`), exactly as `--set`, `--runs`,
//! `--seed` and `--ticks` do; tables come from `cyberdip::tables` and points from
//! `cyberdip::experiment::at_points`. Here live only the conversions to NumPy arrays and
//! Python objects, the release of the GIL while the engine runs, and Ctrl-C.
//!
//! No unsafe code of its own (`forbid`): PyO3's macros and NumPy's crate hold what an
//! extension module needs.
//!
//! The pandas DataFrames are shaped in Python (`cyberdip/_frames.py`) from the arrays
//! returned here; floats are passed as the CSV files hold them (`-0` as `0`).

#![forbid(unsafe_code)]

use cyberdip::app::explain;
use cyberdip::core::params::{Kind, suggest};
use cyberdip::error::{Error, InputError};
use cyberdip::experiment::{self, Points, Value};
use cyberdip::metrics::Keep;
use cyberdip::model::doctrine::Doctrine;
use cyberdip::scenario::{self, Overrides, Scenario};
use cyberdip::sweep::math::testfns;
use cyberdip::tables::{self, Tables};
use numpy::ndarray::{Array2, Array3};
use numpy::{IntoPyArray, PyReadonlyArray2};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

pyo3::create_exception!(
    cyberdip,
    ScenarioError,
    PyValueError,
    "Bad input: a scenario file, a `set` value, a path or a metric name. `str(e)` is the message \
     `cyberdip` prints on the command line; `file`, `line`, `column`, `key`, `message` and `help` \
     describe the first problem, `errors` all of them (a list of dicts)."
);

/// A value as a CSV file of `cyberdip run` holds it: `output::num` writes -0 as `0`.
fn csv_value(x: f64) -> f64 {
    if x == 0.0 { 0.0 } else { x }
}

fn input_dict<'py>(py: Python<'py>, e: &InputError) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("file", &e.file)?;
    d.set_item("line", e.line)?;
    d.set_item("column", e.col)?;
    d.set_item("key", e.key.as_deref())?;
    d.set_item("message", &e.message)?;
    d.set_item("help", e.help.as_deref())?;
    Ok(d)
}

/// The Python exception for a library error: `ScenarioError` for bad input (with the
/// command line's message and the fields of each problem), `RuntimeError` otherwise.
fn to_py(py: Python<'_>, e: Error) -> PyErr {
    let text = e.to_string().trim_end().to_string();
    let Error::Input(errs) = &e else { return PyRuntimeError::new_err(text) };
    let err = ScenarioError::new_err(text);
    let filled = (|| -> PyResult<()> {
        let v = err.value(py);
        let all = PyList::empty(py);
        for x in errs.shown() {
            all.append(input_dict(py, x)?)?;
        }
        v.setattr("errors", all)?;
        if let Some(first) = errs.shown().first() {
            for (k, val) in input_dict(py, first)?.iter() {
                v.setattr(k.cast::<pyo3::types::PyString>()?.to_str()?, val)?;
            }
        }
        Ok(())
    })();
    filled.err().unwrap_or(err)
}

fn input(py: Python<'_>, e: InputError) -> PyErr {
    to_py(py, Error::input(e))
}

/// Run `work` with the GIL released, on its own thread (inside a pool of `threads` threads
/// when given), while this thread checks Python's signals every 50 ms: on Ctrl-C it raises
/// the stop flag, which the work reads between batches, waits for the batch to end and
/// raises `KeyboardInterrupt`.
fn interruptible<T: Send>(
    py: Python<'_>,
    threads: Option<usize>,
    work: impl FnOnce(&AtomicBool) -> Result<T, Error> + Send,
) -> PyResult<T> {
    let pool = match threads {
        Some(0) => return Err(PyValueError::new_err("threads must be at least 1 (or None for all cores)")),
        Some(n) => Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(|e| PyRuntimeError::new_err(format!("cannot start {n} threads: {e}")))?,
        ),
        None => None,
    };
    let stop = AtomicBool::new(false);
    let (result, signal) = py.detach(|| {
        std::thread::scope(|s| {
            let (tx, rx) = std::sync::mpsc::channel();
            let stop = &stop;
            let pool = pool.as_ref();
            s.spawn(move || {
                let r = match pool {
                    Some(p) => p.install(|| work(stop)),
                    None => work(stop),
                };
                let _ = tx.send(r);
            });
            let mut signal: Option<PyErr> = None;
            loop {
                match rx.recv_timeout(Duration::from_millis(50)) {
                    Ok(r) => return (Some(r), signal),
                    Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return (None, signal),
                    Err(std::sync::mpsc::RecvTimeoutError::Timeout) if signal.is_none() => {
                        if let Err(e) = Python::attach(|py| py.check_signals()) {
                            signal = Some(e);
                            stop.store(true, Ordering::Relaxed);
                        }
                    }
                    Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                }
            }
        })
    });
    if let Some(e) = signal {
        return Err(e);
    }
    match result {
        Some(r) => r.map_err(|e| to_py(py, e)),
        None => Err(PyRuntimeError::new_err("the engine thread stopped without a result (a panic: please report it)")),
    }
}

/// The hook the library calls between batches: stop when Ctrl-C was pressed.
fn stop_check(stop: &AtomicBool) -> impl FnMut(u64) -> Result<(), Error> + '_ {
    move |_| if stop.load(Ordering::Relaxed) { Err(Error::failed("interrupted")) } else { Ok(()) }
}

/// Interns names as small codes (events: kinds, ids, types, responses).
#[derive(Default)]
struct Codes {
    names: Vec<String>,
    index: HashMap<String, i64>,
}

impl Codes {
    fn code(&mut self, name: Option<&str>) -> i64 {
        let Some(name) = name else { return -1 };
        if let Some(&k) = self.index.get(name) {
            return k;
        }
        let k = self.names.len() as i64;
        self.names.push(name.to_string());
        self.index.insert(name.to_string(), k);
        k
    }
}

fn flag(b: Option<bool>) -> i8 {
    b.map_or(-1, i8::from)
}

/// The five tables as arrays and name lists (see `cyberdip/_frames.py`).
fn tables_dict<'py>(py: Python<'py>, t: Tables) -> PyResult<Bound<'py, PyDict>> {
    let l = &t.layout;
    let n = t.rows.len();
    let d = PyDict::new(py);
    d.set_item("scenario", &l.scenario)?;
    d.set_item("point", l.point)?;
    d.set_item("seed", l.seed)?;
    d.set_item("ticks", l.ticks)?;
    d.set_item("ids", &l.ids)?;
    d.set_item("columns", &l.columns)?;
    let state_names: Vec<&str> = l.state_columns.iter().map(|c| c.name()).collect();
    d.set_item("state_metrics", state_names)?;
    d.set_item("series_columns", &l.series_columns)?;
    let run: Vec<u64> = t.rows.iter().map(|r| r.run).collect();
    d.set_item("run", run.into_pyarray(py))?;
    let shape_err = |e: numpy::ndarray::ShapeError| PyRuntimeError::new_err(format!("table shape: {e}"));
    let metrics: Vec<f64> = t.rows.iter().flat_map(|r| r.metrics.iter().map(|&x| csv_value(x))).collect();
    d.set_item("metrics", Array2::from_shape_vec((n, l.columns.len()), metrics).map_err(shape_err)?.into_pyarray(py))?;
    let states: Vec<f64> = t.rows.iter().flat_map(|r| r.states.iter().map(|&x| csv_value(x))).collect();
    let shape = (n, l.ids.len(), l.state_columns.len());
    d.set_item("states", Array3::from_shape_vec(shape, states).map_err(shape_err)?.into_pyarray(py))?;
    let count: Vec<u64> = t.summary.iter().map(|s| s.n).collect();
    d.set_item("summary_n", count.into_pyarray(py))?;
    let stats: Vec<f64> = t
        .summary
        .iter()
        .flat_map(|s| [s.mean, s.sd, s.ci95_low, s.ci95_high, s.min, s.p05, s.p25, s.p50, s.p75, s.p95, s.max])
        .map(csv_value)
        .collect();
    d.set_item("summary", Array2::from_shape_vec((t.summary.len(), 11), stats).map_err(shape_err)?.into_pyarray(py))?;
    if t.keep.series {
        let ticks = t.rows.first().map_or(0, |r| r.series.len());
        let width = l.series_columns.len();
        let mut v = Vec::with_capacity(n * ticks * width);
        for r in &t.rows {
            if r.series.len() != ticks || r.series.iter().any(|row| row.len() != width) {
                return Err(PyRuntimeError::new_err("runs of one scenario returned time series of different shapes"));
            }
            v.extend(r.series.iter().flatten().map(|&x| csv_value(x)));
        }
        d.set_item("timeseries", Array3::from_shape_vec((n, ticks, width), v).map_err(shape_err)?.into_pyarray(py))?;
    }
    if t.keep.events {
        let total: usize = t.rows.iter().map(|r| r.events.len()).sum();
        let (mut kinds, mut types, mut responses) = (Codes::default(), Codes::default(), Codes::default());
        let mut c = EventColumns::with_capacity(total);
        for r in &t.rows {
            for e in &r.events {
                c.run.push(r.run);
                c.tick.push(e.tick);
                c.kind.push(kinds.code(Some(e.kind.name)));
                c.actor.push(i64::from(e.actor));
                c.target.push(e.target.map_or(-1, i64::from));
                c.kind_of_op.push(types.code(e.attack));
                c.severity.push(e.severity);
                c.success.push(flag(e.success));
                c.detected.push(flag(e.detected));
                c.attributed.push(flag(e.attributed));
                c.response.push(responses.code(e.response));
                c.value.push(csv_value(e.value));
                c.injected.push(e.injected);
                c.detail.push(e.detail.clone());
            }
        }
        let ev = PyDict::new(py);
        ev.set_item("run", c.run.into_pyarray(py))?;
        ev.set_item("tick", c.tick.into_pyarray(py))?;
        ev.set_item("kind", c.kind.into_pyarray(py))?;
        ev.set_item("kinds", kinds.names)?;
        ev.set_item("actor", c.actor.into_pyarray(py))?;
        ev.set_item("target", c.target.into_pyarray(py))?;
        ev.set_item("type", c.kind_of_op.into_pyarray(py))?;
        ev.set_item("types", types.names)?;
        ev.set_item("severity", c.severity.into_pyarray(py))?;
        ev.set_item("success", c.success.into_pyarray(py))?;
        ev.set_item("detected", c.detected.into_pyarray(py))?;
        ev.set_item("attributed", c.attributed.into_pyarray(py))?;
        ev.set_item("response", c.response.into_pyarray(py))?;
        ev.set_item("responses", responses.names)?;
        ev.set_item("value", c.value.into_pyarray(py))?;
        ev.set_item("injected", c.injected.into_pyarray(py))?;
        ev.set_item("detail", c.detail)?;
        d.set_item("events", ev)?;
    }
    Ok(d)
}

#[derive(Default)]
struct EventColumns {
    run: Vec<u64>,
    tick: Vec<u32>,
    kind: Vec<i64>,
    actor: Vec<i64>,
    target: Vec<i64>,
    kind_of_op: Vec<i64>,
    severity: Vec<u8>,
    success: Vec<i8>,
    detected: Vec<i8>,
    attributed: Vec<i8>,
    response: Vec<i64>,
    value: Vec<f64>,
    injected: Vec<bool>,
    detail: Vec<String>,
}

impl EventColumns {
    fn with_capacity(n: usize) -> Self {
        EventColumns {
            run: Vec::with_capacity(n),
            tick: Vec::with_capacity(n),
            kind: Vec::with_capacity(n),
            actor: Vec::with_capacity(n),
            target: Vec::with_capacity(n),
            kind_of_op: Vec::with_capacity(n),
            severity: Vec::with_capacity(n),
            success: Vec::with_capacity(n),
            detected: Vec::with_capacity(n),
            attributed: Vec::with_capacity(n),
            response: Vec::with_capacity(n),
            value: Vec::with_capacity(n),
            injected: Vec::with_capacity(n),
            detail: Vec::with_capacity(n),
        }
    }
}

/// A value from Python for one path: a number, or text as after `--set path=`.
fn value_of(x: &Bound<'_, PyAny>) -> PyResult<Value> {
    if let Ok(s) = x.cast::<pyo3::types::PyString>() {
        return Ok(Value::Text(s.to_str()?.to_string()));
    }
    if x.is_instance_of::<pyo3::types::PyBool>() {
        return Ok(Value::Text(if x.is_truthy()? { "true" } else { "false" }.to_string()));
    }
    match x.extract::<f64>() {
        Ok(v) => Ok(Value::Number(v)),
        Err(_) => Err(PyValueError::new_err(format!(
            "a value must be a number or a string, not {}",
            x.get_type().name().map_or_else(|_| "?".to_string(), |n| n.to_string())
        ))),
    }
}

/// A scenario file (and everything it extends) with `set` values applied, validated.
#[pyclass(module = "cyberdip._cyberdip", frozen)]
struct Document {
    doc: scenario::Document,
    sc: Scenario,
}

impl Document {
    /// The document with run arguments applied, as `--runs`, `--seed`, `--ticks` would.
    fn with(&self, runs: Option<u64>, seed: Option<u64>, ticks: Option<u64>) -> Result<scenario::Document, Error> {
        let mut d = self.doc.clone();
        d.apply(&Overrides { sets: Vec::new(), runs, seed, ticks })?;
        Ok(d)
    }
}

#[pymethods]
impl Document {
    /// Read `path` (following `extends`), apply each `path=value` of `sets` as `--set`
    /// does, and validate. Raises `ScenarioError` on bad input.
    #[new]
    fn new(py: Python<'_>, path: PathBuf, sets: Vec<String>) -> PyResult<Self> {
        let mut doc = scenario::Document::open(&path).map_err(|e| to_py(py, e))?;
        let errs: Vec<InputError> = sets.iter().filter_map(|s| doc.set("--set", s).err()).collect();
        if !errs.is_empty() {
            return Err(to_py(py, Error::Input(errs.into())));
        }
        let sc = doc.build().map_err(|e| to_py(py, e))?;
        Ok(Document { doc, sc })
    }

    /// Scenario name.
    #[getter]
    fn name(&self) -> &str {
        &self.sc.name
    }

    /// The question the scenario answers.
    #[getter]
    fn description(&self) -> &str {
        &self.sc.description
    }

    /// Hex digest of every input text.
    #[getter]
    fn hash(&self) -> &str {
        &self.sc.hash
    }

    /// Ticks (months) per run, runs and seed of `[simulation]`.
    #[getter]
    fn simulation(&self) -> (u32, u64, u64) {
        (self.sc.sim.ticks, self.sc.sim.runs, self.sc.sim.seed)
    }

    /// State ids, in scenario order.
    #[getter]
    fn ids(&self) -> Vec<String> {
        self.sc.states.iter().map(|s| s.id.clone()).collect()
    }

    /// Focus state ids (their outcomes are runs.csv columns).
    #[getter]
    fn focus(&self) -> Vec<String> {
        self.sc.focus.iter().map(|&i| self.sc.states[i as usize].id.clone()).collect()
    }

    /// runs.csv metric columns.
    #[getter]
    fn columns(&self) -> Vec<String> {
        tables::Layout::of(&self.sc, 0).columns
    }

    /// Every effective parameter, as `cyberdip explain` lists it: a dict of columns.
    fn parameters<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let lines = explain::lines(&self.sc, None);
        let d = PyDict::new(py);
        let col = |f: &dyn Fn(&explain::Line) -> String| lines.iter().map(f).collect::<Vec<String>>();
        let num = |f: &dyn Fn(&explain::Line) -> f64| lines.iter().map(|l| csv_value(f(l))).collect::<Vec<f64>>();
        d.set_item("name", col(&|l| l.path.clone()))?;
        d.set_item("value", num(&|l| l.value))?;
        d.set_item("default", num(&|l| l.default))?;
        d.set_item("min", num(&|l| l.spec.min))?;
        d.set_item("max", num(&|l| l.spec.max))?;
        d.set_item("kind", col(&|l| if l.spec.kind == Kind::Int { "int" } else { "real" }.to_string()))?;
        d.set_item("unit", col(&|l| l.spec.unit.to_string()))?;
        d.set_item("source", col(&|l| l.spec.source.to_string()))?;
        d.set_item("set_in", col(&|l| l.set_in.clone()))?;
        d.set_item("meaning", col(&|l| l.spec.doc.to_string()))?;
        Ok(d)
    }

    /// What values `path` takes: `("real" | "int", min, max, value)` for a numeric path,
    /// `("categorical", choices, value)` for a state's doctrine. Raises `ScenarioError`
    /// (with a suggestion) for any other path.
    fn describe<'py>(&self, py: Python<'py>, path: &str) -> PyResult<Bound<'py, PyAny>> {
        let segs: Vec<&str> = path.split('.').collect();
        if let ["state", id, "doctrine"] = segs.as_slice() {
            if let Some(i) = self.sc.state_index(id) {
                let names: Vec<&str> = Doctrine::ALL.iter().map(|(n, _)| *n).collect();
                let value = self.sc.states[i as usize].doctrine.name();
                return ("categorical", names, value).into_pyobject(py).map(|t| t.into_any());
            }
        }
        match self.sc.range_of(path) {
            Ok(r) => {
                let kind = if r.kind == Kind::Int { "int" } else { "real" };
                let value = self.sc.number(path);
                (kind, r.min, r.max, value).into_pyobject(py).map(|t| t.into_any())
            }
            Err(e) => {
                let mut err = InputError::file("keys", e.message);
                err.key = Some(path.to_string());
                if let Some(s) = e.suggestion {
                    err = err.help(format!("did you mean '{s}'?"));
                }
                Err(input(py, err))
            }
        }
    }

    /// Run replicates `0..runs` with `seed` and `ticks` (as `cyberdip run --runs --seed
    /// --ticks`), keeping events and time series when asked; the GIL is released while the
    /// engine runs and Ctrl-C stops it. Returns the tables as arrays (see `_frames.py`).
    #[pyo3(signature = (runs, seed, ticks=None, events=false, timeseries=false, threads=None))]
    #[allow(clippy::too_many_arguments)]
    fn run<'py>(
        &self,
        py: Python<'py>,
        runs: u64,
        seed: u64,
        ticks: Option<u64>,
        events: bool,
        timeseries: bool,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let sc = self.with(Some(runs), Some(seed), ticks).and_then(|d| d.build()).map_err(|e| to_py(py, e))?;
        let keep = Keep { events, series: timeseries };
        let t =
            interruptible(py, threads, |stop| tables::collect(&sc, 0, 0..sc.sim.runs, keep, &mut stop_check(stop)))?;
        tables_dict(py, t)
    }

    /// Run `runs` replicates at each row of `rows` (values for `paths`, one row per point),
    /// each point set through the document as `--set` does; returns `metrics` as an array
    /// of shape (points, runs, metrics). Integer parameters are rounded.
    #[pyo3(signature = (paths, rows, metrics, runs=1, seed=42, ticks=None, threads=None, common_random_numbers=true))]
    #[allow(clippy::too_many_arguments)]
    fn evaluate<'py>(
        &self,
        py: Python<'py>,
        paths: Vec<String>,
        rows: Vec<Vec<Bound<'py, PyAny>>>,
        metrics: Vec<String>,
        runs: u64,
        seed: u64,
        ticks: Option<u64>,
        threads: Option<usize>,
        common_random_numbers: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let values: Vec<Vec<Value>> =
            rows.iter().map(|r| r.iter().map(value_of).collect::<PyResult<Vec<Value>>>()).collect::<PyResult<_>>()?;
        let doc = self.with(None, Some(seed), ticks).map_err(|e| to_py(py, e))?;
        let p = Points { doc: &doc, paths: &paths, metrics: &metrics, runs, common_random_numbers };
        let out = interruptible(py, threads, |stop| experiment::at_points(&p, &values, &mut stop_check(stop)))?;
        let shape = (values.len(), runs as usize, metrics.len());
        let a = Array3::from_shape_vec(shape, out).map_err(|e| PyRuntimeError::new_err(format!("shape: {e}")))?;
        Ok(a.into_pyarray(py).into_any())
    }

    fn __repr__(&self) -> String {
        format!("<cyberdip document '{}': {} states>", self.sc.name, self.sc.states.len())
    }
}

/// A built-in analytic test function with its coefficients.
enum TestFunction {
    Ishigami(f64, f64),
    SobolG(Vec<f64>),
}

impl TestFunction {
    fn at(&self, x: &[f64]) -> f64 {
        match self {
            TestFunction::Ishigami(a, b) => testfns::ishigami(x, *a, *b),
            TestFunction::SobolG(a) => testfns::sobol_g(x, a),
        }
    }
}

/// Evaluate a built-in test function at each row of `x`: `"ishigami"` with `params =
/// [a, b]`, `"sobol_g"` with `params = a` (one coefficient per input). Rows run in
/// parallel with the GIL released.
#[pyfunction]
#[pyo3(signature = (name, params, x, threads=None))]
fn test_function<'py>(
    py: Python<'py>,
    name: &str,
    params: Vec<f64>,
    x: PyReadonlyArray2<'py, f64>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    let rows: Vec<Vec<f64>> = x.as_array().rows().into_iter().map(|r| r.to_vec()).collect();
    let f = match (name, params.as_slice()) {
        ("ishigami", &[a, b]) => TestFunction::Ishigami(a, b),
        ("ishigami", _) => return Err(PyValueError::new_err("ishigami takes params [a, b]")),
        ("sobol_g", a) => TestFunction::SobolG(a.to_vec()),
        (other, _) => {
            let help =
                suggest(other, ["ishigami", "sobol_g"]).map_or(String::new(), |s| format!("; did you mean '{s}'?"));
            return Err(PyValueError::new_err(format!("no test function '{other}' (ishigami, sobol_g){help}")));
        }
    };
    let y = interruptible(py, threads, |_| Ok(rows.par_iter().map(|r| f.at(r)).collect::<Vec<f64>>()))?;
    Ok(y.into_pyarray(py).into_any())
}

/// Exact Sobol' indices `(S1, ST)` of a built-in test function, for checking estimators.
#[pyfunction]
fn test_function_indices(name: &str, params: Vec<f64>) -> PyResult<(Vec<f64>, Vec<f64>)> {
    match (name, params.as_slice()) {
        ("ishigami", &[a, b]) => {
            let (s1, st) = testfns::ishigami_analytic(a, b);
            Ok((s1.to_vec(), st.to_vec()))
        }
        ("sobol_g", a) => Ok(testfns::sobol_g_analytic(a)),
        _ => Err(PyValueError::new_err(format!("no analytic indices for '{name}' with {} params", params.len()))),
    }
}

/// The candidate closest to `word`, if close enough to be a likely typo (the command
/// line's suggestions).
#[pyfunction]
fn suggestion(word: &str, candidates: Vec<String>) -> Option<String> {
    suggest(word, candidates.iter().map(String::as_str)).map(str::to_string)
}

/// A number as the text `--set` is given: the shortest text that parses back to the same
/// float, whole numbers without a fraction (so integer keys accept them).
#[pyfunction]
fn number_text(v: f64) -> String {
    scenario::document::number_text(v)
}

/// The native module of the `cyberdip` package (use the package, not this module).
#[pymodule]
fn _cyberdip(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("ScenarioError", m.py().get_type::<ScenarioError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<Document>()?;
    m.add_function(wrap_pyfunction!(test_function, m)?)?;
    m.add_function(wrap_pyfunction!(test_function_indices, m)?)?;
    m.add_function(wrap_pyfunction!(number_text, m)?)?;
    m.add_function(wrap_pyfunction!(suggestion, m)?)?;
    Ok(())
}
