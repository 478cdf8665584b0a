//! The initiative form (`n` new, `e` edit): one editor per field of the model.
//!
//! Choice fields (facet, stage, …) and multi-select fields (need sources, the three P's,
//! goals) edit a draft initiative directly; text fields keep their editors until the form is
//! saved, when [`InitiativeForm::build`] reads and checks them.

use jiff::civil::Date;
use tui_input::Input;

use super::BenefitDialog;
use super::editing::{self, FormState, TextBox, Typed};
use super::fields::{Field, FieldKind, FormField};
use crate::action::Edit;
use crate::cycle;
use crate::dates;
use crate::i18n::Lang;
use crate::model::{
    Costs, Facet, Id, Initiative, NeedSource, Organisation, Pressure, Priority, Stage, Status, Track,
};

/// The longest title kept; the rest of a longer one opens the description.
pub const MAX_TITLE_CHARS: usize = 200;
/// The longest single-line value accepted.
pub const MAX_LINE_CHARS: usize = 2_000;
/// The longest multi-line value accepted.
pub const MAX_TEXT_CHARS: usize = 100_000;

/// One option of a multi-select field: its catalog key (or literal text for goals) and
/// whether it is ticked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub label: String,
    /// The label is a catalog key to translate (false: literal text such as a goal title).
    pub translate: bool,
    pub on: bool,
}

/// A failed save: which field and the catalog key of why. The initiative form's by default;
/// the benefit editor and the measurement line name their own fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldError<F = Field> {
    pub field: F,
    pub key: &'static str,
}

impl<F: crate::model::Keyed> FieldError<F> {
    /// What the status line says of it: "Not saved: Title — …".
    pub fn said(&self, lang: crate::i18n::Lang) -> String {
        let (field, why) = (lang.t(self.field.key()), lang.t(self.key));
        lang.tf("status.form_invalid", &[("field", &field), ("why", &why)])
    }
}

/// The initiative form. The state's draft holds the choice and multi-select values; text
/// fields are read at save.
#[derive(Debug, Clone)]
pub struct InitiativeForm {
    pub state: FormState<Initiative, Field>,
    /// Position of the option cursor in a multi-select field.
    pub option: usize,
    pub texts: Vec<(Field, TextBox)>,
    /// Goal ids offered, in order (active goals plus those already linked).
    pub goal_ids: Vec<Id>,
    pub goal_titles: Vec<String>,
    /// Units and people from the profile (not retired), offered while typing unit and owner.
    pub known_units: Vec<String>,
    pub known_people: Vec<String>,
    pub error: Option<FieldError>,
    /// Esc was pressed with unsaved changes; waiting for y/n.
    pub confirm_discard: bool,
    /// A benefit being edited or measured, kept in `draft` when done (see `app/benefits.rs`).
    pub benefit: Option<BenefitDialog>,
}

fn join(values: &[String]) -> String {
    values.join(", ")
}

fn split(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in text.split([',', ';']).map(str::trim).filter(|p| !p.is_empty()) {
        if !out.iter().any(|o| o == part) {
            out.push(part.to_owned());
        }
    }
    out
}

/// A title cut to [`MAX_TITLE_CHARS`], at the last word break that keeps at least half of
/// it, and what was cut off (`None` when it fits).
fn split_title(title: &str) -> (String, Option<String>) {
    let Some((limit, _)) = title.char_indices().nth(MAX_TITLE_CHARS) else {
        return (title.to_owned(), None);
    };
    let half = title.char_indices().nth(MAX_TITLE_CHARS / 2).map_or(0, |(at, _)| at);
    let cut = if title[limit..].starts_with(char::is_whitespace) {
        limit
    } else {
        title[..limit].rfind(char::is_whitespace).filter(|at| *at >= half).unwrap_or(limit)
    };
    let (head, rest) = title.split_at(cut);
    (head.trim_end().to_owned(), Some(rest.trim_start().to_owned()))
}

