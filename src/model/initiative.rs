//! An initiative in the register and the vocabulary it is described with (docs/domain.md §1–5).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::Id;
use super::extras::Extra;
use super::idea::{Decision, Idea};

/// One innovation initiative: an idea, a project or an implemented change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    pub placement: Option<Placement>,
    pub stage: Stage,
    pub status: Status,
    pub track: Option<Track>,
    /// Which of Ishøj's three P's the initiative relieves.
    pub relieves: Vec<Pressure>,
    pub expected_benefit: ExpectedBenefit,
    pub realised_benefit: RealisedBenefit,
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
    pub idea: Option<Idea>,
    /// The initiative this one grew out of (its inverse, "led to", is worked out).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grew_out_of: Option<Id>,
    #[serde(skip)]
    pub extra: Extra,
}

impl Default for Initiative {
    fn default() -> Self {
        Self {
            id: 0,
            title: String::new(),
            description: String::new(),
            need: String::new(),
            need_sources: Vec::new(),
            facet: Facet::Unplaced,
            placement: None,
            stage: Stage::IdentifyingProblems,
            status: Status::Active,
            track: None,
            relieves: Vec::new(),
            expected_benefit: ExpectedBenefit::default(),
            realised_benefit: RealisedBenefit::default(),
            owner: String::new(),
            unit: String::new(),
            partners: Vec::new(),
            goals: Vec::new(),
            priority: Priority::Medium,
            start: None,
            follow_up: None,
            end: None,
            tags: Vec::new(),
            log: Vec::new(),
            archived: false,
            created: None,
            updated: None,
            idea: None,
            grew_out_of: None,
            extra: Extra::default(),
        }
    }
}

impl Initiative {
    /// Counts towards the balance and the grid shares: active, not archived, and not an
    /// idea still in triage (an idea becomes an initiative when it is accepted).
    pub fn is_active(&self) -> bool {
        self.status == Status::Active && !self.archived && !self.is_untriaged()
    }

    /// An incoming idea not (yet) accepted: received, being assessed, declined, merged or parked.
    pub fn is_untriaged(&self) -> bool {
        self.idea.as_ref().is_some_and(|idea| idea.triage != super::idea::Triage::Accepted)
    }

    /// A follow-up date that has passed while the initiative is still open.
    pub fn is_overdue(&self, today: Date) -> bool {
        !self.archived
            && matches!(self.status, Status::Active | Status::Paused)
            && self.follow_up.is_some_and(|d| d < today)
    }
}

/// Where an initiative sits on the four-facet grid (docs/domain.md §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Facet {
    MissionOriented,
    Anticipatory,
    EnhancementOriented,
    Adaptive,
    /// Fits between facets (e.g. the placement gave a change type).
    Mixed,
    /// Not placed yet.
    Unplaced,
}

impl Facet {
    /// The four facets of the grid, in reading order: top-left, top-right, bottom-left,
    /// bottom-right.
    pub const GRID: [Facet; 4] =
        [Facet::MissionOriented, Facet::Anticipatory, Facet::EnhancementOriented, Facet::Adaptive];
    pub const ALL: [Facet; 6] = [
        Facet::MissionOriented,
        Facet::Anticipatory,
        Facet::EnhancementOriented,
        Facet::Adaptive,
        Facet::Mixed,
        Facet::Unplaced,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Facet::MissionOriented => "mission_oriented",
            Facet::Anticipatory => "anticipatory",
            Facet::EnhancementOriented => "enhancement_oriented",
            Facet::Adaptive => "adaptive",
            Facet::Mixed => "mixed",
            Facet::Unplaced => "unplaced",
        }
    }

    pub fn is_on_grid(self) -> bool {
        Facet::GRID.contains(&self)
    }
}

/// The OPSI innovation lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    IdentifyingProblems,
    GeneratingIdeas,
    DevelopingProposals,
    Implementing,
    Evaluating,
    DiffusingLessons,
}

impl Stage {
    pub const ALL: [Stage; 6] = [
        Stage::IdentifyingProblems,
        Stage::GeneratingIdeas,
        Stage::DevelopingProposals,
        Stage::Implementing,
        Stage::Evaluating,
        Stage::DiffusingLessons,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Stage::IdentifyingProblems => "identifying_problems",
            Stage::GeneratingIdeas => "generating_ideas",
            Stage::DevelopingProposals => "developing_proposals",
            Stage::Implementing => "implementing",
            Stage::Evaluating => "evaluating",
            Stage::DiffusingLessons => "diffusing_lessons",
        }
    }

    /// 1-based position in the lifecycle, used as a compact stage marker.
    pub fn number(self) -> u8 {
        Stage::ALL.iter().position(|s| *s == self).map_or(0, |p| p as u8 + 1)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Active,
    Paused,
    Stopped,
    Completed,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Active, Status::Paused, Status::Stopped, Status::Completed];

    pub fn key(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Paused => "paused",
            Status::Stopped => "stopped",
            Status::Completed => "completed",
        }
    }
}

