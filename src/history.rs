//! Undo and redo. Every edit is a [`Change`] holding the record before and after, so undoing
//! is applying the inverse — no copies of the whole portfolio, however large it grows.

use serde_json::Value;

use crate::model::{ActionItem, Assessment, Conflict, Id, Initiative, Organisation, Portfolio, Template};

/// A value before and after an edit. For a record, `None` before means "created" and
/// `None` after "deleted".
#[derive(Debug, Clone, PartialEq)]
pub struct Replace<T> {
    pub before: T,
    pub after: T,
}

impl<T: Clone> Replace<T> {
    /// The edit that takes the value back.
    #[must_use]
    pub fn inverted(&self) -> Self {
        Replace { before: self.after.clone(), after: self.before.clone() }
    }
}

impl<T> Replace<Option<Box<T>>> {
    fn new(before: Option<T>, after: Option<T>) -> Self {
        Replace { before: before.map(Box::new), after: after.map(Box::new) }
    }

    /// The record on the newest side that has one.
    pub fn either(&self) -> Option<&T> {
        self.after.as_deref().or(self.before.as_deref())
    }
}

/// A record created, edited or deleted.
pub type Record<T> = Replace<Option<Box<T>>>;

/// One edit of the portfolio.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Initiative(Record<Initiative>),
    Assessment(Record<Assessment>),
    Action(Record<ActionItem>),
    Template(Record<Template>),
    Organisation(Replace<Box<Organisation>>),
    /// A conflict a merge left, recorded or (after `None`) resolved.
    Conflict(Record<Conflict>),
    /// A top-level key of the file outside the records above, replaced whole (`None`: not
    /// there). Applied through the file's JSON tree, so it reaches keys this fasett keeps
    /// without knowing them; meant for rare edits such as resolving a conflict there.
    Key(String, Record<Value>),
    /// Several changes undone and redone as one step (e.g. an import).
    Batch(Vec<Change>),
}

/// What changes touched, gathered as they are made: the records the views and the writing
/// thread go over again, and whether the Overview sums up the checklists again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Touched {
    /// Initiatives created, edited or deleted.
    pub initiatives: Vec<Id>,
    /// Checklist runs created, edited or deleted.
    pub runs: Vec<Id>,
    /// Checklist runs or the templates they are read with changed.
    pub checklists: bool,
}

/// The ids of the records in a list of the file's tree, before and after.
fn listed_ids(list: &Record<Value>) -> impl Iterator<Item = Id> + '_ {
    let sides = [&list.before, &list.after].into_iter().flatten().filter_map(|v| v.as_array());
    sides.flatten().filter_map(|record| Id::try_from(record.get("id")?.as_u64()?).ok())
}

impl Change {
    pub fn initiative(before: Option<Initiative>, after: Option<Initiative>) -> Self {
        Change::Initiative(Replace::new(before, after))
    }

    pub fn assessment(before: Option<Assessment>, after: Option<Assessment>) -> Self {
        Change::Assessment(Replace::new(before, after))
    }

    pub fn action(before: Option<ActionItem>, after: Option<ActionItem>) -> Self {
        Change::Action(Replace::new(before, after))
    }

    pub fn template(before: Option<Template>, after: Option<Template>) -> Self {
        Change::Template(Replace::new(before, after))
    }

    pub fn organisation(before: Organisation, after: Organisation) -> Self {
        Change::Organisation(Replace { before: Box::new(before), after: Box::new(after) })
    }

    pub fn conflict(before: Option<Conflict>, after: Option<Conflict>) -> Self {
        Change::Conflict(Replace::new(before, after))
    }

    /// A top-level key of the file replaced whole.
    pub fn key(key: &str, before: Option<Value>, after: Option<Value>) -> Self {
        Change::Key(key.to_owned(), Replace::new(before, after))
    }

