//! `cyberdip validate`: check scenario, sweep, calibration and target files (a file with a
//! `[sweep]` table is a sweep file, with `[calibrate]` a calibration file, with `[[target]]`
//! a target file); report every error of every file (the first [`crate::error::MAX_ERRORS`]
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
        if has_table(&bytes, "[calibrate]") {
            match crate::calibrate::spec::load(path) {
                Ok(c) => print_out(&format!(
                    "ok  {}  (calibration: {} free parameters, {} targets)\n",
                    path.display(),
                    c.free.len(),
                    c.targets.len()
                ))?,
                Err(Error::Input(errs)) => {
                    print_out(&format!("bad {}\n", path.display()))?;
                    errors.append(errs);
                }
                Err(e) => return Err(e),
            }
            continue;
        }
        if has_table(&bytes, "[[target]]") {
            match crate::calibrate::targets::load(path) {
                Ok(t) => {
                    let held =
                        t.targets.iter().filter(|x| x.role == crate::calibrate::targets::Role::Validation).count();
                    print_out(&format!(
                        "ok  {}  (targets: {} calibration, {held} held-out validation)\n",
                        path.display(),
                        t.targets.len() - held
                    ))?
                }
                Err(Error::Input(errs)) => {
                    print_out(&format!("bad {}\n", path.display()))?;
                    errors.append(errs);
                }
                Err(e) => return Err(e),
            }
            continue;
        }
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
    has_table(bytes, "[sweep]")
}

/// The file has a line opening `header` (a calibration file `[calibrate]`, a target file
/// `[[target]]`).
fn has_table(bytes: &[u8], header: &str) -> bool {
    String::from_utf8_lossy(bytes).lines().any(|l| l.trim_start().starts_with(header))
}
