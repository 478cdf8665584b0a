//! Terminal input to actions: the one path every key, paste and resize takes, from the
//! terminal loop and from the test harness alike. Keys go through the keymap with the app's
//! [`KeyContext`](crate::action::KeyContext); pasted text goes to the field being typed in.
//!
//! Text can arrive faster than anyone types: a paste in a terminal without bracketed paste
//! (tmux's `paste-buffer`, some SSH clients) comes as a burst of key presses. A line break in
//! such a burst must not press Enter, or the rest of the text runs as commands. So events are
//! handled a batch at a time (everything that came in one go, closer together than keys are
//! pressed), and a burst of typing that holds a line break is treated as what it is: pasted
//! text.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::action::{Action, Unbound};
use crate::app::{App, Mode};
use crate::keymap;

/// Handles one terminal event.
pub fn handle(app: &mut App, event: &Event) {
    let action = match event {
        Event::Key(key) => keymap::action_for(&app.key_context(), *key),
        Event::Paste(text) => Some(Action::Paste(text.clone())),
        Event::Resize(width, height) => Some(Action::Resize(*width, *height)),
        _ => None,
    };
    if let Some(action) = action {
        app.update(action);
    }
    if let Mode::Help { back, .. } = &app.mode {
        let max = crate::ui::help_max_scroll(app, back);
        app.keep_help_within(max);
    }
}

/// Handles the events the terminal had ready at once, in order; a burst of typed text that
/// holds a line break becomes one paste into the field being typed in, or is ignored (and
/// said so) when no field is open.
pub fn handle_batch(app: &mut App, events: &[Event]) {
    // A resize is taken first: one that came in the middle of a paste must not cut it in two.
    for event in events.iter().filter(|e| matches!(e, Event::Resize(..))) {
        handle(app, event);
    }
    let events: Vec<Event> = events.iter().filter(|e| !matches!(e, Event::Resize(..))).cloned().collect();
    let mut rest = events.as_slice();
    while let Some((first, tail)) = rest.split_first() {
        let run = typed_run(rest);
        let pasted = run.len > 1 && run.breaks > 0 && !(run.breaks == 1 && run.ends_with_break);
        if pasted && app.key_context().unbound == Unbound::Edit {
            let text: String = rest[..run.len].iter().filter_map(typed_char).collect();
            app.update(Action::Paste(text));
            rest = &rest[run.len..];
            continue;
        }
        if pasted {
            // The first key may open a field for the rest (`n` then the title, typed ahead over
            // a slow connection); any other key of the burst, the first included, is text and
            // never runs as a command (a pasted "Kommunen …" must not move an initiative).
            let opener = match first {
                Event::Key(key) => keymap::action_for(&app.key_context(), *key).filter(Action::opens_a_field),
                _ => None,
            };
            let acted = opener.is_some();
            if let Some(action) = opener {
                app.update(action);
            }
            if app.key_context().unbound != Unbound::Edit {
                let text = &rest[usize::from(acted)..run.len];
                let count = text.iter().filter(|e| typed_char(e) != Some('\n')).count();
                app.set_error(app.lang.tn("status.paste_ignored", count, &[]));
                rest = &rest[run.len..];
                continue;
            }
            rest = tail;
            continue;
        }
        handle(app, first);
        rest = tail;
        if app.should_quit {
            return;
        }
    }
}

/// The leading events of a batch that are plain typing (characters and Enter).
struct Run {
    len: usize,
    breaks: usize,
    ends_with_break: bool,
}

fn typed_run(events: &[Event]) -> Run {
    let len = events.iter().take_while(|e| typed_char(e).is_some()).count();
    let breaks = events[..len].iter().filter(|e| typed_char(e) == Some('\n')).count();
    let ends_with_break = len > 0 && typed_char(&events[len - 1]) == Some('\n');
    Run { len, breaks, ends_with_break }
}

