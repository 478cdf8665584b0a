//! `fasett import FILE.csv` and `:import FILE`: initiatives from a spreadsheet export.
//!
//! Reads what [`crate::export`] writes and what people save from Excel, Numbers or
//! `LibreOffice` in any of our four languages:
//! - encoding: UTF-8 with or without a byte-order mark, UTF-16 with one (Excel's "Unicode
//!   text"), and, when the bytes are not UTF-8, Windows-1252 (older Excel), converted and said
//!   so;
//! - the delimiter (`;`, `,` or tab) is found from the header line; CRLF or LF;
//! - headers are matched case- and accent-insensitively against English, Swedish, Danish and
//!   Norwegian names ([`column_for`]); unknown columns are ignored and named;
//! - choices (facet, stage, status, track, …) in all four languages, and the JSON keys.
//!
//! Every bad row is reported with its line number and the reason, and nothing is imported if
//! any row is bad. Imported initiatives always get new ids.
//!
//! This file is the surface (`read`, `parse`, `into_change` and their types); `import/decode`
//! turns bytes into text and finds the delimiter, `import/columns` knows the headers and the
//! words of every choice, and `import/rows` turns one row into an initiative.

mod benefits;
mod columns;
mod decode;
mod rows;

use std::path::{Path, PathBuf};

use jiff::civil::Date;

pub use benefits::TableFile;
pub use columns::column_for;
pub use decode::windows_1252;

use crate::export::{self, Column};
use crate::history::Change;
use crate::i18n::Lang;
use crate::model::{Collection, Id, Initiative, Portfolio};

/// Larger files are refused before reading: a portfolio of 10,000 initiatives with long logs
/// is a few megabytes, so anything this size is not a register export.
pub const MAX_BYTES: u64 = 32 * 1024 * 1024;

/// One thing wrong with the file, at a line when there is one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", .line.map(|line| format!("line {line}: ")).unwrap_or_default())]
pub struct Problem {
    pub line: Option<u64>,
    pub message: String,
}

impl Problem {
    /// The problem with "line N" in the interface language.
    pub fn localized(&self, lang: Lang) -> String {
        match self.line {
            Some(line) => lang.tf("import.at_line", &[("line", &line), ("message", &self.message)]),
            None => self.message.clone(),
        }
    }
}

/// A file that could be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The initiatives, in file order, with id 0 (see [`into_change`]); their benefits and
    /// measurements (from the tables beside the file) with id 0 too.
    pub initiatives: Vec<Initiative>,
    /// The ID each initiative had in the file (its `ID` column), which the benefits table
    /// beside it refers to.
    pub source_ids: Vec<Option<Id>>,
    /// Headers that match no field, ignored.
    pub ignored: Vec<String>,
    /// What was noticed and handled: a conversion from Windows-1252, the delimiter found.
    pub notes: Vec<String>,
}

/// Why nothing was imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read at all (exit 1).
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// The file was read but is not a usable CSV (exit 2); `notes` as in [`Parsed`]. One
    /// problem per line.
    #[error("{}", one_per_line(.problems))]
    Bad { problems: Vec<Problem>, notes: Vec<String> },
}

impl ImportError {
    pub fn is_bad_data(&self) -> bool {
        matches!(self, ImportError::Bad { .. })
    }
}

