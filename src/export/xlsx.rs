//! `fasett export --format xlsx`: a workbook Excel and `LibreOffice` open and save without
//! changing a thing. Text is written as text (so `000123`, `1/2` and `0,50` stay as they are),
//! dates as dates, `Updated` as a date-time in UTC (said in its format), the ID as a number; the header row is bold and frozen, the columns sized
//! to their contents and, for text, formatted as text, so what is typed in a new row stays
//! what was typed. No formula guard is needed: a text cell is never a formula.
//!
//! One sheet of initiatives ([`super::table`]). Sheets for other tables go beside it in
//! [`workbook`] as they are added to the model (benefits and measurements, checklist
//! responses), each from the rows its CSV export builds.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::table::{CELL_LIMIT, Kind, Out, Table, named, table};
use super::{Column, Rendered};
use crate::i18n::Lang;
use crate::model::Portfolio;

/// Widest a column is made, in characters: enough to read, not so much that one long
/// description hides the rest.
const MAX_WIDTH: usize = 60;

/// The workbook's bytes, and a note naming initiatives whose text was split over cells.
pub fn workbook(portfolio: &Portfolio, lang: Lang) -> Result<Rendered, String> {
    let table = table(portfolio, lang, CELL_LIMIT);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    initiatives(sheet, &table, lang).map_err(|e| e.to_string())?;
    let bytes = book.save_to_buffer().map_err(|e| e.to_string())?;
    let mut notes = Vec::new();
    if !table.split.is_empty() {
        notes.push(lang.tn(
            "export.split",
            table.split.len(),
            &[("initiatives", &named(portfolio, &table.split))],
        ));
    }
    Ok(Rendered { bytes, notes })
}

/// The serial number Excel stores for a moment, in UTC: the day's number and the fraction of
/// the day gone.
fn serial(t: jiff::Timestamp) -> f64 {
    let at = t.to_zoned(jiff::tz::TimeZone::UTC).datetime();
    let seconds = i32::from(at.hour()) * 3600 + i32::from(at.minute()) * 60 + i32::from(at.second());
    crate::dates::to_serial(at.date()) + f64::from(seconds) / 86_400.0
}

fn initiatives(sheet: &mut Worksheet, table: &Table, lang: Lang) -> Result<(), XlsxError> {
    sheet.set_name(lang.t("export.xlsx_sheet"))?;
    let header = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let number = Format::new().set_num_format("0");
    let time = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss \"UTC\"");
    // Column formats first: a cell written without a format of its own takes its column's,
    // which spares looking a format up for each of the 330,000 cells of 10,000 initiatives.
    for (col, kind) in table.kinds.iter().enumerate() {
        let format = match kind {
            Kind::Field(Column::Id, _) => &number,
            Kind::Field(Column::Start | Column::FollowUp | Column::End | Column::Created, _) => &date,
            Kind::Field(Column::Updated, _) => &time,
            _ => &text,
        };
        sheet.set_column_format(col as u16, format)?;
    }
    let mut widths: Vec<usize> = table.headers.iter().map(|h| h.chars().count() + 2).collect();
    for (col, h) in table.headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, h, &header)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (col, cell) in row.iter().enumerate() {
            let c = col as u16;
            match cell {
                Out::Empty => {}
                Out::Text(t) => {
                    sheet.write_string(r, c, t)?;
                    let longest = t.lines().map(|l| l.chars().count()).max().unwrap_or(0);
                    widths[col] = widths[col].max(longest.min(MAX_WIDTH));
                }
                Out::Number(n) => {
                    sheet.write_number(r, c, *n)?;
                }
                Out::Date(d) => {
                    sheet.write_number_with_format(r, c, crate::dates::to_serial(*d), &date)?;
                    widths[col] = widths[col].max(11);
                }
                Out::Time(t) => {
                    sheet.write_number_with_format(r, c, serial(*t), &time)?;
                    widths[col] = widths[col].max(24);
                }
            }
        }
    }
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(col as u16, (*width).clamp(6, MAX_WIDTH) as f64)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    if !table.headers.is_empty() {
        sheet.autofilter(0, 0, table.rows.len() as u32, table.headers.len() as u16 - 1)?;
    }
    Ok(())
}
