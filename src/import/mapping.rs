//! The mapping an import uses: which field each column fills ([`Target`]), and what each word
//! found in a choice column means ([`Choice`]), with the date order for dates that read both
//! ways. It is recognised from the file (headers and words in four languages), can be
//! overridden by a saved map file (`--map`), shown in the dry run, and changed in the app's
//! mapping dialog, which can save it for next time.
//!
//! # The map file
//!
//! JSON, made to be written by hand as well as saved by fasett:
//!
//! ```json
//! {
//!   "fasett_map": 1,
//!   "columns": { "Idé": "title", "Datum": "created", "Kostnad": "keep", "Intern kod": "skip" },
//!   "values": { "status": { "Under utredning": "active+developing_proposals", "Avslag": "stopped" } },
//!   "date_order": "dmy"
//! }
//! ```
//!
//! - `columns`: header (as in the file; case, accents and spacing do not matter) → a field's
//!   key (the keys of `docs/contracts.md`: `title`, `owner`, `follow_up`, …), `keep` (kept as
//!   a column of its own, written back by the export) or `skip` (left out, on purpose).
//! - `values`: per field, a word → a choice's key: `adaptive`, `implementing`, `high`, `yes`
//!   or `no`; for `status` also `active+STAGE`, a status that also says how far the initiative
//!   has come.
//! - `date_order`: `dmy` or `mdy`, for dates such as 9/1/2025.
//!
//! Anything the file does not name is recognised as without a map.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::columns::{Vocab, norm};
use super::headers::column_for;
use super::sheet::{Cell, Sheet, column_letter};
use crate::dates::{DateOrder, order_evidence};
use crate::export::{COLUMNS, Column, split_list};
use crate::i18n::Lang;
use crate::model::{CreatedTo, Facet, NeedSource, Pressure, Priority, PushedBy, Stage, Status, Track};

/// The version of the map file format this build writes and reads.
pub const MAP_VERSION: u64 = 1;

/// What a column fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// A field of the initiative.
    Field(Column),
    /// The rest of the text of the field's column before it (a cell over a spreadsheet's
    /// 32,767 characters is continued in columns headed `<header> (2)`, `(3)`, …).
    More(Column),
    /// Kept as a column of its own (the initiative's `other_columns`), written back by export.
    Keep,
    /// Left out, because the user said so.
    Skip,
}

impl Target {
    /// The targets the mapping dialog steps through, in order.
    pub fn choices() -> Vec<Target> {
        let mut all: Vec<Target> =
            COLUMNS.iter().filter(|c| !matches!(c, Column::Portfolio)).map(|c| Target::Field(*c)).collect();
        all.extend([Target::Keep, Target::Skip]);
        all
    }

    /// The key in a map file.
    pub fn key(self) -> String {
        match self {
            Target::Field(c) => c.key().to_owned(),
            Target::More(c) => format!("more:{}", c.key()),
            Target::Keep => "keep".to_owned(),
            Target::Skip => "skip".to_owned(),
        }
    }

    pub fn from_key(key: &str) -> Option<Target> {
        let key = key.trim();
        match key {
            "keep" => return Some(Target::Keep),
            "skip" => return Some(Target::Skip),
            _ => {}
        }
        let field = |k: &str| COLUMNS.iter().copied().find(|c| c.key() == k);
        match key.strip_prefix("more:") {
            Some(rest) => field(rest).map(Target::More),
            None => field(key).map(Target::Field),
        }
    }

    /// The target in the interface language: the field's header, "kept as a column", …
    pub fn label(self, lang: Lang) -> String {
        match self {
            Target::Field(c) => c.header(lang).to_owned(),
            Target::More(c) => lang.tf("mapping.more", &[("field", &c.header(lang))]),
            Target::Keep => lang.t("mapping.keep").to_owned(),
            Target::Skip => lang.t("mapping.skip").to_owned(),
        }
    }
}

