//! The parameter registry: every number the model reads, with its range, unit and source.
//!
//! Mechanism files declare their own parameter group with [`param_group!`]; the group's
//! struct is what the mechanism reads (`p.attacks.base_rate`), and its spec table is what
//! `--set`, sweeps, `cyberdip explain` and docs/MODEL.md read. One name everywhere: the TOML
//! key under `[parameters]`, the `--set parameters.<path>` path, the sweep path and the doc.
//! [`param_set!`] composes groups into a larger [`Group`] (all of a state's keys, say).
//!
//! This module owns the registry types and lookups; it knows nothing of files or errors.

use std::fmt::Debug;

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

    /// True when the seeds do not give this number (the source says "assumption").
    pub fn is_assumption(&self) -> bool {
        self.source.contains("assumption")
    }
}

/// A set of named numbers with specs: a [`param_group!`] struct or a [`param_set!`] of them.
/// Paths are full (`attack.base_rate`, `strategy.regional.alliances`).
pub trait Group: Clone + Debug + Default + PartialEq + Send + Sync + 'static {
    /// Calls `f` with every spec, in declaration order.
    fn each_spec(f: &mut dyn FnMut(&'static Spec));
    /// The value at a full path.
    fn get(&self, path: &str) -> Option<f64>;
    /// A mutable reference to the value at a full path.
    fn get_mut(&mut self, path: &str) -> Option<&mut f64>;

    /// Every spec, in declaration order.
    fn specs() -> Vec<&'static Spec> {
        let mut v = Vec::new();
        Self::each_spec(&mut |s| v.push(s));
        v
    }

    /// The spec at a full path, if any.
    fn spec(path: &str) -> Option<&'static Spec> {
        let mut found = None;
        Self::each_spec(&mut |s| {
            if found.is_none() && s.path == path {
                found = Some(s);
            }
        });
        found
    }
}

/// Declares a parameter group: a struct of `f64` fields with defaults, and its spec table.
///
/// ```ignore
/// param_group! {
///     /// Cyber operations.
///     pub struct AttackParams in "attack." {
///         #[doc = "Monthly chance of an operation per unit of motive."]
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
            pub const SPECS: &'static [$crate::core::params::Spec] = &[
                $( $crate::core::params::Spec {
                    path: concat!($prefix, stringify!($field)),
                    default: $default as f64,
                    min: $min as f64,
                    max: $max as f64,
                    kind: $crate::core::params::Kind::$kind,
                    unit: $unit,
                    source: $source,
                    doc: $doc,
                }, )*
            ];

            /// The value of field number `k`, in declaration order.
            pub fn nth(&self, k: usize) -> Option<f64> {
                let fields: &[f64] = &[$( self.$field ),*];
                fields.get(k).copied()
            }
        }
        impl $crate::core::params::Group for $name {
            fn each_spec(f: &mut dyn FnMut(&'static $crate::core::params::Spec)) {
                Self::SPECS.iter().for_each(|s| f(s));
            }
            #[allow(unused_variables)]
            fn get(&self, path: &str) -> Option<f64> {
                match path.strip_prefix($prefix)? { $( stringify!($field) => Some(self.$field), )* _ => None }
            }
            #[allow(unused_variables)]
            fn get_mut(&mut self, path: &str) -> Option<&mut f64> {
                match path.strip_prefix($prefix)? { $( stringify!($field) => Some(&mut self.$field), )* _ => None }
            }
        }
    };
}

/// Declares a struct made of [`Group`]s, itself a [`Group`] with lookups by full path.
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
        impl $crate::core::params::Group for $name {
            fn each_spec(f: &mut dyn FnMut(&'static $crate::core::params::Spec)) {
                $( <$ty as $crate::core::params::Group>::each_spec(f); )*
            }
            fn get(&self, path: &str) -> Option<f64> {
                None $( .or_else(|| self.$field.get(path)) )*
            }
            fn get_mut(&mut self, path: &str) -> Option<&mut f64> {
                $( if self.$field.get(path).is_some() { return self.$field.get_mut(path); } )*
                None
            }
        }
    };
}

param_group! {
    /// An empty group, for a mechanism without parameters or state keys of its own.
    pub struct Nothing in "" {}
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

    param_group! {
        /// A test group.
        pub struct Demo in "demo." {
            #[doc = "a"]
            a: Real = 0.5, [0.0, 1.0], "u", "assumption";
            #[doc = "n"]
            n: Int = 3, [1, 9], "u", "001 Table 4 #1";
        }
    }

    param_group! {
        /// Another.
        pub struct Other in "" {
            #[doc = "x"]
            x: Real = 0.1, [0.0, 1.0], "u", "assumption";
        }
    }

    param_set! {
        /// Both.
        pub struct Both {
            #[doc = "demo"]
            demo: Demo,
            #[doc = "other"]
            other: Other,
            #[doc = "nothing"]
            none: Nothing,
        }
    }

    #[test]
    fn groups_and_sets_resolve_full_paths() {
        let mut b = Both::default();
        assert_eq!(b.get("demo.a"), Some(0.5));
        assert_eq!(b.get("x"), Some(0.1));
        assert_eq!(b.get("demo.x"), None);
        assert_eq!(b.get("a"), None);
        *b.get_mut("demo.n").unwrap() = 4.0;
        assert_eq!(b.demo.n, 4.0);
        let paths: Vec<&str> = Both::specs().iter().map(|s| s.path).collect();
        assert_eq!(paths, ["demo.a", "demo.n", "x"]);
        assert!(Both::spec("demo.n").unwrap().accepts(4.0));
        assert!(!Both::spec("demo.n").unwrap().accepts(4.5));
        assert!(Both::spec("demo.a").unwrap().is_assumption());
        assert!(!Both::spec("demo.n").unwrap().is_assumption());
        assert_eq!((Demo::default().nth(1), Demo::default().nth(2)), (Some(3.0), None));
        assert_eq!(Other::default().nth(0), Some(0.1));
    }

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
