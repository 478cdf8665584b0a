//! The loop around the register (docs/domain.md §9): an incoming idea with its proposer and
//! triage, a decision recorded when an initiative moves on, and the yearly review's snapshot.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::extras::Extra;
use super::{Channel, Id, Stage, Status, Triage, Verdict};

/// Where an initiative came in as an idea: who proposed it, how, when, and how far triage got.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Idea {
    /// The person behind the idea. Personal data: left out of public reports and exports.
    pub proposer: Proposer,
    pub channel: Option<Channel>,
    pub received: Option<Date>,
    pub triage: Triage,
    /// Why it was declined or parked (required for a decline).
    pub reason: String,
    /// The initiative this idea was merged into.
    pub merged_into: Option<Id>,
    /// When the triage decision (accept, decline, merge, park) was taken.
    pub decided: Option<Date>,
    /// When the proposer was told what happened.
    pub told: Option<Date>,
    #[serde(skip)]
    pub extra: Extra,
}

impl Idea {
    /// Received or being assessed: the idea waits for a decision.
    pub fn is_waiting(&self) -> bool {
        matches!(self.triage, Triage::Received | Triage::Assessing)
    }

    /// Decided at least `days` days before `today`, and the proposer not told yet.
    pub fn is_untold(&self, today: Date, days: u32) -> bool {
        self.told.is_none()
            && !self.is_waiting()
            && self
                .decided
                .is_some_and(|d| d.saturating_add(jiff::Span::new().days(i64::from(days))) <= today)
    }
}

/// Who proposed an idea; every field optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Proposer {
    pub name: String,
    pub unit: String,
    /// An e-mail address or telephone number.
    pub contact: String,
    #[serde(skip)]
    pub extra: Extra,
}

impl Proposer {
    pub fn is_empty(&self) -> bool {
        self.name.trim().is_empty() && self.unit.trim().is_empty() && self.contact.trim().is_empty()
    }
}

/// A decision recorded with a log entry of kind decision: who decided, and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// The forum that decided: ledningsgrupp, nämnd, styrgrupp …
    #[serde(default)]
    pub forum: String,
    pub verdict: Verdict,
    /// The stage the initiative moved to, if it moved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<Stage>,
    /// The status it moved to, if that changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    #[serde(skip)]
    pub extra: Extra,
}

/// The version of a review's figures this fasett writes and can compare.
pub const REVIEW_VERSION: u32 = 1;

/// A dated snapshot of the portfolio's figures, taken at the yearly review: counts and
/// means only, never copies of initiatives. Its `id` is its date, so one review a day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Review {
    pub id: String,
    pub date: Date,
    /// The shape of the figures below; a newer one is not compared.
    pub version: u32,
    /// Initiatives in the register, archived left out.
    pub initiatives: u32,
    /// Active initiatives per facet key.
    pub facets: BTreeMap<String, u32>,
    /// Active initiatives per stage key.
    pub stages: BTreeMap<String, u32>,
    /// Initiatives per status key.
    pub statuses: BTreeMap<String, u32>,
    /// Initiatives that reached implementation (stage 4 or later), whatever their status.
    pub implemented: u32,
    /// Active initiatives linked to at least one goal, and goals served by none.
    pub goals_linked: u32,
    pub goals_unserved: u32,
    /// The benefits: how many, and the money and time planned and realised.
    pub benefits: BTreeMap<String, f64>,
    /// The latest run's mean per checklist template id.
    pub checklists: BTreeMap<String, f64>,
    /// Ideas received since the previous review, and how many were accepted.
    pub ideas: BTreeMap<String, u32>,
    #[serde(skip)]
    pub extra: Extra,
}

impl Default for Review {
    fn default() -> Self {
        Self {
            id: String::new(),
            date: Date::constant(2000, 1, 1),
            version: REVIEW_VERSION,
            initiatives: 0,
            facets: BTreeMap::new(),
            stages: BTreeMap::new(),
            statuses: BTreeMap::new(),
            implemented: 0,
            goals_linked: 0,
            goals_unserved: 0,
            benefits: BTreeMap::new(),
            checklists: BTreeMap::new(),
            ideas: BTreeMap::new(),
            extra: Extra::default(),
        }
    }
}
