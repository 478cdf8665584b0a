//! `fasett export`: the initiatives as CSV or an .xlsx workbook (for spreadsheets), as the
//! portfolio JSON, or as a readable Markdown list ([`markdown`]).
//!
//! # CSV and .xlsx
//! One row per initiative, one column per field ([`COLUMNS`]), headers in the interface
//! language (catalog keys `csv.<field>`), then the columns of an imported register that fill
//! no field (see [`table`]). The CSV is made for Excel in Nordic locales by default: UTF-8
//! with a byte-order mark, `;` between fields, RFC 4180 quoting, CRLF line ends. The workbook
//! has typed cells (see [`xlsx`]); the cell codecs below are the same for both, except the
//! formula guard, which only the CSV needs.
//!
//! - The last column, `Portfolio`, holds the portfolio's identity on every row, so that an
//!   edited sheet imported back updates the initiatives by their IDs, and a sheet of another
//!   portfolio never does.
//! - No cell is longer than a spreadsheet keeps (32,767 characters); a longer text goes on in
//!   columns headed `<header> (2)`, `(3)`, … and the export names the initiatives.
//!
//! - Choices (facet, stage, …) are written as their names in the interface language; the
//!   importer reads names in every language and the JSON keys.
//! - Yes/no fields are written as the catalog's `csv.yes` / `csv.no`.
//! - Lists (need sources, relieves, partners, goals, tags) are joined with `"; "`. Inside an
//!   item, `\` is written `\\` and `;` is written `\;`, so an item can hold anything; a list
//!   of one empty item is `\e`. Goals are written `#<id> <title>`; the id is what counts.
//! - The log is one entry per line, `YYYY-MM-DD kind: text`, with `\`, line breaks and
//!   carriage returns in the text written `\\`, `\n` and `\r`.
//! - `Extra (JSON)` holds the keys fasett does not know (kept from the JSON file), so a
//!   round trip loses nothing; it is empty for almost every initiative.
//! - Formula guard: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
//!   (or with `'` followed by one of those or another `'`) gets a leading `'`, so Excel shows
//!   it as text instead of running it. The importer removes exactly that `'` again.
//!
//! Benefits and measurements are two more tables keyed by the initiative's ID (see
//! `export/benefits.rs`): with `--output x.csv` they go to `x-benefits.csv` and
//! `x-measurements.csv` beside it, and the importer reads them from there.
//!
//! # Which format speaks the language
//! CSV and JSON are for round trips and other programs: dates stay ISO (`2026-03-15`) and
//! numbers plain, whatever the language; only the CSV's headers and choice words are
//! translated, and the importer reads them in every language. Markdown is for people: its
//! dates are written as the language writes them ([`Lang::date`]).
//!
//! This module only makes the bytes; a file is written by [`crate::store::write_file`] as a
//! shared file (normal permissions, meant to be passed on).

mod benefits;
mod markdown;
pub mod table;
pub mod xlsx;

use serde_json::{Map, Value};

pub use benefits::{BenefitColumn, MeasurementColumn, Table, TableColumn};
pub use markdown::{escape as escape_markdown, markdown, table_head as markdown_table_head};
pub use table::{CELL_LIMIT, OTHER_COLUMNS};

use crate::i18n::Lang;
use crate::model::extras::Extra;
use crate::model::{Initiative, Portfolio};
use crate::text::one_line;

/// The default field separator: what Excel expects in Nordic locales.
pub const DEFAULT_DELIMITER: u8 = b';';
/// What Excel needs to read the file as UTF-8.
pub const BOM: &str = "\u{feff}";

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Json,
    Markdown,
    Xlsx,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Markdown => "md",
            Format::Xlsx => "xlsx",
        }
    }
}

crate::model::keyed_enum! {
    /// One CSV column, with its stable key (the header is the catalog's `csv.<key>`). The
    /// written columns come first, in file order ([`COLUMNS`]); the last six are the benefit
    /// columns of schema versions 1 and 2, read on import (an old spreadsheet still imports,
    /// its benefits becoming `benefits` as the file migration does) and no longer written
    /// ([`LEGACY_COLUMNS`]).
    pub enum Column {
        Id = "id",
        Title = "title",
        Description = "description",
        Need = "need",
        NeedSources = "need_sources",
        Facet = "facet",
        CreatedTo = "created_to",
        PushedBy = "pushed_by",
        Stage = "stage",
        Status = "status",
        /// An incoming idea's triage (received, accepted, …); empty for other initiatives.
        Triage = "triage",
        Track = "track",
        Relieves = "relieves",
        Investment = "investment",
        YearlyCost = "yearly_cost",
        Owner = "owner",
        Unit = "unit",
        Partners = "partners",
        Goals = "goals",
        Priority = "priority",
        Start = "start",
        FollowUp = "follow_up",
        End = "end",
        Tags = "tags",
        Log = "log",
        Archived = "archived",
        Created = "created",
        Updated = "updated",
        Extra = "extra",
        /// The identity of the portfolio the row's ID belongs to.
        Portfolio = "portfolio",
        ExpectedEfficiency = "expected_efficiency",
        ExpectedQuality = "expected_quality",
        ExpectedBenefit = "expected_benefit",
        BenefitAnalysed = "benefit_analysed",
        BenefitRealised = "benefit_realised",
        RealisedBenefit = "realised_benefit",
    }
}

