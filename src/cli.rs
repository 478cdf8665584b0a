//! The command line (the contract in `docs/contracts.md`, "The command line"): clap's
//! definitions, [`parse`], and [`run`], which hands the non-interactive subcommands to
//! `cli/commands.rs` and opening the interface to [`crate::terminal`].

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use color_eyre::eyre::Result;

use crate::i18n::Lang;
use crate::{demo, export, report, store, terminal};

mod commands;
mod import;
mod sharing;

// No doc comment on these two: clap would show it in `--help`, which is a contract.

#[derive(Debug, Parser)]
#[command(
    name = "fasett",
    version,
    about = "Keep a municipality's innovation portfolio in view: initiatives on the four-facet grid, \
             culture checklists and their action plans.",
    after_help = "The data file is --file PATH, else $FASETT_FILE, else portfolio.json in the user data \
                  directory (see `fasett path`). Every edit is saved at once.\n\
                  Exit codes: 0 fine, 1 could not run (no terminal, unusable path), 2 the data file or the \
                  imported spreadsheet is not valid."
)]
pub struct Cli {
    /// The portfolio file to use.
    #[arg(long, global = true, value_name = "PATH")]
    pub file: Option<PathBuf>,
    /// Interface language [default: `FASETT_LANG`, `LC_ALL`, `LANG`, else en].
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    /// Open without writing anything.
    #[arg(long, global = true)]
    pub read_only: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open a scratch copy of the bundled sample portfolio (your own file is not touched).
    Demo,
    /// Print the data file in use.
    Path,
    /// Check that the data file is valid: exit 0 if it is, 2 if not (the reason on stderr).
    Check,
    /// Print a summary for a memo: balance, stages, gaps, follow-ups, checklists, actions.
    Report {
        /// Markdown (readable as plain text), JSON (shape in docs/report-json.md) or HTML (one
        /// page with the portfolio drawn, for a browser, printing to PDF or pasting into Word).
        #[arg(long, value_enum, default_value = "markdown")]
        format: report::Format,
        /// Write to this file (atomically) instead of standard output.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Leave out people's names (owners, participants, action owners), for public papers.
        #[arg(long)]
        public: bool,
        /// List decisions and lessons logged from this date (YYYY-MM-DD) [default: 12 months
        /// back].
        #[arg(long, value_name = "DATE", value_parser = parse_since)]
        since: Option<jiff::civil::Date>,
    },
    /// Export every initiative: CSV or .xlsx for spreadsheets, the portfolio JSON, or Markdown.
    Export {
        #[arg(long, value_enum, default_value = "csv")]
        format: export::Format,
        /// Write to this file (atomically) instead of standard output.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// CSV field separator: ';' for Excel in Nordic locales, ',' elsewhere, or 'tab'.
        #[arg(long, default_value = ";", value_parser = export::parse_delimiter)]
        delimiter: u8,
        /// Include the proposers of ideas (names, units, contacts: personal data, left out
        /// unless asked).
        #[arg(long)]
        with_proposers: bool,
    },
    /// Add or update initiatives from a spreadsheet (CSV or .xlsx); all rows or none. With
    /// --checklist, a checklist run from a survey export instead (one row per respondent).
    Import {
        /// The spreadsheet: .xlsx, or CSV (`;`, `,` or tab; UTF-8 or Windows-1252); English or
        /// Nordic headers.
        #[arg(value_name = "FILE")]
        sheet: PathBuf,
        /// Check the file and show the mapping and what would change, without writing anything.
        #[arg(long)]
        dry_run: bool,
        /// The file is a survey export: make a run of this checklist (e.g. `innovation_climate`).
        #[arg(long, value_name = "TEMPLATE_ID")]
        checklist: Option<String>,
        /// Who the run is about [default: the organisation].
        #[arg(long, value_name = "TEXT", requires = "checklist")]
        scope: Option<String>,
        /// The run's date (2026-03-15, 15.3.2026, -1w …) [default: today].
        #[arg(long, value_name = "DATE", requires = "checklist")]
        date: Option<String>,
        /// Keep the respondents' names from a name column (e-mail addresses are never kept).
        #[arg(long, requires = "checklist")]
        keep_names: bool,
        /// A saved mapping: which column fills which field, and what its words mean.
        #[arg(long, value_name = "MAP")]
        map: Option<PathBuf>,
        /// How to read dates such as 9/1/2025: dmy (9 January) or mdy (1 September).
        #[arg(long, value_enum)]
        date_order: Option<crate::dates::DateOrder>,
        /// Add rows that carry another portfolio's IDs as new initiatives instead of refusing
        /// them.
        #[arg(long)]
        as_new: bool,
        /// Import rows whose initiatives were changed in fasett after the sheet was exported,
        /// overwriting those changes (refused otherwise, as they could undo newer edits).
        #[arg(long)]
        overwrite: bool,
        /// The file is an idea box's form export (Microsoft Forms, Google Forms): each row
        /// becomes a received idea with its proposer and the need they state.
        #[arg(long, conflicts_with_all = ["as_new", "checklist"])]
        ideas: bool,
    },
    /// Store a dated snapshot of the portfolio's figures for the yearly review, and compare it
    /// with the review before.
    Review {
        /// Take the snapshot (today's; one taken earlier today is replaced).
        #[arg(long)]
        take: bool,
    },
    /// Merge two copies of a portfolio by identity, as a git merge driver (%O %A %B): the
    /// result goes into OURS; exit 0 clean, 1 conflicts recorded in the file, 2 unreadable.
    Merge {
        /// The common ancestor (empty when there is none).
        #[arg(value_name = "BASE")]
        base: PathBuf,
        /// Our copy, which receives the result.
        #[arg(value_name = "OURS")]
        ours: PathBuf,
        /// Their copy.
        #[arg(value_name = "THEIRS")]
        theirs: PathBuf,
    },
    /// Several portfolios side by side, read-only: balance, stages, checklists, benefits and
    /// candidates for cooperation per municipality and pooled.
    Region {
        /// The portfolio files, one per municipality (at least two).
        #[arg(value_name = "FILE", num_args = 2.., required = true)]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "markdown")]
        format: crate::region::Format,
    },
}

