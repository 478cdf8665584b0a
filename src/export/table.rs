//! The initiatives as one table of typed cells, shared by the CSV and the .xlsx export: the
//! columns of [`COLUMNS`], then the columns a register fasett imported had beyond them
//! (`other_columns`, written back under their own headers).
//!
//! A spreadsheet cell holds at most 32,767 characters (Excel and `LibreOffice` cut the rest
//! when they open a file). A longer text is split over columns headed `<header> (2)`,
//! `<header> (3)`, … right after its column, at a line break where there is one, and the
//! importer joins them again; the export names the initiatives whose text was split.

use jiff::civil::Date;
use serde_json::Value;

use super::{COLUMNS, Column, cells};
use crate::i18n::Lang;
use crate::model::{Id, Initiative, Portfolio};

/// The most UTF-16 code units a spreadsheet cell holds.
pub const CELL_LIMIT: usize = 32_767;

/// The key of an initiative's `extra` that keeps the columns of an imported register that
/// fill no field: an object of header → value, written back by the export.
pub const OTHER_COLUMNS: &str = "other_columns";

/// One cell of the table.
#[derive(Debug, Clone, PartialEq)]
pub enum Out {
    Empty,
    Text(String),
    Number(f64),
    Date(Date),
    /// A moment (the `Updated` column): a date-time cell in UTC in the workbook, the
    /// timestamp's text (`2026-03-15T09:30:00Z`) in CSV.
    Time(jiff::Timestamp),
}

impl Out {
    /// The cell as CSV writes it.
    pub fn text(&self) -> String {
        match self {
            Out::Empty => String::new(),
            Out::Text(t) => t.clone(),
            Out::Number(n) => crate::import::number_text(*n),
            Out::Date(d) => d.to_string(),
            Out::Time(t) => t.to_string(),
        }
    }
}

/// What a column of the table holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A field's column, or the `n`th part of it (`n` ≥ 2) for a text too long for one cell.
    Field(Column, usize),
    /// A column of an imported register, by its header.
    Other(String),
}

/// Headers and rows, and the initiatives whose text was split over several cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub kinds: Vec<Kind>,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Out>>,
    pub split: Vec<Id>,
}

/// A field's cell, typed: the id as a number, dates as dates, `Updated` as a moment, the
/// rest as text.
fn typed(column: Column, text: String, i: &Initiative) -> Out {
    let date = |d: Option<Date>| d.map_or(Out::Empty, Out::Date);
    match column {
        Column::Id => Out::Number(f64::from(i.id)),
        Column::Start => date(i.start),
        Column::FollowUp => date(i.follow_up),
        Column::End => date(i.end),
        Column::Created => date(i.created),
        Column::Updated => i.updated.map_or(Out::Empty, Out::Time),
        _ if text.is_empty() => Out::Empty,
        _ => Out::Text(text),
    }
}

/// The headers of the other columns, in the order first found.
fn other_headers(portfolio: &Portfolio) -> Vec<String> {
    let mut headers: Vec<String> = Vec::new();
    for i in &portfolio.initiatives {
        if let Some(Value::Object(map)) = i.extra.get(OTHER_COLUMNS) {
            for key in map.keys() {
                if !headers.contains(key) {
                    headers.push(key.clone());
                }
            }
        }
    }
    headers
}

fn other_cell(value: Option<&Value>) -> Out {
    match value {
        None | Some(Value::Null) => Out::Empty,
        Some(Value::String(s)) if s.is_empty() => Out::Empty,
        Some(Value::String(s)) => Out::Text(s.clone()),
        Some(Value::Number(n)) => n.as_f64().map_or_else(|| Out::Text(n.to_string()), Out::Number),
        Some(other) => Out::Text(other.to_string()),
    }
}

/// The length of `text` as a spreadsheet counts it.
fn units(text: &str) -> usize {
    text.encode_utf16().count()
}

/// `text` in pieces of at most `limit` UTF-16 code units, each ending at a line break when
/// one falls in its second half. Joined, the pieces are `text` again.
pub fn split_cell(text: &str, limit: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while units(rest) > limit {
        let mut end = 0;
        let mut used = 0;
        let mut newline = None;
        for (ix, c) in rest.char_indices() {
            if used + c.len_utf16() > limit {
                break;
            }
            used += c.len_utf16();
            end = ix + c.len_utf8();
            if c == '\n' && used > limit / 2 {
                newline = Some(end);
            }
        }
        let cut = newline.unwrap_or(end).max(rest.chars().next().map_or(1, char::len_utf8));
        pieces.push(rest[..cut].to_owned());
        rest = &rest[cut..];
    }
    pieces.push(rest.to_owned());
    pieces
}

