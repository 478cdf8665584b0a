//! Entering what a group said, at the speed of a meeting, from the rating view.
//!
//! One line of digits, read one of three ways:
//! - **each** (`e`): every participant's score for the item under the cursor, in the order
//!   the participants were first entered — `3442531` is R1 said 3, R2 said 4, … Enter stores
//!   it and opens the next item, so 8 people × 10 items take 90 keys.
//! - **tally** (`t`): a show of hands for the item: how many gave each score, lowest first —
//!   on a 1–5 scale `01331` is nobody said 1, one said 2, three said 3 … (6 keys an item).
//! - **respondent** (`n`): one participant's scores for every item in order, for a workshop
//!   where each person reads out their sheet; the table follows the cursor. ↑/↓ choose whose
//!   (a participant already scored is corrected); it opens on the first named participant
//!   without scores, else a new one (see the `who` module).
//!
//! A `-` (or `.`) is "no answer". Scores are one digit each; with spaces or commas between
//! them, numbers of any length. A digit outside the scale is refused as it is typed, with the
//! scale in the message. Every Enter is one undoable change. A slot is given either a show of
//! hands or the participants' own scores, never both, so nobody is counted twice.

use tui_input::Input;

use super::{CultureMode, Rating};
use crate::action::{Action, Edit};
use crate::app::{App, Mode, editing};
use crate::history::Change;
use crate::model::{Answer, Assessment, Id, Response, Template};
use crate::scoring::{self, Slot};

mod line;
pub mod who;

pub use line::Refusal;
use line::{Position, given, line_of, out_of_scale, scores, tally, tokens};

/// How the entry line's digits are read: the one type a draft of the line keeps too.
pub use crate::recovery::ScoreLine as EntryKind;

/// The entry line open over the rating view.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The run and the slot being entered (for a respondent: the slot at the cursor).
    pub rating: Rating,
    pub kind: EntryKind,
    pub input: Input,
    /// What the line held when it was opened, to tell whether anything was typed.
    pub opened_with: String,
    /// The line shows what is stored and nothing was done to it yet: the first digit typed
    /// starts it afresh, as typing into a spreadsheet cell does (← or Backspace edit it instead).
    pub replace: bool,
    /// Enter found more scores than the group has participants: the line asks whether they
    /// are new participants before it stores them (a digit too many is a mistake as often).
    pub asking: bool,
    /// For a respondent: whose scores the line holds, a position in the run's responses
    /// (from `who::new_position` on: a new participant).
    pub who: usize,
}

/// What the entry line means as it stands, for the preview under it.
#[derive(Debug, Clone, PartialEq)]
pub enum Preview {
    /// A distribution of this many scores, and how many responses the line adds (each).
    Scores {
        distribution: scoring::group::Distribution,
        added: usize,
    },
    /// A new participant's scores for this many of the slots.
    Respondent {
        scored: usize,
        of: usize,
    },
    Problem(Refusal),
}

