//! `fasett import FILE.csv|FILE.xlsx` and `:import FILE`: initiatives from a spreadsheet, new
//! ones added and, from a sheet this portfolio exported, edited ones updated.
//!
//! Reads what [`crate::export`] writes and what people keep their registers in, in any of our
//! four languages:
//! - CSV: UTF-8 with or without a byte-order mark, UTF-16 with one (Excel's "Unicode text"),
//!   and, when the bytes are not UTF-8, Windows-1252 (older Excel), converted and said so;
//!   the delimiter (`;`, `,` or tab) found, or named by Excel's `sep=;` first line; CRLF or LF.
//! - .xlsx: typed cells (text, numbers, dates, yes/no), the first sheet with a header.
//! - A title row above the header is skipped; short rows are padded.
//! - Headers and the words of every choice are recognised case- and accent-insensitively in
//!   English, Swedish, Danish and Norwegian (the [`Mapping`]); a saved map file (`--map`)
//!   overrides. A column that fills no field is kept (`other_columns`) and written back by the
//!   export; nothing is dropped unless the mapping says so.
//! - Dates in every Nordic form; one that reads both ways is refused unless the date order is
//!   known (given, or shown by another date of the file).
//!
//! Every problem names the spreadsheet row (and the column's letter) as a spreadsheet shows
//! it, and nothing is imported if any row is bad. Rows carrying this portfolio's identity
//! update the initiatives their IDs name; every other row becomes a new initiative with a new
//! id ([`Plan`]).
//!
//! This file is the surface (reading a file, [`Options`], [`Problem`], [`ImportError`]);
//! `import/decode` turns CSV bytes into rows, `import/workbook` does so for .xlsx,
//! `import/sheet` finds the header, `import/columns` knows the headers and words,
//! `import/mapping` is the mapping and its file, `import/rows` turns one row into an
//! initiative (`import/triage` checks the idea triage column), `import/plan` works out what
//! the import does, and `import/diff` says each change old → new.
//!
//! A checklist run from a survey export goes another way: `import/table` reads a file into a
//! [`table::Table`] of cells (through the same decoding), and `import/survey` turns the cells
//! into one run's responses ([`read_survey`]).

mod benefits;
mod columns;
mod decode;
mod diff;
mod headers;
pub mod ideas;
mod mapping;
mod plan;
mod rows;
mod sheet;
mod stamp;
pub mod survey;
pub mod table;
mod triage;
mod workbook;

use std::path::{Path, PathBuf};

use jiff::civil::Date;

pub use benefits::TableFile;
pub use decode::windows_1252;
pub use diff::FieldChange;
pub use headers::column_for;
pub use mapping::{
    Choice, ColumnMap, MapError, Mapping, OrderFrom, SavedMap, Target, ValueMap, is_date as is_date_column,
};
pub use plan::{Plan, Update, ranges};
pub use sheet::{Cell, Row, Sheet, Source, column_letter, number_text};

use crate::dates::DateOrder;
use crate::i18n::Lang;
use crate::model::Portfolio;

/// Larger files are refused before reading: a portfolio of 10,000 initiatives with long logs
/// is a few megabytes, so anything this size is not a register export.
pub const MAX_BYTES: u64 = 32 * 1024 * 1024;

/// One thing wrong with the file, at a row (and a column) when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The row as a spreadsheet numbers it.
    pub row: Option<u32>,
    /// The column's index (0 is `A`).
    pub column: Option<usize>,
    pub message: String,
    /// The row's initiative was changed in fasett after the sheet was exported; choosing to
    /// overwrite (`--overwrite`) lets it through.
    pub stale: bool,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.localized(Lang::En))
    }
}

impl Problem {
    pub fn general(message: &str) -> Problem {
        Problem { row: None, column: None, message: message.to_owned(), stale: false }
    }

    pub fn at_row(row: u32, message: &str) -> Problem {
        Problem { row: Some(row), column: None, message: message.to_owned(), stale: false }
    }

    pub fn at_cell(row: u32, column: usize, message: String) -> Problem {
        Problem { row: Some(row), column: Some(column), message, stale: false }
    }

    /// The problem with "row N, column C" in the interface language.
    pub fn localized(&self, lang: Lang) -> String {
        match (self.row, self.column) {
            (Some(row), Some(column)) => lang.tf(
                "import.at_cell",
                &[("row", &row), ("column", &column_letter(column)), ("message", &self.message)],
            ),
            (Some(row), None) => lang.tf("import.at_row", &[("row", &row), ("message", &self.message)]),
            _ => self.message.clone(),
        }
    }
}

