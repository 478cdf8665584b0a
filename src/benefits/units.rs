//! The units time benefits are written in: time is added up only within one unit (hours and
//! FTE are not one figure). The headline unit is the one most time benefits name; the others
//! are summed apart, per unit (see the parent module's notes).

use super::{planned, realised};
use crate::model::{Benefit, BenefitKind, Id};

/// A time unit as time benefits are compared by: folded, without spaces.
pub fn unit_key(unit: &str) -> String {
    crate::text::fold(unit).split_whitespace().collect()
}

/// The unit time is added up in: its key ([`unit_key`]) and how it is written (as the first
/// benefit naming it writes it). The default, with no key, takes only time benefits that
/// name no unit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimeUnit {
    pub key: String,
    pub shown: String,
}

impl TimeUnit {
    /// Whether `b`'s time is added in this unit: a time benefit in it, or naming none.
    pub fn takes(&self, b: &Benefit) -> bool {
        b.kind == BenefitKind::Time && self.fits(&b.unit)
    }

    /// Whether a unit as typed is this one (no unit is).
    pub fn fits(&self, unit: &str) -> bool {
        unit.trim().is_empty() || unit_key(unit) == self.key
    }
}

/// Time benefits in a unit other than the headline: counted and summed apart.
#[derive(Debug, Clone, PartialEq)]
pub struct Apart {
    /// The unit as the first benefit naming it writes it.
    pub unit: String,
    pub count: usize,
    pub planned: f64,
    pub realised: f64,
}

/// The units a set of time benefits is written in: the headline, which the sums are in, and
/// the others, each summed apart (most benefits first).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TimeUnits {
    pub headline: TimeUnit,
    pub apart: Vec<Apart>,
}

impl TimeUnits {
    /// Time benefits not added to the headline figure.
    pub fn apart_count(&self) -> usize {
        self.apart.iter().map(|a| a.count).sum()
    }
}

/// The units `benefits`' time is written in, each with its sums, the headline first (see the
/// module's notes); time benefits naming no unit are left out.
fn units_of<'a>(benefits: impl IntoIterator<Item = &'a Benefit>) -> Vec<(TimeUnit, Apart)> {
    struct Seen {
        key: String,
        /// As written by the benefit with the lowest number.
        shown: String,
        first: Id,
        count: usize,
        planned: f64,
        realised: f64,
    }
    let mut units: Vec<Seen> = Vec::new();
    for b in benefits.into_iter().filter(|b| b.kind == BenefitKind::Time && !b.unit.trim().is_empty()) {
        let key = unit_key(&b.unit);
        let (planned, realised) = (planned(b).unwrap_or(0.0), realised(b).unwrap_or(0.0));
        let shown = || crate::text::one_line(b.unit.trim()).into_owned();
        match units.iter_mut().find(|u| u.key == key) {
            Some(u) => {
                u.count += 1;
                u.planned += planned;
                u.realised += realised;
                if b.id < u.first {
                    (u.first, u.shown) = (b.id, shown());
                }
            }
            None => units.push(Seen { key, shown: shown(), first: b.id, count: 1, planned, realised }),
        }
    }
    units.sort_by_key(|u| (std::cmp::Reverse(u.count), u.first));
    units
        .into_iter()
        .map(|u| {
            let apart =
                Apart { unit: u.shown.clone(), count: u.count, planned: u.planned, realised: u.realised };
            (TimeUnit { key: u.key, shown: u.shown }, apart)
        })
        .collect()
}

/// The headline unit of `benefits` and the time summed apart in each other unit (see the
/// module's notes).
pub fn time_units<'a>(benefits: impl IntoIterator<Item = &'a Benefit>) -> TimeUnits {
    let mut units = units_of(benefits).into_iter();
    let Some((headline, _)) = units.next() else { return TimeUnits::default() };
    TimeUnits { headline, apart: units.map(|(_, apart)| apart).collect() }
}

/// `benefits`' time in units other than `headline`, summed per unit.
pub fn apart_from<'a>(benefits: impl IntoIterator<Item = &'a Benefit>, headline: &TimeUnit) -> Vec<Apart> {
    units_of(benefits.into_iter().filter(|b| !headline.takes(b)))
        .into_iter()
        .map(|(_, apart)| apart)
        .collect()
}
