//! A new facilitator's first week (trial 9, §7, §8 and §10): the empty grid offers the one
//! thing to do, `n` from the grid says which facet it adds to, the tendency is not named on
//! one initiative a facet, the form's completion takes what it shows, and the help offers
//! only keys that work here.

use fasett::action::{Action, Pane};
use fasett::app::{Field, Mode, ProfileRow};
use fasett::i18n::Lang;
use fasett::model::{Currency, Facet, Initiative, Organisation, Portfolio, Unit};
use fasett::testing::Harness;
use ratatui::crossterm::event::KeyCode;

/// The footer: the screen's last line, without the quotes a rendered line is drawn in.
fn footer(screen: &str) -> String {
    screen.lines().last().unwrap_or_default().trim_matches('"').to_owned()
}

/// A named organisation with no initiatives yet, as the profile leaves it on a first run.
fn named(lang: Lang) -> Harness {
    let mut p = Portfolio::default();
    p.organisation.name = "Fjordvik kommune".into();
    Harness::new(p).lang(lang).on(Pane::Portfolio)
}

#[test]
fn the_empty_grid_offers_n_where_it_adds_and_not_placing() {
    let mut app = named(Lang::Nb);
    let screen = app.render(80, 24);
    insta::assert_snapshot!("empty_grid_nb_80x24", screen);
    let foot = footer(&screen);
    assert!(foot.starts_with(" n nytt initiativ her"), "{foot}");
    assert!(!foot.contains("plasser"), "nothing to place: {foot}");
    // The selected cell says so and carries the lists' mark, which shows without colour.
    assert_eq!(screen.matches("n legger til ett her").count(), 1, "{screen}");
    assert!(screen.contains("┌▸Misjon · "), "{screen}");
    // The compact layout keeps it too.
    let compact = footer(&app.render(60, 20));
    assert!(compact.starts_with(" n nytt initiativ her"), "{compact}");
    // Once there is one, its cell offers placing; an empty neighbour offers `n` again.
    app.press('n').type_text("Trygt hjemme").press("<C-s>");
    let foot = footer(&app.render(80, 24));
    assert!(foot.contains("o plasser"), "{foot}");
    assert!(!foot.contains("nytt initiativ her"), "{foot}");
    app.press('l');
    let screen = app.render(80, 24);
    assert!(footer(&screen).starts_with(" n nytt initiativ her"), "{screen}");
    assert!(screen.contains("┌▸Foregripende · "), "the mark follows the selection:\n{screen}");
    assert!(screen.contains("┌ Misjon · "), "{screen}");
}

#[test]
fn a_read_only_empty_grid_offers_no_n() {
    let (_dir, path) = fasett::testing::temp_file("p.json", "{\"schema_version\": 1, \"initiatives\": []}\n");
    let mut app = Harness::opened(fasett::store::Store::open(&path, true).expect("opens read-only"));
    app.press('1');
    let screen = app.render(80, 24);
    assert!(!footer(&screen).contains(" n "), "{screen}");
    assert!(!screen.contains("n adds one here."), "{screen}");
}

#[test]
fn n_from_the_grid_names_the_facet_it_adds_to() {
    let mut app = named(Lang::Nb);
    app.press('n');
    let screen = app.render(80, 24);
    assert!(screen.contains("┌ Nytt initiativ i Misjon "), "{screen}");
    insta::assert_snapshot!("new_from_the_grid_nb_80x24", screen);
    app.press(KeyCode::Esc).press('j').press('n');
    assert!(app.render(80, 24).contains("┌ Nytt initiativ i Forbedring "), "the cell below");
    // Chosen in the form, the facet changes the title with it; unplaced it names none.
    while !matches!(&app.mode, Mode::Form(f) if f.state.field() == Field::Facet) {
        app.press(KeyCode::Tab);
    }
    app.press(KeyCode::Right);
    assert!(app.render(80, 24).contains("┌ Nytt initiativ i Adaptiv "));
    app.press(KeyCode::Esc);
    // From the register (no facet filtered), nothing is chosen for the user.
    let mut app = named(Lang::En).on(Pane::Initiatives);
    app.press('n');
    assert!(app.render(80, 24).contains("┌ New initiative ─"));
}

/// One active initiative in each facet and two mixed: six, enough to name a tendency.
fn one_each() -> Harness {
    let mut p = Portfolio::default();
    p.organisation.name = "Fjordvik".into();
    let facets = Facet::GRID.into_iter().chain([Facet::Mixed, Facet::Mixed]);
    for (id, facet) in (1..).zip(facets) {
        p.initiatives.push(Initiative { id, facet, title: format!("I{id}"), ..Initiative::default() });
    }
    Harness::new(p).on(Pane::Portfolio)
}

