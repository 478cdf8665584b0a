//! The loop around the register (issue 21): ideas triaged in the intake list, lineage, stage
//! decisions and the yearly review, driven with keys and `:` commands as a user would.

use fasett::action::{Action, Pane};
use fasett::app::{IdeaField, IdeaForm, IntakePrompt, Mode};
use fasett::export::Format;
use fasett::i18n::Lang;
use fasett::model::extras::Extra;
use fasett::model::{
    Channel, Idea, Initiative, LogEntry, LogKind, Portfolio, Stage, Status, Triage, Verdict,
};
use fasett::report::{self, Options};
use fasett::testing::{Harness, TODAY, sample};
use jiff::civil::date;
use ratatui::crossterm::event::KeyCode;

/// The sample with two more ideas received this month, #26 and #27, on disk.
fn meeting() -> Harness {
    let mut p = sample();
    for (id, title, day) in [(26, "Lånecyklar för hemtjänsten", 3), (27, "Sms före sophämtning", 9)] {
        p.initiatives.push(Initiative {
            id,
            title: title.into(),
            need: "Behovet som förslagsställaren beskrev.".into(),
            idea: Some(Box::new(Idea { received: Some(date(2026, 11, day)), ..Idea::default() })),
            ..Initiative::default()
        });
    }
    p.next_id.initiative = 28;
    Harness::on_disk(&p)
}

/// Initiative `id`'s idea: proposer, triage, decisions.
fn idea(app: &Harness, id: u32) -> &Idea {
    app.portfolio.initiative(id).and_then(|i| i.idea.as_ref()).expect("an idea")
}

fn triage(app: &Harness, id: u32) -> Triage {
    idea(app, id).triage
}

/// Opens the intake list and selects idea `id`.
fn select(app: &mut Harness, id: u32) {
    if !matches!(app.mode, Mode::Intake(_)) {
        app.press('i');
    }
    let row = app.intake_ids().iter().position(|x| *x == id).expect("listed");
    app.press('g');
    for _ in 0..row {
        app.press('j');
    }
    assert_eq!(app.intake_selected(), Some(id));
}

#[test]
fn quick_capture_in_the_intake_list_is_n_a_title_and_enter() {
    let mut app = meeting();
    app.press('i').press('n').type_text("Värmekameror på förskolegårdar").press(KeyCode::Enter);
    let idea = app.portfolio.initiative(28).expect("captured");
    assert_eq!(idea.title, "Värmekameror på förskolegårdar");
    let about = idea.idea.as_ref().expect("an idea");
    assert_eq!((about.triage, about.received), (Triage::Received, Some(TODAY)));
    assert_eq!(app.intake_selected(), Some(28), "the list selects it");
    assert!(!idea.is_active(), "an idea in triage is not yet part of the balance");
    // The idea form asks for its proposer at once; Esc leaves that for later.
    app.press(KeyCode::Esc);
    app.press('n').press(KeyCode::Enter);
    assert!(app.message().contains("needs a title"), "{}", app.message());
}

#[test]
fn each_triage_transition_is_one_undoable_step() {
    let mut app = meeting();
    select(&mut app, 26);
    app.press('b');
    assert_eq!(triage(&app, 26), Triage::Assessing);
    app.press('y');
    assert_eq!(triage(&app, 26), Triage::Accepted);
    let accepted = app.portfolio.initiative(26).expect("there");
    assert_eq!((accepted.stage, accepted.status), (Stage::GeneratingIdeas, Status::Active));
    assert!(accepted.is_active(), "accepted: now an active initiative at stage 2");
    assert_eq!(accepted.idea.as_ref().and_then(|i| i.decided), Some(TODAY));
    app.press('u');
    assert_eq!(triage(&app, 26), Triage::Assessing, "undo takes the decision back");

    select(&mut app, 27);
    app.press('p').type_text("Väntar på nytt avtal om sophämtning").press(KeyCode::Enter);
    assert_eq!(triage(&app, 27), Triage::Parked);
    assert_eq!(idea(&app, 27).reason, "Väntar på nytt avtal om sophämtning");
    select(&mut app, 27);
    app.press('r');
    assert_eq!(triage(&app, 27), Triage::Received, "back to received");
    select(&mut app, 27);
    app.press('m').type_text("#3").press(KeyCode::Enter);
    assert_eq!(triage(&app, 27), Triage::Merged);
    assert_eq!(idea(&app, 27).merged_into, Some(3));
    select(&mut app, 27);
    app.press('t');
    assert_eq!(idea(&app, 27).told, Some(TODAY));
    let log = &app.portfolio.initiative(27).expect("there").log;
    assert!(log.iter().any(|e| e.text.contains("#3")), "the merge is in the log: {log:?}");
    // It was saved: each step went to disk at once.
    let path = app.path().expect("a data file").to_path_buf();
    let saved = fasett::store::load(&path).expect("loads").expect("there");
    assert_eq!(saved.initiative(27).and_then(|i| i.idea.as_ref()).map(|i| i.triage), Some(Triage::Merged));
}

