//! End to end: fasett in the terminals people have (issue 15) — a tmux window in an 80×24
//! terminal (80×23), split windows (64×20, 60×20), one too small, `TERM=dumb`, a locale
//! without UTF-8, `NO_COLOR`, and the colour choice `:color` remembers for SSH.

use std::thread;
use std::time::Duration;

use crate::pty::{Key, Sandbox, TIMEOUT};
use crate::{en, read_json, wait_for_facet};

#[test]
fn capture_move_and_quit_in_a_tmux_window_and_in_split_ones() {
    for (cols, rows) in [(80, 23), (64, 20), (60, 20)] {
        let sandbox = Sandbox::new();
        let file = sandbox.default_file();
        let mut app = sandbox.spawn_sized::<_, &str>([], cols, rows);
        // The compact layout, not the notice; its footer keeps help and quit.
        app.wait_for(&format!("? {}", en("help.help")), TIMEOUT);
        app.wait_for(&format!("q {}", en("help.quit")), TIMEOUT);

        // Capture in the grid's first facet.
        app.press("n", &en("form.title_new"));
        app.send("Nattfasta i hemtjänsten");
        app.press_key(Key::Enter, "#1 created and saved");
        wait_for_facet(&app, &file, 1, "mission_oriented");

        // Move it to the neighbouring facet: it is selected in its cell, on screen.
        app.wait_for("▸#1", TIMEOUT);
        app.send_key(Key::ShiftRight);
        wait_for_facet(&app, &file, 1, "anticipatory");
        app.wait_for("#1 moved to Anticipatory", TIMEOUT);

        app.quit();
        let saved = read_json(&file);
        assert_eq!(saved["initiatives"][0]["title"], "Nattfasta i hemtjänsten", "{cols}×{rows}");
        assert_eq!(saved["initiatives"][0]["facet"], "anticipatory", "{cols}×{rows}");
    }
}

#[test]
fn below_60x20_the_notice_shows_and_q_quits() {
    for (cols, rows) in [(60, 19), (58, 19)] {
        let sandbox = Sandbox::new();
        let mut app = sandbox.spawn_sized::<_, &str>([], cols, rows);
        app.wait_for(&format!("The terminal is {cols}×{rows}; fasett needs at least 60×20."), TIMEOUT);
        app.quit();
    }
}

#[test]
fn term_dumb_is_told_in_the_user_s_language_and_exits_1_without_drawing() {
    let mut sandbox = Sandbox::new();
    sandbox.env("TERM", "dumb").env("LANG", "sv_SE.UTF-8");
    let out = sandbox.command::<_, &str>([]).output().expect("fasett runs");
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains(&crate::text("sv", "terminal.dumb")), "{said}");
    assert!(out.stdout.is_empty(), "nothing drawn: {:?}", String::from_utf8_lossy(&out.stdout));
    assert!(!sandbox.default_file().exists(), "no file made either");

    // In a terminal too: the message, exit code 1, no alternate screen switched to.
    let mut app = sandbox.spawn::<_, &str>([]);
    app.wait_for("TERM=dumb", TIMEOUT);
    assert_eq!(app.wait_exit(TIMEOUT).exit_code(), 1);
    assert!(!app.with_screen(vt100::Screen::alternate_screen));
}

#[test]
fn a_c_locale_gets_ascii_borders_marks_and_letters() {
    let mut sandbox = Sandbox::new();
    sandbox.env("LANG", "C");
    let mut app = sandbox.start(["demo"]);
    app.wait_for(">#3", TIMEOUT);
    app.wait_for("+-", TIMEOUT);
    app.wait_for("\\ directed", TIMEOUT);
    let screen = app.screen_text();
    assert!(screen.is_ascii(), "non-ASCII on a C locale:\n{screen}");
    assert!(screen.contains("Sjobacka"), "letters lose their accents, not their place:\n{screen}");
    app.quit();

    // FASETT_ASCII=0 keeps Unicode for a UTF-8 terminal whose locale says otherwise.
    sandbox.env("FASETT_ASCII", "0");
    let mut app = sandbox.spawn(["demo"]);
    app.wait_for("▸#3", TIMEOUT);
    app.quit();
}

#[test]
fn color_off_is_remembered_and_color_on_brings_colours_back() {
    let sandbox = Sandbox::new();
    let mut app = sandbox.start(["demo"]);
    assert!(app.coloured_cells() > 0, "colours by default");
    app.send(":color off");
    app.press_key(Key::Enter, &en("status.color_off"));
    app.wait_until("no colours", TIMEOUT, |_| app.coloured_cells() == 0);
    app.quit();

    // Remembered: the next start, over SSH without NO_COLOR, has none either.
    let mut app = sandbox.start(["demo"]);
    thread::sleep(Duration::from_millis(200));
    assert_eq!(app.coloured_cells(), 0, "the remembered choice holds");
    app.send(":color on");
    app.press_key(Key::Enter, &en("status.color_on"));
    app.wait_until("colours again", TIMEOUT, |_| app.coloured_cells() > 0);
    app.quit();

    // NO_COLOR still wins over a remembered `:color on`.
    let mut sandbox = sandbox;
    sandbox.env("NO_COLOR", "1");
    let mut app = sandbox.start(["demo"]);
    thread::sleep(Duration::from_millis(200));
    assert_eq!(app.coloured_cells(), 0);
    app.quit();
}
