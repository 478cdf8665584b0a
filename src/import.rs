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
//! initiative, and `import/plan` works out what the import does.

mod columns;
mod decode;
mod mapping;
mod plan;
mod rows;
mod sheet;
mod workbook;

use std::path::{Path, PathBuf};

use jiff::civil::Date;

pub use columns::column_for;
pub use decode::windows_1252;
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
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.localized(Lang::En))
    }
}

impl Problem {
    pub fn general(message: &str) -> Problem {
        Problem { row: None, column: None, message: message.to_owned() }
    }

    pub fn at_row(row: u32, message: &str) -> Problem {
        Problem { row: Some(row), column: None, message: message.to_owned() }
    }

    pub fn at_cell(row: u32, column: usize, message: String) -> Problem {
        Problem { row: Some(row), column: Some(column), message }
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
    /// `--map`: a saved mapping.
    pub map: Option<SavedMap>,
}

impl Options {
    pub fn new(lang: Lang, today: Date) -> Options {
        Options { lang, today, date_order: None, as_new: false, map: None }
    }
}

/// A file read into rows, with what was noticed on the way (a conversion from
/// Windows-1252, the delimiter, a title row skipped, the sheet read).
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub sheet: Sheet,
    pub notes: Vec<String>,
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
        &[("size", &format!("{:.1}", size as f64 / 1_048_576.0)), ("max", &(MAX_BYTES / 1_048_576))],
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
    if matches!(named.as_deref(), Some("xlsx" | "xlsm" | "xls" | "ods")) && workbook::kind(&bytes) == workbook::Kind::Text {
        let key = if named.as_deref() == Some("xlsx") || named.as_deref() == Some("xlsm") {
            "import.xlsx_is_text"
        } else {
            "import.xlsx_old"
        };
        return Err(ImportError::bad(options.lang.t(key), Vec::new()));
    }
    load_bytes(bytes, options)
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
    let (source, rows) = match workbook::kind(&bytes) {
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
            let (rows, delimiter) =
                decode::csv_rows(&text, lang).map_err(|p| ImportError::Bad { problems: vec![p], notes: Vec::new() })?;
            if let Some(offset) = not_utf8 {
                let row = decode::row_of_offset(&text, delimiter, offset);
                notes.push(lang.tf("import.converted_1252", &[("row", &row)]));
            }
            if delimiter != b';' {
                notes.push(lang.tf("import.delimiter_note", &[("delimiter", &decode::delimiter_name(delimiter, lang))]));
            }
            (Source::Csv(delimiter), rows)
        }
    };
    let (sheet, above) = Sheet::from_rows(source, rows, is_header);
    if sheet.headers.is_empty() {
        return Err(ImportError::bad(lang.t("import.empty"), notes));
    }
    for row in above {
        let text: Vec<String> = row.cells.iter().map(|c| c.text().trim().to_owned()).filter(|t| !t.is_empty()).collect();
        let text = crate::text::one_line(&text.join(" ")).into_owned();
        notes.push(lang.tf("import.above_header", &[("row", &row.number), ("text", &text)]));
    }
    Ok(Loaded { sheet, notes })
}

/// The mapping recognised for a loaded file, with the options' map and date order.
pub fn recognise(loaded: &Loaded, options: &Options) -> Mapping {
    Mapping::recognise(&loaded.sheet, options.map.as_ref(), options.date_order)
}

/// What importing `loaded` into `portfolio` with `mapping` does.
pub fn plan(loaded: &Loaded, mapping: &Mapping, portfolio: &Portfolio, options: &Options) -> Result<Plan, ImportError> {
    plan::plan(&loaded.sheet, mapping, portfolio, options)
        .map_err(|problems| ImportError::Bad { problems, notes: loaded.notes.clone() })
}

/// Reads `path` and works out the import with the recognised mapping.
pub fn read(path: &Path, portfolio: &Portfolio, options: &Options) -> Result<(Loaded, Mapping, Plan), ImportError> {
    let loaded = load(path, options)?;
    let mapping = recognise(&loaded, options);
    let plan = plan(&loaded, &mapping, portfolio, options)?;
    Ok((loaded, mapping, plan))
}

