//! Numbers stay short and never collide. Before the trees are merged, a number both sides
//! added to a numbered collection (initiatives, checklist runs, actions, goals) for two
//! different records is given, on the side whose record changed last, to that record
//! alone: the record gets the next number free in all three copies, and on that side only
//! every reference follows:
//!
//! - the keys in [`Collection::refs`] anywhere in the file (outside `next_id`) whose value is
//!   the old number, or a list holding it: an action's `initiative`, an initiative's `goals`,
//!   the lineage keys (`grew_out_of`, `led_to`, …);
//! - for initiatives, `#26` written in text — but only in text that side added or changed
//!   since the common ancestor, which was written knowing its #26; text both copies share is
//!   left alone, as is `#26` inside a longer word or number (`#260`, `a#26`);
//! - the path of a conflict recorded on that side about the record.
//!
//! A renumbered initiative gets a log note saying so; the note carries
//! `"renumbered": {"from": 26, "to": 28}`, by which a later merge recognises the same
//! initiative renumbered differently on two sides and brings it back to one number.

use std::collections::{HashMap, HashSet};

use serde_json::{Value, json};

use super::path;
use super::tree::{Mover, mover};
use crate::model::extras::Extras;
use crate::model::{ActionItem, Assessment, Goal, Initiative, Portfolio};

/// A numbered collection and the keys that refer to its records.
pub(super) struct Collection {
    pub at: &'static [&'static str],
    /// Its counter in `next_id`.
    pub counter: &'static str,
    pub refs: &'static [&'static str],
    /// Initiatives: `#n` in text, and the log note.
    pub is_initiatives: bool,
}

pub(super) const COLLECTIONS: &[Collection] = &[
    Collection {
        at: &["initiatives"],
        counter: "initiative",
        refs: &["initiative", "initiatives", "grew_out_of", "grew_from", "led_to", "merged_into"],
        is_initiatives: true,
    },
    Collection {
        at: &["organisation", "goals"],
        counter: "goal",
        refs: &["goals", "goal"],
        is_initiatives: false,
    },
    Collection { at: &["assessments"], counter: "assessment", refs: &["assessment"], is_initiatives: false },
    Collection { at: &["actions"], counter: "action", refs: &["action", "actions"], is_initiatives: false },
];

/// A record given a new number by the merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renumbered {
    /// The collection's key: `initiatives`, `organisation.goals`, `assessments`, `actions`,
    /// or the key of a nested list (`benefits`).
    pub collection: String,
    pub from: u64,
    pub to: u64,
    /// The record came from our copy (else theirs).
    pub ours: bool,
}

