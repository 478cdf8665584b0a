//! The intake list of incoming ideas and their triage, and the commands of the loop:
//! `:ideas`, `:grew`, `:decide`, `:review`. Each decision is one undoable edit; a refused one
//! (a decline without a reason, a merge into itself, a lineage cycle) changes nothing.

use tui_input::Input;

mod form;

pub use form::IdeaForm;

use super::editing::{self, Prompted, Typed};
use super::fields::{FieldKind, FormField, IdeaField};
use super::form::{MAX_TITLE_CHARS, keep_title};
use super::{App, Mode};
use crate::action::{Action, IdeaAction};
use crate::history::Change;
use crate::ideas::{self, Move, Queue, Refusal, StageDecision, review};
use crate::model::extras::Extra;
use crate::model::{Channel, Collection, Decision, Facet, Id, Initiative, Stage, Status, Triage};

/// The intake list: which row is selected, and the line being typed or the idea form open
/// over it, if any.
#[derive(Debug, Clone, Default)]
pub struct IntakeList {
    pub selected: usize,
    pub prompt: Option<(Prompt, Input)>,
    pub form: Option<Box<IdeaForm>>,
}

/// What the line typed in the intake list is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    /// A new idea's title (quick capture: `n`, the title, Enter).
    Title,
    /// Why the selected idea is declined (required).
    Decline,
    /// Why it is parked (optional).
    Park,
    /// The number of the initiative it is merged into.
    Merge,
}

impl Prompt {
    pub fn key(self) -> &'static str {
        match self {
            Prompt::Title => "intake.prompt_title",
            Prompt::Decline => "intake.prompt_decline",
            Prompt::Park => "intake.prompt_park",
            Prompt::Merge => "intake.prompt_merge",
        }
    }
}

impl App {
    /// The ideas the intake list shows, in its order.
    pub fn intake_ids(&self) -> Vec<Id> {
        ideas::intake(&self.portfolio, self.today)
    }

    /// The idea selected in the intake list.
    pub fn intake_selected(&self) -> Option<Id> {
        let Mode::Intake(list) = &self.mode else { return None };
        self.selected_in(list)
    }

    /// The idea `list` has selected, wherever the list is (under help too).
    pub(super) fn selected_in(&self, list: &IntakeList) -> Option<Id> {
        let ids = self.intake_ids();
        ids.get(list.selected.min(ids.len().saturating_sub(1))).copied()
    }

    pub(super) fn open_intake(&mut self) {
        self.mode = Mode::Intake(IntakeList::default());
    }

    /// Handles every action while the intake list is open, and opening it; gives back the
    /// rest (undo, redo, help, quit) for `update`.
    pub(super) fn intake_intercept(&mut self, action: Action) -> Option<Action> {
        if matches!(action, Action::Idea(IdeaAction::OpenList)) {
            self.open_intake();
            return None;
        }
        let Mode::Intake(list) = &mut self.mode else { return Some(action) };
        if let Some(form) = list.form.take() {
            return self.idea_form_action(form, action);
        }
        if let Some((prompt, input)) = list.prompt.as_mut() {
            let prompt = *prompt;
            match editing::prompt_line(input, action) {
                Prompted::Submitted(text) => self.answer_prompt(prompt, &text),
                Prompted::Cancelled => list.prompt = None,
                Prompted::PassedOn(action) => return Some(action),
                Prompted::Joined => self.said_joined(),
                Prompted::Handled => {}
            }
            return None;
        }
        let len = self.intake_ids().len();
        let page = self.page();
        let Mode::Intake(list) = &mut self.mode else { return Some(action) };
        match action {
            Action::MoveDown => list.selected = (list.selected + 1).min(len.saturating_sub(1)),
            Action::MoveUp => list.selected = list.selected.saturating_sub(1),
            Action::PageDown => list.selected = (list.selected + page).min(len.saturating_sub(1)),
            Action::PageUp => list.selected = list.selected.saturating_sub(page),
            Action::MoveToFirst => list.selected = 0,
            Action::MoveToLast => list.selected = len.saturating_sub(1),
            Action::NewInitiative => list.prompt = Some((Prompt::Title, Input::default())),
            Action::EditSelected => {
                if let Some(id) = self.intake_selected() {
                    self.open_idea_form(id, IdeaField::Title);
                }
            }
            Action::OpenSelected => {
                if let Some(id) = self.intake_selected() {
                    // `Esc` comes back to the list, at the same idea.
                    let back = Some(Box::new(std::mem::replace(&mut self.mode, Mode::Normal)));
                    self.mode = Mode::Detail { id, scroll: 0, back };
                }
            }
            Action::Idea(step) => self.intake_step(step),
            Action::Cancel => self.mode = Mode::Normal,
            Action::Undo | Action::Redo | Action::ShowPane(_) => return Some(action),
            action if action.is_app_wide() => return Some(action),
            _ => {}
        }
        None
    }

