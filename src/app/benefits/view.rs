//! The benefits view's state: the rows it lists (filtered, sorted), the figures of its scope
//! (totals, overdue, the timeline its chart draws), and how a key moves, sorts and filters.
//!
//! Every figure is a sum over initiatives, so the view keeps each initiative's part and, after
//! an edit of a few initiatives (`App::touched`), takes out that part and puts in the new one:
//! a measurement added at 10,000 initiatives costs one initiative's work, not the portfolio's.
//! Anything else (an import, a reload, undoing a batch) counts everything again.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;

use super::super::{App, Mode};
use super::Target;
use crate::action::{BenefitAction, Place};
use crate::benefits::{self, Sums, TimeUnit, TimeUnits, Timeline};
use crate::cycle;
use crate::filter::BenefitSort;
use crate::model::{Benefit, BenefitKind, Id, Initiative};

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

    fn keeps(self, row: &BenefitRow) -> bool {
        match self {
            BenefitFilter::All => true,
            BenefitFilter::Kind(kind) => row.kind == kind,
            BenefitFilter::Overdue => row.overdue,
            BenefitFilter::NoOwner => row.owner_empty,
        }
    }
}

/// One row of the list: a benefit and the initiative it belongs to, with what the filters
/// and orders read worked out once, so a sort or a filter never walks the portfolio.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BenefitRow {
    pub initiative: Id,
    pub benefit: Id,
    /// Where the benefit is in its initiative's list.
    at: usize,
    kind: BenefitKind,
    realisation: Option<f64>,
    planned: Option<f64>,
    /// The target date while it is still to be followed up.
    follow_up: Option<Date>,
    overdue: bool,
    owner_empty: bool,
}

impl BenefitRow {
    fn of(i: &Initiative, at: usize, b: &Benefit, today: Date) -> Self {
        let due = benefits::due(b, today);
        BenefitRow {
            initiative: i.id,
            benefit: b.id,
            at,
            kind: b.kind,
            realisation: benefits::realisation(b),
            planned: benefits::planned(b),
            follow_up: b.target.date.filter(|_| due != benefits::Due::Measured),
            overdue: due.is_overdue(),
            owner_empty: b.owner.trim().is_empty(),
        }
    }

    /// A row naming a benefit, for the dialogs (which read only the ids).
    pub(in crate::app) fn of_ids(initiative: Id, benefit: Id) -> Self {
        BenefitRow {
            initiative,
            benefit,
            at: 0,
            kind: BenefitKind::Other,
            realisation: None,
            planned: None,
            follow_up: None,
            overdue: false,
            owner_empty: false,
        }
    }
}

/// The figures of the view's scope (all benefits, or one initiative's), whatever the filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScopeFigures {
    pub count: usize,
    pub sums: Sums,
    pub overdue: usize,
    pub timeline: Timeline,
    /// The unit the time figures are in, and the time benefits in other units.
    pub time: TimeUnits,
}

/// The first month the timeline's slots hold (January 1900); dates before it count in it,
/// dates after the last slot (December 2299) in that one.
const FIRST_MONTH: i64 = 1900 * 12;
const MONTHS: usize = 400 * 12;

fn slot(month: i64) -> usize {
    usize::try_from(month - FIRST_MONTH).unwrap_or(0).min(MONTHS - 1)
}

/// What one initiative adds to the figures.
#[derive(Debug, Clone, Default, PartialEq)]
struct Part {
    count: usize,
    sums: Sums,
    overdue: usize,
    months: Vec<(i64, Sums)>,
}

impl Part {
    fn of(i: &Initiative, today: Date, unit: &TimeUnit) -> Part {
        let dated = i.benefits.iter().map(|b| 1 + b.measurements.len()).sum();
        let mut part = Part { months: Vec::with_capacity(dated), ..Part::default() };
        for b in &i.benefits {
            part.count += 1;
            part.sums.add(b, unit);
            part.overdue += usize::from(benefits::due(b, today).is_overdue());
            benefits::month_deltas(b, unit, |month, sums| part.months.push((month, sums)));
        }
        part
    }
}

/// The parts the figures are the sum of, to take one out and put it back changed.
#[derive(Debug, Clone, Default, PartialEq)]
struct Parts {
    by_initiative: HashMap<Id, Part>,
    /// The months' figures, one slot per month from [`FIRST_MONTH`], and how many
    /// contributions each has (a month none is left in leaves the timeline): a slot, not a
    /// map, as a full count adds some 200,000 contributions.
    months: Vec<(Sums, u32)>,
}

