//! Capture and editing at meeting speed (issue 14): a title over the limit, the detail view
//! read to its end, the language's own yes, the recovery dialog and `:reload`.

use fasett::action::Pane;
use fasett::app::{Field, Mode};
use fasett::i18n::Lang;
use fasett::model::Portfolio;
use fasett::testing::Harness;
use ratatui::crossterm::event::KeyCode;

/// An empty portfolio on disk, in the Initiatives pane.
fn capture() -> Harness {
    Harness::on_disk(&Portfolio::default()).on(Pane::Initiatives)
}

#[test]
fn a_pasted_title_over_the_limit_is_saved_and_its_end_opens_the_description() {
    let mut app = capture();
    let words: Vec<String> = (1..=60).map(|n| format!("ord{n}")).collect();
    let pasted = words.join(" ");
    assert!(pasted.chars().count() > fasett::app::MAX_TITLE_CHARS);
    app.press('n').paste(&pasted).press(KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "saved, not refused: {}", app.message());
    let saved = &app.portfolio.initiatives[0];
    assert!(saved.title.chars().count() <= fasett::app::MAX_TITLE_CHARS);
    assert_eq!(format!("{} {}", saved.title, saved.description), pasted, "every word kept, in order");
    assert!(saved.description.starts_with("ord"), "cut between words: {:?}", saved.description);
    let (message, is_error) = app.status().expect("a status");
    assert!(!is_error);
    assert!(
        message.contains("#1") && message.contains("200") && message.contains("description"),
        "{message}"
    );

    // Typed past the limit when editing: the overflow comes first, the old description after.
    let (title, description) = (saved.title.clone(), saved.description.clone());
    let added = " och mer text som inte får plats i titeln";
    app.press('e').press(KeyCode::End).type_text(added).press(KeyCode::Enter);
    let saved = &app.portfolio.initiatives[0];
    let (overflow, rest) = saved.description.split_once("\n\n").expect("overflow, a blank line, the rest");
    assert_eq!(rest, description);
    assert_eq!(format!("{} {overflow}", saved.title), format!("{title}{added}"));
    assert!(app.message().contains("#1"), "{}", app.message());
}

#[test]
fn the_error_leaves_the_status_line_once_the_field_is_edited() {
    let mut app = capture().lang(Lang::Sv);
    app.press('n').type_text("Nattfasta");
    while !matches!(&app.mode, Mode::Form(f) if f.state.field() == Field::FollowUp) {
        app.press(KeyCode::Tab);
    }
    app.type_text("nästa tisdag").keys("<C-s>");
    assert!(app.status().is_some_and(|(_, is_error)| is_error), "a bad date is refused");
    assert!(matches!(&app.mode, Mode::Form(f) if f.error.is_some()));
    app.keys("<C-u>").type_text("+1w");
    assert_eq!(app.status(), None, "fixed: the complaint is gone");
    assert!(matches!(&app.mode, Mode::Form(f) if f.error.is_none()));
    app.keys("<C-s>");
    assert!(app.message().contains("#1"), "{}", app.message());
}

/// The sample with initiative #1 given a long description and a long log of wrapping lines;
/// its detail open in the Initiatives pane at 80×24.
fn long_detail() -> Harness {
    let mut portfolio = fasett::testing::sample();
    let i = portfolio.initiatives.iter_mut().find(|i| i.id == 1).expect("#1 in the sample");
    i.description = "Bakgrund och syfte med satsningen, som beskrivs utförligt här. ".repeat(12);
    i.log = (1..=14)
        .map(|n| fasett::model::LogEntry {
            date: fasett::testing::TODAY,
            kind: fasett::model::LogKind::Decision,
            text: format!(
                "Beslut {n}: styrgruppen godkände nästa steg efter en lång diskussion om {n}. slut{n}"
            ),
            decision: None,
            extra: fasett::model::extras::Extra::default(),
        })
        .collect();
    let mut app = Harness::new(portfolio).on(Pane::Initiatives);
    app.press('g').press(KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Detail { id: 1, .. }));
    app
}

