//! Benefits realisation driven through keys (issue 17): adding a benefit and a measurement and
//! undoing both, from the benefits view and from the initiative form; bad input refused with
//! nothing kept half-way; the benefits view, its chart and the detail's section at 80×24 in
//! English and Swedish; overdue benefits among the Overview's follow-ups; the grid weighted
//! by expected money.

use fasett::action::Pane;
use fasett::app::{BenefitDialog, Field, Mode};
use fasett::i18n::Lang;
use fasett::model::{BenefitKind, Portfolio};
use fasett::testing::{Harness, TODAY, sample};
use ratatui::crossterm::event::KeyCode;

/// The sample's benefits view, from the Overview.
fn view(lang: Lang) -> Harness {
    let mut app = Harness::sample().lang(lang).on(Pane::Overview);
    app.press('b');
    assert!(matches!(app.mode, Mode::Benefits(_)), "b opens the benefits view");
    app
}

/// Opens initiative `id`'s detail from the register.
pub fn detail(app: &mut Harness, id: u32) {
    app.press('2');
    let ix = app.register.view.iter().position(|x| *x == id).expect("listed");
    app.press('g');
    for _ in 0..ix {
        app.press('j');
    }
    app.press(KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Detail { id: shown, .. } if shown == id));
}

fn benefits_of(app: &Harness, id: u32) -> Vec<(String, usize)> {
    let i = app.portfolio.initiative(id).expect("the initiative");
    i.benefits.iter().map(|b| (b.title.clone(), b.measurements.len())).collect()
}

fn dialog(app: &Harness) -> Option<&BenefitDialog> {
    match &app.mode {
        Mode::Benefits(view) => view.dialog.as_ref(),
        Mode::Form(form) => form.benefit.as_ref(),
        _ => None,
    }
}

#[test]
fn a_benefit_and_a_measurement_are_added_from_the_detail_and_undone_one_by_one() {
    let mut app = Harness::on_disk(&sample());
    detail(&mut app, 8);
    let before = benefits_of(&app, 8);
    app.press('b');
    assert!(matches!(&app.mode, Mode::Benefits(v) if v.scope == Some(8)));
    // n: the editor, title first; Tab through kind to the numbers.
    app.press('n');
    app.type_text("Färre inhyrda sjuksköterskor");
    while !matches!(dialog(&app), Some(BenefitDialog::Edit(e)) if e.state.field() == fasett::app::BenefitField::BaselineValue)
    {
        app.press(KeyCode::Tab);
    }
    app.type_text("12");
    app.press(KeyCode::Tab).type_text("2026-08-01");
    app.press(KeyCode::Tab).type_text("4");
    app.press(KeyCode::Tab).type_text("2027-12-31");
    app.press("<C-s>");
    assert!(dialog(&app).is_none(), "kept: {}", app.message());
    let added = app.portfolio.initiative(8).expect("#8").benefits.last().cloned().expect("a benefit");
    assert_eq!(added.title, "Färre inhyrda sjuksköterskor");
    assert_eq!((added.baseline.value, added.target.value), (Some(12.0), Some(4.0)));
    assert_eq!(added.owner, "Karin Holm", "the initiative's owner unless changed");
    assert!(added.id > 33, "a new id: {}", added.id);
    // m: one line, the date already today; the value and a note.
    app.press('G').press('m');
    assert!(matches!(dialog(&app), Some(BenefitDialog::Measure(_))));
    app.type_text("10");
    app.press(KeyCode::Tab).type_text("Två färre i november");
    app.press(KeyCode::Enter);
    let measured = app.portfolio.initiative(8).expect("#8").benefits.last().cloned().expect("a benefit");
    assert_eq!(measured.measurements.len(), 1);
    let m = &measured.measurements[0];
    assert_eq!((m.date, m.value, m.note.as_str()), (TODAY, Some(10.0), "Två färre i november"));
    assert_eq!(fasett::benefits::realisation(&measured), Some(25.0));
    let on_disk = fasett::store::load(app.path().expect("a file")).expect("valid").expect("saved");
    assert_eq!(on_disk.initiative(8).map(|i| i.benefits.len()), Some(before.len() + 1), "saved at once");
    // Undo takes back the measurement, then the benefit.
    app.press('u');
    assert_eq!(
        app.portfolio.initiative(8).and_then(|i| i.benefits.last()).map(|b| b.measurements.len()),
        Some(0)
    );
    app.press('u');
    assert_eq!(benefits_of(&app, 8), before);
    app.press("<C-r>").press("<C-r>");
    assert_eq!(benefits_of(&app, 8).len(), before.len() + 1, "and redo brings both back");
    assert_eq!(
        app.portfolio.initiative(8).and_then(|i| i.benefits.last()).map(|b| b.measurements.len()),
        Some(1)
    );
}

