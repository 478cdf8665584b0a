//! Merging two copies of a portfolio (`fasett merge`, the library's `merge::merge`): records
//! matched by identity, numbers kept unique with references following, conflicts recorded
//! in a file that stays valid, bad input refused with OURS untouched, 10,000 initiatives
//! changed on both sides with every one accounted for, and a property test of random edits.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fasett::i18n::Lang;
use fasett::merge::{self, Merged, Options, Pick};
use fasett::model::{Benefit, Collection, Facet, Id, Initiative, Measurement, Portfolio, Priority, Stage};
use fasett::store::{self, to_json};
use jiff::civil::date;
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::pty::Sandbox;
use crate::{add, add_action, run, stderr};

fn options() -> Options {
    Options {
        today: date(2026, 11, 25),
        now: jiff::Timestamp::from_second(1_795_000_000).expect("a time"),
        lang: Lang::En,
    }
}

fn merged(base: &Portfolio, ours: &Portfolio, theirs: &Portfolio) -> Merged {
    merge::merge(base.clone(), ours.clone(), theirs.clone(), &options()).expect("merges")
}

/// The merged portfolio written and read back as `fasett` would: it must load.
fn reloaded(p: &Portfolio) -> Portfolio {
    store::parse(to_json(p).as_bytes(), Path::new("merged.json")).expect("the merged file loads")
}

fn sample() -> Portfolio {
    fasett::testing::sample()
}

fn initiative(p: &mut Portfolio, id: Id) -> &mut Initiative {
    p.initiatives.iter_mut().find(|i| i.id == id).unwrap_or_else(|| panic!("#{id} is there"))
}

fn titles(p: &Portfolio) -> BTreeMap<Id, String> {
    p.initiatives.iter().map(|i| (i.id, i.title.clone())).collect()
}

/// The week of the issue: both add two initiatives (#26 and #27 on both sides), each edits a
/// different field of #3, theirs archives #5 and plans an action for its new #27.
fn two_weeks() -> (Portfolio, Portfolio, Portfolio) {
    let (base, mut ours, mut theirs) = copies();
    assert_eq!(add(&mut ours, "Nattfasta i hemtjänsten", "2026-11-20T09:00:00Z"), 26);
    assert_eq!(add(&mut ours, "Lånecyklar för personalen", "2026-11-20T09:05:00Z"), 27);
    assert_eq!(add(&mut theirs, "Digital tillsyn nattetid", "2026-11-21T10:00:00Z"), 26);
    assert_eq!(add(&mut theirs, "Gemensam vikariepool", "2026-11-21T10:05:00Z"), 27);
    initiative(&mut theirs, 27).description = "Grew out of the talk about #26 last week.".into();
    initiative(&mut ours, 3).owner = "Anna Berg".into();
    initiative(&mut theirs, 3).unit = "Tekniska förvaltningen".into();
    initiative(&mut theirs, 5).archived = true;
    add_action(&mut theirs, "Ask the night staff about #27", 27);
    (base, ours, theirs)
}

/// The sample as the common ancestor, and the two copies of it each side changes.
fn copies() -> (Portfolio, Portfolio, Portfolio) {
    let base = sample();
    (base.clone(), base.clone(), base)
}

