//! `tightrope reach` without the rest of the CLI, for development: `cargo run -p tightrope-reach
//! --example reach -- --api DIR FROM TO`.

use clap::Parser;

#[derive(Parser)]
struct Cli {
    #[command(flatten)]
    args: tightrope_reach::cli::ReachArgs,
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    match tightrope_reach::cli::run(&cli.args) {
        Ok(code) => std::process::ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::from(2)
        }
    }
}