    /// The change that takes the portfolio back.
    #[must_use]
    pub fn inverted(&self) -> Change {
        match self {
            Change::Initiative(r) => Change::Initiative(r.inverted()),
            Change::Assessment(r) => Change::Assessment(r.inverted()),
            Change::Action(r) => Change::Action(r.inverted()),
            Change::Template(r) => Change::Template(r.inverted()),
            Change::Organisation(r) => Change::Organisation(r.inverted()),
            Change::Conflict(r) => Change::Conflict(r.inverted()),
            Change::Key(key, r) => Change::Key(key.clone(), r.inverted()),
            Change::Batch(changes) => Change::Batch(changes.iter().rev().map(Change::inverted).collect()),
        }
    }

    /// The initiative this change is about, if it is about one (to move the selection).
    pub fn initiative_id(&self) -> Option<Id> {
        match self {
            Change::Initiative(r) => r.either().map(|i| i.id),
            _ => None,
        }
    }

    /// Adds to `touched` what the change creates, edits or deletes, walking a batch once.
    pub fn touch(&self, touched: &mut Touched) {
        match self {
            Change::Initiative(r) => touched.initiatives.extend(r.either().map(|i| i.id)),
            Change::Assessment(r) => {
                touched.runs.extend(r.either().map(|a| a.id));
                touched.checklists = true;
            }
            Change::Template(_) => touched.checklists = true,
            // A whole list replaced through the file's tree: every record on either side.
            Change::Key(key, r) => match key.as_str() {
                "initiatives" => touched.initiatives.extend(listed_ids(r)),
                "assessments" => {
                    touched.runs.extend(listed_ids(r));
                    touched.checklists = true;
                }
                "templates" => touched.checklists = true,
                _ => {}
            },
            Change::Batch(changes) => changes.iter().for_each(|c| c.touch(touched)),
            Change::Action(_) | Change::Organisation(_) | Change::Conflict(_) => {}
        }
    }

    /// Applies the change. Records are matched by id; initiatives stay sorted by id.
    pub fn apply(&self, portfolio: &mut Portfolio) {
        match self {
            Change::Initiative(r) => {
                let id = r.either().map_or(0, |i| i.id);
                let list = &mut portfolio.initiatives;
                match (list.binary_search_by_key(&id, |i| i.id), &r.after) {
                    (Ok(ix), Some(new)) => list[ix] = (**new).clone(),
                    (Ok(ix), None) => {
                        list.remove(ix);
                    }
                    (Err(ix), Some(new)) => list.insert(ix, (**new).clone()),
                    (Err(_), None) => {}
                }
            }
            Change::Assessment(r) => {
                replace_by(&mut portfolio.assessments, r, |a| a.id);
            }
            Change::Action(r) => match r.after.as_deref() {
                // Actions are listed by id: one deleted and brought back by undo returns to
                // its place, so the file changes back line for line.
                Some(new) if portfolio.action(new.id).is_none() => {
                    let ix = portfolio.actions.iter().position(|a| a.id > new.id);
                    let ix = ix.unwrap_or(portfolio.actions.len());
                    portfolio.actions.insert(ix, new.clone());
                }
                _ => replace_by(&mut portfolio.actions, r, |a| a.id),
            },
            Change::Template(r) => {
                replace_by(&mut portfolio.templates, r, |t| (t.id.clone(), t.version));
            }
            Change::Organisation(r) => portfolio.organisation = (*r.after).clone(),
            Change::Conflict(r) => {
                replace_by(&mut portfolio.conflicts, r, |c| c.id.clone());
            }
            Change::Key(key, r) => {
                let mut tree = portfolio.to_value();
                if let Some(root) = tree.as_object_mut() {
                    match &r.after {
                        Some(value) => root.insert(key.clone(), (**value).clone()),
                        None => root.shift_remove(key),
                    };
                }
                // Whoever made the change checked that it reads back.
                if let Ok(changed) = Portfolio::from_value(&tree) {
                    *portfolio = changed;
                }
            }
            Change::Batch(changes) => changes.iter().for_each(|c| c.apply(portfolio)),
        }
    }
}

fn replace_by<T: Clone, K: PartialEq>(list: &mut Vec<T>, record: &Record<T>, key: impl Fn(&T) -> K) {
    let Some(k) = record.either().map(&key) else { return };
    match (list.iter().position(|x| key(x) == k), record.after.as_deref()) {
        (Some(ix), Some(new)) => list[ix] = new.clone(),
        (Some(ix), None) => {
            list.remove(ix);
        }
        (None, Some(new)) => list.push(new.clone()),
        (None, None) => {}
    }
}

