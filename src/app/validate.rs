//! `cyberdip validate`: check scenario and sweep files (a file with a `[sweep]` table is a
//! sweep file); report every error of every file.

use crate::cli::ValidateArgs;
use crate::error::{Error, Result, print_out};
use crate::scenario::{self, Overrides};

/// Run the command.
pub fn validate(a: &ValidateArgs) -> Result<()> {
    let mut errors = Vec::new();
    for path in &a.scenarios {
        if is_sweep(path) {
            match crate::sweep::spec::load(path) {
                Ok(s) => {
                    print_out(&format!("ok  {}  (sweep: {} points x {} runs)\n", path.display(), s.points(), s.runs))?
                }
                Err(Error::Input(errs)) => {
                    print_out(&format!("bad {}\n", path.display()))?;
                    errors.extend(errs);
                }
                Err(e) => return Err(e),
            }
            continue;
        }
        match scenario::load(path, &Overrides::default()) {
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
                errors.extend(errs);
            }
            Err(e) => return Err(e),
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(Error::Input(errors)) }
}

fn is_sweep(path: &std::path::Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|t| t.lines().any(|l| l.trim_start().starts_with("[sweep]")))
}
