//! The data file changed by another program while the app is open (trial 7, §1): a banner
//! says so and takes no keys, typing goes where it always goes, and the choices (merge both,
//! reload, save elsewhere) open only when asked — with `R`, `:w`, or quitting with edits not
//! saved — and are never answered by typing that goes on over them.

use std::time::Instant;

use fasett::action::Pane;
use fasett::app::Mode;
use fasett::i18n::Lang;
use fasett::model::{LogKind, Portfolio};
use fasett::testing::{Harness, sample};
use ratatui::crossterm::event::KeyCode;

/// An open session on the sample in the Initiatives pane whose file another program changed
/// (#10's title) while it was idle, noticed by the idle look at the file. Returns the text
/// the other program wrote.
fn changed_while_idle(lang: Lang) -> (Harness, String) {
    let mut app = Harness::on_disk(&sample()).lang(lang).on(Pane::Initiatives);
    let path = app.path().expect("a data file").to_path_buf();
    let mut theirs = fasett::store::load(&path).expect("readable").expect("there");
    let ten = theirs.initiatives.iter_mut().find(|i| i.id == 10).expect("#10");
    ten.title.push_str(" (femte)");
    let text = fasett::store::to_json(&theirs);
    std::fs::write(&path, &text).expect("the other program writes");
    app.idle_tick(Instant::now());
    (app, text)
}

fn on_disk(app: &Harness) -> String {
    std::fs::read_to_string(app.path().expect("a data file")).expect("readable")
}

/// The portfolio without `id`'s log, to compare everything but the note.
fn without_log(p: &Portfolio, id: u32) -> Portfolio {
    let mut p = p.clone();
    let i = p.initiatives.iter_mut().find(|i| i.id == id).expect("there");
    i.log.clear();
    i.updated = None;
    p
}

#[test]
fn a_note_typed_after_another_program_changed_the_file_is_logged_and_nothing_else_happens() {
    for lang in Lang::ALL {
        let (mut app, theirs) = changed_while_idle(lang);
        assert!(matches!(app.mode, Mode::Normal), "{lang:?}: no dialog opens by itself: {:?}", app.mode);
        let screen = app.render(80, 24);
        assert!(screen.contains(lang.t("external.title")), "{lang:?}: the banner\n{screen}");
        assert!(screen.contains("#10"), "{lang:?}: it names what changed\n{screen}");

        // Looking at the projector, not the screen: `a`, the note, Enter (trial 7's keys).
        let selected = app.selected_id().expect("a selected initiative");
        let before = app.portfolio.clone();
        let order = app.register.view.clone();
        let note = "Mötet beslutade att fortsätta efter extern ändring";
        app.press('a').type_text(note).press(KeyCode::Enter);

        let logged = app.portfolio.initiative(selected).expect("still there");
        let last = logged.log.last().expect("a log line");
        assert_eq!((last.text.as_str(), last.kind), (note, LogKind::Note), "{lang:?}");
        assert_eq!(logged.log.len(), before.initiative(selected).map_or(0, |i| i.log.len()) + 1);
        assert_eq!(without_log(&app.portfolio, selected), without_log(&before, selected), "{lang:?}");
        assert_eq!(app.register.view, order, "{lang:?}: not re-sorted");
        assert!(matches!(app.mode, Mode::Normal), "{lang:?}: {:?}", app.mode);
        assert_eq!(on_disk(&app), theirs, "{lang:?}: the other program's file is untouched");
        assert!(app.unsaved, "{lang:?}");

        // The choice is still offered: in the banner, with the key, and the status says why.
        let screen = app.render(80, 24);
        assert!(screen.contains(lang.t("external.title")), "{lang:?}\n{screen}");
        assert!(screen.contains(lang.t("external.help_open")), "{lang:?}: the footer names R\n{screen}");
        let unsaved = lang.tf("external.banner_unsaved", &[("what", &"#10")]);
        let banner = app.banner().map(|(_, text)| text).unwrap_or_default();
        assert!(banner.starts_with(&unsaved), "{lang:?}: only what the other program changed: {banner}");

        // Asked for, the choices open; merging keeps both the note and the other program's #10.
        app.press('R');
        assert!(matches!(app.mode, Mode::External(_)), "{lang:?}: {:?}", app.mode);
        app.settle().press('M');
        let ten = app.portfolio.initiative(10).expect("#10");
        assert!(ten.title.ends_with(" (femte)"), "{lang:?}: {}", ten.title);
        let kept = app.portfolio.initiative(selected).and_then(|i| i.log.last()).map(|l| l.text.as_str());
        assert_eq!(kept, Some(note), "{lang:?}");
        assert!(!app.unsaved && !app.external_pending(), "{lang:?}: {}", app.message());
        let saved = fasett::store::load(app.path().expect("a file")).expect("readable").expect("there");
        assert_eq!(saved, app.portfolio, "{lang:?}: nothing lost");
        assert!(!app.render(80, 24).contains(lang.t("external.title")), "{lang:?}: the banner went");
    }
}

