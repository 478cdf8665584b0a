//! A group assessment driven as a facilitator drives it in a meeting: eight participants'
//! scores for the innovation-climate checklist typed a line per item, a show of hands, one
//! participant's sheet read out, and the results the room sees.

use fasett::action::Pane;
use fasett::app::{CultureMode, EntryKind, Mode};
use fasett::i18n::Lang;
use fasett::model::Assessment;
use fasett::scoring::{self, group};
use fasett::testing::Harness;
use ratatui::crossterm::event::KeyCode;

/// The eight participants' scores, item by item in the checklist's order.
const EIGHT: [&str; 10] = [
    "34425314", "44534433", "23322343", "12341234", "44445444", "45444454", "21122132", "33443344",
    "15151515", "22213223",
];

/// An empty portfolio with an innovation-climate run started by keys, in the rating view.
fn climate_run() -> Harness {
    let mut app = Harness::empty().lang(Lang::En);
    app.press('3').press('n');
    let Mode::Culture(CultureMode::NewRun(form)) = &app.mode else { panic!("the new-run dialog") };
    let at = form.template;
    let wanted =
        app.culture.catalog.templates.iter().position(|t| t.id == "innovation_climate").expect("bundled");
    for _ in at..wanted {
        app.press(KeyCode::Right);
    }
    app.press(KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Culture(CultureMode::Rating(_))), "{:?}", app.mode);
    app
}

fn run(app: &Harness) -> Assessment {
    app.portfolio.assessments.first().expect("a run").clone()
}

#[test]
fn eight_participants_ten_items_in_under_two_keys_a_score() {
    let mut app = climate_run();
    let mut keys = 0;
    app.press('e');
    keys += 1;
    for line in EIGHT {
        app.type_text(line).press(KeyCode::Enter);
        keys += line.len() + 1;
    }
    let scores = 8 * 10;
    assert!(keys <= 2 * scores, "{keys} keys for {scores} scores");
    assert!(matches!(app.mode, Mode::Culture(CultureMode::Rating(_))), "the line closes after the last item");
    assert!(app.message().contains("All 10 items entered"), "{}", app.message());

    let a = run(&app);
    assert_eq!(a.responses.len(), 8);
    assert_eq!(a.responses.iter().map(|r| r.id).collect::<Vec<_>>(), (1..=8).collect::<Vec<_>>());
    assert!(a.responses.iter().all(|r| r.scores.len() == 10 && r.name.is_empty()), "anonymous, complete");
    let (t, _) = app.run_template(&a).expect("the template");
    let groups = group::group(t, &a);
    let order: Vec<&str> = scoring::items_in_order(t).iter().map(|i| i.id.as_str()).collect();
    let first = groups.iter().find(|g| g.slot.item.id == order[0]).expect("the first item");
    assert_eq!(first.distribution.counts, [1, 1, 2, 3, 1], "34425314");
    assert_eq!(first.distribution.mean(), Some(3.25));
    let split = groups.iter().find(|g| g.slot.item.id == order[8]).expect("the ninth item");
    assert!(split.distribution.is_split(), "15151515 splits the room");
    assert_eq!(group::disagree_most(&groups, 1)[0].slot.item.id, order[8]);
    assert_eq!(scoring::completion(t, &a).answered, 10, "the group's means count until a score is agreed");

    // Each Enter was one undoable step: undo takes back the last item only.
    app.press('u');
    let a = run(&app);
    assert_eq!(a.responses.iter().filter(|r| r.scores.len() == 9).count(), 8);
    app.press('u');
    assert_eq!(run(&app).responses.iter().filter(|r| r.scores.len() == 8).count(), 8);
}

#[test]
fn out_of_scale_digits_are_refused_as_they_are_typed() {
    let mut app = climate_run();
    app.press('e').type_text("34").press('7');
    assert!(app.message().contains("1–5"), "the scale is named: {}", app.message());
    assert!(app.message().contains('3'), "the position is named: {}", app.message());
    let Mode::Culture(CultureMode::Entry(entry)) = &app.mode else { panic!("the line stays open") };
    assert_eq!(entry.input.value(), "34");
    app.press('x');
    assert!(app.message().to_lowercase().contains("digits"), "{}", app.message());
    // Pasted text is checked at Enter: nothing is stored, the line stays open.
    app.paste("9");
    app.press(KeyCode::Enter);
    assert!(app.message().contains("1–5"), "{}", app.message());
    assert!(run(&app).responses.is_empty(), "nothing was entered");
    assert!(matches!(app.mode, Mode::Culture(CultureMode::Entry(_))));
    app.press(KeyCode::Esc);
    assert!(app.message().contains("349"), "what was dropped is said: {}", app.message());
}

#[test]
fn a_show_of_hands_is_six_keys_an_item() {
    let mut app = climate_run();
    app.press('t');
    let Mode::Culture(CultureMode::Entry(entry)) = &app.mode else { panic!("the tally line") };
    assert_eq!(entry.kind, EntryKind::Tally);
    for _ in 0..10 {
        app.type_text("01331").press(KeyCode::Enter);
    }
    let a = run(&app);
    assert!(a.responses.is_empty(), "a show of hands names nobody");
    assert_eq!(a.answers.len(), 10);
    assert!(a.answers.iter().all(|x| x.tally == [0, 1, 3, 3, 1] && x.score.is_none()));
    let (t, _) = app.run_template(&a).expect("the template");
    let groups = group::group(t, &a);
    assert!(groups.iter().all(|g| g.distribution.n() == 8 && g.tallied));
    // The same item cannot also get the participants' own scores: nobody counts twice.
    app.press('g').press('e').type_text("3").press(KeyCode::Enter);
    assert!(app.message().contains("already counted"), "{}", app.message());
    // An empty line clears the hands; then the participants' scores go in.
    app.press(KeyCode::Esc).press('t');
    let Mode::Culture(CultureMode::Entry(entry)) = &app.mode else { panic!("the tally line") };
    assert_eq!(entry.input.value(), "01331", "the line shows what is stored");
    app.keys("<C-u>").press(KeyCode::Enter).press(KeyCode::Esc).press('k').press('e');
    app.type_text("3").press(KeyCode::Enter);
    let a = run(&app);
    assert_eq!(a.responses.len(), 1);
    assert_eq!(a.answers.len(), 9, "the cleared answer is gone");
}

