//! From a merged, located tree to a validated [`Scenario`]: every key checked against the
//! registries (unknown keys are errors with the nearest known key), every value checked
//! for type and range, every state reference resolved — with file, line and column.

use super::files::Files;
use super::source::{self, Entry, Node, Table, Val};
use super::synthetic::{self, Synthetic};
use super::*;
use crate::core::params::{Group, Spec, suggest};
use crate::error::{Error, InputError, InputErrors, Loc, Sources};
use crate::model::attacks::AttackType;
use crate::model::doctrine::Doctrine;
use crate::model::injects::{Inject, InjectEvent};
use crate::model::world::pledge;
use crate::model::{Params, StateParams, data_security, institutions};
use std::path::{Path, PathBuf};

/// Months the world runs before recording starts, unless `simulation.spinup` says
/// otherwise: long enough for grievances, trust in heavy operators and pledges to move off
/// the scenario's hand-set start (measured: trust in China settles after about five years;
/// assumption). Alliances and sanctions keep accumulating beyond it, so outcomes depend on
/// the spin-up's length (docs/MODEL.md, "Initialisation" and section 11).
pub const DEFAULT_SPINUP: u32 = 60;

const TOP_KEYS: &[&str] = &[
    "name",
    "description",
    "extends",
    "simulation",
    "world",
    "parameters",
    "state",
    "relation",
    "alliance",
    "sanction",
    "inject",
    "outputs",
    "exercise",
];

/// Read `path` (from `files`; `preread` when its bytes are already read, so each file is
/// read once) and every file it `extends`, into one layered tree; texts go into `sources`;
/// `root` receives the root of the chain (the file that extends nothing).
// Errors are rare and built once per failed load; boxing them would only add noise.
#[allow(clippy::result_large_err)]
pub(crate) fn read_chain(
    files: Files,
    path: &Path,
    preread: Option<Vec<u8>>,
    sources: &mut Sources,
    stack: &mut Vec<PathBuf>,
    from: Option<(&Sources, Loc)>,
    root: &mut Option<Table>,
) -> Result<Table, InputError> {
    let shown = files.display(path);
    let canon = files.identity(path);
    let at = |msg: String| match from {
        Some((src, loc)) => src.error(loc, Some("extends"), msg),
        None => InputError::file(&shown, msg),
    };
    if let Some(pos) = stack.iter().position(|p| *p == canon) {
        let chain: Vec<String> = stack[pos..].iter().chain([&canon]).map(|p| p.display().to_string()).collect();
        return Err(at(format!("extends cycle: {}", chain.join(" -> "))));
    }
    if stack.len() >= 32 {
        return Err(InputError::file(&shown, "extends chain deeper than 32 files"));
    }
    let bytes = match preread {
        Some(b) => b,
        None => files.read(path).map_err(|e| {
            let e = at(format!("cannot read scenario file '{shown}': {e}"));
            if from.is_some() { e.help("the path is relative to the file that extends it") } else { e }
        })?,
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(InputError::file(
            &shown,
            "the file is empty: a scenario needs at least a [simulation] table and states",
        )
        .help("start from `extends = \"baseline.toml\"`, or copy scenarios/baseline.toml"));
    }
    let mut table = source::parse(sources, &shown, &bytes)?;
    let ext = table.entries.iter().position(|e| e.key == "extends");
    let Some(ext) = ext else {
        *root = Some(table.clone());
        return Ok(table);
    };
    let e = table.entries.remove(ext);
    let Val::Str(rel) = &e.node.val else {
        return Err(sources.error(
            e.node.loc,
            Some("extends"),
            format!("expected a file path string, found {}", e.node.val.type_name()),
        ));
    };
    // relative to the extending file's folder; a process substitution <(...) has none, so
    // its `extends` is relative to the current folder
    let folder =
        if files.is_process_substitution(path) { Path::new(".") } else { path.parent().unwrap_or(Path::new(".")) };
    let parent = folder.join(rel);
    stack.push(canon);
    let snapshot = sources.clone();
    let mut base = read_chain(files, &parent, None, sources, stack, Some((&snapshot, e.node.loc)), root)?;
    stack.pop();
    source::overlay(&mut base, table);
    Ok(base)
}

/// Turn `path=value` into a tree to overlay.
#[allow(clippy::result_large_err)]
pub(crate) fn set_tree(tree: &Table, file: u32, text: &str, sources: &Sources) -> Result<Table, InputError> {
    let whole = Loc { file, start: 0, end: text.len() as u32 };
    let Some(eq) = text.find('=') else {
        return Err(sources
            .error(whole, None, "expected path=value")
            .help("for example --set parameters.attacks.base_rate=0.1"));
    };
    let (path, raw) = (text[..eq].trim(), &text[eq + 1..]);
    let key_loc = Loc { file, start: 0, end: eq as u32 };
    let val_loc = Loc { file, start: eq as u32 + 1, end: text.len() as u32 };
    let value =
        source::parse_value(file, raw, eq + 1).unwrap_or(Node { val: Val::Str(raw.trim().to_string()), loc: val_loc });
    let segs: Vec<&str> = path.split('.').collect();
    if segs.iter().any(|s| s.is_empty()) {
        return Err(sources.error(key_loc, Some(path), "empty segment in path"));
    }
    let leaf = |segs: &[&str]| nest(segs, value.clone(), key_loc);
    let top = segs[0];
    let (first, rest) = (top, &segs[1..]);
    let table = match first {
        "state" | "sanction" | "alliance" if rest.len() >= 2 => {
            let (idk, id) = (if first == "alliance" { "name" } else { "id" }, rest[0]);
            let known = ids_of(tree, first, idk);
            if !known.iter().any(|k| k == id) {
                let mut e = sources.error(key_loc, Some(path), format!("no {first} with {idk} '{id}' in the scenario"));
                if let Some(s) = suggest(id, known.iter().map(String::as_str)) {
                    e = e.help(format!("did you mean `{first}.{s}.{}`?", rest[1..].join(".")));
                }
                return Err(e);
            }
            let mut item = match leaf(&rest[1..]).val {
                Val::Table(t) => t,
                _ => Table::default(),
            };
            item.entries
                .insert(0, Entry { key: idk.into(), key_loc, node: Node { val: Val::Str(id.into()), loc: key_loc } });
            let arr = Node { val: Val::Array(vec![Node { val: Val::Table(item), loc: key_loc }]), loc: key_loc };
            Table { entries: vec![Entry { key: first.into(), key_loc, node: arr }], loc: key_loc }
        }
        "simulation" | "world" | "parameters" | "outputs" | "name" | "description" => match leaf(&segs).val {
            Val::Table(t) => t,
            _ => Table::default(),
        },
        _ if Params::spec(path).is_some() => {
            let mut full = vec!["parameters"];
            full.extend(&segs);
            match leaf(&full).val {
                Val::Table(t) => t,
                _ => Table::default(),
            }
        }
        _ => {
            let mut candidates: Vec<String> =
                Params::specs().into_iter().map(|s| format!("parameters.{}", s.path)).collect();
            candidates.extend(
                [
                    "simulation.ticks",
                    "simulation.runs",
                    "simulation.seed",
                    "simulation.spinup",
                    "world.states",
                    "world.seed",
                ]
                .map(String::from),
            );
            let mut e = sources.error(key_loc, Some(path), "unknown path for --set");
            let bare = Params::specs().into_iter().map(|s| s.path);
            if let Some(s) = suggest(path, candidates.iter().map(String::as_str)).or_else(|| suggest(path, bare)) {
                e = e.help(format!("did you mean `{s}`?"));
            } else {
                e = e.help("paths look like parameters.attacks.base_rate, simulation.runs or state.IRN.coordination; `cyberdip explain` lists them all");
            }
            return Err(e);
        }
    };
    Ok(table)
}