#[test]
fn two_copies_that_each_added_26_and_27_merge_without_loss_or_collision() {
    let (base, ours, theirs) = two_weeks();
    let result = merged(&base, &ours, &theirs);
    let p = reloaded(&result.portfolio);
    assert!(p.conflicts.is_empty(), "no conflict: {:?}", p.conflicts);
    assert_eq!(p.initiatives.len(), 29);
    let by_title: BTreeMap<String, Id> = p.initiatives.iter().map(|i| (i.title.clone(), i.id)).collect();
    for title in [
        "Nattfasta i hemtjänsten",
        "Lånecyklar för personalen",
        "Digital tillsyn nattetid",
        "Gemensam vikariepool",
    ] {
        assert!(by_title.contains_key(title), "{title} is kept");
    }
    // Theirs were added later, so theirs move: the next free numbers, 28 and 29.
    assert_eq!(by_title["Nattfasta i hemtjänsten"], 26);
    assert_eq!(by_title["Digital tillsyn nattetid"], 28);
    let pool = p.initiative(by_title["Gemensam vikariepool"]).expect("there");
    assert_eq!(pool.id, 29);
    assert_eq!(
        pool.description, "Grew out of the talk about #28 last week.",
        "their #26 mentioned is now #28"
    );
    let note = pool.log.last().expect("a note of the renumbering");
    assert!(note.text.contains("#27") && note.text.contains("#29"), "{}", note.text);
    assert_eq!(note.extra["renumbered"], json!({"from": 27, "to": 29}));
    let action = p.actions.last().expect("their action");
    assert_eq!(action.initiative, Some(29), "the action follows the initiative it was about");
    assert_eq!(action.what, "Ask the night staff about #29");
    let three = p.initiative(3).expect("#3");
    assert_eq!((three.owner.as_str(), three.unit.as_str()), ("Anna Berg", "Tekniska förvaltningen"));
    assert!(p.initiative(5).expect("#5").archived);
    assert_eq!(p.next_id.initiative, 30);
    assert_eq!(p.next_id.action, 7);
    assert_eq!(result.renumbered.len(), 2);
    // Whoever merges, the same numbers: the other facilitator's merge agrees.
    let other = reloaded(&merged(&base, &theirs, &ours).portfolio);
    assert_eq!(titles(&other), titles(&p));
}

#[test]
fn one_field_changed_differently_on_both_sides_is_a_conflict_in_a_valid_file() {
    let (base, mut ours, mut theirs) = copies();
    initiative(&mut ours, 3).title = "Fossilfria transporter".into();
    initiative(&mut theirs, 3).title = "Fossilfri fordonsflotta".into();
    initiative(&mut theirs, 3).owner = "Bo Ek".into();
    let p = reloaded(&merged(&base, &ours, &theirs).portfolio);
    assert_eq!(p.conflicts.len(), 1);
    let conflict = &p.conflicts[0];
    assert_eq!(conflict.path, "initiatives[#3].title");
    assert_eq!(conflict.ours.value, json!("Fossilfria transporter"));
    assert_eq!(conflict.theirs.value, json!("Fossilfri fordonsflotta"));
    assert_eq!(conflict.base.value, json!(base.initiative(3).expect("#3").title));
    let three = p.initiative(3).expect("#3");
    assert_eq!(three.title, "Fossilfria transporter", "ours stays in place until the user chooses");
    assert_eq!(three.owner, "Bo Ek", "the rest of the record is merged");

    // Taking theirs settles it, as one undoable change.
    let change = merge::resolution(&p, conflict, &Pick::Theirs).expect("resolves");
    let mut settled = p.clone();
    change.apply(&mut settled);
    assert!(settled.conflicts.is_empty());
    assert_eq!(settled.initiative(3).expect("#3").title, "Fossilfri fordonsflotta");
    change.inverted().apply(&mut settled);
    assert_eq!(settled, p, "undone, the conflict is back");
}

#[test]
fn a_record_removed_on_one_side_and_changed_on_the_other_is_kept_as_a_conflict() {
    let (base, mut ours, mut theirs) = copies();
    ours.initiatives.retain(|i| i.id != 8);
    initiative(&mut theirs, 8).stage = Stage::Evaluating;
    theirs.initiatives.retain(|i| i.id != 9);
    let p = reloaded(&merged(&base, &ours, &theirs).portfolio);
    assert_eq!(p.initiative(8).map(|i| i.stage), Some(Stage::Evaluating), "nothing is lost");
    assert!(p.initiative(9).is_none(), "removed on one side, unchanged on the other: removed");
    assert_eq!(p.conflicts.len(), 1);
    assert!(p.conflicts[0].ours.missing);
    let keep_ours = merge::resolution(&p, &p.conflicts[0], &Pick::Ours).expect("resolves");
    let mut settled = p.clone();
    keep_ours.apply(&mut settled);
    assert!(settled.initiative(8).is_none() && settled.conflicts.is_empty());
}

