//! Two facilitators on one portfolio through real git: a bare repository as the server, two
//! clones, the merge driver installed as the README says, and `git pull` / `git push`.

use std::path::{Path, PathBuf};
use std::process::Output;

use fasett::merge::{self, Pick};
use fasett::model::{Id, Initiative, Portfolio};
use fasett::store::{self, to_json};

use crate::git::{ATTRIBUTES, Repos, said};
use crate::pty::Sandbox;
use crate::{add, add_action, run, run_ok, stderr};

fn load(dir: &Path) -> Portfolio {
    store::load(&dir.join("portfolio.json")).expect("the file loads").expect("the file is there")
}

fn save(dir: &Path, p: &Portfolio) {
    std::fs::write(dir.join("portfolio.json"), to_json(p)).expect("writing the portfolio");
}

fn edit(p: &mut Portfolio, id: Id, change: impl FnOnce(&mut Initiative)) {
    change(p.initiatives.iter_mut().find(|i| i.id == id).expect("there"));
}

/// Loads the portfolio in the clone `dir`, lets `change` edit it, saves it and commits it.
fn commit_edit(repos: &Repos<'_>, dir: &Path, message: &str, change: impl FnOnce(&mut Portfolio)) {
    let mut p = load(dir);
    change(&mut p);
    save(dir, &p);
    repos.commit(dir, message);
}

/// The server holds the sample portfolio and the attributes line; two clones of it.
fn start(sandbox: &Sandbox) -> (Repos<'_>, PathBuf, PathBuf) {
    let repos = Repos::new(sandbox);
    let anna = repos.clone("anna");
    std::fs::write(anna.join(".gitattributes"), ATTRIBUTES).expect("writing .gitattributes");
    save(&anna, &fasett::testing::sample());
    repos.commit(&anna, "The portfolio");
    repos.ok(&anna, &["push", "--quiet", "origin", "main"]);
    let bo = repos.clone("bo");
    (repos, anna, bo)
}

/// Two clones ([`start`]): Anna commits her edit and pushes it; Bo commits his own, then pulls.
/// Each edit is its commit message and the change. Gives the clones and what the pull did.
fn both_edit_then_pull<'s>(
    sandbox: &'s Sandbox,
    annas: (&str, impl FnOnce(&mut Portfolio)),
    bos: (&str, impl FnOnce(&mut Portfolio)),
) -> (Repos<'s>, PathBuf, PathBuf, Output) {
    let (repos, anna, bo) = start(sandbox);
    commit_edit(&repos, &anna, annas.0, annas.1);
    repos.ok(&anna, &["push", "--quiet"]);
    commit_edit(&repos, &bo, bos.0, bos.1);
    let pull = repos.git(&bo, &["pull", "--no-edit"]);
    (repos, anna, bo, pull)
}

#[test]
fn two_clones_each_adding_26_and_27_pull_together_without_a_conflict() {
    let sandbox = Sandbox::new();
    let (repos, anna, bo, pull) = both_edit_then_pull(
        &sandbox,
        ("Anna's week", |p| {
            assert_eq!(add(p, "Anna: nattfasta", "2026-11-20T09:00:00Z"), 26);
            assert_eq!(add(p, "Anna: lånecyklar", "2026-11-20T09:05:00Z"), 27);
            edit(p, 3, |i| i.owner = "Anna Berg".into());
        }),
        ("Bo's week", |p| {
            assert_eq!(add(p, "Bo: digital tillsyn", "2026-11-21T10:00:00Z"), 26);
            assert_eq!(add(p, "Bo: vikariepool", "2026-11-21T10:05:00Z"), 27);
            edit(p, 3, |i| i.unit = "Tekniska förvaltningen".into());
            edit(p, 5, |i| i.archived = true);
            add_action(p, "Plan #27", 27);
        }),
    );
    assert!(
        pull.status.success() && !said(&pull).contains("CONFLICT"),
        "the pull merges cleanly:\n{}",
        said(&pull)
    );
    repos.ok(&bo, &["push", "--quiet"]);
    repos.ok(&anna, &["pull", "--quiet", "--no-edit"]);

    let (a, b) = (load(&anna), load(&bo));
    assert_eq!(
        std::fs::read(anna.join("portfolio.json")).expect("there"),
        std::fs::read(bo.join("portfolio.json")).expect("there"),
        "both clones hold the same file"
    );
    assert_eq!(a, b);
    assert_eq!(a.initiatives.len(), 29);
    let number = |title: &str| a.initiatives.iter().find(|i| i.title == title).map(|i| i.id);
    for title in ["Anna: nattfasta", "Anna: lånecyklar", "Bo: digital tillsyn", "Bo: vikariepool"] {
        assert!(number(title).is_some(), "{title} is there");
    }
    let ids: std::collections::BTreeSet<Id> = a.initiatives.iter().map(|i| i.id).collect();
    assert_eq!(ids.len(), 29, "numbers are unique");
    let planned = a.actions.iter().find(|x| x.what.starts_with("Plan #")).expect("Bo's action");
    assert_eq!(planned.initiative, number("Bo: vikariepool"), "the action still points at Bo's #27");
    assert_eq!(planned.what, format!("Plan #{}", number("Bo: vikariepool").unwrap_or(0)));
    let three = a.initiative(3).expect("#3");
    assert_eq!((three.owner.as_str(), three.unit.as_str()), ("Anna Berg", "Tekniska förvaltningen"));
    assert!(a.initiative(5).expect("#5").archived);
    assert!(a.conflicts.is_empty());
    run_ok(&sandbox, &["check", "--file", "anna/portfolio.json"]);
}

