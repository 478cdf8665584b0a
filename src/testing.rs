//! The harness for app-level tests: build an [`App`] the way fasett starts, drive it with
//! keys the way the terminal loop does, and read the screen as text.
//!
//! Used by the unit tests in `src/` and by the integration tests alike, so it is compiled
//! with the library and depends on nothing but the library's own dependencies.
//!
//! A test is a few lines:
//!
//! ```text
//! let mut app = Harness::sample();
//! app.keys("2n").type_text("Nattfasta").press("<Enter>");
//! assert_eq!(app.selected_id(), Some(26));
//! insta::assert_snapshot!(app.render(80, 24));
//! ```
//!
//! Every harness starts on [`TODAY`] in UTC without colours (as `NO_COLOR` would), so
//! snapshots do not drift with the calendar or the machine's time zone. The harness dereferences to its [`App`], so `app.mode`,
//! `app.portfolio` and `app.update(…)` work as on the app itself.

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::time::Instant;

use jiff::civil::{Date, date};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;

use crate::action::{Action, Pane};
use crate::app::{App, Options};
use crate::i18n::Lang;
use crate::model::{Initiative, Portfolio};
use crate::store::{self, Opened, Store};

/// The day every harness starts on.
pub const TODAY: Date = date(2026, 11, 25);

/// What [`Harness::render`] shows instead of the data file's folder, so snapshots do not
/// depend on where temporary folders are made.
pub const DIR_PLACEHOLDER: &str = "[dir]";

/// A fresh temporary folder (kept while the `TempDir` lives) holding the file `name` with
/// `contents`; returns both, the file's full path second.
pub fn temp_file(name: &str, contents: impl AsRef<[u8]>) -> (TempDir, PathBuf) {
    let dir = temp_dir();
    let path = dir.path().join(name);
    std::fs::write(&path, contents).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
    (dir, path)
}

/// A fresh temporary folder, removed when the `TempDir` is dropped; a test that cannot make
/// one says where it tried.
pub fn temp_dir() -> TempDir {
    tempfile::Builder::new()
        .prefix("fasett-")
        .tempdir()
        .unwrap_or_else(|e| panic!("making a temporary folder in {}: {e}", std::env::temp_dir().display()))
}

/// For tests of writing through a symbolic link: in `dir`, the file `target` holding
/// `text` and the link `link` naming it relative to the link's folder (`../real/data.json`),
/// with the folders of both made. Returns the file's and the link's full paths.
pub fn linked_file(dir: &Path, target: &str, link: &str, text: &str) -> (PathBuf, PathBuf) {
    let (real, at) = (dir.join(target), dir.join(link));
    for folder in [&real, &at].into_iter().filter_map(|p| p.parent()) {
        std::fs::create_dir_all(folder).unwrap_or_else(|e| panic!("making {}: {e}", folder.display()));
    }
    std::fs::write(&real, text).unwrap_or_else(|e| panic!("writing {}: {e}", real.display()));
    let up = "../".repeat(Path::new(link).components().count().saturating_sub(1));
    std::os::unix::fs::symlink(format!("{up}{target}"), &at)
        .unwrap_or_else(|e| panic!("linking {} to {target}: {e}", at.display()));
    (real, at)
}

/// Whether `path` is a symbolic link itself, whatever it names.
pub fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// The bundled sample portfolio (`data/sample.json`), loaded as the app loads a file.
pub fn sample() -> Portfolio {
    store::parse(crate::demo::SAMPLE.as_bytes(), Path::new("data/sample.json"))
        .unwrap_or_else(|e| panic!("the bundled sample does not load: {e}"))
}

/// An app under test, the temporary folder its data file lives in (if any), and the test
/// terminal it is drawn on.
pub struct Harness {
    pub app: App,
    dir: Option<TempDir>,
    terminal: Option<Terminal<TestBackend>>,
}

impl Harness {
    /// An app showing `portfolio`, kept in memory only (no data file, nothing is saved).
    pub fn new(portfolio: Portfolio) -> Self {
        Self::start(portfolio, None, false)
    }

    /// An app with an empty portfolio, in memory only.
    pub fn empty() -> Self {
        Self::new(Portfolio::default())
    }

    /// An app with the bundled [`sample`], in memory only.
    pub fn sample() -> Self {
        Self::new(sample())
    }

