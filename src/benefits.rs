//! Benefits realisation, derived (docs/domain.md §7): per benefit how far it is realised,
//! whether its follow-up is due or overdue and which way it is going; per initiative and for
//! the portfolio the money and time planned and realised, per year, per P, per facet and per
//! goal; and what is missing (benefits without an owner, implemented initiatives with no
//! benefit stated). Pure functions: the benefits view, the Overview, the grid's weighting, the
//! report and `fasett check` all ask here.
//!
//! How a benefit is read:
//! - The benefit is the change from the baseline towards the target. A missing baseline value
//!   counts as 0 (the benefit is then stated as the gain itself). The target may lie below the
//!   baseline: a saving can be written as a falling cost (2 000 000 → 1 600 000 kr/år) or as a
//!   negative change (0 → −400 000); both plan a gain of 400 000.
//! - **Planned** is |target − baseline|; **realised** is how far the latest reading has moved
//!   from the baseline in the target's direction (negative when it went the other way);
//!   **realisation** is realised ÷ planned in percent, exact (it may pass 100 or fall below
//!   0; views clamp it for display). With no target, or a target equal to the baseline, there
//!   is no realisation: never a division by zero.
//! - A follow-up is **overdue** when the target date has passed without a reading dated on
//!   or after it, and **due** when the target date is today or within the coming 14 days.
//! - Money and time add up over the portfolio (as written: state them per year, in one unit);
//!   quality and other benefits are followed one by one.
//! - Time is added only within one unit, never across units (hours and FTE are not one
//!   figure). Units are compared folded, without spaces ("Timer / år" = "timer/år"). The
//!   **headline unit** is the one most time benefits name (on a tie, the one stated first:
//!   the lowest benefit number, so one benefit in a new unit never takes the headline over);
//!   a time benefit with no unit counts in it. The others are summed per unit apart and named beside
//!   the headline figure ([`TimeUnits`]).

mod units;
mod words;

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::i18n::Lang;
use crate::model::{
    Benefit, BenefitKind, Costs, Facet, Id, Initiative, Measurement, Portfolio, Pressure, Stage, Status,
};

pub use units::{Apart, TimeUnit, TimeUnits, apart_from, time_units, unit_key};
pub use words::{apart_text, due_text, label, realisation_text, value_text};

/// Days ahead a target date counts as due.
pub const DUE_SOON_DAYS: i32 = 14;
/// The longest span of years the per-year figures and the chart cover (the latest years).
const MAX_YEARS: i16 = 40;

/// The baseline value; a benefit written as the gain itself has none, which counts as 0.
pub fn baseline(b: &Benefit) -> f64 {
    b.baseline.value.unwrap_or(0.0)
}

/// Two values that are the same number as typed (a baseline and a target).
pub fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= f64::EPSILON * a.abs().max(b.abs()).max(1.0)
}

/// +1 when the target lies above the baseline, −1 below; `None` with no target or a target
/// equal to the baseline.
fn direction(b: &Benefit) -> Option<f64> {
    let target = b.target.value?;
    let change = target - baseline(b);
    (!same_value(target, baseline(b)) && change.is_finite()).then(|| change.signum())
}

/// The planned gain, |target − baseline|.
pub fn planned(b: &Benefit) -> Option<f64> {
    direction(b)?;
    Some((b.target.value? - baseline(b)).abs())
}

/// The latest reading with a value, on or before `by` when given (the later of two on the
/// same day is the one added last).
pub fn latest(b: &Benefit, by: Option<Date>) -> Option<&Measurement> {
    b.measurements.iter().filter(|m| m.value.is_some() && by.is_none_or(|by| m.date <= by)).fold(
        None,
        |best: Option<&Measurement>, m| match best {
            Some(best) if best.date > m.date => Some(best),
            _ => Some(m),
        },
    )
}

/// How far `value` lies from the baseline in the target's direction.
fn gain(b: &Benefit, value: f64) -> Option<f64> {
    Some((value - baseline(b)) * direction(b)?)
}