#[test]
fn a_file_with_unresolved_conflicts_merges_again() {
    let (base, mut ours, mut theirs) = copies();
    initiative(&mut ours, 3).title = "A".into();
    initiative(&mut theirs, 3).title = "B".into();
    let conflicted = reloaded(&merged(&base, &ours, &theirs).portfolio);
    // Both facilitators have the conflicted file; one resolves it, the other adds something.
    let mut resolved = conflicted.clone();
    merge::resolution(&conflicted, &conflicted.conflicts[0], &Pick::Theirs)
        .expect("resolves")
        .apply(&mut resolved);
    let mut added = conflicted.clone();
    add(&mut added, "Ny idé", "2026-11-24T08:00:00Z");
    let p = reloaded(&merged(&conflicted, &added, &resolved).portfolio);
    assert!(p.conflicts.is_empty(), "the resolution is taken: {:?}", p.conflicts);
    assert_eq!(p.initiative(3).expect("#3").title, "B");
    assert!(p.initiatives.iter().any(|i| i.title == "Ny idé"));
    // Neither resolved it: the conflict is kept, once.
    let again = reloaded(&merged(&conflicted, &added, &conflicted).portfolio);
    assert_eq!(again.conflicts.len(), 1);
}

#[test]
fn the_same_initiative_renumbered_differently_on_two_sides_ends_with_one_number() {
    let (base, mut ours, mut theirs) = copies();
    add(&mut ours, "Ours", "2026-11-20T09:00:00Z");
    add(&mut theirs, "Theirs", "2026-11-21T09:00:00Z");
    // Two merges of the same two copies, each with something else added first.
    let mut ours_first = ours.clone();
    add(&mut ours_first, "Also ours", "2026-11-22T09:00:00Z");
    let left = reloaded(&merged(&base, &ours_first, &theirs).portfolio);
    let right = reloaded(&merged(&base, &ours, &theirs).portfolio);
    let number = |p: &Portfolio| p.initiatives.iter().find(|i| i.title == "Theirs").map(|i| i.id);
    assert_ne!(number(&left), number(&right), "the two merges gave their #26 different numbers");
    let p = reloaded(&merged(&base, &left, &right).portfolio);
    let theirs_now: Vec<&Initiative> = p.initiatives.iter().filter(|i| i.title == "Theirs").collect();
    assert_eq!(theirs_now.len(), 1, "one initiative, one number: {:?}", titles(&p));
    assert!(p.conflicts.is_empty(), "{:?}", p.conflicts);
    assert!(
        p.initiatives.iter().any(|i| i.title == "Also ours")
            && p.initiatives.iter().any(|i| i.title == "Ours")
    );
}

#[test]
fn nested_records_are_merged_by_id_and_renumbered() {
    let (base, mut ours, mut theirs) = copies();
    let benefit = |id: Id, title: &str| Benefit { id, title: title.into(), ..Benefit::default() };
    let (o, t) = (ours.allocate_id(Collection::Benefit), theirs.allocate_id(Collection::Benefit));
    initiative(&mut ours, 2).benefits = vec![benefit(o, "Lower fuel cost")];
    initiative(&mut theirs, 2).benefits = vec![benefit(t, "Fewer sick days")];
    ours.extra.insert("ideas".into(), json!([{"id": 1, "title": "Idea"}]));
    let p = reloaded(&merged(&base, &ours, &theirs).portfolio);
    let benefits = &p.initiative(2).expect("#2").benefits;
    let ids: BTreeSet<Id> = benefits.iter().map(|b| b.id).collect();
    assert_eq!(ids.len(), 2, "both benefits, two numbers: {benefits:?}");
    assert_eq!(p.extra["ideas"], json!([{"id": 1, "title": "Idea"}]), "unknown top-level keys come along");
}