/// How many columns the export writes: all but the last six of [`Column::ALL`].
const WRITTEN: usize = Column::ALL.len() - 6;

/// Every column the export writes, in file order.
pub const COLUMNS: &[Column] = Column::ALL.split_at(WRITTEN).0;

/// Columns the importer still reads but the export no longer writes (see [`Column`]).
pub const LEGACY_COLUMNS: &[Column] = Column::ALL.split_at(WRITTEN).1;

impl Column {
    pub fn header(self, lang: Lang) -> &'static str {
        lang.t(&format!("csv.{}", self.key()))
    }
}

// ---------------------------------------------------------------------------------------------
// Cell codecs, shared with the importer
// ---------------------------------------------------------------------------------------------

fn needs_guard(first: char) -> bool {
    matches!(first, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// Prefixes `'` to a cell Excel would read as a formula (see the module docs).
pub fn guard(cell: &str) -> std::borrow::Cow<'_, str> {
    let mut chars = cell.chars();
    let guarded = match chars.next() {
        Some(c) if needs_guard(c) => true,
        Some('\'') => chars.next().is_some_and(|c| c == '\'' || needs_guard(c)),
        _ => false,
    };
    if guarded { format!("'{cell}").into() } else { cell.into() }
}

/// Removes the `'` that [`guard`] added.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(|c: char| c == '\'' || needs_guard(c)) => rest,
        _ => cell,
    }
}

/// Joins list items with `"; "`, escaping `\` and `;` inside items.
pub fn join_list<S: AsRef<str>>(items: &[S]) -> String {
    if let [only] = items
        && only.as_ref().is_empty()
    {
        return "\\e".to_owned();
    }
    let mut out = String::new();
    for (ix, item) in items.iter().enumerate() {
        if ix > 0 {
            out.push_str("; ");
        }
        for c in item.as_ref().chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                ';' => out.push_str("\\;"),
                c => out.push(c),
            }
        }
    }
    out
}

/// Splits what [`join_list`] wrote (and what people type: `a;b`, `a; b`). One space after
/// each `;` belongs to the separator; anything else is kept as it is.
pub fn split_list(cell: &str) -> Vec<String> {
    if cell.is_empty() {
        return Vec::new();
    }
    let mut items = Vec::new();
    let mut item = String::new();
    let mut chars = cell.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.peek() {
                Some('\\' | ';') => item.extend(chars.next()),
                Some('e') => {
                    chars.next();
                }
                _ => item.push('\\'),
            },
            ';' => {
                items.push(std::mem::take(&mut item));
                if chars.peek() == Some(&' ') {
                    chars.next();
                }
            }
            c => item.push(c),
        }
    }
    items.push(item);
    items
}

/// Escapes a text for one line of a multi-line cell: `\`, line feed and carriage return.
pub fn escape_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

/// Undoes [`escape_line`]; an unknown escape is kept as written.
pub fn unescape_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.peek() {
            Some('\\') => out.push('\\'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            _ => {
                out.push('\\');
                continue;
            }
        }
        chars.next();
    }
    out
}