/// How to import: the language, today, and what the user decided.
#[derive(Debug, Clone)]
pub struct Options {
    pub lang: Lang,
    pub today: Date,
    /// `--date-order`: how to read dates such as 9/1/2025.
    pub date_order: Option<DateOrder>,
    /// `--as-new`: rows with another portfolio's IDs become new initiatives.
    pub as_new: bool,
    /// `--overwrite`: rows whose initiatives were changed in fasett after the sheet was
    /// exported are imported all the same, overwriting those changes.
    pub overwrite: bool,
    /// The local time zone: the times in messages are said in it, and a date-only `Updated`
    /// cell is a day in it.
    pub zone: jiff::tz::TimeZone,
    /// `--map`: a saved mapping.
    pub map: Option<SavedMap>,
}

impl Options {
    pub fn new(lang: Lang, today: Date) -> Options {
        Options {
            lang,
            today,
            date_order: None,
            as_new: false,
            overwrite: false,
            zone: jiff::tz::TimeZone::system(),
            map: None,
        }
    }
}

/// A file read into rows, with what was noticed on the way (a conversion from
/// Windows-1252, the delimiter, a title row skipped, the sheet read).
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub sheet: Sheet,
    pub notes: Vec<String>,
    /// The benefits and measurements tables found beside a CSV file (`x-benefits.csv`,
    /// `x-measurements.csv`), for the new initiatives the import adds.
    pub tables: Vec<TableFile>,
}

/// Why nothing was imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read at all (exit 1).
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// The file was read but cannot be imported (exit 2); `notes` as in [`Loaded`]. One
    /// problem per line.
    #[error("{}", one_per_line(.problems))]
    Bad { problems: Vec<Problem>, notes: Vec<String> },
}

impl ImportError {
    pub fn is_bad_data(&self) -> bool {
        matches!(self, ImportError::Bad { .. })
    }

    fn bad(message: &str, notes: Vec<String>) -> ImportError {
        ImportError::Bad { problems: vec![Problem::general(message)], notes }
    }
}

