//! Turning one row into an initiative, or onto an existing one: each cell read as its
//! column's kind of value (text, choice, yes/no, date, goals, log) through the mapping,
//! placement checked whole, the `Extra (JSON)` cell's keys put back where the export took
//! them from, and the columns that fill no field kept as `other_columns`.

use jiff::civil::Date;
use serde::Deserialize as _;
use serde_json::{Map, Value};

use super::Problem;
use super::columns::{Vocab, norm};
use super::mapping::{Choice, Mapping, Target};
use super::sheet::{Cell, Row, strip_controls};
use super::stamp::{Stamp, stamp, timestamp};
use crate::dates::{CellDateError, DateOrder};
use crate::export::{Column, OTHER_COLUMNS, split_list, unescape_line};
use crate::i18n::Lang;
use crate::model::Costs;
use crate::model::benefit::Legacy;
use crate::model::extras::Extra;
use crate::model::{
    CreatedTo, Goal, Id, Initiative, LogEntry, LogKind, Placement, Portfolio, PushedBy, Stage,
};
use crate::text::one_line;

/// What every row of one file is read with.
pub(super) struct Rows<'a> {
    lang: Lang,
    mapping: &'a Mapping,
    goals: &'a [Goal],
    /// Each goal's title made comparable, in the order of `goals`.
    goal_names: Vec<String>,
    today: Date,
    order: Option<DateOrder>,
    /// Without a Created column, new initiatives are created today.
    has_created: bool,
    /// Both placement columns are there.
    has_placement: bool,
    id: Option<usize>,
    identity: Option<usize>,
    /// Each field column's continuation columns.
    more: Vec<Vec<usize>>,
}

impl<'a> Rows<'a> {
    pub(super) fn new(portfolio: &'a Portfolio, mapping: &'a Mapping, lang: Lang, today: Date) -> Self {
        let mut more = vec![Vec::new(); mapping.columns.len()];
        for (ix, column) in mapping.columns.iter().enumerate() {
            if let Target::More(field) = column.target
                && let Some(main) = mapping.column_of(field)
            {
                more[main].push(ix);
            }
        }
        Rows {
            lang,
            mapping,
            goals: &portfolio.organisation.goals,
            goal_names: portfolio.organisation.goals.iter().map(|g| norm(&one_line(&g.title))).collect(),
            today,
            order: mapping.date_order.map(|(o, _)| o),
            has_created: mapping.column_of(Column::Created).is_some(),
            has_placement: mapping.column_of(Column::CreatedTo).is_some()
                && mapping.column_of(Column::PushedBy).is_some(),
            id: mapping.column_of(Column::Id),
            identity: mapping.column_of(Column::Portfolio),
            more,
        }
    }

    /// The row's ID, if it has one; a problem if the cell is not a whole number.
    pub(super) fn id(&self, row: &Row) -> Result<Option<Id>, Problem> {
        let Some(ix) = self.id else { return Ok(None) };
        let cell = row.cells.get(ix).unwrap_or(&Cell::Empty);
        if cell.is_blank() {
            return Ok(None);
        }
        let text = cell.text();
        let digits = text.trim().trim_start_matches('#');
        digits.parse::<Id>().map(Some).map_err(|_| {
            let message = self.lang.tf(
                "import.bad_id",
                &[("column", &self.mapping.columns[ix].header), ("value", &one_line(&text))],
            );
            Problem::at_cell(row.number, ix, message)
        })
    }

    /// The identity of the portfolio the row's ID belongs to, if the row names one.
    pub(super) fn identity(&self, row: &Row) -> Option<String> {
        let cell = row.cells.get(self.identity?)?;
        let text = cell.text().trim().to_owned();
        (!text.is_empty()).then_some(text)
    }

    /// The ID column's index.
    pub(super) fn id_column(&self) -> Option<usize> {
        self.id
    }

    /// The row's `Updated` cell, which an exported sheet carries: `None` without such a
    /// column (or when the cell cannot be read: [`Rows::fill`] names that), else the
    /// initiative's `updated` when the sheet was exported (the column's index with it).
    pub(super) fn exported(&self, row: &Row) -> Option<(usize, Option<Stamp>)> {
        let ix = self.mapping.column_of(Column::Updated)?;
        let cell = row.cells.get(ix).unwrap_or(&Cell::Empty);
        stamp(cell).ok().map(|t| (ix, t))
    }

