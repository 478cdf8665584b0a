//! Every form's fields, in Tab order: each field's label (a catalog key) and how it is
//! edited ([`FieldKind`]). The forms themselves (`form.rs`, `intake/form.rs`,
//! `benefits/editor.rs`, `culture/plan.rs`, `culture/new_run.rs`) say what a field holds and
//! how it is checked; a new field starts here.

use crate::model::{Keyed, keyed_enum};

/// How a form's field is edited, in every form: what the editing keys do in it and how it
/// is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text.
    Line,
    /// Several lines (a description, a need).
    Text,
    /// One value of a few, stepped with ← →.
    Choice,
    /// Options ticked in a list of their own.
    Multi,
    /// A list of records edited in a dialog of their own (the benefits).
    List,
}

impl FieldKind {
    /// The catalog key of the hint a form shows while a field of this kind has focus.
    pub fn hint(self) -> &'static str {
        match self {
            FieldKind::Line => "form.hint_line",
            FieldKind::Text => "form.hint_text",
            FieldKind::Choice => "form.hint_choice",
            FieldKind::Multi => "form.hint_multi",
            FieldKind::List => "form.hint_benefits",
        }
    }
}

/// The fields of one form (the initiative form, the idea form, the benefit editor, the
/// action form): each says how it is edited.
pub trait FormField: Keyed + PartialEq {
    fn kind(self) -> FieldKind;
}

keyed_enum! {
    /// The fields of the form, in Tab order; a key is the catalog key of the label.
    pub enum Field {
        Title = "field.title",
        Description = "field.description",
        Need = "field.need",
        NeedSources = "field.need_sources",
        Facet = "field.facet",
        Stage = "field.stage",
        Status = "field.status",
        Track = "field.track",
        Relieves = "field.relieves",
        Benefits = "field.benefits",
        Investment = "field.investment",
        YearlyCost = "field.yearly_cost",
        Owner = "field.owner",
        Unit = "field.unit",
        Partners = "field.partners",
        Goals = "field.goals",
        Priority = "field.priority",
        Start = "field.start",
        FollowUp = "field.follow_up",
        End = "field.end",
        Tags = "field.tags",
    }
}

impl FormField for Field {
    fn kind(self) -> FieldKind {
        match self {
            Field::Description | Field::Need => FieldKind::Text,
            Field::Facet | Field::Stage | Field::Status | Field::Track | Field::Priority => FieldKind::Choice,
            Field::NeedSources | Field::Relieves | Field::Goals => FieldKind::Multi,
            Field::Benefits => FieldKind::List,
            _ => FieldKind::Line,
        }
    }
}

keyed_enum! {
    /// The fields of the idea form, in Tab order; a key is the catalog key of the label. The
    /// need comes last, where Enter starts a new line rather than saving.
    pub enum IdeaField {
        Title = "field.title",
        Name = "idea.field_name",
        Unit = "idea.field_unit",
        Contact = "idea.field_contact",
        Channel = "field.channel",
        Received = "field.received",
        Need = "field.need",
    }
}

impl FormField for IdeaField {
    fn kind(self) -> FieldKind {
        match self {
            IdeaField::Need => FieldKind::Text,
            // ← → over the channels and none.
            IdeaField::Channel => FieldKind::Choice,
            _ => FieldKind::Line,
        }
    }
}

keyed_enum! {
    /// The benefit editor's fields, in Tab order: the method's questions (what, which measure,
    /// from where to where and when, who answers for it, how it is followed up). A key is the
    /// catalog key of the label.
    pub enum BenefitField {
        Title = "benefit.field_title",
        Kind = "benefit.field_kind",
        Relieves = "benefit.field_relieves",
        Indicator = "benefit.field_indicator",
        Unit = "benefit.field_unit",
        BaselineValue = "benefit.field_baseline",
        BaselineDate = "benefit.field_baseline_date",
        TargetValue = "benefit.field_target",
        TargetDate = "benefit.field_target_date",
        Owner = "benefit.field_owner",
        HowMeasured = "benefit.field_how_measured",
    }
}

impl FormField for BenefitField {
    fn kind(self) -> FieldKind {
        match self {
            // Stepped with ← →, not typed.
            BenefitField::Kind | BenefitField::Relieves => FieldKind::Choice,
            _ => FieldKind::Line,
        }
    }
}

keyed_enum! {
    /// The three parts of a measurement line, in Tab order; a key is the catalog key of the
    /// label.
    pub enum MeasureField {
        Date = "measure.date",
        Value = "measure.value",
        Note = "measure.note",
    }
}

keyed_enum! {
    /// The fields of the action form, in Tab order; a key is the catalog key of the label.
    pub enum ActionField {
        What = "plan.field_what",
        How = "plan.field_how",
        When = "plan.field_when",
        Who = "plan.field_who",
        Competences = "plan.field_competences",
        FollowUp = "plan.field_follow_up",
        Item = "plan.field_item",
        Initiative = "plan.field_initiative",
        Done = "plan.field_done",
    }
}

impl FormField for ActionField {
    fn kind(self) -> FieldKind {
        match self {
            ActionField::Item | ActionField::Done => FieldKind::Choice,
            _ => FieldKind::Line,
        }
    }
}

keyed_enum! {
    /// The fields of the new-run dialog, in Tab order; a key is the catalog key of the label.
    pub enum RunField {
        Template = "culture.field_template",
        Scope = "culture.field_scope",
        Date = "culture.field_date",
        Participants = "culture.field_participants",
        NextDate = "culture.field_next_date",
    }
}
