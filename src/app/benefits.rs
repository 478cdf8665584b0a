//! Benefits realisation in the interface: the benefits view (`b` in the Overview lists every
//! benefit; `b` in an initiative's detail lists that initiative's), and the benefit dialogs
//! — the editor and the one-line measurement — over the view or over the initiative form.
//!
//! Over the view every kept dialog is committed at once (one undoable change each); over the
//! form it goes into the form's draft and is saved with the form. Either way nothing is kept
//! half-way: a dialog that does not read is refused with the field and the reason.
//!
//! The view's rows, totals and chart are computed when it opens and after every change
//! ([`App::benefits_after_change`]); moving the selection only changes an index.

mod editor;

pub use editor::{BenefitDialog, BenefitEditor, BenefitField, MeasureField, MeasureLine, Refusal};

use super::{App, Field, Mode, now};
use crate::action::{Action, BenefitAction, Edit, Place};
use crate::benefits::{self, Sums, Timeline};
use crate::cycle;
use crate::history::Change;
use crate::model::{Benefit, BenefitKind, Collection, Id, Initiative};

/// The orders the list can be sorted in (`s`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BenefitSort {
    /// By initiative, then as the initiative lists them.
    #[default]
    Initiative,
    /// Least realised first; benefits with no realisation last.
    Realisation,
    /// By kind, the largest planned gain first.
    Planned,
    /// The earliest target date first (overdue ones come first); undated last.
    Due,
    /// By owner; benefits without one first, as they need one.
    Owner,
}

impl BenefitSort {
    pub const ALL: [BenefitSort; 5] = [
        BenefitSort::Initiative,
        BenefitSort::Realisation,
        BenefitSort::Planned,
        BenefitSort::Due,
        BenefitSort::Owner,
    ];

    pub fn key(self) -> &'static str {
        match self {
            BenefitSort::Initiative => "benefits.sort_initiative",
            BenefitSort::Realisation => "benefits.sort_realisation",
            BenefitSort::Planned => "benefits.sort_planned",
            BenefitSort::Due => "benefits.sort_due",
            BenefitSort::Owner => "benefits.sort_owner",
        }
    }
}

/// Which benefits the list shows (`f`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BenefitFilter {
    #[default]
    All,
    Kind(BenefitKind),
    Overdue,
    NoOwner,
}

impl BenefitFilter {
    pub const ALL: [BenefitFilter; 7] = [
        BenefitFilter::All,
        BenefitFilter::Kind(BenefitKind::Money),
        BenefitFilter::Kind(BenefitKind::Time),
        BenefitFilter::Kind(BenefitKind::Quality),
        BenefitFilter::Kind(BenefitKind::Other),
        BenefitFilter::Overdue,
        BenefitFilter::NoOwner,
    ];

    /// The filter's name, as a catalog key.
    pub fn key(self) -> String {
        match self {
            BenefitFilter::All => "benefits.filter_all".into(),
            BenefitFilter::Kind(kind) => format!("benefit_kind.{}", kind.key()),
            BenefitFilter::Overdue => "benefits.filter_overdue".into(),
            BenefitFilter::NoOwner => "benefits.filter_no_owner".into(),
        }
    }

    fn keeps(self, b: &Benefit, today: jiff::civil::Date) -> bool {
        match self {
            BenefitFilter::All => true,
            BenefitFilter::Kind(kind) => b.kind == kind,
            BenefitFilter::Overdue => benefits::due(b, today).is_overdue(),
            BenefitFilter::NoOwner => b.owner.trim().is_empty(),
        }
    }
}

/// One row of the list: a benefit and the initiative it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BenefitRow {
    pub initiative: Id,
    pub benefit: Id,
}

/// The figures of the view's scope (all benefits, or one initiative's), whatever the filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScopeFigures {
    pub count: usize,
    pub sums: Sums,
    pub overdue: usize,
    pub timeline: Timeline,
    /// The unit of the time benefits (the first one named), for the totals and the chart.
    pub time_unit: String,
}