impl Parts {
    fn add_months(&mut self, months: &[(i64, Sums)]) {
        if self.months.is_empty() {
            self.months = vec![(Sums::default(), 0); MONTHS];
        }
        for (month, sums) in months {
            let slot = &mut self.months[slot(*month)];
            slot.0.plus(sums);
            slot.1 += 1;
        }
    }

    fn remove_months(&mut self, months: &[(i64, Sums)]) {
        for (month, sums) in months {
            if let Some(slot) = self.months.get_mut(slot(*month)) {
                slot.0.minus(sums);
                slot.1 = slot.1.saturating_sub(1);
                if slot.1 == 0 {
                    slot.0 = Sums::default();
                }
            }
        }
    }

    /// The timeline of the months with something dated in them.
    fn timeline(&self) -> Timeline {
        let used: BTreeMap<i64, Sums> = self
            .months
            .iter()
            .enumerate()
            .filter(|(_, (_, count))| *count > 0)
            .map(|(ix, (sums, _))| (FIRST_MONTH + i64::try_from(ix).unwrap_or(0), *sums))
            .collect();
        benefits::timeline_from(&used)
    }
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
    /// The chart chosen before a money or time filter turned it to its kind, to go back to.
    chart_before_filter: Option<BenefitKind>,
    pub figures: ScopeFigures,
    pub dialog: Option<super::BenefitDialog>,
    /// Where `Esc` returns: the initiative this list was opened from, when it was.
    back: Option<Box<Mode>>,
    parts: Parts,
    /// Every benefit of the scope, in initiative order: what the rows are chosen from.
    all: Vec<BenefitRow>,
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
            chart_before_filter: None,
            figures: ScopeFigures::default(),
            dialog: None,
            back: None,
            parts: Parts::default(),
            all: Vec::new(),
        }
    }

    pub fn selected_row(&self) -> Option<BenefitRow> {
        self.rows.get(self.selected).copied()
    }

    /// What the chart and the totals show: the kind chosen, or the other when only the other
    /// has figures (an initiative with time benefits alone shows time, not an empty chart).
    pub fn chart_kind(&self) -> BenefitKind {
        let other = if self.chart == BenefitKind::Money { BenefitKind::Time } else { BenefitKind::Money };
        if !self.has_figures(self.chart) && self.has_figures(other) { other } else { self.chart }
    }

    /// The kind `c` would turn the chart to, when that kind has figures to draw; `None` when
    /// `c` would change nothing.
    pub fn other_chart(&self) -> Option<BenefitKind> {
        let other =
            if self.chart_kind() == BenefitKind::Money { BenefitKind::Time } else { BenefitKind::Money };
        self.has_figures(other).then_some(other)
    }

    /// Whether the scope has money (or time) figures: sums or a month of the timeline.
    fn has_figures(&self, kind: BenefitKind) -> bool {
        self.figures.sums.of_kind(kind) != (0.0, 0.0)
            || self.figures.timeline.months.iter().any(|m| m.of_kind(kind) != (0.0, 0.0))
    }

    /// The places live over the view: a dialog's, or the list's.
    pub fn places(&self) -> &'static [Place] {
        super::dialog_places(self.dialog.as_ref()).unwrap_or(&[Place::BenefitList, Place::SubView])
    }

    fn in_scope(&self, i: &Initiative) -> bool {
        self.scope.map_or_else(|| benefits::counts(i), |id| id == i.id)
    }

    /// Takes `id`'s part out of the figures, and puts `part` in (if any).
    fn swap_part(&mut self, id: Id, part: Option<Part>) {
        let p = &mut self.parts;
        if let Some(old) = p.by_initiative.remove(&id) {
            self.figures.count -= old.count;
            self.figures.sums.minus(&old.sums);
            self.figures.overdue -= old.overdue;
            p.remove_months(&old.months);
        }
        if let Some(new) = part {
            self.figures.count += new.count;
            self.figures.sums.plus(&new.sums);
            self.figures.overdue += new.overdue;
            p.add_months(&new.months);
            p.by_initiative.insert(id, new);
        }
        self.figures.timeline = p.timeline();
    }
}