/// Makes every number unique across the two sides (see the module's text), changing `ours`
/// and `theirs`. `note` makes the log entry for an initiative moved from one number to
/// another. The sides are compared as the model; only a side that has something renumbered
/// goes through its JSON tree.
pub(super) fn renumber(
    base: &Portfolio,
    ours: &mut Portfolio,
    theirs: &mut Portfolio,
    note: &dyn Fn(u64, u64) -> Value,
) -> Result<Vec<Renumbered>, String> {
    let mut plans: Vec<Plan> = Vec::new();
    for collection in COLLECTIONS {
        let (in_base, in_ours, in_theirs) =
            (numbered(base, collection), numbered(ours, collection), numbered(theirs, collection));
        let mut next = [base, &*ours, &*theirs]
            .iter()
            .map(|side| counter(side, collection).saturating_sub(1))
            .chain(in_base.keys().chain(in_ours.keys()).chain(in_theirs.keys()).copied())
            .max()
            .unwrap_or(0)
            + 1;
        let mut fresh = || {
            next += 1;
            next - 1
        };
        let mut plan =
            Plan { collection, ours: HashMap::new(), theirs: HashMap::new(), unified: HashSet::new() };
        if collection.is_initiatives {
            let (ours_marks, theirs_marks) = (marks(ours, &in_base), marks(theirs, &in_base));
            for (from, mine) in &ours_marks {
                let Some(other) = theirs_marks.get(from).filter(|other| **other != *mine) else { continue };
                // The same initiative, renumbered differently on each side: one number again.
                if !in_theirs.contains_key(mine) {
                    plan.theirs.insert(*other, *mine);
                } else if !in_ours.contains_key(other) {
                    plan.ours.insert(*mine, *other);
                } else {
                    let number = fresh();
                    plan.ours.insert(*mine, number);
                    plan.theirs.insert(*other, number);
                }
                plan.unified.extend([*mine, *other]);
            }
        }
        let mut both: Vec<u64> = in_ours
            .keys()
            .filter(|id| in_theirs.contains_key(*id) && !in_base.contains_key(*id))
            .copied()
            .collect();
        both.sort_unstable();
        for id in both {
            let (mine, other) = (&in_ours[&id], &in_theirs[&id]);
            if plan.ours.contains_key(&id) || plan.theirs.contains_key(&id) || mine.same(other) {
                continue;
            }
            let number = fresh();
            match mover(&mine.value(), &other.value()) {
                Mover::Ours => plan.ours.insert(id, number),
                Mover::Theirs => plan.theirs.insert(id, number),
            };
        }
        if !plan.ours.is_empty() || !plan.theirs.is_empty() {
            plans.push(plan);
        }
    }
    if plans.is_empty() {
        return Ok(Vec::new());
    }
    // The base's texts that mention a number, read only when a side has such a text.
    let texts = BaseTexts { base, texts: std::cell::OnceCell::new() };
    let mut done = Vec::new();
    for (side, is_ours) in [(ours, true), (theirs, false)] {
        let maps: Vec<(&Plan, &HashMap<u64, u64>)> = plans
            .iter()
            .map(|p| (p, if is_ours { &p.ours } else { &p.theirs }))
            .filter(|(_, map)| !map.is_empty())
            .collect();
        if maps.is_empty() {
            continue;
        }
        let mut tree = side.to_value();
        for (plan, map) in maps {
            let texts = plan.collection.is_initiatives.then_some(&texts);
            apply(&mut tree, plan.collection, map, texts, &|from, to| {
                (!plan.unified.contains(&from)).then(|| note(from, to))
            });
            let mut moved: Vec<(u64, u64)> = map.iter().map(|(a, b)| (*a, *b)).collect();
            moved.sort_unstable();
            done.extend(moved.into_iter().map(|(from, to)| Renumbered {
                collection: plan.collection.at.join("."),
                from,
                to,
                ours: is_ours,
            }));
        }
        *side =
            Portfolio::from_value(&tree).map_err(|e| format!("a renumbered copy does not read back: {e}"))?;
        side.initiatives.sort_by_key(|i| i.id);
    }
    Ok(done)
}

/// What one collection renumbers on each side.
struct Plan {
    collection: &'static Collection,
    ours: HashMap<u64, u64>,
    theirs: HashMap<u64, u64>,
    /// Numbers brought back together: those records already have their note.
    unified: HashSet<u64>,
}