#[test]
fn one_participant_at_a_time_follows_the_cursor() {
    let mut app = climate_run();
    app.press('n').type_text("344");
    let Mode::Culture(CultureMode::Entry(entry)) = &app.mode else { panic!("the respondent line") };
    assert_eq!(entry.rating.row, 3, "the next digit scores the fourth item");
    app.type_text("2531425").press(KeyCode::Enter);
    app.type_text("4-4-------").press(KeyCode::Enter).press(KeyCode::Esc);
    let a = run(&app);
    assert_eq!(a.responses.len(), 2);
    assert_eq!(a.responses[0].scores.len(), 10);
    assert_eq!(a.responses[1].scores.len(), 2, "a dash is no answer");
    app.press('u');
    assert_eq!(run(&app).responses.len(), 1, "one participant is one undo");
}

#[test]
fn a_second_line_for_the_same_item_corrects_it() {
    let mut app = climate_run();
    app.press('e').type_text("3442").press(KeyCode::Enter);
    app.press(KeyCode::Up);
    let Mode::Culture(CultureMode::Entry(entry)) = &app.mode else { panic!("the line") };
    assert_eq!(entry.input.value(), "3442", "↑ brings the item back as entered");
    app.keys("<BS><BS>").type_text("5").press(KeyCode::Enter);
    let a = run(&app);
    assert_eq!(a.responses.len(), 3, "the participant the line no longer reaches is dropped");
    assert_eq!(a.responses[2].scores.values().collect::<Vec<_>>(), [5]);
}

#[test]
fn a_digit_too_many_asks_before_adding_a_participant_and_one_too_few_is_refused() {
    let mut app = climate_run();
    app.press('e').type_text("4453").press(KeyCode::Enter);
    app.type_text("445-").press(KeyCode::Enter);
    app.type_text("33225").press(KeyCode::Enter);
    assert!(app.message().contains("5 scores — a new participant, R5? y/n"), "{}", app.message());
    assert!(app.render(80, 24).contains("a new participant, R5?"), "asked where the line is too");
    assert_eq!(run(&app).responses.len(), 4, "nothing stored before the answer");
    // No: the line stays as typed, to be corrected.
    app.press('n');
    assert_eq!(entry_state(&app), (EntryKind::Each, 2, 0, "33225".to_owned()));
    assert_eq!(run(&app).responses.len(), 4);
    app.keys("<BS>").press(KeyCode::Enter);
    assert_eq!(run(&app).responses.len(), 4, "four scores for the four");
    // Yes: R5 joins, and the line goes on to the next item.
    app.type_text("33225").press(KeyCode::Enter).press('y');
    assert_eq!(run(&app).responses.len(), 5);
    assert_eq!(entry_state(&app).1, 4);
    // One participant's scores: a line one short of the items is refused, saying how many.
    app.press(KeyCode::Esc).press('n').type_text("443254432").press(KeyCode::Enter);
    assert!(app.message().contains("9 scores, but the checklist has 10"), "{}", app.message());
    assert_eq!(run(&app).responses.len(), 5);
    app.type_text("-").press(KeyCode::Enter);
    assert_eq!(run(&app).responses.len(), 6, "a dash for the last item");
}

/// The demo's October climate run: seven participants' own scores beside the agreed ones.
fn results(lang: Lang) -> Harness {
    let mut app = Harness::sample().on(Pane::Culture).lang(lang);
    app.press('j').press('r');
    app
}

#[test]
fn results_show_the_spread_and_where_the_group_disagrees() {
    let mut app = results(Lang::En);
    let screen = app.render(80, 24);
    for text in ["Where we disagree most", "Where we agree", "spread", "▲ Is it acceptable", "7 respondents"]
    {
        assert!(screen.contains(text), "{text:?} missing:\n{screen}");
    }
    insta::assert_snapshot!("results_group_en", screen);
    let mut app = results(Lang::Sv);
    let screen = app.shows("Här är vi mest oeniga");
    assert!(screen.contains("2,4"), "decimal commas in Swedish:\n{screen}");
    insta::assert_snapshot!("results_group_sv", screen);
}

#[test]
fn the_kiruna_view_sets_the_organisation_against_the_individual() {
    let mut app = Harness::sample().on(Pane::Culture);
    app.press('r');
    let screen = app.shows("Widest gap");
    assert!(screen.contains("The organisation") && screen.contains("The individual"), "{screen}");
    insta::assert_snapshot!("results_kiruna_gap", screen);
}

#[test]
fn a_show_of_hands_stays_with_the_perspective_being_counted() {
    // The demo's Kiruna run has the organisation's scores; the individual's are counted by
    // hands, principle after principle, without going back to the organisation's column.
    let mut app = Harness::sample().on(Pane::Culture);
    app.press(KeyCode::Enter).press(KeyCode::Tab);
    let Mode::Culture(CultureMode::Rating(r)) = app.mode else { panic!("rating: {:?}", app.mode) };
    assert_eq!((r.row, r.column), (4, 1), "the first unanswered: collaboration, the individual");
    app.press('t').type_text("01310").press(KeyCode::Enter);
    assert_eq!(entry_state(&app), (EntryKind::Tally, 5, 1, String::new()), "{}", app.message());
    app.type_text("00220").press(KeyCode::Enter);
    let (_, row, column, _) = entry_state(&app);
    assert_eq!((row, column), (6, 1), "on to the next dimension's first, still the individual");
    // ↑ goes back up the same column, to what was just entered.
    app.press(KeyCode::Up);
    assert_eq!(entry_state(&app), (EntryKind::Tally, 5, 1, "00220".to_owned()));
    // Past the last principle, Enter goes to the first slot still without scores.
    for _ in 6..9 {
        app.press(KeyCode::Down);
    }
    assert_eq!(entry_state(&app).1, 8, "the last principle");
    app.type_text("1").press(KeyCode::Enter);
    let (_, row, column, _) = entry_state(&app);
    assert_eq!((row, column), (6, 1), "back to the first principle nobody has counted");
}

/// The new-run dialog as it is now.
fn form(app: &Harness) -> fasett::app::NewRunForm {
    let Mode::Culture(CultureMode::NewRun(form)) = &app.mode else { panic!("the dialog: {:?}", app.mode) };
    (**form).clone()
}

