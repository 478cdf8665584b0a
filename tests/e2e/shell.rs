//! End to end: the real binary in a pseudo-terminal — starting, switching panes, help, the demo,
//! a terminal that is too small, read-only and broken files, and `NO_COLOR`.

use std::path::{Path, PathBuf};

use crate::en;
use crate::pty::{Key, Pty, Sandbox, TIMEOUT, write_file};

const TABS: [&str; 4] = ["1 Portfolio", "2 Initiatives", "3 Culture", "4 Overview"];

/// The organisation name in the bundled sample, whatever the sample is today.
fn sample_organisation_name() -> String {
    let name = fasett::testing::sample().organisation.name;
    assert!(!name.trim().is_empty(), "the sample's organisation name is empty");
    name
}

/// Waits for the full interface: every tab and the help hint in the footer.
fn wait_for_shell(app: &Pty) {
    for tab in TABS {
        app.wait_for(tab, TIMEOUT);
    }
    app.wait_for("? help", TIMEOUT);
}

/// Read-only is said somewhere: the badge by the tabs or the status line.
fn wait_for_read_only(app: &Pty) {
    app.wait_until("\"read-only\" in view", TIMEOUT, |screen| screen.to_lowercase().contains("read-only"));
}

/// Writes a small valid data file for `town` to `path`; the bytes written.
fn write_town(path: &Path, town: &str) -> String {
    let contents =
        format!("{{\n  \"schema_version\": 1,\n  \"organisation\": {{\n    \"name\": \"{town}\"\n  }}\n}}\n");
    write_file(path, &contents);
    contents
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// The file still holds exactly `contents`, byte for byte.
fn assert_unchanged(path: &Path, contents: &str) {
    let now = read(path);
    assert!(
        now == contents.as_bytes(),
        "{} was changed; it was:\n{contents}\nand is now:\n{}",
        path.display(),
        String::from_utf8_lossy(&now)
    );
}

/// Regular files directly in `dir` (none if it does not exist).
fn files_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries.map(|e| e.expect("a directory entry").path()).filter(|p| p.is_file()).collect()
}

#[test]
fn first_run_shows_the_shell_quits_cleanly_and_writes_nothing() {
    let sandbox = Sandbox::new();
    let mut app = sandbox.spawn::<_, &str>([]);
    wait_for_shell(&app);
    app.quit();
    let file = sandbox.default_file();
    assert!(!file.exists(), "{} was created before any edit", file.display());
    assert!(!sandbox.data_dir().join("backups").exists(), "backups were made before any edit");
}

#[test]
fn panes_switch_help_opens_and_closes_and_colon_q_quits() {
    let sandbox = Sandbox::new();
    // An existing file, so the panes show themselves rather than the first-run welcome.
    let file = sandbox.write("existing.json", "{\"schema_version\": 1}\n");
    let mut app = sandbox.spawn(["--file", file.to_str().expect("a UTF-8 path")]);
    wait_for_shell(&app);
    app.wait_for(&en("facet.mission_oriented"), TIMEOUT);

    app.press("2", &en("initiatives.title"));
    app.press("3", &en("culture.title"));
    app.press("4", &en("overview.by_stage"));
    app.press_key(Key::Tab, &en("facet.mission_oriented"));
    app.press_key(Key::BackTab, &en("overview.by_stage"));
    app.press_key(Key::BackTab, &en("culture.title"));
    app.press_key(Key::Tab, &en("overview.by_stage"));

    app.press("?", "Keys —");
    app.send_key(Key::Esc);
    app.wait_for_gone("Keys —", TIMEOUT);
    app.wait_for(&en("overview.by_stage"), TIMEOUT);

    app.press(":q", ":q");
    app.send_key(Key::Enter);
    let status = app.wait_exit(TIMEOUT);
    assert!(status.success(), "`:q` exited with {status:?}");
}

#[test]
fn ctrl_c_quits() {
    let sandbox = Sandbox::new();
    let mut app = sandbox.spawn::<_, &str>([]);
    wait_for_shell(&app);
    app.send_key(Key::CtrlC);
    let status = app.wait_exit(TIMEOUT);
    assert!(status.success(), "Ctrl-c exited with {status:?}");
}

#[test]
fn demo_shows_the_sample_and_leaves_the_real_files_alone() {
    let mut sandbox = Sandbox::new();
    // One real file where the default path points, one named by FASETT_FILE that does not exist.
    let real = sandbox.default_file();
    let real_contents = write_town(&real, "Real town");
    let env_file = sandbox.root().join("elsewhere").join("mine.json");
    sandbox.env("FASETT_FILE", &env_file);

    let mut app = sandbox.spawn(["demo"]);
    wait_for_shell(&app);
    app.wait_for(&sample_organisation_name(), TIMEOUT);
    app.quit();

    assert_unchanged(&real, &real_contents);
    assert!(!env_file.exists(), "the demo created the FASETT_FILE {}", env_file.display());
    let name = sample_organisation_name();
    let scratch: Vec<PathBuf> = files_in(&sandbox.data_dir())
        .into_iter()
        .filter(|p| p != &real && p.extension().is_some_and(|e| e == "json"))
        .filter(|p| {
            serde_json::from_slice::<serde_json::Value>(&read(p))
                .is_ok_and(|v| v["organisation"]["name"].as_str() == Some(name.as_str()))
        })
        .collect();
    assert_eq!(
        scratch.len(),
        1,
        "expected one scratch copy of the sample in {}",
        sandbox.data_dir().display()
    );
}

