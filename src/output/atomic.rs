//! Files that appear whole or not at all: written to a temporary file in the same folder,
//! then renamed over the target. A crash leaves the old file or the new one, never half.
//! The temporary file is removed on an interruption ([`super::interrupt`]) and its digest
//! is computed as it is written ([`Digest`]).

use super::digest::Digest;
use super::interrupt::{self, Tracked};
use crate::error::Error;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// A file being written; becomes visible at [`AtomicFile::commit`].
pub struct AtomicFile {
    target: PathBuf,
    tmp: PathBuf,
    writer: Option<BufWriter<File>>,
    durable: bool,
    digest: Digest,
    _tracked: Tracked,
}

impl AtomicFile {
    /// Start writing `target` (its folder must exist).
    pub fn create(target: &Path) -> Result<AtomicFile, Error> {
        let name = target.file_name().map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
        let tmp = target.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
        let tracked = interrupt::track(tmp.clone());
        let file = File::create(&tmp).map_err(|e| Error::run(format!("cannot create {}", tmp.display()), e))?;
        Ok(AtomicFile {
            target: target.to_path_buf(),
            tmp,
            writer: Some(BufWriter::with_capacity(1 << 16, file)),
            durable: true,
            digest: Digest::default(),
            _tracked: tracked,
        })
    }

    /// Skip the fsync before the rename: the file still appears whole or not at all to
    /// every reader (and survives a killed process), but not necessarily a power cut. For
    /// files that are checked when read back, such as a sweep's chunks.
    pub fn without_sync(mut self) -> AtomicFile {
        self.durable = false;
        self
    }

    /// The writer.
    pub fn writer(&mut self) -> &mut BufWriter<File> {
        // unreachable by any input: `writer` is Some from `create` on and only `commit`
        // takes it, consuming self, so no call can come after
        self.writer.as_mut().expect("writer is present until commit")
    }

    /// Flush, sync and rename into place; returns the digest of what was written.
    pub fn commit(mut self) -> Result<Digest, Error> {
        // unreachable by any input: `writer` is Some from `create` on, and this is the one
        // place that takes it (self is consumed here); it is an Option only so that Drop
        // can tell a committed file from an abandoned one
        let w = self.writer.take().expect("writer is present until commit");
        let file =
            w.into_inner().map_err(|e| Error::run(format!("cannot write {}", self.tmp.display()), e.into_error()))?;
        if self.durable {
            file.sync_all().map_err(|e| Error::run(format!("cannot sync {}", self.tmp.display()), e))?;
        }
        std::fs::rename(&self.tmp, &self.target)
            .map_err(|e| Error::run(format!("cannot move {} to {}", self.tmp.display(), self.target.display()), e))?;
        Ok(self.digest)
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.writer().write(buf)?;
        self.digest.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.writer().flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.writer.is_some() {
            self.writer = None;
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Write `bytes` to `target` atomically (and durably).
pub fn write(target: &Path, bytes: &[u8]) -> Result<Digest, Error> {
    let mut f = AtomicFile::create(target)?;
    f.write_all(bytes).map_err(|e| Error::run(format!("cannot write {}", target.display()), e))?;
    f.commit()
}

/// Write `bytes` to `target` atomically, without the fsync (see [`AtomicFile::without_sync`]).
pub fn write_fast(target: &Path, bytes: &[u8]) -> Result<Digest, Error> {
    let mut f = AtomicFile::create(target)?.without_sync();
    f.write_all(bytes).map_err(|e| Error::run(format!("cannot write {}", target.display()), e))?;
    f.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dropped_files_leave_the_old_content_and_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.csv");
        write(&p, b"old").unwrap();
        {
            let mut f = AtomicFile::create(&p).unwrap();
            f.write_all(b"half").unwrap();
        }
        assert_eq!(std::fs::read(&p).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        write(&p, b"new").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
    }
}
