//! End to end: the Portfolio grid in a pseudo-terminal — the four facets, their poles and the
//! counts of the demo file, also when the demo is opened from the first run's welcome;
//! Shift+→ moves an initiative to the neighbouring facet in the file and `u` takes it back;
//! presentation mode and zoom at a projector-sized terminal.

use std::path::{Path, PathBuf};

use crate::pty::{Key, Sandbox, TIMEOUT};
use crate::{en, facet_of, try_initiatives, wait_for_facet};

/// The facets in grid order, as the file spells them and as the cell titles name them at
/// 80×24 (the short names, which leave room for "active").
const FACETS: [(&str, &str); 4] = [
    ("mission_oriented", "Mission"),
    ("anticipatory", "Anticipatory"),
    ("enhancement_oriented", "Enhancement"),
    ("adaptive", "Adaptive"),
];

fn demo_file(sandbox: &Sandbox) -> PathBuf {
    sandbox.data_dir().join("demo.json")
}

fn initiatives(path: &Path) -> Vec<serde_json::Value> {
    try_initiatives(path).unwrap_or_else(|| panic!("{} is readable and parses", path.display()))
}

/// Active, not archived initiatives with `facet`: what a cell counts.
fn active_count(all: &[serde_json::Value], facet: &str) -> usize {
    all.iter()
        .filter(|i| {
            i["facet"] == facet
                && i["status"] == "active"
                && !i.get("archived").and_then(serde_json::Value::as_bool).unwrap_or(false)
        })
        .count()
}

#[test]
fn demo_grid_shows_facets_axes_and_counts_and_shift_right_moves_and_undo_restores() {
    let sandbox = Sandbox::new();
    let mut app = sandbox.start(["demo"]);
    app.send("1");
    let file = demo_file(&sandbox);
    let all = initiatives(&file);
    for (key, name) in FACETS {
        // "Mission · 5 active · 28%" at 80 columns, "Mission-oriented · 5 active · 28%" wider.
        app.wait_for(&format!("{name} · {} ", active_count(&all, key)), TIMEOUT);
    }
    // Each pole at its own facet's outer corner.
    for label in ["↖ directed", "uncertainty ↗", "↙ certainty", "undirected ↘"] {
        app.wait_for(label, TIMEOUT);
    }
    for change in ["sustaining", "transformative", "disruptive", "optimising"] {
        app.wait_for(&en(&format!("change_type.{change}")), TIMEOUT);
    }

    // The selection starts on the first mission-oriented initiative, in file (id) order.
    let first_mission = all
        .iter()
        .filter(|i| i["facet"] == "mission_oriented" && !i["archived"].as_bool().unwrap_or(false))
        .filter_map(|i| i["id"].as_u64())
        .min()
        .expect("the demo has a mission-oriented initiative");
    app.send_key(Key::ShiftRight);
    wait_for_facet(&app, &file, first_mission, "anticipatory");
    app.wait_for(&format!("#{first_mission} moved to Anticipatory"), TIMEOUT);
    app.wait_for(&format!("Anticipatory · {} ", active_count(&initiatives(&file), "anticipatory")), TIMEOUT);

    app.send("u");
    wait_for_facet(&app, &file, first_mission, "mission_oriented");
    app.wait_for(&format!("Undone: #{first_mission} "), TIMEOUT);
    app.wait_for("· Facet. Saved.", TIMEOUT);
    app.quit();
    assert_eq!(facet_of(&file, first_mission).as_deref(), Some("mission_oriented"));
}

#[test]
fn presentation_hides_owners_and_zoom_shows_the_whole_question() {
    let sandbox = Sandbox::new();
    let mut app = sandbox.spawn_sized(["demo"], 160, 48);
    app.wait_for("? help", TIMEOUT);
    let all = initiatives(&demo_file(&sandbox));
    let owner = all
        .iter()
        .find(|i| i["facet"] == "mission_oriented")
        .and_then(|i| i["owner"].as_str())
        .expect("a mission-oriented initiative with an owner")
        .to_owned();
    app.wait_for(&owner, TIMEOUT);
    app.press("p", &en("grid.presentation"));
    app.wait_for_gone(&owner, TIMEOUT);
    app.press("z", &en("facet_question.mission_oriented_long"));
    // Zoomed, the facet names its pole; the other facets' poles and the edges are gone.
    app.wait_for(&format!("↖ {}", en("pole.directed_long")), TIMEOUT);
    app.wait_for_gone("uncertainty ↗", TIMEOUT);
    app.wait_for_gone(&en("change_type.transformative"), TIMEOUT);
    app.press("z", "uncertainty ↗");
    app.quit();
}

#[test]
fn welcome_then_d_then_1_shows_the_demo_s_counts() {
    let sandbox = Sandbox::new();
    let mut app = sandbox.spawn::<_, &str>([]);
    app.wait_for(&en("help.welcome_demo"), TIMEOUT);
    app.send("D");
    let file = demo_file(&sandbox);
    app.wait_until("the demo opened", TIMEOUT, |_| file.exists());
    app.send("1");
    let all = initiatives(&file);
    for (key, name) in FACETS {
        let count = active_count(&all, key);
        assert!(count > 0, "the demo has active {key} initiatives");
        app.wait_for(&format!("{name} · {count} "), TIMEOUT);
    }
    app.quit();
}
