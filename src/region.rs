//! `fasett region FILE FILE…`: several municipalities' portfolios side by side, read-only.
//! Per municipality and pooled: the facet balance and its tendency (from [`crate::balance`]),
//! the lifecycle stages and statuses; checklist results of the same template compared (per
//! municipality the mean, the spread between its scopes and the spread within its groups);
//! benefit totals where the files have benefits; and initiatives that appear in more than one
//! municipality, as candidates for cooperation. A file that cannot be read is named with its
//! error and the rest are still shown.
//!
//! [`View`] holds the figures; `region/render.rs` writes them as Markdown or JSON, so another
//! format is one more function there.

mod render;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use jiff::civil::Date;

use crate::analysis;
use crate::balance::Balance;
use crate::i18n::Lang;
use crate::model::{BenefitKind, Currency, Id, Initiative, Portfolio, Status};
use crate::store;

pub use render::{Format, render};

/// Everything the region view shows, computed once.
#[derive(Debug, Clone)]
pub struct View {
    pub today: Date,
    /// In the order the files were named.
    pub members: Vec<Member>,
    /// All readable members' initiatives together.
    pub pooled: Figures,
    /// Per template that any member has run.
    pub checklists: Vec<Checklist>,
    /// Titles found in more than one member, most members first.
    pub candidates: Vec<Candidate>,
}

/// One file named on the command line.
#[derive(Debug, Clone)]
pub struct Member {
    /// As named on the command line.
    pub path: PathBuf,
    pub outcome: Result<Loaded, String>,
}

/// A file that was read.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The organisation's name, or the file's name when the profile has none.
    pub name: String,
    pub figures: Figures,
    /// An earlier member with the same portfolio identity: two copies of one portfolio.
    pub same_as: Option<usize>,
}

/// The counts of one member, or of all together.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    /// Initiatives in the portfolio ([`Initiative::in_portfolio`]); the statuses add up to it.
    pub initiatives: usize,
    /// Ideas waiting for a decision, counted apart (not in any other figure).
    pub ideas_waiting: usize,
    /// Active initiatives per facet, stage and track.
    pub balance: Balance,
    /// Initiatives not archived per status, in `Status::ALL` order.
    pub statuses: [usize; 4],
    /// Benefits per kind and unit, where the file has them.
    pub benefits: Vec<BenefitTotal>,
    /// The currency money benefits are in; pooled, `None` when the members' differ.
    pub currency: Option<Currency>,
    /// Pooled only: the members name different currencies, so money is not added up.
    pub mixed_currency: bool,
}

/// The benefits of one kind and unit added up.
#[derive(Debug, Clone, PartialEq)]
pub struct BenefitTotal {
    pub kind: BenefitKind,
    pub unit: String,
    pub count: usize,
    /// The target levels added up, as written (the JSON's `target`).
    pub target: f64,
    /// The latest measured level of each benefit added up (the JSON's `measured`).
    pub measured: f64,
    /// Money and time: the gains planned and realised, as [`crate::benefits::Sums`] adds
    /// them for the report (from each benefit's baseline towards its target).
    pub planned: f64,
    pub realised: f64,
}

/// One checklist template's results across the members.
#[derive(Debug, Clone)]
pub struct Checklist {
    pub template: String,
    pub name: String,
    pub scale: Option<(u8, u8)>,
    pub rows: Vec<ChecklistRow>,
}

/// A member's results of one template: the latest run of each scope.
#[derive(Debug, Clone)]
pub struct ChecklistRow {
    /// Index into [`View::members`].
    pub member: usize,
    /// Scopes with a scored latest run.
    pub runs: usize,
    /// The mean of those runs' means.
    pub mean: Option<f64>,
    /// Their standard deviation: how far the units or teams are apart; `None` below two
    /// scopes, where there is nothing to be apart.
    pub spread: Option<f64>,
    /// How much each group disagreed on an average item (the runs' mean spread, for those
    /// with participants' own scores), averaged over the scopes: the spread a run's own
    /// results show, which `spread` is not.
    pub group_spread: Option<f64>,
    pub latest: Date,
}

/// Initiatives of several members whose titles have the same words.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Member index, initiative number, title.
    pub entries: Vec<(usize, Id, String)>,
}

