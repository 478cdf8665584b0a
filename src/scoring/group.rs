//! What a group said, slot by slot: how many gave each score (from the participants'
//! responses and any show of hands), the mean, median, lowest and highest, and the spread;
//! where the group disagrees most and where it agrees; for templates with perspectives the gap
//! between them (Kiruna: the organisation against the individual); for facet-orientation runs
//! each facet's percentage per participant and how far those lie apart.
//!
//! The spread is the **standard deviation** of the scores in the slot, taken over the group
//! itself (divided by the number of scores, not one less): 0 when everyone gave the same
//! score, about 1.4 on a 1–5 scale when half said 1 and half said 3… It needs two scores.
//! A run's or a dimension's spread is the mean of its slots' spreads: how much the group
//! disagrees on an average item.

use super::{Slot, effective, slots, valid_score};
use crate::model::{Assessment, Facet, Scale, Template, TemplateItem, slot_key};

/// How many gave each score of a scale, and what follows from that.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Distribution {
    /// The scale's lowest value: `counts[0]` counts it.
    pub min: u8,
    /// One count per step of the scale, `min` first.
    pub counts: Vec<u32>,
}

impl Distribution {
    /// No scores yet on `scale`.
    pub fn new(scale: &Scale) -> Self {
        let steps = usize::from(scale.max.saturating_sub(scale.min)) + 1;
        Self { min: scale.min, counts: vec![0; steps] }
    }

    fn max_value(&self) -> u8 {
        self.min.saturating_add(self.counts.len().saturating_sub(1) as u8)
    }

    /// Counts one score; a score outside the scale is ignored (as everywhere in scoring).
    pub fn add(&mut self, score: u8) {
        if let Some(count) = score.checked_sub(self.min).and_then(|ix| self.counts.get_mut(usize::from(ix))) {
            *count += 1;
        }
    }

    /// Adds a show of hands (counts from `min` up); counts beyond the scale are ignored.
    pub fn add_tally(&mut self, tally: &[u32]) {
        for (count, hands) in self.counts.iter_mut().zip(tally) {
            *count = count.saturating_add(*hands);
        }
    }

    /// How many scores there are.
    pub fn n(&self) -> u32 {
        self.counts.iter().sum()
    }

    fn values(&self) -> impl Iterator<Item = (f64, u32)> + '_ {
        self.counts.iter().enumerate().map(|(ix, n)| (f64::from(self.min) + ix as f64, *n))
    }

    pub fn mean(&self) -> Option<f64> {
        let n = self.n();
        (n > 0).then(|| self.values().map(|(v, c)| v * f64::from(c)).sum::<f64>() / f64::from(n))
    }

    /// The middle score; with an even number of scores, halfway between the two middle ones.
    pub fn median(&self) -> Option<f64> {
        let n = self.n();
        if n == 0 {
            return None;
        }
        let nth = |k: u32| {
            let mut seen = 0;
            self.values().find(|(_, c)| {
                seen += c;
                seen > k
            })
        };
        let low = nth((n - 1) / 2)?.0;
        let high = nth(n / 2)?.0;
        Some(f64::midpoint(low, high))
    }

    /// The lowest and the highest score given.
    pub fn range(&self) -> Option<(u8, u8)> {
        let first = self.counts.iter().position(|c| *c > 0)?;
        let last = self.counts.iter().rposition(|c| *c > 0)?;
        Some((self.min + first as u8, self.min + last as u8))
    }

    /// The standard deviation over the group (see the module's note); `None` below two scores.
    pub fn spread(&self) -> Option<f64> {
        let n = self.n();
        let mean = self.mean()?;
        (n >= 2).then(|| {
            let squares: f64 = self.values().map(|(v, c)| (v - mean).powi(2) * f64::from(c)).sum();
            (squares / f64::from(n)).sqrt()
        })
    }

    /// A small histogram, one character per step from `min` to `max`: the most given score
    /// is a full block, the others in proportion, `·` where nobody gave that score.
    pub fn bars(&self) -> String {
        const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
        let most = self.counts.iter().copied().max().unwrap_or(0);
        self.counts
            .iter()
            .map(|c| match (*c, most) {
                (0, _) | (_, 0) => '·',
                (c, most) => {
                    let ix = (f64::from(c) * 8.0 / f64::from(most)).ceil() as usize;
                    BARS[ix.clamp(1, 8) - 1]
                }
            })
            .collect()
    }

    /// Whether everyone who scored gave one of the two ends of the scale and both ends were
    /// given: a split, the sharpest kind of disagreement.
    pub fn is_split(&self) -> bool {
        self.range().is_some_and(|(lo, hi)| lo == self.min && hi == self.max_value() && hi > lo)
    }
}