/// The benefits view.
#[derive(Debug, Clone)]
pub struct BenefitsView {
    /// One initiative's benefits (opened from its detail, where Esc returns), or all.
    pub scope: Option<Id>,
    /// The benefits shown, filtered and sorted.
    pub rows: Vec<BenefitRow>,
    pub selected: usize,
    /// The first row shown (the one scrolling rule, `layout::scroll`).
    pub offset: usize,
    pub sort: BenefitSort,
    pub filter: BenefitFilter,
    /// What the chart shows: money or time.
    pub chart: BenefitKind,
    pub figures: ScopeFigures,
    pub dialog: Option<BenefitDialog>,
}

impl BenefitsView {
    fn new(scope: Option<Id>) -> Self {
        Self {
            scope,
            rows: Vec::new(),
            selected: 0,
            offset: 0,
            sort: BenefitSort::default(),
            filter: BenefitFilter::default(),
            chart: BenefitKind::Money,
            figures: ScopeFigures::default(),
            dialog: None,
        }
    }

    pub fn selected_row(&self) -> Option<BenefitRow> {
        self.rows.get(self.selected).copied()
    }

    /// The places live over the view: a dialog's, or the list's.
    pub fn places(&self) -> &'static [Place] {
        dialog_places(self.dialog.as_ref()).unwrap_or(&[Place::BenefitList])
    }
}

/// The places of an open dialog, if one is open.
pub fn dialog_places(dialog: Option<&BenefitDialog>) -> Option<&'static [Place]> {
    let dialog = dialog?;
    if dialog.is_question() {
        return Some(&[Place::Confirm]);
    }
    match dialog {
        BenefitDialog::Edit(_) => Some(&[Place::BenefitForm]),
        BenefitDialog::Measure(_) => Some(&[Place::Measurement]),
        BenefitDialog::Delete(_) => Some(&[Place::Confirm]),
    }
}

/// Whether keys no binding claims are typed into the open dialog.
pub fn dialog_takes_text(dialog: Option<&BenefitDialog>) -> bool {
    matches!(dialog, Some(BenefitDialog::Edit(e)) if !e.confirm_discard)
        || matches!(dialog, Some(BenefitDialog::Measure(_)))
}

/// Where in the portfolio a benefit is kept: committed at once, or into the form's draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    View,
    Form,
}

impl App {
    /// Actions for a benefit dialog over the initiative form, for the form's benefits field,
    /// or for the benefits view. `None` when handled here; anything else goes on to
    /// [`App::update`].
    pub(super) fn benefit_intercept(&mut self, action: Action) -> Option<Action> {
        match &self.mode {
            Mode::Form(form) if form.benefit.is_some() => self.dialog_action(Target::Form, action),
            Mode::Form(form)
                if form.field() == Field::Benefits
                    && !form.confirm_discard
                    && matches!(action, Action::Edit(_) | Action::Submit) =>
            {
                self.form_benefits_key(&action);
                None
            }
            Mode::Benefits(view) if view.dialog.is_some() => self.dialog_action(Target::View, action),
            Mode::Benefits(_) => match action {
                Action::Benefits(action) => {
                    self.view_action(action);
                    None
                }
                other => Some(other),
            },
            _ => match action {
                Action::Benefits(BenefitAction::ShowAll) => {
                    self.open_benefits(None, None);
                    None
                }
                Action::Benefits(BenefitAction::ShowInitiative) => {
                    if let Mode::Detail { id, .. } = self.mode {
                        self.open_benefits(Some(id), None);
                    }
                    None
                }
                other => Some(other),
            },
        }
    }

    /// Opens the benefits view on every benefit or on one initiative's, with `benefit`
    /// selected if given.
    pub(super) fn open_benefits(&mut self, scope: Option<Id>, benefit: Option<Id>) {
        let mut view = BenefitsView::new(scope);
        self.refresh_benefits(&mut view);
        if let Some(ix) = benefit.and_then(|b| view.rows.iter().position(|r| r.benefit == b)) {
            view.selected = ix;
        }
        if view.figures.sums.money_planned == 0.0 && view.figures.sums.time_planned > 0.0 {
            view.chart = BenefitKind::Time;
        }
        self.mode = Mode::Benefits(Box::new(view));
    }

    /// Keeps the benefits view true to the portfolio after an edit, undo or reload.
    pub(super) fn benefits_after_change(&mut self) {
        if !matches!(self.mode, Mode::Benefits(_)) {
            return;
        }
        if let Mode::Benefits(mut view) = std::mem::replace(&mut self.mode, Mode::Normal) {
            self.refresh_benefits(&mut view);
            self.mode = Mode::Benefits(view);
        }
    }