fn nest(segs: &[&str], value: Node, at: Loc) -> Node {
    match segs.split_first() {
        None => value,
        Some((k, rest)) => {
            let child = nest(rest, value, at);
            Node {
                val: Val::Table(Table { entries: vec![Entry { key: (*k).into(), key_loc: at, node: child }], loc: at }),
                loc: at,
            }
        }
    }
}

fn ids_of(tree: &Table, array: &str, idk: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(Entry { node: Node { val: Val::Array(items), .. }, .. }) = tree.get(array) {
        for n in items {
            if let Val::Table(t) = &n.val {
                if let Some(s) = t.str(idk) {
                    out.push(s.to_string());
                }
            }
        }
    }
    if array == "state" {
        if let Some(Entry { node: Node { val: Val::Table(w), .. }, .. }) = tree.get("world") {
            if w.str("generator") == Some("synthetic") {
                if let Some(Entry { node: Node { val: Val::Int(n), .. }, .. }) = w.get("states") {
                    out.extend((0..(*n).clamp(0, caps::STATES)).map(synthetic::id));
                }
            }
        }
    }
    out
}

/// Checks and conversions, collecting every error (also used by sweep files).
/// Read a file of one of the project's TOML formats (scenario, sweep, calibration, targets;
/// `preread`: its bytes, when already read) and every file it `extends`.
pub(crate) fn read_tree(path: &Path, preread: Option<Vec<u8>>) -> Result<(Table, Sources), Error> {
    let mut sources = Sources::default();
    let tree =
        read_chain(Files::Disk, path, preread, &mut sources, &mut Vec::new(), None, &mut None).map_err(Error::input)?;
    Ok((tree, sources))
}

pub(crate) struct B<'a> {
    pub(crate) src: &'a Sources,
    pub(crate) errs: InputErrors,
}

impl<'a> B<'a> {
    /// Report every top-level key of `tree` that is not in `top` (`place` names the file kind).
    pub(crate) fn top_keys(&mut self, tree: &Table, top: &[&str], place: &str) {
        for e in &tree.entries {
            if !top.contains(&e.key.as_str()) {
                self.unknown(e, &e.key, top.iter().copied(), place);
            }
        }
    }

    /// The file's `name`, else its file stem, else `fallback`.
    pub(crate) fn name_or_stem(&mut self, tree: &Table, path: &Path, fallback: &str) -> String {
        tree.get("name")
            .and_then(|e| self.name(&e.node, "name"))
            .unwrap_or_else(|| path.file_stem().map_or_else(|| fallback.into(), |s| s.to_string_lossy().into_owned()))
    }

    pub(crate) fn new(src: &'a Sources) -> B<'a> {
        B { src, errs: InputErrors::default() }
    }

    /// Count an error cheaply when enough are kept already; true when it must be built.
    fn wants_detail(&mut self) -> bool {
        if self.errs.is_full() {
            self.errs.count_one();
            return false;
        }
        true
    }

    /// The range of value path `path` in `sc`; when it has none, an error at `loc` (key
    /// `key`) with a suggestion for a misspelt path, and None.
    pub(crate) fn range_of(&mut self, sc: &Scenario, path: &str, loc: Loc, key: &str) -> Option<super::paths::Range> {
        match sc.range_of(path) {
            Ok(r) => Some(r),
            Err(e) => {
                let mut err = self.src.error(loc, Some(key), e.message);
                if let Some(s) = e.suggestion {
                    err = err.help(format!("did you mean \"{s}\"?"));
                }
                self.errs.push(err);
                None
            }
        }
    }

    pub(crate) fn err(&mut self, loc: Loc, key: &str, msg: impl Into<String>) {
        if self.wants_detail() {
            let e = self.src.error(loc, Some(key), msg);
            self.errs.push(e);
        }
    }

    pub(crate) fn err_help(&mut self, loc: Loc, key: &str, msg: impl Into<String>, help: impl Into<String>) {
        if self.wants_detail() {
            let e = self.src.error(loc, Some(key), msg).help(help);
            self.errs.push(e);
        }
    }

    pub(crate) fn unknown<'k>(
        &mut self,
        e: &Entry,
        path: &str,
        known: impl IntoIterator<Item = &'k str> + Clone,
        within: &str,
    ) {
        if !self.wants_detail() {
            return;
        }
        let mut err = self.src.error(e.key_loc, Some(path), format!("unknown key in {within}"));
        if let Some(s) = suggest(path, known.clone()) {
            err = err.help(format!("did you mean `{s}`?"));
        } else {
            let list: Vec<&str> = known.into_iter().take(12).collect();
            err = err.help(format!("known keys include: {}", list.join(", ")));
        }
        self.errs.push(err);
    }

