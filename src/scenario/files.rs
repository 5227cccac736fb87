//! Where scenario and sweep texts come from, read once and bounded: regular files on disk
//! (and the pipe of a shell's process substitution, `<(cat f.toml)`), or the exercises
//! built into the binary. Named pipes, devices and sockets are refused before they are
//! opened, so `/dev/zero` cannot exhaust memory and a pipe without a writer cannot hang.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// Largest scenario or sweep file read, in bytes (the baseline is about 40 KB).
pub const MAX_FILE_BYTES: u64 = 16 << 20;

/// The files built into the binary: every exercise and the baseline they extend, by their
/// path in the repository. `cyberdip exercise` works from any folder and after
/// `cargo install` (tests/exercises.rs checks that every exercise file is here).
pub const BUNDLED: &[(&str, &str)] = &[
    ("scenarios/baseline.toml", include_str!("../../scenarios/baseline.toml")),
    (
        "scenarios/exercises/china-normative-power.toml",
        include_str!("../../scenarios/exercises/china-normative-power.toml"),
    ),
    ("scenarios/exercises/estonia-2007.toml", include_str!("../../scenarios/exercises/estonia-2007.toml")),
    (
        "scenarios/exercises/filtering-soft-power.toml",
        include_str!("../../scenarios/exercises/filtering-soft-power.toml"),
    ),
    ("scenarios/exercises/iran-coordination.toml", include_str!("../../scenarios/exercises/iran-coordination.toml")),
    (
        "scenarios/exercises/sanctions-localization.toml",
        include_str!("../../scenarios/exercises/sanctions-localization.toml"),
    ),
    ("scenarios/exercises/stuxnet-response.toml", include_str!("../../scenarios/exercises/stuxnet-response.toml")),
    ("scenarios/exercises/vendor-ban.toml", include_str!("../../scenarios/exercises/vendor-ban.toml")),
];

/// Prefix of the display name of a built-in file.
pub const BUILT_IN: &str = "built-in:";

/// Where a chain of files (a file and those it `extends`) is read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Files {
    /// The file system.
    Disk,
    /// [`BUNDLED`]: paths are repository paths, `extends` resolves among them.
    Bundled,
}

impl Files {
    /// Read `path` once, whole, or say why not (a sentence for an error message).
    pub fn read(self, path: &Path) -> Result<Vec<u8>, String> {
        match self {
            Files::Disk => read_file(path),
            Files::Bundled => {
                let key = normalise(path);
                BUNDLED
                    .iter()
                    .find(|(p, _)| *p == key)
                    .map(|(_, t)| t.as_bytes().to_vec())
                    .ok_or_else(|| format!("no built-in file {key}"))
            }
        }
    }

    /// A name that is the same for every spelling of the path (to find `extends` cycles).
    pub fn identity(self, path: &Path) -> PathBuf {
        match self {
            Files::Disk => path.canonicalize().unwrap_or_else(|_| path.to_path_buf()),
            Files::Bundled => PathBuf::from(normalise(path)),
        }
    }

    /// True for a shell's process substitution `<(cmd)` on disk (it has no folder of its own).
    pub fn is_process_substitution(self, path: &Path) -> bool {
        self == Files::Disk && is_process_substitution(path)
    }

    /// How the file is named in messages and manifests.
    pub fn display(self, path: &Path) -> String {
        match self {
            Files::Disk => path.display().to_string(),
            Files::Bundled => format!("{BUILT_IN}{}", normalise(path)),
        }
    }
}

/// `a/b/../c.toml` → `a/c.toml`, with `/` separators (lexical: built-in files have no links).
fn normalise(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                parts.pop();
            }
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

/// True for the paths a shell gives to a process substitution (`<(cmd)`): a pipe that
/// already has its writer, so reading it once cannot hang.
fn is_process_substitution(path: &Path) -> bool {
    ["/dev/fd/", "/proc/self/fd/", "/dev/stdin"].iter().any(|p| path.to_string_lossy().starts_with(p))
}

/// Read a file from disk once, at most [`MAX_FILE_BYTES`]; refuse folders, devices,
/// sockets and named pipes (a process substitution's pipe is read).
pub fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    let kind = meta.file_type();
    if kind.is_dir() {
        return Err("it is a folder, not a file".into());
    }
    if !kind.is_file() {
        let what = special_kind(&meta);
        if !(what == "a named pipe" && is_process_substitution(path)) {
            return Err(format!(
                "it is {what}, not a regular file (scenario and sweep files must be files on disk; \
                 a shell's process substitution <(...) also works)"
            ));
        }
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_big(len: u64) -> String {
    format!(
        "it is larger than the limit of {} MiB for a scenario or sweep file ({} bytes or more)",
        MAX_FILE_BYTES >> 20,
        len
    )
}

#[cfg(unix)]
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "a named pipe"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::Metadata) -> &'static str {
    "not a regular file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_paths_resolve_extends_lexically() {
        let p = Path::new("scenarios/exercises").join("../baseline.toml");
        assert_eq!(normalise(&p), "scenarios/baseline.toml");
        assert!(Files::Bundled.read(&p).unwrap().starts_with(b"#"));
        assert!(Files::Bundled.read(Path::new("scenarios/nothing.toml")).is_err());
        assert_eq!(Files::Bundled.display(&p), "built-in:scenarios/baseline.toml");
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_folders_are_refused_and_files_are_capped() {
        assert!(read_file(Path::new("/dev/zero")).unwrap_err().contains("a device"));
        assert!(read_file(Path::new("/")).unwrap_err().contains("folder"));
        let d = tempfile::tempdir().unwrap();
        let big = d.path().join("big.toml");
        std::fs::File::create(&big).unwrap().set_len(MAX_FILE_BYTES + 1).unwrap();
        assert!(read_file(&big).unwrap_err().contains("limit of 16 MiB"));
    }
}
