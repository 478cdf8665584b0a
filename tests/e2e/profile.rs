//! End to end: the first run's welcome, starting an empty portfolio with a name and a goal,
//! and seeing an initiative count towards that goal (issue 10's journey).

use crate::pty::{Key, Sandbox, TIMEOUT};
use crate::{read_json, welcome};

#[test]
fn welcome_then_name_and_goal_then_a_linked_initiative_shows_in_coverage() {
    let sandbox = Sandbox::new();
    let file = sandbox.default_file();
    let mut app = welcome(&sandbox);
    assert!(!file.exists());

    app.press("o", "Name:");
    app.send("Testby kommun");
    app.press_key(Key::Enter, "Saved");
    app.send("jjj"); // name, vision, mission, then "add a goal"
    app.press_key(Key::Enter, "Goal:");
    app.send("Trygg äldreomsorg");
    app.press_key(Key::Enter, "1. Trygg äldreomsorg");
    // The edit is drawn at once and saved a moment later: the status says when.
    app.wait_for_gone("Saving…", TIMEOUT);
    let saved = read_json(&file);
    assert_eq!(saved["organisation"]["name"], "Testby kommun");
    assert_eq!(saved["organisation"]["goals"][0]["title"], "Trygg äldreomsorg");

    // u undoes the last profile edit, in the file too; Ctrl-r brings it back.
    app.send("u");
    app.wait_for_gone("1. Trygg äldreomsorg", TIMEOUT);
    app.wait_for_gone("Saving…", TIMEOUT);
    assert_eq!(read_json(&file)["organisation"]["goals"].as_array().map(Vec::len), Some(0));
    app.press_key(Key::CtrlR, "1. Trygg äldreomsorg");
    app.wait_for("no active initiative serves it", TIMEOUT);
    app.send_key(Key::Esc);
    // A lone Esc followed at once by a key would read as Alt+key, so wait for it to land.
    app.wait_for_gone("Organisation profile", TIMEOUT);

    // An initiative linked to the goal: title, then Tab to "Serves goals" and tick it.
    app.press("2n", "New initiative");
    app.send("Larm som fungerar");
    // Title → … → Relieves, Benefits, Investment, Running cost, Owner, Unit, Partners, Goals.
    app.tab(15);
    app.send(" ");
    app.press_key(Key::CtrlS, "created and saved");
    assert_eq!(read_json(&file)["initiatives"][0]["goals"][0], 1);

    app.send(":org");
    app.press_key(Key::Enter, "1 active");
    app.send_key(Key::Esc);
    app.wait_for_gone("Organisation profile", TIMEOUT);
    app.quit();
}
