//! The thread that saves the interface's edits, so that no keypress waits for the disk.
//!
//! The interface hands [`Saver::save`] the portfolio after each edit and goes on drawing;
//! the thread writes it through [`Store::save`]'s path, with every guarantee of the store
//! (the same checks, the one atomic writer, the backup, the stamps that notice another
//! program's change), and reports each [`Outcome`]. Edits that arrive while a write is in
//! flight are coalesced: only the newest waiting snapshot is written next.
//!
//! A snapshot has to be cheap to take on the interface's side: copying 10,000 initiatives,
//! or 200 checklist runs with their participants' scores, costs about as much as the whole
//! keypress budget. So each initiative's and each run's text in the file is kept, made once
//! and again only when an edit touches that record, and a snapshot is those texts (shared,
//! not copied) and a copy of the small rest of the portfolio; the thread writes them into the
//! file in order, exactly [`to_json`]'s text, without ever holding that text whole.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::Instant;

use super::{Access, SaveError, Store};
use crate::model::{Assessment, Id, Initiative, Portfolio};

use super::to_json;

/// How a save the interface asked for ended.
#[derive(Debug)]
pub struct Outcome {
    /// Which save: [`Saver::save`] numbers them from 1.
    pub generation: u64,
    pub result: Result<(), SaveError>,
}

/// The data file's writing thread, and what the interface needs to know of the store at a
/// glance (its path and whether it may write) without waiting for it.
#[derive(Debug)]
pub struct Saver {
    glance: Glance,
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
    /// The texts of the initiatives and of the checklist runs.
    initiatives: Fragments,
    runs: Fragments,
    sent: u64,
}

/// The store's path, access and backups folder, copied whenever the thread is not using it.
#[derive(Debug)]
struct Glance {
    path: PathBuf,
    access: Access,
    backups: PathBuf,
}

impl Glance {
    fn of(store: &Store) -> Self {
        Self {
            path: store.path().to_path_buf(),
            access: store.access().clone(),
            backups: store.backups_dir(),
        }
    }
}

#[derive(Debug)]
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The state once no save is waiting or being written.
    fn idle(&self) -> MutexGuard<'_, State> {
        let mut state = self.lock();
        while state.busy() {
            state = self.changed.wait(state).unwrap_or_else(PoisonError::into_inner);
        }
        state
    }
}

#[derive(Debug)]
struct State {
    /// `None` while the thread writes with it.
    store: Option<Store>,
    /// The newest snapshot not yet taken up by the thread.
    queued: Option<Job>,
    done: Vec<Outcome>,
    stop: bool,
}

impl State {
    fn busy(&self) -> bool {
        self.store.is_none() || self.queued.is_some()
    }
}

#[derive(Debug)]
struct Job {
    generation: u64,
    snapshot: Snapshot,
}

impl Saver {
    /// Starts the thread for `store`. Without a thread to be had, saves are written when
    /// asked, as before.
    pub fn new(store: Store) -> Self {
        let glance = Glance::of(&store);
        let state = State { store: Some(store), queued: None, done: Vec::new(), stop: false };
        let shared = Arc::new(Shared { state: Mutex::new(state), changed: Condvar::new() });
        let thread = std::thread::Builder::new().name("fasett-saver".into()).spawn({
            let shared = Arc::clone(&shared);
            move || run(&shared)
        });
        let (initiatives, runs) = (Fragments::default(), Fragments::default());
        Self { glance, shared, thread: thread.ok(), initiatives, runs, sent: 0 }
    }

    /// The data file, as it was named.
    pub fn path(&self) -> &Path {
        &self.glance.path
    }

    pub fn access(&self) -> &Access {
        &self.glance.access
    }

    /// `backups/` beside the real file.
    pub fn backups_dir(&self) -> &Path {
        &self.glance.backups
    }

    /// Queues `portfolio` to be written and returns at once with the save's number.
    /// `touched` and `touched_runs` name the initiatives and checklist runs changed since the
    /// last call (created, edited or deleted); the others are taken as they were.
    pub fn save(&mut self, portfolio: &Portfolio, touched: &[Id], touched_runs: &[Id]) -> u64 {
        self.initiatives.sync(&portfolio.initiatives, touched);
        self.initiatives.fill(&portfolio.initiatives, None);
        self.runs.sync(&portfolio.assessments, touched_runs);
        self.runs.fill(&portfolio.assessments, None);
        let snapshot =
            Snapshot { rest: rest_of(portfolio), initiatives: self.initiatives.all(), runs: self.runs.all() };
        debug_assert!(
            snapshot.to_json() == super::to_json(portfolio),
            "a snapshot must be the portfolio as it is: an edit was not named in `touched`"
        );
        self.sent += 1;
        let mut state = self.shared.lock();
        state.queued = Some(Job { generation: self.sent, snapshot });
        self.shared.changed.notify_all();
        if self.thread.is_none() {
            drop(save_queued(&self.shared, state));
        }
        self.sent
    }

