//! Conflicts a merge left, settled in the app: the dialog opens on such a file, each choice
//! (ours, theirs, a typed value) is an undoable edit saved at once, and "merge both" in the
//! external-change dialog.

use fasett::app::Mode;
use fasett::i18n::Lang;
use fasett::merge::{self, Options};
use fasett::model::{Facet, Initiative, Portfolio};
use fasett::testing::{Harness, TODAY, sample};

fn options() -> Options {
    Options {
        today: TODAY,
        now: jiff::Timestamp::from_second(1_795_000_000).expect("a time"),
        lang: Lang::En,
    }
}

fn edit(p: &mut Portfolio, id: u32, change: impl FnOnce(&mut Initiative)) {
    change(p.initiatives.iter_mut().find(|i| i.id == id).expect("there"));
}

/// The sample after a merge that left three conflicts: #3's title, #4's facet, and #8
/// removed by ours but changed by theirs.
fn conflicted() -> Portfolio {
    let base = sample();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    edit(&mut ours, 3, |i| i.title = "Fossilfria transporter".into());
    edit(&mut theirs, 3, |i| i.title = "Fossilfri fordonsflotta".into());
    edit(&mut ours, 4, |i| i.facet = Facet::Mixed);
    edit(&mut theirs, 4, |i| i.facet = Facet::Adaptive);
    ours.initiatives.retain(|i| i.id != 8);
    edit(&mut theirs, 8, |i| i.owner = "Bo Ek".into());
    let merged =
        merge::merge(base.clone(), ours.clone(), theirs.clone(), &options()).expect("merges").portfolio;
    assert_eq!(merged.conflicts.len(), 3);
    merged
}

fn on_disk_conflicts(app: &Harness) -> usize {
    let path = app.path().expect("a data file");
    fasett::store::load(path).expect("loads").expect("there").conflicts.len()
}

#[test]
fn a_file_with_conflicts_opens_on_the_dialog_at_80x24() {
    let mut app = Harness::new(conflicted());
    assert!(matches!(app.mode, Mode::Conflicts(_)), "{:?}", app.mode);
    assert!(app.message().contains('3'), "{}", app.message());
    insta::assert_snapshot!(app.render(80, 24));
    let mut sv = Harness::new(conflicted()).lang(Lang::Sv);
    sv.update(fasett::action::Action::OpenConflicts);
    insta::assert_snapshot!("conflict_dialog_sv", sv.render(80, 24));
}

#[test]
fn each_choice_is_an_undoable_edit_saved_at_once() {
    let mut app = Harness::on_disk(&conflicted());
    assert!(matches!(app.mode, Mode::Conflicts(_)));
    app.press('t');
    assert_eq!(app.portfolio.initiative(3).map(|i| i.title.as_str()), Some("Fossilfri fordonsflotta"));
    assert_eq!(app.portfolio.conflicts.len(), 2);
    assert_eq!(on_disk_conflicts(&app), 2, "saved at once");
    app.press('o');
    assert_eq!(app.portfolio.initiative(4).map(|i| i.facet), Some(Facet::Mixed));
    // The last: #8, which ours removed and theirs changed. Keep ours: it goes.
    assert!(app.render(80, 24).contains("Bo Ek") || app.portfolio.conflicts[0].path == "initiatives[#8]");
    app.press('o');
    assert!(app.portfolio.initiative(8).is_none());
    assert!(app.portfolio.conflicts.is_empty());
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(on_disk_conflicts(&app), 0);
    assert!(!app.render(80, 24).contains("conflicts:"), "the badge is gone");

    app.press('u');
    assert!(app.portfolio.initiative(8).is_some(), "undone: #8 is back");
    let Some((_, conflict)) = app.conflict_on_screen() else {
        panic!("the conflict is back on screen: {:?}", app.mode)
    };
    assert_eq!(conflict.path, "initiatives[#8]");
    assert_eq!(on_disk_conflicts(&app), 1);
    app.keys("<C-r>");
    assert!(app.portfolio.conflicts.is_empty() && matches!(app.mode, Mode::Normal), "redone: {:?}", app.mode);
}

#[test]
fn a_typed_value_settles_a_conflict_and_one_that_does_not_fit_is_refused() {
    let mut app = Harness::on_disk(&conflicted());
    app.press('e');
    app.keys("<C-u>").type_text("Fossilfritt 2030").press(ratatui::crossterm::event::KeyCode::Enter);
    assert_eq!(app.portfolio.initiative(3).map(|i| i.title.as_str()), Some("Fossilfritt 2030"));
    // #4's facet: a facet the file does not know is refused, the conflict stays.
    app.press('e');
    app.keys("<C-u>").type_text("\"sideways\"").press(ratatui::crossterm::event::KeyCode::Enter);
    assert!(
        app.status().is_some_and(|(text, error)| error && text.contains("sideways")),
        "{}",
        app.message()
    );
    assert_eq!(app.portfolio.conflicts.len(), 2);
    app.keys("<Esc>e<C-u>").type_text("anticipatory").press(ratatui::crossterm::event::KeyCode::Enter);
    assert_eq!(app.portfolio.initiative(4).map(|i| i.facet), Some(Facet::Anticipatory));
    assert_eq!(app.portfolio.conflicts.len(), 1);
}