#[test]
fn one_initiative_a_facet_is_not_called_strong_anywhere() {
    let mut app = one_each();
    let screen = app.render(80, 24);
    assert!(!screen.contains("balanced") && !screen.contains("strong"), "{screen}");
    assert!(screen.contains("Tendency: weak in all four facets"), "{screen}");
    app.press('4');
    let overview = app.render(80, 24);
    assert!(!overview.contains("balanced") && !overview.contains("strong in"), "{overview}");
    let report =
        fasett::report::markdown(&app.portfolio, app.today, Lang::En, fasett::report::Options::default());
    assert!(!report.contains("balanced: strong"), "{report}");
    assert!(report.contains("at least 2 active initiatives"), "the report states the rule");
}

#[test]
fn weighted_by_money_with_no_money_yet_says_there_is_nothing_to_weigh() {
    let mut app = one_each();
    app.press('w').press('w');
    assert!(app.grid.by_money);
    let screen = app.render(80, 24);
    let header = screen.lines().nth(1).unwrap_or_default();
    assert!(header.contains("Tendency: no expected money to weigh yet"), "{screen}");
    insta::assert_snapshot!("nothing_to_weigh_80x24", screen);
    assert!(!header.contains("weak"), "{header}");
    for lang in [Lang::Sv, Lang::Da, Lang::Nb] {
        let mut app = one_each().lang(lang);
        app.press('w').press('w');
        let screen = app.render(80, 24);
        let header = screen.lines().nth(1).unwrap_or_default();
        let words = lang.t("balance.nothing_to_weigh");
        assert!(header.contains(words) && header.contains(']'), "whole, badge and all: {header}");
    }
}

/// A portfolio whose profile knows one person and one unit.
fn with_people() -> Harness {
    let p = Portfolio {
        organisation: Organisation {
            name: "Fjordvik".into(),
            people: vec!["Ingrid Berg".into()],
            units: vec![Unit { name: "Opplæringsetaten".into(), ..Unit::default() }],
            ..Organisation::default()
        },
        ..Portfolio::default()
    };
    Harness::new(p).lang(Lang::Nb).on(Pane::Initiatives)
}

fn focus(app: &mut Harness, field: Field) {
    while !matches!(&app.mode, Mode::Form(f) if f.state.field() == field) {
        app.press(KeyCode::Tab);
    }
}

#[test]
fn tab_and_end_take_the_suggested_name_and_down_leaves_it() {
    let mut app = with_people();
    app.press('n').type_text("Trygt hjemme");
    focus(&mut app, Field::Owner);
    app.type_text("Ing");
    assert!(app.render(80, 24).contains("Ing  → Ingrid Berg"));
    app.press(KeyCode::Tab);
    assert!(matches!(&app.mode, Mode::Form(f) if f.state.field() == Field::Unit), "and on");
    app.type_text("Opp").press(KeyCode::Home).press(KeyCode::End);
    app.press("<C-s>");
    let saved = app.portfolio.initiatives.last().map(|i| (i.owner.clone(), i.unit.clone()));
    assert_eq!(saved, Some(("Ingrid Berg".into(), "Opplæringsetaten".into())));
    assert!(!app.message().contains('+'), "nothing new for the profile: {}", app.message());
    // ↓ goes on without the suggestion; an empty field takes nothing on Tab or End.
    app.press('n').type_text("Neste");
    focus(&mut app, Field::Owner);
    app.type_text("Ing").press(KeyCode::Down);
    app.press(KeyCode::End).press(KeyCode::Tab);
    app.press("<C-s>");
    let saved = app.portfolio.initiatives.last().map(|i| (i.owner.clone(), i.unit.clone()));
    assert_eq!(saved, Some(("Ing".into(), String::new())));
}

#[test]
fn the_form_help_lists_every_key_of_its_fields() {
    let mut app = with_people();
    app.press('n').press("<F1>");
    let screen = app.render(80, 60);
    for text in [
        "I feltene",
        "ta navnet som foreslås etter →",
        "endre et valg som Fasett",
        "gå fra boks til boks",
        "kryss av eller fjern krysset",
        "i Gevinster: legg til en",
        "→ End",
        "Mellomrom x",
    ] {
        assert!(screen.contains(text), "{text}:\n{screen}");
    }
}