#[test]
fn a_new_run_takes_participants_only_from_its_own_checklist_and_scope() {
    // The Kiruna run is selected; its participants are the care administration's people.
    let mut app = Harness::sample().on(Pane::Culture);
    app.press('n');
    assert!(form(&app).participants.value().contains("Karin Holm"), "the same checklist and scope");
    let wanted =
        app.culture.catalog.templates.iter().position(|t| t.id == "innovation_climate").expect("bundled");
    while form(&app).template != wanted {
        app.press(KeyCode::Right);
    }
    assert_eq!(form(&app).participants.value(), "", "another checklist's people are not carried over");
    // Its earlier scope is offered among the choices, and choosing it brings its people.
    app.press(KeyCode::Tab);
    let offered = form(&app).scopes.iter().position(|s| s == "Ledningsgruppen").expect("offered");
    while form(&app).scope != offered {
        app.press(KeyCode::Right);
    }
    assert!(form(&app).participants.value().starts_with("Anna Lindqvist"), "{:?}", form(&app).participants);
    // What is typed there stays, whatever is chosen after.
    app.press(KeyCode::Tab).press(KeyCode::Tab).keys("<C-u>").type_text("Eva Ek");
    app.press(KeyCode::BackTab).press(KeyCode::BackTab).press(KeyCode::Right);
    assert_eq!(form(&app).participants.value(), "Eva Ek");
}

/// Moving along the participants' names is not typing them: they still follow the scope.
#[test]
fn a_look_along_the_participants_leaves_them_following_the_scope() {
    let mut app = Harness::sample().on(Pane::Culture);
    app.press('n');
    let participants = |app: &Harness| form(app).participants.value().to_owned();
    assert!(participants(&app).contains("Karin Holm"));
    // Scope, date, participants: the cursor moved along the names, nothing typed.
    app.press_times(KeyCode::Tab, 3).press(KeyCode::Left).press(KeyCode::Home).press(KeyCode::End);
    app.press_times(KeyCode::BackTab, 2).press(KeyCode::Right);
    assert!(!participants(&app).contains("Karin Holm"), "another scope's people: {:?}", participants(&app));
}

#[test]
fn a_reverse_item_shows_the_same_number_on_every_screen_with_its_mark() {
    // The October climate run: "personal tensions" (reverse) was agreed at 2, the March run
    // at 3. Less conflict is better: the comparison says 3.0 → 2.0 and ↑, as the rating
    // view's "last" column and the results do, never the flipped 4.
    let row = |screen: &str| -> String {
        screen.lines().find(|l| l.contains("personal tensions")).expect("the item's row").to_owned()
    };
    let mut app = Harness::sample().on(Pane::Culture);
    app.press('j').press('c');
    let compared = row(&app.render(80, 24));
    assert!(compared.contains("⇅") && compared.contains("3.0   2.0   ↑ -1.0"), "{compared}");
    app.press(KeyCode::Esc).press(KeyCode::Enter);
    let rated = row(&app.render(80, 24));
    assert!(rated.contains("⇅") && rated.contains(" 2 ") && inside(&rated).ends_with("3.0"), "{rated}");
    app.press(KeyCode::Esc).press('r');
    let screen = app.render(80, 24);
    let results = screen.lines().rfind(|l| l.contains("personal tensions")).expect("the table's row");
    assert!(results.contains("⇅") && results.contains("2.1") && inside(results).ends_with('2'), "{results}");
}

/// A row of a rendered screen without its quotes and frame.
fn inside(row: &str) -> &str {
    row.trim_matches(|c: char| c == '"' || c == '│' || c.is_whitespace())
}

#[test]
fn a_dimensions_gap_compares_only_the_items_answered_from_both_sides() {
    // The demo's Kiruna run: "Ansvar och samverkan" has the organisation's scores for all
    // three principles but the individual's for one; both means are 3,0, yet where both were
    // asked they differ by −1,0.
    let mut app = Harness::sample().on(Pane::Culture).lang(Lang::Sv);
    app.press('r');
    let screen = app.shows("Störst skillnad");
    let row = screen.lines().find(|l| l.contains("Ansvar och samverkan")).expect("the dimension's row");
    assert!(row.contains("(1 av 3)") && inside(row).ends_with("-1,0"), "{row}");
    let row = screen.lines().find(|l| l.contains("Lära genom att göra")).expect("no individual scores");
    assert!(inside(row).ends_with('–'), "{row}");
    app.keys("<PageDown>");
    let screen = app.render(80, 24);
    let row = screen.lines().find(|l| l.contains("Totalt")).expect("the total");
    assert!(row.contains("(4 av 9)") && inside(row).ends_with("-1,0"), "{row}");
    // The report says the same, in the same words and order.
    let report =
        fasett::report::markdown(&app.portfolio, app.today, Lang::Sv, fasett::report::Options::default());
    let row = report.lines().find(|l| l.starts_with("| **Ansvar och samverkan**")).expect("in the report");
    assert!(row.contains("(1 av 3) -1,0"), "{row}");
    assert!(row.contains("| **2,0** | **3,0** |"), "the compared item's own values: {row}");
}

#[test]
fn a_narrow_results_table_keeps_the_agreed_score_and_drops_the_median_first() {
    let mut app = results(Lang::Sv);
    let screen = app.render(60, 20);
    let header = screen.lines().find(|l| l.contains("medel")).expect("the table's header");
    assert!(header.contains("gemensam") && !header.contains("median"), "{header}");
    let row = screen.lines().find(|l| l.contains("│  Får du arbets")).expect("an item");
    let last: Vec<&str> = inside(row).split_whitespace().rev().take(2).collect();
    assert_eq!(last, ["4", "0,5"], "the spread and the agreed score: {row}");
}

#[test]
fn the_statement_being_scored_gets_its_rows_before_the_figures_under_it() {
    // Below 80×24 the last words went ("…at blive skudt" of "…skudt ned?"); the median, the
    // last run's value give way first.
    for (lang, (width, height), run, down, end) in [
        (Lang::Da, (80, 23), 1, 3, "ned?"),
        (Lang::Da, (64, 20), 1, 3, "ned?"),
        (Lang::Nb, (80, 23), 0, 0, "vite en stund."),
    ] {
        let mut app = Harness::sample().on(Pane::Culture).lang(lang);
        for _ in 0..run {
            app.press('j');
        }
        app.press(KeyCode::Enter);
        for _ in 0..down {
            app.press('j');
        }
        let screen = app.render(width, height);
        assert!(screen.lines().any(|l| inside(l).starts_with(end)), "{lang:?} {width}×{height}:\n{screen}");
    }
}