#[test]
fn the_detail_view_scrolls_to_the_last_log_line_at_80x24() {
    let mut app = long_detail();
    let top = app.shows("Facet");
    assert!(!top.contains("slut1"), "the log is below");

    app.press('G');
    let end = app.render(80, 24);
    assert!(end.contains("slut1 "), "the oldest decision, last in the log, is on screen:\n{end}");
    assert!(end.contains("lines") && end.contains("of"), "where in the detail it is:\n{end}");
    app.press('k');
    assert_ne!(app.render(80, 24), end, "one step up moves at once: nothing scrolled past the end");

    app.press('g');
    assert_eq!(app.render(80, 24), top);
    app.keys("<End>");
    assert_eq!(app.render(80, 24), end);
    app.keys("<Home>");
    for _ in 0..20 {
        app.keys("<PageDown>");
    }
    assert_eq!(app.render(80, 24), end, "paging stops at the same last row");
}

/// The sample in `lang`, in the Initiatives pane, asked whether to delete its first row.
fn asked_to_delete(lang: Lang) -> (Harness, u32) {
    let mut app = Harness::sample().lang(lang).on(Pane::Initiatives);
    app.press('g');
    let id = app.selected_id().expect("a selected initiative");
    app.press('d');
    assert!(matches!(app.mode, Mode::Confirm(_)));
    (app, id)
}

#[test]
fn j_deletes_in_swedish_danish_and_norwegian_and_says_so() {
    for lang in [Lang::Sv, Lang::Da, Lang::Nb] {
        let (mut app, id) = asked_to_delete(lang);
        let screen = app.render(80, 24);
        assert!(screen.contains("j eller y"), "{lang:?}: the dialog names both keys\n{screen}");
        let footer = screen.lines().last().unwrap_or_default().to_owned();
        assert!(footer.starts_with("\" j "), "{lang:?}: the footer names the language's own yes: {footer}");
        let listed: Vec<&str> =
            fasett::keymap::effective(app.places(), app.writing()).iter().map(|b| b.label).collect();
        assert!(listed.contains(&"j y"), "{lang:?}: the help lists both keys: {listed:?}");
        app.press('j');
        assert!(app.portfolio.initiative(id).is_none(), "{lang:?}: j deleted #{id}");
        assert!(matches!(app.mode, Mode::Normal));
    }
}

#[test]
fn j_keeps_the_initiative_in_english_where_only_y_is_yes() {
    let (mut app, id) = asked_to_delete(Lang::En);
    let screen = app.render(80, 24);
    assert!(screen.lines().last().unwrap_or_default().starts_with("\" y "), "{screen}");
    app.press('j');
    assert!(app.portfolio.initiative(id).is_some(), "j cancels in English");
    assert!(matches!(app.mode, Mode::Normal));
    app.press('d').press('y');
    assert!(app.portfolio.initiative(id).is_none(), "y deletes");
    // y stays yes in every language.
    let (mut app, id) = asked_to_delete(Lang::Sv);
    app.press('y');
    assert!(app.portfolio.initiative(id).is_none());
}

#[test]
fn j_discards_an_unsaved_form_in_swedish() {
    let mut app = Harness::sample().lang(Lang::Sv).on(Pane::Initiatives);
    let before = app.portfolio.initiatives.len();
    app.press('n').type_text("Halvfärdig").press(KeyCode::Esc);
    assert!(app.render(80, 24).contains("j eller y kastar"));
    app.press('j');
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.portfolio.initiatives.len(), before);
}

/// A data file with a draft of a new initiative left by an interrupted session, opened: the
/// recovery dialog shows.
fn interrupted(title: &str, lang: Lang) -> (Harness, std::path::PathBuf) {
    use fasett::recovery::{self, Draft, Recovery};
    let mut app = Harness::on_disk(&fasett::testing::sample()).lang(lang);
    let path = app.path().expect("a data file").to_path_buf();
    let fields = vec![("field.title".to_owned(), title.to_owned())];
    let draft = Draft::Initiative { editing: None, focus: 0, draft: Box::default(), fields };
    let file = recovery::path_for(&path);
    recovery::write(&file, &Recovery::new(draft)).expect("a recovery file");
    app.offer_recovery();
    assert!(matches!(app.mode, Mode::Recovery(_)));
    (app, file)
}