#[test]
fn the_help_lists_only_keys_that_do_something_here() {
    let mut app = with_people();
    app.press('n').type_text("Ny").press("<C-s>");
    app.press('?');
    let help = app.render(80, 60);
    assert!(!help.contains("← h") && !help.contains("→ l"), "the register has no left and right:\n{help}");
    assert!(!help.contains("  +  "), "nothing to add to the profile:\n{help}");
    app.press(KeyCode::Esc).press('+');
    assert!(app.message().contains("Ingenting å legge til i profilen"), "{}", app.message());
    // Once a saved initiative names someone new, `+` is offered and adds them.
    app.press('e');
    focus(&mut app, Field::Owner);
    app.type_text("Per Lie").press("<C-s>");
    app.press('?');
    assert!(app.render(80, 60).contains("  +  "), "now there is something to add");
    app.press(KeyCode::Esc).press('+');
    assert!(app.portfolio.organisation.people.iter().any(|p| p == "Per Lie"));
    // The grid has neighbours left and right, and says so.
    app.press('1').press('?');
    let help = app.render(80, 60);
    assert!(help.contains("← h") && help.contains("→ l"), "{help}");
    // With nothing selected, nothing is offered for the selection.
    let mut app = named(Lang::En).on(Pane::Initiatives);
    app.press('?');
    let help = app.render(80, 60);
    assert!(!help.contains("edit") && help.contains("new"), "{help}");
}

#[test]
fn the_help_in_the_profile_names_the_profile() {
    let mut app = named(Lang::Nb);
    app.update(Action::RunCommand("org".into()));
    app.press('?');
    let screen = app.render(80, 24);
    assert!(screen.contains("┌ Taster — Organisasjonsprofil "), "{screen}");
}

#[test]
fn the_currency_starts_at_the_languages_own_and_none_reads_as_a_sentence() {
    for (lang, own) in [(Lang::Nb, Currency::Nok), (Lang::Da, Currency::Dkk), (Lang::Sv, Currency::Sek)] {
        let mut app = named(lang);
        app.update(Action::RunCommand("org".into()));
        while !matches!(&app.mode, Mode::Profile(e) if e.row(&app.portfolio.organisation) == ProfileRow::Currency)
        {
            app.press('j');
        }
        app.press(KeyCode::Enter);
        assert_eq!(app.portfolio.organisation.currency, Some(own), "{lang:?}");
        let mut seen = vec![own];
        for _ in 0..4 {
            app.press(KeyCode::Enter);
            seen.extend(app.portfolio.organisation.currency);
        }
        assert_eq!(seen.len(), 4, "every currency once, then none: {seen:?}");
        assert_eq!(app.portfolio.organisation.currency, None);
        let said = app.message();
        assert_eq!(said, lang.t("profile.currency_unset"), "{lang:?}");
    }
    let mut app = named(Lang::Nb);
    app.update(Action::RunCommand("org".into()));
    while !matches!(&app.mode, Mode::Profile(e) if e.row(&app.portfolio.organisation) == ProfileRow::Currency)
    {
        app.press('j');
    }
    app.press_times(KeyCode::Enter, 5);
    assert!(!app.message().contains("oppgis i ikke valgt"), "{}", app.message());
    assert!(app.message().starts_with("Ingen valuta valgt"), "{}", app.message());
}

#[test]
fn norwegian_says_ideen_and_fremtiden_and_the_answers_follow_their_question() {
    let nb = Lang::Nb;
    for key in ["csv.triage", "idea.note_merged", "import.idea_columns", "import.triage_changed"] {
        let text = nb.t(key);
        assert!(!text.contains("déen") && !text.contains("déer"), "{key}: {text}");
    }
    assert_eq!(nb.t("csv.triage"), "Ideens sortering");
    assert!(nb.t("pushed_by.preparing_for_future").contains("fremtiden"));
    // Each answer reads as a sentence after its question.
    let after = |lang: Lang, key: &str| {
        format!("{} {}", lang.t("placement.pushed_by").trim_end_matches(" …"), lang.t(key))
    };
    assert_eq!(
        after(nb, "pushed_by.leaders_want_results"),
        "Primært drevet av ledere og politikere som vil se resultater"
    );
    assert_eq!(
        after(Lang::En, "pushed_by.leaders_want_results"),
        "Mainly pushed by leaders who want results"
    );
    assert_eq!(
        after(Lang::Da, "pushed_by.leaders_want_results"),
        "Primært drevet af ledelse og politikere, der vil se resultater"
    );
    assert_eq!(
        after(Lang::Sv, "pushed_by.leaders_want_results"),
        "Drivs främst av att ledning och politik vill se resultat"
    );
}

/// Review 9: a cell that is empty only because a filter hides what is in it says "no match";
/// the footer does not invite a new initiative there either.
#[test]
fn a_cell_emptied_by_a_filter_does_not_invite_a_new_initiative() {
    let mut app = Harness::sample().lang(Lang::En);
    app.keys("/zzzqqq<Enter>");
    let screen = app.render(80, 24);
    let footer = screen.lines().last().unwrap_or_default();
    assert!(!footer.contains("new initiative here") && !screen.contains("n adds one here"), "{screen}");
    app.keys("/<Esc>");
    assert!(!app.render(80, 24).contains("n adds one here"), "the cell is not empty without the filter");
}
