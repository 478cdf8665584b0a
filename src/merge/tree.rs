//! The copies-way merge of two JSON trees by identity, knowing nothing of what the keys mean
//! beyond a few names (see the rules in [`super`]). A collection added to the file later is
//! merged correctly as long as its records carry an `id`.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::path;
use crate::model::{Conflict, Side};

/// Lists whose elements have no `id` but are picked out by other fields: the path's last
/// two keys (list elements skipped) and the fields.
const NATURAL_KEYS: &[(&str, &str, &[&str])] = &[
    ("organisation", "units", &["name"]),
    ("assessments", "answers", &["item", "perspective"]),
    ("scale", "steps", &["value"]),
];

/// Top-level collections whose numbers the renumbering pass has already made unique: a
/// number added on both sides there is one record, merged field by field.
pub(super) const RENUMBERED_BEFORE: &[&[&str]] =
    &[&["initiatives"], &["assessments"], &["actions"], &["organisation", "goals"]];

/// Where the next free numbers of nested lists come from, worked out when first needed.
pub(super) type NextFree<'a> = Box<dyn FnOnce() -> HashMap<String, u64> + 'a>;

/// One merge's state: where it is, what it found.
pub(super) struct Tree<'a> {
    pub conflicts: Vec<Conflict>,
    /// Nested records renumbered because both sides added the same number: the list's
    /// key, the old and the new number.
    pub renumbered: Vec<(String, u64, u64)>,
    found: Option<jiff::Timestamp>,
    at: Vec<Value>,
    /// The next free number per list key, for nested records both sides numbered alike.
    next_free: Option<HashMap<String, u64>>,
    source: Option<NextFree<'a>>,
}

/// The copies copies of one value, `None` where a copy does not have it.
pub(super) struct Three<'v, T = Value> {
    pub base: Option<&'v T>,
    pub ours: Option<&'v T>,
    pub theirs: Option<&'v T>,
}

// Written out: a derive would ask `T: Copy`, though only references are copied.
impl<T> Clone for Three<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Three<'_, T> {}

impl<'v, T: PartialEq> Three<'v, T> {
    /// The value when there is nothing to merge: the two sides agree, or one of them is
    /// still the base and the other's change is taken. `Err` when both changed it.
    pub fn settled(self) -> Result<Option<&'v T>, BothChanged> {
        if self.ours == self.theirs || self.base == self.theirs {
            Ok(self.ours)
        } else if self.base == self.ours {
            Ok(self.theirs)
        } else {
            Err(BothChanged)
        }
    }
}

/// Both sides changed a value, each in its own way: it needs merging.
#[derive(Debug)]
pub(super) struct BothChanged;

/// When each side's enclosing record was last changed.
#[derive(Clone, Copy, Default)]
struct Stamps {
    ours: Option<jiff::Timestamp>,
    theirs: Option<jiff::Timestamp>,
}

impl<'a> Tree<'a> {
    /// A merge; `next_free` gives the numbers free in every nested list of all copies copies
    /// (see [`nested_next_free`]), asked only when a nested number collides.
    pub fn new(found: Option<jiff::Timestamp>, next_free: NextFree<'a>) -> Self {
        Tree {
            conflicts: Vec::new(),
            renumbered: Vec::new(),
            found,
            at: Vec::new(),
            next_free: None,
            source: Some(next_free),
        }
    }

    /// Merges copies whole trees.
    pub fn merge_root(&mut self, base: &Value, ours: &Value, theirs: &Value) -> Value {
        let copies = Three { base: Some(base), ours: Some(ours), theirs: Some(theirs) };
        self.merge(copies, Stamps::default()).unwrap_or(Value::Null)
    }

    /// Merges the copies values found at `at` (a record both sides changed, say).
    pub fn merge_at(&mut self, at: Vec<Value>, copies: Three<'_>) -> Option<Value> {
        let outer = std::mem::replace(&mut self.at, at);
        let merged = self.merge(copies, Stamps::default());
        self.at = outer;
        merged
    }

