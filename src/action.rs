//! Everything the user can do, as values, and the vocabulary both sides of the keymap
//! share: the panes, the places where keys apply, and the edits typed into a text field.
//!
//! Keys become actions in `keymap`; only `App::update` changes state in response to them.
//! Nothing here knows about the terminal library, so the app below it does not either.

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
    /// An editing key for the active text field (or the focused choice of a form).
    Edit(Edit),
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
    /// Something in the benefits view or a benefit dialog.
    Benefits(BenefitAction),
    /// Something in the import's mapping dialog.
    Mapping(MappingAction),
    /// Show the conflicts a merge left, one at a time.
    OpenConflicts,
    /// Something in the conflict dialog.
    Conflict(ConflictAction),
    /// The intake list of incoming ideas, and triage there.
    Idea(IdeaAction),
    /// Merge this session's portfolio with the file another program wrote, from the
    /// external-change dialog.
    MergeWithDisk,
    /// Show what another program changed in the data file and the choices about it (the
    /// banner names the key; the dialog never opens by itself).
    OpenExternalChange,
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// Clear the screen and draw all of it again (after another program wrote over it).
    Redraw,
    /// Make a read-only session writable: take the lock another fasett held, or ask it to
    /// save and close when it is this user's on this host (`:takeover`).
    TakeOver,
}

impl Action {
    /// Whether this action changes the portfolio, or opens a form or dialog only to change
    /// it: in a read-only session its key is not offered (footer, help), and pressing it
    /// says why not.
    pub fn edits_portfolio(&self) -> bool {
        match self {
            Action::NewInitiative
            | Action::EditSelected
            | Action::DeleteSelected
            | Action::AddLogEntry
            | Action::ToggleArchived
            | Action::Undo
            | Action::Redo
            | Action::SaveForm
            | Action::StartImport
            | Action::MergeWithDisk => true,
            Action::Profile(action) => *action != ProfileAction::Open,
            Action::Benefits(action) => {
                matches!(
                    action,
                    BenefitAction::New | BenefitAction::Edit | BenefitAction::Delete | BenefitAction::Measure
                )
            }
            Action::Grid(action) => matches!(
                action,
                GridAction::MoveInitiative(_) | GridAction::OpenPlacement | GridAction::AcceptPlacement
            ),
            Action::Culture(action) => matches!(
                action,
                CultureAction::NewRun
                    | CultureAction::EditRun
                    | CultureAction::EnterEach
                    | CultureAction::EnterTally
                    | CultureAction::EnterRespondent
                    | CultureAction::SetScore(_)
                    | CultureAction::ClearScore
                    | CultureAction::EditNote
                    | CultureAction::NewAction
                    | CultureAction::EditAction
                    | CultureAction::ToggleDone
            ),
            Action::Conflict(action) => {
                matches!(action, ConflictAction::KeepOurs | ConflictAction::TakeTheirs | ConflictAction::Edit)
            }
            Action::Idea(action) => *action != IdeaAction::OpenList,
            _ => false,
        }
    }

    /// Whether this action belongs to the whole app, so a dialog or list that takes the
    /// keys passes it on: help, quit, a resize and `Ctrl-L`.
    pub fn is_app_wide(&self) -> bool {
        matches!(self, Action::ToggleHelp | Action::Quit | Action::Resize(..) | Action::Redraw)
    }

    /// Whether this action opens an empty text field to type a new thing in (an initiative,
    /// a log line, a search, a command, a culture action): the one kind of key that may start
    /// a burst of typing that arrives all at once, the rest of which then goes into the field.
    pub fn opens_a_field(&self) -> bool {
        matches!(
            self,
            Action::NewInitiative
                | Action::AddLogEntry
                | Action::StartSearch
                | Action::OpenCommandLine
                | Action::Culture(CultureAction::NewAction)
        )
    }
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
    /// Change the selected run's scope, date, participants or next date.
    EditRun,
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
    /// Type every participant's score for the selected item, one digit each.
    EnterEach,
    /// Count a show of hands for the selected item: how many gave each score.
    EnterTally,
    /// Type one more participant's scores for every item, one digit each.
    EnterRespondent,
    /// Add an action to the plan (in the rating view: for the selected item).
    NewAction,
    /// Edit the selected action.
    EditAction,
    /// Mark the selected action done, or open again.
    ToggleDone,
    /// Hide participants' names for a meeting, or show them again.
    TogglePresentation,
    /// Move to the next field of the dialog.
    NextField,
    /// Move to the previous field of the dialog.
    PreviousField,
    /// Save the dialog, note or form.
    Save,
    /// Close the view or dialog and go back.
    Back,
}

