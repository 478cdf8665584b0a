//! Merging two copies of a portfolio that grew apart from a common ancestor: `fasett merge
//! BASE OURS THEIRS` (a git merge driver) and the interface's "merge both" when another
//! program changed the file. It merges by identity, not by line:
//!
//! - **Records** (any list of objects with an `id`: initiatives, goals, runs, actions, the
//!   records later versions add) are matched by `id` (templates by `id` and `version`): one
//!   added on one side is kept; removed on one side and unchanged on the other, removed;
//!   removed on one side and changed on the other, kept and a conflict. A few lists without
//!   ids are matched by their natural key (units by name, answers by item and perspective).
//! - **Objects** are merged key by key, so keys this fasett does not know come along.
//! - **Values**: the side that changed wins; both changed alike, fine; both changed
//!   differently, a conflict, which keeps our value in place and is recorded in the file's
//!   `conflicts` list (see [`crate::model::Conflict`]). The merged file is always valid.
//! - **Lists without identity** (tags, partners, log entries) are merged element by element:
//!   what either side removed goes, what either added comes, nothing is a conflict.
//! - `updated` takes the later time, the counters in `next_id` the larger value, and the
//!   portfolio's own `id` is never a conflict.
//! - **Numbers stay short and never collide**: the same number added on both sides for two
//!   different records moves one of them to the next free number, and references follow
//!   (`merge/renumber.rs` has the rules; nested records such as benefits are renumbered
//!   within the merge, and benefits and measurements, numbered across the portfolio, once
//!   more after it: `merge/unique.rs`).
//!
//! The parts: `tree` (the merge of two JSON trees), `renumber`, `unique`, `path` (a conflict's place)
//! and `resolve` (settling a conflict as an undoable change).

mod path;
mod renumber;
mod resolve;
mod tree;
mod unique;
mod words;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde_json::{Value, json};

use crate::i18n::Lang;
use serde::Deserialize;

use crate::model::extras::Extras;
use crate::model::{Id, Initiative, Portfolio};
use crate::store::{self, LoadError};
use tree::Three;

pub use path::describe as describe_path;
pub use renumber::Renumbered;
pub use resolve::{Pick, resolution};
pub use words::{changed_field_names, changed_fields, conflict_lines, is_record, place, shown_value};

/// What a merge needs besides the copies copies.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The date of a renumbering's log note.
    pub today: Date,
    /// When the conflicts were found.
    pub now: jiff::Timestamp,
    /// The language of the log note.
    pub lang: Lang,
}

/// A merged portfolio and what the merge did.
#[derive(Debug, Clone)]
pub struct Merged {
    pub portfolio: Portfolio,
    /// The conflicts this merge found (the portfolio's list also holds earlier ones).
    pub new_conflicts: usize,
    pub renumbered: Vec<Renumbered>,
}

/// Merges `ours` and `theirs`, which both grew from `base`.
///
/// The initiatives, by far the largest collection, are compared as the model and only those
/// both sides changed go through the JSON merge; everything else goes through it whole
/// (small, and it may hold collections this fasett does not know).
pub fn merge(
    base: Portfolio,
    mut ours: Portfolio,
    mut theirs: Portfolio,
    options: &Options,
) -> Result<Merged, String> {
    let note = |from: u64, to: u64| {
        json!({
            "date": options.today.to_string(),
            "kind": "note",
            "text": options.lang.tf("merge.renumbered_note", &[("from", &from), ("to", &to)]),
            "renumbered": {"from": from, "to": to},
        })
    };
    let mut renumbered = renumber::renumber(&base, &mut ours, &mut theirs, &note)?;
    let mut sides = [base, ours, theirs];
    let [base_list, ours_list, theirs_list] = sides.each_mut().map(|p| std::mem::take(&mut p.initiatives));
    let [base_rest, ours_rest, theirs_rest] = sides.each_ref().map(Portfolio::to_value);
    let lists = [&base_list, &ours_list, &theirs_list];
    let rests = [&base_rest, &ours_rest, &theirs_rest];
    let mut tree = tree::Tree::new(
        Some(options.now),
        Box::new(move || {
            let records: Vec<Value> =
                lists.iter().flat_map(|list| list.iter().map(initiative_value)).collect();
            let trees: Vec<&Value> = rests.iter().copied().chain(records.iter()).collect();
            tree::nested_next_free(&trees)
        }),
    );
    let mut merged = tree.merge_root(&base_rest, &ours_rest, &theirs_rest);
    let initiatives = merge_initiatives(&mut tree, lists)?;
    let (found, nested) = (std::mem::take(&mut tree.conflicts), std::mem::take(&mut tree.renumbered));
    drop(tree);
    renumbered.extend(nested.into_iter().map(|(collection, from, to)| Renumbered {
        collection,
        from,
        to,
        ours: false,
    }));
    let highest = initiatives.iter().map(|i| u64::from(i.id)).max();
    raise_counters(&mut merged, &renumbered, highest);
    let mut portfolio = Portfolio::from_value(&merged)
        .map_err(|e| format!("the merged portfolio does not read back ({e}); this is a bug in fasett"))?;
    portfolio.initiatives = initiatives;
    renumbered.extend(unique::unique_nested(&base_list, &ours_list, &mut portfolio));
    if let Some(what) = duplicate(&portfolio) {
        return Err(format!("the merged portfolio uses {what} twice; this is a bug in fasett"));
    }
    let new_conflicts = found.len();
    for conflict in found {
        if !portfolio.conflicts.iter().any(|c| c.id == conflict.id) {
            portfolio.conflicts.push(conflict);
        }
    }
    drop_later((base_list, ours_list, theirs_list, merged));
    Ok(Merged { portfolio, new_conflicts, renumbered })
}

