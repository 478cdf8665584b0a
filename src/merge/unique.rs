//! Benefit and measurement numbers are unique across the whole portfolio (`docs/contracts.md`),
//! but the two sides may each have added one under the same number to different initiatives
//! (or benefits), which the merge of each list cannot see. Such a number stays where the base
//! had it, else where it comes first (by initiative number, then list order: the same answer
//! whichever side merges); the others get the next free number. Nothing refers to a benefit
//! or a measurement by number from elsewhere, so nothing else has to follow.

use std::collections::{HashMap, HashSet};

use super::Renumbered;
use crate::model::{Id, Initiative, Portfolio};

/// Makes benefit and measurement numbers unique in `p`, the merged portfolio, given the
/// initiatives of the base and of our copy (to say whose record moved).
pub(super) fn unique_nested(base: &[Initiative], ours: &[Initiative], p: &mut Portfolio) -> Vec<Renumbered> {
    let mut out = Vec::new();
    // (initiative, benefit) and (initiative, benefit, measurement) as a copy holds them.
    let benefits = |list: &[Initiative]| -> HashSet<(Id, Id)> {
        list.iter().flat_map(|i| i.benefits.iter().map(move |b| (i.id, b.id))).collect()
    };
    let measurements = |list: &[Initiative]| -> HashSet<(Id, Id, Id)> {
        list.iter()
            .flat_map(|i| {
                i.benefits.iter().flat_map(move |b| b.measurements.iter().map(move |m| (i.id, b.id, m.id)))
            })
            .collect()
    };
    let (base_b, ours_b) = (benefits(base), benefits(ours));
    let (base_m, ours_m) = (measurements(base), measurements(ours));

    let used: Vec<(Id, Id)> =
        p.initiatives.iter().flat_map(|i| i.benefits.iter().map(move |b| (i.id, b.id))).collect();
    let moving = moves(&used, |at| base_b.contains(at), |at| at.1);
    let mut next = p.next_id.benefit.max(used.iter().map(|at| at.1).max().unwrap_or(0).saturating_add(1));
    for (initiative, from) in moving {
        let Some(b) = p
            .initiatives
            .iter_mut()
            .find(|i| i.id == initiative)
            .and_then(|i| i.benefits.iter_mut().find(|b| b.id == from))
        else {
            continue;
        };
        b.id = next;
        out.push(renumbered("benefits", from, next, ours_b.contains(&(initiative, from))));
        next = next.saturating_add(1);
    }
    p.next_id.benefit = p.next_id.benefit.max(next);

    let used: Vec<(Id, Id, Id)> = p
        .initiatives
        .iter()
        .flat_map(|i| {
            i.benefits.iter().flat_map(move |b| b.measurements.iter().map(move |m| (i.id, b.id, m.id)))
        })
        .collect();
    let moving = moves(&used, |at| base_m.contains(at), |at| at.2);
    let mut next = p.next_id.measurement.max(used.iter().map(|at| at.2).max().unwrap_or(0).saturating_add(1));
    for (initiative, benefit, from) in moving {
        let Some(m) = p
            .initiatives
            .iter_mut()
            .find(|i| i.id == initiative)
            .and_then(|i| i.benefits.iter_mut().find(|b| b.id == benefit))
            .and_then(|b| b.measurements.iter_mut().find(|m| m.id == from))
        else {
            continue;
        };
        m.id = next;
        out.push(renumbered("measurements", from, next, ours_m.contains(&(initiative, benefit, from))));
        next = next.saturating_add(1);
    }
    p.next_id.measurement = p.next_id.measurement.max(next);
    out
}

/// Of the places in `used` (in order), those whose number an earlier place or a place the
/// base had already holds.
fn moves<T: Copy + Eq + std::hash::Hash>(
    used: &[T],
    in_base: impl Fn(&T) -> bool,
    number: impl Fn(&T) -> Id,
) -> Vec<T> {
    let mut holder: HashMap<Id, T> = HashMap::new();
    for at in used.iter().filter(|at| in_base(at)) {
        holder.entry(number(at)).or_insert(*at);
    }
    for at in used {
        holder.entry(number(at)).or_insert(*at);
    }
    used.iter().filter(|at| holder.get(&number(at)) != Some(*at)).copied().collect()
}

fn renumbered(collection: &str, from: Id, to: Id, ours: bool) -> Renumbered {
    Renumbered { collection: collection.to_owned(), from: u64::from(from), to: u64::from(to), ours }
}