#[test]
fn bad_input_is_refused_with_a_reason_and_nothing_is_kept() {
    let mut app = view(Lang::En);
    let before = app.portfolio.clone();
    // A value that is not a number.
    app.press('m');
    app.type_text("about twelve");
    app.press(KeyCode::Enter);
    assert!(matches!(dialog(&app), Some(BenefitDialog::Measure(_))), "the line stays open");
    assert!(app.message().contains("write a number"), "{}", app.message());
    // A date in the future.
    app.press("<S-Tab>").press("<C-u>").type_text("2027-01-01");
    app.press(KeyCode::Tab).press("<C-u>").type_text("12");
    app.press(KeyCode::Enter);
    assert!(app.message().contains("in the future"), "{}", app.message());
    app.press(KeyCode::Esc);
    assert!(dialog(&app).is_none());
    // A target equal to the baseline, and a huge number.
    app.press('e');
    while !matches!(dialog(&app), Some(BenefitDialog::Edit(e)) if e.state.field() == fasett::app::BenefitField::TargetValue)
    {
        app.press(KeyCode::Tab);
    }
    app.press("<C-u>").type_text("3100");
    app.press("<C-s>");
    assert!(app.message().contains("equals the baseline"), "{}", app.message());
    app.press("<C-u>").type_text("1 000 000 000 000 000");
    app.press("<C-s>");
    assert!(app.message().contains("more than fasett takes"), "{}", app.message());
    // Esc asks before dropping typed changes; y drops them.
    app.press(KeyCode::Esc);
    assert!(matches!(dialog(&app), Some(d) if d.is_question()));
    app.press('y');
    assert!(dialog(&app).is_none());
    assert_eq!(app.portfolio, before, "nothing saved half-way");
    assert!(!app.screen().contains("NaN"));
}

#[test]
fn a_negative_target_is_a_saving_and_counts_like_a_falling_cost() {
    let mut app = view(Lang::En);
    app.press('n');
    app.type_text("Lower cost as a change");
    while !matches!(dialog(&app), Some(BenefitDialog::Edit(e)) if e.state.field() == fasett::app::BenefitField::TargetValue)
    {
        app.press(KeyCode::Tab);
    }
    app.type_text("-400000");
    app.press("<C-s>");
    let b = app.portfolio.benefits().map(|(_, b)| b).find(|b| b.title == "Lower cost as a change");
    let b = b.cloned().expect("added");
    assert_eq!(b.kind, BenefitKind::Money);
    assert_eq!(fasett::benefits::planned(&b), Some(400_000.0));
}

