//! The Overview pane's state: which follow-up is selected (one keypress from its item) and
//! how far the pane is scrolled; and the checklists summed up, kept until the portfolio or the
//! language changes, since summing up every run's participants on every key would cost more
//! than a key may. A change made elsewhere only marks the sum out of date: it is worked out
//! again in an idle moment, or at once when the Overview is (or becomes) the pane shown, so
//! that a score typed in the Culture pane does not pay for a pane not on screen.

use std::borrow::Cow;

use super::{App, Mode};
use crate::action::{OverviewAction, Pane};
use crate::analysis::{self, ChecklistResult, FollowUp, FollowUpKind};
use crate::i18n::Lang;

/// Selection and scroll of the Overview pane.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OverviewState {
    /// Index into [`App::follow_ups`] (kept within it when drawn and used).
    pub selected: usize,
    /// Lines scrolled off the top.
    pub scroll: u16,
    /// [`analysis::checklist_results`] and its language; `None` when a change made it out of
    /// date.
    checklists: Option<(Lang, Vec<ChecklistResult>)>,
}

impl App {
    /// The latest run of each checklist and scope with its change, as the portfolio is now:
    /// the sum kept, or (when it is out of date) worked out for this call.
    pub fn checklist_results(&self) -> Cow<'_, [ChecklistResult]> {
        match &self.overview.checklists {
            Some((lang, results)) if *lang == self.lang => Cow::Borrowed(results),
            _ => Cow::Owned(analysis::checklist_results(&self.portfolio, self.lang)),
        }
    }

    /// Whether the checklists' sum kept is out of date (the runs or the language changed).
    pub(super) fn overview_is_stale(&self) -> bool {
        !matches!(&self.overview.checklists, Some((lang, _)) if *lang == self.lang)
    }

    /// The runs or the language changed: sums the checklists up again if the Overview is on
    /// screen, else leaves that to an idle moment or to the switch to the Overview.
    pub(super) fn overview_changed(&mut self) {
        self.overview.checklists = None;
        self.keep_overview_current();
    }

    /// Sums the checklists up again if the Overview is shown and the sum is out of date.
    pub(super) fn keep_overview_current(&mut self) {
        if self.pane == Pane::Overview {
            self.refresh_overview_if_stale();
        }
    }

    /// Sums the checklists up again if the sum is out of date.
    pub(super) fn refresh_overview_if_stale(&mut self) {
        if self.overview_is_stale() {
            self.overview.checklists =
                Some((self.lang, analysis::checklist_results(&self.portfolio, self.lang)));
        }
    }

    /// Follow-ups overdue or due within 14 days, earliest first (initiatives and actions).
    pub fn follow_ups(&self) -> Vec<FollowUp> {
        analysis::follow_ups(&self.portfolio, self.today)
    }

    /// The selected follow-up's row, clamped to the list.
    pub fn overview_selected(&self, len: usize) -> usize {
        self.overview.selected.min(len.saturating_sub(1))
    }

    pub(super) fn update_overview(&mut self, action: OverviewAction) {
        let len = self.follow_ups().len();
        let selected = self.overview_selected(len);
        let page = self.page();
        match action {
            OverviewAction::Next => self.overview.selected = (selected + 1).min(len.saturating_sub(1)),
            OverviewAction::Previous => self.overview.selected = selected.saturating_sub(1),
            OverviewAction::First => {
                self.overview.selected = 0;
                self.overview.scroll = 0;
            }
            OverviewAction::Last => self.overview.selected = len.saturating_sub(1),
            OverviewAction::ScrollDown => {
                self.overview.scroll =
                    self.overview.scroll.saturating_add(u16::try_from(page).unwrap_or(u16::MAX));
            }
            OverviewAction::ScrollUp => {
                self.overview.scroll =
                    self.overview.scroll.saturating_sub(u16::try_from(page).unwrap_or(u16::MAX));
            }
            OverviewAction::Open => self.open_follow_up(selected),
        }
    }

    fn open_follow_up(&mut self, row: usize) {
        let Some(follow_up) = self.follow_ups().into_iter().nth(row) else {
            self.set_info(self.lang.t("overview.nothing_selected").to_owned());
            return;
        };
        match follow_up.kind {
            FollowUpKind::Initiative => self.mode = Mode::Detail { id: follow_up.id, scroll: 0, back: None },
            FollowUpKind::Benefit => self.open_benefits(follow_up.initiative, Some(follow_up.id)),
            FollowUpKind::Run => {
                self.pane = Pane::Culture;
                if let Some(ix) = self.runs().iter().position(|r| *r == follow_up.id) {
                    self.culture.selected = ix;
                }
                let args: [(&str, &dyn std::fmt::Display); 2] =
                    [("id", &follow_up.id), ("date", &follow_up.date)];
                self.set_info(self.lang.tf("overview.run_opened", &args));
            }
            FollowUpKind::Action => {
                self.pane = Pane::Culture;
                let what = crate::text::one_line(&follow_up.title).into_owned();
                let args: [(&str, &dyn std::fmt::Display); 3] =
                    [("id", &follow_up.id), ("what", &what), ("date", &follow_up.date)];
                let run = self.portfolio.action(follow_up.id).and_then(|a| a.assessment);
                match run.and_then(|id| self.runs().iter().position(|r| *r == id)) {
                    Some(ix) => {
                        self.culture.selected = ix;
                        self.set_info(self.lang.tf("overview.action_opened", &args));
                    }
                    None => self.set_info(self.lang.tf("overview.action_opened_alone", &args)),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::model::{ActionItem, Initiative, Portfolio};
    use crate::testing::Harness;
    use jiff::civil::date;

    #[test]
    fn enter_opens_the_selected_follow_up() {
        let mut p = Portfolio::default();
        let due = Some(date(2026, 11, 20));
        p.initiatives.push(Initiative {
            id: 4,
            title: "Late".into(),
            follow_up: due,
            ..Initiative::default()
        });
        p.actions.push(ActionItem {
            id: 2,
            what: "Book".into(),
            follow_up: Some(date(2026, 11, 30)),
            ..ActionItem::default()
        });
        let mut app = Harness::new(p).on(Pane::Overview);
        app.update(Action::Overview(OverviewAction::Open));
        assert!(matches!(app.mode, Mode::Detail { id: 4, .. }));
        app.update(Action::Cancel);
        app.update(Action::Overview(OverviewAction::Next));
        app.update(Action::Overview(OverviewAction::Next));
        assert_eq!(app.overview.selected, 1, "stays on the last row");
        app.update(Action::Overview(OverviewAction::Open));
        assert_eq!(app.pane, Pane::Culture);
        assert!(app.status.as_ref().is_some_and(|s| s.text.contains("Book")));
    }

    #[test]
    fn a_score_typed_elsewhere_sums_the_checklists_again_when_idle_or_when_the_overview_opens() {
        let agrees = |app: &App| {
            app.checklist_results().into_owned() == analysis::checklist_results(&app.portfolio, app.lang)
        };
        for overview_first in [false, true] {
            let mut app = Harness::sample().on(Pane::Culture);
            app.keys("<Enter>1");
            let mean_before = analysis::checklist_results(&Harness::sample().portfolio, app.lang);
            assert_ne!(
                analysis::checklist_results(&app.portfolio, app.lang),
                mean_before,
                "the score counts"
            );
            assert!(app.overview_is_stale(), "the Culture pane's key leaves the sum to later");
            assert!(agrees(&app), "worked out for a call while out of date");
            if overview_first {
                app.update(Action::ShowPane(Pane::Overview));
            } else {
                while app.idle_work(std::time::Instant::now() + std::time::Duration::from_secs(5)) {}
            }
            assert!(!app.overview_is_stale());
            assert!(agrees(&app));
            // On the Overview, a change (here an undo) sums them up at once.
            app.update(Action::ShowPane(Pane::Overview));
            app.update(Action::Undo);
            assert!(!app.overview_is_stale());
            assert_eq!(app.checklist_results().into_owned(), mean_before);
        }
    }
}