    /// `base` with the row's cells written over it: a new initiative, or an existing one
    /// (`update`; then the Updated cell is left to the importer). A new row without an ID
    /// was typed into the sheet (`typed`): a blank Created cell means today. Counts the
    /// control characters taken out into `stripped`, and adds to `warnings` what was read as
    /// written but looks wrong (a creation date in the future).
    pub(super) fn fill(
        &self,
        base: Initiative,
        row: &Row,
        (update, typed): (bool, bool),
        (stripped, warnings): (&mut usize, &mut Vec<Problem>),
    ) -> Result<Initiative, Vec<Problem>> {
        let mut i = base;
        if !update && !self.has_created {
            i.created = Some(self.today);
        }
        let mut fill = Fill {
            rows: self,
            number: row.number,
            column: 0,
            errors: Vec::new(),
            warnings: Vec::new(),
            stripped: 0,
            placement: (None, None),
            extra: None,
            stage_set: false,
            stage_from_status: None,
            typed: typed && !update,
            legacy: Legacy::default(),
            triage: None,
        };
        let mut other: Map<String, Value> = match i.extra.remove(OTHER_COLUMNS) {
            Some(Value::Object(map)) => map,
            _ => Map::new(),
        };
        for (ix, column) in self.mapping.columns.iter().enumerate() {
            let cell = row.cells.get(ix).unwrap_or(&Cell::Empty);
            fill.column = ix;
            match column.target {
                // The importer sets an update's time; the cell only has to be readable, as
                // it tells whether the initiative changed after the export (`Rows::exported`).
                Target::Field(Column::Updated) if update => {
                    if stamp(cell).is_err() {
                        fill.error("import.bad_timestamp", Column::Updated.header(self.lang), &cell.text());
                    }
                }
                Target::Field(field) if self.more[ix].is_empty() => {
                    fill.field(&mut i, field, cell, field.header(self.lang));
                }
                Target::Field(field) => {
                    let mut text = cell.text().into_owned();
                    for more in &self.more[ix] {
                        text.push_str(&row.cells.get(*more).map(Cell::text).unwrap_or_default());
                    }
                    fill.field(&mut i, field, &Cell::Text(text), field.header(self.lang));
                }
                Target::Keep if cell.is_blank() => {
                    other.remove(&column.header);
                }
                Target::Keep => {
                    let value = match cell {
                        Cell::Number(n) => {
                            serde_json::Number::from_f64(*n).map_or(Value::Null, Value::Number)
                        }
                        Cell::Bool(b) => Value::Bool(*b),
                        cell => Value::String(fill.clean(&cell.text())),
                    };
                    other.insert(column.header.clone(), value);
                }
                Target::More(_) | Target::Skip => {}
            }
        }
        if let (false, Some(stage)) = (fill.stage_set, fill.stage_from_status) {
            i.stage = stage;
        }
        let title_column = self.mapping.column_of(Column::Title).unwrap_or(0);
        if i.title.trim().is_empty() {
            let message = self.lang.t("import.empty_title").to_owned();
            fill.errors.push(Problem::at_cell(row.number, title_column, message));
        }
        match fill.placement {
            (Some(created_to), Some(pushed_by)) => {
                let extra = i.placement.take().map(|p| p.extra).unwrap_or_default();
                i.placement = Some(Box::new(Placement { created_to, pushed_by, extra }));
            }
            // Both answers blank: no placement (an update clears one the file no longer has).
            (None, None) if self.has_placement => i.placement = None,
            (None, None) => {}
            _ => fill.errors.push(Problem::at_row(row.number, self.lang.t("import.half_placement"))),
        }
        if let Some(extra) = fill.extra.take() {
            spread_extras(&mut i, extra);
        }
        if let Some((column, word)) = fill.triage.take()
            && let Some(message) = super::triage::check(&i, &word, self.lang)
        {
            fill.errors.push(Problem::at_cell(row.number, column, message));
        }
        // An old spreadsheet's benefit columns become benefits, as the file migration does.
        let legacy = Legacy {
            start: i.start,
            found: i.end.or(i.updated.map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date())).or(i.start),
            ..std::mem::take(&mut fill.legacy)
        };
        // Numbered when the import is made (`Plan::change`); one the initiative has already
        // (the same sheet brought back) is not added twice.
        let new: Vec<_> = legacy
            .into_benefits(|_| 0)
            .into_iter()
            .filter(|b| !i.benefits.iter().any(|x| x.kind == b.kind && x.title == b.title))
            .collect();
        i.benefits.extend(new);
        if !other.is_empty() {
            i.extra.insert(OTHER_COLUMNS.to_owned(), Value::Object(other));
        }
        *stripped += fill.stripped;
        warnings.append(&mut fill.warnings);
        if fill.errors.is_empty() { Ok(i) } else { Err(fill.errors) }
    }
}

