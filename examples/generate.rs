//! Writes a large synthetic portfolio for benchmarks and manual testing:
//!
//! ```text
//! cargo run --release --example generate -- --initiatives 10000 --assessments 200 [--respondents 30]
//!     [--seed N] [--benefits 3 --measurements 6] [--output FILE]
//! ```
//! Without `--output` the file goes to stdout. The same arguments always give the same file.

use std::io::Write;
use std::process::ExitCode;

use fasett::generate::{Size, portfolio};

fn main() -> ExitCode {
    let mut size = Size::default();
    let mut output = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_default();
        let number = |v: String| v.parse::<u64>().ok();
        let ok = match arg.as_str() {
            "--initiatives" => number(value()).map(|n| size.initiatives = n as usize),
            "--assessments" => number(value()).map(|n| size.assessments = n as usize),
            "--respondents" => number(value()).map(|n| size.respondents = n as usize),
            "--seed" => number(value()).map(|n| size.seed = n),
            "--benefits" => number(value()).map(|n| size.benefits = n as usize),
            "--measurements" => number(value()).map(|n| size.measurements = n as usize),
            "--output" | "-o" => {
                output = Some(value());
                Some(())
            }
            _ => None,
        };
        if ok.is_none() {
            eprintln!(
                "usage: generate [--initiatives N] [--assessments N] [--respondents N] [--seed N] \
                 [--benefits N] [--measurements N] [--output FILE] (bad or unknown: {arg})"
            );
            return ExitCode::from(2);
        }
    }
    let text = fasett::store::to_json(&portfolio(size));
    let written = match &output {
        Some(path) => std::fs::write(path, &text),
        None => std::io::stdout().lock().write_all(text.as_bytes()),
    };
    if let Err(e) = written {
        eprintln!("generate: {}: {e}", output.as_deref().unwrap_or("stdout"));
        return ExitCode::FAILURE;
    }
    if let Some(path) = output {
        eprintln!(
            "{path}: {} initiatives, {} assessments, {} bytes",
            size.initiatives,
            size.assessments,
            text.len()
        );
    }
    ExitCode::SUCCESS
}
