//! Reading scenario text into a located tree, and layering files: `extends` chains and
//! `--set` overrides become one merged tree in which every key and value still knows the
//! file, line and column it came from.
//!
//! Merge rules: tables merge key by key; `[[state]]`, `[[alliance]]`, `[[sanction]]` and
//! `[[relation]]` entries merge with the base entry of the same `id`, `name`, `id` and
//! `between` pair; `[[inject]]` entries are appended; anything else is replaced.

use crate::error::{InputError, Loc, Sources};
use toml::de::{DeTable, DeValue};

/// A value with its location.
#[derive(Clone, Debug)]
pub struct Node {
    /// The value.
    pub val: Val,
    /// Where the value is written.
    pub loc: Loc,
}

/// TOML values, owned.
#[derive(Clone, Debug)]
pub enum Val {
    /// A string.
    Str(String),
    /// An integer.
    Int(i64),
    /// An integer above `i64::MAX` (TOML stops at 2^63 - 1; seeds may use all of u64).
    UInt(u64),
    /// A float.
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// A date or time (never valid in a scenario).
    Datetime,
    /// An array.
    Array(Vec<Node>),
    /// A table.
    Table(Table),
}

impl Val {
    /// The TOML type name, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Val::Str(_) => "a string",
            Val::Int(_) | Val::UInt(_) => "an integer",
            Val::Float(_) => "a float",
            Val::Bool(_) => "a boolean",
            Val::Datetime => "a date-time",
            Val::Array(_) => "an array",
            Val::Table(_) => "a table",
        }
    }
}

/// A key with its location and value.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Key text (one segment).
    pub key: String,
    /// Where the key is written.
    pub key_loc: Loc,
    /// Its value.
    pub node: Node,
}

/// A table: entries in file order.
#[derive(Clone, Debug, Default)]
pub struct Table {
    /// Entries in the order written.
    pub entries: Vec<Entry>,
    /// Where the table starts (header or first key).
    pub loc: Loc,
}

impl Table {
    /// The entry for `key`.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    fn get_mut(&mut self, key: &str) -> Option<&mut Entry> {
        self.entries.iter_mut().find(|e| e.key == key)
    }

    /// The string value of `key`, if it is a string.
    pub fn str(&self, key: &str) -> Option<&str> {
        match &self.get(key)?.node.val {
            Val::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// Parse `text` (registered in `sources` under `name`) into a located table.
#[allow(clippy::result_large_err)] // cold path: one error per failed file
pub fn parse(sources: &mut Sources, name: &str, bytes: &[u8]) -> Result<Table, InputError> {
    if bytes.contains(&0) {
        return Err(InputError::file(name, "this is a binary file, not a TOML scenario")
            .help("scenario files are UTF-8 text; see scenarios/baseline.toml"));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        InputError::file(name, format!("not UTF-8 text (invalid byte at offset {})", e.valid_up_to()))
            .help("scenario files are UTF-8 text; see scenarios/baseline.toml")
    })?;
    let file = sources.add(name, text);
    let parsed = DeTable::parse(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let loc = Loc { file, start: span.start as u32, end: span.end.max(span.start + 1) as u32 };
        sources.error(loc, None, format!("invalid TOML: {}", e.message().trim()))
    })?;
    let span = parsed.span();
    Ok(table(file, parsed.get_ref(), loc(file, span)))
}

/// Parse a single value (for `--set`), registered as its own source text.
pub fn parse_value(file: u32, text: &str, offset: usize) -> Option<Node> {
    let v = DeValue::parse(text).ok()?;
    let span = v.span();
    let l = Loc { file, start: (offset + span.start) as u32, end: (offset + span.end) as u32 };
    Some(node(file, v.get_ref(), l, offset))
}

fn loc(file: u32, span: std::ops::Range<usize>) -> Loc {
    Loc { file, start: span.start as u32, end: span.end as u32 }
}

fn table(file: u32, t: &DeTable<'_>, at: Loc) -> Table {
    let entries = t
        .iter()
        .map(|(k, v)| Entry {
            key: k.get_ref().to_string(),
            key_loc: loc(file, k.span()),
            node: node(file, v.get_ref(), loc(file, v.span()), 0),
        })
        .collect();
    Table { entries, loc: at }
}

fn node(file: u32, v: &DeValue<'_>, at: Loc, offset: usize) -> Node {
    let shift =
        |s: std::ops::Range<usize>| Loc { file, start: (s.start + offset) as u32, end: (s.end + offset) as u32 };
    let val = match v {
        DeValue::String(s) => Val::Str(s.to_string()),
        DeValue::Integer(i) => {
            let digits: String = i.as_str().chars().filter(|c| *c != '_').collect();
            match (i64::from_str_radix(&digits, i.radix()), u64::from_str_radix(&digits, i.radix())) {
                (Ok(n), _) => Val::Int(n),
                (_, Ok(n)) => Val::UInt(n),
                _ => Val::Float(f64::INFINITY),
            }
        }
        DeValue::Float(f) => Val::Float(f.as_str().replace('_', "").parse().unwrap_or(f64::NAN)),
        DeValue::Boolean(b) => Val::Bool(*b),
        DeValue::Datetime(_) => Val::Datetime,
        DeValue::Array(a) => Val::Array(a.iter().map(|x| node(file, x.get_ref(), shift(x.span()), offset)).collect()),
        DeValue::Table(t) => {
            let entries = t
                .iter()
                .map(|(k, x)| Entry {
                    key: k.get_ref().to_string(),
                    key_loc: shift(k.span()),
                    node: node(file, x.get_ref(), shift(x.span()), offset),
                })
                .collect();
            Val::Table(Table { entries, loc: at })
        }
    };
    Node { val, loc: at }
}