/// One slot as the group left it.
#[derive(Debug, Clone, PartialEq)]
pub struct SlotGroup<'t> {
    pub slot: Slot<'t>,
    /// The score the group agreed on, if it is within the scale.
    pub agreed: Option<u8>,
    /// Every participant's score and every raised hand.
    pub distribution: Distribution,
    /// Some of the scores came from a show of hands.
    pub tallied: bool,
}

impl SlotGroup<'_> {
    /// The slot's value as every view counts it, reverse items flipped: the agreed score
    /// where there is one, else the mean of the group's scores.
    pub fn value(&self, scale: &Scale) -> Option<f64> {
        let raw = self.raw_value()?;
        Some(if self.slot.item.reverse { f64::from(scale.min) + f64::from(scale.max) - raw } else { raw })
    }

    /// [`Self::value`] as the group gave it, reverse items not flipped (what the rating view
    /// shows beside the scale's labels).
    pub fn raw_value(&self) -> Option<f64> {
        self.agreed.map(f64::from).or_else(|| self.distribution.mean())
    }

    pub fn spread(&self) -> Option<f64> {
        self.distribution.spread()
    }
}

/// Every slot of a run in [`slots`] order, with its distribution.
pub fn group<'t>(t: &'t Template, a: &Assessment) -> Vec<SlotGroup<'t>> {
    gather(t, a).0
}

/// How many participants gave at least one score the template can read.
pub fn respondents(t: &Template, a: &Assessment) -> usize {
    gather(t, a).1
}

/// The slots with their distributions, and how many participants scored any of them. One
/// pass over the responses: their scores are kept in key order, so they are matched against
/// the slots' keys (sorted once) side by side, without a lookup per score.
pub fn gather<'t>(t: &'t Template, a: &Assessment) -> (Vec<SlotGroup<'t>>, usize) {
    let all = slots(t);
    let mut keys: Vec<(String, usize)> =
        all.iter().enumerate().map(|(ix, s)| (slot_key(&s.item.id, s.perspective), ix)).collect();
    keys.sort_unstable();
    let find = |key: &str| keys.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok().map(|at| keys[at].1);
    let mut out: Vec<SlotGroup<'t>> = all
        .into_iter()
        .map(|slot| SlotGroup {
            slot,
            agreed: None,
            distribution: Distribution::new(&t.scale),
            tallied: false,
        })
        .collect();
    for answer in &a.answers {
        let key = slot_key(&answer.item, answer.perspective.as_deref());
        if let Some(g) = find(&key).and_then(|ix| out.get_mut(ix)) {
            g.agreed = valid_score(&t.scale, answer.score);
            if answer.tally.iter().any(|n| *n > 0) {
                g.distribution.add_tally(&answer.tally);
                g.tallied = true;
            }
        }
    }
    let mut respondents = 0;
    for response in &a.responses {
        let mut at = 0;
        let mut counted = false;
        for (key, score) in response.scores.iter() {
            while at < keys.len() && keys[at].0.as_str() < key {
                at += 1;
            }
            match keys.get(at) {
                Some((k, ix)) if k == key => {
                    counted |= valid_score(&t.scale, Some(score)).is_some();
                    out[*ix].distribution.add(score);
                }
                Some(_) => {}
                None => break,
            }
        }
        respondents += usize::from(counted);
    }
    (out, respondents)
}