#[test]
fn declining_needs_a_reason_and_a_refused_step_changes_nothing() {
    let mut app = meeting();
    select(&mut app, 26);
    let before = app.portfolio.clone();
    app.press('x').press(KeyCode::Enter);
    let (text, is_error) = app.status().expect("a message");
    assert!(is_error && text.contains("needs a reason"), "{text}");
    assert_eq!(app.portfolio, before, "nothing half-saved");
    assert!(
        matches!(&app.mode, Mode::Intake(list) if list.prompt.is_some()),
        "the reason is still asked for"
    );
    app.type_text("Finns redan i #3").press(KeyCode::Enter);
    assert_eq!(triage(&app, 26), Triage::Declined);

    // Merging into itself, into an archived initiative or one that is not there: refused.
    select(&mut app, 27);
    let before = app.portfolio.clone();
    app.press('m').type_text("27").press(KeyCode::Enter);
    assert!(app.message().contains("into itself"), "{}", app.message());
    app.press(KeyCode::Esc).press('m').type_text("22").press(KeyCode::Enter);
    assert!(app.message().contains("#22 is archived"), "{}", app.message());
    app.press(KeyCode::Esc).press('m').type_text("99").press(KeyCode::Enter);
    assert!(app.message().contains("no initiative #99"), "{}", app.message());
    assert_eq!(app.portfolio, before);
}

#[test]
fn lineage_is_shown_as_a_family_and_a_cycle_is_refused() {
    let mut app = Harness::sample().on(Pane::Initiatives);
    // The demo: #12 led to #8, which led to #23.
    app.update(Action::RunCommand("grew #12 23".into()));
    let (text, is_error) = app.status().expect("a message");
    assert!(is_error && text.contains("#12 → #23 → #8 → #12"), "{text}");
    assert_eq!(app.portfolio.initiative(12).and_then(|i| i.grew_out_of), None, "nothing changed");
    app.update(Action::RunCommand("grew #5 5".into()));
    assert!(app.message().contains("circle"), "{}", app.message());
    app.update(Action::RunCommand("grew #24 1".into()));
    assert_eq!(app.portfolio.initiative(24).and_then(|i| i.grew_out_of), Some(1));
    app.update(Action::RunCommand("grew #24 -".into()));
    assert_eq!(app.portfolio.initiative(24).and_then(|i| i.grew_out_of), None);
    app.mode = Mode::Detail { id: 8, scroll: 0, back: None };
    let screen = app.render(80, 40);
    assert!(screen.contains("Grew out of") && screen.contains("#12 Heltid som norm"), "{screen}");
    assert!(screen.contains("Led to") && screen.contains("#23 "), "{screen}");
}

#[test]
fn a_stage_decision_is_recorded_in_the_log_and_shown() {
    let mut app = Harness::sample().on(Pane::Initiatives);
    app.update(Action::RunCommand("decide #9 go Ledningsgruppen: scenarierna klara".into()));
    let i = app.portfolio.initiative(9).expect("there");
    assert_eq!(i.stage, Stage::DevelopingProposals, "go moves to the next stage");
    let entry = i.log.last().expect("logged");
    let decision = entry.decision.as_ref().expect("a decision");
    assert_eq!((decision.verdict, decision.forum.as_str()), (Verdict::Go, "Ledningsgruppen"));
    assert_eq!((entry.date, entry.text.as_str()), (TODAY, "scenarierna klara"));
    // A stop names what grows out of it.
    app.update(Action::RunCommand("decide #19 stop Kommunstyrelsen: vinterväglag -> 24".into()));
    assert_eq!(app.portfolio.initiative(24).and_then(|i| i.grew_out_of), Some(19));
    app.press('u');
    assert_eq!(app.portfolio.initiative(24).and_then(|i| i.grew_out_of), None, "one undo for both");
    app.update(Action::RunCommand("decide #9 maybe".into()));
    assert!(app.message().contains(":decide"), "{}", app.message());
    // Shown in the detail and on the Overview.
    app.mode = Mode::Detail { id: 9, scroll: 0, back: None };
    let screen = app.render(80, 40);
    assert!(screen.contains("Go (Ledningsgruppen) → 3 Developing proposals"), "{screen}");
    app.mode = Mode::Normal;
    app.press('4').press(KeyCode::PageDown).press(KeyCode::PageDown);
    let screen = app.render(80, 24);
    assert!(screen.contains("#9 Go (Ledningsgruppen)"), "{screen}");
}

#[test]
fn a_review_is_kept_and_compared_with_the_one_before() {
    let mut app = Harness::on_disk(&sample());
    app.update(Action::RunCommand("review".into()));
    let text = app.message();
    assert_eq!(
        text, "Review of 2026-11-25 kept in the file. The Overview (4) shows what changed since 2025-12-01.",
        "the changes are a paragraph: the Overview has room for them"
    );
    // The facets' and statuses' own names, as the balance and the status table say them.
    let (then, now) = (&app.portfolio.reviews[0], fasett::ideas::review::take(&app.portfolio, TODAY));
    let text = fasett::ideas::review::comparison(then, &now, Lang::En).expect("compared");
    assert!(text.contains("Since the review of 2025-12-01: mission-oriented +1, anticipatory +2"), "{text}");
    assert!(text.contains(", stopped +1, completed +1, "), "{text}");
    let text = fasett::ideas::review::comparison(then, &now, Lang::Sv).expect("compared");
    assert!(
        text.contains("missionsorienterad +1, föregripande +2, oplacerad -1, avbruten +1, slutförd +1"),
        "{text}"
    );
    assert_eq!(app.portfolio.reviews.len(), 2);
    let taken = app.portfolio.reviews.last().expect("taken");
    assert_eq!((taken.date, taken.facets["anticipatory"], taken.statuses["active"]), (TODAY, 3, 17));
    // Figures only: a review is small.
    let size = serde_json::to_string(taken).expect("json").len();
    assert!(size < 1200, "{size} bytes");
    // The Overview compares now with the latest earlier review.
    app.press('4').press(KeyCode::PageDown).press(KeyCode::PageDown);
    let screen = app.render(80, 24);
    assert!(screen.contains("Since the review of"), "{screen}");
    // A review from a newer fasett is not compared, and says so.
    let mut p = sample();
    p.reviews[0].version = 99;
    let mut app = Harness::new(p).on(Pane::Overview);
    app.press(KeyCode::PageDown).press(KeyCode::PageDown);
    let screen = app.render(80, 24);
    assert!(screen.contains("newer fasett (figures version 99)"), "{screen}");
}

