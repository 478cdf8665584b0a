//! The lists' index of the initiatives, in the portfolio's order (by id): per initiative, what
//! the filter bar, the grid and the sort orders look at, in a few bytes ([`Row`]); the folded
//! searchable texts one after another in one buffer, and their words (`filter/words.rs`); and
//! each sort order, worked out once and then kept up to date. A key at 100,000 initiatives
//! reads these few megabytes instead of every record (about 60 MB, which no cache holds).
//!
//! It is kept up to date by the one path every change of the portfolio takes (the app's
//! commit, undo, redo and replacing the portfolio), never written to from anywhere else.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::sync::{Mutex, OnceLock, PoisonError};
use std::thread::JoinHandle;

use jiff::Timestamp;
use jiff::civil::Date;

use super::words::Words;
use super::{Filter, SortKey, is_source_of, source, source_parts, write_source};
use crate::model::{Facet, Id, Initiative, Portfolio, Priority, Stage, Status, Track};
use crate::text::{Collation, fold, own_sort_key};

/// What the filter bar, the grid and the balance look at in one initiative, in 12 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub id: Id,
    pub facet: Facet,
    pub stage: Stage,
    pub status: Status,
    pub track: Option<Track>,
    pub priority: Priority,
    pub archived: bool,
    /// An idea still in triage ([`Initiative::is_untriaged`]): the grid leaves it out.
    pub untriaged: bool,
    /// Counted in the balance ([`Initiative::is_active`]).
    pub active: bool,
}

impl Row {
    pub fn of(i: &Initiative) -> Self {
        Self {
            id: i.id,
            facet: i.facet,
            stage: i.stage,
            status: i.status,
            track: i.track,
            priority: i.priority,
            archived: i.archived,
            untriaged: i.is_untriaged(),
            active: i.is_active(),
        }
    }
}

/// The dates two sort orders compare, read only while sorting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Dates {
    follow_up: Option<Date>,
    updated: Option<Timestamp>,
}

impl Dates {
    fn of(i: &Initiative) -> Self {
        Self { follow_up: i.follow_up, updated: i.updated }
    }
}

/// Texts one after another in one buffer, each found by its position. A text replaced or
/// removed leaves its bytes behind until they are half the buffer; then the live texts are
/// copied together again.
#[derive(Debug, Default)]
struct Arena {
    text: String,
    spans: Vec<(usize, usize)>,
    stale: usize,
}

impl Arena {
    fn get(&self, p: usize) -> &str {
        self.spans.get(p).map_or("", |&(start, end)| &self.text[start..end])
    }

    fn append(&mut self, text: &str) -> (usize, usize) {
        let start = self.text.len();
        self.text.push_str(text);
        (start, self.text.len())
    }

    fn push(&mut self, text: &str) {
        let span = self.append(text);
        self.spans.push(span);
    }

    fn set(&mut self, p: usize, text: &str) {
        let (start, end) = self.spans[p];
        self.stale += end - start;
        self.spans[p] = self.append(text);
        self.compact();
    }

    fn insert(&mut self, p: usize, text: &str) {
        let span = self.append(text);
        self.spans.insert(p, span);
    }

    fn remove(&mut self, p: usize) {
        let (start, end) = self.spans.remove(p);
        self.stale += end - start;
        self.compact();
    }

    fn compact(&mut self) {
        if self.stale * 2 <= self.text.len() {
            return;
        }
        let mut text = String::with_capacity(self.text.len() - self.stale);
        for span in &mut self.spans {
            let start = text.len();
            text.push_str(&self.text[span.0..span.1]);
            *span = (start, text.len());
        }
        self.text = text;
        self.stale = 0;
    }
}

/// The searchable texts: each as written (to tell whether an edit changed it) and folded,
/// where its folded title ends (the title order compares that), and their words.
#[derive(Debug, Default)]
struct Texts {
    sources: Arena,
    folded: Arena,
    titles: Vec<usize>,
    words: Words,
}