/// Works out the import of a file's bytes (CSV or .xlsx) with the recognised mapping.
pub fn parse(bytes: &[u8], portfolio: &Portfolio, lang: Lang, today: Date) -> Result<Plan, ImportError> {
    let options = Options::new(lang, today);
    let loaded = load_bytes(bytes.to_vec(), &options)?;
    let mapping = recognise(&loaded, &options);
    plan(&loaded, &mapping, portfolio, &options)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Facet, Stage, Status};
    use jiff::civil::date;

    fn today() -> Date {
        date(2026, 11, 25)
    }

    fn parse_str(text: &str) -> Result<Parsed, ImportError> {
        parse(text.as_bytes(), &Portfolio::default(), Lang::En, today())
    }

    fn problems(result: Result<Parsed, ImportError>) -> Vec<String> {
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
                "line 5: Facet: “adaptive_x” is not one of Mission-oriented, Anticipatory, Enhancement-oriented, \
             Adaptive, Mixed, Unplaced (the same words in Swedish, Danish and Norwegian also work)."
            ]
        );
        let ok = parse_str(&csv.replace("adaptive_x", "enhancement_oriented")).expect("parses");
        let facets: Vec<Facet> = ok.initiatives.iter().map(|i| i.facet).collect();
        assert_eq!(
            facets,
            [
                Facet::MissionOriented,
                Facet::Anticipatory,
                Facet::EnhancementOriented,
                Facet::EnhancementOriented
            ]
        );
        assert_eq!(ok.initiatives[1].status, Status::Completed);
        assert_eq!(ok.initiatives[2].stage, Stage::Evaluating);
        assert_eq!(ok.initiatives[0].created, Some(today()), "no Created column: created today");
    }

    #[test]
    fn delimiters_and_unknown_columns() {
        let ok = parse_str("title,colour,owner\r\nA,red,Anna\r\n").expect("parses");
        assert_eq!(ok.ignored, ["colour"]);
        assert_eq!(ok.initiatives[0].owner, "Anna");
        assert_eq!(parse_str("title\towner\nA\tB\n").expect("tabs").initiatives[0].owner, "B");
    }

    #[test]
    fn bad_rows_are_reported_with_line_numbers() {
        let text = "title;facet;follow-up\n;adaptiv;\nB;adaptiv;soon\n\"C\nstill C\";adaptiv\nD;adaptiv;2026-01-01\n";
        let got = problems(parse_str(text));
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(problems(parse_str(&text.replace('\n', "\r\n"))), got, "the same lines with CRLF");
        assert!(got[0].starts_with("line 2: ") && got[0].contains("title"), "{got:?}");
        assert!(got[1].starts_with("line 3: ") && got[1].contains("soon"), "{got:?}");
        assert!(got[2].starts_with("line 4: ") && got[2].contains("2 fields"), "{got:?}");
    }

    #[test]
    fn an_open_quote_is_found() {
        let got = problems(parse_str("title;owner\nA;B\n\"C;D\nE;F\n"));
        assert_eq!(got.len(), 1);
        assert!(got[0].starts_with("line 3: "), "{got:?}");
        assert!(parse_str("title;owner\n\"say \"\"hi\"\"\";x\n").is_ok());
    }

    #[test]
    fn windows_1252_is_converted_and_said() {
        let bytes = b"titel;\xe4gare\nK\xf6k;Bj\x96rn \x80\n".to_vec();
        let ok = parse(&bytes, &Portfolio::default(), Lang::En, today()).expect("converted");
        assert_eq!(ok.initiatives[0].title, "Kök");
        assert_eq!(ok.initiatives[0].owner, "Bj–rn €");
        assert!(ok.notes.iter().any(|n| n.contains("Windows-1252")));
        let utf16: Vec<u8> = "title\nÅsa\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let ok = parse(&[&[0xFF, 0xFE][..], &utf16].concat(), &Portfolio::default(), Lang::En, today())
            .expect("utf16");
        assert_eq!(ok.initiatives[0].title, "Åsa");
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
        let change = into_change(&mut p, vec![Initiative::default(), Initiative::default()]);
        change.apply(&mut p);
        assert_eq!(p.initiatives.iter().map(|i| i.id).collect::<Vec<_>>(), [7, 8, 9]);
        assert_eq!(p.next_id.initiative, 10);
    }
}
