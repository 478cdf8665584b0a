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

use super::columns::norm;
use super::table::{Table, column_letters};
use super::{ImportError, Problem};
use crate::history::Change;
use crate::i18n::Lang;
use crate::model::extras::Extra;
use crate::model::{Assessment, Collection, Id, Portfolio, Response, Scale, Template};
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
        format!("{} “{}”", column_letters(self.index), crate::text::one_line(self.header.trim()))
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

/// Header words of the columns that are about the person, not the checklist.
const NAME_HEADERS: &[&str] = &[
    "name",
    "namn",
    "navn",
    "full name",
    "fullständigt namn",
    "fulde navn",
    "fullt navn",
    "ditt namn",
    "dit navn",
    "ditt navn",
    "your name",
    "respondent name",
];
const ROLE_HEADERS: &[&str] = &[
    "role",
    "roll",
    "rolle",
    "befattning",
    "stilling",
    "yrkesroll",
    "funktion",
    "your role",
    "din roll",
    "din rolle",
];

/// Answers that mean "no answer".
const NO_ANSWER: &[&str] = &[
    "don't know",
    "dont know",
    "do not know",
    "n/a",
    "na",
    "not applicable",
    "no opinion",
    "vet ej",
    "vet inte",
    "ingen åsikt",
    "ej aktuellt",
    "inte aktuellt",
    "ved ikke",
    "ikke relevant",
    "ingen mening",
    "vet ikke",
    "ikke aktuelt",
    "ingen formening",
];

/// The usual agreement words of a five-step scale, lowest first, in the four languages.
const AGREEMENT: [&[&str]; 5] = [
    &[
        "strongly disagree",
        "completely disagree",
        "totally disagree",
        "instämmer inte alls",
        "stämmer inte alls",
        "tar helt avstånd",
        "helt oenig",
        "helt uenig",
        "slet ikke enig",
        "overhovedet ikke enig",
    ],
    &[
        "disagree",
        "somewhat disagree",
        "mostly disagree",
        "instämmer i liten grad",
        "stämmer dåligt",
        "tar delvis avstånd",
        "delvis oenig",
        "uenig",
        "delvis uenig",
        "litt uenig",
        "noe uenig",
    ],
    &[
        "neither agree nor disagree",
        "neutral",
        "neither",
        "instämmer delvis",
        "stämmer delvis",
        "varken eller",
        "varken instämmer eller tar avstånd",
        "hverken enig eller uenig",
        "hverken eller",
        "verken enig eller uenig",
        "verken eller",
    ],
    &[
        "agree",
        "somewhat agree",
        "mostly agree",
        "instämmer i hög grad",
        "instämmer i stor utsträckning",
        "instämmer till stor del",
        "stämmer ganska bra",
        "stämmer bra",
        "delvis enig",
        "enig",
        "litt enig",
        "noe enig",
    ],
    &[
        "strongly agree",
        "completely agree",
        "totally agree",
        "instämmer helt",
        "instämmer helt och hållet",
        "stämmer helt",
        "stämmer precis",
        "helt enig",
    ],
];

/// The words an answer may be, for one template: its labels in every language, and on a
/// five-step scale the agreement words.
struct Answers {
    min: u8,
    max: u8,
    words: Vec<(String, u8)>,
    no_answer: Vec<String>,
    /// The scale's labels in the interface language, for messages.
    shown: String,
}

impl Answers {
    fn new(scale: &Scale, lang: Lang) -> Self {
        let mut words: Vec<(String, u8)> = Vec::new();
        for step in &scale.steps {
            for text in step.label.0.values() {
                words.push((norm(text), step.value));
            }
        }
        if scale.steps.len() == 5 {
            for (position, list) in AGREEMENT.iter().enumerate() {
                for w in *list {
                    let key = norm(w);
                    if !words.iter().any(|(k, _)| *k == key) {
                        words.push((key, scale.min + position as u8));
                    }
                }
            }
        }
        words.retain(|(k, _)| !k.is_empty());
        let shown =
            scale.steps.iter().map(|s| s.label.get(lang.code()).to_owned()).collect::<Vec<_>>().join(" / ");
        Self {
            min: scale.min,
            max: scale.max,
            words,
            no_answer: NO_ANSWER.iter().map(|w| norm(w)).collect(),
            shown,
        }
    }