impl Texts {
    /// Folds every text of `sources`, whose titles are `title_lens` bytes long.
    fn fold_all(sources: Arena, title_lens: &[usize]) -> Self {
        let mut folded = Arena::default();
        folded.text.reserve(sources.text.len() + sources.text.len() / 16);
        let mut titles = Vec::with_capacity(sources.spans.len());
        for (p, title_len) in title_lens.iter().enumerate() {
            let source = sources.get(p);
            let text = fold(source);
            titles.push(title_end(&text, &source[..*title_len]));
            folded.push(&text);
        }
        let mut texts = Self { sources, folded, titles, words: Words::default() };
        texts.find_words();
        texts
    }

    /// Lists the words of every text again (after many changes at once).
    fn find_words(&mut self) {
        self.words = Words::of((0..self.titles.len()).map(|p| self.folded.get(p)));
    }

    /// The folded title at `p`; "" in an index without texts (`SearchIndex::without_texts`).
    fn title(&self, p: usize) -> &str {
        let text = self.folded.get(p);
        &text[..self.titles.get(p).map_or(0, |end| (*end).min(text.len()))]
    }

    /// The title at `p` as written (for the title order, which folds it as the language
    /// sorts); "" in an index without texts.
    fn source_title(&self, p: usize) -> &str {
        let lines = memchr::memchr_iter(b'\n', self.title(p).as_bytes()).count();
        let source = self.sources.get(p);
        &source[..memchr::memchr_iter(b'\n', source.as_bytes()).nth(lines).unwrap_or(source.len())]
    }

    /// The texts of `i` at `p` (an existing entry), folded again only if they changed; its
    /// words are mended too when `words` is set (else [`Self::find_words`] is to follow).
    /// Whether they changed.
    fn update(&mut self, p: usize, i: &Initiative, words: bool) -> bool {
        if is_source_of(self.sources.get(p), i) {
            return false;
        }
        let source = source(i);
        let text = fold(&source);
        if words {
            self.words.replace(p, self.folded.get(p), &text);
        }
        self.titles[p] = title_end(&text, &i.title);
        self.folded.set(p, &text);
        self.sources.set(p, &source);
        true
    }

    fn insert(&mut self, p: usize, i: &Initiative, words: bool) {
        let source = source(i);
        let text = fold(&source);
        if words {
            self.words.insert(p, &text);
        }
        self.titles.insert(p, title_end(&text, &i.title));
        self.folded.insert(p, &text);
        self.sources.insert(p, &source);
    }

    fn remove(&mut self, p: usize, words: bool) {
        if words {
            self.words.remove(p, self.folded.get(p));
        }
        self.titles.remove(p);
        self.folded.remove(p);
        self.sources.remove(p);
    }
}

/// Where the folded title ends in `folded`, the folded text that begins with `title`. Folding
/// keeps line breaks as they are and makes none, so the title ends at the line break after as
/// many as it has itself.
fn title_end(folded: &str, title: &str) -> usize {
    let lines = memchr::memchr_iter(b'\n', title.as_bytes()).count();
    memchr::memchr_iter(b'\n', folded.as_bytes()).nth(lines).unwrap_or(folded.len())
}

/// From this many initiatives on, the texts are folded in the background.
pub(super) const BACKGROUND_INDEX: usize = 2_000;

/// More initiatives than this touched by one change, and the sort orders are worked out
/// again when next asked for rather than mended one initiative at a time.
const MEND_AT_MOST: usize = 64;

/// The index of the initiatives the lists are made from (see the module's documentation).
///
/// The texts of a large portfolio are folded on another thread while the first frame is
/// drawn; they are waited for only when a text filter or the title order first needs them.
#[derive(Debug, Default)]
pub struct SearchIndex {
    rows: Vec<Row>,
    dates: Vec<Dates>,
    texts: OnceLock<Texts>,
    pending: Mutex<Option<JoinHandle<Texts>>>,
    /// Each order of [`SortKey`] (by its place in `SortKey::ALL`) as positions, once asked for;
    /// the number order is the positions themselves.
    orders: [OnceLock<Vec<u32>>; SortKey::ALL.len()],
    /// How the title order orders letters beyond Z (the interface's language).
    collation: Collation,
}