    fn intake_step(&mut self, step: IdeaAction) {
        let Some(id) = self.intake_selected() else { return };
        let prompt = match step {
            IdeaAction::Assess => return self.move_idea(id, &Move::Assess),
            IdeaAction::Accept => return self.move_idea(id, &Move::Accept(Stage::GeneratingIdeas)),
            IdeaAction::Told => return self.move_idea(id, &Move::Told),
            IdeaAction::Reopen => return self.move_idea(id, &Move::Reopen),
            IdeaAction::Decline => Prompt::Decline,
            IdeaAction::Park => Prompt::Park,
            IdeaAction::Merge => Prompt::Merge,
            IdeaAction::OpenList => return,
        };
        if let Mode::Intake(list) = &mut self.mode {
            list.prompt = Some((prompt, Input::default()));
        }
    }

    fn answer_prompt(&mut self, prompt: Prompt, text: &str) {
        let done = match prompt {
            Prompt::Title => self.capture_idea(text),
            Prompt::Decline | Prompt::Park | Prompt::Merge => {
                let Some(id) = self.intake_selected() else { return };
                let step = match prompt {
                    Prompt::Decline => Move::Decline(text.to_owned()),
                    Prompt::Park => Move::Park(text.to_owned()),
                    _ => {
                        let Some(target) = parse_id(text) else {
                            self.set_error(self.lang.tf("intake.not_a_number", &[("text", &text.trim())]));
                            return;
                        };
                        Move::MergeInto(target)
                    }
                };
                self.move_idea(id, &step);
                matches!(&self.status, Some(s) if !s.is_error)
            }
        };
        if done && let Mode::Intake(list) = &mut self.mode {
            list.prompt = None;
        }
    }

    /// A new received idea with `title`; the list selects it. An empty title is no idea.
    fn capture_idea(&mut self, title: &str) -> bool {
        if title.trim().is_empty() {
            self.set_error(self.lang.t("intake.title_required").to_owned());
            return false;
        }
        // A pasted paragraph: its end goes into the need, as the idea form would put it.
        let (title, need) = keep_title(title.trim(), String::new());
        let idea_moved = !need.is_empty();
        let mut idea = ideas::new_idea(&title, Some(Channel::Meeting), self.today);
        idea.need = need;
        idea.id = self.portfolio.allocate_id(Collection::Initiative);
        let id = idea.id;
        if !self.commit(Change::initiative(None, Some(idea))) {
            return false;
        }
        self.follow_in_intake(id);
        // Whoever proposes an idea states its need and stays involved (docs/domain.md): the
        // form asks for them at once, the title kept; Esc leaves them for later.
        self.open_idea_form(id, IdeaField::Name);
        let key = if idea_moved { "intake.added_title_moved" } else { "intake.added" };
        self.set_info(self.lang.tf(key, &[("id", &id), ("max", &MAX_TITLE_CHARS)]));
        true
    }

    /// `e` on an idea still in triage (from its detail or a list): its own form, over the
    /// intake list with the idea selected, as `e` in that list opens it. False for an
    /// initiative that is not such an idea.
    pub(super) fn edit_as_idea(&mut self, id: Id) -> bool {
        if !self.portfolio.initiative(id).is_some_and(Initiative::is_waiting_idea) {
            return false;
        }
        let Some(selected) = self.intake_ids().iter().position(|x| *x == id) else { return false };
        self.mode = Mode::Intake(IntakeList { selected, ..IntakeList::default() });
        self.open_idea_form(id, IdeaField::Title);
        true
    }

    /// The idea form over the intake list on idea `id`, its cursor on `focus`.
    fn open_idea_form(&mut self, id: Id, focus: IdeaField) {
        if !self.writable() {
            return;
        }
        let Some(initiative) = self.portfolio.initiative(id).cloned() else { return };
        let form = IdeaForm::new(initiative.clone(), initiative, focus, &self.portfolio.organisation);
        if let Mode::Intake(list) = &mut self.mode {
            list.prompt = None;
            list.form = Some(Box::new(form));
        }
    }