#[test]
fn n_and_typing_ahead_leave_the_recovery_offer_open_and_delete_discards() {
    let (mut app, file) = interrupted("Halvskriven idé om nattpatrull", Lang::En);
    let screen = app.render(80, 24);
    let keys = screen.lines().find(|l| l.contains("Delete discards")).expect("the keys, at the bottom");
    assert!(keys.contains("Delete discards a new initiative “Halvskriven"), "says what:\n{screen}");
    // Typing ahead as if the dialog were not there: `n` for new, then a title.
    app.type_text("nSkiss: bilpool");
    assert!(matches!(app.mode, Mode::Recovery(_)), "still asking");
    assert!(file.exists(), "the draft is kept");
    assert_eq!(app.render(80, 24), screen, "nothing changed on screen");
    app.press(KeyCode::Delete);
    assert!(matches!(app.mode, Mode::Normal));
    assert!(!file.exists(), "Delete discarded the draft");
    assert!(app.message().contains("discarded"), "{}", app.message());
}

#[test]
fn the_recovery_offer_names_a_long_draft_by_its_first_words_and_j_restores_it_in_swedish() {
    let title = "Gemensam bilpool för hemtjänsten och hemsjukvården i hela kommunen, med laddplatser";
    let (mut app, file) = interrupted(title, Lang::Sv);
    let screen = app.shows("Delete kastar ett nytt initiativ");
    assert!(screen.contains("”Gemensam bilpool för hemtjänsten och…” · Esc"), "its first words:\n{screen}");
    assert!(screen.lines().last().unwrap_or_default().starts_with("\" j "), "{screen}");
    app.press('j');
    let Mode::Form(form) = &app.mode else { panic!("j restored the draft: {:?}", app.mode) };
    assert_eq!(form.state.line(Field::Title).map(tui_input::Input::value), Some(title));
    assert!(file.exists(), "kept until the restored text is saved or discarded");
}

/// What `:reload` answered, and whether as an error.
fn reload(app: &mut Harness) -> (String, bool) {
    app.keys(":reload<Enter>");
    assert!(matches!(app.mode, Mode::Normal), "back on the normal screen");
    app.status().expect(":reload answers")
}

/// Another program changes initiative #1's title in the data file.
fn change_on_disk(app: &Harness, title: &str) {
    let path = app.path().expect("a data file");
    let mut theirs = fasett::store::load(path).expect("readable").expect("there");
    let first = theirs.initiatives.iter_mut().find(|i| i.id == 1).expect("#1");
    title.clone_into(&mut first.title);
    std::fs::write(path, fasett::store::to_json(&theirs)).expect("the other program writes");
}

#[test]
fn reload_answers_in_every_language_from_the_normal_screen() {
    for lang in Lang::ALL {
        let mut app = Harness::on_disk(&fasett::testing::sample()).lang(lang).on(Pane::Initiatives);
        app.press('u'); // an undo history to keep
        assert_eq!(reload(&mut app), (lang.t("external.reloaded_same").to_owned(), false), "{lang:?}");

        // Changed by another program, no dialog open (no idle tick has looked yet).
        change_on_disk(&app, "Ändrad av någon annan");
        assert_eq!(reload(&mut app), (lang.t("external.reloaded").to_owned(), false), "{lang:?}");
        assert_eq!(app.portfolio.initiative(1).map(|i| i.title.as_str()), Some("Ändrad av någon annan"));

        // Noticed, the dialog opened and put away with Esc: :reload still reads the file.
        change_on_disk(&app, "Ändrad igen");
        app.idle_tick(std::time::Instant::now());
        assert!(app.external_pending(), "{lang:?}: the idle check noticed");
        app.press('R');
        assert!(matches!(app.mode, Mode::External(_)), "{lang:?}: R opened the choices");
        app.settle().press(KeyCode::Esc);
        assert_eq!(reload(&mut app), (lang.t("external.reloaded").to_owned(), false), "{lang:?}");
        assert_eq!(app.portfolio.initiative(1).map(|i| i.title.as_str()), Some("Ändrad igen"));
    }
}

#[test]
fn reload_answers_when_there_is_nothing_to_read() {
    for lang in Lang::ALL {
        let mut app = Harness::sample().lang(lang);
        assert_eq!(reload(&mut app), (lang.t("external.reload_no_file").to_owned(), true), "{lang:?}");
        let mut app = Harness::first_run().lang(lang);
        let (text, is_error) = reload(&mut app);
        assert!(!is_error && text.starts_with("portfolio.json"), "{lang:?}: {text}");
        std::fs::write(app.path().expect("a path"), "{ broken").expect("writes");
        let (text, is_error) = reload(&mut app);
        let failed = lang.t("external.reload_failed");
        assert!(is_error && text.starts_with(&failed[..failed.find('{').unwrap_or(0)]), "{lang:?}: {text}");
    }
}
