//! The organisation profile: what the portfolio is anchored in (Tomelilla, Ishøj).

use serde::{Deserialize, Serialize};

use super::Currency;
use super::Id;
use super::extras::Extra;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Organisation {
    pub name: String,
    pub vision: String,
    pub mission: String,
    /// Goals and strategies that initiatives link to.
    pub goals: Vec<Goal>,
    /// Units (förvaltningar, centre, enheter) that own initiatives.
    pub units: Vec<Unit>,
    /// People the facilitator often names as owners.
    pub people: Vec<String>,
    /// The currency money benefits and costs are in; `None` until chosen.
    pub currency: Option<Currency>,
    /// Days after a decision on an idea within which its proposer should have been told
    /// (the Overview counts those not told); unset means 14. Not written while unset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feedback_days: Option<u32>,
    #[serde(skip)]
    pub extra: Extra,
}

/// The days to tell a proposer in when the profile sets none.
pub const FEEDBACK_DAYS: u32 = 14;

impl Organisation {
    /// The names of the units still in use (not retired), in the profile's order: what a
    /// unit field offers and a checklist run may be about.
    pub fn unit_names(&self) -> impl Iterator<Item = String> + '_ {
        self.units.iter().filter(|u| !u.retired).map(|u| u.name.clone())
    }

    /// Days after a decision on an idea within which its proposer should be told.
    pub fn feedback_days(&self) -> u32 {
        self.feedback_days.unwrap_or(FEEDBACK_DAYS)
    }

    pub fn goal(&self, id: Id) -> Option<&Goal> {
        self.goals.iter().find(|g| g.id == id)
    }
}

/// A goal or strategy. A retired goal stays linked to old initiatives but is not offered
/// for new ones.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Goal {
    pub id: Id,
    pub title: String,
    pub description: String,
    pub retired: bool,
    #[serde(skip)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Unit {
    pub name: String,
    pub retired: bool,
    #[serde(skip)]
    pub extra: Extra,
}