    pub(crate) fn table<'t>(&mut self, e: &'t Entry, key: &str) -> Option<&'t Table> {
        match &e.node.val {
            Val::Table(t) => Some(t),
            v => {
                let found = v.type_name();
                self.err(e.node.loc, key, format!("expected a table, found {found}"));
                None
            }
        }
    }

    pub(crate) fn tables<'t>(&mut self, e: &'t Entry, key: &str) -> Vec<&'t Table> {
        match &e.node.val {
            Val::Array(items) => items
                .iter()
                .filter_map(|n| match &n.val {
                    Val::Table(t) => Some(t),
                    v => {
                        let found = v.type_name();
                        self.err(n.loc, key, format!("expected a table ([[{key}]]), found {found}"));
                        None
                    }
                })
                .collect(),
            v => {
                let found = v.type_name();
                self.err(e.node.loc, key, format!("expected an array of tables ([[{key}]]), found {found}"));
                Vec::new()
            }
        }
    }

    pub(crate) fn number(&mut self, n: &Node, key: &str, expected: &str) -> Option<f64> {
        let v = match &n.val {
            Val::Int(i) => *i as f64,
            Val::UInt(u) => *u as f64,
            Val::Float(f) => *f,
            v => {
                let found = v.type_name();
                self.err(n.loc, key, format!("expected {expected}, found {found}"));
                return None;
            }
        };
        if !v.is_finite() {
            self.err(n.loc, key, format!("expected {expected}, found a value that is not finite"));
            return None;
        }
        Some(v)
    }

    pub(crate) fn spec_value(&mut self, n: &Node, key: &str, spec: &Spec) -> Option<f64> {
        // The expected range is put in words only for an error: a sweep or an EMA run
        // builds one document per point, and formatting it for every value cost a fifth
        // of a build.
        let v = match &n.val {
            Val::Int(i) => *i as f64,
            Val::Float(f) if f.is_finite() => *f,
            _ => self.number(n, key, &spec.expected())?,
        };
        if !spec.accepts(v) {
            self.err(n.loc, key, format!("value {v} is out of range: expected {}", spec.expected()));
            return None;
        }
        Some(v)
    }

    pub(crate) fn int(&mut self, n: &Node, key: &str, min: i64, max: i64, why: &str) -> Option<i64> {
        let expected = format!("a whole number from {min} to {max}");
        match &n.val {
            Val::Int(i) if (min..=max).contains(i) => Some(*i),
            Val::Int(i) => {
                let msg = format!("value {i} is out of range: expected {expected}");
                if *i > max {
                    self.err_help(n.loc, key, msg, why)
                } else {
                    self.err(n.loc, key, msg)
                }
                None
            }
            Val::Float(f) if f.is_finite() && f.fract() == 0.0 && *f >= min as f64 && *f <= max as f64 => {
                Some(*f as i64)
            }
            Val::UInt(u) => {
                self.err_help(n.loc, key, format!("value {u} is out of range: expected {expected}"), why);
                None
            }
            v => {
                let found = if let Val::Float(f) = v { format!("{f}") } else { v.type_name().to_string() };
                self.err(n.loc, key, format!("expected {expected}, found {found}"));
                None
            }
        }
    }

    /// A seed: any whole number from 0 to 2^64 - 1 (TOML integers stop at 2^63 - 1; larger
    /// seeds are read exactly all the same).
    pub(crate) fn seed(&mut self, n: &Node, key: &str) -> Option<u64> {
        match &n.val {
            Val::Int(i) if *i >= 0 => Some(*i as u64),
            Val::UInt(u) => Some(*u),
            v => {
                let found = match v {
                    Val::Int(i) => format!("{i}"),
                    Val::Float(f) => format!("{f}"),
                    v => v.type_name().to_string(),
                };
                self.err(n.loc, key, format!("expected a whole number from 0 to {}, found {found}", u64::MAX));
                None
            }
        }
    }

    /// A name written into every output row: not empty, one line, no control characters.
    pub(crate) fn name(&mut self, n: &Node, key: &str) -> Option<String> {
        let s = self.string(n, key)?;
        if s.trim().is_empty() {
            self.err_help(
                n.loc,
                key,
                "the name is empty",
                "give a short name such as \"baseline\", or delete the line to use the file name",
            );
            return None;
        }
        if s.chars().any(char::is_control) {
            self.err(n.loc, key, "the name contains a line break or another control character");
            return None;
        }
        Some(s)
    }

    pub(crate) fn string(&mut self, n: &Node, key: &str) -> Option<String> {
        match &n.val {
            Val::Str(s) => Some(s.clone()),
            v => {
                let found = v.type_name();
                self.err(n.loc, key, format!("expected a string, found {found}"));
                None
            }
        }
    }

    pub(crate) fn strings(&mut self, n: &Node, key: &str) -> Vec<(String, Loc)> {
        match &n.val {
            Val::Array(items) => items.iter().filter_map(|x| self.string(x, key).map(|s| (s, x.loc))).collect(),
            v => {
                let found = v.type_name();
                self.err(n.loc, key, format!("expected an array of strings, found {found}"));
                Vec::new()
            }
        }
    }

    pub(crate) fn boolean(&mut self, n: &Node, key: &str) -> Option<bool> {
        match &n.val {
            Val::Bool(b) => Some(*b),
            v => {
                let found = v.type_name();
                self.err(n.loc, key, format!("expected true or false, found {found}"));
                None
            }
        }
    }

    pub(crate) fn state(&mut self, name: &str, loc: Loc, key: &str, ids: &[String]) -> Option<Sid> {
        if let Some(i) = ids.iter().position(|x| x == name) {
            return Some(i as Sid);
        }
        if !self.wants_detail() {
            return None;
        }
        let mut e = self.src.error(loc, Some(key), format!("state '{name}' does not exist in this scenario"));
        if let Some(s) = suggest(name, ids.iter().map(String::as_str)) {
            e = e.help(format!("did you mean '{s}'?"));
        }
        self.errs.push(e);
        None
    }

    pub(crate) fn state_node(&mut self, n: &Node, key: &str, ids: &[String]) -> Option<Sid> {
        let s = self.string(n, key)?;
        self.state(&s, n.loc, key, ids)
    }
}

