//! A spreadsheet as rows of text cells, the header row first: what every importer reads,
//! whatever the file was. A CSV is decoded here (through `decode`: a byte-order mark, UTF-16,
//! Windows-1252, the delimiter, an open quote); another format only has to produce the same
//! [`Table`] to be read by the same code.
//!
//! Rows and columns are numbered as a spreadsheet shows them: row 1 is the header, column A
//! the first, so a message can say "row 5, column D" and the user finds the cell.

use super::{Problem, decode};
use crate::i18n::Lang;

/// The cells of a sheet, row by row; `rows[0]` is the header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub rows: Vec<Vec<String>>,
    /// What was noticed while reading: a conversion from Windows-1252, the delimiter.
    pub notes: Vec<String>,
}

impl Table {
    /// Reads CSV bytes: any encoding and delimiter `decode` recognises, rows of any length.
    pub fn from_csv(bytes: &[u8], lang: Lang) -> Result<Table, (Vec<Problem>, Vec<String>)> {
        let mut notes = Vec::new();
        let (text, not_utf8) = decode::decode(bytes);
        if text.trim().is_empty() {
            return Err((vec![Problem::general(lang.t("import.empty"))], notes));
        }
        let (rows, delimiter) = decode::csv_rows(&text, lang).map_err(|p| (vec![p], Vec::new()))?;
        if let Some(offset) = not_utf8 {
            let row = decode::row_of_offset(&text, delimiter, offset);
            notes.push(lang.tf("import.converted_1252", &[("row", &row)]));
        }
        if delimiter != b';' {
            notes.push(
                lang.tf("import.delimiter_note", &[("delimiter", &decode::delimiter_name(delimiter, lang))]),
            );
        }
        let rows = rows.iter().map(|r| r.cells.iter().map(|c| c.text().into_owned()).collect()).collect();
        Ok(Table { rows, notes })
    }

    pub fn header(&self) -> &[String] {
        self.rows.first().map_or(&[], Vec::as_slice)
    }

    /// The cell at a 0-based row and column; empty when the row is shorter.
    pub fn cell(&self, row: usize, column: usize) -> &str {
        self.rows.get(row).and_then(|r| r.get(column)).map_or("", String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_encoding_and_delimiter_gives_the_same_cells() {
        let utf8 = Table::from_csv("Namn;Fråga\nÅsa;5\n".as_bytes(), Lang::En).expect("reads");
        assert_eq!(utf8.rows, [["Namn", "Fråga"], ["Åsa", "5"]]);
        let latin = Table::from_csv(b"Namn,Fr\xe5ga\n\xc5sa,5\n", Lang::En).expect("reads");
        assert_eq!(latin.rows, utf8.rows);
        assert!(latin.notes.iter().any(|n| n.contains("Windows-1252")));
        let utf16: Vec<u8> = "Namn\tFråga\r\nÅsa\t5\r\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let wide = Table::from_csv(&[&[0xFF, 0xFE][..], &utf16].concat(), Lang::En).expect("reads");
        assert_eq!(wide.rows, utf8.rows);
        assert_eq!(wide.cell(1, 9), "", "beyond the row");
        let open = Table::from_csv(b"a;b\n\"x;y\n", Lang::En).expect_err("an open quote");
        assert_eq!(open.0[0].row, Some(2));
    }
}
