//! Reading an entry line's digits: the values it holds, each within the scale, a show of
//! hands' counts, and a line written back as it would be typed. Pure: what a line means is
//! decided here, what it does to a run in the entry itself.

use crate::model::Scale;

/// Something wrong with the line, as a catalog key and its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Refusal {
    pub(super) fn new(key: &'static str, args: &[(&'static str, String)]) -> Self {
        Self { key, args: args.to_vec() }
    }

    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        let args: Vec<(&str, &dyn std::fmt::Display)> =
            self.args.iter().map(|(k, v)| (*k, v as &dyn std::fmt::Display)).collect();
        lang.tf(self.key, &args)
    }
}

/// The values of an entry line: `None` for "no answer". Digits one by one, or numbers
/// between spaces, commas or semicolons.
pub(super) fn tokens(text: &str) -> Result<Vec<Option<u32>>, Refusal> {
    let text = text.trim();
    let one = |token: &str| -> Result<Option<u32>, Refusal> {
        match token {
            "-" | "." => Ok(None),
            t => t
                .parse::<u32>()
                .map(Some)
                .map_err(|_| Refusal::new("entry.not_a_number", &[("text", t.to_owned())])),
        }
    };
    if text.contains([' ', ',', ';']) {
        text.split([' ', ',', ';']).filter(|t| !t.is_empty()).map(one).collect()
    } else {
        text.chars().map(|c| one(c.encode_utf8(&mut [0; 4]))).collect()
    }
}

/// How far a line reaches: up to its last value that is an answer (a "no answer" at the
/// end adds nobody).
pub(super) fn given<T>(values: &[Option<T>]) -> usize {
    values.iter().rposition(Option::is_some).map_or(0, |ix| ix + 1)
}

/// Scores for participants or slots: every value within the scale.
pub(super) fn scores(text: &str, scale: &Scale, what: Position) -> Result<Vec<Option<u8>>, Refusal> {
    tokens(text)?
        .into_iter()
        .enumerate()
        .map(|(ix, value)| match value {
            None => Ok(None),
            Some(v) if v >= u32::from(scale.min) && v <= u32::from(scale.max) => Ok(Some(v as u8)),
            Some(v) => Err(out_of_scale(v, scale, what, ix + 1)),
        })
        .collect()
}

/// What a position in the line stands for, to name it in a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Position {
    Participant,
    Item,
}

pub(super) fn out_of_scale(value: u32, scale: &Scale, what: Position, position: usize) -> Refusal {
    let key = match what {
        Position::Participant => "entry.out_of_scale_participant",
        Position::Item => "entry.out_of_scale_item",
    };
    Refusal::new(
        key,
        &[
            ("score", value.to_string()),
            ("min", scale.min.to_string()),
            ("max", scale.max.to_string()),
            ("position", position.to_string()),
        ],
    )
}

/// A show of hands: one count per step, lowest first; missing steps are 0.
pub(super) fn tally(text: &str, scale: &Scale) -> Result<Vec<u32>, Refusal> {
    let steps = usize::from(scale.max.saturating_sub(scale.min)) + 1;
    let mut counts: Vec<u32> = tokens(text)?.into_iter().map(Option::unwrap_or_default).collect();
    if counts.len() > steps {
        return Err(Refusal::new(
            "entry.tally_too_long",
            &[
                ("found", counts.len().to_string()),
                ("steps", steps.to_string()),
                ("min", scale.min.to_string()),
                ("max", scale.max.to_string()),
            ],
        ));
    }
    counts.resize(steps, 0);
    Ok(counts)
}

/// Values as a line: digits side by side while every value is one digit, else with spaces.
pub(super) fn line_of(values: &[Option<u32>]) -> String {
    let mut end = values.len();
    while end > 0 && values[end - 1].is_none() {
        end -= 1;
    }
    let shown = &values[..end];
    let text = |v: &Option<u32>| v.map_or_else(|| "-".to_owned(), |v| v.to_string());
    if shown.iter().all(|v| v.is_none_or(|v| v < 10)) {
        shown.iter().map(text).collect()
    } else {
        shown.iter().map(text).collect::<Vec<_>>().join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_one_by_one_or_numbers_between_spaces() {
        assert_eq!(tokens("34-2"), Ok(vec![Some(3), Some(4), None, Some(2)]));
        assert_eq!(tokens(" 10 2, 3;. "), Ok(vec![Some(10), Some(2), Some(3), None]));
        assert_eq!(tokens(""), Ok(vec![]));
        assert_eq!(tokens("3x").map_err(|e| e.key), Err("entry.not_a_number"));
    }

    #[test]
    fn lines_are_written_back_as_they_would_be_typed() {
        assert_eq!(line_of(&[Some(3), None, Some(4), None, None]), "3-4");
        assert_eq!(line_of(&[Some(10), Some(2)]), "10 2");
        assert_eq!(line_of(&[None]), "");
    }

    #[test]
    fn a_tally_has_at_most_one_count_per_step() {
        let scale = crate::model::Scale {
            min: 1,
            max: 5,
            steps: vec![],
            extra: crate::model::extras::Extra::default(),
        };
        assert_eq!(tally("0133", &scale), Ok(vec![0, 1, 3, 3, 0]));
        assert_eq!(tally("0 12 3", &scale), Ok(vec![0, 12, 3, 0, 0]));
        assert_eq!(tally("013310", &scale).map_err(|e| e.key), Err("entry.tally_too_long"));
        let refused = scores("3472", &scale, Position::Participant).expect_err("7 is outside 1–5");
        assert_eq!(refused.key, "entry.out_of_scale_participant");
        assert!(refused.args.contains(&("position", "3".to_owned())));
    }
}
