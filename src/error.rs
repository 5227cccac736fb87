//! Errors: bad input (exit 2) with file, line, column, key and a suggestion; failures
//! while running (exit 1). The library returns these; only `main` prints and exits.

use std::fmt;

/// A place in an input: a file (or `--set` argument) and a byte span in it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Loc {
    /// Index into [`Sources`].
    pub file: u32,
    /// Byte offset of the start.
    pub start: u32,
    /// Byte offset of the end.
    pub end: u32,
}

/// The texts of every input read, so errors can show line, column and the line itself.
///
/// Each text is indexed once when it is added (where its lines start, and how many
/// characters precede every 64-byte block), so locating an error costs O(log n) whatever
/// the file size and however many errors it has.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

#[derive(Clone, Debug)]
struct SourceFile {
    name: String,
    /// A file (not a `--set` or other override text).
    is_file: bool,
    text: String,
    /// Byte offset of the start of every line.
    line_starts: Vec<u32>,
    /// Characters before byte `64·k`, for every k (only for non-ASCII texts).
    chars_before_block: Option<Vec<u32>>,
}

/// Bytes per block of the character index.
const BLOCK: usize = 64;

impl SourceFile {
    fn new(name: String, text: String, is_file: bool) -> SourceFile {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0u32];
        line_starts.extend(bytes.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| (i + 1) as u32));
        let chars_before_block = (!text.is_ascii()).then(|| {
            let mut acc = 0u32;
            let mut v = Vec::with_capacity(bytes.len() / BLOCK + 1);
            for block in bytes.chunks(BLOCK) {
                v.push(acc);
                acc += block.iter().filter(|b| !is_continuation(**b)).count() as u32;
            }
            v.push(acc);
            v
        });
        SourceFile { name, is_file, text, line_starts, chars_before_block }
    }

    /// Characters in `text[..offset]` (offset on a char boundary).
    fn chars_before(&self, offset: usize) -> usize {
        match &self.chars_before_block {
            None => offset,
            Some(index) => {
                let k = offset / BLOCK;
                let head = index.get(k).copied().unwrap_or(0) as usize;
                let tail = &self.text.as_bytes()[k * BLOCK..offset];
                head + tail.iter().filter(|b| !is_continuation(**b)).count()
            }
        }
    }

    /// 0-based line index of a byte offset.
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s as usize <= offset).saturating_sub(1)
    }

    /// The text of 0-based line `line`, without its line ending.
    fn line_text(&self, line: usize) -> &str {
        let start = self.line_starts.get(line).map_or(self.text.len(), |&s| s as usize);
        let end = self.line_starts.get(line + 1).map_or(self.text.len(), |&s| s as usize);
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

impl Sources {
    /// Register the text of a file under a display name; returns its index.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> u32 {
        self.files.push(SourceFile::new(name.into(), text.into(), true));
        (self.files.len() - 1) as u32
    }

    /// Register an override (`--set` text, a sweep point, an exercise choice); returns its index.
    pub fn add_override(&mut self, name: impl Into<String>, text: impl Into<String>) -> u32 {
        self.files.push(SourceFile::new(name.into(), text.into(), false));
        (self.files.len() - 1) as u32
    }

    /// Names of the inputs as a manifest lists them: files base first (a file is read
    /// before the file it extends, so this reverses the reading order), then overrides
    /// in the order applied.
    pub fn input_names(&self) -> Vec<String> {
        let files = self.files.iter().rev().filter(|f| f.is_file);
        files.chain(self.files.iter().filter(|f| !f.is_file)).map(|f| f.name.clone()).collect()
    }

    /// Display name of file `i`.
    pub fn name(&self, i: u32) -> &str {
        self.files.get(i as usize).map_or("<input>", |f| f.name.as_str())
    }

    /// Text of file `i`.
    pub fn text(&self, i: u32) -> &str {
        self.files.get(i as usize).map_or("", |f| f.text.as_str())
    }

    /// All (name, text) pairs in reading order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().map(|f| (f.name.as_str(), f.text.as_str()))
    }

    /// 1-based line and column (in characters) of a byte offset in file `i`: a binary
    /// search in the line index, no scan of the text.
    pub fn line_col(&self, i: u32, offset: u32) -> (usize, usize) {
        let Some(f) = self.files.get(i as usize) else { return (1, 1) };
        let offset = floor_char_boundary(&f.text, offset as usize);
        let line = f.line_of(offset);
        let start = f.line_starts[line] as usize;
        (line + 1, f.chars_before(offset) - f.chars_before(start) + 1)
    }

    /// Build an error at `loc`.
    pub fn error(&self, loc: Loc, key: Option<&str>, message: impl Into<String>) -> InputError {
        let (line, col) = self.line_col(loc.file, loc.start);
        let snippet = self.files.get(loc.file as usize).map(|f| f.line_text(line - 1));
        let text = self.text(loc.file);
        let width = {
            let s = floor_char_boundary(text, loc.start as usize);
            let e = floor_char_boundary(text, (loc.end as usize).max(loc.start as usize));
            text[s..e].split('\n').next().map_or(1, |l| l.chars().count().max(1))
        };
        InputError {
            file: self.name(loc.file).to_string(),
            line: Some(line),
            col: Some(col),
            width,
            key: key.map(str::to_string),
            message: message.into(),
            help: None,
            snippet: snippet.map(str::to_string),
        }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One problem with an input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// File (or `--set` argument) it is in.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub col: Option<usize>,
    /// Width of the underline.
    pub width: usize,
    /// The key concerned, when there is one.
    pub key: Option<String>,
    /// What is wrong and what was expected.
    pub message: String,
    /// A suggestion.
    pub help: Option<String>,
    /// The offending line.
    pub snippet: Option<String>,
}