#[test]
fn presentation_mode_counts_participants_without_naming_them() {
    let mut app = results(Lang::En);
    app.keys("<PageDown>");
    let screen = app.shows("Anna Lindqvist");
    assert!(
        screen.contains("Since 2026-03-10: mean 2.7 → 3.5 ↑ +0.8 · spread – → 0.8"),
        "the comparison:\n{screen}"
    );
    app.press('P');
    let screen = app.render(80, 24);
    assert!(!screen.contains("Anna Lindqvist"), "{screen}");
    assert!(screen.contains("names hidden"), "{screen}");
    // The names listed are free text, no head count: the respondents are what is counted.
    assert!(screen.contains("Participants: names hidden") && screen.contains("7 respondents"), "{screen}");
    app.press(KeyCode::Esc);
    let screen = app.render(80, 24);
    assert!(screen.contains("Participants: names hidden"), "the run's detail says the same:\n{screen}");
}

#[test]
fn a_new_run_shows_the_last_runs_scores_and_open_actions() {
    let mut app = Harness::sample().on(Pane::Culture);
    // The October climate run is selected; n starts the same checklist for the same group.
    app.press('j').press('n').press(KeyCode::Enter);
    let Mode::Culture(CultureMode::Rating(r)) = app.mode else {
        panic!("rating the new run: {:?}", app.mode)
    };
    let new = app.portfolio.assessment(r.id).expect("the new run").clone();
    assert_eq!((new.template.as_str(), new.scope.as_str()), ("innovation_climate", "Ledningsgruppen"));
    // Down to risk-taking, the ninth item, whose open action came out of the October run.
    for _ in 0..8 {
        app.press('j');
    }
    let screen = app.render(80, 24);
    assert!(screen.contains("last"), "the last run's column:\n{screen}");
    assert!(screen.contains("Last time (2026-10-14): 2"), "{screen}");
    assert!(screen.contains("Open action: Inför en testlicens"), "{screen}");
    // An action made here names the item by its text, never by its id.
    app.press('a');
    let screen = app.shows("Is it acceptable to try");
    assert!(!screen.contains("risk_taking"), "{screen}");
}

#[test]
fn a_half_scored_run_is_compared_over_the_items_scored_in_both_everywhere() {
    // A new climate run for the October group, three items of ten scored: over those three
    // the October run had 3,7, now 3,6. The run's own mean (3,6) against October's over all
    // ten (3,5) would read as a rise.
    let mut app = Harness::sample().on(Pane::Culture).lang(Lang::Sv);
    app.press('j').press('n').press(KeyCode::Enter);
    app.press('e').type_text("4453").press(KeyCode::Enter).type_text("445-").press(KeyCode::Enter);
    app.type_text("3322").press(KeyCode::Enter).press(KeyCode::Esc).press(KeyCode::Esc).press('c');
    let screen = app.shows("Jämförelse");
    let total = screen.lines().find(|l| l.contains("Totalt")).expect("the total's row");
    assert!(total.contains("(3 av 10)") && total.contains("3,7   3,6   ↓ -0,1"), "{total}");
    // The spread too, over the items both runs have (October's over all ten was 0,8).
    assert!(screen.contains("Spridning, medel över punkterna: 0,6→0,6"), "{screen}");
    let row = screen.lines().find(|l| l.contains("Relationer och stämning")).expect("not scored now");
    assert!(row.contains("3,8     –   ·"), "its own figure, no change: {row}");
    // The history line draws no bar for the half-scored run (its own mean would rise beside
    // the falling change), and the legend says what its mark means.
    assert!(total.contains("↓ -0,1   ▄▅◦ "), "{total}");
    assert!(screen.contains("◦ ofullständig genomgång: ingen stapel"), "{screen}");
    app.press(KeyCode::Esc).press('4');
    let screen = app.render(80, 30);
    let row = screen.lines().find(|l| l.contains("Innovationsklimat")).expect("the Overview's row");
    assert!(inside(row).ends_with("3,6  -0,1"), "{row}");
    assert!(screen.contains("(3 av 10) ofullständig genomgång"), "{screen}");
    let report =
        fasett::report::markdown(&app.portfolio, app.today, Lang::Sv, fasett::report::Options::default());
    assert!(
        report.contains(
            "-0,1 sedan 2026-10-14, över de 3 av 10 punkter som har poäng i båda genomgångarna (den senaste är ofullständig)"
        ),
        "{report}"
    );
}

#[test]
fn a_half_scored_dimension_is_compared_over_its_items_scored_in_both() {
    // Two of "Engagemang"'s three items: October gave them 4 and 4 (and the third 3), now
    // 4,0 and 4,3. Over the two the change is +0,2, not 4,2 − 3,7.
    let mut app = Harness::sample().on(Pane::Culture).lang(Lang::Sv);
    app.press('j').press('n').press(KeyCode::Enter);
    app.press('e').type_text("4453").press(KeyCode::Enter).type_text("445-").press(KeyCode::Enter);
    app.press(KeyCode::Esc).press(KeyCode::Esc).press('c');
    let screen = app.shows("Jämförelse");
    let row = screen.lines().find(|l| l.contains("Engagemang")).expect("the dimension's row");
    assert!(row.contains("(2 av 3)") && row.contains("4,0   4,2   ↑ +0,2"), "{row}");
    let report =
        fasett::report::markdown(&app.portfolio, app.today, Lang::Sv, fasett::report::Options::default());
    let row = report.lines().find(|l| l.starts_with("| Engagemang och handlingsutrymme | 4,2 |"));
    assert!(row.is_some_and(|r| r.contains("| 4,2 | 4,0 |")), "the previous over the same two:\n{report}");
}

#[test]
fn a_run_has_a_next_date_that_the_overview_follows_up() {
    let mut app = Harness::sample().on(Pane::Culture);
    // The Kiruna run's next run was due yesterday: overdue in the Overview (below the
    // benefits overdue longer, so the list is scrolled to it).
    app.press('4');
    app.press_times('j', 9);
    app.shows("1d late ↻3 The innovation");
    // Edit the run: the next date moves; the follow-up goes with it.
    app.press('3').press('e');
    let Mode::Culture(CultureMode::NewRun(form)) = &app.mode else { panic!("the run's dialog") };
    assert_eq!(form.editing, Some(3));
    assert_eq!(form.next_date.value(), "2026-11-24");
    for _ in 0..3 {
        app.press(KeyCode::Tab);
    }
    app.keys("<C-u>").type_text("+2w").press(KeyCode::Enter);
    let run = app.portfolio.assessment(3).expect("run 3").clone();
    assert_eq!(run.next_date, Some(jiff::civil::date(2026, 12, 9)));
    assert_eq!(run.template, "innovation_journey", "the checklist of a run never changes");
    let due = app.follow_ups().into_iter().find(|f| f.kind == fasett::analysis::FollowUpKind::Run);
    assert_eq!(due.map(|f| (f.id, f.days)), Some((3, 14)));
    app.press('u');
    assert_eq!(app.portfolio.assessment(3).and_then(|a| a.next_date), Some(jiff::civil::date(2026, 11, 24)));
    // A later run of the same checklist and scope is the follow-up done.
    let done = app.follow_ups().iter().filter(|f| f.kind == fasett::analysis::FollowUpKind::Run).count();
    assert_eq!(done, 1, "the October climate run's next date is in April, outside the window");
}

