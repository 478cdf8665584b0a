//! The portfolio's balance (docs/domain.md §3): how the active initiatives spread over the four
//! facets, optionally weighted by priority; the OPSI-style tendency in words; the facets where
//! new initiatives are needed; and a stage and track breakdown per grid cell.
//!
//! A [`Balance`] is built in one pass over the initiatives (see `App::refresh_grid`) and only
//! read afterwards, so drawing a frame never walks the portfolio. It is the one place these
//! numbers are computed: the Portfolio grid, the Overview, the report and the Culture pane's
//! mix of initiatives all read their counts, shares and tendency from here.

use crate::i18n::Lang;
use crate::model::{Facet, Initiative, Track};

/// Cells counted: the four facets in grid order, then the strip (mixed and unplaced).
pub const CELLS: usize = 5;
/// The strip's index in the per-cell arrays.
pub const STRIP: usize = 4;

/// Which cell an initiative of `facet` sits in.
pub fn cell_of(facet: Facet) -> usize {
    Facet::GRID.iter().position(|f| *f == facet).unwrap_or(STRIP)
}

/// `part` as a share of `whole`, in percent (0 when `whole` is 0): the one share formula.
pub fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 { 0.0 } else { part as f64 * 100.0 / whole as f64 }
}

/// [`percent`] rounded to a whole percent, halves up: what every view shows.
pub fn whole_percent(part: u64, whole: u64) -> u64 {
    percent(part, whole).round() as u64
}

/// Active initiatives of one cell by lifecycle stage and by track.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Breakdown {
    /// In `Stage::ALL` order.
    pub stages: [usize; 6],
    /// Local, radical, not set.
    pub tracks: [usize; 3],
}

/// Counts of active initiatives per cell, plain and weighted (by priority, unless the
/// balance was counted with other weights, see [`Balance::add_weighted`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Balance {
    pub counts: [usize; CELLS],
    /// Of the strip's count, the mixed initiatives (the rest are unplaced).
    pub mixed: usize,
    pub weights: [u64; CELLS],
    pub breakdown: [Breakdown; CELLS],
}

impl Balance {
    /// Counts `initiatives` that are active (see [`Initiative::is_active`]).
    pub fn of<'a>(initiatives: impl IntoIterator<Item = &'a Initiative>) -> Self {
        let mut balance = Balance::default();
        for i in initiatives {
            balance.add(i);
        }
        balance
    }

    /// Counts one initiative if it is active, weighted by its priority.
    pub fn add(&mut self, i: &Initiative) {
        self.add_weighted(i, u64::from(i.priority.weight()));
    }

    /// Counts one initiative if it is active, with `weight` as its weight (the grid's `w`
    /// also weights by the money an initiative is expected to bring).
    pub fn add_weighted(&mut self, i: &Initiative, weight: u64) {
        if !i.is_active() {
            return;
        }
        let cell = cell_of(i.facet);
        self.counts[cell] += 1;
        self.mixed += usize::from(i.facet == Facet::Mixed);
        self.weights[cell] = self.weights[cell].saturating_add(weight);
        let b = &mut self.breakdown[cell];
        b.stages[usize::from(i.stage.number().saturating_sub(1)).min(5)] += 1;
        b.tracks[match i.track {
            Some(Track::Local) => 0,
            Some(Track::Radical) => 1,
            None => 2,
        }] += 1;
    }

    /// Active initiatives in all cells.
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    /// Per cell: the count, or the sum of priority weights.
    pub fn values(&self, weighted: bool) -> [u64; CELLS] {
        if weighted { self.weights } else { self.counts.map(|c| c as u64) }
    }

    /// Each cell's share of all active initiatives, in whole percent (rounded).
    pub fn shares(&self, weighted: bool) -> [u64; CELLS] {
        let values = self.values(weighted);
        let total: u64 = values.iter().sum();
        values.map(|v| whole_percent(v, total))
    }

    /// Active initiatives per lifecycle stage over all cells, in `Stage::ALL` order.
    pub fn stages(&self) -> [usize; 6] {
        std::array::from_fn(|s| self.breakdown.iter().map(|b| b.stages[s]).sum())
    }

    /// Active initiatives per track over all cells: local, radical, not set.
    pub fn tracks(&self) -> [usize; 3] {
        std::array::from_fn(|t| self.breakdown.iter().map(|b| b.tracks[t]).sum())
    }

    /// Per facet (grid order): at or above half the strongest facet (docs/domain.md §3).
    pub fn strong(&self, weighted: bool) -> [bool; 4] {
        let values = self.values(weighted);
        let max = values[..4].iter().copied().max().unwrap_or(0);
        std::array::from_fn(|f| max > 0 && values[f] * 2 >= max)
    }

    /// Per facet: empty or thin (below half the strongest), so new initiatives are needed.
    pub fn needs_new(&self, weighted: bool) -> [bool; 4] {
        self.strong(weighted).map(|s| !s)
    }

    pub fn tendency(&self, weighted: bool) -> Tendency {
        let strong: Vec<Facet> =
            Facet::GRID.iter().zip(self.strong(weighted)).filter(|(_, s)| *s).map(|(f, _)| *f).collect();
        Tendency::from_strong(&strong)
    }
}

