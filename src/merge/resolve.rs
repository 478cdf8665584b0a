//! Settling a conflict: the value chosen (ours, theirs, or one typed by the user) put in
//! place in its record, and the conflict taken off the list — one undoable change.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::path;
use crate::history::Change;
use crate::model::extras::Extras;
use crate::model::{Conflict, Portfolio};

/// What the user chose for a conflict.
#[derive(Debug, Clone, PartialEq)]
pub enum Pick {
    /// Our value (the copy merged into); removes the record or key if ours had removed it.
    Ours,
    /// Their value.
    Theirs,
    /// A value the user typed.
    Value(Value),
}

/// The change that settles `conflict` with `pick` in `portfolio`, or why it cannot (the
/// record is gone, or the typed value does not fit the field).
pub fn resolution(portfolio: &Portfolio, conflict: &Conflict, pick: &Pick) -> Result<Change, String> {
    let value = match pick {
        Pick::Ours => conflict.ours.get().cloned(),
        Pick::Theirs => conflict.theirs.get().cloned(),
        Pick::Value(v) => Some(v.clone()),
    };
    let at = conflict.at.as_slice();
    let id = |ix: usize| at.get(ix).and_then(|s| s.get("id")).and_then(Value::as_u64);
    let key = at.first().and_then(Value::as_str).unwrap_or_default();
    let gone = || format!("{} is no longer in the file", path::describe(&at[..2.min(at.len())]));
    let change = match (key, id(1)) {
        ("initiatives", Some(n)) => {
            let before = portfolio.initiatives.iter().find(|i| u64::from(i.id) == n);
            let after = edit(before, &at[2..], value, &gone)?;
            Change::initiative(before.cloned(), after)
        }
        ("assessments", Some(n)) => {
            let before = portfolio.assessments.iter().find(|a| u64::from(a.id) == n);
            let after = edit(before, &at[2..], value, &gone)?;
            Change::assessment(before.cloned(), after)
        }
        ("actions", Some(n)) => {
            let before = portfolio.actions.iter().find(|a| u64::from(a.id) == n);
            let after = edit(before, &at[2..], value, &gone)?;
            Change::action(before.cloned(), after)
        }
        ("templates", _) if at.len() >= 2 => {
            let selector = at[1].as_object().cloned().unwrap_or_default();
            let before = portfolio
                .templates
                .iter()
                .find(|t| serde_json::to_value(t).is_ok_and(|tree| path::matches(&tree, &selector)));
            let after = edit(before, &at[2..], value, &gone)?;
            Change::template(before.cloned(), after)
        }
        ("organisation", _) => {
            let before = &portfolio.organisation;
            let after = edit(Some(before), &at[1..], value, &gone)?.ok_or_else(gone)?;
            Change::organisation(before.clone(), after)
        }
        (key, _) if !key.is_empty() => {
            let tree = portfolio.to_value();
            let before = tree.get(key).cloned();
            let after = if at.len() == 1 {
                value
            } else {
                let mut after = before.clone().ok_or_else(gone)?;
                path::set(&mut after, &at[1..], value)?;
                Some(after)
            };
            let mut check = tree;
            if let Some(root) = check.as_object_mut() {
                match &after {
                    Some(v) => root.insert(key.to_owned(), v.clone()),
                    None => root.shift_remove(key),
                };
            }
            Portfolio::from_value(&check).map_err(|e| e.to_string())?;
            Change::key(key, before, after)
        }
        _ => return Err(format!("fasett cannot find {} in the file", conflict.path)),
    };
    Ok(Change::Batch(vec![change, Change::conflict(Some(conflict.clone()), None)]))
}