    /// Rows, totals and chart of `view`, keeping the selected benefit selected.
    fn refresh_benefits(&self, view: &mut BenefitsView) {
        let keep = view.selected_row().map(|r| r.benefit);
        let today = self.today;
        let in_scope: Vec<&Initiative> = match view.scope {
            Some(id) => self.portfolio.initiative(id).into_iter().collect(),
            None => self.portfolio.initiatives.iter().filter(|i| benefits::counts(i)).collect(),
        };
        let mut figures = ScopeFigures::default();
        view.rows.clear();
        for i in &in_scope {
            for b in &i.benefits {
                figures.count += 1;
                figures.sums.add(b);
                figures.overdue += usize::from(benefits::due(b, today).is_overdue());
                if b.kind == BenefitKind::Time && figures.time_unit.is_empty() {
                    b.unit.trim().clone_into(&mut figures.time_unit);
                }
                if view.filter.keeps(b, today) {
                    view.rows.push(BenefitRow { initiative: i.id, benefit: b.id });
                }
            }
        }
        figures.timeline = benefits::timeline(&in_scope.iter().flat_map(|i| &i.benefits));
        view.figures = figures;
        self.sort_benefits(view);
        view.selected = keep
            .and_then(|b| view.rows.iter().position(|r| r.benefit == b))
            .unwrap_or(view.selected)
            .min(view.rows.len().saturating_sub(1));
        view.offset = self.benefits_scroll(view);
    }

    fn sort_benefits(&self, view: &mut BenefitsView) {
        let today = self.today;
        let find = |r: &BenefitRow| self.benefit(r.initiative, r.benefit);
        match view.sort {
            BenefitSort::Initiative => {}
            BenefitSort::Realisation => view.rows.sort_by_cached_key(|r| {
                let percent = find(r).and_then(benefits::realisation);
                (percent.is_none(), percent.map(ordered))
            }),
            BenefitSort::Planned => view.rows.sort_by_cached_key(|r| {
                let b = find(r);
                (b.map(|b| b.kind), b.and_then(benefits::planned).map(|p| std::cmp::Reverse(ordered(p))))
            }),
            BenefitSort::Due => view.rows.sort_by_cached_key(|r| {
                let date = find(r).and_then(|b| {
                    b.target.date.filter(|_| benefits::due(b, today) != benefits::Due::Measured)
                });
                (date.is_none(), date)
            }),
            BenefitSort::Owner => view.rows.sort_by_cached_key(|r| {
                let owner = find(r).map(|b| crate::text::fold(b.owner.trim())).unwrap_or_default();
                (!owner.is_empty(), owner)
            }),
        }
    }

    /// The first row to show so the selection is in view.
    fn benefits_scroll(&self, view: &BenefitsView) -> usize {
        crate::layout::scroll(view.offset, view.selected, view.rows.len(), self.benefit_rows_visible())
    }

    /// A benefit by its initiative and id.
    pub fn benefit(&self, initiative: Id, benefit: Id) -> Option<&Benefit> {
        self.portfolio.initiative(initiative)?.benefits.iter().find(|b| b.id == benefit)
    }

    /// Benefit rows the list shows at the current size.
    fn benefit_rows_visible(&self) -> usize {
        crate::layout::Benefits::new(self.screen().body, self.grid.presentation).rows()
    }

