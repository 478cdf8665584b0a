//! Stepping through a list of choices with wraparound: the sort key, a form's choice field, a
//! filter value, the focused field of a dialog. One rule everywhere: after the last comes the
//! first, before the first comes the last, and a value that is not in the list stands just
//! before the first (so forward gives the first and backward the last). Nothing here panics on
//! an empty list.

/// The index after (`forward`) or before `ix` among `len` places, wrapping around; 0 when
/// there are none. An index past the end counts as the last.
pub fn step_index(ix: usize, len: usize, forward: bool) -> usize {
    match (len, forward) {
        (0, _) => 0,
        (_, true) => (ix.min(len - 1) + 1) % len,
        (_, false) => (ix.min(len - 1) + len - 1) % len,
    }
}

/// The value of `all` after (or before) `current`, or the first (last) when nothing is chosen
/// or `current` is not in the list; `None` only when `all` is empty.
pub fn step_from<T: Clone + PartialEq>(all: &[T], current: Option<&T>, forward: bool) -> Option<T> {
    let ix = match current.and_then(|c| all.iter().position(|x| x == c)) {
        Some(ix) => step_index(ix, all.len(), forward),
        None if forward => 0,
        None => all.len().checked_sub(1)?,
    };
    all.get(ix).cloned()
}

/// The value of `all` after (or before) `current`, wrapping around; `current` itself when
/// `all` is empty.
pub fn step<T: Clone + PartialEq>(all: &[T], current: &T, forward: bool) -> T {
    step_from(all, Some(current), forward).unwrap_or_else(|| current.clone())
}

/// Like [`step`] over "none" followed by `all`: from none to the first value, from the last
/// back to none. A value not in `all` counts as none.
pub fn step_or_none<T: Clone + PartialEq>(all: &[T], current: Option<&T>, forward: bool) -> Option<T> {
    let at = current.and_then(|c| all.iter().position(|x| x == c)).map_or(0, |ix| ix + 1);
    let next = step_index(at, all.len() + 1, forward);
    next.checked_sub(1).and_then(|ix| all.get(ix)).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_wrap_both_ways() {
        assert_eq!([0, 1, 2].map(|ix| step_index(ix, 3, true)), [1, 2, 0]);
        assert_eq!([0, 1, 2].map(|ix| step_index(ix, 3, false)), [2, 0, 1]);
        assert_eq!(step_index(0, 1, true), 0);
        assert_eq!(step_index(5, 0, true), 0, "nothing to step through");
        assert_eq!(step_index(9, 3, false), 1, "a stale index counts as the last");
    }

    #[test]
    fn values_wrap_and_a_stranger_stands_before_the_first() {
        let all = ['a', 'b', 'c'];
        assert_eq!(step(&all, &'c', true), 'a');
        assert_eq!(step(&all, &'a', false), 'c');
        assert_eq!(step(&all, &'b', true), 'c');
        assert_eq!(step(&all, &'x', true), 'a');
        assert_eq!(step(&all, &'x', false), 'c');
        assert_eq!(step(&[], &'x', true), 'x', "an empty list keeps the value");
        assert_eq!(step_from(&all, None, true), Some('a'));
        assert_eq!(step_from(&all, None, false), Some('c'));
        assert_eq!(step_from::<char>(&[], None, false), None);
    }

    #[test]
    fn none_comes_first_when_it_is_a_choice() {
        let all = ["x".to_owned(), "y".to_owned()];
        let walk: Vec<Option<String>> = std::iter::successors(Some(None), |cur: &Option<String>| {
            Some(step_or_none(&all, cur.as_ref(), true))
        })
        .take(4)
        .collect();
        assert_eq!(walk, [None, Some("x".to_owned()), Some("y".to_owned()), None]);
        assert_eq!(step_or_none(&all, None, false), Some("y".to_owned()));
        assert_eq!(step_or_none(&all, Some(&"x".to_owned()), false), None);
        assert_eq!(step_or_none(&all, Some(&"gone".to_owned()), true), Some("x".to_owned()));
        assert_eq!(step_or_none::<String>(&[], None, true), None);
    }
}