    /// One action while the idea form is open (taken out of the list meanwhile): typing,
    /// moving between fields, saving, or Esc (which asks first when something was changed).
    fn idea_form_action(&mut self, mut form: Box<IdeaForm>, action: Action) -> Option<Action> {
        let mut passed_on = None;
        let mut open = true;
        if form.confirm_discard {
            match action {
                Action::ConfirmYes => {
                    open = false;
                    self.set_info(self.lang.t("status.discarded").to_owned());
                }
                action if action.is_app_wide() => passed_on = Some(action),
                _ => form.confirm_discard = false,
            }
        } else {
            match action {
                Action::Edit(edit) => {
                    let complained = form.error.is_some();
                    form.edit(edit);
                    self.form_error_fixed(complained);
                }
                Action::Paste(text) => {
                    form.paste(&text);
                    if form.field().kind() == FieldKind::Line {
                        self.tell_joined(Typed::Paste(&text));
                    }
                }
                Action::NextField => form.focus_step(true),
                Action::PreviousField => form.focus_step(false),
                Action::MoveDown | Action::MoveUp => {
                    let width = usize::from(crate::layout::form_value_width(self.size.0));
                    form.move_vertically(action == Action::MoveDown, width);
                }
                Action::Submit if form.field() == IdeaField::Need => form.edit(crate::action::Edit::Newline),
                Action::Submit | Action::SaveForm => open = !self.save_idea_form(&mut form),
                Action::Cancel if form.state.dirty => form.confirm_discard = true,
                Action::Cancel => open = false,
                action if action.is_app_wide() => passed_on = Some(action),
                _ => {}
            }
        }
        if open && let Mode::Intake(list) = &mut self.mode {
            list.form = Some(form);
        }
        passed_on
    }

    /// Saves the idea form as one undoable change; false leaves it open (a field is wrong, or
    /// the change could not be made), and says why.
    fn save_idea_form(&mut self, form: &mut IdeaForm) -> bool {
        let mut after = match form.build(self.today) {
            Ok(after) => after,
            Err(e) => {
                self.set_error(e.said(self.lang));
                form.state.focus_field(e.field);
                form.error = Some(e);
                return false;
            }
        };
        let id = after.id;
        if form.state.original.as_ref() == Some(&after) {
            self.set_info(self.lang.t("status.no_changes").to_owned());
            return true;
        }
        after.updated = Some(crate::dates::now());
        if !self.commit(Change::initiative(form.state.original.clone(), Some(after))) {
            return false;
        }
        let key = if form.title_overflows() { "intake.saved_title_moved" } else { "intake.saved" };
        self.set_info(self.lang.tf(key, &[("id", &id), ("max", &MAX_TITLE_CHARS)]));
        self.follow_in_intake(id);
        true
    }

    /// The list re-sorts after a change: the selection follows idea `id`.
    fn follow_in_intake(&mut self, id: Id) {
        let Some(row) = self.intake_ids().iter().position(|i| *i == id) else { return };
        if let Mode::Intake(list) = &mut self.mode {
            list.selected = row;
        }
    }

    /// After the work of a queue on an idea (a decision on one waiting, telling the proposer
    /// of one decided) the idea leaves that queue, and the row it was on now holds the next
    /// idea of the queue: the selection stays on that row within the queue, so a meeting goes
    /// through the ideas in turn (as an inbox does), never on to one already done. Deciding
    /// the last one waiting goes on to the top, the first proposer to tell; telling the last
    /// proposer stays on the idea. False when it stays.
    fn next_in_queue(&mut self, id: Id, queue: Queue) -> bool {
        let ids = self.intake_ids();
        let in_queue = |id: &Id| {
            let idea = self.portfolio.initiative(*id).and_then(|i| i.idea.as_deref());
            idea.is_some_and(|idea| Queue::of(idea) == queue)
        };
        let first = ids.iter().position(in_queue);
        let end = ids.iter().rposition(in_queue);
        let Mode::Intake(list) = &mut self.mode else { return false };
        match (first, end, queue) {
            (Some(first), Some(end), _) => list.selected = list.selected.clamp(first, end),
            (_, _, Queue::Waiting) if !ids.is_empty() => list.selected = 0,
            _ => {
                self.follow_in_intake(id);
                return false;
            }
        }
        true
    }