#[test]
fn import_command_in_the_app_makes_one_undoable_run() {
    let mut app = Harness::sample();
    let before = app.portfolio.assessments.len();
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/survey/google-en.csv");
    app.press(':')
        .type_text(&format!(
            "import \"{}\" --checklist facet_orientation --scope \"Vård och omsorg\"",
            file.display()
        ))
        .press(KeyCode::Enter);
    assert_eq!(app.portfolio.assessments.len(), before + 1, "{}", app.message());
    assert!(app.message().contains("6 participants"), "{}", app.message());
    assert!(matches!(app.mode, Mode::Culture(CultureMode::Results { .. })), "the results open");
    let run = app.portfolio.assessments.last().expect("the run").clone();
    assert_eq!(run.scope, "Vård och omsorg");
    // The status line names the fixture's absolute path; the snapshot shows the view.
    app.status = None;
    let screen = app.render(80, 24);
    assert!(screen.contains('±') && screen.contains("Where we disagree most"), "{screen}");
    insta::assert_snapshot!("facet_orientation_from_a_survey", screen);
    // The list's detail counts who answered, though the survey named nobody; presenting too.
    app.press(KeyCode::Esc);
    let at = app.culture.selected;
    let newest = app.runs().iter().position(|id| *id == run.id).expect("listed");
    for _ in at..newest {
        app.press('j');
    }
    assert!(app.render(80, 24).contains("Participants: 6 respondents"), "{}", app.render(80, 24));
    app.press('P');
    assert!(app.render(80, 24).contains("Participants: 6 respondents"), "{}", app.render(80, 24));
    app.press('P').press('u');
    assert_eq!(app.portfolio.assessments.len(), before, "one undo takes the whole import back");
    app.press(':').type_text("import nowhere.csv --checklist nothing_like_it").press(KeyCode::Enter);
    assert!(app.message().contains("innovation_climate"), "the checklists are named: {}", app.message());
}

#[test]
fn typing_over_a_stored_line_starts_it_afresh() {
    let mut app = climate_run();
    app.press('e').type_text("34425314").press(KeyCode::Enter);
    app.press(KeyCode::Up).type_text("5555");
    let Mode::Culture(CultureMode::Entry(entry)) = &app.mode else { panic!("the line") };
    assert_eq!(entry.input.value(), "5555", "the first digit replaces what was stored");
    app.press(KeyCode::Enter);
    let a = run(&app);
    assert_eq!(a.responses.len(), 4, "the line is the whole truth for the item: four participants");
    // ← first keeps the line and edits it.
    app.press(KeyCode::Up).press(KeyCode::End).type_text("1");
    let Mode::Culture(CultureMode::Entry(entry)) = &app.mode else { panic!("the line") };
    assert_eq!(entry.input.value(), "55551");
}

#[test]
fn lines_pasted_into_the_line_are_entered_one_item_each() {
    let mut app = climate_run();
    app.press('e').paste("34425314\n44534433\n2\t3\t3\t2\n");
    let a = run(&app);
    assert_eq!(a.responses.len(), 8);
    let (t, _) = app.run_template(&a).expect("the template");
    let groups = group::group(t, &a);
    assert_eq!(groups.iter().map(|g| g.distribution.n()).collect::<Vec<_>>()[..4], [8, 8, 4, 0]);
    let first_two: Vec<String> = groups.iter().take(2).map(|g| g.slot.item.id.clone()).collect();
    let Mode::Culture(CultureMode::Entry(entry)) = &app.mode else { panic!("the line stays open") };
    assert_eq!((entry.rating.row, entry.input.value()), (3, ""), "on the fourth item, empty");
    // The same burst typed faster than a person types arrives as a paste too.
    app.press(KeyCode::Esc).press('g').press('e').burst("11111111\n22222222\n");
    let a = run(&app);
    assert_eq!(a.responses[0].score(&first_two[0], None), Some(1));
    assert_eq!(a.responses[7].score(&first_two[1], None), Some(2));
}

/// The entry line, as shown: its kind, the slot it is on and the text.
fn entry_state(app: &Harness) -> (EntryKind, usize, usize, String) {
    let Mode::Culture(CultureMode::Entry(entry)) = &app.mode else {
        panic!("the entry line: {:?}", app.mode)
    };
    (entry.kind, entry.rating.row, entry.rating.column, entry.input.value().to_owned())
}

#[test]
fn a_line_of_scores_being_typed_comes_back_on_its_item_after_a_kill() {
    let mut app = climate_run();
    app.press('e').type_text("34425314").press(KeyCode::Enter);
    app.type_text("4453");
    let typed = entry_state(&app);
    assert_eq!((typed.0, typed.1), (EntryKind::Each, 1), "the second item");
    let mut back = crate::drafts::restored(&app);
    assert_eq!(entry_state(&back), typed, "the same item, the digits as typed");
    back.type_text("4433").press(KeyCode::Enter);
    let a = run(&back);
    assert_eq!(a.responses.len(), 8, "entered as if never interrupted: {}", back.message());

    // An untouched line (what is stored, shown again) is no draft; a show of hands is.
    let mut app = climate_run();
    app.press('e').type_text("3442").press(KeyCode::Enter).press(KeyCode::Up);
    assert!(app.current_draft().is_none(), "nothing typed over the stored line");
    app.press(KeyCode::Esc).press('j').press('t').type_text("0133");
    let typed = entry_state(&app);
    assert_eq!(entry_state(&crate::drafts::restored(&app)), typed);
}

#[test]
fn one_participants_scores_come_back_with_the_cursor_on_the_next_item() {
    let mut app = climate_run();
    app.press('n').type_text("344");
    let typed = entry_state(&app);
    assert_eq!((typed.0, typed.1), (EntryKind::Respondent, 3));
    assert_eq!(entry_state(&crate::drafts::restored(&app)), typed);

    let mut gone = app.portfolio.clone();
    gone.assessments.clear();
    let back = crate::drafts::restored_on(&app, &gone);
    assert!(matches!(back.mode, Mode::Normal), "{:?}", back.mode);
    let (text, error) = back.status().expect("said");
    assert!(error && text.contains("344"), "the digits are shown: {text}");
}