#[test]
fn the_overview_counts_ideas_waiting_and_proposers_not_told() {
    let mut app = meeting().lang(Lang::En).on(Pane::Overview);
    let screen = app.render(80, 24);
    // #25, #26 and #27 wait; #24 was accepted on 2026-10-21 and its proposer not told.
    assert!(screen.contains("Ideas: 3 waiting"), "{screen}");
    assert!(screen.contains("1 proposer not told (14 d)"), "{screen}");
    app.portfolio.organisation.feedback_days = Some(60);
    let screen = app.render(80, 24);
    assert!(screen.contains("0 proposers not told (60 d)"), "{screen}");
}

#[test]
fn the_intake_list_and_a_family_at_80x24_in_english_and_swedish() {
    for lang in [Lang::En, Lang::Sv] {
        let mut app = meeting().lang(lang);
        app.press('i');
        insta::assert_snapshot!(format!("intake_{}", lang.code()), app.render(80, 24));
        app.mode = Mode::Detail { id: 8, scroll: 0, back: None };
        for _ in 0..20 {
            app.press('j');
        }
        insta::assert_snapshot!(format!("family_{}", lang.code()), app.render(80, 24));
    }
}

#[test]
fn ideas_in_triage_stay_out_of_the_grid_and_the_balance() {
    let app = meeting().on(Pane::Portfolio);
    let on_grid: Vec<u32> = (0..5).flat_map(|cell| app.grid_cell_ids(cell).to_vec()).collect();
    assert!(!on_grid.contains(&26) && !on_grid.contains(&25), "{on_grid:?}");
    assert!(on_grid.contains(&24), "an accepted idea is an initiative");
    let _: &Portfolio = &app.portfolio;
}

#[test]
fn after_a_decision_the_selection_is_on_the_next_idea_waiting() {
    let mut app = meeting();
    app.press('i').press('g');
    let waiting: Vec<u32> = app
        .intake_ids()
        .into_iter()
        .filter(|id| {
            app.portfolio.initiative(*id).and_then(|i| i.idea.as_deref()).is_some_and(Idea::is_waiting)
        })
        .collect();
    assert!(waiting.len() >= 3, "{waiting:?}");
    assert_eq!(app.intake_selected(), Some(waiting[0]));
    app.press('y');
    assert_eq!(app.intake_selected(), Some(waiting[1]), "accepting moves on to the next one waiting");
    let said = app.message();
    assert!(said.starts_with(&format!("▸ #{} is next.", waiting[1])), "and says so: {said}");
    assert!(app.render(80, 24).contains(&format!("#{}: accepted", waiting[0])), "whole: {said}");
    app.press('t');
    let said = app.message();
    assert!(
        said.starts_with(&format!("#{} waits for a decision", waiting[1])),
        "t names the idea it was about: {said}"
    );
    app.press('x').type_text("Finns redan.").press(KeyCode::Enter);
    assert_eq!(triage(&app, waiting[1]), Triage::Declined);
    assert_eq!(app.intake_selected(), Some(waiting[2]), "declining moves on too, never to a decided one");
    // Telling a proposer is the work of the ideas decided: the selection moves on to the next
    // proposer still to be told (trial 9 §4), and says so.
    select(&mut app, waiting[0]);
    app.press('t');
    assert_eq!(idea(&app, waiting[0]).told, Some(TODAY), "t was about the idea selected");
    assert_eq!(app.intake_selected(), Some(waiting[1]), "t moves on to the next one to tell");
    assert!(app.message().starts_with(&format!("▸ #{} is next.", waiting[1])), "{}", app.message());
    assert!(app.render(80, 24).contains("not told within 14 d") || app.render(80, 24).contains("(14 d)"));
}

#[test]
fn a_reason_or_a_new_idea_being_typed_comes_back_in_the_intake_list() {
    let mut app = meeting();
    select(&mut app, 27);
    app.press('x').type_text("Finns redan som en del av #3");
    let back = crate::drafts::restored(&app);
    let Mode::Intake(list) = &back.mode else { panic!("the intake list: {:?}", back.mode) };
    let (prompt, input) = list.prompt.as_ref().expect("the reason, being typed");
    assert_eq!((*prompt, input.value()), (IntakePrompt::Decline, "Finns redan som en del av #3"));
    assert_eq!(back.intake_selected(), Some(27), "for the same idea");

    // Idea #27 decided meanwhile (no longer waiting): the reason is shown, not lost.
    let mut decided = app.portfolio.clone();
    decided.initiatives.retain(|i| i.id != 27);
    let back = crate::drafts::restored_on(&app, &decided);
    let (text, error) = back.status().expect("said");
    assert!(error && text.contains("#27") && text.contains("Finns redan som en del av #3"), "{text}");

    let mut app = meeting();
    app.press('i').press('n').type_text("Lånecyklar för fritidsgårdarna");
    let back = crate::drafts::restored(&app);
    let Mode::Intake(list) = &back.mode else { panic!("the intake list: {:?}", back.mode) };
    let (prompt, input) = list.prompt.as_ref().expect("the title, being typed");
    assert_eq!((*prompt, input.value()), (IntakePrompt::Title, "Lånecyklar för fritidsgårdarna"));

    // A number to merge into is typed again quicker than read back: no draft.
    let mut app = meeting();
    select(&mut app, 27);
    app.press('m').type_text("3");
    assert!(app.current_draft().is_none());
}

