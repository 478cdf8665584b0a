//! `:import FILE` (which opens the mapping dialog, `app/mapping.rs`), `:export
//! [csv|xlsx|json|markdown]` and `:report [markdown|json|html]` inside the interface. Exports and
//! reports are written beside the data file, named by date.

use std::path::{Path, PathBuf};

use unicode_width::UnicodeWidthStr;

use super::App;
use crate::text::{ellipsis, shorten_middle_with};
use crate::{export, import, report, store};

impl App {
    /// `name` beside the data file (`portfolio-2026-11-25.csv` for `portfolio.json`).
    fn beside_data_file(&self, suffix: &str, extension: &str) -> Option<PathBuf> {
        let path = self.path()?;
        let stem = path.file_stem().map_or_else(|| "portfolio".into(), |s| s.to_string_lossy());
        let dir = path.parent().unwrap_or_else(|| Path::new("."));
        Some(dir.join(format!("{stem}{suffix}-{}.{extension}", self.today)))
    }

    /// `message` with `path` in it, the path shortened in the middle so the whole message
    /// fits the status line and the file name always shows.
    pub(super) fn with_path(&self, path: &Path, message: impl Fn(&str) -> String) -> String {
        let room = usize::from(self.size.0).saturating_sub(message("").width());
        // Below this a shortened path says too little; the line is cut at its end instead.
        let room = room.max(24);
        // The ellipsis the terminal draws: a `…` folded to `.` would read as a folder.
        message(&shorten_middle_with(&path.display().to_string(), room, ellipsis(self.ascii)))
    }

    /// Writes `bytes` beside the data file and says so; the path written, if it was.
    fn write_beside(
        &mut self,
        suffix: &str,
        extension: &str,
        bytes: &[u8],
        done: impl Fn(&str) -> String,
    ) -> Option<PathBuf> {
        let Some(path) = self.beside_data_file(suffix, extension) else {
            self.set_error(self.lang.t("export.no_file").to_owned());
            return None;
        };
        match store::write_file(&path, bytes, store::Sharing::Shared) {
            Ok(_) => {
                self.set_info(self.with_path(&path, done));
                Some(path)
            }
            Err(e) => {
                let lang = self.lang;
                let text = self.with_path(&path, |p| {
                    lang.tf("export.failed", &[("path", &p), ("error", &e.localized(lang))])
                });
                self.set_error(text);
                None
            }
        }
    }

    pub(super) fn export_command(&mut self, arg: &str) {
        let (arg, with_proposers) = match arg.strip_suffix("--with-proposers") {
            Some(rest) => (rest.trim_end(), true),
            None => (arg, false),
        };
        let format = match arg {
            "" | "csv" => export::Format::Csv,
            "xlsx" | "excel" => export::Format::Xlsx,
            "json" => export::Format::Json,
            "markdown" | "md" => export::Format::Markdown,
            other => {
                self.set_error(self.lang.tf("export.unknown_format", &[("format", &other)]));
                return;
            }
        };
        // A sheet carries the portfolio's identity, which a writing session makes when it
        // opens a file that has none: save it first, or the sheet could not update the file.
        let spreadsheet = matches!(format, export::Format::Csv | export::Format::Xlsx);
        if spreadsheet && !self.history.can_undo() && !self.is_read_only() && self.path().is_some() {
            self.save();
        }
        let shared = if with_proposers {
            std::borrow::Cow::Borrowed(&self.portfolio)
        } else {
            crate::ideas::without_proposers(&self.portfolio)
        };
        let rendered = match export::render(&shared, format, self.lang, export::DEFAULT_DELIMITER, self.today)
        {
            Ok(rendered) => rendered,
            Err(e) => {
                self.set_error(e);
                return;
            }
        };
        let (lang, what) = (self.lang, export::contents(&shared, self.lang));
        let notes = rendered.notes.join(" ");
        let written = self.write_beside("", format.extension(), &rendered.bytes, |path| {
            let done = lang.tf("export.written", &[("what", &what), ("path", &path)]);
            if notes.is_empty() { done } else { format!("{done} {notes}") }
        });
        if let (Some(path), export::Format::Csv) = (written, format) {
            for (table, bytes) in export::csv_tables(&self.portfolio, lang, export::DEFAULT_DELIMITER) {
                let beside = table.beside(&path);
                if let Err(e) = store::write_file(&beside, &bytes, store::Sharing::Shared) {
                    self.set_error(lang.tf("export.failed", &[("path", &beside.display()), ("error", &e)]));
                    return;
                }
            }
        }
    }