    /// The merged value, `None` for "not there". Equal sides agree; a side equal to the
    /// base takes the other's change; objects and lists are merged inside; anything else
    /// is a conflict, which keeps our value (or theirs, when ours removed it).
    fn merge(&mut self, copies: Three<'_>, stamps: Stamps) -> Option<Value> {
        if let Ok(settled) = copies.settled() {
            return settled.cloned();
        }
        let Three { base, ours, theirs } = copies;
        match (ours, theirs) {
            (Some(Value::Object(o)), Some(Value::Object(t))) => {
                let b = base.and_then(Value::as_object);
                Some(Value::Object(self.merge_object(b, o, t, stamps)))
            }
            (Some(Value::Array(o)), Some(Value::Array(t))) => {
                let b = base.and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
                Some(Value::Array(self.merge_list(b, o, t, stamps)))
            }
            _ => {
                self.conflict(copies, stamps);
                ours.or(theirs).cloned()
            }
        }
    }

    fn merge_object(
        &mut self,
        base: Option<&Map<String, Value>>,
        ours: &Map<String, Value>,
        theirs: &Map<String, Value>,
        stamps: Stamps,
    ) -> Map<String, Value> {
        let stamps =
            Stamps { ours: updated(ours).or(stamps.ours), theirs: updated(theirs).or(stamps.theirs) };
        let at_root = self.at.is_empty();
        let mut out = Map::new();
        let keys = ours.keys().chain(theirs.keys().filter(|k| !ours.contains_key(*k)));
        for key in keys {
            let copies =
                Three { base: base.and_then(|m| m.get(key)), ours: ours.get(key), theirs: theirs.get(key) };
            let special = match key.as_str() {
                "id" if at_root => Some(identity(copies)),
                "next_id" if at_root => Some(counters(copies.ours, copies.theirs)),
                "updated" => later(copies).map(Some),
                _ => None,
            };
            let merged = if let Some(value) = special {
                value
            } else {
                self.at.push(Value::String(key.clone()));
                let merged = self.merge(copies, stamps);
                self.at.pop();
                merged
            };
            if let Some(value) = merged {
                out.insert(key.clone(), value);
            }
        }
        out
    }

    fn merge_list(&mut self, base: &[Value], ours: &[Value], theirs: &[Value], stamps: Stamps) -> Vec<Value> {
        let natural = self.natural_key();
        let keyed = |list: &[Value]| -> Option<Vec<String>> {
            let keys: Option<Vec<String>> = list.iter().map(|v| identity_key(v, natural)).collect();
            keys.filter(|keys| keys.iter().collect::<HashSet<_>>().len() == keys.len())
        };
        match (keyed(base), keyed(ours), keyed(theirs)) {
            (Some(b), Some(o), Some(t)) => self.merge_keyed((base, &b), (ours, &o), (theirs, &t), stamps),
            _ => merge_by_value(base, ours, theirs),
        }
    }

    /// Lists of records, matched by identity.
    fn merge_keyed(
        &mut self,
        (base, base_keys): (&[Value], &[String]),
        (ours, ours_keys): (&[Value], &[String]),
        (theirs, theirs_keys): (&[Value], &[String]),
        stamps: Stamps,
    ) -> Vec<Value> {
        let index = |keys: &[String]| -> HashMap<String, usize> {
            keys.iter().enumerate().map(|(ix, k)| (k.clone(), ix)).collect()
        };
        let (b, o, t) = (index(base_keys), index(ours_keys), index(theirs_keys));
        // Our order, unless only theirs moved things around (a goal moved up the list).
        let theirs_first = same_order(base_keys, &o) && !same_order(base_keys, &t);
        let (first, second) = if theirs_first { (theirs_keys, ours_keys) } else { (ours_keys, theirs_keys) };
        let first_set: HashSet<&String> = first.iter().collect();
        let keys: Vec<&String> =
            first.iter().chain(second.iter().filter(|k| !first_set.contains(k))).collect();
        let renumbers = !RENUMBERED_BEFORE.iter().any(|p| self.keys_are(p));
        let mut out = Vec::with_capacity(keys.len());
        for key in keys {
            let copies = Three {
                base: b.get(key).map(|ix| &base[*ix]),
                ours: o.get(key).map(|ix| &ours[*ix]),
                theirs: t.get(key).map(|ix| &theirs[*ix]),
            };
            if let (None, Some(ov), Some(tv), true) = (copies.base, copies.ours, copies.theirs, renumbers)
                && ov != tv
                && let Some(moved) = renumber_nested(ov, tv)
            {
                let (mut ov, mut tv) = (ov.clone(), tv.clone());
                let new = Value::from(self.allocate(id_number(&ov).unwrap_or(0)));
                match moved {
                    Mover::Ours => ov["id"] = new,
                    Mover::Theirs => tv["id"] = new,
                }
                out.extend([ov, tv]);
                continue;
            }
            self.at.push(Value::Object(selector(
                copies.ours.or(copies.theirs).or(copies.base),
                self.natural_key(),
            )));
            let merged = self.merge(copies, stamps);
            self.at.pop();
            out.extend(merged);
        }
        out
    }

