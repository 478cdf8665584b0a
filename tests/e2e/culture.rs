//! End to end: a facilitator runs the innovation-journey checklist in the real binary — scores
//! five items with digits, writes a note, books an action with a follow-up — and finds exactly
//! that in the file; a second run of the same checklist shows the comparison.

use fasett::model::Portfolio;
use fasett::scoring;
use fasett::templates::Catalog;

use crate::pty::{Key, Pty, Sandbox, TIMEOUT};

fn read_portfolio(sandbox: &Sandbox) -> Portfolio {
    let path = sandbox.default_file();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).expect("the data file is a portfolio")
}

fn start(sandbox: &Sandbox) -> Pty {
    let mut app = sandbox.start::<_, &str>([]);
    app.press("3", "Checklist runs");
    app
}

/// Starts fasett on the checklist runs and a new run of the checklist the dialog offers first
/// (waiting until it shows `offered`), with none of its `items` answered yet.
fn start_run(sandbox: &Sandbox, offered: &str, items: usize) -> Pty {
    let mut app = start(sandbox);
    app.press("n", offered);
    app.press_key(Key::Enter, &format!("0/{items} answered"));
    app
}

/// The innovation journey's item ids in rating order.
fn journey_items() -> Vec<String> {
    let catalog = Catalog::bundled();
    let t = catalog.find("innovation_journey").expect("bundled");
    scoring::items_in_order(t).iter().map(|i| i.id.clone()).collect()
}

#[test]
fn a_run_is_scored_noted_and_planned_then_compared_with_the_next() {
    let sandbox = Sandbox::new();
    let mut app = start(&sandbox);
    app.wait_for("No checklist runs yet", TIMEOUT);

    app.press("n", "New checklist run");
    app.wait_for("◂ ", TIMEOUT);
    // →  steps through the installed checklists until the journey is shown.
    for _ in 0..7 {
        if app.screen_text().contains("◂ The innovation journey ▸") {
            break;
        }
        app.send_key(Key::Right);
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    app.wait_for("◂ The innovation journey ▸", TIMEOUT);
    app.press_key(Key::Enter, "0/18 answered");

    // Each score moves on to the next item under the same perspective.
    for (n, score) in ["3", "4", "2", "5", "1"].iter().enumerate() {
        app.press(score, &format!("{}/18 answered", n + 1));
    }
    app.press("9", "outside this checklist's scale");
    // The note is for the item just scored.
    app.send("k");

    app.press_key(Key::Enter, "save the note");
    app.send("Failures are hushed up");
    app.press_key(Key::Enter, "Note saved");

    app.press("a", "New action");
    app.send("Learning seminar");
    app.tab(5);
    app.send("2027-01-15");
    app.press_key(Key::CtrlS, "added to the plan");

    app.press_key(Key::Esc, "Checklist runs (1)");
    app.quit();

    let items = journey_items();
    let p = read_portfolio(&sandbox);
    assert_eq!(p.templates.len(), 1, "a copy of the template is stored");
    assert_eq!((p.templates[0].id.as_str(), p.templates[0].version), ("innovation_journey", 1));
    assert_eq!(p.assessments.len(), 1);
    let run = &p.assessments[0];
    assert_eq!((run.template.as_str(), run.template_version), ("innovation_journey", 1));
    let scored: Vec<(String, Option<String>, Option<u8>, String)> = run
        .answers
        .iter()
        .map(|a| (a.item.clone(), a.perspective.clone(), a.score, a.note.clone()))
        .collect();
    let org = Some("organisation".to_owned());
    let expected: Vec<(String, Option<String>, Option<u8>, String)> = [3, 4, 2, 5, 1]
        .iter()
        .enumerate()
        .map(|(n, s)| {
            let note = if n == 4 { "Failures are hushed up".to_owned() } else { String::new() };
            (items[n].clone(), org.clone(), Some(*s), note)
        })
        .collect();
    assert_eq!(scored, expected, "exactly the five scores and the note");
    assert_eq!(p.actions.len(), 1);
    let action = &p.actions[0];
    assert_eq!(action.what, "Learning seminar");
    assert_eq!(action.follow_up.map(|d| d.to_string()).as_deref(), Some("2027-01-15"));
    assert_eq!(action.assessment, Some(run.id));
    assert_eq!(action.item.as_deref(), Some(items[4].as_str()));
    assert!(!action.done);

    // Months later (here: at once) the group runs the same checklist again.
    let mut app = start_run(&sandbox, "◂ The innovation journey ▸", 18);
    app.press("5", "1/18 answered");
    app.press("3", "2/18 answered");
    app.press("c", "Comparison");
    app.wait_for("↑ +2.0", TIMEOUT);
    app.wait_for("↓ -1.0", TIMEOUT);
    app.wait_for("2 runs", TIMEOUT);
    app.press_key(Key::Esc, "Checklist runs (2)");
    app.quit();

    let p = read_portfolio(&sandbox);
    assert_eq!(p.assessments.len(), 2);
    assert_eq!(p.templates.len(), 1, "the template copy is not stored twice");
    assert_eq!(p.assessments[1].scope, p.assessments[0].scope, "the re-run keeps the scope");
}

#[test]
fn a_group_is_typed_a_line_per_item_and_found_in_the_file() {
    let sandbox = Sandbox::new();
    let mut app = start_run(&sandbox, "New checklist run", 10);
    app.press("e", "one digit each");
    // Two lines typed at once, as a terminal delivers a fast burst or a paste: each is an item.
    app.press("0122\r2101\r", "2/10 scored · 0/10 agreed");
    app.press("3", "outside this checklist's scale (0–2)");
    app.send("1");
    app.press_key(Key::Enter, "3/10 scored");
    // Esc and a letter sent together would read as Alt and the letter: wait in between.
    app.press_key(Key::Esc, "e all scores");
    app.press("r", "4 respondents · spread = standard deviation");
    app.press_key(Key::Esc, "Checklist runs (1)");
    app.quit();

    let p = read_portfolio(&sandbox);
    let run = &p.assessments[0];
    assert_eq!(run.template, "culture_measures", "the first checklist in the dialog");
    assert_eq!(run.responses.len(), 4);
    assert_eq!(run.responses.iter().map(|r| r.id).collect::<Vec<_>>(), [1, 2, 3, 4]);
    let counts: Vec<usize> = run.responses.iter().map(|r| r.scores.len()).collect();
    assert_eq!(counts, [3, 2, 2, 2], "the third item has only R1's score");
}