/// The largest number of scores any slot has: the size of the group as the run shows it
/// (participants who answered, or hands raised).
pub fn group_size(groups: &[SlotGroup<'_>]) -> u32 {
    groups.iter().map(|g| g.distribution.n()).max().unwrap_or(0)
}

/// Spreads this close count as the same: a list of ties would single nothing out.
const SAME_SPREAD: f64 = 0.05;

/// The fewest items with a spread (two scores or more) among which one is named where the
/// group disagrees most or agrees: among three, the narrowest of close spreads would be
/// called agreement.
pub const STANDOUT_ITEMS: usize = 5;

/// The least difference between the widest and the narrowest spread for an item to be named
/// where the group disagrees most or agrees: half a step of the scale.
pub const STANDOUT_GAP: f64 = 0.5;

/// Whether some items stand out from the others by their spread, and if not, why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standout {
    /// [`disagree_most`] and [`agree_most`] name items.
    Yes,
    /// Fewer than [`STANDOUT_ITEMS`] items have a spread.
    FewItems,
    /// The widest and the narrowest spread lie less than [`STANDOUT_GAP`] apart.
    Even,
}

/// The one rule for naming items where the group disagrees most or agrees, used by the
/// results on screen and by the report alike: at least [`STANDOUT_ITEMS`] items with a
/// spread, the widest at least [`STANDOUT_GAP`] above the narrowest.
pub fn standout(groups: &[SlotGroup<'_>]) -> Standout {
    let spreads: Vec<f64> = groups.iter().filter_map(SlotGroup::spread).collect();
    let widest = spreads.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let narrowest = spreads.iter().copied().fold(f64::INFINITY, f64::min);
    if spreads.len() < STANDOUT_ITEMS {
        Standout::FewItems
    } else if widest - narrowest < STANDOUT_GAP {
        Standout::Even
    } else {
        Standout::Yes
    }
}

/// The slots the group disagrees on most: those whose spread is above the run's
/// [`mean_spread`], widest first (a split between the scale's ends before a spread of the
/// same size), then template order. Slots with fewer than two scores are left out; when no
/// item stands out ([`standout`]), the list is empty.
pub fn disagree_most<'g, 't>(groups: &'g [SlotGroup<'t>], limit: usize) -> Vec<&'g SlotGroup<'t>> {
    let mut with = standing_out(groups, |spread, mean| spread > mean + SAME_SPREAD);
    with.sort_by(|(ia, a), (ib, b)| {
        let key = |g: &SlotGroup<'_>| (g.spread().unwrap_or(0.0), g.distribution.is_split());
        let (sa, xa) = key(a);
        let (sb, xb) = key(b);
        sb.total_cmp(&sa).then(xb.cmp(&xa)).then(ia.cmp(ib))
    });
    with.into_iter().take(limit).map(|(_, g)| g).collect()
}

/// The slots the group agrees on most: those whose spread is below the run's
/// [`mean_spread`], narrowest first, then template order (so never one of
/// [`disagree_most`]); empty when no item stands out ([`standout`]).
pub fn agree_most<'g, 't>(groups: &'g [SlotGroup<'t>], limit: usize) -> Vec<&'g SlotGroup<'t>> {
    let mut with = standing_out(groups, |spread, mean| spread < mean - SAME_SPREAD);
    with.sort_by(|(ia, a), (ib, b)| {
        a.spread().unwrap_or(0.0).total_cmp(&b.spread().unwrap_or(0.0)).then(ia.cmp(ib))
    });
    with.into_iter().take(limit).map(|(_, g)| g).collect()
}

/// The slots whose spread `side` keeps, measured against the run's [`mean_spread`], with
/// their template positions; none when no item stands out ([`standout`]).
fn standing_out<'g, 't>(
    groups: &'g [SlotGroup<'t>],
    side: impl Fn(f64, f64) -> bool,
) -> Vec<(usize, &'g SlotGroup<'t>)> {
    if standout(groups) != Standout::Yes {
        return Vec::new();
    }
    let mean = mean_spread(groups).unwrap_or(0.0);
    groups.iter().enumerate().filter(|(_, g)| g.spread().is_some_and(|s| side(s, mean))).collect()
}