pub(crate) fn build(tree: &Table, sources: Sources, default_name: &str) -> Result<Scenario, Error> {
    let src = sources.clone();
    let mut b = B::new(&src);
    for e in &tree.entries {
        if !TOP_KEYS.contains(&e.key.as_str()) {
            b.unknown(e, &e.key, TOP_KEYS.iter().copied(), "the top level of a scenario");
        }
    }
    let name = match tree.get("name") {
        Some(e) => b.name(&e.node, "name").unwrap_or_else(|| default_name.to_string()),
        None => default_name.to_string(),
    };
    let description = tree.get("description").and_then(|e| b.string(&e.node, "description")).unwrap_or_default();
    let mut set_at = std::collections::BTreeMap::new();

    // [simulation]
    let mut sim = Simulation { ticks: 120, runs: 100, seed: 42, spinup: DEFAULT_SPINUP };
    match tree.get("simulation") {
        None => b.errs.push(
            InputError::file(src.name(0), "missing [simulation] table (ticks, runs, seed)")
                .help("add:\n[simulation]\nticks = 120\nruns = 200\nseed = 42"),
        ),
        Some(e) => {
            if let Some(t) = b.table(e, "simulation") {
                for x in &t.entries {
                    let key = format!("simulation.{}", x.key);
                    match x.key.as_str() {
                        "ticks" => {
                            sim.ticks = b
                                .int(
                                    &x.node,
                                    &key,
                                    1,
                                    caps::TICKS,
                                    "one tick is one month; the cap keeps a typo from running for hours",
                                )
                                .unwrap_or(1) as u32
                        }
                        "runs" => {
                            sim.runs = b
                                .int(
                                    &x.node,
                                    &key,
                                    1,
                                    caps::RUNS,
                                    "runs are capped at 10,000,000 per command; use a sweep with shards for more",
                                )
                                .unwrap_or(1) as u64
                        }
                        "seed" => sim.seed = b.seed(&x.node, &key).unwrap_or(0),
                        "spinup" => {
                            sim.spinup = b
                                .int(&x.node, &key, 0, caps::TICKS, "the spin-up is capped like the run itself")
                                .unwrap_or(0) as u32
                        }
                        _ => b.unknown(
                            x,
                            &key,
                            ["simulation.ticks", "simulation.runs", "simulation.seed", "simulation.spinup"],
                            "[simulation]",
                        ),
                    }
                    set_at.insert(key, x.node.loc);
                }
            }
        }
    }

    // [world]
    let mut synth: Option<Synthetic> = None;
    let mut connect: Option<(String, Loc)> = None;
    if let Some(e) = tree.get("world") {
        if let Some(t) = b.table(e, "world") {
            let mut s = Synthetic::default();
            let mut generator = None;
            for x in &t.entries {
                let key = format!("world.{}", x.key);
                match x.key.as_str() {
                    "generator" => {
                        if let Some(g) = b.string(&x.node, &key) {
                            if g == "synthetic" {
                                generator = Some(g);
                            } else {
                                b.err_help(
                                    x.node.loc,
                                    &key,
                                    format!("unknown generator '{g}'"),
                                    "the only generator is \"synthetic\"",
                                );
                            }
                        }
                    }
                    "states" => {
                        s.states = b
                            .int(&x.node, &key, 2, caps::STATES, "a world is capped at 100,000 states")
                            .unwrap_or(2) as usize
                    }
                    "seed" => s.seed = b.seed(&x.node, &key).unwrap_or(0),
                    "degree" => s.degree = b.int(&x.node, &key, 1, 1000, "").unwrap_or(1) as usize,
                    "regions" => s.regions = b.int(&x.node, &key, 1, 100_000, "").unwrap_or(1) as usize,
                    "rivalry" => {
                        if let Some(v) = b.number(&x.node, &key, "a share from 0 to 1") {
                            if (0.0..=1.0).contains(&v) {
                                s.rivalry = v
                            } else {
                                b.err(
                                    x.node.loc,
                                    &key,
                                    format!("value {v} is out of range: expected a share from 0 to 1"),
                                )
                            }
                        }
                    }
                    "relations" => {
                        if let Some(c) = b.string(&x.node, &key) {
                            if c == "complete" || c == "listed" {
                                connect = Some((c, x.node.loc))
                            } else {
                                b.err_help(
                                    x.node.loc,
                                    &key,
                                    format!("unknown relations mode '{c}'"),
                                    "use \"complete\" (every pair related) or \"listed\" (only [[relation]] pairs)",
                                )
                            }
                        }
                    }
                    _ => b.unknown(
                        x,
                        &key,
                        [
                            "world.generator",
                            "world.states",
                            "world.seed",
                            "world.degree",
                            "world.regions",
                            "world.rivalry",
                            "world.relations",
                        ],
                        "[world]",
                    ),
                }
            }
            if generator.is_some() {
                synth = Some(s);
            }
        }
    }

    // [[state]]
    let mut states: Vec<StateSpec> = Vec::new();
    let mut relations: Vec<RelationSpec> = Vec::new();
    if let Some(s) = &synth {
        let (st, rel) = synthetic::generate(s);
        states = st;
        relations = rel;
    }
    let generated = states.len();
    let blocks: Vec<&Table> = tree.get("state").map(|e| b.tables(e, "state")).unwrap_or_default();
    let mut pending_suppliers: Vec<(usize, String, Loc)> = Vec::new();
    for t in &blocks {
        let Some(id_e) = t.get("id") else {
            b.err(t.loc, "state.id", "a [[state]] needs an `id` (e.g. id = \"IRN\")");
            continue;
        };
        let Some(id) = b.string(&id_e.node, "state.id") else {
            continue;
        };
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
            b.err(id_e.node.loc, "state.id", format!("state id '{id}' must be letters, digits, '_' or '-'"));
            continue;
        }
        let existing = states.iter().position(|s| s.id == id);
        let idx = match existing {
            Some(i) if i < generated => i,
            Some(_) => {
                b.err(id_e.node.loc, "state.id", format!("state '{id}' is defined twice"));
                continue;
            }
            None if generated > 0 => {
                let ids: Vec<String> = states.iter().map(|s| s.id.clone()).collect();
                b.state(&id, id_e.node.loc, "state.id", &ids);
                continue;
            }
            None => {
                states.push(StateSpec {
                    id: id.clone(),
                    name: id.clone(),
                    region: "none".into(),
                    doctrine: Doctrine::Balanced,
                    params: StateParams::default(),
                    institutions: 0,
                    supplier: None,
                    pledges: 0,
                });
                states.len() - 1
            }
        };
        state_block(&mut b, t, &id, &mut states[idx], idx, &mut pending_suppliers, &mut set_at);
    }
    if states.is_empty() && b.errs.is_empty() {
        b.errs.push(
            InputError::file(src.name(0), "the scenario has no states")
                .help("add [[state]] blocks, or [world] generator = \"synthetic\" with states = N"),
        );
    }
    if states.len() as i64 > caps::STATES {
        b.errs.push(InputError::file(
            src.name(0),
            format!("{} states is more than the cap of {}", states.len(), caps::STATES),
        ));
    }
    let ids: Vec<String> = states.iter().map(|s| s.id.clone()).collect();
    for (i, sup, loc) in pending_suppliers {
        if let Some(j) = b.state(&sup, loc, "state.supplier", &ids) {
            if j as usize == i {
                b.err(loc, "state.supplier", "a state cannot be its own foreign supplier");
            } else {
                states[i].supplier = Some(j);
            }
        }
    }

    // [parameters]
    let mut params = Params::default();
    if let Some(e) = tree.get("parameters") {
        if let Some(t) = b.table(e, "parameters") {
            let mut flat = Vec::new();
            source::flatten(t, "", &mut flat);
            for (path, x) in flat {
                let key = format!("parameters.{path}");
                match Params::spec(&path) {
                    Some(spec) => {
                        if let Some(v) = b.spec_value(&x.node, &key, spec) {
                            if let Some(slot) = params.get_mut(&path) {
                                *slot = v;
                            }
                            set_at.insert(key, x.node.loc);
                        }
                    }
                    None if b.errs.is_full() => b.errs.count_one(),
                    None => {
                        let known: Vec<&str> = Params::specs().into_iter().map(|s| s.path).collect();
                        b.unknown(x, &path, known.iter().copied(), "[parameters]");
                    }
                }
            }
        }
    }

    // [[relation]]
    if let Some(e) = tree.get("relation") {
        for t in b.tables(e, "relation") {
            relation_block(&mut b, t, &ids, &mut relations);
        }
    }
    // [[alliance]]
    let mut alliances = Vec::new();
    if let Some(e) = tree.get("alliance") {
        for t in b.tables(e, "alliance") {
            let mut a = AllianceSpec { name: String::new(), members: Vec::new(), cohesion: 0.6, regional: true };
            for x in &t.entries {
                let key = format!("alliance.{}", x.key);
                match x.key.as_str() {
                    "name" => a.name = b.string(&x.node, &key).unwrap_or_default(),
                    "members" => {
                        for (m, loc) in b.strings(&x.node, &key) {
                            if let Some(s) = b.state(&m, loc, &key, &ids) {
                                a.members.push(s);
                            }
                        }
                    }
                    "cohesion" => a.cohesion = unit_value(&mut b, &x.node, &key).unwrap_or(0.6),
                    "scope" => match b.string(&x.node, &key).as_deref() {
                        Some("regional") | None => a.regional = true,
                        Some("global") => a.regional = false,
                        Some(other) => b.err(
                            x.node.loc,
                            &key,
                            format!("expected \"regional\" (admits only neighbours of a member) or \"global\", found \"{other}\""),
                        ),
                    },
                    "source" => {}
                    _ => b.unknown(
                        x,
                        &key,
                        ["alliance.name", "alliance.members", "alliance.cohesion", "alliance.scope", "alliance.source"],
                        "[[alliance]]",
                    ),
                }
            }
            if a.name.is_empty() {
                b.err(t.loc, "alliance.name", "an [[alliance]] needs a `name`");
            }
            a.members.sort_unstable();
            a.members.dedup();
            if a.members.len() >= 2 {
                alliances.push(a);
            } else if !a.members.is_empty() {
                b.err(t.loc, "alliance.members", format!("alliance '{}' needs at least two members", a.name));
            }
        }
    }
    // [[sanction]]
    let mut sanctions = Vec::new();
    if let Some(e) = tree.get("sanction") {
        for t in b.tables(e, "sanction") {
            let mut s = SanctionSpec { id: String::new(), senders: Vec::new(), target: 0, intensity: 0.5 };
            let mut target = None;
            for x in &t.entries {
                let key = format!("sanction.{}", x.key);
                match x.key.as_str() {
                    "id" => s.id = b.string(&x.node, &key).unwrap_or_default(),
                    "senders" => {
                        for (m, loc) in b.strings(&x.node, &key) {
                            if let Some(k) = b.state(&m, loc, &key, &ids) {
                                s.senders.push(k);
                            }
                        }
                    }
                    "target" => target = b.state_node(&x.node, &key, &ids),
                    "intensity" => s.intensity = unit_value(&mut b, &x.node, &key).unwrap_or(0.5),
                    "source" => {}
                    _ => b.unknown(
                        x,
                        &key,
                        ["sanction.id", "sanction.senders", "sanction.target", "sanction.intensity", "sanction.source"],
                        "[[sanction]]",
                    ),
                }
            }
            if s.id.is_empty() {
                b.err(t.loc, "sanction.id", "a [[sanction]] needs an `id`");
            }
            match target {
                Some(tg) if s.senders.contains(&tg) => {
                    b.err(t.loc, "sanction.target", "a state cannot sanction itself")
                }
                Some(tg) if !s.senders.is_empty() => {
                    s.target = tg;
                    s.senders.sort_unstable();
                    s.senders.dedup();
                    if s.intensity > 0.0 {
                        sanctions.push(s);
                    }
                }
                Some(_) => b.err(t.loc, "sanction.senders", "a [[sanction]] needs `senders`"),
                None => {
                    if t.get("target").is_none() {
                        b.err(t.loc, "sanction.target", "a [[sanction]] needs a `target`");
                    }
                }
            }
        }
    }
    // [[inject]]
    let mut injects = Vec::new();
    if let Some(e) = tree.get("inject") {
        for t in b.tables(e, "inject") {
            if let Some(i) = inject_block(&mut b, t, &ids, sim.ticks) {
                injects.push(i);
            }
        }
    }
    injects.sort_by_key(|i: &Inject| i.tick);
    // [outputs]
    let mut focus = Vec::new();
    if let Some(e) = tree.get("outputs") {
        if let Some(t) = b.table(e, "outputs") {
            for x in &t.entries {
                match x.key.as_str() {
                    "focus" => {
                        for (m, loc) in b.strings(&x.node, "outputs.focus") {
                            if let Some(s) = b.state(&m, loc, "outputs.focus", &ids) {
                                if !focus.contains(&s) {
                                    focus.push(s);
                                }
                            }
                        }
                    }
                    _ => b.unknown(x, &format!("outputs.{}", x.key), ["outputs.focus"], "[outputs]"),
                }
            }
        }
    }
    let exercise = tree.get("exercise").and_then(|e| exercise_block(&mut b, e));

    let complete = match connect {
        Some((ref c, _)) => c == "complete",
        None => synth.is_none(),
    };
    if complete && states.len() > caps::COMPLETE {
        let loc = connect.map(|c| c.1);
        let msg = format!("{} states with every pair related is too dense (cap {})", states.len(), caps::COMPLETE);
        match loc {
            Some(l) => b.err_help(l, "world.relations", msg, "use world.relations = \"listed\""),
            None => b.errs.push(
                InputError::file(src.name(0), msg)
                    .help("set [world] relations = \"listed\" and list [[relation]] pairs"),
            ),
        }
    }
    let work = states.len() as f64 * f64::from(sim.ticks) * sim.runs as f64;
    if work > caps::WORK {
        b.errs.push(
            InputError::file(
                src.name(0),
                format!(
                    "{} states x {} ticks x {} runs = {work:.2e} state-ticks is more than the cap of {:.0e}",
                    states.len(),
                    sim.ticks,
                    sim.runs,
                    caps::WORK
                ),
            )
            .help("lower --runs or split the work with `cyberdip sweep --shard`"),
        );
    }
    if !b.errs.is_empty() {
        return Err(Error::Input(b.errs));
    }
    let hash = digest(&src);
    Ok(Scenario {
        name,
        description,
        sources,
        hash,
        sim,
        params,
        states,
        complete,
        relations,
        alliances,
        sanctions,
        injects,
        focus,
        exercise,
        set_at,
        synthetic: synth,
        reference: None,
    })
}