/// The initiatives as a table, headers in `lang`, texts split at `limit` (see the module docs).
pub fn table(portfolio: &Portfolio, lang: Lang, limit: usize) -> Table {
    let others = other_headers(portfolio);
    let mut rows: Vec<Vec<Out>> = Vec::with_capacity(portfolio.initiatives.len());
    // How many cells each field needs at most.
    let mut parts = vec![1usize; COLUMNS.len()];
    let mut split = Vec::new();
    for i in &portfolio.initiatives {
        let mut row: Vec<Out> =
            COLUMNS.iter().zip(cells(i, portfolio, lang)).map(|(c, text)| typed(*c, text, i)).collect();
        let mut too_long = false;
        for (ix, cell) in row.iter().enumerate() {
            if let Out::Text(t) = cell
                && t.len() > limit
                && units(t) > limit
            {
                parts[ix] = parts[ix].max(split_cell(t, limit).len());
                too_long = true;
            }
        }
        if too_long {
            split.push(i.id);
        }
        let extra = match i.extra.get(OTHER_COLUMNS) {
            Some(Value::Object(map)) => Some(map),
            _ => None,
        };
        row.extend(others.iter().map(|h| other_cell(extra.and_then(|m| m.get(h)))));
        rows.push(row);
    }
    let mut kinds = Vec::new();
    let mut headers = Vec::new();
    for (ix, column) in COLUMNS.iter().enumerate() {
        for part in 1..=parts[ix] {
            kinds.push(Kind::Field(*column, part));
            let header = column.header(lang);
            headers.push(if part == 1 { header.to_owned() } else { format!("{header} ({part})") });
        }
    }
    for h in &others {
        kinds.push(Kind::Other(h.clone()));
        headers.push(h.clone());
    }
    if parts.iter().any(|p| *p > 1) {
        rows = rows.into_iter().map(|row| spread(row, &parts, limit)).collect();
    }
    Table { kinds, headers, rows, split }
}

/// A row with each field's text spread over the cells it needs.
fn spread(row: Vec<Out>, parts: &[usize], limit: usize) -> Vec<Out> {
    let mut out = Vec::with_capacity(row.len() + parts.iter().sum::<usize>());
    for (ix, cell) in row.into_iter().enumerate() {
        let wanted = parts.get(ix).copied().unwrap_or(1);
        match cell {
            Out::Text(t) if wanted > 1 => {
                let pieces = split_cell(&t, limit);
                let n = pieces.len();
                out.extend(pieces.into_iter().map(Out::Text));
                out.extend((n..wanted).map(|_| Out::Empty));
            }
            other => {
                out.push(other);
                out.extend((1..wanted).map(|_| Out::Empty));
            }
        }
    }
    out
}

/// "#3 Title, #7 Other" for the note that names the initiatives whose text was split.
pub fn named(portfolio: &Portfolio, ids: &[Id]) -> String {
    ids.iter()
        .map(|id| match portfolio.initiative(*id) {
            Some(i) => format!("#{id} {}", crate::text::one_line(&i.title)),
            None => format!("#{id}"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_splits_at_line_breaks_and_joins_back() {
        let text = "aaaa\nbbbb\ncc";
        let pieces = split_cell(text, 6);
        assert_eq!(pieces, ["aaaa\n", "bbbb\n", "cc"]);
        assert_eq!(pieces.concat(), text);
        let emoji = "😀😀😀";
        let pieces = split_cell(emoji, 3);
        assert!(pieces.iter().all(|p| units(p) <= 3), "{pieces:?}");
        assert_eq!(pieces.concat(), emoji);
        assert_eq!(split_cell("short", 10), ["short"]);
    }

    #[test]
    fn a_long_log_gets_more_columns_and_is_named() {
        let mut p = Portfolio::default();
        let log = (0..20)
            .map(|n| crate::model::LogEntry {
                date: jiff::civil::date(2026, 1, 1),
                kind: crate::model::LogKind::Note,
                text: format!("entry {n}"),
                decision: None,
                extra: serde_json::Map::new(),
            })
            .collect();
        p.initiatives.push(Initiative { id: 1, title: "Long".into(), log, ..Initiative::default() });
        p.initiatives.push(Initiative { id: 2, title: "Short".into(), ..Initiative::default() });
        let t = table(&p, Lang::En, 100);
        assert_eq!(t.split, [1]);
        let log = t.headers.iter().position(|h| h == "Log").expect("a Log column");
        assert_eq!(t.headers[log + 1], "Log (2)");
        assert_eq!(t.rows[0].len(), t.headers.len());
        assert_eq!(t.rows[1][log + 1], Out::Empty);
        let parts = t.headers.iter().filter(|h| h.starts_with("Log")).count();
        let joined: String = t.rows[0][log..log + parts].iter().map(Out::text).collect();
        assert_eq!(
            joined,
            cells(&p.initiatives[0], &p, Lang::En)
                [COLUMNS.iter().position(|c| *c == Column::Log).unwrap_or(0)]
        );
        assert_eq!(named(&p, &t.split), "#1 Long");
    }
}
