//! The `cyberdip` binary: parse arguments, run the command, print the error chain, exit
//! with 0 (success), 2 (bad input or usage), 1 (failure while running) or 130 (interrupted
//! by Ctrl-C, SIGTERM or SIGHUP: temporary files removed, what was kept is said).
#![forbid(unsafe_code)]

use clap::Parser;
use cyberdip::output::interrupt;

fn main() {
    let cli = cyberdip::cli::Cli::parse();
    interrupt::install();
    let code = match cyberdip::app::main(cli) {
        Ok(()) => 0,
        // a reader that closed the pipe (`| head`) wants no more output and no message
        Err(e) if e.is_broken_pipe() => 0,
        Err(e) => {
            if interrupt::requested() {
                // the handler is removing the temporary files and ends the process with 130
                loop {
                    std::thread::park();
                }
            }
            eprint!("{e}");
            e.exit_code()
        }
    };
    std::process::exit(code);
}
