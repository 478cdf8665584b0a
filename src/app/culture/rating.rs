//! The rating view: scores and notes per item (and perspective) of one run.

use tui_input::Input;

use super::{CultureMode, Rating};
use crate::app::{App, Mode};
use crate::history::Change;
use crate::model::{Answer, Assessment};
use crate::scoring;

impl App {
    /// The rating cursor's run, template, item id and perspective id.
    pub(super) fn rating_target(&self, r: Rating) -> Option<(Assessment, String, Option<String>)> {
        let a = self.portfolio.assessment(r.id)?;
        let (t, _) = self.run_template(a)?;
        let item = scoring::items_in_order(t).get(r.row)?.id.clone();
        let perspective = t.perspectives.get(r.column).map(|p| p.id.clone());
        Some((a.clone(), item, perspective))
    }

    /// The scale of the run being rated, in the rating view or the help over it: what the
    /// digits' row says instead of every digit.
    pub fn rating_scale(&self) -> Option<(u8, u8)> {
        let mode = match &self.mode {
            Mode::Help { back, .. } => back.as_ref(),
            mode => mode,
        };
        let Mode::Culture(CultureMode::Rating(r)) = mode else { return None };
        let (t, _) = self.run_template(self.portfolio.assessment(r.id)?)?;
        Some((t.scale.min, t.scale.max))
    }

    pub(super) fn set_score(&mut self, score: Option<u8>) {
        let Mode::Culture(CultureMode::Rating(r)) = self.mode else { return };
        let Some(a) = self.portfolio.assessment(r.id) else { return };
        let Some((t, _)) = self.run_template(a) else {
            self.set_error(self.lang.t("rating.no_template").to_owned());
            return;
        };
        let (min, max) = (t.scale.min, t.scale.max);
        if let Some(s) = score.filter(|s| !(min..=max).contains(s)) {
            self.set_error(
                self.lang.tf("rating.out_of_scale", &[("score", &s), ("min", &min), ("max", &max)]),
            );
            return;
        }
        let Some((before, item, perspective)) = self.rating_target(r) else { return };
        let Some(after) = edited_answer(&before, item, perspective, |answer| answer.score = score) else {
            return;
        };
        if !self.commit(Change::assessment(Some(before), Some(after))) {
            return;
        }
        let Some((a, t)) = self.portfolio.assessment(r.id).and_then(|a| Some((a, self.run_template(a)?.0)))
        else {
            return;
        };
        let c = scoring::completion(t, a);
        let slot = scoring::slots(t).get(r.row * t.perspectives.len().max(1) + r.column).copied();
        let item = slot.map(|s| super::entry::short_name(t, s, self.lang)).unwrap_or_default();
        let counts = [("answered", &c.answered as &dyn std::fmt::Display), ("total", &c.total)];
        let text = match (score, c.grouped) {
            (Some(score), true) => self.lang.tf(
                "rating.scored_agreed",
                &[("agreed", &c.agreed), ("total", &c.total), ("score", &score), ("item", &item)],
            ),
            (Some(_), false) => self.lang.tf("rating.scored", &counts),
            (None, true) => {
                self.lang.tf("rating.cleared_agreed", &[("agreed", &c.agreed), ("total", &c.total)])
            }
            (None, false) => self.lang.tf("rating.cleared", &counts),
        };
        // The score stays on its item, where the group may still correct it or note why; `j`
        // goes on (the key contract: a digit scores the selected item).
        self.set_info(text);
    }

    /// Moves to the next slot without an agreed score (the rating view's own digits), after
    /// the cursor, wrapping around; says so when every slot has one.
    pub(super) fn jump_to_unanswered(&mut self) {
        let Mode::Culture(CultureMode::Rating(r)) = self.mode else { return };
        let Some(a) = self.portfolio.assessment(r.id) else { return };
        let Some((t, _)) = self.run_template(a) else { return };
        let columns = t.perspectives.len().max(1);
        let open = scoring::unagreed(t, a);
        let here = r.row * columns + r.column;
        let next = (1..=open.len()).map(|k| (here + k) % open.len()).find(|ix| open[*ix]);
        match next {
            Some(ix) => {
                self.mode = Mode::Culture(CultureMode::Rating(Rating {
                    id: r.id,
                    row: ix / columns,
                    column: ix % columns,
                }));
            }
            None if scoring::completion(t, a).grouped => {
                self.set_info(self.lang.t("rating.all_agreed").to_owned());
            }
            None => self.set_info(self.lang.t("rating.all_answered").to_owned()),
        }
    }

    pub(super) fn step_perspective(&mut self, forward: bool) {
        let columns = match &self.mode {
            Mode::Culture(CultureMode::Rating(r)) => self
                .portfolio
                .assessment(r.id)
                .and_then(|a| self.run_template(a))
                .map_or(1, |(t, _)| t.perspectives.len().max(1)),
            _ => return,
        };
        if let Mode::Culture(CultureMode::Rating(r)) = &mut self.mode {
            r.column = if forward { (r.column + 1).min(columns - 1) } else { r.column.saturating_sub(1) };
        }
    }

    pub(super) fn open_note(&mut self) {
        let Mode::Culture(CultureMode::Rating(r)) = self.mode else { return };
        if !self.writable() {
            return;
        }
        let Some((a, item, perspective)) = self.rating_target(r) else { return };
        let note = a.answer(&item, perspective.as_deref()).map(|x| x.note.clone()).unwrap_or_default();
        self.mode = Mode::Culture(CultureMode::Note { rating: r, input: Input::new(note) });
    }

    pub(super) fn save_note(&mut self, rating: Rating, text: &str) {
        self.mode = Mode::Culture(CultureMode::Rating(rating));
        let Some((before, item, perspective)) = self.rating_target(rating) else { return };
        let text = text.trim().to_owned();
        let Some(after) = edited_answer(&before, item, perspective, |answer| answer.note = text) else {
            return;
        };
        if self.commit(Change::assessment(Some(before), Some(after))) {
            self.set_info(self.lang.t("rating.note_saved").to_owned());
        }
    }
}

/// The run with one answer (item and perspective) changed by `edit`, or `None` when that
/// changes nothing. A missing answer is created, but only if the edit leaves it non-blank.
fn edited_answer(
    before: &Assessment,
    item: String,
    perspective: Option<String>,
    edit: impl FnOnce(&mut Answer),
) -> Option<Assessment> {
    let mut after = before.clone();
    if let Some(answer) = after.answers.iter_mut().find(|x| x.item == item && x.perspective == perspective) {
        let old = answer.clone();
        edit(answer);
        return (*answer != old).then_some(after);
    }
    let mut answer = Answer::empty(item, perspective);
    edit(&mut answer);
    if answer.is_blank() {
        return None;
    }
    after.answers.push(answer);
    Some(after)
}