    /// An app with one initiative per title, numbered from 1, in memory only.
    pub fn with_titles(titles: &[&str]) -> Self {
        let mut portfolio = Portfolio::default();
        for (id, title) in (1..).zip(titles) {
            portfolio.initiatives.push(Initiative { id, title: (*title).into(), ..Initiative::default() });
        }
        Self::new(portfolio)
    }

    /// An app with the portfolio in a fixture file (relative paths start at the crate's
    /// root), in memory only: the fixture is never written.
    pub fn fixture(path: impl AsRef<Path>) -> Self {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        match store::load(&path) {
            Ok(Some(portfolio)) => Self::new(portfolio),
            Ok(None) => panic!("{} does not exist", path.display()),
            Err(e) => panic!("{} does not load: {e}", path.display()),
        }
    }

    /// A first run: no data file yet in a fresh temporary folder, with the welcome showing.
    /// The first edit creates the file, as it would for a new user.
    pub fn first_run() -> Self {
        Self::in_temp_dir(None)
    }

    /// An app on a real data file holding `portfolio`, in a fresh temporary folder, with a
    /// [`Store`]: edits are saved, for tests of saving.
    pub fn on_disk(portfolio: &Portfolio) -> Self {
        Self::in_temp_dir(Some(portfolio))
    }

    /// An app on the data file at `path`, opened for writing as `fasett --file path` would.
    pub fn open(path: &Path) -> Self {
        Self::opened(Store::open(path, false).unwrap_or_else(|e| panic!("opening {}: {e}", path.display())))
    }

    /// An app on a store the test opened itself (read-only, or with failing file operations).
    pub fn opened(opened: Opened) -> Self {
        Self::start(opened.portfolio, Some(opened.store), !opened.existed)
    }

    fn in_temp_dir(portfolio: Option<&Portfolio>) -> Self {
        let dir = temp_dir();
        let path = dir.path().join("portfolio.json");
        if let Some(portfolio) = portfolio {
            std::fs::write(&path, store::to_json(portfolio))
                .unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
        }
        let mut harness = Self::open(&path);
        harness.dir = Some(dir);
        harness
    }

    /// An app that is only drawn, never given a key, as the first frame of a large file is
    /// (see [`Options::drawn_only`]), in memory only.
    pub fn drawn_only(portfolio: Portfolio) -> Self {
        Self::start_with(portfolio, None, &Options { no_color: true, drawn_only: true, ..Options::default() })
    }

    fn start(portfolio: Portfolio, store: Option<Store>, first_run: bool) -> Self {
        // Each save is waited for, so a test finds on disk what it just did.
        Self::start_with(
            portfolio,
            store,
            &Options { no_color: true, first_run, wait_for_saves: true, ..Options::default() },
        )
    }

    fn start_with(portfolio: Portfolio, store: Option<Store>, options: &Options) -> Self {
        let mut app = App::new(portfolio, store, options);
        app.today = TODAY;
        app.zone = jiff::tz::TimeZone::UTC;
        Self { app, dir: None, terminal: None }
    }

    /// The same app showing `pane`.
    #[must_use]
    pub fn on(mut self, pane: Pane) -> Self {
        self.app.update(Action::ShowPane(pane));
        self
    }

    /// The same app in another language.
    #[must_use]
    pub fn lang(mut self, lang: Lang) -> Self {
        self.app.lang = lang;
        self
    }

    /// The same app drawn in ASCII only, as on a terminal whose locale is not UTF-8.
    #[must_use]
    pub fn ascii(mut self) -> Self {
        self.app.ascii = true;
        self
    }