/// Filling one initiative from one row, collecting what is wrong with it.
struct Fill<'r, 'a> {
    rows: &'r Rows<'a>,
    number: u32,
    column: usize,
    errors: Vec<Problem>,
    /// Cells read as written that look wrong: said, and the row is imported.
    warnings: Vec<Problem>,
    stripped: usize,
    placement: (Option<CreatedTo>, Option<PushedBy>),
    extra: Option<Map<String, Value>>,
    stage_set: bool,
    stage_from_status: Option<Stage>,
    /// A new row typed into the sheet (no ID).
    typed: bool,
    /// The benefit columns of an old spreadsheet.
    legacy: Legacy,
    /// The triage cell (column, text), checked once the row's idea is known.
    triage: Option<(usize, String)>,
}

impl Fill<'_, '_> {
    fn error(&mut self, key: &str, header: &str, value: &str) {
        let value = one_line(value);
        let message = self.rows.lang.tf(key, &[("column", &header), ("value", &value)]);
        self.errors.push(Problem::at_cell(self.number, self.column, message));
    }

    /// Text without stray control characters (counted).
    fn clean(&mut self, text: &str) -> String {
        let (clean, n) = strip_controls(text);
        self.stripped += n;
        clean.into_owned()
    }

    fn choice(&mut self, word: &str, header: &str, field: Column) -> Option<Choice> {
        let found = self.rows.mapping.columns[self.column].choice(word);
        if found.is_none() && super::mapping::is_flag(field) {
            self.error("import.not_yes_no", header, word);
        } else if found.is_none() {
            let lang = self.rows.lang;
            let value = one_line(word);
            let options = super::columns::options(field, lang);
            let message = lang
                .tf("import.unknown_word", &[("column", &header), ("value", &value), ("options", &options)]);
            self.errors.push(Problem::at_cell(self.number, self.column, message));
        }
        found
    }

    /// The choices a list cell names, each as `pick` takes it from the field's vocabulary.
    fn choices<T>(
        &mut self,
        cell: &Cell,
        header: &str,
        field: Column,
        pick: fn(Choice) -> Option<T>,
    ) -> Vec<T> {
        split_list(&cell.text())
            .iter()
            .filter(|item| !item.trim().is_empty())
            .filter_map(|item| self.choice(item.trim(), header, field))
            .filter_map(pick)
            .collect()
    }

    fn date(&mut self, cell: &Cell, header: &str) -> Option<Date> {
        match cell {
            Cell::Date(d) => Some(*d),
            Cell::DateTime(t) => Some(t.date()),
            Cell::Number(n) => {
                let date = crate::dates::from_serial(*n, false);
                if date.is_none() {
                    self.error("import.bad_date", header, &cell.text());
                }
                date
            }
            cell => match crate::dates::parse_cell(&cell.text(), self.rows.order) {
                Ok(d) => d,
                Err(CellDateError::NotADate) => {
                    self.error("import.bad_date", header, &cell.text());
                    None
                }
                Err(CellDateError::Ambiguous { dmy, mdy }) => {
                    let lang = self.rows.lang;
                    let value = one_line(&cell.text()).into_owned();
                    let message = lang.tf(
                        "import.ambiguous_date",
                        &[("column", &header), ("value", &value), ("dmy", &dmy), ("mdy", &mdy)],
                    );
                    self.errors.push(Problem::at_cell(self.number, self.column, message));
                    None
                }
            },
        }
    }

