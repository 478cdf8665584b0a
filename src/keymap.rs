//! Keys to actions, per place. The table is also the source of the help overlay and the
//! footer hints, so what the help says is what the keys do.
//!
//! The app tells which places are live (a [`KeyContext`], most specific place first); a key
//! is looked up in that order, so a binding of the welcome or of a dialog wins over the same
//! key bound for the pane beneath it. This module knows the terminal's key events and the
//! actions, never the app's state.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::action::{
    Action, BenefitAction, ConflictAction, CultureAction, Direction, Edit, GridAction, IdeaAction,
    KeyContext, MappingAction, OverviewAction, Pane, Place, ProfileAction, Unbound, Writing,
};
use crate::model::{CreatedTo, PushedBy};

/// One key binding with its help text (an i18n key).
pub struct Binding {
    /// Where the binding is live: one place, or several where the key means the same (the
    /// two record forms' field keys, a help key several dialogs give alike).
    pub places: &'static [Place],
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// How the keys are written in help and footer.
    pub label: &'static str,
    pub help: &'static str,
    /// Shown in the footer as one of the most useful keys here.
    pub footer: bool,
    pub action: Action,
}

impl Binding {
    /// Whether the binding is live in `place`.
    pub fn serves(&self, place: Place) -> bool {
        self.places.contains(&place)
    }
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

macro_rules! bind {
    ($place:ident, $($rest:tt)+) => {
        bind!([$place], $($rest)+)
    };
    ([$($place:ident),+], [$($code:expr => $mods:expr),+], $label:expr, $help:literal, $footer:literal, $action:expr) => {
        Binding {
            places: &[$(Place::$place),+],
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

/// The label of the rating's digits, which help and footer write as the run's scale.
pub const SCORE_LABEL: &str = "0-9";

pub static BINDINGS: &[Binding] = &[
    bind!(Anywhere, [Char('l') => CTRL], "Ctrl-l", "help.redraw", false, Action::Redraw),
    bind!([Everywhere, SubView], [Char('1') => NONE], "1", "help.pane_portfolio", false, Action::ShowPane(Pane::Portfolio)),
    bind!([Everywhere, SubView], [Char('2') => NONE], "2", "help.pane_initiatives", false, Action::ShowPane(Pane::Initiatives)),
    bind!([Everywhere, SubView], [Char('3') => NONE], "3", "help.pane_culture", false, Action::ShowPane(Pane::Culture)),
    bind!([Everywhere, SubView], [Char('4') => NONE], "4", "help.pane_overview", false, Action::ShowPane(Pane::Overview)),
    bind!(Everywhere, [Tab => NONE], "Tab", "help.next_pane", false, Action::ShowNextPane),
    bind!(Everywhere, [BackTab => KeyModifiers::SHIFT, BackTab => NONE], "Shift-Tab", "help.previous_pane", false, Action::ShowPreviousPane),
    bind!(Lists, [Up => NONE, Char('k') => NONE], "↑ k", "help.move_up", false, Action::MoveUp),
    bind!(Lists, [Down => NONE, Char('j') => NONE], "↓ j", "help.move_down", true, Action::MoveDown),
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
    bind!(Everywhere, [Char('T') => NONE], "T", "help.takeover", true, Action::TakeOver),
    bind!(Everywhere, [Char('R') => NONE], "R", "external.help_open", true, Action::OpenExternalChange),
    bind!(Everywhere, [Char(':') => NONE], ":", "help.command_line", true, Action::OpenCommandLine),
    bind!(Everywhere, [Char('i') => NONE], "i", "help.intake", false, Action::Idea(IdeaAction::OpenList)),
    bind!(Intake, [Down => NONE, Char('j') => NONE], "↓ j", "help.move_down", false, Action::MoveDown),
    bind!(Intake, [Up => NONE, Char('k') => NONE], "↑ k", "help.move_up", false, Action::MoveUp),
    bind!(Intake, [Char('g') => NONE, Home => NONE], "g Home", "help.first", false, Action::MoveToFirst),
    bind!(Intake, [Char('G') => NONE, End => NONE], "G End", "help.last", false, Action::MoveToLast),
    bind!(Intake, [PgUp => NONE], "PgUp", "help.page_up", false, Action::PageUp),
    bind!(Intake, [PgDn => NONE], "PgDn", "help.page_down", false, Action::PageDown),
    bind!(Intake, [Char('n') => NONE], "n", "help.intake_new", true, Action::NewInitiative),
    bind!(Intake, [Char('e') => NONE], "e", "help.intake_edit", true, Action::EditSelected),
    bind!(Intake, [Char('b') => NONE], "b", "help.intake_assess", true, Action::Idea(IdeaAction::Assess)),
    bind!(Intake, [Char('y') => NONE], "y", "help.intake_accept", true, Action::Idea(IdeaAction::Accept)),
    bind!(Intake, [Char('x') => NONE], "x", "help.intake_decline", true, Action::Idea(IdeaAction::Decline)),
    bind!(Intake, [Char('m') => NONE], "m", "help.intake_merge", false, Action::Idea(IdeaAction::Merge)),
    bind!(Intake, [Char('p') => NONE], "p", "help.intake_park", false, Action::Idea(IdeaAction::Park)),
    bind!(Intake, [Char('t') => NONE], "t", "help.intake_told", true, Action::Idea(IdeaAction::Told)),
    bind!(Intake, [Char('r') => NONE], "r", "help.intake_reopen", false, Action::Idea(IdeaAction::Reopen)),
    bind!(Intake, [Enter => NONE], "Enter", "help.open", false, Action::OpenSelected),
    bind!(Intake, [Char('u') => NONE], "u", "help.undo", false, Action::Undo),
    bind!(Intake, [Char('r') => CTRL], "Ctrl-r", "help.redo", false, Action::Redo),
    bind!(Intake, [Esc => NONE, Char('q') => NONE], "Esc q", "help.close", true, Action::Cancel),
    bind!(Intake, [Char('?') => NONE], "?", "help.help", false, Action::ToggleHelp),
    bind!(IntakeText, [Enter => NONE], "Enter", "help.intake_submit", true, Action::Submit),
    bind!(IntakeText, [Esc => NONE], "Esc", "help.cancel", true, Action::Cancel),
    bind!(IntakeText, [KeyCode::F(1) => NONE], "F1", "help.help", false, Action::ToggleHelp),
    bind!(Everywhere, [Char('?') => NONE], "?", "help.help", true, Action::ToggleHelp),
    bind!(Everywhere, [Char('q') => NONE, Char('c') => CTRL], "q Ctrl-c", "help.quit", true, Action::Quit),
    bind!(Help, [Esc => NONE, Char('?') => NONE, Char('q') => NONE], "Esc ? q", "help.close_help", true, Action::ToggleHelp),
    bind!(Help, [Down => NONE, Char('j') => NONE], "↓ j", "help.scroll_down", true, Action::MoveDown),
    bind!(Help, [Up => NONE, Char('k') => NONE], "↑ k", "help.scroll_up", true, Action::MoveUp),
    bind!(Help, [PgDn => NONE], "PgDn", "help.page_down", false, Action::PageDown),
    bind!(Help, [PgUp => NONE], "PgUp", "help.page_up", false, Action::PageUp),
    bind!(Help, [Char('g') => NONE, Home => NONE], "g Home", "help.first", false, Action::MoveToFirst),
    bind!(Help, [Char('G') => NONE, End => NONE], "G End", "help.last", false, Action::MoveToLast),
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
    bind!(Detail, [Char('g') => NONE, Home => NONE], "g Home", "help.first", false, Action::MoveToFirst),
    bind!(Detail, [Char('G') => NONE, End => NONE], "G", "help.last", true, Action::MoveToLast),
    bind!(Detail, [Char('e') => NONE], "e", "help.edit", true, Action::EditSelected),
    bind!(Detail, [Char('a') => NONE], "a", "help.log", true, Action::AddLogEntry),
    bind!(Detail, [Esc => NONE, Enter => NONE, Char('q') => NONE], "Esc q", "help.close", true, Action::Cancel),
    bind!([Detail, FilterBar], [Char('?') => NONE], "?", "help.help", true, Action::ToggleHelp),
    // Where `?` is typed, F1 opens the help.
    bind!([Form, LogEntry, Search, CommandLine], [KeyCode::F(1) => NONE], "F1", "help.help", true, Action::ToggleHelp),
    // The initiative form and the idea form move between fields, save and cancel alike.
    bind!([Form, IdeaForm], [Tab => NONE], "Tab", "help.next_field", true, Action::NextField),
    bind!([Form, IdeaForm], [BackTab => SHIFT, BackTab => NONE], "Shift-Tab", "help.previous_field", false, Action::PreviousField),
    bind!([Form, IdeaForm], [Down => NONE], "↓", "help.form_down", false, Action::MoveDown),
    bind!([Form, IdeaForm], [Up => NONE], "↑", "help.form_up", false, Action::MoveUp),
    bind!([Form, IdeaForm], [Char('s') => CTRL], "Ctrl-s", "help.save_form", true, Action::SaveForm),
    bind!([Form, IdeaForm], [Enter => NONE], "Enter", "help.save_form_enter", false, Action::Submit),
    bind!([Form, IdeaForm], [Esc => NONE], "Esc", "help.cancel_form", true, Action::Cancel),
    bind!(IdeaForm, [KeyCode::F(1) => NONE], "F1", "help.help", true, Action::ToggleHelp),
    bind!(Confirm, [Char('y') => NONE, Char('Y') => NONE], "y", "help.yes", true, Action::ConfirmYes),
    bind!(ConfirmJa, [Char('j') => NONE, Char('J') => NONE, Char('y') => NONE, Char('Y') => NONE], "j y", "help.yes", true, Action::ConfirmYes),
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
    bind!(Profile, [Char('g') => NONE, Home => NONE], "g Home", "help.first", false, Action::MoveToFirst),
    bind!(Profile, [Char('G') => NONE, End => NONE], "G End", "help.last", false, Action::MoveToLast),
    bind!(Profile, [PgUp => NONE], "PgUp", "help.page_up", false, Action::PageUp),
    bind!(Profile, [PgDn => NONE], "PgDn", "help.page_down", false, Action::PageDown),
    bind!(Profile, [Enter => NONE, Char('e') => NONE], "Enter e", "help.profile_edit", true, Action::Profile(ProfileAction::EditRow)),
    bind!(Profile, [Char('d') => NONE], "d", "help.profile_delete", false, Action::Profile(ProfileAction::DeleteRow)),
    bind!(Profile, [Char('r') => NONE], "r", "help.profile_retire", true, Action::Profile(ProfileAction::ToggleRetired)),
    bind!(Profile, [Char('K') => NONE], "K", "help.profile_goal_up", false, Action::Profile(ProfileAction::MoveGoalUp)),
    bind!(Profile, [Char('J') => NONE], "J", "help.profile_goal_down", false, Action::Profile(ProfileAction::MoveGoalDown)),
    bind!(Profile, [Char('u') => NONE], "u", "help.undo", true, Action::Undo),
    bind!(Profile, [Char('r') => CTRL], "Ctrl-r", "help.redo", false, Action::Redo),
    bind!(Profile, [Esc => NONE, Char('q') => NONE], "Esc q", "help.close", true, Action::Cancel),
    bind!(Profile, [Char('?') => NONE], "?", "help.help", true, Action::ToggleHelp),
    bind!(ProfileText, [Enter => NONE], "Enter", "help.profile_apply", true, Action::Submit),
    bind!(ProfileText, [Esc => NONE], "Esc", "help.cancel", true, Action::Cancel),
    bind!(ProfileText, [KeyCode::F(1) => NONE], "F1", "help.help", true, Action::ToggleHelp),
    // Portfolio grid
    // Only the grid has neighbours left and right: the lists would do nothing with them.
    bind!(Grid, [Left => NONE, Char('h') => NONE], "← h", "help.move_left", false, Action::MoveLeft),
    bind!(Grid, [Right => NONE, Char('l') => NONE], "→ l", "help.move_right", false, Action::MoveRight),
    bind!(Grid, [Left => SHIFT, Char('H') => NONE], "⇧← H", "help.grid_move_left", false, Action::Grid(GridAction::MoveInitiative(Direction::Left))),
    bind!(Grid, [Down => SHIFT, Char('J') => NONE], "⇧↓ J", "help.grid_move_down", false, Action::Grid(GridAction::MoveInitiative(Direction::Down))),
    bind!(Grid, [Up => SHIFT, Char('K') => NONE], "⇧↑ K", "help.grid_move_up", false, Action::Grid(GridAction::MoveInitiative(Direction::Up))),
    bind!(Grid, [Right => SHIFT, Char('L') => NONE], "⇧→ L", "help.grid_move_right", false, Action::Grid(GridAction::MoveInitiative(Direction::Right))),
    bind!(Grid, [Char('z') => NONE], "z", "help.grid_zoom", true, Action::Grid(GridAction::ToggleZoom)),
    bind!(Grid, [Esc => NONE], "Esc", "help.grid_unzoom", false, Action::Grid(GridAction::Unzoom)),
    bind!(Grid, [Char('p') => NONE], "p", "help.grid_presentation", true, Action::Grid(GridAction::TogglePresentation)),
    bind!(Grid, [Char('w') => NONE], "w", "help.grid_weighting", false, Action::Grid(GridAction::ToggleWeighting)),
    bind!(Grid, [Char('b') => NONE], "b", "help.grid_breakdown", false, Action::Grid(GridAction::ToggleBreakdown)),
    bind!(Grid, [Char('o') => NONE], "o", "help.grid_place", true, Action::Grid(GridAction::OpenPlacement)),
    bind!(Placement, [Up => NONE, Down => NONE, Char('k') => NONE, Char('j') => NONE, Tab => NONE, BackTab => SHIFT, BackTab => NONE], "↑↓ Tab", "help.grid_question", true, Action::Grid(GridAction::SwitchQuestion)),
    bind!(Placement, [Left => NONE, Char('h') => NONE], "←", "help.grid_answer", false, Action::Grid(GridAction::CycleAnswer(false))),
    bind!(Placement, [Right => NONE, Char('l') => NONE, Char(' ') => NONE], "→ Space", "help.grid_answer", true, Action::Grid(GridAction::CycleAnswer(true))),
    bind!(Placement, [Char('1') => NONE], "1", "created_to.improve_existing_services", false, Action::Grid(GridAction::AnswerCreatedTo(CreatedTo::ImproveExistingServices))),
    bind!(Placement, [Char('2') => NONE], "2", "created_to.reach_overarching_goal", false, Action::Grid(GridAction::AnswerCreatedTo(CreatedTo::ReachOverarchingGoal))),
    bind!(Placement, [Char('3') => NONE], "3", "created_to.explore_uncertainties", false, Action::Grid(GridAction::AnswerCreatedTo(CreatedTo::ExploreUncertainties))),
    bind!(Placement, [Char('4') => NONE], "4", "created_to.meet_new_needs", false, Action::Grid(GridAction::AnswerCreatedTo(CreatedTo::MeetNewNeeds))),
    bind!(Placement, [Char('a') => NONE], "a", "pushed_by.leaders_want_results", false, Action::Grid(GridAction::AnswerPushedBy(PushedBy::LeadersWantResults))),
    bind!(Placement, [Char('b') => NONE], "b", "pushed_by.costs_and_processes", false, Action::Grid(GridAction::AnswerPushedBy(PushedBy::CostsAndProcesses))),
    bind!(Placement, [Char('c') => NONE], "c", "pushed_by.bottom_up_testing", false, Action::Grid(GridAction::AnswerPushedBy(PushedBy::BottomUpTesting))),
    bind!(Placement, [Char('d') => NONE], "d", "pushed_by.preparing_for_future", false, Action::Grid(GridAction::AnswerPushedBy(PushedBy::PreparingForFuture))),
    bind!(Placement, [Enter => NONE], "Enter", "help.grid_accept", true, Action::Grid(GridAction::AcceptPlacement)),
    bind!(Placement, [Esc => NONE, Char('q') => NONE], "Esc q", "help.cancel", true, Action::Cancel),
    bind!(Placement, [Char('?') => NONE], "?", "help.help", true, Action::ToggleHelp),
    // Culture
    bind!(Runs, [Enter => NONE], "Enter", "help.culture_rate", true, Action::Culture(CultureAction::OpenRating)),
    bind!(Runs, [Char('n') => NONE], "n", "help.culture_new_run", true, Action::Culture(CultureAction::NewRun)),
    bind!(Runs, [Char('e') => NONE], "e", "help.culture_edit_run", false, Action::Culture(CultureAction::EditRun)),
    bind!(Runs, [Char('r') => NONE], "r", "help.culture_results", true, Action::Culture(CultureAction::ShowResults)),
    bind!(Runs, [Char('c') => NONE], "c", "help.culture_compare", true, Action::Culture(CultureAction::ShowComparison)),
    bind!(Runs, [Char('p') => NONE], "p", "help.culture_plan", true, Action::Culture(CultureAction::ShowPlan)),
    bind!(Runs, [Char('A') => NONE], "A", "help.culture_all_actions", false, Action::Culture(CultureAction::ShowAllActions)),
    bind!(Runs, [Char('P') => NONE], "P", "help.culture_presentation", false, Action::Culture(CultureAction::TogglePresentation)),
    bind!(NewRun, [Tab => NONE, Down => NONE], "Tab ↓", "help.next_field", true, Action::Culture(CultureAction::NextField)),
    bind!(NewRun, [BackTab => SHIFT, BackTab => NONE, Up => NONE], "Shift-Tab ↑", "help.previous_field", false, Action::Culture(CultureAction::PreviousField)),
    bind!(NewRun, [Enter => NONE, Char('s') => CTRL], "Enter", "help.culture_start_run", true, Action::Culture(CultureAction::Save)),
    bind!(NewRun, [Esc => NONE], "Esc", "help.cancel", true, Action::Culture(CultureAction::Back)),
    // One row for every digit: the digit pressed is the score ([`action_for`]); help and footer
    // write the run's own scale for the label.
    bind!(Rating, [Char('0') => NONE, Char('1') => NONE, Char('2') => NONE, Char('3') => NONE, Char('4') => NONE, Char('5') => NONE, Char('6') => NONE, Char('7') => NONE, Char('8') => NONE, Char('9') => NONE], SCORE_LABEL, "help.culture_score", true, Action::Culture(CultureAction::SetScore(0))),
    bind!(Rating, [Char('x') => NONE, KeyCode::Backspace => NONE, KeyCode::Delete => NONE], "x", "help.culture_clear_score", false, Action::Culture(CultureAction::ClearScore)),
    bind!(Rating, [Down => NONE, Char('j') => NONE], "↓ j", "help.culture_next_item", false, Action::MoveDown),
    bind!(Rating, [Up => NONE, Char('k') => NONE], "↑ k", "help.culture_previous_item", false, Action::MoveUp),
    bind!(Rating, [Char('g') => NONE, Home => NONE], "g Home", "help.first", false, Action::MoveToFirst),
    bind!(Rating, [Char('G') => NONE, End => NONE], "G End", "help.last", false, Action::MoveToLast),
    bind!(Rating, [PgUp => NONE], "PgUp", "help.page_up", false, Action::PageUp),
    bind!(Rating, [PgDn => NONE], "PgDn", "help.page_down", false, Action::PageDown),
    bind!(Rating, [Left => NONE, Char('h') => NONE], "← h", "help.culture_previous_perspective", false, Action::Culture(CultureAction::PreviousPerspective)),
    bind!(Rating, [Right => NONE, Char('l') => NONE], "→ l", "help.culture_next_perspective", false, Action::Culture(CultureAction::NextPerspective)),
    bind!(Rating, [Tab => NONE], "Tab", "help.culture_next_unanswered", false, Action::Culture(CultureAction::NextUnanswered)),
    bind!(Rating, [Enter => NONE, Char('i') => NONE], "Enter", "help.culture_note", true, Action::Culture(CultureAction::EditNote)),
    bind!(Rating, [Char('e') => NONE], "e", "help.culture_enter_each", true, Action::Culture(CultureAction::EnterEach)),
    bind!(Rating, [Char('t') => NONE], "t", "help.culture_enter_tally", false, Action::Culture(CultureAction::EnterTally)),
    bind!(Rating, [Char('n') => NONE], "n", "help.culture_enter_respondent", false, Action::Culture(CultureAction::EnterRespondent)),
    bind!(Rating, [Char('a') => NONE], "a", "help.culture_new_action", true, Action::Culture(CultureAction::NewAction)),
    bind!(Rating, [Char('r') => NONE], "r", "help.culture_results", false, Action::Culture(CultureAction::ShowResults)),
    bind!(Rating, [Char('c') => NONE], "c", "help.culture_compare", false, Action::Culture(CultureAction::ShowComparison)),
    bind!(Rating, [Char('p') => NONE], "p", "help.culture_plan", false, Action::Culture(CultureAction::ShowPlan)),
    bind!(Rating, [Char('u') => NONE], "u", "help.undo", true, Action::Undo),
    bind!(Rating, [Char('r') => CTRL], "Ctrl-r", "help.redo", false, Action::Redo),
    bind!(Rating, [Esc => NONE, Char('q') => NONE], "Esc q", "help.culture_back", true, Action::Culture(CultureAction::Back)),
    bind!(Entry, [Enter => NONE], "Enter", "help.entry_store", true, Action::Culture(CultureAction::Save)),
    bind!(Entry, [Down => NONE], "↓", "help.entry_next", false, Action::MoveDown),
    bind!(Entry, [Up => NONE], "↑", "help.entry_previous", true, Action::MoveUp),
    bind!(Entry, [Esc => NONE], "Esc", "help.entry_close", true, Action::Culture(CultureAction::Back)),
    bind!(Entry, [Char('u') => NONE, Char('z') => CTRL], "u", "help.undo", true, Action::Undo),
    bind!(Entry, [Char('r') => CTRL], "Ctrl-r", "help.redo", false, Action::Redo),
    bind!(Entry, [KeyCode::F(1) => NONE], "F1", "help.help", true, Action::ToggleHelp),
    bind!(Note, [Enter => NONE], "Enter", "help.culture_save_note", true, Action::Culture(CultureAction::Save)),
    bind!(Note, [Esc => NONE], "Esc", "help.cancel", true, Action::Culture(CultureAction::Back)),
    bind!(Results, [Down => NONE, Char('j') => NONE], "↓ j", "help.scroll_down", true, Action::MoveDown),
    bind!(Results, [Up => NONE, Char('k') => NONE], "↑ k", "help.scroll_up", false, Action::MoveUp),
    bind!(Results, [PgDn => NONE], "PgDn", "help.page_down", false, Action::PageDown),
    bind!(Results, [PgUp => NONE], "PgUp", "help.page_up", false, Action::PageUp),
    bind!(Results, [Char('g') => NONE, Home => NONE], "g Home", "help.first", false, Action::MoveToFirst),
    bind!(Results, [Char('G') => NONE, End => NONE], "G End", "help.last", false, Action::MoveToLast),
    bind!(Results, [Enter => NONE], "Enter", "help.culture_rate", true, Action::Culture(CultureAction::OpenRating)),
    bind!(Results, [Char('r') => NONE], "r", "help.culture_results", true, Action::Culture(CultureAction::ShowResults)),
    bind!(Results, [Char('c') => NONE], "c", "help.culture_compare", true, Action::Culture(CultureAction::ShowComparison)),
    bind!(Results, [Char('p') => NONE], "p", "help.culture_plan", true, Action::Culture(CultureAction::ShowPlan)),
    bind!(Results, [Char('P') => NONE], "P", "help.culture_presentation", false, Action::Culture(CultureAction::TogglePresentation)),
    bind!(Results, [Char('u') => NONE], "u", "help.undo", false, Action::Undo),
    bind!(Results, [Char('r') => CTRL], "Ctrl-r", "help.redo", false, Action::Redo),
    bind!(Results, [Esc => NONE, Char('q') => NONE], "Esc q", "help.culture_back", true, Action::Culture(CultureAction::Back)),
    bind!(Plan, [Down => NONE, Char('j') => NONE], "↓ j", "help.move_down", true, Action::MoveDown),
    bind!(Plan, [Up => NONE, Char('k') => NONE], "↑ k", "help.move_up", false, Action::MoveUp),
    bind!(Plan, [Char('g') => NONE, Home => NONE], "g Home", "help.first", false, Action::MoveToFirst),
    bind!(Plan, [Char('G') => NONE, End => NONE], "G End", "help.last", false, Action::MoveToLast),
    bind!(Plan, [PgUp => NONE], "PgUp", "help.page_up", false, Action::PageUp),
    bind!(Plan, [PgDn => NONE], "PgDn", "help.page_down", false, Action::PageDown),
    bind!(Plan, [Char('n') => NONE, Char('a') => NONE], "n", "help.culture_new_action", true, Action::Culture(CultureAction::NewAction)),
    bind!(Plan, [Char('e') => NONE], "e", "help.culture_edit_action", true, Action::Culture(CultureAction::EditAction)),
    bind!(Plan, [Enter => NONE], "Enter", "help.culture_open_action", false, Action::Culture(CultureAction::EditAction)),
    bind!(Plan, [Char(' ') => NONE, Char('x') => NONE], "Space", "help.culture_toggle_done", true, Action::Culture(CultureAction::ToggleDone)),
    bind!(Plan, [Char('d') => NONE], "d", "help.delete", true, Action::DeleteSelected),
    bind!(Plan, [Char('u') => NONE], "u", "help.undo", false, Action::Undo),
    bind!(Plan, [Char('r') => CTRL], "Ctrl-r", "help.redo", false, Action::Redo),
    bind!(Plan, [Esc => NONE, Char('q') => NONE], "Esc q", "help.culture_back", true, Action::Culture(CultureAction::Back)),
    bind!(ActionForm, [Tab => NONE, Down => NONE], "Tab ↓", "help.next_field", true, Action::Culture(CultureAction::NextField)),
    bind!(ActionForm, [BackTab => SHIFT, BackTab => NONE, Up => NONE], "Shift-Tab ↑", "help.previous_field", false, Action::Culture(CultureAction::PreviousField)),
    bind!(ActionForm, [Char('s') => CTRL, Enter => NONE], "Ctrl-s", "help.save_form", true, Action::Culture(CultureAction::Save)),
    bind!(ActionForm, [Esc => NONE], "Esc", "help.cancel_form", true, Action::Culture(CultureAction::Back)),
    bind!([Rating, Results, Plan], [Char('?') => NONE], "?", "help.help", true, Action::ToggleHelp),
    bind!([NewRun, Note, ActionForm], [KeyCode::F(1) => NONE], "F1", "help.help", true, Action::ToggleHelp),
    // Field-proofing
    bind!(Recovery, [Char('y') => NONE, Char('Y') => NONE, Enter => NONE], "y Enter", "recovery.help_restore", true, Action::ConfirmYes),
    bind!(RecoveryJa, [Char('j') => NONE, Char('J') => NONE, Char('y') => NONE, Char('Y') => NONE, Enter => NONE], "j y Enter", "recovery.help_restore", true, Action::ConfirmYes),
    bind!(Recovery, [KeyCode::Delete => NONE], "Delete", "recovery.help_discard", true, Action::DiscardRecovery),
    bind!(Recovery, [Esc => NONE], "Esc", "recovery.help_later", true, Action::Cancel),
    // Capitals only: a letter typed as text over the dialog must never answer it.
    bind!(External, [Char('M') => NONE], "M", "external.help_merge", true, Action::MergeWithDisk),
    bind!(External, [Char('L') => NONE], "L", "external.help_reload", true, Action::ReloadFromDisk),
    bind!(External, [Char('W') => NONE], "W", "external.help_save_as", true, Action::StartSaveAs),
    bind!(External, [Esc => NONE], "Esc", "external.help_close", true, Action::Cancel),
    // The import's mapping dialog
    bind!(Mapping, [Down => NONE, Char('j') => NONE], "↓ j", "help.move_down", true, Action::Mapping(MappingAction::Next)),
    bind!(Mapping, [Up => NONE, Char('k') => NONE], "↑ k", "help.move_up", false, Action::Mapping(MappingAction::Previous)),
    bind!(Mapping, [Right => NONE, Char('l') => NONE, Char(' ') => NONE], "→ Space", "mapping.help_change", true, Action::Mapping(MappingAction::Change(true))),
    bind!(Mapping, [Left => NONE, Char('h') => NONE], "←", "mapping.help_change_back", false, Action::Mapping(MappingAction::Change(false))),
    bind!(Mapping, [Char('s') => NONE], "s", "mapping.help_save", true, Action::Mapping(MappingAction::Save)),
    bind!(Mapping, [Enter => NONE], "Enter", "mapping.help_import", true, Action::Mapping(MappingAction::Import)),
    bind!(Mapping, [Esc => NONE, Char('q') => NONE], "Esc q", "help.cancel", true, Action::Mapping(MappingAction::Close)),
    bind!(Mapping, [Char('?') => NONE], "?", "help.help", true, Action::ToggleHelp),
    // Conflicts left by a merge
    bind!(Everywhere, [Char('C') => NONE], "C", "conflict.help_open", false, Action::OpenConflicts),
    bind!(Conflict, [Char('o') => NONE], "o", "conflict.help_ours", true, Action::Conflict(ConflictAction::KeepOurs)),
    bind!(Conflict, [Char('t') => NONE], "t", "conflict.help_theirs", true, Action::Conflict(ConflictAction::TakeTheirs)),
    bind!(Conflict, [Char('e') => NONE], "e", "conflict.help_edit", true, Action::Conflict(ConflictAction::Edit)),
    bind!(Conflict, [Right => NONE, Char('n') => NONE, Tab => NONE], "→ n", "conflict.help_next", true, Action::Conflict(ConflictAction::Next)),
    bind!(Conflict, [Left => NONE, Char('p') => NONE, BackTab => SHIFT, BackTab => NONE], "← p", "conflict.help_previous", false, Action::Conflict(ConflictAction::Previous)),
    bind!(Conflict, [Char('u') => NONE], "u", "help.undo", true, Action::Undo),
    bind!(Conflict, [Char('r') => CTRL], "Ctrl-r", "help.redo", false, Action::Redo),
    bind!(Conflict, [Esc => NONE, Char('q') => NONE], "Esc q", "conflict.help_later", true, Action::Cancel),
    bind!(Conflict, [Char('?') => NONE], "?", "help.help", true, Action::ToggleHelp),
    bind!(ConflictEdit, [Enter => NONE], "Enter", "conflict.help_apply", true, Action::Submit),
    bind!(ConflictEdit, [Esc => NONE], "Esc", "help.cancel", true, Action::Cancel),
    bind!(ConflictEdit, [KeyCode::F(1) => NONE], "F1", "help.help", true, Action::ToggleHelp),
    // Overview
    bind!(Overview, [Down => NONE, Char('j') => NONE], "↓ j", "overview.help_next", false, Action::Overview(OverviewAction::Next)),
    bind!(Overview, [Up => NONE, Char('k') => NONE], "↑ k", "overview.help_previous", false, Action::Overview(OverviewAction::Previous)),
    bind!(Overview, [Enter => NONE], "Enter", "overview.help_open", true, Action::Overview(OverviewAction::Open)),
    bind!(Overview, [Char('g') => NONE, Home => NONE], "g Home", "overview.help_first", false, Action::Overview(OverviewAction::First)),
    bind!(Overview, [Char('G') => NONE, End => NONE], "G End", "overview.help_last", false, Action::Overview(OverviewAction::Last)),
    bind!(Overview, [PgDn => NONE], "PgDn", "overview.help_page_down", false, Action::Overview(OverviewAction::ScrollDown)),
    bind!(Overview, [PgUp => NONE], "PgUp", "overview.help_page_up", false, Action::Overview(OverviewAction::ScrollUp)),
    bind!(Overview, [Char('b') => NONE], "b", "benefits.help_show", true, Action::Benefits(BenefitAction::ShowAll)),
    // Benefits realisation
    bind!(Detail, [Char('b') => NONE], "b", "benefits.help_show_initiative", true, Action::Benefits(BenefitAction::ShowInitiative)),
    bind!(BenefitList, [Down => NONE, Char('j') => NONE], "↓ j", "help.move_down", false, Action::Benefits(BenefitAction::Next)),
    bind!(BenefitList, [Up => NONE, Char('k') => NONE], "↑ k", "help.move_up", false, Action::Benefits(BenefitAction::Previous)),
    bind!(BenefitList, [Char('g') => NONE, Home => NONE], "g Home", "help.first", false, Action::Benefits(BenefitAction::First)),
    bind!(BenefitList, [Char('G') => NONE, End => NONE], "G End", "help.last", false, Action::Benefits(BenefitAction::Last)),
    bind!(BenefitList, [PgDn => NONE], "PgDn", "help.page_down", false, Action::Benefits(BenefitAction::PageDown)),
    bind!(BenefitList, [PgUp => NONE], "PgUp", "help.page_up", false, Action::Benefits(BenefitAction::PageUp)),
    bind!(BenefitList, [Char('m') => NONE], "m", "benefits.help_measure", true, Action::Benefits(BenefitAction::Measure)),
    bind!(BenefitList, [Char('n') => NONE, Char('a') => NONE], "n", "benefits.help_new", true, Action::Benefits(BenefitAction::New)),
    bind!(BenefitList, [Char('e') => NONE], "e", "benefits.help_edit", true, Action::Benefits(BenefitAction::Edit)),
    bind!(BenefitList, [Char('d') => NONE], "d", "benefits.help_delete", false, Action::Benefits(BenefitAction::Delete)),
    bind!(BenefitList, [Char('s') => NONE], "s", "benefits.help_sort", false, Action::Benefits(BenefitAction::CycleSort)),
    bind!(BenefitList, [Char('f') => NONE], "f", "benefits.help_filter", false, Action::Benefits(BenefitAction::CycleFilter)),
    bind!(BenefitList, [Char('c') => NONE], "c", "benefits.help_chart", false, Action::Benefits(BenefitAction::SwitchChart)),
    bind!(BenefitList, [Char('p') => NONE], "p", "help.grid_presentation", false, Action::Grid(GridAction::TogglePresentation)),
    bind!(BenefitList, [Enter => NONE], "Enter", "benefits.help_open", false, Action::Benefits(BenefitAction::OpenInitiative)),
    bind!(BenefitList, [Char('u') => NONE], "u", "help.undo", false, Action::Undo),
    bind!(BenefitList, [Char('r') => CTRL], "Ctrl-r", "help.redo", false, Action::Redo),
    bind!(BenefitList, [Esc => NONE, Char('q') => NONE], "Esc q", "help.close", true, Action::Benefits(BenefitAction::Back)),
    bind!(BenefitList, [Char('?') => NONE], "?", "help.help", true, Action::ToggleHelp),
    bind!(BenefitForm, [Tab => NONE, Down => NONE], "Tab ↓", "help.next_field", true, Action::Benefits(BenefitAction::NextField)),
    bind!(BenefitForm, [BackTab => SHIFT, BackTab => NONE, Up => NONE], "Shift-Tab ↑", "help.previous_field", false, Action::Benefits(BenefitAction::PreviousField)),
    bind!(BenefitForm, [Char('s') => CTRL, Enter => NONE], "Ctrl-s", "benefits.help_keep", true, Action::Benefits(BenefitAction::Save)),
    bind!(BenefitForm, [Esc => NONE], "Esc", "help.cancel_form", true, Action::Benefits(BenefitAction::Back)),
    bind!(BenefitForm, [KeyCode::F(1) => NONE], "F1", "help.help", true, Action::ToggleHelp),
    bind!(Measurement, [Tab => NONE], "Tab", "measure.help_next", true, Action::Benefits(BenefitAction::NextField)),
    bind!(Measurement, [BackTab => SHIFT, BackTab => NONE], "Shift-Tab", "measure.help_previous", false, Action::Benefits(BenefitAction::PreviousField)),
    bind!(Measurement, [Enter => NONE, Char('s') => CTRL], "Enter", "measure.help_add", true, Action::Benefits(BenefitAction::Save)),
    bind!(Measurement, [Esc => NONE], "Esc", "help.cancel", true, Action::Benefits(BenefitAction::Back)),
    bind!(Measurement, [KeyCode::F(1) => NONE], "F1", "help.help", true, Action::ToggleHelp),
];

fn matches(binding: &Binding, key: &KeyEvent) -> bool {
    binding.keys.iter().any(|(code, mods)| {
        // Letters carry their case in the code; terminals differ in also reporting SHIFT.
        let pressed =
            if matches!(key.code, Char(_)) { key.modifiers - KeyModifiers::SHIFT } else { key.modifiers };
        *code == key.code && *mods == pressed
    })
}

/// The bindings of `places` that a key can reach, most specific place first: a binding is
/// left out when a more specific place claims every one of its keys, or when it does not
/// work as `writing` stands ([`Writing::offers`]). The help overlay and the footer list
/// these, so they never promise a key that does something else here, or nothing.
pub fn effective(places: &[Place], writing: Writing) -> Vec<&'static Binding> {
    let mut claimed: Vec<(KeyCode, KeyModifiers)> = Vec::new();
    let mut shown = Vec::new();
    for place in places.iter().chain(&[Place::Anywhere]) {
        let here: Vec<&'static Binding> = BINDINGS.iter().filter(|b| b.serves(*place)).collect();
        for binding in &here {
            if binding.keys.iter().any(|key| !claimed.contains(key)) && writing.offers(&binding.action) {
                shown.push(*binding);
            }
        }
        claimed.extend(here.iter().flat_map(|b| b.keys.iter().copied()));
    }
    shown
}

/// What a key does in `context`, if anything.
pub fn action_for(context: &KeyContext, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let anywhere = || BINDINGS.iter().find(|b| b.serves(Place::Anywhere) && matches(b, &key));
    if context.too_small {
        let quit = matches!((key.code, key.modifiers), (Char('q'), _) | (Char('c'), CTRL));
        return if quit { Some(Action::Quit) } else { anywhere().map(|b| b.action.clone()) };
    }
    let bound = context
        .places
        .iter()
        .find_map(|place| BINDINGS.iter().find(|b| b.serves(*place) && matches(b, &key)))
        .or_else(anywhere);
    if let Some(binding) = bound {
        if let (Action::Culture(CultureAction::SetScore(_)), Char(digit)) = (&binding.action, key.code) {
            let score = digit.to_digit(10).and_then(|d| u8::try_from(d).ok());
            return score.map(|s| Action::Culture(CultureAction::SetScore(s)));
        }
        return Some(binding.action.clone());
    }
    match context.unbound {
        Unbound::Ignore => None,
        Unbound::Edit => edit_for(key).map(Action::Edit),
        Unbound::Cancel => Some(Action::Cancel),
    }
}

/// The editing meaning of a key typed into a text field (the usual terminal line-editing
/// keys, as readline and most terminal apps have them).
pub fn edit_for(key: KeyEvent) -> Option<Edit> {
    const ALT: KeyModifiers = KeyModifiers::ALT;
    const META: KeyModifiers = KeyModifiers::META;
    let mods = key.modifiers;
    let edit = match (key.code, mods) {
        (KeyCode::Backspace, NONE) | (Char('h'), CTRL) => Edit::DeletePreviousChar,
        (KeyCode::Delete, NONE) | (Char('d'), CTRL) => Edit::DeleteNextChar,
        (Char('w'), CTRL) | (KeyCode::Backspace, ALT | META | CTRL) => Edit::DeletePreviousWord,
        (KeyCode::Delete, CTRL) | (Char('d'), ALT) => Edit::DeleteNextWord,
        (Char('u'), CTRL) => Edit::DeleteToStart,
        (Char('k'), CTRL) => Edit::DeleteToEnd,
        (Left, NONE) | (Char('b'), CTRL) => Edit::PreviousChar,
        (Right, NONE) | (Char('f'), CTRL) => Edit::NextChar,
        (Left, CTRL | ALT) | (Char('b'), ALT) => Edit::PreviousWord,
        (Right, CTRL | ALT) | (Char('f'), ALT) => Edit::NextWord,
        (Home, NONE) | (Char('a'), CTRL) => Edit::Start,
        (End, NONE) | (Char('e'), CTRL) => Edit::End,
        (Up, NONE) => Edit::Up,
        (Down, NONE) => Edit::Down,
        (Enter, NONE) => Edit::Newline,
        (Char(c), m) if m == NONE || m == SHIFT => Edit::Insert(c),
        // AltGr arrives as Ctrl+Alt on some terminals: it types a character (@, {, €…).
        (Char(c), m) if m == CTRL | ALT => Edit::Insert(c),
        _ => return None,
    };
    Some(edit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_place() {
        for a in BINDINGS {
            for place in a.places {
                for b in BINDINGS.iter().filter(|b| !std::ptr::eq(*b, a) && b.serves(*place)) {
                    for key in a.keys {
                        assert!(!b.keys.contains(key), "{key:?} bound twice in {place:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn both_record_forms_offer_the_same_keys_each_in_its_help_s_own_order() {
        let labels = |place| -> Vec<&str> {
            effective(&[place], Writing::Allowed)
                .iter()
                .filter(|b| b.serves(place))
                .map(|b| b.label)
                .collect()
        };
        let keys = ["Tab", "Shift-Tab", "↓", "↑", "Ctrl-s", "Enter", "Esc"];
        assert_eq!(labels(Place::Form), [&["F1"][..], &keys].concat());
        assert_eq!(labels(Place::IdeaForm), [&keys[..], &["F1"]].concat());
    }

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, NONE)
    }

    #[test]
    fn the_most_specific_place_wins_whatever_the_table_order() {
        // The Overview binds `o` to the profile; the welcome, shown over it on a first run,
        // binds `o` to "start with your organisation's name" and must win.
        let context = KeyContext {
            places: &[Place::Welcome, Place::Overview, Place::Everywhere],
            unbound: Unbound::Ignore,
            too_small: false,
            writing: Writing::Allowed,
        };
        assert_eq!(action_for(&context, key(Char('o'))), Some(Action::Profile(ProfileAction::Start)));
        let later = KeyContext { places: &[Place::Overview, Place::Everywhere], ..context };
        assert_eq!(action_for(&later, key(Char('o'))), Some(Action::Profile(ProfileAction::Open)));
    }

    #[test]
    fn shadowed_bindings_are_not_listed() {
        let listed = effective(&[Place::Welcome, Place::Overview, Place::Everywhere], Writing::Allowed);
        assert!(listed.iter().any(|b| b.action == Action::Profile(ProfileAction::Start)));
        assert!(!listed.iter().any(|b| b.action == Action::Profile(ProfileAction::Open)));
    }

    #[test]
    fn unbound_keys_type_cancel_or_do_nothing_as_the_place_says() {
        let typing = KeyContext {
            places: &[Place::Search],
            unbound: Unbound::Edit,
            too_small: false,
            writing: Writing::Allowed,
        };
        assert_eq!(action_for(&typing, key(Char('x'))), Some(Action::Edit(Edit::Insert('x'))));
        assert_eq!(
            action_for(&typing, key(KeyCode::Backspace)),
            Some(Action::Edit(Edit::DeletePreviousChar))
        );
        let asking = KeyContext { places: &[Place::Confirm], unbound: Unbound::Cancel, ..typing };
        assert_eq!(action_for(&asking, key(Char('x'))), Some(Action::Cancel));
        let normal = KeyContext { places: &[Place::Everywhere], unbound: Unbound::Ignore, ..typing };
        assert_eq!(action_for(&normal, key(Char('Z'))), None);
        let small = KeyContext { too_small: true, ..normal };
        assert_eq!(action_for(&small, key(Char('1'))), None);
        assert_eq!(action_for(&small, key(Char('q'))), Some(Action::Quit));
    }

    #[test]
    fn the_languages_own_yes_answers_only_where_the_app_makes_it_live() {
        let nordic = KeyContext {
            places: &[Place::ConfirmJa, Place::Confirm],
            unbound: Unbound::Cancel,
            too_small: false,
            writing: Writing::Allowed,
        };
        assert_eq!(action_for(&nordic, key(Char('j'))), Some(Action::ConfirmYes));
        assert_eq!(action_for(&nordic, key(Char('y'))), Some(Action::ConfirmYes));
        assert_eq!(action_for(&nordic, key(Char('n'))), Some(Action::Cancel));
        let english = KeyContext { places: &[Place::Confirm], ..nordic };
        assert_eq!(action_for(&english, key(Char('j'))), Some(Action::Cancel));
        assert_eq!(action_for(&english, key(Char('y'))), Some(Action::ConfirmYes));
        let yes: Vec<&str> = effective(nordic.places, nordic.writing)
            .iter()
            .filter(|b| b.action == Action::ConfirmYes)
            .map(|b| b.label)
            .collect();
        assert_eq!(yes, ["j y"], "help and footer name both keys, once");
    }

    #[test]
    fn a_read_only_session_is_offered_only_keys_that_work_and_the_takeover() {
        let places = &[Place::Table, Place::Register, Place::Lists, Place::Everywhere];
        let offered = |writing| -> Vec<Action> {
            effective(places, writing).iter().map(|b| b.action.clone()).collect()
        };
        let writable = offered(Writing::Allowed);
        assert!(writable.contains(&Action::NewInitiative) && writable.contains(&Action::Undo));
        assert!(!writable.contains(&Action::TakeOver), "nothing to take over");
        for writing in [Writing::ReadOnly, Writing::TakeOver] {
            let listed = offered(writing);
            assert!(!listed.iter().any(Action::edits_portfolio), "{writing:?}: {listed:?}");
            assert!(listed.contains(&Action::MoveDown) && listed.contains(&Action::StartSearch));
            assert_eq!(listed.contains(&Action::TakeOver), writing == Writing::TakeOver);
        }
        // The keys still act, so that the app can say why an edit was not made.
        let context =
            KeyContext { places, unbound: Unbound::Ignore, too_small: false, writing: Writing::TakeOver };
        assert_eq!(action_for(&context, key(Char('n'))), Some(Action::NewInitiative));
        assert_eq!(action_for(&context, key(Char('T'))), Some(Action::TakeOver));
    }

    #[test]
    fn the_choices_about_a_changed_file_are_offered_only_while_they_wait_and_never_typed() {
        let places = &[Place::Table, Place::Register, Place::Lists, Place::Everywhere];
        let offered = |writing| -> Vec<Action> {
            effective(places, writing).iter().map(|b| b.action.clone()).collect()
        };
        assert!(!offered(Writing::Allowed).contains(&Action::OpenExternalChange));
        let held = offered(Writing::Held);
        assert!(held.contains(&Action::OpenExternalChange), "{held:?}");
        assert!(held.contains(&Action::AddLogEntry), "edits go on, kept here: {held:?}");
        // No letter that occurs in words answers the dialog (trial 7: typing was taken as
        // answers), and nothing there quits.
        for b in BINDINGS.iter().filter(|b| b.serves(Place::External)) {
            for (code, _) in b.keys {
                assert!(!matches!(code, Char(c) if !c.is_uppercase()), "{code:?} answers the dialog");
            }
            assert_ne!(b.action, Action::Quit);
        }
    }

    #[test]
    fn every_help_text_exists_in_english() {
        for b in BINDINGS {
            assert_ne!(crate::i18n::Lang::En.t(b.help), b.help, "missing catalog key {}", b.help);
        }
    }
}