    fn allocate(&mut self, old: u64) -> u64 {
        let list = self.list_key().unwrap_or_default();
        let source = &mut self.source;
        let next_free =
            self.next_free.get_or_insert_with(|| source.take().map(|source| source()).unwrap_or_default());
        let next = next_free.entry(list.clone()).or_insert(old + 1);
        let new = *next;
        *next += 1;
        self.renumbered.push((list, old, new));
        new
    }

    /// The key of the list being merged (`benefits` for `initiatives[#3].benefits`).
    fn list_key(&self) -> Option<String> {
        self.at.iter().rev().find_map(|s| s.as_str().map(str::to_owned))
    }

    /// Whether the path so far is exactly these keys (list elements skipped).
    fn keys_are(&self, keys: &[&str]) -> bool {
        self.at.len() == keys.len() && self.at.iter().zip(keys).all(|(s, k)| s.as_str() == Some(*k))
    }

    fn natural_key(&self) -> Option<&'static [&'static str]> {
        let mut keys = self.at.iter().rev().filter_map(Value::as_str);
        let (last, parent) = (keys.next()?, keys.next().unwrap_or(""));
        NATURAL_KEYS.iter().find(|(p, l, _)| *p == parent && *l == last).map(|(_, _, fields)| *fields)
    }

    fn conflict(&mut self, copies: Three<'_>, stamps: Stamps) {
        let path = path::describe(&self.at);
        let (base, ours, theirs) = (
            Side::of(copies.base, None),
            Side::of(copies.ours, stamps.ours),
            Side::of(copies.theirs, stamps.theirs),
        );
        self.conflicts.push(Conflict {
            id: conflict_id(&path, &base, &ours, &theirs),
            path,
            at: self.at.clone(),
            base,
            ours,
            theirs,
            found: self.found,
            extra: Map::new(),
        });
    }
}

