//! Pure arithmetic on checklist runs: completion, means per dimension and in total with
//! reverse items flipped, facet percentages and the tendency they give (docs/domain.md §3), the
//! mix of initiatives to set beside it, and the change since an earlier run. What a group
//! said participant by participant — distributions, spread, disagreement, the gap between
//! perspectives — is in [`group`].
//!
//! One rule for a slot's value, everywhere: the group's agreed score where there is one, else
//! the mean of the participants' scores (and any show of hands). A score outside the
//! template's scale (a hand-edited file) counts as unanswered, and answers for items the
//! template does not have are ignored: nothing here panics on odd data.

pub mod group;

pub use crate::balance::Tendency;
use crate::balance::{Balance, STRIP};
use crate::model::{Assessment, Facet, Id, Portfolio, Scale, Template, TemplateItem};

/// One score to give in a run: an item, under a perspective where the template has them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot<'t> {
    pub item: &'t TemplateItem,
    pub perspective: Option<&'t str>,
}

/// Every slot of a template in rating order: dimensions in the template's order, items in
/// theirs, perspectives side by side.
pub fn slots(t: &Template) -> Vec<Slot<'_>> {
    let mut out = Vec::new();
    for item in items_in_order(t) {
        if t.perspectives.is_empty() {
            out.push(Slot { item, perspective: None });
        } else {
            out.extend(t.perspectives.iter().map(|p| Slot { item, perspective: Some(p.id.as_str()) }));
        }
    }
    out
}

/// The template's items grouped by dimension (dimension order first, then item order).
pub fn items_in_order(t: &Template) -> Vec<&TemplateItem> {
    t.dimensions.iter().flat_map(|d| t.items.iter().filter(move |i| i.dimension == d.id)).collect()
}

/// An item's name where a short one is wanted (results, the report, messages): the words
/// before its colon when the template writes every item as "Name: statement" in language
/// `lang` ("Testing: we try …" is "Testing"), else the whole statement. A statement that only
/// has a colon in the middle is never cut there, so every item of a template reads alike.
pub fn item_name(t: &Template, item: &TemplateItem, lang: &str) -> String {
    let named =
        |i: &TemplateItem| i.text.get(lang).split_once(':').is_some_and(|(head, _)| !head.trim().is_empty());
    let text = item.text.get(lang);
    let name = match text.split_once(':') {
        Some((head, _)) if t.items.iter().all(named) => head,
        _ => text,
    };
    crate::text::one_line(name.trim()).into_owned()
}

/// A score the scale allows, else `None`.
pub fn valid_score(scale: &Scale, score: Option<u8>) -> Option<u8> {
    score.filter(|s| (scale.min..=scale.max).contains(s))
}

/// The score as it counts: reverse items flipped within the scale (`min + max − score`).
pub fn effective(scale: &Scale, item: &TemplateItem, score: u8) -> u8 {
    if item.reverse { (scale.min + scale.max).saturating_sub(score) } else { score }
}

/// The counted value of every slot of a run, in [`slots`] order (reverse items flipped): the
/// agreed score where there is one, else the mean of the group's scores.
pub fn slot_values(t: &Template, a: &Assessment) -> Vec<Option<f64>> {
    group::group(t, a).iter().map(|g| g.value(&t.scale)).collect()
}

/// The counted value of one slot in a run (see [`slot_values`]), if it has one.
pub fn slot_score(t: &Template, a: &Assessment, slot: Slot<'_>) -> Option<f64> {
    let index = slots(t).iter().position(|s| *s == slot)?;
    slot_values(t, a).get(index).copied().flatten()
}

/// How much of a run is filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Completion {
    /// Slots with a valid score.
    pub answered: usize,
    /// All slots.
    pub total: usize,
    /// Slots of required items still without a score.
    pub missing_required: usize,
    /// Slots with a score the group agreed on (the rating view's own digits).
    pub agreed: usize,
    /// Some slot has the participants' own scores or a show of hands: agreeing is then a
    /// step of its own, counted apart from `answered`.
    pub grouped: bool,
}

impl Completion {
    /// Every required slot has a score (optional items may stay empty).
    pub fn is_complete(&self) -> bool {
        self.missing_required == 0
    }
}

pub fn completion(t: &Template, a: &Assessment) -> Completion {
    let groups = group::group(t, a);
    let values: Vec<Option<f64>> = groups.iter().map(|g| g.value(&t.scale)).collect();
    let answered = values.iter().filter(|v| v.is_some()).count();
    let missing_required =
        groups.iter().zip(&values).filter(|(g, v)| !g.slot.item.optional && v.is_none()).count();
    let agreed = groups.iter().filter(|g| g.agreed.is_some()).count();
    let grouped = groups.iter().any(|g| g.distribution.n() > 0);
    Completion { answered, total: groups.len(), missing_required, agreed, grouped }
}

