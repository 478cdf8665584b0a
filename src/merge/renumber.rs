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

/// Makes every number unique across the two sides (see the module's text). `note` makes
/// the log entry for an initiative moved from one number to another.
pub(super) fn renumber(
    base: &Value,
    ours: &mut Value,
    theirs: &mut Value,
    note: &dyn Fn(u64, u64) -> Value,
) -> Vec<Renumbered> {
    let mut done = Vec::new();
    let mut base_texts: Option<HashSet<String>> = None;
    for collection in COLLECTIONS {
        let (in_base, in_ours, in_theirs) =
            (ids(base, collection), ids(ours, collection), ids(theirs, collection));
        let mut next = [base, &*ours, &*theirs]
            .iter()
            .map(|side| side.get("next_id").and_then(|n| n.get(collection.counter)).and_then(Value::as_u64))
            .map(|counter| counter.unwrap_or(1).saturating_sub(1))
            .chain(in_base.keys().chain(in_ours.keys()).chain(in_theirs.keys()).copied())
            .max()
            .unwrap_or(0)
            + 1;
        let mut fresh = || {
            next += 1;
            next - 1
        };
        let (mut ours_map, mut theirs_map) = (HashMap::new(), HashMap::new());
        // Brought back to one number: the record already has its note.
        let mut unified: HashSet<u64> = HashSet::new();
        if collection.is_initiatives {
            let (ours_marks, theirs_marks) = (marks(&in_ours, &in_base), marks(&in_theirs, &in_base));
            for (from, mine) in &ours_marks {
                let Some(other) = theirs_marks.get(from).filter(|other| **other != *mine) else { continue };
                // The same initiative, renumbered differently on each side: one number again.
                if !in_theirs.contains_key(mine) {
                    theirs_map.insert(*other, *mine);
                } else if !in_ours.contains_key(other) {
                    ours_map.insert(*mine, *other);
                } else {
                    let number = fresh();
                    ours_map.insert(*mine, number);
                    theirs_map.insert(*other, number);
                }
                unified.extend([*mine, *other]);
            }
        }
        let mut both: Vec<u64> = in_ours
            .keys()
            .filter(|id| in_theirs.contains_key(*id) && !in_base.contains_key(*id))
            .copied()
            .collect();
        both.sort_unstable();
        for id in both {
            if ours_map.contains_key(&id) || theirs_map.contains_key(&id) || in_ours[&id] == in_theirs[&id] {
                continue;
            }
            let number = fresh();
            match mover(in_ours[&id], in_theirs[&id]) {
                Mover::Ours => ours_map.insert(id, number),
                Mover::Theirs => theirs_map.insert(id, number),
            };
        }
        if ours_map.is_empty() && theirs_map.is_empty() {
            continue;
        }
        if collection.is_initiatives && base_texts.is_none() {
            let mut texts = HashSet::new();
            collect_texts(base, &mut texts);
            base_texts = Some(texts);
        }
        let texts = base_texts.as_ref().filter(|_| collection.is_initiatives);
        for (side, map, is_ours) in [(&mut *ours, &ours_map, true), (&mut *theirs, &theirs_map, false)] {
            if map.is_empty() {
                continue;
            }
            apply(side, collection, map, texts, &|from, to| {
                (!unified.contains(&from)).then(|| note(from, to))
            });
            let mut moved: Vec<(u64, u64)> = map.iter().map(|(a, b)| (*a, *b)).collect();
            moved.sort_unstable();
            done.extend(moved.into_iter().map(|(from, to)| Renumbered {
                collection: collection.at.join("."),
                from,
                to,
                ours: is_ours,
            }));
        }
    }
    done
}

/// The records of a collection by number.
fn ids<'a>(root: &'a Value, collection: &Collection) -> HashMap<u64, &'a Value> {
    let mut here = root;
    for key in collection.at {
        match here.get(key) {
            Some(next) => here = next,
            None => return HashMap::new(),
        }
    }
    here.as_array()
        .map(|list| list.iter().filter_map(|r| Some((r.get("id")?.as_u64()?, r))).collect())
        .unwrap_or_default()
}

/// Initiatives this side added that an earlier merge renumbered: the number each came from.
fn marks(side: &HashMap<u64, &Value>, base: &HashMap<u64, &Value>) -> HashMap<u64, u64> {
    let mut out = HashMap::new();
    for (id, record) in side {
        if base.contains_key(id) {
            continue;
        }
        let log = record.get("log").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
        let from = log.iter().rev().find_map(|entry| {
            let mark = entry.get("renumbered")?;
            (mark.get("to")?.as_u64()? == *id).then(|| mark.get("from")?.as_u64()).flatten()
        });
        if let Some(from) = from {
            out.insert(from, *id);
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
    texts: Option<&HashSet<String>>,
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
fn follow(value: &mut Value, refs: &[&str], map: &HashMap<u64, u64>, texts: Option<&HashSet<String>>) {
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
                && !texts.contains(text.as_str())
                && let Some(rewritten) = rewrite_mentions(text, map)
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