impl View {
    /// Reads the files (each on its own thread) and computes the view.
    pub fn read(paths: &[PathBuf], today: Date, lang: Lang) -> View {
        let loaded: Vec<Result<Portfolio, String>> = std::thread::scope(|scope| {
            let handles: Vec<_> = paths.iter().map(|path| scope.spawn(move || load(path, lang))).collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|panic| crate::threads::resume(panic)))
                .collect()
        });
        let named: Vec<(PathBuf, Result<Portfolio, String>)> = paths.iter().cloned().zip(loaded).collect();
        View::of(named, today, lang)
    }

    /// The view of portfolios already read (or the reason each could not be).
    pub fn of(files: Vec<(PathBuf, Result<Portfolio, String>)>, today: Date, lang: Lang) -> View {
        let mut members = Vec::new();
        let mut pooled = Figures::default();
        let mut identities: HashMap<String, usize> = HashMap::new();
        let mut portfolios = Vec::new();
        for (ix, (path, outcome)) in files.into_iter().enumerate() {
            let outcome = outcome.map(|p| {
                let mut figures = Figures::of(&p.initiatives);
                figures.currency = p.organisation.currency;
                pooled.add(&figures, &p.initiatives);
                pooled.add_currency(figures.currency);
                let same_as = (!p.id.is_empty()).then(|| *identities.entry(p.id.clone()).or_insert(ix));
                let name = match p.organisation.name.trim() {
                    "" => path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
                    name => name.to_owned(),
                };
                portfolios.push((ix, p));
                Loaded { name, figures, same_as: same_as.filter(|first| *first != ix) }
            });
            members.push(Member { path, outcome });
        }
        // Two files of one name (two copies, or a municipality's file twice) are told apart
        // by the file, so no column is taken for another.
        let mut seen: HashMap<String, usize> = HashMap::new();
        for m in &members {
            if let Ok(loaded) = &m.outcome {
                *seen.entry(loaded.name.clone()).or_default() += 1;
            }
        }
        for m in &mut members {
            if let Ok(loaded) = &mut m.outcome
                && seen.get(&loaded.name).is_some_and(|n| *n > 1)
            {
                loaded.name = format!("{} ({})", loaded.name, m.path.display());
            }
        }
        View {
            today,
            checklists: checklists(&portfolios, lang),
            candidates: candidates(&portfolios),
            members,
            pooled,
        }
    }

    /// Members that were read.
    pub fn loaded(&self) -> usize {
        self.members.iter().filter(|m| m.outcome.is_ok()).count()
    }

    /// Members that could not be read: the path as named and why (which names it too).
    pub fn failed(&self) -> impl Iterator<Item = (String, &str)> {
        self.members.iter().filter_map(|m| match &m.outcome {
            Ok(_) => None,
            Err(why) => Some((m.path.display().to_string(), why.as_str())),
        })
    }
}

/// A file read strictly, or why not, in one line in `lang` (as `fasett check` says it).
fn load(path: &std::path::Path, lang: Lang) -> Result<Portfolio, String> {
    match store::load(path) {
        Ok(Some(portfolio)) => Ok(portfolio),
        Ok(None) => Err(lang.tf("region.no_file", &[("path", &path.display())])),
        Err(e) => Err(e.localized_summary(lang)),
    }
}

impl Figures {
    fn of(initiatives: &[Initiative]) -> Figures {
        let mut figures = Figures::default();
        figures.add(&Figures::default(), initiatives);
        figures.benefits = benefit_totals(initiatives);
        figures
    }

    /// Counts `initiatives` in (the pooled figures also add the member's benefit totals).
    fn add(&mut self, member: &Figures, initiatives: &[Initiative]) {
        let open: Vec<&Initiative> = initiatives.iter().filter(|i| i.in_portfolio()).collect();
        self.initiatives += open.len();
        self.ideas_waiting += initiatives.iter().filter(|i| i.is_waiting_idea()).count();
        for i in &open {
            self.balance.add(i);
            let status = Status::ALL.iter().position(|s| *s == i.status).unwrap_or(0);
            self.statuses[status] += 1;
        }
        for total in &member.benefits {
            let key = crate::benefits::unit_key(&total.unit);
            let same =
                |b: &&mut BenefitTotal| b.kind == total.kind && crate::benefits::unit_key(&b.unit) == key;
            match self.benefits.iter_mut().find(same) {
                Some(b) => {
                    b.count += total.count;
                    b.target += total.target;
                    b.measured += total.measured;
                    b.planned += total.planned;
                    b.realised += total.realised;
                }
                None => self.benefits.push(total.clone()),
            }
        }
    }

