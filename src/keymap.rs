//! Keys to actions, per place. The table is also the source of the help overlay and the
//! footer hints, so what the help says is what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::action::Action;
use crate::app::{App, Mode, OverviewAction, Pane, ProfileAction, ProfileEditor};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Normal mode, every pane.
    Everywhere,
    /// Normal mode, panes with a list or grid.
    Lists,
    /// Normal mode, panes that list initiatives (Portfolio and Initiatives).
    Register,
    /// Normal mode, the Initiatives pane only.
    Table,
    /// The help overlay.
    Help,
    /// The `:` command line.
    CommandLine,
    /// Typing the text filter after `/`.
    Search,
    /// The filter bar.
    FilterBar,
    /// Reading one initiative.
    Detail,
    /// The initiative form.
    Form,
    /// A yes/no question (delete, discard changes).
    Confirm,
    /// Typing a log line.
    LogEntry,
    /// Normal mode, the Overview pane.
    Overview,
    /// Normal mode on a first run: the welcome's choices.
    Welcome,
    /// The organisation profile editor.
    Profile,
    /// Typing a value in the profile editor.
    ProfileText,
}

/// One key binding with its help text (an i18n key).
pub struct Binding {
    pub place: Place,
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// How the keys are written in help and footer.
    pub label: &'static str,
    pub help: &'static str,
    /// Shown in the footer as one of the most useful keys here.
    pub footer: bool,
    pub action: Action,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

macro_rules! bind {
    ($place:ident, [$($code:expr => $mods:expr),+], $label:literal, $help:literal, $footer:literal, $action:expr) => {
        Binding {
            place: Place::$place,
            keys: &[$(($code, $mods)),+],
            label: $label,
            help: $help,
            footer: $footer,
            action: $action,
        }
    };
}

use KeyCode::{
    BackTab, Char, Down, End, Enter, Esc, Home, Left, PageDown as PgDn, PageUp as PgUp, Right, Tab, Up,
};

const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

pub static BINDINGS: &[Binding] = &[
    bind!(Everywhere, [Char('1') => NONE], "1", "help.pane_portfolio", false, Action::ShowPane(Pane::Portfolio)),
    bind!(Everywhere, [Char('2') => NONE], "2", "help.pane_initiatives", false, Action::ShowPane(Pane::Initiatives)),
    bind!(Everywhere, [Char('3') => NONE], "3", "help.pane_culture", false, Action::ShowPane(Pane::Culture)),
    bind!(Everywhere, [Char('4') => NONE], "4", "help.pane_overview", false, Action::ShowPane(Pane::Overview)),
    bind!(Everywhere, [Tab => NONE], "Tab", "help.next_pane", false, Action::ShowNextPane),
    bind!(Everywhere, [BackTab => KeyModifiers::SHIFT, BackTab => NONE], "Shift-Tab", "help.previous_pane", false, Action::ShowPreviousPane),
    bind!(Lists, [Up => NONE, Char('k') => NONE], "↑ k", "help.move_up", false, Action::MoveUp),
    bind!(Lists, [Down => NONE, Char('j') => NONE], "↓ j", "help.move_down", true, Action::MoveDown),
    bind!(Lists, [Left => NONE, Char('h') => NONE], "← h", "help.move_left", false, Action::MoveLeft),
    bind!(Lists, [Right => NONE, Char('l') => NONE], "→ l", "help.move_right", false, Action::MoveRight),
    bind!(Lists, [Char('g') => NONE, Home => NONE], "g Home", "help.first", false, Action::MoveToFirst),
    bind!(Lists, [Char('G') => NONE, End => NONE], "G End", "help.last", false, Action::MoveToLast),
    bind!(Lists, [PgUp => NONE], "PgUp", "help.page_up", false, Action::PageUp),
    bind!(Lists, [PgDn => NONE], "PgDn", "help.page_down", false, Action::PageDown),
    bind!(Register, [Enter => NONE], "Enter", "help.open", false, Action::OpenSelected),
    bind!(Register, [Char('n') => NONE], "n", "help.new", true, Action::NewInitiative),
    bind!(Register, [Char('e') => NONE], "e", "help.edit", true, Action::EditSelected),
    bind!(Register, [Char('a') => NONE], "a", "help.log", true, Action::AddLogEntry),
    bind!(Register, [Char('d') => NONE], "d", "help.delete", false, Action::DeleteSelected),
    bind!(Register, [Char('x') => NONE], "x", "help.archive", false, Action::ToggleArchived),
    bind!(Register, [Char('/') => NONE], "/", "help.search", true, Action::StartSearch),
    bind!(Register, [Char('f') => NONE], "f", "help.filter_bar", false, Action::OpenFilterBar),
    bind!(Register, [Char('F') => NONE], "F", "help.clear_filters", false, Action::ClearFilters),
    bind!(Table, [Char('s') => NONE], "s", "help.sort", false, Action::CycleSort),
    bind!(Table, [Char('X') => NONE], "X", "help.show_archived", false, Action::ToggleShowArchived),
    bind!(Everywhere, [Char('u') => NONE], "u", "help.undo", true, Action::Undo),
    bind!(Everywhere, [Char('r') => CTRL], "Ctrl-r", "help.redo", false, Action::Redo),
    bind!(Everywhere, [Char(':') => NONE], ":", "help.command_line", true, Action::OpenCommandLine),
    bind!(Everywhere, [Char('?') => NONE], "?", "help.help", true, Action::ToggleHelp),
    bind!(Everywhere, [Char('q') => NONE, Char('c') => CTRL], "q Ctrl-c", "help.quit", true, Action::Quit),
    bind!(Help, [Esc => NONE, Char('?') => NONE, Char('q') => NONE], "Esc ? q", "help.close_help", true, Action::ToggleHelp),
    bind!(Help, [Down => NONE, Char('j') => NONE], "↓ j", "help.scroll_down", true, Action::MoveDown),
    bind!(Help, [Up => NONE, Char('k') => NONE], "↑ k", "help.scroll_up", true, Action::MoveUp),
    bind!(CommandLine, [Enter => NONE], "Enter", "help.run_command", true, Action::Submit),
    bind!(CommandLine, [Esc => NONE, Char('c') => CTRL], "Esc", "help.cancel", true, Action::Cancel),
    bind!(Search, [Enter => NONE], "Enter", "help.keep_filter", true, Action::Submit),
    bind!(Search, [Esc => NONE], "Esc", "help.clear_filter", true, Action::Cancel),
    bind!(FilterBar, [Up => NONE, Char('k') => NONE], "↑ k", "help.filter_previous_row", false, Action::MoveUp),
    bind!(FilterBar, [Down => NONE, Char('j') => NONE], "↓ j", "help.filter_next_row", true, Action::MoveDown),
    bind!(FilterBar, [Left => NONE, Char('h') => NONE], "← h", "help.filter_previous_value", false, Action::MoveLeft),
    bind!(FilterBar, [Right => NONE, Char('l') => NONE, Char(' ') => NONE], "→ l", "help.filter_next_value", true, Action::MoveRight),
    bind!(FilterBar, [Char('F') => NONE, Char('c') => NONE], "F c", "help.clear_filters", true, Action::ClearFilters),
    bind!(FilterBar, [Esc => NONE, Enter => NONE, Char('f') => NONE], "Esc Enter", "help.close", true, Action::Submit),
    bind!(Detail, [Down => NONE, Char('j') => NONE], "↓ j", "help.scroll_down", true, Action::MoveDown),
    bind!(Detail, [Up => NONE, Char('k') => NONE], "↑ k", "help.scroll_up", false, Action::MoveUp),
    bind!(Detail, [PgDn => NONE], "PgDn", "help.page_down", false, Action::PageDown),
    bind!(Detail, [PgUp => NONE], "PgUp", "help.page_up", false, Action::PageUp),
    bind!(Detail, [Char('e') => NONE], "e", "help.edit", true, Action::EditSelected),
    bind!(Detail, [Char('a') => NONE], "a", "help.log", true, Action::AddLogEntry),
    bind!(Detail, [Esc => NONE, Enter => NONE, Char('q') => NONE], "Esc", "help.close", true, Action::Cancel),
    bind!(Detail, [Char('?') => NONE], "?", "help.help", true, Action::ToggleHelp),
    bind!(FilterBar, [Char('?') => NONE], "?", "help.help", true, Action::ToggleHelp),
    bind!(Form, [KeyCode::F(1) => NONE], "F1", "help.help", true, Action::ToggleHelp),
    bind!(LogEntry, [KeyCode::F(1) => NONE], "F1", "help.help", true, Action::ToggleHelp),
    bind!(Search, [KeyCode::F(1) => NONE], "F1", "help.help", true, Action::ToggleHelp),
    bind!(CommandLine, [KeyCode::F(1) => NONE], "F1", "help.help", true, Action::ToggleHelp),
    bind!(Form, [Tab => NONE, Down => NONE], "Tab ↓", "help.next_field", true, Action::NextField),
    bind!(Form, [BackTab => SHIFT, BackTab => NONE, Up => NONE], "Shift-Tab ↑", "help.previous_field", false, Action::PreviousField),
    bind!(Form, [Char('s') => CTRL], "Ctrl-s", "help.save_form", true, Action::SaveForm),
    bind!(Form, [Enter => NONE], "Enter", "help.save_form_enter", false, Action::Submit),
    bind!(Form, [Esc => NONE], "Esc", "help.cancel_form", true, Action::Cancel),
    bind!(Confirm, [Char('y') => NONE, Char('Y') => NONE], "y", "help.yes", true, Action::ConfirmYes),
    bind!(LogEntry, [Enter => NONE], "Enter", "help.add_log", true, Action::Submit),
    bind!(LogEntry, [Tab => NONE], "Tab", "help.log_kind", true, Action::NextField),
    bind!(LogEntry, [BackTab => SHIFT, BackTab => NONE], "Shift-Tab", "help.log_kind", false, Action::PreviousField),
    bind!(LogEntry, [Esc => NONE], "Esc", "help.cancel", true, Action::Cancel),
    bind!(Register, [Char('+') => NONE], "+", "help.add_suggested", false, Action::Profile(ProfileAction::AddSuggested)),
    bind!(Overview, [Char('o') => NONE], "o", "help.profile", true, Action::Profile(ProfileAction::Open)),
    bind!(Welcome, [Char('o') => NONE], "o", "help.welcome_start", true, Action::Profile(ProfileAction::Start)),
    bind!(Welcome, [Char('D') => NONE], "D", "help.welcome_demo", true, Action::OpenDemo),
    bind!(Welcome, [Char('I') => NONE], "I", "help.welcome_import", true, Action::StartImport),
    bind!(Profile, [Down => NONE, Char('j') => NONE], "↓ j", "help.move_down", true, Action::MoveDown),
    bind!(Profile, [Up => NONE, Char('k') => NONE], "↑ k", "help.move_up", false, Action::MoveUp),
    bind!(Profile, [Enter => NONE, Char('e') => NONE], "Enter e", "help.profile_edit", true, Action::Profile(ProfileAction::EditRow)),
    bind!(Profile, [Char('d') => NONE], "d", "help.profile_delete", false, Action::Profile(ProfileAction::DeleteRow)),
    bind!(Profile, [Char('r') => NONE], "r", "help.profile_retire", true, Action::Profile(ProfileAction::ToggleRetired)),
    bind!(Profile, [Char('K') => NONE], "K", "help.profile_goal_up", false, Action::Profile(ProfileAction::MoveGoalUp)),
    bind!(Profile, [Char('J') => NONE], "J", "help.profile_goal_down", false, Action::Profile(ProfileAction::MoveGoalDown)),
    bind!(Profile, [Char('u') => NONE], "u", "help.undo", true, Action::Undo),
    bind!(Profile, [Char('r') => CTRL], "Ctrl-r", "help.redo", false, Action::Redo),
    bind!(Profile, [Esc => NONE, Char('q') => NONE], "Esc", "help.close", true, Action::Cancel),
    bind!(Profile, [Char('?') => NONE], "?", "help.help", true, Action::ToggleHelp),
    bind!(ProfileText, [Enter => NONE], "Enter", "help.profile_apply", true, Action::Submit),
    bind!(ProfileText, [Esc => NONE], "Esc", "help.cancel", true, Action::Cancel),
    bind!(ProfileText, [KeyCode::F(1) => NONE], "F1", "help.help", true, Action::ToggleHelp),
    // Overview
    bind!(Overview, [Down => NONE, Char('j') => NONE], "↓ j", "overview.help_next", false, Action::Overview(OverviewAction::Next)),
    bind!(Overview, [Up => NONE, Char('k') => NONE], "↑ k", "overview.help_previous", false, Action::Overview(OverviewAction::Previous)),
    bind!(Overview, [Enter => NONE], "Enter", "overview.help_open", true, Action::Overview(OverviewAction::Open)),
    bind!(Overview, [Char('g') => NONE, Home => NONE], "g Home", "overview.help_first", false, Action::Overview(OverviewAction::First)),
    bind!(Overview, [Char('G') => NONE, End => NONE], "G End", "overview.help_last", false, Action::Overview(OverviewAction::Last)),
    bind!(Overview, [PgDn => NONE], "PgDn", "overview.help_page_down", false, Action::Overview(OverviewAction::ScrollDown)),
    bind!(Overview, [PgUp => NONE], "PgUp", "overview.help_page_up", false, Action::Overview(OverviewAction::ScrollUp)),
];

fn matches(binding: &Binding, key: &KeyEvent) -> bool {
    binding.keys.iter().any(|(code, mods)| {
        // Letters carry their case in the code; terminals differ in also reporting SHIFT.
        let pressed =
            if matches!(key.code, Char(_)) { key.modifiers - KeyModifiers::SHIFT } else { key.modifiers };
        *code == key.code && *mods == pressed
    })
}

/// The places whose bindings are live now, most specific first.
pub fn places(app: &App) -> &'static [Place] {
    places_for(&app.mode, app.pane, app.first_run)
}

