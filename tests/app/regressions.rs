//! The four bugs the architecture issue found in the structure, each driven as a user met it:
//! a key looked up in the wrong order, a layout computed twice, a paste in the wrong place and
//! two formulas for one number; and the status line's one rule, which a facilitator's trial
//! found kept in one dialog only.

use fasett::action::Pane;
use fasett::app::{Mode, ProfileEditor};
use fasett::i18n::Lang;
use fasett::testing::{Harness, TODAY, sample};
use ratatui::crossterm::event::KeyCode;

#[test]
fn the_welcomes_o_starts_the_organisation_name_even_in_the_overview() {
    let mut app = Harness::first_run();
    app.press('4');
    assert_eq!(app.pane, Pane::Overview);
    app.press('o');
    let Mode::Profile(ProfileEditor { editing: Some(_), selected, .. }) = &app.mode else {
        panic!("o opened the profile without typing the name: {:?}", app.mode);
    };
    assert_eq!(*selected, 0, "the name row is the one being typed");
}

#[test]
fn the_selection_stays_on_screen_below_a_problem_banner() {
    // A second fasett on the same file: read-only, with the holder named in a banner above
    // the panes.
    let first = Harness::on_disk(&sample());
    let path = first.path().expect("a data file").to_path_buf();
    let mut second = Harness::open(&path);
    assert!(second.problem().is_some(), "the lock is named above the panes");
    second.press('2');
    second.press_times('j', 16);
    let selected = second.selected_id().expect("a row is selected");
    let screen = second.render(80, 24);
    let row = format!("▸#{selected} ");
    assert!(screen.contains(&row), "row {row:?} is not on screen:\n{screen}");
    drop(first);
}

#[test]
fn a_paste_lands_at_the_cursor_in_every_line_field() {
    let mut app = Harness::sample();
    app.press(':').type_text("abc").press(KeyCode::Left).press(KeyCode::Left).paste("X");
    let Mode::Command(input) = &app.mode else { panic!("the command line is open") };
    assert_eq!(input.value(), "aXbc");
    app.press(KeyCode::Esc);
    app.press('2').press('/').type_text("abc").press(KeyCode::Left).press(KeyCode::Left).paste("X");
    let Mode::Search(input) = &app.mode else { panic!("the search is open") };
    assert_eq!(input.value(), "aXbc");
    assert_eq!(app.filter.text, "aXbc", "the filter follows the pasted text");
}

#[test]
fn a_run_shows_one_mean_in_the_overview_the_report_and_the_culture_pane() {
    // A hand-edited file: one answer is 9 on a 1–5 scale, which no formula may count.
    let mut portfolio = sample();
    // A run the Overview and the report show: the latest of its checklist and scope.
    let shown: Vec<u32> =
        fasett::analysis::checklist_results(&portfolio, Lang::En).iter().map(|r| r.assessment).collect();
    let run = portfolio
        .assessments
        .iter_mut()
        .find(|a| shown.contains(&a.id) && a.answers.iter().filter(|x| x.score.is_some()).count() > 1)
        .expect("a scored run the Overview shows");
    run.answers.iter_mut().find(|x| x.score.is_some()).expect("a score").score = Some(9);
    let id = run.id;
    let run = portfolio.assessment(id).expect("the run").clone();
    let template = portfolio.template(&run.template, run.template_version).expect("its template");
    let culture = fasett::scoring::scores(template, &run).total.expect("a mean");

    let (overview, reported) = means_shown(&portfolio, id);
    assert_eq!(overview, Some(culture), "the Overview's mean is the Culture pane's");

    let rounded = (culture * 100.0).round() / 100.0;
    assert_eq!(reported, Some(serde_json::json!(rounded)), "the report's mean is the Culture pane's");

    let mut app = Harness::new(portfolio);
    app.press('3');
    let screen = app.render(80, 24);
    let line = screen.lines().find(|l| l.contains(&run.date.to_string())).expect("the run's row");
    assert!(line.contains(&format!("{culture:.1}")), "the Culture pane shows {culture:.1}:\n{screen}");
}

#[test]
fn the_last_initiative_of_a_cell_shows_a_full_cell() {
    let mut app = Harness::sample();
    app.press('1');
    let mission = app.grid_cell_ids(0).to_vec();
    assert_eq!(mission.len(), 6, "the demo's Mission cell");
    app.press_times('j', mission.len());
    let screen = app.shows("3–6 of 6");
    for id in &mission[2..] {
        assert!(screen.contains(&format!("#{id} ")), "#{id} is hidden:\n{screen}");
    }
}