    pub(super) fn report_command(&mut self, arg: &str) {
        let format = match arg {
            "" | "markdown" | "md" => report::Format::Markdown,
            "json" => report::Format::Json,
            "html" => report::Format::Html,
            other => {
                self.set_error(self.lang.tf("report.unknown_format", &[("format", &other)]));
                return;
            }
        };
        let text = report::render(&self.portfolio, format, self.today, self.lang, report::Options::default());
        let lang = self.lang;
        self.write_beside("-report", format.extension(), text.as_bytes(), |path| {
            lang.tf("report.written", &[("path", &path)])
        });
    }

    /// `:import FILE`: the mapping dialog for the file (CSV or .xlsx). With `--checklist ID`
    /// the file is a survey export and becomes one checklist run.
    pub(super) fn import_command(&mut self, arg: &str) {
        if arg.is_empty() {
            self.set_error(self.lang.t("import.usage").to_owned());
            return;
        }
        if !self.writable() {
            return;
        }
        let words = split_words(arg);
        if words.iter().any(|w| w == "--checklist") {
            self.import_survey(&words);
            return;
        }
        let (arg, ideas) = match arg.strip_suffix("--ideas") {
            Some(rest) => (rest.trim_end(), true),
            None => (arg, false),
        };
        self.open_mapping(home_path(arg), ideas);
    }
}

/// A path as typed, `~/` meaning the home folder.
fn home_path(text: &str) -> PathBuf {
    match (text.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(text),
    }
}

/// A command's arguments: split at spaces, except inside double quotes.
fn split_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut started = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                started = true;
            }
            c if c.is_whitespace() && !quoted => {
                if started {
                    words.push(std::mem::take(&mut word));
                }
                started = false;
            }
            c => {
                word.push(c);
                started = true;
            }
        }
    }
    if started {
        words.push(word);
    }
    words
}