/// The realised gain of the latest reading (see the module's notes).
pub fn realised(b: &Benefit) -> Option<f64> {
    gain(b, latest(b, None)?.value?)
}

/// Realised ÷ planned, in percent, exact.
pub fn realisation(b: &Benefit) -> Option<f64> {
    let percent = realised(b)? / planned(b)? * 100.0;
    percent.is_finite().then_some(percent)
}

/// A realisation for a bar: 0 to 100.
pub fn clamp_bar(percent: f64) -> f64 {
    percent.clamp(0.0, 100.0)
}

/// A realisation as a number on screen: within ±999, so a typing slip cannot fill a column.
pub fn clamp_shown(percent: f64) -> f64 {
    percent.clamp(-999.0, 999.0)
}

/// Where a benefit's follow-up stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// No target date.
    Undated,
    /// Measured on or after the target date.
    Measured,
    /// Days until the target date (0: today).
    Ahead(i32),
    /// Days since the target date passed without a reading on or after it.
    Overdue(i32),
}

impl Due {
    pub fn is_overdue(self) -> bool {
        matches!(self, Due::Overdue(_))
    }

    /// Overdue, or due within [`DUE_SOON_DAYS`].
    pub fn needs_follow_up(self) -> bool {
        match self {
            Due::Overdue(_) => true,
            Due::Ahead(days) => days <= DUE_SOON_DAYS,
            Due::Undated | Due::Measured => false,
        }
    }
}

/// Whether the benefit's follow-up is done, coming or overdue on `today`.
pub fn due(b: &Benefit, today: Date) -> Due {
    let Some(target) = b.target.date else { return Due::Undated };
    if b.measurements.iter().any(|m| m.date >= target) {
        return Due::Measured;
    }
    let days = (target - today).get_days();
    if days < 0 { Due::Overdue(-days) } else { Due::Ahead(days) }
}

/// How the value moved between the last two readings (last − the one before), as read: a
/// cost that fell is negative whether or not that is the benefit's way.
pub fn last_change(b: &Benefit) -> Option<f64> {
    let mut readings: Vec<(Date, usize, f64)> =
        b.measurements.iter().enumerate().filter_map(|(ix, m)| Some((m.date, ix, m.value?))).collect();
    readings.sort_by_key(|(d, ix, _)| (*d, *ix));
    let [.., (_, _, before), (_, _, last)] = readings.as_slice() else { return None };
    Some(last - before)
}

/// Which way the last two readings went, seen from the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    Better,
    Worse,
    Unchanged,
}

pub fn trend(b: &Benefit) -> Option<Trend> {
    let change = last_change(b)? * direction(b)?;
    Some(if change > 0.0 {
        Trend::Better
    } else if change < 0.0 {
        Trend::Worse
    } else {
        Trend::Unchanged
    })
}

/// Money and time, planned and realised; time in one unit only. Other kinds are not summed.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Sums {
    pub money_planned: f64,
    pub money_realised: f64,
    pub time_planned: f64,
    pub time_realised: f64,
}

impl Sums {
    /// Adds `b`'s money, or its time when `unit` takes it.
    pub fn add(&mut self, b: &Benefit, unit: &TimeUnit) {
        let (planned, realised) = (planned(b).unwrap_or(0.0), realised(b).unwrap_or(0.0));
        match b.kind {
            BenefitKind::Money => {
                self.money_planned += planned;
                self.money_realised += realised;
            }
            BenefitKind::Time if unit.takes(b) => {
                self.time_planned += planned;
                self.time_realised += realised;
            }
            BenefitKind::Time | BenefitKind::Quality | BenefitKind::Other => {}
        }
    }

    /// Adds `other` figure by figure.
    pub fn plus(&mut self, other: &Sums) {
        self.money_planned += other.money_planned;
        self.money_realised += other.money_realised;
        self.time_planned += other.time_planned;
        self.time_realised += other.time_realised;
    }

