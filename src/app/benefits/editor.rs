//! The two editors of a benefit, shared by the benefits view (which commits at once) and the
//! initiative form (which keeps the result in its draft until the form is saved):
//! [`BenefitEditor`], a small form answering the method's questions, and [`MeasureLine`], one
//! line of date, value and note.
//!
//! Both check everything before giving a value: a number that is not one, a date in the
//! future, a target equal to the baseline come back as a field and a catalog key, and nothing
//! is kept half-way.

use jiff::civil::Date;

use super::super::editing::{self, FormState, Inputs};
use super::super::fields::{BenefitField, FieldKind, FormField, MeasureField};
use super::super::form::FieldError;
use crate::action::Edit;
use crate::cycle;
use crate::dates;
use crate::i18n::Lang;
use crate::model::extras::Extra;
use crate::model::{Benefit, BenefitKind, Id, Measurement, Point, Pressure};

/// The longest text accepted in a benefit's fields.
const MAX_CHARS: usize = 2_000;

/// Editing one benefit. The state's draft holds the choices (kind, relieves) and everything
/// the editor does not show (measurements, unknown keys).
#[derive(Debug, Clone)]
pub struct BenefitEditor {
    pub state: FormState<Benefit, BenefitField>,
    pub error: Option<FieldError<BenefitField>>,
    /// Esc was pressed with changes; waiting for y.
    pub confirm_discard: bool,
    /// The profile's people, which the owner completes to (→), as the initiative's owner does.
    pub known_people: Vec<String>,
    /// The unit the portfolio's other time benefits are added up in: a time benefit in
    /// another is summed apart, and the editor says so.
    pub time_unit: crate::benefits::TimeUnit,
}