    /// Takes in a member's currency: the pooled figures keep the one the members name, and
    /// pool no money once two name different ones (a member that names none fits any).
    fn add_currency(&mut self, currency: Option<Currency>) {
        match (self.currency, currency) {
            (None, Some(named)) if !self.mixed_currency => self.currency = Some(named),
            (Some(kept), Some(named)) if kept != named => {
                self.currency = None;
                self.mixed_currency = true;
            }
            _ => {}
        }
    }
}

/// Benefits added up per kind and unit: targets, and the latest measurement of each (a
/// measurement without a value, or none at all, counts 0).
fn benefit_totals(initiatives: &[Initiative]) -> Vec<BenefitTotal> {
    // Units that differ only in case or spaces are one unit, written as first met.
    let mut totals: BTreeMap<(BenefitKind, String), BenefitTotal> = BTreeMap::new();
    for i in initiatives.iter().filter(|i| crate::benefits::counts(i)) {
        for b in &i.benefits {
            let latest = b.measurements.iter().max_by_key(|m| m.date).and_then(|m| m.value).unwrap_or(0.0);
            let total = totals.entry((b.kind, crate::benefits::unit_key(&b.unit))).or_insert(BenefitTotal {
                kind: b.kind,
                unit: b.unit.trim().to_owned(),
                count: 0,
                target: 0.0,
                measured: 0.0,
                planned: 0.0,
                realised: 0.0,
            });
            total.count += 1;
            total.target += b.target.value.unwrap_or(0.0);
            total.measured += latest;
            // Each total is of one unit already: the benefit's own gain is added.
            if b.kind.is_summed() {
                total.planned += crate::benefits::planned(b).unwrap_or(0.0);
                total.realised += crate::benefits::realised(b).unwrap_or(0.0);
            }
        }
    }
    totals.into_values().collect()
}

/// Per template any member ran: each member's latest run per scope, their mean and spread.
fn checklists(portfolios: &[(usize, Portfolio)], lang: Lang) -> Vec<Checklist> {
    let mut out: BTreeMap<String, Checklist> = BTreeMap::new();
    for (member, p) in portfolios {
        let mut per_template: BTreeMap<&str, Vec<&analysis::ChecklistResult>> = BTreeMap::new();
        let results = analysis::checklist_results(p, lang);
        for r in &results {
            per_template.entry(r.template.as_str()).or_default().push(r);
        }
        for (template, runs) in per_template {
            let means: Vec<f64> = runs.iter().filter_map(|r| r.mean).collect();
            let group_spreads: Vec<f64> = runs.iter().filter_map(|r| r.spread).collect();
            let latest = runs.iter().map(|r| r.date).max().unwrap_or(runs[0].date);
            let checklist = out.entry(template.to_owned()).or_insert_with(|| Checklist {
                template: template.to_owned(),
                name: runs[0].name.clone(),
                scale: runs[0].scale,
                rows: Vec::new(),
            });
            checklist.rows.push(ChecklistRow {
                member: *member,
                runs: means.len(),
                mean: mean(&means),
                spread: spread(&means).filter(|_| means.len() >= 2),
                group_spread: mean(&group_spreads),
                latest,
            });
        }
    }
    let mut out: Vec<Checklist> = out.into_values().collect();
    out.sort_by(|a, b| b.rows.len().cmp(&a.rows.len()).then_with(|| a.name.cmp(&b.name)));
    out
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// The population standard deviation.
fn spread(values: &[f64]) -> Option<f64> {
    let m = mean(values)?;
    Some((values.iter().map(|v| (v - m).powi(2)).sum::<f64>() / values.len() as f64).sqrt())
}

/// The words of a title that make it what it is: folded (case, diacritics), split at
/// anything but letters and digits, words shorter than three letters left out, in order.
pub fn title_words(title: &str) -> String {
    let folded = crate::text::fold(title);
    let mut words: Vec<&str> =
        folded.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() >= 3).collect();
    words.sort_unstable();
    words.dedup();
    words.join(" ")
}