    /// Takes `other` away figure by figure; what is left of a sum that went back to nothing
    /// is nothing (no 1e-10 from rounding).
    pub fn minus(&mut self, other: &Sums) {
        let tidy = |v: f64| if v.abs() < 1e-6 { 0.0 } else { v };
        self.money_planned = tidy(self.money_planned - other.money_planned);
        self.money_realised = tidy(self.money_realised - other.money_realised);
        self.time_planned = tidy(self.time_planned - other.time_planned);
        self.time_realised = tidy(self.time_realised - other.time_realised);
    }

    /// The sums of `benefits`, time in `unit`.
    pub fn of<'a>(benefits: impl IntoIterator<Item = &'a Benefit>, unit: &TimeUnit) -> Self {
        let mut sums = Sums::default();
        benefits.into_iter().for_each(|b| sums.add(b, unit));
        sums
    }

    /// The planned and realised figures of one kind (money or time).
    pub fn of_kind(&self, kind: BenefitKind) -> (f64, f64) {
        match kind {
            BenefitKind::Time => (self.time_planned, self.time_realised),
            _ => (self.money_planned, self.money_realised),
        }
    }
}

/// An initiative's expected money benefit a year, for weighting the grid: its money
/// benefits' planned gains, in whole currency units.
pub fn money_weight(i: &Initiative) -> u64 {
    let planned: f64 = i.benefits.iter().filter(|b| b.kind == BenefitKind::Money).filter_map(planned).sum();
    if planned.is_finite() { planned.round().max(0.0) as u64 } else { 0 }
}

/// The simple benefit calculation (nyttokalkyl): years until the investment is paid back by
/// the money benefit a year less the running cost. `None` without an investment, or when the
/// benefit never covers the running cost.
pub fn payback_years(i: &Initiative, money_a_year: f64) -> Option<f64> {
    let costs = i.costs.as_ref()?;
    let investment = costs.investment?;
    let net = money_a_year - costs.yearly.unwrap_or(0.0);
    let years = investment / net;
    (net > 0.0 && years.is_finite() && years >= 0.0).then_some(years)
}

/// Counted in the portfolio's figures: every initiative in the portfolio (not archived, not
/// an idea still in triage), whatever its status.
pub fn counts(i: &Initiative) -> bool {
    i.in_portfolio()
}

/// An initiative in use whose benefit nobody has stated yet (Tomelilla: implemented is not
/// yet an innovation): implementing or later, or completed; not archived or stopped.
pub fn implemented_without_benefit(i: &Initiative) -> bool {
    !i.archived
        && i.status != Status::Stopped
        && (i.stage >= Stage::Implementing || i.status == Status::Completed)
        && i.benefits.is_empty()
}

/// Cumulative money and time, planned (targets due by then) and realised (the latest readings
/// by then), month by month.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timeline {
    /// The first month: (year, month 1–12).
    pub start: (i16, i8),
    /// One entry per month from `start`, at the month's end.
    pub months: Vec<Sums>,
}

impl Timeline {
    /// The year and month (1–12) of entry `ix`.
    pub fn month(&self, ix: usize) -> (i16, i8) {
        let n = i64::from(self.start.0) * 12 + i64::from(self.start.1 - 1) + i64::try_from(ix).unwrap_or(0);
        ((n / 12) as i16, (n % 12) as i8 + 1)
    }

    /// The figures at the end of each year, first to last.
    pub fn years(&self) -> Vec<(i16, Sums)> {
        let mut out: Vec<(i16, Sums)> = Vec::new();
        for (ix, sums) in self.months.iter().enumerate() {
            let (year, _) = self.month(ix);
            match out.last_mut() {
                Some((y, last)) if *y == year => *last = *sums,
                _ => out.push((year, *sums)),
            }
        }
        out
    }
}

/// A month as one number: year × 12 + month − 1.
pub fn month_index(d: Date) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month() - 1)
}

