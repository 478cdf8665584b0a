//! Text being typed survives a dropped connection, a kill or a panic.
//!
//! Wherever text is typed and not saved yet (an initiative or action form, a log line, the
//! organisation profile, a checklist note, the new-run dialog, a benefit or a measurement, a
//! line of a group's scores, a line in the intake list or its idea form, a value for a
//! conflict), the app keeps a [`Draft`] of it in memory ([`remember`]) after every key, and writes it to `<data file>.recovery` (mode
//! 0600, atomically) within two seconds of the last key, on a signal and from the panic hook.
//! The next start offers it back, if it was typed for this file ([`Owner`]), and then removes
//! the file. The data file itself is never touched here.

use std::ffi::OsString;
use std::fs;
use std::io::{self, Read};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use serde::{Deserialize, Serialize};

use crate::model::{ActionItem, Benefit, Id, Initiative, LogKind};
use crate::store::{self, Sharing, WriteError};

/// Appended to the data file's name.
pub const SUFFIX: &str = ".recovery";
/// Recovery files larger than this are not read (a draft is at most a few hundred kB).
const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// Unsaved text, and which form it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "form", rename_all = "snake_case")]
pub enum Draft {
    /// The initiative form: `editing` is the initiative's id (`None` for a new one), `draft`
    /// holds the choices, `fields` every text field as typed (by the field's catalog key,
    /// e.g. `field.title`), so even an unparsable date comes back as it was.
    Initiative { editing: Option<Id>, focus: usize, draft: Box<Initiative>, fields: Vec<(String, String)> },
    /// A log line being typed for initiative `id`.
    LogEntry { id: Id, kind: LogKind, text: String },
    /// A row of the organisation profile being typed.
    Profile { part: ProfilePart, text: String },
    /// The note of one item of checklist run `run`: `item` is the item's id, `number` its place
    /// in the run's list as shown (from 1), `perspective` the perspective's id, if any.
    Note { run: Id, item: String, number: usize, perspective: Option<String>, text: String },
    /// The run dialog as filled in: the checklist's id, the scope as chosen or typed;
    /// `editing` is the run whose details are changed (`None`: a new run).
    NewRun {
        focus: usize,
        template: String,
        scope: String,
        date: String,
        participants: String,
        #[serde(default)]
        next_date: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        editing: Option<Id>,
    },
    /// The action form: `editing` is the action's id (`None` for a new one), `draft` holds its
    /// choices and links, `fields` every text field as typed (by the field's catalog key).
    Action { editing: Option<Id>, focus: usize, draft: Box<ActionItem>, fields: Vec<(String, String)> },
    /// The benefit editor: `editing` is the benefit's id (`None` for a new one), `draft` holds
    /// its choices (kind, what it relieves), `fields` every text field as typed (by the
    /// field's catalog key, e.g. `benefit.field_title`).
    Benefit {
        over: BenefitOver,
        editing: Option<Id>,
        focus: usize,
        draft: Box<Benefit>,
        fields: Vec<(String, String)>,
    },
    /// A measurement being typed for benefit `benefit` (`title`: its title then); `fields`
    /// its date, value and note as typed (by catalog key, e.g. `measure.value`).
    Measurement { over: BenefitOver, benefit: Id, title: String, focus: usize, fields: Vec<(String, String)> },
    /// A line of a group's scores in checklist run `run`: `item` and `perspective` the slot's
    /// ids, `number` the item's place in the run's list (from 1); for one participant's line,
    /// `respondent` is whose (their response's id, or the id a new one gets). Drafts written
    /// before it was kept have none, and come back on the first participant without scores.
    Scores {
        run: Id,
        line: ScoreLine,
        item: String,
        number: usize,
        perspective: Option<String>,
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        respondent: Option<Id>,
    },
    /// A line typed in the intake list: a new idea's title, or why idea `idea` is declined
    /// or parked.
    Idea { prompt: IdeaPrompt, idea: Option<Id>, text: String },
    /// The idea form on idea `idea`: `draft` holds its channel, `fields` every text field as
    /// typed (by the field's catalog key, e.g. `idea.field_name`).
    IdeaForm { idea: Id, focus: usize, draft: Box<Initiative>, fields: Vec<(String, String)> },
    /// A value typed for the conflict whose id is `conflict`, at `path` (as people read it).
    Conflict { conflict: String, path: String, text: String },
}