#[test]
fn esc_leaves_them_for_later_and_c_brings_them_back() {
    let mut app = Harness::new(conflicted());
    app.keys("<Esc>");
    assert!(matches!(app.mode, Mode::Normal));
    assert!(app.render(80, 24).contains("[conflicts: 3]"));
    app.keys("<Right>");
    app.press('C');
    assert!(matches!(app.mode, Mode::Conflicts(_)));
    app.keys("nn");
    assert_eq!(app.conflict_on_screen().map(|(ix, _)| ix), Some(2));
    app.keys("n");
    assert_eq!(app.conflict_on_screen().map(|(ix, _)| ix), Some(0), "round again");
}

#[test]
fn merge_both_takes_the_session_s_edit_and_the_file_on_disk_together() {
    let mut app = Harness::on_disk(&sample());
    let path = app.path().expect("a data file").to_path_buf();
    // Someone pulls a version that changed #4 and #3's owner ...
    let mut pulled = sample();
    edit(&mut pulled, 4, |i| i.title = "Från git pull".into());
    edit(&mut pulled, 3, |i| i.owner = "Bo Ek".into());
    std::fs::write(&path, fasett::store::to_json(&pulled)).expect("writes");
    // ... while this session changes #3's owner: the save is refused, the banner says so,
    // and the choices open when asked.
    let mut after = app.portfolio.initiative(3).cloned().expect("#3");
    after.owner = "Anna Berg".into();
    let change = fasett::history::Change::initiative(app.portfolio.initiative(3).cloned(), Some(after));
    assert!(app.commit(change));
    assert!(app.unsaved, "not saved over the other program's file");
    assert!(matches!(app.mode, Mode::Normal) && app.external_pending(), "{:?}", app.mode);
    app.press('R');
    assert!(matches!(app.mode, Mode::External(_)), "{:?}", app.mode);
    app.settle().press('M');
    assert_eq!(app.portfolio.initiative(4).map(|i| i.title.as_str()), Some("Från git pull"));
    assert!(matches!(app.mode, Mode::Conflicts(_)), "#3's owner was changed on both: {:?}", app.mode);
    app.press('o');
    assert_eq!(app.portfolio.initiative(3).map(|i| i.owner.as_str()), Some("Anna Berg"));
    let on_disk = fasett::store::load(&path).expect("loads").expect("there");
    assert_eq!(on_disk, app.portfolio, "saved, with nothing of either side lost");
}

#[test]
fn merge_both_after_a_pull_that_renumbered_this_session_s_saved_initiative_duplicates_nothing() {
    // Found trying it out: the session saved its new #26; git merged the file with a copy
    // that also had a #26, so ours became #28 on disk. The common ancestor of "merge both" is
    // the file as the session last saved it, not as it was first loaded.
    let mut app = Harness::on_disk(&sample());
    let path = app.path().expect("a data file").to_path_buf();
    app.keys("2n").type_text("Digital tillsyn nattetid").press(ratatui::crossterm::event::KeyCode::Enter);
    assert!(app.portfolio.initiative(26).is_some());
    let saved = fasett::store::load(&path).expect("loads").expect("there");
    let mut other = sample();
    other.initiatives.push(Initiative { id: 26, title: "Nattfasta".into(), ..Initiative::default() });
    other.next_id.initiative = 27;
    let pulled = merge::merge(sample(), saved, other, &options()).expect("merges").portfolio;
    std::fs::write(&path, fasett::store::to_json(&pulled)).expect("writes");
    app.check_disk();
    app.press('R').settle().press('M');
    let titles: Vec<&str> = app.portfolio.initiatives.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles.iter().filter(|t| **t == "Digital tillsyn nattetid").count(), 1, "{titles:?}");
    assert_eq!(app.portfolio.initiatives.len(), 27);
    assert!(app.portfolio.conflicts.is_empty());
}

/// An open session on the sample whose file a `git pull` replaced with [`conflicted`],
/// noticed, with the choices opened.
fn pulled_a_conflict() -> Harness {
    let mut app = Harness::on_disk(&sample());
    let path = app.path().expect("a data file").to_path_buf();
    std::fs::write(&path, fasett::store::to_json(&conflicted())).expect("writes");
    app.check_disk();
    app.press('R');
    app
}