#[test]
fn the_form_keeps_benefits_in_its_draft_until_it_is_saved() {
    let mut app = Harness::sample();
    app.press('2').press('n');
    app.type_text("Ny idé med nytta");
    while !matches!(&app.mode, Mode::Form(f) if f.state.field() == Field::Benefits) {
        app.press(KeyCode::Tab);
    }
    app.press('a');
    assert!(matches!(dialog(&app), Some(BenefitDialog::Edit(_))));
    app.type_text("Kortare köer");
    app.press("<C-s>");
    assert!(dialog(&app).is_none(), "{}", app.message());
    let Mode::Form(form) = &app.mode else { panic!("back in the form") };
    assert_eq!(form.state.draft.benefits.len(), 1);
    app.press('m');
    app.type_text("5");
    app.press(KeyCode::Enter);
    let Mode::Form(form) = &app.mode else { panic!("back in the form") };
    assert_eq!(form.state.draft.benefits[0].measurements.len(), 1);
    let count = app.portfolio.initiatives.len();
    app.press("<C-s>");
    assert_eq!(app.portfolio.initiatives.len(), count + 1);
    let new = app.portfolio.initiatives.last().expect("saved");
    assert_eq!(benefits_of(&app, new.id), [("Kortare köer".to_owned(), 1)]);
    app.press('u');
    assert_eq!(app.portfolio.initiatives.len(), count, "one undo: the form was one edit");
}

#[test]
fn overdue_benefits_are_among_the_overview_follow_ups_and_enter_opens_them() {
    let mut app = Harness::sample().on(Pane::Overview);
    let ups = app.follow_ups();
    let first = ups.first().expect("follow-ups");
    assert_eq!(first.kind, fasett::analysis::FollowUpKind::Benefit, "the oldest overdue is a benefit");
    assert!(app.screen().contains("B25 Lägre livsme"), "{}", app.screen());
    app.press(KeyCode::Enter);
    let Mode::Benefits(view) = &app.mode else { panic!("the benefits view") };
    assert_eq!(view.scope, Some(17));
    assert_eq!(view.selected_row().map(|r| r.benefit), Some(25));
}

#[test]
fn the_list_sorts_filters_and_switches_the_chart() {
    let mut app = view(Lang::En);
    let Mode::Benefits(v) = &app.mode else { panic!() };
    let all = v.rows.len();
    assert_eq!(all, app.portfolio.benefits().filter(|(i, _)| i.in_portfolio()).count());
    app.press('f');
    let Mode::Benefits(v) = &app.mode else { panic!() };
    assert!(
        v.rows
            .iter()
            .all(|r| app.benefit(r.initiative, r.benefit).is_some_and(|b| b.kind == BenefitKind::Money))
    );
    for _ in 0..4 {
        app.press('f');
    }
    let Mode::Benefits(v) = &app.mode else { panic!() };
    assert_eq!(v.rows.len(), 3, "overdue: three benefits in the sample");
    app.press('s').press('c');
    let Mode::Benefits(v) = &app.mode else { panic!() };
    assert_eq!(v.chart, BenefitKind::Time);
    let summary = app.screen().lines().nth(2).unwrap_or_default().to_owned();
    assert!(
        summary.contains("time: ") && !summary.contains("money"),
        "the summary follows the chart: {summary}"
    );
    app.press(KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Normal));
}

#[test]
fn snapshots_of_the_benefits_view_and_the_detail_at_80x24() {
    for lang in [Lang::En, Lang::Sv] {
        let mut app = view(lang);
        insta::assert_snapshot!(format!("view_{}", lang.code()), app.render(80, 24));
        app.press(KeyCode::Esc);
        detail(&mut app, 12);
        for _ in 0..20 {
            app.press('j');
        }
        insta::assert_snapshot!(format!("detail_{}", lang.code()), app.render(80, 24));
    }
    let mut app = view(Lang::En);
    app.press('p');
    insta::assert_snapshot!("view_presentation", app.render(80, 24));
    app.press('p');
    app.press('m');
    insta::assert_snapshot!("measurement_line", app.render(80, 24));
    app.press(KeyCode::Esc).press('e');
    insta::assert_snapshot!("editor", app.render(80, 24));
}