/// Where a benefit dialog was open: over the benefits view of `initiative`, or over the
/// initiative form, whose own draft comes back first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenefitOver {
    /// The initiative the benefit belongs to (`None`: a new initiative, in its form).
    pub initiative: Option<Id>,
    /// The initiative form under the dialog (a [`Draft::Initiative`]); `None`: the view.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<Box<Draft>>,
}

/// How a line of scores is read: the rating view's entry line, which calls it its
/// `EntryKind`, and a draft of that line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoreLine {
    /// Every participant's score for one slot, in response order.
    Each,
    /// A show of hands for one slot: how many gave each score, lowest first.
    Tally,
    /// One new participant's scores for every slot, in rating order.
    Respondent,
}

/// What a line typed in the intake list is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdeaPrompt {
    Title,
    Decline,
    Park,
}

/// Which row of the organisation profile a text was typed for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "row", rename_all = "snake_case")]
pub enum ProfilePart {
    Name,
    Vision,
    Mission,
    /// A goal: `id` of the goal being reworded and its title then (`None`: a new goal).
    Goal {
        id: Option<Id>,
        was: String,
    },
    /// A unit: the name it had (`None`: a new unit).
    Unit {
        was: Option<String>,
    },
    /// A person often named as owner: the name they had (`None`: a new person).
    Person {
        was: Option<String>,
    },
}

impl Draft {
    /// A few words about it for the restore dialog: "a new initiative “Nattfasta i…”".
    pub fn describe(&self, lang: crate::i18n::Lang) -> String {
        match self {
            Draft::Initiative { editing, fields, .. } => {
                let title = first_words(field_text(fields, "field.title"));
                match editing {
                    None => lang.tf("recovery.draft_new", &[("title", &title)]),
                    Some(id) => lang.tf("recovery.draft_edit", &[("id", id), ("title", &title)]),
                }
            }
            Draft::LogEntry { id, text, .. } => {
                lang.tf("recovery.draft_log", &[("id", id), ("text", &first_words(text))])
            }
            Draft::Profile { part, text } => {
                let text = first_words(text);
                let (key, was) = match part {
                    ProfilePart::Name => ("recovery.draft_name", None),
                    ProfilePart::Vision => ("recovery.draft_vision", None),
                    ProfilePart::Mission => ("recovery.draft_mission", None),
                    ProfilePart::Goal { id: None, .. } => ("recovery.draft_goal_new", None),
                    ProfilePart::Goal { id: Some(_), was } => ("recovery.draft_goal_edit", Some(was)),
                    ProfilePart::Unit { was: None } => ("recovery.draft_unit_new", None),
                    ProfilePart::Unit { was: Some(was) } => ("recovery.draft_unit_edit", Some(was)),
                    ProfilePart::Person { was: None } => ("recovery.draft_person_new", None),
                    ProfilePart::Person { was: Some(was) } => ("recovery.draft_person_edit", Some(was)),
                };
                let was = was.map(|w| first_words(w)).unwrap_or_default();
                lang.tf(key, &[("text", &text), ("was", &was)])
            }
            Draft::Note { run, number, text, .. } => lang
                .tf("recovery.draft_note", &[("item", number), ("run", run), ("text", &first_words(text))]),
            Draft::NewRun { scope, editing: None, .. } => {
                lang.tf("recovery.draft_run", &[("scope", &first_words(scope))])
            }
            Draft::NewRun { scope, editing: Some(id), .. } => {
                lang.tf("recovery.draft_run_edit", &[("id", id), ("scope", &first_words(scope))])
            }
            Draft::Action { editing, fields, .. } => {
                let what = first_words(field_text(fields, "plan.field_what"));
                match editing {
                    None => lang.tf("recovery.draft_action_new", &[("what", &what)]),
                    Some(id) => lang.tf("recovery.draft_action_edit", &[("id", id), ("what", &what)]),
                }
            }
            Draft::Benefit { over, editing, fields, .. } => {
                let title = first_words(field_text(fields, "benefit.field_title"));
                match (over.initiative, editing) {
                    (None, _) => lang.tf("recovery.draft_benefit_new_initiative", &[("title", &title)]),
                    (Some(id), None) => {
                        lang.tf("recovery.draft_benefit_new", &[("id", &id), ("title", &title)])
                    }
                    (Some(id), Some(benefit)) => lang.tf(
                        "recovery.draft_benefit_edit",
                        &[("id", &id), ("benefit", benefit), ("title", &title)],
                    ),
                }
            }
            Draft::Measurement { title, fields, .. } => {
                let typed = measured(fields);
                lang.tf(
                    "recovery.draft_measure",
                    &[("title", &first_words(title)), ("text", &first_words(&typed))],
                )
            }
            Draft::Scores { run, line, number, text, .. } => {
                let key = match line {
                    ScoreLine::Each => "recovery.draft_scores_each",
                    ScoreLine::Tally => "recovery.draft_scores_tally",
                    ScoreLine::Respondent => "recovery.draft_scores_respondent",
                };
                lang.tf(key, &[("item", number), ("run", run), ("text", &first_words(text))])
            }
            Draft::Idea { prompt, idea, text } => {
                let key = match prompt {
                    IdeaPrompt::Title => "recovery.draft_idea",
                    IdeaPrompt::Decline => "recovery.draft_decline",
                    IdeaPrompt::Park => "recovery.draft_park",
                };
                let id = idea.map(|id| id.to_string()).unwrap_or_default();
                lang.tf(key, &[("id", &id), ("text", &first_words(text))])
            }
            Draft::IdeaForm { idea, fields, .. } => {
                let title = first_words(field_text(fields, "field.title"));
                lang.tf("recovery.draft_idea_form", &[("id", idea), ("title", &title)])
            }
            Draft::Conflict { path, text, .. } => lang
                .tf("recovery.draft_conflict", &[("path", &first_words(path)), ("text", &first_words(text))]),
        }
    }
}