/// The places live in `mode` on `pane` (`first_run`: the data file does not exist yet).
pub fn places_for(mode: &Mode, pane: Pane, first_run: bool) -> &'static [Place] {
    match mode {
        Mode::Normal if first_run => match pane {
            Pane::Initiatives => {
                &[Place::Welcome, Place::Table, Place::Register, Place::Lists, Place::Everywhere]
            }
            Pane::Portfolio => &[Place::Welcome, Place::Register, Place::Lists, Place::Everywhere],
            Pane::Culture => &[Place::Welcome, Place::Lists, Place::Everywhere],
            Pane::Overview => &[Place::Welcome, Place::Overview, Place::Everywhere],
        },
        Mode::Profile(ProfileEditor { editing: Some(_), .. }) => &[Place::ProfileText],
        Mode::Profile(_) => &[Place::Profile],
        Mode::Help { .. } => &[Place::Help],
        Mode::Command(_) => &[Place::CommandLine],
        Mode::Search(_) => &[Place::Search],
        Mode::FilterBar { .. } => &[Place::FilterBar],
        Mode::Detail { .. } => &[Place::Detail],
        Mode::Form(form) if form.confirm_discard => &[Place::Confirm],
        Mode::Form(_) => &[Place::Form],
        Mode::Confirm(_) => &[Place::Confirm],
        Mode::LogEntry { .. } => &[Place::LogEntry],
        Mode::Normal => match pane {
            Pane::Initiatives => &[Place::Table, Place::Register, Place::Lists, Place::Everywhere],
            Pane::Portfolio => &[Place::Register, Place::Lists, Place::Everywhere],
            Pane::Culture => &[Place::Lists, Place::Everywhere],
            Pane::Overview => &[Place::Overview, Place::Everywhere],
        },
    }
}