/// What one benefit adds to a timeline, month by month (money, and time in `unit`): its
/// planned gain in the month of its target date, and each reading's change of the realised
/// gain in the reading's month. Every dated month is named, if only with nothing added, so
/// the timeline spans it.
pub fn month_deltas(b: &Benefit, unit: &TimeUnit, mut add: impl FnMut(i64, Sums)) {
    if !b.kind.is_summed() || (b.kind == BenefitKind::Time && !unit.takes(b)) {
        return;
    }
    let sums = |planned: f64, realised: f64| match b.kind {
        BenefitKind::Time => Sums { time_planned: planned, time_realised: realised, ..Sums::default() },
        _ => Sums { money_planned: planned, money_realised: realised, ..Sums::default() },
    };
    if let Some(date) = b.target.date {
        add(month_index(date), sums(planned(b).unwrap_or(0.0), 0.0));
    }
    let mut before = 0.0;
    let mut read = |date: Date, value: Option<f64>| {
        let Some(now) = value.and_then(|v| gain(b, v)) else {
            add(month_index(date), Sums::default());
            return;
        };
        add(month_index(date), sums(0.0, now - before));
        before = now;
    };
    // Readings are kept in the order they were added, which is nearly always by date:
    // walk them as they are, and sort a copy only when they are not.
    if b.measurements.is_sorted_by_key(|m| m.date) {
        b.measurements.iter().for_each(|m| read(m.date, m.value));
    } else {
        let mut readings: Vec<(Date, usize, Option<f64>)> =
            b.measurements.iter().enumerate().map(|(ix, m)| (m.date, ix, m.value)).collect();
        readings.sort_by_key(|(d, ix, _)| (*d, *ix));
        for (d, _, v) in readings {
            read(d, v);
        }
    }
}

/// Month deltas added up into a timeline: the cumulative figures from the first month named
/// to the last, at most the last `MAX_YEARS` years (earlier months count in the first).
pub fn timeline_from(months: &BTreeMap<i64, Sums>) -> Timeline {
    let (Some((&first, _)), Some((&last, _))) = (months.first_key_value(), months.last_key_value()) else {
        return Timeline::default();
    };
    let first = first.max(last - i64::from(MAX_YEARS) * 12 + 1);
    let len = usize::try_from(last - first + 1).unwrap_or(0);
    let mut deltas = vec![Sums::default(); len];
    for (month, sums) in months {
        deltas[usize::try_from((month - first).max(0)).unwrap_or(0).min(len - 1)].plus(sums);
    }
    let mut running = Sums::default();
    let months = deltas
        .into_iter()
        .map(|d| {
            running.plus(&d);
            running
        })
        .collect();
    Timeline { start: ((first / 12) as i16, (first % 12) as i8 + 1), months }
}

/// The timeline of `benefits` (money, and time in `unit`), from the first dated target or
/// reading to the last: see [`month_deltas`] and [`timeline_from`].
pub fn timeline<'a>(benefits: impl IntoIterator<Item = &'a Benefit>, unit: &TimeUnit) -> Timeline {
    let mut months: BTreeMap<i64, Sums> = BTreeMap::new();
    for b in benefits {
        month_deltas(b, unit, |month, sums| months.entry(month).or_default().plus(&sums));
    }
    timeline_from(&months)
}

/// A set of benefits in figures: how many, their sums, and how many are overdue.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    pub count: usize,
    pub sums: Sums,
    /// Benefits whose follow-up is overdue.
    pub overdue: usize,
}

impl Tally {
    pub fn plus(&mut self, other: &Tally) {
        self.count += other.count;
        self.sums.plus(&other.sums);
        self.overdue += other.overdue;
    }
}

/// One initiative's benefits in figures.
#[derive(Debug, Clone, PartialEq)]
pub struct InitiativeFigures {
    pub id: Id,
    pub title: String,
    pub benefits: Tally,
    /// The investment and the running cost as the initiative states them (none: empty).
    pub costs: Costs,
    /// Years to pay back the investment from the planned money benefit.
    pub payback_years: Option<f64>,
    /// Time in units other than the portfolio's headline, summed per unit.
    pub time_apart: Vec<Apart>,
}

