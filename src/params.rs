//! The parameter registry: every number the model reads, with its range, unit and source.
//!
//! Mechanism files declare their own parameter group with [`param_group!`]; the group's
//! struct is what the mechanism reads (`p.attack.base_rate`), and its `SPECS` table is what
//! `--set`, sweeps, `cyberdip explain` and docs/MODEL.md read. One name everywhere: the TOML
//! key under `[parameters]`, the `--set parameters.<path>` path, the sweep path and the doc.
//!
//! This module owns the registry types and lookups; it knows nothing of files or errors.

/// How a value is checked and shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A real number in `[min, max]`.
    Real,
    /// A whole number in `[min, max]` (stored as f64).
    Int,
}

/// One parameter: where it lives, what it means and where its number comes from.
#[derive(Debug)]
pub struct Spec {
    /// Dotted path relative to its table, e.g. `attack.base_rate` or `coordination`.
    pub path: &'static str,
    /// Default value (before doctrine or scenario).
    pub default: f64,
    /// Smallest allowed value.
    pub min: f64,
    /// Largest allowed value.
    pub max: f64,
    /// Real or integer.
    pub kind: Kind,
    /// Unit of the value.
    pub unit: &'static str,
    /// Seed row it implements ("001 Table 4 #7 weak internal coordination"), or
    /// "assumption: ..." when the seeds give no number.
    pub source: &'static str,
    /// One-line meaning.
    pub doc: &'static str,
}

impl Spec {
    /// Whether `v` is an allowed value.
    pub fn accepts(&self, v: f64) -> bool {
        v.is_finite() && v >= self.min && v <= self.max && (self.kind == Kind::Real || v.fract() == 0.0)
    }

    /// The allowed range in words, for error messages.
    pub fn expected(&self) -> String {
        match self.kind {
            Kind::Real => format!("a number from {} to {}", self.min, self.max),
            Kind::Int => format!("a whole number from {} to {}", self.min, self.max),
        }
    }

    /// True when the seeds do not give this number.
    pub fn is_assumption(&self) -> bool {
        self.source.starts_with("assumption")
    }
}

/// Declares a parameter group: a struct of `f64` fields with defaults, and its spec table.
///
/// ```ignore
/// param_group! {
///     /// Cyber operations.
///     pub struct AttackParams in "attack." {
///         /// Monthly chance of an operation per unit of motive.
///         base_rate: Real = 0.05, [0.0, 1.0], "per month", "assumption: ...";
///     }
/// }
/// ```
#[macro_export]
macro_rules! param_group {
    (
        $(#[$meta:meta])*
        pub struct $name:ident in $prefix:literal {
            $(
                #[doc = $doc:literal]
                $field:ident : $kind:ident = $default:expr, [$min:expr, $max:expr], $unit:literal, $source:literal;
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $name {
            $( #[doc = $doc] pub $field: f64, )*
        }
        impl Default for $name {
            fn default() -> Self {
                Self { $( $field: $default as f64, )* }
            }
        }
        impl $name {
            /// The specs of this group, in declaration order.
            pub const SPECS: &'static [$crate::params::Spec] = &[
                $( $crate::params::Spec {
                    path: concat!($prefix, stringify!($field)),
                    default: $default as f64,
                    min: $min as f64,
                    max: $max as f64,
                    kind: $crate::params::Kind::$kind,
                    unit: $unit,
                    source: $source,
                    doc: $doc,
                }, )*
            ];
            /// The value of a field by its name (without prefix).
            pub fn field(&self, name: &str) -> Option<f64> {
                match name { $( stringify!($field) => Some(self.$field), )* _ => None }
            }
            /// A mutable reference to a field by its name (without prefix).
            pub fn field_mut(&mut self, name: &str) -> Option<&mut f64> {
                match name { $( stringify!($field) => Some(&mut self.$field), )* _ => None }
            }
            /// Calls `f` with each field's spec and value, in declaration order.
            pub fn visit(&self, mut f: impl FnMut(&'static $crate::params::Spec, f64)) {
                let mut specs = Self::SPECS.iter();
                $( if let Some(s) = specs.next() { f(s, self.$field); } )*
            }
            /// Calls `f` with each field's spec and a mutable reference, in declaration order.
            pub fn visit_mut(&mut self, mut f: impl FnMut(&'static $crate::params::Spec, &mut f64)) {
                let mut specs = Self::SPECS.iter();
                $( if let Some(s) = specs.next() { f(s, &mut self.$field); } )*
            }
        }
    };
}

/// Declares a struct made of parameter groups, with lookups by full dotted path.
#[macro_export]
macro_rules! param_set {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( #[doc = $doc:literal] $field:ident : $ty:ty, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct $name {
            $( #[doc = $doc] pub $field: $ty, )*
        }
        impl $name {
            /// Every spec of every group, in declaration order.
            pub fn specs() -> impl Iterator<Item = &'static $crate::params::Spec> {
                std::iter::empty() $( .chain(<$ty>::SPECS.iter()) )*
            }
            /// The spec for a full path, if any.
            pub fn spec(path: &str) -> Option<&'static $crate::params::Spec> {
                Self::specs().find(|s| s.path == path)
            }
            /// The value at a full path.
            pub fn get(&self, path: &str) -> Option<f64> {
                $(
                    if let Some(rest) = $crate::params::strip_group(path, <$ty>::SPECS) {
                        if let Some(v) = self.$field.field(rest) { return Some(v); }
                    }
                )*
                None
            }
            /// A mutable reference to the value at a full path.
            pub fn get_mut(&mut self, path: &str) -> Option<&mut f64> {
                $(
                    if let Some(rest) = $crate::params::strip_group(path, <$ty>::SPECS) {
                        if self.$field.field(rest).is_some() { return self.$field.field_mut(rest); }
                    }
                )*
                None
            }
        }
    };
}

/// If `path` belongs to the group whose specs are given, the field name within the group.
pub fn strip_group<'a>(path: &'a str, specs: &[Spec]) -> Option<&'a str> {
    let first = specs.first()?;
    let prefix_len = first.path.len() - field_name(first.path).len();
    let (prefix, rest) = path.split_at_checked(prefix_len)?;
    (first.path.starts_with(prefix) && !rest.contains('.')).then_some(rest)
}

fn field_name(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}

/// The candidate closest to `word` by edit distance, if close enough to be a likely typo.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = edit_distance(word, c);
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    // Also accept a candidate whose last segment matches exactly (a key in the wrong table).
    let limit = (word.len() / 3).max(2);
    best.filter(|&(d, _)| d <= limit).map(|(_, c)| c)
}

/// Levenshtein distance on chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("coordinaton", "coordination"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn suggest_finds_near_key_and_rejects_far_ones() {
        let keys = ["coordination", "filtering", "defense"];
        assert_eq!(suggest("coordinaton", keys), Some("coordination"));
        assert_eq!(suggest("defence", keys), Some("defense"));
        assert_eq!(suggest("zzzzzzzzzz", keys), None);
    }
}