/// The bindings that apply now, in table order.
pub fn live_bindings(app: &App) -> impl Iterator<Item = &'static Binding> {
    let places = places(app);
    BINDINGS.iter().filter(move |b| places.contains(&b.place))
}

/// What a key does here, if anything.
pub fn action_for(app: &App, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if app.too_small() {
        let quit = matches!((key.code, key.modifiers), (Char('q'), _) | (Char('c'), CTRL));
        return quit.then_some(Action::Quit);
    }
    if let Some(binding) = live_bindings(app).find(|b| matches(b, &key)) {
        return Some(binding.action.clone());
    }
    match &app.mode {
        Mode::Form(form) if form.confirm_discard => Some(Action::Cancel),
        Mode::Command(_)
        | Mode::Search(_)
        | Mode::LogEntry { .. }
        | Mode::Form(_)
        | Mode::Profile(ProfileEditor { editing: Some(_), .. }) => Some(Action::TypeKey(key)),
        // Anything but yes cancels.
        Mode::Confirm(_) => Some(Action::Cancel),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_place() {
        for a in BINDINGS {
            for b in BINDINGS.iter().filter(|b| !std::ptr::eq(*b, a) && b.place == a.place) {
                for key in a.keys {
                    assert!(!b.keys.contains(key), "{key:?} bound twice in {:?}", a.place);
                }
            }
        }
    }

    #[test]
    fn every_help_text_exists_in_english() {
        for b in BINDINGS {
            assert_ne!(crate::i18n::Lang::En.t(b.help), b.help, "missing catalog key {}", b.help);
        }
    }
}