fn unit_value(b: &mut B, n: &Node, key: &str) -> Option<f64> {
    let v = b.number(n, key, "a number from 0 to 1")?;
    if (0.0..=1.0).contains(&v) {
        Some(v)
    } else {
        b.err(n.loc, key, format!("value {v} is out of range: expected a number from 0 to 1"));
        None
    }
}

const STATE_TEXT_KEYS: &[&str] = &["id", "name", "region", "doctrine", "institutions", "supplier", "pledges", "source"];

fn state_block(
    b: &mut B,
    t: &Table,
    id: &str,
    spec: &mut StateSpec,
    idx: usize,
    suppliers: &mut Vec<(usize, String, Loc)>,
    set_at: &mut std::collections::BTreeMap<String, Loc>,
) {
    if let Some(d) = t.get("doctrine") {
        if let Some(name) = b.string(&d.node, "state.doctrine") {
            match Doctrine::from_name(&name) {
                Some(doc) => {
                    spec.doctrine = doc;
                    spec.params = doc.defaults();
                    set_at.insert(format!("state.{id}.doctrine"), d.node.loc);
                }
                None => {
                    let names = Doctrine::ALL.map(|x| x.0);
                    let help = match suggest(&name, names) {
                        Some(s) => format!("did you mean \"{s}\"?"),
                        None => format!("doctrines are: {}", names.join(", ")),
                    };
                    b.err_help(d.node.loc, "state.doctrine", format!("unknown doctrine '{name}'"), help);
                }
            }
        }
    }
    let mut flat = Vec::new();
    source::flatten(t, "", &mut flat);
    for (path, x) in flat {
        let key = format!("state.{id}.{path}");
        match path.as_str() {
            "id" | "doctrine" | "source" => {}
            "name" => spec.name = b.string(&x.node, &key).unwrap_or_default(),
            "region" => spec.region = b.string(&x.node, &key).unwrap_or_default(),
            "institutions" => {
                spec.institutions = 0;
                for (n, loc) in b.strings(&x.node, &key) {
                    match institutions::bit(&n) {
                        Some(bit) => spec.institutions |= bit,
                        None => {
                            let names: Vec<&str> = institutions::INSTITUTIONS.iter().map(|x| x.0).collect();
                            let help = suggest(&n, names.iter().copied()).map_or_else(
                                || format!("institutions are: {}", names.join(", ")),
                                |s| format!("did you mean \"{s}\"?"),
                            );
                            b.err_help(loc, &key, format!("unknown institution '{n}'"), help);
                        }
                    }
                }
            }
            "supplier" => {
                if let Some(s) = b.string(&x.node, &key) {
                    if s.is_empty() { spec.supplier = None } else { suppliers.push((idx, s, x.node.loc)) }
                }
            }
            "pledges" => {
                spec.pledges = 0;
                for (n, loc) in b.strings(&x.node, &key) {
                    match pledge::NAMES.iter().find(|p| p.0 == n) {
                        Some((_, bit)) => spec.pledges |= bit,
                        None => {
                            let names = pledge::NAMES.map(|p| p.0);
                            let help = suggest(&n, names).map_or_else(
                                || format!("pledges are: {}", names.join(", ")),
                                |s| format!("did you mean \"{s}\"?"),
                            );
                            b.err_help(loc, &key, format!("unknown pledge '{n}'"), help);
                        }
                    }
                }
                let _ = data_security::pledge_name;
            }
            _ => match StateParams::spec(&path) {
                Some(sp) => {
                    if let Some(v) = b.spec_value(&x.node, &key, sp) {
                        if let Some(slot) = spec.params.get_mut(&path) {
                            *slot = v;
                        }
                        set_at.insert(key, x.node.loc);
                    }
                }
                None if b.errs.is_full() => b.errs.count_one(),
                None => {
                    let known: Vec<&str> = STATE_TEXT_KEYS
                        .iter()
                        .copied()
                        .chain(StateParams::specs().into_iter().map(|s| s.path))
                        .collect();
                    b.unknown(x, &path, known.iter().copied(), &format!("[[state]] '{id}'"));
                }
            },
        }
    }
}

