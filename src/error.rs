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
#[derive(Clone, Debug, Default)]
pub struct Sources {
    files: Vec<(String, String)>,
}

impl Sources {
    /// Register a text under a display name; returns its index.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> u32 {
        self.files.push((name.into(), text.into()));
        (self.files.len() - 1) as u32
    }

    /// Display name of file `i`.
    pub fn name(&self, i: u32) -> &str {
        self.files.get(i as usize).map_or("<input>", |f| f.0.as_str())
    }

    /// Text of file `i`.
    pub fn text(&self, i: u32) -> &str {
        self.files.get(i as usize).map_or("", |f| f.1.as_str())
    }

    /// All (name, text) pairs in reading order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().map(|(n, t)| (n.as_str(), t.as_str()))
    }

    /// 1-based line and column (in characters) of a byte offset in file `i`.
    pub fn line_col(&self, i: u32, offset: u32) -> (usize, usize) {
        let text = self.text(i);
        let offset = (offset as usize).min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }

    /// Build an error at `loc`.
    pub fn error(&self, loc: Loc, key: Option<&str>, message: impl Into<String>) -> InputError {
        let (line, col) = self.line_col(loc.file, loc.start);
        let text = self.text(loc.file);
        let snippet = text.lines().nth(line - 1).map(str::to_string);
        let width = {
            let s = floor_char_boundary(text, loc.start as usize);
            let e = floor_char_boundary(text, (loc.end as usize).max(loc.start as usize));
            text[s..e].lines().next().map_or(1, |l| l.chars().count().max(1))
        };
        InputError {
            file: self.name(loc.file).to_string(),
            line: Some(line),
            col: Some(col),
            width,
            key: key.map(str::to_string),
            message: message.into(),
            help: None,
            snippet,
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

/// The cause of a run failure, kept so the chain can be printed and inspected.
pub type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Everything that can go wrong.
#[derive(Debug)]
pub enum Error {
    /// Bad input: scenario, sweep file or command-line value (exit code 2).
    Input(Vec<InputError>),
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
        Error::Input(vec![e])
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
                for e in errs {
                    write!(f, "{e}")?;
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
