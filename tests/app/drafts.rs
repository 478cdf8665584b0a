//! Drafts of the benefit dialogs (issue 15): the editor and the measurement line, over the
//! benefits view and over the initiative form, come back after an interrupted session exactly
//! as typed, with the focus where it was; what they were for may be gone meanwhile. Also
//! [`restored`], which the other areas' draft tests share.

use crate::benefits::detail;
use fasett::app::{BenefitDialog, BenefitField, Field, MeasureField, Mode};
use fasett::i18n::Lang;
use fasett::model::{BenefitKind, Portfolio};
use fasett::recovery::{self, Draft, Recovery};
use fasett::testing::{Harness, sample};
use ratatui::crossterm::event::KeyCode;

/// What `app` is typing, as a killed session leaves it: a fresh app on a copy of `portfolio`
/// is offered the draft, and `y` restores it.
pub fn restored_on(app: &Harness, portfolio: &Portfolio) -> Harness {
    let draft = app.current_draft().expect("what is typed is a draft");
    let mut fresh = Harness::on_disk(portfolio).lang(app.lang);
    let file = recovery::path_for(fresh.path().expect("a data file"));
    recovery::write(&file, &Recovery::new(draft)).expect("a recovery file");
    fresh.offer_recovery();
    assert!(matches!(fresh.mode, Mode::Recovery(_)), "offered: {:?}", fresh.mode);
    fresh.press('y');
    fresh
}

/// [`restored_on`] the same portfolio.
pub fn restored(app: &Harness) -> Harness {
    restored_on(app, &app.portfolio.clone())
}

fn dialog(app: &Harness) -> Option<&BenefitDialog> {
    match &app.mode {
        Mode::Benefits(view) => view.dialog.as_ref(),
        Mode::Form(form) => form.benefit.as_ref(),
        _ => None,
    }
}

/// The editor's text fields as shown, and its focus.
fn editor_state(app: &Harness) -> (Vec<(BenefitField, String)>, BenefitField, bool) {
    let Some(BenefitDialog::Edit(editor)) = dialog(app) else { panic!("the editor: {:?}", app.mode) };
    let lines = BenefitField::ALL
        .iter()
        .filter_map(|f| editor.state.line(*f).map(|input| (*f, input.value().to_owned())))
        .collect();
    (lines, editor.state.field(), editor.state.is_new())
}

fn measure_state(app: &Harness) -> (Vec<String>, MeasureField, u32) {
    let Some(BenefitDialog::Measure(line)) = dialog(app) else { panic!("the measurement: {:?}", app.mode) };
    let inputs =
        MeasureField::ALL.iter().map(|f| line.lines.get(*f).map_or("", |i| i.value()).to_owned()).collect();
    (inputs, line.field(), line.benefit)
}

/// Tab to `field` in the open editor.
fn to_field(app: &mut Harness, field: BenefitField) {
    while !matches!(dialog(app), Some(BenefitDialog::Edit(e)) if e.state.field() == field) {
        app.press(KeyCode::Tab);
    }
}

/// Initiative #8's benefits view, from its detail.
fn view_of_8(lang: Lang) -> Harness {
    let mut app = Harness::on_disk(&sample()).lang(lang);
    detail(&mut app, 8);
    app.press('b');
    app
}

#[test]
fn a_new_benefit_half_typed_in_the_view_comes_back_as_typed_with_its_focus() {
    let mut app = view_of_8(Lang::Sv);
    app.press('n').type_text("Färre inhyrda");
    to_field(&mut app, BenefitField::BaselineValue);
    app.type_text("tolv");
    app.press(KeyCode::Tab).type_text("2026-13-01");
    to_field(&mut app, BenefitField::TargetValue);
    app.type_text("4");
    let typed = editor_state(&app);
    assert_eq!(typed.1, BenefitField::TargetValue);
    let Some(Draft::Benefit { .. }) = app.current_draft() else { panic!("a benefit draft") };

    let back = restored(&app);
    assert!(matches!(&back.mode, Mode::Benefits(v) if v.scope == Some(8)), "#8's view: {:?}", back.mode);
    assert_eq!(editor_state(&back), typed, "every field as typed, an unparsable one too");
}

#[test]
fn a_changed_benefit_comes_back_with_its_choice_and_is_kept_as_the_same_benefit() {
    let mut app = view_of_8(Lang::En);
    let row = |app: &Harness| match &app.mode {
        Mode::Benefits(v) => v.selected_row().map(|r| r.benefit),
        _ => None,
    };
    while row(&app) != Some(12) {
        app.press('j');
    }
    app.press('e');
    app.keys("<C-u>").type_text("Fler behöriga sjuksköterskor");
    to_field(&mut app, BenefitField::Kind);
    app.press(KeyCode::Right);
    let kind = match dialog(&app) {
        Some(BenefitDialog::Edit(e)) => e.state.draft.kind,
        _ => panic!("the editor"),
    };
    assert_ne!(kind, BenefitKind::Quality, "changed");
    let typed = editor_state(&app);
    assert!(!typed.2, "an edit");

    let mut back = restored(&app);
    assert_eq!(editor_state(&back), typed);
    let Some(BenefitDialog::Edit(editor)) = dialog(&back) else { panic!("the editor") };
    assert_eq!(editor.state.draft.kind, kind, "the choice as made");
    assert_eq!(editor.state.original.as_ref().map(|b| b.id), Some(12));
    back.press("<C-s>");
    let kept = back.benefit(8, 12).expect("still #12");
    assert_eq!((kept.title.as_str(), kept.kind), ("Fler behöriga sjuksköterskor", kind));
}