#[test]
fn typing_over_the_choices_never_answers_them_and_says_so() {
    let (mut app, theirs) = changed_while_idle(Lang::Sv);
    app.press('R');
    assert!(matches!(app.mode, Mode::External(_)));
    // Keys in the first half second, answers included, are not taken.
    app.press('M');
    assert!(matches!(app.mode, Mode::External(_)), "too soon: {:?}", app.mode);
    assert_eq!(app.message(), Lang::Sv.t("external.too_soon"));
    // Lower-case letters (the old answers m, r, w among them) are typing, never answers.
    app.settle().type_text("mötet fortsätter, reload, write");
    assert!(matches!(app.mode, Mode::External(_)), "{:?}", app.mode);
    assert_eq!(app.message(), Lang::Sv.t("external.ignored"));
    // Typing goes on until the last key: an answer right after it is too soon again.
    app.press('L');
    assert!(matches!(app.mode, Mode::External(_)), "{:?}", app.mode);
    assert_eq!(app.message(), Lang::Sv.t("external.too_soon"));
    assert!(!app.portfolio.initiative(10).expect("#10").title.ends_with(" (femte)"), "not reloaded");
    // Esc, once the dialog was read, closes it; the banner stays and the file is theirs.
    app.settle().press(KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Normal));
    assert!(app.external_pending());
    assert_eq!(on_disk(&app), theirs);
    // `L`, once read, reloads.
    app.press('R').settle().press('L');
    assert!(app.portfolio.initiative(10).expect("#10").title.ends_with(" (femte)"), "reloaded");
    assert!(!app.external_pending() && matches!(app.mode, Mode::Normal));
}

#[test]
fn saving_or_quitting_with_unsaved_edits_asks_and_q_bang_still_quits() {
    let (mut app, theirs) = changed_while_idle(Lang::En);
    // Nothing of this session is lost by quitting: it quits.
    let (mut idle, _) = changed_while_idle(Lang::En);
    idle.press('q');
    assert!(idle.should_quit, "{}", idle.message());

    app.press('a').type_text("Decided to go on").press(KeyCode::Enter);
    assert!(app.unsaved);
    app.keys(":w<Enter>");
    assert!(matches!(app.mode, Mode::External(_)), ":w asks: {:?}", app.mode);
    app.settle().press(KeyCode::Esc);
    app.press('q');
    assert!(!app.should_quit, "the edit would be lost");
    assert!(matches!(app.mode, Mode::External(_)), "q asks: {:?}", app.mode);
    assert_eq!(app.message(), Lang::En.t("external.quit_first"));
    app.press('q');
    assert!(!app.should_quit && matches!(app.mode, Mode::External(_)), "q answers nothing there");
    app.settle().press(KeyCode::Esc).keys(":q!<Enter>");
    assert!(app.should_quit);
    assert_eq!(on_disk(&app), theirs, "never written over");
}