impl InputError {
    /// An error about a whole file (no position).
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> InputError {
        InputError {
            file: file.into(),
            line: None,
            col: None,
            width: 1,
            key: None,
            message: message.into(),
            help: None,
            snippet: None,
        }
    }

    /// Add a suggestion.
    pub fn help(mut self, help: impl Into<String>) -> InputError {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: ")?;
        if let Some(k) = &self.key {
            write!(f, "`{k}`: ")?;
        }
        writeln!(f, "{}", self.message)?;
        match (self.line, self.col) {
            (Some(l), Some(c)) => writeln!(f, "  --> {}:{l}:{c}", self.file)?,
            _ => writeln!(f, "  --> {}", self.file)?,
        }
        if let (Some(s), Some(l), Some(c)) = (&self.snippet, self.line, self.col) {
            let gutter = l.to_string().len();
            writeln!(f, "{:gutter$} |", "")?;
            writeln!(f, "{l} | {s}")?;
            writeln!(f, "{:gutter$} | {}{}", "", " ".repeat(c - 1), "^".repeat(self.width))?;
        }
        if let Some(h) = &self.help {
            writeln!(f, "  = help: {h}")?;
        }
        Ok(())
    }
}

/// Most errors of one command shown in full; beyond it they are only counted ("and K
/// more"), and no work is spent on their place or suggestion.
pub const MAX_ERRORS: usize = 20;

/// The input errors of one command: the first [`MAX_ERRORS`] in full, then a count.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InputErrors {
    list: Vec<InputError>,
    more: usize,
}

impl InputErrors {
    /// True when further errors are only counted: check before building an expensive one.
    pub fn is_full(&self) -> bool {
        self.list.len() >= MAX_ERRORS
    }

    /// Add an error (counted only, once [`MAX_ERRORS`] are kept).
    pub fn push(&mut self, e: InputError) {
        if self.is_full() { self.more += 1 } else { self.list.push(e) }
    }

    /// Count an error without building it (call when [`InputErrors::is_full`]).
    pub fn count_one(&mut self) {
        self.more += 1;
    }

    /// Add every error of `other`.
    pub fn append(&mut self, other: InputErrors) {
        for e in other.list {
            self.push(e);
        }
        self.more += other.more;
    }

    /// No errors at all.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty() && self.more == 0
    }

    /// Number of errors, shown or not.
    pub fn len(&self) -> usize {
        self.list.len() + self.more
    }

    /// The errors kept in full.
    pub fn shown(&self) -> &[InputError] {
        &self.list
    }

    /// Errors counted but not kept.
    pub fn more(&self) -> usize {
        self.more
    }
}

impl From<Vec<InputError>> for InputErrors {
    fn from(v: Vec<InputError>) -> InputErrors {
        let mut out = InputErrors::default();
        for e in v {
            out.push(e);
        }
        out
    }
}

impl From<InputError> for InputErrors {
    fn from(e: InputError) -> InputErrors {
        InputErrors { list: vec![e], more: 0 }
    }
}

/// The cause of a run failure, kept so the chain can be printed and inspected.
pub type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Everything that can go wrong.
#[derive(Debug)]
pub enum Error {
    /// Bad input: scenario, sweep file or command-line value (exit code 2).
    Input(InputErrors),
    /// A failure while running or writing results (exit code 1): what was being done, and
    /// the error that stopped it, if any.
    Run {
        /// What was being done ("cannot write out/runs.csv").
        context: String,
        /// The underlying error.
        source: Option<Cause>,
    },
}

impl Error {
    /// The process exit code for this error: 0 when the output was closed by the reader
    /// (a broken pipe: `cyberdip explain ... | head` ends quietly, as other Unix tools do),
    /// 2 for bad input, 1 for any other failure.
    pub fn exit_code(&self) -> i32 {
        match self {
            _ if self.is_broken_pipe() => 0,
            Error::Input(_) => 2,
            Error::Run { .. } => 1,
        }
    }

