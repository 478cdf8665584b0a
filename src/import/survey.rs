//! `fasett import FILE --checklist ID` and `:import FILE --checklist ID`: a checklist run from
//! a survey export — one row per respondent, one column per question, as Microsoft Forms,
//! Google Forms, Netigate or Survey&Report write them.
//!
//! This module turns a [`Table`] (however it was read) into responses:
//! - a column is matched to a slot by the item's id or its text in any of the four languages
//!   (case, accents, spaces and punctuation ignored; a header that holds the text, as Google
//!   Forms' `Question [Statement]` does, or that a tool cut short, matches too), and for a
//!   template with perspectives by the perspective's name at either end of the header;
//! - columns of names and e-mail addresses are recognised and dropped unless names are to be
//!   kept; a role column is kept; anything else (timestamps, ids, free text) is left out and
//!   named;
//! - an answer is a number on the scale, a number followed by its label ("5 – Instämmer
//!   helt"), one of the scale's labels in any language (or its start), or, on a five-step
//!   scale, the usual agreement words ("Strongly agree", "Instämmer helt", "Helt enig"…);
//!   a blank or "don't know" is no answer, and said so.
//!
//! Any answer that cannot be read refuses the whole file, each one named by its spreadsheet
//! row and column; nothing is half imported.

use std::collections::HashMap;

use jiff::civil::Date;

use super::sheet::column_letter;
use super::table::Table;
use super::{ImportError, Problem};
use crate::history::Change;
use crate::i18n::Lang;
use crate::model::extras::Extra;
use crate::model::{Assessment, Collection, Id, Portfolio, Response, Template};
use crate::scoring;

/// What the run is about, beyond the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub scope: String,
    pub date: Date,
    /// Keep the respondents' names (never their e-mail addresses).
    pub keep_names: bool,
}

/// What a column of the export was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Use {
    /// The scores of one slot.
    Slot {
        item: String,
        perspective: Option<String>,
    },
    Name,
    Email,
    Role,
    /// Not read: a timestamp, an id, free text, a question the checklist does not have.
    Ignored,
}

/// One column of the export and how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub index: usize,
    pub header: String,
    pub used_as: Use,
}

impl Column {
    /// "D “Får du arbetsuppgifter …”", as messages name a column.
    pub fn name(&self) -> String {
        format!("{} “{}”", column_letter(self.index), crate::text::one_line(self.header.trim()))
    }
}

/// A survey read: the run it makes and how the file was understood.
#[derive(Debug, Clone, PartialEq)]
pub struct Survey {
    /// The run, with id 0 (see [`into_change`]).
    pub run: Assessment,
    pub columns: Vec<Column>,
    /// Items of the checklist no column answers, by their short names.
    pub missing: Vec<String>,
    /// Cells left without a score: blank or "don't know" (`D5`).
    pub blank: Vec<String>,
    /// Rows with no answer at all, skipped (spreadsheet row numbers).
    pub empty_rows: Vec<usize>,
    /// What was noticed while reading the file (encoding, delimiter).
    pub notes: Vec<String>,
}

impl Survey {
    pub fn respondents(&self) -> usize {
        self.run.responses.len()
    }

    /// What the import says besides the count: columns not read, names dropped, blanks,
    /// items without a column, rows without answers.
    pub fn remarks(&self, lang: Lang, keep_names_flag: &str) -> Vec<String> {
        let mut out = self.notes.clone();
        let of = |u: &dyn Fn(&Use) -> bool| -> Vec<String> {
            self.columns.iter().filter(|c| u(&c.used_as)).map(Column::name).collect()
        };
        let ignored = of(&|u| *u == Use::Ignored);
        if !ignored.is_empty() {
            out.push(lang.tf("survey.ignored", &[("columns", &ignored.join(", "))]));
        }
        let private =
            of(&|u| matches!(u, Use::Email) || (*u == Use::Name && self.run.participants.is_empty()));
        if !private.is_empty() {
            out.push(
                lang.tf(
                    "survey.dropped_names",
                    &[("columns", &private.join(", ")), ("flag", &keep_names_flag)],
                ),
            );
        }
        if !self.blank.is_empty() {
            let cells = limited(&self.blank, 12, lang);
            out.push(lang.tf("survey.blank", &[("count", &self.blank.len()), ("cells", &cells)]));
        }
        if !self.missing.is_empty() {
            out.push(lang.tf("survey.missing", &[("items", &self.missing.join(", "))]));
        }
        if !self.empty_rows.is_empty() {
            let rows: Vec<String> = self.empty_rows.iter().map(ToString::to_string).collect();
            out.push(lang.tf("survey.empty_rows", &[("rows", &limited(&rows, 12, lang))]));
        }
        out
    }
}

