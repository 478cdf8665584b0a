//! `fasett report` and `:report`: the portfolio summarised for a memo or a council meeting —
//! organisation, date, balance and tendency, stage and status counts, gaps, goal coverage,
//! follow-ups, checklist results with their change, open actions, benefits realisation.
//!
//! Markdown reads well as plain text; JSON has a stable shape, documented in
//! `docs/report-json.md` (`"report_version": 2`); HTML is one self-contained page with the
//! portfolio drawn. Headings and words come from the catalog.
//!
//! What the report says is computed once, in `report/content.rs` ([`Options`] and the figures
//! every format writes), and written three ways: `report/markdown.rs`, `report/json.rs` and
//! `report/html.rs` with its charts in `report/svg.rs`. What a group said, item by item, is in
//! `report/group.rs`, the loop from idea to decision in `report/ideas.rs`, benefits in
//! `report/benefits.rs`. The Markdown and the HTML say the same; the HTML adds the pictures.

mod benefits;
mod content;
mod group;
mod html;
mod ideas;
mod json;
mod markdown;
mod svg;

pub use content::Options;
pub use html::esc;

use jiff::civil::Date;

use crate::i18n::Lang;
use crate::model::Portfolio;
use crate::text::one_line;
use content::Facts;

/// The version of the JSON shape; raised only when a field changes meaning or goes away.
pub const REPORT_VERSION: u32 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Markdown,
    Json,
    Html,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Html => "html",
        }
    }
}

fn md_cell(s: &str) -> String {
    one_line(s).replace('|', "\\|")
}

fn score(lang: Lang, v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_owned(), |v| lang.decimal(v, 1))
}

/// The report as Markdown.
pub fn markdown(p: &Portfolio, today: Date, lang: Lang, options: Options) -> String {
    markdown::render(&Facts::new(p, today, lang, options), today)
}

/// The report as JSON (the shape in `docs/report-json.md`), pretty-printed with a final newline.
pub fn json(p: &Portfolio, today: Date, lang: Lang, options: Options) -> String {
    json::render(&Facts::new(p, today, lang, options), today)
}

/// The report as one self-contained HTML page with the portfolio drawn.
pub fn html(p: &Portfolio, today: Date, lang: Lang, options: Options) -> String {
    html::render(&Facts::new(p, today, lang, options), today)
}

pub fn render(p: &Portfolio, format: Format, today: Date, lang: Lang, options: Options) -> String {
    match format {
        Format::Markdown => markdown(p, today, lang, options),
        Format::Json => json(p, today, lang, options),
        Format::Html => html(p, today, lang, options),
    }
}
