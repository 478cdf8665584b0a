//! The loop around the register (docs/domain.md §9), as rules on the portfolio: triage of
//! incoming ideas, lineage ("grew out of #n", "led to #m"), stage decisions and the decisions
//! of a period. Every operation gives the changed initiatives (for one undoable edit) or a
//! [`Refusal`], and changes nothing itself, so nothing is ever half-saved.

pub mod review;

use jiff::civil::Date;

use crate::i18n::Lang;
use crate::model::{
    Decision, Id, Idea, Initiative, LogEntry, LogKind, Portfolio, Stage, Status, Triage, Verdict,
};

/// Why an operation was refused, to be said in the interface language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NoSuchInitiative(Id),
    NotAnIdea(Id),
    ReasonRequired,
    MergeIntoItself,
    /// Merged into (or grew out of) an initiative that is archived or gone.
    Deleted(Id),
    /// The lineage would go round: the chain from the parent back to the initiative.
    Cycle(Vec<Id>),
    /// The step would change nothing in initiative N.
    NoChange(Id),
    /// Idea N waits for a decision: there is nothing to tell its proposer yet.
    NotDecided(Id),
    /// Idea N's proposer was told already, on that day.
    AlreadyTold(Id, Date),
}

impl Refusal {
    pub fn localized(&self, lang: Lang) -> String {
        match self {
            Refusal::NoSuchInitiative(id) => lang.tf("idea.no_such", &[("id", id)]),
            Refusal::NotAnIdea(id) => lang.tf("idea.not_an_idea", &[("id", id)]),
            Refusal::ReasonRequired => lang.t("idea.reason_required").to_owned(),
            Refusal::MergeIntoItself => lang.t("idea.merge_itself").to_owned(),
            Refusal::Deleted(id) => lang.tf("idea.deleted", &[("id", id)]),
            Refusal::Cycle(chain) => {
                let chain: Vec<String> = chain.iter().map(|id| format!("#{id}")).collect();
                lang.tf("lineage.cycle", &[("chain", &chain.join(" → "))])
            }
            Refusal::NoChange(id) => lang.tf("idea.no_change", &[("id", id)]),
            Refusal::NotDecided(id) => lang.tf("idea.not_decided", &[("id", id)]),
            Refusal::AlreadyTold(id, date) => {
                lang.tf("idea.already_told", &[("id", id), ("date", &lang.date(*date))])
            }
        }
    }
}

/// The portfolio with every proposer's name, unit and contact left out (personal data), for
/// an export not asked to include them; borrowed as it is when it has none.
pub fn without_proposers(portfolio: &Portfolio) -> std::borrow::Cow<'_, Portfolio> {
    let named = |i: &Initiative| i.idea.as_ref().is_some_and(|idea| !idea.proposer.is_empty());
    if !portfolio.initiatives.iter().any(named) {
        return std::borrow::Cow::Borrowed(portfolio);
    }
    let mut out = portfolio.clone();
    for idea in out.initiatives.iter_mut().filter_map(|i| i.idea.as_mut()) {
        idea.proposer = crate::model::Proposer::default();
    }
    std::borrow::Cow::Owned(out)
}

/// A new incoming idea, received today through `channel`; the caller gives it its id.
pub fn new_idea(title: &str, channel: Option<crate::model::Channel>, today: Date) -> Initiative {
    Initiative {
        title: title.trim().to_owned(),
        stage: Stage::IdentifyingProblems,
        status: Status::Active,
        created: Some(today),
        idea: Some(Box::new(Idea { channel, received: Some(today), ..Idea::default() })),
        ..Initiative::default()
    }
}

/// A triage move asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Move {
    Assess,
    /// Accepted: an active initiative at this stage (1 or 2 in practice).
    Accept(Stage),
    Decline(String),
    MergeInto(Id),
    Park(String),
    /// Back to received (a decision taken by mistake).
    Reopen,
    /// The proposer was told what happened.
    Told,
}

