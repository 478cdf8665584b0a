//! Everything the user can do, as values. Keys map to actions in `keymap`; only
//! `App::update` changes state in response to them.

use ratatui::crossterm::event::KeyEvent;

use crate::app::{OverviewAction, Pane, ProfileAction};
use crate::model::{CreatedTo, PushedBy};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Leave fasett; every edit is already saved.
    Quit,
    /// Show one pane.
    ShowPane(Pane),
    /// Show the next pane to the right, wrapping around.
    ShowNextPane,
    /// Show the previous pane, wrapping around.
    ShowPreviousPane,
    /// Move the selection up one row.
    MoveUp,
    /// Move the selection down one row.
    MoveDown,
    /// Move the selection left (to the neighbouring cell or column).
    MoveLeft,
    /// Move the selection right.
    MoveRight,
    /// Jump to the first item.
    MoveToFirst,
    /// Jump to the last item.
    MoveToLast,
    /// Move the selection up one page.
    PageUp,
    /// Move the selection down one page.
    PageDown,
    /// Open or close the help overlay for the current place.
    ToggleHelp,
    /// Start typing a command after `:`.
    OpenCommandLine,
    /// A key typed into the active text field.
    TypeKey(KeyEvent),
    /// Submit the active text field (Enter).
    Submit,
    /// Close the dialog or cancel the edit in progress (Esc).
    Cancel,
    /// Take back the last edit.
    Undo,
    /// Make the last undone edit again.
    Redo,
    /// Run a command line such as `w other.json` or `q`.
    RunCommand(String),
    /// Text pasted into the active text field.
    Paste(String),
    /// Answer yes to the question on screen.
    ConfirmYes,
    /// Save the form from any field (Ctrl-s).
    SaveForm,
    /// Move to the next field of a form (or the next log kind).
    NextField,
    /// Move to the previous field of a form.
    PreviousField,
    /// Open the selected initiative's detail.
    OpenSelected,
    /// Start a new initiative (in the Portfolio pane: in the selected facet).
    NewInitiative,
    /// Edit the selected initiative.
    EditSelected,
    /// Ask to delete the selected initiative.
    DeleteSelected,
    /// Add a dated line to the selected initiative's log.
    AddLogEntry,
    /// Archive the selected initiative, or bring it back.
    ToggleArchived,
    /// Show or hide archived initiatives in the register.
    ToggleShowArchived,
    /// Sort the register by the next order.
    CycleSort,
    /// Start typing the text filter.
    StartSearch,
    /// Open the filter bar (facet, stage, status, track, unit, tag).
    OpenFilterBar,
    /// Remove every filter.
    ClearFilters,
    /// Something in the organisation profile editor.
    Profile(ProfileAction),
    /// Open a scratch copy of the demo portfolio (from the first-run welcome).
    OpenDemo,
    /// Start typing `:import PATH` (from the first-run welcome).
    StartImport,
    /// Something only the Portfolio grid (or its placement dialog) does.
    Grid(GridAction),
    /// Something in the Culture pane (checklist runs and action plans).
    Culture(CultureAction),
    /// Delete the recovered text of an interrupted session instead of restoring it.
    DiscardRecovery,
    /// Read the data file again after another program changed it (`:reload`).
    ReloadFromDisk,
    /// Start typing `:w PATH` to save this session's version elsewhere.
    StartSaveAs,
    /// Something in the Overview pane (follow-ups, scrolling).
    Overview(OverviewAction),
}

/// A neighbour on the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Left,
    Right,
}

/// What the Portfolio grid and its placement dialog do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GridAction {
    /// Move the selected initiative to the neighbouring facet, saved at once.
    MoveInitiative(Direction),
    /// Show the selected facet full screen, or go back to the grid.
    ToggleZoom,
    /// Leave the full-screen facet.
    Unzoom,
    /// Hide owners and details for a meeting, or show them again.
    TogglePresentation,
    /// Weight the shares by priority, or count each initiative once.
    ToggleWeighting,
    /// Show or hide each facet's stage and track breakdown.
    ToggleBreakdown,
    /// Open the placement questions for the selected initiative.
    OpenPlacement,
    /// Switch between the two placement questions.
    SwitchQuestion,
    /// Step the focused question's answer forward or back.
    CycleAnswer(bool),
    /// Answer "primarily created to".
    AnswerCreatedTo(CreatedTo),
    /// Answer "mainly pushed by".
    AnswerPushedBy(PushedBy),
    /// Set the facet the answers give and store the answers.
    AcceptPlacement,
}

/// What the user can do in the Culture pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CultureAction {
    /// Start a new checklist run.
    NewRun,
    /// Open the selected run to score its items.
    OpenRating,
    /// Show the run's results per dimension and in total.
    ShowResults,
    /// Compare the run with the previous run of the same checklist and scope.
    ShowComparison,
    /// Show the run's action plan.
    ShowPlan,
    /// Show every action of every run, with their follow-ups.
    ShowAllActions,
    /// Give the selected item this score.
    SetScore(u8),
    /// Take the selected item's score away.
    ClearScore,
    /// Jump to the next item without a score.
    NextUnanswered,
    /// Move to the previous perspective column.
    PreviousPerspective,
    /// Move to the next perspective column.
    NextPerspective,
    /// Write the note of the selected item.
    EditNote,
    /// Add an action to the plan (in the rating view: for the selected item).
    NewAction,
    /// Edit the selected action.
    EditAction,
    /// Mark the selected action done, or open again.
    ToggleDone,
    /// Move to the next field of the dialog.
    NextField,
    /// Move to the previous field of the dialog.
    PreviousField,
    /// Save the dialog, note or form.
    Save,
    /// Close the view or dialog and go back.
    Back,
}