/// Benefits and their measurements are records: matched by id on both sides of a merge,
/// each side's change kept, a number both sides used for different records split in two.
#[test]
fn benefits_and_measurements_merge_by_id() {
    let base = sample();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    let first = initiative(&mut ours, 12).benefits[0].id;
    let measured = |id: Id, value: f64, note: &str| Measurement {
        id,
        date: date(2026, 11, 1),
        value: Some(value),
        note: note.into(),
        extra: fasett::model::extras::Extra::default(),
    };
    // Ours: a measurement on the first benefit and the third removed. Theirs: the first
    // benefit's owner changed, a measurement under the same new number, a new benefit.
    let m = ours.allocate_id(Collection::Measurement);
    let third = {
        let i = initiative(&mut ours, 12);
        i.benefits[0].measurements.push(measured(m, 30_000.0, "ours"));
        i.benefits.remove(2).id
    };
    let tm = theirs.allocate_id(Collection::Measurement);
    assert_eq!(m, tm, "both sides took the same number");
    let added = theirs.allocate_id(Collection::Benefit);
    // Ours also adds a benefit under that number, to another initiative.
    let elsewhere = ours.allocate_id(Collection::Benefit);
    assert_eq!(elsewhere, added);
    initiative(&mut ours, 2).benefits.push(Benefit {
        id: elsewhere,
        title: "Ours".into(),
        ..Benefit::default()
    });
    {
        let i = initiative(&mut theirs, 12);
        i.benefits[0].owner = "Ny ägare".into();
        i.benefits[0].measurements.push(measured(tm, 31_000.0, "theirs"));
        i.benefits.push(Benefit { id: added, title: "Theirs".into(), ..Benefit::default() });
    }
    let result = merged(&base, &ours, &theirs);
    assert_eq!(result.new_conflicts, 0, "{:?}", result.portfolio.conflicts);
    let p = reloaded(&result.portfolio);
    let benefits = &p.initiative(12).expect("#12").benefits;
    let ids: Vec<Id> = benefits.iter().map(|b| b.id).collect();
    assert!(!ids.contains(&third), "removed on one side, unchanged on the other: removed ({ids:?})");
    let theirs_added = benefits.iter().find(|b| b.title == "Theirs").expect("added on one side: kept");
    let ours_elsewhere = &p.initiative(2).expect("#2").benefits;
    let ours_added =
        ours_elsewhere.iter().find(|b| b.title == "Ours").expect("added on the other side: kept");
    assert_ne!(ours_added.id, theirs_added.id, "one of the two moved to a new number");
    assert_eq!(ours_added.id.min(theirs_added.id), added, "the first in initiative order keeps it");
    assert_eq!(result.renumbered.iter().filter(|r| r.collection == "benefits").count(), 1);
    let b = benefits.iter().find(|b| b.id == first).expect("the first benefit, by its id");
    assert_eq!(b.owner, "Ny ägare", "their change to it");
    let notes: BTreeSet<&str> = b.measurements.iter().map(|m| m.note.as_str()).collect();
    assert!(notes.contains("ours") && notes.contains("theirs"), "both measurements: {notes:?}");
    let numbers: BTreeSet<Id> = p.benefits().flat_map(|(_, b)| b.measurements.iter().map(|m| m.id)).collect();
    let count: usize = p.benefits().map(|(_, b)| b.measurements.len()).sum();
    assert_eq!(numbers.len(), count, "no measurement number used twice");
    let mut next = p.clone();
    let fresh = next.allocate_id(Collection::Measurement);
    assert!(!numbers.contains(&fresh), "the counter is past every number in use");
    assert!(p.benefits().all(|(_, b)| b.id < p.next_id.benefit), "and past every benefit");
}

/// Run 2 of `p` (the sample's group of seven).
fn run_two(p: &mut Portfolio) -> &mut fasett::model::Assessment {
    p.assessments.iter_mut().find(|a| a.id == 2).expect("run 2 is there")
}