/// The portfolio's benefits in figures (initiatives not archived).
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The unit every time figure here is in, and the time benefits in other units.
    pub time: TimeUnits,
    /// The initiatives' tallies added up.
    pub benefits: Tally,
    /// Benefits due within [`DUE_SOON_DAYS`].
    pub due_soon: usize,
    /// Per P the benefit eases: money, products, staff, none.
    pub per_pressure: [Sums; 4],
    /// Per facet of the initiative, in `Facet::ALL` order.
    pub per_facet: [Sums; 6],
    /// Per goal of the organisation (in its order), from the initiatives serving it.
    pub per_goal: Vec<(Id, Sums)>,
    /// Benefits no one answers for: (initiative, benefit).
    pub without_owner: Vec<(Id, Id)>,
    pub implemented_without_benefit: Vec<Id>,
    /// Initiatives with benefits or costs, in id order.
    pub initiatives: Vec<InitiativeFigures>,
    pub timeline: Timeline,
}

/// `benefits`' time units and their sums with time in the headline unit alone: the figures
/// every place that sums a set of benefits shows (the Overview, the review's snapshot).
pub fn in_headline<'a, I>(benefits: I) -> (TimeUnits, Sums)
where
    I: IntoIterator<Item = &'a Benefit> + Clone,
{
    let units = time_units(benefits.clone());
    let sums = Sums::of(benefits, &units.headline);
    (units, sums)
}

pub fn summary(p: &Portfolio, today: Date) -> Summary {
    let counted = || p.initiatives.iter().filter(|i| counts(i)).flat_map(|i| &i.benefits);
    let time = time_units(counted());
    let mut s = Summary {
        timeline: timeline(counted(), &time.headline),
        time,
        benefits: Tally::default(),
        due_soon: 0,
        per_pressure: [Sums::default(); 4],
        per_facet: [Sums::default(); 6],
        per_goal: p.organisation.goals.iter().map(|g| (g.id, Sums::default())).collect(),
        without_owner: Vec::new(),
        implemented_without_benefit: Vec::new(),
        initiatives: Vec::new(),
    };
    for i in p.initiatives.iter().filter(|i| counts(i)) {
        if implemented_without_benefit(i) {
            s.implemented_without_benefit.push(i.id);
        }
        let mut figures = InitiativeFigures {
            id: i.id,
            title: i.title.clone(),
            benefits: Tally { count: i.benefits.len(), ..Tally::default() },
            costs: i.costs.as_deref().cloned().unwrap_or_default(),
            payback_years: None,
            time_apart: apart_from(&i.benefits, &s.time.headline),
        };
        let facet = Facet::ALL.iter().position(|f| *f == i.facet).unwrap_or(5);
        for b in &i.benefits {
            // Worked out once, added everywhere it counts.
            let one = Sums::of([b], &s.time.headline);
            figures.benefits.sums.plus(&one);
            let pressure = match b.relieves {
                Some(Pressure::Money) => 0,
                Some(Pressure::Products) => 1,
                Some(Pressure::Staff) => 2,
                None => 3,
            };
            s.per_pressure[pressure].plus(&one);
            s.per_facet[facet].plus(&one);
            for (_, sums) in s.per_goal.iter_mut().filter(|(g, _)| i.goals.contains(g)) {
                sums.plus(&one);
            }
            let due = due(b, today);
            figures.benefits.overdue += usize::from(due.is_overdue());
            s.due_soon += usize::from(matches!(due, Due::Ahead(d) if d <= DUE_SOON_DAYS));
            if b.owner.trim().is_empty() {
                s.without_owner.push((i.id, b.id));
            }
        }
        s.benefits.plus(&figures.benefits);
        figures.payback_years = payback_years(i, figures.benefits.sums.money_planned);
        if figures.benefits.count > 0 || figures.costs.investment.is_some() || figures.costs.yearly.is_some()
        {
            s.initiatives.push(figures);
        }
    }
    s
}

/// Something in a benefit `fasett check` warns about: the file is valid, but a figure cannot
/// mean what it says.
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// A reading dated before the baseline was measured.
    MeasurementBeforeBaseline { measurement: usize, date: Date, baseline: Date },
    /// A reading dated after today.
    FutureMeasurement { measurement: usize, date: Date },
    /// Nothing to realise, so no realisation can be computed.
    TargetEqualsBaseline,
    /// The target date lies before the baseline's.
    TargetBeforeBaseline,
    /// The baseline and the target (or the benefit) name different units.
    UnitMismatch { baseline: String, target: String },
    /// A value beyond what fasett accepts when typed ([`crate::i18n::MAX_VALUE`]).
    Huge { value: f64 },
}