/// The keys fasett does not know, for the `Extra (JSON)` column: the initiative's own, with
/// the nested ones under the (known, hence never clashing) field names. The columns of an
/// imported register ([`OTHER_COLUMNS`]) have columns of their own instead.
pub fn extras_json(i: &Initiative) -> String {
    let mut out: Map<String, Value> = i.extra.clone();
    out.remove(OTHER_COLUMNS);
    let mut nested = |key: &str, extra: &Extra| {
        if !extra.is_empty() {
            out.insert(key.to_owned(), Value::Object(extra.clone()));
        }
    };
    if let Some(costs) = &i.costs {
        nested("costs", &costs.extra);
    }
    if let Some(p) = &i.placement {
        nested("placement", &p.extra);
    }
    if i.log.iter().any(|l| !l.extra.is_empty()) {
        out.insert("log".to_owned(), i.log.iter().map(|l| Value::Object(l.extra.clone())).collect());
    }
    // The loop's fields have no columns of their own: they ride here, so a sheet brought back
    // keeps them (a proposer only when the export was asked to include proposers).
    if let Some(idea) = &i.idea {
        let mut value = serde_json::to_value(idea).unwrap_or(Value::Null);
        crate::model::extras::Extras::emit(idea, &mut value);
        out.insert("idea".to_owned(), value);
    }
    if let Some(parent) = i.grew_out_of {
        out.insert("grew_out_of".to_owned(), Value::from(parent));
    }
    if i.log.iter().any(|l| l.decision.is_some()) {
        let decisions = i.log.iter().map(|l| {
            l.decision.as_ref().map_or(Value::Null, |d| {
                let mut value = serde_json::to_value(d).unwrap_or(Value::Null);
                crate::model::extras::Extras::emit(d, &mut value);
                value
            })
        });
        out.insert("decisions".to_owned(), decisions.collect());
    }
    if out.is_empty() { String::new() } else { Value::Object(out).to_string() }
}

/// A number for a cell: plain, in `lang`'s decimal mark; empty when there is none.
pub fn number(value: Option<f64>, lang: Lang) -> String {
    value.map(|v| lang.plain_number(v)).unwrap_or_default()
}

/// One initiative's cells, in [`COLUMNS`] order, before the formula guard.
pub fn cells(i: &Initiative, portfolio: &Portfolio, lang: Lang) -> Vec<String> {
    let name = |prefix: &str, key: &str| lang.t(&format!("{prefix}.{key}")).to_owned();
    let yes_no = |b: bool| lang.t(if b { "csv.yes" } else { "csv.no" }).to_owned();
    let date = |d: Option<jiff::civil::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    COLUMNS
        .iter()
        .map(|column| match column {
            Column::Id => i.id.to_string(),
            Column::Title => i.title.clone(),
            Column::Description => i.description.clone(),
            Column::Need => i.need.clone(),
            Column::NeedSources => {
                join_list(&i.need_sources.iter().map(|s| name("need_source", s.key())).collect::<Vec<_>>())
            }
            Column::Facet => name("facet", i.facet.key()),
            Column::CreatedTo => {
                i.placement.as_ref().map(|p| name("created_to", p.created_to.key())).unwrap_or_default()
            }
            Column::PushedBy => {
                i.placement.as_ref().map(|p| name("pushed_by", p.pushed_by.key())).unwrap_or_default()
            }
            Column::Stage => name("stage", i.stage.key()),
            Column::Status => name("status", i.status.key()),
            Column::Triage => {
                i.idea.as_ref().map(|idea| name("triage", idea.triage.key())).unwrap_or_default()
            }
            Column::Track => i.track.map(|t| name("track", t.key())).unwrap_or_default(),
            Column::Relieves => {
                join_list(&i.relieves.iter().map(|p| name("pressure", p.key())).collect::<Vec<_>>())
            }
            Column::Investment => number(i.costs.as_ref().and_then(|c| c.investment), lang),
            Column::YearlyCost => number(i.costs.as_ref().and_then(|c| c.yearly), lang),
            Column::ExpectedEfficiency
            | Column::ExpectedQuality
            | Column::ExpectedBenefit
            | Column::BenefitAnalysed
            | Column::BenefitRealised
            | Column::RealisedBenefit => String::new(),
            Column::Owner => i.owner.clone(),
            Column::Unit => i.unit.clone(),
            Column::Partners => join_list(&i.partners),
            Column::Goals => join_list(
                &i.goals
                    .iter()
                    .map(|id| match portfolio.organisation.goal(*id) {
                        Some(g) if !g.title.is_empty() => format!("#{id} {}", one_line(&g.title)),
                        _ => format!("#{id}"),
                    })
                    .collect::<Vec<_>>(),
            ),
            Column::Priority => name("priority", i.priority.key()),
            Column::Start => date(i.start),
            Column::FollowUp => date(i.follow_up),
            Column::End => date(i.end),
            Column::Tags => join_list(&i.tags),
            Column::Log => i
                .log
                .iter()
                .map(|l| format!("{} {}: {}", l.date, name("log_kind", l.kind.key()), escape_line(&l.text)))
                .collect::<Vec<_>>()
                .join("\n"),
            Column::Archived => yes_no(i.archived),
            Column::Created => date(i.created),
            Column::Updated => i.updated.map(|t| t.to_string()).unwrap_or_default(),
            Column::Extra => extras_json(i),
            Column::Portfolio => portfolio.id.clone(),
        })
        .collect()
}

