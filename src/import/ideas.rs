//! `import FILE --ideas`: an idea box's form export (Microsoft Forms, Google Forms; CSV or
//! .xlsx) read as incoming ideas. The register import's recognition and plan do the work;
//! this only takes the columns about the proposer and the form itself out of the
//! initiative's fields (a form's "Namn" is the proposer, not a title; its "ID" numbers the
//! response, not an initiative) and makes each new row a received idea with its proposer.

use jiff::civil::Date;
use serde_json::Value;

use super::columns::norm;
use super::mapping::{Mapping, Target};
use super::plan::Plan;
use super::{Loaded, Options};
use crate::export::{Column, OTHER_COLUMNS};
use crate::model::{Channel, Idea, Proposer};

/// What a form column says about the idea rather than the initiative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum About {
    Name,
    Unit,
    Contact,
    Received,
    /// The form's own bookkeeping (response number, start time, last change): left out.
    Form,
}

/// Form headers in the four languages and the forms' own (folded, as `norm` folds them). A
/// header that starts with one of the `_PREFIXES` counts too ("Vilket behov …?").
const ABOUT: &[(About, &[&str])] = &[
    (
        About::Name,
        &[
            "namn",
            "navn",
            "name",
            "ditt namn",
            "dit navn",
            "ditt navn",
            "your name",
            "fullständigt namn",
            "förslagsställare",
            "forslagsstiller",
            "proposer",
            "fulde navn",
            "fullt navn",
            "full name",
        ],
    ),
    (
        About::Unit,
        &[
            "förvaltning/enhet",
            "förvaltning",
            "enhet",
            "arbetsplats",
            "afdeling",
            "enhed",
            "arbejdsplads",
            "avdeling",
            "arbeidssted",
            "unit",
            "department",
            "workplace",
            "förvaltning / enhet",
            "forvaltning/enhet",
            "din förvaltning",
            "din enhet",
        ],
    ),
    (
        About::Contact,
        &[
            "e-post",
            "epost",
            "e-postadress",
            "email",
            "e-mail",
            "email address",
            "e-mailadresse",
            "mail",
            "telefon",
            "phone",
            "kontakt",
            "contact",
            "mejl",
            "e-postadresse",
        ],
    ),
    (
        About::Received,
        &[
            "tidsstämpel",
            "tidsstempel",
            "timestamp",
            "slutförandetid",
            "sluttid",
            "completion time",
            "afslutningstidspunkt",
            "fullføringstidspunkt",
            "inskickad",
            "submitted",
            "datum",
            "dato",
            "date",
            "tidspunkt",
        ],
    ),
    (
        About::Form,
        &[
            "id",
            "starttid",
            "start time",
            "starttidspunkt",
            "senast ändrad",
            "last modified time",
            "sidst ændret",
            "sist endret",
            "namn (visas)",
            "name (displayed)",
        ],
    ),
];
const NEED_PREFIXES: &[&str] =
    &["vilketbehov", "hvilketbehov", "whatneed", "whichneed", "behovet", "theneed"];
/// The question that names the idea, and the one that describes it (folded prefixes).
const TITLE_PREFIXES: &[&str] =
    &["din idé", "dit forslag", "ditt forslag", "your idea", "idéns namn", "idéens navn"];
const DESCRIPTION_PREFIXES: &[&str] = &["beskriv", "describe", "tell us", "berätta", "fortæl", "fortell"];

/// The columns of a form export that are about the proposer or the form, by header.
#[derive(Debug, Clone, Default)]
pub struct IdeaColumns {
    columns: Vec<(String, About)>,
}