impl SearchIndex {
    /// The index of an app that is only drawn (see `app::Options::drawn_only`): the rows and
    /// dates the lists and the grid are made from, and no texts: a text filter would find
    /// nothing in it, and the title order is the number order.
    pub fn without_texts(portfolio: &Portfolio) -> Self {
        let initiatives = &portfolio.initiatives;
        Self {
            rows: initiatives.iter().map(Row::of).collect(),
            dates: initiatives.iter().map(Dates::of).collect(),
            texts: OnceLock::from(Texts::default()),
            ..Self::default()
        }
    }

    pub fn build(portfolio: &Portfolio) -> Self {
        let initiatives = &portfolio.initiatives;
        // One walk over the records for everything but the folding (the records are most of a
        // large portfolio's memory), the texts copied into one buffer sized beforehand.
        let bytes =
            initiatives.iter().map(|i| source_parts(i).map(|part| part.len() + 1).sum::<usize>()).sum();
        let mut sources = Arena { text: String::with_capacity(bytes), ..Arena::default() };
        sources.spans.reserve(initiatives.len());
        let (mut rows, mut dates, mut title_lens) = (Vec::new(), Vec::new(), Vec::new());
        rows.reserve(initiatives.len());
        dates.reserve(initiatives.len());
        title_lens.reserve(initiatives.len());
        for i in initiatives {
            rows.push(Row::of(i));
            dates.push(Dates::of(i));
            title_lens.push(i.title.len());
            let start = sources.text.len();
            write_source(i, &mut sources.text);
            sources.spans.push((start, sources.text.len()));
        }
        let index = Self { rows, dates, ..Self::default() };
        if initiatives.len() < BACKGROUND_INDEX {
            return Self { texts: OnceLock::from(Texts::fold_all(sources, &title_lens)), ..index };
        }
        // The thread has `sources` to itself; without a thread to be had, they are made again
        // and folded here and now.
        let fold_all = move || Texts::fold_all(sources, &title_lens);
        if let Ok(handle) = std::thread::Builder::new().name("search-index".into()).spawn(fold_all) {
            return Self { pending: Mutex::new(Some(handle)), ..index };
        }
        let mut texts = Texts::default();
        for (p, i) in initiatives.iter().enumerate() {
            texts.insert(p, i, false);
        }
        texts.find_words();
        Self { texts: OnceLock::from(texts), ..index }
    }