#[test]
fn participants_scores_merge_by_response_id_within_their_run() {
    let (base, mut ours, mut theirs) = copies();
    assert_eq!(run_two(&mut ours).responses.len(), 7);
    // Each facilitator types in a different item for R1; both add an eighth participant,
    // numbered 8 on both sides; both change R2's score for "challenge", differently.
    run_two(&mut ours).responses[0].set_score("challenge", None, Some(1));
    run_two(&mut theirs).responses[0].set_score("debate", None, Some(5));
    for (p, score) in [(&mut ours, 2), (&mut theirs, 4)] {
        let mut late = fasett::model::Response { id: 8, ..Default::default() };
        late.set_score("challenge", None, Some(score));
        run_two(p).responses.push(late);
    }
    run_two(&mut ours).responses[1].set_score("challenge", None, Some(1));
    run_two(&mut theirs).responses[1].set_score("challenge", None, Some(5));
    let mut p = reloaded(&merged(&base, &ours, &theirs).portfolio);
    let run = run_two(&mut p).clone();
    let one = &run.responses[0];
    assert_eq!((one.score("challenge", None), one.score("debate", None)), (Some(1), Some(5)));
    let ids: BTreeSet<u32> = run.responses.iter().map(|r| r.id).collect();
    assert_eq!(ids.len(), 9, "both late participants, each under its own id: {ids:?}");
    let late: BTreeSet<Option<u8>> =
        run.responses.iter().filter(|r| r.id >= 8).map(|r| r.score("challenge", None)).collect();
    assert_eq!(late, BTreeSet::from([Some(2), Some(4)]));
    assert_eq!(p.conflicts.len(), 1, "{:?}", p.conflicts);
    let conflict = p.conflicts[0].clone();
    assert!(conflict.path.contains("responses[#2]"), "{}", conflict.path);
    assert_eq!(run.responses[1].score("challenge", None), Some(1), "ours in place until chosen");
    let mut settled = p.clone();
    merge::resolution(&p, &conflict, &Pick::Theirs).expect("resolves").apply(&mut settled);
    assert!(settled.conflicts.is_empty());
    assert_eq!(run_two(&mut settled).responses[1].score("challenge", None), Some(5));
}

#[test]
fn reordered_goals_and_tags_take_both_sides_changes() {
    let (base, mut ours, mut theirs) = copies();
    ours.organisation.goals.swap(0, 1);
    initiative(&mut ours, 4).tags.push("ai".into());
    initiative(&mut theirs, 4).tags.push("bygglov".into());
    initiative(&mut theirs, 4).facet = Facet::Mixed;
    let p = reloaded(&merged(&base, &ours, &theirs).portfolio);
    assert_eq!(p.organisation.goals[0].id, base.organisation.goals[1].id, "our reordering is kept");
    let four = p.initiative(4).expect("#4");
    assert!(four.tags.contains(&"ai".to_owned()) && four.tags.contains(&"bygglov".to_owned()));
    assert_eq!(four.facet, Facet::Mixed);
}

// ---------------------------------------------------------------------------------------------
// The command line: files, exit codes, bad input
// ---------------------------------------------------------------------------------------------

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
    path
}

fn merge_files(sandbox: &Sandbox, base: &str, ours: &str, theirs: &str) -> std::process::Output {
    run(sandbox, &["merge", base, ours, theirs])
}

#[test]
fn fasett_merge_exits_0_clean_1_with_conflicts_and_check_names_them() {
    let sandbox = Sandbox::new();
    let (base, ours, theirs) = two_weeks();
    let dir = sandbox.root();
    write(dir, "base.json", &to_json(&base));
    write(dir, "ours.json", &to_json(&ours));
    write(dir, "theirs.json", &to_json(&theirs));
    let out = merge_files(&sandbox, "base.json", "ours.json", "theirs.json");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("#27") && stderr(&out).contains("#29"),
        "names the renumbering: {}",
        stderr(&out)
    );
    let p = store::load(&dir.join("ours.json")).expect("valid").expect("there");
    assert_eq!(p.initiatives.len(), 29);
    assert_eq!(run(&sandbox, &["check", "--file", "ours.json"]).status.code(), Some(0));

    let mut changed = ours.clone();
    initiative(&mut changed, 3).title = "Ours".into();
    let mut other = theirs.clone();
    initiative(&mut other, 3).title = "Theirs".into();
    write(dir, "ours.json", &to_json(&changed));
    write(dir, "theirs.json", &to_json(&other));
    let out = merge_files(&sandbox, "base.json", "ours.json", "theirs.json");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = std::fs::read_to_string(dir.join("ours.json")).expect("written");
    assert!(!text.contains("<<<<<<<"));
    let tree: Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(tree["conflicts"][0]["path"], "initiatives[#3].title");
    let check = run(&sandbox, &["check", "--file", "ours.json"]);
    assert_eq!(check.status.code(), Some(2));
    assert!(
        stderr(&check).contains("#3 Ours · Title: ours Ours, theirs Theirs"),
        "in words: {}",
        stderr(&check)
    );
}

