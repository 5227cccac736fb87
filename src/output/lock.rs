//! One writer per folder: a lock file (`.cyberdip.lock`) held with the operating system's
//! file lock (`flock` on Unix) for as long as a command writes the folder. The file names
//! the holder — process id, host, command, start time — for the error a second writer
//! gets. The operating system releases the lock when its holder dies, however it dies, so
//! a lock left by a killed process is stale by construction and simply taken over.

use crate::error::{Error, InputError};
use crate::output::interrupt::{self, Tracked};
use crate::output::manifest::now_utc;
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Name of the lock file inside a locked folder.
pub const LOCK_FILE: &str = ".cyberdip.lock";

/// A held lock; released (and its file removed) when dropped.
pub struct Lock {
    path: PathBuf,
    file: Option<File>,
    // an interruption removes the lock file too
    _tracked: Tracked,
}

/// The host name, for the lock's holder line.
fn host() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "this host".into())
}

impl Lock {
    /// Lock `dir` (which must exist) for `command`. Another live holder is an input error
    /// (exit 2) naming it.
    pub fn acquire(dir: &Path, command: &[String]) -> Result<Lock, Error> {
        let path = dir.join(LOCK_FILE);
        let fail = |e: std::io::Error| Error::run(format!("cannot lock {}", dir.display()), e);
        loop {
            let mut file =
                OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path).map_err(fail)?;
            match try_lock(&file) {
                Ok(true) => {}
                Ok(false) => {
                    let mut holder = String::new();
                    let _ = file.read_to_string(&mut holder);
                    let holder = holder.trim();
                    let who =
                        if holder.is_empty() { "another cyberdip process".to_string() } else { holder.to_string() };
                    return Err(Error::input(
                        InputError::file(
                            dir.display().to_string(),
                            format!("this folder is being written by another cyberdip command: {who}"),
                        )
                        .help("wait until it has finished, or choose another output folder (--out)"),
                    ));
                }
                Err(e) => return Err(fail(e)),
            }
            // The previous holder may have removed the file between our open and our lock:
            // then we hold a lock on a file no one else can see; start again.
            if !same_file(&file, &path) {
                continue;
            }
            let line = format!(
                "pid {} on {}, since {}: {}\n",
                std::process::id(),
                host(),
                now_utc(),
                command.iter().map(|a| shell_word(a)).collect::<Vec<_>>().join(" ")
            );
            file.set_len(0).and_then(|()| file.write_all(line.as_bytes())).map_err(fail)?;
            let tracked = interrupt::track(path.clone());
            return Ok(Lock { path, file: Some(file), _tracked: tracked });
        }
    }
}

/// Take the exclusive lock of `file` without waiting: Ok(false) if another holds it.
#[cfg(unix)]
fn try_lock(file: &File) -> std::io::Result<bool> {
    use rustix::fs::{FlockOperation, flock};
    match flock(file, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => Ok(true),
        Err(e) if e == rustix::io::Errno::WOULDBLOCK => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Without `flock` the lock file alone marks the folder as busy: a holder that died leaves
/// it, and its message says to delete it.
#[cfg(not(unix))]
fn try_lock(file: &File) -> std::io::Result<bool> {
    Ok(file.metadata()?.len() == 0)
}

/// Quote an argument for display if it needs it.
fn shell_word(a: &str) -> String {
    if !a.is_empty() && a.chars().all(|c| c.is_ascii_alphanumeric() || "-_./=:,@%+".contains(c)) {
        a.to_string()
    } else {
        format!("'{}'", a.replace('\'', "'\\''"))
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, path: &Path) -> bool {
    path.exists()
}

impl Drop for Lock {
    fn drop(&mut self) {
        // remove while still holding the lock; a process that opened the old file re-checks
        let _ = std::fs::remove_file(&self.path);
        self.file = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_with_the_first_named_and_a_dropped_lock_is_free() {
        let d = tempfile::tempdir().unwrap();
        let cmd = vec!["cyberdip".to_string(), "run".into(), "a b.toml".into()];
        let first = Lock::acquire(d.path(), &cmd).unwrap();
        let err = Lock::acquire(d.path(), &cmd).err().unwrap();
        assert_eq!(err.exit_code(), 2);
        let text = err.to_string();
        assert!(text.contains(&format!("pid {}", std::process::id())) && text.contains("'a b.toml'"), "{text}");
        drop(first);
        assert!(!d.path().join(LOCK_FILE).exists());
        let _again = Lock::acquire(d.path(), &cmd).unwrap();
    }

    #[test]
    fn a_lock_file_left_without_a_holder_is_taken_over() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join(LOCK_FILE), "pid 1 on elsewhere, since 2020: cyberdip run x\n").unwrap();
        let _l = Lock::acquire(d.path(), &["cyberdip".into()]).unwrap();
        let text = std::fs::read_to_string(d.path().join(LOCK_FILE)).unwrap();
        assert!(text.starts_with(&format!("pid {} ", std::process::id())), "{text}");
    }
}