/// The slots (indices into [`slots`]) without a score the group agreed on: where the rating
/// view's `Tab` goes next.
pub fn unagreed(t: &Template, a: &Assessment) -> Vec<bool> {
    group::group(t, a).iter().map(|g| g.agreed.is_none()).collect()
}

fn mean(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.into_iter().fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / f64::from(n))
}

/// A run's mean as every view shows it: [`Scores::total`] when the template is known; without
/// it there is no scale to check against, so the recorded agreed scores are taken as they
/// are (the participants' scores when there are none).
pub fn run_mean(t: Option<&Template>, a: &Assessment) -> Option<f64> {
    match t {
        Some(t) => scores(t, a).total,
        None => mean(a.answers.iter().filter_map(|x| x.score).map(f64::from))
            .or_else(|| mean(a.responses.iter().flat_map(|r| r.scores.values()).map(f64::from))),
    }
}

/// How many slots of a run have a value that counts ([`Completion::answered`]); without the
/// template, every recorded agreed score.
pub fn run_answered(t: Option<&Template>, a: &Assessment) -> usize {
    match t {
        Some(t) => completion(t, a).answered,
        None => a.answers.iter().filter(|x| x.score.is_some()).count(),
    }
}

/// A dimension's mean, over all perspectives and per perspective (template order), and how
/// much the group disagrees on its items ([`group::mean_spread`]).
#[derive(Debug, Clone, PartialEq)]
pub struct DimensionScore {
    pub id: String,
    pub mean: Option<f64>,
    pub by_perspective: Vec<Option<f64>>,
    pub spread: Option<f64>,
    /// Some of the dimension's slots have no score: `mean` is over the others only.
    pub partial: bool,
}

/// Means per dimension and in total; unanswered slots are left out. `spread` is the run's
/// [`group::mean_spread`], `None` without two scores in any slot; `answered` is
/// [`Completion::answered`] and `respondents` [`group::respondents`], from the same pass.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    pub dimensions: Vec<DimensionScore>,
    pub total: Option<f64>,
    pub total_by_perspective: Vec<Option<f64>>,
    pub spread: Option<f64>,
    pub answered: usize,
    /// Some slots have no score: `total` is over the others only.
    pub partial: bool,
    pub respondents: usize,
    /// [`group::group_size`]: the most scores any slot has.
    pub group_size: u32,
}

pub fn scores(t: &Template, a: &Assessment) -> Scores {
    let (groups, respondents) = group::gather(t, a);
    let values: Vec<Option<f64>> = groups.iter().map(|g| g.value(&t.scale)).collect();
    let counted = |keep: &dyn Fn(&Slot) -> bool| {
        mean(groups.iter().zip(&values).filter(|(g, _)| keep(&g.slot)).filter_map(|(_, v)| *v))
    };
    let unscored =
        |keep: &dyn Fn(&Slot) -> bool| groups.iter().zip(&values).any(|(g, v)| keep(&g.slot) && v.is_none());
    let perspectives: Vec<&str> = t.perspectives.iter().map(|p| p.id.as_str()).collect();
    let dimensions = t
        .dimensions
        .iter()
        .map(|d| DimensionScore {
            id: d.id.clone(),
            mean: counted(&|s| s.item.dimension == d.id),
            by_perspective: perspectives
                .iter()
                .map(|p| counted(&|s| s.item.dimension == d.id && s.perspective == Some(*p)))
                .collect(),
            spread: group::mean_spread(groups.iter().filter(|g| g.slot.item.dimension == d.id)),
            partial: unscored(&|s| s.item.dimension == d.id),
        })
        .collect();
    Scores {
        dimensions,
        total: counted(&|_| true),
        total_by_perspective: perspectives.iter().map(|p| counted(&|s| s.perspective == Some(*p))).collect(),
        spread: group::mean_spread(&groups),
        answered: values.iter().filter(|v| v.is_some()).count(),
        partial: unscored(&|_| true),
        respondents,
        group_size: group::group_size(&groups),
    }
}

/// One facet's result in a facet-orientation run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FacetShare {
    pub facet: Facet,
    /// Share of the highest possible, 0–100, over the answered statements; `None` if none is.
    pub percent: Option<f64>,
}

impl FacetShare {
    /// The answers reach at least half of the highest possible score (docs/domain.md §3).
    pub fn is_strong(&self) -> bool {
        self.percent.is_some_and(|p| p >= 50.0)
    }
}