/// The text typed in the field whose catalog key is `key`, if any.
pub fn field_text<'f>(fields: &'f [(String, String)], key: &str) -> &'f str {
    fields.iter().find(|(k, _)| k == key).map_or("", |(_, v)| v.as_str())
}

/// Texts as typed on one line, the empty ones left out: "3,5 · after the move". What the
/// status line says when a draft has nowhere to go, so the text is not lost.
pub fn typed_line<'t>(texts: impl IntoIterator<Item = &'t str>) -> String {
    let texts = texts.into_iter().map(|t| crate::text::one_line(t.trim()).into_owned());
    texts.filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" · ")
}

/// A measurement's value and note as typed, on one line.
pub fn measured(fields: &[(String, String)]) -> String {
    typed_line(["measure.value", "measure.note"].map(|key| field_text(fields, key)))
}

/// The first words of `text` on one line, cut after a word with "…" if it is long.
fn first_words(text: &str) -> String {
    const ENOUGH: usize = 40;
    let text = crate::text::one_line(text.trim());
    if text.chars().count() <= ENOUGH {
        return text.into_owned();
    }
    let mut words = String::new();
    for word in text.split(' ') {
        if !words.is_empty() && words.chars().count() + 1 + word.chars().count() > ENOUGH {
            break;
        }
        if !words.is_empty() {
            words.push(' ');
        }
        words.extend(word.chars().take(ENOUGH));
    }
    words + "…"
}

/// The content of a recovery file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recovery {
    /// When it was written (RFC 3339).
    pub written: String,
    pub draft: Draft,
    /// The data file it was typed for (absent in files from before it was recorded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Owner>,
}

impl Recovery {
    /// A draft for whichever file it is found beside.
    pub fn new(draft: Draft) -> Self {
        Self { written: jiff::Timestamp::now().to_string(), draft, owner: None }
    }

    /// A draft typed for the data file `owner` names.
    pub fn owned(draft: Draft, owner: Owner) -> Self {
        Self { owner: Some(owner), ..Self::new(draft) }
    }

    /// Whether the draft belongs to the file at `data_file`, whose portfolio has the identity
    /// `portfolio`. A draft that says nothing of its file belongs to any.
    pub fn belongs_to(&self, portfolio: &str, data_file: &Path) -> bool {
        self.owner.as_ref().is_none_or(|owner| owner.matches(portfolio, data_file))
    }
}

/// The data file a draft was typed for: the portfolio's identity, and the file as it was then.
/// A portfolio keeps its identity through every save, but a file fasett never saved has none
/// of its own yet (a session makes one up and writes it with its first save), so the file's
/// place on its disk and last change tell it apart then: a fresh copy of the demo is another
/// file, and a draft typed in an earlier one is not offered there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Owner {
    pub portfolio: String,
    /// `None`: the file did not exist yet.
    pub file: Option<FileStamp>,
}

/// A file's device, inode, length and modification time: another file (or another version of
/// it) has another stamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    pub device: u64,
    pub inode: u64,
    pub len: u64,
    pub modified_s: i64,
    pub modified_ns: i64,
}

