//! The organisation profile editor (`o` in Overview, `:org` anywhere): name, vision, mission,
//! goals, units and the people often named as owners. Every edit is one undoable change.

use tui_input::Input;

use super::{App, Mode};
use crate::action::ProfileAction;
use crate::history::Change;
use crate::model::{Collection, Currency, Goal, Organisation, Unit};
use crate::text::fold;

/// A row of the profile editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Name,
    Vision,
    Mission,
    Goal(usize),
    AddGoal,
    Unit(usize),
    AddUnit,
    Person(usize),
    AddPerson,
    /// The currency money benefits and costs are in; Enter steps to the next.
    Currency,
}

impl Row {
    /// The rows for `org`, top to bottom.
    pub fn all(org: &Organisation) -> Vec<Row> {
        let mut rows = vec![Row::Name, Row::Vision, Row::Mission];
        rows.extend((0..org.goals.len()).map(Row::Goal));
        rows.push(Row::AddGoal);
        rows.extend((0..org.units.len()).map(Row::Unit));
        rows.push(Row::AddUnit);
        rows.extend((0..org.people.len()).map(Row::Person));
        rows.push(Row::AddPerson);
        // Last, so the rows above keep the places people know them by.
        rows.push(Row::Currency);
        rows
    }
}

/// The editor's state: the selected row, and the text being typed for it.
#[derive(Debug, Clone, Default)]
pub struct ProfileEditor {
    pub selected: usize,
    pub editing: Option<Input>,
}

impl ProfileEditor {
    pub fn row(&self, org: &Organisation) -> Row {
        let rows = Row::all(org);
        rows.get(self.selected).copied().unwrap_or(Row::Name)
    }

    /// Whether the last row is selected, where ↓ has nowhere to go.
    pub fn at_last(&self, org: &Organisation) -> bool {
        self.selected + 1 >= Row::all(org).len()
    }
}

impl App {
    pub(super) fn update_profile(&mut self, action: ProfileAction) {
        match action {
            ProfileAction::Open => {
                self.mode = Mode::Profile(ProfileEditor::default());
            }
            ProfileAction::Start => {
                self.mode = Mode::Profile(ProfileEditor::default());
                self.edit_profile_row();
            }
            ProfileAction::EditRow => self.edit_profile_row(),
            ProfileAction::DeleteRow => self.delete_profile_row(),
            ProfileAction::ToggleRetired => self.toggle_retired(),
            ProfileAction::MoveGoalUp => self.move_goal(false),
            ProfileAction::MoveGoalDown => self.move_goal(true),
            ProfileAction::AddSuggested => self.add_suggested(),
        }
    }

    fn profile_row(&self) -> Option<Row> {
        match &self.mode {
            Mode::Profile(editor) => Some(editor.row(&self.portfolio.organisation)),
            _ => None,
        }
    }

    fn edit_profile_row(&mut self) {
        if !self.writable() {
            return;
        }
        let org = &self.portfolio.organisation;
        let text = match self.profile_row() {
            Some(Row::Name) => org.name.clone(),
            Some(Row::Vision) => org.vision.clone(),
            Some(Row::Mission) => org.mission.clone(),
            Some(Row::Goal(ix)) => org.goals.get(ix).map(|g| g.title.clone()).unwrap_or_default(),
            Some(Row::Unit(ix)) => org.units.get(ix).map(|u| u.name.clone()).unwrap_or_default(),
            Some(Row::Person(ix)) => org.people.get(ix).cloned().unwrap_or_default(),
            Some(Row::AddGoal | Row::AddUnit | Row::AddPerson) => String::new(),
            Some(Row::Currency) => return self.next_currency(),
            None => return,
        };
        if let Mode::Profile(editor) = &mut self.mode {
            editor.editing = Some(Input::new(text));
        }
    }

    /// The next currency, one undoable edit: the language's own first (NOK in Norwegian), the
    /// others, then none chosen.
    fn next_currency(&mut self) {
        let before = self.portfolio.organisation.clone();
        let mut after = before.clone();
        after.currency =
            crate::cycle::step_or_none(&Currency::offered(self.lang), before.currency.as_ref(), true);
        let said = match after.currency {
            Some(c) => self.lang.tf("profile.currency_set", &[("currency", &c.code())]),
            None => self.lang.t("profile.currency_unset").to_owned(),
        };
        if self.commit(Change::organisation(before, after)) {
            self.set_info(said);
        }
    }