    fn texts(&self) -> &Texts {
        self.texts.get_or_init(|| {
            let pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner).take();
            pending
                .map(|h| h.join().unwrap_or_else(|panic| crate::threads::resume(panic)))
                .unwrap_or_default()
        })
    }

    /// The texts, waited for if they are being folded, to be changed.
    fn texts_mut(&mut self) -> &mut Texts {
        self.texts();
        self.texts.get_mut().expect("the texts are there once waited for")
    }

    /// Orders titles as `collation` does from now on (after a change of language).
    pub fn set_collation(&mut self, collation: Collation) {
        if collation != self.collation {
            self.collation = collation;
            self.orders[SortKey::Title as usize] = OnceLock::new();
        }
    }

    /// Each initiative's row, in the portfolio's order.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Whether the index is of `portfolio`'s initiatives: one for each, in its order. (Only
    /// a portfolio changed behind the app's back, as a test may do, makes it not so.)
    pub fn is_of(&self, portfolio: &Portfolio) -> bool {
        let initiatives = &portfolio.initiatives;
        self.rows.len() == initiatives.len()
            && self.rows.first().map(|r| r.id) == initiatives.first().map(|i| i.id)
            && self.rows.last().map(|r| r.id) == initiatives.last().map(|i| i.id)
    }

    /// The folded searchable text of the initiative `id` ("" if there is none).
    pub fn get(&self, id: Id) -> &str {
        match self.rows.binary_search_by_key(&id, |r| r.id) {
            Ok(p) => self.texts().folded.get(p),
            Err(_) => "",
        }
    }

    /// Brings the index up to date with a whole new `portfolio`, folding again only texts that
    /// changed (folding is what costs: reading the file again after one edit stays fast).
    pub fn refresh(&mut self, portfolio: &Portfolio) {
        let old_ids: Vec<Id> = self.rows.iter().map(|r| r.id).collect();
        let old = std::mem::take(self.texts_mut());
        let mut texts = Texts::default();
        let mut at = 0;
        for i in &portfolio.initiatives {
            while old_ids.get(at).is_some_and(|id| *id < i.id) {
                at += 1;
            }
            let kept = old_ids.get(at) == Some(&i.id) && is_source_of(old.sources.get(at), i);
            if kept {
                texts.titles.push(old.titles[at]);
                texts.folded.push(old.folded.get(at));
                texts.sources.push(old.sources.get(at));
            } else {
                let end = texts.titles.len();
                texts.insert(end, i, false);
            }
        }
        texts.find_words();
        self.texts = OnceLock::from(texts);
        self.rows = portfolio.initiatives.iter().map(Row::of).collect();
        self.dates = portfolio.initiatives.iter().map(Dates::of).collect();
        self.orders = Default::default();
    }

    /// Brings the index up to date after an edit of the initiatives `ids` only (created,
    /// edited or deleted): one edit in 100,000 does not look at the others, and the sort
    /// orders are mended where they changed rather than sorted again.
    pub fn refresh_ids(&mut self, portfolio: &Portfolio, ids: &[Id]) {
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        // Many at once (an import, its undo): the orders and the words are made again after.
        let mend = ids.len() <= MEND_AT_MOST;
        if !mend {
            self.orders = Default::default();
        }
        for id in ids {
            let new = portfolio.initiative(id);
            match (self.rows.binary_search_by_key(&id, |r| r.id), new) {
                (Ok(p), Some(i)) => self.update(p, i, mend),
                (Ok(p), None) => self.remove(p, mend),
                (Err(p), Some(i)) => self.insert(p, i, mend),
                (Err(_), None) => {}
            }
        }
        if !mend {
            self.texts_mut().find_words();
        }
    }

    fn update(&mut self, p: usize, i: &Initiative, mend: bool) {
        let (row, dates) = (Row::of(i), Dates::of(i));
        let title = self.texts_mut().update(p, i, mend);
        let (old_row, old_dates) = (self.rows[p], self.dates[p]);
        self.rows[p] = row;
        self.dates[p] = dates;
        for sort in SortKey::ALL {
            let moved = match sort {
                SortKey::Number => false,
                SortKey::Title => title,
                SortKey::Facet => row.facet != old_row.facet,
                SortKey::Stage => row.stage != old_row.stage,
                SortKey::FollowUp => dates.follow_up != old_dates.follow_up,
                SortKey::Updated => dates.updated != old_dates.updated,
            };
            if moved {
                self.mend(sort, |order| order.retain(|q| *q as usize != p), p);
            }
        }
    }

    fn remove(&mut self, p: usize, mend: bool) {
        self.texts_mut().remove(p, mend);
        self.rows.remove(p);
        self.dates.remove(p);
        for order in self.orders.iter_mut().filter_map(OnceLock::get_mut) {
            order.retain(|q| *q as usize != p);
            for q in order.iter_mut().filter(|q| **q as usize > p) {
                *q -= 1;
            }
        }
    }

    fn insert(&mut self, p: usize, i: &Initiative, mend: bool) {
        self.texts_mut().insert(p, i, mend);
        self.rows.insert(p, Row::of(i));
        self.dates.insert(p, Dates::of(i));
        for sort in SortKey::ALL {
            let shift = |order: &mut Vec<u32>| {
                for q in order.iter_mut().filter(|q| **q as usize >= p) {
                    *q += 1;
                }
            };
            self.mend(sort, shift, p);
        }
    }

    /// Puts `p` back into the order `sort` (if it has been worked out) where it now belongs,
    /// after `take_out` has taken it out or made room for it.
    fn mend(&mut self, sort: SortKey, take_out: impl FnOnce(&mut Vec<u32>), p: usize) {
        let Self { rows, dates, texts, orders, collation, .. } = self;
        let Some(order) = orders[sort as usize].get_mut() else { return };
        take_out(order);
        let by = By { rows, dates, texts: texts.get(), collation: *collation };
        let at = order.partition_point(|q| by.compare(sort, *q as usize, p).is_lt());
        order.insert(at, p as u32);
    }
}