impl FileStamp {
    /// The stamp of the file at `path`, or `None` if there is none (or it cannot be seen).
    pub fn of(path: &Path) -> Option<Self> {
        let meta = fs::metadata(path).ok()?;
        Some(Self {
            device: meta.dev(),
            inode: meta.ino(),
            len: meta.len(),
            modified_s: meta.mtime(),
            modified_ns: meta.mtime_nsec(),
        })
    }
}

impl Owner {
    /// The file at `data_file` now, holding the portfolio whose identity is `portfolio`.
    pub fn of(portfolio: &str, data_file: &Path) -> Self {
        Self { portfolio: portfolio.to_owned(), file: FileStamp::of(data_file) }
    }

    /// The same portfolio, or the same file untouched since. A draft whose file did not
    /// exist, or exists no more, is given the benefit of the doubt: only another file there,
    /// with another portfolio in it, is proof that the draft is not this file's.
    pub fn matches(&self, portfolio: &str, data_file: &Path) -> bool {
        if !portfolio.is_empty() && portfolio == self.portfolio {
            return true;
        }
        match (self.file, FileStamp::of(data_file)) {
            (Some(then), Some(now)) => then == now,
            _ => true,
        }
    }
}

/// `<data file>.recovery`, beside the data file.
pub fn path_for(data_file: &Path) -> PathBuf {
    let mut name = data_file.file_name().map_or_else(|| OsString::from("portfolio.json"), ToOwned::to_owned);
    name.push(SUFFIX);
    data_file.with_file_name(name)
}

/// Writes through the one atomic writer, as a private file (mode 0600).
pub fn write(path: &Path, recovery: &Recovery) -> Result<(), WriteError> {
    // Called from the panic hook too, so a failure here is reported, never a panic.
    let mut json = serde_json::to_string_pretty(recovery).map_err(|e| WriteError::Failed {
        doing: "put into words the text for",
        at: path.to_path_buf(),
        source: io::Error::other(e),
    })?;
    json.push('\n');
    store::write_file(path, json.as_bytes(), Sharing::Private).map(|_| ())
}