/// The identity key of entries of a top-level array of tables.
fn identity(array_key: &str) -> Option<&'static str> {
    match array_key {
        "state" => Some("id"),
        "alliance" => Some("name"),
        "sanction" => Some("id"),
        "relation" => Some("between"),
        _ => None,
    }
}

/// A comparable identity for an array entry (`between` pairs are unordered).
fn identity_of(t: &Table, id_key: &str) -> Option<String> {
    match &t.get(id_key)?.node.val {
        Val::Str(s) => Some(s.clone()),
        Val::Array(items) => {
            let mut v: Vec<String> = items
                .iter()
                .map(|n| match &n.val {
                    Val::Str(s) => s.clone(),
                    _ => String::new(),
                })
                .collect();
            v.sort();
            Some(v.join("\u{1f}"))
        }
        _ => None,
    }
}

/// Layer `top` over `base` (top-level scenario tables).
pub fn overlay(base: &mut Table, top: Table) {
    for e in top.entries {
        let Some(b) = base.get_mut(&e.key) else {
            base.entries.push(e);
            continue;
        };
        match (&mut b.node.val, e.node.val) {
            (Val::Table(bt), Val::Table(tt)) => merge_tables(bt, tt),
            (Val::Array(ba), Val::Array(ta)) if e.key == "inject" => ba.extend(ta),
            (Val::Array(ba), Val::Array(ta)) if identity(&e.key).is_some() => {
                let id = identity(&e.key).unwrap_or("id");
                for item in ta {
                    merge_item(ba, item, id);
                }
            }
            (_, v) => {
                b.node = Node { val: v, loc: e.node.loc };
                b.key_loc = e.key_loc;
            }
        }
    }
}

fn merge_item(base: &mut Vec<Node>, item: Node, id: &str) {
    let key = match &item.val {
        Val::Table(t) => identity_of(t, id),
        _ => None,
    };
    let found = key.as_ref().and_then(|k| {
        base.iter_mut().find(|b| matches!(&b.val, Val::Table(bt) if identity_of(bt, id).as_ref() == Some(k)))
    });
    match (found, item.val) {
        (Some(Node { val: Val::Table(bt), .. }), Val::Table(it)) => merge_tables(bt, it),
        (_, val) => base.push(Node { val, loc: item.loc }),
    }
}

fn merge_tables(base: &mut Table, top: Table) {
    for e in top.entries {
        match base.get_mut(&e.key) {
            None => base.entries.push(e),
            Some(b) => match (&mut b.node.val, e.node.val) {
                (Val::Table(bt), Val::Table(tt)) => merge_tables(bt, tt),
                (_, v) => {
                    b.node = Node { val: v, loc: e.node.loc };
                    b.key_loc = e.key_loc;
                }
            },
        }
    }
}

/// Flatten nested tables into dotted paths (leaves only), in file order.
pub fn flatten<'a>(t: &'a Table, prefix: &str, out: &mut Vec<(String, &'a Entry)>) {
    for e in &t.entries {
        let path = if prefix.is_empty() { e.key.clone() } else { format!("{prefix}.{}", e.key) };
        match &e.node.val {
            Val::Table(inner) => flatten(inner, &path, out),
            _ => out.push((path, e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &mut Sources, text: &str) -> Table {
        parse(s, "t.toml", text.as_bytes()).unwrap()
    }

    #[test]
    fn overlay_merges_states_by_id_and_appends_injects() {
        let mut s = Sources::default();
        let mut base = p(&mut s, "[[state]]\nid='A'\nx=1\n[[state]]\nid='B'\n[[inject]]\ntick=1\n");
        let top = p(&mut s, "[[state]]\nid='A'\nx=2\ny=3\n[[state]]\nid='C'\n[[inject]]\ntick=2\n");
        overlay(&mut base, top);
        let Val::Array(states) = &base.get("state").unwrap().node.val else { panic!() };
        assert_eq!(states.len(), 3);
        let Val::Table(a) = &states[0].val else { panic!() };
        assert!(matches!(a.get("x").unwrap().node.val, Val::Int(2)));
        assert!(a.get("y").is_some());
        let Val::Array(inj) = &base.get("inject").unwrap().node.val else { panic!() };
        assert_eq!(inj.len(), 2);
    }

    #[test]
    fn relations_merge_whatever_the_order_of_the_pair() {
        let mut s = Sources::default();
        let mut base = p(&mut s, "[[relation]]\nbetween=['A','B']\nrivalry=0.1\n");
        overlay(&mut base, p(&mut s, "[[relation]]\nbetween=['B','A']\nrivalry=0.9\n"));
        let Val::Array(r) = &base.get("relation").unwrap().node.val else { panic!() };
        assert_eq!(r.len(), 1);
    }

    #[test]
    fn binary_and_invalid_input_are_errors_with_places() {
        let mut s = Sources::default();
        assert!(parse(&mut s, "b", &[0, 1, 2]).unwrap_err().message.contains("binary"));
        let e = parse(&mut s, "bad.toml", b"a = 1\nb = = 2\n").unwrap_err();
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn dotted_keys_flatten_to_paths() {
        let mut s = Sources::default();
        let t = p(&mut s, "[parameters]\nattack.base_rate = 0.1\n[parameters.trust]\nbase = 0.5\n");
        let Val::Table(params) = &t.get("parameters").unwrap().node.val else { panic!() };
        let mut out = Vec::new();
        flatten(params, "", &mut out);
        let paths: Vec<&str> = out.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, vec!["attack.base_rate", "trust.base"]);
    }
}
