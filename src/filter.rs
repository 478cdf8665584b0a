//! Which initiatives a list shows and in what order: the text filter typed after `/`, the
//! filter bar (facet, stage, status, track, unit, tag) shared by the Portfolio and
//! Initiatives panes, and the sort order. Pure functions over the portfolio.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock, PoisonError};
use std::thread::JoinHandle;

use crate::model::{Facet, Id, Initiative, Portfolio, Stage, Status, Track, keyed_enum};
use crate::text::fold;

/// What the lists are narrowed to. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub text: String,
    pub facet: Option<Facet>,
    pub stage: Option<Stage>,
    pub status: Option<Status>,
    pub track: Option<Track>,
    pub unit: Option<String>,
    pub tag: Option<String>,
}

impl Filter {
    /// No field of the filter bar is set (the text filter aside).
    pub fn bar_is_empty(&self) -> bool {
        self.facet.is_none()
            && self.stage.is_none()
            && self.status.is_none()
            && self.track.is_none()
            && self.unit.is_none()
            && self.tag.is_none()
    }

    pub fn is_empty(&self) -> bool {
        self.bar_is_empty() && self.text.trim().is_empty()
    }

    /// Whether `initiative` passes; `haystack` is its folded searchable text.
    pub fn matches(&self, initiative: &Initiative, haystack: &str) -> bool {
        self.matcher().matches(initiative, haystack)
    }

    /// The filter prepared for testing many initiatives: its text, unit and tag folded once.
    pub fn matcher(&self) -> Matcher<'_> {
        Matcher {
            filter: self,
            terms: fold(&self.text).split_whitespace().map(str::to_owned).collect(),
            unit: self.unit.as_deref().map(fold),
            tag: self.tag.as_deref().map(fold),
        }
    }
}

/// A [`Filter`] with what it compares folded once (see [`Filter::matcher`]).
#[derive(Debug)]
pub struct Matcher<'f> {
    filter: &'f Filter,
    terms: Vec<String>,
    unit: Option<String>,
    tag: Option<String>,
}

impl Matcher<'_> {
    /// Whether `initiative` passes, looking its folded text up in `index` only if the filter
    /// has text.
    pub fn passes(&self, initiative: &Initiative, index: &SearchIndex) -> bool {
        let haystack = if self.terms.is_empty() { "" } else { index.get(initiative.id) };
        self.matches(initiative, haystack)
    }

    /// Whether `initiative` passes; `haystack` is its folded searchable text.
    pub fn matches(&self, initiative: &Initiative, haystack: &str) -> bool {
        let f = self.filter;
        f.facet.is_none_or(|x| initiative.facet == x)
            && f.stage.is_none_or(|s| initiative.stage == s)
            && f.status.is_none_or(|s| initiative.status == s)
            && f.track.is_none_or(|t| initiative.track == Some(t))
            && self.unit.as_ref().is_none_or(|u| fold(&initiative.unit) == *u)
            && self.tag.as_ref().is_none_or(|t| initiative.tags.iter().any(|x| fold(x) == *t))
            && self.terms.iter().all(|term| haystack.contains(term.as_str()))
    }
}

keyed_enum! {
    /// The orders `s` cycles through.
    #[derive(Default)]
    pub enum SortKey {
        #[default]
        Number = "sort.number",
        Title = "sort.title",
        Facet = "sort.facet",
        Stage = "sort.stage",
        FollowUp = "sort.follow_up",
        Updated = "sort.updated",
    }
}

impl SortKey {
    #[must_use]
    pub fn next(self) -> SortKey {
        crate::cycle::step(&SortKey::ALL, &self, true)
    }
}

/// Folded searchable text per initiative, rebuilt only when the portfolio changes, so typing
/// in the filter does not fold every description again on each key. Each entry keeps the text
/// it was folded from, so [`SearchIndex::refresh`] after an edit folds only what changed.
///
/// A large portfolio's index is folded on another thread while the first frame is drawn; it
/// is waited for only when a text filter first needs it.
#[derive(Debug, Default)]
pub struct SearchIndex {
    folded: OnceLock<HashMap<Id, Entry>>,
    pending: Mutex<Option<JoinHandle<HashMap<Id, Entry>>>>,
}

#[derive(Debug)]
struct Entry {
    source: String,
    folded: String,
}

/// From this many initiatives on, the index is folded in the background.
const BACKGROUND_INDEX: usize = 2_000;

impl SearchIndex {
    pub fn build(portfolio: &Portfolio) -> Self {
        if portfolio.initiatives.len() >= BACKGROUND_INDEX {
            let sources: Vec<(Id, String)> =
                portfolio.initiatives.iter().map(|i| (i.id, source(i))).collect();
            let fold_all = move || {
                sources
                    .into_iter()
                    .map(|(id, source)| (id, Entry { folded: fold(&source), source }))
                    .collect()
            };
            // Without a thread to be had, the index is folded here and now.
            if let Ok(handle) = std::thread::Builder::new().name("search-index".into()).spawn(fold_all) {
                return Self { folded: OnceLock::new(), pending: Mutex::new(Some(handle)) };
            }
        }
        let mut index = Self { folded: OnceLock::from(HashMap::new()), pending: Mutex::default() };
        index.refresh(portfolio);
        index
    }