#[test]
fn a_pull_that_left_conflicts_under_an_open_session_says_so_and_m_shows_them() {
    let mut app = pulled_a_conflict();
    let Mode::External(change) = &app.mode else { panic!("{:?}", app.mode) };
    assert_eq!(change.conflicts, 3);
    assert!(app.render(80, 24).contains("conflicts to resolve: 3"), "{}", app.render(80, 24));
    app.settle().press('M');
    assert!(matches!(app.mode, Mode::Conflicts(_)), "{:?}", app.mode);
    assert_eq!(app.portfolio.conflicts.len(), 3);
    assert!(app.message().contains('3'), "{}", app.message());
}

#[test]
fn ctrl_l_redraws_over_the_external_change_and_conflict_dialogs_and_leaves_them_open() {
    let mut app = pulled_a_conflict();
    app.keys("<C-l>");
    assert!(app.take_redraw(), "asked from the external-change dialog");
    assert!(matches!(app.mode, Mode::External(_)), "{:?}", app.mode);
    app.settle().press('M');
    app.keys("<C-l>");
    assert!(app.take_redraw(), "asked from the conflict dialog");
    app.press('e').keys("<C-l>");
    assert!(app.take_redraw(), "asked while a value is typed");
    let Mode::Conflicts(dialog) = &app.mode else { panic!("{:?}", app.mode) };
    assert!(dialog.editing.is_some(), "still typing");
}

#[test]
fn a_choice_in_conflict_reads_as_its_label_in_the_dialog_and_in_check() {
    let mut sv = Harness::new(conflicted()).lang(Lang::Sv);
    sv.update(fasett::action::Action::OpenConflicts);
    sv.keys("<Right>");
    let screen = sv.shows("Fasett");
    assert!(screen.contains("Blandad") && screen.contains("Adaptiv"), "{screen}");
    assert!(!screen.contains("mixed") && !screen.contains("adaptive"), "{screen}");
    let lines = merge::conflict_lines(&conflicted(), Lang::Sv).join("\n");
    assert!(lines.contains("vår Blandad, deras Adaptiv"), "{lines}");
    assert!(!lines.contains("ours"), "{lines}");
}

#[test]
fn a_value_being_typed_for_a_conflict_comes_back_on_that_conflict() {
    let mut app = Harness::on_disk(&conflicted());
    app.keys("<Right>");
    let Some((_, second)) = app.conflict_on_screen() else { panic!("a conflict on screen") };
    let second = second.id.clone();
    app.press('e').keys("<C-u>").type_text("\"adaptive");
    let back = crate::drafts::restored(&app);
    let Some((_, shown)) = back.conflict_on_screen() else { panic!("the dialog: {:?}", back.mode) };
    assert_eq!(shown.id, second, "the same conflict");
    let Mode::Conflicts(dialog) = &back.mode else { panic!("the dialog") };
    assert_eq!(dialog.editing.as_ref().map(tui_input::Input::value), Some("\"adaptive"));

    // Opened and left as it was: nothing typed, no draft.
    let mut app = Harness::on_disk(&conflicted());
    app.press('e');
    assert!(app.current_draft().is_none());

    // Settled meanwhile: the value is shown.
    let mut app = Harness::on_disk(&conflicted());
    app.press('e').keys("<C-u>").type_text("Fossilfritt 2030");
    let mut settled = conflicted();
    settled.conflicts.clear();
    let back = crate::drafts::restored_on(&app, &settled);
    let (text, error) = back.status().expect("said");
    assert!(error && text.contains("Fossilfritt 2030"), "{text}");
}

#[test]
fn a_whole_initiative_in_conflict_says_what_the_other_copy_changed_and_is_never_typed_as_json() {
    let mut app = Harness::on_disk(&conflicted()).lang(Lang::Sv);
    app.press('t').press('o');
    let screen = app.render(80, 24);
    assert!(screen.contains("#8") && screen.contains("hela initiativet"), "{screen}");
    assert!(screen.contains("Den andra kopian (deras) ändrade: Ägare"), "what theirs changed: {screen}");
    assert!(!screen.contains("e redigera"), "no typing offered for a whole record: {screen}");
    app.press('e');
    assert!(matches!(&app.mode, Mode::Conflicts(d) if d.editing.is_none()), "no one-line JSON editor");
    assert!(app.message().contains("behålls (o) eller tas (t)"), "{}", app.message());
    let screen = app.render(80, 24);
    assert!(
        !screen.contains("\"created\"") && !screen.contains("eft…"),
        "no raw JSON, the reason whole: {screen}"
    );
}

#[test]
fn the_conflict_badge_shortens_the_organisation_s_name_before_any_tab_loses_its_own() {
    let mut app = Harness::new(conflicted()).lang(Lang::Sv);
    app.press(ratatui::crossterm::event::KeyCode::Esc);
    let screen = app.render(80, 23);
    let tabs = screen.lines().next().unwrap_or_default();
    assert!(tabs.contains("2 Initiativ") && tabs.contains("4 Översikt"), "{tabs}");
    assert!(tabs.contains("[konflikter: 3]"), "{tabs}");
}