/// What one word in a choice column means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Choice {
    Facet(Facet),
    Stage(Stage),
    Status(Status),
    /// A status word that also says the stage ("Under utredning": active, developing proposals).
    StatusAt(Status, Stage),
    Track(Track),
    NeedSource(NeedSource),
    Pressure(Pressure),
    Priority(Priority),
    CreatedTo(CreatedTo),
    PushedBy(PushedBy),
    Flag(bool),
}

impl Choice {
    /// Every choice a column's words can mean, in the dialog's order; empty for a column
    /// that is not a choice.
    pub fn options(column: Column) -> Vec<Choice> {
        match column {
            Column::Facet => Facet::ALL.map(Choice::Facet).to_vec(),
            Column::Stage => Stage::ALL.map(Choice::Stage).to_vec(),
            Column::Status => {
                let mut all: Vec<Choice> = vec![Choice::Status(Status::Active)];
                all.extend(Stage::ALL.map(|s| Choice::StatusAt(Status::Active, s)));
                all.extend([Status::Paused, Status::Stopped, Status::Completed].map(Choice::Status));
                all
            }
            Column::Track => Track::ALL.map(Choice::Track).to_vec(),
            Column::NeedSources => NeedSource::ALL.map(Choice::NeedSource).to_vec(),
            Column::Relieves => Pressure::ALL.map(Choice::Pressure).to_vec(),
            Column::Priority => Priority::ALL.map(Choice::Priority).to_vec(),
            Column::CreatedTo => CreatedTo::ALL.map(Choice::CreatedTo).to_vec(),
            Column::PushedBy => PushedBy::ALL.map(Choice::PushedBy).to_vec(),
            c if is_flag(c) => vec![Choice::Flag(true), Choice::Flag(false)],
            _ => Vec::new(),
        }
    }

    /// The key in a map file: the model's key, `active+implementing`, `yes`, `no`.
    pub fn key(self) -> String {
        match self {
            Choice::Facet(x) => x.key().to_owned(),
            Choice::Stage(x) => x.key().to_owned(),
            Choice::Status(x) => x.key().to_owned(),
            Choice::StatusAt(x, s) => format!("{}+{}", x.key(), s.key()),
            Choice::Track(x) => x.key().to_owned(),
            Choice::NeedSource(x) => x.key().to_owned(),
            Choice::Pressure(x) => x.key().to_owned(),
            Choice::Priority(x) => x.key().to_owned(),
            Choice::CreatedTo(x) => x.key().to_owned(),
            Choice::PushedBy(x) => x.key().to_owned(),
            Choice::Flag(b) => (if b { "yes" } else { "no" }).to_owned(),
        }
    }

    /// The choice in the interface language: "Active · Developing proposals".
    pub fn label(self, lang: Lang) -> String {
        let t = |prefix: &str, key: &str| lang.t(&format!("{prefix}.{key}")).to_owned();
        match self {
            Choice::Facet(x) => t("facet", x.key()),
            Choice::Stage(x) => t("stage", x.key()),
            Choice::Status(x) => t("status", x.key()),
            Choice::StatusAt(x, s) => format!("{} · {}", t("status", x.key()), t("stage", s.key())),
            Choice::Track(x) => t("track", x.key()),
            Choice::NeedSource(x) => t("need_source", x.key()),
            Choice::Pressure(x) => t("pressure", x.key()),
            Choice::Priority(x) => t("priority", x.key()),
            Choice::CreatedTo(x) => t("created_to", x.key()),
            Choice::PushedBy(x) => t("pushed_by", x.key()),
            Choice::Flag(b) => lang.t(if b { "csv.yes" } else { "csv.no" }).to_owned(),
        }
    }
}

/// The yes/no columns.
pub fn is_flag(column: Column) -> bool {
    matches!(
        column,
        Column::ExpectedEfficiency
            | Column::ExpectedQuality
            | Column::BenefitAnalysed
            | Column::BenefitRealised
            | Column::Archived
    )
}

/// The columns whose cells are lists of choices.
fn is_list(column: Column) -> bool {
    matches!(column, Column::NeedSources | Column::Relieves)
}