    /// The temporary folder the data file is in, for harnesses that made one.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_ref().map(TempDir::path)
    }

    /// Presses one key: `'j'`, `KeyCode::Enter`, a `KeyEvent`, or one key in the notation of
    /// [`Harness::keys`] such as `"<C-s>"` or `"<S-Right>"`.
    pub fn press(&mut self, key: impl Into<Key>) -> &mut Self {
        let Key(key) = key.into();
        self.send(&[Event::Key(key)]);
        self
    }

    /// Presses `key` `times` times.
    pub fn press_times(&mut self, key: impl Into<Key> + Copy, times: usize) -> &mut Self {
        for _ in 0..times {
            self.press(key);
        }
        self
    }

    /// Presses a run of keys: each character is a key, and `<…>` names one, with `C-`
    /// (control), `S-` (shift) and `A-` (alt) in front as needed: `"jjk"`, `"n<Tab><C-s>"`,
    /// `"<S-Right><Esc>"`. `<lt>` is the `<` key.
    pub fn keys(&mut self, notation: &str) -> &mut Self {
        for key in parse_keys(notation) {
            self.send(&[Event::Key(key)]);
        }
        self
    }

    /// Types `text` one character at a time, with no notation: `<` is just `<`.
    pub fn type_text(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            self.press(c);
        }
        self
    }

    /// Pastes `text` as a terminal with bracketed paste delivers it: in one piece.
    pub fn paste(&mut self, text: &str) -> &mut Self {
        self.send(&[Event::Paste(text.to_owned())]);
        self
    }

    /// Types `text` as a terminal without bracketed paste delivers a paste: one key press
    /// per character (Enter for a line break), all arriving at once.
    pub fn burst(&mut self, text: &str) -> &mut Self {
        let events: Vec<Event> = text
            .chars()
            .map(|c| {
                let code = if c == '\n' { KeyCode::Enter } else { KeyCode::Char(c) };
                Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
            })
            .collect();
        self.send(&events);
        self
    }

    /// Waits, pressing nothing, until the external-change dialog takes answers (keys come
    /// no sooner than [`crate::app::DIALOG_SETTLE`] after it appeared or ignored a key), as
    /// someone reading it does.
    pub fn settle(&mut self) -> &mut Self {
        std::thread::sleep(crate::app::DIALOG_SETTLE);
        self
    }

    /// Resizes the terminal to `width` × `height`, as the terminal would tell the app.
    pub fn resize(&mut self, width: u16, height: u16) -> &mut Self {
        self.send(&[Event::Resize(width, height)]);
        self
    }

    /// The one way events reach the app: what the terminal loop does with each batch of
    /// events the terminal had ready at once.
    fn send(&mut self, events: &[Event]) {
        crate::input::handle_batch(&mut self.app, events);
        self.app.track_draft(Instant::now());
    }

    /// Draws one frame on a `width` × `height` terminal (telling the app about the size
    /// first if it has not seen it), as the terminal loop does after every batch of events.
    pub fn draw(&mut self, width: u16, height: u16) {
        if self.app.size != (width, height) {
            self.resize(width, height);
        }
        let size = ratatui::layout::Size { width, height };
        let terminal = match &mut self.terminal {
            Some(terminal) if terminal.backend().buffer().area.as_size() == size => terminal,
            other => other.insert(
                Terminal::new(TestBackend::new(width, height))
                    .unwrap_or_else(|e| panic!("a test terminal: {e}")),
            ),
        };
        let app = &self.app;
        terminal.draw(|frame| crate::ui::draw(app, frame)).unwrap_or_else(|e| panic!("drawing: {e}"));
    }

    /// The whole screen as text after drawing it at `width` × `height`, one quoted line per
    /// row, with the data file's folder shown as [`DIR_PLACEHOLDER`].
    pub fn render(&mut self, width: u16, height: u16) -> String {
        self.draw(width, height);
        let screen = self.terminal.as_ref().map(|t| t.backend().to_string()).unwrap_or_default();
        let mut dirs: Vec<String> = self
            .dir()
            .map(Path::to_path_buf)
            .into_iter()
            .chain(self.app.path().and_then(Path::parent).map(Path::to_path_buf))
            .filter(|d| !d.as_os_str().is_empty())
            .map(|d: PathBuf| d.display().to_string())
            .collect();
        // The longest first, so a folder inside another is replaced whole.
        dirs.sort_by_key(|d| std::cmp::Reverse(d.len()));
        dirs.dedup();
        screen.lines().map(|line| hide_dirs(line, &dirs) + "\n").collect()
    }

    /// The whole screen as [`Harness::render`] gives it, each row followed by a row of its
    /// text styles, one mark per column: `R` reverse (the selection without colours), `U`
    /// underlined (errors and overdue dates), `B` bold, `D` dim, `I` italic, blank for none.
    /// The strongest mark of a cell shows.
    pub fn render_styles(&mut self, width: u16, height: u16) -> String {
        use ratatui::style::Modifier;
        let text = self.render(width, height);
        let Some(terminal) = self.terminal.as_ref() else { return text };
        let buffer = terminal.backend().buffer();
        let mut out = String::new();
        for (y, line) in (0..height).zip(text.lines()) {
            let marks: String = (0..width)
                .map(|x| {
                    let m = buffer[(x, y)].modifier;
                    [
                        (Modifier::REVERSED, 'R'),
                        (Modifier::UNDERLINED, 'U'),
                        (Modifier::BOLD, 'B'),
                        (Modifier::DIM, 'D'),
                        (Modifier::ITALIC, 'I'),
                    ]
                    .into_iter()
                    .find_map(|(modifier, mark)| m.contains(modifier).then_some(mark))
                    .unwrap_or(' ')
                })
                .collect();
            out.push_str(line);
            out.push('\n');
            out.push_str(format!(" {marks}").trim_end());
            out.push('\n');
        }
        out
    }

    /// The screen at 80 × 24, checked to show `text` (the screen is printed when it does not).
    #[track_caller]
    pub fn shows(&mut self, text: &str) -> String {
        let screen = self.render(80, 24);
        assert!(screen.contains(text), "{screen}");
        screen
    }

    /// The whole screen at the size the app last saw (80 × 24 unless resized).
    pub fn screen(&mut self) -> String {
        let (width, height) = self.app.size;
        self.render(width, height)
    }

    /// Where the last frame drawn left the terminal's cursor (column, row), when it shows.
    pub fn cursor(&self) -> Option<(u16, u16)> {
        let backend = self.terminal.as_ref()?.backend();
        backend.cursor_visible().then(|| (backend.cursor_position().x, backend.cursor_position().y))
    }

    /// The status line: its text and whether it is an error.
    pub fn status(&self) -> Option<(String, bool)> {
        self.app.status.as_ref().map(|s| (s.text.clone(), s.is_error))
    }

    /// The status line's text, empty when there is none.
    pub fn message(&self) -> String {
        self.app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default()
    }
}

