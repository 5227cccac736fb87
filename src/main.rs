//! The `cyberdip` binary: parse arguments, run the command, print the error chain, exit
//! with 0 (success), 2 (bad input or usage) or 1 (failure while running).
#![forbid(unsafe_code)]

use clap::Parser;

fn main() {
    let cli = cyberdip::cli::Cli::parse();
    let code = match cyberdip::app::main(cli) {
        Ok(()) => 0,
        // a reader that closed the pipe (`| head`) wants no more output and no message
        Err(e) if e.is_broken_pipe() => 0,
        Err(e) => {
            eprint!("{e}");
            e.exit_code()
        }
    };
    std::process::exit(code);
}
