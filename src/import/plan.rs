//! What an import will do, worked out before anything is written: which rows are new
//! initiatives, which update this portfolio's initiatives (by ID, when the sheet carries this
//! portfolio's identity) and which fields they change, which are unchanged; nothing is ever
//! removed. A sheet of another portfolio never updates an initiative that happens to share
//! its number: it is refused, or imported as new when the user says so.
//!
//! A row never silently undoes an edit made in fasett after the export. The sheet carries
//! each initiative's `Updated` as it was exported; when the initiative has been changed since,
//! the sheet cannot tell which of its differing cells the sheet's author typed and which are
//! the old values of what was changed in fasett, so such a row is refused (named, with what
//! it would set) unless the user chooses to overwrite (`--overwrite`). Its cells that equal
//! the initiative's are no change, so a row the author did not touch imports as unchanged.

use std::collections::HashSet;

use super::diff::{FieldChange, changes};
use super::mapping::{Mapping, Target};
use super::rows::Rows;
use super::sheet::{Sheet, column_letter};
use super::stamp::Stamp;
use super::{Options, Problem};
use crate::dates::now;
use crate::export::Column;
use crate::history::Change;
use crate::i18n::Lang;
use crate::model::{Collection, Id, Initiative, Portfolio, Unit};
use crate::text::fold;

/// One initiative the import changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    /// The row it is in.
    pub row: u32,
    pub before: Initiative,
    pub after: Initiative,
    /// The headers (in the interface language) of what changed.
    pub fields: Vec<String>,
    /// What changed, old and new.
    pub changes: Vec<FieldChange>,
    /// When the initiative was changed in fasett after the sheet was exported: the row
    /// overwrites that change (the user chose to).
    pub overwrites: Option<jiff::Timestamp>,
}

/// What the import will do.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// New initiatives, in file order, with id 0 (see [`Plan::change`]); their benefits and
    /// measurements (from the tables beside a CSV file) with id 0 too.
    pub added: Vec<Initiative>,
    /// The ID each new initiative's row had (another portfolio's), which the benefits table
    /// beside the file refers to.
    pub added_sources: Vec<Option<Id>>,
    pub updates: Vec<Update>,
    /// Rows that match their initiative exactly.
    pub unchanged: usize,
    /// Rows with another portfolio's IDs, imported as new initiatives.
    pub as_new: Vec<u32>,
    /// Control characters taken out of the cells.
    pub stripped: usize,
    /// Units and owners the rows name that the organisation profile does not list.
    pub new_units: Vec<String>,
    pub new_owners: Vec<String>,
    /// New rows whose title an initiative already has: (row, that initiative), so a sheet
    /// imported twice is noticed.
    pub same_title: Vec<(u32, Id)>,
    /// What reading the tables beside the file noticed.
    pub notes: Vec<String>,
    /// Cells imported as written that look wrong (a creation date in the future), each at
    /// its row and column.
    pub warnings: Vec<Problem>,
}

impl Plan {
    /// "3 new, 2 changed (Status, Owner), 20 unchanged, nothing removed".
    pub fn summary(&self, lang: Lang) -> String {
        let mut fields: Vec<&str> = Vec::new();
        for field in self.updates.iter().flat_map(|u| &u.fields) {
            if !fields.contains(&field.as_str()) {
                fields.push(field);
            }
        }
        let fields = if fields.is_empty() { String::new() } else { format!(" ({})", fields.join(", ")) };
        [
            lang.tn("import.count_new", self.added.len(), &[]),
            lang.tn("import.count_changed", self.updates.len(), &[("fields", &fields)]),
            lang.tn("import.count_unchanged", self.unchanged, &[]),
            lang.t("import.nothing_removed_count").to_owned(),
        ]
        .join(", ")
    }