    /// The number of the newest save asked for (0: none yet).
    pub fn newest(&self) -> u64 {
        self.sent
    }

    /// Work for an idle moment: makes the texts of initiatives and runs not made yet, until
    /// `deadline`; true while some are left. Makes the first save after a start as cheap
    /// as the others.
    pub fn prepare(&mut self, portfolio: &Portfolio, deadline: Instant) -> bool {
        if self.glance.access.is_read_only() {
            return false;
        }
        self.initiatives.sync(&portfolio.initiatives, &[]);
        self.runs.sync(&portfolio.assessments, &[]);
        !(self.initiatives.fill(&portfolio.initiatives, Some(deadline))
            && self.runs.fill(&portfolio.assessments, Some(deadline)))
    }

    /// The portfolio was replaced as a whole (reloaded, another file): nothing of it is kept.
    pub fn forget(&mut self) {
        self.initiatives = Fragments::default();
        self.runs = Fragments::default();
    }

    /// Whether a save is waiting or being written.
    pub fn busy(&self) -> bool {
        self.shared.lock().busy()
    }

    /// The saves that ended since the last call, oldest first; never waits for the disk.
    pub fn outcomes(&mut self) -> Vec<Outcome> {
        let mut state = self.shared.lock();
        let done = std::mem::take(&mut state.done);
        if let Some(store) = &state.store {
            self.glance = Glance::of(store);
        }
        done
    }

    /// Waits until every save asked for is written (or failed), then gives their outcomes.
    pub fn finish(&mut self) -> Vec<Outcome> {
        drop(self.shared.idle());
        self.outcomes()
    }

    /// Runs `f` on the store once every save asked for is written: for what is done while
    /// the user waits (`:w PATH`, reloading). Outcomes of those saves wait for
    /// [`Saver::outcomes`].
    pub fn with_store<T>(&mut self, f: impl FnOnce(&mut Store) -> T) -> T {
        let mut state = self.shared.idle();
        let store = state.store.as_mut().expect("an idle saver holds its store");
        let result = f(store);
        self.glance = Glance::of(store);
        result
    }

    /// Whether another program changed the file ([`Store::changed_on_disk`]); `None` while
    /// a save is under way, when the file is ours to change.
    pub fn changed_on_disk(&self) -> Option<bool> {
        let state = self.shared.lock();
        match &state.store {
            Some(store) if state.queued.is_none() => Some(store.changed_on_disk()),
            _ => None,
        }
    }
}

impl Drop for Saver {
    /// Writes what is queued, then ends the thread.
    fn drop(&mut self) {
        self.shared.lock().stop = true;
        self.shared.changed.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The writing thread's niceness: when the cores are busy, the interface's thread (nice 0)
/// gets about nine tenths of one against it, so a key is drawn before the file is written.
const NICE: i32 = 10;

fn run(shared: &Shared) {
    // On Linux this lowers the calling thread only; where it lowers the whole process, it is
    // not done, as the interface would be slowed with it.
    if cfg!(target_os = "linux") {
        let _ = rustix::process::setpriority_process(None, NICE);
    }
    let mut state = shared.lock();
    loop {
        if state.queued.is_some() {
            state = save_queued(shared, state);
        } else if state.stop {
            return;
        } else {
            state = shared.changed.wait(state).unwrap_or_else(PoisonError::into_inner);
        }
    }
}

/// Writes the queued snapshot with the lock released, and reports how it went.
fn save_queued<'a>(shared: &'a Shared, mut state: MutexGuard<'a, State>) -> MutexGuard<'a, State> {
    let (Some(job), Some(mut store)) = (state.queued.take(), state.store.take()) else { return state };
    drop(state);
    let saved = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        store.save_with(|out| job.snapshot.write(out))
    }));
    let result = saved.unwrap_or_else(|panic| {
        let path = store.path().to_path_buf();
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let source = io::Error::other(format!("the saving thread failed (a bug): {what}"));
        Err(SaveError::Io { at: path.clone(), path, doing: "save", source })
    });
    let mut state = shared.lock();
    state.store = Some(store);
    state.done.push(Outcome { generation: job.generation, result });
    shared.changed.notify_all();
    state
}

