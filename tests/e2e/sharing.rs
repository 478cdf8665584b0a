//! End to end, issue 20: a conflict left by `git pull` settled in the interface, and "merge
//! both" when another program rewrote the file under an open session (said in a banner, the
//! choices opened with `R`).

use std::path::Path;

use fasett::model::Initiative;
use fasett::store::to_json;

use crate::git::{ATTRIBUTES, Repos, said};
use crate::pty::{Sandbox, TIMEOUT};
use crate::{en, open_shared, read_json, titles, write_theirs};

fn rename_3(dir: &Path, title: &str) {
    let path = dir.join("portfolio.json");
    let mut p = fasett::store::load(&path).expect("loads").expect("there");
    p.initiatives.iter_mut().find(|i| i.id == 3).expect("#3").title = title.into();
    std::fs::write(&path, to_json(&p)).expect("writes");
}

#[test]
fn a_conflict_from_git_pull_is_shown_and_settled_in_the_app_leaving_check_clean() {
    let sandbox = Sandbox::new();
    let repos = Repos::new(&sandbox);
    let anna = repos.clone("anna");
    std::fs::write(anna.join(".gitattributes"), ATTRIBUTES).expect("writes");
    std::fs::write(anna.join("portfolio.json"), to_json(&fasett::testing::sample())).expect("writes");
    repos.commit(&anna, "The portfolio");
    repos.ok(&anna, &["push", "--quiet", "origin", "main"]);
    let bo = repos.clone("bo");
    rename_3(&anna, "Fossilfria transporter (Anna)");
    repos.commit(&anna, "Anna renames #3");
    repos.ok(&anna, &["push", "--quiet"]);
    rename_3(&bo, "Fossilfri fordonsflotta (Bo)");
    repos.commit(&bo, "Bo renames #3");
    let pull = repos.git(&bo, &["pull", "--no-edit"]);
    assert!(said(&pull).contains("CONFLICT"), "{}", said(&pull));

    let mut app = sandbox.spawn(["--file", "bo/portfolio.json"]);
    app.wait_for(&en("conflict.intro"), TIMEOUT);
    app.wait_for("Conflict 1 of 1", TIMEOUT);
    app.wait_for("Fossilfri fordonsflotta (Bo)", TIMEOUT);
    app.wait_for("Fossilfria transporter (Anna)", TIMEOUT);
    app.wait_for("conflicts: 1", TIMEOUT);
    app.press("t", &en("conflict.all_done"));
    app.wait_for_gone("conflicts: 1", TIMEOUT);
    app.quit();

    let file = bo.join("portfolio.json");
    assert!(read_json(&file).get("conflicts").is_none(), "no conflict left in the file");
    assert!(titles(&file).contains(&"Fossilfria transporter (Anna)".to_owned()));
    let check = sandbox.command(["check", "--file", "bo/portfolio.json"]).output().expect("runs");
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    repos.commit(&bo, "Merge: Anna's title");
    repos.ok(&bo, &["push", "--quiet"]);
}

#[test]
fn merge_both_keeps_the_session_s_edit_and_what_another_program_wrote() {
    let sandbox = Sandbox::new();
    let (file, mut app) = open_shared(&sandbox);

    // A git pull brings a #1 while the session is open ...
    write_theirs(
        &file,
        Initiative {
            id: 1,
            title: "Från git pull".into(),
            updated: Some("2026-11-20T09:00:00Z".parse().expect("a time")),
            ..Initiative::default()
        },
    );
    // The banner says so, and takes no keys ...
    app.wait_for("The file was changed by another program", TIMEOUT);
    // ... so the session adds its own #1, which cannot be saved over the pulled file.
    app.press("2n", "New initiative");
    app.press("Mitt under veckan\r", &en("external.not_saved"));
    app.wait_for("Your edits since then are kept here, unsaved.", TIMEOUT);
    // The choices open when asked, and take an answer once they can have been read.
    app.press("R", "L loads the file again");
    std::thread::sleep(fasett::app::DIALOG_SETTLE);
    app.press("M", &en("external.merged"));
    app.wait_for("Från git pull", TIMEOUT);
    app.wait_for("Mitt under veckan", TIMEOUT);
    app.quit();
    let mut kept = titles(&file);
    kept.sort();
    assert_eq!(kept, ["Från git pull", "Mitt under veckan"], "nothing lost");
    let numbers: Vec<u64> = read_json(&file)["initiatives"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|i| i["id"].as_u64())
        .collect();
    assert_eq!(numbers, [1, 2], "numbers stay unique");
}