fn date_text(date: Option<Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

impl BenefitEditor {
    /// An editor for `original`, or for a new benefit starting from `draft`; numbers are
    /// shown in `lang`'s way.
    pub fn new(original: Option<Benefit>, draft: Benefit, lang: Lang) -> Self {
        let number = |v: Option<f64>| v.map(|v| lang.plain_number(v)).unwrap_or_default();
        let b = &draft;
        let lines = [
            (BenefitField::Title, b.title.clone()),
            (BenefitField::Indicator, b.indicator.clone()),
            (BenefitField::Unit, b.unit.clone()),
            (BenefitField::BaselineValue, number(b.baseline.value)),
            (BenefitField::BaselineDate, date_text(b.baseline.date)),
            (BenefitField::TargetValue, number(b.target.value)),
            (BenefitField::TargetDate, date_text(b.target.date)),
            (BenefitField::Owner, b.owner.clone()),
            (BenefitField::HowMeasured, b.how_measured.clone()),
        ]
        .into_iter()
        .collect();
        Self {
            state: FormState::new(original, draft, lines),
            error: None,
            confirm_discard: false,
            known_people: Vec::new(),
            time_unit: crate::benefits::TimeUnit::default(),
        }
    }

    /// Known names what is typed in the owner field may be completed to, best first; `→` at
    /// the end of the text takes the first.
    pub fn suggestions(&self, field: BenefitField) -> Vec<&str> {
        match field {
            BenefitField::Owner => super::super::form::suggest(
                &self.known_people,
                self.state.line(field).map_or("", tui_input::Input::value),
            ),
            _ => Vec::new(),
        }
    }

    /// The unit the other time benefits are added up in, when this one (a time benefit)
    /// names another and will be summed apart.
    pub fn unit_apart(&self) -> Option<&str> {
        let unit = self.state.line(BenefitField::Unit).map_or("", tui_input::Input::value);
        (self.state.draft.kind == BenefitKind::Time
            && !self.time_unit.shown.is_empty()
            && !self.time_unit.fits(unit))
        .then_some(self.time_unit.shown.as_str())
    }

    /// The current value of a choice field, as a catalog key.
    pub fn choice_label(&self, field: BenefitField) -> String {
        match field {
            BenefitField::Kind => format!("benefit_kind.{}", self.state.draft.kind.key()),
            BenefitField::Relieves => self
                .state
                .draft
                .relieves
                .map_or_else(|| "benefit.relieves_none".into(), |p| format!("pressure.{}", p.key())),
            _ => String::new(),
        }
    }

    /// An editing key: choices step with ← → (and space), text fields type.
    pub fn edit(&mut self, edit: Edit) {
        self.error = None;
        let field = self.state.field();
        if field.kind() == FieldKind::Choice {
            let forward = match edit {
                Edit::NextChar | Edit::Insert(' ' | 'l') => true,
                Edit::PreviousChar | Edit::Insert('h') => false,
                _ => return,
            };
            let d = &mut self.state.draft;
            match field {
                BenefitField::Kind => d.kind = cycle::step(&BenefitKind::ALL, &d.kind, forward),
                _ => d.relieves = cycle::step_or_none(&Pressure::ALL, d.relieves.as_ref(), forward),
            }
            self.state.dirty = true;
        } else {
            let offered = self.suggestions(field).first().map(|s| (*s).to_owned());
            if self.state.complete(edit, offered.as_deref()) {
                return;
            }
            if let Some(input) = self.state.lines.get_mut(field)
                && editing::edit_line(input, edit)
            {
                self.state.dirty = true;
            }
        }
    }

    /// Pasted text at the cursor, as one line.
    pub fn paste(&mut self, text: &str) {
        let field = self.state.field();
        if let Some(input) = self.state.lines.get_mut(field)
            && editing::paste_line(input, text)
        {
            self.state.dirty = true;
        }
    }

    /// Reads every field into a benefit, or says which field is wrong and why. Allowed:
    /// a target below the baseline (a saving written as a falling cost, or as a negative
    /// change); refused: a target equal to the baseline (nothing to realise), a target date
    /// before the baseline's.
    pub fn build(&self, today: Date, lang: Lang) -> Result<Benefit, FieldError<BenefitField>> {
        let refuse = |field, key| FieldError { field, key };
        for (field, input) in &self.state.lines {
            if input.value().chars().count() > MAX_CHARS {
                return Err(refuse(*field, "form.error_too_long"));
            }
        }
        let mut b = self.state.draft.clone();
        b.title = self.state.lines.value(BenefitField::Title);
        if b.title.is_empty() {
            return Err(refuse(BenefitField::Title, "benefit.error_title_required"));
        }
        b.indicator = self.state.lines.value(BenefitField::Indicator);
        b.unit = self.state.lines.value(BenefitField::Unit);
        b.owner = self.state.lines.value(BenefitField::Owner);
        b.how_measured = self.state.lines.value(BenefitField::HowMeasured);
        let number = |field| {
            let text = self.state.lines.value(field);
            if text.is_empty() {
                return Ok(None);
            }
            lang.parse_number(&text, &b.unit).map(Some).map_err(|e| refuse(field, e.key()))
        };
        let date =
            |field| dates::parse(&self.state.lines.value(field), today).map_err(|e| refuse(field, e.key()));
        b.baseline = Point {
            value: number(BenefitField::BaselineValue)?,
            date: date(BenefitField::BaselineDate)?,
            extra: std::mem::take(&mut b.baseline.extra),
        };
        b.target = Point {
            value: number(BenefitField::TargetValue)?,
            date: date(BenefitField::TargetDate)?,
            extra: std::mem::take(&mut b.target.extra),
        };
        if let (Some(from), Some(to)) = (b.baseline.value, b.target.value)
            && crate::benefits::same_value(from, to)
        {
            return Err(refuse(BenefitField::TargetValue, "benefit.error_target_equals_baseline"));
        }
        if let (Some(from), Some(to)) = (b.baseline.date, b.target.date)
            && to < from
        {
            return Err(refuse(BenefitField::TargetDate, "benefit.error_target_before_baseline"));
        }
        Ok(b)
    }
}

/// Adding one measurement to a benefit: date (today unless changed), value and note on one
/// line.
#[derive(Debug, Clone)]
pub struct MeasureLine {
    pub benefit: Id,
    /// What the line is about, for its prompt: the benefit's title and unit.
    pub title: String,
    pub unit: String,
    pub focus: usize,
    pub lines: Inputs<MeasureField>,
    pub error: Option<FieldError<MeasureField>>,
}

impl MeasureLine {
    /// Starts on the value, with today's date filled in.
    pub fn new(benefit: &Benefit, today: Date) -> Self {
        Self {
            benefit: benefit.id,
            title: benefit.title.clone(),
            unit: benefit.unit.clone(),
            focus: 1,
            lines: MeasureField::ALL
                .into_iter()
                .map(|f| (f, if f == MeasureField::Date { today.to_string() } else { String::new() }))
                .collect(),
            error: None,
        }
    }

    pub fn field(&self) -> MeasureField {
        MeasureField::ALL[self.focus]
    }

    /// Something was typed beyond the date filled in.
    pub fn is_dirty(&self) -> bool {
        [MeasureField::Value, MeasureField::Note]
            .into_iter()
            .any(|f| self.lines.get(f).is_some_and(|input| !input.value().is_empty()))
    }

    /// A draft put back: the parts as typed, through `clean`, and the focus where it was.
    pub fn put_back(&mut self, focus: usize, fields: &[(String, String)], clean: impl Fn(&str) -> String) {
        self.lines.put_back(fields, clean);
        self.focus = focus.min(MeasureField::ALL.len() - 1);
    }

    pub fn focus_step(&mut self, forward: bool) {
        self.focus = cycle::step_index(self.focus, MeasureField::ALL.len(), forward);
    }

    pub fn edit(&mut self, edit: Edit) {
        self.error = None;
        if let Some(input) = self.lines.get_mut(self.field()) {
            editing::edit_line(input, edit);
        }
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(input) = self.lines.get_mut(self.field()) {
            editing::paste_line(input, text);
        }
    }

    /// The measurement (id 0, numbered when kept), or why not: a date that is not one or lies
    /// in the future or before the baseline, a value that is not a number, nothing at all.
    pub fn build(
        &self,
        benefit: &Benefit,
        today: Date,
        lang: Lang,
    ) -> Result<Measurement, FieldError<MeasureField>> {
        let refuse = |field, key| FieldError { field, key };
        let text = |field| self.lines.value(field);
        let date = dates::parse(&text(MeasureField::Date), today)
            .map_err(|e| refuse(MeasureField::Date, e.key()))?
            .unwrap_or(today);
        if date > today {
            return Err(refuse(MeasureField::Date, "measure.error_future"));
        }
        if benefit.baseline.date.is_some_and(|b| date < b) {
            return Err(refuse(MeasureField::Date, "measure.error_before_baseline"));
        }
        let value = match text(MeasureField::Value) {
            v if v.is_empty() => None,
            v => {
                Some(lang.parse_number(&v, &benefit.unit).map_err(|e| refuse(MeasureField::Value, e.key()))?)
            }
        };
        let note = text(MeasureField::Note);
        if note.chars().count() > MAX_CHARS {
            return Err(refuse(MeasureField::Note, "form.error_too_long"));
        }
        if value.is_none() && note.is_empty() {
            return Err(refuse(MeasureField::Value, "measure.error_empty"));
        }
        Ok(Measurement { id: 0, date, value, note, extra: Extra::default() })
    }
}

/// A benefit dialog open over the benefits view or the initiative form.
#[derive(Debug, Clone)]
pub enum BenefitDialog {
    Edit(Box<BenefitEditor>),
    Measure(Box<MeasureLine>),
    /// Waiting for y before removing a benefit (and its measurements).
    Delete(Id),
}

impl BenefitDialog {
    /// An editing key for the dialog's field.
    pub fn edit(&mut self, edit: Edit) {
        match self {
            BenefitDialog::Edit(editor) => editor.edit(edit),
            BenefitDialog::Measure(line) => line.edit(edit),
            BenefitDialog::Delete(_) => {}
        }
    }

    pub fn paste(&mut self, text: &str) {
        match self {
            BenefitDialog::Edit(editor) => editor.paste(text),
            BenefitDialog::Measure(line) => line.paste(text),
            BenefitDialog::Delete(_) => {}
        }
    }

    pub fn focus_step(&mut self, forward: bool) {
        match self {
            BenefitDialog::Edit(editor) => editor.state.focus_step(forward),
            BenefitDialog::Measure(line) => line.focus_step(forward),
            BenefitDialog::Delete(_) => {}
        }
    }

    /// Esc: whether the dialog may close now. An editor with changes first asks (and a
    /// second Esc goes back to it).
    pub fn may_close(&mut self) -> bool {
        match self {
            BenefitDialog::Edit(editor) if editor.state.dirty => {
                editor.confirm_discard = !editor.confirm_discard;
                false
            }
            _ => true,
        }
    }

    /// Asking y/n (delete, or discard the editor's changes).
    pub fn is_question(&self) -> bool {
        match self {
            BenefitDialog::Edit(editor) => editor.confirm_discard,
            BenefitDialog::Measure(_) => false,
            BenefitDialog::Delete(_) => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use tui_input::Input;

    const TODAY: Date = date(2026, 11, 25);

    fn typed(editor: &mut BenefitEditor, field: BenefitField, text: &str) {
        editor.state.focus_field(field);
        editor.edit(Edit::End);
        editor.edit(Edit::DeleteToStart);
        for c in text.chars() {
            editor.edit(Edit::Insert(c));
        }
    }

    fn new_editor() -> BenefitEditor {
        BenefitEditor::new(None, Benefit::default(), Lang::Sv)
    }

    #[test]
    fn a_benefit_needs_a_title_and_numbers_that_are_numbers() {
        let mut e = new_editor();
        assert_eq!(e.build(TODAY, Lang::Sv).map_err(|r| r.field), Err(BenefitField::Title));
        typed(&mut e, BenefitField::Title, "Lägre vikariekostnad");
        typed(&mut e, BenefitField::BaselineValue, "2 000 000");
        typed(&mut e, BenefitField::TargetValue, "mycket lägre");
        let refused = e.build(TODAY, Lang::Sv).expect_err("not a number");
        assert_eq!((refused.field, refused.key), (BenefitField::TargetValue, "number.error_not_a_number"));
        typed(&mut e, BenefitField::Unit, "kr/år");
        typed(&mut e, BenefitField::BaselineValue, "2 000 000 kr/år");
        typed(&mut e, BenefitField::TargetValue, "1 600 000,5");
        typed(&mut e, BenefitField::TargetDate, "2027-12-31");
        let b = e.build(TODAY, Lang::Sv).expect("valid");
        assert_eq!((b.baseline.value, b.target.value), (Some(2_000_000.0), Some(1_600_000.5)));
        assert_eq!(b.target.date, Some(date(2027, 12, 31)));
        // Budgets in millions and thousands, as a Swedish budget writes them.
        typed(&mut e, BenefitField::BaselineValue, "2 mnkr");
        typed(&mut e, BenefitField::TargetValue, "1,5 Mkr");
        let b = e.build(TODAY, Lang::Sv).expect("valid");
        assert_eq!((b.baseline.value, b.target.value), (Some(2_000_000.0), Some(1_500_000.0)));
        typed(&mut e, BenefitField::TargetValue, "1 600 tkr");
        assert_eq!(e.build(TODAY, Lang::Sv).map(|b| b.target.value), Ok(Some(1_600_000.0)));
    }

    #[test]
    fn a_target_equal_to_the_baseline_is_refused_and_a_falling_one_allowed() {
        let mut e = new_editor();
        typed(&mut e, BenefitField::Title, "x");
        typed(&mut e, BenefitField::BaselineValue, "0");
        typed(&mut e, BenefitField::TargetValue, "0,0");
        assert_eq!(e.build(TODAY, Lang::Sv).map_err(|r| r.key), Err("benefit.error_target_equals_baseline"));
        typed(&mut e, BenefitField::TargetValue, "-400000");
        assert_eq!(e.build(TODAY, Lang::Sv).map(|b| b.target.value), Ok(Some(-400_000.0)));
        typed(&mut e, BenefitField::TargetValue, "99999999999999");
        assert_eq!(e.build(TODAY, Lang::Sv).map_err(|r| r.key), Err("number.error_too_large"));
    }

    #[test]
    fn a_measurement_defaults_to_today_and_refuses_the_future() {
        let benefit = Benefit {
            id: 4,
            baseline: Point { value: Some(10.0), date: Some(date(2026, 1, 1)), ..Point::default() },
            ..Benefit::default()
        };
        let mut line = MeasureLine::new(&benefit, TODAY);
        assert_eq!(line.field(), MeasureField::Value);
        assert_eq!(line.build(&benefit, TODAY, Lang::Sv).map_err(|r| r.key), Err("measure.error_empty"));
        for c in "12,5".chars() {
            line.edit(Edit::Insert(c));
        }
        let m = line.build(&benefit, TODAY, Lang::Sv).expect("valid");
        assert_eq!((m.date, m.value), (TODAY, Some(12.5)));
        line.focus = 0;
        line.edit(Edit::End);
        line.edit(Edit::DeletePreviousChar);
        line.edit(Edit::Insert('6'));
        assert_eq!(line.build(&benefit, TODAY, Lang::Sv).map_err(|r| r.key), Err("measure.error_future"));
        let mut early = MeasureLine::new(&benefit, TODAY);
        for (field, text) in [(MeasureField::Date, "2025-06-01"), (MeasureField::Note, "före")] {
            *early.lines.get_mut(field).expect("every part is typed") = Input::new(text.into());
        }
        assert_eq!(
            early.build(&benefit, TODAY, Lang::Sv).map_err(|r| r.key),
            Err("measure.error_before_baseline")
        );
    }
}