impl Deref for Harness {
    type Target = App;

    fn deref(&self) -> &App {
        &self.app
    }
}

impl DerefMut for Harness {
    fn deref_mut(&mut self) -> &mut App {
        &mut self.app
    }
}

/// Replaces each folder in `dirs` with [`DIR_PLACEHOLDER`] in one screen line. The columns
/// the folder took beyond the placeholder become spaces after the rest of the path, so
/// whatever follows on the line stays where it was however long the folder's name.
fn hide_dirs(line: &str, dirs: &[String]) -> String {
    let mut line = line.to_owned();
    for dir in dirs {
        let mut out = String::with_capacity(line.len());
        let mut rest = line.as_str();
        while let Some(at) = rest.find(dir.as_str()) {
            out.push_str(&rest[..at]);
            out.push_str(DIR_PLACEHOLDER);
            rest = &rest[at + dir.len()..];
            let end = rest.find([' ', '"', '│']).unwrap_or(rest.len());
            out.push_str(&rest[..end]);
            let freed = dir.chars().count().saturating_sub(DIR_PLACEHOLDER.chars().count());
            out.extend(std::iter::repeat_n(' ', freed));
            rest = &rest[end..];
        }
        out.push_str(rest);
        line = out;
    }
    line
}

/// One key press as a test names it; see [`Harness::press`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key(pub KeyEvent);

impl From<KeyEvent> for Key {
    fn from(key: KeyEvent) -> Self {
        Key(key)
    }
}

impl From<KeyCode> for Key {
    fn from(code: KeyCode) -> Self {
        Key(KeyEvent::new(code, KeyModifiers::NONE))
    }
}

impl From<char> for Key {
    fn from(c: char) -> Self {
        Key::from(KeyCode::Char(c))
    }
}

impl From<&str> for Key {
    /// Exactly one key in the notation of [`Harness::keys`]; anything else is a mistake in
    /// the test and panics.
    fn from(notation: &str) -> Self {
        match parse_keys(notation).as_slice() {
            [key] => Key(*key),
            keys => panic!("{notation:?} is {} keys, not one", keys.len()),
        }
    }
}

/// The keys in `notation` (see [`Harness::keys`]); panics on a key it does not know.
pub fn parse_keys(notation: &str) -> Vec<KeyEvent> {
    let mut keys = Vec::new();
    let mut chars = notation.chars();
    while let Some(c) = chars.next() {
        if c != '<' {
            keys.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            continue;
        }
        let name: String = chars.by_ref().take_while(|c| *c != '>').collect();
        keys.push(named_key(&name).unwrap_or_else(|| panic!("unknown key <{name}> in {notation:?}")));
    }
    keys
}