    // One arm per column reads best, blank cells included.
    #[allow(clippy::match_same_arms)]
    fn field(&mut self, i: &mut Initiative, field: Column, cell: &Cell, header: &str) {
        let blank = cell.is_blank();
        let text = |f: &mut Self| f.clean(&cell.text());
        let list = |f: &mut Self| split_list(&cell.text()).iter().map(|x| f.clean(x)).collect::<Vec<_>>();
        match field {
            // The ID and the portfolio's identity decide which initiative the row is.
            Column::Id | Column::Portfolio => {}
            Column::Triage => self.triage = Some((self.column, cell.text().trim().to_owned())),
            Column::Title => i.title = text(self),
            Column::Description => i.description = text(self),
            Column::Need => i.need = text(self),
            Column::NeedSources => {
                i.need_sources = self.choices(cell, header, field, |c| {
                    if let Choice::NeedSource(x) = c { Some(x) } else { None }
                });
            }
            Column::Relieves => {
                i.relieves = self.choices(cell, header, field, |c| {
                    if let Choice::Pressure(x) = c { Some(x) } else { None }
                });
            }
            Column::Facet if blank => i.facet = crate::model::Facet::Unplaced,
            Column::Track if blank => i.track = None,
            Column::CreatedTo | Column::PushedBy | Column::Stage | Column::Status | Column::Priority
                if blank => {}
            // An empty yes/no cell is no, as a new row typed in a spreadsheet leaves them.
            Column::ExpectedEfficiency
            | Column::ExpectedQuality
            | Column::BenefitAnalysed
            | Column::BenefitRealised
            | Column::Archived
                if blank =>
            {
                self.apply(i, field, Choice::Flag(false));
            }
            Column::Facet
            | Column::Track
            | Column::CreatedTo
            | Column::PushedBy
            | Column::Stage
            | Column::Status
            | Column::Priority
            | Column::ExpectedEfficiency
            | Column::ExpectedQuality
            | Column::BenefitAnalysed
            | Column::BenefitRealised
            | Column::Archived => {
                let word = cell.text();
                let Some(choice) = self.choice(word.trim(), header, field) else { return };
                self.apply(i, field, choice);
            }
            Column::ExpectedBenefit => self.legacy.text = text(self),
            Column::RealisedBenefit => self.legacy.realised_text = text(self),
            Column::Owner => i.owner = text(self),
            Column::Unit => i.unit = text(self),
            Column::Investment => {
                let value = self.number(cell, header);
                set_cost(i, value, |c| &mut c.investment);
            }
            Column::YearlyCost => {
                let value = self.number(cell, header);
                set_cost(i, value, |c| &mut c.yearly);
            }
            Column::Partners => i.partners = list(self),
            Column::Goals => i.goals = self.goals(&cell.text(), header),
            Column::Start => i.start = self.date(cell, header),
            Column::FollowUp => i.follow_up = self.date(cell, header),
            Column::End => i.end = self.date(cell, header),
            // A row typed into the sheet as a new initiative is created today.
            Column::Created if blank && self.typed => i.created = Some(self.rows.today),
            Column::Created => {
                i.created = self.date(cell, header);
                // Kept as written (refusing the whole sheet for one date would stop the rest),
                // but never silently: most likely a mistyped year, mended in the sheet.
                if i.created.is_some_and(|d| d > self.rows.today) {
                    let lang = self.rows.lang;
                    let value = one_line(&cell.text()).into_owned();
                    let message = lang.tf("import.future_created", &[("column", &header), ("value", &value)]);
                    self.warnings.push(Problem::at_cell(self.number, self.column, message));
                }
            }
            // Several columns may name tags (Taggar and Kategori): all are kept.
            Column::Tags => {
                let tags = list(self);
                let first = self.rows.mapping.column_of(Column::Tags) == Some(self.column);
                if first {
                    i.tags = tags;
                } else {
                    i.tags.extend(tags.into_iter().filter(|t| !t.trim().is_empty()));
                }
            }
            Column::Log => {
                let mut log = self.log(&cell.text(), header);
                keep_decisions(&i.log, &mut log);
                i.log = log;
            }
            Column::Updated => match timestamp(cell) {
                Ok(t) => i.updated = t,
                Err(()) => self.error("import.bad_timestamp", header, &cell.text()),
            },
            Column::Extra if blank => {}
            Column::Extra => match serde_json::from_str::<Value>(&cell.text()) {
                Ok(Value::Object(map)) => self.extra = Some(map),
                _ => self.error("import.bad_extra", header, &cell.text()),
            },
        }
    }