#[test]
fn a_reason_typed_and_then_help_opened_is_kept_as_a_draft_for_the_same_idea() {
    let mut app = meeting();
    select(&mut app, 27);
    app.press('p').type_text("Väntar på avtalet");
    app.press(KeyCode::F(1));
    assert!(matches!(app.mode, Mode::Help { .. }), "help is open over the prompt");
    let draft = app.current_draft().expect("the reason is a draft");
    assert!(
        matches!(&draft, fasett::recovery::Draft::Idea { idea: Some(27), text, .. } if text == "Väntar på avtalet"),
        "{draft:?}"
    );
}

#[test]
fn the_intake_list_names_the_triage_as_the_detail_does() {
    for lang in Lang::ALL {
        let mut app = meeting().lang(lang);
        app.press('i');
        let screen = app.render(80, 24);
        let name = lang.t("field.triage");
        assert!(screen.contains(&format!("#    {}", name.to_lowercase())), "{lang:?}:\n{screen}");
    }
}

/// trial 6 §1: an idea not accepted is counted nowhere in the portfolio's figures and listed
/// nowhere among its initiatives, and the ideas waiting are counted apart, the same in the
/// register, the filter bar, the Overview, every report format and the region view.
#[test]
fn ideas_not_accepted_are_one_set_in_every_count_and_list() {
    let mut p = sample();
    // Beside the sample's waiting #25: one more waiting and one declined but not archived.
    for (id, triage) in [(26, Triage::Assessing), (27, Triage::Declined)] {
        p.initiatives.push(Initiative {
            id,
            title: format!("Idé {id} om bemanning"),
            facet: fasett::model::Facet::Adaptive,
            idea: Some(Box::new(Idea { triage, received: Some(date(2026, 11, 2)), ..Idea::default() })),
            ..Initiative::default()
        });
    }
    p.next_id.initiative = 28;
    let ideas = [25, 26, 27];
    let counted: Vec<u32> = p.initiatives.iter().filter(|i| i.in_portfolio()).map(|i| i.id).collect();
    let total = counted.len();
    let active = p.initiatives.iter().filter(|i| i.is_active()).count();
    assert!(counted.iter().all(|id| !ideas.contains(id)));

    // The register: its rows, its total and its title count the same set.
    let mut app = Harness::on_disk(&p).lang(Lang::En).on(Pane::Initiatives);
    assert_eq!(app.register.view, counted, "the register lists the portfolio, by number");
    assert_eq!(app.register_total(), total);
    let tags = app.tags_in_use();
    assert!(tags.contains(&"återbruk".to_owned()) && !tags.contains(&"idé".to_owned()), "only #25 has it");
    let screen = app.screen();
    assert!(screen.contains(&format!("Initiatives ({total}) · 2 ideas waiting (i)")), "{screen}");
    app.press('/').type_text("bemanning").press(KeyCode::Enter);
    let shown = app.register.view.len();
    assert!(shown <= total, "{shown} of {total}");
    assert!(app.screen().contains(&format!("Initiatives {shown} of {total}")), "{}", app.screen());
    app.press('F').press('f');
    assert!(app.screen().contains(&format!("{total} of {total} initiatives shown")), "{}", app.screen());

    // The report: the headline's count is the statuses' sum and the sections' rows; the
    // ideas waiting are said apart.
    let json = fasett::report::json(&p, TODAY, Lang::En, fasett::report::Options::default());
    let json: serde_json::Value = serde_json::from_str(&json).expect("json");
    let statuses: u64 =
        json["statuses"].as_array().expect("statuses").iter().map(|s| s["count"].as_u64().unwrap_or(0)).sum();
    let listed: Vec<u64> =
        json["initiative_list"].as_array().expect("list").iter().filter_map(|i| i["id"].as_u64()).collect();
    assert_eq!(statuses, total as u64);
    assert_eq!(listed.len(), total);
    assert!(listed.iter().all(|id| !ideas.contains(&(*id as u32))), "{listed:?}");
    assert_eq!(json["initiatives"]["in_portfolio"], total);
    assert_eq!(json["initiatives"]["active"], active);
    assert_eq!(json["initiatives"]["ideas_waiting"], 2);
    assert_eq!(json["ideas"]["waiting"].as_array().map(Vec::len), Some(2));
    let facets = &json["balance"];
    let on_grid: u64 =
        facets["facets"].as_array().expect("facets").iter().map(|f| f["active"].as_u64().unwrap_or(0)).sum();
    assert_eq!(
        on_grid + facets["mixed"].as_u64().unwrap_or(0) + facets["unplaced"].as_u64().unwrap_or(0),
        active as u64
    );

    let markdown = fasett::report::markdown(&p, TODAY, Lang::En, fasett::report::Options::default());
    let headline = format!(
        "{total} initiatives, {active} of them active. 2 ideas waiting for a decision are not counted here"
    );
    assert!(markdown.contains(&headline), "{markdown}");
    let register = markdown.split("## Initiatives per facet").nth(1).and_then(|s| s.split("\n## ").next());
    let register = register.expect("the register");
    let numbered = |line: &&str| line.split('|').nth(1).is_some_and(|c| c.trim().parse::<u32>().is_ok());
    assert_eq!(register.lines().filter(numbered).count(), total, "{register}");
    assert!(ideas.iter().all(|id| !register.contains(&format!("| {id} |"))), "{register}");
    assert!(!register.contains("### Unplaced"), "the sample's only unplaced one is an idea: {register}");
    assert!(markdown.contains("- #25 Återbruksbutik") && markdown.contains("- #26 Idé 26"), "listed apart");

    let html = fasett::report::html(&p, TODAY, Lang::En, fasett::report::Options::default());
    assert!(html.contains(&headline), "the HTML headline");
    assert!(
        html.contains("Mixed: 1 · Unplaced: 0") && !html.contains("<h3>Unplaced"),
        "the caption and the sections agree"
    );
    assert!(
        html.contains("<h2>Ideas, decisions and the review</h2>") && html.contains("<li>#26 Idé 26"),
        "listed apart, in the section the headline names"
    );

    // The region view: the statuses add up to the initiatives, the balance is the report's.
    let view = fasett::region::View::of(vec![("p.json".into(), Ok(p.clone()))], TODAY, Lang::En);
    let Ok(member) = &view.members[0].outcome else { panic!("read") };
    let f = &member.figures;
    assert_eq!((f.initiatives, f.statuses.iter().sum::<usize>()), (total, total));
    assert_eq!((f.balance.total(), f.ideas_waiting), (active, 2));
    let region = fasett::region::render(&view, fasett::region::Format::Markdown, Lang::En);
    assert!(region.contains("| Ideas waiting for a decision | 2 | 2 |"), "{region}");

    // The Overview counts the same active initiatives.
    let overview = Harness::on_disk(&p).lang(Lang::En).on(Pane::Overview).screen();
    assert!(overview.contains(&format!("{active} active")), "{overview}");
}