impl Entry {
    /// The slot the line is about (for a respondent, the slot at the cursor).
    pub fn slot<'t>(&self, t: &'t Template) -> Option<Slot<'t>> {
        let columns = t.perspectives.len().max(1);
        scoring::slots(t).get(self.rating.row * columns + self.rating.column).copied()
    }

    /// What the line means now.
    pub fn preview(&self, t: &Template, a: &Assessment) -> Preview {
        let text = self.input.value();
        // Counting a slot twice is refused at Enter; say so while typing.
        let typed = text.chars().any(|c| c.is_ascii_digit() && c != '0');
        if let (true, Some(slot)) = (typed, self.slot(t)) {
            match self.kind {
                EntryKind::Each if has_hands(a, slot) => {
                    return Preview::Problem(Refusal::new("entry.has_hands", &[]));
                }
                EntryKind::Tally if has_own_scores(a, slot) => {
                    return Preview::Problem(Refusal::new("entry.has_own_scores", &[]));
                }
                _ => {}
            }
        }
        match self.kind {
            EntryKind::Each => match scores(text, &t.scale, Position::Participant) {
                Ok(values) => {
                    let mut distribution = scoring::group::Distribution::new(&t.scale);
                    for v in values.iter().flatten() {
                        distribution.add(*v);
                    }
                    Preview::Scores { distribution, added: values.len().saturating_sub(a.responses.len()) }
                }
                Err(e) => Preview::Problem(e),
            },
            EntryKind::Tally => match tally(text, &t.scale) {
                Ok(counts) => {
                    let mut distribution = scoring::group::Distribution::new(&t.scale);
                    distribution.add_tally(&counts);
                    Preview::Scores { distribution, added: 0 }
                }
                Err(e) => Preview::Problem(e),
            },
            EntryKind::Respondent => match scores(text, &t.scale, Position::Item) {
                Ok(values) => Preview::Respondent {
                    scored: values.iter().flatten().count(),
                    of: scoring::slots(t).len(),
                },
                Err(e) => Preview::Problem(e),
            },
        }
    }

    /// While [`Self::asking`]: "5 scores — a new participant, R5? y/n".
    pub fn question(&self, a: &Assessment, lang: crate::i18n::Lang) -> Option<String> {
        if !self.asking {
            return None;
        }
        let count = given(&tokens(self.input.value()).unwrap_or_default());
        let added = count.saturating_sub(a.responses.len());
        let first = a.next_response_id();
        let last = first + added.saturating_sub(1) as crate::model::Id;
        let who = if added > 1 { format!("R{first}–R{last}") } else { format!("R{first}") };
        Some(lang.tn("entry.ask_new", added, &[("scores", &count), ("who", &who)]))
    }

    /// The marks over the first `count` digits of a line of everyone's scores: the named
    /// participants' initials (told apart where two share one), `+` for a new participant,
    /// else the positions' digits.
    pub fn marks(a: &Assessment, count: usize, show_names: bool) -> String {
        who::marks(a, count, show_names)
    }

    /// The participant at `position` of a line of everyone's scores, by name where they have
    /// one ("Ola Hansen (R2)"); `None` for a run without names.
    pub fn named_at(a: &Assessment, position: usize, show_names: bool) -> Option<String> {
        who::name_at(a, position, show_names).map(|_| who::label(a, position, show_names))
    }

    /// The new participant at `position` ("R5"), where the ruler marks a run's named
    /// participants and shows `+` for whoever is added; `None` elsewhere.
    pub fn new_at(a: &Assessment, position: usize, show_names: bool) -> Option<String> {
        Self::marks(a, position + 1, show_names).ends_with('+').then(|| who::label(a, position, show_names))
    }

    /// For a participant's line in run `a`: whose it is, as the id of their response (or the
    /// id a new participant's gets), which a draft keeps; `None` for the other lines.
    pub fn respondent_id(&self, a: &Assessment) -> Option<Id> {
        (self.kind == EntryKind::Respondent).then(|| who::id_at(a, self.who))
    }

    /// Whose scores a respondent's line holds: "Ola Hansen (R2)", or "R5".
    pub fn respondent(&self, a: &Assessment, show_names: bool) -> String {
        who::label(a, self.who, show_names)
    }
}

impl App {
    /// Opens the entry line of `kind` on the rating view's slot.
    pub(super) fn open_entry(&mut self, kind: EntryKind) {
        let Mode::Culture(CultureMode::Rating(r)) = self.mode else { return };
        if !self.writable() {
            return;
        }
        let Some(a) = self.portfolio.assessment(r.id) else { return };
        let Some((t, _)) = self.run_template(a) else {
            self.set_error(self.lang.t("rating.no_template").to_owned());
            return;
        };
        let rating = if kind == EntryKind::Respondent { Rating { row: 0, column: 0, ..r } } else { r };
        let who = who::first_unscored(a);
        let text = match kind {
            EntryKind::Respondent => who::scores_line(t, a, who),
            _ => prefill(t, a, rating, kind),
        };
        let key = match kind {
            EntryKind::Each => "entry.opened_each",
            EntryKind::Tally => "entry.opened_tally",
            EntryKind::Respondent => "entry.opened_respondent",
        };
        let label = who::label(a, who, !self.culture.presenting);
        self.set_info(self.lang.tf(key, &[("min", &t.scale.min), ("max", &t.scale.max), ("who", &label)]));
        self.mode = Mode::Culture(CultureMode::Entry(Box::new(Entry {
            rating,
            kind,
            replace: !text.is_empty(),
            input: Input::new(text.clone()),
            opened_with: text,
            asking: false,
            who,
        })));
    }

