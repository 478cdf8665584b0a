//! Turning one row into an initiative: each cell read as its column's kind of value (text,
//! choice, yes/no, date, goals, log), placement checked whole, and the `Extra (JSON)` cell's
//! keys put back where the export took them from.

use std::collections::HashMap;

use jiff::civil::Date;
use serde_json::Value;

use super::columns::{Vocab, norm, options};
use crate::export::{Column, split_list, unescape_line, unguard};
use crate::i18n::Lang;
use crate::model::benefit::Legacy;
use crate::model::extras::Extra;
use crate::model::{Costs, CreatedTo, Facet, Initiative, LogEntry, LogKind, Placement, Portfolio, PushedBy};

/// What every row of one file is read with.
pub(super) struct Rows {
    lang: Lang,
    vocab: Vocab,
    /// The portfolio's goals by folded title, for goals named by title.
    goals: HashMap<String, u32>,
    today: Date,
    /// Without a Created column, imported initiatives are created today.
    has_created: bool,
}

impl Rows {
    pub(super) fn new(portfolio: &Portfolio, columns: &[Option<Column>], lang: Lang, today: Date) -> Self {
        let goals =
            portfolio.organisation.goals.iter().map(|g| (crate::text::fold(g.title.trim()), g.id)).collect();
        let has_created = columns.contains(&Some(Column::Created));
        Rows { lang, vocab: Vocab::new(), goals, today, has_created }
    }

    /// The initiative in `record` (one cell per entry of `columns`), or everything wrong with it.
    pub(super) fn initiative(
        &self,
        record: &csv::StringRecord,
        columns: &[Option<Column>],
    ) -> Result<Initiative, Vec<String>> {
        let lang = self.lang;
        let mut row = Row {
            lang,
            vocab: &self.vocab,
            goals: &self.goals,
            today: self.today,
            errors: Vec::new(),
            legacy: Legacy::default(),
        };
        let mut i = Initiative {
            created: if self.has_created { None } else { Some(self.today) },
            ..Initiative::default()
        };
        let mut placement: (Option<CreatedTo>, Option<PushedBy>) = (None, None);
        let mut extra = None;
        for (cell, column) in record.iter().zip(columns) {
            let Some(column) = column else { continue };
            let cell = unguard(cell);
            row.fill(&mut i, *column, cell, &mut placement, &mut extra);
        }
        if i.title.trim().is_empty() {
            row.errors.push(lang.t("import.empty_title").to_owned());
        }
        match placement {
            (Some(created_to), Some(pushed_by)) => {
                i.placement = Some(Placement { created_to, pushed_by, extra: Extra::default() });
            }
            (None, None) => {}
            _ => row.errors.push(lang.t("import.half_placement").to_owned()),
        }
        if let Some(extra) = extra {
            spread_extras(&mut i, extra);
        }
        // An old spreadsheet's benefit columns become benefits, as the file migration does.
        let legacy = Legacy {
            start: i.start,
            found: i.end.or(i.updated.map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date())).or(i.start),
            ..row.legacy
        };
        i.benefits.extend(legacy.into_benefits(|_| 0));
        if row.errors.is_empty() { Ok(i) } else { Err(row.errors) }
    }
}

/// Filling one initiative from one row, collecting what is wrong with it.
struct Row<'a> {
    lang: Lang,
    vocab: &'a Vocab,
    goals: &'a HashMap<String, u32>,
    today: Date,
    errors: Vec<String>,
    /// The benefit columns of an old spreadsheet.
    legacy: Legacy,
}