/// One word found in a choice column, and what it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueMap {
    /// As first written in the file.
    pub value: String,
    /// `None`: not understood (the rows holding it are refused until it is mapped).
    pub choice: Option<Choice>,
    /// Chosen by a map file or by the user, not recognised.
    pub chosen: bool,
    /// How many rows hold it, and the first of them.
    pub rows: u32,
    pub first_row: u32,
}

/// One column and what it fills.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMap {
    /// As in the file (for a column without a header: its letter, in parentheses).
    pub header: String,
    pub target: Target,
    /// Chosen by a map file or by the user, not recognised.
    pub chosen: bool,
    /// The words of a choice column, in the order first found.
    pub values: Vec<ValueMap>,
    /// `norm(word)` → index in `values`.
    index: HashMap<String, usize>,
    /// Each spelling as written → index in `values`: most cells repeat a few words, and
    /// this spares folding every one of them.
    spelled: HashMap<String, usize>,
}

impl ColumnMap {
    /// Finds the words of this column (number `ix`) in `sheet` and what they mean, if it is a
    /// choice column.
    fn find_values(&mut self, ix: usize, sheet: &Sheet, saved: Option<&SavedMap>, vocab: &Vocab) {
        self.values.clear();
        self.index.clear();
        self.spelled.clear();
        let Some(field) = self.field() else { return };
        if Choice::options(field).is_empty() {
            return;
        }
        for row in &sheet.rows {
            let Some(cell) = row.cells.get(ix) else { continue };
            if cell.is_blank() {
                continue;
            }
            let text = cell.text();
            let words = if is_list(field) { split_list(&text) } else { vec![text.trim().to_owned()] };
            for word in words.iter().map(|w| w.trim()).filter(|w| !w.is_empty()) {
                if let Some(at) = self.spelled.get(word) {
                    self.values[*at].rows += 1;
                    continue;
                }
                let key = norm(word);
                if let Some(at) = self.index.get(&key).copied() {
                    self.values[at].rows += 1;
                    self.spelled.insert(word.to_owned(), at);
                    continue;
                }
                self.spelled.insert(word.to_owned(), self.values.len());
                let chosen = saved.and_then(|s| s.values.get(&(field, key.clone()))).copied();
                let flag = match cell {
                    Cell::Bool(b) => Some(Choice::Flag(*b)),
                    _ => None,
                };
                self.index.insert(key.clone(), self.values.len());
                self.values.push(ValueMap {
                    value: word.to_owned(),
                    choice: chosen.or(flag).or_else(|| vocab.choice(field, &key)),
                    chosen: chosen.is_some(),
                    rows: 1,
                    first_row: row.number,
                });
            }
        }
    }

    /// What `word` means in this column, if it is known.
    pub fn choice(&self, word: &str) -> Option<Choice> {
        let at = self.spelled.get(word.trim()).or_else(|| self.index.get(&norm(word)));
        at.and_then(|ix| self.values[*ix].choice)
    }

    /// The field this column fills, if any.
    pub fn field(&self) -> Option<Column> {
        match self.target {
            Target::Field(c) => Some(c),
            _ => None,
        }
    }
}

/// Where the date order came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderFrom {
    /// `--date-order`, the map file or the dialog.
    Chosen,
    /// A date in this row reads only one way.
    Row(u32),
}

/// The whole mapping of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    /// One per column of the file, in file order.
    pub columns: Vec<ColumnMap>,
    pub date_order: Option<(DateOrder, OrderFrom)>,
}

/// A map file as read: header → target, field → word → choice, the date order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SavedMap {
    columns: HashMap<String, Target>,
    values: HashMap<(Column, String), Choice>,
    pub date_order: Option<DateOrder>,
}

impl SavedMap {
    /// The target the map gives a header.
    pub fn target(&self, header: &str) -> Option<Target> {
        self.columns.get(&norm(header)).copied()
    }

    /// Reads a map file (JSON, see the module docs). The error names the path and what is
    /// wrong.
    pub fn read(path: &Path) -> Result<SavedMap, MapError> {
        let text = std::fs::read_to_string(path)
            .map_err(|source| MapError::Io { path: path.to_path_buf(), source })?;
        SavedMap::parse(&text).map_err(|message| MapError::Bad { path: path.to_path_buf(), message })
    }

