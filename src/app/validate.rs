//! `cyberdip validate`: check scenario files; report every error of every file.

use crate::cli::ValidateArgs;
use crate::error::{Error, Result};
use crate::scenario::{self, Overrides};

/// Run the command.
pub fn validate(a: &ValidateArgs) -> Result<()> {
    let mut errors = Vec::new();
    for path in &a.scenarios {
        match scenario::load(path, &Overrides::default()) {
            Ok(sc) => println!(
                "ok  {}  ({} states, {} ticks, {} runs, {} injects)",
                path.display(),
                sc.states.len(),
                sc.sim.ticks,
                sc.sim.runs,
                sc.injects.len()
            ),
            Err(Error::Input(errs)) => {
                println!("bad {}", path.display());
                errors.extend(errs);
            }
            Err(e) => return Err(e),
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(Error::Input(errors)) }
}