#[test]
fn r_says_when_there_is_nothing_to_choose_and_is_offered_only_when_there_is() {
    let mut app = Harness::on_disk(&sample()).on(Pane::Initiatives);
    let screen = app.render(80, 24);
    assert!(!screen.contains(Lang::En.t("external.help_open")), "{screen}");
    app.press('R');
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.message(), Lang::En.t("external.nothing"));

    let (mut app, _) = changed_while_idle(Lang::En);
    app.press('?');
    let mut help = String::new();
    for _ in 0..60 {
        help.push_str(&app.render(80, 24));
        app.press('j');
    }
    assert!(help.contains(Lang::En.t("external.help_open")), "the help names R\n{help}");
}

#[test]
fn the_banner_at_80x24_in_swedish() {
    let (mut app, _) = changed_while_idle(Lang::Sv);
    insta::assert_snapshot!("external_banner_sv_80x24", app.render(80, 24));
}

#[test]
fn a_second_change_by_the_other_program_is_named_in_the_banner_too() {
    let (mut app, _) = changed_while_idle(Lang::En);
    let banner = app.banner().map(|(_, text)| text).unwrap_or_default();
    assert!(banner.starts_with("Changed on disk: #10."), "{banner}");
    let path = app.path().expect("a data file").to_path_buf();
    let mut theirs = fasett::store::load(&path).expect("readable").expect("there");
    let three = theirs.initiatives.iter_mut().find(|i| i.id == 3).expect("#3");
    three.title.push_str(" (again)");
    // A different length, so the file system tells the second change apart at once.
    std::fs::write(&path, fasett::store::to_json(&theirs)).expect("the other program writes again");
    app.idle_tick(Instant::now() + std::time::Duration::from_secs(3));
    let banner = app.banner().map(|(_, text)| text).unwrap_or_default();
    assert!(banner.starts_with("Changed on disk: #3 #10."), "the second change is named: {banner}");
}

/// A save refused while the banner shows reads the file again only once the file system
/// says it changed since the last look: at 10,000 initiatives every edit would otherwise read
/// the whole file. (A change the file system cannot tell apart, same length and time, is
/// taken for none, as the idle look takes it.)
#[test]
fn a_refused_save_reads_the_file_again_only_when_it_changed_since() {
    let (mut app, _) = changed_while_idle(Lang::En);
    let path = app.path().expect("a data file").to_path_buf();
    let modified = std::fs::metadata(&path).and_then(|m| m.modified()).expect("a time of change");
    let mut theirs = fasett::store::load(&path).expect("readable").expect("there");
    let three = theirs.initiatives.iter_mut().find(|i| i.id == 3).expect("#3");
    let last = three.title.pop().expect("a title");
    assert!(last.is_ascii() && last != 'Q', "{last:?}");
    three.title.push('Q');
    std::fs::write(&path, fasett::store::to_json(&theirs)).expect("the other program writes");
    std::fs::File::options()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_modified(modified))
        .expect("the time of change put back");
    app.press('a').type_text("first").press(KeyCode::Enter);
    assert!(app.unsaved, "the save was refused: {}", app.message());
    let banner = app.banner().map(|(_, text)| text).unwrap_or_default();
    assert!(banner.starts_with("Changed on disk: #10. Your edits"), "not read again: {banner}");

    // Written again, with another length: the next refused save reads it.
    let three = theirs.initiatives.iter_mut().find(|i| i.id == 3).expect("#3");
    three.title.push_str(" (again)");
    std::fs::write(&path, fasett::store::to_json(&theirs)).expect("the other program writes again");
    app.press('a').type_text("second").press(KeyCode::Enter);
    let banner = app.banner().map(|(_, text)| text).unwrap_or_default();
    assert!(banner.contains("#3 #10."), "read again once it changed: {banner}");
}