    /// Reads a map file's text.
    pub fn parse(text: &str) -> Result<SavedMap, String> {
        let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let Value::Object(root) = value else { return Err("the map is not a JSON object".into()) };
        match root.get("fasett_map").and_then(Value::as_u64) {
            Some(MAP_VERSION) => {}
            Some(v) => {
                return Err(format!("this map is version {v}; this fasett reads version {MAP_VERSION}"));
            }
            None => return Err("“fasett_map”: 1 is missing, so this is not a fasett map file".into()),
        }
        let mut map = SavedMap::default();
        for (header, target) in root.get("columns").and_then(Value::as_object).into_iter().flatten() {
            let target = target
                .as_str()
                .and_then(Target::from_key)
                .ok_or_else(|| format!("columns: “{header}”: {target} is not a field, keep or skip"))?;
            map.columns.insert(norm(header), target);
        }
        for (field, words) in root.get("values").and_then(Value::as_object).into_iter().flatten() {
            let column = COLUMNS
                .iter()
                .copied()
                .find(|c| c.key() == field && !Choice::options(*c).is_empty())
                .ok_or_else(|| format!("values: “{field}” is not a field with choices"))?;
            for (word, key) in words.as_object().into_iter().flatten() {
                let choice = key
                    .as_str()
                    .and_then(|k| Choice::options(column).into_iter().find(|c| c.key() == k.trim()))
                    .ok_or_else(|| format!("values: {field}: “{word}”: {key} is not one of its choices"))?;
                map.values.insert((column, norm(word)), choice);
            }
        }
        map.date_order = match root.get("date_order").and_then(Value::as_str) {
            None => None,
            Some("dmy") => Some(DateOrder::Dmy),
            Some("mdy") => Some(DateOrder::Mdy),
            Some(other) => return Err(format!("date_order: “{other}” is neither dmy nor mdy")),
        };
        Ok(map)
    }
}

/// Why a map file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum MapError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: {message}")]
    Bad { path: PathBuf, message: String },
}

/// Whether `header` is a continuation header `<base> (n)`, and its base.
fn continued(header: &str) -> Option<&str> {
    let rest = header.trim().strip_suffix(')')?;
    let (base, n) = rest.rsplit_once(" (")?;
    (n.parse::<u32>().is_ok_and(|n| n >= 2)).then_some(base)
}

/// The fields whose text may be continued in more columns.
fn continues(column: Column) -> bool {
    !matches!(column, Column::Id | Column::Portfolio) && Choice::options(column).is_empty()
}