/// Each grid facet's score as a percentage of its maximum: Σ(score − min) / Σ(max − min).
/// For the usual 0-based agreement scale that is the plain sum over the highest possible sum.
pub fn facet_shares(t: &Template, a: &Assessment) -> Vec<FacetShare> {
    let span = f64::from(t.scale.max.saturating_sub(t.scale.min).max(1));
    let all = slots(t);
    let values = slot_values(t, a);
    Facet::GRID
        .iter()
        .map(|&facet| {
            let scored: Vec<f64> = all
                .iter()
                .zip(&values)
                .filter(|(s, _)| s.item.facet == Some(facet))
                .filter_map(|(_, v)| *v)
                .map(|v| v - f64::from(t.scale.min))
                .collect();
            let percent = (!scored.is_empty())
                .then(|| scored.iter().sum::<f64>() * 100.0 / (span * scored.len() as f64));
            FacetShare { facet, percent }
        })
        .collect()
}

/// Where a facet-orientation run's answers lean (named as the portfolio's balance is, so
/// "what we say" and "what we run" compare directly). It measures agreement with statements,
/// not initiatives: a facet is strong in the answers at 50 % of its highest possible score.
pub fn tendency_of(shares: &[FacetShare]) -> Tendency {
    let of = |facet: Facet| shares.iter().find(|s| s.facet == facet);
    let values = Facet::GRID.map(|f| of(f).and_then(|s| s.percent).unwrap_or(0.0));
    let strong = Facet::GRID.map(|f| of(f).is_some_and(FacetShare::is_strong));
    Tendency::ranked(values, strong)
}

/// What the portfolio runs: active initiatives per grid facet, and each facet's share of them
/// (read from the portfolio's [`Balance`], so the grid and this agree).
#[derive(Debug, Clone, PartialEq)]
pub struct Mix {
    pub counts: [usize; 4],
    /// Active initiatives that are mixed or unplaced (shown, not counted in the shares).
    pub off_grid: usize,
    balance: Balance,
}

impl Mix {
    pub fn of(portfolio: &Portfolio) -> Self {
        let balance = Balance::of(&portfolio.initiatives);
        let counts = std::array::from_fn(|cell| balance.counts[cell]);
        Self { counts, off_grid: balance.counts[STRIP], balance }
    }

    /// Each facet's share of the active placed initiatives, 0–100. Placed only, unlike the
    /// grid's share: it stands beside a facet-orientation run, which has no "mixed".
    pub fn percent(&self, ix: usize) -> Option<f64> {
        let total: usize = self.counts.iter().sum();
        (total > 0).then(|| crate::balance::percent(self.counts[ix] as u64, total as u64))
    }

    /// The portfolio's tendency by the balance's one rule (`balance::RULE`): the strongest
    /// facet there is stands in for the strongest possible, and mixed and unplaced
    /// initiatives count in the whole.
    pub fn tendency(&self) -> Tendency {
        self.balance.tendency(false)
    }
}

/// Which way a score moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    Up,
    Down,
    Same,
    /// One side has no score.
    Unknown,
}

impl Trend {
    /// The other way round: for a score where lower is better.
    #[must_use]
    pub fn flipped(self) -> Self {
        match self {
            Trend::Up => Trend::Down,
            Trend::Down => Trend::Up,
            other => other,
        }
    }

    pub fn arrow(self) -> &'static str {
        match self {
            Trend::Up => "↑",
            Trend::Down => "↓",
            Trend::Same => "→",
            Trend::Unknown => "·",
        }
    }
}

/// Changes smaller than this (in scale points) count as no change.
const SAME: f64 = 0.05;

/// Scores, means and their changes are written with this many decimals, on screen and paper.
pub const PLACES: usize = 1;

/// The change from `before` to `after` as the two figures read when written: a reader who
/// takes 3,7 from 3,4 finds the −0,3 shown beside them, not the −0,2 of the exact means
/// 3,667 and 3,433. Every view that writes a change beside its figures writes this one; the
/// JSON keeps the exact change.
pub fn shown_change(before: f64, after: f64) -> f64 {
    crate::i18n::rounded(after, PLACES) - crate::i18n::rounded(before, PLACES)
}

/// A before/after pair of scores: counted means (reverse items flipped, so up is better), or
/// for one item its value as given ([`SlotDelta::trend`] says which way is better).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Delta {
    pub before: Option<f64>,
    pub after: Option<f64>,
}

impl Delta {
    pub fn change(&self) -> Option<f64> {
        Some(self.after? - self.before?)
    }

    /// The change as written beside the two figures ([`shown_change`]).
    pub fn shown_change(&self) -> Option<f64> {
        Some(shown_change(self.before?, self.after?))
    }

    /// Which way the figures moved as they are written: no change when they read the same.
    pub fn trend(&self) -> Trend {
        match self.shown_change() {
            None => Trend::Unknown,
            Some(d) if d > SAME => Trend::Up,
            Some(d) if d < -SAME => Trend::Down,
            Some(_) => Trend::Same,
        }
    }
}

/// One slot's change between two runs: its value as the group gave it (a reverse item not
/// flipped, the same number the rating view and the results show) and the group's spread.
#[derive(Debug, Clone, PartialEq)]
pub struct SlotDelta {
    pub item: String,
    pub perspective: Option<String>,
    pub delta: Delta,
    pub spread: Delta,
    /// A reverse item: its value falling is the better way.
    pub reverse: bool,
}