#[test]
fn an_empty_portfolio_says_how_to_begin() {
    let mut app = Harness::new(Portfolio::default()).on(Pane::Overview);
    app.press('b');
    let screen = app.screen();
    assert!(screen.contains("No benefits yet"), "{screen}");
    assert!(screen.contains("Nothing to chart yet"), "{screen}");
    app.press('n');
    assert!(app.message().contains("Which initiative?"), "{}", app.message());
}

#[test]
fn w_weights_the_grid_by_priority_then_by_expected_money() {
    let mut app = Harness::sample().on(Pane::Portfolio);
    app.press('w');
    assert!(app.screen().contains("[weighted by priority]"), "{}", app.screen());
    app.press('w');
    assert!(app.screen().contains("[weighted by expected money]"), "{}", app.screen());
    // Active initiatives' money benefits a year: mission #3 800 000, #8 1 000 000, #17 400 000
    // and #21 600 000; enhancement #11 130 000 (#12 is completed, so not counted).
    assert_eq!(app.grid.balance.weights[..4], [2_800_000, 0, 130_000, 0]);
    assert_eq!(app.grid.balance.shares(true)[..4], [96, 0, 4, 0]);
    app.press('w');
    assert!(!app.screen().contains("[weighted"), "{}", app.screen());
}

#[test]
fn the_currency_is_chosen_in_the_profile_and_money_follows_it() {
    use fasett::action::Action;
    use fasett::app::ProfileRow;
    use fasett::model::Currency;
    // A Danish profile with no currency yet: Danish kroner come first (trial 9: a
    // Norwegian user stepped through SEK and DKK, one saved edit each, to reach NOK).
    let mut portfolio = sample();
    portfolio.organisation.currency = None;
    let mut app = Harness::new(portfolio).lang(Lang::Da);
    app.update(Action::RunCommand("org".into()));
    app.press('g');
    while !matches!(&app.mode, Mode::Profile(e) if e.row(&app.portfolio.organisation) == ProfileRow::Currency)
    {
        app.press('j');
    }
    app.press(KeyCode::Enter);
    assert_eq!(app.portfolio.organisation.currency, Some(Currency::Dkk));
    app.press(KeyCode::Esc).press('4').press('b');
    assert!(app.screen().contains("3.400.000 kr."), "{}", app.screen());
    assert!(app.screen().contains("penge: 67 % realiseret"), "too narrow for the amounts: {}", app.screen());
    app.press(KeyCode::Esc);
    app.press('u');
    assert_eq!(app.portfolio.organisation.currency, None, "one undoable edit");
}

#[test]
fn ctrl_l_redraws_over_a_benefit_dialog_and_leaves_it_open() {
    let mut app = view(Lang::En);
    app.press('m').type_text("12");
    app.keys("<C-l>");
    assert!(app.take_redraw(), "asked from the measurement line");
    assert!(matches!(dialog(&app), Some(BenefitDialog::Measure(_))), "still open");
}

#[test]
fn the_summary_counts_one_benefit_and_one_overdue_in_the_singular() {
    let mut app = Harness::sample().lang(Lang::Sv);
    detail(&mut app, 1);
    app.press('b');
    let screen = app.shows("2 nyttor · 1 försenad ·");
    assert!(!screen.contains("1 försenade"), "{screen}");
    let one = Lang::Sv.tn("benefits.count", 1, &[]);
    assert_eq!(
        (one.as_str(), Lang::Nb.tn("benefits.overdue_count", 2, &[]).as_str()),
        ("1 nytta", "2 forsinkede")
    );
}

#[test]
fn a_benefit_of_an_initiative_not_yet_saved_is_never_numbered_zero() {
    let mut app = Harness::sample().lang(Lang::Sv);
    app.press('2').press('n');
    app.type_text("Ny idé med nytta");
    while !matches!(&app.mode, Mode::Form(f) if f.state.field() == Field::Benefits) {
        app.press(KeyCode::Tab);
    }
    app.press('a');
    let screen = app.render(80, 24);
    assert!(screen.contains("┌ Ny nytta ") && !screen.contains("#0"), "{screen}");
    app.type_text("Kortare köer");
    app.press("<C-s>");
    let screen = app.render(80, 24);
    assert!(!screen.contains("#0") && !screen.contains("Nytta 0"), "{screen}");
    app.press('e');
    let screen = app.render(80, 24);
    assert!(
        screen.contains("Kortare köer") && !screen.contains("#0") && !screen.contains("Nytta 0"),
        "{screen}"
    );
}