/// trial 6 §7: an idea accepted lands unplaced in the strip below the grid, whose two rows
/// were full; it is selected there (and in the register), so the grid shows it, and the
/// message says how to place it.
#[test]
fn an_accepted_idea_is_selected_where_the_grid_shows_it() {
    let mut app = meeting().lang(Lang::En);
    select(&mut app, 26);
    app.press('y');
    assert_eq!(triage(&app, 26), Triage::Accepted);
    assert!(
        app.message().contains("#26: accepted, not placed yet – o in Portfolio places it"),
        "{}",
        app.message()
    );
    assert_eq!(app.register.selected_id(), Some(26));
    app.press(KeyCode::Esc).press('1');
    assert_eq!(app.selected_id(), Some(26));
    let screen = app.screen();
    assert!(screen.contains("▸#26  Lånecyklar"), "{screen}");
}

/// The idea form `app` has open over the intake list.
fn idea_form(app: &Harness) -> &IdeaForm {
    match &app.mode {
        Mode::Intake(list) => list.form.as_deref().expect("the idea form is open"),
        other => panic!("the intake list: {other:?}"),
    }
}

/// trial 6 §7: a new idea's title is saved at Enter, and the idea form opens at once on its
/// proposer, so that whoever proposed it is written down in the meeting.
#[test]
fn a_new_idea_asks_for_its_proposer_at_once_and_esc_leaves_it_for_later() {
    let mut app = meeting();
    app.press('i').press('n').type_text("Delebiler for hjemmetjenesten").press(KeyCode::Enter);
    assert_eq!(app.portfolio.initiative(28).map(|i| i.title.as_str()), Some("Delebiler for hjemmetjenesten"));
    let form = idea_form(&app);
    assert_eq!((form.id(), form.field()), (28, IdeaField::Name), "on the proposer's name");
    assert!(app.message().contains("#28") && app.message().contains("Esc"), "{}", app.message());
    app.type_text("Kari Nordmann").press(KeyCode::Enter);
    assert_eq!(idea(&app, 28).proposer.name, "Kari Nordmann");
    assert!(matches!(&app.mode, Mode::Intake(list) if list.form.is_none()), "saved and closed");
    assert_eq!(app.intake_selected(), Some(28));

    app.press('n').type_text("Sms före sophämtning i glesbygden").press(KeyCode::Enter);
    app.press(KeyCode::Esc);
    assert!(matches!(&app.mode, Mode::Intake(list) if list.form.is_none()), "nothing typed: Esc closes");
    assert!(idea(&app, 29).proposer.is_empty());
}