/// Initiatives of at least two members (in the portfolio, not stopped or completed) whose titles
/// have the same words.
fn candidates(portfolios: &[(usize, Portfolio)]) -> Vec<Candidate> {
    let mut groups: HashMap<String, Vec<(usize, Id, String)>> = HashMap::new();
    for (member, p) in portfolios {
        for i in p
            .initiatives
            .iter()
            .filter(|i| i.in_portfolio() && matches!(i.status, Status::Active | Status::Paused))
        {
            let words = title_words(&i.title);
            if !words.is_empty() {
                groups.entry(words).or_default().push((*member, i.id, i.title.clone()));
            }
        }
    }
    let mut out: Vec<Candidate> = groups
        .into_values()
        .filter(|entries| entries.iter().map(|(m, _, _)| m).collect::<HashSet<_>>().len() > 1)
        .map(|mut entries| {
            entries.sort_by_key(|(m, id, _)| (*m, *id));
            Candidate { entries }
        })
        .collect();
    let members = |c: &Candidate| c.entries.iter().map(|(m, _, _)| *m).collect::<HashSet<_>>().len();
    out.sort_by(|a, b| members(b).cmp(&members(a)).then_with(|| a.entries.cmp(&b.entries)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_with_the_same_words_match_whatever_case_accents_and_order() {
        assert_eq!(
            title_words("Digitala ansökningar om bygglov"),
            title_words("Bygglov: digitala ANSÖKNINGAR om")
        );
        assert_eq!(title_words("Äldreomsorg"), title_words("aldreomsorg"));
        assert_ne!(title_words("Digitala bygglov"), title_words("Digitala ansökningar om bygglov"));
        assert_eq!(title_words("AI i vården"), "varden");
    }

    #[test]
    fn two_copies_of_one_portfolio_are_told_apart_and_named_as_copies() {
        let mut p = crate::testing::sample();
        p.id = "same".into();
        let files = vec![
            (PathBuf::from("anna.json"), Ok(p.clone())),
            (PathBuf::from("bo.json"), Ok(p)),
            (PathBuf::from("broken.json"), Err("broken.json: line 1, column 1: not JSON".to_owned())),
        ];
        let view = View::of(files, crate::testing::TODAY, Lang::En);
        let names: Vec<&str> =
            view.members.iter().filter_map(|m| m.outcome.as_ref().ok()).map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["Sjöbacka kommun (anna.json)", "Sjöbacka kommun (bo.json)"]);
        assert_eq!(view.members[1].outcome.as_ref().ok().and_then(|l| l.same_as), Some(0));
        assert_eq!(view.loaded(), 2);
        assert_eq!(view.failed().count(), 1);
        assert_eq!(
            view.pooled.initiatives,
            2 * view.members[0].outcome.as_ref().map_or(0, |l| l.figures.initiatives)
        );
    }

    #[test]
    fn a_checklist_row_tells_the_spread_between_scopes_from_the_groups_own() {
        // The demo's climate checklist was run for one scope, by a group of seven whose
        // scores spread 0.8 on an average item: nothing lies between scopes, and the group's
        // own spread is the one its results show.
        let p = crate::testing::sample();
        let rows = |p: &Portfolio| {
            let all = checklists(&[(0, p.clone())], Lang::En);
            all.into_iter().find(|c| c.template == "innovation_climate").expect("run").rows
        };
        let row = rows(&p).remove(0);
        assert_eq!((row.runs, row.spread), (1, None));
        let own = analysis::checklist_results(&p, Lang::En)
            .into_iter()
            .find(|c| c.template == "innovation_climate")
            .and_then(|c| c.spread);
        assert!(own.is_some() && row.group_spread == own, "{:?} vs {own:?}", row.group_spread);
        // A second scope, scored one lower throughout: the scopes are apart.
        let mut two = p.clone();
        let mut other = two.assessments.iter().find(|a| a.id == 2).expect("October").clone();
        other.id = 99;
        other.scope = "Socialförvaltningen".into();
        other.responses.clear();
        for answer in &mut other.answers {
            answer.score = answer.score.map(|s| s.saturating_sub(1).max(1));
        }
        two.assessments.push(other);
        let row = rows(&two).remove(0);
        assert_eq!(row.runs, 2);
        assert!(row.spread.is_some_and(|s| s > 0.0), "{:?}", row.spread);
        assert_eq!(row.group_spread, own, "the scope without participants' scores adds none");
    }

    #[test]
    fn spread_is_zero_for_one_run_and_grows_with_distance() {
        assert_eq!(spread(&[3.0]), Some(0.0));
        assert_eq!(spread(&[2.0, 4.0]), Some(1.0));
        assert_eq!(spread(&[]), None);
    }
}