    /// The entry line of `kind` on `rating`'s slot, holding `text` typed in an earlier session
    /// (a draft put back): what is stored for the slot now is what it is told apart from. A
    /// participant's line comes back for `respondent` ([`Entry::respondent_id`]).
    pub(in crate::app) fn reopen_entry(
        &mut self,
        rating: Rating,
        kind: EntryKind,
        text: &str,
        respondent: Option<Id>,
    ) {
        let Some(a) = self.portfolio.assessment(rating.id) else { return };
        let Some((t, _)) = self.run_template(a) else { return };
        // Without a participant (a draft from before they were kept, or one whose response
        // is gone), the one `n` would open on now: without scores, so it adds to no one's.
        let who = respondent.and_then(|id| who::position_of(a, id)).unwrap_or_else(|| who::first_unscored(a));
        let opened_with = if kind == EntryKind::Respondent {
            who::scores_line(t, a, who)
        } else {
            prefill(t, a, rating, kind)
        };
        let input = Input::new(text.to_owned());
        let entry = Entry { rating, kind, input, opened_with, replace: false, asking: false, who };
        self.mode = Mode::Culture(CultureMode::Entry(Box::new(entry)));
        self.follow_cursor();
    }

    /// A key typed into the entry line: digits, `-`, spaces and the line-editing keys. A digit
    /// outside the scale is refused on the spot.
    pub(super) fn entry_edit(&mut self, edit: Edit) {
        let Mode::Culture(CultureMode::Entry(entry)) = &self.mode else { return };
        let Some(scale) = self.entry_template(entry.rating.id).map(|t| t.scale.clone()) else { return };
        if let Edit::Insert(c) = edit {
            if !(c.is_ascii_digit() || matches!(c, ' ' | ',' | ';' | '-' | '.')) {
                self.set_error(self.lang.t("entry.digits_only").to_owned());
                return;
            }
            let single = !entry.input.value().contains([' ', ',', ';']);
            if let (true, Some(d), EntryKind::Each | EntryKind::Respondent) =
                (single, c.to_digit(10), entry.kind)
                && (d < u32::from(scale.min) || d > u32::from(scale.max))
                && scale.max < 10
            {
                let position = entry.input.value().chars().take(entry.input.cursor()).count() + 1;
                let what = if entry.kind == EntryKind::Each { Position::Participant } else { Position::Item };
                let refusal = out_of_scale(d, &scale, what, position);
                self.set_error(refusal.text(self.lang));
                return;
            }
        }
        let Mode::Culture(CultureMode::Entry(entry)) = &mut self.mode else { return };
        if std::mem::take(&mut entry.replace) && matches!(edit, Edit::Insert(_)) {
            entry.input = Input::default();
        }
        editing::edit_line(&mut entry.input, edit);
        self.follow_cursor();
    }

    /// Pasted digits into the entry line (checked when entered, like typed ones). Several
    /// lines — a column copied from a spreadsheet, a fast typist's burst — are entered line by
    /// line, as if each were typed and Enter pressed; the last stays in the line.
    pub(super) fn entry_paste(&mut self, text: &str) {
        let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
        for (ix, line) in lines.iter().enumerate() {
            let Mode::Culture(CultureMode::Entry(entry)) = &mut self.mode else { return };
            if std::mem::take(&mut entry.replace) || ix > 0 {
                entry.input = Input::default();
            }
            editing::paste_line(&mut entry.input, line);
            self.follow_cursor();
            if ix + 1 < lines.len() {
                if !matches!(self.mode, Mode::Culture(CultureMode::Entry(_))) || !self.store_entry() {
                    return;
                }
                self.step_entry(Step::Next);
            }
        }
    }