    /// One cell: `Ok(None)` for no answer, a score, or why not.
    fn read(&self, cell: &str) -> Result<Option<u8>, Refused> {
        let cell = cell.trim();
        if cell.is_empty() {
            return Ok(None);
        }
        if let Some(n) = leading_number(cell) {
            return if n >= i64::from(self.min) && n <= i64::from(self.max) {
                Ok(Some(n as u8))
            } else {
                Err(Refused::OutOfScale(n))
            };
        }
        let key = norm(cell.trim_end_matches(['…', '.']));
        if self.no_answer.contains(&key) {
            return Ok(None);
        }
        if let Some((_, v)) = self.words.iter().find(|(w, _)| *w == key) {
            return Ok(Some(*v));
        }
        // A label cut short by the tool, or one with more words after it.
        let mut found: Vec<u8> = self
            .words
            .iter()
            .filter(|(w, _)| {
                (key.len() >= 4 && w.starts_with(&key)) || (w.len() >= 6 && key.starts_with(w.as_str()))
            })
            .map(|(_, v)| *v)
            .collect();
        found.sort_unstable();
        found.dedup();
        match found.as_slice() {
            [one] => Ok(Some(*one)),
            [] => Err(Refused::Unknown),
            _ => Err(Refused::Ambiguous),
        }
    }
}

/// Why a cell was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refused {
    OutOfScale(i64),
    Unknown,
    Ambiguous,
}

/// A whole number, alone or at the start of a label ("5", "5,0", "5 – Helt enig", "(5) Ja").
fn leading_number(cell: &str) -> Option<i64> {
    let cell = cell.trim_start_matches('(');
    let digits: String = cell.chars().take_while(|c| c.is_ascii_digit() || *c == '-').collect();
    let rest = &cell[digits.len()..];
    let number: i64 = digits.parse().ok()?;
    let rest = rest.strip_prefix(['.', ',']).map_or(rest, |r| r.trim_start_matches('0'));
    let label_follows = rest.starts_with([' ', '-', '–', '—', ')', ':', '.']);
    (rest.is_empty() || label_follows).then_some(number)
}

/// The slots of a template as a header may name them.
struct Headers {
    /// Per slot: its key (`item` or `item/perspective`), the item's texts, its short names,
    /// and the perspective's names (all normalised).
    slots: Vec<SlotNames>,
}

struct SlotNames {
    item: String,
    perspective: Option<String>,
    texts: Vec<String>,
    perspective_names: Vec<String>,
}

impl Headers {
    fn new(t: &Template) -> Self {
        let slots = scoring::slots(t)
            .into_iter()
            .map(|s| {
                let mut texts: Vec<String> = vec![norm(&s.item.id)];
                for text in s.item.text.0.values() {
                    texts.push(norm(text));
                    // "Osäkerhetstolerans: vi kan …" may be asked as "Osäkerhetstolerans".
                    if let Some((short, _)) = text.split_once(':') {
                        texts.push(norm(short));
                    }
                }
                texts.retain(|x| x.chars().count() >= 4);
                texts.sort();
                texts.dedup();
                let perspective_names = s
                    .perspective
                    .and_then(|p| t.perspectives.iter().find(|x| x.id == p))
                    .map(|p| {
                        let mut names: Vec<String> = p.name.0.values().map(|n| norm(n)).collect();
                        names.push(norm(&p.id));
                        // "The organisation" is also asked as "Organisation".
                        names.extend(
                            p.name.0.values().filter_map(|n| n.split_once(' ').map(|(_, rest)| norm(rest))),
                        );
                        names.retain(|x| x.chars().count() >= 4);
                        names.sort();
                        names.dedup();
                        names
                    })
                    .unwrap_or_default();
                SlotNames {
                    item: s.item.id.clone(),
                    perspective: s.perspective.map(str::to_owned),
                    texts,
                    perspective_names,
                }
            })
            .collect();
        Self { slots }
    }