/// The initiatives, matched by number: a side equal to the base takes the other's version,
/// and only one both changed is merged field by field (as JSON, so keys this fasett does not
/// know are merged too). Numbers are unique already (see `renumber`). Sorted by number.
fn merge_initiatives(
    tree: &mut tree::Tree<'_>,
    [base, ours, theirs]: [&Vec<Initiative>; 3],
) -> Result<Vec<Initiative>, String> {
    let index = |list: &'_ [Initiative]| -> HashMap<Id, usize> {
        list.iter().enumerate().map(|(ix, i)| (i.id, ix)).collect()
    };
    let (b, o, t) = (index(base), index(ours), index(theirs));
    let mut ids: Vec<Id> = o.keys().chain(t.keys()).copied().collect();
    ids.sort_unstable();
    ids.dedup();
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let copies =
            Three { base: find(&b, base, id), ours: find(&o, ours, id), theirs: find(&t, theirs, id) };
        let Ok(taken) = copies.settled() else {
            let at = vec![json!("initiatives"), json!({ "id": id })];
            let [bv, ov, tv] = [copies.base, copies.ours, copies.theirs].map(|i| i.map(initiative_value));
            let values = Three { base: bv.as_ref(), ours: ov.as_ref(), theirs: tv.as_ref() };
            if let Some(merged) = tree.merge_at(at, values) {
                let mut initiative = Initiative::deserialize(&merged).map_err(|e| {
                    format!(
                        "initiative #{id} does not read back after merging ({e}); this is a bug in fasett"
                    )
                })?;
                initiative.absorb(&merged);
                out.push(initiative);
            }
            continue;
        };
        out.extend(taken.cloned());
    }
    Ok(out)
}

fn find<'a>(index: &HashMap<Id, usize>, list: &'a [Initiative], id: Id) -> Option<&'a Initiative> {
    index.get(&id).map(|ix| &list[*ix])
}

/// An initiative as the file holds it.
fn initiative_value(i: &Initiative) -> Value {
    let mut tree = serde_json::to_value(i).unwrap_or(Value::Null);
    i.emit(&mut tree);
    tree
}

/// Freeing the trees of 10,000 initiatives costs a quarter of the merge; nobody waits for it.
fn drop_later<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}

/// Which copy a file is, in the order git passes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Base,
    Ours,
    Theirs,
}

impl Role {
    fn name(self) -> &'static str {
        match self {
            Role::Base => "BASE (the common ancestor):",
            Role::Ours => "OURS:",
            Role::Theirs => "THEIRS:",
        }
    }
}

/// Why `fasett merge` did not merge. OURS is left as it was.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// `problem` names the file.
    #[error("{} {problem}. Nothing was merged; OURS was left as it was.", .role.name())]
    Unreadable { path: PathBuf, role: Role, problem: String },
    #[error("{path}: the merged file could not be written: {problem}. OURS was left as it was.")]
    Write { path: PathBuf, problem: String },
    #[error("{0}. Nothing was merged; OURS was left as it was.")]
    Bug(String),
}

/// A merge of copies files, written into `ours`.
#[derive(Debug)]
pub struct FileMerge {
    pub merged: Merged,
}