    /// The import as one change (one undo step): new initiatives get ids after everything in
    /// `portfolio`; with `add_names`, new units and owners join the organisation profile.
    pub fn change(self, portfolio: &mut Portfolio, add_names: bool) -> Change {
        let mut changes = Vec::with_capacity(self.added.len() + self.updates.len() + 1);
        // One scan each for the first free number; the rest follow it.
        let mut numbers =
            (portfolio.allocate_id(Collection::Benefit), portfolio.allocate_id(Collection::Measurement));
        if !self.added.is_empty() {
            // One scan for the first id; the rest follow it (allocate_id scans every time).
            let first = portfolio.allocate_id(Collection::Initiative);
            let mut next = first;
            for mut i in self.added {
                i.id = next;
                next = next.saturating_add(1);
                number_benefits(&mut i, &mut numbers);
                changes.push(Change::initiative(None, Some(i)));
            }
            portfolio.next_id.initiative = next;
        }
        for mut update in self.updates {
            number_benefits(&mut update.after, &mut numbers);
            changes.push(Change::initiative(Some(update.before), Some(update.after)));
        }
        portfolio.next_id.benefit = numbers.0;
        portfolio.next_id.measurement = numbers.1;
        if add_names && (!self.new_units.is_empty() || !self.new_owners.is_empty()) {
            let before = portfolio.organisation.clone();
            let mut after = before.clone();
            after.units.extend(self.new_units.into_iter().map(|name| Unit { name, ..Unit::default() }));
            after.people.extend(self.new_owners);
            changes.push(Change::organisation(before, after));
        }
        Change::Batch(changes)
    }

