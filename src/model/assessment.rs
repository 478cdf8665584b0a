//! Checklist runs and the action plans that follow them (Kiruna's and KS's loops).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::Id;
use super::extras::Extra;

/// One run of a checklist template for one scope on one date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub id: Id,
    /// The template's id; with `template_version` it finds the copy in `Portfolio::templates`.
    pub template: String,
    pub template_version: u32,
    /// Organisation, unit or team the run is about (free text or a unit name).
    pub scope: String,
    pub date: Date,
    #[serde(default)]
    pub participants: Vec<String>,
    #[serde(default)]
    pub answers: Vec<Answer>,
    #[serde(default)]
    pub note: String,
    #[serde(skip)]
    pub extra: Extra,
}

impl Assessment {
    pub fn answer(&self, item: &str, perspective: Option<&str>) -> Option<&Answer> {
        self.answers.iter().find(|a| a.item == item && a.perspective.as_deref() == perspective)
    }
}

/// The group's score and note for one item (and perspective, where the template has them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub item: String,
    #[serde(default)]
    pub perspective: Option<String>,
    #[serde(default)]
    pub score: Option<u8>,
    #[serde(default)]
    pub note: String,
    #[serde(skip)]
    pub extra: Extra,
}

/// One line of an action plan: what, how, when, who, which competences, and a booked
/// follow-up.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActionItem {
    pub id: Id,
    pub what: String,
    pub how: String,
    pub when: String,
    pub who: String,
    pub competences: String,
    pub follow_up: Option<Date>,
    pub done: bool,
    /// The assessment (and item in it) this action answers.
    pub assessment: Option<Id>,
    pub item: Option<String>,
    pub initiative: Option<Id>,
    pub created: Option<Date>,
    #[serde(skip)]
    pub extra: Extra,
}

impl ActionItem {
    pub fn is_overdue(&self, today: Date) -> bool {
        !self.done && self.follow_up.is_some_and(|d| d < today)
    }
}