/// `fasett merge BASE OURS THEIRS`: reads the copies copies (an empty BASE is an empty
/// portfolio: git's "added on both sides"), merges, and writes the result into OURS
/// through the one atomic writer. OURS is written only when the result is a valid
/// portfolio (read back as the model, every number once).
pub fn merge_files(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    options: &Options,
) -> Result<FileMerge, MergeError> {
    let (b, o, t) = std::thread::scope(|scope| {
        let b = scope.spawn(|| read(base, Role::Base));
        let t = scope.spawn(|| read(theirs, Role::Theirs));
        let o = read(ours, Role::Ours);
        let join = |h: std::thread::ScopedJoinHandle<'_, Result<Portfolio, MergeError>>| {
            h.join().unwrap_or_else(|panic| crate::threads::resume(panic))
        };
        (join(b), o, join(t))
    });
    let (b, o, t) = (b?, o?, t?);
    let merged = merge(b, o, t, options).map_err(MergeError::Bug)?;
    let json = store::to_json(&merged.portfolio);
    store::write_file(ours, json.as_bytes(), store::Sharing::Private)
        .map_err(|e| MergeError::Write { path: ours.to_path_buf(), problem: e.to_string() })?;
    Ok(FileMerge { merged })
}

/// One copy, read strictly. An empty BASE is an empty portfolio.
fn read(path: &Path, role: Role) -> Result<Portfolio, MergeError> {
    let unreadable = |problem: String| MergeError::Unreadable { path: path.to_path_buf(), role, problem };
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| unreadable(format!("{shown} could not be read: {e}")))?;
    if meta.len() > store::MAX_FILE_BYTES {
        return Err(unreadable(format!(
            "{shown} is {} MB, more than fasett reads ({} MB)",
            meta.len() / (1024 * 1024),
            store::MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| unreadable(format!("{shown} could not be read: {e}")))?;
    if role == Role::Base && bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Portfolio::default());
    }
    store::parse(&bytes, path).map_err(|e| unreadable(load_problem(&e)))
}

/// A load error in the words of a merge.
fn load_problem(e: &LoadError) -> String {
    let path = e.path().display();
    if e.is_newer_schema() {
        format!(
            "{path} was written by a newer fasett ({}); this fasett cannot merge what it does not \
             fully understand, so merge with the newer fasett",
            e.summary()
        )
    } else {
        format!("{path} is not a portfolio fasett can read ({})", e.summary())
    }
}

/// A number used twice in one collection (what the store refuses to load), if any: the
/// merged file is written only when it would load.
fn duplicate(p: &Portfolio) -> Option<String> {
    fn twice(ids: impl Iterator<Item = crate::model::Id>) -> Option<crate::model::Id> {
        let mut seen = std::collections::HashSet::new();
        ids.into_iter().find(|id| !seen.insert(*id))
    }
    let found = [
        ("initiative", twice(p.initiatives.iter().map(|i| i.id))),
        ("checklist run", twice(p.assessments.iter().map(|a| a.id))),
        ("action", twice(p.actions.iter().map(|a| a.id))),
        ("goal", twice(p.organisation.goals.iter().map(|g| g.id))),
        ("benefit", twice(p.benefits().map(|(_, b)| b.id))),
        ("measurement", twice(p.benefits().flat_map(|(_, b)| b.measurements.iter().map(|m| m.id)))),
    ];
    found.into_iter().find_map(|(what, id)| id.map(|id| format!("{what} #{id}")))
}

/// After renumbering, every counter is above the numbers its collection uses
/// (`initiatives`: the highest initiative number, as they are merged apart).
fn raise_counters(merged: &mut Value, renumbered: &[Renumbered], initiatives: Option<u64>) {
    let mut highest: HashMap<String, u64> = HashMap::new();
    if let Some(max) = initiatives {
        highest.insert("initiative".to_owned(), max);
    }
    for collection in renumber::COLLECTIONS {
        let mut list = &*merged;
        for key in collection.at {
            list = list.get(key).unwrap_or(&Value::Null);
        }
        let max = list.as_array().and_then(|l| l.iter().filter_map(|r| r.get("id")?.as_u64()).max());
        if let Some(max) = max {
            highest.insert(collection.counter.to_owned(), max);
        }
    }
    for r in renumbered {
        let counter = r.collection.rsplit('.').next().unwrap_or_default().trim_end_matches('s').to_owned();
        let entry = highest.entry(counter).or_insert(0);
        *entry = (*entry).max(r.to);
    }
    let Some(Value::Object(counters)) = merged.get_mut("next_id") else { return };
    for (counter, max) in highest {
        let present = counters.get(&counter).and_then(Value::as_u64);
        let is_known = renumber::COLLECTIONS.iter().any(|c| c.counter == counter);
        if (is_known || present.is_some()) && present.unwrap_or(0) <= max {
            counters.insert(counter, Value::from(max + 1));
        }
    }
}