/// The key called `name` inside `<…>`, modifiers included.
fn named_key(name: &str) -> Option<KeyEvent> {
    let mut modifiers = KeyModifiers::NONE;
    let mut base = name;
    while let Some((prefix, rest)) = base.split_once('-').filter(|(_, rest)| !rest.is_empty()) {
        modifiers |= match prefix.to_ascii_uppercase().as_str() {
            "C" => KeyModifiers::CONTROL,
            "S" => KeyModifiers::SHIFT,
            "A" | "M" => KeyModifiers::ALT,
            _ => return None,
        };
        base = rest;
    }
    let mut letters = base.chars();
    let code = match (letters.next(), letters.next()) {
        (Some(c), None) => KeyCode::Char(c),
        _ => match base.to_ascii_lowercase().as_str() {
            "enter" | "cr" | "return" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            // Terminals report shift-tab as a key of its own.
            "tab" if modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            "tab" => KeyCode::Tab,
            "bs" | "backspace" => KeyCode::Backspace,
            "del" | "delete" => KeyCode::Delete,
            "insert" => KeyCode::Insert,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "space" => KeyCode::Char(' '),
            "lt" => KeyCode::Char('<'),
            f => KeyCode::F(f.strip_prefix('f')?.parse().ok()?),
        },
    };
    Some(KeyEvent::new(code, modifiers))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notation_names_keys_with_their_modifiers() {
        let key = |code, modifiers| KeyEvent::new(code, modifiers);
        assert_eq!(
            parse_keys("j<Enter><C-s><S-Right><S-Tab><lt><F1><Space>"),
            [
                key(KeyCode::Char('j'), KeyModifiers::NONE),
                key(KeyCode::Enter, KeyModifiers::NONE),
                key(KeyCode::Char('s'), KeyModifiers::CONTROL),
                key(KeyCode::Right, KeyModifiers::SHIFT),
                key(KeyCode::BackTab, KeyModifiers::SHIFT),
                key(KeyCode::Char('<'), KeyModifiers::NONE),
                key(KeyCode::F(1), KeyModifiers::NONE),
                key(KeyCode::Char(' '), KeyModifiers::NONE),
            ]
        );
        assert_eq!(Key::from("<C-->").0, key(KeyCode::Char('-'), KeyModifiers::CONTROL));
        assert_eq!(named_key("Nonsense"), None);
        assert_eq!(named_key("X-a"), None);
    }

    #[test]
    fn the_data_folder_is_hidden_and_the_columns_after_the_path_stay_put() {
        let dirs = ["/tmp/fasett-abc123".to_owned()];
        let line = "\"│saved in /tmp/fasett-abc123/portfolio.json   │\"";
        let hidden = hide_dirs(line, &dirs);
        assert_eq!(hidden, "\"│saved in [dir]/portfolio.json                │\"");
        assert_eq!(hidden.chars().count(), line.chars().count());
    }

    #[test]
    fn a_test_is_a_few_lines() {
        let mut app = Harness::sample();
        app.keys("2n").type_text("Nattfasta").press("<Enter>");
        assert_eq!(app.selected_id(), Some(26));
        assert!(app.render(80, 24).contains("▸#26"), "{}", app.screen());
    }

    #[test]
    fn a_fixture_is_read_and_never_written() {
        let path = "tests/fixtures/valid/minimal.json";
        let before = std::fs::read(path).expect("the fixture");
        let mut app = Harness::fixture(path);
        assert_eq!(app.path(), None);
        app.keys("2n").type_text("Ny").press("<Enter>");
        assert_eq!(std::fs::read(path).expect("the fixture"), before);
    }

    #[test]
    fn a_first_run_shows_where_the_file_will_be_and_a_keypress_reaches_the_app() {
        let mut app = Harness::first_run();
        assert!(app.dir().is_some_and(|d| app.path().is_some_and(|p| p.starts_with(d))));
        assert!(app.screen().contains("[dir]/portfolio.json"), "{}", app.screen());
        app.keys("2n").type_text("Första").press(KeyCode::Enter);
        assert_eq!(app.portfolio.initiatives.len(), 1);
        assert!(app.path().is_some_and(Path::exists), "the first edit writes the file");
    }
}