impl SearchIndex {
    /// Which initiatives pass `filter`, by position: one pass over the rows, and for each
    /// term of its text a look through the words.
    pub fn passing(&self, portfolio: &Portfolio, filter: &Filter) -> Vec<bool> {
        if filter.is_empty() {
            return vec![true; self.rows.len()];
        }
        let matcher = filter.matcher();
        let records = &portfolio.initiatives;
        let record = matcher.reads_record();
        let mut passing: Vec<bool> = (self.rows.iter().enumerate())
            .map(|(p, row)| {
                matcher.passes_row(row)
                    && (!record || records.get(p).is_some_and(|i| matcher.passes_record(i)))
            })
            .collect();
        for term in &matcher.terms {
            let mut found = vec![false; passing.len()];
            self.texts().words.mark_containing(term, &mut found);
            for (passes, found) in passing.iter_mut().zip(found) {
                *passes &= found;
            }
        }
        passing
    }

    /// The ids to list, in the order `sort`: those `passing` (see [`Self::passing`]), and the
    /// archived among them only with `show_archived`; never ideas still in triage (the
    /// register is the portfolio; the intake list has the ideas).
    pub fn view(&self, passing: &[bool], sort: SortKey, show_archived: bool) -> Vec<Id> {
        let shown = |p: &usize| {
            let row = &self.rows[*p];
            passing.get(*p).copied().unwrap_or(false) && !row.untriaged && (show_archived || !row.archived)
        };
        let id = |p: usize| self.rows[p].id;
        match self.order(sort) {
            None => (0..self.rows.len()).filter(shown).map(id).collect(),
            Some(order) => order.iter().map(|q| *q as usize).filter(shown).map(id).collect(),
        }
    }

    /// The positions in the order `sort`, worked out the first time (`None` for the number
    /// order, which is the positions' own).
    fn order(&self, sort: SortKey) -> Option<&[u32]> {
        if sort == SortKey::Number {
            return None;
        }
        let order = self.orders[sort as usize].get_or_init(|| {
            let texts = (sort == SortKey::Title).then(|| self.texts());
            let by = By { rows: &self.rows, dates: &self.dates, texts, collation: self.collation };
            let mut order: Vec<u32> = (0..self.rows.len() as u32).collect();
            if sort == SortKey::Title {
                // Each title's key made once, not at every comparison.
                let keys: Vec<Cow<'_, str>> = (0..self.rows.len()).map(|p| by.title_key(p)).collect();
                order.sort_unstable_by(|a, b| keys[*a as usize].cmp(&keys[*b as usize]).then(a.cmp(b)));
            } else {
                order.sort_unstable_by(|a, b| by.compare(sort, *a as usize, *b as usize));
            }
            order
        });
        Some(order)
    }
}

/// What the orders compare the initiatives by: their rows, their dates and, for the title
/// order, their titles as the language sorts them.
struct By<'a> {
    rows: &'a [Row],
    dates: &'a [Dates],
    texts: Option<&'a Texts>,
    collation: Collation,
}