impl Row<'_> {
    fn error(&mut self, column: Column, key: &str, value: &str) {
        let header = column.header(self.lang);
        let value = crate::text::one_line(value);
        self.errors.push(self.lang.tf(key, &[("column", &header), ("value", &value)]));
    }

    fn choice<T: Copy>(&mut self, map: &HashMap<String, T>, column: Column, cell: &str) -> Option<T> {
        let found = map.get(&norm(cell)).copied();
        if found.is_none() {
            let header = column.header(self.lang);
            let value = crate::text::one_line(cell);
            let options = options(column, self.lang);
            self.errors.push(
                self.lang.tf(
                    "import.unknown_word",
                    &[("column", &header), ("value", &value), ("options", &options)],
                ),
            );
        }
        found
    }

    fn choices<T: Copy>(&mut self, map: &HashMap<String, T>, column: Column, cell: &str) -> Vec<T> {
        split_list(cell)
            .iter()
            .filter(|item| !item.trim().is_empty())
            .filter_map(|item| self.choice(map, column, item))
            .collect()
    }

    fn flag(&mut self, column: Column, cell: &str) -> bool {
        if let Some(b) = self.vocab.yes_no.get(&norm(cell)) {
            *b
        } else {
            self.error(column, "import.not_yes_no", cell);
            false
        }
    }

    fn number(&mut self, column: Column, cell: &str) -> Option<f64> {
        if cell.trim().is_empty() {
            return None;
        }
        match crate::i18n::parse_cell(cell) {
            Ok(n) => Some(n),
            Err(crate::i18n::NumberError::TooLarge) => {
                self.error(column, "import.huge_number", cell);
                None
            }
            Err(crate::i18n::NumberError::NotANumber) => {
                self.error(column, "import.bad_number", cell);
                None
            }
        }
    }

    fn date(&mut self, column: Column, cell: &str) -> Option<Date> {
        if let Ok(d) = crate::dates::parse(cell, self.today) {
            d
        } else {
            self.error(column, "import.bad_date", cell);
            None
        }
    }

    // One arm per column reads best, blank cells included.
    #[allow(clippy::match_same_arms, clippy::assigning_clones)]
    fn fill(
        &mut self,
        i: &mut Initiative,
        column: Column,
        cell: &str,
        placement: &mut (Option<CreatedTo>, Option<PushedBy>),
        extra: &mut Option<serde_json::Map<String, Value>>,
    ) {
        let v = self.vocab;
        let blank = cell.trim().is_empty();
        match column {
            // New ids are given on import; the old one only identified the row.
            Column::Id => {}
            Column::Title => i.title = cell.to_owned(),
            Column::Description => i.description = cell.to_owned(),
            Column::Need => i.need = cell.to_owned(),
            Column::NeedSources => i.need_sources = self.choices(&v.sources, column, cell),
            Column::Facet if blank => i.facet = Facet::Unplaced,
            Column::Facet => i.facet = self.choice(&v.facets, column, cell).unwrap_or(Facet::Unplaced),
            Column::CreatedTo if blank => {}
            Column::CreatedTo => placement.0 = self.choice(&v.created_to, column, cell),
            Column::PushedBy if blank => {}
            Column::PushedBy => placement.1 = self.choice(&v.pushed_by, column, cell),
            Column::Stage if blank => {}
            Column::Stage => i.stage = self.choice(&v.stages, column, cell).unwrap_or(i.stage),
            Column::Status if blank => {}
            Column::Status => i.status = self.choice(&v.statuses, column, cell).unwrap_or(i.status),
            Column::Track if blank => i.track = None,
            Column::Track => i.track = self.choice(&v.tracks, column, cell),
            Column::Relieves => i.relieves = self.choices(&v.pressures, column, cell),
            Column::Investment => {
                if let Some(value) = self.number(column, cell) {
                    costs(i).investment = Some(value);
                }
            }
            Column::YearlyCost => {
                if let Some(value) = self.number(column, cell) {
                    costs(i).yearly = Some(value);
                }
            }
            Column::ExpectedEfficiency => self.legacy.efficiency = self.flag(column, cell),
            Column::ExpectedQuality => self.legacy.quality = self.flag(column, cell),
            Column::ExpectedBenefit => self.legacy.text = cell.to_owned(),
            Column::BenefitAnalysed => self.legacy.analysed = self.flag(column, cell),
            Column::BenefitRealised => self.legacy.realised = self.flag(column, cell),
            Column::RealisedBenefit => self.legacy.realised_text = cell.to_owned(),
            Column::Owner => i.owner = cell.to_owned(),
            Column::Unit => i.unit = cell.to_owned(),
            Column::Partners => i.partners = split_list(cell),
            Column::Goals => i.goals = self.goals(cell),
            Column::Priority if blank => {}
            Column::Priority => i.priority = self.choice(&v.priorities, column, cell).unwrap_or(i.priority),
            Column::Start => i.start = self.date(column, cell),
            Column::FollowUp => i.follow_up = self.date(column, cell),
            Column::End => i.end = self.date(column, cell),
            Column::Tags => i.tags = split_list(cell),
            Column::Log => i.log = self.log(cell),
            Column::Archived => i.archived = self.flag(column, cell),
            Column::Created => i.created = self.date(column, cell),
            Column::Updated if blank => i.updated = None,
            Column::Updated => match cell.trim().parse::<jiff::Timestamp>() {
                Ok(t) => i.updated = Some(t),
                Err(_) => self.error(column, "import.bad_timestamp", cell),
            },
            Column::Extra if blank => {}
            Column::Extra => match serde_json::from_str::<Value>(cell) {
                Ok(Value::Object(map)) => *extra = Some(map),
                _ => self.error(column, "import.bad_extra", cell),
            },
        }
    }

    /// `#3 Title`, `3` or a goal's title (matched in the portfolio being imported into).
    fn goals(&mut self, cell: &str) -> Vec<u32> {
        let mut out = Vec::new();
        for item in split_list(cell) {
            let item = item.trim();
            if item.is_empty() {
                continue;
            }
            let digits: String =
                item.trim_start_matches('#').chars().take_while(char::is_ascii_digit).collect();
            let numbered = item.starts_with('#') || digits.len() == item.len();
            let id = match (numbered, digits.parse::<u32>()) {
                (true, Ok(id)) => Some(id),
                _ => self.goals.get(&crate::text::fold(item)).copied(),
            };
            match id {
                Some(id) => out.push(id),
                None => self.error(Column::Goals, "import.unknown_goal", item),
            }
        }
        out
    }

    /// One entry per line: `YYYY-MM-DD kind: text` (the kind may be left out).
    fn log(&mut self, cell: &str) -> Vec<LogEntry> {
        let mut out = Vec::new();
        for line in cell.split('\n') {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() {
                continue;
            }
            let (date, rest) = line.split_once(' ').unwrap_or((line, ""));
            let Ok(Some(date)) = crate::dates::parse(date.trim_end_matches(':'), self.today) else {
                self.error(Column::Log, "import.bad_log", line);
                continue;
            };
            let (kind, text) = match rest.split_once(':') {
                Some((word, text)) if self.vocab.kinds.contains_key(&norm(word)) => {
                    (self.vocab.kinds[&norm(word)], text.strip_prefix(' ').unwrap_or(text))
                }
                _ => (LogKind::Note, rest),
            };
            out.push(LogEntry { date, kind, text: unescape_line(text), extra: Extra::default() });
        }
        out
    }
}

/// The initiative's costs, made when a cost column has a value; left out when both are empty.
fn costs(i: &mut Initiative) -> &mut Costs {
    i.costs.get_or_insert_with(Costs::default)
}

/// Puts the `Extra (JSON)` cell's keys back where [`crate::export::extras_json`] took them.
fn spread_extras(i: &mut Initiative, mut map: serde_json::Map<String, Value>) {
    let mut take = |key: &str| match map.get(key) {
        Some(Value::Object(_)) => match map.remove(key) {
            Some(Value::Object(o)) => Some(o),
            _ => None,
        },
        _ => None,
    };
    if let Some(o) = take("costs") {
        costs(i).extra = o;
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
    i.extra = map;
}