#[test]
fn copies_fasett_cannot_read_are_refused_and_ours_is_left_as_it_was() {
    let sandbox = Sandbox::new();
    let dir = sandbox.root();
    let base = sample();
    let ours_text = to_json(&base);
    write(dir, "ours.json", &ours_text);
    write(dir, "theirs.json", &ours_text);
    write(dir, "notes.json", "{\"shopping\": [\"milk\"]}\n");
    let mut newer: Value = serde_json::from_str(&ours_text).expect("JSON");
    newer["schema_version"] = json!(99);
    write(dir, "newer.json", &serde_json::to_string_pretty(&newer).expect("JSON"));
    for (base, ours, theirs, names) in [
        ("notes.json", "ours.json", "theirs.json", "BASE"),
        ("theirs.json", "ours.json", "newer.json", "newer fasett"),
        ("theirs.json", "newer.json", "ours.json", "newer fasett"),
        ("theirs.json", "ours.json", "missing.json", "missing.json"),
    ] {
        let before = std::fs::read(dir.join(ours)).expect("there");
        let out = merge_files(&sandbox, base, ours, theirs);
        assert_eq!(out.status.code(), Some(2), "{base} {ours} {theirs}: {}", stderr(&out));
        assert!(stderr(&out).contains(names) && stderr(&out).contains("OURS was left"), "{}", stderr(&out));
        assert_eq!(std::fs::read(dir.join(ours)).expect("there"), before, "OURS is byte for byte as it was");
    }
}

#[test]
fn an_empty_base_means_both_added_everything() {
    let sandbox = Sandbox::new();
    let dir = sandbox.root();
    let mut ours = Portfolio::default();
    add(&mut ours, "A", "2026-11-20T09:00:00Z");
    let mut theirs = Portfolio::default();
    add(&mut theirs, "B", "2026-11-21T09:00:00Z");
    write(dir, "base.json", "");
    write(dir, "ours.json", &to_json(&ours));
    write(dir, "theirs.json", &to_json(&theirs));
    let out = merge_files(&sandbox, "base.json", "ours.json", "theirs.json");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let p = store::load(&dir.join("ours.json")).expect("valid").expect("there");
    assert_eq!(titles(&p), BTreeMap::from([(1, "A".to_owned()), (2, "B".to_owned())]));
}

// ---------------------------------------------------------------------------------------------
// 10,000 initiatives changed on both sides: every initiative accounted for
// ---------------------------------------------------------------------------------------------

fn hash(i: &Initiative) -> String {
    let mut tree = serde_json::to_value(i).expect("serialises");
    fasett::model::extras::Extras::emit(i, &mut tree);
    tree.to_string()
}

#[test]
fn ten_thousand_initiatives_changed_on_both_sides_lose_nothing() {
    let size = fasett::generate::Size {
        initiatives: 10_000,
        assessments: 0,
        respondents: 0,
        seed: 20,
        ..Default::default()
    };
    let base = fasett::generate::portfolio(size);
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    for id in 1..=500 {
        initiative(&mut ours, id).description = format!("ours {id}");
    }
    for id in 251..=750 {
        initiative(&mut theirs, id).priority = Priority::High;
        initiative(&mut theirs, id).description.clone_from(&base.initiative(id).expect("there").description);
    }
    for id in 9001..=9010 {
        ours.initiatives.retain(|i| i.id != id);
    }
    for id in 9001..=9005 {
        initiative(&mut theirs, id).title = format!("changed {id}");
    }
    for n in 0..20 {
        add(&mut ours, &format!("ours new {n}"), "2026-11-20T09:00:00Z");
        add(&mut theirs, &format!("theirs new {n}"), "2026-11-21T09:00:00Z");
    }
    let before: BTreeMap<Id, (String, Option<String>, Option<String>)> = base
        .initiatives
        .iter()
        .map(|i| {
            let in_copy = |p: &Portfolio| p.initiative(i.id).map(hash);
            (i.id, (hash(i), in_copy(&ours), in_copy(&theirs)))
        })
        .collect();
    let p = reloaded(&merged(&base, &ours, &theirs).portfolio);
    let after: BTreeMap<Id, String> = p.initiatives.iter().map(|i| (i.id, hash(i))).collect();
    for (id, (b, o, t)) in &before {
        let got = after.get(id);
        match (o, t) {
            (None, Some(t)) if t == b => assert!(got.is_none(), "#{id} removed by ours stays removed"),
            (None, Some(t)) => assert_eq!(got, Some(t), "#{id} removed by ours, changed by theirs, kept"),
            (Some(o), Some(t)) if o == b => assert_eq!(got, Some(t), "#{id}: theirs"),
            (Some(o), Some(t)) if t == b => assert_eq!(got, Some(o), "#{id}: ours"),
            (Some(_), Some(_)) => {
                let i = p.initiative(*id).expect("both changed: kept");
                assert_eq!(
                    (i.description.as_str(), i.priority),
                    (format!("ours {id}").as_str(), Priority::High)
                );
            }
            _ => unreachable!("no side removed #{id} otherwise"),
        }
    }
    assert_eq!(p.conflicts.len(), 5, "the five removed by ours and changed by theirs");
    let added: BTreeSet<&str> =
        p.initiatives.iter().filter(|i| i.title.contains(" new ")).map(|i| i.title.as_str()).collect();
    assert_eq!(added.len(), 40, "every new initiative of both sides");
    assert_eq!(p.initiatives.len(), 10_000 - 5 + 40);
}