/// The register's mapping of a form export, with the proposer's and the form's own columns
/// taken out of the initiative's fields. Columns a map file chose stay as it says.
pub fn recognise(loaded: &Loaded, options: &Options) -> (Mapping, IdeaColumns) {
    let mut mapping = super::recognise(loaded, options);
    let mut found = IdeaColumns::default();
    let has_title = |m: &Mapping| m.columns.iter().any(|c| c.target == Target::Field(Column::Title));
    for column in &mut mapping.columns {
        if column.chosen {
            continue;
        }
        let folded = norm(&column.header);
        let starts = |prefixes: &[&str]| prefixes.iter().any(|p| folded.starts_with(&norm(p)));
        if starts(NEED_PREFIXES) {
            column.target = Target::Field(Column::Need);
            continue;
        }
        if starts(TITLE_PREFIXES) {
            column.target = Target::Field(Column::Title);
            continue;
        }
        if starts(DESCRIPTION_PREFIXES) {
            column.target = Target::Field(Column::Description);
            continue;
        }
        let about = ABOUT.iter().find(|(_, names)| names.iter().any(|n| norm(n) == folded)).map(|(a, _)| *a);
        if let Some(about) = about {
            column.target = if about == About::Form { Target::Skip } else { Target::Keep };
            found.columns.push((column.header.clone(), about));
        }
    }
    // A form whose only title-like column was the proposer's name: the idea's own first text
    // column is the title then (asked as "Din idé" or just the question).
    if !has_title(&mapping)
        && let Some(first) =
            mapping.columns.iter_mut().find(|c| c.target == Target::Keep && !found.names(&c.header))
    {
        first.target = Target::Field(Column::Title);
    }
    (mapping, found)
}

impl IdeaColumns {
    /// Whether `header` is a column about the proposer or the form.
    pub fn names(&self, header: &str) -> bool {
        self.columns.iter().any(|(h, _)| h == header)
    }

    /// "Namn → the proposer's name", one line per column the idea takes, for a dry run.
    pub fn describe(&self, lang: crate::i18n::Lang) -> Vec<String> {
        self.columns
            .iter()
            .filter(|(_, about)| *about != About::Form)
            .map(|(header, about)| {
                let key = match about {
                    About::Name => "import.idea_name",
                    About::Unit => "import.idea_unit",
                    About::Contact => "import.idea_contact",
                    About::Received | About::Form => "import.idea_received",
                };
                format!("{} → {}", crate::text::one_line(header), lang.t(key))
            })
            .collect()
    }
}

/// Makes every new initiative of `plan` a received idea, its proposer and date taken out of
/// the kept columns (so personal data is never written back as a column of its own).
pub fn into_ideas(plan: &mut Plan, found: &IdeaColumns, options: &Options) {
    for initiative in &mut plan.added {
        let mut other = match initiative.extra.remove(OTHER_COLUMNS) {
            Some(Value::Object(other)) => other,
            _ => serde_json::Map::new(),
        };
        let mut idea =
            Idea { channel: Some(Channel::IdeaBox), received: Some(options.today), ..Idea::default() };
        let mut proposer = Proposer::default();
        for (header, about) in &found.columns {
            let Some(value) = other.shift_remove(header) else { continue };
            let text = match &value {
                Value::String(s) => s.trim().to_owned(),
                Value::Number(n) => n.to_string(),
                _ => String::new(),
            };
            match about {
                About::Name => proposer.name = text,
                About::Unit => proposer.unit = text,
                About::Contact => proposer.contact = text,
                About::Received => {
                    if let Some(date) = received(&value, options) {
                        idea.received = Some(date);
                    }
                }
                About::Form => {}
            }
        }
        idea.proposer = proposer;
        initiative.created = idea.received.or(initiative.created);
        initiative.idea = Some(Box::new(idea));
        if !other.is_empty() {
            initiative.extra.insert(OTHER_COLUMNS.to_owned(), Value::Object(other));
        }
    }
}

/// The day a form's timestamp names: an .xlsx date number, or text such as
/// `2026-03-02 14:33:10`, `3/2/2026 2:33:10 PM` or `02.03.2026 14:33`.
fn received(value: &Value, options: &Options) -> Option<Date> {
    match value {
        Value::Number(n) => crate::dates::from_serial(n.as_f64()?, false),
        Value::String(s) => {
            let day = s.split(|c: char| c.is_whitespace() || c == 'T').next()?;
            crate::dates::parse_cell(day, options.date_order).ok().flatten()
        }
        _ => None,
    }
}