    /// For a respondent, the rating cursor shows the slot the next digit goes to.
    fn follow_cursor(&mut self) {
        let Mode::Culture(CultureMode::Entry(entry)) = &self.mode else { return };
        if entry.kind != EntryKind::Respondent {
            return;
        }
        let Some(columns) = self.entry_template(entry.rating.id).map(|t| t.perspectives.len().max(1)) else {
            return;
        };
        let slots = self.entry_template(entry.rating.id).map_or(0, |t| scoring::slots(t).len());
        let before: String = entry.input.value().chars().take(entry.input.cursor()).collect();
        let at = tokens(&before).map_or(0, |t| t.len()).min(slots.saturating_sub(1));
        if let Mode::Culture(CultureMode::Entry(entry)) = &mut self.mode {
            entry.rating.row = at / columns;
            entry.rating.column = at % columns;
        }
    }

    fn entry_template(&self, run: crate::model::Id) -> Option<&Template> {
        let a = self.portfolio.assessment(run)?;
        self.run_template(a).map(|(t, _)| t)
    }

    /// Enter: stores the line as one undoable change and opens the next slot (see
    /// [`next_open`]; for a respondent, the next respondent). A line that cannot be read stays
    /// open.
    pub(super) fn submit_entry(&mut self) {
        if self.store_entry() {
            self.step_entry(Step::Next);
        }
    }

    /// ↑ / ↓ in the entry line: stores what was typed (if anything), then the slot above or
    /// below, under the same perspective.
    pub(super) fn entry_move(&mut self, delta: isize) {
        let Mode::Culture(CultureMode::Entry(entry)) = &self.mode else { return };
        let typed = entry.input.value() != entry.opened_with;
        if entry.kind == EntryKind::Respondent {
            if !typed || self.store_entry() {
                self.choose_respondent(delta);
            }
            return;
        }
        if !typed || self.store_entry() {
            self.step_entry(Step::Rows(delta));
        }
    }

    /// Esc: closes the line; what was typed and not entered is dropped, and said so.
    pub(super) fn close_entry(&mut self) {
        let Mode::Culture(CultureMode::Entry(entry)) = std::mem::replace(&mut self.mode, Mode::Normal) else {
            return;
        };
        let typed = entry.input.value().trim().to_owned();
        if entry.input.value() != entry.opened_with && !typed.is_empty() {
            self.set_info(self.lang.tf("entry.dropped", &[("text", &typed)]));
        }
        let rating = if entry.kind == EntryKind::Respondent {
            Rating { row: 0, column: 0, ..entry.rating }
        } else {
            entry.rating
        };
        self.mode = Mode::Culture(CultureMode::Rating(rating));
    }

    /// After an undo or redo with the line open and untouched, it shows the slot as it is now.
    pub(super) fn refresh_entry(&mut self) {
        let Mode::Culture(CultureMode::Entry(entry)) = &self.mode else { return };
        if entry.input.value() != entry.opened_with || entry.kind == EntryKind::Respondent {
            return;
        }
        let Some(a) = self.portfolio.assessment(entry.rating.id) else { return };
        let Some((t, _)) = self.run_template(a) else { return };
        let text = prefill(t, a, entry.rating, entry.kind);
        if let Mode::Culture(CultureMode::Entry(entry)) = &mut self.mode {
            entry.replace = !text.is_empty();
            entry.input = Input::new(text.clone());
            entry.opened_with = text;
        }
    }

    /// A yes or a no to the line's question ([`Entry::asking`]): yes stores the line with its
    /// new participants and goes on, anything else goes back to the line as it was typed.
    /// Every other action passes on.
    pub(in crate::app) fn entry_question(&mut self, action: Action) -> Option<Action> {
        let Mode::Culture(CultureMode::Entry(entry)) = &mut self.mode else { return Some(action) };
        if !entry.asking || !matches!(action, Action::ConfirmYes | Action::Cancel) {
            return Some(action);
        }
        entry.asking = false;
        if action == Action::ConfirmYes {
            if self.store_line(true) {
                self.step_entry(Step::Next);
            }
        } else {
            self.set_info(self.lang.t("entry.not_added").to_owned());
        }
        None
    }

