//! `tightrope drill` without the rest of the binary, for timing a release build of this crate alone:
//!
//! ```text
//! cargo build --release -p tightrope-drill --example drill_cli
//! target/release/examples/drill_cli run --all
//! ```

use clap::Parser;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "drill")]
struct Cli {
    #[command(flatten)]
    drill: tightrope_drill::cli::DrillArgs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match tightrope_drill::cli::run(&cli.drill) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(tightrope_core::exit::INPUT_ERROR)
        }
    }
}
