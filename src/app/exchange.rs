//! `:import FILE`, `:export [csv|json|markdown]` and `:report [markdown|json]` inside the
//! interface. Exports and reports are written beside the data file, named by date.

use std::path::{Path, PathBuf};

use super::App;
use crate::{export, import, report, store};

impl App {
    /// `name` beside the data file (`portfolio-2026-11-25.csv` for `portfolio.json`).
    fn beside_data_file(&self, suffix: &str, extension: &str) -> Option<PathBuf> {
        let path = self.path()?;
        let stem = path.file_stem().map_or_else(|| "portfolio".into(), |s| s.to_string_lossy());
        let dir = path.parent().unwrap_or_else(|| Path::new("."));
        Some(dir.join(format!("{stem}{suffix}-{}.{extension}", self.today)))
    }

    /// Writes `bytes` beside the data file and says so; the path written, if it was.
    fn write_beside(
        &mut self,
        suffix: &str,
        extension: &str,
        bytes: &[u8],
        done: impl FnOnce(&Path) -> String,
    ) -> Option<PathBuf> {
        let Some(path) = self.beside_data_file(suffix, extension) else {
            self.set_error(self.lang.t("export.no_file").to_owned());
            return None;
        };
        match store::write_file(&path, bytes, store::Sharing::Shared) {
            Ok(_) => {
                self.set_info(done(&path));
                Some(path)
            }
            Err(e) => {
                self.set_error(self.lang.tf("export.failed", &[("path", &path.display()), ("error", &e)]));
                None
            }
        }
    }

    pub(super) fn export_command(&mut self, arg: &str) {
        let format = match arg {
            "" | "csv" => export::Format::Csv,
            "json" => export::Format::Json,
            "markdown" | "md" => export::Format::Markdown,
            other => {
                self.set_error(self.lang.tf("export.unknown_format", &[("format", &other)]));
                return;
            }
        };
        let bytes = export::render(&self.portfolio, format, self.lang, export::DEFAULT_DELIMITER, self.today);
        let (lang, count) = (self.lang, self.portfolio.initiatives.len());
        let written = self.write_beside("", format.extension(), &bytes, |path| {
            lang.tf("export.written", &[("count", &count), ("path", &path.display())])
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
            other => {
                self.set_error(self.lang.tf("report.unknown_format", &[("format", &other)]));
                return;
            }
        };
        let text = report::render(&self.portfolio, format, self.today, self.lang);
        let lang = self.lang;
        self.write_beside("-report", format.extension(), text.as_bytes(), |path| {
            lang.tf("report.written", &[("path", &path.display())])
        });
    }

    /// Reads the CSV and adds every row as one undoable step, or nothing and says why.
    pub(super) fn import_command(&mut self, arg: &str) {
        if arg.is_empty() {
            self.set_error(self.lang.t("import.usage").to_owned());
            return;
        }
        if !self.writable() {
            return;
        }
        let file = match (arg.strip_prefix("~/"), std::env::var_os("HOME")) {
            (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
            _ => PathBuf::from(arg),
        };
        let parsed = match import::read(&file, &self.portfolio, self.lang, self.today) {
            Ok(parsed) => parsed,
            Err(e) => {
                let problems = match &e {
                    import::ImportError::Bad { problems, .. } => {
                        let count = self
                            .lang
                            .tf("import.problems", &[("count", &problems.len()), ("file", &file.display())]);
                        let first: Vec<String> =
                            problems.iter().take(3).map(|p| p.localized(self.lang)).collect();
                        format!("{count}: {}", first.join(" · "))
                    }
                    import::ImportError::Io { .. } => e.to_string(),
                };
                self.set_error(self.lang.tf("import.failed_app", &[("problems", &problems)]));
                return;
            }
        };
        if parsed.initiatives.is_empty() {
            self.set_info(self.lang.t("import.none").to_owned());
            return;
        }
        let count = parsed.initiatives.len();
        let change = import::into_change(&mut self.portfolio, parsed.initiatives);
        let ids: Vec<_> = match &change {
            crate::history::Change::Batch(changes) => {
                changes.iter().filter_map(crate::history::Change::initiative_id).collect()
            }
            _ => Vec::new(),
        };
        if self.commit(change) {
            let first = ids.first().map(|i| format!("#{i}")).unwrap_or_default();
            let last = ids.last().map(|i| format!("#{i}")).unwrap_or_default();
            let mut text = self.lang.tf(
                "import.done_app",
                &[("count", &count), ("first", &first), ("last", &last), ("file", &file.display())],
            );
            for note in parsed.notes {
                text.push(' ');
                text.push_str(&note);
            }
            if !parsed.ignored.is_empty() {
                text.push(' ');
                text.push_str(&self.lang.tf("import.ignored", &[("columns", &parsed.ignored.join(", "))]));
            }
            // Keep the message over the "Saved." that commit set, unless saving failed.
            if !self.unsaved {
                self.set_info(text);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::action::Action;
    use crate::model::{Initiative, Portfolio};
    use crate::testing::Harness;

    #[test]
    fn import_is_one_undoable_step() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let csv = dir.path().join("in.csv");
        std::fs::write(&csv, "Titel;Fasett\nA;adaptiv\nB;föregripande\n").expect("writing");
        let mut p = Portfolio::default();
        p.initiatives.push(Initiative { id: 1, title: "Old".into(), ..Initiative::default() });
        let mut app = Harness::new(p);
        app.update(Action::RunCommand(format!("import {}", csv.display())));
        assert_eq!(app.portfolio.initiatives.len(), 3, "{:?}", app.status);
        assert_eq!(app.portfolio.initiatives[2].id, 3);
        assert!(app.status.as_ref().is_some_and(|s| s.text.contains("#2–#3")), "{:?}", app.status);
        app.update(Action::Undo);
        assert_eq!(app.portfolio.initiatives.len(), 1, "one undo takes the whole import back");
        app.update(Action::Redo);
        assert_eq!(app.portfolio.initiatives.len(), 3);

        std::fs::write(&csv, "Titel;Fasett\nC;adaptiv\n;x\n").expect("writing");
        app.update(Action::RunCommand(format!("import {}", csv.display())));
        assert_eq!(app.portfolio.initiatives.len(), 3, "nothing from a file with a bad row");
        assert!(
            app.status.as_ref().is_some_and(|s| s.is_error && s.text.contains("line 3")),
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
    fn export_and_report_need_a_data_file() {
        let mut app = Harness::empty();
        app.update(Action::RunCommand("export csv".into()));
        assert!(app.status.as_ref().is_some_and(|s| s.is_error));
        app.update(Action::RunCommand("report pdf".into()));
        assert!(app.status.as_ref().is_some_and(|s| s.is_error && s.text.contains("pdf")));
    }
}