fn one_per_line(problems: &[Problem]) -> String {
    problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

/// Reads and parses `path` (checking its size first).
pub fn read(path: &Path, portfolio: &Portfolio, lang: Lang, today: Date) -> Result<Parsed, ImportError> {
    let io = |source| ImportError::Io { path: path.to_path_buf(), source };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_BYTES {
        let message = lang.tf(
            "import.too_large",
            &[("size", &format!("{:.1}", size as f64 / 1_048_576.0)), ("max", &(MAX_BYTES / 1_048_576))],
        );
        return Err(ImportError::Bad { problems: vec![Problem { line: None, message }], notes: vec![] });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let mut parsed = parse(&bytes, portfolio, lang, today)?;
    match benefits::files_beside(path, lang) {
        Ok(files) => add_tables(&mut parsed, &files, lang, today)?,
        Err(problems) => return Err(ImportError::Bad { problems, notes: parsed.notes }),
    }
    Ok(parsed)
}

/// Adds the benefits and measurements of the tables `fasett export` writes beside the
/// initiatives (`x-benefits.csv`, `x-measurements.csv`) to what [`parse`] read: each
/// benefit to the initiative with its ID in the initiatives file. All rows or none.
pub fn add_tables(
    parsed: &mut Parsed,
    files: &[TableFile],
    lang: Lang,
    today: Date,
) -> Result<(), ImportError> {
    let mut imported =
        benefits::Imported { initiatives: &mut parsed.initiatives, source_ids: &parsed.source_ids };
    benefits::read_tables(files, &mut imported, lang, today, &mut parsed.notes)
        .map_err(|problems| ImportError::Bad { problems, notes: parsed.notes.clone() })
}

/// Parses CSV bytes into initiatives for `portfolio` (whose goals named by title are found).
pub fn parse(bytes: &[u8], portfolio: &Portfolio, lang: Lang, today: Date) -> Result<Parsed, ImportError> {
    let mut notes = Vec::new();
    let bad = |problems: Vec<Problem>, notes: Vec<String>| Err(ImportError::Bad { problems, notes });
    if bytes.len() as u64 > MAX_BYTES {
        let message = lang.tf(
            "import.too_large",
            &[
                ("size", &format!("{:.1}", bytes.len() as f64 / 1_048_576.0)),
                ("max", &(MAX_BYTES / 1_048_576)),
            ],
        );
        return bad(vec![Problem { line: None, message }], notes);
    }
    let text = decode::decode(bytes, lang, &mut notes);
    if text.trim().is_empty() {
        return bad(vec![Problem { line: None, message: lang.t("import.empty").to_owned() }], notes);
    }
    let delimiter = decode::detect_delimiter(&text);
    if let Some(line) = decode::unclosed_quote(&text, delimiter) {
        let problem = Problem { line: Some(line), message: lang.t("import.open_quote").to_owned() };
        return bad(vec![problem], notes);
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => return bad(vec![Problem { line: Some(1), message: e.to_string() }], notes),
    };
    let columns::Header { columns, ignored, mut problems } = columns::recognise(&headers, lang);
    if !columns.contains(&Some(Column::Title)) {
        let found = headers.iter().map(|h| format!("“{}”", h.trim())).collect::<Vec<_>>().join(", ");
        let message = lang.tf(
            "import.no_title_column",
            &[("found", &found), ("delimiter", &decode::delimiter_name(delimiter, lang))],
        );
        problems.push(Problem { line: Some(1), message });
        return bad(problems, notes);
    }
    if !problems.is_empty() {
        return bad(problems, notes);
    }
    if delimiter != b';' {
        notes.push(
            lang.tf("import.delimiter_note", &[("delimiter", &decode::delimiter_name(delimiter, lang))]),
        );
    }
    let rows = rows::Rows::new(portfolio, &columns, lang, today);
    let mut initiatives = Vec::new();
    let mut source_ids = Vec::new();
    let id_column = columns.iter().position(|c| *c == Some(Column::Id));
    // The reader's own line numbers lag by one after CRLF; count from byte offsets instead.
    let newlines: Vec<usize> = decode::memchr_all(text.as_bytes(), b'\n');
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(csv::Position::line);
                problems.push(Problem { line, message: e.to_string() });
                break;
            }
        }
        let line = line_of(&text, &newlines, record.position().map_or(0, csv::Position::byte));
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() != columns.len() {
            problems.push(Problem {
                line: Some(line),
                message: lang.tn(
                    "import.ragged",
                    record.len(),
                    &[("found", &record.len()), ("expected", &columns.len())],
                ),
            });
            continue;
        }
        match rows.initiative(&record, &columns) {
            Ok(i) => {
                initiatives.push(i);
                let cell = id_column.and_then(|ix| record.get(ix)).map(export::unguard);
                source_ids.push(cell.and_then(|c| c.trim().trim_start_matches('#').parse().ok()));
            }
            Err(errors) => {
                problems.extend(errors.into_iter().map(|message| Problem { line: Some(line), message }));
            }
        }
    }
    if problems.is_empty() {
        Ok(Parsed { initiatives, source_ids, ignored, notes })
    } else {
        bad(problems, notes)
    }
}

/// The 1-based line of the record starting at `byte` (skipping the line break before it).
pub(super) fn line_of(text: &str, newlines: &[usize], byte: u64) -> u64 {
    let mut at = usize::try_from(byte).unwrap_or(usize::MAX).min(text.len());
    let bytes = text.as_bytes();
    while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
        at += 1;
    }
    newlines.partition_point(|n| *n < at) as u64 + 1
}

/// Gives the parsed initiatives new ids after everything in `portfolio` and returns them as
/// one change (one undo step in the app).
pub fn into_change(portfolio: &mut Portfolio, initiatives: Vec<Initiative>) -> Change {
    let mut changes = Vec::with_capacity(initiatives.len());
    if initiatives.is_empty() {
        return Change::Batch(changes);
    }
    // One scan for each first id; the rest follow it (allocate_id scans every time).
    let first = portfolio.allocate_id(Collection::Initiative);
    let mut next = first;
    let mut benefit = portfolio.allocate_id(Collection::Benefit);
    let mut measurement = portfolio.allocate_id(Collection::Measurement);
    for mut i in initiatives {
        i.id = next;
        next = next.saturating_add(1);
        for b in &mut i.benefits {
            b.id = benefit;
            benefit = benefit.saturating_add(1);
            for m in &mut b.measurements {
                m.id = measurement;
                measurement = measurement.saturating_add(1);
            }
        }
        changes.push(Change::initiative(None, Some(i)));
    }
    portfolio.next_id.initiative = next;
    portfolio.next_id.benefit = benefit;
    portfolio.next_id.measurement = measurement;
    Change::Batch(changes)
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