/// A numbered record of the model.
enum Record<'p> {
    Initiative(&'p Initiative),
    Goal(&'p Goal),
    Assessment(&'p Assessment),
    Action(&'p ActionItem),
}

impl Record<'_> {
    fn same(&self, other: &Record<'_>) -> bool {
        match (self, other) {
            (Record::Initiative(a), Record::Initiative(b)) => a == b,
            (Record::Goal(a), Record::Goal(b)) => a == b,
            (Record::Assessment(a), Record::Assessment(b)) => a == b,
            (Record::Action(a), Record::Action(b)) => a == b,
            _ => false,
        }
    }

    /// As the file holds it.
    fn value(&self) -> Value {
        fn tree<T: serde::Serialize + Extras>(record: &T) -> Value {
            let mut tree = serde_json::to_value(record).unwrap_or(Value::Null);
            record.emit(&mut tree);
            tree
        }
        match self {
            Record::Initiative(r) => tree(*r),
            Record::Goal(r) => tree(*r),
            Record::Assessment(r) => tree(*r),
            Record::Action(r) => tree(*r),
        }
    }
}

/// The records of a collection by number.
fn numbered<'p>(p: &'p Portfolio, collection: &Collection) -> HashMap<u64, Record<'p>> {
    match collection.counter {
        "initiative" => p.initiatives.iter().map(|r| (u64::from(r.id), Record::Initiative(r))).collect(),
        "goal" => p.organisation.goals.iter().map(|r| (u64::from(r.id), Record::Goal(r))).collect(),
        "assessment" => p.assessments.iter().map(|r| (u64::from(r.id), Record::Assessment(r))).collect(),
        _ => p.actions.iter().map(|r| (u64::from(r.id), Record::Action(r))).collect(),
    }
}

fn counter(p: &Portfolio, collection: &Collection) -> u64 {
    u64::from(match collection.counter {
        "initiative" => p.next_id.initiative,
        "goal" => p.next_id.goal,
        "assessment" => p.next_id.assessment,
        _ => p.next_id.action,
    })
}

/// Initiatives this side added that an earlier merge renumbered: the number each came from.
fn marks(side: &Portfolio, base: &HashMap<u64, Record<'_>>) -> HashMap<u64, u64> {
    let mut out = HashMap::new();
    for record in side.initiatives.iter().filter(|i| !base.contains_key(&u64::from(i.id))) {
        let id = u64::from(record.id);
        let from = record.log.iter().rev().find_map(|entry| {
            let mark = entry.extra.get("renumbered")?;
            (mark.get("to")?.as_u64()? == id).then(|| mark.get("from")?.as_u64()).flatten()
        });
        if let Some(from) = from {
            out.insert(from, id);
        }
    }
    out
}

/// Renumbers on one side: the records, the references, the text, conflicts' paths, and
/// (initiatives) the log note.
fn apply(
    side: &mut Value,
    collection: &Collection,
    map: &HashMap<u64, u64>,
    texts: Option<&BaseTexts<'_>>,
    note: &dyn Fn(u64, u64) -> Option<Value>,
) {
    if let Some(root) = side.as_object_mut() {
        for (key, value) in root.iter_mut() {
            if key != "next_id" && key != "conflicts" {
                follow(value, collection.refs, map, texts);
            }
        }
    }
    if let Some(Value::Array(conflicts)) = side.get_mut("conflicts") {
        for conflict in conflicts {
            repath(conflict, collection, map);
        }
    }
    let mut list = &mut *side;
    for key in collection.at {
        let Some(next) = list.get_mut(*key) else { return };
        list = next;
    }
    let Some(list) = list.as_array_mut() else { return };
    for record in list {
        let Some(old) = record.get("id").and_then(Value::as_u64) else { continue };
        let Some(new) = map.get(&old).copied() else { continue };
        record["id"] = Value::from(new);
        if !collection.is_initiatives {
            continue;
        }
        if let Some(Value::Array(log)) = record.get_mut("log") {
            for entry in log.iter_mut() {
                if let Some(mark) = entry.get_mut("renumbered").filter(|m| m.get("to") == Some(&json!(old))) {
                    mark["to"] = Value::from(new);
                }
            }
        }
        let Some(note) = note(old, new) else { continue };
        match record.get_mut("log") {
            Some(Value::Array(log)) => log.push(note),
            _ => record["log"] = Value::Array(vec![note]),
        }
    }
}