/// The undo and redo stacks of one session, and the changes made since the file was last
/// saved (or read).
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Change>,
    redo: Vec<Change>,
    /// Every change applied since the last save, in order (undos as their inverse).
    unsaved: Vec<Change>,
    /// How many changes were ever applied (never reset): the last `unsaved.len()` of them are
    /// not on disk.
    applied: u64,
}

impl History {
    /// Applies a new change and makes it undoable; a new change clears what could be redone.
    pub fn commit(&mut self, change: Change, portfolio: &mut Portfolio) {
        change.apply(portfolio);
        self.applied_one(change.clone());
        self.undo.push(change);
        self.redo.clear();
    }

    /// Undoes the last change; returns it (as it was made) if there was one.
    pub fn undo(&mut self, portfolio: &mut Portfolio) -> Option<&Change> {
        let change = self.undo.pop()?;
        let inverse = change.inverted();
        inverse.apply(portfolio);
        self.applied_one(inverse);
        self.redo.push(change);
        self.redo.last()
    }

    /// Redoes the last undone change; returns it if there was one.
    pub fn redo(&mut self, portfolio: &mut Portfolio) -> Option<&Change> {
        let change = self.redo.pop()?;
        change.apply(portfolio);
        self.applied_one(change.clone());
        self.undo.push(change);
        self.undo.last()
    }

    fn applied_one(&mut self, change: Change) {
        self.unsaved.push(change);
        self.applied += 1;
    }

    /// The portfolio is on disk as it is now.
    pub fn mark_saved(&mut self) {
        self.unsaved.clear();
    }

    /// Names the portfolio as it is now, for [`History::mark_saved_at`].
    pub fn mark(&self) -> u64 {
        self.applied
    }

    /// The portfolio is on disk as it was at `mark`: a save written in the background, while
    /// later edits were made, holds only the changes up to it.
    pub fn mark_saved_at(&mut self, mark: u64) {
        let newer = usize::try_from(self.applied.saturating_sub(mark)).unwrap_or(usize::MAX);
        let saved = self.unsaved.len().saturating_sub(newer);
        self.unsaved.drain(..saved);
    }