/// Where a row sorts: the chosen order's key, then the initiative and the benefit's place in
/// it, so the order is total and an inserted row lands where a full sort would put it. Whole
/// numbers only: a text in the key makes sorting 30,000 rows twenty times slower (the owner
/// order sorts by each name's place among the folded names instead).
type SortKey = (i64, i64, Id, usize);

/// A float as a sortable whole number (in thousandths).
fn ordered(value: f64) -> i64 {
    if value.is_finite() { (value * 1000.0).round() as i64 } else { 0 }
}

fn day(d: Date) -> i64 {
    benefits::month_index(d) * 31 + i64::from(d.day())
}

/// Where `row` sorts in `sort`, for every order but the owner's (see [`App::owner_key`]).
fn sort_key(sort: BenefitSort, row: &BenefitRow) -> SortKey {
    let (first, second) = match sort {
        BenefitSort::Initiative | BenefitSort::Owner => (0, 0),
        BenefitSort::Realisation => row.realisation.map_or((1, 0), |p| (0, ordered(p))),
        BenefitSort::Planned => (row.kind as i64, -row.planned.map_or(0, ordered)),
        BenefitSort::Due => row.follow_up.map_or((1, 0), |d| (0, day(d))),
    };
    (first, second, row.initiative, row.at)
}

/// Calls `f` on every benefits list in `mode`: the one on screen and those `Esc` goes back
/// to, behind an initiative opened from a list or a list opened from an initiative.
fn each_list(mode: &mut Mode, f: &mut impl FnMut(&mut BenefitsView)) {
    match mode {
        Mode::Benefits(view) => {
            f(view);
            if let Some(back) = view.back.as_deref_mut() {
                each_list(back, f);
            }
        }
        Mode::Detail { back: Some(back), .. } => each_list(back, f),
        _ => {}
    }
}

impl App {
    /// Opens the benefits view on every benefit or on one initiative's, with `benefit`
    /// selected if given.
    pub(in crate::app) fn open_benefits(&mut self, scope: Option<Id>, benefit: Option<Id>) {
        let kept = if scope.is_none() { self.benefits_kept.take() } else { None };
        let mut view = kept.unwrap_or_else(|| {
            let mut view = Box::new(BenefitsView::new(scope));
            self.refresh_benefits(&mut view);
            if view.figures.sums.money_planned == 0.0 && view.figures.sums.time_planned > 0.0 {
                view.chart = BenefitKind::Time;
            }
            view
        });
        if let Some(ix) = benefit.and_then(|b| view.rows.iter().position(|r| r.benefit == b)) {
            view.selected = ix;
        }
        view.offset = self.benefits_scroll(&view);
        self.mode = Mode::Benefits(view);
    }

    /// Makes `Esc` in the benefits view return to `back` (the initiative it was opened from).
    pub(in crate::app) fn benefits_back(&mut self, back: Mode) {
        if let Mode::Benefits(view) = &mut self.mode {
            view.back = Some(Box::new(back));
        }
    }

    /// Leaves the view for `mode`; the list of every benefit is kept for the next `b`.
    pub(in crate::app) fn leave_benefits(&mut self, mode: Mode) {
        if let Mode::Benefits(view) = std::mem::replace(&mut self.mode, mode)
            && view.scope.is_none()
        {
            self.benefits_kept = Some(view);
        }
    }

    /// Keeps the benefits view true to the portfolio after an edit, undo or reload: only the
    /// initiatives the change touched when it was an edit of a few, else everything.
    /// `everything`: the whole portfolio was replaced.
    pub(in crate::app) fn benefits_after_change(&mut self, everything: bool) {
        // Beyond a few (an import, a batch) counting everything once is quicker.
        const FEW: usize = 16;
        let ids = &self.touched.initiatives;
        let few = !everything && !ids.is_empty() && ids.len() <= FEW;
        let touched = if few { ids.clone() } else { Vec::new() };
        if let Some(mut kept) = self.benefits_kept.take()
            && few
        {
            for id in &touched {
                self.refresh_initiative(&mut kept, *id);
            }
            self.benefits_kept = Some(kept);
        }
        // The list on screen and every list waiting behind what was opened from it, so that
        // `Esc` goes back to lists that are already true.
        let mut mode = std::mem::replace(&mut self.mode, Mode::Normal);
        each_list(&mut mode, &mut |view| {
            if few && view.scope.is_none() {
                for id in &touched {
                    self.refresh_initiative(view, *id);
                }
            } else {
                self.refresh_benefits(view);
            }
        });
        self.mode = mode;
    }