/// The mean of the spreads of the slots that have one: how much the group disagrees on an
/// average item (see the module's note).
pub fn mean_spread<'a, 't: 'a>(groups: impl IntoIterator<Item = &'a SlotGroup<'t>>) -> Option<f64> {
    let (sum, n) =
        groups.into_iter().filter_map(SlotGroup::spread).fold((0.0, 0u32), |(sum, n), s| (sum + s, n + 1));
    (n > 0).then(|| sum / f64::from(n))
}

/// One item of a template with perspectives: its value under each perspective (template
/// order) and the gap between the first two.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap<'t> {
    pub item: &'t TemplateItem,
    /// The slot of each perspective, template order.
    pub slots: Vec<SlotGroup<'t>>,
    pub values: Vec<Option<f64>>,
    /// The first perspective's value minus the second's (Kiruna: the organisation minus the
    /// individual; below zero, people rate themselves further along than their organisation).
    pub gap: Option<f64>,
}

/// Per item, the perspectives side by side and the gap between the first two; empty for a
/// template with fewer than two perspectives.
pub fn perspective_gaps<'t>(t: &'t Template, groups: &[SlotGroup<'t>]) -> Vec<Gap<'t>> {
    if t.perspectives.len() < 2 {
        return Vec::new();
    }
    super::items_in_order(t)
        .into_iter()
        .map(|item| {
            let slots: Vec<SlotGroup<'t>> = t
                .perspectives
                .iter()
                .filter_map(|p| {
                    groups
                        .iter()
                        .find(|g| g.slot.item.id == item.id && g.slot.perspective == Some(p.id.as_str()))
                })
                .cloned()
                .collect();
            let values: Vec<Option<f64>> = slots.iter().map(|g| g.value(&t.scale)).collect();
            let gap = match values.as_slice() {
                [Some(first), Some(second), ..] => Some(first - second),
                _ => None,
            };
            Gap { item, slots, values, gap }
        })
        .collect()
}

/// The gap between the first two perspectives over several items (a dimension, a whole run),
/// like with like: only the items with a value under both perspectives count, so a dimension
/// whose second perspective was answered for one item of three is that one item's gap, not
/// three items' mean against one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GapSummary {
    /// The mean of the paired items' gaps (equal to the first perspective's mean over them
    /// minus the second's); `None` when no item has both.
    pub gap: Option<f64>,
    /// Items with a value under both perspectives.
    pub paired: usize,
    /// All the items it is over.
    pub items: usize,
    /// The first and the second perspective's means over the paired items: the two figures
    /// the gap is the difference of (`None` without a paired item).
    pub means: (Option<f64>, Option<f64>),
}

impl GapSummary {
    pub fn of<'a, 't: 'a>(gaps: impl IntoIterator<Item = &'a Gap<'t>>) -> Self {
        let (mut sum, mut paired, mut items) = (0.0, 0usize, 0usize);
        let (mut first, mut second) = (0.0, 0.0);
        for g in gaps {
            items += 1;
            if let (Some(d), [Some(a), Some(b), ..]) = (g.gap, g.values.as_slice()) {
                sum += d;
                first += a;
                second += b;
                paired += 1;
            }
        }
        let over = |total: f64| (paired > 0).then(|| total / paired as f64);
        Self { gap: over(sum), paired, items, means: (over(first), over(second)) }
    }

    /// Some items lack a value under one of the perspectives: the gap is over fewer than all.
    pub fn is_partial(&self) -> bool {
        self.paired < self.items
    }

    /// The gap is over some items but not all: what a screen or a report says with it
    /// ("(1 of 3)").
    pub fn needs_its_count(&self) -> bool {
        self.is_partial() && self.paired > 0
    }

    /// The gap as every view writes it: "(1 of 3) -1.0" when it is over some items only,
    /// the count first so that the figures stand one under the other; `none` without a gap.
    pub fn shown(&self, lang: crate::i18n::Lang, none: &str) -> String {
        let gap = self.gap.map_or_else(|| none.to_owned(), |d| lang.signed_decimal(d, 1));
        if self.needs_its_count() {
            let of = lang.tf("results.gap_of", &[("paired", &self.paired), ("items", &self.items)]);
            format!("{of} {gap}")
        } else {
            gap
        }
    }
}