/// The first `max` of `items` joined, and how many more there are.
fn limited(items: &[String], max: usize, lang: Lang) -> String {
    let mut text = items.iter().take(max).cloned().collect::<Vec<_>>().join(", ");
    if items.len() > max {
        text.push(' ');
        text.push_str(&lang.tf("survey.more", &[("count", &(items.len() - max))]));
    }
    text
}
mod answers;
mod headers;

use answers::{Answers, Refused};
use headers::{Headers, NAME_HEADERS, ROLE_HEADERS, is_email, one_of};

/// Reads the table's rows as responses to `template`.
pub fn read(
    table: &Table,
    template: &Template,
    options: &Options,
    lang: Lang,
) -> Result<Survey, ImportError> {
    let bad = |problems: Vec<String>| ImportError::Bad {
        problems: problems.iter().map(|message| Problem::general(message)).collect(),
        notes: table.notes.clone(),
    };
    let headers = Headers::new(template);
    let mut columns = Vec::new();
    let mut taken: HashMap<usize, usize> = HashMap::new();
    let mut problems = Vec::new();
    let item_name = |item: &str| item_name(template, item, lang);
    for (index, header) in table.header().iter().enumerate() {
        let used_as = if is_email(header) {
            Use::Email
        } else if one_of(header, NAME_HEADERS) {
            Use::Name
        } else if one_of(header, ROLE_HEADERS) {
            Use::Role
        } else if let Some(slot) = headers.slot(header) {
            if let Some(first) = taken.insert(slot, index) {
                problems.push(lang.tf(
                    "survey.duplicate",
                    &[
                        ("first", &column_letter(first)),
                        ("second", &column_letter(index)),
                        ("item", &item_name(&headers.slots[slot].item)),
                    ],
                ));
            }
            let s = &headers.slots[slot];
            Use::Slot { item: s.item.clone(), perspective: s.perspective.clone() }
        } else {
            Use::Ignored
        };
        columns.push(Column { index, header: header.clone(), used_as });
    }
    if taken.is_empty() {
        let found =
            table.header().iter().take(8).map(|h| format!("“{}”", h.trim())).collect::<Vec<_>>().join(", ");
        let ids = template.items.iter().take(3).map(|i| i.id.as_str()).collect::<Vec<_>>().join(", ");
        let name = template.name.get(lang.code());
        problems.push(lang.tf("survey.no_items", &[("template", &name), ("found", &found), ("ids", &ids)]));
        return Err(bad(problems));
    }
    if !problems.is_empty() {
        return Err(bad(problems));
    }
    let answers = Answers::new(&template.scale, lang);
    let mut run = Assessment {
        id: 0,
        template: template.id.clone(),
        template_version: template.version,
        scope: options.scope.clone(),
        date: options.date,
        next_date: None,
        participants: Vec::new(),
        answers: Vec::new(),
        responses: Vec::new(),
        note: String::new(),
        extra: Extra::default(),
    };
    let (mut blank, mut empty_rows) = (Vec::new(), Vec::new());
    for (row, cells) in table.rows.iter().enumerate().skip(1) {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut response = Response { id: run.next_response_id(), ..Response::default() };
        for column in &columns {
            let cell = table.cell(row, column.index).trim();
            match &column.used_as {
                Use::Name if options.keep_names => cell.clone_into(&mut response.name),
                Use::Role => cell.clone_into(&mut response.role),
                Use::Slot { item, perspective } => match answers.read(cell) {
                    Ok(Some(score)) => response.set_score(item, perspective.as_deref(), Some(score)),
                    Ok(None) => blank.push(format!("{}{}", column_letter(column.index), row + 1)),
                    Err(why) => problems.push(refusal(why, cell, row, column, &answers, lang)),
                },
                _ => {}
            }
        }
        if response.scores.is_empty() {
            empty_rows.push(row + 1);
            continue;
        }
        if !response.name.is_empty() {
            run.participants.push(response.name.clone());
        }
        run.responses.push(response);
    }
    if !problems.is_empty() {
        let count = problems.len();
        problems.truncate(25);
        if count > problems.len() {
            problems.push(lang.tf("survey.more", &[("count", &(count - 25))]));
        }
        return Err(bad(problems));
    }
    if run.responses.is_empty() {
        return Err(bad(vec![lang.t("survey.no_rows").to_owned()]));
    }
    let answered: Vec<(&str, Option<&str>)> = columns
        .iter()
        .filter_map(|c| match &c.used_as {
            Use::Slot { item, perspective } => Some((item.as_str(), perspective.as_deref())),
            _ => None,
        })
        .collect();
    let mut missing: Vec<String> = Vec::new();
    for slot in scoring::slots(template) {
        if !answered.contains(&(slot.item.id.as_str(), slot.perspective)) {
            let name = item_name(&slot.item.id);
            if !missing.contains(&name) {
                missing.push(name);
            }
        }
    }
    Ok(Survey { run, columns, missing, blank, empty_rows, notes: table.notes.clone() })
}