/// References and text below `value`.
fn follow(value: &mut Value, refs: &[&str], map: &HashMap<u64, u64>, texts: Option<&BaseTexts<'_>>) {
    match value {
        Value::Object(fields) => {
            for (key, inner) in fields.iter_mut() {
                if refs.contains(&key.as_str()) {
                    match inner {
                        Value::Number(n) => {
                            if let Some(new) = n.as_u64().and_then(|old| map.get(&old)) {
                                *inner = Value::from(*new);
                            }
                            continue;
                        }
                        Value::Array(items) if items.iter().all(Value::is_number) => {
                            for item in items {
                                if let Some(new) = item.as_u64().and_then(|old| map.get(&old)) {
                                    *item = Value::from(*new);
                                }
                            }
                            continue;
                        }
                        _ => {}
                    }
                }
                follow(inner, refs, map, texts);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| follow(item, refs, map, texts)),
        Value::String(text) => {
            if let Some(texts) = texts
                && text.contains('#')
                && let Some(rewritten) = rewrite_mentions(text, map)
                && !texts.has(text)
            {
                *text = rewritten;
            }
        }
        _ => {}
    }
}

/// `#old` → `#new` where it stands alone; `None` when nothing changed.
pub(super) fn rewrite_mentions(text: &str, map: &HashMap<u64, u64>) -> Option<String> {
    let mut out = String::with_capacity(text.len() + 4);
    let mut changed = false;
    let mut rest = text;
    let mut previous: Option<char> = None;
    while let Some(at) = rest.find('#') {
        let before = &rest[..at];
        out.push_str(before);
        let after = &rest[at + 1..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let prev = before.chars().next_back().or(previous);
        let alone = !prev.is_some_and(|c| c.is_alphanumeric() || c == '&' || c == '#');
        let new = (digits > 0 && alone)
            .then(|| after[..digits].parse::<u64>().ok())
            .flatten()
            .and_then(|old| map.get(&old));
        out.push('#');
        match new {
            Some(new) => {
                out.push_str(&new.to_string());
                changed = true;
            }
            None => out.push_str(&after[..digits]),
        }
        previous = Some(if digits > 0 { '0' } else { '#' });
        rest = &after[digits..];
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// A conflict about a renumbered record points to its new number.
fn repath(conflict: &mut Value, collection: &Collection, map: &HashMap<u64, u64>) {
    let Some(Value::Array(at)) = conflict.get_mut("at") else { return };
    let n = collection.at.len();
    let leads_here = at.len() > n && at.iter().zip(collection.at).all(|(s, k)| s.as_str() == Some(*k));
    if !leads_here {
        return;
    }
    let Some(selector) = at[n].as_object_mut() else { return };
    let Some(new) = selector.get("id").and_then(Value::as_u64).and_then(|old| map.get(&old)) else { return };
    selector.insert("id".into(), Value::from(*new));
    let words = path::describe(at);
    conflict["path"] = Value::String(words);
}

/// The base's texts that hold a `#`: text both copies share is left alone.
struct BaseTexts<'a> {
    base: &'a Portfolio,
    texts: std::cell::OnceCell<HashSet<String>>,
}

impl BaseTexts<'_> {
    fn has(&self, text: &str) -> bool {
        self.texts
            .get_or_init(|| {
                let mut texts = HashSet::new();
                collect_texts(&self.base.to_value(), &mut texts);
                texts
            })
            .contains(text)
    }
}

fn collect_texts(value: &Value, out: &mut HashSet<String>) {
    match value {
        Value::String(s) if s.contains('#') => {
            out.insert(s.clone());
        }
        Value::Array(items) => items.iter().for_each(|v| collect_texts(v, out)),
        Value::Object(fields) => fields.values().for_each(|v| collect_texts(v, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_change_only_where_the_number_stands_alone() {
        let map = HashMap::from([(26, 28)]);
        assert_eq!(
            rewrite_mentions("see #26, not #260 or a#26", &map).as_deref(),
            Some("see #28, not #260 or a#26")
        );
        assert_eq!(rewrite_mentions("##26 &#26;", &map), None);
        assert_eq!(rewrite_mentions("(#26)", &map).as_deref(), Some("(#28)"));
        assert_eq!(rewrite_mentions("nothing here", &map), None);
    }
}
