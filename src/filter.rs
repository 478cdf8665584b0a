//! Which initiatives a list shows and in what order: the text filter typed after `/`, the
//! filter bar (facet, stage, status, track, unit, tag) shared by the Portfolio and
//! Initiatives panes, and the orders the register and the benefits list can be sorted in.
//! Pure functions over the portfolio.

mod index;
mod words;

pub use index::{Row, SearchIndex};

use crate::model::{Facet, Initiative, Stage, Status, Track, keyed_enum};
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
    /// Whether an initiative with `row` passes the facet, stage, status and track.
    fn passes_row(&self, row: &Row) -> bool {
        let f = self.filter;
        f.facet.is_none_or(|x| row.facet == x)
            && f.stage.is_none_or(|s| row.stage == s)
            && f.status.is_none_or(|s| row.status == s)
            && f.track.is_none_or(|t| row.track == Some(t))
    }

    /// Whether the unit or the tag is filtered on: a row does not have them.
    fn reads_record(&self) -> bool {
        self.unit.is_some() || self.tag.is_some()
    }

    /// Whether `initiative` passes the unit and the tag.
    fn passes_record(&self, initiative: &Initiative) -> bool {
        self.unit.as_ref().is_none_or(|u| fold(&initiative.unit) == *u)
            && self.tag.as_ref().is_none_or(|t| initiative.tags.iter().any(|x| fold(x) == *t))
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

keyed_enum! {
    /// The orders the benefits list can be sorted in (`s` there); the sorting itself is the
    /// benefits view's (`app/benefits/view.rs`), over its rows.
    #[derive(Default)]
    pub enum BenefitSort {
        /// By initiative, then as the initiative lists them.
        #[default]
        Initiative = "benefits.sort_initiative",
        /// Least realised first; benefits with no realisation last.
        Realisation = "benefits.sort_realisation",
        /// By kind, the largest planned gain first.
        Planned = "benefits.sort_planned",
        /// The earliest target date still to be followed up first; the rest last.
        Due = "benefits.sort_due",
        /// By owner; benefits without one first, as they need one.
        Owner = "benefits.sort_owner",
    }
}

impl SortKey {
    #[must_use]
    pub fn next(self) -> SortKey {
        crate::cycle::step(&SortKey::ALL, &self, true)
    }
}

fn source_parts(i: &Initiative) -> impl Iterator<Item = &str> {
    [&i.title, &i.description, &i.owner, &i.unit].into_iter().chain(&i.tags).map(String::as_str)
}

/// Title, description, owner, unit and tags, one per line.
fn source(i: &Initiative) -> String {
    let mut text = String::with_capacity(i.title.len() + i.description.len() + 64);
    write_source(i, &mut text);
    text
}

/// [`source`], written at the end of `text`.
fn write_source(i: &Initiative, text: &mut String) {
    for part in source_parts(i) {
        text.push_str(part);
        text.push('\n');
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Id, Portfolio};
    use jiff::civil::date;

    /// The ids to list, filtered and sorted, as the register asks the index for them.
    fn view(p: &Portfolio, filter: &Filter, sort: SortKey, archived: bool, index: &SearchIndex) -> Vec<Id> {
        index.view(&index.passing(p, filter), sort, archived)
    }

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
        assert!(index.is_of(&p));
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
        assert_eq!(ids(&p, &all, SortKey::Title, true), [1, 2, 3], "Ä sorts as A in English");
        let mut nordic = SearchIndex::build(&p);
        for collation in [crate::text::Collation::Swedish, crate::text::Collation::DanishNorwegian] {
            nordic.set_collation(collation);
            assert_eq!(view(&p, &all, SortKey::Title, true, &nordic), [2, 3, 1], "Ä after Z: {collation:?}");
        }
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
        for id in 1..=(index::BACKGROUND_INDEX as Id + 10) {
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