    fn view_action(&mut self, action: BenefitAction) {
        let page = self.benefit_rows_visible();
        let Mode::Benefits(view) = &mut self.mode else { return };
        let last = view.rows.len().saturating_sub(1);
        let row = view.selected_row();
        match action {
            BenefitAction::Next => view.selected = (view.selected + 1).min(last),
            BenefitAction::Previous => view.selected = view.selected.saturating_sub(1),
            BenefitAction::First => view.selected = 0,
            BenefitAction::Last => view.selected = last,
            BenefitAction::PageDown => view.selected = (view.selected + page).min(last),
            BenefitAction::PageUp => view.selected = view.selected.saturating_sub(page),
            BenefitAction::SwitchChart => {
                view.chart =
                    if view.chart == BenefitKind::Money { BenefitKind::Time } else { BenefitKind::Money };
            }
            BenefitAction::CycleSort => {
                view.sort = cycle::step(&BenefitSort::ALL, &view.sort, true);
                let sort = self.lang.t(view.sort.key());
                self.resort_benefits();
                self.set_info(self.lang.tf("benefits.sorted", &[("sort", &sort)]));
            }
            BenefitAction::CycleFilter => {
                view.filter = cycle::step(&BenefitFilter::ALL, &view.filter, true);
                let filter = self.lang.t(&view.filter.key());
                self.benefits_after_change();
                self.set_info(self.lang.tf("benefits.filtered", &[("filter", &filter)]));
            }
            BenefitAction::OpenInitiative => {
                if let Some(row) = row {
                    self.mode = Mode::Detail { id: row.initiative, scroll: 0 };
                }
            }
            BenefitAction::Back => {
                self.mode = match view.scope {
                    Some(id) => Mode::Detail { id, scroll: 0 },
                    None => Mode::Normal,
                };
            }
            BenefitAction::New => self.open_dialog(Target::View, None),
            BenefitAction::Edit | BenefitAction::Measure | BenefitAction::Delete => match row {
                Some(row) => self.open_dialog(Target::View, Some((row, action))),
                None => self.set_info(self.lang.t("benefits.none_selected").to_owned()),
            },
            BenefitAction::ShowAll
            | BenefitAction::ShowInitiative
            | BenefitAction::NextField
            | BenefitAction::PreviousField
            | BenefitAction::Save => {}
        }
        self.scroll_benefits();
    }

    /// Keeps the view's window on the selection.
    pub(super) fn scroll_benefits(&mut self) {
        if let Mode::Benefits(view) = &self.mode {
            let offset = self.benefits_scroll(view);
            if let Mode::Benefits(view) = &mut self.mode {
                view.offset = offset;
            }
        }
    }

    fn resort_benefits(&mut self) {
        if !matches!(self.mode, Mode::Benefits(_)) {
            return;
        }
        if let Mode::Benefits(mut view) = std::mem::replace(&mut self.mode, Mode::Normal) {
            let keep = view.selected_row().map(|r| r.benefit);
            self.sort_benefits(&mut view);
            view.selected = keep.and_then(|b| view.rows.iter().position(|r| r.benefit == b)).unwrap_or(0);
            view.offset = self.benefits_scroll(&view);
            self.mode = Mode::Benefits(view);
        }
    }

    /// Opens a benefit dialog over the view or the form: a new benefit (`None`), or the
    /// editor, measurement line or delete question for the benefit in `row`.
    fn open_dialog(&mut self, target: Target, row: Option<(BenefitRow, BenefitAction)>) {
        if !self.writable() {
            return;
        }
        let dialog = match row {
            None => {
                let owner = match (target, &self.mode) {
                    (Target::Form, Mode::Form(form)) => {
                        form.line(Field::Owner).map(|i| i.value().trim().to_owned())
                    }
                    (Target::View, Mode::Benefits(view)) => {
                        let initiative = view.scope.or(view.selected_row().map(|r| r.initiative));
                        let Some(i) = initiative.and_then(|id| self.portfolio.initiative(id)) else {
                            self.set_info(self.lang.t("benefits.new_where").to_owned());
                            return;
                        };
                        Some(i.owner.clone())
                    }
                    _ => None,
                };
                let draft = Benefit { owner: owner.unwrap_or_default(), ..Benefit::default() };
                BenefitDialog::Edit(Box::new(BenefitEditor::new(None, draft, self.lang)))
            }
            Some((row, action)) => {
                let found = match (target, &self.mode) {
                    (Target::Form, Mode::Form(form)) => {
                        form.draft.benefits.iter().find(|b| b.id == row.benefit)
                    }
                    _ => self.benefit(row.initiative, row.benefit),
                };
                let Some(b) = found.cloned() else { return };
                match action {
                    BenefitAction::Measure => {
                        BenefitDialog::Measure(Box::new(MeasureLine::new(&b, self.today)))
                    }
                    BenefitAction::Delete => BenefitDialog::Delete(b.id),
                    _ => BenefitDialog::Edit(Box::new(BenefitEditor::new(Some(b.clone()), b, self.lang))),
                }
            }
        };
        match &mut self.mode {
            Mode::Form(form) => form.benefit = Some(dialog),
            Mode::Benefits(view) => view.dialog = Some(dialog),
            _ => {}
        }
    }