/// What the conflict dialog does with the conflict on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictAction {
    /// Keep our value (this copy's).
    KeepOurs,
    /// Take their value (the other copy's).
    TakeTheirs,
    /// Type the value instead.
    Edit,
    /// Show the next conflict.
    Next,
    /// Show the previous conflict.
    Previous,
}

/// Triage in the intake list (docs/domain.md §9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdeaAction {
    /// Open the intake list.
    OpenList,
    /// The selected idea is being assessed.
    Assess,
    /// Accept it: an active initiative at stage 2.
    Accept,
    /// Decline it (asks for the reason).
    Decline,
    /// Merge it into another initiative (asks for its number).
    Merge,
    /// Park it (asks for an optional reason).
    Park,
    /// Back to received.
    Reopen,
    /// Its proposer was told.
    Told,
}

/// The four panes, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Portfolio,
    Initiatives,
    Culture,
    Overview,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Portfolio, Pane::Initiatives, Pane::Culture, Pane::Overview];

    pub fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    pub fn title_key(self) -> &'static str {
        match self {
            Pane::Portfolio => "tab.portfolio",
            Pane::Initiatives => "tab.initiatives",
            Pane::Culture => "tab.culture",
            Pane::Overview => "tab.overview",
        }
    }
}

/// Something done in the Overview pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverviewAction {
    /// Select the next follow-up.
    Next,
    /// Select the previous follow-up.
    Previous,
    /// Select the first follow-up.
    First,
    /// Select the last follow-up.
    Last,
    /// Scroll the pane down a page.
    ScrollDown,
    /// Scroll the pane up a page.
    ScrollUp,
    /// Open the selected follow-up: an initiative's detail, or an action in the Culture pane.
    Open,
}

/// What the benefits view and its dialogs do (benefits realisation, docs/domain.md §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BenefitAction {
    /// Show every benefit of the portfolio (from the Overview).
    ShowAll,
    /// Show the benefits of the initiative being read (from its detail).
    ShowInitiative,
    /// Select the next benefit.
    Next,
    /// Select the previous benefit.
    Previous,
    /// Select the first benefit.
    First,
    /// Select the last benefit.
    Last,
    /// Move the selection a page down.
    PageDown,
    /// Move the selection a page up.
    PageUp,
    /// Add a benefit to the initiative shown, or to the selected benefit's initiative.
    New,
    /// Edit the selected benefit.
    Edit,
    /// Ask to remove the selected benefit with its measurements.
    Delete,
    /// Add a measurement to the selected benefit: date, value and note on one line.
    Measure,
    /// Sort the list by the next order.
    CycleSort,
    /// Show the next filter (kind, overdue, no owner).
    CycleFilter,
    /// Chart money or time.
    SwitchChart,
    /// Open the selected benefit's initiative.
    OpenInitiative,
    /// Move to the next field of the dialog.
    NextField,
    /// Move to the previous field of the dialog.
    PreviousField,
    /// Keep what the dialog says.
    Save,
    /// Close the dialog, or leave the view.
    Back,
}

/// What the import's mapping dialog does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MappingAction {
    /// Select the next line.
    Next,
    /// Select the previous line.
    Previous,
    /// Give the selected column or word the next target (`true`) or the previous one.
    Change(bool),
    /// Save the mapping beside the file, for next time.
    Save,
    /// Import with this mapping.
    Import,
    /// Close the dialog without importing.
    Close,
}

/// What the user asked of the organisation profile editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileAction {
    /// Open the editor.
    Open,
    /// Open the editor typing the organisation's name (the welcome's "start" choice).
    Start,
    /// Edit the selected row (or add, on an "add" row).
    EditRow,
    /// Delete the selected goal, unit or person (refused while initiatives use it).
    DeleteRow,
    /// Retire the selected goal or unit, or bring it back.
    ToggleRetired,
    /// Move the selected goal up the list.
    MoveGoalUp,
    /// Move the selected goal down the list.
    MoveGoalDown,
    /// Add the unit or owner the last saved initiative named to the profile's lists.
    AddSuggested,
}