    /// Counts everything again: rows, figures, chart; the selected benefit stays selected.
    fn refresh_benefits(&self, view: &mut BenefitsView) {
        let keep = view.selected_row().map(|r| r.benefit);
        view.figures = ScopeFigures::default();
        view.parts = Parts::default();
        view.all.clear();
        let today = self.today;
        let scope = view.scope;
        let in_scope = |i: &&Initiative| scope.map_or_else(|| benefits::counts(i), |id| id == i.id);
        view.figures.time = self.time_units(view);
        for i in self.portfolio.initiatives.iter().filter(in_scope) {
            let part = Part::of(i, today, &view.figures.time.headline);
            view.figures.count += part.count;
            view.figures.sums.plus(&part.sums);
            view.figures.overdue += part.overdue;
            view.parts.add_months(&part.months);
            view.parts.by_initiative.insert(i.id, part);
            view.all.extend(i.benefits.iter().enumerate().map(|(at, b)| BenefitRow::of(i, at, b, today)));
        }
        let filter = view.filter;
        view.rows = view.all.iter().filter(|r| filter.keeps(r)).copied().collect();
        view.figures.timeline = view.parts.timeline();
        self.sort_benefits(view);
        self.reselect(view, keep);
    }

    /// The units the scope's time benefits are written in ([`benefits::time_units`]).
    fn time_units(&self, view: &BenefitsView) -> TimeUnits {
        benefits::time_units(
            self.portfolio.initiatives.iter().filter(|i| view.in_scope(i)).flat_map(|i| &i.benefits),
        )
    }

    /// One initiative changed (or came, or went): its part and rows are replaced. When the
    /// change moves the headline time unit, every part is in the wrong unit: all is counted
    /// again.
    fn refresh_initiative(&self, view: &mut BenefitsView, id: Id) {
        let time = self.time_units(view);
        if time.headline != view.figures.time.headline {
            self.refresh_benefits(view);
            return;
        }
        view.figures.time = time;
        let keep = view.selected_row().map(|r| r.benefit);
        let today = self.today;
        let initiative = self.portfolio.initiative(id).filter(|i| view.in_scope(i));
        view.swap_part(id, initiative.map(|i| Part::of(i, today, &view.figures.time.headline)));
        view.all.retain(|r| r.initiative != id);
        view.rows.retain(|r| r.initiative != id);
        if let Some(i) = initiative {
            let fresh: Vec<BenefitRow> =
                i.benefits.iter().enumerate().map(|(at, b)| BenefitRow::of(i, at, b, today)).collect();
            let at = view.all.partition_point(|r| r.initiative < id);
            view.all.splice(at..at, fresh.iter().copied());
            let sort = view.sort;
            for row in fresh.iter().filter(|r| view.filter.keeps(r)) {
                let at = if sort == BenefitSort::Owner {
                    let key = self.owner_key(row);
                    view.rows.partition_point(|r| self.owner_key(r) < key)
                } else {
                    let key = sort_key(sort, row);
                    view.rows.partition_point(|r| sort_key(sort, r) < key)
                };
                view.rows.insert(at, *row);
            }
        }
        self.reselect(view, keep);
    }

    /// Where a row sorts by owner: benefits without one first, then by the folded name.
    fn owner_key(&self, row: &BenefitRow) -> (bool, String, Id, usize) {
        let owner = self.benefit(row.initiative, row.benefit).map_or("", |b| b.owner.trim());
        let folded = crate::text::fold(owner);
        (!folded.is_empty(), folded, row.initiative, row.at)
    }

    fn reselect(&self, view: &mut BenefitsView, keep: Option<Id>) {
        view.selected = keep
            .and_then(|b| view.rows.iter().position(|r| r.benefit == b))
            .unwrap_or(view.selected)
            .min(view.rows.len().saturating_sub(1));
        view.offset = self.benefits_scroll(view);
    }