    /// Applies the text typed for the selected row.
    pub(super) fn submit_profile_text(&mut self, mut editor: ProfileEditor) {
        let Some(input) = editor.editing.take() else {
            self.mode = Mode::Profile(editor);
            self.edit_profile_row();
            return;
        };
        let text = input.value().trim().to_owned();
        let row = editor.row(&self.portfolio.organisation);
        self.mode = Mode::Profile(editor);
        let before = self.portfolio.organisation.clone();
        let mut after = before.clone();
        let mut renames = Vec::new();
        if text.is_empty() && !matches!(row, Row::Name | Row::Vision | Row::Mission) {
            return;
        }
        match row {
            Row::Name => after.name = text,
            Row::Vision => after.vision = text,
            Row::Mission => after.mission = text,
            // Chosen with Enter, never typed.
            Row::Currency => return,
            Row::Goal(ix) => {
                if self.is_duplicate(after.goals.iter().map(|g| &g.title), &text, Some(ix)) {
                    return;
                }
                if let Some(goal) = after.goals.get_mut(ix) {
                    goal.title = text;
                }
            }
            Row::AddGoal => {
                if self.is_duplicate(after.goals.iter().map(|g| &g.title), &text, None) {
                    return;
                }
                let id = self.portfolio.allocate_id(Collection::Goal);
                after.goals.push(Goal { id, title: text, ..Goal::default() });
            }
            Row::Unit(ix) => {
                if self.is_duplicate(after.units.iter().map(|u| &u.name), &text, Some(ix)) {
                    return;
                }
                if let Some(unit) = after.units.get_mut(ix) {
                    renames.push((Renamed::Unit, std::mem::replace(&mut unit.name, text.clone()), text));
                }
            }
            Row::AddUnit => {
                if self.is_duplicate(after.units.iter().map(|u| &u.name), &text, None) {
                    return;
                }
                after.units.push(Unit { name: text, ..Unit::default() });
            }
            Row::Person(ix) => {
                if self.is_duplicate(after.people.iter(), &text, Some(ix)) {
                    return;
                }
                if let Some(person) = after.people.get_mut(ix) {
                    renames.push((Renamed::Owner, std::mem::replace(person, text.clone()), text));
                }
            }
            Row::AddPerson => {
                if self.is_duplicate(after.people.iter(), &text, None) {
                    return;
                }
                after.people.push(text);
            }
        }
        if before == after {
            return;
        }
        // Renaming a unit or a person renames it on the initiatives too, in the same step.
        let mut changes = vec![Change::organisation(before, after)];
        for (what, old, new) in renames {
            for i in &self.portfolio.initiatives {
                let field = match what {
                    Renamed::Unit => &i.unit,
                    Renamed::Owner => &i.owner,
                };
                if *field == old {
                    let mut moved = i.clone();
                    match what {
                        Renamed::Unit => moved.unit.clone_from(&new),
                        Renamed::Owner => moved.owner.clone_from(&new),
                    }
                    changes.push(Change::initiative(Some(i.clone()), Some(moved)));
                }
            }
        }
        let change = if changes.len() == 1 { changes.remove(0) } else { Change::Batch(changes) };
        self.commit(change);
        if let (Mode::Profile(editor), Row::AddGoal | Row::AddUnit | Row::AddPerson) = (&mut self.mode, row) {
            // Stay on the "add" row so several can be added in a row.
            editor.selected += 1;
        }
    }

