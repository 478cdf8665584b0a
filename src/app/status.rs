//! The status line: every message is said through [`App::say`], and one rule decides when it
//! goes. A message belongs to the pane or dialog it was said in: it goes when that closes or
//! another opens (an info from a list when a form opens, a form's refusal when Esc closes the
//! form), unless the action that opened or closed it said it ("#27 created" as the form
//! closes), it is lasting (the read-only notice) or edits are not saved.

use super::editing::{self, Typed};
use super::{App, Mode, ProfileEditor};
use crate::action::{Pane, Place};
use crate::model::{Id, LogKind};
use tui_input::Input;
use unicode_width::UnicodeWidthStr;

/// A message in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusLine {
    pub text: String,
    pub is_error: bool,
    /// Stays until another message replaces it: the read-only notice fasett starts with.
    pub lasting: bool,
}

/// A line being typed on the status line, shown there in place of any message.
#[derive(Debug, Clone, Copy)]
pub enum StatusPrompt<'a> {
    /// A `:` command.
    Command(&'a Input),
    /// The text filter after `/`.
    Search(&'a Input),
    /// A value for the profile editor's selected row.
    Profile(&'a ProfileEditor, &'a Input),
    /// A line for initiative `id`'s log.
    LogEntry { id: Id, kind: LogKind, input: &'a Input },
}

/// Where the keyboard was before an action, and how many messages had been said by then.
pub(super) struct Said {
    pane: Pane,
    places: &'static [Place],
    count: u64,
}

impl App {
    /// Says `text`; while a save is under way, once it is on disk.
    pub fn set_info(&mut self, text: String) {
        if self.saving.is_some() && self.says_saving() {
            self.saving = Some(text);
            self.said += 1;
            return;
        }
        self.say(StatusLine { text, is_error: false, lasting: false });
    }

    pub fn set_error(&mut self, text: String) {
        self.say(StatusLine { text, is_error: true, lasting: false });
    }

    /// The line being typed on the status line, if the mode types one there: the one list of
    /// prompting modes, which the drawing and [`Self::status_rows`] both ask.
    pub fn status_prompt(&self) -> Option<StatusPrompt<'_>> {
        match &self.mode {
            Mode::Command(input) => Some(StatusPrompt::Command(input)),
            Mode::Search(input) => Some(StatusPrompt::Search(input)),
            Mode::Profile(editor @ ProfileEditor { editing: Some(input), .. }) => {
                Some(StatusPrompt::Profile(editor, input))
            }
            Mode::LogEntry { id, input, kind } => {
                Some(StatusPrompt::LogEntry { id: *id, kind: *kind, input })
            }
            _ => None,
        }
    }

    /// The rows the status line takes on a screen `width` wide: two for a refusal or failure
    /// that does not fit on one, so that its reason is read whole; one otherwise (an info
    /// message is cut, so the panes above do not move under the user's eyes).
    pub fn status_rows(&self, width: u16) -> u16 {
        // A prompt takes the line, and a message waits behind it.
        let prompting = self.status_prompt().is_some();
        match &self.status {
            Some(status)
                if status.is_error
                    && !prompting
                    && crate::text::one_line(&status.text).width() > usize::from(width) =>
            {
                2
            }
            _ => 1,
        }
    }

    /// Puts `line` in the status line: every message passes here.
    pub(super) fn say(&mut self, line: StatusLine) {
        self.status = Some(line);
        self.said += 1;
    }

    /// Where the keyboard is, for [`Self::keep_or_drop_message`] after the action.
    pub(super) fn where_said(&self) -> Said {
        Said { pane: self.pane, places: self.places(), count: self.said }
    }

    /// The one rule: the message goes once the pane or dialog it was said in (`before`) is
    /// left, unless the action said it, it is lasting, or edits are not saved.
    pub(super) fn keep_or_drop_message(&mut self, before: &Said) {
        let moved = self.pane != before.pane || self.places() != before.places;
        if moved && self.said == before.count {
            self.drop_message();
        }
    }

    /// The dialog the message was said in now shows what it said (the import mapping's
    /// header after a change that fixed what stopped the import): the message goes, on the
    /// same terms as when its dialog is left.
    pub(super) fn message_superseded(&mut self) {
        self.drop_message();
    }

    /// Drops the message unless it is lasting or edits are not saved: the one place a
    /// message goes without another replacing it.
    fn drop_message(&mut self) {
        if !self.unsaved && !self.status.as_ref().is_some_and(|s| s.lasting) {
            self.status = None;
        }
    }

    /// A paste into a one-line field whose line breaks became spaces is said once, so that
    /// nothing is changed silently.
    pub(super) fn tell_joined(&mut self, typed: Typed<'_>) {
        if let Typed::Paste(text) = typed
            && editing::joins_lines(text)
        {
            self.said_joined();
        }
    }

    /// Says that a paste's line breaks became spaces (see [`Self::tell_joined`]).
    pub(super) fn said_joined(&mut self) {
        self.set_info(self.lang.t("status.paste_joined").to_owned());
    }

    /// Once the form is edited after a save complained about a field, the complaint leaves
    /// the status line too.
    pub(super) fn form_error_fixed(&mut self, complained: bool) {
        if complained && self.status.as_ref().is_some_and(|s| s.is_error) {
            self.status = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Mode, ProfileEditor};
    use crate::model::LogKind;
    use crate::testing::Harness;
    use tui_input::Input;

    /// Every mode that types on the status line keeps it one row high under a long refusal,
    /// and the drawing shows its prompt there: the two ask the same list.
    #[test]
    fn a_prompt_keeps_the_status_line_one_row_and_is_drawn() {
        let typed = || Input::new("typed".into());
        let modes = [
            Mode::Command(typed()),
            Mode::Search(typed()),
            Mode::Profile(ProfileEditor { selected: 0, editing: Some(typed()) }),
            Mode::LogEntry { id: 1, input: typed(), kind: LogKind::default() },
        ];
        for mode in modes {
            let mut app = Harness::sample();
            app.set_error("a refusal far too long for one line of the status bar ".repeat(3));
            app.mode = mode;
            assert!(app.status_prompt().is_some(), "{:?} prompts", app.mode);
            assert_eq!(app.status_rows(80), 1, "{:?}", app.mode);
            let screen = app.render(80, 24);
            let status = screen.lines().nth(22).unwrap_or_default();
            assert!(status.contains("typed"), "{:?} draws its prompt: {status:?}", app.mode);
        }
        let mut app = Harness::sample();
        app.set_error("a refusal far too long for one line of the status bar ".repeat(3));
        assert!(app.status_prompt().is_none());
        assert_eq!(app.status_rows(80), 2, "no prompt: the refusal takes two rows");
    }

    /// A dialog that shows what its message said drops it on the rule's terms: not a lasting
    /// notice, nor while edits are not saved.
    #[test]
    fn a_superseded_message_goes_on_the_rules_terms() {
        let mut app = Harness::sample();
        app.set_error("1 problem stops the import".into());
        app.message_superseded();
        assert_eq!(app.status, None);
        app.say(super::StatusLine { text: "read-only".into(), is_error: false, lasting: true });
        app.message_superseded();
        assert!(app.status.is_some(), "a lasting notice stays");
        app.set_error("could not save".into());
        app.unsaved = true;
        app.message_superseded();
        assert!(app.status.is_some(), "a failed save's message stays while edits are not saved");
    }
}