    fn entries(&self) -> &HashMap<Id, Entry> {
        self.folded.get_or_init(|| {
            let pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner).take();
            pending
                .map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
                .unwrap_or_default()
        })
    }

    /// Brings the index up to date with `portfolio`, folding again only initiatives whose
    /// searchable text changed (folding is what costs: one edit in 10,000 stays fast).
    pub fn refresh(&mut self, portfolio: &Portfolio) {
        self.entries();
        let Some(folded) = self.folded.get_mut() else { return };
        for i in &portfolio.initiatives {
            match folded.get_mut(&i.id) {
                Some(entry) if is_source_of(&entry.source, i) => {}
                Some(entry) => {
                    entry.source = source(i);
                    entry.folded = fold(&entry.source);
                }
                None => {
                    let source = source(i);
                    folded.insert(i.id, Entry { folded: fold(&source), source });
                }
            }
        }
        if folded.len() > portfolio.initiatives.len() {
            folded.retain(|id, _| portfolio.initiative(*id).is_some());
        }
    }

    /// Brings the index up to date after an edit of the initiatives `ids` only (created,
    /// edited or deleted): one edit in 100,000 does not look at the others.
    pub fn refresh_ids(&mut self, portfolio: &Portfolio, ids: &[Id]) {
        self.entries();
        let Some(folded) = self.folded.get_mut() else { return };
        for id in ids {
            match portfolio.initiative(*id) {
                Some(i) if folded.get(id).is_some_and(|entry| is_source_of(&entry.source, i)) => {}
                Some(i) => {
                    let source = source(i);
                    folded.insert(*id, Entry { folded: fold(&source), source });
                }
                None => {
                    folded.remove(id);
                }
            }
        }
    }

    pub fn get(&self, id: Id) -> &str {
        self.entries().get(&id).map_or("", |e| e.folded.as_str())
    }
}

fn source_parts(i: &Initiative) -> impl Iterator<Item = &str> {
    [&i.title, &i.description, &i.owner, &i.unit].into_iter().chain(&i.tags).map(String::as_str)
}

/// Title, description, owner, unit and tags, one per line.
fn source(i: &Initiative) -> String {
    let mut text = String::with_capacity(i.title.len() + i.description.len() + 64);
    for part in source_parts(i) {
        text.push_str(part);
        text.push('\n');
    }
    text
}

/// Whether `text` is `source(i)`, without building it.
fn is_source_of(text: &str, i: &Initiative) -> bool {
    let mut rest = text;
    for part in source_parts(i) {
        match rest.strip_prefix(part).and_then(|r| r.strip_prefix('\n')) {
            Some(r) => rest = r,
            None => return false,
        }
    }
    rest.is_empty()
}

/// Title, description, owner, unit and tags, folded for search.
pub fn searchable(i: &Initiative) -> String {
    fold(&source(i))
}

/// The ids to list, filtered and sorted. Archived initiatives only with `show_archived`.
pub fn view(
    portfolio: &Portfolio,
    filter: &Filter,
    sort: SortKey,
    show_archived: bool,
    index: &SearchIndex,
) -> Vec<Id> {
    let matcher = filter.matcher();
    let mut shown: Vec<&Initiative> = portfolio
        .initiatives
        .iter()
        .filter(|i| (show_archived || !i.archived) && matcher.passes(i, index))
        .collect();
    match sort {
        SortKey::Number => {}
        // Each title folded once, and no lookups while sorting.
        SortKey::Title => shown.sort_by_cached_key(|i| (fold(&i.title), i.id)),
        SortKey::Facet => shown.sort_by_key(|i| (i.facet, i.id)),
        SortKey::Stage => shown.sort_by_key(|i| (i.stage, i.id)),
        SortKey::FollowUp => shown.sort_by(|a, b| by_follow_up(a, b)),
        SortKey::Updated => shown.sort_by(|a, b| b.updated.cmp(&a.updated).then(a.id.cmp(&b.id))),
    }
    shown.into_iter().map(|i| i.id).collect()
}