/// The idea `id` after `step`, or why not. A decision is dated today and noted in the log.
pub fn triage(
    portfolio: &Portfolio,
    id: Id,
    step: &Move,
    today: Date,
    lang: Lang,
) -> Result<Initiative, Refusal> {
    let before = portfolio.initiative(id).ok_or(Refusal::NoSuchInitiative(id))?;
    let mut after = before.clone();
    let idea = after.idea.as_mut().ok_or(Refusal::NotAnIdea(id))?;
    let decided = |idea: &mut Idea, to: Triage| {
        idea.triage = to;
        idea.decided = Some(today);
        idea.told = None;
    };
    match step {
        Move::Assess => {
            idea.triage = Triage::Assessing;
        }
        Move::Accept(stage) => {
            decided(idea, Triage::Accepted);
            idea.reason.clear();
            idea.merged_into = None;
            after.stage = *stage;
            after.status = Status::Active;
            after.archived = false;
        }
        Move::Decline(reason) | Move::Park(reason) => {
            let reason = reason.trim();
            if reason.is_empty() && matches!(step, Move::Decline(_)) {
                return Err(Refusal::ReasonRequired);
            }
            let to = if matches!(step, Move::Decline(_)) { Triage::Declined } else { Triage::Parked };
            decided(idea, to);
            reason.clone_into(&mut idea.reason);
            idea.merged_into = None;
        }
        Move::MergeInto(target) => {
            if *target == id {
                return Err(Refusal::MergeIntoItself);
            }
            match portfolio.initiative(*target) {
                None => return Err(Refusal::NoSuchInitiative(*target)),
                Some(t) if t.archived => return Err(Refusal::Deleted(*target)),
                Some(t) if t.idea.as_ref().and_then(|i| i.merged_into) == Some(id) => {
                    return Err(Refusal::Cycle(vec![id, *target, id]));
                }
                Some(_) => {}
            }
            decided(idea, Triage::Merged);
            idea.merged_into = Some(*target);
        }
        Move::Reopen => {
            idea.triage = Triage::Received;
            idea.decided = None;
            idea.told = None;
            idea.merged_into = None;
        }
        Move::Told => {
            if idea.is_waiting() {
                return Err(Refusal::NotDecided(id));
            }
            if let Some(date) = idea.told {
                return Err(Refusal::AlreadyTold(id, date));
            }
            idea.told = Some(today);
        }
    }
    if after == *before {
        return Err(Refusal::NoChange(id));
    }
    if let Some(text) = triage_note(&after, step, lang) {
        // Telling the proposer is a step of the work, not a decision: a note, which keeps it
        // out of the decisions a council reads.
        let kind = if matches!(step, Move::Told) { LogKind::Note } else { LogKind::Decision };
        after.log.push(LogEntry {
            date: today,
            kind,
            text,
            decision: None,
            extra: crate::model::extras::Extra::default(),
        });
    }
    Ok(after)
}

/// The log line a triage decision leaves.
fn triage_note(after: &Initiative, step: &Move, lang: Lang) -> Option<String> {
    let idea = after.idea.as_ref()?;
    let state = lang.t(&format!("triage.{}", idea.triage.key()));
    Some(match step {
        Move::Assess | Move::Reopen | Move::Accept(_) | Move::Park(_) if idea.reason.is_empty() => {
            lang.tf("idea.note", &[("state", &state)])
        }
        Move::Decline(_) | Move::Park(_) => {
            lang.tf("idea.note_reason", &[("state", &state), ("reason", &idea.reason)])
        }
        Move::MergeInto(target) => lang.tf("idea.note_merged", &[("id", target)]),
        Move::Told => lang.t("idea.note_told").to_owned(),
        Move::Assess | Move::Reopen | Move::Accept(_) => return None,
    })
}

/// Whether `entry` is the note that an idea's proposer was told, as files before it became a
/// note logged it: a decision without a verdict, saying so in one of the four languages (in
/// the words those files were written with, or today's).
pub fn is_told_note(entry: &LogEntry) -> bool {
    const OLDER: [&str; 4] = [
        "The proposer was told.",
        "Förslagsställaren har meddelats.",
        "Forslagsstilleren er underrettet.",
        "Forslagsstilleren er varslet.",
    ];
    entry.decision.is_none()
        && (OLDER.contains(&entry.text.as_str())
            || Lang::ALL.iter().any(|lang| entry.text == lang.t("idea.note_told")))
}

/// The part of the intake list an idea is in. Each is worked down in turn: ideas waiting are
/// decided, then the proposers of the decided ones are told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Queue {
    Waiting,
    ToTell,
    Done,
}

impl Queue {
    pub fn of(idea: &Idea) -> Queue {
        if idea.is_waiting() {
            Queue::Waiting
        } else if idea.told.is_none() {
            Queue::ToTell
        } else {
            Queue::Done
        }
    }
}

/// Ideas waiting for a decision (received or being assessed), not archived.
pub fn waiting(portfolio: &Portfolio) -> impl Iterator<Item = &Initiative> {
    portfolio.initiatives.iter().filter(|i| i.is_waiting_idea())
}