    /// The ids a change made by [`Plan::change`] added.
    pub fn added_ids(change: &Change) -> Vec<Id> {
        match change {
            Change::Batch(changes) => changes
                .iter()
                .filter_map(|c| match c {
                    Change::Initiative(crate::history::Replace { before: None, after: Some(i) }) => {
                        Some(i.id)
                    }
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// Gives the benefits and measurements an import brought (numbered 0) the next free
/// `numbers` (benefit, measurement).
fn number_benefits(i: &mut Initiative, (benefit, measurement): &mut (Id, Id)) {
    for b in &mut i.benefits {
        if b.id == 0 {
            b.id = *benefit;
            *benefit = benefit.saturating_add(1);
        }
        for m in b.measurements.iter_mut().filter(|m| m.id == 0) {
            m.id = *measurement;
            *measurement = measurement.saturating_add(1);
        }
    }
}

/// Checks the mapping as a whole: a title column, and no field filled by two columns.
fn check_mapping(sheet: &Sheet, mapping: &Mapping, lang: Lang) -> Vec<Problem> {
    let mut problems = Vec::new();
    if mapping.column_of(Column::Title).is_none() {
        let found = sheet.headers.iter().map(|h| format!("“{}”", h.trim())).collect::<Vec<_>>().join(", ");
        let message = match sheet.source {
            super::Source::Csv(d) => lang.tf(
                "import.no_title_column",
                &[("found", &found), ("delimiter", &super::decode::delimiter_name(d, lang))],
            ),
            super::Source::Workbook(_) => lang.tf("import.no_title_column_sheet", &[("found", &found)]),
        };
        problems.push(Problem::at_row(sheet.header_row, &message));
    }
    for (ix, column) in mapping.columns.iter().enumerate() {
        let Target::Field(field) = column.target else { continue };
        if field == Column::Tags {
            continue;
        }
        if let Some(first) = mapping.columns[..ix].iter().position(|c| c.target == column.target) {
            let message = lang.tf(
                "import.duplicate_column",
                &[
                    ("name", &field.header(lang)),
                    ("first", &column_letter(first)),
                    ("second", &column_letter(ix)),
                ],
            );
            problems.push(Problem::at_cell(sheet.header_row, ix, message));
        }
    }
    problems
}

/// Works out what importing `sheet` into `portfolio` with `mapping` does, or everything that
/// stops it.
pub fn plan(
    sheet: &Sheet,
    mapping: &Mapping,
    portfolio: &Portfolio,
    options: &Options,
) -> Result<Plan, Vec<Problem>> {
    let lang = options.lang;
    let mut problems = check_mapping(sheet, mapping, lang);
    if !problems.is_empty() {
        return Err(problems);
    }
    let rows = Rows::new(portfolio, mapping, lang, options.today);
    let mut plan = Plan {
        added: Vec::new(),
        added_sources: Vec::new(),
        updates: Vec::new(),
        unchanged: 0,
        as_new: Vec::new(),
        stripped: 0,
        new_units: Vec::new(),
        new_owners: Vec::new(),
        same_title: Vec::new(),
        notes: Vec::new(),
        warnings: Vec::new(),
    };
    let mut seen: HashSet<Id> = HashSet::new();
    let titles: std::collections::HashMap<String, Id> =
        portfolio.initiatives.iter().map(|i| (fold(i.title.trim()), i.id)).collect();
    let mut conflicts: Vec<(u32, Id)> = Vec::new();
    let ours = !portfolio.id.is_empty();
    for row in &sheet.rows {
        let id = match rows.id(row) {
            Ok(id) => id,
            Err(p) => {
                problems.push(p);
                continue;
            }
        };
        let same = ours && rows.identity(row).as_deref() == Some(portfolio.id.as_str());
        let existing = match id {
            Some(id) if same => {
                if !seen.insert(id) {
                    let message = lang.tf("import.duplicate_id", &[("id", &id)]);
                    problems.push(Problem::at_cell(row.number, rows.id_column().unwrap_or(0), message));
                    continue;
                }
                let Some(i) = portfolio.initiative(id) else {
                    let message = lang.tf("import.id_gone", &[("id", &id)]);
                    problems.push(Problem::at_cell(row.number, rows.id_column().unwrap_or(0), message));
                    continue;
                };
                Some(i)
            }
            Some(id) => {
                if !options.as_new && portfolio.initiative(id).is_some() {
                    conflicts.push((row.number, id));
                }
                plan.as_new.push(row.number);
                None
            }
            None => None,
        };
        let base = existing.cloned().unwrap_or_default();
        let noticed = (&mut plan.stripped, &mut plan.warnings);
        match rows.fill(base, row, (existing.is_some(), id.is_none()), noticed) {
            Err(errors) => problems.extend(errors),
            Ok(after) => match existing {
                None => {
                    if let Some(id) = titles.get(&fold(after.title.trim())) {
                        plan.same_title.push((row.number, *id));
                    }
                    plan.added.push(after);
                    plan.added_sources.push(id);
                }
                Some(before) => {
                    // The Updated cell is the importer's to set: compare without it.
                    let mut after = after;
                    after.updated = before.updated;
                    if after == *before {
                        plan.unchanged += 1;
                        continue;
                    }
                    let changes = changes(before, &after, portfolio, lang);
                    let since = rows.exported(row).and_then(|(ix, exported)| {
                        changed_since(before, exported, &options.zone).map(|at| (ix, exported, at))
                    });
                    if let (Some((column, exported, at)), false) = (since, options.overwrite) {
                        problems.push(stale(before, (row.number, column), (exported, at), &changes, options));
                        continue;
                    }
                    after.updated = Some(now());
                    let fields = changes.iter().map(|c| c.field.clone()).collect();
                    plan.updates.push(Update {
                        row: row.number,
                        before: before.clone(),
                        after,
                        fields,
                        changes,
                        overwrites: since.map(|(.., at)| at),
                    });
                }
            },
        }
    }
    if !conflicts.is_empty() {
        problems.insert(0, foreign(&conflicts, rows.id_column().unwrap_or(0), lang));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    new_names(&mut plan, portfolio);
    Ok(plan)
}

/// The refusal of rows whose IDs are another portfolio's and also this one's.
fn foreign(conflicts: &[(u32, Id)], column: usize, lang: Lang) -> Problem {
    let rows = ranges(&conflicts.iter().map(|(r, _)| *r).collect::<Vec<_>>());
    let ids = conflicts.iter().take(5).map(|(_, id)| format!("#{id}")).collect::<Vec<_>>().join(", ");
    let more = if conflicts.len() > 5 { "…" } else { "" };
    let message =
        lang.tn("import.foreign", conflicts.len(), &[("rows", &rows), ("ids", &format!("{ids}{more}"))]);
    Problem::at_cell(conflicts[0].0, column, message)
}

/// "2–5, 9, 11–12".
pub fn ranges(numbers: &[u32]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut ix = 0;
    while ix < numbers.len() {
        let start = numbers[ix];
        let mut end = start;
        while ix + 1 < numbers.len() && numbers[ix + 1] == end + 1 {
            ix += 1;
            end = numbers[ix];
        }
        out.push(if end > start { format!("{start}–{end}") } else { start.to_string() });
        ix += 1;
    }
    out.join(", ")
}

/// When `before` was changed after `exported` (the sheet's `Updated`): to the second (a
/// workbook keeps no finer time), or to the day in `zone` for a date without a time. Never
/// when the initiative has no time of its own.
fn changed_since(
    before: &Initiative,
    exported: Option<Stamp>,
    zone: &jiff::tz::TimeZone,
) -> Option<jiff::Timestamp> {
    before.updated.filter(|at| exported.is_none_or(|e| e.is_before(*at, zone)))
}

/// The refusal of a row whose initiative was changed in fasett at `at`, after the sheet was
/// exported (`exported`, when the row says).
fn stale(
    before: &Initiative,
    (row, column): (u32, usize),
    (exported, at): (Option<Stamp>, jiff::Timestamp),
    changes: &[FieldChange],
    options: &Options,
) -> Problem {
    let lang = options.lang;
    let when = |t| lang.date_time(t, &options.zone, options.today);
    let mut set = changes.iter().take(2).map(FieldChange::describe).collect::<Vec<_>>().join("; ");
    if changes.len() > 2 {
        set.push_str("; …");
    }
    let args: [(&str, &dyn std::fmt::Display); 4] = [
        ("id", &before.id),
        ("changed", &when(at)),
        (
            "exported",
            &exported
                .map(|e| match e {
                    Stamp::At(t) => when(t),
                    Stamp::Day(day) => lang.date(day),
                })
                .unwrap_or_default(),
        ),
        ("changes", &set),
    ];
    let key = if exported.is_some() { "import.stale" } else { "import.stale_no_time" };
    Problem { stale: true, ..Problem::at_cell(row, column, lang.tf(key, &args)) }
}

/// Units and owners named by the new and changed initiatives that the profile lacks.
fn new_names(plan: &mut Plan, portfolio: &Portfolio) {
    let org = &portfolio.organisation;
    let mut units: Vec<String> = Vec::new();
    let mut owners: Vec<String> = Vec::new();
    let known_units: HashSet<String> = org.units.iter().map(|u| fold(u.name.trim())).collect();
    let known_people: HashSet<String> = org.people.iter().map(|p| fold(p.trim())).collect();
    let all = plan.added.iter().chain(plan.updates.iter().map(|u| &u.after));
    for i in all {
        let unit = i.unit.trim();
        if !unit.is_empty()
            && !known_units.contains(&fold(unit))
            && !units.iter().any(|u| fold(u) == fold(unit))
        {
            units.push(unit.to_owned());
        }
        let owner = i.owner.trim();
        if !owner.is_empty()
            && !known_people.contains(&fold(owner))
            && !owners.iter().any(|o| fold(o) == fold(owner))
        {
            owners.push(owner.to_owned());
        }
    }
    plan.new_units = units;
    plan.new_owners = owners;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_numbers_read_as_ranges() {
        assert_eq!(ranges(&[2, 3, 4, 5, 9, 11, 12]), "2–5, 9, 11–12");
        assert_eq!(ranges(&[7]), "7");
        assert_eq!(ranges(&[]), "");
    }
}
