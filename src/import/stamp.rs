//! When a row of an exported sheet says its initiative was last changed: the `Updated` cell,
//! a time or, from a sheet program that dropped the time, a day.

use jiff::civil::Date;

use super::sheet::Cell;

/// What a row's `Updated` cell says of when the initiative was last changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stamp {
    /// A time, to the second.
    At(jiff::Timestamp),
    /// A date without a time: some time that day, in the local time zone.
    Day(Date),
}

impl Stamp {
    /// Whether a change made in fasett `at` came after this: a day is compared as a day in
    /// `zone`, so a change made the same day is never taken for a later one.
    pub(super) fn is_before(self, at: jiff::Timestamp, zone: &jiff::tz::TimeZone) -> bool {
        match self {
            Stamp::At(exported) => at.as_second() > exported.as_second(),
            Stamp::Day(day) => at.to_zoned(zone.clone()).date() > day,
        }
    }
}

/// An `Updated` cell: blank is none; a date-time cell (as the .xlsx export writes it) is UTC;
/// a date cell, or text such as `2026-03-15`, is that day; other text is a timestamp such as
/// `2026-03-15T09:30:00Z`.
pub(super) fn stamp(cell: &Cell) -> Result<Option<Stamp>, ()> {
    let text = cell.text();
    let text = text.trim();
    match cell {
        _ if cell.is_blank() => Ok(None),
        Cell::DateTime(t) => {
            t.to_zoned(jiff::tz::TimeZone::UTC).map(|z| Some(Stamp::At(z.timestamp()))).map_err(|_| ())
        }
        Cell::Date(d) => Ok(Some(Stamp::Day(*d))),
        _ if text.len() == "2026-03-15".len() => text.parse().map(|d| Some(Stamp::Day(d))).map_err(|_| ()),
        _ => text.parse().map(|t| Some(Stamp::At(t))).map_err(|_| ()),
    }
}

/// An `Updated` cell as the time a new initiative was last changed: a day is its first
/// moment in UTC.
pub(super) fn timestamp(cell: &Cell) -> Result<Option<jiff::Timestamp>, ()> {
    match stamp(cell)? {
        None => Ok(None),
        Some(Stamp::At(at)) => Ok(Some(at)),
        Some(Stamp::Day(day)) => {
            day.to_zoned(jiff::tz::TimeZone::UTC).map(|z| Some(z.timestamp())).map_err(|_| ())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_as_cell_or_text_is_a_day_and_a_timestamp_a_time() {
        let day = Stamp::Day(jiff::civil::date(2026, 11, 30));
        assert_eq!(stamp(&Cell::Date(jiff::civil::date(2026, 11, 30))), Ok(Some(day)));
        assert_eq!(stamp(&Cell::Text(" 2026-11-30 ".into())), Ok(Some(day)));
        let at: jiff::Timestamp = "2026-11-30T10:12:00Z".parse().expect("a time");
        assert_eq!(stamp(&Cell::Text("2026-11-30T10:12:00Z".into())), Ok(Some(Stamp::At(at))));
        assert_eq!(stamp(&Cell::Text("30/11".into())), Err(()));
        assert!(!day.is_before(at, &jiff::tz::TimeZone::UTC), "the same day is not later");
    }
}