    /// Applies one triage move to idea `id` as one undoable edit, or says why not.
    pub(super) fn move_idea(&mut self, id: Id, step: &Move) {
        match ideas::triage(&self.portfolio, id, step, self.today, self.lang) {
            Ok(after) => {
                let before = self.portfolio.initiative(id).cloned();
                let queue = before.as_ref().and_then(|i| i.idea.as_deref()).map_or(Queue::Done, Queue::of);
                let queue_work = match step {
                    Move::Told => true,
                    Move::Accept(_) | Move::Decline(_) | Move::MergeInto(_) | Move::Park(_) => {
                        queue == Queue::Waiting
                    }
                    Move::Assess | Move::Reopen => false,
                };
                let state = after.idea.as_ref().map_or(Triage::Received, |i| i.triage);
                let accepted = matches!(step, Move::Accept(_));
                let key = match step {
                    Move::Told => "intake.told",
                    Move::Accept(_) if after.facet == Facet::Unplaced => "intake.accepted_unplaced",
                    _ => "intake.moved",
                };
                if self.commit(Change::initiative(before, Some(after))) {
                    let state = self.lang.t(&format!("triage.{}", state.key()));
                    let mut said = self.lang.tf(key, &[("id", &id), ("state", &state)]);
                    // Now in the portfolio: selected in the register and the grid, so the
                    // grid shows it even in a cell whose rows were full.
                    if accepted {
                        self.select_initiative(id);
                    }
                    // The work of its queue done, the selection moves on to the next idea in
                    // that queue, and says so first, so that the next key is known to be about
                    // another proposer's idea. Any other step (assessing, reopening, deciding
                    // again) stays on the idea.
                    if queue_work && self.next_in_queue(id, queue) {
                        if let Some(next) = self.intake_selected().filter(|next| *next != id) {
                            said = format!("{} {said}", self.lang.tf("intake.now_on", &[("id", &next)]));
                        }
                    } else {
                        self.follow_in_intake(id);
                    }
                    self.set_info(said);
                }
            }
            Err(refusal) => self.refuse(&refusal),
        }
    }

    fn refuse(&mut self, refusal: &Refusal) {
        self.set_error(refusal.localized(self.lang));
    }

    /// The initiative a command is about: `#n` at its start, else the one selected.
    fn command_target<'a>(&self, arg: &'a str) -> (Option<Id>, &'a str) {
        if let Some(rest) = arg.strip_prefix('#') {
            let (number, rest) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            if let Ok(id) = number.parse() {
                return (Some(id), rest.trim());
            }
        }
        (self.intake_selected().or_else(|| self.selected_id()), arg)
    }

    /// `:grew N` (or `:grew #7 N`): the initiative grew out of #N; `:grew -` clears it.
    pub(super) fn grew_command(&mut self, arg: &str) {
        let (target, rest) = self.command_target(arg);
        let Some(id) = target else {
            self.set_error(self.lang.t("lineage.usage").to_owned());
            return;
        };
        let parent = match rest.trim() {
            "-" | "" => None,
            text => {
                let Some(p) = parse_id(text) else {
                    self.set_error(self.lang.t("lineage.usage").to_owned());
                    return;
                };
                Some(p)
            }
        };
        match ideas::grow_out_of(&self.portfolio, id, parent) {
            Ok(after) => {
                let before = self.portfolio.initiative(id).cloned();
                if self.commit(Change::initiative(before, Some(after))) {
                    let text = match parent {
                        Some(p) => self.lang.tf("lineage.set", &[("id", &id), ("parent", &p)]),
                        None => self.lang.tf("lineage.cleared", &[("id", &id)]),
                    };
                    self.set_info(text);
                }
            }
            Err(refusal) => self.refuse(&refusal),
        }
    }

    /// `:decide [#n] go|hold|stop|pivot [stage 1-6|status] [FORUM:] [REASON] [-> M]`.
    pub(super) fn decide_command(&mut self, arg: &str) {
        let (target, rest) = self.command_target(arg);
        let (Some(id), Some(decision)) = (target, parse_decision(rest, self.lang)) else {
            self.set_error(self.lang.t("decision.usage").to_owned());
            return;
        };
        match ideas::decide(&self.portfolio, id, &decision, self.today) {
            Ok(initiatives) => {
                let changes: Vec<Change> = initiatives
                    .into_iter()
                    .map(|after| {
                        Change::initiative(self.portfolio.initiative(after.id).cloned(), Some(after))
                    })
                    .collect();
                if self.commit(Change::Batch(changes)) {
                    let verdict = self.lang.t(&format!("verdict.{}", decision.asked.verdict.key()));
                    self.set_info(self.lang.tf("decision.recorded", &[("id", &id), ("verdict", &verdict)]));
                }
            }
            Err(refusal) => self.refuse(&refusal),
        }
    }

    /// `:review`: today's snapshot of the portfolio's figures, kept in the file; the status
    /// line compares it with the review before.
    pub(super) fn review_command(&mut self) {
        let now = review::take(&self.portfolio, self.today);
        let compared = review::earlier(&self.portfolio, self.today)
            .filter(|r| r.date < self.today)
            .map(|then| (then.date, review::comparison(then, &now, self.lang)));
        let before = (!self.portfolio.reviews.is_empty())
            .then(|| Box::new(serde_json::to_value(&self.portfolio.reviews).unwrap_or_default()));
        let reviews = review::with_review(&self.portfolio, now);
        let after = Some(Box::new(
            crate::model::Portfolio { reviews, ..Default::default() }.to_value()["reviews"].clone(),
        ));
        let replace = crate::history::Replace { before, after };
        if !self.commit(Change::Key("reviews".into(), replace)) {
            return;
        }
        let taken = self.lang.tf("review.taken", &[("date", &self.lang.date(self.today))]);
        // The changes since the one before are a paragraph: the Overview shows them whole.
        match compared {
            Some((then, Ok(_))) => {
                let see = self.lang.tf("review.see_overview", &[("date", &self.lang.date(then))]);
                self.set_info(format!("{taken} {see}"));
            }
            Some((_, Err(text))) => self.set_error(format!("{taken} {text}")),
            None => self.set_info(taken),
        }
    }
}

