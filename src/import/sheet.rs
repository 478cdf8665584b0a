//! A file as rows of cells, whatever it came from: a CSV's text cells, or a workbook's typed
//! ones (text, numbers, dates, yes/no), each row with the number a spreadsheet shows for it.
//! Finding the header row (below a title row, if there is one) happens here too.

use std::borrow::Cow;

use jiff::civil::{Date, DateTime};

/// One cell as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(Date),
    /// A workbook's date-time cell with a time of day (to the second).
    DateTime(DateTime),
    Bool(bool),
}

impl Cell {
    /// The cell as text: a number as a spreadsheet shows it unformatted (`12`, `0.5`), a date
    /// as `2026-03-15`, a date-time as `2026-03-15 09:30:00`, yes/no as `TRUE`/`FALSE`.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(t) => Cow::Borrowed(t),
            Cell::Number(n) => Cow::Owned(number_text(*n)),
            Cell::Date(d) => Cow::Owned(d.to_string()),
            Cell::DateTime(t) => Cow::Owned(t.strftime("%Y-%m-%d %H:%M:%S").to_string()),
            Cell::Bool(b) => Cow::Borrowed(if *b { "TRUE" } else { "FALSE" }),
        }
    }

    /// Empty, or text of nothing but spaces.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// A number without a needless `.0`: whole numbers up to 2^53 as integers.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A column's letter as spreadsheets name it: 0 is `A`, 25 `Z`, 26 `AA`.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// One row of the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The row's number as a spreadsheet shows it (1 is the top row).
    pub number: u32,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(Cell::is_blank)
    }
}

/// What kind of file the rows came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A CSV file with this delimiter.
    Csv(u8),
    /// A workbook; the rows are from the sheet of this name.
    Workbook(String),
}

/// A file's header and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub source: Source,
    /// The header row's number.
    pub header_row: u32,
    /// One header per column (blank for a column without one).
    pub headers: Vec<String>,
    /// The rows below the header, blank rows left out, each as long as `headers` or longer.
    pub rows: Vec<Row>,
}

impl Sheet {
    /// Takes the header from `all` (the file's rows, top first): the first of the top ten rows
    /// that `is_header` accepts, else the first row that is not blank. Rows above it (a title
    /// over the table) are returned, to be named in a note. Short rows are padded with empty
    /// cells, as Excel leaves trailing empty cells out.
    pub fn from_rows(
        source: Source,
        all: Vec<Row>,
        is_header: impl Fn(&[String]) -> bool,
    ) -> (Sheet, Vec<Row>) {
        let texts = |row: &Row| row.cells.iter().map(|c| c.text().trim().to_owned()).collect::<Vec<_>>();
        let header_at = all
            .iter()
            .take(10)
            .position(|row| is_header(&texts(row)))
            .or_else(|| all.iter().position(|row| !row.is_blank()));
        let Some(at) = header_at else {
            return (Sheet { source, header_row: 1, headers: Vec::new(), rows: Vec::new() }, Vec::new());
        };
        let mut rows = all;
        let below = rows.split_off(at + 1);
        let header = rows.pop();
        let above: Vec<Row> = rows.into_iter().filter(|r| !r.is_blank()).collect();
        let header_row = header.as_ref().map_or(1, |h| h.number);
        let mut headers = header.as_ref().map(texts).unwrap_or_default();
        while headers.last().is_some_and(String::is_empty) {
            headers.pop();
        }
        let width = headers.len();
        let rows = below
            .into_iter()
            .filter(|r| !r.is_blank())
            .map(|mut r| {
                if r.cells.len() < width {
                    r.cells.resize(width, Cell::Empty);
                }
                r
            })
            .collect();
        (Sheet { source, header_row, headers, rows }, above)
    }

    pub fn is_workbook(&self) -> bool {
        matches!(self.source, Source::Workbook(_))
    }
}

/// Whether `c` is a control character a cell should not hold: everything in Unicode's
/// control category but tab, line feed and carriage return.
pub fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// `text` without stray control characters, and how many were taken out.
pub fn strip_controls(text: &str) -> (Cow<'_, str>, usize) {
    let count = text.chars().filter(|c| is_stray_control(*c)).count();
    if count == 0 {
        (Cow::Borrowed(text), 0)
    } else {
        (Cow::Owned(text.chars().filter(|c| !is_stray_control(*c)).collect()), count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(number: u32, cells: &[&str]) -> Row {
        Row {
            number,
            cells: cells
                .iter()
                .map(|c| if c.is_empty() { Cell::Empty } else { Cell::Text((*c).to_owned()) })
                .collect(),
        }
    }

    #[test]
    fn column_letters_as_spreadsheets_write_them() {
        let letters: Vec<String> =
            [0, 1, 25, 26, 27, 51, 52, 701, 702].into_iter().map(column_letter).collect();
        assert_eq!(letters, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    #[test]
    fn numbers_read_as_a_spreadsheet_shows_them() {
        assert_eq!(Cell::Number(12.0).text(), "12");
        assert_eq!(Cell::Number(0.5).text(), "0.5");
        assert_eq!(Cell::Number(-3.0).text(), "-3");
    }

    #[test]
    fn a_title_row_above_the_header_is_skipped_and_short_rows_padded() {
        let all = vec![
            row(1, &["Idéregister 2025"]),
            row(2, &[]),
            row(3, &["Idé", "Status", "Datum"]),
            row(4, &["A", "Ny"]),
            row(5, &[]),
            row(6, &["B", "Pågår", "2025-01-02"]),
        ];
        let (sheet, above) = Sheet::from_rows(Source::Csv(b';'), all, |h| h.iter().any(|h| h == "Idé"));
        assert_eq!(sheet.header_row, 3);
        assert_eq!(sheet.headers, ["Idé", "Status", "Datum"]);
        assert_eq!(above.len(), 1, "the blank row is not named");
        assert_eq!(sheet.rows.iter().map(|r| r.number).collect::<Vec<_>>(), [4, 6]);
        assert_eq!(sheet.rows[0].cells.len(), 3);
    }

    #[test]
    fn stray_controls_are_counted_and_taken_out() {
        assert_eq!(strip_controls("a\u{0}b\u{1b}c\u{7f}\u{85}"), (Cow::Owned::<str>("abc".into()), 4));
        let (kept, n) = strip_controls("tab\there\r\n");
        assert_eq!((kept.as_ref(), n), ("tab\there\r\n", 0));
    }
}