impl SlotDelta {
    /// Better or worse, whichever way the item is scored.
    pub fn trend(&self) -> Trend {
        if self.reverse { self.delta.trend().flipped() } else { self.delta.trend() }
    }
}

/// Two runs' means over several slots (a dimension, a whole run) set side by side like with
/// like: over the slots with a value in both runs only. A run scored for 3 items of 10 is
/// set against those 3 items of the run before, not against all 10, and says so ("(3 of
/// 10)"), as a perspective gap over some items does ([`group::GapSummary`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paired {
    /// The two figures to show: each run's mean over the paired slots; where no slot is
    /// paired, each run's own mean (then there is no change to tell).
    pub figures: Delta,
    /// Slots with a value in both runs.
    pub paired: usize,
    /// All the slots it is over.
    pub slots: usize,
}

impl Paired {
    /// The slots `keep` picks from two runs' [`slot_values`], read with one template.
    pub fn of(before: &[Option<f64>], after: &[Option<f64>], keep: impl Fn(usize) -> bool) -> Self {
        let (mut slots, mut pairs) = (0, Vec::new());
        let (mut own_before, mut own_after) = (Vec::new(), Vec::new());
        for (_, (b, a)) in before.iter().zip(after).enumerate().filter(|(ix, _)| keep(*ix)) {
            slots += 1;
            own_before.extend(*b);
            own_after.extend(*a);
            if let (Some(b), Some(a)) = (b, a) {
                pairs.push((*b, *a));
            }
        }
        let figures = if pairs.is_empty() {
            Delta { before: mean(own_before), after: mean(own_after) }
        } else {
            Delta { before: mean(pairs.iter().map(|p| p.0)), after: mean(pairs.iter().map(|p| p.1)) }
        };
        Self { figures, paired: pairs.len(), slots }
    }

    /// The change to tell: none where no slot has a value in both runs.
    pub fn delta(&self) -> Delta {
        if self.paired > 0 { self.figures } else { Delta { before: None, after: None } }
    }

    /// The exact change over the paired slots (what the JSON keeps).
    pub fn change(&self) -> Option<f64> {
        self.delta().change()
    }

    /// The change as written beside the two figures ([`shown_change`]).
    pub fn shown_change(&self) -> Option<f64> {
        self.delta().shown_change()
    }

    pub fn trend(&self) -> Trend {
        self.delta().trend()
    }

    /// The change is over some slots but not all: what a view says beside it ("(3 of 10)").
    pub fn needs_its_count(&self) -> bool {
        self.paired > 0 && self.paired < self.slots
    }

    /// "(3 of 10)" where [`Self::needs_its_count`], in the words a perspective gap uses.
    pub fn count(&self, lang: crate::i18n::Lang) -> Option<String> {
        self.needs_its_count()
            .then(|| lang.tf("results.gap_of", &[("paired", &self.paired), ("items", &self.slots)]))
    }
}

/// A run's total against an earlier run's, like with like ([`Paired`]), both read with `t`
/// (the later run's template): what the Overview and the report tell as its change.
pub fn total_change(t: &Template, before: &Assessment, after: &Assessment) -> Paired {
    Paired::of(&slot_values(t, before), &slot_values(t, after), |_| true)
}

/// Two runs of the same template side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub slots: Vec<SlotDelta>,
    /// Dimension id and its change over the items scored in both runs, template order.
    pub dimensions: Vec<(String, Paired)>,
    pub total: Paired,
    /// The run's mean spread before and after (for a spread, down is agreement growing).
    pub spread: Delta,
}

/// Compares `after` with `before`, both read with template `t`.
pub fn compare(t: &Template, before: &Assessment, after: &Assessment) -> Comparison {
    let (gb, ga) = (group::group(t, before), group::group(t, after));
    let (vb, va): (Vec<Option<f64>>, Vec<Option<f64>>) =
        gb.iter().zip(&ga).map(|(b, a)| (b.value(&t.scale), a.value(&t.scale))).unzip();
    let slots = gb
        .iter()
        .zip(&ga)
        .map(|(b, a)| SlotDelta {
            item: a.slot.item.id.clone(),
            perspective: a.slot.perspective.map(str::to_owned),
            delta: Delta { before: b.raw_value(), after: a.raw_value() },
            spread: Delta { before: b.spread(), after: a.spread() },
            reverse: a.slot.item.reverse,
        })
        .collect();
    let dimensions = t
        .dimensions
        .iter()
        .map(|d| (d.id.clone(), Paired::of(&vb, &va, |ix| ga[ix].slot.item.dimension == d.id)))
        .collect();
    Comparison { slots, dimensions, total: Paired::of(&vb, &va, |_| true), spread: paired_spread(&gb, &ga) }
}