    /// A key on the form's benefits field: ← → choose a benefit (or "add"), `a`/`n`/`+` add,
    /// Enter, space or `e` edit, `m` measure, `d` or Delete remove.
    fn form_benefits_key(&mut self, action: &Action) {
        let Mode::Form(form) = &mut self.mode else { return };
        let len = form.draft.benefits.len();
        let chosen =
            form.draft.benefits.get(form.option).map(|b| BenefitRow { initiative: 0, benefit: b.id });
        let wanted = match action {
            Action::Submit | Action::Edit(Edit::Insert(' ' | 'e')) => Some(BenefitAction::Edit),
            Action::Edit(Edit::Insert('a' | 'n' | '+')) => Some(BenefitAction::New),
            Action::Edit(Edit::Insert('m')) => Some(BenefitAction::Measure),
            Action::Edit(Edit::Insert('d' | 'x') | Edit::DeleteNextChar) => Some(BenefitAction::Delete),
            Action::Edit(Edit::NextChar | Edit::Insert('l')) => {
                form.option = (form.option + 1).min(len);
                None
            }
            Action::Edit(Edit::PreviousChar | Edit::Insert('h')) => {
                form.option = form.option.saturating_sub(1);
                None
            }
            _ => None,
        };
        match (wanted, chosen) {
            (Some(BenefitAction::New), _) | (Some(BenefitAction::Edit), None) => {
                self.open_dialog(Target::Form, None);
            }
            (Some(action), Some(row)) => self.open_dialog(Target::Form, Some((row, action))),
            _ => {}
        }
    }

    /// An action while a benefit dialog is open over the form or the view.
    fn dialog_action(&mut self, target: Target, action: Action) -> Option<Action> {
        let dialog = match &mut self.mode {
            Mode::Form(form) => form.benefit.as_mut(),
            Mode::Benefits(view) => view.dialog.as_mut(),
            _ => None,
        }?;
        match action {
            Action::Edit(edit) => dialog.edit(edit),
            Action::Paste(text) => dialog.paste(&text),
            Action::Benefits(BenefitAction::NextField) => dialog.focus_step(true),
            Action::Benefits(BenefitAction::PreviousField) => dialog.focus_step(false),
            Action::Benefits(BenefitAction::Save) | Action::Submit | Action::SaveForm => {
                self.keep_dialog(target);
            }
            Action::ConfirmYes => self.answer_yes(target),
            // An editor with changes asks first: `may_close` turns the question on or off.
            Action::Cancel | Action::Benefits(BenefitAction::Back) if dialog.may_close() => {
                self.close_dialog();
            }
            Action::ToggleHelp | Action::Resize(..) | Action::Quit => return Some(action),
            _ => {}
        }
        None
    }

    fn close_dialog(&mut self) {
        match &mut self.mode {
            Mode::Form(form) => form.benefit = None,
            Mode::Benefits(view) => view.dialog = None,
            _ => {}
        }
    }

    fn take_dialog(&mut self) -> Option<BenefitDialog> {
        match &mut self.mode {
            Mode::Form(form) => form.benefit.take(),
            Mode::Benefits(view) => view.dialog.take(),
            _ => None,
        }
    }

    fn put_dialog(&mut self, dialog: BenefitDialog) {
        match &mut self.mode {
            Mode::Form(form) => form.benefit = Some(dialog),
            Mode::Benefits(view) => view.dialog = Some(dialog),
            _ => {}
        }
    }

    /// The initiative the dialog changes: the form's draft, or the one in the portfolio.
    fn dialog_initiative(&self, target: Target, benefit: Option<Id>) -> Option<Initiative> {
        match (target, &self.mode) {
            (Target::Form, Mode::Form(form)) => Some(form.draft.clone()),
            (Target::View, Mode::Benefits(view)) => {
                let id = match benefit {
                    Some(b) => view.rows.iter().find(|r| r.benefit == b).map(|r| r.initiative).or(view.scope),
                    None => view.scope.or(view.selected_row().map(|r| r.initiative)),
                };
                id.and_then(|id| self.portfolio.initiative(id)).cloned()
            }
            _ => None,
        }
    }

