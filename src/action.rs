//! Everything the user can do, as values. Keys map to actions in `keymap`; only
//! `App::update` changes state in response to them.

use ratatui::crossterm::event::KeyEvent;

use crate::app::Pane;

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
}
