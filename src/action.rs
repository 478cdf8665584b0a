//! Everything the user can do, as values. Keys map to actions in `keymap`; only
//! `App::update` changes state in response to them.

use ratatui::crossterm::event::KeyEvent;

use crate::app::{OverviewAction, Pane, ProfileAction};

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
    /// Something in the Overview pane (follow-ups, scrolling).
    Overview(OverviewAction),
}