#[test]
fn the_item_entered_is_named_with_its_question_mark() {
    let mut app = climate_run();
    app.press('e').type_text(EIGHT[0]).press(KeyCode::Enter);
    let text = app.message();
    assert!(text.starts_with("Entered: ") && text.ends_with('?') && !text.ends_with("?."), "{text}");
}

/// At 60 columns the spreads give way, not the gap the view is for (it was cut off the edge).
#[test]
fn the_kiruna_view_keeps_its_gap_column_in_a_narrow_terminal() {
    for lang in [Lang::Sv, Lang::Da, Lang::Nb, Lang::En] {
        let mut app = Harness::sample().on(Pane::Culture).lang(lang);
        app.press('r');
        let screen = app.render(60, 20);
        let gap = if lang == Lang::En { "-1.0" } else { "-1,0" };
        let of = match lang {
            Lang::Da => "(1 af 3)",
            Lang::En => "(1 of 3)",
            _ => "(1 av 3)",
        };
        let summary =
            screen.lines().find(|l| l.contains(of)).unwrap_or_else(|| panic!("{of} missing:\n{screen}"));
        assert!(summary.contains(&format!("{of} {gap}│")), "{lang:?}:\n{screen}");
        let mut table = screen.lines().skip_while(|l| !l.contains("1–5"));
        assert!(table.all(|l| !l.contains("…│")), "a row cut at the edge, {lang:?}:\n{screen}");
    }
}

/// A new run's draft comes back with its names following the scope as before, unless they
/// were typed.
#[test]
fn a_restored_new_run_s_participants_follow_the_scope_unless_they_were_typed() {
    // What the names become when the scope is stepped once, in a dialog just opened.
    let mut fresh = Harness::sample().on(Pane::Culture);
    fresh.press('n').press(KeyCode::Tab).press(KeyCode::Right);
    let followed = form(&fresh).participants.value().to_owned();
    for typed in [false, true] {
        let mut app = Harness::sample().on(Pane::Culture);
        app.press('n');
        let brought = form(&app).participants.value().to_owned();
        assert_ne!(brought, followed, "the scope's step must change the names for this test");
        // A draft: the date changed, and the names typed or not.
        app.press(KeyCode::Tab).press(KeyCode::Tab).keys("<C-u>").type_text("2026-12-01");
        if typed {
            app.press(KeyCode::Tab).keys("<C-u>").type_text("Eva Ek").press(KeyCode::BackTab);
        }
        let mut back = crate::drafts::restored(&app);
        back.press(KeyCode::BackTab).press(KeyCode::Right);
        let names = form(&back).participants.value().to_owned();
        if typed {
            assert_eq!(names, "Eva Ek", "typed names stay");
        } else {
            assert_eq!(names, followed, "names the scope brought follow it");
        }
    }
}

/// Trial 9's leaders: four named participants' scores for the seven leadership items.
const LEADERS: [&str; 7] = ["4352", "3333", "2424", "5545", "1532", "223-", "4454"];

/// An empty portfolio with a leadership-focus run for Kari, Ola, Ingrid and Per, started by
/// keys, their own scores typed with `e` unless `scored` is false; in the rating view.
fn leadership_run(lang: Lang, scored: bool) -> Harness {
    let mut app = Harness::empty().lang(lang);
    app.press('3').press('n');
    let wanted =
        app.culture.catalog.templates.iter().position(|t| t.id == "leadership_focus").expect("bundled");
    while form(&app).template != wanted {
        app.press(KeyCode::Right);
    }
    app.press_times(KeyCode::Tab, 3)
        .keys("<C-u>")
        .type_text("Kari Nordmann, Ola Hansen, Ingrid Berg, Per Lie");
    app.press(KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Culture(CultureMode::Rating(_))), "{:?}", app.mode);
    if scored {
        app.press('e');
        for line in LEADERS {
            app.type_text(line).press(KeyCode::Enter);
        }
    }
    app
}

fn rating_row(app: &Harness) -> usize {
    let Mode::Culture(CultureMode::Rating(r)) = &app.mode else { panic!("the rating view: {:?}", app.mode) };
    r.row
}

/// Trial 9 §2: after everyone's own scores, agreeing is what is left; the footer, the message
/// and Tab count the agreed scores; a score stays on its item (the key contract) and `j`
/// goes on.
#[test]
fn agreeing_after_everyones_scores_counts_the_agreed_scores() {
    let mut app = leadership_run(Lang::En, true);
    assert!(app.render(80, 24).contains("7/7 scored · 0/7 agreed · 4 respondents"), "{}", app.screen());
    app.press('g').press('3');
    assert_eq!(rating_row(&app), 0, "a score stays on its item, to be corrected or noted");
    assert!(app.message().starts_with("1 of 7 agreed: 3 for Leaders give"), "{}", app.message());
    assert!(app.render(80, 24).contains("7/7 scored · 1/7 agreed"), "{}", app.screen());
    // Tab finds the items still waiting for an agreement, not the ones the group scored.
    app.press('G').press(KeyCode::Tab);
    assert_eq!(rating_row(&app), 1, "the first item without an agreed score, wrapping round");
    // The scores as called out, one after the other, each followed by j.
    for digit in ['3', '3', '5', '2', '2', '4'] {
        app.press(digit).press('j');
    }
    let a = run(&app);
    let agreed: Vec<Option<u8>> = a.answers.iter().map(|x| x.score).collect();
    assert_eq!(agreed, [Some(3), Some(3), Some(3), Some(5), Some(2), Some(2), Some(4)]);
    assert!(app.message().starts_with("7 of 7 agreed"), "{}", app.message());
    assert_eq!(rating_row(&app), 6, "j stops at the last item");
    app.press(KeyCode::Tab);
    assert_eq!(app.message(), "Every item has an agreed score.");
    // One undo takes back one score.
    app.press('u');
    assert_eq!(run(&app).answers.len(), 6);
}

/// Without the group's own scores a digit is still the agreed score, and stays on its item.
#[test]
fn scoring_without_a_group_stays_and_counts_what_is_answered() {
    let mut app = leadership_run(Lang::En, false);
    app.press('4');
    assert_eq!(rating_row(&app), 0);
    assert_eq!(app.message(), "Saved. 1 of 7 answered.");
    assert!(app.render(80, 24).contains("1/7 answered"), "{}", app.screen());
    app.press(KeyCode::Tab);
    assert_eq!(rating_row(&app), 1, "Tab goes to the next item without a score");
}

