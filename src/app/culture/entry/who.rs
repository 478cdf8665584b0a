//! Who a line of scores is about: a run's participants by position. A run that lists two or
//! more participants is taken to list them in the order their scores are typed — the first is
//! R1, the second R2 … — so the line can show their initials and `n` can offer them by name.
//! A single entry is a group's name ("Ledningsgruppen"), not a person. Nothing here is
//! written to the file: the responses stay anonymous, and presentation mode shows R1, R2 ….

use crate::model::{Assessment, Id, Template};
use crate::scoring;

/// The run's participants by position, when it lists each by name; else none.
pub fn named(a: &Assessment) -> &[String] {
    if a.participants.len() >= 2 { &a.participants } else { &[] }
}

/// The id of the participant at `position`: their response's, or for a position past the
/// last response, the id that position is given when it is first scored.
pub fn id_at(a: &Assessment, position: usize) -> Id {
    match a.responses.get(position) {
        Some(r) => r.id,
        None => a.next_response_id() + (position - a.responses.len()) as Id,
    }
}

/// The position of the participant whose id is `id` ([`id_at`] the other way round); `None`
/// when no position has it (their response was removed).
pub fn position_of(a: &Assessment, id: Id) -> Option<usize> {
    if let Some(position) = a.responses.iter().position(|r| r.id == id) {
        return Some(position);
    }
    let ahead = usize::try_from(id.checked_sub(a.next_response_id())?).ok()?;
    Some(a.responses.len() + ahead).filter(|p| *p <= new_position(a))
}

/// The name of the participant at `position` (their response's kept name, else the run's
/// participant listed there), unless names are hidden.
pub fn name_at(a: &Assessment, position: usize, show_names: bool) -> Option<&str> {
    if !show_names {
        return None;
    }
    let kept = a.responses.get(position).map(|r| r.name.trim()).filter(|n| !n.is_empty());
    kept.or_else(|| named(a).get(position).map(|n| n.trim()).filter(|n| !n.is_empty()))
}

/// "Ola Hansen (R2)", or "R5" without a name (or with names hidden).
pub fn label(a: &Assessment, position: usize, show_names: bool) -> String {
    let id = id_at(a, position);
    match name_at(a, position, show_names) {
        Some(name) => format!("{name} (R{id})"),
        None => format!("R{id}"),
    }
}

/// The one-letter marks over the first `count` positions of a line of everyone's scores.
/// A named participant's is their initial; where two share one ("Anna", "Ahmed"), each of
/// them takes the first letter of their name, surname first, that no other mark is. A
/// position past the named ones is a new participant, `+`. In a run without names (or with
/// names hidden) every mark is the position's last digit (from 1).
pub fn marks(a: &Assessment, count: usize, show_names: bool) -> String {
    let letters = |name: &str| -> Vec<char> {
        let words: Vec<&str> = name.split_whitespace().collect();
        let initials = words.iter().skip(1).chain(words.first()).filter_map(|w| w.chars().next());
        let rest = words.iter().flat_map(|w| w.chars().skip(1));
        initials.chain(rest).filter(|c| c.is_alphanumeric()).flat_map(char::to_uppercase).collect()
    };
    // A clash is told apart the same way however far the line has got.
    let all = count.max(new_position(a));
    let names: Vec<Option<&str>> = (0..all).map(|p| name_at(a, p, show_names)).collect();
    let initial = |name: &str| name.chars().next().and_then(|c| c.to_uppercase().next());
    let initials: Vec<Option<char>> = names.iter().map(|n| n.and_then(initial)).collect();
    let shared = |c: char| initials.iter().filter(|i| **i == Some(c)).count() > 1;
    let mut taken: Vec<char> = initials.iter().flatten().copied().filter(|c| !shared(*c)).collect();
    let anyone_named = names.iter().any(Option::is_some);
    (0..count)
        .map(|position| match (names[position], initials[position]) {
            (Some(name), Some(c)) if shared(c) => {
                let mark = letters(name).into_iter().find(|l| !taken.contains(l)).unwrap_or(c);
                taken.push(mark);
                mark
            }
            (Some(_), Some(c)) => c,
            _ if anyone_named && position >= new_position(a) => '+',
            _ => char::from_digit(((position + 1) % 10) as u32, 10).unwrap_or(' '),
        })
        .take(count)
        .collect()
}

/// The position of a new participant: after every response and every named participant.
pub fn new_position(a: &Assessment) -> usize {
    named(a).len().max(a.responses.len())
}

/// The participant `n` opens on: the first named one without a score yet, else a new one.
pub fn first_unscored(a: &Assessment) -> usize {
    (0..named(a).len())
        .find(|p| a.responses.get(*p).is_none_or(|r| r.scores.is_empty()))
        .unwrap_or_else(|| new_position(a))
}

/// A participant's stored scores as a line, every slot in rating order, `-` where they gave
/// none (a full line, so it is entered again as it stands); empty for one without scores.
pub fn scores_line(t: &Template, a: &Assessment, position: usize) -> String {
    let Some(r) = a.responses.get(position).filter(|r| !r.scores.is_empty()) else { return String::new() };
    let values: Vec<Option<u8>> =
        scoring::slots(t).iter().map(|s| r.score(&s.item.id, s.perspective)).collect();
    let text = |v: &Option<u8>| v.map_or_else(|| "-".to_owned(), |v| v.to_string());
    let separator = if values.iter().flatten().all(|v| *v < 10) { "" } else { " " };
    values.iter().map(text).collect::<Vec<_>>().join(separator)
}