pub fn parse() -> Cli {
    Cli::parse()
}

/// Runs what the command line asked for.
pub fn run(cli: &Cli) -> Result<ExitCode> {
    let remembered = crate::config::path().and_then(|p| crate::config::Config::load(&p).lang());
    let lang = Lang::resolve(cli.lang, remembered, |var| std::env::var(var).ok());
    let file = cli.file.as_deref();
    match cli.command {
        None => {
            let path = match store::resolve_path(file) {
                Ok(path) => path,
                Err(e) => return Ok(commands::fail(&e.localized(lang), 1)),
            };
            Ok(terminal::open_interface(&path, lang, cli.read_only))
        }
        Some(Command::Demo) => {
            let path = match demo::path() {
                Ok(path) => path,
                Err(e) => return Ok(commands::fail(&e.localized(lang), 1)),
            };
            if let Err(message) = demo::prepare(&path, cli.read_only, lang) {
                return Ok(commands::fail(&message, 1));
            }
            Ok(terminal::open_interface(&path, lang, cli.read_only))
        }
        Some(Command::Path) => Ok(commands::path(file, lang)),
        Some(Command::Check) => Ok(commands::check(file, lang)),
        Some(Command::Report { format, ref output, public, since }) => {
            Ok(commands::report(file, format, output.as_deref(), report::Options { public, since }, lang))
        }
        Some(Command::Export { format, ref output, delimiter, with_proposers }) => {
            Ok(commands::export(file, format, output.as_deref(), delimiter, with_proposers, lang))
        }
        Some(Command::Review { take }) => Ok(import::review(file, take, cli.read_only, lang)),
        Some(Command::Import {
            ref sheet,
            dry_run,
            checklist: Some(ref template),
            ref scope,
            ref date,
            keep_names,
            ..
        }) => {
            let survey =
                commands::SurveyArgs { template, scope: scope.as_deref(), date: date.as_deref(), keep_names };
            Ok(commands::import_survey(file, sheet, &survey, dry_run, cli.read_only, lang))
        }
        Some(Command::Import {
            ref sheet, dry_run, ref map, date_order, as_new, overwrite, ideas, ..
        }) => {
            let request = import::Request {
                file,
                sheet,
                dry_run,
                read_only: cli.read_only,
                map: map.as_deref(),
                date_order,
                as_new,
                overwrite,
                ideas,
            };
            Ok(import::import(&request, lang))
        }
        Some(Command::Merge { ref base, ref ours, ref theirs }) => {
            Ok(sharing::merge(base, ours, theirs, lang))
        }
        Some(Command::Region { ref files, format }) => Ok(sharing::region(files, format, lang)),
    }
}

/// `--since`: a date as the data file writes it.
fn parse_since(text: &str) -> Result<jiff::civil::Date, String> {
    text.trim().parse().map_err(|_| format!("“{text}” is not a date: write it as YYYY-MM-DD"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn global_options_go_before_or_after_the_subcommand() {
        let a = Cli::try_parse_from(["fasett", "--file", "p.json", "check"]).expect("parses");
        let b = Cli::try_parse_from(["fasett", "check", "--file", "p.json"]).expect("parses");
        assert_eq!(a.file, b.file);
        let c = Cli::try_parse_from(["fasett", "demo", "--lang", "sv", "--read-only"]).expect("parses");
        assert_eq!(c.lang, Some(Lang::Sv));
        assert!(c.read_only);
        assert!(Cli::try_parse_from(["fasett", "--lang", "de"]).is_err());
    }

    #[test]
    fn exchange_subcommands_follow_the_contract() {
        let cli = Cli::try_parse_from(["fasett", "report", "--format", "json", "--file", "p.json"])
            .expect("parses");
        assert!(matches!(cli.command, Some(Command::Report { format: report::Format::Json, .. })));
        assert_eq!(cli.file.as_deref(), Some(Path::new("p.json")));
        let cli = Cli::try_parse_from([
            "fasett",
            "export",
            "--format",
            "csv",
            "--output",
            "x.csv",
            "--delimiter",
            ",",
        ])
        .expect("parses");
        assert!(matches!(cli.command, Some(Command::Export { delimiter: b',', .. })));
        let cli = Cli::try_parse_from(["fasett", "--file", "p.json", "import", "in.csv", "--dry-run"])
            .expect("parses");
        assert!(matches!(cli.command, Some(Command::Import { dry_run: true, .. })));
        assert_eq!(cli.file.as_deref(), Some(Path::new("p.json")), "--file stays the portfolio");
        assert!(Cli::try_parse_from(["fasett", "export", "--format", "pdf"]).is_err());
        assert!(Cli::try_parse_from(["fasett", "export", "--delimiter", "\""]).is_err());
    }
}
