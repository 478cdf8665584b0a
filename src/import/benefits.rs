//! The benefits and measurements tables beside an initiatives file (`x-benefits.csv` and
//! `x-measurements.csv` beside `x.csv`, as `fasett export` writes them): each benefit is
//! attached to the initiative with its ID in the initiatives file, each measurement to the
//! benefit with its ID in the benefits file. Imported benefits and measurements get new ids,
//! as imported initiatives do.
//!
//! Headers and choices are read in the four languages like the initiatives table's; numbers
//! with `.` or `,` as the decimal mark. Every bad row is named by file and line, and nothing
//! is imported if any is bad.

use std::collections::HashMap;
use std::path::Path;

use jiff::civil::Date;
use serde_json::Value;

use super::columns::norm;
use super::{MAX_BYTES, Problem, decode};
use crate::export::{BenefitColumn, MeasurementColumn, Table, TableColumn};
use crate::i18n::{Lang, NumberError, parse_cell};
use crate::model::extras::Extra;
use crate::model::{Benefit, BenefitKind, Id, Initiative, Keyed, Measurement, Pressure};

/// One table read into rows of (column, cell), with the 1-based line of each row.
struct Sheet {
    name: String,
    rows: Vec<(u32, Vec<(usize, String)>)>,
}

/// The initiatives read from the main file, with the ID each had there.
pub(super) struct Imported<'a> {
    pub(super) initiatives: &'a mut [Initiative],
    pub(super) source_ids: &'a [Option<Id>],
    /// Whether an ID is an initiative of the portfolio imported into: a sheet this portfolio
    /// exported updates those rows, and their benefits stay as the portfolio has them, so
    /// the tables' rows for them are passed over.
    pub(super) existing: &'a dyn Fn(Id) -> bool,
}

/// A table's file: its name (for messages) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableFile {
    pub table: Table,
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Reads the tables beside `path` that are there. A file that cannot be read is a problem.
pub(super) fn files_beside(path: &Path, lang: Lang) -> Result<Vec<TableFile>, Vec<Problem>> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for table in Table::ALL {
        let beside = table.beside(path);
        let name = beside
            .file_name()
            .map_or_else(|| beside.display().to_string(), |n| n.to_string_lossy().into_owned());
        let problem = |message: String| Problem::general(&format!("{name}: {message}"));
        match std::fs::metadata(&beside) {
            Err(_) => {}
            Ok(meta) if meta.len() > MAX_BYTES => problems.push(problem(super::too_large(meta.len(), lang))),
            Ok(_) => match std::fs::read(&beside) {
                Ok(bytes) => files.push(TableFile { table, name, bytes }),
                Err(e) => problems.push(problem(e.to_string())),
            },
        }
    }
    if problems.is_empty() { Ok(files) } else { Err(problems) }
}

/// Reads the benefits and measurements in `files` into `imported` (the benefits table before
/// the measurements, whatever the order given). Problems name the table's file and line.
pub(super) fn read_tables(
    files: &[TableFile],
    imported: &mut Imported<'_>,
    lang: Lang,
    today: Date,
    notes: &mut Vec<String>,
) -> Result<(), Vec<Problem>> {
    let mut problems = Vec::new();
    // Benefit ids in the benefits file → (initiative index, benefit index), for measurements.
    let mut benefit_at: HashMap<(Id, Id), (usize, usize)> = HashMap::new();
    let reader = Reader { lang, today, kinds: names("benefit_kind"), pressures: names("pressure") };
    for table in Table::ALL {
        for file in files.iter().filter(|f| f.table == table) {
            let Some(sheet) = read_sheet(file, lang, notes, &mut problems) else { continue };
            for (line, cells) in &sheet.rows {
                let mut errors = Vec::new();
                match table {
                    Table::Benefits => reader.benefit(cells, imported, &mut benefit_at, &mut errors),
                    Table::Measurements => reader.measurement(cells, imported, &benefit_at, &mut errors),
                }
                problems.extend(errors.into_iter().map(|message| {
                    let at = lang.tf("import.at_line", &[("line", line), ("message", &message)]);
                    Problem::general(&format!("{}: {at}", sheet.name))
                }));
            }
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems) }
}

/// The words each value of `K` goes by: its key and its names in every catalog, under
/// `prefix` (`benefit_kind`, `pressure`).
fn names<K: Keyed>(prefix: &str) -> HashMap<String, K> {
    let mut map = HashMap::new();
    for value in K::ALL.iter().copied() {
        map.insert(norm(value.key()), value);
        for lang in Lang::ALL {
            map.insert(norm(lang.t(&format!("{prefix}.{}", value.key()))), value);
        }
    }
    map
}

