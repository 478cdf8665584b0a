//! The status line: every message is said through [`App::say`], and one rule decides when it
//! goes. A message belongs to the pane or dialog it was said in: it goes when that closes or
//! another opens (an info from a list when a form opens, a form's refusal when Esc closes the
//! form), unless the action that opened or closed it said it ("#27 created" as the form
//! closes), it is lasting (the read-only notice) or edits are not saved.

use super::App;
use super::editing::{self, Typed};
use crate::action::{Pane, Place};
use unicode_width::UnicodeWidthStr;

/// A message in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusLine {
    pub text: String,
    pub is_error: bool,
    /// Stays until another message replaces it: the read-only notice fasett starts with.
    pub lasting: bool,
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

    /// The rows the status line takes on a screen `width` wide: two for a refusal or failure
    /// that does not fit on one, so that its reason is read whole; one otherwise (an info
    /// message is cut, so the panes above do not move under the user's eyes).
    pub fn status_rows(&self, width: u16) -> u16 {
        let prompting = matches!(
            self.mode,
            super::Mode::Command(_)
                | super::Mode::Search(_)
                | super::Mode::LogEntry { .. }
                | super::Mode::Profile(super::ProfileEditor { editing: Some(_), .. })
        );
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
        if moved
            && self.said == before.count
            && !self.unsaved
            && !self.status.as_ref().is_some_and(|s| s.lasting)
        {
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