    fn sort_benefits(&self, view: &mut BenefitsView) {
        if view.sort == BenefitSort::Initiative {
            // Already in that order: rows are chosen from `all`, which is.
            return;
        }
        let sort = view.sort;
        if sort == BenefitSort::Owner {
            // Folding (or even comparing) every row's owner would cost more than the sort: the
            // few names are folded and ordered once, and rows sort by a name's place.
            let owners: Vec<&str> = view
                .rows
                .iter()
                .map(|r| self.benefit(r.initiative, r.benefit).map_or("", |b| b.owner.trim()))
                .collect();
            let names: std::collections::HashSet<&str> = owners.iter().copied().collect();
            let mut by_fold: Vec<(String, &str)> =
                names.into_iter().map(|n| (crate::text::fold(n), n)).collect();
            by_fold.sort_unstable();
            let mut place: HashMap<&str, (bool, usize)> = HashMap::with_capacity(by_fold.len());
            let mut rank = 0;
            for (ix, (fold, name)) in by_fold.iter().enumerate() {
                if ix > 0 && by_fold[ix - 1].0 != *fold {
                    rank += 1;
                }
                place.insert(name, (!fold.is_empty(), rank));
            }
            let mut keyed: Vec<((bool, usize, Id, usize), BenefitRow)> = view
                .rows
                .iter()
                .zip(&owners)
                .map(|(r, owner)| {
                    let (has_owner, at_name) = place[owner];
                    ((has_owner, at_name, r.initiative, r.at), *r)
                })
                .collect();
            keyed.sort_unstable_by_key(|(key, _)| *key);
            view.rows = keyed.into_iter().map(|(_, r)| r).collect();
            return;
        }
        view.rows.sort_unstable_by_key(|r| sort_key(sort, r));
    }

