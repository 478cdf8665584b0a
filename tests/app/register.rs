//! The Initiatives pane driven through keys, as a user would, without a terminal.

use fasett::action::Pane;
use fasett::app::{Field, Mode};
use fasett::model::{Facet, LogKind, Stage, Status};
use fasett::testing::{Harness, TODAY, sample};
use jiff::civil::date;
use ratatui::crossterm::event::KeyCode;

/// The sample in the Initiatives pane.
fn register() -> Harness {
    let mut app = Harness::sample();
    app.press('2');
    assert_eq!(app.pane, Pane::Initiatives);
    app
}

/// Selects initiative `id` with keys: to the top, then down.
fn select(app: &mut Harness, id: u32) {
    let ix = app.register.view.iter().position(|x| *x == id).expect("shown");
    app.press('g');
    app.press_times('j', ix);
    assert_eq!(app.selected_id(), Some(id));
}

#[test]
fn quick_capture_is_n_a_title_and_enter() {
    let mut app = register();
    let before = app.portfolio.initiatives.len();
    app.press('n');
    app.type_text("Nattfasta i hemtjänsten");
    app.press(KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.portfolio.initiatives.len(), before + 1);
    let new = app.portfolio.initiatives.last().expect("added");
    assert_eq!(new.id, 26, "ids continue from the file's counter");
    assert_eq!(new.title, "Nattfasta i hemtjänsten");
    assert_eq!(
        (new.stage, new.status, new.facet),
        (Stage::IdentifyingProblems, Status::Active, Facet::Unplaced)
    );
    assert_eq!(new.created, Some(TODAY));
    assert_eq!(app.selected_id(), Some(26), "the selection follows the new initiative");
    assert!(app.message().contains("#26"));
}

#[test]
fn editing_owner_and_stage_then_ctrl_s() {
    let mut app = register();
    select(&mut app, 5);
    app.press('e');
    let Mode::Form(form) = &app.mode else { panic!("the form opens") };
    assert!(!form.state.is_new());
    while !matches!(&app.mode, Mode::Form(f) if f.state.field() == Field::Stage) {
        app.press(KeyCode::Tab);
    }
    app.press(KeyCode::Right);
    while !matches!(&app.mode, Mode::Form(f) if f.state.field() == Field::Owner) {
        app.press(KeyCode::Tab);
    }
    app.press("<C-u>");
    app.type_text("Ny Ägare");
    app.press("<C-s>");
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.message());
    let edited = app.portfolio.initiative(5).expect("still there");
    assert_eq!(edited.owner, "Ny Ägare");
    assert_eq!(edited.stage, Stage::Evaluating);
    assert!(edited.updated.is_some());
    app.press('u');
    assert_eq!(app.portfolio, sample(), "one undo takes the whole form back");
    let title = sample().initiative(5).expect("in the sample").title.clone();
    assert_eq!(app.message(), format!("Undone: #5 {title} · Stage, Owner. Saved."), "what u took back");
    app.press("<C-r>");
    assert_eq!(app.message(), format!("Redone: #5 {title} · Stage, Owner. Saved."));
}

#[test]
fn a_form_that_cannot_be_saved_says_which_field_and_why() {
    let mut app = register();
    app.press('n');
    app.press(KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Form(_)), "still in the form");
    assert!(app.message().contains("Title"), "{}", app.message());
    app.type_text("Med datum");
    while !matches!(&app.mode, Mode::Form(f) if f.state.field() == Field::FollowUp) {
        app.press(KeyCode::Tab);
    }
    app.type_text("snart");
    app.press("<C-s>");
    assert!(app.message().contains("Next follow-up"), "{}", app.message());
    app.press("<C-u>");
    app.type_text("+2w");
    app.press("<C-s>");
    assert_eq!(app.portfolio.initiatives.last().and_then(|i| i.follow_up), Some(date(2026, 12, 9)));
}

