//! Terminal input to actions: the one path every key, paste and resize takes, from the
//! terminal loop and from the test harness alike. Keys go through the keymap with the app's
//! [`KeyContext`](crate::action::KeyContext); pasted text goes to the field being typed in.

use ratatui::crossterm::event::Event;

use crate::action::Action;
use crate::app::App;
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
}