/// The runs' mean spread over the slots where both have one, so that a half-scored run's
/// spread is compared like with like, as its scores are.
fn paired_spread(before: &[group::SlotGroup<'_>], after: &[group::SlotGroup<'_>]) -> Delta {
    let both: Vec<usize> = (0..before.len().min(after.len()))
        .filter(|ix| before[*ix].spread().is_some() && after[*ix].spread().is_some())
        .collect();
    if both.is_empty() {
        // Nothing to compare: the run's own spread stands alone ("–→0,8").
        return Delta { before: None, after: group::mean_spread(after) };
    }
    let mean = |groups: &[group::SlotGroup<'_>]| group::mean_spread(both.iter().map(|ix| &groups[*ix]));
    Delta { before: mean(before), after: mean(after) }
}

/// Two scopes name the same group (case and surrounding space ignored).
pub fn same_scope(a: &str, b: &str) -> bool {
    crate::text::fold(a.trim()) == crate::text::fold(b.trim())
}

/// Runs of the same template and scope as `run`, up to and including it, oldest first
/// (same date: lower id first).
pub fn history<'p>(portfolio: &'p Portfolio, run: &Assessment) -> Vec<&'p Assessment> {
    let mut runs: Vec<&Assessment> = portfolio
        .assessments
        .iter()
        .filter(|a| a.template == run.template && same_scope(&a.scope, &run.scope))
        .filter(|a| (a.date, a.id) <= (run.date, run.id))
        .collect();
    runs.sort_by_key(|a| (a.date, a.id));
    runs
}

/// The run just before `run` of the same template and scope.
pub fn previous<'p>(portfolio: &'p Portfolio, run: &Assessment) -> Option<&'p Assessment> {
    let runs = history(portfolio, run);
    runs.len().checked_sub(2).map(|ix| runs[ix])
}

/// The run just after `run` of the same template and scope: the one that followed it up.
pub fn next_run<'p>(portfolio: &'p Portfolio, run: &Assessment) -> Option<&'p Assessment> {
    portfolio
        .assessments
        .iter()
        .filter(|a| a.template == run.template && same_scope(&a.scope, &run.scope))
        .filter(|a| (a.date, a.id) > (run.date, run.id))
        .min_by_key(|a| (a.date, a.id))
}

/// Assessment ids newest first (date, then id).
pub fn newest_first(portfolio: &Portfolio) -> Vec<Id> {
    let mut runs: Vec<&Assessment> = portfolio.assessments.iter().collect();
    runs.sort_by_key(|a| std::cmp::Reverse((a.date, a.id)));
    runs.into_iter().map(|a| a.id).collect()
}

/// A sparkline's point for a run scored in part: its mean is over fewer items than the
/// others', so no bar is drawn that could rise or fall against them.
pub const SPARK_PARTIAL: char = '◦';

/// A sparkline's point: the bar of `value` ([`spark`]), or [`SPARK_PARTIAL`] when the run
/// left some of the items the value is over unscored.
pub fn spark_point(value: Option<f64>, partial: bool, min: f64, max: f64) -> char {
    if partial && value.is_some() { SPARK_PARTIAL } else { spark(value, min, max) }
}