/// Trial 9 §10: one statement of seven has a colon mid-sentence; it is not cut there.
#[test]
fn a_statement_with_a_colon_is_shown_whole_like_the_others() {
    for lang in [Lang::En, Lang::Nb] {
        let mut app = leadership_run(lang, true);
        app.press('r');
        let screen = app.render(120, 40);
        let start = if lang == Lang::En {
            "Innovation gets visible attention: we tell"
        } else {
            "Innovasjon får synlig oppmerksomhet: vi forteller"
        };
        assert!(screen.contains(start), "{lang:?}:\n{screen}");
    }
}

/// Trial 9 §10, projector: a scoring list with no room for every item says how many it
/// shows and where the rest are, as the other lists do.
#[test]
fn a_short_scoring_list_says_which_items_it_shows() {
    let mut app = leadership_run(Lang::Nb, true);
    for (width, height) in [(64, 20), (60, 20)] {
        app.press('g');
        let screen = app.render(width, height);
        assert!(screen.contains("↓ 1–6 av 7"), "{width}×{height}:\n{screen}");
        // At the last item the table scrolls: the dimension's name gives way before an item.
        app.press('G');
        let screen = app.render(width, height);
        assert!(
            screen.contains("Innovasjonen vår tar") && !screen.contains(" av 7 "),
            "{width}×{height}:\n{screen}"
        );
    }
    assert!(!app.render(80, 24).contains("av 7 "), "all seven fit at 80×24:\n{}", app.screen());
}

/// Trial 9 §10, projector: a dialog's keys in its border are cut a whole key at a time.
#[test]
fn the_new_run_dialog_cuts_its_keys_whole() {
    for lang in [Lang::En, Lang::Sv, Lang::Da, Lang::Nb] {
        let mut app = Harness::empty().lang(lang);
        app.press('3').press('n');
        let hints = app.lang.t("culture.new_run_hint").to_owned();
        for width in [60, 64, 80] {
            let screen = app.render(width, 20);
            let first = hints.split(" · ").next().expect("a hint");
            let line = screen.lines().find(|l| l.contains(first)).unwrap_or_else(|| panic!("{screen}"));
            let shown = line
                .split(first)
                .nth(1)
                .expect("after the first")
                .trim_end_matches(['─', '┘', '│', ' ', '"']);
            let shown = format!("{first}{shown}");
            assert!(hints.starts_with(&shown), "{lang:?} {width}: {shown:?} is not whole keys of {hints:?}");
            assert!(
                hints.len() == shown.len() || hints[shown.len()..].starts_with(" · "),
                "{lang:?} {width}: {line}"
            );
        }
    }
}

/// Trial 9 §3: with the participants named, `e` shows their initials over the digits and `n`
/// offers them by name, so Ola's row can be corrected; presentation mode keeps R1, R2 ….
#[test]
fn named_participants_stand_over_their_digits_and_n_corrects_one() {
    let mut app = leadership_run(Lang::En, true);
    app.press('g').press('e');
    let screen = app.render(80, 24);
    assert!(screen.contains("  KOIP+  Kari Nordmann (R1)"), "the first digit typed is Kari's:\n{screen}");
    app.press(KeyCode::Left);
    assert!(app.render(80, 24).contains("  KOIP+  Per Lie (R4)"), "{}", app.screen());
    app.press(KeyCode::Esc).press('n');
    assert!(
        app.message().starts_with("R5: a digit per item"),
        "everyone named has scores: {}",
        app.message()
    );
    app.press_times(KeyCode::Up, 3);
    let screen = app.render(80, 24);
    assert!(screen.contains("Ola Hansen (R2): one score per item"), "{screen}");
    assert!(screen.contains("▸ 3345524"), "Ola's scores as stored:\n{screen}");
    // Ola's corrected sheet replaces his row; nobody is added.
    app.type_text("3345523").press(KeyCode::Enter);
    assert_eq!(app.message(), "Entered: Ola Hansen (R2)");
    let a = run(&app);
    assert_eq!(a.responses.len(), 4);
    assert_eq!(a.responses[1].score("user_orientation", None), Some(3));
    assert_eq!(a.responses[1].scores.len(), 7);
    // The line goes on to the next participant in order, with her scores.
    assert!(app.render(80, 24).contains("Ingrid Berg (R3): one score"), "{}", app.screen());
    app.press(KeyCode::Esc).press('u');
    assert_eq!(run(&app).responses[1].score("user_orientation", None), Some(4), "one undo");
    // Presentation mode: numbers, no names.
    app.press(KeyCode::Esc).press('P').press(KeyCode::Enter).press('e');
    let screen = app.render(80, 24);
    assert!(screen.contains("  12345") && !screen.contains("Kari"), "{screen}");
    app.press(KeyCode::Esc).press('n').press_times(KeyCode::Up, 3);
    assert!(app.render(80, 24).contains("R2: one score per item"), "{}", app.screen());
}

/// Trial 10 §A11: two participants who share an initial get letters of their own, and the
/// position past the named ones is `+`, a new participant, not a digit that reads as a person.
#[test]
fn the_ruler_tells_apart_a_shared_initial_and_marks_a_new_participant() {
    let mut app = Harness::empty();
    app.press('3').press('n');
    app.press_times(KeyCode::Tab, 3).keys("<C-u>").type_text("Anna Lindqvist, Ahmed Hassan, Karin Holm");
    app.press(KeyCode::Enter).press('e');
    assert!(app.render(80, 24).contains("  L  Anna Lindqvist (R1)"), "{}", app.screen());
    app.type_text("111");
    assert!(app.render(80, 24).contains("  LHK+  + a new participant (R4)"), "{}", app.screen());
}

/// Trial 10 §A11: the `n` line's hint and the footer say the same of ↑, in every language.
#[test]
fn the_participant_lines_hint_and_footer_agree() {
    for lang in [Lang::En, Lang::Sv, Lang::Da, Lang::Nb] {
        let mut app = leadership_run(lang, false);
        app.press('n');
        let screen = app.render(80, 24);
        let up = format!("↑ {}", app.lang.t("help.entry_previous"));
        let hint = screen.lines().find(|l| l.contains("Esc")).expect("the hint");
        assert!(hint.contains(&up), "{lang:?}: the hint says {up:?} as the footer does:\n{screen}");
        assert!(screen.lines().last().is_some_and(|l| l.contains(&up)), "{lang:?}:\n{screen}");
    }
}

