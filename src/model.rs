//! The portfolio file's data model: one [`Portfolio`] root holding the organisation profile,
//! the initiative register, checklist assessments, their action plans and copies of the
//! templates the assessments were run with.
//!
//! Every struct keeps the JSON keys it does not know in `extra` (see [`extras`]), so a file
//! written by a newer fasett or edited by hand loses nothing when we save it.

/// Declares an enum whose variants each have a stable key (`Variant = "key"`: the name in
/// the data file and the last part of its catalog keys), with `ALL`, every variant in
/// declaration order, and `key()`. The key is not a discriminant.
///
/// Every such enum is a plain copyable value, and serde writes and reads it by its key, so
/// the file's name and the catalog's come from the one literal. The enum's own attributes
/// add what only some need (`Default`, an order).
macro_rules! keyed_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$variant_meta:meta])* $variant:ident = $key:literal,)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        $vis enum $name {
            $($(#[$variant_meta])* #[serde(rename = $key)] $variant,)+
        }

        impl $name {
            pub const ALL: [$name; [$($key),+].len()] = [$($name::$variant),+];

            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key,)+
                }
            }
        }

        impl $crate::model::Keyed for $name {
            const ALL: &'static [Self] = &$name::ALL;

            fn key(self) -> &'static str {
                $name::key(self)
            }
        }
    };
}
pub(crate) use keyed_enum;

/// What `keyed_enum!` declares, for code that works on any such enum (reading its words
/// from a spreadsheet, say).
pub trait Keyed: Copy + 'static {
    /// Every variant, in declaration order.
    const ALL: &'static [Self];
    /// The variant's stable key.
    fn key(self) -> &'static str;

    /// The variant whose key is `key`, if any: [`Keyed::key`] read back.
    fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.key() == key)
    }
}

pub mod assessment;
pub mod benefit;
pub mod conflict;
pub mod extras;
pub mod idea;
pub mod initiative;
pub mod organisation;
pub mod template;
pub mod vocab;

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use assessment::{ActionItem, Answer, Assessment, Response, slot_key};
pub use benefit::{Benefit, Costs, Measurement, Point};
pub use conflict::{Conflict, Side};
pub use idea::{Decision, Idea, Proposer, REVIEW_VERSION, Review};
pub use initiative::{Initiative, LogEntry, Placement};
pub use organisation::{Goal, Organisation, Unit};
pub use template::{Dimension, LocalText, Perspective, ResultKind, Scale, ScaleStep, Template, TemplateItem};
pub use vocab::{
    BenefitKind, Channel, CreatedTo, Currency, Facet, LogKind, NeedSource, Pressure, Priority, PushedBy,
    Stage, Status, Track, Triage, Verdict,
};

/// The schema version this build reads and writes. Files with a newer version are never
/// written; older ones are migrated on load (see `store`).
pub const SCHEMA_VERSION: u32 = 4;

/// Short numeric ids ("#12"), unique within their collection and never reused.
pub type Id = u32;

/// The root of the data file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Portfolio {
    pub schema_version: u32,
    /// The portfolio's own lasting identity (a random UUID made when it is first saved), so
    /// two files of one portfolio can be told from files of another. Empty in a file no
    /// fasett has saved since identities were introduced; not written while empty.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub organisation: Organisation,
    pub initiatives: Vec<Initiative>,
    pub assessments: Vec<Assessment>,
    pub actions: Vec<ActionItem>,
    /// Copies of the templates that assessments were run with, so an assessment stays
    /// readable when its template is changed or uninstalled.
    pub templates: Vec<Template>,
    pub next_id: NextIds,
    /// The yearly reviews' snapshots of the portfolio's figures, oldest first. Not written
    /// while there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<Review>,
    /// Values two merged copies changed differently, until the user picks one. Not written
    /// while there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
    #[serde(skip)]
    pub extra: extras::Extra,
}

impl Default for Portfolio {
    fn default() -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            id: String::new(),
            organisation: Organisation::default(),
            initiatives: Vec::new(),
            assessments: Vec::new(),
            actions: Vec::new(),
            templates: Vec::new(),
            next_id: NextIds::default(),
            reviews: Vec::new(),
            conflicts: Vec::new(),
            extra: extras::Extra::default(),
        }
    }
}

/// The next free id of each numbered collection. Ids are never reused, so "#12" in last
/// month's minutes still means the same initiative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NextIds {
    pub initiative: Id,
    pub assessment: Id,
    pub action: Id,
    pub goal: Id,
    pub benefit: Id,
    pub measurement: Id,
    #[serde(skip)]
    pub extra: extras::Extra,
}

impl Default for NextIds {
    fn default() -> Self {
        Self {
            initiative: 1,
            assessment: 1,
            action: 1,
            goal: 1,
            benefit: 1,
            measurement: 1,
            extra: extras::Extra::default(),
        }
    }
}

/// Which numbered collection an id belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Collection {
    Initiative,
    Assessment,
    Action,
    Goal,
    /// Benefits, numbered across all initiatives.
    Benefit,
    /// Measurements, numbered across all benefits.
    Measurement,
}

