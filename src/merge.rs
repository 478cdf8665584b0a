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
//!   ([`renumber`]'s rules; nested records such as benefits are renumbered within the merge).
//!
//! The parts: `tree` (the merge of two JSON trees), `renumber`, `path` (a conflict's place)
//! and `resolve` (settling a conflict as an undoable change).

mod path;
mod renumber;
mod resolve;
mod tree;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde_json::{Value, json};

use crate::i18n::Lang;
use crate::model::{Conflict, Portfolio};
use crate::store::{self, LoadError};

pub use path::describe as describe_path;
pub use renumber::Renumbered;
pub use resolve::{Pick, resolution};

/// What a merge needs besides the three copies.
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
pub fn merge(
    base: &Portfolio,
    ours: &Portfolio,
    theirs: &Portfolio,
    options: &Options,
) -> Result<Merged, String> {
    let (base, mut ours, mut theirs) = (base.to_value(), ours.to_value(), theirs.to_value());
    let note = |from: u64, to: u64| {
        json!({
            "date": options.today.to_string(),
            "kind": "note",
            "text": options.lang.tf("merge.renumbered_note", &[("from", &from), ("to", &to)]),
            "renumbered": {"from": from, "to": to},
        })
    };
    let mut renumbered = renumber::renumber(&base, &mut ours, &mut theirs, &note);
    let mut tree = tree::Tree::new(Some(options.now), nested_next_free(&[&base, &ours, &theirs]));
    let mut merged = tree.merge_root(&base, &ours, &theirs);
    renumbered.extend(tree.renumbered.iter().map(|(collection, from, to)| Renumbered {
        collection: collection.clone(),
        from: *from,
        to: *to,
        ours: false,
    }));
    raise_counters(&mut merged, &renumbered);
    let mut portfolio = Portfolio::from_value(&merged)
        .map_err(|e| format!("the merged portfolio does not read back ({e}); this is a bug in fasett"))?;
    portfolio.initiatives.sort_by_key(|i| i.id);
    let new_conflicts = tree.conflicts.len();
    for conflict in tree.conflicts {
        if !portfolio.conflicts.iter().any(|c| c.id == conflict.id) {
            portfolio.conflicts.push(conflict);
        }
    }
    Ok(Merged { portfolio, new_conflicts, renumbered })
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

/// A merge of three files, written into `ours`.
#[derive(Debug)]
pub struct FileMerge {
    pub merged: Merged,
}

/// `fasett merge BASE OURS THEIRS`: reads the three copies (an empty BASE is an empty
/// portfolio: git's "added on both sides"), merges, and writes the result into OURS
/// through the one atomic writer. OURS is written only when the result reads back as a
/// valid portfolio.
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
            h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        };
        (join(b), o, join(t))
    });
    let (b, o, t) = (b?, o?, t?);
    let merged = merge(&b, &o, &t, options).map_err(MergeError::Bug)?;
    let json = store::to_json(&merged.portfolio);
    store::parse(json.as_bytes(), ours).map_err(|e| {
        MergeError::Bug(format!("the merged file does not read back ({e}); this is a bug in fasett"))
    })?;
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

/// For nested lists of numbered records (a benefit's measurements, say), the next number
/// free in all three copies, per list key, above its `next_id` counter if there is one.
fn nested_next_free(trees: &[&Value]) -> HashMap<String, u64> {
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

/// After renumbering, every counter is above the numbers its collection uses.
fn raise_counters(merged: &mut Value, renumbered: &[Renumbered]) {
    let mut highest: HashMap<String, u64> = HashMap::new();
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

/// The conflicts still waiting in `portfolio`, one line each, for `fasett check` and the
/// merge's summary: `initiatives[#3].title: ours "A", theirs "B"`.
pub fn conflict_lines(portfolio: &Portfolio) -> Vec<String> {
    portfolio.conflicts.iter().map(conflict_line).collect()
}

fn conflict_line(c: &Conflict) -> String {
    let show = |side: &crate::model::Side| match side.get() {
        None => "(removed)".to_owned(),
        Some(v) => {
            let text = v.to_string();
            let cut: String = text.chars().take(60).collect();
            if cut.len() < text.len() { format!("{cut}…") } else { cut }
        }
    };
    format!("{}: ours {}, theirs {}", c.path, show(&c.ours), show(&c.theirs))
}