    /// The first row to show so the selection is in view.
    pub(in crate::app) fn benefits_scroll(&self, view: &BenefitsView) -> usize {
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

    pub(in crate::app) fn view_action(&mut self, action: BenefitAction) {
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
                if let Some(other) = view.other_chart() {
                    view.chart_before_filter = None;
                    view.chart = other;
                } else {
                    // Nothing of the other kind to draw: the chart stays, and says why.
                    let shown =
                        self.lang.t(&format!("benefit_kind.{}", view.chart_kind().key())).to_lowercase();
                    self.set_info(self.lang.tf("benefits.chart_only", &[("kind", &shown)]));
                }
            }
            BenefitAction::CycleSort => {
                view.sort = cycle::step(&BenefitSort::ALL, &view.sort, true);
                let sort = self.lang.t(view.sort.key());
                self.resort_benefits();
                self.set_info(self.lang.tf("benefits.sorted", &[("sort", &sort)]));
            }
            BenefitAction::CycleFilter => {
                view.filter = cycle::step(&BenefitFilter::ALL, &view.filter, true);
                // Showing money or time benefits, the totals and the chart speak of that kind;
                // the chart chosen before comes back with the next filter.
                if let BenefitFilter::Kind(kind @ (BenefitKind::Money | BenefitKind::Time)) = view.filter {
                    view.chart_before_filter.get_or_insert(view.chart);
                    view.chart = kind;
                } else if let Some(chart) = view.chart_before_filter.take() {
                    view.chart = chart;
                }
                let filter = self.lang.t(&view.filter.key());
                self.refilter_benefits();
                self.set_info(self.lang.tf("benefits.filtered", &[("filter", &filter)]));
            }
            BenefitAction::OpenInitiative => {
                // The initiative goes back to this list, its selection and all.
                if let Some(row) = row
                    && let Mode::Benefits(view) = std::mem::replace(&mut self.mode, Mode::Normal)
                {
                    let back = Some(Box::new(Mode::Benefits(view)));
                    self.mode = Mode::Detail { id: row.initiative, scroll: 0, back };
                }
            }
            BenefitAction::Back => {
                let back = match (view.back.take(), view.scope) {
                    (Some(back), _) => *back,
                    (None, Some(id)) => Mode::Detail { id, scroll: 0, back: None },
                    (None, None) => Mode::Normal,
                };
                self.leave_benefits(back);
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
    pub(in crate::app) fn scroll_benefits(&mut self) {
        if let Mode::Benefits(view) = &self.mode {
            let offset = self.benefits_scroll(view);
            if let Mode::Benefits(view) = &mut self.mode {
                view.offset = offset;
            }
        }
    }

    fn resort_benefits(&mut self) {
        if let Mode::Benefits(mut view) = std::mem::replace(&mut self.mode, Mode::Normal) {
            let keep = view.selected_row().map(|r| r.benefit);
            if view.sort == BenefitSort::Initiative {
                // Back to the natural order, which a sort by the other keys has lost.
                let filter = view.filter;
                view.rows = view.all.iter().filter(|r| filter.keeps(r)).copied().collect();
            } else {
                self.sort_benefits(&mut view);
            }
            view.selected = 0;
            self.reselect(&mut view, keep);
            self.mode = Mode::Benefits(view);
        }
    }

    /// The rows again for a new filter; the figures stay, as they are the scope's.
    fn refilter_benefits(&mut self) {
        if let Mode::Benefits(mut view) = std::mem::replace(&mut self.mode, Mode::Normal) {
            let keep = view.selected_row().map(|r| r.benefit);
            let filter = view.filter;
            view.rows = view.all.iter().filter(|r| filter.keeps(r)).copied().collect();
            self.sort_benefits(&mut view);
            self.reselect(&mut view, keep);
            self.mode = Mode::Benefits(view);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::model::Measurement;
    use crate::testing::Harness;

    fn open(app: &mut Harness) -> BenefitsView {
        app.open_benefits(None, None);
        let Mode::Benefits(view) = &app.mode else { panic!("the view") };
        (**view).clone()
    }

    #[test]
    fn the_list_is_kept_for_the_next_b_and_follows_edits_made_meanwhile() {
        let mut app = Harness::sample();
        let count = open(&mut app).figures.count;
        app.update(Action::Benefits(BenefitAction::CycleSort));
        app.update(Action::Benefits(BenefitAction::Back));
        assert!(app.benefits_kept.is_some());
        let before = app.portfolio.initiative(21).cloned();
        let mut after = before.clone().expect("#21");
        after.benefits.push(Benefit { id: 99, title: "Ny".into(), ..Benefit::default() });
        assert!(app.commit(crate::history::Change::initiative(before, Some(after))));
        let view = open(&mut app);
        assert_eq!(view.figures.count, count + 1, "the edit made meanwhile is counted");
        assert_eq!(view.sort, BenefitSort::Realisation, "as it was left");
        let mut full = view.clone();
        app.refresh_benefits(&mut full);
        assert_eq!((view.figures, view.rows), (full.figures, full.rows));
        app.update(Action::Benefits(BenefitAction::Back));
        app.update(Action::RunCommand("reload".into()));
        app.after_change(false);
        assert!(app.benefits_kept.is_none(), "anything but a one-initiative edit counts again");
    }

    /// An edit that gives another unit the most time benefits moves every time figure to it.
    #[test]
    fn an_edit_that_moves_the_headline_time_unit_counts_everything_again() {
        let mut app = Harness::sample();
        let mut view = open(&mut app);
        let hours = view.figures.time.headline.clone();
        let before = app.portfolio.initiative(6).cloned();
        let mut after = before.clone().expect("#6");
        for id in 901..905 {
            after.benefits.push(Benefit {
                id,
                kind: BenefitKind::Time,
                unit: "FTE".into(),
                target: crate::model::Point { value: Some(1.0), ..crate::model::Point::default() },
                ..Benefit::default()
            });
        }
        assert!(app.commit(crate::history::Change::initiative(before, Some(after))));
        app.refresh_initiative(&mut view, 6);
        assert_eq!(view.figures.time.headline.shown, "FTE");
        assert!((view.figures.sums.time_planned - 4.0).abs() < 1e-9, "FTE only");
        assert_eq!(view.figures.time.apart[0].unit, hours.shown);
        let mut full = view.clone();
        app.refresh_benefits(&mut full);
        assert_eq!(view.figures, full.figures);
    }

    /// Counting one initiative again gives what counting everything gives.
    #[test]
    fn a_change_to_one_initiative_gives_the_figures_a_full_count_gives() {
        let mut app = Harness::sample();
        for sort in BenefitSort::ALL {
            let mut view = open(&mut app);
            view.sort = sort;
            app.sort_benefits(&mut view);
            let mut after = app.portfolio.initiative(12).cloned().expect("#12");
            after.benefits[0].measurements.push(Measurement {
                id: 900,
                date: crate::testing::TODAY,
                value: Some(20_000.0),
                note: String::new(),
                extra: crate::model::extras::Extra::default(),
            });
            after.benefits.remove(2);
            let before = app.portfolio.initiative(12).cloned();
            assert!(app.commit(crate::history::Change::initiative(before.clone(), Some(after))));
            app.touched.initiatives = vec![12];
            app.refresh_initiative(&mut view, 12);
            let mut full = view.clone();
            app.refresh_benefits(&mut full);
            assert_eq!(view.figures, full.figures, "{sort:?}");
            assert_eq!(view.rows, full.rows, "{sort:?}");
            app.update(Action::Undo);
        }
    }
}