impl Mapping {
    /// Recognises what each column of `sheet` fills and what each word of its choice columns
    /// means; `saved` overrides, `order` (from `--date-order`) is the date order to use.
    pub fn recognise(sheet: &Sheet, saved: Option<&SavedMap>, order: Option<DateOrder>) -> Mapping {
        let vocab = Vocab::get();
        let mut columns: Vec<ColumnMap> = Vec::with_capacity(sheet.headers.len());
        let width = sheet.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0).max(sheet.headers.len());
        for ix in 0..width {
            let raw = sheet.headers.get(ix).map_or("", |h| h.trim());
            let header = if raw.is_empty() { format!("({})", column_letter(ix)) } else { raw.to_owned() };
            let chosen = saved.and_then(|s| s.target(&header));
            let target = chosen.unwrap_or_else(|| {
                if raw.is_empty() {
                    return Target::Keep;
                }
                if let Some(c) = column_for(raw) {
                    return Target::Field(c);
                }
                let base = continued(raw).and_then(|b| columns.iter().find(|c| c.header == b.trim()));
                match base.map(|b| b.target) {
                    Some(Target::Field(c) | Target::More(c)) if continues(c) => Target::More(c),
                    _ => Target::Keep,
                }
            });
            columns.push(ColumnMap {
                header,
                target,
                chosen: chosen.is_some(),
                values: Vec::new(),
                index: HashMap::new(),
                spelled: HashMap::new(),
            });
        }
        let mut mapping = Mapping { columns, date_order: None };
        mapping.collect_values(sheet, saved, vocab);
        let chosen = order.or(saved.and_then(|s| s.date_order));
        mapping.date_order = chosen.map(|o| (o, OrderFrom::Chosen)).or_else(|| mapping.infer_order(sheet));
        mapping
    }

    /// Finds the words of every choice column and what they mean.
    fn collect_values(&mut self, sheet: &Sheet, saved: Option<&SavedMap>, vocab: &Vocab) {
        for (ix, column) in self.columns.iter_mut().enumerate() {
            column.find_values(ix, sheet, saved, vocab);
        }
    }

    /// The date order the file's own dates show, if they show one and only one.
    fn infer_order(&self, sheet: &Sheet) -> Option<(DateOrder, OrderFrom)> {
        let dates: Vec<usize> = self
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.field().is_some_and(is_date))
            .map(|(ix, _)| ix)
            .collect();
        let mut found: Option<(DateOrder, u32)> = None;
        for row in &sheet.rows {
            for ix in &dates {
                let Some(Cell::Text(text)) = row.cells.get(*ix) else { continue };
                match (order_evidence(text), found) {
                    (Some(o), None) => found = Some((o, row.number)),
                    (Some(o), Some((f, _))) if o != f => return None,
                    _ => {}
                }
            }
        }
        found.map(|(o, row)| (o, OrderFrom::Row(row)))
    }

    /// The column filling `field`, if one does.
    pub fn column_of(&self, field: Column) -> Option<usize> {
        self.columns.iter().position(|c| c.target == Target::Field(field))
    }

    /// Gives column `ix` a new target, and finds what its words mean for that target.
    pub fn set_target(&mut self, ix: usize, target: Target, sheet: &Sheet) {
        let Some(column) = self.columns.get_mut(ix) else { return };
        column.target = target;
        column.chosen = true;
        column.find_values(ix, sheet, None, Vocab::get());
    }

    /// Gives word `value` of column `ix` a new meaning.
    pub fn set_choice(&mut self, ix: usize, value: usize, choice: Choice) {
        if let Some(v) = self.columns.get_mut(ix).and_then(|c| c.values.get_mut(value)) {
            v.choice = Some(choice);
            v.chosen = true;
        }
    }

    /// The mapping as a map file (see the module docs): every column and every word, so that
    /// the same file maps the same way next time.
    pub fn to_file(&self) -> String {
        let mut columns = Map::new();
        let mut values = Map::new();
        for column in &self.columns {
            if matches!(column.target, Target::More(_)) {
                continue;
            }
            columns.insert(column.header.clone(), Value::String(column.target.key()));
            let Some(field) = column.field() else { continue };
            let words = values.entry(field.key()).or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(words) = words {
                for v in &column.values {
                    if let Some(choice) = v.choice {
                        words.insert(v.value.clone(), Value::String(choice.key()));
                    }
                }
            }
        }
        values.retain(|_, v| v.as_object().is_some_and(|o| !o.is_empty()));
        let mut root = Map::new();
        root.insert("fasett_map".into(), MAP_VERSION.into());
        root.insert("columns".into(), Value::Object(columns));
        root.insert("values".into(), Value::Object(values));
        if let Some((order, _)) = self.date_order {
            root.insert("date_order".into(), order.key().into());
        }
        let mut text = serde_json::to_string_pretty(&Value::Object(root)).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Words no choice was found for: (column, word).
    pub fn unmapped(&self) -> Vec<(usize, &ValueMap)> {
        self.columns
            .iter()
            .enumerate()
            .flat_map(|(ix, c)| c.values.iter().filter(|v| v.choice.is_none()).map(move |v| (ix, v)))
            .collect()
    }
}