fn relation_block(b: &mut B, t: &Table, ids: &[String], out: &mut Vec<RelationSpec>) {
    let mut pair = Vec::new();
    let mut r = RelationSpec { a: 0, b: 0, rivalry: 0.0, trust: None, agreement: false };
    for x in &t.entries {
        let key = format!("relation.{}", x.key);
        match x.key.as_str() {
            "between" => {
                let names = b.strings(&x.node, &key);
                if names.len() != 2 {
                    b.err(x.node.loc, &key, format!("expected two state ids, found {}", names.len()));
                }
                for (n, loc) in names {
                    if let Some(s) = b.state(&n, loc, &key, ids) {
                        pair.push(s);
                    }
                }
            }
            "rivalry" => r.rivalry = unit_value(b, &x.node, &key).unwrap_or(0.0),
            "trust" => r.trust = unit_value(b, &x.node, &key),
            "agreement" => r.agreement = b.boolean(&x.node, &key).unwrap_or(false),
            "source" => {}
            _ => b.unknown(
                x,
                &key,
                ["relation.between", "relation.rivalry", "relation.trust", "relation.agreement", "relation.source"],
                "[[relation]]",
            ),
        }
    }
    if t.get("between").is_none() {
        b.err(t.loc, "relation.between", "a [[relation]] needs `between = [\"A\", \"B\"]`");
    }
    if pair.len() == 2 {
        if pair[0] == pair[1] {
            b.err(t.loc, "relation.between", "a state cannot have a relation with itself");
            return;
        }
        r.a = pair[0];
        r.b = pair[1];
        out.retain(|o| !((o.a == r.a && o.b == r.b) || (o.a == r.b && o.b == r.a)));
        out.push(r);
    }
}