#[test]
fn the_chart_writes_figures_as_the_language_does_and_nothing_realised_in_years_to_come() {
    let mut app = view(Lang::Sv);
    let screen = app.render(80, 24);
    assert!(
        screen.contains("│Pengar (tusental kr) vid årets slut: planerat (vänster), realiserat (höger)"),
        "{screen}"
    );
    let figures = screen.lines().find(|l| l.contains("2 100")).expect("the bars' figures");
    assert!(!figures.contains('M') && !figures.contains('k'), "no English k and M:\n{screen}");
    // Today is in 2026: 2027 and 2028 show what is planned, nothing realised.
    assert_eq!(figures.matches("3 960").count(), 1, "realised only up to this year:\n{screen}");
    assert!(figures.contains("5 930"), "the planned figure of 2028 stays:\n{screen}");
}

#[test]
fn what_a_measurement_line_refused_goes_when_esc_closes_it() {
    let mut app = Harness::on_disk(&sample());
    detail(&mut app, 8);
    app.press('b').press('G').press('m');
    assert!(matches!(dialog(&app), Some(BenefitDialog::Measure(_))));
    // The date field first: a date that is none.
    app.press("<C-u>").type_text("2026-13-45").press(KeyCode::Enter);
    assert!(app.status().is_some_and(|(_, is_error)| is_error), "refused: {}", app.message());
    assert!(dialog(&app).is_some(), "the line stays open to be put right");
    app.press(KeyCode::Esc);
    assert!(dialog(&app).is_none());
    assert!(app.status().is_none_or(|(_, is_error)| !is_error), "still said: {}", app.message());
}

/// Trial 9: a benefit in FTE beside benefits in hours was added into one figure labelled
/// with whichever unit came first ("1 201,5 FTE").
#[test]
fn time_in_another_unit_is_named_beside_the_time_figure_and_never_added_to_it() {
    let mut p = sample();
    let hours: f64 = p
        .benefits()
        .filter(|(i, b)| i.in_portfolio() && b.kind == BenefitKind::Time)
        .filter_map(|(_, b)| fasett::benefits::planned(b))
        .sum();
    let fte = fasett::model::Benefit {
        id: 900,
        title: "Less night travel".into(),
        kind: BenefitKind::Time,
        unit: "FTE".into(),
        target: fasett::model::Point { value: Some(1.5), ..Default::default() },
        ..Default::default()
    };
    p.initiatives.iter_mut().find(|i| i.id == 6).expect("#6").benefits.push(fte);
    let mut app = Harness::new(p).lang(Lang::En).on(Pane::Overview);
    // The Overview's benefits line names it beside the time share, as the list does.
    assert!(app.render(80, 24).contains("1 in FTE apart)"), "{}", app.screen());
    app.press('b').press('c');
    let Mode::Benefits(v) = &app.mode else { panic!("the view") };
    assert!((v.figures.sums.time_planned - hours).abs() < 1e-9, "the FTE is not in the hours");
    let screen = app.render(80, 24);
    let summary = screen.lines().nth(2).unwrap_or_default();
    assert!(summary.contains("time: ") && summary.contains("1 benefit in FTE not added"), "{screen}");
    assert!(
        screen.contains("Time (thousands of timmar/år)") || screen.contains("Time (timmar/år)"),
        "{screen}"
    );
    let narrow = app.render(60, 20);
    assert!(narrow.lines().nth(2).unwrap_or_default().contains("· 1 in FTE"), "{narrow}");
    // In the report's row for #6, an FTE not quantified yet reads "– FTE", as an empty
    // headline figure reads "–", not "0 of 0 FTE (–)".
    let mut unquantified = app.portfolio.clone();
    let six = unquantified.initiatives.iter_mut().find(|i| i.id == 6).expect("#6");
    six.benefits.iter_mut().filter(|b| b.id == 900).for_each(|b| b.target.value = None);
    let report = fasett::report::markdown(&unquantified, TODAY, Lang::En, fasett::report::Options::default());
    assert!(report.lines().any(|l| l.starts_with("| #6 ") && l.contains("– FTE")), "{report}");
    assert!(!report.contains("0 of 0"), "{report}");
}