    /// The slot a header names, if exactly one fits best. A question number in front
    /// (`Q3_1`, `12.`, `F4)`) is not part of the question.
    fn slot(&self, header: &str) -> Option<usize> {
        self.slot_of(header).or_else(|| without_number(header).and_then(|rest| self.slot_of(rest)))
    }

    fn slot_of(&self, header: &str) -> Option<usize> {
        let whole = norm(header.trim().trim_end_matches(['…', '.']));
        let mut best: Vec<(usize, usize)> = Vec::new();
        for (ix, slot) in self.slots.iter().enumerate() {
            let rests: Vec<String> = if slot.perspective_names.is_empty() {
                vec![whole.clone()]
            } else {
                slot.perspective_names
                    .iter()
                    .filter_map(|p| {
                        whole
                            .strip_suffix(p.as_str())
                            .or_else(|| whole.strip_prefix(p.as_str()))
                            .map(str::to_owned)
                    })
                    .collect()
            };
            let fit = rests.iter().filter_map(|rest| fit(rest, &slot.texts)).max();
            if let Some(fit) = fit {
                best.push((fit, ix));
            }
        }
        let top = best.iter().map(|(f, _)| *f).max()?;
        let winners: Vec<usize> = best.iter().filter(|(f, _)| *f == top).map(|(_, ix)| *ix).collect();
        (winners.len() == 1).then(|| winners[0])
    }
}

/// The header after a leading question number (`Q3_1 …`, `12. …`, `F4) …`), if it has one.
fn without_number(header: &str) -> Option<&str> {
    let header = header.trim();
    let (first, rest) = header.split_once(char::is_whitespace)?;
    let letters = first.chars().take_while(char::is_ascii_alphabetic).count();
    let tail = &first[letters..];
    let numbered = letters <= 2
        && tail.starts_with(|c: char| c.is_ascii_digit())
        && tail.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '_' | '-' | ')' | ':'));
    numbered.then_some(rest)
}

/// How well a normalised header fits one of an item's texts: the length of the text it
/// equals, holds, or (cut short, at least 20 characters) begins.
fn fit(header: &str, texts: &[String]) -> Option<usize> {
    texts
        .iter()
        .filter_map(|t| {
            let len = t.chars().count();
            if header == t {
                Some(len * 3)
            } else if len >= 12 && header.contains(t.as_str()) {
                Some(len * 2)
            } else if header.chars().count() >= 20 && t.starts_with(header) {
                Some(header.chars().count())
            } else {
                None
            }
        })
        .max()
}

fn is_email(header: &str) -> bool {
    let n = norm(header);
    n.contains("email") || n.contains("epost") || n == "mail" || n.contains("mailadress")
}

fn one_of(header: &str, words: &[&str]) -> bool {
    let n = norm(header);
    words.iter().any(|w| norm(w) == n)
}