/// trial 6 §7: `e` in the intake list edits the selected idea's title, proposer (name, unit
/// from the profile, contact), channel, date received and need, as one undoable change.
#[test]
fn the_idea_form_edits_proposer_channel_date_and_need_as_one_undoable_change() {
    let mut app = meeting();
    select(&mut app, 26);
    let before = app.portfolio.initiative(26).cloned().expect("there");
    app.press('e');
    assert_eq!(idea_form(&app).field(), IdeaField::Title);
    app.press(KeyCode::Tab).type_text("Kari Nordmann");
    app.press(KeyCode::Tab).type_text("kommunled").press(KeyCode::Right);
    app.press(KeyCode::Tab).type_text("kari@example.no");
    app.press(KeyCode::Tab).press(KeyCode::Right).press(KeyCode::Right);
    app.press(KeyCode::Tab).keys("<C-u>").type_text("2026-11-02");
    app.press(KeyCode::Tab).type_text("Bilarna står stilla");
    app.press(KeyCode::Enter).type_text("om natten.");
    assert!(matches!(&app.mode, Mode::Intake(list) if list.form.is_some()), "Enter in the need: a new line");
    app.keys("<C-s>");
    let after = app.portfolio.initiative(26).cloned().expect("there");
    let saved = after.idea.as_deref().expect("an idea");
    assert_eq!(
        (saved.proposer.name.as_str(), saved.proposer.unit.as_str(), saved.proposer.contact.as_str()),
        ("Kari Nordmann", "Kommunledningsförvaltningen", "kari@example.no")
    );
    assert_eq!((saved.channel, saved.received), (Some(Channel::Meeting), Some(date(2026, 11, 2))));
    assert!(after.need.starts_with("Bilarna står stilla\nom natten."), "{}", after.need);
    assert_eq!(saved.triage, Triage::Received, "triage untouched");
    assert!(app.message().contains("#26"), "{}", app.message());

    app.press('u');
    assert_eq!(app.portfolio.initiative(26).map(|i| (&i.need, &i.idea)), Some((&before.need, &before.idea)));
    assert!(idea(&app, 26).proposer.is_empty(), "one change, undone whole");

    // A date that is not one names its field and keeps the form open.
    app.press('e').press_times(KeyCode::Tab, 5).keys("<C-u>").type_text("nästa vecka").press(KeyCode::Enter);
    assert_eq!(idea_form(&app).field(), IdeaField::Received);
    assert!(app.status().is_some_and(|(_, error)| error), "{}", app.message());
    // Esc asks before it throws away what was typed.
    app.press(KeyCode::Esc);
    assert!(idea_form(&app).confirm_discard);
    app.press('y');
    assert!(matches!(&app.mode, Mode::Intake(list) if list.form.is_none()));
    assert_eq!(idea(&app, 26).received, Some(date(2026, 11, 3)), "nothing changed");
}

#[test]
fn a_title_over_the_limit_moves_its_end_into_the_need_in_the_idea_form_and_the_prompt() {
    let head = "Lånecyklar för hemtjänstens personal i centrum ".repeat(4);
    let tail = "så att de slipper vänta på bilarna mellan besöken";
    assert!(head.chars().count() < 200 && (head.clone() + tail).chars().count() > 200);
    let mut app = meeting().lang(Lang::Sv);
    select(&mut app, 26);
    app.press('e').keys("<C-u>").paste(&format!("{head}{tail}")).press("<C-s>");
    assert!(matches!(&app.mode, Mode::Intake(list) if list.form.is_none()), "saved, not refused");
    let saved = app.portfolio.initiative(26).expect("kept").clone();
    let (moved, need) = saved.need.split_once("\n\n").expect("the end, then the need");
    assert!(saved.title.chars().count() <= 200 && tail.ends_with(moved), "{saved:?}");
    assert_eq!(format!("{} {moved}", saved.title), format!("{head}{tail}"), "nothing lost");
    assert_eq!(need, "Behovet som förslagsställaren beskrev.");
    assert!(app.message().contains("resten flyttades till behovet"), "{}", app.message());
    // The quick capture's prompt keeps to the same limit, the same way.
    app.press('n').paste(&format!("{head}{tail}")).press(KeyCode::Enter);
    let captured = app.portfolio.initiative(28).expect("captured");
    assert_eq!((captured.title.as_str(), captured.need.as_str()), (saved.title.as_str(), moved));
    assert!(app.message().contains("slutet flyttades till behovet"), "{}", app.message());
}

#[test]
fn the_idea_form_being_typed_comes_back_on_the_same_idea() {
    let mut app = meeting();
    select(&mut app, 27);
    app.press('e').press(KeyCode::Tab).type_text("Per Holm");
    app.press_times(KeyCode::Tab, 5).type_text("Soporna hämtas när ingen är hemma");
    let back = crate::drafts::restored(&app);
    let form = idea_form(&back);
    assert_eq!((form.id(), form.field()), (27, IdeaField::Need));
    assert_eq!(form.state.line(IdeaField::Name).map(tui_input::Input::value), Some("Per Holm"));
    assert!(form.need.text().starts_with("Soporna hämtas när ingen är hemma"), "{}", form.need.text());
    assert_eq!(back.intake_selected(), Some(27));

    // The idea gone meanwhile: what was typed is said, not lost.
    let mut gone = app.portfolio.clone();
    gone.initiatives.retain(|i| i.id != 27);
    let back = crate::drafts::restored_on(&app, &gone);
    let (text, error) = back.status().expect("said");
    assert!(error && text.contains("#27") && text.contains("Per Holm"), "{text}");
}

#[test]
fn a_proposer_entered_in_the_form_stays_out_of_public_reports_and_exports() {
    let mut app = meeting();
    select(&mut app, 26);
    app.press('e').press(KeyCode::Tab).type_text("Kari Nordmann");
    app.press_times(KeyCode::Tab, 2).type_text("kari@example.no").keys("<C-s>");
    let shared = fasett::ideas::without_proposers(&app.portfolio);
    for format in [Format::Json, Format::Markdown, Format::Csv] {
        let out = fasett::export::render(&shared, format, Lang::Sv, b';', TODAY).expect("rendered");
        let text = String::from_utf8_lossy(&out.bytes);
        assert!(!text.contains("Kari Nordmann") && !text.contains("kari@example"), "{format:?}: {text}");
    }
    for public in [false, true] {
        let options = Options { public, ..Options::default() };
        for format in [report::Format::Markdown, report::Format::Json, report::Format::Html] {
            let text = report::render(&app.portfolio, format, TODAY, Lang::Sv, options);
            assert!(!text.contains("Kari Nordmann") && !text.contains("kari@example"), "{format:?}: {text}");
        }
    }
}