/// The portfolio without its initiatives and checklist runs: what a snapshot copies.
fn rest_of(p: &Portfolio) -> Portfolio {
    Portfolio {
        schema_version: p.schema_version,
        id: p.id.clone(),
        organisation: p.organisation.clone(),
        initiatives: Vec::new(),
        assessments: Vec::new(),
        actions: p.actions.clone(),
        templates: p.templates.clone(),
        next_id: p.next_id.clone(),
        reviews: p.reviews.clone(),
        conflicts: p.conflicts.clone(),
        extra: p.extra.clone(),
    }
}

/// A portfolio as the thread needs it to write the file.
#[derive(Debug)]
struct Snapshot {
    rest: Portfolio,
    /// Each initiative's and each run's text, as [`fragment`] makes it, in chunks.
    initiatives: Vec<Chunk>,
    runs: Vec<Chunk>,
}

/// How an empty list of initiatives and of runs is written: keys of the root object (only
/// those are indented by two spaces on a line of their own), so each is there exactly once.
const NO_INITIATIVES: &str = "\n  \"initiatives\": []";
const NO_RUNS: &str = "\n  \"assessments\": []";

impl Snapshot {
    /// Writes exactly [`to_json`] of the portfolio to `out`, as the file holds it: the rest's
    /// text with the initiatives' and the runs' texts in their lists, each line indented as
    /// pretty-printing nests it. Nothing larger than the rest's text is made.
    fn write(&self, out: &mut dyn io::Write) -> io::Result<()> {
        let head = to_json(&self.rest);
        let texts = |chunks: &[Chunk]| chunks.iter().any(|c| !c.is_empty());
        // In the order the file has them.
        let lists = [(NO_INITIATIVES, &self.initiatives), (NO_RUNS, &self.runs)];
        let mut from = 0;
        for (empty, chunks) in lists {
            let Some(at) = head[from..].find(empty).filter(|_| texts(chunks)) else { continue };
            let list = from + at + empty.len() - 1;
            out.write_all(&head.as_bytes()[from..list])?;
            let all = chunks.iter().flat_map(|c| c.iter());
            for (n, text) in all.enumerate() {
                let text = text.as_deref().expect("every text is made before a snapshot");
                out.write_all(if n == 0 { b"\n" } else { b",\n" })?;
                out.write_all(text.as_bytes())?;
            }
            out.write_all(b"\n  ")?;
            from = list;
        }
        out.write_all(&head.as_bytes()[from..])
    }

    /// The text [`Snapshot::write`] writes (checked against [`to_json`] in debug builds).
    fn to_json(&self) -> String {
        let mut out = Vec::new();
        self.write(&mut out).expect("writing to memory does not fail");
        String::from_utf8(out).expect("the texts are UTF-8")
    }
}

/// A record of one of the file's lists, whose text a snapshot keeps.
trait Listed: serde::Serialize + crate::model::extras::Extras {
    fn id(&self) -> Id;
}

impl Listed for Initiative {
    fn id(&self) -> Id {
        self.id
    }
}

impl Listed for Assessment {
    fn id(&self) -> Id {
        self.id
    }
}

/// One record as it stands in the file's list: pretty JSON, every line indented by the four
/// spaces of its depth.
fn fragment(record: &impl Listed) -> Arc<str> {
    let mut out = Indented(b"    ".to_vec());
    super::write::write_pretty(&mut out, record).expect("writing to memory does not fail");
    Arc::from(String::from_utf8(out.0).expect("serde_json writes UTF-8"))
}

/// Collects bytes, indenting every line after the first by four spaces (pretty JSON has
/// line breaks only between values, never inside a string).
struct Indented(Vec<u8>);