/// For nested lists of numbered records (a benefit's measurements, say), the next number
/// free in all copies copies, per list key, above its `next_id` counter if there is one.
pub(super) fn nested_next_free(trees: &[&Value]) -> HashMap<String, u64> {
    fn walk(value: &Value, top: bool, out: &mut HashMap<String, u64>) {
        match value {
            Value::Object(fields) => {
                for (key, inner) in fields {
                    if top && key == "next_id" {
                        continue;
                    }
                    if let Value::Array(items) = inner {
                        let max = items.iter().filter_map(|i| i.get("id")?.as_u64()).max();
                        if let Some(max) = max {
                            let next = out.entry(key.clone()).or_insert(1);
                            *next = (*next).max(max + 1);
                        }
                    }
                    walk(inner, false, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|i| walk(i, false, out)),
            _ => {}
        }
    }
    let mut out = HashMap::new();
    for tree in trees {
        walk(tree, true, &mut out);
    }
    for tree in trees {
        let Some(Value::Object(counters)) = tree.get("next_id") else { continue };
        for (list, next) in &mut out {
            if let Some(counter) = counters.get(list.trim_end_matches('s')).and_then(Value::as_u64) {
                *next = (*next).max(counter);
            }
        }
    }
    out
}

/// Both sides added a record with the same number and different content: which one gets
/// a new number, or `None` when the ids are not numbers (then they are merged as one).
fn renumber_nested(ours: &Value, theirs: &Value) -> Option<Mover> {
    id_number(ours)?;
    Some(mover(ours, theirs))
}

/// Which side's record gets the new number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mover {
    Ours,
    Theirs,
}

/// Of two records both sides added under one number, the one changed last moves (by
/// `updated`, then `created`, then content): the same answer whichever side merges, so two
/// people merging the same two copies get the same numbers.
pub(super) fn mover(ours: &Value, theirs: &Value) -> Mover {
    let order = |v: &Value| {
        let text = |key: &str| v.get(key).and_then(Value::as_str).map(str::to_owned);
        (text("updated"), text("created"), v.to_string())
    };
    if order(ours) > order(theirs) { Mover::Ours } else { Mover::Theirs }
}

fn id_number(v: &Value) -> Option<u64> {
    v.get("id")?.as_u64()
}

/// What identifies a list element: its `id` (with `version`, as templates are copied per
/// version), else the natural key fields of this list. `None` for anything else.
fn identity_key(v: &Value, natural: Option<&[&str]>) -> Option<String> {
    let fields = v.as_object()?;
    if let Some(id) = fields.get("id") {
        return Some(match fields.get("version") {
            Some(version) => format!("{id}@{version}"),
            None => id.to_string(),
        });
    }
    let natural = natural?;
    let parts: Vec<String> =
        natural.iter().map(|k| fields.get(*k).unwrap_or(&Value::Null).to_string()).collect();
    Some(parts.join("\u{1f}"))
}

/// The fields that pick `v` out of its list, for a conflict's path.
fn selector(v: Option<&Value>, natural: Option<&[&str]>) -> Map<String, Value> {
    let Some(fields) = v.and_then(Value::as_object) else { return Map::new() };
    let names: Vec<&str> = if fields.contains_key("id") {
        ["id", "version"].into_iter().filter(|k| fields.contains_key(*k)).collect()
    } else {
        natural.unwrap_or_default().to_vec()
    };
    names.into_iter().map(|k| (k.to_owned(), fields.get(k).cloned().unwrap_or(Value::Null))).collect()
}

/// Whether the keys both lists hold come in the same order in each.
fn same_order(base: &[String], side_index: &HashMap<String, usize>) -> bool {
    let positions: Vec<usize> = base.iter().filter_map(|k| side_index.get(k).copied()).collect();
    positions.is_sorted()
}

/// Lists of plain values or of records without identity (tags, log entries): each element
/// is a whole. Ours with what theirs removed taken out, then what theirs added.
fn merge_by_value(base: &[Value], ours: &[Value], theirs: &[Value]) -> Vec<Value> {
    let set = |list: &[Value]| -> HashSet<String> { list.iter().map(Value::to_string).collect() };
    let (b, o, t) = (set(base), set(ours), set(theirs));
    let mut out: Vec<Value> = ours
        .iter()
        .filter(|v| {
            let key = v.to_string();
            !b.contains(&key) || t.contains(&key)
        })
        .cloned()
        .collect();
    out.extend(
        theirs
            .iter()
            .filter(|v| {
                let key = v.to_string();
                !b.contains(&key) && !o.contains(&key)
            })
            .cloned(),
    );
    out
}

fn updated(record: &Map<String, Value>) -> Option<jiff::Timestamp> {
    record.get("updated")?.as_str()?.parse().ok()
}

/// `updated` changed on both sides to two times: the later one (`None`: not that case).
fn later(copies: Three<'_>) -> Option<Value> {
    if copies.settled().is_ok() {
        return None;
    }
    let Three { ours, theirs, .. } = copies;
    let time = |v: Option<&Value>| v?.as_str()?.parse::<jiff::Timestamp>().ok();
    let (o, t) = (time(ours)?, time(theirs)?);
    if o >= t { ours.cloned() } else { theirs.cloned() }
}

/// The portfolio's identity is never a conflict: an identity one side gave a file that had
/// none wins; when both did, the smaller, so every merge of the two picks the same.
fn identity(Three { base, ours, theirs }: Three<'_>) -> Option<Value> {
    match (ours, theirs) {
        (Some(o), Some(t)) if o == t => Some(o.clone()),
        (Some(o), Some(t)) if base == Some(o) => Some(t.clone()),
        (Some(o), Some(t)) if base == Some(t) => Some(o.clone()),
        (Some(o), Some(t)) => {
            let (a, b) = (o.to_string(), t.to_string());
            Some(if a <= b { o.clone() } else { t.clone() })
        }
        (one, other) => one.or(other).cloned(),
    }
}

/// Id counters never go down: each is the larger of the two.
fn counters(ours: Option<&Value>, theirs: Option<&Value>) -> Option<Value> {
    let (Some(Value::Object(o)), Some(Value::Object(t))) = (ours, theirs) else {
        return ours.or(theirs).cloned();
    };
    let mut out = o.clone();
    for (key, value) in t {
        let bigger = match (out.get(key), value) {
            (Some(Value::Number(a)), Value::Number(b)) => a.as_u64() < b.as_u64(),
            (None, _) => true,
            _ => false,
        };
        if bigger {
            out.insert(key.clone(), value.clone());
        }
    }
    Some(Value::Object(out))
}

/// A conflict's id: a hash of where it is and the copies values (FNV-1a, 64 bits, as hex), the
/// same in every build, so one conflict recorded twice is kept once.
fn conflict_id(path: &str, base: &Side, ours: &Side, theirs: &Side) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        hash ^= 0xff;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    };
    feed(path.as_bytes());
    for side in [base, ours, theirs] {
        feed(if side.missing { b"-" } else { b"+" });
        feed(side.value.to_string().as_bytes());
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[allow(clippy::needless_pass_by_value)] // each test builds its copies trees in place
    fn merge(base: Value, ours: Value, theirs: Value) -> (Value, Vec<Conflict>) {
        let mut tree = Tree::new(None, Box::new(|| nested_next_free(&[&base, &ours, &theirs])));
        let merged = tree.merge_root(&base, &ours, &theirs);
        (merged, tree.conflicts)
    }

    #[test]
    fn each_side_s_change_is_taken_and_unknown_keys_ride_along() {
        let base = json!({"a": 1, "b": 1, "x": {"deep": 1}});
        let ours = json!({"a": 2, "b": 1, "x": {"deep": 1}, "new": true});
        let theirs = json!({"a": 1, "b": 3, "x": {"deep": 2}});
        let (merged, conflicts) = merge(base, ours, theirs);
        assert_eq!(merged, json!({"a": 2, "b": 3, "x": {"deep": 2}, "new": true}));
        assert!(conflicts.is_empty());
    }

    #[test]
    fn records_merge_by_id_and_both_changes_to_one_field_conflict() {
        let base = json!({"items": [{"id": 1, "t": "a", "n": 1}, {"id": 2, "t": "b"}]});
        let ours = json!({"items": [{"id": 1, "t": "A", "n": 1}, {"id": 2, "t": "b"}, {"id": 3, "t": "c"}]});
        let theirs = json!({"items": [{"id": 1, "t": "Å", "n": 2}]});
        let (merged, conflicts) = merge(base, ours, theirs);
        assert_eq!(merged, json!({"items": [{"id": 1, "t": "A", "n": 2}, {"id": 3, "t": "c"}]}));
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].path, "items[#1].t");
        assert_eq!(
            (conflicts[0].ours.value.clone(), conflicts[0].theirs.value.clone()),
            (json!("A"), json!("Å"))
        );
    }

    #[test]
    fn a_record_removed_on_one_side_and_changed_on_the_other_is_kept_and_a_conflict() {
        let base = json!({"items": [{"id": 1, "t": "a"}]});
        let (merged, conflicts) = merge(base, json!({"items": []}), json!({"items": [{"id": 1, "t": "b"}]}));
        assert_eq!(merged, json!({"items": [{"id": 1, "t": "b"}]}));
        assert_eq!(conflicts[0].path, "items[#1]");
        assert!(conflicts[0].ours.missing);
    }

    #[test]
    fn nested_records_numbered_alike_on_both_sides_are_both_kept() {
        let base = json!({"benefits": [{"id": 1, "t": "a"}]});
        let ours = json!({"benefits": [{"id": 1, "t": "a"}, {"id": 2, "t": "mine"}]});
        let theirs = json!({"benefits": [{"id": 1, "t": "a"}, {"id": 2, "t": "yours"}]});
        let mut tree = Tree::new(None, Box::new(|| nested_next_free(&[&base, &ours, &theirs])));
        let merged = tree.merge_root(&base, &ours, &theirs);
        let titles: Vec<(u64, &str)> = merged["benefits"]
            .as_array()
            .expect("a list")
            .iter()
            .map(|b| (b["id"].as_u64().unwrap_or(0), b["t"].as_str().unwrap_or("")))
            .collect();
        assert_eq!(titles.len(), 3);
        assert!(titles.contains(&(1, "a")));
        assert_eq!(tree.renumbered, vec![("benefits".to_owned(), 2, 3)]);
    }

    #[test]
    fn plain_lists_and_logs_take_both_sides_additions_and_removals() {
        let base = json!({"tags": ["a", "b", "c"], "log": [{"text": "1"}]});
        let ours = json!({"tags": ["a", "c", "d"], "log": [{"text": "1"}, {"text": "mine"}]});
        let theirs = json!({"tags": ["b", "c", "e"], "log": [{"text": "1"}, {"text": "yours"}]});
        let (merged, conflicts) = merge(base, ours, theirs);
        assert_eq!(merged["tags"], json!(["c", "d", "e"]));
        assert_eq!(merged["log"], json!([{"text": "1"}, {"text": "mine"}, {"text": "yours"}]));
        assert!(conflicts.is_empty());
    }

    #[test]
    fn counters_take_the_larger_and_updated_the_later() {
        let base = json!({"next_id": {"initiative": 5}, "r": [{"id": 1, "updated": "2026-01-01T00:00:00Z"}]});
        let ours = json!({"next_id": {"initiative": 7}, "r": [{"id": 1, "updated": "2026-02-01T00:00:00Z", "a": 1}]});
        let theirs = json!({"next_id": {"initiative": 6, "x": 2}, "r": [{"id": 1, "updated": "2026-03-01T00:00:00Z", "b": 1}]});
        let (merged, conflicts) = merge(base, ours, theirs);
        assert_eq!(merged["next_id"], json!({"initiative": 7, "x": 2}));
        assert_eq!(merged["r"][0]["updated"], "2026-03-01T00:00:00Z");
        assert!(conflicts.is_empty());
    }

    #[test]
    fn two_new_identities_settle_on_the_same_one_whoever_merges() {
        let (a, _) = merge(json!({}), json!({"id": "b-2"}), json!({"id": "a-1"}));
        let (b, _) = merge(json!({}), json!({"id": "a-1"}), json!({"id": "b-2"}));
        assert_eq!(a["id"], "a-1");
        assert_eq!(b["id"], "a-1");
    }

    #[test]
    fn only_their_reordering_is_kept() {
        let base = json!({"goals": [{"id": 1}, {"id": 2}, {"id": 3}]});
        let ours = json!({"goals": [{"id": 1}, {"id": 2}, {"id": 3}, {"id": 4}]});
        let theirs = json!({"goals": [{"id": 2}, {"id": 1}, {"id": 3}]});
        let (merged, _) = merge(base, ours, theirs);
        let ids: Vec<u64> =
            merged["goals"].as_array().expect("a list").iter().filter_map(id_number).collect();
        assert_eq!(ids, [2, 1, 3, 4]);
    }
}