#[test]
fn a_measurement_being_typed_comes_back_on_its_benefit() {
    let mut app = view_of_8(Lang::En);
    app.press('m').type_text("3,5");
    app.press(KeyCode::Tab).type_text("Efter sommaren");
    let typed = measure_state(&app);
    assert_eq!(typed.1, MeasureField::Note);

    let back = restored(&app);
    assert!(matches!(&back.mode, Mode::Benefits(v) if v.scope == Some(8)));
    assert_eq!(measure_state(&back), typed);
}

#[test]
fn a_benefit_typed_in_the_form_brings_the_form_back_under_it() {
    let mut app = Harness::on_disk(&sample());
    app.press('2').press('n');
    app.type_text("Ny idé med nytta");
    while !matches!(&app.mode, Mode::Form(f) if f.state.field() == Field::Benefits) {
        app.press(KeyCode::Tab);
    }
    app.press('a').type_text("Kortare köer");
    app.press(KeyCode::Tab).press(KeyCode::Tab).press(KeyCode::Tab).type_text("väntedagar");
    let typed = editor_state(&app);
    let Some(Draft::Benefit { .. }) = app.current_draft() else { panic!("the benefit is the draft") };

    let mut back = restored(&app);
    let Mode::Form(form) = &back.mode else { panic!("the form: {:?}", back.mode) };
    assert_eq!(form.state.line(Field::Title).map(tui_input::Input::value), Some("Ny idé med nytta"));
    assert!(form.state.original.is_none(), "still a new initiative");
    assert_eq!(editor_state(&back), typed);
    back.press("<C-s>");
    let Mode::Form(form) = &back.mode else { panic!("back in the form") };
    assert_eq!(form.state.draft.benefits.len(), 1, "kept into the form: {}", back.message());
}

#[test]
fn a_measurement_typed_in_the_form_of_an_initiative_comes_back_there() {
    let mut app = Harness::on_disk(&sample());
    detail(&mut app, 8);
    app.press('e');
    while !matches!(&app.mode, Mode::Form(f) if f.state.field() == Field::Benefits) {
        app.press(KeyCode::Tab);
    }
    app.press('m').type_text("7");
    let typed = measure_state(&app);
    assert_eq!(typed.2, 11);

    let back = restored(&app);
    assert!(matches!(&back.mode, Mode::Form(f) if f.state.original.as_ref().map(|i| i.id) == Some(8)));
    assert_eq!(measure_state(&back), typed);
}

#[test]
fn a_benefit_whose_initiative_or_benefit_is_gone_is_said_with_its_text() {
    let mut app = view_of_8(Lang::En);
    app.press('e').keys("<C-u>").type_text("Omskriven nytta");
    let mut without_8 = sample();
    without_8.initiatives.retain(|i| i.id != 8);
    let back = restored_on(&app, &without_8);
    assert!(matches!(back.mode, Mode::Normal), "{:?}", back.mode);
    let (text, error) = back.status().expect("said");
    assert!(error && text.contains("#8") && text.contains("Omskriven nytta"), "{text}");

    let mut without_11 = sample();
    let eight = without_11.initiatives.iter_mut().find(|i| i.id == 8).expect("#8");
    eight.benefits.retain(|b| b.id != 11);
    let back = restored_on(&app, &without_11);
    let (lines, _, new) = editor_state(&back);
    assert!(new, "comes back as a new benefit of #8");
    assert!(lines.contains(&(BenefitField::Title, "Omskriven nytta".to_owned())));
    assert!(back.status().is_some_and(|(_, error)| error), "and says so");

    app.press(KeyCode::Esc).press('y').press('m').type_text("12");
    let back = restored_on(&app, &without_11);
    let (text, error) = back.status().expect("said");
    assert!(error && text.contains("Benefit 11") && text.contains("12"), "{text}");
}

#[test]
fn the_restore_dialog_names_a_benefit_draft_at_80x24() {
    let mut app = view_of_8(Lang::Sv);
    app.press('n').type_text("Färre inhyrda sjuksköterskor på natten");
    let draft = app.current_draft().expect("a draft");
    let mut fresh = Harness::on_disk(&sample()).lang(Lang::Sv);
    let file = recovery::path_for(fresh.path().expect("a data file"));
    let written = Recovery { written: "2026-11-25T08:30:00Z".into(), ..Recovery::new(draft) };
    recovery::write(&file, &written).expect("a recovery file");
    fresh.offer_recovery();
    insta::assert_snapshot!(fresh.render(80, 24));
}