const INJECT_EVENTS: &[(&str, &[&str])] = &[
    ("attack", &["actor", "target", "type", "severity"]),
    ("sanction", &["actor", "target"]),
    ("lift_sanctions", &["target"]),
    ("join_alliance", &["actor", "alliance", "target"]),
    ("leave_alliance", &["actor", "alliance"]),
    ("pledge", &["actor", "pledges"]),
    ("shock", &["target", "variable", "value"]),
    ("vendor_ban", &["actor", "vendor", "replacement"]),
];

fn inject_block(b: &mut B, t: &Table, ids: &[String], ticks: u32) -> Option<Inject> {
    let errs_before = b.errs.len();
    let tick = match t.get("tick") {
        None => {
            b.err(t.loc, "inject.tick", "an [[inject]] needs a `tick`");
            None
        }
        Some(x) => {
            let v = b.int(&x.node, "inject.tick", 1, i64::MAX, "")?;
            if v > i64::from(ticks) {
                b.err_help(
                    x.node.loc,
                    "inject.tick",
                    format!("tick {v} is beyond the end of the run (ticks = {ticks})"),
                    format!("use a tick from 1 to {ticks}, or raise simulation.ticks"),
                );
                None
            } else {
                Some(v as u32)
            }
        }
    };
    let Some(ev_e) = t.get("event") else {
        b.err(t.loc, "inject.event", "an [[inject]] needs an `event`");
        return None;
    };
    let ev = b.string(&ev_e.node, "inject.event")?;
    let Some((_, allowed)) = INJECT_EVENTS.iter().find(|(n, _)| *n == ev) else {
        let names: Vec<&str> = INJECT_EVENTS.iter().map(|e| e.0).collect();
        let help = suggest(&ev, names.iter().copied())
            .map_or_else(|| format!("events are: {}", names.join(", ")), |s| format!("did you mean \"{s}\"?"));
        b.err_help(ev_e.node.loc, "inject.event", format!("unknown inject event '{ev}'"), help);
        return None;
    };
    for x in &t.entries {
        let k = x.key.as_str();
        if !["tick", "event", "note"].contains(&k) && !allowed.contains(&k) {
            let known: Vec<&str> = ["tick", "event", "note"].iter().chain(allowed.iter()).copied().collect();
            b.unknown(x, &format!("inject.{k}"), known.iter().copied(), &format!("an [[inject]] of event \"{ev}\""));
        }
    }
    let need_state = |b: &mut B, key: &str| -> Option<Sid> {
        match t.get(key) {
            Some(x) => b.state_node(&x.node, &format!("inject.{key}"), ids),
            None => {
                b.err(t.loc, &format!("inject.{key}"), format!("an [[inject]] of event \"{ev}\" needs `{key}`"));
                None
            }
        }
    };
    let opt_state =
        |b: &mut B, key: &str| t.get(key).and_then(|x| b.state_node(&x.node, &format!("inject.{key}"), ids));
    let note = t.get("note").and_then(|x| b.string(&x.node, "inject.note")).unwrap_or_default();
    let event = match ev.as_str() {
        "attack" => {
            let actor = need_state(b, "actor");
            let target = need_state(b, "target");
            let kind = match t.get("type") {
                Some(x) => b.string(&x.node, "inject.type").and_then(|n| {
                    AttackType::from_name(&n).or_else(|| {
                        let names = AttackType::ALL.map(|a| a.name());
                        let help = suggest(&n, names).map_or_else(
                            || format!("types are: {}", names.join(", ")),
                            |s| format!("did you mean \"{s}\"?"),
                        );
                        b.err_help(x.node.loc, "inject.type", format!("unknown attack type '{n}'"), help);
                        None
                    })
                }),
                None => {
                    b.err(t.loc, "inject.type", "an attack inject needs a `type`");
                    None
                }
            };
            let severity = t.get("severity").map_or(Some(kind.map_or(1, AttackType::base_severity) as i64), |x| {
                b.int(&x.node, "inject.severity", 1, 5, "")
            });
            if let (Some(a), Some(tg)) = (actor, target) {
                if a == tg {
                    b.err(t.loc, "inject.target", "a state cannot attack itself");
                }
            }
            InjectEvent::Attack { actor: actor?, target: target?, kind: kind?, severity: severity? as u8 }
        }
        "sanction" => {
            let (a, tg) = (need_state(b, "actor"), need_state(b, "target"));
            if a.is_some() && a == tg {
                b.err(t.loc, "inject.target", "a state cannot sanction itself");
            }
            InjectEvent::Sanction { actor: a?, target: tg? }
        }
        "lift_sanctions" => InjectEvent::LiftSanctions { target: need_state(b, "target")? },
        "join_alliance" => {
            let actor = need_state(b, "actor");
            let alliance = t.get("alliance").and_then(|x| b.string(&x.node, "inject.alliance"));
            let partner = opt_state(b, "target");
            if alliance.is_none() && partner.is_none() && t.get("target").is_none() {
                b.err(
                    t.loc,
                    "inject.alliance",
                    "join_alliance needs `alliance` (a name) or `target` (a partner state)",
                );
            }
            InjectEvent::JoinAlliance { actor: actor?, alliance, partner }
        }
        "leave_alliance" => {
            let actor = need_state(b, "actor");
            let alliance = match t.get("alliance") {
                Some(x) => b.string(&x.node, "inject.alliance"),
                None => {
                    b.err(t.loc, "inject.alliance", "leave_alliance needs `alliance`");
                    None
                }
            };
            InjectEvent::LeaveAlliance { actor: actor?, alliance: alliance? }
        }
        "pledge" => {
            let actor = need_state(b, "actor");
            let mut bits = 0;
            match t.get("pledges") {
                Some(x) => {
                    for (n, loc) in b.strings(&x.node, "inject.pledges") {
                        match pledge::NAMES.iter().find(|p| p.0 == n) {
                            Some((_, bit)) => bits |= bit,
                            None => b.err(
                                loc,
                                "inject.pledges",
                                format!("unknown pledge '{n}' (no_backdoors, no_cii_attacks, no_data_theft)"),
                            ),
                        }
                    }
                }
                None => bits = pledge::ALL,
            }
            InjectEvent::Pledge { actor: actor?, pledges: bits }
        }
        "shock" => {
            let target = need_state(b, "target");
            let variable = match t.get("variable") {
                Some(x) => b.string(&x.node, "inject.variable").and_then(|v| {
                    if StateParams::spec(&v).is_some() {
                        Some(v)
                    } else {
                        let help = suggest(&v, StateParams::specs().into_iter().map(|s| s.path)).map_or_else(
                            || "see `cyberdip explain` for state keys".into(),
                            |s| format!("did you mean \"{s}\"?"),
                        );
                        b.err_help(x.node.loc, "inject.variable", format!("unknown state variable '{v}'"), help);
                        None
                    }
                }),
                None => {
                    b.err(t.loc, "inject.variable", "a shock needs `variable` (e.g. \"satellite\")");
                    None
                }
            };
            let value = match (t.get("value"), variable.as_deref().and_then(StateParams::spec)) {
                (Some(x), Some(spec)) => b.spec_value(&x.node, "inject.value", spec),
                (None, _) => {
                    b.err(t.loc, "inject.value", "a shock needs `value`");
                    None
                }
                _ => None,
            };
            InjectEvent::Shock { target: target?, variable: variable?, value: value? }
        }
        "vendor_ban" => {
            let (actor, vendor) = (need_state(b, "actor"), need_state(b, "vendor"));
            let replacement = opt_state(b, "replacement");
            InjectEvent::VendorBan { actor: actor?, vendor: vendor?, replacement }
        }
        _ => return None,
    };
    if b.errs.len() > errs_before {
        return None;
    }
    Some(Inject { tick: tick?, event, note })
}