    /// A number in a cell (typed in the sheet, or text with `.` or `,` as the decimal mark).
    fn number(&mut self, cell: &Cell, header: &str) -> Option<f64> {
        if let Cell::Number(n) = cell {
            return Some(*n);
        }
        let text = cell.text();
        if text.trim().is_empty() {
            return None;
        }
        match crate::i18n::parse_cell(&text) {
            Ok(n) => Some(n),
            Err(crate::i18n::NumberError::TooLarge) => {
                self.error("import.huge_number", header, &text);
                None
            }
            Err(crate::i18n::NumberError::NotANumber) => {
                self.error("import.bad_number", header, &text);
                None
            }
        }
    }

    fn apply(&mut self, i: &mut Initiative, field: Column, choice: Choice) {
        match (field, choice) {
            (_, Choice::Facet(x)) => i.facet = x,
            (_, Choice::Stage(x)) => {
                i.stage = x;
                self.stage_set = true;
            }
            (_, Choice::Status(x)) => i.status = x,
            (_, Choice::StatusAt(x, stage)) => {
                i.status = x;
                self.stage_from_status = Some(stage);
            }
            (_, Choice::Track(x)) => i.track = Some(x),
            (_, Choice::Priority(x)) => i.priority = x,
            (_, Choice::CreatedTo(x)) => self.placement.0 = Some(x),
            (_, Choice::PushedBy(x)) => self.placement.1 = Some(x),
            (Column::ExpectedEfficiency, Choice::Flag(b)) => self.legacy.efficiency = b,
            (Column::ExpectedQuality, Choice::Flag(b)) => self.legacy.quality = b,
            (Column::BenefitAnalysed, Choice::Flag(b)) => self.legacy.analysed = b,
            (Column::BenefitRealised, Choice::Flag(b)) => self.legacy.realised = b,
            (Column::Archived, Choice::Flag(b)) => i.archived = b,
            _ => {}
        }
    }

    /// `#3 Title` (number and title must both match a goal), `3`, or a goal's title; case,
    /// accents and spacing do not matter.
    fn goals(&mut self, cell: &str, header: &str) -> Vec<Id> {
        let mut out = Vec::new();
        for item in split_list(cell) {
            let item = item.trim();
            if item.is_empty() {
                continue;
            }
            let digits: String =
                item.trim_start_matches('#').chars().take_while(char::is_ascii_digit).collect();
            let numbered = !digits.is_empty() && (item.starts_with('#') || digits.len() == item.len());
            let found = if numbered {
                let name = item.trim_start_matches('#')[digits.len()..].trim();
                let goal =
                    digits.parse::<Id>().ok().and_then(|id| self.rows.goals.iter().position(|g| g.id == id));
                match goal.map(|ix| (&self.rows.goals[ix], &self.rows.goal_names[ix])) {
                    Some((g, known)) if name.is_empty() || norm(name) == *known => Some(g.id),
                    Some((g, _)) => {
                        let actual = format!("#{} {}", g.id, one_line(&g.title));
                        self.goal_error("import.goal_mismatch", header, item, &actual);
                        continue;
                    }
                    None => None,
                }
            } else {
                let wanted = norm(item);
                self.rows.goal_names.iter().position(|n| *n == wanted).map(|ix| self.rows.goals[ix].id)
            };
            match found {
                Some(id) => out.push(id),
                None => self.goal_error("import.unknown_goal", header, item, ""),
            }
        }
        out
    }

