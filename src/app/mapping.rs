//! The mapping dialog of `:import FILE`: the mapping the import chose (which field each
//! column fills, what each word of a choice column means, the date order), what the import
//! would do with it, and what stops it. The user changes a column's or a word's target with
//! the keyboard, saves the mapping beside the file for next time (`s`; `:import` uses it by
//! itself, and `fasett import --map` takes it), and imports with Enter as one undo step.

use std::path::{Path, PathBuf};

use super::{App, Mode};
use crate::action::MappingAction;
use crate::cycle;
use crate::dates::DateOrder;
use crate::import::{self, Choice, Loaded, Mapping, OrderFrom, Plan, Problem, SavedMap, Target};

/// One line of the dialog's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MappingLine {
    /// An initiative the import changes (an index into the plan's updates), with each field
    /// old → new: first, so the user sees what the sheet would do before the mapping.
    Update(usize),
    /// A column and the field it fills.
    Column(usize),
    /// A word of a choice column (column, word) and what it means.
    Value(usize, usize),
    /// How dates such as 9/1/2025 are read.
    DateOrder,
    /// Whether rows with another portfolio's IDs are added as new initiatives.
    AsNew,
    /// Whether rows whose initiatives were changed in fasett after the export are imported.
    Overwrite,
    /// Whether units and owners the profile lacks are added to it.
    AddNames,
}

/// The dialog's state.
#[derive(Debug, Clone)]
pub struct MappingDialog {
    pub file: PathBuf,
    pub loaded: Loaded,
    pub mapping: Mapping,
    pub options: import::Options,
    /// What the import does with the mapping as it stands, or what stops it.
    pub outcome: Result<Plan, Vec<Problem>>,
    /// The selected line of [`MappingDialog::lines`].
    pub selected: usize,
    /// Add the units and owners the profile lacks to it.
    pub add_names: bool,
    /// A map file beside the sheet was used.
    pub map_used: Option<PathBuf>,
    /// `:import FILE --ideas`: the form's proposer columns; every new row becomes an idea.
    pub ideas: Option<import::ideas::IdeaColumns>,
}

impl MappingDialog {
    /// The lines of the list, in order.
    pub fn lines(&self) -> Vec<MappingLine> {
        let updates = self.outcome.as_ref().map_or(0, |p| p.updates.len());
        let mut lines: Vec<MappingLine> = (0..updates).map(MappingLine::Update).collect();
        // Rows changed in fasett after the export stop the import until the user decides:
        // the decision comes before the mapping.
        let stale = match &self.outcome {
            Ok(plan) => plan.updates.iter().any(|u| u.overwrites.is_some()),
            Err(problems) => problems.iter().any(|p| p.stale),
        };
        if stale || self.options.overwrite {
            lines.push(MappingLine::Overwrite);
        }
        for (ix, column) in self.mapping.columns.iter().enumerate() {
            lines.push(MappingLine::Column(ix));
            lines.extend((0..column.values.len()).map(|v| MappingLine::Value(ix, v)));
        }
        let has_dates =
            self.mapping.columns.iter().any(|c| c.field().is_some_and(crate::import::is_date_column));
        if has_dates {
            lines.push(MappingLine::DateOrder);
        }
        if self.mapping.column_of(crate::export::Column::Id).is_some() {
            lines.push(MappingLine::AsNew);
        }
        let names = self.outcome.as_ref().is_ok_and(|p| !p.new_units.is_empty() || !p.new_owners.is_empty());
        if names {
            lines.push(MappingLine::AddNames);
        }
        lines
    }

    pub fn selected_line(&self) -> Option<MappingLine> {
        self.lines().get(self.selected).copied()
    }

    /// Works out the import again after a change, keeping the selection on the same line
    /// (the changed initiatives above it may have come or gone).
    fn replan(&mut self, portfolio: &crate::model::Portfolio) {
        let selected = self.selected_line();
        self.outcome_for(portfolio);
        let lines = self.lines();
        let same = selected.and_then(|line| lines.iter().position(|l| *l == line));
        self.selected = same.unwrap_or(self.selected).min(lines.len().saturating_sub(1));
    }

