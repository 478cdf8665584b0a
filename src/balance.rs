//! The portfolio's balance (docs/domain.md §3): how the active initiatives spread over the four
//! facets, optionally weighted by priority; the OPSI-style tendency in words; the facets where
//! new initiatives are needed; and a stage and track breakdown per grid cell.
//!
//! The one strength rule ([`RULE`]): a facet is strong when it holds at least half as many
//! active initiatives as the largest facet *and* at least [`STRONG_SHARE`] % of all active
//! initiatives, mixed and unplaced counted in the whole; below [`MIN_ACTIVE`] active
//! initiatives, or when most are not placed yet, no tendency is named at all.
//!
//! A [`Balance`] is built in one pass over the initiatives (see `App::refresh_grid`) and only
//! read afterwards, so drawing a frame never walks the portfolio. It is the one place these
//! numbers are computed: the Portfolio grid, the Overview, the report and the Culture pane's
//! mix of initiatives all read their counts, shares and tendency from here.

use crate::i18n::Lang;
use crate::model::{Facet, Initiative, Stage, Track};

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
/// balance was counted with other weights, see [`Balance::count`]).
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
        if i.is_active() {
            self.count(i.facet, i.stage, i.track, u64::from(i.priority.weight()));
        }
    }

    /// Counts one active initiative of `facet`, `stage` and `track`, with `weight` (the grid
    /// counts from its compact rows, `filter::Row`, without the record).
    pub fn count(&mut self, facet: Facet, stage: Stage, track: Option<Track>, weight: u64) {
        let cell = cell_of(facet);
        self.counts[cell] += 1;
        self.mixed += usize::from(facet == Facet::Mixed);
        self.weights[cell] = self.weights[cell].saturating_add(weight);
        let b = &mut self.breakdown[cell];
        b.stages[usize::from(stage.number().saturating_sub(1)).min(5)] += 1;
        b.tracks[match track {
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

    /// Active initiatives not placed yet (the strip's count less the mixed ones).
    pub fn unplaced(&self) -> usize {
        self.counts[STRIP] - self.mixed
    }

    /// Per facet (grid order): meets the strength rule ([`RULE`]), whatever the tendency.
    fn meets_rule(&self, weighted: bool) -> [bool; 4] {
        let values = self.values(weighted);
        let whole: u64 = values.iter().sum();
        let largest = values[..4].iter().copied().max().unwrap_or(0);
        std::array::from_fn(|f| {
            values[f] > 0 && values[f] * 2 >= largest && values[f] * 100 >= STRONG_SHARE * whole
        })
    }

    /// Per facet (grid order): strong in the named tendency; none when no tendency is named.
    pub fn strong(&self, weighted: bool) -> [bool; 4] {
        let strong = self.tendency(weighted).strong();
        Facet::GRID.map(|f| strong.contains(&f))
    }

    /// Per facet: where new initiatives are needed — the weak facets when a tendency is named,
    /// else (too few, or most not placed yet) only the empty ones. Counted, never weighted:
    /// what initiatives weigh does not say how many a facet has.
    pub fn needs_new(&self) -> [bool; 4] {
        let tendency = self.tendency(false);
        if tendency.is_named() {
            self.strong(false).map(|s| !s)
        } else {
            std::array::from_fn(|f| self.counts[f] == 0)
        }
    }

    /// The portfolio's tendency by the one rule ([`RULE`]): none for fewer than
    /// [`MIN_ACTIVE`] active initiatives or when most are not placed yet, else the pattern of
    /// strong facets, named in order of their counts.
    pub fn tendency(&self, weighted: bool) -> Tendency {
        let active = self.total();
        if active < MIN_ACTIVE {
            return Tendency::TooFew;
        }
        let unplaced = self.unplaced();
        if unplaced * 2 > active {
            return Tendency::MostlyUnplaced { unplaced, active };
        }
        let values = self.values(weighted);
        Tendency::ranked(std::array::from_fn(|f| values[f] as f64), self.meets_rule(weighted))
    }
}

/// Fewer active initiatives than this and no tendency is named: a handful is neither balanced
/// nor unbalanced.
pub const MIN_ACTIVE: usize = 6;

/// A strong facet holds at least this percentage of all active initiatives, placed or not.
pub const STRONG_SHARE: u64 = 15;

/// The strength rule in one sentence, for the help and the report (the catalog key; its
/// placeholders are filled by [`rule`]).
pub const RULE: &str = "balance.rule";

/// [`RULE`] in `lang`, with its numbers.
pub fn rule(lang: Lang) -> String {
    lang.tf(RULE, &[("share", &STRONG_SHARE), ("min", &MIN_ACTIVE)])
}

/// What the portfolio (or a checklist's answers) leans to, named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tendency {
    /// Fewer than [`MIN_ACTIVE`] active initiatives: no tendency is named.
    TooFew,
    /// More than half of the active initiatives are not placed yet: no tendency is named.
    MostlyUnplaced { unplaced: usize, active: usize },
    /// No facet is strong.
    WeakInAll,
    /// Every facet is strong.
    Balanced,
    /// One facet is strong; the weak ones follow, most first.
    Primarily { facet: Facet, weak: Vec<Facet> },
    /// Two or three facets are strong; both lists are ordered most first.
    Leaning { strong: Vec<Facet>, weak: Vec<Facet> },
}

impl Tendency {
    /// The pattern of strong facets (grid order) with each facet's count, score or weight:
    /// strong and weak facets are both named from the largest value down, ties in grid
    /// order. The one naming rule for the portfolio, the overview, the report and checklist
    /// results.
    pub fn ranked(values: [f64; 4], strong: [bool; 4]) -> Tendency {
        let mut order: Vec<usize> = (0..4).collect();
        order.sort_by(|a, b| values[*b].total_cmp(&values[*a]));
        let pick = |want: bool| -> Vec<Facet> {
            order.iter().filter(|f| strong[**f] == want).map(|f| Facet::GRID[*f]).collect()
        };
        let (strong, weak) = (pick(true), pick(false));
        match strong.as_slice() {
            [] => Tendency::WeakInAll,
            [only] => Tendency::Primarily { facet: *only, weak },
            _ if weak.is_empty() => Tendency::Balanced,
            _ => Tendency::Leaning { strong, weak },
        }
    }

    /// A tendency is named (not too few, not mostly unplaced).
    pub fn is_named(&self) -> bool {
        !matches!(self, Tendency::TooFew | Tendency::MostlyUnplaced { .. })
    }

    /// The strong facets, most first (grid order when balanced).
    pub fn strong(&self) -> Vec<Facet> {
        match self {
            Tendency::Balanced => Facet::GRID.to_vec(),
            Tendency::Primarily { facet, .. } => vec![*facet],
            Tendency::Leaning { strong, .. } => strong.clone(),
            Tendency::TooFew | Tendency::MostlyUnplaced { .. } | Tendency::WeakInAll => Vec::new(),
        }
    }

    /// A fixed name for scripts: `too_few`, `mostly_unplaced`, `weak_in_all`, `balanced`,
    /// `primarily`, `leaning`.
    pub fn key(&self) -> &'static str {
        match self {
            Tendency::TooFew => "too_few",
            Tendency::MostlyUnplaced { .. } => "mostly_unplaced",
            Tendency::WeakInAll => "weak_in_all",
            Tendency::Balanced => "balanced",
            Tendency::Primarily { .. } => "primarily",
            Tendency::Leaning { .. } => "leaning",
        }
    }

    /// The tendency in words: "primarily mission-oriented; weak in adaptive, …".
    pub fn words(&self, lang: Lang) -> String {
        let names = |facets: &[Facet]| names(lang, facets);
        match self {
            Tendency::TooFew => lang.t("balance.too_few").to_owned(),
            Tendency::MostlyUnplaced { unplaced, active } => {
                lang.tf("balance.mostly_unplaced", &[("unplaced", unplaced), ("active", active)])
            }
            Tendency::WeakInAll => lang.t("balance.weak_in_all").to_owned(),
            Tendency::Balanced => lang.t("balance.balanced").to_owned(),
            Tendency::Primarily { facet, weak } => {
                lang.tf("balance.primarily", &[("facet", &names(&[*facet])), ("weak", &names(weak))])
            }
            Tendency::Leaning { strong, weak } => {
                lang.tf("balance.leaning", &[("strong", &names(strong)), ("weak", &names(weak))])
            }
        }
    }

    /// The words without the weak facets ("mostly mission-oriented and adaptive"), for a line
    /// too narrow for all of them; the same as [`Self::words`] where nothing can be left out.
    pub fn short_words(&self, lang: Lang) -> String {
        match self {
            Tendency::Primarily { facet, .. } => {
                lang.tf("balance.primarily_short", &[("facet", &names(lang, &[*facet]))])
            }
            Tendency::Leaning { strong, .. } => {
                lang.tf("balance.leaning_short", &[("strong", &names(lang, strong))])
            }
            other => other.words(lang),
        }
    }
}