impl By<'_> {
    /// The title at `p` as [`crate::text::sort_key`] folds it: its folded title unless it
    /// has a letter the language sorts apart ("" without texts: the number order).
    fn title_key(&self, p: usize) -> Cow<'_, str> {
        let Some(texts) = self.texts else { return Cow::Borrowed("") };
        own_sort_key(texts.source_title(p), self.collation).map_or(Cow::Borrowed(texts.title(p)), Cow::Owned)
    }

    /// How the initiatives at positions `a` and `b` compare in the order `sort`; ties go by
    /// number (the positions are in number order).
    fn compare(&self, sort: SortKey, a: usize, b: usize) -> Ordering {
        let (rows, dates) = (self.rows, self.dates);
        match sort {
            SortKey::Number => Ordering::Equal,
            SortKey::Title => self.title_key(a).cmp(&self.title_key(b)),
            SortKey::Facet => rows[a].facet.cmp(&rows[b].facet),
            SortKey::Stage => rows[a].stage.cmp(&rows[b].stage),
            SortKey::FollowUp => by_follow_up(dates[a].follow_up, dates[b].follow_up),
            // Latest first; never updated last.
            SortKey::Updated => dates[b].updated.cmp(&dates[a].updated),
        }
        .then(a.cmp(&b))
    }
}

