//! `cyberdip validate`: check scenario and sweep files (a file with a `[sweep]` table is a
//! sweep file); report every error of every file (the first [`crate::error::MAX_ERRORS`]
//! in full). Each file is read once, so a process substitution `<(cat f.toml)` works.

use crate::cli::ValidateArgs;
use crate::error::{Error, InputError, InputErrors, Result, print_out};
use crate::scenario::files::{Files, read_file};
use crate::scenario::{Document, Overrides};

/// Run the command.
pub fn validate(a: &ValidateArgs) -> Result<()> {
    let mut errors = InputErrors::default();
    for path in &a.scenarios {
        let bytes = match read_file(path) {
            Ok(b) => b,
            Err(e) => {
                print_out(&format!("bad {}\n", path.display()))?;
                let shown = path.display().to_string();
                errors.push(InputError::file(&shown, format!("cannot read scenario file '{shown}': {e}")));
                continue;
            }
        };
        if is_sweep(&bytes) {
            match crate::sweep::spec::load_read(path, Some(bytes)) {
                Ok(s) => {
                    print_out(&format!("ok  {}  (sweep: {} points x {} runs)\n", path.display(), s.points(), s.runs))?
                }
                Err(Error::Input(errs)) => {
                    print_out(&format!("bad {}\n", path.display()))?;
                    errors.append(errs);
                }
                Err(e) => return Err(e),
            }
            continue;
        }
        let loaded = Document::read(Files::Disk, path, Some(bytes)).and_then(|mut d| {
            d.apply(&Overrides::default())?;
            d.build()
        });
        match loaded {
            Ok(sc) => print_out(&format!(
                "ok  {}  ({} states, {} ticks, {} runs, {} injects)\n",
                path.display(),
                sc.states.len(),
                sc.sim.ticks,
                sc.sim.runs,
                sc.injects.len()
            ))?,
            Err(Error::Input(errs)) => {
                print_out(&format!("bad {}\n", path.display()))?;
                errors.append(errs);
            }
            Err(e) => return Err(e),
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(Error::Input(errors)) }
}

/// A sweep file has a `[sweep]` table (looked for in the bytes already read).
fn is_sweep(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes).lines().any(|l| l.trim_start().starts_with("[sweep]"))
}