/// "mission-oriented", "a and b", "a, b and c".
fn names(lang: Lang, facets: &[Facet]) -> String {
    let names: Vec<&str> = facets.iter().map(|f| lang.t(&format!("balance.facet.{}", f.key()))).collect();
    join(lang, &names)
}

/// "a", "a and b", "a, b and c".
pub fn join(lang: Lang, items: &[&str]) -> String {
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

    /// Each initiative twice: the same shares, and enough to name a tendency.
    fn twice(initiatives: &[Initiative]) -> Vec<Initiative> {
        initiatives.iter().chain(initiatives).cloned().collect()
    }

    #[test]
    fn weighted_shares_follow_priority() {
        let all = twice(&[
            initiative(Facet::MissionOriented, Priority::High),
            initiative(Facet::Anticipatory, Priority::Low),
            initiative(Facet::Anticipatory, Priority::Low),
            initiative(Facet::Mixed, Priority::Medium),
        ]);
        let b = Balance::of(&all);
        assert_eq!(b.shares(false), [25, 50, 0, 0, 25]);
        assert_eq!(b.weights, [6, 4, 0, 0, 4]);
        assert_eq!(b.shares(true), [43, 29, 0, 0, 29]);
        // Weighting can change which facets are strong.
        assert_eq!(b.strong(false), [true, true, false, false]);
        assert_eq!(b.strong(true), [true, true, false, false]);
        let b = Balance::of(&twice(&[
            initiative(Facet::MissionOriented, Priority::High),
            initiative(Facet::MissionOriented, Priority::High),
            initiative(Facet::Adaptive, Priority::Low),
        ]));
        assert_eq!(b.strong(false), [true, false, false, true]);
        assert_eq!(b.strong(true), [true, false, false, false]);
    }

    #[test]
    fn an_empty_portfolio_has_no_shares_and_needs_everything() {
        let b = Balance::default();
        assert_eq!(b.shares(false), [0; 5]);
        assert_eq!(b.shares(true), [0; 5]);
        assert_eq!(b.needs_new(), [true; 4]);
        assert_eq!(b.tendency(false), Tendency::TooFew);
        // Only the strip has initiatives: the grid is still weak in all.
        assert_eq!(balance([0, 0, 0, 0, 6]).tendency(false), Tendency::WeakInAll);
    }

    #[test]
    fn strong_means_at_least_half_the_strongest() {
        assert_eq!(balance([4, 2, 1, 0, 3]).strong(false), [true, true, false, false]);
        assert_eq!(balance([4, 2, 1, 0, 3]).needs_new(), [false, false, true, true]);
    }

    /// `balance` with the strip's initiatives unplaced instead of mixed.
    fn with_unplaced(per_facet: [usize; 4], unplaced: usize) -> Balance {
        let mut all = Vec::new();
        for (facet, n) in Facet::GRID.iter().zip(per_facet) {
            all.extend(std::iter::repeat_n(initiative(*facet, Priority::Medium), n));
        }
        all.extend(std::iter::repeat_n(initiative(Facet::Unplaced, Priority::Medium), unplaced));
        Balance::of(&all)
    }

    #[test]
    fn one_per_facet_and_eight_unplaced_is_not_balanced() {
        let b = with_unplaced([1, 1, 1, 1], 8);
        assert_eq!(b.tendency(false), Tendency::MostlyUnplaced { unplaced: 8, active: 12 });
        assert_eq!(b.strong(false), [false; 4], "no facet is called strong");
        assert_eq!(b.needs_new(), [false; 4], "placing comes first, not new initiatives");
        let words = b.tendency(false).words(Lang::En);
        assert_eq!(words, "8 of 12 active initiatives are not placed yet, so no tendency is named");
        assert!(!words.contains("balanced") && !words.contains("strong"));
    }

    #[test]
    fn one_per_facet_and_eight_mixed_is_weak_in_all() {
        // Mixed initiatives are placed, between facets; they count in the whole.
        let b = balance([1, 1, 1, 1, 8]);
        assert_eq!(b.tendency(false), Tendency::WeakInAll);
        assert_eq!(b.strong(false), [false; 4]);
        assert_eq!(b.needs_new(), [true; 4]);
    }

    #[test]
    fn two_per_facet_and_seven_unplaced_is_weak_in_all_as_each_has_under_fifteen_percent() {
        // Each facet has as many as the largest, but 2 of 15 is 13 %.
        let b = with_unplaced([2, 2, 2, 2], 7);
        assert_eq!(b.tendency(false), Tendency::WeakInAll);
        assert_eq!(with_unplaced([3, 3, 3, 3], 7).tendency(false), Tendency::Balanced, "3 of 19 is 16 %");
    }

    #[test]
    fn four_enhancement_two_anticipatory_names_enhancement_first() {
        let b = balance([0, 2, 4, 0, 0]);
        assert_eq!(
            b.tendency(false),
            Tendency::Leaning {
                strong: vec![Facet::EnhancementOriented, Facet::Anticipatory],
                weak: vec![Facet::MissionOriented, Facet::Adaptive],
            }
        );
        assert_eq!(
            b.tendency(false).words(Lang::En),
            "mostly enhancement-oriented and anticipatory; weak in mission-oriented and adaptive"
        );
        assert_eq!(b.tendency(false).short_words(Lang::En), "mostly enhancement-oriented and anticipatory");
    }

    #[test]
    fn three_initiatives_are_too_few() {
        let b = balance([1, 1, 1, 0, 0]);
        assert_eq!(b.tendency(false), Tendency::TooFew);
        assert_eq!(b.strong(false), [false; 4]);
        assert_eq!(b.needs_new(), [false, false, false, true], "only the empty facet");
        assert_eq!(b.tendency(false).words(Lang::En), "too few active initiatives to speak of a balance");
    }

    #[test]
    fn five_initiatives_are_too_few_and_six_are_enough() {
        assert_eq!(balance([2, 1, 1, 1, 0]).tendency(false), Tendency::TooFew);
        assert_eq!(balance([2, 2, 1, 1, 0]).tendency(false), Tendency::Balanced);
    }

    #[test]
    fn six_unplaced_of_twelve_is_not_most_and_seven_is() {
        assert!(with_unplaced([3, 1, 1, 1], 6).tendency(false).is_named());
        assert_eq!(
            with_unplaced([2, 1, 1, 1], 7).tendency(false),
            Tendency::MostlyUnplaced { unplaced: 7, active: 12 }
        );
    }

    #[test]
    fn the_rule_in_one_sentence_has_its_numbers() {
        let rule = rule(Lang::En);
        assert!(rule.contains("15%") && rule.contains(" 6 "), "{rule}");
        assert_eq!(rule.matches(". ").count(), 0, "one sentence: {rule}");
        for lang in [Lang::Sv, Lang::Da, Lang::Nb] {
            assert!(super::rule(lang).contains("15"), "{lang:?}");
        }
    }

    #[test]
    fn tendency_words_for_each_pattern() {
        let en = Lang::En;
        assert_eq!(balance([0, 0, 0, 0, 6]).tendency(false).words(en), "weak in all four facets");
        assert_eq!(balance([3, 2, 2, 3, 1]).tendency(false), Tendency::Balanced);
        assert_eq!(balance([3, 2, 2, 3, 1]).tendency(false).words(en), "balanced: strong in all four facets");
        assert_eq!(
            balance([5, 1, 0, 2, 0]).tendency(false),
            Tendency::Primarily {
                facet: Facet::MissionOriented,
                weak: vec![Facet::Adaptive, Facet::Anticipatory, Facet::EnhancementOriented]
            }
        );
        assert_eq!(
            balance([5, 1, 0, 2, 0]).tendency(false).words(en),
            "primarily mission-oriented; weak in adaptive, anticipatory and enhancement-oriented"
        );
        assert_eq!(
            balance([4, 1, 3, 0, 0]).tendency(false).words(en),
            "mostly mission-oriented and enhancement-oriented; weak in anticipatory and adaptive"
        );
        assert_eq!(
            balance([4, 2, 3, 1, 0]).tendency(false).words(en),
            "mostly mission-oriented, enhancement-oriented and anticipatory; weak in adaptive"
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