    /// The portfolio as the file held it when this session last read or saved it, given the
    /// portfolio as it is now: what another program that changed the file since started from.
    pub fn last_saved(&self, current: &Portfolio) -> Portfolio {
        let mut portfolio = current.clone();
        for change in self.unsaved.iter().rev() {
            change.inverted().apply(&mut portfolio);
        }
        portfolio
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forgets everything (after a reload from disk, old changes no longer apply).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.unsaved.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn initiative(id: Id, title: &str) -> Initiative {
        Initiative { id, title: title.into(), ..Initiative::default() }
    }

    /// A new history whose portfolio had `created` added to it, one undoable step each.
    fn started(created: &[(Id, &str)]) -> (Portfolio, History) {
        let (mut p, mut h) = (Portfolio::default(), History::default());
        for (id, title) in created {
            add(&mut h, &mut p, *id, title);
        }
        (p, h)
    }

    /// Commits the creation of initiative `id` titled `title`.
    fn add(h: &mut History, p: &mut Portfolio, id: Id, title: &str) {
        h.commit(Change::initiative(None, Some(initiative(id, title))), p);
    }

    #[test]
    fn a_change_names_what_it_touched_at_any_depth_of_a_batch() {
        let run = |id: Id| -> Assessment {
            let run = serde_json::json!({ "id": id, "template": "t", "template_version": 1, "scope": "", "date": "2026-01-01" });
            serde_json::from_value(run).expect("a run")
        };
        let listed = |ids: &[Id]| {
            Value::from(ids.iter().map(|id| serde_json::json!({ "id": id })).collect::<Vec<_>>())
        };
        let change = Change::Batch(vec![
            Change::initiative(None, Some(initiative(4, "Ny"))),
            Change::Batch(vec![
                Change::assessment(Some(run(2)), None),
                Change::key("initiatives", Some(listed(&[1, 4])), Some(listed(&[4, 9]))),
            ]),
            Change::key("assessments", None, Some(listed(&[7]))),
            Change::action(None, Some(ActionItem::default())),
        ]);
        let mut touched = Touched::default();
        change.touch(&mut touched);
        assert_eq!(touched, Touched { initiatives: vec![4, 1, 4, 4, 9], runs: vec![2, 7], checklists: true });

        let mut touched = Touched::default();
        let quiet = Change::Batch(vec![
            Change::organisation(Organisation::default(), Organisation::default()),
            Change::key("templates", None, None),
        ]);
        quiet.touch(&mut touched);
        assert_eq!(touched, Touched { checklists: true, ..Touched::default() });
        Change::key("settings", None, Some(listed(&[3]))).touch(&mut touched);
        Change::initiative(Some(initiative(5, "x")), None).touch(&mut touched);
        assert_eq!(touched, Touched { initiatives: vec![5], runs: vec![], checklists: true });
    }

    #[test]
    fn create_edit_delete_undo_and_redo_round_trip() {
        let (mut p, mut h) = started(&[(2, "B"), (1, "A")]);
        assert_eq!(p.initiatives.iter().map(|i| i.id).collect::<Vec<_>>(), [1, 2], "kept sorted by id");
        h.commit(Change::initiative(Some(initiative(1, "A")), Some(initiative(1, "A2"))), &mut p);
        h.commit(Change::initiative(Some(initiative(2, "B")), None), &mut p);
        assert_eq!(p.initiatives.len(), 1);
        let snapshot = p.clone();

        h.undo(&mut p);
        assert_eq!(p.initiative(2).map(|i| i.title.as_str()), Some("B"), "delete undone");
        h.undo(&mut p);
        assert_eq!(p.initiative(1).map(|i| i.title.as_str()), Some("A"), "edit undone");
        h.redo(&mut p);
        h.redo(&mut p);
        assert_eq!(p, snapshot, "redo restores the same state");
        assert!(!h.can_redo());
    }

    #[test]
    fn the_last_saved_portfolio_is_found_through_undos_and_redos() {
        let (mut p, mut h) = started(&[(1, "A")]);
        h.mark_saved();
        let saved = p.clone();
        add(&mut h, &mut p, 2, "B");
        h.undo(&mut p);
        h.undo(&mut p);
        h.redo(&mut p);
        add(&mut h, &mut p, 3, "C");
        assert_eq!(h.last_saved(&p), saved);
        h.mark_saved();
        assert_eq!(h.last_saved(&p), p);
    }

    #[test]
    fn a_save_of_an_earlier_state_keeps_the_later_changes_unsaved() {
        let (mut p, mut h) = started(&[(1, "A")]);
        let mark = h.mark();
        let written = p.clone();
        add(&mut h, &mut p, 2, "B");
        h.mark_saved_at(mark);
        assert_eq!(h.last_saved(&p), written);
        assert_ne!(written, p);
        // An older save's outcome arriving late takes nothing more off.
        h.mark_saved_at(mark - 1);
        assert_eq!(h.last_saved(&p), written);
        h.mark_saved_at(h.mark());
        assert_eq!(h.last_saved(&p), p);
    }

    #[test]
    fn a_new_change_clears_redo() {
        let (mut p, mut h) = started(&[(1, "A")]);
        h.undo(&mut p);
        assert!(h.can_redo());
        add(&mut h, &mut p, 2, "B");
        assert!(!h.can_redo());
    }

    #[test]
    fn batches_undo_in_reverse_order() {
        let mut p = Portfolio::default();
        let mut h = History::default();
        let a = initiative(1, "A");
        let mut a2 = a.clone();
        a2.title = "A2".into();
        h.commit(
            Change::Batch(vec![
                Change::initiative(None, Some(a.clone())),
                Change::initiative(Some(a), Some(a2)),
            ]),
            &mut p,
        );
        assert_eq!(p.initiatives[0].title, "A2");
        h.undo(&mut p);
        assert!(p.initiatives.is_empty());
    }
}