#[test]
fn esc_asks_before_throwing_away_typed_text() {
    let mut app = register();
    app.press('n');
    app.type_text("Halvfärdig idé");
    app.press(KeyCode::Esc);
    assert!(matches!(&app.mode, Mode::Form(f) if f.confirm_discard));
    app.press('n');
    assert!(matches!(&app.mode, Mode::Form(f) if !f.confirm_discard), "any other key goes back");
    app.press(KeyCode::Esc);
    app.press('y');
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.portfolio, sample());
    app.press('n');
    app.press(KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Normal), "an untouched form closes at once");
}

#[test]
fn delete_asks_and_undo_and_redo_bring_it_back_and_away() {
    let mut app = register();
    select(&mut app, 7);
    app.press('d');
    app.press('n');
    assert!(app.portfolio.initiative(7).is_some(), "anything but y cancels");
    app.press('d');
    app.press('y');
    assert!(app.portfolio.initiative(7).is_none());
    app.press('u');
    assert_eq!(app.portfolio, sample());
    assert_eq!(app.selected_id(), Some(7), "the restored initiative is selected");
    let title = sample().initiative(7).expect("in the sample").title.clone();
    assert_eq!(app.message(), format!("Undone: deleting #7 {title}. Saved."));
    app.press("<C-r>");
    assert!(app.portfolio.initiative(7).is_none());
    assert_eq!(app.message(), format!("Redone: deleting #7 {title}. Saved."));
}

#[test]
fn a_log_line_is_one_key_one_line_and_enter() {
    let mut app = register();
    select(&mut app, 3);
    app.press('a');
    app.press(KeyCode::Tab);
    app.type_text("Beslut i KS: fortsätt");
    app.press(KeyCode::Enter);
    let entry = app.portfolio.initiative(3).and_then(|i| i.log.last()).expect("logged");
    assert_eq!(
        (entry.date, entry.kind, entry.text.as_str()),
        (TODAY, LogKind::Decision, "Beslut i KS: fortsätt")
    );
}

#[test]
fn archived_initiatives_hide_until_shown() {
    let mut app = register();
    let shown = app.register.view.len();
    select(&mut app, 4);
    app.press('x');
    assert_eq!(app.register.view.len(), shown - 1);
    app.press('X');
    assert!(app.register.view.contains(&4));
    // #22 is an archived idea that was declined: never part of the portfolio, it stays in the
    // intake list only.
    assert!(!app.register.view.contains(&22));
    app.press('u');
    assert!(!app.portfolio.initiative(4).expect("there").archived);
}

#[test]
fn slash_filters_as_you_type_without_diacritics_and_esc_clears() {
    let mut app = register();
    let all = app.register.view.len();
    app.keys("/aldre");
    assert!(!app.register.view.is_empty() && app.register.view.len() < all);
    for id in &app.register.view {
        let i = app.portfolio.initiative(*id).expect("shown");
        let text = fasett::text::fold(&format!("{} {} {}", i.title, i.description, i.tags.join(" ")));
        assert!(text.contains("aldre"), "#{id} does not match");
    }
    assert!(app.register.view.contains(&23), "Äldreomsorg: gemensam bemanningspool");
    app.press(KeyCode::Enter);
    assert_eq!(app.filter.text, "aldre", "Enter keeps the filter");
    app.press('/');
    app.press(KeyCode::Esc);
    assert_eq!(app.register.view.len(), all, "Esc clears it");
}

#[test]
fn selection_survives_sorting_and_filtering() {
    let mut app = register();
    select(&mut app, 16);
    for _ in 0..6 {
        app.press('s');
        assert_eq!(app.selected_id(), Some(16));
    }
    app.press('f');
    app.press_times(KeyCode::Right, 3);
    app.press(KeyCode::Esc);
    assert_eq!(app.filter.facet, Some(Facet::EnhancementOriented));
    assert_eq!(app.selected_id(), Some(16), "#16 is enhancement-oriented and stays selected");
    app.press('F');
    assert!(app.filter.is_empty());
}