#[test]
fn the_same_field_edited_on_both_sides_is_a_conflict_git_reports_and_fasett_settles() {
    let sandbox = Sandbox::new();
    let (repos, anna, bo, pull) = both_edit_then_pull(
        &sandbox,
        ("Anna renames #3", |p| edit(p, 3, |i| i.title = "Fossilfria transporter (Anna)".into())),
        ("Bo renames #3", |p| edit(p, 3, |i| i.title = "Fossilfri fordonsflotta (Bo)".into())),
    );
    assert!(!pull.status.success() && said(&pull).contains("CONFLICT"), "git reports it:\n{}", said(&pull));
    assert!(
        said(&pull).contains("#3 Fossilfri fordonsflotta (Bo) · Title:"),
        "fasett names it:\n{}",
        said(&pull)
    );
    let text = std::fs::read_to_string(bo.join("portfolio.json")).expect("there");
    assert!(!text.contains("<<<<<<<"), "no conflict markers");
    let p = load(&bo);
    assert_eq!(p.conflicts.len(), 1);
    let check = run(&sandbox, &["check", "--file", "bo/portfolio.json"]);
    assert_eq!(check.status.code(), Some(2));
    assert!(stderr(&check).contains("#3 Fossilfri fordonsflotta (Bo) · Title:"), "{}", stderr(&check));

    // Settled (as the app does with `t`), added and committed: clean everywhere.
    let mut settled = p.clone();
    merge::resolution(&p, &p.conflicts[0], &Pick::Theirs).expect("settles").apply(&mut settled);
    save(&bo, &settled);
    assert_eq!(run(&sandbox, &["check", "--file", "bo/portfolio.json"]).status.code(), Some(0));
    repos.commit(&bo, "Merge: Anna's title for #3");
    repos.ok(&bo, &["push", "--quiet"]);
    repos.ok(&anna, &["pull", "--quiet", "--no-edit"]);
    assert_eq!(
        load(&anna).initiative(3).map(|i| i.title.clone()).as_deref(),
        Some("Fossilfria transporter (Anna)")
    );
}

/// The merge driver speaks the language the app does: the one remembered from `:lang`, over
/// the locale git runs it in (README, "Sharing through git").
#[test]
fn the_merge_driver_speaks_the_language_chosen_with_lang() {
    let mut sandbox = Sandbox::new();
    sandbox.write(sandbox.config_home().join("fasett/config.json"), r#"{"lang": "sv"}"#);
    sandbox.env("LANG", "en_GB.UTF-8");
    let (_repos, _anna, _bo, pull) = both_edit_then_pull(
        &sandbox,
        ("Anna renames #3", |p| edit(p, 3, |i| i.title = "Fossilfria transporter (Anna)".into())),
        ("Bo renames #3", |p| edit(p, 3, |i| i.title = "Fossilfri fordonsflotta (Bo)".into())),
    );
    let said = said(&pull);
    assert!(said.contains("konflikter att lösa: 1") && said.contains("· Titel:"), "in Swedish:\n{said}");
}