/// `n` opens on the first named participant without scores, and any of them can be chosen
/// in any order: the others keep their places.
#[test]
fn n_opens_on_the_first_named_participant_without_scores() {
    let mut app = leadership_run(Lang::En, false);
    app.press('n');
    assert!(app.render(80, 24).contains("Kari Nordmann (R1): one score per item"), "{}", app.screen());
    app.type_text("4325144").press(KeyCode::Enter).press(KeyCode::Esc).press('n');
    assert!(app.message().starts_with("Ola Hansen (R2): a digit per item"), "{}", app.message());
    app.press_times(KeyCode::Down, 2).type_text("2425244").press(KeyCode::Enter);
    let a = run(&app);
    assert_eq!(
        a.responses.iter().map(|r| (r.id, r.scores.len())).collect::<Vec<_>>(),
        [(1, 7), (2, 0), (3, 0), (4, 7)]
    );
    // Everyone's line for the first item has Per's score in his place.
    app.press(KeyCode::Esc).press('g').press('e');
    let Mode::Culture(CultureMode::Entry(entry)) = &app.mode else { panic!("the line") };
    assert_eq!(entry.input.value(), "4--2");
    // Past the last one named, ↓ stops at a new participant.
    app.press(KeyCode::Esc).press('n').press_times(KeyCode::Down, 9);
    assert!(app.render(80, 24).contains("R5: one score per item"), "{}", app.screen());
}

/// Whose line an `n` entry is: the participant it was typed for, a position in the run.
fn respondent(app: &Harness) -> usize {
    let Mode::Culture(CultureMode::Entry(entry)) = &app.mode else { panic!("the line: {:?}", app.mode) };
    assert_eq!(entry.kind, EntryKind::Respondent);
    entry.who
}

/// A participant's line that was being corrected comes back for that participant after a
/// kill, not for the first one without scores; a draft from before the participant was
/// kept comes back as it used to.
#[test]
fn a_participants_line_comes_back_for_the_same_participant() {
    let mut app = leadership_run(Lang::En, true);
    app.press('n').press_times(KeyCode::Up, 3).type_text("33");
    assert_eq!(respondent(&app), 1, "Ola's line");
    let mut back = crate::drafts::restored(&app);
    assert_eq!(respondent(&back), 1, "Ola's line again");
    assert_eq!(entry_state(&back).3, "33", "as typed");
    assert!(back.render(80, 24).contains("Ola Hansen (R2): one score per item"), "{}", back.screen());
    back.type_text("45523").press(KeyCode::Enter);
    let a = run(&back);
    assert_eq!(a.responses.len(), 4, "Ola's row corrected, nobody added: {}", back.message());
    assert_eq!(a.responses[1].score("user_orientation", None), Some(3));

    // Not yet scored, chosen out of order: Ingrid, while Kari is the first without scores.
    let mut app = leadership_run(Lang::En, false);
    app.press('n').press_times(KeyCode::Down, 2).type_text("4");
    assert_eq!(respondent(&app), 2);
    assert_eq!(respondent(&crate::drafts::restored(&app)), 2, "Ingrid's line again");

    // A draft written before whose line it was kept: the first without scores, as before.
    let Some(fasett::recovery::Draft::Scores { run, line, item, number, perspective, text, .. }) =
        app.current_draft()
    else {
        panic!("a draft of the line")
    };
    let old =
        fasett::recovery::Draft::Scores { run, line, item, number, perspective, text, respondent: None };
    let mut fresh = Harness::on_disk(&app.portfolio).lang(Lang::En);
    let file = fasett::recovery::path_for(fresh.path().expect("a data file"));
    fasett::recovery::write(&file, &fasett::recovery::Recovery::new(old)).expect("a recovery file");
    fresh.offer_recovery();
    fresh.press('y');
    assert_eq!(respondent(&fresh), 0, "Kari, the first without scores");
}

/// Three items scored by the group: too few for the narrowest of their spreads to be called
/// agreement beside the widest called disagreement (the rule in `scoring::group::standout`).
#[test]
fn results_with_three_items_scored_name_no_item_where_the_group_agrees() {
    let mut app = Harness::sample().on(Pane::Culture).lang(Lang::En);
    let run = app.portfolio.assessments.iter_mut().find(|a| a.responses.len() == 7).expect("the October run");
    let kept: Vec<String> = run.responses[0].scores.iter().take(3).map(|(slot, _)| slot.to_owned()).collect();
    for response in &mut run.responses {
        let dropped: Vec<String> =
            response.scores.iter().map(|(slot, _)| slot.to_owned()).filter(|s| !kept.contains(s)).collect();
        for slot in dropped {
            response.scores.set(&slot, None);
        }
    }
    run.answers.clear();
    app.press('j').press('r');
    let screen = app.render(80, 24);
    assert!(
        screen.contains("│Fewer than 5 items have two or more scores: too few to single one out."),
        "{screen}"
    );
    assert!(!screen.contains('▲'), "no item named:\n{screen}");
}

/// Trial 10 §A11: an action with a long title opens on its start, not scrolled to its end.
#[test]
fn the_action_form_opens_on_the_start_of_a_long_title() {
    let long = "Workshop om gemensamma kostnader mellan förvaltningarna och regionens sjukvård";
    let mut app = Harness::sample().on(fasett::action::Pane::Culture);
    app.press('p').press('e').keys("<C-u>").type_text(long).keys("<C-s>");
    assert!(matches!(app.mode, Mode::Culture(CultureMode::Plan { .. })), "saved: {:?}", app.mode);
    app.press('e');
    let screen = app.render(80, 24);
    let what = screen.lines().find(|l| l.contains("What *")).expect("the title's row");
    assert!(what.contains("Workshop om gemensamma"), "{screen}");
}

/// Trial 10 §A11: the results name every participant, wrapped, not cut on one line.
#[test]
fn the_results_wrap_the_participants_rather_than_cut_them() {
    let mut app = leadership_run(Lang::En, true);
    app.press(KeyCode::Esc).press('r');
    let screen = app.render(60, 60);
    assert!(screen.contains("Participants: Kari Nordmann"), "{screen}");
    assert!(screen.contains("Per Lie"), "the last name is read too, whole:\n{screen}");
}

/// Review 9: a participant's line opened with `n`, emptied and stored took every score of
/// theirs without a word; it is refused, naming whose scores they are.
#[test]
fn an_emptied_line_does_not_take_a_participants_scores() {
    let mut app = leadership_run(Lang::En, true);
    let before = run(&app).responses.clone();
    app.press('n').press(KeyCode::Up);
    app.keys("<C-u>").press(KeyCode::Enter);
    assert_eq!(run(&app).responses, before, "nothing taken");
    assert!(app.message().starts_with("An empty line would remove every score of "), "{}", app.message());
}
