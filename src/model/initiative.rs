//! An initiative in the register: what it carries and how it moved (docs/domain.md §1–5). Its
//! words (facet, stage, status …) are in [`super::vocab`].

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::benefit::{Benefit, Costs};
use super::extras::Extra;
use super::idea::{Decision, Idea};
use super::{
    CreatedTo, Facet, Id, LogKind, NeedSource, Pressure, Priority, PushedBy, Stage, Status, Track, Triage,
};

/// One innovation initiative: an idea, a project or an implemented change. A new one is
/// unplaced, identifying problems, active and of medium priority.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Initiative {
    pub id: Id,
    pub title: String,
    pub description: String,
    /// Which need the initiative answers (Øvre Eiker: whoever proposes states the need).
    pub need: String,
    pub need_sources: Vec<NeedSource>,
    pub facet: Facet,
    /// The two OPSI placement answers, when the placement helper was used.
    pub placement: Option<Box<Placement>>,
    pub stage: Stage,
    pub status: Status,
    pub track: Option<Track>,
    /// Which of Ishøj's three P's the initiative relieves.
    pub relieves: Vec<Pressure>,
    /// What the initiative is expected to gain, and what it has gained (docs/domain.md §7).
    pub benefits: Vec<Benefit>,
    /// Investment and running cost, for the benefit calculation; `None` when not stated.
    pub costs: Option<Box<Costs>>,
    pub owner: String,
    pub unit: String,
    pub partners: Vec<String>,
    /// Ids of the organisation's goals this initiative serves.
    pub goals: Vec<Id>,
    pub priority: Priority,
    pub start: Option<Date>,
    pub follow_up: Option<Date>,
    pub end: Option<Date>,
    pub tags: Vec<String>,
    /// Dated notes, decisions and lessons, oldest first in the file.
    pub log: Vec<LogEntry>,
    pub archived: bool,
    pub created: Option<Date>,
    pub updated: Option<jiff::Timestamp>,
    /// Set when the initiative came in as an idea: proposer, channel and triage.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idea: Option<Box<Idea>>,
    /// The initiative this one grew out of (its inverse, "led to", is worked out).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grew_out_of: Option<Id>,
    #[serde(skip)]
    pub extra: Extra,
}

impl Initiative {
    /// Part of the portfolio: not archived, and not an idea still in triage (an idea becomes
    /// an initiative when it is accepted). The one rule behind every count and list of the
    /// portfolio: the register, the statuses, the report's headline and sections, the region
    /// view and the benefit totals; the balance counts the active ones among these.
    pub fn in_portfolio(&self) -> bool {
        !self.archived && !self.is_untriaged()
    }

    /// Counts towards the balance and the grid shares: in the portfolio and active.
    pub fn is_active(&self) -> bool {
        self.in_portfolio() && self.status == Status::Active
    }

    /// An incoming idea not (yet) accepted: received, being assessed, declined, merged or parked.
    /// The register and the portfolio's figures leave it out; the intake list has it.
    pub fn is_untriaged(&self) -> bool {
        self.idea.as_ref().is_some_and(|idea| idea.triage != Triage::Accepted)
    }

    /// An idea waiting for a decision (received or being assessed), not archived: what the
    /// register, the Overview and the reports count apart as ideas waiting.
    pub fn is_waiting_idea(&self) -> bool {
        !self.archived && self.idea.as_deref().is_some_and(Idea::is_waiting)
    }

    /// A follow-up date that has passed while the initiative is still open.
    pub fn is_overdue(&self, today: Date) -> bool {
        !self.archived
            && matches!(self.status, Status::Active | Status::Paused)
            && self.follow_up.is_some_and(|d| d < today)
    }
}

/// The two OPSI project-mapping answers (docs/domain.md §2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placement {
    pub created_to: CreatedTo,
    pub pushed_by: PushedBy,
    #[serde(skip)]
    pub extra: Extra,
}

/// One dated line in an initiative's log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    pub date: Date,
    #[serde(default)]
    pub kind: LogKind,
    #[serde(default)]
    pub text: String,
    /// Who decided what, on a decision recorded with a move to another stage or status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    #[serde(skip)]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A large file holds tens of thousands of initiatives, and a fresh process pays for each
    /// page it touches before the first frame: a large part that few initiatives have belongs
    /// behind a `Box`, as the idea, the costs and the placement are (456 bytes when this was
    /// written, from 888).
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn an_initiative_stays_small_in_memory() {
        let size = std::mem::size_of::<Initiative>();
        assert!(size <= 512, "an initiative takes {size} bytes");
    }
}