/// A small bar of `value` within `min..=max`, eight steps per cell.
pub fn spark(value: Option<f64>, min: f64, max: f64) -> char {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let Some(v) = value else { return '·' };
    let span = (max - min).max(f64::EPSILON);
    let ix = (((v - min) / span) * 7.0).round().clamp(0.0, 7.0) as usize;
    BARS[ix]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled(id: &str) -> Template {
        let catalog = crate::templates::Catalog::bundled();
        catalog.templates.into_iter().find(|t| t.id == id).expect("bundled")
    }

    #[test]
    fn an_item_is_cut_at_its_colon_only_when_every_item_is_named_so() {
        let journey = bundled("innovation_journey");
        let testing = journey.items.iter().find(|i| i.id == "testing").expect("item");
        assert_eq!(item_name(&journey, testing, "en"), "Testing");
        // One statement of seven with a colon in the middle keeps the rest of its sentence.
        let leaders = bundled("leadership_focus");
        let attention = leaders.items.iter().find(|i| i.id == "attention").expect("item");
        let name = item_name(&leaders, attention, "nb");
        assert!(name.starts_with("Innovasjon får synlig oppmerksomhet: vi forteller"), "{name}");
        assert_eq!(name, attention.text.get("nb").trim());
    }

    #[test]
    fn a_change_is_what_the_two_written_figures_give() {
        // 3,667 → 3,433 reads 3,7 → 3,4: the change written beside them is −0,3, not −0,2.
        let written = |v: f64| crate::i18n::Lang::Sv.signed_decimal(v, PLACES);
        assert_eq!(written(shown_change(11.0 / 3.0, 3.433)), "-0,3");
        assert_eq!(written(shown_change(3.75, 3.63)), "-0,2", "3,8 → 3,6");
        assert_eq!(written(shown_change(2.25, 2.34)), "±0,0", "2,3 → 2,3: halves away from zero, as written");
        let delta = Delta { before: Some(3.34), after: Some(3.36) };
        assert_eq!((delta.trend(), delta.shown_change().map(written)), (Trend::Up, Some("+0,1".into())));
        let same = Delta { before: Some(3.36), after: Some(3.44) };
        assert_eq!(same.trend(), Trend::Same, "both read 3,4");
        assert!((same.change().unwrap_or(0.0) - 0.08).abs() < 1e-9, "the exact change is kept for the JSON");
    }
    use crate::model::extras::Extra;
    use crate::model::{Answer, Dimension, LocalText, Perspective, ResultKind, ScaleStep};
    use jiff::civil::date;

    pub(super) fn text(s: &str) -> LocalText {
        LocalText([("en".to_owned(), s.to_owned())].into())
    }

    pub(super) fn item(id: &str, dimension: &str, reverse: bool, facet: Option<Facet>) -> TemplateItem {
        TemplateItem {
            id: id.into(),
            dimension: dimension.into(),
            text: text(id),
            reverse,
            optional: false,
            facet,
            extra: Extra::default(),
        }
    }

    /// A template `t` v1 on a `min`–`max` scale, a dimension for each of its items' own.
    pub(super) fn template(min: u8, max: u8, items: Vec<TemplateItem>) -> Template {
        let mut dims: Vec<String> = items.iter().map(|i| i.dimension.clone()).collect();
        dims.dedup();
        Template {
            id: "t".into(),
            version: 1,
            name: text("T"),
            description: LocalText::default(),
            source: String::new(),
            scale: Scale {
                min,
                max,
                steps: (min..=max)
                    .map(|v| ScaleStep { value: v, label: text(&v.to_string()), extra: Extra::default() })
                    .collect(),
                extra: Extra::default(),
            },
            result: ResultKind::Mean,
            dimensions: dims
                .into_iter()
                .map(|d| Dimension { id: d.clone(), name: text(&d), extra: Extra::default() })
                .collect(),
            items,
            perspectives: Vec::new(),
            extra: Extra::default(),
        }
    }

    fn run(id: Id, day: i8, answers: &[(&str, Option<&str>, u8)]) -> Assessment {
        Assessment {
            id,
            template: "t".into(),
            template_version: 1,
            scope: "Team".into(),
            date: date(2026, 1, day),
            next_date: None,
            participants: Vec::new(),
            answers: answers
                .iter()
                .map(|(i, p, s)| Answer {
                    score: Some(*s),
                    ..Answer::empty((*i).into(), p.map(str::to_owned))
                })
                .collect(),
            responses: Vec::new(),
            note: String::new(),
            extra: Extra::default(),
        }
    }

    fn climate() -> Template {
        template(
            1,
            5,
            vec![
                item("trust", "climate", false, None),
                item("conflict", "climate", true, None),
                item("time", "resources", false, None),
            ],
        )
    }

    #[test]
    fn reverse_items_are_flipped_within_the_scale() {
        let t = climate();
        assert_eq!(effective(&t.scale, &t.items[1], 5), 1);
        assert_eq!(effective(&t.scale, &t.items[1], 2), 4);
        assert_eq!(effective(&t.scale, &t.items[0], 2), 2);
        let a = run(1, 1, &[("trust", None, 4), ("conflict", None, 5), ("time", None, 3)]);
        let s = scores(&t, &a);
        assert_eq!(s.dimensions[0].mean, Some(2.5), "(4 + (1+5−5)) / 2");
        assert_eq!(s.dimensions[1].mean, Some(3.0));
        assert_eq!(s.total, Some((4.0 + 1.0 + 3.0) / 3.0));
    }

    #[test]
    fn half_filled_runs_count_what_is_there_and_odd_scores_are_ignored() {
        let t = climate();
        let a = run(1, 1, &[("trust", None, 4), ("conflict", None, 9), ("ghost", None, 3)]);
        let c = completion(&t, &a);
        assert_eq!((c.answered, c.total, c.missing_required), (1, 3, 2));
        assert!(!c.is_complete());
        let s = scores(&t, &a);
        assert_eq!(s.dimensions[0].mean, Some(4.0));
        assert_eq!(s.dimensions[1].mean, None);
        assert_eq!(s.total, Some(4.0));
    }

    #[test]
    fn optional_items_do_not_make_a_run_incomplete() {
        let mut t = climate();
        t.items[2].optional = true;
        let a = run(1, 1, &[("trust", None, 4), ("conflict", None, 2)]);
        assert!(completion(&t, &a).is_complete());
    }

    #[test]
    fn perspectives_are_scored_side_by_side() {
        let mut t = climate();
        t.perspectives = ["org", "me"]
            .iter()
            .map(|p| Perspective { id: (*p).into(), name: text(p), extra: Extra::default() })
            .collect();
        assert_eq!(slots(&t).len(), 6);
        let a = run(1, 1, &[("trust", Some("org"), 2), ("trust", Some("me"), 4), ("time", Some("org"), 5)]);
        let s = scores(&t, &a);
        assert_eq!(s.dimensions[0].mean, Some(3.0));
        assert_eq!(s.dimensions[0].by_perspective, vec![Some(2.0), Some(4.0)]);
        assert_eq!(s.total_by_perspective, vec![Some(3.5), Some(4.0)]);
        assert_eq!(completion(&t, &a).answered, 3);
    }

    fn facets() -> Template {
        let mut items = Vec::new();
        for (n, f) in Facet::GRID.iter().enumerate() {
            items.push(item(&format!("a{n}"), "focus", false, Some(*f)));
            items.push(item(&format!("b{n}"), "funds", false, Some(*f)));
        }
        let mut t = template(0, 4, items);
        t.result = ResultKind::FacetOrientation;
        t
    }

    fn facet_run(scores: [[u8; 2]; 4]) -> Assessment {
        let ids: Vec<(String, u8)> = scores
            .iter()
            .enumerate()
            .flat_map(|(n, [a, b])| [(format!("a{n}"), *a), (format!("b{n}"), *b)])
            .collect();
        let answers: Vec<(&str, Option<&str>, u8)> =
            ids.iter().map(|(i, s)| (i.as_str(), None, *s)).collect();
        run(1, 1, &answers)
    }

    #[test]
    fn facet_percent_of_maximum_and_tendency() {
        let t = facets();
        let shares = facet_shares(&t, &facet_run([[4, 4], [1, 2], [2, 2], [0, 1]]));
        let percent: Vec<Option<f64>> = shares.iter().map(|s| s.percent).collect();
        assert_eq!(percent, vec![Some(100.0), Some(37.5), Some(50.0), Some(12.5)]);
        assert_eq!(
            tendency_of(&shares),
            Tendency::Leaning {
                strong: vec![Facet::MissionOriented, Facet::EnhancementOriented],
                weak: vec![Facet::Anticipatory, Facet::Adaptive],
            },
            "50% counts as strong"
        );
        let one = facet_shares(&t, &facet_run([[0, 1], [3, 4], [1, 1], [0, 0]]));
        assert_eq!(
            tendency_of(&one),
            Tendency::Primarily {
                facet: Facet::Anticipatory,
                weak: vec![Facet::EnhancementOriented, Facet::MissionOriented, Facet::Adaptive],
            },
            "the weak named from the highest score down"
        );
    }

    #[test]
    fn all_weak_and_all_strong() {
        let t = facets();
        let weak = facet_shares(&t, &facet_run([[1, 2], [0, 0], [1, 1], [3, 0]]));
        assert!(weak.iter().all(|s| !s.is_strong()));
        assert_eq!(tendency_of(&weak), Tendency::WeakInAll);
        let strong = facet_shares(&t, &facet_run([[2, 2], [4, 4], [3, 2], [4, 0]]));
        assert_eq!(tendency_of(&strong), Tendency::Balanced);
        let empty = facet_shares(&t, &run(1, 1, &[]));
        assert!(empty.iter().all(|s| s.percent.is_none()));
        assert_eq!(tendency_of(&empty), Tendency::WeakInAll);
    }

    #[test]
    fn the_mix_of_active_initiatives_has_a_tendency_too() {
        use crate::model::{Initiative, Status};
        let mut p = Portfolio::default();
        let facets = [
            Facet::EnhancementOriented,
            Facet::EnhancementOriented,
            Facet::EnhancementOriented,
            Facet::Adaptive,
            Facet::Mixed,
        ];
        for (n, facet) in facets.into_iter().enumerate() {
            p.initiatives.push(Initiative {
                id: n as Id + 1,
                facet,
                status: Status::Active,
                ..Initiative::default()
            });
        }
        p.initiatives.push(Initiative {
            id: 9,
            facet: Facet::Adaptive,
            status: Status::Paused,
            ..Initiative::default()
        });
        let mix = Mix::of(&p);
        assert_eq!((mix.counts, mix.off_grid), ([0, 0, 3, 1], 1));
        assert_eq!(mix.percent(2), Some(75.0));
        assert_eq!(mix.tendency(), Tendency::TooFew, "5 active initiatives are too few");
        p.initiatives.push(Initiative {
            id: 10,
            facet: Facet::EnhancementOriented,
            status: Status::Active,
            ..Initiative::default()
        });
        assert_eq!(
            Mix::of(&p).tendency(),
            Tendency::Primarily {
                facet: Facet::EnhancementOriented,
                weak: vec![Facet::Adaptive, Facet::MissionOriented, Facet::Anticipatory],
            }
        );
        assert_eq!(Mix::of(&Portfolio::default()).tendency(), Tendency::TooFew);
    }

    #[test]
    fn comparison_gives_changes_with_arrows() {
        let t = climate();
        let before = run(1, 1, &[("trust", None, 2), ("conflict", None, 4), ("time", None, 3)]);
        let after = run(2, 9, &[("trust", None, 4), ("conflict", None, 2), ("time", None, 3)]);
        let c = compare(&t, &before, &after);
        assert_eq!(c.slots[0].delta.change(), Some(2.0));
        assert_eq!(c.slots[0].delta.trend(), Trend::Up);
        // Less conflict is better: 4 → 2 is shown as given, and counts as going up.
        assert_eq!(c.slots[1].delta.change(), Some(-2.0));
        assert_eq!(c.slots[1].trend(), Trend::Up);
        assert_eq!(c.slots[0].trend(), Trend::Up, "an ordinary item goes up with its score");
        assert_eq!(c.slots[2].delta.trend(), Trend::Same);
        assert_eq!(c.dimensions[0].1.change(), Some(2.0));
        assert!(c.total.change().is_some_and(|d| (d - 4.0 / 3.0).abs() < 1e-9));
        let reversed = compare(&t, &after, &before);
        assert_eq!(reversed.total.trend(), Trend::Down);
        let missing = compare(&t, &run(3, 1, &[]), &after);
        assert_eq!(missing.total.trend(), Trend::Unknown);
        assert_eq!(Trend::Up.arrow(), "↑");
    }

    #[test]
    fn a_half_scored_run_is_compared_over_the_items_scored_in_both() {
        // Before: all three scored (2, 4→flipped 2, 3); after: only "trust". The total's change
        // is over "trust" alone (2 → 4), said "(1 of 3)", not 2,33 → 4.
        let t = climate();
        let before = run(1, 1, &[("trust", None, 2), ("conflict", None, 4), ("time", None, 3)]);
        let after = run(2, 9, &[("trust", None, 4)]);
        let c = compare(&t, &before, &after);
        assert_eq!(c.total.figures, Delta { before: Some(2.0), after: Some(4.0) });
        assert_eq!((c.total.paired, c.total.slots, c.total.shown_change()), (1, 3, Some(2.0)));
        assert_eq!(c.total.count(crate::i18n::Lang::Sv).as_deref(), Some("(1 av 3)"));
        // "resources" was not scored now: its own figure before, no change, no count.
        let resources = &c.dimensions[1].1;
        assert_eq!((resources.figures.before, resources.figures.after), (Some(3.0), None));
        assert_eq!((resources.trend(), resources.count(crate::i18n::Lang::En)), (Trend::Unknown, None));
        assert_eq!(total_change(&t, &before, &after), c.total, "the Overview's and report's change");
        let full = compare(&t, &before, &before).total;
        assert_eq!((full.needs_its_count(), full.figures.after), (false, scores(&t, &before).total));
    }

    #[test]
    fn history_and_previous_run_follow_template_and_scope() {
        let mut p = Portfolio::default();
        p.assessments.push(run(1, 5, &[]));
        p.assessments.push(run(2, 20, &[]));
        p.assessments.push(Assessment { scope: " team ".into(), ..run(3, 10, &[]) });
        p.assessments.push(Assessment { scope: "Other".into(), ..run(4, 15, &[]) });
        p.assessments.push(Assessment { template: "x".into(), ..run(5, 15, &[]) });
        p.assessments.push(run(6, 20, &[]));
        let latest = p.assessment(6).expect("run 6").clone();
        let ids: Vec<Id> = history(&p, &latest).iter().map(|a| a.id).collect();
        assert_eq!(ids, [1, 3, 2, 6], "scope matched loosely; same date by id");
        assert_eq!(previous(&p, &latest).map(|a| a.id), Some(2));
        assert_eq!(previous(&p, p.assessment(1).expect("run 1")), None);
        assert_eq!(next_run(&p, p.assessment(1).expect("run 1")).map(|a| a.id), Some(3));
        assert_eq!(next_run(&p, &latest), None);
        assert_eq!(newest_first(&p), [6, 2, 5, 4, 3, 1]);
    }

    #[test]
    fn spark_spans_the_scale() {
        assert_eq!(spark(Some(1.0), 1.0, 5.0), '▁');
        assert_eq!(spark(Some(5.0), 1.0, 5.0), '█');
        assert_eq!(spark(None, 1.0, 5.0), '·');
        assert_eq!(spark(Some(9.0), 1.0, 5.0), '█');
        assert_eq!(spark_point(Some(3.0), true, 1.0, 5.0), SPARK_PARTIAL, "a run scored in part");
        assert_eq!(spark_point(None, true, 1.0, 5.0), '·', "nothing scored");
        assert_eq!(spark_point(Some(5.0), false, 1.0, 5.0), '█');
    }
}