/// Reads the table's rows as responses to `template`.
pub fn read(
    table: &Table,
    template: &Template,
    options: &Options,
    lang: Lang,
) -> Result<Survey, ImportError> {
    let bad = |problems: Vec<String>| ImportError::Bad {
        problems: problems.into_iter().map(|message| Problem { line: None, message }).collect(),
        notes: table.notes.clone(),
    };
    let headers = Headers::new(template);
    let mut columns = Vec::new();
    let mut taken: HashMap<usize, usize> = HashMap::new();
    let mut problems = Vec::new();
    let item_name = |item: &str| {
        template
            .items
            .iter()
            .find(|i| i.id == item)
            .map_or_else(|| item.to_owned(), |i| short(i.text.get(lang.code())))
    };
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
                        ("first", &column_letters(first)),
                        ("second", &column_letters(index)),
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
                    Ok(None) => blank.push(format!("{}{}", column_letters(column.index), row + 1)),
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

/// An item's text up to its first colon or question mark: a name for messages.
fn short(text: &str) -> String {
    let head = text.split([':', '?']).next().unwrap_or(text).trim();
    cut(if head.is_empty() { text } else { head }, 48)
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
        ("column", &column_letters(column.index)),
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
                    let mut name = template
                        .items
                        .iter()
                        .find(|i| i.id == *item)
                        .map_or_else(|| item.clone(), |i| short(i.text.get(lang.code())));
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
        changes.push(Change::Template { before: None, after: Some(Box::new(template.clone())) });
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
    fn answers_are_numbers_labels_and_agreement_words() {
        let climate = template("innovation_climate");
        let a = Answers::new(&climate.scale, Lang::En);
        for (cell, score) in [
            ("4", Some(4)),
            ("4,0", Some(4)),
            ("5 – I mycket hög grad", Some(5)),
            ("(2) I liten grad", Some(2)),
            ("I hög grad", Some(4)),
            ("i mycket hög grad", Some(5)),
            ("Instämmer helt", Some(5)),
            ("Helt uenig", Some(1)),
            ("Strongly agree", Some(5)),
            ("Slet ikke", Some(1)),
            ("Vet ej", None),
            ("  ", None),
        ] {
            assert_eq!(a.read(cell), Ok(score), "{cell}");
        }
        assert_eq!(a.read("7"), Err(Refused::OutOfScale(7)));
        assert_eq!(a.read("Ibland"), Err(Refused::Unknown));
        assert_eq!(a.read("3.5"), Err(Refused::Unknown), "no half scores");
        let facets = template("facet_orientation");
        let f = Answers::new(&facets.scale, Lang::Sv);
        assert_eq!(f.read("Instämmer helt"), Ok(Some(4)), "the template's own label on a 0–4 scale");
        assert_eq!(f.read("Instämmer i hög…"), Ok(Some(3)), "a label cut short");
    }

    #[test]
    fn headers_match_by_id_text_or_a_part_in_any_language() {
        let climate = template("innovation_climate");
        let h = Headers::new(&climate);
        let item = |header: &str| h.slot(header).map(|ix| h.slots[ix].item.clone());
        assert_eq!(item("risk_taking").as_deref(), Some("risk_taking"));
        assert_eq!(
            item("Är det accepterat att pröva något osäkert, även om det kanske inte fungerar?").as_deref(),
            Some("risk_taking")
        );
        assert_eq!(
            item("Climate [Is it acceptable to try something uncertain, even if it might not work?]")
                .as_deref(),
            Some("risk_taking")
        );
        assert_eq!(
            item("Er det greit å prøve noe usikkert, selv…").as_deref(),
            Some("risk_taking"),
            "cut short"
        );
        assert_eq!(item("Tidsstämpel"), None);
        assert_eq!(
            item("Q9_1 Är det accepterat att pröva något osäkert, även om det kanske inte fungerar?")
                .as_deref(),
            Some("risk_taking")
        );
        let journey = template("innovation_journey");
        let h = Headers::new(&journey);
        let slot = |header: &str| {
            h.slot(header).map(|ix| (h.slots[ix].item.clone(), h.slots[ix].perspective.clone()))
        };
        assert_eq!(
            slot("Testa [Organisationen]"),
            Some(("testing".to_owned(), Some("organisation".to_owned())))
        );
        assert_eq!(
            slot(
                "The individual - Testing: we try ideas out on a small scale early instead of planning everything in advance."
            ),
            Some(("testing".to_owned(), Some("individual".to_owned())))
        );
        assert_eq!(slot("Testa"), None, "a perspective template needs the perspective too");
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
}
