//! Checklist runs and the action plans that follow them (Kiruna's and KS's loops).
//!
//! A run keeps what the group said in two ways: per slot (an item, under a perspective where
//! the template has them) the group's agreed score, a show of hands and a note ([`Answer`]);
//! and per participant, everyone's own scores ([`Response`]), anonymous unless a name or role
//! is kept.

use std::fmt;

use compact_str::CompactString;
use jiff::civil::Date;
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

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
    /// When the group plans to run the checklist again (Kiruna's booked follow-up).
    #[serde(default)]
    pub next_date: Option<Date>,
    /// Who took part, as typed when the run was started (not linked to the responses).
    #[serde(default)]
    pub participants: Vec<String>,
    /// Per slot: the group's agreed score, a show of hands and the note.
    #[serde(default)]
    pub answers: Vec<Answer>,
    /// Every participant's own scores, in the order they were entered or imported.
    #[serde(default)]
    pub responses: Vec<Response>,
    #[serde(default)]
    pub note: String,
    #[serde(skip)]
    pub extra: Extra,
}

impl Assessment {
    pub fn answer(&self, item: &str, perspective: Option<&str>) -> Option<&Answer> {
        self.answers.iter().find(|a| a.item == item && a.perspective.as_deref() == perspective)
    }

    /// The response with this id.
    pub fn response(&self, id: Id) -> Option<&Response> {
        self.responses.iter().find(|r| r.id == id)
    }

    /// The id the next response gets: one above the highest in the run.
    pub fn next_response_id(&self) -> Id {
        self.responses.iter().map(|r| r.id).max().map_or(1, |id| id.saturating_add(1))
    }
}

/// The group's view of one slot: the score it agreed on, a show of hands, and the note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub item: String,
    #[serde(default)]
    pub perspective: Option<String>,
    /// The score the group agreed on (in a file of schema version 1: the run's only score).
    #[serde(default)]
    pub score: Option<u8>,
    /// A show of hands: how many gave each score, from the scale's `min` up to its `max`.
    /// Empty when there was none.
    #[serde(default)]
    pub tally: Vec<u32>,
    #[serde(default)]
    pub note: String,
    #[serde(skip)]
    pub extra: Extra,
}

impl Answer {
    /// An answer to a slot with nothing in it yet.
    pub fn empty(item: String, perspective: Option<String>) -> Self {
        Self {
            item,
            perspective,
            score: None,
            tally: Vec::new(),
            note: String::new(),
            extra: Extra::default(),
        }
    }

    /// Nothing was said about the slot: no agreed score, no hands, no note.
    pub fn is_blank(&self) -> bool {
        self.score.is_none() && self.tally.iter().all(|n| *n == 0) && self.note.trim().is_empty()
    }
}

/// One participant's scores in a run. Anonymous by default: shown as "R" and its id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Response {
    /// Unique within the run.
    pub id: Id,
    /// The participant's name, only when the user chose to keep it.
    pub name: String,
    /// A role ("unit manager"), optional.
    pub role: String,
    /// Score per slot, keyed by [`slot_key`]. A slot the participant left blank is absent.
    pub scores: Scores,
    #[serde(skip)]
    pub extra: Extra,
}

impl Response {
    /// "R3", or the name or role when there is one and names may be shown.
    pub fn label(&self, show_names: bool) -> String {
        let anonymous = format!("R{}", self.id);
        match (show_names, self.name.trim(), self.role.trim()) {
            (true, name, _) if !name.is_empty() => name.to_owned(),
            (_, _, role) if !role.is_empty() => format!("{anonymous} ({role})"),
            _ => anonymous,
        }
    }

    pub fn score(&self, item: &str, perspective: Option<&str>) -> Option<u8> {
        self.scores.get(&slot_key(item, perspective))
    }

    /// Sets or clears the score of one slot.
    pub fn set_score(&mut self, item: &str, perspective: Option<&str>, score: Option<u8>) {
        self.scores.set(&slot_key(item, perspective), score);
    }

    /// Nothing identifies or was said by this response.
    pub fn is_blank(&self) -> bool {
        self.scores.is_empty() && self.name.trim().is_empty() && self.role.trim().is_empty()
    }
}

/// A participant's scores by slot key, in key order: written as a JSON object
/// (`{"risk_taking": 2, "trust": 4}`), kept as a sorted list of short inline keys, which a run
/// of thirty people and twenty items reads without an allocation per score.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scores(Vec<(CompactString, u8)>);

impl Scores {
    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    pub fn get(&self, key: &str) -> Option<u8> {
        self.find(key).ok().map(|ix| self.0[ix].1)
    }

    /// Sets (or with `None` removes) the score of the slot `key`.
    pub fn set(&mut self, key: &str, score: Option<u8>) {
        match (self.find(key), score) {
            (Ok(ix), Some(s)) => self.0[ix].1 = s,
            (Ok(ix), None) => {
                self.0.remove(ix);
            }
            (Err(ix), Some(s)) => self.0.insert(ix, (CompactString::new(key), s)),
            (Err(_), None) => {}
        }
    }

    /// Every slot key and score, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u8)> {
        self.0.iter().map(|(k, v)| (k.as_str(), *v))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The scores alone, in key order.
    pub fn values(&self) -> impl Iterator<Item = u8> + '_ {
        self.0.iter().map(|(_, v)| *v)
    }
}

impl<K: AsRef<str>> FromIterator<(K, u8)> for Scores {
    /// Scores from pairs in any order; of a key given twice, the last counts (as in JSON).
    fn from_iter<I: IntoIterator<Item = (K, u8)>>(pairs: I) -> Self {
        let mut scores = Scores::default();
        for (k, v) in pairs {
            scores.set(k.as_ref(), Some(v));
        }
        scores
    }
}

impl Serialize for Scores {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k.as_str(), v)?;
        }
        map.end()
    }
}

/// A slot key read straight into its inline form.
struct Key(CompactString);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a slot: an item's id, or item/perspective")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Key, E> {
                Ok(Key(CompactString::new(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

impl<'de> Deserialize<'de> for Scores {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScoresVisitor;
        impl<'de> Visitor<'de> for ScoresVisitor {
            type Value = Scores;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of scores by slot, such as {\"trust\": 4}")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scores, A::Error> {
                let mut pairs: Vec<(CompactString, u8)> = Vec::with_capacity(map.size_hint().unwrap_or(16));
                while let Some((Key(k), v)) = map.next_entry::<Key, u8>()? {
                    pairs.push((k, v));
                }
                // fasett writes them in order; a hand-edited file may not.
                if !pairs.is_sorted_by(|a, b| a.0 < b.0) {
                    return Ok(pairs.into_iter().collect());
                }
                Ok(Scores(pairs))
            }
        }
        deserializer.deserialize_map(ScoresVisitor)
    }
}

/// How a response names a slot: the item's id, then `/` and the perspective's id where the
/// template has perspectives (`uncertainty/organisation`).
pub fn slot_key(item: &str, perspective: Option<&str>) -> String {
    match perspective {
        Some(p) => format!("{item}/{p}"),
        None => item.to_owned(),
    }
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