/// All initiatives as CSV: BOM, header row, one row each, CRLF, `delimiter` between fields.
pub fn csv(portfolio: &Portfolio, lang: Lang, delimiter: u8) -> Vec<u8> {
    csv_table(&table::table(portfolio, lang, CELL_LIMIT), delimiter)
}

fn csv_table(table: &table::Table, delimiter: u8) -> Vec<u8> {
    let rows = table.rows.iter().map(|row| row.iter().map(table::Out::text));
    csv_rows(&table.headers, rows, delimiter)
}

/// A table of plain texts as CSV, like the initiatives' (BOM, header row, each cell through
/// the formula guard, CRLF).
fn csv_plain(headers: &[&str], rows: &[Vec<String>], delimiter: u8) -> Vec<u8> {
    csv_rows(headers, rows.iter().map(|cells| cells.iter().map(String::as_str)), delimiter)
}

/// The one CSV writer: BOM, the header row, then each row with every cell through the
/// formula guard, CRLF line ends, `delimiter` between fields.
fn csv_rows<C: AsRef<str>>(
    headers: &[impl AsRef<[u8]>],
    rows: impl Iterator<Item = impl Iterator<Item = C>>,
    delimiter: u8,
) -> Vec<u8> {
    let mut out = BOM.as_bytes().to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(&mut out);
        // Writing into a Vec cannot fail.
        let _ = writer.write_record(headers);
        for cells in rows {
            let _ = writer.write_record(cells.map(|c| guard(c.as_ref()).into_owned()));
        }
        let _ = writer.flush();
    }
    out
}

/// The benefits and measurements tables as CSV, to write beside the initiatives' file.
pub fn csv_tables(portfolio: &Portfolio, lang: Lang, delimiter: u8) -> Vec<(Table, Vec<u8>)> {
    Table::ALL
        .into_iter()
        .map(|table| (table, csv_plain(&table.headers(lang), &table.rows(portfolio, lang), delimiter)))
        .collect()
}

/// Every checklist run's items with the group's distribution and spread, one row per item (and
/// perspective), the header first: the table the Markdown export prints and a spreadsheet
/// sheet can take as it is. Runs newest first; the distribution lists how many gave each
/// score from the scale's lowest up, separated by " · ".
pub fn checklist_rows(portfolio: &Portfolio, lang: Lang) -> Vec<Vec<String>> {
    let t = |k: &str| lang.t(k).to_owned();
    let mut rows = vec![vec![
        t("export.run"),
        t("column.template"),
        t("column.scope"),
        t("column.date"),
        t("rating.item"),
        t("export.perspective"),
        t("results.agreed"),
        t("export.answers"),
        t("export.distribution"),
        t("results.mean"),
        t("results.median"),
        t("results.range"),
        t("results.spread"),
    ]];
    let number = |v: Option<f64>| v.map_or_else(String::new, |v| lang.number(v, 2));
    for id in crate::scoring::newest_first(portfolio) {
        let Some(a) = portfolio.assessment(id) else { continue };
        let Some(template) = portfolio.template(&a.template, a.template_version) else { continue };
        let name = template.name.get(lang.code());
        for g in crate::scoring::group::group(template, a) {
            let d = &g.distribution;
            let perspective = g
                .slot
                .perspective
                .and_then(|p| template.perspectives.iter().find(|x| x.id == p))
                .map_or_else(String::new, |p| p.name.get(lang.code()).to_owned());
            rows.push(vec![
                a.id.to_string(),
                name.to_owned(),
                a.scope.clone(),
                a.date.to_string(),
                g.slot.item.text.get(lang.code()).to_owned(),
                perspective,
                g.agreed.map(|s| s.to_string()).unwrap_or_default(),
                d.n().to_string(),
                d.counts.iter().map(ToString::to_string).collect::<Vec<_>>().join(" · "),
                number(d.mean()),
                number(d.median()),
                d.range().map(|(lo, hi)| format!("{lo}–{hi}")).unwrap_or_default(),
                number(g.spread()),
            ]);
        }
    }
    rows
}