    /// A single input error.
    pub fn input(e: InputError) -> Error {
        Error::Input(e.into())
    }

    /// A run failure with context and its cause.
    pub fn run(context: impl fmt::Display, err: impl Into<Cause>) -> Error {
        Error::Run { context: context.to_string(), source: Some(err.into()) }
    }

    /// A run failure with no underlying error.
    pub fn failed(context: impl fmt::Display) -> Error {
        Error::Run { context: context.to_string(), source: None }
    }

    /// True if some error in the chain is an I/O error of kind `BrokenPipe`.
    pub fn is_broken_pipe(&self) -> bool {
        let mut cur: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(self);
        while let Some(e) = cur {
            if e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) {
                return true;
            }
            cur = e.source();
        }
        false
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input(errs) => {
                for e in errs.shown() {
                    write!(f, "{e}")?;
                }
                if errs.more() > 0 {
                    writeln!(f, "... and {} more (only the first {MAX_ERRORS} are shown)", errs.more())?;
                }
                if errs.len() > 1 {
                    writeln!(f, "{} errors", errs.len())?;
                }
                Ok(())
            }
            Error::Run { context, source } => {
                write!(f, "error: {context}")?;
                let mut cur: Option<&(dyn std::error::Error + 'static)> = source.as_deref().map(|e| e as _);
                while let Some(e) = cur {
                    write!(f, ": {e}")?;
                    cur = e.source();
                }
                writeln!(f)
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Run { source: Some(e), .. } => Some(e.as_ref()),
            _ => None,
        }
    }
}

/// Result with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// Write `text` to standard output. A closed pipe comes back as an error whose
/// [`Error::exit_code`] is 0, so the program stops writing and ends quietly.
pub fn print_out(text: &str) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| Error::run("cannot write to standard output", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based_and_count_characters() {
        let mut s = Sources::default();
        let f = s.add("a.toml", "x = 1\nnamé = 2\nyy = 3\n");
        assert_eq!(s.line_col(f, 0), (1, 1));
        let at = "x = 1\nnamé = 2\n".len() as u32;
        assert_eq!(s.line_col(f, at), (3, 1));
        let e = s.error(Loc { file: f, start: at, end: at + 2 }, Some("yy"), "bad");
        let shown = e.to_string();
        assert!(shown.contains("a.toml:3:1"), "{shown}");
        assert!(shown.contains("yy = 3"), "{shown}");
        assert!(shown.contains("^^"), "{shown}");
    }

    /// The indexed line and column agree with a scan from the start of the text.
    #[test]
    fn indexed_positions_match_a_scan_from_the_start() {
        use proptest::prelude::*;
        let naive = |text: &str, offset: usize| {
            let before = &text[..floor_char_boundary(text, offset)];
            (before.matches('\n').count() + 1, before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1)
        };
        let chars = prop_oneof![Just('a'), Just('\n'), Just('é'), Just('€'), Just('\u{1F600}'), Just(' ')];
        let text = proptest::collection::vec(chars, 0..400).prop_map(|v| v.into_iter().collect::<String>());
        proptest!(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() }, |(t in text, at in 0usize..2000)| {
            let mut s = Sources::default();
            let f = s.add("t", t.clone());
            let offset = at % (t.len() + 1);
            prop_assert_eq!(s.line_col(f, offset as u32), naive(&t, offset));
        });
    }

    #[test]
    fn errors_beyond_the_limit_are_counted_not_kept() {
        let mut errs = InputErrors::default();
        for i in 0..25 {
            errs.push(InputError::file("f", format!("e{i}")));
        }
        assert_eq!((errs.shown().len(), errs.more(), errs.len()), (MAX_ERRORS, 5, 25));
        let text = Error::Input(errs).to_string();
        assert!(text.contains("and 5 more") && text.contains("25 errors"), "{text}");
    }

    #[test]
    fn run_errors_keep_their_cause_and_a_broken_pipe_exits_quietly() {
        let io = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied");
        let e = Error::run("cannot write out/runs.csv", io);
        assert_eq!(e.to_string(), "error: cannot write out/runs.csv: denied\n");
        let cause = std::error::Error::source(&e).unwrap().downcast_ref::<std::io::Error>().unwrap();
        assert_eq!(cause.kind(), std::io::ErrorKind::PermissionDenied);
        assert_eq!(e.exit_code(), 1);
        let pipe = Error::run("cannot write to standard output", std::io::Error::from(std::io::ErrorKind::BrokenPipe));
        assert!(pipe.is_broken_pipe());
        assert_eq!(pipe.exit_code(), 0);
        assert_eq!(Error::failed("x").exit_code(), 1);
        assert_eq!(Error::input(InputError::file("f", "bad")).exit_code(), 2);
    }
}
