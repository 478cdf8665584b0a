use std::process::ExitCode;

fn main() -> color_eyre::Result<ExitCode> {
    color_eyre::install()?;
    let cli = fasett::cli::parse();
    fasett::cli::run(&cli)
}
