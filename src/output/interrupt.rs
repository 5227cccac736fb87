//! Ctrl-C (SIGINT), SIGTERM and SIGHUP: stop within a second, remove every temporary file
//! and folder of the process, say what was kept, exit with code 130.
//!
//! Files being written register here ([`track`]); commands say what an interruption keeps
//! ([`note`]). The handler runs on its own thread: it takes the registry lock — which a
//! folder's final renames hold ([`critical`]), so an interruption never splits them —
//! removes what is tracked, prints the notes and ends the process. Nothing waits for the
//! computing threads, so the stop is immediate however long a run takes.

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// Exit code after an interruption (128 + SIGINT, as shells report Ctrl-C).
pub const EXIT_CODE: i32 = 130;

type NoteFn = Box<dyn Fn() -> String + Send>;

#[derive(Default)]
struct Registry {
    /// Temporary files and folders, by id.
    temps: Vec<(u64, PathBuf)>,
    /// What an interruption keeps, by id.
    notes: Vec<(u64, NoteFn)>,
}

static REGISTRY: Mutex<Option<Registry>> = Mutex::new(None);
static NEXT: AtomicU64 = AtomicU64::new(1);
static REQUESTED: AtomicBool = AtomicBool::new(false);

fn with<T>(f: impl FnOnce(&mut Registry) -> T) -> T {
    let mut g = REGISTRY.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    f(g.get_or_insert_with(Registry::default))
}

/// Install the handler (once, from `main`). Errors are ignored: without a handler the
/// default action of the signal applies, and the next run removes the leftovers.
pub fn install() {
    let _ = ctrlc::set_handler(on_signal);
}

/// True once an interruption has been requested (the handler is ending the process).
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}

fn on_signal() {
    REQUESTED.store(true, Ordering::SeqCst);
    let notes = with(|r| {
        for (_, p) in r.temps.drain(..) {
            if p.is_dir() {
                let _ = std::fs::remove_dir_all(&p);
            } else {
                let _ = std::fs::remove_file(&p);
            }
        }
        r.notes.iter().map(|(_, f)| f()).filter(|s| !s.is_empty()).collect::<Vec<String>>()
        // the lock is released here, but `exit` below runs before anyone else commits:
        // `critical` checks `requested` after taking the lock
    });
    let mut msg = String::from("\ninterrupted: stopped and removed the unfinished files\n");
    for n in notes {
        msg.push_str(&format!("  {n}\n"));
    }
    eprint!("{msg}");
    std::process::exit(EXIT_CODE);
}

/// Removes a tracked path from the registry when dropped (the path itself is left alone).
#[must_use = "the path is tracked only while the guard lives"]
pub struct Tracked(u64);

impl Drop for Tracked {
    fn drop(&mut self) {
        let id = self.0;
        with(|r| r.temps.retain(|(i, _)| *i != id));
    }
}

/// Remove `path` (a file or a folder) if the process is interrupted while the guard lives.
pub fn track(path: PathBuf) -> Tracked {
    let id = NEXT.fetch_add(1, Ordering::Relaxed);
    with(|r| r.temps.push((id, path)));
    Tracked(id)
}

/// Forgets a note when dropped.
#[must_use = "the note is shown only while the guard lives"]
pub struct Note(u64);

impl Drop for Note {
    fn drop(&mut self) {
        let id = self.0;
        with(|r| r.notes.retain(|(i, _)| *i != id));
    }
}

/// Say, if the process is interrupted while the guard lives, what was kept (`f` is called
/// by the handler, so it can report progress made meanwhile).
pub fn note(f: impl Fn() -> String + Send + 'static) -> Note {
    let id = NEXT.fetch_add(1, Ordering::Relaxed);
    with(|r| r.notes.push((id, Box::new(f))));
    Note(id)
}

/// Run `f` with the registry locked: an interruption arriving meanwhile waits until `f` is
/// done (for the few renames that replace an output folder's files). `f` must not call
/// [`track`], [`note`] or drop their guards. Does not run `f` once an interruption has begun.
pub fn critical<T>(f: impl FnOnce() -> T) -> Option<T> {
    let _g = REGISTRY.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if requested() {
        return None;
    }
    Some(f())
}