/// Soonest follow-up first; initiatives without one last.
fn by_follow_up(a: Option<Date>, b: Option<Date>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

#[cfg(test)]
impl SearchIndex {
    /// Asserts that the index is what building it from `portfolio` gives, sort orders
    /// worked out so far included.
    pub(crate) fn assert_matches(&self, portfolio: &Portfolio) {
        let mut fresh = SearchIndex::build(portfolio);
        fresh.set_collation(self.collation);
        assert_eq!(self.rows, fresh.rows, "rows");
        assert_eq!(self.dates, fresh.dates, "dates");
        let (texts, expected) = (self.texts(), fresh.texts());
        for p in 0..self.rows.len() {
            assert_eq!(texts.sources.get(p), expected.sources.get(p), "source at {p}");
            assert_eq!(texts.folded.get(p), expected.folded.get(p), "folded text at {p}");
            assert_eq!(texts.title(p), expected.title(p), "folded title at {p}");
        }
        assert_eq!(texts.words.by_word(), expected.words.by_word(), "words");
        for sort in SortKey::ALL {
            if self.orders[sort as usize].get().is_some() {
                assert_eq!(self.order(sort), fresh.order(sort), "{sort:?}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn initiative(id: Id, title: &str) -> Initiative {
        Initiative { id, title: title.into(), description: format!("Om {title}."), ..Initiative::default() }
    }

    /// Initiatives 10, 20, … 80 with titles out of number order and a few dates.
    fn portfolio() -> Portfolio {
        let titles = ["Öppna data", "Bygglov", "Äldreomsorg", "Skola", "Cykel", "Avlopp", "Ö", "Bygglov"];
        let mut p = Portfolio::default();
        for (n, title) in titles.iter().enumerate() {
            let mut i = initiative(10 * (n as Id + 1), title);
            i.facet = Facet::ALL[n % Facet::ALL.len()];
            i.stage = Stage::ALL[(n * 5) % Stage::ALL.len()];
            i.follow_up = (n % 3 != 0).then(|| date(2026, 1 + n as i8, 1));
            p.initiatives.push(i);
        }
        p
    }

    /// Every sort order worked out, so that the edits after must mend them.
    /// The index with every order worked out, titles in the Swedish order (Å, Ä, Ö after Z:
    /// mending has to find the place of a title among them).
    fn with_orders(p: &Portfolio) -> SearchIndex {
        let mut index = SearchIndex::build(p);
        index.set_collation(Collation::Swedish);
        for sort in SortKey::ALL {
            let _ = index.order(sort);
        }
        index
    }

    #[test]
    fn edits_mend_the_index_to_what_building_it_again_gives() {
        let mut p = portfolio();
        let mut index = with_orders(&p);
        let edit = |p: &mut Portfolio, ids: &[Id], index: &mut SearchIndex| {
            index.refresh_ids(p, ids);
            index.assert_matches(p);
        };
        // Title, facet, stage, dates and text of one; then several at once.
        p.initiatives[1].title = "Avfall".into();
        p.initiatives[1].facet = Facet::Adaptive;
        edit(&mut p, &[20], &mut index);
        p.initiatives[3].stage = Stage::Evaluating;
        p.initiatives[3].follow_up = None;
        p.initiatives[3].updated = Some(Timestamp::UNIX_EPOCH);
        p.initiatives[4].description = "Helt ny text om cyklar".into();
        p.initiatives[4].tags = vec!["Trafik".into()];
        edit(&mut p, &[50, 40, 40], &mut index);
        // Removed from the middle, added in the middle and at the end, and all at once.
        let gone = p.initiatives.remove(2).id;
        edit(&mut p, &[gone], &mut index);
        p.initiatives.insert(2, initiative(25, "Mitt emellan"));
        p.initiatives.push(initiative(90, "Sist"));
        edit(&mut p, &[90, 25], &mut index);
        let (gone, back) = (p.initiatives.remove(0).id, initiative(30, "Åter"));
        p.initiatives.insert(2, back);
        p.initiatives[4].archived = true;
        let archived = p.initiatives[4].id;
        edit(&mut p, &[gone, 30, archived, 12345], &mut index);
        assert_eq!(index.get(30), fold(&source(&p.initiatives[2])));
    }

    #[test]
    fn many_at_once_and_a_whole_new_portfolio_give_the_same() {
        let mut p = portfolio();
        let mut index = with_orders(&p);
        let added: Vec<Initiative> =
            (100..100 + MEND_AT_MOST as Id + 5).map(|id| initiative(id, &format!("Ny {id}"))).collect();
        let ids: Vec<Id> = added.iter().map(|i| i.id).collect();
        p.initiatives.extend(added);
        index.refresh_ids(&p, &ids);
        index.assert_matches(&p);
        p.initiatives.retain(|i| i.id < 100);
        index.refresh_ids(&p, &ids);
        index.assert_matches(&p);
        // Read again: some changed, one gone, one new.
        let mut read = portfolio();
        read.initiatives[0].title = "Stängd data".into();
        read.initiatives.remove(5);
        read.initiatives.push(initiative(99, "Från disken"));
        index.refresh(&read);
        index.assert_matches(&read);
        assert!(index.is_of(&read) && !index.is_of(&p));
    }

    #[test]
    fn the_title_order_is_by_the_folded_title_even_with_a_line_break_in_it() {
        let initiatives = vec![initiative(1, "b\nA"), initiative(2, "b"), initiative(3, "B\nb")];
        let p = Portfolio { initiatives, ..Portfolio::default() };
        let index = SearchIndex::build(&p);
        assert_eq!(index.view(&[true; 3], SortKey::Title, false), [2, 1, 3]);
    }

    #[test]
    fn an_index_without_texts_lists_in_every_order_and_finds_no_text() {
        let p = portfolio();
        let index = SearchIndex::without_texts(&p);
        let all = vec![true; p.initiatives.len()];
        let fresh = SearchIndex::build(&p);
        for sort in SortKey::ALL {
            let view = index.view(&all, sort, false);
            if sort == SortKey::Title {
                let numbers: Vec<Id> = p.initiatives.iter().map(|i| i.id).collect();
                assert_eq!(view, numbers, "no titles: ties, so by number");
            } else {
                assert_eq!(view, fresh.view(&all, sort, false), "{sort:?}");
            }
        }
        let text = Filter { text: "bygglov".into(), ..Filter::default() };
        assert!(!index.passing(&p, &text).contains(&true));
        assert_eq!(index.get(20), "");
    }

    #[test]
    fn arena_compacts_once_half_of_it_is_stale() {
        let mut arena = Arena::default();
        for text in ["aaaa", "bbbb", "cccc"] {
            arena.push(text);
        }
        arena.set(1, "BB");
        assert_eq!((arena.stale, arena.text.len(), arena.get(1)), (4, 14, "BB"), "4 of 14: kept");
        arena.remove(0);
        assert_eq!((arena.stale, arena.text.as_str()), (0, "BBcccc"), "8 of 14: compacted");
        assert_eq!((arena.get(0), arena.get(1), arena.get(2)), ("BB", "cccc", ""));
    }
}