/// The character a key press types, `\n` for Enter; `None` for anything else.
fn typed_char(event: &Event) -> Option<char> {
    let Event::Key(KeyEvent { code, modifiers, kind: KeyEventKind::Press | KeyEventKind::Repeat, .. }) =
        event
    else {
        return None;
    };
    // A line feed in text that arrives unbracketed reaches a raw terminal as Ctrl-J.
    if *code == KeyCode::Char('j') && *modifiers == KeyModifiers::CONTROL {
        return Some('\n');
    }
    if !(modifiers.is_empty() || *modifiers == KeyModifiers::SHIFT) {
        return None;
    }
    match code {
        KeyCode::Char(c) => Some(*c),
        KeyCode::Enter => Some('\n'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::action::Pane;
    use crate::app::Mode;
    use crate::testing::Harness;

    /// An empty register; `Harness::burst` hands its text to `handle_batch` in one batch.
    fn app() -> Harness {
        Harness::empty().on(Pane::Initiatives)
    }

    #[test]
    fn a_line_break_in_a_typed_burst_is_pasted_not_pressed() {
        let mut app = app();
        app.burst("na\nb");
        let Mode::Form(form) = &app.mode else { panic!("the form stays open") };
        assert_eq!(form.state.line(crate::app::Field::Title).map(tui_input::Input::value), Some("a b"));
        assert!(app.portfolio.initiatives.is_empty(), "nothing saved half-way");
    }

    #[test]
    fn a_line_feed_in_a_typed_burst_is_a_line_break_too() {
        use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
        let mut app = app();
        let key = |code, modifiers| Event::Key(KeyEvent::new(code, modifiers));
        let events = [
            key(KeyCode::Char('n'), KeyModifiers::NONE),
            key(KeyCode::Char('a'), KeyModifiers::NONE),
            key(KeyCode::Char('j'), KeyModifiers::CONTROL),
            key(KeyCode::Char('b'), KeyModifiers::NONE),
        ];
        super::handle_batch(&mut app, &events);
        let Mode::Form(form) = &app.mode else { panic!("the form stays open") };
        assert_eq!(form.state.line(crate::app::Field::Title).map(tui_input::Input::value), Some("a b"));
    }

    #[test]
    fn typed_text_ending_in_one_enter_presses_it() {
        let mut app = app();
        app.burst("nTitle\n");
        assert!(matches!(app.mode, Mode::Normal));
        assert_eq!(app.portfolio.initiatives.len(), 1);
        assert_eq!(app.portfolio.initiatives[0].title, "Title");
    }

    #[test]
    fn a_pasted_paragraph_outside_a_field_is_not_run_as_commands() {
        let mut app = app();
        app.burst("llan\nförvaltningar e");
        assert!(matches!(app.mode, Mode::Normal), "`a`, `e`, `n` and the rest did not act");
        assert!(app.status.as_ref().is_some_and(|s| s.is_error && s.text.contains("19")));
        app.burst("quick\nbrown");
        assert!(!app.should_quit, "a paste starting with q does not quit");
    }

    #[test]
    fn a_resize_inside_a_burst_does_not_cut_the_paste_in_two() {
        use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
        let mut app = app();
        app.press('n');
        let key = |c| Event::Key(KeyEvent::from(if c == '\n' { KeyCode::Enter } else { KeyCode::Char(c) }));
        let mut events: Vec<Event> = "a\nb".chars().map(key).collect();
        events.insert(2, Event::Resize(100, 30));
        super::handle_batch(&mut app, &events);
        assert_eq!(app.size, (100, 30));
        let Mode::Form(form) = &app.mode else { panic!("the form stays open") };
        assert_eq!(form.state.line(crate::app::Field::Title).map(tui_input::Input::value), Some("a b"));
    }

    #[test]
    fn no_key_of_a_pasted_paragraph_edits_even_the_first() {
        let mut app = Harness::sample().on(Pane::Portfolio);
        let before = app.portfolio.clone();
        // K moves the selected initiative a facet up, x archives, u undoes: all saved edits.
        app.burst(
            "Kommunen ska
samverka",
        );
        app.burst(
            "x
y",
        );
        app.burst(
            "u
u",
        );
        assert_eq!(app.portfolio, before, "nothing moved, archived or undone");
        assert_eq!(app.pane, Pane::Portfolio);
        assert!(app.status.as_ref().is_some_and(|s| s.is_error));
        app.burst(
            "2a
b",
        );
        assert_eq!(app.pane, Pane::Portfolio, "not even a pane switch");
        assert!(app.status.as_ref().is_some_and(|s| s.text.contains("(3 ")), "all three characters ignored");
    }

    #[test]
    fn held_keys_and_separate_presses_still_act() {
        let mut app = app();
        app.burst("jjj");
        app.burst("n");
        assert!(matches!(app.mode, Mode::Form(_)));
    }
}