    /// Stores the line; false (with the reason in the status line) when it cannot, or when it
    /// asks first whether more scores than the group has are new participants.
    fn store_entry(&mut self) -> bool {
        self.store_line(false)
    }

    fn store_line(&mut self, new_participants: bool) -> bool {
        let Mode::Culture(CultureMode::Entry(entry)) = &self.mode else { return false };
        let entry = (**entry).clone();
        let Some(before) = self.portfolio.assessment(entry.rating.id).cloned() else { return false };
        let Some((t, _)) = self.run_template(&before) else { return false };
        let t = t.clone();
        if entry.kind == EntryKind::Each && !new_participants && !before.responses.is_empty() {
            let reach = tokens(entry.input.value()).map_or(0, |values| given(&values));
            if reach > before.responses.len() {
                if let Mode::Culture(CultureMode::Entry(entry)) = &mut self.mode {
                    entry.asking = true;
                    let question = entry.question(&before, self.lang).unwrap_or_default();
                    self.set_info(question);
                }
                return false;
            }
        }
        let stored = match entry.kind {
            EntryKind::Each => each(&t, &before, &entry),
            EntryKind::Tally => hands(&t, &before, &entry),
            EntryKind::Respondent => respondent(&t, &before, &entry),
        };
        let after = match stored {
            Ok(after) => after,
            Err(refusal) => {
                self.set_error(refusal.text(self.lang));
                return false;
            }
        };
        if after == before {
            return true;
        }
        let label = match entry.kind {
            EntryKind::Respondent => who::label(&before, entry.who, !self.culture.presenting),
            _ => entry.slot(&t).map(|s| short_name(&t, s, self.lang)).unwrap_or_default(),
        };
        if !self.commit(Change::assessment(Some(before), Some(after))) {
            return false;
        }
        self.set_info(self.lang.tf("entry.stored", &[("what", &label)]));
        true
    }

    /// ↑ / ↓ on a participant's line: the previous or next participant, up to a new one.
    fn choose_respondent(&mut self, delta: isize) {
        let Mode::Culture(CultureMode::Entry(entry)) = &self.mode else { return };
        let entry = (**entry).clone();
        let Some(a) = self.portfolio.assessment(entry.rating.id) else { return };
        let who = entry.who.saturating_add_signed(delta).min(who::new_position(a));
        self.open_respondent(&entry, who);
        let Some(a) = self.portfolio.assessment(entry.rating.id) else { return };
        let label = who::label(a, who, !self.culture.presenting);
        self.set_info(self.lang.tf("entry.now_respondent", &[("who", &label)]));
    }

    /// The participant's line for `who`, holding their stored scores, the cursor on the first
    /// item.
    fn open_respondent(&mut self, entry: &Entry, who: usize) {
        let Some(a) = self.portfolio.assessment(entry.rating.id) else { return };
        let Some((t, _)) = self.run_template(a) else { return };
        let text = who::scores_line(t, a, who);
        let next = Entry {
            rating: Rating { row: 0, column: 0, ..entry.rating },
            replace: !text.is_empty(),
            input: Input::new(text.clone()),
            opened_with: text,
            asking: false,
            who,
            kind: entry.kind,
        };
        self.mode = Mode::Culture(CultureMode::Entry(Box::new(next)));
    }