/// `record` with the value at `rest` set (or removed); `None` when the record itself is
/// removed. Fails when the record is gone or the result does not read as this kind of
/// record.
fn edit<T: Serialize + DeserializeOwned + Extras>(
    record: Option<&T>,
    rest: &[Value],
    value: Option<Value>,
    gone: &dyn Fn() -> String,
) -> Result<Option<T>, String> {
    let tree = if rest.is_empty() {
        match value {
            Some(value) => value,
            None => return Ok(None),
        }
    } else {
        let record = record.ok_or_else(gone)?;
        let mut tree = serde_json::to_value(record).map_err(|e| e.to_string())?;
        record.emit(&mut tree);
        path::set(&mut tree, rest, value)?;
        tree
    };
    let mut out = T::deserialize(&tree).map_err(|e| e.to_string())?;
    out.absorb(&tree);
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::merge::{Options, merge};
    use serde_json::json;

    fn options() -> Options {
        Options { today: crate::testing::TODAY, now: jiff::Timestamp::UNIX_EPOCH, lang: Lang::En }
    }

    /// The sample (with an idea list a later fasett might keep) merged with two copies
    /// `change` edits differently.
    fn conflicted(change: impl Fn(&mut Portfolio, &str)) -> Portfolio {
        let mut base = crate::testing::sample();
        base.extra.insert("ideas".into(), json!([{"id": 1, "title": "Idea"}]));
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        change(&mut ours, "ours");
        change(&mut theirs, "theirs");
        let merged = merge(base, ours, theirs, &options()).expect("merges").portfolio;
        assert_eq!(merged.conflicts.len(), 1, "{:?}", merged.conflicts);
        merged
    }

    /// Settles the one conflict with `pick`, checks it undoes, gives the settled portfolio.
    fn settle(p: &Portfolio, pick: &Pick) -> Portfolio {
        let change = resolution(p, &p.conflicts[0], pick).expect("settles");
        let mut settled = p.clone();
        change.apply(&mut settled);
        assert!(settled.conflicts.is_empty());
        let mut undone = settled.clone();
        change.inverted().apply(&mut undone);
        assert_eq!(&undone, p, "undoing brings the conflict and the value back");
        settled
    }

    #[test]
    fn a_goal_s_title_is_settled_in_the_organisation() {
        let p = conflicted(|p, side| p.organisation.goals[1].title = format!("Goal of {side}"));
        assert!(p.conflicts[0].path.starts_with("organisation.goals[#"), "{}", p.conflicts[0].path);
        let settled = settle(&p, &Pick::Theirs);
        assert_eq!(settled.organisation.goals[1].title, "Goal of theirs");
    }

    #[test]
    fn a_checklist_score_is_settled_in_its_run() {
        let p = conflicted(|p, side| {
            p.assessments[0].answers[0].score = Some(if side == "ours" { 1 } else { 5 });
        });
        assert!(p.conflicts[0].path.contains("answers[item="), "{}", p.conflicts[0].path);
        let settled = settle(&p, &Pick::Value(json!(3)));
        assert_eq!(settled.assessments[0].answers[0].score, Some(3));
    }

    #[test]
    fn a_key_this_fasett_does_not_know_is_settled_too() {
        let p = conflicted(|p, side| {
            p.extra.insert("ideas".into(), json!([{"id": 1, "title": format!("Idea of {side}")}]));
        });
        assert_eq!(p.conflicts[0].path, "ideas[#1].title");
        let settled = settle(&p, &Pick::Theirs);
        assert_eq!(settled.extra["ideas"], json!([{"id": 1, "title": "Idea of theirs"}]));
    }

    #[test]
    fn a_value_that_does_not_fit_the_field_is_refused() {
        let p = conflicted(|p, side| {
            p.initiatives[0].facet =
                if side == "ours" { crate::model::Facet::Mixed } else { crate::model::Facet::Adaptive };
        });
        assert!(resolution(&p, &p.conflicts[0], &Pick::Value(json!("sideways"))).is_err());
        assert!(resolution(&p, &p.conflicts[0], &Pick::Value(json!("anticipatory"))).is_ok());
    }
}