/// What an export holds, in words: "23 initiatives, 1 archived and 2 ideas". The initiatives
/// are the portfolio's, as the register and the report count them; the archived ones and the
/// ideas not accepted are written too, and said apart.
pub fn contents(portfolio: &Portfolio, lang: Lang) -> String {
    let (mut current, mut archived, mut ideas) = (0, 0, 0);
    for i in &portfolio.initiatives {
        if i.is_untriaged() {
            ideas += 1;
        } else if i.archived {
            archived += 1;
        } else {
            current += 1;
        }
    }
    let counts = [
        ("export.count_initiatives", current),
        ("export.count_archived", archived),
        ("export.count_ideas", ideas),
    ];
    // The initiatives are always said, even none; the others only when there are some.
    let parts: Vec<String> = counts
        .into_iter()
        .enumerate()
        .filter(|(ix, (_, count))| *ix == 0 || *count > 0)
        .map(|(_, (key, count))| lang.tn(key, count, &[]))
        .collect();
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    crate::balance::join(lang, &parts)
}

/// What an export made: the bytes, and what the user should be told (texts split over
/// several cells).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub notes: Vec<String>,
}

/// The chosen format's bytes. Fails only if the workbook cannot be made.
pub fn render(
    portfolio: &Portfolio,
    format: Format,
    lang: Lang,
    delimiter: u8,
    today: jiff::civil::Date,
) -> Result<Rendered, String> {
    let plain = |bytes: Vec<u8>| Ok(Rendered { bytes, notes: Vec::new() });
    match format {
        Format::Csv => {
            let table = table::table(portfolio, lang, CELL_LIMIT);
            let mut notes = Vec::new();
            if !table.split.is_empty() {
                let named = table::named(portfolio, &table.split);
                notes.push(lang.tn("export.split", table.split.len(), &[("initiatives", &named)]));
            }
            Ok(Rendered { bytes: csv_table(&table, delimiter), notes })
        }
        Format::Json => plain(crate::store::to_json(portfolio).into_bytes()),
        Format::Markdown => plain(markdown(portfolio, lang, today).into_bytes()),
        Format::Xlsx => xlsx::workbook(portfolio, lang),
    }
}

/// Reads `--delimiter`: one ASCII character, or `tab` / `\t`.
pub fn parse_delimiter(text: &str) -> Result<u8, String> {
    let d = match text {
        "tab" | "\\t" | "\t" => b'\t',
        s if s.len() == 1 && s.is_ascii() => s.as_bytes()[0],
        _ => return Err(format!("the delimiter must be one character such as ; , or tab, not “{text}”")),
    };
    if matches!(d, b'"' | b'\n' | b'\r' | b'\'') || d.is_ascii_alphanumeric() {
        return Err(format!("“{text}” cannot separate fields; use ; , or tab"));
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_formula_guard_round_trips() {
        for s in ["=SUM(A1)", "+46", "-x", "@a", "\tx", "\rx", "'=", "''", "'a", "a", "", "'", "plain = ok"] {
            assert_eq!(unguard(&guard(s)), s, "{s:?}");
        }
        assert_eq!(guard("=1+1"), "'=1+1");
        assert_eq!(guard("'hello"), "'hello", "a leading apostrophe before text is left alone");
        assert_eq!(unguard("'hello"), "'hello");
    }

    #[test]
    fn lists_join_readably_and_split_back_exactly() {
        assert_eq!(join_list(&["äldre", "digitalt"]), "äldre; digitalt");
        for items in [
            vec![],
            vec![""],
            vec!["", ""],
            vec!["a;b", "c\\d", " e ", "\\e"],
            vec!["a", ""],
            vec!["line\nbreak", "x; y"],
        ] {
            let items: Vec<String> = items.into_iter().map(String::from).collect();
            assert_eq!(split_list(&join_list(&items)), items, "{items:?}");
        }
        assert_eq!(split_list("a;b; c"), ["a", "b", "c"], "typed by hand");
        assert_eq!(split_list("C:\\temp"), ["C:\\temp"], "an unknown escape stays");
    }

    #[test]
    fn log_lines_escape_and_unescape() {
        for s in ["a\nb", "c\\nd", "\r\n", "\\", "plain"] {
            assert_eq!(unescape_line(&escape_line(s)), s);
            assert!(!escape_line(s).contains('\n'));
        }
    }

    #[test]
    fn csv_is_made_for_nordic_excel() {
        let p = crate::testing::sample();
        let bytes = csv(&p, Lang::En, DEFAULT_DELIMITER);
        let text = String::from_utf8(bytes).expect("UTF-8");
        assert!(text.starts_with("\u{feff}ID;Title;"));
        assert!(text.contains("\r\n"));
        assert!(text.matches("\r\n").count() > p.initiatives.len());
        assert!(parse_delimiter(",").is_ok() && parse_delimiter("tab") == Ok(b'\t'));
        assert!(parse_delimiter("ab").is_err() && parse_delimiter("\"").is_err());
    }
}
