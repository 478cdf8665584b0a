//! A conflict left by merging two copies of the portfolio (`fasett merge`, or "merge both"
//! when another program changed the file): one value that both copies changed, each in its
//! own way. The merged file keeps our value in place and records the conflict here, so the
//! file stays valid JSON and the user chooses in the interface, never in a text editor.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::extras::Extra;

/// One value two copies changed differently.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Conflict {
    /// Derived from the path and the three values, so the same conflict recorded by two
    /// merges is one conflict.
    pub id: String,
    /// Where, for people: `initiatives[#3].title`, `organisation.goals[#2]`.
    pub path: String,
    /// Where, for fasett: object keys as strings, list elements as an object of the fields
    /// that pick them out (`{"id": 3}`).
    pub at: Vec<Value>,
    /// The value in the common ancestor, ours (the copy merged into) and theirs.
    pub base: Side,
    pub ours: Side,
    pub theirs: Side,
    /// When the merge found it.
    pub found: Option<jiff::Timestamp>,
    #[serde(skip)]
    pub extra: Extra,
}

/// One copy's value at a conflict's path.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Side {
    /// The value (`null` when `missing`).
    pub value: Value,
    /// This copy has no value here: the record or key was removed (or never added).
    pub missing: bool,
    /// When this copy's record was last changed, where the record says.
    pub updated: Option<jiff::Timestamp>,
    #[serde(skip)]
    pub extra: Extra,
}

impl Side {
    /// A side holding `value`, or missing.
    pub fn of(value: Option<&Value>, updated: Option<jiff::Timestamp>) -> Self {
        match value {
            Some(v) => Side { value: v.clone(), missing: false, updated, extra: Extra::new() },
            None => Side { value: Value::Null, missing: true, updated, extra: Extra::new() },
        }
    }

    /// The value, or `None` when missing.
    pub fn get(&self) -> Option<&Value> {
        (!self.missing).then_some(&self.value)
    }
}