fn one_per_line(problems: &[Problem]) -> String {
    problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

fn too_large(size: u64, lang: Lang) -> String {
    lang.tf(
        "import.too_large",
        &[("size", &lang.decimal(size as f64 / 1_048_576.0, 1)), ("max", &(MAX_BYTES / 1_048_576))],
    )
}

/// Reads `path` into rows (checking its size first): a workbook by its first bytes (or an
/// `.xlsx` name, which then must be one), else CSV text.
pub fn load(path: &Path, options: &Options) -> Result<Loaded, ImportError> {
    let io = |source| ImportError::Io { path: path.to_path_buf(), source };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_BYTES {
        return Err(ImportError::bad(&too_large(size, options.lang), Vec::new()));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let named = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    if matches!(named.as_deref(), Some("xlsx" | "xlsm" | "xls" | "ods"))
        && workbook::kind(&bytes) == workbook::Kind::Text
    {
        let key = if named.as_deref() == Some("xlsx") || named.as_deref() == Some("xlsm") {
            "import.xlsx_is_text"
        } else {
            "import.xlsx_old"
        };
        return Err(ImportError::bad(options.lang.t(key), Vec::new()));
    }
    let mut loaded = load_bytes(bytes, options)?;
    if matches!(loaded.sheet.source, Source::Csv(_)) {
        loaded.tables = benefits::files_beside(path, options.lang)
            .map_err(|problems| ImportError::Bad { problems, notes: loaded.notes.clone() })?;
    }
    Ok(loaded)
}

/// Reads a survey export at `path` (checking its size first) as a run of `template`.
pub fn read_survey(
    path: &Path,
    template: &crate::model::Template,
    options: &survey::Options,
    lang: Lang,
) -> Result<survey::Survey, ImportError> {
    let io = |source| ImportError::Io { path: path.to_path_buf(), source };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_BYTES {
        return Err(ImportError::bad(&too_large(size, lang), Vec::new()));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let table = table::Table::from_csv(&bytes, lang)
        .map_err(|(problems, notes)| ImportError::Bad { problems, notes })?;
    survey::read(&table, template, options, lang)
}

/// Whether a header row names a title column (through the map, if there is one).
fn names_a_title(headers: &[String], map: Option<&SavedMap>) -> bool {
    headers.iter().any(|h| {
        let target = map.and_then(|m| m.target(h));
        target == Some(Target::Field(crate::export::Column::Title))
            || (target.is_none() && column_for(h) == Some(crate::export::Column::Title))
    })
}

/// Reads a file's bytes into rows.
pub fn load_bytes(bytes: Vec<u8>, options: &Options) -> Result<Loaded, ImportError> {
    let lang = options.lang;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(ImportError::bad(&too_large(bytes.len() as u64, lang), Vec::new()));
    }
    let mut notes = Vec::new();
    let is_header = |h: &[String]| names_a_title(h, options.map.as_ref());
    let (source, rows) =
        match workbook::kind(&bytes) {
            workbook::Kind::Compound => {
                return Err(ImportError::bad(&workbook::compound_message(&bytes, lang), notes));
            }
            workbook::Kind::Zip => {
                let (name, rows, count) =
                    workbook::rows(bytes, lang, is_header).map_err(|m| ImportError::bad(&m, Vec::new()))?;
                if count > 1 {
                    notes.push(lang.tf("import.sheet_read", &[("sheet", &name), ("count", &count)]));
                }
                (Source::Workbook(name), rows)
            }
            workbook::Kind::Text => {
                let (text, not_utf8) = decode::decode(&bytes);
                if text.trim().is_empty() {
                    return Err(ImportError::bad(lang.t("import.empty"), notes));
                }
                let (rows, delimiter) = decode::csv_rows(&text, lang)
                    .map_err(|p| ImportError::Bad { problems: vec![p], notes: Vec::new() })?;
                if let Some(offset) = not_utf8 {
                    let row = decode::row_of_offset(&text, delimiter, offset);
                    notes.push(lang.tf("import.converted_1252", &[("row", &row)]));
                }
                if delimiter != b';' {
                    notes.push(lang.tf(
                        "import.delimiter_note",
                        &[("delimiter", &decode::delimiter_name(delimiter, lang))],
                    ));
                }
                (Source::Csv(delimiter), rows)
            }
        };
    let (sheet, above) = Sheet::from_rows(source, rows, is_header);
    if sheet.headers.is_empty() {
        return Err(ImportError::bad(lang.t("import.empty"), notes));
    }
    for row in above {
        let text: Vec<String> =
            row.cells.iter().map(|c| c.text().trim().to_owned()).filter(|t| !t.is_empty()).collect();
        let text = crate::text::one_line(&text.join(" ")).into_owned();
        notes.push(lang.tf("import.above_header", &[("row", &row.number), ("text", &text)]));
    }
    Ok(Loaded { sheet, notes, tables: Vec::new() })
}

/// The mapping recognised for a loaded file, with the options' map and date order.
pub fn recognise(loaded: &Loaded, options: &Options) -> Mapping {
    Mapping::recognise(&loaded.sheet, options.map.as_ref(), options.date_order)
}

/// What importing `loaded` into `portfolio` with `mapping` does, with the benefits and
/// measurements of the tables beside the file added to the new initiatives.
pub fn plan(
    loaded: &Loaded,
    mapping: &Mapping,
    portfolio: &Portfolio,
    options: &Options,
) -> Result<Plan, ImportError> {
    let bad = |problems| ImportError::Bad { problems, notes: loaded.notes.clone() };
    let mut plan = plan::plan(&loaded.sheet, mapping, portfolio, options).map_err(bad)?;
    if !loaded.tables.is_empty() {
        add_tables(&mut plan, &loaded.tables, portfolio, options).map_err(bad)?;
    }
    Ok(plan)
}

/// Adds the benefits and measurements of the tables `fasett export` writes beside the
/// initiatives to the plan's new initiatives: each benefit to the initiative whose row had
/// its initiative ID. Rows for initiatives `portfolio` has (a sheet it exported, brought
/// back) are passed over: those keep their benefits. All rows or none.
pub fn add_tables(
    plan: &mut Plan,
    files: &[TableFile],
    portfolio: &Portfolio,
    options: &Options,
) -> Result<(), Vec<Problem>> {
    let existing = |id| !portfolio.id.is_empty() && portfolio.initiative(id).is_some();
    let mut imported = benefits::Imported {
        initiatives: &mut plan.added,
        source_ids: &plan.added_sources,
        existing: &existing,
    };
    benefits::read_tables(files, &mut imported, options.lang, options.today, &mut plan.notes)
}

/// Reads `path` and works out the import with the recognised mapping.
pub fn read(
    path: &Path,
    portfolio: &Portfolio,
    options: &Options,
) -> Result<(Loaded, Mapping, Plan), ImportError> {
    let loaded = load(path, options)?;
    let mapping = recognise(&loaded, options);
    let plan = plan(&loaded, &mapping, portfolio, options)?;
    Ok((loaded, mapping, plan))
}

/// Works out the import of a file's bytes (CSV or .xlsx) with the recognised mapping.
pub fn parse(bytes: &[u8], portfolio: &Portfolio, lang: Lang, today: Date) -> Result<Plan, ImportError> {
    parse_with(bytes, portfolio, &Options::new(lang, today))
}

/// [`parse`] with the user's options.
pub fn parse_with(bytes: &[u8], portfolio: &Portfolio, options: &Options) -> Result<Plan, ImportError> {
    let loaded = load_bytes(bytes.to_vec(), options)?;
    let mapping = recognise(&loaded, options);
    plan(&loaded, &mapping, portfolio, options)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::Column;
    use crate::model::{Facet, Initiative, Stage, Status};
    use jiff::civil::date;

    fn today() -> Date {
        date(2026, 11, 25)
    }

    fn parse_str(text: &str) -> Result<Plan, ImportError> {
        parse(text.as_bytes(), &Portfolio::default(), Lang::En, today())
    }

    fn problems(result: Result<Plan, ImportError>) -> Vec<String> {
        match result {
            Err(ImportError::Bad { problems, .. }) => problems.iter().map(ToString::to_string).collect(),
            other => panic!("expected bad data, got {other:?}"),
        }
    }

    #[test]
    fn headers_and_words_in_four_languages() {
        for (h, c) in [
            ("Titel", Column::Title),
            ("NAVN", Column::Title),
            ("Beskrivelse", Column::Description),
            ("Ägare", Column::Owner),
            ("ejer", Column::Owner),
            ("Förvaltning", Column::Unit),
            ("Enhed", Column::Unit),
            ("Fas", Column::Stage),
            ("Fase", Column::Stage),
            ("Spår", Column::Track),
            ("Stikkord", Column::Tags),
            ("Uppföljning", Column::FollowUp),
            ("Oppfølging", Column::FollowUp),
            ("follow_up", Column::FollowUp),
        ] {
            assert_eq!(column_for(h), Some(c), "{h}");
        }
        let csv = "Titel;Fasett;Fas;Status;Spår\nA;missionsorienterad;Genomförande;Aktiv;lokal\n\
                   B;foregribende;evaluering;afsluttet;radikal\nC;Forbedringsorientert;5;pauset;\n\
                   D;adaptive_x;1;active;\n";
        assert_eq!(
            problems(parse_str(csv)),
            [
                "row 5, column B: Facet: “adaptive_x” is not one of Mission-oriented, Anticipatory, Enhancement-oriented, \
             Adaptive, Mixed, Unplaced (the same words in Swedish, Danish and Norwegian also work)."
            ]
        );
        let ok = parse_str(&csv.replace("adaptive_x", "enhancement_oriented")).expect("parses");
        let facets: Vec<Facet> = ok.added.iter().map(|i| i.facet).collect();
        assert_eq!(
            facets,
            [
                Facet::MissionOriented,
                Facet::Anticipatory,
                Facet::EnhancementOriented,
                Facet::EnhancementOriented
            ]
        );
        assert_eq!(ok.added[1].status, Status::Completed);
        assert_eq!(ok.added[2].stage, Stage::Evaluating);
        assert_eq!(ok.added[0].created, Some(today()), "no Created column: created today");
    }

    #[test]
    fn delimiters_and_unknown_columns() {
        let ok = parse_str("title,colour,owner\r\nA,red,Anna\r\n").expect("parses");
        assert_eq!(
            ok.added[0].extra["other_columns"],
            serde_json::json!({"colour": "red"}),
            "kept, not dropped"
        );
        assert_eq!(ok.added[0].owner, "Anna");
        assert_eq!(parse_str("title\towner\nA\tB\n").expect("tabs").added[0].owner, "B");
        let sep = parse_str("sep=,\ntitle,owner\nA;1,B\n").expect("Excel's sep line");
        assert_eq!((sep.added[0].title.as_str(), sep.added[0].owner.as_str()), ("A;1", "B"));
    }

    #[test]
    fn bad_rows_are_reported_with_row_numbers_and_columns() {
        let text = "title;facet;follow-up\n;adaptiv;\nB;adaptiv;soon\n\"C\nstill C\";adaptivx\nD;adaptiv;2026-01-01\n";
        let got = problems(parse_str(text));
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(problems(parse_str(&text.replace('\n', "\r\n"))), got, "the same rows with CRLF");
        assert!(got[0].starts_with("row 2, column A: ") && got[0].contains("title"), "{got:?}");
        assert!(got[1].starts_with("row 3, column C: ") && got[1].contains("soon"), "{got:?}");
        assert!(
            got[2].starts_with("row 4, column B: ") && got[2].contains("adaptivx"),
            "a cell with a line break is one row: {got:?}"
        );
        let short = parse_str("title;facet;owner\nA;adaptiv\n").expect("a short row is padded");
        assert_eq!(short.added[0].owner, "");
    }

    #[test]
    fn a_creation_date_in_the_future_is_imported_and_said_at_its_cell() {
        let text = "Titel;Skapad\nA;2026-12-01\nB;2026-11-25\nC;\n";
        let plan = parse(text.as_bytes(), &Portfolio::default(), Lang::Sv, today()).expect("imported");
        assert_eq!(plan.added.len(), 3, "every row kept");
        assert_eq!(plan.added[0].created, Some(date(2026, 12, 1)), "as written");
        let said: Vec<String> = plan.warnings.iter().map(|w| w.localized(Lang::Sv)).collect();
        assert_eq!(said.len(), 1, "today is not the future: {said:?}");
        assert!(said[0].starts_with("rad 2, kolumn B: Skapad: ”2026-12-01” ligger i framtiden"), "{said:?}");
    }

    #[test]
    fn an_open_quote_is_found() {
        let got = problems(parse_str("title;owner\nA;B\n\"C;D\nE;F\n"));
        assert_eq!(got.len(), 1);
        assert!(got[0].starts_with("row 3: "), "{got:?}");
        assert!(parse_str("title;owner\n\"say \"\"hi\"\"\";x\n").is_ok());
    }

    #[test]
    fn windows_1252_is_converted_and_said() {
        let bytes = b"titel;\xe4gare\nK\xf6k;Bj\x96rn \x80\n".to_vec();
        let ok = parse(&bytes, &Portfolio::default(), Lang::En, today()).expect("converted");
        assert_eq!(ok.added[0].title, "Kök");
        assert_eq!(ok.added[0].owner, "Bj–rn €");
        let loaded = load_bytes(bytes, &Options::new(Lang::En, today())).expect("loads");
        assert!(
            loaded.notes.iter().any(|n| n.contains("Windows-1252") && n.contains("row 1")),
            "{:?}",
            loaded.notes
        );
        let utf16: Vec<u8> = "title\nÅsa\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let ok = parse(&[&[0xFF, 0xFE][..], &utf16].concat(), &Portfolio::default(), Lang::En, today())
            .expect("utf16");
        assert_eq!(ok.added[0].title, "Åsa");
    }

    #[test]
    fn no_title_column_names_what_was_found() {
        let got = problems(parse_str("name|owner\nA|B\n"));
        assert!(got[0].contains("name|owner"), "{got:?}");
    }

    #[test]
    fn new_ids_follow_the_portfolio() {
        let mut p = Portfolio::default();
        p.initiatives.push(Initiative { id: 7, ..Initiative::default() });
        let plan = Plan { added: vec![Initiative::default(), Initiative::default()], ..Plan::default() };
        let change = plan.change(&mut p, false);
        change.apply(&mut p);
        assert_eq!(p.initiatives.iter().map(|i| i.id).collect::<Vec<_>>(), [7, 8, 9]);
        assert_eq!(p.next_id.initiative, 10);
        assert_eq!(Plan::added_ids(&change), [8, 9]);
    }

    #[test]
    fn a_kommuns_statuses_dates_and_categories() {
        let csv = "Idéregister Sjöbacka 2025\n\nIdé;Status;Datum;Kategori;Kostnad\n\
                   Nattfasta;Pågår;01-09-2025;Omsorg;12 000\nLånecykel;Ny;15.03.26;Miljö;\n\
                   Skolmat;Avslag;2025-02-03\n";
        let plan = parse_str(csv).expect("imports with no hand editing");
        let [a, b, c] = &plan.added[..] else { panic!("three rows: {plan:?}") };
        assert_eq!((a.status, a.stage), (Status::Active, Stage::Implementing));
        assert_eq!((b.status, b.stage), (Status::Active, Stage::GeneratingIdeas));
        assert_eq!(c.status, Status::Stopped);
        assert_eq!(a.created, Some(date(2025, 9, 1)), "the row's own date, Danish style");
        assert_eq!(b.created, Some(date(2026, 3, 15)));
        assert_eq!(a.tags, ["Omsorg"]);
        assert_eq!(a.extra["other_columns"]["Kostnad"], "12 000");
        assert!(!c.extra.contains_key("other_columns"), "an empty cell keeps nothing");
    }

    #[test]
    fn dates_that_read_two_ways_are_refused_unless_the_order_is_known() {
        let got = problems(parse_str("title;start\nA;9/1/2025\n"));
        assert!(got[0].contains("2025-01-09") && got[0].contains("2025-09-01"), "{got:?}");
        let found = parse_str("title;start\nA;9/1/2025\nB;25/1/2025\n").expect("row 3 shows the order");
        assert_eq!(found.added[0].start, Some(date(2025, 1, 9)));
        let mut options = Options::new(Lang::En, today());
        options.date_order = Some(DateOrder::Mdy);
        let loaded = load_bytes(b"title;start\nA;9/1/2025\n".to_vec(), &options).expect("loads");
        let mdy = plan(&loaded, &recognise(&loaded, &options), &Portfolio::default(), &options).expect("mdy");
        assert_eq!(mdy.added[0].start, Some(date(2025, 9, 1)));
    }

    #[test]
    fn goals_must_match_number_and_name() {
        let mut p = Portfolio::default();
        p.organisation.goals.push(crate::model::Goal {
            id: 1,
            title: "Ekonomi i balans".into(),
            ..Default::default()
        });
        let read = |cell: &str| parse(format!("title;goals\nA;{cell}\n").as_bytes(), &p, Lang::En, today());
        assert_eq!(read("#1 Ekonomi i Balans").expect("case does not matter").added[0].goals, [1]);
        assert_eq!(read("#1").expect("a number alone").added[0].goals, [1]);
        assert_eq!(read("ekonomi i balans").expect("a name alone").added[0].goals, [1]);
        let wrong = problems(read("#1 Trygg och värdig äldreomsorg"));
        assert!(
            wrong[0].starts_with("row 2, column B: ") && wrong[0].contains("#1 Ekonomi i balans"),
            "{wrong:?}"
        );
        let unknown = problems(read("#9"));
        assert!(unknown[0].contains("#9") && unknown[0].contains("Ekonomi i balans"), "{unknown:?}");
    }

    #[test]
    fn control_characters_are_taken_out_and_counted() {
        let plan = parse_str("title;owner\nA\u{1b}[31m;B\u{0}\n").expect("parses");
        assert_eq!(plan.added[0].title, "A[31m");
        assert_eq!(plan.added[0].owner, "B");
        assert_eq!(plan.stripped, 2);
    }

    #[test]
    fn a_sheet_of_this_portfolio_updates_and_one_of_another_does_not_overwrite() {
        let mut p = Portfolio { id: "ours".into(), ..Portfolio::default() };
        p.initiatives.push(Initiative { id: 1, title: "A".into(), ..Initiative::default() });
        p.initiatives.push(Initiative { id: 2, title: "B".into(), ..Initiative::default() });
        let plan =
            parse(b"ID;Title;Owner;Portfolio\n1;A;Anna;ours\n2;B;;ours\n;C;;\n", &p, Lang::En, today())
                .expect("parses");
        assert_eq!((plan.added.len(), plan.updates.len(), plan.unchanged), (1, 1, 1));
        assert_eq!(plan.updates[0].fields, ["Owner"]);
        assert_eq!(plan.summary(Lang::En), "1 new, 1 changed (Owner), 1 unchanged, nothing removed");
        let foreign = problems(parse(b"ID;Title;Portfolio\n1;X;theirs\n", &p, Lang::En, today()));
        assert!(foreign[0].starts_with("row 2, column A: ") && foreign[0].contains("#1"), "{foreign:?}");
        let free = parse(b"ID;Title;Portfolio\n7;X;theirs\n", &p, Lang::En, today()).expect("no clash");
        assert_eq!(free.added.len(), 1);
        let gone = problems(parse(b"ID;Title;Portfolio\n9;X;ours\n", &p, Lang::En, today()));
        assert!(gone[0].contains("#9"), "{gone:?}");
        let twice = problems(parse(b"ID;Title;Portfolio\n1;X;ours\n1;Y;ours\n", &p, Lang::En, today()));
        assert!(twice[0].starts_with("row 3, column A: "), "{twice:?}");
    }
}