#[test]
fn the_filter_bar_is_shared_with_the_portfolio_grid() {
    let mut app = register();
    app.press('f');
    app.press(KeyCode::Right);
    app.press(KeyCode::Esc);
    app.press('1');
    assert!(app.grid_cell_ids(1).is_empty(), "only mission-oriented initiatives remain");
    assert!(!app.grid_cell_ids(0).is_empty());
}

#[test]
fn hostile_text_renders_as_visible_characters() {
    let mut p = sample();
    p.initiatives[0].title = "Clear\u{1b}[2J\u{1b}]0;pwned\u{7}\u{202e}evil\nnext".into();
    let mut app = Harness::new(p);
    app.press('2');
    let screen = app.render(80, 24);
    assert!(!screen.contains('\u{1b}') && !screen.contains('\u{7}') && !screen.contains('\u{202e}'));
    assert!(screen.contains("Clear␛[2J"), "{screen}");
}

#[test]
fn a_huge_paste_is_kept_or_refused_clearly_and_nothing_breaks() {
    // 10,000 characters pasted as a title: saved, its end in the description, and said so.
    let mut app = register();
    app.press('n');
    app.paste(&"ord ".repeat(2_500));
    app.press(KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal));
    assert!(app.message().contains("200"), "{}", app.message());
    let saved = app.portfolio.initiatives.last().expect("saved");
    assert_eq!(saved.title.len() + 1 + saved.description.len(), "ord ".repeat(2_500).trim_end().len());
    let _ = app.render(80, 24);

    // More than a description holds: refused, saying where, and the form stays open.
    let mut app = register();
    app.press('n');
    app.paste(&"ord ".repeat(30_000));
    app.press(KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Form(_)));
    assert!(app.status().is_some_and(|(_, is_error)| is_error), "{}", app.message());
    assert!(app.message().contains("Description"), "{}", app.message());
    let _ = app.render(80, 24);
}

#[test]
fn snapshots_of_the_register_at_80x24_and_120x40() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = register();
        app.resize(w, h);
        insta::assert_snapshot!(format!("table_{w}x{h}"), app.render(w, h));
        select(&mut app, 3);
        app.press(KeyCode::Enter);
        insta::assert_snapshot!(format!("detail_{w}x{h}"), app.render(w, h));
        app.press('e');
        insta::assert_snapshot!(format!("form_{w}x{h}"), app.render(w, h));
        app.press(KeyCode::Esc);
        app.press('d');
        insta::assert_snapshot!(format!("confirm_{w}x{h}"), app.render(w, h));
        app.press(KeyCode::Esc);
        app.press('/');
        app.type_text("aldre");
        insta::assert_snapshot!(format!("search_{w}x{h}"), app.render(w, h));
        app.press(KeyCode::Enter);
        app.press('f');
        app.press(KeyCode::Right);
        insta::assert_snapshot!(format!("filter_bar_{w}x{h}"), app.render(w, h));
    }
}

#[test]
fn titles_sort_as_the_language_orders_its_letters() {
    let first_letters = |app: &Harness| -> String {
        app.register
            .view
            .iter()
            .filter_map(|id| app.portfolio.initiative(*id))
            .filter_map(|i| i.title.chars().next())
            .collect()
    };
    let mut app = Harness::sample().lang(fasett::i18n::Lang::Sv).on(Pane::Initiatives);
    app.keys("s");
    assert_eq!(app.register.sort, fasett::filter::SortKey::Title);
    let swedish = first_letters(&app);
    let nordic = swedish.find(['Å', 'Ä', 'Ö']).expect("the sample has titles with Å, Ä or Ö");
    assert!(swedish[nordic..].chars().all(|c| "ÅÄÖ".contains(c)), "Å, Ä and Ö after Z: {swedish}");
    // As `:lang en` does (without remembering the choice in this machine's settings).
    app.lang = fasett::i18n::Lang::En;
    app.refresh_view();
    let english = first_letters(&app);
    assert!(english.chars().last().is_some_and(|c| !"ÅÄÖ".contains(c)), "Ä with A in English: {english}");
}