/// The on/off pattern of the four facets, named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tendency {
    /// No active initiative on the grid.
    WeakInAll,
    /// Every facet is strong.
    Balanced,
    /// One facet is strong, the other three weak.
    Primarily(Facet),
    /// Two or three facets are strong.
    Leaning { strong: Vec<Facet>, weak: Vec<Facet> },
}

impl Tendency {
    /// The tendency of a set of strong facets (any order); the other grid facets are weak.
    /// The one rule for the portfolio, the overview, the report and checklist results.
    pub fn from_strong(strong: &[Facet]) -> Tendency {
        let pick = |want: bool| -> Vec<Facet> {
            Facet::GRID.iter().copied().filter(|f| strong.contains(f) == want).collect()
        };
        let (strong, weak) = (pick(true), pick(false));
        match strong.as_slice() {
            [] => Tendency::WeakInAll,
            [only] => Tendency::Primarily(*only),
            _ if weak.is_empty() => Tendency::Balanced,
            _ => Tendency::Leaning { strong, weak },
        }
    }

    /// The tendency in words: "primarily mission-oriented; weak in anticipatory, …".
    pub fn words(&self, lang: Lang) -> String {
        let names = |facets: &[Facet]| {
            let names: Vec<&str> =
                facets.iter().map(|f| lang.t(&format!("balance.facet.{}", f.key()))).collect();
            join(lang, &names)
        };
        match self {
            Tendency::WeakInAll => lang.t("balance.weak_in_all").to_owned(),
            Tendency::Balanced => lang.t("balance.balanced").to_owned(),
            Tendency::Primarily(facet) => {
                let others: Vec<Facet> = Facet::GRID.into_iter().filter(|f| f != facet).collect();
                lang.tf("balance.primarily", &[("facet", &names(&[*facet])), ("weak", &names(&others))])
            }
            Tendency::Leaning { strong, weak } => {
                lang.tf("balance.leaning", &[("strong", &names(strong)), ("weak", &names(weak))])
            }
        }
    }
}

