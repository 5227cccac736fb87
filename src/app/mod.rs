//! The commands: where files meet the engine. Each command reads inputs, runs the engine
//! and hands records to the exporters; all printing happens here or in `main`.

pub mod calibrate;
pub mod exercise;
pub mod explain;
pub mod progress;
pub mod report;
pub mod run;
pub mod serve;
pub mod sweep;
pub mod validate;

use crate::cli::{Cli, Command};
use crate::error::Result;

/// Run the command given on the command line.
pub fn main(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Run(a) => run::run(a, std::env::args().collect()),
        Command::Validate(a) => validate::validate(&a),
        Command::Explain(a) => explain::explain(&a),
        Command::Sweep(a) => sweep::sweep(&a, std::env::args().collect()),
        Command::Merge(a) => sweep::merge(&a, std::env::args().collect()),
        Command::Report(a) => report::report(&a),
        Command::Calibrate(a) => calibrate::calibrate(&a, std::env::args().collect()),
        Command::Exercise(c) => exercise::exercise(c, std::env::args().collect()),
        Command::Serve(a) => serve::serve(&a),
    }
}