impl Portfolio {
    /// Hands out the next id of a collection. The counter never goes below what the file
    /// already uses, so a hand-edited file with a stale counter cannot cause duplicates.
    pub fn allocate_id(&mut self, collection: Collection) -> Id {
        let used = match collection {
            Collection::Initiative => self.initiatives.iter().map(|i| i.id).max(),
            Collection::Assessment => self.assessments.iter().map(|a| a.id).max(),
            Collection::Action => self.actions.iter().map(|a| a.id).max(),
            Collection::Goal => self.organisation.goals.iter().map(|g| g.id).max(),
            Collection::Benefit => self.benefits().map(|(_, b)| b.id).max(),
            Collection::Measurement => {
                self.benefits().flat_map(|(_, b)| b.measurements.iter().map(|m| m.id)).max()
            }
        };
        let counter = match collection {
            Collection::Initiative => &mut self.next_id.initiative,
            Collection::Assessment => &mut self.next_id.assessment,
            Collection::Action => &mut self.next_id.action,
            Collection::Goal => &mut self.next_id.goal,
            Collection::Benefit => &mut self.next_id.benefit,
            Collection::Measurement => &mut self.next_id.measurement,
        };
        let id = (*counter).max(used.map_or(1, |u| u.saturating_add(1)));
        *counter = id.saturating_add(1);
        id
    }

    pub fn initiative(&self, id: Id) -> Option<&Initiative> {
        self.initiatives.binary_search_by_key(&id, |i| i.id).ok().map(|ix| &self.initiatives[ix])
    }

    /// Every benefit with the initiative it belongs to, in initiative order.
    pub fn benefits(&self) -> impl Iterator<Item = (&Initiative, &Benefit)> {
        self.initiatives.iter().flat_map(|i| i.benefits.iter().map(move |b| (i, b)))
    }

    pub fn assessment(&self, id: Id) -> Option<&Assessment> {
        self.assessments.iter().find(|a| a.id == id)
    }

    pub fn action(&self, id: Id) -> Option<&ActionItem> {
        self.actions.iter().find(|a| a.id == id)
    }

    /// Gives the portfolio its lasting identity if it has none yet (a writing session does
    /// this when it opens the file, so the first save writes it).
    pub fn ensure_identity(&mut self) {
        if self.id.is_empty() {
            self.id = uuid::Uuid::new_v4().to_string();
        }
    }

    /// Links to goals the organisation does not have: (initiative, goal) pairs, in file order.
    pub fn dangling_goal_links(&self) -> Vec<(Id, Id)> {
        self.initiatives
            .iter()
            .flat_map(|i| i.goals.iter().map(move |g| (i.id, *g)))
            .filter(|(_, g)| self.organisation.goal(*g).is_none())
            .collect()
    }

    /// The portfolio as the JSON tree its file holds, unknown keys included.
    pub fn to_value(&self) -> Value {
        use extras::Extras;
        let mut value = serde_json::to_value(self).unwrap_or(Value::Null);
        self.emit(&mut value);
        value
    }

    /// A portfolio from a JSON tree of the current schema, keeping its unknown keys.
    pub fn from_value(value: &Value) -> Result<Portfolio, serde_json::Error> {
        use extras::Extras;
        let mut portfolio = Portfolio::deserialize(value)?;
        portfolio.absorb(value);
        Ok(portfolio)
    }

    /// The template copy an assessment was run with, if the file has it.
    pub fn template(&self, id: &str, version: u32) -> Option<&Template> {
        self.templates.iter().find(|t| t.id == id && t.version == version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file's names come from serde, the catalogs' from `key()`: they must agree, and
    /// `from_key` reads each back.
    fn keys_are_the_file_names<T: Keyed + Serialize + PartialEq + std::fmt::Debug>() {
        for v in T::ALL {
            assert_eq!(serde_json::to_value(v).expect("serialisable"), Value::from(Keyed::key(*v)));
            assert_eq!(T::from_key(v.key()), Some(*v));
        }
        assert_eq!(T::from_key("no such key"), None);
    }

    #[test]
    fn a_new_initiative_is_unplaced_identifying_problems_active_and_of_medium_priority() {
        let i = Initiative::default();
        assert_eq!(
            (i.facet, i.stage, i.status, i.priority, i.track),
            (Facet::Unplaced, Stage::IdentifyingProblems, Status::Active, Priority::Medium, None)
        );
    }

    #[test]
    fn every_keyed_enum_writes_its_key() {
        keys_are_the_file_names::<Facet>();
        keys_are_the_file_names::<Stage>();
        keys_are_the_file_names::<Status>();
        keys_are_the_file_names::<Track>();
        keys_are_the_file_names::<NeedSource>();
        keys_are_the_file_names::<Pressure>();
        keys_are_the_file_names::<Priority>();
        keys_are_the_file_names::<CreatedTo>();
        keys_are_the_file_names::<PushedBy>();
        keys_are_the_file_names::<LogKind>();
    }
}