#[test]
fn a_groups_mean_is_one_number_in_the_overview_the_report_and_the_culture_pane() {
    // Issue 16: a slot counts the agreed score, else the participants' mean. Take the agreed
    // scores away from the demo's October run so its mean comes from the seven participants.
    let mut portfolio = sample();
    let run = portfolio
        .assessments
        .iter_mut()
        .find(|a| a.template == "innovation_climate" && !a.responses.is_empty())
        .expect("a run with a group");
    for answer in &mut run.answers {
        answer.score = None;
    }
    let run = run.clone();
    let template = portfolio.template(&run.template, run.template_version).expect("its template");
    let culture = fasett::scoring::scores(template, &run).total.expect("a mean from the group");
    assert!((culture - 3.5).abs() > 1e-9, "not the agreed scores' mean any more: {culture}");

    let (overview, reported) = means_shown(&portfolio, run.id);
    assert_eq!(overview, Some(culture));
    assert_eq!(reported, Some(serde_json::json!((culture * 100.0).round() / 100.0)));
    let mut app = Harness::new(portfolio);
    app.press('3');
    let screen = app.render(80, 24);
    let line = screen.lines().find(|l| l.contains(&run.date.to_string())).expect("the run's row");
    assert!(line.contains(&format!("{culture:.1}")), "{screen}");
    app.press('4');
    let screen = app.render(80, 24);
    assert!(screen.contains(&format!("{culture:.1}")), "the Overview shows {culture:.1}:\n{screen}");
}

/// The mean of run `id` as the Overview shows it, and its score in `fasett report`'s JSON.
fn means_shown(portfolio: &fasett::model::Portfolio, id: u32) -> (Option<f64>, Option<serde_json::Value>) {
    let overview = fasett::analysis::checklist_results(portfolio, Lang::En)
        .into_iter()
        .find(|r| r.assessment == id)
        .and_then(|r| r.mean);
    let report: serde_json::Value = serde_json::from_str(&fasett::report::json(
        portfolio,
        TODAY,
        Lang::En,
        fasett::report::Options::default(),
    ))
    .expect("report JSON");
    let reported = report["checklists"]
        .as_array()
        .and_then(|all| all.iter().find(|c| c["assessment"] == id))
        .map(|c| c["score"].clone());
    (overview, reported)
}

#[test]
fn a_message_goes_when_its_dialog_closes_or_another_opens() {
    let mut app = Harness::on_disk(&sample()).lang(Lang::Sv);
    // A new idea: its message comes with the form that asks for the proposer, and goes with it.
    app.press('i').press('n').type_text("Värmekameror").press(KeyCode::Enter);
    assert!(app.message().contains("har kommit in"), "{}", app.message());
    app.press(KeyCode::Esc);
    assert_eq!(app.message(), "", "gone with the idea form");
    // An info said in a list goes when a form opens over it.
    app.press(KeyCode::Esc).press('1').press('p');
    assert!(app.message().contains("Presentationsläge"), "{}", app.message());
    app.press('n');
    assert!(matches!(app.mode, Mode::Form(_)));
    assert_eq!(app.message(), "", "not under the new initiative form");
    // A refusal goes with the form it refused, as it does with the benefit dialogs.
    app.press("<C-s>");
    assert!(app.status().is_some_and(|(text, error)| error && text.contains("Titel")), "{:?}", app.status());
    app.press(KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.message(), "", "the form's refusal left with it");
    // What the action that closes a dialog says stays: the save.
    app.press('n').type_text("Ny titel").press("<C-s>");
    assert!(app.message().contains("#27 skapat"), "{}", app.message());
    // The same for the idea form's refusal.
    app.press('i').press('e').press("<C-u>").press("<C-s>");
    assert!(app.status().is_some_and(|(_, error)| error), "{:?}", app.status());
    app.press(KeyCode::Esc).press('y');
    assert!(matches!(&app.mode, Mode::Intake(list) if list.form.is_none()), "{:?}", app.mode);
    assert!(!app.status().is_some_and(|(_, error)| error), "{:?}", app.status());
}

#[test]
fn the_read_only_notice_stays_when_dialogs_open_and_close() {
    let first = Harness::on_disk(&sample());
    let path = first.path().expect("a data file").to_path_buf();
    let opened = fasett::store::Store::open(&path, true).expect("opens");
    let mut app = Harness::opened(opened);
    let notice = app.message();
    assert!(!notice.is_empty(), "read-only says so at start");
    app.press('2').press(KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Detail { .. }));
    app.press(KeyCode::Esc).press('?').press('?');
    assert_eq!(app.message(), notice, "a lasting notice");
}

#[test]
fn a_refusal_longer_than_the_screen_is_read_whole_on_two_rows_and_the_selection_stays_visible() {
    let mut app = Harness::sample().on(Pane::Initiatives);
    for _ in 0..16 {
        app.press('j');
    }
    let why = "Not saved: the disk is full. Free some space and press Ctrl-s; \
               nothing is lost, every edit is still here.";
    app.set_error(why.to_owned());
    let screen = app.render(80, 24);
    let rows: Vec<&str> = screen.lines().collect();
    let said = format!("{} {}", rows[21].trim_matches(['"', ' ']), rows[22].trim_matches(['"', ' ']));
    assert_eq!(said, why, "both rows of the status line:\n{screen}");
    assert!(screen.contains("▸#17"), "the selected row is still on screen:\n{screen}");
    app.set_info("Saved.".to_owned());
    let screen = app.render(80, 24);
    let rows: Vec<&str> = screen.lines().collect();
    assert!(rows[22].contains("Saved.") && rows[23].contains("? help"), "one row again:\n{screen}");
}