/// Each dimension's [`GapSummary`] (template order, with its id) and the whole run's, from
/// [`perspective_gaps`]; empty and `None` for a template with fewer than two perspectives.
pub fn gap_summaries(t: &Template, gaps: &[Gap<'_>]) -> (Vec<(String, GapSummary)>, Option<GapSummary>) {
    if gaps.is_empty() {
        return (Vec::new(), None);
    }
    let dimensions = t
        .dimensions
        .iter()
        .map(|d| (d.id.clone(), GapSummary::of(gaps.iter().filter(|g| g.item.dimension == d.id))))
        .collect();
    (dimensions, Some(GapSummary::of(gaps)))
}

/// The items whose perspectives lie furthest apart, largest gap first (either way).
pub fn widest_gaps<'g, 't>(gaps: &'g [Gap<'t>], limit: usize) -> Vec<&'g Gap<'t>> {
    let mut with: Vec<(usize, &Gap<'t>)> =
        gaps.iter().enumerate().filter(|(_, g)| g.gap.is_some_and(|d| d.abs() >= 0.05)).collect();
    with.sort_by(|(ia, a), (ib, b)| {
        let size = |g: &Gap<'_>| g.gap.map_or(0.0, f64::abs);
        size(b).total_cmp(&size(a)).then(ia.cmp(ib))
    });
    with.into_iter().take(limit).map(|(_, g)| g).collect()
}

/// How a set of numbers lies: how many there are, their mean, their standard deviation
/// (taken over the set itself, as the module says; it needs two numbers), the lowest and the
/// highest. `None` where there is nothing to tell.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Stats {
    pub n: usize,
    pub mean: Option<f64>,
    pub spread: Option<f64>,
    pub lowest: Option<f64>,
    pub highest: Option<f64>,
}

impl Stats {
    pub fn of(values: &[f64]) -> Self {
        let n = values.len();
        let mean = (n > 0).then(|| values.iter().sum::<f64>() / n as f64);
        let spread = mean
            .filter(|_| n >= 2)
            .map(|m| (values.iter().map(|v| (v - m).powi(2)).sum::<f64>() / n as f64).sqrt());
        Stats {
            n,
            mean,
            spread,
            lowest: values.iter().copied().reduce(f64::min),
            highest: values.iter().copied().reduce(f64::max),
        }
    }
}

/// One facet of a facet-orientation run across its participants: each participant's
/// percentage of the highest possible score, and how far those lie apart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FacetSpread {
    pub facet: Facet,
    /// The percentages of the participants with at least one scored statement of this
    /// facet; the spread is in percentage points.
    pub percents: Stats,
}