#[test]
fn the_idea_form_at_80x24_in_english_and_norwegian() {
    for lang in [Lang::En, Lang::Nb] {
        let mut app = meeting().lang(lang);
        select(&mut app, 26);
        app.press('e').press(KeyCode::Tab).type_text("Kari Nordmann");
        app.press_times(KeyCode::Tab, 3).press(KeyCode::Right);
        insta::assert_snapshot!(format!("idea_form_{}", lang.code()), app.render(80, 24));
    }
}

#[test]
fn the_intake_list_s_title_is_shortened_with_a_sign_where_it_does_not_fit() {
    for lang in Lang::ALL {
        let mut app = Harness::sample().lang(lang).on(Pane::Portfolio);
        app.press('i');
        let screen = app.render(60, 20);
        let top = screen.lines().find(|l| l.contains('┌')).unwrap_or_default().to_owned();
        // The words before the border's end are whole, or end in the ellipsis.
        let words = top.trim_matches(|c| c == '"' || c == ' ').trim_start_matches('┌').trim_end_matches('┐');
        let title = words.trim_end_matches('─').trim();
        let full = app.lang.tf(
            "intake.title",
            &[
                (
                    "waiting",
                    &app.lang.tn("intake.waiting", fasett::ideas::waiting(&app.portfolio).count(), &[]),
                ),
                (
                    "untold",
                    &app.lang.tn(
                        "intake.untold",
                        fasett::ideas::untold(&app.portfolio, app.today).count(),
                        &[("days", &app.portfolio.organisation.feedback_days())],
                    ),
                ),
            ],
        );
        assert!(title == full || title.ends_with('…'), "{lang:?}: {title:?} of {full:?}");
    }
}

#[test]
fn e_in_a_waiting_idea_s_detail_opens_the_idea_form_and_esc_leaves_the_intake_list() {
    let mut app = Harness::sample().on(Pane::Portfolio);
    app.press('i');
    let Some(id) = app.intake_selected() else { panic!("an idea in the list") };
    assert!(app.portfolio.initiative(id).is_some_and(Initiative::is_waiting_idea));
    app.press(KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Detail { id: shown, .. } if shown == id));
    app.press('e');
    let Mode::Intake(list) = &app.mode else { panic!("the intake list: {:?}", app.mode) };
    assert!(list.form.is_some(), "its own form, with the proposer's fields");
    assert_eq!(app.intake_selected(), Some(id), "on the same idea");
    app.press(KeyCode::Esc);
    assert!(matches!(&app.mode, Mode::Intake(list) if list.form.is_none()));
}

#[test]
fn a_triage_step_undone_in_the_intake_list_is_redone_there_with_ctrl_r() {
    let mut app = Harness::sample().on(Pane::Portfolio);
    app.press('i');
    let Some(id) = app.intake_selected() else { panic!("an idea in the list") };
    app.press('y');
    let accepted = triage(&app, id);
    app.press('u');
    assert_ne!(triage(&app, id), accepted, "undone");
    app.press("<C-r>");
    assert_eq!(triage(&app, id), accepted, "redone, still in the list: {:?}", app.mode);
    assert!(matches!(app.mode, Mode::Intake(_)));
}