/// Ishøj's two tracks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Track {
    Local,
    Radical,
}

impl Track {
    pub const ALL: [Track; 2] = [Track::Local, Track::Radical];

    pub fn key(self) -> &'static str {
        match self {
            Track::Local => "local",
            Track::Radical => "radical",
        }
    }
}

/// Whose real need an initiative starts from (Tomelilla).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NeedSource {
    Citizens,
    Employees,
    OutsideWorld,
}

impl NeedSource {
    pub const ALL: [NeedSource; 3] = [NeedSource::Citizens, NeedSource::Employees, NeedSource::OutsideWorld];

    pub fn key(self) -> &'static str {
        match self {
            NeedSource::Citizens => "citizens",
            NeedSource::Employees => "employees",
            NeedSource::OutsideWorld => "outside_world",
        }
    }
}

/// Ishøj's three P's: the pressures innovation should relieve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pressure {
    Money,
    Products,
    Staff,
}

impl Pressure {
    pub const ALL: [Pressure; 3] = [Pressure::Money, Pressure::Products, Pressure::Staff];

    pub fn key(self) -> &'static str {
        match self {
            Pressure::Money => "money",
            Pressure::Products => "products",
            Pressure::Staff => "staff",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Low,
    Medium,
    High,
}

impl Priority {
    pub const ALL: [Priority; 3] = [Priority::Low, Priority::Medium, Priority::High];

    pub fn key(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Medium => "medium",
            Priority::High => "high",
        }
    }

    /// Weight used when the balance is weighted by priority.
    pub fn weight(self) -> u32 {
        match self {
            Priority::Low => 1,
            Priority::Medium => 2,
            Priority::High => 3,
        }
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

/// "Primarily created to …"
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CreatedTo {
    ImproveExistingServices,
    ReachOverarchingGoal,
    ExploreUncertainties,
    MeetNewNeeds,
}

impl CreatedTo {
    pub const ALL: [CreatedTo; 4] = [
        CreatedTo::ImproveExistingServices,
        CreatedTo::ReachOverarchingGoal,
        CreatedTo::ExploreUncertainties,
        CreatedTo::MeetNewNeeds,
    ];

    pub fn key(self) -> &'static str {
        match self {
            CreatedTo::ImproveExistingServices => "improve_existing_services",
            CreatedTo::ReachOverarchingGoal => "reach_overarching_goal",
            CreatedTo::ExploreUncertainties => "explore_uncertainties",
            CreatedTo::MeetNewNeeds => "meet_new_needs",
        }
    }
}

/// "Mainly pushed by …"
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PushedBy {
    LeadersWantResults,
    CostsAndProcesses,
    BottomUpTesting,
    PreparingForFuture,
}

impl PushedBy {
    pub const ALL: [PushedBy; 4] = [
        PushedBy::LeadersWantResults,
        PushedBy::CostsAndProcesses,
        PushedBy::BottomUpTesting,
        PushedBy::PreparingForFuture,
    ];

    pub fn key(self) -> &'static str {
        match self {
            PushedBy::LeadersWantResults => "leaders_want_results",
            PushedBy::CostsAndProcesses => "costs_and_processes",
            PushedBy::BottomUpTesting => "bottom_up_testing",
            PushedBy::PreparingForFuture => "preparing_for_future",
        }
    }
}

/// The benefit stated when the initiative is designed (Tomelilla).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExpectedBenefit {
    pub efficiency: bool,
    pub quality: bool,
    pub text: String,
    #[serde(skip)]
    pub extra: Extra,
}

/// What was found after implementation: "implemented" is not yet "benefit realised".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RealisedBenefit {
    /// A benefits-realisation analysis was done.
    pub analysed: bool,
    /// The expected benefit has been shown to be realised.
    pub realised: bool,
    pub text: String,
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

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LogKind {
    #[default]
    Note,
    Decision,
    Lesson,
}

impl LogKind {
    pub const ALL: [LogKind; 3] = [LogKind::Note, LogKind::Decision, LogKind::Lesson];

    pub fn key(self) -> &'static str {
        match self {
            LogKind::Note => "note",
            LogKind::Decision => "decision",
            LogKind::Lesson => "lesson",
        }
    }
}