#[test]
fn demo_on_a_first_run_creates_no_real_file() {
    let sandbox = Sandbox::new();
    let mut app = sandbox.spawn(["demo"]);
    app.wait_for(&sample_organisation_name(), TIMEOUT);
    app.quit();
    let real = sandbox.default_file();
    assert!(!real.exists(), "the demo created the real data file {}", real.display());
}

#[test]
fn demo_with_file_leaves_that_file_alone() {
    let sandbox = Sandbox::new();
    let real = sandbox.root().join("mine.json");
    let real_contents = write_town(&real, "Real town");
    let mut app = sandbox.spawn(["--file", real.to_str().expect("a UTF-8 path"), "demo"]);
    app.wait_for(&sample_organisation_name(), TIMEOUT);
    app.quit();
    assert_unchanged(&real, &real_contents);
}

#[test]
fn too_small_a_terminal_gets_a_notice_and_q_still_quits() {
    let sandbox = Sandbox::new();
    let mut app = sandbox.spawn_sized::<_, &str>([], 59, 20);
    app.wait_for("fasett needs at least 60×20", TIMEOUT);
    app.quit();
}

#[test]
fn read_only_flag_on_a_valid_file_says_read_only_and_writes_nothing() {
    let sandbox = Sandbox::new();
    let file = sandbox.root().join("portfolio.json");
    let contents = write_town(&file, "Read town");
    let mut app = sandbox.spawn(["--read-only", "--file", "portfolio.json"]);
    wait_for_shell(&app);
    // At 80 columns the tab bar keeps the read-only badge and shortens the name.
    app.wait_for("[read-only]", TIMEOUT);
    wait_for_read_only(&app);
    // An undo is an edit attempt: refused, nothing written.
    app.send("u");
    app.quit();
    assert_unchanged(&file, &contents);
}

#[test]
fn a_broken_file_opens_read_only_with_the_error_in_view_and_stays_unchanged() {
    let sandbox = Sandbox::new();
    let contents = "{\"schema_version\": 1,";
    let file = sandbox.write("broken.json", contents);
    let mut app = sandbox.spawn(["--file", "broken.json"]);
    wait_for_shell(&app);
    wait_for_read_only(&app);
    app.wait_until("the parse error (with its line) in view", TIMEOUT, |screen| {
        screen.lines().any(|l| l.contains("line") && !l.contains("? help"))
    });
    app.send("u");
    app.press(":w", ":w");
    app.send_key(Key::Enter);
    app.wait_for_gone(":w", TIMEOUT);
    app.quit();
    assert_unchanged(&file, contents);
}

#[test]
fn no_color_starts_without_colours_and_quits() {
    let mut sandbox = Sandbox::new();
    sandbox.env("NO_COLOR", "1");
    let mut app = sandbox.spawn::<_, &str>([]);
    wait_for_shell(&app);
    let coloured = app.coloured_cells();
    assert_eq!(coloured, 0, "with NO_COLOR set, {coloured} cells still have a colour");
    app.quit();
}

#[test]
fn exports_on_a_terminal_show_escape_sequences_instead_of_obeying_them() {
    let sandbox = Sandbox::new();
    let file = sandbox.root().join("hostile.json");
    let mut sample: serde_json::Value =
        serde_json::from_str(fasett::demo::SAMPLE).expect("the sample parses");
    sample["initiatives"][0]["title"] = "Evil\u{1b}[2J\u{1b}]0;pwned\u{7}title".into();
    // One short initiative, so the whole export fits on the screen.
    let first = sample["initiatives"][0].clone();
    sample["initiatives"] = serde_json::json!([first]);
    sample["initiatives"][0]["description"] = "".into();
    sample["initiatives"][0]["log"] = serde_json::json!([]);
    // The Markdown export ends with the checklist runs' tables; none here, so it all fits.
    sample["assessments"] = serde_json::json!([]);
    std::fs::write(&file, serde_json::to_string(&sample).expect("serialises")).expect("writes");
    // Markdown escapes the bracket too, so it is not read as a link.
    for (format, shown) in [("csv", "Evil␛[2J"), ("markdown", "Evil␛\\[2J")] {
        let mut app = sandbox.spawn(["export", "--format", format, "--file", file.to_str().expect("UTF-8")]);
        app.wait_for(shown, TIMEOUT);
        assert!(app.wait_exit(TIMEOUT).success());
    }
}