/// A title kept to [`MAX_TITLE_CHARS`] (see [`split_title`]) and `text` with what was cut
/// off put before it, a blank line between: a pasted paragraph's end goes into the
/// initiative's description or the idea's need, never lost and never refused.
pub fn keep_title(title: &str, text: String) -> (String, String) {
    match split_title(title) {
        (title, None) => (title, text),
        (title, Some(overflow)) if text.trim().is_empty() => (title, overflow),
        (title, Some(overflow)) => (title, format!("{overflow}\n\n{text}")),
    }
}

/// The names in `known` that start with (then those that contain) `typed`, diacritics and
/// case ignored; none once `typed` is one of them.
pub fn suggest<'k>(known: &'k [String], typed: &str) -> Vec<&'k str> {
    let typed = crate::text::fold(typed.trim());
    let mut starts: Vec<&str> = Vec::new();
    let mut contains: Vec<&str> = Vec::new();
    for name in known {
        let folded = crate::text::fold(name);
        if folded == typed {
            return Vec::new();
        }
        if folded.starts_with(&typed) {
            starts.push(name);
        } else if !typed.is_empty() && folded.contains(&typed) {
            contains.push(name);
        }
    }
    starts.extend(contains);
    starts
}

pub(super) fn date_text(date: Option<Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// A cost as the form shows it: whole or with two decimals, marked with a point, which every
/// language's number reading takes as the decimal mark.
fn cost_text(value: Option<f64>) -> String {
    value.map(|v| crate::i18n::Lang::En.plain_number((v * 100.0).round() / 100.0)).unwrap_or_default()
}

impl InitiativeForm {
    /// A form for a new initiative (with `draft`'s defaults, e.g. the facet of a grid cell) or
    /// for editing `original`.
    pub fn new(original: Option<Initiative>, draft: Initiative, organisation: &Organisation) -> Self {
        let i = &draft;
        let lines = vec![
            (Field::Title, i.title.clone()),
            (Field::Investment, cost_text(i.costs.as_ref().and_then(|c| c.investment))),
            (Field::YearlyCost, cost_text(i.costs.as_ref().and_then(|c| c.yearly))),
            (Field::Owner, i.owner.clone()),
            (Field::Unit, i.unit.clone()),
            (Field::Partners, join(&i.partners)),
            (Field::Start, date_text(i.start)),
            (Field::FollowUp, date_text(i.follow_up)),
            (Field::End, date_text(i.end)),
            (Field::Tags, join(&i.tags)),
        ]
        .into_iter()
        .collect();
        let texts = [(Field::Description, &i.description), (Field::Need, &i.need)]
            .into_iter()
            .map(|(f, v)| (f, TextBox::from_text(v)))
            .collect();
        let goals: Vec<_> =
            organisation.goals.iter().filter(|g| !g.retired || draft.goals.contains(&g.id)).collect();
        Self {
            goal_ids: goals.iter().map(|g| g.id).collect(),
            goal_titles: goals.iter().map(|g| format!("{}. {}", g.id, g.title)).collect(),
            known_units: organisation.unit_names().collect(),
            known_people: organisation.people.clone(),
            state: FormState::new(original, draft, lines),
            option: 0,
            texts,
            error: None,
            confirm_discard: false,
            benefit: None,
        }
    }

    pub fn text(&self, field: Field) -> Option<&TextBox> {
        self.texts.iter().find(|(f, _)| *f == field).map(|(_, t)| t)
    }

    fn text_mut(&mut self, field: Field) -> Option<&mut TextBox> {
        self.texts.iter_mut().find(|(f, _)| *f == field).map(|(_, t)| t)
    }

    fn text_value(&self, field: Field) -> String {
        self.text(field).map(TextBox::text).unwrap_or_default()
    }

    fn line_value(&self, field: Field) -> String {
        self.state.line(field).map(|i| i.value().trim().to_owned()).unwrap_or_default()
    }

    /// Tab (`forward`) or Shift-Tab; the option cursor starts again at the top.
    pub fn focus_step(&mut self, forward: bool) {
        self.state.focus_step(forward);
        self.option = 0;
    }

    pub fn focus_field(&mut self, field: Field) {
        self.state.focus_field(field);
        self.option = 0;
    }

    /// Known names that start with (or contain) what is typed in the unit or owner field,
    /// best first; `→` at the end of the text takes the first.
    pub fn suggestions(&self, field: Field) -> Vec<&str> {
        let known = match field {
            Field::Unit => &self.known_units,
            Field::Owner => &self.known_people,
            _ => return Vec::new(),
        };
        suggest(known, self.state.line(field).map_or("", Input::value))
    }

    /// The current value of a choice field, as a catalog key.
    pub fn choice_label(&self, field: Field) -> String {
        let d = &self.state.draft;
        match field {
            Field::Facet => format!("facet.{}", d.facet.key()),
            Field::Stage => format!("stage.{}", d.stage.key()),
            Field::Status => format!("status.{}", d.status.key()),
            Field::Track => d.track.map_or_else(|| "track.none".to_owned(), |t| format!("track.{}", t.key())),
            Field::Priority => format!("priority.{}", d.priority.key()),
            _ => String::new(),
        }
    }

    /// The options of a multi-select field with their state.
    pub fn choices(&self, field: Field) -> Vec<Choice> {
        let d = &self.state.draft;
        let key = |k: String, on: bool| Choice { label: k, translate: true, on };
        match field {
            Field::NeedSources => NeedSource::ALL
                .iter()
                .map(|s| key(format!("need_source.{}", s.key()), d.need_sources.contains(s)))
                .collect(),
            Field::Relieves => Pressure::ALL
                .iter()
                .map(|p| key(format!("pressure.{}", p.key()), d.relieves.contains(p)))
                .collect(),
            Field::Goals => self
                .goal_ids
                .iter()
                .zip(&self.goal_titles)
                .map(|(id, title)| Choice {
                    label: title.clone(),
                    translate: false,
                    on: d.goals.contains(id),
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Steps a choice field forwards or backwards.
    fn cycle(&mut self, forward: bool) {
        use cycle::step;
        let field = self.state.field();
        let d = &mut self.state.draft;
        match field {
            Field::Facet => d.facet = step(&Facet::ALL, &d.facet, forward),
            Field::Stage => d.stage = step(&Stage::ALL, &d.stage, forward),
            Field::Status => d.status = step(&Status::ALL, &d.status, forward),
            Field::Track => {
                d.track = cycle::step_or_none(&Track::ALL, d.track.as_ref(), forward);
            }
            Field::Priority => d.priority = step(&Priority::ALL, &d.priority, forward),
            _ => return,
        }
        self.state.dirty = true;
    }

    /// Ticks or unticks the option under the cursor of a multi-select field.
    fn toggle(&mut self) {
        fn flip<T: PartialEq + Copy>(list: &mut Vec<T>, value: T) {
            if let Some(ix) = list.iter().position(|x| *x == value) {
                list.remove(ix);
            } else {
                list.push(value);
            }
        }
        let field = self.state.field();
        let d = &mut self.state.draft;
        let o = self.option;
        match field {
            Field::NeedSources => {
                if let Some(s) = NeedSource::ALL.get(o) {
                    flip(&mut d.need_sources, *s);
                    d.need_sources.sort();
                }
            }
            Field::Relieves => {
                if let Some(p) = Pressure::ALL.get(o) {
                    flip(&mut d.relieves, *p);
                    d.relieves.sort();
                }
            }
            Field::Goals => {
                if let Some(id) = self.goal_ids.get(o) {
                    flip(&mut d.goals, *id);
                    d.goals.sort_unstable();
                }
            }
            _ => return,
        }
        self.state.dirty = true;
    }

    /// An editing key while the form has focus (Tab, Ctrl-s, Esc and Enter are handled
    /// before). → at the end of a field with a suggestion takes the suggestion; choice
    /// fields step with ← → (and h l, space), multi-select fields move with ← → and tick
    /// with space (or x).
    pub fn edit(&mut self, edit: Edit) {
        self.error = None;
        let field = self.state.field();
        let offered = self.suggestions(field).first().map(|s| (*s).to_owned());
        if self.state.complete(edit, offered.as_deref()) {
            return;
        }
        match field.kind() {
            FieldKind::Line | FieldKind::Text => self.type_text(Typed::Key(edit)),
            FieldKind::Choice => match edit {
                Edit::NextChar | Edit::Insert(' ' | 'l') => self.cycle(true),
                Edit::PreviousChar | Edit::Insert('h') => self.cycle(false),
                _ => {}
            },
            FieldKind::Multi => {
                let n = self.choices(field).len();
                match edit {
                    Edit::NextChar | Edit::Insert('l') if n > 0 => {
                        self.option = (self.option + 1).min(n - 1);
                    }
                    Edit::PreviousChar | Edit::Insert('h') => self.option = self.option.saturating_sub(1),
                    Edit::Insert(' ' | 'x') => self.toggle(),
                    _ => {}
                }
            }
            // The app opens the benefit dialogs (they need today and the language).
            FieldKind::List => {}
        }
    }

    /// Pasted text at the cursor: one line for single-line fields (line breaks become
    /// spaces), as it is for multi-line fields; other control characters are dropped.
    pub fn paste(&mut self, text: &str) {
        self.error = None;
        self.type_text(Typed::Paste(text));
    }

    /// ↑ (`down` false) or ↓ with the value column `width` wide: to the row above or below in
    /// a multi-line field, else (and from its first or last row) to the field before or after.
    /// A multi-line field entered from below has its cursor at its end, from above at its
    /// start, so that the arrows go on through the text as it reads.
    pub fn move_vertically(&mut self, down: bool, width: usize) {
        let field = self.state.field();
        if field.kind() == FieldKind::Text
            && self.text_mut(field).is_some_and(|t| t.move_vertically(down, width))
        {
            return;
        }
        self.focus_step(down);
        let field = self.state.field();
        if let Some(text) = self.text_mut(field) {
            text.to_edge(!down);
        }
    }

    /// Types into the focused text field, if it is one; it is dirty once its text changed.
    fn type_text(&mut self, typed: Typed<'_>) {
        let field = self.state.field();
        let changed = match field.kind() {
            FieldKind::Line => {
                self.state.lines.get_mut(field).is_some_and(|input| editing::type_line(input, typed))
            }
            FieldKind::Text => self.text_mut(field).is_some_and(|text| text.type_text(typed)),
            FieldKind::Choice | FieldKind::Multi | FieldKind::List => false,
        };
        self.state.dirty |= changed;
    }

    /// Whether the title is longer than [`MAX_TITLE_CHARS`], so that saving moves its end to
    /// the description.
    pub fn title_overflows(&self) -> bool {
        self.line_value(Field::Title).chars().count() > MAX_TITLE_CHARS
    }

    /// Reads every field into an initiative, or says which field is wrong and why. A title
    /// over [`MAX_TITLE_CHARS`] is not refused (a pasted paragraph in a meeting): its end
    /// becomes the start of the description. The costs are read as `lang` writes numbers.
    pub fn build(&self, today: Date, lang: Lang) -> Result<Initiative, FieldError> {
        let err = |field, key| FieldError { field, key };
        let mut i = self.state.draft.clone();
        (i.title, i.description) =
            keep_title(&self.line_value(Field::Title), self.text_value(Field::Description));
        if i.title.is_empty() {
            return Err(err(Field::Title, "form.error_title_required"));
        }
        for (field, input) in self.state.lines.iter().filter(|(f, _)| *f != Field::Title) {
            if input.value().chars().count() > MAX_LINE_CHARS {
                return Err(err(*field, "form.error_too_long"));
            }
        }
        i.need = self.text_value(Field::Need);
        for (field, text) in [(Field::Description, &i.description), (Field::Need, &i.need)] {
            if text.chars().count() > MAX_TEXT_CHARS {
                return Err(err(field, "form.error_too_long"));
            }
        }
        i.costs = self.costs(lang)?.map(Box::new);
        i.owner = self.line_value(Field::Owner);
        i.unit = self.line_value(Field::Unit);
        i.partners = split(&self.line_value(Field::Partners));
        i.tags = split(&self.line_value(Field::Tags));
        let date = |field| dates::parse(&self.line_value(field), today).map_err(|e| err(field, e.key()));
        i.start = date(Field::Start)?;
        i.follow_up = date(Field::FollowUp)?;
        i.end = date(Field::End)?;
        if let (Some(start), Some(end)) = (i.start, i.end)
            && end < start
        {
            return Err(err(Field::End, "form.error_end_before_start"));
        }
        Ok(i)
    }
}

impl InitiativeForm {
    /// The cost fields read as numbers ("400.000" is four hundred thousand in Danish); `None`
    /// when both are empty (and nothing else was kept with them).
    fn costs(&self, lang: Lang) -> Result<Option<Costs>, FieldError> {
        let number = |field| {
            let text = self.line_value(field);
            if text.is_empty() {
                return Ok(None);
            }
            lang.parse_number(&text, "").map(Some).map_err(|e| FieldError { field, key: e.key() })
        };
        let mut costs = self.state.draft.costs.as_deref().cloned().unwrap_or_default();
        costs.investment = number(Field::Investment)?;
        costs.yearly = number(Field::YearlyCost)?;
        Ok((!costs.is_empty()).then_some(costs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const TODAY: Date = date(2026, 11, 25);

    fn type_text(form: &mut InitiativeForm, text: &str) {
        for c in text.chars() {
            form.edit(Edit::Insert(c));
        }
    }

    fn new_form() -> InitiativeForm {
        InitiativeForm::new(None, Initiative::default(), &Organisation::default())
    }

    #[test]
    fn costs_are_read_as_the_language_writes_numbers_and_budgets() {
        // The form reads with the language's own rules (i18n::numbers tests them all): a
        // Danish point and an English comma both group thousands, and a budget word scales.
        for (lang, typed, read) in [
            (Lang::Da, "400.000", 400_000.0),
            (Lang::En, "400,000", 400_000.0),
            (Lang::Sv, "1,5 mkr", 1_500_000.0),
        ] {
            let mut form = new_form();
            type_text(&mut form, "Laddstolpar");
            form.state.focus_field(Field::Investment);
            type_text(&mut form, typed);
            let i = form.build(TODAY, lang).expect("valid");
            assert_eq!(i.costs.and_then(|c| c.investment), Some(read), "{typed} in {lang:?}");
        }
        // What the form shows of a cost reads back the same in every language.
        let with_costs = Initiative {
            title: "x".into(),
            costs: Some(Box::new(Costs {
                investment: Some(1_234.5),
                yearly: Some(400_000.0),
                ..Costs::default()
            })),
            ..Initiative::default()
        };
        for lang in Lang::ALL {
            let form =
                InitiativeForm::new(Some(with_costs.clone()), with_costs.clone(), &Organisation::default());
            assert_eq!(form.build(TODAY, lang).map(|i| i.costs), Ok(with_costs.costs.clone()), "{lang:?}");
        }
    }

    #[test]
    fn a_title_is_enough() {
        let mut form = new_form();
        type_text(&mut form, "  Nattfasta i hemtjänsten ");
        let i = form.build(TODAY, Lang::En).expect("valid");
        assert_eq!(i.title, "Nattfasta i hemtjänsten");
        assert_eq!(i.stage, Stage::IdentifyingProblems);
        assert_eq!(i.status, Status::Active);
        assert_eq!(i.facet, Facet::Unplaced);
    }

    #[test]
    fn missing_title_and_bad_dates_name_the_field() {
        let mut form = new_form();
        assert_eq!(form.build(TODAY, Lang::En).map_err(|e| e.field), Err(Field::Title));
        type_text(&mut form, "A");
        form.focus_field(Field::FollowUp);
        type_text(&mut form, "next tuesday");
        assert_eq!(form.build(TODAY, Lang::En).map_err(|e| e.field), Err(Field::FollowUp));
        form.state.lines.iter_mut().for_each(|(f, i)| {
            if *f == Field::FollowUp {
                *i = Input::new("+2w".into());
            }
        });
        assert_eq!(form.build(TODAY, Lang::En).map(|i| i.follow_up), Ok(Some(date(2026, 12, 9))));
    }

    #[test]
    fn an_overlong_title_is_neither_refused_nor_cut_its_end_opens_the_description() {
        let mut form = new_form();
        form.paste(&"x".repeat(10_000));
        assert!(form.title_overflows());
        let i = form.build(TODAY, Lang::En).expect("saved, not refused");
        assert_eq!(i.title, "x".repeat(MAX_TITLE_CHARS), "no word break: cut at the limit");
        assert_eq!(i.description, "x".repeat(10_000 - MAX_TITLE_CHARS), "nothing lost");

        let words = "ord ".repeat(60);
        let mut form = new_form();
        form.paste(&words);
        form.focus_field(Field::Description);
        form.paste("Det som stod här.");
        let i = form.build(TODAY, Lang::En).expect("saved");
        assert_eq!(i.title, "ord ".repeat(50).trim_end(), "cut between words, within the limit");
        assert_eq!(i.description, format!("{}\n\nDet som stod här.", "ord ".repeat(10).trim_end()));
    }

    #[test]
    fn a_title_at_the_limit_stays_whole() {
        let title = "å".repeat(MAX_TITLE_CHARS);
        assert_eq!(split_title(&title), (title.clone(), None));
        let (head, rest) = split_title(&format!("{title} ö"));
        assert_eq!((head, rest.as_deref()), (title, Some("ö")));
    }

    #[test]
    fn pasted_line_breaks_and_controls_become_harmless() {
        let mut form = new_form();
        form.paste("rad ett\nrad två\u{1b}[2J");
        assert_eq!(form.build(TODAY, Lang::En).map(|i| i.title), Ok("rad ett rad två[2J".to_owned()));
        form.focus_field(Field::Description);
        form.paste("a\nb");
        assert_eq!(form.build(TODAY, Lang::En).map(|i| i.description), Ok("a\nb".to_owned()));
    }

    #[test]
    fn choices_cycle_and_multi_selects_toggle() {
        let mut form = new_form();
        form.focus_field(Field::Facet);
        form.edit(Edit::NextChar);
        assert_eq!(form.state.draft.facet, Facet::MissionOriented, "wraps from unplaced to the first facet");
        form.edit(Edit::PreviousChar);
        assert_eq!(form.state.draft.facet, Facet::Unplaced);
        form.focus_field(Field::Relieves);
        form.edit(Edit::NextChar);
        form.edit(Edit::Insert(' '));
        assert_eq!(form.state.draft.relieves, [Pressure::Products]);
        form.edit(Edit::Insert(' '));
        assert!(form.state.draft.relieves.is_empty());
        assert!(form.state.dirty);
    }

    #[test]
    fn unit_and_owner_complete_from_the_profile() {
        let mut org = Organisation::default();
        org.units
            .push(crate::model::Unit {
                name: "Vård- och omsorgsförvaltningen".into(), ..Default::default()
            });
        org.units.push(crate::model::Unit {
            name: "Gamla enheten".into(),
            retired: true,
            ..Default::default()
        });
        org.people = vec!["Åsa Öberg".into(), "Anders Berg".into()];
        let mut form = InitiativeForm::new(None, Initiative::default(), &org);
        form.focus_field(Field::Owner);
        type_text(&mut form, "berg");
        assert_eq!(form.suggestions(Field::Owner), ["Åsa Öberg", "Anders Berg"], "diacritics ignored");
        form.focus_field(Field::Unit);
        type_text(&mut form, "vard");
        form.edit(Edit::NextChar);
        assert_eq!(form.state.line(Field::Unit).map(Input::value), Some("Vård- och omsorgsförvaltningen"));
        assert!(form.suggestions(Field::Unit).is_empty(), "nothing more to offer once it matches");
        form.state.lines.iter_mut().for_each(|(f, i)| {
            if *f == Field::Unit {
                *i = Input::new("gaml".into());
            }
        });
        assert!(form.suggestions(Field::Unit).is_empty(), "retired units are not offered");
    }

    #[test]
    fn lists_are_split_trimmed_and_deduplicated() {
        assert_eq!(split(" a, b;a ,, c "), ["a", "b", "c"]);
    }
}
