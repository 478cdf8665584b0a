//! Reading an .xlsx workbook into rows (with calamine), after making sure it is one: a
//! renamed CSV, a zip of something else, a password-protected or old `.xls` workbook, an
//! `OpenDocument` file and a workbook that would unpack to more than fasett reads each get a
//! message saying what the file is and what to do.

use std::io::{Cursor, Read as _};

use calamine::{Data, Reader, Xlsx};

use super::sheet::{Cell, Row};
use crate::i18n::Lang;

/// Most bytes the parts of a workbook may unpack to: far above 100,000 initiatives with long
/// logs, far below what would exhaust memory.
pub const MAX_UNPACKED: u64 = 512 * 1024 * 1024;

/// What kind of file the bytes are, by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A zip archive (an .xlsx, an .ods or something else zipped).
    Zip,
    /// An OLE compound file: a password-protected workbook or an old `.xls`.
    Compound,
    /// Anything else; read as CSV text.
    Text,
}

pub(super) fn kind(bytes: &[u8]) -> Kind {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Kind::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Kind::Compound
    } else {
        Kind::Text
    }
}

/// Why an OLE compound file cannot be read: encrypted workbooks hold an `EncryptedPackage`
/// stream (its name is stored in UTF-16).
pub(super) fn compound_message(bytes: &[u8], lang: Lang) -> String {
    let name: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let encrypted = bytes.windows(name.len()).any(|w| w == name.as_slice());
    lang.t(if encrypted { "import.xlsx_password" } else { "import.xlsx_old" }).to_owned()
}

/// The rows of the workbook's first sheet that `is_header` finds a header in (else its first
/// sheet), the sheet's name and how many sheets there are.
pub(super) fn rows(
    bytes: Vec<u8>,
    lang: Lang,
    is_header: impl Fn(&[String]) -> bool,
) -> Result<(String, Vec<Row>, usize), String> {
    check_zip(&bytes, lang)?;
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| lang.tf("import.xlsx_unreadable", &[("error", &e)]))?;
    let names = book.sheet_names();
    let mut first: Option<(String, Vec<Row>)> = None;
    for name in &names {
        let range =
            book.worksheet_range(name).map_err(|e| lang.tf("import.xlsx_unreadable", &[("error", &e)]))?;
        let rows = to_rows(&range);
        let header = rows.iter().take(10).any(|r| {
            let texts: Vec<String> = r.cells.iter().map(|c| c.text().trim().to_owned()).collect();
            is_header(&texts)
        });
        if header {
            return Ok((name.clone(), rows, names.len()));
        }
        if first.is_none() {
            first = Some((name.clone(), rows));
        }
    }
    let (name, rows) = first.ok_or_else(|| lang.t("import.xlsx_no_sheet").to_owned())?;
    Ok((name, rows, names.len()))
}

/// A zip that is an .xlsx workbook, and unpacks to a size fasett reads.
fn check_zip(bytes: &[u8], lang: Lang) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| lang.tf("import.xlsx_not_zip", &[("error", &e)]))?;
    let mut mimetype = String::new();
    if let Ok(mut entry) = zip.by_name("mimetype") {
        let _ = entry.by_ref().take(200).read_to_string(&mut mimetype);
    }
    if mimetype.contains("opendocument") {
        return Err(lang.t("import.xlsx_ods").to_owned());
    }
    if zip.index_for_name("xl/workbook.xml").is_none() {
        let names: Vec<String> =
            zip.file_names().take(5).filter_map(Result::ok).map(std::borrow::Cow::into_owned).collect();
        let more = if zip.len() > 5 { ", …" } else { "" };
        let holds = format!("{}{more}", names.join(", "));
        return Err(lang.tf("import.xlsx_not_workbook", &[("holds", &holds)]));
    }
    let mut unpacked: u64 = 0;
    for ix in 0..zip.len() {
        if let Ok(entry) = zip.by_index_raw(ix) {
            unpacked = unpacked.saturating_add(entry.size());
        }
    }
    if unpacked > MAX_UNPACKED {
        let mb = |n: u64| n / (1024 * 1024);
        return Err(lang.tf("import.xlsx_too_big", &[("size", &mb(unpacked)), ("max", &mb(MAX_UNPACKED))]));
    }
    Ok(())
}

/// The sheet's cells as rows numbered as the spreadsheet shows them.
fn to_rows(range: &calamine::Range<Data>) -> Vec<Row> {
    let Some((top, left)) = range.start() else { return Vec::new() };
    range
        .rows()
        .zip(top..)
        .map(|(cells, row)| {
            let mut out = vec![Cell::Empty; left as usize];
            out.extend(cells.iter().map(cell));
            while out.last() == Some(&Cell::Empty) {
                out.pop();
            }
            Row { number: row + 1, cells: out }
        })
        .collect()
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.is_empty() => Cell::Empty,
        Data::String(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Float(n) => Cell::Number(*n),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) if d.is_datetime() => date_time(d),
        Data::DateTime(d) => Cell::Number(d.as_f64()),
        Data::DateTimeIso(s) => {
            s.get(..10).and_then(|d| d.parse().ok()).map_or_else(|| Cell::Text(s.clone()), Cell::Date)
        }
        Data::Error(e) => Cell::Text(e.to_string()),
    }
}

/// A date cell: a date, or a date-time when it has a time of day (as `fasett export` writes
/// `Updated`), rounded to the second the serial number stands for.
fn date_time(d: &calamine::ExcelDateTime) -> Cell {
    let (y, m, day, hour, minute, second, milli) = d.to_ymd_hms_milli();
    let Ok(date) = jiff::civil::Date::new(y.cast_signed(), m.cast_signed(), day.cast_signed()) else {
        return Cell::Number(d.as_f64());
    };
    if d.as_f64().fract() == 0.0 {
        return Cell::Date(date);
    }
    let time = jiff::civil::Time::new(
        hour.cast_signed(),
        minute.cast_signed(),
        second.cast_signed(),
        i32::from(milli) * 1_000_000,
    )
    .unwrap_or_default();
    let at = date.to_datetime(time);
    Cell::DateTime(at.round(jiff::Unit::Second).unwrap_or(at))
}