/// Soonest follow-up first; initiatives without one last.
fn by_follow_up(a: &Initiative, b: &Initiative) -> Ordering {
    match (a.follow_up, b.follow_up) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then(a.id.cmp(&b.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn refreshing_the_touched_initiatives_equals_folding_everything_again() {
        let mut p = portfolio();
        let mut index = SearchIndex::build(&p);
        p.initiatives[0].title = "Ändrad titel".into();
        let gone = p.initiatives.remove(1).id;
        let new = Initiative { id: 99, title: "Ny".into(), ..Initiative::default() };
        p.initiatives.push(new);
        index.refresh_ids(&p, &[p.initiatives[0].id, gone, 99]);
        let fresh = SearchIndex::build(&p);
        assert_eq!(index.entries().len(), fresh.entries().len());
        for i in &p.initiatives {
            assert_eq!(index.get(i.id), fresh.get(i.id), "#{}", i.id);
        }
    }

    fn portfolio() -> Portfolio {
        let mut p = Portfolio::default();
        let mk = |id, title: &str, facet, stage| Initiative {
            id,
            title: title.into(),
            facet,
            stage,
            ..Initiative::default()
        };
        p.initiatives = vec![
            mk(1, "Äldreomsorg med sensorer", Facet::Adaptive, Stage::Implementing),
            mk(2, "Bygglov digitalt", Facet::EnhancementOriented, Stage::GeneratingIdeas),
            mk(3, "Fossilfri 2030", Facet::MissionOriented, Stage::IdentifyingProblems),
        ];
        p.initiatives[1].owner = "Åsa Öberg".into();
        p.initiatives[1].tags = vec!["Digitalisering".into()];
        p.initiatives[1].follow_up = Some(date(2026, 12, 1));
        p.initiatives[2].follow_up = Some(date(2026, 11, 1));
        p.initiatives[2].archived = true;
        p
    }

    fn ids(p: &Portfolio, filter: &Filter, sort: SortKey, archived: bool) -> Vec<Id> {
        view(p, filter, sort, archived, &SearchIndex::build(p))
    }

    #[test]
    fn text_filter_ignores_case_and_diacritics_and_needs_every_word() {
        let p = portfolio();
        let f = |t: &str| Filter { text: t.into(), ..Filter::default() };
        assert_eq!(ids(&p, &f("aldre"), SortKey::Number, false), [1]);
        assert_eq!(ids(&p, &f("asa oberg"), SortKey::Number, false), [2], "owner is searched");
        assert_eq!(ids(&p, &f("digitali"), SortKey::Number, false), [2], "tags are searched");
        assert_eq!(ids(&p, &f("aldre bygglov"), SortKey::Number, false), Vec::<Id>::new());
        assert_eq!(ids(&p, &f("   "), SortKey::Number, false), [1, 2]);
    }

    #[test]
    fn archived_initiatives_only_on_request() {
        let p = portfolio();
        assert_eq!(ids(&p, &Filter::default(), SortKey::Number, false), [1, 2]);
        assert_eq!(ids(&p, &Filter::default(), SortKey::Number, true), [1, 2, 3]);
    }

    #[test]
    fn bar_fields_narrow() {
        let p = portfolio();
        let f = Filter { facet: Some(Facet::Adaptive), ..Filter::default() };
        assert_eq!(ids(&p, &f, SortKey::Number, true), [1]);
        let f = Filter { tag: Some("digitalisering".into()), ..Filter::default() };
        assert_eq!(ids(&p, &f, SortKey::Number, true), [2]);
        let f = Filter { stage: Some(Stage::Evaluating), ..Filter::default() };
        assert!(ids(&p, &f, SortKey::Number, true).is_empty());
    }

    #[test]
    fn every_sort_order() {
        let p = portfolio();
        let all = Filter::default();
        assert_eq!(ids(&p, &all, SortKey::Title, true), [1, 2, 3], "Ä sorts as A");
        assert_eq!(ids(&p, &all, SortKey::Facet, true), [3, 2, 1]);
        assert_eq!(ids(&p, &all, SortKey::Stage, true), [3, 2, 1]);
        assert_eq!(ids(&p, &all, SortKey::FollowUp, true), [3, 2, 1], "no date last");
        let mut key = SortKey::Number;
        for _ in 0..SortKey::ALL.len() {
            key = key.next();
        }
        assert_eq!(key, SortKey::Number, "the cycle comes back");
    }

    #[test]
    fn refreshing_the_index_folds_only_what_changed_and_forgets_the_deleted() {
        let mut p = Portfolio::default();
        for (id, title) in [(1, "Äldre"), (2, "Skola")] {
            p.initiatives.push(Initiative { id, title: title.into(), ..Initiative::default() });
        }
        let mut index = SearchIndex::build(&p);
        assert!(index.get(1).contains("aldre"));
        p.initiatives[1].title = "Förskola".into();
        p.initiatives[1].tags = vec!["barn".into()];
        p.initiatives.remove(0);
        index.refresh(&p);
        assert_eq!(index.get(1), "");
        assert_eq!(index.get(2), searchable(&p.initiatives[0]));
        assert!(index.get(2).contains("forskola") && index.get(2).contains("barn"));
    }

    #[test]
    fn a_large_index_folded_in_the_background_is_the_same() {
        let mut p = Portfolio::default();
        for id in 1..=(BACKGROUND_INDEX as Id + 10) {
            p.initiatives.push(Initiative { id, title: format!("Äldre {id}"), ..Initiative::default() });
        }
        let mut index = SearchIndex::build(&p);
        assert_eq!(index.get(7), searchable(&p.initiatives[6]));
        p.initiatives[0].title = "Förskola".into();
        index.refresh(&p);
        assert!(index.get(1).contains("forskola"));
        let aldre = Filter { text: "aldre".into(), ..Filter::default() };
        assert_eq!(view(&p, &aldre, SortKey::Number, false, &index).len(), p.initiatives.len() - 1);
    }
}