/// The date columns.
pub fn is_date(column: Column) -> bool {
    matches!(column, Column::Start | Column::FollowUp | Column::End | Column::Created)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::sheet::{Row, Source};

    fn sheet(headers: &[&str], rows: &[&[&str]]) -> Sheet {
        Sheet {
            source: Source::Csv(b';'),
            header_row: 1,
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            rows: rows
                .iter()
                .zip(2..)
                .map(|(cells, number)| Row {
                    number,
                    cells: cells.iter().map(|c| Cell::Text((*c).to_owned())).collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn a_kommuns_register_is_recognised() {
        let s = sheet(
            &["Idé", "Status", "Datum", "Kategori", "Kostnad", "Log", "Log (2)"],
            &[
                &["A", "Under utredning", "15/1/2025", "Miljö", "100", "", ""],
                &["B", "Kanske", "1/2/2025", "", "", "", ""],
            ],
        );
        let m = Mapping::recognise(&s, None, None);
        let targets: Vec<Target> = m.columns.iter().map(|c| c.target).collect();
        assert_eq!(
            targets,
            [
                Target::Field(Column::Title),
                Target::Field(Column::Status),
                Target::Field(Column::Created),
                Target::Field(Column::Tags),
                Target::Keep,
                Target::Field(Column::Log),
                Target::More(Column::Log),
            ]
        );
        assert_eq!(
            m.columns[1].choice("under utredning"),
            Some(Choice::StatusAt(Status::Active, Stage::DevelopingProposals))
        );
        assert_eq!(m.unmapped().len(), 1, "Kanske");
        assert_eq!(m.date_order, Some((DateOrder::Dmy, OrderFrom::Row(2))), "15/1 reads only one way");
    }

    #[test]
    fn a_saved_map_overrides_and_round_trips() {
        let s = sheet(&["Förslagets namn", "Läge", "Kostnad"], &[&["A", "Kanske", "1"]]);
        let saved = SavedMap::parse(
            r#"{"fasett_map": 1, "columns": {"förslagets NAMN": "title", "kostnad": "skip"},
                "values": {"status": {"kanske": "paused"}}, "date_order": "mdy"}"#,
        )
        .expect("a valid map");
        let m = Mapping::recognise(&s, Some(&saved), None);
        assert_eq!(m.columns[0].target, Target::Field(Column::Title));
        assert!(m.columns[0].chosen);
        assert_eq!(m.columns[2].target, Target::Skip);
        assert_eq!(m.columns[1].choice("Kanske"), Some(Choice::Status(Status::Paused)));
        assert_eq!(m.date_order, Some((DateOrder::Mdy, OrderFrom::Chosen)));
        let again = SavedMap::parse(&m.to_file()).expect("what fasett saves, it reads");
        let same = Mapping::recognise(&s, Some(&again), None);
        let targets = |m: &Mapping| {
            m.columns
                .iter()
                .map(|c| (c.target, c.values.iter().map(|v| v.choice).collect::<Vec<_>>()))
                .collect::<Vec<_>>()
        };
        assert_eq!(targets(&same), targets(&m));
        assert_eq!(same.date_order, m.date_order);
    }

    #[test]
    fn bad_map_files_say_what_is_wrong() {
        for (text, words) in [
            ("[]", "not a JSON object"),
            ("{}", "fasett_map"),
            (r#"{"fasett_map": 2}"#, "version 2"),
            (r#"{"fasett_map": 1, "columns": {"A": "colour"}}"#, "“A”"),
            (r#"{"fasett_map": 1, "values": {"status": {"x": "adaptive"}}}"#, "“x”"),
            (r#"{"fasett_map": 1, "date_order": "ymd"}"#, "ymd"),
        ] {
            let e = SavedMap::parse(text).expect_err(text);
            assert!(e.contains(words), "{text}: {e}");
        }
    }

    #[test]
    fn every_choice_has_a_key_that_reads_back() {
        for &column in COLUMNS {
            for choice in Choice::options(column) {
                let back = Choice::options(column).into_iter().find(|c| c.key() == choice.key());
                assert_eq!(back, Some(choice));
            }
        }
        for target in Target::choices().into_iter().chain([Target::More(Column::Log)]) {
            assert_eq!(Target::from_key(&target.key()), Some(target));
        }
    }
}