/// Ideas decided at least the organisation's feedback days ago whose proposer was not told.
pub fn untold(portfolio: &Portfolio, today: Date) -> impl Iterator<Item = &Initiative> {
    let days = portfolio.organisation.feedback_days();
    portfolio
        .initiatives
        .iter()
        .filter(move |i| i.idea.as_ref().is_some_and(|idea| idea.is_untold(today, days)))
}

/// The ideas of the intake list, in the order it shows them, one [`Queue`] after the other:
/// waiting (oldest received first), then the decided ones not told (those past the feedback
/// days first), then the rest (archived ones too: the record of what was decided); decided
/// ones newest decision first.
pub fn intake(portfolio: &Portfolio, today: Date) -> Vec<Id> {
    let days = portfolio.organisation.feedback_days();
    let mut ideas: Vec<(Queue, bool, i64, Id)> = portfolio
        .initiatives
        .iter()
        .filter(|i| !i.archived || i.idea.as_ref().is_some_and(|idea| !idea.is_waiting()))
        .filter_map(|i| {
            let idea = i.idea.as_ref()?;
            let day = |d: Option<Date>| d.map_or(0, days_since_epoch);
            let queue = Queue::of(idea);
            Some(match queue {
                Queue::Waiting => (queue, false, day(idea.received), i.id),
                Queue::ToTell => (queue, !idea.is_untold(today, days), -day(idea.decided), i.id),
                Queue::Done => (queue, false, -day(idea.decided), i.id),
            })
        })
        .collect();
    ideas.sort_unstable();
    ideas.into_iter().map(|(.., id)| id).collect()
}

fn days_since_epoch(d: Date) -> i64 {
    d.since(Date::constant(1900, 1, 1)).map_or(0, |s| i64::from(s.get_days()))
}

/// The chain of ancestors of `id`, nearest first, stopping at a missing one or a loop in a
/// hand-edited file.
pub fn ancestors(portfolio: &Portfolio, id: Id) -> Vec<Id> {
    let mut out = Vec::new();
    let mut at = portfolio.initiative(id).and_then(|i| i.grew_out_of);
    while let Some(parent) = at {
        if parent == id || out.contains(&parent) {
            break;
        }
        out.push(parent);
        at = portfolio.initiative(parent).and_then(|i| i.grew_out_of);
    }
    out
}

/// What grew out of `id` ("led to"), in id order.
pub fn children(portfolio: &Portfolio, id: Id) -> Vec<Id> {
    portfolio.initiatives.iter().filter(|i| i.grew_out_of == Some(id) && i.id != id).map(|i| i.id).collect()
}

/// The root of `id`'s family: its oldest ancestor, or itself.
pub fn family_root(portfolio: &Portfolio, id: Id) -> Id {
    ancestors(portfolio, id).last().copied().unwrap_or(id)
}

/// Initiative `id` said to have grown out of `parent` (`None`: out of nothing), or why not.
pub fn grow_out_of(portfolio: &Portfolio, id: Id, parent: Option<Id>) -> Result<Initiative, Refusal> {
    let before = portfolio.initiative(id).ok_or(Refusal::NoSuchInitiative(id))?;
    if let Some(parent) = parent {
        let p = portfolio.initiative(parent).ok_or(Refusal::NoSuchInitiative(parent))?;
        if p.archived {
            return Err(Refusal::Deleted(parent));
        }
        if parent == id {
            return Err(Refusal::Cycle(vec![id, id]));
        }
        let up = ancestors(portfolio, parent);
        if let Some(pos) = up.iter().position(|a| *a == id) {
            let mut chain = vec![id, parent];
            chain.extend(&up[..=pos]);
            return Err(Refusal::Cycle(chain));
        }
    }
    if before.grew_out_of == parent {
        return Err(Refusal::NoChange(id));
    }
    let mut after = before.clone();
    after.grew_out_of = parent;
    Ok(after)
}

/// A stage decision asked for: the decision (the verdict, who took it, and where the
/// initiative moves when it is named; by default go → the next stage, hold → paused,
/// stop → stopped, pivot → stays), why, and for a stop, what grows out of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageDecision {
    pub asked: Decision,
    pub reason: String,
    pub grows_into: Option<Id>,
}