/// Trial 9: with a money filter the title said "showing money" over the time chart and the
/// time figure.
#[test]
fn a_money_or_time_filter_turns_the_totals_and_the_chart_to_its_kind() {
    let mut app = view(Lang::En);
    app.press('c').press('f');
    let screen = app.render(80, 24);
    let lines: Vec<&str> = screen.lines().collect();
    assert!(lines[2].contains("money: ") && !lines[2].contains("time: "), "{screen}");
    assert!(lines[3].contains("showing money") && lines[3].contains("c shows time"), "{screen}");
    assert!(screen.contains("│Money (thousands of SEK) at year end"), "{screen}");
    app.press('f');
    assert!(app.render(80, 24).lines().nth(2).unwrap_or_default().contains("time: "));
}

/// Trial 9: a time benefit added in a view that opened with nothing showed the money chart's
/// "nothing to chart yet" under the time benefit.
#[test]
fn the_chart_shows_the_kind_that_has_figures() {
    let mut app = Harness::sample().lang(Lang::En);
    detail(&mut app, 6);
    app.press('b');
    app.press('n').type_text("Less night travel");
    app.press(KeyCode::Tab).press(KeyCode::Right);
    while !matches!(dialog(&app), Some(BenefitDialog::Edit(e)) if e.state.field() == fasett::app::BenefitField::TargetValue)
    {
        app.press(KeyCode::Tab);
    }
    app.type_text("1200");
    app.press(KeyCode::Tab).type_text("2026-12-31");
    app.press("<C-s>");
    assert!(dialog(&app).is_none(), "kept: {}", app.message());
    let screen = app.render(80, 24);
    assert!(!screen.contains("Nothing to chart yet"), "{screen}");
    assert!(screen.contains("│Time at year end") || screen.contains("│Time ("), "{screen}");
    assert!(!screen.contains("c shows"), "no money here for c to show: {screen}");
}

/// Trial 9: the Overview showed nothing of benefits; it now has their headline, in one line
/// at 80 columns, and nothing without benefits.
#[test]
fn the_overview_says_how_much_of_the_benefits_is_realised() {
    let mut app = Harness::sample().lang(Lang::En).on(Pane::Overview);
    let screen = app.render(80, 24);
    assert!(screen.contains("│Benefits realised: money 67% · time 108%  "), "{screen}");
    // A longer label gives way to the short one rather than take a second line.
    let mut app = Harness::sample().lang(Lang::Nb).on(Pane::Overview);
    let screen = app.render(80, 24);
    assert!(screen.contains("│Realisert: penger 67 % · tid 108 %  "), "{screen}");
    let mut p = sample();
    for i in &mut p.initiatives {
        i.benefits.retain(|b| !b.kind.is_summed());
    }
    let mut app = Harness::new(p).lang(Lang::En).on(Pane::Overview);
    let screen = app.render(80, 24);
    assert!(screen.contains("benefits, none in money or time"), "{screen}");
    let mut app = Harness::new(Portfolio::default()).on(Pane::Overview);
    let screen = app.render(80, 24);
    assert!(!screen.contains("Benefits realised") && !screen.contains("none in money"), "{screen}");
}