/// A warning about one benefit, with where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// `initiatives[3].benefits[0]`, in the order the portfolio holds them.
    pub path: String,
    pub initiative: Id,
    pub benefit: Id,
    pub title: String,
    pub warning: Warning,
}

impl Found {
    /// The warning in words: where, which benefit, what is wrong.
    pub fn text(&self, lang: Lang) -> String {
        let what = match &self.warning {
            Warning::MeasurementBeforeBaseline { measurement, date, baseline } => lang.tf(
                "check.warn_before_baseline",
                &[("measurement", measurement), ("date", date), ("baseline", baseline)],
            ),
            Warning::FutureMeasurement { measurement, date } => {
                lang.tf("check.warn_future", &[("measurement", measurement), ("date", date)])
            }
            Warning::TargetEqualsBaseline => lang.t("check.warn_target_equals_baseline").to_owned(),
            Warning::TargetBeforeBaseline => lang.t("check.warn_target_before_baseline").to_owned(),
            Warning::UnitMismatch { baseline, target } => {
                lang.tf("check.warn_unit_mismatch", &[("baseline", baseline), ("target", target)])
            }
            Warning::Huge { value } => lang.tf("check.warn_huge", &[("value", &lang.amount(*value))]),
        };
        lang.tf(
            "check.warning",
            &[
                ("path", &self.path),
                ("id", &self.benefit),
                ("initiative", &self.initiative),
                ("title", &self.title),
                ("what", &what),
            ],
        )
    }
}

/// Every warning about the portfolio's benefits.
pub fn warnings(p: &Portfolio, today: Date) -> Vec<Found> {
    let mut out = Vec::new();
    for (ix, i) in p.initiatives.iter().enumerate() {
        for (bx, b) in i.benefits.iter().enumerate() {
            let mut found = |warning| {
                out.push(Found {
                    path: format!("initiatives[{ix}].benefits[{bx}]"),
                    initiative: i.id,
                    benefit: b.id,
                    title: b.title.clone(),
                    warning,
                });
            };
            for (mx, m) in b.measurements.iter().enumerate() {
                if let Some(baseline) = b.baseline.date.filter(|d| m.date < *d) {
                    found(Warning::MeasurementBeforeBaseline { measurement: mx, date: m.date, baseline });
                }
                if m.date > today {
                    found(Warning::FutureMeasurement { measurement: mx, date: m.date });
                }
            }
            if let (Some(from), Some(to)) = (b.baseline.value, b.target.value)
                && same_value(from, to)
            {
                found(Warning::TargetEqualsBaseline);
            }
            if let (Some(from), Some(to)) = (b.baseline.date, b.target.date)
                && to < from
            {
                found(Warning::TargetBeforeBaseline);
            }
            let unit_of = |extra: &crate::model::extras::Extra| {
                extra.get("unit").and_then(|u| u.as_str()).map(|u| u.trim().to_owned())
            };
            let (from, to) = (unit_of(&b.baseline.extra), unit_of(&b.target.extra));
            let own = Some(b.unit.trim().to_owned()).filter(|u| !u.is_empty());
            let from_unit = from.clone().or_else(|| own.clone());
            let to_unit = to.clone().or_else(|| own.clone());
            if (from.is_some() || to.is_some())
                && let (Some(a), Some(z)) = (from_unit, to_unit)
                && crate::text::fold(&a) != crate::text::fold(&z)
            {
                found(Warning::UnitMismatch { baseline: a, target: z });
            }
            let values =
                [b.baseline.value, b.target.value].into_iter().chain(b.measurements.iter().map(|m| m.value));
            if let Some(value) = values.flatten().find(|v| v.abs() > crate::i18n::MAX_VALUE) {
                found(Warning::Huge { value });
            }
        }
    }
    out
}