/// Splits one table file into rows; `None` when it cannot be read as CSV (a problem).
fn read_sheet(
    file: &TableFile,
    lang: Lang,
    notes: &mut Vec<String>,
    problems: &mut Vec<Problem>,
) -> Option<Sheet> {
    let (table, name) = (file.table, file.name.clone());
    let (text, not_utf8) = decode::decode(&file.bytes);
    // The delimiter the header uses: the cells below may hold JSON full of commas.
    let header = text.lines().next().unwrap_or("");
    let delimiter = [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|d| header.bytes().filter(|b| b == d).count())
        .unwrap_or(b';');
    let (rows, delimiter) = match decode::rows_with(&text, delimiter, lang) {
        Ok(rows) => (rows, delimiter),
        Err(problem) => {
            problems.push(Problem::general(&format!("{name}: {}", problem.localized(lang))));
            return None;
        }
    };
    if let Some(offset) = not_utf8 {
        let row = decode::row_of_offset(&text, delimiter, offset);
        notes.push(format!("{name}: {}", lang.tf("import.converted_1252", &[("row", &row)])));
    }
    let mut rows = rows.into_iter();
    let headers = rows.next()?;
    let columns: Vec<Option<usize>> = headers.cells.iter().map(|h| column_index(table, &h.text())).collect();
    let rows = rows
        .filter(|row| !row.is_blank())
        .map(|row| {
            let cells = row
                .cells
                .iter()
                .zip(&columns)
                .filter_map(|(cell, column)| Some(((*column)?, cell.text().into_owned())))
                .collect();
            (row.number, cells)
        })
        .collect();
    Some(Sheet { name, rows })
}

/// Which column of `table` a header names (its key or its header in any language).
fn column_index(table: Table, header: &str) -> Option<usize> {
    fn position<C: TableColumn>(header: &str) -> Option<usize> {
        C::ALL.iter().position(|c| {
            norm(c.key()) == header || Lang::ALL.iter().any(|lang| norm(c.header(*lang)) == header)
        })
    }
    let header = norm(header);
    match table {
        Table::Benefits => position::<BenefitColumn>(&header),
        Table::Measurements => position::<MeasurementColumn>(&header),
    }
}

/// What every row is read with.
struct Reader {
    lang: Lang,
    today: Date,
    kinds: HashMap<String, BenefitKind>,
    pressures: HashMap<String, Pressure>,
}

fn cell<'a, T: Copy + PartialEq>(cells: &'a [(usize, String)], columns: &[T], column: T) -> &'a str {
    let ix = columns.iter().position(|c| *c == column).unwrap_or(usize::MAX);
    cells.iter().find(|(c, _)| *c == ix).map_or("", |(_, v)| v.as_str())
}

impl Reader {
    fn id(&self, header: &str, text: &str, errors: &mut Vec<String>) -> Option<Id> {
        let id = text.trim().trim_start_matches('#').parse().ok();
        if id.is_none() {
            errors.push(self.lang.tf("import.bad_benefit_id", &[("column", &header), ("value", &text)]));
        }
        id
    }

    fn number(&self, header: &str, text: &str, errors: &mut Vec<String>) -> Option<f64> {
        if text.trim().is_empty() {
            return None;
        }
        match parse_cell(text) {
            Ok(n) => Some(n),
            Err(e) => {
                let key = if e == NumberError::TooLarge { "import.huge_number" } else { "import.bad_number" };
                errors.push(self.lang.tf(key, &[("column", &header), ("value", &text)]));
                None
            }
        }
    }

    fn date(&self, header: &str, text: &str, errors: &mut Vec<String>) -> Option<Date> {
        if let Ok(d) = crate::dates::parse(text, self.today) {
            d
        } else {
            errors.push(self.lang.tf("import.bad_date", &[("column", &header), ("value", &text)]));
            None
        }
    }

    fn extra(&self, header: &str, text: &str, errors: &mut Vec<String>) -> Extra {
        if text.trim().is_empty() {
            return Extra::new();
        }
        if let Ok(Value::Object(map)) = serde_json::from_str(text) {
            map
        } else {
            errors.push(self.lang.tf("import.bad_extra", &[("column", &header), ("value", &text)]));
            Extra::new()
        }
    }

    /// The initiative a row belongs to, by its ID in the initiatives file.
    fn initiative(
        &self,
        header: &str,
        text: &str,
        imported: &Imported<'_>,
        errors: &mut Vec<String>,
    ) -> Option<usize> {
        let id = self.id(header, text, errors)?;
        let found = imported.source_ids.iter().position(|s| *s == Some(id));
        if found.is_none() && !(imported.existing)(id) {
            errors.push(self.lang.tf("import.no_such_initiative", &[("column", &header), ("value", &id)]));
        }
        found
    }