/// Each facet's percentage per participant (as [`super::facet_shares`] computes it for the
/// run) and the spread of those percentages. A show of hands has no participants, so it
/// adds nothing here.
pub fn facet_spreads(t: &Template, a: &Assessment) -> Vec<FacetSpread> {
    let span = f64::from(t.scale.max.saturating_sub(t.scale.min).max(1));
    let all = slots(t);
    Facet::GRID
        .iter()
        .map(|&facet| {
            let mine: Vec<&Slot<'_>> = all.iter().filter(|s| s.item.facet == Some(facet)).collect();
            let percents: Vec<f64> = a
                .responses
                .iter()
                .filter_map(|r| {
                    let scored: Vec<f64> = mine
                        .iter()
                        .filter_map(|s| {
                            let raw = valid_score(&t.scale, r.score(&s.item.id, s.perspective))?;
                            Some(f64::from(effective(&t.scale, s.item, raw) - t.scale.min))
                        })
                        .collect();
                    (!scored.is_empty())
                        .then(|| scored.iter().sum::<f64>() * 100.0 / (span * scored.len() as f64))
                })
                .collect();
            FacetSpread { facet, percents: Stats::of(&percents) }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::extras::Extra;
    use crate::model::{Answer, LocalText, Perspective, Response, ScaleStep};
    use crate::scoring::tests::{self as fixtures, text};
    use jiff::civil::date;

    fn scale(min: u8, max: u8) -> Scale {
        Scale {
            min,
            max,
            steps: (min..=max)
                .map(|v| ScaleStep { value: v, label: LocalText::default(), extra: Extra::default() })
                .collect(),
            extra: Extra::default(),
        }
    }

    fn of(min: u8, max: u8, scores: &[u8]) -> Distribution {
        let mut d = Distribution::new(&scale(min, max));
        for s in scores {
            d.add(*s);
        }
        d
    }

    #[test]
    fn a_distribution_gives_mean_median_range_and_spread() {
        let d = of(1, 5, &[3, 4, 4, 2, 5, 3, 1, 4]);
        assert_eq!(d.counts, [1, 1, 2, 3, 1]);
        assert_eq!(d.n(), 8);
        assert_eq!(d.mean(), Some(3.25));
        assert_eq!(d.median(), Some(3.5), "halfway between the 4th (3) and 5th (4) scores");
        assert_eq!(d.range(), Some((1, 5)));
        let spread = d.spread().expect("eight scores");
        assert!((spread - 1.198_957_880).abs() < 1e-6, "population standard deviation: {spread}");
        assert_eq!(d.bars(), "▃▃▆█▃");
        assert_eq!(of(1, 5, &[3, 3, 3]).spread(), Some(0.0));
        assert_eq!(of(1, 5, &[3]).spread(), None, "one score has no spread");
        assert_eq!(of(1, 5, &[3]).median(), Some(3.0));
        assert_eq!(of(1, 5, &[]).mean(), None);
        assert_eq!(of(1, 5, &[]).bars(), "·····");
        assert_eq!(of(1, 5, &[0, 6, 9]).n(), 0, "scores outside the scale are not counted");
    }

    #[test]
    fn a_split_is_both_ends_and_nothing_else() {
        assert!(of(1, 5, &[1, 5, 1]).is_split());
        assert!(!of(1, 5, &[1, 4, 1]).is_split());
        assert!(!of(1, 5, &[5, 5]).is_split());
        assert!(of(0, 2, &[0, 2]).is_split());
    }

    #[test]
    fn a_show_of_hands_counts_like_scores() {
        let mut d = of(1, 5, &[4]);
        d.add_tally(&[0, 1, 3, 3, 1, 99]);
        assert_eq!(d.counts, [0, 1, 3, 4, 1], "counts beyond the scale are ignored");
        assert_eq!(d.n(), 9);
    }

    fn template(items: &[(&str, bool, Option<Facet>)], perspectives: &[&str]) -> Template {
        let items =
            items.iter().map(|(id, reverse, facet)| fixtures::item(id, "d", *reverse, *facet)).collect();
        let mut t = fixtures::template(1, 5, items);
        t.perspectives = perspectives
            .iter()
            .map(|p| Perspective { id: (*p).into(), name: text(p), extra: Extra::default() })
            .collect();
        t
    }

    fn run(responses: &[&[(&str, u8)]], answers: Vec<Answer>) -> Assessment {
        Assessment {
            id: 1,
            template: "t".into(),
            template_version: 1,
            scope: "Team".into(),
            date: date(2026, 1, 1),
            next_date: None,
            participants: Vec::new(),
            answers,
            responses: responses
                .iter()
                .enumerate()
                .map(|(ix, scores)| Response {
                    id: ix as u32 + 1,
                    scores: scores.iter().map(|(k, v)| (*k, *v)).collect(),
                    ..Response::default()
                })
                .collect(),
            note: String::new(),
            extra: Extra::default(),
        }
    }

    #[test]
    fn slots_gather_responses_hands_and_the_agreed_score() {
        let t = template(&[("a", false, None), ("b", true, None), ("c", false, None)], &[]);
        let agreed = Answer { score: Some(2), ..Answer::empty("a".into(), None) };
        let hands = Answer { tally: vec![0, 0, 1, 1, 0], ..Answer::empty("c".into(), None) };
        let a =
            run(&[&[("a", 4), ("b", 5), ("ghost", 3)], &[("a", 5), ("b", 4), ("c", 9)]], vec![agreed, hands]);
        let g = group(&t, &a);
        assert_eq!(g[0].distribution.counts, [0, 0, 0, 1, 1]);
        assert_eq!(g[0].value(&t.scale), Some(2.0), "the agreed score counts when there is one");
        assert_eq!(g[1].value(&t.scale), Some(1.5), "else the mean, reverse items flipped: 6 − 4.5");
        assert_eq!(g[2].distribution.n(), 2, "hands counted, the out-of-scale 9 not");
        assert!(g[2].tallied && !g[1].tallied);
        assert_eq!(respondents(&t, &a), 2);
        assert_eq!(group_size(&g), 2);
    }

    #[test]
    fn where_the_group_disagrees_and_agrees() {
        let names = ["calm", "split", "wide", "same", "near"];
        let t = template(&names.map(|n| (n, false, None)), &[]);
        let table = [[3, 1, 2, 4, 2], [3, 5, 4, 4, 2], [4, 1, 3, 4, 3], [3, 5, 5, 4, 2]];
        let scored = |items: usize| {
            let rows: Vec<Vec<(&str, u8)>> = table
                .iter()
                .map(|s| names.iter().zip(s).take(items).map(|(n, v)| (*n, *v)).collect())
                .collect();
            let refs: Vec<&[(&str, u8)]> = rows.iter().map(Vec::as_slice).collect();
            run(&refs, vec![])
        };
        let a = scored(5);
        let g = group(&t, &a);
        assert_eq!(standout(&g), Standout::Yes);
        let ids = |list: Vec<&SlotGroup<'_>>| list.iter().map(|g| g.slot.item.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(disagree_most(&g, 2)), ["split", "wide"]);
        assert_eq!(ids(agree_most(&g, 2)), ["same", "calm"], "never the ones disagreed on");
        assert_eq!(ids(disagree_most(&g, 9)), ["split", "wide"], "only those above the mean spread");
        assert_eq!(ids(agree_most(&g, 9)), ["same", "calm", "near"]);
        let mean = mean_spread(&g).expect("five slots");
        let by_hand = (2.0 + 1.118_033_988 + 0.433_012_702 + 0.0 + 0.433_012_702) / 5.0;
        assert!((mean - by_hand).abs() < 1e-6, "{mean}");
        // Four items scored: too few for one to stand out, whatever their spreads.
        let four = scored(4);
        let g = group(&t, &four);
        assert_eq!(standout(&g), Standout::FewItems);
        assert!(disagree_most(&g, 3).is_empty() && agree_most(&g, 3).is_empty(), "too few items");
        let even = run(&[&[("calm", 2), ("split", 2)], &[("calm", 4), ("split", 4)]], vec![]);
        let g = group(&t, &even);
        assert!(disagree_most(&g, 3).is_empty() && agree_most(&g, 3).is_empty(), "nothing stands out");
    }

    /// Five items whose spreads lie a third of a step apart (0.5 against 0.83): none is called
    /// agreement beside another called disagreement.
    #[test]
    fn close_spreads_name_no_item() {
        let names = ["a", "b", "c", "d", "e"];
        let t = template(&names.map(|n| (n, false, None)), &[]);
        // a..d: 3,3,4,4 (0.5); e: 2,3,4,4 (0.83).
        let rows: Vec<Vec<(&str, u8)>> = [[3, 3, 3, 3, 2], [3, 3, 3, 3, 3], [4, 4, 4, 4, 4], [4, 4, 4, 4, 4]]
            .iter()
            .map(|s| names.iter().zip(s).map(|(n, v)| (*n, *v)).collect())
            .collect();
        let refs: Vec<&[(&str, u8)]> = rows.iter().map(Vec::as_slice).collect();
        let a = run(&refs, vec![]);
        let g = group(&t, &a);
        assert_eq!(standout(&g), Standout::Even);
        assert!(disagree_most(&g, 3).is_empty() && agree_most(&g, 3).is_empty());
    }

    #[test]
    fn the_gap_between_two_perspectives() {
        let t = template(&[("trust", false, None), ("test", false, None)], &["org", "me"]);
        let a = run(
            &[
                &[("trust/org", 2), ("trust/me", 4), ("test/org", 3), ("test/me", 3)],
                &[("trust/org", 2), ("trust/me", 5), ("test/org", 4)],
            ],
            vec![],
        );
        let g = group(&t, &a);
        let gaps = perspective_gaps(&t, &g);
        assert_eq!(gaps.len(), 2);
        assert_eq!(gaps[0].values, [Some(2.0), Some(4.5)]);
        assert_eq!(gaps[0].gap, Some(-2.5));
        assert_eq!(gaps[1].gap, Some(0.5));
        assert_eq!(widest_gaps(&gaps, 1)[0].item.id, "trust");
        assert!(perspective_gaps(&template(&[("x", false, None)], &[]), &[]).is_empty());
    }

    #[test]
    fn a_dimensions_gap_compares_only_items_answered_under_both() {
        let items = ["own", "together", "listen"].map(|id| fixtures::item(id, "d", false, None)).to_vec();
        let mut t = fixtures::template(1, 5, items);
        t.perspectives = ["org", "me"]
            .iter()
            .map(|p| Perspective { id: (*p).into(), name: text(p), extra: Extra::default() })
            .collect();
        // The organisation scores all three (2, 4, 3: mean 3), the individual only the first
        // (3): the dimension's means agree, but where both were asked they differ by −1.
        let a = run(&[&[("own/org", 2), ("together/org", 4), ("listen/org", 3), ("own/me", 3)]], vec![]);
        let gaps = perspective_gaps(&t, &group(&t, &a));
        let (dimensions, total) = gap_summaries(&t, &gaps);
        // The row shows the compared item's own values, 2 and 3, beside the −1.
        let summary = GapSummary { gap: Some(-1.0), paired: 1, items: 3, means: (Some(2.0), Some(3.0)) };
        assert_eq!(dimensions, [("d".to_owned(), summary)]);
        assert!(summary.is_partial() && summary.needs_its_count());
        assert_eq!(total, Some(summary));
        let none = run(&[&[("own/org", 2)]], vec![]);
        let gaps = perspective_gaps(&t, &group(&t, &none));
        let unpaired = GapSummary { gap: None, paired: 0, items: 3, means: (None, None) };
        assert_eq!(gap_summaries(&t, &gaps).1, Some(unpaired));
        assert!(!unpaired.needs_its_count(), "no gap, no count of what it is over");
        assert_eq!(gap_summaries(&template(&[("x", false, None)], &[]), &[]), (Vec::new(), None));
    }

    #[test]
    fn facet_percentages_spread_across_participants() {
        let mut t = template(
            &[
                ("m1", false, Some(Facet::MissionOriented)),
                ("m2", false, Some(Facet::MissionOriented)),
                ("a1", false, Some(Facet::Anticipatory)),
            ],
            &[],
        );
        t.scale = scale(0, 4);
        let a = run(
            &[&[("m1", 4), ("m2", 4), ("a1", 1)], &[("m1", 0), ("m2", 2), ("a1", 1)], &[("a1", 3)]],
            vec![],
        );
        let spreads = facet_spreads(&t, &a);
        assert_eq!(spreads[0].facet, Facet::MissionOriented);
        let mission = spreads[0].percents;
        assert_eq!((mission.n, mission.mean, mission.spread), (2, Some(62.5), Some(37.5)));
        assert_eq!((mission.lowest, mission.highest), (Some(25.0), Some(100.0)));
        let anticipatory = spreads[1].percents;
        assert_eq!(anticipatory.n, 3);
        assert_eq!(spreads[2].percents.n, 0, "nobody answered an enhancement statement");
        assert_eq!(spreads[2].percents.mean, None);
    }
}