impl App {
    /// `:import FILE --checklist ID [--scope TEXT] [--date DATE] [--keep-names]`: a survey
    /// export as one checklist run, one undoable step; then the run's results.
    fn import_survey(&mut self, words: &[String]) {
        let mut file = None;
        let (mut template, mut scope, mut date, mut keep_names) = (None, None, None, false);
        let mut rest = words.iter();
        while let Some(word) = rest.next() {
            match word.as_str() {
                "--checklist" => template = rest.next().cloned(),
                "--scope" => scope = rest.next().cloned(),
                "--date" => date = rest.next().cloned(),
                "--keep-names" => keep_names = true,
                other if file.is_none() && !other.starts_with("--") => file = Some(home_path(other)),
                other => {
                    let text = self.lang.tf("survey.unknown_option", &[("word", &other)]);
                    self.set_error(format!("{text} {}", self.lang.t("survey.usage")));
                    return;
                }
            }
        }
        let (Some(file), Some(template)) = (file, template) else {
            self.set_error(self.lang.t("survey.usage").to_owned());
            return;
        };
        let template = match import::survey::find_template(&self.culture.catalog, &self.portfolio, &template)
        {
            Ok(t) => t,
            Err(known) => {
                let text =
                    self.lang.tf("survey.unknown_template", &[("id", &template), ("ids", &known.join(", "))]);
                self.set_error(text);
                return;
            }
        };
        let date = match date.as_deref().map(|text| (text, crate::dates::parse(text, self.today))) {
            None => self.today,
            Some((_, Ok(Some(date)))) => date,
            Some((text, _)) => {
                self.set_error(self.lang.tf("survey.bad_date", &[("value", &text)]));
                return;
            }
        };
        let scope = scope.unwrap_or_else(|| import::survey::default_scope(&self.portfolio, self.lang));
        let options = import::survey::Options { scope, date, keep_names };
        let survey = match import::read_survey(&file, &template, &options, self.lang) {
            Ok(survey) => survey,
            Err(e) => {
                self.import_failed(&file, &e);
                return;
            }
        };
        let (change, id) = import::survey::into_change(&mut self.portfolio, &survey, &template);
        if self.commit(change) {
            self.pane = crate::action::Pane::Culture;
            self.culture.selected = self.runs().iter().position(|r| *r == id).unwrap_or(0);
            self.mode = super::Mode::Culture(super::CultureMode::Results { id, scroll: 0 });
            let count = survey.respondents();
            let name = file
                .file_name()
                .map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
            let mut text =
                self.lang.tf("survey.done_app", &[("id", &id), ("count", &count), ("file", &name)]);
            for remark in survey.remarks(self.lang, "--keep-names") {
                text.push(' ');
                text.push_str(&remark);
            }
            if !self.unsaved {
                self.set_info(text);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::action::{Action, MappingAction};
    use crate::model::{Initiative, Portfolio};
    use crate::testing::Harness;

    #[test]
    fn import_is_one_undoable_step() {
        let (_dir, csv) = crate::testing::temp_file("in.csv", "Titel;Fasett\nA;adaptiv\nB;föregripande\n");
        let mut p = Portfolio::default();
        p.initiatives.push(Initiative { id: 1, title: "Old".into(), ..Initiative::default() });
        let mut app = Harness::new(p);
        app.update(Action::RunCommand(format!("import {}", csv.display())));
        assert!(matches!(app.mode, crate::app::Mode::Mapping(_)), "the mapping is shown first");
        assert_eq!(app.portfolio.initiatives.len(), 1);
        app.update(Action::Mapping(MappingAction::Import));
        assert_eq!(app.portfolio.initiatives.len(), 3, "{:?}", app.status);
        assert_eq!(app.portfolio.initiatives[2].id, 3);
        assert!(app.status.as_ref().is_some_and(|s| s.text.contains("#2–#3")), "{:?}", app.status);
        app.update(Action::Undo);
        assert_eq!(app.portfolio.initiatives.len(), 1, "one undo takes the whole import back");
        app.update(Action::Redo);
        assert_eq!(app.portfolio.initiatives.len(), 3);

        std::fs::write(&csv, "Titel;Fasett\nC;adaptiv\n;x\n").expect("writing");
        app.update(Action::RunCommand(format!("import {}", csv.display())));
        app.update(Action::Mapping(MappingAction::Import));
        assert_eq!(app.portfolio.initiatives.len(), 3, "nothing from a file with a bad row");
        assert!(
            app.status.as_ref().is_some_and(|s| s.is_error && s.text.contains("row 3")),
            "{:?}",
            app.status
        );
    }

    #[test]
    fn export_and_report_are_written_beside_the_data_file() {
        let mut p = Portfolio::default();
        p.initiatives.push(Initiative { id: 1, title: "=A".into(), ..Initiative::default() });
        let mut app = Harness::on_disk(&p);
        let dir = app.dir().expect("a temporary folder").to_path_buf();
        for (command, name) in [
            ("export", "portfolio-2026-11-25.csv"),
            ("export json", "portfolio-2026-11-25.json"),
            ("export markdown", "portfolio-2026-11-25.md"),
            ("report", "portfolio-report-2026-11-25.md"),
            ("report json", "portfolio-report-2026-11-25.json"),
            ("report html", "portfolio-report-2026-11-25.html"),
        ] {
            app.update(Action::RunCommand(command.into()));
            let written = dir.join(name);
            assert!(written.exists(), "{command}: {:?}", app.status);
            assert!(
                app.status.as_ref().is_some_and(|s| !s.is_error && s.text.contains(name)),
                "{:?}",
                app.status
            );
        }
        let csv = std::fs::read_to_string(dir.join("portfolio-2026-11-25.csv")).expect("reads");
        assert!(csv.contains("\r\n1;'=A;"), "guarded and CRLF: {csv:?}");
    }

    #[test]
    fn a_long_path_is_shortened_in_the_middle_and_keeps_the_file_name() {
        let dir = crate::testing::temp_dir();
        let deep =
            dir.path().join("Innovationsarbete i Sjöbacka kommun").join("Ledningsgruppens mappar 2026");
        std::fs::create_dir_all(&deep).expect("folders");
        let file = deep.join("portfolio.json");
        std::fs::write(&file, crate::store::to_json(&Portfolio::default())).expect("writing");
        let mut app = Harness::open(&file);
        app.update(Action::RunCommand("report".into()));
        let text = app.message();
        assert!(text.contains("/portfolio-report-2026-11-25.md") && text.contains('…'), "{text}");
        assert!(unicode_width::UnicodeWidthStr::width(text.as_str()) <= 80, "fits the status line: {text}");
        assert!(deep.join("portfolio-report-2026-11-25.md").exists());
    }

    #[test]
    fn export_and_report_need_a_data_file() {
        let mut app = Harness::empty();
        app.update(Action::RunCommand("export csv".into()));
        assert!(app.status.as_ref().is_some_and(|s| s.is_error));
        app.update(Action::RunCommand("report pdf".into()));
        assert!(app.status.as_ref().is_some_and(|s| s.is_error && s.text.contains("pdf")));
    }
}