    fn goal_error(&mut self, key: &str, header: &str, item: &str, actual: &str) {
        let lang = self.rows.lang;
        let goals = if self.rows.goals.is_empty() {
            lang.t("import.no_goals").to_owned()
        } else {
            self.rows
                .goals
                .iter()
                .map(|g| format!("#{} {}", g.id, one_line(&g.title)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let value = one_line(item);
        let message =
            lang.tf(key, &[("column", &header), ("value", &value), ("goal", &actual), ("goals", &goals)]);
        self.errors.push(Problem::at_cell(self.number, self.column, message));
    }

    /// One entry per line: `YYYY-MM-DD kind: text` (the kind may be left out).
    fn log(&mut self, cell: &str, header: &str) -> Vec<LogEntry> {
        let kinds = &Vocab::get().kinds;
        let mut out = Vec::new();
        for line in cell.split('\n') {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() {
                continue;
            }
            let (date, rest) = line.split_once(' ').unwrap_or((line, ""));
            let Ok(Some(date)) = crate::dates::parse_cell(date.trim_end_matches(':'), self.rows.order) else {
                self.error("import.bad_log", header, line);
                continue;
            };
            let (kind, text) = match rest.split_once(':') {
                Some((word, text)) if kinds.contains_key(&norm(word)) => {
                    (kinds[&norm(word)], text.strip_prefix(' ').unwrap_or(text))
                }
                _ => (LogKind::Note, rest),
            };
            let text = self.clean(&unescape_line(text));
            out.push(LogEntry { date, kind, text, decision: None, extra: Extra::default() });
        }
        out
    }
}

/// A sheet's log line says date, kind and text only: an entry the initiative already has
/// keeps what the line cannot say (who decided what, keys fasett does not know).
fn keep_decisions(before: &[LogEntry], log: &mut [LogEntry]) {
    for entry in log.iter_mut() {
        let same = before
            .iter()
            .find(|old| old.date == entry.date && old.kind == entry.kind && old.text == entry.text);
        if let Some(old) = same {
            entry.decision.clone_from(&old.decision);
            entry.extra.clone_from(&old.extra);
        }
    }
}

/// Sets one of the initiative's costs: the costs are made when a cost column has a value, and
/// left out when both are empty (and nothing else is kept with them).
fn set_cost(i: &mut Initiative, value: Option<f64>, field: fn(&mut Costs) -> &mut Option<f64>) {
    if value.is_none() && i.costs.is_none() {
        return;
    }
    let costs = i.costs.get_or_insert_default();
    *field(costs) = value;
    if costs.investment.is_none() && costs.yearly.is_none() && costs.extra.is_empty() {
        i.costs = None;
    }
}

/// Puts the `Extra (JSON)` cell's keys back where [`crate::export::extras_json`] took them.
fn spread_extras(i: &mut Initiative, mut map: Map<String, Value>) {
    let mut take = |key: &str| match map.get(key) {
        Some(Value::Object(_)) => match map.remove(key) {
            Some(Value::Object(o)) => Some(o),
            _ => None,
        },
        _ => None,
    };
    if let Some(o) = take("costs") {
        i.costs.get_or_insert_default().extra = o;
    }
    if let Some(o) = take("placement")
        && let Some(p) = i.placement.as_mut()
    {
        p.extra = o;
    }
    if let Some(Value::Array(_)) = map.get("log")
        && let Some(Value::Array(entries)) = map.remove("log")
    {
        for (entry, extra) in i.log.iter_mut().zip(entries) {
            if let Value::Object(o) = extra {
                entry.extra = o;
            }
        }
    }
    spread_loop(i, &mut map);
    i.extra = map;
}

/// The idea, the lineage and the log's decisions from the `Extra (JSON)` cell. A sheet
/// exported without proposers leaves the proposer the initiative already has.
fn spread_loop(i: &mut Initiative, map: &mut Map<String, Value>) {
    use crate::model::extras::Extras;
    if let Some(value) = map.get("idea")
        && let Ok(mut idea) = crate::model::Idea::deserialize(value)
    {
        idea.absorb(value);
        if idea.proposer.is_empty()
            && let Some(before) = &i.idea
        {
            idea.proposer = before.proposer.clone();
        }
        i.idea = Some(Box::new(idea));
        map.remove("idea");
    }
    if let Some(parent) = map.get("grew_out_of").and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok()) {
        i.grew_out_of = Some(parent);
        map.remove("grew_out_of");
    }
    if let Some(Value::Array(decisions)) = map.get("decisions") {
        for (entry, value) in i.log.iter_mut().zip(decisions) {
            if let Ok(mut decision) = crate::model::Decision::deserialize(value) {
                decision.absorb(value);
                entry.decision = Some(decision);
            }
        }
        map.remove("decisions");
    }
}