// ---------------------------------------------------------------------------------------------
// Random edits on two sides
// ---------------------------------------------------------------------------------------------

/// One edit a facilitator might make.
#[derive(Debug, Clone)]
enum Edit {
    Add,
    Delete(usize),
    Title(usize, String),
    Describe(usize, String),
    Facet(usize),
    Tag(usize, String),
    Archive(usize),
    Log(usize, String),
    Act(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let ix = 0usize..8;
    prop_oneof![
        2 => Just(Edit::Add),
        1 => ix.clone().prop_map(Edit::Delete),
        2 => (ix.clone(), crate::strategies::text()).prop_map(|(i, t)| Edit::Title(i, t)),
        2 => (ix.clone(), crate::strategies::text()).prop_map(|(i, t)| Edit::Describe(i, t)),
        1 => ix.clone().prop_map(Edit::Facet),
        1 => (ix.clone(), "[a-c]{1,2}").prop_map(|(i, t)| Edit::Tag(i, t)),
        1 => ix.clone().prop_map(Edit::Archive),
        1 => (ix.clone(), crate::strategies::text()).prop_map(|(i, t)| Edit::Log(i, t)),
        1 => ix.prop_map(Edit::Act),
    ]
}

/// Applies `edits` to a copy of `base`; gives it and the titles of the initiatives it added.
fn edited(base: &Portfolio, edits: &[Edit], side: &str) -> (Portfolio, Vec<String>) {
    let mut p = base.clone();
    let mut added = Vec::new();
    for (n, edit) in edits.iter().enumerate() {
        let pick =
            |p: &Portfolio, ix: usize| p.initiatives.get(ix % p.initiatives.len().max(1)).map(|i| i.id);
        match edit {
            Edit::Add => {
                let title = format!("{side} added {n}");
                add(&mut p, &title, "2026-11-20T09:00:00Z");
                added.push(title);
            }
            Edit::Delete(ix) => {
                if let Some(id) = pick(&p, *ix).filter(|id| base.initiative(*id).is_some()) {
                    p.initiatives.retain(|i| i.id != id);
                }
            }
            Edit::Title(ix, t) | Edit::Describe(ix, t) | Edit::Log(ix, t) | Edit::Tag(ix, t) => {
                let Some(id) = pick(&p, *ix).filter(|id| base.initiative(*id).is_some()) else { continue };
                let i = initiative(&mut p, id);
                match edit {
                    Edit::Title(..) => i.title.clone_from(t),
                    Edit::Describe(..) => i.description.clone_from(t),
                    Edit::Tag(..) => i.tags.push(t.clone()),
                    _ => i.log.push(fasett::model::LogEntry {
                        date: date(2026, 11, 20),
                        kind: fasett::model::LogKind::Note,
                        text: t.clone(),
                        decision: None,
                        extra: fasett::model::extras::Extra::new(),
                    }),
                }
            }
            Edit::Facet(ix) => {
                if let Some(id) = pick(&p, *ix) {
                    let i = initiative(&mut p, id);
                    i.facet = if i.facet == Facet::Adaptive { Facet::Anticipatory } else { Facet::Adaptive };
                }
            }
            Edit::Archive(ix) => {
                if let Some(id) = pick(&p, *ix) {
                    initiative(&mut p, id).archived = true;
                }
            }
            Edit::Act(ix) => {
                if let Some(id) = pick(&p, *ix) {
                    add_action(&mut p, "", id);
                }
            }
        }
    }
    (p, added)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn random_edits_on_two_sides_never_lose_an_initiative(
        base in crate::strategies::portfolio(),
        ours_edits in proptest::collection::vec(edit(), 0..8),
        theirs_edits in proptest::collection::vec(edit(), 0..8),
    ) {
        let (ours, ours_added) = edited(&base, &ours_edits, "ours");
        let (theirs, theirs_added) = edited(&base, &theirs_edits, "theirs");
        let result = merged(&base, &ours, &theirs).portfolio;
        let text = to_json(&result);
        let p = store::parse(text.as_bytes(), Path::new("merged.json"));
        prop_assert!(p.is_ok(), "the merged file does not load: {:?}", p.err());
        let p = p.expect("checked");
        for title in ours_added.iter().chain(&theirs_added) {
            prop_assert!(p.initiatives.iter().any(|i| &i.title == title), "{} was lost", title);
        }
        for i in &base.initiatives {
            let (o, t) = (ours.initiative(i.id), theirs.initiative(i.id));
            let removed_alone = |kept: Option<&Initiative>| kept.is_none_or(|k| k == i);
            let may_go = (o.is_none() && removed_alone(t)) || (t.is_none() && removed_alone(o));
            prop_assert!(may_go || p.initiative(i.id).is_some(), "#{} was lost", i.id);
        }
        let ids: BTreeSet<Id> = p.initiatives.iter().map(|i| i.id).collect();
        prop_assert_eq!(ids.len(), p.initiatives.len());
    }
}

/// Issue 21's loop merges by identity too: a lineage and a merged idea pointing at a number
/// both sides added follow its renumbering, and reviews taken on different days are both kept.
#[test]
fn lineage_references_follow_a_renumbering_and_reviews_are_merged_by_date() {
    let base = sample();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    assert_eq!(add(&mut ours, "Nattfasta i hemtjänsten", "2026-11-20T09:00:00Z"), 26);
    assert_eq!(add(&mut theirs, "Digital tillsyn nattetid", "2026-11-21T10:00:00Z"), 26);
    assert_eq!(add(&mut theirs, "Kameror på natten, steg två", "2026-11-21T10:05:00Z"), 27);
    initiative(&mut theirs, 27).grew_out_of = Some(26);
    initiative(&mut theirs, 25).idea = Some(Box::new(fasett::model::Idea {
        triage: fasett::model::Triage::Merged,
        merged_into: Some(26),
        ..fasett::model::Idea::default()
    }));
    ours.reviews.push(fasett::ideas::review::take(&ours, date(2026, 11, 20)));
    theirs.reviews.push(fasett::ideas::review::take(&theirs, date(2026, 11, 21)));
    let result = merged(&base, &ours, &theirs);
    assert!(result.portfolio.conflicts.is_empty(), "{:?}", result.portfolio.conflicts);
    let p = &result.portfolio;
    let digital = p.initiatives.iter().find(|i| i.title == "Digital tillsyn nattetid").expect("kept");
    let step_two = p.initiatives.iter().find(|i| i.title == "Kameror på natten, steg två").expect("kept");
    assert_ne!(digital.id, 26, "theirs was renumbered: {}", digital.id);
    assert_eq!(step_two.grew_out_of, Some(digital.id), "the lineage follows the new number");
    assert_eq!(p.initiative(25).and_then(|i| i.idea.as_ref()).and_then(|i| i.merged_into), Some(digital.id));
    let dates: Vec<&str> = p.reviews.iter().map(|r| r.id.as_str()).collect();
    assert!(dates.contains(&"2026-11-20") && dates.contains(&"2026-11-21"), "{dates:?}");
}