impl Write for Indented {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut lines = buf.split(|b| *b == b'\n');
        if let Some(first) = lines.next() {
            self.0.extend_from_slice(first);
        }
        for line in lines {
            self.0.extend_from_slice(b"\n    ");
            self.0.extend_from_slice(line);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Texts are kept in chunks of this many behind one shared pointer: a snapshot shares a
/// hundred chunks instead of counting 100,000 texts (each count a cache miss), and an edit
/// copies one chunk of pointers.
const CHUNK: usize = 1024;

/// Up to [`CHUNK`] consecutive records' texts; `None` where not made yet.
type Chunk = Arc<Vec<Option<Arc<str>>>>;

/// Each record's text, in the order of its list in the portfolio.
#[derive(Debug, Default)]
struct Fragments {
    ids: Vec<Id>,
    chunks: Vec<Chunk>,
    /// How many texts are not made yet.
    missing: usize,
}

impl Fragments {
    /// Follows the portfolio's list (records created or deleted) and forgets the texts of
    /// the `touched` ones.
    fn sync(&mut self, records: &[impl Listed], touched: &[Id]) {
        let aligned =
            self.ids.len() == records.len() && self.ids.iter().zip(records).all(|(a, b)| *a == b.id());
        if !aligned {
            self.realign(records);
        }
        for id in touched {
            let at = match self.ids.binary_search(id) {
                Ok(at) => Some(at),
                Err(_) => self.ids.iter().position(|x| x == id),
            };
            if let Some(at) = at
                && Arc::make_mut(&mut self.chunks[at / CHUNK])[at % CHUNK].take().is_some()
            {
                self.missing += 1;
            }
        }
    }

    /// Keeps the texts of records still in the list, by id, in its order.
    fn realign(&mut self, records: &[impl Listed]) {
        let old_ids = std::mem::take(&mut self.ids);
        let old_texts = std::mem::take(&mut self.chunks).into_iter().flat_map(Arc::unwrap_or_clone);
        let mut old: HashMap<Id, Arc<str>> =
            old_ids.into_iter().zip(old_texts).filter_map(|(id, text)| text.map(|t| (id, t))).collect();
        self.ids = records.iter().map(Listed::id).collect();
        let texts: Vec<Option<Arc<str>>> = self.ids.iter().map(|id| old.remove(id)).collect();
        self.missing = texts.iter().filter(|t| t.is_none()).count();
        self.chunks = texts.chunks(CHUNK).map(|c| Arc::new(c.to_vec())).collect();
    }

    /// Makes the missing texts, stopping at `deadline`; true when none is missing.
    fn fill(&mut self, records: &[impl Listed], deadline: Option<Instant>) -> bool {
        let mut made = 0;
        for (c, chunk) in self.chunks.iter_mut().enumerate() {
            if self.missing == 0 {
                break;
            }
            if chunk.iter().all(Option::is_some) {
                continue;
            }
            let first = c * CHUNK;
            for (slot, record) in Arc::make_mut(chunk).iter_mut().zip(&records[first..]) {
                if slot.is_some() {
                    continue;
                }
                if made % 32 == 31 && deadline.is_some_and(|d| Instant::now() >= d) {
                    return false;
                }
                *slot = Some(fragment(record));
                self.missing -= 1;
                made += 1;
            }
        }
        self.missing == 0
    }

    /// Every text, shared.
    fn all(&self) -> Vec<Chunk> {
        debug_assert_eq!(self.missing, 0, "every text is made before a snapshot");
        self.chunks.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::Change;
    use crate::store::to_json;

    fn portfolio(n: u32) -> Portfolio {
        let mut p = crate::testing::sample();
        let template = p.initiatives[0].clone();
        while p.initiatives.len() < n as usize {
            let id = p.allocate_id(crate::model::Collection::Initiative);
            p.initiatives.push(Initiative { id, title: format!("Nr {id} \"quoted\"\n"), ..template.clone() });
        }
        p
    }

    fn snapshot(fragments: &mut Fragments, p: &Portfolio, touched: &[Id]) -> String {
        fragments.sync(&p.initiatives, touched);
        assert!(fragments.fill(&p.initiatives, None));
        let mut runs = Fragments::default();
        runs.sync(&p.assessments, &[]);
        assert!(runs.fill(&p.assessments, None));
        Snapshot { rest: rest_of(p), initiatives: fragments.all(), runs: runs.all() }.to_json()
    }

    #[test]
    fn a_snapshot_is_exactly_the_file_text_through_edits_creations_and_deletions() {
        let mut p = portfolio(40);
        let mut fragments = Fragments::default();
        assert_eq!(snapshot(&mut fragments, &p, &[]), to_json(&p));
        // Unknown keys, at the root and inside an initiative, take the other way of writing.
        let mut with_extras = p.clone();
        with_extras.extra.insert("colour".into(), "teal".into());
        with_extras.initiatives[3].extra.insert("budget".into(), 100.into());
        assert_eq!(snapshot(&mut Fragments::default(), &with_extras, &[]), to_json(&with_extras));

        let mut history = crate::history::History::default();
        let edited = Initiative { title: "Ändrad".into(), ..p.initiatives[5].clone() };
        let id = edited.id;
        history.commit(Change::initiative(Some(p.initiatives[5].clone()), Some(edited)), &mut p);
        assert_eq!(snapshot(&mut fragments, &p, &[id]), to_json(&p));
        let deleted = p.initiatives[0].clone();
        history.commit(Change::initiative(Some(deleted.clone()), None), &mut p);
        assert_eq!(snapshot(&mut fragments, &p, &[deleted.id]), to_json(&p));
        let created = Initiative { id: p.allocate_id(crate::model::Collection::Initiative), ..deleted };
        history.commit(Change::initiative(None, Some(created.clone())), &mut p);
        assert_eq!(snapshot(&mut fragments, &p, &[created.id]), to_json(&p));
        p.initiatives.clear();
        assert_eq!(snapshot(&mut fragments, &p, &[]), to_json(&p));
    }

    #[test]
    fn texts_in_several_chunks_follow_edits_and_deletions() {
        let mut p = portfolio(u32::try_from(CHUNK * 2 + 100).expect("small"));
        let mut fragments = Fragments::default();
        assert_eq!(snapshot(&mut fragments, &p, &[]), to_json(&p));
        let shared = fragments.all();
        let at = CHUNK + 7;
        p.initiatives[at].title = "Ändrad".into();
        let id = p.initiatives[at].id;
        assert_eq!(snapshot(&mut fragments, &p, &[id]), to_json(&p));
        assert!(Arc::ptr_eq(&shared[0], &fragments.all()[0]), "the other chunks are shared");
        let gone = p.initiatives.remove(3).id;
        assert_eq!(snapshot(&mut fragments, &p, &[gone]), to_json(&p));
    }

    #[test]
    fn checklist_runs_keep_their_texts_until_an_edit_names_them() {
        let mut p = portfolio(5);
        assert!(p.assessments.len() >= 2, "the sample has runs");
        let (mut initiatives, mut runs) = (Fragments::default(), Fragments::default());
        let mut snapshot = |p: &Portfolio, touched_runs: &[Id]| {
            initiatives.sync(&p.initiatives, &[]);
            assert!(initiatives.fill(&p.initiatives, None));
            runs.sync(&p.assessments, touched_runs);
            assert!(runs.fill(&p.assessments, None));
            let text =
                Snapshot { rest: rest_of(p), initiatives: initiatives.all(), runs: runs.all() }.to_json();
            (text, runs.all())
        };
        let (text, before) = snapshot(&p, &[]);
        assert_eq!(text, to_json(&p));
        p.assessments[1].scope = "Ändrad grupp".into();
        let (text, after) = snapshot(&p, &[p.assessments[1].id]);
        assert_eq!(text, to_json(&p));
        let shared = |c: &[Chunk], ix: usize| c[0][ix].clone().expect("made");
        assert!(Arc::ptr_eq(&shared(&before, 0), &shared(&after, 0)), "an untouched run keeps its text");
        assert!(!Arc::ptr_eq(&shared(&before, 1), &shared(&after, 1)));
        let gone = p.assessments.remove(0).id;
        assert_eq!(snapshot(&p, &[gone]).0, to_json(&p));
        p.assessments.clear();
        assert_eq!(snapshot(&p, &[]).0, to_json(&p));
    }

    #[test]
    fn an_untouched_initiative_keeps_its_text() {
        let p = portfolio(3);
        let mut fragments = Fragments::default();
        snapshot(&mut fragments, &p, &[]);
        let texts = |f: &Fragments| -> Vec<Arc<str>> {
            f.all().iter().flat_map(|c| c.iter()).flatten().cloned().collect()
        };
        let before = texts(&fragments);
        snapshot(&mut fragments, &p, &[p.initiatives[1].id]);
        let after = texts(&fragments);
        assert!(Arc::ptr_eq(&before[0], &after[0]) && Arc::ptr_eq(&before[2], &after[2]));
        assert!(!Arc::ptr_eq(&before[1], &after[1]));
    }
}