    /// Enter or Ctrl-s in a dialog: the benefit or measurement is checked and kept, or the
    /// dialog stays open saying what is wrong.
    fn keep_dialog(&mut self, target: Target) {
        let Some(mut dialog) = self.take_dialog() else { return };
        let (today, lang) = (self.today, self.lang);
        let kept = match &mut dialog {
            BenefitDialog::Edit(editor) => match editor.build(today, lang) {
                Ok(mut b) => {
                    let original = editor.original.as_ref().map(|o| o.id);
                    match self.dialog_initiative(target, original) {
                        Some(mut i) => {
                            if original.is_none() {
                                b.id = self.portfolio.allocate_id(Collection::Benefit);
                            }
                            match i.benefits.iter_mut().find(|x| Some(x.id) == original) {
                                Some(slot) => *slot = b.clone(),
                                None => i.benefits.push(b.clone()),
                            }
                            let key = if original.is_some() { "benefits.updated" } else { "benefits.added" };
                            Ok((i, b.id, key))
                        }
                        None => Err(None),
                    }
                }
                Err(refusal) => {
                    editor.focus_field(refusal.field);
                    editor.error = Some(refusal);
                    Err(Some((lang.t(refusal.field.label()), refusal.key)))
                }
            },
            BenefitDialog::Measure(line) => {
                let id = line.benefit;
                match self.dialog_initiative(target, Some(id)) {
                    Some(mut i) => match i.benefits.iter().position(|b| b.id == id) {
                        Some(ix) => match line.build(&i.benefits[ix], today, lang) {
                            Ok(mut m) => {
                                m.id = self.portfolio.allocate_id(Collection::Measurement);
                                i.benefits[ix].measurements.push(m);
                                Ok((i, id, "benefits.measured"))
                            }
                            Err(refusal) => {
                                line.focus = refusal.field as usize;
                                line.error = Some(refusal);
                                Err(Some((lang.t(refusal.field.label()), refusal.key)))
                            }
                        },
                        None => Err(None),
                    },
                    None => Err(None),
                }
            }
            BenefitDialog::Delete(_) => Err(None),
        };
        match kept {
            Ok((initiative, benefit, key)) => self.store_benefit_change(target, initiative, benefit, key),
            Err(Some((field, why))) => {
                let why = lang.t(why);
                self.set_error(lang.tf("status.form_invalid", &[("field", &field), ("why", &why)]));
                self.put_dialog(dialog);
            }
            Err(None) => self.put_dialog(dialog),
        }
    }

    /// `y` over a dialog: remove the benefit, or drop the editor's changes.
    fn answer_yes(&mut self, target: Target) {
        match self.take_dialog() {
            Some(BenefitDialog::Delete(id)) => {
                if let Some(mut i) = self.dialog_initiative(target, Some(id)) {
                    i.benefits.retain(|b| b.id != id);
                    self.store_benefit_change(target, i, id, "benefits.removed");
                }
            }
            Some(BenefitDialog::Edit(editor)) if editor.confirm_discard => {
                self.set_info(self.lang.t("status.discarded").to_owned());
            }
            Some(other) => self.put_dialog(other),
            None => {}
        }
    }

    /// Puts the changed initiative into the form's draft, or commits it.
    fn store_benefit_change(&mut self, target: Target, mut initiative: Initiative, benefit: Id, key: &str) {
        let text = self.lang.tf(key, &[("benefit", &benefit), ("id", &initiative.id)]);
        match (target, &mut self.mode) {
            (Target::Form, Mode::Form(form)) => {
                form.option = initiative.benefits.iter().position(|b| b.id == benefit).unwrap_or(form.option);
                form.draft.benefits = initiative.benefits;
                form.dirty = true;
                self.set_info(self.lang.t("benefits.kept_form").to_owned());
            }
            (Target::View, _) => {
                let Some(before) = self.portfolio.initiative(initiative.id).cloned() else { return };
                initiative.updated = Some(now());
                if self.commit(Change::initiative(Some(before), Some(initiative))) {
                    if let Mode::Benefits(view) = &mut self.mode
                        && let Some(ix) = view.rows.iter().position(|r| r.benefit == benefit)
                    {
                        view.selected = ix;
                    }
                    self.benefits_after_change();
                    self.set_info(text);
                }
            }
            _ => {}
        }
    }
}

/// A float as a sortable whole number (in thousandths), for sort keys.
fn ordered(value: f64) -> i64 {
    if value.is_finite() { (value * 1000.0).round() as i64 } else { 0 }
}