    /// Opens the line on the slot `step` leads to (each, tally) or empty for the next
    /// respondent; past the last slot the line closes.
    fn step_entry(&mut self, step: Step) {
        let Mode::Culture(CultureMode::Entry(entry)) = &self.mode else { return };
        let entry = (**entry).clone();
        let Some(a) = self.portfolio.assessment(entry.rating.id) else { return };
        let Some((t, _)) = self.run_template(a) else { return };
        let columns = t.perspectives.len().max(1);
        let slots = scoring::slots(t).len();
        if entry.kind == EntryKind::Respondent {
            // The next participant in order: the next named one, or after the last a new one.
            let who = (entry.who + 1).min(who::new_position(a));
            self.open_respondent(&entry, who);
            return;
        }
        let here = entry.rating.row * columns + entry.rating.column;
        let there = match step {
            Step::Next => next_open(t, a, here),
            Step::Rows(delta) => {
                let there = here.cast_signed() + delta * columns.cast_signed();
                usize::try_from(there).ok().filter(|there| *there < slots)
            }
        };
        let Some(there) = there else {
            self.mode = Mode::Culture(CultureMode::Rating(entry.rating));
            if matches!(step, Step::Next | Step::Rows(1..))
                && !self.status.as_ref().is_some_and(|s| s.is_error)
            {
                self.set_info(self.lang.tf("entry.all_done", &[("total", &slots)]));
            }
            return;
        };
        let rating = Rating { row: there / columns, column: there % columns, ..entry.rating };
        let text = prefill(t, a, rating, entry.kind);
        self.mode = Mode::Culture(CultureMode::Entry(Box::new(Entry {
            rating,
            replace: !text.is_empty(),
            input: Input::new(text.clone()),
            opened_with: text,
            asking: false,
            ..entry
        })));
    }
}

/// Where the entry line goes next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// After Enter: the next slot down, or one still to fill ([`next_open`]).
    Next,
    /// ↑ / ↓: this many rows on, under the same perspective.
    Rows(isize),
}

/// The slot Enter opens after slot `here` (an index into [`scoring::slots`]): the next one
/// down the same perspective, so a facilitator counting hands for one perspective stays with
/// it and a pasted column fills the items in order; below the last, the first slot without
/// scores from the group anywhere (wrapping round), and `None` when there is none.
fn next_open(t: &Template, a: &Assessment, here: usize) -> Option<usize> {
    let columns = t.perspectives.len().max(1);
    let slots = scoring::slots(t).len();
    let below = here + columns;
    if below < slots {
        return Some(below);
    }
    let open: Vec<bool> = scoring::group::group(t, a).iter().map(|g| g.distribution.n() == 0).collect();
    (1..slots).map(|k| (here + k) % slots).find(|ix| open[*ix])
}

/// The line as it stands for `rating`'s slot: the participants' scores or the hands counted.
fn prefill(t: &Template, a: &Assessment, rating: Rating, kind: EntryKind) -> String {
    let entry = Entry {
        rating,
        kind,
        input: Input::default(),
        opened_with: String::new(),
        replace: false,
        asking: false,
        who: 0,
    };
    let Some(slot) = entry.slot(t) else { return String::new() };
    match kind {
        EntryKind::Each => {
            let values: Vec<Option<u32>> =
                a.responses.iter().map(|r| r.score(&slot.item.id, slot.perspective).map(u32::from)).collect();
            line_of(&values)
        }
        EntryKind::Tally => {
            let counts =
                a.answer(&slot.item.id, slot.perspective).map(|x| x.tally.clone()).unwrap_or_default();
            if counts.iter().all(|c| *c == 0) {
                return String::new();
            }
            let values: Vec<Option<u32>> = counts.into_iter().map(Some).collect();
            let text = line_of(&values);
            // Trailing zeros are part of a show of hands; keep the line as long as the scale.
            if values.iter().all(|v| v.is_some_and(|v| v < 10)) {
                values.iter().map(|v| v.unwrap_or(0).to_string()).collect()
            } else {
                text
            }
        }
        EntryKind::Respondent => String::new(),
    }
}

/// The item's short name ([`scoring::item_name`]) and perspective, for messages.
pub(super) fn short_name(t: &Template, slot: Slot<'_>, lang: crate::i18n::Lang) -> String {
    let mut name = scoring::item_name(t, slot.item, lang.code());
    if let Some(p) = slot.perspective.and_then(|p| t.perspectives.iter().find(|x| x.id == p)) {
        name = format!("{name} · {}", p.name.get(lang.code()));
    }
    name
}

fn has_hands(a: &Assessment, slot: Slot<'_>) -> bool {
    a.answer(&slot.item.id, slot.perspective).is_some_and(|x| x.tally.iter().any(|n| *n > 0))
}

fn has_own_scores(a: &Assessment, slot: Slot<'_>) -> bool {
    a.responses.iter().any(|r| r.score(&slot.item.id, slot.perspective).is_some())
}

