//! Where the keyboard is: the places whose key bindings are live now, most specific first,
//! and what a key no binding claims does. The keymap reads only this, never the app.

use super::benefits::{BenefitDialog, dialog_places, dialog_takes_text};
use super::{App, CultureMode, Mode, ProfileEditor};
use crate::action::{Action, CultureAction, GridAction, KeyContext, Pane, Place, ProfileAction, Unbound};
use crate::i18n::Lang;

impl App {
    /// What the keymap needs to map the next key.
    pub fn key_context(&self) -> KeyContext {
        KeyContext {
            places: self.places(),
            unbound: self.unbound(),
            too_small: self.too_small(),
            writing: self.writing(),
        }
    }

    /// The places live now, most specific first.
    pub fn places(&self) -> &'static [Place] {
        self.places_in(&self.mode)
    }

    /// The places live in `mode` (the help overlay lists those of the mode it was opened
    /// from).
    pub fn places_in(&self, mode: &Mode) -> &'static [Place] {
        match mode {
            Mode::Normal if self.first_run => match self.pane {
                Pane::Initiatives => {
                    &[Place::Welcome, Place::Table, Place::Register, Place::Lists, Place::Everywhere]
                }
                Pane::Portfolio => {
                    &[Place::Welcome, Place::Grid, Place::Register, Place::Lists, Place::Everywhere]
                }
                Pane::Culture => &[Place::Welcome, Place::Runs, Place::Lists, Place::Everywhere],
                Pane::Overview => &[Place::Welcome, Place::Overview, Place::Everywhere],
            },
            Mode::Normal => pane_places(self.pane),
            Mode::Profile(ProfileEditor { editing: Some(_), .. }) => &[Place::ProfileText],
            Mode::Profile(_) => &[Place::Profile],
            Mode::Help { .. } => &[Place::Help],
            Mode::Command(_) => &[Place::CommandLine],
            Mode::Search(_) => &[Place::Search],
            Mode::FilterBar { .. } => &[Place::FilterBar],
            Mode::Detail { .. } => &[Place::Detail, Place::SubView],
            Mode::Form(form) if form.benefit.as_ref().is_some_and(BenefitDialog::is_question) => {
                self.question()
            }
            Mode::Form(form) if form.benefit.is_some() => {
                dialog_places(form.benefit.as_ref()).unwrap_or(&[Place::Form])
            }
            Mode::Benefits(view) if view.dialog.as_ref().is_some_and(BenefitDialog::is_question) => {
                self.question()
            }
            Mode::Benefits(view) => view.places(),
            Mode::Form(form) if form.confirm_discard => self.question(),
            Mode::Form(_) => &[Place::Form],
            Mode::Confirm(_) => self.question(),
            Mode::LogEntry { .. } => &[Place::LogEntry],
            Mode::Recovery(_) if self.says_ja() => &[Place::RecoveryJa, Place::Recovery],
            Mode::Recovery(_) => &[Place::Recovery],
            Mode::External(_) => &[Place::External],
            Mode::Mapping(_) => &[Place::Mapping],
            Mode::Conflicts(dialog) if dialog.editing.is_some() => &[Place::ConflictEdit],
            Mode::Conflicts(_) => &[Place::Conflict],
            Mode::Intake(list) if list.form.as_ref().is_some_and(|f| f.confirm_discard) => self.question(),
            Mode::Intake(list) if list.form.is_some() => &[Place::IdeaForm],
            Mode::Intake(list) if list.prompt.is_some() => &[Place::IntakeText],
            Mode::Intake(_) => &[Place::Intake, Place::SubView],
            Mode::Placement(_) => &[Place::Placement],
            Mode::Culture(CultureMode::Entry(entry)) if entry.asking => self.question(),
            Mode::Culture(mode) => mode.places(),
        }
    }

    /// Whether a key for `action` can do something now in `mode` (the footer's mode, or the
    /// one the help was opened from), so that neither offers a key that would do nothing:
    /// what acts on the selected initiative (or action of a plan) only while one is selected,
    /// `+` only while a name waits to be added to the profile, `↓` in results only with more
    /// below.
    pub fn offers_now(&self, mode: &Mode, action: &Action) -> bool {
        let on_selected = matches!(
            action,
            Action::OpenSelected
                | Action::EditSelected
                | Action::AddLogEntry
                | Action::DeleteSelected
                | Action::ToggleArchived
                | Action::Grid(GridAction::OpenPlacement | GridAction::MoveInitiative(_))
        );
        let scrolled = match mode {
            Mode::Culture(CultureMode::Results { scroll, .. } | CultureMode::Comparison { scroll, .. }) => {
                Some(*scroll)
            }
            _ => None,
        };
        match action {
            _ if on_selected && matches!(mode, Mode::Normal) => self.selected_id().is_some(),
            // Results and the comparison offer `↓` only while there is more below.
            Action::MoveDown if scrolled.is_some() => {
                scrolled.is_some_and(|s| self.culture.results_room.get().is_none_or(|room| s < room))
            }
            Action::Profile(ProfileAction::AddSuggested) => self.suggested.is_some(),
            Action::MoveDown => !matches!(mode, Mode::Profile(p) if p.at_last(&self.portfolio.organisation)),
            Action::DeleteSelected
            | Action::Culture(CultureAction::EditAction | CultureAction::ToggleDone) => match mode {
                Mode::Culture(CultureMode::Plan { assessment, .. }) => {
                    !self.plan_rows(*assessment).is_empty()
                }
                _ => true,
            },
            _ => true,
        }
    }

    /// Keeps the help overlay's scroll within `max` (how far its lines reach at this size,
    /// which only drawing knows): a key back up moves at once after `G` or `PgDn`.
    pub fn keep_help_within(&mut self, max: u16) {
        if let Mode::Help { scroll, .. } = &mut self.mode {
            *scroll = (*scroll).min(max);
        }
    }

    /// The lines a page-wise move scrolls the help overlay: those in view but one, which
    /// stays in view. `None` when the help is not open.
    pub(super) fn help_page(&self) -> Option<usize> {
        let Mode::Help { .. } = self.mode else { return None };
        let compact = crate::layout::Density::of(self.size_rect()).is_compact();
        let overlay = crate::layout::help_overlay(self.screen().body, compact);
        Some(usize::from(overlay.height.saturating_sub(3)))
    }

    /// Leaves a view where a pane digit answers nothing (see [`Place::SubView`]) for the pane
    /// beneath, as `Esc` would, so that the digit switches pane from there; the list of every
    /// benefit is kept for the next `b`, as `Esc` keeps it.
    pub(super) fn leave_sub_view(&mut self) {
        if !self.places().contains(&Place::SubView) {
            return;
        }
        let mut mode = std::mem::replace(&mut self.mode, Mode::Normal);
        // An initiative opened from the list of every benefit leaves that list, kept.
        while let Mode::Detail { back: Some(back), .. } = mode {
            mode = *back;
        }
        if let Mode::Benefits(view) = mode {
            self.mode = Mode::Benefits(view);
            self.leave_benefits(Mode::Normal);
        }
    }

    /// The places of a yes/no question: the language's own yes comes first.
    fn question(&self) -> &'static [Place] {
        if self.says_ja() { &[Place::ConfirmJa, Place::Confirm] } else { &[Place::Confirm] }
    }

    /// Whether the interface's language says yes with `j` (ja): Swedish, Danish, Norwegian.
    fn says_ja(&self) -> bool {
        matches!(self.lang, Lang::Sv | Lang::Da | Lang::Nb)
    }

    /// What a key no binding claims does now.
    fn unbound(&self) -> Unbound {
        match &self.mode {
            // Anything but yes answers no.
            Mode::Confirm(_) => Unbound::Cancel,
            Mode::Form(form) if form.benefit.is_some() => {
                form.benefit.as_ref().map_or(Unbound::Ignore, dialog_unbound)
            }
            Mode::Benefits(view) => view.dialog.as_ref().map_or(Unbound::Ignore, dialog_unbound),
            Mode::Form(form) if form.confirm_discard => Unbound::Cancel,
            // Typing over the external-change dialog arrives as text too, so that it can be
            // said to be ignored (it never answers the dialog).
            Mode::Command(_)
            | Mode::External(_)
            | Mode::Search(_)
            | Mode::LogEntry { .. }
            | Mode::Form(_)
            | Mode::Profile(ProfileEditor { editing: Some(_), .. }) => Unbound::Edit,
            Mode::Culture(CultureMode::Entry(entry)) if entry.asking => Unbound::Cancel,
            Mode::Culture(mode) if mode.takes_text() => Unbound::Edit,
            Mode::Conflicts(dialog) if dialog.editing.is_some() => Unbound::Edit,
            Mode::Intake(list) if list.form.as_ref().is_some_and(|f| f.confirm_discard) => Unbound::Cancel,
            Mode::Intake(list) if list.prompt.is_some() || list.form.is_some() => Unbound::Edit,
            _ => Unbound::Ignore,
        }
    }
}

/// What an unclaimed key does over a benefit dialog: types, or answers no to its question.
fn dialog_unbound(dialog: &super::BenefitDialog) -> Unbound {
    if dialog.is_question() {
        Unbound::Cancel
    } else if dialog_takes_text(Some(dialog)) {
        Unbound::Edit
    } else {
        Unbound::Ignore
    }
}

/// The places live in normal mode in `pane`, most specific first.
pub fn pane_places(pane: Pane) -> &'static [Place] {
    match pane {
        Pane::Initiatives => &[Place::Table, Place::Register, Place::Lists, Place::Everywhere],
        Pane::Portfolio => &[Place::Grid, Place::Register, Place::Lists, Place::Everywhere],
        Pane::Culture => &[Place::Runs, Place::Lists, Place::Everywhere],
        Pane::Overview => &[Place::Overview, Place::Everywhere],
    }
}