/// Reads a recovery file: `Ok(None)` if there is none; `Err` says why one is unreadable.
pub fn read(path: &Path) -> Result<Option<Recovery>, String> {
    let file = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let mut bytes = Vec::new();
    file.take(MAX_BYTES).read_to_end(&mut bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_slice(&bytes).map(Some).map_err(|e| format!("{}: {e}", path.display()))
}

/// Removes the file; a missing file is fine.
pub fn remove(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Moves a recovery file that belongs to another file out of the way, to `<path>.old`
/// (replacing an older one there); returns where.
pub fn put_aside(path: &Path) -> io::Result<PathBuf> {
    let mut name = path.as_os_str().to_owned();
    name.push(".old");
    let aside = PathBuf::from(name);
    fs::rename(path, &aside)?;
    Ok(aside)
}

/// The latest draft and where it goes, reachable from the panic hook and the signal
/// watchdog, which cannot reach the app.
static LATEST: Mutex<Option<(PathBuf, Recovery)>> = Mutex::new(None);

/// Keeps `recovery` (or forgets it: `None`) as the text to rescue into `path`.
pub fn remember(path: &Path, recovery: Option<Recovery>) {
    let mut latest = LATEST.lock().unwrap_or_else(PoisonError::into_inner);
    *latest = recovery.map(|r| (path.to_path_buf(), r));
}

/// Writes the remembered draft, if any; returns where. For the panic hook and the signal
/// watchdog: never panics, never blocks on a poisoned lock.
pub fn rescue() -> Option<PathBuf> {
    let latest = match LATEST.try_lock() {
        Ok(guard) => guard,
        Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
        Err(std::sync::TryLockError::WouldBlock) => return None,
    };
    let (path, recovery) = latest.as_ref()?;
    write(path, recovery).ok().map(|()| path.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_draft_is_named_by_its_first_words() {
        assert_eq!(first_words("  Nattfasta  "), "Nattfasta");
        let long = "Gemensam bilpool för hemtjänsten och hemsjukvården i hela kommunen";
        assert_eq!(first_words(long), "Gemensam bilpool för hemtjänsten och…");
        assert_eq!(first_words(&"x".repeat(50)), format!("{}…", "x".repeat(40)));
        assert_eq!(first_words("rad ett\nrad två"), "rad ett rad två");
    }

    #[test]
    fn typed_text_with_nowhere_to_go_is_said_on_one_line() {
        let typed =
            [("measure.date", "2026-11-25"), ("measure.value", " 3,5 "), ("measure.note", "efter\nflytten")];
        let fields = typed.map(|(k, v)| (k.to_owned(), v.to_owned()));
        assert_eq!(measured(&fields), "3,5 · efter flytten");
        assert_eq!(measured(&fields[..1]), "");
        assert_eq!(typed_line(["", "Lägre kostnad", "  ", "tolv\u{1b}[2J"]), "Lägre kostnad · tolv␛[2J");
    }

    #[test]
    fn the_drafts_of_benefits_scores_ideas_and_conflicts_round_trip_and_are_named_in_every_language() {
        let fields = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
        };
        let form = Draft::Initiative { editing: None, focus: 0, draft: Box::default(), fields: vec![] };
        let drafts = [
            Draft::Benefit {
                over: BenefitOver { initiative: Some(8), form: None },
                editing: Some(11),
                focus: 3,
                draft: Box::default(),
                fields: fields(&[
                    ("benefit.field_title", "Lägre kostnad"),
                    ("benefit.field_baseline", "tolv"),
                ]),
            },
            Draft::Benefit {
                over: BenefitOver { initiative: None, form: Some(Box::new(form)) },
                editing: None,
                focus: 0,
                draft: Box::default(),
                fields: fields(&[("benefit.field_title", "Kortare köer")]),
            },
            Draft::Measurement {
                over: BenefitOver { initiative: Some(8), form: None },
                benefit: 11,
                title: "Lägre kostnad".into(),
                focus: 1,
                fields: fields(&[("measure.date", "2026-11-25"), ("measure.value", "3,5")]),
            },
            Draft::Scores {
                run: 2,
                line: ScoreLine::Tally,
                item: "c1".into(),
                number: 1,
                perspective: None,
                text: "0133".into(),
                respondent: None,
            },
            Draft::Scores {
                run: 2,
                line: ScoreLine::Respondent,
                item: "c1".into(),
                number: 1,
                perspective: None,
                text: "3452".into(),
                respondent: Some(4),
            },
            Draft::Idea { prompt: IdeaPrompt::Decline, idea: Some(27), text: "Finns redan".into() },
            Draft::Conflict {
                conflict: "x1".into(),
                path: "initiatives[#3].title".into(),
                text: "Ny".into(),
            },
        ];
        let dir = crate::testing::temp_dir();
        let path = path_for(&dir.path().join("portfolio.json"));
        for draft in drafts {
            let r = Recovery::new(draft);
            write(&path, &r).expect("writes");
            assert_eq!(read(&path), Ok(Some(r.clone())));
            for lang in crate::i18n::Lang::ALL {
                let said = r.draft.describe(lang);
                assert!(!said.is_empty() && !said.contains('{'), "{lang:?}: {said}");
            }
        }
    }

    #[test]
    fn a_scores_draft_written_before_the_participant_was_kept_still_reads() {
        let old = r#"{"form": "scores", "run": 2, "line": "respondent", "item": "c1", "number": 1,
            "perspective": null, "text": "34"}"#;
        let draft: Draft = serde_json::from_str(old).expect("reads");
        assert!(matches!(draft, Draft::Scores { respondent: None, .. }), "{draft:?}");
    }

    #[test]
    fn a_draft_round_trips_with_mode_0600() {
        let dir = crate::testing::temp_dir();
        let path = path_for(&dir.path().join("portfolio.json"));
        assert_eq!(path.file_name().and_then(|n| n.to_str()), Some("portfolio.json.recovery"));
        let r =
            Recovery::new(Draft::LogEntry {
                id: 3, kind: LogKind::Note, text: "halvfärdig\u{1b}[2J".into()
            });
        write(&path, &r).expect("writes");
        assert_eq!(fs::metadata(&path).expect("exists").permissions().mode() & 0o777, 0o600);
        assert_eq!(read(&path), Ok(Some(r.clone())));
        let described = r.draft.describe(crate::i18n::Lang::En);
        assert!(described.contains('␛'), "shown harmlessly: {described}");
        remove(&path).expect("removes");
        assert_eq!(read(&path), Ok(None));
        remove(&path).expect("a missing file is fine");
        fs::write(&path, "{ not json").expect("writes");
        assert!(read(&path).is_err());
    }
}
