//! Turning a CSV file's bytes into rows: a byte-order mark, UTF-16, Windows-1252 when the
//! bytes are not UTF-8, Excel's `sep=` line, the delimiter, a quote left open, and each row's
//! number as a spreadsheet shows it (a cell with line breaks is one row, not several lines).

use super::Problem;
use super::sheet::{Cell, Row};
use crate::export::unguard;
use crate::i18n::Lang;

/// Text from the file's bytes: a UTF-8 or UTF-16 BOM is honoured, invalid UTF-8 is read as
/// Windows-1252, and then the byte offset of the first byte that was not UTF-8 is returned
/// too (the text before it is the same either way), for a note.
pub(super) fn decode(bytes: &[u8]) -> (String, Option<usize>) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode(rest);
    }
    let utf16 = |rest: &[u8], little: bool| {
        let units = rest.chunks_exact(2).map(|c| {
            if little { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) }
        });
        char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect::<String>()
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return (utf16(rest, true), None);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return (utf16(rest, false), None);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), None),
        Err(e) => (bytes.iter().map(|b| windows_1252(*b)).collect(), Some(e.valid_up_to())),
    }
}

/// The row holding byte `offset` of `text` (whose delimiter is `delimiter`).
pub(super) fn row_of_offset(text: &str, delimiter: u8, offset: usize) -> u32 {
    row_starts(text, delimiter).starts.partition_point(|s| *s <= offset) as u32
}

/// One Windows-1252 byte as a character: Latin-1, except 0x80–0x9F where Windows put
/// typographic characters (undefined ones map to the C1 control of the same number, as
/// browsers do).
pub fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
        '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        b => char::from(b),
    }
}

/// The delimiter the first lines use most on one line: `;`, tab or `,` (`;` when none). More
/// than the first line, as a title may stand above the header. What stands inside quotes is
/// not counted: a quoted cell of JSON (an export's `Extra (JSON)`) may hold more commas than
/// the row has semicolons.
pub(super) fn detect_delimiter(text: &str) -> u8 {
    let mut best = (0, b';');
    for d in [b';', b'\t', b','] {
        let (mut most, mut on_line, mut lines, mut quoted) = (0, 0, 0, false);
        for b in text.bytes() {
            match b {
                b'"' => quoted = !quoted,
                b'\n' if !quoted => {
                    most = most.max(on_line);
                    on_line = 0;
                    lines += 1;
                    if lines == 10 {
                        break;
                    }
                }
                b if b == d && !quoted => on_line += 1,
                _ => {}
            }
        }
        most = most.max(on_line);
        if most > best.0 {
            best = (most, d);
        }
    }
    best.1
}

/// The rows of a CSV text and its delimiter. Excel's `sep=;` first line names the delimiter
/// (and, as in Excel, is not a row); otherwise it is found. Cells lose the formula guard
/// fasett's export adds.
pub(super) fn csv_rows(text: &str, lang: Lang) -> Result<(Vec<Row>, u8), Problem> {
    let first = text.lines().next().unwrap_or("");
    let (text, delimiter) =
        match first.trim().strip_prefix("sep=").or_else(|| first.trim().strip_prefix("SEP=")) {
            Some(d) if d.len() == 1 => (&text[first.len()..], d.as_bytes()[0]),
            _ => (text, detect_delimiter(text)),
        };
    let text = text.strip_prefix("\r\n").or_else(|| text.strip_prefix('\n')).unwrap_or(text);
    Ok((rows_with(text, delimiter, lang)?, delimiter))
}

/// The rows of a CSV text whose delimiter is known.
pub(super) fn rows_with(text: &str, delimiter: u8, lang: Lang) -> Result<Vec<Row>, Problem> {
    let starts = row_starts(text, delimiter);
    if let Some(row) = starts.unclosed {
        return Err(Problem::at_row(row, lang.t("import.open_quote")));
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let row = e.position().map_or(0, |p| starts.row_at(text, p.byte()));
                return Err(Problem::at_row(row, &e.to_string()));
            }
        }
        let number = starts.row_at(text, record.position().map_or(0, csv::Position::byte));
        let cells = record
            .iter()
            .map(|c| if c.is_empty() { Cell::Empty } else { Cell::Text(unguard(c).to_owned()) })
            .collect();
        rows.push(Row { number, cells });
    }
    Ok(rows)
}

/// Where each row starts (after a line break outside quotes) and the row of a quote that is
/// never closed.
struct RowStarts {
    starts: Vec<usize>,
    unclosed: Option<u32>,
}

impl RowStarts {
    /// The row of the record starting at `byte` (skipping the line break before it).
    fn row_at(&self, text: &str, byte: u64) -> u32 {
        let bytes = text.as_bytes();
        let mut at = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
        while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
            at += 1;
        }
        self.starts.partition_point(|s| *s <= at) as u32
    }
}

fn row_starts(text: &str, delimiter: u8) -> RowStarts {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut at_field_start = true;
    let mut open: Option<u32> = None;
    let mut ix = 0;
    while ix < bytes.len() {
        let b = bytes[ix];
        if open.is_some() {
            if b == b'"' {
                if bytes.get(ix + 1) == Some(&b'"') {
                    ix += 1;
                } else {
                    open = None;
                }
            }
        } else if b == b'"' && at_field_start {
            open = Some(starts.len() as u32);
        } else if b == b'\n' {
            starts.push(ix + 1);
        }
        at_field_start = open.is_none() && (b == delimiter || b == b'\n' || b == b'\r');
        ix += 1;
    }
    RowStarts { starts, unclosed: open }
}

pub(super) fn delimiter_name(d: u8, lang: Lang) -> String {
    match d {
        b'\t' => lang.t("import.tab").to_owned(),
        d => format!("“{}”", char::from(d)),
    }
}