/// `12` or `#12`.
fn parse_id(text: &str) -> Option<Id> {
    text.trim().trim_start_matches('#').parse().ok()
}

/// The words of `:decide` after the target: a verdict, then optionally `stage N` or a status
/// word, then `FORUM:` and the reason, and `-> M` naming what grows out of it.
fn parse_decision(text: &str, lang: crate::i18n::Lang) -> Option<StageDecision> {
    let (text, grows_into) = match text.rsplit_once("->").or_else(|| text.rsplit_once('→')) {
        Some((before, after)) => (before, Some(parse_id(after)?)),
        None => (text, None),
    };
    let mut words = text.split_whitespace().peekable();
    let verdict = ideas::parse_verdict(words.next()?)?;
    let mut stage = None;
    let mut status = None;
    if let Some(word) = words.peek() {
        if let Some(n) = word.parse::<usize>().ok().filter(|n| (1..=6).contains(n)) {
            stage = Some(Stage::ALL[n - 1]);
            words.next();
        } else if let Some(s) = Status::ALL.into_iter().find(|s| {
            let w = word.to_lowercase();
            s.key() == w || lang.t(&format!("status.{}", s.key())).to_lowercase() == w
        }) {
            status = Some(s);
            words.next();
        }
    }
    let rest: Vec<&str> = words.collect();
    let rest = rest.join(" ");
    let (forum, reason) = match rest.split_once(':') {
        Some((forum, reason)) => (forum.trim().to_owned(), reason.trim().to_owned()),
        None => (String::new(), rest.trim().to_owned()),
    };
    let asked = Decision { forum, verdict, stage, status, extra: Extra::default() };
    Some(StageDecision { asked, reason, grows_into })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::model::Verdict;

    #[test]
    fn a_decision_reads_its_verdict_move_forum_reason_and_successor() {
        let d = parse_decision("stop nämnden: för dyrt -> 12", Lang::Sv).expect("parses");
        assert_eq!(d.asked.verdict, Verdict::Stop);
        assert_eq!(
            (d.asked.forum.as_str(), d.reason.as_str(), d.grows_into),
            ("nämnden", "för dyrt", Some(12))
        );
        let d = parse_decision("fortsätt 4 ledningsgruppen: klart", Lang::Sv).expect("Swedish verdict");
        assert_eq!((d.asked.verdict, d.asked.stage), (Verdict::Go, Some(Stage::Implementing)));
        assert!(parse_decision("maybe", Lang::En).is_none());
    }
}