/// One editing keystroke for the focused text field, whatever terminal it came from.
///
/// Choice fields read the same values: `PreviousChar`/`NextChar` (← →) step the choice,
/// `Insert(' ')` ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Type a character at the cursor.
    Insert(char),
    /// Start a new line (multi-line fields only).
    Newline,
    /// Delete the character before the cursor (Backspace).
    DeletePreviousChar,
    /// Delete the character under the cursor (Delete).
    DeleteNextChar,
    /// Delete the word before the cursor (Ctrl-w, Alt-Backspace).
    DeletePreviousWord,
    /// Delete the word after the cursor (Ctrl-Delete).
    DeleteNextWord,
    /// Delete from the start of the line to the cursor (Ctrl-u).
    DeleteToStart,
    /// Delete from the cursor to the end of the line (Ctrl-k).
    DeleteToEnd,
    /// Move the cursor one character left.
    PreviousChar,
    /// Move the cursor one character right.
    NextChar,
    /// Move the cursor one word left.
    PreviousWord,
    /// Move the cursor one word right.
    NextWord,
    /// Move the cursor to the start of the line (Home, Ctrl-a).
    Start,
    /// Move the cursor to the end of the line (End, Ctrl-e).
    End,
    /// Move the cursor one line up (multi-line fields).
    Up,
    /// Move the cursor one line down (multi-line fields).
    Down,
}

/// Where a key binding applies. The app says which places are live now, most specific
/// first; the keymap looks a key up in that order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Any mode, any pane, even a terminal too small to draw in: looked up after the places
    /// the app names.
    Anywhere,
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
    /// A yes/no question in Swedish, Danish or Norwegian: `j` (ja) answers yes, as `y` does.
    ConfirmJa,
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
    /// Normal mode, the Portfolio grid only.
    Grid,
    /// The placement questions.
    Placement,
    /// Normal mode, the Culture pane's list of checklist runs.
    Runs,
    /// The new-run dialog.
    NewRun,
    /// Scoring a run's items.
    Rating,
    /// Typing an item's note.
    Note,
    /// Typing a line of scores: each participant's, a show of hands, or one participant's.
    Entry,
    /// A run's results or its comparison with the previous run.
    Results,
    /// An action plan.
    Plan,
    /// The action form.
    ActionForm,
    /// The offer to restore text from an interrupted session.
    Recovery,
    /// The offer to restore text in Swedish, Danish or Norwegian: `j` (ja) restores, as `y`
    /// does.
    RecoveryJa,
    /// The file was changed by another program.
    External,
    /// The list of benefits with its chart.
    BenefitList,
    /// The benefit editor (over the benefits view or the initiative form).
    BenefitForm,
    /// Typing a measurement's date, value and note.
    Measurement,
    /// The import's mapping dialog.
    Mapping,
    /// A conflict left by a merge: keep ours, take theirs, or edit.
    Conflict,
    /// The intake list of incoming ideas.
    Intake,
    /// Typing a line in the intake list (a title, a reason, a number).
    IntakeText,
    /// The idea form over the intake list: title, proposer, channel, date received, need.
    IdeaForm,
    /// A view opened over a pane where a digit answers nothing (the intake list, benefits,
    /// an initiative, results, the comparison, an action plan): `1`–`4` leave it for a pane.
    SubView,
    /// Typing the value that settles a conflict.
    ConflictEdit,
}

/// What a key that no binding claims does in the current place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unbound {
    /// Nothing.
    Ignore,
    /// It is typed into the focused text field, as an [`Edit`].
    Edit,
    /// It answers "no" to the question on screen.
    Cancel,
}

/// Whether the session may change the portfolio, as far as the keys are concerned.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Writing {
    /// Edits are made and saved.
    #[default]
    Allowed,
    /// Read-only for a reason no key changes (a file fasett could not read, or a newer one's).
    ReadOnly,
    /// Read-only until a takeover (another fasett had the file, or `--read-only`).
    TakeOver,
    /// Edits are made, but not saved: another program changed the file, and saving waits
    /// for the user's choice about it.
    Held,
}

impl Writing {
    /// Whether a key for `action` is offered (in the footer and the help): edits only where
    /// they can be made, the takeover only where it can help, the choices about a file
    /// another program changed only while that waits. Every key still acts; an edit in a
    /// read-only session says why it was not made.
    pub fn offers(self, action: &Action) -> bool {
        match action {
            Action::TakeOver => self == Writing::TakeOver,
            Action::OpenExternalChange => self == Writing::Held,
            action if action.edits_portfolio() => matches!(self, Writing::Allowed | Writing::Held),
            _ => true,
        }
    }
}

/// What the keymap needs to know about the app to map a key: computed by the app, so the
/// keymap never looks inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyContext {
    /// The live places, most specific first.
    pub places: &'static [Place],
    /// What an unclaimed key does.
    pub unbound: Unbound,
    /// The terminal is too small to draw the interface: only quitting works.
    pub too_small: bool,
    /// Whether edits can be made, which decides the keys offered.
    pub writing: Writing,
}