/// "a", "a and b", "a, b and c".
fn join(lang: Lang, items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{}{}{last}", rest.join(", "), lang.t("balance.and")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Priority, Stage, Status};

    fn initiative(facet: Facet, priority: Priority) -> Initiative {
        Initiative { facet, priority, ..Initiative::default() }
    }

    fn balance(per_facet: [usize; 5]) -> Balance {
        let mut all = Vec::new();
        for (cell, n) in per_facet.iter().enumerate() {
            let facet = Facet::GRID.get(cell).copied().unwrap_or(Facet::Mixed);
            all.extend(std::iter::repeat_n(initiative(facet, Priority::Medium), *n));
        }
        Balance::of(&all)
    }

    #[test]
    fn shares_count_only_active_initiatives_and_round() {
        let mut all = vec![
            initiative(Facet::MissionOriented, Priority::Medium),
            initiative(Facet::MissionOriented, Priority::Medium),
            initiative(Facet::Adaptive, Priority::Medium),
            initiative(Facet::Unplaced, Priority::Medium),
        ];
        all.push(Initiative { status: Status::Completed, ..initiative(Facet::Anticipatory, Priority::High) });
        all.push(Initiative { archived: true, ..initiative(Facet::Anticipatory, Priority::High) });
        let b = Balance::of(&all);
        assert_eq!(b.counts, [2, 0, 0, 1, 1]);
        assert_eq!(b.total(), 4);
        assert_eq!(b.shares(false), [50, 0, 0, 25, 25]);
        // Thirds round to the nearest percent.
        assert_eq!(balance([1, 1, 1, 0, 0]).shares(false), [33, 33, 33, 0, 0]);
        assert_eq!(balance([2, 1, 0, 0, 0]).shares(false), [67, 33, 0, 0, 0]);
        // An exact half rounds up, as it always has on the grid.
        assert_eq!(balance([1, 7, 0, 0, 0]).shares(false), [13, 88, 0, 0, 0]);
        assert!((percent(1, 8) - 12.5).abs() < 1e-9);
        assert_eq!((whole_percent(1, 8), whole_percent(0, 0), percent(3, 0)), (13, 0, 0.0));
    }

    #[test]
    fn weighted_shares_follow_priority() {
        let all = [
            initiative(Facet::MissionOriented, Priority::High),
            initiative(Facet::Anticipatory, Priority::Low),
            initiative(Facet::Anticipatory, Priority::Low),
            initiative(Facet::Mixed, Priority::Medium),
        ];
        let b = Balance::of(&all);
        assert_eq!(b.shares(false), [25, 50, 0, 0, 25]);
        assert_eq!(b.weights, [3, 2, 0, 0, 2]);
        assert_eq!(b.shares(true), [43, 29, 0, 0, 29]);
        // Weighting can change which facets are strong.
        assert_eq!(b.strong(false), [true, true, false, false]);
        assert_eq!(b.strong(true), [true, true, false, false]);
        let b = Balance::of(&[
            initiative(Facet::MissionOriented, Priority::High),
            initiative(Facet::MissionOriented, Priority::High),
            initiative(Facet::Adaptive, Priority::Low),
        ]);
        assert_eq!(b.strong(false), [true, false, false, true]);
        assert_eq!(b.strong(true), [true, false, false, false]);
    }

    #[test]
    fn an_empty_portfolio_has_no_shares_and_needs_everything() {
        let b = Balance::default();
        assert_eq!(b.shares(false), [0; 5]);
        assert_eq!(b.shares(true), [0; 5]);
        assert_eq!(b.needs_new(false), [true; 4]);
        // Only the strip has initiatives: the grid is still weak in all.
        assert_eq!(balance([0, 0, 0, 0, 3]).tendency(false), Tendency::WeakInAll);
    }

    #[test]
    fn strong_means_at_least_half_the_strongest() {
        assert_eq!(balance([4, 2, 1, 0, 9]).strong(false), [true, true, false, false]);
        assert_eq!(balance([4, 2, 1, 0, 9]).needs_new(false), [false, false, true, true]);
    }

    #[test]
    fn tendency_words_for_each_pattern() {
        let en = Lang::En;
        assert_eq!(balance([0, 0, 0, 0, 0]).tendency(false).words(en), "weak in all four facets");
        assert_eq!(balance([3, 2, 2, 3, 1]).tendency(false), Tendency::Balanced);
        assert_eq!(balance([3, 2, 2, 3, 1]).tendency(false).words(en), "balanced: strong in all four facets");
        assert_eq!(balance([5, 1, 0, 2, 0]).tendency(false), Tendency::Primarily(Facet::MissionOriented));
        assert_eq!(
            balance([5, 1, 0, 2, 0]).tendency(false).words(en),
            "primarily mission-oriented; weak in anticipatory, enhancement-oriented and adaptive"
        );
        assert_eq!(
            balance([4, 1, 3, 0, 0]).tendency(false).words(en),
            "mostly mission-oriented and enhancement-oriented; weak in anticipatory and adaptive"
        );
        assert_eq!(
            balance([4, 2, 3, 1, 0]).tendency(false).words(en),
            "mostly mission-oriented, anticipatory and enhancement-oriented; weak in adaptive"
        );
    }

    #[test]
    fn breakdown_counts_stages_and_tracks_per_cell() {
        let all = [
            Initiative { stage: Stage::Implementing, track: Some(Track::Radical), ..Initiative::default() },
            Initiative { stage: Stage::Implementing, track: Some(Track::Local), ..Initiative::default() },
            Initiative { stage: Stage::DiffusingLessons, ..Initiative::default() },
            Initiative { stage: Stage::Evaluating, status: Status::Paused, ..Initiative::default() },
        ];
        let b = Balance::of(&all);
        assert_eq!(b.breakdown[STRIP].stages, [0, 0, 0, 2, 0, 1]);
        assert_eq!(b.breakdown[STRIP].tracks, [1, 1, 1]);
        assert_eq!(b.breakdown[0], Breakdown::default());
        assert_eq!(b.stages(), [0, 0, 0, 2, 0, 1], "active only, over all cells");
        assert_eq!(b.tracks(), [1, 1, 1]);
        assert_eq!(b.mixed, 0, "the default facet is unplaced");
    }
}