#[test]
fn at_60x20_the_selected_idea_s_need_wraps_onto_a_second_line_instead_of_losing_its_end() {
    let mut app = Harness::sample().lang(Lang::Sv);
    select(&mut app, 25);
    let need = one_line_of(&app.portfolio.initiative(25).expect("#25").need);
    let screen = app.render(60, 20);
    let shown: String = screen
        .lines()
        .skip_while(|l| !l.contains("Behov"))
        .take(2)
        .map(|l| l.trim_matches(|c| c == '│' || c == '"' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ");
    let words: Vec<&str> = need.split_whitespace().collect();
    assert!(words.len() > 8, "a need longer than one row: {need}");
    assert!(shown.contains(words[8]), "the need's ninth word is on screen: {screen}");
}

fn one_line_of(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The row of idea `id` on `screen`, whatever marks the selection and the border.
fn row_of(screen: &str, id: u32) -> String {
    let start = format!("{id} ");
    screen
        .lines()
        .map(|l| l.trim_matches(|c| matches!(c, '"' | '│' | '|')))
        .find(|l| l.trim_start_matches(['▸', '>', ' ']).starts_with(&start))
        .unwrap_or_else(|| panic!("no row for #{id}: {screen}"))
        .to_owned()
}

/// trial 9 §4: telling the proposers one by one. `t` moves on to the next idea whose proposer
/// is still to be told, as a decision moves on to the next idea waiting, and says so; each
/// row shows whether its proposer is told, without colour and in ASCII too.
#[test]
fn telling_proposers_one_by_one_goes_down_the_ideas_still_to_be_told() {
    let mut app = meeting().lang(Lang::En);
    app.press('i').press('g');
    // #26, #27 and #25 accepted in the order they wait; then the list is the ideas to tell:
    // #24 (decided a month ago) first, then today's in number order.
    app.press('y').press('y').press('y');
    assert!(fasett::ideas::waiting(&app.portfolio).next().is_none());
    assert_eq!(app.intake_selected(), Some(24));
    for (told, next) in [(24, Some(25)), (25, Some(26)), (26, Some(27)), (27, None)] {
        app.press('t');
        assert_eq!(idea(&app, told).told, Some(TODAY), "#{told}: {}", app.message());
        match next {
            Some(next) => {
                assert_eq!(app.intake_selected(), Some(next), "after #{told}: {}", app.message());
                assert!(app.message().starts_with(&format!("▸ #{next} is next.")), "{}", app.message());
            }
            None => assert_eq!(app.intake_selected(), Some(told), "none left to tell: it stays"),
        }
    }
    // Pressed again on a told one: it says when, not "nothing to change".
    app.press('t');
    assert!(app.message().contains("#27: the proposer was already told, on 2026-11-25"), "{}", app.message());
    let mut app = app.ascii();
    let screen = app.render(80, 24);
    for id in [24, 25, 26, 27] {
        assert!(row_of(&screen, id).contains(" + 20"), "#{id} marked as told: {screen}");
    }
    // #22 was told before the meeting (in the file): marked the same way.
    assert!(idea(&app, 22).told.is_some() && row_of(&screen, 22).contains(" + 20"), "{screen}");
    assert!(screen.contains("proposer told 2026-11-25"), "the selected idea's line says it: {screen}");
}

/// trial 9 §4: a decision on an idea already decided (parking an accepted one, reopening it)
/// keeps the selection on that idea; only the work of a queue (deciding one waiting, telling
/// one not told) moves on to the next.
#[test]
fn re_deciding_a_decided_idea_keeps_the_selection_on_it() {
    let mut app = meeting().lang(Lang::En);
    select(&mut app, 24);
    app.press('p').type_text("Väntar på budget").press(KeyCode::Enter);
    assert_eq!(triage(&app, 24), Triage::Parked);
    assert_eq!(app.intake_selected(), Some(24), "no jump to an idea waiting: {}", app.message());
    app.press('r');
    assert_eq!((triage(&app, 24), app.intake_selected()), (Triage::Received, Some(24)));
}

/// trial 9 §4: the triage column names the idea a merged one went into, at 80×24 in every
/// language (Norwegian cut "slått samme…" and lost it).
#[test]
fn a_merged_idea_names_its_target_at_80x24_in_every_language() {
    for lang in Lang::ALL {
        let mut app = meeting().lang(lang);
        select(&mut app, 27);
        app.press('m').type_text("3").press(KeyCode::Enter);
        assert_eq!(triage(&app, 27), Triage::Merged);
        let screen = app.render(80, 24);
        let merged = format!("{} #3", lang.t("triage.merged"));
        assert!(row_of(&screen, 27).contains(&merged), "{lang:?}: {screen}");
    }
}

/// trial 9 §4: the Norwegian intake list after a meeting's triage, half the proposers told.
#[test]
fn the_intake_list_after_triage_and_telling_at_80x24_in_norwegian() {
    let mut app = meeting().lang(Lang::Nb);
    app.press('i').press('g');
    app.press('y');
    app.press('m').type_text("3").press(KeyCode::Enter);
    app.press('x').type_text("Finnes allerede").press(KeyCode::Enter);
    app.press('g').press('t').press('t');
    insta::assert_snapshot!("intake_told_nb", app.render(80, 24));
}

/// trial 9 §5: telling a proposer is not a decision. It is noted in the idea's log, and
/// the council's list of decisions and lessons leaves it out in every format, also where an
/// older file logged it as a decision.
#[test]
fn a_proposer_told_is_a_note_and_no_decision_in_the_report() {
    let mut app = meeting().lang(Lang::En);
    select(&mut app, 26);
    app.press('y');
    select(&mut app, 26);
    app.press('t');
    let log = &app.portfolio.initiative(26).expect("there").log;
    let told = log.iter().find(|e| e.text == "The proposer was told.").expect("noted");
    assert_eq!(told.kind, LogKind::Note);
    // An older file: "told" logged as a decision, in any language.
    let mut old = app.portfolio.clone();
    for (id, text) in [(24, "Forslagsstilleren er varslet."), (26, "Förslagsställaren har meddelats.")] {
        let i = old.initiatives.iter_mut().find(|i| i.id == id).expect("there");
        let (kind, text, decision) = (LogKind::Decision, text.to_owned(), None);
        i.log.push(LogEntry { date: TODAY, kind, text, decision, extra: Extra::default() });
    }
    for lang in Lang::ALL {
        for format in [report::Format::Markdown, report::Format::Json, report::Format::Html] {
            let text = report::render(&old, format, TODAY, lang, Options::default());
            for language in Lang::ALL {
                let note = language.t("idea.note_told");
                assert!(!text.contains(note), "{lang:?} {format:?} lists {note:?}: {text}");
            }
            // The decision itself stays, as logged (in English here).
            assert!(text.contains("Idea: accepted."), "{lang:?} {format:?}: {text}");
        }
    }
}

/// trial 9 §10: an export says what it wrote: the portfolio's initiatives (as the register
/// and the report count them), archived ones and ideas apart.
#[test]
fn an_export_counts_initiatives_and_ideas_apart() {
    let mut app = Harness::on_disk(&sample()).lang(Lang::En);
    app.update(Action::RunCommand("export csv".into()));
    assert!(app.message().starts_with("Exported 23 initiatives and 2 ideas to "), "{}", app.message());
    let mut p = sample();
    p.initiatives.iter_mut().find(|i| i.id == 3).expect("#3").archived = true;
    let mut app = Harness::on_disk(&p).lang(Lang::Nb);
    app.update(Action::RunCommand("export markdown".into()));
    assert!(
        app.message().starts_with("Eksporterte 22 initiativer, 1 arkivert og 2 ideer til "),
        "{}",
        app.message()
    );
    // The Markdown export's own first line counts alike.
    let out = fasett::export::render(&p, Format::Markdown, Lang::Nb, b';', TODAY).expect("rendered");
    let text = String::from_utf8_lossy(&out.bytes);
    assert!(text.contains(": 22 initiativer, 1 arkivert og 2 ideer."), "{text}");
}