    /// The first line that is not a changed initiative: where the selection starts.
    fn first_mapping_line(&self) -> usize {
        self.lines().iter().position(|l| !matches!(l, MappingLine::Update(_))).unwrap_or(0)
    }

    fn outcome_for(&mut self, portfolio: &crate::model::Portfolio) {
        self.outcome =
            import::plan(&self.loaded, &self.mapping, portfolio, &self.options).map_err(|e| match e {
                import::ImportError::Bad { problems, .. } => problems,
                import::ImportError::Io { .. } => vec![Problem::general(&e.to_string())],
            });
        if let (Ok(plan), Some(found)) = (self.outcome.as_mut(), self.ideas.as_ref()) {
            import::ideas::into_ideas(plan, found, &self.options);
        }
    }

    /// Steps what the selected line says, forward or back.
    fn change(&mut self, forward: bool) {
        match self.selected_line() {
            Some(MappingLine::Column(ix)) => {
                let current = self.mapping.columns[ix].target;
                let current = match current {
                    Target::More(c) => Target::Field(c),
                    other => other,
                };
                let next = cycle::step(&Target::choices(), &current, forward);
                self.mapping.set_target(ix, next, &self.loaded.sheet);
            }
            Some(MappingLine::Value(ix, v)) => {
                let Some(field) = self.mapping.columns[ix].field() else { return };
                let options = Choice::options(field);
                let next = match self.mapping.columns[ix].values[v].choice {
                    Some(current) => cycle::step(&options, &current, forward),
                    None if forward => options[0],
                    None => options[options.len() - 1],
                };
                self.mapping.set_choice(ix, v, next);
            }
            Some(MappingLine::DateOrder) => {
                let orders = [None, Some(DateOrder::Dmy), Some(DateOrder::Mdy)];
                let current = self.mapping.date_order.map(|(o, _)| o);
                let next = cycle::step(&orders, &current, forward);
                self.mapping.date_order = next.map(|o| (o, OrderFrom::Chosen));
            }
            Some(MappingLine::AsNew) => self.options.as_new = !self.options.as_new,
            Some(MappingLine::Overwrite) => self.options.overwrite = !self.options.overwrite,
            Some(MappingLine::AddNames) => self.add_names = !self.add_names,
            Some(MappingLine::Update(_)) | None => {}
        }
    }
}

/// The map file kept beside a sheet: `register.csv` → `register.fasett-map.json`.
pub fn map_path(sheet: &Path) -> PathBuf {
    let stem = sheet.file_stem().map_or_else(|| "import".into(), |s| s.to_string_lossy());
    sheet.with_file_name(format!("{stem}.fasett-map.json"))
}

impl App {
    /// `:import FILE`: reads the file and shows the mapping dialog (with the map saved beside
    /// the file, if there is one), or says why the file cannot be read.
    pub(super) fn open_mapping(&mut self, file: PathBuf, ideas: bool) {
        let mut options = import::Options::new(self.lang, self.today);
        options.zone = self.zone.clone();
        let beside = map_path(&file);
        let mut map_used = None;
        if beside.exists() {
            match SavedMap::read(&beside) {
                Ok(map) => {
                    options.map = Some(map);
                    map_used = Some(beside);
                }
                Err(e) => {
                    self.set_error(self.lang.tf("import.failed_app", &[("problems", &e)]));
                    return;
                }
            }
        }
        let loaded = match import::load(&file, &options) {
            Ok(loaded) => loaded,
            Err(e) => {
                self.import_failed(&file, &e);
                return;
            }
        };
        let (mapping, ideas) = if ideas {
            let (mapping, found) = import::ideas::recognise(&loaded, &options);
            (mapping, Some(found))
        } else {
            (import::recognise(&loaded, &options), None)
        };
        let mut dialog = MappingDialog {
            file,
            loaded,
            mapping,
            options,
            outcome: Ok(Plan::default()),
            selected: 0,
            add_names: false,
            map_used,
            ideas,
        };
        dialog.outcome_for(&self.portfolio);
        dialog.selected = dialog.first_mapping_line();
        self.mode = Mode::Mapping(Box::new(dialog));
    }

