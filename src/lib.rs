//! fasett — a municipality's innovation portfolio in the terminal.
//!
//! A map of the modules:
//! - [`model`]: the data file's types (portfolio, initiatives, templates, assessments).
//! - [`store`]: finding, loading, locking, backing up and atomically saving the data file;
//!   its one atomic writer writes every file fasett writes.
//! - [`history`]: edits as reversible changes, for undo and redo.
//! - [`app`]: the interface's state and its single `update(Action)`.
//! - [`action`]: everything the user can do; [`keymap`]: which key does it where.
//! - [`ui`]: drawing, one module per pane; reads the app, never changes it.
//! - [`filter`]: what the lists show and in which order; [`dates`]: date input.
//! - [`cycle`]: stepping through a list of choices with wraparound, the one rule for all.
//! - [`balance`]: facet shares, tendency and breakdowns; [`placement`]: the OPSI placement table.
//! - [`templates`]: bundled and user checklist templates, validated; [`scoring`]: checklist
//!   results, facet tendency and comparisons, and what a group said (`scoring::group`).
//! - [`i18n`]: UI text by key from `data/i18n`; [`text`]: terminal-safe text and search folding.
//! - [`coverage`]: which goals the active initiatives serve.
//! - [`benefits`]: benefits realisation: realised, due, overdue, sums per year, P, facet and goal.
//! - [`analysis`]: pure summaries (facet shares, tendency, follow-ups, checklist scores).
//! - [`report`], [`export`], [`import`]: the portfolio out to memos and spreadsheets, and in;
//!   survey exports in as checklist runs; the report's content is computed once and written as
//!   Markdown, JSON or an HTML page with SVG charts (`report/content.rs`, `markdown.rs`,
//!   `json.rs`, `html.rs`, `svg.rs`).
//! - [`merge`]: two copies of the portfolio merged by identity (the git merge driver, "merge
//!   both"), conflicts recorded in the file and settled as undoable edits.
//! - [`region`]: several municipalities' portfolios side by side, read-only.
//! - [`demo`]: the bundled sample portfolio, opened as a scratch copy.
//! - [`config`]: the settings file (the language chosen with `:lang`, the colours of `:color`).
//! - [`cli`]: the command line: parsing, and the non-interactive subcommands.
//! - [`terminal`]: the interface in the terminal, what the terminal can show, and the event
//!   loop; [`signals`]: signals, hang-ups, panics.
//! - [`recovery`]: text being typed, kept in a recovery file until it is saved.
//! - [`generate`]: large synthetic portfolios for the benchmarks (not used by the app).
//! - [`testing`]: the harness app-level tests build, drive and draw the app with.

pub mod action;
pub mod analysis;
pub mod app;
pub mod balance;
pub mod benefits;
pub mod cli;
pub mod config;
pub mod coverage;
pub mod cycle;
pub mod dates;
pub mod demo;
pub mod export;
pub mod filter;
pub mod generate;
pub mod history;
pub mod i18n;
pub mod ideas;
pub mod import;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod merge;
pub mod model;
pub mod placement;
pub mod recovery;
pub mod region;
pub mod report;
pub mod scoring;
pub mod signals;
pub mod store;
pub mod templates;
pub mod terminal;
pub mod testing;
pub mod text;
pub mod threads;
pub mod ui;