// The figures in these tests are exact by construction.
#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;
    use crate::model::Point;
    use jiff::civil::date;

    fn reading(y: i16, m: i8, value: f64) -> Measurement {
        Measurement {
            id: 0,
            date: date(y, m, 1),
            value: Some(value),
            note: String::new(),
            extra: crate::model::extras::Extra::default(),
        }
    }

    fn benefit(kind: BenefitKind, from: f64, to: f64, target: Date, readings: Vec<Measurement>) -> Benefit {
        Benefit {
            kind,
            baseline: Point { value: Some(from), date: Some(date(2025, 1, 1)), ..Point::default() },
            target: Point { value: Some(to), date: Some(target), ..Point::default() },
            measurements: readings,
            ..Benefit::default()
        }
    }

    #[test]
    fn a_saving_written_either_way_plans_the_same_gain() {
        // A cost falling from 2 000 000 to 1 600 000, or a negative saving from 0 to -400 000:
        // baseline, target and the reading halfway.
        for (from, to, halfway) in [(2_000_000.0, 1_600_000.0, 1_800_000.0), (0.0, -400_000.0, -200_000.0)] {
            let b =
                benefit(BenefitKind::Money, from, to, date(2026, 12, 31), vec![reading(2026, 6, halfway)]);
            assert_eq!(planned(&b), Some(400_000.0));
            assert_eq!(realised(&b), Some(200_000.0));
            assert_eq!(realisation(&b), Some(50.0));
        }
    }

    #[test]
    fn no_target_or_a_target_equal_to_the_baseline_has_no_realisation() {
        let mut b = benefit(BenefitKind::Time, 10.0, 10.0, date(2026, 1, 1), vec![reading(2026, 2, 12.0)]);
        assert_eq!((planned(&b), realised(&b), realisation(&b)), (None, None, None));
        b.target.value = None;
        assert_eq!(realisation(&b), None);
        assert_eq!(Sums::of([&b], &TimeUnit::default()), Sums::default(), "nothing summed, nothing divided");
    }

    #[test]
    fn realisation_is_exact_and_clamped_only_for_display() {
        let over = benefit(BenefitKind::Money, 0.0, 100.0, date(2026, 1, 1), vec![reading(2026, 2, 130.0)]);
        assert_eq!(realisation(&over), Some(130.0));
        assert_eq!(clamp_bar(130.0), 100.0);
        let wrong_way =
            benefit(BenefitKind::Money, 0.0, 100.0, date(2026, 1, 1), vec![reading(2026, 2, -50.0)]);
        assert_eq!(realisation(&wrong_way), Some(-50.0));
        assert_eq!(clamp_bar(-50.0), 0.0);
        assert_eq!(clamp_shown(123_456.0), 999.0);
    }

    #[test]
    fn overdue_means_the_target_date_passed_without_a_reading_at_or_after_it() {
        let today = date(2026, 11, 25);
        let mut b = benefit(BenefitKind::Money, 0.0, 1.0, date(2026, 10, 1), vec![reading(2026, 9, 0.5)]);
        assert_eq!(due(&b, today), Due::Overdue(55));
        b.measurements.push(reading(2026, 10, 1.0));
        assert_eq!(due(&b, today), Due::Measured, "a reading on the target date counts");
        b.target.date = Some(date(2026, 12, 5));
        assert_eq!(due(&b, today), Due::Ahead(10));
        assert!(due(&b, today).needs_follow_up());
        b.target.date = None;
        assert_eq!(due(&b, today), Due::Undated);
    }

    #[test]
    fn the_trend_follows_the_last_two_readings_towards_the_target() {
        let unsorted = vec![reading(2026, 3, 90.0), reading(2026, 1, 95.0), reading(2026, 6, 80.0)];
        let falling = benefit(BenefitKind::Money, 100.0, 50.0, date(2027, 1, 1), unsorted);
        assert_eq!(trend(&falling), Some(Trend::Better), "lower is better here, readings sorted by date");
        let one = benefit(BenefitKind::Money, 100.0, 50.0, date(2027, 1, 1), vec![reading(2026, 3, 90.0)]);
        assert_eq!(trend(&one), None);
    }

    #[test]
    fn the_timeline_accumulates_month_by_month() {
        let a_readings = vec![reading(2025, 6, 40.0), reading(2026, 3, 90.0)];
        let a = benefit(BenefitKind::Money, 0.0, 100.0, date(2025, 12, 31), a_readings);
        let t = benefit(BenefitKind::Time, 50.0, 30.0, date(2026, 6, 30), vec![reading(2026, 1, 40.0)]);
        let q = benefit(BenefitKind::Quality, 1.0, 2.0, date(2030, 1, 1), vec![]);
        let line = timeline([&a, &t, &q], &TimeUnit::default());
        assert_eq!(line.start, (2025, 6), "quality benefits do not stretch the timeline");
        let years = line.years();
        assert_eq!(years.iter().map(|(y, _)| *y).collect::<Vec<_>>(), [2025, 2026]);
        assert_eq!((years[0].1.money_planned, years[0].1.money_realised), (100.0, 40.0));
        assert_eq!((years[1].1.money_planned, years[1].1.money_realised), (100.0, 90.0));
        assert_eq!((years[1].1.time_planned, years[1].1.time_realised), (20.0, 10.0));
        assert_eq!(timeline(std::iter::empty::<&Benefit>(), &TimeUnit::default()), Timeline::default());
    }

    /// Trial 9: hours and FTE were added into one figure labelled with the first unit met.
    #[test]
    fn time_in_different_units_is_never_added_together() {
        let unit = |u: &str, from: f64, to: f64, now: f64| Benefit {
            unit: u.into(),
            ..benefit(BenefitKind::Time, from, to, date(2026, 12, 31), vec![reading(2026, 6, now)])
        };
        let fte = Benefit { id: 3, ..unit("FTE", 0.0, 1.5, 0.5) };
        let hours = Benefit { id: 2, ..unit("timer/år", 0.0, 1200.0, 500.0) };
        let more_hours = Benefit { id: 4, ..unit(" Timer / år ", 0.0, 100.0, 0.0) };
        let unnamed = unit("", 0.0, 10.0, 10.0);
        let units = time_units([&fte, &hours, &more_hours, &unnamed]);
        assert_eq!(units.headline.shown, "timer/år", "most benefits name it; case and spaces do not count");
        assert_eq!(
            units.apart,
            [Apart { unit: "FTE".into(), count: 1, planned: 1.5, realised: 0.5 }],
            "the other unit is summed apart"
        );
        let sums = Sums::of([&fte, &hours, &more_hours, &unnamed], &units.headline);
        assert_eq!(
            (sums.time_planned, sums.time_realised),
            (1310.0, 510.0),
            "no unit counts in the headline"
        );
        let line = timeline([&fte, &hours], &units.headline);
        assert_eq!(line.years().last().map(|(_, s)| s.time_planned), Some(1200.0));
        // On a tie the unit stated first leads, wherever its initiative is.
        assert_eq!(time_units([&fte, &hours]).headline.shown, "timer/år");
        assert_eq!(apart_text(Lang::En, &units, false).as_deref(), Some("1 benefit in FTE not added"));
        let days = Benefit { id: 5, ..unit("dagar", 0.0, 3.0, 1.0) };
        let several = time_units([&fte, &hours, &more_hours, &days]);
        assert_eq!(
            apart_text(Lang::En, &several, false).as_deref(),
            Some("2 benefits in other units (FTE, dagar) not added")
        );
        assert_eq!(apart_text(Lang::Sv, &several, true).as_deref(), Some("2 i andra enheter för sig"));
    }

    #[test]
    fn payback_weighs_the_investment_against_the_yearly_gain_less_running_costs() {
        let mut i = Initiative::default();
        assert_eq!(payback_years(&i, 100.0), None);
        i.costs = Some(Box::new(crate::model::Costs {
            investment: Some(300.0),
            yearly: Some(50.0),
            ..Default::default()
        }));
        assert_eq!(payback_years(&i, 150.0), Some(3.0));
        assert_eq!(payback_years(&i, 50.0), None, "never paid back");
    }
}