    fn benefit(
        &self,
        cells: &[(usize, String)],
        imported: &mut Imported<'_>,
        benefit_at: &mut HashMap<(Id, Id), (usize, usize)>,
        errors: &mut Vec<String>,
    ) {
        let lang = self.lang;
        let get = |column| cell(cells, &BenefitColumn::ALL, column);
        let header = |column: BenefitColumn| column.header(lang);
        let owner = get(BenefitColumn::Initiative);
        let Some(at) = self.initiative(header(BenefitColumn::Initiative), owner, imported, errors) else {
            return;
        };
        let kind = match get(BenefitColumn::Kind).trim() {
            "" => BenefitKind::Other,
            word => self.kinds.get(&norm(word)).copied().unwrap_or_else(|| {
                let options =
                    BenefitKind::ALL.map(|k| lang.t(&format!("benefit_kind.{}", k.key()))).join(", ");
                errors.push(lang.tf(
                    "import.unknown_word",
                    &[("column", &header(BenefitColumn::Kind)), ("value", &word), ("options", &options)],
                ));
                BenefitKind::Other
            }),
        };
        let relieves = match get(BenefitColumn::Relieves).trim() {
            "" => None,
            word => {
                let found = self.pressures.get(&norm(word)).copied();
                if found.is_none() {
                    let options = Pressure::ALL.map(|p| lang.t(&format!("pressure.{}", p.key()))).join(", ");
                    errors.push(lang.tf(
                        "import.unknown_word",
                        &[
                            ("column", &header(BenefitColumn::Relieves)),
                            ("value", &word),
                            ("options", &options),
                        ],
                    ));
                }
                found
            }
        };
        let mut extra = self.extra(header(BenefitColumn::Extra), get(BenefitColumn::Extra), errors);
        let mut nested = |key: &str| match extra.remove(key) {
            Some(Value::Object(map)) => map,
            Some(other) => {
                extra.insert(key.to_owned(), other);
                Extra::new()
            }
            None => Extra::new(),
        };
        let (baseline_extra, target_extra) = (nested("baseline"), nested("target"));
        let mut b = Benefit {
            id: 0,
            title: get(BenefitColumn::Title).to_owned(),
            kind,
            relieves,
            indicator: get(BenefitColumn::Indicator).to_owned(),
            unit: get(BenefitColumn::Unit).to_owned(),
            owner: get(BenefitColumn::Owner).to_owned(),
            how_measured: get(BenefitColumn::HowMeasured).to_owned(),
            extra,
            ..Benefit::default()
        };
        b.baseline.value = self.number(header(BenefitColumn::Baseline), get(BenefitColumn::Baseline), errors);
        b.baseline.date =
            self.date(header(BenefitColumn::BaselineDate), get(BenefitColumn::BaselineDate), errors);
        b.baseline.extra = baseline_extra;
        b.target.value = self.number(header(BenefitColumn::Target), get(BenefitColumn::Target), errors);
        b.target.date = self.date(header(BenefitColumn::TargetDate), get(BenefitColumn::TargetDate), errors);
        b.target.extra = target_extra;
        let source = get(BenefitColumn::Id);
        if !source.trim().is_empty()
            && let Some(id) = self.id(header(BenefitColumn::Id), source, errors)
            && let Some(initiative) = imported.source_ids[at]
        {
            benefit_at.insert((initiative, id), (at, imported.initiatives[at].benefits.len()));
        }
        imported.initiatives[at].benefits.push(b);
    }

    fn measurement(
        &self,
        cells: &[(usize, String)],
        imported: &mut Imported<'_>,
        benefit_at: &HashMap<(Id, Id), (usize, usize)>,
        errors: &mut Vec<String>,
    ) {
        let lang = self.lang;
        let get = |column| cell(cells, &MeasurementColumn::ALL, column);
        let header = |column: MeasurementColumn| column.header(lang);
        let Some(at) = self.initiative(
            header(MeasurementColumn::Initiative),
            get(MeasurementColumn::Initiative),
            imported,
            errors,
        ) else {
            return;
        };
        let Some(benefit) =
            self.id(header(MeasurementColumn::Benefit), get(MeasurementColumn::Benefit), errors)
        else {
            return;
        };
        let Some(&(ix, bx)) = imported.source_ids[at].and_then(|i| benefit_at.get(&(i, benefit))) else {
            errors.push(lang.tf(
                "import.no_such_benefit",
                &[("column", &header(MeasurementColumn::Benefit)), ("value", &benefit)],
            ));
            return;
        };
        let text = get(MeasurementColumn::Date);
        let Some(date) = self.date(header(MeasurementColumn::Date), text, errors) else {
            if text.trim().is_empty() {
                errors.push(lang.tf(
                    "import.bad_date",
                    &[("column", &header(MeasurementColumn::Date)), ("value", &text)],
                ));
            }
            return;
        };
        let value = self.number(header(MeasurementColumn::Value), get(MeasurementColumn::Value), errors);
        let extra = self.extra(header(MeasurementColumn::Extra), get(MeasurementColumn::Extra), errors);
        let note = get(MeasurementColumn::Note).to_owned();
        imported.initiatives[ix].benefits[bx].measurements.push(Measurement {
            id: 0,
            date,
            value,
            note,
            extra,
        });
    }
}