/// The initiatives a stage decision changes: the one decided on, and what grows out of it.
pub fn decide(
    portfolio: &Portfolio,
    id: Id,
    d: &StageDecision,
    today: Date,
) -> Result<Vec<Initiative>, Refusal> {
    let before = portfolio.initiative(id).ok_or(Refusal::NoSuchInitiative(id))?;
    let mut after = before.clone();
    let next_stage = Stage::ALL.get(usize::from(before.stage.number())).copied();
    let asked = &d.asked;
    let (stage, status) = match asked.verdict {
        Verdict::Go => (asked.stage.or(next_stage), asked.status.or(Some(Status::Active))),
        Verdict::Hold => (asked.stage, asked.status.or(Some(Status::Paused))),
        Verdict::Stop => (asked.stage, asked.status.or(Some(Status::Stopped))),
        Verdict::Pivot => (asked.stage, asked.status),
    };
    let stage = stage.filter(|s| *s != before.stage);
    let status = status.filter(|s| *s != before.status);
    if let Some(s) = stage {
        after.stage = s;
    }
    if let Some(s) = status {
        after.status = s;
    }
    let decision = Decision { forum: asked.forum.trim().to_owned(), stage, status, ..asked.clone() };
    after.log.push(LogEntry {
        date: today,
        kind: LogKind::Decision,
        text: d.reason.trim().to_owned(),
        decision: Some(decision),
        extra: crate::model::extras::Extra::default(),
    });
    let mut out = vec![after];
    if let Some(child) = d.grows_into {
        out.push(grow_out_of(portfolio, child, Some(id))?);
    }
    Ok(out)
}

/// Whether `entry` is a decision, the one rule for the Overview's count and the report's
/// list: a stage decision, an idea's triage, or a line logged as a decision. Telling a
/// proposer is a step of the work, not a decision, though older files logged it as one.
pub fn is_decision(entry: &LogEntry) -> bool {
    entry.decision.is_some() || (entry.kind == LogKind::Decision && !is_told_note(entry))
}

/// The decisions ([`is_decision`]) on initiatives not archived, taken from `from` to `to`
/// (both included), newest first.
pub fn decisions_between(portfolio: &Portfolio, from: Date, to: Date) -> Vec<(&Initiative, &LogEntry)> {
    let mut out: Vec<(&Initiative, &LogEntry)> = portfolio
        .initiatives
        .iter()
        .filter(|i| !i.archived)
        .flat_map(|i| i.log.iter().map(move |e| (i, e)))
        .filter(|(_, e)| is_decision(e) && e.date >= from && e.date <= to)
        .collect();
    out.sort_by(|a, b| (b.1.date, a.0.id).cmp(&(a.1.date, b.0.id)));
    out
}

/// One decision in words: "2026-03-02 #3 Go (ledningsgrupp) → 4 Implementing: reason".
pub fn decision_line(i: &Initiative, e: &LogEntry, lang: Lang) -> String {
    format!("{} #{} {}", lang.date(e.date), i.id, decision_words(e, lang))
}

/// A decision without its date and initiative: "Go (ledningsgrupp) → 4 Implementing: reason".
pub fn decision_words(e: &LogEntry, lang: Lang) -> String {
    let Some(d) = &e.decision else { return crate::text::one_line(&e.text).into_owned() };
    let mut line = lang.t(&format!("verdict.{}", d.verdict.key())).to_owned();
    if !d.forum.is_empty() {
        line = format!("{line} ({})", crate::text::one_line(&d.forum));
    }
    let mut moved = Vec::new();
    if let Some(s) = d.stage {
        moved.push(format!("{} {}", s.number(), lang.t(&format!("stage.{}", s.key()))));
    }
    if let Some(s) = d.status {
        moved.push(lang.t(&format!("status.{}", s.key())).to_owned());
    }
    if !moved.is_empty() {
        line = format!("{line} → {}", moved.join(", "));
    }
    if !e.text.is_empty() {
        line = format!("{line}: {}", crate::text::one_line(&e.text));
    }
    line
}

/// A verdict named in any of the four languages, or by its key.
pub fn parse_verdict(word: &str) -> Option<Verdict> {
    let word = word.to_lowercase();
    Verdict::ALL.into_iter().find(|v| {
        v.key() == word
            || Lang::ALL.iter().any(|l| l.t(&format!("verdict.{}", v.key())).to_lowercase() == word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Files written before telling became a note hold it as a decision, in the words of the
    /// day: these must stay recognised if the catalogs' wording changes.
    #[test]
    fn a_proposer_told_logged_as_a_decision_by_an_older_fasett_is_recognised() {
        let entry = |kind, text: &str| LogEntry {
            date: Date::constant(2026, 11, 30),
            kind,
            text: text.to_owned(),
            decision: None,
            extra: crate::model::extras::Extra::default(),
        };
        for text in [
            "The proposer was told.",
            "Förslagsställaren har meddelats.",
            "Forslagsstilleren er underrettet.",
            "Forslagsstilleren er varslet.",
        ] {
            assert!(is_told_note(&entry(LogKind::Decision, text)), "{text}");
        }
        assert!(!is_told_note(&entry(LogKind::Decision, "Idea: accepted.")));
    }
}