/// Trial 9: "300 000 ↑" beside a cost that fell. The arrow is the way the value went; the
/// colour says whether that is towards the target.
#[test]
fn the_arrow_beside_the_latest_reading_is_the_way_the_value_went() {
    let screen = view(Lang::En).render(80, 24);
    // Benefit 1 falls towards its target (fewer hours): down, and better.
    let row = screen.lines().find(|l| l.contains("#1 Färre nattliga")).expect("benefit 1");
    assert!(row.contains("2,480 ↓") && !row.contains('↑'), "{screen}");
}

/// Trial 9: the benefit owner offered no completion from the profile's people, as the
/// initiative's owner does; and nothing warned that a time unit differs from the others'.
#[test]
fn the_benefit_owner_completes_from_the_profile_and_another_time_unit_is_warned_of() {
    let mut app = view(Lang::En);
    app.press('n').type_text("Less night travel");
    app.press(KeyCode::Tab).press(KeyCode::Right);
    let field = |app: &Harness| match dialog(app) {
        Some(BenefitDialog::Edit(e)) => e.state.field(),
        _ => panic!("the editor"),
    };
    while field(&app) != fasett::app::BenefitField::Unit {
        app.press(KeyCode::Tab);
    }
    app.type_text("FTE");
    let screen = app.render(80, 24);
    assert!(screen.contains("Other time benefits are in timmar/år: this one is summed apart."), "{screen}");
    while field(&app) != fasett::app::BenefitField::Owner {
        app.press(KeyCode::Tab);
    }
    for _ in 0..30 {
        app.press(KeyCode::Backspace);
    }
    app.type_text("mat");
    let screen = app.render(80, 24);
    assert!(screen.contains("mat  → Mats Ekström"), "{screen}");
    app.press(KeyCode::Right);
    let Some(BenefitDialog::Edit(e)) = dialog(&app) else { panic!("the editor") };
    assert_eq!(
        e.state.line(fasett::app::BenefitField::Owner).map(tui_input::Input::value),
        Some("Mats Ekström")
    );
}

#[test]
fn at_60x20_the_list_keeps_the_benefit_marks_every_cut_and_the_figures_stay_apart() {
    let mut app = view(Lang::Sv);
    let screen = app.render(60, 20);
    let first = screen.lines().find(|l| l.contains("▸  1")).expect("the first benefit");
    assert!(first.contains("#1 Färre nattliga"), "the benefit's name stays, other columns leave:\n{screen}");
    assert!(first.contains("2 170 timmar…") && !first.contains("timma "), "a cut unit says so: {first}");
    let figures = screen.lines().find(|l| l.contains("2 100")).expect("the bars' figures");
    // "3 0003 750" is two figures run together: a group of four digits.
    let groups = figures.split(|c: char| !c.is_ascii_digit()).filter(|g| !g.is_empty());
    assert!(groups.clone().all(|g| g.len() <= 3), "figures run together:\n{screen}");
    assert!(groups.count() >= 4, "the figures that fit are kept:\n{screen}");
}

/// Review 9: in a scope with time benefits alone the chart shows time whatever was chosen, so
/// `c` changed nothing while the view still offered it.
#[test]
fn c_is_offered_only_where_the_other_kind_has_figures() {
    // #1 in the sample has a time benefit and a quality one: no money to chart.
    let mut app = Harness::sample().lang(Lang::En);
    detail(&mut app, 1);
    app.press('b');
    let Mode::Benefits(v) = &app.mode else { panic!("the benefits of #1") };
    assert_eq!(v.chart_kind(), BenefitKind::Time);
    assert!(!app.render(80, 24).contains("c shows"), "{}", app.screen());
    app.press('c');
    assert_eq!(app.message(), "Only time has figures here; the chart shows that.");
    let Mode::Benefits(v) = &app.mode else { panic!("still the view") };
    assert_eq!(v.chart_kind(), BenefitKind::Time);
}