    /// Says why nothing was imported, with the first few problems.
    pub(super) fn import_failed(&mut self, file: &Path, e: &import::ImportError) {
        let problems = match e {
            import::ImportError::Bad { problems, .. } => {
                let count = self.lang.tn("import.problems", problems.len(), &[("file", &file.display())]);
                let first: Vec<String> = problems.iter().take(3).map(|p| p.localized(self.lang)).collect();
                format!("{count}: {}", first.join(" · "))
            }
            import::ImportError::Io { .. } => e.to_string(),
        };
        self.set_error(self.lang.tf("import.failed_app", &[("problems", &problems)]));
    }

    pub(super) fn update_mapping(&mut self, action: MappingAction) {
        let Mode::Mapping(dialog) = &mut self.mode else { return };
        match action {
            MappingAction::Next => {
                dialog.selected = (dialog.selected + 1).min(dialog.lines().len().saturating_sub(1));
            }
            MappingAction::Previous => dialog.selected = dialog.selected.saturating_sub(1),
            MappingAction::Change(forward) => {
                dialog.change(forward);
                dialog.replan(&self.portfolio);
                // What stopped the import before the change is the dialog's to say now: a
                // status line saying the opposite of the dialog's header would mislead.
                self.message_superseded();
            }
            MappingAction::Save => {
                let path = map_path(&dialog.file);
                let text = dialog.mapping.to_file();
                match crate::store::write_file(&path, text.as_bytes(), crate::store::Sharing::Shared) {
                    Ok(_) => {
                        dialog.map_used = Some(path.clone());
                        self.set_info(self.lang.tf("mapping.saved", &[("path", &path.display())]));
                    }
                    Err(e) => {
                        let error = e.localized(self.lang);
                        self.set_error(
                            self.lang.tf("export.failed", &[("path", &path.display()), ("error", &error)]),
                        );
                    }
                }
            }
            MappingAction::Import => self.import_mapped(),
            MappingAction::Close => {
                self.mode = Mode::Normal;
                self.set_info(self.lang.t("mapping.cancelled").to_owned());
            }
        }
    }

    /// Imports with the dialog's mapping, as one undo step, or says what stops it.
    fn import_mapped(&mut self) {
        let Mode::Mapping(dialog) = std::mem::replace(&mut self.mode, Mode::Normal) else { return };
        let plan = match &dialog.outcome {
            Ok(plan) => plan.clone(),
            Err(problems) => {
                let first = problems.first().map(|p| p.localized(self.lang)).unwrap_or_default();
                self.set_error(self.lang.tn("mapping.fix_first", problems.len(), &[("first", &first)]));
                self.mode = Mode::Mapping(dialog);
                return;
            }
        };
        if !self.writable() {
            self.mode = Mode::Mapping(dialog);
            return;
        }
        let summary = plan.summary(self.lang);
        let names = plan.new_units.len() + plan.new_owners.len();
        if plan.added.is_empty() && plan.updates.is_empty() && !(dialog.add_names && names > 0) {
            let file = dialog.file.display().to_string();
            self.set_info(self.lang.tf("import.nothing_to_do", &[("path", &file), ("summary", &summary)]));
            return;
        }
        let warnings: Vec<String> = plan.warnings.iter().map(|w| w.localized(self.lang)).collect();
        let change = plan.change(&mut self.portfolio, dialog.add_names);
        let ids = Plan::added_ids(&change);
        if !self.commit(change) {
            return;
        }
        if let Some(first) = ids.first() {
            self.select_initiative(*first);
        }
        let file = dialog.file.display().to_string();
        let mut text = self.lang.tf("import.done_dialog", &[("summary", &summary), ("file", &file)]);
        if let (Some(first), Some(last)) = (ids.first(), ids.last()) {
            let range = if first == last { format!("#{first}") } else { format!("#{first}–#{last}") };
            text.push(' ');
            text.push_str(&self.lang.tn("import.new_ids", ids.len(), &[("ids", &range)]));
        }
        if names > 0 && !dialog.add_names {
            text.push(' ');
            text.push_str(&self.lang.tn("import.names_not_added", names, &[]));
        }
        for note in &dialog.loaded.notes {
            text.push(' ');
            text.push_str(note);
        }
        for warning in &warnings {
            text.push(' ');
            text.push_str(warning);
        }
        // Keep the message over the "Saved." that commit set, unless saving failed.
        if !self.unsaved {
            self.set_info(text);
        }
    }
}