    /// Refuses a name already in the list (ignoring case and diacritics), saying so.
    fn is_duplicate<'a>(
        &mut self,
        names: impl Iterator<Item = &'a String>,
        text: &str,
        except: Option<usize>,
    ) -> bool {
        let wanted = fold(text);
        let taken = names.enumerate().any(|(ix, n)| Some(ix) != except && fold(n) == wanted);
        if taken {
            self.set_error(self.lang.tf("profile.duplicate", &[("name", &text)]));
        }
        taken
    }

    /// Changes a copy of the profile with `edit` and commits it as one undoable step, unless
    /// `edit` refuses (with the reason to show, if any). True when committed.
    fn change_organisation(
        &mut self,
        edit: impl FnOnce(&Self, &mut Organisation) -> Result<(), Option<String>>,
    ) -> bool {
        if !self.writable() {
            return false;
        }
        let before = self.portfolio.organisation.clone();
        let mut after = before.clone();
        match edit(self, &mut after) {
            Ok(()) => self.commit(Change::organisation(before, after)),
            Err(reason) => {
                if let Some(text) = reason {
                    self.set_error(text);
                }
                false
            }
        }
    }

    fn delete_profile_row(&mut self) {
        let row = self.profile_row();
        let deleted = self.change_organisation(|app, org| {
            match row {
                Some(Row::Goal(ix)) => {
                    let goal = org.goals.get(ix).ok_or(None)?;
                    let used =
                        app.portfolio.initiatives.iter().filter(|i| i.goals.contains(&goal.id)).count();
                    if used > 0 {
                        return Err(Some(app.lang.tn(
                            "profile.goal_in_use",
                            used,
                            &[("title", &goal.title)],
                        )));
                    }
                    org.goals.remove(ix);
                }
                Some(Row::Unit(ix)) => {
                    let unit = org.units.get(ix).ok_or(None)?;
                    let used = app
                        .portfolio
                        .initiatives
                        .iter()
                        .filter(|i| fold(&i.unit) == fold(&unit.name))
                        .count();
                    if used > 0 {
                        return Err(Some(app.lang.tn("profile.unit_in_use", used, &[("name", &unit.name)])));
                    }
                    org.units.remove(ix);
                }
                Some(Row::Person(ix)) if ix < org.people.len() => {
                    org.people.remove(ix);
                }
                _ => return Err(None),
            }
            Ok(())
        });
        if deleted {
            self.clamp_profile_selection();
        }
    }

    fn toggle_retired(&mut self) {
        let row = self.profile_row();
        self.change_organisation(|_, org| {
            let retired = match row {
                Some(Row::Goal(ix)) => org.goals.get_mut(ix).map(|g| &mut g.retired),
                Some(Row::Unit(ix)) => org.units.get_mut(ix).map(|u| &mut u.retired),
                _ => return Err(None),
            };
            if let Some(retired) = retired {
                *retired = !*retired;
            }
            Ok(())
        });
    }

    fn move_goal(&mut self, down: bool) {
        let Some(Row::Goal(ix)) = self.profile_row() else { return };
        let len = self.portfolio.organisation.goals.len();
        let to = if down { ix + 1 } else { ix.wrapping_sub(1) };
        if to >= len {
            return;
        }
        if self.change_organisation(|_, org| {
            org.goals.swap(ix, to);
            Ok(())
        }) && let Mode::Profile(editor) = &mut self.mode
        {
            editor.selected = editor.selected + to - ix;
        }
    }

    fn clamp_profile_selection(&mut self) {
        let rows = Row::all(&self.portfolio.organisation).len();
        if let Mode::Profile(editor) = &mut self.mode {
            editor.selected = editor.selected.min(rows - 1);
        }
    }

    /// After an initiative names a unit or owner the profile does not list, offers to add it.
    pub(super) fn offer_new_names(&mut self, unit: &str, owner: &str) {
        let org = &self.portfolio.organisation;
        let known_unit = unit.is_empty() || org.units.iter().any(|u| fold(&u.name) == fold(unit));
        let known_owner = owner.is_empty() || org.people.iter().any(|p| fold(p) == fold(owner));
        self.suggested = match (known_unit, known_owner) {
            (false, _) => Some((Renamed::Unit, unit.to_owned())),
            (true, false) => Some((Renamed::Owner, owner.to_owned())),
            (true, true) => None,
        };
        if let Some((what, name)) = &self.suggested {
            let key = match what {
                Renamed::Unit => "profile.offer_unit",
                Renamed::Owner => "profile.offer_owner",
            };
            let text = self.lang.tf(key, &[("name", name)]);
            let saved = self.news();
            self.set_info(format!("{saved} {text}"));
        }
    }

    fn add_suggested(&mut self) {
        let Some((what, name)) = self.suggested.take() else {
            // Offered only after a save names someone new; pressed anyway, it says so.
            self.set_info(self.lang.t("profile.nothing_suggested").to_owned());
            return;
        };
        if self.change_organisation(|_, org| {
            match what {
                Renamed::Unit => org.units.push(Unit { name: name.clone(), ..Unit::default() }),
                Renamed::Owner => org.people.push(name.clone()),
            }
            Ok(())
        }) {
            self.set_info(self.lang.tf("profile.added", &[("name", &name)]));
        }
    }
}

/// Which list a name belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Renamed {
    Unit,
    Owner,
}