/// Each participant's score for one slot, in response order; new participants are added,
/// those the line does not reach lose this slot's score.
fn each(t: &Template, before: &Assessment, entry: &Entry) -> Result<Assessment, Refusal> {
    let values = scores(entry.input.value(), &t.scale, Position::Participant)?;
    let Some(slot) = entry.slot(t) else { return Ok(before.clone()) };
    if has_hands(before, slot) && values.iter().any(Option::is_some) {
        return Err(Refusal::new("entry.has_hands", &[]));
    }
    let mut after = before.clone();
    for (ix, value) in values.iter().enumerate() {
        if ix == after.responses.len() {
            after.responses.push(Response { id: after.next_response_id(), ..Response::default() });
        }
        after.responses[ix].set_score(&slot.item.id, slot.perspective, *value);
    }
    for response in after.responses.iter_mut().skip(values.len()) {
        response.set_score(&slot.item.id, slot.perspective, None);
    }
    // A participant at the end left with no score and no name is not kept; one further up
    // stays, so the positions of everyone after them never shift.
    while after.responses.last().is_some_and(Response::is_blank) {
        after.responses.pop();
    }
    Ok(after)
}

/// A show of hands for one slot.
fn hands(t: &Template, before: &Assessment, entry: &Entry) -> Result<Assessment, Refusal> {
    let counts = tally(entry.input.value(), &t.scale)?;
    let Some(slot) = entry.slot(t) else { return Ok(before.clone()) };
    let any = counts.iter().any(|n| *n > 0);
    if any && has_own_scores(before, slot) {
        return Err(Refusal::new("entry.has_own_scores", &[]));
    }
    let mut after = before.clone();
    let counts = if any { counts } else { Vec::new() };
    match after
        .answers
        .iter_mut()
        .find(|x| x.item == slot.item.id && x.perspective.as_deref() == slot.perspective)
    {
        Some(answer) => answer.tally = counts,
        None if any => after.answers.push(Answer {
            tally: counts,
            ..Answer::empty(slot.item.id.clone(), slot.perspective.map(str::to_owned))
        }),
        None => {}
    }
    after.answers.retain(|x| !x.is_blank());
    Ok(after)
}

/// One participant's scores for every slot, in rating order: a new participant's, or those
/// of the participant the line was opened on (`entry.who`), corrected.
fn respondent(t: &Template, before: &Assessment, entry: &Entry) -> Result<Assessment, Refusal> {
    let values = scores(entry.input.value(), &t.scale, Position::Item)?;
    let all = scoring::slots(t);
    if values.len() > all.len() {
        return Err(Refusal::new(
            "entry.respondent_too_long",
            &[("found", values.len().to_string()), ("slots", all.len().to_string())],
        ));
    }
    // A line one short is a skipped digit as often as a last item left open: every item is
    // given, "-" for none, so no answer moves to the item after it unseen.
    if !values.is_empty() && values.len() < all.len() {
        return Err(Refusal::new(
            "entry.respondent_too_short",
            &[("found", values.len().to_string()), ("slots", all.len().to_string())],
        ));
    }
    // A line emptied over a participant's scores would take them all without a word: every
    // item is cleared with its own "-", as a score is given with its own digit.
    let had = before.responses.get(entry.who).is_some_and(|r| !r.is_blank());
    if values.is_empty() && had {
        return Err(Refusal::new(
            "entry.respondent_would_clear",
            &[("who", entry.respondent(before, false))],
        ));
    }
    let mut after = before.clone();
    // Positions up to the participant's own are filled, so everyone keeps theirs.
    while after.responses.len() <= entry.who {
        after.responses.push(Response { id: after.next_response_id(), ..Response::default() });
    }
    let response = &mut after.responses[entry.who];
    for (ix, slot) in all.iter().enumerate() {
        let value = values.get(ix).copied().flatten();
        if value.is_some() && has_hands(before, *slot) {
            return Err(Refusal::new("entry.has_hands", &[]));
        }
        response.set_score(&slot.item.id, slot.perspective, value);
    }
    while after.responses.last().is_some_and(Response::is_blank) {
        after.responses.pop();
    }
    Ok(after)
}