fn exercise_block(b: &mut B, e: &Entry) -> Option<Exercise> {
    let t = b.table(e, "exercise")?;
    let mut ex = Exercise::default();
    for x in &t.entries {
        let key = format!("exercise.{}", x.key);
        match x.key.as_str() {
            "title" => ex.title = b.string(&x.node, &key).unwrap_or_default(),
            "briefing" => ex.briefing = b.string(&x.node, &key).unwrap_or_default(),
            "teacher_notes" => ex.teacher_notes = b.string(&x.node, &key).unwrap_or_default(),
            "goals" => ex.goals = b.strings(&x.node, &key).into_iter().map(|s| s.0).collect(),
            "questions" => ex.questions = b.strings(&x.node, &key).into_iter().map(|s| s.0).collect(),
            "choice" => {
                for c in b.tables(x, "exercise.choice") {
                    let mut ch = Choice { name: String::new(), description: String::new(), set: Vec::new() };
                    for y in &c.entries {
                        let k = format!("exercise.choice.{}", y.key);
                        match y.key.as_str() {
                            "name" => ch.name = b.string(&y.node, &k).unwrap_or_default(),
                            "description" => ch.description = b.string(&y.node, &k).unwrap_or_default(),
                            "set" => ch.set = b.strings(&y.node, &k).into_iter().map(|s| s.0).collect(),
                            _ => b.unknown(
                                y,
                                &k,
                                ["exercise.choice.name", "exercise.choice.description", "exercise.choice.set"],
                                "[[exercise.choice]]",
                            ),
                        }
                    }
                    if ch.name.is_empty() {
                        b.err(c.loc, "exercise.choice.name", "an [[exercise.choice]] needs a `name`");
                    }
                    ex.choices.push(ch);
                }
            }
            _ => b.unknown(
                x,
                &key,
                [
                    "exercise.title",
                    "exercise.briefing",
                    "exercise.goals",
                    "exercise.choice",
                    "exercise.questions",
                    "exercise.teacher_notes",
                ],
                "[exercise]",
            ),
        }
    }
    Some(ex)
}

/// FNV-1a 64 over every input text with its name: a stable fingerprint of what was read.
pub(crate) fn digest(src: &Sources) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (name, text) in src.iter() {
        for byte in name.bytes().chain([0]).chain(text.bytes()).chain([0]) {
            h ^= u64::from(byte);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}