/// Item `id`'s name for messages: the one rule of [`scoring::item_name`], cut to fit a line;
/// the id itself when the template has no such item.
fn item_name(template: &Template, id: &str, lang: Lang) -> String {
    template
        .items
        .iter()
        .find(|i| i.id == id)
        .map_or_else(|| id.to_owned(), |i| cut(&scoring::item_name(template, i, lang.code()), 48))
}

/// At most `max` characters of one line of `text`, "…" where it was cut.
fn cut(text: &str, max: usize) -> String {
    let line = crate::text::one_line(text);
    if line.chars().count() <= max {
        return line.into_owned();
    }
    let mut out: String = line.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn refusal(why: Refused, cell: &str, row: usize, column: &Column, answers: &Answers, lang: Lang) -> String {
    let at: [(&str, &dyn std::fmt::Display); 3] = [
        ("row", &(row + 1)),
        ("column", &column_letter(column.index)),
        ("header", &cut(column.header.trim(), 40)),
    ];
    let place = lang.tf("survey.cell", &at);
    let scale: [(&str, &dyn std::fmt::Display); 4] =
        [("value", &cell), ("min", &answers.min), ("max", &answers.max), ("labels", &answers.shown)];
    let what = match why {
        Refused::OutOfScale(n) => {
            lang.tf("survey.out_of_scale", &[("value", &n), ("min", &answers.min), ("max", &answers.max)])
        }
        Refused::Unknown => lang.tf("survey.bad_answer", &scale),
        Refused::Ambiguous => lang.tf("survey.ambiguous", &scale),
    };
    format!("{place}: {what}")
}

/// The checklist `id`: the installed template, else the newest copy the portfolio keeps. On
/// failure, the ids there are.
pub fn find_template(
    catalog: &crate::templates::Catalog,
    portfolio: &Portfolio,
    id: &str,
) -> Result<Template, Vec<String>> {
    if let Some(t) = catalog.find(id) {
        return Ok(t.clone());
    }
    if let Some(t) = portfolio.templates.iter().filter(|t| t.id == id).max_by_key(|t| t.version) {
        return Ok(t.clone());
    }
    let mut known: Vec<String> = catalog.templates.iter().map(|t| t.id.clone()).collect();
    known.extend(portfolio.templates.iter().map(|t| t.id.clone()));
    known.sort();
    known.dedup();
    Err(known)
}

/// The scope of an imported run when none is given: the organisation, by its name.
pub fn default_scope(portfolio: &Portfolio, lang: Lang) -> String {
    let name = portfolio.organisation.name.trim();
    if name.is_empty() { lang.t("culture.scope_organisation").to_owned() } else { name.to_owned() }
}

/// How each column was read, one line each, for a dry run: "B “…” → Challenge · Organisation".
pub fn matching(survey: &Survey, template: &Template, lang: Lang) -> Vec<String> {
    survey
        .columns
        .iter()
        .map(|c| {
            let target = match &c.used_as {
                Use::Slot { item, perspective } => {
                    let mut name = item_name(template, item, lang);
                    if let Some(p) =
                        perspective.as_ref().and_then(|p| template.perspectives.iter().find(|x| x.id == *p))
                    {
                        name = format!("{name} · {}", p.name.get(lang.code()));
                    }
                    name
                }
                Use::Name if survey.run.participants.is_empty() => {
                    lang.t("survey.use_name_dropped").to_owned()
                }
                Use::Name => lang.t("survey.use_name").to_owned(),
                Use::Email => lang.t("survey.use_email").to_owned(),
                Use::Role => lang.t("survey.use_role").to_owned(),
                Use::Ignored => lang.t("survey.use_ignored").to_owned(),
            };
            format!("{} → {target}", c.name())
        })
        .collect()
}

/// The run with a new id after everything in `portfolio`, and the template copy when the
/// portfolio does not have it yet: one change, one undo step.
pub fn into_change(portfolio: &mut Portfolio, survey: &Survey, template: &Template) -> (Change, Id) {
    let mut run = survey.run.clone();
    run.id = portfolio.allocate_id(Collection::Assessment);
    let id = run.id;
    let mut changes = Vec::new();
    if portfolio.template(&template.id, template.version).is_none() {
        changes.push(Change::template(None, Some(template.clone())));
    }
    changes.push(Change::assessment(None, Some(run)));
    (Change::Batch(changes), id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::Catalog;
    use jiff::civil::date;

    fn template(id: &str) -> Template {
        Catalog::bundled().find(id).expect("bundled").clone()
    }

    fn options() -> Options {
        Options { scope: "Team".into(), date: date(2026, 11, 25), keep_names: false }
    }

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            rows: rows.iter().map(|r| r.iter().map(|c| (*c).to_owned()).collect()).collect(),
            notes: vec![],
        }
    }

    #[test]
    fn rows_become_anonymous_responses_and_names_are_dropped() {
        let climate = template("innovation_climate");
        let t = table(&[
            &["Tidsstämpel", "E-post", "Namn", "Roll", "risk_taking", "idea_time", "Övrigt"],
            &["2026-11-20 10:01", "a@x.se", "Anna", "chef", "Instämmer helt", "2", "bra"],
            &["2026-11-20 10:02", "b@x.se", "Bo", "", "", "Vet ej", ""],
            &["2026-11-20 10:03", "c@x.se", "Cia", "", "1", "", ""],
            &["", "", "", "", "", "", ""],
        ]);
        let s = read(&t, &climate, &options(), Lang::En).expect("reads");
        assert_eq!(s.respondents(), 2, "a row without answers is no respondent");
        assert_eq!(s.empty_rows, [3]);
        assert_eq!(s.run.responses[0].score("risk_taking", None), Some(5));
        assert_eq!(s.run.responses[0].role, "chef");
        assert!(s.run.responses.iter().all(|r| r.name.is_empty()) && s.run.participants.is_empty());
        assert_eq!(s.blank, ["E3", "F3", "F4"]);
        assert_eq!(s.missing.len(), 8);
        let remarks = s.remarks(Lang::En, "--keep-names").join("\n");
        assert!(remarks.contains("A “Tidsstämpel”") && remarks.contains("G “Övrigt”"), "{remarks}");
        assert!(remarks.contains("B “E-post”") && remarks.contains("--keep-names"), "{remarks}");
        let kept = read(&t, &climate, &Options { keep_names: true, ..options() }, Lang::En).expect("reads");
        assert_eq!(kept.run.participants, ["Anna", "Cia"]);
        assert!(kept.run.responses.iter().all(|r| !r.name.contains('@')), "e-mail addresses are never kept");
    }

    #[test]
    fn every_bad_answer_is_named_by_row_and_column() {
        let climate = template("innovation_climate");
        let t = table(&[&["ID", "risk_taking", "idea_time"], &["1", "7", "Ibland"], &["2", "3", "4"]]);
        let Err(ImportError::Bad { problems, .. }) = read(&t, &climate, &options(), Lang::En) else {
            panic!("refused")
        };
        let text: Vec<String> = problems.iter().map(|p| p.message.clone()).collect();
        assert_eq!(text.len(), 2, "{text:?}");
        assert!(text[0].starts_with("row 2, column B") && text[0].contains("1–5"), "{text:?}");
        assert!(text[1].starts_with("row 2, column C") && text[1].contains("Ibland"), "{text:?}");
        let none = table(&[&["Tid", "Fråga"], &["1", "2"]]);
        let Err(ImportError::Bad { problems, .. }) = read(&none, &climate, &options(), Lang::En) else {
            panic!("refused")
        };
        assert!(problems[0].message.contains("“Fråga”"), "{problems:?}");
        let twice = table(&[&["risk_taking", "Risk taking"], &["1", "2"]]);
        assert!(read(&twice, &climate, &options(), Lang::En).is_err(), "two columns for one item");
    }

    #[test]
    fn items_are_named_by_the_one_rule_of_the_results() {
        // Every item written "Name: statement": the name before the colon.
        let journey = template("innovation_journey");
        let t = table(&[&["uncertainty · organisation"], &["3"]]);
        let s = read(&t, &journey, &options(), Lang::En).expect("reads");
        assert!(s.missing.contains(&"Curiosity".to_owned()), "{:?}", s.missing);
        // One item with a colon among questions: not cut there, as the results do not.
        let mut climate = template("innovation_climate");
        let item = climate.items.iter_mut().find(|i| i.id == "idea_time").expect("item");
        item.text.0.insert("en".into(), "Time: is there any?".into());
        let t = table(&[&["risk_taking"], &["3"]]);
        let s = read(&t, &climate, &options(), Lang::En).expect("reads");
        assert!(s.missing.contains(&"Time: is there any?".to_owned()), "{:?}", s.missing);
        let lines = matching(
            &read(&table(&[&["idea_time"], &["3"]]), &climate, &options(), Lang::En).expect("reads"),
            &climate,
            Lang::En,
        );
        assert_eq!(lines, ["A “idea_time” → Time: is there any?"]);
    }
}
